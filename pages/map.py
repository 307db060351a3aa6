"""World map: who attended, who signed, who did not; a signature matrix; every country's profile."""

from datetime import date
from html import escape

import streamlit as st

from components import asof, breadth, stages
from components.charts import PLOTLY_CONFIG
from components.cached import (MATRIX_CAPTION, joined_none_view, joins_view, map_choices, map_matrix, map_view,
                               month_labels, party_history, party_profile)
from components.data import ROLES, data_fingerprint
from components.i18n import _, active, ngettext
from components.labels import ROLE_HEADINGS
from components.mapviews import View, picked_party
from components.share import st_share_map
from components.state import UrlState, labeller, limit_text, option
from components.text import BuiltHtml
from components.ui import (PAGES, lang_url, md_escape, md_link, st_atlas, st_notices, st_page_link, st_pick,
                           st_profile, set_params, st_rerun, st_sources, st_strips, st_table, take_pick)

MAX_FILTER = 60  # characters of the matrix's party filter (the longest party name is under 60)
PLAY_SECONDS = 1.5  # one month per step while playing: long enough to read the date and see the map change

# 1/ URL state
atlas = st_atlas()
tr = active()
state = UrlState(st.query_params)
fingerprint = data_fingerprint(atlas.data_dir)
choices = map_choices(fingerprint, tr.lang, atlas)  # names and picker labels, built once and shared (read-only)
doc_names, doc_full, summit_names = choices.doc_names, choices.doc_full, choices.summit_names
document_id = state.choice("document", doc_names, None, _("document"))
summit_id = state.choice("summit", summit_names, None, _("summit"))
if state.exclusive({"document": document_id, "summit": summit_id}) == "document":
    summit_id = None  # one at a time: a document wins over a summit
party_names = choices.party_names  # pickers and strips: short names (≤40 characters)
ids = list(party_names)
# the day the map is as of (components/asof.py): none means today; a bad or out-of-span date falls back to today
today = date.today()
within = asof.span(atlas.summits, today)
as_of, notice = asof.check(state.date("date", _("date")), within, tr)
if notice:
    state.notices.append(notice)
if as_of is None:
    state.set("date", None)
st_notices(state.notices)

view = View("document", document_id) if document_id else (
    View("summit", summit_id) if summit_id else View())
views, labels = choices.views, choices.labels  # options `all`, `summit:<id>`, `document:<id>`, parsed into a View

# 2/ controls (they write the URL state)
st.title(_("World map"))
st.markdown(_("Who attended each AI summit, who signed each declaration, and who did not. Pick a view, hover a "
              "country, and click it (or choose it below) to see its profile beside the map."))
# the view picker, and beside it the month slider; the EU outline and Play under each other in the third column
# (one row: a second row of controls pushed the map's southern half below a 900 px window)
c1, c4, c3 = st.columns([3, 3, 2])
# widget values are checked against their options (components/state.py): anything can arrive over the websocket
picked = option(c1.selectbox(_("What the map shows"), views, index=views.index(str(view)),
                             format_func=labeller(labels),
                             help=_("Full title: {title}").format(title=doc_full[view.ident])
                             if view.kind == "document" else None), views, str(view))
highlight_eu = c3.toggle(_("Outline EU member states"), value=False) is True
picked_view = View.parse(picked)
if picked_view != view:
    state.set("document", picked_view.ident if picked_view.kind == "document" else None)
    state.set("summit", picked_view.ident if picked_view.kind == "summit" else None)
    st_rerun()
    view = picked_view  # st_rerun refused: this run shows the view the control and the URL now say


def show_month(month: str | None) -> None:
    """Write the day a month step shows into the URL (its last day; none for the current month: today)."""
    months = within.months()
    UrlState(st.query_params).set("date", within.month_end(month).isoformat()
                                  if month and month != months[-1] else None)


def moved() -> None:
    """The slider's callback: show the month picked; a hand on the slider stops Play."""
    st.session_state["as-of-playing"] = False
    month = option(st.session_state.get("as-of-month"), months)  # checked like every widget value
    if month:
        show_month(month)


def play() -> None:
    """Play or pause; Play at the end (today) starts again from the first month."""
    playing = not st.session_state.get("as-of-playing", False)
    st.session_state["as-of-playing"] = playing
    if playing and as_of is None:
        show_month(within.months()[0])


# the month slider and Play: the URL decides the month shown (a link, Back, or a step of Play moves the slider)
months = tuple(within.months())
st.session_state["as-of-month"] = asof.month_of(as_of or today)
playing = st.session_state.get("as-of-playing", False)
c4.select_slider(_("Month shown"), months, key="as-of-month", format_func=month_labels(months, tr.lang).get,
                 on_change=moved, help=_("The map at the end of each month; arrow keys move one month."))
c3.button(_("Pause") if playing else _("Play the months"), key="as-of-play", on_click=play,
          icon=":material/pause:" if playing else ":material/play_arrow:",
          help=_("Step through the months, one every {n} seconds, and stop at today.").format(
              n=tr.number(PLAY_SECONDS)))
st.session_state["as-of-full-run"] = True  # the page ran: the Play fragment below does not step in this run


@st.fragment(run_every=PLAY_SECONDS if playing else None)
def play_step() -> None:
    """While playing, every PLAY_SECONDS: the next month, then a run of the page; at the last month (today) Play
    stops, and the next run draws this fragment without a timer (so no run follows)."""
    if st.session_state.pop("as-of-full-run", False) or not st.session_state.get("as-of-playing"):
        return
    shown = UrlState(st.query_params).date("date")
    following = within.next_month(asof.month_of(shown or today))
    if following is None or following == months[-1]:
        st.session_state["as-of-playing"] = False
    show_month(following)
    # st.rerun, not ui.st_rerun: a step is started by Play's timer, as a click would be (the guard counts the runs
    # the Atlas chains by itself, and would stop Play at its second step); it ends when the months do
    st.rerun()


play_step()

# 3/ shape and build (shared, built once per data version)
phone = "Mobi" in st.context.headers.get("User-Agent", "")  # phones say "Mobi" (MDN); the map opens zoomed out
built = map_view(view, fingerprint, highlight_eu, atlas, None, phone, tr.lang, as_of)  # in the session's language
shaped = built.shape
sources = list(shaped.sources)

# 4/ draw: the map, and beside it (under it on a phone) the chosen party's profile
# the day shown, in words, in a live region: a screen reader says each new month while Play steps (escaped text)
# one container: what follows keeps its place on the page whatever notes a day has, so an unchanged element
# further down comes back as a hash (a note more or less moved the profile picker and resent it, 3 KB a move)
with st.container():
    st.html(f'<p role="status" aria-live="polite" style="margin:0;font-weight:600">'
            f'{escape(asof.as_of_line(as_of, today, tr))}</p>')
    st.markdown(f"**{md_escape(shaped.sentence)}**")
    if shaped.coverage:
        st.info(md_escape(shaped.coverage), icon=":material/info:")
    if shaped.attendance_note:
        st.info(md_escape(shaped.attendance_note), icon=":material/groups:")
    if built.geometry_url is None:
        st.warning(_("The country shapes could not be loaded, so every country is drawn as a point."),
                   icon=":material/warning:")

@st.fragment
def country_panel(view: View, highlight_eu: bool, phone: bool, as_of: date | None) -> None:
    """The map and, beside it (under it on a phone), the chosen party's profile: one fragment, so a click on the
    map or a pick reruns only this part of the page (a profile click sent 14.8 KB as a whole-page rerun:
    navigation, sidebar, headings, the share and matrix blocks came again; bench/budgets.py)."""
    state = UrlState(st.query_params)  # a fragment rerun reads the URL itself: the page's code above does not run
    country = state.choice("country", party_names, None, _("country"))
    compare = state.choice("compare", party_names, None, _("party to compare with"))
    # a click on the map (the selection of the previous run's chart) opens a profile, or closes the one shown
    map_key = f"world-map-{country or 'none'}"  # a new chart per choice: a click always starts from no selection
    picked = picked_party(st.session_state.get(map_key))
    if picked in party_names:
        country = None if picked == country else picked
        state.set("country", country)
        map_key = f"world-map-{country or 'none'}"
    # the pickers are "go to" controls that always show their placeholder (ui.take_pick): a profile opened by a
    # click on the map then resends neither picker's ~190 options (3.0 KB each per click, bench/budgets.py)
    for key, param in (("profile-picker", "country"), ("compare-picker", "compare")):
        if (chosen := take_pick(key)) in party_names:
            state.set(param, chosen)
            country, compare = (chosen, None) if param == "country" else (country, chosen)
            if param == "country":
                state.set("compare", None)
                map_key = f"world-map-{country}"
            else:
                st.session_state["compare-open"] = False
    if compare and compare == country:
        state.notices.append(_("A party cannot be compared with itself: choose another party."))
        state.set("compare", None)
        compare = None
    if compare and not country:
        state.notices.append(_("“compare” needs a country to compare with: choose a country first."))
        state.set("compare", None)
        compare = None
    st_notices(state.notices)
    deck = map_view(view, fingerprint, highlight_eu, atlas, country, phone, tr.lang, as_of).deck  # chosen outlined
    profile = party_profile(country, fingerprint, atlas, tr.lang) if country else None

    map_col, side = st.columns([3, 2], gap="medium")
    with map_col:
        st.pydeck_chart(deck, height=460, alt=shaped.sentence, key=map_key, on_select="rerun",
                        selection_mode="single-object")
        # legend in words (colour is never the only carrier of status)
        if view.kind == "all":
            st.markdown(_("Legend: darker blue = more documents signed; light grey = no record. "
                          "A black outline marks the chosen country."))
        elif "stage_group" in shaped.table:  # a treaty: each party's latest legal stage
            st.markdown(stages.legend_sentence(tr))
        else:
            st.markdown(_("Legend: dark blue = signed; light blue = joined later; orange = attended, did not sign; "
                          "light grey = no record. A black outline marks the chosen country."))
    with side:
        st_pick(st, "profile-picker", _("Country profile"), ids, party_names, _("Choose a country or organisation"))
        if profile is None:
            st.markdown(_("**Click a country** on the map, or choose one above, to see its profile here: summit by "
                          "summit, what it signed, what it said."))
            return
        st.header(_("Country profile: {name}").format(name=md_escape(profile.name)), anchor="profile")
        st.button(_("Clear"), icon=":material/close:", help=_("Close the profile"), on_click=set_params,
                  args=({"country": None, "compare": None},))
        other = party_profile(compare, fingerprint, atlas, tr.lang) if compare else None
        strips = [(party_names[country], profile.strip)] + ([(party_names[compare], other.strip)] if other else [])
        st_strips(strips, _("{party} compared with {other}: status at each summit's documents").format(
            party=profile.name, other=other.name) if other else
            _("{party}: status at each summit's documents").format(party=profile.name))
        # the compare picker opens on request and closes once used: a click on a country sends no picker at all
        if st.session_state.get("compare-open"):
            st_pick(st, "compare-picker", _("Compare with"), ids, party_names, _("Choose a party to compare with"))
        else:
            st.button(_("Compare with another party"), icon=":material/compare_arrows:",
                      on_click=st.session_state.update, kwargs={"compare-open": True})
        if compare:
            st.button(_("Remove the comparison"), icon=":material/close:", on_click=set_params,
                      args=({"compare": None},))
        # each line of the profile links its own source; the page's list below keeps the view's sources
        st_profile(profile, lang_url(f"/map?country={country}"), party_history(country, fingerprint, atlas, tr.lang))


country_panel(view, highlight_eu, phone, as_of)

# PNG, SVG and CSV of this view as of its day, alt text, "Embed this view"
st_share_map(str(view), atlas, as_of=as_of, csv=lambda: asof.view_csv(shaped, as_of))
if shaped.not_drawn:
    st.subheader(_("Not on the map"))
    st.markdown(_("These parties have no country shape.") + " " + tr.joined([
        _("**{label}**: {text}").format(label=md_escape(n), text=md_escape(label)) for n, label in shaped.not_drawn]))

if view.kind == "summit" and len(shaped.participants):
    st.subheader(_("Other participants"))
    for role in ROLES[1:]:
        rows = shaped.participants[shaped.participants["role"] == role]
        if len(rows):
            st.markdown(_("**{label}**: {text}").format(label=_(ROLE_HEADINGS[role]), text=tr.joined([
                f"{md_escape(r['name'])} ({md_link(_('source'), r['source_url'])})" for _i, r in rows.iterrows()])))

if view.kind == "all":
    none_sentence, none_table, none_csv, n_none = joined_none_view(fingerprint, as_of, atlas, tr.lang)
    st.subheader(_("Who joined none"))
    st.markdown(md_escape(none_sentence))
    # the definition and the list are drawn when a reader opens them: ~100 names and the definition, resent on
    # every move of the month slider, took the move past its 10 KB (bench/budgets.py)
    panel = st.expander(_("Which states, and what counts"), key="joined-none", on_change="rerun",
                        icon=":material/list:")
    if panel.open:
        with panel:
            st.markdown(md_escape(_(breadth.DEFINITION)) + "\n\n" + breadth.context_markdown(atlas.statements, tr))
            st.html(BuiltHtml(none_table))
            st.download_button(_("Download the list (CSV)"), lambda: none_csv, mime="text/csv", on_click="ignore",
                               file_name=f"joined-none{f'-{as_of}' if as_of else ''}.csv")

if view.kind == "document":
    listed = shaped.listed
    st.subheader(_("Parties and their status"))
    st.caption(_("Full title: {title}").format(title=md_escape(doc_full[view.ident])))
    st_page_link(PAGES["documents"], label=_("What it says, in its own words: passages and the risks it names"),
                 query_params={"doc": view.ident}, icon=":material/format_quote:")
    # as of a past day the list is drawn when opened: its table (~27 KB for Bletchley) changes as parties join,
    # and each move of the month slider resent it
    where = st if as_of is None else st.expander(_("The list as of {date}").format(date=tr.date(as_of)),
                                                 key="listed-as-of", on_change="rerun", icon=":material/list:")
    if as_of is None or where.open:
        where.dataframe(
            listed[["name", "label", "date_text", "level", "source_url", "checked_on", "note", "report"]],
            hide_index=True, width="stretch",
            column_config={"name": _("Party"), "label": _("Status"), "date_text": _("Date"),
                           "level": _("Verification"),
                           "source_url": st.column_config.LinkColumn(_("Source"),
                                                                     display_text=r"https?://(?:www\.)?([^/]+)"),
                           "checked_on": _("Last checked"), "note": _("Note"),
                           "report": st.column_config.LinkColumn(_("Report"), display_text=_("Report a problem"))},
        )
    # disputes stand out beside the map; other caveats stay in the table's Note column
    for _i, r in listed[listed["disputed"]].iterrows():  # read from the English note (participation._every_party)
        st.warning(_("**{label}**: {text}").format(label=md_escape(r["name"]), text=md_escape(r["note"])),
                   icon=":material/balance:")
    # how the list grew: a step chart and its table twin (the same counts in words), the same on every month
    figure, joins_table, joins_caption, n_steps = joins_view(view.ident, fingerprint, today.isoformat(), atlas,
                                                            tr.lang)
    if n_steps:
        st.subheader(_("Joined over time"))
        st.plotly_chart(figure, config=PLOTLY_CONFIG, key="joins-chart")
        st.html(BuiltHtml(joins_table))

# signature matrix
st.header(_("Compare across summits"))
matrix, matrix_csv, matrix_html, matrix_arrow = map_matrix(fingerprint, atlas, tr.lang)
party_col, matrix_caption = tr.gettext("Party"), tr.gettext(MATRIX_CAPTION)
# only the open tab is drawn (on_change="rerun"): the sortable view's Arrow table is sent when a reader asks for it
tab_table, tab_sort = st.tabs([_("Table"), _("Sortable view")], key="matrix-tab", on_change="rerun")
if tab_table.open:
    with tab_table:
        query, cut = limit_text(st.text_input(_("Filter by party name"), key="matrix-filter",
                                              help=ngettext("Up to {n} character", "Up to {n} characters",
                                                            MAX_FILTER).format(n=MAX_FILTER)),
                                MAX_FILTER, _("The party filter"))
        if cut:
            st.warning(cut, icon="✂️")
        if query:
            shown = matrix[matrix[party_col].str.contains(query, case=False, regex=False)]
            st_table(shown, matrix_caption, row_header=party_col)
        else:
            st.html(BuiltHtml(matrix_html))  # built once per data version, sent as is; its CSS is the site's
if tab_sort.open:
    with tab_sort:
        st.dataframe(matrix_arrow, hide_index=True, width="stretch")  # short titles; full ones in the table's hover
# a callable: the file is made when a reader clicks (bytes passed here were hashed into the media store every run)
st.download_button(_("Download the matrix (CSV)"), lambda: matrix_csv, file_name="signature-matrix.csv", mime="text/csv",
                   on_click="ignore")

# 5/ sources
st_sources(sources + [(_("Natural Earth country shapes (public domain), via world-atlas"),
                       "https://github.com/topojson/world-atlas")])
