"""Where "Report a problem with this fact" goes, and the pre-filled report it opens (pure text, no streamlit)."""

from __future__ import annotations

import os
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from components.i18n import N_

REPORT_TO_ENV = "ATLAS_REPORT_TO"
# NOTE: the Atlas has no fixed public address of its own, so by default a report opens the visitor's e-mail
# program with the subject and body filled in and the recipient left to them (nothing is sent by itself).
# A deployment sets ATLAS_REPORT_TO once: an e-mail address (`mailto:corrections@example.org`) or an issue
# tracker's new-issue URL (`https://github.com/OWNER/REPO/issues/new`), which receives `title` and `body`.
DEFAULT_REPORT_TO = "mailto:"
REPORT_LABEL = N_("Report a problem with this fact")  # translated where it is shown


def report_to(environ: dict | None = None) -> str:
    """The configured report address: ATLAS_REPORT_TO when it is a mailto: or https:// address, else the default."""
    value = (environ if environ is not None else os.environ).get(REPORT_TO_ENV, "").strip()
    return value if value.startswith(("mailto:", "https://")) else DEFAULT_REPORT_TO


def report_text(fact_id: str, source_url: str, page_url: str) -> tuple[str, str]:
    """Subject and body of a report about one fact: its id, its source and the page it was seen on."""
    subject = f"AI Summit Atlas: problem with {fact_id}"
    body = (f"Fact: {fact_id}\nSource cited: {source_url or '(none)'}\nPage: {page_url}\n\n"
            "What is wrong, and a source that shows the correct fact (an official page if possible):\n")
    return subject, body


def report_url(fact_id: str, source_url: str, page_url: str, to: str | None = None) -> str:
    """A link that opens a pre-filled report at `to` (mailto: or an issue tracker's https:// URL)."""
    to = to or report_to()
    subject, body = report_text(fact_id, source_url, page_url)
    if to.startswith("mailto:"):
        # mailto bodies need %20 rather than +, which mail programs show literally
        return f"{to}?subject={quote(subject)}&body={quote(body)}"
    sep = "&" if "?" in to else "?"
    return f"{to}{sep}{urlencode({'title': subject, 'body': body})}"


# A fact's report link inside the Atlas: /data?report=<fact>&from=<page> opens the About-the-data page, which looks
# the fact's source up in the data and shows the pre-filled mailto/tracker link (report_url). The pre-filled link
# itself was about 400 characters per fact: France's profile carried 15 of them, 5.5 KB of the 7.6 KB its click
# sent (bench/map_click.py). An endorsement is written `<document_id>/<party_id>` in the link, and `from` is left
# out when it is the party's profile, where the endorsement is shown: a profile's seven links were 86 characters
# each, now 38 (bench/budgets.py: a click that opens France's profile).
REPORT_PAGE = "/data"
ENDORSEMENT_FACT = "endorsements.csv: "  # "endorsements.csv: <document_id> + <party_id>"


def endorsement(fact_id: str) -> tuple[str, str] | None:
    """(document_id, party_id) of an endorsement's fact id; None for an event's or a statement's."""
    if not fact_id.startswith(ENDORSEMENT_FACT):
        return None
    document, _, party = fact_id[len(ENDORSEMENT_FACT):].partition(" + ")
    return document, party


def link_fact(fact_id: str) -> str:
    """A fact's id as its report link writes it: `bletchley-declaration/FRA` for an endorsement, else the id."""
    pair = endorsement(fact_id)
    return f"{pair[0]}/{pair[1]}" if pair else fact_id


def read_fact(value: str) -> str:
    """The fact a report link names, in its readable form (`endorsements.csv: bletchley-declaration + FRA`); the
    long form that earlier links carried is read as it is (a link shared before still works)."""
    document, slash, party = value.partition("/")
    return f"{ENDORSEMENT_FACT}{document} + {party}" if slash and document and party else value


def fact_page(fact_id: str, events=None) -> str:
    """The page a fact is shown on by default: an endorsement on its party's profile, an event or a statement in
    its timeline entry (`events`: the events table, to tell an event from a statement; without it, an event)."""
    pair = endorsement(fact_id)
    if pair:
        return f"/map?country={pair[1]}"
    kind = "statement" if events is not None and fact_id not in set(events["event_id"]) else "event"
    return f"/timeline?{kind}={fact_id}"


def report_link(fact_id: str, page_url: str) -> str:
    """The short in-app link that opens the pre-filled report about one fact (the page's language kept)."""
    page = urlsplit(page_url)  # the path and query only: the report page names pages of this Atlas
    pairs = parse_qsl(page.query)
    rest = [(k, v) for k, v in pairs if k != "lang"]
    params = {"report": link_fact(fact_id)}
    # only an endorsement's link leaves `from` out, when it is the party's profile (the About page puts it back)
    if not (endorsement(fact_id) and page.path + (f"?{urlencode(rest)}" if rest else "") == fact_page(fact_id)):
        params["from"] = page.path + (f"?{page.query}" if page.query else "")
    lang = [v for k, v in pairs if k == "lang"]
    params |= {"lang": lang[-1]} if lang else {}
    # ':', '/', '?' and '=' may stand unescaped in a query value (RFC 3986; parse_qs splits a pair on its first
    # '='): fewer bytes for each of a profile's report links
    return f"{REPORT_PAGE}?{urlencode(params, quote_via=lambda v, *_a: quote(v, safe=':/?='))}"


def fact_source(fact_id: str, endorsements, events, statements, passages=None) -> str | None:
    """The source_url of the fact a report link names (an endorsement, an event, a statement or a quoted passage),
    or None when no such fact is in the data (components/facts.py finds it: one finder for every fact)."""
    from components import facts  # facts.py builds on this module's ids

    tables = {"endorsements": endorsements, "events": events, "statements": statements}
    if passages is not None:
        tables["passages"] = passages
    found = facts.find(tables, fact_id)
    return str(found.row["source_url"]) if found is not None else None
