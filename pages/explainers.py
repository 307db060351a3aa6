"""Explainers: AI risks in plain language, a quiz per risk, classroom mode and printable handouts."""

import streamlit as st

from components import shaping
from components.cached import handout_bytes
from components.data import data_fingerprint
from components.share import st_present
from components.state import UrlState
from components.ui import PAGES, md_escape, md_link, st_atlas, st_notices, st_sources

# 1/ URL state
atlas = st_atlas()
risks, questions, glossary = atlas.risks, atlas.questions, atlas.glossary
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
    st.page_link(PAGES["explainers"], label=md_escape(r["title"]), query_params=params)


def st_quiz(q, i: int, choices: list[str]) -> None:
    """One quiz question with feedback per answer (radio + button: usable by keyboard).

    `choices` come in the order of shaping.quiz_orders, lettered as on the handout and its answer key.
    """
    letters = {c: shaping.choice_letter(n) for n, c in enumerate(choices)}
    picked = st.radio(f"{i}\\. {md_escape(q['question'])}", choices, index=None,
                      format_func=lambda c: f"{letters[c]}\\. {md_escape(c)}", key=f"quiz-{q['question_id']}")
    if st.button("Check my answer", key=f"check-{q['question_id']}"):
        if picked is None:
            st.warning("Pick an answer first.")
        elif picked == q["answer"]:
            st.success(f"Correct. {md_escape(q['explanation'])}")
        else:
            st.error(f"Not quite: the answer is {letters.get(q['answer'], '')}, “{md_escape(q['answer'])}”. "
                     f"{md_escape(q['explanation'])}")


def handout_button(rows, title: str, file_name: str, label: str) -> None:
    html = handout_bytes(data_fingerprint(atlas.data_dir), tuple(rows["risk_id"]), title, accessed, atlas)
    st.download_button(label, html, file_name=file_name, mime="text/html",
                       help="A self-contained page: open it and print on A4 or Letter")


# 4/ draw
if risk_id is None:
    st.title("Explainers: risks from AI")
    bletchley = atlas.summits.set_index("summit_id").loc["bletchley-2023"]
    testing = atlas.statements[atlas.statements["gist"].str.contains("test", case=False)].head(1)
    st.markdown(
        "In November 2023, 28 countries and the European Union agreed at Bletchley Park that the most advanced "
        "AI systems could bring great benefits but also serious harm, and that no country could deal with "
        f"these risks alone. {md_escape(bletchley['summary'])}"
    )
    if len(testing):
        t = testing.iloc[0]
        st.markdown(f"**What does “state-backed testing before release” mean?** {md_escape(t['gist'])} "
                    f"({md_escape(t['speaker'])}, {md_escape(shaping.format_date(t['date'], t['date_precision']))}; "
                    f"{md_link('source', t['source_url'])})")
        sources.append((t["source_title"], t["source_url"]))
    st.markdown("The risks below follow the three groups of the International AI Safety Report 2025, written "
                "by 96 experts from 30 countries, the UN, the EU and the OECD. Pick a risk to read about it.")
    if not classroom:
        st.page_link(PAGES["explainers"], label="Switch to classroom mode (bigger text, one step at a time)",
                     query_params={"mode": "classroom"}, icon=":material/co_present:")
    for col, (cat, label) in zip(st.columns(3), shaping.CATEGORY_LABELS.items()):
        with col.container(border=True):
            st.subheader(label)
            st.markdown(md_escape(shaping.CATEGORY_BLURBS[cat]))
            for _, r in risks[risks["category"] == cat].iterrows():
                st_risk_link(r)
            rows = risks[risks["category"] == cat]
            handout_button(rows, f"{label}: lesson pack", f"lesson-pack-{cat}.html",
                           f"Lesson pack: {label} (printable)")
    sources.append(("International AI Safety Report 2025", risks.iloc[0]["source_url"]))
    sources.append(("Bletchley Park summit", bletchley["source_url"]))
else:
    risk = risks.set_index("risk_id").loc[risk_id]
    risk["risk_id"] = risk_id
    qs = questions[questions["risk_id"] == risk_id]
    steps = shaping.lesson_steps(risk, questions)
    st.page_link(PAGES["explainers"], label="All risks", icon=":material/arrow_back:",
                 query_params={"mode": mode} if classroom else None)
    st.title(md_escape(risk["title"]))
    if not classroom:  # on a projector the step comes first; the progress bar says where the class is
        st.markdown(f"{md_escape(shaping.CATEGORY_LABELS[risk['category']])} · MIT AI Risk Repository: "
                    f"{md_escape(risk['mit_subdomain'])} · about {sum(s['minutes'] for s in steps)} minutes in class")
    terms = shaping.glossary_terms_in(f"{risk['summary']} {risk['explanation']} {risk['example']}", glossary)
    titles = dict(zip(atlas.documents["document_id"], atlas.documents["title"]))
    doc_ids = [d for d in shaping.split_ids(risk["document_ids"]) if d in titles]

    def show(step: str) -> None:
        if step == "read":
            st.markdown(f"**{md_escape(risk['summary'])}**")
            st.markdown(md_escape(risk["explanation"]))
            if len(terms):
                st.markdown("**Words to know**\n\n" + "\n".join(
                    f"- **{md_escape(t['term'])}**: {md_escape(t['definition'])}" for _, t in terms.iterrows()))
        elif step == "example":
            when = shaping.format_date(risk["example_date"], risk["date_precision"]) if risk["example_date"] else ""
            st.markdown(md_escape(risk["example"]))
            st.markdown(f"{md_escape(when)} · {md_link('Source', risk['example_source_url'])}")
        elif step == "agreed":
            st.markdown(md_escape(risk["agreed"]))
            for d in doc_ids:
                st.page_link(PAGES["map"], label=f"Who signed {md_escape(shaping.the(titles[d]))}",
                             query_params={"document": d}, icon=":material/public:")
            if doc_ids:
                st.page_link(PAGES["timeline"], label="Summit milestones on the timeline",
                             query_params={"kind": "summit,declaration"}, icon=":material/timeline:")
        elif step == "discuss":
            for _, q in qs[qs["kind"] == "discussion"].iterrows():
                st.markdown(f"**{md_escape(q['question'])}**")
                with st.expander("Teacher note"):
                    st.markdown(md_escape(q["explanation"]))
        elif step == "quiz":
            orders = shaping.quiz_orders(questions)
            for i, (_, q) in enumerate(qs[qs["kind"] == "quiz"].iterrows(), start=1):
                choices = orders[q["question_id"]]
                st_quiz(q, i, choices)
                if classroom:
                    with st.expander("Show answer (teacher)"):
                        letter = shaping.choice_letter(choices.index(q["answer"]))
                        st.markdown(f"{letter}\\. {md_escape(q['answer'])}. {md_escape(q['explanation'])}")

    if classroom:
        key = f"step-{risk_id}"
        index = st.session_state.get(key, 0)
        step = steps[index]
        st.progress((index + 1) / len(steps), text=f"Step {index + 1} of {len(steps)}: {step['title']} "
                                                     f"(about {step['minutes']} min)")
        st.header(step["title"])
        show(step["step"])
        back, nxt = st.columns(2)
        # arrow keys too, as on slides; Streamlit ignores a shortcut typed into a text box
        if back.button("Previous step", disabled=index == 0, width="stretch", icon=":material/arrow_back:",
                       shortcut="Left"):
            st.session_state[key] = index - 1
            st.rerun()
        if nxt.button("Next step", disabled=index == len(steps) - 1, width="stretch", type="primary",
                      icon=":material/arrow_forward:", icon_position="right", shortcut="Right"):
            st.session_state[key] = index + 1
            st.rerun()
    else:
        for step in steps:
            st.header(step["title"])
            st.markdown(f"About {step['minutes']} min")
            show(step["step"])
    st.divider()
    handout_button(risks.loc[risks["risk_id"] == risk_id], f"{risk['title']}: classroom handout",
                   f"handout-{risk_id}.html", "Download the printable handout")
    sources += [("International AI Safety Report 2025", risk["source_url"]), ("Example", risk["example_source_url"])]
    sources += [(t["term"], t["source_url"]) for _, t in terms.iterrows()]

# 5/ sources
st_sources(sources)
