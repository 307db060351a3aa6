"""World map: who attended, who signed, who did not; a signature matrix; every country's profile."""

import pandas as pd
import streamlit as st

from components import maps, shaping
from components.data import data_fingerprint, read_geojson
from components.state import UrlState
from components.ui import PAGES, domain, md_escape, md_link, st_atlas, st_notices, st_sources

ALL = "all"


@st.cache_data(show_spinner=False)
def _shapes(where: str) -> dict | None:
    return read_geojson(data_dir=where)


@st.cache_data(show_spinner=False, max_entries=64)
def _view(key: str, fingerprint: tuple, where: str, highlight_eu: bool, _atlas) -> tuple[str | None, pd.DataFrame, pd.DataFrame]:
    """Geometry URL, points for parties without a shape, and the per-party status table for one view."""
    a = _atlas
    kind, _, ident = key.partition(":")
    if kind == "document":
        table = shaping.document_status(a.parties, a.endorsements, ident)
        table["label"] = table["status"].map(shaping.STATUS_LABELS)
        table["fill"] = table["status"].map(maps.STATUS_COLOURS)
    elif kind == "summit":
        table = shaping.summit_status(a.parties, a.endorsements, a.documents, ident)
        table["label"] = table["status"].map(shaping.STATUS_LABELS)
        table["fill"] = table["status"].map(maps.STATUS_COLOURS)
    else:
        table = shaping.signed_counts(a.parties, a.endorsements, a.documents)
        top = int(table["signed_count"].max())
        table["label"] = table["signed_count"].map(lambda n: f"Signed {n} of the summit documents" if n else "No record")
        table["fill"] = table["signed_count"].map(lambda n: maps.count_colour(n, top))
        table["date"] = ""
        table["source_url"] = ""
    table["source"] = table["source_url"].map(lambda u: f"Source: {domain(u)}" if u else "")
    table["date"] = table["date"].map(lambda d: shaping.format_date(d) if d else "")
    values = table.set_index("party_id")
    shapes = _shapes(_atlas.data_dir)
    url = maps.publish_geojson(maps.colour_features(shapes, values, highlight_eu)) if shapes else None
    shaped = {f["properties"].get("iso3") for f in shapes["features"]} if shapes else set()
    coords = a.parties.set_index("party_id")[["lat", "lon"]]
    points = values.join(coords)
    points = points[~points.index.isin(shaped) & points["lat"].notna() & (points["kind"] == "state")]
    return url, points.assign(status=points["label"]).reset_index(), table


# 1/ URL state
atlas = st_atlas()
state = UrlState(st.query_params)
docs = atlas.documents.sort_values(["date", "document_id"])
summits = atlas.summits
doc_titles = dict(zip(docs["document_id"], docs["title"]))
summit_names = {r.summit_id: f"{r.name} ({r.city}, {r.start_date[:4] or 'announced'})" for r in summits.itertuples()}
document_id = state.choice("document", doc_titles, None, "document")
summit_id = state.choice("summit", summit_names, None, "summit")
party_names = dict(zip(atlas.parties["party_id"], atlas.parties["name"]))
country = state.choice("country", party_names, None, "country")
st_notices(state.notices)

options = [ALL] + [f"summit:{s}" for s in summit_names] + [f"document:{d}" for d in doc_titles]
labels = {ALL: "All summits: documents signed per country"}
labels |= {f"summit:{s}": f"Summit: {n}" for s, n in summit_names.items()}
labels |= {f"document:{d}": f"Document: {t}" for d, t in doc_titles.items()}
current = f"document:{document_id}" if document_id else (f"summit:{summit_id}" if summit_id else ALL)

# 2/ data and 4/ draw (controls first)
st.title("World map")
st.markdown("Who attended each AI summit, who signed each declaration, and who did not. Pick a view, hover a "
            "country, or open a country's profile below.")
c1, c2, c3 = st.columns([3, 2, 1])
view = c1.selectbox("What the map shows", options, index=options.index(current), format_func=labels.get)
ids = list(party_names)
pick = c2.selectbox("Country profile", [""] + ids, index=(ids.index(country) + 1) if country else 0,
                    format_func=lambda p: party_names.get(p, "Choose a country or organisation"))
highlight_eu = c3.toggle("Outline EU member states", value=False)
if view != current or pick != (country or ""):
    kind, _, ident = view.partition(":")
    state.set("document", ident if kind == "document" else None)
    state.set("summit", ident if kind == "summit" else None)
    state.set("country", pick or None)
    st.rerun()

# 3/ shape

fingerprint = data_fingerprint(atlas.data_dir)
geometry_url, points, table = _view(view, fingerprint, atlas.data_dir, highlight_eu, atlas)
kind, _, ident = view.partition(":")
if kind == "document":
    document = docs.set_index("document_id").loc[ident]
    sentence = shaping.document_sentence(document.rename({"title": "title"}), table)
    coverage = shaping.coverage_note(document, table)
    sources = [(document["title"], document["source_url"])]
elif kind == "summit":
    summit = summits.set_index("summit_id").loc[ident]
    sentence = shaping.summit_sentence(summit, table)
    coverage = None
    sources = [(summit["name"], summit["source_url"])]
else:
    state_docs = shaping.summit_state_documents(docs)
    sentence = shaping.counts_sentence(table, len(state_docs))
    coverage = ("Some official lists are longer than the parties verified here (see each document's view), "
                "so a country with no record may still have signed.")
    sources = [(r.title, r.source_url) for r in state_docs.itertuples()]

@st.cache_resource(show_spinner=False, max_entries=64)
def _deck(key: str, fingerprint: tuple, highlight_eu: bool, geometry_url: str | None, _points) -> maps.CompactDeck:
    """One Deck per view, shared by every session: building a pydeck Deck costs more than the rest of the run."""
    return maps.build_map(geometry_url, _points)


@st.cache_data(show_spinner=False)
def _matrix(fingerprint: tuple, _atlas):
    return shaping.signature_matrix(_atlas.parties, _atlas.endorsements, _atlas.documents)


# 4/ draw
st.markdown(f"**{md_escape(sentence)}**")
if coverage:
    st.info(md_escape(coverage), icon="ℹ️")
if geometry_url is None:
    st.warning("The country shapes could not be loaded, so every country is drawn as a point.", icon="⚠️")
deck = _deck(view, fingerprint, highlight_eu, geometry_url, points)
# NOTE: no on_select: Streamlit resolves picked objects from inline layer data, and the shapes arrive by URL,
# so a click gave an empty selection and a wasted rerun. The profile is opened with the selector below.
st.pydeck_chart(deck, height=460, alt=sentence, key="world-map")

# legend in words (colour is never the only carrier of status)
if kind == "all":
    st.markdown("Legend: darker blue = more documents signed; light grey = no record.")
else:
    st.markdown("Legend: dark blue = signed; light blue = joined later; orange = attended, did not sign; "
                "light grey = no record.")

not_drawn = table[table["kind"] != "state"]
not_drawn = not_drawn[not_drawn["status"] != "no_record"] if kind != "all" else not_drawn[not_drawn["signed_count"] > 0]
if len(not_drawn):
    st.subheader("Not on the map")
    st.markdown("These parties have no country shape. " + "; ".join(
        f"**{md_escape(r['name'])}**: {md_escape(r['label'])}" for _, r in not_drawn.iterrows()))

if kind == "document":
    st.subheader("Parties and their status")
    listed = table[table["status"] != "no_record"].sort_values(["status", "name"])
    st.dataframe(
        listed[["name", "label", "date", "verification", "source_url", "note"]],
        hide_index=True, width="stretch",
        column_config={"name": "Party", "label": "Status", "date": "Date", "verification": "Verification",
                       "source_url": st.column_config.LinkColumn("Source", display_text=r"https?://(?:www\.)?([^/]+)"),
                       "note": "Note"},
    )
    disputed = listed[listed["note"] != ""]
    for _, r in disputed.iterrows():
        st.warning(f"**{md_escape(r['name'])}**: {md_escape(r['note'])}", icon="⚖️")

# country profile
if country:
    name = party_names[country]
    st.header(f"Country profile: {name}")
    profile = shaping.party_profile(country, atlas.parties, atlas.endorsements, atlas.documents)
    lines = []
    for _, r in profile.iterrows():
        line = f"- **{md_escape(r['title'])}**: {md_escape(shaping.STATUS_LABELS[r['status']])}"
        if r["date"]:
            line += f", {md_escape(shaping.format_date(r['date']))}"
        if r["source_url"]:
            line += f" ({md_link('source', r['source_url'])}, {md_escape(r['verification'])})"
        if r["note"]:
            line += f". {md_escape(r['note'])}"
        lines.append(line)
        sources.append((r["title"], r["source_url"]))
    st.markdown("**Summit documents**\n\n" + "\n".join(lines))
    inst = atlas.institutes[atlas.institutes["party_id"] == country]
    st.markdown("**AI safety institute**")
    if len(inst):
        for _, r in inst.iterrows():
            text = f"- {md_escape(r['name'])}, {md_escape(r['status'])} {md_escape(shaping.format_date(r['announced']))}"
            if r["renamed_to"]:
                text += f"; renamed {md_escape(r['renamed_to'])} on {md_escape(shaping.format_date(r['renamed_on']))}"
            st.markdown(text + f" ({md_link('source', r['source_url'])})")
            sources.append((r["name"], r["source_url"]))
    else:
        st.markdown("No AI safety institute is recorded here for this party.")
    said = atlas.statements[atlas.statements["party_id"] == country].sort_values("date")
    st.markdown("**Statements**")
    st.markdown("\n".join(
        f"- {md_escape(shaping.format_date(r['date']))}, {md_escape(r['speaker'])}: {md_escape(r['gist'])} "
        f"({md_link('source', r['source_url'])})" for _, r in said.iterrows()) or "No statement recorded here.")
    sources += [(r["source_title"], r["source_url"]) for _, r in said.iterrows()]
    ev = shaping.events_for_party(atlas.events, country)
    st.markdown(f"**Timeline**: {len(ev)} event(s) name {md_escape(name)}.")
    st.page_link(PAGES["timeline"], label=f"Open the timeline filtered to {name}", query_params={"party": country},
                 icon="📅")

# signature matrix
st.header("Compare across summits")
matrix = _matrix(fingerprint, atlas)
tab_table, tab_sort = st.tabs(["Table", "Sortable view"])
with tab_table:
    query = st.text_input("Filter by party name", max_chars=60, key="matrix-filter")
    shown = matrix[matrix["Party"].str.contains(query, case=False, regex=False)] if query else matrix
    st.table(shown.set_index("Party"))
with tab_sort:
    st.dataframe(matrix, hide_index=True, width="stretch")
st.download_button("Download the matrix (CSV)", matrix.to_csv(index=False).encode("utf-8"),
                   file_name="signature-matrix.csv", mime="text/csv")

# 5/ sources
st_sources(sources + [("Natural Earth country shapes (public domain), via world-atlas",
                       "https://github.com/topojson/world-atlas")])
