"""About the data: dictionary, provenance and licence per file, counts, downloads, citation, corrections."""

import streamlit as st

from components import shaping
from components.data import TABLES, file_bytes, zip_bytes
from components.report import REPORT_LABEL
from components.ui import md_escape, report_md_link, st_atlas, st_sources, st_table

# 1/ URL state: none on this page
# 2/ data
atlas = st_atlas()

# 3/ shape
tables = {t.file: getattr(atlas, name) for name, t in TABLES.items()}
mix = shaping.verification_mix(tables)
sources = atlas.sources.drop(columns=["_line"])
last_updated = shaping.format_date(max(sources["accessed"]))
fact_rows = int(mix["primary"].fillna(0).sum() + mix["secondary"].fillna(0).sum())
primary_share = mix["primary"].fillna(0).sum() / fact_rows if fact_rows else 0

# 4/ draw
st.title("About the data")
st.markdown(
    "Everything in the Atlas comes from curated CSV files, one fact per row. Every fact row carries a "
    "`source_url` and a verification level: **primary** (an official page, or a verbatim copy of one) or "
    "**secondary** (reputable press). A fact we could not verify is left out. Where an official count is "
    "larger than the list we could verify, the Atlas says how many of the official total it lists."
)
st.markdown(f"**Last updated:** {md_escape(last_updated)}. **Fact rows:** {fact_rows}, of which "
            f"{primary_share:.0%} rest on a primary source.")

st.header("What changed")
changes = shaping.latest_changes(atlas.changes)
st.markdown("\n".join(f"- **{md_escape(shaping.format_date(r['date']))}** ({md_escape(r['files'].replace(';', ', '))}): "
                       f"{md_escape(r['summary'])}" for _, r in changes.iterrows()))
st.caption(f"The full log is changes.csv ({len(atlas.changes)} entries), in the download below.")

st.header("When the sources were last checked")
st.markdown("Every fact row records `checked_on`: the day a person last read its source and confirmed the row.")
spread = shaping.checked_spread(tables)
st_table(spread.rename(columns={"file": "File", "rows": "Rows", "oldest": "Oldest check", "newest": "Newest check",
                                "checked_on_newest": "Rows checked on the newest day"}),
         "Last-checked dates per file", row_header="File")

st.header("Files, row counts and verification")
columns = {"file": "File", "rows": "Rows", "primary": "Primary", "secondary": "Secondary"}
st_table(mix.rename(columns=columns), "Rows and verification level per file", row_header="File")

st.header("Provenance and licence")
st_table(sources.rename(columns=lambda c: "URL" if c == "url" else c.capitalize()), "Provenance and licence per file",
         row_header="File")

st.header("Download")
st.download_button("Download every file (zip)", zip_bytes(atlas.data_dir), file_name="ai-summit-atlas-data.zip",
                   mime="application/zip", type="primary")
cols = st.columns(4)
for i, table in enumerate(TABLES.values()):
    cols[i % 4].download_button(f"{table.file} ({len(tables[table.file])} rows)",
                                file_bytes(table.file, atlas.data_dir), file_name=table.file, mime="text/csv",
                                key=f"dl-{table.file}", wrap=True)  # a long file name wraps, not cut

st.header("How to cite")
st.markdown("Cite the original source of each fact (every row has one). To cite the Atlas itself:")
st.code(f"AI Summit Atlas (data as of {last_updated}). Curated data on international AI safety summits, "
        "declarations and signatories. Each fact links to its source.", language=None, wrap_lines=True)

st.header("Report an error")
st.markdown(report_md_link("a fact in the Atlas (say which)", "", "/data", REPORT_LABEL.replace("this fact", "a fact"))
            + ". Every fact shown in detail on the map and the timeline has its own report link, pre-filled with "
            "the fact, its source and the page.")
st.markdown(
    "Found a wrong date, a missing signatory or a broken link? Tell the editors the **file**, the **line** "
    "(the download's line numbers match the table rows, header = line 1), what is wrong, and a source "
    "that shows the correct fact, preferably an official page. Corrections are checked with "
    "`python -m components.data --check data/` before they are published."
)

st.header("Data dictionary")
st.markdown(file_bytes("README.md", atlas.data_dir).decode("utf-8").split("\n", 1)[1])

# 5/ sources
st_sources([(f"Provenance of {r['file']}", r["url"]) for _, r in sources.iterrows() if r["url"]])
