"""build_* for plotly figures (no streamlit calls)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.dates import format_date, format_range
from components.i18n import EN, N_, Translator
from components.labels import LANES
from components.text import squash

# Okabe-Ito, one colour per lane; lanes also differ by position and marker shape, never colour alone
LANE_COLOURS = dict(zip(LANES, ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#555555"]))
LANE_SYMBOLS = dict(zip(LANES, ["square", "diamond", "circle", "triangle-up", "star", "hexagon", "x"]))
# the same symbols by plotly.js's own numbers, for the lean timeline: a number is 1-2 bytes of JSON a mark where
# "triangle-up" is 13, and step 11's slice has 14 marks (tests/test_shaping.py checks the numbers against plotly)
SYMBOL_NUMBERS = {"circle": 0, "square": 1, "diamond": 2, "x": 4, "triangle-up": 5, "hexagon": 14, "star": 17}
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True,
                 "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"]}


def build_timeline(items: pd.DataFrame, summits: pd.DataFrame, tr: Translator = EN, lean: bool = False
                   ) -> go.Figure:
    """One lane per kind; one-day items as markers, multi-day as bars; summits as labelled bands.

    Lanes keep their English key (colours, symbols); their tick labels and the dates are in `tr`'s language.
    `lean` (the story's slice, resent whole on every step change): lanes as numbers with their names as tick
    labels, hovers of date and title only, no item ids, no empty lane traces (step 2: 8.0 -> 3.7 KB of JSON)."""
    if lean:
        return _lean_timeline(items, summits, tr)
    fig = go.Figure()
    lanes = [lane for lane in LANES if lane in set(items["lane"])] or LANES[:1]
    for lane in lanes:
        rows = items[items["lane"] == lane]
        spans = rows[rows["end_date"] != ""]
        points = rows[rows["end_date"] == ""]
        hover = points.apply(lambda r: f"{format_date(r['date'], r['date_precision'], tr)}<br>{_short(r['title'])}"
                             f"<br>{_short(r['text'], 90)}", axis=1) if len(points) else []
        fig.add_trace(go.Scatter(
            x=points["date"], y=[lane] * len(points), mode="markers", name=lane,
            marker={"size": 12, "color": LANE_COLOURS[lane], "symbol": LANE_SYMBOLS[lane],
                    "line": {"width": 1, "color": "#1a1a1a"}},
            text=hover, hovertemplate="%{text}<extra></extra>", customdata=points["item_id"],
        ))
        for _, r in spans.iterrows():
            label = f"{format_range(r['date'], r['end_date'], tr)}<br>{_short(r['title'])}"
            fig.add_trace(go.Scatter(
                x=[r["date"], r["end_date"]], y=[lane, lane], mode="lines", showlegend=False,
                line={"width": 10, "color": LANE_COLOURS[lane]}, text=[label, label],
                hovertemplate="%{text}<extra></extra>", customdata=[r["item_id"]] * 2,
            ))
    for _, s in summits.iterrows():
        if not s["start_date"]:
            continue
        end = (pd.Timestamp(s["end_date"]) + pd.Timedelta(days=1)).strftime("%Y-%m-%d")
        fig.add_vrect(x0=s["start_date"], x1=end, fillcolor="#1f5fa8", opacity=0.12, line_width=0,
                      annotation_text=s["city"], annotation_position="top left",
                      annotation_font={"size": 12, "color": "#1a1a1a"})
    fig.update_layout(
        height=120 + 55 * len(lanes), margin={"l": 10, "r": 10, "t": 40, "b": 30}, showlegend=False,
        plot_bgcolor="#ffffff", paper_bgcolor="#ffffff", font={"color": "#1a1a1a"},
        xaxis={"type": "date", "showgrid": True, "gridcolor": "#e5e5e5", **date_axis(_item_days(items), tr)},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(lanes)), "automargin": True,
               **({} if tr.lang == EN.lang else
                  {"tickmode": "array", "tickvals": lanes, "ticktext": [tr.gettext(lane) for lane in lanes]})},
        hoverlabel={"bgcolor": "#ffffff", "font": {"color": "#1a1a1a"}},
    )
    return fig


def _lean_timeline(items: pd.DataFrame, summits: pd.DataFrame, tr: Translator) -> go.Figure:
    """build_timeline(lean=True): the same lanes, marks, colours and bands, with the least JSON."""
    fig = go.Figure()
    lanes = [lane for lane in LANES if lane in set(items["lane"])] or LANES[:1]
    rank = {lane: len(lanes) - 1 - i for i, lane in enumerate(lanes)}  # first lane on top, as categoryarray did
    marks: list[tuple[str, str, str]] = []  # (day, lane, hover)
    for lane in lanes:
        rows = items[items["lane"] == lane]
        points = rows[rows["end_date"] == ""]
        # one mark per day and lane: marks on the same day sat on top of each other (9 statements on
        # 11 February 2025), and each carried its own copy of the date (step 8: 3.5 -> 2.3 KB)
        marks += [(day, lane, _day_hover(list(group.itertuples()), tr))
                  for (day, _precision), group in points.groupby(["date", "date_precision"], sort=True)]
        for r in rows[rows["end_date"] != ""].itertuples():
            fig.add_trace(go.Scatter(
                x=[r.date, r.end_date], y=[rank[lane]] * 2, mode="lines", hoverinfo="text",
                line={"width": 10, "color": LANE_COLOURS[lane]},
                text=f"{format_range(r.date, r.end_date, tr)}<br>{_short(r.title, 60)}"))
    if marks:  # every lane's marks in one trace, colour and symbol per mark (a trace per lane: ~200 B each)
        fig.add_trace(go.Scatter(
            x=[m[0] for m in marks], y=[rank[m[1]] for m in marks], mode="markers", hoverinfo="text",
            marker={"size": 12, "color": [LANE_COLOURS[m[1]] for m in marks],
                    "symbol": [SYMBOL_NUMBERS[LANE_SYMBOLS[m[1]]] for m in marks],
                    "line": {"width": 1, "color": "#1a1a1a"}},
            text=[m[2] for m in marks]))
    for _, s in summits.iterrows():
        if s["start_date"]:
            end = (pd.Timestamp(s["end_date"]) + pd.Timedelta(days=1)).strftime("%Y-%m-%d")
            fig.add_vrect(x0=s["start_date"], x1=end, fillcolor="#1f5fa8", opacity=0.12, line_width=0,
                          annotation_text=s["city"], annotation_position="top left")
    fig.update_layout(
        template="none", height=120 + 55 * len(lanes), margin={"l": 10, "r": 10, "t": 40, "b": 30},
        showlegend=False, font={"color": "#1a1a1a"},
        xaxis={"type": "date", "gridcolor": "#e5e5e5", **date_axis(_item_days(items), tr, 4, compact=True)},
        yaxis={"tickvals": [rank[lane] for lane in lanes], "ticktext": [tr.gettext(lane) for lane in lanes],
               "range": [-0.5, len(lanes) - 0.5], "automargin": True, "showgrid": False, "zeroline": False},
        hoverlabel={"bgcolor": "#ffffff"})
    # no template at all: plotly.js draws the same as with "none", whose JSON stub was 52 bytes of every step
    # change (screenshots of steps 2 and 11 compared pixel for pixel, issue 23's note)
    fig.layout.template = None
    return fig


LEAN_HOVER_TITLES = 2  # titles named in a day's hover (40 characters each); the rest are counted


def _day_hover(rows: list, tr: Translator) -> str:
    """A day's hover in the lean timeline: "date: title", a second title, and how many more.

    The date shares the first title's line: plotly's JSON writes each "<br>" as 14 characters (\u003cbr\u003e),
    and step 11's slice has 20 marks."""
    titles = [_short(r.title, 40) for r in rows[:LEAN_HOVER_TITLES]]
    if len(rows) > LEAN_HOVER_TITLES:
        more = len(rows) - LEAN_HOVER_TITLES
        titles.append(tr.ngettext("and {n} more", "and {n} more", more).format(n=tr.number(more)))
    # one catalog string: French puts a no-break space before the colon
    return tr.gettext("{date}: {title}").format(date=format_date(rows[0].date, rows[0].date_precision, tr),
                                                title="<br>".join(titles))


def date_axis(dates: list[str], tr: Translator = EN, most: int = 9, compact: bool = False) -> dict:
    """The time axis's ticks in `tr`'s language: {} in English (plotly's own labels), else tick values and labels
    written by Babel, so a French axis says "nov. 2023", never "Nov 1, 2023", and shows no hour ticks (plotly's
    labels are English only, and a two-day slice got 00:00/06:00 ticks). Days for a span under two months,
    months (every 1, 2, 3, 6 or 12) up to three years, years beyond; at most `most` ticks. `compact` (the story's
    slice, resent whole on every step, where month names cost 100-200 bytes a step): day/month numbers by plotly's
    own date format, one tick a day or more."""
    from babel.dates import format_skeleton

    days = sorted(pd.Timestamp(d) for d in dates if d)
    if tr.lang == EN.lang or not days:
        return {}
    first, last = days[0].normalize(), days[-1].normalize()
    span = (last - first).days
    if compact:  # numbers only, day before month ("1/11", "11/2023"): no month names to send, ~40 bytes
        if span <= 62:
            return {"tickformat": "%-d/%-m", "dtick": 86_400_000 * max(1, -(-(span + 1) // most))}
        return {"tickformat": "%-m/%Y", "dtick": f"M{next((m for m in (1, 2, 3, 6) if span / 30 / m <= most), 12)}"}
    if span <= 62:
        step = -(-(span + 1) // most)  # days between ticks, rounded up
        ticks = pd.date_range(first, last, freq=f"{step}D")
        text = [tr.typeset(tr._first(t.date(), format_skeleton("MMMd", t.date(), locale=tr.locale))) for t in ticks]
    elif span <= 3 * 366:
        months = next((m for m in (1, 2, 3, 6) if span / 30 / m <= most), 12)
        ticks = pd.date_range(first.replace(day=1), last, freq=f"{months}MS")
        text = [tr.typeset(format_skeleton("MMMy", t.date(), locale=tr.locale)) for t in ticks]
    else:
        ticks = pd.date_range(first.replace(month=1, day=1), last, freq="YS")
        text = [str(t.year) for t in ticks]
    return {"tickmode": "array", "tickvals": [t.strftime("%Y-%m-%d") for t in ticks], "ticktext": text}


def _item_days(items: pd.DataFrame) -> list[str]:
    return list(items["date"]) + [d for d in items["end_date"] if d]


def _short(text: str, limit: int = 70) -> str:
    """One line for a hover label (plotly treats text as HTML-ish, so angle brackets are removed)."""
    text = squash(str(text).replace("<", "").replace(">", ""))
    return text if len(text) <= limit else text[: limit - 1] + "…"


# The participation strip: summits across, one mark per document. Status is carried by shape as well as
# colour (square signed, circle joined later, triangle attended without signing, hollow square no record,
# dash no document), and in words: the strip is an HTML table whose marks are images named by their title
# ("Seoul Declaration: Signed"), so a screen reader reads it as a table of statuses and a mouse shows the words on
# hover; the legend in words follows it. It is not SVG: st.html sanitizes with DOMPurify's HTML profile, which
# drops every <svg> element, so an SVG strip reached the page as nothing at all (tests/test_browser_map.py).
STRIP_MARKS = {"signed": "sq", "joined_later": "ci", "attended_not_signed": "tr", "no_record": "ho",
               "no_document": "da"}
# one style sheet for every strip, sent with the site's (components/ui.py st_wrap_text), not with each strip;
# colours: Okabe-Ito blue, sky blue and orange, and a grey of 5.3:1 on white for the hollow square and dash
STRIP_CSS = """<style>
.atlas-strip { border-collapse: collapse; font-size: 0.8125rem; color: #1a1a1a; margin-bottom: 0.25rem; }
.atlas-strip caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; }
.atlas-strip th { font-weight: 600; text-align: left; vertical-align: bottom; padding: 0.125rem 0.375rem 0.125rem 0; }
.atlas-strip thead th { font-size: 0.75rem; line-height: 1.2; }
.atlas-strip td { padding: 0.25rem 0.375rem 0.25rem 0; white-space: nowrap; }
.atlas-strip i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: middle;
  box-sizing: border-box; }
.atlas-strip .sq { background: #0072B2; }
.atlas-strip .ci { background: #56B4E9; border-radius: 50%; }
.atlas-strip .tr { width: 0; height: 0; border-left: 6px solid transparent; border-right: 6px solid transparent;
  border-bottom: 12px solid #E69F00; }
.atlas-strip .ho { border: 2px solid #6b6b6b; }
.atlas-strip .da { height: 2px; background: #6b6b6b; }
.atlas-strip + p { font-size: 0.8125rem; color: #4a4a4a; }
</style>"""


def build_strip(strips: list[tuple[str, "pd.DataFrame"]], caption: str, legend: str, lang: str = "en") -> str:
    """The participation strip(s) as one accessible HTML table (all text escaped): a row per party, a column per
    summit, a mark per document named by its title, then `legend` (the marks in words) as a paragraph."""
    from html import escape

    summits = list(dict.fromkeys(s for _, strip in strips for s in strip["summit"]))
    parts = [f'<div lang="{escape(lang, quote=True)}"><table class="atlas-strip"><caption>{escape(caption)}'
             '</caption><thead><tr><td></td>']
    parts += [f'<th scope="col">{escape(s)}</th>' for s in summits]
    parts.append("</tr></thead><tbody>")
    for name, strip in strips:
        parts.append(f'<tr><th scope="row">{escape(name)}</th>')
        for s in summits:
            marks = [f'<i role="img" class="{STRIP_MARKS[r.status]}" title="'
                     + escape(f"{r.document}: {r.label}" if r.document else r.label, quote=True) + '"></i>'
                     for r in strip[strip["summit"] == s].itertuples()]
            parts.append(f"<td>{''.join(marks)}</td>")
        parts.append("</tr>")
    parts.append(f"</tbody></table><p>{escape(legend)}</p></div>")
    return "".join(parts)


STRIP_LEGEND = N_("Marks: filled square = signed; filled circle = joined later; triangle = attended, did not sign; "
                  "hollow square = no record; dash = no document for this party at that summit.")


def build_term_chart(table: pd.DataFrame, term: str, tr: Translator = EN) -> go.Figure:
    """The words of the summits: how often `term` occurs in each document (passages.term_table's rows), documents
    in date order; a text that could not be counted has no bar and a dash for its count."""
    rows = table[table["term"] == term].sort_values("date", kind="stable")
    counted = rows["count"].notna()
    counts = [int(c) if ok else 0 for c, ok in zip(rows["count"], counted)]
    # the count is written on each bar ("–": not counted) and said in words beside the chart, so the hover only
    # repeats it: a template, not a hover text per bar (every byte is sent when the reader picks another term)
    fig = go.Figure(go.Bar(x=list(rows["document"]), y=[n if ok else None for n, ok in zip(counts, counted)],
                           marker_color="#1f5fa8", hovertemplate="%{x}: %{text}<extra></extra>",
                           text=[tr.number(n) if ok else "–" for n, ok in zip(counts, counted)],
                           textposition="outside", cliponaxis=False))
    fig.update_layout(height=340, margin=dict(l=40, r=10, t=40, b=10), showlegend=False,
                      title=dict(text=tr.gettext("“{term}” in each document, in date order").format(term=term),
                                 font=dict(size=15)),
                      yaxis=dict(title=tr.gettext("Occurrences"), rangemode="tozero", fixedrange=True),
                      xaxis=dict(tickangle=-35, fixedrange=True, automargin=True), plot_bgcolor="white")
    return fig


def build_joins(steps: pd.DataFrame, today: str, title: str, tr: Translator = EN) -> go.Figure:
    """How many parties had signed or joined one document by each date: a step line (asof.joins_by_date's
    `steps`: date, date_precision, added, total), held flat to `today`; hover and axis in `tr`'s language."""
    x = list(steps["date"]) + ([today] if len(steps) and today > steps["date"].iloc[-1] else [])
    y = list(steps["total"]) + ([int(steps["total"].iloc[-1])] if len(x) > len(steps) else [])
    hover = [tr.ngettext("{date}: {n} party", "{date}: {n} parties", int(t)).format(
        date=format_date(d, p, tr), n=tr.number(int(t))) for d, p, t in
        zip(steps["date"], steps["date_precision"], steps["total"])]
    hover += [tr.ngettext("{date}: {n} party", "{date}: {n} parties", y[-1]).format(
        date=format_date(today, tr=tr), n=tr.number(y[-1]))] if len(x) > len(steps) else []
    fig = go.Figure(go.Scatter(x=x, y=y, mode="lines+markers", line={"shape": "hv", "color": "#0072B2", "width": 3},
                               marker={"size": 8, "color": "#0072B2"}, text=hover, hoverinfo="text"))
    fig.update_layout(
        template="none", height=260, margin={"l": 10, "r": 10, "t": 40, "b": 40}, showlegend=False,
        title={"text": _short(title, 90), "font": {"size": 14}}, font={"color": "#1a1a1a"},
        xaxis={"type": "date", "gridcolor": "#e5e5e5", **date_axis(list(x), tr)},
        yaxis={"title": {"text": tr.gettext("Parties")}, "rangemode": "tozero", "gridcolor": "#e5e5e5",
               "automargin": True})
    return fig
