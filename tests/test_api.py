"""The read-only API (components/api.py): every table and fact kind, ETags, errors; its OpenAPI description; and
the running server under schemathesis."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import unquote

import orjson
import pytest

from components import api
from components.facts import permalink
from components.data import file_bytes
from components.openapi import openapi
from components.published import data_version, frame, shipped
from components.report import link_fact, report_link
from tests.conftest import DATA, shipped_atlas

ATLAS = shipped_atlas()
SPEC = openapi(ATLAS)
FP = "test-fingerprint"


def get(path: str, method: str = "GET", etag: str = "", atlas=ATLAS, fingerprint: str = FP) -> api.Answer:
    """The answer to a URL path, decoded as the server hands it over (ASGI's `path`)."""
    return api.answer(method, unquote(path), etag, atlas, fingerprint)


def body(path: str) -> dict:
    out = get(path)
    assert out.status == 200, (path, out.body[:300])
    return orjson.loads(out.body)


def conforms(data: dict, template: str) -> None:
    """The body matches its 200 schema in the OpenAPI description (JSON Schema 2020-12, as OpenAPI 3.1 says)."""
    import jsonschema

    schema = SPEC["paths"][template]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    jsonschema.Draft202012Validator({**schema, "components": SPEC["components"]},
                                    format_checker=jsonschema.FormatChecker()).validate(data)


def test_the_description_is_valid_openapi_3_1():
    from openapi_spec_validator import validate

    validate(SPEC)
    assert SPEC["openapi"].startswith("3.1") and SPEC["info"]["version"] == data_version(ATLAS)
    assert body("/api/v1/openapi.json") == orjson.loads(orjson.dumps(SPEC))


def test_index_lists_every_table_with_its_links():
    index = body("/api/v1/")
    conforms(index, "/api/v1/")
    assert [t["name"] for t in index["tables"]] == [r.name for r in shipped(ATLAS)]
    assert all(t["rows"] == len(frame(ATLAS, r)) for t, r in zip(index["tables"], shipped(ATLAS)))
    assert body("/api/v1") == index
    assert index["licence"]["name"] == "CC-BY-4.0" and index["data_version"] == max(ATLAS.changes["date"])


@pytest.mark.parametrize("resource", shipped(ATLAS), ids=lambda r: r.name)
def test_every_table_as_json_and_csv(resource):
    data = body(f"/api/v1/{resource.name}.json")
    conforms(data, f"/api/v1/{resource.name}.json")
    assert len(data["rows"]) == len(frame(ATLAS, resource)) > 0
    key = resource.table.key[0]
    assert [str(r[key]) for r in data["rows"]] == [str(v) for v in frame(ATLAS, resource)[key]]
    csv = get(f"/api/v1/{resource.name}.csv")
    assert csv.status == 200 and csv.headers["Content-Type"].startswith("text/csv")
    assert csv.body == file_bytes(resource.table.file, DATA)  # the published file, byte for byte
    assert csv.headers["X-Data-Version"] == data_version(ATLAS) and "license" in csv.headers["Link"]


def test_an_optional_file_not_shipped_yet_is_not_served():
    """As datapackage.json leaves it out (an optional file until sources.csv lists it): a 404, not a 500."""
    from components.published import RESOURCES

    for r in [r for r in RESOURCES if r not in shipped(ATLAS)]:
        assert get(f"/api/v1/{r.name}.json").status == get(f"/api/v1/{r.name}.csv").status == 404, r.name
        assert f"/api/v1/{r.name}.json" not in SPEC["paths"]


def _facts():
    e = ATLAS.endorsements
    return ([("endorsement", f"endorsements.csv: {d} + {p}") for d, p in zip(e["document_id"], e["party_id"])]
            + [("event", i) for i in ATLAS.events["event_id"]]
            + [("statement", i) for i in ATLAS.statements["statement_id"]]
            + [("passage", i) for i in ATLAS.passages["passage_id"]])  # none until passages.csv ships


def test_every_fact_by_its_report_link_id():
    facts = _facts()
    assert {"endorsement", "event", "statement"} <= {k for k, _i in facts}
    for kind, fact_id in facts:
        short = link_fact(fact_id)  # the id a report link carries: `<document_id>/<party_id>` for an endorsement
        data = body(api.url("facts", *short.split("/")))
        fact = data["fact"]
        # an id that names an event and a statement (a speech on the timeline) is the event's, as in report.py
        expected = "event" if kind == "statement" and fact_id in set(ATLAS.events["event_id"]) else kind
        assert (fact["kind"], fact["id"]) == (expected, short)
        assert fact["report"] == report_link(fact_id, fact["page"])
        assert fact["permalink"] == permalink(short) and fact["record"]["source_url"] == fact["source_url"]
        assert data == body(api.url("facts", fact_id))  # the long form of older report links too
    for kind, fact_id in [facts[0], next(f for f in facts if f[0] == "event"), facts[-1]]:
        template = "/api/v1/facts/{document_id}/{party_id}" if kind == "endorsement" else "/api/v1/facts/{fact_id}"
        conforms(body(api.url("facts", *link_fact(fact_id).split("/"))), template)


def test_a_fact_is_its_row():
    pair = ATLAS.endorsements.iloc[5]
    fact = body(f"/api/v1/facts/{pair['document_id']}/{pair['party_id']}")["fact"]
    assert fact["record"]["status"] == pair["status"] and fact["source_url"] == pair["source_url"]
    assert fact["links"] == {"document": f"/api/v1/documents/{pair['document_id']}",
                             "party": f"/api/v1/parties/{pair['party_id']}"}
    statement = ATLAS.statements[~ATLAS.statements["statement_id"].isin(ATLAS.events["event_id"])].iloc[0]
    record = body(f"/api/v1/facts/{statement['statement_id']}")["fact"]["record"]
    assert record["gist"] == statement["gist"] and record["quote"] == (statement["quote"] or None)


# one party of each kind, and the parties with the most rows about them
PARTIES = sorted({*ATLAS.parties.drop_duplicates("kind")["party_id"], "FRA", "CHN", "USA", "GBR", "EU"}
                 & set(ATLAS.parties["party_id"]))


@pytest.mark.parametrize("party_id", PARTIES)
def test_a_party_profile_is_the_map_profile(party_id):
    from components.profiles import profile

    a = ATLAS
    data = body(f"/api/v1/parties/{party_id}")
    conforms(data, "/api/v1/parties/{party_id}")
    p = profile(party_id, a.parties, a.summits, a.documents, a.endorsements, a.attendance, a.statements,
                a.institutes, a.events)
    assert [s["summit_id"] for s in data["summits"]] == [s.summit_id for s in p.sections]
    assert [[d["status"] for d in s["documents"]] for s in data["summits"]] == \
        [list(s.documents["status"]) for s in p.sections]
    assert [(s["title"], s["url"]) for s in data["sources"]] == list(p.sources)
    assert len(data["events"]) == len(p.events)
    for d in [d for s in data["summits"] for d in s["documents"]] + data["other_documents"]:
        assert ("fact" in d) == (d["status"] != "no_record")
        if "fact" in d:
            assert body(d["fact"])["fact"]["record"]["party_id"] == party_id


@pytest.mark.parametrize("document_id", list(ATLAS.documents["document_id"]))
def test_every_document_with_its_signatories(document_id):
    data = body(f"/api/v1/documents/{document_id}")
    conforms(data, "/api/v1/documents/{document_id}")
    rows = ATLAS.endorsements[ATLAS.endorsements["document_id"] == document_id]
    assert sorted(e["party_id"] for e in data["endorsers"]) == sorted(rows["party_id"])
    assert sum(data["counts"].values()) == len(rows)
    assert all(body(e["fact"])["fact"]["kind"] == "endorsement" for e in data["endorsers"][:3])


BAD = [
    "/api/v1/parties/XXX", "/api/v1/parties/fra", "/api/v1/documents/nope", "/api/v1/facts/nope",
    "/api/v1/facts/bletchley-declaration/XXX", "/api/v1/facts/bletchley-declaration/FRA/extra",
    "/api/v1/facts/", "/api/v1/parties/", "/api/v1/parties/FRA/profile", "/api/v1/events.xml", "/api/v1/EVENTS.json",
    "/api/v1/events", "/api/v1/README.md", "/api/v1/datapackage.json", "/api/v1/geo/countries-110m.geojson",
    "/api/v1/../../data/parties.csv", "/api/v1/../data/parties.csv", "/api/v1/..%2F..%2Fdata%2Fparties.csv",
    "/api/v1/i18n/fr/events.csv", "/api/v1/fr/events.json", "/api/v1/%00", "/api/v1/parties/FRA\x00",
    "/api/v1/parties/FR\u202eA", "/api/v1/parties/\x1b[31mFRA", "/api/v1/parties/FRA\r\nSet-Cookie: x=1",
    "/api/v1/parties/" + "A" * 10_000, "/api/v1/facts/" + "a/" * 5_000, "/api/v2/", "/api", "/api/",
    "/api/v1x/events.json", "/api/v1/parties/<script>alert(1)</script>",
]


@pytest.mark.parametrize("path", BAD, ids=lambda p: repr(p[:40]))
def test_unknown_ids_and_bad_paths_answer_a_json_404(path):
    out = get(path)
    assert out.status == 404 and out.headers["Content-Type"] == "application/json"
    data = orjson.loads(out.body)
    assert data["error"]["status"] == 404 and data["error"]["message"]
    assert data["data_version"] == data_version(ATLAS) and data["licence"]["name"] == "CC-BY-4.0"
    assert data["error"]["message"] in api.NOT_FOUND.values()  # a fixed text: the request is never echoed
    assert "ETag" not in out.headers and len(out.body) < 400
    conforms_error = SPEC["components"]["schemas"]["Error"]
    import jsonschema
    jsonschema.Draft202012Validator({**conforms_error, "components": SPEC["components"]}).validate(data)


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "TRACE", "CONNECT", "FOO"])
def test_only_get_and_head(method):
    out = get("/api/v1/events.json", method)
    assert out.status == 405 and out.headers["Allow"] == "GET, HEAD, OPTIONS"
    assert orjson.loads(out.body)["error"]["status"] == 405 and out.headers["Cache-Control"] == "no-store"


def test_cors_is_open_for_get_and_a_preflight_is_answered():
    out = get("/api/v1/parties/FRA")
    assert out.headers["Access-Control-Allow-Origin"] == "*"
    assert out.headers["Access-Control-Allow-Methods"] == "GET, HEAD"
    assert "ETag" in out.headers["Access-Control-Expose-Headers"]
    pre = get("/api/v1/parties/FRA", "OPTIONS")
    assert pre.status == 204 and pre.body == b"" and "If-None-Match" in pre.headers["Access-Control-Allow-Headers"]


def test_etag_answers_304_and_head_has_no_body():
    full = get("/api/v1/events.json")
    etag = full.headers["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{24}"', etag) and full.headers["Cache-Control"].startswith("public, max-age=")
    for sent in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        out = get("/api/v1/events.json", etag=sent)
        assert out.status == 304 and out.body == b"" and out.headers["ETag"] == etag, sent
    assert get("/api/v1/events.json", etag='"stale"').status == 200
    head = get("/api/v1/events.json", "HEAD")
    assert head.status == 200 and head.body == b"" and head.headers["Content-Length"] == str(len(full.body))
    assert head.headers["ETag"] == etag
    assert get("/api/v1/events.csv").headers["ETag"] != etag


def test_bodies_are_built_once_per_data_version(monkeypatch):
    calls = []
    real = api.build
    monkeypatch.setattr(api, "build", lambda atlas, rest: calls.append(rest) or real(atlas, rest))
    first = get("/api/v1/parties/GBR", fingerprint="v-once-1")
    assert get("/api/v1/parties/GBR", fingerprint="v-once-1").body is first.body
    assert calls == ["parties/GBR"]
    get("/api/v1/parties/GBR", fingerprint="v-once-2")  # another data version: built again
    assert calls == ["parties/GBR"] * 2
    for _ in range(3):
        get("/api/v1/parties/NOPE", fingerprint="v-once-2")
    assert "parties/NOPE" not in api._BUILT["v-once-2"]  # unknown paths are not kept
    assert len(api._BUILT) <= api.MAX_VERSIONS


def test_broken_data_answers_503_json():
    out = get("/api/v1/events.json", atlas=None)
    assert out.status == 503 and orjson.loads(out.body)["error"]["status"] == 503


# --- the running server -------------------------------------------------------------------------------------------

def fetch(url: str, headers: dict | None = None, method: str = "GET"):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}, method=method)) as r:
            return r.status, r.headers, r.read()  # case-insensitive
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def test_the_server_answers_the_api_and_ignores_query_strings(server):
    status, headers, data = fetch(server + "/api/v1/parties/FRA")
    assert status == 200 and headers["Content-Type"] == "application/json"
    odd = fetch(server + "/api/v1/parties/FRA?lang=fr&x=%00%E2%80%AE&callback=alert")
    assert odd[0] == 200 and odd[2] == data and odd[1]["ETag"] == headers["ETag"]
    assert fetch(server + "/api/v1/parties/FRA", {"If-None-Match": headers["ETag"]})[0] == 304
    for path in ("/api/v1/parties/FRA/extra", "/api/v2/x/y", "/api", "/api/v1/%2e%2e/%2e%2e/data/parties.csv"):
        status, headers, data = fetch(server + path)
        assert (status, headers["Content-Type"]) == (404, "application/json"), path  # not Streamlit's HTML page
        assert orjson.loads(data)["error"]["status"] == 404
    status, headers, data = fetch(server + "/api/v1/events.json", method="DELETE")
    assert status == 405 and headers["Allow"] == "GET, HEAD, OPTIONS" and orjson.loads(data)["error"]
    assert fetch(server + "/map")[0] == 200  # the pages are still Streamlit's


def test_schemathesis_finds_no_failure(server, tmp_path):
    """Every operation of the description, property-based (coverage, fuzzing, stateful links), all checks: no 500,
    statuses, content types, headers and bodies as described; bounded to a few examples per operation."""
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "schemathesis.cli", "run", server + "/api/v1/openapi.json",
                          "--url", server, "--checks", "all", "--max-examples", "3", "--generation-deterministic",
                          "--phases", "examples,coverage,fuzzing", "--request-timeout", "20", "--no-color"],
                         capture_output=True, text=True, timeout=240, cwd=tmp_path)  # its cache goes there
    summary = re.search(r"(\d+) generated, (\d+) passed", run.stdout)
    assert run.returncode == 0 and summary and summary[1] == summary[2], run.stdout[-4000:] + run.stderr[-2000:]
    # every operation ran but the description's own URL (/api/v1/openapi.json), which the CLI leaves out
    assert int(summary[1]) > 300 and f"{len(SPEC['paths']) - 1} selected" in run.stdout
    print(f"schemathesis: {summary[1]} cases in {time.monotonic() - started:.0f} s")
