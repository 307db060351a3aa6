#!/usr/bin/env bash
# Install (once) and run the Atlas on http://localhost:8501. Works offline after the first install.
set -euo pipefail
cd "$(dirname "$0")/.."
# pandas 3 and Streamlit 1.67 need Python 3.11 or newer: say so plainly instead of a pip resolver error
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "AI Summit Atlas needs Python 3.11 or newer; python3 is $(python3 --version 2>&1)." >&2; exit 1; }
[ -x .venv/bin/python ] || python3 -m venv .venv
# quiet install; this machine's pip prints harmless "WARNING: Location ... is ignored" lines; hide only those
.venv/bin/pip install -q --disable-pip-version-check -r requirements.txt 2> >(grep -v "^WARNING: Location" >&2)
# the French interface: compiled gettext catalogs from locales/*/LC_MESSAGES/messages.po (not committed)
.venv/bin/pybabel -q compile -d locales
exec .venv/bin/streamlit run app.py "$@"
