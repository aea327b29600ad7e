"""Real releases from ../shared/data for the benchmarks."""

from __future__ import annotations

import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
WHITEHOUSE = SHARED / "whitehouse" / "whitehouse_briefing_room.jsonl"


def whitehouse_rows(limit: int | None = None) -> list[dict[str, str]]:
    if not WHITEHOUSE.exists():
        sys.exit(f"bench: {WHITEHOUSE} not found (the team's shared data)")
    rows = []
    with WHITEHOUSE.open(encoding="utf-8") as stream:
        for line in stream:
            rows.append(json.loads(line))
            if limit and len(rows) >= limit:
                break
    return rows


def write_releases(folder: Path, count: int | None = None) -> list[Path]:
    """Write White House releases as .txt files (title line, date line, text)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, row in enumerate(whitehouse_rows(count)):
        path = folder / f"{index:05}.txt"
        path.write_text(f"{row['title']}\n\n{row['date']}\n\n{row['text']}\n", encoding="utf-8")
        paths.append(path)
    return paths
