"""The only reader of data/: one schema per CSV, every problem reported at once.

Run `python -m components.data --check data/` before committing a data change.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import sys
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def current_data_dir() -> Path:
    """The data directory: `ATLAS_DATA_DIR` when set (tests, staging copies), else the shipped data/."""
    return Path(os.environ.get("ATLAS_DATA_DIR") or DEFAULT_DATA_DIR)


VERIFICATION = ("primary", "secondary")
MAX_QUOTE_WORDS = 25
CHOICE_SEP = " | "


@dataclass(frozen=True)
class Problem:
    """One validation problem, located in a CSV file."""

    file: str
    line: int
    column: str
    problem: str
    value: str = ""

    def __str__(self) -> str:
        tail = f" ({self.value})" if self.value != "" else ""
        return f"{self.file}:{self.line}: {self.column}: {self.problem}{tail}"


class DataError(Exception):
    """Raised when data/ does not pass validation; carries every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Col:
    """Schema of one column: type, whether a value is required, allowed values, foreign key."""

    name: str
    kind: str = "text"  # text | date | url | int | float | bool | slug
    required: bool = True  # a value must be present in every row
    optional_column: bool = False  # the column itself may be absent from the file
    choices: tuple[str, ...] | None = None
    ref: str | None = None  # table whose key this column points at
    many: bool = False  # `;`-joined list of values
    max_words: int | None = None


@dataclass(frozen=True)
class Table:
    """Schema of one CSV file."""

    file: str
    columns: tuple[Col, ...]
    key: tuple[str, ...]


def _src(title: bool = False) -> tuple[Col, ...]:
    cols = [Col("source_url", "url")]
    if title:
        cols.append(Col("source_title"))
    cols.append(Col("verification", choices=VERIFICATION))
    return tuple(cols)


TABLES: dict[str, Table] = {
    t.file.removesuffix(".csv"): t
    for t in [
        Table("parties.csv", (
            Col("party_id"), Col("name"),
            Col("kind", choices=("state", "bloc", "organisation", "company")),
            Col("region"), Col("lat", "float", required=False), Col("lon", "float", required=False),
            Col("un_status", choices=("member", "observer", "non_member"), required=False, optional_column=True),
            Col("iso_numeric", required=False, optional_column=True),
            Col("eu_member", "bool", required=False, optional_column=True),
        ), ("party_id",)),
        Table("summits.csv", (
            Col("summit_id", "slug"), Col("name"),
            Col("start_date", "date", required=False), Col("end_date", "date", required=False),
            Col("city"), Col("country", ref="parties"), Col("venue", required=False),
            Col("hosts", ref="parties", many=True), Col("status", choices=("held", "announced")),
            Col("summary"), *_src(),
        ), ("summit_id",)),
        Table("documents.csv", (
            Col("document_id", "slug"), Col("summit_id", ref="summits", required=False), Col("title"),
            Col("date", "date"),
            Col("kind", choices=("declaration", "statement", "commitments", "pledge", "convention", "chair_statement")),
            Col("endorser_kind", choices=("states", "companies"), optional_column=True),
            Col("summary"), Col("official_url", "url", required=False),
            Col("reported_count", "int", required=False), Col("reported_count_note", required=False), *_src(),
        ), ("document_id",)),
        Table("endorsements.csv", (
            Col("document_id", ref="documents"), Col("party_id", ref="parties"),
            Col("status", choices=("signed", "joined_later", "attended_not_signed")),
            Col("date", "date"), *_src(), Col("note", required=False),
        ), ("document_id", "party_id")),
        Table("events.csv", (
            Col("event_id", "slug"), Col("date", "date"), Col("end_date", "date", required=False),
            Col("date_precision", choices=("day", "month"), required=False, optional_column=True),
            Col("kind", choices=("summit", "declaration", "speech", "institution", "report", "law",
                                 "resolution", "commitment", "other")),
            Col("title"), Col("summary"), Col("parties", ref="parties", many=True, required=False),
            Col("summit_id", ref="summits", required=False), Col("document_id", ref="documents", required=False),
            *_src(title=True),
        ), ("event_id",)),
        Table("statements.csv", (
            Col("statement_id", "slug"), Col("date", "date"), Col("speaker"), Col("role"),
            Col("party_id", ref="parties", required=False), Col("summit_id", ref="summits", required=False),
            Col("venue", required=False), Col("gist"), Col("quote", required=False, max_words=MAX_QUOTE_WORDS),
            *_src(title=True),
        ), ("statement_id",)),
        Table("institutes.csv", (
            Col("party_id", ref="parties"), Col("name"), Col("announced", "date"),
            Col("status", choices=("launched", "announced")), *_src(),
            Col("renamed_to", required=False, optional_column=True),
            Col("renamed_on", "date", required=False, optional_column=True),
        ), ("party_id", "name")),
        Table("risks.csv", (
            Col("risk_id", "slug"), Col("category", choices=("malicious_use", "malfunctions", "systemic")),
            Col("title"), Col("summary"), Col("explanation"), Col("example"),
            Col("example_date", "date", optional_column=True), Col("example_source_url", "url"),
            Col("agreed"), Col("document_ids", ref="documents", many=True, required=False),
            Col("mit_subdomain"), *_src(),
        ), ("risk_id",)),
        Table("questions.csv", (
            Col("question_id", "slug"), Col("risk_id", ref="risks"), Col("kind", choices=("quiz", "discussion")),
            Col("question"), Col("choices", required=False), Col("answer", required=False), Col("explanation"),
            Col("minutes", "int", optional_column=True),
        ), ("question_id",)),
        Table("glossary.csv", (Col("term"), Col("definition"), Col("source_url", "url")), ("term",)),
        Table("sources.csv", (
            Col("file"), Col("producer"), Col("licence"), Col("accessed", "date"), Col("note", required=False),
            Col("url", "url", required=False, optional_column=True),
        ), ("file",)),
    ]
}

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_INT = re.compile(r"^-?\d+$")
_FLOAT = re.compile(r"^-?\d+(?:\.\d+)?$")


def _is_date(v: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return False
    try:
        date.fromisoformat(v)
    except ValueError:
        return False
    return True


def _is_url(v: str) -> bool:
    return re.fullmatch(r"https://[^\s/]+\.[^\s]+", v) is not None


# kind -> (predicate, problem text); predicates see one non-empty value
_KIND_CHECKS = {
    "date": (_is_date, "not a real date in YYYY-MM-DD form"),
    "url": (_is_url, "not an https:// URL"),
    "int": (lambda v: _INT.match(v) is not None, "not a whole number"),
    "float": (lambda v: _FLOAT.match(v) is not None, "not a number"),
    "bool": (lambda v: v in ("true", "false"), "not true or false"),
    "slug": (lambda v: _SLUG.match(v) is not None, "not a lower-case slug (a-z, 0-9, -)"),
}


def split_list(value: str, sep: str = ";") -> list[str]:
    """Split a `;`-joined cell into its stripped, non-empty items."""
    return [v.strip() for v in str(value).split(sep) if v.strip()]


def _checks(col: Col, keys: dict[str, set[str]]) -> list[pa.Check]:
    """Pandera checks for one column; empty values are only checked for presence."""
    checks = []

    def each(pred):
        return lambda v: v == "" or all(pred(x) for x in (split_list(v) if col.many else [v]))

    if col.required:
        checks.append(pa.Check(lambda v: v.strip() != "", element_wise=True, error="required value is empty"))
    if col.kind in _KIND_CHECKS:
        pred, text = _KIND_CHECKS[col.kind]
        checks.append(pa.Check(each(pred), element_wise=True, error=text))
    if col.choices:
        checks.append(pa.Check(each(lambda x: x in col.choices), element_wise=True,
                               error="not one of " + ", ".join(col.choices)))
    if col.ref and col.ref in keys:
        known = keys[col.ref]
        checks.append(pa.Check(each(lambda x: x in known), element_wise=True,
                               error=f"unknown {TABLES[col.ref].key[0]}"))
    if col.max_words:
        checks.append(pa.Check(lambda v: len(v.split()) <= col.max_words, element_wise=True,
                               error=f"longer than {col.max_words} words"))
    return checks


def schema(table: Table, keys: dict[str, set[str]]) -> pa.DataFrameSchema:
    """The pandera schema of one table, with foreign keys checked against `keys`."""
    return pa.DataFrameSchema(
        {c.name: pa.Column(str, checks=_checks(c, keys), required=not c.optional_column, nullable=False)
         for c in table.columns},
        unique=list(table.key), report_duplicates="all", strict=False,
    )


def read_rows(path: Path) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read a CSV as text cells indexed by file line number; report malformed rows."""
    name = path.name if path.parent.name != "geo" else f"geo/{path.name}"
    if not path.exists():
        return None, [Problem(name, 0, "-", "file is missing")]
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [Problem(name, 1, "-", "not UTF-8 text", str(exc.reason))]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    try:
        start = 1
        header = next(reader, None)
        if not header:
            return None, [Problem(name, 1, "-", "file is empty: no header row")]
        header = [h.strip() for h in header]
        rows, lines = [], []
        start = reader.line_num + 1
        for row in reader:
            if row and any(cell.strip() for cell in row):
                if len(row) != len(header):
                    problems.append(Problem(name, start, "-", f"expected {len(header)} fields, found {len(row)}"))
                else:
                    rows.append([cell.strip() for cell in row])
                    lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        # report where the broken record starts (an unclosed quote swallows the lines after it)
        return None, problems + [Problem(name, start, "-", f"malformed CSV, record starting here ({exc})")]
    dupes = {h for h in header if header.count(h) > 1}
    problems += [Problem(name, 1, h, "column appears twice") for h in sorted(dupes)]
    frame = pd.DataFrame(rows, columns=header, index=pd.Index(lines, name="line"), dtype=str)
    return frame.loc[:, ~frame.columns.duplicated()], problems


def _pandera_problems(table: Table, frame: pd.DataFrame, keys: dict[str, set[str]]) -> list[Problem]:
    try:
        schema(table, keys).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        out = []
        for _, fc in exc.failure_cases.iterrows():
            check, column, value, line = fc["check"], fc["column"], fc["failure_case"], fc["index"]
            if check == "column_in_dataframe":
                out.append(Problem(table.file, 1, str(value), "required column is missing"))
            elif check == "multiple_fields_uniqueness":
                out.append(Problem(table.file, int(line), "+".join(table.key), "duplicate key", str(value)))
            else:
                out.append(Problem(table.file, int(line) if pd.notna(line) else 1, str(column), str(check),
                                   str(value)))
        # one duplicate-key problem per line, whichever key column pandera reported
        return sorted(set(out), key=lambda p: (p.line, p.column, p.problem))
    return []


def _row_problems(name: str, frame: pd.DataFrame, tables: dict[str, pd.DataFrame], data_dir: Path) -> list[Problem]:
    """Rules that span columns or files, which pandera's column checks cannot express."""
    out: list[Problem] = []
    file = TABLES[name].file
    get = lambda row, c: row.get(c, "") or ""  # noqa: E731

    for line, row in frame.iterrows():
        if name == "summits" and row.get("status") == "held":
            for c in ("start_date", "end_date"):
                if not get(row, c):
                    out.append(Problem(file, line, c, "required for a summit that was held"))
        for start, end in (("start_date", "end_date"), ("date", "end_date"), ("announced", "renamed_on")):
            a, b = get(row, start), get(row, end)
            if a and b and _is_date(a) and _is_date(b) and b < a:
                out.append(Problem(file, line, end, f"before {start} {a}", b))
        if name == "institutes" and bool(get(row, "renamed_to")) != bool(get(row, "renamed_on")):
            out.append(Problem(file, line, "renamed_to", "renamed_to and renamed_on go together"))
        if name == "parties" and row.get("kind") == "state":
            for c, bound in (("lat", 90), ("lon", 180)):
                v = get(row, c)
                if not v:
                    out.append(Problem(file, line, c, "required for a state"))
                elif _FLOAT.match(v) and abs(float(v)) > bound:
                    out.append(Problem(file, line, c, f"outside -{bound}..{bound}", v))
        if name == "questions":
            choices = split_list(get(row, "choices"), CHOICE_SEP.strip())
            if row.get("kind") == "quiz":
                if len(choices) < 2:
                    out.append(Problem(file, line, "choices", "a quiz question needs at least two choices",
                                       get(row, "choices")))
                elif get(row, "answer") not in choices:
                    out.append(Problem(file, line, "answer", "not one of the choices", get(row, "answer")))
            elif choices or get(row, "answer"):
                out.append(Problem(file, line, "choices", "a discussion question has no choices or answer"))
        # a missing CSV is an error; a missing geometry file is not (the map falls back to points)
        if name == "sources" and get(row, "file").endswith(".csv") and not (data_dir / get(row, "file")).exists():
            out.append(Problem(file, line, "file", "no such file in data/", get(row, "file")))

    if name == "risks" and "questions" in tables:
        q = tables["questions"]
        for line, row in frame.iterrows():
            kinds = set(q.loc[q.get("risk_id", pd.Series(dtype=str)) == row.get("risk_id"), "kind"]) \
                if "kind" in q else set()
            for kind in ("quiz", "discussion"):
                if kind not in kinds:
                    out.append(Problem(file, line, "risk_id", f"has no {kind} question in questions.csv",
                                       row.get("risk_id", "")))
    if name == "sources":
        listed = set(frame.get("file", pd.Series(dtype=str)))
        for other in TABLES.values():
            if other.file != "sources.csv" and other.file not in listed:
                out.append(Problem(file, 1, "file", "data file has no provenance row", other.file))
    return out


@dataclass
class Atlas:
    """Every curated table, validated and typed."""

    parties: pd.DataFrame
    summits: pd.DataFrame
    documents: pd.DataFrame
    endorsements: pd.DataFrame
    events: pd.DataFrame
    statements: pd.DataFrame
    institutes: pd.DataFrame
    risks: pd.DataFrame
    questions: pd.DataFrame
    glossary: pd.DataFrame
    sources: pd.DataFrame
    data_dir: str = field(default="")


def _typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Convert validated text cells to their column types; add absent optional columns as empty."""
    frame = frame.reset_index().rename(columns={"line": "_line"})
    for col in TABLES[name].columns:
        if col.name not in frame:
            frame[col.name] = ""
        if col.kind == "float":
            frame[col.name] = pd.to_numeric(frame[col.name].replace("", None), errors="coerce").astype(float)
        elif col.kind == "int":
            frame[col.name] = pd.to_numeric(frame[col.name].replace("", None), errors="coerce").astype("Int64")
        elif col.kind == "bool":
            frame[col.name] = frame[col.name] == "true"
        else:
            # plain Python strings: for tables this small, pandas 3's Arrow strings cost more per operation
            # and per cache copy (unpickling the Atlas: 2.6 ms as Arrow, 0.9 ms as objects; measured)
            frame[col.name] = frame[col.name].astype(object)
    return frame


def validate(data_dir: Path | str | None = None) -> tuple[Atlas | None, list[Problem]]:
    """Read and check every table in `data_dir`; return the typed data, or None and all problems."""
    data_dir = Path(data_dir or current_data_dir())
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for name, table in TABLES.items():
        frame, found = read_rows(data_dir / table.file)
        problems += found
        if frame is not None:
            frames[name] = frame
    keys = {name: set(frames[name][TABLES[name].key[0]]) for name in frames
            if len(TABLES[name].key) == 1 and TABLES[name].key[0] in frames[name]}
    for name, frame in frames.items():
        problems += _pandera_problems(TABLES[name], frame, keys)
        problems += _row_problems(name, frame, frames, data_dir)
    if problems or len(frames) != len(TABLES):
        return None, sorted(problems, key=lambda p: (p.file, p.line, p.column))
    atlas = Atlas(**{name: _typed(name, frames[name]) for name in TABLES}, data_dir=str(data_dir))
    return atlas, []


def read_atlas(data_dir: Path | str | None = None) -> Atlas:
    """Validated data, or DataError listing every problem."""
    atlas, problems = validate(data_dir)
    if atlas is None:
        raise DataError(problems)
    return atlas


_FINGERPRINTS: dict[str, tuple[float, tuple]] = {}
FINGERPRINT_TTL_S = 1.0  # stat the files at most once a second: under load the stats were 14% of a map run


def data_fingerprint(data_dir: Path | str | None = None) -> tuple:
    """Directory, size and mtime of every data file, so caches notice an edited file or another data copy."""
    import time

    data_dir = Path(data_dir or current_data_dir())
    key, now = str(data_dir), time.monotonic()
    hit = _FINGERPRINTS.get(key)
    if hit and now - hit[0] < FINGERPRINT_TTL_S:
        return hit[1]
    out = [key]
    for name in [t.file for t in TABLES.values()] + ["geo/countries-110m.geojson"]:
        try:
            st = (data_dir / name).stat()
            out.append((name, st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((name, 0, 0))
    _FINGERPRINTS[key] = (now, tuple(out))
    return tuple(out)


def load_atlas() -> tuple[Atlas | None, list[Problem]]:
    """Validated data for the app, cached per data fingerprint and shared read-only by all sessions."""
    import streamlit as st

    # NOTE: cache_resource, not cache_data: cache_data unpickles a fresh copy of all eleven tables on every
    # run of every session, which under a burst of 30 was most of the map page's CPU and the bulk of its
    # memory growth (bench/RESULTS.md). Sharing is safe here because pandas 3 copies on write: shaping
    # functions derive new frames, and no page assigns into an Atlas table.
    @st.cache_resource(show_spinner=False, max_entries=4)
    def _cached(data_dir: str, fingerprint: tuple) -> tuple[Atlas | None, list[Problem]]:
        return validate(data_dir)

    where = current_data_dir()
    return _cached(str(where), data_fingerprint(where))


def geo_path(name: str = "countries-110m.geojson", data_dir: Path | str | None = None) -> Path:
    """Path of a file under data/geo/ (the map reads shapes through here)."""
    return Path(data_dir or current_data_dir()) / "geo" / name


def read_geojson(name: str = "countries-110m.geojson", data_dir: Path | str | None = None) -> dict | None:
    """Country shapes from data/geo/, or None when the file is missing or unreadable (the map falls back)."""
    import json

    try:
        return json.loads(geo_path(name, data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def file_bytes(name: str, data_dir: Path | str | None = None) -> bytes:
    """Raw bytes of one data file, for downloads."""
    return (Path(data_dir or current_data_dir()) / name).read_bytes()


def zip_bytes(data_dir: Path | str | None = None) -> bytes:
    """Every CSV and the data dictionary as one zip archive."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in [t.file for t in TABLES.values()] + ["README.md"]:
            path = Path(data_dir or current_data_dir()) / name
            if path.exists():
                # fixed timestamp so the archive is byte-identical for identical data
                zf.writestr(zipfile.ZipInfo(f"ai-summit-atlas/{name}", (2023, 11, 1, 0, 0, 0)), path.read_bytes())
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Command line: `python -m components.data --check data/`."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", metavar="DIR", required=True, help="data directory to validate")
    args = parser.parse_args(argv)
    atlas, problems = validate(args.check)
    if problems or atlas is None:
        for p in problems:
            print(p)
        print(f"{len(problems)} problem(s) in {args.check}", file=sys.stderr)
        return 1
    rows = sum(len(getattr(atlas, f.name)) for f in fields(atlas) if f.name != "data_dir")
    print(f"OK: {len(TABLES)} files, {rows} rows in {args.check} pass validation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
