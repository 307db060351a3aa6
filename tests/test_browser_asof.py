"""The map through time in a real browser: Play steps month by month, announces each day in a live region and
stops at today; the slider moves by keyboard; 0 axe violations while playing, at 1280 and 390 px."""

from __future__ import annotations

from datetime import date

import pytest

from components import asof
from components.i18n import translator
from tests.browser import settled
from tests.conftest import shipped_atlas
from tests.test_a11y import WIDTHS, assert_clean, open_page  # noqa: F401 - a fixture

pytest.importorskip("playwright.sync_api")

EN = translator("en")
STATUS = '[role="status"][aria-live="polite"]'


def steps_from(back: int) -> tuple[date, list[str]]:
    """A day `back` months before this one (a month's last day) and the lines Play then shows, in order."""
    today = date.today()
    within = asof.span(shipped_atlas().summits, today)
    months = within.months()
    start = within.month_end(months[-1 - back])
    lines = [asof.as_of_line(within.month_end(m), today, EN) for m in months[-back:-1]]
    return start, lines + [asof.as_of_line(None, today, EN)]


# every distinct day the live region said, in order (a watcher: axe's scan takes longer than a step of Play)
WATCH_JS = """(sel) => { window.__said = [];
  const note = () => { const t = document.querySelector(sel)?.innerText.trim();
                       if (t && window.__said[window.__said.length - 1] !== t) window.__said.push(t); };
  note(); new MutationObserver(note).observe(document.body, {subtree: true, childList: true, characterData: true}); }"""


def wait_status(page, text: str) -> None:
    page.wait_for_function("([sel, text]) => document.querySelector(sel)?.innerText.trim() === text",
                           arg=[STATUS, text], timeout=30_000)


@pytest.mark.parametrize("size", WIDTHS.values(), ids=WIDTHS)
def test_play_steps_through_the_months_and_stops_at_today(open_page, size):
    start, lines = steps_from(3)
    page = open_page(f"/map?document=bletchley-declaration&date={start}", size)
    assert page.locator(STATUS).inner_text().strip() == asof.as_of_line(start, date.today(), EN)
    page.evaluate(WATCH_JS, STATUS)
    play = page.get_by_role("button", name="Play the months")
    play.focus()
    page.keyboard.press("Enter")  # keyboard-operable
    page.get_by_role("button", name="Pause").wait_for(timeout=30_000)
    wait_status(page, lines[0])
    assert_clean(page)  # axe while playing
    wait_status(page, lines[-1])
    assert page.evaluate("() => window.__said") == [asof.as_of_line(start, date.today(), EN), *lines]  # month by month
    # at today Play stops: the button says Play again, the URL has no date, and nothing runs any more (the page
    # stays still for longer than a step)
    page.get_by_role("button", name="Play the months").wait_for(timeout=30_000)
    page.wait_for_function("() => !new URLSearchParams(location.search).has('date')", timeout=30_000)
    settled(page, quiet_ms=3_000)
    assert page.locator(STATUS).inner_text().strip() == lines[-1]
    assert page.get_by_role("button", name="Pause").count() == 0


def test_pause_stops_and_the_slider_moves_by_keyboard(open_page):
    start, lines = steps_from(4)
    page = open_page(f"/map?date={start}", WIDTHS["desktop"])
    page.get_by_role("button", name="Play the months").click()
    wait_status(page, lines[0])
    page.get_by_role("button", name="Pause").click()
    page.get_by_role("button", name="Play the months").wait_for(timeout=30_000)
    settled(page)
    said = page.locator(STATUS).inner_text().strip()
    assert said in lines[:-1]  # paused before today
    settled(page, quiet_ms=3_000)  # paused: no further step for longer than a step
    assert page.locator(STATUS).inner_text().strip() == said
    shown = date.fromisoformat(page.evaluate("() => new URLSearchParams(location.search).get('date')"))
    within = asof.span(shipped_atlas().summits, date.today())
    months = within.months()
    before = within.month_end(months[months.index(asof.month_of(shown)) - 1])
    page.get_by_role("slider", name="Month shown").focus()
    page.keyboard.press("ArrowLeft")  # one month back, by keyboard
    wait_status(page, asof.as_of_line(before, date.today(), EN))
    assert page.evaluate("() => new URLSearchParams(location.search).get('date')") == before.isoformat()
    settled(page)
    assert_clean(page)
