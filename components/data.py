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
import threading
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from components.i18n import TRANSLATED_LANGS

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def current_data_dir() -> Path:
    """The data directory: `ATLAS_DATA_DIR` when set (tests, staging copies), else the shipped data/."""
    return Path(os.environ.get("ATLAS_DATA_DIR") or DEFAULT_DATA_DIR)


VERIFICATION = ("primary", "secondary")
# how exact a date is: as exact as its source, never more. `on_or_before`: the source gives only a day by which
# it had happened (a list "updated 7 February 2025" that adds a name without saying when), never a made-up day
PRECISION = ("day", "month", "year", "on_or_before")
MAX_QUOTE_WORDS = 25
MAX_PASSAGE_WORDS = 40  # a passage quoted from a declaration: at most 40 words, with its paragraph (issue 20)
# coverage.csv `status`: how a document speaks of a risk (the words are data/README.md's definitions)
# `not_read`: the official text could not be read (in full) here, so the cell claims nothing either way: a
# `not_named` over a text nobody read would be a claim of silence that no one checked
COVERAGE = ("named", "implied", "not_named", "not_read")
SHORT_CHARS = 40  # short names fit a picker, a matrix header or a legend entry on a laptop
MAX_CELL_CHARS = 10_000  # longest shipped cell is under 1,000; a larger one is a broken file, not prose
CHOICE_SEP = " | "
HOST_KINDS = ("official", "intergovernmental", "parliament", "court", "company", "news", "wire_copy", "academic",
              "reference", "aggregator")
# hosts whose pages may carry `verification = primary`: the body that made the fact publishes it
PRIMARY_HOST_KINDS = ("official", "intergovernmental", "parliament", "court")
# what a change in changes.csv did to the facts it names (the page, the feed and the validator read this one list)
CHANGE_KINDS = ("added", "corrected", "re-sourced", "re-labelled", "removed")
ROLES = ("government", "international organisation", "company", "academia", "civil society")
ATTENDEE_LISTS = ("official", "reported", "none")  # summits.csv `attendee_list`: what attendance.csv rests on
# a treaty's legal stages for one party (treaty_stages.csv `stage`), in the order they happen; the one list of them
STAGES = ("signature", "ratification", "acceptance", "approval", "accession", "entry_into_force")
# consent to be bound that follows a signature (accession needs none: a state accedes without having signed)
AFTER_SIGNATURE = ("ratification", "acceptance", "approval")


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
    """Schema of one column: type, whether a value is required, allowed values, foreign key, meaning."""

    name: str
    kind: str = "text"  # text | date | url | int | float | bool | slug
    required: bool = True  # a value must be present in every row
    optional_column: bool = False  # the column itself may be absent from the file
    choices: tuple[str, ...] | None = None
    ref: str | None = None  # table whose key this column points at
    many: bool = False  # `;`-joined list of values
    max_words: int | None = None
    max_chars: int | None = None
    doc: str = ""  # what the column means; data/README.md and datapackage.json are generated from it
    of: str | None = None  # for `date_precision`: the date column whose precision it gives


@dataclass(frozen=True)
class Table:
    """Schema of one CSV file; `columns` are in the file's own order."""

    file: str
    columns: tuple[Col, ...]
    key: tuple[str, ...]
    doc: str = ""  # what one row is
    # the file may be absent until sources.csv lists it: a new file lands its schema before its data (the app shows
    # the feature as not yet available); once listed, a missing file is an error like any other
    optional_file: bool = False


_SOURCE_DOC = "the page that published the fact: an official page or the outlet that reported it"
_VERIFICATION_DOC = ("`primary`: an official page (or a verbatim copy of one) on a host whose kind allows it; "
                     "`secondary`: a reputable outlet that reported the fact")
_CHECKED_DOC = "date on which a person last read the source and confirmed the row"
_PRECISION_DOC = ("how exact {col} is, as exact as its source: `day`, `month` (stored as the 1st), `year` (1 January) "
                  "or `on_or_before` (the source gives only a day by which it had happened: shown as \"on or before "
                  "7 February 2025\")")


def _src(title: bool = False) -> tuple[Col, ...]:
    cols = [Col("source_url", "url", doc=_SOURCE_DOC)]
    if title:
        cols.append(Col("source_title", doc="the headline or title of that page, as published"))
    cols.append(Col("verification", choices=VERIFICATION, doc=_VERIFICATION_DOC))
    return tuple(cols)


def _precision(col: str) -> Col:
    return Col("date_precision", choices=PRECISION, required=False, doc=_PRECISION_DOC.format(col=f"`{col}`"), of=col)


CHECKED = Col("checked_on", "date", doc=_CHECKED_DOC)

TABLES: dict[str, Table] = {
    t.file.removesuffix(".csv"): t
    for t in [
        Table("parties.csv", (
            Col("party_id", doc="ISO 3166-1 alpha-3 for states (`XKX` for Kosovo); short upper-case codes for blocs "
                                "and organisations (`EU`, `AU`); lower-case slugs for companies (`openai`)"),
            Col("name", doc="display name in English, short form (\"China\", \"Republic of Korea\")"),
            Col("short_name", required=False, optional_column=True, max_chars=SHORT_CHARS,
                doc=f"the name people use (`IFAD`, `Mila`), at most {SHORT_CHARS} characters; required when `name` "
                    "is longer; shown in pickers, legends and strips, with the full name on hover, in profiles and "
                    "in downloads"),
            Col("kind", choices=("state", "bloc", "organisation", "company"), doc="what kind of party"),
            Col("region", doc="states: UN M49 region; others: `International`"),
            Col("lat", "float", required=False, doc="latitude of a point to draw the party at; required for states"),
            Col("lon", "float", required=False, doc="longitude of that point; required for states"),
            Col("un_status", choices=("member", "observer", "non_member"), required=False, optional_column=True,
                doc="UN status, for states"),
            Col("iso_numeric", required=False, optional_column=True,
                doc="ISO 3166-1 numeric code, three digits, for states; joins to the shapes"),
            Col("eu_member", "bool", required=False, optional_column=True, doc="`true` for the 27 EU member states"),
        ), ("party_id",), "a state, bloc, organisation or company that can attend, sign or speak"),
        Table("summits.csv", (
            Col("summit_id", "slug", doc="e.g. `bletchley-2023`"), Col("name", doc="official name"),
            Col("short_name", max_chars=SHORT_CHARS, doc="short label: city and year, e.g. `Bletchley 2023`"),
            Col("start_date", "date", required=False, doc="first day; may be empty only when `status = announced`"),
            _precision("start_date"),
            Col("end_date", "date", required=False, doc="last day; not before `start_date`"),
            Col("city", doc="host city"), Col("country", ref="parties", doc="host country, a party id"),
            Col("venue", required=False, doc="where it was held"),
            Col("hosts", ref="parties", many=True, doc="host and co-chair party ids joined by `;`"),
            Col("status", choices=("held", "announced"), doc="`held` or `announced`"),
            Col("summary", doc="two or three sentences of our own"), *_src(), CHECKED,
            Col("attendee_list", required=False, optional_column=True, choices=ATTENDEE_LISTS,
                doc="what attendance.csv rests on for this summit: `official` (the host's published list of "
                    "attendees, cited row by row), `reported` (the host published a list that could not be read "
                    "here: the rows come from reports of it and from participants' own pages, so the list is "
                    "partial) or `none` (no full list was found; empty means the same)"),
        ), ("summit_id",), "one summit in the series"),
        Table("documents.csv", (
            Col("document_id", "slug", doc="e.g. `bletchley-declaration`"),
            Col("summit_id", ref="summits", required=False, doc="the summit that adopted it, or empty"),
            Col("title", doc="exact title"),
            Col("short_title", max_chars=SHORT_CHARS, doc="the name people use, e.g. `Paris Statement`; shown in "
                                                         "pickers, the matrix header, legends, sentences and profiles"),
            Col("date", "date", doc="date adopted or published"),
            _precision("date"),
            Col("kind", choices=("declaration", "statement", "commitments", "pledge", "convention", "chair_statement"),
                doc="what kind of document"),
            Col("endorser_kind", choices=("states", "companies"), optional_column=True,
                doc="`states` (states and blocs sign) or `companies`"),
            Col("summary", doc="our paraphrase"),
            Col("official_url", "url", required=False, doc="the official text, where one exists"),
            Col("reported_count", "int", required=False,
                doc="the official number of endorsers, where known (may exceed the rows listed)"),
            Col("reported_count_note", required=False, doc="what the count counts, and who says so"),
            *_src(), CHECKED,
            Col("opened_for_signature", "date", required=False, optional_column=True,
                doc="a treaty: the day it opened for signature; no stage in treaty_stages.csv is earlier"),
            Col("opened_at", required=False, optional_column=True, doc="a treaty: where it opened for signature"),
            Col("entry_into_force_rule", required=False, optional_column=True,
                doc="a treaty: its condition for entering into force, in our words from its final clauses"),
            Col("entry_into_force", "date", required=False, optional_column=True,
                doc="a treaty: the day it entered into force; empty while the condition is not met"),
            Col("treaty_source_url", "url", required=False, optional_column=True,
                doc="a treaty: the page that gives its opening for signature and its entry-into-force condition"),
        ), ("document_id",), "one outcome document (declaration, statement, commitments, convention)"),
        Table("endorsements.csv", (
            Col("document_id", ref="documents", doc="a document"), Col("party_id", ref="parties", doc="a party"),
            Col("status", choices=("signed", "joined_later", "attended_not_signed"), doc="the party's status"),
            Col("date", "date", doc="date of signature or joining"), _precision("date"),
            *_src(),
            Col("note", required=False, doc="disputes and caveats; a note that starts with `Disputed.` gives what "
                                            "each side says, and the map shows it beside the document"),
            CHECKED,
        ), ("document_id", "party_id"), "one party's status for one document"),
        Table("treaty_stages.csv", (
            Col("document_id", ref="documents", doc="a treaty (a document with `opened_for_signature`)"),
            Col("party_id", ref="parties", doc="a party; it also has a row in endorsements.csv, dated its first stage"),
            Col("stage", choices=STAGES, doc="`signature`; consent to be bound: `ratification`, `acceptance` or "
                                             "`approval` (each after a signature) or `accession` (without one); "
                                             "`entry_into_force` for that party"),
            Col("date", "date", doc="the day of the stage, as the depositary or the party records it"),
            _precision("date"), *_src(), CHECKED,
        ), ("document_id", "party_id", "stage"), "one legal stage of a treaty for one party, with its own source"),
        Table("events.csv", (
            Col("event_id", "slug", doc="unique slug"), Col("date", "date", doc="the day (or first day) it happened"),
            Col("end_date", "date", required=False, doc="empty for one-day items, else not before `date`"),
            _precision("date"),
            Col("kind", choices=("summit", "declaration", "speech", "institution", "report", "law",
                                 "resolution", "commitment", "other"), doc="the timeline lane"),
            Col("title", doc="our own words"), Col("summary", doc="our own words"),
            Col("parties", ref="parties", many=True, required=False, doc="party ids joined by `;` (may be empty)"),
            Col("summit_id", ref="summits", required=False, doc="optional link to a summit"),
            Col("document_id", ref="documents", required=False, doc="optional link to a document"),
            *_src(title=True), CHECKED,
        ), ("event_id",), "one dated milestone for the timeline"),
        Table("statements.csv", (
            Col("statement_id", "slug", doc="unique slug"), Col("date", "date", doc="when it was said"),
            _precision("date"),
            Col("speaker", doc="who spoke"), Col("role", doc="in what capacity, then"),
            Col("party_id", ref="parties", required=False, doc="the party the speaker spoke for (may be empty)"),
            Col("summit_id", ref="summits", required=False, doc="optional link to a summit"),
            Col("venue", required=False, doc="where"), Col("gist", doc="our paraphrase of what was said"),
            Col("quote", required=False, max_words=MAX_QUOTE_WORDS,
                doc=f"optional; word for word from the source, at most {MAX_QUOTE_WORDS} words"),
            *_src(title=True), CHECKED,
        ), ("statement_id",), "one speech or statement, paraphrased, with an optional short quote"),
        Table("institutes.csv", (
            Col("party_id", ref="parties", doc="a party"), Col("name", doc="name at founding"),
            Col("announced", "date", doc="date announced or launched"), _precision("announced"),
            Col("status", choices=("launched", "announced"), doc="`launched` or `announced`"), *_src(),
            Col("renamed_to", required=False, optional_column=True, doc="new name; with `renamed_on`"),
            Col("renamed_on", "date", required=False, optional_column=True, doc="date of renaming; with `renamed_to`"),
            CHECKED,
        ), ("party_id", "name"), "one government AI safety institute or evaluation body"),
        Table("attendance.csv", (
            Col("summit_id", ref="summits", doc="a summit"),
            Col("party_id", ref="parties", doc="a party that attended it"),
            Col("role", choices=ROLES, doc="in what capacity: `government` (a state), `international organisation` "
                                           "(the EU and the UN included), `company`, `academia` or `civil society`"),
            *_src(), CHECKED,
        ), ("summit_id", "party_id"), "one party that attended one summit, as a published attendee list or a "
                                      "report names it"),
        Table("risks.csv", (
            Col("risk_id", "slug", doc="one per sub-risk of the International AI Safety Report 2025"),
            Col("category", choices=("malicious_use", "malfunctions", "systemic"), doc="the report's three groups"),
            Col("title", doc="short title"), Col("summary", doc="one or two sentences"),
            Col("explanation", doc="plain language for a 13-year-old (median Flesch-Kincaid grade at most 9, "
                                   "none above 11)"),
            Col("example", doc="a real case, in plain language"),
            Col("example_date", "date", optional_column=True, doc="when the example happened or was reported"),
            _precision("example_date"),
            Col("example_source_url", "url", doc="the original report of the example"),
            Col("agreed", doc="what summit documents say about the risk (or that none does)"),
            Col("document_ids", ref="documents", many=True, required=False,
                doc="documents joined by `;` (may be empty)"),
            Col("mit_subdomain", doc="MIT AI Risk Repository subdomain, e.g. `7.3 Lack of capability or robustness`"),
            *_src(), CHECKED,
        ), ("risk_id",), "one risk from the International AI Safety Report 2025 taxonomy"),
        Table("questions.csv", (
            Col("question_id", "slug", doc="unique"), Col("risk_id", ref="risks", doc="a risk"),
            Col("kind", choices=("quiz", "discussion"), doc="`quiz` or `discussion`"), Col("question", doc="the question"),
            Col("choices", required=False, doc="quiz: two or more choices joined by ` | `; discussion: empty"),
            Col("answer", required=False, doc="quiz: exactly one of the choices; discussion: empty"),
            Col("explanation", doc="quiz: feedback shown after answering; discussion: teacher note"),
            Col("minutes", "int", optional_column=True, doc="estimated time for the activity"),
        ), ("question_id",), "one quiz or discussion question about a risk"),
        Table("glossary.csv", (
            Col("term", doc="unique; defined wherever it appears in an explainer"),
            Col("definition", doc="plain language, our own words"),
            Col("source_url", "url", doc="a page that supports the definition"), CHECKED,
        ), ("term",), "one term used in the explainers"),
        Table("story.csv", (
            Col("step", "int", doc="position in the guided story, 1, 2, 3... with no gaps (`/story?step=N`)"),
            Col("title", max_chars=60, doc="the step's heading, plain language"),
            Col("text", doc="three or four sentences for a 13-year-old (Flesch-Kincaid grade at most 9); every "
                            "claim supported by the step's source or its timeline items"),
            Col("map_view", doc="the map beside the step: `all`, `summit:<summit_id>` or `document:<document_id>`"),
            Col("parties", ref="parties", many=True, required=False,
                doc="parties the text names, highlighted on the map, joined by `;` (may be empty)"),
            Col("timeline_from", "date", doc="first day of the timeline slice shown with the step"),
            Col("timeline_to", "date", doc="last day of that slice; not before `timeline_from`"),
            Col("item_ids", many=True, doc="the timeline items the step tells, `event_id`s or `statement_id`s, "
                                           "joined by `;`"),
            *_src(title=True), CHECKED,
        ), ("step",), "one step of the guided story (`/story`), told in order"),
        Table("themes.csv", (
            Col("theme_id", "slug", doc="unique, e.g. `international-cooperation`"),
            Col("label", doc="short label shown in headings and filters"),
            Col("description", doc="what a passage is about when it has this theme, one sentence"),
        ), ("theme_id",), "one theme that passages are grouped by on the document pages", optional_file=True),
        Table("passages.csv", (
            Col("passage_id", "slug", doc="unique, e.g. `bletchley-declaration-p1`"),
            Col("document_id", ref="documents", doc="the document quoted"),
            Col("locator", doc="where in the official text: its own paragraph or section number, else `paragraph N` "
                               "counted from the top"),
            Col("quote", max_words=MAX_PASSAGE_WORDS,
                doc=f"word for word from the official text, at most {MAX_PASSAGE_WORDS} words; a cut is marked "
                    "`[…]`, and two sentences are never joined into one"),
            Col("risk_ids", ref="risks", many=True, required=False,
                doc="risks the passage names or covers, joined by `;` (may be empty)"),
            Col("themes", ref="themes", many=True, required=False, doc="themes joined by `;` (may be empty)"),
            Col("source_url", "url", doc="the official page of the text; on an HTML page with a `#:~:text=` text "
                                         "fragment that jumps to the passage"),
            Col("verification", choices=VERIFICATION, doc=_VERIFICATION_DOC), CHECKED,
        ), ("passage_id",), "one passage quoted word for word from an outcome document", optional_file=True),
        Table("coverage.csv", (
            Col("document_id", ref="documents", doc="a document"),
            Col("risk_id", ref="risks", doc="a risk"),
            Col("status", choices=COVERAGE, doc="`named`, `implied`, `not_named` or `not_read` (defined above)"),
            Col("passage_ids", ref="passages", many=True, required=False,
                doc="the passages of this document that name or imply the risk, joined by `;`; required for "
                    "`named` and `implied`"),
            Col("searched_terms", required=False,
                doc="for `not_named`: the words and synonyms searched for in the official text and not found, "
                    "joined by `;`; required for `not_named`"),
            Col("note", required=False, doc="why the cell is so, where it is not obvious"),
            CHECKED,
        ), ("document_id", "risk_id"), "how one document speaks of one risk; every document has a row for every "
                                       "risk", optional_file=True),
        Table("term_counts.csv", (
            Col("document_id", ref="documents", doc="a document"),
            Col("term", doc="a term of the fixed list (data/README.md), as counted: its word forms, case-insensitive"),
            Col("count", "int", required=False, doc="occurrences in the official text, headings and signatory lists "
                                                    "excluded; empty when the text could not be read (`note` says why)"),
            Col("text_url", "url", doc="the official text that was counted"),
            Col("read_on", "date", doc="the day that text was read and counted"),
            Col("note", required=False, doc="caveats; required when `count` is empty"),
        ), ("document_id", "term"), "how often one term occurs in one document's official text", optional_file=True),
        Table("reading.csv", (
            Col("step", "int", doc="position in the activity, 1, 2, 3... with no gaps, in the order of the text"),
            Col("passage_id", ref="passages", doc="the passage read at this step"),
            Col("question", doc="a question about the passage for pupils, in our own words"),
            Col("note", doc="teacher note: what a good answer says"),
            Col("minutes", "int", doc="estimated time for the step"),
        ), ("step",), "one step of the classroom reading activity: a passage and a question about it",
            optional_file=True),
        Table("hosts.csv", (
            Col("host", doc="a web host that a source URL points at, without `www.`; also covers its subdomains "
                            "that have no row of their own"),
            Col("publisher", doc="who publishes there"),
            Col("kind", choices=HOST_KINDS, doc="`official` (a government), `intergovernmental`, `parliament`, "
                                                "`court`, `company` (its own site), `news` (an outlet that reports), "
                                                "`wire_copy` (republishes agency copy), `academic`, `reference`, "
                                                "`aggregator` (rewrites or reposts others' stories: never cited)"),
            Col("note", required=False, doc="why it is classified so"),
        ), ("host",), "one web host that sources point at, and what kind of publisher it is"),
        Table("changes.csv", (
            Col("date", "date", doc="when the change was published"),
            Col("files", many=True, doc="the data files changed, joined by `;`"),
            Col("summary", doc="what changed and why, in a sentence or two"),
            Col("change_id", "slug", required=False, optional_column=True,
                doc="the change's stable id (the feed's entry id); empty: `<date>-<n>`, the n-th change of that day"),
            Col("fact_ids", required=False, optional_column=True, many=True,
                doc="the facts it touched, as their links write them (`<document_id>/<party_id>` for an "
                    "endorsement, else the event's, statement's or passage's id), joined by `;`; each must be in "
                    "the data, except for a removal"),
            Col("kind", required=False, optional_column=True, choices=CHANGE_KINDS,
                doc="what it did to those facts: `added`, `corrected`, `re-sourced`, `re-labelled` or `removed`; "
                    "required with `fact_ids`"),
            Col("reason", required=False, optional_column=True,
                doc="why, with the source that showed it, for a fact's history and the feed"),
        ), ("date", "summary"), "one change to the data, newest last"),
        Table("sources.csv", (
            Col("file", doc="a file in data/ (every CSV must have a row)"), Col("producer", doc="who made it"),
            Col("licence", doc="under what terms"),
            Col("accessed", "date", doc="when the sources were last read; the app's \"last updated\" date"),
            Col("note", required=False, doc="how it was built"),
            Col("url", "url", required=False, optional_column=True, doc="where it comes from"),
        ), ("file",), "provenance of one file: producer, licence, date accessed"),
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


def split_ids(value: object) -> list[str]:
    """Items of a `;`-joined cell."""
    return split_list(str(value or ""))


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
    if col.max_chars:
        checks.append(pa.Check(lambda v: len(v) <= col.max_chars, element_wise=True,
                               error=f"longer than {col.max_chars} characters"))
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
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # the line of the first bad byte, so an editor can find it
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(name, line, "-", f"not UTF-8 text: byte {raw[exc.start]:#04x} at offset {exc.start}",
                              str(exc.reason))]
    # NOTE: the csv module's own limit (131,072 characters) would report a huge cell as "malformed CSV"
    # and stop there; read it whole and report its size instead
    csv.field_size_limit(max(len(text) + 1, csv.field_size_limit()))
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
                big = [(i, len(c)) for i, c in enumerate(row) if len(c) > MAX_CELL_CHARS]
                if len(row) != len(header):
                    problems.append(Problem(name, start, "-", f"expected {len(header)} fields, found {len(row)}"))
                elif big:
                    problems += [Problem(name, start, header[i], f"cell is too large: {n:,} characters, the limit "
                                         f"is {MAX_CELL_CHARS:,}") for i, n in big]
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


def url_host(url: str) -> str:
    """The host of a URL in lower case, without `www.` (`https://www.gov.uk/x` -> `gov.uk`)."""
    from urllib.parse import urlsplit

    try:
        host = urlsplit(str(url)).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")


def host_kind(host: str, kinds: dict[str, str]) -> str | None:
    """The kind of a host from hosts.csv: its own row, else the nearest parent domain's (`press.un.org` -> `un.org`)."""
    parts = host.split(".")
    for i in range(len(parts) - 1):
        kind = kinds.get(".".join(parts[i:]))
        if kind:
            return kind
    return None


def _header_problems(name: str, frame: pd.DataFrame) -> list[Problem]:
    """Columns the schema does not know, or out of the documented order (datapackage.json relies on it)."""
    table = TABLES[name]
    known = [c.name for c in table.columns]
    out = [Problem(table.file, 1, c, "unknown column (add it to the schema in components/data.py first)")
           for c in frame.columns if c not in known]
    present = [c for c in frame.columns if c in known]
    if present != [c for c in known if c in present]:
        out.append(Problem(table.file, 1, "-", "columns not in the documented order "
                           f"({', '.join(c for c in known if c in present)})", ", ".join(present)))
    return out


def _source_problems(name: str, frame: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Every cited host is classified in hosts.csv; none is an aggregator; `primary` only where it may be."""
    if "hosts" not in tables or name == "hosts":
        return []
    hosts = tables["hosts"]
    kinds = dict(zip(hosts.get("host", []), hosts.get("kind", [])))
    file = TABLES[name].file
    companies = set()
    if "parties" in tables and {"party_id", "kind"} <= set(tables["parties"].columns):
        parties = tables["parties"]
        companies = set(parties.loc[parties["kind"] == "company", "party_id"])
    out = []
    url_cols = [c.name for c in TABLES[name].columns if c.kind == "url" and c.name in frame]
    for line, row in frame.iterrows():
        for col in url_cols:
            url = row.get(col) or ""
            if not _is_url(url):
                continue  # pandera reports it
            host = url_host(url)
            kind = host_kind(host, kinds)
            if kind is None:
                out.append(Problem(file, line, col, "host is not classified in hosts.csv", host))
            elif kind == "aggregator":
                out.append(Problem(file, line, col, "source on an aggregator host (it rewrites or reposts other "
                                   "outlets' stories): cite the original publisher", host))
            elif col == "source_url" and row.get("verification") == "primary" and kind not in PRIMARY_HOST_KINDS \
                    and not (kind == "company" and row.get("party_id") in companies):
                out.append(Problem(file, line, "verification", f"primary on a host of kind {kind} ({host}): primary needs "
                                   "an official, intergovernmental, parliament or court page, or a company's own "
                                   "page for its own commitment", "primary"))
    return out


def _row_problems(name: str, frame: pd.DataFrame, tables: dict[str, pd.DataFrame], data_dir: Path) -> list[Problem]:
    """Rules that span columns or files, which pandera's column checks cannot express."""
    out: list[Problem] = _header_problems(name, frame) + _source_problems(name, frame, tables)
    file = TABLES[name].file
    get = lambda row, c: row.get(c, "") or ""  # noqa: E731
    precision = next((c for c in TABLES[name].columns if c.of), None)
    today = date.today().isoformat()

    for line, row in frame.iterrows():
        if name == "summits" and row.get("status") == "held":
            for c in ("start_date", "end_date"):
                if not get(row, c):
                    out.append(Problem(file, line, c, "required for a summit that was held"))
        for start, end in (("start_date", "end_date"), ("date", "end_date"), ("announced", "renamed_on"),
                           ("timeline_from", "timeline_to")):
            a, b = get(row, start), get(row, end)
            if a and b and _is_date(a) and _is_date(b) and b < a:
                out.append(Problem(file, line, end, f"before {start} {a}", b))
        if precision and _is_date(get(row, precision.of)):
            when, how = get(row, precision.of), get(row, "date_precision")
            if not how:
                out.append(Problem(file, line, "date_precision", f"required when {precision.of} is given"))
            elif how == "month" and not when.endswith("-01"):
                out.append(Problem(file, line, precision.of, "a month-precision date is stored as the 1st", when))
            elif how == "year" and not when.endswith("-01-01"):
                out.append(Problem(file, line, precision.of, "a year-precision date is stored as 1 January", when))
        if _is_date(get(row, "checked_on")) and get(row, "checked_on") > today:
            out.append(Problem(file, line, "checked_on", "in the future", get(row, "checked_on")))
        if name == "changes":
            known = {t.file for t in TABLES.values()} | {"README.md", "geo/countries-110m.geojson"} \
                | set(translation_files())
            for f in split_list(get(row, "files")):
                if f not in known:
                    out.append(Problem(file, line, "files", "not a data file", f))
            out += _change_fact_problems(file, line, row, tables)
        if name == "institutes" and bool(get(row, "renamed_to")) != bool(get(row, "renamed_on")):
            out.append(Problem(file, line, "renamed_to", "renamed_to and renamed_on go together"))
        if name == "parties" and len(get(row, "name")) > SHORT_CHARS and not get(row, "short_name"):
            out.append(Problem(file, line, "short_name", f"required when name is longer than {SHORT_CHARS} "
                               "characters (pickers, legends and strips show it)", get(row, "name")))
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
    if name == "story":
        out += _story_problems(frame, tables)
    out += _passage_problems(name, frame, tables)
    if name == "treaty_stages":
        out += _stage_problems(frame, tables)
    if name == "sources":
        listed = set(frame.get("file", pd.Series(dtype=str)))
        absent = absent_files(data_dir)
        for other in [t.file for t in TABLES.values()] + translation_files():
            if other != "sources.csv" and other not in listed and other not in absent:
                out.append(Problem(file, 1, "file", "data file has no provenance row", other))
    return out


def _passage_problems(name: str, frame: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Passages, coverage and term counts agree with each other and cover every document and risk."""
    def col(table: str, c: str) -> pd.Series:
        t = tables.get(table)
        return t[c] if t is not None and c in t else pd.Series(dtype=object)

    file, out = TABLES[name].file, []
    passage_doc = dict(zip(col("passages", "passage_id"), col("passages", "document_id")))
    if name == "documents" and "passages" in tables:
        quoted = set(col("passages", "document_id"))
        # a document whose official text could not be read has no passage, and says so in every cell (not_read)
        statuses: dict[str, set[str]] = {}
        for d, s in zip(col("coverage", "document_id"), col("coverage", "status")):
            statuses.setdefault(d, set()).add(s)
        unread = {d for d, found in statuses.items() if found == {"not_read"}}
        out += [Problem(file, line, "document_id", "has no passage in passages.csv (a document whose official "
                        "text could not be read has every coverage cell not_read)", row.get("document_id", ""))
                for line, row in frame.iterrows() if row.get("document_id", "") not in quoted | unread]
    if name == "coverage":
        for line, row in frame.iterrows():
            status, ids = row.get("status", ""), split_list(row.get("passage_ids", ""))
            if status in ("named", "implied") and not ids:
                out.append(Problem(file, line, "passage_ids", f"required when status is {status}: the passages "
                                   "that name or imply the risk"))
            if status == "not_named" and not row.get("searched_terms", "").strip():
                out.append(Problem(file, line, "searched_terms", "required when status is not_named: the words "
                                   "searched for in the official text and not found"))
            if status in ("not_named", "not_read") and ids:
                out.append(Problem(file, line, "passage_ids", f"a {status} cell has no passages",
                                   row.get("passage_ids", "")))
            if status == "not_read" and not row.get("note", "").strip():
                out.append(Problem(file, line, "note", "required when status is not_read: which text could not "
                                   "be read, and why"))
            out += [Problem(file, line, "passage_ids", f"passage of another document ({passage_doc[p]})", p)
                    for p in ids if p in passage_doc and passage_doc[p] != row.get("document_id")]
        # every document x every risk: a cell left out would read as silence that nobody checked
        cells = set(zip(frame.get("document_id", []), frame.get("risk_id", [])))
        out += [Problem(file, 1, "risk_id", "no cell for this document and risk", f"{d} × {r}")
                for d in col("documents", "document_id") for r in col("risks", "risk_id") if (d, r) not in cells]
    if name == "passages" and "coverage" in tables:
        silent = {(d, r): s for d, r, s in zip(col("coverage", "document_id"), col("coverage", "risk_id"),
                                                col("coverage", "status")) if s in ("not_named", "not_read")}
        for line, row in frame.iterrows():
            out += [Problem(file, line, "risk_ids", "the passage names this risk, but coverage.csv says "
                            f"{silent[(row.get('document_id', ''), r)]} for {row.get('document_id', '')}", r)
                    for r in split_list(row.get("risk_ids", "")) if (row.get("document_id", ""), r) in silent]
    if name == "reading":
        for n, (line, row) in enumerate(frame.iterrows(), start=1):
            if row.get("step", "") != str(n) and _INT.match(row.get("step", "") or ""):
                out.append(Problem(file, line, "step", f"steps run 1, 2, 3... in file order: expected {n}",
                                   row.get("step", "")))
    if name == "term_counts":
        out += [Problem(file, line, "note", "required when count is empty: why the text could not be counted")
                for line, row in frame.iterrows() if not row.get("count", "") and not row.get("note", "")]
    return out


def _change_fact_problems(file: str, line: int, row, tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """A change's facts: each in the data (a removed one no longer is), and `kind` given with them."""
    from components import facts

    ids = split_list(str(row.get("fact_ids", "") or ""))
    kind = str(row.get("kind", "") or "")
    out = []
    if ids and not kind:
        out.append(Problem(file, line, "kind", "required when fact_ids names facts"))
    if kind == "removed":
        return out
    for fact_id in ids:
        if not facts.exists(tables, fact_id):
            out.append(Problem(file, line, "fact_ids", "no such fact in the data (a removed fact takes kind "
                               "`removed`)", fact_id))
    return out


def _stage_problems(frame: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """A treaty's stages: none before it opened for signature; a ratification (acceptance, approval) follows a
    signature of the same party; every party with stages has an endorsement dated its first stage."""
    file, out = "treaty_stages.csv", []
    docs = tables.get("documents", pd.DataFrame())
    opened = dict(zip(docs["document_id"], docs["opened_for_signature"])) \
        if {"document_id", "opened_for_signature"} <= set(docs.columns) else {}
    ends = tables.get("endorsements", pd.DataFrame())
    endorsed = {(d, p): when for d, p, when in zip(ends["document_id"], ends["party_id"], ends["date"])} \
        if {"document_id", "party_id", "date"} <= set(ends.columns) else {}
    rows = frame[frame["date"].map(_is_date)] if "date" in frame else frame.iloc[0:0]
    signed = {}  # (document, party) -> its earliest signature date
    for d, p, stage, when in zip(rows.get("document_id", []), rows.get("party_id", []), rows.get("stage", []),
                                 rows.get("date", [])):
        if stage == "signature":
            signed[(d, p)] = min(when, signed.get((d, p), when))
    first = rows.groupby(["document_id", "party_id"])["date"].min().to_dict() if len(rows) else {}
    for line, row in rows.iterrows():
        d, p, stage, when = row.get("document_id", ""), row.get("party_id", ""), row.get("stage", ""), row["date"]
        start = opened.get(d, "")
        if d in opened and not _is_date(start):
            out.append(Problem(file, line, "document_id", "a treaty's stages need its opened_for_signature date in "
                               "documents.csv", d))
        elif start and when < start:
            out.append(Problem(file, line, "date", f"before the treaty opened for signature ({start})", when))
        if stage in AFTER_SIGNATURE and not (d, p) in signed:
            out.append(Problem(file, line, "stage", f"{stage} without a signature of {p} (a state that never signed "
                               "accedes: stage accession)", stage))
        elif stage in AFTER_SIGNATURE and signed[(d, p)] > when:
            out.append(Problem(file, line, "stage", f"{stage} before the signature of {signed[(d, p)]}", when))
        if endorsed and (d, p) not in endorsed:
            out.append(Problem(file, line, "party_id", "no row in endorsements.csv for this document and party", p))
        elif endorsed and _is_date(endorsed[(d, p)]) and when == first[(d, p)] and endorsed[(d, p)] != when:
            out.append(Problem(file, line, "date", f"the party's first stage, but endorsements.csv dates it "
                               f"{endorsed[(d, p)]} (a party counts as joined from its first stage)", when))
    return out


def _story_problems(frame: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Story steps run 1, 2, 3... in file order; their map views and timeline items exist."""
    def keys(table: str, col: str) -> set[str]:
        return set(tables[table][col]) if table in tables and col in tables[table] else set()

    views = {"all"} | {f"summit:{s}" for s in keys("summits", "summit_id")} \
        | {f"document:{d}" for d in keys("documents", "document_id")}
    items = keys("events", "event_id") | keys("statements", "statement_id")
    out = []
    for n, (line, row) in enumerate(frame.iterrows(), start=1):
        if row.get("step", "") != str(n) and _INT.match(row.get("step", "") or ""):
            out.append(Problem("story.csv", line, "step", f"steps run 1, 2, 3... in file order: expected {n}",
                               row.get("step", "")))
        if "map_view" in row and row["map_view"] not in views:
            out.append(Problem("story.csv", line, "map_view", "not `all`, `summit:<summit_id>` or "
                               "`document:<document_id>` of an existing summit or document", row["map_view"]))
        for item in split_list(row.get("item_ids", "")):
            if item not in items:
                out.append(Problem("story.csv", line, "item_ids", "not an event_id or statement_id", item))
    return out


# --- translations: data/i18n/<lang>/<file>.csv, keyed by the ids of the English file -------------------------

# every language but English (components/i18n.py LANGUAGES, the one list): a folder data/i18n/<lang>/ each
TRANSLATION_LANGS = TRANSLATED_LANGS
# a quotation in English prose: 'landmark agreement' (an apostrophe inside a word, as in "UK's", is not a quote mark)
QUOTED = re.compile(r"(?<!\w)'(.+?)'(?!\w)")


@dataclass(frozen=True)
class Translation:
    """The translated text columns of one English table, in one language; the English file keeps every fact."""

    lang: str
    of: str  # the English table's name in TABLES
    table: Table
    complete: bool = True  # every English row has a translated row (False: only the rows the pages translate)
    # the English columns this translation carries, in the fixed order `source_hash` digests them; empty: the
    # row is keyed by its English text itself (notes.csv), so a changed English has no row at all
    english: tuple[str, ...] = ()
    # optional columns filled exactly where the English row fills them (a change's `reason`, a file's `note`)
    paired: tuple[str, ...] = ()


HASH_COLUMN = "source_hash"
HASH_CHARS = 8
# NOTE: fields are joined with the ASCII unit separator, which no cell contains (a newline could be in one)
_HASH_SEP = "\x1f"
STAMP_COMMAND = "python -m components.data --stamp data/{file}"


def source_hash(values: list[str] | tuple[str, ...]) -> str:
    """The first 8 hex digits of the SHA-256 of the English fields a translation carries, in its fixed order."""
    import hashlib

    return hashlib.sha256(_HASH_SEP.join(str(v) for v in values).encode("utf-8")).hexdigest()[:HASH_CHARS]


def change_ids(changes: pd.DataFrame) -> list[str]:
    """Each change's stable id: its `change_id`, or `<date>-<n>` (the n-th change of that day, in file order:
    changes are only ever appended, so the n of a published change does not move)."""
    seen: dict[str, int] = {}
    out = []
    for _i, change in changes.iterrows():
        seen[change["date"]] = seen.get(change["date"], 0) + 1
        out.append(str(change.get("change_id", "") or "") or f"{change['date']}-{seen[change['date']]}")
    return out


# English tables keyed by more than one column, whose translations are keyed by an id derived from each row
# instead: {table: (the id column, the function that gives every row its id)}
DERIVED_KEYS = {"changes": ("change_id", change_ids)}


def keyed(of: str, english: pd.DataFrame | None) -> pd.DataFrame | None:
    """The English table `of` with the column its translations are keyed by filled in (a change's stable id)."""
    if english is None or of not in DERIVED_KEYS:
        return english
    column, ids = DERIVED_KEYS[of]
    return english.assign(**{column: ids(english) if len(english) else []})


def _translation(lang: str, of: str, cols: tuple[Col, ...], doc: str, complete: bool = True,
                 english: tuple[str, ...] | None = None, paired: tuple[str, ...] = ()) -> Translation:
    """A translation file keyed by its English table's id, ending in `source_hash`; `english` (by default the
    translated columns the English table also has, in their order here) is what the hash digests."""
    key = DERIVED_KEYS[of][0] if of in DERIVED_KEYS else TABLES[of].key[0]
    key_col = next(c for c in TABLES[of].columns if c.name == key)
    head = Col(key, key_col.kind, ref=of, doc=f"the `{key}` of the row of {TABLES[of].file} this row translates"
               + (" (as the change's feed entry writes it: its `change_id`, else `<date>-<n>`)"
                  if of in DERIVED_KEYS else ""))
    known = {c.name for c in TABLES[of].columns}
    english = english or tuple(c.name for c in cols if c.name in known)
    tail = Col(HASH_COLUMN, doc=f"the first {HASH_CHARS} hex digits of the SHA-256 of the English "
               f"fields this row translates ({', '.join(f'`{c}`' for c in english)}, joined by U+001F) when a person "
               "last confirmed the translation; the validator reports a row whose English has changed since. Written "
               f"by `{STAMP_COMMAND.format(file=f'i18n/{lang}/{TABLES[of].file}')}`")
    return Translation(lang, of, Table(f"i18n/{lang}/{TABLES[of].file}", (head, *cols, tail), (key,), doc,
                                       optional_file=TABLES[of].optional_file), complete, english, paired)


def _translations(lang: str) -> dict[str, Translation]:
    """The translation files of one language, by the name of the English table they translate."""
    t = f"in the language of the folder ({lang})"
    specs = [
        _translation(lang, "risks", (Col("title", doc=f"short title {t}"), Col("summary", doc=f"summary {t}"),
                                     Col("explanation", doc=f"plain-language explanation {t}; French target: "
                                                             "Kandel–Moles reading ease (textstat's French Flesch) "
                                                             "mean at least 60 over the risks, none below 50"),
                                     Col("example", doc=f"the real example {t}"),
                                     Col("agreed", doc=f"what summit documents say {t}"),
                                     Col("mit_subdomain", optional_column=True,
                                         doc="the MIT AI Risk Repository subdomain as in risks.csv (its official "
                                             f"English name) with a gloss {t} in quotation marks: "
                                             "`7.3 Lack of capability or robustness (« manque de capacités ou de "
                                             "robustesse »)`")),
                     "the translated text of one risk explainer"),
        _translation(lang, "questions", (
            Col("question", doc=f"the question {t}"),
            Col("choices", required=False, doc="quiz: the choices in the English order, joined by ` | `, as many as in "
                                               "English; discussion: empty"),
            Col("answer", required=False, doc="quiz: one of the translated choices, at the position of the English "
                                              "answer (so the quiz order stays the same); discussion: empty"),
            Col("explanation", doc=f"feedback or teacher note {t}")), "the translated text of one question"),
        _translation(lang, "glossary", (Col(f"term_{lang}", doc=f"the term {t}; a short form before a parenthesis"),
                                        Col("definition", doc=f"the definition {t}")),
                     "the translated term and definition of one glossary entry (`term` stays the English key)",
                     english=("term", "definition")),
        _translation(lang, "summits", (Col("name", doc=f"the summit's name {t}"),
                                       Col("short_name", max_chars=SHORT_CHARS, doc=f"short label {t}"),
                                       Col("in_sentence", doc=f"the summit as running text names it {t}, without "
                                           "an article: every summit is one (`sommet de Bletchley`), so the "
                                           "catalog's sentences put it before (`des textes du {summit}`)"),
                                       Col("summary", doc=f"summary {t}"),
                                       Col("city", doc=f"the host city's name {t} (`Genève`)")),
                     "the translated text of one summit"),
        _translation(lang, "documents", (Col("title", doc=f"the official title {t} where one exists, else ours"),
                                         Col("short_title", max_chars=SHORT_CHARS, doc=f"short title {t}"),
                                         Col("in_sentence", doc=f"the document as running text names it {t}, "
                                             "short and with its article (`la Déclaration de Bletchley`, `les "
                                             "Engagements de New Delhi…`): the catalog's sentences use it after a "
                                             "verb or a preposition that does not contract (`a signé {document}`)"),
                                         Col("summary", doc=f"summary {t}"),
                                         Col("entry_into_force_rule", required=False, optional_column=True,
                                             doc=f"a treaty's entry-into-force condition {t}, where the English "
                                                 "has one")), "the translated text of one document"),
        _translation(lang, "events", (
            Col("title", doc=f"the event's title {t}"),
            Col("summary", doc=f"the event's summary {t}; words the English quotes ('in single quotes') stay word for "
                               "word in their language, in « » with a gloss beside them")),
            "the translated title and summary of one timeline event"),
        _translation(lang, "parties", (
            Col("name", doc=f"the party's name {t}: the usual short form for states (CLDR's, or the UN's where the "
                            "English file uses the formal name), the official name for organisations, a company's own "
                            "name unchanged"),
            Col("short_name", required=False, max_chars=SHORT_CHARS,
                doc=f"the name people use {t} (`FIDA`), at most {SHORT_CHARS} characters; required when `name` is "
                    "longer")), "the translated name of one party"),
        _translation(lang, "statements", (
            Col("speaker", required=False, doc=f"the speaker as shown {t}, only where the English adds words to a "
                                              "name (`Elon Musk (en conversation avec Rishi Sunak)`); empty: the "
                                              "English (the timeline's `speaker` filter keeps the English)"),
            Col("role", doc=f"the speaker's office at the time {t}"),
            Col("gist", doc=f"the paraphrase {t}; words the English quotes ('in single quotes') stay word for word in "
                            "their language, in « » with a gloss beside them"),
            Col("quote_gloss", required=False, doc=f"a gloss of the quote {t}, where the statement has a quote (the "
                                                   "quote itself stays in its original language)")),
            "the translated office and paraphrase of one statement", english=("speaker", "role", "gist", "quote")),
        # keyed by the note's own English text, not by an endorsement: ~22 distinct notes on 100-odd rows, most
        # repeated word for word (one per source list), so each is translated once
        Translation(lang, "endorsements", Table(f"i18n/{lang}/notes.csv", (
            Col("note", doc="the exact English text of a `note` in endorsements.csv; one row per distinct non-empty "
                            "note, however many endorsements carry it"),
            Col(f"note_{lang}", doc=f"the note {t}: short and faithful, no new facts; outlets' names stay as they are "
                                    "and words the English quotes ('in single quotes') stay word for word, in « » "
                                    "with a gloss beside them")),
            ("note",), "the translated text of one distinct endorsement note")),
    ]
    specs.append(_translation(lang, "themes", (Col("label", doc=f"the theme's label {t}"),
                                               Col("description", doc=f"the theme's description {t}")),
                              "the translated label and description of one theme"))
    specs.append(_translation(lang, "reading", (Col("question", doc=f"the question {t}"),
                                                Col("note", doc=f"the teacher note {t}")),
                              "the translated question and teacher note of one step of the reading activity"))
    # NOT a translation: the same passage as the document's own official text in this language publishes it (the
    # Paris statement, the Council of Europe convention), for the passages whose document has one
    specs.append(_translation(lang, "passages", (
        Col("quote", max_words=MAX_PASSAGE_WORDS,
            doc=f"the passage word for word from the document's official text {t} (never a translation of ours), "
                f"at most {MAX_PASSAGE_WORDS} words"),
        Col("source_url", "url", doc=f"the official page of the text {t}, with a `#:~:text=` fragment on an HTML "
                                     "page")),
        "the same passage quoted from an official text in another language", complete=False))
    # About the data: what each change did and where each file comes from, in the page's language
    specs.append(_translation(lang, "changes", (
        Col("summary", doc=f"what changed and why {t}; file names, ids and outlets' names stay as they are"),
        Col("reason", required=False, doc=f"the reason {t}, where the English change gives one")),
        "the translated summary and reason of one change to the data", paired=("reason",)))
    specs.append(_translation(lang, "sources", (
        Col("producer", doc=f"who made the file {t}; organisations' names stay as they are"),
        Col("note", required=False, doc=f"how it was built {t}, where the English file has a note")),
        "the translated provenance of one file", paired=("note",)))
    if "story" in TABLES:
        specs.append(_translation(lang, "story", (Col("title", max_chars=60, doc=f"the step's heading {t}"),
                                                  Col("text", doc=f"the step's text {t}, plain language; French "
                                                                  "target: Kandel–Moles reading ease mean at least 60 "
                                                                  "over the steps")),
                                  "the translated text of one step of the guided story"))
    return {s.of: s for s in specs}


TRANSLATIONS: dict[str, dict[str, Translation]] = {lang: _translations(lang) for lang in TRANSLATION_LANGS}


def translation_files() -> list[str]:
    """Paths under data/ of every translation file."""
    return [s.table.file for specs in TRANSLATIONS.values() for s in specs.values()]


def _translation_problems(spec: Translation, frame: pd.DataFrame, english: pd.DataFrame | None,
                          changed_on=lambda line: "an unknown date") -> list[Problem]:
    """Ids match the English file; quiz answers sit at the English answer's position; glosses go with quotes; the
    English a row translates has not changed since a person stamped it (`changed_on(line)` dates an English row)."""
    file, key = spec.table.file, spec.table.key[0]
    if english is None or key not in english or key not in frame:
        return []
    if spec.of == "endorsements":
        return _note_problems(spec, frame, english)
    out = []
    if spec.complete:
        missing = [k for k in english[key] if k not in set(frame[key])]
        out += [Problem(file, 1, key, f"no translated row for this {key} of {TABLES[spec.of].file}", k)
                for k in missing]
    rows = english.set_index(key)
    for line, row in frame.iterrows():
        if row[key] not in rows.index:
            continue  # the foreign-key check reports it
        en = rows.loc[row[key]]
        if isinstance(en, pd.DataFrame):  # a duplicated English id (reported as such): check against its first row
            en = en.iloc[0]
        if spec.of == "questions":
            en_choices = split_list(en.get("choices", ""), CHOICE_SEP.strip())
            choices = split_list(row.get("choices", ""), CHOICE_SEP.strip())
            if en.get("kind") != "quiz":
                if choices or row.get("answer", ""):
                    out.append(Problem(file, line, "choices", "a discussion question has no choices or answer"))
            elif len(choices) != len(en_choices):
                out.append(Problem(file, line, "choices", f"{len(choices)} choices, the English has {len(en_choices)}",
                                   row.get("choices", "")))
            elif row.get("answer", "") not in choices:
                out.append(Problem(file, line, "answer", "not one of the translated choices", row.get("answer", "")))
            elif en.get("answer") in en_choices and choices.index(row["answer"]) != en_choices.index(en["answer"]):
                out.append(Problem(file, line, "answer", f"at position {choices.index(row['answer']) + 1}, the English "
                                   f"answer is at {en_choices.index(en['answer']) + 1}", row["answer"]))
        if spec.of in ("events", "statements"):
            for col in ("title", "summary") if spec.of == "events" else ("gist",):
                out += [Problem(file, line, col, "a quotation in the English text is not kept word for word (a quote "
                                "stays in its original language, with a gloss beside it)", quote)
                        for quote in QUOTED.findall(en.get(col, "")) if quote not in row.get(col, "")]
        if spec.of == "parties" and len(row.get("name", "")) > SHORT_CHARS and not row.get("short_name", ""):
            out.append(Problem(file, line, "short_name", f"required when name is longer than {SHORT_CHARS} characters",
                               row.get("name", "")))
        if spec.of == "documents" and bool(en.get("entry_into_force_rule", "")) \
                != bool(row.get("entry_into_force_rule", "")):
            out.append(Problem(file, line, "entry_into_force_rule", "required where the English document has one, "
                               "empty where it has none", row.get("entry_into_force_rule", "")))
        out += [Problem(file, line, col, "required where the English row has one, empty where it has none",
                        row.get(col, "")) for col in spec.paired if bool(en.get(col, "")) != bool(row.get(col, ""))]
        if spec.of == "statements" and bool(en.get("quote", "")) != bool(row.get("quote_gloss", "")):
            out.append(Problem(file, line, "quote_gloss", "required where the statement has a quote, empty where it "
                                                          "has none", row.get("quote_gloss", "")))
        out += _hash_problems(spec, line, row, en, english, changed_on)
    return out


def _hash_problems(spec: Translation, line: int, row: pd.Series, en: pd.Series, english: pd.DataFrame,
                   changed_on) -> list[Problem]:
    """A row's `source_hash` is the hash of its English fields now: else the English changed after the
    translation was last confirmed (or it never was)."""
    if not spec.english or HASH_COLUMN not in row.index:
        return []  # a missing column is reported once, as a missing required column
    key = spec.table.key[0]  # `en` is indexed by it: the English key is the translated row's own
    stamped = row.get(HASH_COLUMN, "")
    now = source_hash([row[key] if c == key else en.get(c, "") for c in spec.english])
    file, stamp = spec.table.file, STAMP_COMMAND.format(file=spec.table.file)
    if stamped == now:
        return []
    if not stamped:
        return [Problem(file, line, HASH_COLUMN, f"not stamped: once the translation matches its English, run "
                        f"`{stamp}`")]
    en_line = next((int(i) for i, k in english[key].items() if k == row[key]), 0)
    return [Problem(file, line, HASH_COLUMN, f"translation is older than its English (changed on "
                    f"{changed_on(en_line)}, {TABLES[spec.of].file}:{en_line}): translate the new English, then "
                    f"run `{stamp}`", f"stamped {stamped}, English now {now}")]


def _row_lines(frame: pd.DataFrame, line: int, path: Path) -> tuple[int, int]:
    """The first and last file line of the row that starts at `line` (a quoted cell may span lines)."""
    later = [int(i) for i in frame.index if int(i) > line]
    if later:
        return line, min(later) - 1
    try:
        return line, max(line, path.read_text(encoding="utf-8").rstrip("\n").count("\n") + 1)
    except OSError:
        return line, line


def english_changed_on(data_dir: Path, table: str, english: pd.DataFrame, changes: pd.DataFrame | None, line: int,
                       git: str = "git") -> str:
    """The day the English row at `line` of TABLES[table] last changed: from git (the newest commit among its
    lines, by `git blame`; `today, not yet committed` for an edit in the working tree), else the latest entry of
    changes.csv that names the file, else `an unknown date`."""
    file = TABLES[table].file
    return _changed_on(data_dir, file, *(_row_lines(english, line, data_dir / file) if line else (0, 0)), changes,
                       git)


def _changed_on(data_dir: Path, file: str, first: int, last: int, changes: pd.DataFrame | None,
                git: str = "git") -> str:
    """The day lines `first`..`last` of `file` last changed (git blame; see english_changed_on), else the latest
    change naming `file` in changes.csv, else `an unknown date`."""
    import subprocess

    if first:
        try:
            done = subprocess.run([git, "-C", str(data_dir), "blame", "--line-porcelain", "-L", f"{first},{last}",
                                   "--", file], capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.SubprocessError):
            done = None
        if done is not None and done.returncode == 0:
            newest, uncommitted = 0, False
            for text in done.stdout.splitlines():
                if text.startswith("0000000000000000000000000000000000000000 "):
                    uncommitted = True
                elif text.startswith("committer-time "):
                    newest = max(newest, int(text.split()[1]))
            if uncommitted:
                return f"{date.today().isoformat()}, not yet committed"
            if newest:
                from datetime import datetime, timezone

                return datetime.fromtimestamp(newest, timezone.utc).date().isoformat()
    if changes is not None and {"date", "files"} <= set(changes.columns):
        named = [d for d, files in zip(changes["date"], changes["files"]) if file in split_list(files) and _is_date(d)]
        if named:
            return f"{max(named)}, the latest change to {file} in changes.csv"
    return "an unknown date"


# --- the data rules in other languages: data/i18n/<lang>/rules.md, block by block ---------------------------------

# data/README.md: the rules (prose, written by people) come before the column tables components/package.py writes
README_START = "<!-- columns: generated by `python -m components.package`; edit components/data.py instead -->"
RULES_FILE = "i18n/{lang}/rules.md"
# each translated block follows the hash of the English block it translates, on a line of its own
_RULES_STAMP = re.compile(r"^<!-- source_hash:\s*([0-9a-f]*)\s*-->$")


def rules_blocks(readme: str) -> list[tuple[int, str]]:
    """The data rules of data/README.md (after its title, before the generated column tables) as blocks split at
    blank lines, each with its first line in the file."""
    prose = readme.split(README_START, 1)[0]
    out, start, lines = [], 0, prose.split("\n")
    for n, text in enumerate(lines[1:] + [""], start=2):  # line 1 is the title
        if text.strip() and not start:
            start = n
        elif not text.strip() and start:
            out.append((start, "\n".join(lines[start - 1:n - 1])))
            start = 0
    return out


def _rules_translation(text: str) -> list[tuple[int, str, str]]:
    """A rules.md file's blocks: (line of its stamp, the stamped hash, the translated text), in file order."""
    out: list[tuple[int, str, list[str]]] = []
    for n, line in enumerate(text.split("\n"), start=1):
        stamp_line = _RULES_STAMP.match(line.strip())
        if stamp_line:
            out.append((n, stamp_line.group(1), []))
        elif out:
            out[-1][2].append(line)
    return [(n, h, "\n".join(body).strip("\n")) for n, h, body in out]


def rules_problems(data_dir: Path, lang: str, changes: pd.DataFrame | None = None) -> list[Problem]:
    """One translated block per English block of the data rules, each stamped with its English block's hash now
    (else it is reported like a stale translated row: `stale()` is true of it)."""
    file = RULES_FILE.format(lang=lang)
    try:
        english = rules_blocks((data_dir / "README.md").read_text(encoding="utf-8"))
        blocks = _rules_translation((data_dir / file).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [Problem(file, 0, "-", "file is missing")] if (data_dir / "README.md").exists() else []
    if len(blocks) != len(english):
        return [Problem(file, 1, "-", f"{len(blocks)} blocks, the rules in README.md have {len(english)}: one "
                        "translated block per English block (paragraphs and lists between blank lines), in the same "
                        "order, each after a line `<!-- source_hash: -->`")]
    out, stamp = [], STAMP_COMMAND.format(file=file)
    for (line, stamped, _text), (en_line, en_text) in zip(blocks, english):
        now = source_hash([en_text])
        if not stamped:
            out.append(Problem(file, line, HASH_COLUMN, f"not stamped: once the translation matches its English, "
                               f"run `{stamp}`"))
        elif stamped != now:
            last = en_line + en_text.count("\n")
            when = _changed_on(data_dir, "README.md", en_line, last, changes)
            out.append(Problem(file, line, HASH_COLUMN, f"translation is older than its English (changed on {when}, "
                               f"README.md:{en_line}): translate the new English, then run `{stamp}`",
                               f"stamped {stamped}, English now {now}"))
    return out


def data_rules(data_dir: Path | str, lang: str) -> str:
    """The data rules of data/README.md in `lang`: each block as translated, or in English where its translation is
    stale or missing (the English is authoritative)."""
    data_dir = Path(data_dir)
    english = rules_blocks((data_dir / "README.md").read_text(encoding="utf-8"))
    path = data_dir / RULES_FILE.format(lang=lang)
    blocks = _rules_translation(path.read_text(encoding="utf-8")) if lang in TRANSLATION_LANGS and path.exists() \
        else []
    if len(blocks) != len(english):
        blocks = [(0, "", "")] * len(english)
    return "\n\n".join(text if stamped == source_hash([en]) else en
                        for (_line, stamped, text), (_en_line, en) in zip(blocks, english))


def stamp_rules(path: Path, keys: tuple[str, ...] = (), new: bool = False) -> tuple[list[str], list[str]]:
    """`stamp` for a rules.md file: its blocks are numbered 1, 2, 3... in file order."""
    english = rules_blocks((path.parent.parent.parent / "README.md").read_text(encoding="utf-8"))
    lines = path.read_text(encoding="utf-8").split("\n")
    done, left = [], []
    for n, ((line, stamped, _text), (_en_line, en)) in enumerate(zip(_rules_translation("\n".join(lines)), english),
                                                                start=1):
        now = source_hash([en])
        if stamped == now:
            continue
        if str(n) in keys or (new and not stamped):
            lines[line - 1] = f"<!-- source_hash: {now} -->"
            done.append(str(n))
        else:
            left.append(str(n))
    path.write_text("\n".join(lines), encoding="utf-8")
    return done, left


def _note_problems(spec: Translation, frame: pd.DataFrame, english: pd.DataFrame) -> list[Problem]:
    """Every distinct note of endorsements.csv has one translated row (reported at the first endorsement that
    carries it) and every translated row still translates a note there; quotations stay word for word."""
    file, english_file, col = spec.table.file, TABLES[spec.of].file, f"note_{spec.lang}"
    first = {}  # note -> line of its first endorsement
    for line, note in english["note"].items():
        if note:
            first.setdefault(note, line)
    known = set(frame["note"])
    out = [Problem(english_file, line, "note", f"no translated row in {file} (add one with this exact text in "
                   "`note`)", note) for note, line in first.items() if note not in known]
    for line, row in frame.iterrows():
        if row["note"] not in first:
            out.append(Problem(file, line, "note", f"not the note of any row of {english_file} (the English changed: "
                               "translate the new text, remove this row)", row["note"]))
            continue
        out += [Problem(file, line, col, "a quotation in the English text is not kept word for word (a quote stays "
                        "in its original language, with a gloss beside it)", quote)
                for quote in QUOTED.findall(row["note"]) if quote not in row.get(col, "")]
    return out


def stale(problem: Problem) -> bool:
    """Whether a problem only says a translated row no longer matches its English (or was never confirmed)."""
    return problem.column == HASH_COLUMN and problem.problem.startswith(("translation is older", "not stamped"))


def _read_translations(data_dir: Path, frames: dict[str, pd.DataFrame], absent: set[str] = frozenset(),
                       drop_stale: bool = False) -> tuple[dict[str, dict[str, pd.DataFrame]], list[Problem]]:
    """Read and check every translation file against its English table. With `drop_stale`, a row whose English
    changed since it was translated is left out (the English is shown instead) and not reported."""
    out: dict[str, dict[str, pd.DataFrame]] = {}
    problems: list[Problem] = []
    for lang, specs in TRANSLATIONS.items():
        out[lang] = {}
        for of, spec in specs.items():
            if spec.table.file in absent:
                out[lang][of] = _empty(spec.table).reset_index(drop=True).astype(object)
                continue
            frame, found = read_rows(data_dir / spec.table.file)
            problems += [Problem(spec.table.file, p.line, p.column, p.problem, p.value) for p in found]
            if frame is None:
                continue
            english = keyed(of, frames.get(of))
            keys = {of: set(english[spec.table.key[0]])} if english is not None and spec.table.key[0] in english else {}
            # an empty source_hash is reported once, with the command that stamps it (_hash_problems)
            problems += [p for p in _pandera_problems(spec.table, frame, keys)
                         if not (p.column == HASH_COLUMN and p.problem == "required value is empty")]
            known = [c.name for c in spec.table.columns]
            problems += [Problem(spec.table.file, 1, c, "unknown column (add it to the schema in components/data.py "
                                 "first)") for c in frame.columns if c not in known]
            if english is not None:
                dated = lambda line, of=of, english=english: english_changed_on(  # noqa: E731
                    data_dir, of, english, frames.get("changes"), line)
                found = _translation_problems(spec, frame, english, dated)
                if drop_stale:
                    frame = frame.drop(index=[p.line for p in found if stale(p) and p.line in frame.index])
                    found = [p for p in found if not stale(p)]
                problems += found
            out[lang][of] = frame.reset_index(drop=True).astype(object)
    return out, problems


@dataclass
class Atlas:
    """Every curated table, validated and typed."""

    parties: pd.DataFrame
    summits: pd.DataFrame
    documents: pd.DataFrame
    endorsements: pd.DataFrame
    treaty_stages: pd.DataFrame
    events: pd.DataFrame
    statements: pd.DataFrame
    institutes: pd.DataFrame
    attendance: pd.DataFrame
    risks: pd.DataFrame
    questions: pd.DataFrame
    glossary: pd.DataFrame
    story: pd.DataFrame
    themes: pd.DataFrame
    passages: pd.DataFrame
    coverage: pd.DataFrame
    term_counts: pd.DataFrame
    reading: pd.DataFrame
    hosts: pd.DataFrame
    changes: pd.DataFrame
    sources: pd.DataFrame
    data_dir: str = field(default="")
    # translated text columns: {lang: {English table name: frame keyed by its ids}} (data/i18n/<lang>/)
    translations: dict = field(default_factory=dict)


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


def absent_files(data_dir: Path | str | None = None) -> set[str]:
    """Optional files (Table.optional_file) that are absent and that sources.csv does not list: not checked, read
    as empty tables. A listed one that is missing is reported by the sources check."""
    data_dir = Path(data_dir or current_data_dir())
    optional = [t.file for t in TABLES.values() if t.optional_file] \
        + [s.table.file for specs in TRANSLATIONS.values() for s in specs.values() if s.table.optional_file]
    missing = [f for f in optional if not (data_dir / f).exists()]
    if not missing:
        return set()
    try:
        listed = {row.get("file", "") for row in csv.DictReader(io.StringIO(
            (data_dir / "sources.csv").read_text(encoding="utf-8-sig")))}
    except (OSError, UnicodeDecodeError, csv.Error):
        listed = set()
    return {f for f in missing if f not in listed}


def _empty(table: Table) -> pd.DataFrame:
    """An absent optional file as a table with its columns and no rows."""
    return pd.DataFrame(columns=[c.name for c in table.columns], index=pd.Index([], name="line"), dtype=str)


def validate(data_dir: Path | str | None = None, drop_stale: bool = False) -> tuple[Atlas | None, list[Problem]]:
    """Read and check every table in `data_dir`; return the typed data, or None and all problems.

    `drop_stale` (the app's loader): a translated row whose English changed since it was translated is left out
    instead of failing the whole Atlas, so its English (the authoritative text) is shown until someone
    re-translates it; `python -m components.data --check` and CI still report every such row."""
    data_dir = Path(data_dir or current_data_dir())
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    absent = absent_files(data_dir)
    for name, table in TABLES.items():
        if table.file in absent:
            continue
        frame, found = read_rows(data_dir / table.file)
        problems += found
        if frame is not None:
            frames[name] = frame
    keys = {name: set(frames[name][TABLES[name].key[0]]) for name in frames
            if len(TABLES[name].key) == 1 and TABLES[name].key[0] in frames[name]}
    for name, frame in frames.items():
        problems += _pandera_problems(TABLES[name], frame, keys)
        problems += _row_problems(name, frame, frames, data_dir)
    translations, found = _read_translations(data_dir, frames, absent, drop_stale)
    problems += found
    for lang in TRANSLATION_LANGS:  # the app shows a stale block in English (data_rules)
        problems += [p for p in rules_problems(data_dir, lang, frames.get("changes")) if not (drop_stale and stale(p))]
    if problems or len(frames) + len([t for t in TABLES.values() if t.file in absent]) != len(TABLES):
        return None, sorted(problems, key=lambda p: (p.file, p.line, p.column))
    frames |= {name: _empty(t) for name, t in TABLES.items() if t.file in absent}
    atlas = Atlas(**{name: _typed(name, frames[name]) for name in TABLES}, data_dir=str(data_dir),
                  translations=translations)
    return atlas, []


def read_atlas(data_dir: Path | str | None = None) -> Atlas:
    """Validated data, or DataError listing every problem."""
    atlas, problems = validate(data_dir)
    if atlas is None:
        raise DataError(problems)
    return atlas


_FINGERPRINTS: dict[str, tuple[float, str]] = {}
FINGERPRINT_TTL_S = 1.0  # stat the files at most once a second: under load the stats were 14% of a map run


def data_fingerprint(data_dir: Path | str | None = None) -> str:
    """A short key of the data: the directory and a digest of every data file's name, size and mtime, so caches
    notice an edited file or another data copy."""
    import hashlib
    import time

    data_dir = Path(data_dir or current_data_dir())
    key, now = str(data_dir), time.monotonic()
    hit = _FINGERPRINTS.get(key)
    if hit and now - hit[0] < FINGERPRINT_TTL_S:
        return hit[1]
    out = []
    for name in [t.file for t in TABLES.values()] + translation_files() + ["geo/countries-110m.geojson"]:
        try:
            st = (data_dir / name).stat()
            out.append((name, st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((name, 0, 0))
    # NOTE: one string, not the tuple of 24 (name, mtime, size) entries it digests: every cached function takes
    # the fingerprint, and Streamlit's cache hashed that tuple item by item on every call (1.7 ms per hash timed
    # alone on this 2-core machine under load; a map run made six to ten such calls); this string: about 15 µs
    fingerprint = f"{key}#{hashlib.sha1(repr(out).encode()).hexdigest()[:20]}"
    _FINGERPRINTS[key] = (now, fingerprint)
    return fingerprint


_ATLASES: dict[tuple[str, str], tuple] = {}  # (data directory, fingerprint) -> validate's result, newest last
_ATLASES_LOCK = threading.Lock()
MAX_ATLASES = 4


def load_atlas() -> tuple[Atlas | None, list[Problem]]:
    """Validated data for the app, kept per data fingerprint and shared read-only by all sessions."""
    # NOTE: shared, not copied: Streamlit's cache_data unpickled a fresh copy of all eleven tables on every run
    # of every session, which under a burst of 30 was most of the map page's CPU and the bulk of its memory
    # growth (bench/RESULTS.md). Sharing is safe because pandas 3 copies on write: shaping functions derive new
    # frames, and no page assigns into an Atlas table. A plain dictionary, not st.cache_resource: a hit there
    # hashed the arguments with Streamlit's hasher (0.1-0.2 ms a run), and a cached function made inside this
    # one re-hashed its source on every call (0.7 ms). One validation at a time: sessions that start together
    # wait for the first and share its result.
    where = current_data_dir()
    key = (str(where), data_fingerprint(where))
    with _ATLASES_LOCK:
        if key not in _ATLASES:
            # a correction to the English must not take the site down until it is re-translated: stale
            # translated rows fall back to the English (the validator and CI report them)
            _ATLASES[key] = validate(where, drop_stale=True)
            while len(_ATLASES) > MAX_ATLASES:
                del _ATLASES[next(iter(_ATLASES))]
        return _ATLASES[key]


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
    """Raw bytes of one data file, for downloads; an optional file not shipped yet is its header row (0 rows, as
    the About page counts it)."""
    if name in absent_files(data_dir):
        table = next(t for t in TABLES.values() if t.file == name)
        return (",".join(c.name for c in table.columns) + "\n").encode()
    return (Path(data_dir or current_data_dir()) / name).read_bytes()


def zip_bytes(data_dir: Path | str | None = None) -> bytes:
    """Every CSV, the data dictionary and the Frictionless descriptor (datapackage.json) as one zip archive."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in [t.file for t in TABLES.values()] + translation_files() + ["README.md", "datapackage.json"] \
                + [RULES_FILE.format(lang=lang) for lang in TRANSLATION_LANGS]:
            path = Path(data_dir or current_data_dir()) / name
            if path.exists():
                # fixed timestamp so the archive is byte-identical for identical data
                zf.writestr(zipfile.ZipInfo(f"ai-summit-atlas/{name}", (2023, 11, 1, 0, 0, 0)), path.read_bytes())
    return buf.getvalue()


def _spec_of_file(path: Path) -> tuple[Translation, Path]:
    """The translation spec of a translation file's path, and the data directory it sits in."""
    resolved = path.resolve()
    for specs in TRANSLATIONS.values():
        for spec in specs.values():
            if spec.english and resolved.as_posix().endswith("/" + spec.table.file):
                return spec, Path(resolved.as_posix().removesuffix("/" + spec.table.file))
    raise SystemExit(f"{path}: not a translation file with a {HASH_COLUMN} column (data/i18n/<lang>/<file>.csv)")


def stamp(path: Path | str, keys: tuple[str, ...] = (), new: bool = False, ask=None) -> tuple[list[str], list[str]]:
    """Write the current `source_hash` into the rows of one translation file that a person confirms: the rows
    named in `keys`, with `new` the rows never stamped, and the rows `ask(key, english, translated)` says yes to.
    A stale row is never re-stamped unless confirmed. Returns (keys stamped, keys still unstamped or stale)."""
    path = Path(path)
    if path.name == "rules.md" and path.parent.parent.name == "i18n":
        return stamp_rules(path, keys, new)
    spec, data_dir = _spec_of_file(path)
    english, found = read_rows(data_dir / TABLES[spec.of].file)
    if english is None:
        raise SystemExit("\n".join(str(p) for p in found))
    english = keyed(spec.of, english)
    key = spec.table.key[0]
    by_key = {k: row for k, (_, row) in zip(english[key], english.iterrows())}
    with path.open(encoding="utf-8", newline="") as fp:
        rows = list(csv.reader(fp))
    header = [h.strip() for h in rows[0]]
    if HASH_COLUMN not in header:
        header.append(HASH_COLUMN)
        rows = [header] + [r + [""] if any(c.strip() for c in r) else r for r in rows[1:]]
    rows[0] = header
    at, col = header.index(key), header.index(HASH_COLUMN)
    done, left = [], []
    for row in rows[1:]:
        if not any(c.strip() for c in row) or len(row) != len(header) or row[at].strip() not in by_key:
            continue  # the validator reports these
        k, en = row[at].strip(), by_key[row[at].strip()]
        now = source_hash([en.get(c, "") for c in spec.english])
        if row[col].strip() == now:
            continue
        shown = {c: row[i] for i, c in enumerate(header) if i not in (at, col)}
        if k in keys or (new and not row[col].strip()) or (ask is not None and ask(
                k, {c: en.get(c, "") for c in spec.english}, shown, bool(row[col].strip()))):
            row[col] = now
            done.append(k)
        else:
            left.append(k)
    with path.open("w", encoding="utf-8", newline="") as fp:
        csv.writer(fp, lineterminator="\n").writerows(rows)
    return done, left


def _ask(key: str, english: dict, translated: dict, stale: bool) -> bool:
    """Show a row's English and its translation on the terminal; True when the person answers yes."""
    print(f"\n== {key} ({'its English changed since it was stamped' if stale else 'never stamped'})")
    for c, v in english.items():
        print(f"  English {c}: {v}")
    for c, v in translated.items():
        print(f"  translated {c}: {v}")
    return input("Does the translation say what the English says now? Stamp it [y/N] ").strip().lower() in ("y", "yes")


def main(argv: list[str] | None = None) -> int:
    """Command line: `python -m components.data --check data/`, or `--stamp data/i18n/<lang>/<file>.csv`."""
    parser = argparse.ArgumentParser(description=__doc__)
    todo = parser.add_mutually_exclusive_group(required=True)
    todo.add_argument("--check", metavar="DIR", help="data directory to validate")
    todo.add_argument("--stamp", metavar="FILE", help="translation file whose confirmed rows get the current "
                      "source_hash: on a terminal it shows each unstamped or stale row and asks; elsewhere only the "
                      "rows named by --key (or, with --new, never stamped) are stamped")
    parser.add_argument("--key", action="append", default=[], metavar="ID",
                        help="with --stamp: stamp this row (its id; repeat for several), confirmed by you")
    parser.add_argument("--new", action="store_true", help="with --stamp: also stamp rows that have no hash yet "
                        "(a translation just written); stale rows are never stamped without --key or a yes")
    args = parser.parse_args(argv)
    if args.stamp:
        interactive = sys.stdin.isatty() and not args.key
        done, left = stamp(Path(args.stamp), tuple(args.key), args.new, _ask if interactive else None)
        print(f"{args.stamp}: stamped {len(done)} row(s){': ' + ', '.join(done) if done else ''}")
        if left:
            print(f"not stamped (translate the current English, then confirm): {', '.join(left)}", file=sys.stderr)
        return 1 if left else 0
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
