"""A synthetic, complete set of passage files for tests, written into a scratch data copy where the shipped data
has none yet (data/passages.csv and its siblings land after their schema). Every quote is marked as test text:
none of it is a real passage, and none of it is ever written into data/."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from components.data import COVERAGE

THEMES = [("international-cooperation", "International cooperation", "Working together across countries."),
          ("testing-and-evaluation", "Testing and evaluation", "Testing models for safety.")]
TERMS = ("safety", "risk", "innovation")
CHECKED = "2026-12-01"


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _ids(d: Path, file: str, col: str) -> list[str]:
    with (d / file).open(newline="", encoding="utf-8") as f:
        return [r[col] for r in csv.DictReader(f)]


def write_passage_fixture(d: Path) -> bool:
    """Write themes, passages, coverage and term counts into `d` when it has no passages.csv; True if written.

    Each document gets two passages (`<doc>-p1`, `<doc>-p2`); its coverage names the first risk (p1), implies the
    second (p2) and names no other (searched terms given); the first document's p2 has no theme."""
    if (d / "passages.csv").exists():
        return False
    docs, risks = _ids(d, "documents.csv", "document_id"), _ids(d, "risks.csv", "risk_id")
    url = "https://www.gov.uk/government/publications/test#:~:text=Test"
    (d / "themes.csv").write_text(_csv([["theme_id", "label", "description"], *map(list, THEMES)]), encoding="utf-8")
    passages = [["passage_id", "document_id", "locator", "quote", "risk_ids", "themes", "source_url", "verification",
                 "checked_on"]]
    coverage = [["document_id", "risk_id", "status", "passage_ids", "searched_terms", "note", "checked_on"]]
    counts = [["document_id", "term", "count", "text_url", "read_on", "note"]]
    for n, doc in enumerate(docs):
        passages.append([f"{doc}-p1", doc, "paragraph 1", f"Test passage one of {doc}, about {risks[0]}.",
                         risks[0], THEMES[0][0], url, "primary", CHECKED])
        passages.append([f"{doc}-p2", doc, "paragraph 2", f"Test passage two of {doc}.", "",
                         "" if n == 0 else THEMES[1][0], url, "primary", CHECKED])
        for i, risk in enumerate(risks):
            status = COVERAGE[min(i, 2)]
            coverage.append([doc, risk, status, {0: f"{doc}-p1", 1: f"{doc}-p2"}.get(i, ""),
                             "test term; other term" if status == "not_named" else "", "", CHECKED])
        for i, term in enumerate(TERMS):
            counts.append([doc, term, "" if (n, i) == (1, 2) else str(n + i), url, CHECKED,
                           "the text could not be read" if (n, i) == (1, 2) else ""])
    for name, rows in (("passages.csv", passages), ("coverage.csv", coverage), ("term_counts.csv", counts)):
        (d / name).write_text(_csv(rows), encoding="utf-8")
    sources = (d / "sources.csv").read_text(encoding="utf-8")
    extra = [[f, "AI Summit Atlas editors (test fixture)", "CC BY 4.0", CHECKED, "test", ""]
             for f in ("themes.csv", "passages.csv", "coverage.csv", "term_counts.csv")]
    (d / "sources.csv").write_text(sources + _csv(extra), encoding="utf-8")
    return True
