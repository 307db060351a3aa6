"""Facts by id: the one place that finds a fact from the id its links use, and tells its history (pure pandas).

A fact is one sourced row: an endorsement (written `<document_id>/<party_id>` in links, as components/report.py
writes it), an event, a statement or a quoted passage (by their ids). Its permalink is `/data?fact=<id>`; the
changes that touched it are the rows of data/changes.csv whose `fact_ids` name it, newest last. A removed fact is
no longer in the data, but its permalink still says when and why it was removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

import pandas as pd

# the kinds of change, and each change's stable id, defined with the schema (a translation is keyed by that id)
from components.data import CHANGE_KINDS, change_ids  # noqa: F401
from components.i18n import N_
from components.report import endorsement, link_fact, read_fact

# each kind of change in words, in the page's language (labels.enum_label); one per CHANGE_KINDS
CHANGE_KIND_LABELS = {"added": N_("added"), "corrected": N_("corrected"), "re-sourced": N_("re-sourced"),
                      "re-labelled": N_("re-labelled"), "removed": N_("removed")}
# fact kinds other than endorsements: (kind, table attribute of the Atlas, id column), tried in this order
ID_TABLES = (("event", "events", "event_id"), ("statement", "statements", "statement_id"),
             ("passage", "passages", "passage_id"))
FACT_PAGE = "/data"


@dataclass(frozen=True)
class Fact:
    """One fact found in the data: its ids, its kind and its row (shared, read-only)."""

    fact_id: str  # the readable form (`endorsements.csv: bletchley-declaration + FRA`, or the row's id)
    link_id: str  # as links write it (`bletchley-declaration/FRA`)
    kind: str  # endorsement | event | statement | passage
    row: pd.Series


def find(tables, value: str) -> Fact | None:
    """The fact an id names (either form of an endorsement's id), or None. `tables` is the Atlas or anything
    with the same table attributes (the validator passes its frames)."""
    fact_id = read_fact(str(value))
    pair = endorsement(fact_id)
    if pair:
        frame = _table(tables, "endorsements")
        rows = frame[(frame["document_id"] == pair[0]) & (frame["party_id"] == pair[1])] if frame is not None else ()
        return Fact(fact_id, link_fact(fact_id), "endorsement", rows.iloc[0]) if len(rows) else None
    for kind, table, column in ID_TABLES:
        frame = _table(tables, table)
        if frame is None or column not in frame:
            continue
        rows = frame[frame[column] == fact_id]
        if len(rows):
            return Fact(fact_id, fact_id, kind, rows.iloc[0])
    return None


def exists(tables, value: str) -> bool:
    """Whether a fact id names a fact in the data."""
    return find(tables, value) is not None


def _table(tables, name: str) -> pd.DataFrame | None:
    return tables.get(name) if isinstance(tables, dict) else getattr(tables, name, None)


def fact_ids(change: pd.Series) -> list[str]:
    """The fact ids a change names, as links write them."""
    return [link_fact(read_fact(v.strip())) for v in str(change.get("fact_ids", "") or "").split(";") if v.strip()]


def history(changes: pd.DataFrame, value: str) -> pd.DataFrame:
    """The changes that name a fact, oldest first, with their ids (`change_id` column filled)."""
    link_id = link_fact(read_fact(str(value)))
    marked = changes.assign(change_id=change_ids(changes))
    named = [link_id in fact_ids(change) for _i, change in marked.iterrows()]
    return marked[named] if len(marked) else marked


def removal(changes: pd.DataFrame, value: str) -> pd.Series | None:
    """The latest change that removed a fact, or None."""
    named = history(changes, value)
    removed = named[named.get("kind", pd.Series("", index=named.index)) == "removed"] if len(named) else named
    return removed.iloc[-1] if len(removed) else None


def permalink(value: str) -> str:
    """A fact's page in the Atlas: `/data?fact=<id>`."""
    return f"{FACT_PAGE}?fact={quote(link_fact(read_fact(str(value))), safe='/:')}"


@dataclass(frozen=True)
class FactView:
    """A fact in words, in one language: what the permalink page shows and the feed names."""

    title: str
    text: str
    when: str  # its date in words ("" for a passage)
    source_url: str
    verification: str
    checked_on: str
    citation: str


def view(fact: Fact, atlas, version: str, link: str, tr=None) -> FactView:
    """The fact in words (names from the Atlas in the page's language) and its citation with the data version."""
    from components.i18n import EN
    from components.dates import format_date
    from components.labels import STATUS_LABELS, enum_label

    tr = tr or EN
    row = fact.row
    when = format_date(row["date"], row.get("date_precision") or "day", tr) if row.get("date") else ""
    if fact.kind == "endorsement":
        party = _name(atlas.parties, "party_id", row["party_id"], "name")
        document = _name(atlas.documents, "document_id", row["document_id"], "title")
        title = tr.gettext("{party}: {document}").format(party=party, document=document)
        text = enum_label(STATUS_LABELS, row["status"], tr) + (f" ({when})" if when else "") \
            + (f". {row['note']}" if row.get("note") else "")
    elif fact.kind == "event":
        title, text = row["title"], row["summary"]
    elif fact.kind == "statement":
        title = row["speaker"]
        text = row["gist"] + (f" “{row['quote']}”" if row.get("quote") else "")
    else:  # a passage quoted from a document
        title = tr.gettext("{document}, {locator}").format(
            document=_name(atlas.documents, "document_id", row["document_id"], "title"), locator=row["locator"])
        text = f"“{row['quote']}”"
    source = row["source_url"]
    host = source.split("/")[2].removeprefix("www.") if source.count("/") >= 2 else source
    citation = tr.gettext("{title}. {host}{date}. {url} (checked {checked}). Via AI Summit Atlas, data version "
                          "{version}: {link}").format(
        title=row.get("source_title") or title, host=host, date=f", {when}" if when else "", url=source,
        checked=format_date(row["checked_on"], tr=tr) if row.get("checked_on") else "–",
        version=version, link=link)
    return FactView(title, text, when, source, row.get("verification", ""), row.get("checked_on", ""), citation)


def _name(frame: pd.DataFrame, key: str, value: str, column: str) -> str:
    rows = frame[frame[key] == value]
    return str(rows.iloc[0][column]) if len(rows) else value
