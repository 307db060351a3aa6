"""Payload of the guided story: the first load of each step, and a step change (the next step's run on the same
socket, with the browser's cached message hashes). Budgets: <=150 KB per first load, <=10 KB per step change.

    .venv/bin/python bench/story_steps.py            # starts the app on a free port, stops it afterwards
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]

from stload import run_session  # noqa: E402
from tests.browser import streamlit_server  # noqa: E402
from components.data import read_atlas  # noqa: E402


def main() -> int:
    steps = len(read_atlas().story)
    with streamlit_server() as base:
        asyncio.run(run_session(base, "story", "step=1", reruns=0))  # warm the caches (first visit after boot)
        first = [asyncio.run(run_session(base, "story", f"step={n}", reruns=1)) for n in range(1, steps + 1)]
        walk = asyncio.run(run_session(base, "story", "step=1", reruns=steps - 1,
                                       rerun_queries=[f"step={n}" for n in range(2, steps + 1)]))
    print("| step | first load KB | warm rerun KB | step change to it KB |")
    print("|---|---|---|---|")
    worst = [0.0, 0.0, 0.0]
    for n, res in enumerate(first, start=1):
        load, rerun = res.runs[0].payload_bytes / 1000, res.runs[1].payload_bytes / 1000
        change = walk.runs[n - 1].payload_bytes / 1000 if n > 1 else float("nan")
        worst = [max(worst[0], load), max(worst[1], rerun), max(worst[2], change if n > 1 else 0)]
        print(f"| {n} | {load:.1f} | {rerun:.1f} | {'' if n == 1 else f'{change:.1f}'} |")
    print(f"| max | {worst[0]:.1f} | {worst[1]:.1f} | {worst[2]:.1f} |")
    errors = [r.error for r in first + [walk] if r.error] + [x.status for r in first + [walk] for x in r.runs if not x.ok]
    print("errors:", errors or "none")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
