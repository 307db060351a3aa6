"""Pure pandas shaping: DataFrames and plain values in, new DataFrames or values out. No streamlit."""

from __future__ import annotations

import pandas as pd

SIGNED = ("signed", "joined_later")
STATUS_LABELS = {
    "signed": "Signed",
    "joined_later": "Joined later",
    "attended_not_signed": "Attended, did not sign",
    "no_record": "No record",
}
KIND_LABELS = {
    "summit": "Summits",
    "declaration": "Declarations and commitments",
    "commitment": "Declarations and commitments",
    "speech": "Speeches and statements",
    "institution": "Institutions",
    "report": "Reports",
    "law": "Laws and resolutions",
    "resolution": "Laws and resolutions",
    "other": "Other milestones",
}


def split_ids(value: object) -> list[str]:
    """Items of a `;`-joined cell."""
    return [v.strip() for v in str(value or "").split(";") if v.strip()]


def states_signed_any(endorsements: pd.DataFrame, documents: pd.DataFrame, parties: pd.DataFrame) -> list[str]:
    """Ids of states that signed or joined at least one state-endorsed summit document, sorted."""
    state_docs = set(documents.loc[documents["endorser_kind"] != "companies", "document_id"])
    states = set(parties.loc[parties["kind"] == "state", "party_id"])
    rows = endorsements[endorsements["status"].isin(SIGNED) & endorsements["document_id"].isin(state_docs)]
    return sorted(set(rows["party_id"]) & states)


def key_figures(summits: pd.DataFrame, documents: pd.DataFrame, endorsements: pd.DataFrame,
                parties: pd.DataFrame, events: pd.DataFrame, statements: pd.DataFrame) -> dict[str, int]:
    """Headline counts for the home page, computed from the data."""
    return {
        "summits_held": int((summits["status"] == "held").sum()),
        "summits_announced": int((summits["status"] == "announced").sum()),
        "documents": len(documents),
        "countries_signed": len(states_signed_any(endorsements, documents, parties)),
        "events": len(events),
        "statements": len(statements),
    }


def verification_mix(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Rows per file with the count of primary and secondary facts."""
    rows = []
    for file, frame in tables.items():
        has = "verification" in frame
        rows.append({
            "file": file,
            "rows": len(frame),
            "primary": int((frame["verification"] == "primary").sum()) if has else None,
            "secondary": int((frame["verification"] == "secondary").sum()) if has else None,
        })
    out = pd.DataFrame(rows)
    for col in ("primary", "secondary"):
        out[col] = out[col].astype("Int64")
    return out


def format_date(iso: str, precision: str = "day") -> str:
    """`2023-11-01` as `1 November 2023` (or `November 2023` at month precision)."""
    if not iso:
        return "date to be announced"
    ts = pd.Timestamp(iso)
    return f"{ts:%B %Y}" if precision == "month" else f"{ts.day} {ts:%B %Y}"


def format_range(start: str, end: str) -> str:
    """A date range in words: `1–2 November 2023`, `30 April – 2 May 2024`."""
    if not end or end == start:
        return format_date(start)
    a, b = pd.Timestamp(start), pd.Timestamp(end)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {b:%B %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%B} – {b.day} {b:%B %Y}"
    return f"{format_date(start)} – {format_date(end)}"
