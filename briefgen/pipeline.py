"""The stages composed: read -> clean -> metadata -> stories -> summarize -> assemble ->
render -> write.

No logic of its own beyond ordering the stages, collecting per-file failures and
running files in parallel; every stage lives in its own module.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import jinja2

from briefgen import clean, ingest, metadata
from briefgen.assemble import assemble_briefing
from briefgen.config import (
    BatchRequest,
    BriefingRequest,
    Editorial,
    Language,
    OutputFormat,
    SummaryOptions,
)
from briefgen.errors import BriefgenError, InputFileError, NoUsableInputError, OutputError
from briefgen.facts import key_facts
from briefgen.language import detect_language
from briefgen.models import Briefing, Document, Item, Section, Summary
from briefgen.output import safe_name, unique_names, write_atomic
from briefgen.render import render, template_environment
from briefgen.state import SeenReleases
from briefgen.stories import Story, find_stories
from briefgen.summarize import SaidAlready, summarize, validate

Progress = Callable[[int, int], None]
# A unit of work for a worker process: a module-level function and its arguments.
Task = tuple[Callable[..., "Document | Summary | Failure | Path"], tuple[object, ...]]


@dataclass(frozen=True)
class Failure:
    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def load_document(
    path: Path,
    *,
    briefing_date: date,
    language: Language = Language.AUTO,
    stdin: bytes | None = None,
) -> Document:
    """Read and clean one release, and find its title, date and language."""
    raw = ingest.read_release(path, briefing_date, stdin=stdin)
    return document_from_raw(raw, briefing_date=briefing_date, language=language)


def document_from_raw(
    raw: ingest.RawRelease, *, briefing_date: date, language: Language = Language.AUTO
) -> Document:
    """Clean a release's text and find its title, date and language."""
    cleaned = clean.clean_text(raw.text)
    titled = metadata.extract_title(cleaned.lines, raw.title, raw.title_source)
    paragraphs = clean.to_paragraphs(titled.body)
    if not paragraphs:
        raise InputFileError("no text left once the page furniture is removed", raw.source)
    found = (
        None
        if raw.date
        else metadata.extract_date(
            clean.normalize(raw.text[: metadata.HEADER_CHARS]).split("\n"), briefing_date
        )
    )
    text = "\n".join(paragraphs)
    return Document(
        source=raw.source,
        title=titled.title,
        title_source=titled.source,
        date=raw.date or (found.value if found else None),
        date_source=raw.date_source if raw.date else (found.source if found else "none"),
        language=detect_language(text) if language is Language.AUTO else language.value,
        paragraphs=tuple(paragraphs),
        removed_lines=tuple(cleaned.removed),
        site=raw.site or metadata.site_from_title(raw.title or next(iter(cleaned.lines), "")),
    )


def summarize_file(
    path: Path, options: SummaryOptions, briefing_date: date, stdin: bytes | None = None
) -> Summary:
    """The summary of one release file."""
    document = load_document(
        path, briefing_date=briefing_date, language=options.language, stdin=stdin
    )
    return summarize(document, options)


def _load_task(path: Path, options: SummaryOptions, briefing_date: date) -> Document | Failure:
    try:
        return load_document(path, briefing_date=briefing_date, language=options.language)
    except BriefgenError as error:
        return Failure(str(path), error.message)


def load_documents(
    paths: Sequence[Path],
    options: SummaryOptions,
    briefing_date: date,
    *,
    workers: int = 1,
    progress: Progress | None = None,
) -> tuple[list[Document], list[Failure]]:
    """Every readable release, and one ``Failure`` for each file that is not."""
    outcomes = _run_parallel(
        [(_load_task, (path, options, briefing_date)) for path in paths], workers, progress
    )
    documents = [o for o in outcomes if isinstance(o, Document)]
    return documents, [o for o in outcomes if isinstance(o, Failure)]


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which cancels what has not started; a worker
    killed mid-task could otherwise hang the pool's shutdown."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_parallel(
    tasks: Sequence[Task],
    workers: int,
    progress: Progress | None,
) -> list[Document | Summary | Failure | Path]:
    """Run ``tasks`` (function, args) on ``workers`` processes; results in task order."""
    results: list[Document | Summary | Failure | Path | None] = [None] * len(tasks)
    if workers <= 1 or len(tasks) <= 1:
        for index, (function, args) in enumerate(tasks):
            results[index] = function(*args)
            if progress:
                progress(index + 1, len(tasks))
    else:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupts)
        try:
            futures = {pool.submit(function, *args): i for i, (function, args) in enumerate(tasks)}
            for done, future in enumerate(as_completed(futures), start=1):
                results[futures[future]] = future.result()
                if progress:
                    progress(done, len(tasks))
        except BaseException:
            # Ctrl-C: drop what has not started and let the running items finish their
            # atomic writes; finished outputs stay.
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown()
    return [result for result in results if result is not None]


def in_date_range(document: Document, since: date | None, until: date | None) -> bool:
    """Whether the release date lies in [since, until]; undated releases pass only when
    no range is asked for."""
    if since is None and until is None:
        return True
    if document.date is None:
        return False
    return (since is None or document.date >= since) and (until is None or document.date <= until)


@dataclass(frozen=True)
class BriefingResult:
    briefing: Briefing
    failures: list[Failure]
    documents: list[Document]  # the releases the briefing covers


def summarize_stories(
    stories: Sequence[Story], options: SummaryOptions, *, explain: bool = False
) -> list[Item]:
    """One item per story, most important first, none repeating what an earlier one said."""
    said = SaidAlready()
    items = []
    for story in stories:
        document = story.documents[0]

        def repeats(sentence: str, language: str = document.language) -> bool:
            return said(sentence, language)

        summary = summarize(document, options, skip=repeats)
        said.add(summary.sentences, document.language)
        items.append(
            Item(
                summary=summary,
                sources=story.sources,
                importance=story.importance,
                event=story.event,
                topic=story.topic,
                facts=key_facts(document.text, document.language),
                explain=explain,
            )
        )
    return items


def briefing_of(
    documents: Sequence[Document],
    options: SummaryOptions,
    editorial: Editorial,
    *,
    briefing_date: date,
    title: str | None,
) -> Briefing:
    """The briefing of ``documents``: learned boilerplate out, one item per story."""
    documents = clean.drop_learned_boilerplate(documents)
    stories = find_stories(documents, merge_duplicates=editorial.deduplicate)
    items = summarize_stories(stories, options, explain=editorial.explain)
    return assemble_briefing(items, briefing_date=briefing_date, title=title, editorial=editorial)


def build_briefing(
    request: BriefingRequest, progress: Progress | None = None, workers: int = 1
) -> BriefingResult:
    """Read, summarize and assemble every release named by ``request``."""
    paths = ingest.discover(request.inputs)
    documents, failures = load_documents(
        paths, request.summary, request.briefing_date, workers=workers, progress=progress
    )
    if not documents:
        raise NoUsableInputError("none of the inputs could be used", failures=failures)
    kept = [d for d in documents if in_date_range(d, request.since, request.until)]
    if not kept:
        raise NoUsableInputError("no release dated within the --since/--until range")
    if request.state_file is not None:
        kept = SeenReleases(request.state_file).unseen(kept)
        if not kept:
            raise NoUsableInputError("no release that earlier runs have not already covered")
    briefing = briefing_of(
        kept,
        request.summary,
        request.editorial,
        briefing_date=request.briefing_date,
        title=request.title,
    )
    return BriefingResult(briefing, failures, kept)


def write_briefing(result: BriefingResult, request: BriefingRequest) -> None:
    """Render the briefing in the requested format and write it (stdout when no output);
    then, with a state file, remember its releases as seen."""
    environment = template_environment(request.template_dir)
    content = render(result.briefing, request.fmt, environment, request.template_dir)
    write_atomic(request.output or Path("-"), content)
    if request.state_file is not None:
        SeenReleases(request.state_file).remember(result.documents)


def render_summary(
    summary: Summary, fmt: OutputFormat, template_dir: Path | None, briefing_date: date
) -> str | bytes:
    """One release's summary as ``fmt``, dated by the release (else the briefing date)."""
    document = summary.document
    item = Item(summary, (document.source,), facts=key_facts(document.text, document.language))
    single = Briefing(document.title, document.date or briefing_date, (Section("", (item,)),))
    return render(single, fmt, _environment(template_dir), template_dir, single=True)


@cache
def _environment(template_dir: Path | None) -> jinja2.Environment:
    return template_environment(template_dir)  # one per process: batch renders many


# --- batch ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchResult:
    written: list[Path]
    failures: list[Failure]
    up_to_date: list[Path]  # outputs newer than their input, left as they were


def is_up_to_date(source: Path, target: Path) -> bool:
    """An output is up to date when it is newer than its input (so a rerun resumes)."""
    try:
        return target.stat().st_mtime_ns >= source.stat().st_mtime_ns
    except OSError:
        return False


def _release_task(path: Path, target: Path, request: BatchRequest) -> Path | Failure:
    try:
        summary = summarize_file(path, request.summary, request.briefing_date)
        if not in_date_range(summary.document, request.since, request.until):
            return Failure(str(path), "skipped: release date outside --since/--until")
        write_atomic(
            target,
            render_summary(summary, request.fmt, request.template_dir, request.briefing_date),
        )
        return target
    except BriefgenError as error:
        return Failure(str(path), error.message)


def _briefing_task(briefing: Briefing, target: Path, request: BatchRequest) -> Path | Failure:
    try:
        environment = _environment(request.template_dir)
        write_atomic(target, render(briefing, request.fmt, environment, request.template_dir))
        return target
    except BriefgenError as error:
        return Failure(str(target), error.message)


def run_batch(request: BatchRequest, progress: Progress | None = None) -> BatchResult:
    """One output per release, or with ``by_date`` one briefing per release date."""
    validate(request.summary)
    if not request.outdir.is_dir():
        raise OutputError("output folder does not exist", request.outdir)
    paths = ingest.discover(request.inputs)
    extension = request.fmt.extension
    tasks: list[Task] = []
    up_to_date: list[Path] = []
    if not request.by_date:
        names = unique_names([safe_name(path.stem) for path in paths])
        for path, name in zip(paths, names, strict=True):
            target = request.outdir / f"{name}.{extension}"
            if not request.force and str(path) != ingest.STDIN and is_up_to_date(path, target):
                up_to_date.append(target)
            else:
                tasks.append((_release_task, (path, target, request)))
        outcomes = _run_parallel(tasks, request.workers, progress)
    else:
        documents, failures = load_documents(
            paths, request.summary, request.briefing_date, workers=request.workers
        )
        kept = [d for d in documents if in_date_range(d, request.since, request.until)]
        by_day: dict[date | None, list[Document]] = {}
        for document in kept:
            by_day.setdefault(document.date, []).append(document)
        days = sorted(by_day, key=lambda day: (day is None, day or date.min))
        for day in days:
            label = day.isoformat() if day else "undated"
            briefing = briefing_of(
                by_day[day],
                request.summary,
                request.editorial,
                briefing_date=day or request.briefing_date,
                title=request.title,
            )
            target = request.outdir / f"briefing-{label}.{extension}"
            tasks.append((_briefing_task, (briefing, target, request)))
        outcomes = [*failures, *_run_parallel(tasks, request.workers, progress)]
    written = [o for o in outcomes if isinstance(o, Path)]
    failed = [o for o in outcomes if isinstance(o, Failure)]
    if not written and not up_to_date:
        raise NoUsableInputError("no output written", failures=failed)
    return BatchResult(written, failed, up_to_date)
