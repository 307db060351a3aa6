"""The Atlas served by Streamlit alone, with Starlette's gzip in front of everything (a measured alternative).

    .venv/bin/python bench/gzip_app.py [PORT]        # from the repository root; serves http://127.0.0.1:PORT/

Streamlit 1.67 has no option to compress its static files: its own gzip layer skips /static/* and / on
purpose (it would recompress on every request). Middleware given to st.App runs in front of Streamlit's, so
Starlette's GZipMiddleware there compresses the bundles too. bench/firstload.py measures this setup
("bare+gzip") next to plain `streamlit run app.py` and deploy/'s nginx. Same app, pages and config as app.py;
only the extra middleware differs.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    import streamlit as st
    from starlette.middleware import Middleware
    from starlette.middleware.gzip import GZipMiddleware

    from components.serving import redirect_nested_paths

    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8501
    # level 5 as deploy/nginx.conf.template (gzip_comp_level 5): measured 25 % less CPU than 6 for 1 % more bytes
    app = st.App(ROOT / "app.py", middleware=[Middleware(GZipMiddleware, minimum_size=1000, compresslevel=5),
                                              Middleware(redirect_nested_paths)])
    app.run(config={"server.port": port, "server.address": "127.0.0.1", "server.headless": True,
                    "server.fileWatcherType": "none", "server.runOnSave": False,
                    "browser.gatherUsageStats": False})
