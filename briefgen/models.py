"""The typed records that pass between pipeline stages.

ingest, clean, metadata -> ``Document`` -> summarize -> ``Summary``
    -> assemble -> ``Briefing`` -> render
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath


@dataclass(frozen=True)
class Document:
    """One release after cleaning, with the metadata found for it."""

    source: str  # the input path as the user gave it, or "-" for stdin
    title: str
    language: str  # "en", "ru" or "kk"
    paragraphs: tuple[str, ...]  # cleaned body text, one entry per paragraph
    date: date | None = None
    title_source: str = "derived"  # front-matter | html | first-line | derived
    date_source: str = "none"  # front-matter | html | text | text (year inferred) | none
    removed_lines: tuple[str, ...] = field(default=(), repr=False)  # dropped as boilerplate
    site: str = ""  # the publishing site or office, where the release names it
    url: str = ""  # where it is published (http or https only), where the input says
    time: str = ""  # "HH:MM" of publication, where the input gives one

    @property
    def publisher(self) -> str:
        """Who published it: its site, else the folder it came from (one source's files)."""
        return self.site or str(PurePath(self.source).parent)

    @property
    def when(self) -> tuple[int, int]:
        """(day, minute of the day): sorts versions oldest first, unknown dates and times
        before known ones."""
        hours, _, minutes = self.time.partition(":")
        minute = int(hours) * 60 + int(minutes) if self.time else -1
        return (self.date.toordinal() if self.date else 0, minute)

    @property
    def dated_by_input(self) -> bool:
        """Whether its date is the one its input declares (front matter, a page's metadata,
        a feed, a record, an e-mail), not one read from its text, which may be any date the
        text mentions."""
        return self.date is not None and not self.date_source.startswith(("text", "none"))

    @property
    def date_label(self) -> str:
        """How the date reads to a reader, saying when its year was inferred."""
        from briefgen.rendering import long_date

        if self.date is None:
            return "undated"
        if self.date_source == "text (year inferred)":
            return f"{self.date.day} {long_date(self.date).split()[1]}, year inferred"
        return long_date(self.date)

    @property
    def origin(self) -> str:
        """Where the release comes from, for a reader: its site, else its file."""
        return self.site or self.source

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


@dataclass(frozen=True)
class Summary:
    """The sentences chosen from one document, in document order."""

    document: Document
    method: str
    sentences: tuple[str, ...]
    scores: tuple[tuple[str, float], ...] = field(default=(), repr=False)  # for --explain
    notes: tuple[str, ...] = ()  # for --explain: limits that shaped the choice
    # Why each sentence of ``scores`` is passed over, or None (the default method): what
    # choosing again without re-rating needs.
    reasons: tuple[str | None, ...] = field(default=(), repr=False)

    @property
    def word_count(self) -> int:
        return sum(len(s.split()) for s in self.sentences)

    @property
    def best_sentence(self) -> str:
        """The chosen sentence the method rated highest (the first where ratings tie or
        are missing): what the release is about in one line."""
        if not self.sentences:
            return ""
        rating = dict(reversed(self.scores))  # a repeated sentence keeps its first rating
        return max(self.sentences, key=lambda s: rating.get(s, float("-inf")))


@dataclass(frozen=True)
class Facts:
    """Key facts of a story: what the text itself names."""

    countries: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # organisations and people the text names repeatedly


@dataclass(frozen=True)
class Item:
    """One story in a briefing: the summary of its fullest release, and every source."""

    summary: Summary
    sources: tuple[str, ...]
    importance: float = 0.0
    event: int = 0  # items with the same number report the same event
    topic: str = ""
    facts: Facts = field(default_factory=Facts)
    explain: bool = False  # show the scores and removed lines behind the summary
    watch: tuple[str, ...] = ()  # the watch-list terms its releases mention
    watch_weight: float = 0.0  # how much it is about them (title 2, else mentions per 100 words)
    carried_by: tuple[str, ...] = ()  # the other releases' publishers (else their files)
    updated: str = ""  # when the version shown superseded earlier ones ("14:05", a date)
    updates: tuple[str, ...] = ()  # the earlier versions from the same publisher, oldest first
    other_versions: tuple[str, ...] = ()  # versions whose order to the one shown is unknown
    related: tuple[str, ...] = ()  # the publisher's other releases on the same event (titles)
    weighed_by: tuple[str, ...] = ()  # the terms of its importance and watch weight (--explain)

    @property
    def rank(self) -> float:
        """What orders the briefing: importance, times 1 + the watch weight."""
        return self.importance * (1 + self.watch_weight)

    @property
    def document(self) -> Document:
        return self.summary.document

    @property
    def sentences(self) -> tuple[str, ...]:
        return self.summary.sentences

    @property
    def method(self) -> str:
        return self.summary.method


@dataclass(frozen=True)
class Section:
    title: str  # "" for a briefing without sections
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Briefing:
    """A dated briefing: what every template receives, and nothing else."""

    title: str
    date: date
    sections: tuple[Section, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items)

    @property
    def release_count(self) -> int:
        """How many releases the items cover (a story carried by three sites counts three)."""
        return sum(len(item.sources) for item in self.items)

    @property
    def show_contents(self) -> bool:
        """A table of contents helps once there are more than a few items."""
        return len(self.items) > 3

    @property
    def overview(self) -> tuple[str, ...]:
        """The day in brief: one line per top story (the first item of each of the first
        ``OVERVIEW_STORIES`` stories in the briefing's order), its most informative sentence
        (``Summary.best_sentence``), shortened at a word where it is long; empty for a
        briefing of fewer than three stories."""
        return tuple(line for line, _ in self.overview_lines)

    @property
    def overview_lines(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The day in brief as (line, the watch-list terms of its story), for highlighting."""
        items = self.items
        if len(items) < 3:
            return ()
        return tuple(
            (shortened(item.summary.best_sentence), item.watch)
            for item in items[:OVERVIEW_STORIES]
            if item.sentences
        )


OVERVIEW_STORIES = 5
OVERVIEW_WORDS = 30


def shortened(sentence: str, words: int = OVERVIEW_WORDS) -> str:
    """``sentence`` cut after ``words`` words, with an ellipsis; its words unchanged."""
    parts = sentence.split()
    if len(parts) <= words:
        return sentence
    return " ".join(parts[:words]).rstrip(",;:—–-") + "…"
