"""The Atlas in French: the catalog covers every interface string, French content is complete and valid, dates
and numbers are French, sentences agree in number, pages at ?lang=fr are in French, the handout says lang="fr"."""

from __future__ import annotations

import csv
import re
import subprocess
import sys

import pytest
import textstat
from babel.messages.pofile import read_po

from components.data import ROLES, TABLES, TRANSLATIONS, VERIFICATION, validate
from components.dates import format_date, format_range
from components.handout import build_handout
from components.i18n import EN, LANGUAGES, NBSP, TRANSLATED_NOTE, localize, translator
from components.labels import (CATEGORY_LABELS, INSTITUTE_STATUS, KIND_LABELS, ROLE_HEADINGS, ROLE_NAMES, STATUS_LABELS,
                               VERIFICATION_LABELS, enum_label)
from components.lessons import quiz_orders
from components.mapviews import View
from components.overview import SEED_STATEMENTS
from components.participation import document_sentence, document_status
from components.profiles import profile
from components.timeline import ITEM_COLUMNS, filter_items, items_csv, timeline_items
from tests.conftest import DATA, ROOT, plain, shipped_atlas
from tests.test_pages import APP, markdown

FR = translator("fr")
ATLAS = shipped_atlas()
FR_ATLAS = localize(ATLAS, "fr")
# words of the English interface that must not show on a French page (whole words, case-sensitive)
ENGLISH_UI = ["Home", "World map", "Timeline", "Explainers", "About the data", "Download", "Sources last",
              "Summits held", "Check my answer", "Teacher note", "Next step", "Previous step", "What is it?",
              "How to cite", "Report an error", "Explore", "Open the", "Switch to classroom", "Language"]

# the map page's own English words (profile, legend, participants, strip), none of which may show in French
# ("Signed" is not among them: endorsement notes are English data, e.g. "Signed on the day the convention opened")
MAP_UI = ["Legend", "Country profile", "Clear", "Compare", "Joined later", "Attended", "checked", "report a problem",
          "Outside the summits", "AI safety institute", "No record", "Statements there", "Marks", "Governments",
          "Companies", "Attendees", "Other participants", "Parties and their status", "Full title", "Not yet held"]


def run(page: str, **params):
    """A page under AppTest with its query parameters from the first run (the language is read by app.py)."""
    from streamlit.testing.v1 import AppTest

    from components.site import PAGES

    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "home":  # the first run shows the default page
        at.switch_page(PAGES[page])
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_catalog_has_every_string_of_a_fresh_template(tmp_path, lang):
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", "babel.cfg", "-k", "N_",
                    "-o", str(pot), "--no-location", "."], cwd=ROOT, check=True)
    template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(pot.open("rb")) if m.id}
    assert len(template) > 150
    po = {(m.id if isinstance(m.id, str) else m.id[0]): m
          for m in read_po((ROOT / f"locales/{lang}/LC_MESSAGES/messages.po").open("rb"), locale=lang) if m.id}
    missing = sorted(template - set(po))
    assert not missing, f"run pybabel update and translate: {missing}"
    empty = sorted(k for k in template if not all(po[k].string if isinstance(po[k].string, tuple)
                                                  else [po[k].string]))
    fuzzy = sorted(k for k in template if po[k].fuzzy)
    assert not empty and not fuzzy, (empty, fuzzy)
    # the placeholders of every translation are the English ones: a typo would raise KeyError on a page
    for k in template:
        ids = po[k].id if isinstance(po[k].id, tuple) else (po[k].id,)
        strings = po[k].string if isinstance(po[k].string, tuple) else (po[k].string,)
        want = set(re.findall(r"{(\w+)}", " ".join(ids)))
        for s in strings:
            assert set(re.findall(r"{(\w+)}", s)) <= want, (k, s)


@pytest.mark.parametrize(("iso", "precision", "en", "fr"), [
    ("2023-11-01", "day", "1 November 2023", "1er novembre 2023"),  # French: the first of the month is "1er"
    ("2023-11-11", "day", "11 November 2023", "11 novembre 2023"),
    ("2023-11-01", "month", "November 2023", "novembre 2023"),
    ("2023-01-01", "year", "2023", "2023"),
    # a bound, not the day it happened (a list updated on that day): the words say so in both languages
    ("2025-02-07", "on_or_before", "on or before 7 February 2025", "au plus tard le 7 février 2025"),
    ("2025-02-01", "on_or_before", "on or before 1 February 2025", "au plus tard le 1er février 2025"),
])
def test_dates_in_the_locale_and_as_precise_as_their_source(iso, precision, en, fr):
    assert format_date(iso, precision) == en
    shown = format_date(iso, precision, FR)
    assert plain(shown) == fr
    assert " " not in shown.rsplit("le ", 1)[-1]  # the date itself is not broken across lines


def test_ranges_numbers_and_lists_in_french():
    assert format_range("2024-04-30", "2024-05-02", FR) == f"30{NBSP}avril – 2{NBSP}mai{NBSP}2024"
    assert format_range("2023-11-01", "2023-11-02", FR) == f"1er–2{NBSP}novembre{NBSP}2023"
    assert format_range("2024-05-01", "2024-06-02", FR) == f"1er{NBSP}mai – 2{NBSP}juin{NBSP}2024"
    assert format_range("2023-11-01", "2023-11-02") == "1–2 November 2023"
    assert FR.number(40000) == "40\u202f000" and EN.number(40000) == "40,000"
    assert FR.ngettext("{n} country", "{n} countries", 91).format(n=91) == f"91{NBSP}pays"
    assert FR.names(["A", "B", "C"]) == "A, B et C"


@pytest.mark.parametrize(("n", "verb"), [(1, "a signé"), (2, "ont signé")])
def test_sentences_agree_in_number(n, verb):
    doc = FR_ATLAS.documents.iloc[0]
    status = document_status(ATLAS.parties, ATLAS.endorsements, doc["document_id"])
    signers = status[status["status"] == "signed"].head(n)
    rest = status[~status.index.isin(signers.index)].assign(status="no_record")
    text = document_sentence(doc, __import__("pandas").concat([signers, rest]), FR)
    assert verb in text and "signed" not in text


def test_french_content_complete_and_the_quiz_order_unchanged():
    for name, spec in TRANSLATIONS["fr"].items():
        if spec.complete and spec.table.key == TABLES[name].key:  # notes.csv, keyed by the note, is checked below
            english = getattr(ATLAS, name)[spec.table.key[0]].astype(str)
            assert list(ATLAS.translations["fr"][name][spec.table.key[0]].astype(str)) == list(english), name
    assert len(FR_ATLAS.risks) == 13 and FR_ATLAS.risks["translated"].all()
    assert FR_ATLAS.questions["translated"].all() and FR_ATLAS.glossary["translated"].all()
    assert set(SEED_STATEMENTS) <= set(ATLAS.translations["fr"]["statements"]["statement_id"])
    assert FR_ATLAS.statements["translated"].all()
    # notes: one row per distinct non-empty English note, in the order they first appear
    assert list(ATLAS.translations["fr"]["endorsements"]["note"]) == \
        list(dict.fromkeys(n for n in ATLAS.endorsements["note"] if n))
    notes = FR_ATLAS.endorsements[FR_ATLAS.endorsements["note_en"] != ""]
    assert len(notes) > 50 and notes["translated"].all() and not (notes["note"] == notes["note_en"]).any()
    en, fr = quiz_orders(ATLAS.questions), quiz_orders(FR_ATLAS.questions)
    en_answers, fr_answers = (dict(zip(a.questions["question_id"], a.questions["answer"])) for a in (ATLAS, FR_ATLAS))
    assert {q: c.index(en_answers[q]) for q, c in en.items()} == {q: c.index(fr_answers[q]) for q, c in fr.items()}


def _copy(tmp_path):
    import shutil

    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


@pytest.mark.parametrize(("file", "edit", "problem"), [
    ("risks.csv", lambda t: t.replace("\nfake-content,", "\nfake-content-x,", 1), "no translated row"),
    ("risks.csv", lambda t: re.sub(r"\nfake-content,[^,]+,", "\nfake-content,,", t, count=1), "required value is empty"),
    ("questions.csv", lambda t: t.replace("Une fausse image, vidéo ou voix de quelqu'un, créée avec l'IA\",\"Un deep",
                                          "Une partie cachée d'internet où des criminels font du trafic\",\"Un deep"),
     "position"),
    ("parties.csv", lambda t: re.sub(r"\nCHN,Chine,,\w*\n", "\n", t, count=1), "no translated row"),
    ("events.csv", lambda t: re.sub(r"\n2023-07-18-unsc-first-ai-debate,[^\n]*", "", t, count=1), "no translated row"),
    ("events.csv", lambda t: t.replace("\n2023-07-18-unsc-first-ai-debate,", "\n2023-07-18-unsc-first-ai-debat,", 1),
     "unknown event_id"),
    ("events.csv", lambda t: re.sub(r'(\n2023-07-21-white-house-voluntary-commitments,[^,]+),"[^"]+"', r"\1,", t,
                                    count=1), "required value is empty"),
    ("events.csv", lambda t: re.sub(r"\n2023-07-21-white-house-voluntary-commitments,[^,]+,", "\n2023-07-21-white-"
                                    "house-voluntary-commitments,,", t, count=1), "required value is empty"),
    ("events.csv", lambda t: t.replace("« landmark agreement » (« accord historique »)", "« accord historique »", 1),
     "not kept word for word"),
    ("parties.csv", lambda t: t.replace("\nITU,Union internationale des télécommunications,UIT,",
                                        "\nITU,Union internationale des télécommunications,,", 1),
     "required when name is longer"),
])
def test_the_validator_rejects_a_broken_translation(tmp_path, file, edit, problem):
    data = _copy(tmp_path)
    path = data / "i18n" / "fr" / file
    text = path.read_text(encoding="utf-8")
    path.write_text(edit(text), encoding="utf-8")
    atlas, problems = validate(data)
    assert atlas is None and any(problem in str(p) and file in p.file for p in problems), problems[:5]


def _first_note(data):
    """The first non-empty note of endorsements.csv and the file line of its first row."""
    from components.data import read_rows

    frame, _problems = read_rows(data / "endorsements.csv")
    notes = frame[frame["note"] != ""]["note"]
    return notes.iloc[0], int(notes.index[0])


@pytest.mark.parametrize("plant", ["missing", "orphan", "changed", "quote"])
def test_the_validator_checks_the_french_notes(tmp_path, plant):
    """A note of endorsements.csv with no French row is reported at its first endorsement; a French row whose
    English note is gone at its own line; a quotation of the English note stays word for word."""
    data = _copy(tmp_path)
    notes, endorsements = data / "i18n/fr/notes.csv", data / "endorsements.csv"
    note, line = _first_note(data)
    want = []
    if plant in ("missing", "changed"):
        if plant == "missing":  # the French row removed
            with notes.open(encoding="utf-8", newline="") as fp:
                rows = [r for r in csv.reader(fp) if r[0] != note]
            with notes.open("w", encoding="utf-8", newline="") as fp:
                csv.writer(fp, lineterminator="\n").writerows(rows)
        else:  # the English note edited: its row has no French (nor any other language's), and the French
            # row no English any more
            text = endorsements.read_text(encoding="utf-8")
            endorsements.write_text(text.replace(note, note + " Edited.", 1), encoding="utf-8")
            for lang in (code for code in LANGUAGES if code != "en"):
                want.append((f"i18n/{lang}/notes.csv", 2, "note", "not the note of any row of endorsements.csv"))
                if lang != "fr":
                    want.append(("endorsements.csv", line, "note", f"no translated row in i18n/{lang}/notes.csv"))
            note = note + " Edited."
        want.append(("endorsements.csv", line, "note", "no translated row in i18n/fr/notes.csv"))
    elif plant == "orphan":
        with notes.open("a", encoding="utf-8") as fp:
            fp.write("A note nobody wrote.,Une note que personne n'a écrite.\n")
        rows = notes.read_text(encoding="utf-8").rstrip("\n").count("\n") + 1
        want.append(("i18n/fr/notes.csv", rows, "note", "not the note of any row of endorsements.csv"))
    else:
        text = notes.read_text(encoding="utf-8")
        assert "« Google/Google DeepMind »" in text
        notes.write_text(text.replace("« Google/Google DeepMind »", "« Google »", 1), encoding="utf-8")
        want.append(("i18n/fr/notes.csv", None, "note_fr", "not kept word for word"))
    atlas, problems = validate(data)
    assert atlas is None
    for file, at, column, problem in want:
        assert any(p.file == file and (at is None or p.line == at) and p.column == column and problem in p.problem
                   for p in problems), (want, problems[:5])
    assert len(problems) == len(want), problems


def test_party_names_in_french():
    """States by their French names, organisations by their official French names, companies by their own."""
    names = dict(zip(FR_ATLAS.parties["party_id"], FR_ATLAS.parties["name"]))
    assert (names["CHN"], names["KOR"], names["EU"], names["UN"], names["OECD"]) == \
        ("Chine", "République de Corée", "Union européenne", "Nations unies", "OCDE")
    assert names["openai"] == "OpenAI" and names["google-deepmind"] == "Google DeepMind"
    shorts = dict(zip(FR_ATLAS.parties["party_id"], FR_ATLAS.parties["short_name"]))
    assert shorts["ITU"] == "UIT" and shorts["CHN"] == ""
    assert FR_ATLAS.parties["translated"].all()


def test_timeline_items_in_french_keep_the_csv_columns():
    items = timeline_items(FR_ATLAS.events, FR_ATLAS.statements).set_index("item_id")
    assert items.at["2023-07-18-unsc-first-ai-debate", "title"] == \
        "Le Conseil de sécurité de l'ONU tient sa première réunion sur l'IA"
    assert items["translated"].sum() == len(ATLAS.events) + len(ATLAS.translations["fr"]["statements"])
    header = items_csv(items.reset_index()).decode("utf-8").splitlines()[0]
    assert header == ",".join(ITEM_COLUMNS)


def test_timeline_pages_in_each_language_show_their_own_items():
    """The shared timeline items are kept per language: French first, then English, each in its language."""
    fr, en = markdown(run("timeline", lang="fr")), markdown(run("timeline"))
    assert "Conseil de sécurité de l" in fr and "UN Security Council holds its first meeting on AI" not in fr
    assert "UN Security Council holds its first meeting on AI" in en and "Conseil de sécurité de l" not in en
    assert "Traduit par l" in fr and "Traduit par l" not in en


# English words of the map's tooltips and of the downloaded pictures, none of which may show in French
PICTURE_UI = ["Source:", "Licence:", "Data as of", "Legend", "Signed", "No record", "Joined later", "Attended",
              "Who signed", "more", "Countries named", "Bars", "Shaded", "Summits", "squares", "circles", "AI Summit Atlas",
              "Seoul", "Geneva", "N. Cyprus", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
              "Dec", "November"]


def english_in(text: str, words: list[str]) -> list[str]:
    return [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]


@pytest.mark.parametrize("view", ["all", "document:bletchley-declaration", "summit:bletchley-2023"])
def test_map_tooltips_in_each_language(view):
    """The tooltips ride in the served geometry: one per view and language, French first (an English page must
    not get the French words, nor the French page the English ones)."""
    import json

    from components import cached
    from components.data import data_fingerprint

    fingerprint, tips = data_fingerprint(DATA), {}
    for lang, atlas in (("fr", FR_ATLAS), ("en", ATLAS)):
        shape, geometry = cached._map_base(View.parse(view), fingerprint, False, atlas, lang)
        tips[lang] = {(f["properties"]["iso3"] or f["properties"]["name"]): f["properties"]
                      for f in json.loads(geometry)["features"]}
        assert shape.table.set_index("party_id").at["CHN", "name"] == tips[lang]["CHN"]["name"]
    assert tips["fr"]["CHN"]["name"] == "Chine" and tips["en"]["CHN"]["name"] == "China"
    assert "Chypre du Nord" in tips["fr"] and "N. Cyprus" in tips["en"]
    french = plain("\n".join(f"{p['name']}\n{p['status']}\n{p['date']}\n{p['source']}" for p in tips["fr"].values()))
    assert english_in(french, PICTURE_UI + MAP_UI) == []
    assert "Aucune trace" in french and ("novembre 2023" in french or view == "all")
    assert english_in("\n".join(f"{p['status']}\n{p['source']}" for p in tips["en"].values()), ["No record"])


def svg_text(svg: bytes) -> str:
    from html import unescape

    return "\n".join(unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg.decode("utf-8"), re.S))


@pytest.mark.parametrize("what", ["map:all", "map:document:paris-statement", "map:summit:seoul-2024", "timeline"])
def test_downloaded_pictures_in_french(what):
    """Title, legend in words, coverage note, source line, licence and data date: all in French."""
    from components import share

    if what == "timeline":
        items = timeline_items(FR_ATLAS.events, FR_ATLAS.statements)
        shown = filter_items(items, start="2024-01-01", end="2024-12-31")
        svg = share.timeline_image(shown, "de janvier à décembre 2024", "http://x/timeline?lang=fr", "svg", FR_ATLAS,
                                   FR)
        english = share.timeline_image(shown, "2024", "http://x/timeline", "svg", ATLAS)
    else:
        view = what.partition(":")[2]
        svg = share.map_image(view, "http://x/map?lang=fr", "svg", FR_ATLAS, ("FRA",), FR)
        english = share.map_image(view, "http://x/map", "svg", ATLAS, ("FRA",))
    text = plain(svg_text(svg))
    day = plain(FR.date(max(ATLAS.sources["accessed"])))
    for words in ("Licence : CC BY 4.0", f"Données au {day}", "Source : Atlas des sommets sur l'IA, http://x/"):
        assert words in text, (words, text)
    assert english_in(text, PICTURE_UI + MAP_UI) == [], text
    assert english_in(svg_text(english), ["Licence:", "Data as of"]) == ["Licence:", "Data as of"]
    if what == "timeline":
        assert "Légende : Sommets : carrés ; " in text and "Séoul" in text  # lanes joined the French way
        assert not re.search(r"(?<!\d)0\d (janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)", text), text
    elif what == "map:summit:seoul-2024":
        assert "Sommet de Séoul sur l'IA (Séoul, 2024)" in text and "Aucune trace" in text


def test_french_reading_level():
    """Kandel–Moles (textstat's Flesch for French): the target in data/README.md, mean ≥ 60 for explanations."""
    textstat.set_lang("fr")
    try:
        scores = [textstat.flesch_reading_ease(t) for t in FR_ATLAS.risks["explanation"]]
        story = [textstat.flesch_reading_ease(t) for t in FR_ATLAS.story["text"]]
    finally:
        textstat.set_lang("en_US")  # textstat's default: "en" hyphenates differently (story step 7 read 9.2, not 8.x)
    assert sum(scores) / len(scores) >= 60 and min(scores) >= 50, scores
    assert sum(story) / len(story) >= 60, story


def test_french_handout_says_lang_fr_and_is_french():
    rows = FR_ATLAS.risks.head(1)
    html = plain(build_handout(rows, FR_ATLAS.questions, FR_ATLAS.glossary, FR_ATLAS.documents, "x", "2026-11-30",
                               FR))
    assert '<html lang="fr">' in html and "Corrigé pour l'enseignant" in html and "30 novembre 2026" in html
    assert plain(FR.gettext(TRANSLATED_NOTE)).replace("'", "&#x27;") in html
    for word in ("What is it?", "Quick quiz", "Teacher's answer key", "Talk about it", "Words to know"):
        assert word not in html


@pytest.mark.parametrize("page", ["home", "explainers", "data", "timeline", "story", "documents"])
def test_pages_in_french_show_no_english_interface(page):
    at = run(page, lang="fr")
    texts = [markdown(at), *(h.value for h in at.header), *(h.value for h in at.subheader),
             *(t.value for t in at.title), *(b.label for b in at.button)]
    shown = "\n".join(texts)
    found = [w for w in ENGLISH_UI if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", shown)]
    assert not found, found
    assert not at.warning, [w.value for w in at.warning]


@pytest.mark.parametrize("params", [{}, {"country": "FRA", "compare": "GBR"}, {"summit": "bletchley-2023"},
                                    {"document": "bletchley-declaration", "country": "USA"}])
def test_map_in_french_shows_no_english_interface(params):
    at = run("map", lang="fr", **params)
    texts = [markdown(at), *(h.value for h in at.header), *(h.value for h in at.subheader),
             *(t.value for t in at.title), *(b.label for b in at.button), *(i.value for i in at.info),
             *(c.value for c in at.caption)]
    shown = "\n".join(texts)
    found = [w for w in ENGLISH_UI + MAP_UI if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", shown)]
    assert not found, found
    assert not at.warning, [w.value for w in at.warning]
    assert at.title[0].value == "Carte du monde"


def test_french_profile_shows_french_notes_and_gists():
    """Endorsement notes (data/i18n/fr/notes.csv) and every statement's gist are French in a French profile."""
    shown = markdown(run("map", lang="fr", country="FRA")).replace("\\", "")  # md_escape's backslashes
    assert "Pays hôte." in shown and "Host." not in shown
    for gist in ("Macron a appelé les entreprises de l", "Macron a dit que l'Europe n'est pas aveuglément"):
        assert gist in shown, gist
    assert "Macron called on" not in shown and "Macron said" not in shown


@pytest.mark.parametrize("party", ["FRA", "GBR", "USA", "CHN", "EU", "openai"])
def test_french_profile_lines_use_french_punctuation(party):
    """Each generated line is one format string: French puts a space before ':' and ';', a status after a title is
    in lower case, and the first of the month is "1er"."""
    from components import profiles

    p = profile(party, FR_ATLAS.parties, FR_ATLAS.summits, FR_ATLAS.documents, FR_ATLAS.endorsements,
                FR_ATLAS.attendance, FR_ATLAS.statements, FR_ATLAS.institutes, FR_ATLAS.events, FR)
    text = plain("\n\n".join(profiles.profile_blocks(p, "/map", FR)))
    glued = re.findall(r".{0,30}[^\s\\][:;] .{0,20}", text)  # "mot: " or "mot; " (an escaped "\:" is data)
    assert not glued, glued
    assert not re.search(r"\*\* : (A signé|A rejoint|Présent|Aucune)", text)
    assert not re.search(r"(?<!\d)1 (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
                         r"décembre)", text)
    if party == "FRA":
        assert ("**[Déclaration de Bletchley](/documents?doc=bletchley-declaration&lang=fr)** : a signé, "
                "1er novembre 2023") in text
    if party == "GBR":
        assert " ; renommé " in text


@pytest.mark.parametrize(("page", "params", "shown"), [
    ("map", {"document": "bletchley-declaration"}, "le 1er novembre 2023 ; Nouvelle-Zélande : adhésion le 23 octobre 2024"),
    ("map", {"summit": "bletchley-2023"}, "**Société civile** : Center for Democracy"),
    ("map", {}, "**Union européenne** : a signé 7 des textes des sommets"),
    # no sentence starts with a bare country name, which French gives an article ("la Chine"): a label and a colon
    ("map", {"document": "paris-statement"}, "Présents sans signer : Afrique du Sud, Royaume-Uni et États-Unis."),
    ("map", {"country": "FRA"}, "**Chronologie** (France) : "),
    ("timeline", {"statement": "2025-02-10-macron-paris"}, "Emmanuel Macron : Macron a appelé"),
    ("timeline", {"statement": "2025-02-10-macron-paris"}, "“plug, baby, plug” (en anglais ; sens : « branche, bébé"),
    ("timeline", {"party": "FRA"}, "“plug, baby, plug” (en anglais ; sens : « branche, bébé"),
    ("story", {"step": "1"}, "**2 novembre 2023** : Elon Musk"),
    ("home", {}, "**2 novembre 2023, António Guterres** (Secrétaire général des Nations unies) : Guterres a dit"),
])
def test_french_pages_glue_their_sentences_the_french_way(page, params, shown):
    """Generated lines and lists on the map, timeline, story and home pages put a space before ':' and ';', and
    the French timeline glosses English quotes."""
    at = run(page, lang="fr", **params)
    text = "\n".join([markdown(at), *(w.value for w in at.warning), *(h.value for h in at.subheader)])
    assert shown in plain(text.replace("\\", "")), shown


@pytest.mark.parametrize("atlas", [ATLAS, FR_ATLAS], ids=["en", "fr"])
def test_statement_titles_end_on_a_whole_word(atlas):
    """A statement's timeline title is its gist's first sentence, cut at a word (with "…") when over 90 characters."""
    items = timeline_items(atlas.events, atlas.statements)
    items = items[items["item_type"] == "statement"].set_index("item_id")  # an event may share a statement's id
    for sid, speaker, gist in zip(atlas.statements["statement_id"], atlas.statements["speaker"],
                                  atlas.statements["gist"]):
        first = gist.split(".")[0]
        head = items.at[sid, "title"].split(": ", 1)[-1].split(" : ", 1)[-1]
        assert items.at[sid, "title"].startswith(speaker)
        if len(first) <= 90:
            assert head == first
        else:
            assert head.endswith("…") and len(head) <= 90 and first.startswith(head[:-1])
            assert first[len(head) - 1] in " ,;:", head  # cut before a space or a comma, never inside a word


def test_timeline_filters_in_french_words():
    from components import story

    speaker = "Elon Musk (in conversation with Rishi Sunak)"
    names = {speaker: "Elon Musk (en conversation avec Rishi Sunak)"}
    text = story.filter_text({"kind": "summit", "party": "GBR", "speaker": speaker}, {"GBR": "Royaume-Uni"}, FR,
                             speaker_names=names)
    assert plain(text) == ("type : Sommets ; pays ou organisation : Royaume-Uni ; "
                    "orateur ou oratrice : Elon Musk (en conversation avec Rishi Sunak)"), text


def test_speaker_shown_in_french_filtered_in_english():
    """A speaker's added words are French on French pages, but the timeline's speaker filter (a URL value) stays the
    English one, so a shared link filters the same in both languages."""
    speaker = "Elon Musk (in conversation with Rishi Sunak)"
    fr, en = run("timeline", lang="fr", speaker=speaker), run("timeline", speaker=speaker)
    assert not fr.warning and not en.warning, [w.value for w in fr.warning + en.warning]
    shown_fr, shown_en = plain(markdown(fr).replace("\\", "")), markdown(en).replace("\\", "")
    assert shown_fr.count("Elon Musk (en conversation avec Rishi Sunak) : ") == 2 and speaker not in shown_fr
    assert shown_en.count(speaker + ": ") == 2
    picker = next(s for s in fr.selectbox if s.value == speaker)
    assert "Elon Musk (en conversation avec Rishi Sunak)" in picker.format_func(speaker)


def test_a_dispute_stands_out_in_french_too():
    """The dispute is found from the English note ("Disputed. ..."), so its French text still stands out."""
    at = run("map", lang="fr", document="paris-statement")
    disputes = [w.value.replace("\\", "") for w in at.warning if "Contesté" in w.value]
    assert len(disputes) == 1 and "Afrique du Sud" in disputes[0] and "Disputed" not in disputes[0]


def test_unknown_language_falls_back_with_a_notice():
    at = run("home", lang="xx")
    assert any("xx" in w.value for w in at.warning)
    assert at.title[0].value == "AI Summit Atlas"


def test_french_quiz_works_and_explainer_is_french():
    at = run("explainers", lang="fr", risk="fake-content")
    assert at.title[0].value == FR_ATLAS.risks.iloc[0]["title"]
    assert any(FR.gettext(TRANSLATED_NOTE) in c.value for c in at.caption)
    at.button(key="check-fake-content-q1").click().run()
    assert any("Choisis d'abord une réponse." in w.value for w in at.warning)
    at.radio(key="quiz-fake-content-q1").set_value(FR_ATLAS.questions.set_index("question_id")
                                                    .loc["fake-content-q1", "answer"]).run()
    at.button(key="check-fake-content-q1").click().run()
    assert any(s.value.startswith("Bonne réponse.") for s in at.success)


def test_language_control_and_links_carry_the_language():
    at = run("explainers", lang="fr")
    links = at.get("page_link")
    assert len(links) > 13 and all("lang=fr" in e.proto.query_string for e in links), \
        [e.proto.query_string for e in links]
    assert set(LANGUAGES) == {"en", "fr", "es"}



def choices(table: str, column: str) -> tuple[str, ...]:
    return next(c for c in TABLES[table].columns if c.name == column).choices


@pytest.mark.parametrize(("labels", "codes"), [
    (VERIFICATION_LABELS, VERIFICATION), (ROLE_NAMES, ROLES),
    (ROLE_HEADINGS, ROLES), (STATUS_LABELS, (*choices("endorsements", "status"), "no_record")),
    (INSTITUTE_STATUS, choices("institutes", "status")), (CATEGORY_LABELS, choices("risks", "category")),
    (KIND_LABELS, choices("events", "kind")),
])
def test_every_code_shown_to_readers_has_one_label_translated(labels, codes):
    """One label list per concept, covering every code the schema allows, each label in the French catalog."""
    assert set(labels) == set(codes)
    for code in codes:
        assert FR.catalog._catalog.get(labels[code]), labels[code]  # translated (some words are the same)
        assert enum_label(labels, code, FR) == FR.gettext(labels[code])
    assert enum_label(labels, "not-a-code", FR) == "not-a-code"
