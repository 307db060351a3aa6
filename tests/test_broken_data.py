"""Broken and empty data folders: each gives a validator message naming the file, or pages that still work.

Every kind of damage an editor or a bad copy can do to data/ is made in a scratch copy (ATLAS_DATA_DIR points
the app at it); the validator is run on it, then every page is loaded. A page may show the validation error
panel or work normally; it may never show a traceback.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.data import validate
from tests.conftest import ROOT

APP = str(ROOT / "app.py")
PAGES_MAP = "pages/map.py"  # the map page, whose missing-geometry notice is checked below
PAGES = [("pages/home.py", {}), ("pages/map.py", {"country": "FRA"}), ("pages/map.py", {"document": "bletchley-declaration"}),
         ("pages/timeline.py", {"party": "FRA"}), ("pages/explainers.py", {}), ("pages/data.py", {}),
         ("pages/story.py", {"step": "2"}), ("pages/documents.py", {"doc": "bletchley-declaration"})]


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def _write(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _set(path: Path, line: int, column: str, value: str) -> None:
    rows = _rows(path)
    rows[line - 1][rows[0].index(column)] = value
    _write(path, rows)


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def missing_file(d: Path) -> None:
    (d / "events.csv").unlink()


def empty_file(d: Path) -> None:
    (d / "events.csv").write_bytes(b"")


def header_only(d: Path) -> None:
    # the story's steps point at events, so it (and its translations) is emptied with them, and so are the
    # events' own translations and the change log's mentions of events (else the validator rightly names them)
    for name in ("events.csv", "story.csv", *(p.relative_to(d) for p in d.glob("i18n/*/story.csv")),
                 *(p.relative_to(d) for p in d.glob("i18n/*/events.csv"))):
        (d / name).write_bytes(_lines(d / name)[0])
    events = {r[0] for r in _rows(ROOT / "data" / "events.csv")[1:]}
    changes = _rows(d / "changes.csv")
    ids = changes[0].index("fact_ids")
    for row in changes[1:]:
        row[ids] = ";".join(f for f in row[ids].split(";") if f and f not in events)
        if not row[ids]:
            row[changes[0].index("kind")] = ""
    _write(d / "changes.csv", changes)


def bad_utf8(d: Path) -> None:
    lines = _lines(d / "events.csv")
    lines[2] = lines[2].replace(b",", b",\xff\xfe", 1)
    (d / "events.csv").write_bytes(b"".join(lines))


def unclosed_quote(d: Path) -> None:
    lines = _lines(d / "events.csv")
    lines[2] = lines[2].rstrip(b"\n") + b',"unclosed\n'
    (d / "events.csv").write_bytes(b"".join(lines))


def wrong_field_count(d: Path) -> None:
    rows = _rows(d / "events.csv")
    rows[3].append("extra")
    _write(d / "events.csv", rows)


def duplicate_keys(d: Path) -> None:
    rows = _rows(d / "events.csv")
    _write(d / "events.csv", rows[:3] + [rows[2]] + rows[3:])


def unknown_foreign_key(d: Path) -> None:
    _set(d / "endorsements.csv", 2, "party_id", "XXX")


def bad_date(d: Path) -> None:
    _set(d / "events.csv", 2, "date", "2023-02-30")


def missing_column(d: Path) -> None:
    rows = _rows(d / "events.csv")
    i = rows[0].index("summary")
    _write(d / "events.csv", [r[:i] + r[i + 1:] for r in rows])


def huge_cell(d: Path) -> None:
    _set(d / "events.csv", 2, "summary", "x" * 5_000_000)


def missing_geometry(d: Path) -> None:
    (d / "geo" / "countries-110m.geojson").unlink()


# damage -> where the validator must point (file and line), or None when the folder is still valid data
DAMAGE = {
    # bad UTF-8: the validator names the file and says "not UTF-8", but (components/data.py) reports line 1
    missing_file: "events.csv", empty_file: "events.csv", header_only: None, bad_utf8: "events.csv:",
    unclosed_quote: "events.csv:3", wrong_field_count: "events.csv:4", duplicate_keys: "events.csv:",
    unknown_foreign_key: "endorsements.csv:2", bad_date: "events.csv:2", missing_column: "events.csv",
    huge_cell: "events.csv:2", missing_geometry: None,
}


@pytest.mark.parametrize("damage", DAMAGE, ids=[f.__name__ for f in DAMAGE])
def test_broken_data_folder_gives_a_message_or_a_working_page(damage, data_copy, monkeypatch):
    damage(data_copy)
    where = DAMAGE[damage]
    atlas, problems = validate(data_copy)
    if where is None:
        assert atlas is not None and problems == [], [str(p) for p in problems]
    else:
        assert atlas is None and problems, "the validator must reject this folder"
        assert any(str(p).startswith(where) for p in problems), [str(p) for p in problems][:5]
    if damage is huge_cell:
        assert any("too large" in str(p) for p in problems), [str(p) for p in problems][:5]
    if damage is bad_utf8:
        assert any("UTF-8" in str(p) for p in problems), [str(p) for p in problems][:5]

    monkeypatch.setenv("ATLAS_DATA_DIR", str(data_copy))
    for page, params in PAGES:
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        at.switch_page(page)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, (page, [e.message for e in at.exception])
        if problems:
            assert any("did not pass validation" in e.value for e in at.error), page
            assert str(problems[0]) in "\n".join(c.value for c in at.code), page
        else:
            assert at.title and not any("did not pass validation" in e.value for e in at.error), page
            if damage is header_only and params.get("country"):
                assert any("0 events name France" in m.value.replace("\\", "") for m in at.markdown), page
            if damage is missing_geometry and page == PAGES_MAP:
                assert any("drawn as a point" in w.value for w in at.warning), page
