"""Other views of the Atlas's data, written to files from the validated data/ (one subcommand per view).

    python -m components.export sqlite atlas.db     # SQLite for Datasette, metadata.json beside it
    python -m components.export light DIR           # the light edition: static pages (no JavaScript)

Each view lives in its own module, which adds its subcommand with `add_command(commands)` (an argparse
subparsers object; the subcommand sets `run(args, atlas) -> str`, a line to print) and is listed in EXPORTERS.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from components.data import DataError, read_atlas

# the modules that add a subcommand, in the order `--help` lists them
EXPORTERS = (
    "components.export_sqlite",  # sqlite PATH
    "components.export_light",  # light DIR
)


def parser() -> argparse.ArgumentParser:
    """The command line, with every exporter's subcommand."""
    out = argparse.ArgumentParser(prog="python -m components.export", description=__doc__.split("\n")[0])
    out.add_argument("--data", metavar="DIR", help="data directory (default: ATLAS_DATA_DIR or data/)")
    commands = out.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in EXPORTERS:
        importlib.import_module(name).add_command(commands)
    return out


def main(argv: list[str] | None = None) -> int:
    """Validate the data, then run the chosen export; a data problem is reported line by line, not as a traceback."""
    args = parser().parse_args(argv)
    try:
        atlas = read_atlas(args.data)
    except DataError as exc:
        print(exc, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) in the data: nothing exported", file=sys.stderr)
        return 1
    print(args.run(args, atlas))
    return 0


if __name__ == "__main__":
    sys.exit(main())
