"""The Atlas's pages, defined once: script, title, icon and URL path (pure data, no streamlit)."""

from __future__ import annotations

from dataclasses import dataclass

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
