"""One map view shaped: which view (all summits, a summit, a document), every party's status in it, its
sentence, coverage note, sources, lists and a summit's attendees; and the party a map click picked.
Colours and geometry are built in maps.py; this says only what the view shows."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

import pandas as pd

from components.data import ROLES
from components.dates import format_date
from components.i18n import EN, N_, Translator
from components.labels import STATUS_LABELS, VERIFICATION_LABELS, enum_label, role_count, status_in_line
from components.naming import name_list, in_sentence, short_name
from components.participation import (counts_sentence, coverage_note, document_sentence, document_status,
                                      signed_counts, summit_sentence, summit_state_documents, summit_status)


@dataclass(frozen=True)
class View:
    """What the map shows: every summit (`all`), one summit, or one document."""

    kind: str = "all"  # all | summit | document
    ident: str = ""

    @classmethod
    def parse(cls, text: str) -> "View":
        """`summit:bletchley-2023`, `document:paris-statement` or `all` (the form story.csv uses)."""
        kind, _, ident = str(text).partition(":")
        return cls(kind, ident) if kind in ("summit", "document") and ident else cls()

    def __str__(self) -> str:
        return f"{self.kind}:{self.ident}" if self.kind != "all" else "all"


ALL_COVERAGE = N_("Some official lists are longer than the parties verified here (see each document's view), "
                  "so a country with no record may still have signed.")


@dataclass(frozen=True, eq=False)
class MapShape:
    """One map view, shaped: every party's status, the words about it, and what to list under the map."""

    view: View
    table: pd.DataFrame  # every party: party_id, name, kind, eu_member, status, label, date_text, source, ...
    sentence: str
    coverage: str | None
    sources: tuple[tuple[str, str], ...]
    not_drawn: tuple[tuple[str, str], ...]  # (name, status in words) of parties with a status but no shape
    listed: pd.DataFrame  # parties with a status, with a report link each (document views)
    participants: pd.DataFrame  # summit views: attendees other than governments, by role, with sources
    attendance_note: str | None  # summit views: what the attendance list covers


def attendance_for(attendance: pd.DataFrame, parties: pd.DataFrame, summit_id: str) -> pd.DataFrame:
    """One summit's recorded attendees with their names, in role order then by name."""
    rows = attendance[attendance["summit_id"] == summit_id]
    rows = rows.merge(parties[["party_id", "name", "kind"]], on="party_id", how="left")
    order = {r: i for i, r in enumerate(ROLES)}
    return rows.assign(_o=rows["role"].map(order)).sort_values(["_o", "name"]).drop(columns="_o").reset_index(drop=True)


def attendance_note(summit: pd.Series, attendees: pd.DataFrame, tr: Translator = EN) -> str:
    """Say what the attendance list of a summit covers, and that a missing list is missing (in `tr`'s language)."""
    label = in_sentence(summit, "name", tr, english=short_name(summit))  # `Bletchley 2023`, `sommet de Bletchley`
    listing = str(summit.get("attendee_list") or "none")  # summits.csv: what the rows rest on
    if attendees.empty and listing == "none":
        return tr.gettext("No full list of attendees was found for {summit}, so none is recorded here: the map shows "
                          "who signed or declined its documents, and a country shown with no record may still have "
                          "attended.").format(summit=label)
    if attendees.empty:
        return tr.gettext("No list of attendees is recorded here for {summit}: the map shows who signed or declined "
                          "its documents, and a country shown with no record may still have attended.").format(
            summit=label)
    counts = attendees["role"].value_counts()
    parts = name_list([role_count(r, int(counts[r]), tr) for r in ROLES if r in counts], tr)
    if listing == "official":
        return tr.gettext("Attendees of {summit}, from the host's published list, each with its source: "
                          "{counts}.").format(summit=label, counts=parts)
    if listing == "reported":
        return tr.gettext("The host published a list of the attendees of {summit}, but it could not be read here. "
                          "Recorded from reports of that list and from participants' own pages: {counts}. The list "
                          "is partial: governments, companies, academia and civil society that were there may be "
                          "missing.").format(summit=label, counts=parts)
    return tr.gettext("Attendees of {summit} recorded here with sources: {counts}. Only parties named by a published "
                      "list or a report are included, so the list may be shorter than the real one.").format(
        summit=label, counts=parts)


def summit_attendance_status(status: pd.DataFrame, attendees: pd.DataFrame, tr: Translator = EN) -> pd.DataFrame:
    """A summit's status table where a government that attended and signed nothing shows as attended."""
    went = set(attendees.loc[attendees["role"] == "government", "party_id"])
    rows = attendees.drop_duplicates("party_id").set_index("party_id")
    mask = status["party_id"].isin(went) & (status["status"] == "no_record")
    out = status.copy()
    out.loc[mask, "status"] = "attended_not_signed"
    for col in ("source_url", "verification", "checked_on"):
        out.loc[mask, col] = out.loc[mask, "party_id"].map(rows[col])
    out.loc[mask, "note"] = tr.gettext("Attended; signed none of the summit's documents listed here.")
    return out


def map_shape(view: View, parties: pd.DataFrame, summits: pd.DataFrame, documents: pd.DataFrame,
              endorsements: pd.DataFrame, attendance: pd.DataFrame, report: callable, tr: Translator = EN
              ) -> MapShape:
    """Everything a map view says: statuses, sentence, coverage, sources, lists (no colours: see maps).

    Its words (sentence, notes, labels, dates) are in `tr`'s language; names, titles and data notes stay as the
    data gives them.

    `report(fact_id, source_url, page)` makes a "report a problem" link for a listed row.
    """
    docs = documents.sort_values(["date", "document_id"])
    participants, note = attendance.iloc[0:0].assign(name="", kind=""), None
    if view.kind == "document":
        table = document_status(parties, endorsements, view.ident)
        document = docs.set_index("document_id").loc[view.ident]
        sentence, coverage = document_sentence(document, table, tr), coverage_note(document, table, tr)
        sources = [(document["title"], document["source_url"])]
    elif view.kind == "summit":
        summit = summits.set_index("summit_id").loc[view.ident]
        attendees = attendance_for(attendance, parties, view.ident)
        table = summit_attendance_status(summit_status(parties, endorsements, documents, view.ident), attendees, tr)
        sentence, coverage = summit_sentence(summit, table, tr), None
        participants = attendees[attendees["role"] != "government"]
        note = attendance_note(summit, attendees, tr)
        sources = [(summit["name"], summit["source_url"])]
        sources += [(tr.gettext("{party} at {summit}").format(party=r["name"], summit=short_name(summit)),
                     r["source_url"]) for _, r in attendees.iterrows()]
    else:
        table = signed_counts(parties, endorsements, documents)
        state_docs = summit_state_documents(docs)
        sentence, coverage = counts_sentence(table, len(state_docs), tr), tr.gettext(ALL_COVERAGE)
        sources = [(r.title, r.source_url) for r in state_docs.itertuples()]
        table["label"] = table["signed_count"].map(lambda n: tr.ngettext(
            "Signed {n} of the summit documents", "Signed {n} of the summit documents", n).format(n=tr.number(n))
            if n else tr.gettext(STATUS_LABELS["no_record"]))
        table["status"] = table["signed_count"].map(lambda n: "signed" if n else "no_record")
        table = table.assign(date="", date_precision="day", source_url="", verification="", note="", checked_on="")
    if view.kind != "all":
        table["label"] = table["status"].map(lambda s: tr.gettext(STATUS_LABELS[s]))
    table["source"] = table["source_url"].map(lambda u: tr.gettext("Source: {host}").format(host=_host(u)) if u else "")
    table["date_text"] = [format_date(d, p or "day", tr) if d else ""
                          for d, p in zip(table["date"], table["date_precision"])]
    not_drawn = table[(table["kind"] != "state") & (table["status"] != "no_record")]
    listed = table[table["status"] != "no_record"].sort_values(["status", "name"])
    listed = listed.assign(level=[enum_label(VERIFICATION_LABELS, v, tr) for v in listed["verification"]])
    if view.kind == "document":
        page = f"/map?document={view.ident}"
        listed = listed.assign(report=[report(f"endorsements.csv: {view.ident} + {p}", u, page)
                                       for p, u in zip(listed["party_id"], listed["source_url"])])
    else:
        listed = listed.assign(report="")
    # shown after the party's name ("**EU**: Signed 7 ..."), so in the form a status takes after a title
    after_name = [tr.npgettext("status after a title", "Signed {n} of the summit documents",
                               "Signed {n} of the summit documents", n).format(n=tr.number(n))
                  if view.kind == "all" else status_in_line(s, tr)
                  for s, n in zip(not_drawn["status"], not_drawn.get("signed_count", not_drawn["status"]))]
    return MapShape(view, table, sentence, coverage, tuple(sources), tuple(zip(not_drawn["name"], after_name)), listed,
                    participants.reset_index(drop=True), note)


def _host(url: str) -> str:
    host = urlparse(str(url)).netloc
    return host[4:] if host.startswith("www.") else host


def picked_party(selection: object) -> str | None:
    """The party a map click picked (a country shape's `iso3` or a point's `party_id`), else None."""
    objects = (getattr(selection, "get", lambda k, d=None: d)("selection") or {}).get("objects") or {}
    for layer in ("countries", "points"):
        for obj in objects.get(layer) or []:
            props = obj.get("properties", obj) if isinstance(obj, dict) else {}
            pid = props.get("iso3") or props.get("party_id")
            if pid:
                return str(pid)
    return None
