"""Shared fixtures: paths to samples and the team's shared data, and --update-golden."""

from __future__ import annotations

import http.server
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
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


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Fetched pages go to a cache of the test run's own, never the user's."""
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
    yield
    patch.undo()


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def shared_file(*parts: str) -> Path:
    """A file of ../shared/data; the test is skipped where the team's data is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not found: {path}")
    return path


@pytest.fixture
def request_log() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server (loopback only) recording every request it receives."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"p { color: red }")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()


def default_signals() -> None:
    """In a child process: Ctrl-C and SIGTERM as a terminal gives them, even where the tests
    run in the background with them ignored (nohup, some CI systems)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def popen_batch(inputs: Path, out: Path, workers: str) -> subprocess.Popen[bytes]:
    """``briefgen batch INPUTS -o OUT -f html`` in a process group of its own, for tests that
    signal it mid-run."""
    return subprocess.Popen(
        [
            *(sys.executable, "-m", "briefgen", "batch", str(inputs), "-o", str(out)),
            *("-f", "html", "--workers", workers, "--date", GOLDEN_DATE.isoformat()),
        ],
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=default_signals,
    )


def copies_of_a_release(folder: Path, count: int = 400) -> Path:
    """``folder`` filled with ``count`` copies of a sample release: a batch long enough to
    be signalled mid-run."""
    folder.mkdir()
    text = (SAMPLES / "astana-water-forum.txt").read_text(encoding="utf-8")
    for index in range(count):
        (folder / f"r{index:03}.txt").write_text(text, encoding="utf-8")
    return folder


def wait_for_outputs(out: Path, count: int = 3, pattern: str = "*.html") -> None:
    """Until ``count`` outputs exist in ``out`` (a minute at most)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob(pattern))) < count:
        time.sleep(0.05)
