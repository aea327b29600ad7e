"""Key facts of a release: the countries it mentions and the names it repeats.

Countries come from pycountry (already installed with sumy): its English names and its
Russian and Kazakh translations, matched on stems so inflected forms count ("Казахстана").
Organisations and people are what the text itself names at least twice: runs of
capitalised words ("International Atomic Energy Agency") and acronyms ("IAEA", "ООН"); in
Russian, what natasha's recogniser (a small model inside the package) tags as a person or
an organisation. No download.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache
from itertools import islice
from typing import Any

from briefgen.language import inflected_pattern, stemmer
from briefgen.models import Facts
from briefgen.tokenize import LOWER_LETTERS, UPPER_LETTERS, whole_word

# Everyday names pycountry does not list as names.
_ALIASES = {
    "en": {
        "Russia": "Russian Federation",
        "United States": "United States",
        "USA": "United States",
        "U.S.": "United States",
        "UK": "United Kingdom",
        "Britain": "United Kingdom",
        "South Korea": "Korea, Republic of",
        "North Korea": "Korea, Democratic People's Republic of",
        "Iran": "Iran, Islamic Republic of",
        "Syria": "Syrian Arab Republic",
        "Vietnam": "Viet Nam",
        "Turkey": "Türkiye",
        "Turkiye": "Türkiye",  # as US releases spell it
        "Moldova": "Moldova, Republic of",
        "Czech Republic": "Czechia",
        "Laos": "Lao People's Democratic Republic",
        "Tanzania": "Tanzania, United Republic of",
        "Venezuela": "Venezuela, Bolivarian Republic of",
        "Bolivia": "Bolivia, Plurinational State of",
        "Ivory Coast": "Côte d'Ivoire",
        "Holland": "Netherlands",
        "Palestine": "Palestine, State of",
        "UAE": "United Arab Emirates",
        "Lao PDR": "Lao People's Democratic Republic",
    },
    "ru": {
        "Россия": "Russian Federation",
        "США": "United States",
        "Соединенные Штаты": "United States",  # written with е for ё, as most texts do
        "Корея": "Korea, Republic of",
        "Великобритания": "United Kingdom",
        "Белоруссия": "Belarus",
        "Молдова": "Moldova, Republic of",
        "Южная Корея": "Korea, Republic of",
        "КНДР": "Korea, Democratic People's Republic of",
        "ОАЭ": "United Arab Emirates",
    },
    "kk": {"Ресей": "Russian Federation", "АҚШ": "United States"},
}
MAX_NAMES = 8
MAX_COUNTRIES = 10  # the first mentioned; a fact sheet listing twenty partners is not about each
# The name a reader uses where the standard's is formal ("Russian Federation").
_EVERYDAY_NAMES = {
    "en": {"Russian Federation": "Russia"},
    "ru": {
        "Российская Федерация": "Россия",
        "Соединённое Королевство": "Великобритания",
        "Соединённые штаты": "США",
    },
}

# Country names that are also places elsewhere: a match right after one of these words is
# the other place ("New Jersey", "New Mexico", "Nova Scotia"), not the country.
_NOT_AFTER = re.compile(
    r"(?:\bNew|\bNova|\bНью|\bНовая|\bНовый)[\s-]+$"
    # a surname after a person's initial ("Lisa O. Monaco"), not "the U.S. Virgin Islands"
    rf"|(?<![\w.])[{UPPER_LETTERS}]\.\s+$"
)
# English names shared with a US state: the country only where the text also speaks of it
# as one (its capital, people or region); else "Georgia" in a US release is the state.
_SHARED_WITH_A_STATE = {
    "Georgia": re.compile(
        r"\b(?:Tbilisi|Georgians?|Caucasus|Abkhazia|South Ossetia|Republic of Georgia)\b"
    ),
}


@cache
def _country_patterns(language: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, name shown) for every country, in ``language``."""
    import gettext

    import pycountry

    translate = (
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language]).gettext
        if language != "en"
        else (lambda name: name)
    )
    names: dict[str, str] = {}
    for country in pycountry.countries:
        shown = translate(getattr(country, "common_name", None) or country.name)
        for name in {
            country.name,
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
        } - {None}:
            names[translate(str(name))] = shown
    for alias, official in _ALIASES.get(language, {}).items():
        match = pycountry.countries.get(name=official)
        names[alias] = (
            translate(getattr(match, "common_name", None) or match.name) if match else alias
        )
    everyday = _EVERYDAY_NAMES.get(language, {})
    names = {name: everyday.get(shown, shown) for name, shown in names.items()}
    patterns = []
    for name, shown in sorted(names.items(), key=lambda item: (-len(item[0]), item[0])):
        if "," in name or (len(name) < 3 and not name.isupper()):
            continue  # "Korea, Republic of" is never written so in running text
        words = name.split()
        if language == "en" or name.isupper():
            body = r"\s+".join(re.escape(word) for word in words)
        else:  # inflected languages: the stem of each word, then an ending
            body = r"\s+".join(inflected_pattern(word, language) for word in words)
        patterns.append(
            (re.compile(rf"(?<!\w){body}(?!\w)" if language == "en" else rf"(?<!\w){body}"), shown)
        )
    return tuple(patterns)


@cache
def _by_opening(language: str) -> dict[str, tuple[tuple[re.Pattern[str], str], ...]]:
    """The country patterns by the first two letters of the name (longest names first)."""
    buckets: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    for pattern, shown in _country_patterns(language):
        opening = re.sub(r"^\(\?<!\\w\)", "", pattern.pattern).replace("\\", "")[:2]
        buckets.setdefault(opening, []).append((pattern, shown))
    return {opening: tuple(patterns) for opening, patterns in buckets.items()}


_WORD_START = re.compile(rf"(?<!\w)[{UPPER_LETTERS}]")
_ANY_WORD_START = re.compile(r"(?<!\w)\w")
# Words that read as a country's name (or its inflection) but are everyday words: never
# taken in Russian ("того" is "of that", "самой" "the very"), and in text written all in
# lower case (some news feeds are) not the English ones either ("turkey", "china").
_COMMON_WORDS = {
    "en": frozenset("chad china turkey guinea japan jordan niger mali togo oman".split()),
    "ru": frozenset(
        "того тога чад чада перу мали нигер оман самой самое самом самого самому самою".split()
    ),
    "kk": frozenset("того чад перу мали".split()),
}
_ALWAYS_COMMON = ("ru",)


def is_lower_cased(text: str) -> bool:
    """Whether ``text`` is written without capitals (a feed that lower-cases everything):
    then names cannot be told by their capitals."""
    head = text[:5000]
    if head.lower() != head:  # a capital somewhere (compared in C: most text stops here)
        return False
    return sum(1 for _ in islice(filter(str.isalpha, head), 40)) == 40  # stops at 40


@cache
def _lower_by_opening(language: str) -> dict[str, tuple[tuple[re.Pattern[str], str], ...]]:
    """The country patterns for text without capitals, by their first two letters."""
    buckets: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    for opening, patterns in _by_opening(language).items():
        for pattern, shown in patterns:
            lowered = re.compile(pattern.pattern, re.I)
            buckets.setdefault(opening.lower(), []).append((lowered, shown))
    return {opening: tuple(patterns) for opening, patterns in buckets.items()}


@lru_cache(maxsize=50_000)
def is_country_word(word: str, language: str) -> bool:
    """Whether ``word`` alone names a country ("Poland", "UAE"); asked of many words, so
    remembered."""
    return bool(countries(word, language))


def countries(text: str, language: str, lower_cased: bool | None = None) -> tuple[str, ...]:
    """Countries named in ``text``, in order of first mention. ``lower_cased``: whether the
    text is written without capitals (None: tell from ``text``; a title is too short to
    tell, its release's text is not).

    Only the patterns of names opening like the word are tried at each capitalised word
    (at each word, in text without capitals), so the text is read once however many
    countries there are.
    """
    lower = is_lower_cased(text) if lower_cased is None else lower_cased
    buckets = _lower_by_opening(language) if lower else _by_opening(language)
    starts = _ANY_WORD_START if lower else _WORD_START
    common = (
        _COMMON_WORDS.get(language, frozenset())
        if lower or language in _ALWAYS_COMMON
        else frozenset()
    )
    found: dict[str, int] = {}
    free_from = 0  # a longer name already matched up to here ("Republic of Korea")
    for start in starts.finditer(text):
        position = start.start()
        if position < free_from:
            continue
        if common and _word_at(text, position).lower() in common:
            continue
        for pattern, shown in buckets.get(text[position : position + 2], ()):
            match = pattern.match(text, position)
            if match:
                free_from = match.end()
                if _means_the_country(text, position, shown, language):
                    found.setdefault(shown, position)
                break
    return tuple(sorted(found, key=lambda name: found[name]))


# World regions, by the name shown and how it is written (Russian and Kazakh with their case
# endings). Longer names are tried first: "Central Asia" is not "Asia", "Western Balkans"
# not "Balkans". Adjectives are left out: "European" is the Union as often as Europe.
_REGIONS: dict[str, dict[str, str]] = {
    "en": {
        name: re.escape(name)
        for name in (
            "Africa",
            "Americas",
            "Arctic",
            "Asia",
            "Balkans",
            "Baltic States",
            "Caribbean",
            "Caucasus",
            "Central America",
            "Central Asia",
            "East Asia",
            "Eastern Europe",
            "Europe",
            "Horn of Africa",
            "Indo-Pacific",
            "Latin America",
            "Middle East",
            "North Africa",
            "Pacific Islands",
            "Sahel",
            "South Asia",
            "South Caucasus",
            "Southeast Asia",
            "Western Balkans",
            "Western Hemisphere",
        )
    },
    "ru": {
        "Африка": r"Африк(?:а|и|е|у|ой)",
        "Азия": r"Ази(?:я|и|ю|ей)",
        "Центральная Азия": r"Центральн(?:ая|ой|ую)\s+Ази(?:я|и|ю|ей)",
        "Европа": r"Европ(?:а|ы|е|у|ой)",
        "Ближний Восток": r"Ближн(?:ий|его|ему|им|ем)\s+Восток(?:а|у|ом|е)?",
        "Латинская Америка": r"Латинск(?:ая|ой|ую)\s+Америк(?:а|и|е|у|ой)",
        "Арктика": r"Арктик(?:а|и|е|у|ой)",
        "Кавказ": r"Кавказ(?:а|у|ом|е)?",
        "Южный Кавказ": r"Южн(?:ый|ого|ому|ом|ым)\s+Кавказ(?:а|у|ом|е)?",
        "Балканы": r"Балкан(?:ы|ах|ам|ами)?",
        "Азиатско-Тихоокеанский регион": r"(?:АТР|Азиатско-Тихоокеанск\w+\s+регион\w*)",
        "Карибский бассейн": r"Карибск\w+\s+бассейн\w*",
    },
    "kk": {
        "Африка": r"Африка\w*",
        "Азия": r"Азия\w*",
        "Орталық Азия": r"Орталық\s+Азия\w*",
        "Еуропа": r"Еуропа\w*",
        "Таяу Шығыс": r"Таяу\s+Шығыс\w*",
        "Арктика": r"Арктика\w*",
        "Кавказ": r"Кавказ\w*",
    },
}


@cache
def _region_pattern(language: str, lower_cased: bool) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """One pattern for every region of ``language``, a group per region, longest first."""
    shown = tuple(sorted(_REGIONS.get(language, {}), key=lambda name: (-len(name), name)))
    table = _REGIONS.get(language, {})
    body = "|".join(f"({table[name]})" for name in shown) or "(?!)"
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.I if lower_cased else 0), shown


def regions(text: str, language: str, lower_cased: bool = False) -> tuple[str, ...]:
    """World regions named in ``text`` (the Middle East, Central Asia), in order of first
    mention; ``lower_cased``: the text is written without capitals."""
    pattern, shown = _region_pattern(language, lower_cased)
    found = (shown[match.lastindex - 1] for match in pattern.finditer(text) if match.lastindex)
    return tuple(dict.fromkeys(found))


_WORD = re.compile(r"\w+")


def _word_at(text: str, position: int) -> str:
    match = _WORD.match(text, position)
    return match.group() if match else ""


def _means_the_country(text: str, position: int, shown: str, language: str) -> bool:
    if _NOT_AFTER.search(text[max(0, position - 12) : position]):
        return False
    context = _SHARED_WITH_A_STATE.get(shown) if language == "en" else None
    return context is None or bool(context.search(text))


_CAPITALISED = rf"[{UPPER_LETTERS}][\w'’.-]*"
# Lower-case words that may join the words of a name ("Bank of America", "Charles de Gaulle").
_JOINER_WORDS = frozenset({"of", "for", "and", "the", "de", "du", "la", "van", "von", "al"})
_JOINERS = f"(?:{'|'.join(sorted(_JOINER_WORDS))})"
_NAME = re.compile(rf"(?<![\w-])(?:{_CAPITALISED})(?:\s+(?:{_JOINERS}\s+)?{_CAPITALISED}){{0,12}}")
_ACRONYM = re.compile(rf"(?<!\w)[{UPPER_LETTERS}]{{2,7}}(?!\w)")
_NOT_NAMES = frozenset(
    """The This That These Those A An In On At For And
    But As It He She They We I By From With After His Her Their
    Before During According Also Monday Tuesday Wednesday Thursday Friday Saturday Sunday January
    February March April May June July August September October November December В
    На По С Он Она Они Это Также При Для Как""".split()
)
# Titles before a name: "President Nursultan Nazarbayev" names Nursultan Nazarbayev.
_TITLES = frozenset(
    """President Minister Ambassador Prime Deputy First Foreign Secretary General Chairman Head Mr
    Mrs Ms Dr Prof Senator Governor King Queen Prince Director Spokesperson Vice Chancellor
    Judge Justice Chief Speaker Leader Commissioner Administrator Representative Rep Sen Gov
    Nominee Advisor Adviser Envoy Special Assistant Associate Inspector Attorney Counsel Lady
    Majesty Excellency Highness Honorable Honourable
    Президент Министр Посол Премьер-министр Глава Председатель Президенті Министрі Елші""".split()
)
# A run ending in one of these names an office or a kind of thing, not an organisation or
# a person: "Vice President", "United States District Judge", "Executive Order".
_GENERIC_LAST = frozenset(
    """President Minister Ambassador Secretary General Director Directors Judge Justice Member
    Members Representative Nominee Order Orders Group Section Plans Plan Forces Office Officer
    Officials Extraordinary Plenipotentiary Chair Commissioner Advisor Adviser
    Spokesperson Delegation Delegations Majesty Excellency Highness Honorable
    Honourable""".split()
)


# A word that ends a sentence: three letters or more, some lower-case, then a full stop
# ("Poland."; not "U.S.", "Mr.", "Jr.").
_ENDS_SENTENCE = re.compile(r"(?=\w*[a-zа-яё])\w{3,}\.$")


# Possessives that are part of a name ("People’s Republic of China", "Children’s Hospital");
# any other ends the name it closes ("President Biden’s Investing in America" names Biden).
_NAMING_POSSESSIVES = frozenset({"People", "Children", "Women", "Men"})


def _runs(text: str) -> list[list[str]]:
    """Runs of capitalised words, possessives cut ("Nazarbayev's" -> "Nazarbayev")."""
    runs = []
    for match in _NAME.finditer(text):
        words: list[str] = []
        for word in match.group().split():
            bare = re.sub(r"(?:['’]s|(?<=s)['’])$", "", word)  # "Leaders’" -> "Leaders"
            # An initial keeps its full stop ("Franklin D. Roosevelt"); a word loses it.
            words.append(bare if re.fullmatch(r"\w\.", bare) else bare.rstrip("."))
            possessive = re.search(r"\w['’]s$", word) and bare not in _NAMING_POSSESSIVES
            if _ENDS_SENTENCE.search(word) or possessive:  # "Poland. Prime Minister ..."
                runs.append(words)
                words = []
        if words:
            runs.append(words)
    return runs


_AND = frozenset({"and", "и", "және"})


def _titled_people(words: list[str], language: str) -> list[str]:
    """The people titles introduce: "President Andrzej Duda of Poland" -> "Andrzej Duda",
    "President of Kazakhstan Kassym-Jomart Tokayev" -> "Kassym-Jomart Tokayev"; each part of
    a run split at "and", up to three words after the last title word, joiner, acronym or
    country ("of Poland" after the name is passed over)."""
    people: list[str] = []
    part: list[str] = []
    for word in [*words, "and"]:
        if word not in _AND:
            part.append(word)
            continue
        if part and part[0] in _TITLES:
            person: list[str] = []
            before = ""  # the word before the person: a title, a country or an acronym
            for position in range(len(part) - 1, -1, -1):
                candidate = part[position]
                stop = (
                    candidate in _TITLES
                    or candidate in _NOT_NAMES
                    or candidate in _JOINER_WORDS
                    or (candidate.isupper() and len(candidate) > 1)
                    or is_country_word(candidate, language)
                )
                if stop and person:
                    before = candidate
                    # "Minister of Foreign Affairs": a title word after "of" names an office
                    if candidate in _TITLES and position and part[position - 1] in _JOINER_WORDS:
                        before = ""
                    break
                if not stop:
                    person.insert(0, candidate)
            # "Minister of Foreign Affairs": after "of" comes an office, not a person
            named = before and before not in _JOINER_WORDS and before not in _NOT_NAMES
            surnames = [i for i, word in enumerate(person) if _SURNAME.fullmatch(word)]
            if language in ("ru", "kk") and surnames:  # "Олжас Бектенов Үкімет": to the surname
                person = person[: surnames[-1] + 1]
            if named and 1 <= len(person) <= 3:
                people.append(" ".join(person))
            elif named and language in ("ru", "kk"):
                people.extend(_surnamed(part))
        part = []
    return people


# Russian and Kazakh surnames end so ("Тоқаев", "Нуртлеу" does not: missed, not mistaken).
_SURNAME = re.compile(
    r"\w{2,}(?:ов|ев|ёв|ин|ына|ова|ева|ина|ский|ская|цкий|цкая|ұлы|қызы|улы|кызы)"
)


# A Kazakh case ending on a surname: "Тоқаевтың", "Саидовпен", "Бектеновке" name Тоқаев,
# Саидов, Бектенов.
_KAZAKH_CASE = re.compile(
    r"(\w{2,}(?:ов|ев|ёв|ин|ова|ева|ина))"
    r"(?:тың|тің|дың|дің|ның|нің|қа|ке|ға|ге|ты|ті|ды|ді|ны|ні|пен|бен|мен|та|те|да|де|"
    r"тан|тен|дан|ден|нан|нен)"
)


def _nominative_kk(word: str) -> str:
    match = _KAZAKH_CASE.fullmatch(word)
    return match.group(1) if match else word


def _surnamed(part: list[str]) -> list[str]:
    """In a run of capitals that goes on past the name ("Президент Қасым-Жомарт Тоқаев
    Ақордада ..."): the words after the last title up to a surname, at most three."""
    start = max(index for index, word in enumerate(part) if word in _TITLES) + 1
    for end in range(start, min(start + 3, len(part))):
        if _SURNAME.fullmatch(part[end]):
            return [" ".join(part[start : end + 1])]
    return []


@cache
def _russian_recogniser() -> tuple[Any, Any, Any] | None:
    """natasha's segmenter, morphology and name tagger (models inside the package: no
    download), or None where natasha is not installed."""
    try:
        from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
    except ImportError:
        return None
    embedding = NewsEmbedding()
    return Segmenter(), NewsMorphTagger(embedding), NewsNERTagger(embedding)


_SPAN_NAME = re.compile(r"[A-ZА-ЯЁ][\w«»\"'’.-]*(?:\s+[\w«»\"'’.-]+){0,7}")


def recognised_names(text: str, exclude: tuple[str, ...] = ()) -> tuple[str, ...] | None:
    """People and organisations in Russian text found by natasha's recogniser, each as
    the text writes it in the nominative ("Шавкат Мирзиёев", never "Шавкатом Мирзиёевым";
    a name only ever written in another case is left out), most mentioned first. None
    where natasha is not installed."""
    tools = _russian_recogniser()
    if tools is None:
        return None
    from natasha import Doc

    segmenter, morphology, tagger = tools
    document = Doc(text)
    document.segment(segmenter)
    document.tag_morph(morphology)
    document.tag_ner(tagger)
    stem = stemmer("ru")
    mentions: Counter[str] = Counter()
    first: dict[str, int] = {}
    shown: dict[str, str] = {}
    for span in document.spans:
        if span.type not in ("PER", "ORG") or not _SPAN_NAME.fullmatch(span.text):
            continue
        key = " ".join(stem(word.lower()) for word in span.text.split())
        mentions[key] += 1
        first.setdefault(key, span.start)
        if key not in shown and span.tokens[0].feats.get("Case") == "Nom":
            shown[key] = " ".join(span.text.split())
    excluded = {name.casefold() for name in exclude}
    ranked = sorted(shown, key=lambda key: (-mentions[key], first[key]))
    return tuple(shown[key] for key in ranked if shown[key].casefold() not in excluded)[:MAX_NAMES]


def names(text: str, exclude: tuple[str, ...] = (), language: str = "en") -> tuple[str, ...]:
    """Organisations, people and acronyms the text names at least twice, and the people
    a title introduces even once ("Prime Minister Narendra Modi"), most named first. In
    Russian, natasha's recogniser finds them where it is installed.

    Every stretch of two or more capitalised words within a run counts, so "President
    Nursultan Nazarbayev" and "President of Kazakhstan Nursultan Nazarbayev" both count
    for "Nursultan Nazarbayev".
    """
    if language == "ru" and not is_lower_cased(text):
        recognised = recognised_names(text, exclude)
        if recognised is not None:
            return recognised
    counts: Counter[str] = Counter()
    whole: set[str] = set()  # stretches that stand alone somewhere, titles dropped
    titled: set[str] = set()  # people introduced by a title
    for words in _runs(text):
        if language == "kk":
            words = [_nominative_kk(word) for word in words]
        for person in _titled_people(words, language):
            titled.add(person)
            counts[person] += 0  # present, counted below with the stretches
        trimmed = list(words)
        while trimmed and (trimmed[0] in _NOT_NAMES or trimmed[0] in _TITLES):
            trimmed = trimmed[1:]
        whole.add(" ".join(trimmed))
        seen: set[str] = set()
        for start in range(len(words)):
            for end in range(start + 2, len(words) + 1):
                span = words[start:end]
                if (
                    span[0] in _NOT_NAMES
                    or span[0] in _TITLES
                    or span[0] in _JOINER_WORDS
                    or span[-1] in _JOINER_WORDS
                ):
                    continue
                seen.add(" ".join(span))
        counts.update(seen)
    # A word in capitals that the text also writes in lower case is a heading shouting
    # ("WOMEN ARE EQUAL"), not an acronym.
    lower_words = set(_LOWER_WORD.findall(text))
    for match in _ACRONYM.finditer(text):
        if match.group().lower() not in lower_words and match.group() not in _TERM_ACRONYMS:
            counts[match.group()] += 1
    excluded = {name.casefold() for name in exclude}
    generic = {name for name in counts if _generic(name)}
    offices = [name for name in generic if " and " not in name]
    kept = [
        name
        for name, count in counts.items()
        if name not in generic
        and (name in titled or count >= 2)
        and (name in titled or name in whole or count >= 3 or name.isupper())
        # nor a piece of one: "United States District" of "United States District Judge"
        and not any(f" {name} " in f" {g} " and counts[g] >= count for g in offices)
        and name.casefold() not in excluded
        and not any(word.casefold() in excluded for word in name.split())
        and not _common_term(name, text, lower_words)
    ]
    # A stretch inside a longer kept name counts as that name unless it also stands alone
    # more often ("Atomic Energy" in "International Atomic Energy Agency").
    kept = [
        name
        for name in kept
        if not any(
            name != other and f" {name} " in f" {other} " and counts[other] >= counts[name]
            for other in kept
        )
    ]
    return tuple(sorted(kept, key=lambda name: (-counts[name], name))[:MAX_NAMES])


def _generic(name: str) -> bool:
    """An office or a kind of thing in capitals ("Vice President", "Executive Order",
    "U.S. Forces"), not the name of an organisation or a person."""
    words = name.split()
    return (
        words[-1] in _GENERIC_LAST
        or all(word in _TITLES or word in _GENERIC_LAST for word in words)
        or words[0] in ("U.S", "U.S.", "US")
        or (words[-1].isupper() and words[-1] in _ALL_CAPS_ROLES)
        or (len(words) > 1 and all(word.isupper() for word in words))  # a heading in capitals
    )


_LOWER_WORD = re.compile(rf"(?<!\w)[{LOWER_LETTERS}]+(?!\w)")


def _common_term(name: str, text: str, lower_words: set[str]) -> bool:
    """Words a text capitalises in its headings that it also writes in lower case ("Clean
    Energy" over a section, "clean energy" in it): a common term, not a name. The text is
    searched only when each word is somewhere in lower case."""
    words = name.lower().split()
    return (
        len(words) > 1
        and all(word in lower_words for word in words)
        and whole_word(name.lower()).search(text) is not None
    )


# Acronyms of common terms, not of organisations or people: never a name.
_TERM_ACRONYMS = frozenset(
    """AI COVID LGBT LGBTQ LGBTQI CEO CFO GDP CPI PPI HIV AIDS STEM DEI ESG PDF FAQ USD EUR
    ID TV IT PM AM ET EST EDT PST UTC GMT OK SME ICT ВВП ИИ СМИ НДС ЖІӨ""".split()
)
_ALL_CAPS_ROLES = frozenset({"DESK", "NEWS", "FACT", "SHEET", "MEMORANDUM", "SUBJECT"})
FACTS_CHARS = 20_000  # a release states its facts early; bounds the work on huge inputs


def key_facts(text: str, language: str) -> Facts:
    """Countries and repeated names of ``text`` (its first ``FACTS_CHARS`` characters)."""
    text = text[:FACTS_CHARS]
    found = countries(text, language)
    return Facts(
        countries=found[:MAX_COUNTRIES], names=names(text, exclude=found, language=language)
    )
