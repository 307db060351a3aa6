"""build_* for plotly figures (no streamlit calls)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.i18n import EN, N_, Translator
from components.shaping import LANES, format_date, format_range

# Okabe-Ito, one colour per lane; lanes also differ by position and marker shape, never colour alone
LANE_COLOURS = dict(zip(LANES, ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#555555"]))
LANE_SYMBOLS = dict(zip(LANES, ["square", "diamond", "circle", "triangle-up", "star", "hexagon", "x"]))
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
        xaxis={"type": "date", "showgrid": True, "gridcolor": "#e5e5e5"},
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
    for lane in lanes:
        rows = items[items["lane"] == lane]
        points = rows[rows["end_date"] == ""]
        if len(points):
            fig.add_trace(go.Scatter(
                x=list(points["date"]), y=[rank[lane]] * len(points), mode="markers", hoverinfo="text",
                marker={"size": 12, "color": LANE_COLOURS[lane], "symbol": LANE_SYMBOLS[lane],
                        "line": {"width": 1, "color": "#1a1a1a"}},
                text=[f"{format_date(r.date, r.date_precision, tr)}<br>{_short(r.title, 60)}"
                      for r in points.itertuples()]))
        for r in rows[rows["end_date"] != ""].itertuples():
            fig.add_trace(go.Scatter(
                x=[r.date, r.end_date], y=[rank[lane]] * 2, mode="lines", hoverinfo="text",
                line={"width": 10, "color": LANE_COLOURS[lane]},
                text=f"{format_range(r.date, r.end_date, tr)}<br>{_short(r.title, 60)}"))
    for _, s in summits.iterrows():
        if s["start_date"]:
            end = (pd.Timestamp(s["end_date"]) + pd.Timedelta(days=1)).strftime("%Y-%m-%d")
            fig.add_vrect(x0=s["start_date"], x1=end, fillcolor="#1f5fa8", opacity=0.12, line_width=0,
                          annotation_text=s["city"], annotation_position="top left")
    fig.update_layout(
        template="none", height=120 + 55 * len(lanes), margin={"l": 10, "r": 10, "t": 40, "b": 30},
        showlegend=False, font={"color": "#1a1a1a"}, xaxis={"type": "date", "gridcolor": "#e5e5e5"},
        yaxis={"tickvals": [rank[lane] for lane in lanes], "ticktext": [tr.gettext(lane) for lane in lanes],
               "range": [-0.5, len(lanes) - 0.5], "automargin": True, "showgrid": False, "zeroline": False},
        hoverlabel={"bgcolor": "#ffffff"})
    return fig


def _short(text: str, limit: int = 70) -> str:
    """One line for a hover label (plotly treats text as HTML-ish, so angle brackets are removed)."""
    text = " ".join(str(text).replace("<", "").replace(">", "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# The participation strip: summits across, one mark per document. Status is carried by shape as well as
# colour (square signed, circle joined later, triangle attended without signing, hollow square no record),
# by each mark's <title> and by the table twin drawn beside it.
STRIP_MARKS = {"signed": ("rect", "#0072B2"), "joined_later": ("circle", "#56B4E9"),
               "attended_not_signed": ("triangle", "#E69F00"), "no_record": ("hollow", "#6b6b6b"),
               "no_document": ("dash", "#6b6b6b")}
STRIP_COL, STRIP_LABEL, STRIP_ROW, STRIP_MARK = 118, 150, 34, 14


def _mark(kind: str, colour: str, x: float, y: float, title: str) -> str:
    from html import escape

    t = f"<title>{escape(title)}</title>"
    h = STRIP_MARK / 2
    if kind == "rect":
        return f'<rect x="{x - h}" y="{y - h}" width="{STRIP_MARK}" height="{STRIP_MARK}" fill="{colour}">{t}</rect>'
    if kind == "circle":
        return f'<circle cx="{x}" cy="{y}" r="{h}" fill="{colour}">{t}</circle>'
    if kind == "triangle":
        return f'<polygon points="{x},{y - h} {x + h},{y + h} {x - h},{y + h}" fill="{colour}">{t}</polygon>'
    if kind == "hollow":
        return (f'<rect x="{x - h + 1}" y="{y - h + 1}" width="{STRIP_MARK - 2}" height="{STRIP_MARK - 2}" '
                f'fill="none" stroke="{colour}" stroke-width="2">{t}</rect>')
    return f'<line x1="{x - h}" y1="{y}" x2="{x + h}" y2="{y}" stroke="{colour}" stroke-width="2">{t}</line>'


def build_strip(strips: list[tuple[str, "pd.DataFrame"]], caption: str) -> str:
    """An SVG participation strip: one row per party, one column per summit, a mark per document (escaped)."""
    from html import escape

    summits = list(dict.fromkeys(s for _, strip in strips for s in strip["summit"]))
    width = STRIP_LABEL + STRIP_COL * len(summits)
    height = 26 + STRIP_ROW * len(strips)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
             f'width="100%" style="max-width:{width}px" aria-label="{escape(caption, quote=True)}">'
             f"<title>{escape(caption)}</title>"]
    for i, s in enumerate(summits):
        parts.append(f'<text x="{STRIP_LABEL + i * STRIP_COL + 4}" y="16" font-size="13" fill="#1a1a1a">'
                     f"{escape(s)}</text>")
    for row, (name, strip) in enumerate(strips):
        y = 26 + row * STRIP_ROW + STRIP_ROW / 2
        label = name if len(name) <= 20 else name[:19] + "…"  # 20 characters fit the label column (150 px)
        hover = f"<title>{escape(name)}</title>" if label != name else ""
        parts.append(f'<text x="0" y="{y + 5}" font-size="13" fill="#1a1a1a">{hover}{escape(label)}</text>')
        for i, s in enumerate(summits):
            for j, r in enumerate(strip[strip["summit"] == s].itertuples()):
                kind, colour = STRIP_MARKS[r.status]
                x = STRIP_LABEL + i * STRIP_COL + 11 + j * (STRIP_MARK + 6)
                title = f"{s}: {r.document}: {r.label}" if r.document else f"{s}: {r.label}"
                parts.append(_mark(kind, colour, x, y, title))
    parts.append("</svg>")
    return "".join(parts)


STRIP_LEGEND = N_("Marks: filled square = signed; filled circle = joined later; triangle = attended, did not sign; "
                  "hollow square = no record; dash = no document for this party at that summit.")
