#!/usr/bin/env bash
# Install (once) and run the Atlas on http://localhost:8501. Works offline after the first install.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q -r requirements.txt
exec .venv/bin/streamlit run app.py "$@"
