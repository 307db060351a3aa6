"""What documents, summits and parties are called in text: short titles and names for pickers, legends and
strips, "the" before a title in running English, and lists of names in the reader's language."""

from __future__ import annotations

import pandas as pd

from components.i18n import EN, Translator
from components.text import squash


def the(title: str, adjective: str = "") -> str:
    """`the Seoul Declaration`; `the Bletchley Declaration` for a title that begins with its own "The".

    Running text puts "the" before a document or summit name; a title that already starts with "The" would
    otherwise read "signed the The Bletchley Declaration". `adjective` goes between: `the first AI Safety Summit`.
    """
    text = squash(title)
    if text[:4].casefold() == "the ":
        text = text[4:]
    return " ".join(w for w in ("the", adjective, text) if w)


def name_list(names: list[str], tr: Translator = EN) -> str:
    """`A`, `A and B`, `A, B and C` (`A, B et C`)."""
    return tr.names(list(names))


def title_in_sentence(title: str, tr: Translator) -> str:
    """A document's or summit's full title as a sentence takes it: `the AI Safety Summit` in English; the title
    alone in another language, whose catalog sentence words around it (`lors du {summit}`)."""
    return the(title) if tr.lang == "en" else squash(title)


def in_sentence(row: pd.Series, column: str, tr: Translator, english: str | None = None) -> str:
    """How running text names a document or a summit: in English `english` (by default `the <row[column]>`); in
    another language the translation's `in_sentence`, short and as French or Spanish writes it (a document with its
    article, `la Déclaration de Bletchley`; a summit without one, `sommet de Bletchley`, as every summit is one and
    the catalog's sentences put `du`, `au`, `le` before it), else the title itself."""
    if tr.lang == "en":
        return the(row[column]) if english is None else english
    return str(row.get("in_sentence") or "").strip() or squash(row[column])


def short_title(document: pd.Series) -> str:
    """The name people use for a document ("Paris Statement"); its full title when no short one is given."""
    return str(document.get("short_title") or "").strip() or str(document["title"])


def short_titles(documents: pd.DataFrame) -> list[str]:
    """Short titles of documents, in the frame's order."""
    return [short_title(r) for _, r in documents.iterrows()]


def short_name(summit: pd.Series) -> str:
    """A summit's short label ("Bletchley 2023"); its name when no short one is given."""
    return str(summit.get("short_name") or "").strip() or str(summit["name"])


def short_party_names(parties: pd.DataFrame) -> dict[str, str]:
    """party_id -> the name pickers, legends and strips show: `short_name` where given ("IFAD"), else `name`
    (the validator requires a short name for any name over 40 characters)."""
    shorts = parties["short_name"] if "short_name" in parties else pd.Series("", index=parties.index)
    return {p: (str(s or "").strip() or str(n)) for p, n, s in zip(parties["party_id"], parties["name"], shorts)}
