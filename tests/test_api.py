"""briefgen as a Python library (issue #14): the README's example runs, a user's file that
calls the API passes ``mypy --strict``, and each function does what it says."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import briefgen
from briefgen.errors import BriefgenError, UsageError

from .conftest import ROOT, SAMPLES

DAY = datetime.date(2026, 11, 20)


def _readme_python_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Python API") :]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "README has no Python example under 'Python API'"
    return match.group(1)


def test_readme_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the example reads samples/ as a user in a clone would
    namespace: dict[str, object] = {}
    exec(compile(_readme_python_example(), "README.md", "exec"), namespace)
    assert isinstance(namespace["pdf"], bytes)
    assert namespace["pdf"].startswith(b"%PDF-")  # type: ignore[attr-defined]


def test_a_users_file_passes_mypy_strict(tmp_path: Path) -> None:
    user = tmp_path / "notebook.py"
    user.write_text(_readme_python_example(), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(user)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_py_typed_is_shipped() -> None:
    assert (Path(briefgen.__file__).parent / "py.typed").is_file()


def test_import_is_light() -> None:
    code = "import sys, briefgen; print('jinja2' in sys.modules, 'numpy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["False", "False"]


def test_summarize_text() -> None:
    text = (SAMPLES / "astana-water-forum.txt").read_text(encoding="utf-8")
    summary = briefgen.summarize_text(text, sentences=2)
    assert len(summary.sentences) == 2
    assert summary.document.title == "Astana hosts Central Asian forum on transboundary water"
    assert (
        briefgen.summarize_text(text, words=30).word_count <= 30
        or len(briefgen.summarize_text(text, words=30).sentences) == 1
    )
    titled = briefgen.summarize_text("Ministers agreed. They met in May.", title="Talks")
    assert titled.document.title == "Talks"
    with pytest.raises(UsageError):
        briefgen.summarize_text(text, sentences=0)
    with pytest.raises(BriefgenError):
        briefgen.summarize_text("   ")


def test_read_release_from_a_path_and_from_bytes() -> None:
    path = SAMPLES / "ru-tourism-council.txt"
    from_path = briefgen.read_release(path, date=DAY)
    from_bytes = briefgen.read_release(path.read_bytes(), date=DAY)
    assert from_path.paragraphs == from_bytes.paragraphs
    assert from_path.date == DAY  # "20 ноября" with the year inferred from the date given
    assert briefgen.read_release(path).date is None  # no date given: no year guessed
    html = (SAMPLES / "embassy-consular-service.html").read_bytes()
    assert briefgen.read_release(html, name="page.html").title


def test_build_briefing_mixes_paths_and_documents_and_warns_of_bad_files(
    tmp_path: Path,
) -> None:
    (tmp_path / "empty.txt").write_text("")
    document = briefgen.read_release(SAMPLES / "digital-silk-road.md")
    with pytest.warns(briefgen.BriefgenWarning, match="empty.txt: empty file"):
        briefing = briefgen.build_briefing(
            [SAMPLES / "astana-water-forum.txt", tmp_path, document], date=DAY, top=1
        )
    assert len(briefing.items) == 2
    assert briefing.sections[0].title == "Top stories"
    record = json.loads(briefgen.render(briefing, "json"))
    assert record["date"] == "2026-11-20"
    assert briefgen.render(briefing, "html").startswith("<!DOCTYPE html>")
    assert briefgen.render(briefing, "pdf").startswith(b"%PDF-")
    with (
        pytest.raises(BriefgenError, match="none of the inputs could be used"),
        pytest.warns(briefgen.BriefgenWarning, match="empty.txt: empty file"),
    ):
        briefgen.build_briefing([tmp_path], date=DAY)


def test_render_a_summary() -> None:
    summary = briefgen.summarize_text(
        "Talks on water\n\nMinisters agreed on a roadmap today. The plan covers five rivers.",
        sentences=1,
    )
    assert briefgen.render(summary, "text") == "Ministers agreed on a roadmap today.\n"
    assert json.loads(briefgen.render(summary, "json"))["summary"] == [
        "Ministers agreed on a roadmap today."
    ]


def test_the_cli_and_the_api_give_the_same_briefing() -> None:
    from typer.testing import CliRunner

    from briefgen.cli import app

    result = CliRunner().invoke(app, ["brief", str(SAMPLES), "--date", "2026-11-20"])
    briefing = briefgen.build_briefing([SAMPLES], date=DAY)
    assert result.stdout == briefgen.render(briefing, "md")


def test_build_briefing_takes_a_watch_list() -> None:
    briefing = briefgen.build_briefing([SAMPLES], date=DAY, watch=["Berlin"])
    assert briefing.items[0].watch == ("Berlin",)
    assert "<mark>Berlin</mark>" in briefgen.render(briefing, "html")
