"""The server's log lines: one short line each, and the same line at most once a minute, whatever a visitor sends.

A hostile-visitor test found two ways for one anonymous visitor to make the server's own logging the weak point:
- Streamlit logs an uncaught exception with its message, and formatted it through `rich`, whose highlighter is
  quadratic in the message's length (a 200,000-character widget value reached `pd.Period`, whose error repeats
  the value: 16,000 characters took 1.4 s, 200,000 minutes, and the whole server froze meanwhile).
  `.streamlit/config.toml` sets `[logger] enableRich = false`; this filter also cuts every message.
- A bogus download request over the websocket wrote a 1 KB traceback per 60-byte message (5.3 MB in 1.4 s).
So every record that reaches a Streamlit (or uvicorn) handler is rewritten to one line of at most MAX_LINE
characters, an exception as its type, a cut of its message and where it was raised, and a record like one
logged less than WINDOW_S seconds before is dropped and counted (the next one says how many were dropped).
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from pathlib import Path

MAX_LINE = 400  # characters of one log line
MAX_DETAIL = 160  # characters of an exception's own message within it
WINDOW_S = 60.0  # the same kind of line at most once a minute
MAX_KINDS = 2_000  # kinds remembered before the memory is cleared (a flood of distinct lines stays bounded)


def cut(text: object, limit: int) -> str:
    """`text` on one line, at most `limit` characters."""
    one_line = " ".join(str(text)[: limit * 4].split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


def _where(tb) -> list[str]:
    """The innermost frames of a traceback as `folder/file.py:line`, innermost last (three at most)."""
    frames = traceback.extract_tb(tb)[-3:] if tb is not None else []
    return [f"{Path(f.filename).parent.name}/{Path(f.filename).name}:{f.lineno}" for f in frames]


def exception_line(exc_info) -> str:
    """An exception in one line: `KeyError: 'x…' at a/b.py:10 < c/d.py:20` (no source lines, no locals)."""
    kind, value, tb = exc_info
    where = _where(tb)
    name = getattr(kind, "__name__", "Exception")
    return f"{name}: {cut(value, MAX_DETAIL)}" + (f" at {' < '.join(reversed(where))}" if where else "")


class ShortLines(logging.Filter):
    """Rewrites a record to one short line and drops the repeats of a kind of line within WINDOW_S seconds."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._last: dict[tuple, tuple[float, int]] = {}  # kind -> (time last written, repeats dropped since)

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "atlas_short", False):  # the same record reaching a second handler
            return True
        where = _where(record.exc_info[2])[-1:] if record.exc_info else []
        kind = (record.name, str(record.msg)[:120], record.exc_info[0] if record.exc_info else None, *where)
        now = time.monotonic()
        with self._lock:
            last, dropped = self._last.get(kind, (None, 0))
            if last is not None and now - last < WINDOW_S:
                self._last[kind] = (last, dropped + 1)
                return False
            if len(self._last) >= MAX_KINDS:
                self._last.clear()
            self._last[kind] = (now, 0)
        try:
            message = record.getMessage()
        except Exception:  # a record whose arguments do not fit its format: still one line
            message = f"{record.msg} {record.args}"
        line = cut(message, MAX_LINE)
        if record.exc_info:
            line = cut(f"{line} | {exception_line(record.exc_info)}", MAX_LINE)
        if dropped:
            line += f" ({dropped} more like this in the {WINDOW_S:.0f} s before, not logged)"
        record.msg, record.args, record.exc_info, record.exc_text, record.stack_info = line, None, None, None, None
        record.atlas_short = True
        return True


_FILTER = ShortLines()
_installed = False


def _guard(logger: logging.Logger) -> None:
    for handler in logger.handlers:
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)


def quiet_logs() -> None:
    """Put ShortLines on every handler of Streamlit's loggers, now and on those it makes later (once a process).

    NOTE: Streamlit gives each of its loggers its own handler and stops propagation (streamlit/logger.py), so a
    filter on the root logger would see none of them; its `setup_formatter` makes every new handler, so it is
    wrapped here to add the filter as well."""
    global _installed
    if _installed:
        return
    _installed = True
    import streamlit.logger as st_logger

    original = st_logger.setup_formatter

    def setup_formatter(logger: logging.Logger) -> None:
        original(logger)
        _guard(logger)

    st_logger.setup_formatter = setup_formatter
    for logger in [logging.getLogger(), *st_logger._loggers.values()]:
        _guard(logger)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "websockets"):
        _guard(logging.getLogger(name))
