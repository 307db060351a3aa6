"""Data codes in words: one list per coded column (statuses, verification levels, event kinds, roles,
institute statuses, risk categories), each label marked for translation and shown in the active language.

Every page, export and test takes a code's words from here, so a label is written once."""

from __future__ import annotations

from components.i18n import EN, N_, Translator


# an endorsement's statuses, strongest first; SIGNED are those that count as signing
STATUS_ORDER = ("signed", "joined_later", "attended_not_signed", "no_record")
SIGNED = ("signed", "joined_later")
# English labels, marked for translation (N_): shown through `tr.gettext(LABEL)` in the active language
STATUS_LABELS = {
    "signed": N_("Signed"),
    "joined_later": N_("Joined later"),
    "attended_not_signed": N_("Attended, did not sign"),
    "no_record": N_("No record"),
}


def status_in_line(status: str, tr: Translator = EN) -> str:
    """A status after a document's title in a line ("**Title**: Signed, 1 November 2023"): the label in English,
    in lower case in French ("**Titre** : a signé, 1er novembre 2023"), kept apart from the labels of legends and
    tables by its context."""
    # the context is written out in each call: the extractor only reads a literal
    lines = {"signed": tr.pgettext("status after a title", "Signed"),
             "joined_later": tr.pgettext("status after a title", "Joined later"),
             "attended_not_signed": tr.pgettext("status after a title", "Attended, did not sign"),
             "no_record": tr.pgettext("status after a title", "No record")}
    return lines.get(status) or enum_label(STATUS_LABELS, status, tr)


# a source's verification level (data.VERIFICATION), as a reader sees it
VERIFICATION_LABELS = {"primary": N_("primary"), "secondary": N_("secondary")}
# an event kind by itself, as the timeline's filter names it (KIND_LABELS groups kinds into lanes)
KIND_NAMES = {"summit": N_("Summits"), "declaration": N_("Declarations"), "commitment": N_("Commitments"),
              "speech": N_("Speeches and statements"), "institution": N_("Institutions"), "report": N_("Reports"),
              "law": N_("Laws"), "resolution": N_("Resolutions"), "other": N_("Other")}
KIND_LABELS = {
    "summit": N_("Summits"),
    "declaration": N_("Declarations and commitments"),
    "commitment": N_("Declarations and commitments"),
    "speech": N_("Speeches and statements"),
    "institution": N_("Institutions"),
    "report": N_("Reports"),
    "law": N_("Laws and resolutions"),
    "resolution": N_("Laws and resolutions"),
    "other": N_("Other milestones"),
}
# the timeline's lanes in drawing order: the values of KIND_LABELS
LANES = ["Summits", "Declarations and commitments", "Speeches and statements", "Institutions", "Reports",
         "Laws and resolutions", "Other milestones"]
# a role as the heading of its group of attendees
ROLE_HEADINGS = {"government": N_("Governments"), "international organisation": N_("International organisations"),
                 "company": N_("Companies"), "academia": N_("Academia"), "civil society": N_("Civil society")}
# a role in a sentence ("Attended (government)"), translated where it is shown
ROLE_NAMES = {"government": N_("government"), "international organisation": N_("international organisation"),
              "company": N_("company"), "academia": N_("academia"), "civil society": N_("civil society")}
INSTITUTE_STATUS = {"launched": N_("launched"), "announced": N_("announced")}


def role_count(role: str, n: int, tr: Translator = EN) -> str:
    """`28 governments`, `1 company` (`28 gouvernements`): each role as its own plural phrase."""
    phrases = {
        "government": tr.ngettext("{n} government", "{n} governments", n),
        "international organisation": tr.ngettext("{n} international organisation",
                                                  "{n} international organisations", n),
        "company": tr.ngettext("{n} company", "{n} companies", n),
        "academia": tr.ngettext("{n} academic institution", "{n} academic institutions", n),
        "civil society": tr.ngettext("{n} civil society organisation", "{n} civil society organisations", n),
    }
    return phrases[role].format(n=tr.number(n))


CATEGORY_LABELS = {
    "malicious_use": N_("Malicious use"),
    "malfunctions": N_("Malfunctions"),
    "systemic": N_("Systemic risks"),
}
CATEGORY_BLURBS = {
    "malicious_use": N_("People using AI on purpose to cause harm."),
    "malfunctions": N_("AI that fails or behaves in ways nobody intended."),
    "systemic": N_("Wider harms that build up as AI spreads through society and the economy."),
}


def enum_label(labels: dict[str, str], value: str, tr: Translator = EN) -> str:
    """A data code in words in `tr`'s language (`primary` -> `primaire`), from one of the label lists above; an
    unknown code is shown as it is."""
    return tr.gettext(labels[value]) if value in labels else str(value)
