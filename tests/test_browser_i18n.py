"""Real browser, in French: no English interface words on the French pages, French dates, the page's
<html lang>, and the language kept when the sidebar navigation changes page and on reload."""

from __future__ import annotations

import re

import pytest

from tests.test_browser import Visit
from tests.test_i18n import ENGLISH_UI

pytest.importorskip("playwright.sync_api")

# the pages whose interface is translated so far (the map is still in English)
FRENCH_PAGES = ["/?lang=fr", "/explainers?lang=fr", "/explainers?lang=fr&risk=bias", "/data?lang=fr",
                "/timeline?lang=fr", "/timeline?lang=fr&from=2020-01-01&kind=summit,speech", "/story?lang=fr",
                "/story?lang=fr&step=7", "/story?lang=fr&step=3&mode=present", "/map?lang=fr",
                "/map?lang=fr&country=FRA", "/map?lang=fr&document=bletchley-declaration",
                "/map?lang=fr&summit=bletchley-2023"]


def english_words(text: str) -> list[str]:
    return [w for w in ENGLISH_UI if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]


@pytest.mark.parametrize("path", FRENCH_PAGES)
def test_french_page_has_no_english_interface_text(server, browser, path):  # noqa: F811
    with Visit(browser, server, path) as v:
        v.settle('[data-testid="stSidebarNavLink"]:has-text("Accueil")')
        v.page.wait_for_function("() => document.documentElement.lang === 'fr'")
        visible = v.page.locator("body").inner_text()
        assert english_words(visible) == [], english_words(visible)
        assert v.outside == [] and v.errors == []


def test_english_words_check_can_fail(server, browser):  # noqa: F811
    with Visit(browser, server, "/") as v:
        v.settle('[data-testid="stSidebarNavLink"]:has-text("Home")')
        assert "Home" in english_words(v.page.locator("body").inner_text())


def test_home_in_french_has_french_dates(server, browser):  # noqa: F811
    with Visit(browser, server, "/?lang=fr") as v:
        v.settle('h2:has-text("Comment tout a commencé")')
        assert re.search(r"1–2 novembre 2023", v.text())


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
