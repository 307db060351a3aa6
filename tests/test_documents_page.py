"""/documents under AppTest: the matrix, a chosen cell, each document, a comparison, the words chart, French, bad
URL values with notices, and data text escaped."""

from __future__ import annotations

import csv
import io
import shutil
from html import escape

import pytest
from streamlit.testing.v1 import AppTest

from components import passages as P
from components.i18n import TRANSLATED_LANGS
from components.site import PAGES
from tests.conftest import DATA, ROOT, shipped_atlas

APP = str(ROOT / "app.py")
ATLAS = shipped_atlas()
DOCS = list(P.documents_in_order(ATLAS.documents)["document_id"])
COV = ATLAS.coverage
NAMED = COV[COV["status"] == "named"].iloc[0]
NOT_NAMED = COV[COV["status"] == "not_named"].iloc[0]


def run(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if "lang" in params:  # app.py reads the language on the first run
        at.query_params["lang"] = params["lang"]
    at.run()
    at.switch_page(PAGES["documents"])
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


def html(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def warnings(at: AppTest) -> list[str]:
    return [w.value.replace("\\", "") for w in at.warning]


def test_matrix_has_every_risk_and_document_with_symbol_and_word_and_a_table_twin():
    at = run()
    assert at.title[0].value == "What the summit documents say"
    page = html(at)
    assert "<caption>Which of the 13 risks each document names</caption>" in page
    assert all(escape(title) in page for title in ATLAS.risks["title"])
    assert page.count("●\u00a0Named") + page.count("● Named") >= (COV["status"] == "named").sum()
    assert "Every document and every risk, one row each" in page  # the table twin
    assert any("Named: the official text names the risk itself" in c.value for c in at.caption)  # legend in words
    assert [b.label for b in at.get("download_button")] == ["Download the matrix (CSV)"]
    assert any(s.value == "Sources" for s in at.subheader)


def test_choosing_a_cell_by_its_pickers_writes_the_url_and_shows_its_passages():
    at = run()
    at.selectbox(key="cell-doc").set_value(NAMED["document_id"]).run()
    assert "cell" not in at.query_params and any("Choose both" in c.value for c in at.caption)
    at.selectbox(key="cell-risk").set_value(NAMED["risk_id"]).run()
    assert not at.exception
    assert at.query_params["cell"] == f"{NAMED['document_id']}/{NAMED['risk_id']}"
    first = NAMED["passage_ids"].split(";")[0]
    quote = ATLAS.passages.set_index("passage_id").at[first, "quote"]
    assert " ".join(quote.split())[:40] in markdown(at)
    assert "Report a problem with this fact" in markdown(at)
    assert f"### {ATLAS.documents.set_index('document_id').at[NAMED['document_id'], 'short_title']} × " in markdown(at)
    assert "● Named" in markdown(at)
    # another risk: the same pickers keep working (one key each)
    at.selectbox(key="cell-risk").set_value(NOT_NAMED["risk_id"]).run()
    assert at.query_params["cell"] == f"{NAMED['document_id']}/{NOT_NAMED['risk_id']}"


def test_a_named_cell_by_url_shows_locator_link_citation_and_report():
    at = run(cell=f"{NAMED['document_id']}/{NAMED['risk_id']}")
    text = markdown(at)
    p = ATLAS.passages.set_index("passage_id").loc[NAMED["passage_ids"].split(";")[0]]
    assert p["locator"] in text and "/data?report=" in text
    cite = text.split("Cite this passage*: ", 1)[1].split("\n")[0]
    assert cite.startswith("“" + p["quote"][:30]) and "Via AI Summit Atlas: " in cite  # a ready citation
    assert f"/documents?cell={NAMED['document_id']}/{NAMED['risk_id']}" in cite
    assert at.selectbox(key="cell-doc").value == NAMED["document_id"]  # the pickers follow the URL


def test_a_not_named_cell_lists_the_terms_searched():
    at = run(cell=f"{NOT_NAMED['document_id']}/{NOT_NAMED['risk_id']}")
    text = markdown(at)
    assert "Searched for in the official text and not found" in text
    assert NOT_NAMED["searched_terms"].split(";")[0].strip() in text


@pytest.mark.parametrize("doc", DOCS)
def test_every_document_page(doc):
    at = run(doc=doc)
    d = ATLAS.documents.set_index("document_id").loc[doc]
    assert at.title[0].value.replace("\\", "") == d["short_title"]
    text = markdown(at)
    assert f"/map?document={doc}" in text and "See who signed on the map" in text
    if d["official_url"]:
        assert "Read the official text" in text
    mine = ATLAS.passages[ATLAS.passages["document_id"] == doc]
    assert text.count("Report a problem with this fact") == len(mine)
    # a document whose official text could not be read quotes nothing, and says why
    assert any("could not be read here" in i.value for i in at.info) == (len(mine) == 0)
    unread = int(((COV["document_id"] == doc) & (COV["status"] == "not_read")).sum())
    assert ("it is not known: the official text could not be read" in text) == (unread > 0)
    assert f"<caption>{d['short_title']}: each risk, named or not</caption>" in html(at)  # the coverage strip
    themes = dict(zip(ATLAS.themes["theme_id"], ATLAS.themes["label"]))
    first = {t.split(";")[0] for t in mine["themes"] if t}
    assert all(f"### {themes[t]}" in text for t in first)  # grouped by theme, one heading each
    assert text.count("Cite this passage") == len(mine)


def test_compare_says_where_one_document_is_silent():
    left, right = "bletchley-declaration", "paris-statement"
    at = run(doc=left, compare=right)
    assert at.title[0].value == "Bletchley Declaration and Paris Statement, theme by theme"
    rows = P.compare(ATLAS.passages, ATLAS.themes, left, right)
    silent = [r for r in rows if not len(r.left) or not len(r.right)]
    assert markdown(at).count("has no passage on") == len(silent)
    assert len(at.columns) >= 2 * len(rows)  # side by side


def test_the_compare_picker_opens_a_comparison():
    at = run(doc="seoul-declaration")
    at.selectbox(key="compare-picker").set_value("new-delhi-declaration").run()
    assert at.query_params["compare"] == "new-delhi-declaration"
    assert "theme by theme" in at.title[0].value


def test_words_chart_with_caption_and_table_twin_and_term_in_url():
    at = run()
    assert "occurs" in markdown(at) and "times in the" in markdown(at)
    assert len(at.get("plotly_chart")) == 1
    assert "<caption>How often each term occurs in each document</caption>" in html(at)
    term = [t for t in ATLAS.term_counts["term"].unique() if t != "safety"][0]
    at.selectbox(key="term-picker").set_value(term).run()
    assert at.query_params["term"] == term and f"“{term}” occurs" in markdown(at)


@pytest.mark.parametrize("params, notice", [
    ({"doc": "nope"}, "Unknown document “`nope`”"),
    ({"compare": "paris-statement"}, "“compare” needs a document"),
    ({"doc": "paris-statement", "compare": "paris-statement"}, "cannot be compared with itself"),
    ({"cell": "bletchley-declaration/nope"}, "Unknown cell of the matrix “`bletchley-declaration/nope`”"),
    ({"term": "<b>x</b>"}, "Unknown term “`<b>x</b>`”"),
    ({"doc": "paris-statement", "cell": f"{NAMED['document_id']}/{NAMED['risk_id']}"}, "Both “doc” and “cell”"),
])
def test_bad_params_fall_back_with_a_notice(params, notice):
    at = run(**params)
    assert any(notice in w for w in warnings(at)), warnings(at)
    assert at.title


def test_french_matrix_document_and_compare():
    at = run(lang="fr")
    assert at.title[0].value == "Ce que disent les textes des sommets" and "●\u00a0Cité" in html(at)
    at = run(lang="fr", doc="paris-statement")
    assert any("langue de leur texte officiel" in c.value for c in at.caption)
    assert "Signaler un problème" in markdown(at)
    at = run(lang="fr", doc="bletchley-declaration", compare="seoul-declaration")
    assert "thème par thème" in at.title[0].value


def _copy_with(tmp_path, edit) -> str:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    edit(data)
    return str(data)


def test_quotes_from_data_are_escaped(tmp_path, monkeypatch):
    def edit(d):
        rows = list(csv.DictReader(io.StringIO((d / "passages.csv").read_text(encoding="utf-8"))))
        rows[0]["quote"] = "Evil [link](https://evil.example) <b>x</b>"
        out = io.StringIO()
        w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        (d / "passages.csv").write_text(out.getvalue(), encoding="utf-8")

    monkeypatch.setenv("ATLAS_DATA_DIR", _copy_with(tmp_path, edit))
    doc = ATLAS.passages.iloc[0]["document_id"]
    at = run(doc=doc)
    raw = "\n".join(m.value for m in at.markdown)
    assert "\\[link\\]\\(https" in raw and "\\<b\\>" in raw


def test_without_passage_files_the_page_says_so(tmp_path, monkeypatch):
    def edit(d):
        for name in ("themes.csv", "passages.csv", "coverage.csv", "term_counts.csv", "i18n/fr/themes.csv"):
            (d / name).unlink()
        # their provenance rows go too, in English and in each translation of sources.csv (keyed by file)
        for listing in ["sources.csv"] + [f"i18n/{lang}/sources.csv" for lang in TRANSLATED_LANGS]:
            rows = list(csv.reader(io.StringIO((d / listing).read_text(encoding="utf-8"))))
            keep = [r for r in rows if r[0] not in ("themes.csv", "passages.csv", "coverage.csv", "term_counts.csv",
                                                    "i18n/fr/themes.csv")]
            out = io.StringIO()
            csv.writer(out, lineterminator="\n").writerows(keep)
            (d / listing).write_text(out.getvalue(), encoding="utf-8")

    monkeypatch.setenv("ATLAS_DATA_DIR", _copy_with(tmp_path, edit))
    at = run()
    assert any("not yet available" in i.value for i in at.info)


def test_a_passage_report_link_opens_a_prefilled_report_naming_its_source():
    from urllib.parse import parse_qs, unquote, urlsplit

    p = ATLAS.passages.iloc[0]
    at = run(doc=p["document_id"])
    raw = "\n".join(m.value for m in at.markdown)
    link = next(part.split(")")[0] for part in raw.split("](") if part.startswith("/data?report=" + p["passage_id"]))
    query = {k: v[0] for k, v in parse_qs(urlsplit(unquote(link)).query).items()}
    assert query["from"] == f"/documents?doc={p['document_id']}"
    report = AppTest.from_file(APP, default_timeout=60)
    report.run()
    report.switch_page(PAGES["data"])
    for key, value in query.items():
        report.query_params[key] = value
    report.run()
    assert not report.exception and not report.warning, [w.value for w in report.warning]
    assert p["source_url"].split("#")[0] in unquote("\n".join(m.value for m in report.markdown))
