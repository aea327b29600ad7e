"""The two real scraped releases in ../shared/data/seeds: no boilerplate reaches the reader."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from briefgen.config import BriefingRequest, Method, OutputFormat, SummaryOptions
from briefgen.pipeline import build_briefing, load_document, summarize_file
from briefgen.rendering import render, template_environment

from .conftest import shared_file

BRIEFING = date(2026, 11, 23)
SEED_000 = ("seeds", "000_3bc0d45b39a66773.txt")
SEED_003 = ("seeds", "003_034d0d0a9908c374.txt")
TITLE_003 = "MFA of RK summarized Kazakhstan’s presidency of the UN Security Council"
BOILERPLATE = ("Tell a friend", "Similar news", "BNews", "15:01", " 233", "News |")


def _assert_clean(text: str) -> None:
    for phrase in BOILERPLATE:
        assert phrase not in text, phrase


@pytest.mark.parametrize("seed", [SEED_000, SEED_003])
@pytest.mark.parametrize("method", list(Method))
def test_summaries_carry_no_boilerplate(seed: tuple[str, str], method: Method) -> None:
    summary = summarize_file(
        shared_file(*seed), SummaryOptions(method=method, sentences=5), BRIEFING
    )
    text = "\n".join(summary.sentences)
    _assert_clean(text)
    assert TITLE_003 not in summary.sentences
    for sentence in summary.sentences:
        assert sentence in summary.document.text


def test_seed_003_title_date_and_body() -> None:
    document = load_document(shared_file(*SEED_003), briefing_date=BRIEFING)
    assert document.title == TITLE_003
    # "02 February, 15:01" has no year: the latest 2 February not after the briefing
    assert document.date == date(2026, 2, 2)
    assert document.date_source == "text (year inferred)"
    assert TITLE_003 not in document.text
    _assert_clean(document.text + document.title)


def test_seed_003_date_is_never_after_the_briefing() -> None:
    document = load_document(shared_file(*SEED_003), briefing_date=date(2026, 1, 15))
    assert document.date == date(2025, 2, 2)


def test_seed_000_date_and_derived_title() -> None:
    document = load_document(shared_file(*SEED_000), briefing_date=BRIEFING)
    assert document.date == date(2023, 9, 7)
    assert document.title_source == "derived"
    assert document.title.startswith("First Deputy-Minister of Foreign Affairs Kairat Umarov")
    _assert_clean(document.title + document.text)
    assert "date 2023-09-07" not in document.text


def test_nothing_after_similar_news_is_used(tmp_path: Path) -> None:
    text = shared_file(*SEED_003).read_text(encoding="utf-8")
    scraped = tmp_path / "with-tail.txt"
    scraped.write_text(
        text + "\nTokayev visits Paris for talks with Macron.\n\n"
        "The President of Kazakhstan arrived in Paris on an official visit today.\n",
        encoding="utf-8",
    )
    document = load_document(scraped, briefing_date=BRIEFING)
    assert "Paris" not in document.text
    assert "Tokayev visits Paris for talks with Macron." in document.removed_lines


@pytest.mark.parametrize("fmt", [OutputFormat.MD, OutputFormat.HTML, OutputFormat.JSON])
def test_briefing_of_the_seeds_is_clean(fmt: OutputFormat) -> None:
    request = BriefingRequest(
        inputs=(shared_file(*SEED_000).parent,), briefing_date=BRIEFING, fmt=fmt, output=None
    )
    result = build_briefing(request)
    assert len(result.briefing.items) == 2
    content = render(result.briefing, fmt, template_environment())
    assert isinstance(content, str)
    # The site's name is the item's publisher now (issue #12), never part of its text.
    publisher = {"md": "· BNews*", "html": "· BNews</p>", "json": '"site": "BNews"'}[fmt.value]
    assert publisher in content
    _assert_clean(content.replace(publisher, ""))
    # the title appears once per place it belongs (heading / JSON field), never as text
    expected = 1
    assert content.count(TITLE_003) == expected
    assert "2027" not in content  # nothing dated after the briefing
