"""Home: what the Atlas is and for whom, key figures from the data, the seed story, a card per page."""

from pathlib import Path

import streamlit as st

from components import shaping
from components.ui import PAGES, md_escape, md_link, st_atlas, st_sources

# 1/ URL state: none on this page
# 2/ data
atlas = st_atlas()

# 3/ shape
figures = shaping.key_figures(atlas.summits, atlas.documents, atlas.endorsements, atlas.parties,
                              atlas.events, atlas.statements)
bletchley = atlas.summits.set_index("summit_id").loc["bletchley-2023"]
seed = shaping.seed_statements(atlas.statements)

# 4/ draw
st.title("AI Summit Atlas")
st.markdown(
    "Who met, who signed and what was agreed on the safety of artificial intelligence, from the AI Safety "
    "Summit at Bletchley Park in 2023 to the summit announced for Geneva in 2027. "
    "Built for **visitors** exploring the world map, **journalists** checking dates and sources, and "
    "**classrooms** learning about AI risks. Every fact links to its source."
)

# the story first, with a small preview of the map (a file built by scripts/build_preview.py, never at run time)
PREVIEW = Path(__file__).resolve().parent.parent / "static" / "map-preview.png"
story_text, preview = st.columns([3, 2], vertical_alignment="center")
with story_text.container(border=True):
    st.subheader("New here? Follow the story")
    st.markdown(f"{len(atlas.story)} short steps, from a conversation at Lancaster House in November 2023 to the summit "
                "announced for Geneva in 2027. Each step shows who signed on the map and what happened on the "
                "timeline.")
    st.page_link(PAGES["story"], label="Start the story", icon=":material/auto_stories:")
if PREVIEW.exists():
    preview.image(str(PREVIEW), caption="Preview of the world map: summit documents signed per country "
                  "(darker blue = more). Open the world map to explore it.")

cols = st.columns(5)
cols[0].metric("Summits held", figures["summits_held"], help=f"Plus {figures['summits_announced']} announced")
cols[1].metric("Outcome documents", figures["documents"])
cols[2].metric("Countries that signed", figures["countries_signed"],
               help="States that signed or later joined at least one summit document that states sign")
cols[3].metric("Timeline events", figures["events"])
cols[4].metric("Speeches and statements", figures["statements"])

st.header("How it started")
st.markdown(
    f"On {shaping.format_range(bletchley['start_date'], bletchley['end_date'])}, governments, companies and "
    f"researchers met at {md_escape(bletchley['venue'])} for {md_escape(shaping.the(bletchley['name'], 'first'))}. "
    f"{md_escape(bletchley['summary'])}"
)
for _, s in seed.iterrows():
    line = f"- **{md_escape(shaping.format_date(s['date'], s['date_precision']))}, {md_escape(s['speaker'])}** ({md_escape(s['role'])}): "
    line += md_escape(s["gist"])
    if s["quote"]:
        line += f" “{md_escape(s['quote'])}”"
    st.markdown(line + " " + md_link("Source", s["source_url"]))
st.page_link(PAGES["timeline"], label="Follow the story on the timeline: Bletchley Park, 1–2 November 2023",
             query_params={"from": bletchley["start_date"], "to": bletchley["end_date"]}, icon=":material/timeline:")

st.header("Explore")
cards = [
    ("map", "World map", "Who attended each summit, who signed each declaration, who did not, and a profile of "
     "every country."),
    ("timeline", "Timeline", "Summits, declarations, speeches and policy milestones, each with its date, source "
     "and a ready citation."),
    ("explainers", "Explainers", "AI risks in plain language, with real examples, quizzes and printable "
     "classroom handouts."),
    ("data", "About the data", "Every file, its provenance and licence, downloads, and how to report an error."),
]
for col, (key, title, text) in zip(st.columns(len(cards)), cards):
    with col.container(border=True):
        st.subheader(title)
        st.markdown(text)
        st.page_link(PAGES[key], label=f"Open {title.lower()}")

# 5/ sources
st_sources([(bletchley["name"], bletchley["source_url"])]
           + [(s["source_title"], s["source_url"]) for _, s in seed.iterrows()])
