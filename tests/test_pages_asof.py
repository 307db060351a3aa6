"""The map through time and who joined nothing under AppTest: every new URL state, the slider, Play, bad dates."""

from __future__ import annotations

from datetime import date

import pytest

from components import asof
from tests.conftest import shipped_atlas
from tests.test_i18n import run as run_fr
from tests.test_pages import markdown, run, warnings

ATLAS = shipped_atlas()
TODAY = date.today()
MONTHS = asof.span(ATLAS.summits, TODAY).months()


def status_line(at) -> str:
    """The day shown, as the live region says it."""
    lines = [h.proto.body for h in at.get("html") if 'role="status"' in h.proto.body]
    assert len(lines) == 1
    return lines[0]


@pytest.mark.parametrize(("day", "has_nz"), [("2024-06-01", False), ("2024-11-01", True)])
def test_bletchley_declaration_as_of_a_day(day, has_nz):
    at = run("map", document="bletchley-declaration", date=day)
    assert at.query_params["date"] == day
    assert ("As of 1 June 2024" if not has_nz else "As of 1 November 2024") in status_line(at)
    assert ("New Zealand joined" in markdown(at)) is has_nz
    assert not warnings(at)


@pytest.mark.parametrize("params", [
    {"date": "2024-06-30"}, {"summit": "paris-2025", "date": "2024-06-30"}, {"summit": "bletchley-2023",
                                                                            "date": "2023-11-30"},
    {"document": "paris-statement", "date": "2024-06-30"}, {"document": "coe-framework-convention",
                                                            "date": "2024-09-30"},
    {"date": "2024-06-30", "country": "NZL"}, {"date": "2024-06-30", "lang": "fr"},
    {"document": "bletchley-declaration", "date": "2024-06-01", "lang": "fr"},
])
def test_every_view_takes_a_date(params):
    at = (run_fr if params.get("lang") else run)("map", **params)
    assert not warnings(at)
    assert at.query_params["date"] == params["date"]
    words = "Au " if params.get("lang") == "fr" else "As of "
    assert words in status_line(at) and "today" not in status_line(at)


@pytest.mark.parametrize(("raw", "notice"), [
    ("2019-01-01", "1 January 2019 is outside the span of the data"),
    ("2031-06-30", "30 June 2031 is outside the span of the data"),
    ("2023-10-31", "31 October 2023 is outside the span of the data"),
    ("garbage", "is not a date"),
    ("2024-02-30", "is not a date"),
    ("2024-06-01\u202e", "is not a date"),
])
def test_a_bad_date_falls_back_to_today_with_a_notice(raw, notice):
    at = run("map", document="bletchley-declaration", date=raw)
    assert any(notice in w.replace("\\", "") for w in warnings(at)), warnings(at)
    assert "date" not in at.query_params
    assert "As of today" in status_line(at)
    assert "New Zealand joined" in markdown(at)  # today's view
    assert all("\u202e" not in w for w in warnings(at))


def test_today_given_as_a_date_is_the_default_view():
    at = run("map", date=TODAY.isoformat())
    assert not warnings(at) and "date" not in at.query_params and "As of today" in status_line(at)


def test_moving_the_slider_writes_the_months_last_day_and_redraws():
    at = run("map", document="bletchley-declaration")
    assert at.select_slider(key="as-of-month").value == MONTHS[-1]
    at.select_slider(key="as-of-month").set_value("2024-06").run()
    assert at.query_params["date"] == "2024-06-30"
    assert "As of 30 June 2024" in status_line(at) and "New Zealand joined" not in markdown(at)
    at.select_slider(key="as-of-month").set_value("2024-10").run()
    assert at.query_params["date"] == "2024-10-31" and "New Zealand joined" in markdown(at)
    at.select_slider(key="as-of-month").set_value(MONTHS[-1]).run()  # the current month is today: no date
    assert "date" not in at.query_params and "As of today" in status_line(at)


def test_the_slider_follows_a_date_given_by_link():
    at = run("map", date="2025-02-11")
    assert at.select_slider(key="as-of-month").value == "2025-02"
    assert "As of 11 February 2025" in status_line(at)


def test_play_at_today_starts_from_the_first_month_and_pause_stops():
    at = run("map")
    play = at.button(key="as-of-play")
    assert play.label == "Play the months"
    play.click().run()
    assert at.session_state["as-of-playing"] is True
    assert at.query_params["date"] == asof.span(ATLAS.summits, TODAY).month_end(MONTHS[0]).isoformat()
    assert at.button(key="as-of-play").label == "Pause"
    at.button(key="as-of-play").click().run()
    assert at.session_state["as-of-playing"] is False and at.button(key="as-of-play").label == "Play the months"


def test_a_hand_on_the_slider_stops_play():
    at = run("map")
    at.button(key="as-of-play").click().run()
    at.select_slider(key="as-of-month").set_value("2024-06").run()
    assert at.session_state["as-of-playing"] is False and at.query_params["date"] == "2024-06-30"


def test_the_overview_says_who_joined_none():
    at = run("map")
    assert any(s.value == "Who joined none" for s in at.subheader)
    assert "of the 193 UN member states joined none of the" in markdown(at)
    at = run("map", date="2024-06-30")
    assert "of the 193 UN member states joined none of the 5 summit documents" in markdown(at)


def test_the_joined_none_panel_quotes_the_un_figure_apart_when_opened():
    at = run("map")
    assert "118 countries are parties to none" not in markdown(at)  # closed: the panel sends nothing
    at.session_state["joined-none"] = True
    at.run()
    text = markdown(at)
    assert "For context, a different count" in text and "118 countries are parties to none" in text
    assert text.index("Counted\\: the 193 member states") < text.index("For context, a different count")


def test_a_document_view_has_its_chart_of_joins_and_its_table_twin():
    at = run("map", document="bletchley-declaration")
    assert any(s.value == "Joined over time" for s in at.subheader)
    assert len(at.get("plotly_chart")) == 1
    tables = [h.proto.body for h in at.get("html") if "parties that had signed or joined, by date" in h.proto.body]
    assert tables and "23 October 2024" in tables[0]


def test_the_home_page_shows_who_joined_none_with_its_definition():
    at = run("home")
    text = markdown(at)
    assert "of the 193 UN member states joined none of the" in text
    assert "Council of Europe convention" in text and "Who joined none" in text
    assert "For context, a different count" in text and "118 countries are parties to none" in text
    at = run_fr("home", lang="fr")
    assert "des 193 États membres de l'ONU" in markdown(at) and "Qui n'a rien rejoint" in markdown(at)
