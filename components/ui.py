"""Shared Streamlit drawers (st_*): data loading with an error panel, notices, sources, safe text."""

from __future__ import annotations

import streamlit as st

from components.data import Atlas, load_atlas
from components.site import PAGES  # noqa: F401 - pages import it from here
from components.text import (NOWRAP_MAX, domain, html_table, md_escape, md_link, report_md_link,  # noqa: F401
                             safe_url)  # re-exported: pages and tests import them from here
from components.shaping import format_date


def st_fact_footer(fact_id: str, source_url: str, checked_on: str, page_url: str) -> None:
    """Under a fact shown in detail: when a person last checked it, and a link to report a problem with it."""
    checked = f"Source last checked on {md_escape(format_date(checked_on))} · " if checked_on else ""
    st.markdown(checked + report_md_link(fact_id, source_url, page_url))


def st_atlas() -> Atlas:
    """The validated data, or a clear error panel naming file and line, then stop the page."""
    atlas, problems = load_atlas()
    if atlas is None:
        st.error("The Atlas cannot show this page: its data files did not pass validation.", icon=":material/warning:")
        st.markdown("**Problems found** (file:line: column: problem):")
        st.code("\n".join(str(p) for p in problems[:200]) or "unknown problem", language=None, wrap_lines=True)
        st.markdown("Editors: run `python -m components.data --check data/` and fix each line above.")
        st.stop()
    return atlas


def st_notices(notices: list[str]) -> None:
    """Show URL-parameter notices as visible warnings (text, never HTML)."""
    for notice in notices:
        st.warning(md_escape(notice), icon=":material/info:")


def st_sources(rows: list[tuple[str, str]], heading: str = "Sources") -> None:
    """End a page with the sources it used: (title, url) pairs, deduplicated, plus the data page link."""
    st.divider()
    st.subheader(heading)
    seen, lines = set(), []
    for title, url in rows:
        if url and url not in seen:
            seen.add(url)
            lines.append(f"- {md_link(title or domain(url), url)} ({md_escape(domain(url))})")
    st.markdown("\n".join(lines) if lines else "No external sources on this page.")
    st.page_link(PAGES["data"], label="About the data: provenance, licences, downloads and how to cite")


TABLE_CSS = """<style>
.atlas-table { overflow-x: auto; max-width: 100%; border: 1px solid #d5d9e0; border-radius: 0.5rem; }
.atlas-table:focus { outline: 3px solid #1f5fa8; outline-offset: 2px; }
.atlas-table table { border-collapse: collapse; font-size: 0.875rem; width: 100%; }
.atlas-table caption { text-align: left; padding: 0.5rem; font-weight: 600; color: #1a1a1a; }
.atlas-table th, .atlas-table td { border-top: 1px solid #e5e7eb; padding: 0.35rem 0.5rem; text-align: left;
  vertical-align: top; color: #1a1a1a; overflow-wrap: anywhere; }
.atlas-table .nowrap { white-space: nowrap; overflow-wrap: normal; }
.atlas-table .wide { min-width: 14rem; }
.atlas-table thead th { background: #f2f4f7; }
</style>"""


def st_table(frame, caption: str, row_header: str | None = None) -> None:
    """Draw a DataFrame as an accessible HTML table (all cell text escaped)."""
    st.html(TABLE_CSS + html_table(frame, caption, row_header))


# Streamlit cuts page-link and widget-label text that does not fit with an ellipsis ("Harm to individuals
# through fake co…", "Outline EU …"); let it wrap onto more lines instead. Drawn once per run by app.py.
WRAP_CSS = """<style>
[data-testid="stPageLink"] a *, [data-testid="stWidgetLabel"] [data-testid="stMarkdownContainer"],
[data-testid="stWidgetLabel"] [data-testid="stMarkdownContainer"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
</style>"""


def st_wrap_text() -> None:
    """Let link and label text wrap instead of being cut (a constant style sheet: no data in it)."""
    st.html(WRAP_CSS)
