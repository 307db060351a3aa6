"""The light edition (components/export_light.py): built once per test session into a temporary folder; every page
within 150 KB gzip with its pictures, no script, no outside request, relative links that resolve, the live pages'
facts, escaped data, 0 axe violations at 1280 and 390 px in English and French."""

from __future__ import annotations

import gzip
import re
import time
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import pytest

from components import story
from components.cached import map_view, party_profile, timeline_items
from components.data import data_fingerprint
from components.export_light import BUDGET_BYTES, LightError, build, check_target
from components.i18n import LANGUAGES, localize, translator
from components.mapviews import View
from components.overview import key_figures
from components.site import light_link, light_path, light_url
from components.timeline import item_when
from tests.conftest import DATA, ROOT, shipped_atlas

ATLAS = shipped_atlas()
# NOTE: one worker of a parallel run (scripts/test.sh) takes this whole module: the `light` fixture is per process,
# and every worker that got one of its tests built all 928 pages again (64 s of CPU each on this 2-core machine)
pytestmark = pytest.mark.xdist_group("light")
# 1,294 pages in 3 languages: 93-125 s on this busy 2-core machine (928 before the documents pages: 64-115 s);
# the build's speed goal is bench/light_build.py's, not a bound here


@pytest.fixture(scope="session")
def light(tmp_path_factory):
    """The light edition of the shipped data, every language, built once per session."""
    out = tmp_path_factory.mktemp("light")
    started = time.perf_counter()
    written = build(out)
    written.seconds = time.perf_counter() - started
    print(f"\nlight edition: {len(written.pages)} pages in {written.seconds:.1f} s")
    return written


class Page(HTMLParser):
    """A page's links, pictures, scripts, inline handlers and text."""

    def __init__(self, html: str):
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (tag, href or src)
        self.scripts = 0
        self.handlers: list[str] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action", "srcset", "poster", "data"):
                self.links.append((tag, value or ""))
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}")
        if tag in ("script", "iframe", "object", "embed", "base"):
            self.scripts += 1

    def handle_data(self, data):
        self.text.append(data)

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())


def norm(text: str) -> str:
    """Words as Page.words has them: any run of spaces (French no-break spaces too) as one space."""
    return " ".join(str(text).split())


def page(light, path: str) -> Page:
    return Page((light.out / path).read_text(encoding="utf-8"))


# --- the build and its rules ------------------------------------------------------------------------------

def test_build_has_every_page(light):
    for lang in LANGUAGES:
        expected = {"index.html", "map/all.html", "timeline/index.html", "explainers/index.html", "story/1.html"}
        expected |= {light_path("map", {"country": p}) for p in ATLAS.parties["party_id"]}
        expected |= {light_path("map", {"document": d}) for d in ATLAS.documents["document_id"]}
        expected |= {light_path("map", {"summit": s}) for s in ATLAS.summits["summit_id"]}
        expected |= {light_path("explainers", {"risk": r}) for r in ATLAS.risks["risk_id"]}
        expected |= {light_path("story", {"step": str(n)}) for n in ATLAS.story["step"]}
        expected |= {light_path("timeline", {"kind": k}) for k in set(ATLAS.events["kind"])}
        docs = list(ATLAS.documents["document_id"])
        expected |= {light_path("documents")} | {light_path("documents", {"doc": d}) for d in docs}
        expected |= {light_path("documents", {"doc": d, "compare": o}) for d in docs for o in docs if o != d}
        missing = {p for p in expected if f"{lang}/{p}" not in light.pages}
        assert not missing, (lang, sorted(missing)[:10])


def test_every_page_within_150_kb_gzip_with_its_pictures(light):
    sizes = {p: light.gzip_size(p) for p in light.pages}
    over = {p: n for p, n in sizes.items() if n > BUDGET_BYTES}
    assert not over, over
    # the heaviest kind of page (a map view with its picture) still carries its picture
    assert sizes["en/map/all.html"] > 50_000


def test_no_script_no_outside_source_and_every_relative_link_resolves(light):
    out = light.out.resolve()
    for path in light.pages:
        parsed = page(light, path)
        assert parsed.scripts == 0 and not parsed.handlers, (path, parsed.handlers)
        for tag, target in parsed.links:
            assert not target.lower().startswith(("javascript:", "data:", "http:", "//", "/")), (path, target)
            if target.startswith("https://"):
                assert tag == "a", (path, tag, target)  # a link the reader may follow, never a loaded file
                continue
            if target.startswith("#"):
                assert f'id="{target[1:]}"' in (light.out / path).read_text(encoding="utf-8"), (path, target)
                continue
            resolved = (out / path).parent.joinpath(target.split("#")[0].split("?")[0]).resolve()
            if out in resolved.parents:
                assert resolved.is_file(), (path, target)
            else:  # above the edition's folder: the live app on the same host (/light/ -> /)
                assert tag == "a" and out.parent in (resolved, resolved.parent), (path, target)


def test_pictures_are_local_svg_with_alt_text(light):
    html = (light.out / "en/map/document-bletchley-declaration.html").read_text(encoding="utf-8")
    img = re.search(r'<img src="([^"]+)" alt="([^"]+)"', html)
    assert img and img.group(1) == "document-bletchley-declaration.svg"
    assert img.group(2).startswith("World map: Who signed the Bletchley Declaration")
    svg = (light.out / "en/map/document-bletchley-declaration.svg").read_text(encoding="utf-8")
    assert "<script" not in svg and "http://www.w3.org/2000/svg" in svg


@pytest.mark.parametrize("target, allowed", [
    (ROOT / "light-out", False), (ROOT / "components" / "light", False), (ROOT, False),
    (ROOT / "bench" / "results" / "light", True),  # .gitignore lists bench/results/
    (ROOT.parent / "elsewhere-light", True),
])
def test_refuses_a_folder_in_the_source_tree_unless_git_ignores_it(target, allowed):
    if allowed:
        check_target(target)
    else:
        with pytest.raises(LightError):
            check_target(target)


@pytest.mark.parametrize("key, params, expected", [
    ("home", {}, "index.html"),
    ("map", {}, "map/all.html"),
    ("map", {"document": "seoul-declaration"}, "map/document-seoul-declaration.html"),
    ("map", {"summit": "paris-2025", "lang": "fr"}, "map/summit-paris-2025.html"),
    ("map", {"document": "paris-statement", "country": "FRA"}, "country/FRA.html"),
    ("timeline", {"kind": "speech"}, "timeline/kind-speech.html"),
    ("timeline", {"kind": "speech,summit"}, "timeline/index.html"),
    ("timeline", {"from": "2024-01-01", "to": "2024-12-31"}, "timeline/year-2024.html"),
    ("timeline", {"from": "2024-01-01", "to": "2024-06-30"}, "timeline/index.html"),
    ("timeline", {"q": "safety"}, "timeline/index.html"),
    ("explainers", {"risk": "bias", "mode": "classroom"}, "explainers/bias.html"),
    ("story", {"step": "3"}, "story/3.html"),
    ("story", {}, "story/1.html"),
    ("data", {"report": "x"}, "index.html"),
    ("documents", {}, "documents/index.html"),
    ("documents", {"doc": "paris-statement", "lang": "fr"}, "documents/paris-statement.html"),
    ("documents", {"doc": "paris-statement", "compare": "seoul-declaration"},
     "documents/compare/paris-statement/seoul-declaration.html"),
    ("documents", {"doc": "paris-statement", "compare": "paris-statement"}, "documents/paris-statement.html"),
    ("documents", {"cell": "paris-statement/bias"}, "documents/paris-statement.html#risk-bias"),
    ("documents", {"cell": "paris-statement"}, "documents/index.html"),
    ("documents", {"term": "safety"}, "documents/index.html#words"),
])
def test_light_twin_of_a_live_state(key, params, expected):
    assert light_path(key, params) == expected


def test_image_snippet_escapes_everything():
    snippet = story.image_snippet('https://a.example/light/en/map/all.svg?"><script>', 'A "map" <b>')
    assert "<script>" not in snippet and "<b>" not in snippet and snippet.startswith('<img src="https://')
    assert 'alt="A &quot;map&quot; &lt;b&gt;"' in snippet


def test_light_url_for_embeds_is_escaped_as_a_path():
    assert light_url("https://atlas.example", "fr", "map", {"document": "a b"}) == \
        "https://atlas.example/light/fr/map/document-a%20b.html"


# --- the same facts as the live pages ---------------------------------------------------------------------

@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_facts_equal_the_live_pages_shaping(light, lang):
    """Counts, sentences, dates and sources: from the shaping the live pages draw (cached.py's shared builds)."""
    atlas, tr = localize(ATLAS, lang), translator(lang)
    fp = data_fingerprint(atlas.data_dir)
    figures = key_figures(atlas.summits, atlas.documents, atlas.endorsements, atlas.parties, atlas.events,
                          atlas.statements)
    home = page(light, f"{lang}/index.html").words
    for key in ("summits_held", "documents", "countries_signed", "events", "statements"):
        assert norm(tr.number(figures[key])) in home, key
    for view in ("all", "document:bletchley-declaration", "summit:paris-2025", "document:paris-statement"):
        shape = map_view(View.parse(view), fp, False, atlas, None, False, lang).shape
        html = (light.out / lang / light_path("map", story.map_params(view))).read_text(encoding="utf-8")
        words = Page(html).words
        assert " ".join(shape.sentence.split()) in words
        listed = shape.listed
        for _i, r in listed.iterrows():  # every party with a status, linked to its profile
            assert f'href="../{light_path("map", {"country": r["party_id"]})}"' in html, r["party_id"]
            if view.startswith("document") and r["date_text"]:
                assert norm(r["date_text"]) in words
        for _title, url in shape.sources:
            assert f'href="{url}"' in html.replace("&amp;", "&"), url
    items = timeline_items(fp, atlas, lang)
    timeline = page(light, f"{lang}/timeline/index.html")
    assert norm(tr.number(len(items))) in timeline.words
    hrefs = [t for tag, t in timeline.links if tag == "a" and t.startswith("https://")]
    for _i, r in items.iterrows():
        assert norm(item_when(r, tr)) in timeline.words and r["source_url"] in hrefs, r["item_id"]
    france = party_profile("FRA", fp, atlas, lang)
    profile_html = (light.out / lang / "country/FRA.html").read_text(encoding="utf-8").replace("&amp;", "&")
    for _title, url in france.sources:
        assert f'href="{url}"' in profile_html, url
    for section in france.sections:
        for _i, d in section.documents.iterrows():
            assert d["date_text"] in profile_html and d["checked_text"] in profile_html
    for d in [d for s in france.sections for _i, d in s.documents.iterrows()] + [
            d for _i, d in france.other_documents.iterrows()]:  # each title opens its light page (issue 20)
        assert f'href="../{light_path("documents", {"doc": d["document_id"]})}"' in profile_html, d["document_id"]


def test_facts_equal_the_live_page_under_apptest(light):
    """The live map page (AppTest) and its light twin say the same sentence; the live home the same figures."""
    from tests.test_pages import markdown, run

    at = run("map", document="bletchley-declaration")
    live = markdown(at)
    light_page = page(light, "en/map/document-bletchley-declaration.html").words
    sentence = re.search(r"\*\*(.+?)\*\*", live).group(1).replace("\\", "")
    assert sentence in light_page
    home = run("home")
    words = page(light, "en/index.html").words
    for m in home.metric:
        assert f"{m.label} {m.value}" in words


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_documents_pages_say_what_the_live_shaping_says(light, lang):
    """Cell statuses, passage counts, searched terms and term sentences on the light documents pages: those of
    passages.py, the live page's shaping; every cell of the matrix links to its section on its document's page."""
    from html import escape

    from components import passages as P
    from components.cached import documents_views

    atlas, tr = localize(ATLAS, lang), translator(lang)
    index = (light.out / lang / "documents/index.html").read_text(encoding="utf-8")
    views = documents_views(data_fingerprint(atlas.data_dir), atlas, lang)
    assert views.term_html in index  # the words of the summits: the live page's table twin, as it is
    words = Page(index).words
    for term in views.terms:
        if pair := P.caption_documents(views.term_table, term):
            assert norm(P.term_caption(views.term_table, term, *pair, tr, atlas.documents)) in words, term
    sections: dict[str, dict[str, str]] = {}
    for doc in atlas.documents["document_id"]:
        html = (light.out / lang / light_path("documents", {"doc": doc})).read_text(encoding="utf-8")
        sections[doc] = dict(re.findall(r'<section id="risk-([^"]+)" class="cell">(.*?)</section>', html, re.S))
        text = Page(html).words
        assert norm(P.counts_sentence(P.status_counts(atlas.coverage, doc), tr)) in text
        back = f"../../../documents?doc={doc}" + ("" if lang == "en" else f"&amp;lang={lang}")
        assert f'href="{back}"' in html  # back to the live page, in the same language
        by_theme = html.split(f'>{escape(tr.gettext("Its passages, by theme"))}</h2>')[1]
        assert by_theme.count("<blockquote>") == len(P.passages_of(atlas.passages, doc)), doc
    for _i, c in atlas.coverage.iterrows():
        doc, risk = c["document_id"], c["risk_id"]
        label = P.status_label(c["status"], tr)
        target = light_path("documents", {"cell": f"{doc}/{risk}"}).removeprefix("documents/")
        assert f'<a href="{target}">{escape(label.replace(" ", chr(160)))}</a>' in index, (doc, risk)
        section = sections[doc][risk]
        found = P.cell(atlas.coverage, atlas.passages, doc, risk)
        assert norm(label) in Page(section).words
        assert section.count("<blockquote>") == (len(found.passages) if c["status"] in ("named", "implied") else 0)
        for term in found.searched_terms if c["status"] == "not_named" else []:
            assert norm(escape(term, quote=False)) in norm(section), (doc, risk, term)
        if c["status"] == "not_read":
            assert norm(tr.gettext(P.STATUS_MEANINGS["not_read"])) in Page(section).words
    for risk in atlas.risks["risk_id"]:  # an explainer's "What was agreed": the passages naming it, the cells
        html = (light.out / lang / light_path("explainers", {"risk": risk})).read_text(encoding="utf-8")
        agreed = html.split('id="step-agreed"')[1].split("</section>")[0]
        assert agreed.count("<blockquote>") == len(P.passages_naming(atlas.coverage, atlas.passages, atlas.documents,
                                                                     risk))
        for status in ("not_named", "not_read"):
            for doc in P.documents_not_naming(atlas.coverage, atlas.documents, risk, status)["document_id"]:
                assert f'href="../documents/{doc}.html#risk-{risk}"' in agreed and risk in sections[doc], (doc, risk)
    for left in atlas.documents["document_id"]:  # a comparison quotes every passage of both documents once
        for right in atlas.documents["document_id"]:
            if left != right:
                html = (light.out / lang / light_path("documents", {"doc": left, "compare": right})).read_text(
                    encoding="utf-8")
                assert html.count("<blockquote>") == len(P.passages_of(atlas.passages, left)) + len(
                    P.passages_of(atlas.passages, right)), (left, right)


# --- escaping ---------------------------------------------------------------------------------------------

HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)> [click](javascript:alert(3)) **bold**'


def test_hostile_data_is_escaped_everywhere(data_copy, tmp_path):
    import pandas as pd

    events = pd.read_csv(data_copy / "events.csv", dtype=str, keep_default_na=False)
    events.loc[0, "title"] = "Title " + HOSTILE
    events.loc[0, "summary"] = "Summary " + HOSTILE
    events.to_csv(data_copy / "events.csv", index=False)
    parties = pd.read_csv(data_copy / "parties.csv", dtype=str, keep_default_na=False)
    france = parties["party_id"] == "FRA"
    parties.loc[france, "name"] = "France " + HOSTILE
    parties.loc[france, "short_name"] = "<b>Fr</b><script>x</script>"  # names over 40 characters need one
    parties.to_csv(data_copy / "parties.csv", index=False)
    ends = pd.read_csv(data_copy / "endorsements.csv", dtype=str, keep_default_na=False)
    ends.loc[(ends["party_id"] == "FRA") & (ends["document_id"] == "bletchley-declaration"), "note"] = "Note " + HOSTILE
    ends.to_csv(data_copy / "endorsements.csv", index=False)
    passages = pd.read_csv(data_copy / "passages.csv", dtype=str, keep_default_na=False)
    first = passages["document_id"] == "bletchley-declaration"
    passages.loc[passages.index[first][0], "quote"] = "Quote " + HOSTILE
    passages.to_csv(data_copy / "passages.csv", index=False)
    from components.data import stamp
    from components.i18n import TRANSLATED_LANGS

    for lang in TRANSLATED_LANGS:  # the translations follow the planted English: stamped, and a note for the note
        notes = pd.read_csv(data_copy / f"i18n/{lang}/notes.csv", dtype=str, keep_default_na=False)
        notes.loc[len(notes)] = ["Note " + HOSTILE, "Remarque " + HOSTILE] + [""] * (len(notes.columns) - 2)
        notes.to_csv(data_copy / f"i18n/{lang}/notes.csv", index=False)
        stamp(data_copy / f"i18n/{lang}/events.csv", keys=(events.loc[0, "event_id"],))
        stamp(data_copy / f"i18n/{lang}/parties.csv", keys=("FRA",))
    written = build(tmp_path / "light", data_dir=data_copy, langs=("en",))
    seen = 0
    for path in written.pages:
        html = (written.out / path).read_text(encoding="utf-8")
        parsed = Page(html)
        assert parsed.scripts == 0 and not parsed.handlers, path
        assert "javascript:" not in " ".join(t for _tag, t in parsed.links), path
        assert "<img src=x" not in html and "<strong>bold</strong>" not in html, path
        if "&lt;script&gt;alert(1)&lt;/script&gt;" in html:
            seen += 1
            assert HOSTILE.replace("  ", " ") in parsed.words or "alert(1)" in parsed.words
    assert seen >= 3  # the timeline, France's profile and the map pages that list France
    for path in ("en/documents/bletchley-declaration.html", "en/documents/compare/paris-statement/"
                 "bletchley-declaration.html"):  # a passage's quote: on its document's page and in comparisons
        assert "Quote &lt;script&gt;alert(1)&lt;/script&gt;" in (written.out / path).read_text(encoding="utf-8")


# --- in a browser: axe at both widths, nothing leaves the machine --------------------------------------------

A11Y_PAGES = ["index.html", "map/document-bletchley-declaration.html", "country/FRA.html", "timeline/index.html",
              "explainers/bias.html", "story/2.html", "documents/index.html", "documents/bletchley-declaration.html"]
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_axe_and_no_outside_request(light, browser, lang, width):
    from tests.browser import axe_run

    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, java_script_enabled=True)
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    try:
        for path in A11Y_PAGES:
            tab.goto((light.out / lang / path).as_uri(), wait_until="load")
            assert tab.evaluate("document.images.length === 0 || [...document.images].every(i => i.complete && "
                                "i.naturalWidth > 0)"), f"{path}: a picture did not load"
            for details in tab.locator("details").all()[:3]:  # the answers under <details>, opened
                details.evaluate("d => d.open = true")
            result = axe_run(tab)
            assert result.violations_count == 0, (path, result.generate_report())
            wide = tab.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
            assert not wide, f"{path}: the page scrolls sideways at {w} px"
    finally:
        context.close()
    assert not outside, outside


@pytest.mark.parametrize("key, params, url_path", [
    ("map", {"document": "bletchley-declaration"}, "map"), ("map", {"country": "FRA", "lang": "fr"}, "/map"),
    ("timeline", {"kind": "speech"}, "timeline"), ("story", {"step": "4"}, "story"), ("home", {}, ""),
    ("explainers", {"risk": "bias\"><script>"}, "explainers"),  # not an id: left out, no script in the link
    ("documents", {"cell": "paris-statement/bias", "lang": "fr"}, "documents"),  # a cell: its section's anchor
    ("documents", {"cell": "a/../../b", "doc": "seoul-declaration"}, "documents"),  # not a cell: left out
])
def test_live_link_to_the_light_twin(key, params, url_path):
    lang = params.get("lang", "en")
    link = light_link(url_path, params, lang)
    expected = light_path(key, {k: v for k, v in params.items() if '"' not in v and v.count("/") < 2})
    assert link == f"/light/{lang}/{expected}"


def test_live_page_links_to_its_light_twin(server, browser):
    """The sidebar of a live page (French, a document view) links to the same view in the light edition."""
    from tests.browser import READY

    tab = browser.new_page()
    try:
        tab.goto(f"{server}/map?document=bletchley-declaration&lang=fr", wait_until="commit")
        tab.wait_for_selector(READY, timeout=60_000)
        link = tab.get_by_role("link", name="Version légère (sans JavaScript)")
        link.wait_for(timeout=30_000)
        assert link.get_attribute("href") == "/light/fr/map/document-bletchley-declaration.html"
    finally:
        tab.close()
