"""A treaty's legal stages in words: on the map (legend, tooltip, listed parties), in the matrix and in profiles.

Pure pandas and text (no streamlit). The stages themselves are data (treaty_stages.csv; the one list of them is
`components.data.STAGES`); an endorsement of a treaty says only that a party joined, from its first stage, and
this module says how far it went: signed, ratified (or accepted, approved, acceded), in force for it.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from components.data import STAGES
from components.dates import format_date, on_date
from components.i18n import EN, N_, Translator
from components.labels import STATUS_LABELS
from components.maps import STAGE_COLOURS, STATUS_COLOURS
from components.mapviews import MapShape
from components.profiles import Profile

# what a stage means on the map: signed; bound (consent to be bound, however given); in force for the party
STAGE_GROUPS = {"signature": "signed", "ratification": "bound", "acceptance": "bound", "approval": "bound",
                "accession": "bound", "entry_into_force": "in_force"}
GROUP_ORDER = ("signed", "bound", "in_force")
# the latest stage by itself (tooltip, matrix cell, listed table); "Signed" is the status label's own word
STAGE_LABELS = {"signature": N_("Signed"), "ratification": N_("Ratified"), "acceptance": N_("Accepted"),
                "approval": N_("Approved"), "accession": N_("Acceded"), "entry_into_force": N_("In force")}
GROUP_LABELS = {"signed": N_("Signed"), "bound": N_("Ratified, accepted, approved or acceded"),
                "in_force": N_("In force for the party")}


def stage_label(stage: str, tr: Translator = EN) -> str:
    """A stage by itself in words (`ratification` -> `Ratified`); an unknown code as it is."""
    return tr.gettext(STAGE_LABELS[stage]) if stage in STAGE_LABELS else str(stage)


def stage_with_date(stage: str, when: str, tr: Translator = EN) -> str:
    """A stage and its date in a history (`signed 5 September 2024`), the date already in words."""
    # the context is written out in each call: the extractor only reads a literal
    words = {"signature": tr.pgettext("treaty stage with its date", "signed {date}"),
             "ratification": tr.pgettext("treaty stage with its date", "ratified {date}"),
             "acceptance": tr.pgettext("treaty stage with its date", "accepted {date}"),
             "approval": tr.pgettext("treaty stage with its date", "approved {date}"),
             "accession": tr.pgettext("treaty stage with its date", "acceded {date}"),
             "entry_into_force": tr.pgettext("treaty stage with its date", "in force {date}")}
    return words.get(stage, f"{stage} {{date}}").format(date=when)


def is_treaty(documents: pd.DataFrame, document_id: str) -> bool:
    """Whether a document is a treaty: it has a date on which it opened for signature."""
    if "opened_for_signature" not in documents:
        return False
    rows = documents.loc[documents["document_id"] == document_id, "opened_for_signature"]
    return bool(len(rows)) and bool(str(rows.iloc[0] or ""))


def ordered(stages: pd.DataFrame, as_of: str | None = None) -> pd.DataFrame:
    """Stages in the order they happened (date, then the order of STAGES), up to `as_of` (a YYYY-MM-DD day)."""
    rows = stages if as_of is None else stages[stages["date"] <= as_of]
    rank = rows["stage"].map({s: i for i, s in enumerate(STAGES)}).fillna(len(STAGES))
    return rows.assign(_rank=rank).sort_values(["date", "_rank"], kind="stable").drop(columns="_rank")


def history(rows: pd.DataFrame, tr: Translator = EN) -> str:
    """One party's stages in date order, in words: `signed 5 September 2024; ratified 3 March 2026`."""
    parts = [stage_with_date(r["stage"], format_date(r["date"], r["date_precision"] or "day", tr), tr)
             for _, r in ordered(rows).iterrows()]
    return tr.pgettext("between treaty stages", "; ").join(parts)


def latest(stages: pd.DataFrame, document_id: str, as_of: str | None = None) -> pd.DataFrame:
    """Every party with stages for a document: its latest stage (party_id, stage, date, date_precision, group, n)."""
    rows = ordered(stages[stages["document_id"] == document_id], as_of)
    last = rows.groupby("party_id", sort=True).tail(1)[["party_id", "stage", "date", "date_precision"]]
    counts = rows.groupby("party_id").size().rename("n").reset_index()
    return last.merge(counts, on="party_id").assign(group=lambda f: f["stage"].map(STAGE_GROUPS))


def treaty_note(document: pd.Series, tr: Translator = EN) -> str:
    """Where and when a treaty opened for signature, its entry-into-force condition, and whether it is met."""
    opened = format_date(str(document.get("opened_for_signature") or ""), tr=tr)
    text = tr.gettext("Opened for signature in {place} {date}.").format(
        place=str(document.get("opened_at") or ""), date=on_date(opened, tr))
    if document.get("entry_into_force_rule"):
        text += " " + str(document["entry_into_force_rule"])
    if document.get("entry_into_force"):
        text += " " + tr.gettext("In force since {date}.").format(date=format_date(str(document["entry_into_force"]),
                                                                                   tr=tr))
    else:
        text += " " + tr.gettext("No entry into force is recorded here.")
    return text


def with_stages(shape: MapShape, stages: pd.DataFrame, documents: pd.DataFrame, tr: Translator = EN,
                as_of: str | None = None) -> MapShape:
    """A treaty's map view with each party's latest stage in words (label), its stages with dates (date_text,
    `stages`), a `stage_group` that colours it (maps.fill_colours), and the treaty's own facts in its note.
    Any other view comes back as it is."""
    if shape.view.kind != "document" or not is_treaty(documents, shape.view.ident):
        return shape
    doc_id = shape.view.ident
    rows = stages[stages["document_id"] == doc_id]
    last = latest(stages, doc_id, as_of).set_index("party_id")
    words = {p: history(g, tr) for p, g in ordered(rows, as_of).groupby("party_id")}

    def staged(frame: pd.DataFrame) -> pd.DataFrame:
        stage = frame["party_id"].map(last["stage"]).fillna("")
        has = stage != ""
        out = frame.assign(stage=stage, stage_group=frame["party_id"].map(last["group"]).fillna(""),
                           stages=frame["party_id"].map(words).fillna(""))
        out.loc[has, "label"] = [stage_label(s, tr) for s in stage[has]]
        # one stage: its date; more: the whole history ("signed ...; ratified ...")
        many = frame["party_id"].map(last["n"]).fillna(0) > 1
        out.loc[has, "date_text"] = [words[p] if m else format_date(last.at[p, "date"],
                                                                   last.at[p, "date_precision"] or "day", tr)
                                     for p, m in zip(frame.loc[has, "party_id"], many[has])]
        return out

    document = documents.set_index("document_id").loc[doc_id]
    note = treaty_note(document, tr)
    coverage = f"{shape.coverage} {note}" if shape.coverage else note
    names = dict(zip(shape.table["party_id"], shape.table["name"]))
    labels = {names.get(p, p): stage_label(s, tr) for p, s in last["stage"].items()}
    not_drawn = tuple((n, labels.get(n, w).lower() if tr.lang != EN.lang else labels.get(n, w))
                      for n, w in shape.not_drawn)
    sources = shape.sources
    if document.get("treaty_source_url"):
        sources += ((tr.gettext("{document}: opening for signature and entry into force").format(
            document=document["title"]), document["treaty_source_url"]),)
    # each party's stage has its own source: the view lists them, as it lists each party's endorsement
    return replace(shape, table=staged(shape.table), listed=staged(shape.listed), coverage=coverage,
                   not_drawn=not_drawn, sources=sources)


def legend(tr: Translator = EN) -> tuple[tuple[str, tuple[int, int, int]], ...]:
    """A treaty view's legend in words with its colours, for pictures (images.py draws it)."""
    return tuple((tr.gettext(GROUP_LABELS[g]), tuple(STAGE_COLOURS[g])) for g in GROUP_ORDER) \
        + ((tr.gettext(STATUS_LABELS["no_record"]), tuple(STATUS_COLOURS["no_record"])),)


def legend_sentence(tr: Translator = EN) -> str:
    """A treaty view's legend under the map, in words (colour is never the only carrier of a stage)."""
    return tr.gettext("Legend: dark blue = signed; bluish green = ratified, accepted, approved or acceded; reddish "
                      "purple = in force for the party; light grey = no record. A black outline marks the chosen "
                      "country.")


def matrix_words(stages: pd.DataFrame, tr: Translator = EN) -> dict[tuple[str, str], str]:
    """(party_id, document_id) -> the party's latest stage of a treaty in words, for the signature matrix."""
    out = {}
    for doc_id in stages["document_id"].unique():
        for r in latest(stages, doc_id).itertuples():
            out[(r.party_id, doc_id)] = stage_label(r.stage, tr)
    return out


def stage_lines(stages: pd.DataFrame, document_id: str, party_id: str, tr: Translator = EN) -> tuple:
    """One party's stages of a treaty for its profile: (stage with date in words, source_url, verification)."""
    rows = ordered(stages[(stages["document_id"] == document_id) & (stages["party_id"] == party_id)])
    return tuple((stage_with_date(r["stage"], format_date(r["date"], r["date_precision"] or "day", tr), tr),
                  r["source_url"], r["verification"]) for _, r in rows.iterrows())


def with_profile_stages(p: Profile, stages: pd.DataFrame, tr: Translator = EN) -> Profile:
    """A profile whose treaty lines carry the party's stages (`stages`: see stage_lines; empty elsewhere)."""
    def add(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.assign(stages=[stage_lines(stages, d, p.party_id, tr) for d in frame["document_id"]])

    if not len(stages[stages["party_id"] == p.party_id]):
        return p
    sections = tuple(replace(s, documents=add(s.documents)) for s in p.sections)
    return replace(p, sections=sections, other_documents=add(p.other_documents))
