"""Who signed what: every party's status for a document or a summit, counts of documents signed, the
signature matrix, and the sentences that say it (in the reader's language)."""

from __future__ import annotations

import pandas as pd

from components.dates import format_date, format_range, on_date
from components.i18n import EN, N_, Translator
from components.labels import SIGNED, STATUS_LABELS, STATUS_ORDER
from components.naming import in_sentence, name_list, short_titles


DISPUTED = "Disputed"  # an endorsement note starting with this word records sources that disagree


def state_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """Documents that states and blocs sign (not company commitments), in date order."""
    return documents[documents["endorser_kind"] != "companies"].sort_values(["date", "document_id"])


def summit_state_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """State documents adopted at a summit (not, e.g., the Council of Europe convention), in date order."""
    docs = state_documents(documents)
    return docs[docs["summit_id"].fillna("") != ""]


def document_status(parties: pd.DataFrame, endorsements: pd.DataFrame, document_id: str) -> pd.DataFrame:
    """Every party with its status for one document (`no_record` where there is none)."""
    return _every_party(parties, endorsements[endorsements["document_id"] == document_id])


def _every_party(parties: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Every party joined to at most one endorsement row each; parties without one get `no_record`. `disputed`:
    the note records sources that disagree (read from the English note: a translated Atlas keeps it in `note_en`)."""
    disputed = rows.get("note_en", rows["note"]).astype(str).str.startswith(DISPUTED)
    rows = rows[["party_id", "status", "date", "date_precision", "source_url", "verification", "note", "checked_on"]]
    out = parties[["party_id", "name", "kind", "eu_member"]].merge(rows.assign(disputed=disputed), on="party_id",
                                                                   how="left")
    out["status"] = out["status"].fillna("no_record")
    out["disputed"] = out["disputed"].astype(object).fillna(False).astype(bool)
    return out.fillna({"date": "", "date_precision": "day", "source_url": "", "verification": "", "note": "",
                       "checked_on": ""})


def summit_status(parties: pd.DataFrame, endorsements: pd.DataFrame, documents: pd.DataFrame,
                  summit_id: str) -> pd.DataFrame:
    """Every party with its strongest status across one summit's state documents."""
    docs = state_documents(documents)
    docs = docs[docs["summit_id"] == summit_id]
    rows = endorsements[endorsements["document_id"].isin(docs["document_id"])].copy()
    rows["rank"] = rows["status"].map({s: i for i, s in enumerate(STATUS_ORDER)})
    return _every_party(parties, rows.sort_values(["rank", "date"]).drop_duplicates("party_id"))


def signed_counts(parties: pd.DataFrame, endorsements: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Every party with how many summit documents for states it signed or joined, and which."""
    docs = summit_state_documents(documents)
    rows = endorsements[endorsements["status"].isin(SIGNED) & endorsements["document_id"].isin(docs["document_id"])]
    grouped = rows.groupby("party_id")["document_id"].agg(["count", lambda s: "; ".join(sorted(s))])
    grouped.columns = ["signed_count", "signed_documents"]
    out = parties[["party_id", "name", "kind", "eu_member"]].merge(grouped, left_on="party_id",
                                                                   right_index=True, how="left")
    out["signed_count"] = out["signed_count"].fillna(0).astype(int)
    return out.fillna({"signed_documents": ""})


def _count_phrase(rows: pd.DataFrame, tr: Translator = EN) -> str:
    """`28 countries and the EU`, `16 companies`, `1 country` (`28 pays et l'UE`); rows are never empty (a sentence
    about nobody is its own sentence: French negates the verb, « aucun … n'a signé »)."""
    parts = []
    states = int((rows["kind"] == "state").sum())
    if states:
        parts.append(tr.ngettext("{n} country", "{n} countries", states).format(n=tr.number(states)))
    for pid, label in (("EU", N_("the EU")), ("AU", N_("the African Union Commission"))):
        if pid in set(rows["party_id"]):
            parts.append(tr.gettext(label))
    others = rows[~rows["kind"].isin(["state"]) & ~rows["party_id"].isin(["EU", "AU"])]
    companies = int((others["kind"] == "company").sum())
    orgs = len(others) - companies
    if companies:
        parts.append(tr.ngettext("{n} company", "{n} companies", companies).format(n=tr.number(companies)))
    if orgs:
        parts.append(tr.ngettext("{n} other organisation", "{n} other organisations", orgs).format(n=tr.number(orgs)))
    return name_list(parts, tr)


def _declined(names: list[str], tr: Translator) -> str:
    """`X attended but did not sign.` as a whole sentence, singular or plural."""
    return tr.ngettext("{names} attended but did not sign.", "{names} attended but did not sign.",
                       len(names)).format(names=name_list(names, tr))


def document_sentence(document: pd.Series, status: pd.DataFrame, tr: Translator = EN) -> str:
    """A sentence describing one document's map, e.g. who signed it and who joined later."""
    signed = status[status["status"] == "signed"]
    later = status[status["status"] == "joined_later"].sort_values("date")
    declined = status[status["status"] == "attended_not_signed"].sort_values("name")
    title = in_sentence(document, "title", tr)
    when = format_date(document["date"], document["date_precision"], tr)
    if signed.empty and later.empty:
        text = tr.gettext("No endorser of {document} ({date}) is listed here: its list of endorsers has not been "
                          "verified.").format(document=title, date=when)
        return text + (" " + _declined(list(declined["name"]), tr) if len(declined) else "")
    when = on_date(when, tr, document["date_precision"])
    text = (tr.gettext("No party signed {document} {when}.").format(document=title, when=when) if signed.empty else
            tr.ngettext("{parties} signed {document} {when}.", "{parties} signed {document} {when}.",
                        len(signed)).format(parties=_count_phrase(signed, tr), document=title, when=when))
    if len(later):
        joins = [tr.gettext("{name} joined {when}").format(
                     name=r["name"], when=on_date(format_date(r["date"], r["date_precision"], tr), tr,
                                                  r["date_precision"]))
                 for _, r in later.iterrows()]
        text = tr.joined([text[:-1], *joins]) + "."
    if len(declined):
        text += " " + _declined(list(declined["name"]), tr)
    return text


def coverage_note(document: pd.Series, status: pd.DataFrame, tr: Translator = EN) -> str | None:
    """Say how many of the official endorsers we list, when the official count is larger; else None."""
    listed = int(status["status"].isin(SIGNED).sum())
    count = document.get("reported_count")
    note = str(document.get("reported_count_note") or "").strip()
    if count is None or pd.isna(count):
        return note or None  # no official count: say what is known about the list, if anything
    if listed >= int(count):
        return None
    head = note if note else tr.ngettext("The official count is {n} endorser.", "The official count is {n} endorsers.",
                                         int(count)).format(n=tr.number(int(count)))
    if not head.endswith("."):
        head += "."
    tail = tr.ngettext("{listed} of them is listed here with sources; the others are not yet verified, so a country "
                       "shown with no record may still have signed.",
                       "{listed} of them are listed here with sources; the others are not yet verified, so a country "
                       "shown with no record may still have signed.", listed).format(listed=tr.number(listed))
    return f"{head} {tail}"


def summit_sentence(summit: pd.Series, status: pd.DataFrame, tr: Translator = EN) -> str:
    """A sentence describing a summit's map."""
    signed = status[status["status"].isin(SIGNED)]
    declined = status[status["status"] == "attended_not_signed"]
    values = {"parties": _count_phrase(signed, tr) if len(signed) else "", "summit": in_sentence(summit, "name", tr)}
    if signed.empty:
        text = tr.gettext("No party signed or joined any of the documents of {summit}.").format(**values)
    elif summit["start_date"]:
        text = tr.ngettext("{parties} signed or joined at least one of the documents of {summit} ({dates}).",
                           "{parties} signed or joined at least one of the documents of {summit} ({dates}).",
                           len(signed)).format(dates=format_range(summit["start_date"], summit["end_date"], tr), **values)
    else:
        text = tr.ngettext("{parties} signed or joined at least one of the documents of {summit}.",
                           "{parties} signed or joined at least one of the documents of {summit}.",
                           len(signed)).format(**values)
    if len(declined):
        text += " " + tr.ngettext("{names} attended without signing any of them.",
                                  "{names} attended without signing any of them.",
                                  len(declined)).format(names=name_list(sorted(declined["name"]), tr))
    return text


def counts_sentence(counts: pd.DataFrame, n_documents: int, tr: Translator = EN) -> str:
    """A sentence describing the all-summits map."""
    signed = counts[counts["signed_count"] > 0]
    states = signed[signed["kind"] == "state"]
    if states.empty:
        return tr.gettext("No state has signed any of the summit documents listed here.")
    top = int(states["signed_count"].max())
    leaders = sorted(states.loc[states["signed_count"] == top, "name"])
    first = tr.ngettext("{n} country signed or joined at least one of {total} summit documents that states sign.",
                        "{n} countries signed or joined at least one of {total} summit documents that states sign.",
                        len(states)).format(n=tr.number(len(states)), total=tr.number(n_documents))
    second = tr.ngettext("{names} signed the most: {top} of {total}.", "{names} signed the most: {top} of {total}.",
                         len(leaders)).format(names=name_list(leaders, tr), top=tr.number(top),
                                              total=tr.number(n_documents))
    return f"{first} {second}"


def signature_matrix(parties: pd.DataFrame, endorsements: pd.DataFrame, documents: pd.DataFrame,
                     tr: Translator = EN, words: dict[tuple[str, str], str] | None = None) -> pd.DataFrame:
    """Parties with any record (rows) by state documents (columns), cells in words (the translator's);
    `words` ((party_id, document_id) -> text) replaces a cell's status, e.g. by a treaty's stage (stages.py)."""
    docs = state_documents(documents)
    rows = endorsements[endorsements["document_id"].isin(docs["document_id"])]
    wide = rows.pivot(index="party_id", columns="document_id", values="status")
    wide = wide.reindex(columns=list(docs["document_id"])).fillna("no_record")
    wide = wide.apply(lambda col: col.map(lambda s: tr.gettext(STATUS_LABELS[s])))
    for (party, doc), text in (words or {}).items():
        if party in wide.index and doc in wide.columns:
            wide.at[party, doc] = text
    names = parties.set_index("party_id")["name"]
    party, count = tr.gettext("Party"), tr.gettext("Documents signed")
    wide.insert(0, party, names.reindex(wide.index))
    wide.columns = [party] + short_titles(docs)  # full titles on hover and in the CSV (full_titles)
    signed = (rows[rows["status"].isin(SIGNED)].groupby("party_id").size())
    wide.insert(1, count, signed.reindex(wide.index).fillna(0).astype(int))
    return wide.sort_values([count, party], ascending=[False, True]).reset_index(drop=True)


def full_titles(documents: pd.DataFrame) -> dict[str, str]:
    """Short title -> full title of the documents states sign (the matrix's columns)."""
    docs = state_documents(documents)
    return dict(zip(short_titles(docs), docs["title"]))
