"""The offline sentence splitter, on real sentences from English, Russian and Kazakh releases."""

from __future__ import annotations

import pytest

from briefgen.tokenize import Tokenizer, split_sentences, split_words

CASES = [
    # English: titles, acronyms, initials, references, months, Latin
    (
        "Mr. Smith met the U.N. delegation. They talked.",
        ["Mr. Smith met the U.N. delegation.", "They talked."],
    ),
    (
        "President K.-Zh. Tokayev spoke in Astana. He said so.",
        ["President K.-Zh. Tokayev spoke in Astana.", "He said so."],
    ),
    (
        "See resolution No. 2231 and e.g. the annex. Then on Jan. 5 he left!",
        ["See resolution No. 2231 and e.g. the annex.", "Then on Jan. 5 he left!"],
    ),
    (
        "The U.S. delegation, led by Amb. J. Doe, arrived. Talks began.",
        ["The U.S. delegation, led by Amb. J. Doe, arrived.", "Talks began."],
    ),
    (
        "H.E. the Minister said it, i.e. the plan stands. Why? Because it works.",
        ["H.E. the Minister said it, i.e. the plan stands.", "Why?", "Because it works."],
    ),
    ("Growth was 3.5 percent. Inflation fell.", ["Growth was 3.5 percent.", "Inflation fell."]),
    (
        "“We agree.” Says the message. The talks ended.",
        ["“We agree.” Says the message.", "The talks ended."],
    ),
    # Russian: г., т.е., initials, млн.
    (
        "В 2023 г. Президент подписал указ. Это важно.",
        ["В 2023 г. Президент подписал указ.", "Это важно."],
    ),
    (
        "Президент К.-Ж. Тоқаев выступил. Он сказал, т.е. заявил.",
        ["Президент К.-Ж. Тоқаев выступил.", "Он сказал, т.е. заявил."],
    ),
    (
        "Прибыло 11,4 млн. туристов. Рост составил 18%.",
        ["Прибыло 11,4 млн. туристов.", "Рост составил 18%."],
    ),
    (
        "«Мы готовы», — сказал министр. Встреча завершилась.",
        ["«Мы готовы», — сказал министр.", "Встреча завершилась."],
    ),
    # Kazakh: ж. (жыл), т.б., initials
    (
        "2023 ж. 5 қыркүйекте кездесу өтті. Тараптар келісті.",
        ["2023 ж. 5 қыркүйекте кездесу өтті.", "Тараптар келісті."],
    ),
    (
        "Мемлекет басшысы Қ.-Ж. Тоқаев сөз сөйледі. Жиын аяқталды.",
        ["Мемлекет басшысы Қ.-Ж. Тоқаев сөз сөйледі.", "Жиын аяқталды."],
    ),
    (
        "Инженерлік, медициналық т.б. мамандықтар. Гранттар көбейді!",
        ["Инженерлік, медициналық т.б. мамандықтар.", "Гранттар көбейді!"],
    ),
    # paragraph breaks lost in scraping: sentences glued together
    (
        "A quake is overdue on the fault.Researchers released the study.",
        ["A quake is overdue on the fault.", "Researchers released the study."],
    ),
    ("Visit example.org today. Or e.g.The plan.", ["Visit example.org today.", "Or e.g.The plan."]),
    # text lower-cased throughout: a stop before any letter ends a sentence
    (
        "в москве прошла встреча министров. стороны обсудили торговлю, т.е. пошлины.",
        ["в москве прошла встреча министров.", "стороны обсудили торговлю, т.е. пошлины."],
    ),
    # no terminal punctuation at all: one sentence
    ("Tell a friend", ["Tell a friend"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(("text", "_expected"), CASES)
def test_sentences_are_verbatim_slices(text: str, _expected: list[str]) -> None:
    for sentence in split_sentences(text):
        assert sentence in text


def test_words_keep_hyphens_and_drop_punctuation() -> None:
    assert split_words("Kassym-Jomart Tokayev's U.N. visit, 2026!") == [
        "Kassym-Jomart",
        "Tokayev's",
        "U.N",
        "visit",
        "2026",
    ]
    assert split_words("Тоқаев «Қазақстан» — елі.") == ["Тоқаев", "Қазақстан", "елі"]


def test_tokenizer_is_what_sumy_expects() -> None:
    tokenizer = Tokenizer("kk")
    assert tokenizer.language == "kk"
    assert tokenizer.to_sentences("Бір. Екі.") == ("Бір.", "Екі.")
    assert tokenizer.to_words("Бір екі.") == ("Бір", "екі")


def test_long_text_without_boundaries_is_one_sentence() -> None:
    text = "word " * 200_000
    assert split_sentences(text) == [text.strip()]
