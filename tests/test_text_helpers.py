"""Pure helpers behind the wording and controls: "the" before titles, month selects, dates clamped to the data."""

from datetime import date

import re

import pandas as pd
import pytest

from components.dates import clamp_dates, month_days, month_pick, month_span
from components.naming import the
from components.participation import document_sentence, document_status, summit_sentence, summit_status
from components.text import html_table
from tests.conftest import shipped_atlas

ATLAS = shipped_atlas()


@pytest.mark.parametrize("title, adjective, expected", [
    ("The Bletchley Declaration", "", "the Bletchley Declaration"),
    ("Seoul Declaration", "", "the Seoul Declaration"),
    ("AI Safety Summit", "first", "the first AI Safety Summit"),
    ("The  Hague  Statement", "first", "the first Hague Statement"),
    ("Theory of Change", "", "the Theory of Change"),  # "The" only as a whole word
])
def test_the(title, adjective, expected):
    assert the(title, adjective) == expected


def test_no_generated_sentence_doubles_the_article():
    parties, ends = ATLAS.parties, ATLAS.endorsements
    sentences = [document_sentence(d, document_status(parties, ends, d["document_id"]))
                 for _, d in ATLAS.documents.iterrows()]
    sentences += [summit_sentence(s, summit_status(parties, ends, ATLAS.documents, s["summit_id"]))
                  for _, s in ATLAS.summits.iterrows()]
    assert any("signed the Bletchley Declaration" in s for s in sentences)
    assert not [s for s in sentences if " the the " in s.casefold()]


def test_month_span_and_days():
    assert month_span("2023-11-02", "2024-02-21") == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert month_days("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))


@pytest.mark.parametrize("picked, current, last_day, expected", [
    ("", date(2025, 3, 15), False, None),  # "Any"
    ("2025-03", date(2025, 3, 15), False, date(2025, 3, 15)),  # the link's exact day is kept
    ("2025-04", date(2025, 3, 15), False, date(2025, 4, 1)),
    ("2025-04", None, True, date(2025, 4, 30)),
])
def test_month_pick(picked, current, last_day, expected):
    assert month_pick(picked, current, last_day) == expected


def test_clamp_dates_moves_outside_dates_with_a_notice():
    lo, hi = date(2023, 7, 1), date(2026, 2, 28)
    start, end, notices = clamp_dates(date(2020, 1, 1), date(2031, 6, 30), lo, hi)
    assert (start, end) == (lo, hi)
    assert notices == [
        "The start date 1 January 2020 is before the data (1 July 2023 to 28 February 2026): using 1 July 2023 "
        "instead.",
        "The end date 30 June 2031 is after the data (1 July 2023 to 28 February 2026): using 28 February 2026 "
        "instead."]
    assert clamp_dates(date(2024, 1, 1), None, lo, hi) == (date(2024, 1, 1), None, [])


def test_table_keeps_short_words_on_one_line():
    html = html_table(pd.DataFrame([["endorsements.csv", "2026-11-27", "https://example.org/" + "x" * 40,
                                     "Each row cites its own source"]], columns=["File", "Accessed", "URL", "Note"]),
                      "Cap", row_header="File")
    assert '<th scope="row" class="nowrap">endorsements.csv</th>' in html
    assert '<td class="nowrap">2026-11-27</td>' in html
    assert '<td class="wide">https://example.org/' in html  # a long URL may break, but keeps a readable width
    assert "<td>Each row cites its own source</td>" in html


def test_text_shaping_and_builders_need_no_streamlit():
    """Pure modules import without Streamlit, so shaping and its tests can run anywhere."""
    import subprocess
    import sys

    code = ("import sys; import components.text, components.maps, components.charts; "
            "import components.labels, components.naming, components.dates, components.overview, "
            "components.participation, components.timeline, components.lessons, components.mapviews, "
            "components.profiles; "
            "print('streamlit' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("status, css", [("signed", "sq"), ("joined_later", "ci"), ("attended_not_signed", "tr"),
                                         ("no_record", "ho"), ("no_document", "da")])
def test_strip_marks_each_status_by_shape_and_in_words(status, css):
    from components.charts import STRIP_CSS, build_strip

    strip = pd.DataFrame({"summit": ["Paris 2025"], "document": ["<b>Paris</b> Statement"], "status": [status],
                          "label": ["Signed & sealed"]})
    html = build_strip([("A party <i>", strip)], 'Caption "quoted" <i>', "Legend & more", "fr")
    # each mark is an image named in words (a screen reader reads the table's cells; a mouse shows the title)
    assert f'<i role="img" class="{css}" title="&lt;b&gt;Paris&lt;/b&gt; Statement: Signed &amp; sealed"></i>' in html
    assert "<caption>Caption &quot;quoted&quot; &lt;i&gt;</caption>" in html
    assert '<th scope="row">A party &lt;i&gt;</th>' in html and '<th scope="col">Paris 2025</th>' in html
    assert html.startswith('<div lang="fr">') and "<p>Legend &amp; more</p>" in html
    assert "<svg" not in html and "<b>" not in html  # st.html drops SVG; data text is never markup
    assert f".atlas-strip .{css} " in STRIP_CSS  # every mark has its shape in the style sheet


def test_strip_has_one_column_per_summit_and_one_row_per_party():
    from components.charts import build_strip

    a = pd.DataFrame({"summit": ["Bletchley 2023", "Bletchley 2023", "Seoul 2024"], "document": ["x", "y", "z"],
                      "status": ["signed", "no_record", "joined_later"], "label": ["S", "N", "J"]})
    b = pd.DataFrame({"summit": ["Seoul 2024"], "document": ["z"], "status": ["signed"], "label": ["S"]})
    html = build_strip([("A", a), ("B", b)], "c", "l")
    assert html.count('<th scope="col">') == 2 and html.count('<th scope="row">') == 2
    assert html.count("<td>") == 1 + 2 * 2 and html.count("<i ") == 4  # the empty corner, then a cell each
    assert '<th scope="row">B</th><td></td><td><i ' in html  # B has nothing at Bletchley: an empty cell


@pytest.mark.parametrize("text, references", [
    ("- a ([source](https://x.example/a)) b ([source](https://x.example/a)), c [more](https://x.example/c)", 1),
    ("[one](https://x.example/a) [two](https://x.example/b)", 0),
    ("\\[not a link\\]\\(https://x.example/a\\) [source](https://x.example/a)", 0),
])
def test_shared_link_targets_are_written_once_and_read_the_same(text, references):
    """md_shared_targets: a target used twice becomes one numbered reference; CommonMark renders the same links."""
    from markdown_it import MarkdownIt

    from components.text import md_shared_targets

    out = md_shared_targets(text)
    assert len(re.findall(r"^\[\d+\]: https://", out, re.M)) == references
    for url in set(re.findall(r"https://x\.example/\w", text)):
        assert out.count(url) == (1 if references and text.count(f"]({url})") > 1 else text.count(url))
    md = MarkdownIt("commonmark")
    assert md.render(out) == md.render(text)
