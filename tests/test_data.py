"""The shipped data passes the validator, and each kind of defect is caught with file and line."""

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from components import data
from tests.conftest import DATA, ROOT


def rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def write(path: Path, table: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(table)


def set_cell(path: Path, line: int, column: str, value: str) -> None:
    """Set one cell, addressed by file line (header = 1) and column name."""
    table = rows(path)
    table[line - 1][table[0].index(column)] = value
    write(path, table)


def problems(data_dir: Path) -> list[str]:
    atlas, found = data.validate(data_dir)
    assert atlas is None
    return [str(p) for p in found]


def test_shipped_data_is_valid():
    atlas, found = data.validate(DATA)
    assert found == [], "\n".join(map(str, found[:30]))
    assert atlas is not None


def test_cli_ok_and_exit_codes(data_copy):
    ok = subprocess.run([sys.executable, "-m", "components.data", "--check", str(DATA)], cwd=ROOT,
                        capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout.startswith("OK:") and len(ok.stdout.strip().splitlines()) == 1
    set_cell(data_copy / "events.csv", 2, "date", "2023-02-30")
    set_cell(data_copy / "summits.csv", 3, "source_url", "http://example.org/x")
    bad = subprocess.run([sys.executable, "-m", "components.data", "--check", str(data_copy)], cwd=ROOT,
                         capture_output=True, text=True)
    assert bad.returncode == 1
    assert "events.csv:2: date: not a real date in YYYY-MM-DD form (2023-02-30)" in bad.stdout
    assert "summits.csv:3: source_url: not an https:// URL (http://example.org/x)" in bad.stdout
    assert "Traceback" not in bad.stdout + bad.stderr


@pytest.mark.parametrize("file, line, column, value, expected", [
    ("events.csv", 2, "source_url", "", "events.csv:2: source_url: required value is empty"),
    ("events.csv", 3, "source_url", "http://www.gov.uk/x", "events.csv:3: source_url: not an https:// URL (http://www.gov.uk/x)"),
    ("events.csv", 4, "source_url", "javascript:alert(1)", "events.csv:4: source_url: not an https:// URL (javascript:alert(1))"),
    ("statements.csv", 2, "date", "2023-11-31", "statements.csv:2: date: not a real date in YYYY-MM-DD form (2023-11-31)"),
    ("documents.csv", 2, "date", "1 Nov 2023", "documents.csv:2: date: not a real date in YYYY-MM-DD form (1 Nov 2023)"),
    ("endorsements.csv", 5, "party_id", "ATL", "endorsements.csv:5: party_id: unknown party_id (ATL)"),
    ("endorsements.csv", 6, "document_id", "no-such-doc", "endorsements.csv:6: document_id: unknown document_id (no-such-doc)"),
    ("events.csv", 5, "parties", "GBR;NOPE", "events.csv:5: parties: unknown party_id (GBR;NOPE)"),
    ("endorsements.csv", 2, "status", "maybe", "endorsements.csv:2: status: not one of signed, joined_later, attended_not_signed (maybe)"),
    ("events.csv", 2, "kind", "party", "events.csv:2: kind: not one of summit, declaration, speech"),
    ("statements.csv", 3, "verification", "rumour", "statements.csv:3: verification: not one of primary, secondary (rumour)"),
    ("statements.csv", 2, "quote", " ".join(["word"] * 26), "statements.csv:2: quote: longer than 25 words"),
    ("parties.csv", 2, "lat", "north", "parties.csv:2: lat: not a number (north)"),
    ("documents.csv", 3, "reported_count", "about 60", "documents.csv:3: reported_count: not a whole number (about 60)"),
])
def test_each_defect_is_caught_with_file_and_line(data_copy, file, line, column, value, expected):
    set_cell(data_copy / file, line, column, value)
    found = problems(data_copy)
    assert any(p.startswith(expected) for p in found), found[:10]


def test_duplicate_key_reports_both_lines(data_copy):
    path = data_copy / "events.csv"
    table = rows(path)
    table.append(list(table[1]))
    write(path, table)
    found = problems(data_copy)
    assert f"events.csv:2: event_id: duplicate key ({table[1][0]})" in found
    assert f"events.csv:{len(table)}: event_id: duplicate key ({table[1][0]})" in found


def test_missing_column(data_copy):
    path = data_copy / "summits.csv"
    table = rows(path)
    i = table[0].index("verification")
    write(path, [r[:i] + r[i + 1:] for r in table])
    assert "summits.csv:1: verification: required column is missing" in problems(data_copy)


def test_malformed_csv_wrong_field_count(data_copy):
    path = data_copy / "institutes.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    text.insert(2, "GBR,only two")
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    found = problems(data_copy)
    assert any(p.startswith("institutes.csv:3: -: expected ") and p.endswith("found 2") for p in found), found


def test_malformed_csv_unclosed_quote_is_reported_not_raised(data_copy):
    path = data_copy / "glossary.csv"
    text = path.read_text(encoding="utf-8")
    line = len(text.splitlines()) + 1
    path.write_text(text + 'term,"never closed\n', encoding="utf-8")
    found = problems(data_copy)
    assert any(p.startswith(f"glossary.csv:{line}: -: malformed CSV") for p in found), found


def test_all_problems_reported_at_once(data_copy):
    set_cell(data_copy / "events.csv", 2, "date", "2023-13-01")
    set_cell(data_copy / "statements.csv", 2, "source_url", "ftp://x.org")
    set_cell(data_copy / "endorsements.csv", 3, "party_id", "ZZZ")
    found = problems(data_copy)
    assert {p.split(":")[0] for p in found} >= {"events.csv", "statements.csv", "endorsements.csv"}


def test_line_numbers_follow_multiline_cells(data_copy):
    """A quoted cell spanning two lines shifts later rows; the reported line is the file line."""
    path = data_copy / "glossary.csv"
    table = rows(path)
    table[1][1] = table[1][1] + "\nsecond line"
    table[3][2] = "not-a-url"
    write(path, table)
    assert "glossary.csv:5: source_url: not an https:// URL (not-a-url)" in problems(data_copy)


def test_missing_file(data_copy):
    (data_copy / "institutes.csv").unlink()
    assert "institutes.csv:0: -: file is missing" in problems(data_copy)


def test_end_before_start(data_copy):
    path = data_copy / "summits.csv"
    set_cell(path, 2, "end_date", "2020-01-01")
    found = problems(data_copy)
    assert any(p.startswith("summits.csv:2: end_date: before start_date") for p in found), found


def test_typed_columns():
    atlas = data.read_atlas(DATA)
    assert atlas.parties["lat"].dtype == float
    assert str(atlas.documents["reported_count"].dtype) == "Int64"
    assert atlas.parties["eu_member"].dtype == bool and atlas.parties["eu_member"].sum() == 27
