"""samples/ rendered at a fixed date must match tests/golden/ byte for byte.

Regenerate on purpose, after checking the diff: pytest tests/test_golden.py --update-golden
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from briefgen.config import BriefingRequest, OutputFormat
from briefgen.pipeline import build_briefing
from briefgen.rendering import render, template_environment

from .conftest import GOLDEN, GOLDEN_DATE, ROOT


def _render_samples(fmt: OutputFormat) -> str:
    request = BriefingRequest(
        inputs=(Path("samples"),), briefing_date=GOLDEN_DATE, fmt=fmt, output=None
    )
    content = render(build_briefing(request).briefing, fmt, template_environment())
    assert isinstance(content, str)
    return content


@pytest.mark.parametrize("fmt", [OutputFormat.MD, OutputFormat.HTML, OutputFormat.JSON])
def test_samples_match_golden(
    fmt: OutputFormat, update_golden: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # sources appear as samples/<name>, as in the README
    actual = _render_samples(fmt)
    golden = GOLDEN / f"briefing.{fmt.value}"
    if update_golden:
        golden.write_text(actual, encoding="utf-8")
        return
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=str(golden),
                tofile="rendered now",
            )
        )
        pytest.fail(
            f"output differs from the golden file (regenerate with --update-golden "
            f"if intended):\n{diff}"
        )


def test_rendering_is_deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert _render_samples(OutputFormat.JSON) == _render_samples(OutputFormat.JSON)


def test_a_real_days_briefing_is_the_same_under_any_hash_seed(tmp_path: Path) -> None:
    # Set and dict orders of strings change with PYTHONHASHSEED from one process to the
    # next; nothing printed may follow them. A busy White House day (a summit's package,
    # countries in most texts) and the samples, in two processes.
    import json
    import os
    import subprocess
    import sys

    from .conftest import shared_file

    folder = tmp_path / "day"
    folder.mkdir()
    rows = shared_file("whitehouse", "whitehouse_briefing_room.jsonl").read_text("utf-8")
    for number, row in enumerate(
        r for r in map(json.loads, rows.splitlines()) if r["date"] == "2023-05-20"
    ):
        (folder / f"{number:02}.txt").write_text(f"{row['title']}\n\n{row['text']}\n", "utf-8")
    outputs = []
    for seed in ("1", "2"):
        output = tmp_path / f"briefing{seed}.json"
        command = [sys.executable, "-m", "briefgen", "brief", str(folder), str(ROOT / "samples")]
        subprocess.run(
            [*command, "--date", "2023-05-20", "-f", "json", "-o", str(output)],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
        )
        outputs.append(output.read_bytes())
    assert outputs[0] == outputs[1]
