"""The map through time (components/asof.py) and who joined nothing (components/breadth.py): pure tables."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from components import asof, breadth, serving
from components.i18n import localize, translator
from components.mapviews import MapShape, View
from tests.conftest import plain, shipped_atlas

ATLAS = shipped_atlas()
EN, FR = translator("en"), translator("fr")
TODAY = date(2026, 12, 7)


def shape(view: str, day: date | None, tr=EN) -> MapShape:
    a = ATLAS
    return asof.map_shape(View.parse(view), day, a.parties, a.summits, a.documents, a.endorsements,
                          a.attendance, lambda *args: "", tr)


@pytest.mark.parametrize(("iso", "precision", "expected"), [
    ("2024-10-23", "day", date(2024, 10, 23)),
    ("2024-10-01", "month", date(2024, 10, 31)),  # known only to the month: certain from its last day
    ("2024-02-01", "month", date(2024, 2, 29)),  # a leap February
    ("2023-02-01", "month", date(2023, 2, 28)),
    ("2024-01-01", "year", date(2024, 12, 31)),
    ("2025-02-07", "on_or_before", date(2025, 2, 7)),  # a bound: it had happened by that day, so certain from it
    ("2024-10-23", None, date(2024, 10, 23)),
    ("", "day", None),
])
def test_a_fact_counts_from_the_first_day_it_is_certainly_past(iso, precision, expected):
    assert asof.known_from(iso, precision) == expected


@pytest.mark.parametrize(("day", "has_nz"), [
    (date(2024, 6, 1), False),  # New Zealand joined the Bletchley Declaration on 23 October 2024 (gov.uk)
    (date(2024, 10, 22), False),
    (date(2024, 10, 23), True),
    (date(2024, 11, 1), True),
    (None, True),  # today
])
def test_new_zealand_in_the_bletchley_declaration_only_from_23_october_2024(day, has_nz):
    shaped = shape("document:bletchley-declaration", day)
    listed = set(shaped.listed["party_id"])
    assert ("NZL" in listed) is has_nz
    assert ("New Zealand" in shaped.sentence) is has_nz
    assert {"GBR", "USA", "CHN"} <= listed  # the first signatories are there on every day


def test_a_month_precision_joining_counts_from_the_months_last_day():
    rows = pd.DataFrame({"document_id": ["d"] * 2, "party_id": ["A", "B"], "status": ["signed", "joined_later"],
                         "date": ["2024-05-21", "2024-10-01"], "date_precision": ["day", "month"]})
    assert list(asof.endorsements_as_of(rows, date(2024, 10, 30))["party_id"]) == ["A"]
    assert list(asof.endorsements_as_of(rows, date(2024, 10, 31))["party_id"]) == ["A", "B"]


STAGES = pd.DataFrame({  # a treaty's stages, one row each (the `stage` column the treaty's data may add)
    "document_id": ["cets-225"] * 4, "party_id": ["NOR", "NOR", "GBR", "EU"],
    "status": ["signed", "signed", "signed", "signed"], "stage": ["signature", "ratification", "signature", "signature"],
    "date": ["2024-09-05", "2025-06-01", "2024-09-05", "2024-09-05"], "date_precision": ["day", "month", "day", "day"]})


@pytest.mark.parametrize(("day", "stages"), [
    (date(2024, 9, 4), []),
    (date(2024, 9, 5), [("EU", "signature"), ("GBR", "signature"), ("NOR", "signature")]),
    (date(2025, 6, 15), [("EU", "signature"), ("GBR", "signature"), ("NOR", "signature")]),  # month: from the 30th
    (date(2025, 6, 30), [("EU", "signature"), ("GBR", "signature"), ("NOR", "ratification"),
                         ("NOR", "signature")]),
])
def test_a_later_stage_is_not_there_before_its_date(day, stages):
    rows = asof.endorsements_as_of(STAGES, day)
    assert sorted(zip(rows["party_id"], rows["stage"])) == stages


def test_a_party_counts_as_joined_from_its_first_stage_once():
    steps = asof.joins_by_date(STAGES, "cets-225")
    assert list(zip(steps["date"], steps["added"], steps["total"])) == [("2024-09-05", 3, 3)]
    assert list(asof.joined_on(STAGES)["party_id"]) == ["EU", "GBR", "NOR"]


def test_joins_by_date_of_the_bletchley_declaration_steps_up_when_new_zealand_joins():
    steps = asof.joins_by_date(ATLAS.endorsements, "bletchley-declaration")
    assert list(steps["date"])[:2] == ["2023-11-01", "2024-10-23"]
    assert list(steps["added"])[1] == 1 and list(steps["total"])[1] == list(steps["total"])[0] + 1
    assert steps["total"].is_monotonic_increasing


def test_a_party_history_is_in_date_order_attending_before_signing():
    history = asof.party_history("NZL", ATLAS.endorsements, ATLAS.documents, ATLAS.attendance, ATLAS.summits)
    keys = [asof.known_from(d, p) for d, p in zip(history["date"], history["date_precision"])]
    assert keys == sorted(keys)
    joined = history[history["ident"] == "bletchley-declaration"].iloc[0]
    assert (joined["kind"], joined["date"]) == ("joined_later", "2024-10-23")
    # in French the declaration is named as running text names it, with its article (data/i18n/fr in_sentence)
    fr = localize(ATLAS, "fr")
    history = asof.party_history("NZL", fr.endorsements, fr.documents, fr.attendance, fr.summits)
    assert ("23 octobre 2024", "a rejoint la Déclaration de Bletchley") in \
        [tuple(plain(t) for t in line) for line in asof.history_lines(history, FR)]


@pytest.mark.parametrize(("view", "day", "words"), [
    ("document:paris-statement", date(2024, 6, 1), "was adopted on 11 February 2025, after this date"),
    ("summit:paris-2025", date(2024, 6, 30), "Paris 2025 was held on 10–11 February 2025, after this date"),
    ("summit:bletchley-2023", date(2023, 11, 30), "signed or joined at least one of the documents"),
])
def test_a_document_not_yet_adopted_or_a_summit_not_yet_held_says_so(view, day, words):
    shaped = shape(view, day)
    assert words in shaped.sentence
    assert shaped.coverage == EN.gettext(asof.AS_OF_COVERAGE)


def test_a_summit_not_yet_held_has_no_attendees_and_no_attendance_note():
    shaped = shape("summit:bletchley-2023", date(2023, 11, 30))
    assert shaped.attendance_note and len(shaped.participants)
    assert (shaped.table["status"] != "no_record").any()
    early = asof.attendance_as_of(ATLAS.attendance, ATLAS.summits, date(2023, 10, 31))
    assert early.empty


def test_the_overview_counts_only_documents_adopted_by_then():
    assert "of 1 summit document" in shape("all", date(2023, 11, 1)).sentence
    assert "of 5 summit documents" in shape("all", date(2024, 6, 30)).sentence
    assert shape("all", date(2024, 6, 30)).sources == shape("all", None).sources  # one list on every month


@pytest.mark.parametrize(("today", "first", "last", "n"), [
    (date(2026, 12, 7), "2023-11", "2026-12", 38),
    (date(2023, 11, 15), "2023-11", "2023-11", 1),
])
def test_the_months_run_from_the_first_summit_to_today(today, first, last, n):
    months = asof.span(ATLAS.summits, today).months()
    assert (months[0], months[-1], len(months)) == (first, last, n)


@pytest.mark.parametrize(("month", "shown", "following"), [
    ("2023-11", date(2023, 11, 30), "2023-12"),
    ("2024-02", date(2024, 2, 29), "2024-03"),
    ("2026-11", date(2026, 11, 30), "2026-12"),
    ("2026-12", TODAY, None),  # the current month shows today, and Play stops there
])
def test_a_month_step_shows_its_last_day_and_play_stops_at_today(month, shown, following):
    within = asof.span(ATLAS.summits, TODAY)
    assert within.month_end(month) == shown
    assert within.next_month(month) == following


@pytest.mark.parametrize(("day", "kept", "notice"), [
    (None, None, None),
    (TODAY, None, None),  # today is the default: left out of the URL
    (date(2024, 6, 1), date(2024, 6, 1), None),
    (date(2023, 11, 1), date(2023, 11, 1), None),
    (date(2023, 10, 31), None, "31 October 2023 is outside the span of the data (November 2023 to today)"),
    (date(2019, 1, 1), None, "1 January 2019 is outside the span"),
    (date(2031, 1, 1), None, "showing today instead"),
])
def test_a_date_outside_the_span_falls_back_to_today_with_a_notice(day, kept, notice):
    value, said = asof.check(day, asof.span(ATLAS.summits, TODAY))
    assert value == kept
    assert (said is None) if notice is None else (notice in said)


@pytest.mark.parametrize(("day", "tr", "line"), [
    (None, EN, "As of today, 7 December 2026"),
    (date(2024, 6, 1), EN, "As of 1 June 2024"),
    (date(2024, 6, 1), FR, "Au 1er juin 2024"),
    (None, FR, "Au 7 décembre 2026 (aujourd'hui)"),
])
def test_the_day_shown_in_words(day, tr, line):
    assert plain(asof.as_of_line(day, TODAY, tr)) == line


def test_the_views_csv_carries_its_day():
    text = asof.view_csv(shape("document:bletchley-declaration", date(2024, 6, 1)), date(2024, 6, 1)).decode()
    header, *rows = text.splitlines()
    assert header.endswith(",view,as_of") and rows
    assert all(r.endswith(",document:bletchley-declaration,2024-06-01") for r in rows)
    assert not any(r.startswith("NZL,") for r in rows)
    assert asof.view_csv(shape("all", None), None).decode().splitlines()[1].endswith(",all,")


# --- who joined nothing --------------------------------------------------------------------------------------

def test_every_un_member_state_is_counted_once():
    members = breadth.member_breadth(ATLAS.parties, ATLAS.endorsements, ATLAS.documents)
    assert len(members) == 193 and members["party_id"].is_unique
    assert set(members["party_id"]) >= {"GBR", "NZL", "AGO"} and "XKX" not in set(members["party_id"])


def test_joined_none_agrees_with_the_overview_map_state_by_state():
    none = set(breadth.joined_none(breadth.member_breadth(ATLAS.parties, ATLAS.endorsements,
                                                          ATLAS.documents))["party_id"])
    overview = shape("all", None).table.set_index("party_id")["signed_count"]
    members = ATLAS.parties.query("un_status == 'member'")["party_id"]
    assert none == {p for p in members if overview[p] == 0}
    assert "GBR" not in none and "AGO" in none


def test_a_treaty_or_a_company_commitment_alone_is_not_joining():
    parties = pd.DataFrame({"party_id": ["AAA", "BBB", "CCC"], "name": ["A", "B", "C"], "kind": ["state"] * 3,
                            "eu_member": [False] * 3, "region": ["Europe"] * 3,
                            "un_status": ["member", "member", "observer"]})
    documents = pd.DataFrame({"document_id": ["summit-doc", "treaty"], "summit_id": ["s", ""],
                              "endorser_kind": ["states", "states"], "date": ["2024-01-01"] * 2})
    endorsements = pd.DataFrame({"document_id": ["treaty", "summit-doc", "summit-doc"],
                                 "party_id": ["AAA", "BBB", "CCC"],
                                 "status": ["signed", "attended_not_signed", "signed"]})
    sentence, none = breadth.none_figure(parties, endorsements, documents)
    assert list(none["party_id"]) == ["AAA", "BBB"]  # an observer state is not a member
    assert sentence == "2 of the 2 UN member states joined none of the 1 summit documents that states sign."


@pytest.mark.parametrize(("n", "tr", "text"), [
    (101, EN, "101 of the 193 UN member states joined none of the 7 summit documents that states sign."),
    (1, FR, "1 des 193 États membres de l'ONU n'a rejoint aucun des 7 textes des sommets que signent les États."),
    (101, FR, "101 des 193 États membres de l'ONU n'ont rejoint aucun des 7 textes des sommets que signent les États."),
])
def test_the_joined_none_sentence(n, tr, text):
    assert plain(breadth.none_sentence(n, 193, 7, tr)) == text


def test_the_joined_none_csv_has_english_columns_and_its_day():
    none = breadth.joined_none(breadth.member_breadth(ATLAS.parties, ATLAS.endorsements, ATLAS.documents))
    assert breadth.none_csv(none).decode().splitlines()[0] == "party_id,name,region,documents_joined"
    dated = breadth.none_csv(none, "2024-06-30").decode().splitlines()
    assert dated[0].endswith(",as_of") and dated[1].endswith(",0,2024-06-30")


def test_the_un_advisory_bodys_figure_is_quoted_apart_with_its_source():
    def unescaped(markdown: str) -> str:  # the words as a reader sees them (md_escape's backslashes gone)
        return re.sub(r"\\(.)", r"\1", plain(markdown))

    text = unescaped(breadth.context_markdown(ATLAS.statements))
    assert text.startswith("For context, a different count, of a sample") and "rather than the summit documents" in text
    assert "“Seven countries are parties to all the sampled AI governance efforts, whereas 118 countries are " \
           "parties to none (primarily in the global South)”" in text
    assert "(https://nairametrics.com/2024/09/20/" in text and text.endswith("on or before 20 September 2024)")
    fr = unescaped(breadth.context_markdown(localize(ATLAS, "fr").statements, FR))
    assert fr.startswith("Pour mémoire, un autre décompte") and "“Seven countries are parties" in fr  # the words stay
    assert "(en anglais ; sens : « Sept pays participent" in fr
    assert breadth.context_markdown(ATLAS.statements.head(0)) == ""  # the row removed: no context, no error


def test_served_files_are_bounded_in_bytes(monkeypatch):
    monkeypatch.setattr(serving, "MAX_MEDIA_BYTES", 1_000)
    names = [serving.publish(bytes([i]) * 300) for i in range(10)]
    kept = [n for n in names if serving.published(n.removeprefix(serving.MEDIA_PREFIX)) is not None]
    assert kept == names[-3:]  # the newest, within 1,000 bytes
    assert serving._SIZE[0] <= 1_000


@pytest.mark.parametrize(("day", "staged"), [
    (date(2024, 8, 31), set()),  # before the convention opened for signature on 5 September 2024
    (date(2024, 9, 30), {"AND", "EU", "GBR", "USA"}),
    (date(2025, 12, 9), {"UKR", "URY"}),  # Bosnia and Herzegovina not yet: it had signed by 10 December 2025
    (date(2025, 12, 10), {"UKR", "URY", "BIH"}),
])
def test_a_treatys_view_as_of_a_day_shows_only_the_stages_dated_by_then(day, staged):
    from components import cached
    from components.data import data_fingerprint

    shaped = cached._map_base_dated(View("document", "coe-framework-convention"), day,
                                    data_fingerprint(ATLAS.data_dir), False, ATLAS, "en")[0]
    have = set(shaped.table.loc[shaped.table["stage"] != "", "party_id"])
    assert staged <= have and (have or not staged)
    later = ATLAS.treaty_stages.loc[ATLAS.treaty_stages["date"] > day.isoformat(), "party_id"]
    assert not (set(later) - set(ATLAS.treaty_stages.loc[ATLAS.treaty_stages["date"] <= day.isoformat(),
                                                         "party_id"])) & have


@pytest.mark.parametrize(("view", "day", "params"), [
    ("document:bletchley-declaration", date(2024, 6, 1), {"document": "bletchley-declaration", "date": "2024-06-01"}),
    ("all", date(2024, 6, 30), {"date": "2024-06-30"}),
    ("summit:paris-2025", None, {"summit": "paris-2025"}),  # today: no date in the link
])
def test_an_embed_and_a_pictures_link_carry_the_day(view, day, params):
    from components import share

    assert share.dated_params(view, day) == params


def test_a_picture_of_a_past_day_says_its_day_in_title_sentence_and_link():
    import re
    from html import unescape

    from components import share

    svg = share.map_image("document:bletchley-declaration", "http://x/map?document=bletchley-declaration&date=2024-06-01",
                          "svg", ATLAS, (), EN, date(2024, 6, 1)).decode("utf-8")
    text = " ".join(unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S))
    assert "as of 1 June 2024" in " ".join(text.split())
    assert "date=2024-06-01" in text and "New Zealand" not in text
    today = share.map_image("document:bletchley-declaration", "http://x/map", "svg", ATLAS, (), EN).decode("utf-8")
    assert "as of 1 June 2024" not in today and "New Zealand" in " ".join(unescape(today).split())
