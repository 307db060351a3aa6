"""What a visitor's browser downloads: first visit (empty cache) and second visit (warm cache), per setup.

Run from the repository root, with the project venv (needs Debian's chromium; nginx for the nginx setup):

    .venv/bin/python bench/firstload.py                           # all setups, /, /map, /explainers, 3 reps
    .venv/bin/python bench/firstload.py --setups bare,nginx --reps 1 --paths /,/map
    .venv/bin/python bench/firstload.py --class-size 30 --link-mbit 20    # the classroom estimate's assumption

Setups, each started on free loopback ports and stopped (by PID) afterwards, also on errors or Ctrl-C:

* `bare`:  `streamlit run app.py` with the production flags (deploy/up.sh's); Streamlit sends its static
           files uncompressed.
* `gzip`:  the same app through `bench/gzip_app.py`: Streamlit alone, with Starlette's gzip middleware in
           front of Streamlit's own (which skips /static/* on purpose).
* `nginx`: `deploy/up.sh --replicas 2` (nginx with gzip and long cache headers in front of two replicas),
           run dir `deploy/run-firstload-<pid>`, stopped with `deploy/down.sh`.
* `light`: the same deployment, but each path is opened as its twin in the light edition (static pages that
           up.sh builds, served by nginx at /light/: `/map` is `/light/en/map/all.html`; components/site.py
           light_path). "Settled" is when the page's Sources heading is in the document and drawn, "complete"
           the load event (its picture in).

`--class N` (with `--link-mbit`) also runs a class: N fresh browser contexts open the page at once, each
limited by DevTools to its fair share of the link (link ÷ N, 20 ms latency), and the report gives the time to a
usable page (the Sources heading drawn: text, links and, on the light pages, the picture's box) and to a
complete one for the median and the last student.

For every setup and path, each repetition opens a fresh browser context (empty HTTP cache), loads the page
until it has settled (script run over, the Sources heading drawn, no DOM change for 400 ms), then loads the
same URL again in the same context (warm cache). Chromium's DevTools protocol counts, per request, the bytes
received on the wire (`Network.loadingFinished.encodedDataLength`: compressed body plus headers), whether
the body came gzipped (`content-encoding`), and whether the request was answered from the cache; websocket
frames (Streamlit's protobuf messages, never compressed here) are counted apart. "Settled ms" is the time
from navigation start to the last DOM change before the quiet period (loopback: no network delay, so it is
the browser's and the server's work). Times are medians over the repetitions; bytes hardly vary.

The classroom estimate assumes the class shares one link of `--link-mbit` (default 20 Mbit/s, a busy school
Wi-Fi) and that the link, not the server, is the bottleneck: 30 first visits at once move 30 × the first
visit's wire bytes, so the last student's page is complete after about that many bits ÷ the link rate (plus
the settled time measured here). Protocol overhead (TCP/IP, TLS, Wi-Fi retries) is left out, so real times
are somewhat longer.

Output: a markdown report on stdout and JSON (`--out`, default `bench/results/firstload-<timestamp>.json`).
Bounded: every wait has a timeout (60 s per page); loopback only; nothing is written into the checkout except
the gitignored `bench/results/` and `deploy/run-firstload-*` (removed afterwards).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser import CHROMIUM, FLAGS, READY, free_port, is_local  # noqa: E402

PROD_FLAGS = ["--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
              "--server.runOnSave", "false", "--browser.gatherUsageStats", "false"]
SETUPS = ("bare", "gzip", "nginx", "light")
PAGE_TIMEOUT_MS = 60_000
QUIET_MS = 400

# Resolves with the time (ms since navigation start) of the last DOM change once the DOM has been quiet for
# `quiet` ms; rejects after `limit` ms of continuous change.
_LAST_CHANGE_JS = """([quiet, limit]) => new Promise((resolve, reject) => {
  let last = performance.now(); const started = last; let timer;
  const arm = () => { clearTimeout(timer); timer = setTimeout(() => { observer.disconnect(); resolve(last); }, quiet); };
  const observer = new MutationObserver(() => {
    last = performance.now();
    if (last - started > limit) { observer.disconnect(); clearTimeout(timer); reject(new Error('never quiet')); return; }
    arm();
  });
  observer.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
  arm();
})"""


# ---------------------------------------------------------------------------------------------- servers
def _wait_health(url: str, proc: subprocess.Popen | None, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    return
        except OSError:
            pass
        if (proc is not None and proc.poll() is not None) or time.monotonic() > deadline:
            raise RuntimeError(f"server at {url} did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.3)


class Server:
    """One setup on loopback: start() -> base URL; stop() by PID (or deploy/down.sh for nginx)."""

    def __init__(self, setup: str, logdir: Path):
        self.setup, self.logdir = setup, logdir
        self.proc: subprocess.Popen | None = None
        self.run_dir: Path | None = None

    def start(self) -> str:
        port = free_port()
        log = self.logdir / f"firstload-{self.setup}.log"
        if self.setup in ("nginx", "light"):
            self.run_dir = ROOT / "deploy" / f"run-firstload-{os.getpid()}"
            base_port = free_port()
            with open(log, "w") as fh:
                # NOTE: up.sh builds the light edition first (1,294 pages: 1.5 min alone, several on a busy machine)
                subprocess.run(["bash", str(ROOT / "deploy" / "up.sh"), "--replicas", "2", "--port", str(port),
                                "--base-port", str(base_port), "--run-dir", str(self.run_dir)],
                               cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT, check=True, timeout=900)
        else:
            cmd = ([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), *PROD_FLAGS]
                   if self.setup == "bare" else [sys.executable, "bench/gzip_app.py", str(port)])
            self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=open(log, "w"), stderr=subprocess.STDOUT,
                                         start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        _wait_health(base, self.proc, log)
        return base

    def cpu_seconds(self) -> float:
        """User+system CPU of every server process so far (replicas, nginx master and workers)."""
        import psutil

        if self.proc is not None:
            roots = [self.proc.pid]
        else:
            roots = [int(f.read_text()) for f in self.run_dir.glob("*.pid")]
        total = 0.0
        for pid in roots:
            try:
                proc = psutil.Process(pid)
                for q in [proc, *proc.children(recursive=True)]:
                    t = q.cpu_times()
                    total += t.user + t.system
            except psutil.NoSuchProcess:
                pass
        return total

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=8)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        if self.run_dir is not None and self.run_dir.exists():
            subprocess.run(["bash", str(ROOT / "deploy" / "down.sh"), "--run-dir", str(self.run_dir)],
                           cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
            shutil.rmtree(self.run_dir, ignore_errors=True)


# ---------------------------------------------------------------------------------------------- browser
class Recorder:
    """Per-request wire bytes, encodings and cache hits from Chromium's DevTools protocol."""

    def __init__(self, cdp):
        self.cdp = cdp
        self.reset()
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.requestServedFromCache", self._from_cache)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", self._failed)
        cdp.on("Network.webSocketFrameReceived", self._frame)
        cdp.on("Network.webSocketFrameSent", self._frame)
        cdp.send("Network.enable")

    def reset(self) -> None:
        """Start counting a new visit."""
        self.requests: dict[str, dict] = {}
        self.ws_bytes = 0
        self.outside: list[str] = []

    def _sent(self, e):
        url = e["request"]["url"]
        if not is_local(url):
            self.outside.append(url)
        if url.startswith(("data:", "blob:")):
            return
        # a redirect reuses the request id: keep one entry, its bytes are counted when it finishes
        self.requests.setdefault(e["requestId"], {"url": url, "done": False, "bytes": 0, "encoding": "",
                                                  "cached": False, "status": 0, "mime": ""})

    def _response(self, e):
        r = self.requests.get(e["requestId"])
        if r is None:
            return
        resp = e["response"]
        headers = {k.lower(): v for k, v in resp.get("headers", {}).items()}
        r.update(status=resp.get("status", 0), mime=resp.get("mimeType", ""),
                 encoding=headers.get("content-encoding", ""))
        if resp.get("fromDiskCache") or resp.get("fromPrefetchCache") or resp.get("fromServiceWorker"):
            r["cached"] = True

    def _from_cache(self, e):
        if e["requestId"] in self.requests:
            self.requests[e["requestId"]]["cached"] = True

    def _finished(self, e):
        r = self.requests.get(e["requestId"])
        if r is not None:
            r.update(done=True, bytes=int(e.get("encodedDataLength", 0)))

    def _failed(self, e):
        r = self.requests.get(e["requestId"])
        if r is not None:
            r["done"] = True
            r["failed"] = e.get("errorText", "failed")

    def _frame(self, e):
        resp = e["response"]
        data = resp.get("payloadData", "")
        # opcode 2 = binary, base64-encoded in the protocol
        self.ws_bytes += len(base64.b64decode(data)) if resp.get("opcode") == 2 else len(data.encode())

    def in_flight(self) -> int:
        return sum(1 for r in self.requests.values() if not r["done"] and "/_stcore/stream" not in r["url"])

    def summary(self) -> dict:
        http = [r for r in self.requests.values() if "/_stcore/stream" not in r["url"]]
        wire = [r for r in http if not r["cached"]]
        static = [r for r in wire if "/static/" in r["url"]]
        return {
            "requests": len(http),
            "requests_on_wire": len(wire),
            "from_cache": len(http) - len(wire),
            "wire_bytes": sum(r["bytes"] for r in wire),
            "static_bytes": sum(r["bytes"] for r in static),
            "gzipped_bytes": sum(r["bytes"] for r in wire if r["encoding"]),
            "uncompressed_bytes": sum(r["bytes"] for r in wire if not r["encoding"]),
            "ws_bytes": self.ws_bytes,
            "failed": [r["url"] for r in http if r.get("failed")],
            "outside": list(self.outside),
            "largest": sorted(((r["bytes"], r["encoding"] or "-", r["url"].split("/")[-1][:60]) for r in wire),
                              reverse=True)[:5],
        }


def light_url(base: str, path: str) -> str:
    """The light edition's twin of a live path (`/map` -> `/light/en/map/all.html`)."""
    from components.site import light_link

    return base + light_link(path.split("?")[0], {}, "en")


# performance.now() when the page's Sources heading was first in the document (a harness script, added to every
# page of a measured context: the light pages themselves run none)
_USABLE_JS = """(() => {
  const mark = () => { if (window.__usable === undefined && [...document.querySelectorAll('h2, h3')].some(
      (h) => h.textContent.trim() === 'Sources')) { window.__usable = performance.now(); } };
  new MutationObserver(mark).observe(document, {subtree: true, childList: true});
  document.addEventListener('DOMContentLoaded', mark);
})();"""


def load_light(page, rec: Recorder, url: str, timeout_ms: int = PAGE_TIMEOUT_MS) -> dict:
    """A light page: navigate until its load event (every picture in); settled = its Sources heading drawn."""
    rec.reset()
    page.goto(url, wait_until="load", timeout=timeout_ms)
    page.get_by_role("heading", name="Sources", exact=True).wait_for(timeout=timeout_ms)
    timing = page.evaluate("""() => { const n = performance.getEntriesByType('navigation')[0];
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        return [Math.max(window.__usable || n.domContentLoadedEventEnd, paint ? paint.startTime : 0), n.loadEventEnd]; }""")
    out = rec.summary()
    out["settled_ms"], out["complete_ms"] = round(timing[0]), round(timing[1])
    out["in_flight_left"] = rec.in_flight()
    return out


def load(page, rec: Recorder, url: str, timeout_ms: int = PAGE_TIMEOUT_MS) -> dict:
    """Navigate, wait for the app to settle and the network to drain; return the recorder's summary."""
    if "/light/" in url:
        return load_light(page, rec, url, timeout_ms)
    rec.reset()
    page.goto(url, wait_until="commit", timeout=timeout_ms)
    page.wait_for_selector(READY, timeout=timeout_ms)
    page.get_by_role("heading", name="Sources", exact=True).wait_for(timeout=timeout_ms)
    page.wait_for_selector(READY, timeout=timeout_ms)
    settled_ms = page.evaluate(_LAST_CHANGE_JS, [QUIET_MS, 30_000])
    # late chunks (a chart library fetched after the run) count too: wait until no HTTP request is open,
    # then for the DOM to be quiet again ("complete": every byte in and drawn)
    deadline = time.monotonic() + timeout_ms / 1000
    while rec.in_flight() and time.monotonic() < deadline:
        page.wait_for_timeout(50)  # polling the recorder (CDP events arrive while Playwright waits)
    complete_ms = max(settled_ms, page.evaluate(_LAST_CHANGE_JS, [QUIET_MS, 30_000]))
    if page.locator('[data-testid="stException"]').count():
        raise RuntimeError(f"{url}: the page shows an exception")
    out = rec.summary()
    out["settled_ms"] = round(settled_ms)
    out["complete_ms"] = round(complete_ms)
    out["in_flight_left"] = rec.in_flight()
    return out


def measure(browser, base: str, path: str, throttle_mbit: float = 0) -> dict:  # the URL is base + path
    """One repetition: first visit with an empty cache, then a second visit in the same context.

    throttle_mbit > 0: Chromium limits this browser's download and upload to that rate (20 ms latency),
    e.g. a class's fair share of the school link; the page timeout grows to 10 minutes.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(_USABLE_JS)
    timeout_ms = PAGE_TIMEOUT_MS
    try:
        page = context.new_page()
        rec = Recorder(context.new_cdp_session(page))
        if throttle_mbit:
            rate = throttle_mbit * 1e6 / 8  # bytes per second
            rec.cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 20,
                                                              "downloadThroughput": rate, "uploadThroughput": rate})
            timeout_ms = 600_000
        try:
            first = load(page, rec, base + path, timeout_ms)
            warm = load(page, rec, base + path, timeout_ms)
        except Exception as exc:  # say what the page showed instead of only "timeout"
            shown = page.locator("body").inner_text(timeout=5_000)[:600]
            raise RuntimeError(f"{base + path}: {exc.__class__.__name__}; the page showed:\n{shown}") from exc
        return {"first": first, "warm": warm}
    finally:
        context.close()


def class_run(browser, url: str, n: int, link_mbit: float, timeout_s: float = 600) -> dict:
    """A class of `n` opening `url` at once on a shared `link_mbit` link: n fresh contexts, each limited by DevTools
    to link ÷ n (20 ms latency), navigated one after another without waiting, then watched until each has a usable
    page (its Sources heading in the document: for a live page, after its script run) and a complete one (load
    event, and for a live page its settled app). Times in ms from each page's own navigation start."""
    rate = link_mbit / n * 1e6 / 8
    tabs = []
    try:
        for _i in range(n):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.add_init_script(_USABLE_JS)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 20, "downloadThroughput": rate,
                                                          "uploadThroughput": rate})
            tabs.append((context, page))
        for _context, page in tabs:
            page.evaluate("(u) => { window.location.href = u; }", url)  # start all, wait for none
        live = "/light/" not in url
        done_js = (f"() => window.__usable !== undefined && !!document.querySelector('{READY}')" if live else
                   "() => window.__usable !== undefined && document.readyState === 'complete'")
        results: dict[int, tuple[float, float]] = {}
        deadline = time.monotonic() + timeout_s
        while len(results) < n and time.monotonic() < deadline:
            for i, (_context, page) in enumerate(tabs):
                if i in results:
                    continue
                try:
                    if page.evaluate(done_js):
                        results[i] = tuple(page.evaluate(
                            "() => [window.__usable, performance.getEntriesByType('navigation')[0].loadEventEnd]"))
                except Exception:  # noqa: BLE001 - a page between documents: look again on the next round
                    pass
            page.wait_for_timeout(200)  # polling 30 pages' state; each value comes from the page's own clock
        usable = sorted(r[0] for r in results.values())
        complete = sorted(max(r) for r in results.values())
        return {"n": n, "ok": len(results), "link_mbit": link_mbit, "usable_ms": usable, "complete_ms": complete}
    finally:
        for context, _page in tabs:
            context.close()


# ---------------------------------------------------------------------------------------------- report
def kb(n: float) -> str:
    return f"{n / 1000:,.0f}"


def report(results: dict, paths: list[str], class_size: int, link_mbit: float) -> str:
    lines = ["| setup | page | first: KB on wire | requests | gzipped KB / plain KB | websocket KB | settled / complete ms "
             "| warm: KB on wire | requests on wire / from cache | settled ms | server CPU ms (both visits) |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    med = {}
    for setup, per_path in results.items():
        for path in paths:
            reps = per_path[path]
            f = {k: statistics.median(r["first"][k] for r in reps)
                 for k in ("wire_bytes", "requests", "gzipped_bytes", "uncompressed_bytes", "ws_bytes", "settled_ms",
                          "complete_ms")}
            w = {k: statistics.median(r["warm"][k] for r in reps)
                 for k in ("wire_bytes", "requests_on_wire", "from_cache", "ws_bytes", "settled_ms")}
            med[(setup, path)] = (f, w)
            cpu = statistics.median(r["server_cpu_ms"] for r in reps)
            lines.append(f"| {setup} | `{path}` | {kb(f['wire_bytes'])} | {f['requests']:.0f} | "
                         f"{kb(f['gzipped_bytes'])} / {kb(f['uncompressed_bytes'])} | {kb(f['ws_bytes'])} | "
                         f"{f['settled_ms']:.0f} / {f['complete_ms']:.0f} | {kb(w['wire_bytes'])} | "
                         f"{w['requests_on_wire']:.0f} / {w['from_cache']:.0f} | {w['settled_ms']:.0f} | {cpu:.0f} |")
    lines += ["", f"Class of {class_size} opening the page at once on a shared {link_mbit:g} Mbit/s link "
              f"(link-bound; websocket bytes included):", "",
              "| setup | page | one first visit MB | class total MB | whole class loaded after ≈ s |",
              "|---|---|---:|---:|---:|"]
    for (setup, path), (f, _w) in med.items():
        one = f["wire_bytes"] + f["ws_bytes"]
        total = one * class_size
        secs = total * 8 / (link_mbit * 1e6) + f["settled_ms"] / 1000
        lines.append(f"| {setup} | `{path}` | {one / 1e6:.2f} | {total / 1e6:.0f} | {secs:.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--setups", default=",".join(SETUPS), help="comma-separated: " + ", ".join(SETUPS))
    ap.add_argument("--paths", default="/,/map,/explainers")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--class-size", type=int, default=30)
    ap.add_argument("--link-mbit", type=float, default=20.0)
    ap.add_argument("--throttle-mbit", type=float, default=0,
                    help="also load each page once with Chromium limited to this rate (e.g. 0.67: a class of 30 "
                         "sharing 20 Mbit/s); 0 = off")
    ap.add_argument("--class", dest="class_n", type=int, default=0,
                    help="also run a class: this many browsers open each page at once, sharing --link-mbit")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    setups = [s for s in args.setups.split(",") if s]
    if bad := [s for s in setups if s not in SETUPS]:
        ap.error(f"unknown setup(s): {bad}")
    paths = [p for p in args.paths.split(",") if p]
    from playwright.sync_api import sync_playwright

    out = args.out or ROOT / "bench" / "results" / f"firstload-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    logdir = Path(tempfile.mkdtemp(prefix="firstload-logs-"))
    results: dict = {}
    throttled: dict = {}
    classes: dict = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            for setup in setups:
                server = Server(setup, logdir)
                try:
                    base = server.start()
                    # one unmeasured visit per page: the server's first script runs (imports, caches) are
                    # not what a class sees once the teacher has opened the app
                    at = (lambda path: light_url(base, path)) if setup == "light" else (lambda path: base + path)
                    for path in paths:
                        measure(browser, at(path), "")
                    results[setup] = {path: [] for path in paths}
                    for rep in range(args.reps):
                        for path in paths:
                            cpu0 = server.cpu_seconds()
                            r = measure(browser, at(path), "")
                            r["server_cpu_ms"] = round((server.cpu_seconds() - cpu0) * 1000)
                            results[setup][path].append(r)
                            print(f"{setup} {path} rep {rep + 1}: first {kb(r['first']['wire_bytes'])} KB "
                                  f"in {r['first']['requests']} requests, {r['first']['settled_ms']} ms; "
                                  f"warm {kb(r['warm']['wire_bytes'])} KB", file=sys.stderr, flush=True)
                    if args.throttle_mbit:
                        throttled[setup] = {}
                        for path in paths:
                            r = measure(browser, at(path), "", args.throttle_mbit)
                            throttled[setup][path] = r
                            print(f"{setup} {path} at {args.throttle_mbit:g} Mbit/s: settled "
                                  f"{r['first']['settled_ms']} ms, complete {r['first']['complete_ms']} ms",
                                  file=sys.stderr, flush=True)
                    if args.class_n:
                        classes[setup] = {}
                        for path in paths:
                            cpu0 = server.cpu_seconds()
                            r = class_run(browser, at(path), args.class_n, args.link_mbit)
                            r["server_cpu_ms"] = round((server.cpu_seconds() - cpu0) * 1000)
                            classes[setup][path] = r
                            print(f"{setup} {path} class of {args.class_n}: {r['ok']} usable, last usable "
                                  f"{max(r['usable_ms'], default=0) / 1000:.1f} s, last complete "
                                  f"{max(r['complete_ms'], default=0) / 1000:.1f} s", file=sys.stderr, flush=True)
                finally:
                    server.stop()
                    # saved after every setup, so a later failure keeps what was measured
                    out.write_text(json.dumps({"results": results, "throttled": throttled, "classes": classes},
                                              indent=1))
        finally:
            browser.close()
    visits = [r for s in results.values() for reps in s.values() for r in reps]
    visits += [r for s in throttled.values() for r in s.values()]
    outside = sorted({u for r in visits for v in (r["first"], r["warm"]) for u in v["outside"]})
    meta = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "reps": args.reps,
            "git": subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip(),
            "class_size": args.class_size, "link_mbit": args.link_mbit, "outside_requests": outside}
    out.write_text(json.dumps({"meta": meta, "results": results, "throttled": throttled, "classes": classes},
                              indent=1))
    if args.reps:
        print(report(results, paths, args.class_size, args.link_mbit))
    if throttled:
        print(f"\nOne browser limited to {args.throttle_mbit:g} Mbit/s (20 ms latency), first visit, 1 run:\n\n"
              "| setup | page | KB on wire | settled s | complete s | warm visit complete s |\n|---|---|---:|---:|---:|---:|")
        for setup, per_path in throttled.items():
            for path, r in per_path.items():
                f, w = r["first"], r["warm"]
                print(f"| {setup} | `{path}` | {kb(f['wire_bytes'])} | {f['settled_ms'] / 1000:.1f} | "
                      f"{f['complete_ms'] / 1000:.1f} | {w['complete_ms'] / 1000:.1f} |")
    if classes:
        print(f"\nA class of {args.class_n} opening the page at once, each browser at {args.link_mbit:g}/"
              f"{args.class_n} Mbit/s (20 ms latency), first visit:\n\n| setup | page | pages usable | median usable s "
              "| last usable s | median complete s | last complete s | server CPU ms |\n|---|---|---:|---:|---:|---:|---:|---:|")
        for setup, per_path in classes.items():
            for path, r in per_path.items():
                u, c = r["usable_ms"], r["complete_ms"]
                print(f"| {setup} | `{path}` | {r['ok']}/{r['n']} | {statistics.median(u) / 1000 if u else 0:.1f} | "
                      f"{max(u, default=0) / 1000:.1f} | {statistics.median(c) / 1000 if c else 0:.1f} | "
                      f"{max(c, default=0) / 1000:.1f} | {r['server_cpu_ms']} |")
    print(f"\nOutside requests: {outside or 'none'}. JSON: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    shutil.rmtree(logdir, ignore_errors=True)
    return 1 if outside else 0


if __name__ == "__main__":
    sys.exit(main())
