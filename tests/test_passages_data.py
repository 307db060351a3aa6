"""passages.csv, coverage.csv, term_counts.csv and themes.csv: each defect is reported as `file:line: column:
problem`, never as a traceback; the checks run on the shipped files, or on a synthetic set where none ship yet."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from components import data
from components.i18n import TRANSLATED_LANGS
from tests.passage_fixture import write_passage_fixture


def rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def write(path: Path, table: list[dict]) -> None:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(table[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(table)
    path.write_text(out.getvalue(), encoding="utf-8")


def problems(d: Path) -> list[str]:
    atlas, found = data.validate(d)
    assert atlas is None, "the validator must reject this folder"
    return [str(p) for p in found]


@pytest.fixture
def pdata(data_copy: Path) -> Path:
    """A data copy with passage files (the shipped ones, else the synthetic set)."""
    write_passage_fixture(data_copy)
    atlas, found = data.validate(data_copy)
    assert found == [], [str(p) for p in found][:10]
    return data_copy


def _first(table: list[dict], **match) -> int:
    """Index (0-based, in `table`) of the first row whose cells match; its file line is index + 2."""
    return next(i for i, r in enumerate(table) if all(
        (v(r[k]) if callable(v) else r[k] == v) for k, v in match.items()))


def named_without_passages(d: Path) -> str:
    t = rows(d / "coverage.csv")
    i = _first(t, status="named")
    t[i]["passage_ids"] = ""
    write(d / "coverage.csv", t)
    return f"coverage.csv:{i + 2}: passage_ids: required when status is named"


def implied_without_passages(d: Path) -> str:
    t = rows(d / "coverage.csv")
    i = _first(t, status="named")
    t[i] |= {"status": "implied", "passage_ids": ""}
    write(d / "coverage.csv", t)
    return f"coverage.csv:{i + 2}: passage_ids: required when status is implied"


def not_named_without_terms(d: Path) -> str:
    t = rows(d / "coverage.csv")
    i = _first(t, status="not_named")
    t[i]["searched_terms"] = " "
    write(d / "coverage.csv", t)
    return f"coverage.csv:{i + 2}: searched_terms: required when status is not_named"


def unknown_passage_id(d: Path) -> str:
    t = rows(d / "coverage.csv")
    i = _first(t, status="named")
    t[i]["passage_ids"] += ";no-such-passage"
    write(d / "coverage.csv", t)
    return f"coverage.csv:{i + 2}: passage_ids: unknown passage_id"


def passage_of_another_document(d: Path) -> str:
    t = rows(d / "coverage.csv")
    i = _first(t, status="named")
    other = next(r for r in rows(d / "passages.csv") if r["document_id"] != t[i]["document_id"])
    t[i]["passage_ids"] += ";" + other["passage_id"]
    write(d / "coverage.csv", t)
    return f"coverage.csv:{i + 2}: passage_ids: passage of another document ({other['document_id']})"


def unknown_risk_id(d: Path) -> str:
    t = rows(d / "passages.csv")
    t[0]["risk_ids"] = "no-such-risk"
    write(d / "passages.csv", t)
    return "passages.csv:2: risk_ids: unknown risk_id (no-such-risk)"


def unknown_coverage_risk(d: Path) -> str:
    t = rows(d / "coverage.csv")
    t[0]["risk_id"] = "no-such-risk"
    write(d / "coverage.csv", t)
    return "coverage.csv:2: risk_id: unknown risk_id (no-such-risk)"


def unknown_theme(d: Path) -> str:
    t = rows(d / "passages.csv")
    t[0]["themes"] = "no-such-theme"
    write(d / "passages.csv", t)
    return "passages.csv:2: themes: unknown theme_id (no-such-theme)"


def unknown_document(d: Path) -> str:
    t = rows(d / "passages.csv")
    t[0]["document_id"] = "no-such-document"
    write(d / "passages.csv", t)
    return "passages.csv:2: document_id: unknown document_id (no-such-document)"


def quote_over_40_words(d: Path) -> str:
    t = rows(d / "passages.csv")
    t[1]["quote"] = " ".join(["word"] * 41)
    write(d / "passages.csv", t)
    return "passages.csv:3: quote: longer than 40 words"


def document_without_passages(d: Path) -> str:
    docs = rows(d / "documents.csv")
    quoted = {r["document_id"] for r in rows(d / "passages.csv")}
    i = max(i for i, r in enumerate(docs) if r["document_id"] in quoted)  # a document that has passages
    doc = docs[i]["document_id"]
    write(d / "passages.csv", [r for r in rows(d / "passages.csv") if r["document_id"] != doc])
    return f"documents.csv:{i + 2}: document_id: has no passage in passages.csv"


def missing_cell(d: Path) -> str:
    t = rows(d / "coverage.csv")
    gone = t.pop(5)
    write(d / "coverage.csv", t)
    return f"coverage.csv:1: risk_id: no cell for this document and risk ({gone['document_id']} × {gone['risk_id']})"


def duplicate_cell(d: Path) -> str:
    t = rows(d / "coverage.csv")
    write(d / "coverage.csv", t + [t[0]])
    return f"coverage.csv:{len(t) + 2}: document_id+risk_id: duplicate key"


def bad_status(d: Path) -> str:
    t = rows(d / "coverage.csv")
    t[0]["status"] = "mentioned"
    write(d / "coverage.csv", t)
    return "coverage.csv:2: status: not one of named, implied, not_named, not_read (mentioned)"


def passage_names_a_silent_risk(d: Path) -> str:
    cov = rows(d / "coverage.csv")
    silent = cov[_first(cov, status="not_named")]
    t = rows(d / "passages.csv")
    i = _first(t, document_id=silent["document_id"])
    t[i]["risk_ids"] = silent["risk_id"]
    write(d / "passages.csv", t)
    return f"passages.csv:{i + 2}: risk_ids: the passage names this risk, but coverage.csv says not_named"


def not_read_without_note(d: Path) -> str:
    t = rows(d / "coverage.csv")
    i = _first(t, status="not_named")
    t[i] |= {"status": "not_read", "note": ""}
    write(d / "coverage.csv", t)
    return f"coverage.csv:{i + 2}: note: required when status is not_read"


def not_read_with_passages(d: Path) -> str:
    t = rows(d / "coverage.csv")
    i = _first(t, status="named")
    t[i] |= {"status": "not_read", "note": "Official text not read: planted."}
    write(d / "coverage.csv", t)
    return f"coverage.csv:{i + 2}: passage_ids: a not_read cell has no passages"


def count_without_note(d: Path) -> str:
    t = rows(d / "term_counts.csv")
    t[0] |= {"count": "", "note": ""}
    write(d / "term_counts.csv", t)
    return "term_counts.csv:2: note: required when count is empty"


def count_not_a_number(d: Path) -> str:
    t = rows(d / "term_counts.csv")
    t[0]["count"] = "many"
    write(d / "term_counts.csv", t)
    return "term_counts.csv:2: count: not a whole number (many)"


def listed_file_missing(d: Path) -> str:
    (d / "coverage.csv").unlink()
    return "coverage.csv:0: -: file is missing"


DEFECTS = [named_without_passages, implied_without_passages, not_named_without_terms, unknown_passage_id,
           passage_of_another_document, unknown_risk_id, unknown_coverage_risk, unknown_theme, unknown_document,
           quote_over_40_words, document_without_passages, missing_cell, duplicate_cell, bad_status,
           passage_names_a_silent_risk, not_read_without_note, not_read_with_passages, count_without_note, count_not_a_number, listed_file_missing]


@pytest.mark.parametrize("plant", DEFECTS, ids=[f.__name__ for f in DEFECTS])
def test_each_passage_defect_is_reported_with_file_line_and_column(pdata, plant):
    expected = plant(pdata)
    found = problems(pdata)
    assert any(p.startswith(expected) for p in found), (expected, found[:10])


def test_the_cli_reports_a_planted_defect_without_a_traceback(pdata, capsys):
    expected = quote_over_40_words(pdata)
    assert data.main(["--check", str(pdata)]) == 1
    out = capsys.readouterr()
    assert expected in out.out and "Traceback" not in out.out + out.err


def test_exactly_40_words_is_accepted(pdata):
    t = rows(pdata / "passages.csv")
    t[1]["quote"] = " ".join(["word"] * 40)
    write(pdata / "passages.csv", t)
    assert data.validate(pdata)[1] == []


def test_an_unlisted_absent_file_reads_as_empty_until_sources_lists_it(data_copy):
    """Before its data ships, a new file may be absent (the app says the feature has no data yet); once sources.csv
    lists it, deleting it is an error."""
    new = ("themes.csv", "passages.csv", "coverage.csv", "term_counts.csv")
    for name in new:
        (data_copy / name).unlink(missing_ok=True)
    translated = tuple(f"i18n/{lang}/{name}" for lang in TRANSLATED_LANGS for name in ("themes", "passages"))
    kept = [r for r in rows(data_copy / "sources.csv") if r["file"] not in new and not r["file"].startswith(translated)]
    write(data_copy / "sources.csv", kept)
    for lang in TRANSLATED_LANGS:
        for name in ("themes.csv", "passages.csv"):
            (data_copy / "i18n" / lang / name).unlink(missing_ok=True)
        # the provenance notes' own translations (i18n/<lang>/sources.csv) follow the rows of sources.csv
        notes = data_copy / "i18n" / lang / "sources.csv"
        if notes.exists():
            write(notes, [r for r in rows(notes) if r["file"] not in new and not r["file"].startswith(translated)])
    atlas, found = data.validate(data_copy)
    assert found == [] and atlas is not None and len(atlas.passages) == 0 and "quote" in atlas.passages
    write(data_copy / "sources.csv", kept + [kept[0] | {"file": "passages.csv"}])
    assert "passages.csv:0: -: file is missing" in problems(data_copy)


def test_the_shipped_passage_files_are_typed(pdata):
    atlas = data.read_atlas(pdata)
    assert set(atlas.coverage["status"]) <= set(data.COVERAGE)
    assert str(atlas.term_counts["count"].dtype) == "Int64"
    # every document x every risk, once
    assert len(atlas.coverage) == len(atlas.documents) * len(atlas.risks)


def test_an_absent_optional_file_downloads_as_its_header(data_copy):
    for name in ("themes.csv", "passages.csv", "coverage.csv", "term_counts.csv"):
        (data_copy / name).unlink(missing_ok=True)
    write(data_copy / "sources.csv", [r for r in rows(data_copy / "sources.csv") if r["file"] not in
                                      ("themes.csv", "passages.csv", "coverage.csv", "term_counts.csv")])
    assert data.file_bytes("passages.csv", data_copy).decode().splitlines() == [
        ",".join(c.name for c in data.TABLES["passages"].columns)]
