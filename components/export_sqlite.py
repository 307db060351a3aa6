"""The Atlas's data as one SQLite database for Datasette: `python -m components.export sqlite PATH`.

A table per data file (translations too: `fr_events`), with the schema's primary and foreign keys, a link table per
`;`-joined list of ids (`events_parties`), full-text search on titles, summaries and quotes, and a Datasette
`metadata.json` (title, licence, source, every column's meaning) beside it. Built with sqlite-utils from the
validated data and the same schema as the validator and datapackage.json; the same data gives the same bytes.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from components.data import TABLES, TRANSLATION_LANGS, Atlas, Col
from components.i18n import LANGUAGES
from components.published import LICENCE, TITLE, Resource, data_version, frame, rows, shipped

DOWNLOAD_NAME = "ai-summit-atlas.db"  # About the data's download; Datasette names the database by its stem
METADATA_NAME = "metadata.json"
# prose a reader searches: titles, names, summaries, paraphrases and quotes, explanations (not ids, dates or URLs)
SEARCHED = ("name", "short_name", "title", "short_title", "summary", "gist", "quote", "speaker", "role", "term",
            "definition", "explanation", "example", "question", "text", "note", "quote_gloss", "reported_count_note",
            *(f"{col}_{lang}" for lang in TRANSLATION_LANGS for col in ("note", "term")))
SQL_TYPES = {"int": int, "float": float, "bool": int}  # every other kind is text (dates as YYYY-MM-DD)
SOURCE = "AI Summit Atlas: curated facts, each row citing the page that published it (source_url)"


def _fk(col: Col, present: tuple[Resource, ...]) -> tuple[str, str, str] | None:
    """The SQL foreign key of a column that holds one id of another table (when that table's file is there)."""
    target = next((r for r in present if r.name == col.ref), None)
    if target is None or col.many or len(TABLES[col.ref].key) != 1:  # a translated change's id is derived
        return None
    return col.name, target.sql_name, TABLES[col.ref].key[0]


def link_tables(resource: Resource, present: tuple[Resource, ...]) -> list[tuple[str, Col]]:
    """(link table name, list column) for each `;`-joined list of ids in an English table (`events_parties`)."""
    if resource.lang or len(resource.table.key) != 1:
        return []
    names = {r.name for r in present}
    return [(f"{resource.sql_name}_{c.name}", c) for c in resource.table.columns if c.ref and c.many
            and c.ref in names]


def _searched(resource: Resource) -> list[str]:
    return [c.name for c in resource.table.columns if c.name in SEARCHED and c.kind == "text" and not c.choices]


def label_column(resource: Resource) -> str | None:
    """The column Datasette shows for a row that another table points at (`France` beside `FRA`)."""
    names = [c.name for c in resource.table.columns]
    return next((n for n in ("short_name", "short_title", "name", "title") if n in names
                 and next(c for c in resource.table.columns if c.name == n).required), None)


def build(atlas: Atlas, conn: sqlite3.Connection) -> None:
    """Write every table, link table and search index of the Atlas into an empty database."""
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    present = shipped(atlas)
    for resource in present:  # in TABLES' order: a table's foreign keys point at tables made before it
        table = resource.table
        db[resource.sql_name].create(
            {c.name: SQL_TYPES.get(c.kind, str) for c in table.columns},
            pk=table.key[0] if len(table.key) == 1 else tuple(table.key),
            foreign_keys=[fk for c in table.columns if (fk := _fk(c, present))],
            not_null=[c.name for c in table.columns if c.required])
        records = rows(table, frame(atlas, resource), lists=False)
        db[resource.sql_name].insert_all(records)
        if _searched(resource):
            db[resource.sql_name].enable_fts(_searched(resource))
        key = table.key[0] if len(table.key) == 1 else None
        for name, col in link_tables(resource, present):
            target = TABLES[col.ref].key[0]
            other = target if target != key else f"{col.name}_{target}"
            key_type = SQL_TYPES.get(next(c for c in table.columns if c.name == key).kind, str)
            db[name].create({key: key_type, other: str}, pk=(key, other),
                            foreign_keys=[(key, resource.sql_name, key), (other, col.ref, target)])
            db[name].insert_all({key: r[key], other: item} for r in rows(table, frame(atlas, resource))
                                for item in dict.fromkeys(r[col.name] or []))
    conn.commit()


def database_bytes(atlas: Atlas) -> bytes:
    """The whole database as the bytes of a SQLite file (built in memory: nothing is written to disk)."""
    conn = sqlite3.connect(":memory:")
    try:
        build(atlas, conn)
        conn.execute("VACUUM")
        return conn.serialize()
    finally:
        conn.close()


def metadata(atlas: Atlas, database: str = Path(DOWNLOAD_NAME).stem) -> dict:
    """Datasette's metadata.json for the database named `database` (its file name without `.db`)."""
    tables = {}
    present = shipped(atlas)
    for resource in present:
        tables[resource.sql_name] = {
            "description": f"{resource.table.file}: {resource.table.doc}",
            "columns": {c.name: c.doc for c in resource.table.columns if c.doc}}
        if label_column(resource):
            tables[resource.sql_name]["label_column"] = label_column(resource)
        for name, col in link_tables(resource, present):
            tables[name] = {"description": f"one item of the `;`-joined list `{col.name}` of "
                                           f"{resource.table.file}, one row per item: {col.doc}"}
    return {
        "title": "AI Summit Atlas",
        "description": f"{TITLE} as of {data_version(atlas)}: summits, outcome documents and who endorsed them, "
                       "timeline events, statements, AI safety institutes, risk explainers, with translations ("
                       + ", ".join(f"{LANGUAGES[lang].name}: {lang}_*" for lang in TRANSLATION_LANGS)
                       + "). Every fact row cites its source (source_url).",
        "license": LICENCE["name"], "license_url": LICENCE["path"],
        "source": SOURCE,
        "databases": {database: {"tables": tables}},
    }


def write(atlas: Atlas, path: Path) -> tuple[Path, Path]:
    """Write the database at `path` and metadata.json beside it; return both paths."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(database_bytes(atlas))
    meta = path.with_name(METADATA_NAME)
    meta.write_text(json.dumps(metadata(atlas, path.stem), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path, meta


def add_command(commands) -> None:
    """`python -m components.export sqlite PATH` (components/export.py)."""
    parser = commands.add_parser("sqlite", help="a SQLite database for Datasette, with metadata.json beside it")
    parser.add_argument("path", type=Path, help="the database file to write, e.g. atlas.db")
    parser.set_defaults(run=_run)


def _run(args, atlas: Atlas) -> str:
    db, meta = write(atlas, args.path)
    return (f"wrote {db} ({db.stat().st_size:,} bytes) and {meta}; browse it with "
            f"`datasette {db} --metadata {meta}`")
