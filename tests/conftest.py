"""Shared fixtures: paths, a scratch copy of data/ to break on purpose, the app server and Chromium."""

import copy
import functools
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Tests marked xdist_group("name") get "@name" after their node id, so `--dist loadgroup` (scripts/test.sh) sends
    them all to one worker."""
    # NOTE: pytest-xdist 3.8 does this by writing item._nodeid, which pytest 9 no longer reads (a node's id is
    # item._id): the groups were silently ignored, and in a full run the light edition was built on each of the 3
    # workers (200 s of setup each) and the deployment brought up 3 times. Nothing to do without loadgroup, or once
    # xdist's own suffix is there.
    if not getattr(config.option, "loadgroup", False):
        return
    from _pytest.nodeid import NodeId

    for item in items:
        names = sorted({str(m.args[0] if m.args else m.kwargs.get("name", "default"))
                        for m in item.iter_markers("xdist_group")})
        suffix = "@" + "_".join(names)
        if names and not item.nodeid.endswith(suffix):
            item._id = NodeId.parse(item.nodeid + suffix)


@functools.cache
def _validated_once():
    from components.data import read_atlas

    return read_atlas(DATA)


def shipped_atlas():
    """`read_atlas(DATA)`, validated once per test process; each caller gets its own deep copy.

    NOTE: nineteen modules read the shipped data at import, and every pytest-xdist worker imports every module to
    collect: a validation took 1.5-3 s of CPU, so collection alone spent about 40 s of CPU per worker on the same
    answer. A copy (20 ms) keeps each module's tables its own, as a fresh read did. Tests that check reading
    itself, or read another folder, still call read_atlas."""
    return copy.deepcopy(_validated_once())


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data directory."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="session")
def server():
    """The app under `streamlit run` on a free loopback port, one per test process (a module may override it)."""
    # NOTE: one per process, not per module: a start took 5-6 s (2 s of CPU) and each of 2-3 parallel workers
    # (scripts/test.sh) would start one for each browser module. Every page load is its own session anyway.
    from tests.browser import streamlit_server

    with streamlit_server() as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, one per test process; skipped where Playwright is missing."""
    # NOTE: one per process, not per module: pytest-xdist (scripts/test.sh) hands out single tests, so each of 3
    # workers met nearly every browser module and launched about ten Chromiums (3.0-3.4 s each here under load).
    # Every test still opens its own context (a fresh window). While Playwright's sync API is open, asyncio.run
    # cannot run in the same thread, so tests run their coroutines with tests/browser.py run_async instead.
    sync_api = pytest.importorskip("playwright.sync_api")
    from tests.browser import CHROMIUM, FLAGS

    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def contexts(browser):
    """One browser context per window size for the test process, so Streamlit's JavaScript comes from its HTTP
    cache (tests/test_a11y.py open_page and the modules that use it)."""
    # NOTE: a new context per state downloaded, parsed and compiled Streamlit's JavaScript every time (7 MB per
    # load): 20 states took 34 s of CPU that way and 25 s with a context per size (the whole process tree).
    # Nothing else is shared: each state opens a new tab (a fresh page load, Streamlit session and
    # sessionStorage) after the origin's cookies and storage are cleared (test_states_share_only_the_http_cache).
    # Per process, not per module: each xdist worker met the three modules that use it and built its own.
    made: dict[tuple[int, int], object] = {}
    yield made
    for context in made.values():
        context.close()


def plain(text: str) -> str:
    """Text with French no-break spaces (U+00A0 before a colon and inside dates, U+202F before ; ! ? » and after «)
    as plain spaces: for tests that check words; tests/test_languages.py checks the spaces themselves."""
    return str(text).replace("\u00a0", " ").replace("\u202f", " ")
