#!/usr/bin/env bash
# Install what the tests need (venv, Python packages, Debian's Chromium) and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian's Chromium for the browser tests, poppler-utils to render the printed handout as a picture,
# nginx for the multi-replica deployment tests
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/pdftoppm ] || [ ! -x /usr/sbin/nginx ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium poppler-utils nginx >/dev/null
fi
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "AI Summit Atlas needs Python 3.11 or newer; python3 is $(python3 --version 2>&1)." >&2; exit 1; }
[ -x .venv/bin/python ] || python3 -m venv .venv
# pip only when the requirements changed since this venv last installed them: a run with nothing to install still
# took 3 s of CPU (16 s on a busy machine). The stamp names the files' digest and is written after a good install.
stamp=.venv/.requirements-installed
wanted="$(cat requirements.txt requirements-dev.txt | sha256sum)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  # this machine's pip prints harmless "WARNING: Location ... is ignored" lines; hide only those
  .venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt 2> >(grep -v "^WARNING: Location" >&2)
  echo "$wanted" > "$stamp"
fi
# the French interface: compiled gettext catalogs from locales/*/LC_MESSAGES/messages.po (not committed)
.venv/bin/pybabel -q compile -d locales
.venv/bin/python -m components.data --check data/
# the same files through a standard client: the Frictionless descriptor generated from the validator's schema
.venv/bin/frictionless validate data/datapackage.json >/dev/null || .venv/bin/frictionless validate data/datapackage.json
# Three test processes (pytest-xdist): the browser tests mostly wait for pages to load, draw and settle, and one
# process kept the 2 cores about a quarter busy (24 min wall for 12.7 min of CPU). Each worker has its own
# server and Chromium on free ports; the deployment tests stay together on one worker (their xdist_group).
# Extra arguments go to pytest: `-n 0` runs everything in this one process.
exec .venv/bin/python -m pytest -q -n 3 --dist loadgroup "$@"
