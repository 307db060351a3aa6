"""The explainers' classroom material: the quiz's choice order (one order for the page, the handouts and the
answer key), choice letters, glossary terms in a text, reading time and a lesson's steps."""

from __future__ import annotations

import hashlib
import random
import re

import pandas as pd

from components.data import CHOICE_SEP, split_list
from components.i18n import EN, Translator


WORDS_PER_MINUTE = 120  # a slow, careful classroom reading pace


def split_choices(value: str) -> list[str]:
    """Quiz choices from their ` | `-joined cell."""
    return split_list(str(value or ""), CHOICE_SEP.strip())


def _seed(question_id: str) -> int:
    """A stable number from a question id (sha256: Python's hash() of a str changes with every process)."""
    return int.from_bytes(hashlib.sha256(str(question_id).encode("utf-8")).digest()[:8], "big")


def quiz_orders(questions: pd.DataFrame) -> dict[str, list[str]]:
    """The order in which every quiz question's choices are shown, by question_id.

    The one source of choice order for the explainers page, the handouts and their answer key, so all three
    agree and a reload never reshuffles. The file lists the correct answer first; shown in that order a class
    learns to "pick A". Two deterministic steps:

    1. Shuffle: each question's choices are shuffled by a generator seeded with sha256(question_id).
    2. Balance: a fair shuffle of 26 questions still puts more than 40% of the answers in one position about
       one time in ten. Questions are visited in the order of their seeds and each correct answer goes to the
       position that has held the answer least often so far (swapping with the distractor there). When several
       positions tie, the shuffle's own position is kept if it is one of them, else the first tied position in
       a seeded order. Positions then differ by at most one answer (for questions with equal choice counts).

    Adding or removing a question can change the order of others (the balance is over the whole set); the
    order depends only on the data, so the page and a handout printed from the same data always agree.
    """
    quiz = questions[questions["kind"] == "quiz"]
    orders: dict[str, list[str]] = {}
    used: dict[int, int] = {}  # position -> how many correct answers it holds so far
    for _, q in sorted(quiz.iterrows(), key=lambda row: (_seed(row[1]["question_id"]), row[1]["question_id"])):
        rng = random.Random(_seed(q["question_id"]))
        choices = split_choices(q["choices"])
        rng.shuffle(choices)
        if q["answer"] in choices:
            least = min(used.get(i, 0) for i in range(len(choices)))
            tied = [i for i in rng.sample(range(len(choices)), len(choices)) if used.get(i, 0) == least]
            now = choices.index(q["answer"])
            target = now if now in tied else tied[0]
            choices[now], choices[target] = choices[target], choices[now]
            used[target] = used.get(target, 0) + 1
        orders[q["question_id"]] = choices
    return orders


def choice_letter(index: int) -> str:
    """`A` for the first shown choice: the page, the handout and the answer key use the same letters."""
    return "ABCDEFGHIJ"[index]


def glossary_terms_in(text: str, glossary: pd.DataFrame) -> pd.DataFrame:
    """Glossary rows whose term (or its short form before a parenthesis) appears in the text."""
    low = str(text).casefold()

    def found(term: str) -> bool:
        forms = {term.split("(")[0].strip().casefold(), term.casefold()}
        return any(re.search(rf"\b{re.escape(f)}s?\b", low) for f in forms if f)

    return glossary[glossary["term"].map(found)]


def reading_minutes(*texts: str) -> int:
    """Estimated minutes to read the texts aloud in class (at least one)."""
    words = sum(len(str(t).split()) for t in texts)
    return max(1, round(words / WORDS_PER_MINUTE))


def lesson_steps(risk: pd.Series, questions: pd.DataFrame, tr: Translator = EN) -> list[dict]:
    """The classroom walk-through for one risk: title, minutes and what each step shows."""
    quiz = questions[(questions["risk_id"] == risk["risk_id"]) & (questions["kind"] == "quiz")]
    talk = questions[(questions["risk_id"] == risk["risk_id"]) & (questions["kind"] == "discussion")]
    minutes = lambda rows, default: int(rows["minutes"].fillna(default).sum()) if len(rows) else 0  # noqa: E731
    _ = tr.gettext
    return [
        {"step": "read", "title": _("What is it?"), "minutes": reading_minutes(risk["summary"], risk["explanation"])},
        {"step": "example", "title": _("A real example"), "minutes": reading_minutes(risk["example"]) + 2},
        {"step": "agreed", "title": _("What governments agreed"), "minutes": reading_minutes(risk["agreed"]) + 1},
        {"step": "discuss", "title": _("Talk about it"), "minutes": minutes(talk, 10)},
        {"step": "quiz", "title": _("Quick quiz"), "minutes": minutes(quiz, 2)},
    ]
