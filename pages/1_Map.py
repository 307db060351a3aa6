"""Map: coming soon (built in a later issue)."""

import streamlit as st

from components.ui import st_atlas, st_sources

atlas = st_atlas()
st.title("Map")
st.info("This page is coming soon.")
st_sources([])
