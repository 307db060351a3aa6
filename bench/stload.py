#!/usr/bin/env python
"""stload: a protocol-level load client for Streamlit (browser WebSocket protocol).

It does what a browser tab does on the wire, without rendering anything:

1. (optional) GET /_stcore/health and /_stcore/host-config, like the frontend;
2. open ws://HOST:PORT/_stcore/stream with subprotocols ["streamlit", "PLACEHOLDER_AUTH_TOKEN"]
   and an Origin header equal to the app URL;
3. send a binary BackMsg{rerun_script: ClientState{query_string, page_name, context_info, ...}};
4. read binary ForwardMsgs until script_finished (FINISHED_SUCCESSFULLY ends the run;
   FINISHED_EARLY_FOR_RERUN is skipped; FINISHED_WITH_COMPILE_ERROR is a failure);
5. optional warm reruns on the same socket, sending cached_message_hashes (the hashes of every
   message received with metadata.cacheable) so unchanged big elements come back as ref_hash.

Per run it records: time to new_session / first delta / script_finished, payload bytes (sum of
binary frame sizes), bytes and counts by ForwardMsg type and by delta element type, ref_hash
stubs, app exceptions (delta.new_element.exception -> failure) and page_not_found (-> failure),
plus the largest individual messages so payload regressions can be attributed.

N sessions can be released together (asyncio.Event) or spread over --ramp seconds, and can be
held open (--hold) so server RSS can be sampled with N live sessions.

Only talks to the URL you give it; meant for 127.0.0.1. Library use: see run_sessions().
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable
from urllib.parse import urlparse

import websockets
from websockets.asyncio.client import ClientConnection, connect
from streamlit.proto import BackMsg_pb2, ClientState_pb2, ForwardMsg_pb2

SCRIPT_FINISHED = ForwardMsg_pb2.ForwardMsg.ScriptFinishedStatus
FINISHED_OK = {
    SCRIPT_FINISHED.Value("FINISHED_SUCCESSFULLY"),
    SCRIPT_FINISHED.Value("FINISHED_FRAGMENT_RUN_SUCCESSFULLY"),
}
FINISHED_COMPILE_ERROR = SCRIPT_FINISHED.Value("FINISHED_WITH_COMPILE_ERROR")
FINISHED_EARLY = SCRIPT_FINISHED.Value("FINISHED_EARLY_FOR_RERUN")

TOP_MESSAGES_KEPT = 8  # largest messages kept per run, for attribution


class CountingConnection(ClientConnection):
    """ClientConnection that counts raw bytes received (wire bytes, incl. HTTP upgrade)."""

    wire_bytes_in: int = 0

    def data_received(self, data: bytes) -> None:  # asyncio.Protocol hook
        self.wire_bytes_in += len(data)
        super().data_received(data)


def _element_label(msg: ForwardMsg_pb2.ForwardMsg) -> str:
    """Label for byte accounting: 'delta.new_element.<element type>' / 'delta.add_block' / '<type>'."""
    kind = msg.WhichOneof("type") or "none"
    if kind != "delta":
        return kind
    dkind = msg.delta.WhichOneof("type") or "none"
    if dkind == "new_element":
        return "delta.new_element." + (msg.delta.new_element.WhichOneof("type") or "none")
    if dkind == "add_block":
        return "delta.add_block." + (msg.delta.add_block.WhichOneof("type") or "block")
    return "delta." + dkind


def _element_hint(msg: ForwardMsg_pb2.ForwardMsg) -> str:
    """Short human hint of what an element is (body prefix, id, inner payload size)."""
    try:
        if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
            return ""
        el = msg.delta.new_element
        et = el.WhichOneof("type")
        inner = getattr(el, et)
        parts = []
        for f in ("id", "key"):
            if hasattr(inner, f) and getattr(inner, f):
                parts.append(f"{f}={str(getattr(inner, f))[:60]}")
        if et == "markdown":
            parts.append(repr(inner.body[:60]))
        elif et == "html":
            parts.append(f"html_len={len(inner.body)} " + repr(inner.body[:50]))
        elif et == "deck_gl_json_chart":
            parts.append(f"json_len={len(inner.json)}")
        elif et == "plotly_chart":
            spec = getattr(inner, "spec", "")
            parts.append(f"spec_len={len(spec)}")
        elif et in ("dataframe", "table"):
            ad = getattr(inner, "arrow_data", None)
            if ad is not None and hasattr(ad, "data"):
                parts.append(f"arrow_len={len(ad.data)}")
        elif et == "vega_lite_chart":
            parts.append(f"spec_len={len(inner.spec)}")
        elif et == "imgs":
            parts.append(f"n_imgs={len(inner.imgs)}")
        elif et == "exception":
            parts.append(f"{inner.type}: {inner.message[:120]}")
        return " ".join(parts)
    except Exception:  # noqa: BLE001 - hints are best effort
        return ""


@dataclass
class RunResult:
    """One script run (first load or rerun) as seen by the client."""

    kind: str  # "first" | "rerun"
    ok: bool = False
    status: str = "timeout"
    latency_s: float | None = None  # first: connect start -> script_finished; rerun: send -> finished
    t_new_session_s: float | None = None
    t_first_delta_s: float | None = None
    payload_bytes: int = 0
    n_msgs: int = 0
    n_ref_hash: int = 0
    bytes_by_type: dict[str, int] = field(default_factory=dict)
    count_by_type: dict[str, int] = field(default_factory=dict)
    bytes_by_element: dict[str, int] = field(default_factory=dict)
    count_by_element: dict[str, int] = field(default_factory=dict)
    top_messages: list[dict[str, Any]] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    page_not_found: str | None = None
    error: str | None = None
    query_string: str | None = None  # set when the run changed the page's URL (page_info_changed)


@dataclass
class SessionResult:
    page_name: str
    connect_s: float | None = None
    runs: list[RunResult] = field(default_factory=list)
    wire_bytes_in: int = 0
    error: str | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None or any(not r.ok for r in self.runs) or not self.runs


@dataclass(frozen=True)
class Widget:
    """A widget interaction, as a browser sends it: a rerun carrying this widget's new state, and its fragment's
    id when the widget is inside an `st.fragment` (then only the fragment reruns).

    `match`: a substring of the widget's element id (its key is part of it) or its label, as seen in an earlier
    run of the session. `json`: a JSON text (a chart's selection); `strings`: a list of strings (a select_slider's
    value, e.g. the map's month); with neither, the widget is triggered (a button press). The query string is the
    page's current one (the last `page_info_changed`)."""

    match: str
    json: str | None = None
    strings: tuple[str, ...] | None = None


def _make_rerun_backmsg(
    app_url: str, page_name: str, query_string: str, cached_hashes: list[str],
    widget: tuple[str, str, str | tuple[str, ...] | None] | None = None,
) -> bytes:
    """`widget`: (element id, fragment id, json value, a tuple of strings, or None for a trigger)."""
    cs = ClientState_pb2.ClientState()
    cs.query_string = query_string
    cs.page_name = page_name
    cs.page_script_hash = ""
    cs.widget_states.SetInParent()
    if widget is not None:
        wid, fragment_id, value = widget
        state = cs.widget_states.widgets.add(id=wid)
        if value is None:
            state.trigger_value = True
        elif isinstance(value, tuple):
            state.string_array_value.data.extend(value)  # st.select_slider's value_type
        else:
            state.string_value = value  # a chart's selection travels as a JSON string (st.pydeck_chart's value_type)
        if fragment_id:
            cs.fragment_id = fragment_id
    cs.cached_message_hashes.extend(cached_hashes)
    ci = cs.context_info
    ci.timezone = "Europe/London"
    ci.timezone_offset = 0
    ci.locale = "en-GB"
    path = "/" + page_name if page_name else "/"
    ci.url = app_url.rstrip("/") + path + (("?" + query_string) if query_string else "")
    ci.is_embedded = False
    ci.color_scheme = "light"
    bm = BackMsg_pb2.BackMsg()
    bm.rerun_script.CopyFrom(cs)
    return bm.SerializeToString()


async def _read_run(
    ws: ClientConnection,
    run: RunResult,
    t0: float,
    timeout: float,
    cache: dict[str, str],
    page_name: str = "",
    widgets: dict[str, tuple[str, str]] | None = None,
) -> None:
    """Read ForwardMsgs until the run ends; fill `run`. `cache` maps cacheable hash -> label; `widgets` gets
    "id|label" -> (element id, fragment id) for every widget seen."""
    deadline = t0 + timeout
    top: list[tuple[int, str, str, str]] = []
    while True:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            run.status = "timeout"
            run.error = f"no script_finished within {timeout:.0f}s"
            return
        try:
            frame = await asyncio.wait_for(ws.recv(), remaining)
        except asyncio.TimeoutError:
            run.status = "timeout"
            run.error = f"no script_finished within {timeout:.0f}s"
            return
        if isinstance(frame, str):  # Streamlit only sends binary frames
            continue
        size = len(frame)
        msg = ForwardMsg_pb2.ForwardMsg()
        msg.ParseFromString(frame)
        now = time.perf_counter() - t0
        kind = msg.WhichOneof("type") or "none"
        run.payload_bytes += size
        run.n_msgs += 1
        run.bytes_by_type[kind] = run.bytes_by_type.get(kind, 0) + size
        run.count_by_type[kind] = run.count_by_type.get(kind, 0) + 1

        if kind == "ref_hash":
            run.n_ref_hash += 1
            label = "ref_hash->" + cache.get(msg.ref_hash, "?")
        else:
            label = _element_label(msg)
            if msg.metadata.cacheable and msg.hash:
                cache[msg.hash] = label
        run.bytes_by_element[label] = run.bytes_by_element.get(label, 0) + size
        run.count_by_element[label] = run.count_by_element.get(label, 0) + 1
        if size >= 200:
            path = ".".join(str(p) for p in msg.metadata.delta_path)
            top.append((size, label, path, _element_hint(msg)))

        if widgets is not None and kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            inner = getattr(msg.delta.new_element, msg.delta.new_element.WhichOneof("type") or "", None)
            wid = getattr(inner, "id", "") if inner is not None else ""
            if isinstance(wid, str) and wid:
                key = f"{wid}|{getattr(inner, 'label', '')}"
                widgets.pop(key, None)  # the latest sighting last: Widget.match takes the newest match
                widgets[key] = (wid, msg.delta.fragment_id)
        if kind == "page_info_changed":
            run.query_string = msg.page_info_changed.query_string

        if kind == "new_session" and run.t_new_session_s is None:
            run.t_new_session_s = now
        elif kind == "delta":
            if run.t_first_delta_s is None:
                run.t_first_delta_s = now
            if (
                msg.delta.WhichOneof("type") == "new_element"
                and msg.delta.new_element.WhichOneof("type") == "exception"
            ):
                ex = msg.delta.new_element.exception
                run.exceptions.append(f"{ex.type}: {ex.message}"[:500])
        elif kind == "page_not_found":
            run.page_not_found = msg.page_not_found.page_name or page_name or "(default)"
        elif kind == "script_finished":
            st = msg.script_finished
            if st == FINISHED_EARLY:
                continue  # superseded run; keep reading
            run.latency_s = now
            run.status = SCRIPT_FINISHED.Name(st)
            run.ok = st in FINISHED_OK and not run.exceptions and run.page_not_found is None
            if run.exceptions:
                run.error = "exception: " + run.exceptions[0]
            elif run.page_not_found is not None:
                run.error = f"page_not_found: {run.page_not_found}"
            elif st == FINISHED_COMPILE_ERROR:
                run.error = "compile error"
            top.sort(reverse=True)
            run.top_messages = [
                {"bytes": s, "label": lab, "delta_path": p, "hint": h}
                for s, lab, p, h in top[:TOP_MESSAGES_KEPT]
            ]
            return


def _ping(app_url: str, timeout: float = 5.0) -> None:
    for p in ("/_stcore/health", "/_stcore/host-config"):
        with urllib.request.urlopen(app_url.rstrip("/") + p, timeout=timeout) as r:  # noqa: S310
            r.read()


async def run_session(
    app_url: str,
    page_name: str = "",
    query_string: str = "",
    reruns: int = 0,
    warm: bool = True,
    think_s: float = 0.0,
    timeout_s: float = 120.0,
    start: asyncio.Event | None = None,
    delay_s: float = 0.0,
    done: Callable[[], None] | None = None,
    release: asyncio.Event | None = None,
    compression: bool = False,
    pings: bool = False,
    rerun_queries: list[str | Widget] | None = None,
) -> SessionResult:
    """One browser-like session: connect, first load, `reruns` reruns, optional hold, close.

    `rerun_queries`: what each rerun does in turn: a query string (the page loaded again with it, as a link or
    the address bar does: `step=2`, `step=3`...) or a Widget (a button press or a chart click, with the page's
    current query string); by default every rerun repeats the first load's.
    """
    res = SessionResult(page_name=page_name)
    if start is not None:
        await start.wait()
    if delay_s:
        await asyncio.sleep(delay_s)
    u = urlparse(app_url)
    ws_url = f"ws://{u.hostname}:{u.port}{u.path.rstrip('/')}/_stcore/stream"
    origin = f"{u.scheme}://{u.hostname}:{u.port}"
    cache: dict[str, str] = {}
    widgets: dict[str, tuple[str, str]] = {}
    current_query = query_string
    t0 = time.perf_counter()
    signalled = False
    try:
        if pings:
            await asyncio.to_thread(_ping, app_url)
        async with connect(
            ws_url,
            subprotocols=["streamlit", "PLACEHOLDER_AUTH_TOKEN"],  # type: ignore[list-item]
            origin=origin,  # type: ignore[arg-type]
            compression="deflate" if compression else None,
            proxy=None,
            ping_interval=None,
            max_size=None,
            open_timeout=timeout_s,
            close_timeout=2,
            create_connection=CountingConnection,
        ) as ws:
            res.connect_s = time.perf_counter() - t0
            for i in range(reruns + 1):
                if i and think_s:
                    await asyncio.sleep(think_s)
                run = RunResult(kind="first" if i == 0 else "rerun")
                hashes = sorted(cache) if (warm and i) else []
                t_send = time.perf_counter()
                action = rerun_queries[i - 1] if (i and rerun_queries) else query_string
                widget = None
                if isinstance(action, Widget):
                    found = [v for k, v in widgets.items() if action.match in k]
                    if not found:
                        raise LookupError(f"no widget matching {action.match!r} in {sorted(widgets)}")
                    widget = (found[-1][0], found[-1][1],
                              action.strings if action.strings is not None else action.json)
                    query = current_query
                else:
                    query = action
                await ws.send(_make_rerun_backmsg(app_url, page_name, query, hashes, widget))
                await _read_run(ws, run, t0 if i == 0 else t_send, timeout_s, cache, page_name, widgets)
                current_query = run.query_string if run.query_string is not None else query
                res.runs.append(run)
                if not run.ok and run.status == "timeout":
                    break
            res.wire_bytes_in = ws.wire_bytes_in  # type: ignore[attr-defined]
            if done is not None:
                done()
                signalled = True
            if release is not None:
                await release.wait()
    except Exception as e:  # noqa: BLE001 - a failed session is a result, not a crash
        res.error = f"{type(e).__name__}: {e}"[:500]
    finally:
        if done is not None and not signalled:
            done()
    return res


async def run_sessions(
    app_url: str,
    n: int,
    page_name: str = "",
    query_string: str = "",
    reruns: int = 0,
    warm: bool = True,
    think_s: float = 0.0,
    ramp_s: float = 0.0,
    timeout_s: float = 120.0,
    on_all_open: Callable[[], Awaitable[Any]] | None = None,
    compression: bool = False,
    pings: bool = False,
) -> tuple[list[SessionResult], Any]:
    """Run N sessions released together (or spread over ramp_s).

    When every session has finished its runs, `on_all_open()` is awaited while all sockets are
    still open (e.g. to sample server RSS); then the sessions close. Returns (sessions, hook result).
    """
    start = asyncio.Event()
    release = asyncio.Event()
    all_done = asyncio.Event()
    remaining = [n]

    def done() -> None:
        remaining[0] -= 1
        if remaining[0] <= 0:
            all_done.set()

    tasks = [
        asyncio.create_task(
            run_session(
                app_url,
                page_name,
                query_string,
                reruns,
                warm,
                think_s,
                timeout_s,
                start,
                (ramp_s * i / max(n - 1, 1)) if ramp_s else 0.0,
                done,
                release,
                compression,
                pings,
            )
        )
        for i in range(n)
    ]
    await asyncio.sleep(0)  # let every task reach start.wait()
    start.set()
    await all_done.wait()
    hook = None
    try:
        if on_all_open is not None:
            hook = await on_all_open()
    finally:
        release.set()
    sessions = await asyncio.gather(*tasks)
    return list(sessions), hook


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    v = sorted(values)
    k = (len(v) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def summarize(sessions: list[SessionResult]) -> dict[str, Any]:
    """Aggregate sessions into p50/p95/max latencies, bytes, errors."""
    firsts = [s.runs[0] for s in sessions if s.runs]
    reruns = [r for s in sessions for r in s.runs[1:]]
    fl = [r.latency_s for r in firsts if r.ok and r.latency_s is not None]
    rl = [r.latency_s for r in reruns if r.ok and r.latency_s is not None]
    errors = []
    for s in sessions:
        if s.error:
            errors.append(s.error)
        for r in s.runs:
            if not r.ok:
                errors.append(r.error or r.status)

    def agg_bytes(runs: list[RunResult], attr: str) -> dict[str, float]:
        out: dict[str, float] = {}
        for r in runs:
            for k, v in getattr(r, attr).items():
                out[k] = out.get(k, 0) + v
        return {k: v / len(runs) for k, v in sorted(out.items(), key=lambda kv: -kv[1])} if runs else {}

    def ms(x: float | None) -> float | None:
        return None if x is None else round(x * 1000, 2)

    return {
        "n": len(sessions),
        "n_ok_first": len(fl),
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:5],
        "exceptions": sorted({e for s in sessions for r in s.runs for e in r.exceptions})[:5],
        "page_not_found": sorted({r.page_not_found for s in sessions for r in s.runs if r.page_not_found})[:5],
        "first_p50_ms": ms(_pct(fl, 0.5)),
        "first_p95_ms": ms(_pct(fl, 0.95)),
        "first_max_ms": ms(max(fl) if fl else None),
        "first_mean_ms": ms(statistics.fmean(fl) if fl else None),
        "rerun_p50_ms": ms(_pct(rl, 0.5)),
        "rerun_p95_ms": ms(_pct(rl, 0.95)),
        "first_bytes_mean": statistics.fmean([r.payload_bytes for r in firsts]) if firsts else None,
        "rerun_bytes_mean": statistics.fmean([r.payload_bytes for r in reruns]) if reruns else None,
        "rerun_ref_hash_mean": statistics.fmean([r.n_ref_hash for r in reruns]) if reruns else None,
        "wire_bytes_per_session": statistics.fmean([s.wire_bytes_in for s in sessions]) if sessions else None,
        "first_bytes_by_type": agg_bytes(firsts, "bytes_by_type"),
        "first_bytes_by_element": agg_bytes(firsts, "bytes_by_element"),
        "rerun_bytes_by_element": agg_bytes(reruns, "bytes_by_element"),
        "first_count_by_element": agg_bytes(firsts, "count_by_element"),
        "rerun_count_by_element": agg_bytes(reruns, "count_by_element"),
        "first_top_messages": firsts[0].top_messages if firsts else [],
        "rerun_top_messages": reruns[0].top_messages if reruns else [],
    }


def session_to_dict(s: SessionResult) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(s)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", default="http://127.0.0.1:8501", help="app URL (http://127.0.0.1:PORT)")
    ap.add_argument("--page-name", default="", help="st.navigation url_path ('' = default page)")
    ap.add_argument("--query-string", default="")
    ap.add_argument("-n", type=int, default=1, help="concurrent sessions, released together")
    ap.add_argument("--ramp", type=float, default=0.0, help="spread session starts over S seconds")
    ap.add_argument("--reruns", type=int, default=1, help="reruns per session after first load")
    ap.add_argument("--cold-reruns", action="store_true", help="do not send cached_message_hashes")
    ap.add_argument("--think", type=float, default=0.0, help="seconds between reruns")
    ap.add_argument("--hold", type=float, default=0.0, help="keep all sockets open S s at the end")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--compression", action="store_true", help="offer permessage-deflate")
    ap.add_argument("--pings", action="store_true", help="GET health + host-config first")
    ap.add_argument("--raw", action="store_true", help="include per-session detail")
    a = ap.parse_args(argv)
    if urlparse(a.url).hostname not in ("127.0.0.1", "localhost", "::1"):
        print("refusing non-loopback URL", file=sys.stderr)
        return 2

    async def hold() -> None:
        if a.hold:
            await asyncio.sleep(a.hold)

    sessions, _ = asyncio.run(
        run_sessions(
            a.url, a.n, a.page_name, a.query_string, a.reruns, not a.cold_reruns,
            a.think, a.ramp, a.timeout, hold, a.compression, a.pings,
        )
    )
    out = summarize(sessions)
    if a.raw:
        out["sessions"] = [session_to_dict(s) for s in sessions]
    print(json.dumps(out, indent=2))
    return 1 if out["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
