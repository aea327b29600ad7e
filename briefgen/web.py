"""Releases from web addresses: a page is one release; a feed, the pages of its entries
within the briefing's dates. Each release keeps where it came from: the page's address,
and the entry's title and date, which beat any the page's text suggests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TypeVar
from urllib.parse import urljoin, urlsplit

from briefgen import ingest
from briefgen.config import FetchOptions
from briefgen.errors import InputFileError
from briefgen.feeds import Entry, looks_like_feed, parse_feed
from briefgen.fetch import Fetcher, Page

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class WebReleases:
    """What the addresses gave: releases, and one error for each page or feed that failed."""

    releases: list[ingest.RawRelease]
    failures: list[InputFileError]


def entry_window(briefing_date: date, since: date | None, until: date | None) -> tuple[date, date]:
    """The dates a feed's entries are read for: --since/--until, else the briefing day and
    the day before (a morning briefing covers yesterday evening too)."""
    if since is None and until is None:
        return briefing_date - timedelta(days=1), briefing_date
    return since or date.min, until or date.max


def read_addresses(
    urls: Sequence[str],
    options: FetchOptions,
    *,
    briefing_date: date,
    since: date | None = None,
    until: date | None = None,
) -> WebReleases:
    """Fetch every address (a few at a time) and read the releases they hold."""
    urls = list(dict.fromkeys(urls))  # an address named twice is fetched once
    fetcher = Fetcher(options)
    failures: list[InputFileError] = []
    window = entry_window(briefing_date, since, until)
    pages: dict[str, Page] = {}
    wanted: list[tuple[str, Entry | None]] = []  # each page to read, with its feed entry
    for url, fetched in zip(urls, _each(fetcher.get, urls, options.at_once), strict=True):
        if isinstance(fetched, InputFileError):
            failures.append(fetched)
        elif looks_like_feed(fetched.data):
            try:
                entries = parse_feed(fetched.data, url)
            except InputFileError as error:
                failures.append(error)
                continue
            chosen, note = _entries_in(entries, window, options.max_entries, url)
            failures.extend([note] if note else [])
            wanted.extend((urljoin(fetched.final_url, e.link), e) for e in chosen)
        else:
            pages[url] = fetched
            wanted.append((url, None))
    unique: dict[str, Entry | None] = {}  # a page named twice (two feeds) is read once
    for url, entry in wanted:
        unique.setdefault(url, entry)
    missing = [url for url in unique if url not in pages]
    for url, fetched in zip(missing, _each(fetcher.get, missing, options.at_once), strict=True):
        if isinstance(fetched, InputFileError):
            failures.append(fetched)
        else:
            pages[url] = fetched
    releases = []
    for url, entry in unique.items():
        if url in pages:
            try:
                releases.append(release_of(pages[url], briefing_date, entry))
            except InputFileError as error:
                failures.append(error)
    return WebReleases(releases, failures)


def read_page(url: str, options: FetchOptions, briefing_date: date) -> ingest.RawRelease:
    """The release one web page holds (a feed is refused: it holds many)."""
    page = Fetcher(options).get(url)
    if looks_like_feed(page.data):
        raise InputFileError("a feed holds many releases: brief it (briefgen brief URL)", url)
    return release_of(page, briefing_date)


def _each(function: Callable[[T], R], items: Sequence[T], at_once: int) -> list[R | InputFileError]:
    """``function`` of each item on a few threads, in the items' order; an
    ``InputFileError`` is kept as the item's result."""

    def guarded(item: T) -> R | InputFileError:
        try:
            return function(item)
        except InputFileError as error:
            return error

    if len(items) <= 1:
        return [guarded(item) for item in items]
    with ThreadPoolExecutor(max_workers=at_once) as pool:
        return list(pool.map(guarded, items))


def _entries_in(
    entries: list[Entry], window: tuple[date, date], most: int, feed: str
) -> tuple[list[Entry], InputFileError | None]:
    """The entries dated within the window (undated ones too: their pages may say), at
    most ``most`` of them, the newest; and a note when some were left out for that."""
    first, last = window
    inside = [e for e in entries if e.link and (e.date is None or first <= e.date <= last)]
    if len(inside) <= most:
        return inside, None
    newest = sorted(inside, key=lambda e: (e.published is not None, e.published), reverse=True)
    kept = set(map(id, newest[:most]))
    note = InputFileError(
        f"{len(inside)} entries within the dates; only the newest {most} were read", feed
    )
    return [e for e in inside if id(e) in kept], note


def _binary_suffix(page: Page) -> str:
    """The file type of a page that is a document, not text (".pdf", ".docx", ".odt"), by
    its first bytes, then its content type or address; "" for text."""
    kind, address = page.content_type.lower(), page.final_url.lower()
    if page.data.startswith(b"%PDF"):
        return ".pdf"
    if page.data.startswith(b"PK"):
        if "wordprocessingml" in kind or address.endswith(".docx"):
            return ".docx"
        if "opendocument" in kind or address.endswith(".odt"):
            return ".odt"
    return ""


def release_of(
    page: Page, briefing_date: date | None, entry: Entry | None = None
) -> ingest.RawRelease:
    """The release a fetched page holds, by its content: PDF, Word, HTML or plain text."""
    from briefgen import formats

    data, source = page.data, page.url
    if not data.strip():
        raise InputFileError("empty page", source)
    suffix = _binary_suffix(page)
    if suffix:
        raw = formats.BINARY_READERS[suffix](data, source, briefing_date)
    else:
        text = ingest.decode(data, source)
        raw = ingest.sniffed_reader(text, page.content_type)(text, source, briefing_date)
    raw = replace(
        raw,
        url=ingest.web_address(page.final_url),
        site=raw.site or (entry.site if entry else "") or urlsplit(page.final_url).hostname or "",
    )
    if entry is None:
        return raw
    if entry.title:
        raw = replace(raw, title=entry.title, title_source="feed")
    if entry.date:
        raw = replace(raw, date=entry.date, date_source="feed", time=entry.time)
    return raw
