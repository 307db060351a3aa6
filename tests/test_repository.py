"""The repository stands alone: no tracked file cites a path outside it."""

from __future__ import annotations

import re
import subprocess

from tests.conftest import ROOT

# `../shared/...` (a sibling folder of the checkout) and absolute paths of a developer's machine or of this
# checkout. Operating-system paths the tools really use (/usr/bin/chromium, /etc/nginx/mime.types, /tmp/...)
# are not citations and exist on every Debian machine.
OUTSIDE = re.compile(r"\.\./shared\b|(?<![\w.~-])/(?:work|home|root|Users|mnt|srv|opt|workspace)/[\w.-]")


SELF = "tests/test_repository.py"


def tracked_text_files() -> dict[str, str]:
    names = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split("\0")
    out = {}
    for name in filter(None, names):
        path = ROOT / name
        if name == SELF:  # this file's patterns and examples name such paths on purpose
            continue
        if not path.is_file():  # deleted in the working tree, not yet committed
            continue
        data = path.read_bytes()
        if b"\0" not in data[:8192]:  # text only
            out[name] = data.decode("utf-8", errors="replace")
    return out


def test_pattern_finds_what_it_must():
    for bad in ["see ../shared/notes/performance.md", "From `/work/main`, run", "/home/alice/x", "(/root/.cache/x)",
                f"{ROOT}/data"]:
        assert OUTSIDE.search(bad) or str(ROOT) in bad, bad
    for fine in ["/usr/bin/chromium", "/etc/nginx/mime.types", "/tmp/atlas.json", "data/geo/x", "../README.md",
                 "https://example.org/work/x"]:
        assert not OUTSIDE.search(fine), fine


def test_no_tracked_file_cites_a_path_outside_the_repository():
    files = tracked_text_files()
    assert len(files) > 30
    found = [f"{name}:{text.count(chr(10), 0, m.start()) + 1}: {m.group()}"
             for name, text in files.items() for m in OUTSIDE.finditer(text)]
    found += [f"{name}: {ROOT}" for name, text in files.items() if str(ROOT) in text]
    assert found == [], "\n".join(found)
