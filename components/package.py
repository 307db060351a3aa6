"""data/datapackage.json and data/README.md's column tables, generated from the validator's schema (TABLES).

Run `python -m components.package` after changing a schema in components/data.py; a test fails while either
file differs from what this module generates, so the published descriptor and the dictionary cannot drift
from the rules the validator applies.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from components.data import DEFAULT_DATA_DIR, README_START, TABLES, TRANSLATIONS, Col, Table, absent_files, read_rows
from components.published import LICENCE, RESOURCES, TITLE

TYPES = {"text": "string", "slug": "string", "url": "string", "date": "date", "int": "integer", "float": "number",
         "bool": "boolean"}
README_END = "<!-- end of generated columns -->"


def _field(col: Col) -> dict:
    field: dict = {"name": col.name, "type": TYPES[col.kind]}
    if col.doc:
        field["description"] = col.doc
    if col.kind == "url" and not col.many:
        field["format"] = "uri"
    if col.kind == "bool":
        field["trueValues"], field["falseValues"] = ["true"], ["false"]
    constraints: dict = {}
    if col.required:
        constraints["required"] = True
    if col.choices and not col.many:
        constraints["enum"] = list(col.choices)
    if col.kind == "slug":
        constraints["pattern"] = "[a-z0-9]+(-[a-z0-9]+)*"
    if col.kind == "url":
        constraints["pattern"] = "https://.+"
    if col.max_chars:
        constraints["maxLength"] = col.max_chars
    if constraints:
        field["constraints"] = constraints
    return field


def _schema(table: Table) -> dict:
    schema: dict = {"fields": [_field(c) for c in table.columns], "missingValues": [""],
                    "primaryKey": list(table.key)}
    # a `;`-joined list cannot be a Table Schema foreign key, nor can an id derived from a table keyed by several
    # columns (a translated change's id, data.DERIVED_KEYS); the project's validator checks those
    fks = [{"fields": c.name, "reference": {"resource": c.ref, "fields": TABLES[c.ref].key[0]}}
           for c in table.columns if c.ref and not c.many and len(TABLES[c.ref].key) == 1]
    if fks:
        schema["foreignKeys"] = fks
    return schema


def data_version_of(data_dir: Path = DEFAULT_DATA_DIR) -> str:
    """The date of the latest change in `data_dir`'s changes.csv (YYYY-MM-DD), as published.data_version says it."""
    frame, _problems = read_rows(Path(data_dir) / "changes.csv")
    return str(max(frame["date"])) if frame is not None and len(frame) else ""


def datapackage(data_dir: Path = DEFAULT_DATA_DIR) -> dict:
    """The Frictionless Data Package descriptor of every CSV in data/ (an optional file not yet shipped is left
    out: a resource without its file fails `frictionless validate`)."""
    absent = absent_files(data_dir)
    return {
        "profile": "tabular-data-package",
        "name": "ai-summit-atlas",
        "title": TITLE,
        "description": "Curated facts on the international AI safety summits: summits, outcome documents and who "
                       "endorsed them, timeline events, statements, AI safety institutes, risk explainers. Every "
                       "fact row cites its source. Generated from components/data.py; see README.md.",
        "licenses": [LICENCE],
        # the data version every citation names: the date of the latest change in changes.csv
        "version": data_version_of(data_dir),
        "resources": [{
            "name": r.name, "path": r.table.file, "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "description": r.table.doc, "schema": _schema(r.table),
        } for r in RESOURCES if r.table.file not in absent],
    }


def datapackage_json(data_dir: Path = DEFAULT_DATA_DIR) -> str:
    return json.dumps(datapackage(data_dir), indent=2, ensure_ascii=False) + "\n"


def _rule(col: Col) -> str:
    parts = []
    parts.append("required" if col.required else "optional")
    if col.choices:
        parts.append("one of " + ", ".join(f"`{c}`" for c in col.choices))
    if col.ref:
        parts.append(f"{'each item ' if col.many else ''}a `{TABLES[col.ref].key[0]}` in {TABLES[col.ref].file}")
    if col.many and not col.ref:
        parts.append("list joined by `;`")
    if col.max_words:
        parts.append(f"at most {col.max_words} words")
    if col.max_chars:
        parts.append(f"at most {col.max_chars} characters")
    return "; ".join(parts)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|")


def column_tables() -> str:
    """The data dictionary's column tables, one per file, in Markdown."""
    out = [README_START, "", "| file | key | what one row is |", "|---|---|---|"]
    out += [f"| `{t.file}` | " + ", ".join(f"`{k}`" for k in t.key) + f" | {t.doc} |" for t in TABLES.values()]
    out.append("| `geo/countries-110m.geojson` | `iso3` | country shapes (built by `scripts/build_geo.py`) |")
    for table in TABLES.values():
        out += ["", f"## {table.file}", f"One row is {table.doc}. Key: " + ", ".join(f"`{k}`" for k in table.key) + ".",
                "", "| column | type | rule | meaning |", "|---|---|---|---|"]
        out += [f"| `{c.name}` | {c.kind} | {_rule(c)} | {_cell(c.doc)} |" for c in table.columns]
    for lang, specs in TRANSLATIONS.items():
        for spec in specs.values():
            scope = ("every row of" if spec.complete else "some rows of") + f" `{TABLES[spec.of].file}`"
            if spec.table.key != TABLES[spec.of].key:  # keyed by a text column (notes.csv), not by the English key
                scope = f"every distinct non-empty `{spec.table.key[0]}` of `{TABLES[spec.of].file}`"
            out += ["", f"## {spec.table.file}", f"One row is {spec.table.doc}, for {scope}. Key: "
                    + ", ".join(f"`{k}`" for k in spec.table.key) + ".",
                    "", "| column | type | rule | meaning |", "|---|---|---|---|"]
            out += [f"| `{c.name}` | {c.kind} | {_rule(c)} | {_cell(c.doc)} |" for c in spec.table.columns]
    out.append(README_END)
    return "\n".join(out)


def readme_with_tables(readme: str) -> str:
    """data/README.md with its generated section replaced (or appended)."""
    if README_START in readme and README_END in readme:
        head, rest = readme.split(README_START, 1)
        tail = rest.split(README_END, 1)[1]
        return head + column_tables() + tail
    return readme.rstrip("\n") + "\n\n" + column_tables() + "\n"


def main(data_dir: Path = DEFAULT_DATA_DIR) -> int:
    """Write data/datapackage.json and the column tables of data/README.md."""
    (data_dir / "datapackage.json").write_text(datapackage_json(data_dir), encoding="utf-8")
    readme = data_dir / "README.md"
    readme.write_text(readme_with_tables(readme.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {data_dir / 'datapackage.json'} and the column tables of {readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
