"""Nothing lost, nothing leaked, nothing hangs: the failures hostile testing found (issue
#17), one test or more each, and a property test over random folders."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.config import Method, SummaryOptions
from briefgen.errors import ExitCode
from briefgen.metadata import extract_title
from briefgen.models import Document
from briefgen.pipeline import output_names, worker_count
from briefgen.summarize import summarize

from .conftest import SAMPLES, copies_of_a_release, popen_batch, wait_for_outputs

runner = CliRunner()
DATE = ["--date", "2026-11-20"]
BODY = (
    "The Ministry of Foreign Affairs held a briefing for the diplomatic corps on Monday. "
    "The ministers discussed trade, transport and water. Both sides agreed to meet in May."
)


def _release(path: Path, title: str = "Talks on water", body: str = BODY) -> Path:
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


def _one_line(text: str) -> str:
    lines = text.strip().split("\n")
    assert len(lines) == 1, lines
    assert "Traceback" not in text
    return lines[0]


def _checksums(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


# --- 1. an output is never one of the inputs -----------------------------------------


def test_summarize_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    release = _release(tmp_path / "r.txt")
    before = release.read_bytes()
    result = runner.invoke(app, ["summarize", str(release), "-o", str(release), *DATE])
    assert result.exit_code == ExitCode.USAGE
    assert f"output would overwrite an input: {release}" in _one_line(result.stderr)
    assert release.read_bytes() == before


def test_brief_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    release = tmp_path / "r.md"
    release.write_text(f"---\ntitle: Talks\n---\n{BODY}\n", encoding="utf-8")
    before = release.read_bytes()
    result = runner.invoke(app, ["brief", str(release), "-o", str(release), *DATE])
    assert result.exit_code == ExitCode.USAGE
    assert "output would overwrite an input" in _one_line(result.stderr)
    assert release.read_bytes() == before


def test_brief_into_its_input_folder_does_not_read_its_own_briefing(tmp_path: Path) -> None:
    shutil.copytree(SAMPLES, tmp_path / "in")
    target = tmp_path / "in" / "briefing.md"
    for _ in range(2):
        result = runner.invoke(app, ["brief", str(tmp_path / "in"), "-o", str(target), *DATE])
        assert result.exit_code == 0, result.output
    assert "6 releases" in target.read_text(encoding="utf-8")


def test_batch_into_its_input_folder_is_refused(tmp_path: Path) -> None:
    shutil.copytree(SAMPLES, tmp_path / "in")
    before = _checksums(tmp_path / "in")
    folder = str(tmp_path / "in")
    result = runner.invoke(app, ["batch", folder, "-o", folder, "-f", "md", "--force", *DATE])
    assert result.exit_code == ExitCode.USAGE
    assert "the output folder is an input folder" in _one_line(result.stderr)
    assert _checksums(tmp_path / "in") == before


def test_batch_output_inside_the_input_folder_is_not_read_back(tmp_path: Path) -> None:
    shutil.copytree(SAMPLES, tmp_path / "in")
    out = tmp_path / "in" / "out"
    args = ["batch", str(tmp_path / "in"), "-o", str(out), "-f", "md", "--force", *DATE]
    for _ in range(2):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "wrote 6 file(s)" in result.stderr
    assert len(list(out.iterdir())) == 6


def test_eval_refuses_to_overwrite_its_data(tmp_path: Path) -> None:
    data = tmp_path / "data.jsonl"
    data.write_text(json.dumps({"text": BODY, "summary": "Talks."}) + "\n", encoding="utf-8")
    before = data.read_bytes()
    result = runner.invoke(app, ["eval", str(data), "--predictions", str(data)])
    assert result.exit_code == ExitCode.USAGE
    assert "output would overwrite an input" in _one_line(result.stderr)
    assert data.read_bytes() == before


# --- 2. links that leave a folder are not followed -----------------------------------


def test_a_link_leaving_the_folder_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:TOP-SECRET-PASSWORD-LINE\n")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _release(inbox / "good.txt")
    (inbox / "notes.txt").symlink_to(secret)
    (inbox / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    (inbox / "inside.txt").symlink_to(inbox / "good.txt")  # stays inside: a copy, read once
    target = tmp_path / "briefing.md"
    result = runner.invoke(app, ["brief", str(inbox), "-o", str(target), *DATE])
    assert result.exit_code == ExitCode.SOME_INPUTS_FAILED
    assert "TOP-SECRET" not in target.read_text(encoding="utf-8")
    assert "notes.txt: symbolic link leaving its folder; not followed" in result.stderr
    assert "elsewhere: symbolic link leaving its folder" in result.stderr


def test_a_link_named_on_the_command_line_is_followed(tmp_path: Path) -> None:
    real = _release(tmp_path / "real.txt", title="Linked release")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    result = runner.invoke(app, ["summarize", str(link), "-f", "md", *DATE])
    assert result.exit_code == 0
    assert "Linked release" in result.stdout


# --- 3, 4. front matter: a bad date or an alias bomb fails that file only --------------


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ("date: 2026-02-30", "invalid value in front matter"),
        ("date: 2026-13-01", "invalid value in front matter"),
        (
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n"
            "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e]\n"
            "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g]\n"
            "title: [*h, *h, *h, *h, *h, *h, *h, *h, *h]",
            "YAML aliases are not allowed",
        ),
    ],
    ids=["february-30", "month-13", "alias-bomb"],
)
def test_bad_front_matter_fails_that_file_only(
    tmp_path: Path, front_matter: str, message: str
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _release(inbox / "good.txt")
    (inbox / "bad.md").write_text(f"---\n{front_matter}\n---\n{BODY}\n", encoding="utf-8")
    target = tmp_path / "briefing.md"
    result = runner.invoke(app, ["brief", str(inbox), "-o", str(target), *DATE])
    assert result.exit_code == ExitCode.SOME_INPUTS_FAILED, result.output
    assert f"{inbox / 'bad.md'}: {message}" in result.stderr
    assert "Talks on water" in target.read_text(encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(inbox), "-o", str(out), "-f", "md", *DATE])
    assert result.exit_code == ExitCode.SOME_INPUTS_FAILED
    assert message in result.stderr


# --- 5. titles: cost does not grow with the square of their length -------------------


@pytest.mark.parametrize("unit", ["T | x", " "])
def test_long_titles_cost_little(unit: str) -> None:
    def seconds(repeats: int) -> float:
        title = unit * repeats + "Title"
        start = time.perf_counter()
        extract_title(["Body text of the release, long enough to be a sentence."], title)
        return time.perf_counter() - start

    small, large = min(seconds(2_000) for _ in range(3)), min(seconds(50_000) for _ in range(3))
    assert large < max(25 * small, 0.05)  # 25x the input: quadratic would be 625x


# --- 6. pipes, devices and size -------------------------------------------------------


def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["summarize", str(fifo), *DATE])
    assert result.exit_code == ExitCode.NO_USABLE_INPUT
    assert "not a regular file (a named pipe)" in _one_line(result.stderr)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _release(inbox / "good.txt")
    os.mkfifo(inbox / "pipe.txt")
    result = runner.invoke(app, ["brief", str(inbox), *DATE])
    assert result.exit_code == ExitCode.SOME_INPUTS_FAILED
    assert "pipe.txt: not a regular file (a named pipe)" in result.stderr


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    result = runner.invoke(app, ["summarize", str(link), *DATE])
    assert result.exit_code == ExitCode.NO_USABLE_INPUT
    assert "not a regular file (a device)" in _one_line(result.stderr)


def test_oversized_input_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("briefgen.ingest.MAX_INPUT_BYTES", 10_000)
    big = tmp_path / "big.txt"
    with big.open("wb") as stream:  # sparse: 2 GB on paper, nothing on disk
        stream.truncate(2 * 1024**3)
    result = runner.invoke(app, ["summarize", str(big), *DATE])
    assert result.exit_code == ExitCode.NO_USABLE_INPUT
    assert "larger than" in _one_line(result.stderr)
    result = runner.invoke(app, ["summarize", "-", *DATE], input=BODY * 100)
    assert result.exit_code == ExitCode.NO_USABLE_INPUT
    assert "-: larger than" in _one_line(result.stderr)


def test_eval_reads_no_further_than_its_limit_and_refuses_pipes(tmp_path: Path) -> None:
    data = tmp_path / "data.jsonl"
    row = json.dumps({"text": BODY, "summary": "The ministers discussed trade."})
    data.write_text(row + "\n{not json\n", encoding="utf-8")
    assert runner.invoke(app, ["eval", str(data), "--limit", "1"]).exit_code == 0
    fifo = tmp_path / "rows.jsonl"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["eval", str(fifo)])
    assert result.exit_code == ExitCode.NO_USABLE_INPUT
    assert "not a regular file" in _one_line(result.stderr)


# --- 7. resume never skips a release whose name another release had ------------------


def test_resume_writes_a_new_release_with_a_clashing_name(tmp_path: Path) -> None:
    _release((tmp_path / "x").mkdir() or tmp_path / "x" / "a.txt", title="First release")
    out = tmp_path / "out"
    args = ["batch", str(tmp_path / "x"), str(tmp_path / "y"), "-o", str(out), "-f", "md", *DATE]
    (tmp_path / "y").mkdir()
    _release(tmp_path / "y" / "other.txt", title="Other release")
    assert runner.invoke(app, args).exit_code == 0
    time.sleep(0.01)
    _release(tmp_path / "y" / "a.txt", title="Second release")  # added later, same name
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    texts = [p.read_text(encoding="utf-8") for p in out.iterdir()]
    assert any("Second release" in text for text in texts)
    assert any("First release" in text for text in texts)


def test_output_names_do_not_depend_on_other_inputs(tmp_path: Path) -> None:
    one, two = tmp_path / "x" / "a.txt", tmp_path / "y" / "a.txt"
    assert output_names([one, tmp_path / "b.txt"]) == ["a", "b"]
    clashing = output_names([one, two])
    assert clashing == output_names([one, two, tmp_path / "c.txt"])[:2]
    assert len(set(clashing)) == 2


# --- 8. devices, pipes and links as the output ---------------------------------------


def test_output_to_dev_null_writes_in_place() -> None:
    result = runner.invoke(app, ["brief", str(SAMPLES), "-o", "/dev/null", "-f", "md", *DATE])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_output_to_a_named_pipe_is_written_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "briefing.md"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = runner.invoke(app, ["brief", str(SAMPLES), "-o", str(fifo), *DATE])
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received[0].startswith(b"# Daily briefing")


def test_output_through_a_link_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("yesterday")
    link = tmp_path / "latest.md"
    link.symlink_to(real)
    assert runner.invoke(app, ["brief", str(SAMPLES), "-o", str(link), *DATE]).exit_code == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("# Daily briefing")


# --- 9. permissions -------------------------------------------------------------------


@contextlib.contextmanager
def _umask(mask: int) -> Iterator[None]:
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


def test_a_replaced_file_keeps_its_mode_and_a_new_one_follows_the_umask(tmp_path: Path) -> None:
    private = tmp_path / "private.md"
    private.write_text("yesterday")
    private.chmod(0o600)
    assert runner.invoke(app, ["brief", str(SAMPLES), "-o", str(private), *DATE]).exit_code == 0
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    with _umask(0o077):
        new = tmp_path / "new.md"
        state = tmp_path / "state.json"
        args = ["brief", str(SAMPLES), "-o", str(new), "--new-only", "--state", str(state)]
        assert runner.invoke(app, [*args, *DATE]).exit_code == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o600
    assert stat.S_IMODE(state.stat().st_mode) == 0o600


# --- 10. SIGTERM ----------------------------------------------------------------------


@pytest.mark.parametrize("to_group", [False, True], ids=["main-process", "process-group"])
def test_sigterm_stops_a_batch_like_ctrl_c(tmp_path: Path, to_group: bool) -> None:
    inputs = copies_of_a_release(tmp_path / "in")
    out = tmp_path / "out"
    process = popen_batch(inputs, out, "2")
    wait_for_outputs(out)
    if to_group:
        os.killpg(process.pid, signal.SIGTERM)
    else:
        process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == ExitCode.TERMINATED, stderr
    assert b"terminated" in stderr
    with contextlib.suppress(ProcessLookupError):  # no worker is left behind
        time.sleep(0.5)
        os.killpg(process.pid, 0)
        pytest.fail("a worker process outlived the batch")
    assert not [p for p in out.iterdir() if p.suffix != ".html"]
    for path in out.glob("*.html"):
        assert path.read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_stale_temporary_files_are_removed_by_the_next_run(tmp_path: Path) -> None:
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = int(finished.stdout)
    stale = tmp_path / f".briefgen-{dead}-0123456789abcdef.tmp"
    stale.write_text("half a briefing")
    live = tmp_path / f".briefgen-{os.getppid()}-0123456789abcdef.tmp"
    live.write_text("another run's briefing, being written")
    target = tmp_path / "briefing.md"
    assert runner.invoke(app, ["brief", str(SAMPLES), "-o", str(target), *DATE]).exit_code == 0
    assert not stale.exists()
    assert live.exists()


# --- 11. templates are sandboxed and stay in their folder ----------------------------


def test_a_template_cannot_run_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    received = tmp_path / "received"
    (received / "tpl").mkdir(parents=True)
    marker = tmp_path / "pwned"
    (received / "tpl" / "briefing.md.j2").write_text(
        "{{ cycler.__init__.__globals__.os.system('touch " + str(marker) + "') }}"
    )
    (received / "briefgen.toml").write_text('template_dir = "tpl"\n')
    _release(received / "r.txt")
    monkeypatch.chdir(received)
    result = runner.invoke(app, ["brief", ".", *DATE])
    assert result.exit_code == ExitCode.ERROR
    assert "template error" in _one_line(result.stderr)
    assert not marker.exists()


def test_a_template_link_leaving_its_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.j2"
    outside.write_text("{{ briefing.title }}")
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "briefing.md.j2").symlink_to(outside)
    result = runner.invoke(app, ["brief", str(SAMPLES), "--template-dir", str(folder), *DATE])
    assert result.exit_code == ExitCode.ERROR
    assert "links outside its folder" in _one_line(result.stderr)


# --- 12. every error one line, naming the file ---------------------------------------


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b"5", "line 1: a JSON int, not an object"),
        (b'"a string"', "line 1: a JSON str, not an object"),
        (b'{"documents": 5, "summary": "x"}', "line 1: 'documents' is not a list of texts"),
        (b'{"text": "caf\xe9", "summary": "x"}'.replace(b"\\xe9", b"\xe9"), "line 1: not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "line 1:"),
    ],
    ids=["number", "string", "documents-5", "latin-1", "deep"],
)
def test_eval_rows_fail_on_one_line_naming_file_and_line(
    tmp_path: Path, line: bytes, message: str
) -> None:
    data = tmp_path / "data.jsonl"
    data.write_bytes(line + b"\n")
    result = runner.invoke(app, ["eval", str(data)])
    assert result.exit_code == ExitCode.NO_USABLE_INPUT
    assert f"{data}: {message}" in _one_line(result.stderr)


def test_configuration_errors_and_toml_dates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefgen.toml").write_bytes(b'title = "Caf\xe9"\n')
    result = runner.invoke(app, ["brief", str(SAMPLES), *DATE])
    assert result.exit_code == ExitCode.USAGE
    assert "briefgen.toml: not UTF-8" in _one_line(result.stderr)
    (tmp_path / "briefgen.toml").write_text(
        'since = 2026-11-20\ndate = "2026-11-20"\nformat = "json"\n'
    )
    result = runner.invoke(app, ["brief", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["date"] == "2026-11-20"
    assert all(item["date"] == "2026-11-20" for item in record["items"])


def test_a_very_deep_folder_tree(tmp_path: Path) -> None:
    folder = tmp_path / "deep"
    current = folder
    folder.mkdir()
    for _ in range(1_500):  # one by one: os.makedirs recurses as deep
        current = current / "d"
        current.mkdir()
    _release(current / "deep.txt", title="Deep release")
    try:
        result = runner.invoke(app, ["brief", str(folder), *DATE])
        assert result.exit_code == 0, result.output
        assert "Deep release" in result.stdout
    finally:  # shutil.rmtree (pytest's clean-up) recurses as deep: take it down level by level
        (current / "deep.txt").unlink()
        while current != tmp_path:
            current.rmdir()
            current = current.parent


def test_names_with_control_characters_are_printed_escaped(tmp_path: Path) -> None:
    bad = tmp_path / "evil\n\x1b[31mname.txt"
    bad.write_bytes(b"")
    result = runner.invoke(app, ["summarize", str(bad), *DATE])
    assert result.exit_code == ExitCode.NO_USABLE_INPUT
    line = _one_line(result.stderr)
    assert "\x1b" not in line
    assert "evil\\n\\x1b[31mname.txt: empty file" in line


@pytest.mark.parametrize(
    "args",
    [
        ["summarize", "r.txt", "--sentences", "many"],
        ["batch", "in", "-o", "out", "--workers", "0"],
        ["brief", "in", "--no-such-option"],
        ["brief", "in", "--date", "20-11-2026"],
    ],
)
def test_bad_option_values_are_one_line_and_a_hint(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == ExitCode.USAGE
    line = _one_line(result.stderr)
    assert line.startswith("briefgen: ")
    assert line.endswith(f"(see 'briefgen {args[0]} --help')")


# --- 13. state ------------------------------------------------------------------------


def test_a_state_that_cannot_be_written_leaves_no_briefing(tmp_path: Path) -> None:
    target = tmp_path / "briefing.md"
    state = tmp_path / "missing" / "state.json"
    args = ["brief", str(SAMPLES), "-o", str(target), "--new-only", "--state", str(state)]
    result = runner.invoke(app, [*args, *DATE])
    assert result.exit_code == ExitCode.ERROR
    assert "cannot lock the state file" in _one_line(result.stderr)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"version": 1, "seen": [1, 2, 3]}, "not a briefgen state file"),
        ({"version": 1, "seen": "abc"}, "not a briefgen state file"),
        ({"version": 99, "seen": []}, "state file version 99"),
        ([1, 2], "not a briefgen state file"),
    ],
)
def test_a_bad_state_file_is_one_line_and_kept(
    tmp_path: Path, record: object, message: str
) -> None:
    state = tmp_path / "state.json"
    state.write_text(json.dumps(record))
    before = state.read_bytes()
    args = ["brief", str(SAMPLES), "--new-only", "--state", str(state), *DATE]
    result = runner.invoke(app, args)
    assert result.exit_code == ExitCode.NO_USABLE_INPUT
    assert message in _one_line(result.stderr)
    assert state.read_bytes() == before


def test_concurrent_new_only_runs_remember_every_release(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    releases = []
    for index in range(8):
        releases.append(
            _release(tmp_path / f"r{index}.txt", title=f"Release {index}", body=f"{BODY} {index}.")
        )
    processes = [
        subprocess.Popen(
            [
                *(sys.executable, "-m", "briefgen", "brief", str(path), "--new-only"),
                *("--state", str(state), "-o", str(tmp_path / f"b{index}.md"), *DATE),
            ],
            stderr=subprocess.PIPE,
        )
        for index, path in enumerate(releases)
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr
    assert len(json.loads(state.read_text())["seen"]) == 8


# --- 14. limits -----------------------------------------------------------------------


def test_workers_are_capped_by_tasks_and_cores() -> None:
    assert worker_count(1000, 6) == min(6, 4 * (os.cpu_count() or 1))
    assert worker_count(1000, 10_000) == 4 * (os.cpu_count() or 1)
    assert worker_count(3, 0) == 1


@pytest.mark.parametrize("method", [Method.LEXRANK, Method.KL, Method.SUMBASIC])
def test_dense_methods_rank_a_bounded_number_of_sentences(
    method: Method, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("briefgen.summarize.MAX_RANKED_SENTENCES", 40)
    sentences = [f"Sentence number {i} talks about water and trade item {i}." for i in range(200)]
    document = Document("big.txt", "Big", "en", tuple(sentences))
    summary = summarize(document, SummaryOptions(method=method, sentences=2))
    assert len(summary.scores) == 40
    assert summary.notes == ("only the first 40 of 200 sentences were ranked",)
    assert set(summary.sentences) <= set(sentences[:40])


def test_a_long_output_name(tmp_path: Path) -> None:
    target = tmp_path / ("b" * 248 + ".md")
    result = runner.invoke(app, ["brief", str(SAMPLES), "-o", str(target), *DATE])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("# Daily briefing")


# --- the whole: random folders of good, bad and linked files -------------------------

_BAD_FILES: dict[str, bytes] = {
    "empty.txt": b"",
    "blank.txt": b"  \n\n ",
    "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(64),
    "nul.txt": b"text\x00text",
    "date.md": b"---\ndate: 2026-02-30\n---\nBody of a release with a bad date in it.\n",
    "scripts.html": b"<html><body><script>x()</script></body></html>",
}


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    goods=st.integers(min_value=1, max_value=4),
    bads=st.lists(st.sampled_from(sorted(_BAD_FILES)), unique=True, max_size=4),
    link_out=st.booleans(),
    nested=st.booleans(),
)
def test_property_brief_over_mixed_folders(
    tmp_path: Path, goods: int, bads: list[str], link_out: bool, nested: bool
) -> None:
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    inbox = root / "inbox"
    (inbox / "sub").mkdir(parents=True)
    secret = root / "secret.txt"
    secret.write_text("SECRET-OUTSIDE-THE-FOLDER " * 5)
    samples = sorted(SAMPLES.glob("*.txt"))  # distinct stories: none merges with another
    good_files = []
    for index, sample in enumerate(samples[:goods]):
        folder = inbox / "sub" if nested and index % 2 else inbox
        good_files.append(folder / f"good{index}.txt")
        shutil.copyfile(sample, good_files[-1])
    for name in bads:
        (inbox / name).write_bytes(_BAD_FILES[name])
    if link_out:
        (inbox / "link.txt").symlink_to(secret)
    before = _checksums(root)
    target = root / "out" / "briefing.json"
    target.parent.mkdir()
    result = runner.invoke(app, ["brief", str(inbox), "-o", str(target), *DATE])
    expected_failures = len(bads) + link_out
    assert result.exit_code == (ExitCode.SOME_INPUTS_FAILED if expected_failures else 0)
    text = target.read_text(encoding="utf-8")
    sources = {source for item in json.loads(text)["items"] for source in item["sources"]}
    assert sources == {str(path) for path in good_files}
    assert "SECRET" not in text
    failed = [line for line in result.stderr.splitlines() if line.startswith("  ")]
    assert len(failed) == expected_failures
    for name in [*bads, *(["link.txt"] if link_out else [])]:
        assert sum(name in line for line in failed) == 1
    after = _checksums(root)
    assert after == {**before, "out/briefing.json": after["out/briefing.json"]}
    assert not list(root.rglob("*.tmp"))
