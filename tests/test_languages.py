"""Every language of components/i18n.py LANGUAGES is checked alike: a complete catalog and content folder, pages with
no English interface, content marked as the Atlas's translation; and the Spanish edition's own forms (dates, numbers,
party names, pictures, handout, TimelineJS). Adding a language is data: no component or page names one."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

from components import passages
from components.data import TABLES, TRANSLATION_LANGS, TRANSLATIONS
from components.dates import format_date, format_range
from components.handout import build_handout
from components.i18n import DEFAULT_LANG, LANGUAGES, TRANSLATED_LANGS, TRANSLATED_NOTE, localize, translator
from components.lessons import quiz_orders
from components.timeline import filter_items, timeline_items, to_timelinejs
from tests.conftest import DATA, ROOT, shipped_atlas
from tests.test_i18n import ENGLISH_UI, MAP_UI, PICTURE_UI, english_in, run, svg_text
from tests.test_pages import markdown

ATLAS = shipped_atlas()
ES = translator("es")
ES_ATLAS = localize(ATLAS, "es")


def test_one_list_of_languages():
    """LANGUAGES is the list; the data reader's languages are derived from it; each has its catalog and folder."""
    assert list(LANGUAGES) == ["en", "fr", "es"]
    assert TRANSLATION_LANGS == TRANSLATED_LANGS == tuple(c for c in LANGUAGES if c != DEFAULT_LANG)
    assert set(TRANSLATIONS) == set(TRANSLATED_LANGS)
    for lang in TRANSLATED_LANGS:
        assert (ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po").exists(), lang
        specs = {s.table.file: s for s in TRANSLATIONS[lang].values()}
        shipped = {f"i18n/{lang}/{p.name}" for p in (DATA / "i18n" / lang).glob("*.csv")}
        assert shipped <= set(specs), (lang, shipped - set(specs))
        assert all(f in shipped or s.table.optional_file for f, s in specs.items()), lang  # optional: data to come


def _code_strings(path: Path) -> list[str]:
    """The string literals in a Python file's code (docstrings and comments aside, they are prose)."""
    out, previous = [], None
    for tok in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if tok.type == tokenize.STRING and previous not in (tokenize.INDENT, tokenize.NEWLINE, tokenize.NL, None):
            out.append(tok.string)
        if tok.type not in (tokenize.COMMENT,):
            previous = tok.type
    return out


@pytest.mark.parametrize("path", sorted([*(ROOT / "components").glob("*.py"), *(ROOT / "pages").glob("*.py"),
                                         ROOT / "app.py"]), ids=lambda p: p.name)
def test_no_component_or_page_names_a_translated_language(path):
    """Only components/i18n.py lists languages: a page or component that says `"fr"` would need editing for the
    next language (English, the default, may be named: it is the data's own language)."""
    if path.name == "i18n.py":
        return
    codes = "|".join(TRANSLATED_LANGS)
    named = [s for s in _code_strings(path) if re.fullmatch(rf"[rbuf]*([\"'])({codes})(_\w+)?\1", s)]
    assert not named, named


def test_the_check_can_fail(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('"""Docstring naming "fr" is prose."""\nLANG = "fr"\nif tr.lang == \'es\':\n    pass\n')
    assert _code_strings(bad) == ['"fr"', "'es'"]


@pytest.mark.parametrize("lang", TRANSLATED_LANGS)
def test_every_content_file_complete_in_every_language(lang):
    """Every English row has its translated row (notes: every distinct note), all marked as translated, and the
    quiz keeps the English answer positions."""
    atlas = localize(ATLAS, lang)
    for name, spec in TRANSLATIONS[lang].items():
        if spec.complete and spec.table.key == TABLES[name].key:  # passages.csv: only where an official text exists
            english = list(getattr(ATLAS, name)[spec.table.key[0]].astype(str))
            assert list(ATLAS.translations[lang][name][spec.table.key[0]].astype(str)) == english, (lang, name)
            assert getattr(atlas, name)["translated"].all(), (lang, name)
    assert list(ATLAS.translations[lang]["endorsements"]["note"]) == \
        list(dict.fromkeys(n for n in ATLAS.endorsements["note"] if n))
    en, tr = quiz_orders(ATLAS.questions), quiz_orders(atlas.questions)
    answers = [dict(zip(a.questions["question_id"], a.questions["answer"])) for a in (ATLAS, atlas)]
    assert {q: c.index(answers[0][q]) for q, c in en.items()} == {q: c.index(answers[1][q]) for q, c in tr.items()}


@pytest.mark.parametrize("lang", TRANSLATED_LANGS)
def test_translated_content_is_not_the_english(lang):
    """A translated text that is the English word for word is a row someone forgot (names and quotes aside)."""
    atlas = localize(ATLAS, lang)
    for name, cols in (("risks", ("summary", "explanation", "example", "agreed")), ("questions", ("question",)),
                       ("events", ("title", "summary")), ("statements", ("gist", "role")), ("story", ("text",)),
                       ("documents", ("summary",)), ("summits", ("summary",))):
        for col in cols:
            same = (getattr(atlas, name)[col] == getattr(ATLAS, name)[col]).sum()
            assert same == 0, (lang, name, col, same)


@pytest.mark.parametrize(("iso", "precision", "es"), [
    ("2023-11-01", "day", "1 de noviembre de 2023"),
    ("2023-11-11", "day", "11 de noviembre de 2023"),
    ("2023-11-01", "month", "noviembre de 2023"),
    ("2023-01-01", "year", "2023"),
    ("2025-02-07", "on_or_before", "a más tardar el 7 de febrero de 2025"),  # a bound, said in words
])
def test_spanish_dates_by_babel(iso, precision, es):
    assert format_date(iso, precision, ES) == es


def test_spanish_ranges_numbers_and_lists():
    assert format_range("2024-04-30", "2024-05-02", ES) == "30 de abril – 2 de mayo de 2024"
    assert format_range("2023-11-01", "2023-11-02", ES) == "1–2 de noviembre de 2023"
    assert format_range("2024-04-30", "2024-05-02", translator("fr")).replace("\xa0", " ") == \
        "30 avril – 2 mai 2024"
    assert format_range("2024-04-30", "2024-05-02") == "30 April – 2 May 2024"
    assert ES.number(40000) == "40.000" and ES.percent(0.57) == "57\xa0%"
    assert ES.ngettext("{n} country", "{n} countries", 91).format(n=91) == "91 países"
    assert ES.ngettext("{n} country", "{n} countries", 1).format(n=1) == "1 país"
    assert ES.names(["A", "B", "C"]) == "A, B y C"


def test_party_names_in_spanish():
    """States by CLDR's Spanish names (the UN's where the English file uses the formal one), organisations by their
    Spanish names, companies by their own."""
    names = dict(zip(ES_ATLAS.parties["party_id"], ES_ATLAS.parties["name"]))
    assert (names["GBR"], names["USA"], names["DEU"], names["KOR"], names["PRK"]) == \
        ("Reino Unido", "Estados Unidos", "Alemania", "República de Corea", "República Popular Democrática de Corea")
    assert (names["EU"], names["UN"], names["OECD"], names["AU"]) == \
        ("Unión Europea", "Naciones Unidas", "OCDE", "Comisión de la Unión Africana")
    assert names["openai"] == "OpenAI" and names["google-deepmind"] == "Google DeepMind"
    shorts = dict(zip(ES_ATLAS.parties["party_id"], ES_ATLAS.parties["short_name"]))
    assert (shorts["ITU"], shorts["IFAD"], shorts["PRK"], shorts["CHN"]) == ("UIT", "FIDA", "Corea del Norte", "")


def test_spanish_summary_of_the_safety_testing_statement_is_the_corrected_one():
    summary = ES_ATLAS.documents.set_index("document_id").at["bletchley-safety-testing", "summary"]
    assert "China, que había firmado la Declaración de Bletchley el día anterior, no figura" in summary


SPANISH_PAGES = [("home", {}), ("explainers", {}), ("explainers", {"risk": "bias"}), ("data", {}), ("timeline", {}),
                 ("timeline", {"statement": "2025-02-10-macron-paris"}), ("story", {}), ("story", {"step": "7"})]


@pytest.mark.parametrize(("page", "params"), SPANISH_PAGES)
def test_pages_in_spanish_show_no_english_interface(page, params):
    at = run(page, lang="es", **params)
    shown = "\n".join([markdown(at), *(h.value for h in at.header), *(h.value for h in at.subheader),
                       *(t.value for t in at.title), *(b.label for b in at.button)])
    assert english_in(shown, ENGLISH_UI) == []
    assert not at.warning, [w.value for w in at.warning]
    if (page, bool(params)) in (("explainers", True), ("story", True), ("timeline", False)):
        # translated content (a risk, a step, the timeline's items) is marked as the Atlas's translation
        assert ES.gettext(TRANSLATED_NOTE) in (shown + "\n".join(c.value for c in at.caption)).replace("\\", "")


@pytest.mark.parametrize("params", [{}, {"country": "ESP", "compare": "MEX"}, {"summit": "bletchley-2023"},
                                    {"document": "bletchley-declaration", "country": "USA"}])
def test_map_in_spanish_shows_no_english_interface(params):
    at = run("map", lang="es", **params)
    shown = "\n".join([markdown(at), *(h.value for h in at.header), *(h.value for h in at.subheader),
                       *(t.value for t in at.title), *(b.label for b in at.button), *(i.value for i in at.info),
                       *(c.value for c in at.caption)])
    assert english_in(shown, ENGLISH_UI + MAP_UI) == []
    assert not at.warning, [w.value for w in at.warning]
    assert at.title[0].value == "Mapa mundial"


def test_spanish_timeline_glosses_quotes_in_spanish():
    shown = markdown(run("timeline", lang="es", statement="2025-02-10-macron-paris")).replace("\\", "")
    assert "“plug, baby, plug” (en inglés; significa: «enchufa, nene, enchufa»)" in shown
    assert "Macron pidió a las empresas de IA" in shown and "Macron called on" not in shown


@pytest.mark.parametrize("what", ["map:all", "map:document:paris-statement", "map:summit:seoul-2024", "timeline"])
def test_downloaded_pictures_in_spanish(what):
    from components import share

    if what == "timeline":
        items = timeline_items(ES_ATLAS.events, ES_ATLAS.statements)
        shown = filter_items(items, start="2024-01-01", end="2024-12-31")
        svg = share.timeline_image(shown, "de enero a diciembre de 2024", "http://x/timeline?lang=es", "svg", ES_ATLAS,
                                   ES)
    else:
        svg = share.map_image(what.partition(":")[2], "http://x/map?lang=es", "svg", ES_ATLAS, ("ESP",), ES)
    text = svg_text(svg)
    day = ES.date(max(ATLAS.sources["accessed"]))
    for words in ("Licencia: CC BY 4.0", f"Datos al {day}", "Fuente: Atlas de las cumbres sobre IA, http://x/"):
        assert words in text, (words, text)
    assert english_in(text, PICTURE_UI + MAP_UI) == [], text
    if what == "map:summit:seoul-2024":
        assert "Cumbre de Seúl sobre IA (Seúl, 2024)" in text


def test_spanish_handout_says_lang_es_and_is_spanish():
    rows = ES_ATLAS.risks.head(1)
    html = build_handout(rows, ES_ATLAS.questions, ES_ATLAS.glossary, ES_ATLAS.documents, "x", "2026-11-30", ES)
    assert '<html lang="es">' in html and "Solucionario para el docente" in html and "30 de noviembre de 2026" in html
    assert "Traducido por el equipo del Atlas" in html
    assert english_in(html, ["What is it?", "Quick quiz", "Teacher's answer key", "Talk about it", "Words to know"]) \
        == []


def test_timelinejs_export_in_spanish_glosses_quotes():
    items = timeline_items(ES_ATLAS.events, ES_ATLAS.statements)
    tj = to_timelinejs(items, "todos los elementos", "2026-12-01", "http://x/timeline?lang=es", ES)
    assert tj.iloc[0]["Headline"] == "Atlas de las cumbres sobre IA: la seguridad de la IA en el mundo, de 2023 a 2027"
    assert "Datos al 1 de diciembre de 2026." in tj.iloc[0]["Text"]
    macron = tj[tj["Text"].str.contains("plug, baby, plug")].iloc[0]
    assert "(en inglés; significa: «enchufa, nene, enchufa»)" in macron["Text"]
    assert macron["Display Date"] == "10 de febrero de 2025"
    assert macron["Group"] == "Discursos y declaraciones públicas"
    assert english_in(" ".join(tj["Text"]), ["Source:", "verification"]) == []


def test_spanish_embed_and_story_links_carry_the_language():
    at = run("explainers", lang="es")
    links = at.get("page_link")
    assert len(links) > 13 and all("lang=es" in e.proto.query_string for e in links)


@pytest.mark.parametrize("lang", TRANSLATED_LANGS)
def test_home_preview_is_drawn_in_each_language(lang):
    """The home page's map preview carries words (title, legend, source line): one picture per language."""
    from components.images import preview_path

    assert preview_path(lang).exists() and preview_path(lang).read_bytes() != preview_path("en").read_bytes()


@pytest.mark.parametrize("lang", TRANSLATED_LANGS)
def test_mit_category_is_glossed_in_each_language(lang):
    """The MIT repository's subdomain keeps its official English name, glossed in the page's language."""
    atlas = localize(ATLAS, lang)
    for en, shown in zip(ATLAS.risks["mit_subdomain"], atlas.risks["mit_subdomain"]):
        assert shown.startswith(en + " («") and shown.endswith("»)") and len(shown) > len(en) + 8, shown


BREAKABLE = re.compile(r"[ \t][;:!?»]|«[ \t\n]")  # an ordinary space where French needs a no-break one


def test_french_spacing_is_applied_once_centrally():
    """Every French catalog string, date and translated text has no-break spaces before : ; ! ? », after «, inside
    dates and between a count and its noun; Spanish and English are left as they are."""
    from babel.messages.pofile import read_po

    from components.i18n import NBSP, NNBSP, no_break

    fr = translator("fr")
    assert no_break("Source : x ; « y » ?") == f"Source{NBSP}: x{NNBSP}; «{NNBSP}y{NNBSP}»{NNBSP}?"
    assert fr.ngettext("{n} country", "{n} countries", 2) == f"{{n}}{NBSP}pays"
    assert fr.date("2023-11-01") == f"1er{NBSP}novembre{NBSP}2023" and ES.date("2023-11-01") == "1 de noviembre de 2023"
    assert ES.gettext("{before}; {after}") == "{before}; {after}" and NBSP not in ES.gettext("Data as of {date}")
    for m in read_po((ROOT / "locales/messages.pot").open("rb")):
        if m.id and not m.context:
            shown = fr.gettext(m.id) if isinstance(m.id, str) else fr.ngettext(m.id[0], m.id[1], 2)
            assert not BREAKABLE.search(shown), shown
    atlas = localize(ATLAS, "fr")
    for name, cols in (("risks", ("summary", "explanation", "example")), ("events", ("summary",)),
                       ("statements", ("gist",)), ("endorsements", ("note",)), ("documents", ("summary",))):
        for col in cols:
            bad = [v for v in getattr(atlas, name)[col] if BREAKABLE.search(v)]
            assert not bad, (name, col, bad[:2])


@pytest.mark.parametrize(("page", "params"), [("home", {}), ("map", {"country": "FRA"}), ("timeline", {}),
                                              ("explainers", {"risk": "bias"}), ("story", {"step": "8"}),
                                              ("data", {}), ("data", {"fact": "paris-statement/MEX"}),
                                              ("documents", {}), ("documents", {"document": "paris-statement"})])
def test_french_pages_have_no_breakable_space_before_punctuation(page, params):
    """No line break before : ; ? ! » on a French page (the About page's column tables stay English, the language of
    the files, and are left out here; source titles stay as their publisher wrote them)."""
    at = run(page, lang="fr", **params)
    shown = "\n".join([markdown(at).replace("\\", ""), *(c.value for c in at.caption), *(i.value for i in at.info)])
    shown = shown.split("| file | key |")[0] + shown.split("<!-- end of generated columns -->")[-1]
    for status in passages.COVERAGE:  # `? Texte non lu`: the matrix's symbol for a text not read, not punctuation
        shown = shown.replace(" " + passages.status_label(status, translator("fr")), " [status]")
    shown = re.sub(r"\[[^\]]*\]\([^)]*\)", "[link]", shown)  # a source's title is shown as its publisher wrote it
    assert [m.group() for m in BREAKABLE.finditer(shown)] == [], \
        [shown[max(m.start() - 40, 0):m.end() + 10] for m in BREAKABLE.finditer(shown)][:5]


@pytest.mark.parametrize(("dates", "lang", "most", "labels"), [
    (["2023-11-01", "2023-11-02"], "fr", 9, ["1er nov.", "2 nov."]),  # a two-day slice: days, no hour ticks
    (["2023-11-01", "2023-11-02"], "es", 9, ["1 nov", "2 nov"]),
    (["2024-01-01", "2024-12-31"], "fr", 9, ["janv. 2024", "mars 2024", "mai 2024", "juil. 2024", "sept. 2024",
                                              "nov. 2024"]),
    (["2026-02-16", "2026-02-24"], "es", 4, ["16 feb", "19 feb", "22 feb"]),
    (["2023-07-18", "2027-01-01"], "es", 9, ["2023", "2024", "2025", "2026", "2027"]),
])
def test_timeline_axis_in_the_page_language(dates, lang, most, labels):
    """The time axis is labelled by Babel in the page's language (plotly's labels are English, with hour ticks on a
    short slice); English keeps plotly's own."""
    from components.charts import date_axis

    axis = date_axis(dates, translator(lang), most)
    assert [t.replace("\xa0", " ") for t in axis["ticktext"]] == labels and len(axis["tickvals"]) == len(labels)
    assert date_axis(dates, translator("en"), most) == {}


def test_timeline_figure_in_spanish_has_spanish_ticks():
    from components.charts import build_timeline

    items = timeline_items(ES_ATLAS.events, ES_ATLAS.statements)
    shown = filter_items(items, start="2023-11-01", end="2023-11-02")
    assert list(build_timeline(shown, ES_ATLAS.summits, ES).layout.xaxis.ticktext) == ["1 nov", "2 nov"]
    # the story's slice: day/month numbers, a tick a day (no hour ticks), no month names to resend on every step
    axis = build_timeline(shown, ES_ATLAS.summits, ES, lean=True).layout.xaxis
    assert (axis.tickformat, axis.dtick) == ("%-d/%-m", 86_400_000)
    assert build_timeline(shown, ATLAS.summits, translator("en"), lean=True).layout.xaxis.tickformat is None


# English words that are not also French or Spanish words, to measure how much of a page is English
ENGLISH_STOP_WORDS = set("""the of and to in is are was were for with by that it from its be this at or not which has
have an their they been but if when where each every only than then there these those what who will would can into also
so after before any all other more most same such our we you your his her he she them how why does do did""".split())


def english_share(text: str) -> float:
    """The share of a text's words that are English stop words (link targets and HTML tags left out)."""
    words = re.findall(r"[^\W\d_]+", re.sub(r"<[^>]+>|\]\([^)]*\)", " ", text))
    return sum(w.lower() in ENGLISH_STOP_WORDS for w in words) / max(len(words), 1)


@pytest.mark.parametrize("lang", TRANSLATED_LANGS)
def test_about_the_data_is_in_the_page_language(lang):
    """The change log's summaries, the files' provenance and the data rules are shown translated (data/i18n/<lang>/,
    tied to their English by source_hash); only the column tables stay English, folded and said to be English. Before
    this, a sixth of the French page's words outside those tables were English stop words (16 %); now under 3 %
    (`CC BY 4.0` counts one)."""
    from components.data import data_rules

    at = run("data", lang=lang)
    tables = [m.value for m in at.markdown if "| file | key |" in m.value]
    parts = [m.value for m in at.markdown if m.value not in tables] + [c.value for c in at.caption] \
        + [h.value for h in at.header] + [h.proto.body for h in at.get("html")]
    shown = "\n".join(parts)
    assert english_share(shown) < 0.03, english_share(shown)
    tr = ATLAS.translations[lang]
    newest = tr["changes"]["summary"].iloc[-1]
    assert translator(lang).typeset(newest)[:60] in shown.replace("\\", "")
    assert ATLAS.changes["summary"].iloc[-1][:60] not in shown.replace("\\", "")
    note = tr["sources"].set_index("file").at["attendance.csv", "note"]
    assert translator(lang).typeset(note)[:40].replace("'", "&#x27;") in shown
    assert data_rules(DATA, lang)[:80] != data_rules(DATA, DEFAULT_LANG)[:80]
    assert translator(lang).typeset(data_rules(DATA, lang))[:80] in shown
    folded = [e for e in at.expander if any("| file | key |" in m.value for m in e.markdown)]
    assert len(folded) == 1 and tables, "the English column tables are folded away, once"
    assert english_share(tables[0]) > 0.1  # the measure can fail: the tables it leaves out are English


def test_about_the_data_in_english_shows_the_rules_and_tables_unfolded():
    at = run("data")
    assert any(m.value.startswith("Every file here is UTF-8 CSV") for m in at.markdown)
    assert any("| file | key |" in m.value for m in at.markdown) and not [
        e for e in at.expander if any("| file | key |" in m.value for m in e.markdown)]


def test_french_says_who_signed_not_partie():
    """« partie » for a party to a text reads as "part" to most French readers: the catalog names a country or an
    organisation, a signatory or a participant instead, and keeps the legal term only as the treaty's « État partie »
    (CETS 225's stages). Before this pass, 30-odd French strings said « partie »."""
    from babel.messages.pofile import read_po

    said = []
    for m in read_po((ROOT / "locales/fr/LC_MESSAGES/messages.po").open("rb")):
        for text in ([m.string] if isinstance(m.string, str) else m.string) if m.id else []:
            said += [text for _m in re.finditer(r"(?<!État )(?<!États )\b[Pp]arties?\b", text.replace("{parties}", ""))]
    assert said == [], said


# how each language's sentences must name a document (with its article) and a summit (no article: `du {summit}`)
ARTICLES = {"fr": (r"^(?:la |le |les |l')", r"^sommet de "), "es": (r"^(?:la |el |los |las )", r"^cumbre de ")}


@pytest.mark.parametrize("lang", TRANSLATED_LANGS)
def test_every_document_and_summit_has_its_name_for_running_text(lang):
    """data/i18n/<lang>: `in_sentence` is short and carries the document's article; a summit's has none (the catalog's
    sentences contract it: `des textes du sommet de Séoul`)."""
    document_form, summit_form = ARTICLES[lang]
    for name, form in (("documents", document_form), ("summits", summit_form)):
        forms = ATLAS.translations[lang][name]["in_sentence"]
        assert len(forms) == len(getattr(ATLAS, name)) and all(re.match(form, f) for f in forms), (name, list(forms))
        assert all(len(f) < 60 for f in forms), list(forms)


@pytest.mark.parametrize(("lang", "said"), [
    ("fr", ["Qui a signé la Déclaration de Bletchley", "ont signé la Déclaration de Bletchley le 1er novembre 2023",
            "au moins un des textes du sommet de Séoul", "a participé au sommet de Bletchley",
            "a signé la Déclaration de Bletchley", "Le sommet de Genève s'est tenu",
            "La Déclaration de Bletchley : texte adopté le 1er novembre 2023 ; à cette date, personne",
            "des participants du sommet de Bletchley", "Qui a signé les Engagements en matière de sécurité"]),
    ("es", ["Quién firmó la Declaración de Bletchley", "firmaron la Declaración de Bletchley el 1 de noviembre de 2023",
            "al menos uno de los documentos de la cumbre de Seúl", "asistió a la cumbre de Bletchley",
            "firmó la Declaración de Bletchley", "La cumbre de Ginebra se celebró",
            "La Declaración de Bletchley: texto adoptado el 1 de noviembre de 2023; en esa fecha, nadie",
            "asistentes a la cumbre de Bletchley", "Quién firmó los Compromisos de Seguridad"]),
])
def test_sentences_name_titles_with_their_article_and_short_name(lang, said):
    """« Qui a signé « Déclaration de Bletchley des pays participant… » » and « des textes du sommet « Sommet sur la
    sécurité de l'IA » » were the review's examples: every sentence that names a document or a summit now names it
    as running text does, short and with its article, without quotation marks and without saying `sommet` twice."""
    from components import asof, mapviews, story
    from components.dates import format_date, on_date
    from components.naming import in_sentence

    atlas, tr = localize(ATLAS, lang), translator(lang)
    docs, summits = atlas.documents.set_index("document_id"), atlas.summits.set_index("summit_id")
    lines = [story.view_title(f"document:{d}", atlas.documents, atlas.summits, tr) for d in docs.index]
    for view in [f"document:{d}" for d in docs.index] + [f"summit:{s}" for s in summits.index]:
        shape = mapviews.map_shape(mapviews.View(*view.split(":")), atlas.parties, atlas.summits, atlas.documents,
                                   atlas.endorsements, atlas.attendance, lambda *a: "", tr)
        lines += [shape.sentence, shape.attendance_note or ""]
    for party in ("GBR", "NZL", "KOR", "FRA"):
        lines += [t for _d, t in asof.history_lines(asof.party_history(
            party, atlas.endorsements, atlas.documents, atlas.attendance, atlas.summits), tr)]
    lines.append(asof.not_yet("summit", in_sentence(summits.loc["geneva-2027"], "name", tr), "x", tr))
    bletchley = docs.loc["bletchley-declaration"]
    lines.append(asof.not_yet("document", asof._capital(in_sentence(bletchley, "title", tr)),
                              on_date(format_date(bletchley["date"], "day", tr), tr), tr))
    text = "\n".join(lines).replace("\u00a0", " ").replace("\u202f", " ")
    for phrase in said:
        assert phrase in text, (phrase, [t for t in lines if phrase.split()[-1] in t][:3])
    full = [t for t in list(docs["title"]) + list(summits["name"]) if len(t) > 45]
    assert [t for t in full if t in text] == []  # never the long official title inside a sentence
    assert not re.search(r"(?i)(sommet|cumbre) «?\s*(sommet|cumbre)", text)
    assert not re.search(r"(signé|firmó|firmaron|rejoint|suscribió|Qui a signé|Quién firmó) [«\"“]", text)
