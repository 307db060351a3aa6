"""Pure pandas shaping: DataFrames and plain values in, new DataFrames or values out. No streamlit."""

from __future__ import annotations

import calendar
import hashlib
import random
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlparse

import pandas as pd

from components.data import CHOICE_SEP, ROLES, split_list
from components.i18n import EN, N_, Translator
from components.text import squash

SIGNED = ("signed", "joined_later")
DISPUTED = "Disputed"  # an endorsement note starting with this word records sources that disagree
# English labels, marked for translation (N_): shown through `tr.gettext(LABEL)` in the active language
STATUS_LABELS = {
    "signed": N_("Signed"),
    "joined_later": N_("Joined later"),
    "attended_not_signed": N_("Attended, did not sign"),
    "no_record": N_("No record"),
}
# a source's verification level (data.VERIFICATION), as a reader sees it
VERIFICATION_LABELS = {"primary": N_("primary"), "secondary": N_("secondary")}
# an event kind by itself, as the timeline's filter names it (KIND_LABELS groups kinds into lanes)
KIND_NAMES = {"summit": N_("Summits"), "declaration": N_("Declarations"), "commitment": N_("Commitments"),
              "speech": N_("Speeches and statements"), "institution": N_("Institutions"), "report": N_("Reports"),
              "law": N_("Laws"), "resolution": N_("Resolutions"), "other": N_("Other")}
KIND_LABELS = {
    "summit": N_("Summits"),
    "declaration": N_("Declarations and commitments"),
    "commitment": N_("Declarations and commitments"),
    "speech": N_("Speeches and statements"),
    "institution": N_("Institutions"),
    "report": N_("Reports"),
    "law": N_("Laws and resolutions"),
    "resolution": N_("Laws and resolutions"),
    "other": N_("Other milestones"),
}


def enum_label(labels: dict[str, str], value: str, tr: Translator = EN) -> str:
    """A data code in words in `tr`'s language (`primary` -> `primaire`), from one of the label lists above; an
    unknown code is shown as it is."""
    return tr.gettext(labels[value]) if value in labels else str(value)


def status_in_line(status: str, tr: Translator = EN) -> str:
    """A status after a document's title in a line ("**Title**: Signed, 1 November 2023"): the label in English,
    in lower case in French ("**Titre** : a signé, 1er novembre 2023"), kept apart from the labels of legends and
    tables by its context."""
    # the context is written out in each call: the extractor only reads a literal
    lines = {"signed": tr.pgettext("status after a title", "Signed"),
             "joined_later": tr.pgettext("status after a title", "Joined later"),
             "attended_not_signed": tr.pgettext("status after a title", "Attended, did not sign"),
             "no_record": tr.pgettext("status after a title", "No record")}
    return lines.get(status) or enum_label(STATUS_LABELS, status, tr)


def split_ids(value: object) -> list[str]:
    """Items of a `;`-joined cell."""
    return split_list(str(value or ""))


def states_signed_any(endorsements: pd.DataFrame, documents: pd.DataFrame, parties: pd.DataFrame) -> list[str]:
    """Ids of states that signed or joined at least one state-endorsed summit document, sorted."""
    state_docs = set(summit_state_documents(documents)["document_id"])
    states = set(parties.loc[parties["kind"] == "state", "party_id"])
    rows = endorsements[endorsements["status"].isin(SIGNED) & endorsements["document_id"].isin(state_docs)]
    return sorted(set(rows["party_id"]) & states)


def key_figures(summits: pd.DataFrame, documents: pd.DataFrame, endorsements: pd.DataFrame,
                parties: pd.DataFrame, events: pd.DataFrame, statements: pd.DataFrame) -> dict[str, int]:
    """Headline counts for the home page, computed from the data."""
    return {
        "summits_held": int((summits["status"] == "held").sum()),
        "summits_announced": int((summits["status"] == "announced").sum()),
        "documents": len(documents),
        "countries_signed": len(states_signed_any(endorsements, documents, parties)),
        "events": len(events),
        "statements": len(statements),
    }


def verification_mix(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Rows per file with the count of primary and secondary facts."""
    rows = []
    for file, frame in tables.items():
        has = "verification" in frame
        rows.append({
            "file": file,
            "rows": len(frame),
            "primary": int((frame["verification"] == "primary").sum()) if has else None,
            "secondary": int((frame["verification"] == "secondary").sum()) if has else None,
        })
    out = pd.DataFrame(rows)
    for col in ("primary", "secondary"):
        out[col] = out[col].astype("Int64")
    return out


# the story the Atlas was built from, in the order the home page tells it
SEED_STATEMENTS = ("2023-11-02-musk-sunak-lancaster-house", "2023-11-02-musk-china-lancaster-house",
                   "2023-11-02-guterres-bletchley", "2023-11-02-sunak-state-backed-testing")


def seed_statements(statements: pd.DataFrame, ids: tuple[str, ...] = SEED_STATEMENTS) -> pd.DataFrame:
    """The seed story's statements in story order (those present in the data)."""
    order = {sid: i for i, sid in enumerate(ids)}
    rows = statements[statements["statement_id"].isin(order)]
    return rows.assign(_order=rows["statement_id"].map(order)).sort_values("_order").drop(columns="_order")


def checked_spread(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per file with `checked_on`: rows, the oldest and newest check, and how many rows were checked on the newest day."""
    rows = []
    for file, frame in tables.items():
        if "checked_on" not in frame or frame.empty:
            continue
        dates = frame["checked_on"]
        rows.append({"file": file, "rows": len(frame), "oldest": dates.min(), "newest": dates.max(),
                     "checked_on_newest": int((dates == dates.max()).sum())})
    return pd.DataFrame(rows, columns=["file", "rows", "oldest", "newest", "checked_on_newest"])


def latest_changes(changes: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The `n` newest entries of the change log, newest first."""
    return changes.iloc[::-1].sort_values("date", ascending=False, kind="stable").head(n)


def format_date(iso: str, precision: str | None = "day", tr: Translator = EN) -> str:
    """`2023-11-01` as `1 November 2023` (`1 novembre 2023`); `November 2023` at month precision, `2023` at
    year precision and `on or before 7 February 2025` (`au plus tard le 7 février 2025`) when the source gives
    only a bound (Babel, in the translator's locale)."""
    if not iso:
        return tr.gettext("date to be announced")
    return tr.date(iso, precision or "day")


def on_date(when: str, tr: Translator = EN, precision: str | None = "day") -> str:
    """`on 1 November 2023`, but `in November 2023` / `in 2023` for a month or a year; an `on_or_before` date
    is already a phrase ("on or before 7 February 2025") and is returned as it is."""
    if precision == "on_or_before":
        return when
    if when[:1].isdigit() and len(when.split()) > 1:  # split(): a French date is glued by no-break spaces
        return tr.gettext("on {date}").format(date=when)
    return tr.gettext("in {date}").format(date=when)


def format_range(start: str, end: str, tr: Translator = EN) -> str:
    """A date range in words: `1–2 November 2023`, `30 April – 2 May 2024` (`30 avril – 2 mai 2024`)."""
    if not end or end == start:
        return format_date(start, tr=tr)
    a, b = pd.Timestamp(start).date(), pd.Timestamp(end).date()
    if (a.year, a.month) == (b.year, b.month):
        return f"{tr.day_number(a)}–{tr.date(b)}"
    if a.year == b.year:
        return f"{tr.day_month(a)} – {tr.date(b)}"
    return f"{tr.date(a)} – {tr.date(b)}"


# --- map ---------------------------------------------------------------------------------------------

STATUS_ORDER = ("signed", "joined_later", "attended_not_signed", "no_record")


def state_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """Documents that states and blocs sign (not company commitments), in date order."""
    return documents[documents["endorser_kind"] != "companies"].sort_values(["date", "document_id"])


def summit_state_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """State documents adopted at a summit (not, e.g., the Council of Europe convention), in date order."""
    docs = state_documents(documents)
    return docs[docs["summit_id"].fillna("") != ""]


def document_status(parties: pd.DataFrame, endorsements: pd.DataFrame, document_id: str) -> pd.DataFrame:
    """Every party with its status for one document (`no_record` where there is none)."""
    return _every_party(parties, endorsements[endorsements["document_id"] == document_id])


def _every_party(parties: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Every party joined to at most one endorsement row each; parties without one get `no_record`. `disputed`:
    the note records sources that disagree (read from the English note: a translated Atlas keeps it in `note_en`)."""
    disputed = rows.get("note_en", rows["note"]).astype(str).str.startswith(DISPUTED)
    rows = rows[["party_id", "status", "date", "date_precision", "source_url", "verification", "note", "checked_on"]]
    out = parties[["party_id", "name", "kind", "eu_member"]].merge(rows.assign(disputed=disputed), on="party_id",
                                                                   how="left")
    out["status"] = out["status"].fillna("no_record")
    out["disputed"] = out["disputed"].astype(object).fillna(False).astype(bool)
    return out.fillna({"date": "", "date_precision": "day", "source_url": "", "verification": "", "note": "",
                       "checked_on": ""})


def summit_status(parties: pd.DataFrame, endorsements: pd.DataFrame, documents: pd.DataFrame,
                  summit_id: str) -> pd.DataFrame:
    """Every party with its strongest status across one summit's state documents."""
    docs = state_documents(documents)
    docs = docs[docs["summit_id"] == summit_id]
    rows = endorsements[endorsements["document_id"].isin(docs["document_id"])].copy()
    rows["rank"] = rows["status"].map({s: i for i, s in enumerate(STATUS_ORDER)})
    return _every_party(parties, rows.sort_values(["rank", "date"]).drop_duplicates("party_id"))


def signed_counts(parties: pd.DataFrame, endorsements: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Every party with how many summit documents for states it signed or joined, and which."""
    docs = summit_state_documents(documents)
    rows = endorsements[endorsements["status"].isin(SIGNED) & endorsements["document_id"].isin(docs["document_id"])]
    grouped = rows.groupby("party_id")["document_id"].agg(["count", lambda s: "; ".join(sorted(s))])
    grouped.columns = ["signed_count", "signed_documents"]
    out = parties[["party_id", "name", "kind", "eu_member"]].merge(grouped, left_on="party_id",
                                                                   right_index=True, how="left")
    out["signed_count"] = out["signed_count"].fillna(0).astype(int)
    return out.fillna({"signed_documents": ""})


def the(title: str, adjective: str = "") -> str:
    """`the Seoul Declaration`; `the Bletchley Declaration` for a title that begins with its own "The".

    Running text puts "the" before a document or summit name; a title that already starts with "The" would
    otherwise read "signed the The Bletchley Declaration". `adjective` goes between: `the first AI Safety Summit`.
    """
    text = squash(title)
    if text[:4].casefold() == "the ":
        text = text[4:]
    return " ".join(w for w in ("the", adjective, text) if w)


def _names(names: list[str], tr: Translator = EN) -> str:
    """`A`, `A and B`, `A, B and C` (`A, B et C`)."""
    return tr.names(list(names))


def _title(title: str, tr: Translator) -> str:
    """A document or summit title as the sentence templates take it: `the Seoul Declaration` in English; the
    title alone in French, where the template puts it in quotation marks."""
    return the(title) if tr.lang == "en" else squash(title)


def _count_phrase(rows: pd.DataFrame, tr: Translator = EN) -> str:
    """`28 countries and the EU`, `16 companies`, `1 country` (`28 pays et l'UE`)."""
    parts = []
    states = int((rows["kind"] == "state").sum())
    if states:
        parts.append(tr.ngettext("{n} country", "{n} countries", states).format(n=tr.number(states)))
    for pid, label in (("EU", N_("the EU")), ("AU", N_("the African Union Commission"))):
        if pid in set(rows["party_id"]):
            parts.append(tr.gettext(label))
    others = rows[~rows["kind"].isin(["state"]) & ~rows["party_id"].isin(["EU", "AU"])]
    companies = int((others["kind"] == "company").sum())
    orgs = len(others) - companies
    if companies:
        parts.append(tr.ngettext("{n} company", "{n} companies", companies).format(n=tr.number(companies)))
    if orgs:
        parts.append(tr.ngettext("{n} other organisation", "{n} other organisations", orgs).format(n=tr.number(orgs)))
    return _names(parts, tr) if parts else tr.gettext("no party")


def _declined(names: list[str], tr: Translator) -> str:
    """`X attended but did not sign.` as a whole sentence, singular or plural."""
    return tr.ngettext("{names} attended but did not sign.", "{names} attended but did not sign.",
                       len(names)).format(names=_names(names, tr))


def document_sentence(document: pd.Series, status: pd.DataFrame, tr: Translator = EN) -> str:
    """A sentence describing one document's map, e.g. who signed it and who joined later."""
    signed = status[status["status"] == "signed"]
    later = status[status["status"] == "joined_later"].sort_values("date")
    declined = status[status["status"] == "attended_not_signed"].sort_values("name")
    title = _title(document["title"], tr)
    when = format_date(document["date"], document["date_precision"], tr)
    if signed.empty and later.empty:
        text = tr.gettext("No endorser of {document} ({date}) is listed here: its list of endorsers has not been "
                          "verified.").format(document=title, date=when)
        return text + (" " + _declined(list(declined["name"]), tr) if len(declined) else "")
    text = tr.ngettext("{parties} signed {document} {when}.", "{parties} signed {document} {when}.",
                       len(signed)).format(parties=_count_phrase(signed, tr), document=title,
                                           when=on_date(when, tr, document["date_precision"]))
    if len(later):
        joins = [tr.gettext("{name} joined {when}").format(
                     name=r["name"], when=on_date(format_date(r["date"], r["date_precision"], tr), tr,
                                                  r["date_precision"]))
                 for _, r in later.iterrows()]
        text = tr.joined([text[:-1], *joins]) + "."
    if len(declined):
        text += " " + _declined(list(declined["name"]), tr)
    return text


def coverage_note(document: pd.Series, status: pd.DataFrame, tr: Translator = EN) -> str | None:
    """Say how many of the official endorsers we list, when the official count is larger; else None."""
    listed = int(status["status"].isin(SIGNED).sum())
    count = document.get("reported_count")
    note = str(document.get("reported_count_note") or "").strip()
    if count is None or pd.isna(count):
        return note or None  # no official count: say what is known about the list, if anything
    if listed >= int(count):
        return None
    head = note if note else tr.ngettext("The official count is {n} endorser.", "The official count is {n} endorsers.",
                                         int(count)).format(n=tr.number(int(count)))
    if not head.endswith("."):
        head += "."
    tail = tr.ngettext("{listed} of them is listed here with sources; the others are not yet verified, so a country "
                       "shown with no record may still have signed.",
                       "{listed} of them are listed here with sources; the others are not yet verified, so a country "
                       "shown with no record may still have signed.", listed).format(listed=tr.number(listed))
    return f"{head} {tail}"


def summit_sentence(summit: pd.Series, status: pd.DataFrame, tr: Translator = EN) -> str:
    """A sentence describing a summit's map."""
    signed = status[status["status"].isin(SIGNED)]
    declined = status[status["status"] == "attended_not_signed"]
    values = {"parties": _count_phrase(signed, tr), "summit": _title(summit["name"], tr)}
    if summit["start_date"]:
        text = tr.ngettext("{parties} signed or joined at least one of the documents of {summit} ({dates}).",
                           "{parties} signed or joined at least one of the documents of {summit} ({dates}).",
                           len(signed)).format(dates=format_range(summit["start_date"], summit["end_date"], tr), **values)
    else:
        text = tr.ngettext("{parties} signed or joined at least one of the documents of {summit}.",
                           "{parties} signed or joined at least one of the documents of {summit}.",
                           len(signed)).format(**values)
    if len(declined):
        text += " " + tr.ngettext("{names} attended without signing any of them.",
                                  "{names} attended without signing any of them.",
                                  len(declined)).format(names=_names(sorted(declined["name"]), tr))
    return text


def counts_sentence(counts: pd.DataFrame, n_documents: int, tr: Translator = EN) -> str:
    """A sentence describing the all-summits map."""
    signed = counts[counts["signed_count"] > 0]
    states = signed[signed["kind"] == "state"]
    if states.empty:
        return tr.gettext("No state has signed any of the summit documents listed here.")
    top = int(states["signed_count"].max())
    leaders = sorted(states.loc[states["signed_count"] == top, "name"])
    first = tr.ngettext("{n} country signed or joined at least one of {total} summit documents that states sign.",
                        "{n} countries signed or joined at least one of {total} summit documents that states sign.",
                        len(states)).format(n=tr.number(len(states)), total=tr.number(n_documents))
    second = tr.ngettext("{names} signed the most: {top} of {total}.", "{names} signed the most: {top} of {total}.",
                         len(leaders)).format(names=_names(leaders, tr), top=tr.number(top),
                                              total=tr.number(n_documents))
    return f"{first} {second}"


def signature_matrix(parties: pd.DataFrame, endorsements: pd.DataFrame, documents: pd.DataFrame,
                     tr: Translator = EN, words: dict[tuple[str, str], str] | None = None) -> pd.DataFrame:
    """Parties with any record (rows) by state documents (columns), cells in words (the translator's);
    `words` ((party_id, document_id) -> text) replaces a cell's status, e.g. by a treaty's stage (stages.py)."""
    docs = state_documents(documents)
    rows = endorsements[endorsements["document_id"].isin(docs["document_id"])]
    wide = rows.pivot(index="party_id", columns="document_id", values="status")
    wide = wide.reindex(columns=list(docs["document_id"])).fillna("no_record")
    wide = wide.apply(lambda col: col.map(lambda s: tr.gettext(STATUS_LABELS[s])))
    for (party, doc), text in (words or {}).items():
        if party in wide.index and doc in wide.columns:
            wide.at[party, doc] = text
    names = parties.set_index("party_id")["name"]
    party, count = tr.gettext("Party"), tr.gettext("Documents signed")
    wide.insert(0, party, names.reindex(wide.index))
    wide.columns = [party] + short_titles(docs)  # full titles on hover and in the CSV (full_titles)
    signed = (rows[rows["status"].isin(SIGNED)].groupby("party_id").size())
    wide.insert(1, count, signed.reindex(wide.index).fillna(0).astype(int))
    return wide.sort_values([count, party], ascending=[False, True]).reset_index(drop=True)


def party_profile(party_id: str, parties: pd.DataFrame, endorsements: pd.DataFrame, documents: pd.DataFrame
                  ) -> pd.DataFrame:
    """One party's status for every document of its kind (state or company), in date order."""
    kind = parties.set_index("party_id").at[party_id, "kind"]
    docs = documents[(documents["endorser_kind"] == "companies") == (kind == "company")]
    rows = endorsements[endorsements["party_id"] == party_id]
    out = docs[["document_id", "title", "date", "summit_id"]].rename(columns={"date": "document_date"})
    out["short_title"] = short_titles(docs)
    out = out.merge(rows[["document_id", "status", "date", "date_precision", "source_url", "verification", "note",
                          "checked_on"]], on="document_id", how="left")
    out["status"] = out["status"].fillna("no_record")
    return out.fillna({"date": "", "date_precision": "day", "source_url": "", "verification": "", "note": "",
                       "checked_on": ""}).sort_values("document_date")


def events_for_party(events: pd.DataFrame, party_id: str) -> pd.DataFrame:
    """Events that name a party, in date order."""
    # astype(bool): on an empty frame map() gives an object Series, and frame[object Series] selects columns
    mask = events["parties"].map(lambda v: party_id in split_ids(v)).astype(bool)
    return events.loc[mask].sort_values("date")


# --- timeline ----------------------------------------------------------------------------------------

LANES = ["Summits", "Declarations and commitments", "Speeches and statements", "Institutions", "Reports",
         "Laws and resolutions", "Other milestones"]
ITEM_COLUMNS = ["item_type", "item_id", "date", "end_date", "date_precision", "kind", "lane", "title", "text",
                "quote", "speaker", "parties", "summit_id", "document_id", "source_url", "source_title",
                "verification", "checked_on"]
TIMELINEJS_COLUMNS = ["Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
                      "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
                      "Media Thumbnail", "Type", "Group", "Background"]


def timeline_items(events: pd.DataFrame, statements: pd.DataFrame, tr: Translator = EN) -> pd.DataFrame:
    """Events and statements as one table of timeline items, in date order; with `translated` (True for an item
    whose text is a translation) when the tables come from a translated Atlas. A statement's title ("Speaker: its
    first sentence") is glued in `tr`'s language ("Orateur : ...")."""
    said = tr.gettext("{speaker}: {gist}")
    ev = events.assign(item_type="event", item_id=events["event_id"], text=events["summary"], quote="",
                       speaker="")
    st_ = statements.assign(
        item_type="statement", item_id=statements["statement_id"], end_date="",
        kind="speech", title=[said.format(speaker=s, gist=clip_words(g.split(".")[0], 90)) for s, g in zip(
            statements["speaker"], statements["gist"])],
        text=statements["gist"], parties=statements["party_id"], document_id="")
    items = pd.concat([ev, st_], ignore_index=True)
    items["date_precision"] = items["date_precision"].replace("", "day").fillna("day")
    items["lane"] = items["kind"].map(KIND_LABELS)
    # the CSV keeps ITEM_COLUMNS; a translated Atlas adds `translated` and the statements' `quote_gloss`
    columns = ITEM_COLUMNS + [c for c in ("translated", "quote_gloss", "speaker_en") if c in items]
    if "translated" in items:
        items["translated"] = items["translated"].astype(object).fillna(False).astype(bool)
    return items[columns].fillna("").sort_values(["date", "item_type", "item_id"]).reset_index(drop=True)


def clip_words(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, with "…" when cut (a statement's title: the
    first sentence of its gist, which a cut in mid-word made read like a typo: "la décision d'invite")."""
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def item_when(item: pd.Series, tr: Translator = EN) -> str:
    """An item's date in words: a range for multi-day items; a month or a year when that is all the source gives."""
    if item["date_precision"] in ("month", "year", "on_or_before"):
        return format_date(item["date"], item["date_precision"], tr)
    return format_range(item["date"], item["end_date"], tr)


def month_span(first: str, last: str) -> list[str]:
    """Every month from the month of ISO date `first` to the month of `last`, as `YYYY-MM`."""
    return [str(m) for m in pd.period_range(str(first)[:7], str(last)[:7], freq="M")]


_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def month_days(month: str) -> tuple[date, date]:
    """The first and the last day of a `YYYY-MM` month (ValueError for anything else)."""
    if not isinstance(month, str) or not _MONTH.fullmatch(month):
        # checked before pd.Period, which puts the whole value in its error: a 200,000-character value sent over
        # the websocket became an exception message whose logging took minutes
        raise ValueError("not a YYYY-MM month")
    first = date(int(month[:4]), int(month[5:]), 1)
    return first, date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])


def month_pick(picked: object, current: date | None, last_day: bool) -> date | None:
    """The date a month select stands for: `current` while its month is still the one shown (a link may give
    an exact day), else the first (or, with `last_day`, the last) day of the month picked; None for "any" and
    for anything that is not a `YYYY-MM` month."""
    if not isinstance(picked, str) or not _MONTH.fullmatch(picked):
        return None
    if current is not None and current.isoformat()[:7] == picked:
        return current
    return month_days(picked)[1 if last_day else 0]


def clamp_dates(start: date | None, end: date | None, lo: date, hi: date, tr: Translator = EN
                ) -> tuple[date | None, date | None, list[str]]:
    """A date range from the URL moved inside [lo, hi], the span of the data, with a notice per moved date.

    A real date outside the span must not reach the date controls (Streamlit raised an error box for it);
    it is clamped, so `from=2020-01-01` still means "from the start".
    """
    notices = []

    # whole sentences, one per case, so each language can order and inflect them
    messages = {
        ("start", True): N_("The start date {date} is before the data ({first} to {last}): using {edge} instead."),
        ("start", False): N_("The start date {date} is after the data ({first} to {last}): using {edge} instead."),
        ("end", True): N_("The end date {date} is before the data ({first} to {last}): using {edge} instead."),
        ("end", False): N_("The end date {date} is after the data ({first} to {last}): using {edge} instead."),
    }

    def clamp(day: date | None, which: str) -> date | None:
        if day is None or lo <= day <= hi:
            return day
        edge = lo if day < lo else hi
        notices.append(tr.gettext(messages[which, day < lo]).format(
            date=tr.date(day), first=tr.date(lo), last=tr.date(hi), edge=tr.date(edge)))
        return edge

    return clamp(start, "start"), clamp(end, "end"), notices


def filter_items(items: pd.DataFrame, kinds: list[str] | None = None, party: str | None = None,
                 speaker: str | None = None, start: str | None = None, end: str | None = None,
                 query: str = "") -> pd.DataFrame:
    """Items matching every filter given; `query` is plain text matched case-insensitively (no regex)."""
    mask = pd.Series(True, index=items.index)
    if kinds:
        mask &= items["kind"].isin(kinds)
    if party:
        mask &= items["parties"].map(lambda v: party in split_ids(v)).astype(bool)
    if speaker:  # the English speaker: a link's filter is the same in every language
        mask &= items.get("speaker_en", items["speaker"]) == speaker
    if start:
        # an item counts when any part of it falls in the range
        mask &= items["end_date"].where(items["end_date"] != "", items["date"]) >= str(start)
    if end:
        mask &= items["date"] <= str(end)
    if query:
        needle = query.casefold()
        haystack = (items["title"] + " " + items["text"] + " " + items["quote"] + " " + items["speaker"]).str.casefold()
        mask &= haystack.map(lambda h: needle in h).astype(bool)
    return items.loc[mask]


def citation(item: pd.Series, accessed: str, link: str, tr: Translator = EN, version: str = "") -> str:
    """A suggested citation: source, date, accessed date, and the Atlas link to the item with the data version
    (the date of the latest change: a reader can tell later whether the fact behind it changed)."""
    host = urlparse(item["source_url"]).netloc.removeprefix("www.")
    title = item["source_title"] or item["title"]
    return tr.gettext("{title}. {host}, {date}. {url} (accessed {accessed}). Via AI Summit Atlas (data version "
                      "{version}): {link}").format(
        title=title, host=host, date=format_date(item["date"], item["date_precision"] or "day", tr),
        url=item["source_url"], accessed=format_date(accessed, tr=tr), version=version or "–", link=link)


def items_csv(items: pd.DataFrame) -> bytes:
    """The items as CSV (UTF-8), columns as in ITEM_COLUMNS."""
    return items[ITEM_COLUMNS].to_csv(index=False).encode("utf-8")


def to_timelinejs(items: pd.DataFrame, filter_text: str = "all items", data_date: str = "",
                  link: str = "", tr: Translator = EN) -> pd.DataFrame:
    """The items in Knight Lab TimelineJS's spreadsheet format: a title slide, then one slide per item.

    TimelineJS reads Text as HTML and draws Media as an image or an embedded page: a source page there showed
    as a broken image offline and an unembeddable page online (3.9, 112 slides). So Media stays empty (we hold
    no images) and the source is an escaped link in Text; every data value in Text is escaped. Column names
    are TimelineJS's own and stay English; the words in the cells are in the translator's language.
    """
    from html import escape

    name = escape(tr.gettext("AI Summit Atlas"))
    atlas = f'<a href="{escape(link, quote=True)}">{name}</a>' if link else name
    # the template is escaped before the values go in: they are escaped (or our own link) already
    intro = escape(tr.gettext("Timeline from the {atlas}: {view}.")).format(atlas=atlas, view=escape(filter_text))
    when = (" " + escape(tr.gettext("Data as of {date}.").format(date=format_date(data_date, tr=tr)))) \
        if data_date else ""
    rows = [dict.fromkeys(TIMELINEJS_COLUMNS, "") | {
        "Headline": tr.gettext("AI Summit Atlas: international AI safety, 2023 to 2027"),
        "Text": intro + when + " " + escape(tr.gettext("Every slide links to its source. Licence: CC BY 4.0.")),
        "Type": "title",
    }]
    for _, r in items.iterrows():
        start, end = pd.Timestamp(r["date"]), pd.Timestamp(r["end_date"]) if r["end_date"] else None
        by_month = r["date_precision"] in ("month", "year")
        by_year = r["date_precision"] == "year"
        text = escape(r["text"]) + (f" “{escape(r['quote'])}” ({escape(r['speaker'])})" if r["quote"] else "")
        if r["quote"] and r.get("quote_gloss"):  # the quote stays in its language; a translation glosses it
            text += " " + escape(tr.gettext("(in English; meaning: “{gloss}”)").format(gloss=r["quote_gloss"]))
        label = r["source_title"] or urlparse(r["source_url"]).netloc.removeprefix("www.")
        source = f'<a href="{escape(r["source_url"], quote=True)}">{escape(label)}</a>'
        text += "<br>" + escape(tr.gettext("Source: {source} (verification: {level})")).format(
            source=source, level=escape(enum_label(VERIFICATION_LABELS, r["verification"], tr)))
        rows.append({
            "Year": start.year, "Month": "" if by_year else start.month, "Day": "" if by_month else start.day,
            "Time": "",
            "End Year": end.year if end is not None else "", "End Month": end.month if end is not None else "",
            "End Day": end.day if end is not None else "", "End Time": "",
            "Display Date": item_when(r, tr),
            "Headline": r["title"], "Text": text, "Media": "", "Media Credit": "", "Media Caption": "",
            "Media Thumbnail": "", "Type": "", "Group": tr.gettext(r["lane"]), "Background": "",
        })
    return pd.DataFrame(rows, columns=TIMELINEJS_COLUMNS)


# --- explainers --------------------------------------------------------------------------------------

CATEGORY_LABELS = {
    "malicious_use": N_("Malicious use"),
    "malfunctions": N_("Malfunctions"),
    "systemic": N_("Systemic risks"),
}
CATEGORY_BLURBS = {
    "malicious_use": N_("People using AI on purpose to cause harm."),
    "malfunctions": N_("AI that fails or behaves in ways nobody intended."),
    "systemic": N_("Wider harms that build up as AI spreads through society and the economy."),
}
WORDS_PER_MINUTE = 120  # a slow, careful classroom reading pace


def split_choices(value: str) -> list[str]:
    """Quiz choices from their ` | `-joined cell."""
    return split_list(str(value or ""), CHOICE_SEP.strip())


def _seed(question_id: str) -> int:
    """A stable number from a question id (sha256: Python's hash() of a str changes with every process)."""
    return int.from_bytes(hashlib.sha256(str(question_id).encode("utf-8")).digest()[:8], "big")


def quiz_orders(questions: pd.DataFrame) -> dict[str, list[str]]:
    """The order in which every quiz question's choices are shown, by question_id.

    The one source of choice order for the explainers page, the handouts and their answer key, so all three
    agree and a reload never reshuffles. The file lists the correct answer first; shown in that order a class
    learns to "pick A". Two deterministic steps:

    1. Shuffle: each question's choices are shuffled by a generator seeded with sha256(question_id).
    2. Balance: a fair shuffle of 26 questions still puts more than 40% of the answers in one position about
       one time in ten. Questions are visited in the order of their seeds and each correct answer goes to the
       position that has held the answer least often so far (swapping with the distractor there). When several
       positions tie, the shuffle's own position is kept if it is one of them, else the first tied position in
       a seeded order. Positions then differ by at most one answer (for questions with equal choice counts).

    Adding or removing a question can change the order of others (the balance is over the whole set); the
    order depends only on the data, so the page and a handout printed from the same data always agree.
    """
    quiz = questions[questions["kind"] == "quiz"]
    orders: dict[str, list[str]] = {}
    used: dict[int, int] = {}  # position -> how many correct answers it holds so far
    for _, q in sorted(quiz.iterrows(), key=lambda row: (_seed(row[1]["question_id"]), row[1]["question_id"])):
        rng = random.Random(_seed(q["question_id"]))
        choices = split_choices(q["choices"])
        rng.shuffle(choices)
        if q["answer"] in choices:
            least = min(used.get(i, 0) for i in range(len(choices)))
            tied = [i for i in rng.sample(range(len(choices)), len(choices)) if used.get(i, 0) == least]
            now = choices.index(q["answer"])
            target = now if now in tied else tied[0]
            choices[now], choices[target] = choices[target], choices[now]
            used[target] = used.get(target, 0) + 1
        orders[q["question_id"]] = choices
    return orders


def choice_letter(index: int) -> str:
    """`A` for the first shown choice: the page, the handout and the answer key use the same letters."""
    return "ABCDEFGHIJ"[index]


def glossary_terms_in(text: str, glossary: pd.DataFrame) -> pd.DataFrame:
    """Glossary rows whose term (or its short form before a parenthesis) appears in the text."""
    low = str(text).casefold()

    def found(term: str) -> bool:
        forms = {term.split("(")[0].strip().casefold(), term.casefold()}
        return any(re.search(rf"\b{re.escape(f)}s?\b", low) for f in forms if f)

    return glossary[glossary["term"].map(found)]


def reading_minutes(*texts: str) -> int:
    """Estimated minutes to read the texts aloud in class (at least one)."""
    words = sum(len(str(t).split()) for t in texts)
    return max(1, round(words / WORDS_PER_MINUTE))


def lesson_steps(risk: pd.Series, questions: pd.DataFrame, tr: Translator = EN) -> list[dict]:
    """The classroom walk-through for one risk: title, minutes and what each step shows."""
    quiz = questions[(questions["risk_id"] == risk["risk_id"]) & (questions["kind"] == "quiz")]
    talk = questions[(questions["risk_id"] == risk["risk_id"]) & (questions["kind"] == "discussion")]
    minutes = lambda rows, default: int(rows["minutes"].fillna(default).sum()) if len(rows) else 0  # noqa: E731
    _ = tr.gettext
    return [
        {"step": "read", "title": _("What is it?"), "minutes": reading_minutes(risk["summary"], risk["explanation"])},
        {"step": "example", "title": _("A real example"), "minutes": reading_minutes(risk["example"]) + 2},
        {"step": "agreed", "title": _("What governments agreed"), "minutes": reading_minutes(risk["agreed"]) + 1},
        {"step": "discuss", "title": _("Talk about it"), "minutes": minutes(talk, 10)},
        {"step": "quiz", "title": _("Quick quiz"), "minutes": minutes(quiz, 2)},
    ]


# --- map views, participants and profiles --------------------------------------------------------------

ROLE_HEADINGS = {"government": N_("Governments"), "international organisation": N_("International organisations"),
                 "company": N_("Companies"), "academia": N_("Academia"), "civil society": N_("Civil society")}
# a role in a sentence ("Attended (government)"), translated where it is shown
ROLE_NAMES = {"government": N_("government"), "international organisation": N_("international organisation"),
              "company": N_("company"), "academia": N_("academia"), "civil society": N_("civil society")}
INSTITUTE_STATUS = {"launched": N_("launched"), "announced": N_("announced")}


def role_count(role: str, n: int, tr: Translator = EN) -> str:
    """`28 governments`, `1 company` (`28 gouvernements`): each role as its own plural phrase."""
    phrases = {
        "government": tr.ngettext("{n} government", "{n} governments", n),
        "international organisation": tr.ngettext("{n} international organisation",
                                                  "{n} international organisations", n),
        "company": tr.ngettext("{n} company", "{n} companies", n),
        "academia": tr.ngettext("{n} academic institution", "{n} academic institutions", n),
        "civil society": tr.ngettext("{n} civil society organisation", "{n} civil society organisations", n),
    }
    return phrases[role].format(n=tr.number(n))


def short_title(document: pd.Series) -> str:
    """The name people use for a document ("Paris Statement"); its full title when no short one is given."""
    return str(document.get("short_title") or "").strip() or str(document["title"])


def short_titles(documents: pd.DataFrame) -> list[str]:
    """Short titles of documents, in the frame's order."""
    return [short_title(r) for _, r in documents.iterrows()]


def full_titles(documents: pd.DataFrame) -> dict[str, str]:
    """Short title -> full title of the documents states sign (the matrix's columns)."""
    docs = state_documents(documents)
    return dict(zip(short_titles(docs), docs["title"]))


def short_name(summit: pd.Series) -> str:
    """A summit's short label ("Bletchley 2023"); its name when no short one is given."""
    return str(summit.get("short_name") or "").strip() or str(summit["name"])


def short_party_names(parties: pd.DataFrame) -> dict[str, str]:
    """party_id -> the name pickers, legends and strips show: `short_name` where given ("IFAD"), else `name`
    (the validator requires a short name for any name over 40 characters)."""
    shorts = parties["short_name"] if "short_name" in parties else pd.Series("", index=parties.index)
    return {p: (str(s or "").strip() or str(n)) for p, n, s in zip(parties["party_id"], parties["name"], shorts)}


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
    label = short_name(summit)
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
    parts = _names([role_count(r, int(counts[r]), tr) for r in ROLES if r in counts], tr)
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


# A profile reads summit by summit. The strip is its overview: summits across, one mark per document.

@dataclass(frozen=True, eq=False)
class SummitSection:
    """One summit in a party's profile: whether it attended, each document there, its statements there."""

    summit_id: str
    label: str  # "Bletchley 2023"
    name: str
    when: str  # dates in words, or "date to be announced"
    held: bool
    attended: str  # in words, e.g. "Attended (government)"; "" when nothing is recorded
    attended_source: str
    documents: pd.DataFrame  # document_id, short_title, title, status, label, date_text, source_url, ...
    statements: pd.DataFrame


@dataclass(frozen=True, eq=False)
class Profile:
    """One party's profile: strip rows, a section per summit, documents outside summits, institute, events."""

    party_id: str
    name: str
    kind: str
    strip: pd.DataFrame  # summit_label, document, status, label (one row per document, or per summit without one)
    sections: tuple[SummitSection, ...]
    other_documents: pd.DataFrame
    other_statements: pd.DataFrame  # statements not tied to a summit
    institutes: pd.DataFrame
    events: pd.DataFrame
    sources: tuple[tuple[str, str], ...]


def _doc_rows(rows: pd.DataFrame, tr: Translator = EN) -> pd.DataFrame:
    rows = rows.assign(label=rows["status"].map(lambda s: tr.gettext(STATUS_LABELS[s])),
                       date_text=[format_date(d, p or "day", tr) if d else "" for d, p in
                                  zip(rows["date"], rows["date_precision"])],
                       checked_text=[format_date(c, tr=tr) if c else "" for c in rows["checked_on"]])
    return rows.reset_index(drop=True)


def profile(party_id: str, parties: pd.DataFrame, summits: pd.DataFrame, documents: pd.DataFrame,
            endorsements: pd.DataFrame, attendance: pd.DataFrame, statements: pd.DataFrame,
            institutes: pd.DataFrame, events: pd.DataFrame, tr: Translator = EN) -> Profile:
    """A party's profile, summit by summit in date order (attended or not), then everything else; its words and
    dates in `tr`'s language."""
    party = parties.set_index("party_id").loc[party_id]
    docs = party_profile(party_id, parties, endorsements, documents)
    docs = _doc_rows(docs, tr)
    went = attendance[attendance["party_id"] == party_id].set_index("summit_id")
    said = statements[statements["party_id"] == party_id].sort_values("date")
    order = summits.assign(_d=summits["start_date"].replace("", "9999")).sort_values(["_d", "summit_id"])
    sections, strip, sources = [], [], []
    for _, s in order.iterrows():
        sid, label = s["summit_id"], short_name(s)
        here = docs[docs["summit_id"] == sid]
        attended, source = "", ""
        if sid in went.index:
            row = went.loc[sid] if isinstance(went.loc[sid], pd.Series) else went.loc[sid].iloc[0]
            role = enum_label(ROLE_NAMES, row["role"], tr)
            attended, source = tr.gettext("Attended ({role})").format(role=role), row["source_url"]
            sources.append((tr.gettext("{party} at {summit}").format(party=party["name"], summit=label), source))
        elif here["status"].isin(["signed", "attended_not_signed"]).any():
            attended = tr.gettext("Took part: signed or declined a document there")
        when = format_range(s["start_date"], s["end_date"], tr) if s["start_date"] else format_date("", tr=tr)
        sections.append(SummitSection(sid, label, s["name"], when, s["status"] == "held", attended, source, here,
                                      said[said["summit_id"] == sid]))
        for _, d in here.iterrows():
            strip.append((label, d["short_title"], d["status"], d["label"]))
        if here.empty:
            strip.append((label, "", "no_document", tr.gettext("No document for this party") if s["status"] == "held"
                          else tr.gettext("Not yet held")))
        sources += [(d["title"], d["source_url"]) for _, d in here.iterrows() if d["source_url"]]
    other = docs[docs["summit_id"].fillna("") == ""]
    sources += [(d["title"], d["source_url"]) for _, d in other.iterrows() if d["source_url"]]
    inst = institutes[institutes["party_id"] == party_id]
    sources += [(r["name"], r["source_url"]) for _, r in inst.iterrows()]
    sources += [(r["source_title"], r["source_url"]) for _, r in said.iterrows()]
    strip_frame = pd.DataFrame(strip, columns=["summit", "document", "status", "label"])
    return Profile(party_id, str(party["name"]), str(party["kind"]), strip_frame, tuple(sections), other,
                   said[said["summit_id"].fillna("") == ""], inst, events_for_party(events, party_id), tuple(sources))


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
