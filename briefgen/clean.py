"""Remove what scrapers leave around a release: share buttons, view counts, date lines,
"Similar news" and everything after it. The rules are data; each is tested on real text.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from briefgen.metadata import MONTH_PATTERN, is_date_line
from briefgen.models import Document
from briefgen.tokenize import UPPER_LETTERS

# A line that is one of these ends the release: what follows lists *other* stories.
CUT_AFTER_MARKERS: tuple[str, ...] = (
    "similar news",
    "related news",
    "related articles",
    "related stories",
    "related",
    "other news",
    "more news",
    "latest news",
    "read also",
    "also read",
    "see also",
    "read more news",
    "you may also like",
    "похожие новости",
    "другие новости",
    "читайте также",
    "смотрите также",
    "ещё новости",
    "еще новости",
    "последние новости",
    "новости по теме",
    "материалы по теме",
    "ұқсас жаңалықтар",
    "басқа жаңалықтар",
    "тағы оқыңыз",
    "соңғы жаңалықтар",
    "тақырыпқа қатысты жаңалықтар",
)

# Phrases of page furniture; removed where they stand at the start or end of a line.
FURNITURE_PHRASES: tuple[str, ...] = (
    "tell a friend",
    "send to a friend",
    "share this article",
    "share this",
    "share",
    "print this page",
    "print version",
    "print",
    "email",
    "subscribe",
    "bookmark",
    "рассказать другу",
    "поделиться",
    "версия для печати",
    "распечатать",
    "подписаться",
    "досыңа айт",
    "досыңызға айтыңыз",
    "бөлісу",
    "басып шығару",
    "жазылу",
)

# Whole lines dropped as page furniture (matched against the stripped line).
DROP_LINE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.I)
    for pattern in (
        r"\d{1,7}",  # a bare view or comment counter
        r"(?:views?|просмотр\w*|қаралды|көрілді)\s*[:\-]?\s*\d[\d\s]*",
        r"\d[\d\s]*\s*(?:views?|просмотр\w*|рет қаралды)",
        r"(?:comments?|комментари\w*|пікірлер)\s*[:(]?\s*\d*\)?",
        r"(?:follow us|подписывайтесь|бізге жазылыңыз)\b.*",
        r"(?:read more|подробнее|толығырақ)\s*[.…]*",
        r"(?:back to (?:top|news)|наверх|жоғары)",
        r"(?:photo|фото|сурет)\s*:.{0,80}",
        r"(?:©|\(c\)|copyright\b).{0,120}",
        r".{0,80}\ball rights reserved\b.{0,40}",
        r"(?:home|главная|басты бет)\s*(?:[>/»›]\s*[^>/»›]{1,40}){1,4}",  # breadcrumbs
        r"[\W_]+",  # no letter or digit at all: "# # #", "***", "-----"
        r"\(?(?:official white house )?photo by [^)]{1,80}\)?",
    )
)

# Markup a scraper left in the text ("<!-- -->", "<sup>st</sup>", "<u>", "**", "&nbsp;",
# "<https://...>"):
# removed from the words around it, so that a good sentence prints clean.
MARKUP_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<!--.*?(?:-->|$)"), ""),
    (re.compile(r"<(https?://[^<>\s]+)>"), r"\1"),  # an autolink: <https://example.gov>
    # An image's tag with its srcset runs past a thousand characters.
    (re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,3000})?/?>"), ""),
    (re.compile(r"^[^<>]{0,200}\"\s*/>"), ""),  # the end of a tag broken across lines
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    # Emphasis left unbalanced ("*A Nation of Bridge Builders**,*", "Interne**t", "****"); a
    # star between two words or figures ("2*3") is kept.
    (re.compile(r"\*{2,}|(?<!\w)\*|\*(?!\w)"), ""),
    (re.compile(r"&(?:nbsp|#160);"), " "),
    (re.compile(r"(?<=[.!?])\s+\.(?=\s|$)"), ""),  # a stray full stop: "Initiative. ."
)

# A news-agency dateline opening a paragraph: "москва, 1 дек — риа новости.", "(CNN)",
# "WASHINGTON (Reuters) -", "ASTANA, 5 March 2024 - Kazinform -". Dropped, text kept.
DATELINES: tuple[re.Pattern[str], ...] = (
    re.compile(
        rf"^[^\W\d_][^\W\d_ .-]*(?:[ -][^\W\d_]+){{0,3}}, \d{{1,2}} (?:{MONTH_PATTERN})[^\W\d_]*\.?"
        r"(?: \d{4})?(?: г\.| года)?\s*[—–-]+\s*[^.—–-]{2,40}?(?:\.|\s[—–-]+)\s+",
        re.I,
    ),
    re.compile(
        r"^(?:[A-ZА-ЯЁ][\w .,'-]{0,40})?\((?:CNN|Reuters|AP|AFP|Bloomberg|Kazinform|ТАСС|"
        r"РИА Новости|Интерфакс)\)\s*(?:[—–-]+\s*)?",
    ),
)

_FURNITURE = "|".join(re.escape(p) for p in sorted(FURNITURE_PHRASES, key=len, reverse=True))
_LEADING_FURNITURE = re.compile(rf"^(?:(?:{_FURNITURE})\b[\s|•·,]*)+", re.I)
_TRAILING_FURNITURE = re.compile(rf"(?:[\s|•·,]*\b(?:{_FURNITURE}))+$", re.I)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACE_CHARS = r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
# Runs of spacing other than one plain space (which stays as it is: most of a text, and
# replacing each would cost more than all the rest of cleaning).
_SPACES = re.compile(rf"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]{_SPACE_CHARS}*| {_SPACE_CHARS}+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Unicode category Cc, less \t \n


@dataclass(frozen=True)
class CleanText:
    lines: list[str]  # kept lines; "" marks a paragraph break
    removed: list[str]  # dropped lines, for --explain and tests


def normalize(text: str) -> str:
    """NFC, Unix newlines, plain spaces, no zero-width characters or control codes."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_INVISIBLE)
    text = _CONTROL.sub("", text)
    return "\n".join(line.strip() for line in _SPACES.sub(" ", text).split("\n"))


def _is_cut_marker(line: str) -> bool:
    return line.casefold().rstrip(" :.") in CUT_AFTER_MARKERS


# A paragraph's number in a communiqué or a resolution ("1. We, the Leaders of the G7, met
# in Hiroshima ..."), or a list's bullet ("• ", "- ", and the "o " of a word processor's
# second-level list): a reference for the document's readers, noise in a summary. Not a
# dash of direct speech ("— Мы готовы, — сказал министр").
_PARAGRAPH_NUMBER = re.compile(
    r"^(?:\d{1,3}[.)] +(?=[^\W\d_])|[-•·▪◦●■‣⁃*] +(?=\S)|o +(?=[A-Z\d$]))"
)


def strip_furniture(line: str) -> str:
    """Remove share/print/"Tell a friend" phrases from the ends of a line, a dateline and
    a paragraph's number or bullet."""
    line = _PARAGRAPH_NUMBER.sub("", _LEADING_FURNITURE.sub("", line))
    for dateline in DATELINES:
        line = dateline.sub("", line, count=1)
    return _without_trailing_furniture(line).strip()


_TAIL = 200  # trailing furniture is a few short phrases: look at the end of a long line


def _without_trailing_furniture(line: str) -> str:
    if len(line) <= _TAIL:
        return _TRAILING_FURNITURE.sub("", line)
    head, tail = line[:-_TAIL], line[-_TAIL:]
    match = _TRAILING_FURNITURE.search(tail)
    if match is None:
        return line
    if match.start() == 0:  # it may reach further back: read the whole line
        return _TRAILING_FURNITURE.sub("", line)
    return head + tail[: match.start()]


def _is_furniture_line(line: str) -> bool:
    return any(pattern.fullmatch(line) for pattern in DROP_LINE_PATTERNS)


def strip_markup(line: str) -> str:
    """``line`` without the HTML and Markdown markup a scraper left in it."""
    if not any(mark in line for mark in ("<", "&", "*", "_", " .")):
        return line
    for pattern, replacement in MARKUP_RULES:
        line = pattern.sub(replacement, line)
    return html.unescape(" ".join(line.split())) if "&" in line else " ".join(line.split())


# A dateline of a place alone, in capitals, opening the body: "WASHINGTON, D.C. – First
# Lady Jill Biden will ...", "NEW YORK — ...". A word of five capitals or two words, so
# that "NATO – Russia Council ..." and "U.S. – China ..." keep their subject.
_CAPS_WORD = rf"[{UPPER_LETTERS}][{UPPER_LETTERS}.'’-]+"
_CAPS_DATELINE = re.compile(
    rf"^(?=[{UPPER_LETTERS}]{{5}}|{_CAPS_WORD},? {_CAPS_WORD})"
    rf"{_CAPS_WORD}(?:,? {_CAPS_WORD}){{0,3}} +[–—-]+ +(?=\S)"
)
_DATELINE_LINES = 4  # a dateline opens the body: the title and a line or two above it


def clean_text(text: str) -> CleanText:
    """Normalize ``text`` and drop boilerplate lines; stop at a "Similar news" marker."""
    kept: list[str] = []
    removed: list[str] = []
    lines = [strip_markup(line) for line in normalize(text).split("\n")]
    for index, line in enumerate(lines):
        if not line:
            if kept and kept[-1]:
                kept.append("")
            continue
        if _is_cut_marker(line):
            removed.extend(ln for ln in lines[index:] if ln)
            break
        stripped = strip_furniture(line)
        if len(kept) < _DATELINE_LINES:
            stripped = _CAPS_DATELINE.sub("", stripped, count=1)
        if not stripped or is_date_line(stripped) or _is_furniture_line(stripped):
            removed.append(line)
            continue
        if stripped != line:
            removed.append(line)
        if kept and stripped == kept[-1]:  # the same line twice in a row
            removed.append(line)
            continue
        kept.append(stripped)
    while kept and not kept[-1]:
        kept.pop()
    return CleanText(kept, removed)


_TERMINAL = (".", "!", "?", "…", ":", ";", '"', "»", "”", ")")


def to_paragraphs(lines: list[str]) -> list[str]:
    """Group lines into paragraphs.

    Scraped releases put one paragraph per line; mail and text files wrap lines inside
    a paragraph. A line is joined to the one before it only when that one has no
    closing punctuation (or ends in a colon) and this one goes on in lower case.
    """
    paragraphs: list[list[str]] = []  # each paragraph's lines, joined once at the end
    joinable = False
    for line in lines:
        if not line:
            joinable = False
            continue
        if joinable and paragraphs and line[0].islower():
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
        # A colon leads into what follows ("We are taking steps to:" / "support Ukraine ...").
        joinable = line.endswith(":") or not line.endswith(_TERMINAL)
    return [" ".join(parts) for parts in paragraphs]


# Learned boilerplate: a line that one site prints on many of its releases is page
# furniture, whatever its words ("Follow the Ministry on Telegram", an "About us" note).
LEARNED_MIN_RELEASES = 3
LEARNED_MIN_SHARE = 0.4  # of that site's releases in the run


def repeated_lines(releases: list[tuple[str, ...]]) -> set[str]:
    """Lines found in at least ``LEARNED_MIN_RELEASES`` and ``LEARNED_MIN_SHARE`` of
    ``releases`` (each given as its paragraphs; one site's releases at a time)."""
    if len(releases) < LEARNED_MIN_RELEASES:
        return set()
    counts: dict[str, int] = {}
    for paragraphs in releases:
        for line in set(paragraphs):
            counts[line] = counts.get(line, 0) + 1
    needed = max(LEARNED_MIN_RELEASES, LEARNED_MIN_SHARE * len(releases))
    return {line for line, count in counts.items() if count >= needed}


def drop_learned_boilerplate(documents: Sequence[Document]) -> list[Document]:
    """Remove lines a site repeats on many of its releases (see ``repeated_lines``)."""
    by_site: dict[str, list[Document]] = {}
    for document in documents:
        by_site.setdefault(document.site or str(Path(document.source).parent), []).append(document)
    cleaned: dict[str, Document] = {}
    for group in by_site.values():
        repeated = repeated_lines([document.paragraphs for document in group])
        for document in group:
            kept = tuple(p for p in document.paragraphs if p not in repeated)
            if kept and len(kept) < len(document.paragraphs):  # never empty a release
                dropped = tuple(p for p in document.paragraphs if p in repeated)
                document = replace(
                    document, paragraphs=kept, removed_lines=document.removed_lines + dropped
                )
            cleaned[document.source] = document
    return [cleaned[document.source] for document in documents]
