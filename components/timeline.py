"""The timeline's items: events and statements as one table, its filters, a suggested citation, and its two
downloads (the items as CSV, and Knight Lab TimelineJS's spreadsheet format)."""

from __future__ import annotations

from urllib.parse import urlparse

import pandas as pd

from components.data import split_ids
from components.dates import format_date, format_range
from components.i18n import EN, Translator
from components.labels import KIND_LABELS, VERIFICATION_LABELS, enum_label


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
