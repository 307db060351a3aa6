"""300 readers of an article open its embedded map at once: the light edition's file through nginx vs the live embed.

Run from the repository root, with the project venv (nginx installed):

    .venv/bin/python bench/embed300.py                    # 300 viewers, light 3 runs, live 1 run
    .venv/bin/python bench/embed300.py --n 300 --light-reps 3 --live-reps 1 --view document=bletchley-declaration
    .venv/bin/python bench/embed300.py --wrk 10 --light-reps 3   # 300 connections kept busy for 10 s by wrk

One deployment (deploy/up.sh --replicas 2, run dir deploy/run-embed300-<pid>, stopped afterwards) serves both:

* `light`: each viewer does what a browser does with `<iframe src=".../light/en/map/<view>.html">`: GET the page
  (gzip accepted), then its style sheet and its SVG picture on the same kept-alive connection; its latency is
  from its release to the last byte of the three. Then the `<img>` embed: n readers of the SVG alone, fetched
  by curl's parallel transfers. nginx sends the files precompressed (gzip_static); the replicas stay idle.
* `live`: each viewer opens the live embed `/map?embed=true&<view>` as the browser's Streamlit frontend does, over
  its websocket (bench/stload.py: the same protocol, no rendering), until the page's script run has finished.
  The frontend's own 2.5 MB of JavaScript (gzipped; nginx's cache) is not fetched here: a reader whose browser has
  it cached costs the server only this.

With `--wrk SECONDS`, Debian's wrk (C, two threads) instead keeps n connections asking for the page, its CSS and its
SVG in turn, each asking again as soon as it has its answer: per-request p50/p95/p99 and errors. The Python
client above releases n coroutines at once on the same two cores as nginx, so its p95 is mostly its own queue.

All viewers are released together (one asyncio.Event). Reported: p50/p95/max latency, errors (a status other
than 200, a failed run, or no answer within the timeout: 10 s light, 180 s live), and the deployment's CPU
seconds over the burst (psutil: nginx and both replicas; the client runs on the same machine). Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import stload  # noqa: E402
from firstload import Server  # noqa: E402

from components.site import light_path  # noqa: E402

LIGHT_TIMEOUT_S = 10
LIVE_TIMEOUT_S = 180


async def get(port: int, path: str) -> tuple[int, int]:
    """One GET to nginx on loopback (gzip accepted, connection closed after); (status, bytes)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept-Encoding: gzip\r\n"
                 "Connection: close\r\n\r\n".encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    return (int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0), len(data)


async def get_all(port: int, paths: list[str]) -> list[tuple[int, int]]:
    """GETs one after another on one kept-alive connection, as a browser reuses its connection to a host (nginx
    sends a Content-Length for files it has precompressed, and for any file it sends whole)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    out = []
    try:
        for path in paths:
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept-Encoding: gzip\r\n\r\n".encode())
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(next((line.split(b":", 1)[1] for line in head.split(b"\r\n")
                               if line.lower().startswith(b"content-length:")), b"-1"))
            if length < 0:
                raise OSError(f"{path}: no Content-Length (not precompressed?)")
            body = await reader.readexactly(length)
            out.append((int(head.split(b" ", 2)[1]), len(head) + len(body)))
    finally:
        writer.close()
    return out


async def light_viewer(port: int, page: str, files: list[str], start: asyncio.Event, delay: float = 0.0
                       ) -> tuple[float | None, int, int]:
    """(seconds to the page and its files, or None on an error; bytes; statuses that were not 200)."""
    await start.wait()
    if delay:
        await asyncio.sleep(delay)
    t0 = time.perf_counter()
    try:
        async with asyncio.timeout(LIGHT_TIMEOUT_S):
            first, *rest = await get_all(port, [page, *files])
    except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError):
        return None, 0, 1
    got = [first, *rest]
    bad = sum(1 for status, _n in got if status != 200)
    return (None if bad else time.perf_counter() - t0), sum(n for _s, n in got), bad


async def light_burst(port: int, n: int, page: str, files: list[str], ramp_s: float = 0.0) -> list:
    start = asyncio.Event()
    tasks = [asyncio.create_task(light_viewer(port, page, files, start, ramp_s * i / max(n - 1, 1)))
             for i in range(n)]
    await asyncio.sleep(0.2)  # every viewer waiting on the event
    start.set()
    return await asyncio.gather(*tasks)


def curl_burst(url: str, n: int) -> list[tuple[float | None, int, int]]:
    """n readers of one file (the map's SVG in an article's <img>) at once, by curl's parallel transfers (C, not
    this Python process): (seconds, bytes, errors) per reader."""
    import subprocess

    got = subprocess.run(["curl", "--parallel", "--parallel-immediate", "--parallel-max", str(n), "-s",
                          "--compressed", "--max-time", str(LIGHT_TIMEOUT_S), "-w",
                          "%{http_code} %{time_total} %{size_download}\n", *(["-o", "/dev/null", url] * n)],
                         capture_output=True, text=True, timeout=LIGHT_TIMEOUT_S + 30).stdout.split("\n")
    out = []
    for line in filter(None, got):
        code, secs, size = line.split()
        out.append((float(secs), int(size), 0) if code == "200" else (None, 0, 1))
    return out + [(None, 0, 1)] * (n - len(out))


# wrk's Lua: each of its threads sends the embed's three files in turn (the page, its CSS, its SVG) with gzip
# accepted, as the readers' browsers do; done() prints the latency percentiles and the errors as one JSON line.
WRK_LUA = """
local paths = {%s}
local i = 0
wrk.headers["Accept-Encoding"] = "gzip"
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests": %%d, "p50_us": %%d, "p95_us": %%d, "p99_us": %%d, "max_us": %%d, ' ..
    '"errors": %%d, "bytes": %%d}\\n', summary.requests, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.connect + e.read + e.write + e.status + e.timeout, summary.bytes))
end
"""


def wrk_run(base: str, paths: list[str], n: int, seconds: int, threads: int) -> dict:
    """n connections kept busy for `seconds` by wrk (C, two threads): each asks for the embed's files in turn, a
    new request as soon as the last answer arrived. That is harder than n readers who each fetch three files once:
    every connection is always waiting on nginx. Returns wrk's summary (latency per request, errors)."""
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(WRK_LUA % ", ".join(json.dumps(p) for p in paths))
    got = subprocess.run(["wrk", "-t", str(threads), "-c", str(n), "-d", f"{seconds}s", "--timeout",
                          f"{LIGHT_TIMEOUT_S}s", "-s", fh.name, base], capture_output=True, text=True,
                         timeout=seconds + 60, check=True).stdout
    Path(fh.name).unlink()
    return json.loads(got.strip().splitlines()[-1])


def pct(values: list[float], q: float) -> float:
    return stload._pct(values, q) if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--view", default="document=bletchley-declaration", help="the embedded map view (URL parameter)")
    ap.add_argument("--ramp", type=float, default=0.0,
                    help="spread the viewers' arrivals over this many seconds (0: all at the same instant)")
    ap.add_argument("--light-reps", type=int, default=3)
    ap.add_argument("--live-reps", type=int, default=1)
    ap.add_argument("--wrk", type=int, default=0, metavar="SECONDS",
                    help="instead: keep n connections busy with the light embed's files for SECONDS (Debian's wrk)")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    key, _sep, value = args.view.partition("=")
    params = {key: value} if value else {}
    out = args.out or ROOT / "bench" / "results" / f"embed300-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    server = Server("nginx", out.parent)
    rows, raw = [], {"light": [], "live": []}
    try:
        base = server.start()
        port = urlsplit(base).port
        page = "/light/en/" + light_path("map", params)
        files = ["/light/light.css", page.removesuffix(".html") + ".svg"]
        asyncio.run(light_burst(port, 1, page, files))  # the files in the page cache, as after a first reader
        if args.wrk:
            for _r in range(args.light_reps):
                cpu0 = server.cpu_seconds()
                got = wrk_run(base, [page, *files], args.n, args.wrk, threads=2)
                got["server_cpu_s"] = round(server.cpu_seconds() - cpu0, 2)
                raw["light"].append(got)
                print(f"wrk: {got}", file=sys.stderr, flush=True)
            args.light_reps = args.live_reps = 0  # this run measures wrk's connections only
        for _r in range(args.light_reps):
            cpu0, t0 = server.cpu_seconds(), time.perf_counter()
            got = asyncio.run(light_burst(port, args.n, page, files, args.ramp))
            wall, cpu = time.perf_counter() - t0, server.cpu_seconds() - cpu0
            ok = [t for t, _b, _e in got if t is not None]
            rows.append(("light, page + CSS + SVG (<iframe>)", len(ok), args.n - len(ok), pct(ok, 0.5), pct(ok, 0.95), max(ok, default=float("nan")),
                         wall, cpu, statistics.fmean(b for _t, b, _e in got)))
            raw["light"].append(got)
            print(f"light: {rows[-1]}", file=sys.stderr, flush=True)
        for _r in range(args.light_reps if not args.ramp else 0):  # curl cannot spread its starts
            cpu0, t0 = server.cpu_seconds(), time.perf_counter()
            got = curl_burst(base + files[1], args.n)
            wall, cpu = time.perf_counter() - t0, server.cpu_seconds() - cpu0
            ok = [t for t, _b, _e in got if t is not None]
            rows.append(("light, the SVG alone (<img>, curl)", len(ok), args.n - len(ok), pct(ok, 0.5), pct(ok, 0.95),
                         max(ok, default=float("nan")), wall, cpu, statistics.fmean(b for _t, b, _e in got)))
            print(f"light svg: {rows[-1]}", file=sys.stderr, flush=True)
        query = "embed=true&" + "&".join(f"{k}={v}" for k, v in params.items())
        asyncio.run(stload.run_sessions(base, 1, "map", query, timeout_s=LIVE_TIMEOUT_S))  # warm: the first run
        for _r in range(args.live_reps):
            cpu0, t0 = server.cpu_seconds(), time.perf_counter()
            sessions, _hook = asyncio.run(stload.run_sessions(base, args.n, "map", query, ramp_s=args.ramp,
                                                              timeout_s=LIVE_TIMEOUT_S))
            wall, cpu = time.perf_counter() - t0, server.cpu_seconds() - cpu0
            ok = [s.runs[0].latency_s for s in sessions if not s.failed and s.runs and s.runs[0].latency_s]
            rows.append(("live (`/map?embed=true`, its script run)", len(ok), args.n - len(ok), pct(ok, 0.5), pct(ok, 0.95), max(ok, default=float("nan")),
                         wall, cpu, statistics.fmean(s.wire_bytes_in for s in sessions)))
            raw["live"].append(stload.summarize(sessions))
            print(f"live: {rows[-1]}", file=sys.stderr, flush=True)
    finally:
        server.stop()
    meta = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "n": args.n, "view": args.view,
            "ramp_s": args.ramp}
    out.write_text(json.dumps({"meta": meta, "rows": rows, "raw": raw}, indent=1, default=str))
    if args.wrk:
        print(f"{args.n} connections kept busy for {args.wrk} s with the light embed's page, CSS and SVG in turn "
              f"(wrk, 2 threads), through nginx on loopback:\n")
        print("| run | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | server CPU s |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for i, r in enumerate(raw["light"], 1):
            print(f"| {i} | {r['requests']} | {r['requests'] / args.wrk:.0f} | {r['p50_us'] / 1000:.1f} | "
                  f"{r['p95_us'] / 1000:.1f} | {r['p99_us'] / 1000:.1f} | {r['max_us'] / 1000:.0f} | {r['errors']} | "
                  f"{r['server_cpu_s']} |")
        print(f"\nJSON: {out.relative_to(ROOT)}")
        return 0
    when = f"arriving over {args.ramp:g} s" if args.ramp else "released at the same instant"
    print(f"{args.n} viewers of one embedded map view ({args.view}) {when}, through nginx on loopback:\n")
    print("| embed | ok | errors | p50 ms | p95 ms | max ms | burst wall s | server CPU s | KB per viewer |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, n_ok, errors, p50, p95, top, wall, cpu, size in rows:
        print(f"| {name} | {n_ok} | {errors} | {p50 * 1000:.0f} | {p95 * 1000:.0f} | {top * 1000:.0f} | {wall:.1f} | "
              f"{cpu:.2f} | {size / 1000:.0f} |")
    print(f"\nJSON: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
