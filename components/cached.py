"""Built objects shared by all sessions (`shared`, a lighter st.cache_resource), defined once per process.

These are built once per data version and view and then only read. cache_data would hand every run its own
unpickled copy, and defining cached functions inside page scripts re-hashed their source on every run: together
most of the map page's CPU under a burst of 30 sessions (bench/RESULTS.md). Callers must not mutate results.
"""

import copy
import functools
import gc
import inspect
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType

import pandas as pd
import pyarrow as pa
import streamlit as st

from components import asof, charts, maps, serving, stages, timeline
from components.data import read_geojson
from components.dates import format_date
from components.handout import build_handout
from components.i18n import N_, translator
from components.labels import STATUS_LABELS
from components.mapviews import MapShape, View
from components.naming import short_name, short_party_names, short_titles
from components.participation import full_titles, signature_matrix
from components.profiles import Profile, profile
from components.report import report_url
from components.site import SITE
from components.text import html_table



def shared(max_entries: int | None = None):
    """Decorator: one result per arguments, built once and shared read-only by every session, as st.cache_resource
    does (arguments named with a leading underscore are left out of the key), found by a dictionary lookup.

    NOTE: a hit in st.cache_resource hashes every argument with Streamlit's own hasher and reads the function's
    signature again for each positional argument: 0.2-0.8 ms a call timed alone on this busy machine, and a map
    run made about ten calls. Here a hit costs a few µs. Arguments in the key must be hashable (strings, numbers,
    None, tuples, frozen dataclasses). The oldest result goes first past `max_entries`.
    """
    def decorate(func):
        params = inspect.signature(func).parameters
        names = tuple(params)
        keyed = tuple(n for n in names if not n.startswith("_"))
        defaults = {n: p.default for n, p in params.items() if p.default is not inspect.Parameter.empty}
        results: OrderedDict = OrderedDict()
        lock = threading.Lock()  # guards `results`
        building = threading.Lock()  # one build at a time: sessions that missed together wait for the first

        @functools.wraps(func)
        def call(*args, **kwargs):
            values = defaults | dict(zip(names, args)) | kwargs
            key = tuple(values[n] for n in keyed)
            with lock:
                if key in results:
                    results.move_to_end(key)
                    return results[key]
            with building:
                with lock:
                    if key in results:
                        return results[key]
                result = func(**values)
                with lock:
                    results[key] = result
                    while max_entries and len(results) > max_entries:
                        results.popitem(last=False)
            return result

        def clear() -> None:
            with lock:
                results.clear()

        call.clear = clear
        return call

    return decorate


def site_pages(lang: str) -> list:
    """The navigation's pages (st.Page) with their titles in `lang`: copies of pages made once per language.

    NOTE: st.Page resolves its script's path and checks the file each time it is made: about 0.5 ms of thread CPU
    per run for the six pages, on every page of the Atlas (burst of 30 on /map). Copies, not the shared objects:
    st.navigation marks the page it is about to run on the object itself, and sessions run at once.
    """
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    return [copy.copy(p) for p in _site_pages(lang, get_script_run_ctx().main_script_path)]


@shared(max_entries=8)
def _site_pages(lang: str, main_script: str) -> tuple:
    """Pages resolve their scripts beside the app's main script (`main_script` keys them)."""
    tr = translator(lang)
    return tuple(st.Page(p.script, title=tr.gettext(p.title), icon=p.icon, url_path=p.url_path or None,
                         default=not p.url_path) for p in SITE)


_FROZEN: list[bool] = []


def freeze_startup_objects() -> None:
    """Move start-up objects (modules, shared data) out of reach of Python's full garbage collections, once per
    process (app.py calls it after every page run; the first does it)."""
    # NOTE: a full collection scans every live object: 16-37 ms measured with pandas/plotly/pydeck loaded.
    # Streamlit's post-run collection is off (.streamlit/config.toml), but Python's own generational GC
    # still runs a full pass now and then; frozen objects are skipped. Defined here, not in app.py: app.py runs
    # again on every page run, and a cached function defined there was re-made and its source re-hashed each
    # time.
    if not _FROZEN:
        _FROZEN.append(True)
        gc.freeze()


@shared()
def favicon_url() -> str:
    """The favicon as a data: URL, made once per process.

    Given as a file, set_page_config read it, checked it as an image and hashed it into the media store on
    every page run (py-spy: 6.5 % of the map's server CPU in a burst); a data: URL is passed through as it is,
    for about 0.55 kB more in the page-config message of a whole-page run (a fragment's run sends none)."""
    import base64

    png = (Path(__file__).resolve().parent.parent / "static" / "favicon.png").read_bytes()
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


@shared()
def country_shapes(where: str) -> dict | None:
    """Country shapes of one data directory (None when missing: the map falls back to points)."""
    return read_geojson(data_dir=where)


def publish_geometry(data: bytes) -> str:
    """Serve coloured shapes (or an outline) from this process's memory and return their URL: app.py's route
    (components/serving.py publish) under a hash of their bytes, the same URL on every replica; the websocket
    carries the URL, not ~200 KB."""
    return serving.publish(data)


@dataclass(frozen=True, eq=False)
class MapChoices:
    """What the map page's URL values and pickers choose from, in one language; read-only (mappings are
    MappingProxyType, lists are tuples), as every session shares it."""

    doc_names: MappingProxyType  # document_id -> short title (≤40 characters), by date
    doc_full: MappingProxyType  # document_id -> full title
    summit_names: MappingProxyType  # summit_id -> short name
    party_names: MappingProxyType  # party_id -> short name (≤40 characters): pickers and strips
    views: tuple[str, ...]  # the view picker's options in their URL-like form: all, summit:<id>, document:<id>
    labels: MappingProxyType  # view -> its label in the picker


@shared(max_entries=8)
def map_choices(fingerprint: str, lang: str, _atlas) -> MapChoices:
    """The map page's choices, once per data version and language (`_atlas` in `lang`).

    Made on every run, sorting the documents and reading names row by row (pandas) cost about 5 ms of a map run
    under a burst of 30, a fifth of its server time (py-spy).
    """
    tr = translator(lang)
    docs = _atlas.documents.sort_values(["date", "document_id"])
    doc_names = dict(zip(docs["document_id"], short_titles(docs)))
    summit_names = {r["summit_id"]: short_name(r) for _i, r in _atlas.summits.iterrows()}
    labels = {"all": tr.gettext("All summits: documents signed")}
    labels |= {f"summit:{s}": tr.gettext("Summit: {name}").format(name=n) for s, n in summit_names.items()}
    labels |= {f"document:{d}": t for d, t in doc_names.items()}  # short titles (≤40 characters) name documents
    return MapChoices(
        doc_names=MappingProxyType(doc_names), doc_full=MappingProxyType(dict(zip(docs["document_id"], docs["title"]))),
        summit_names=MappingProxyType(summit_names),
        party_names=MappingProxyType(short_party_names(_atlas.parties)),
        views=("all", *[f"summit:{s}" for s in summit_names], *[f"document:{d}" for d in doc_names]),
        labels=MappingProxyType(labels))


@dataclass(frozen=True, eq=False)
class MapBuilt:
    """One map view as drawn: its shaping, its deck, and the geometry the deck loads by URL."""

    shape: MapShape  # its words in the session's language
    deck: maps.CompactDeck
    geometry_url: str | None  # None: shapes could not be served, every state is a point


def map_view(view: View | str, fingerprint: str, highlight_eu: bool, atlas, country: str | None = None,
             phone: bool = False, lang: str = "en", as_of: date | None = None) -> MapBuilt:
    """One map view (shaped and built once, shared), its geometry and the chosen outline served for this session.

    `atlas` is the Atlas in `lang`. The words (sentence, notes, labels, dates), the geometry and the deck are
    built once per view and language: the tooltips ride in the geometry's properties, so a language has its own
    geometry (a second ~200 KB file in memory per view once a French visitor opens it) and its own deck (a
    different geometry URL; the same size as the English one, so a rerun sends no more). `as_of` (None: today)
    shows the view as it stood on that day (components/asof.py); dated views have their own, smaller cache.
    """
    view = view if isinstance(view, View) else View.parse(view)
    shape, geometry = (_map_base_dated(view, as_of, fingerprint, highlight_eu, atlas, lang) if as_of else
                       _map_base(view, fingerprint, highlight_eu, atlas, lang))
    url = publish_geometry(geometry) if geometry is not None else None
    outline = _outline(country, fingerprint, atlas) if country else None
    outline_url = publish_geometry(outline) if outline else None
    return MapBuilt(shape, _deck(view, fingerprint, highlight_eu, url, outline_url, phone, atlas, lang, as_of), url)


def view_sources(view: str, fingerprint: str, atlas, lang: str = "en") -> tuple:
    """A view's sources, without serving its shapes to this session. The story lists every view's sources on each
    step: through map_view, each view's shapes took the session's one geometry slot in turn, the step's own
    shapes were dropped at the end of the run, and the step's map drew no country (its URL answered 404)."""
    return tuple(_map_base(View.parse(view), fingerprint, False, atlas, lang)[0].sources)


# 18 views (all, 5 summits, 12 documents) x EU outline on/off x 2 languages = 72 entries of ~0.25 MB each
@shared(max_entries=128)
def _map_base(view: View, fingerprint: str, highlight_eu: bool, _atlas, lang: str = "en") -> tuple:
    """A view's shaping in `lang` (`_atlas` in that language) and its coloured shapes with the point parties
    (bytes), their tooltips in that language, once per data version, view and language."""
    return _build_base(view, None, highlight_eu, _atlas, lang)


# A view as of a past day: 38 months (November 2023 to December 2026) x 18 views x EU outline x 2 languages could
# be 2,700 entries of ~0.25 MB. Kept apart from today's views, so a reader playing through the months never evicts
# the views every other reader opens, and bounded: 48 entries, ~12 MB (a Play through every month of one view
# in one language is 38).
@shared(max_entries=48)
def _map_base_dated(view: View, as_of: date, fingerprint: str, highlight_eu: bool, _atlas,
                    lang: str = "en") -> tuple:
    """A view as it stood on `as_of` (components/asof.py), built as _map_base builds today's."""
    return _build_base(view, as_of, highlight_eu, _atlas, lang)


def _build_base(view: View, as_of: date | None, highlight_eu: bool, a, lang: str) -> tuple:
    tr = translator(lang)
    shape = asof.map_shape(view, as_of, a.parties, a.summits, a.documents, a.endorsements, a.attendance, report_url,
                           tr)
    # a treaty's view: each party's latest stage by then (a stage dated later is not there yet)
    shape = stages.with_stages(shape, asof.rows_as_of(a.treaty_stages, as_of) if as_of else a.treaty_stages,
                               a.documents, tr)
    shapes = country_shapes(a.data_dir)
    points = _points(shape, a, shapes)
    values = shape.table.assign(fill=maps.fill_colours(shape.table, view.kind == "all"), date=shape.table["date_text"])
    values = values.set_index("party_id")  # tooltips show dates in words
    geometry = None
    if shapes:
        words = {"no_record": tr.gettext(STATUS_LABELS["no_record"]),
                 "shape_names": {k: tr.gettext(v) for k, v in maps.UNLISTED_SHAPES.items()}}
        geometry = maps.geojson_bytes(maps.with_points(maps.colour_features(shapes, values, highlight_eu, **words),
                                                       points))
    return shape, geometry


def _points(shape: MapShape, a, shapes: dict | None):
    """States drawn as points: those without a shape (all of them when shapes are missing)."""
    shaped = {f["properties"].get("iso3") for f in shapes["features"]} if shapes else set()
    table = shape.table.assign(fill=maps.fill_colours(shape.table, shape.view.kind == "all"))
    points = table.merge(a.parties[["party_id", "lat", "lon"]], on="party_id")
    points = points[~points["party_id"].isin(shaped) & points["lat"].notna() & (points["kind"] == "state")]
    return points.assign(date=points["date_text"]).reset_index(drop=True)


@shared(max_entries=256)
def _outline(country: str, fingerprint: str, _atlas) -> bytes | None:
    """The chosen party's outline (its shape or its point) as GeoJSON bytes; None when it has neither."""
    party = _atlas.parties.set_index("party_id").loc[country]
    point = None if pd.isna(party["lat"]) else (float(party["lat"]), float(party["lon"]))
    feature = maps.outline_feature(country_shapes(_atlas.data_dir), country, point)
    return maps.geojson_bytes(feature) if feature else None


@shared(max_entries=256)
def _deck(view: View, fingerprint: str, highlight_eu: bool, url: str | None, outline_url: str | None,
          phone: bool, _atlas, lang: str = "en", as_of: date | None = None) -> maps.CompactDeck:
    """The deck of a view: shapes and points by URL (every state an inline point, its tooltip in `lang`, when
    they cannot be served)."""
    points = pd.DataFrame()
    if url is None:
        shape = (_map_base_dated(view, as_of, fingerprint, highlight_eu, _atlas, lang) if as_of else
                 _map_base(view, fingerprint, highlight_eu, _atlas, lang))[0]
        points = _points(shape, _atlas, None)
        points = points.assign(status=points["label"])
    return maps.build_map(url, points, outline_url, phone)


MATRIX_CAPTION = N_("Summit documents signed by each party")


@shared()
def map_matrix(fingerprint: str, _atlas, lang: str = "en") -> tuple:
    """The signature matrix, its CSV bytes, its accessible HTML table and its Arrow table, once per data version and
    language (`_atlas` in `lang`: its short titles head the columns). The CSV keeps its English column names and
    statuses: they are the public contract."""
    tr = translator(lang)
    # a treaty's cells say the party's latest stage ("Signed", "Ratified") rather than its status
    english = signature_matrix(_atlas.parties, _atlas.endorsements, _atlas.documents,
                               words=stages.matrix_words(_atlas.treaty_stages))
    matrix = english if lang == "en" else signature_matrix(_atlas.parties, _atlas.endorsements,
                                                           _atlas.documents, tr,
                                                           stages.matrix_words(_atlas.treaty_stages, tr))
    full = full_titles(_atlas.documents)  # short title in the header, the full one on hover and in the CSV
    csv = english.rename(columns=full).to_csv(index=False).encode("utf-8")
    # NOTE: st.dataframe converts a pandas frame to Arrow on every run (4.5 ms for this one timed alone on this
    # busy machine, about 2 ms of a map run under a burst in py-spy); an Arrow table is only serialised (0.2 ms),
    # to the same bytes
    arrow = pa.Table.from_pandas(matrix)
    return (matrix, csv, html_table(matrix, tr.gettext(MATRIX_CAPTION), row_header=tr.gettext("Party"), titles=full),
            arrow)


@shared()
def timeline_items(fingerprint: str, _atlas, lang: str = "en"):
    """Events and statements as one table of timeline items, once per data version and language (`_atlas` in
    `lang`: titles and summaries are translated, so a key without the language served one language's items to
    the other's pages)."""
    return timeline.timeline_items(_atlas.events, _atlas.statements, translator(lang))


@shared(max_entries=64)
def timeline_figure(key: tuple, _items, _summits, lang: str = "en"):
    """The timeline figure for one filtered set of items (plotly's validators cost more than the rest of a run),
    its lane labels and dates in `lang`."""
    return charts.build_timeline(_items, _summits, translator(lang))


@shared(max_entries=64)
def handout_bytes(fingerprint: str, risk_ids: tuple[str, ...], title: str, generated: str, _atlas,
                  lang: str = "en") -> bytes:
    """A printable handout for some risks, built once per data version and language (three lesson packs took
    26 ms a run); `_atlas` is the Atlas in that language."""
    rows = _atlas.risks[_atlas.risks["risk_id"].isin(risk_ids)]
    return build_handout(rows, _atlas.questions, _atlas.glossary, _atlas.documents, title, generated,
                         translator(lang)).encode("utf-8")


@shared(max_entries=8)
def reading_handout_bytes(fingerprint: str, title: str, generated: str, _atlas, lang: str = "en") -> bytes:
    """The printable reading activity (Bletchley Declaration passages and questions), once per data version and
    language (`_atlas` in `lang`)."""
    from components.passages import reading_activity

    rows = reading_activity(_atlas.reading, _atlas.passages, _atlas.documents)
    return build_handout(_atlas.risks.iloc[0:0], _atlas.questions, _atlas.glossary, _atlas.documents, title,
                         generated, translator(lang), reading=rows).encode("utf-8")


@shared(max_entries=2)
def database_download(fingerprint: str, _atlas) -> tuple[bytes, bytes]:
    """The Datasette-ready SQLite database and its metadata.json (components/export_sqlite.py) as bytes, built once
    per data version (0.3 s) from the English data (`_atlas`, as load_atlas gives it)."""
    import json

    from components.export_sqlite import database_bytes, metadata

    meta = json.dumps(metadata(_atlas), indent=2, ensure_ascii=False) + "\n"
    return database_bytes(_atlas), meta.encode("utf-8")


@shared(max_entries=128)
def party_profile(party_id: str, fingerprint: str, _atlas, lang: str = "en") -> Profile:
    """One party's profile, summit by summit (shaped once per data version, party and language; `_atlas` in
    `lang`)."""
    a = _atlas
    tr = translator(lang)
    shaped = profile(party_id, a.parties, a.summits, a.documents, a.endorsements, a.attendance, a.statements,
                     a.institutes, a.events, tr)
    return stages.with_profile_stages(shaped, a.treaty_stages, tr)  # a treaty's line: each stage, dated, sourced


@shared(max_entries=8)
def month_labels(months: tuple[str, ...], lang: str = "en") -> MappingProxyType:
    """The month slider's labels (`June 2024`, `juin 2024`), once per span and language (Babel per month per run
    was ~38 calls on every map run)."""
    tr = translator(lang)
    return MappingProxyType({m: asof.month_label(m, tr) for m in months})


@shared(max_entries=64)
def joins_view(document_id: str, fingerprint: str, today: str, _atlas, lang: str = "en") -> tuple:
    """One document's joins over time: its step chart, the same counts as a table (its twin in words) and a
    caption, in `lang` (`_atlas` in it), once per data version, document and day."""
    tr = translator(lang)
    steps = asof.joins_by_date(_atlas.endorsements, document_id)
    title = short_titles(_atlas.documents[_atlas.documents["document_id"] == document_id])[0]
    caption = tr.gettext("{document}: parties that had signed or joined, by date").format(document=title)
    table = pd.DataFrame({tr.gettext("Date"): [format_date(d, p, tr) for d, p in
                                               zip(steps["date"], steps["date_precision"])],
                          tr.gettext("Joined that day"): [tr.number(int(n)) for n in steps["added"]],
                          tr.gettext("Total"): [tr.number(int(n)) for n in steps["total"]]})
    return charts.build_joins(steps, today, caption, tr), html_table(table, caption, row_header=tr.gettext("Date")), \
        caption, len(steps)


@shared(max_entries=128)
def party_history(party_id: str, fingerprint: str, _atlas, lang: str = "en") -> tuple[tuple[str, str], ...]:
    """A party's record in date order, in words (`lang`; `_atlas` in it): (date, what happened)."""
    a = _atlas
    return tuple(asof.history_lines(asof.party_history(party_id, a.endorsements, a.documents, a.attendance,
                                                       a.summits), translator(lang)))


@shared(max_entries=48)
def joined_none_view(fingerprint: str, as_of: date | None, _atlas, lang: str = "en") -> tuple:
    """Who joined nothing, as of a day (None: today): the sentence, the list as an accessible HTML table and as
    CSV bytes, and how many states it lists, in `lang` (`_atlas` in it)."""
    from components import breadth

    tr = translator(lang)
    a = _atlas
    ends = asof.endorsements_as_of(a.endorsements, as_of) if as_of else a.endorsements
    docs = asof.documents_as_of(a.documents, as_of) if as_of else a.documents
    sentence, none = breadth.none_figure(a.parties, ends, docs, tr)
    caption = tr.gettext("UN member states that joined none of the summit documents")
    shown = pd.DataFrame({tr.gettext("State"): none["name"]})
    return (sentence, html_table(shown, caption, row_header=tr.gettext("State")),
            breadth.none_csv(none, as_of.isoformat() if as_of else ""), len(none))


@dataclass(frozen=True)
class DocumentsViews:
    """What /documents draws, built once per data version and language (read-only)."""

    doc_names: MappingProxyType  # document_id -> short title, in date order
    doc_titles: MappingProxyType  # document_id -> full title
    risk_names: MappingProxyType  # risk_id -> title, in risks.csv's order
    cells: tuple  # every `<document_id>/<risk_id>`
    matrix_html: str  # the matrix as an accessible HTML table
    table_html: str  # its table twin: one row per cell
    csv: bytes  # the cells as CSV, English words (the public contract)
    terms: tuple  # the counted terms, in the file's order
    term_table: pd.DataFrame  # passages.term_table
    term_html: str  # the chart's table twin
    unread: tuple  # documents whose text could not be counted


MATRIX_TITLE = N_("Which of the 13 risks each document names")


@shared()
def documents_views(fingerprint: str, _atlas, lang: str = "en") -> DocumentsViews:
    """The coverage matrix, its table twin and CSV, and the term counts, once per data version and language
    (`_atlas` in `lang`)."""
    from components import passages

    tr = translator(lang)
    docs = passages.documents_in_order(_atlas.documents)
    cov, risks = _atlas.coverage, _atlas.risks
    matrix = passages.coverage_matrix(cov, docs, risks, tr)
    titles = dict(zip(docs["short_title"], docs["title"]))
    table = passages.coverage_table(cov, docs, risks, tr)
    twin = table[["document", "risk", "label", "searched_terms", "note"]].rename(columns={
        "document": tr.gettext("Document"), "risk": tr.gettext("Risk"), "label": tr.gettext("In the text"),
        "searched_terms": tr.gettext("Searched for, not found"), "note": tr.gettext("Note")})
    english = passages.coverage_table(cov, docs, risks) if lang != "en" else table
    terms = passages.term_table(_atlas.term_counts, docs)
    return DocumentsViews(
        MappingProxyType(dict(zip(docs["document_id"], docs["short_title"]))),
        MappingProxyType(dict(zip(docs["document_id"], docs["title"]))),
        MappingProxyType(dict(zip(risks["risk_id"], risks["title"]))),
        tuple(passages.cell_options(cov)),
        html_table(matrix, tr.gettext(MATRIX_TITLE), row_header=tr.gettext("Risk"), titles=titles),
        html_table(twin, tr.gettext("Every document and every risk, one row each"), row_header=tr.gettext("Document")),
        passages.matrix_csv(english),
        tuple(dict.fromkeys(terms["term"])), terms,
        html_table(passages.term_wide(terms, tr), tr.gettext("How often each term occurs in each document"),
                   row_header=tr.gettext("Term")),
        tuple(passages.unread(terms)))


@shared(max_entries=64)
def term_figure(fingerprint: str, term: str, _views: DocumentsViews, lang: str = "en"):
    """The words-of-the-summits chart of one term (plotly's validators cost more than the rest of a run)."""
    return charts.build_term_chart(_views.term_table, term, translator(lang))
