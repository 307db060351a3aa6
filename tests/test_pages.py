"""Every page under Streamlit's AppTest: loads without exception, URL parameters select views, bad ones fall back."""

import json
import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from components.site import PAGES
from tests.conftest import ROOT

APP = str(ROOT / "app.py")



def run(page: str, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(PAGES[page])
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def deck(at: AppTest) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_loads_and_ends_with_sources(page):
    at = run(page)
    assert at.title, "page has a title"
    assert any(s.value == "Sources" for s in at.subheader)


def test_home_key_figures_from_data():
    at = run("home")
    values = {m.label: m.value for m in at.metric}
    assert values["Summits held"] == "4" and int(values["Countries that signed"]) > 28


def test_map_deck_has_no_basemap_and_stable_layer_ids():
    a, b = deck(run("map")), deck(run("map"))
    assert a["mapStyle"] == "__MAP_STYLE__"
    # points ride in the served GeoJSON (maps.with_points): one pickable layer, whose borders are not picked
    assert [layer["id"] for layer in a["layers"]] == ["countries"]
    assert a["layers"][0]["_subLayerProps"] == {"polygons-stroke": {"pickable": False}}  # slow picks lost clicks
    assert a["views"][0]["controller"] == {"normalize": False}  # else deck.gl undoes the zoom below 0
    assert a == b
    assert re.fullmatch(r"/atlas-media/[0-9a-f]{32}\.json", a["layers"][0]["data"])  # served from memory, by hash


def test_map_document_colours_match_data(monkeypatch):
    from components import cached, maps

    published, publish = {}, cached.publish_geometry

    def recording(data: bytes) -> str | None:
        published[url := publish(data)] = data
        return url

    monkeypatch.setattr(cached, "publish_geometry", recording)
    at = run("map", document="seoul-ministerial-statement")
    url = deck(at)["layers"][0]["data"]
    geo = json.loads(published[url])
    fills = {f["properties"]["iso3"]: f["properties"]["fill"] for f in geo["features"]}
    assert fills["GBR"] == maps.STATUS_COLOURS["signed"]
    assert fills["CHN"] == maps.STATUS_COLOURS["attended_not_signed"]
    assert fills["BRA"] == maps.STATUS_COLOURS["no_record"]
    assert "27 countries and the EU signed the Seoul Ministerial Statement" in markdown(at)


def test_map_partial_list_says_so():
    at = run("map", document="paris-statement")
    assert any("49 of them are listed here" in i.value for i in at.info)
    assert any("South Africa" in w for w in warnings(at))


@pytest.mark.parametrize("params, notice", [
    ({"document": "<script>alert(1)</script>"}, "Unknown document"),
    ({"summit": "atlantis-2099"}, "Unknown summit"),
    ({"country": "XXX"}, "Unknown country"),
    ({"country": "USA", "compare": "XXX"}, "Unknown party to compare with"),
])
def test_map_bad_params_fall_back_with_notice(params, notice):
    at = run("map", **params)
    assert any(w.startswith(notice) for w in warnings(at)), warnings(at)
    assert at.selectbox[0].value == "all"
    assert "<script>" not in markdown(at)


SHORT = 40  # characters: the most a document's or summit's name may take in a picker, header or legend


def test_map_names_are_short_in_pickers_and_matrix_header():
    # IFAD's name is 47 characters: with its profile open, every picker (view, country, compare) shows short names
    at = run("map", country="IFAD", compare="MILA")
    pickers = {b.label: list(b.options) for b in at.selectbox}  # as shown (AppTest gives the formatted labels)
    assert {"What the map shows", "Country profile"} <= set(pickers), list(pickers)
    for label, options in pickers.items():
        assert len(options) > 10 and max(map(len, options)) <= SHORT, (label, max(options, key=len))
    assert "IFAD" in pickers["Country profile"] and "Mila" in pickers["Country profile"]
    assert not at.dataframe  # the sortable view is drawn once its tab is chosen (pages/map.py)
    at.session_state["matrix-tab"] = "Sortable view"
    at.run()
    header = list(at.dataframe[-1].value.columns)
    assert "Bletchley Declaration" in header and max(map(len, header)) <= SHORT, max(header, key=len)
    # the strip's row labels (its legend of parties) are the short names; the full name heads the profile
    strips = "\n".join(h.proto.body for h in at.get("html") if "atlas-strip" in h.proto.body)
    assert '<th scope="row">IFAD</th>' in strips and '<th scope="row">Mila</th>' in strips
    assert "Country profile: International Fund for Agricultural Development" in [h.value for h in at.header]


def test_timeline_party_picker_shows_short_names():
    labels = list(run("timeline").selectbox[0].options)
    assert "IFAD" in labels and max(map(len, labels)) <= SHORT, max(labels, key=len)


def test_map_summit_lists_participants_by_role_with_sources():
    at = run("map", summit="bletchley-2023")
    assert "Other participants" in [s.value for s in at.subheader]
    text = markdown(at)
    for heading, name, host in [("International organisations", "United Nations", "press.un.org"),
                                ("Companies", "OpenAI", "silicon.co.uk"), ("Companies", "xAI", "independent.co.uk"),
                                ("Academia", "Mila \\- Quebec Artificial Intelligence Institute", "mila.quebec"),
                                ("Civil society", "Centre for Long\\-Term Resilience", "longtermresilience.org"),
                                ("Civil society", "Center for Democracy \\& Technology", "cdt.org")]:
        line = next(m for m in text.splitlines() if m.startswith(f"**{heading}**"))
        assert re.search(re.escape(name) + r" \(\[source\]\(https://(www\.)?" + re.escape(host), line), (name, line)
    assert any("could not be read here" in i.value for i in at.info)  # the gap, said beside the map


@pytest.mark.parametrize("summit", ["seoul-2024", "paris-2025", "new-delhi-2026"])
def test_map_summit_without_attendee_list_says_so(summit):
    at = run("map", summit=summit)
    assert any("No full list of attendees was found" in i.value for i in at.info), [i.value for i in at.info]
    assert "Other participants" not in [s.value for s in at.subheader]


def test_map_organisation_profile_shows_its_summits():
    text = markdown(run("map", country="CLTR"))
    assert "#### Bletchley 2023" in text and "Attended \\(civil society\\)" in text and "#### Paris 2025" in text


def test_map_china_profile_names_every_summit():
    text = markdown(run("map", country="CHN"))
    for summit in ("Bletchley", "Seoul", "Paris", "New Delhi"):
        assert f"#### {summit}" in text, summit


def test_map_company_profile_shows_its_summits():
    text = markdown(run("map", country="openai"))
    assert "#### Bletchley 2023" in text and "Attended \\(company\\)" in text
    assert "Frontier AI Safety Commitments" in text


def test_map_compare_shows_both_strips():
    at = run("map", country="USA", compare="GBR")
    assert not warnings(at)
    strips = "\n".join(h.value for h in at.get("html"))
    assert "United States" in strips and "United Kingdom" in strips


def test_map_country_profile():
    at = run("map", country="NZL")
    text = markdown(at)
    # each document's title opens its page on /documents (issue 20), a link relative to /map
    assert "**[Bletchley Declaration](/documents?doc=bletchley-declaration)**: Joined later, 23 October 2024" in text
    assert "#### Bletchley 2023" in text


def test_map_missing_geometry_falls_back_to_points(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "geo" / "countries-110m.geojson").unlink()
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data))
    try:
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        at.switch_page(PAGES["map"]).run()
        assert not at.exception
        assert any("drawn as a point" in w for w in warnings(at))
        spec = deck(at)
        assert [layer["id"] for layer in spec["layers"]] == ["points"] and len(spec["layers"][0]["data"]) > 150
    finally:
        monkeypatch.delenv("ATLAS_DATA_DIR")


def test_broken_data_shows_error_panel_not_traceback(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    text = (data / "events.csv").read_text().splitlines()
    text[1] = text[1].replace("https://", "http://", 1)
    (data / "events.csv").write_text("\n".join(text) + "\n")
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data))
    try:
        for page in PAGES:
            at = AppTest.from_file(APP, default_timeout=60)
            at.run()
            at.switch_page(PAGES[page]).run()
            assert not at.exception
            assert at.error and "did not pass validation" in at.error[0].value
            assert "events.csv:2: source_url: not an https:// URL" in at.code[0].value
    finally:
        monkeypatch.delenv("ATLAS_DATA_DIR")


@pytest.mark.parametrize("params, expect", [
    ({"kind": "summit"}, lambda items: all(" · Summits · " in m for m in items)),
    ({"party": "CHN"}, lambda items: len(items) >= 3),
    ({"from": "2025-02-10", "to": "2025-02-11"}, lambda items: all("February 2025" in m for m in items)),
    ({"q": "Lancaster House"}, lambda items: any("Lancaster House" in m for m in items)),
])
def test_timeline_params_select(params, expect):
    at = run("timeline", **params)
    items = [item for m in at.markdown if "verification:" in m.value for item in m.value.split("\n\n---\n\n")]
    assert items and expect(items), items[:3]
    assert not warnings(at)


@pytest.mark.parametrize("params, notice", [
    ({"kind": "gossip"}, "Unknown kind"),
    ({"from": "2024-13-45"}, "is not a date"),
    ({"from": "2025-01-01", "to": "2024-01-01"}, "end date is before the start date"),
    ({"party": "ATLANTIS"}, "Unknown party"),
    ({"event": "no-such-event"}, "Unknown event"),
])
def test_timeline_bad_params_fall_back(params, notice):
    at = run("timeline", **params)
    assert any(notice in w for w in warnings(at)), warnings(at)


def test_timeline_item_view_has_citation():
    from components.data import read_atlas

    event = read_atlas().events.iloc[0]
    at = run("timeline", event=event["event_id"])
    assert any("Via AI Summit Atlas" in c.value and event["source_url"] in c.value for c in at.code)


def test_explainers_overview_and_risk():
    at = run("explainers")
    assert any("Malicious use" == s.value for s in at.subheader)
    at = run("explainers", risk="bias")
    assert at.title[0].value == "Bias"
    assert at.radio and at.button


def test_explainers_quiz_feedback():
    from components.data import read_atlas

    q = read_atlas().questions.query("risk_id == 'bias' and kind == 'quiz'").iloc[0]
    at = run("explainers", risk="bias")
    at.radio(key=f"quiz-{q['question_id']}").set_value(q["answer"]).run()
    at.button(key=f"check-{q['question_id']}").click().run()
    assert at.success and at.success[0].value.startswith("Correct")


def test_explainers_classroom_one_step_at_a_time():
    at = run("explainers", risk="bias", mode="classroom")
    assert [h.value for h in at.header] == ["What is it?"]
    at.button[1].click().run()
    assert [h.value for h in at.header] == ["A real example"]


def test_explainers_bad_risk_falls_back():
    at = run("explainers", risk="../../etc/passwd")
    assert any("Unknown risk" in w for w in warnings(at))
    assert at.title[0].value.startswith("Explainers")


def test_data_page_downloads_and_counts():
    at = run("data")
    assert len(at.get("download_button")) >= 12
    assert any("How to cite" == h.value for h in at.header)


def test_data_page_offers_the_database_built_once_per_data_version(monkeypatch):
    """The SQLite database for Datasette and its metadata.json are download buttons with bytes (one file URL per
    data version, components/cached.py), built from the English data whatever the page's language."""
    from components import cached, export_sqlite
    from components.data import data_fingerprint, load_atlas

    built = []
    real = export_sqlite.database_bytes
    monkeypatch.setattr(export_sqlite, "database_bytes", lambda atlas: built.append(1) or real(atlas))
    cached.database_download.clear()
    for lang in ("en", "fr", "en"):
        at = run("data", lang=lang)
        labels = [b.proto.label for b in at.get("download_button")]
        assert any("SQLite" in label for label in labels) and any("metadata.json" in label for label in labels)
        assert any("datasette ai-summit-atlas.db --metadata metadata.json" in c.value for c in at.caption)
    assert len(built) == 1
    atlas = load_atlas()[0]
    database, meta = cached.database_download(data_fingerprint(atlas.data_dir), atlas)
    assert database.startswith(b"SQLite format 3\x00") and database == real(atlas)
    assert b'"ai-summit-atlas"' in meta


def test_pages_never_change_the_shared_tables():
    """The Atlas is shared read-only by all sessions (cache_resource): running pages must not alter it."""
    import pandas as pd

    from components import data

    for page, params in [("map", {"document": "paris-statement", "country": "ZAF"}), ("map", {}),
                         ("timeline", {"party": "GBR"}), ("explainers", {"risk": "bias"}), ("data", {}),
                         ("home", {}), ("documents", {"doc": "bletchley-declaration"}),
                         ("documents", {"cell": "paris-statement/bias"}),
                         ("documents", {"doc": "seoul-declaration", "compare": "paris-statement"})]:
        run(page, **params)
    shared, _ = data.load_atlas()
    fresh = data.read_atlas()
    for name in data.TABLES:
        pd.testing.assert_frame_equal(getattr(shared, name), getattr(fresh, name))


def test_text_from_data_is_escaped_not_rendered(tmp_path, monkeypatch):
    """Markdown or HTML typed into a data cell shows as text: no link, image or raw HTML reaches the page."""
    from tests.test_data import rows, set_cell

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    set_cell(data / "risks.csv", 2, "title",
             "Evil [link](https://evil.example) <b>x</b> ![i](https://evil.example/i.png)")
    risk_id = rows(data / "risks.csv")[1][0]
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data))
    try:
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        at.switch_page(PAGES["explainers"])
        at.query_params["risk"] = risk_id
        at.run()
        assert not at.exception
        shown = at.title[0].value
        assert "\\[link\\]\\(https" in shown and "\\<b\\>" in shown and "\\!\\[i\\]" in shown
    finally:
        monkeypatch.delenv("ATLAS_DATA_DIR")


def test_map_matrix_is_a_table_and_filters():
    at = run("map")
    html = [h.proto.body for h in at.get("html") if "atlas-table" in h.proto.body]
    assert len(html) == 1 and "<caption>Summit documents signed by each party</caption>" in html[0]
    assert "Kenya" in html[0] and "Japan" in html[0]
    at.text_input(key="matrix-filter").input("keny").run()
    html = [h.proto.body for h in at.get("html") if "atlas-table" in h.proto.body]
    assert "Kenya" in html[0] and "Japan" not in html[0]
