"""World map: who attended, who signed, who did not; a signature matrix; every country's profile."""

import streamlit as st

from components import shaping
from components.cached import ALL, MATRIX_CAPTION, map_matrix, map_view
from components.data import data_fingerprint
from components.share import st_share_map
from components.state import UrlState, limit_text
from components.ui import (TABLE_CSS, PAGES, md_escape, md_link, report_md_link, st_atlas, st_notices, st_sources,
                           st_table)

MAX_FILTER = 60  # characters of the matrix's party filter (the longest party name is under 60)

# 1/ URL state
atlas = st_atlas()
state = UrlState(st.query_params)
docs = atlas.documents.sort_values(["date", "document_id"])
summits = atlas.summits
doc_titles = dict(zip(docs["document_id"], docs["title"]))
summit_names = {r.summit_id: f"{r.name} ({r.city}, {r.start_date[:4] or 'announced'})" for r in summits.itertuples()}
document_id = state.choice("document", doc_titles, None, "document")
summit_id = state.choice("summit", summit_names, None, "summit")
if state.exclusive({"document": document_id, "summit": summit_id}) == "document":
    summit_id = None  # one at a time: a document wins over a summit
party_names = dict(zip(atlas.parties["party_id"], atlas.parties["name"]))
country = state.choice("country", party_names, None, "country")
st_notices(state.notices)

options = [ALL] + [f"summit:{s}" for s in summit_names] + [f"document:{d}" for d in doc_titles]
labels = {ALL: "All summits: documents signed per country"}
labels |= {f"summit:{s}": f"Summit: {n}" for s, n in summit_names.items()}
labels |= {f"document:{d}": f"Document: {t}" for d, t in doc_titles.items()}
current = f"document:{document_id}" if document_id else (f"summit:{summit_id}" if summit_id else ALL)

# 2/ controls (they write the URL state)
st.title("World map")
st.markdown("Who attended each AI summit, who signed each declaration, and who did not. Pick a view, hover a "
            "country, or choose a country to see its profile under the map.")
c1, c2, c3 = st.columns([3, 2.6, 2])  # at 1280 px: the toggle label on one line, placeholders whole
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
shaped = map_view(view, fingerprint, highlight_eu, atlas)
kind = view.partition(":")[0]
sentence = shaped["sentence"]
sources = list(shaped["sources"])

# 4/ draw
st.markdown(f"**{md_escape(sentence)}**")
if shaped["coverage"]:
    st.info(md_escape(shaped["coverage"]), icon=":material/info:")
if shaped["geometry_url"] is None:
    st.warning("The country shapes could not be loaded, so every country is drawn as a point.", icon=":material/warning:")
# NOTE: no on_select: Streamlit resolves picked objects from inline layer data, and the shapes arrive by URL,
# so a click gave an empty selection and a wasted rerun. The profile is opened with the selector above.
st.pydeck_chart(shaped["deck"], height=460, alt=sentence, key="world-map")

# legend in words (colour is never the only carrier of status)
if kind == ALL:
    st.markdown("Legend: darker blue = more documents signed; light grey = no record.")
else:
    st.markdown("Legend: dark blue = signed; light blue = joined later; orange = attended, did not sign; "
                "light grey = no record.")
st_share_map(view, atlas)  # PNG and SVG of this view, its alt text, "Embed this view"
if shaped["not_drawn"]:
    st.subheader("Not on the map")
    st.markdown("These parties have no country shape. " + shaped["not_drawn"])

if kind == "document":
    listed = shaped["listed"]
    st.subheader("Parties and their status")
    st.dataframe(
        listed[["name", "label", "date_text", "verification", "source_url", "checked_on", "note", "report"]],
        hide_index=True, width="stretch",
        column_config={"name": "Party", "label": "Status", "date_text": "Date", "verification": "Verification",
                       "source_url": st.column_config.LinkColumn("Source", display_text=r"https?://(?:www\.)?([^/]+)"),
                       "checked_on": "Last checked", "note": "Note",
                       "report": st.column_config.LinkColumn("Report", display_text="Report a problem")},
    )
    # disputes stand out beside the map; other caveats stay in the table's Note column
    for _, r in listed[listed["note"].str.startswith(shaping.DISPUTED)].iterrows():
        st.warning(f"**{md_escape(r['name'])}**: {md_escape(r['note'])}", icon=":material/balance:")

# country profile
if country:
    name = party_names[country]
    st.header(f"Country profile: {md_escape(name)}")
    profile = shaping.party_profile(country, atlas.parties, atlas.endorsements, atlas.documents)
    lines = []
    for _, r in profile.iterrows():
        line = f"- **{md_escape(r['title'])}**: {md_escape(shaping.STATUS_LABELS[r['status']])}"
        if r["date"]:
            line += f", {md_escape(shaping.format_date(r['date'], r['date_precision']))}"
        if r["source_url"]:
            line += f" ({md_link('source', r['source_url'])}, {md_escape(r['verification'])})"
        if r["note"]:
            line += f". {md_escape(r['note'])}"
        if r["status"] != "no_record":
            line += (f" · checked {md_escape(shaping.format_date(r['checked_on']))} · "
                     + report_md_link(f"endorsements.csv: {r['document_id']} + {country}", r["source_url"],
                                      f"/map?country={country}", "report a problem"))
        lines.append(line)
        sources.append((r["title"], r["source_url"]))
    st.markdown("**Summit documents**\n\n" + "\n".join(lines))
    inst = atlas.institutes[atlas.institutes["party_id"] == country]
    st.markdown("**AI safety institute**")
    if len(inst):
        for _, r in inst.iterrows():
            text = f"- {md_escape(r['name'])}, {md_escape(r['status'])} {md_escape(shaping.format_date(r['announced'], r['date_precision']))}"
            if r["renamed_to"]:
                text += f"; renamed {md_escape(r['renamed_to'])} on {md_escape(shaping.format_date(r['renamed_on']))}"
            st.markdown(text + f" ({md_link('source', r['source_url'])})")
            sources.append((r["name"], r["source_url"]))
    else:
        st.markdown("No AI safety institute is recorded here for this party.")
    said = atlas.statements[atlas.statements["party_id"] == country].sort_values("date")
    st.markdown("**Statements**")
    st.markdown("\n".join(
        f"- {md_escape(shaping.format_date(r['date'], r['date_precision']))}, {md_escape(r['speaker'])}: {md_escape(r['gist'])} "
        f"({md_link('source', r['source_url'])})" for _, r in said.iterrows()) or "No statement recorded here.")
    sources += [(r["source_title"], r["source_url"]) for _, r in said.iterrows()]
    ev = shaping.events_for_party(atlas.events, country)
    st.markdown(f"**Timeline**: {len(ev)} event(s) name {md_escape(name)}.")
    st.page_link(PAGES["timeline"], label=f"Open the timeline filtered to {md_escape(name)}", query_params={"party": country},
                 icon=":material/timeline:")

# signature matrix
st.header("Compare across summits")
matrix, matrix_csv, matrix_html = map_matrix(fingerprint, atlas)
tab_table, tab_sort = st.tabs(["Table", "Sortable view"])
with tab_table:
    query, cut = limit_text(st.text_input("Filter by party name", key="matrix-filter",
                                          help=f"Up to {MAX_FILTER} characters"), MAX_FILTER, "The party filter")
    if cut:
        st.warning(cut, icon="✂️")
    if query:
        shown = matrix[matrix["Party"].str.contains(query, case=False, regex=False)]
        st_table(shown, MATRIX_CAPTION, row_header="Party")
    else:
        st.html(TABLE_CSS + matrix_html)  # the unfiltered table is built once per data version
with tab_sort:
    st.dataframe(matrix, hide_index=True, width="stretch")
st.download_button("Download the matrix (CSV)", matrix_csv, file_name="signature-matrix.csv", mime="text/csv")

# 5/ sources
st_sources(sources + [("Natural Earth country shapes (public domain), via world-atlas",
                       "https://github.com/topojson/world-atlas")])
