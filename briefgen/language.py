"""Language detection, stop words and stemmers for English, Russian and Kazakh."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from importlib import resources

SUPPORTED = ("en", "ru", "kk")

# Letters of the Kazakh Cyrillic alphabet that Russian does not use.
_KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# A Russian text naming "Тоқаев" has a handful of these; Kazakh prose has them in
# roughly one letter in ten. Two percent separates the two with a wide margin.
_KAZAKH_SHARE = 0.02


_SAMPLE_CHARS = 20_000  # enough letters to tell the three apart
# The letters of the Cyrillic block (its few signs and combining marks left out).
_CYRILLIC_LETTER = re.compile("[\u0400-\u0481\u048a-\u04ff]")
_LATIN_LETTER = re.compile("[A-Za-z]")
_KAZAKH_LETTER = re.compile(f"[{''.join(sorted(_KAZAKH_LETTERS))}]")


def detect_language(text: str) -> str:
    """Guess "en", "ru" or "kk" from the script of ``text`` (deterministic, no model)."""
    text = text[:_SAMPLE_CHARS]
    cyrillic = len(_CYRILLIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    kazakh = len(_KAZAKH_LETTER.findall(text))
    if cyrillic <= latin:
        return "en"
    if kazakh / cyrillic < _KAZAKH_SHARE:
        return "ru"
    # A short Russian text with a Kazakh name can pass the letter test: let the
    # function words decide.
    words = [w.lower() for w in text.split()]
    kk_hits = sum(w in stop_words("kk") for w in words)
    ru_hits = sum(w in stop_words("ru") for w in words)
    return "kk" if kk_hits >= ru_hits else "ru"


@cache
def stop_words(language: str) -> frozenset[str]:
    """The stop-word list shipped for ``language`` (see the header of each file)."""
    data = (
        resources.files("briefgen")
        .joinpath(f"data/stopwords/{language}.txt")
        .read_text(encoding="utf-8")
    )
    return frozenset(
        line.strip().lower() for line in data.splitlines() if line.strip() and line[0] != "#"
    )


# A light Kazakh stemmer: no maintained Snowball or PyPI stemmer exists for Kazakh, so
# we strip the commonest inflections, outermost layer first: case, possessive, plural.
_KK_CASE = sorted(
    [
        "ның",
        "нің",
        "дың",
        "дің",
        "тың",
        "тің",
        "нан",
        "нен",
        "дан",
        "ден",
        "тан",
        "тен",
        "мен",
        "бен",
        "пен",
        "ға",
        "ге",
        "қа",
        "ке",
        "на",
        "не",
        "нда",
        "нде",
        "да",
        "де",
        "та",
        "те",
        "ны",
        "ні",
        "ды",
        "ді",
        "ты",
        "ті",
        "ын",
        "ін",
    ],
    key=len,
    reverse=True,
)
_KK_POSSESSIVE = sorted(
    ["сы", "сі", "ы", "і", "ым", "ім", "ың", "ің", "мыз", "міз", "ңыз", "ңіз"],
    key=len,
    reverse=True,
)
_KK_PLURAL = sorted(["лар", "лер", "дар", "дер", "тар", "тер"], key=len, reverse=True)
_KK_MIN_STEM = 3


def _strip_one(word: str, suffixes: list[str]) -> str:
    for suffix in suffixes:
        # One-letter suffixes are ambiguous; demand a longer stem before taking them.
        min_stem = _KK_MIN_STEM + (1 if len(suffix) == 1 else 0)
        if word.endswith(suffix) and len(word) - len(suffix) >= min_stem:
            return word[: -len(suffix)]
    return word


def stem_kazakh(word: str) -> str:
    """Strip case, possessive and plural endings: "тараптардың" -> "тарап"."""
    word = word.lower()
    for layer in (_KK_CASE, _KK_POSSESSIVE, _KK_PLURAL):
        word = _strip_one(word, layer)
    return word


_SNOWBALL_NAMES = {"en": "english", "ru": "russian"}


@cache
def stemmer(language: str) -> Callable[[str], str]:
    """A word -> stem function: Snowball for English and Russian, ``stem_kazakh`` for Kazakh."""
    if language == "kk":
        return lru_cache(maxsize=200_000)(stem_kazakh)
    import snowballstemmer

    snowball = snowballstemmer.stemmer(_SNOWBALL_NAMES[language])

    # Words repeat across a day's releases; Snowball in pure Python is the cost.
    @lru_cache(maxsize=200_000)
    def stem(word: str) -> str:
        return str(snowball.stemWord(word.lower()))

    return stem


# Russian case endings are made of these letters ("России", "Казахстаном", "Францией"); a
# longer or other tail is another word: "либерал-демократы" is not Liberia, "палата" not
# Palau, "самолёт" not Samoa. Kazakh stacks suffixes ("Қазақстандағы"), so any ending.
_CASE_ENDINGS = {"ru": r"[аеёиоуыэюяйьмх]{0,3}(?![\w-])", "kk": r"\w*"}


def inflected_pattern(word: str, language: str) -> str:
    """A pattern for ``word`` in any case of ``language``: its stem, the rest of the word
    where the case keeps it ("Казахстан-а"), then an ending; English words as written."""
    if language not in _CASE_ENDINGS:
        return re.escape(word)
    stemmed = stemmer(language)(word.lower())
    prefix = word[: max(len(stemmed), min(len(word), 4))]
    rest = word[len(prefix) :]
    return re.escape(prefix) + (f"(?:{re.escape(rest)})?" if rest else "") + _CASE_ENDINGS[language]
