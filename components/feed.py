"""The Atom feed of corrections and additions, /feed.xml: one entry per row of data/changes.csv, newest first.

A journalist who cited a fact can subscribe and see when it changed. Each entry's id is derived from the change's
stable id (components/facts.py change_ids), so a feed reader never shows one change twice; its link is the first
fact it names (`/data?fact=<id>`), else the About page's "What changed". Built with ElementTree, which escapes
every text for XML; app.py serves it (components/serving.py) with an ETag, whatever the query string says.
"""

from __future__ import annotations

import hashlib
import uuid
import xml.etree.ElementTree as ET
from urllib.parse import quote

from components import facts

FEED_PATH = "/feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
TITLE = "AI Summit Atlas: what changed in the data"
# a fixed namespace for the entries' ids (uuid5 of "<namespace>/change/<change id>": stable, unique, no domain
# claimed: the Atlas has no address of its own, and a deployment may run at any)
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "ai-summit-atlas/changes")


def entry_id(change_id: str) -> str:
    """A change's permanent Atom id."""
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, change_id)}"


def _stamp(day: str) -> str:
    return f"{day}T00:00:00Z"  # a change has a day; Atom wants a time: midnight UTC of that day


def build_feed(changes, base_url: str) -> bytes:
    """The Atom document for `changes` (changes.csv's rows), links made absolute on `base_url`."""
    base = base_url.rstrip("/")
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")

    def sub(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    ids = facts.change_ids(changes)
    latest = max(changes["date"]) if len(changes) else "1970-01-01"
    sub(feed, "title", TITLE)
    sub(feed, "id", f"urn:uuid:{ID_NAMESPACE}")
    sub(feed, "updated", _stamp(latest))
    sub(feed, "link", rel="self", href=base + FEED_PATH)
    sub(feed, "link", rel="alternate", href=base + "/data")
    author = sub(feed, "author")
    sub(author, "name", "AI Summit Atlas editors")
    rows = list(zip(ids, (r for _i, r in changes.iterrows())))
    for change_id, change in reversed(rows):  # newest first
        entry = sub(feed, "entry")
        named = facts.fact_ids(change)
        sub(entry, "id", entry_id(change_id))
        summary = str(change["summary"])
        sub(entry, "title", summary.split(". ")[0][:140])
        sub(entry, "updated", _stamp(change["date"]))
        link = base + (facts.permalink(named[0]) if named else "/data#what-changed")
        sub(entry, "link", rel="alternate", href=quote(link, safe=":/?=&#%"))
        kind = str(change.get("kind", "") or "")
        words = [summary] + ([f"Why: {change['reason']}"] if change.get("reason") else []) \
            + ([f"Facts ({kind}): " + ", ".join(named)] if named else []) \
            + [f"Files: {str(change['files']).replace(';', ', ')}"]
        sub(entry, "content", "\n\n".join(words), type="text")
        for fact_id in named:
            sub(entry, "link", rel="related", href=quote(base + facts.permalink(fact_id), safe=":/?=&#%"),
                title=fact_id)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8")


def etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


_BUILT: dict[tuple[str, str], tuple[bytes, str]] = {}  # (data fingerprint, base URL) -> (body, ETag)


async def serve_feed(request):
    """GET /feed.xml: the feed (any query string is ignored), 304 when the reader already has this version."""
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import Response

    from components.data import current_data_dir, data_fingerprint, load_atlas

    base = f"{request.url.scheme}://{request.url.netloc}"

    def built() -> tuple[bytes, str] | None:
        atlas, _problems = load_atlas()
        if atlas is None:
            return None
        key = (data_fingerprint(current_data_dir()), base)
        if key not in _BUILT:
            if len(_BUILT) > 64:  # a few versions and host names; never grows with requests
                _BUILT.clear()
            body = build_feed(atlas.changes, base)
            _BUILT[key] = (body, etag(body))
        return _BUILT[key]

    made = await run_in_threadpool(built)
    if made is None:
        return Response("The data did not pass validation.", status_code=503, media_type="text/plain")
    body, tag = made
    headers = {"ETag": tag, "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*"}
    if request.headers.get("if-none-match") == tag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/atom+xml; charset=utf-8", headers=headers)


def feed_routes() -> list:
    """app.py's route for the feed (st.App(routes=...))."""
    from starlette.routing import Route

    return [Route(FEED_PATH, serve_feed, methods=["GET", "HEAD"])]
