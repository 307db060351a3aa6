"""Payload budgets in every language: every page's first load (<=150 KB) and warm rerun (<=10 KB), a click that
opens a country profile on /map and a step change on /story (<=10 KB each), in every language of
components/i18n.py LANGUAGES.

    .venv/bin/python bench/budgets.py            # table; exit 1 if a budget is missed or a run failed
    .venv/bin/python bench/budgets.py --top 6    # also the largest messages of each rerun that misses

A warm rerun is the same page run again on the same socket with the browser's cached message hashes (what any
widget interaction costs when nothing on the page changes); a click on the map or a press of Next is sent as the
browser sends it (the widget's new state and its fragment's id: only the fragment reruns). The same states reached
by a link (a whole-page rerun with a new query string) are reported as informative. Payload is the uncompressed
protobuf (1 KB = 1000 B); bytes are deterministic for a given data version.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]

from stload import Widget, run_session  # noqa: E402
from components.i18n import LANGUAGES  # noqa: E402
from tests.browser import streamlit_server  # noqa: E402

FIRST_LOAD_KB, RERUN_KB = 150.0, 10.0


def selection(party_id: str) -> str:
    """The map chart's selection as the browser sends it after a click on a country's shape."""
    import json

    return json.dumps({"selection": {"indices": {"countries": [0]},
                                     "objects": {"countries": [{"properties": {"iso3": party_id}}]}}})

# (label, page, first query, reruns): each walk is one session; the first run is a first load. A rerun is a query
# string (the page reached by a link: a whole-page rerun) or a Widget (what a visitor does: a click, a press).
# Walks by link (a rerun with another query string) are reported but not held to the 10 KB rerun budget: a link
# is a navigation.
WALKS = [
    ("home", "", "", [""]),
    ("map", "map", "", [""]),
    ("map, a profile open", "map", "country=FRA", ["country=FRA"]),
    ("map, a summit", "map", "summit=bletchley-2023", ["summit=bletchley-2023"]),
    ("map, click opens CHN", "map", "", ["country=CHN"]),
    ("map, click FRA then DEU", "map", "country=FRA", ["country=DEU"]),
    ("map, compare USA with GBR", "map", "country=USA", ["country=USA&compare=GBR"]),
    ("timeline", "timeline", "", [""]),
    ("explainers", "explainers", "", [""]),
    ("explainers, a risk", "explainers", "risk=fake-content", ["risk=fake-content"]),
    ("data", "data", "", [""]),
    ("story, step 1", "story", "step=1", ["step=1"]),
    ("story, step 1 to 11 by URL", "story", "step=1", [f"step={n}" for n in range(2, 12)]),
    # what a visitor does: a click on the map, the Next button (in the browser, these rerun the page's fragment)
    ("map, a click on CHN", "map", "", [Widget("world-map-none", json=selection("CHN"))]),
    ("map, clicks on FRA then DEU", "map", "", [Widget("world-map-none", json=selection("FRA")),
                                                Widget("world-map-FRA", json=selection("DEU"))]),
    ("story, Next from step 1 to 11", "story", "step=1", [Widget("story-next")] * 10),
]


def by_link(first: str, reruns: list) -> bool:
    """A walk that moves to other states by link: informative, not budgeted (see WALKS)."""
    return any(isinstance(q, str) and q != first for q in reruns)


def with_lang(query: str, lang: str) -> str:
    if lang == "en":
        return query
    return f"{query}&lang={lang}" if query else f"lang={lang}"


async def measure(base: str, lang: str) -> list[tuple[str, float, float, list]]:
    rows = []
    for label, page, first, reruns in WALKS:
        res = await run_session(base, page, with_lang(first, lang), reruns=len(reruns),
                                rerun_queries=[q if isinstance(q, Widget) else with_lang(q, lang) for q in reruns])
        if res.error or not all(r.ok for r in res.runs):
            raise SystemExit(f"{label} ({lang}): {res.error or [(r.status, r.error) for r in res.runs]}")
        worst = max(res.runs[1:], key=lambda r: r.payload_bytes)
        rows.append((label, res.runs[0].payload_bytes / 1000, worst.payload_bytes / 1000, worst.top_messages))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=0, help="largest messages shown for each rerun over budget")
    ap.add_argument("--langs", default=",".join(LANGUAGES), help="languages to measure (default: every one)")
    a = ap.parse_args()
    langs = a.langs.split(",")
    results = {}
    with streamlit_server() as base:
        for page in ("", "map", "timeline", "explainers", "data", "story"):  # fill the caches after boot
            asyncio.run(run_session(base, page, "", reruns=0))
        for lang in langs:
            results[lang] = asyncio.run(measure(base, lang))
    print("| walk | " + " | ".join(f"{x} first load KB | {x} rerun KB (worst)" for x in langs) + " |")
    print("|---|" + "---:|---:|" * len(langs))
    missed = []
    for i, (label, _page, first_query, reruns) in enumerate(WALKS):
        informative = by_link(first_query, reruns)
        cells = []
        for lang in langs:
            _, first, rerun, top = results[lang][i]
            cells += [f"{first:.1f}", f"{rerun:.1f}"]
            if first > FIRST_LOAD_KB or (rerun > RERUN_KB and not informative):
                missed.append((f"{label} ({lang})", first, rerun, top))
        print(f"| {label}{' (by link, informative)' if informative else ''} | " + " | ".join(cells) + " |")
    for label, first, rerun, top in missed:
        print(f"\nover budget: {label}: first load {first:.1f} KB, rerun {rerun:.1f} KB")
        for m in top[: a.top]:
            print(f"  {m['bytes']:6d} B  {m['label']}  path {m['delta_path']}  {m['hint']}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
