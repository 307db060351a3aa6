"""/documents in Chromium with axe (WCAG 2.2 AA) at 1280 and 390 px: the matrix, a cell chosen (by URL and by its
pickers), every document, a comparison, the citation opened, French; the chart drew; no control text cut."""

from __future__ import annotations

import pytest

from components import passages as P
from tests.browser import settled
from tests.test_a11y import (ATLAS, CONTROLS, TRUNCATED_JS, WIDTHS, assert_clean, at_both_widths,  # noqa: F401
                             open_page)  # open_page: a fixture

COV = ATLAS.coverage
NAMED = COV[COV["status"] == "named"].iloc[0]
NOT_NAMED = COV[COV["status"] == "not_named"].iloc[0]
DOCS = list(P.documents_in_order(ATLAS.documents)["document_id"])

STATES = [
    "/documents", f"/documents?cell={NAMED['document_id']}/{NAMED['risk_id']}",
    f"/documents?cell={NOT_NAMED['document_id']}/{NOT_NAMED['risk_id']}",
    *[f"/documents?doc={d}" for d in DOCS],
    "/documents?doc=bletchley-declaration&compare=paris-statement",
    "/documents?doc=seoul-declaration&compare=new-delhi-declaration",
    "/documents?lang=fr", "/documents?doc=paris-statement&lang=fr",
    "/documents?doc=bletchley-declaration&compare=coe-framework-convention&lang=fr",
    "/documents?term=innovation",
]
# the states with the longest control texts: also checked for text cut off, at both widths
CLIP_STATES = ["/documents", "/documents?doc=frontier-ai-safety-commitments",
               "/documents?doc=bletchley-declaration&compare=paris-statement"]


@pytest.mark.parametrize("path", STATES)
def test_axe_on_documents(open_page, path):
    """At 1280 px, then the same load laid out at 390 px (tests/test_a11y.py at_both_widths)."""
    page = open_page(path, WIDTHS["desktop"])
    for _size in at_both_widths(page):
        assert_clean(page)
        if path in CLIP_STATES:  # on this same load: no control text cut off
            assert page.evaluate(TRUNCATED_JS, CONTROLS) == []


def _pick(page, label: str, option: str) -> None:
    """Choose by keyboard, as in tests/test_browser_map.py: type the option's text, then Enter."""
    page.locator('[data-testid="stMain"]').get_by_role("combobox", name=label).click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")


@pytest.mark.parametrize("size", WIDTHS.values(), ids=WIDTHS)
def test_choosing_a_cell_with_its_pickers_shows_its_passages(open_page, size):
    page = open_page("/documents", size)
    doc = ATLAS.documents.set_index("document_id").at[NAMED["document_id"], "short_title"]
    risk = ATLAS.risks.set_index("risk_id").at[NAMED["risk_id"], "title"]
    _pick(page, "Document", doc)
    settled(page)
    _pick(page, "Risk", risk)
    page.wait_for_function("(c) => location.search.includes('cell=' + c)",
                           arg=f"{NAMED['document_id']}/{NAMED['risk_id']}".replace("/", "%2F"))
    page.get_by_role("heading", name=f"{doc} × {risk}: ● Named").wait_for()
    settled(page)
    assert page.get_by_text("Report a problem with this fact").count() >= 1
    assert "Via AI Summit Atlas" in page.locator('[data-testid="stMain"]').inner_text()  # "Cite this passage"
    assert_clean(page)
    page.locator('[data-testid="stMain"]').get_by_role("button", name="Clear", exact=True).click()
    page.wait_for_function("() => !location.search.includes('cell=')")
    settled(page)
    assert page.get_by_role("heading", name=f"{doc} × {risk}: ● Named").count() == 0


def test_the_words_chart_draws_with_its_bars(open_page):
    page = open_page("/documents", WIDTHS["desktop"])
    page.locator(".js-plotly-plot .bars path").first.wait_for()
    counted = ATLAS.term_counts.query("term == 'safety'")["count"].notna().sum()
    assert page.locator(".js-plotly-plot .bars .point").count() == len(ATLAS.documents)
    assert counted >= 2


def test_every_clip_state_is_loaded_for_axe():
    """The cut-text check runs on test_axe_on_documents' loads (a load of its own cost a page load each)."""
    assert [p for p in CLIP_STATES if p not in STATES] == []
