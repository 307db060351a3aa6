"""Built objects shared by all sessions (st.cache_resource), defined once per process.

These are built once per data version and view and then only read. cache_data would hand every run its own
unpickled copy, and defining cached functions inside page scripts re-hashed their source on every run: together
most of the map page's CPU under a burst of 30 sessions (bench/RESULTS.md). Callers must not mutate results.
"""

import streamlit as st
from streamlit import runtime

from components import charts, maps, shaping
from components.data import read_geojson
from components.handout import build_handout
from components.i18n import translator
from components.report import report_url
from components.ui import domain, html_table, md_escape

ALL = "all"
ALL_COVERAGE = ("Some official lists are longer than the parties verified here (see each document's view), "
                "so a country with no record may still have signed.")


@st.cache_resource(show_spinner=False)
def country_shapes(where: str) -> dict | None:
    """Country shapes of one data directory (None when missing: the map falls back to points)."""
    return read_geojson(data_dir=where)


GEOMETRY_SLOT = "atlas-map-geometry"  # one geometry file per session: a new view replaces the old one


def publish_geometry(data: bytes) -> str | None:
    """Serve coloured shapes from this process's memory and return their URL; None when that fails.

    Streamlit's media store (what st.image and downloads use) keeps files in memory under a hash of their
    bytes, so the URL is the same on every replica, nothing is written to disk (the checkout can be
    read-only, and two processes never race on a file), and the websocket still carries a URL, not ~200 KB.
    The store forgets a file that no session used in its latest run, so every map run registers it again.
    """
    try:
        return runtime.get_instance().media_file_mgr.add(data, "application/json", GEOMETRY_SLOT)
    except Exception:  # noqa: BLE001 - no runtime (bare mode) or a store error: the map falls back to points
        return None


def map_view(key: str, fingerprint: tuple, highlight_eu: bool, atlas) -> dict:
    """Everything one map view needs (built once, shared); its geometry registered for this session."""
    shaped = _map_view(key, fingerprint, highlight_eu, atlas)
    if shaped["geometry"] is not None:
        publish_geometry(shaped["geometry"])
    return shaped


@st.cache_resource(show_spinner=False, max_entries=64)
def _map_view(key: str, fingerprint: tuple, highlight_eu: bool, _atlas) -> dict:
    """Everything one map view needs: status table, deck, texts, lists, sources and the coloured shapes."""
    a = _atlas
    kind, _, ident = key.partition(":")
    docs = a.documents.sort_values(["date", "document_id"])
    if kind == "document":
        table = shaping.document_status(a.parties, a.endorsements, ident)
        document = docs.set_index("document_id").loc[ident]
        sentence, coverage = shaping.document_sentence(document, table), shaping.coverage_note(document, table)
        sources = [(document["title"], document["source_url"])]
    elif kind == "summit":
        table = shaping.summit_status(a.parties, a.endorsements, a.documents, ident)
        summit = a.summits.set_index("summit_id").loc[ident]
        sentence, coverage = shaping.summit_sentence(summit, table), None
        sources = [(summit["name"], summit["source_url"])]
    else:
        table = shaping.signed_counts(a.parties, a.endorsements, a.documents)
        state_docs = shaping.summit_state_documents(docs)
        sentence, coverage = shaping.counts_sentence(table, len(state_docs)), ALL_COVERAGE
        sources = [(r.title, r.source_url) for r in state_docs.itertuples()]
    if kind == ALL:
        top = int(table["signed_count"].max())
        table["label"] = table["signed_count"].map(lambda n: f"Signed {n} of the summit documents" if n else "No record")
        table["fill"] = table["signed_count"].map(lambda n: maps.count_colour(n, top))
        table["status"] = table["signed_count"].map(lambda n: "signed" if n else "no_record")
        table["date"] = ""
        table["source_url"] = ""
    else:
        table["label"] = table["status"].map(shaping.STATUS_LABELS)
        table["fill"] = table["status"].map(maps.STATUS_COLOURS)
    table["source"] = table["source_url"].map(lambda u: f"Source: {domain(u)}" if u else "")
    precision = table["date_precision"] if "date_precision" in table else [""] * len(table)
    table["date_text"] = [shaping.format_date(d, p or "day") if d else "" for d, p in zip(table["date"], precision)]
    values = table.set_index("party_id").assign(date=lambda t: t["date_text"])  # tooltips show dates in words
    shapes = country_shapes(a.data_dir)
    geometry = maps.geojson_bytes(maps.colour_features(shapes, values, highlight_eu)) if shapes else None
    url = publish_geometry(geometry) if geometry else None
    # without served shapes every state becomes a point, so none is lost
    shaped = {f["properties"].get("iso3") for f in shapes["features"]} if url else set()
    points = values.join(a.parties.set_index("party_id")[["lat", "lon"]])
    points = points[~points.index.isin(shaped) & points["lat"].notna() & (points["kind"] == "state")]
    not_drawn = table[(table["kind"] != "state") & (table["status"] != "no_record")]
    return {
        "deck": maps.build_map(url, points.assign(status=points["label"]).reset_index()),
        "geometry": geometry if url else None,
        "geometry_url": url, "sentence": sentence, "coverage": coverage, "sources": sources,
        "not_drawn": "; ".join(f"**{md_escape(r['name'])}**: {md_escape(r['label'])}" for _, r in not_drawn.iterrows()),
        "listed": _with_reports(table[table["status"] != "no_record"].sort_values(["status", "name"]), key),
    }


def _with_reports(listed, key: str):
    """The listed rows with a "report a problem" link each (endorsement rows of a document view)."""
    kind, _, ident = key.partition(":")
    if kind != "document":
        return listed.assign(report="")
    page = f"/map?document={ident}"
    return listed.assign(report=[report_url(f"endorsements.csv: {ident} + {p}", u, page)
                                 for p, u in zip(listed["party_id"], listed["source_url"])])


MATRIX_CAPTION = "Summit documents signed by each party"


@st.cache_resource(show_spinner=False)
def map_matrix(fingerprint: tuple, _atlas) -> tuple:
    """The signature matrix, its CSV bytes and its accessible HTML table."""
    matrix = shaping.signature_matrix(_atlas.parties, _atlas.endorsements, _atlas.documents)
    return matrix, matrix.to_csv(index=False).encode("utf-8"), html_table(matrix, MATRIX_CAPTION, row_header="Party")


@st.cache_resource(show_spinner=False)
def timeline_items(fingerprint: tuple, _atlas):
    """Events and statements as one table of timeline items."""
    return shaping.timeline_items(_atlas.events, _atlas.statements)


@st.cache_resource(show_spinner=False, max_entries=64)
def timeline_figure(key: tuple, _items, _summits):
    """The timeline figure for one filtered set of items (plotly's validators cost more than the rest of a run)."""
    return charts.build_timeline(_items, _summits)


@st.cache_resource(show_spinner=False, max_entries=64)
def handout_bytes(fingerprint: tuple, risk_ids: tuple[str, ...], title: str, generated: str, _atlas,
                  lang: str = "en") -> bytes:
    """A printable handout for some risks, built once per data version and language (three lesson packs took
    26 ms a run); `_atlas` is the Atlas in that language."""
    rows = _atlas.risks[_atlas.risks["risk_id"].isin(risk_ids)]
    return build_handout(rows, _atlas.questions, _atlas.glossary, _atlas.documents, title, generated,
                         translator(lang)).encode("utf-8")
