"""Every command through Typer's CliRunner: help, happy paths, bad values, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen import __version__
from briefgen.cli import app
from briefgen.errors import ExitCode

from .conftest import SAMPLES

runner = CliRunner()
RELEASE = SAMPLES / "astana-water-forum.txt"
DATE = ["--date", "2026-11-20"]


def run(*args: str, input: bytes | str | None = None) -> object:
    return runner.invoke(app, [str(a) for a in args], input=input)


@pytest.mark.parametrize("command", [[], ["summarize"], ["brief"], ["batch"]])
def test_help_everywhere_with_examples(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")
    assert "Example" in result.stdout


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"briefgen {__version__}"


# --- summarize -----------------------------------------------------------------------


def test_summarize_prints_sentences() -> None:
    result = run("summarize", RELEASE, *DATE)
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 3
    assert lines[0].startswith("Ministers from five Central Asian states agreed")


def test_summarize_json_fields() -> None:
    result = run("summarize", RELEASE, "--format", "json", "-n", "2", *DATE)
    record = json.loads(result.stdout)
    assert {"source", "title", "date", "language", "method", "summary"} <= record.keys()
    assert record["source"] == str(RELEASE)
    assert record["date"] == "2026-11-19"
    assert record["language"] == "en"
    assert len(record["summary"]) == 2


def test_summarize_markdown_and_output_file(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    result = run("summarize", RELEASE, "-o", target, *DATE)
    assert result.exit_code == 0
    assert result.stdout == ""
    content = target.read_text(encoding="utf-8")
    assert content.startswith("# Astana hosts Central Asian forum on transboundary water")
    assert not list(tmp_path.glob(".*.tmp"))


def test_summarize_reads_stdin() -> None:
    text = "Talks in Astana\n\nThe ministers met on Monday. They agreed on trade. They left."
    result = run("summarize", "-", "-n", "1", "--format", "json", *DATE, input=text.encode())
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["source"] == "-"
    assert record["title"] == "Talks in Astana"
    assert record["summary"] == ["The ministers met on Monday."]


@pytest.mark.parametrize(
    "method",
    [
        "newslead",
        "lead",
        "lexrank",
        "textrank",
        "lsa",
        "luhn",
        "kl",
        "sumbasic",
        "edmundson",
        "reduction",
    ],
)
def test_summarize_every_method(method: str) -> None:
    result = run("summarize", RELEASE, "--method", method, "-n", "2", *DATE)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.strip().split("\n")) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--method", "magic"], "Invalid value for '--method'"),
        (["--format", "docx"], "Invalid value for '--format'"),
        (["--sentences", "0"], "Invalid value for '--sentences'"),
        (["--ratio", "2"], "--ratio must be above 0"),
        (["--ratio", "0.5", "--words", "20"], "not both"),
        (["--words", "0"], "Invalid value for '--words'"),
        (["--language", "fr"], "Invalid value for '--language'"),
        (["--date", "20-11-2026"], "Invalid value for '--date'"),
        (["-o", "summary.docx"], "cannot tell the format"),
    ],
)
def test_summarize_bad_values_are_usage_errors(args: list[str], message: str) -> None:
    result = run("summarize", RELEASE, *args)
    assert result.exit_code == ExitCode.USAGE
    assert message in result.stderr


@pytest.mark.parametrize(
    ("content", "cause"),
    [(None, "no such file"), (b"", "empty file"), (b"\x89PNG\r\n\x1a\n\x00", "PNG")],
)
def test_summarize_bad_input_is_one_line(tmp_path: Path, content: bytes | None, cause: str) -> None:
    path = tmp_path / "release.txt"
    if content is not None:
        path.write_bytes(content)
    result = run("summarize", path)
    assert result.exit_code == ExitCode.NO_USABLE_INPUT
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1
    assert str(path) in lines[0]
    assert cause in lines[0]
    assert "Traceback" not in result.output


def test_debug_shows_the_exception(tmp_path: Path) -> None:
    result = run("summarize", tmp_path / "missing.txt", "--debug")
    assert result.exit_code != 0
    assert result.exception is not None
    assert "no such file" in str(result.exception)


# --- brief ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "start"),
    [
        (".md", b"# Daily briefing"),
        (".html", b"<!DOCTYPE html>"),
        (".json", b"{"),
        (".pdf", b"%PDF-"),
    ],
)
def test_brief_format_follows_the_extension(tmp_path: Path, suffix: str, start: bytes) -> None:
    target = tmp_path / f"briefing{suffix}"
    result = run("brief", SAMPLES, *DATE, "-o", target)
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(start)


def test_brief_json_to_stdout_with_title_and_date_filter() -> None:
    result = run(
        "brief",
        SAMPLES,
        *DATE,
        "--format",
        "json",
        "--title",
        "Morning brief",
        "--since",
        "2026-11-20",
    )
    assert result.exit_code == 0, result.output
    briefing = json.loads(result.stdout)
    assert briefing["title"] == "Morning brief"
    assert briefing["date"] == "2026-11-20"
    assert briefing["items"]
    assert all(item["date"] == "2026-11-20" for item in briefing["items"])


def test_brief_until_and_mixed_inputs() -> None:
    result = run(
        "brief",
        SAMPLES / "astana-water-forum.txt",
        SAMPLES / "digital-silk-road.md",
        *DATE,
        "--format",
        "json",
        "--until",
        "2026-11-19",
    )
    items = json.loads(result.stdout)["items"]
    assert [item["source"] for item in items] == [str(SAMPLES / "astana-water-forum.txt")]


def test_brief_since_after_until_is_a_usage_error() -> None:
    result = run("brief", SAMPLES, "--since", "2026-11-20", "--until", "2026-11-19")
    assert result.exit_code == ExitCode.USAGE


def test_brief_with_a_bad_file_lists_it_and_still_writes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(RELEASE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x1f\x8b\x08\x00compressed")
    target = tmp_path / "briefing.md"
    result = run("brief", folder, *DATE, "-o", target)
    assert result.exit_code == ExitCode.SOME_INPUTS_FAILED
    assert "bad.txt: binary file (a gzip-compressed file)" in result.stderr
    assert "Astana hosts" in target.read_text(encoding="utf-8")


def test_brief_with_no_usable_input_keeps_the_old_output(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("   \n")
    target = tmp_path / "briefing.md"
    target.write_text("yesterday's briefing")
    result = run("brief", bad, *DATE, "-o", target)
    assert result.exit_code == ExitCode.NO_USABLE_INPUT
    assert "only whitespace" in result.stderr
    assert target.read_text() == "yesterday's briefing"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "briefing.md"]


def test_brief_missing_input_and_empty_folder(tmp_path: Path) -> None:
    result = run("brief", tmp_path / "nowhere")
    assert result.exit_code == ExitCode.NO_USABLE_INPUT
    assert "no such file" in result.stderr
    result = run("brief", tmp_path)
    assert result.exit_code == ExitCode.NO_USABLE_INPUT
    assert "no supported files" in result.stderr


def test_brief_template_dir(tmp_path: Path) -> None:
    (tmp_path / "briefing.md.j2").write_text("{{ briefing.items | length }} items\n")
    result = run("brief", SAMPLES, *DATE, "--template-dir", tmp_path)
    assert result.stdout == "6 items\n"


# --- batch ---------------------------------------------------------------------------


def test_batch_one_output_per_release(tmp_path: Path) -> None:
    result = run("batch", SAMPLES, "-o", tmp_path, "--format", "md", "--workers", "1", *DATE)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(f"{p.stem}.md" for p in SAMPLES.iterdir())


def test_batch_by_date(tmp_path: Path) -> None:
    result = run("batch", SAMPLES, "-o", tmp_path, "--by-date", "-f", "json", *DATE)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "briefing-2026-11-19.json",
        "briefing-2026-11-20.json",
    ]
    day = json.loads((tmp_path / "briefing-2026-11-19.json").read_text(encoding="utf-8"))
    assert day["date"] == "2026-11-19"
    assert {item["date"] for item in day["items"]} == {"2026-11-19"}


def test_batch_pdf(tmp_path: Path) -> None:
    result = run(
        "batch",
        SAMPLES / "kk-education-grants.txt",
        SAMPLES / "ru-tourism-council.txt",
        "-o",
        tmp_path,
        *DATE,
    )
    assert result.exit_code == 0, result.output
    for name in ("kk-education-grants.pdf", "ru-tourism-council.pdf"):
        assert (tmp_path / name).read_bytes().startswith(b"%PDF-")


def test_batch_is_the_same_with_one_or_two_workers(tmp_path: Path) -> None:
    outputs = []
    for workers in ("1", "2"):
        folder = tmp_path / workers
        result = run("batch", SAMPLES, "-o", folder, "-f", "json", "--workers", workers, *DATE)
        assert result.exit_code == 0, result.output
        outputs.append({p.name: p.read_bytes() for p in folder.iterdir()})
    assert outputs[0] == outputs[1]


def test_batch_keeps_going_past_a_bad_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(RELEASE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.txt").write_text("")
    (folder / "c.md").write_text(
        (SAMPLES / "digital-silk-road.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    out = tmp_path / "out"
    result = run("batch", folder, "-o", out, "-f", "md", *DATE)
    assert result.exit_code == ExitCode.SOME_INPUTS_FAILED
    assert sorted(p.name for p in out.iterdir()) == ["a.md", "c.md"]
    assert "1 of 3 input(s) failed" in result.stderr
    assert "b.txt: empty file" in result.stderr


def test_batch_names_never_collide(tmp_path: Path) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "release.txt").write_text(
            RELEASE.read_text(encoding="utf-8"), encoding="utf-8"
        )
    out = tmp_path / "out"
    result = run("batch", tmp_path / "x", tmp_path / "y", "-o", out, "-f", "md", *DATE)
    assert result.exit_code == 0
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 2
    assert all(re.fullmatch(r"release-[0-9a-f]{8}\.md", name) for name in names)


def test_batch_bad_values(tmp_path: Path) -> None:
    assert run("batch", SAMPLES, "-o", tmp_path, "--workers", "0").exit_code == ExitCode.USAGE
    assert run("batch", SAMPLES).exit_code == ExitCode.USAGE  # -o is required
    assert run("batch", SAMPLES, "-o", tmp_path, "-f", "txt").exit_code == ExitCode.USAGE
