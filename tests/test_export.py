"""The SQLite export: built from the schema, opened by Datasette's own test client (search, foreign keys)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from components import export, export_sqlite
from components.data import TABLES, split_list
from components.published import data_version, frame, shipped
from tests.browser import run_async
from tests.conftest import DATA, shipped_atlas

ATLAS = shipped_atlas()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """`python -m components.export sqlite PATH` run once: the database and its metadata.json."""
    path = tmp_path_factory.mktemp("db") / "atlas.db"
    assert export.main(["--data", str(DATA), "sqlite", str(path)]) == 0
    return path, json.loads(path.with_name("metadata.json").read_text(encoding="utf-8"))


def test_a_table_per_data_file_with_every_row(built):
    conn = sqlite3.connect(built[0])
    tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
    for resource in shipped(ATLAS):
        assert resource.sql_name in tables
        n = conn.execute(f"select count(*) from [{resource.sql_name}]").fetchone()[0]
        assert n == len(frame(ATLAS, resource)), resource.name
    assert {"fr_events", "fr_notes", "events_parties", "summits_hosts"} <= tables


@pytest.mark.parametrize("resource", shipped(ATLAS), ids=lambda r: r.name)
def test_keys_come_from_the_schema(built, resource):
    conn = sqlite3.connect(built[0])
    info = conn.execute(f"pragma table_info([{resource.sql_name}])").fetchall()
    assert [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5]] == list(resource.table.key)
    fks = {(r[3], r[2], r[4]) for r in conn.execute(f"pragma foreign_key_list([{resource.sql_name}])")}
    # a translated change is keyed by an id derived from changes.csv (keyed by date and summary): no SQL key
    expected = {(c.name, c.ref, TABLES[c.ref].key[0]) for c in resource.table.columns
                if c.ref and not c.many and len(TABLES[c.ref].key) == 1}
    assert fks == expected
    conn.execute("pragma foreign_keys = on")
    assert conn.execute("pragma foreign_key_check").fetchall() == []  # every foreign key resolves


def test_same_data_same_bytes():
    assert export_sqlite.database_bytes(ATLAS) == export_sqlite.database_bytes(ATLAS)


def test_metadata_describes_every_column_from_the_schema(built):
    meta = built[1]
    assert meta["license"] == "CC-BY-4.0" and meta["source"] and data_version(ATLAS) in meta["description"]
    tables = meta["databases"]["atlas"]["tables"]
    for resource in shipped(ATLAS):
        assert tables[resource.sql_name]["columns"] == {c.name: c.doc for c in resource.table.columns if c.doc}


def test_datasette_searches_and_follows_foreign_keys(built):
    from datasette.app import Datasette

    path, meta = built
    ds = Datasette([str(path)], metadata=meta)

    async def get(url):
        response = await ds.client.get(url)
        assert response.status_code == 200, (url, response.text[:300])
        return response.json()

    async def run():
        found = await get("/atlas/statements.json?_search=safety&_shape=objects")
        fr = await get("/atlas/fr_events.json?_search=Bletchley&_shape=objects")
        labelled = await get("/atlas/endorsements.json?party_id=FRA&document_id=bletchley-declaration"
                             "&_labels=on&_shape=objects")
        france = await get("/atlas/parties/FRA.json?_extras=foreign_key_tables")
        home = await get("/.json")
        return found, fr, labelled, france, home

    found, fr, labelled, france, home = run_async(run())
    assert found["rows"] and all("safety" in json.dumps(r).lower() for r in found["rows"])
    assert fr["rows"] and all("bletchley" in (r["title"] + r["summary"]).lower() for r in fr["rows"])
    row, = labelled["rows"]
    assert row["party_id"] == {"value": "FRA", "label": "France"}
    assert row["document_id"] == {"value": "bletchley-declaration", "label": "Bletchley Declaration"}
    incoming = {(t["other_table"], t["other_column"]): t["count"] for t in france["foreign_key_tables"]}
    assert incoming[("endorsements", "party_id")] == int((ATLAS.endorsements["party_id"] == "FRA").sum())
    assert incoming[("events_parties", "party_id")] == sum("FRA" in split_list(p) for p in ATLAS.events["parties"])
    assert home["atlas"]["tables_count"] >= len(shipped(ATLAS))


def test_broken_data_exports_nothing(data_copy, tmp_path, capsys):
    (data_copy / "events.csv").write_text("event_id,date\nx,2023-13-01\n", encoding="utf-8")
    assert export.main(["--data", str(data_copy), "sqlite", str(tmp_path / "x.db")]) == 1
    assert not (tmp_path / "x.db").exists()
    assert "events.csv:" in capsys.readouterr().err
