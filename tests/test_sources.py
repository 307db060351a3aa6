"""Evidence rules: hosts classified, no aggregators, honest `primary`, date precision, freshness, data package."""

import json
import shutil
import subprocess
import zipfile
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pandas as pd
import pytest

from components import data, package, report
from components.dates import format_date, on_date
from components.overview import SEED_STATEMENTS, checked_spread, latest_changes, seed_statements
from tests.conftest import DATA, ROOT, shipped_atlas
from tests.test_data import problems, rows, set_cell, write

FRICTIONLESS = shutil.which("frictionless", path=str(ROOT / ".venv" / "bin")) or shutil.which("frictionless")


def line_of(path, column, value):
    """File line (header = 1) of the first row whose `column` equals `value`."""
    table = rows(path)
    return next(i + 1 for i, r in enumerate(table) if i and r[table[0].index(column)] == value)


def add_host(data_dir, host, kind):
    table = rows(data_dir / "hosts.csv")
    write(data_dir / "hosts.csv", table + [[host, "Test publisher", kind, ""]])


@pytest.mark.parametrize("file, column, url, expected", [
    ("events.csv", "source_url", "https://unknown-host.example/a",
     "events.csv:3: source_url: host is not classified in hosts.csv (unknown-host.example)"),
    ("statements.csv", "source_url", "https://www.thetesserapress.com/story",
     "statements.csv:3: source_url: source on an aggregator host"),
    ("risks.csv", "example_source_url", "https://nocash.ro/x",
     "risks.csv:3: example_source_url: source on an aggregator host"),
    ("documents.csv", "official_url", "https://worldreportnow.com/x",
     "documents.csv:3: official_url: source on an aggregator host"),
    ("glossary.csv", "source_url", "https://no-such-publisher.example/term",
     "glossary.csv:3: source_url: host is not classified in hosts.csv"),
])
def test_unclassified_and_aggregator_hosts_are_rejected(data_copy, file, column, url, expected):
    set_cell(data_copy / file, 3, column, url)
    found = problems(data_copy)
    assert any(p.startswith(expected) for p in found), found[:10]


@pytest.mark.parametrize("host, kind, accepted", [
    ("test-ministry.example", "official", True),
    ("test-un.example", "intergovernmental", True),
    ("test-parliament.example", "parliament", True),
    ("test-court.example", "court", True),
    ("test-paper.example", "news", False),
    ("test-wire.example", "wire_copy", False),
    ("test-archive.example", "academic", False),   # e.g. a translation in an academic database
    ("test-encyclopedia.example", "reference", False),
    ("test-company.example", "company", False),    # a company page is primary only for its own commitment
])
def test_primary_only_on_official_kinds_of_host(data_copy, host, kind, accepted):
    add_host(data_copy, host, kind)
    line = 2
    set_cell(data_copy / "statements.csv", line, "source_url", f"https://www.{host}/page")
    set_cell(data_copy / "statements.csv", line, "verification", "primary")
    atlas, found = data.validate(data_copy)
    flagged = [str(p) for p in found if str(p).startswith(f"statements.csv:{line}: verification: primary on a host")]
    assert (not flagged) is accepted, found[:5]
    if not accepted:
        assert f"({host})" in flagged[0]


def test_company_host_is_primary_for_its_own_commitment(data_copy):
    add_host(data_copy, "test-company.example", "company")
    path = data_copy / "endorsements.csv"
    table = rows(path)
    head = table[0]
    line = next(i + 1 for i, r in enumerate(table) if i and r[head.index("document_id")] == "seoul-ai-business-pledge")
    set_cell(path, line, "source_url", "https://test-company.example/our-pledge")
    set_cell(path, line, "verification", "primary")
    atlas, found = data.validate(data_copy)
    assert not [p for p in found if p.file == "endorsements.csv" and p.line == line], found[:5]


def test_subdomain_uses_its_parent_domain_row():
    kinds = {"un.org": "intergovernmental", "press.un.org": "intergovernmental", "yahoo.com": "aggregator"}
    assert data.host_kind("india.un.org", kinds) == "intergovernmental"
    assert data.host_kind("uk.style.yahoo.com", kinds) == "aggregator"
    assert data.host_kind("notun.org", kinds) is None
    assert data.url_host("https://WWW.Gov.UK/x?y") == "gov.uk"


def test_shipped_sources_are_clean():
    atlas = shipped_atlas()
    kinds = dict(zip(atlas.hosts["host"], atlas.hosts["kind"]))
    cited = []
    for name, table in data.TABLES.items():
        frame = getattr(atlas, name)
        for col in [c.name for c in table.columns if c.kind == "url"]:
            cited += [(name, data.url_host(u)) for u in frame[col] if u]
    assert cited
    assert [c for c in cited if data.host_kind(c[1], kinds) is None] == []
    assert [c for c in cited if data.host_kind(c[1], kinds) == "aggregator"] == []
    for name in ("summits", "documents", "endorsements", "events", "statements", "institutes", "risks"):
        frame = getattr(atlas, name)
        primary = frame[frame["verification"] == "primary"]
        bad = [u for u in primary["source_url"]
               if data.host_kind(data.url_host(u), kinds) not in data.PRIMARY_HOST_KINDS + ("company",)]
        assert bad == [], (name, bad[:5])


@pytest.mark.parametrize("file, date_col, value, precision, expected", [
    ("events.csv", "date", "2024-05-14", "month", "events.csv:2: date: a month-precision date is stored as the 1st"),
    ("statements.csv", "date", "2023-11-02", "year", "statements.csv:2: date: a year-precision date is stored as 1 January"),
    ("endorsements.csv", "date", "2024-05-21", "", "endorsements.csv:2: date_precision: required when date is given"),
    ("risks.csv", "example_date", "2018-10-10", "week",
     "risks.csv:2: date_precision: not one of day, month, year, on_or_before"),
])
def test_date_precision_rules(data_copy, file, date_col, value, precision, expected):
    set_cell(data_copy / file, 2, date_col, value)
    set_cell(data_copy / file, 2, "date_precision", precision)
    found = problems(data_copy)
    assert any(p.startswith(expected) for p in found), found[:10]


@pytest.mark.parametrize("file, date_col", [
    ("endorsements.csv", "date"), ("events.csv", "date"), ("statements.csv", "date"), ("institutes.csv", "announced"),
])
def test_on_or_before_takes_any_day(data_copy, file, date_col):
    """A bound is the day the source gives (7 February), not a 1st: no month or year storage rule applies."""
    set_cell(data_copy / file, 2, date_col, "2025-02-07")
    set_cell(data_copy / file, 2, "date_precision", "on_or_before")
    atlas, found = data.validate(data_copy)
    assert [str(p) for p in found] == [] and atlas is not None


def test_checked_on_is_a_past_date(data_copy):
    set_cell(data_copy / "events.csv", 2, "checked_on", "2999-01-01")
    set_cell(data_copy / "summits.csv", 2, "checked_on", "")
    found = problems(data_copy)
    assert "events.csv:2: checked_on: in the future (2999-01-01)" in found
    assert any(p.startswith("summits.csv:2: checked_on: required value is empty") for p in found)


def test_huge_cell_says_it_is_too_large(data_copy):
    set_cell(data_copy / "events.csv", 4, "summary", "x" * 5_000_000)
    found = problems(data_copy)
    assert "events.csv:4: summary: cell is too large: 5,000,000 characters, the limit is 10,000" in found
    assert not any("malformed" in p for p in found)


def test_unknown_and_reordered_columns(data_copy):
    path = data_copy / "glossary.csv"
    table = rows(path)
    write(path, [[r[1], r[0], *r[2:], "extra"] for r in table])
    found = problems(data_copy)
    assert any(p.startswith("glossary.csv:1: extra: unknown column") for p in found), found
    assert any(p.startswith("glossary.csv:1: -: columns not in the documented order") for p in found), found


def test_change_log_names_real_files(data_copy):
    path = data_copy / "changes.csv"
    write(path, rows(path) + [["2026-11-30", "events.csv;nope.csv", "A change", "", "", "", ""]])
    assert any(p.startswith("changes.csv:") and "files: not a data file (nope.csv)" in p for p in problems(data_copy))


# --- the Frictionless data package ------------------------------------------------------------------

def test_datapackage_and_readme_are_generated_from_the_schema():
    assert (DATA / "datapackage.json").read_text(encoding="utf-8") == package.datapackage_json(), \
        "run `python -m components.package`"
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert package.readme_with_tables(readme) == readme, "run `python -m components.package`"
    names = [r["name"] for r in package.datapackage()["resources"]]
    absent = data.absent_files(DATA)  # an optional file not shipped yet (Table.optional_file) has no resource
    assert names == [n for n, t in data.TABLES.items() if t.file not in absent] + [
        f"{lang}-{Path(spec.table.file).stem}"  # fr-risks ... fr-notes
        for lang, specs in data.TRANSLATIONS.items() for spec in specs.values() if spec.table.file not in absent]


def test_datapackage_fields_follow_each_file_header():
    for resource in package.datapackage()["resources"]:
        header = rows(DATA / resource["path"])[0]
        assert [f["name"] for f in resource["schema"]["fields"]] == header, resource["path"]


def _frictionless(descriptor):
    assert FRICTIONLESS, "frictionless is installed by requirements-dev.txt"
    return subprocess.run([FRICTIONLESS, "validate", "--json", str(descriptor)], capture_output=True, text=True,
                          timeout=120)


def test_frictionless_accepts_the_shipped_package():
    result = _frictionless(DATA / "datapackage.json")
    assert result.returncode == 0, result.stdout[-2000:]
    assert json.loads(result.stdout)["valid"] is True


@pytest.mark.parametrize("file, column, value, error", [
    ("endorsements.csv", "status", "maybe", "constraint-error"),
    ("endorsements.csv", "party_id", "ATL", "foreign-key"),
    ("events.csv", "date", "2023-02-30", "type-error"),
    ("summits.csv", "source_url", "", "constraint-error"),
])
def test_frictionless_rejects_a_planted_defect(data_copy, file, column, value, error):
    set_cell(data_copy / file, 2, column, value)
    result = _frictionless(data_copy / "datapackage.json")
    assert result.returncode != 0
    report_ = json.loads(result.stdout)
    types = [e["type"] for task in report_["tasks"] for e in task["errors"]]
    assert error in types, types


def test_zip_download_includes_the_descriptor():
    names = zipfile.ZipFile(io.BytesIO(data.zip_bytes(DATA))).namelist()
    assert "ai-summit-atlas/datapackage.json" in names
    assert "ai-summit-atlas/hosts.csv" in names and "ai-summit-atlas/changes.csv" in names


# --- dates in words, freshness, report links ---------------------------------------------------------

@pytest.mark.parametrize("iso, precision, expected", [
    ("2018-10-10", "day", "10 October 2018"),
    ("2018-10-01", "month", "October 2018"),
    ("2018-01-01", "year", "2018"),
    ("2023-11-01", None, "1 November 2023"),
    ("2025-02-07", "on_or_before", "on or before 7 February 2025"),
])
def test_format_date_is_as_precise_as_the_source(iso, precision, expected):
    assert format_date(iso, precision) == expected


@pytest.mark.parametrize("when, expected", [
    ("10 October 2018", "on 10 October 2018"), ("October 2018", "in October 2018"), ("2018", "in 2018")])
def test_on_date(when, expected):
    assert on_date(when) == expected


@pytest.mark.parametrize("iso, precision, expected", [
    ("2025-02-07", "on_or_before", "on or before 7 February 2025"),  # already a phrase: no "on on" or "in on"
    ("2025-02-07", "day", "on 7 February 2025"),
    ("2025-02-01", "month", "in February 2025"),
])
def test_on_date_with_the_precision(iso, precision, expected):
    assert on_date(format_date(iso, precision), precision=precision) == expected


def test_amazon_example_reads_as_10_october_2018():
    atlas = shipped_atlas()
    bias = atlas.risks.set_index("risk_id").loc["bias"]
    assert format_date(bias["example_date"], bias["date_precision"]) == "10 October 2018"


def test_no_placeholder_first_of_month_shown_as_a_day():
    """A date on the 1st at day precision is suspicious; each one must be a real first-of-month event."""
    atlas = shipped_atlas()
    risks = atlas.risks
    suspicious = risks[(risks["example_date"].str.endswith("-01")) & (risks["date_precision"] == "day")]
    assert suspicious.empty, list(suspicious["risk_id"])


def test_checked_spread_and_latest_changes():
    tables = {"a.csv": pd.DataFrame({"checked_on": ["2026-11-27", "2026-11-30", "2026-11-30"]}),
              "b.csv": pd.DataFrame({"x": [1]})}
    spread = checked_spread(tables)
    assert spread.to_dict("records") == [
        {"file": "a.csv", "rows": 3, "oldest": "2026-11-27", "newest": "2026-11-30", "checked_on_newest": 2}]
    changes = pd.DataFrame({"date": ["2026-11-27", "2026-11-30", "2026-11-30"], "summary": ["a", "b", "c"]})
    assert list(latest_changes(changes, 2)["summary"]) == ["c", "b"]


@pytest.mark.parametrize("to, starts", [
    ("mailto:", "mailto:?subject=AI%20Summit%20Atlas%3A%20problem%20with%20events.csv%3A%20x&body=Fact%3A"),
    ("mailto:fix@example.org", "mailto:fix@example.org?subject="),
    ("https://tracker.example/issues/new", "https://tracker.example/issues/new?title=AI+Summit+Atlas"),
    ("https://tracker.example/new?labels=data", "https://tracker.example/new?labels=data&title="),
])
def test_report_url_is_prefilled(to, starts):
    url = report.report_url("events.csv: x", "https://www.gov.uk/a?b=c&d", "/timeline?event=x", to)
    assert url.startswith(starts)
    # the fields decode back whole: the source URL's own `&` and `=` do not break the query
    query = parse_qs(urlsplit(url).query)
    assert query["body"][0].startswith("Fact: events.csv: x\nSource cited: https://www.gov.uk/a?b=c&d\n")
    assert "Page: /timeline?event=x" in query["body"][0]


@pytest.mark.parametrize("fact, page, found", [
    ("endorsements.csv: bletchley-declaration + FRA", "/map?country=FRA", True),
    ("endorsements.csv: bletchley-declaration + FRA", "/map?country=FRA&lang=fr", True),
    ("endorsements.csv: bletchley-declaration + FRA", "/map?document=bletchley-declaration", True),
    ("2023-11-01-bletchley-declaration", "/timeline?event=2023-11-01-bletchley-declaration&lang=fr", True),
    ("endorsements.csv: bletchley-declaration + XXX", "/map", False), ("no-such-fact", "/timeline", False),
    ("2023-11-01-bletchley-declaration", "http://atlas.test:8501/timeline?event=x", True)])
def test_report_link_is_short_and_names_a_fact_in_the_data(fact, page, found):
    link = report.report_link(fact, page)
    query = parse_qs(urlsplit(link).query)
    assert link.startswith("/data?report=") and len(link) < 160
    assert report.read_fact(query["report"][0]) == fact
    shown_on = page.removeprefix("http://atlas.test:8501")
    # `from` is left out only where it is the fact's own page (a party's profile); the report page puts it back
    restored = report.fact_page(fact) + "".join(f"&lang={v}" for v in query.get("lang", []))  # data.py's lang_url
    assert query.get("from", [restored]) == [shown_on]
    assert query.get("lang") == (["fr"] if "lang=fr" in page else None)  # the report page in the reader's language
    atlas = shipped_atlas()
    source = report.fact_source(fact, atlas.endorsements, atlas.events, atlas.statements)
    assert (source or "").startswith("https://") == found


def test_report_page_for_an_unknown_fact_says_so_and_offers_no_prefilled_report():
    from tests.test_pages import markdown, run, warnings

    at = run("data", report="no-such-fact\u202e", **{"from": "/map"})
    assert any("No fact" in w and "no-such-fact" in w.replace("\\", "") and "\u202e" not in w for w in warnings(at))
    assert "pre\\-filled report]" not in markdown(at)
    at = run("data", report="endorsements.csv: bletchley-declaration + FRA", **{"from": "https://evil.example/x"})
    assert "Page: /data" in unquote(markdown(at)) and "evil.example" not in markdown(at)


@pytest.mark.parametrize("env, expected", [
    ({}, "mailto:"), ({"ATLAS_REPORT_TO": "https://t.example/new"}, "https://t.example/new"),
    ({"ATLAS_REPORT_TO": "javascript:alert(1)"}, "mailto:"), ({"ATLAS_REPORT_TO": " mailto:a@b.example "},
                                                               "mailto:a@b.example")])
def test_report_address_is_configured_once(env, expected):
    assert report.report_to(env) == expected


def test_seed_story_is_whole():
    """Lancaster House with Musk's backing of China's inclusion, Guterres's call, Sunak on state-backed testing."""
    atlas = shipped_atlas()
    seed = seed_statements(atlas.statements)
    assert list(seed["statement_id"]) == list(SEED_STATEMENTS)
    china = seed.set_index("statement_id").loc["2023-11-02-musk-china-lancaster-house"]
    assert "China" in china["gist"] and china["venue"].startswith("Lancaster House")
    assert data.url_host(china["source_url"]) == "politico.eu"
    guterres = seed.set_index("statement_id").loc["2023-11-02-guterres-bletchley"]
    assert "Charter" in guterres["gist"]


# --- what a reader sees (AppTest) --------------------------------------------------------------------

def test_home_tells_the_whole_seed_story():
    from tests.test_pages import markdown, run

    at = run("home")
    text = markdown(at)
    atlas = shipped_atlas()
    for _, s in seed_statements(atlas.statements).iterrows():
        assert s["source_url"].replace("https://", "") in text.replace("\\", ""), s["statement_id"]
    assert "invite China" in text


def test_timeline_item_shows_checked_date_and_report_link():
    from tests.test_pages import markdown, run

    atlas = shipped_atlas()
    event = atlas.events.set_index("event_id").loc["2023-11-01-bletchley-declaration"] \
        if "2023-11-01-bletchley-declaration" in set(atlas.events["event_id"]) else atlas.events.iloc[0]
    event_id = event.name if isinstance(event.name, str) else event["event_id"]
    text = markdown(run("timeline", event=event_id))
    assert f"Source last checked on {format_date(event['checked_on'])}" in text
    link = re.search(r"\[Report a problem with this fact\]\((/data\?[^)]+)\)", text)
    assert link, text[-800:]
    fields = follow_report_link(link.group(1))
    assert fields["body"][0].startswith(f"Fact: {event_id}\nSource cited: {event['source_url']}\n")
    assert "Page: /timeline?event=" in fields["body"][0]


def follow_report_link(link: str) -> dict:
    """Open a fact's in-app report link on the About-the-data page; the fields of the pre-filled mailto it offers."""
    from tests.test_pages import markdown, run

    query = parse_qs(urlsplit(link).query)
    assert urlsplit(link).path == "/data"
    text = markdown(run("data", **{k: v[-1] for k, v in query.items()}))
    mailto = re.search(r"\[Open the pre\\-filled report\]\((mailto:[^)]+)\)", text)
    assert mailto, text[:800]
    return parse_qs(urlsplit(mailto.group(1)).query)


def test_profile_and_document_rows_offer_a_report():
    from tests.test_pages import markdown, run

    at = run("map", country="FRA")
    at.session_state["ph"] = True  # each line's check date and report link: in the profile's panel, drawn when opened
    at.run()
    text = markdown(at)
    assert "- **Bletchley Declaration**: checked 27 November 2026 · [report a problem](" in text
    link = re.search(r"\[report a problem\]\((/data\?report=bletchley-declaration/FRA)\)", text)
    assert link, text
    fields = follow_report_link(link.group(1))
    atlas = shipped_atlas()
    e = atlas.endorsements
    source = e[(e["document_id"] == "bletchley-declaration") & (e["party_id"] == "FRA")]["source_url"].iloc[0]
    assert fields["body"][0].startswith(f"Fact: endorsements.csv: bletchley-declaration + FRA\nSource cited: {source}\n")
    assert "Page: /map?country=FRA" in fields["body"][0]
    # a link shared before the short form still opens the same report
    old = "/data?report=endorsements.csv:%20bletchley-declaration%20%2B%20FRA&from=/map?country=FRA"
    assert follow_report_link(old) == fields
    at = run("map", document="bletchley-declaration")
    table = at.dataframe[0].value
    assert {"checked_on", "report"} <= set(table.columns)
    assert table["report"].str.startswith("mailto:").all()


def test_about_page_shows_changes_and_last_checked_spread():
    from tests.test_pages import markdown, run

    at = run("data")
    text = markdown(at)
    assert "What changed" in [h.value for h in at.header]
    assert "When the sources were last checked" in [h.value for h in at.header]
    atlas = shipped_atlas()
    newest = latest_changes(atlas.changes, 1).iloc[0]
    assert format_date(newest["date"]) in text
    html = "\n".join(h.proto.body for h in at.get("html"))
    assert "Rows checked on the newest day" in html and "<caption>Last-checked dates per file</caption>" in html


def test_short_names_are_short_and_checked(data_copy):
    atlas = shipped_atlas()
    assert atlas.documents["short_title"].str.len().max() <= data.SHORT_CHARS
    assert atlas.summits.set_index("summit_id").at["bletchley-2023", "short_name"] == "Bletchley 2023"
    set_cell(data_copy / "documents.csv", 2, "short_title", "x" * 41)
    assert any(p.startswith("documents.csv:2: short_title: longer than 40 characters") for p in problems(data_copy))


def test_long_party_name_needs_a_short_name(data_copy):
    parties = shipped_atlas().parties
    long = parties[parties["name"].str.len() > data.SHORT_CHARS]
    assert len(long) and (long["short_name"] != "").all()  # IFAD's 47-character name has one
    assert parties["short_name"].str.len().max() <= data.SHORT_CHARS
    line = line_of(data_copy / "parties.csv", "party_id", "techuk")
    set_cell(data_copy / "parties.csv", line, "name", "The trade association of the UK technology industry")  # 51
    found = problems(data_copy)
    assert f"parties.csv:{line}: short_name: required when name is longer than 40 characters (pickers, legends " \
           "and strips show it) (The trade association of the UK technology industry)" in found, found
    set_cell(data_copy / "parties.csv", line, "short_name", "x" * 41)
    assert any(p.startswith(f"parties.csv:{line}: short_name: longer than 40 characters") for p in problems(data_copy))


def test_bad_utf8_is_reported_at_its_line(data_copy):
    path = data_copy / "events.csv"
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"a", b"\xe9", 1)  # a Latin-1 byte on file line 3
    path.write_bytes(b"\n".join(lines))
    found = problems(data_copy)
    assert any(p.startswith("events.csv:3: -: not UTF-8 text: byte 0xe9") for p in found), found
