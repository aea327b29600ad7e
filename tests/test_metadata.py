"""Dates (with year inference against the briefing date) and titles."""

from __future__ import annotations

from datetime import date

import pytest

from briefgen.metadata import (
    derive_title,
    extract_date,
    extract_title,
    find_date,
    is_date_line,
    strip_site_suffix,
)

BRIEFING = date(2026, 11, 23)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@pytest.mark.parametrize(
    ("text", "expected", "source"),
    [
        ("date 2023-09-07", date(2023, 9, 7), "text"),
        ("07.09.2023", date(2023, 9, 7), "text"),
        ("September 7, 2023", date(2023, 9, 7), "text"),
        ("Sept. 7, 2023", date(2023, 9, 7), "text"),
        ("7 сентября 2023 г.", date(2023, 9, 7), "text"),
        ("2023 жылғы 7 қыркүйек", date(2023, 9, 7), "text"),
        # no year: the latest such day not after the briefing date
        ("02 February, 15:01", date(2026, 2, 2), "text (year inferred)"),
        ("23 November", date(2026, 11, 23), "text (year inferred)"),
        ("24 November", date(2025, 11, 24), "text (year inferred)"),
        ("31 December, 23:59", date(2025, 12, 31), "text (year inferred)"),
        ("29 February", date(2024, 2, 29), "text (year inferred)"),
        ("20 ноября, 09:15", date(2026, 11, 20), "text (year inferred)"),
        ("19 қараша, 14:30", date(2026, 11, 19), "text (year inferred)"),
    ],
)
def test_find_date(text: str, expected: date, source: str) -> None:
    found = find_date(text, BRIEFING)
    assert found is not None
    assert (found.value, found.source) == (expected, source)


@pytest.mark.parametrize("briefing", [date(2026, 1, 1), date(2026, 2, 1), date(2026, 12, 31)])
def test_year_inference_never_gives_a_future_date(briefing: date) -> None:
    for month in MONTHS:
        found = find_date(f"15 {month}", briefing)
        assert found is not None
        assert found.value <= briefing
        assert (briefing - found.value).days < 366


def test_no_date_in_plain_text() -> None:
    assert find_date("The minister met the envoy.", BRIEFING) is None
    assert find_date("32 January", BRIEFING) is None


@pytest.mark.parametrize(
    ("line", "only_a_date"),
    [
        ("02 February, 15:01 233", True),
        ("date 2023-09-07", True),
        ("Published: 7 September 2023, 10:00", True),
        ("On January 18, Kazakhstan held a special event.", False),
        ("20 May 2023, Hiroshima", True),  # White House, the Quad's joint statement
        ("Hiroshima, 20 May 2023", True),
        ("Washington, D.C., March 5, 2024", True),
        ("Астана, 5 марта 2024 г.", True),
        ("Talks in Hiroshima, 20 May 2023", False),  # a heading: "in" is not a place
        ("Hiroshima Summit, Day One, 20 May 2023", True),
        ("The Summit Opened on Hiroshima Bay, 20 May 2023", False),
    ],
)
def test_is_date_line(line: str, only_a_date: bool) -> None:
    assert is_date_line(line) is only_a_date


def test_extract_date_ignores_event_dates_in_the_body() -> None:
    lines = [
        "A title",
        "Kazakhstan held talks with the delegation of Peru on January 18 in Astana.",
    ]
    assert extract_date(lines, BRIEFING) is None


def test_extract_date_reads_a_dateline() -> None:
    lines = ["WASHINGTON, March 5, 2024 — The President met the Prime Minister in the Oval Office."]
    found = extract_date(lines, BRIEFING)
    assert found is not None
    assert found.value == date(2024, 3, 5)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # A dateline without a year dates the release (the year inferred), in any language.
        ("москва, 1 дек — риа новости. около 60 тысяч литров нефти вытекли из нефтепровода.",
         date(2025, 12, 1)),
        ("АСТАНА, 2 февраля. КАЗИНФОРМ — Глава государства провел встречу с министром сегодня.",
         date(2026, 2, 2)),
        ("ASTANA, Nov 20 (Reuters) - Kazakhstan signed a water agreement with its neighbours.",
         date(2026, 11, 20)),
        # A day and month in running text is an event, not the release date.
        ("On January 18, the ministry held a special event for the delegation of Peru.", None),
        ("The delegation, which arrived on 5 May, met the minister on the water agreement.", None),
        # A full date opening the text dates the release when it is recent; an old one is
        # history ("On December 6, 2021, the President issued ..." in a later fact sheet).
        ("On 20 November 2026, the Deputy Minister met the delegation of Peru in Astana.",
         date(2026, 11, 20)),
        ("On December 6, 2021, the President issued the first strategy on countering graft.",
         None),
        ("WASHINGTON, March 5, 2024 — The President met the Prime Minister in the Oval Office.",
         date(2024, 3, 5)),
        # Common words before the comma are a sentence's opening, not a place.
        ("Since then, 3 March - the day of the vote - has been a public holiday.", None),
        ("С тех пор, 3 марта — день голосования — стал праздником.", None),
        # A place name may hold a stop word.
        ("NEW YORK, March 3 (Reuters) - The Security Council met on the water agreement.",
         date(2026, 3, 3)),
        ("Ростов-на-Дону, 3 марта — РИА Новости. В городе открыли новый мост через реку.",
         date(2026, 3, 3)),
    ],
)  # fmt: skip
def test_the_opening_line_dates_a_release_in_a_dateline_or_when_recent(
    line: str, expected: date | None
) -> None:
    found = extract_date(["A title", line], BRIEFING)
    assert (found.value if found else None) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("MFA of RK summarized the year - News | BNews", "MFA of RK summarized the year"),
        ("Embassy opens centre | Embassy of Kazakhstan", "Embassy opens centre"),
        ("Kazakhstan - EU talks", "Kazakhstan - EU talks"),
        ("Встреча министров - Новости | Степной вестник", "Встреча министров"),
    ],
)
def test_strip_site_suffix(title: str, expected: str) -> None:
    assert strip_site_suffix(title) == expected


def test_repeated_title_is_found_and_removed() -> None:
    lines = [
        "Talks held - News | Site",
        "Talks held",
        "Talks held",
        "The ministers held talks in Astana on Monday.",
    ]
    titled = extract_title(lines)
    assert titled.title == "Talks held"
    assert titled.source == "first-line"
    assert titled.body == ["The ministers held talks in Astana on Monday."]


def test_title_given_by_the_format_wins_and_its_repeat_goes() -> None:
    titled = extract_title(
        ["Minister meets envoy", "The minister met the envoy."], "Minister meets envoy", "html"
    )
    assert (titled.title, titled.source, titled.body) == (
        "Minister meets envoy",
        "html",
        ["The minister met the envoy."],
    )


def test_derived_title_when_the_first_line_is_a_sentence() -> None:
    body = [
        "First Deputy Minister Kairat Umarov held a briefing for the diplomatic corps "
        "on the important issues of foreign policy."
    ]
    titled = extract_title(body)
    assert titled.source == "derived"
    assert titled.title.startswith("First Deputy Minister Kairat Umarov held a briefing")
    assert titled.title.endswith("…")
    assert titled.body == body
    assert derive_title(["Short text."]) == "Short text"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("вчера, 14:05", date(2026, 11, 19)),
        ("2 hours ago", date(2026, 11, 20)),
        ("18/11/2026", date(2026, 11, 18)),
        ("18.11.26", date(2026, 11, 18)),
        ("кеше", date(2026, 11, 19)),
        ("Published: 3 дня назад", date(2026, 11, 17)),
    ],
)
def test_dates_the_rules_miss_are_read_by_dateparser(line: str, expected: date) -> None:
    from briefgen.metadata import extract_date, fallback_date

    lines = ["Talks on water", line, "The ministers met in Astana to discuss water sharing."]
    assert extract_date(lines, date(2026, 11, 20)) is None
    found = fallback_date(lines, date(2026, 11, 20))
    assert found is not None
    assert (found.value, found.source) == (expected, "text (dateparser)")


@pytest.mark.parametrize("line", ["532", "21/12/2026", "12.12.1999"])
def test_dateparser_never_dates_after_the_briefing_or_from_counters(line: str) -> None:
    from briefgen.metadata import fallback_date

    lines = ["Talks on water", line, "The ministers met in Astana to discuss water sharing."]
    assert fallback_date(lines, date(2026, 11, 20)) is None
