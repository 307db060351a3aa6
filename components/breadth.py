"""Who joined nothing: for every UN member state, how many of the summit documents that states sign it signed or
joined, and the states that joined none. Pure pandas, no streamlit.

The documents counted are those the map's "All summits" view counts (participation.summit_state_documents:
adopted at a summit, signed by states), so the figure and that map agree state by state. The Council of Europe
convention, a treaty not adopted at a summit, and the companies' commitments are not counted. UN membership is
parties.csv's `un_status` (`member`: the 193 member states of the United Nations).
"""

from __future__ import annotations

import pandas as pd

from components.dates import format_date
from components.i18n import EN, N_, Translator
from components.participation import signed_counts, summit_state_documents
from components.text import md_escape, md_link, md_quote

# The UN advisory body's 2024 figure, quoted beside ours as context (issue 21): a statement of statements.csv, so
# its words, date and source are data like every other quote. Its sample of initiatives is not the Atlas's list of
# documents, so the two figures are shown apart and never added or compared.
UN_CONTEXT_STATEMENT = "2024-09-20-un-advisory-body-joined-none"

CSV_COLUMNS = ["party_id", "name", "region", "documents_joined"]


def member_breadth(parties: pd.DataFrame, endorsements: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Every UN member state with how many summit documents for states it signed or joined (`signed_count`) and
    which (`signed_documents`), by name."""
    members = parties[(parties["kind"] == "state") & (parties["un_status"] == "member")]
    counts = signed_counts(members, endorsements, documents)
    return counts.merge(members[["party_id", "region"]], on="party_id").sort_values("name").reset_index(drop=True)


def joined_none(breadth: pd.DataFrame) -> pd.DataFrame:
    """The member states that signed or joined none of the documents, by name."""
    return breadth[breadth["signed_count"] == 0].reset_index(drop=True)


def none_sentence(n_none: int, n_members: int, n_documents: int, tr: Translator = EN) -> str:
    """`N of the 193 UN member states joined none of the M summit documents that states sign.`"""
    return tr.ngettext("{n} of the {members} UN member states joined none of the {documents} summit documents that "
                       "states sign.",
                       "{n} of the {members} UN member states joined none of the {documents} summit documents that "
                       "states sign.", n_none).format(n=tr.number(n_none), members=tr.number(n_members),
                                                      documents=tr.number(n_documents))


DEFINITION = N_("Counted: the 193 member states of the United Nations, and the documents adopted at the summits "
                "that states sign, as the map's view of all summits counts them. A state counts once the Atlas "
                "records, with a source, that it signed or later joined one of them. The Council of Europe "
                "convention, a treaty outside the summits, and the companies' commitments are not counted. Official "
                "lists may be longer than the signatories verified here, so a state counted as joining none may "
                "have signed a document whose full list the Atlas could not verify.")


def context_markdown(statements: pd.DataFrame, tr: Translator = EN,
                     statement_id: str = UN_CONTEXT_STATEMENT) -> str:
    """The UN advisory body's figure as a Markdown paragraph: who said it, the quote (with its gloss in a
    translation), where it was reported and when; "" when the statement is not in the data."""
    rows = statements[statements["statement_id"] == statement_id]
    if rows.empty:
        return ""
    s = rows.iloc[0]
    quote = md_quote(s["quote"], s.get("quote_gloss") or "", tr)
    return tr.gettext("For context, a different count, of a sample of international AI governance efforts rather "
                      "than the summit documents counted here: {speaker} ({role}) wrote {quote} ({source}, "
                      "{date})").format(
        speaker=md_escape(s["speaker"]), role=md_escape(s["role"]), quote=quote,
        source=md_link(s["source_title"], s["source_url"]),
        date=md_escape(format_date(s["date"], s["date_precision"], tr)))


def none_figure(parties: pd.DataFrame, endorsements: pd.DataFrame, documents: pd.DataFrame,
                tr: Translator = EN) -> tuple[str, pd.DataFrame]:
    """The sentence and the list of member states that joined none (over the documents given)."""
    breadth = member_breadth(parties, endorsements, documents)
    none = joined_none(breadth)
    n_docs = len(summit_state_documents(documents))
    return none_sentence(len(none), len(breadth), n_docs, tr), none


def none_csv(none: pd.DataFrame, as_of: str = "") -> bytes:
    """The list as CSV (English column names, the public contract), with the day it is as of when not today."""
    out = none.rename(columns={"signed_count": "documents_joined"})[CSV_COLUMNS]
    if as_of:
        out = out.assign(as_of=as_of)
    return out.to_csv(index=False).encode("utf-8")
