"""The wheel carries the default templates and the language data (built offline)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


def test_wheel_contains_templates_and_stop_words(tmp_path: Path) -> None:
    wheel_builder = pytest.importorskip("hatchling.builders.wheel")
    builder = wheel_builder.WheelBuilder(str(ROOT))
    (wheel,) = builder.build(directory=str(tmp_path), versions=["standard"])
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in sorted((ROOT / "templates").iterdir()):
        assert f"briefgen/templates/{template.name}" in names
    for language in ("en", "ru", "kk"):
        assert f"briefgen/data/stopwords/{language}.txt" in names
    assert "briefgen/cli.py" in names
