"""Real browser (Playwright driving Debian's Chromium): every page settles, draws, stays local, passes axe."""

from __future__ import annotations

import pytest

from tests.browser import CHROMIUM, FLAGS, READY, is_local, streamlit_server

playwright = pytest.importorskip("playwright.sync_api")
from axe_playwright_python.sync_playwright import Axe  # noqa: E402

PATHS = ["/", "/map", "/timeline", "/explainers", "/data"]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Deep links make the frontend probe /<page>/_stcore/*, get 404, then fall back to /_stcore/* (harmless).
HARMLESS_404 = ("/_stcore/health", "/_stcore/host-config")


@pytest.fixture(scope="module")
def server():
    with streamlit_server() as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


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
        self.page.goto(base + path)
        self.page.wait_for_selector(READY, timeout=60_000)

    def settle(self, selector: str | None = None, timeout: int = 30_000) -> None:
        if selector:
            self.page.wait_for_selector(selector, timeout=timeout)
        self.page.wait_for_selector(READY, timeout=timeout)
        self.page.wait_for_timeout(800)

    def text(self) -> str:
        return self.page.locator('[data-testid="stMain"]').inner_text()

    def close(self):
        self.context.close()


@pytest.mark.parametrize("path", PATHS)
def test_page_settles_local_accessible(server, browser, path):
    v = Visit(browser, server, path)
    try:
        v.settle()
        assert v.page.locator('[data-testid="stException"]').count() == 0
        assert v.page.locator("h1").count() >= 1
        assert "Sources" in v.text()
        results = Axe().run(v.page, options={"runOnly": {"type": "tag", "values": WCAG}})
        violations = [(x["id"], len(x["nodes"])) for x in results.response["violations"]]
        assert violations == [], results.generate_report()
        assert v.outside == [], v.outside
        assert v.errors == [], v.errors
        assert v.bad == [], v.bad
    finally:
        v.close()
