"""Issue 20 in the other pages: each explainer quotes the passages that name its risk and lists the documents that
do not; the reading activity on the explainers page and in its handout; the map's document view and every
document line of a country profile link the document's /documents page."""

from __future__ import annotations

import csv
import io

import pytest
from streamlit.testing.v1 import AppTest

from components import data
from components import passages as P
from components.handout import build_handout
from components.i18n import localize, translator
from components.site import PAGES
from tests.conftest import ROOT, shipped_atlas

APP = str(ROOT / "app.py")
ATLAS = shipped_atlas()


def run(page: str, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if "lang" in params:
        at.query_params["lang"] = params["lang"]
    at.run()
    at.switch_page(PAGES[page])
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


NAMED_RISKS = sorted(set(ATLAS.coverage.loc[ATLAS.coverage["status"] == "named", "risk_id"]))


@pytest.mark.parametrize("risk", [NAMED_RISKS[0], NAMED_RISKS[-1], "market-concentration"])
def test_each_explainer_quotes_the_passages_naming_its_risk_and_lists_the_silent_documents(risk):
    at = run("explainers", risk=risk)
    text = markdown(at)
    named = P.passages_naming(ATLAS.coverage, ATLAS.passages, ATLAS.documents, risk)
    for _i, p in named.iterrows():
        assert " ".join(p["quote"].split())[:40] in text and f"{p['document']}, {p['locator']}" in text
    silent = P.documents_not_naming(ATLAS.coverage, ATLAS.documents, risk)
    if len(silent):
        assert "Documents that do not name it" in text
        assert all(f"/documents?cell={d}/{risk}" in text for d in silent["document_id"])
    if not len(named):
        assert "No summit document names this risk" in text
    unread = P.documents_not_naming(ATLAS.coverage, ATLAS.documents, risk, "not_read")
    if len(unread):  # a text that could not be read is never counted as silent
        assert "Not known" in text and all(f"/documents?cell={d}/{risk}" in text for d in unread["document_id"])
        assert not set(unread["document_id"]) & set(silent["document_id"])


def test_every_risk_is_named_or_said_not_to_be():
    for risk in ATLAS.risks["risk_id"]:
        cells = ATLAS.coverage[ATLAS.coverage["risk_id"] == risk]
        assert len(cells) == len(ATLAS.documents)


def test_reading_activity_on_the_explainers_page_with_its_handout():
    at = run("explainers")
    text = markdown(at)
    rows = P.reading_activity(ATLAS.reading, ATLAS.passages, ATLAS.documents)
    assert 4 <= len(rows) <= 5 and set(rows["document_id"]) == {"bletchley-declaration"}
    assert any(h.value == "Reading activity: the Bletchley Declaration" for h in at.header)
    for i, (_i, r) in enumerate(rows.iterrows(), start=1):
        assert f"Question {i}.** {r['question']}" in text and " ".join(r["quote"].split())[:40] in text
    assert "Reading activity (printable)" in [b.label for b in at.get("download_button")]


def test_reading_activity_in_french_keeps_the_quotes_in_english():
    at = run("explainers", lang="fr")
    text = markdown(at)
    fr = localize(ATLAS, "fr")
    rows = P.reading_activity(fr.reading, fr.passages, fr.documents)
    assert rows.iloc[0]["question"] in text and rows.iloc[0]["quote"][:40] in text
    assert any(h.value.replace("\u00a0", " ").replace("\u202f", " ") == "Activité de lecture : la Déclaration de "
               "Bletchley" for h in at.header)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_reading_handout_has_passages_questions_and_answer_key(lang):
    atlas = localize(ATLAS, lang)
    rows = P.reading_activity(atlas.reading, atlas.passages, atlas.documents)
    html = build_handout(atlas.risks.iloc[0:0], atlas.questions, atlas.glossary, atlas.documents, "Reading",
                         "2026-12-07", translator(lang), reading=rows)
    assert f'<html lang="{lang}">' in html and html.count("<blockquote") == len(rows)
    assert html.count('<blockquote lang="en">') == (len(rows) if lang == "fr" else 0)
    for _i, r in rows.iterrows():
        assert r["source_url"].replace("&", "&amp;") in html
    assert html.count('class="lines"') == 3 * len(rows)
    assert ("Reading, question 1" if lang == "en" else "Lecture, question 1") in html
    assert "<script" not in html


def _write(path, rows):
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.mark.parametrize("column, value, expected", [
    ("step", "7", "reading.csv:2: step: steps run 1, 2, 3... in file order: expected 1 (7)"),
    ("passage_id", "no-such-passage", "reading.csv:2: passage_id: unknown passage_id (no-such-passage)"),
    ("question", "", "reading.csv:2: question: required value is empty"),
])
def test_the_validator_checks_the_reading_activity(data_copy, column, value, expected):
    rows = list(csv.DictReader(io.StringIO((data_copy / "reading.csv").read_text(encoding="utf-8"))))
    rows[0][column] = value
    _write(data_copy / "reading.csv", rows)
    atlas, found = data.validate(data_copy)
    assert atlas is None and any(str(p).startswith(expected) for p in found), [str(p) for p in found][:5]


def test_map_document_view_links_its_documents_page():
    at = run("map", document="seoul-declaration")
    links = [(p.label, p.proto.page, dict(p.proto.query_string.split("&") and [kv.split("=") for kv in
                                                                                p.proto.query_string.split("&")]))
             for p in at.get("page_link") if "documents" in p.proto.page]
    assert links and links[0][2] == {"doc": "seoul-declaration"}


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
@pytest.mark.parametrize("party", ["FRA", "GBR"])
def test_every_document_line_of_a_profile_links_its_documents_page(party, lang):
    """Each line of a country profile names one document, and its title opens that document's page with the
    language kept (a Markdown link opens a new tab, a session that knows only its URL): every document of the
    party's kind has a line, signed or not, treaty stages included (GBR's Council of Europe convention)."""
    import re

    at = run("map", country=party, **({"lang": lang} if lang != "en" else {}))
    raw = "\n".join(m.value for m in at.markdown)
    suffix = f"&lang={lang}" if lang != "en" else ""
    docs = ATLAS.documents[ATLAS.documents["endorser_kind"] != "companies"]["document_id"]
    assert len(docs) >= 8
    for doc in docs:
        # the title itself is the link: `- **[Title](/documents?doc=<id>)**`, from the root
        assert re.search(rf"^- \*\*\[[^\]\n]+\]\(/documents\?doc={re.escape(doc)}{re.escape(suffix)}\)\*\*", raw,
                         re.M), (doc, raw[:600])
