"""Payload of the click that opens a country profile on /map (issue 11), and of a step change on /story
(issue 13), with where the bytes go. A click is a rerun on the same socket with the new query string and the
browser's cached message hashes, as bench/story_steps.py does for a step change.

    .venv/bin/python bench/map_click.py               # payload (uncompressed protobuf, 1 KB = 1000 B)
    .venv/bin/python bench/map_click.py --reps 3      # repetitions (bytes are deterministic; checks that)
    .venv/bin/python bench/map_click.py --compression # also wire bytes with permessage-deflate offered,
                                                      # against a server with server.enableWebsocketCompression

Wire bytes are what the socket received (frames, after compression); payload is the protobuf before it.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]

from stload import run_session  # noqa: E402
from tests.browser import streamlit_server  # noqa: E402

WALKS = {  # name: page, first query, the clicks after it
    "map: open FRA": ("map", "", ["country=FRA"]),
    "map: open USA, compare GBR": ("map", "", ["country=USA", "country=USA&compare=GBR"]),
    "map: FRA then DEU": ("map", "country=FRA", ["country=DEU"]),
    "story: step 1 -> 2 -> 3": ("story", "step=1", ["step=2", "step=3"]),
}


async def walk(base: str, page: str, first: str, clicks: list[str], compression: bool):
    res = await run_session(base, page, first, reruns=len(clicks), rerun_queries=clicks, compression=compression)
    if res.error or not all(r.ok for r in res.runs):
        raise SystemExit(f"{page} {first} {clicks}: {res.error or [r.status for r in res.runs]}")
    return res


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=1)
    ap.add_argument("--compression", action="store_true")
    ap.add_argument("--top", type=int, default=6, help="largest messages shown per click")
    a = ap.parse_args()
    env = {"STREAMLIT_SERVER_ENABLE_WEBSOCKET_COMPRESSION": "true"} if a.compression else {}
    with streamlit_server(env=env) as base:
        for page in ("map", "story"):
            asyncio.run(run_session(base, page, "", reruns=0))  # warm the caches (first visit after boot)
        for name, (page, first, clicks) in WALKS.items():
            sizes = []
            for _ in range(a.reps):
                res = asyncio.run(walk(base, page, first, clicks, False))
                sizes.append([r.payload_bytes for r in res.runs])
            print(f"## {name}: payload KB per run (first load, then each click), {a.reps} rep(s): "
                  + "; ".join(" / ".join(f"{b / 1000:.1f}" for b in s) for s in sizes))
            for i, r in enumerate(res.runs[1:], start=1):
                print(f"  click {i} ({clicks[i - 1]}): {r.payload_bytes / 1000:.1f} KB in {r.n_msgs} messages "
                      f"({r.n_ref_hash} as cached hashes)")
                for m in r.top_messages[: a.top]:
                    print(f"    {m['bytes']:>6} B  {m['label']:<40} {m['hint'][:90]}")
            if a.compression:
                # wire bytes are counted per session: a session with the clicks minus one without them
                alone = asyncio.run(walk(base, page, first, [], True)).wire_bytes_in
                full = asyncio.run(walk(base, page, first, clicks, True)).wire_bytes_in
                print(f"  wire bytes with permessage-deflate: first load {alone / 1000:.1f} KB, "
                      f"the clicks together {(full - alone) / 1000:.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
