"""URL and widget state: every value from a URL or a widget validated before it is compared, stored or used.

Anything can arrive over Streamlit's websocket, not only what the page's widgets offer: a select's value that is
not one of its options, a number where a string was expected, 200,000 characters. Values from widgets go through
`option`, `options_in` and `labeller` exactly as URL values go through UrlState."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date

from components.i18n import _

MAX_ECHO = 40  # characters of a bad value repeated back in a notice, everywhere (a phishing sentence needs more)
# Characters a visitor's text may not carry, replaced before it is used or echoed: every character of Unicode
# categories Cc (controls), Cf (format: bidi marks, embeddings, overrides and isolates, zero-width characters,
# soft hyphen, the tag block, interlinear annotation), Co (private use), Cs (surrogates), Zl and Zp (line and
# paragraph separators), and the invisible marks of other categories: the combining grapheme joiner (U+034F),
# Hangul and halfwidth fillers (U+115F, U+1160, U+3164, U+FFA0), Khmer's invisible vowels (U+17B4-17B5),
# Mongolian variation selectors (U+180B-180F), the blank braille pattern (U+2800), variation selectors
# (U+FE00-FE0F, U+E0100-E01EF) and the whole tag block (U+E0000-E007F). A U+202E in a URL would reverse the
# notice it is echoed into; tag characters are hidden text that travels into an embed snippet, an SVG or a CSV
# a journalist pastes elsewhere. The category ranges are those of Unicode 14 (Python 3.11);
# tests/test_robustness.py checks them against the running Python's own Unicode tables.
UNSAFE_CHARS = re.compile(
    "[\x00-\x1f\x7f-\x9f\xad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160"
    "\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u2800\u3164\ud800-\uf8ff"
    "\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e007f\U000e0100-\U000e01ef\U000f0000-\U0010ffff]")
REPLACEMENT = "\ufffd"  # shown where an unsafe character was, so the visitor sees the value was altered
# A value repeated in a notice is an inline code span: Markdown makes no link of it (the frontend's GFM
# autolinks turned `https://…`, `www.…` and e-mail addresses into live links even when backslash-escaped).
# A backtick in the value is replaced so the span cannot be closed early.
CODE_MARK = "`"
_RAW_CAP = 4 * 1024  # characters of a raw value read before cleaning: enough for every cut below, linear work


def clean(raw: object, replacement: str = "") -> str:
    """Text with whitespace folded to single spaces and every control, bidi or invisible character replaced.

    Only the first few thousand characters are read: every use cuts far shorter (a 200,000-character value sent
    over the websocket once cost a regex and a split over all of it)."""
    return UNSAFE_CHARS.sub(replacement, " ".join(str(raw)[:_RAW_CAP].split()))


def shown(raw: object) -> str:
    """A bad value as it may be repeated to the visitor: short, one line, no control, bidi or invisible
    characters, as an inline code span (no link, no Markdown); empty for an empty value."""
    text = clean(raw, REPLACEMENT).replace(CODE_MARK, REPLACEMENT)
    if not text:
        return ""
    return CODE_MARK + (text if len(text) <= MAX_ECHO else text[: MAX_ECHO - 1] + "…") + CODE_MARK


def parse_choice(raw: str | None, options: Collection[str], default: str | None, label: str
                 ) -> tuple[str | None, str | None]:
    """Validate one value against its options; return (value, notice for the visitor or None)."""
    if raw is None or raw == "":
        return default, None
    if raw in options:
        return raw, None
    return default, _("Unknown {label} “{value}”: showing the default view instead.").format(label=label,
                                                                                             value=shown(raw))


def parse_many(raw: list[str] | None, options: Collection[str], label: str) -> tuple[list[str], str | None]:
    """Validate a repeated or comma-joined parameter; unknown items are dropped with a notice."""
    items = [x.strip() for value in (raw or []) for x in str(value).split(",") if x.strip()]
    good = [x for x in dict.fromkeys(items) if x in options]
    bad = [x for x in items if x not in options]
    notice = _("Unknown {label} “{value}” ignored.").format(label=label, value=shown(", ".join(bad))) if bad else None
    return good, notice


def parse_date(raw: str | None, label: str) -> tuple[date | None, str | None]:
    """Parse an ISO date parameter; a value that is not a real date falls back with a notice."""
    if raw is None or raw == "":
        return None, None
    try:
        return date.fromisoformat(str(raw)), None
    except ValueError:
        return None, _("“{value}” is not a date (YYYY-MM-DD): {label} ignored.").format(value=shown(raw), label=label)


def parse_text(raw: str | None, max_len: int = 100) -> str:
    """A free-text parameter as plain text: one line, bounded length, control and bidi characters removed."""
    return " ".join(clean(raw or "").split())[:max_len]


def limit_text(value: str | None, limit: int, label: str) -> tuple[str, str | None]:
    """Text from a box, cleaned as URL text is (one line, no control, bidi or invisible characters) and cut to
    `limit` characters, and a notice saying the limit when it was cut.

    The boxes have no `max_chars`: Streamlit's browser side silently drops a paste longer than that limit,
    leaving the box empty with no word why. The limit is enforced here instead, where it can be explained.
    Cleaned like the URL's text, so the box's value and the URL's agree and a page never reruns to reconcile them.
    """
    text = clean(value or "")
    if len(text) <= limit:
        return text, None
    return text[:limit], _("{label} takes at most {limit} characters: only the first {limit} were used.").format(
        label=label, limit=limit)


# A page of the Atlas as its own links name it: a path, then a query of ids, dates and percent-escapes: no space,
# no Markdown brackets, parentheses or `!`, and no `.` or `@`, without which no text is an autolink (every
# web address and e-mail address has a dot), since an issue tracker renders the report's body as Markdown
_PAGE_REF = re.compile(r"(/[a-z0-9-]*)(\?[A-Za-z0-9_,:%=&/+-]*)?")
MAX_PAGE_REF = 300


def valid_page_ref(raw: object, paths: Collection[str]) -> str:
    """`raw` if it is a page of the Atlas (`/map?country=FRA`) whose path is in `paths`, else ""."""
    text = str(raw or "")
    match = _PAGE_REF.fullmatch(text) if len(text) <= MAX_PAGE_REF else None
    return text if match and match.group(1) in paths else ""


# A label no option has (a control character never reaches a label: they are cleaned from every text)
UNKNOWN_LABEL = "\x00"


def labeller(names: Mapping, fallback: str | None = None):
    """A widget's `format_func` that names only its options: `names[value]`, else a label no option has.

    Streamlit keeps a select's value when its label is one of the options' labels; a `format_func` that named an
    unknown value "All" (`names.get(v, "All")`) let a value sent over the websocket pass as a real choice, and a
    page that wrote it to the URL reran forever. `fallback` names the options missing from `names` only when the
    value is one of them (`options` given to the widget): pass it as `names | {"": fallback}` instead."""
    def label(value: object) -> str:
        try:
            return str(names[value])
        except (KeyError, TypeError):  # TypeError: an unhashable value (a list sent where a string was expected)
            return UNKNOWN_LABEL
    return label


def option(value: object, options: Collection, default=None):
    """A widget's value if it is one of `options`, else `default` (with no rerun and no notice: a visitor using
    the page never sends one; anything else is dropped)."""
    try:
        return value if value in options else default
    except TypeError:  # an unhashable value
        return default


def options_in(values: object, options: Collection) -> list:
    """The values of a multi-choice widget that are among `options`, in order, once each; anything else dropped."""
    if not isinstance(values, (list, tuple)):
        return []
    return list(dict.fromkeys(v for v in values if option(v, options) is not None))


@dataclass
class UrlState:
    """The page's query parameters: validated reads, notices collected, writes that drop defaults."""

    params: object  # st.query_params or a plain dict in tests
    notices: list[str] = field(default_factory=list)

    def _get(self, key: str) -> str | None:
        values = self._get_all(key)
        if len(values) > 1:
            # Streamlit reads the last of repeated values; say so, and keep only that one in the URL
            used = str(values[-1])
            self.notices.append(_("“{key}” was given {n} times: using the last value, “{value}”.").format(
                key=shown(key), n=len(values), value=shown(used) or _("(empty)")))
            self.params[key] = used
            return used
        return str(values[0]) if values else None

    def _get_all(self, key: str) -> list[str]:
        getter = getattr(self.params, "get_all", None)
        if getter:
            return list(getter(key))
        value = self.params.get(key)
        return [] if value is None else (list(value) if isinstance(value, list) else [value])

    def _note(self, key: str, notice: str | None) -> None:
        if notice:
            self.notices.append(notice)
            self.set(key, None)

    def choice(self, key: str, options: Collection[str], default: str | None = None, label: str | None = None):
        """A single value from `options`, else `default` with a notice."""
        value, notice = parse_choice(self._get(key), options, default, label or key)
        self._note(key, notice)
        return value

    def many(self, key: str, options: Collection[str], label: str | None = None) -> list[str]:
        """Several values from `options` (repeated or comma-joined); unknown ones dropped with a notice."""
        values, notice = parse_many(self._get_all(key), options, label or key)
        if notice:
            self.notices.append(notice)
            self.set(key, ",".join(values) or None)
        return values

    def date(self, key: str, label: str | None = None):
        """An ISO date, or None with a notice when it is not one."""
        value, notice = parse_date(self._get(key), label or key)
        self._note(key, notice)
        return value

    def text(self, key: str, max_len: int = 100) -> str:
        """Free text, as plain text."""
        return parse_text(self._get(key), max_len)

    def exclusive(self, chosen: dict[str, str | None]) -> str | None:
        """Keep the first given of parameters that cannot apply together; drop the others with a notice.

        `chosen` maps each parameter, in order of precedence, to its validated value (None when absent).
        Returns the key kept, or None when none was given.
        """
        given = [k for k, v in chosen.items() if v]
        if len(given) > 1:
            kept, dropped = given[0], ", ".join(given[1:])
            self.notices.append(_("Both “{kept}” and “{dropped}” were given: showing the {kept} “{value}”, "
                                  "{dropped} ignored.").format(kept=kept, dropped=dropped, value=shown(chosen[kept])))
            for key in given[1:]:
                self.set(key, None)
        return given[0] if given else None

    def set(self, key: str, value: str | None) -> None:
        """Write a parameter; None or empty removes it, so defaults stay out of the URL."""
        if value in (None, ""):
            if key in self.params:
                del self.params[key]
        elif self._get(key) != value:
            self.params[key] = value
