"""Interface language: gettext catalogs made with Babel's tooling, Babel dates and numbers, the active language.

Interface strings are marked with `_()` / `ngettext()` (or `N_()` where a constant is defined and translated
where it is shown); `pybabel extract -F babel.cfg -o locales/messages.pot .` collects them and
`locales/<lang>/LC_MESSAGES/messages.po` holds each language of LANGUAGES (README.md, "Adding a language").
The compiled `.mo` files are built by the set-up commands (`pybabel compile -d locales` in scripts/run.sh and
scripts/test.sh) and are not committed; a missing or stale `.mo` is compiled in memory from the `.po`, so a
checkout still runs in every language.

Pure except `active()`, which reads the session's language when it runs inside Streamlit. Shaping functions
that build sentences take a `Translator` (default: English), so they stay pure and testable.
"""

from __future__ import annotations

import gettext
import io
import re
import sys
import threading
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd
from babel.dates import format_date as _babel_date
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"
DEFAULT_LANG = "en"


@dataclass(frozen=True)
class Language:
    """One language of the Atlas: its own name, its CLDR locale (Babel's dates, numbers, lists and names)."""

    name: str  # in the language itself: the control shows each language as a reader of it looks for it
    locale: str
    first_day: str = ""  # the first of the month where the language does not write a plain "1" (French "1er")
    # French typography: no line break before : ; ! ? » or after «, inside a date, between a count and its noun
    # (no_break() below, applied once here to every catalog string, date and translated text)
    no_break: bool = False


# THE list of languages. Every other one has a catalog locales/<code>/LC_MESSAGES/messages.po and a folder of
# translated content data/i18n/<code>/ (components/data.py reads its files from here); nothing else names a
# language. README.md, "Adding a language", says what to create.
LANGUAGES = {
    "en": Language("English", "en_GB"),  # en_GB: day before month, "1 November 2023", as the pages always wrote
    "fr": Language("Français", "fr_FR", first_day="1er", no_break=True),
    "es": Language("Español", "es"),  # CLDR's Spanish without a region: neutral international Spanish
}
TRANSLATED_LANGS = tuple(code for code in LANGUAGES if code != DEFAULT_LANG)
SESSION_KEY = "atlas_lang"
# Babel's own date patterns for a month-precision and a year-precision date ("novembre 2023", "2023")
_MONTH_SKELETON = "MMMMy"


NBSP, NNBSP = "\u00a0", "\u202f"  # no-break space (before a colon), narrow no-break space (; ! ? « »)
_NARROW_BEFORE = re.compile(r"[ \u00a0]+([;!?»])")
_NARROW_AFTER = re.compile(r"«[ \u00a0]+")
_BEFORE_COLON = re.compile(r" +:(?=\s|$|\*)")
# a count placeholder of a catalog string and the word after it: "{n} pays", "{total} textes"
_COUNT_WORD = re.compile(r"(\{(?:n|total|top|listed|rows|minutes|a|b)\}) (?=[^\W\d_])")


@lru_cache(maxsize=8192)
def no_break(text: str, counts: bool = False) -> str:
    """French spacing that browsers cannot break: a narrow no-break space before ; ! ? » and after «, a no-break
    space before a colon; with `counts` (a catalog string), a no-break space between a count and its noun."""
    if not text:
        return text
    text = _NARROW_BEFORE.sub(NNBSP + r"\1", text)
    text = _NARROW_AFTER.sub("«" + NNBSP, text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    return _COUNT_WORD.sub(r"\1" + NBSP, text) if counts else text


def N_(message: str) -> str:
    """Mark a constant for extraction; it is translated where it is shown (`tr.gettext(CONSTANT)`)."""
    return message


# Shown with every translated content text, in the page's language (`_(TRANSLATED_NOTE)`)
TRANSLATED_NOTE = N_("Translated by the Atlas team; the English text is authoritative.")


def _catalog(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of `lang`; compiled in memory from the .po when the .mo is missing or older."""
    if lang == DEFAULT_LANG:
        return gettext.NullTranslations()
    folder = LOCALES_DIR / lang / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fp:
            return gettext.GNUTranslations(fp)
    if not po.exists():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fp:
        catalog = read_po(fp, locale=lang)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


@dataclass(frozen=True, eq=False)
class Translator:
    """One language: its catalog, and dates, numbers and lists written the way that language writes them."""

    lang: str
    catalog: gettext.NullTranslations

    @property
    def locale(self) -> str:
        return LANGUAGES[self.lang].locale

    @property
    def name(self) -> str:
        """The language's own name (`Français`)."""
        return LANGUAGES[self.lang].name

    def typeset(self, text: str, counts: bool = False) -> str:
        """`text` with the language's no-break spaces (French), else as it is."""
        return no_break(text, counts) if LANGUAGES[self.lang].no_break else text

    def gettext(self, message: str) -> str:
        return self.typeset(self.catalog.gettext(message), counts=True)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.typeset(self.catalog.ngettext(singular, plural, n), counts=True)

    def pgettext(self, context: str, message: str) -> str:
        """`message` as written in one context (a status after a title: French "a signé", not "A signé")."""
        return self.typeset(self.catalog.pgettext(context, message), counts=True)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self.typeset(self.catalog.npgettext(context, singular, plural, n), counts=True)

    def joined(self, items: list[str]) -> str:
        """Items joined by semicolons, as the language writes them: `a; b` / `a ; b` (French puts a space before
        ';', ':', '?' and '!'); one catalog string, so each language says it once."""
        out = ""
        for item in items:
            out = self.gettext("{before}; {after}").format(before=out, after=item) if out else str(item)
        return out

    def number(self, n: float) -> str:
        """`40,000` in English, `40 000` in French."""
        return format_decimal(n, locale=self.locale)

    def percent(self, share: float) -> str:
        """`57%` in English, `57 %` in French."""
        return format_percent(share, locale=self.locale)

    def names(self, items: list[str]) -> str:
        """`A, B and C` / `A, B et C`."""
        return format_list([str(i) for i in items], locale=self.locale) if items else ""

    def date(self, iso: str | date, precision: str | None = "day") -> str:
        """`1 November 2023` / `1 novembre 2023`; month precision `novembre 2023`; year precision `2023`;
        `on_or_before`: `on or before 7 February 2025` / `au plus tard le 7 février 2025` (the day is a bound, not
        the day it happened, so the words say so wherever the date is shown)."""
        day = iso if isinstance(iso, date) else pd.Timestamp(iso).date()
        if precision == "on_or_before":
            return self.gettext("on or before {date}").format(date=self.date(day))
        if precision == "year":
            return str(day.year)
        if precision == "month":
            from babel.dates import format_skeleton

            return self._glued(format_skeleton(_MONTH_SKELETON, day, locale=self.locale))
        return self._glued(self._first(day, _babel_date(day, format="long", locale=self.locale)))

    def day_month(self, day: date) -> str:
        """`30 April` / `30 avril`, `1er avril` / `30 de abril`: CLDR's day-and-month pattern of the language."""
        from babel.dates import format_skeleton

        return self._glued(self._first(day, format_skeleton("MMMMd", day, locale=self.locale)))

    def _glued(self, when: str) -> str:
        # a date is not broken across lines in French ("1er novembre 2023" stays whole)
        return when.replace(" ", NBSP) if LANGUAGES[self.lang].no_break else when

    def day_number(self, day: date) -> str:
        """The day of the month as a date starts: `1`, but French `1er` (`1er–2 novembre 2023`)."""
        return self._first(day, str(day.day))

    def _first(self, day: date, text: str) -> str:
        # French writes the first of the month as an ordinal, "1er novembre 2023"; CLDR's patterns (Babel) only
        # have the plain day number, so it is added here (Language.first_day)
        first = LANGUAGES[self.lang].first_day
        if first and day.day == 1 and text.startswith("1") and not text[1:2].isdigit():
            return first + text[1:]
        return text


@lru_cache(maxsize=None)
def translator(lang: str = DEFAULT_LANG) -> Translator:
    """The shared translator of a language (an unknown code gives English)."""
    lang = lang if lang in LANGUAGES else DEFAULT_LANG
    return Translator(lang, _catalog(lang))


EN = translator(DEFAULT_LANG)
_local = threading.local()


def activate(lang: str) -> Translator:
    """Make `lang` the active language of this session (inside Streamlit) and of this thread."""
    tr = translator(lang)
    _local.lang = tr.lang
    ctx = _run_context()
    if ctx is not None:
        import streamlit as st

        st.session_state[SESSION_KEY] = tr.lang
        setattr(ctx, _CTX_TRANSLATOR, tr)
    return tr


# NOTE: the session's translator is also kept on the script run's context, which belongs to one session's
# script runner: `_()` is called 60-odd times in a map run, and each read of st.session_state through its proxy
# (a key check, then the value) cost 15-20 µs: about 9 % of the map page's server time under a burst (py-spy).
# app.py activates the language at the start of every full run; a fragment rerun in a new runner reads the
# session's state once.
_CTX_TRANSLATOR = "_atlas_translator"


def _run_context():
    """Streamlit's context of the current script run, else None (tests, scripts, CLI)."""
    if "streamlit" not in sys.modules:
        return None
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    return get_script_run_ctx(suppress_warning=True)


def active() -> Translator:
    """The active translator: the session's language inside Streamlit (fragment reruns included), else this
    thread's, else English."""
    ctx = _run_context()
    if ctx is not None:
        tr = getattr(ctx, _CTX_TRANSLATOR, None)
        if tr is None:
            import streamlit as st

            tr = translator(st.session_state.get(SESSION_KEY, getattr(_local, "lang", DEFAULT_LANG)))
            setattr(ctx, _CTX_TRANSLATOR, tr)
        return tr
    return translator(getattr(_local, "lang", DEFAULT_LANG))


def _(message: str) -> str:
    """An interface string in the active language."""
    return active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """An interface string with a number, in the plural form the active language uses for `n`."""
    return active().ngettext(singular, plural, n)


def lang_params(params: dict | None = None, lang: str | None = None) -> dict:
    """Query parameters of a link the Atlas builds, with the active language added when it is not the default."""
    lang = lang or active().lang
    out = dict(params or {})
    if lang != DEFAULT_LANG:
        out["lang"] = lang
    return out


# --- content: the translated text columns of data/i18n/<lang>/ in place of the English ---------------------

# English table -> (key, {column in the Atlas table: column of the translation file})
CONTENT_COLUMNS = {
    "risks": ("risk_id", {c: c for c in ("title", "summary", "explanation", "example", "agreed", "mit_subdomain")}),
    "questions": ("question_id", {c: c for c in ("question", "choices", "answer", "explanation")}),
    "glossary": ("term", {"term": "term_{lang}", "definition": "definition"}),
    "summits": ("summit_id", {c: c for c in ("name", "short_name", "in_sentence", "summary", "city")}),
    "documents": ("document_id", {c: c for c in ("title", "short_title", "in_sentence", "summary",
                                                  "entry_into_force_rule")}),
    "parties": ("party_id", {"name": "name", "short_name": "short_name"}),
    "events": ("event_id", {"title": "title", "summary": "summary"}),
    "statements": ("statement_id", {"speaker": "speaker", "role": "role", "gist": "gist",
                                    "quote_gloss": "quote_gloss"}),
    "story": ("step", {"title": "title", "text": "text"}),
    # keyed by the note's English text (data/i18n/<lang>/notes.csv): one row per distinct note
    "endorsements": ("note", {"note": "note_{lang}"}),
    "themes": ("theme_id", {"label": "label", "description": "description"}),
    "reading": ("step", {"question": "question", "note": "note"}),
    # NOT a translation: the passage as the document's official text in that language words it (few have one)
    "passages": ("passage_id", {"quote": "quote", "source_url": "source_url"}),
    # About the data: keyed by each change's stable id (data.DERIVED_KEYS), and by file
    "changes": ("change_id", {"summary": "summary", "reason": "reason"}),
    "sources": ("file", {"producer": "producer", "note": "note"}),
}


_NO_FALLBACK = ("quote_gloss", "short_name")


def localize(atlas, lang: str):
    """The Atlas with the translated text of `lang` in place of the English (English where a row has none).

    Facts, ids, dates and sources stay the English file's. Translated rows get `translated = True`; the glossary
    keeps its English key as `term_en`, endorsements their English note as `note_en`, and statements their
    English speaker as `speaker_en` and get `quote_gloss` (the quote itself stays in English). A passage with an
    official text in `lang` (data/i18n/<lang>/passages.csv) is quoted from it, its English kept as `quote_en` and
    `source_url_en`; the others stay in the language of their official text. A translated party's `short_name` is the translation's, even empty (the English one may abbreviate the English
    name: `IFAD`, `FIDA` in French).
    `reported_count_note` is English-only text: in another language it is left out and the coverage note says
    the count in that language instead.
    """
    from dataclasses import replace

    from components.data import keyed  # components.data imports this module's list of languages

    if lang == DEFAULT_LANG or lang not in atlas.translations:
        return atlas
    changes = {}
    for name, (key, columns) in CONTENT_COLUMNS.items():
        frame, tr = getattr(atlas, name, None), atlas.translations[lang].get(name)
        if frame is None or tr is None:
            continue
        frame = frame.copy()
        keys = keyed(name, frame)[key].astype(str)  # a change by its stable id, every other row by its key
        rows = tr.assign(_key=tr[key].astype(str)).set_index("_key")
        if name == "glossary":
            frame["term_en"] = frame["term"]
        if name == "endorsements":
            frame["note_en"] = frame["note"]  # participation.DISPUTED reads the English note
        if name == "statements":
            frame["speaker_en"] = frame["speaker"]  # the timeline's speaker filter (a URL value) stays English
        if name == "passages":  # `translated`: quoted from the official text in this language, which is said
            frame["quote_en"], frame["source_url_en"] = frame["quote"], frame["source_url"]
        for col, source in columns.items():
            source = source.format(lang=lang)
            values = keys.map(rows[source]) if source in rows else pd.Series(index=frame.index, dtype=object)
            base = frame[col] if col in frame else pd.Series("", index=frame.index, dtype=object)
            keep = col in _NO_FALLBACK  # a translated row's empty gloss or short name is not the English one
            if LANGUAGES[lang].no_break:
                values = values.map(lambda v: no_break(v) if isinstance(v, str) else v)
            frame[col] = values.where(values.notna() & ((values != "") | keep), base).fillna("").astype(object)
        frame["translated"] = keys.isin(rows.index)
        if name == "documents" and "reported_count_note" in frame:
            frame["reported_count_note"] = ""
        changes[name] = frame
    return replace(atlas, **changes)
