#!/usr/bin/env python
"""Server load benchmark for the AI Summit Atlas (see bench/README.md).

Starts the Atlas (`streamlit run app.py`) and bench/empty_app.py on free 127.0.0.1 ports with
identical production flags, warms both up, then drives them with stload (Streamlit's browser
WebSocket protocol). Latency and server CPU are reported as ratios vs the empty app measured in
the same run (interleaved); bytes and memory are absolute.

    .venv/bin/python bench/bench.py --smoke
    .venv/bin/python bench/bench.py --scenario single --reps 3
    .venv/bin/python bench/bench.py --scenario burst --n 30
    .venv/bin/python bench/bench.py --scenario soak --n 10 --minutes 3

Exit status: 1 if any session hit an app exception, page_not_found, compile error, connection
error or timeout; 2 on setup errors (server did not start). Times/budgets are never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import psutil

BENCH_DIR = Path(__file__).resolve().parent
APP_DIR = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))
import stload  # noqa: E402

PAGES = ["", "story", "map", "timeline", "explainers", "data"]  # st.navigation url paths; "" = home
PAGE_LABEL = {"": "home"}
SERVER_FLAGS = [
    "--server.headless", "true",
    "--server.fileWatcherType", "none",
    "--server.runOnSave", "false",
    "--browser.gatherUsageStats", "false",
    "--server.address", "127.0.0.1",
]
BUDGETS = {
    "first_load_kb": 150.0,  # payload per first page load, every page
    "warm_rerun_kb": 10.0,  # payload per warm rerun that does not change the chart
    "map_single_ratio": 2.0,  # map single-user first load vs empty
    "burst30_p95_ratio": 4.0,  # burst of 30, p95 first load vs empty
    "mb_per_session": 1.0,  # RSS growth per open session
}


def label(page: str) -> str:
    return PAGE_LABEL.get(page, page)


def python_exe() -> str:
    venv = APP_DIR / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One Streamlit server process on 127.0.0.1, stopped by PID (terminate, then kill)."""

    def __init__(self, name: str, script: Path, log_dir: Path) -> None:
        self.name = name
        self.script = script
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_dir / f"{name}-{self.port}.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self.ps: psutil.Process | None = None
        self.boot_s: float | None = None

    def start(self) -> None:
        cmd = [python_exe(), "-m", "streamlit", "run", str(self.script),
               "--server.port", str(self.port), *SERVER_FLAGS]
        self._log = open(self.log_path, "wb")  # noqa: SIM115
        self._t0 = time.perf_counter()
        self.proc = subprocess.Popen(  # noqa: S603
            cmd, cwd=APP_DIR, stdout=self._log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )
        self.ps = psutil.Process(self.proc.pid)

    def wait_healthy(self, timeout: float = 90.0) -> None:
        assert self.proc is not None
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:  # noqa: S310
                    if r.status == 200:
                        self.boot_s = time.perf_counter() - self._t0
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} not healthy after {timeout:.0f}s; see {self.log_path}")

    def cpu_s(self) -> float:
        assert self.ps is not None
        t = self.ps.cpu_times()
        return t.user + t.system

    def rss_mb(self) -> float:
        assert self.ps is not None
        return self.ps.memory_info().rss / 2**20

    def stop(self) -> None:
        if self.proc is None:
            return
        kids: list[psutil.Process] = []
        try:
            kids = self.ps.children(recursive=True) if self.ps else []
        except psutil.Error:
            pass
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=8)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        for k in kids:  # children we started (none expected), by PID
            try:
                k.terminate()
                k.wait(3)
            except psutil.TimeoutExpired:
                k.kill()
            except psutil.Error:
                pass
        self._log.close()
        self.proc = None

    def log_tracebacks(self) -> list[str]:
        try:
            txt = self.log_path.read_text(errors="replace")
        except OSError:
            return []
        lines = txt.splitlines()
        out = []
        for i, line in enumerate(lines):
            if line.startswith("Traceback") or " Error" in line[:40] or line.startswith("Exception"):
                out.append("\n".join(lines[i:i + 12])[:1500])
        return out[:5]


class Sampler:
    """Samples server RSS and CPU% every `period` seconds during a level (peak values)."""

    def __init__(self, server: Server, period: float = 0.2) -> None:
        self.server, self.period = server, period
        self.peak_rss_mb = 0.0
        self.peak_cpu_pct = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        ps = self.server.ps
        assert ps is not None
        ps.cpu_percent(None)
        while True:
            await asyncio.sleep(self.period)
            try:
                self.peak_rss_mb = max(self.peak_rss_mb, ps.memory_info().rss / 2**20)
                self.peak_cpu_pct = max(self.peak_cpu_pct, ps.cpu_percent(None))
            except psutil.Error:
                return

    def __enter__(self) -> Sampler:
        self._task = asyncio.get_running_loop().create_task(self._run())
        return self

    def __exit__(self, *exc: object) -> None:
        if self._task:
            self._task.cancel()


async def measure(server: Server, page: str, n: int, reruns: int, hold_s: float,
                  timeout_s: float, think_s: float = 0.0, ramp_s: float = 0.0) -> dict[str, Any]:
    """One level: N sessions (first load + reruns) released together; server CPU/RSS around it."""
    rss_before = server.rss_mb()
    cpu_before = server.cpu_s()

    async def on_all_open() -> float:
        if hold_s:
            await asyncio.sleep(hold_s)
        return server.rss_mb()

    with Sampler(server) as smp:
        t0 = time.perf_counter()
        sessions, rss_open = await stload.run_sessions(
            server.url, n, page, "", reruns, True, think_s, ramp_s, timeout_s, on_all_open)
        wall = time.perf_counter() - t0
    await asyncio.sleep(0.1)
    cpu = server.cpu_s() - cpu_before
    runs = sum(len(s.runs) for s in sessions) or 1
    out = stload.summarize(sessions)
    out.update({
        "app": server.name, "page": label(page), "wall_s": round(wall, 3),
        "server_cpu_s": round(cpu, 4), "server_cpu_per_run_ms": round(1000 * cpu / runs, 2),
        "runs": runs, "rss_before_mb": round(rss_before, 1), "rss_open_mb": round(rss_open, 1),
        "rss_after_mb": round(server.rss_mb(), 1), "rss_peak_mb": round(smp.peak_rss_mb, 1),
        "cpu_peak_pct": round(smp.peak_cpu_pct, 1),
        "mb_per_open_session": round((rss_open - rss_before) / n, 3),
    })
    return out


def med(xs: list[float | None]) -> float | None:
    v = [x for x in xs if x is not None]
    return statistics.median(v) if v else None


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def fmt(x: Any, nd: int = 1) -> str:
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:.{nd}f}"
    return str(x)


# ----------------------------------------------------------------------------- scenarios


async def warm_up(atlas: Server, empty: Server, pages: list[str], timeout_s: float) -> dict[str, Any]:
    """Cold first visit of each page after boot, then one warm-up session with 2 reruns each."""
    cold: dict[str, Any] = {}
    levels = []
    r = await measure(empty, "", 1, 0, 0, timeout_s)
    cold["empty"] = r["first_p50_ms"]
    levels.append(r)
    for p in pages:
        r = await measure(atlas, p, 1, 0, 0, timeout_s)
        cold[label(p)] = r["first_p50_ms"]
        levels.append(r)
    levels.append(await measure(empty, "", 1, 2, 0, timeout_s))
    for p in pages:
        levels.append(await measure(atlas, p, 1, 2, 0, timeout_s))
    return {"cold_first_load_ms": cold, "levels": levels,
            "rss_after_warmup_mb": {"atlas": round(atlas.rss_mb(), 1), "empty": round(empty.rss_mb(), 1)}}


async def scenario_single(atlas: Server, empty: Server, pages: list[str], reps: int,
                          reruns: int, timeout_s: float) -> dict[str, Any]:
    per_page: dict[str, list[dict[str, Any]]] = {label(p): [] for p in pages}
    empties: list[dict[str, Any]] = []
    for rep in range(reps):
        for i, p in enumerate(pages):
            order = [(atlas, p), (empty, "")]
            if (rep + i) % 2:
                order.reverse()
            for srv, pg in order:
                r = await measure(srv, pg, 1, reruns, 0, timeout_s)
                (per_page[label(p)] if srv is atlas else empties).append(r)
                await asyncio.sleep(0.2)
    e_first = med([r["first_p50_ms"] for r in empties])
    e_rerun = med([r["rerun_p50_ms"] for r in empties])
    def cpu_per_run(rs: list[dict[str, Any]]) -> float | None:
        # psutil CPU times tick at 10 ms: pool all reps (sum CPU / sum runs) rather than a median
        runs = sum(r["runs"] for r in rs)
        return round(1000 * sum(r["server_cpu_s"] for r in rs) / runs, 2) if runs else None

    e_cpu = cpu_per_run(empties)
    rows = []
    for name, rs in [("empty", empties)] + list(per_page.items()):
        first = med([r["first_p50_ms"] for r in rs])
        rerun = med([r["rerun_p50_ms"] for r in rs])
        cpu = cpu_per_run(rs)
        last = rs[-1]
        rows.append({
            "page": name, "app": "empty" if name == "empty" else "atlas", "reps": len(rs),
            "first_ms": first, "first_ms_all": [r["first_p50_ms"] for r in rs],
            "first_ratio": ratio(first, e_first),
            "rerun_ms": rerun, "rerun_ratio": ratio(rerun, e_rerun),
            "first_kb": round(med([r["first_bytes_mean"] for r in rs]) / 1000, 2),
            "rerun_kb": round(med([r["rerun_bytes_mean"] for r in rs]) / 1000, 2) if reruns else None,
            "rerun_ref_hash": med([r["rerun_ref_hash_mean"] for r in rs]),
            "cpu_ms_per_run": cpu, "cpu_ratio": ratio(cpu, e_cpu),
            "rss_mb": last["rss_after_mb"],
            "errors": sum(r["errors"] for r in rs),
            "error_samples": sorted({e for r in rs for e in r["error_samples"]})[:3],
            "first_bytes_by_element": last["first_bytes_by_element"],
            "rerun_bytes_by_element": last["rerun_bytes_by_element"],
            "first_count_by_element": last["first_count_by_element"],
            "rerun_count_by_element": last["rerun_count_by_element"],
            "first_top_messages": last["first_top_messages"],
            "rerun_top_messages": last["rerun_top_messages"],
        })
    return {"rows": rows, "levels": [r for rs in per_page.values() for r in rs] + empties}


async def scenario_burst(atlas: Server, empty: Server, pages: list[str], n: int, reps: int,
                         reruns: int, hold_s: float, timeout_s: float, ramp_s: float) -> dict[str, Any]:
    rows = []
    levels: list[dict[str, Any]] = []
    for p in pages:
        a_runs: list[dict[str, Any]] = []
        e_runs: list[dict[str, Any]] = []
        for rep in range(reps):
            order = [(atlas, p, a_runs), (empty, "", e_runs)]
            if rep % 2:
                order.reverse()
            for srv, pg, acc in order:
                r = await measure(srv, pg, n, reruns, hold_s, timeout_s, ramp_s=ramp_s)
                acc.append(r)
                levels.append(r)
                await asyncio.sleep(1.0)
        e_p50 = med([r["first_p50_ms"] for r in e_runs])
        e_p95 = med([r["first_p95_ms"] for r in e_runs])
        e_cpu = med([r["server_cpu_per_run_ms"] for r in e_runs])
        for name, rs in (("empty", e_runs), (label(p), a_runs)):
            p50 = med([r["first_p50_ms"] for r in rs])
            p95 = med([r["first_p95_ms"] for r in rs])
            cpu = med([r["server_cpu_per_run_ms"] for r in rs])
            rows.append({
                "page": name, "app": "empty" if name == "empty" else "atlas", "n": n, "reps": len(rs),
                "first_p50_ms": p50, "first_p95_ms": p95,
                "first_p95_ms_all": [r["first_p95_ms"] for r in rs],
                "first_max_ms": max((r["first_max_ms"] or 0) for r in rs),
                "p50_ratio": ratio(p50, e_p50), "p95_ratio": ratio(p95, e_p95),
                "rerun_p50_ms": med([r["rerun_p50_ms"] for r in rs]),
                "rerun_p95_ms": med([r["rerun_p95_ms"] for r in rs]),
                "first_kb": round(med([r["first_bytes_mean"] for r in rs]) / 1000, 2),
                "rerun_kb": round(med([r["rerun_bytes_mean"] for r in rs]) / 1000, 2) if reruns else None,
                "cpu_ms_per_run": cpu, "cpu_ratio": ratio(cpu, e_cpu),
                "cpu_peak_pct": max(r["cpu_peak_pct"] for r in rs),
                "rss_before_mb": rs[0]["rss_before_mb"], "rss_open_mb": rs[-1]["rss_open_mb"],
                "rss_after_mb": rs[-1]["rss_after_mb"],
                "mb_per_open_session": med([r["mb_per_open_session"] for r in rs]),
                "mb_per_open_session_all": [r["mb_per_open_session"] for r in rs],
                "errors": sum(r["errors"] for r in rs),
                "error_samples": sorted({e for r in rs for e in r["error_samples"]})[:3],
            })
    return {"rows": rows, "levels": levels}


async def scenario_soak(atlas: Server, pages: list[str], n: int, minutes: float, think_s: float,
                        timeout_s: float, expire_s: float = 130.0) -> dict[str, Any]:
    """N sessions spread over the pages; each reruns (warm) every think_s for `minutes`."""
    reruns = max(1, int(minutes * 60 / think_s))
    rss_series: list[tuple[float, float]] = []
    cpu0 = atlas.cpu_s()
    rss0 = atlas.rss_mb()
    t0 = time.perf_counter()

    async def sample() -> None:
        while True:
            rss_series.append((round(time.perf_counter() - t0, 1), round(atlas.rss_mb(), 1)))
            await asyncio.sleep(5)

    sampler = asyncio.create_task(sample())
    try:
        tasks = [stload.run_session(atlas.url, pages[i % len(pages)], "", reruns, True, think_s,
                                    timeout_s, None, (think_s * i / n)) for i in range(n)]
        sessions = await asyncio.gather(*tasks)
    finally:
        sampler.cancel()
    await asyncio.sleep(5)
    rss_closed = round(atlas.rss_mb(), 1)
    # closed sessions are kept for server.disconnectedSessionTTL (120 s); drift is judged after they expire
    await asyncio.sleep(expire_s)
    summ = stload.summarize(list(sessions))
    runs = sum(len(s.runs) for s in sessions) or 1
    return {
        "n": n, "minutes": minutes, "think_s": think_s, "reruns_per_session": reruns,
        "errors": summ["errors"], "error_samples": summ["error_samples"],
        "rerun_p50_ms": summ["rerun_p50_ms"], "rerun_p95_ms": summ["rerun_p95_ms"],
        "server_cpu_per_run_ms": round(1000 * (atlas.cpu_s() - cpu0) / runs, 2),
        "rss_start_mb": round(rss0, 1), "rss_peak_mb": max(r for _, r in rss_series) if rss_series else None,
        "rss_end_open_mb": rss_series[-1][1] if rss_series else None,
        "rss_5s_after_close_mb": rss_closed,
        "expire_wait_s": expire_s,
        "rss_after_expiry_mb": round(atlas.rss_mb(), 1),
        "rss_drift_after_expiry_pct": round(100 * (atlas.rss_mb() - rss0) / rss0, 1) if rss0 else None,
        "rss_series": rss_series,
    }


# ----------------------------------------------------------------------------- reporting


def budgets(result: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    single = result.get("single")
    if single:
        for r in single["rows"]:
            if r["app"] != "atlas":
                continue
            out.append({"budget": "first load payload ≤150 KB", "where": r["page"],
                        "value": r["first_kb"], "limit": BUDGETS["first_load_kb"],
                        "ok": r["first_kb"] <= BUDGETS["first_load_kb"]})
            if r["rerun_kb"] is not None:
                out.append({"budget": "warm rerun payload ≤10 KB", "where": r["page"],
                            "value": r["rerun_kb"], "limit": BUDGETS["warm_rerun_kb"],
                            "ok": r["rerun_kb"] <= BUDGETS["warm_rerun_kb"]})
            if r["page"] == "map":
                out.append({"budget": "map single-user first load ≤2× empty", "where": "map",
                            "value": r["first_ratio"], "limit": BUDGETS["map_single_ratio"],
                            "ok": r["first_ratio"] is not None and r["first_ratio"] <= BUDGETS["map_single_ratio"]})
    burst = result.get("burst")
    if burst:
        for r in burst["rows"]:
            if r["app"] != "atlas":
                continue
            n = r["n"]
            out.append({"budget": f"burst N={n}: no errors", "where": r["page"], "value": r["errors"],
                        "limit": 0, "ok": r["errors"] == 0})
            if n == 30:
                out.append({"budget": "burst N=30 p95 ≤4× empty", "where": r["page"],
                            "value": r["p95_ratio"], "limit": BUDGETS["burst30_p95_ratio"],
                            "ok": r["p95_ratio"] is not None and r["p95_ratio"] <= BUDGETS["burst30_p95_ratio"]})
            out.append({"budget": "RSS growth ≤1 MB per open session", "where": f"{r['page']} N={n}",
                        "value": r["mb_per_open_session"], "limit": BUDGETS["mb_per_session"],
                        "ok": r["mb_per_open_session"] is not None
                        and r["mb_per_open_session"] <= BUDGETS["mb_per_session"]})
    return out


def markdown(result: dict[str, Any]) -> str:
    L: list[str] = []
    m = result["meta"]
    L.append(f"## Atlas bench: {m['scenario']}  ({m['started']}, streamlit {m['streamlit']}, "
             f"git {m['git_head']}{' +dirty' if m['git_dirty'] else ''}, {m['cpus']} CPUs, pin={m['pin']})")
    L.append("")
    wu = result.get("warmup")
    if wu:
        L.append("Cold first load after boot (ms): " + ", ".join(
            f"{k} {fmt(v, 0)}" for k, v in wu["cold_first_load_ms"].items())
            + f"; RSS after warm-up: atlas {wu['rss_after_warmup_mb']['atlas']} MB, "
              f"empty {wu['rss_after_warmup_mb']['empty']} MB")
        L.append("")
    s = result.get("single")
    if s:
        L.append("### Single user (medians over reps; ratios vs empty app, same run)")
        L.append("")
        L.append("| page | first load ms | ×empty | warm rerun ms | ×empty | KB first load | KB warm rerun "
                 "| ref_hash/rerun | server CPU ms/run | ×empty | RSS MB | errors |")
        L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in s["rows"]:
            L.append(f"| {r['page']} | {fmt(r['first_ms'])} | {fmt(r['first_ratio'], 2)} | {fmt(r['rerun_ms'])} "
                     f"| {fmt(r['rerun_ratio'], 2)} | {fmt(r['first_kb'])} | {fmt(r['rerun_kb'])} "
                     f"| {fmt(r['rerun_ref_hash'], 0)} | {fmt(r['cpu_ms_per_run'])} | {fmt(r['cpu_ratio'], 2)} "
                     f"| {fmt(r['rss_mb'])} | {r['errors']} |")
        L.append("")
        L.append("### Payload breakdown (bytes per run, by ForwardMsg/delta element type; top 6)")
        L.append("")
        L.append("| page | first load: largest element types, bytes (×count) | warm rerun: largest element types, bytes (×count) |")
        L.append("|---|---|---|")
        for r in s["rows"]:
            f = ", ".join(f"{k.replace('delta.new_element.', '')} {int(v)} (×{int(r['first_count_by_element'].get(k, 0))})"
                          for k, v in list(r["first_bytes_by_element"].items())[:6])
            w = ", ".join(f"{k.replace('delta.new_element.', '')} {int(v)} (×{int(r['rerun_count_by_element'].get(k, 0))})"
                          for k, v in list(r["rerun_bytes_by_element"].items())[:6])
            L.append(f"| {r['page']} | {f} | {w} |")
        L.append("")
        L.append("Largest single messages (first load / warm rerun): bytes, type, delta_path, hint")
        L.append("")
        for r in s["rows"]:
            if r["app"] != "atlas":
                continue
            for kind in ("first", "rerun"):
                tops = r[f"{kind}_top_messages"][:4]
                if tops:
                    L.append(f"- {r['page']} {kind}: " + "; ".join(
                        f"{t['bytes']} {t['label'].replace('delta.new_element.', '')} "
                        f"[{t['delta_path']}] {t['hint']}".rstrip() for t in tops))
        L.append("")
    b = result.get("burst")
    if b:
        L.append("### Burst (sessions released together; medians over reps; ratios vs empty app)")
        L.append("")
        L.append("| page | N | first p50 ms | first p95 ms | max ms | ×empty p50/p95 | rerun p50/p95 ms "
                 "| KB load / rerun | CPU ms/run (×empty) | peak CPU % | RSS before→open→after MB "
                 "| MB/session | errors |")
        L.append("|---|---:|---:|---:|---:|---|---|---|---|---:|---|---:|---:|")
        for r in b["rows"]:
            L.append(f"| {r['page']} | {r['n']} | {fmt(r['first_p50_ms'], 0)} | {fmt(r['first_p95_ms'], 0)} "
                     f"| {fmt(r['first_max_ms'], 0)} | {fmt(r['p50_ratio'], 2)} / {fmt(r['p95_ratio'], 2)} "
                     f"| {fmt(r['rerun_p50_ms'], 0)} / {fmt(r['rerun_p95_ms'], 0)} "
                     f"| {fmt(r['first_kb'])} / {fmt(r['rerun_kb'])} "
                     f"| {fmt(r['cpu_ms_per_run'])} ({fmt(r['cpu_ratio'], 2)}) | {fmt(r['cpu_peak_pct'], 0)} "
                     f"| {r['rss_before_mb']}→{r['rss_open_mb']}→{r['rss_after_mb']} "
                     f"| {fmt(r['mb_per_open_session'], 2)} | {r['errors']} |")
        L.append("")
    so = result.get("soak")
    if so:
        L.append("### Soak")
        L.append("")
        L.append("| N | minutes | rerun p50 / p95 ms | CPU ms/run | RSS start → peak → end (open) → after close "
                 "→ after expiry MB | drift after expiry | errors |")
        L.append("|---:|---:|---|---:|---|---:|---:|")
        L.append(f"| {so['n']} | {so['minutes']} | {fmt(so['rerun_p50_ms'], 0)} / {fmt(so['rerun_p95_ms'], 0)} "
                 f"| {fmt(so['server_cpu_per_run_ms'])} | {so['rss_start_mb']} → {so['rss_peak_mb']} → "
                 f"{so['rss_end_open_mb']} → {so['rss_5s_after_close_mb']} → {so['rss_after_expiry_mb']} "
                 f"| {so['rss_drift_after_expiry_pct']} % | {so['errors']} |")
        L.append("")
    bud = result.get("budgets")
    if bud:
        L.append("### Budgets (reported, never asserted)")
        L.append("")
        L.append("| budget | where | value | limit | ok |")
        L.append("|---|---|---:|---:|---|")
        for x in bud:
            L.append(f"| {x['budget']} | {x['where']} | {fmt(x['value'], 2)} | {x['limit']} "
                     f"| {'yes' if x['ok'] else '**NO**'} |")
        L.append("")
    if result.get("failures"):
        L.append("### Session failures")
        L.append("")
        for f in result["failures"]:
            L.append(f"- {f}")
        L.append("")
    if result.get("server_tracebacks"):
        L.append("### Tracebacks in server logs")
        for name, tbs in result["server_tracebacks"].items():
            for tb in tbs:
                L.append(f"\n{name}:\n```\n{tb}\n```")
    return "\n".join(L)


def collect_failures(result: dict[str, Any]) -> list[str]:
    out = []
    for section in ("warmup", "single", "burst"):
        for lv in (result.get(section) or {}).get("levels", []):
            if lv["errors"]:
                out.append(f"{section}: {lv['app']} page '{lv['page']}' N={lv['n']}: "
                           f"{lv['errors']} failed runs: {lv['error_samples']}")
    so = result.get("soak")
    if so and so["errors"]:
        out.append(f"soak: {so['errors']} failed runs: {so['error_samples']}")
    return out


def git_info() -> tuple[str, bool]:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=APP_DIR, capture_output=True,
                              text=True, timeout=10).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--", "app.py", "pages", "components",
                                     "data"], cwd=APP_DIR, capture_output=True, text=True,
                                    timeout=10).stdout.strip())
        return head or "?", dirty
    except (OSError, subprocess.SubprocessError):
        return "?", False


# ----------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="AI Summit Atlas server benchmark (stload-based)")
    ap.add_argument("--scenario", choices=["single", "burst", "soak"], default="single")
    ap.add_argument("--smoke", action="store_true", help="quick CI run: single user, 1 rep, all pages")
    ap.add_argument("--pages", default=None,
                    help="comma list of url paths (home,map,timeline,explainers,data); "
                         "default all for single, map for burst, all for soak")
    ap.add_argument("--reps", type=int, default=None, help="reps (default 3; 1 with --smoke)")
    ap.add_argument("--n", type=int, default=30, help="sessions per burst (or soak)")
    ap.add_argument("--reruns", type=int, default=1, help="warm reruns per session after first load")
    ap.add_argument("--hold", type=float, default=1.0, help="burst: keep N sockets open S s (RSS sample)")
    ap.add_argument("--ramp", type=float, default=0.0, help="burst: spread starts over S s (0 = together)")
    ap.add_argument("--minutes", type=float, default=2.0, help="soak length (max 30)")
    ap.add_argument("--think", type=float, default=5.0, help="soak: seconds between reruns")
    ap.add_argument("--expire", type=float, default=130.0,
                    help="soak: seconds to wait after closing before the drift sample (session TTL is 120 s)")
    ap.add_argument("--timeout", type=float, default=120.0, help="per-run timeout, s")
    ap.add_argument("--pin", action="store_true", help="pin servers to CPU0 and this client to CPU1")
    ap.add_argument("--out", default=None, help="JSON output (default bench/results/<scenario>-<ts>.json)")
    a = ap.parse_args(argv)

    scenario = "single" if a.smoke else a.scenario
    reps = a.reps if a.reps is not None else (1 if a.smoke else 3)
    if a.pages:
        pages = ["" if p.strip() in ("home", "") else p.strip() for p in a.pages.split(",")]
    else:
        pages = ["map"] if scenario == "burst" else list(PAGES)
    minutes = min(max(a.minutes, 0.1), 30.0)
    results_dir = BENCH_DIR / "results"
    log_dir = results_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    ts = time.strftime("%Y%m%d-%H%M%S")
    out_path = Path(a.out) if a.out else results_dir / f"{'smoke' if a.smoke else scenario}-{ts}.json"

    import streamlit

    head, dirty = git_info()
    result: dict[str, Any] = {"meta": {
        "scenario": ("smoke" if a.smoke else scenario) + (f" n={a.n}" if scenario in ("burst", "soak") else ""),
        "started": time.strftime("%Y-%m-%d %H:%M:%S"), "streamlit": streamlit.__version__,
        "python": platform.python_version(), "cpus": os.cpu_count(), "pin": a.pin,
        "git_head": head, "git_dirty": dirty, "pages": [label(p) for p in pages], "reps": reps,
        "reruns": a.reruns, "server_flags": SERVER_FLAGS, "budgets": BUDGETS,
    }}

    def _sig(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, _sig)

    atlas = Server("atlas", APP_DIR / "app.py", log_dir)
    empty = Server("empty", BENCH_DIR / "empty_app.py", log_dir)
    servers = [atlas, empty] if scenario != "soak" else [atlas]
    t_start = time.perf_counter()
    rc = 0
    try:
        for s in servers:
            s.start()
        for s in servers:
            s.wait_healthy()
        if a.pin and (os.cpu_count() or 1) >= 2:
            for s in servers:
                assert s.ps is not None
                s.ps.cpu_affinity([0])
            psutil.Process().cpu_affinity([1])
        result["meta"]["boot_s"] = {s.name: round(s.boot_s or 0, 2) for s in servers}

        async def run() -> None:
            if scenario == "soak":
                for p in pages:
                    await measure(atlas, p, 1, 1, 0, a.timeout)
                result["soak"] = await scenario_soak(atlas, pages, a.n, minutes, a.think, a.timeout, a.expire)
                return
            result["warmup"] = await warm_up(atlas, empty, pages, a.timeout)
            if scenario == "single":
                result["single"] = await scenario_single(atlas, empty, pages, reps, a.reruns, a.timeout)
            else:
                result["burst"] = await scenario_burst(atlas, empty, pages, a.n, reps, a.reruns,
                                                       a.hold, a.timeout, a.ramp)

        asyncio.run(run())
    except KeyboardInterrupt as e:
        result["aborted"] = str(e) or "interrupted"
        rc = 130
    except Exception as e:  # noqa: BLE001 - record and still stop the servers
        result["aborted"] = f"{type(e).__name__}: {e}"
        print(f"bench aborted: {result['aborted']}", file=sys.stderr)
        rc = 2
    finally:
        for s in servers:
            try:
                s.stop()
            except Exception as e:  # noqa: BLE001
                print(f"failed to stop {s.name}: {e}", file=sys.stderr)
        result["server_tracebacks"] = {s.name: tb for s in servers if (tb := s.log_tracebacks())}

    result["meta"]["elapsed_s"] = round(time.perf_counter() - t_start, 1)
    result["budgets"] = budgets(result)
    result["failures"] = collect_failures(result)
    if result["failures"] and rc == 0:
        rc = 1
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(result, indent=1, default=str))
    print(markdown(result))
    print(f"\nJSON: {out_path}  ({result['meta']['elapsed_s']} s, exit {rc})")
    return rc


if __name__ == "__main__":
    sys.exit(main())
