"""Typed options, built once by the CLI and passed to the core."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefgen.models import Document


class Method(str, Enum):
    """Summarization methods: sumy's summarizers, the ``lead`` baseline and ``newslead``."""

    LEAD = "lead"
    NEWSLEAD = "newslead"
    LEXRANK = "lexrank"
    TEXTRANK = "textrank"
    LSA = "lsa"
    LUHN = "luhn"
    KL = "kl"
    SUMBASIC = "sumbasic"
    EDMUNDSON = "edmundson"
    REDUCTION = "reduction"


# Measured best (EVALUATION.md): every sumy method scores 7-10 ROUGE-1 points below the first
# sentences on real news; newslead is 0.38 above them there, and equal on press releases.
DEFAULT_METHOD = Method.NEWSLEAD


class Language(str, Enum):
    AUTO = "auto"
    EN = "en"
    RU = "ru"
    KK = "kk"


class GroupBy(str, Enum):
    NONE = "none"
    SOURCE = "source"
    TOPIC = "topic"
    DATE = "date"


class Order(str, Enum):
    IMPORTANCE = "importance"
    DATE = "date"


class OutputFormat(str, Enum):
    TEXT = "text"
    MD = "md"
    HTML = "html"
    PDF = "pdf"
    JSON = "json"
    EML = "eml"  # the briefing as an e-mail message (briefgen.mail)

    @property
    def extension(self) -> str:
        return "txt" if self is OutputFormat.TEXT else self.value


@dataclass(frozen=True)
class SummaryOptions:
    """How long a summary is and how it is made."""

    method: Method = DEFAULT_METHOD
    sentences: int = 3
    ratio: float | None = None  # fraction of the document's sentences, instead of a count
    words: int | None = None  # a word budget, instead of a count
    language: Language = Language.AUTO


@dataclass(frozen=True)
class Editorial:
    """How releases become the items of a briefing."""

    group_by: GroupBy = GroupBy.NONE
    order: Order = Order.IMPORTANCE
    top: int | None = None  # this many most important stories first
    deduplicate: bool = True  # one item per story, every source listed
    explain: bool = False
    watch: tuple[str, ...] = ()  # countries, organisations, people or words the desk follows


@dataclass(frozen=True)
class Envelope:
    """What an e-mailed briefing carries besides the briefing: the addresses, whether the
    PDF is attached, and when it was made (the Date header; read by the CLI only)."""

    sender: str = ""
    to: tuple[str, ...] = ()
    attach_pdf: bool = False
    created: datetime = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class FetchOptions:
    """How pages are fetched. ``cache_dir`` None: no cache (every run downloads)."""

    cache_dir: Path | None = None
    offline: bool = False  # only the cache answers
    timeout: float = 20.0  # seconds to connect, and to wait for the next bytes
    deadline: float = 60.0  # seconds for a whole page, however slowly it trickles
    max_bytes: int = 10 * 1024 * 1024  # a press release is far smaller
    max_redirects: int = 5
    per_host: int = 2  # requests to one host at a time
    at_once: int = 4  # requests in all at a time
    max_entries: int = 200  # entries read from one feed (the newest)


@dataclass(frozen=True)
class BriefingRequest:
    """Everything ``brief`` needs; the briefing date is always given explicitly."""

    inputs: tuple[Path, ...]
    briefing_date: date
    fmt: OutputFormat
    output: Path | None  # None: standard output
    summary: SummaryOptions = field(default_factory=SummaryOptions)
    editorial: Editorial = field(default_factory=Editorial)
    title: str | None = None
    since: date | None = None
    until: date | None = None
    template_dir: Path | None = None
    state_file: Path | None = None  # with it, only releases not seen in earlier runs
    envelope: Envelope = field(default_factory=Envelope)  # for the eml format
    urls: tuple[str, ...] = ()  # pages and feeds (briefgen.web)
    fetch: FetchOptions = field(default_factory=FetchOptions)
    documents: tuple[Document, ...] = ()  # releases already read (the Python API's records)


@dataclass(frozen=True)
class BatchRequest:
    """Everything ``batch`` needs."""

    inputs: tuple[Path, ...]
    briefing_date: date
    fmt: OutputFormat
    outdir: Path
    summary: SummaryOptions = field(default_factory=SummaryOptions)
    editorial: Editorial = field(default_factory=Editorial)
    by_date: bool = False
    force: bool = False  # redo outputs that are already newer than their input
    workers: int = 1
    title: str | None = None
    since: date | None = None
    until: date | None = None
    template_dir: Path | None = None
    urls: tuple[str, ...] = ()  # pages and feeds (briefgen.web)
    fetch: FetchOptions = field(default_factory=FetchOptions)
