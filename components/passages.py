"""What the summit documents say, shaped: the document x risk coverage matrix, passages by theme, two documents
compared theme by theme, the words of the summits (term counts), passages naming a risk (pure pandas, no streamlit).

The statuses of coverage.csv are defined once in data/README.md; their symbols and words are here, so that a cell
is never told by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.data import COVERAGE, split_list
from components.i18n import EN, N_, Translator

# each status: a symbol AND a word (the matrix, the strip, the tables and the downloads)
STATUS_SYMBOLS = {"named": "●", "implied": "◐", "not_named": "○", "not_read": "?"}
STATUS_WORDS = {"named": N_("Named"), "implied": N_("Implied"), "not_named": N_("Not named"),
                "not_read": N_("Text not read")}
STATUS_MEANINGS = {
    "named": N_("the official text names the risk itself"),
    "implied": N_("the text covers the risk only in general words, quoted"),
    "not_named": N_("no passage of the text speaks of the risk; the words searched for are listed"),
    "not_read": N_("the official text could not be read in full, so nothing is said either way"),
}
OTHER_THEME = "other"  # passages with no theme are grouped last under this id
assert set(STATUS_SYMBOLS) == set(COVERAGE)


def status_label(status: str, tr: Translator = EN) -> str:
    """`● Named`: the status's symbol and word."""
    return f"{STATUS_SYMBOLS[status]} {tr.gettext(STATUS_WORDS[status])}"


def legend(tr: Translator = EN) -> str:
    """The matrix's legend in words: each symbol, its word and what it means."""
    return tr.joined([tr.gettext("{symbol} {word}: {meaning}").format(
        symbol=STATUS_SYMBOLS[s], word=tr.gettext(STATUS_WORDS[s]), meaning=tr.gettext(STATUS_MEANINGS[s]))
        for s in COVERAGE])


def documents_in_order(documents: pd.DataFrame) -> pd.DataFrame:
    """Documents in date order (adoption or publication), then by id: the matrix's columns, the chart's axis."""
    return documents.sort_values(["date", "document_id"], kind="stable").reset_index(drop=True)


def coverage_table(coverage: pd.DataFrame, documents: pd.DataFrame, risks: pd.DataFrame,
                   tr: Translator = EN) -> pd.DataFrame:
    """Every cell as one row (the table twin and the CSV): document, risk, status in symbol and word, passages,
    searched terms, note; documents in date order, risks in risks.csv's order."""
    docs = documents_in_order(documents)
    order = {d: i for i, d in enumerate(docs["document_id"])}
    risk_order = {r: i for i, r in enumerate(risks["risk_id"])}
    titles = dict(zip(docs["document_id"], docs["short_title"]))
    risk_titles = dict(zip(risks["risk_id"], risks["title"]))
    out = coverage.assign(
        document=coverage["document_id"].map(titles), risk=coverage["risk_id"].map(risk_titles),
        label=coverage["status"].map(lambda s: status_label(s, tr)),
        _d=coverage["document_id"].map(order), _r=coverage["risk_id"].map(risk_order))
    out = out.sort_values(["_r", "_d"], kind="stable").reset_index(drop=True)
    return out[["document_id", "document", "risk_id", "risk", "status", "label", "passage_ids", "searched_terms",
                "note", "checked_on"]]


def coverage_matrix(coverage: pd.DataFrame, documents: pd.DataFrame, risks: pd.DataFrame,
                    tr: Translator = EN) -> pd.DataFrame:
    """The matrix: one row per risk (risks.csv's order), one column per document in date order (short titles),
    each cell its status as symbol and word (joined by no-break spaces); a cell missing from the data reads `–`
    (the validator forbids it)."""
    docs = documents_in_order(documents)
    # no-break spaces: "○ Not named" stays on one line (html_table keeps a one-word cell unwrapped), and the table
    # scrolls sideways in its region rather than breaking every word letter by letter in eleven narrow columns
    cells = {(d, r): status_label(s, tr).replace(" ", "\u00a0")
             for d, r, s in zip(coverage["document_id"], coverage["risk_id"], coverage["status"])}
    out = pd.DataFrame({tr.gettext("Risk"): list(risks["title"])})
    for doc, title in zip(docs["document_id"], docs["short_title"]):
        out[title] = [cells.get((doc, r), "–") for r in risks["risk_id"]]
    return out


def matrix_csv(table: pd.DataFrame) -> bytes:
    """The coverage cells as CSV (UTF-8): ids, names, status and its words, passages, searched terms."""
    return table.to_csv(index=False).encode("utf-8")


@dataclass(frozen=True)
class Cell:
    """One document x risk cell and what stands behind it."""

    document_id: str
    risk_id: str
    status: str
    passages: pd.DataFrame  # the cell's passages, in passage_ids order
    searched_terms: list[str]
    note: str
    checked_on: str


def cell(coverage: pd.DataFrame, passages: pd.DataFrame, document_id: str, risk_id: str) -> Cell | None:
    """The cell of one document and one risk, with its passages; None when there is no such cell."""
    rows = coverage[(coverage["document_id"] == document_id) & (coverage["risk_id"] == risk_id)]
    if not len(rows):
        return None
    row = rows.iloc[0]
    ids = split_list(row["passage_ids"])
    found = passages.set_index("passage_id", drop=False).reindex([i for i in ids if i in set(passages["passage_id"])])
    return Cell(document_id, risk_id, row["status"], found.reset_index(drop=True), split_list(row["searched_terms"]),
                str(row["note"] or ""), str(row["checked_on"] or ""))


def cell_options(coverage: pd.DataFrame) -> list[str]:
    """Every cell as `<document_id>/<risk_id>`: the matrix's choices and the `cell` URL parameter's values."""
    return [f"{d}/{r}" for d, r in zip(coverage["document_id"], coverage["risk_id"])]


def coverage_strip(coverage: pd.DataFrame, risks: pd.DataFrame, document_id: str, tr: Translator = EN
                   ) -> pd.DataFrame:
    """One document's coverage: each risk (risks.csv's order) with its status in symbol and word."""
    rows = coverage[coverage["document_id"] == document_id]
    status = dict(zip(rows["risk_id"], rows["status"]))
    return pd.DataFrame({
        tr.gettext("Risk"): list(risks["title"]),
        tr.gettext("In the text"): [status_label(status[r], tr) if r in status else "–" for r in risks["risk_id"]]})


def status_counts(coverage: pd.DataFrame, document_id: str) -> dict[str, int]:
    """How many risks one document names, implies and does not name."""
    rows = coverage[coverage["document_id"] == document_id]
    return {s: int((rows["status"] == s).sum()) for s in COVERAGE}


def counts_sentence(counts: dict[str, int], tr: Translator = EN) -> str:
    """One document's coverage in words (status_counts): `It names 2, implies 3 and does not name 8 of the risks
    of the International AI Safety Report.`, and how many are not known when its text could not be read."""
    said = tr.gettext("It names {named}, implies {implied} and does not name {not_named} of the risks of the "
                      "International AI Safety Report.").format(
        **{k: tr.number(v) for k, v in counts.items() if k != "not_read"})
    if counts["not_read"]:
        said += " " + tr.ngettext(
            "For {n} risk it is not known: the official text could not be read here, or not in full.",
            "For {n} risks it is not known: the official text could not be read here, or not in full.",
            counts["not_read"]).format(n=tr.number(counts["not_read"]))
    return said


def passages_of(passages: pd.DataFrame, document_id: str) -> pd.DataFrame:
    """One document's passages in file order (the order of the text)."""
    return passages[passages["document_id"] == document_id].reset_index(drop=True)


def _first_theme(themes_cell: object, known: list[str]) -> str:
    ids = [t for t in split_list(themes_cell) if t in known]
    return ids[0] if ids else OTHER_THEME


def by_theme(passages: pd.DataFrame, themes: pd.DataFrame, document_id: str) -> list[tuple[str, pd.DataFrame]]:
    """One document's passages grouped by theme: (theme_id, passages) in themes.csv's order, only themes that have
    passages, each passage under its first theme; passages with no theme last under OTHER_THEME."""
    rows = passages_of(passages, document_id)
    known = list(themes["theme_id"])
    first = pd.Series([_first_theme(v, known) for v in rows["themes"]], index=rows.index, dtype=object)
    present = set(first)  # a filter only for the themes that have passages (the light edition calls this 300 times)
    return [(t, rows[first == t].reset_index(drop=True)) for t in [*known, OTHER_THEME] if t in present]


def theme_labels(themes: pd.DataFrame, tr: Translator = EN) -> dict[str, str]:
    """theme_id -> label, with the group of passages that have no theme."""
    return dict(zip(themes["theme_id"], themes["label"])) | {OTHER_THEME: tr.gettext("Other passages")}


@dataclass(frozen=True)
class ThemeRow:
    """One theme of a comparison: each document's passages under it (an empty frame: that document is silent)."""

    theme_id: str
    left: pd.DataFrame
    right: pd.DataFrame


def compare(passages: pd.DataFrame, themes: pd.DataFrame, left: str, right: str) -> list[ThemeRow]:
    """Two documents side by side, theme by theme (themes.csv's order, then passages with no theme); a theme
    appears when either document has a passage under it."""
    a, b = dict(by_theme(passages, themes, left)), dict(by_theme(passages, themes, right))
    empty = passages.iloc[0:0]
    return [ThemeRow(t, a.get(t, empty), b.get(t, empty))
            for t in [*themes["theme_id"], OTHER_THEME] if t in a or t in b]


def silence_sentence(document: str, theme: str, tr: Translator = EN) -> str:
    """Where one side of a comparison has nothing: `The Paris Statement has no passage on energy and sustainability
    among those quoted here.`"""
    return tr.gettext("{document} has no passage on “{theme}” among those quoted here.").format(
        document=document, theme=theme)


def passages_naming(coverage: pd.DataFrame, passages: pd.DataFrame, documents: pd.DataFrame, risk_id: str,
                    statuses: tuple[str, ...] = ("named",)) -> pd.DataFrame:
    """The passages behind a risk's cells of the given statuses, documents in date order, with each passage's
    document short title, date, date precision and the cell's status."""
    rows = coverage[(coverage["risk_id"] == risk_id) & coverage["status"].isin(statuses)]
    docs = documents_in_order(documents).set_index("document_id")
    out = []
    for doc in [d for d in docs.index if d in set(rows["document_id"])]:
        status = rows.loc[rows["document_id"] == doc, "status"].iloc[0]
        found = cell(coverage, passages, doc, risk_id)
        for _i, p in found.passages.iterrows():
            out.append({**p.to_dict(), "document": docs.at[doc, "short_title"], "date": docs.at[doc, "date"],
                        "date_precision": docs.at[doc, "date_precision"], "status": status})
    cols = [*passages.columns, "document", "date", "date_precision", "status"]
    return pd.DataFrame(out, columns=list(dict.fromkeys(cols)))


def documents_not_naming(coverage: pd.DataFrame, documents: pd.DataFrame, risk_id: str,
                         status: str = "not_named") -> pd.DataFrame:
    """Documents whose cell for this risk is not_named (or `status`: not_read, a text that could not be read), in
    date order, with the terms searched for."""
    rows = coverage[(coverage["risk_id"] == risk_id) & (coverage["status"] == status)]
    terms = dict(zip(rows["document_id"], rows["searched_terms"]))
    docs = documents_in_order(documents)
    docs = docs[docs["document_id"].isin(terms)]
    return docs.assign(searched_terms=docs["document_id"].map(terms)).reset_index(drop=True)


def locator_text(passage: pd.Series, document: str, tr: Translator = EN) -> str:
    """`Bletchley Declaration, paragraph 3`."""
    return tr.gettext("{document}, {locator}").format(document=document, locator=passage["locator"])


def passage_citation(passage: pd.Series, document: pd.Series, link: str, tr: Translator = EN) -> str:
    """A suggested citation of one passage: the quote, the document's title, locator and date, the official text
    and the Atlas's page."""
    from components.dates import format_date

    return tr.gettext("“{quote}” {title}, {locator}, {date}. {url} Via AI Summit Atlas: {link}").format(
        quote=passage["quote"], title=document["title"], locator=passage["locator"],
        date=format_date(document["date"], document.get("date_precision") or "day", tr), url=passage["source_url"],
        link=link)


# --- the words of the summits ---------------------------------------------------------------------------------

def term_table(term_counts: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Term counts in long form for the chart and its table twin: document (short title), date, term, count (NA
    where the text could not be read), documents in date order, terms in the file's order."""
    docs = documents_in_order(documents)
    order = {d: i for i, d in enumerate(docs["document_id"])}
    terms = list(dict.fromkeys(term_counts["term"]))
    out = term_counts.assign(
        document=term_counts["document_id"].map(dict(zip(docs["document_id"], docs["short_title"]))),
        date=term_counts["document_id"].map(dict(zip(docs["document_id"], docs["date"]))),
        _d=term_counts["document_id"].map(order), _t=term_counts["term"].map({t: i for i, t in enumerate(terms)}))
    out = out.sort_values(["_t", "_d"], kind="stable").reset_index(drop=True)
    return out[["document_id", "document", "date", "term", "count", "note", "text_url", "read_on"]]


def term_wide(table: pd.DataFrame, tr: Translator = EN) -> pd.DataFrame:
    """The table twin: one row per term, one column per document in date order, `–` where not counted."""
    docs = list(dict.fromkeys(table.sort_values("date", kind="stable")["document"]))
    out = pd.DataFrame({tr.gettext("Term"): list(dict.fromkeys(table["term"]))})
    counts = {(t, d): c for t, d, c in zip(table["term"], table["document"], table["count"])}
    for doc in docs:
        out[doc] = [("–" if pd.isna(counts.get((t, doc))) else tr.number(int(counts[(t, doc)])))
                    for t in out.iloc[:, 0]]
    return out


def unread(table: pd.DataFrame) -> list[str]:
    """Documents (short titles) whose text could not be counted, in date order."""
    return list(dict.fromkeys(table.loc[table["count"].isna(), "document"]))


def term_caption(table: pd.DataFrame, term: str, first: str, last: str, tr: Translator = EN,
                 documents: pd.DataFrame | None = None) -> str:
    """The chart in words: `“safety” occurs 12 times in the Bletchley Declaration and 3 times in the Paris
    Statement.` (`first`, `last`: ids of two documents whose text was counted, as caption_documents gives;
    `documents`, in `tr`'s language, names them as running text does: `dans la Déclaration de Bletchley`)."""
    from components.naming import in_sentence, title_in_sentence

    rows = table[table["term"] == term].set_index("document_id")
    named = documents.set_index("document_id") if documents is not None else None

    def name(doc: str) -> str:
        short = rows.at[doc, "document"]
        if named is None or doc not in named.index:
            return title_in_sentence(short, tr)
        return in_sentence(named.loc[doc], "short_title", tr, english=title_in_sentence(short, tr))

    def times(doc: str) -> str:
        n = int(rows.at[doc, "count"])
        return tr.ngettext("{n} time", "{n} times", n).format(n=tr.number(n))

    return tr.gettext("“{term}” occurs {a} in {first} and {b} in {last}.").format(
        term=term, a=times(first), first=name(first), b=times(last), last=name(last))


def caption_documents(table: pd.DataFrame, term: str,
                      prefer: tuple[str, str] = ("bletchley-declaration", "paris-statement")) -> tuple[str, str] | None:
    """The two documents the caption compares for `term`: `prefer` (the first declaration and the first "AI
    Action" statement) when both were counted, else the first and the last counted in date order; None when fewer
    than two were."""
    rows = table[(table["term"] == term) & table["count"].notna()]
    counted = list(dict.fromkeys(rows["document_id"]))
    if all(p in counted for p in prefer):
        return prefer[0], prefer[1]
    return (counted[0], counted[-1]) if len(counted) >= 2 else None


DOC_KINDS = {"declaration": N_("A declaration"), "statement": N_("A statement"), "commitments": N_("Commitments"),
             "pledge": N_("A pledge"), "convention": N_("A convention"), "chair_statement": N_("A chair's statement")}


def document_facts(document: pd.Series, summit: pd.Series | None, tr: Translator = EN) -> str:
    """What, when and where: `A declaration, 1 November 2023, at the AI Safety Summit in Bletchley Park.`"""
    from components.dates import format_date
    from components.naming import title_in_sentence

    kind = tr.gettext(DOC_KINDS.get(document["kind"], "A statement"))
    when = format_date(document["date"], document.get("date_precision") or "day", tr)
    if summit is None:
        return tr.gettext("{kind}, {date}.").format(kind=kind, date=when)
    return tr.gettext("{kind}, {date}, at {summit} in {city}.").format(kind=kind, date=when,
                                                                       summit=title_in_sentence(summit["name"], tr),
                                                                       city=summit["city"])


def reading_activity(reading: pd.DataFrame, passages: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The classroom reading activity in step order: each step's question, teacher note and minutes with its
    passage (quote, locator, link, verification) and the document's short title."""
    cols = ["step", "question", "note", "minutes", "passage_id", "quote", "locator", "source_url", "verification",
            "checked_on", "translated", "document_id", "document"]
    if not len(reading):
        return pd.DataFrame(columns=cols)
    # `translated` is the passage's (quoted from an official text in the page's language), not the question's
    mine = reading.drop(columns=[c for c in ("checked_on", "translated") if c in reading])
    out = mine.merge(passages, on="passage_id", how="inner", suffixes=("", "_passage"))
    out["document"] = out["document_id"].map(dict(zip(documents["document_id"], documents["short_title"])))
    if "translated" not in out:
        out["translated"] = False
    return out.sort_values("step", kind="stable").reset_index(drop=True)[cols]
