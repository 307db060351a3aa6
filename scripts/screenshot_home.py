"""Refresh docs/home.png (the README's picture) from the current app and data, with headless Chromium.

    .venv/bin/python scripts/screenshot_home.py [--out docs/home.png] [--width 1280]

Starts the app on a free loopback port, waits until the home page has finished drawing, makes the window as
tall as the page (Streamlit scrolls inside its own container, so a "full page" shot would stop at the
window) and saves it, so the key figures in the picture are the ones the app computes today.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM, FLAGS, settled, streamlit_server  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "home.png"))
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with streamlit_server() as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": args.width, "height": 900})
        page.goto(base + "/")
        settled(page)
        bottom = page.get_by_test_id("stMainBlockContainer").bounding_box()
        height = int(bottom["y"] + bottom["height"])
        page.set_viewport_size({"width": args.width, "height": height})
        settled(page)
        figures = page.locator('[data-testid="stMetric"]').all_inner_texts()
        page.screenshot(path=args.out)
        browser.close()
    print(f"{args.out}: {args.width}x{height}; key figures: " + "; ".join(" ".join(f.split()) for f in figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
