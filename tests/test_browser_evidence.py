"""Real browser: the evidence a journalist checks is visible: last-checked dates, the change log, report links."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from tests.browser import streamlit_server
from tests.conftest import shipped_atlas
from tests.test_browser import Visit

from components.overview import latest_changes

pytest.importorskip("playwright.sync_api")
# one worker of a parallel run takes the module: its server (with a report address) is per module, and each worker
# that got one of its three tests started one (5-6 s each)
pytestmark = pytest.mark.xdist_group("evidence")


@pytest.fixture(scope="module")
def server():
    with streamlit_server(env={"ATLAS_REPORT_TO": "mailto:corrections@atlas.test"}) as base:
        yield base


def test_timeline_item_shows_checked_date_and_a_prefilled_report(server, browser):  # noqa: F811
    with Visit(browser, server, "/timeline?event=2023-11-01-bletchley-declaration") as v:
        v.settle('a:has-text("Report a problem with this fact")')
        assert "Source last checked on" in v.text()
        href = v.page.get_attribute('a:has-text("Report a problem with this fact")', "href")
        assert v.outside == [] and v.errors == []
    body = follow_report_link(browser, server, href)
    assert "Fact: 2023-11-01-bletchley-declaration\nSource cited: https://www.gov.uk/" in body
    assert "Page: /timeline?event=2023-11-01-bletchley-declaration" in body


def follow_report_link(browser, server, href: str) -> str:  # noqa: F811
    """Open a fact's short report link (/data?report=...) as a reader would; the body of the pre-filled report."""
    assert href.startswith("/data?report=") or href.startswith(server + "/data?report="), href
    with Visit(browser, server, href.removeprefix(server)) as v:
        v.settle('a:has-text("Open the pre-filled report")')
        mailto = v.page.get_attribute('a:has-text("Open the pre-filled report")', "href")
        assert mailto.startswith("mailto:corrections@atlas.test?subject=")
        assert v.outside == [] and v.errors == []
    return unquote(mailto.split("body=", 1)[1])


def test_about_page_shows_change_log_and_checked_spread(server, browser):  # noqa: F811
    with Visit(browser, server, "/data") as v:
        v.settle('table:has(caption:has-text("Last-checked dates per file"))')
        text = v.text()
        newest = latest_changes(shipped_atlas().changes, 1).iloc[0]["summary"]
        assert "What changed" in text and newest[:40] in text
        table = v.page.locator('table:has(caption:has-text("Last-checked dates per file"))')
        assert "endorsements.csv" in table.inner_text() and "2026-11-30" in table.inner_text()
        href = v.page.get_attribute('a:has-text("Report a problem with a fact")', "href")
        assert href.startswith("mailto:corrections@atlas.test?")


def test_country_profile_lines_offer_a_report(server, browser):  # noqa: F811
    with Visit(browser, server, "/map?country=FRA") as v:
        # each line's check date and report link are in the profile's panel, drawn when it is opened
        v.page.locator('[data-testid="stExpander"] summary', has_text="checks and reports").first.click()
        v.settle('a:has-text("report a problem")')
        links = v.page.locator('a:has-text("report a problem")')
        assert links.count() >= 3
        href = links.first.get_attribute("href")
        assert href.endswith("/data?report=bletchley-declaration/FRA"), href  # the short form (components/report.py)
        assert "checked" in v.text()
    body = follow_report_link(browser, server, href)
    assert "Fact: endorsements.csv: bletchley-declaration + FRA\nSource cited: https://" in body
    assert "Page: /map?country=FRA" in body
