"""Explainers: AI risks in plain language, a quiz per risk, classroom mode and printable handouts."""

import streamlit as st

from components.cached import handout_bytes, reading_handout_bytes
from components.data import data_fingerprint, split_ids
from components.dates import format_date
from components.labels import CATEGORY_BLURBS, CATEGORY_LABELS
from components.lessons import choice_letter, glossary_terms_in, lesson_steps, quiz_orders
from components.naming import in_sentence
from components.passage_ui import st_agreed_passages, st_reading
from components.passages import reading_activity
from components.share import st_present
from components.state import UrlState, labeller, option
from components.i18n import TRANSLATED_NOTE, _, active
from components.ui import PAGES, md_escape, md_link, st_atlas, st_notices, st_page_link, st_rerun, st_sources

# 1/ URL state
atlas = st_atlas()
risks, questions, glossary = atlas.risks, atlas.questions, atlas.glossary
tr = active()
state = UrlState(st.query_params)
risk_id = state.choice("risk", list(risks["risk_id"]), None, "risk")
# `present` (projector mode, as on /story) and `classroom` are one mode: large type, one step per screen
mode = state.choice("mode", ["classroom", "present"], None, "mode")
st_notices(state.notices)
classroom = mode is not None
if classroom:
    st_present()  # large type, large buttons, the sidebar folded away (components/share.py)
accessed = max(atlas.sources["accessed"])
sources = []


def st_risk_link(r) -> None:
    """A link to one risk, keeping classroom mode."""
    params = {"risk": r["risk_id"]} | ({"mode": mode} if classroom else {})
    st_page_link(PAGES["explainers"], label=md_escape(r["title"]), query_params=params)


def st_quiz(q, i: int, choices: list[str]) -> None:
    """One quiz question with feedback per answer (radio + button: usable by keyboard).

    `choices` come in the order of lessons.quiz_orders, lettered as on the handout and its answer key.
    """
    letters = {c: choice_letter(n) for n, c in enumerate(choices)}
    picked = option(st.radio(f"{i}\\. {md_escape(q['question'])}", choices, index=None,
                             format_func=labeller({c: f"{letters[c]}\\. {md_escape(c)}" for c in choices}),
                             key=f"quiz-{q['question_id']}"), choices)
    if st.button(_("Check my answer"), key=f"check-{q['question_id']}"):
        if picked is None:
            st.warning(_("Pick an answer first."))
        elif picked == q["answer"]:
            st.success(_("Correct. {explanation}").format(explanation=md_escape(q["explanation"])))
        else:
            st.error(_("Not quite: the answer is {letter}, “{answer}”. {explanation}").format(
                letter=letters.get(q["answer"], ""), answer=md_escape(q["answer"]),
                explanation=md_escape(q["explanation"])))


def handout_button(rows, title: str, file_name: str, label: str) -> None:
    html = handout_bytes(data_fingerprint(atlas.data_dir), tuple(rows["risk_id"]), title, accessed, atlas, tr.lang)
    st.download_button(label, html, file_name=file_name, mime="text/html",
                       help=_("A self-contained page: open it and print on A4 or Letter"))


# 4/ draw
if risk_id is None:
    st.title(_("Explainers: risks from AI"))
    bletchley = atlas.summits.set_index("summit_id").loc["bletchley-2023"]
    # by id, not by searching the text: the gist is translated
    testing = atlas.statements[atlas.statements["statement_id"] == "2023-11-02-sunak-state-backed-testing"]
    st.markdown(_(
        "In November 2023, 28 countries and the European Union agreed at Bletchley Park that the most advanced "
        "AI systems could bring great benefits but also serious harm, and that no country could deal with "
        "these risks alone. {summary}").format(summary=md_escape(bletchley["summary"])))
    if len(testing):
        t = testing.iloc[0]
        st.markdown(_("**What does “state-backed testing before release” mean?** {gist} ({speaker}, {date}; {link})")
                    .format(gist=md_escape(t["gist"]), speaker=md_escape(t["speaker"]),
                            date=md_escape(format_date(t["date"], t["date_precision"], tr)),
                            link=md_link(_("source"), t["source_url"])))
        sources.append((t["source_title"], t["source_url"]))
    st.markdown(_("The risks below follow the three groups of the International AI Safety Report 2025, written "
                  "by 96 experts from 30 countries, the UN, the EU and the OECD. Pick a risk to read about it."))
    if tr.lang != "en":
        st.caption(_(TRANSLATED_NOTE))
    if not classroom:
        st_page_link(PAGES["explainers"], label=_("Switch to classroom mode (bigger text, one step at a time)"),
                     query_params={"mode": "classroom"}, icon=":material/co_present:")
    for col, (cat, label) in zip(st.columns(3), CATEGORY_LABELS.items()):
        label = _(label)
        with col.container(border=True):
            st.subheader(label)
            st.markdown(md_escape(_(CATEGORY_BLURBS[cat])))
            for _i, r in risks[risks["category"] == cat].iterrows():
                st_risk_link(r)
            rows = risks[risks["category"] == cat]
            handout_button(rows, _("{category}: lesson pack").format(category=label), f"lesson-pack-{cat}.html",
                           _("Lesson pack: {category} (printable)").format(category=label))
    reading = reading_activity(atlas.reading, atlas.passages, atlas.documents)
    if len(reading):
        st.header(_("Reading activity: the Bletchley Declaration"))
        st.markdown(_("Read what 28 countries and the EU agreed at Bletchley Park, a few lines at a time, word for "
                      "word: {n} passages, a question each, about {minutes} minutes.").format(
                          n=len(reading), minutes=int(reading["minutes"].sum())))
        st_reading(reading)
        st.download_button(_("Reading activity (printable)"), reading_handout_bytes(
            data_fingerprint(atlas.data_dir), _("Reading: what the countries agreed at Bletchley"), accessed, atlas,
            tr.lang), file_name="reading-bletchley-declaration.html", mime="text/html",
            help=_("A self-contained page: open it and print on A4 or Letter"))
        sources += list(zip(reading["document"], reading["source_url"]))
    sources.append((_("International AI Safety Report 2025"), risks.iloc[0]["source_url"]))
    sources.append((_("Bletchley Park summit"), bletchley["source_url"]))
else:
    risk = risks.set_index("risk_id").loc[risk_id]
    risk["risk_id"] = risk_id
    qs = questions[questions["risk_id"] == risk_id]
    steps = lesson_steps(risk, questions, tr)
    st_page_link(PAGES["explainers"], label=_("All risks"), icon=":material/arrow_back:",
                 query_params={"mode": mode} if classroom else None)
    st.title(md_escape(risk["title"]))
    if not classroom:  # on a projector the step comes first; the progress bar says where the class is
        st.markdown(_("{category} · MIT AI Risk Repository: {subdomain} · about {minutes} minutes in class").format(
            category=md_escape(_(CATEGORY_LABELS[risk["category"]])),
            subdomain=md_escape(risk["mit_subdomain"]), minutes=sum(s["minutes"] for s in steps)))
        if risk.get("translated", False):
            st.caption(_(TRANSLATED_NOTE))
    terms = glossary_terms_in(f"{risk['summary']} {risk['explanation']} {risk['example']}", glossary)
    documents = atlas.documents.set_index("document_id")  # named as running text names them (in_sentence)
    doc_ids = [d for d in split_ids(risk["document_ids"]) if d in documents.index]

    def show(step: str) -> None:
        if step == "read":
            st.markdown(f"**{md_escape(risk['summary'])}**")
            st.markdown(md_escape(risk["explanation"]))
            if len(terms):
                st.markdown(_("**Words to know**") + "\n\n" + "\n".join(
                    "- " + _("**{term}**: {definition}").format(term=md_escape(t["term"]),
                                                                definition=md_escape(t["definition"]))
                    for _i, t in terms.iterrows()))
        elif step == "example":
            when = format_date(risk["example_date"], risk["date_precision"], tr) if risk["example_date"] else ""
            st.markdown(md_escape(risk["example"]))
            st.markdown(md_escape(when) + " · " + md_link(_("Source"), risk["example_source_url"]))
        elif step == "agreed":
            st.markdown(md_escape(risk["agreed"]))
            sources.extend(st_agreed_passages(atlas, risk_id))  # the documents' own words (components/passages.py)
            for d in doc_ids:
                st_page_link(PAGES["map"], label=_("Who signed {document}").format(
                                 document=md_escape(in_sentence(documents.loc[d], "title", tr))),
                             query_params={"document": d}, icon=":material/public:")
            if doc_ids:
                st_page_link(PAGES["timeline"], label=_("Summit milestones on the timeline"),
                             query_params={"kind": "summit,declaration"}, icon=":material/timeline:")
        elif step == "discuss":
            for _i, q in qs[qs["kind"] == "discussion"].iterrows():
                st.markdown(f"**{md_escape(q['question'])}**")
                with st.expander(_("Teacher note")):
                    st.markdown(md_escape(q["explanation"]))
        elif step == "quiz":
            orders = quiz_orders(questions)
            for i, (_i, q) in enumerate(qs[qs["kind"] == "quiz"].iterrows(), start=1):
                choices = orders[q["question_id"]]
                st_quiz(q, i, choices)
                if classroom:
                    with st.expander(_("Show answer (teacher)")):
                        letter = choice_letter(choices.index(q["answer"]))
                        st.markdown(f"{letter}\\. {md_escape(q['answer'])}. {md_escape(q['explanation'])}")

    if classroom:
        key = f"step-{risk_id}"
        # kept in range: a press of a disabled Previous or Next button can still arrive over the websocket
        index = min(max(st.session_state.get(key, 0), 0), len(steps) - 1)
        step = steps[index]
        st.progress((index + 1) / len(steps), text=_("Step {n} of {total}: {title} (about {minutes} min)").format(
            n=index + 1, total=len(steps), title=step["title"], minutes=step["minutes"]))
        st.header(step["title"])
        show(step["step"])
        back, nxt = st.columns(2)
        # arrow keys too, as on slides; Streamlit ignores a shortcut typed into a text box
        if back.button(_("Previous step"), disabled=index == 0, width="stretch", icon=":material/arrow_back:",
                       shortcut="Left"):
            st.session_state[key] = max(index - 1, 0)
            st_rerun()
        if nxt.button(_("Next step"), disabled=index == len(steps) - 1, width="stretch", type="primary",
                      icon=":material/arrow_forward:", icon_position="right", shortcut="Right"):
            st.session_state[key] = min(index + 1, len(steps) - 1)
            st_rerun()
    else:
        for step in steps:
            st.header(step["title"])
            st.markdown(_("About {minutes} min").format(minutes=step["minutes"]))
            show(step["step"])
    st.divider()
    handout_button(risks.loc[risks["risk_id"] == risk_id], _("{title}: classroom handout").format(title=risk["title"]),
                   f"handout-{risk_id}.html", _("Download the printable handout"))
    sources += [(_("International AI Safety Report 2025"), risk["source_url"]),
                (_("Example"), risk["example_source_url"])]
    sources += [(t["term"], t["source_url"]) for _i, t in terms.iterrows()]

# 5/ sources
st_sources(sources)
