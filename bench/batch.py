"""`briefgen batch` to JSON over White House releases written out as files: wall time,
peak memory of the largest process, and byte-identical output with 1 and 2 workers.

    .venv/bin/python bench/batch.py [--count 6993]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _data import write_releases


def run(inputs: Path, out: Path, workers: int, fmt: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "briefgen",
            "batch",
            str(inputs),
            "-o",
            str(out),
            "-f",
            fmt,
            "--workers",
            str(workers),
            "--date",
            "2026-11-20",
        ],
        check=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=None, help="releases (default: all 6,993)")
    parser.add_argument("--format", default="json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        paths = write_releases(folder / "in", args.count)
        outputs = {}
        for workers in (2, 1):
            out = folder / f"out{workers}"
            seconds = run(folder / "in", out, workers, args.format)
            outputs[workers] = {p.name: p.read_bytes() for p in out.iterdir()}
            print(f"{len(paths)} releases -> {args.format}, {workers} worker(s): {seconds:.1f} s")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak memory of the largest process: {peak:.0f} MB")
        print(f"outputs byte-identical with 1 and 2 workers: {outputs[1] == outputs[2]}")


if __name__ == "__main__":
    main()
