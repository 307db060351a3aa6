"""A page for every fact and its history, changes that name facts, and the Atom feed of changes (issue 21)."""

from __future__ import annotations

import urllib.request

import feedparser
import pandas as pd
import pytest

from components import facts
from components.data import validate
from components.feed import build_feed, entry_id
from tests.conftest import shipped_atlas
from tests.test_pages import markdown, run, warnings

ATLAS = shipped_atlas()
# a statement whose id no event has (some of the story's statements share an event's id; the event is found first)
STATEMENT = next(s for s in ATLAS.statements["statement_id"] if s not in set(ATLAS.events["event_id"]))


@pytest.mark.parametrize("value, kind, link_id", [
    ("bletchley-declaration/FRA", "endorsement", "bletchley-declaration/FRA"),
    ("endorsements.csv: bletchley-declaration + FRA", "endorsement", "bletchley-declaration/FRA"),
    ("2023-11-01-bletchley-declaration", "event", "2023-11-01-bletchley-declaration"),
    (STATEMENT, "statement", STATEMENT),
])
def test_a_fact_is_found_by_either_form_of_its_id(value, kind, link_id):
    fact = facts.find(ATLAS, value)
    assert fact is not None and fact.kind == kind and fact.link_id == link_id
    assert facts.permalink(value) == f"/data?fact={link_id}"


@pytest.mark.parametrize("value", ["", "nope", "bletchley-declaration/ZZZ", "paris-statement/NOR", "a/b/c"])
def test_an_unknown_or_removed_fact_is_not_found(value):
    assert facts.find(ATLAS, value) is None


def test_a_removed_fact_says_when_and_why():
    removed = facts.removal(ATLAS.changes, "paris-statement/NOR")
    assert removed is not None and removed["date"] == "2026-11-30" and "rewrites" in removed["reason"]
    assert facts.removal(ATLAS.changes, "bletchley-declaration/FRA") is None


def test_change_ids_are_stable_and_unique():
    ids = facts.change_ids(ATLAS.changes)
    assert len(set(ids)) == len(ids)
    assert facts.change_ids(ATLAS.changes.iloc[:3]) == ids[:3]  # a change appended later moves no earlier id


def test_a_fact_view_cites_its_source_and_the_data_version():
    fact = facts.find(ATLAS, "bletchley-declaration/FRA")
    seen = facts.view(fact, ATLAS, "2026-12-07", "/data?fact=bletchley-declaration/FRA")
    assert "France" in seen.title and seen.source_url.startswith("https://www.gov.uk/")
    assert "data version 2026-12-07" in seen.citation and seen.source_url in seen.citation


@pytest.mark.parametrize("row, problem", [
    ({"fact_ids": "bletchley-declaration/ZZZ", "kind": "corrected"}, "no such fact"),
    ({"fact_ids": "no-such-event", "kind": "added"}, "no such fact"),
    ({"fact_ids": "bletchley-declaration/FRA", "kind": ""}, "required when fact_ids"),
    ({"fact_ids": "bletchley-declaration/FRA", "kind": "deleted"}, "kind"),
    ({"fact_ids": "gone/ZZZ", "kind": "removed"}, None),  # a removed fact is no longer in the data
])
def test_the_validator_checks_the_facts_a_change_names(data_copy, row, problem):
    path = data_copy / "changes.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[len(frame)] = {**{c: "" for c in frame.columns}, "date": "2026-12-07", "files": "endorsements.csv",
                             "summary": "A planted change.", **row}
    frame.to_csv(path, index=False)
    _atlas, problems = validate(data_copy)
    line = len(frame) + 1
    found = [p for p in problems if p.file == "changes.csv" and p.line == line]
    if problem is None:
        assert found == []
    else:
        assert any(problem in str(p) for p in found), [str(p) for p in problems]


def test_the_feed_reads_in_a_real_feed_client():
    body = build_feed(ATLAS.changes, "http://127.0.0.1:8501")
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.bozo_exception
    assert len(parsed.entries) == len(ATLAS.changes)  # one entry per change
    ids = [e.id for e in parsed.entries]
    assert len(set(ids)) == len(ids) and ids[-1] == entry_id(facts.change_ids(ATLAS.changes)[0])  # newest first
    assert [e.updated[:10] for e in parsed.entries] == sorted(ATLAS.changes["date"], reverse=True)
    assert all(e.title and e.link.startswith("http://127.0.0.1:8501/") for e in parsed.entries)
    removal = next(e for e in parsed.entries if "Norway" in e.title)
    assert removal.link == "http://127.0.0.1:8501/data?fact=paris-statement/NOR"
    assert build_feed(ATLAS.changes, "http://127.0.0.1:8501") == body  # the same data gives the same feed


def test_the_feed_is_served_with_any_query_and_cached(server):
    with urllib.request.urlopen(server + "/feed.xml?page=<script>&lang=zz&x=" + "9" * 500, timeout=30) as r:
        body, tag = r.read(), r.headers["ETag"]
        assert r.headers["Content-Type"].startswith("application/atom+xml") and tag
    parsed = feedparser.parse(body)
    assert not parsed.bozo and len(parsed.entries) == len(ATLAS.changes)
    assert b"<script>" not in body
    again = urllib.request.Request(server + "/feed.xml", headers={"If-None-Match": tag})
    with pytest.raises(urllib.error.HTTPError) as not_modified:
        urllib.request.urlopen(again, timeout=30)
    assert not_modified.value.code == 304


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_fact_permalink_shows_the_fact_its_citation_and_history(lang):
    at = run("data", fact="bletchley-declaration/FRA", lang=lang)
    text = markdown(at)
    assert "France" in at.subheader[0].value and "gov.uk" in text
    assert any("bletchley-declaration/FRA" in c.value and "2026" in c.value for c in at.code)  # the citation
    assert not warnings(at)


def test_a_removed_fact_permalink_says_when_and_why():
    at = run("data", fact="paris-statement/NOR")
    assert any("removed" in i.value and "30 November 2026" in i.value for i in at.info)
    assert not warnings(at)


def test_an_unknown_fact_says_so_and_offers_the_search():
    at = run("data", fact="www.evil.example/nothing")
    assert any("No fact" in w for w in warnings(at))
    assert any("timeline" in link.proto.page and "www.evil.example" in link.proto.query_string
               for link in at.get("page_link")), [str(link.proto.page) for link in at.get("page_link")]


def test_every_kind_of_change_has_words_in_every_language():
    from components.data import CHANGE_KINDS
    from components.i18n import TRANSLATED_LANGS, translator

    assert set(facts.CHANGE_KIND_LABELS) == set(CHANGE_KINDS)
    for lang in TRANSLATED_LANGS:
        words = [translator(lang).gettext(facts.CHANGE_KIND_LABELS[k]) for k in CHANGE_KINDS]
        assert all(w not in CHANGE_KINDS for w in words), (lang, words)
