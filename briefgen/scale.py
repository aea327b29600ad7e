"""Beyond one machine: summaries and daily briefings of record files (JSONL, JSONL.gz or
Parquet, local or on any fsspec filesystem) on a Dask cluster.

Each input file is one partition and one task: its records are read on a worker, each goes
through the same public function the command line and a notebook use
(``briefgen.api.summarize_record``, ``document_from_record``), and the partition's output is
written under a temporary name and renamed. Nothing here is needed, or imported, unless
``briefgen scale`` runs (the optional extra ``briefgen[dask]``).
"""

from __future__ import annotations

import contextlib
import datetime
import json
import posixpath
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from briefgen.config import Editorial, OutputFormat, SummaryOptions
from briefgen.errors import BriefgenError, InputFileError, UsageError
from briefgen.models import Document

RECORD_SUFFIXES = (".jsonl.gz", ".jsonl", ".json.gz", ".ndjson", ".parquet")
OUTPUT_FORMATS = ("jsonl", "parquet")


def _require_dask() -> None:
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
        import fsspec  # noqa: F401
    except ImportError:
        raise UsageError(
            "briefgen scale needs the dask extra: pip install 'briefgen[dask]'"
        ) from None


# --- files and records -----------------------------------------------------------------


def expand_inputs(inputs: Sequence[str]) -> list[str]:
    """Every record file named, globbed or in a named folder, as fsspec URLs, sorted."""
    import fsspec

    found: list[str] = []
    for item in inputs:
        fs, _, paths = fsspec.get_fs_token_paths(item)
        for path in paths or []:
            if fs.isdir(path):
                members = [p for p in fs.find(path) if p.endswith(RECORD_SUFFIXES)]
            else:
                members = [path]
            found.extend(fs.unstrip_protocol(p) if "://" in item else p for p in members)
        if not paths:
            raise InputFileError("no such file, folder or match", item)
    if not found:
        raise InputFileError(f"no record files ({', '.join(RECORD_SUFFIXES)})", inputs[0])
    return sorted(dict.fromkeys(found))


def read_records(url: str) -> list[dict[str, Any]]:
    """The records of one JSONL (optionally gzip) or Parquet file."""
    import fsspec

    if url.endswith(".parquet"):
        import pyarrow.parquet as parquet

        with fsspec.open(url, "rb") as stream:
            return list(parquet.read_table(stream).to_pylist())
    records = []
    with fsspec.open(url, "rt", encoding="utf-8", compression="infer") as stream:
        for number, line in enumerate(stream, start=1):
            if line.strip():
                try:
                    record = json.loads(line)
                except ValueError:
                    raise InputFileError(f"line {number}: not JSON", url) from None
                if not isinstance(record, dict):
                    raise InputFileError(f"line {number}: not a record", url)
                records.append(record)
    return records


def _stem(url: str) -> str:
    name = posixpath.basename(url)
    for suffix in RECORD_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def output_urls(inputs: Sequence[str], outdir: str, fmt: str) -> list[str]:
    """One output per input partition, named by its file (numbered where names clash)."""
    names: list[str] = []
    used: set[str] = set()
    for url in inputs:
        stem, number = _stem(url), 1
        name = stem
        while name in used:
            number += 1
            name = f"{stem}-{number}"
        used.add(name)
        names.append(name)
    return [f"{outdir.rstrip('/')}/{name}.{fmt}" for name in names]


def write_atomically(url: str, data: bytes) -> None:
    """Write ``data`` under a temporary name beside ``url`` and rename it into place."""
    import fsspec

    fs, path = fsspec.core.url_to_fs(url)
    if fs.protocol in ("file", ("file", "local")) or "file" in fs.protocol:
        from pathlib import Path

        from briefgen.output import write_atomic

        write_atomic(Path(path), data)
        return
    temporary = f"{path}.briefgen-tmp"
    with fs.open(temporary, "wb") as stream:
        stream.write(data)
    fs.mv(temporary, path)


def _encode(rows: list[dict[str, Any]], fmt: str) -> bytes:
    if fmt == "parquet":
        import io

        import pyarrow
        import pyarrow.parquet as parquet

        buffer = io.BytesIO()
        flat = [{key: _flat(value) for key, value in row.items()} for row in rows]
        parquet.write_table(pyarrow.Table.from_pylist(flat), buffer)
        return buffer.getvalue()
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")


def _flat(value: Any) -> Any:
    """Parquet columns of one type: nested records (words, facts) as JSON text."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value


# --- the work of one partition (runs on a worker) ---------------------------------------


def summarize_partition(
    url: str, target: str, fmt: str, options: SummaryOptions, date: datetime.date
) -> tuple[int, int]:
    """Summarize every record of ``url`` into ``target``; a record that fails becomes a
    row with an ``error``. Returns (records, failed)."""
    from briefgen.api import summarize_record

    rows = []
    failed = 0
    for key, record in _keyed_records(url):
        try:
            result = summarize_record(
                {**record, "id": key},
                date=date,
                sentences=options.sentences,
                words=options.words,
                ratio=options.ratio,
                method=options.method,
                language=options.language,
            )
            rows.append({"id": key, **result, "error": None})
        except Exception as error:  # one bad record never stops its partition
            failed += 1
            rows.append({"id": key, "error": _cause(error)})
    write_atomically(target, _encode(rows, fmt))
    return len(rows), failed


def _keyed_records(url: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The records of ``url``, each with its id (else "file:line") as its key."""
    for number, record in enumerate(read_records(url), start=1):
        yield str(record.get("id", f"{_stem(url)}:{number}")), record


def _cause(error: Exception) -> str:
    """Why a record failed: briefgen's one-line message, else the error itself."""
    return error.message if isinstance(error, BriefgenError) else repr(error)


def documents_of_partition(
    url: str, language: Any, date: datetime.date
) -> tuple[list[Document], list[str]]:
    """The partition's records as documents, and one line per record that failed."""
    from briefgen.api import document_from_record

    documents, failures = [], []
    for key, record in _keyed_records(url):
        try:
            documents.append(
                document_from_record({**record, "id": key}, date=date, language=language)
            )
        except Exception as error:
            failures.append(f"{key}: {_cause(error)}")
    return documents, failures


def brief_group(
    documents: list[Document],
    target: str,
    fmt: OutputFormat,
    options: SummaryOptions,
    editorial: Editorial,
    day: datetime.date,
    title: str | None,
    max_items: int | None,
) -> str:
    """The briefing of one group of releases, written to ``target``."""
    from briefgen.pipeline import briefing_of
    from briefgen.rendering import render, template_environment

    briefing = briefing_of(documents, options, editorial, briefing_date=day, title=title)
    if max_items is not None:
        briefing = _first_items(briefing, max_items)
    content = render(briefing, fmt, template_environment(None))
    write_atomically(target, content.encode("utf-8") if isinstance(content, str) else content)
    return target


def _first_items(briefing: Any, count: int) -> Any:
    from dataclasses import replace

    sections = []
    left = count
    for section in briefing.sections:
        items = section.items[:left]
        left -= len(items)
        if items:
            sections.append(replace(section, items=items))
    return replace(briefing, sections=tuple(sections))


# --- the runs ---------------------------------------------------------------------------


@dataclass
class ScaleResult:
    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # outputs that existed (no --force)
    records: int = 0
    failures: list[str] = field(default_factory=list)
    dashboard: str | None = None


def _exists(url: str) -> bool:
    import fsspec

    fs, path = fsspec.core.url_to_fs(url)
    return bool(fs.exists(path))


def _mkdirs(url: str) -> None:
    import fsspec

    fs, path = fsspec.core.url_to_fs(url)
    fs.makedirs(path, exist_ok=True)


def compute(client: Any, tasks: list[Any], progress: Callable[[Any], None] | None) -> list[Any]:
    """Run ``tasks`` (dask.delayed) on ``client`` (None: in this process, one at a time)."""
    import dask

    if client is None:
        return list(dask.compute(*tasks, scheduler="synchronous"))
    futures = client.compute(tasks)
    if progress is not None:
        progress(futures)
    return list(client.gather(futures))


def scale_summarize(
    inputs: Sequence[str],
    outdir: str,
    *,
    fmt: str,
    options: SummaryOptions,
    date: datetime.date,
    force: bool = False,
    client: Any = None,
    progress: Callable[[Any], None] | None = None,
) -> ScaleResult:
    """One output file per input partition (see ``summarize_partition``)."""
    _require_dask()
    import dask

    if fmt not in OUTPUT_FORMATS:
        raise UsageError(f"--format for scale summarize: one of {', '.join(OUTPUT_FORMATS)}")
    files = expand_inputs(inputs)
    _mkdirs(outdir)
    result = ScaleResult()
    tasks = []
    for url, target in zip(files, output_urls(files, outdir, fmt), strict=True):
        if not force and _exists(target):
            result.skipped.append(target)
            continue
        task = dask.delayed(summarize_partition, pure=False)(url, target, fmt, options, date)
        tasks.append((target, task))
    counts = compute(client, [task for _, task in tasks], progress)
    for (target, _), (records, failed) in zip(tasks, counts, strict=True):
        result.written.append(target)
        result.records += records
        if failed:
            result.failures.append(f"{target}: {failed} of {records} record(s) failed")
    return result


GROUP_KEYS = ("date", "site")


def group_key(document: Document, keys: Sequence[str]) -> tuple[str, ...]:
    values = []
    for key in keys:
        if key == "date":
            values.append(document.date.isoformat() if document.date else "undated")
        else:
            values.append(_safe(document.site) or "unknown-site")
    return tuple(values)


def _safe(text: str) -> str:
    from briefgen.output import safe_name

    return safe_name(text, fallback="site") if text else ""


def scale_brief(
    inputs: Sequence[str],
    outdir: str,
    *,
    group_by: Sequence[str],
    fmt: OutputFormat,
    options: SummaryOptions,
    editorial: Editorial,
    date: datetime.date,
    title: str | None = None,
    max_items: int | None = None,
    client: Any = None,
    progress: Callable[[Any], None] | None = None,
) -> ScaleResult:
    """One briefing per group of releases (by date, and site), built on the workers."""
    _require_dask()
    import dask

    unknown = [key for key in group_by if key not in GROUP_KEYS]
    if unknown or not group_by:
        raise UsageError("--group-by for scale brief: date, site or date,site")
    files = expand_inputs(inputs)
    _mkdirs(outdir)
    read = [dask.delayed(documents_of_partition)(url, options.language, date) for url in files]
    result = ScaleResult()
    groups: dict[tuple[str, ...], list[Document]] = {}
    for documents, failures in compute(client, read, None):
        result.records += len(documents) + len(failures)
        result.failures.extend(failures)
        for document in documents:
            groups.setdefault(group_key(document, group_by), []).append(document)
    tasks = []
    for key in sorted(groups):
        day = groups[key][0].date if "date" in group_by and groups[key][0].date else date
        target = f"{outdir.rstrip('/')}/briefing-{'-'.join(key)}.{fmt.extension}"
        tasks.append(
            dask.delayed(brief_group, pure=False)(
                groups[key], target, fmt, options, editorial, day, title, max_items
            )
        )
    result.written.extend(compute(client, tasks, progress))
    return result


@contextlib.contextmanager
def start_client(scheduler: str | None, workers: int | None) -> Iterator[Any]:
    """A client of the scheduler at ``scheduler``, else of a local cluster of ``workers``
    processes (closed afterwards)."""
    _require_dask()
    from distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=workers or 2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()
