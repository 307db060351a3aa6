"""build_* for plotly figures (no streamlit calls)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.shaping import LANES, format_date, format_range

# Okabe-Ito, one colour per lane; lanes also differ by position and marker shape, never colour alone
LANE_COLOURS = dict(zip(LANES, ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#555555"]))
LANE_SYMBOLS = dict(zip(LANES, ["square", "diamond", "circle", "triangle-up", "star", "hexagon", "x"]))
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True,
                 "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"]}


def build_timeline(items: pd.DataFrame, summits: pd.DataFrame) -> go.Figure:
    """One lane per kind; one-day items as markers, multi-day as bars; summits as labelled bands."""
    fig = go.Figure()
    lanes = [lane for lane in LANES if lane in set(items["lane"])] or LANES[:1]
    for lane in lanes:
        rows = items[items["lane"] == lane]
        spans = rows[rows["end_date"] != ""]
        points = rows[rows["end_date"] == ""]
        hover = points.apply(lambda r: f"{format_date(r['date'], r['date_precision'])}<br>{_short(r['title'])}"
                             f"<br>{_short(r['text'], 90)}", axis=1) if len(points) else []
        fig.add_trace(go.Scatter(
            x=points["date"], y=[lane] * len(points), mode="markers", name=lane,
            marker={"size": 12, "color": LANE_COLOURS[lane], "symbol": LANE_SYMBOLS[lane],
                    "line": {"width": 1, "color": "#1a1a1a"}},
            text=hover, hovertemplate="%{text}<extra></extra>", customdata=points["item_id"],
        ))
        for _, r in spans.iterrows():
            label = f"{format_range(r['date'], r['end_date'])}<br>{_short(r['title'])}"
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
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(lanes)), "automargin": True},
        hoverlabel={"bgcolor": "#ffffff", "font": {"color": "#1a1a1a"}},
    )
    return fig


def _short(text: str, limit: int = 70) -> str:
    """One line for a hover label (plotly treats text as HTML-ish, so angle brackets are removed)."""
    text = " ".join(str(text).replace("<", "").replace(">", "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
