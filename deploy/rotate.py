"""Copy standard input to a log file, rotating it by size: FILE, FILE.1 ... FILE.KEEP, never more on disk.

    some-server 2>&1 | python deploy/rotate.py LOGFILE [--max-bytes N] [--keep K]

deploy/up.sh pipes each replica's output and nginx's logs through it, so no visitor, however many requests they
send, can fill the disk with log lines (at most (KEEP + 1) x MAX_BYTES per log). Python's standard library only.
It ends when its input closes, that is when the process writing to it stops.
"""

from __future__ import annotations

import argparse
import os
import sys

MAX_LINE = 8192  # bytes of one line kept; the rest of a longer line is dropped (a line is not a place for a file)


def rotate(path: str, keep: int) -> None:
    """FILE -> FILE.1 -> ... -> FILE.KEEP (the oldest dropped)."""
    for i in range(keep - 1, 0, -1):
        if os.path.exists(f"{path}.{i}"):
            os.replace(f"{path}.{i}", f"{path}.{i + 1}")
    if keep > 0 and os.path.exists(path):
        os.replace(path, f"{path}.1")
    elif os.path.exists(path):
        os.remove(path)


def copy(source, path: str, max_bytes: int, keep: int) -> None:
    """Copy lines from binary `source` to `path`, rotating before a line would take it past `max_bytes`."""
    out = open(path, "ab")
    size = out.tell()
    try:
        while True:
            line = source.readline(MAX_LINE)
            if not line:
                return
            if not line.endswith(b"\n"):  # a longer line: keep its first MAX_LINE bytes, drop the rest of it
                while (rest := source.readline(MAX_LINE)) and not rest.endswith(b"\n"):
                    pass
                line += b" [...]\n"
            if size and size + len(line) > max_bytes:
                out.close()
                rotate(path, keep)
                out = open(path, "ab")
                size = 0
            out.write(line)
            out.flush()
            size += len(line)
    finally:
        out.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--max-bytes", type=int, default=10_000_000)
    parser.add_argument("--keep", type=int, default=3)
    args = parser.parse_args(argv)
    copy(sys.stdin.buffer, args.file, max(args.max_bytes, 1024), max(args.keep, 0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
