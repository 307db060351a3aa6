"""The Atlas as it stood on a past day ("as of"): who had signed, joined or attended by then. Pure pandas, no streamlit.

A dated fact counts from the first day on which it is certainly past, as precise as its source:
- `day` precision: from that day;
- `month` precision (stored as the 1st, data/README.md): from the LAST day of that month;
- `year` precision (stored as 1 January): from 31 December of that year;
- `on_or_before` (the source gives only a day by which it had happened): from that day, the first it is certain.
Counting a month-precision joining from the 1st would show a party as joined on days when it may not yet have
joined (the source only says "in October 2024"); from the month's end, every claim the map makes "as of" a day
is one the source supports. The month slider picks the last day of each month, so at its steps both rules agree.

Endorsements may later record a treaty's stages (a `stage` column: signature, ratification...), one row per stage.
Filtering works row by row, so a stage dated after the day is simply not there yet, and a party counts as joined
from its first stage's date (`joined_on` takes the earliest row of each party).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from components import mapviews
from components.dates import format_date, format_range, on_date
from components.i18n import EN, N_, Translator
from components.labels import SIGNED
from components.mapviews import MapShape, View
from components.naming import in_sentence, short_name
from components.participation import summit_state_documents


def known_from(iso: str, precision: str | None = "day") -> date | None:
    """The first day on which a fact dated `iso` at `precision` is certainly past (None for an empty date)."""
    if not iso:
        return None
    day = date.fromisoformat(str(iso)[:10])
    if precision == "month":
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if precision == "year":
        return day.replace(month=12, day=31)
    return day


def _known(frame: pd.DataFrame, column: str = "date", precision: str = "date_precision") -> pd.Series:
    """known_from for every row of a frame, as ISO strings ("" where the date is empty)."""
    precisions = frame[precision] if precision in frame else pd.Series("day", index=frame.index)
    return pd.Series([(d.isoformat() if (d := known_from(v, p or "day")) else "")
                      for v, p in zip(frame[column], precisions)], index=frame.index, dtype=object)


def rows_as_of(rows: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Dated rows (`date`, `date_precision`) already true on `as_of`: endorsements (signatures, joinings, refusals)
    and a treaty's stages (treaty_stages.csv: a ratification dated later is not there yet)."""
    known = _known(rows)
    return rows[(known != "") & (known <= as_of.isoformat())]


endorsements_as_of = rows_as_of


def summits_held_by(summits: pd.DataFrame, as_of: date) -> set[str]:
    """Ids of summits that had begun by `as_of` (an announced summit with no date never has)."""
    known = _known(summits, "start_date")
    return set(summits.loc[(known != "") & (known <= as_of.isoformat()), "summit_id"])


def attendance_as_of(attendance: pd.DataFrame, summits: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Attendance rows of summits already held on `as_of`: a party attends a summit only once it is held."""
    return attendance[attendance["summit_id"].isin(summits_held_by(summits, as_of))]


def documents_as_of(documents: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Documents adopted or published by `as_of`."""
    known = _known(documents)
    return documents[(known != "") & (known <= as_of.isoformat())]


# --- the span and its months --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Span:
    """The days a map can be shown as of: from the first day of the first summit's month to today."""

    first: date
    last: date  # today

    def months(self) -> list[str]:
        """Every month of the span, `YYYY-MM`, oldest first (the slider's steps)."""
        out, year, month = [], self.first.year, self.first.month
        while (year, month) <= (self.last.year, self.last.month):
            out.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out

    def month_end(self, month: str) -> date:
        """The day a month's step shows: its last day, or today for the current month."""
        year, mon = int(month[:4]), int(month[5:7])
        end = date(year, mon, calendar.monthrange(year, mon)[1])
        return min(end, self.last)

    def next_month(self, month: str) -> str | None:
        """The step after `month`, or None at the end (Play stops there)."""
        months = self.months()
        i = months.index(month) if month in months else len(months) - 1
        return months[i + 1] if i + 1 < len(months) else None


def span(summits: pd.DataFrame, today: date) -> Span:
    """The span of the data: from the 1st of the month of the first summit held to `today`."""
    starts = sorted(d for d in summits["start_date"] if d)
    first = date.fromisoformat(starts[0]).replace(day=1) if starts else today.replace(day=1)
    return Span(min(first, today), today)


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_label(month: str, tr: Translator = EN) -> str:
    """`2024-06` as `June 2024` (`juin 2024`)."""
    return tr.date(f"{month}-01", "month")


def check(day: date | None, within: Span, tr: Translator = EN) -> tuple[date | None, str | None]:
    """A `date` parameter already parsed: None (today, the default) when absent, today itself or outside the span,
    with a notice for a day outside it."""
    if day is None or day == within.last:
        return None, None
    if within.first <= day <= within.last:
        return day, None
    return None, tr.gettext("{date} is outside the span of the data ({first} to today): showing today instead.").format(
        date=tr.date(day), first=tr.date(within.first, "month"))


# --- words --------------------------------------------------------------------------------------------------

def as_of_line(as_of: date | None, today: date, tr: Translator = EN) -> str:
    """What the map shows in time, in words: `As of 30 June 2024` or `As of today, 7 December 2026`."""
    if as_of is None:
        return tr.gettext("As of today, {date}").format(date=tr.date(today))
    return tr.gettext("As of {date}").format(date=tr.date(as_of))


AS_OF_COVERAGE = N_("The map shows each party from the day its signature, joining or attendance is dated; a date "
                    "known only to the month counts from that month's last day. Official lists may be longer than "
                    "the parties verified here.")


def not_yet(kind: str, title: str, when: str, tr: Translator = EN) -> str:
    """The sentence of a document not yet adopted, or a summit not yet held, on the day shown."""
    if kind == "document":
        return tr.gettext("{title} was adopted {when}, after this date: no party had signed it yet.").format(
            title=title, when=when)
    return tr.gettext("{title} was held {when}, after this date: no party had attended or signed there yet.").format(
        title=title, when=when)


# --- history ------------------------------------------------------------------------------------------------

def joined_on(endorsements: pd.DataFrame) -> pd.DataFrame:
    """One row per (document, party) that signed or joined: the day it counts from (its first stage's, when a
    treaty records several), `known`, with the row's own date and precision for words."""
    rows = endorsements[endorsements["status"].isin(SIGNED)]
    rows = rows.assign(known=_known(rows)).sort_values(["known", "document_id", "party_id"])
    return rows.drop_duplicates(["document_id", "party_id"]).reset_index(drop=True)


def joins_by_date(endorsements: pd.DataFrame, document_id: str) -> pd.DataFrame:
    """How many parties had signed or joined one document by each date that changed it: date, precision, added,
    total (a step series: the total holds until the next date)."""
    rows = joined_on(endorsements[endorsements["document_id"] == document_id])
    if rows.empty:
        return pd.DataFrame(columns=["date", "date_precision", "added", "total"])
    steps = rows.groupby("known", sort=True).agg(date=("date", "first"), date_precision=("date_precision", "first"),
                                                 added=("party_id", "size")).reset_index(drop=True)
    steps["date_precision"] = steps["date_precision"].replace("", "day").fillna("day")
    steps["total"] = steps["added"].cumsum()
    return steps[["date", "date_precision", "added", "total"]]


def party_history(party_id: str, endorsements: pd.DataFrame, documents: pd.DataFrame, attendance: pd.DataFrame,
                  summits: pd.DataFrame) -> pd.DataFrame:
    """A party's record in date order: each summit it attended (from its first day) and each document it signed
    or joined (from its first stage). Columns: date, date_precision, kind (`attended` | `signed` |
    `joined_later`), title, ident, named (how a sentence names it: the translation's `in_sentence`, else title)."""
    mine = joined_on(endorsements[endorsements["party_id"] == party_id])
    titles = documents.set_index("document_id")["short_title"]
    docs = pd.DataFrame({"known": mine["known"], "date": mine["date"], "date_precision": mine["date_precision"],
                         "kind": mine["status"], "title": mine["document_id"].map(titles),
                         "ident": mine["document_id"]})
    went = attendance[attendance["party_id"] == party_id].drop_duplicates("summit_id")
    held = summits.set_index("summit_id").reindex(went["summit_id"])
    held = held[held["start_date"].fillna("") != ""]
    names = [str(s or "").strip() or str(n) for s, n in zip(held["short_name"], held["name"])]
    meets = pd.DataFrame({"date": held["start_date"].values, "date_precision": held["date_precision"].values,
                          "kind": "attended", "title": names, "ident": held.index.values})
    meets["known"] = _known(meets) if len(meets) else pd.Series(dtype=object)
    meets["named"] = _named(summits, "summit_id", meets["ident"], meets["title"])
    docs["named"] = _named(documents, "document_id", docs["ident"], docs["title"])
    out = pd.concat([meets, docs], ignore_index=True) if len(meets) else docs
    out["date_precision"] = out["date_precision"].replace("", "day").fillna("day")
    order = {"attended": 0, "signed": 1, "joined_later": 1}
    out = out.assign(_o=out["kind"].map(order)).sort_values(["known", "_o", "title"]).drop(columns=["_o", "known"])
    return out.reset_index(drop=True)


def _named(frame: pd.DataFrame, key: str, ids: pd.Series, titles: pd.Series) -> pd.Series:
    """Each id's `in_sentence` where the (translated) frame has one, else its title as shown."""
    forms = frame.set_index(key)["in_sentence"] if "in_sentence" in frame else pd.Series(dtype=object)
    named = ids.map(forms).fillna("").astype(str).str.strip()
    return named.where(named != "", titles)


HISTORY_VERBS = {"attended": N_("attended {title}"), "signed": N_("signed {title}"),
                 "joined_later": N_("joined {title}")}


def history_lines(history: pd.DataFrame, tr: Translator = EN) -> list[tuple[str, str]]:
    """(date in words, what happened in words) for each row of party_history."""
    return [(tr.date(r["date"], r["date_precision"]), tr.gettext(HISTORY_VERBS[r["kind"]]).format(title=r.get("named") or r["title"]))
            for _i, r in history.iterrows()]


# --- a map view as of a day -----------------------------------------------------------------------------------

def map_shape(view: View, as_of: date | None, parties: pd.DataFrame, summits: pd.DataFrame,
              documents: pd.DataFrame, endorsements: pd.DataFrame, attendance: pd.DataFrame, report: callable,
              tr: Translator = EN) -> MapShape:
    """A map view as it stood on `as_of` (today's view, mapviews.map_shape, when None): the same shaping over the
    rows already true then; a document not yet adopted or a summit not yet held says so instead of "no endorser
    listed"; the coverage note says how dates count."""
    if as_of is None:
        return mapviews.map_shape(view, parties, summits, documents, endorsements, attendance, report, tr)
    docs = documents if view.kind == "document" else documents_as_of(documents, as_of)
    shape = mapviews.map_shape(view, parties, summits, docs, endorsements_as_of(endorsements, as_of),
                               attendance_as_of(attendance, summits, as_of), report, tr)
    sentence, note = shape.sentence, shape.attendance_note
    if view.kind == "document":
        d = documents.set_index("document_id").loc[view.ident]
        if known_from(d["date"], d["date_precision"] or "day") > as_of:
            sentence = not_yet("document", _capital(in_sentence(d, "title", tr)),
                               on_date(format_date(d["date"], d["date_precision"], tr), tr), tr)
    elif view.kind == "summit" and view.ident not in summits_held_by(summits, as_of):
        s = summits.set_index("summit_id").loc[view.ident]
        when = on_date(format_range(s["start_date"], s["end_date"], tr), tr) if s["start_date"] \
            else tr.gettext("date to be announced")
        sentence, note = not_yet("summit", in_sentence(s, "name", tr, english=short_name(s)), when, tr), None
    sources = shape.sources
    if view.kind == "all":  # every summit document's source, as today: the page's list stays one message
        sources = tuple((r.title, r.source_url) for r in summit_state_documents(documents).itertuples())
    return replace(shape, sentence=sentence, coverage=tr.gettext(AS_OF_COVERAGE), attendance_note=note,
                   sources=sources)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


VIEW_CSV_COLUMNS = ["party_id", "name", "kind", "status", "date", "date_precision", "source_url", "verification"]


def view_csv(shape: MapShape, as_of: date | None) -> bytes:
    """A map view's parties with a record, as CSV (English column names and codes, the public contract), with the
    day the view is as of (`as_of`, empty for today) on every row; the all-summits view gives counts."""
    table = shape.table[shape.table["status"] != "no_record"]
    if shape.view.kind == "all":
        out = table[["party_id", "name", "kind", "signed_count", "signed_documents"]]
    else:
        out = table[VIEW_CSV_COLUMNS]
    out = out.sort_values(["kind", "name"]).assign(view=str(shape.view), as_of=as_of.isoformat() if as_of else "")
    return out.to_csv(index=False).encode("utf-8")
