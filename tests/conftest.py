"""Shared fixtures: paths to samples and the team's shared data, and --update-golden."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = ROOT / "tests" / "golden"
SHARED_DATA = ROOT.parent / "shared" / "data"
SEEDS = SHARED_DATA / "seeds"
# The date the golden files are rendered at; never today.
GOLDEN_DATE = date(2026, 11, 20)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/golden/ from samples/ instead of comparing (do it on purpose).",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def shared_file(*parts: str) -> Path:
    """A file of ../shared/data; the test is skipped where the team's data is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not found: {path}")
    return path
