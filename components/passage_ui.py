"""Drawers (st_*) for quoted passages: one passage with its locator, link, citation and report link; a cell of the
coverage matrix. Shared by /documents and the explainers.

The Markdown they draw is built by plain functions (`*_md`, `where_line`) that take the translator (default: the
active one), so that the light edition (components/export_light_documents.py) renders the same words.
"""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd
import streamlit as st

from components import passages as P
from components.dates import format_date
from components.i18n import Translator, active
from components.report import REPORT_LABEL
from components.text import domain, md_escape, md_link, md_shared_targets, report_md_link
from components.ui import lang_url


def quote_block(passage: pd.Series) -> str:
    """The quote as a Markdown block quote (escaped: the text is data)."""
    return "> " + md_escape(" ".join(str(passage["quote"]).split()))


def where_line(passage: pd.Series, document: str | None = None, tr: Translator | None = None) -> str:
    """`Bletchley Declaration, paragraph 3 · official text` (Markdown): where the passage is, and the link to it;
    a passage read in a report that quotes the text says so."""
    tr = tr or active()
    where = P.locator_text(passage, document, tr) if document else str(passage["locator"])
    if passage["verification"] == "primary":
        link = md_link(tr.gettext("official text"), passage["source_url"])
    else:
        link = tr.gettext("quoted from {link} (secondary: not the official page of the adopted text)").format(
            link=md_link(domain(passage["source_url"]), passage["source_url"]))
    line = f"{md_escape(where)} · {link}"
    if tr.lang != "en" and bool(passage.get("translated", False)):
        line += " · " + md_escape(tr.gettext("quoted from the official text in this language"))
    return line


def passage_md(passage: pd.Series, document: pd.Series, page_url: str, show_document: bool = False,
               cite_url: str = "", tr: Translator | None = None) -> str:
    """One passage in full as Markdown: the quote, where it is and the link, when it was checked with "Report a
    problem with this fact" (`page_url`: the Atlas page it is shown on, a path), and "Cite this passage" with a
    ready citation (`cite_url`: the full address of that page, else `page_url`)."""
    tr = tr or active()
    checked = tr.gettext("Source last checked on {date}").format(date=format_date(passage["checked_on"], tr=tr))
    report = report_md_link(passage["passage_id"], passage["source_url"], lang_url(page_url, tr.lang),
                            tr.gettext(REPORT_LABEL))
    cite = tr.gettext("*Cite this passage*: {citation}").format(
        citation=md_escape(P.passage_citation(passage, document, cite_url or lang_url(page_url, tr.lang), tr)))
    return "\n\n".join([quote_block(passage),
                         where_line(passage, document["short_title"] if show_document else None, tr),
                         f"{md_escape(checked)} · {report}", cite])


def passages_md(rows: pd.DataFrame, document: pd.Series, page_url: str, heading: str = "", cite_url: str = "",
                tr: Translator | None = None) -> str:
    """Passages of one document in full under an optional `###` heading, as one Markdown text (st_passages)."""
    blocks = [f"### {md_escape(heading)}"] if heading else []
    blocks += [passage_md(p, document, page_url, cite_url=cite_url, tr=tr) for _i, p in rows.iterrows()]
    return md_shared_targets("\n\n".join(blocks))


def st_passages(rows: pd.DataFrame, document: pd.Series, page_url: str, heading: str = "", cite_url: str = "") -> None:
    """Passages of one document in full, under an optional heading: ONE Markdown message, so that a rerun sends
    one cached-message reference for them (a message per part was about 75 B of reference each, 13.4 KB for a
    document's warm rerun; bench/budgets.py)."""
    st.markdown(passages_md(rows, document, page_url, heading, cite_url))


def compared_md(rows: pd.DataFrame, document: str, tr: Translator | None = None) -> str:
    """One side of a comparison (a document's passages under one theme) as Markdown: each quote and where it is."""
    return "\n\n".join(quote_block(p) + "\n\n" + where_line(p, document, tr) for _i, p in rows.iterrows())


def st_cell(found: P.Cell, documents: pd.DataFrame, doc_name: str, risk_name: str, page_url: str,
            cite_url: str = "") -> None:
    """A chosen cell of the matrix: its status in symbol and word, then its passages in full, or the terms that
    were searched for and not found (one Markdown message)."""
    st.markdown(cell_md(found, documents, doc_name, risk_name, page_url, cite_url))


def cell_md(found: P.Cell, documents: pd.DataFrame, doc_name: str, risk_name: str, page_url: str,
            cite_url: str = "", tr: Translator | None = None) -> str:
    """A cell of the matrix as one Markdown text (st_cell): a `###` heading with its status in symbol and word,
    what the status means, its note, then its passages in full or the terms searched for and not found."""
    tr = tr or active()
    blocks = ["### " + md_escape(tr.gettext("{document} × {risk}: {status}").format(
                  document=doc_name, risk=risk_name, status=P.status_label(found.status, tr))),
              md_escape(tr.gettext("This cell means: {meaning}.").format(
                  meaning=tr.gettext(P.STATUS_MEANINGS[found.status])))]
    if found.note:
        blocks.append(f"*{md_escape(found.note)}*")
    if found.status == "not_read" and found.searched_terms:
        blocks.append(tr.gettext("**Searched for in what could be read, and not found**: {terms}").format(
            terms=md_escape(tr.joined(found.searched_terms))))
    elif found.status == "not_named":
        blocks.append(tr.gettext("**Searched for in the official text and not found**: {terms}").format(
            terms=md_escape(tr.joined(found.searched_terms))))
    else:
        document = documents.set_index("document_id").loc[found.document_id]
        document = pd.concat([document, pd.Series({"document_id": found.document_id})])
        blocks += [passage_md(p, document, page_url, cite_url=cite_url, tr=tr) for _i, p in found.passages.iterrows()]
    return md_shared_targets("\n\n".join(blocks))


def md_page_link(label: str, path: str) -> str:
    """A Markdown link to a page of the Atlas (`/documents?doc=x`), the active language kept."""
    return f"[{md_escape(label)}]({quote(lang_url(path), safe='/?=&-._~')})"


def st_doc_link_list(doc_names: dict, intro: str) -> None:
    """One Markdown line of links to every document's page, in date order."""
    tr = active()
    st.markdown(md_escape(intro) + " " + tr.joined([md_page_link(name, f"/documents?doc={doc}")
                                                     for doc, name in doc_names.items()]))


def agreed_md(atlas, risk_id: str, tr: Translator | None = None, link=None) -> tuple[str, list[tuple[str, str]]]:
    """A risk's "What governments agreed" in the documents' own words, as Markdown ("" when there is nothing to
    say): the passages that name it (document, locator, link), then the documents that do not name it, each linked
    to its cell; and the sources used. `link(label, path)` makes the link to a page of the Atlas (md_page_link; the
    light edition's links to its own twin of the page)."""
    tr = tr or active()
    link = link or md_page_link
    named = P.passages_naming(atlas.coverage, atlas.passages, atlas.documents, risk_id)
    silent = P.documents_not_naming(atlas.coverage, atlas.documents, risk_id)
    unread = P.documents_not_naming(atlas.coverage, atlas.documents, risk_id, "not_read")
    blocks = []
    if len(named):
        blocks.append(tr.gettext("**In their own words**: the passages that name this risk."))
        blocks += [quote_block(p) + "\n\n" + where_line(p, p["document"], tr) for _i, p in named.iterrows()]
    elif len(atlas.coverage):
        blocks.append(md_escape(tr.gettext("No summit document names this risk in the passages quoted here.")))
    if len(silent):
        blocks.append(tr.gettext("**Documents that do not name it**: {documents}.").format(documents=tr.joined(
            [link(d["short_title"], f"/documents?cell={d['document_id']}/{risk_id}")
             for _i, d in silent.iterrows()])))
    if len(unread):
        blocks.append(tr.gettext("**Not known** (the official text could not be read here, or not in full): "
                                 "{documents}.").format(documents=tr.joined(
            [link(d["short_title"], f"/documents?cell={d['document_id']}/{risk_id}")
             for _i, d in unread.iterrows()])))
    if blocks:
        if tr.lang != "en" and len(named):
            blocks.append(md_escape(tr.gettext("Passages are quoted in the language of their official text.")))
        blocks.append(link(tr.gettext("Every document against every risk"), "/documents"))
    return "\n\n".join(blocks), [(d, u) for d, u in zip(named.get("document", []), named.get("source_url", []))]


def st_agreed_passages(atlas, risk_id: str) -> list[tuple[str, str]]:
    """A risk's "What governments agreed" in the documents' own words (agreed_md); returns the sources used."""
    text, sources = agreed_md(atlas, risk_id)
    if text:
        st.markdown(text)
    return sources


def st_reading(rows: pd.DataFrame) -> None:
    """The reading activity: each passage word for word with where it is, its question, and the teacher note."""
    tr = active()
    for i, (_i, r) in enumerate(rows.iterrows(), start=1):
        st.markdown(quote_block(r) + "\n\n" + where_line(r, r["document"]) + "\n\n"
                    + tr.gettext("**Question {n}.** {question}").format(n=i, question=md_escape(r["question"])))
        with st.expander(tr.gettext("Teacher note")):
            st.markdown(md_escape(r["note"]))
