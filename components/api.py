"""The read-only API at /api/v1/ (pure: a request's method and path in, status, headers and body out).

    /api/v1/                       what is there: every table, the routes, the data version and licence
    /api/v1/<table>.json | .csv    a data file (names as in data/datapackage.json: `events`, `fr-events`)
    /api/v1/facts/<id>             one fact, by the id its links use (components/facts.py): `<document_id>/
                                   <party_id>` for an endorsement, else an `event_id`, `statement_id` or
                                   `passage_id` (an id that names an event and a statement, a speech on the
                                   timeline, is the event's, as everywhere in the Atlas)
    /api/v1/parties/<party_id>     a party's profile as data (the map's profile, from the same shaping)
    /api/v1/documents/<id>         a document and its signatories (the map's view of it)
    /api/v1/openapi.json           the OpenAPI 3.1 description (components/openapi.py)

Bodies are built from the same shaping code as the pages, once per data version (the data fingerprint) and path,
then served from memory with an ETag (a hash of the body): `If-None-Match` answers 304. The query string is never
read. components/serving.py puts it in front of the Atlas's own server; deploy/'s nginx caches it.
"""

from __future__ import annotations

import hashlib
import math
import threading
from dataclasses import dataclass
from urllib.parse import quote

import orjson
import pandas as pd

from components import facts
from components.data import Atlas, file_bytes
from components.labels import STATUS_ORDER
from components.participation import coverage_note, document_sentence, document_status
from components.profiles import profile
from components.published import BY_NAME, LICENCE, TITLE, data_version, frame, rows, shipped
from components.report import fact_page, report_link

PREFIX = "/api/v1"
MAX_PATH = 400  # the longest real path is under 100 characters; longer is not an id of ours
CACHE_CONTROL = "public, max-age=300"  # 5 minutes, then a cheap revalidation by ETag
ERROR_CACHE_CONTROL = "public, max-age=60"
ALLOWED = "GET, HEAD, OPTIONS"  # OPTIONS only answers a browser's CORS preflight
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, HEAD",
        "Access-Control-Expose-Headers": "ETag, X-Data-Version, Link"}
JSON = "application/json"
CSV = "text/csv; charset=utf-8"
ABOUT = ("Curated facts on the international AI safety summits. Every fact row cites the page that published it "
         "(source_url); cite that original source.")


@dataclass(frozen=True)
class Answer:
    """One HTTP answer: status, headers (without Content-Length), body (empty for HEAD and 304)."""

    status: int
    headers: dict
    body: bytes


@dataclass(frozen=True)
class Built:
    """A body built once per data version: its media type and its ETag."""

    status: int
    media_type: str
    body: bytes
    etag: str


class NotFound(Exception):
    """No such resource: answered as a JSON 404 with one of NOT_FOUND's messages."""


# fixed texts: an answer never echoes the request (a path may carry control characters, markup or 10,000 bytes)
NOT_FOUND = {
    "path": "No such path in this API: see /api/v1/ for what is there.",
    "fact": "No fact with this id in the data (an endorsement is <document_id>/<party_id>).",
    "endorsement": "No endorsement of this document by this party in the data.",
    "party": "No party with this id in the data.",
    "document": "No document with this id in the data.",
}


def _plain(v: object) -> object:
    """A cell from a shaped frame as plain JSON: None for a missing value, Python numbers and booleans."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        v = v.item()  # numpy scalar
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def records(data: pd.DataFrame, columns: list[str] | None = None) -> list[dict]:
    """A shaped frame's rows as JSON objects (the validator's `_line` left out)."""
    cols = [c for c in (columns or list(data.columns)) if c in data.columns and not str(c).startswith("_")]
    return [{c: _plain(v) for c, v in zip(cols, values)} for values in zip(*(data[c].tolist() for c in cols))]


def envelope(atlas: Atlas, **content) -> dict:
    """What every JSON answer carries: the data version and the licence, then its content."""
    return {"data_version": data_version(atlas), "licence": {"name": LICENCE["name"], "url": LICENCE["path"]},
            **content}


def _json(obj: dict, status: int = 200) -> Built:
    body = orjson.dumps(obj)
    return Built(status, JSON, body, _etag(body))


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha1(body, usedforsecurity=False).hexdigest()[:24] + '"'


def url(*parts: str) -> str:
    """An API path with each part percent-encoded (`/api/v1/facts/bletchley-declaration/FRA`)."""
    return "/".join([PREFIX, *(quote(p, safe="") for p in parts)])


# --- the resources -----------------------------------------------------------------------------------------------

def index(atlas: Atlas) -> dict:
    """What is there: every table (rows, links), the per-id routes, the description."""
    tables = [{"name": r.name, "file": r.table.file, "description": r.table.doc, "rows": len(frame(atlas, r)),
               "key": list(r.table.key), "json": url(f"{r.name}.json"), "csv": url(f"{r.name}.csv")}
              for r in shipped(atlas)]
    return envelope(atlas, title=TITLE, about=ABOUT, openapi=url("openapi.json"), tables=tables, routes={
        "fact": PREFIX + "/facts/{fact_id}",
        "endorsement": PREFIX + "/facts/{document_id}/{party_id}",
        "party": PREFIX + "/parties/{party_id}",
        "document": PREFIX + "/documents/{document_id}"})


def table_json(atlas: Atlas, name: str) -> dict:
    """One data file's rows, typed by its schema (`;`-joined lists as arrays, empty cells as null)."""
    r = BY_NAME[name]
    return envelope(atlas, table=r.name, file=r.table.file, description=r.table.doc, key=list(r.table.key),
                    csv=url(f"{r.name}.csv"), rows=rows(r.table, frame(atlas, r)))


def _row(table: str, atlas: Atlas, mask) -> dict:
    r = BY_NAME[table]
    return rows(r.table, getattr(atlas, table)[mask])[0]


def fact(atlas: Atlas, value: str) -> dict:
    """One fact by the id its links use (components/facts.py finds it, report.py reads the id): an endorsement,
    an event, a statement or a quoted passage, with its row, its page, its permalink and its report link."""
    found = facts.find(atlas, value)
    if found is None:
        raise NotFound(NOT_FOUND["fact"])
    table = f"{found.kind}s"
    record = rows(BY_NAME[table].table, found.row.to_frame().T)[0]
    if found.kind == "endorsement":
        links = {"document": url("documents", record["document_id"]), "party": url("parties", record["party_id"])}
    elif found.kind == "event":
        links = {"parties": [url("parties", p) for p in record["parties"] or []]}
        links |= {"document": url("documents", record["document_id"])} if record["document_id"] else {}
    elif found.kind == "statement":
        links = {"party": url("parties", record["party_id"])} if record["party_id"] else {}
    else:  # a passage quoted from a document
        links = {"document": url("documents", record["document_id"])}
    page = fact_page(found.fact_id, atlas.events) if found.kind != "passage" else facts.permalink(found.link_id)
    return envelope(atlas, fact={"id": found.link_id, "kind": found.kind, "table": table,
                                 "source_url": record["source_url"], "page": page,
                                 "permalink": facts.permalink(found.link_id),
                                 "report": report_link(found.fact_id, page), "record": record, "links": links})


def party(atlas: Atlas, party_id: str) -> dict:
    """A party's profile as data: the map's profile (profiles.profile), summit by summit, then everything else."""
    if party_id not in set(atlas.parties["party_id"]):
        raise NotFound(NOT_FOUND["party"])
    a = atlas
    p = profile(party_id, a.parties, a.summits, a.documents, a.endorsements, a.attendance, a.statements,
                a.institutes, a.events)

    def documents(data: pd.DataFrame) -> list[dict]:
        out = records(data, ["document_id", "short_title", "title", "status", "label", "date", "date_precision",
                             "source_url", "verification", "note", "checked_on"])
        for d in out:
            if d["status"] != "no_record":
                d["fact"] = url("facts", d["document_id"], party_id)
        return out

    statement_cols = ["statement_id", "date", "date_precision", "speaker", "role", "gist", "quote", "source_url",
                      "source_title", "verification"]
    return envelope(a, party=_row("parties", a, a.parties["party_id"] == party_id), page=f"/map?country={party_id}",
                    summits=[{"summit_id": s.summit_id, "label": s.label, "name": s.name, "when": s.when,
                              "held": s.held, "attended": s.attended or None,
                              "attended_source": s.attended_source or None, "documents": documents(s.documents),
                              "statements": records(s.statements, statement_cols)} for s in p.sections],
                    other_documents=documents(p.other_documents),
                    other_statements=records(p.other_statements, statement_cols),
                    institutes=records(p.institutes), events=records(p.events, ["event_id", "date", "kind", "title"]),
                    sources=[{"title": t, "url": u} for t, u in p.sources])


def document(atlas: Atlas, document_id: str) -> dict:
    """A document and its signatories: the map's view of it (the same sentence and coverage note)."""
    d = atlas.documents
    if document_id not in set(d["document_id"]):
        raise NotFound(NOT_FOUND["document"])
    row = d[d["document_id"] == document_id].iloc[0]
    status = document_status(atlas.parties, atlas.endorsements, document_id)
    listed = status[status["status"] != "no_record"].sort_values(["status", "name"])
    endorsers = records(listed, ["party_id", "name", "kind", "status", "date", "date_precision", "source_url",
                                 "verification", "note", "checked_on", "disputed"])
    for e in endorsers:
        e["fact"] = url("facts", document_id, e["party_id"])
        e["party"] = url("parties", e["party_id"])
    counts = {s: int((listed["status"] == s).sum()) for s in STATUS_ORDER[:-1]}
    return envelope(atlas, document=_row("documents", atlas, d["document_id"] == document_id),
                    page=f"/map?document={document_id}", sentence=document_sentence(row, status),
                    coverage_note=coverage_note(row, status), counts=counts, endorsers=endorsers)


# --- routing and caching ------------------------------------------------------------------------------------------

def build(atlas: Atlas, rest: str) -> Built:
    """The body of one path under /api/v1/ (`rest`, without the prefix); NotFound for anything else."""
    from components.openapi import openapi

    if rest == "":
        return _json(index(atlas))
    if rest == "openapi.json":
        return _json(openapi(atlas))
    head, _, tail = rest.partition("/")
    if not tail:
        name, dot, ext = rest.rpartition(".")
        known = dot and name in BY_NAME and BY_NAME[name] in shipped(atlas)
        if known and ext == "json":
            return _json(table_json(atlas, name))
        if known and ext == "csv":
            body = file_bytes(BY_NAME[name].table.file, atlas.data_dir)
            return Built(200, CSV, body, _etag(body))
    elif head == "facts":
        return _json(fact(atlas, tail))
    elif head == "parties" and "/" not in tail:
        return _json(party(atlas, tail))
    elif head == "documents" and "/" not in tail:
        return _json(document(atlas, tail))
    raise NotFound(NOT_FOUND["path"])


_BUILT: dict[str, dict[str, Built]] = {}  # data fingerprint -> path -> body, for the newest data versions
_BUILT_LOCK = threading.Lock()
MAX_VERSIONS = 2


def built(atlas: Atlas, fingerprint: str, rest: str) -> Built:
    """The body of a path, built once per data version (a miss builds it; NotFound is not kept: ids are bounded by
    the data, unknown paths are not)."""
    with _BUILT_LOCK:
        hit = _BUILT.get(fingerprint, {}).get(rest)
    if hit is not None:
        return hit
    body = build(atlas, rest)
    with _BUILT_LOCK:
        _BUILT.setdefault(fingerprint, {})[rest] = body
        while len(_BUILT) > MAX_VERSIONS:
            del _BUILT[next(iter(_BUILT))]
    return body


def error(atlas: Atlas | None, status: int, message: str) -> Built:
    """A JSON error (never HTML, never the path or a traceback echoed back)."""
    content = {"error": {"status": status, "message": message}}
    return _json(envelope(atlas, **content) if atlas is not None else content, status)


def _matches(if_none_match: str, etag: str) -> bool:
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or etag in tags


def answer(method: str, path: str, if_none_match: str, atlas: Atlas | None, fingerprint: str) -> Answer:
    """The answer to one request under /api/ (`path` is the decoded URL path; the query string is never read)."""
    method = method.upper()
    if method == "OPTIONS":  # a browser's CORS preflight (a request with If-None-Match set by a script)
        return Answer(204, {**CORS, "Access-Control-Allow-Headers": "If-None-Match", "Access-Control-Max-Age": "86400",
                            "Allow": ALLOWED}, b"")
    if method not in ("GET", "HEAD"):
        out, cache = error(atlas, 405, "Read-only API: only GET and HEAD are allowed."), "no-store"
    elif atlas is None:
        out, cache = error(None, 503, "The data does not pass validation; the API is back when it does."), "no-store"
    else:
        rest = path.removeprefix(PREFIX).strip("/") if path.startswith(PREFIX + "/") or path == PREFIX else None
        try:
            if rest is None or len(path) > MAX_PATH:
                raise NotFound(NOT_FOUND["path"])
            out, cache = built(atlas, fingerprint, rest), CACHE_CONTROL
        except NotFound as exc:
            out, cache = error(atlas, 404, str(exc)), ERROR_CACHE_CONTROL
    headers = {"Content-Type": out.media_type, "Cache-Control": cache, **CORS}
    if out.status == 405:
        headers["Allow"] = ALLOWED
    if atlas is not None:
        headers["X-Data-Version"] = data_version(atlas)
        headers["Link"] = f'<{LICENCE["path"]}>; rel="license"'
    if out.status == 200:
        headers["ETag"] = out.etag
        if if_none_match and _matches(if_none_match, out.etag):
            return Answer(304, {k: v for k, v in headers.items() if k != "Content-Type"}, b"")
    headers["Content-Length"] = str(len(out.body))
    return Answer(out.status, headers, b"" if method == "HEAD" else out.body)
