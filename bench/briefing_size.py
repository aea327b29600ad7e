"""Cost growth of one briefing with its size: `briefgen brief FOLDER -o briefing.md` from a
cold process on folders of 100 to 10,000 real releases (the first N White House releases;
past their 6,993, CNN/DailyMail training articles), with the default two workers.

    .venv/bin/python bench/briefing_size.py [--sizes 100,250,500,1000,2000,5000,10000]

Prints wall time, peak memory and the time per release for each size, the ratio of 2,000
to 250 releases, and a chart of the times on a log scale.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _data import SHARED, whitehouse_rows

CNNDM_TRAIN = SHARED / "cnndm_train" / "cnndm_train_39k.jsonl.gz"
CHART_WIDTH = 50
BRIEFGEN = Path(sys.executable).with_name("briefgen")


def releases(count: int) -> list[tuple[str, str]]:
    """(title, text) of ``count`` real releases, White House first."""
    found = [(row["title"], row["text"]) for row in whitehouse_rows(count)]
    if len(found) < count:
        with gzip.open(CNNDM_TRAIN, "rt", encoding="utf-8") as stream:
            for line in stream:
                sentences = json.loads(line)["sentences"]
                title = " ".join(sentences[0].split()[:12])
                found.append((title, " ".join(sentences)))
                if len(found) >= count:
                    break
    return found


def bar(seconds: float) -> str:
    """Log scale from 0.1 s to 1000 s."""
    share = (math.log10(max(seconds, 0.1)) + 1) / 4
    return "#" * max(1, round(share * CHART_WIDTH))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,250,500,1000,2000,5000,10000")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    every = releases(max(sizes))
    timings: dict[int, float] = {}
    print(f"{'releases':>9} {'seconds':>9} {'ms/release':>11} {'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as scratch:
        for size in sizes:
            folder = Path(scratch) / f"day{size}"
            folder.mkdir()
            for index, (title, text) in enumerate(every[:size]):
                (folder / f"{index:05}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
            output = Path(scratch) / f"briefing{size}.md"
            command = [str(BRIEFGEN), "brief", str(folder), "--date", "2024-01-01", "-o", str(output)]
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            timings[size] = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(
                f"{size:>9} {timings[size]:>9.2f} {1000 * timings[size] / size:>11.2f}"
                f" {peak:>9.0f}",
                flush=True,
            )
    if 250 in timings and 2000 in timings:
        print(f"\n2,000 releases / 250 releases: {timings[2000] / timings[250]:.1f}x")
    print(f"\nlog scale, 0.1 s to 1000 s ({CHART_WIDTH} characters)")
    for size, seconds in timings.items():
        print(f"  {size:>6} {bar(seconds):<{CHART_WIDTH}} {seconds:.2f} s")


if __name__ == "__main__":
    main()
