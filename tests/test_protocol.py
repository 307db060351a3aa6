"""Hostile widget values over Streamlit's websocket protocol: no single message may stall the server.

A browser only sends the values a page's widgets offer; anything else can send anything. A select's value that
was not in its list once made /timeline rerun forever (the server stopped answering every visitor), and a
200,000-character month froze it in its logging. Here every widget of every page state, in English and French,
gets an out-of-list string, an out-of-range number, wrong types and a 200,000-character string, one message at a
time in one session, as an attacker would send them (tests/wsclient.py speaks the protocol).
"""

from __future__ import annotations

import asyncio
import re
import time
import urllib.request

import psutil
import pytest

from tests import wsclient
from tests.browser import run_async, streamlit_server

# page states: (url_path, query). Each page's default and the states where more widgets appear
STATES = [
    ("", ""), ("map", ""), ("map", "document=bletchley-declaration"), ("map", "summit=seoul-2024"),
    ("map", "country=FRA"), ("map", "country=FRA&compare=CHN"), ("timeline", ""), ("timeline", "party=CHN"),
    ("timeline", "event=2023-11-01-bletchley-declaration"), ("explainers", ""), ("explainers", "risk=bias"),
    ("explainers", "risk=bias&mode=classroom"), ("story", ""), ("story", "step=3&mode=present"), ("data", ""),
    ("data", "report=bletchley-declaration/FRA"),
]
CASES = [pytest.param(page, f"{query}&lang={lang}".lstrip("&"), id=f"{page or 'home'}?{query}&lang={lang}")
         for page, query in STATES for lang in ("en", "fr")]
SETTLE_S = 8.0  # a run, and the one rerun a legitimate change may ask for, finish well within this
LINK = re.compile(r"\]\(|https?://|www\.|mailto:|@[a-z0-9-]+\.", re.I)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """A server of its own: the test measures its memory and reads its log, and stalling it must not stall others."""
    log = tmp_path_factory.mktemp("protocol") / "server.log"
    with streamlit_server(log_path=log) as base:
        port = int(base.rsplit(":", 1)[1])
        pid = next(c.pid for c in psutil.net_connections("tcp") if c.laddr and c.laddr.port == port
                   and c.status == psutil.CONN_LISTEN)
        yield base, psutil.Process(pid), log


def healthy(base: str, timeout: float = 5) -> bool:
    try:
        with urllib.request.urlopen(base + "/_stcore/health", timeout=timeout) as r:
            return r.read() == b"ok"
    except OSError:
        return False


async def attack_state(base: str, page: str, query: str) -> tuple[int, list[str]]:
    """Every hostile value to every widget of one page state, in one session; (messages sent, problems)."""
    problems, sent = [], 0
    async with wsclient.Session(base, page, query) as tab:
        first = await tab.send()
        assert first.final == "FINISHED_SUCCESSFULLY" and not first.exceptions, (first.final, first.exceptions)
        widgets = dict(first.widgets)
        assert widgets, "no widget found: the test would prove nothing"
        # one download button per state: About the data draws thirteen from the same code (and one run of that
        # page is the slowest); every other widget is attacked
        downloads = [w for w, kind in widgets.items() if kind == "download_button"]
        widgets = {w: kind for w, kind in widgets.items() if w not in downloads[1:]}
        for widget_id, kind in widgets.items():
            for name, state in wsclient.hostile_states(widget_id).items():
                run = await tab.send([state], timeout=SETTLE_S)
                sent += 1
                where = f"{kind} {widget_id[-24:]} <- {name}"
                if run.final == "timeout" or run.runs > 2:
                    problems.append(f"{where}: {run.runs} runs in {run.seconds:.1f} s, last {run.final}")
                if run.exceptions:
                    problems.append(f"{where}: {run.exceptions[0]}")
                for alert in run.alerts:
                    if LINK.search(re.sub(r"`[^`\n]+`", "", alert)) or len(alert) > 600:
                        problems.append(f"{where}: a notice with a link or a long echo: {alert[:120]}")
                if not healthy(base):
                    problems.append(f"{where}: /_stcore/health did not answer within 5 s")
                    return sent, problems
    return sent, problems


@pytest.mark.parametrize("page, query", CASES)
def test_no_widget_value_stalls_the_server(app, page, query):
    base, _, _ = app
    sent, problems = run_async(attack_state(base, page, query))
    assert problems == [], "\n".join(problems[:20])
    assert sent >= 7
    assert healthy(base)


def test_memory_does_not_grow_across_300_hostile_messages(app):
    """The message that once looped (a party not in the timeline's select), 300 times in one session, with the
    200,000-character month: the server's memory stays flat and the last message still settles in one run."""
    base, process, _ = app

    async def flood() -> tuple[list[float], wsclient.Run]:
        sizes = []
        async with wsclient.Session(base, "timeline", "") as tab:
            first = await tab.send()
            selects = [w for w, kind in first.widgets.items() if kind == "selectbox"]
            assert len(selects) >= 4
            run = first
            for i in range(300):
                states = wsclient.hostile_states(selects[i % len(selects)])
                run = await tab.send([states["out-of-list" if i % 2 else "long"]], timeout=SETTLE_S)
                assert run.final == "FINISHED_SUCCESSFULLY" and run.runs <= 2, (i, run.runs, run.final)
                if i in (49, 299):
                    sizes.append(process.memory_info().rss / 1e6)
        return sizes, run

    started = time.monotonic()
    (after_50, after_300), last = run_async(flood())
    assert after_300 - after_50 < 60, f"RSS grew {after_50:.0f} -> {after_300:.0f} MB over 250 messages"
    assert last.runs == 1 and healthy(base)
    print(f"\n300 hostile messages in {time.monotonic() - started:.1f} s; RSS {after_50:.0f} -> {after_300:.0f} MB")


def test_bogus_download_requests_write_at_most_one_short_log_line(app):
    """200 requests for download files that do not exist: each once wrote a 1 KB traceback (5.3 MB in 1.4 s)."""
    base, _, log = app

    async def bogus() -> wsclient.Run:
        async with wsclient.Session(base, "timeline", "") as tab:
            await tab.send()
            before = log.stat().st_size
            await tab.bogus_download(200)
            run = await tab.send()  # answered after the 200 requests: they have all been handled
            return run, before

    run, before = run_async(bogus())
    written = log.read_text()[before:]
    lines = [line for line in written.splitlines() if line.strip()]
    assert run.final == "FINISHED_SUCCESSFULLY"
    assert len(lines) <= 1 and all(len(line) <= 500 for line in lines), written[:2000]


def test_an_oversized_message_closes_only_its_own_connection(app):
    """A frame over the widget-state limit (1 MB, .streamlit/config.toml; Streamlit's default is 25 MB, buffered
    before it was rejected) closes that socket at once; the server and other tabs go on."""
    base, _, _ = app
    import websockets

    async def oversized() -> int | None:
        async with wsclient.Session(base, "map", "") as tab:
            first = await tab.send()
            assert first.final == "FINISHED_SUCCESSFULLY"
            await tab.ws.send(b"\x00" * 1_500_000)
            try:
                while True:
                    await asyncio.wait_for(tab.ws.recv(), 10)
            except websockets.exceptions.ConnectionClosed as closed:
                return closed.rcvd.code if closed.rcvd else None

    assert run_async(oversized()) == 1009  # Message Too Big
    assert healthy(base)
    assert wsclient.visit(base, "map").status == "FINISHED_SUCCESSFULLY"
