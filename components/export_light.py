"""The light edition: the Atlas as static HTML pages (no JavaScript, no outside request, relative links only).

`python -m components.export light DIR` writes one folder per language (DIR/en/, DIR/fr/...), a language chooser
(DIR/index.html) and one small style sheet (DIR/light.css). It opens from a folder or a USB stick and from any
static host; deploy/'s nginx serves it at /light/. The words, numbers and sources are the live pages': the same
shaping (components/overview.py, mapviews.py, timeline.py, lessons.py, profiles.py, story.py, passages.py ...), the
same shared builds (components/cached.py, share.py's SVG map pictures) and the same catalog strings; only the HTML
around them is new (Jinja2, autoescaped). The documents pages (the coverage matrix, each document, comparisons) are
components/export_light_documents.py's.

NOTE: text from data reaches a page in two ways, both escaped: as a value in a template (Jinja2 autoescape), or as
Markdown that the live pages build with md_escape/md_link (a profile, a line of the home page, a quoted passage),
rendered here by markdown-it with raw HTML off and every link target checked (`_markdown`: https, a path into the
live app, or a relative path to another light page).
"""

from __future__ import annotations

import gzip
import posixpath
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from components import story
from components.cached import MATRIX_CAPTION, map_choices, map_matrix, map_view, party_profile, timeline_items
from components.charts import STRIP_CSS, STRIP_LEGEND, build_strip
from components.data import ROLES, data_fingerprint, read_atlas, split_ids
from components.dates import format_date, format_range
from components.export_light_documents import documents_pages, light_page_link
from components.i18n import LANGUAGES, N_, TRANSLATED_NOTE, Translator, localize, translator
from components.labels import (CATEGORY_BLURBS, CATEGORY_LABELS, KIND_LABELS, KIND_NAMES, ROLE_HEADINGS, STATUS_LABELS,
                               STATUS_ORDER, VERIFICATION_LABELS, enum_label)
from components.lessons import choice_letter, glossary_terms_in, lesson_steps, quiz_orders
from components.mapviews import View
from components.naming import in_sentence
from components.overview import key_figures, seed_statements
from components.passage_ui import agreed_md
from components.profiles import checks_block, profile_blocks
from components.site import SITE, light_path
from components.text import domain, md_escape, md_link, safe_url
from components.timeline import filter_items, item_when

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "light_templates"
BUDGET_BYTES = 150 * 1024  # a page with its pictures, gzipped as nginx serves it (bench/budgets.py's first load)

# the light edition's own words (the rest are the live pages' catalog strings)
LIGHT_EDITION = N_("Light edition")
LIGHT_NOTE = N_("A light copy of the AI Summit Atlas for slow links and big audiences: plain pages, no scripts.")
LIVE_LINK = N_("Interactive version")
LIGHT_LINK = N_("Light version (no JavaScript)")
SKIP = N_("Skip to the content")
SHOW_ANSWER = N_("Show the answer")
ANSWER = N_("Answer: {letter}. {answer}. {explanation}")
BY_KIND = N_("By kind")
BY_YEAR = N_("By year")
ALL_ITEMS = N_("All items")
MAP_VIEWS = N_("Map views")
MAP_PICTURE = N_("The map as a picture (SVG)")
STEPS = N_("Steps")
DATA_AS_OF = N_("Data as of {date}")
LICENCE = N_("Licence: CC BY 4.0")


class LightError(Exception):
    """The light edition cannot be written where asked (the message says why)."""


@dataclass
class Written:
    """What a build wrote: every page with its pictures, and how long it took."""

    out: Path
    pages: dict[str, list[str]] = field(default_factory=dict)  # page path (from `out`) -> its pictures' paths
    seconds: float = 0.0

    def gzip_size(self, page: str) -> int:
        """Bytes over the wire of a page and its pictures and style sheet, gzipped as nginx serves them."""
        return sum(len(gzip.compress((self.out / p).read_bytes(), 5)) for p in [page, *self.pages[page]])


# --- where it may be written --------------------------------------------------------------------------------

def check_target(out: Path) -> None:
    """Refuse a folder inside the source tree unless git ignores it: a build there would be committed by
    accident (about 500 files) or mixed with the code."""
    out, root = out.resolve(), ROOT.resolve()
    if out == root or root not in out.parents:
        if out == root:
            raise LightError(f"{out} is the source tree itself: choose a folder outside it, or one git ignores")
        return
    ignored = subprocess.run(["git", "-C", str(root), "check-ignore", "-q", str(out)], capture_output=True)
    if ignored.returncode != 0:
        raise LightError(f"{out} is inside the source tree and git does not ignore it: choose a folder outside "
                         "the repository, or one listed in .gitignore")


# --- text helpers -----------------------------------------------------------------------------------------

_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def _file_part(ident: str) -> str:
    """An id as part of a file name; the validator keeps ids to slugs, so this only guards against a bad copy."""
    ident = str(ident)
    if not _SLUG.match(ident):
        raise LightError(f"id {ident!r} cannot name a file")
    return ident


def _https(url: object) -> str:
    """A link target from data: https only (anything else is no link at all)."""
    return safe_url(str(url or ""))


# a light page from another one (the explainers' links to the documents' cells): relative, no scheme, no query
_LIGHT_HREF = re.compile(r"^(\.\./)*[A-Za-z0-9][A-Za-z0-9_/-]*\.html(#[A-Za-z0-9_-]+)?$")


def _markdown(live_root: str):
    """Markdown made by the live pages (md_escape/md_link: every value escaped) as HTML: raw HTML off, and a link
    only to https, into the live app (a path starting with "/", made relative to the page by `live_root`) or to
    another light page (a relative path to a .html file, as it is)."""
    md = MarkdownIt("commonmark", {"html": False})
    md.validateLink = lambda url: url.startswith(("https://", "/")) or bool(_LIGHT_HREF.match(url))

    def render(text: str, root: str, top: int = 2) -> Markup:
        tokens = md.parse(text)
        levels = sorted({int(t.tag[1]) for t in tokens if t.type == "heading_open"})
        shift = (levels[0] - top) if levels else 0
        for token in tokens:
            if token.type in ("heading_open", "heading_close"):  # a profile's #### under the page's h1: h2
                token.tag = f"h{int(token.tag[1]) - shift}"
            for child in token.children or []:
                if child.type == "link_open":
                    href = str(child.attrGet("href") or "")
                    child.attrSet("href", root + href.lstrip("/") if href.startswith("/") else href)
        return Markup(md.renderer.render(tokens, md.options, {}))

    return render


# --- the build --------------------------------------------------------------------------------------------

@dataclass
class _Site:
    """One language's build: the Atlas in it, its translator, the templates and what was written."""

    out: Path
    lang: str
    atlas: object
    tr: Translator
    env: Environment
    written: Written
    live_url: str  # "" (the live app is the host root of the light pages) or an absolute https:// origin
    fingerprint: str
    render_md: object
    langs: tuple[str, ...] = tuple(LANGUAGES)  # the languages of this build: the switch links only to those
    _svgs: dict = field(default_factory=dict)

    # paths are relative to the language's folder: "map/all.html"
    def rel(self, page: str, target: str) -> str:
        return posixpath.relpath(target, posixpath.dirname(page) or ".")

    def live_root(self, page: str) -> str:
        """The live app's root as seen from `page`: `../../../` from /light/en/map/all.html on the same host."""
        if self.live_url:
            return self.live_url.rstrip("/") + "/"
        return "../" * (page.count("/") + 2)

    def live(self, page: str, path: str, params: dict | None = None) -> str:
        query = {k: v for k, v in (params or {}).items() if v} | ({"lang": self.lang} if self.lang != "en" else {})
        return self.live_root(page) + path.lstrip("/") + (f"?{urlencode(query)}" if query else "")

    def md(self, page: str, text: str) -> Markup:
        """Markdown built as the live pages build it, as HTML (headings from h2 down)."""
        return self.render_md(text, self.live_root(page))

    def write(self, page: str, template: str, pictures: tuple[str, ...] = (), live: str = "", **values) -> None:
        tr = self.tr
        # pages with no light twin (About the data) map to the home page: not listed as themselves
        nav = [(tr.gettext(p.title), self.rel(page, light_path(p.key))) for p in SITE
               if p.key == "home" or light_path(p.key) != "index.html"]
        langs = [(code, name, posixpath.relpath(f"{code}/{page}", posixpath.dirname(f"{self.lang}/{page}")))
                 for code, name in ((c, spec.name) for c, spec in LANGUAGES.items()) if code in self.langs]
        accessed = max(self.atlas.sources["accessed"])
        html = self.env.get_template(template).render(
            lang=self.lang, _=tr.gettext, tr=tr, nav=nav, langs=langs, here=page,
            css=self.rel(page, "../light.css"), live_link=live or self.live(page, "/"),
            data_date=tr.gettext(DATA_AS_OF).format(date=format_date(accessed, tr=tr)),
            about=self.live(page, "/data"), rel=lambda target: self.rel(page, target), **values)
        target = self.out / self.lang / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        self.written.pages[f"{self.lang}/{page}"] = [f"{self.lang}/{p}" for p in pictures] + ["light.css"]

    def sources(self, rows) -> list[tuple[str, str, str]]:
        """A page's sources: (title, https URL, host), once each, as st_sources lists them."""
        seen, out = set(), []
        for title, url in rows:
            url = _https(url)
            if url and url not in seen:
                seen.add(url)
                out.append((title or domain(url), url, domain(url)))
        return out

    # --- pictures ---

    def map_svg(self, view: str, highlight: tuple[str, ...] = ()) -> str:
        """The SVG of a map view (share.py's picture, built by images.py), written once; its path."""
        from components import share

        key = (view, highlight)
        if key not in self._svgs:
            kind, _sep, ident = view.partition(":")
            stem = "all" if kind == "all" else f"{kind}-{_file_part(ident)}"
            path = f"map/{stem}.svg" if not highlight else f"story/{stem}-{'-'.join(map(_file_part, highlight))}.svg"
            link = self.live_url.rstrip("/") + "/map" + (
                f"?{urlencode(story.map_params(view) | story.lang_query(self.tr))}"
                if story.map_params(view) or self.lang != "en" else "")
            data = share.map_image(view, link, "svg", self.atlas, highlight, self.tr)
            target = self.out / self.lang / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            self._svgs[key] = path
        return self._svgs[key]


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["https"] = _https
    env.filters["domain"] = domain
    return env


def precompress(out: Path) -> int:
    """Write `<file>.gz` beside every page, picture and style sheet (gzip -9), for a server that sends them as they
    are (nginx's gzip_static, deploy/): compressing a 300 KB map picture for each reader cost nginx about 19 ms of
    CPU, 5.7 s for 300 readers at once (bench/embed300.py). Returns how many files were written."""
    n = 0
    for path in out.rglob("*"):
        if path.suffix in (".html", ".svg", ".css") and path.is_file():
            data = path.read_bytes()
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, 9, mtime=0))
            n += 1
    return n


def build(out: Path | str, data_dir: Path | str | None = None, langs: tuple[str, ...] | None = None,
          live_url: str = "", atlas=None) -> Written:
    """Write the light edition into `out` (its language folders emptied first if an earlier build left them) and
    say what was written; `atlas` is the validated data (read from `data_dir` when not given)."""
    started = time.perf_counter()
    out = Path(out)
    check_target(out)
    if live_url and not live_url.startswith("https://"):
        raise LightError("--live-url must be an https:// address")
    if unknown := [lang for lang in langs or () if lang not in LANGUAGES]:
        raise LightError(f"unknown language(s) {unknown}: the Atlas has {list(LANGUAGES)}")
    atlas = atlas if atlas is not None else read_atlas(data_dir)
    langs = tuple(langs or LANGUAGES)
    for lang in langs:
        if (out / lang).exists():
            shutil.rmtree(out / lang)
    for stale in ("index.html.gz", "light.css.gz"):  # an earlier --gzip build's: they would outlive their file
        (out / stale).unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    # the strip's marks as the live pages draw them (one definition: charts.STRIP_CSS)
    css = (TEMPLATES / "light.css").read_text(encoding="utf-8")
    strip = STRIP_CSS.replace("<style>", "").replace("</style>", "").strip()
    (out / "light.css").write_text(css + strip + "\n", encoding="utf-8")
    written = Written(out)
    env, render_md = _env(), _markdown(live_url)
    fingerprint = data_fingerprint(atlas.data_dir)
    for lang in langs:
        site = _Site(out, lang, localize(atlas, lang), translator(lang), env, written, live_url, fingerprint,
                     render_md, langs)
        _home(site)
        _maps(site)
        _profiles(site)
        _timeline(site)
        _explainers(site)
        _story(site)
        documents_pages(site, _file_part, _https)
    (out / "index.html").write_text(env.get_template("languages.html").render(
        langs=[(code, spec.name, translator(code).gettext(LIGHT_EDITION), f"{code}/index.html")
               for code, spec in LANGUAGES.items() if code in langs], css="light.css"), encoding="utf-8")
    written.pages["index.html"] = ["light.css"]
    written.seconds = time.perf_counter() - started
    return written


# --- pages ------------------------------------------------------------------------------------------------

def _home(site: _Site) -> None:
    """pages/home.py's words: the key figures, the story's first lines, a card per page."""
    a, tr, page = site.atlas, site.tr, "index.html"
    figures = key_figures(a.summits, a.documents, a.endorsements, a.parties, a.events, a.statements)
    bletchley = a.summits.set_index("summit_id").loc["bletchley-2023"]
    seed = seed_statements(a.statements)
    _ = tr.gettext
    story_text = tr.ngettext(
        "{n} short step, from a conversation at Lancaster House in November 2023 to the summit announced for "
        "Geneva in 2027. Each step shows who signed on the map and what happened on the timeline.",
        "{n} short steps, from a conversation at Lancaster House in November 2023 to the summit announced for "
        "Geneva in 2027. Each step shows who signed on the map and what happened on the timeline.",
        len(a.story)).format(n=tr.number(len(a.story)))
    metrics = [(_("Summits held"), tr.number(figures["summits_held"]),
                tr.ngettext("Plus {n} announced", "Plus {n} announced", figures["summits_announced"]).format(
                    n=tr.number(figures["summits_announced"]))),
               (_("Outcome documents"), tr.number(figures["documents"]), ""),
               (_("Countries that signed"), tr.number(figures["countries_signed"]),
                _("States that signed or later joined at least one summit document that states sign")),
               (_("Timeline events"), tr.number(figures["events"]), ""),
               (_("Speeches and statements"), tr.number(figures["statements"]), "")]
    lines, translated = story.opening_lines(bletchley, seed, tr)  # the live home page's own words
    year = bletchley["start_date"][:4]
    cards = [("map/all.html", _("World map"), _("Who attended each summit, who signed each declaration, who did "
                                                "not, and a profile of every country."), _("Open the world map")),
             ("timeline/index.html", _("Timeline"), _("Summits, declarations, speeches and policy milestones, each "
                                                      "with its date, source and a ready citation."),
              _("Open the timeline")),
             ("explainers/index.html", _("Explainers"), _("AI risks in plain language, with real examples, quizzes "
                                                          "and printable classroom handouts."),
              _("Open the explainers"))]
    site.write(page, "home.html", live=site.live(page, "/"), title=_("AI Summit Atlas"),
               intro=site.md(page, _(
                   "Who met, who signed and what was agreed on the safety of artificial intelligence, from the AI "
                   "Safety Summit at Bletchley Park in 2023 to the summit announced for Geneva in 2027. Built for "
                   "**visitors** exploring the world map, **journalists** checking dates and sources, and "
                   "**classrooms** learning about AI risks. Every fact links to its source.")),
               story_heading=_("New here? Follow the story"), story_text=story_text,
               story_link=(_("Start the story"), "story/1.html"), metrics=metrics,
               started=site.md(page, "\n".join(lines)), translated=tr.gettext(TRANSLATED_NOTE) if translated else "",
               follow=(_("Follow the story on the timeline: Bletchley Park, {dates}").format(
                   dates=format_range(bletchley["start_date"], bletchley["end_date"], tr)),
                   light_path("timeline", {"from": f"{year}-01-01", "to": f"{year}-12-31"}) + _first_item(
                       site, bletchley["start_date"])),
               cards=cards, sources=site.sources([(bletchley["name"], bletchley["source_url"])] + [
                   (s["source_title"], s["source_url"]) for _i, s in seed.iterrows()]))


def _first_item(site: _Site, day: str) -> str:
    """The anchor of the first timeline item on or after `day` ("" when none): the live link's `from` date."""
    items = timeline_items(site.fingerprint, site.atlas, site.lang)
    later = items[items["date"] >= day]
    if not len(later):
        return ""
    r = later.iloc[0]
    return f"#{'event' if r['item_type'] == 'event' else 'statement'}-{r['item_id']}"


def _maps(site: _Site) -> None:
    """pages/map.py's words for every view: the sentence and notes, the picture, the parties by status, the
    participants, the signature matrix (on the overview) and the sources."""
    a, tr, _ = site.atlas, site.tr, site.tr.gettext
    choices = map_choices(site.fingerprint, site.lang, a)
    matrix_html = map_matrix(site.fingerprint, a, site.lang)[2]
    for view in choices.views:
        v = View.parse(view)
        params = story.map_params(view)
        page = light_path("map", params)
        shaped = map_view(v, site.fingerprint, False, a, None, False, site.lang).shape
        svg = site.map_svg(view)
        title = story.view_title(view, a.documents, a.summits, tr)
        listed = shaped.listed
        if v.kind == "all":
            counts = sorted({int(n) for n in listed["signed_count"]}, reverse=True)  # most documents first
            groups = [(listed.loc[listed["signed_count"] == n, "label"].iloc[0], listed[listed["signed_count"] == n])
                      for n in counts]
            legend = _("Legend: darker blue = more documents signed; light grey = no record. A black outline "
                       "marks the chosen country.")
        else:
            groups = [(tr.gettext(STATUS_LABELS[s]), listed[listed["status"] == s])
                      for s in STATUS_ORDER if s != "no_record"]
            legend = _("Legend: dark blue = signed; light blue = joined later; orange = attended, did not sign; "
                       "light grey = no record. A black outline marks the chosen country.")
        status_groups = [(label, [(r["name"], light_path("map", {"country": r["party_id"]}), r["date_text"],
                                   r["level"] if r["source_url"] else "", _https(r["source_url"]), r["checked_on"],
                                   r["note"]) for _i, r in rows.iterrows()])
                         for label, rows in groups if len(rows)]
        participants = []
        if v.kind == "summit" and len(shaped.participants):
            for role in ROLES[1:]:
                rows = shaped.participants[shaped.participants["role"] == role]
                if len(rows):
                    participants.append((_(ROLE_HEADINGS[role]),
                                         [(r["name"], _https(r["source_url"])) for _i, r in rows.iterrows()]))
        alt = story.map_alt(title, shaped.sentence, shaped.coverage, None, tr)
        site.write(page, "map.html", pictures=(svg,), live=site.live(page, "/map", params), title=_("World map"),
                   view_title=title, sentence=shaped.sentence, coverage=shaped.coverage or "",
                   attendance=shaped.attendance_note or "", svg=svg, alt=alt, legend=legend,
                   views=[(choices.labels[w], light_path("map", story.map_params(w)), w == view)
                          for w in choices.views],
                   full_title=choices.doc_full[v.ident] if v.kind == "document" else "",
                   groups=status_groups, document=v.kind == "document",
                   not_drawn=[(n, label) for n, label in shaped.not_drawn], participants=participants,
                   matrix=Markup(matrix_html) if v.kind == "all" else "",  # html_table: every cell escaped
                   matrix_caption=tr.gettext(MATRIX_CAPTION),
                   sources=site.sources(list(shaped.sources) + [
                       (_("Natural Earth country shapes (public domain), via world-atlas"),
                        "https://github.com/topojson/world-atlas")]))


def _profiles(site: _Site) -> None:
    """Every party's profile as pages/map.py shows it beside the map (profiles.py's Markdown, charts' strip)."""
    a, tr, _ = site.atlas, site.tr, site.tr.gettext
    for party_id in a.parties["party_id"]:
        page = light_path("map", {"country": _file_part(party_id)})
        profile = party_profile(party_id, site.fingerprint, a, site.lang)
        live_page = f"/map?country={party_id}" + (f"&lang={site.lang}" if site.lang != "en" else "")
        # each document's title opens its light page (documents/<id>.html), as the live one opens /documents
        blocks = profile_blocks(profile, live_page, tr, lambda doc, _lang, page=page: site.rel(
            page, light_path("documents", {"doc": doc})))
        if checks := checks_block(profile, live_page, tr):  # the live profile's panel: each line's check, report
            blocks.append("**" + _("When each line was last checked") + "**\n\n" + checks)
        blocks.append(tr.ngettext("**Timeline**: {n} event names {party}.", "**Timeline**: {n} events name {party}.",
                                  len(profile.events)).format(n=tr.number(len(profile.events)),
                                                              party=md_escape(profile.name)))
        strip = build_strip([(profile.name, profile.strip)],
                            _("{party}: status at each summit's documents").format(party=profile.name),
                            tr.gettext(STRIP_LEGEND), site.lang)  # every value escaped (charts.build_strip)
        site.write(page, "profile.html", live=site.live(page, "/map", {"country": party_id}),
                   title=_("Country profile: {name}").format(name=profile.name), strip=Markup(strip),
                   body=site.md(page, "\n\n".join(blocks)),
                   timeline=(_("Open the timeline filtered to {party}").format(party=profile.name),
                             site.live(page, "/timeline", {"party": party_id})),
                   sources=site.sources(profile.sources))


def _timeline(site: _Site) -> None:
    """pages/timeline.py's list of items in date order, whole and per kind and per year (filters as links)."""
    a, tr, _ = site.atlas, site.tr, site.tr.gettext
    items = timeline_items(site.fingerprint, a, site.lang)
    kinds = [k for k in KIND_NAMES if (items["kind"] == k).any()]
    years = sorted({d[:4] for d in items["date"] if d})
    kind_names = {k: tr.gettext(v) for k, v in KIND_NAMES.items()}
    levels = {v: enum_label(VERIFICATION_LABELS, v, tr) for v in VERIFICATION_LABELS}
    views = [({}, ALL_ITEMS)] + [({"kind": k}, k) for k in kinds] + [
        ({"from": f"{y}-01-01", "to": f"{y}-12-31"}, y) for y in years]
    filters_nav = {"all": (_(ALL_ITEMS), "timeline/index.html"),
                   "kinds": [(kind_names[k], light_path("timeline", {"kind": k})) for k in kinds],
                   "years": [(y, light_path("timeline", {"from": f"{y}-01-01", "to": f"{y}-12-31"})) for y in years]}
    source_line = _("Source: {link} · verification: {level} · [Details and citation]({url})")
    for filters, _label in views:
        page = light_path("timeline", filters)
        shown = filter_items(items, [filters["kind"]] if "kind" in filters else None,
                             start=filters.get("from"), end=filters.get("to"))
        n, total = tr.number(len(shown)), tr.number(len(items))
        if filters:
            summary = tr.ngettext("{n} of {total} item matches the filters.", "{n} of {total} items match the "
                                  "filters.", len(shown)).format(n=n, total=total)
        else:
            summary = tr.ngettext("{n} of {total} item.", "{n} of {total} items.", len(shown)).format(n=n, total=total)
        if filters.get("from"):
            summary += " " + _("From {start} to {end}.").format(start=format_date(filters["from"], tr=tr),
                                                                end=format_date(filters["to"], tr=tr))
        entries = []
        for _i, r in shown.iterrows():
            key = "event" if r["item_type"] == "event" else "statement"
            gloss = _("(in English; meaning: “{gloss}”)").format(gloss=r["quote_gloss"]) \
                if r["quote"] and r.get("quote_gloss") else ""
            entries.append({"id": f"{key}-{r['item_id']}", "when": item_when(r, tr),
                            "kind": tr.gettext(KIND_LABELS[r["kind"]]), "title": r["title"],
                            "text": r["text"], "quote": r["quote"], "gloss": gloss,
                            "source": site.md(page, source_line.format(
                                link=md_link(r["source_title"] or domain(r["source_url"]), r["source_url"]),
                                level=md_escape(levels.get(r["verification"], r["verification"])),
                                url=f"/timeline?{urlencode({key: r['item_id']} | story.lang_query(tr))}"))})
        translated = any(bool(r.get("translated", False)) for _i, r in shown.iterrows())
        site.write(page, "timeline.html", live=site.live(page, "/timeline", filters), title=_("Timeline"),
                   intro=_("Summits, declarations, speeches and policy milestones on international AI safety, "
                           "2023 to 2027. Every item has a date, a source and a ready citation. Filters are kept "
                           "in the link."), summary=summary, filters_nav=filters_nav, entries=entries,
                   translated=tr.gettext(TRANSLATED_NOTE) if translated else "",
                   note=_("Each item above names and links its own source, with how it was verified."))


def _explainers(site: _Site) -> None:
    """pages/explainers.py: the risks by group, and each risk's lesson with its quiz as a plain form whose answers
    are on the page, under <details>."""
    a, tr, _ = site.atlas, site.tr, site.tr.gettext
    risks, questions, glossary = a.risks, a.questions, a.glossary
    page = "explainers/index.html"
    bletchley = a.summits.set_index("summit_id").loc["bletchley-2023"]
    testing = a.statements[a.statements["statement_id"] == "2023-11-02-sunak-state-backed-testing"]
    intro = [_("In November 2023, 28 countries and the European Union agreed at Bletchley Park that the most "
               "advanced AI systems could bring great benefits but also serious harm, and that no country could deal "
               "with these risks alone. {summary}").format(summary=md_escape(bletchley["summary"]))]
    sources = []
    if len(testing):
        t = testing.iloc[0]
        intro.append(_("**What does “state-backed testing before release” mean?** {gist} ({speaker}, {date}; "
                       "{link})").format(gist=md_escape(t["gist"]), speaker=md_escape(t["speaker"]),
                                         date=md_escape(format_date(t["date"], t["date_precision"], tr)),
                                         link=md_link(_("source"), t["source_url"])))
        sources.append((t["source_title"], t["source_url"]))
    intro.append(_("The risks below follow the three groups of the International AI Safety Report 2025, written "
                   "by 96 experts from 30 countries, the UN, the EU and the OECD. Pick a risk to read about it."))
    groups = [(_(label), _(CATEGORY_BLURBS[cat]),
               [(r["title"], light_path("explainers", {"risk": _file_part(r["risk_id"])}))
                for _i, r in risks[risks["category"] == cat].iterrows()])
              for cat, label in CATEGORY_LABELS.items()]
    sources += [(_("International AI Safety Report 2025"), risks.iloc[0]["source_url"]),
                (_("Bletchley Park summit"), bletchley["source_url"])]
    site.write(page, "explainers.html", live=site.live(page, "/explainers"), title=_("Explainers: risks from AI"),
               intro=site.md(page, "\n\n".join(intro)), translated=tr.gettext(TRANSLATED_NOTE) if tr.lang != "en" else "",
               groups=groups, sources=site.sources(sources))

    orders = quiz_orders(questions)
    documents = a.documents.set_index("document_id")  # named as running text names them (in_sentence)
    for risk_id in risks["risk_id"]:
        page = light_path("explainers", {"risk": _file_part(risk_id)})
        risk = risks.set_index("risk_id").loc[risk_id].copy()
        risk["risk_id"] = risk_id
        qs = questions[questions["risk_id"] == risk_id]
        steps = lesson_steps(risk, questions, tr)
        terms = glossary_terms_in(f"{risk['summary']} {risk['explanation']} {risk['example']}", glossary)
        doc_ids = [d for d in split_ids(risk["document_ids"]) if d in documents.index]
        when = format_date(risk["example_date"], risk["date_precision"], tr) if risk["example_date"] else ""
        quiz = []
        for i, (_i, q) in enumerate(qs[qs["kind"] == "quiz"].iterrows(), start=1):
            choices = orders[q["question_id"]]
            letters = [choice_letter(n) for n in range(len(choices))]
            letter = choice_letter(choices.index(q["answer"])) if q["answer"] in choices else ""
            quiz.append({"id": _file_part(q["question_id"]), "n": i, "question": q["question"],
                         "choices": list(zip(letters, choices)),
                         "answer": _(ANSWER).format(letter=letter, answer=q["answer"], explanation=q["explanation"])})
        # "What was agreed" in the documents' own words, as the live step says it, its links to the light cells
        agreed, agreed_sources = agreed_md(a, risk_id, tr, light_page_link(site, page))
        site.write(page, "risk.html", live=site.live(page, "/explainers", {"risk": risk_id}), title=risk["title"],
                   meta=_("{category} · MIT AI Risk Repository: {subdomain} · about {minutes} minutes in class").format(
                       category=_(CATEGORY_LABELS[risk["category"]]), subdomain=risk["mit_subdomain"],
                       minutes=sum(s["minutes"] for s in steps)),
                   translated=tr.gettext(TRANSLATED_NOTE) if risk.get("translated", False) else "",
                   all_risks=_("All risks"), steps=[(s["step"], s["title"], _("About {minutes} min").format(
                       minutes=s["minutes"])) for s in steps],
                   risk=risk, terms=[(t["term"], t["definition"]) for _i, t in terms.iterrows()],
                   example_when=when, example_source=_https(risk["example_source_url"]),
                   signed=[(_("Who signed {document}").format(
                       document=in_sentence(documents.loc[d], "title", tr)),
                       light_path("map", {"document": _file_part(d)})) for d in doc_ids],
                   milestones=(_("Summit milestones on the timeline"), site.live(page, "/timeline",
                                                                               {"kind": "summit,declaration"}))
                   if doc_ids else None,
                   discussion=[(q["question"], q["explanation"]) for _i, q in qs[qs["kind"] == "discussion"].iterrows()],
                   quiz=quiz, show_answer=_(SHOW_ANSWER), agreed=site.md(page, agreed),
                   sources=site.sources([(_("International AI Safety Report 2025"), risk["source_url"]),
                                         (_("Example"), risk["example_source_url"])]
                                        + [(t["term"], t["source_url"]) for _i, t in terms.iterrows()]
                                        + agreed_sources))


def _story(site: _Site) -> None:
    """pages/story.py: one page per step, with its map picture (the step's parties outlined), its timeline slice
    as a dated list, and the whole story's sources."""
    from components.share import view_parts

    a, tr, _ = site.atlas, site.tr, site.tr.gettext
    steps = story.story_steps(a.story)
    if not steps:
        return
    items = timeline_items(site.fingerprint, a, site.lang)
    names = dict(zip(a.parties["party_id"], a.parties["name"]))
    states = set(a.parties.loc[a.parties["kind"] == "state", "party_id"])
    view_srcs = {v: list(view_parts(v, a, site.lang).sources) for v in dict.fromkeys(s.map_view for s in steps)}
    all_sources = site.sources(story.story_sources(steps, items, view_srcs))
    for step in steps:
        page = light_path("story", {"step": str(step.n)})
        parts = view_parts(step.map_view, a, site.lang)
        svg = site.map_svg(step.map_view, tuple(p for p in step.parties if p in states))
        told = items[items["item_id"].isin(step.item_ids)].sort_values(["date", "item_id"])
        named = [names[p] for p in step.parties]
        outlined = [names[p] for p in step.parties if p in states]
        also = [n for n in named if n not in outlined]
        translated = bool(a.story.loc[a.story["step"] == step.n, "translated"].any()) \
            if "translated" in a.story else False
        legend = (_("darker blue = more documents signed; light grey = no record") if step.map_view == "all" else
                  _("dark blue = signed; light blue = joined later; orange = attended, did not sign; light grey = "
                    "no record"))
        title = story.view_title(step.map_view, a.documents, a.summits, tr)
        site.write(page, "story.html", pictures=(svg,), live=site.live(page, "/story", {"step": str(step.n)}),
                   title=_("The story: from Lancaster House to Geneva"),
                   progress=_("Step {n} of {total}: {title}").format(n=tr.number(step.n), total=tr.number(len(steps)),
                                                                    title=step.title),
                   step=step, translated=tr.gettext(TRANSLATED_NOTE) if translated else "",
                   source=site.md(page, _("Source: {link} ({host}), {level}; checked {date}").format(
                       link=md_link(step.source_title, step.source_url), host=md_escape(domain(step.source_url)),
                       level=md_escape(enum_label(VERIFICATION_LABELS, step.verification, tr)),
                       date=md_escape(format_date(step.checked_on, tr=tr)))),
                   svg=svg, alt=story.map_alt(title, parts.sentence, parts.coverage, outlined, tr),
                   sentence=parts.sentence, legend=_("Legend: {legend}.").format(legend=legend),
                   outlined=_("Outlined in black: {names}.").format(names=tr.names(outlined)) if outlined else "",
                   also=_("Also named in this step: {names}.").format(names=tr.names(also)) if also else "",
                   full_map=(_("Open the full map at this view"), light_path("map", story.map_params(step.map_view))),
                   told=site.md(page, "\n".join(
                       "- " + _("**{date}**: {title}").format(date=md_escape(item_when(r, tr)),
                                                              title=md_escape(r["title"]))
                       + f" ({md_link(domain(r['source_url']), r['source_url'])})" for _i, r in told.iterrows())),
                   timeline=(_("Open the timeline at {dates}").format(dates=format_range(step.start, step.end,
                                                                                         tr)),
                             site.live(page, "/timeline", story.timeline_params(step))),
                   previous=light_path("story", {"step": str(step.n - 1)}) if step.n > 1 else "",
                   next=light_path("story", {"step": str(step.n + 1)}) if step.n < len(steps) else "",
                   steps=[(tr.number(s.n), s.title, light_path("story", {"step": str(s.n)}), s.n == step.n)
                          for s in steps],
                   sources=all_sources)


def add_command(commands) -> None:
    """`python -m components.export light DIR` (components/export.py)."""
    parser = commands.add_parser("light", help="the light edition: static pages, no JavaScript, no outside request, "
                                 "relative links (a folder outside the source tree, or one git ignores)")
    parser.add_argument("dir", type=Path, help="the folder to write (outside the repository, or one git ignores)")
    parser.add_argument("--live-url", default="", help="https:// address of the live Atlas for the pages' links "
                        "back to it (default: the same host, as deploy/'s nginx serves the pages at /light/)")
    parser.add_argument("--lang", action="append", choices=list(LANGUAGES),
                        help="only this language (repeat for several; default: every one)")
    parser.add_argument("--gzip", action="store_true",
                        help="also write FILE.gz beside each file, for nginx's gzip_static (deploy/up.sh does)")
    parser.set_defaults(run=_run)


def _run(args, atlas) -> str:
    """Build, then say how many pages, the largest over the wire and the time; a page over budget fails."""
    try:
        written = build(args.dir, langs=tuple(args.lang) if args.lang else None, live_url=args.live_url, atlas=atlas)
    except LightError as e:
        raise SystemExit(f"light: {e}") from None
    sizes = {p: written.gzip_size(p) for p in written.pages}
    largest = max(sizes, key=sizes.get)
    line = (f"light: {len(sizes)} pages in {written.out} in {written.seconds:.1f} s; largest {largest} "
            f"{sizes[largest] / 1024:.1f} KB gzip with its pictures")
    if over := [p for p, n in sizes.items() if n > BUDGET_BYTES]:
        raise SystemExit(f"{line}; OVER 150 KB: {over}")
    if args.gzip:
        line += f"; {precompress(written.out)} files precompressed (.gz)"
    return line
