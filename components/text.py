"""Pure text helpers (no streamlit): Markdown escaping and links, URL hosts, escaped HTML tables.

Shaping, builders and tests use these without importing Streamlit; components/ui.py re-exports them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from urllib.parse import quote, urlparse

import pandas as pd

from components.report import REPORT_LABEL, report_link, report_url

# Quotes are not escaped: they mean nothing in Markdown outside a link's title, and a link's parts are always
# escaped here; French text has an apostrophe every few words ("l'IA", "d'intention"), a byte each on every click.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$=^&])")


_BREAKABLE_SPACE = re.compile(r"[^\S\u00a0\u202f]+")  # whitespace but the no-break spaces French typesets


def squash(text: object) -> str:
    """Text on one line with single spaces; no-break spaces (French typography) are kept, not turned into spaces."""
    return _BREAKABLE_SPACE.sub(" ", str(text)).strip(" ")


def md_escape(text: object) -> str:
    """Text from data or the URL, escaped so Markdown shows it literally (no links, HTML, LaTeX or icons)."""
    return _MD_SPECIAL.sub(r"\\\1", squash(text))


_CODE_SPAN = re.compile(r"(`[^`\n]+`)")


def notice_markdown(notice: str) -> str:
    """A notice as Markdown: its words escaped, the values it repeats (inline code spans, made by
    components/state.py shown) kept as code, where Markdown makes no link of a URL, `www.` or an e-mail address."""
    return "".join(part if _CODE_SPAN.fullmatch(part) else _escape_keeping_edges(part)
                   for part in _CODE_SPAN.split(notice))


def _escape_keeping_edges(text: str) -> str:
    """md_escape, keeping one space at either end where the text had one (the space beside a code span)."""
    core = md_escape(text)
    return (" " if text[:1].isspace() else "") + core + (" " if text[-1:].isspace() and core else "")


def safe_url(url: str) -> str:
    """An https URL made safe inside a Markdown link (parentheses and spaces percent-encoded)."""
    return quote(str(url), safe=":/?#@!$&'*+,;=%~-._") if str(url).startswith("https://") else ""


def domain(url: str) -> str:
    """The host of a URL without `www.`."""
    host = urlparse(str(url)).netloc
    return host[4:] if host.startswith("www.") else host


def md_quote(quote: str, gloss: str, tr) -> str:
    """A quote in Markdown, in its own language and in typographic quotation marks, with the translation's gloss
    after it where there is one (`tr`: the page's Translator)."""
    text = f"“{md_escape(quote)}”"
    return text + " " + md_escape(tr.gettext("(in English; meaning: “{gloss}”)").format(gloss=gloss)) if gloss else text


def md_link(label: str, url: str) -> str:
    """A Markdown link whose label and target are both safe."""
    target = safe_url(url)
    return f"[{md_escape(label)}]({target})" if target else md_escape(label)


_INLINE_TARGET = re.compile(r"\]\((https://[^()\s]+)\)")


def md_shared_targets(text: str) -> str:
    """Markdown whose link targets used more than once are written once, as numbered references at the end
    (`[source][1]` ... `[1]: https://...`), CommonMark's reference links; the links read and work the same.

    A profile cites one official page for several facts (gov.uk's Seoul Statement of Intent backs two of
    France's lines, 190 characters each time); every byte of a profile is sent on the click that opens it.
    Targets are md_link's (https, percent-encoded: no spaces or parentheses)."""
    counts: dict[str, int] = {}
    for url in _INLINE_TARGET.findall(text):
        counts[url] = counts.get(url, 0) + 1
    shared = {url: str(n) for n, url in enumerate((u for u, c in counts.items() if c > 1), start=1)}
    if not shared:
        return text
    body = _INLINE_TARGET.sub(lambda m: f"][{shared[m.group(1)]}]" if m.group(1) in shared else m.group(0), text)
    return body + "\n\n" + "\n".join(f"[{n}]: {url}" for url, n in shared.items())


def report_md_link(fact_id: str, source_url: str, page_url: str, label: str = REPORT_LABEL,
                   direct: bool = False) -> str:
    """A Markdown link to a pre-filled report about one fact: by default the short in-app link (report_link:
    the About-the-data page looks the source up and offers the mailto:/tracker link); `direct` links straight
    to the pre-filled mailto:/tracker report with `source_url`."""
    target = report_url(fact_id, source_url, page_url) if direct else report_link(fact_id, page_url)
    return f"[{md_escape(label)}]({quote(target, safe=':/?#@!$&*+,;=%~-._')})"


@dataclass(frozen=True)
class BuiltHtml:
    """HTML already complete and escaped (html_table's), for st.html to send as it is.

    st.html runs textwrap.dedent over a plain string on every run, which scans all of it: 1 ms per run for the
    map's 27 KB matrix table timed alone on this busy machine. An object with `_repr_html_` is sent as it is
    (st.html's documented behaviour); html_table's output has no common indentation to remove.
    """

    body: str

    def _repr_html_(self) -> str:
        return self.body


def html_table(frame, caption: str, row_header: str | None = None, titles: dict[str, str] | None = None,
               links: pd.DataFrame | None = None) -> str:
    """A real, escaped HTML table in a keyboard-focusable scroll region (WCAG 2.1.1 for scrollable content).

    `titles` gives a column header its full text on hover (a short title in the header, the long one in `title`).
    `links` (the light edition's matrix): a frame of the same shape whose non-empty values make their cells links
    (relative paths the caller built; escaped as attributes).
    """
    cols = list(frame.columns)
    titles = titles or {}
    head = "".join(f'<th scope="col"{_title_attr(titles.get(c))}>{escape(str(c))}</th>' for c in cols)
    body = []
    for i, (_, row) in enumerate(frame.iterrows()):
        cells = []
        for c in cols:
            tag = 'th scope="row"' if c == row_header else "td"
            value = "–" if pd.isna(row[c]) else str(row[c])  # a dash, not "<NA>", for a count that does not apply
            if " " not in value and len(value) <= NOWRAP_MAX:
                tag += ' class="nowrap"'
            elif len(value) > NOWRAP_MAX:
                tag += ' class="wide"'
            href = links.iloc[i][c] if links is not None and c in links else None
            text = f'<a href="{escape(href, quote=True)}">{escape(value)}</a>' if isinstance(href, str) and href \
                else escape(value)
            cells.append(f"<{tag}>{text}</{tag.split()[0]}>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    # tabindex + role + label: a scrollable region must be reachable and named for keyboard users
    return (f'<div class="atlas-table" role="region" aria-label="{escape(caption)}" tabindex="0">'
            f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>")


def _title_attr(text: str | None) -> str:
    return f' title="{escape(str(text), quote=True)}"' if text else ""


# A one-word cell up to this long (a file name, a date, a count) stays on one line: the table scrolls inside
# its region instead of printing "2026-11-27" as "202 / 6-11- / 27". Longer words (URLs) may still break.
# A longer cell (a note, a URL) keeps a readable width, not one letter per line on a phone.
NOWRAP_MAX = 32
