"""Home: what the Atlas is and for whom, key figures from the data, the seed story, a card per page."""

from pathlib import Path

import streamlit as st

from components import breadth, story
from components.cached import joined_none_view
from components.data import data_fingerprint
from components.dates import format_range
from components.i18n import TRANSLATED_NOTE, _, active, ngettext
from components.images import preview_path
from components.overview import key_figures, seed_statements
from components.share import st_picture
from components.ui import PAGES, md_escape, st_atlas, st_page_link, st_sources

# 1/ URL state: none on this page but the language (app.py)
tr = active()
# 2/ data
atlas = st_atlas()

# 3/ shape
figures = key_figures(atlas.summits, atlas.documents, atlas.endorsements, atlas.parties,
                      atlas.events, atlas.statements)
none_sentence = joined_none_view(data_fingerprint(atlas.data_dir), None, atlas, tr.lang)[0]  # who joined none
bletchley = atlas.summits.set_index("summit_id").loc["bletchley-2023"]
seed = seed_statements(atlas.statements)
un_context = breadth.context_markdown(atlas.statements, tr)  # the UN advisory body's own count, apart from ours

# 4/ draw
st.title(_("AI Summit Atlas"))
st.markdown(_(
    "Who met, who signed and what was agreed on the safety of artificial intelligence, from the AI Safety "
    "Summit at Bletchley Park in 2023 to the summit announced for Geneva in 2027. "
    "Built for **visitors** exploring the world map, **journalists** checking dates and sources, and "
    "**classrooms** learning about AI risks. Every fact links to its source."
))

# the story first, with a small preview of the map (a file built by scripts/build_preview.py, never at run time)
PREVIEW = preview_path(tr.lang)  # in the page's language: title, legend and source line are in the picture
story_text, preview = st.columns([3, 2], vertical_alignment="center")
with story_text.container(border=True):
    st.markdown("### " + _("New here? Follow the story") + "\n\n" + ngettext(
        "{n} short step, from a conversation at Lancaster House in November 2023 to the summit announced for "
        "Geneva in 2027. Each step shows who signed on the map and what happened on the timeline.",
        "{n} short steps, from a conversation at Lancaster House in November 2023 to the summit announced for "
        "Geneva in 2027. Each step shows who signed on the map and what happened on the timeline.",
        len(atlas.story)).format(n=tr.number(len(atlas.story))))
    st_page_link(PAGES["story"], label=_("Start the story"), icon=":material/auto_stories:")
if PREVIEW.exists():
    with preview:
        st_picture(PREVIEW.read_bytes(), _("World map"), "atlas-home-preview")
        st.caption(_("Preview of the world map: summit documents signed per country "
                     "(darker blue = more). Open the world map to explore it."))

cols = st.columns(5)
# numbers as text in the locale's own form ("1 234" in French); st.metric shows a string as given
cols[0].metric(_("Summits held"), tr.number(figures["summits_held"]),
               help=ngettext("Plus {n} announced", "Plus {n} announced", figures["summits_announced"]).format(
                   n=tr.number(figures["summits_announced"])))
cols[1].metric(_("Outcome documents"), tr.number(figures["documents"]))
cols[2].metric(_("Countries that signed"), tr.number(figures["countries_signed"]),
               help=_("States that signed or later joined at least one summit document that states sign"))
cols[3].metric(_("Timeline events"), tr.number(figures["events"]))
cols[4].metric(_("Speeches and statements"), tr.number(figures["statements"]))

# who joined none: the figure and its definition in one message (1 kB or more: a warm rerun resends its hash)
with st.container(border=True):
    st.markdown("### " + _("Who joined none") + "\n\n**" + md_escape(none_sentence) + "**\n\n"
                + md_escape(_(breadth.DEFINITION)) + "\n\n" + un_context)
    st_page_link(PAGES["map"], label=_("See them on the map, with the list"), icon=":material/public:")

st.header(_("How it started"))
# NOTE: the story is one Markdown block, not one per line: a block of 1 kB or more is cached by the browser
# and not resent on a warm rerun (five small blocks were resent every time: 2.9 KB per rerun, measured)
opening, translated = story.opening_lines(bletchley, seed, tr)  # the light edition's home says the same
st.markdown("\n".join(opening))
if translated:
    st.caption(_(TRANSLATED_NOTE))
st_page_link(PAGES["timeline"], label=_("Follow the story on the timeline: Bletchley Park, {dates}").format(
             dates=format_range(bletchley["start_date"], bletchley["end_date"], tr)),
             query_params={"from": bletchley["start_date"], "to": bletchley["end_date"]}, icon=":material/timeline:")

st.header(_("Explore"))
cards = [
    ("map", _("World map"), _("Who attended each summit, who signed each declaration, who did not, and a profile of "
                              "every country."), _("Open the world map")),
    ("timeline", _("Timeline"), _("Summits, declarations, speeches and policy milestones, each with its date, source "
                                  "and a ready citation."), _("Open the timeline")),
    ("explainers", _("Explainers"), _("AI risks in plain language, with real examples, quizzes and printable "
                                      "classroom handouts."), _("Open the explainers")),
    ("data", _("About the data"), _("Every file, its provenance and licence, downloads, and how to report an error."),
     _("Open about the data")),
]
for col, (key, title, text, link) in zip(st.columns(len(cards)), cards):
    with col.container(border=True):
        st.markdown(f"### {title}\n\n{text}")  # one message, not two: fewer small messages resent per rerun
        st_page_link(PAGES[key], label=link)

# 5/ sources
st_sources([(bletchley["name"], bletchley["source_url"])]
           + [(s["source_title"], s["source_url"]) for _i, s in seed.iterrows()])
