"""AI Summit Atlas: entry point with the multipage navigation and stable URL paths."""

import gc

import streamlit as st

from components.ui import st_wrap_text

st.set_page_config(page_title="AI Summit Atlas", page_icon="🌐", layout="wide")


@st.cache_resource(show_spinner=False)
def _freeze_startup_objects() -> bool:
    """Move start-up objects (modules, shared data) out of reach of Python's full garbage collections."""
    # NOTE: a full collection scans every live object: 16-37 ms measured with pandas/plotly/pydeck loaded.
    # Streamlit's post-run collection is off (.streamlit/config.toml), but Python's own generational GC
    # still runs a full pass now and then; frozen objects are skipped.
    gc.freeze()
    return True


# NOTE: Material Symbols icons, not emoji: Streamlit bundles their font, while emoji need a system emoji font
# and showed as empty boxes without one.
pages = [
    st.Page("views/0_Home.py", title="Home", icon=":material/home:", default=True),
    st.Page("views/1_Map.py", title="World map", icon=":material/public:", url_path="map"),
    st.Page("views/2_Timeline.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page("views/3_Explainers.py", title="Explainers", icon=":material/school:", url_path="explainers"),
    st.Page("views/4_About_the_data.py", title="About the data", icon=":material/dataset:", url_path="data"),
]
st_wrap_text()
st.navigation(pages).run()
_freeze_startup_objects()
