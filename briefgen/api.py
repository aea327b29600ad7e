"""briefgen as a Python library: the typed functions the command line is a thin user of.

    import briefgen
    summary = briefgen.summarize_text(text, title="Talks on water", sentences=2)
    briefing = briefgen.build_briefing(["inbox/"], date=datetime.date(2026, 11, 20))
    markdown = briefgen.render(briefing, "md")

Bad input raises ``briefgen.BriefgenError`` (one message naming the file and the cause).
A folder's unreadable files do not stop ``build_briefing``: each is reported as a
``BriefgenWarning`` and left out, as the command line lists them.
"""

from __future__ import annotations

import datetime
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal, overload

from briefgen.config import (
    BriefingRequest,
    Editorial,
    GroupBy,
    Language,
    Method,
    Order,
    OutputFormat,
)
from briefgen.config import SummaryOptions as _SummaryOptions
from briefgen.errors import InputFileError, NoUsableInputError
from briefgen.models import Briefing, Document, Summary

Format = Literal["md", "html", "json", "pdf", "text"]
LanguageName = Literal["auto", "en", "ru", "kk"]
MethodName = Literal[
    "newslead",
    "lead",
    "lexrank",
    "textrank",
    "lsa",
    "luhn",
    "kl",
    "sumbasic",
    "edmundson",
    "reduction",
]


class BriefgenWarning(UserWarning):
    """An input left out of a briefing, with the reason."""


def summary_options(
    *,
    sentences: int = 3,
    words: int | None = None,
    ratio: float | None = None,
    method: MethodName | Method | None = None,
    language: LanguageName | Language = "auto",
) -> _SummaryOptions:
    """The checked options of a summary (a ``UsageError`` for impossible lengths)."""
    from briefgen.summarize import validate

    options = _SummaryOptions(
        method=Method(method) if method is not None else _SummaryOptions().method,
        sentences=sentences,
        ratio=ratio,
        words=words,
        language=Language(language),
    )
    validate(options)
    return options


def read_release(
    source: str | Path | bytes,
    *,
    date: datetime.date | None = None,
    name: str = "-",
    language: LanguageName | Language = "auto",
) -> Document:
    """One release read, decoded, cleaned and dated: from a file path, a web page's
    address (fetched through the user's cache), or bytes (the format sniffed as for
    standard input, or told by ``name``'s extension). ``date`` is the briefing date a date
    printed without its year is resolved against (none: not inferred).
    """
    from briefgen import ingest
    from briefgen.fetch import fetch_options, is_web_address
    from briefgen.pipeline import document_from_raw, load_document, load_page

    if isinstance(source, str) and is_web_address(source):
        return load_page(
            source,
            fetch_options(),
            briefing_date=date or datetime.date.today(),
            language=Language(language),
        )
    if isinstance(source, bytes):
        text = ingest.decode(source, name)
        raw = ingest.reader_for(name, text)(text, name, date)
        return document_from_raw(raw, briefing_date=date, language=Language(language))
    return load_document(Path(source), briefing_date=date, language=Language(language))


def summarize_text(
    text: str,
    *,
    title: str | None = None,
    sentences: int = 3,
    words: int | None = None,
    ratio: float | None = None,
    method: MethodName | Method | None = None,
    language: LanguageName | Language = "auto",
    date: datetime.date | None = None,
) -> Summary:
    """The summary of one release given as text (cleaned as a scraped ``.txt`` is)."""
    from briefgen.ingest import RawRelease
    from briefgen.pipeline import document_from_raw
    from briefgen.summarize import summarize

    options = summary_options(
        sentences=sentences, words=words, ratio=ratio, method=method, language=language
    )
    if not text.strip():
        raise InputFileError("empty text", "<text>")
    raw = RawRelease("<text>", text, title=title, title_source="given" if title else "")
    document = document_from_raw(raw, briefing_date=date, language=options.language)
    return summarize(document, options)


def build_briefing(
    inputs: Iterable[str | Path | Document],
    *,
    date: datetime.date,
    title: str | None = None,
    sentences: int = 3,
    words: int | None = None,
    ratio: float | None = None,
    method: MethodName | Method | None = None,
    language: LanguageName | Language = "auto",
    group_by: Literal["none", "source", "topic", "date"] = "none",
    order: Literal["importance", "date"] = "importance",
    top: int | None = None,
    explain: bool = False,
    watch: Sequence[str] = (),
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    workers: int = 1,
    cache: Path | None = None,
    offline: bool = False,
) -> Briefing:
    """The dated briefing of ``inputs``: files, folders (read recursively), web pages and
    feeds (fetched through ``cache``, by default the user's cache folder; ``offline``: the
    cache only) and ``Document`` records (from ``read_release``), in any mix. Inputs that
    cannot be read are left out with a ``BriefgenWarning``; none left raises
    ``NoUsableInputError``. ``workers`` processes read and summarize a large folder (the
    command line uses every core)."""
    from briefgen.fetch import fetch_options, is_web_address
    from briefgen.pipeline import build_briefing as briefing_of_request

    documents: list[Document] = []
    paths: list[Path] = []
    urls: list[str] = []
    for item in inputs:
        if isinstance(item, Document):
            documents.append(item)
        elif isinstance(item, str) and is_web_address(item):
            urls.append(item)
        else:
            paths.append(Path(item))
    request = BriefingRequest(
        inputs=tuple(paths),
        briefing_date=date,
        fmt=OutputFormat.MD,  # not rendered here: render() takes the Briefing
        output=None,
        summary=summary_options(
            sentences=sentences, words=words, ratio=ratio, method=method, language=language
        ),
        editorial=Editorial(
            group_by=GroupBy(group_by),
            order=Order(order),
            top=top,
            explain=explain,
            watch=tuple(watch),
        ),
        title=title,
        since=since,
        until=until,
        urls=tuple(urls),
        fetch=fetch_options(cache, offline),
        documents=tuple(documents),
    )
    try:
        result = briefing_of_request(request, workers=workers)
    except NoUsableInputError as error:
        for failure in error.failures:
            warnings.warn(str(failure), BriefgenWarning, stacklevel=2)
        raise
    for failure in result.failures:
        warnings.warn(str(failure), BriefgenWarning, stacklevel=2)
    return result.briefing


def document_from_record(
    record: dict[str, Any],
    *,
    date: datetime.date | None = None,
    language: LanguageName | Language = "auto",
) -> Document:
    """A release given as a record (``id``, ``text``; optional ``title``, ``date`` (with a
    time, "2026-11-20T14:05", where versions of a release must be told apart),
    ``site``, ``url``, ``language``), read as a ``.txt`` release is: what the record
    states wins over what the text suggests. The record's ``id`` is its source."""
    from briefgen.ingest import RawRelease, as_time, web_address
    from briefgen.pipeline import document_from_raw

    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputFileError("a record needs 'text'", str(record.get("id", "?")))
    source = str(record.get("id", ""))
    title = record.get("title")
    day = _record_date(record.get("date"), source)
    raw = RawRelease(
        source,
        record["text"],
        title=str(title) if title else None,
        title_source="record" if title else "",
        date=day,
        date_source="record" if day else "",
        site=str(record.get("site") or ""),
        url=web_address(record.get("url")),
        time=as_time(record.get("date")) if day else "",
    )
    chosen = Language(record["language"]) if record.get("language") else Language(language)
    return document_from_raw(raw, briefing_date=date, language=chosen)


def _record_date(value: Any, source: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InputFileError(f"'date' is not an ISO date: {str(value)[:40]!r}", source) from None


def summarize_record(
    record: dict[str, Any],
    *,
    date: datetime.date,
    sentences: int = 3,
    words: int | None = None,
    ratio: float | None = None,
    method: MethodName | Method | None = None,
    language: LanguageName | Language = "auto",
) -> dict[str, Any]:
    """Record in, record out: the fields of ``summarize --format json`` for one record,
    keyed by its ``id`` (what ``briefgen scale summarize`` runs on every worker)."""
    from briefgen.pipeline import summary_item
    from briefgen.rendering import summary_record
    from briefgen.summarize import summarize

    options = summary_options(
        sentences=sentences, words=words, ratio=ratio, method=method, language=language
    )
    document = document_from_record(record, date=date, language=options.language)
    return summary_record(summary_item(summarize(document, options)))


@overload
def render(
    briefing: Briefing | Summary,
    fmt: Literal["md", "html", "json", "text"] = "md",
    *,
    template_dir: str | Path | None = None,
) -> str: ...


@overload
def render(
    briefing: Briefing | Summary, fmt: Literal["pdf"], *, template_dir: str | Path | None = None
) -> bytes: ...


def render(
    briefing: Briefing | Summary, fmt: Format = "md", *, template_dir: str | Path | None = None
) -> str | bytes:
    """A briefing (or one release's summary) as Markdown, HTML, JSON or PDF (bytes); a
    summary also as plain text."""
    from briefgen.pipeline import render_summary
    from briefgen.rendering import render as render_briefing
    from briefgen.rendering import template_environment

    folder = Path(template_dir) if template_dir is not None else None
    chosen = OutputFormat(fmt)
    if isinstance(briefing, Summary):
        day = briefing.document.date or datetime.date(1970, 1, 1)
        return render_summary(briefing, chosen, folder, day)
    if chosen is OutputFormat.TEXT:
        raise ValueError("plain text is a format of one release's summary; use md")
    return render_briefing(briefing, chosen, template_environment(folder), folder)
