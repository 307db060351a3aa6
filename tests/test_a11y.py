"""Accessibility in every state: axe (WCAG 2.2 AA) over every page and URL parameter at 1280 and 390 px, after
typing and clicking; no control text cut off; classroom mode legible and keyboard-driven on a projector."""

from __future__ import annotations

import re

import pytest

from components.i18n import TRANSLATED_LANGS
from tests.browser import HARMLESS_404, axe_violations, is_local, settled
from components.site import SITE
from tests.conftest import shipped_atlas

pytest.importorskip("playwright.sync_api")
pytest.importorskip("axe_playwright_python")

EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F]")
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
PROJECTORS = {"1080p": (1920, 1080), "720p": (1280, 720)}
MIN_CLASSROOM_PX = 24  # body text on a projector, read from the back of a room

ATLAS = shipped_atlas()
_company_signers = ATLAS.endorsements.merge(ATLAS.parties, on="party_id").query("kind == 'company'")
COMPANY = sorted(_company_signers["party_id"])[0]
EVENT = ATLAS.events.sort_values("date").query("document_id != ''").iloc[0]["event_id"]
STATEMENT = ATLAS.statements.sort_values("date").iloc[0]
SUMMIT = ATLAS.summits.query("start_date != ''").iloc[-1]["summit_id"]
COMPANY_DOC = ATLAS.documents.query("endorser_kind == 'companies'").iloc[0]["document_id"]

# Every page, and every URL parameter's kinds of valid value (plus out-of-range dates, which are clamped).
STATES = [
    "/", "/map", "/timeline", "/explainers", "/data",
    "/map?document=bletchley-declaration", f"/map?document={COMPANY_DOC}", f"/map?summit={SUMMIT}",
    "/map?country=GBR", "/map?country=EU", f"/map?country={COMPANY}",
    "/map?document=bletchley-declaration&country=EU",
    "/map?document=coe-framework-convention&country=CAN",  # a treaty: its stages in the legend, table, profile
    "/map?country=FRA", "/map?country=openai", "/map?country=USA&compare=GBR", "/map?summit=bletchley-2023",
    "/timeline?from=2025-01-01&to=2025-12-31", "/timeline?from=2020-01-01", "/timeline?to=2031-06-30",
    "/timeline?party=GBR", "/timeline?kind=summit,declaration", "/timeline?kind=speech",
    f"/timeline?speaker={STATEMENT['speaker']}", "/timeline?q=safety", "/timeline?q=no-such-words-anywhere",
    f"/timeline?event={EVENT}", f"/timeline?statement={STATEMENT['statement_id']}",
    "/explainers?mode=classroom",
    *[f"/explainers?risk={r}" for r in sorted(ATLAS.risks["risk_id"])],
    "/explainers?risk=bias&mode=classroom",
    # in every other language (?lang=fr, ?lang=es): every page, a risk with its quiz, classroom mode, the About
    # page's tables
    *[f"{p}{'&' if '?' in p else '?'}lang={lang}" for lang in TRANSLATED_LANGS
      for p in ("/", "/map", "/timeline", "/explainers", "/data", "/explainers?risk=bias",
                "/explainers?risk=bias&mode=classroom", "/map?country=GBR", "/map?country=FRA",
                "/map?country=USA&compare=GBR", "/map?document=bletchley-declaration", f"/map?summit={SUMMIT}",
                "/map?summit=bletchley-2023", "/map?document=paris-statement",
                "/map?document=coe-framework-convention&country=CAN", f"/timeline?event={EVENT}",
                "/timeline?from=2020-01-01&kind=summit,speech", "/story?step=7", "/story?step=3&mode=present")],
    *[f"/story?step={n}" for n in range(1, len(ATLAS.story) + 1)], "/story?step=3&mode=present",
    "/explainers?risk=bias&mode=present",
    # the map as of a past day (components/asof.py): a document before and after a joining, the overview, a summit
    # not yet held, a document not yet adopted, a profile, and a bad date's notice
    "/map?document=bletchley-declaration&date=2024-06-01", "/map?document=bletchley-declaration&date=2024-11-01",
    "/map?date=2024-06-30", "/map?summit=paris-2025&date=2024-06-30", "/map?document=paris-statement&date=2024-06-30",
    "/map?date=2024-06-30&country=NZL", "/map?date=2019-01-01", "/map?date=2024-06-30&lang=fr",
]
# Text boxes: (page, accessible name of the box, what to type, JS true once the page has used the text)
TEXT_BOXES = [
    ("/timeline", "Search titles, summaries and quotes", "Bletchley", "() => location.search.includes('q=Bletchley')"),
    ("/map", "Filter by party name", "King", """() => { const rows = [...document.querySelectorAll(
        '[aria-label="Summit documents signed by each party"] tbody th')];
        return rows.length > 0 && rows.every((r) => /king/i.test(r.innerText)); }"""),
]
# Controls whose text must be whole; the visually hidden inputs of toggles and radios are skipped below
CONTROLS = ('button, a[data-testid="stPageLink-NavLink"], [data-testid="stSidebarNavLink"], '
            '[data-testid="stWidgetLabel"], label, [role="tab"], [data-testid="stExpander"] summary')
TRUNCATED_JS = """(selector) => {
  const norm = (s) => (s || "").replace(/\\s+/g, " ").trim();
  const out = [];
  for (const control of document.querySelectorAll(selector)) {
    const box = control.getBoundingClientRect();
    if (!control.offsetParent || box.width === 0 || box.right <= 0 || box.left >= window.innerWidth) continue;
    const full = norm(control.getAttribute("title") || control.querySelector("[title]")?.getAttribute("title"));
    if (full && !norm(control.innerText).includes(full)) out.push(`${full}: shows "${norm(control.innerText)}"`);
    for (const el of [control, ...control.querySelectorAll("*")]) {
      const style = getComputedStyle(el);
      if (el.clientWidth <= 1 || style.clipPath.startsWith("inset(50%")) continue;  // visually hidden helper
      if (el.scrollWidth > el.clientWidth + 1) {
        out.push(`${norm(control.innerText).slice(0, 80)}: ${el.tagName} ${el.scrollWidth} > ${el.clientWidth} px`);
        break;
      }
    }
  }
  return out;
}"""


# Every kind of storage a page can leave for the next one on the same origin (Chromium's DevTools names);
# sessionStorage is per tab, and every state gets a new tab.
STORAGE = "cookies,local_storage,indexeddb,websql,service_workers,cache_storage,file_systems,shared_storage"


@pytest.fixture
def open_page(server, browser, contexts):
    """open_page(path, (width, height)) -> a settled page in a new tab; records outside requests and errors."""
    pages = []

    def _open(path: str, size: tuple[int, int]):
        if size not in contexts:
            contexts[size] = browser.new_context(viewport={"width": size[0], "height": size[1]})
        page = contexts[size].new_page()
        pages.append(page)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Storage.clearDataForOrigin", {"origin": server, "storageTypes": STORAGE})
        cdp.detach()
        page.outside, page.errors, page.bad = [], [], []
        page.on("request", lambda r: None if is_local(r.url) else page.outside.append(r.url))
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("response", lambda r: page.bad.append(f"{r.status} {r.url}")
                if r.status >= 400 and not r.url.endswith(HARMLESS_404) else None)
        page.goto(server + path, timeout=90_000)  # a wait, not a check: see tests/test_browser.py Visit
        settled(page)
        return page

    yield _open
    for page in pages:
        page.close()


def test_states_share_only_the_http_cache(open_page):
    """A state left in French with a cookie and stored values: the next state in that window opens clean."""
    page = open_page("/explainers", WIDTHS["desktop"])
    page.get_by_role("radiogroup", name="Language").get_by_text("Français").click()
    page.wait_for_function("() => document.documentElement.lang === 'fr'")
    page.evaluate("""() => { localStorage.setItem('left', '1'); sessionStorage.setItem('left', '1');
                             document.cookie = 'left=1; path=/'; }""")
    after = open_page("/explainers", WIDTHS["desktop"])
    assert after.context is page.context and after is not page  # the same window, a new tab
    left = after.evaluate("""() => [localStorage.getItem('left'), sessionStorage.getItem('left'),
                                   document.cookie.split('; ').filter((c) => c.startsWith('left='))]""")
    assert left == [None, None, []]
    assert after.evaluate("() => document.documentElement.lang") == "en"
    assert after.get_by_role("heading", name="Explainers: risks from AI").count() == 1


def test_axe_check_can_fail(open_page):
    """The axe scan every state runs (tests/browser.py AXE_OPTIONS) reports planted violations, each node counted."""
    page = open_page("/explainers", WIDTHS["phone"])
    assert axe_violations(page) == []
    page.evaluate("""() => document.querySelector('[data-testid="stMain"]').insertAdjacentHTML('beforeend',
        '<button></button><button></button><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">')""")
    found = dict(axe_violations(page))
    assert found.get("button-name") == 2 and found.get("image-alt") == 1, found


def assert_clean(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert axe_violations(page) == []
    assert page.outside == [] and page.errors == []


# The fingerprint of a laid-out page: the sidebar's state and width, and the box of every visible element of the
# main area (test_a_resized_load_is_the_phone_load)
LAYOUT_JS = """() => {
  const side = document.querySelector('[data-testid=stSidebar]');
  const els = [...document.querySelectorAll('[data-testid=stMain] *')].filter((e) => e.offsetParent);
  return {sidebar: side && [side.getAttribute('aria-expanded'), Math.round(side.getBoundingClientRect().width)],
          boxes: els.map((e) => { const b = e.getBoundingClientRect();
                                  return [e.tagName, Math.round(b.x), Math.round(b.y), Math.round(b.width),
                                          Math.round(b.height)].join(' '); })};
}"""


def as_phone(page) -> None:
    """The page, loaded at 1280 px, laid out again at 390 px: the same layout, sidebar and axe results as a load at
    390 px (test_a_resized_load_is_the_phone_load), for one page load instead of two (each load costs ~4 s of
    Chromium CPU here: 3.2 s of renderer, 0.9 s of the GPU process's software WebGL)."""
    page.set_viewport_size({"width": WIDTHS["phone"][0], "height": WIDTHS["phone"][1]})
    page.wait_for_function("(w) => window.innerWidth === w", arg=WIDTHS["phone"][0])
    settled(page)


def at_both_widths(page):
    """Each width's size, with the page laid out at it: 1280 px as loaded, then 390 px (as_phone)."""
    yield WIDTHS["desktop"]
    as_phone(page)
    yield WIDTHS["phone"]


# A load at 390 px and a load at 1280 px resized to 390 px, compared: a page of every kind (the map and its
# profile, the story's map and chart, the timeline, classroom mode, the documents' matrix, home, the data's tables)
RESIZE_STATES = ["/map", "/map?country=GBR", "/story?step=7", "/timeline", "/explainers?risk=bias&mode=classroom",
                 "/documents", "/", "/data?lang=fr"]


@pytest.mark.parametrize("path", RESIZE_STATES)
def test_a_resized_load_is_the_phone_load(open_page, path):
    phone = open_page(path, WIDTHS["phone"])
    resized = open_page(path, WIDTHS["desktop"])
    as_phone(resized)
    loaded, laid_out = phone.evaluate(LAYOUT_JS), resized.evaluate(LAYOUT_JS)
    assert len(loaded["boxes"]) > 50 and loaded["sidebar"] is not None
    assert laid_out["sidebar"] == loaded["sidebar"]
    assert laid_out["boxes"] == loaded["boxes"]
    assert axe_violations(resized) == axe_violations(phone)


def test_the_layout_check_can_fail(open_page):
    """LAYOUT_JS tells a phone's layout from a desktop's, so the comparison above can fail."""
    page = open_page("/map", WIDTHS["desktop"])
    desktop = page.evaluate(LAYOUT_JS)
    as_phone(page)
    assert page.evaluate(LAYOUT_JS)["boxes"] != desktop["boxes"]


@pytest.mark.parametrize("path", STATES)
def test_axe_in_every_state(open_page, path):
    """Every state at 1280 px, then the same load at 390 px (as_phone): axe, no outside request or page error, and
    what the other browser modules check on these states."""
    # One load per state: what tests/test_browser.py and tests/test_browser_i18n.py check on a state listed here
    # is checked on this load (each page load and axe scan costs seconds of CPU; they loaded these states again)
    from tests.test_browser import checked_as_a_page
    from tests.test_browser_i18n import checked_in_its_language

    page = open_page(path, WIDTHS["desktop"])
    for size in at_both_widths(page):
        assert_clean(page)
        checked_as_a_page(page, path, size)
        checked_in_its_language(page, path, size)
        if path in CLIP_STATES:
            no_control_text_is_cut(page, size)  # last at each width: on a phone it opens the navigation


@pytest.mark.parametrize("size", WIDTHS.values(), ids=WIDTHS)
@pytest.mark.parametrize(("path", "box", "text", "used"), TEXT_BOXES, ids=[b[1] for b in TEXT_BOXES])
def test_axe_after_typing(open_page, path, box, text, used, size):
    page = open_page(path, size)
    field = page.get_by_role("textbox", name=box)
    field.fill(text)
    field.press("Enter")
    page.wait_for_function(used)
    settled(page)
    assert field.input_value() == text
    assert_clean(page)


# Panels drawn only once opened (components/share.py lazy_panel, the matrix's lazy tabs): (page, what a reader
# clicks, JS true once the opened content is drawn)
OPENED = [
    ("/map", "Download the picture or embed this view",
     "() => [...document.querySelectorAll('button')].some((b) => b.innerText.includes('Download the map as SVG'))"),
    ("/timeline?party=GBR", "Download the picture or embed this view",
     "() => [...document.querySelectorAll('code')].some((c) => c.innerText.includes('<iframe'))"),
    ("/story?step=3", "Embed this view",
     "() => [...document.querySelectorAll('code')].some((c) => c.innerText.includes('<iframe'))"),
    ("/map?lang=fr", "Télécharger l'image ou intégrer cette vue",
     "() => [...document.querySelectorAll('button')].some((b) => b.innerText.includes('Télécharger la carte en SVG'))"),
    ("/map", "Sortable view", "() => !!document.querySelector('[data-testid=\"stDataFrame\"]')"),
    # who joined none: its definition and list; a past day's list of parties; a profile's record in date order
    ("/map", "Which states, and what counts",
     "() => !!document.querySelector('[aria-label^=\"UN member states that joined none\"]')"),
    ("/map?document=bletchley-declaration&date=2024-06-01", "The list as of 1 June 2024",
     "() => !!document.querySelector('[data-testid=\"stDataFrame\"]')"),
    ("/map?country=NZL", "In date order, checks and reports, and on the timeline",
     "() => [...document.querySelectorAll('li')].some((li) => li.innerText.includes('joined Bletchley'))"),
]


@pytest.mark.parametrize(("path", "label", "drawn"), OPENED, ids=[f"{o[0]} {o[1]}" for o in OPENED])
def test_axe_with_a_panel_opened(open_page, path, label, drawn):
    """Opened at 1280 px, checked, then laid out at 390 px (as_phone) and checked again."""
    page = open_page(path, WIDTHS["desktop"])
    page.locator('[data-testid="stExpander"] summary, [role="tab"]', has_text=label).first.click()
    page.wait_for_function(drawn, timeout=30_000)
    settled(page)
    for _size in at_both_widths(page):
        assert_clean(page)


@pytest.mark.parametrize("size", WIDTHS.values(), ids=WIDTHS)
def test_axe_on_every_classroom_step_and_quiz_feedback(open_page, size):
    page = open_page("/explainers?risk=bias&mode=classroom", size)
    progress = page.locator('[data-testid="stProgress"]')
    steps = 0
    while True:
        steps += 1
        for summary in page.locator('[data-testid="stExpander"] summary').all():
            summary.click()  # teacher notes and answers open
        settled(page)
        assert_clean(page)
        nxt = page.get_by_role("button", name="Next step")
        if nxt.is_disabled():
            break
        before = progress.inner_text()
        nxt.click()
        page.wait_for_function("(t) => document.querySelector('[data-testid=stProgress]').innerText !== t",
                               arg=before)
        settled(page)
    assert steps == 5
    checks = page.get_by_role("button", name="Check my answer")
    checks.nth(1).click()  # nothing picked yet
    page.get_by_text("Pick an answer first.").wait_for()
    settled(page)
    assert_clean(page)
    quiz = page.locator('[data-testid="stMain"]').get_by_role("radiogroup").first  # not the sidebar's Language
    quiz.get_by_role("radio").nth(1).focus()
    page.keyboard.press("Space")  # pick the second answer
    quiz.get_by_role("radio").nth(1).wait_for(state="attached")
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=stMain] [role=radiogroup] input:checked').length === 1")
    settled(page)
    checks.nth(0).click()
    page.get_by_text(re.compile("^(Correct|Not quite)")).wait_for()  # success or error box
    settled(page)
    assert_clean(page)


# Pages and states with the longest control texts: risk titles, toggles, download buttons, page links.
CLIP_STATES = ["/", "/story?step=6", "/map", "/map?country=EU", "/timeline", f"/timeline?event={EVENT}", "/explainers",
               "/explainers?risk=market-concentration", "/explainers?risk=bias&mode=classroom", "/data"]


def no_control_text_is_cut(page, size: tuple[int, int]) -> None:
    """No control's text is cut off; on a phone, in the folded navigation too (it is opened here). Run on
    test_axe_in_every_state's load of each of CLIP_STATES (a load of its own here cost a page load each)."""
    assert page.evaluate(TRUNCATED_JS, CONTROLS) == []
    if size == WIDTHS["phone"]:  # the navigation is folded away on a phone: open it and check it too
        page.get_by_test_id("stExpandSidebarButton").click()
        page.get_by_test_id("stSidebarNavLink").first.wait_for(state="visible")
        settled(page)
        assert page.locator('[data-testid="stSidebarNavLink"]').count() == len(SITE)
        assert page.evaluate(TRUNCATED_JS, CONTROLS) == []


def test_every_clip_state_is_loaded_for_axe():
    """no_control_text_is_cut runs on test_axe_in_every_state's loads: each of CLIP_STATES must stay in STATES."""
    assert [p for p in CLIP_STATES if p not in STATES] == []


def test_cut_text_check_can_fail(open_page):
    """The check above finds text that Streamlit cuts with an ellipsis (so it can fail)."""
    page = open_page("/explainers", WIDTHS["desktop"])
    page.add_style_tag(content='html body [data-testid="stPageLink"] a * { white-space: nowrap !important; '
                               'overflow: hidden !important; text-overflow: ellipsis !important; }')
    cut = page.evaluate(TRUNCATED_JS, CONTROLS)
    assert any("Market concentration" in c for c in cut), cut


@pytest.mark.parametrize("path", ["/explainers?risk=bias", "/timeline?kind=summit&party=GBR"])
def test_icons_are_material_symbols_not_emoji(open_page, path):
    """Icons come from Streamlit's bundled Material Symbols font; emoji need a system font and showed as boxes."""
    page = open_page(path, WIDTHS["desktop"])
    texts = page.locator(f"{CONTROLS}, [data-testid='stAlert']").all_inner_texts()
    assert not [t for t in texts if EMOJI.search(t)], [t for t in texts if EMOJI.search(t)]
    icons = page.locator('[data-testid="stIconMaterial"]')
    assert page.locator('[data-testid="stSidebarNavLink"] [data-testid="stIconMaterial"]').count() == len(SITE)
    assert page.locator('[data-testid="stPageLink"] [data-testid="stIconMaterial"]').count() >= 1
    # drawn as one glyph from the bundled font: about as wide as high, not the icon's name spelled out
    boxes = [icon.bounding_box() for icon in icons.all() if icon.is_visible()]
    assert boxes and all(b["width"] <= 1.3 * b["height"] for b in boxes), boxes


def body_text_sizes(page) -> list[float]:
    """Computed font sizes (px) of every visible paragraph and list item of the main area."""
    return page.evaluate("""() => [...document.querySelectorAll('[data-testid="stMain"] :is(p, li)')]
        .filter((el) => el.offsetParent && el.innerText.trim())
        .map((el) => parseFloat(getComputedStyle(el).fontSize))""")


@pytest.mark.parametrize("size", PROJECTORS.values(), ids=PROJECTORS)
def test_classroom_mode_on_a_projector(open_page, size):
    page = open_page("/explainers?risk=bias&mode=classroom", size)
    step_titles = ["What is it?", "A real example", "What governments agreed", "Talk about it", "Quick quiz"]
    shown = [t for t in step_titles if page.get_by_role("heading", name=t).count()]
    assert shown == ["What is it?"]  # one step at a time
    heading = page.get_by_role("heading", name="What is it?").bounding_box()
    assert 0 <= heading["y"] < size[1] / 2, heading  # the step starts in the top half of the first screen
    main = page.get_by_test_id("stMainBlockContainer").bounding_box()
    assert main["width"] >= 0.8 * size[0], main  # the sidebar is folded away: the step has the room
    sizes = body_text_sizes(page)
    assert sizes and min(sizes) >= MIN_CLASSROOM_PX, sorted(set(sizes))

    def step() -> str:
        return page.locator('[data-testid="stProgress"]').inner_text()

    def press(key: str, expected: str) -> None:
        page.keyboard.press(key)
        page.wait_for_function("(t) => document.querySelector('[data-testid=stProgress]').innerText.startsWith(t)",
                               arg=expected)
        settled(page)

    # Tab to "Next step" and press Enter; then the arrow keys, as on slides
    page.get_by_role("button", name="Next step").focus()
    press("Enter", "Step 2 of 5")
    assert page.get_by_role("heading", name="A real example").count() == 1
    press("ArrowRight", "Step 3 of 5")
    press("ArrowLeft", "Step 2 of 5")
    page.get_by_role("button", name="Previous step").focus()
    press("Enter", "Step 1 of 5")
    assert step().startswith("Step 1 of 5")
    for key, expected in (("ArrowRight", f"Step {n} of 5") for n in range(2, 6)):
        press(key, expected)
    sizes = body_text_sizes(page)  # the quiz step: questions and answers as large as the reading
    assert min(sizes) >= MIN_CLASSROOM_PX, sorted(set(sizes))
    radio = page.locator('[data-testid="stMain"]').get_by_role("radio").first  # a quiz answer, not the Language
    radio.focus()
    page.keyboard.press("ArrowLeft")  # moving between answers must not leave the quiz
    settled(page)
    assert step().startswith("Step 5 of 5")


@pytest.mark.parametrize("size", PROJECTORS.values(), ids=PROJECTORS)
def test_story_projector_mode(open_page, size):
    """/story?mode=present: one step per screen, body text >= 24 px, nothing cut, arrow keys and big buttons."""
    page = open_page("/story?step=1&mode=present", size)
    main = page.get_by_test_id("stMainBlockContainer").bounding_box()
    assert main["width"] >= 0.8 * size[0], main  # no sidebar: the step has the room
    sizes = body_text_sizes(page)
    assert sizes and min(sizes) >= MIN_CLASSROOM_PX, sorted(set(sizes))
    assert page.evaluate(TRUNCATED_JS, CONTROLS) == []
    nxt = page.get_by_role("button", name="Next step").bounding_box()
    assert nxt["height"] >= 56 and nxt["width"] >= size[0] / 4, nxt  # a large target, found from afar
    heading = page.get_by_role("heading", level=2).first.bounding_box()
    assert 0 <= heading["y"] < size[1] * 0.6, heading  # the step's heading on the first screen

    def press(key: str, expected: str) -> None:
        page.keyboard.press(key)
        page.wait_for_function("(t) => document.querySelector('[data-testid=stProgress]').innerText.startsWith(t)",
                               arg=expected)
        settled(page)

    n = len(ATLAS.story)
    press("ArrowRight", f"Step 2 of {n}")
    assert "step=2" in page.url and "mode=present" in page.url
    press("ArrowLeft", f"Step 1 of {n}")
    page.get_by_role("button", name="Next step").click()
    page.wait_for_function("() => location.search.includes('step=2')")
    settled(page)
    assert min(body_text_sizes(page)) >= MIN_CLASSROOM_PX
