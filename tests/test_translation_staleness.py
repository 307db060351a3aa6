"""Translations tied to their English: every translated row carries `source_hash`, the validator reports a row whose
English changed since as `file:line: source_hash: translation is older than its English (changed on <date>, …)`
(the date from git, else from changes.csv), and the stamp command writes a hash only where a person confirms."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys

import pytest

from components import data as data_module
from components.data import (HASH_COLUMN, TABLES, TRANSLATIONS, keyed, read_rows, source_hash, stamp,
                             validate)
from components.i18n import LANGUAGES
from tests.conftest import DATA, ROOT, shipped_atlas

ATLAS = shipped_atlas()
LANGS = [code for code in LANGUAGES if code in TRANSLATIONS]
HASHED = [(lang, of) for lang in LANGS for of, spec in TRANSLATIONS[lang].items() if spec.english]
SAFETY_TESTING = "bletchley-safety-testing"


def _edit_english(data, table: str, key: str, old: str, new: str) -> int:
    """Change the English text of one row in place; return the row's line."""
    path = data / TABLES[table].file
    frame, _ = read_rows(path)
    line = int(frame.index[list(frame[TABLES[table].key[0]]).index(key)])
    lines = path.read_text(encoding="utf-8").split("\n")
    head, row = "\n".join(lines[: line - 1]), "\n".join(lines[line - 1:])
    assert row.startswith(key + ",") and old in row[:3000], (key, old)
    path.write_text(head + "\n" + row.replace(old, new, 1), encoding="utf-8")
    return line


def _translated_line(data, lang: str, of: str, key: str) -> int:
    frame, _ = read_rows(data / TRANSLATIONS[lang][of].table.file)
    return int(frame.index[list(frame[TRANSLATIONS[lang][of].table.key[0]]).index(key)])


def _latest_change(table: str) -> str:
    dates = [d for d, files in zip(ATLAS.changes["date"], ATLAS.changes["files"])
             if TABLES[table].file in data_module.split_list(files)]
    return max(dates)


def test_hash_is_the_first_8_hex_of_sha256_over_the_fields_in_order():
    import hashlib

    assert source_hash(["a", "b"]) == hashlib.sha256("a\x1fb".encode()).hexdigest()[:8]
    assert source_hash(["a", "b"]) != source_hash(["b", "a"])
    assert source_hash(["ab", ""]) != source_hash(["a", "b"])  # the separator keeps fields apart


@pytest.mark.parametrize(("lang", "of"), HASHED)
def test_every_shipped_translation_is_stamped_and_current(lang, of):
    """No translation in any language is stale: each row's hash is that of its English fields now."""
    spec = TRANSLATIONS[lang][of]
    frame = ATLAS.translations[lang][of]
    english = keyed(of, getattr(ATLAS, of)).set_index(spec.table.key[0])  # a change by its stable id
    key = spec.table.key[0]
    assert HASH_COLUMN in frame and (frame[HASH_COLUMN] != "").all()
    for k, stamped in zip(frame[key].astype(str), frame[HASH_COLUMN]):
        en = english.loc[int(k) if english.index.dtype.kind in "iu" or str(english.index.dtype) == "Int64" else k]
        want = source_hash([k if c == key else ("" if en.get(c) is None else str(en.get(c))) for c in spec.english])
        assert stamped == want, (spec.table.file, k)


def test_the_withdrawn_china_claim_is_gone_from_every_language():
    """The English safety-testing summary was corrected (China was not there); no translation still says it was."""
    english = ATLAS.documents.set_index("document_id").at[SAFETY_TESTING, "summary"]
    assert "China" in english and "is not among the governments listed" in english
    for lang in LANGS:
        summary = ATLAS.translations[lang]["documents"].set_index("document_id").at[SAFETY_TESTING, "summary"]
        assert not re.search(r"Chine était présente|China estaba presente|China was there", summary), (lang, summary)


@pytest.mark.parametrize("lang", LANGS)
def test_a_changed_english_summary_makes_its_translation_stale_dated_from_changes_csv(data_copy, lang):
    """Without git (a copy of data/), the date is the latest change to the English file listed in changes.csv."""
    en_line = _edit_english(data_copy, "documents", SAFETY_TESTING, "is not among the governments listed",
                            "was there that day, but did not support it")
    atlas, problems = validate(data_copy)
    line = _translated_line(data_copy, lang, "documents", SAFETY_TESTING)
    want = (f"i18n/{lang}/documents.csv:{line}: source_hash: translation is older than its English (changed on "
            f"{_latest_change('documents')}, the latest change to documents.csv in changes.csv, documents.csv:{en_line})")
    assert atlas is None and any(str(p).startswith(want) for p in problems), [str(p) for p in problems]
    # every language's row, and nothing else
    assert sorted(p.file for p in problems) == sorted(f"i18n/{code}/documents.csv" for code in LANGS), problems


ABOUT_THE_DATA = [("changes", "2026-11-30-3", "summary", "Norway and Mexico removed", "Norway removed"),
                  ("changes", "2026-11-30-3", "reason", "no original publisher", "no publisher"),
                  ("sources", "attendance.csv", "note", "Who attended each summit", "Who came to each summit"),
                  ("sources", "parties.csv", "producer", "the UN list", "the United Nations list")]


def _edit_cell(data, table: str, key: str, column: str, old: str, new: str) -> int:
    """Change one English cell (the row found by its translation key: a change by its stable id); its line."""
    path = data / TABLES[table].file
    frame, _ = read_rows(path)
    ids = list(keyed(table, frame)[TRANSLATIONS["fr"][table].table.key[0]])
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    at = ids.index(key) + 1  # one CSV record per row (the file's own line numbers may differ for multi-line cells)
    assert old in rows[at][rows[0].index(column)], (key, column, old)
    rows[at][rows[0].index(column)] = rows[at][rows[0].index(column)].replace(old, new, 1)
    with path.open("w", encoding="utf-8", newline="") as fp:
        csv.writer(fp, lineterminator="\n").writerows(rows)
    return int(frame.index[ids.index(key)])


@pytest.mark.parametrize(("table", "key", "column", "old", "new"), ABOUT_THE_DATA)
def test_about_the_data_translations_go_stale_with_their_english(data_copy, table, key, column, old, new):
    """The change log's summaries and reasons and the files' provenance are translated as data, tied to their English
    like every other translation: a corrected English makes each language's row stale, named with file and line."""
    en_line = _edit_cell(data_copy, table, key, column, old, new)
    atlas, problems = validate(data_copy)
    assert atlas is None
    for lang in LANGS:
        line = _translated_line(data_copy, lang, table, key)
        want = (f"i18n/{lang}/{table}.csv:{line}: source_hash: translation is older than its English (changed on ")
        assert any(str(p).startswith(want) and f"{table}.csv:{en_line})" in str(p) for p in problems), \
            [str(p) for p in problems]
    assert sorted(p.file for p in problems) == sorted(f"i18n/{code}/{table}.csv" for code in LANGS), problems


@pytest.mark.parametrize(("file", "key", "column"), [("i18n/fr/changes.csv", "2026-11-30-3", "reason"),
                                                     ("i18n/es/sources.csv", "attendance.csv", "note")])
def test_a_reason_or_note_is_translated_where_the_english_has_one(data_copy, file, key, column):
    path = data_copy / file
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    at = [r[0] for r in rows].index(key)
    rows[at][rows[0].index(column)] = ""
    with path.open("w", encoding="utf-8", newline="") as fp:
        csv.writer(fp, lineterminator="\n").writerows(rows)
    _atlas, problems = validate(data_copy)
    assert [(p.file, p.line, p.column) for p in problems] == [(file, at + 1, column)], [str(p) for p in problems]
    assert "required where the English row has one" in problems[0].problem


def test_the_date_comes_from_git_when_the_data_is_a_repository(data_copy):
    """In a git work tree, the date is the last commit that changed the English row (git blame), or today for an
    edit not committed yet."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": "2026-01-02T10:00:00Z",
           "GIT_COMMITTER_DATE": "2026-01-02T10:00:00Z"}

    def git(*args, when=None):
        extra = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when} if when else {}
        subprocess.run(["git", "-C", str(data_copy), *args], check=True, capture_output=True, env={**env, **extra})

    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "data")
    line = _edit_english(data_copy, "events", "2023-11-02-bletchley-safety-testing", "on safety testing",
                         "on security testing")
    _atlas, problems = validate(data_copy)
    today = __import__("datetime").date.today().isoformat()
    stale = [str(p) for p in problems if "events.csv" in p.file]
    assert stale and all(f"(changed on {today}, not yet committed, events.csv:{line})" in p for p in stale), stale
    git("commit", "-q", "-am", "English corrected", when="2026-03-04T09:00:00Z")
    _atlas, problems = validate(data_copy)
    stale = [str(p) for p in problems if "events.csv" in p.file]
    assert len(stale) == len(LANGS) and all(f"(changed on 2026-03-04, events.csv:{line})" in p for p in stale), stale


def test_a_row_never_stamped_is_reported(data_copy):
    path = data_copy / "i18n/fr/risks.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    rows[1][rows[0].index(HASH_COLUMN)] = ""
    with path.open("w", encoding="utf-8", newline="") as fp:
        csv.writer(fp, lineterminator="\n").writerows(rows)
    _atlas, problems = validate(data_copy)
    assert [str(p) for p in problems] == [
        "i18n/fr/risks.csv:2: source_hash: not stamped: once the translation matches its English, run "
        "`python -m components.data --stamp data/i18n/fr/risks.csv`"]


def _cli(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "components.data", *args], cwd=ROOT, input=stdin, text=True,
                          capture_output=True)


def test_stamp_never_restamps_a_stale_row_unless_a_person_confirms_it(data_copy):
    _edit_english(data_copy, "documents", SAFETY_TESTING, "is not among the governments listed",
                  "was not among the governments listed")
    target = data_copy / "i18n/fr/documents.csv"
    before = target.read_bytes()
    # not a terminal and no --key: nothing stamped, the stale row named, exit 1 (--new stamps only unstamped rows)
    done = _cli("--stamp", str(target), "--new")
    assert done.returncode == 1 and SAFETY_TESTING in done.stderr and target.read_bytes() == before
    assert validate(data_copy)[0] is None
    # a person who checked the French names the row: only that row changes
    done = _cli("--stamp", str(target), "--key", SAFETY_TESTING)
    assert done.returncode == 0, done.stderr
    changed = [(a, b) for a, b in zip(before.decode().splitlines(), target.read_text().splitlines()) if a != b]
    assert len(changed) == 1 and changed[0][0].startswith(SAFETY_TESTING)
    for lang in LANGS:
        if lang != "fr":
            stamp(data_copy / f"i18n/{lang}/documents.csv", keys=(SAFETY_TESTING,))
    assert validate(data_copy)[1] == []


def test_stamp_asks_on_a_terminal_and_a_no_leaves_the_row_stale(data_copy):
    _edit_english(data_copy, "risks", "bias", ",Bias,", ",Bias and unfairness,")
    asked = []

    def answer(key, english, translated, stale):
        asked.append((key, stale, set(english), set(translated)))
        return False

    done, left = stamp(data_copy / "i18n/fr/risks.csv", ask=answer)
    assert (done, left) == ([], ["bias"])
    assert asked == [("bias", True, set(TRANSLATIONS["fr"]["risks"].english),
                      {"title", "summary", "explanation", "example", "agreed", "mit_subdomain"})]
    done, left = stamp(data_copy / "i18n/fr/risks.csv", ask=lambda *a: True)
    assert (done, left) == (["bias"], [])


def test_stamp_rejects_a_file_that_is_not_a_translation(tmp_path):
    done = _cli("--stamp", str(DATA / "events.csv"))
    assert done.returncode != 0 and "not a translation file" in done.stderr


def test_a_stale_translation_shows_its_english_and_the_site_stays_up(data_copy, monkeypatch):
    """A correction to the English must not take the site down until it is re-translated: the app's loader leaves
    the stale French row out, so the French page shows the corrected English (authoritative); the validator still
    reports the row (above)."""
    from streamlit.testing.v1 import AppTest

    from components.site import PAGES
    from tests.conftest import ROOT

    from tests.test_data import rows, set_cell

    set_cell(data_copy / "risks.csv", 2, "title", "A corrected English title")
    risk_id = rows(data_copy / "risks.csv")[1][0]
    assert validate(data_copy)[0] is None  # strict: reported
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data_copy))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(PAGES["explainers"])
    at.query_params["risk"] = risk_id
    at.query_params["lang"] = "fr"
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.title[0].value == "A corrected English title"
