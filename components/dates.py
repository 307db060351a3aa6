"""Dates in words (as precise as their source, in the reader's language) and the month ranges the timeline's
controls pick from, with clamping of a URL's dates into the span of the data."""

from __future__ import annotations

import calendar
import re
from datetime import date

import pandas as pd

from components.i18n import EN, N_, Translator


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
