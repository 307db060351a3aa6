"""The server's logs: one short line per record, repeats dropped, rotation by size (components/logs.py, deploy/)."""

from __future__ import annotations

import io
import logging
import subprocess
import sys

import pytest

from components import logs
from tests.conftest import ROOT


def record(msg: str, *args, exc: BaseException | None = None, name: str = "streamlit.x") -> logging.LogRecord:
    exc_info = None
    if exc is not None:
        try:
            raise exc
        except BaseException:  # noqa: BLE001 - to get a real traceback
            exc_info = sys.exc_info()
    return logging.LogRecord(name, logging.ERROR, __file__, 1, msg, args, exc_info)


def emitted(flt: logs.ShortLines, rec: logging.LogRecord) -> str | None:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(flt)
    handler.handle(rec)
    return out.getvalue() or None


@pytest.mark.parametrize("size", [100, 16_000, 200_000])
def test_a_long_exception_is_one_short_line(size):
    text = emitted(logs.ShortLines(), record("Uncaught app execution", exc=ValueError("x" * size)))
    assert text.count("\n") == 1 and len(text) <= logs.MAX_LINE + 80, len(text)
    assert "ValueError" in text and "test_logs.py" in text  # what and where, not the whole value


def test_a_repeated_kind_of_line_is_written_once_then_counted(monkeypatch):
    flt, clock = logs.ShortLines(), [1000.0]
    monkeypatch.setattr(logs.time, "monotonic", lambda: clock[0])
    lines = [emitted(flt, record("Error executing deferred callable for file_id %s", f"bogus-{i}", exc=KeyError(i)))
             for i in range(500)]
    assert sum(line is not None for line in lines) == 1  # 500 bogus download requests, one line
    clock[0] += logs.WINDOW_S + 1
    later = emitted(flt, record("Error executing deferred callable for file_id %s", "again", exc=KeyError("x")))
    assert later and "499 more like this" in later


def test_different_kinds_of_lines_each_get_through():
    flt = logs.ShortLines()
    assert emitted(flt, record("first %s", 1)) and emitted(flt, record("second %s", 2))


def test_rotate_keeps_each_log_under_its_size(tmp_path):
    log = tmp_path / "replica.log"
    lines = b"".join(b"line %06d " % i + b"x" * 80 + b"\n" for i in range(3000)) + b"y" * 50_000 + b"\n"
    subprocess.run([sys.executable, str(ROOT / "deploy" / "rotate.py"), str(log), "--max-bytes", "20000",
                    "--keep", "2"], input=lines, check=True, timeout=30)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["replica.log", "replica.log.1", "replica.log.2"], files
    assert all(p.stat().st_size <= 20_000 for p in tmp_path.iterdir())
    assert (tmp_path / "replica.log").read_bytes().endswith(b" [...]\n")  # the 50 kB line, cut


def test_a_picture_with_glyphs_the_font_lacks_logs_nothing():
    """A title full of characters the font lacks (a visitor's search goes into a timeline picture's title): without
    the filter matplotlib warns once per glyph (the control), with it not at all."""
    import warnings

    from components import images
    from components.data import read_geojson
    from tests.test_story import CREDIT

    picture = images.MapPicture("Title " + "".join(chr(c) for c in range(0x1F600, 0x1F640)), "", {}, [], CREDIT,
                                None, frozenset())
    for quiet in (False, True):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if quiet:
                images.quiet_missing_glyphs()
            images.build_map_image(read_geojson(), picture, "svg")
        glyphs = [w for w in caught if "missing from font" in str(w.message)]
        assert (len(glyphs) == 0) if quiet else (len(glyphs) >= 1), len(glyphs)
