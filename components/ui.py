"""Shared Streamlit drawers (st_*): data loading with an error panel, notices, sources, safe text."""

from __future__ import annotations

import streamlit as st

from components.data import Atlas, data_fingerprint, load_atlas
from components.dates import format_date
from components.i18n import (DEFAULT_LANG, LANGUAGES, N_, SESSION_KEY, Translator, _, activate, active,
                             lang_params, localize)
from components.report import REPORT_LABEL
from components.site import PAGES, light_link  # noqa: F401 - pages import PAGES from here
from components.text import (NOWRAP_MAX, domain, html_table, md_escape, md_link, md_shared_targets,  # noqa: F401
                             notice_markdown, report_md_link, safe_url)  # re-exported: pages and tests import them from here
from components.state import UrlState, labeller, option


def st_fact_footer(fact_id: str, source_url: str, checked_on: str, page_url: str) -> None:
    """Under a fact shown in detail: when a person last checked it, and a link to report a problem with it."""
    tr = active()
    checked = md_escape(tr.gettext("Source last checked on {date}").format(date=format_date(checked_on, tr=tr))) \
        if checked_on else ""
    st.markdown((checked + " · " if checked else "")
                + report_md_link(fact_id, source_url, lang_url(page_url), tr.gettext(REPORT_LABEL)))


def lang_url(url: str, lang: str | None = None) -> str:
    """A link into the Atlas with the active language kept (`/map?country=FRA&lang=fr`), or `lang`'s."""
    params = lang_params(lang=lang)
    if not params:
        return url
    return f"{url}{'&' if '?' in url else '?'}lang={params['lang']}"


def st_page_link(page: str, label: str, query_params: dict | None = None, **kwargs) -> None:
    """st.page_link that keeps the active language in the link, as every link the Atlas builds does."""
    st.page_link(page, label=label, query_params=lang_params(query_params) or None, **kwargs)


def st_language() -> Translator:
    """The interface language: `?lang=`, made active for this session, with the sidebar control that writes it.

    NOTE: Streamlit's sidebar navigation drops the query string when it changes page, so a run with no `lang`
    in a session that chose one keeps the session's language and writes it back to the URL (a reload then keeps
    it). A new session with no `lang` is in English; an unknown value falls back to English with a notice.
    """
    params = st.query_params
    raw = params.get("lang")
    notices: list[str] = []
    if not raw and st.session_state.get(SESSION_KEY, DEFAULT_LANG) != DEFAULT_LANG:
        lang = st.session_state[SESSION_KEY]
        params["lang"] = lang
    else:
        state = UrlState(params)
        lang = state.choice("lang", list(LANGUAGES), DEFAULT_LANG, "language")
        notices = state.notices
    codes = list(LANGUAGES)
    # The visitor's choice in the control is read before the control is drawn (a widget's new value is in
    # session_state when the run starts), and this same run is drawn in it. A second run asked for after the
    # choice lost the switch under load: the browser's next message still carried the old ?lang= and put it back
    # in the URL, and the rerun guard then refused the rerun that would have fixed it (French -> English stayed
    # French, with "This view could not be updated"; tests/test_browser_i18n.py, under load).
    picked = option(st.session_state.get(f"language-{lang}"), codes, lang)
    if picked != lang:
        lang = picked
        if lang == DEFAULT_LANG:
            del params["lang"]
        else:
            params["lang"] = lang
    tr = activate(lang)
    # keyed by the language: the control, and its label, are new in each language (the old one's state is
    # dropped at the end of the run, as for any widget that was not drawn)
    st.sidebar.radio(tr.gettext("Language"), codes, index=codes.index(tr.lang),
                     format_func=labeller({code: LANGUAGES[code].name for code in codes}),
                     horizontal=True, key=f"language-{tr.lang}")
    # The page's own language, for screen readers and hyphenation: index.html says lang="en". A constant
    # script (the code comes from LANGUAGES, never from the URL), run once per change of language.
    st.sidebar.html(f'<script>document.documentElement.lang = "{tr.lang}";</script>', unsafe_allow_javascript=True)
    st_notices(notices)
    return tr


LIGHT_LINK = N_("Light version (no JavaScript)")


def st_light_link(url_path: str) -> None:
    """A small link in the sidebar to this page's twin in the light edition (static pages for slow links and big
    audiences, served by deploy/'s nginx at /light/; components/export_light.py); each light page links back."""
    tr = active()
    link = light_link(url_path, dict(st.query_params.items()), tr.lang)
    st.sidebar.markdown(f":small[[{md_escape(tr.gettext(LIGHT_LINK))}]({link})]")


def st_atlas() -> Atlas:
    """The validated data, or a clear error panel naming file and line, then stop the page."""
    atlas, problems = load_atlas()
    if atlas is None:
        st.error(_("The Atlas cannot show this page: its data files did not pass validation."),
                 icon=":material/warning:")
        st.markdown(_("**Problems found** (file:line: column: problem):"))
        st.code("\n".join(str(p) for p in problems[:200]) or "unknown problem", language=None, wrap_lines=True)
        st.markdown(_("Editors: run `python -m components.data --check data/` and fix each line above."))
        st.stop()
    lang = active().lang
    return atlas if lang == DEFAULT_LANG else _localized(data_fingerprint(atlas.data_dir), lang, atlas)


@st.cache_resource(show_spinner=False, max_entries=8)
def _localized(fingerprint: str, lang: str, _atlas: Atlas) -> Atlas:
    """The Atlas in one language, built once per data version and shared read-only like the English one."""
    return localize(_atlas, lang)


def st_notices(notices: list[str]) -> None:
    """Show URL-parameter and widget notices as visible warnings: text, never HTML, and never a link (a value they
    repeat is an inline code span, components/state.py shown)."""
    for notice in notices:
        st.warning(notice_markdown(notice), icon=":material/info:")


# A rerun the page asked for itself (a widget's value written to the URL) must settle in one more run. A value
# that does not (a widget that keeps a value the URL state rejects) reran the page forever: the server stopped
# answering for every visitor. Runs the Atlas started itself are counted; the count starts again with a run the
# visitor started.
MAX_CHAINED_RERUNS = 1
_RERUN_PENDING, _RERUN_CHAIN = "atlas:rerun-pending", "atlas:rerun-chain"


def count_rerun() -> None:
    """At the start of every page run (app.py): is this run one the Atlas asked for (st_rerun), or the visitor's?"""
    ours = st.session_state.pop(_RERUN_PENDING, False)
    st.session_state[_RERUN_CHAIN] = st.session_state.get(_RERUN_CHAIN, 0) + 1 if ours else 0


def st_rerun() -> None:
    """st.rerun(), unless this run is already one the Atlas asked for: then a visible notice and no rerun, and the
    page goes on with the state it has (a guard: validated widget values never need a second rerun)."""
    if st.session_state.get(_RERUN_CHAIN, 0) >= MAX_CHAINED_RERUNS:
        st_notices([_("This view could not be updated from the controls; it shows the state in its link.")])
        return
    st.session_state[_RERUN_PENDING] = True
    st.rerun()


def st_sources(rows: list[tuple[str, str]], heading: str | None = None, note: str | None = None) -> None:
    """End a page with the sources it used: (title, url) pairs, deduplicated, plus the data page link. `note`
    says where the rest are (a page whose every item links its own source)."""
    st.divider()
    st.subheader(heading or _("Sources"))
    seen, lines = set(), []
    for title, url in rows:
        if url and url not in seen:
            seen.add(url)
            lines.append(f"- {md_link(title or domain(url), url)} ({md_escape(domain(url))})")
    st.markdown("\n\n".join(([md_escape(note)] if note else []) + (["\n".join(lines)] if lines else []))
                or _("No external sources on this page."))
    st_page_link(PAGES["data"], label=_("About the data: provenance, licences, downloads and how to cite"))


TABLE_CSS = """<style>
.atlas-table { overflow-x: auto; max-width: 100%; border: 1px solid #d5d9e0; border-radius: 0.5rem; }
.atlas-table:focus { outline: 3px solid #1f5fa8; outline-offset: 2px; }
.atlas-table table { border-collapse: collapse; font-size: 0.875rem; width: 100%; }
.atlas-table caption { text-align: left; padding: 0.5rem; font-weight: 600; color: #1a1a1a; }
.atlas-table th, .atlas-table td { border-top: 1px solid #e5e7eb; padding: 0.35rem 0.5rem; text-align: left;
  vertical-align: top; color: #1a1a1a; overflow-wrap: anywhere; }
.atlas-table .nowrap { white-space: nowrap; overflow-wrap: normal; }
.atlas-table .wide { min-width: 14rem; }
.atlas-table thead th { background: #f2f4f7; }
</style>"""


def st_table(frame, caption: str, row_header: str | None = None) -> None:
    """Draw a DataFrame as an accessible HTML table (all cell text escaped)."""
    # lang: a screen reader reads the table in the page's language (Markdown elements cannot carry lang)
    # TABLE_CSS comes once per page with the site's style sheet (st_wrap_text), not with every table
    st.html(f'<div lang="{active().lang}">' + html_table(frame, caption, row_header) + "</div>")


# Streamlit cuts page-link and widget-label text that does not fit with an ellipsis ("Harm to individuals
# through fake co…", "Outline EU …"); let it wrap onto more lines instead. Drawn once per run by app.py.
WRAP_CSS = """<style>
[data-testid="stPageLink"] a *, [data-testid="stWidgetLabel"] [data-testid="stMarkdownContainer"],
[data-testid="stWidgetLabel"] [data-testid="stMarkdownContainer"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
</style>"""


def st_wrap_text() -> None:
    """The site's constant style sheet (no data in it), drawn by app.py on every page: link and label text wraps
    instead of being cut, and the accessible tables' and participation strips' style. One message that is the same on every run comes back
    as a hash; inside each table it was resent with every new table (0.6 KB of a profile click)."""
    from components.charts import STRIP_CSS

    st.html(WRAP_CSS + TABLE_CSS + STRIP_CSS)


def set_params(params: dict[str, str | None]) -> None:
    """A button's on_click callback: write URL parameters (None removes one) before the rerun the press starts.

    A press that wrote them and then called st.rerun() ran the page (or the fragment) twice: 14.6 KB per story
    step change instead of 11.8 (bench/budgets.py)."""
    url = UrlState(st.query_params)
    for key, value in params.items():
        url.set(key, value)


def st_pick(where, key: str, label: str, options: list[str], names: dict[str, str], placeholder: str) -> None:
    """A "go to" picker: choosing opens the choice (read with take_pick) and the picker shows its placeholder again.

    Its message stays the same whatever is open, so it comes back as a hash: a picker that showed the open
    choice was resent whole (about 190 options, 3.0 KB) each time a click on the map changed the choice."""
    where.selectbox(label, options, index=None, key=key, placeholder=placeholder, format_func=labeller(names),
                    on_change=_keep_pick, args=(key,))


def _keep_pick(key: str) -> None:
    st.session_state[f"{key}:chosen"] = st.session_state[key]  # any value: take_pick's callers check it
    st.session_state[key] = None  # back to the placeholder


def take_pick(key: str) -> str | None:
    """What was chosen in st_pick's picker since the last run (once), or None."""
    return st.session_state.pop(f"{key}:chosen", None)


def st_strips(strips: list[tuple[str, "object"]], caption: str) -> None:
    """The participation strip(s): one accessible HTML table of marks named in words, and the legend (one
    message: a separate chart, legend and table twin in an expander were five, 2.9 KB per click)."""
    from components.charts import STRIP_LEGEND, build_strip

    tr = active()
    st.html(build_strip(strips, caption, tr.gettext(STRIP_LEGEND), tr.lang))


def st_profile(profile, page_url: str, history: tuple[tuple[str, str], ...] = ()) -> None:
    """A party's profile, summit by summit, then documents outside the summits, its institute and its events; then
    a panel, drawn when opened, with `history` (cached.party_history: its record in date order), when each line was
    checked with its report link, and the timeline filtered to it."""
    from components.profiles import checks_block, profile_blocks

    tr = active()
    # one Markdown message, not one per section: messages of 1 kB or more are cached by the browser
    # (.streamlit/config.toml), so a warm rerun resends a ~75 B hash instead of ~1 kB of small sections. No
    # sentence before the summits: each line says what it is, and every byte here is sent by the click that opens
    # the profile (France's in French was 10.3 KB with it, budget 10)
    st.markdown(md_shared_targets("\n\n".join([
        *profile_blocks(profile, page_url, tr),
        tr.ngettext("**Timeline**: {n} event names {party}.", "**Timeline**: {n} events name {party}.",
                    len(profile.events)).format(n=tr.number(len(profile.events)), party=md_escape(profile.name))])))
    # the history, each line's check date and report link, and the timeline's link in one closed panel, drawn when
    # opened: a panel (225 B) and the link (254 B) on every click took France's in French to 10.2 KB
    # (bench/budgets.py); the checks and reports on each line, with a link per title, 10.5 KB
    panel = st.expander(tr.gettext("In date order, checks and reports, and on the timeline"), key="ph",
                        on_change="rerun")
    if panel.open:
        with panel:
            if history:
                st.markdown("\n".join(f"- {md_escape(when)}: {md_escape(what)}" for when, what in history))
            else:
                st.markdown(tr.gettext("Nothing dated is recorded for this party."))
            if checks := checks_block(profile, page_url, tr):
                st.markdown(md_shared_targets("**" + tr.gettext("When each line was last checked")
                                              + "**\n\n" + checks))
            st_page_link(PAGES["timeline"], label=tr.gettext("Open the timeline filtered to {party}").format(
                party=md_escape(profile.name)), query_params={"party": profile.party_id}, icon=":material/timeline:")
