"""scripts/count_terms.py: every word form of a term counts as a whole word, and only as one (data/README.md's
counting rule for term_counts.csv)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location("count_terms", Path(__file__).parent.parent / "scripts" / "count_terms.py")
count_terms = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(count_terms)


@pytest.mark.parametrize("text, term, expected", [
    ("Safe and secure AI; safety first; safely deployed.", "safety", 3),
    # a longer word that starts with a form is another word
    ("Effective guarantees and safeguards are in place.", "safety", 0),
    ("The testament of the testing regime.", "testing", 1),
    ("Openness and OpenAI are not the same; an open model.", "open", 2),
    ("Inclusive, inclusion and inclusiveness.", "inclusion", 3),
    ("Risk-based rules for risky and risks.", "risk", 3),
    ("Cybersecurity is not security.", "security", 1),
    ("Co-operation, cooperate and cooperative.", "cooperation", 3),
    ("Human rights and a human right.", "human rights", 2),
    ("Evaluations by evaluators; re-evaluate it.", "testing", 3),
    ("Reevaluation is a closed compound.", "testing", 0),
])
def test_each_form_counts_as_a_whole_word(text: str, term: str, expected: int) -> None:
    assert count_terms.count_terms(text)[term] == expected


def test_the_body_is_cut_at_the_start_and_end_words_and_headings_are_dropped() -> None:
    text = "Menu safety\nArticle 1 – Safe innovation\nThe body: safe and\nsecure.\nFooter safety"
    body = count_terms.body(text, "The body", "secure.", [r"^Article \d+ –"])
    assert body == "The body: safe and secure."
    assert count_terms.count_terms(body)["safety"] == 1
