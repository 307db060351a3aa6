"""The Atlas's pages, defined once: script, title, icon and URL path (pure data, no streamlit)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from components.i18n import N_


@dataclass(frozen=True)
class PageSpec:
    """One page of the navigation."""

    key: str
    script: str  # path from the repository root; named after its URL path
    title: str
    icon: str  # a Material Symbol: bundled with Streamlit, unlike an emoji font
    url_path: str  # "" for the default page


# NOTE: page scripts are named after their URL paths (pages/map.py serves /map). Streamlit 1.67 also has an old
# folder-based mode for a pages/ folder, which app.py switches off before the first session (see the note there);
# tests/test_browser.py::test_first_deep_link_after_start_has_no_page_not_found opens each deep link first.
SITE = (
    PageSpec("home", "pages/home.py", N_("Home"), ":material/home:", ""),
    PageSpec("story", "pages/story.py", N_("The story"), ":material/auto_stories:", "story"),
    PageSpec("map", "pages/map.py", N_("World map"), ":material/public:", "map"),
    PageSpec("timeline", "pages/timeline.py", N_("Timeline"), ":material/timeline:", "timeline"),
    PageSpec("documents", "pages/documents.py", N_("Documents"), ":material/description:", "documents"),
    PageSpec("explainers", "pages/explainers.py", N_("Explainers"), ":material/school:", "explainers"),
    PageSpec("data", "pages/data.py", N_("About the data"), ":material/dataset:", "data"),
)
PAGES = {p.key: p.script for p in SITE}


def page_href(key: str, params: dict, lang: str) -> str:
    """A link to a page of the Atlas from within it (`/documents?doc=x&lang=fr`): the language kept where it is not
    English (a Markdown link opens a new tab, a session that knows only its URL), values percent-encoded. From the
    root, not relative: at /map/ (a trailing slash the app serves) `documents?...` would be /map/documents, which
    components/serving.py sends back to /map."""
    path = next(p.url_path for p in SITE if p.key == key)
    pairs = {**params, **({"lang": lang} if lang != "en" else {})}
    return "/" + path + ("?" + "&".join(f"{quote(str(k))}={quote(str(v), safe='')}" for k, v in pairs.items())
                         if pairs else "")


# --- the light edition (components/export_light.py): one static page per live page and state ---------------

LIGHT_PREFIX = "/light/"  # where deploy/'s nginx serves the light edition beside the live app


def light_path(key: str, params: dict | None = None) -> str:
    """The light edition's twin of live page `key` in the state `params` (its URL parameters): a path under a
    language's folder (`map/document-seoul-declaration.html`). The exporter names its files with this function
    and every live page links to its twin with it, so both sides agree by construction.

    A state the light edition has no page for (a search, a party filter, About the data) maps to the nearest page
    that has one: the whole timeline, the home page. A state that is a part of a page ends in its anchor: a cell of
    the documents' matrix is its section on the document's page (`documents/paris-statement.html#risk-bias`)."""
    p = {k: str(v) for k, v in (params or {}).items() if v}
    if key == "map":
        if p.get("country"):
            return f"country/{p['country']}.html"
        if p.get("document"):
            return f"map/document-{p['document']}.html"
        if p.get("summit"):
            return f"map/summit-{p['summit']}.html"
        return "map/all.html"
    if key == "timeline":
        kinds = [k for k in p.get("kind", "").split(",") if k]
        if len(kinds) == 1 and set(p) <= {"kind", "lang"}:
            return f"timeline/kind-{kinds[0]}.html"
        start, end = p.get("from", ""), p.get("to", "")
        if start[:4] and start[:4] == end[:4] and start[4:] == "-01-01" and end[4:] == "-12-31" \
                and set(p) <= {"from", "to", "lang"}:
            return f"timeline/year-{start[:4]}.html"
        return "timeline/index.html"
    if key == "explainers":
        return f"explainers/{p['risk']}.html" if p.get("risk") else "explainers/index.html"
    if key == "story":
        return f"story/{p.get('step', '1')}.html"
    if key == "documents":
        cell = p.get("cell", "").split("/")
        if p.get("doc") and p.get("compare") and p["compare"] != p["doc"]:
            return f"documents/compare/{p['doc']}/{p['compare']}.html"
        if p.get("doc"):
            return f"documents/{p['doc']}.html"
        if len(cell) == 2 and all(cell):
            return f"documents/{cell[0]}.html#risk-{cell[1]}"
        return "documents/index.html#words" if p.get("term") else "documents/index.html"
    return "index.html"


def light_url(origin: str, lang: str, key: str, params: dict | None = None) -> str:
    """The absolute URL of a light page on the live app's host (deploy/'s nginx serves the edition at /light/)."""
    path, sep, anchor = light_path(key, params).partition("#")
    return f"{origin.rstrip('/')}{LIGHT_PREFIX}{quote(lang)}/{quote(path)}{sep}{quote(anchor)}"


_PLAIN = re.compile(r"^[A-Za-z0-9,_-]{1,80}$")  # ids, kinds and ISO dates: anything else names no light page
_CELL = re.compile(r"^[A-Za-z0-9_-]{1,80}/[A-Za-z0-9_-]{1,80}$")  # a matrix cell: `<document_id>/<risk_id>`


def light_link(url_path: str, params: dict, lang: str) -> str:
    """A live page's link to its light twin (a path on the same host), from its URL path and parameters; a value
    that is not a plain id is left out, so nothing from the URL but ids reaches the link."""
    key = next((p.key for p in SITE if p.url_path == url_path.strip("/")), "home")
    return light_url("", lang, key, {k: v for k, v in params.items()
                                     if _PLAIN.match(str(v)) or (k == "cell" and _CELL.match(str(v)))})
