"""About the data: dictionary, provenance and licence per file, counts, downloads, citation, corrections."""

from urllib.parse import quote

import pandas as pd
import streamlit as st

from components import facts
from components.cached import database_download
from components.data import README_START, TABLES, data_fingerprint, data_rules, file_bytes, load_atlas, zip_bytes
from components.dates import format_date
from components.export_sqlite import DOWNLOAD_NAME, METADATA_NAME
from components.feed import FEED_PATH
from components.labels import VERIFICATION_LABELS, enum_label
from components.overview import checked_spread, latest_changes, verification_mix
from components.published import data_version
from components.i18n import DEFAULT_LANG, TRANSLATED_NOTE, _, active
from components.report import fact_page, read_fact
from components.site import SITE
from components.state import clean, shown, valid_page_ref
from components.ui import (PAGES, lang_url, md_escape, md_link, report_md_link, st_atlas, st_fact_footer,
                           st_notices, st_page_link, st_sources, st_table)

# 1/ URL state: `fact` (a fact's permalink), or `report` (a fact's id) and `from` (the page it was seen on), from a
# fact's report link (components/report.py report_link)
tr = active()
atlas = st_atlas()
PAGE_PATHS = {"/" + p.url_path for p in SITE}
raw_report = st.query_params.get("report", "")
report_id = read_fact(clean(raw_report)[:200])
# `from` only as the Atlas writes it (a page of the Atlas, a query without spaces or Markdown): the report's body
# repeats it, and an issue tracker renders that body as Markdown (images, @mentions, links)
report_from = valid_page_ref(st.query_params.get("from", ""), PAGE_PATHS)
if report_id and not report_from:  # a profile's links leave out the page they are shown on (report_link)
    report_from = lang_url(fact_page(report_id, atlas.events))
reported = facts.find(atlas, report_id) if report_id else None
report_source = reported.row["source_url"] if reported is not None else None
raw_fact = st.query_params.get("fact", "")
fact_value = clean(raw_fact)[:200]
fact = facts.find(atlas, fact_value) if fact_value else None
removed = facts.removal(atlas.changes, fact_value) if fact_value and fact is None else None
notices = []
if fact_value and fact is None and removed is None:
    notices.append(_("No fact “{fact}” in the data: search the timeline for it, or see what changed below.").format(
        fact=shown(raw_fact)))
if report_id and report_source is None:
    notices.append(_("No fact “{fact}” in the data: the report form below is not pre-filled.").format(
        fact=shown(raw_report)))
    report_id = ""

# 3/ shape
tables = {t.file: getattr(atlas, name) for name, t in TABLES.items()}
mix = verification_mix(tables)
sources = atlas.sources.drop(columns=["_line", "translated"], errors="ignore")  # `translated`: localize
last_updated = format_date(max(sources["accessed"]), tr=tr)
fact_rows = int(mix["primary"].fillna(0).sum() + mix["secondary"].fillna(0).sum())
primary_share = mix["primary"].fillna(0).sum() / fact_rows if fact_rows else 0



def ngettext_rows(file: str, n: int) -> str:
    """`risks.csv (13 rows)`, in the active language's plural form."""
    return tr.ngettext("{file} ({n} row)", "{file} ({n} rows)", n).format(file=file, n=tr.number(n))


# 4/ draw
st.title(_("About the data"))
st_notices(notices)
version = data_version(atlas)
if fact is not None:  # a fact's permalink: the fact in words, its source, its citation and its history
    permalink = lang_url(facts.permalink(fact.link_id))
    seen = facts.view(fact, atlas, version, permalink, tr)
    st.header(_("A fact and its history"), anchor="fact")
    st.subheader(md_escape(seen.title))
    st.markdown(md_escape(seen.text))
    st.markdown(_("**Source:** {link} · verification: **{level}**").format(
        link=md_link(seen.source_url, seen.source_url),
        level=md_escape(enum_label(VERIFICATION_LABELS, seen.verification, tr))))
    st.markdown(_("**Suggested citation** (data version {version})").format(version=md_escape(version)))
    st.code(seen.citation, language=None, wrap_lines=True)
    history = facts.history(atlas.changes, fact.link_id)
    st.markdown(_("**History**") + "\n\n" + ("\n".join(
        f"- **{md_escape(format_date(c['date'], tr=tr))}** "
        f"({md_escape(enum_label(facts.CHANGE_KIND_LABELS, c.get('kind') or '', tr))}): "
        f"{md_escape(c['summary'])} {md_escape(c.get('reason') or '')}" for _i, c in history.iterrows())
        or md_escape(_("No change has named this fact since the first release."))))
    st_fact_footer(fact.fact_id, seen.source_url, seen.checked_on, permalink)
elif removed is not None:
    st.header(_("A fact and its history"), anchor="fact")
    st.info(_("“{fact}” was removed from the Atlas on {date}. {summary} {reason}").format(
        fact=md_escape(fact_value), date=md_escape(format_date(removed["date"], tr=tr)),
        summary=md_escape(removed["summary"]), reason=md_escape(removed.get("reason") or "")),
        icon=":material/history:")
elif fact_value:
    st_page_link(PAGES["timeline"], label=_("Search the timeline"), query_params={"q": fact_value[:100]},
                 icon=":material/search:")
if report_id:
    st.header(_("Report a problem with this fact"), anchor="report")
    st.markdown(_("**Fact:** {fact}  \n**Source cited:** {source}  \n**Page:** {page}").format(
        fact=md_escape(report_id), source=md_link(report_source, report_source) if report_source else "–",
        page=shown(report_from)))  # a code span cut to 40 characters, as every repeated URL value
    st.markdown(report_md_link(report_id, report_source, report_from, _("Open the pre-filled report"), direct=True)
                + _(" (your e-mail program or the issue tracker, with the fact, its source and the page filled in)."))
st.markdown(_(
    "Everything in the Atlas comes from curated CSV files, one fact per row. Every fact row carries a "
    "`source_url` and a verification level: **primary** (an official page, or a verbatim copy of one) or "
    "**secondary** (reputable press). A fact we could not verify is left out. Where an official count is "
    "larger than the list we could verify, the Atlas says how many of the official total it lists."
))
st.markdown(_("**Last updated:** {date}. **Fact rows:** {rows}, of which {share} rest on a primary source.").format(
    date=md_escape(last_updated), rows=tr.number(fact_rows), share=md_escape(tr.percent(primary_share))))

st.header(_("What changed"))
changes = latest_changes(atlas.changes)
facts_word = _("Facts:")
named = [facts.fact_ids(r) for _i, r in changes.iterrows()]
st.markdown("\n".join(f"- **{md_escape(format_date(r['date'], tr=tr))}** ({md_escape(r['files'].replace(';', ', '))}): "
                       f"{md_escape(r['summary'])}"
                       + ("".join([f" {md_escape(facts_word)}"] + [
                           f" [{md_escape(i)}]({quote(lang_url(facts.permalink(i)), safe='/?=&:')})"
                           for i in ids]) if ids else "")
                       for (_i, r), ids in zip(changes.iterrows(), named)))
if changes.get("translated", pd.Series(dtype=bool)).any():  # the change log's summaries are translated data
    st.caption(_(TRANSLATED_NOTE))
st.markdown(_("Every change, newest first, as a feed for a feed reader: [{url}]({url}).").format(url=FEED_PATH))
st.caption(_("The full log is changes.csv ({n} entries), in the download below.").format(n=tr.number(len(atlas.changes))))

st.header(_("When the sources were last checked"))
st.markdown(_("Every fact row records `checked_on`: the day a person last read its source and confirmed the row."))
spread = checked_spread(tables)
FILE = _("File")
st_table(spread.rename(columns={"file": FILE, "rows": _("Rows"), "oldest": _("Oldest check"),
                                "newest": _("Newest check"), "checked_on_newest": _("Rows checked on the newest day")}),
         _("Last-checked dates per file"), row_header=FILE)

st.header(_("Files, row counts and verification"))
columns = {"file": FILE, "rows": _("Rows"), "primary": _("Primary"), "secondary": _("Secondary")}
st_table(mix.rename(columns=columns), _("Rows and verification level per file"), row_header=FILE)

st.header(_("Provenance and licence"))
provenance_columns = {"file": FILE, "producer": _("Producer"), "licence": _("Licence"), "accessed": _("Accessed"),
                      "note": _("Note"), "url": "URL"}
st_table(sources.rename(columns=provenance_columns), _("Provenance and licence per file"), row_header=FILE)

st.header(_("Download"))
st.caption(_("Column names and the data files stay in English in every language: they are the public format."))
# NOTE: bytes, not callables as on the map and the timeline: a callable's button gets a new file id on every
# run, so this page's 13 buttons were sent again on every rerun (warm rerun 5.8 -> 8.7 KB, bench/budgets.py);
# bytes keep one URL per file version, and the browser's cached copy of each button is reused
st.download_button(_("Download every file (zip)"), zip_bytes(atlas.data_dir), file_name="ai-summit-atlas-data.zip",
                   mime="application/zip", type="primary")
# the same data as one SQLite file for Datasette (tables, keys, full-text search), built once per data version from
# the English data (the files' language), with the metadata.json Datasette reads beside it
database, database_metadata = database_download(data_fingerprint(atlas.data_dir), load_atlas()[0])
db_cols = st.columns(2)
db_cols[0].download_button(_("Download the database (SQLite, for Datasette)"), database, file_name=DOWNLOAD_NAME,
                           mime="application/vnd.sqlite3", key="dl-sqlite", wrap=True)
db_cols[1].download_button(_("Its Datasette metadata (metadata.json)"), database_metadata, file_name=METADATA_NAME,
                           mime="application/json", key="dl-sqlite-metadata", wrap=True)
st.caption(_("Browse the database with Datasette: `datasette {db} --metadata {meta}`. The same data as JSON and "
             "CSV for programs: the read-only API at `/api/v1/` on this server, described at "
             "`/api/v1/openapi.json`.").format(db=DOWNLOAD_NAME, meta=METADATA_NAME))
cols = st.columns(4)
for i, table in enumerate(TABLES.values()):
    cols[i % 4].download_button(ngettext_rows(table.file, len(tables[table.file])),
                                file_bytes(table.file, atlas.data_dir), file_name=table.file, mime="text/csv",
                                key=f"dl-{table.file}", wrap=True)  # a long file name wraps, not cut

st.header(_("How to cite"))
st.markdown(_("Cite the original source of each fact (every row has one). To cite the Atlas itself:"))
st.code(_("AI Summit Atlas (data as of {date}). Curated data on international AI safety summits, "
          "declarations and signatories. Each fact links to its source.").format(date=last_updated),
        language=None, wrap_lines=True)

st.header(_("Report an error"))
st.markdown(report_md_link("a fact in the Atlas (say which)", "", lang_url("/data"), _("Report a problem with a fact"),
                           direct=True)
            + _(". Every fact shown in detail on the map and the timeline has its own report link, pre-filled with "
                "the fact, its source and the page."))
st.markdown(_(
    "Found a wrong date, a missing signatory or a broken link? Tell the editors the **file**, the **line** "
    "(the download's line numbers match the table rows, header = line 1), what is wrong, and a source "
    "that shows the correct fact, preferably an official page. Corrections are checked with "
    "`python -m components.data --check data/` before they are published."
))

st.header(_("Data dictionary"))
# the rules in the page's language (data/i18n/<lang>/rules.md, English where a block is stale); the column tables
# stay English, the language of the files and their column names
st.markdown(tr.typeset(data_rules(atlas.data_dir, tr.lang)))
columns_md = file_bytes("README.md", atlas.data_dir).decode("utf-8").split(README_START, 1)[1]
if tr.lang == DEFAULT_LANG:
    st.markdown(columns_md)
else:  # folded, so that the French page reads in French until a reader asks for the English tables
    st.caption(_(TRANSLATED_NOTE) + " " + _("The column-by-column dictionary below is in English, the language of "
                                            "the data files and their column names."))
    st.expander(_("Columns of each file (in English)"), icon=":material/table_chart:").markdown(columns_md)

# 5/ sources
st_sources([(_("Provenance of {file}").format(file=r["file"]), r["url"]) for _i, r in sources.iterrows() if r["url"]])
