"""What each sentence of a release is: junk that must never be printed, the kind of release
it belongs to, and the features the default method ranks sentences by.

Rules are data (lists of patterns), general to press releases in English, Russian and
Kazakh rather than keyed to one site's wording; each is table-tested.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.metadata import is_date_line
from briefgen.tokenize import LOWER_LETTERS, UPPER_LETTERS

# --- junk: sentences never worth printing ---------------------------------------------

_SPEAKER = rf"(?:(?:THE|MR|MRS|MS|DR|Q|A)\.?\s)?[{UPPER_LETTERS}][{UPPER_LETTERS}.'’ -]{{1,40}}"

# (name, pattern): a sentence that matches is junk. Matched against the stripped sentence.
JUNK_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, flags))
    for name, pattern, flags in (
        ("no words", r"[\W\d_]*", 0),
        ("list marker", r"(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]", re.I),
        ("markup", r".*(?:<!--|-->|</?[a-z][a-z0-9]*[\s>/]|/>).*", re.I),
        (
            "salutation",
            r"(?:dear|my dear|to the (?:senate|congress|house)|уважаем\w*|дорог\w+|"
            r"құрметті|қадірлі)\b.{0,120}[:,!]?(?:\s*\([^)]{0,80}\))*",
            re.I,
        ),
        (
            "memo header",
            r"(?:(?:TO|FROM|SUBJECT|RE|CC|BCC|ATTN|Subject|From|To)\s*:|MEMORANDUM FOR\b|"
            r"MEMORANDUM OF UNDERSTANDING\b|NATIONAL SECURITY (?:PRESIDENTIAL )?MEMORANDUM\b).*",
            0,
        ),
        (
            "sign-off",
            r"(?:sincerely|respectfully|yours (?:truly|faithfully|sincerely)|best regards|"
            r"with (?:best|warm|kind) (?:regards|wishes)|с уважением|искренне ваш\w*|"
            r"құрметпен)\b.{0,60}",
            re.I,
        ),
        (
            "stage direction",
            r"\((?:applause|laughter|laughs|cheers|inaudible|crosstalk|cross-talk|"
            r"technical difficulties|music plays|аплодисменты|смех|қол шапалақтау)[^)]*\)\.?",
            re.I,
        ),
        ("broken off", r".*[—–-]", 0),  # "... from the —": speech trailing off
        ("filler", r"(?:you know|look|folks|anyway|by the way|okay|ok|all right)\b,.{0,100}", re.I),
        ("time line", r".{0,60}\b\d{1,2}:\d{2}\s*(?:[AP]\.?M\.?)\s*[A-Z]{2,4}\b.{0,10}", re.I),
        (
            "pleasantry",
            # "Thanks to the new law, 3 million families ..." gives a cause, not thanks.
            r"(?:(?:and|but|well|oh|so),?\s+)?(?:thank you\b.*|"
            r"thanks\b(?! to [^,.!?]{1,80}, (?!and\b|god\b)\w).*|welcome|happy \w+|"
            r"good (?:morning|afternoon|evening|night)|hello|hi|please (?:sit|be seated)|"
            r"god bless|enjoy|rest in peace|congratulations|спасибо|благодарю|здравствуйте|"
            r"добрый (?:день|вечер)|рахмет|сәлеметсіз бе|құттықтаймын)\b[^.!?]{0,80}[.!?]*",
            re.I,
        ),
        ("lead-in", r"(?:\S+\s+){0,11}\S*:", 0),  # "These include:", "Attendees included:"
        (
            "link or pointer",
            r".{0,120}\b(?:click here|see here|read (?:more|below)|for more information|"
            r"available (?:here|at)|visit https?://|подробнее|толығырақ)\b.{0,120}",
            re.I,
        ),
        (
            "link or pointer",  # the words of a link: "View the unclassified report here."
            r"(?:view|read|see|watch|download|find|access|listen to)\b.{0,80}"
            r"\b(?:here|online|below)[.!]?",
            re.I,
        ),
        # Items run together, each opening in capitals: "Public transit ...; Clean water ...;"
        # (not semicolons inside a quoted title: "relating to “Standards; Waiver; Notice”")
        ("list of items", rf"(?:[^;“”\"]{{1,300}};\s+(?=[{UPPER_LETTERS}])){{3}}.*", 0),
        (
            "dateline",
            rf"[{UPPER_LETTERS}][\w .-]{{1,40}},\s*\d{{1,2}}\s+\w+\.?(?:\s+\d{{4}})?\s*[—–-]+\s*"
            r"[\w .-]{0,30}\.?",
            re.I,
        ),
        ("dated signature", r"THE WHITE HOUSE,?.{0,40}", 0),
        # Ends with a postal code, and perhaps the letter's date: "... D.C. 20503 January 23,
        # 2025 (House)".
        (
            "address block",
            r".{0,200}\b\d{5}(?:-\d{4})?(?:\s+\w+ \d{1,2}, \d{4})?(?:\s*\([^)]{1,30}\))?",
            0,
        ),
        # A section's number, its heading apart: "Section 1.", "Sec. 2.", "Статья 3."
        (
            "section label",
            r"(?:section|sec\.|article|art\.|part|chapter|статья|раздел|глава|бап|бөлім)"
            r"\s+[\dIVXivx]{1,4}[a-z]?\.?",
            re.I,
        ),
        # A few words in brackets on their own: "(Reappointment)", "*(listed alphabetically*)"
        ("aside in brackets", r"\*?\((?:[^()\s]+\s*){1,4}\)\.?", 0),
        ("agreement preamble", r"(?:[A-Z]{3,} ){0,2}[A-Z]{4,}(?:ING|ED)\b(?! [A-Z]{2,}).*", 0),
        ("witness clause", r"IN WITNESS WHEREOF\b.*", 0),
        ("footnote", r"\[\d{1,3}\]\s.*", 0),  # "[22] See, e.g., Jonathan Baker, ..."
        # Contact details: "Phone: 855-484-2846 Chat: https://...", "Тел.: 8 (7172) 74-00-00"
        (
            "contact details",
            r".{0,200}\b(?:phone|tel|fax|телефон|тел)\s*\.?:\s*\+?[\d(][\d() –-]{5,}.{0,300}",
            re.I,
        ),
        # A promise of more that says nothing yet: "Additional details to follow."
        (
            "details to follow",
            r"(?:additional|more|further) (?:\w+ ){0,2}(?:details|information|deliveries|updates)"
            r" (?:to|will) follow\.?|подробности (?:позже|будут позже|уточняются)\.?",
            re.I,
        ),
        # Where and when an instrument is filed, not what it does.
        (
            "filing clause",
            r"this (?:notice|order|proclamation|memorandum|determination) shall be published "
            r"in the federal register\b.{0,80}",
            re.I,
        ),
        # The ground rules of a press call: "This call will be on background, attributable
        # to senior administration officials", "The contents are embargoed until 5:00 a.m."
        (
            "ground rules",
            r"(?=.{0,200}\b(?:call|briefing|embargo\w*)\b).{0,200}\b(?:on background|"
            r"embargoed|attributable to|attributed to|off the record|ground rules)\b.{0,200}",
            re.I,
        ),
        # An agreement's parties before its recitals: "The Government of ... and the
        # Government of ... (hereinafter “the Participants”),"
        ("ends in a comma", r".*,", 0),
    )
)

_SPEAKER_START = re.compile(rf"^{_SPEAKER}:\s")
_HAS_LOWER = re.compile(rf"[{LOWER_LETTERS}]")
_TERMINAL = (".", "!", "?", "…", '"', "'", "»", "”", "’", ")")


_PUNCTUATED = re.compile(r"[,;:.!?]")  # a roster has its commas; a list of states none
_LEADING_SYMBOLS = re.compile(r"^[*#•·–—\-_=~\s]+(?=\w)")


def junk_reason(sentence: str) -> str | None:
    """Why ``sentence`` must never be printed, or None when it may be."""
    text = _LEADING_SYMBOLS.sub("", sentence.strip())
    for name, pattern in JUNK_RULES:
        if pattern.fullmatch(text):
            return name
    # Only a date (and a place), as under a letter's signature: "March 3, 2021.", "3 марта
    # 2021 г.", "Hiroshima, 20 May 2023": the line cleaning drops, here run into a paragraph.
    if is_date_line(text):
        return "date line"
    if _SPEAKER_START.match(text) and len(text.split()) <= 14:
        return "speaker label and a few words"
    words = text.split()
    if not _HAS_LOWER.search(text) and len(words) <= 25:
        return "heading or name in capitals"
    if not text.endswith(_TERMINAL) and len(words) <= 15:
        return "heading or label"
    if len(words) <= 6 and all(w[:1].isupper() for w in words):
        return "fragment without a verb"  # "Employee Awareness.", "Wade."
    if len(words) >= 8 and not _PUNCTUATED.search(text):
        capitalised = sum(1 for w in words if w[:1].isupper() or not _HAS_LOWER.search(w))
        if capitalised >= 0.8 * len(words):
            return "list of names"  # "Alabama Alaska American Samoa ..." (cells run together)
    return None


# Words that may stand in lower case in a list of names and offices ("Deputy Assistant to
# the President and Executive Secretary, National Space Council Kei Koizumi, ...").
_ROSTER_JOINERS = frozenset(
    "of the and to for at in on de la du van von al by with from or".split()
)
_ROSTER_WORDS = 12


def is_roster(sentence: str) -> bool:
    """A list of people and their offices run together: no word in lower case but joiners,
    and commas, semicolons or bullets between the entries."""
    words = sentence.replace("•", " ").split()
    if len(words) < _ROSTER_WORDS or sum(sentence.count(mark) for mark in ",;•") < 3:
        return False
    for word in words:
        core = word.strip(",;:.()–—-“”\"'’")
        if core[:1].islower() and core.lower() not in _ROSTER_JOINERS and len(core) >= 4:
            return False
    return True


def junk_reason_in(sentence: str, kind: str) -> str | None:
    """``junk_reason``, and a roster outside an appointments release: who attended a
    meeting is not its news, who was appointed is."""
    reason = junk_reason(sentence)
    if reason is None and kind != "nominations" and is_roster(sentence):
        return "list of names (who attended, not what happened)"
    return reason


# --- kinds of release ------------------------------------------------------------------

# (kind, pattern on the title, pattern on the opening lines); the first that matches wins.
KIND_RULES: tuple[tuple[str, str, str], ...] = (
    ("fact sheet", r"\bfact ?sheet\b|справк|анықтама", r"^fact sheet"),
    ("readout", r"\breadout\b|о телефонном разговоре|телефон арқылы", r""),
    (
        "letter",
        r"^(?:a )?letter\b|\bmessage to the (?:congress|senate|house)\b|^письмо|^послание|^хат\b",
        r"^(?:dear|to the (?:senate|congress|house))\b|^уважаем|^құрметті",
    ),
    (
        "memorandum",
        r"\bmemorandum\b|меморандум",
        r"^(?:memorandum for|national security (?:presidential )?memorandum)",
    ),
    # A message marks an occasion (a day, an anniversary, a greeting): no proclaiming
    # sentence, its news is the occasion it names.
    ("message", r"\bmessage on\b|^поздравлени|құттықта", r""),
    (
        "proclamation",
        r"\b(?:proclamation|executive order)\b|^notice (?:on|of)\b|^указ\b|жарлы",
        r"by the president of the united states of america",
    ),
    (
        "remarks",
        r"\b(?:remarks|press briefing|press gaggle|press call|interview|transcript)\b|стенограмм|"
        r"выступлени|сөйлеген сөз",
        r"^(?:the president|the vice president|q|mr\.|ms\.|mrs\.)\s*:|"
        r"^(?:.{0,60}\s)?\d{1,2}:\d\d [ap]\.m\. [a-z]{2,4}$",
    ),
    (
        "nominations",
        r"\b(?:nominat\w*|appoint\w*|nominees?)\b|назначен|тағайында",
        r"^nominations sent to the senate",
    ),
    ("statement", r"\b(?:statement|joint statement)\b|заявлени|мәлімдеме", r""),
)
NEWS = "news item"  # what nothing above recognises: ranked as news is, by its lead


_KIND_PATTERNS = tuple(
    (kind, re.compile(on_title, re.I), re.compile(on_opening, re.I) if on_opening else None)
    for kind, on_title, on_opening in KIND_RULES
)


def release_kind(title: str, opening: Sequence[str]) -> str:
    """The kind of release its title or its first lines show, else ``NEWS``."""
    head = title.casefold()
    lines = [line.strip().casefold() for line in opening[:6]]
    for kind, on_title, on_opening in _KIND_PATTERNS:
        if on_title.search(head):
            return kind
        if on_opening is not None and any(on_opening.search(line) for line in lines):
            return kind
    return NEWS


# --- features of a sentence, for the learned ranking ------------------------------------

_ANNOUNCE = re.compile(
    r"\b(?:announc\w*|sign\w*|launch\w*|nominat\w*|appoint\w*|direct\w*|order\w*|proclaim\w*|"
    r"declar\w*|approv\w*|issu\w*|establish\w*|award\w*|impos\w*|authoriz\w*|agree\w*|"
    r"met|meet\w*|spoke|call\w*|discuss\w*|welcom\w*|condemn\w*|veto\w*|releas\w*|"
    r"provid\w*|invest\w*|commit\w*|"
    r"объяв\w*|подпис\w*|назнач\w*|утверд\w*|провел\w*|обсуд\w*|договорил\w*|заявил\w*|"
    r"жариялад\w*|қол қой\w*|тағайында\w*|бекіт\w*|өткізд\w*|талқыла\w*|келіс\w*)\b",
    re.I,
)
_TIME = re.compile(
    r"\b(?:today|tonight|this (?:morning|afternoon|evening|week)|yesterday|tomorrow|"
    r"сегодня|вчера|завтра|бүгін|кеше|ертең)\b",
    re.I,
)
# An instrument's operative words, also in the first person ("I am continuing for 1 year
# the national emergency ...").
_PROCLAIM = re.compile(
    r"\b(?:do hereby|hereby|proclaim|order that|direct that|"
    r"i am (?:continuing|extending|ordering|directing|designating))\b",
    re.I,
)
_FIGURE = re.compile(r"\d|\$|€|£|₸|%|\b(?:million|billion|trillion|млн|млрд|тыс)\b", re.I)
_BACKGROUND = re.compile(
    r"^(?:since|for (?:decades|years|generations)|over the (?:past|last)|from day one|"
    r"throughout|as (?:i|we) have|in \d{4}|история|на протяжении|бұрын)\b",
    re.I,
)
_FIRST_PERSON = re.compile(r"^(?:i|we|my|our)\b", re.I)
_ACTOR_START = re.compile(
    r"^(?:today|tonight|this (?:morning|afternoon|week)|earlier today|yesterday|"
    r"(?:the )?(?:president|vice president|first lady|secretary|prime minister|white house|"
    r"administration|united states|government)\b|сегодня|президент|правительство|"
    r"министр|бүгін|президент|үкімет)",
    re.I,
)
_CONJUNCTION = re.compile(r"^(?:and|but|so|or|now|well|also|lastly|и|а|но|және|бірақ)\b", re.I)
_LEGAL = re.compile(
    r"\b(?:pursuant to|consistent with|in accordance with|section \d|sec\. \d|u\.s\.c\.|"
    r"public law|federal register|hereinafter|согласно|в соответствии с|сәйкес)\b",
    re.I,
)
_HISTORY = re.compile(r"\b(?:1[5-9]\d\d|years ago|centuries|лет назад|жыл бұрын)\b", re.I)
_HONOR = re.compile(
    r"\b(?:honou?r\w*|celebrat\w*|commemorat\w*|recogni[sz]\w*|pay tribute|mourn\w*|"
    r"grie\w*|чтим|отмечаем|чествуем|еске аламыз|атап өтеміз)\b",
    re.I,
)
_QUOTE = re.compile(r"[\"“”«»]")
# What is being done now or next ("will issue", "is announcing"), against what has been done
# ("has invested", "have made"): a fact sheet announces the first and lists the second.
_UNDER_WAY = re.compile(
    r"\b(?:will|is|are) (?:\w+ly )?(?:announc|issu|launch|sign|establish|host|releas|direct|"
    r"creat|provid|deliver|mak|tak|us|call|lead|convene)\w*",
    re.I,
)
_DONE = re.compile(
    r"\b(?:has|have) (?:\w+ly )?(?:been )?(?:\w+(?:ed|en)|made|led|sent|built|brought|taken|"
    r"spent|won|held|set|put|cut|met)\b",
    re.I,
)

KINDS = (*tuple(kind for kind, _, _ in KIND_RULES), NEWS)
FEATURES = (
    "bias",
    "first",
    "log_position",
    "relative_position",
    "title_overlap",
    "centrality",
    "announce",
    "time",
    "proclaim",
    "figure",
    "background",
    "first_person",
    "quote",
    "speaker_label",
    "short",
    "long",
    "question",
    "conjunction",
    "legal",
    "history",
    "honor",
    "opens_paragraph",
    "actor_start",
    "topic_overlap",
    "proper_nouns",
    "log_words",
    "under_way",
    "done",
    *(f"first|{kind}" for kind in KINDS),
    *(f"topic_overlap|{kind}" for kind in KINDS),
    *(f"announce|{kind}" for kind in KINDS),
    *(f"log_position|{kind}" for kind in KINDS),
    *(f"time|{kind}" for kind in KINDS),
    *(f"figure|{kind}" for kind in KINDS),
    *(f"honor|{kind}" for kind in KINDS),
)


_TITLE_TOPIC = re.compile(
    r"^(?:.*?\b(?:statement|readout|remarks|letter|message|memorandum|proclamation|"
    r"fact sheet|press release|заявление|сообщение|обращение|мәлімдеме)\b[^:]*?"
    r"\b(?:on|of|regarding|about|concerning|по|о|об|туралы)\b|[^:]{0,40}:)\s*(.+)$",
    re.I,
)


def title_topic(title: str) -> str:
    """What a release's title says it is about, without its kind and speaker:
    "Statement by the Minister on the Water Agreement" -> "the Water Agreement"."""
    match = _TITLE_TOPIC.match(title.strip())
    return match.group(1) if match else title


@dataclass(frozen=True)
class Context:
    """What the ranking knows of the release a sentence belongs to."""

    kind: str = NEWS
    title_words: frozenset[str] = frozenset()  # content-word stems of the title
    topic_words: frozenset[str] = frozenset()  # ... of what the title says it is about
    openers: frozenset[str] = frozenset()  # the sentences that open a paragraph


@dataclass(frozen=True)
class Candidate:
    """A sentence with what the ranking needs to know of it."""

    text: str
    index: int  # position among the release's sentences
    words: frozenset[str]  # content-word stems
    opens_paragraph: bool = False


def features(
    candidate: Candidate, total: int, context: Context, centroid: dict[str, float]
) -> list[float]:
    """The sentence's feature values, in the order of ``FEATURES``."""
    text = candidate.text
    words = candidate.words
    kind, title_words, topic_words = context.kind, context.title_words, context.topic_words
    tokens = text.split()
    length = len(tokens)
    overlap = len(words & title_words) / len(title_words) if title_words else 0.0
    topic = len(words & topic_words) / len(topic_words) if topic_words else 0.0
    proper = sum(1 for token in tokens[1:] if token[:1].isupper()) / max(1, length - 1)
    norm = math.sqrt(sum(centroid.get(w, 0.0) ** 2 for w in words)) or 1.0
    centrality = sum(centroid.get(w, 0.0) for w in words) / (norm * math.sqrt(len(words) or 1))
    first = float(candidate.index == 0)
    log_position = math.log1p(candidate.index)
    announce = float(bool(_ANNOUNCE.search(text)))
    time = float(bool(_TIME.search(text)))
    figure = float(bool(_FIGURE.search(text)))
    honor = float(bool(_HONOR.search(text)))
    values = [
        1.0,
        first,
        log_position,
        candidate.index / max(1, total - 1),
        overlap,
        centrality,
        announce,
        time,
        float(bool(_PROCLAIM.search(text))),
        figure,
        float(bool(_BACKGROUND.search(text))),
        float(bool(_FIRST_PERSON.search(text))),
        float(bool(_QUOTE.search(text))),
        float(bool(_SPEAKER_START.search(text))),
        float(length < 8),
        float(length > 45),
        float(text.rstrip('"»”’) ').endswith("?")),
        float(bool(_CONJUNCTION.search(text))),
        float(bool(_LEGAL.search(text))),
        float(bool(_HISTORY.search(text))),
        honor,
        float(candidate.opens_paragraph),
        float(bool(_ACTOR_START.search(text))),
        topic,
        proper,
        math.log1p(length),
        float(bool(_UNDER_WAY.search(text))),
        float(bool(_DONE.search(text))),
    ]
    for per_kind in (first, topic, announce, log_position, time, figure, honor):
        values.extend(per_kind if k == kind else 0.0 for k in KINDS)
    return values


def centroid_of(candidates: Sequence[Candidate]) -> dict[str, float]:
    """Each content word's share of the release's sentences (for ``centrality``)."""
    counts: dict[str, float] = {}
    for candidate in candidates:
        for word in candidate.words:
            counts[word] = counts.get(word, 0.0) + 1.0
    total = max(1, len(candidates))
    return {word: count / total for word, count in counts.items()}
