"""The OpenAPI 3.1 description of /api/v1/, generated from the same column schema (components/data.py) as the
validator, data/datapackage.json and the SQLite export: one row schema per data file, one path per file.
"""

from __future__ import annotations

from components.data import Atlas, Col, Table
from components.facts import ID_TABLES
from components.package import TYPES
from components.published import LICENCE, Resource, data_version, shipped

SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$"  # the validator's slug (components/data.py)
PARTY_ID = "^[A-Za-z0-9-]{1,64}$"  # ISO codes (`FRA`), bloc codes (`EU`), company slugs (`openai`)
REF = "#/components/schemas/"


def column_schema(col: Col) -> dict:
    """The JSON Schema of one column's value as the API gives it (published.rows): typed, null where empty."""
    kind = TYPES[col.kind]
    item: dict = {"type": "string", "format": "date"} if kind == "date" else {"type": kind}
    if col.kind == "url":
        item["format"] = "uri"
    if col.kind == "slug":
        item["pattern"] = SLUG
    if col.choices:
        item["enum"] = list(col.choices)
    if col.max_chars:
        item["maxLength"] = col.max_chars
    if col.many:  # `;`-joined in the CSV, an array here (empty when the cell is)
        out = {"type": "array", "items": item}
    elif not col.required or col.optional_column:
        out = {**item, "type": [item["type"], "null"]}
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
    else:
        out = item
    if col.doc:
        out["description"] = col.doc
    return out


def row_schema(table: Table) -> dict:
    """One row of a data file, as an object with the schema's columns."""
    return {"type": "object", "description": f"{table.file}: one row is {table.doc}",
            "properties": {c.name: column_schema(c) for c in table.columns},
            "required": [c.name for c in table.columns if not c.optional_column], "additionalProperties": False}


def _row_name(resource: Resource) -> str:
    return "Row_" + resource.sql_name


def _envelope(properties: dict, required: list[str]) -> dict:
    return {"type": "object", "required": ["data_version", "licence", *required],
            "properties": {"data_version": {"$ref": REF + "DataVersion"}, "licence": {"$ref": REF + "Licence"},
                           **properties}}


def _array(ref: str) -> dict:
    return {"type": "array", "items": {"$ref": REF + ref}}


def _schemas(resources: tuple[Resource, ...]) -> dict:
    # the tables whose rows are facts with an id of their own (components/facts.py), when their files are there
    fact_tables = ["endorsements"] + [t for _k, t, _c in ID_TABLES if t in {r.name for r in resources}]
    text, maybe = {"type": "string"}, {"type": ["string", "null"]}
    linked_document = {"type": "object", "required": ["document_id", "status"], "properties": {
        "document_id": {"type": "string"}, "short_title": text, "title": text,
        "status": {"enum": ["signed", "joined_later", "attended_not_signed", "no_record"]},
        "label": text, "date": text, "source_url": text, "fact": {"type": "string"}}}
    statement = {"type": "object", "required": ["statement_id", "date", "gist", "source_url"],
                 "properties": {"statement_id": text, "date": text, "speaker": text, "gist": text, "quote": maybe,
                                "source_url": text}}
    out = {
        "DataVersion": {"type": "string", "format": "date",
                        "description": "the date of the latest change in data/changes.csv"},
        "Licence": {"type": "object", "required": ["name", "url"],
                    "properties": {"name": {"const": LICENCE["name"]}, "url": {"const": LICENCE["path"]}}},
        "Error": {"type": "object", "required": ["error"], "properties": {
            "data_version": {"$ref": REF + "DataVersion"}, "licence": {"$ref": REF + "Licence"},
            "error": {"type": "object", "required": ["status", "message"],
                      "properties": {"status": {"type": "integer"}, "message": text}}}},
        "Index": _envelope({"title": text, "about": text, "openapi": text, "routes": {"type": "object"},
                            "tables": {"type": "array", "items": {"type": "object", "required": [
                                "name", "file", "rows", "json", "csv"], "properties": {
                                "name": {"enum": [r.name for r in resources]}, "file": text,
                                "rows": {"type": "integer", "minimum": 0}, "json": text, "csv": text}}}},
                           ["tables", "routes", "openapi"]),
        "Fact": _envelope({"fact": {"type": "object", "required": ["id", "kind", "record", "source_url", "page"],
                                    "properties": {
                                        "id": text, "kind": {"enum": [t.removesuffix("s") for t in fact_tables]},
                                        "table": {"enum": fact_tables}, "source_url": text, "page": text,
                                        "permalink": text, "report": text, "links": {"type": "object"},
                                        "record": {"anyOf": [{"$ref": REF + "Row_" + t} for t in fact_tables]}}}},
                          ["fact"]),
        "Party": _envelope({
            "party": {"$ref": REF + "Row_parties"}, "page": text,
            "summits": {"type": "array", "items": {"type": "object", "required": ["summit_id", "documents"],
                                                   "properties": {"summit_id": text, "label": text, "held": {
                                                       "type": "boolean"}, "attended": maybe,
                                                       "documents": {"type": "array", "items": linked_document},
                                                       "statements": {"type": "array", "items": statement}}}},
            "other_documents": {"type": "array", "items": linked_document},
            "other_statements": {"type": "array", "items": statement},
            "institutes": {"type": "array", "items": {"type": "object"}},
            "events": {"type": "array", "items": {"type": "object", "required": ["event_id", "date", "title"]}},
            "sources": {"type": "array", "items": {"type": "object", "required": ["title", "url"]}}},
            ["party", "summits", "other_documents", "institutes", "events", "sources"]),
        "Document": _envelope({
            "document": {"$ref": REF + "Row_documents"}, "page": text, "sentence": text, "coverage_note": maybe,
            "counts": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
            "endorsers": {"type": "array", "items": {"type": "object", "required": [
                "party_id", "name", "status", "source_url", "fact"], "properties": {
                "party_id": text, "name": text, "status": {"enum": ["signed", "joined_later", "attended_not_signed"]},
                "source_url": text, "fact": text, "party": text, "disputed": {"type": "boolean"}}}}},
            ["document", "sentence", "endorsers"]),
    }
    for r in resources:
        out[_row_name(r)] = row_schema(r.table)
        out["Table_" + r.sql_name] = _envelope({"table": {"const": r.name}, "file": {"const": r.table.file},
                                                "rows": _array(_row_name(r))}, ["table", "rows"])
    return out


HEADERS = {
    "ETag": {"description": "a hash of the body; send it back in If-None-Match for a 304",
             "required": True, "schema": {"type": "string"}},
    "X-Data-Version": {"description": "the data version", "required": True, "schema": {"type": "string"}},
    "Cache-Control": {"required": True, "schema": {"type": "string"}},
}
IF_NONE_MATCH = {"name": "If-None-Match", "in": "header", "required": False, "schema": {"type": "string"},
                 "description": "an ETag this API gave: unchanged bodies answer 304 Not Modified"}


def _operation(summary: str, schema: dict | None, media: str = "application/json", params: list | None = None,
               not_found: bool = False) -> dict:
    ok = {"description": "OK", "headers": HEADERS,
          "content": {media: {"schema": schema or {"type": "string"}}}}
    responses = {"200": ok, "304": {"description": "Not modified: the ETag sent in If-None-Match is current"}}
    if not_found:
        responses["404"] = {"description": "No such id in the data",
                            "content": {"application/json": {"schema": {"$ref": REF + "Error"}}}}
    return {"get": {"summary": summary, "parameters": [*(params or []), IF_NONE_MATCH], "responses": responses}}


def _path_param(name: str, pattern: str, doc: str, example: str) -> dict:
    return {"name": name, "in": "path", "required": True, "description": doc, "example": example,
            "schema": {"type": "string", "pattern": pattern, "maxLength": 120}}


def openapi(atlas: Atlas) -> dict:
    """The OpenAPI 3.1 description of /api/v1/ for this data version."""
    # examples from the data (an endorsement's document and party, so the pair exists): a client, and schemathesis's
    # examples phase, reach a real answer
    first = atlas.endorsements.iloc[0]
    party = _path_param("party_id", PARTY_ID, "a `party_id` of parties.csv (`FRA`, `EU`, `openai`)", first["party_id"])
    document = _path_param("document_id", SLUG, "a `document_id` of documents.csv", first["document_id"])
    paths = {
        "/api/v1/": _operation("What is there: every table and route, the data version and licence",
                               {"$ref": REF + "Index"}),
        "/api/v1/openapi.json": _operation("This description", {"type": "object"}),
        "/api/v1/facts/{fact_id}": _operation(
            "One event, statement or quoted passage, by the id its links use", {"$ref": REF + "Fact"},
            params=[_path_param("fact_id", SLUG, "an `event_id`, `statement_id` or `passage_id`",
                                atlas.events["event_id"].iloc[0])],
            not_found=True),
        "/api/v1/facts/{document_id}/{party_id}": _operation(
            "One endorsement: a party's status for a document", {"$ref": REF + "Fact"},
            params=[document, party], not_found=True),
        "/api/v1/parties/{party_id}": _operation("A party's profile, summit by summit", {"$ref": REF + "Party"},
                                                 params=[party], not_found=True),
        "/api/v1/documents/{document_id}": _operation(
            "A document and its signatories", {"$ref": REF + "Document"},
            params=[document], not_found=True),
    }
    for r in shipped(atlas):
        paths[f"/api/v1/{r.name}.json"] = _operation(f"{r.table.file} as JSON: {r.table.doc}",
                                                     {"$ref": REF + "Table_" + r.sql_name})
        paths[f"/api/v1/{r.name}.csv"] = _operation(f"{r.table.file} as published (CSV)", None,
                                                    media="text/csv")
    return {
        "openapi": "3.1.0",
        "info": {"title": "AI Summit Atlas API", "version": data_version(atlas),
                 "summary": "Read-only open data on the international AI safety summits",
                 "description": "Every table of the Atlas as JSON and CSV, one fact by id, a party's profile and a "
                                "document with its signatories. Every fact row cites the page that published it "
                                "(`source_url`). GET only, CORS open, ETag and Cache-Control on every answer.",
                 "license": {"name": LICENCE["name"], "identifier": LICENCE["name"]}},
        "paths": paths,
        "components": {"schemas": _schemas(shipped(atlas))},
    }
