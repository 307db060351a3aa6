"""Hostile and unlucky input: URL parameters, pasted text, repeated and conflicting parameters (AppTest)."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from components.data import read_atlas
from components.dates import month_pick
from components.state import (MAX_ECHO, UNSAFE_CHARS, UrlState, labeller, limit_text, option, options_in,
                              parse_choice, parse_date, parse_many, parse_text, valid_page_ref)
from components.site import PAGES
from tests.conftest import ROOT

APP = str(ROOT / "app.py")

# every control and bidi character the brief names, each of which must never reach the page
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
CONTROLS = [chr(c) for c in range(0x00, 0x20)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xa0)]
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def start(page: str, params: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(PAGES[page])
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


CODE_SPAN = re.compile(r"`[^`\n]+`")


def warnings(at: AppTest) -> list[str]:
    """Notices as the visitor reads them (Markdown escapes removed)."""
    return [re.sub(r"`([^`]*)`", r"\1", re.sub(r"\\(.)", r"\1", w.value)) for w in at.warning]


MARKDOWN_KINDS = ("markdown", "warning", "info", "error", "success", "title", "header", "subheader", "caption")


def rendered_text(at: AppTest, markdown_only: bool = False) -> list[str]:
    """Every piece of text the page shows: Markdown and notices, then (unless markdown_only) code blocks and
    widget labels and values, which are shown literally."""
    texts = [str(e.value) for kind in MARKDOWN_KINDS for e in getattr(at, kind)]
    if not markdown_only:
        texts += [str(e.value) for e in at.code]
        for kind in ("text_input", "selectbox", "multiselect", "radio"):
            for w in getattr(at, kind):
                texts += [str(w.label), str(w.value)]
    return texts


# --- the echo helper and the parsers ----------------------------------------------------------------

@pytest.mark.parametrize("char", BIDI + CONTROLS + ["\u061c", "\u200b", "\u2028", "\u2029", "\ufeff"])
def test_no_control_or_bidi_character_is_echoed(char):
    raw = f"abc{char}def{char}"
    for notice in (parse_choice(raw, {"x"}, None, "country")[1], parse_many([raw], {"x"}, "kind")[1],
                   parse_date(raw, "start date")[1]):
        assert notice and not UNSAFE_CHARS.search(notice), repr(notice)
        assert "abc" in notice and "def" in notice  # the visible rest is still shown
    assert not UNSAFE_CHARS.search(parse_text(raw))


def test_right_to_left_override_cannot_reverse_a_notice():
    notice = parse_choice("\u202egpj.exe", {"x"}, None, "country")[1]
    assert "\u202e" not in notice and "\ufffdgpj.exe" in notice  # replaced where it was, so it shows


def test_repeated_parameter_uses_the_last_and_says_so():
    params = {"country": ["FRA", "DEU"]}
    state = UrlState(params)
    assert state.choice("country", {"FRA", "DEU"}) == "DEU"
    assert state.notices == ["“`country`” was given 2 times: using the last value, “`DEU`”."]  # values as code
    assert params == {"country": "DEU"}  # the URL keeps only the value used


def test_conflicting_parameters_keep_the_first_and_say_so():
    params = {"document": "d", "summit": "s"}
    state = UrlState(params)
    assert state.exclusive({"document": "d", "summit": "s"}) == "document"
    assert state.notices == ["Both “document” and “summit” were given: showing the document “`d`”, summit ignored."]
    assert params == {"document": "d"}
    assert UrlState({}).exclusive({"document": None, "summit": "s"}) == "summit"


@pytest.mark.parametrize("text, cut", [("a" * 100, False), ("a" * 101, True), ("", False), (None, False)])
def test_limit_text(text, cut):
    value, notice = limit_text(text, 100, "The search")
    assert len(value) <= 100 and (notice is not None) == cut
    if cut:
        assert notice == "The search takes at most 100 characters: only the first 100 were used."


# --- pages: repeated and conflicting parameters, over-long pasted text --------------------------------

def test_map_repeated_country_says_which_is_used():
    at = start("map", {"country": ["FRA", "DEU"]})
    assert not at.exception
    assert any("“country” was given 2 times" in w and "“DEU”" in w for w in warnings(at)), warnings(at)
    assert any(h.value == "Country profile: Germany" for h in at.header)


def test_map_document_and_summit_says_which_is_shown():
    at = start("map", {"document": "bletchley-declaration", "summit": "seoul-2024"})
    assert not at.exception
    assert any("Both “document” and “summit”" in w and "bletchley-declaration" in w for w in warnings(at)), warnings(at)
    assert at.selectbox[0].value == "document:bletchley-declaration"
    assert "summit" not in at.query_params


def test_timeline_event_and_statement_says_which_is_shown():
    atlas = read_atlas(ROOT / "data")
    event, statement = atlas.events.iloc[0], atlas.statements.iloc[0]
    at = start("timeline", {"event": event["event_id"], "statement": statement["statement_id"]})
    assert not at.exception
    assert any("Both “event” and “statement”" in w for w in warnings(at)), warnings(at)
    assert any(event["title"][:20] in s.value for s in at.subheader), [s.value for s in at.subheader]


def test_map_filter_longer_than_its_limit_says_so():
    at = start("map", {})
    box = next(t for t in at.text_input if t.label == "Filter by party name")
    box.input("Germany" + "x" * 200).run()
    assert not at.exception
    assert any("takes at most 60 characters" in w for w in warnings(at)), warnings(at)


def test_timeline_search_longer_than_its_limit_says_so():
    at = start("timeline", {})
    box = next(t for t in at.text_input if t.label.startswith("Search"))
    box.input("Bletchley " * 50).run()
    assert not at.exception
    assert any("takes at most 100 characters" in w for w in warnings(at)), warnings(at)
    assert len(at.query_params["q"]) <= 100
    at.run()  # the notice is shown once, not for ever
    assert not any("takes at most" in w for w in warnings(at))


# --- map geometry: served from memory, points when it cannot be ---------------------------------------

def test_map_falls_back_to_points_with_notice_when_geometry_cannot_be_served(data_copy, monkeypatch):
    from components import cached

    monkeypatch.setattr(cached, "publish_geometry", lambda data: None)
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data_copy))  # a data version of its own: the view is built afresh
    at = start("map", {"document": "bletchley-declaration"})
    assert not at.exception
    assert any("drawn as a point" in w for w in warnings(at)), warnings(at)
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert [layer["id"] for layer in spec["layers"]] == ["points"] and len(spec["layers"][0]["data"]) > 150


# --- URL fuzz: every parameter of every page -----------------------------------------------------------

PARAMS = {"home": ["x"], "map": ["document", "summit", "country"],
          "timeline": ["kind", "party", "speaker", "from", "to", "q", "event", "statement"],
          "explainers": ["risk", "mode"], "data": ["x"]}
PAYLOADS = {
    "empty": "",
    "10k": "A" * 10_000,
    "controls": "FRA" + "".join(CONTROLS) + "x",
    "bidi": "\u202egpj.exe\u202c" + "".join(BIDI) + "FRA",
    "html": "<script>alert(1)</script><img src=x onerror=alert(1)><b>x</b>",
    "markdown": "[click](javascript:alert(1)) **bold** $x^2$ :red[red] ![i](https://example.org/x.png) # h",
    "date-before": "2020-01-01",
    "date-after": "2030-12-31",
    "date-impossible": "2023-02-30",
    "date-garbage": "9999-99-99",
    "repeated": ["FRA", "bletchley-declaration", "2024-05-21"],
}
CASES = [pytest.param(page, key, name, id=f"{page}-{key}-{name}")
         for page, keys in PARAMS.items() for key in keys for name in PAYLOADS]


@pytest.mark.parametrize("page, key, name", CASES)
def test_url_fuzz(page, key, name):
    at = start(page, {key: PAYLOADS[name]})
    assert not at.exception, [e.message for e in at.exception]
    texts = rendered_text(at)
    assert at.title or any("did not pass validation" in e.value for e in at.error), "the page drew something"
    bad = [t[:80] for t in texts if FORBIDDEN.search(t)]
    assert bad == [], bad
    shown = "\n".join(rendered_text(at, markdown_only=True))
    # a value repeated in a notice is an inline code span (shown literally: no HTML, no Markdown, no link) of at
    # most 40 characters; everywhere else, Markdown-escaped (\<), never raw HTML
    spans = [span for w in at.warning for span in CODE_SPAN.findall(w.value)]
    assert all(len(span) <= 2 + MAX_ECHO for span in spans), spans
    assert not re.search(r"(?<!\\)<(script|img|b>)", CODE_SPAN.sub("", shown))


# --- invisible characters: hidden text a journalist would paste elsewhere ---------------------------------

INVISIBLE = ["\u00ad", "\u034f", "\u061c", "\u115f", "\u1160", "\u17b4", "\u17b5", "\u180e", "\u200b", "\u200c",
             "\u200d", "\u2060", "\u2064", "\u2800", "\u3164", "\ufe0f", "\uffa0", "\ufff9", "\ufffa", "\ufffb",
             "\ue000", "\U000e0001", "\U000e0041", "\U000e007f", "\U000e0100", "\U000f0000"]


@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_invisible_characters_are_dropped_from_url_and_widget_text(char):
    raw = f"Fr{char}ance{char}"
    assert parse_text(raw) == "France"  # URL text: q, and everything made from it (embeds, SVG, CSV, alt text)
    assert limit_text(raw, 100, "The search") == ("France", None)  # a text box's value
    notice = parse_choice(raw, {"x"}, None, "country")[1]
    assert char not in notice and "Fr\ufffdance" in notice  # echoed: replaced where it was, so it shows


def test_every_control_format_private_and_separator_character_is_unsafe():
    """Each character of categories Cc, Cf, Co, Cs, Zl, Zp in this Python's own Unicode tables is caught (the
    pattern lists ranges; a newer Unicode that adds a format character fails here, not on a visitor's page)."""
    import sys
    import unicodedata

    missed = [f"U+{c:04X}" for c in range(sys.maxunicode + 1)
              if unicodedata.category(chr(c)) in {"Cc", "Cf", "Co", "Cs", "Zl", "Zp"} and not UNSAFE_CHARS.match(chr(c))]
    assert missed == []
    assert not UNSAFE_CHARS.search("Côte d'Ivoire, 中国, Россия, עברית, हिन्दी, 🇫🇷")  # real text passes


@pytest.mark.parametrize("value, expected", [
    ("/map?country=FRA", "/map?country=FRA"), ("/timeline?event=2023-11-01-x&lang=fr", "/timeline?event=2023-11-01-x&lang=fr"),
    ("/", "/"), ("/map?x=www.evil.example", ""), ("/map?x=![i](https:", ""), ("/map?x=@someone", ""),
    ("/evil", ""), ("https://evil.example/map", ""), ("/map?q=a b", ""), ("/map?" + "a" * 400, ""),
])
def test_report_from_is_accepted_only_as_the_atlas_writes_it(value, expected):
    assert valid_page_ref(value, {"/", "/map", "/timeline"}) == expected


def test_every_widget_value_is_checked_against_its_options():
    names = {"": "All", "FRA": "France"}
    label = labeller(names)
    assert [label(v) for v in ("", "FRA")] == ["All", "France"]
    assert label("ZQX") not in names.values() and label(["a"]) not in names.values()  # unknown: no option's label
    assert option("ZQX", names, "") == "" and option(["a"], names, "FRA") == "FRA" and option("FRA", names) == "FRA"
    assert options_in(["a", "ZQX", "a", ["x"]], ["a", "b"]) == ["a"] and options_in("a", ["a"]) == []


@pytest.mark.parametrize("picked", ["", "2023-13", "2023-1", "x" * 200_000, None, 3, ["2023-11"]])
def test_month_pick_takes_only_a_month(picked):
    assert month_pick(picked, None, last_day=False) is None
