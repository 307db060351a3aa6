"""build_*_image: the map and the timeline as PNG or SVG files for articles (matplotlib; no streamlit).

As Our World in Data does, everything a reader needs travels inside the picture: the view's title, the legend
in words, the coverage note when a list is partial, the source line with the Atlas link, the licence and the
data date. Rendered on the server with matplotlib's Agg and SVG backends and its bundled DejaVu fonts, so
nothing is fetched. SVG text stays text (svg.fonttype 'none'), so a newsroom can edit or search it.
"""

from __future__ import annotations

import io
import textwrap
import warnings
from dataclasses import dataclass, field
from datetime import date

import matplotlib
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from components.i18n import EN, N_, Translator

# the home page's preview of the world map, one picture per language (scripts/build_preview.py builds them at build
# time; the English one keeps its first name)
PREVIEW_DIR = __import__("pathlib").Path(__file__).resolve().parent.parent / "static"


def preview_path(lang: str):
    """static/map-preview.png for English, static/map-preview-<lang>.png for another language."""
    return PREVIEW_DIR / ("map-preview.png" if lang == EN.lang else f"map-preview-{lang}.png")

matplotlib.use("Agg")  # no display on a server; Figure() below needs no pyplot state either
# A character the font lacks is drawn as an empty box. matplotlib warned once per such glyph and picture (two lines
# of the server's log each), and a visitor's search text goes into a timeline picture's title: a way to write
# thousands of log lines with one download. The box on the picture says it; the log says nothing.
def quiet_missing_glyphs() -> None:
    """Never warn about a glyph the font lacks (called once, below, at import)."""
    warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font")


quiet_missing_glyphs()

# the picture's fixed words, whole sentences in the catalog: a picture is drawn in its Translator's language
LICENCE = N_("Licence: CC BY 4.0")
CREDIT_LINE = N_("Source: AI Summit Atlas, {link}; data {sources}")
DATA_DATE = N_("Data as of {date}")
OUTLINED_NOTE = N_("Countries named in this step are outlined in black.")
TIMELINE_LEGEND = N_("Legend: {lanes}. Bars: items that last several days. Shaded bands: summits.")
LANE_MARKS = N_("{lane}: {marks}")
MARK_NAMES = {"o": N_("circles"), "s": N_("squares"), "D": N_("diamonds"), "^": N_("triangles"), "*": N_("stars"),
              "h": N_("hexagons"), "x": N_("crosses")}
WIDTH_IN, DPI = 16, 120  # 1920 px wide: at least 1600 px, as asked for print and retina screens
INK, MUTED = "#1a1a1a", "#444444"
HIGHLIGHT = "#000000"


@dataclass(frozen=True)
class Credit:
    """Where the picture comes from: the Atlas link of the view, the data's sources and date."""

    link: str
    sources: str  # hosts or titles, already joined
    data_date: str  # in words, e.g. "30 November 2026"
    tr: Translator = EN  # the language of the lines

    def lines(self) -> list[str]:
        tr = self.tr
        return [tr.gettext(CREDIT_LINE).format(link=self.link, sources=self.sources),
                f"{tr.gettext(LICENCE)} · {tr.gettext(DATA_DATE).format(date=self.data_date)}"]


@dataclass(frozen=True)
class MapPicture:
    """One map view as a picture: fills per ISO3 code, legend and notes in words."""

    title: str
    sentence: str
    fills: dict[str, tuple[int, int, int]]  # iso3 -> RGB 0-255; absent = no record
    legend: tuple[tuple[str, tuple[int, int, int]], ...]
    credit: Credit
    coverage: str | None = None
    highlight: frozenset[str] = field(default_factory=frozenset)  # outlined in black (a story step's parties)
    no_record: tuple[int, int, int] = (221, 221, 221)
    tr: Translator = EN  # the language of the picture's own words (the others come translated)


def _rgb(colour) -> tuple[float, float, float]:
    return tuple(c / 255 for c in colour)


def _rings(geometry: dict) -> list[list]:
    """Outer rings of a Polygon or MultiPolygon (holes are drawn by the smaller shapes laid on top)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [poly[0] for poly in geometry["coordinates"]]
    return []


def _area(ring: list) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:] + ring[:1]))) / 2


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) if text else ""


def _text(fig, x, y, s, **kw):
    """Text as text: no mathtext, so a `$` in data is printed, not parsed."""
    return fig.text(x, y, s, parse_math=False, color=kw.pop("color", INK), **kw)


def _save(fig: Figure, fmt: str, dpi: int = DPI) -> bytes:
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "atlas"}):  # text stays text; stable ids
        fig.savefig(buf, format=fmt, dpi=dpi, facecolor="white",
                    metadata={"Date": None} if fmt == "svg" else None)  # no timestamp: same view, same bytes
    return buf.getvalue()


def _footer(fig: Figure, credit: Credit, notes: list[str], top: float) -> None:
    y, line = top, 0.25 / fig.get_figheight()  # a 13-point line is 0.25 inch with its leading
    for note in notes:
        wrapped = _wrap(note, 150)
        _text(fig, 0.03, y, wrapped, fontsize=13, va="top", color=MUTED)
        y -= line * (wrapped.count("\n") + 1) + line / 3
    for text in credit.lines():
        wrapped = _wrap(text, 170)
        _text(fig, 0.03, y, wrapped, fontsize=12, va="top")
        y -= line * (wrapped.count("\n") + 1)


def build_map_image(geo: dict | None, picture: MapPicture, fmt: str = "png", dpi: int = DPI) -> bytes:
    """The world map of one view (equirectangular, no basemap) with title, legend, notes and credit.

    `dpi` 120 gives 1920 px; the home page's preview uses 40 (640 px).
    """
    fig = Figure(figsize=(WIDTH_IN, 10.5))
    _text(fig, 0.03, 0.975, picture.title, fontsize=24, fontweight="bold", va="top")
    _text(fig, 0.03, 0.925, _wrap(picture.sentence, 140), fontsize=14, va="top")
    ax = fig.add_axes((0.02, 0.26, 0.96, 0.6))
    ax.set_xlim(-170, 190)
    ax.set_ylim(-58, 84)
    ax.set_aspect("equal")
    ax.axis("off")
    shapes = []
    for feature in (geo or {}).get("features", []):
        iso3 = feature["properties"].get("iso3") or ""
        fill = picture.fills.get(iso3, picture.no_record)
        for ring in _rings(feature["geometry"]):
            xy = [(p[0], p[1]) for p in ring]
            shapes.append((_area(xy), xy, fill, iso3 in picture.highlight))
    shapes.sort(key=lambda s: -s[0])  # small shapes on top, so an enclave is not hidden by its neighbour
    if shapes:
        ax.add_collection(PolyCollection(
            [s[1] for s in shapes], facecolors=[_rgb(s[2]) for s in shapes],
            edgecolors=[HIGHLIGHT if s[3] else "white" for s in shapes],
            linewidths=[1.6 if s[3] else 0.3 for s in shapes]))
    # legend in words, each with its colour swatch
    y = 0.225
    x = 0.03
    for label, colour in picture.legend:
        fig.add_artist(Rectangle((x, y - 0.004), 0.012, 0.02, transform=fig.transFigure,
                                 facecolor=_rgb(colour), edgecolor=INK, linewidth=0.5))
        _text(fig, x + 0.017, y + 0.006, label, fontsize=13, va="center")
        x += 0.03 + 0.0062 * len(label)
    notes = []
    if picture.highlight:
        notes.append(picture.tr.gettext(OUTLINED_NOTE))
    if picture.coverage:
        notes.append(picture.coverage)
    _footer(fig, picture.credit, notes, 0.19)
    return _save(fig, fmt, dpi)


@dataclass(frozen=True)
class TimelinePicture:
    """A timeline view as a picture: items per lane, summit bands, and the filter in words."""

    title: str
    subtitle: str
    items: tuple[tuple[str, str, str, str], ...]  # (date, end_date, lane, title)
    lanes: tuple[str, ...]
    colours: dict[str, str]
    markers: dict[str, str]
    bands: tuple[tuple[str, str, str], ...]  # (start, end, city)
    credit: Credit
    tr: Translator = EN  # the language of the lane names, the legend and the dates on the axis


# matplotlib writes month names with the C locale's strftime ("Nov"); another language gets Babel's ("nov.")
_C_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _dates(locator, tr: Translator):
    """The time axis's tick labels: matplotlib's concise dates, with the month names of `tr`'s language."""
    import re

    import matplotlib.dates as mdates
    from babel.dates import get_month_names

    if tr.lang == EN.lang:
        return mdates.ConciseDateFormatter(locator)
    names = get_month_names("abbreviated", locale=tr.locale)
    months = dict(zip(_C_MONTHS, (names[i] for i in range(1, 13))))
    swap = re.compile(r"\b(" + "|".join(_C_MONTHS) + r")\b")

    day = re.compile(r"^0?(\d{1,2})(?= |$)")

    def local(text: str) -> str:
        # month names in the language; a day as the language writes it, not strftime's "01": "1er nov.", "2 nov."
        text = swap.sub(lambda m: months[m.group(1)], text)
        return day.sub(lambda m: tr.day_number(date(2000, 1, int(m.group(1)))), text)

    class LocalDates(mdates.ConciseDateFormatter):
        def format_ticks(self, values):
            return [local(s) for s in super().format_ticks(values)]

        def get_offset(self):
            return local(super().get_offset())

    # day before month, as French writes dates ("2 nov.", "nov. 2023"), where matplotlib's defaults say "Nov-02"
    return LocalDates(locator, zero_formats=["", "%Y", "%b", "%d %b", "%H:%M", "%H:%M"],
                      offset_formats=["", "%Y", "%b %Y", "%d %b %Y", "%d %b %Y", "%d %b %Y %H:%M"])


def build_timeline_image(picture: TimelinePicture, fmt: str = "png") -> bytes:
    """The timeline of one view: one row per lane, markers (or bars) per item, summits as shaded bands."""
    import pandas as pd

    lanes = [lane for lane in picture.lanes if any(i[2] == lane for i in picture.items)] or list(picture.lanes[:1])
    height = 4.5 + 0.8 * len(lanes)
    fig = Figure(figsize=(WIDTH_IN, max(height, 7.5)))
    top = 1 - 1.1 / fig.get_figheight()
    _text(fig, 0.03, top + 0.6 / fig.get_figheight(), picture.title, fontsize=24, fontweight="bold", va="top")
    _text(fig, 0.03, top, _wrap(picture.subtitle, 140), fontsize=14, va="top")
    bottom_in = 1.9
    ax = fig.add_axes((0.2, bottom_in / fig.get_figheight(), 0.77, top - 0.5 / fig.get_figheight()
                       - bottom_in / fig.get_figheight()))
    rows = {lane: n for n, lane in enumerate(reversed(lanes))}
    dates = [pd.Timestamp(d) for d, *_ in picture.items] + [pd.Timestamp(e) for _, e, *_ in picture.items if e]
    lo, hi = (min(dates), max(dates)) if dates else (pd.Timestamp("2023-01-01"), pd.Timestamp("2027-12-31"))
    pad = max((hi - lo) * 0.04, pd.Timedelta(days=3))
    for start, end, city in picture.bands:
        s, e = pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1)
        if e >= lo - pad and s <= hi + pad:
            ax.axvspan(s, e, color="#1f5fa8", alpha=0.12, linewidth=0)
            ax.text(s, len(lanes) - 0.45, city, fontsize=11, va="bottom", parse_math=False, color=INK)
    for start, end, lane, _title in picture.items:
        y = rows.get(lane)
        if y is None:
            continue
        if end:
            ax.plot([pd.Timestamp(start), pd.Timestamp(end)], [y, y], color=picture.colours[lane], linewidth=8,
                    solid_capstyle="butt")
        else:
            ax.plot([pd.Timestamp(start)], [y], marker=picture.markers[lane], markersize=11,
                    color=picture.colours[lane], markeredgecolor=INK, markeredgewidth=0.8, linestyle="none")
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_ylim(-0.6, len(lanes) - 0.2)
    tr = picture.tr
    ax.set_yticks(range(len(lanes)), [tr.gettext(lane) for lane in reversed(lanes)], fontsize=12)
    ax.xaxis.set_major_formatter(_dates(ax.xaxis.get_major_locator(), tr))
    ax.tick_params(axis="x", labelsize=11)
    ax.grid(axis="x", color="#e5e5e5")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    legend = tr.gettext(TIMELINE_LEGEND).format(lanes=tr.joined([  # "a ; b" in French
        tr.gettext(LANE_MARKS).format(lane=tr.gettext(lane), marks=tr.gettext(MARK_NAMES[picture.markers[lane]]))
        for lane in lanes]))
    _footer(fig, picture.credit, [legend], (bottom_in - 0.55) / fig.get_figheight())
    return _save(fig, fmt)
