"""A party's profile as Markdown blocks, summit by summit (pure text, no streamlit; drawn by ui.st_profile).

Each block is one summit, so a rerun that does not change the profile resends nothing: every block is a
separate message, and blocks of at least 1 kB come back as a hash (`minCachedMessageSize`).
"""

from __future__ import annotations

import pandas as pd

from components.i18n import EN, Translator
from components.shaping import (INSTITUTE_STATUS, VERIFICATION_LABELS, Profile, SummitSection, enum_label,
                                format_date, on_date, status_in_line)
from components.text import md_escape, md_link, report_md_link


def _document_line(d: pd.Series, party_id: str, page_url: str, tr: Translator = EN) -> str:
    """One document and the party's status there: date as precise as its source, source, checked, report."""
    # one format string per glued pair, so each language writes its own punctuation ("**Titre** : a signé")
    staged = d.get("stages") or ()  # a treaty: each stage with its date and its own source (stages.py)
    if staged:
        line = "- " + tr.gettext("**{title}**: {status}").format(title=md_escape(d["short_title"]), status=(
            tr.pgettext("between treaty stages", "; ").join(
                f"{md_escape(words)} ({md_link(tr.gettext('source'), url)}, "
                f"{md_escape(enum_label(VERIFICATION_LABELS, level, tr))})" for words, url, level in staged)))
    else:
        line = "- " + tr.gettext("**{title}**: {status}").format(title=md_escape(d["short_title"]),
                                                             status=md_escape(status_in_line(d["status"], tr)))
    if d["date_text"] and not staged:
        line += f", {md_escape(d['date_text'])}"
    if d["source_url"] and not staged:
        level = enum_label(VERIFICATION_LABELS, d["verification"], tr)
        line += f" ({md_link(tr.gettext('source'), d['source_url'])}, {md_escape(level)})"
    if d["note"]:
        line += f". {md_escape(d['note'])}"
    if d["status"] != "no_record":
        line += (" · " + md_escape(tr.gettext("checked {date}").format(date=d["checked_text"])) + " · "
                 + report_md_link(f"endorsements.csv: {d['document_id']} + {party_id}", d["source_url"], page_url,
                                  tr.gettext("report a problem")))
    return line


def _statement_line(r: pd.Series, tr: Translator = EN) -> str:
    return ("- " + tr.gettext("{date}, {speaker}: {gist}").format(
        date=md_escape(format_date(r["date"], r["date_precision"], tr)), speaker=md_escape(r["speaker"]),
        gist=md_escape(r["gist"])) + f" ({md_link(tr.gettext('source'), r['source_url'])})")


def section_block(section: SummitSection, party_id: str, page_url: str, tr: Translator = EN) -> str:
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
        lines.append("\n".join(_document_line(d, party_id, page_url, tr) for _, d in section.documents.iterrows()))
    if len(section.statements):
        lines.append(tr.gettext("Statements there:") + "\n\n"
                     + "\n".join(_statement_line(r, tr) for _, r in section.statements.iterrows()))
    return "\n\n".join(lines)


def other_block(p: Profile, page_url: str, tr: Translator = EN) -> str:
    """Documents outside the summits (the Council of Europe convention), then the AI safety institute."""
    lines = ["#### " + tr.gettext("Outside the summits")]
    if len(p.other_documents):
        lines.append("\n".join(_document_line(d, p.party_id, page_url, tr) for _, d in p.other_documents.iterrows()))
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


def profile_blocks(p: Profile, page_url: str, tr: Translator = EN) -> list[str]:
    """The profile's Markdown, one block per summit in date order, then one for everything else (in `tr`'s
    language; the profile itself is shaped in the same language)."""
    return [section_block(s, p.party_id, page_url, tr) for s in p.sections] + [other_block(p, page_url, tr)]
