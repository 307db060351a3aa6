"""Documents: what the summit documents say, in their own words: the coverage matrix, one document, two compared,
and the words of the summits."""

import streamlit as st

from components import passages as P
from components.cached import documents_views, term_figure
from components.data import data_fingerprint
from components.i18n import _, active
from components.participation import document_sentence, document_status
from components.passage_ui import compared_md, md_page_link, st_cell, st_doc_link_list, st_passages
from components.state import UrlState
from components.text import BuiltHtml
from components.ui import (lang_url, md_escape, md_link, set_params, st_atlas, st_notices, st_pick, st_sources,
                           st_table, take_pick)

# 1/ URL state
atlas = st_atlas()
tr = active()
state = UrlState(st.query_params)
fingerprint = data_fingerprint(atlas.data_dir)
views = documents_views(fingerprint, atlas, tr.lang)
doc_names, risk_names = dict(views.doc_names), dict(views.risk_names)
doc = state.choice("doc", doc_names, None, _("document"))
other = state.choice("compare", doc_names, None, _("document to compare with"))
cell = state.choice("cell", views.cells, None, _("cell of the matrix"))
term = state.choice("term", views.terms, "safety" if "safety" in views.terms else None, _("term"))
if other and not doc:
    state.notices.append(_("“compare” needs a document to compare with: choose a document first."))
    state.set("compare", None)
    other = None
if other and other == doc:
    state.notices.append(_("A document cannot be compared with itself: choose another document."))
    state.set("compare", None)
    other = None
if state.exclusive({"doc": doc, "cell": cell}) == "doc":
    cell = None  # a document's page has no matrix to choose a cell in
st_notices(state.notices)

documents = P.documents_in_order(atlas.documents)
doc_rows = documents.set_index("document_id", drop=False)
summits = atlas.summits.set_index("summit_id", drop=False)
labels = P.theme_labels(atlas.themes, tr)
sources = []
base = st.context.url.split("?")[0] if st.context.url else "/documents"  # this page's address, for citations

if not len(atlas.passages):  # the schema shipped before its data (data/README.md)
    st.title(_("What the summit documents say"))
    st.info(_("The passages of the summit documents are not yet available in this copy of the data."),
            icon=":material/info:")
    st_sources([])
    st.stop()


def sync_widgets(param: str, value: str | None, widgets: dict[str, str | None]) -> None:
    """Set keyed pickers from the URL when it changed by other means than them (a link, a first run), so that a
    picker keeps one key (a new key per value lost the visitor's next choice) and still follows the URL."""
    if st.session_state.get(f"seen:{param}", "") != value:
        # only a real change: a value set through Session State is sent again once more (about 0.5 KB a picker)
        changed = {k: v for k, v in widgets.items() if st.session_state.get(k) != v}
        if changed:
            st.session_state.update(changed)
        st.session_state[f"seen:{param}"] = value


@st.fragment
def cell_panel() -> None:
    """Choose a cell of the matrix with two pickers; show its passages, or the terms searched for. A fragment:
    a choice reruns only this part, and the page's sources stay the same (each passage links its own)."""
    state = UrlState(st.query_params)  # a fragment rerun reads the URL itself
    cell = state.choice("cell", views.cells, None, _("cell of the matrix"))
    c1, c2 = st.columns(2)
    cd, cr = cell.split("/") if cell else (None, None)
    sync_widgets("cell", cell, {"cell-doc": cd, "cell-risk": cr})
    # index None: no choice until the reader makes one (or the URL names a cell: sync_widgets sets both)
    d_pick = c1.selectbox(_("Document"), list(doc_names), index=None, format_func=doc_names.get,
                          placeholder=_("Choose a document"), key="cell-doc")
    r_pick = c2.selectbox(_("Risk"), list(risk_names), index=None, format_func=risk_names.get,
                          placeholder=_("Choose a risk"), key="cell-risk")
    if d_pick and r_pick and f"{d_pick}/{r_pick}" != cell:  # the pickers changed the cell: no second run needed
        cell, cd, cr = f"{d_pick}/{r_pick}", d_pick, r_pick
        state.set("cell", cell)
        st.session_state["seen:cell"] = cell
    if cell:
        found = P.cell(atlas.coverage, atlas.passages, cd, cr)
        st_cell(found, atlas.documents, doc_names[cd], risk_names[cr], f"/documents?cell={cell}",
                cite_url=f"{base}?cell={cell}")
        st.button(_("Clear"), icon=":material/close:", help=_("Close the cell"), on_click=clear_cell)
    elif d_pick or r_pick:
        st.caption(_("Choose both a document and a risk."))


def clear_cell() -> None:
    """The Clear button: the cell leaves the URL and both pickers go back to their placeholders."""
    set_params({"cell": None})
    st.session_state.update({"cell-doc": None, "cell-risk": None, "seen:cell": None})


def st_document(doc_id: str) -> None:
    """One document: what, when, where, who signed, its coverage strip, its passages by theme."""
    d = doc_rows.loc[doc_id]
    summit = summits.loc[d["summit_id"]] if d["summit_id"] in summits.index else None
    page_url = lang_url(f"/documents?doc={doc_id}")
    st.title(md_escape(d["short_title"]))
    st.caption(md_escape(d["title"]))
    status = document_status(atlas.parties, atlas.endorsements, doc_id)
    lines = [md_escape(P.document_facts(d, summit, tr)), md_escape(d["summary"]),
             md_escape(document_sentence(d, status, tr)) + " "
             + md_page_link(_("See who signed on the map"), f"/map?document={doc_id}")]
    if d["official_url"]:
        lines.append(md_link(_("Read the official text"), d["official_url"]))
        sources.append((d["title"], d["official_url"]))
    st.markdown("\n\n".join(lines))
    if tr.lang != "en":
        st.caption(_("Passages are quoted in the language of their official text."))
    counts = P.status_counts(atlas.coverage, doc_id)
    st.subheader(_("The 13 risks in this document"))
    st.markdown(md_escape(P.counts_sentence(counts, tr)) + " " + md_page_link(_("Open the matrix"), "/documents"))
    st_table(P.coverage_strip(atlas.coverage, atlas.risks, doc_id, tr),
             _("{document}: each risk, named or not").format(document=d["short_title"]), row_header=_("Risk"))
    st.caption(P.legend(tr))
    if (chosen := take_pick("compare-picker")) in doc_names and chosen != doc_id:
        set_params({"compare": chosen})
        st.rerun()
    st_pick(st, "compare-picker", _("Compare with another document"), [k for k in doc_names if k != doc_id],
            doc_names, _("Choose a document"))
    st.header(_("Its passages, by theme"))
    if not (atlas.passages["document_id"] == doc_id).any():
        st.info(_("No passage is quoted: the official text of this document could not be read here, and the Atlas "
                  "quotes only official texts."), icon=":material/info:")
    for theme, rows in P.by_theme(atlas.passages, atlas.themes, doc_id):
        st_passages(rows, d, page_url, labels[theme], cite_url=f"{base}?doc={doc_id}")
        sources.extend((d["title"], u) for u in rows["source_url"])


def st_compare(left: str, right: str) -> None:
    """Two documents side by side, theme by theme, passage against passage; a silence said in words."""
    a, b = doc_rows.loc[left], doc_rows.loc[right]
    st.title(_("{a} and {b}, theme by theme").format(a=md_escape(a["short_title"]), b=md_escape(b["short_title"])))
    st.markdown(tr.joined([md_page_link(a["short_title"], f"/documents?doc={left}"),
                           md_page_link(b["short_title"], f"/documents?doc={right}")]) + " · "
                + md_page_link(_("End the comparison"), f"/documents?doc={left}"))
    st.caption(_("Only the passages quoted in the Atlas are compared: a theme a document has no passage on here may "
                 "still be in its full text."))
    for row in P.compare(atlas.passages, atlas.themes, left, right):
        st.subheader(md_escape(labels[row.theme_id]))
        cols = st.columns(2)
        for col, d, rows in ((cols[0], a, row.left), (cols[1], b, row.right)):
            with col:
                if not len(rows):
                    st.markdown(f"*{md_escape(P.silence_sentence(d['short_title'], labels[row.theme_id], tr))}*")
                    continue
                st.markdown(compared_md(rows, d["short_title"]))
                sources.extend((d["title"], u) for u in rows["source_url"])


@st.fragment
def st_words() -> None:
    """The words of the summits: one term's counts across the documents, in words, as a chart and a table. A
    fragment: another term reruns only this part (a whole-page rerun resent the page's other messages)."""
    state = UrlState(st.query_params)  # a fragment rerun reads the URL itself: the page's code above does not run
    term = state.choice("term", views.terms, "safety" if "safety" in views.terms else None, _("term"))
    sync_widgets("term", term, {"term-picker": term})
    picked = st.selectbox(_("Term"), views.terms, key="term-picker") or term
    if picked != term:
        state.set("term", None if picked == "safety" else picked)
        st.session_state["seen:term"] = picked
    table = views.term_table
    pair = P.caption_documents(table, picked)
    if pair:
        st.markdown(md_escape(P.term_caption(table, picked, *pair, tr, atlas.documents)))
    st.plotly_chart(term_figure(fingerprint, picked, views, tr.lang), width="stretch",
                    config={"displayModeBar": False, "staticPlot": False})
    if views.unread:
        st.caption(_("Not counted (the official text could not be read in full): {documents}.").format(
            documents=tr.joined(list(views.unread))))
    with st.expander(_("The counts as a table")):
        st.html(BuiltHtml(views.term_html))


# 4/ draw
if doc and other:
    st_compare(doc, other)
elif doc:
    st_document(doc)
else:
    st.title(_("What the summit documents say"))
    st.markdown(_("The Atlas quotes each summit document word for word and checks it against the 13 risks of the "
                  "International AI Safety Report: does the text name the risk, cover it only in general words, or "
                  "not speak of it at all? Choose a cell to read the passages, or the words that were searched for."))
    st.html(BuiltHtml(views.matrix_html))
    st.caption(P.legend(tr))
    cell_panel()
    with st.expander(_("The matrix as a table, one row per cell")):
        st.html(BuiltHtml(views.table_html))
    st.download_button(_("Download the matrix (CSV)"), lambda: views.csv, file_name="coverage-matrix.csv",
                       mime="text/csv", on_click="ignore")
    st.header(_("The words of the summits"))
    st.markdown(_("The summits went from “AI Safety” to “AI Action” to “AI Impact”. How often does each word occur in "
                  "each official text? Headings and lists of signatories are not counted."))
    st_words()
    st.header(_("Each document"))
    st_doc_link_list(doc_names, _("Open a document to read its passages by theme:"))
    sources.extend((t, u) for t, u in zip(documents["title"], documents["official_url"]) if u)

# 5/ sources
st_sources(sources, note=_("Every passage links the page it was quoted from."))
