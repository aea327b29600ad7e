"""The stages composed: read -> clean -> metadata -> stories -> summarize -> assemble ->
render -> write.

No logic of its own beyond ordering the stages, collecting per-file failures and
running files in parallel; every stage lives in its own module.
"""

from __future__ import annotations

import hashlib
import os
import signal
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TypeVar
from urllib.parse import urlsplit

import jinja2

from briefgen import clean, ingest, metadata
from briefgen.assemble import assemble_briefing
from briefgen.config import (
    BatchRequest,
    BriefingRequest,
    Editorial,
    FetchOptions,
    Language,
    OutputFormat,
    SummaryOptions,
)
from briefgen.errors import (
    BriefgenError,
    InputFileError,
    NothingNewError,
    NoUsableInputError,
    OutputError,
    UsageError,
    printable,
)
from briefgen.facts import key_facts
from briefgen.language import detect_language
from briefgen.models import Briefing, Document, Facts, Item, Section, Summary
from briefgen.output import (
    refuse_overwriting_inputs,
    safe_name,
    same_file,
    signals_held,
    stage,
    unique_names,
    write_atomic,
)
from briefgen.rendering import render, template_environment
from briefgen.state import SeenReleases
from briefgen.stories import (
    Story,
    find_stories,
    summed,
    term_counts,
    watch_explained,
    watch_terms_weight,
    watched_terms,
)
from briefgen.summarize import SaidAlready, content_words, summarize, summarize_again, validate

Progress = Callable[[int, int], None]
# A unit of work for a worker process: a module-level function and its arguments.
T = TypeVar("T")
Task = tuple[Callable[..., T], tuple[object, ...]]


@dataclass(frozen=True)
class Failure:
    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def load_document(
    path: Path,
    *,
    briefing_date: date | None,
    language: Language = Language.AUTO,
    stdin: bytes | None = None,
) -> Document:
    """Read and clean one release, and find its title, date and language."""
    raw = ingest.read_release(path, briefing_date, stdin=stdin)
    return document_from_raw(raw, briefing_date=briefing_date, language=language)


def document_from_raw(
    raw: ingest.RawRelease, *, briefing_date: date | None, language: Language = Language.AUTO
) -> Document:
    """Clean a release's text and find its title, date and language."""
    cleaned = clean.clean_text(raw.text)
    titled = metadata.extract_title(cleaned.lines, raw.title, raw.title_source)
    paragraphs = clean.to_paragraphs(titled.body)
    if not paragraphs:
        raise InputFileError("no text left once the page furniture is removed", raw.source)
    found = None
    if not raw.date:
        header = clean.normalize(raw.text[: metadata.HEADER_CHARS]).split("\n")
        found = metadata.extract_date(header, briefing_date)
        if found is None and briefing_date is not None:
            found = metadata.fallback_date(header, briefing_date)
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
        url=raw.url,
        time=raw.time,
    )


def summarize_file(
    path: Path, options: SummaryOptions, briefing_date: date, stdin: bytes | None = None
) -> Summary:
    """The summary of one release file."""
    document = load_document(
        path, briefing_date=briefing_date, language=options.language, stdin=stdin
    )
    return summarize(document, options)


def load_page(
    url: str, fetch: FetchOptions, *, briefing_date: date, language: Language = Language.AUTO
) -> Document:
    """Fetch one web page and read its release."""
    from briefgen.web import read_page

    raw = read_page(url, fetch, briefing_date)
    return document_from_raw(raw, briefing_date=briefing_date, language=language)


def summarize_address(
    url: str, options: SummaryOptions, briefing_date: date, fetch: FetchOptions
) -> Summary:
    """The summary of the release a web page holds."""
    document = load_page(url, fetch, briefing_date=briefing_date, language=options.language)
    return summarize(document, options)


def _load_task(
    path: Path, options: SummaryOptions, briefing_date: date
) -> list[Document | Failure]:
    """The releases of one file (an e-mail's attachments and a mailbox's messages each
    one), or its failures: one bad file, or one bad part, never stops the others."""
    try:
        raws = ingest.read_releases(path, briefing_date)
    except Exception as error:
        return [failure_of(path, error)]
    return [
        failure_of(raw.path or path, raw)
        if isinstance(raw, InputFileError)
        else _document_or_failure(raw, briefing_date, options.language)
        for raw in raws
    ]


def _document_or_failure(
    raw: ingest.RawRelease, briefing_date: date, language: Language
) -> Document | Failure:
    """``document_from_raw``, or the failure that names the release and the cause."""
    try:
        return document_from_raw(raw, briefing_date=briefing_date, language=language)
    except Exception as error:
        return failure_of(raw.source, error)


def failure_of(source: Path | str, error: Exception) -> Failure:
    """The one line a file's failure is listed with: the cause, or what went wrong inside."""
    if isinstance(error, BriefgenError):
        return Failure(printable(source), error.message)
    if isinstance(error, MemoryError):
        return Failure(printable(source), "out of memory")
    return Failure(printable(source), f"internal error: {type(error).__name__}: {error}")


def refused_failures(discovered: ingest.Discovered) -> list[Failure]:
    return [Failure(printable(path), reason) for path, reason in discovered.refused]


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
    loaded = [one for outcome in outcomes for one in outcome]
    documents = [o for o in loaded if isinstance(o, Document)]
    return documents, [o for o in loaded if isinstance(o, Failure)]


def load_web_documents(
    urls: Sequence[str],
    fetch: FetchOptions,
    options: SummaryOptions,
    briefing_date: date,
    *,
    since: date | None = None,
    until: date | None = None,
) -> tuple[list[Document], list[Failure]]:
    """The releases of pages and feeds (a feed's entries within since/until, else of the
    briefing day and the day before), and a ``Failure`` for each address or entry that
    could not be read."""
    from briefgen.web import read_addresses

    web = read_addresses(urls, fetch, briefing_date=briefing_date, since=since, until=until)
    failures = [failure_of(error.path or "", error) for error in web.failures]
    loaded = [_document_or_failure(raw, briefing_date, options.language) for raw in web.releases]
    documents = [one for one in loaded if isinstance(one, Document)]
    return documents, failures + [one for one in loaded if isinstance(one, Failure)]


def _requested_web_documents(
    request: BriefingRequest | BatchRequest,
) -> tuple[list[Document], list[Failure]]:
    """The releases of a request's pages and feeds (none without addresses)."""
    if not request.urls:
        return [], []
    return load_web_documents(
        request.urls,
        request.fetch,
        request.summary,
        request.briefing_date,
        since=request.since,
        until=request.until,
    )


def _worker_signals() -> None:
    """Workers leave Ctrl-C and SIGTERM to the parent, which cancels what has not started
    and waits for the running tasks (one release each) to finish their atomic writes. An
    exception raised by a signal inside a worker can strike while it holds the pool's
    result-queue lock, and every worker then waits for that lock forever (seen with
    SIGTERM sent to the whole process group)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def worker_count(requested: int, tasks: int) -> int:
    """No more processes than tasks, nor than a few per core."""
    return max(1, min(requested, tasks, 4 * (os.cpu_count() or 1)))


def _run_parallel(
    tasks: Sequence[Task[T]],
    workers: int,
    progress: Progress | None,
) -> list[T]:
    """Run ``tasks`` (function, args) on ``workers`` processes; results in task order."""
    results: list[T | None] = [None] * len(tasks)
    workers = worker_count(workers, len(tasks))
    if workers <= 1:
        for index, (function, args) in enumerate(tasks):
            results[index] = function(*args)
            if progress:
                progress(index + 1, len(tasks))
    else:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_signals)
        try:
            futures = {pool.submit(function, *args): i for i, (function, args) in enumerate(tasks)}
            for done, future in enumerate(as_completed(futures), start=1):
                results[futures[future]] = future.result()
                if progress:
                    progress(done, len(tasks))
        except BaseException:
            # Ctrl-C or SIGTERM: drop what has not started and let the running items
            # finish their atomic writes; finished outputs stay.
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


@dataclass(frozen=True)
class StorySummary:
    summary: Summary
    facts: Facts
    words: frozenset[str]


def _summary_alone(document: Document, options: SummaryOptions) -> StorySummary:
    """A story's summary as if it stood alone, its facts, and the words it uses."""
    return StorySummary(
        summarize(document, options),
        key_facts(document.text, document.language),
        content_words(document.text, document.language),
    )


# Below this many releases or stories, starting worker processes costs more than it saves.
PARALLEL_FROM = 100
_CHUNK = 200  # releases a worker counts the words of at a time


def _workers_for(count: int, workers: int) -> int:
    """``workers`` for a briefing's ``count`` releases or stories, one below PARALLEL_FROM."""
    return workers if count >= PARALLEL_FROM else 1


def summarize_stories(
    stories: Sequence[Story],
    options: SummaryOptions,
    *,
    explain: bool = False,
    watch: Sequence[str] = (),
    workers: int = 1,
) -> list[Item]:
    """One item per story, most important first, none repeating what an earlier one said.

    Each story is summarized alone (on ``workers`` processes); only a story whose summary
    repeats an earlier item is summarized again, leaving out every sentence that would.
    """
    tasks = [(_summary_alone, (story.documents[0], options)) for story in stories]
    alone = _run_parallel(tasks, _workers_for(len(tasks), workers), None)
    frequency = Counter(word for result in alone for word in result.words)
    said = SaidAlready(frequency)
    items = []
    for story, result in zip(stories, alone, strict=True):
        document, summary = story.documents[0], result.summary

        def repeats(sentence: str, language: str = document.language) -> bool:
            return said(sentence, language)

        # The story's other releases: the publisher's earlier versions of this text, its
        # other releases on the event, and other publishers' copies.
        versions: list[Document] = []
        related: list[str] = []
        carried_by: list[str] = []
        for index, other in enumerate(story.documents[1:], start=1):
            if other.publisher != document.publisher:
                carried_by.append(other.origin)
            elif story.is_version(index):
                versions.append(other)
            else:
                related.append(other.title)
        versions.sort(key=lambda d: (d.when, d.source))
        unordered = [v for v in versions if not is_earlier(v, document)]
        versions = [v for v in versions if is_earlier(v, document)]
        watching = watch_terms_weight(document.title, document.text, watch)
        if any(repeats(sentence) for sentence in summary.sentences):
            summary = summarize_again(summary, options, repeats)
        said.add(summary.sentences, document.language)
        items.append(
            Item(
                summary=summary,
                sources=story.sources,
                importance=story.importance,
                event=story.event,
                topic=story.topic,
                facts=result.facts,
                explain=explain,
                watch=watched_terms(story.documents, watch),
                carried_by=tuple(dict.fromkeys(carried_by)),
                updated=_updated(document, versions),
                updates=tuple(_version_label(version, document) for version in versions),
                other_versions=tuple(_version_label(v, document) for v in unordered),
                related=tuple(related),
                watch_weight=summed(watching),
                weighed_by=story.weighed_by + watch_explained(watching),
            )
        )
    return items


def is_earlier(version: Document, shown: Document) -> bool:
    """Whether ``version`` is known to have come before ``shown``: an earlier day, or an
    earlier time the same day. Two versions of one day without times cannot be told apart
    (the longer is shown; the other is no "earlier version")."""
    if version.date is None or shown.date is None:
        return False
    if version.date != shown.date:
        return version.date < shown.date
    return bool(version.time and shown.time) and version.when < shown.when


def _updated(shown: Document, earlier: Sequence[Document]) -> str:
    """When the version shown superseded the earlier ones, where their dates or times
    tell: its time on the same day, else its date."""
    if not earlier:
        return ""
    latest = max(version.when for version in earlier)
    if shown.when <= latest:
        return ""
    if shown.time and shown.when[0] == latest[0]:
        return shown.time
    return f"{shown.date_label}, {shown.time}" if shown.time else shown.date_label


def _version_label(version: Document, shown: Document) -> str:
    """An earlier version for the list under an item: its title and when it came."""
    on_that_day = version.date_label if version.date and version.date != shown.date else ""
    when = ", ".join(part for part in (on_that_day, version.time) if part)
    return f"{version.title} ({when})" if when else version.title


def briefing_of(
    documents: Sequence[Document],
    options: SummaryOptions,
    editorial: Editorial,
    *,
    briefing_date: date,
    title: str | None,
    workers: int = 1,
) -> Briefing:
    """The briefing of ``documents``: learned boilerplate out, one item per story."""
    documents = clean.drop_learned_boilerplate(documents)

    def count_terms(documents: Sequence[Document]) -> list[Counter[str]]:
        chunks = [documents[i : i + _CHUNK] for i in range(0, len(documents), _CHUNK)]
        tasks = [(term_counts, (chunk,)) for chunk in chunks]
        busy = _workers_for(len(documents), workers)
        return [counts for done in _run_parallel(tasks, busy, None) for counts in done]

    stories = find_stories(documents, editorial.deduplicate, count_terms)
    items = summarize_stories(
        stories, options, explain=editorial.explain, watch=editorial.watch, workers=workers
    )
    return assemble_briefing(items, briefing_date=briefing_date, title=title, editorial=editorial)


def build_briefing(
    request: BriefingRequest, progress: Progress | None = None, workers: int = 1
) -> BriefingResult:
    """Read, summarize and assemble every release named by ``request``."""
    outputs = [p for p in (request.output, request.state_file) if p is not None]
    discovered = ingest.discover(request.inputs, exclude=outputs)
    for output in outputs:
        refuse_overwriting_inputs(output, discovered.paths)
    documents, failures = load_documents(
        discovered.paths,
        request.summary,
        request.briefing_date,
        workers=_workers_for(len(discovered.paths), workers),
        progress=progress,
    )
    failures = refused_failures(discovered) + failures
    from_web, failed_on_web = _requested_web_documents(request)
    documents += from_web + list(request.documents)
    failures += failed_on_web
    if not documents:
        raise NoUsableInputError("none of the inputs could be used", failures=failures)
    kept = [d for d in documents if in_date_range(d, request.since, request.until)]
    if not kept:
        raise NoUsableInputError("no release dated within the --since/--until range")
    if request.state_file is not None:
        kept = SeenReleases(request.state_file).unseen(kept)
        if not kept:
            raise NothingNewError("no release that earlier runs have not already covered")
    briefing = briefing_of(
        kept,
        request.summary,
        request.editorial,
        briefing_date=request.briefing_date,
        title=request.title,
        workers=workers,
    )
    return BriefingResult(briefing, failures, kept)


def write_briefing(result: BriefingResult, request: BriefingRequest) -> None:
    """Render the briefing in the requested format and write it (stdout when no output)
    and, with a state file, remember its releases as seen: both are written before either
    is put in place, so a state that cannot be written leaves no briefing behind."""
    environment = template_environment(request.template_dir)
    content = render(
        result.briefing,
        request.fmt,
        environment,
        request.template_dir,
        envelope=request.envelope,
    )
    if request.state_file is None:
        write_atomic(request.output or Path("-"), content)
        return
    seen = SeenReleases(request.state_file)
    with seen.locked(), signals_held():
        staged = [stage(request.output or Path("-"), content), seen.staged(result.documents)]
        try:
            for write in staged:
                write.commit()
        finally:
            for write in staged:
                write.discard()


def summary_item(summary: Summary) -> Item:
    """One release's summary as the item that shows it, with its key facts."""
    document = summary.document
    return Item(summary, (document.source,), facts=key_facts(document.text, document.language))


def render_summary(
    summary: Summary, fmt: OutputFormat, template_dir: Path | None, briefing_date: date
) -> str | bytes:
    """One release's summary as ``fmt``, dated by the release (else the briefing date)."""
    document = summary.document
    # Only JSON shows a single release's facts; the release templates do not, and in
    # Russian finding names loads a model (most of a second).
    item = summary_item(summary) if fmt is OutputFormat.JSON else Item(summary, (document.source,))
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
            return Failure(printable(path), "skipped: release date outside --since/--until")
        return _written(summary, target, request)
    except Exception as error:
        return failure_of(path, error)


def _written(summary: Summary, target: Path, request: BatchRequest) -> Path:
    """``target``, once it holds ``summary`` rendered as the batch asks."""
    write_atomic(
        target, render_summary(summary, request.fmt, request.template_dir, request.briefing_date)
    )
    return target


def _document_task(document: Document, target: Path, request: BatchRequest) -> Path | Failure:
    """One fetched release (a web page or a feed's entry) summarized and written."""
    try:
        return _written(summarize(document, request.summary), target, request)
    except Exception as error:
        return failure_of(document.source, error)


def web_output_names(urls: Sequence[str]) -> list[str]:
    """One output name per address: the last part of its path (else its host), and where
    those clash, a suffix from the whole address."""
    stems = []
    for url in urls:
        parts = urlsplit(url)
        stems.append(safe_name(PurePosixPath(parts.path).stem or parts.hostname or "page"))
    return _clash_free(stems, [url.encode() for url in urls])


def _briefing_task(briefing: Briefing, target: Path, request: BatchRequest) -> Path | Failure:
    try:
        environment = _environment(request.template_dir)
        write_atomic(target, render(briefing, request.fmt, environment, request.template_dir))
        return target
    except Exception as error:
        return failure_of(target, error)


def output_names(paths: Sequence[Path]) -> list[str]:
    """One output name per input: its safe stem, and where stems clash, a suffix from its
    own path, so that a file added later never takes (and skips) another file's output."""
    stems = [safe_name(path.stem) for path in paths]
    return _clash_free(stems, [os.fsencode(os.path.realpath(path)) for path in paths])


def _clash_free(stems: Sequence[str], keys: Sequence[bytes]) -> list[str]:
    """The stems, each that clashes with another (in any case) given a suffix from the
    hash of its own key, so that a name never depends on the other inputs."""
    counts = Counter(stem.casefold() for stem in stems)
    names = [
        f"{stem}-{hashlib.sha256(key).hexdigest()[:8]}" if counts[stem.casefold()] > 1 else stem
        for stem, key in zip(stems, keys, strict=True)
    ]
    return unique_names(names)


def run_batch(request: BatchRequest, progress: Progress | None = None) -> BatchResult:
    """One output per release, or with ``by_date`` one briefing per release date."""
    validate(request.summary)
    if not request.outdir.is_dir():
        raise OutputError("output folder does not exist", request.outdir)
    for item in request.inputs:
        if item.is_dir() and same_file(item, request.outdir):
            raise UsageError(
                f"the output folder is an input folder: {printable(item)}; choose another -o"
            )
    # An output folder inside an input folder: its files are outputs, not releases.
    discovered = ingest.discover(request.inputs, exclude=[request.outdir])
    paths = discovered.paths
    refused = refused_failures(discovered)
    extension = request.fmt.extension
    inputs = {os.path.realpath(path) for path in paths if str(path) != ingest.STDIN}

    def overwrites_an_input(target: Path) -> bool:
        if os.path.realpath(target) in inputs:
            refused.append(Failure(printable(target), "output would overwrite an input"))
            return True
        return False

    from_web, failed_on_web = _requested_web_documents(request)
    refused += failed_on_web
    tasks: list[Task[Path | Failure]] = []
    up_to_date: list[Path] = []
    if not request.by_date:
        # A page carries no file date to compare with: it is written every run.
        web_names = web_output_names([document.source for document in from_web])
        for document, name in zip(from_web, web_names, strict=True):
            target = request.outdir / f"web-{name}.{extension}"
            if not in_date_range(document, request.since, request.until):
                refused.append(
                    Failure(document.source, "skipped: release date outside --since/--until")
                )
            elif not overwrites_an_input(target):
                tasks.append((_document_task, (document, target, request)))
        for path, name in zip(paths, output_names(paths), strict=True):
            target = request.outdir / f"{name}.{extension}"
            if overwrites_an_input(target):
                continue
            if not request.force and str(path) != ingest.STDIN and is_up_to_date(path, target):
                up_to_date.append(target)
            else:
                tasks.append((_release_task, (path, target, request)))
        outcomes = _run_parallel(tasks, request.workers, progress)
    else:
        documents, failures = load_documents(
            paths, request.summary, request.briefing_date, workers=request.workers
        )
        documents += from_web
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
            if not overwrites_an_input(target):
                tasks.append((_briefing_task, (briefing, target, request)))
        outcomes = [*failures, *_run_parallel(tasks, request.workers, progress)]
    written = [o for o in outcomes if isinstance(o, Path)]
    failed = refused + [o for o in outcomes if isinstance(o, Failure)]
    if not written and not up_to_date:
        raise NoUsableInputError("no output written", failures=failed)
    return BatchResult(written, failed, up_to_date)
