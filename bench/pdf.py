"""PDF output on real releases: a briefing of 100 releases from a cold process, and
`batch --format pdf` of 500 releases with 2 workers.

    .venv/bin/python bench/pdf.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _data import write_releases


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "briefgen", *args, "--date", "2026-11-20"],
        check=True,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        write_releases(folder / "in500", 500)
        (folder / "in100").mkdir()
        for path in sorted((folder / "in500").iterdir())[:100]:
            path.rename(folder / "in100" / path.name)
        pdf = folder / "briefing.pdf"
        seconds = timed(["brief", str(folder / "in100"), "-o", str(pdf)])
        print(
            f"brief of 100 releases -> PDF ({pdf.stat().st_size // 1024} KB), cold: {seconds:.1f} s"
        )
        for path in sorted((folder / "in100").iterdir()):
            path.rename(folder / "in500" / path.name)
        seconds = timed(
            [
                "batch",
                str(folder / "in500"),
                "-o",
                str(folder / "out"),
                "-f",
                "pdf",
                "--workers",
                "2",
            ]
        )
        print(f"batch of 500 releases -> PDF, 2 workers: {seconds:.1f} s")


if __name__ == "__main__":
    main()
