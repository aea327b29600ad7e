"""Title and date of a release: documented fallback chains over the cleaned lines.

The briefing date is always passed in: a date printed without a year ("02 February,
15:01") takes the year that makes it the latest date not after the briefing date, so
no release is ever dated in the future of the briefing that lists it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from briefgen.tokenize import split_sentences

# Month names by their stems; inflected forms ("марта", "қыркүйекте") match by prefix.
_MONTH_STEMS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, ("january", "jan", "январ", "янв", "қаңтар")),
    (2, ("february", "feb", "феврал", "фев", "ақпан")),
    (3, ("march", "mar", "март", "мар", "наурыз")),
    (4, ("april", "apr", "апрел", "апр", "сәуір")),
    (5, ("may", "ма[йя]", "мамыр")),
    (6, ("june", "jun", "июн", "маусым")),
    (7, ("july", "jul", "июл", "шілде")),
    (8, ("august", "aug", "август", "авг", "тамыз")),
    (9, ("september", "sept", "sep", "сентябр", "сен", "қыркүйек")),
    (10, ("october", "oct", "октябр", "окт", "қазан")),
    (11, ("november", "nov", "ноябр", "ноя", "қараша")),
    (12, ("december", "dec", "декабр", "дек", "желтоқсан")),
)
MONTH_PATTERN = "|".join(stem for _, stems in _MONTH_STEMS for stem in stems)
_MONTH = MONTH_PATTERN
_MONTH_RES = [
    (number, re.compile("(?:" + "|".join(stems) + ")", re.I)) for number, stems in _MONTH_STEMS
]

# Each pattern names its groups: year (optional for the day-month forms), month, day.
_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # 2023-09-07
    re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
    # 07.09.2023
    re.compile(r"(?<!\d)(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?!\d)"),
    # 2023 жылғы 7 қыркүйек / 2023 ж. 7 қыркүйек
    re.compile(
        rf"(?<!\d)(?P<year>\d{{4}})\s*(?:ж\.|жылғы|жылы)\s*(?P<day>\d{{1,2}})\s+"
        rf"(?P<month>(?:{_MONTH})[^\W\d_]*)",
        re.I,
    ),
    # 02 February, 15:01 / 7 сентября 2023 г. / 7 September 2023
    re.compile(
        rf"(?<!\d)(?P<day>\d{{1,2}})\s+(?P<month>(?:{_MONTH})[^\W\d_]*)\.?,?"
        rf"(?:\s+(?P<year>\d{{4}})(?!\d|:))?",
        re.I,
    ),
    # September 7, 2023 / Sept. 7
    re.compile(
        rf"\b(?P<month>(?:{_MONTH})[^\W\d_]*)\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d|:)"
        rf"(?:,?\s+(?P<year>\d{{4}})(?!\d))?",
        re.I,
    ),
)

# What else may stand on a line that only dates the release.
_DATE_LINE_REST = re.compile(
    r"""(?:\b(?:date|dated|published|posted|updated|дата|опубликовано|обновлено|жарияланды|
    күні)\b|\d{1,2}:\d{2}(?::\d{2})?|\b(?:am|pm)\b|\d+|года|г\.|жылы|ж\.|[\s,.:;|/()\-–—•·])+""",
    re.I | re.X,
)


@dataclass(frozen=True)
class FoundDate:
    value: date
    source: str  # "text" or "text (year inferred)"


def _month_number(name: str) -> int | None:
    if name.isdigit():
        return int(name)
    for number, pattern in _MONTH_RES:
        if pattern.match(name):
            return number
    return None


def _latest_not_after(month: int, day: int, briefing_date: date) -> date | None:
    """The latest (month, day) on or before ``briefing_date``; None if no year has it."""
    for year in range(briefing_date.year, briefing_date.year - 9, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:  # 29 February in a common year, 31 April...
            continue
        if candidate <= briefing_date:
            return candidate
    return None


def find_date(text: str, briefing_date: date | None) -> FoundDate | None:
    """The first date written in ``text``, with its year inferred when it is missing."""
    best: tuple[int, FoundDate] | None = None
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if not match or (best is not None and match.start() >= best[0]):
            continue
        month = _month_number(match["month"])
        day = int(match["day"])
        if month is None or not 1 <= month <= 12:
            continue
        found: FoundDate | None = None
        if match["year"]:
            try:
                found = FoundDate(date(int(match["year"]), month, day), "text")
            except ValueError:
                continue
        else:
            inferred = _latest_not_after(month, day, briefing_date) if briefing_date else None
            found = FoundDate(inferred, "text (year inferred)") if inferred else None
        if found:
            best = (match.start(), found)
    return best[1] if best else None


_DATE_LINE_MAX = 120  # a line that only dates a release is short
_DIGIT = re.compile(r"\d")


# A place beside the date on a line of its own: "20 May 2023, Hiroshima", "Washington,
# D.C., March 5, 2024". Capitalised words only: "Talks in Hiroshima, 20 May" is a heading.
_PLACE_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.-])*")
_PLACE_WORDS_MAX = 4


def _is_place(rest: str) -> bool:
    """Whether what a line holds beside its date is a place: a few capitalised words."""
    words = [word for word in re.split(r"[\s,]+", rest.strip(" ,.:;–—-")) if word]
    return 0 < len(words) <= _PLACE_WORDS_MAX and all(
        word[0].isupper() and _PLACE_WORD.fullmatch(word) for word in words
    )


def is_date_line(line: str) -> bool:
    """True for a line that only dates the release: "date 2023-09-07", "02 February, 15:01
    233", or dates and places it: "Hiroshima, 20 May 2023"."""
    if len(line) > _DATE_LINE_MAX or not _DIGIT.search(line):
        return False  # every date pattern has a day's number
    for pattern in _DATE_PATTERNS:
        match = pattern.search(line)
        if match:
            rest = line[: match.start()] + " " + line[match.end() :]
            if _DATE_LINE_REST.fullmatch(rest):
                return True
            return _is_place(_DATE_LINE_REST.sub(" ", rest))
    return False


def _is_body_line(line: str) -> bool:
    """A line of running text rather than a header: a sentence of some length."""
    return len(line.split()) >= 8 and line.rstrip().endswith((".", "!", "?", "»", "”", '"'))


# The header lines are where a release states its own date; a date later in the body
# ("On January 18, ...") is an event, not the release date.
_HEADER_LINES = 8
HEADER_CHARS = 4000  # the header lines lie within the first few thousand characters
_DATELINE_CHARS = 80  # "WASHINGTON, March 5, 2024 - The President..." opens the body
_HEADER_LINE_CHARS = 300  # a header line states its date near its start


# A dateline: a place, a comma, the day and month (and year), then a dash, an agency or "(":
# "москва, 1 дек — риа новости.", "АСТАНА, 2 февраля. КАЗИНФОРМ —", "ASTANA, Nov 20 (Reuters) -".
_DATELINE = re.compile(
    rf"^\s*(?P<place>[^\W\d_][^\W\d_.'-]*(?:[ '-][^\W\d_]+){{0,3}}),\s+"
    rf"(?:\d{{1,2}}\s+(?:{_MONTH})[^\W\d_]*|(?:{_MONTH})[^\W\d_]*\.?\s+\d{{1,2}})"
    r"(?:,?\s+\d{4}(?:\s+(?:г\.|года|ж\.))?)?\.?"
    rf"\s*(?:[—–-]|\(|[^\W\d_]+(?:\s+[^\W\d_]+)?\s*[—–-])",
    re.I,
)


def _is_dateline(line: str) -> bool:
    """Whether ``line`` opens with a dateline: its place is a name, not common words
    ("Since then, 3 March - ..." is a sentence; "Ростов-на-Дону, 3 марта — ..." a place)."""
    match = _DATELINE.match(line)
    if not match:
        return False
    return not any(word.lower() in _NOT_PLACE_WORDS for word in match.group("place").split())


# Words that open a sentence before a comma but never stand in a place name.
_NOT_PLACE_WORDS = frozenset(
    "since then by until after before as on in at for from meanwhile however later earlier "
    "this that it we they he she and but so "
    "с тех пор до после в на к по уже тогда затем однако это мы они и но "
    "содан кейін бері дейін және бірақ бұл біз".split()
)


# A release reports what happened in the last weeks: "On December 6, 2021, the President
# issued ..." opening a fact sheet of 2023 is history, not the release's date.
_RECENT_DAYS = 31


def _is_recent_event(found: FoundDate, briefing_date: date | None) -> bool:
    """Whether a full date in running text can be the release's own: written with its
    year and at most ``_RECENT_DAYS`` before the briefing date (any, without one)."""
    if found.source != "text":
        return False
    if briefing_date is None:
        return True
    return 0 <= (briefing_date - found.value).days <= _RECENT_DAYS


def extract_date(lines: list[str], briefing_date: date | None) -> FoundDate | None:
    """The release date from its header lines, else from a dateline opening the body (a
    date without a year in running text is an event, unless it stands in a dateline)."""
    for line in [ln for ln in lines if ln.strip()][:_HEADER_LINES]:
        if _is_body_line(line):
            found = find_date(line[:_DATELINE_CHARS], briefing_date)
            if found and (_is_dateline(line) or _is_recent_event(found, briefing_date)):
                return found
            return None
        found = find_date(line[:_HEADER_LINE_CHARS], briefing_date)
        if found:
            return found
    return None


# dateparser reads what the rules above miss ("вчера, 14:05", "2 hours ago", "18/11/2026",
# "18.11.26", "кеше"), on short header lines that hold a digit or a relative day.
_FALLBACK_LINE_CHARS = 40
_FALLBACK_HINT = re.compile(
    r"\d[\d./ :-]*\d|\b(?:today|yesterday|ago|сегодня|вчера|назад|бүгін|кеше|бұрын)\b", re.I
)
_FALLBACK_LABEL = re.compile(
    r"^(?:published|posted|updated|date|опубликовано|обновлено|дата|жарияланды|күні)\s*:?\s*",
    re.I,
)
_FALLBACK_YEARS = 10  # a date further back than this in a header is not the release's


def fallback_date(lines: list[str], briefing_date: date) -> FoundDate | None:
    """The release date as dateparser reads a short header line, never after the briefing
    date; dateparser is imported only when a line could hold a date."""
    for line in [ln for ln in lines if ln.strip()][:_HEADER_LINES]:
        if _is_body_line(line):
            return None
        candidate = _FALLBACK_LABEL.sub("", line.strip())
        if len(candidate) > _FALLBACK_LINE_CHARS or not _FALLBACK_HINT.search(candidate):
            continue
        if candidate.isdigit():
            continue  # a view counter
        import dateparser

        parsed = dateparser.parse(
            candidate,
            languages=["en", "ru", "kk"],
            settings={
                "RELATIVE_BASE": datetime.combine(briefing_date, time(12)),
                "PREFER_DATES_FROM": "past",
                "DATE_ORDER": "DMY",
            },
        )
        if parsed is None:
            continue
        found = parsed.date()
        if briefing_date.year - _FALLBACK_YEARS <= found.year and found <= briefing_date:
            return FoundDate(found, "text (dateparser)")
    return None


# Site names appended to page titles: "Title - News | BNews", "Title | Ministry".
_PIPE_SUFFIX = re.compile(r"\s+\|\s+[^|]{1,40}$")
_SECTION_SUFFIX = re.compile(
    r"\s+[-–—]\s+(?:news|press releases?|новости|жаңалықтар|пресс-релизы)$", re.I
)
_TITLE_MAX_WORDS = 30
_DERIVED_TITLE_WORDS = 12


_MAX_SUFFIXES = 3  # "Title - News | Section | Site"; a title of 10,000 " | x" is not one
TITLE_MAX_CHARS = 500  # longer "titles" are cut (at a word) before any rule reads them


def strip_site_suffix(title: str) -> str:
    """Drop a trailing " | Site" and " - News" from a page title."""
    for _ in range(_MAX_SUFFIXES):
        previous = title
        title = _PIPE_SUFFIX.sub("", title).strip()
        title = _SECTION_SUFFIX.sub("", title).strip()
        if title == previous:
            break
    return title


def bounded_title(title: str, limit: int = TITLE_MAX_CHARS) -> str:
    """The title with its whitespace collapsed and cut to ``limit`` characters at a word."""
    title = " ".join(title[: limit * 4].split())
    if len(title) <= limit:
        return title
    return title[:limit].rsplit(" ", 1)[0].rstrip(",;:—-– ") + "…"


def site_from_title(title: str) -> str:
    """The site a page title names after its last " | ": "Talks - News | BNews" -> "BNews"."""
    match = _PIPE_SUFFIX.search(title.strip())
    return match.group().strip(" |") if match else ""


def _normalized(line: str) -> str:
    return " ".join(line.casefold().split()).rstrip(" .:")


def _is_title_like(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= _TITLE_MAX_WORDS and not line.rstrip().endswith(".")


def derive_title(body: list[str], length: int = _DERIVED_TITLE_WORDS) -> str:
    """A title made from the first sentence of the text, shortened to about ``length``
    words."""
    first = split_sentences(body[0])[0] if body else ""
    words = first.split()
    if len(words) <= length + 2:
        return first.rstrip(".")
    return " ".join(words[:length]).rstrip(",;:") + "…"


@dataclass(frozen=True)
class TitledBody:
    title: str
    source: str  # front-matter | html | first-line | derived
    body: list[str]  # the lines left once the title and its repetitions are removed


def extract_title(lines: list[str], given: str | None = None, given_source: str = "") -> TitledBody:
    """Find the title and drop its repetitions from the body.

    Checks, in order:
    - a title given by the file format (front matter, HTML <title>/og:title);
    - the first line, when it reads like a title (short, no final full stop), with a
      site suffix removed; a later line that repeats it without the suffix wins;
    - else a title derived from the first sentence.
    """
    lines = [line for line in lines if line.strip()]
    repeats: set[str] = set()
    given = bounded_title(given) if given else None
    if given and strip_site_suffix(given):
        title, source = strip_site_suffix(given), given_source
        repeats.add(_normalized(given))
    elif lines and _is_title_like(lines[0]):
        first = lines[0]
        title, source = strip_site_suffix(first), "first-line"
        for line in lines[1:_HEADER_LINES]:
            # "Title - News | Site" followed later by the bare "Title"
            if len(line) < len(first) and first.startswith(line.strip()) and _is_title_like(line):
                title = line.strip()
                break
        repeats.add(_normalized(first))
        lines = lines[1:]
    else:
        return TitledBody(derive_title(lines), "derived", lines)
    repeats.add(_normalized(title))
    body = [line for line in lines if _normalized(line) not in repeats]
    if not body:  # a release that is only a headline keeps it as its text
        body = [title]
    return TitledBody(title, source, body)
