"""A treaty's legal stages: the data (CETS No. 225), the validator's rules, the words on the map, in the matrix and
in profiles (English and French), the picture's legend, and the convention's map view and a profile under AppTest."""

from __future__ import annotations

import pandas as pd
import pytest

from components import maps, stages
from components.data import AFTER_SIGNATURE, STAGES
from components.i18n import EN, localize, translator
from components.mapviews import MapShape, View, map_shape
from components.participation import signature_matrix
from components.profiles import profile
from tests.conftest import plain, shipped_atlas
from tests.test_data import problems, rows, write
from tests.test_pages import markdown

FR = translator("fr")
ATLAS = shipped_atlas()
FR_ATLAS = localize(ATLAS, "fr")
CETS = "coe-framework-convention"


def staged(extra: list[tuple[str, str, str]] = ()) -> pd.DataFrame:
    """The shipped stages plus (party, stage, date) rows for the convention (sourced like the rest)."""
    add = pd.DataFrame([{"document_id": CETS, "party_id": p, "stage": s, "date": d, "date_precision": "day",
                         "source_url": "https://www.coe.int/x", "verification": "primary", "checked_on": "2026-12-07"}
                        for p, s, d in extra])
    return pd.concat([ATLAS.treaty_stages, add], ignore_index=True) if len(add) else ATLAS.treaty_stages


def convention_view(stage_rows: pd.DataFrame, atlas=ATLAS, tr=EN) -> MapShape:
    shape = map_shape(View("document", CETS), atlas.parties, atlas.summits, atlas.documents,
                      atlas.endorsements, atlas.attendance, lambda *a: "", tr)
    return stages.with_stages(shape, stage_rows, atlas.documents, tr)


# --- the data ---------------------------------------------------------------------------------------------------

def test_convention_signatures_each_with_a_source_and_an_endorsement():
    rows_ = ATLAS.treaty_stages[ATLAS.treaty_stages["document_id"] == CETS]
    signed = rows_[rows_["stage"] == "signature"]
    assert len(signed) == 19 and signed["party_id"].is_unique  # 10 at Vilnius, 9 later: all reported in Jan 2026
    bosnia = signed.set_index("party_id").loc["BIH"]  # its day unsourced: the day by which it had signed
    assert (bosnia["date"], bosnia["date_precision"], bosnia["verification"]) == ("2025-12-10", "on_or_before",
                                                                                 "secondary")
    assert set(signed["party_id"]) >= {"CAN", "JPN", "MNE", "LIE", "CHE", "UKR", "URY", "ARM", "BIH", "GBR", "USA",
                                       "EU"}
    assert signed["source_url"].str.startswith("https://").all()
    assert dict(zip(signed["party_id"], signed["date"]))["CAN"] == "2025-02-11"  # at the Paris summit's CoE event
    ends = ATLAS.endorsements[ATLAS.endorsements["document_id"] == CETS]
    assert set(ends["party_id"]) == set(signed["party_id"])
    assert (rows_["date"] >= "2024-09-05").all()
    doc = ATLAS.documents.set_index("document_id").loc[CETS]
    assert (doc["opened_for_signature"], doc["opened_at"], doc["entry_into_force"]) == ("2024-09-05", "Vilnius", "")
    assert "five signatories" in doc["entry_into_force_rule"] and "three" in doc["entry_into_force_rule"]


def test_one_list_of_stages():
    assert STAGES[0] == "signature" and STAGES[-1] == "entry_into_force"
    assert set(AFTER_SIGNATURE) < set(STAGES) and "accession" not in AFTER_SIGNATURE
    assert set(stages.STAGE_LABELS) == set(STAGES) == set(stages.STAGE_GROUPS)


# --- the validator ---------------------------------------------------------------------------------------------

def _plant(data_dir, new_rows: list[list[str]]) -> int:
    """Append stage rows for the convention; return the file line of the first."""
    table = rows(data_dir / "treaty_stages.csv")
    line = len(table) + 1
    src = ["https://www.coe.int/x", "primary", "2026-12-07"]
    write(data_dir / "treaty_stages.csv", table + [[CETS, p, s, d, "day", *src] for p, s, d in new_rows])
    return line


@pytest.mark.parametrize("party, stage, when, expected", [
    # Australia never signed: its ratification has no signature before it
    ("AUS", "ratification", "2026-03-01", "treaty_stages.csv:{line}: stage: ratification without a signature of AUS "
                                          "(a state that never signed accedes: stage accession) (ratification)"),
    ("AUS", "approval", "2026-03-01", "treaty_stages.csv:{line}: stage: approval without a signature of AUS (a state "
                                      "that never signed accedes: stage accession) (approval)"),
    # Canada signed on 11 February 2025: a ratification a day earlier is not after its signature
    ("CAN", "ratification", "2025-02-10", "treaty_stages.csv:{line}: stage: ratification before the signature of "
                                          "2025-02-11 (2025-02-10)"),
    # the convention opened for signature in Vilnius on 5 September 2024
    ("GBR", "ratification", "2024-09-04", "treaty_stages.csv:{line}: date: before the treaty opened for signature "
                                          "(2024-09-05) (2024-09-04)"),
])
def test_validator_reports_a_stage_out_of_order(data_copy, party, stage, when, expected):
    line = _plant(data_copy, [(party, stage, when)])
    found = problems(data_copy)
    assert expected.format(line=line) in found, found


def test_validator_plants_both_at_once_and_accepts_the_right_order(data_copy):
    line = _plant(data_copy, [("AUS", "ratification", "2026-03-01"), ("NOR", "signature", "2024-01-01")])
    found = problems(data_copy)
    assert f"treaty_stages.csv:{line}: stage: ratification without a signature of AUS (a state that never signed " \
           "accedes: stage accession) (ratification)" in found
    assert f"treaty_stages.csv:{line + 1}: date: before the treaty opened for signature (2024-09-05) (2024-01-01)" \
           in found
    # AUS has no endorsement of the convention either; the validator says so where the stage is
    assert f"treaty_stages.csv:{line}: party_id: no row in endorsements.csv for this document and party (AUS)" in found


def test_validator_accepts_ratification_after_signature_and_same_day(data_copy):
    from components import data

    _plant(data_copy, [("CAN", "ratification", "2026-03-01"), ("JPN", "acceptance", "2025-02-11"),
                       ("CAN", "entry_into_force", "2026-07-01")])
    atlas, found = data.validate(data_copy)
    assert found == [] and atlas is not None


def test_validator_wants_a_treaty_opening_date(data_copy):
    from tests.test_data import set_cell

    table = rows(data_copy / "documents.csv")
    line = [r[0] for r in table].index(CETS) + 1
    set_cell(data_copy / "documents.csv", line, "opened_for_signature", "")
    found = problems(data_copy)
    assert "treaty_stages.csv:2: document_id: a treaty's stages need its opened_for_signature date in documents.csv " \
           f"({CETS})" in found


# --- words ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("stage, english, french", [
    ("signature", "Signed", "A signé"), ("ratification", "Ratified", "A ratifié"), ("acceptance", "Accepted", "A accepté"),
    ("approval", "Approved", "A approuvé"), ("accession", "Acceded", "A adhéré"),
    ("entry_into_force", "In force", "En vigueur"),
])
def test_stage_label(stage, english, french):
    assert stages.stage_label(stage) == english and stages.stage_label(stage, FR) == french


@pytest.mark.parametrize("stage, english, french", [
    ("signature", "signed 5 September 2024", "signature : 5 septembre 2024"),
    ("ratification", "ratified 5 September 2024", "ratification : 5 septembre 2024"),
    ("acceptance", "accepted 5 September 2024", "acceptation : 5 septembre 2024"),
    ("approval", "approved 5 September 2024", "approbation : 5 septembre 2024"),
    ("accession", "acceded 5 September 2024", "adhésion : 5 septembre 2024"),
    ("entry_into_force", "in force 5 September 2024", "entrée en vigueur : 5 septembre 2024"),
])
def test_stage_with_date(stage, english, french):
    assert stages.stage_with_date(stage, "5 September 2024") == english
    assert plain(stages.stage_with_date(stage, FR.date("2024-09-05"), FR)) == french


@pytest.mark.parametrize("extra, party, label, group, words", [
    ([], "CAN", "Signed", "signed", "signed 11 February 2025"),
    ([], "MNE", "Signed", "signed", "signed November 2024"),  # month precision: the day could not be read
    ([], "BIH", "Signed", "signed", "signed on or before 10 December 2025"),  # a bound: the day is unsourced
    ([("CAN", "ratification", "2026-03-03")], "CAN", "Ratified", "bound",
     "signed 11 February 2025; ratified 3 March 2026"),
    ([("CAN", "ratification", "2026-03-03"), ("CAN", "entry_into_force", "2026-07-01")], "CAN", "In force",
     "in_force", "signed 11 February 2025; ratified 3 March 2026; in force 1 July 2026"),
    ([("AUS", "accession", "2026-05-04")], "AUS", "Acceded", "bound", "acceded 4 May 2026"),
])
def test_convention_view_says_each_party_stage(extra, party, label, group, words):
    shape = convention_view(staged(extra))
    row = shape.table.set_index("party_id").loc[party]
    assert (row["label"], row["stage_group"], row["stages"]) == (label, group, words)
    assert row["date_text"] == (words if len(words.split("; ")) > 1 else words.partition(" ")[2])
    fill = maps.fill_colours(shape.table[shape.table["party_id"] == party], counts=False)[0]
    assert fill == maps.STAGE_COLOURS[group]


def test_convention_view_in_french_and_its_note():
    shape = convention_view(staged([("CAN", "ratification", "2026-03-03")]), FR_ATLAS, FR)
    row = shape.table.set_index("party_id").loc["CAN"]
    assert (row["label"], plain(row["stages"])) == ("A ratifié",
                                                    "signature : 11 février 2025 ; ratification : 3 mars 2026")
    bosnia = shape.table.set_index("party_id").loc["BIH"]  # signed by a day, not on it
    assert (bosnia["label"], plain(bosnia["stages"])) == ("A signé", "signature : au plus tard le 10 décembre 2025")
    assert "Ouverte à la signature à Vilnius le 5 septembre 2024." in plain(shape.coverage)
    assert "cinq signataires" in shape.coverage and "Aucune entrée en vigueur n'est enregistrée ici." in shape.coverage
    english = convention_view(staged())
    assert "Opened for signature in Vilnius on 5 September 2024." in english.coverage
    assert english.coverage.endswith("No entry into force is recorded here.")
    assert english.sources[-1][1].startswith("https://www.coe.int/")  # where the condition is published
    assert ("European Union", "Signed") in english.not_drawn


def test_other_views_are_unchanged():
    for view in (View("document", "bletchley-declaration"), View("summit", "paris-2025"),
                 View()):
        shape = map_shape(view, ATLAS.parties, ATLAS.summits, ATLAS.documents, ATLAS.endorsements,
                          ATLAS.attendance, lambda *a: "")
        assert stages.with_stages(shape, ATLAS.treaty_stages, ATLAS.documents) is shape
    assert not stages.is_treaty(ATLAS.documents, "bletchley-declaration") and stages.is_treaty(ATLAS.documents, CETS)


@pytest.mark.parametrize("tr, words", [
    (EN, ("Signed", "Ratified, accepted, approved or acceded", "In force for the party", "No record")),
    (FR, ("A signé", "A ratifié, accepté, approuvé ou adhéré", "En vigueur pour l'État partie", "Aucune trace")),
])
def test_legend_in_words(tr, words):
    legend = stages.legend(tr)
    assert tuple(w for w, _c in legend) == words
    assert len({c for _w, c in legend}) == len(legend)  # each stage its own colour, and its words


def test_matrix_cell_says_the_stage():
    words = stages.matrix_words(staged([("CAN", "ratification", "2026-03-03")]))
    matrix = signature_matrix(ATLAS.parties, ATLAS.endorsements, ATLAS.documents, words=words)
    column = ATLAS.documents.set_index("document_id").at[CETS, "short_title"]
    cells = dict(zip(matrix["Party"], matrix[column]))
    assert (cells["Canada"], cells["Japan"], cells["France"]) == ("Ratified", "Signed", "No record")
    french = signature_matrix(FR_ATLAS.parties, FR_ATLAS.endorsements, FR_ATLAS.documents, FR,
                              stages.matrix_words(staged([("CAN", "ratification", "2026-03-03")]), FR))
    column = FR_ATLAS.documents.set_index("document_id").at[CETS, "short_title"]
    assert dict(zip(french["Partie"] if "Partie" in french else french.iloc[:, 0], french[column]))["Canada"] \
        == "A ratifié"


@pytest.mark.parametrize("atlas, tr, expected", [
    (ATLAS, EN, "**[Council of Europe AI Convention](/documents?doc=coe-framework-convention)**: signed 11 February "
                "2025 ([source](https://www.canada.ca/"),
    (FR_ATLAS, FR, "**[Convention IA du Conseil de l'Europe](/documents?doc=coe-framework-convention&lang=fr)** : "
                   "signature \\: 11 février 2025 ([source](https://www.canada.ca/"),
])
def test_profile_line_lists_each_stage_with_its_source(atlas, tr, expected):
    from components.profiles import profile_blocks

    p = profile("CAN", atlas.parties, atlas.summits, atlas.documents, atlas.endorsements, atlas.attendance,
                atlas.statements, atlas.institutes, atlas.events, tr)
    text = "\n".join(profile_blocks(stages.with_profile_stages(p, atlas.treaty_stages, tr), "/map?country=CAN", tr))
    assert expected in plain(text), text
    ratified = stages.with_profile_stages(p, staged([("CAN", "ratification", "2026-03-03")]), tr)
    text = "\n".join(profile_blocks(ratified, "/map?country=CAN", tr))
    assert ("; ratified 3 March 2026 ([source](https://www.coe.int/x), primary)" if tr is EN else
            " ; ratification \\: 3 mars 2026 ([source](https://www.coe.int/x), primaire)") in plain(text), text


def test_picture_legend_names_the_stages():
    from components import share
    from tests.test_i18n import svg_text

    english = svg_text(share.map_image(f"document:{CETS}", "http://x/map", "svg", ATLAS))
    french = svg_text(share.map_image(f"document:{CETS}", "http://x/map?lang=fr", "svg", FR_ATLAS, (), FR))
    assert "Ratified, accepted, approved or acceded" in english and "In force for the party" in english
    assert "A ratifié, accepté, approuvé ou adhéré" in french and "En vigueur pour l'État partie" in french
    assert "Joined later" not in english  # a treaty's legend is its stages, not a declaration's statuses


# --- pages ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, legend, note, status", [
    ("en", "Legend: dark blue = signed; bluish green = ratified, accepted, approved or acceded",
     "Opened for signature in Vilnius on 5 September 2024.", "Signed"),
    ("fr", "Légende : bleu foncé = a signé ; vert bleuté = a ratifié, accepté, approuvé ou adhéré",
     "Ouverte à la signature à Vilnius le 5 septembre 2024.", "A signé"),
])
def test_convention_map_view_in_both_languages(lang, legend, note, status):
    from tests.test_i18n import run

    at = run("map", document=CETS, **({"lang": lang} if lang != "en" else {}))
    assert legend in plain(markdown(at))
    assert any(note.replace(".", "\\.") in plain(i.value) for i in at.info)  # md-escaped
    listed = at.dataframe[0].value
    assert set(listed.iloc[:, 1]) == {status} and len(listed) == 19


@pytest.mark.parametrize("lang, line", [
    ("en", "**[Council of Europe AI Convention](/documents?doc=coe-framework-convention)**: signed 11 February 2025 "
           "([source]"),
    ("fr", "**[Convention IA du Conseil de l'Europe](/documents?doc=coe-framework-convention&lang=fr)** : "
           "signature \\: 11 février 2025 ([source]"),  # md-escaped
])
def test_profile_with_stages_in_both_languages(lang, line):
    from tests.test_i18n import run

    at = run("map", country="CAN", **({"lang": lang} if lang != "en" else {}))
    assert line in plain(markdown(at))
