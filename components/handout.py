"""Printable handouts: self-contained HTML (no scripts, no web fonts, no outside files) for A4 and Letter."""

from __future__ import annotations

from html import escape

import pandas as pd

from components.dates import format_date
from components.i18n import EN, TRANSLATED_NOTE, Translator
from components.labels import CATEGORY_LABELS
from components.lessons import choice_letter, glossary_terms_in, lesson_steps, quiz_orders

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
blockquote { margin: 0 0 4pt; font-style: italic; }
.answers { break-before: page; } h2, h3 { break-after: avoid; } .box, li { break-inside: avoid; }
"""


def _risk_section(risk: pd.Series, questions: pd.DataFrame, glossary: pd.DataFrame, documents: pd.DataFrame,
                  orders: dict[str, list[str]], tr: Translator = EN) -> tuple[str, list[tuple[str, str]], list[str]]:
    """HTML of one risk, its sources, and its answer-key lines (choices in the order of `quiz_orders`)."""
    e, _ = escape, tr.gettext
    steps = lesson_steps(risk, questions, tr)
    total = sum(s["minutes"] for s in steps)
    qs = questions[questions["risk_id"] == risk["risk_id"]]
    terms = glossary_terms_in(f"{risk['summary']} {risk['explanation']} {risk['example']}", glossary)
    titles = dict(zip(documents["document_id"], documents["title"]))
    docs = [titles[d] for d in str(risk["document_ids"] or "").split(";") if d.strip() in titles]
    meta = _("{category} · about {minutes} minutes · AI Summit Atlas classroom handout").format(
        category=_(CATEGORY_LABELS[risk["category"]]), minutes=total)
    # NOTE: no _() inside f-strings: pybabel (on Python 3.11) does not look inside them, so the text would
    # never reach the catalog
    h = {"read": e(_("What is it?")), "example": e(_("A real example")), "agreed": e(_("What governments agreed")),
         "words": e(_("Words to know")), "talk": e(_("Talk about it")), "quiz": e(_("Quick quiz")),
         "source": e(_("Source: {url}").format(url=risk["example_source_url"]))}
    parts = [f'<section class="risk"><h1>{e(risk["title"])}</h1>', f'<p class="meta">{e(meta)}</p>',
             f'<h2>{h["read"]}</h2><p><strong>{e(risk["summary"])}</strong></p><p>{e(risk["explanation"])}</p>',
             f'<h2>{h["example"]}</h2><div class="box"><p>{e(risk["example"])}</p>'
             f'<p class="meta">{h["source"]}</p></div>',
             f'<h2>{h["agreed"]}</h2><p>{e(risk["agreed"])}</p>']
    if docs:
        parts.append("<p class=\"meta\">" + e(_("Documents: {titles}").format(titles=tr.joined(docs))) + "</p>")
    if len(terms):
        parts.append(f"<h2>{h['words']}</h2><ul>" + "".join(
            "<li>" + _("{term}: {definition}").format(term=f"<strong>{e(t['term'])}</strong>",
                                                      definition=e(t["definition"])) + "</li>"
            for _i, t in terms.iterrows()) + "</ul>")
    parts.append(f"<h2>{h['talk']}</h2>")
    for _i, q in qs[qs["kind"] == "discussion"].iterrows():
        parts.append(f"<h3>{e(q['question'])}</h3>" + '<div class="lines"></div>' * 3)
    parts.append(f"<h2>{h['quiz']}</h2>")
    answers = []
    for i, (_i, q) in enumerate(qs[qs["kind"] == "quiz"].iterrows(), start=1):
        choices = orders[q["question_id"]]
        parts.append(f"<h3>{i}. {e(q['question'])}</h3><ol class=\"choices\">"
                     + "".join(f"<li>{e(c)}</li>" for c in choices) + "</ol>")
        letter = choice_letter(choices.index(q["answer"])) if q["answer"] in choices else "?"
        answers.append(e(_("{title}, question {n}: {letter}. {answer}. {explanation}").format(
            title=risk["title"], n=i, letter=letter, answer=q["answer"], explanation=q["explanation"])))
    for _i, q in qs[qs["kind"] == "discussion"].iterrows():
        answers.append(e(_("{title}, discussion: {note}").format(title=risk["title"], note=q["explanation"])))
    parts.append("</section>")
    sources = [(_("International AI Safety Report 2025"), risk["source_url"]), (_("Example"), risk["example_source_url"])]
    sources += [(t["term"], t["source_url"]) for _i, t in terms.iterrows()]
    return "".join(parts), sources, answers


def _reading_section(rows: pd.DataFrame, tr: Translator = EN) -> tuple[str, list[tuple[str, str]], list[str]]:
    """HTML of the reading activity (passages.reading_activity's rows): each passage word for word with where it
    is, its question and lines to write on; the teacher notes go to the answer key."""
    e, _ = escape, tr.gettext
    minutes = int(rows["minutes"].sum())
    # NOTE: no _() inside f-strings (pybabel does not look inside them)
    head = e(_("Reading: what the countries agreed at Bletchley"))
    meta = e(_("About {minutes} minutes · AI Summit Atlas classroom handout").format(minutes=minutes))
    intro = e(_("Read each passage of the declaration, quoted word for word, then answer its question."))
    parts = [f'<section class="risk"><h1>{head}</h1>', f'<p class="meta">{meta}</p>', f"<p>{intro}</p>"]
    answers, sources = [], []
    for i, (_i, r) in enumerate(rows.iterrows(), start=1):
        # a quote stays in the language of its official text: English, unless an official French text is quoted
        lang = "" if tr.lang == "en" or bool(r.get("translated", False)) else ' lang="en"'
        where = _("{document}, {locator}").format(document=r["document"], locator=r["locator"])
        parts.append(f'<div class="box"><blockquote{lang}>{e(r["quote"])}</blockquote>'
                     f'<p class="meta">{e(where)}</p></div>'
                     f"<h3>{i}. {e(r['question'])}</h3>" + '<div class="lines"></div>' * 3)
        answers.append(e(_("Reading, question {n}: {note}").format(n=i, note=r["note"])))
        sources.append((where, r["source_url"]))
    parts.append("</section>")
    return "".join(parts), sources, answers


def build_handout(risks: pd.DataFrame, questions: pd.DataFrame, glossary: pd.DataFrame, documents: pd.DataFrame,
                  title: str, generated: str, tr: Translator = EN, reading: pd.DataFrame | None = None) -> str:
    """One self-contained printable HTML document for one or more risks (and the reading activity, `reading`:
    passages.reading_activity's rows), with answer key and sources, in the translator's language (`<html lang>`
    says which; the tables passed in carry that language's text)."""
    _ = tr.gettext
    sections, sources, answers = [], [], []
    if reading is not None and len(reading):
        html, sources, answers = _reading_section(reading, tr)
        sections.append(html)
    orders = quiz_orders(questions)  # the same order as the explainers page
    for _i, risk in risks.iterrows():
        html, src, ans = _risk_section(risk, questions, glossary, documents, orders, tr)
        sections.append(html)
        sources += src
        answers += ans
    seen, src_items = set(), []
    for label, url in sources:
        if url and url not in seen:
            seen.add(url)
            src_items.append(f"<li>{escape(label)}: {escape(url)}</li>")
    note = f'<p class="meta">{escape(tr.gettext(TRANSLATED_NOTE))}</p>' if tr.lang != "en" else ""
    key_heading = escape(_("Teacher's answer key"), quote=False)
    sources_heading = escape(_("Sources"))
    colophon = escape(_("From AI Summit Atlas, data as of {date}. Text of the handout: CC BY 4.0.").format(
        date=format_date(generated, tr=tr)))
    return (
        f"<!DOCTYPE html><html lang=\"{escape(tr.lang)}\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        + "".join(sections)
        + f"<section class=\"answers\"><h2>{key_heading}</h2><ul>"
        + "".join(f"<li>{a}</li>" for a in answers) + "</ul>"
        + f"<h2>{sources_heading}</h2><ul class=\"sources\">{''.join(src_items)}</ul>"
        + f"<p class=\"meta\">{colophon}</p>"
        + note + "</section></body></html>"
    )
