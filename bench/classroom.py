"""A class on one school link: N students open the same page at once over a shared, throttled link.

Run from the repository root, with the project venv (Debian's chromium and nginx):

    .venv/bin/python bench/classroom.py                        # light vs live /map, 30 students, 20 Mbit/s, 3 reps
    .venv/bin/python bench/classroom.py --setups light --paths /,/map --n 30 --link-mbit 20 --reps 3

The link is real and shared: a loopback TCP relay in front of deploy/'s nginx passes every byte of every student
through one token bucket of `--link-mbit` (downstream; 20 ms added to each new connection). One student is a
real Chromium whose time to a usable page is measured; the other N-1 are replayers that fetch, at the same
moment and through the same relay, exactly the files that a real first visit of that page fetched (recorded
first, unthrottled, from Chromium's DevTools; at most 6 at a time, as a browser does; gzip accepted), so the
measured student shares the link with N-1 real downloads without this 2-core machine also having to render
N-1 pages (a class has a computer each; 30 Chromium tabs here measured this machine's CPU, not the link).
Live pages' websockets are not replayed (their bytes are about 3 % of a live first visit).

Setups: `light` (the light edition at /light/, built by deploy/up.sh; `/map` is `/light/en/map/all.html`) and
`nginx` (the live app through the same nginx). "Usable": the page's Sources heading is in the document (a live
page: after its script run, with the app settled); "complete": the load event (every picture in) and, live,
the app settled. Times from the measured student's navigation start; medians and maxima over `--reps`.

Bounded: every wait has a timeout; loopback only; the deployment runs in deploy/run-classroom-<pid> and is
stopped afterwards. Output: markdown on stdout, JSON in bench/results/.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from firstload import _USABLE_JS, READY, Recorder, Server, light_url  # noqa: E402
from tests.browser import CHROMIUM, FLAGS, free_port  # noqa: E402

CHUNK = 16 * 1024
PARALLEL = 6  # connections per student, as Chromium opens per host
TIMEOUT_S = 300


class SharedLink:
    """A TCP relay on loopback whose downstream bytes, over every connection, pass one token bucket."""

    def __init__(self, upstream_port: int, mbit: float, latency_s: float = 0.02):
        self.upstream_port, self.rate, self.latency = upstream_port, mbit * 1e6 / 8, latency_s
        self.port = free_port()
        self.loop = asyncio.new_event_loop()
        self.bytes = 0
        self._tokens, self._stamp = 0.0, 0.0
        self._lock: asyncio.Lock | None = None
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def start(self) -> None:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self.loop).result(10)

    def stop(self) -> None:
        async def close() -> None:
            self.server.close()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        self.run(close(), 10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)

    def run(self, coro, timeout: float = TIMEOUT_S):
        """Run a coroutine on the relay's loop (from another thread) and wait for it."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    async def _serve(self) -> None:
        self._lock = asyncio.Lock()
        self._stamp = time.monotonic()
        self.server = await asyncio.start_server(self._relay, "127.0.0.1", self.port)

    async def _take(self, n: int) -> None:
        """Wait until the link has carried `n` more bytes at its rate (one bucket, first come first served)."""
        async with self._lock:
            now = time.monotonic()
            self._tokens = min(self._tokens + (now - self._stamp) * self.rate, CHUNK)  # no burst beyond a chunk
            self._stamp = now
            self._tokens -= n
            if self._tokens < 0:
                await asyncio.sleep(-self._tokens / self.rate)
        self.bytes += n

    async def _relay(self, client_r, client_w) -> None:
        await asyncio.sleep(self.latency)
        try:
            up_r, up_w = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        except OSError:
            client_w.close()
            return

        async def pump(reader, writer, limited: bool) -> None:
            try:
                while data := await reader.read(CHUNK):
                    if limited:
                        await self._take(len(data))
                    writer.write(data)
                    await writer.drain()
            except (ConnectionError, asyncio.CancelledError):
                pass
            finally:
                try:
                    writer.close()
                except RuntimeError:
                    pass

        await asyncio.gather(pump(client_r, up_w, False), pump(up_r, client_w, True))


async def fetch(port: int, path: str) -> tuple[int, int]:
    """GET one file through the relay as a browser would (gzip accepted); (status, bytes)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept-Encoding: gzip\r\n"
                 "Connection: close\r\n\r\n".encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return status, len(data)


async def student(port: int, paths: list[str]) -> tuple[float, int, int]:
    """One replaying student: the recorded files, at most PARALLEL at a time; (seconds, bytes, errors)."""
    started, sem = time.monotonic(), asyncio.Semaphore(PARALLEL)

    async def one(path: str):
        async with sem:
            try:
                return await asyncio.wait_for(fetch(port, path), TIMEOUT_S)
            except (OSError, asyncio.TimeoutError):
                return 0, 0

    got = await asyncio.gather(*(one(p) for p in paths))
    return time.monotonic() - started, sum(n for _s, n in got), sum(1 for s, _n in got if s >= 400 or s == 0)


def record(browser, url: str) -> list[str]:
    """The files a first visit of `url` fetches (paths, websocket left out), from an unthrottled Chromium."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(_USABLE_JS)
    try:
        page = context.new_page()
        rec = Recorder(context.new_cdp_session(page))
        visit(page, url)
        deadline = time.monotonic() + 60
        while rec.in_flight() and time.monotonic() < deadline:
            page.wait_for_timeout(50)
        base = urlsplit(url)
        return [urlsplit(r["url"]).path + (f"?{urlsplit(r['url']).query}" if urlsplit(r["url"]).query else "")
                for r in rec.requests.values()
                if "/_stcore/stream" not in r["url"] and urlsplit(r["url"]).netloc == base.netloc]
    finally:
        context.close()


def visit(page, url: str) -> tuple[float, float]:
    """Open `url` and wait for a usable and a complete page; (usable ms, complete ms) on the page's own clock."""
    live = "/light/" not in url
    page.goto(url, wait_until="commit", timeout=TIMEOUT_S * 1000)
    page.wait_for_function("() => window.__usable !== undefined" + (f" && !!document.querySelector('{READY}')"
                                                                     if live else ""), timeout=TIMEOUT_S * 1000)
    page.wait_for_function("() => document.readyState === 'complete'", timeout=TIMEOUT_S * 1000)
    usable = page.evaluate("() => window.__usable")
    complete = page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd")
    if live:  # the app's own files and the map arrive after the load event: complete once it is quiet again
        page.wait_for_selector(READY, timeout=TIMEOUT_S * 1000)
        complete = max(complete, page.evaluate("""() => new Promise((resolve) => { let t;
            const done = () => resolve(performance.now());
            const o = new MutationObserver(() => { clearTimeout(t); t = setTimeout(() => { o.disconnect(); done(); }, 400); });
            o.observe(document.body, {subtree: true, childList: true, attributes: true});
            t = setTimeout(() => { o.disconnect(); done(); }, 400); })""") - 400)
    return usable, complete


def run_class(browser, link: SharedLink, url: str, files: list[str], n: int) -> dict:
    """One class: n-1 replayers and one Chromium start together through the shared link."""
    relay_url = url.replace(f":{link.upstream_port}", f":{link.port}")
    link.bytes = 0
    async def class_of_others():
        return await asyncio.gather(*(student(link.port, files) for _i in range(n - 1)))

    others = asyncio.run_coroutine_threadsafe(class_of_others(), link.loop)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(_USABLE_JS)
    try:
        usable, complete = visit(context.new_page(), relay_url)
    finally:
        context.close()
    replayed = others.result(TIMEOUT_S)
    return {"usable_ms": round(usable), "complete_ms": round(complete),
            "others_last_s": round(max(t for t, _b, _e in replayed), 2),
            "others_median_s": round(statistics.median(t for t, _b, _e in replayed), 2),
            "others_errors": sum(e for _t, _b, e in replayed), "link_bytes": link.bytes}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--setups", default="light,nginx")
    ap.add_argument("--paths", default="/map")
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--link-mbit", type=float, default=20.0)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    out = args.out or ROOT / "bench" / "results" / f"classroom-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    setups = [s for s in args.setups.split(",") if s]
    paths = [p for p in args.paths.split(",") if p]
    results: dict = {}
    logdir = out.parent
    server = Server("nginx", logdir)
    base = server.start()  # one deployment: the live app and, at /light/, the light edition
    port = int(urlsplit(base).port)
    link = SharedLink(port, args.link_mbit)
    link.start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            try:
                for setup in setups:
                    for path in paths:
                        url = light_url(base, path) if setup == "light" else base + path
                        files = record(browser, url)  # also the server's first run of the page (warm-up)
                        runs = [run_class(browser, link, url, files, args.n) for _r in range(args.reps)]
                        results.setdefault(setup, {})[path] = {"files": files, "runs": runs}
                        print(f"{setup} {path}: {len(files)} files; usable "
                              f"{[r['usable_ms'] for r in runs]} ms, complete {[r['complete_ms'] for r in runs]} ms, "
                              f"others last {[r['others_last_s'] for r in runs]} s, link "
                              f"{[round(r['link_bytes'] / 1e6, 1) for r in runs]} MB", file=sys.stderr, flush=True)
            finally:
                browser.close()
    finally:
        link.stop()
        server.stop()
    meta = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "n": args.n, "link_mbit": args.link_mbit,
            "reps": args.reps}
    out.write_text(json.dumps({"meta": meta, "results": results}, indent=1))
    print(f"A class of {args.n} on one {args.link_mbit:g} Mbit/s link (shared token bucket, 20 ms per connection), "
          f"first visits at once, {args.reps} runs:\n")
    print("| setup | page | files | class MB on the link | measured student: usable s (median / max) | complete s "
          "(median / max) | other students done, last s (median) | errors |\n|---|---|---:|---:|---:|---:|---:|---:|")
    for setup, per_path in results.items():
        for path, r in per_path.items():
            runs = r["runs"]
            u, c = [x["usable_ms"] / 1000 for x in runs], [x["complete_ms"] / 1000 for x in runs]
            print(f"| {setup} | `{path}` | {len(r['files'])} | "
                  f"{statistics.median(x['link_bytes'] for x in runs) / 1e6:.1f} | "
                  f"{statistics.median(u):.1f} / {max(u):.1f} | {statistics.median(c):.1f} / {max(c):.1f} | "
                  f"{statistics.median(x['others_last_s'] for x in runs):.1f} | "
                  f"{sum(x['others_errors'] for x in runs)} |")
    print(f"\nJSON: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
