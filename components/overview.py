"""The Atlas at a glance: the home page's headline counts and seed story, and the data page's figures about the
data itself (verification mix per file, how recently rows were checked, the newest changes)."""

from __future__ import annotations

import pandas as pd

from components.labels import SIGNED
from components.participation import summit_state_documents


def states_signed_any(endorsements: pd.DataFrame, documents: pd.DataFrame, parties: pd.DataFrame) -> list[str]:
    """Ids of states that signed or joined at least one state-endorsed summit document, sorted."""
    state_docs = set(summit_state_documents(documents)["document_id"])
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


# the story the Atlas was built from, in the order the home page tells it
SEED_STATEMENTS = ("2023-11-02-musk-sunak-lancaster-house", "2023-11-02-musk-china-lancaster-house",
                   "2023-11-02-guterres-bletchley", "2023-11-02-sunak-state-backed-testing")


def seed_statements(statements: pd.DataFrame, ids: tuple[str, ...] = SEED_STATEMENTS) -> pd.DataFrame:
    """The seed story's statements in story order (those present in the data)."""
    order = {sid: i for i, sid in enumerate(ids)}
    rows = statements[statements["statement_id"].isin(order)]
    return rows.assign(_order=rows["statement_id"].map(order)).sort_values("_order").drop(columns="_order")


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


def checked_spread(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per file with `checked_on`: rows, the oldest and newest check, and how many rows were checked on the newest day."""
    rows = []
    for file, frame in tables.items():
        if "checked_on" not in frame or frame.empty:
            continue
        dates = frame["checked_on"]
        rows.append({"file": file, "rows": len(frame), "oldest": dates.min(), "newest": dates.max(),
                     "checked_on_newest": int((dates == dates.max()).sum())})
    return pd.DataFrame(rows, columns=["file", "rows", "oldest", "newest", "checked_on_newest"])


def latest_changes(changes: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The `n` newest entries of the change log, newest first."""
    return changes.iloc[::-1].sort_values("date", ascending=False, kind="stable").head(n)
