"""The guided story: from Lancaster House to Geneva, one step per screen, each with its map, timeline and sources."""

import streamlit as st

from components import charts, story
from components.cached import timeline_items, view_sources
from components.data import data_fingerprint
from components.dates import format_date, format_range
from components.labels import VERIFICATION_LABELS, enum_label
from components.share import st_embed, st_present, story_figure, story_map
from components.i18n import TRANSLATED_NOTE, _, active
from components.state import UrlState
from components.timeline import filter_items, item_when
from components.ui import (PAGES, domain, md_escape, md_link, set_params, st_atlas, st_notices, st_page_link,
                          st_sources)

# 1/ URL state
atlas = st_atlas()
tr = active()
steps = story.story_steps(atlas.story)
if not steps:  # a data copy without a story still gets a page, not a traceback
    st.title(_("The story: from Lancaster House to Geneva"))
    st.info(_("This copy of the data has no story steps (data/story.csv is empty)."))
    st_sources([])
    st.stop()
state = UrlState(st.query_params)
mode = state.choice("mode", ["present"], None, _("mode"))
st_notices(state.notices)
present = mode == "present"
if present:
    st_present()
fingerprint = data_fingerprint(atlas.data_dir)
items = timeline_items(fingerprint, atlas, tr.lang)
st.title(_("The story: from Lancaster House to Geneva"))


@st.fragment
def story_step() -> None:
    """One step: its words, map and timeline slice. A fragment, so Previous/Next rerun only the step, not the
    page around it (the title, the sidebar, the sources). It reads the step from the URL itself."""
    state = UrlState(st.query_params)
    number = int(state.choice("step", [str(s.n) for s in steps], "1", _("step")))
    st_notices(state.notices)
    step = steps[number - 1]

    # 3/ shape
    shown = filter_items(items, start=step.start, end=step.end)
    told = items[items["item_id"].isin(step.item_ids)].sort_values(["date", "item_id"])
    parts, deck = story_map(step.map_view, step.parties, atlas)
    names = dict(zip(atlas.parties["party_id"], atlas.parties["name"]))
    named = [names[p] for p in step.parties]
    # summits overlapping the slice only: a band far away would stretch the axis to all four years
    summits = atlas.summits[(atlas.summits["start_date"] != "") & (atlas.summits["start_date"] <= step.end)
                            & (atlas.summits["end_date"] >= step.start)]
    translated = bool(atlas.story.loc[atlas.story["step"] == step.n, "translated"].any()) \
        if "translated" in atlas.story else False

    # 4/ draw
    st.progress(number / len(steps), text=_("Step {n} of {total}: {title}").format(
        n=tr.number(number), total=tr.number(len(steps)), title=step.title))
    buttons = st.container(horizontal=True)  # one block, not three (a row of columns), in every step change
    back, nxt = buttons, buttons
    # arrow keys too, as on slides (the explainers' classroom mode does the same); the step is kept in the URL
    back.button(_("Previous step"), disabled=number == 1, width="stretch", icon=":material/arrow_back:",
                shortcut="Left", key="story-previous", on_click=set_params, args=({"step": str(number - 1)},))
    nxt.button(_("Next step"), disabled=number == len(steps), width="stretch", type="primary",
               icon=":material/arrow_forward:", icon_position="right", shortcut="Right", key="story-next",
               on_click=set_params, args=({"step": str(number + 1)},))
    st.header(md_escape(step.title))
    st.markdown(md_escape(step.text))
    if translated:
        st.caption(_(TRANSLATED_NOTE))
    st.markdown(_("Source: {link} ({host}), {level}; checked {date}").format(
        link=md_link(step.source_title, step.source_url), host=md_escape(domain(step.source_url)),
        level=md_escape(enum_label(VERIFICATION_LABELS, step.verification, tr)),
        date=md_escape(format_date(step.checked_on, tr=tr))))

    st.subheader(_("On the map"))
    # the sentence under the map says what it shows; the map's own alt names it (the sentence twice was 0.3 KB
    # of every step change)
    st.pydeck_chart(deck, height=380 if not present else 460, key="story-map",
                    alt=_("Map for step {n}: {title}. The sentence under the map says what it shows.").format(
                        n=tr.number(number), title=step.title))
    st.markdown(md_escape(parts.sentence))
    legend = (_("darker blue = more documents signed; light grey = no record") if step.map_view == "all" else
              _("dark blue = signed; light blue = joined later; orange = attended, did not sign; light grey = no record"))
    outlined = [n for p, n in zip(step.parties, named) if p in set(atlas.parties.loc[atlas.parties["kind"] == "state",
                                                                                     "party_id"])]
    also = [n for n in named if n not in outlined]
    # the legend is the same on most steps (a hash on a step change); the names outlined change with each step
    st.markdown(_("Legend: {legend}.").format(legend=legend))
    if outlined or also:
        st.markdown(" ".join(
            ([_("Outlined in black: {names}.").format(names=md_escape(tr.names(outlined)))] if outlined else [])
            + ([_("Also named in this step: {names}.").format(names=md_escape(tr.names(also)))] if also else [])))
    st_page_link(PAGES["map"], label=_("Open the full map at this view"), query_params=story.map_params(step.map_view),
                 icon=":material/public:")

    st.subheader(_("On the timeline"))
    if len(shown):
        fig = story_figure((fingerprint, step.start, step.end, tuple(shown["item_id"]), tr.lang), shown, summits,
                           tr.lang)
        st.plotly_chart(fig, config=charts.PLOTLY_CONFIG, width="stretch", key="story-timeline")
    st.markdown("\n".join(
        "- " + _("**{date}**: {title}").format(date=md_escape(item_when(r, tr)), title=md_escape(r["title"]))
        + f" ({md_link(domain(r['source_url']), r['source_url'])})"  # titles are in the sources below
        for _i, r in told.iterrows()))
    st_page_link(PAGES["timeline"], label=_("Open the timeline at {dates}").format(
                 dates=format_range(step.start, step.end, tr)),
                 query_params=story.timeline_params(step), icon=":material/timeline:")

    if present:
        st_page_link(PAGES["story"], label=_("Leave projector mode"), query_params={"step": str(number)},
                     icon=":material/close_fullscreen:")
    else:
        st_page_link(PAGES["story"], label=_("Projector mode (large text, arrow keys)"),
                     query_params={"step": str(number), "mode": "present"}, icon=":material/co_present:")
        st_embed("story", {"step": str(number)} | story.lang_query(tr),
                 _("AI Summit Atlas story, step {n}: {title}").format(n=number, title=step.title))


story_step()

# 5/ sources
# every step's sources, the same list on each step (a step change resends none of it)
st_sources(story.story_sources(steps, items, {v: list(view_sources(v, fingerprint, atlas, tr.lang))
                                              for v in dict.fromkeys(s.map_view for s in steps)}))
