"""Shared fixtures: paths, a scratch copy of data/ to break on purpose."""

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data directory."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
