"""Sentence and word splitting for English, Russian and Kazakh, with no NLTK data.

sumy's own ``Tokenizer`` loads NLTK's punkt models, which a fresh offline machine
does not have. sumy accepts any object with ``language``, ``to_sentences`` and
``to_words``; ``Tokenizer`` below is that object.

The sentence splitter looks at each candidate boundary (terminal punctuation,
closing quotes, whitespace) once, and looks back at most ``_LOOKBACK`` characters
for the word before it, so it runs in time linear in the text.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Words that end with a full stop without ending the sentence, lower case, without
# their final dot. One set for all three languages: releases mix them, and a
# Cyrillic abbreviation never collides with a Latin one.
ABBREVIATIONS: frozenset[str] = frozenset(
    {
        # English titles, ranks and honorifics
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "gen",
        "gov",
        "sen",
        "rep",
        "amb",
        "h.e",
        "hon",
        "pres",
        "lt",
        "col",
        "capt",
        "sgt",
        "maj",
        "adm",
        "rev",
        # English references and Latin
        "no",
        "nos",
        "art",
        "fig",
        "vol",
        "p",
        "pp",
        "para",
        "ch",
        "sec",
        "e.g",
        "i.e",
        "cf",
        "vs",
        "v",  # Roe v. Wade
        "u.s.c",
        "pub",  # Pub. L. No. 116-92
        "res",  # H.J. Res. 87
        "approx",
        "est",
        "dept",
        "inc",
        "ltd",
        "co",
        "corp",
        "univ",
        "assn",
        # English months
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        # Russian: год/годы, то есть, так как, и так далее, имени, улица, страница...
        "г",
        "гг",
        "т.е",
        "т.к",
        "т.н",
        "т.д",
        "т.п",
        "им",
        "ул",
        "пр",
        "д",
        "стр",
        "см",
        "рис",
        "проф",
        "акад",
        "ген",
        "тыс",
        "млн",
        "млрд",
        "руб",
        "долл",
        "вв",
        "в",
        "н.э",
        "т",
        "ст",
        "п",
        "пп",
        "гос",
        "обл",
        "р",
        "о",
        # Kazakh: жыл/жылдар, тағы басқа, мысалы, ғасыр, қала, облыс
        "ж",
        "жж",
        "т.б",
        "т.с.с",
        "мыс",
        "ғ",
        "ғғ",
        "қ",
        "б.з.б",
    }
)

_TERMINAL = ".!?…"
_CLOSERS = "\"'»”’)]"
_OPENERS = "\"'«“„‘([—–-"
_LOOKBACK = 40  # the longest token worth inspecting before a full stop

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace;
# or, in scraped text that lost its paragraph breaks, a word glued to the next sentence
# ("the fault.Researchers"): two lower-case letters, a stop, an upper then a lower case.
# The letters of English, Russian and Kazakh, for character classes: ``[{UPPER_LETTERS}]``.
LOWER_LETTERS = "a-zа-яёәғқңөұүһі"
UPPER_LETTERS = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_BOUNDARY = re.compile(
    rf"[.!?…]+[\"'»”’)\]]*\s+|(?<=[{LOWER_LETTERS}]{{2}}[.!?])(?=[{UPPER_LETTERS}][{LOWER_LETTERS}])"
)
# Initials and dotted acronyms: "J.", "U.N.", "К.-Ж.", "A. B."; upper-case letters only.
_LONGEST_MARKER = 8  # "  iv.", "12)" with the spaces before them
_LIST_MARKER = re.compile(r"(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)]")
_INITIALS = re.compile(r"(?:[^\W\d_]\.?-?)+")
_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*")


def _ends_with_colon(text: str, end: int) -> bool:
    """Whether ``text[:end]`` ends with a colon (spaces aside), looking back a bounded way."""
    return text[max(0, end - _LOOKBACK) : end].rstrip().endswith(":")


def _word_before(text: str, end: int) -> str:
    """The whitespace-delimited token that ends at ``end`` (bounded look-back)."""
    start = max(0, end - _LOOKBACK)
    window = text[start:end]
    cut = max(window.rfind(" "), window.rfind("\n"), window.rfind("\t"))
    return window[cut + 1 :].lstrip(_OPENERS)


def _is_abbreviation(token: str) -> bool:
    """True when a full stop after ``token`` most likely does not end a sentence."""
    if not token:
        return False
    if token.lower() in ABBREVIATIONS:
        return True
    # Initials (K.-Zh., U.N., J.) are single upper-case letters, each optionally dotted.
    if not _INITIALS.fullmatch(token):
        return False
    parts = [p for p in re.split(r"[.\-]", token) if p]
    # Transliterated initials may take two letters when joined: "K.-Zh.", "Sh.-M."
    longest = 2 if len(parts) > 1 else 1
    return all(_is_initial(part, longest) for part in parts)


def _is_initial(part: str, longest: int) -> bool:
    """ "J", or with ``longest`` 2 also "Zh": an upper-case letter and at most one lower."""
    return part[0].isupper() and len(part) <= longest and (len(part) == 1 or part[1:].islower())


def _starts_sentence(text: str, pos: int, caseless: bool = False) -> bool:
    """Whether the text at ``pos`` can open a new sentence (any letter, in caseless text)."""
    char = text[pos]
    if char in _OPENERS or char in "$€£₸₽":  # "... Divide. $528M in commitments ..."
        return True
    return char.isupper() or char.isdigit() or (caseless and char.isalpha())


_CASE_SAMPLE = 5000  # enough to tell lower-cased text (some news feeds) from ordinary text


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences, each a verbatim (stripped) slice of ``text``."""
    spans: list[tuple[int, int]] = []
    start = 0
    length = len(text)
    # Text lower-cased throughout (some feeds deliver it so) marks no sentence start by case.
    # (Compared in C first: a lower-cased sample equals its lower case.)
    sample = text[:_CASE_SAMPLE]
    caseless = sample == sample.lower() or not any(char.isupper() for char in sample)
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if end >= length or not _starts_sentence(text, end, caseless):
            continue
        punct_end = match.start() + len(match.group().rstrip().rstrip(_CLOSERS))
        punctuation = text[match.start() : punct_end]
        before = _word_before(text, match.start())
        if punctuation == "." and _is_abbreviation(before):
            continue
        if punctuation == "." and _is_clock_before_zone(before, text, end):
            continue  # "from 9:00 a.m. ET to 4:30 p.m."
        if not match.group() and _word_before(text, match.start() - 1)[:1].isupper():
            continue  # a dotted name, not two glued sentences: Mail.Ru, Яндекс.Новости
        if text[end] in "—–" and (punctuation[-1] in "?!…" or punct_end < match.end() - 1):
            continue  # «Кетеміз бе?» — деді ол. / “Why not?” — said the minister.
        opening = match.start() + 1 - start <= _LONGEST_MARKER  # never slice a long span
        if (opening and _LIST_MARKER.fullmatch(text[start : match.start() + 1].strip())) or (
            _LIST_MARKER.fullmatch(before + punctuation)
            and _ends_with_colon(text, match.start() - len(before))
        ):
            continue  # "1." opens the item that follows it ("The steps are: 1. ...")
        spans.append((start, end))
        start = end
    spans.append((start, length))
    spans = _attach_attributions(text, spans)
    if spans:
        spans[:1] = _without_glued_heading(text, *spans[0])
    sentences = [text[a:b].strip() for a, b in spans]
    return [sentence for sentence in sentences if sentence]


# A heading in capitals run into the paragraph it heads, without a stop or a colon:
# "ONE YEAR OF DELIVERING RESULTS To date, the Administration has ...". Two or more words
# in capitals (one of three letters or more), then a capitalised word in lower case.
_GLUED_HEADING = re.compile(
    rf"\s*(?=[{UPPER_LETTERS}\d]*[{UPPER_LETTERS}]{{3}})(?:[{UPPER_LETTERS}\d][{UPPER_LETTERS}\d'’&.,-]*\s+){{2,12}}"
    rf"(?=[{UPPER_LETTERS}][{LOWER_LETTERS}])"
)


# A salutation run into the letter's first sentence: "TO THE CONGRESS OF THE UNITED
# STATES: Section 202(d) ...", "Dear Madam Speaker: I am writing ...".
_GLUED_SALUTATION = re.compile(
    rf"\s*(?:TO THE (?:CONGRESS|SENATE|HOUSE)[{UPPER_LETTERS} ,]{{0,60}}|Dear [^:\n]{{1,60}}|"
    rf"Уважаем\w* [^:\n]{{1,60}}|Құрметті [^:\n]{{1,60}}):\s+(?=[{UPPER_LETTERS}\d])"
)


def _without_glued_heading(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span split in two where a heading in capitals or a salutation opens it (the
    heading then reads as what it is, and the sentence after it stays verbatim)."""
    match = _GLUED_HEADING.match(text, start, end) or _GLUED_SALUTATION.match(text, start, end)
    if match is None or match.end() >= end:
        return [(start, end)]
    return [(start, match.end()), (match.end(), end)]


_TIME_ZONE = re.compile(r"(?:[ECMP][SD]?T|GMT|UTC|BST|CET|CEST|MSK|ALMT)\b")


def _is_clock_before_zone(before: str, text: str, end: int) -> bool:
    """Whether a full stop ends "a.m." or "p.m." with a time zone after it."""
    return before.lower() in ("a.m", "p.m") and bool(_TIME_ZONE.match(text, end))


_QUOTE_CLOSERS = ("”", "»", '"', "’")
_ATTRIBUTION_WORDS = 4  # "Says the message.", "The Ministry noted."


def _attach_attributions(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep a short attribution with the quotation before it: “...” Says the message."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if (
            merged
            and text[merged[-1][0] : merged[-1][1]].rstrip().endswith(_QUOTE_CLOSERS)
            and len(text[start:end].split()) <= _ATTRIBUTION_WORDS
        ):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


@lru_cache(maxsize=4096)
def whole_word(word: str) -> re.Pattern[str]:
    """A pattern finding ``word`` as a word of its own (not inside a longer one), as
    written."""
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")


def split_words(text: str) -> list[str]:
    """Words (letters and digits, with inner hyphens, apostrophes and dots) of ``text``."""
    return _WORD.findall(text)


class Tokenizer:
    """The tokenizer sumy's parsers and summarizers call; needs no NLTK data."""

    def __init__(self, language: str) -> None:
        self.language = language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(split_words(sentence))
