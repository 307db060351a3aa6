"""Pure functions, as parametrized tables over small frames and over the shipped data."""

import pandas as pd
import pytest

from components import charts, maps
from components.dates import format_range
from components.lessons import glossary_terms_in, reading_minutes
from components.mapviews import View, attendance_note, map_shape
from components.naming import short_party_names
from components.participation import (coverage_note, document_sentence, document_status, signature_matrix,
                                      signed_counts, summit_status)
from components.profiles import events_for_party
from components.state import UrlState, parse_choice, parse_date, parse_many, parse_text
from components.text import md_escape, safe_url
from components.timeline import (ITEM_COLUMNS, TIMELINEJS_COLUMNS, citation, filter_items, item_when, items_csv,
                                 timeline_items, to_timelinejs)
from tests.conftest import shipped_atlas

ATLAS = shipped_atlas()


def frame(rows, columns):
    return pd.DataFrame(rows, columns=columns)


PARTIES = frame([["AAA", "Aland", "state", False], ["BBB", "Bland", "state", True], ["EU", "European Union", "bloc", False],
                 ["acme", "Acme", "company", False]], ["party_id", "name", "kind", "eu_member"])
DOCS = frame([["d1", "s1", "Doc One", "2023-11-01", "states", 3, "3 parties"],
              ["d2", "s1", "Doc Two", "2023-11-02", "states", None, ""],
              ["c1", "s1", "Company Pledge", "2023-11-02", "companies", None, ""]],
             ["document_id", "summit_id", "title", "date", "endorser_kind", "reported_count", "reported_count_note"]
             ).assign(date_precision="day")
ENDS = frame([["d1", "AAA", "signed", "2023-11-01"], ["d1", "EU", "signed", "2023-11-01"],
              ["d1", "BBB", "joined_later", "2024-10-23"], ["d2", "BBB", "attended_not_signed", "2023-11-02"],
              ["c1", "acme", "signed", "2023-11-02"]], ["document_id", "party_id", "status", "date"]).assign(
    source_url="https://example.org/s", verification="primary", note="", date_precision="day", checked_on="2026-11-30")


@pytest.mark.parametrize("document_id, expected", [
    ("d1", {"AAA": "signed", "BBB": "joined_later", "EU": "signed", "acme": "no_record"}),
    ("d2", {"AAA": "no_record", "BBB": "attended_not_signed", "EU": "no_record", "acme": "no_record"}),
    ("nope", {"AAA": "no_record", "BBB": "no_record", "EU": "no_record", "acme": "no_record"}),
])
def test_document_status(document_id, expected):
    out = document_status(PARTIES, ENDS, document_id)
    assert dict(zip(out["party_id"], out["status"])) == expected


def test_summit_status_takes_strongest():
    out = summit_status(PARTIES, ENDS, DOCS, "s1")
    assert dict(zip(out["party_id"], out["status"]))["BBB"] == "joined_later"
    assert dict(zip(out["party_id"], out["status"]))["acme"] == "no_record"  # company docs are not state docs


def test_signed_counts_ignores_company_documents():
    out = signed_counts(PARTIES, ENDS, DOCS).set_index("party_id")["signed_count"].to_dict()
    assert out == {"AAA": 1, "BBB": 1, "EU": 1, "acme": 0}


def test_document_sentence_at_month_precision_says_in_the_month():
    doc = DOCS.set_index("document_id").loc["d1"].copy()
    doc["date_precision"] = "month"
    ends = ENDS.assign(date_precision=["day", "day", "month", "day", "day"])
    text = document_sentence(doc, document_status(PARTIES, ends, "d1"))
    assert text == "1 country and the EU signed the Doc One in November 2023; Bland joined in October 2024."


@pytest.mark.parametrize("precision, joined", [
    ("on_or_before", "Bland joined on or before 23 October 2024"),
    ("day", "Bland joined on 23 October 2024"),
])
def test_document_sentence_says_a_bound_in_words(precision, joined):
    ends = ENDS.assign(date_precision=["day", "day", precision, "day", "day"])
    text = document_sentence(DOCS.set_index("document_id").loc["d1"], document_status(PARTIES, ends, "d1"))
    assert text == f"1 country and the EU signed the Doc One on 1 November 2023; {joined}."


@pytest.mark.parametrize("document_id, sentence", [
    ("d1", "1 country and the EU signed the Doc One on 1 November 2023; Bland joined on 23 October 2024."),
    ("d2", "No endorser of the Doc Two (2 November 2023) is listed here: its list of endorsers has not been "
           "verified. Bland attended but did not sign."),
])
def test_document_sentence(document_id, sentence):
    doc = DOCS.set_index("document_id").loc[document_id]
    assert document_sentence(doc, document_status(PARTIES, ENDS, document_id)) == sentence


@pytest.mark.parametrize("count, listed_endorsers, expected", [
    (3, "d1", None),  # 3 listed (AAA, EU, BBB) of 3
    (60, "d1", "3 parties. 3 of them are listed here with sources"),
])
def test_coverage_note(count, listed_endorsers, expected):
    doc = DOCS.set_index("document_id").loc["d1"].copy()
    doc["reported_count"] = count
    note = coverage_note(doc, document_status(PARTIES, ENDS, listed_endorsers))
    assert (note is None) if expected is None else note.startswith(expected)


def test_signature_matrix_words_not_codes():
    m = signature_matrix(PARTIES, ENDS, DOCS)
    assert list(m.columns) == ["Party", "Documents signed", "Doc One", "Doc Two"]
    row = m.set_index("Party").loc["Bland"]
    assert (row["Doc One"], row["Doc Two"], row["Documents signed"]) == ("Joined later", "Attended, did not sign", 1)


@pytest.mark.parametrize("document_id, n_signed, later, declined", [
    ("bletchley-declaration", 29, {"NZL"}, set()),
    ("seoul-declaration", 11, set(), set()),
    ("seoul-ministerial-statement", 28, set(), {"CHN"}),
    ("new-delhi-declaration", 88, {"BGD", "CRI", "GTM"}, set()),
    ("paris-statement", 49, set(), {"USA", "GBR", "ZAF"}),
])
def test_shipped_key_documents(document_id, n_signed, later, declined):
    out = document_status(ATLAS.parties, ATLAS.endorsements, document_id)
    assert (out["status"] == "signed").sum() == n_signed
    assert set(out.loc[out["status"] == "joined_later", "party_id"]) == later
    assert set(out.loc[out["status"] == "attended_not_signed", "party_id"]) == declined


def test_bletchley_sentence_from_data():
    doc = ATLAS.documents.set_index("document_id").loc["bletchley-declaration"]
    text = document_sentence(doc, document_status(ATLAS.parties, ATLAS.endorsements,
                                                  "bletchley-declaration"))
    assert text.startswith("28 countries and the EU signed the ")
    assert "New Zealand joined on 23 October 2024" in text


def test_paris_partial_list_is_never_presented_as_whole():
    doc = ATLAS.documents.set_index("document_id").loc["paris-statement"]
    note = coverage_note(doc, document_status(ATLAS.parties, ATLAS.endorsements, "paris-statement"))
    assert note is not None and "49 of them are listed here" in note


@pytest.mark.parametrize("raw, expected", [
    (None, ("d", None)), ("", ("d", None)), ("a", ("a", None)),
    # the repeated value is an inline code span: no link, no Markdown, cut to 40 characters
    ("zzz", ("d", "Unknown thing “`zzz`”: showing the default view instead.")),
    ("<b>x</b>" * 20, ("d", "Unknown thing “`" + ("<b>x</b>" * 20)[:39] + "…`”: showing the default view instead.")),
])
def test_parse_choice(raw, expected):
    assert parse_choice(raw, ["a", "d"], "d", "thing") == expected


@pytest.mark.parametrize("raw, good, has_notice", [
    (["a,b"], ["a", "b"], False), (["a", "b"], ["a", "b"], False), (["a,zz"], ["a"], True), ([], [], False),
])
def test_parse_many(raw, good, has_notice):
    values, notice = parse_many(raw, ["a", "b"], "kind")
    assert values == good and (notice is not None) == has_notice


@pytest.mark.parametrize("raw, ok", [("2024-02-29", True), ("2023-02-29", False), ("yesterday", False), (None, True)])
def test_parse_date(raw, ok):
    value, notice = parse_date(raw, "from")
    assert (notice is None) == ok


def test_parse_text_is_bounded_plain():
    assert parse_text("  a\nb  " + "x" * 500, 10) == "a b xxxxxx"


def test_url_state_writes_only_non_defaults_and_drops_bad_values():
    params = {"document": "bogus", "q": "x"}
    s = UrlState(params)
    assert s.choice("document", ["a"], None) is None and "document" not in params and len(s.notices) == 1
    s.set("summit", "s")
    s.set("q", None)
    assert params == {"summit": "s"}


@pytest.mark.parametrize("text, expected", [
    ("<script>alert(1)</script>", r"\<script\>alert\(1\)\</script\>"),
    ("[click](https://evil.example)", r"\[click\]\(https\:\/\/evil\.example\)".replace(r"\/", "/")),
    ("$x$ and :red[y]", r"\$x\$ and \:red\[y\]"),
    ("![img](http://x)", r"\!\[img\]\(http\://x\)"),
    ("l'IA \"x\" [a](https://x 'title')", "l'IA \"x\" " + r"\[a\]\(https\://x 'title'\)"),  # quotes stay as they are
])
def test_md_escape(text, expected):
    assert md_escape(text) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://a.org/x (y)", "https://a.org/x%20%28y%29"), ("javascript:alert(1)", ""), ("http://a.org", ""),
])
def test_safe_url(url, expected):
    assert safe_url(url) == expected


# --- timeline ----------------------------------------------------------------------------------------

ITEMS = timeline_items(ATLAS.events, ATLAS.statements)


@pytest.mark.parametrize("kwargs, check", [
    ({"kinds": ["summit"]}, lambda r: (r["kind"] == "summit").all()),
    ({"party": "CHN"}, lambda r: r["parties"].map(lambda v: "CHN" in v.split(";")).all()),
    ({"start": "2025-01-01"}, lambda r: (r["date"].where(r["end_date"] == "", r["end_date"]) >= "2025-01-01").all()),
    ({"end": "2023-12-31"}, lambda r: (r["date"] <= "2023-12-31").all()),
    ({"query": "BLETCHLEY"}, lambda r: r.apply(lambda x: "bletchley" in (x["title"] + x["text"] + x["quote"]
                                                                         + x["speaker"]).lower(), axis=1).all()),
    ({"kinds": ["speech"], "start": "2023-11-01", "end": "2023-11-02"},
     lambda r: ((r["kind"] == "speech") & (r["date"] >= "2023-11-01") & (r["date"] <= "2023-11-02")).all()),
])
def test_filter_each_and_combined(kwargs, check):
    out = filter_items(ITEMS, **kwargs)
    assert 0 < len(out) < len(ITEMS) and check(out)


@pytest.mark.parametrize("query", ["(", "[a-z]+", ".*", "\\", "' OR 1=1 --"])
def test_search_is_plain_text(query):
    out = filter_items(ITEMS, query=query)
    assert len(out) < len(ITEMS)  # not interpreted as a pattern that matches everything, and no error


def test_speaker_filter():
    speaker = ATLAS.statements.iloc[0]["speaker"]
    out = filter_items(ITEMS, speaker=speaker)
    assert len(out) >= 1 and set(out["speaker"]) == {speaker}


def test_seed_statements_first():
    first = ATLAS.statements.iloc[0]
    assert first["date"] == "2023-11-02" and "Musk" in first["speaker"] and "Lancaster House" in first["venue"]


def test_citation_text():
    item = ITEMS[ITEMS["item_type"] == "event"].iloc[0]
    text = citation(item, "2026-11-27", "http://x/timeline?event=" + item["item_id"])
    assert item["source_url"] in text and "accessed 27 November 2026" in text and text.endswith(item["item_id"])


def test_empty_events_give_empty_results_not_errors():
    # a header-only events.csv passes validation; every country profile then asks for that party's events
    empty = ATLAS.events.head(0)
    assert len(events_for_party(empty, "FRA")) == 0
    assert list(events_for_party(empty, "FRA").columns) == list(ATLAS.events.columns)
    items = timeline_items(empty, ATLAS.statements.head(0))
    assert len(filter_items(items, ["summit"], "FRA", "x", "2024-01-01", "2025-01-01", "q")) == 0


def test_items_csv_round_trip():
    import io

    back = pd.read_csv(io.BytesIO(items_csv(ITEMS)), dtype=str, keep_default_na=False)
    assert list(back.columns) == ITEM_COLUMNS and len(back) == len(ITEMS)
    assert back["item_id"].tolist() == ITEMS["item_id"].tolist()


def test_timelinejs_round_trip():
    import io

    tj = to_timelinejs(ITEMS, "kind: summit", "2026-11-30", "https://atlas.example/timeline?kind=summit")
    back = pd.read_csv(io.StringIO(tj.to_csv(index=False)), dtype=str, keep_default_na=False)
    assert list(back.columns) == TIMELINEJS_COLUMNS
    assert len(back) == len(ITEMS) + 1  # a title slide, then one slide per item
    title = back.iloc[0]
    assert title["Type"] == "title" and title["Year"] == "" and "AI Summit Atlas" in title["Headline"]
    assert "kind: summit" in title["Text"] and "30 November 2026" in title["Text"] and "CC BY 4.0" in title["Text"]
    assert '<a href="https://atlas.example/timeline?kind=summit">' in title["Text"]
    first, slide = ITEMS.iloc[0], back.iloc[1]
    assert slide["Year"] == first["date"][:4] and slide["Headline"] == first["title"] and slide["Type"] == ""
    # the source is a link in Text, never Media (TimelineJS drew source pages as broken images)
    assert (back[["Media", "Media Credit", "Media Caption", "Media Thumbnail"]] == "").all().all()
    assert f'<a href="{first["source_url"]}">' in slide["Text"]
    months = ITEMS["date_precision"] == "month"
    assert (back.iloc[1:].loc[months.values, "Day"] == "").all()


def test_timelinejs_escapes_text_and_links():
    item = ITEMS.iloc[[0]].copy()
    item["text"] = 'Text with <script>alert(1)</script> & "quotes"'
    item["source_title"] = "<b>Headline</b>"
    item["source_url"] = 'https://example.org/a"onmouseover="x'
    text = to_timelinejs(item, "<i>filter</i>").iloc[1]["Text"]
    assert "<script>" not in text and "&lt;script&gt;" in text and "<b>" not in text
    assert 'href="https://example.org/a&quot;onmouseover=&quot;x"' in text
    assert "<i>" not in to_timelinejs(item, "<i>filter</i>").iloc[0]["Text"]


@pytest.mark.parametrize("start, end, expected", [
    ("2023-11-01", "2023-11-02", "1–2 November 2023"), ("2024-05-21", "", "21 May 2024"),
    ("2025-01-30", "2025-02-02", "30 January – 2 February 2025"), ("2025-12-30", "2026-01-02",
                                                                  "30 December 2025 – 2 January 2026"),
])
def test_format_range(start, end, expected):
    assert format_range(start, end) == expected


def test_build_timeline_lanes_and_bands():
    fig = charts.build_timeline(ITEMS, ATLAS.summits)
    names = {t.name for t in fig.data if t.name}
    assert "Summits" in names and "Speeches and statements" in names
    held = (ATLAS.summits["status"] == "held").sum()
    assert len(fig.layout.shapes) == held


def test_build_timeline_hover_text_has_no_markup_from_data():
    # plotly renders hover text as HTML-ish: a tag from the data must not survive; only our own <br> may
    hostile = ITEMS.head(2).copy()
    hostile["title"] = ["<b>Bold</b> <a href='x'>link</a>", "<img src=x onerror=alert(1)>"]
    hostile["text"] = "<i>it</i>"
    hostile["end_date"] = ["", "2024-01-02"]  # one marker, one multi-day bar: both kinds of hover text
    fig = charts.build_timeline(hostile, ATLAS.summits.head(0))
    texts = [str(x) for t in fig.data for x in t.text]
    assert len(texts) == 3 and any("Bold" in x for x in texts) and any("img src=x" in x for x in texts)
    for text in texts:
        assert "<" not in text.replace("<br>", "") and ">" not in text.replace("<br>", ""), text


@pytest.mark.parametrize("lane", charts.LANES)
def test_lean_timeline_symbol_numbers_are_plotlys(lane):
    # plotly.js takes a symbol by name or number; its validator lists each as (number, "number", name)
    import json

    import plotly.graph_objects as go

    name = charts.LANE_SYMBOLS[lane]
    values = go.scatter.Marker()._get_validator("symbol").values
    assert values[values.index(name) - 2] == charts.SYMBOL_NUMBERS[name]
    items = ITEMS[ITEMS["end_date"] == ""].head(1).assign(lane=lane)
    fig = charts.build_timeline(items, ATLAS.summits.head(0), lean=True)
    assert list(fig.data[0].marker.symbol) == [charts.SYMBOL_NUMBERS[name]]
    assert "template" not in json.loads(fig.to_json())["layout"]  # plotly.js's defaults draw the same as "none"


# --- map builders ------------------------------------------------------------------------------------

def test_build_map_has_no_basemap_and_stable_ids():
    import json

    points = frame([["X", "Signed", "", "", [0, 0, 0], 1.0, 2.0]], ["name", "status", "date", "source", "fill", "lat", "lon"])
    a = json.loads(maps.build_map("/app/static/x.geojson", points).to_json())
    b = maps.build_map("/app/static/x.geojson", points).to_json()
    assert a["mapStyle"] == "__MAP_STYLE__" and "cartocdn" not in b and "mapbox" not in b.lower()
    # with served shapes the points ride in the GeoJSON (maps.with_points); without, they are the only layer
    assert [layer["id"] for layer in a["layers"]] == ["countries"]
    assert [layer["id"] for layer in json.loads(maps.build_map(None, points).to_json())["layers"]] == ["points"]
    assert maps.build_map("/app/static/x.geojson", points).to_json() == b


@pytest.mark.parametrize("count, maximum, expected", [
    (0, 8, maps.STATUS_COLOURS["no_record"]), (1, 8, maps.COUNT_COLOURS[0]), (8, 8, maps.COUNT_COLOURS[-1]),
    (1, 1, maps.COUNT_COLOURS[-1]),
])
def test_count_colour(count, maximum, expected):
    assert maps.count_colour(count, maximum) == expected


def test_colour_features_keeps_every_shape():
    geo = {"features": [{"properties": {"iso3": "AAA", "name": "A"}, "geometry": None},
                        {"properties": {"iso3": "", "name": "Somewhere"}, "geometry": None}]}
    values = frame([["AAA", "Aland", "Signed", "1 Nov", "Source: x", [1, 2, 3], True]],
                   ["party_id", "name", "label", "date", "source", "fill", "eu_member"]).set_index("party_id")
    out = maps.colour_features(geo, values, highlight_eu=True)
    assert [f["properties"]["status"] for f in out["features"]] == ["Signed", "No record"]
    assert out["features"][0]["properties"]["line"] == maps.EU_OUTLINE


# --- explainers --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, terms", [
    ("A deepfake is fake.", {"deepfake"}), ("Nothing here.", set()),
])
def test_glossary_terms_in(text, terms):
    glossary = frame([["Deepfake", "d", "https://x.org"], ["Compute", "c", "https://x.org"]],
                     ["term", "definition", "source_url"])
    assert {t.lower() for t in glossary_terms_in(text, glossary)["term"]} == terms


@pytest.mark.parametrize("words, minutes", [(0, 1), (120, 1), (360, 3)])
def test_reading_minutes(words, minutes):
    assert reading_minutes(" ".join(["w"] * words)) == minutes


def test_counts_leave_out_documents_not_from_a_summit():
    docs = pd.concat([DOCS, frame([["t1", "", "Treaty", "2024-09-05", "states", None, "", "day"]], list(DOCS.columns))])
    ends = pd.concat([ENDS, ENDS.iloc[[0]].assign(document_id="t1")])
    assert signed_counts(PARTIES, ends, docs).set_index("party_id").at["AAA", "signed_count"] == 1
    assert "Treaty" in signature_matrix(PARTIES, ends, docs).columns


def test_coverage_note_without_official_count_repeats_what_is_known():
    doc = DOCS.set_index("document_id").loc["d2"].copy()
    doc["reported_count_note"] = "No count was verified."
    assert coverage_note(doc, document_status(PARTIES, ENDS, "d2")) == "No count was verified."
    doc["reported_count_note"] = ""
    assert coverage_note(doc, document_status(PARTIES, ENDS, "d2")) is None


@pytest.mark.parametrize("date, end, precision, expected", [
    ("2023-10-01", "", "month", "October 2023"), ("2023-11-01", "2023-11-02", "day", "1–2 November 2023"),
    ("2024-05-21", "", "day", "21 May 2024"),
    ("2025-02-07", "", "on_or_before", "on or before 7 February 2025"),
])
def test_item_when(date, end, precision, expected):
    assert item_when(pd.Series({"date": date, "end_date": end, "date_precision": precision})) == expected


def test_html_table_escapes_and_labels():
    from components.text import html_table

    html = html_table(frame([["<img src=x>", "a & b"]], ["Party", "Note"]), "Cap <x>", row_header="Party")
    assert "<img" not in html and "&lt;img src=x&gt;" in html and "a &amp; b" in html
    assert 'aria-label="Cap &lt;x&gt;"' in html and 'tabindex="0"' in html and '<th scope="row">' in html


@pytest.mark.parametrize("listing, rows, expected", [
    ("official", 2, "Attendees of Bletchley 2023, from the host's published list, each with its source: "
                    "1 government and 1 company."),
    ("reported", 2, "The host published a list of the attendees of Bletchley 2023, but it could not be read here. "
                    "Recorded from reports of that list and from participants' own pages: 1 government and 1 company."),
    ("none", 2, "Attendees of Bletchley 2023 recorded here with sources: 1 government and 1 company. Only parties"),
    ("", 0, "No full list of attendees was found for Bletchley 2023, so none is recorded here"),
    ("none", 0, "No full list of attendees was found for Bletchley 2023, so none is recorded here"),
    ("reported", 0, "No list of attendees is recorded here for Bletchley 2023"),
])
def test_attendance_note_says_what_the_list_rests_on(listing, rows, expected):
    summit = pd.Series({"name": "AI Safety Summit", "short_name": "Bletchley 2023", "attendee_list": listing})
    attendees = frame([["AAA", "government"], ["acme", "company"]][:rows], ["party_id", "role"])
    assert attendance_note(summit, attendees).startswith(expected)


def test_short_party_names_fall_back_to_the_name():
    parties = frame([["IFAD", "International Fund for Agricultural Development", "IFAD"], ["FRA", "France", ""]],
                    ["party_id", "name", "short_name"])
    assert short_party_names(parties) == {"IFAD": "IFAD", "FRA": "France"}
    assert short_party_names(parties.drop(columns="short_name"))["IFAD"].startswith("International")
    shipped = short_party_names(ATLAS.parties)
    assert max(map(len, shipped.values())) <= 40 and shipped["MILA"] == "Mila"


def test_bletchley_attendance_has_every_role_and_says_it_is_partial():
    shape = map_shape(View("summit", "bletchley-2023"), ATLAS.parties, ATLAS.summits,
                      ATLAS.documents, ATLAS.endorsements, ATLAS.attendance, lambda *a: "")
    assert set(shape.participants["role"]) == {"international organisation", "company", "academia", "civil society"}
    assert "could not be read here" in shape.attendance_note and "1 academic institution" in shape.attendance_note


@pytest.mark.parametrize(("lang", "summit_words", "document_words"), [
    ("en", "No party signed or joined any of the documents of", "No party signed"),
    ("fr", "Aucun participant n'a signé ni rejoint les textes du", "Aucun participant n'a signé"),
    ("es", "Ningún participante firmó ni se adhirió a los documentos de la", "Ningún participante firmó"),
])
def test_a_sentence_about_nobody_negates_its_verb(lang, summit_words, document_words):
    """No signer is a sentence of its own: French negates the verb (« aucun participant a signé » was wrong)."""
    from components.i18n import translator
    from components.participation import summit_sentence

    tr = translator(lang)
    document = ATLAS.documents.iloc[0]
    status = document_status(ATLAS.parties, ATLAS.endorsements, document["document_id"])
    later = status[status["status"].isin(["signed", "joined_later"])].head(1).assign(status="joined_later")
    assert summit_sentence(ATLAS.summits.iloc[0], status.iloc[0:0], tr).startswith(summit_words)
    text = document_sentence(document, later, tr)
    assert text.startswith(document_words) and "participant a signé" not in text, text
