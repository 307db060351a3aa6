"""Printable handouts: self-contained HTML (no scripts, no web fonts, no outside files) for A4 and Letter."""

from __future__ import annotations

from html import escape

import pandas as pd

from components.shaping import (CATEGORY_LABELS, choice_letter, format_date, glossary_terms_in, lesson_steps,
                                quiz_orders)

# Margins and sizes that fit both A4 (210 x 297 mm) and US Letter (216 x 279 mm): the page size is left to
# the printer ("auto") and the content width stays under the narrower of the two.
CSS = """
@page { size: auto; margin: 16mm 15mm; }
html { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: #111; font-size: 11.5pt; line-height: 1.45; }
body { max-width: 180mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 20pt; margin: 0 0 4pt; } h2 { font-size: 14pt; margin: 14pt 0 4pt; border-bottom: 1px solid #999; }
h3 { font-size: 12pt; margin: 10pt 0 2pt; }
.meta { color: #333; font-size: 10pt; } .box { border: 1px solid #777; padding: 6pt 8pt; margin: 6pt 0; }
ol.choices { list-style: upper-alpha; } .lines { border-bottom: 1px solid #aaa; height: 18pt; }
.sources li { word-break: break-all; font-size: 9.5pt; }
.risk { break-before: page; } .risk:first-of-type { break-before: auto; }
.answers { break-before: page; } h2, h3 { break-after: avoid; } .box, li { break-inside: avoid; }
"""


def _risk_section(risk: pd.Series, questions: pd.DataFrame, glossary: pd.DataFrame, documents: pd.DataFrame,
                  orders: dict[str, list[str]]) -> tuple[str, list[tuple[str, str]], list[str]]:
    """HTML of one risk, its sources, and its answer-key lines (choices in the order of `quiz_orders`)."""
    e = escape
    steps = lesson_steps(risk, questions)
    total = sum(s["minutes"] for s in steps)
    qs = questions[questions["risk_id"] == risk["risk_id"]]
    terms = glossary_terms_in(f"{risk['summary']} {risk['explanation']} {risk['example']}", glossary)
    titles = dict(zip(documents["document_id"], documents["title"]))
    docs = [titles[d] for d in str(risk["document_ids"] or "").split(";") if d.strip() in titles]
    parts = [f'<section class="risk"><h1>{e(risk["title"])}</h1>',
             f'<p class="meta">{e(CATEGORY_LABELS[risk["category"]])} · about {total} minutes · '
             f'AI Summit Atlas classroom handout</p>',
             f'<h2>What is it?</h2><p><strong>{e(risk["summary"])}</strong></p><p>{e(risk["explanation"])}</p>',
             f'<h2>A real example</h2><div class="box"><p>{e(risk["example"])}</p>'
             f'<p class="meta">Source: {e(risk["example_source_url"])}</p></div>',
             f'<h2>What governments agreed</h2><p>{e(risk["agreed"])}</p>']
    if docs:
        parts.append("<p class=\"meta\">Documents: " + e("; ".join(docs)) + "</p>")
    if len(terms):
        parts.append("<h2>Words to know</h2><ul>" + "".join(
            f"<li><strong>{e(t['term'])}</strong>: {e(t['definition'])}</li>" for _, t in terms.iterrows()) + "</ul>")
    parts.append("<h2>Talk about it</h2>")
    for _, q in qs[qs["kind"] == "discussion"].iterrows():
        parts.append(f"<h3>{e(q['question'])}</h3>" + '<div class="lines"></div>' * 3)
    parts.append("<h2>Quick quiz</h2>")
    answers = []
    for i, (_, q) in enumerate(qs[qs["kind"] == "quiz"].iterrows(), start=1):
        choices = orders[q["question_id"]]
        parts.append(f"<h3>{i}. {e(q['question'])}</h3><ol class=\"choices\">"
                     + "".join(f"<li>{e(c)}</li>" for c in choices) + "</ol>")
        letter = choice_letter(choices.index(q["answer"])) if q["answer"] in choices else "?"
        answers.append(f"{e(risk['title'])}, question {i}: {letter}. {e(q['answer'])}. {e(q['explanation'])}")
    for _, q in qs[qs["kind"] == "discussion"].iterrows():
        answers.append(f"{e(risk['title'])}, discussion: {e(q['explanation'])}")
    parts.append("</section>")
    sources = [("International AI Safety Report 2025", risk["source_url"]), ("Example", risk["example_source_url"])]
    sources += [(t["term"], t["source_url"]) for _, t in terms.iterrows()]
    return "".join(parts), sources, answers


def build_handout(risks: pd.DataFrame, questions: pd.DataFrame, glossary: pd.DataFrame, documents: pd.DataFrame,
                  title: str, generated: str) -> str:
    """One self-contained printable HTML document for one or more risks, with answer key and sources."""
    sections, sources, answers = [], [], []
    orders = quiz_orders(questions)  # the same order as the explainers page
    for _, risk in risks.iterrows():
        html, src, ans = _risk_section(risk, questions, glossary, documents, orders)
        sections.append(html)
        sources += src
        answers += ans
    seen, src_items = set(), []
    for label, url in sources:
        if url and url not in seen:
            seen.add(url)
            src_items.append(f"<li>{escape(label)}: {escape(url)}</li>")
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        + "".join(sections)
        + "<section class=\"answers\"><h2>Teacher's answer key</h2><ul>"
        + "".join(f"<li>{a}</li>" for a in answers) + "</ul>"
        + f"<h2>Sources</h2><ul class=\"sources\">{''.join(src_items)}</ul>"
        + f"<p class=\"meta\">From AI Summit Atlas, data as of {escape(format_date(generated))}. "
          "Text of the handout: CC BY 4.0.</p></section></body></html>"
    )
