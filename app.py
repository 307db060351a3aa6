"""AI Summit Atlas: entry point with the multipage navigation and stable URL paths."""

import streamlit as st

from components.cached import favicon_url, freeze_startup_objects, site_pages
from components.ui import count_rerun, st_language, st_light_link, st_wrap_text

if __name__ != "__main__":
    # NOTE: `streamlit run app.py` first imports this file as a module and finds `app` below: Streamlit's own
    # server with two middlewares in front, one answering every request under /api/ (the read-only API,
    # components/api.py: JSON for any method and path there), one redirecting a nested unknown path (/map/extra)
    # to its page instead of a blank page, and one route, which serves the map's shapes from memory
    # (components/serving.py).
    # Every page run executes this file as "__main__".
    from starlette.middleware import Middleware

    from streamlit.runtime.pages_manager import PagesManager

    from components import widget_guard
    from components.feed import feed_routes
    from components.logs import quiet_logs
    from components.serving import media_routes, redirect_nested_paths, serve_api

    quiet_logs()  # short, linear, rate-limited log lines: no visitor text can make the server's logging slow
    widget_guard.install()  # a widget value of the wrong type is dropped before Streamlit or a page reads it

    # NOTE: with a folder named pages/ beside this file, Streamlit 1.67 decides once per process, at the first
    # session, that the app uses its old folder-based pages, and runs every session that way (the requested
    # page script alone, without this file's navigation, page config or language) until some session opens
    # "/" and calls st.navigation, which clears the flag. A first visit by deep link (/data) then showed the
    # bare script names in the sidebar, or "Page not found" for names like 1_Map.py. This app always declares
    # its pages with st.navigation, so the flag is cleared here, before any session starts.
    PagesManager.uses_pages_directory = False

    app = st.App(__file__, routes=media_routes() + feed_routes(),
                 middleware=[Middleware(serve_api), Middleware(redirect_nested_paths)])

# NOTE: our own picture (as a data: URL, components/cached.py favicon_url), not ":material/public:": Streamlit
# fetches a Material favicon from fonts.gstatic.com (an outside request, and none offline); an emoji favicon
# needs an emoji font
if __name__ == "__main__":
    st.set_page_config(page_title="AI Summit Atlas", layout="wide", page_icon=favicon_url())


# NOTE: the pages' icons (components/site.py) are Material Symbols, not emoji: Streamlit bundles their font, while
# emoji need a system emoji font and showed as empty boxes without one.
if __name__ == "__main__":  # a page run; the import above draws nothing
    count_rerun()  # before anything can ask for a rerun (components/ui.py st_rerun)
    tr = st_language()  # ?lang=: the session's interface language, before anything is drawn in it
    st_wrap_text()
    page = st.navigation(site_pages(tr.lang))  # pages made once per language (components/cached.py)
    st_light_link(page.url_path)  # this page's twin in the light edition, under the navigation
    page.run()
    freeze_startup_objects()
