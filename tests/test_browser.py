"""Real browser (Playwright driving Debian's Chromium): every page settles, draws, stays local, passes axe."""

from __future__ import annotations

import re

import pytest

from tests.browser import HARMLESS_404, READY, axe_run, is_local, state_key, streamlit_server

pytest.importorskip("playwright.sync_api")
pytest.importorskip("axe_playwright_python")
from tests.test_a11y import STATES as A11Y_STATES, WIDTHS  # noqa: E402

# Settled: the script finished and no element is left stale (greyed) from the previous run; checked on two
# animation frames in a row, so a rerun that starts right after a run (st.rerun) is not mistaken for the end.
SETTLED = """() => new Promise(done => {
    const ok = () => !!document.querySelector('%s') && !document.querySelector('[data-stale="true"]');
    const first = ok();
    requestAnimationFrame(() => requestAnimationFrame(() => done(first && ok())));
})""" % READY


class Visit:
    """One page visit that records outside requests, failed responses and page errors."""

    def __init__(self, browser, base: str, path: str, width: int = 1280, height: int = 900):
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.outside, self.errors, self.bad = [], [], []
        self.page.on("request", lambda r: None if is_local(r.url) else self.outside.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("response", lambda r: self.bad.append(f"{r.status} {r.url}")
                     if r.status >= 400 and not r.url.endswith(HARMLESS_404) else None)
        # NOTE: generous waits, not checks: under the full suite's three workers on two cores a new tab's first
        # load (Streamlit's 7 MB of JavaScript, a fresh context with no cache) took over 30 s now and then
        self.page.goto(base + path, timeout=90_000)
        self.page.wait_for_selector(READY, timeout=60_000)

    def settle(self, selector: str | None = None, timeout: int = 60_000) -> None:
        if selector:
            self.page.wait_for_selector(selector, timeout=timeout)
        self.page.wait_for_function(SETTLED, timeout=timeout)

    def text(self) -> str:
        return self.page.locator('[data-testid="stMain"]').inner_text()

    def close(self):
        self.context.close()

    def __enter__(self) -> "Visit":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# The five pages at 1280 px and three states at 390 px: tests/test_a11y.py loads each of them anyway (axe, no
# exception, no outside request, no page error) and calls checked_as_a_page on that load; a second load here cost
# a fresh window's 7 MB of JavaScript and an axe scan each
PATHS = ["/", "/map", "/timeline", "/explainers", "/data"]
PHONE_PATHS = ["/map", "/timeline", "/explainers?risk=bias&mode=classroom"]


def _in(path: str, paths: list[str]) -> bool:
    return state_key(path) in {state_key(p) for p in paths}


def checked_as_a_page(page, path: str, size: tuple[int, int]) -> None:
    """On tests/test_a11y.py's load of a state: a page has its heading, its sources and no failed response; on a
    phone the three states do not scroll sideways."""
    if size == WIDTHS["desktop"] and _in(path, PATHS):
        assert page.locator("h1").count() >= 1
        assert "Sources" in page.locator('[data-testid="stMain"]').inner_text()
        assert page.bad == [], page.bad
    if size == WIDTHS["phone"] and _in(path, PHONE_PATHS):
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"page scrolls sideways by {overflow}px"


def test_every_page_is_loaded_by_the_accessibility_module():
    """checked_as_a_page runs only on the states tests/test_a11y.py loads: each of ours must stay in its list."""
    assert [p for p in PATHS + PHONE_PATHS if not _in(p, A11Y_STATES)] == []


def canvas_coloured_pixels(page) -> int:
    """Count non-white, non-transparent pixels of the deck.gl canvas (the map really drew)."""
    return page.evaluate(COLOURED_PIXELS)


COLOURED_PIXELS = """() => {
        const c = document.querySelector('[data-testid="stDeckGlJsonChart"] canvas');
        if (!c) return -1;
        const off = document.createElement('canvas'); off.width = c.width; off.height = c.height;
        const ctx = off.getContext('2d'); ctx.drawImage(c, 0, 0);
        const d = ctx.getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 0; i < d.length; i += 4) { if (d[i+3] > 0 && (d[i] < 240 || d[i+1] < 240 || d[i+2] < 240)) n++; }
        return n; }"""


@pytest.mark.parametrize("path, heading", [("/map", "World map"), ("/timeline", "Timeline"),
                                           ("/data", "About the data")])
def test_first_deep_link_after_start_has_no_page_not_found(browser, path, heading):
    """The first request after start is a deep link (a fresh server each time): the Atlas's own navigation runs.

    Streamlit's folder-based mode would run the page script alone: no "Page not found" is not enough, the sidebar
    must list the pages by their titles (not by file names such as "data") and the page config must apply.
    """
    with streamlit_server() as base:
        with Visit(browser, base, path) as v:
            v.settle('[data-testid="stSidebarNav"]')
            assert v.page.get_by_text("Page not found").count() == 0
            assert v.page.get_by_role("heading", name=heading).count() == 1
            nav = v.page.locator('[data-testid="stSidebarNav"]').inner_text()
            assert "About the data" in nav and "World map" in nav, nav
            assert v.page.title() == "AI Summit Atlas" or "AI Summit Atlas" in v.page.title()


def test_map_draws_and_lists_signatories(server, browser):
    with Visit(browser, server, "/map?document=bletchley-declaration") as v:
        v.settle('[data-testid="stDeckGlJsonChart"] canvas')
        # the geometry arrives by URL after the script finishes: wait until the shapes are drawn
        v.page.wait_for_function(f"() => ({COLOURED_PIXELS})() > 20000", timeout=30_000)
        assert canvas_coloured_pixels(v.page) > 20_000
        text = v.text()
        assert "28 countries and the EU signed the" in text and "New Zealand joined on 23 October 2024" in text
        table = v.page.get_by_role("table", name="Summit documents signed by each party")
        assert table.count() == 1 and "Kenya" in table.inner_text()
        assert v.page.get_by_role("region", name="Summit documents signed by each party").get_attribute("tabindex") == "0"
        assert v.outside == [] and v.errors == []


def test_timeline_filtered_url_shows_only_matches(server, browser):
    with Visit(browser, server, "/timeline?kind=summit") as v:
        v.settle('[data-testid="stPlotlyChart"] .main-svg')
        block = v.page.locator('[data-testid="stMarkdownContainer"]', has_text="verification:").inner_text()
        items = [t for t in block.split("Details and citation") if t.strip()]
        assert len(items) >= 4 and all("· Summits ·" in t for t in items)
        assert v.page.get_by_role("link", name=re.compile("gov.uk|GOV.UK|korea|elysee|pib", re.I)).count() >= 1
        downloads = v.page.locator('[data-testid="stDownloadButton"]').all_inner_texts()
        assert any("TimelineJS" in d for d in downloads) and any("this view" in d for d in downloads)
        assert v.outside == []


def test_bad_url_shows_notice_not_html(server, browser):
    with Visit(browser, server, "/map?country=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E") as v:
        v.settle()
        assert "Unknown country" in v.text()
        assert v.page.locator('[data-testid="stMain"] img[src="x"]').count() == 0
        assert v.errors == []


def test_explainer_classroom_and_handout(server, browser):
    with Visit(browser, server, "/explainers?risk=bias&mode=classroom") as v:
        v.settle()
        assert v.page.get_by_role("heading", name="What is it?").count() == 1
        v.page.get_by_role("button", name="Next step").click()
        v.settle()
        v.page.get_by_role("heading", name="A real example").wait_for()
        assert v.page.get_by_role("button", name="Download the printable handout").count() == 1
        results = axe_run(v.page)
        assert results.violations_count == 0, results.generate_report()


def test_corrupted_data_at_start_shows_error_page_and_server_stays_up(browser, tmp_path):
    import shutil
    import urllib.request

    from tests.conftest import DATA

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    lines = (data / "endorsements.csv").read_text(encoding="utf-8").splitlines()
    lines[6] = lines[6] + ',"unclosed'
    (data / "endorsements.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with streamlit_server(env={"ATLAS_DATA_DIR": str(data)}) as base:
        for path in ("/map", "/"):
            with Visit(browser, base, path) as v:
                v.settle()
                # the problems are a code block, which the frontend draws a moment after the run settles
                v.page.get_by_text("endorsements.csv:7:").first.wait_for(timeout=30_000)
                text = v.text()
                assert "did not pass validation" in text and "endorsements.csv:7:" in text
                assert v.page.locator('[data-testid="stException"]').count() == 0
                assert "Traceback" not in text
        with urllib.request.urlopen(base + "/_stcore/health", timeout=5) as r:
            assert r.read() == b"ok"


def test_quiz_works_by_keyboard(server, browser):
    with Visit(browser, server, "/explainers?risk=bias") as v:
        v.settle()
        main = v.page.locator('[data-testid="stMain"]')  # the sidebar has a radio group too (Language)
        group = main.get_by_role("radiogroup").first
        group.get_by_role("radio").first.focus()
        v.page.keyboard.press("Space")  # choose the focused answer
        v.page.wait_for_function(
            "() => document.querySelectorAll('[data-testid=stMain] [role=radiogroup] input:checked').length === 1")
        v.settle()
        button = v.page.get_by_role("button", name="Check my answer").first
        button.focus()
        v.page.keyboard.press("Enter")
        v.settle('[data-testid="stAlert"]')
        feedback = v.page.locator('[data-testid="stAlert"]').first.inner_text()
        assert feedback.startswith(("Correct", "Not quite")), feedback
        results = axe_run(v.page)
        assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(("path", "expect"), [
    ("/story?step=3", "Guterres: build AI rules on the UN Charter"),
    ("/map?document=paris-statement", "Statement on Inclusive and Sustainable Artificial Intelligence"),
    ("/timeline?kind=summit&party=GBR", "match the filters"),
])
def test_embed_snippet_renders_in_a_test_page(server, browser, path, expect):
    """The page's own "Embed this view" snippet, pasted into another page, shows the view with its state."""
    with Visit(browser, server, path) as v:
        v.settle()
        # as a reader would: open the panel (the story's "Embed this view", the map's and the timeline's "Download
        # the picture or embed this view") and copy the snippet; the panel's content is drawn once it is opened
        v.page.locator('[data-testid="stExpander"] summary', has_text=re.compile("embed this view", re.I)).click()
        # the live view's snippet first, then the light edition's (a static page at /light/, for big audiences)
        v.page.locator('[data-testid="stCode"] code', has_text="<iframe").first.wait_for()
        snippets = v.page.locator('[data-testid="stCode"] code', has_text="<iframe").all_inner_texts()
        snippet = snippets[0]
        assert "embed=true" in snippet
        assert len(snippets) == 2 and '/light/' in snippets[1] and "embed=true" not in snippets[1]
        # an article page served from nowhere (set_content): only the frame talks to the Atlas, on localhost
        v.page.set_content(f"<!doctype html><html lang='en'><title>Article</title><p>Our story</p>{snippet}</html>")
        frame = v.page.frame_locator("iframe")
        frame.locator(READY).wait_for(timeout=60_000)
        frame.get_by_text(expect).first.wait_for(timeout=60_000)
        assert frame.locator('[data-testid="stToolbar"]:visible').count() == 0  # embed mode: no toolbar
        assert frame.locator('[data-testid="stException"]').count() == 0
        assert v.outside == [] and v.errors == []


# A value repeated in a notice is an inline code span: Markdown (GFM autolinks) made web and e-mail addresses in it
# live links on the Atlas's own domain, whatever the backslash escaping
LINK_BAIT = [("/map", "country=https://atlas-verify.example/login"), ("/map", "document=www.atlas-verify.example"),
             ("/timeline", "party=reset@atlas-verify.example"), ("/timeline", "kind=mailto:a@atlas-verify.example"),
             ("/explainers", "risk=http://atlas-verify.example/%20sign%20in%20now%20to%20keep%20your%20access"),
             ("/data", "report=www.atlas-verify.example/login&from=/map?x=www.atlas-verify.example"),
             ("/map", "country=www.atlas-verify.example&lang=fr")]


@pytest.mark.parametrize("path, query", LINK_BAIT, ids=[f"{p}?{q}" for p, q in LINK_BAIT])
def test_no_notice_holds_a_link(server, browser, path, query):
    with Visit(browser, server, f"{path}?{query}") as v:
        v.settle('[data-testid="stAlert"]')
        alerts = v.page.locator('[data-testid="stAlert"]')
        assert alerts.count() >= 1
        texts = [alerts.nth(i).inner_text() for i in range(alerts.count())]
        assert any("atlas-verify" in t for t in texts), texts  # the value is repeated, as text
        links = v.page.locator('[data-testid="stAlert"] a')
        assert links.count() == 0, [links.nth(i).get_attribute("href") for i in range(links.count())]
        assert all(len(code) <= 42 for i in range(alerts.count())
                   for code in alerts.nth(i).locator("code").all_inner_texts())
        assert not v.outside, v.outside
