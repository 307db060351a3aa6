#!/usr/bin/env python
"""Burst benchmark through nginx: 1 replica vs 2 replicas, plus the direct single process.

    .venv/bin/python deploy/measure.py [--ns 30,60] [--reps 2] [--port 8700] [--out FILE]

For each replica count K in (1, 2): deploy/up.sh --replicas K on a scratch run dir, warm up
(one session per page, then a few map sessions), then for each N run `reps` bursts of N map
sessions (bench/stload.py, released together, 1 warm rerun each). With K=1 the same bursts are
also sent straight to the replica's port ("direct"), interleaved with the nginx ones, so the
proxy hop is compared on the same process. Always runs deploy/down.sh. Prints a markdown table
and writes JSON. Times are client-measured on loopback; the client shares the 2 cores.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
APP = DEPLOY.parent
sys.path.insert(0, str(APP / "bench"))
import stload  # noqa: E402

PAGES = ["", "map", "timeline", "explainers", "data"]


def burst(url: str, n: int, page: str = "map") -> dict:
    sessions, _ = asyncio.run(stload.run_sessions(url, n, page, reruns=1, timeout_s=120))
    s = stload.summarize(sessions)
    return {k: s[k] for k in ("n", "n_ok_first", "errors", "error_samples", "first_p50_ms",
                              "first_p95_ms", "first_max_ms", "rerun_p50_ms")}


def med(xs):
    xs = [x for x in xs if x is not None]
    return round(statistics.median(xs)) if xs else None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ns", default="30,60")
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--replicas", default="1,2")
    ap.add_argument("--port", type=int, default=8700)
    ap.add_argument("--out", default=str(APP / "bench" / "results" / f"deploy-{time.strftime('%Y%m%d-%H%M%S')}.json"))
    a = ap.parse_args()
    ns = [int(x) for x in a.ns.split(",")]
    results: dict[str, dict[int, list[dict]]] = {}
    for k in [int(x) for x in a.replicas.split(",")]:
        run_dir = tempfile.mkdtemp(prefix=f"run-measure-k{k}-", dir=DEPLOY)  # gitignored (run*/)
        up = subprocess.run([str(DEPLOY / "up.sh"), "--replicas", str(k), "--port", str(a.port),
                             "--run-dir", run_dir], capture_output=True, text=True)
        print(up.stdout.strip() or up.stderr.strip(), file=sys.stderr)
        if up.returncode:
            return 2
        try:
            proxy = f"http://127.0.0.1:{a.port}"
            targets = {f"nginx, {k} replica{'s' if k > 1 else ''}": proxy}
            if k == 1:
                targets = {"direct, 1 process": f"http://127.0.0.1:{a.port + 1}", **targets}
            # warm-up through nginx: each page once (cold), then 2*k map sessions so every replica is warm
            for p in PAGES:
                burst(proxy, 1, p)
            for _ in range(2):
                burst(proxy, 2 * k)
            for n in ns:
                for rep in range(a.reps):
                    order = list(targets.items())
                    if rep % 2:
                        order.reverse()
                    for label, url in order:
                        r = burst(url, n)
                        results.setdefault(label, {}).setdefault(n, []).append(r)
                        print(f"{label:22s} N={n:3d} rep{rep}: p50 {r['first_p50_ms']} p95 {r['first_p95_ms']} "
                              f"errors {r['errors']}", file=sys.stderr)
                        time.sleep(2)
        finally:
            subprocess.run([str(DEPLOY / "down.sh"), "--run-dir", run_dir], capture_output=True)
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps({"reps": a.reps, "results": results}, indent=2))
    print(f"| setup | N | first load p50 ms | p95 ms | max ms | errors (all reps) |")
    print("|---|---:|---:|---:|---:|---:|")
    for n in ns:
        for label, by_n in results.items():
            rs = by_n.get(n, [])
            print(f"| {label} | {n} | {med([r['first_p50_ms'] for r in rs])} | {med([r['first_p95_ms'] for r in rs])} "
                  f"| {med([r['first_max_ms'] for r in rs])} | {sum(r['errors'] for r in rs)} |")
    print(f"\n(medians over {a.reps} reps; JSON: {a.out})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
