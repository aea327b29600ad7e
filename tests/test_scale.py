"""Beyond one machine (issue #16): ``scale summarize`` equals ``batch --format json``
record for record, and ``scale brief --group-by date`` equals ``batch --by-date``, on a
local Dask cluster of two workers and on the synchronous scheduler."""

from __future__ import annotations

import datetime
import gzip
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("distributed", reason="the dask extra is not installed")

from briefgen.cli import app
from briefgen.config import Editorial, OutputFormat, SummaryOptions
from briefgen.scale import scale_brief, scale_summarize

from .conftest import SAMPLES

runner = CliRunner()
DATE = ["--date", "2026-11-20"]
DAY = datetime.date(2026, 11, 20)


@pytest.fixture
def releases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The plain-text samples as release files under ``inbox/`` (run from ``tmp_path``, so
    a record's id is the path ``batch`` shows as its source), and as records: two
    partitions, one of them gzip-compressed."""
    monkeypatch.chdir(tmp_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    records = []
    for sample in sorted(SAMPLES.glob("*.txt")):
        shutil.copyfile(sample, inbox / sample.name)
        records.append({"id": f"inbox/{sample.name}", "text": sample.read_text("utf-8")})
    (tmp_path / "records").mkdir()
    half = len(records) // 2
    lines = [json.dumps(record, ensure_ascii=False) + "\n" for record in records]
    (tmp_path / "records" / "a.jsonl").write_text("".join(lines[:half]), encoding="utf-8")
    with gzip.open(tmp_path / "records" / "b.jsonl.gz", "wt", encoding="utf-8") as stream:
        stream.write("".join(lines[half:]))
    return tmp_path


@pytest.fixture(scope="module")
def cluster_client() -> Iterator[object]:
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


def _batch_json(folder: Path) -> dict[str, dict[str, object]]:
    result = runner.invoke(
        app, ["batch", "inbox", "-o", str(folder), "-f", "json", "--workers", "1", *DATE]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(p.read_text("utf-8")) for p in folder.glob("*.json")]
    return {str(record["source"]): record for record in records}


def _scaled(folder: Path) -> dict[str, dict[str, object]]:
    rows = [
        json.loads(line)
        for path in sorted(folder.glob("*.jsonl"))
        for line in path.read_text("utf-8").splitlines()
    ]
    return {str(row.pop("id")): {k: v for k, v in row.items() if k != "error"} for row in rows}


@pytest.fixture(params=["synchronous", "local-cluster"])
def client(request: pytest.FixtureRequest) -> object:
    """No client (Dask's synchronous scheduler), or the local cluster's."""
    return request.getfixturevalue("cluster_client") if request.param == "local-cluster" else None


def test_scale_summarize_equals_batch(releases: Path, client: object) -> None:
    result = scale_summarize(
        ["records/"], str(releases / "out"), fmt="jsonl", options=SummaryOptions(), date=DAY,
        client=client,
    )  # fmt: skip
    assert len(result.written) == 2
    assert result.records == len(list((releases / "inbox").iterdir()))
    assert _scaled(releases / "out") == _batch_json(releases / "batch")
    # a rerun skips the partitions already written; --force redoes them
    again = scale_summarize(
        ["records/*.jsonl*"], str(releases / "out"), fmt="jsonl", options=SummaryOptions(),
        date=DAY, client=client,
    )  # fmt: skip
    assert (again.written, len(again.skipped)) == ([], 2)


def test_scale_brief_by_date_equals_batch_by_date(releases: Path, client: object) -> None:
    result = scale_brief(
        ["records/"], str(releases / "briefings"), group_by=["date"], fmt=OutputFormat.MD,
        options=SummaryOptions(), editorial=Editorial(), date=DAY, client=client,
    )  # fmt: skip
    batch = runner.invoke(app, ["batch", "inbox", "-o", "by-date", "--by-date", "-f", "md", *DATE])
    assert batch.exit_code == 0, batch.output
    expected = {p.name: p.read_bytes() for p in (releases / "by-date").iterdir()}
    assert {Path(p).name for p in result.written} == set(expected)
    assert {p.name: p.read_bytes() for p in (releases / "briefings").iterdir()} == expected


def test_a_bad_record_becomes_an_error_row_and_parquet_works(releases: Path) -> None:
    records = releases / "records" / "a.jsonl"
    with records.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps({"id": "empty", "text": "   "}) + "\n")
    args = ["scale", "summarize", "records/a.jsonl", "-o", "pq", "-f", "parquet", "--workers", "1"]
    result = runner.invoke(app, [*args, *DATE])
    assert result.exit_code == 3, result.output
    assert "pq/a.parquet: 1 of 3 record(s) failed" in result.stderr
    import pyarrow.parquet as parquet

    rows = parquet.read_table(releases / "pq" / "a.parquet").to_pylist()
    assert [row["id"] for row in rows][-1] == "empty"
    assert rows[-1]["error"] == "no text left once the page furniture is removed"
    assert rows[0]["error"] is None
    assert rows[0]["summary"]


def test_scale_needs_record_files(releases: Path) -> None:
    result = runner.invoke(app, ["scale", "summarize", "inbox/nothing*.jsonl", "-o", "x"])
    assert result.exit_code == 4
    assert "no such file, folder or match" in result.stderr
