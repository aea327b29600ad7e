"""Each boilerplate rule on a few lines, and the rules together on the real seeds."""

from __future__ import annotations

import pytest

from briefgen.clean import clean_text, normalize, strip_furniture, to_paragraphs

BODY = "The minister met the delegation in Astana and discussed trade."


@pytest.mark.parametrize(
    "furniture",
    [
        "Tell a friend",
        "Share",
        "Print version",
        "Поделиться",
        "Рассказать другу",
        "Бөлісу",
        "233",
        "Views: 1 204",
        "Просмотров: 532",
        "1204 views",
        "Comments (3)",
        "Photo: press service of the MFA",
        "Фото: пресс-служба",
        "© 2026 Steppe Wire",
        "All rights reserved.",
        "Home > News > Politics",
        "02 February, 15:01 233",
        "date 2023-09-07",
        "7 сентября 2023 г.",
        "19 қараша, 14:30 876",
    ],
)
def test_furniture_lines_are_dropped(furniture: str) -> None:
    cleaned = clean_text(f"{furniture}\n\n{BODY}\n\n{furniture}")
    assert cleaned.lines == [BODY]
    assert furniture in cleaned.removed


@pytest.mark.parametrize(
    "marker",
    [
        "Similar news",
        "Related news",
        "Read also:",
        "Похожие новости",
        "Читайте также",
        "Ұқсас жаңалықтар",
    ],
)
def test_everything_after_a_related_news_marker_is_cut(marker: str) -> None:
    text = f"{BODY}\n\n{marker}\nOther story one\nOther story two."
    cleaned = clean_text(text)
    assert cleaned.lines == [BODY]
    assert "Other story two." in cleaned.removed


def test_furniture_phrase_at_the_end_of_a_line_is_stripped() -> None:
    assert strip_furniture("date 2023-09-07 Tell a friend") == "date 2023-09-07"
    assert strip_furniture("Share | Print The talks began.") == "The talks began."
    # inside a sentence the words are kept
    assert strip_furniture("Ministers agreed to share data.") == "Ministers agreed to share data."


@pytest.mark.parametrize(
    ("line", "rest"),
    [
        (
            "москва, 1 дек — риа новости. около 60 тысяч литров нефти вытекли.",
            "около 60 тысяч литров нефти вытекли.",
        ),
        (
            "(CNN)A trip to a former heavyweight champ's mansion.",
            "A trip to a former heavyweight champ's mansion.",
        ),
        ("WASHINGTON (Reuters) - The Senate passed the bill.", "The Senate passed the bill."),
        (
            "New Delhi, India (CNN)As the earth shook in Nepal, tremors were felt.",
            "As the earth shook in Nepal, tremors were felt.",
        ),
        ("Астана, 5 марта 2024 г. — Казинформ. Министр провёл встречу.", "Министр провёл встречу."),
        # not a dateline: a sentence that happens to hold a date
        (
            "On 5 March the minister met the envoy - a first.",
            "On 5 March the minister met the envoy - a first.",
        ),
    ],
)
def test_agency_datelines_are_dropped(line: str, rest: str) -> None:
    assert strip_furniture(line) == rest


def test_a_sentence_mentioning_a_marker_is_not_a_cut() -> None:
    text = f"Similar news came from Bishkek on Monday.\n\n{BODY}"
    assert clean_text(text).lines == ["Similar news came from Bishkek on Monday.", "", BODY]


def test_normalize_spaces_newlines_and_invisible_characters() -> None:
    assert normalize("a\u00a0b\r\nc\u200bd\x07") == "a b\ncd"


def test_consecutive_duplicate_lines_are_dropped() -> None:
    assert clean_text(f"{BODY}\n{BODY}").lines == [BODY]


def test_cleaning_is_idempotent_on_a_sample() -> None:
    text = "Title here\n\n02 February, 15:01 233\n\nTell a friend\n\n" + BODY
    once = "\n".join(clean_text(text).lines)
    assert "\n".join(clean_text(once).lines) == once


def test_wrapped_lines_join_but_paragraph_lines_do_not() -> None:
    lines = ["The ministers met in Astana and", "agreed on a plan.", "Next paragraph."]
    assert to_paragraphs(lines) == [
        "The ministers met in Astana and agreed on a plan.",
        "Next paragraph.",
    ]
    assert to_paragraphs(["Headline without stop", "Body starts here."]) == [
        "Headline without stop",
        "Body starts here.",
    ]
    # A colon leads into the lower-case line after it (the G7's Hiroshima communiqué).
    assert to_paragraphs(["We are taking concrete steps to:", "support Ukraine; and more."]) == [
        "We are taking concrete steps to: support Ukraine; and more."
    ]
    assert to_paragraphs(["The steps:", "Cut taxes."]) == ["The steps:", "Cut taxes."]


def test_a_paragraphs_number_or_bullet_and_a_place_and_date_line_are_dropped() -> None:
    # The G7's Hiroshima communiqué numbers its paragraphs; the Quad's statement opens with
    # its place and date on a line of their own.
    text = (
        "20 May 2023, Hiroshima\n"
        "1. We, the Leaders of the Group of Seven (G7), met in Hiroshima.\n"
        "12) We will work with our partners.\n"
        "2023. A year of firsts.\n"
        "1.5 million people were helped.\n"
        "• The first part cuts costs.\n"
        "o Marshalling over $2 billion in new investments.\n"
        "- 5% more.\n"
        "— Мы готовы, — сказал министр.\n"
        "o sole mio is a song."
    )
    assert clean_text(text).lines == [
        "We, the Leaders of the Group of Seven (G7), met in Hiroshima.",
        "We will work with our partners.",
        "2023. A year of firsts.",
        "1.5 million people were helped.",
        "The first part cuts costs.",
        "Marshalling over $2 billion in new investments.",
        "5% more.",
        "— Мы готовы, — сказал министр.",
        "o sole mio is a song.",
    ]


@pytest.mark.parametrize(
    ("opening", "kept"),
    [
        (
            "WASHINGTON, D.C. – First Lady Jill Biden will welcome guests.",
            "First Lady Jill Biden will welcome guests.",
        ),
        ("NEW YORK — The talks resumed on Monday.", "The talks resumed on Monday."),
        ("АСТАНА – Министр провёл встречу.", "Министр провёл встречу."),
        ("NATO – Russia Council talks resumed.", "NATO – Russia Council talks resumed."),
        ("U.S. – China talks resumed.", "U.S. – China talks resumed."),
    ],
)
def test_a_dateline_of_a_place_in_capitals_opens_no_sentence(opening: str, kept: str) -> None:
    # The White House's guest list for the 2022 State of the Union opens so.
    assert clean_text(f"A title\n\n{opening}").lines == ["A title", "", kept]
