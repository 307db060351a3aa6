"""The guided story, embeds and article images: pure helpers (no streamlit) for pages/story.py and share.py."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode, urlsplit

import pandas as pd

from components import maps
from components.charts import LANE_COLOURS
from components.data import split_ids
from components.dates import format_date, format_range
from components.i18n import EN, N_, Translator
from components.images import Credit, TimelinePicture
from components.labels import KIND_NAMES, LANES, STATUS_LABELS, STATUS_ORDER
from components.naming import in_sentence, the

# plotly's marker names (charts.LANE_SYMBOLS) as matplotlib markers, lane by lane
LANE_MARKERS = dict(zip(LANES, ["s", "D", "o", "^", "*", "h", "x"]))
EMBED_HEIGHTS = {"map": 760, "timeline": 900, "story": 1100}  # px: the view's first screen without a scrollbar
FALLBACK_ORIGIN = "http://localhost:8501"


@dataclass(frozen=True)
class StoryStep:
    """One step of the guided story, read from data/story.csv."""

    n: int
    title: str
    text: str
    map_view: str  # all | summit:<id> | document:<id>
    parties: tuple[str, ...]
    start: str
    end: str
    item_ids: tuple[str, ...]
    source_url: str
    source_title: str
    verification: str
    checked_on: str


def story_steps(story: pd.DataFrame) -> list[StoryStep]:
    """The story's steps in order (the validator guarantees 1, 2, 3... with no gaps)."""
    return [StoryStep(int(r["step"]), r["title"], r["text"], r["map_view"], tuple(split_ids(r["parties"])),
                      r["timeline_from"], r["timeline_to"], tuple(split_ids(r["item_ids"])), r["source_url"],
                      r["source_title"], r["verification"], r["checked_on"])
            for _, r in story.sort_values("step").iterrows()]


def story_sources(steps: list[StoryStep], items: pd.DataFrame, view_sources: dict[str, list[tuple[str, str]]]
                  ) -> list[tuple[str, str]]:
    """Every source of the whole story, step by step: the step's own, its timeline items', its map view's.

    One list for every step, so a step change does not resend it: it is the same message on every step and comes
    back as a hash (2.0 KB of step 8's 13.8 KB step change was its own source list, bench/budgets.py). Each step
    also links its own sources where it uses them."""
    told = dict(zip(items["item_id"], zip(items["source_title"], items["source_url"])))
    rows: list[tuple[str, str]] = []
    for s in steps:
        rows.append((s.source_title, s.source_url))
        rows += [told[i] for i in s.item_ids if i in told]
        rows += view_sources.get(s.map_view, [])
    return rows


def map_params(view: str) -> dict[str, str]:
    """The /map query parameters of a map view key (`document:x` -> {"document": "x"}; `all` -> {})."""
    kind, _, ident = view.partition(":")
    return {kind: ident} if kind in ("document", "summit") and ident else {}


def timeline_params(step: StoryStep) -> dict[str, str]:
    """The /timeline query parameters of a step's slice."""
    return {"from": step.start, "to": step.end}


def origin(url: str | None) -> str:
    """scheme://host[:port] of the page the visitor opened (what an embed must point back at)."""
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc \
        else FALLBACK_ORIGIN


def lang_query(tr: Translator) -> dict[str, str]:
    """`{"lang": "fr"}` for a link or an embed of a view in a language other than English, else nothing."""
    return {} if tr.lang == EN.lang else {"lang": tr.lang}


def view_url(base: str, path: str, params: dict[str, str], embed: bool = False) -> str:
    """An absolute link to a page in a given state; `embed=true` is Streamlit's own frame-friendly mode."""
    query = {k: v for k, v in params.items() if v} | ({"embed": "true"} if embed else {})
    return f"{base}/{path.strip('/')}" + (f"?{urlencode(query)}" if query else "")


def embed_snippet(url: str, title: str, height: int) -> str:
    """An <iframe> to paste into an article: every value escaped, a title for screen readers, no border."""
    return (f'<iframe src="{escape(url, quote=True)}" title="{escape(title, quote=True)}" width="100%" '
            f'height="{int(height)}" style="border:0" loading="lazy"></iframe>')


def image_snippet(src: str, alt: str) -> str:
    """An <img> to paste into an article (a map's light-edition SVG): every value escaped, its alt text."""
    return f'<img src="{escape(src, quote=True)}" alt="{escape(alt, quote=True)}" width="960" style="max-width:100%">'


def sources_text(sources: list[tuple[str, str]], limit: int = 6, tr: Translator = EN) -> str:
    """The hosts of a view's sources, for an image's source line ("gov.uk, elysee.fr and 3 more")."""
    hosts = list(dict.fromkeys(urlsplit(u).netloc.removeprefix("www.") for _, u in sources if u))
    if len(hosts) > limit:
        more = len(hosts) - limit
        return tr.ngettext("{hosts} and {n} more", "{hosts} and {n} more", more).format(
            hosts=", ".join(hosts[:limit]), n=tr.number(more))
    return ", ".join(hosts) or tr.gettext("see the Atlas's About the data page")


def map_legend(kind: str, top: int = 1, tr: Translator = EN) -> tuple[tuple[str, tuple[int, int, int]], ...]:
    """The map's legend in words (`tr`'s language) with its colours: statuses, or documents signed (1..top) for the
    overview."""
    if kind == "all":
        return tuple((tr.ngettext("Signed {n} document", "Signed {n} documents", n).format(n=tr.number(n)),
                      tuple(maps.count_colour(n, top))) for n in range(1, top + 1)) \
            + ((tr.gettext(STATUS_LABELS["no_record"]), tuple(maps.STATUS_COLOURS["no_record"])),)
    return tuple((tr.gettext(STATUS_LABELS[s]), tuple(maps.STATUS_COLOURS[s])) for s in STATUS_ORDER)


def view_title(view: str, documents: pd.DataFrame, summits: pd.DataFrame, tr: Translator = EN) -> str:
    """A map view's title in words, for an image, an embed and its alt text (in `tr`'s language)."""
    kind, _, ident = view.partition(":")
    if kind == "document":
        # `Who signed the Seoul Declaration`, `Qui a signé la Déclaration de Séoul`
        return tr.gettext("Who signed {document}").format(
            document=in_sentence(documents.set_index("document_id").loc[ident], "title", tr))
    if kind == "summit":
        s = summits.set_index("summit_id").loc[ident]
        return tr.gettext("{name} ({city}, {year}): who attended and signed").format(
            name=s["name"], city=s["city"], year=s["start_date"][:4] or tr.gettext("announced"))
    return tr.gettext("Summit documents signed per country")


def map_alt(title: str, sentence: str, coverage: str | None, named: list[str] | None = None,
            tr: Translator = EN) -> str:
    """Alt text for the map image: what it shows, in words (the sentence already counts who signed)."""
    text = tr.gettext("World map: {title}. {sentence}").format(title=title, sentence=sentence)
    if named:
        text += " " + tr.gettext("Outlined: {names}.").format(names=", ".join(named))
    if coverage:
        text += f" {coverage}"
    return text + " " + tr.gettext("Source: AI Summit Atlas (CC BY 4.0).")


# one whole phrase per filter, so each language orders its own words
FILTER_PHRASES = {"kind": N_("kind: {value}"), "party": N_("country or organisation: {value}"),
                  "speaker": N_("speaker: {value}"), "q": N_("search: {value}"), "from": N_("from {value}"),
                  "to": N_("to {value}")}


def filter_text(filters: dict[str, str], party_names: dict[str, str], tr: Translator = EN,
                kind_names: dict[str, str] | None = None, speaker_names: dict[str, str] | None = None) -> str:
    """A timeline view's filters in words ("all items" when none), for images, embeds and TimelineJS; a speaker (the
    English URL value) as `speaker_names` shows it in `tr`'s language."""
    parts = []
    for key, value in filters.items():
        if not value or key not in FILTER_PHRASES:
            continue
        if key in ("from", "to"):
            value = format_date(value, tr=tr)
        elif key == "party":
            value = party_names.get(value, value)
        elif key == "speaker":
            value = (speaker_names or {}).get(value, value)
        elif key == "kind":
            names = kind_names or {k: tr.gettext(v) for k, v in KIND_NAMES.items()}
            value = tr.names([names.get(k, k) for k in value.split(",")])
        else:
            value = value.replace(",", ", ")
        parts.append(tr.gettext(FILTER_PHRASES[key]).format(value=value))
    return tr.joined(parts) or tr.gettext("all items")


TIMELINE_TITLE = N_("AI Summit Atlas: timeline of international AI safety")


def timeline_picture(shown: pd.DataFrame, summits: pd.DataFrame, subtitle: str, credit: Credit,
                     title: str | None = None, tr: Translator = EN) -> TimelinePicture:
    """The picture of one timeline view (the items in words are in its alt text and the page's list), its words in
    `tr`'s language (`subtitle` and `credit` come in it; `summits` in it gives the bands' city names)."""
    items = tuple((r["date"], r["end_date"], r["lane"], r["title"]) for _, r in shown.iterrows())
    held = summits[summits["start_date"] != ""]
    bands = tuple((r["start_date"], r["end_date"] or r["start_date"], r["city"]) for _, r in held.iterrows())
    return TimelinePicture(title or tr.gettext(TIMELINE_TITLE), subtitle, items, tuple(LANES), dict(LANE_COLOURS),
                           LANE_MARKERS, bands, credit, tr)


def timeline_alt(shown: pd.DataFrame, subtitle: str, tr: Translator = EN) -> str:
    """Alt text for the timeline image: the view, its span and its first items in words."""
    if not len(shown):
        return tr.gettext("Timeline: {view}. No item matches.").format(view=subtitle)
    first, last, n = shown["date"].min(), shown["date"].max(), len(shown)
    titles = "; ".join(f"{format_date(r['date'], r['date_precision'], tr)}: {r['title']}"
                       for _, r in shown.head(5).iterrows())
    text = tr.ngettext("Timeline: {view}. {n} item from {first} to {last}: {titles}.",
                       "Timeline: {view}. {n} items from {first} to {last}: {titles}.", n).format(
        view=subtitle, n=tr.number(n), first=format_date(first, tr=tr), last=format_date(last, tr=tr), titles=titles)
    if n > 5:
        text += " " + tr.ngettext("And {n} more item.", "And {n} more items.", n - 5).format(n=tr.number(n - 5))
    return text + " " + tr.gettext("Source: AI Summit Atlas (CC BY 4.0).")


def opening_lines(bletchley: pd.Series, seed: pd.DataFrame, tr: Translator = EN) -> tuple[list[str], bool]:
    """"How it started" as Markdown lines (the first summit, then each seed statement with its source), and whether
    any of it is a translation: the home page and the light edition's home say the same words from here."""
    from components.text import md_escape, md_link, md_quote

    _ = tr.gettext
    lines = [_("On {dates}, governments, companies and researchers met at {venue} for the first {summit}. "
               "{summary}").format(
        dates=format_range(bletchley["start_date"], bletchley["end_date"], tr), venue=md_escape(bletchley["venue"]),
        summit=md_escape(the(bletchley["name"])[4:] if tr.lang == "en" else bletchley["name"]),
        summary=md_escape(bletchley["summary"])), ""]
    translated = bool(bletchley.get("translated", False))
    for _i, s in seed.iterrows():
        line = "- " + _("**{date}, {speaker}** ({role}): {gist}").format(
            date=md_escape(format_date(s["date"], s["date_precision"], tr)), speaker=md_escape(s["speaker"]),
            role=md_escape(s["role"]), gist=md_escape(s["gist"]))
        if s["quote"]:
            # the quote stays in its original language; a translation adds its gloss
            line += " " + md_quote(s["quote"], s.get("quote_gloss") or "", tr)
        lines.append(line + " " + md_link(_("Source"), s["source_url"]))
        translated = translated or bool(s.get("translated", False))
    return lines, translated
