"""A nested unknown path (/map/extra, /data/x) redirects to its page instead of a blank white page.

Without the redirect the browser loads index.html at /map/extra, resolves its `./static/js/...` scripts to
/map/static/js/..., gets HTML back, refuses to run it and stays white (components/serving.py).
"""

from __future__ import annotations

import http.client
from urllib.parse import urlparse

import pytest

from components.serving import page_of_nested_path
from tests.browser import READY


@pytest.mark.parametrize("path, page", [
    ("/map/extra", "/map"), ("/data/x", "/data"), ("/timeline/a/b/c", "/timeline"), ("/nope/x", "/nope"),
    ("/map", None), ("/", None), ("/static/js/index.js", None), ("/_stcore/health", None),
    ("/map/_stcore/health", None), ("/media/abc.json", None), ("/atlas-media/abc.json", None), ("/app/static/x", None), ("/component/x/y", None),
])
def test_page_of_nested_path(path, page):
    assert page_of_nested_path(path) == page


def head(base: str, path: str) -> tuple[int, str | None, str | None]:
    u = urlparse(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    conn.request("GET", path)
    r = conn.getresponse()
    r.read()
    return r.status, r.getheader("Location"), r.getheader("Content-Type")


def test_server_redirects_nested_paths_and_leaves_the_rest(server):
    assert head(server, "/map/extra?country=FRA")[:2] == (302, "/map?country=FRA")
    assert head(server, "/data/x")[:2] == (302, "/data")
    assert head(server, "/map")[0] == 200
    assert head(server, "/map/_stcore/health")[0] == 404  # the frontend's probe still gets its 404
    assert head(server, "/_stcore/health")[0] == 200


@pytest.mark.parametrize("path, heading", [("/map/extra", "World map"), ("/data/x", "About the data"),
                                           ("/timeline/a/b", "Timeline")])
def test_nested_path_in_a_browser_shows_its_page(server, browser, path, heading):
    # a new context per path: a fresh window, as each path got its own Chromium before (the module's one is shared)
    context = browser.new_context()
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server + path)
        page.wait_for_selector(READY, timeout=60_000)
        page.get_by_role("heading", name=heading).first.wait_for(timeout=30_000)
        assert urlparse(page.url).path == "/" + path.strip("/").split("/")[0]
        assert errors == []
    finally:
        context.close()
