"""Every method: verbatim sentences, document order, lengths, short releases whole."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.config import Method, SummaryOptions
from briefgen.errors import UsageError
from briefgen.models import Document
from briefgen.pipeline import load_document
from briefgen.summarize import summarize, summarize_again
from briefgen.tokenize import split_sentences

from .conftest import SAMPLES


def _document(paragraphs: list[str], language: str = "en") -> Document:
    return Document(
        source="t.txt", title="A title", language=language, paragraphs=tuple(paragraphs)
    )


def _sample(name: str) -> Document:
    return load_document(SAMPLES / name, briefing_date=date(2026, 11, 20))


SAMPLE_NAMES = sorted(p.name for p in SAMPLES.iterdir())


@pytest.mark.parametrize("method", list(Method))
@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_method_picks_verbatim_sentences_in_document_order(method: Method, name: str) -> None:
    document = _sample(name)
    summary = summarize(document, SummaryOptions(method=method, sentences=2))
    all_sentences = [s for p in document.paragraphs for s in split_sentences(p)]
    assert len(summary.sentences) == 2
    positions = [all_sentences.index(s) for s in summary.sentences]
    assert positions == sorted(positions)
    assert summary.method == method.value


@pytest.mark.parametrize("method", list(Method))
def test_short_release_is_returned_whole(method: Method) -> None:
    document = _document(["Only one sentence is here.", "And a second one follows it."])
    summary = summarize(document, SummaryOptions(method=method, sentences=3))
    assert summary.sentences == ("Only one sentence is here.", "And a second one follows it.")


def test_lead_takes_the_first_sentences() -> None:
    document = _document(
        ["Talks began. Trade was discussed.", "Water was agreed. Rivers were named."]
    )
    assert summarize(document, SummaryOptions(sentences=3)).sentences == (
        "Talks began.",
        "Trade was discussed.",
        "Water was agreed.",
    )


def test_ratio_and_word_budget() -> None:
    paragraphs = [f"Sentence {i} has exactly six words." for i in range(10)]
    document = _document([" ".join(paragraphs)])
    by_ratio = summarize(document, SummaryOptions(method=Method.LEXRANK, ratio=0.3))
    assert len(by_ratio.sentences) == 3
    for method in (Method.LEAD, Method.LEXRANK, Method.LUHN):
        by_words = summarize(document, SummaryOptions(method=method, words=20))
        assert by_words.word_count <= 20
        assert len(by_words.sentences) == 3
    # a budget below one sentence still yields the best sentence
    assert len(summarize(document, SummaryOptions(method=Method.LSA, words=2)).sentences) == 1


@pytest.mark.parametrize(
    "options",
    [
        SummaryOptions(sentences=0),
        SummaryOptions(ratio=1.5),
        SummaryOptions(words=0),
        SummaryOptions(ratio=0.5, words=10),
    ],
)
def test_impossible_lengths_are_usage_errors(options: SummaryOptions) -> None:
    with pytest.raises(UsageError):
        summarize(_document(["One. Two."]), options)


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_russian_and_kazakh_summaries_with_every_sumy_method(language: str) -> None:
    name = {"ru": "ru-tourism-council.txt", "kk": "kk-education-grants.txt"}[language]
    document = _sample(name)
    assert document.language == language
    for method in Method:
        summary = summarize(document, SummaryOptions(method=method, sentences=1))
        assert len(summary.sentences) == 1
        assert summary.sentences[0] in document.text


_text = st.lists(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120),
    min_size=1,
    max_size=6,
).map(lambda parts: ". ".join(parts))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_text, method=st.sampled_from(list(Method)))
def test_property_every_summary_sentence_comes_from_the_source(text: str, method: Method) -> None:
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()] or ["x"]
    document = _document(paragraphs)
    summary = summarize(document, SummaryOptions(method=method, sentences=2))
    assert summary.sentences
    for sentence in summary.sentences:
        assert sentence in document.text


_RUN_ON = (
    "Jason Smith, 42, sent abusive messages to his former partner and set up dozens of "
    "fake profiles to harass her over several months last year A man who sent abusive "
    "messages to his former partner and set up dozens of fake profiles to harass her over "
    "several months has been jailed for two years at the crown court."
)


def test_newslead_passes_over_hook_questions_and_run_on_captions() -> None:
    from briefgen import newslead

    assert newslead.passed_over("But will he face death?")
    assert newslead.passed_over("'What can I say about Simeone?'")
    assert newslead.passed_over(_RUN_ON)
    long_but_whole = (
        "The minister said that the agreement, which covers trade, energy, transport, "
        "education and the exchange of students between the two countries, would be "
        "signed in the capital next month after talks that began in the spring and "
        "continued through the long summer despite the objections raised by several of the "
        "regional leaders."
    )
    assert len(long_but_whole.split()) > newslead.LONGEST
    assert not newslead.passed_over(long_but_whole)
    assert not newslead.passed_over("Talks ended on Friday.")

    document = _document(["Will prices fall? Prices fell by 3% in May. Rents rose. Pay stalled."])
    edited = summarize(document, SummaryOptions(method=Method.NEWSLEAD, sentences=2))
    assert edited.sentences == ("Prices fell by 3% in May.", "Rents rose.")
    lead = summarize(document, SummaryOptions(method=Method.LEAD, sentences=2))
    assert lead.sentences == ("Will prices fall?", "Prices fell by 3% in May.")
    # a release of nothing but questions still gets its first ones
    only_questions = _document(["Why now? Who pays? What next?"])
    summary = summarize(only_questions, SummaryOptions(method=Method.NEWSLEAD, sentences=2))
    assert summary.sentences == ("Why now?", "Who pays?")


def test_newslead_keeps_leads_way_with_a_word_budget() -> None:
    # Like lead, it stops at the first sentence that does not fit instead of reaching
    # further down for shorter ones (which costs ROUGE on press releases).
    document = _document(
        [
            "Is this the end? The council approved the new budget on Monday evening. "
            "It raises spending on schools, roads and housing by a fifth over three years. "
            "Critics objected. Turnout was low."
        ]
    )
    summary = summarize(document, SummaryOptions(method=Method.NEWSLEAD, words=15))
    assert summary.sentences == ("The council approved the new budget on Monday evening.",)


def test_newslead_passes_over_a_sentence_that_repeats_those_kept() -> None:
    document = _document(
        [
            "The council approved the city budget on Monday. "
            "On Monday the city council approved its budget, the mayor said. "
            "Spending on schools rises by a fifth. Roads get less."
        ]
    )
    summary = summarize(document, SummaryOptions(method=Method.NEWSLEAD, sentences=2))
    assert summary.sentences == (
        "The council approved the city budget on Monday.",
        "Spending on schools rises by a fifth.",
    )
    # lead keeps the repetition
    lead = summarize(document, SummaryOptions(method=Method.LEAD, sentences=2))
    assert lead.sentences[1].startswith("On Monday the city council")


@pytest.mark.parametrize("method", list(Method))
def test_skipped_sentences_are_never_chosen(method: Method) -> None:
    document = _sample("astana-water-forum.txt")
    sentences = [s for p in document.paragraphs for s in split_sentences(p)]
    alone = summarize(document, SummaryOptions(method=method, sentences=2)).sentences
    asked: list[str] = []

    def said_before(sentence: str) -> bool:  # an earlier item said the first choice
        asked.append(sentence)
        return sentence == alone[0]

    summary = summarize(document, SummaryOptions(method=method, sentences=2), skip=said_before)
    assert alone[0] not in summary.sentences
    assert len(summary.sentences) == 2
    assert sorted(summary.sentences, key=sentences.index) == list(summary.sentences)
    if method is Method.NEWSLEAD:  # the default asks only of its best-ranked sentences
        assert len(asked) < len(sentences)
        assert f"passed over (an earlier item says it): {alone[0]}" in summary.notes
    everything = summarize(document, SummaryOptions(method=method), skip=lambda s: True)
    assert len(everything.sentences) == 1  # nothing left: the best is kept all the same


@pytest.mark.parametrize("method", [Method.NEWSLEAD, Method.LEAD, Method.LEXRANK])
@pytest.mark.parametrize("name", SAMPLE_NAMES)
@pytest.mark.parametrize("said", [1, 2, 3])
def test_choosing_again_from_the_ratings_equals_summarizing_again(
    method: Method, name: str, said: int
) -> None:
    # A briefing summarizes a story again when it repeats an earlier item; the default
    # method chooses from the ratings it holds, which must give the same summary, notes
    # ("an earlier item says it") included.
    document = _sample(name)
    options = SummaryOptions(method=method, sentences=2)
    first = summarize(document, options)
    repeated = set(first.sentences[: said % (len(first.sentences) + 1)])

    def skip(sentence: str) -> bool:
        return sentence in repeated

    again = summarize_again(first, options, skip)
    assert again == summarize(document, options, skip)
    assert not set(again.sentences) & repeated or len(again.sentences) == 1
