"""Browser test helpers: start the app on a free loopback port, launch Debian's Chromium, record requests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-unsafe-swiftshader"]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# WCAG 2.2 AA: the axe rules every page is held to, in every browser test (one list)
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# NOTE: resultTypes ["violations"] (axe's own option for speed, and axe-playwright-python's default): axe still runs
# every rule on every node and reports each violation with all its nodes; it only stops collecting the HTML of every
# passing node (about 270 KB of JSON a scan). A scan of /documents took 1.9 s, now 0.9 s.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}
# Deep links make the frontend probe /<page>/_stcore/*, get 404, then fall back to /_stcore/* (harmless).
HARMLESS_404 = ("/_stcore/health", "/_stcore/host-config")


def run_async(coro):
    """asyncio.run(coro) in a thread of its own, so it works while this thread drives Chromium.

    Playwright's sync API keeps an event loop running in the thread that opened it, for as long as it is open, and
    asyncio.run refuses to start inside a running loop; the session's Chromium (tests/conftest.py) stays open."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(app: str = "app.py", env: dict | None = None, cwd: Path = ROOT, log_path: Path | None = None):
    """Run `streamlit run` headless on 127.0.0.1 and yield its base URL; stop it afterwards. Its output goes to
    `log_path` when given (a test that reads the server's log), else to a temporary file."""
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", app, "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    log = open(log_path, "w+") if log_path else tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)
    proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"streamlit did not start:\n{log.read()[-3000:]}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def state_key(url: str) -> tuple[str, tuple]:
    """A page state from its path and query: the same parameters in another order are the same state."""
    from urllib.parse import parse_qsl, urlsplit

    parts = urlsplit(url)
    return parts.path, tuple(sorted(parse_qsl(parts.query)))


def is_local(url: str) -> bool:
    """True for requests that stay on this machine (loopback, data: and blob: URLs)."""
    from urllib.parse import urlparse

    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about", "chrome-extension"):
        return True
    return parsed.hostname in ("127.0.0.1", "localhost", "::1")


# Resolves once the page's DOM has not changed for `quiet` ms (a condition, not a fixed pause: it returns
# as soon as Streamlit has finished drawing, and fails when the page never settles).
_QUIET_JS = """([quiet, limit]) => new Promise((resolve) => {
  let timer; const started = Date.now();
  const done = (ok) => { observer.disconnect(); clearTimeout(timer); resolve(ok); };
  const observer = new MutationObserver(() => {
    clearTimeout(timer);
    if (Date.now() - started > limit) { done(false); return; }
    timer = setTimeout(() => done(true), quiet);
  });
  observer.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
  timer = setTimeout(() => done(true), quiet);
})"""


def sources_heading(url: str) -> str:
    """The Sources heading in the language of the page's URL (`lang=`; English without it): "Fuentes" in Spanish."""
    from urllib.parse import parse_qs, urlparse

    from components.i18n import translator

    lang = (parse_qs(urlparse(url).query).get("lang") or ["en"])[-1]
    return translator(lang).gettext("Sources")


def settled(page, ready_timeout: int = 60_000, quiet_ms: int = 400, limit_ms: int = 20_000) -> None:
    """Wait until the script run is over, the page ends with its Sources heading, and the DOM is quiet."""
    page.wait_for_selector(READY, timeout=ready_timeout)
    page.get_by_role("heading", name=sources_heading(page.url), exact=True).wait_for(timeout=ready_timeout)
    page.wait_for_selector(READY, timeout=ready_timeout)
    if not page.evaluate(_QUIET_JS, [quiet_ms, limit_ms]):
        raise TimeoutError(f"the page kept changing for {limit_ms} ms")


def axe_run(page):
    """axe-core over the page as it is now (WCAG 2.2 AA rules): its results (`.violations_count`, `.response`)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, options=AXE_OPTIONS)


def axe_violations(page) -> list[tuple[str, int]]:
    """Each violated axe rule with its number of nodes; [] when the page is clean."""
    return [(v["id"], len(v["nodes"])) for v in axe_run(page).response["violations"]]
