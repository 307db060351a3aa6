"""URL query-parameter state: one helper reads, validates and writes every filter."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from components.i18n import _

MAX_ECHO = 40  # characters of a bad value repeated back in a notice
# C0 and C1 controls, bidi marks, embeddings, overrides and isolates (U+061C, U+200E/F, U+202A-202E,
# U+2066-2069), zero-width and line/paragraph separators, BOM: a U+202E in a URL would reverse the rest of
# the notice it is echoed into, and controls garble it. Whitespace among them is folded to spaces first.
UNSAFE_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
REPLACEMENT = "\ufffd"  # shown where an unsafe character was, so the visitor sees the value was altered


def clean(raw: object, replacement: str = "") -> str:
    """Text with whitespace folded to single spaces and every control or bidi character replaced."""
    return UNSAFE_CHARS.sub(replacement, " ".join(str(raw).split()))


def _shown(raw: str) -> str:
    """A bad value as it may be repeated to the visitor: short, one line, no control or bidi characters."""
    text = clean(raw, REPLACEMENT)
    return text if len(text) <= MAX_ECHO else text[: MAX_ECHO - 1] + "…"


def parse_choice(raw: str | None, options: Collection[str], default: str | None, label: str
                 ) -> tuple[str | None, str | None]:
    """Validate one value against its options; return (value, notice for the visitor or None)."""
    if raw is None or raw == "":
        return default, None
    if raw in options:
        return raw, None
    return default, _("Unknown {label} “{value}”: showing the default view instead.").format(label=label,
                                                                                             value=_shown(raw))


def parse_many(raw: list[str] | None, options: Collection[str], label: str) -> tuple[list[str], str | None]:
    """Validate a repeated or comma-joined parameter; unknown items are dropped with a notice."""
    items = [x.strip() for value in (raw or []) for x in str(value).split(",") if x.strip()]
    good = [x for x in dict.fromkeys(items) if x in options]
    bad = [x for x in items if x not in options]
    notice = _("Unknown {label} “{value}” ignored.").format(label=label, value=_shown(", ".join(bad))) if bad else None
    return good, notice


def parse_date(raw: str | None, label: str) -> tuple[date | None, str | None]:
    """Parse an ISO date parameter; a value that is not a real date falls back with a notice."""
    if raw is None or raw == "":
        return None, None
    try:
        return date.fromisoformat(str(raw)), None
    except ValueError:
        return None, _("“{value}” is not a date (YYYY-MM-DD): {label} ignored.").format(value=_shown(raw), label=label)


def parse_text(raw: str | None, max_len: int = 100) -> str:
    """A free-text parameter as plain text: one line, bounded length, control and bidi characters removed."""
    return " ".join(clean(raw or "").split())[:max_len]


def limit_text(value: str | None, limit: int, label: str) -> tuple[str, str | None]:
    """Text from a box cut to `limit` characters, and a notice saying the limit when it was cut.

    The boxes have no `max_chars`: Streamlit's browser side silently drops a paste longer than that limit,
    leaving the box empty with no word why. The limit is enforced here instead, where it can be explained.
    """
    text = str(value or "")
    if len(text) <= limit:
        return text, None
    return text[:limit], _("{label} takes at most {limit} characters: only the first {limit} were used.").format(
        label=label, limit=limit)


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
                key=_shown(key), n=len(values), value=_shown(used) or _("(empty)")))
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
                                  "{dropped} ignored.").format(kept=kept, dropped=dropped, value=_shown(chosen[kept])))
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
