"""The data as it leaves the app (API, SQLite database, static pages): resources by name, typed rows, version.

One list of resources, named as data/datapackage.json names them (`events`, `fr-events`), each with its schema
from components/data.py, so every published view describes the same files with the same columns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from components.data import TABLES, TRANSLATIONS, Atlas, Col, Table

LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
TITLE = "AI Summit Atlas data"


@dataclass(frozen=True)
class Resource:
    """One published data file: its name (as in datapackage.json), its schema, and the English table it translates."""

    name: str
    table: Table
    lang: str = ""  # "" for an English table
    of: str = ""  # for a translation: the name of the English table (a key of TABLES)

    @property
    def sql_name(self) -> str:
        """The name of its SQLite table (`fr_events`: a hyphen would need quoting in every query)."""
        return self.name.replace("-", "_")


def _resource_name(lang: str, table: Table) -> str:
    return f"{lang}-{table.file.rsplit('/', 1)[-1].removesuffix('.csv')}"


RESOURCES: tuple[Resource, ...] = tuple(
    [Resource(name, table) for name, table in TABLES.items()]
    + [Resource(_resource_name(lang, spec.table), spec.table, lang, of)
       for lang, specs in TRANSLATIONS.items() for of, spec in specs.items()])
BY_NAME: dict[str, Resource] = {r.name: r for r in RESOURCES}


def frame(atlas: Atlas, resource: Resource) -> pd.DataFrame:
    """The validated rows of one resource (the Atlas's own frame: read-only, shared)."""
    if resource.lang:
        return atlas.translations[resource.lang][resource.of]
    return getattr(atlas, resource.name)


def data_version(atlas: Atlas) -> str:
    """The data's version: the date of the latest change in data/changes.csv (YYYY-MM-DD)."""
    return str(max(atlas.changes["date"])) if len(atlas.changes) else ""


def value(col: Col, raw: object, lists: bool = True) -> object:
    """One cell as data: None where empty, a number or a boolean by the column's kind, a list for a `;`-joined
    column (as text joined by `;` when `lists` is False, as in the CSV)."""
    if raw is None or raw is pd.NA or (isinstance(raw, float) and math.isnan(raw)):
        return None
    if col.kind == "bool":
        return raw if isinstance(raw, bool) else (None if raw == "" else raw == "true")
    if col.kind == "int":
        return None if raw == "" else int(raw)
    if col.kind == "float":
        return None if raw == "" else float(raw)
    text = str(raw)
    if col.many:
        items = [v.strip() for v in text.split(";") if v.strip()]
        return items if lists else (";".join(items) or None)
    return text if text != "" else None


def rows(table: Table, data: pd.DataFrame, lists: bool = True) -> list[dict]:
    """Every row of a validated frame as a dictionary in the schema's column order (values as `value` gives)."""
    cols = [c for c in table.columns if c.name in data.columns]
    columns = [data[c.name].tolist() for c in cols]
    return [{c.name: value(c, v, lists) for c, v in zip(cols, cells)} for cells in zip(*columns)]
