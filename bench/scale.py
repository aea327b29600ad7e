"""`briefgen scale summarize` on a local Dask cluster next to `briefgen batch`, over the
6,993 White House releases, in one run: wall time, per-core cost, and the cores needed for
ten million releases in an hour.

    .venv/bin/python bench/scale.py [--count 6993] [--workers 2] [--partitions 14]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _data import whitehouse_rows, write_releases

TEN_MILLION = 10_000_000


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "briefgen", *command], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=None)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--partitions", type=int, default=14)
    args = parser.parse_args()
    rows = whitehouse_rows(args.count)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_releases(root / "files", len(rows))
        (root / "records").mkdir()
        size = -(-len(rows) // args.partitions)
        for part in range(args.partitions):
            chunk = rows[part * size : (part + 1) * size]
            lines = [
                json.dumps(
                    {k: row.get(k) for k in ("id", "date", "title", "text", "url")},
                    ensure_ascii=False,
                )
                for row in chunk
            ]
            (root / "records" / f"part-{part:03}.jsonl").write_text(
                "\n".join(lines) + "\n", encoding="utf-8"
            )
        workers = str(args.workers)
        date = ["--date", "2026-11-20"]
        batch = timed(["batch", str(root / "files"), "-o", str(root / "batch"), "-f", "json",
                       "--workers", workers, *date])  # fmt: skip
        scale = timed(["scale", "summarize", str(root / "records"), "-o", str(root / "scale"),
                       "--workers", workers, *date])  # fmt: skip
    for label, seconds in (("batch --format json", batch), ("scale summarize", scale)):
        per_core = seconds * args.workers / len(rows)
        cores = TEN_MILLION * per_core / 3600
        print(
            f"{label:<20} {len(rows)} releases, {args.workers} workers: {seconds:6.1f} s wall, "
            f"{1000 * per_core:.2f} ms per release per core, "
            f"{cores:.0f} cores for ten million an hour"
        )


if __name__ == "__main__":
    main()
