"""A party's profile as Markdown blocks, summit by summit (pure text, no streamlit; drawn by ui.st_profile).

Each block is one summit, so a rerun that does not change the profile resends nothing: every block is a
separate message, and blocks of at least 1 kB come back as a hash (`minCachedMessageSize`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.data import split_ids
from components.dates import format_date, format_range, on_date
from components.i18n import EN, Translator
from components.labels import (INSTITUTE_STATUS, ROLE_NAMES, STATUS_LABELS, VERIFICATION_LABELS, enum_label,
                               status_in_line)
from components.naming import short_name, short_titles
from components.site import page_href
from components.text import md_escape, md_link, report_md_link


def party_profile(party_id: str, parties: pd.DataFrame, endorsements: pd.DataFrame, documents: pd.DataFrame
                  ) -> pd.DataFrame:
    """One party's status for every document of its kind (state or company), in date order."""
    kind = parties.set_index("party_id").at[party_id, "kind"]
    docs = documents[(documents["endorser_kind"] == "companies") == (kind == "company")]
    rows = endorsements[endorsements["party_id"] == party_id]
    out = docs[["document_id", "title", "date", "summit_id"]].rename(columns={"date": "document_date"})
    out["short_title"] = short_titles(docs)
    out = out.merge(rows[["document_id", "status", "date", "date_precision", "source_url", "verification", "note",
                          "checked_on"]], on="document_id", how="left")
    out["status"] = out["status"].fillna("no_record")
    return out.fillna({"date": "", "date_precision": "day", "source_url": "", "verification": "", "note": "",
                       "checked_on": ""}).sort_values("document_date")


def events_for_party(events: pd.DataFrame, party_id: str) -> pd.DataFrame:
    """Events that name a party, in date order."""
    # astype(bool): on an empty frame map() gives an object Series, and frame[object Series] selects columns
    mask = events["parties"].map(lambda v: party_id in split_ids(v)).astype(bool)
    return events.loc[mask].sort_values("date")


# A profile reads summit by summit. The strip is its overview: summits across, one mark per document.

@dataclass(frozen=True, eq=False)
class SummitSection:
    """One summit in a party's profile: whether it attended, each document there, its statements there."""

    summit_id: str
    label: str  # "Bletchley 2023"
    name: str
    when: str  # dates in words, or "date to be announced"
    held: bool
    attended: str  # in words, e.g. "Attended (government)"; "" when nothing is recorded
    attended_source: str
    documents: pd.DataFrame  # document_id, short_title, title, status, label, date_text, source_url, ...
    statements: pd.DataFrame


@dataclass(frozen=True, eq=False)
class Profile:
    """One party's profile: strip rows, a section per summit, documents outside summits, institute, events."""

    party_id: str
    name: str
    kind: str
    strip: pd.DataFrame  # summit_label, document, status, label (one row per document, or per summit without one)
    sections: tuple[SummitSection, ...]
    other_documents: pd.DataFrame
    other_statements: pd.DataFrame  # statements not tied to a summit
    institutes: pd.DataFrame
    events: pd.DataFrame
    sources: tuple[tuple[str, str], ...]


def _doc_rows(rows: pd.DataFrame, tr: Translator = EN) -> pd.DataFrame:
    rows = rows.assign(label=rows["status"].map(lambda s: tr.gettext(STATUS_LABELS[s])),
                       date_text=[format_date(d, p or "day", tr) if d else "" for d, p in
                                  zip(rows["date"], rows["date_precision"])],
                       checked_text=[format_date(c, tr=tr) if c else "" for c in rows["checked_on"]])
    return rows.reset_index(drop=True)


def profile(party_id: str, parties: pd.DataFrame, summits: pd.DataFrame, documents: pd.DataFrame,
            endorsements: pd.DataFrame, attendance: pd.DataFrame, statements: pd.DataFrame,
            institutes: pd.DataFrame, events: pd.DataFrame, tr: Translator = EN) -> Profile:
    """A party's profile, summit by summit in date order (attended or not), then everything else; its words and
    dates in `tr`'s language."""
    party = parties.set_index("party_id").loc[party_id]
    docs = party_profile(party_id, parties, endorsements, documents)
    docs = _doc_rows(docs, tr)
    went = attendance[attendance["party_id"] == party_id].set_index("summit_id")
    said = statements[statements["party_id"] == party_id].sort_values("date")
    order = summits.assign(_d=summits["start_date"].replace("", "9999")).sort_values(["_d", "summit_id"])
    sections, strip, sources = [], [], []
    for _, s in order.iterrows():
        sid, label = s["summit_id"], short_name(s)
        here = docs[docs["summit_id"] == sid]
        attended, source = "", ""
        if sid in went.index:
            row = went.loc[sid] if isinstance(went.loc[sid], pd.Series) else went.loc[sid].iloc[0]
            role = enum_label(ROLE_NAMES, row["role"], tr)
            attended, source = tr.gettext("Attended ({role})").format(role=role), row["source_url"]
            sources.append((tr.gettext("{party} at {summit}").format(party=party["name"], summit=label), source))
        elif here["status"].isin(["signed", "attended_not_signed"]).any():
            attended = tr.gettext("Took part: signed or declined a document there")
        when = format_range(s["start_date"], s["end_date"], tr) if s["start_date"] else format_date("", tr=tr)
        sections.append(SummitSection(sid, label, s["name"], when, s["status"] == "held", attended, source, here,
                                      said[said["summit_id"] == sid]))
        for _, d in here.iterrows():
            strip.append((label, d["short_title"], d["status"], d["label"]))
        if here.empty:
            strip.append((label, "", "no_document", tr.gettext("No document for this party") if s["status"] == "held"
                          else tr.gettext("Not yet held")))
        sources += [(d["title"], d["source_url"]) for _, d in here.iterrows() if d["source_url"]]
    other = docs[docs["summit_id"].fillna("") == ""]
    sources += [(d["title"], d["source_url"]) for _, d in other.iterrows() if d["source_url"]]
    inst = institutes[institutes["party_id"] == party_id]
    sources += [(r["name"], r["source_url"]) for _, r in inst.iterrows()]
    sources += [(r["source_title"], r["source_url"]) for _, r in said.iterrows()]
    strip_frame = pd.DataFrame(strip, columns=["summit", "document", "status", "label"])
    return Profile(party_id, str(party["name"]), str(party["kind"]), strip_frame, tuple(sections), other,
                   said[said["summit_id"].fillna("") == ""], inst, events_for_party(events, party_id), tuple(sources))


def live_document_href(document_id: str, lang: str) -> str:
    """A document's page on the live app."""
    return page_href("documents", {"doc": document_id}, lang)


def _document_line(d: pd.Series, party_id: str, page_url: str, tr: Translator = EN,
                   doc_href=live_document_href) -> str:
    """One document, its title linked to its page, and the party's status there: date as precise as its source,
    source, note (when it was checked and its report link: checks_block)."""
    # one format string per glued pair, so each language writes its own punctuation ("**Titre** : a signé")
    # the title opens the document's own page (its passages, the risks it names), with the language kept: a
    # Markdown link opens a new tab, a new session that knows only its URL. Every byte here is sent by the click
    # that opens the profile (each line's check date and report link: checks_block, in the profile's panel).
    title = f"[{md_escape(d['short_title'])}]({doc_href(d['document_id'], tr.lang)})"
    staged = d.get("stages") or ()  # a treaty: each stage with its date and its own source (stages.py)
    if staged:
        line = "- " + tr.gettext("**{title}**: {status}").format(title=title, status=(
            tr.pgettext("between treaty stages", "; ").join(
                f"{md_escape(words)} ({md_link(tr.gettext('source'), url)}, "
                f"{md_escape(enum_label(VERIFICATION_LABELS, level, tr))})" for words, url, level in staged)))
    else:
        line = "- " + tr.gettext("**{title}**: {status}").format(title=title,
                                                             status=md_escape(status_in_line(d["status"], tr)))
    if d["date_text"] and not staged:
        line += f", {md_escape(d['date_text'])}"
    if d["source_url"] and not staged:
        level = enum_label(VERIFICATION_LABELS, d["verification"], tr)
        line += f" ({md_link(tr.gettext('source'), d['source_url'])}, {md_escape(level)})"
    if d["note"]:
        line += f". {md_escape(d['note'])}"
    return line


def _check_line(d: pd.Series, party_id: str, page_url: str, tr: Translator = EN) -> str:
    """When a person last checked one document line, and the link that reports a problem with it."""
    return "- " + tr.gettext("**{title}**: {status}").format(title=md_escape(d["short_title"]), status=(
        md_escape(tr.gettext("checked {date}").format(date=d["checked_text"])) + " · "
        + report_md_link(f"endorsements.csv: {d['document_id']} + {party_id}", d["source_url"], page_url,
                         tr.gettext("report a problem"))))


def checks_block(p: Profile, page_url: str, tr: Translator = EN) -> str:
    """Every recorded document line of the profile, in the profile's order: when it was checked, and its report
    link. Drawn in the profile's closed panel (ui.st_profile), not on each line: every byte of the lines is sent
    by the click that opens the profile, and the title links that open each document's page took France's click
    over its 10 KB budget (bench/RESULTS.md)."""
    docs = [d for s in p.sections for _, d in s.documents.iterrows()] + [d for _, d in p.other_documents.iterrows()]
    return "\n".join(_check_line(d, p.party_id, page_url, tr) for d in docs if d["status"] != "no_record")


def _statement_line(r: pd.Series, tr: Translator = EN) -> str:
    return ("- " + tr.gettext("{date}, {speaker}: {gist}").format(
        date=md_escape(format_date(r["date"], r["date_precision"], tr)), speaker=md_escape(r["speaker"]),
        gist=md_escape(r["gist"])) + f" ({md_link(tr.gettext('source'), r['source_url'])})")


def section_block(section: SummitSection, party_id: str, page_url: str, tr: Translator = EN,
                  doc_href=live_document_href) -> str:
    """One summit: heading, attendance, each document with the party's status, the party's statements there."""
    head = f"#### {md_escape(section.label)}\n\n{md_escape(section.name)}, {md_escape(section.when)}"
    if not section.held:
        head += " " + tr.gettext("(announced)")
    if section.attended:
        head += f". {md_escape(section.attended)}"
        if section.attended_source:
            head += f" ({md_link(tr.gettext('source'), section.attended_source)})"
    elif section.held:
        head += ". " + tr.gettext("No attendance recorded here")
    lines = [head + "."]
    if len(section.documents):
        lines.append("\n".join(_document_line(d, party_id, page_url, tr, doc_href)
                               for _, d in section.documents.iterrows()))
    if len(section.statements):
        lines.append(tr.gettext("Statements there:") + "\n\n"
                     + "\n".join(_statement_line(r, tr) for _, r in section.statements.iterrows()))
    return "\n\n".join(lines)


def other_block(p: Profile, page_url: str, tr: Translator = EN, doc_href=live_document_href) -> str:
    """Documents outside the summits (the Council of Europe convention), then the AI safety institute."""
    lines = ["#### " + tr.gettext("Outside the summits")]
    if len(p.other_documents):
        lines.append("\n".join(_document_line(d, p.party_id, page_url, tr, doc_href)
                               for _, d in p.other_documents.iterrows()))
    lines.append("**" + tr.gettext("AI safety institute") + "**")
    if len(p.institutes):
        inst = []
        for _, r in p.institutes.iterrows():
            status = enum_label(INSTITUTE_STATUS, r["status"], tr)
            when = on_date(format_date(r["announced"], r["date_precision"], tr), tr, r["date_precision"])
            text = f"{md_escape(r['name'])}, {md_escape(status)} {md_escape(when)}"
            if r.get("renamed_to"):
                text = tr.gettext("{institute}; renamed {name} on {date}").format(
                    institute=text, name=md_escape(r["renamed_to"]),
                    date=md_escape(format_date(r["renamed_on"], tr=tr)))
            inst.append(f"- {text} ({md_link(tr.gettext('source'), r['source_url'])})")
        lines.append("\n".join(inst))
    else:
        lines.append(tr.gettext("No AI safety institute is recorded here for this party."))
    if len(p.other_statements):
        lines.append("**" + tr.gettext("Other statements") + "**\n\n"
                     + "\n".join(_statement_line(r, tr) for _, r in p.other_statements.iterrows()))
    return "\n\n".join(lines)


def profile_blocks(p: Profile, page_url: str, tr: Translator = EN, doc_href=live_document_href) -> list[str]:
    """The profile's Markdown, one block per summit in date order, then one for everything else (in `tr`'s
    language; the profile itself is shaped in the same language). `doc_href(document_id, lang)` is where a
    document's title links: its live page by default, its light page in the light edition."""
    return ([section_block(s, p.party_id, page_url, tr, doc_href) for s in p.sections]
            + [other_block(p, page_url, tr, doc_href)])
