#!/usr/bin/env bash
# Install what the tests need (venv, Python packages, Debian's Chromium) and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
# this machine's pip prints harmless "WARNING: Location ... is ignored" lines; hide only those
.venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt 2> >(grep -v "^WARNING: Location" >&2)
.venv/bin/python -m components.data --check data/
exec .venv/bin/python -m pytest -q "$@"
