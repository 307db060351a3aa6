"""Sharing a view (st_* drawers): "Embed this view", PNG/SVG images with alt text, projector mode.

Pages call one drawer each (st_share_map, st_share_timeline, st_embed). What the map and timeline pages
already built is read from components/cached.py; the pictures are built by components/images.py only when a
reader clicks a download (Streamlit runs a callable `data` then), and kept per view and data version.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

import pandas as pd
import pydeck as pdk
import streamlit as st
from streamlit import runtime

from components import images, maps, stages, story
from components.cached import country_shapes, map_view, publish_geometry, shared
from components.data import data_fingerprint
from components.dates import format_date
from components.i18n import EN, N_, Translator, _, active, translator
from components.naming import the
from components.site import light_url

# Projector and classroom mode: text read from the back of a room (body text 26 px, at least 24 px at 1280x720
# and 1920x1080, measured in tests/test_a11y.py). A constant style sheet (no data in it).
PRESENT_CSS = """<style>
[data-testid="stMain"] [data-testid="stMarkdownContainer"] :is(p, li) {
  font-size: 1.625rem !important; line-height: 1.45 !important; }
[data-testid="stMain"] h1 { font-size: 3.25rem !important; }
[data-testid="stMain"] h2 { font-size: 2.5rem !important; }
[data-testid="stMain"] button { min-height: 3.5rem; }
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem !important; }
</style>"""
MAX_IMAGES = 48  # a map PNG is about 350 KB: at most ~17 MB of pictures kept per process


def st_present() -> None:
    """Projector mode: large type and large buttons, the sidebar folded away so the step has the width."""
    st.html(PRESENT_CSS)
    # NOTE: layout again: a later set_page_config without it put the page back in the centred 736 px column
    st.set_page_config(layout="wide", initial_sidebar_state="collapsed")


def st_picture(data: bytes, alt: str, slot: str) -> None:
    """A PNG with alt text, served from memory like the map's shapes.

    st.image gives its <img> no alt attribute (axe: image-alt, WCAG 1.1.1); the URL is ours and the alt text
    is escaped, so nothing from data or the URL becomes HTML.
    """
    from html import escape

    try:
        url = runtime.get_instance().media_file_mgr.add(data, "image/png", slot)
    except Exception:  # noqa: BLE001 - no runtime (bare mode): the words beside it remain
        return
    st.html(f'<img src="{escape(url, quote=True)}" alt="{escape(alt, quote=True)}" '
            'style="max-width: 100%; height: auto; display: block;">')


def page_origin() -> str:
    """scheme://host:port the visitor used, so embeds and image credits point back at this Atlas."""
    return story.origin(st.context.url)


def lazy_panel(label: str, key: str, icon: str):
    """A closed expander whose content the page draws only once a reader opens it (`.open`), or None while closed.

    A closed panel is one message; the map's share block drew twelve on every run (two download buttons in
    columns, alt text, an expander with two snippets), about 0.13 ms of server CPU each (bench/RESULTS.md). The
    reader's click on the label reruns the page with the panel open.
    """
    panel = st.expander(label, icon=icon, key=key, on_change="rerun")
    return panel if panel.open else None


def st_embed(path: str, params: dict[str, str], title: str) -> None:
    """"Embed this view", drawn when opened: an <iframe> snippet in embed mode with this state, and a plain link."""
    panel = lazy_panel(_("Embed this view"), f"embed-{path}", ":material/code:")
    if panel is not None:
        with panel:
            _embed_parts(path, params, title)


def _embed_parts(path: str, params: dict[str, str], title: str, alt: str | None = None) -> None:
    """The <iframe> snippet and the link, shown as code (st.code), never rendered: nothing from the URL becomes
    HTML on this page. Then the light edition's (components/export_light.py): the same view as a static page in
    an <iframe>, and for a map its picture as an <img> (`alt`): static files that any CDN can carry to an
    article's readers, where each reader of the live embed opens a Streamlit session (bench/RESULTS.md)."""
    base = page_origin()
    st.markdown(_("Paste this into a web page to show this view, as it is now, inside an article:"))
    snippet = story.embed_snippet(story.view_url(base, path, params, embed=True), title, story.EMBED_HEIGHTS[path])
    # plain, not highlighted as HTML: the highlighter's blue on grey is 3.7:1 (axe color-contrast, WCAG 1.4.3)
    st.code(snippet, language=None, wrap_lines=True)
    st.markdown(_("Or link to it:"))
    st.code(story.view_url(base, path, params), language=None, wrap_lines=True)
    if "date" in params:  # a view as of a past day has no light twin (the light edition shows today's)
        return
    lang = params.get("lang", "en")
    light = light_url(base, lang, path, params)
    st.markdown(_("For a large audience, the light edition of this view: a static page, no JavaScript, the same "
                  "facts:"))
    st.code(story.embed_snippet(light, title, story.EMBED_HEIGHTS[path]) + "\n" + light, language=None,
            wrap_lines=True)
    if path == "map" and alt:
        st.markdown(_("Or only its picture (SVG), with its alt text:"))
        st.code(story.image_snippet(light.removesuffix(".html") + ".svg", alt), language=None, wrap_lines=True)


# --- pictures ----------------------------------------------------------------------------------------------

_IMAGES: OrderedDict[tuple, bytes] = OrderedDict()
_LOCK = threading.Lock()


def cached_image(key: tuple, build) -> bytes:
    """Bytes of one picture, built once per key (view, data version, link, format) and shared."""
    with _LOCK:
        if key in _IMAGES:
            _IMAGES.move_to_end(key)
            return _IMAGES[key]
    data = build()  # outside the lock: two first clicks may both build; the bytes are the same
    with _LOCK:
        _IMAGES[key] = data
        while len(_IMAGES) > MAX_IMAGES:
            _IMAGES.popitem(last=False)
    return data


@dataclass(frozen=True, eq=False)
class ViewParts:
    """What pictures and story steps need from a built map view (one adapter over components/cached.py)."""

    sentence: str
    coverage: str | None
    sources: tuple[tuple[str, str], ...]
    fills: dict
    legend: tuple
    deck: maps.CompactDeck


def view_parts(view: str, atlas, lang: str | None = None, as_of: date | None = None) -> ViewParts:
    """The shared built map view (components/cached.py) in `lang` (default: the active language; `atlas` is in
    it), as of a day (None: today), reduced to what is shared here; its shapes are served to this session's run
    (the deck loads them by URL)."""
    lang = lang or active().lang
    fingerprint = data_fingerprint(atlas.data_dir)
    built = map_view(view, fingerprint, False, atlas, lang=lang, as_of=as_of)
    return _view_parts(view, fingerprint, lang, built.geometry_url, as_of, built)


@shared(max_entries=64)
def _view_parts(view: str, fingerprint: str, lang: str, geometry_url: str | None, as_of: date | None,
                _built) -> ViewParts:
    """A view's parts, once per data version, view and language (its fills, counts and legend were pandas work
    on every run)."""
    kind = view.partition(":")[0]
    listed = _built.shape.table[_built.shape.table["status"] != "no_record"]
    fills = maps.fill_colours(listed, kind == "all")
    counts = listed["signed_count"] if "signed_count" in listed else pd.Series([], dtype=int)
    legend = stages.legend(translator(lang)) if "stage_group" in _built.shape.table else \
        story.map_legend(kind, int(counts.max()) if len(counts) else 1, translator(lang))  # a treaty: its stages
    return ViewParts(_built.shape.sentence, _built.shape.coverage, tuple(_built.shape.sources),
                     {p: tuple(int(c) for c in f) for p, f in zip(listed["party_id"], fills)}, legend, _built.deck)


def credit(link: str, sources, atlas, tr: Translator = EN) -> images.Credit:
    # the data version (the date of the latest change in changes.csv), as every citation the Atlas writes names it
    from components.published import data_version

    return images.Credit(link, story.sources_text(list(sources), tr=tr), format_date(data_version(atlas), tr=tr), tr)


# NOTE: map_image and timeline_image run when a reader clicks a download, outside the page's run (no session, so
# no active language): the page passes its Translator, and `atlas` is in that language.
def map_image(view: str, link: str, fmt: str, atlas, highlight: tuple[str, ...] = (), tr: Translator = EN,
              as_of: date | None = None) -> bytes:
    """The PNG or SVG of one map view as of a day (None: today): title with its date, legend, coverage and credit
    in the picture, in `tr`'s language."""
    key = ("map", view, highlight, data_fingerprint(atlas.data_dir), link, fmt, tr.lang, as_of)

    def build() -> bytes:
        parts = view_parts(view, atlas, tr.lang, as_of)
        picture = images.MapPicture(dated_title(view, as_of, atlas, tr), parts.sentence,
                                    parts.fills, parts.legend, credit(link, parts.sources, atlas, tr), parts.coverage,
                                    frozenset(highlight), tr=tr)
        return images.build_map_image(country_shapes(atlas.data_dir), picture, fmt)

    return cached_image(key, build)


def timeline_image(shown: pd.DataFrame, subtitle: str, link: str, fmt: str, atlas, tr: Translator = EN) -> bytes:
    """The PNG or SVG of one timeline view, in `tr`'s language (`subtitle` is in it)."""
    key = ("timeline", tuple(shown["item_id"]), subtitle, data_fingerprint(atlas.data_dir), link, fmt, tr.lang)
    sources = [(t, u) for t, u in zip(shown["source_title"], shown["source_url"])]
    return cached_image(key, lambda: images.build_timeline_image(
        story.timeline_picture(shown, atlas.summits, subtitle, credit(link, sources, atlas, tr), tr=tr), fmt))


# whole labels per picture, so each language says "the map" / "la carte" its own way
DOWNLOAD_LABELS = {"map": (N_("Download the map as PNG (1920 px)"), N_("Download the map as SVG")),
                   "timeline": (N_("Download the timeline as PNG (1920 px)"), N_("Download the timeline as SVG"))}


def st_image_downloads(what: str, stem: str, build, alt: str) -> None:
    """PNG and SVG download buttons (built on click, not on every run) and the image's alt text to copy."""
    png, svg = DOWNLOAD_LABELS[what]
    c1, c2 = st.columns(2)
    c1.download_button(_(png), lambda: build("png"), file_name=f"{stem}.png",
                       mime="image/png", on_click="ignore", icon=":material/image:")
    c2.download_button(_(svg), lambda: build("svg"), file_name=f"{stem}.svg",
                       mime="image/svg+xml", on_click="ignore", icon=":material/draw:")
    st.markdown(_("Alt text for the image (copy it with the image):"))
    st.code(alt, language=None, wrap_lines=True)


SHARE_LABEL = N_("Download the picture or embed this view")
SHARE_ICON = ":material/ios_share:"


def st_share_map(view: str, atlas, highlight: tuple[str, ...] = (), named: tuple[str, ...] = (),
                 as_of: date | None = None, csv=None) -> None:
    """Under a map, drawn when opened: the map as PNG and SVG, its alt text, the embed snippet and, given `csv`
    (a callable making the bytes), the view's table as CSV, each with the day the view is as of (`as_of`, None:
    today)."""
    panel = lazy_panel(_(SHARE_LABEL), "share-map", SHARE_ICON)
    if panel is None:
        return
    with panel:
        _share_map_parts(view, atlas, highlight, named, as_of)
        if csv is not None:
            stem = "atlas-map" + (f"-{view.partition(':')[2]}" if ":" in view else "") + (f"-{as_of}" if as_of else "")
            st.download_button(_("Download this view's parties (CSV)"), csv, file_name=f"{stem}.csv", mime="text/csv",
                               on_click="ignore", icon=":material/table:")


def dated_params(view: str, as_of: date | None) -> dict[str, str]:
    """The /map query parameters of a view as of a day (`date` left out for today, the default)."""
    return story.map_params(view) | ({"date": as_of.isoformat()} if as_of else {})


def dated_title(view: str, as_of: date | None, atlas, tr: Translator = EN) -> str:
    """A map view's title, with `as of <date>` in words for a past day."""
    title = story.view_title(view, atlas.documents, atlas.summits, tr)
    return tr.gettext("{title}, as of {date}").format(title=title, date=tr.date(as_of)) if as_of else title


def _share_map_parts(view: str, atlas, highlight: tuple[str, ...], named: tuple[str, ...],
                     as_of: date | None = None) -> None:
    tr = active()
    params = dated_params(view, as_of)
    link = story.view_url(page_origin(), "map", params | story.lang_query(tr))  # the picture's credit line
    title, alt = _share_words(view, data_fingerprint(atlas.data_dir), tr.lang, tuple(named), as_of, atlas)
    stem = "atlas-map" + (f"-{view.partition(':')[2]}" if ":" in view else "") + (f"-{as_of}" if as_of else "")
    st_image_downloads("map", stem, lambda fmt: map_image(view, link, fmt, atlas, highlight, tr, as_of), alt)
    _embed_parts("map", params | story.lang_query(tr), tr.gettext("AI Summit Atlas map: {view}").format(view=title),
                 alt)


@shared(max_entries=256)
def _share_words(view: str, fingerprint: str, lang: str, named: tuple[str, ...], as_of: date | None,
                 _atlas) -> tuple[str, str]:
    """A map view's title and its picture's alt text in `lang` (`_atlas` in that language), once per data version
    and day.

    Made on every run (the view again, its parts, the title's pandas lookups), they cost 2-3 ms of a map run under
    a burst of 30 (bench/bench.py, py-spy).
    """
    tr = translator(lang)
    parts = view_parts(view, _atlas, lang, as_of)  # in the page's language
    title = dated_title(view, as_of, _atlas, tr)
    return title, story.map_alt(title, parts.sentence, parts.coverage, list(named), tr)


def st_share_timeline(shown: pd.DataFrame, filters: dict[str, str], atlas, embed: bool = True) -> None:
    """Under a timeline, drawn when opened: the view as PNG and SVG, its alt text, and the embed snippet."""
    panel = lazy_panel(_(SHARE_LABEL), "share-timeline", SHARE_ICON)
    if panel is None:
        return
    with panel:
        _share_timeline_parts(shown, filters, atlas, embed)


def _share_timeline_parts(shown: pd.DataFrame, filters: dict[str, str], atlas, embed: bool) -> None:
    tr = active()
    names = dict(zip(atlas.parties["party_id"], atlas.parties["name"]))
    # the picture, its alt text and the embed's title in the page's language
    words = story.filter_text(filters, names, tr)
    link = story.view_url(page_origin(), "timeline", filters | story.lang_query(tr))  # the picture's credit line
    st_image_downloads("timeline", "atlas-timeline", lambda fmt: timeline_image(shown, words, link, fmt, atlas, tr),
                       story.timeline_alt(shown, words, tr))
    if embed:
        _embed_parts("timeline", filters | story.lang_query(tr),
                     tr.gettext("AI Summit Atlas timeline: {view}").format(view=words))


# --- the story's map: the view's deck plus the step's parties outlined -------------------------------------

@shared(max_entries=32)
def _outline_bytes(parties: tuple[str, ...], fingerprint: str, where: str) -> bytes | None:
    shapes = country_shapes(where)
    if not shapes or not parties:
        return None
    return maps.geojson_bytes(maps.outline_features(shapes, set(parties)))


def story_map(view: str, parties: tuple[str, ...], atlas) -> tuple[ViewParts, pdk.Deck]:
    """A story step's map: the view as on /map, with the parties the step names outlined in black; its sentence
    and tooltips in the active language."""
    parts = view_parts(view, atlas)
    outline = _outline_bytes(parties, data_fingerprint(atlas.data_dir), atlas.data_dir)
    url = publish_geometry(outline) if outline else None  # served from memory, as the map's shapes are
    return parts, _story_deck(view, url, data_fingerprint(atlas.data_dir), active().lang, parts.deck)


@shared(max_entries=64)
def _story_deck(view: str, outline_url: str | None, fingerprint: str, lang: str, _base: maps.CompactDeck
                ) -> maps.CompactDeck:
    return maps.with_outline(_base, outline_url)


@shared(max_entries=64)
def story_figure(key: tuple, _items: pd.DataFrame, _summits: pd.DataFrame, lang: str = "en"):
    """A story step's timeline slice: the timeline's figure in its lean form (charts.build_timeline `lean`).

    Every step change resends it whole. Plotly's default template (Streamlit themes the chart itself) was
    6.5 KB of a 14.5 KB figure on step 2; lane names repeated per point, item ids and the long hover text
    another 4.3 KB (bench/map_click.py).
    """
    from components import charts

    return charts.build_timeline(_items, _summits, translator(lang), lean=True)
