"""The wheel carries the default templates and the language data (built offline)."""

from __future__ import annotations

import shutil
import subprocess
import sys
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
    assert "briefgen/py.typed" in names
    assert "briefgen/data/ranker.json" in names


def _fake_tools(folder: Path, uid: str) -> dict[str, str]:
    """A PATH of stand-ins: dpkg knows no package, id says ``uid``, no sudo exists."""
    folder.mkdir()
    scripts = {
        "dpkg": "exit 1",
        "apt-cache": "exit 1",
        "id": f'echo "{uid}"',
    }
    for name, body in scripts.items():
        tool = folder / name
        tool.write_text(f"#!/bin/sh\n{body}\n")
        tool.chmod(0o755)
    for name in ("dirname", "sed", "grep"):
        real = shutil.which(name)
        assert real
        (folder / name).symlink_to(real)
    (folder / "python3").symlink_to(sys.executable)
    return {"PATH": str(folder), "HOME": str(folder)}


def test_bootstrap_without_root_or_sudo_names_the_packages_to_ask_for(tmp_path: Path) -> None:
    env = _fake_tools(tmp_path / "bin", uid="1000")
    result = subprocess.run(
        ["/bin/bash", str(ROOT / "scripts" / "bootstrap.sh")],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1, result.stderr
    assert "ask an administrator to run:" in result.stderr
    assert (
        "apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 "
        "libharfbuzz-subset0 fonts-dejavu-core" in result.stderr
    )
    assert "creating the virtual environment" not in result.stderr  # nothing else done
