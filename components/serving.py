"""How the server answers a nested unknown path (/map/extra): a redirect to its page, not a blank page.

Streamlit answers any unknown path with its index.html, whose scripts are linked relatively
(`./static/js/...`). One level deep (/map) that resolves to /static/js/...; two levels deep (/map/extra)
it resolves to /map/static/js/..., which is again an unknown path, so the browser gets HTML where it
expected JavaScript, refuses it, and shows a white page for ever. app.py serves the Atlas as an ASGI app
(`st.App`, found by `streamlit run app.py` itself) with this middleware in front; deploy/'s nginx does
the same redirect.
"""

from __future__ import annotations

from urllib.parse import quote

# first path segments that belong to Streamlit's own routes, never to a page
STREAMLIT_ROUTES = frozenset({"_stcore", "static", "media", "component", "app", "~"})


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
