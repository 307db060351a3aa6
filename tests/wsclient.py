"""Open an app page over Streamlit's websocket like a browser tab, and fetch what it references while it is open.

A browser would do the same requests; this is ~50x faster than Chromium when a test only needs the page's
elements (exceptions, the map's deck) and the files they point to.
"""

from __future__ import annotations

import asyncio
import json
import time
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlparse

from streamlit.proto import BackMsg_pb2, ClientState_pb2, ForwardMsg_pb2, WidgetStates_pb2
from websockets.asyncio.client import connect

from tests.browser import run_async

FINISHED = ForwardMsg_pb2.ForwardMsg.ScriptFinishedStatus
DONE = {FINISHED.Value("FINISHED_SUCCESSFULLY")}
SUPERSEDED = FINISHED.Value("FINISHED_EARLY_FOR_RERUN")


@dataclass
class Visit:
    """What one first run of a page sent: exceptions, alert texts, decks, and the files fetched meanwhile."""

    status: str = "timeout"
    exceptions: list[str] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)
    decks: list[dict] = field(default_factory=list)
    fetched: dict[str, tuple[int, bytes]] = field(default_factory=dict)  # url -> (HTTP status, body)


def _fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, b""


async def _visit(base: str, page: str, query: str, timeout: float, while_open=None) -> Visit:
    u = urlparse(base)
    cs = ClientState_pb2.ClientState(query_string=query, page_name=page)
    cs.widget_states.SetInParent()
    cs.context_info.url = f"{base}/{page}" + (f"?{query}" if query else "")
    msg = BackMsg_pb2.BackMsg()
    msg.rerun_script.CopyFrom(cs)
    visit = Visit()
    async with connect(f"ws://{u.hostname}:{u.port}/_stcore/stream", origin=f"http://{u.hostname}:{u.port}",
                       subprotocols=["streamlit", "PLACEHOLDER_AUTH_TOKEN"], max_size=None, proxy=None,
                       open_timeout=timeout) as ws:
        await ws.send(msg.SerializeToString())
        while True:
            fm = ForwardMsg_pb2.ForwardMsg()
            fm.ParseFromString(await asyncio.wait_for(ws.recv(), timeout))
            kind = fm.WhichOneof("type")
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                el = fm.delta.new_element
                which = el.WhichOneof("type")
                if which == "exception":
                    visit.exceptions.append(f"{el.exception.type}: {el.exception.message}")
                elif which == "alert":
                    visit.alerts.append(el.alert.body)
                elif which == "deck_gl_json_chart":
                    visit.decks.append(json.loads(el.deck_gl_json_chart.json))
            elif kind == "page_not_found":
                visit.exceptions.append(f"page not found: {page}")
            elif kind == "script_finished" and fm.script_finished != SUPERSEDED:
                visit.status = FINISHED.Name(fm.script_finished)
                break
        # while the session is still open (as a browser tab would be), fetch the files the decks name
        for deck in visit.decks:
            for layer in deck.get("layers", []):
                if isinstance(layer.get("data"), str):
                    url = base + layer["data"]
                    visit.fetched[layer["data"]] = await asyncio.to_thread(_fetch, url)
        if while_open is not None:
            await asyncio.to_thread(while_open, visit)
    return visit


def visit(base: str, page: str = "", query: str = "", timeout: float = 60, while_open=None) -> Visit:
    """One first run of `page` (its url_path, "" for home) with `query`; then `while_open(visit)`, if given,
    runs before the session closes (the files a page references live while a session uses them)."""
    return run_async(_visit(base.rstrip("/"), page, query, timeout, while_open))


async def visit_many(base: str, pages: list[tuple[str, str]], timeout: float = 60) -> list[Visit]:
    """Several visits at once (page, query) on one server."""
    return await asyncio.gather(*(_visit(base.rstrip("/"), p, q, timeout) for p, q in pages))


# --- hostile widget values over the protocol (tests/test_protocol.py) ---------------------------------------

LONG = "2023-1" + "1" * 200_000  # 200,000 characters: reached pd.Period and a quadratic log formatter once


def hostile_states(widget_id: str) -> dict[str, WidgetStates_pb2.WidgetState]:
    """What a client can send for one widget besides what its options allow: an out-of-list string, an
    out-of-range number, a wrong type (a list, a bool, a trigger) and a 200,000-character string."""
    made = {}
    for name, field_name, value in (("out-of-list", "string_value", "ZQX-not-an-option"),
                                    ("out-of-range", "int_value", 2**62), ("negative", "double_value", -1e308),
                                    ("wrong-type-list", "string_array_value", None),
                                    ("wrong-type-bool", "bool_value", True), ("trigger", "trigger_value", True),
                                    ("long", "string_value", LONG)):
        state = WidgetStates_pb2.WidgetState(id=widget_id)
        if field_name == "string_array_value":
            state.string_array_value.data.extend(["ZQX", "x" * 100, ""])
        else:
            setattr(state, field_name, value)
        made[name] = state
    return made


@dataclass
class Run:
    """What followed one message: how many script runs, how long until the last finished, and what they sent."""

    runs: int = 0
    seconds: float = 0.0
    final: str = "timeout"
    exceptions: list[str] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)
    markdown: list[str] = field(default_factory=list)
    widgets: dict[str, str] = field(default_factory=dict)  # widget id -> element type


MAX_RUNS = 6  # runs read after one message before the page counts as looping


async def _until_settled(ws, run: Run, timeout: float, state: dict) -> Run:
    """Read messages until a run finishes without starting another (or MAX_RUNS runs, or `timeout`)."""
    started = time.monotonic()
    while run.runs < MAX_RUNS:
        left = timeout - (time.monotonic() - started)
        if left <= 0:
            break
        fm = ForwardMsg_pb2.ForwardMsg()
        try:
            fm.ParseFromString(await asyncio.wait_for(ws.recv(), left))
        except asyncio.TimeoutError:
            break
        kind = fm.WhichOneof("type")
        if kind == "new_session":
            state["session_id"] = fm.new_session.initialize.session_id
        elif kind == "page_info_changed":
            state["query"] = fm.page_info_changed.query_string  # the browser sends the new URL next time
        elif kind == "delta":
            what = fm.delta.WhichOneof("type")
            if what == "new_element":
                el = fm.delta.new_element
                which = el.WhichOneof("type")
                sub = getattr(el, which) if which else None
                if which == "exception":
                    run.exceptions.append(f"{el.exception.type}: {el.exception.message[:300]}")
                elif which == "alert":
                    run.alerts.append(el.alert.body)
                elif which == "markdown":
                    run.markdown.append(el.markdown.body)
                if sub is not None and getattr(sub, "id", ""):
                    run.widgets[sub.id] = which
            elif what == "add_block":
                block = fm.delta.add_block
                which = block.WhichOneof("type")
                sub = getattr(block, which) if which else None
                if sub is not None and getattr(sub, "id", ""):
                    run.widgets[sub.id] = which
        elif kind == "script_finished":
            run.runs += 1
            if fm.script_finished != SUPERSEDED:
                run.final = FINISHED.Name(fm.script_finished)
                break
    run.seconds = time.monotonic() - started
    return run


class Session:
    """One browser tab on a page, driven message by message (async context manager)."""

    def __init__(self, base: str, page: str, query: str, timeout: float = 60):
        self.base, self.page, self.timeout = base.rstrip("/"), page, timeout
        self.state = {"query": query}

    async def __aenter__(self) -> "Session":
        u = urlparse(self.base)
        self._conn = connect(f"ws://{u.hostname}:{u.port}/_stcore/stream", origin=f"http://{u.hostname}:{u.port}",
                             subprotocols=["streamlit", "PLACEHOLDER_AUTH_TOKEN"], max_size=None, proxy=None,
                             open_timeout=self.timeout)
        self.ws = await self._conn.__aenter__()
        return self

    async def __aexit__(self, *exc) -> None:
        await self._conn.__aexit__(*exc)

    async def bogus_download(self, n: int) -> None:
        """`n` requests for a download file that does not exist (a deferred file id no page made)."""
        for i in range(n):
            msg = BackMsg_pb2.BackMsg()
            msg.backend_operation_request.request_id = f"r{i}"
            msg.backend_operation_request.session_id = self.state.get("session_id", "")
            msg.backend_operation_request.deferred_file.file_id = f"no-such-file-{i}"
            await self.ws.send(msg.SerializeToString())

    async def send(self, widgets: list | None = None, timeout: float | None = None) -> Run:
        """A rerun with these widget states (none: a plain load of the page), read until the page settles."""
        query = self.state["query"]
        cs = ClientState_pb2.ClientState(query_string=query, page_name=self.page)
        cs.widget_states.SetInParent()
        cs.widget_states.widgets.extend(widgets or [])
        cs.context_info.url = f"{self.base}/{self.page}" + (f"?{query}" if query else "")
        msg = BackMsg_pb2.BackMsg()
        msg.rerun_script.CopyFrom(cs)
        await self.ws.send(msg.SerializeToString())
        return await _until_settled(self.ws, Run(), timeout or self.timeout, self.state)
