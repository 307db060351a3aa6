"""How long the light edition takes to build: every page of every language, as deploy/up.sh builds it.

    .venv/bin/python bench/light_build.py              # 3 builds, each into a fresh temporary folder
    .venv/bin/python bench/light_build.py --reps 1

Goal: under 300 s on a 2-core machine (1,294 pages in three languages took 93-125 s here while other work ran).
It was a bound inside tests/test_light.py; a speed goal belongs here, where a slow machine cannot fail a test run.
Prints one Markdown row per build and exits 1 if a build misses the goal.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from components.export_light import build  # noqa: E402

GOAL_SECONDS = 300


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=3, help="builds to time")
    a = ap.parse_args()
    print("| build | pages | seconds | CPU seconds |\n|---:|---:|---:|---:|")
    missed = False
    for rep in range(1, a.reps + 1):
        with tempfile.TemporaryDirectory() as out:
            wall, cpu = time.perf_counter(), time.process_time()
            written = build(Path(out) / "light")
            seconds, cpu_seconds = time.perf_counter() - wall, time.process_time() - cpu
        missed |= seconds >= GOAL_SECONDS
        print(f"| {rep} | {len(written.pages):,} | {seconds:.1f} | {cpu_seconds:.1f} |")
    print(f"\ngoal: under {GOAL_SECONDS} s a build: {'missed' if missed else 'met'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
