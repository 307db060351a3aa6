"""Timeline: summits, declarations, speeches and milestones, filtered by URL, each with source and citation."""

from urllib.parse import urlencode

import streamlit as st

from components import charts, story
from components.cached import timeline_figure, timeline_items
from components.data import data_fingerprint, split_ids
from components.dates import clamp_dates, format_date, format_range, month_days, month_pick, month_span
from components.labels import KIND_LABELS, KIND_NAMES, VERIFICATION_LABELS, enum_label
from components.naming import short_party_names
from components.published import data_version
from components.share import st_share_timeline
from components.i18n import TRANSLATED_NOTE, _, active, ngettext
from components.state import UrlState, labeller, limit_text, option, options_in
from components.timeline import citation, filter_items, item_when, items_csv, to_timelinejs
from components.ui import (PAGES, domain, lang_url, md_escape, md_link, st_atlas, st_fact_footer, st_notices,
                           st_page_link, st_rerun, st_sources)

KINDS = list(KIND_NAMES)  # the filter's order
MAX_QUERY = 100  # characters of a search


def translated(item) -> bool:
    """Whether an item's text is a translation (the French Atlas marks its translated rows)."""
    return bool(item.get("translated", False))


# 1/ URL state
atlas = st_atlas()
tr = active()
kind_names = {k: tr.gettext(v) for k, v in KIND_NAMES.items()}

fingerprint = data_fingerprint(atlas.data_dir)
items = timeline_items(fingerprint, atlas, tr.lang)
state = UrlState(st.query_params)
party_names = dict(zip(atlas.parties["party_id"], atlas.parties["name"]))
party_labels = short_party_names(atlas.parties)
# the filter's values are the English speakers (a link says the same in every language), shown in the page's language
speaker_names = dict(zip(atlas.statements.get("speaker_en", atlas.statements["speaker"]), atlas.statements["speaker"]))
speakers = sorted(speaker_names)
kinds = state.many("kind", KINDS, _("kind"))
party = state.choice("party", party_names, None, _("party"))
speaker = state.choice("speaker", speakers, None, _("speaker"))
start, end = state.date("from", _("start date")), state.date("to", _("end date"))
# the date selects offer the months of the data; a real date outside them is clamped with a notice
months = month_span(items["date"].min(), max(items["date"].max(), items["end_date"].max()))
first_day, last_day = month_days(months[0])[0], month_days(months[-1])[1]
start, end, moved = clamp_dates(start, end, first_day, last_day, tr)
if moved:
    state.notices += moved
    state.set("from", start.isoformat() if start else None)
    state.set("to", end.isoformat() if end else None)
if start and end and end < start:
    state.notices.append(_("The end date is before the start date: both dates ignored."))
    state.set("from", None)
    state.set("to", None)
    start = end = None
query = state.text("q", MAX_QUERY)
event_id = state.choice("event", set(atlas.events["event_id"]), None, _("event"))
statement_id = state.choice("statement", set(atlas.statements["statement_id"]), None, _("statement"))
if state.exclusive({"event": event_id, "statement": statement_id}) == "event":
    statement_id = None  # one at a time: an event wins
st_notices(state.notices)

# 2/ controls
st.title(_("Timeline"))
st.markdown(_("Summits, declarations, speeches and policy milestones on international AI safety, 2023 to 2027. "
              "Every item has a date, a source and a ready citation. Filters are kept in the link."))
# Every widget's value is checked against its options (components/state.py): anything can arrive over the
# websocket, and a value the URL state then rejected made the page rerun forever. Labels name options only.
with st.container(border=True):
    c1, c2, c3 = st.columns([2, 1, 1])
    new_kinds = options_in(c1.multiselect(_("Kind"), KINDS, default=kinds, format_func=labeller(kind_names),
                                          placeholder=_("All kinds")), KINDS)
    party_options = [""] + list(party_names)  # short names (≤40 characters)
    new_party = option(c2.selectbox(_("Country or organisation"), party_options,
                                    index=party_options.index(party) if party else 0,
                                    format_func=labeller({"": _("All")} | party_labels)), party_options, party or "")
    speaker_options = [""] + speakers
    new_speaker = option(c3.selectbox(_("Speaker"), speaker_options, index=speaker_options.index(speaker) if speaker else 0,
                                      format_func=labeller({"": _("All")} | speaker_names)), speaker_options,
                         speaker or "")
    c4, c5, c6 = st.columns([1, 1, 2])
    # NOTE: month selects, not st.date_input: its day/month/year segments are 16 px targets (axe target-size,
    # WCAG 2.5.8). A link may still give exact days; the select then shows their month.
    month_options = [""] + months
    month_names = labeller({"": _("Any")} | {m: format_date(f"{m}-01", "month", tr) for m in months})
    shown_start, shown_end = (f"{start:%Y-%m}" if start else ""), (f"{end:%Y-%m}" if end else "")
    pick_start = option(c4.selectbox(_("From (month)"), month_options, index=month_options.index(shown_start),
                                     format_func=month_names), month_options, shown_start)
    pick_end = option(c5.selectbox(_("To (month)"), month_options, index=month_options.index(shown_end),
                                   format_func=month_names), month_options, shown_end)
    new_start = month_pick(pick_start, start, last_day=False)
    new_end = month_pick(pick_end, end, last_day=True)
    new_query, cut = limit_text(c6.text_input(_("Search titles, summaries and quotes"), value=query,
                                              help=_("Up to {n} characters").format(n=MAX_QUERY)),
                                MAX_QUERY, _("The search"))
    if cut:  # kept for the run after st.rerun() below, which writes the shorter text to the URL
        st.session_state["search-cut"] = cut
    if cut := cut or st.session_state.pop("search-cut", None):
        st.warning(cut, icon="✂️")

changes = {"kind": ",".join(new_kinds) or None, "party": new_party or None, "speaker": new_speaker or None,
           "from": new_start.isoformat() if new_start else None, "to": new_end.isoformat() if new_end else None,
           "q": " ".join(new_query.split()) or None}
current = {"kind": ",".join(kinds) or None, "party": party, "speaker": speaker,
           "from": start.isoformat() if start else None, "to": end.isoformat() if end else None, "q": query or None}
if changes != current:
    for key, value in changes.items():
        state.set(key, value)
    st_rerun()
    kinds, party, speaker, query = new_kinds, changes["party"], changes["speaker"], changes["q"] or ""
    start, end, current = new_start, new_end, changes  # st_rerun refused: this run shows what the controls say

# 3/ shape
shown = filter_items(items, kinds, party, speaker, current["from"], current["to"], query)
filters = {k: v for k, v in current.items() if v}
base = st.context.url.split("?")[0] if st.context.url else "/timeline"
link = lang_url(base + (("?" + urlencode(filters)) if filters else ""))

# 4/ draw
focus = None
if event_id or statement_id:
    focus = items[(items["item_type"] == ("event" if event_id else "statement"))
                  & (items["item_id"] == (event_id or statement_id))].iloc[0]
if focus is not None:
    with st.container(border=True):
        st.subheader(md_escape(focus["title"]))
        when = item_when(focus, tr)
        st.markdown(_("**{date}** · {kind} · verification: **{level}**").format(
            date=md_escape(when), kind=md_escape(tr.gettext(KIND_LABELS[focus["kind"]])),
            level=md_escape(enum_label(VERIFICATION_LABELS, focus["verification"], tr))))
        # the note that marks translated text rides in the same element (no element more per run)
        st.markdown(md_escape(focus["text"]) + (f"\n\n*{md_escape(_(TRANSLATED_NOTE))}*" if translated(focus) else ""))
        if focus["quote"]:
            # the quote stays in its original language; a translation adds its gloss
            gloss = focus.get("quote_gloss") or ""
            gloss = " " + md_escape(_("(in English; meaning: “{gloss}”)").format(gloss=gloss)) if gloss else ""
            st.markdown(f"> “{md_escape(focus['quote'])}”{gloss}\n>\n> — {md_escape(focus['speaker'])}")
        names = [party_names.get(p, p) for p in split_ids(focus["parties"])]
        if names:
            st.markdown(_("**Parties:** {names}").format(names=md_escape(", ".join(names))))
        st.markdown(_("**Source:** {link} ({host})").format(
            link=md_link(focus["source_title"] or focus["source_url"], focus["source_url"]),
            host=md_escape(domain(focus["source_url"]))))
        item_link = base + "?" + urlencode({"event" if event_id else "statement": focus["item_id"]})
        accessed = max(atlas.sources["accessed"])
        st.markdown(_("**Suggested citation**"))
        st.code(citation(focus, accessed, item_link, tr, data_version(atlas)), language=None, wrap_lines=True)
        st_fact_footer(focus["item_id"], focus["source_url"], focus["checked_on"], item_link)
        if focus["document_id"]:
            st_page_link(PAGES["map"], label=_("See who signed it on the map"), icon=":material/public:",
                         query_params={"document": focus["document_id"]})
        elif focus["summit_id"]:
            st_page_link(PAGES["map"], label=_("See this summit on the map"), icon=":material/public:",
                         query_params={"summit": focus["summit_id"]})
        st_page_link(PAGES["timeline"], label=_("Back to the whole timeline"))

# whole sentences: with or without filters; the month selects show only months, so the exact days a link
# may have set are said as well
n, total = tr.number(len(shown)), tr.number(len(items))
if filters:
    summary = ngettext("{n} of {total} item matches the filters.", "{n} of {total} items match the filters.",
                       len(shown)).format(n=n, total=total)
else:
    summary = ngettext("{n} of {total} item.", "{n} of {total} items.", len(shown)).format(n=n, total=total)
if current["from"] and current["to"]:
    summary += " " + _("From {start} to {end}.").format(start=format_date(current["from"], tr=tr),
                                                         end=format_date(current["to"], tr=tr))
elif current["from"]:
    summary += " " + _("From {start}.").format(start=format_date(current["from"], tr=tr))
elif current["to"]:
    summary += " " + _("Up to {end}.").format(end=format_date(current["to"], tr=tr))
st.markdown(_("**{summary}** Copy this link to share the view:").format(summary=md_escape(summary)))
st.code(link, language=None, wrap_lines=True)
if party:
    st_page_link(PAGES["map"], label=_("Open the profile of {name} on the map").format(
                 name=md_escape(party_names[party])), icon=":material/public:", query_params={"country": party})

if len(shown):
    fig = timeline_figure((fingerprint, tuple(shown["item_id"]), tr.lang), shown, atlas.summits, tr.lang)
    st.plotly_chart(fig, config=charts.PLOTLY_CONFIG, width="stretch")
    held = atlas.summits[atlas.summits["status"] == "held"]
    bands = [f"{md_escape(r['city'])} ({md_escape(format_range(r['start_date'], r['end_date'], tr))})"
             for _, r in held.iterrows()]
    st.markdown(_("Shaded bands: the summits at {places}.").format(places=", ".join(bands)))
    for _i, r in atlas.summits[atlas.summits["status"] == "announced"].iterrows():
        st.markdown(_("Announced, not on the chart because no dates are set: **{name}**, {city}. {source}").format(
            name=md_escape(r["name"]), city=md_escape(r["city"]), source=md_link(_("Source"), r["source_url"])))
else:
    st.info(_("No item matches these filters. Remove a filter to see more."))

# The files are made when a reader clicks (callables, run outside this run: they take the words made here);
# made on every run, the three CSVs were built and hashed into the media store each time
c1, c2, c3 = st.columns(3)
c1.download_button(_("Download this view (CSV)"), lambda: items_csv(shown), file_name="atlas-timeline.csv",
                   mime="text/csv", on_click="ignore")
described = story.filter_text(filters, party_names, tr, kind_names, speaker_names)
accessed = max(atlas.sources["accessed"])
c2.download_button(_("Download for TimelineJS (CSV)"),
                   lambda: to_timelinejs(shown, described, accessed, link, tr).to_csv(index=False).encode("utf-8"),
                   file_name="atlas-timelinejs.csv", mime="text/csv", on_click="ignore",
                   help=_("Knight Lab TimelineJS spreadsheet columns: paste into its Google Sheets template"))
c3.download_button(_("Download all items (CSV)"), lambda: items_csv(items), file_name="atlas-timeline-all.csv",
                   mime="text/csv", on_click="ignore")
st_share_timeline(shown, filters, atlas)  # PNG and SVG of this view, its alt text, "Embed this view"

st.header(_("Items in date order"))
entries = []
# the same words for every item: translated once, not once per item
source_line = _("Source: {link} · verification: {level} · [Details and citation]({url})")
gloss_words = _("(in English; meaning: “{gloss}”)")
levels = {v: enum_label(VERIFICATION_LABELS, v, tr) for v in VERIFICATION_LABELS}
for _i, r in shown.iterrows():
    when = item_when(r, tr)
    key = "event" if r["item_type"] == "event" else "statement"
    line = (f"**{md_escape(when)}** · {md_escape(tr.gettext(KIND_LABELS[r['kind']]))} · "
            f"**{md_escape(r['title'])}**  \n{md_escape(r['text'])}")
    if r["quote"]:
        line += f" “{md_escape(r['quote'])}”"
        if r.get("quote_gloss"):  # a translation glosses the quote, which stays in its language
            line += " " + md_escape(gloss_words.format(gloss=r["quote_gloss"]))
    line += "  \n" + source_line.format(link=md_link(r["source_title"] or domain(r["source_url"]), r["source_url"]),
                                        level=md_escape(levels.get(r["verification"], r["verification"])),
                                        url=lang_url(f"/timeline?{key}={r['item_id']}"))
    entries.append(line)
if any(translated(r) for _i, r in shown.iterrows()):
    entries.insert(0, f"*{md_escape(_(TRANSLATED_NOTE))}*")
# one element, not one per item: a message of 10 kB or more is cached by the browser and not resent on a
# rerun that leaves the list unchanged (115 small elements were 78 KB on every rerun, measured)
st.markdown("\n\n---\n\n".join(entries))

# 5/ sources
# every item above names and links its own source; listing them all again here was 17.9 KB of the page's first
# load (French: 151.5 KB, over the 150 KB budget); the list keeps the page's own sources
st_sources([], note=_("Each item above names and links its own source, with how it was verified."))
