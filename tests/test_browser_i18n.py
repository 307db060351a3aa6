"""Real browser, in French: no English interface words on the French pages, French dates, the page's
<html lang>, and the language kept when the sidebar navigation changes page and on reload."""

from __future__ import annotations

import re

import pytest

from tests.browser import state_key
from tests.conftest import plain
from tests.test_browser import Visit
from tests.test_i18n import ENGLISH_UI, MAP_UI, PICTURE_UI, svg_text

pytest.importorskip("playwright.sync_api")
from tests.test_a11y import STATES as A11Y_STATES, WIDTHS  # noqa: E402

# the pages whose interface is translated so far (the map is still in English)
FRENCH_PAGES = ["/?lang=fr", "/explainers?lang=fr", "/explainers?lang=fr&risk=bias", "/data?lang=fr",
                "/timeline?lang=fr", "/timeline?lang=fr&from=2020-01-01&kind=summit,speech", "/story?lang=fr",
                "/story?lang=fr&step=7", "/story?lang=fr&step=3&mode=present", "/map?lang=fr",
                "/map?lang=fr&country=FRA", "/map?lang=fr&document=bletchley-declaration",
                "/map?lang=fr&summit=bletchley-2023"]


# codes of the data shown to readers in words (a source's verification level): in the places the pages show them
# (a profile's "(source, primaire)", the timeline's "vérification : primaire", the story's "(host), primaire"), as
# English notes in the data may use the words themselves
ENUM_UI = ["primary", "secondary"]
ENUM_SHOWN = re.compile(r"(?:source, |vérification : |\), )\**(primary|secondary)\b")


def english_words(text: str, words: list[str] = ENGLISH_UI) -> list[str]:
    return [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]


def french_page_has_no_english_interface_text(page) -> None:
    page.wait_for_selector('[data-testid="stSidebarNavLink"]:has-text("Accueil")')
    page.wait_for_function("() => document.documentElement.lang === 'fr'")
    visible = plain(page.locator("body").inner_text())
    assert english_words(visible) == [], english_words(visible)
    assert ENUM_SHOWN.findall(visible) == []


# The French and Spanish pages that tests/test_a11y.py loads anyway (at both widths; the same parameters, in any
# order) are checked on its load at 1280 px (checked_in_its_language): a second load here cost a fresh window's
# 7 MB of JavaScript each. The rest get a load of their own below.
_A11Y_KEYS = {state_key(p) for p in A11Y_STATES}


def not_loaded_by_a11y(paths: list[str]) -> list[str]:
    return [p for p in paths if state_key(p) not in _A11Y_KEYS]


@pytest.mark.parametrize("path", not_loaded_by_a11y(FRENCH_PAGES))
def test_french_page_has_no_english_interface_text(server, browser, path):  # noqa: F811
    with Visit(browser, server, path) as v:
        v.settle('[data-testid="stSidebarNavLink"]:has-text("Accueil")')
        french_page_has_no_english_interface_text(v.page)
        assert v.outside == [] and v.errors == []


@pytest.mark.parametrize(("path", "lon", "lat", "name", "said"), [
    ("/map?lang=fr&summit=bletchley-2023", -52, -10, "Brésil", "A signé"),
    ("/map?lang=fr&country=FRA", 134, -25, "Australie", "A signé"),
    ("/map?lang=fr&document=paris-statement", -100, 40, "États-Unis", "A participé sans signer"),
])
def test_french_map_tooltips_are_french(server, browser, path, lon, lat, name, said):  # noqa: F811
    """Hover a country on a French map (a summit view, a profile, a document view): its tooltip is French."""
    from tests.browser import axe_violations
    from tests.test_browser_map import drawn, screen_point

    with Visit(browser, server, path) as v:
        drawn(v)
        x, y = screen_point(v.page, lon, lat)
        v.page.mouse.move(x - 3, y - 3)
        v.page.mouse.move(x, y)
        v.page.wait_for_function("(name) => (document.querySelector('.deck-tooltip')?.innerText || '')"
                                 ".startsWith(name)", arg=name, timeout=30_000)
        tip = plain(v.page.locator(".deck-tooltip").inner_text())
        assert said in tip and english_words(tip, ENGLISH_UI + MAP_UI + PICTURE_UI + ENUM_UI) == [], tip
        if "country=" not in path:  # a summit's or a document's view: the status has its date and source
            assert "Source : " in tip and re.search(r"\d{1,2}(er)? [a-zéû]+ \d{4}", tip), tip
        assert axe_violations(v.page) == []  # the page with its tooltip shown
        assert v.outside == [] and v.errors == []


@pytest.mark.parametrize(("path", "button", "file_name", "french"), [
    ("/map?lang=fr&summit=bletchley-2023", "Télécharger la carte en SVG", "atlas-map-bletchley-2023.svg",
     "Sommet sur la sécurité de l'IA (Bletchley, 2023) : qui a participé et qui a signé"),
    ("/timeline?lang=fr&from=2020-01-01&kind=summit,speech", "Télécharger la chronologie en SVG", "atlas-timeline.svg",
     "Légende : Sommets : carrés"),
])
def test_french_downloaded_picture_is_french(server, browser, path, button, file_name, french):  # noqa: F811
    """The SVG a French page downloads: title, legend, notes, source line, licence and data date in French; its
    file name stays ASCII."""
    with Visit(browser, server, path) as v:
        v.settle()
        v.page.get_by_text("Télécharger l'image ou intégrer cette vue").click()  # the panel is drawn once opened
        v.settle(f'button:has-text("{button}")')
        with v.page.expect_download(timeout=60_000) as download:
            v.page.get_by_role("button", name=button).click()
        assert download.value.suggested_filename == file_name
        text = plain(svg_text(open(download.value.path(), "rb").read()))
        for words in (french, "Licence : CC BY 4.0", "Données au ", "Source : Atlas des sommets sur l'IA"):
            assert words in text, (words, text)
        assert english_words(text, ENGLISH_UI + MAP_UI + PICTURE_UI) == [], text
        assert v.errors == [] and v.outside == []


def test_english_words_check_can_fail(server, browser):  # noqa: F811
    with Visit(browser, server, "/") as v:
        v.settle('[data-testid="stSidebarNavLink"]:has-text("Home")')
        assert "Home" in english_words(v.page.locator("body").inner_text())
    assert ENUM_SHOWN.findall("(source, secondary) · vérification : **primary** · (gov.uk), primary;") == \
        ["secondary", "primary", "primary"]


def test_home_in_french_has_french_dates(server, browser):  # noqa: F811
    with Visit(browser, server, "/?lang=fr") as v:
        v.settle('h2:has-text("Comment tout a commencé")')
        assert re.search(r"1er–2 novembre 2023", plain(v.text()))  # French writes the first of the month "1er"


def test_language_survives_sidebar_navigation_and_reload(server, browser):  # noqa: F811
    with Visit(browser, server, "/explainers?lang=fr") as v:
        v.settle('[data-testid="stSidebarNavLink"]:has-text("Accueil")')
        v.page.locator('[data-testid="stSidebarNavLink"]', has_text="À propos des données").click()
        v.page.wait_for_url(re.compile(r"/data\?(.*&)?lang=fr"))
        v.settle('h1:has-text("À propos des données")')
        v.page.locator('[data-testid="stSidebarNavLink"]', has_text="Accueil").click()
        v.page.wait_for_url(re.compile(r"/\?(.*&)?lang=fr"))
        v.settle('h1:has-text("Atlas des sommets sur l")')
        v.page.reload()
        v.settle('h1:has-text("Atlas des sommets sur l")')
        assert "lang=fr" in v.page.url


def test_language_control_switches_and_back(server, browser):  # noqa: F811
    with Visit(browser, server, "/explainers") as v:
        v.settle('[data-testid="stSidebarNavLink"]:has-text("Home")')
        v.page.get_by_role("radiogroup", name="Language").get_by_text("Français").click()
        v.page.wait_for_url(re.compile(r"lang=fr"))
        v.settle('h1:has-text("Comprendre les risques")')
        v.page.get_by_role("radiogroup", name="Langue").get_by_text("English").click()
        v.settle('h1:has-text("Explainers: risks from AI")')
        assert "lang=" not in v.page.url
        v.page.wait_for_function("() => document.documentElement.lang === 'en'")


# Spanish, checked like French: every page and the states a visitor reaches, in a real browser
SPANISH_PAGES = [p.replace("lang=fr", "lang=es") for p in FRENCH_PAGES] + ["/map?lang=es&country=ESP&compare=MEX"]


def spanish_page_has_no_english_interface_text(page) -> None:
    page.wait_for_selector('[data-testid="stSidebarNavLink"]:has-text("Inicio")')
    page.wait_for_function("() => document.documentElement.lang === 'es'")
    visible = page.locator("body").inner_text()
    assert english_words(visible) == [], english_words(visible)
    assert re.findall(r"(?:fuente, |verificación: |\), )\**(primary|secondary)\b", visible) == []


@pytest.mark.parametrize("path", not_loaded_by_a11y(SPANISH_PAGES))
def test_spanish_page_has_no_english_interface_text(server, browser, path):  # noqa: F811
    with Visit(browser, server, path) as v:
        v.settle('[data-testid="stSidebarNavLink"]:has-text("Inicio")')
        spanish_page_has_no_english_interface_text(v.page)
        assert v.outside == [] and v.errors == []


def checked_in_its_language(page, path: str, size: tuple[int, int]) -> None:
    """On tests/test_a11y.py's load of a state (which has checked for outside requests and page errors): a French
    or Spanish page above shows no English interface words, at 1280 px as the tests above."""
    if size != WIDTHS["desktop"] or state_key(path) not in _A11Y_KEYS:
        return
    if state_key(path) in {state_key(p) for p in FRENCH_PAGES}:
        french_page_has_no_english_interface_text(page)
    if state_key(path) in {state_key(p) for p in SPANISH_PAGES}:
        spanish_page_has_no_english_interface_text(page)


def test_spanish_survives_sidebar_navigation_and_reload(server, browser):  # noqa: F811
    with Visit(browser, server, "/explainers?lang=es") as v:
        v.settle('[data-testid="stSidebarNavLink"]:has-text("Inicio")')
        v.page.locator('[data-testid="stSidebarNavLink"]', has_text="Sobre los datos").click()
        v.page.wait_for_url(re.compile(r"/data\?(.*&)?lang=es"))
        v.settle('h1:has-text("Sobre los datos")')
        v.page.locator('[data-testid="stSidebarNavLink"]', has_text="Mapa mundial").click()
        v.page.wait_for_url(re.compile(r"/map\?(.*&)?lang=es"))
        v.settle('h1:has-text("Mapa mundial")')
        v.page.reload()
        v.settle('h1:has-text("Mapa mundial")')
        assert "lang=es" in v.page.url
        v.page.wait_for_function("() => document.documentElement.lang === 'es'")


def test_language_control_switches_to_spanish(server, browser):  # noqa: F811
    with Visit(browser, server, "/explainers?lang=fr") as v:
        v.settle('[data-testid="stSidebarNavLink"]:has-text("Accueil")')
        v.page.get_by_role("radiogroup", name="Langue").get_by_text("Español").click()
        v.page.wait_for_url(re.compile(r"lang=es"))
        v.settle('h1:has-text("Los riesgos de la IA, explicados")')
        assert english_words(v.page.locator("body").inner_text()) == []


# A line that starts with : ; ? ! » (or ends with «) in the rendered page: each such mark is compared with the
# character before it (after it, for «) in the same text node, by where the browser drew them. Left out: code, the
# folded English column tables (not drawn), the matrix's `?` symbol for a text not read (a symbol, not punctuation)
# and source titles as their publisher wrote them (links out of the Atlas).
BROKEN_BEFORE_PUNCTUATION = """(symbol) => {
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('[data-testid="stMain"]'), NodeFilter.SHOW_TEXT);
  const line = (node, i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                              const rects = r.getClientRects(); return rects.length ? rects[0] : null; };
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('code, pre, a[href^="http"]')) continue;
    const text = node.data;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      const before = ':;?!»'.includes(c), after = c === '«';
      if (!before && !after) continue;
      if (c === '?' && text.slice(i, i + symbol.length) === symbol) continue;
      let j = before ? i - 1 : i + 1;
      while (j >= 0 && j < text.length && /\\s/.test(text[j]) && !'\\u00a0\\u202f'.includes(text[j])) j += before ? -1 : 1;
      if (j < 0 || j >= text.length || j === (before ? i - 1 : i + 1)) continue;  // no space there: cannot break
      const mark = line(node, i), other = line(node, j);
      if (!mark || !other || !mark.width) continue;
      if (before ? mark.top > other.bottom - 2 : other.top > mark.bottom - 2)
        out.push(text.slice(Math.max(0, i - 30), i + 10));
    }
  }
  return out;
}"""


@pytest.mark.parametrize("path", ["/?lang=fr", "/data?lang=fr", "/data?lang=fr&fact=paris-statement/MEX",
                                  "/documents?lang=fr", "/documents?lang=fr&document=paris-statement",
                                  "/map?lang=fr&country=FRA", "/timeline?lang=fr", "/explainers?lang=fr&risk=bias",
                                  "/story?lang=fr&step=8"])
def test_no_french_line_starts_with_punctuation_at_390_px(server, browser, path):  # noqa: F811
    """French puts a space before : ; ? ! » and after «, and the browser must never break the line there: at 390 px no
    rendered line of a French page starts with one of those marks (or ends with «)."""
    from components.i18n import translator
    from components.passages import status_label

    with Visit(browser, server, path, width=390, height=844) as v:
        v.settle('[data-testid="stSidebarNavLink"]')
        broken = v.page.evaluate(BROKEN_BEFORE_PUNCTUATION, status_label("not_read", translator("fr")))
        assert broken == [], broken


def test_line_start_check_can_fail(server, browser):  # noqa: F811
    """The check above finds a colon that an ordinary space lets the browser push to the next line."""
    with Visit(browser, server, "/?lang=fr", width=390, height=844) as v:
        v.settle('[data-testid="stSidebarNavLink"]')
        v.page.evaluate("""() => { const p = document.createElement('p'); p.style.width = '0';
            p.textContent = 'Source : x'; document.querySelector('[data-testid="stMain"]').prepend(p); }""")
        assert v.page.evaluate(BROKEN_BEFORE_PUNCTUATION, "?") == ["Source : x"]
