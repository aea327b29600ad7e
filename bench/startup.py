"""Cold-process wall time of `briefgen --help` and `briefgen summarize` (median of 7 runs).

.venv/bin/python bench/startup.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "astana-water-forum.txt"
COMMANDS = {
    "briefgen --help": ["--help"],
    "briefgen summarize (one release)": ["summarize", str(SAMPLE), "--date", "2026-11-20"],
    "briefgen summarize -m lead": ["summarize", str(SAMPLE), "-m", "lead", "--date", "2026-11-20"],
    "briefgen summarize -m lexrank": [
        "summarize",
        str(SAMPLE),
        "-m",
        "lexrank",
        "--date",
        "2026-11-20",
    ],
    "briefgen brief samples/ -o .md": [
        "brief",
        str(ROOT / "samples"),
        "--date",
        "2026-11-20",
        "-o",
        "/tmp/briefgen-bench.md",
    ],
    "briefgen brief samples/ -o .pdf": [
        "brief",
        str(ROOT / "samples"),
        "--date",
        "2026-11-20",
        "-o",
        "/tmp/briefgen-bench.pdf",
    ],
}


def main() -> None:
    for label, args in COMMANDS.items():
        times = []
        for _ in range(7):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "briefgen", *args], check=True, stdout=subprocess.DEVNULL
            )
            times.append(time.perf_counter() - start)
        print(f"{label:<36} median {statistics.median(times):.3f} s  (min {min(times):.3f})")


if __name__ == "__main__":
    main()
