"""The typed records that pass between pipeline stages.

ingest, clean, metadata -> ``Document`` -> summarize -> ``Summary``
    -> assemble -> ``Briefing`` -> render
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


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

    @property
    def word_count(self) -> int:
        return sum(len(s.split()) for s in self.sentences)


@dataclass(frozen=True)
class Briefing:
    """A dated briefing: what every template receives, and nothing else."""

    title: str
    date: date
    items: tuple[Summary, ...]

    @property
    def show_contents(self) -> bool:
        """A table of contents helps once there are more than a few items."""
        return len(self.items) > 3
