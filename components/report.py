"""Where "Report a problem with this fact" goes, and the pre-filled report it opens (pure text, no streamlit)."""

from __future__ import annotations

import os
from urllib.parse import quote, urlencode

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
