"""The light edition's documents pages: pages/documents.py as static HTML (components/export_light.py builds them).

- `documents/index.html`: the coverage matrix (documents x the 13 risks) as a table whose every cell, a symbol AND a
  word, links to its section on the document's page; the matrix as one row per cell and as CSV; the words of the
  summits as a table with each term's sentence ("the chart in words"); a link to every document.
- `documents/<document_id>.html`: what, when, who signed (a link to its light map view), the official text, its
  coverage strip in words, each of its 13 cells (`#risk-<risk_id>`: the passages in full, the terms searched for
  where a risk is not named, or that the text could not be read), and its passages by theme.
- `documents/compare/<a>/<b>.html`: two documents theme by theme, for every pair the live page's picker offers.

The words are the live page's: the same shaping (components/passages.py, cached.documents_views) and the same
Markdown (passage_ui's `*_md` functions, which st_passages / st_cell draw), rendered by export_light's markdown-it
(raw HTML off, every link target checked); tables by text.html_table (every cell escaped).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pandas as pd
from markupsafe import Markup

from components import passages as P
from components.cached import MATRIX_TITLE, documents_views
from components.participation import document_sentence, document_status
from components.passage_ui import cell_md, compared_md, passages_md
from components.site import SITE, light_path
from components.text import html_table, md_escape


def documents_pages(site, file_part, https) -> None:
    """Write the documents pages of one language (`site`: export_light's _Site; `file_part`, `https`: its guards
    for an id in a file name and a link target from data)."""
    a, tr, _ = site.atlas, site.tr, site.tr.gettext
    page = light_path("documents")
    if not len(a.passages):  # the schema shipped before its data (data/README.md): the page says so, as live
        site.write(page, "documents.html", live=site.live(page, "/documents"), title=_("What the summit documents say"),
                   empty=_("The passages of the summit documents are not yet available in this copy of the data."),
                   sources=[])
        return
    views = documents_views(site.fingerprint, a, site.lang)
    docs = P.documents_in_order(a.documents)
    for d in docs["document_id"]:
        file_part(d)
    _matrix_page(site, views, docs, https)
    for doc_id in docs["document_id"]:
        _document_page(site, views, docs, doc_id, https)
    drawn: dict = {}
    for left in docs["document_id"]:
        for right in docs["document_id"]:
            if left != right:
                _compare_page(site, docs, left, right, drawn)


def light_page_link(site, page: str):
    """`link(label, path)` for passage_ui's Markdown (agreed_md): a link from `page` to the light twin of the
    live path it names (`/documents?cell=a/b` -> `../documents/a.html#risk-b`)."""
    def link(label: str, path: str) -> str:
        url = urlsplit(path)
        key = next((p.key for p in SITE if p.url_path == url.path.strip("/")), "home")
        return f"[{md_escape(label)}]({site.rel(page, light_path(key, dict(parse_qsl(url.query))))})"

    return link


def _md(site, page: str, text: str, top: int = 3) -> Markup:
    """Markdown of passage_ui's builders as HTML, its `###` headings at `top`."""
    return site.render_md(text, site.live_root(page), top)


def _cite_url(site, params: dict) -> str:
    """The live page a passage's citation names: the full address when the build knows the live app's origin,
    else "" (passage_md then cites its path, as the live page does without a known address)."""
    if not site.live_url:
        return ""
    return site.live("", "/documents", params)


def _matrix_page(site, views, docs: pd.DataFrame, https) -> None:
    """pages/documents.py without a document: the matrix (each cell a link), its table twin and CSV, the words of
    the summits, every document."""
    a, tr, _ = site.atlas, site.tr, site.tr.gettext
    page = light_path("documents")
    matrix = P.coverage_matrix(a.coverage, docs, a.risks, tr)
    cells = set(P.cell_options(a.coverage))
    links = pd.DataFrame({title: [site.rel(page, light_path("documents", {"cell": f"{d}/{r}"}))
                                  if f"{d}/{r}" in cells else None for r in a.risks["risk_id"]]
                          for d, title in zip(docs["document_id"], docs["short_title"])})
    table = html_table(matrix, tr.gettext(MATRIX_TITLE), row_header=tr.gettext("Risk"),
                       titles=dict(zip(docs["short_title"], docs["title"])), links=links)
    csv = "documents/coverage-matrix.csv"
    target = site.out / site.lang / csv
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(views.csv)
    term_table = views.term_table
    captions = []
    for term in views.terms:
        pair = P.caption_documents(term_table, term)
        if pair:
            captions.append(P.term_caption(term_table, term, *pair, tr, a.documents))
    site.write(page, "documents.html", live=site.live(page, "/documents"), title=_("What the summit documents say"),
               empty="", intro=_(
                   "The Atlas quotes each summit document word for word and checks it against the 13 risks of the "
                   "International AI Safety Report: does the text name the risk, cover it only in general words, or "
                   "not speak of it at all? Choose a cell to read the passages, or the words that were searched for."),
               matrix=Markup(table), legend=P.legend(tr), table=Markup(views.table_html),
               csv=(_("Download the matrix (CSV)"), csv),
               words_intro=_("The summits went from “AI Safety” to “AI Action” to “AI Impact”. How often does each "
                             "word occur in each official text? Headings and lists of signatories are not counted."),
               captions=captions, terms=Markup(views.term_html),
               unread=_("Not counted (the official text could not be read in full): {documents}.").format(
                   documents=tr.joined(list(views.unread))) if views.unread else "",
               each=_("Open a document to read its passages by theme:"),
               documents=[(name, light_path("documents", {"doc": d})) for d, name in views.doc_names.items()],
               note=_("Every passage links the page it was quoted from."),
               sources=site.sources([(t, https(u)) for t, u in zip(docs["title"], docs["official_url"]) if u]))


def _document_page(site, views, docs: pd.DataFrame, doc_id: str, https) -> None:
    """pages/documents.py?doc=: what, when, who signed, the coverage strip, every cell, the passages by theme."""
    a, tr, _ = site.atlas, site.tr, site.tr.gettext
    page = light_path("documents", {"doc": doc_id})
    d = docs.set_index("document_id", drop=False).loc[doc_id]
    summits = a.summits.set_index("summit_id", drop=False)
    summit = summits.loc[d["summit_id"]] if d["summit_id"] in summits.index else None
    status = document_status(a.parties, a.endorsements, doc_id)
    counts = P.status_counts(a.coverage, doc_id)
    strip = P.coverage_strip(a.coverage, a.risks, doc_id, tr)
    mine = a.coverage[a.coverage["document_id"] == doc_id]
    links = pd.DataFrame({tr.gettext("In the text"): [
        f"#risk-{r}" if r in set(mine["risk_id"]) else None for r in a.risks["risk_id"]]})
    live_path = f"/documents?doc={doc_id}"
    cite = _cite_url(site, {"doc": doc_id})
    risk_names = dict(views.risk_names)
    cells = []
    for risk_id in a.risks["risk_id"]:
        found = P.cell(a.coverage, a.passages, doc_id, risk_id)
        if found is not None:
            cells.append((f"risk-{risk_id}", _md(site, page, cell_md(
                found, a.documents, d["short_title"], risk_names[risk_id], f"/documents?cell={doc_id}/{risk_id}",
                _cite_url(site, {"cell": f"{doc_id}/{risk_id}"}), tr))))
    labels = P.theme_labels(a.themes, tr)
    themes, sources = [], [(d["title"], https(d["official_url"]))]
    for theme, rows in P.by_theme(a.passages, a.themes, doc_id):
        themes.append(_md(site, page, passages_md(rows, d, live_path, labels[theme], cite, tr)))
        sources += [(d["title"], u) for u in rows["source_url"]]
    site.write(page, "document.html", live=site.live(page, "/documents", {"doc": doc_id}), title=d["short_title"],
               full_title=d["title"], facts=P.document_facts(d, summit, tr), summary=d["summary"],
               sentence=document_sentence(d, status, tr),
               map_link=(_("See who signed on the map"), light_path("map", {"document": doc_id})),
               official=(_("Read the official text"), https(d["official_url"])),
               quoted_note=_("Passages are quoted in the language of their official text.") if tr.lang != "en" else "",
               said=P.counts_sentence(counts, tr), matrix_link=(_("Open the matrix"), light_path("documents")),
               strip=Markup(html_table(strip, _("{document}: each risk, named or not").format(
                   document=d["short_title"]), row_header=_("Risk"), links=links)),
               legend=P.legend(tr), cells=cells,
               compare=[(name, light_path("documents", {"doc": doc_id, "compare": other}))
                        for other, name in views.doc_names.items() if other != doc_id],
               no_passage=_("No passage is quoted: the official text of this document could not be read here, and the "
                            "Atlas quotes only official texts.") if not themes else "",
               themes=themes, sources=site.sources(sources))


def _compare_page(site, docs: pd.DataFrame, left: str, right: str, drawn: dict) -> None:
    """pages/documents.py?doc=&compare=: two documents side by side, theme by theme; a silence said in words
    (`drawn`: this language's sides already drawn, by document and theme; its links are https only, the same
    from every page)."""
    a, tr, _ = site.atlas, site.tr, site.tr.gettext
    page = light_path("documents", {"doc": left, "compare": right})
    rows = docs.set_index("document_id", drop=False)
    da, db = rows.loc[left], rows.loc[right]
    labels = P.theme_labels(a.themes, tr)
    themes, sources = [], []
    for row in P.compare(a.passages, a.themes, left, right):
        sides = []
        for d, found in ((da, row.left), (db, row.right)):
            if not len(found):
                sides.append((True, P.silence_sentence(d["short_title"], labels[row.theme_id], tr)))
                continue
            key = (d["document_id"], row.theme_id)  # one side reads the same in every pair: drawn once
            if key not in drawn:
                drawn[key] = _md(site, page, compared_md(found, d["short_title"], tr))
            sides.append((False, drawn[key]))
            sources += [(d["title"], u) for u in found["source_url"]]
        themes.append((labels[row.theme_id], sides))
    site.write(page, "compare.html", live=site.live(page, "/documents", {"doc": left, "compare": right}),
               title=_("{a} and {b}, theme by theme").format(a=da["short_title"], b=db["short_title"]),
               pair=[(da["short_title"], light_path("documents", {"doc": left})),
                     (db["short_title"], light_path("documents", {"doc": right}))],
               end=(_("End the comparison"), light_path("documents", {"doc": left})),
               caveat=_("Only the passages quoted in the Atlas are compared: a theme a document has no passage on "
                        "here may still be in its full text."),
               themes=themes, sources=site.sources(sources))

