"""The map in a real browser: a click opens a profile and a second click or "Clear" closes it; the chosen
party is outlined; a phone's first view shows the whole inhabited world."""

from __future__ import annotations

import math
import re

import pytest

from tests.browser import READY
from tests.test_browser import COLOURED_PIXELS, Visit

PlaywrightTimeout = pytest.importorskip("playwright.sync_api").TimeoutError

DECK = '[data-testid="stDeckGlJsonChart"]'
PHONE_UA = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0 Mobile Safari/537.36")


def mercator(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """deck.gl's web-mercator pixel position of a place at a zoom (the world is 512 * 2**zoom px wide)."""
    size = 512 * 2 ** zoom
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * size
    return (lon + 180) / 360 * size, y


def screen_point(page, lon: float, lat: float) -> tuple[float, float]:
    """Where a place is on screen, from the deck's own initial view state and the canvas's box."""
    view = deck_view(page)
    box = page.locator(f"{DECK} canvas").first.bounding_box()
    cx, cy = mercator(view["longitude"], view["latitude"], view["zoom"])
    x, y = mercator(lon, lat, view["zoom"])
    return box["x"] + box["width"] / 2 + (x - cx), box["y"] + box["height"] / 2 + (y - cy)


def deck_view(page) -> dict:
    """The initial view the server chooses for this browser (a phone's user agent says "Mobi")."""
    from components import maps

    phone = page.evaluate("() => /Mobi/.test(navigator.userAgent)")
    return {"longitude": 10, "latitude": 20, "zoom": maps.PHONE_ZOOM if phone else maps.WIDE_ZOOM}


def click_place(page, lon: float, lat: float, name: str) -> None:
    """Point at a place, wait for its tooltip, then click it, as a visitor does.

    The hover matters: deck.gl picks on pointer-down and drops a press longer than 250 ms as "not a tap"; a new
    deck's first pick took 207 ms in software-rendered Chromium (later ones ~20 ms), so a click with no hover
    before it was lost now and then under load.
    """
    x, y = screen_point(page, lon, lat)
    page.mouse.move(x - 3, y - 3)  # a real move even when the pointer already rests there (a redrawn deck)
    page.mouse.move(x, y)
    page.wait_for_function("(name) => (document.querySelector('.deck-tooltip')?.innerText || '').startsWith(name)",
                           arg=name, timeout=30_000)
    page.mouse.click(x, y)


def click_place_until(page, lon: float, lat: float, name: str, done: str, tries: int = 3) -> None:
    """click_place, then wait for `done` (JS); a click that changed nothing in 10 s is made again, up to `tries`.

    Even after the hover, a pick on pointer-down took over deck.gl's 250 ms tap limit now and then with three test
    workers on two cores, and the tap was dropped (the full run at f0141dc lost the second click on Brazil: no URL
    change in 30 s; the tooltip was the new chart's own). A person clicks again; so does this, and it still fails
    when no click of `tries` has its effect."""
    for attempt in range(1, tries + 1):
        click_place(page, lon, lat, name)
        try:
            page.wait_for_function(done, timeout=10_000)
            return
        except PlaywrightTimeout:
            if attempt == tries:
                raise


def drawn(v, chosen: str | None = None) -> None:
    """The map of this choice (default: the URL's `country`, or none) is drawn: its chart, keyed by the chosen
    party (pages/map.py), has replaced the previous one, and its canvas is coloured. A click aimed at the previous
    chart while it is being replaced is lost (this test failed so under load: the old canvas passed the check)."""
    if chosen is None:
        from urllib.parse import parse_qs, urlsplit

        chosen = parse_qs(urlsplit(v.page.url).query).get("country", ["none"])[-1]
    v.settle(f".st-key-world-map-{chosen} {DECK} canvas")
    v.page.wait_for_function(f"() => ({COLOURED_PIXELS})() > 20000", timeout=30_000)


def test_click_a_country_opens_its_profile_and_clicking_again_or_clear_closes_it(server, browser):
    with Visit(browser, server, "/map") as v:
        drawn(v)
        click_place_until(v.page, -52, -10, "Brazil", "() => location.search.includes('country=BRA')")
        v.page.get_by_role("heading", name="Country profile: Brazil").wait_for(timeout=30_000)
        v.settle()
        assert "country=BRA" in v.page.url
        assert "Bletchley 2023" in v.text()
        # the second click on the same country closes the profile
        drawn(v, "BRA")
        click_place_until(v.page, -52, -10, "Brazil", "() => !location.search.includes('country=')")
        v.settle()
        assert v.page.get_by_role("heading", name="Country profile: Brazil").count() == 0
        # open Australia, then close it with the Clear control
        drawn(v, "none")
        click_place_until(v.page, 134, -25, "Australia", "() => location.search.includes('country=AUS')")
        v.page.get_by_role("heading", name="Country profile: Australia").wait_for(timeout=30_000)
        v.settle()
        assert "country=AUS" in v.page.url
        v.page.get_by_role("button", name="Clear", exact=True).click()
        v.page.wait_for_function("() => !location.search.includes('country=')", timeout=30_000)
        # the URL changes before the fragment's rerun removes the profile: wait for that, then check it is gone
        v.page.get_by_role("heading", name=re.compile("Country profile")).first.wait_for(state="detached",
                                                                                       timeout=30_000)
        v.settle()
        assert v.page.get_by_role("heading", name=re.compile("Country profile")).count() == 0
        assert v.errors == [] and v.outside == []


def _dark_pixels_near(page, x: float, y: float, r: int = 40) -> int:
    """Near-black pixels of the map canvas in a square around a screen point (the chosen outline is black)."""
    return page.evaluate("""([x, y, r]) => {
        const c = document.querySelector('[data-testid="stDeckGlJsonChart"] canvas');
        const box = c.getBoundingClientRect(); const k = c.width / box.width;
        const off = document.createElement('canvas'); off.width = c.width; off.height = c.height;
        const ctx = off.getContext('2d'); ctx.drawImage(c, 0, 0);
        const d = ctx.getImageData((x - box.left - r) * k, (y - box.top - r) * k, 2 * r * k, 2 * r * k).data;
        let n = 0; for (let i = 0; i < d.length; i += 4) { if (d[i+3] > 0 && d[i] < 60 && d[i+1] < 60 && d[i+2] < 60) n++; }
        return n; }""", [x, y, r])


def test_chosen_country_is_outlined_on_the_canvas(server, browser):
    with Visit(browser, server, "/map") as v:
        drawn(v)
        x, y = screen_point(v.page, 134, -25)  # Australia's middle: its coast is within ~130 px at this zoom
        before = _dark_pixels_near(v.page, x, y, 90)
    with Visit(browser, server, "/map?country=AUS") as v:
        drawn(v)
        x, y = screen_point(v.page, 134, -25)
        after = 0
        for _ in range(50):  # the outline arrives by URL after the script: wait for it, up to 10 s
            after = _dark_pixels_near(v.page, x, y, 90)
            if after > before + 200:
                break
            v.page.wait_for_timeout(200)
        assert after > before + 200, (before, after)


def test_phone_first_view_shows_americas_africa_asia_and_australia(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, user_agent=PHONE_UA, is_mobile=True,
                                  has_touch=True)
    try:
        page = context.new_page()
        page.goto(server + "/map", timeout=90_000)
        page.wait_for_selector(f"{DECK} canvas", timeout=60_000)
        page.wait_for_function(f"() => ({COLOURED_PIXELS})() > 5000", timeout=30_000)
        box = page.locator(f"{DECK} canvas").first.bounding_box()
        view = deck_view(page)
        assert view["zoom"] < 0
        cx, cy = mercator(view["longitude"], view["latitude"], view["zoom"])
        page.locator(f"{DECK} canvas").first.scroll_into_view_if_needed()
        box = page.locator(f"{DECK} canvas").first.bounding_box()
        from io import BytesIO

        from PIL import Image

        shot = Image.open(BytesIO(page.locator(f"{DECK} canvas").first.screenshot())).convert("RGB")
        scale = shot.width / box["width"]
        for place, (lon, lat) in {"Americas (Brazil)": (-52, -10), "Americas (USA west)": (-120, 40),
                                  "Africa": (20, 0), "Asia": (100, 35), "Australia": (134, -25),
                                  "Australia (east)": (150, -30)}.items():
            x, y = mercator(lon, lat, view["zoom"])
            sx, sy = box["width"] / 2 + x - cx, box["height"] / 2 + y - cy
            assert 0 <= sx <= box["width"] and 0 <= sy <= box["height"], (place, sx, sy, box)
            colour = shot.getpixel((round(sx * scale), round(sy * scale)))
            assert min(colour[:3]) < 240, (place, colour)  # a drawn country, not the white background
    finally:
        context.close()


def test_keyboard_pickers_open_a_profile_and_a_comparison(server, browser):
    """Without the map: the "Country profile" picker opens a profile by keyboard and shows its placeholder again
    (the open profile is named in its heading); "Compare with another party" opens the compare picker, which
    closes once a party is chosen and both strips are drawn."""
    with Visit(browser, server, "/map") as v:
        main = v.page.locator('[data-testid="stMain"]')
        picker = main.get_by_role("combobox", name="Country profile")
        picker.click()
        v.page.keyboard.type("Brazil")
        v.page.keyboard.press("Enter")
        v.page.get_by_role("heading", name="Country profile: Brazil").wait_for(timeout=30_000)
        v.settle()
        assert "country=BRA" in v.page.url
        # the placeholder again (a picker that kept its choice would hold "Brazil" here)
        v.page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stMain"] input[role=combobox]')]
            .some(e => e.getAttribute('aria-label') === 'Country profile' && e.value === ''
                  && e.placeholder === 'Choose a country or organisation')""", timeout=30_000)
        main.get_by_role("button", name="Compare with another party").click()
        compare = main.get_by_role("combobox", name="Compare with")
        compare.wait_for(timeout=30_000)
        compare.click()
        v.page.keyboard.type("Japan")
        v.page.keyboard.press("Enter")
        v.page.wait_for_function("() => location.search.includes('compare=JPN')", timeout=30_000)
        v.settle()
        # both strips are drawn and visible, as a table of marks named in words
        strip = main.get_by_role("table", name="Brazil compared with Japan: status at each summit's documents")
        strip.wait_for(timeout=30_000)
        box = strip.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 40, box
        assert strip.get_by_role("rowheader").all_inner_texts() == ["Brazil", "Japan"]
        marks = strip.get_by_role("img", name="Paris Statement: Signed")
        assert marks.count() == 2 and marks.first.bounding_box()["width"] >= 10
        assert main.get_by_role("combobox", name="Compare with").count() == 0  # closed once used
        main.get_by_role("button", name="Remove the comparison").click()
        v.page.wait_for_function("() => !location.search.includes('compare=')", timeout=30_000)
        v.settle()
        assert main.get_by_role("heading", name="Country profile: Brazil").count() == 1
        assert v.errors == [] and v.outside == []


def test_a_profile_line_opens_its_documents_page_in_the_profile_language(server, browser):
    """The title of a profile's document line is a link (issue 20): it opens the document's own page in a new tab,
    in the profile's language (the new tab is a new session: the link carries `lang`)."""
    with Visit(browser, server, "/map?country=FRA&lang=fr") as v:
        link = v.page.locator('[data-testid="stMarkdownContainer"] li a', has_text="Déclaration de Bletchley").first
        link.wait_for(timeout=60_000)
        assert link.get_attribute("href") == "/documents?doc=bletchley-declaration&lang=fr"
        with v.context.expect_page(timeout=60_000) as opened:
            link.click()
        page = opened.value
        page.wait_for_selector(READY, timeout=60_000)
        page.get_by_role("heading", name="Déclaration de Bletchley", exact=True).wait_for(timeout=60_000)
        assert "/documents?doc=bletchley-declaration&lang=fr" in page.url
        assert "Ses passages, par thème" in page.locator('[data-testid="stMain"]').inner_text()
