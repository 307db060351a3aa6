"""Serving from one checkout: two app processes at once, and no file written into the checkout at run time."""

from __future__ import annotations

import asyncio
import json
import subprocess
from contextlib import ExitStack

from tests.browser import run_async, streamlit_server
from tests.conftest import ROOT, shipped_atlas
from tests.wsclient import visit_many

ATLAS = shipped_atlas()
MAP_VIEWS = ([""] + [f"summit={s}" for s in ATLAS.summits["summit_id"]]
             + [f"document={d}" for d in ATLAS.documents["document_id"]])
PAGES = [("", ""), ("map", ""), ("timeline", ""), ("explainers", ""), ("data", ""),
         ("explainers", "risk=" + ATLAS.risks["risk_id"].iloc[0]), ("timeline", "kind=summit&q=AI")]
# what a run may leave behind: the virtual environment and Python's and pytest's caches
ALLOWED = (".venv/", "__pycache__/", ".pytest_cache/")


def test_two_processes_from_one_checkout_serve_every_map_view():
    with ExitStack() as stack:
        bases = [stack.enter_context(streamlit_server()) for _ in range(2)]

        async def both():
            return await asyncio.gather(*(visit_many(b, [("map", q) for q in MAP_VIEWS]) for b in bases))

        results = run_async(both())
    bodies = []
    for base, visits in zip(bases, results):
        for query, v in zip(MAP_VIEWS, visits):
            assert v.status == "FINISHED_SUCCESSFULLY" and not v.exceptions, (base, query, v.status, v.exceptions)
            assert not any("drawn as a point" in a for a in v.alerts), (base, query)
            (url, (status, body)), = v.fetched.items()
            assert status == 200, (base, query, url, status)
            assert len(json.loads(body)["features"]) > 150
        bodies.append({q: v.fetched for q, v in zip(MAP_VIEWS, visits)})
    assert bodies[0] == bodies[1]  # same URL, same bytes on both: any replica can serve any map


def _status() -> set[str]:
    out = subprocess.run(["git", "status", "--porcelain", "--ignored", "--untracked-files=all"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    return {line for line in out.splitlines() if not any(part in line[3:] + "/" for part in ALLOWED)}


def test_loading_every_page_writes_nothing_into_the_checkout():
    before = _status()
    with streamlit_server() as base:
        visits = run_async(visit_many(base, PAGES + [("map", q) for q in MAP_VIEWS]))
    assert all(v.status == "FINISHED_SUCCESSFULLY" and not v.exceptions for v in visits)
    assert sum(len(v.fetched) for v in visits) == len(MAP_VIEWS) + 1  # the geometry was really served
    assert _status() == before


def test_every_story_step_serves_its_map_files(server):
    """Each step's map loads its shapes by URL while the session is open: none answers 404. (The story's sources
    list once served every view's shapes in turn, which replaced the step's own; steps 1, 2, 3 and 8 drew no
    country.)"""
    from tests.wsclient import visit

    for n in range(1, len(ATLAS.story) + 1):
        v = visit(server, "story", f"step={n}", timeout=180)  # a loaded CI machine runs a first visit slowly
        assert v.status == "FINISHED_SUCCESSFULLY" and not v.exceptions, (n, v.exceptions)
        assert v.fetched and all(status == 200 and body for status, body in v.fetched.values()), \
            (n, {u: s for u, (s, _b) in v.fetched.items()})
