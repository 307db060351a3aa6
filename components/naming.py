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
    """A document or summit title as the sentence templates take it: `the Seoul Declaration` in English; the
    title alone in French, where the template puts it in quotation marks."""
    return the(title) if tr.lang == "en" else squash(title)


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
