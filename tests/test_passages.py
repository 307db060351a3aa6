"""components/passages.py: the coverage matrix, passages by theme, comparisons, term counts (pure functions)."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import plain

from components import passages as P
from components.i18n import translator

FR = translator("fr")

DOCS = pd.DataFrame({
    "document_id": ["paris", "bletchley", "seoul"],
    "title": ["Paris Statement full", "The Bletchley Declaration", "Seoul Declaration full"],
    "short_title": ["Paris Statement", "Bletchley Declaration", "Seoul Declaration"],
    "date": ["2025-02-11", "2023-11-01", "2024-05-21"], "date_precision": ["day", "day", "day"]})
RISKS = pd.DataFrame({"risk_id": ["bias", "cyber", "energy"], "title": ["Bias", "Cyber offence", "Environment"]})
THEMES = pd.DataFrame({"theme_id": ["coop", "testing"], "label": ["Cooperation", "Testing"]})
PASSAGES = pd.DataFrame({
    "passage_id": ["b1", "b2", "b3", "s1", "p1"],
    "document_id": ["bletchley", "bletchley", "bletchley", "seoul", "paris"],
    "locator": ["paragraph 1", "paragraph 2", "paragraph 3", "paragraph 1", "paragraph 4"],
    "quote": ["Bq1", "Bq2", "Bq3", "Sq1", "Pq1"],
    "risk_ids": ["bias", "cyber", "", "bias", ""],
    "themes": ["testing;coop", "coop", "", "coop", "testing"],
    "source_url": ["https://gov.uk/b#:~:text=x"] * 3 + ["https://gov.uk/s", "https://elysee.fr/p"]})
COVERAGE = pd.DataFrame({
    "document_id": ["bletchley"] * 3 + ["seoul"] * 3 + ["paris"] * 3,
    "risk_id": ["bias", "cyber", "energy"] * 3,
    "status": ["named", "implied", "not_named", "named", "not_named", "not_named", "not_named", "not_named",
               "implied"],
    "passage_ids": ["b1", "b2", "", "s1", "", "", "", "", "p1"],
    "searched_terms": ["", "", "energy; climate", "", "cyber", "energy", "bias; fairness", "cyber", ""],
    "note": [""] * 9, "checked_on": ["2026-12-01"] * 9})
COUNTS = pd.DataFrame({
    "document_id": ["paris", "bletchley", "seoul", "paris", "bletchley", "seoul"],
    "term": ["safety"] * 3 + ["risk"] * 3,
    "count": pd.array([3, 12, None, 1, 1, None], dtype="Int64"),
    "note": ["", "", "unreadable", "", "", "unreadable"], "text_url": ["https://x.org"] * 6,
    "read_on": ["2026-12-01"] * 6})


def test_documents_run_in_date_order():
    assert list(P.documents_in_order(DOCS)["document_id"]) == ["bletchley", "seoul", "paris"]


def test_matrix_has_risks_as_rows_documents_in_date_order_and_symbol_and_word():
    m = P.coverage_matrix(COVERAGE, DOCS, RISKS)
    assert list(m.columns) == ["Risk", "Bletchley Declaration", "Seoul Declaration", "Paris Statement"]
    assert list(m["Risk"]) == ["Bias", "Cyber offence", "Environment"]
    assert m.iloc[0, 1] == "●\u00a0Named" and m.iloc[1, 1] == "◐\u00a0Implied" and m.iloc[2, 1] == "○\u00a0Not\u00a0named"


def test_matrix_in_french_keeps_symbols_with_french_words():
    m = P.coverage_matrix(COVERAGE, DOCS, RISKS, FR)
    assert m.columns[0] == "Risque" and m.iloc[0, 1] == "●\u00a0Cité" and m.iloc[2, 1] == "○\u00a0Non\u00a0cité"


def test_a_missing_cell_reads_as_a_dash():
    m = P.coverage_matrix(COVERAGE.iloc[1:], DOCS, RISKS)
    assert m.iloc[0, 1] == "–"


@pytest.mark.parametrize("status, word", [("named", "Named"), ("implied", "Implied"), ("not_named", "Not named"),
                                          ("not_read", "Text not read")])
def test_status_label_is_a_symbol_and_a_word(status, word):
    label = P.status_label(status)
    assert label.endswith(word) and label[0] in "●◐○?"
    assert word in P.legend()


def test_coverage_table_twin_is_long_and_ordered():
    t = P.coverage_table(COVERAGE, DOCS, RISKS)
    assert len(t) == 9 and list(t["document"][:3]) == ["Bletchley Declaration", "Seoul Declaration", "Paris Statement"]
    assert t.loc[0, "label"] == "● Named" and P.matrix_csv(t).startswith(b"document_id,document,risk_id")


@pytest.mark.parametrize("doc, risk, status, ids, terms", [
    ("bletchley", "bias", "named", ["b1"], []),
    ("bletchley", "cyber", "implied", ["b2"], []),
    ("bletchley", "energy", "not_named", [], ["energy", "climate"]),
    ("paris", "energy", "implied", ["p1"], []),
])
def test_cell_has_its_passages_or_searched_terms(doc, risk, status, ids, terms):
    c = P.cell(COVERAGE, PASSAGES, doc, risk)
    assert (c.status, list(c.passages["passage_id"]), c.searched_terms) == (status, ids, terms)


def test_no_such_cell_is_none():
    assert P.cell(COVERAGE, PASSAGES, "bletchley", "nope") is None
    assert P.cell_options(COVERAGE)[0] == "bletchley/bias"


def test_passages_grouped_by_first_theme_in_theme_order_other_last():
    groups = P.by_theme(PASSAGES, THEMES, "bletchley")
    assert [(t, list(f["passage_id"])) for t, f in groups] == [("coop", ["b2"]), ("testing", ["b1"]),
                                                               ("other", ["b3"])]
    assert P.theme_labels(THEMES)["other"] == "Other passages"
    assert P.by_theme(PASSAGES, THEMES, "no-such-document") == []


@pytest.mark.parametrize("left, right, expected", [
    ("bletchley", "seoul", [("coop", ["b2"], ["s1"]), ("testing", ["b1"], []), ("other", ["b3"], [])]),
    ("seoul", "paris", [("coop", ["s1"], []), ("testing", [], ["p1"])]),
])
def test_compare_theme_by_theme_with_silences(left, right, expected):
    rows = P.compare(PASSAGES, THEMES, left, right)
    assert [(r.theme_id, list(r.left["passage_id"]), list(r.right["passage_id"])) for r in rows] == expected


def test_silence_is_said_in_words():
    assert P.silence_sentence("The Paris Statement", "Testing") == \
        "The Paris Statement has no passage on “Testing” among those quoted here."


@pytest.mark.parametrize("risk, statuses, ids", [
    ("bias", ("named",), ["b1", "s1"]),
    ("cyber", ("named",), []),
    ("cyber", ("named", "implied"), ["b2"]),
    ("energy", ("named", "implied"), ["p1"]),
])
def test_passages_naming_a_risk(risk, statuses, ids):
    out = P.passages_naming(COVERAGE, PASSAGES, DOCS, risk, statuses)
    assert list(out["passage_id"]) == ids
    if ids:
        assert {"document", "date", "status", "locator", "source_url"} <= set(out.columns)


@pytest.mark.parametrize("risk, docs", [("bias", ["paris"]), ("cyber", ["seoul", "paris"]),
                                        ("energy", ["bletchley", "seoul"])])
def test_documents_not_naming_a_risk_in_date_order(risk, docs):
    assert list(P.documents_not_naming(COVERAGE, DOCS, risk)["document_id"]) == docs


def test_documents_whose_text_was_not_read_are_listed_apart():
    cov = COVERAGE.copy()
    cov.loc[(cov["document_id"] == "seoul") & (cov["risk_id"] == "energy"), ["status", "note"]] = \
        ["not_read", "Official text not read: planted."]
    assert list(P.documents_not_naming(cov, DOCS, "energy")["document_id"]) == ["bletchley"]
    assert list(P.documents_not_naming(cov, DOCS, "energy", "not_read")["document_id"]) == ["seoul"]


@pytest.mark.parametrize("counts, tr, expected", [
    ({"named": 1, "implied": 1, "not_named": 1, "not_read": 0}, translator("en"),
     "It names 1, implies 1 and does not name 1 of the risks of the International AI Safety Report."),
    ({"named": 0, "implied": 2, "not_named": 0, "not_read": 1}, translator("en"),
     "It names 0, implies 2 and does not name 0 of the risks of the International AI Safety Report. For 1 risk it "
     "is not known: the official text could not be read here, or not in full."),
    ({"named": 0, "implied": 0, "not_named": 0, "not_read": 13}, translator("en"),
     "It names 0, implies 0 and does not name 0 of the risks of the International AI Safety Report. For 13 risks "
     "it is not known: the official text could not be read here, or not in full."),
])
def test_counts_sentence_says_each_status_and_what_is_not_known(counts, tr, expected):
    assert P.counts_sentence(counts, tr) == expected


def test_status_counts_and_strip():
    assert P.status_counts(COVERAGE, "bletchley") == {"named": 1, "implied": 1, "not_named": 1, "not_read": 0}
    strip = P.coverage_strip(COVERAGE, RISKS, "paris")
    assert list(strip["In the text"]) == ["○ Not named", "○ Not named", "◐ Implied"]


def test_term_table_long_and_wide():
    t = P.term_table(COUNTS, DOCS)
    assert list(t["document"][:3]) == ["Bletchley Declaration", "Seoul Declaration", "Paris Statement"]
    wide = P.term_wide(t)
    assert list(wide.columns) == ["Term", "Bletchley Declaration", "Seoul Declaration", "Paris Statement"]
    assert list(wide.iloc[0]) == ["safety", "12", "–", "3"]
    assert P.unread(t) == ["Seoul Declaration"]


# the documents as French running text names them (data/i18n/fr/documents.csv in_sentence)
FR_DOCS = DOCS.assign(in_sentence=DOCS["document_id"].map({"bletchley": "la Déclaration de Bletchley",
                                                            "seoul": "la Déclaration de Séoul",
                                                            "paris": "la déclaration de Paris"}))


@pytest.mark.parametrize("term, tr, documents, expected", [
    ("safety", None, None, "“safety” occurs 12 times in the Bletchley Declaration and 3 times in the Paris Statement."),
    ("risk", None, DOCS, "“risk” occurs 1 time in the Bletchley Declaration and 1 time in the Paris Statement."),
    ("safety", FR, FR_DOCS, "« safety » apparaît 12 fois dans la Déclaration de Bletchley et 3 fois dans la "
                            "déclaration de Paris."),
])
def test_term_caption_in_words(term, tr, documents, expected):
    t = P.term_table(COUNTS, DOCS)
    first, last = P.caption_documents(t, term, ("bletchley", "paris"))
    assert plain(P.term_caption(t, term, first, last, **({"tr": tr} if tr else {}), documents=documents)) == expected


def test_caption_documents_fall_back_to_first_and_last_counted():
    t = P.term_table(COUNTS, DOCS)
    assert P.caption_documents(t, "safety", ("nope", "paris")) == ("bletchley", "paris")
    assert P.caption_documents(t[t["document_id"] == "paris"], "safety") is None


def test_citation_names_quote_title_locator_date_and_links():
    text = P.passage_citation(PASSAGES.iloc[0], DOCS.iloc[1], "https://atlas/documents?doc=bletchley")
    assert text == ("“Bq1” The Bletchley Declaration, paragraph 1, 1 November 2023. https://gov.uk/b#:~:text=x "
                    "Via AI Summit Atlas: https://atlas/documents?doc=bletchley")


@pytest.mark.parametrize("summit, tr, expected", [
    (pd.Series({"name": "AI Safety Summit", "city": "Bletchley"}), None,
     "A declaration, 1 November 2023, at the AI Safety Summit in Bletchley."),
    (None, None, "A declaration, 1 November 2023."),
    (pd.Series({"name": "Sommet sur la sécurité de l'IA", "city": "Bletchley"}), FR,
     "Une déclaration, 1er novembre 2023, lors du Sommet sur la sécurité de l'IA à Bletchley."),
])
def test_document_facts_say_what_when_where(summit, tr, expected):
    doc = DOCS.iloc[1].copy()
    doc["kind"] = "declaration"
    # French puts no-break spaces before « » : and in dates (i18n's Translator); compared here as plain spaces
    said = P.document_facts(doc, summit, **({"tr": tr} if tr else {}))
    assert said.replace("\u00a0", " ").replace("\u202f", " ") == expected


def test_reading_activity_in_step_order_with_its_passages():
    reading = pd.DataFrame({"step": [2, 1], "passage_id": ["b2", "b1"], "question": ["Q2", "Q1"],
                            "note": ["N2", "N1"], "minutes": [3, 4]})
    passages = PASSAGES.assign(verification="primary", checked_on="2026-12-01")
    out = P.reading_activity(reading, passages, DOCS)
    assert list(out["question"]) == ["Q1", "Q2"] and list(out["quote"]) == ["Bq1", "Bq2"]
    assert list(out["document"]) == ["Bletchley Declaration"] * 2 and list(out["locator"]) == ["paragraph 1",
                                                                                                 "paragraph 2"]
    assert P.reading_activity(reading.iloc[0:0], passages, DOCS).empty
