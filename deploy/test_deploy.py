"""Deployment test: 2 Streamlit replicas behind nginx (deploy/up.sh), sticky by cookie, failover.

CI runs it with the rest (pytest.ini: testpaths = tests deploy). Run it alone:

    .venv/bin/python -m pytest deploy/test_deploy.py -v -s

Skips if nginx is not installed. Starts everything on free loopback ports in a temporary run
dir and always stops it with deploy/down.sh. Takes ~30-60 s on a 2-core box.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parent
APP = DEPLOY.parent
sys.path.insert(0, str(APP / "bench"))

NGINX = "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else shutil.which("nginx")
# one group for parallel runs (scripts/test.sh, pytest-xdist): the tests share one deployment, so one worker
# runs them all instead of each worker that gets one starting nginx and two replicas of its own
pytestmark = [pytest.mark.skipif(not NGINX, reason="nginx is not installed (apt-get install nginx)"),
              pytest.mark.xdist_group("deploy")]

if NGINX:
    import stload  # noqa: E402  (needs the project venv: websockets + streamlit)
    from tests import wsclient  # noqa: E402
    from tests.browser import run_async  # noqa: E402
    from websockets.asyncio.client import connect  # noqa: E402


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def _free_ports() -> tuple[int, int]:
    """A free port for nginx and a base port B with B and B+1 free (the two replicas)."""
    for _ in range(200):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            p = s.getsockname()[1]
        if p + 3 < 65535 and all(_free(q) for q in (p, p + 1, p + 2)):
            return p, p + 1
    raise RuntimeError("no free ports")


class Deployment:
    def __init__(self, run_dir: Path, port: int, base: int):
        self.run_dir, self.port, self.base = run_dir, port, base
        self.url = f"http://127.0.0.1:{port}"

    def replica_pid(self, i: int) -> int:
        return int((self.run_dir / f"replica-{i}.pid").read_text())

    def get(self, path: str, cookie: str | None = None, gz: bool = False):
        req = urllib.request.Request(self.url + path)
        if cookie:
            req.add_header("Cookie", f"atlas_replica={cookie}")
        if gz:
            req.add_header("Accept-Encoding", "gzip")
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(req, timeout=30) as r:
            return r.status, r.headers, r.read()

    async def _ws(self, cookie: str | None):
        headers = {"Cookie": f"atlas_replica={cookie}"} if cookie else {}
        async with connect(
            f"ws://127.0.0.1:{self.port}/_stcore/stream",
            subprotocols=["streamlit", "PLACEHOLDER_AUTH_TOKEN"],  # type: ignore[list-item]
            origin=self.url,  # type: ignore[arg-type]
            additional_headers=headers,
            proxy=None,
            open_timeout=30,
        ) as ws:
            return ws.response.status_code, ws.response.headers

    def ws_upgrade(self, cookie: str | None = None):
        return run_async(self._ws(cookie))


LIGHT_FILES = {
    "index.html": "<!doctype html><title>AI Summit Atlas</title><a href=\"en/index.html\">English</a>",
    "en/map/all.html": "<!doctype html><title>World map</title>" + "<p>Signed 7 of the summit documents</p>" * 80,
    "en/map/all.svg": '<svg xmlns="http://www.w3.org/2000/svg">' + '<path d="M0 0L10 10"/>' * 200 + "</svg>",
    "light.css": "body { margin: 0 auto; }\n" * 80,
}


@pytest.fixture(scope="module")
def deployment():
    # under deploy/ (gitignored), not pytest's tmp dir: when run as root, nginx workers run as
    # `nobody`, which cannot traverse /tmp/pytest-of-root (mode 700)
    run_dir = Path(tempfile.mkdtemp(prefix="run-test-", dir=DEPLOY))
    log_dir = Path(tempfile.mkdtemp(prefix="atlas-deploy-logs-"))  # logs live outside the checkout
    port, base = _free_ports()
    # a small stand-in for the light edition (tests/test_light.py builds the real one): here what is tested is
    # how nginx serves it, and a full build would add 25-70 s to the start
    light = run_dir / "light"
    for path, text in LIGHT_FILES.items():
        (light / path).parent.mkdir(parents=True, exist_ok=True)
        (light / path).write_text(text, encoding="utf-8")
    # the map picture also precompressed, as `components.export light --gzip` writes it (nginx's gzip_static)
    (light / "en/map/all.svg.gz").write_bytes(gzip.compress(LIGHT_FILES["en/map/all.svg"].encode(), 9, mtime=0))
    up = subprocess.run(
        [str(DEPLOY / "up.sh"), "--replicas", "2", "--port", str(port), "--base-port", str(base),
         "--run-dir", str(run_dir), "--log-dir", str(log_dir), "--light", str(light)],
        capture_output=True, text=True, timeout=180,
    )
    try:
        assert up.returncode == 0, f"up.sh failed:\n{up.stdout}\n{up.stderr}"
        d = Deployment(run_dir, port, base)
        d.log_dir = log_dir
        # warm both replicas directly (first script run imports/caches), then through nginx
        for i in range(2):
            s, _ = run_async(stload.run_sessions(f"http://127.0.0.1:{base + i}", 1, "map"))
            assert not s[0].failed, s[0]
        yield d
    finally:
        down = subprocess.run([str(DEPLOY / "down.sh"), "--run-dir", str(run_dir)],
                              capture_output=True, text=True, timeout=60)
        print(down.stdout, down.stderr)
        left = list(run_dir.glob("*.pid"))
        if not left:
            shutil.rmtree(run_dir, ignore_errors=True)
            shutil.rmtree(log_dir, ignore_errors=True)
        assert not left, f"down.sh left {left}"


@pytest.mark.parametrize("path, kind", [("/light/en/map/all.html", "text/html"), ("/light/en/map/all.svg",
                                                                                 "image/svg+xml"),
                                        ("/light/light.css", "text/css")])
def test_nginx_serves_the_light_edition(deployment, path, kind):
    """/light/ is plain files from nginx: gzipped, cached five minutes, no replica and no cookie involved."""
    status, headers, body = deployment.get(path, gz=True)
    assert status == 200 and headers["Content-Type"].startswith(kind)
    assert headers.get("Content-Encoding") == "gzip"
    assert gzip.decompress(body).decode("utf-8") == LIGHT_FILES[path.removeprefix("/light/")]
    assert headers.get("Cache-Control") == "public, max-age=300"
    assert "Set-Cookie" not in headers and "X-Atlas-Replica" not in headers
    if path.endswith(".svg"):  # sent as written (a length known beforehand), not compressed again per reader
        assert int(headers["Content-Length"]) == len(body) == (deployment.run_dir / "light/en/map/all.svg.gz").stat().st_size
    status, _headers, body = deployment.get("/light")  # redirected to the folder's index
    assert status == 200 and body.decode("utf-8") == LIGHT_FILES["index.html"]
    with pytest.raises(urllib.error.HTTPError) as missing:
        deployment.get("/light/en/no-such-page.html")
    assert missing.value.code == 404


def test_gzip_and_cache_headers(deployment):
    status, headers, body = deployment.get("/")
    assert status == 200
    assert "no-cache" in headers.get("Cache-Control", "")
    assert "immutable" not in headers.get("Cache-Control", "")
    js = re.search(rb'/static/js/[^"]+\.js', body)
    assert js, "no JS bundle referenced from index.html"
    status, h, raw = deployment.get(js.group().decode(), gz=True)
    assert status == 200
    assert h.get("Content-Encoding") == "gzip"
    assert h.get("Cache-Control") == "public, max-age=31536000, immutable"
    assert "Accept-Encoding" in h.get("Vary", "")
    assert len(gzip.decompress(raw)) > len(raw)
    # without Accept-Encoding: identity, same caching
    _, h2, plain = deployment.get(js.group().decode())
    assert h2.get("Content-Encoding") is None and plain == gzip.decompress(raw)
    print(f"\n{js.group().decode()}: {len(plain)} B raw, {len(raw)} B gzip; {h.get('Cache-Control')}")

    # map geometry: open the map on replica r0 and, while that session holds the file, fetch it through nginx
    seen = {}

    def through_nginx(v):
        (url, (_, direct)), = v.fetched.items()
        seen["direct"], seen["first"], seen["again"] = direct, deployment.get(url, "r0", gz=True), \
            deployment.get(url, "r0", gz=True)

    wsclient.visit(f"http://127.0.0.1:{deployment.base}", "map", "", while_open=through_nginx)
    (_, hg, rawg), (_, hg2, _) = seen["first"], seen["again"]
    assert hg.get("Content-Encoding") == "gzip"
    assert hg.get("Cache-Control") == "public, max-age=31536000, immutable"
    assert gzip.decompress(rawg) == seen["direct"] and len(json.loads(seen["direct"])["features"]) > 150
    assert hg2.get("X-Cache") == "HIT"


def test_the_api_is_cached_and_compressed(deployment):
    status, first, raw = deployment.get("/api/v1/events.json", gz=True)
    assert status == 200 and first.get("Content-Encoding") == "gzip" and first.get("ETag")
    again = [deployment.get(p, gz=True) for p in ("/api/v1/events.json", "/api/v1/events.json?odd=%00&x=1")]
    assert [h.get("X-Cache") for _s, h, _b in again] == ["HIT", "HIT"]  # a query string is not a new entry
    assert all(h.get("ETag") == first.get("ETag") and b == raw for _s, h, b in again)
    assert first.get("Access-Control-Allow-Origin") == "*" and "max-age" in first.get("Cache-Control", "")
    _, plain_h, plain = deployment.get("/api/v1/events.json")
    assert json.loads(plain)["rows"] and len(raw) < len(plain) / 3
    with pytest.raises(urllib.error.HTTPError) as missing:
        deployment.get("/api/v1/parties/NOPE")
    assert missing.value.code == 404 and missing.value.headers.get("Content-Type") == "application/json"
    print(f"\n/api/v1/events.json: {len(plain)} B, {len(raw)} B gzip; {first.get('Cache-Control')}")


def test_sticky_by_cookie(deployment):
    # a cookieless first request gets a replica and a cookie naming it
    _, h, _ = deployment.get("/")
    m = re.search(r"atlas_replica=(r[01]);", h.get("Set-Cookie", ""))
    assert m, h.get_all("Set-Cookie")
    assert h["X-Atlas-Replica"] == m.group(1)
    # with the cookie, every HTTP request and the websocket land on that replica
    for replica in ("r0", "r1"):
        for path in ("/", "/_stcore/health", "/_stcore/host-config", "/map"):
            _, h, _ = deployment.get(path, cookie=replica)
            assert h["X-Atlas-Replica"] == replica, path
        status, wh = deployment.ws_upgrade(replica)
        assert status == 101 and wh["X-Atlas-Replica"] == replica
    # cookieless clients are spread over both replicas (same client IP: not ip_hash)
    seen = {deployment.ws_upgrade()[1]["X-Atlas-Replica"] for _ in range(20)}
    assert seen == {"r0", "r1"}


def test_kill_replica_mid_burst(deployment):
    """SIGKILL replica 1 while a burst of 30 is running; new sessions must all succeed."""
    n, kill_after = 30, 3
    victim = deployment.replica_pid(1)
    state = {"done": 0, "killed_at": None}

    async def burst():
        start = asyncio.Event()

        def done():
            state["done"] += 1
            if state["done"] == kill_after and state["killed_at"] is None:
                os.kill(victim, signal.SIGKILL)
                state["killed_at"] = time.perf_counter()

        tasks = [asyncio.create_task(stload.run_session(
            deployment.url, "map", reruns=1, timeout_s=60, start=start, done=done)) for _ in range(n)]
        await asyncio.sleep(0)
        start.set()
        return await asyncio.gather(*tasks)

    sessions = run_async(burst())
    assert state["killed_at"] is not None, "burst ended before the kill"
    failed = [s for s in sessions if s.failed]
    print(f"\nburst of {n}: replica 1 (pid {victim}) SIGKILLed after {kill_after} sessions had finished; "
          f"{len(failed)} of {n} sessions failed: {sorted({(s.error or '')[:60] for s in failed})}")
    assert len(failed) < n

    # new sessions after the kill: cookieless (split over r0/r1) and ones pinned to the dead r1
    after, _ = run_async(stload.run_sessions(deployment.url, 10, "map", reruns=1, timeout_s=60))
    bad = [s.error or [r.status for r in s.runs] for s in after if s.failed]
    print(f"10 new sessions after the kill: {10 - len(bad)} ok, {len(bad)} failed {bad}")
    assert not bad
    status, wh = deployment.ws_upgrade("r1")
    assert status == 101 and wh["X-Atlas-Replica"] == "r0"
    assert "atlas_replica=r0" in wh["Set-Cookie"]
    _, h, _ = deployment.get("/", cookie="r1")
    assert h["X-Atlas-Replica"] == "r0"


def test_metrics_are_not_public_and_logs_live_outside_the_checkout(deployment):
    """/_stcore/metrics (sessions, cache sizes) answers on a replica's own port but not through nginx; the replicas'
    and nginx's logs are written in the log dir, outside the checkout, and nothing under the run dir is a log."""
    with pytest.raises(urllib.error.HTTPError) as refused:  # urllib raises on a 404 rather than returning it
        deployment.get("/_stcore/metrics")
    assert refused.value.code == 404
    with urllib.request.urlopen(f"http://127.0.0.1:{deployment.base}/_stcore/metrics", timeout=10) as r:
        assert r.status == 200  # the operator still has it, on loopback
    names = {p.name for p in deployment.log_dir.iterdir()}
    assert {"replica-0.log", "replica-1.log", "nginx-access.log"} <= names, names
    assert not APP.resolve() in deployment.log_dir.resolve().parents
    assert not list(deployment.run_dir.rglob("*.log"))
    # the access log is written (through deploy/rotate.py) as requests come: it names the request above
    deadline = time.monotonic() + 15
    while b"/_stcore/metrics" not in (deployment.log_dir / "nginx-access.log").read_bytes():
        assert time.monotonic() < deadline, "nginx's access log never recorded the request"
        time.sleep(0.2)  # polling a file nginx flushes every second (flush=1s), bounded by the deadline
