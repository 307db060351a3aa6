#!/usr/bin/env python
"""Server CPU per run of two or more checkouts of the Atlas, and of the empty app, interleaved in one invocation.

bench.py measures one checkout against the empty app; on a shared 2-core machine its CPU per run moves by 10-20 %
between invocations, more than a small change buys. This starts every checkout given (each its own
`streamlit run app.py`, with bench.py's flags, from that checkout's folder) and bench/empty_app.py, then runs
rounds: in each round every server gets the same burst of N sessions on one page (first load plus `--reruns`),
in an order that alternates from round to round. Per round and server: psutil CPU ÷ script runs. It prints the
median per server, its ratio to the empty app, and for each pair of neighbouring checkouts the median of the
per-round differences (rounds are paired, so the machine's load moves both sides together).

    git worktree add --detach /tmp/atlas-before HEAD~1   # for example: the tree before a change
    .venv/bin/python bench/ab.py /tmp/atlas-before . --rounds 10
    .venv/bin/python bench/ab.py /tmp/atlas-before . --reruns 0 --rounds 10   # CPU per first run only

A checkout without its own .venv uses the Python running this script. Exit status 1 if any session failed.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
import bench  # noqa: E402
import stload  # noqa: E402


class CheckoutServer(bench.Server):
    """bench.Server started from another checkout's folder, with that checkout's .venv when it has one."""

    def __init__(self, name: str, root: Path, script: Path, log_dir: Path) -> None:
        super().__init__(name, script, log_dir)
        self.root = root

    def start(self) -> None:
        venv = self.root / ".venv" / "bin" / "python"
        cmd = [str(venv) if venv.exists() else sys.executable, "-m", "streamlit", "run", str(self.script),
               "--server.port", str(self.port), *bench.SERVER_FLAGS]
        self._log = open(self.log_path, "wb")  # noqa: SIM115
        self._t0 = time.perf_counter()
        self.proc = subprocess.Popen(cmd, cwd=self.root, stdout=self._log, stderr=subprocess.STDOUT,  # noqa: S603
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        self.ps = bench.psutil.Process(self.proc.pid)


async def rounds(servers: list[tuple[CheckoutServer, str]], a: argparse.Namespace) -> tuple[dict, int]:
    failures = 0
    for server, page in servers:  # warm-up: imports, caches, the first build of the page
        await stload.run_sessions(server.url, 3, page, a.query_string, 2, timeout_s=a.timeout)
    cpu: dict[str, list[float]] = {s.name: [] for s, _ in servers}
    for r in range(a.rounds):
        for server, page in (servers if r % 2 == 0 else servers[::-1]):
            before = server.cpu_s()
            sessions, _ = await stload.run_sessions(server.url, a.n, page, a.query_string, a.reruns,
                                                    timeout_s=a.timeout)
            await asyncio.sleep(0.1)
            runs = sum(len(s.runs) for s in sessions) or 1
            failures += sum(1 for s in sessions if s.failed)
            cpu[server.name].append(1000 * (server.cpu_s() - before) / runs)
    return cpu, failures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("checkouts", nargs="+", type=Path, help="folders holding app.py (two or more to compare)")
    ap.add_argument("--page", default="map", help="url path of the Atlas page (default map)")
    ap.add_argument("--query-string", default="")
    ap.add_argument("--n", type=int, default=30, help="sessions per burst (default 30)")
    ap.add_argument("--reruns", type=int, default=1, help="warm reruns per session (default 1, as bench.py)")
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--timeout", type=float, default=120.0)
    a = ap.parse_args()
    log_dir = Path(tempfile.mkdtemp(prefix="atlas-ab-"))
    names = [f"{i}:{c.resolve().name}" for i, c in enumerate(a.checkouts)]
    servers = [(CheckoutServer(n, c.resolve(), c.resolve() / "app.py", log_dir), a.page)
               for n, c in zip(names, a.checkouts)]
    servers.append((CheckoutServer("empty", BENCH_DIR.parent, BENCH_DIR / "empty_app.py", log_dir), ""))
    try:
        for server, _ in servers:
            server.start()
        for server, _ in servers:
            server.wait_healthy()
        cpu, failures = asyncio.run(rounds(servers, a))
    finally:
        for server, _ in servers:
            server.stop()
    empty = statistics.median(cpu["empty"])
    print(f"server CPU ms per run: burst of {a.n} on /{a.page}, {a.reruns} rerun(s) each, {a.rounds} rounds "
          f"(logs: {log_dir})")
    for name in names + ["empty"]:
        med = statistics.median(cpu[name])
        print(f"  {name:24s} median {med:6.2f}  ×empty {med / empty:5.2f}  rounds {[round(x, 1) for x in cpu[name]]}")
    for one, two in zip(names, names[1:]):
        diff = [b - a_ for a_, b in zip(cpu[one], cpu[two])]
        print(f"  {two} - {one}: median paired difference {statistics.median(diff):+.2f} ms/run")
    if failures:
        print(f"{failures} failed sessions")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
