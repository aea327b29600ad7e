"""The README's examples are run: every ``console`` block whose commands work on
``samples/`` is executed in a folder holding a copy of them, and its output compared, so
the README cannot drift from the program."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES

BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def console_blocks() -> list[tuple[str, list[tuple[str, str]]]]:
    """Each block as (its first command, [(command, expected output), ...])."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = []
    for match in BLOCK.finditer(readme):
        steps: list[tuple[str, list[str]]] = []
        for line in match.group(1).splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif steps:
                steps[-1][1].append(line)
        if steps and all(
            "samples/" in command or " out/" in command or command.startswith(("head ", "ls "))
            for command, _ in steps
        ):
            pairs = [(command, "\n".join(lines)) for command, lines in steps]
            blocks.append((steps[0][0], pairs))
    return blocks


BLOCKS = console_blocks()


def test_the_readme_has_examples_to_run() -> None:
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize("steps", [steps for _, steps in BLOCKS], ids=[i for i, _ in BLOCKS])
def test_readme_console_example(tmp_path: Path, steps: list[tuple[str, str]]) -> None:
    shutil.copytree(SAMPLES, tmp_path / "samples")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for command, expected in steps:
        result = subprocess.run(
            ["bash", "-c", command.split("  #")[0]],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        output = (result.stdout + result.stderr).rstrip()
        assert output == expected.rstrip(), f"$ {command}"
