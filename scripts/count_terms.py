#!/usr/bin/env python3
"""Count the fixed terms of data/term_counts.csv in a saved plain-text copy of an official text.

The texts themselves are not kept in the repository (only the counts are data). A maintainer saves the
official page as plain text (a browser's "save as text", or `pdftotext -layout` of a browser print of
the page), then runs, for example:

    python scripts/count_terms.py bletchley.txt --document-id bletchley-declaration \
        --text-url https://www.gov.uk/... --read-on 2026-12-07 \
        --start "Artificial Intelligence (AI) presents" --end "We look forward to meeting again in 2024."

and pastes the printed CSV rows (no header unless --header) into data/term_counts.csv.

The counting rule (the same for every document, so that the numbers can be compared):
  * Only the body is counted. --start and --end cut the text from the first occurrence of the start
    words to the end of the first later occurrence of the end words, so the page's title, the publisher's
    menus, licence notes and the signatory list that follows the body are left out; --drop (a regular
    expression, repeatable) removes whole lines such as numbered headings ("Article 3 – Scope") inside
    the body; --omit (exact words, repeatable) removes a list of signatories that runs inside a sentence.
  * Case is ignored. Lines are joined first; a hyphen at the end of a line is kept (browser prints break
    lines only at real hyphens, as in "risk-based").
  * Each term counts its word forms as whole words (TERMS below): "safety" counts safe, safely, safer,
    safest, safety, safeties. A hyphen is a word boundary, so "risk-based" counts as risk and
    "pro-innovation" as innovation, while a closed compound such as "cybersecurity" is another word and
    is not counted as security.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

# One list, in the order of data/term_counts.csv. Each pattern matches whole words (case-insensitive).
TERMS: tuple[tuple[str, str], ...] = (
    ("safety", r"safe|safely|safer|safest|safety|safeties"),
    ("risk", r"risk|risks|risky|riskier|riskiest"),
    ("security", r"security|securities|secure|secured|securely|securing"),
    ("innovation", r"innovation|innovations|innovative|innovatively|innovate|innovates|innovated|innovating|innovator|innovators"),
    ("inclusion", r"inclusion|inclusive|inclusively|inclusiveness|inclusivity"),
    ("open", r"open|opens|opened|opening|openly|openness"),
    ("sustainable", r"sustainable|sustainably|sustainability"),
    ("human rights", r"human\s+rights?"),
    ("cooperation", r"co-?operation|co-?operations|co-?operate|co-?operates|co-?operated|co-?operating|co-?operative|co-?operatively"),
    ("frontier", r"frontier|frontiers"),
    ("testing", r"test|tests|tested|testing|evaluation|evaluations|evaluate|evaluates|evaluated|evaluating|evaluator|evaluators"),
)

COLUMNS = ("document_id", "term", "count", "text_url", "read_on", "note")


def body(text: str, start: str | None, end: str | None, drop: list[str], omit: list[str] = ()) -> str:
    """The counted part of the text: from start to end, dropped lines and omitted spans removed, lines joined."""
    if drop:
        patterns = [re.compile(p) for p in drop]
        text = "\n".join(line for line in text.splitlines() if not any(p.search(line) for p in patterns))
    # A hyphen at a line break is kept and the line joined ("risk-\nbased" is "risk-based"): browser
    # prints break lines only at real hyphens. Other line breaks and runs of spaces become one space,
    # so that the start and end words are found across lines.
    text = re.sub(r"-\n\s*", "-", text)
    text = re.sub(r"\s+", " ", text)
    if start:
        at = text.find(start)
        if at < 0:
            raise SystemExit(f"start words not found: {start!r}")
        text = text[at:]
    if end:
        at = text.find(end)
        if at < 0:
            raise SystemExit(f"end words not found after the start: {end!r}")
        text = text[: at + len(end)]
    for span in omit:
        if span not in text:
            raise SystemExit(f"words to omit not found in the body: {span!r}")
        text = text.replace(span, " ")
    return text


def count_terms(text: str) -> dict[str, int]:
    """Occurrences of each term's word forms, whole words, case-insensitive."""
    return {
        # NOTE: the alternatives are grouped, so that both word boundaries hold for every form (ungrouped, the
        # first form matched the start of longer words: "safe" in "safeguards", "test" in "testament")
        term: len(re.findall(rf"(?<![\w])(?:{pattern})(?![\w])", text, flags=re.IGNORECASE))
        for term, pattern in TERMS
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text", type=Path, help="saved plain-text copy of the official text")
    parser.add_argument("--document-id", required=True)
    parser.add_argument("--text-url", required=True, help="the official page the copy was saved from")
    parser.add_argument("--read-on", required=True, help="YYYY-MM-DD, the day the text was read")
    parser.add_argument("--start", help="first words of the body")
    parser.add_argument("--end", help="last words of the body")
    parser.add_argument("--drop", action="append", default=[], help="regex: drop matching lines (headings)")
    parser.add_argument("--omit", action="append", default=[],
                        help="exact words to leave out, e.g. a list of signatories inside a paragraph (repeatable)")
    parser.add_argument("--note", default="", help="note written on every row")
    parser.add_argument("--header", action="store_true", help="print the CSV header first")
    args = parser.parse_args(argv)

    text = body(args.text.read_text(encoding="utf-8"), args.start, args.end, args.drop, args.omit)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    if args.header:
        writer.writerow(COLUMNS)
    for term, count in count_terms(text).items():
        writer.writerow((args.document_id, term, count, args.text_url, args.read_on, args.note))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
