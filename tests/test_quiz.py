"""Quiz order: shuffled per question, stable, balanced on the shipped data, the same on page, handout and key."""

import json
import os
import re
import subprocess
import sys
from collections import Counter
from html import unescape

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.handout import build_handout
from components.lessons import choice_letter, quiz_orders, split_choices
from components.text import md_escape
from tests.conftest import DATA, ROOT, shipped_atlas

ATLAS = shipped_atlas()
QUIZ = ATLAS.questions[ATLAS.questions["kind"] == "quiz"]
ORDERS = quiz_orders(ATLAS.questions)
MAX_POSITION_SHARE = 0.40  # no position may hold the correct answer more often than this
MAX_LONGEST_SHARE = 0.50  # "pick the longest" must not beat a coin toss


def questions(rows):
    return pd.DataFrame(rows, columns=["question_id", "risk_id", "kind", "choices", "answer"])


def test_every_order_is_a_permutation_of_the_choices():
    assert set(ORDERS) == set(QUIZ["question_id"])
    for _, q in QUIZ.iterrows():
        assert sorted(ORDERS[q["question_id"]]) == sorted(split_choices(q["choices"]))


def test_order_ignores_row_order():
    shuffled = ATLAS.questions.sample(frac=1, random_state=7)
    assert quiz_orders(shuffled) == ORDERS


def test_order_is_the_same_in_every_process():
    """Python salts str hash() per process; the order must not depend on it (a reload would reshuffle)."""
    code = ("import json; from components.lessons import quiz_orders; from components.data import read_atlas; "
            "print(json.dumps(quiz_orders(read_atlas().questions)))")
    seen = []
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed, "ATLAS_DATA_DIR": str(DATA)})
        seen.append(json.loads(out.stdout))
    assert seen[0] == seen[1] == ORDERS


def answer_positions(orders, quiz) -> Counter:
    return Counter(orders[q["question_id"]].index(q["answer"]) for _, q in quiz.iterrows())


def test_shipped_quiz_answer_positions_are_balanced():
    positions = answer_positions(ORDERS, QUIZ)
    top, count = positions.most_common(1)[0]
    assert count / len(QUIZ) <= MAX_POSITION_SHARE, f"position {choice_letter(top)}: {dict(positions)}"


def test_balance_step_fixes_an_unlucky_set():
    """Every answer first in the file, as in the shipped data before this change: the result is balanced."""
    rows = [[f"q{i}", "r", "quiz", "right | wrong one | wrong two", "right"] for i in range(30)]
    orders = quiz_orders(questions(rows))
    positions = answer_positions(orders, questions(rows))
    assert max(positions.values()) - min(positions.values()) <= 1, positions
    assert len({tuple(o) for o in orders.values()}) > 1  # distractors are shuffled too, not one fixed rotation


def test_shipped_quiz_correct_answer_is_rarely_the_longest():
    longest = [q["question_id"] for _, q in QUIZ.iterrows()
               if len(q["answer"]) >= max(len(c) for c in split_choices(q["choices"]))]
    assert len(longest) / len(QUIZ) <= MAX_LONGEST_SHARE, longest


def handout_orders(html: str) -> tuple[list[list[str]], list[str]]:
    """The choices of each quiz question in a handout, and the letters of its answer key, in order."""
    lists = re.findall(r'<ol class="choices">(.*?)</ol>', html)
    shown = [[unescape(x) for x in re.findall(r"<li>(.*?)</li>", block)] for block in lists]
    key = html.split("Teacher's answer key", 1)[1]
    letters = re.findall(r", question \d+: ([A-J])\. ", key)
    return shown, letters


@pytest.mark.parametrize("risk_id", sorted(ATLAS.risks["risk_id"]))
def test_page_handout_and_answer_key_show_the_same_order(risk_id):
    rows = ATLAS.risks[ATLAS.risks["risk_id"] == risk_id]
    html = build_handout(rows, ATLAS.questions, ATLAS.glossary, ATLAS.documents, "t", "2026-11-27")
    shown, letters = handout_orders(html)
    quiz = QUIZ[QUIZ["risk_id"] == risk_id]
    expected = [ORDERS[q] for q in quiz["question_id"]]
    assert shown == expected
    assert letters == [choice_letter(o.index(a)) for o, a in zip(expected, quiz["answer"])]

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/explainers.py")
    at.query_params["risk"] = risk_id
    at.run()
    assert not at.exception
    page = [list(r.options) for r in at.radio if str(r.key).startswith("quiz-")]
    lettered = [[f"{choice_letter(i)}\\. {md_escape(c)}" for i, c in enumerate(o)] for o in expected]
    assert page == lettered
