"""How the server answers a nested unknown path (/map/extra): a redirect to its page, not a blank page.

Streamlit answers any unknown path with its index.html, whose scripts are linked relatively
(`./static/js/...`). One level deep (/map) that resolves to /static/js/...; two levels deep (/map/extra)
it resolves to /map/static/js/..., which is again an unknown path, so the browser gets HTML where it
expected JavaScript, refuses it, and shows a white page for ever. app.py serves the Atlas as an ASGI app
(`st.App`, found by `streamlit run app.py` itself) with this middleware in front; deploy/'s nginx does
the same redirect.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from urllib.parse import quote

# first path segments that belong to Streamlit's own routes, never to a page
STREAMLIT_ROUTES = frozenset({"_stcore", "static", "media", "component", "app", "~", "atlas-media", "api"})


def page_of_nested_path(path: str) -> str | None:
    """`/map` for `/map/extra` (and deeper); None for a path Streamlit must answer itself."""
    parts = path.strip("/").split("/")
    if len(parts) < 2 or parts[0] in STREAMLIT_ROUTES or "_stcore" in parts or not parts[0]:
        return None  # a page, a Streamlit route, or the frontend probing /<page>/_stcore/* (it expects 404)
    return "/" + quote(parts[0])


def redirect_nested_paths(app):
    """ASGI middleware: GET/HEAD of a nested unknown path is redirected (302) to its first segment."""
    from starlette.responses import RedirectResponse

    async def middleware(scope, receive, send):
        if scope["type"] == "http" and scope.get("method") in ("GET", "HEAD"):
            target = page_of_nested_path(scope.get("path", ""))
            if target:
                query = scope.get("query_string", b"").decode("latin-1")
                response = RedirectResponse(target + (f"?{query}" if query else ""), status_code=302,
                                            headers={"Cache-Control": "no-cache"})
                await response(scope, receive, send)
                return
        await app(scope, receive, send)

    return middleware


# --- files served from this process's memory ------------------------------------------------------------------
# The map's coloured shapes (~200 KB per view and language), the chosen party's outline and a story step's
# outlines are built once and served by app.py's route under a hash of their bytes: /atlas-media/<md5>.json. The
# same bytes give the same URL on every replica (deploy/'s nginx caches them), nothing is written to disk (the
# checkout may be read-only; two processes never race on a file), and a browser may keep a file for good.
# Streamlit's media store did this before, but it registers a file per session on every run, and its lock and
# per-run clean-up scale with every open session's files: under a burst of 30 sessions on /map, 11 % of the
# server's samples were in MediaFileManager.add and 9 % in its clean-up (py-spy).
MEDIA_PREFIX = "/atlas-media/"
MAX_MEDIA = 1024  # 72 map geometries (18 views x EU outline x 2 languages) plus small outlines
# and at most this many bytes: the map as of a past day (components/asof.py) adds a ~200 KB geometry per month
# shown, and 1024 of them would hold 200 MB. 64 MB keeps today's 72 views and ~250 dated ones; the files of the
# runs in progress are the most recently published, so they are the last to go.
MAX_MEDIA_BYTES = 64_000_000
_MEDIA: "OrderedDict[str, bytes]" = OrderedDict()
_NAMES: "OrderedDict[int, tuple[bytes, str]]" = OrderedDict()  # id(bytes) -> (the bytes, their name): no re-hash
_MEDIA_LOCK = threading.Lock()
_SIZE = [0]  # bytes in _MEDIA


def publish(data: bytes) -> str:
    """The URL at which app.py's route serves these JSON bytes (kept in memory, most recently published last)."""
    with _MEDIA_LOCK:
        known = _NAMES.get(id(data))
        if known is None or known[0] is not data:  # built objects are shared: their bytes are hashed once
            known = (data, hashlib.md5(data, usedforsecurity=False).hexdigest() + ".json")
            _NAMES[id(data)] = known
        _NAMES.move_to_end(id(data))
        name = known[1]
        if name not in _MEDIA:
            _SIZE[0] += len(data)
        _MEDIA[name] = data
        _MEDIA.move_to_end(name)
        while len(_MEDIA) > 1 and (len(_MEDIA) > MAX_MEDIA or _SIZE[0] > MAX_MEDIA_BYTES):
            _SIZE[0] -= len(_MEDIA.popitem(last=False)[1])
        while len(_NAMES) > MAX_MEDIA:
            _NAMES.popitem(last=False)
    return MEDIA_PREFIX + name


def published(name: str) -> bytes | None:
    with _MEDIA_LOCK:
        return _MEDIA.get(name)


async def serve_media(request):
    """GET /atlas-media/<md5>.json: a published file, cacheable for good (its name is its content's hash)."""
    from starlette.responses import Response

    data = published(request.path_params["name"])
    if data is None:
        return Response("Not found", status_code=404, media_type="text/plain")
    return Response(data, media_type="application/json",
                    headers={"Cache-Control": "public, max-age=31536000, immutable"})


def media_routes() -> list:
    """app.py's extra route (st.App(routes=...))."""
    from starlette.routing import Route

    return [Route(MEDIA_PREFIX + "{name:str}", serve_media, methods=["GET", "HEAD"])]


# --- the read-only API (components/api.py) -------------------------------------------------------------------
API_ROOT = "/api"


def serve_api(app):
    """ASGI middleware: every request under /api/ is the API's (components/api.py answers it, any method, any path:
    a JSON answer, never Streamlit's HTML page or its plain-text 405); anything else goes on to `app`."""
    async def middleware(scope, receive, send):
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if path != API_ROOT and not path.startswith(API_ROOT + "/"):
            await app(scope, receive, send)
            return
        from starlette.concurrency import run_in_threadpool

        from components.api import answer
        from components.data import current_data_dir, data_fingerprint, load_atlas

        def respond():
            # the validated data is shared with the pages (load_atlas: one per data version); a body is built
            # once per version and path (api.built), so this thread mostly looks two dictionaries up
            atlas, _problems = load_atlas()
            return answer(scope["method"], path, _header(scope, b"if-none-match"), atlas,
                          data_fingerprint(current_data_dir()))

        out = await run_in_threadpool(respond)
        await send({"type": "http.response.start", "status": out.status,
                    "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in out.headers.items()]})
        await send({"type": "http.response.body", "body": out.body})

    return middleware


def _header(scope, name: bytes) -> str:
    """One request header's value (the last if repeated), as text; empty when absent."""
    values = [v for k, v in scope.get("headers", []) if k.lower() == name]
    return values[-1].decode("latin-1") if values else ""
