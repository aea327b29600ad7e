"""Extractive summaries through sumy's summarizers, with briefgen's own tokenizer.

Every selected sentence is a sentence of the cleaned document, verbatim, and the
summary keeps document order. A document with no more sentences than asked for is
returned whole.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from briefgen import newslead
from briefgen.config import Method, SummaryOptions
from briefgen.errors import UsageError
from briefgen.language import stemmer, stop_words
from briefgen.models import Document, Summary
from briefgen.sentences import Context, release_kind, title_topic
from briefgen.tokenize import Tokenizer, split_words

# Imported only when used: sumy's summarizers pull in numpy and more. Where briefgen has
# a matrix form of sumy's class (same choices, tested), that form is used.
SUMY_SUMMARIZERS: dict[Method, str] = {
    Method.LEXRANK: "briefgen.summarizers:FastLexRankSummarizer",
    Method.TEXTRANK: "briefgen.summarizers:FastTextRankSummarizer",
    Method.LSA: "briefgen.summarizers:FastLsaSummarizer",
    Method.LUHN: "briefgen.summarizers:FastLuhnSummarizer",
    Method.KL: "briefgen.summarizers:FastKLSummarizer",
    Method.SUMBASIC: "briefgen.summarizers:FastSumBasicSummarizer",
    Method.EDMUNDSON: "sumy.summarizers.edmundson:EdmundsonSummarizer",
    Method.REDUCTION: "briefgen.summarizers:FastReductionSummarizer",
}
# lead and newslead run on sentence strings (no sumy import: they are the fast default);
# briefgen.summarizers.NewsLeadSummarizer is newslead as a sumy summarizer.


# Edmundson's cue method rewards and penalises words; sumy's defaults are Czech, so
# briefgen gives words that mark a release's substance and its chatter.
_EDMUNDSON_BONUS = (
    "agreed",
    "signed",
    "announced",
    "adopted",
    "approved",
    "decided",
    "launched",
    "согласились",
    "подписали",
    "объявил",
    "утвердил",
    "принят",
    "келісті",
    "қол",
    "бекітті",
)
_EDMUNDSON_STIGMA = ("photo", "click", "subscribe", "фото", "подписывайтесь", "сурет")


def build_document(
    paragraphs: Sequence[Sequence[str]], tokenizer: Tokenizer, title: str = ""
) -> Any:
    """sumy's document model of sentences already split, paragraph by paragraph; the title
    is kept as a heading (never selected)."""
    from briefgen.lazy_sumy import defer_nltk

    defer_nltk()
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    built = []
    for index, sentences in enumerate(paragraphs):
        objects = [Sentence(text, tokenizer) for text in sentences]
        if index == 0 and title:
            objects.insert(0, Sentence(title, tokenizer, is_heading=True))
        built.append(Paragraph(objects))
    return ObjectDocumentModel(built)


def _sumy_summarizer(method: Method, language: str, title: str) -> Any:
    from briefgen.lazy_sumy import defer_nltk

    defer_nltk()
    module_name, class_name = SUMY_SUMMARIZERS[method].split(":")
    summarizer_class = getattr(importlib.import_module(module_name), class_name)
    summarizer = summarizer_class(stemmer(language))
    if method is Method.EDMUNDSON:
        summarizer.null_words = stop_words(language)
        summarizer.bonus_words = list(title.lower().split()) + list(_EDMUNDSON_BONUS)
        summarizer.stigma_words = _EDMUNDSON_STIGMA
    elif hasattr(summarizer, "stop_words"):
        summarizer.stop_words = stop_words(language)
    return summarizer


def _words(sentence: object) -> int:
    return len(str(sentence).split())


def word_budget(budget: int) -> Callable[[Sequence[Any]], list[Any]]:
    """sumy's callable count for a word budget: best-rated first, skipping what no longer
    fits; the best sentence is taken even when it alone is over budget."""

    def select(ranked: Sequence[Any]) -> list[Any]:
        chosen: list[Any] = []
        used = 0
        for info in ranked:
            length = _words(info.sentence)
            if used + length <= budget or not chosen:
                chosen.append(info)
                used += length
        return chosen

    return select


def sentence_count(options: SummaryOptions, total: int) -> int:
    """How many sentences ``options`` ask for out of ``total``."""
    if options.ratio is not None:
        return max(1, round(total * options.ratio))
    return options.sentences


def _lead(sentences: Sequence[str], options: SummaryOptions) -> list[str]:
    """The first of ``sentences`` up to the count asked for, or while they fit the word
    budget (the first always)."""
    if options.words is None:
        return list(sentences[: sentence_count(options, len(sentences))])
    chosen: list[str] = []
    used = 0
    for sentence in sentences:
        if chosen and used + _words(sentence) > options.words:
            break
        chosen.append(sentence)
        used += _words(sentence)
    return chosen


def _newslead(
    sentences: Sequence[str],
    options: SummaryOptions,
    document: Document,
    openers: frozenset[str] = frozenset(),
    skip: Callable[[str], bool] | None = None,
) -> Summary:
    """lead's choice over ``sentences`` ranked by ``newslead.rate``, in document order,
    leaving out what ``skip`` marks; notes say the kind of release found and why
    sentences were passed over."""
    context = release_context(document, openers)
    rated = newslead.rate(
        sentences, [content_words(s, document.language) for s in sentences], context
    )
    summary = Summary(
        document,
        options.method.value,
        (),
        tuple(zip(sentences, rated.ratings, strict=True)),
        (f"kind of release: {context.kind}",),
        tuple(rated.reasons),
    )
    return _newslead_choice(summary, options, skip)


def _newslead_choice(
    rated: Summary, options: SummaryOptions, skip: Callable[[str], bool] | None
) -> Summary:
    """The sentences of ``rated`` (every sentence rated, none chosen yet) that newslead
    chooses, asking ``skip`` of the best-ranked only, until enough are found."""
    sentences = [sentence for sentence, _ in rated.scores]
    ratings = [rating for _, rating in rated.scores]
    ranked = sorted(range(len(sentences)), key=lambda i: -ratings[i])  # ties in order
    # Junk is taken only when nothing else is left, however short the release.
    ranked = [i for i in ranked if ratings[i] > newslead.JUNK_RATING] or ranked[:1]
    said_before: list[int] = []
    if skip is not None:
        kept = _not_skipped(ranked, sentences, skip, options)
        said_before = [i for i in ranked[: ranked.index(kept[-1])] if i not in kept] if kept else []
        ranked = kept or ranked[:1]
    taken = len(_lead([sentences[i] for i in ranked], options))
    chosen = tuple(sentences[i] for i in sorted(ranked[:taken]))
    reasons = list(rated.reasons)
    for index in said_before:
        reasons[index] = "an earlier item says it"
    notes = (
        rated.notes[0],
        *tuple(
            f"passed over ({reason}): {sentence}"
            for sentence, reason in zip(sentences, reasons, strict=True)
            if reason
        ),
    )
    return replace(rated, sentences=chosen, notes=notes)


def summarize_again(
    summary: Summary, options: SummaryOptions, skip: Callable[[str], bool]
) -> Summary:
    """What ``summarize(summary.document, options, skip)`` gives; the default method
    chooses again from the ratings ``summary`` holds instead of rating every sentence
    again (a briefing asks this of each story that repeats an earlier one)."""
    if options.method is Method.NEWSLEAD and summary.reasons:
        return _newslead_choice(summary, options, skip)
    return summarize(summary.document, options, skip)


def _not_skipped(
    ranked: Sequence[int],
    sentences: Sequence[str],
    skip: Callable[[str], bool],
    options: SummaryOptions,
) -> list[int]:
    """The best of ``ranked`` that ``skip`` lets through, as many as the summary can take:
    a briefing asks whether a sentence repeats an earlier item only of these."""
    wanted = sentence_count(options, len(sentences))
    kept: list[int] = []
    used = 0
    for index in ranked:
        if options.words is None and len(kept) >= wanted:
            break
        if options.words is not None and kept and used > options.words:
            break
        if not skip(sentences[index]):
            kept.append(index)
            used += _words(sentences[index])
    return kept


def release_context(document: Document, openers: frozenset[str] = frozenset()) -> Context:
    """What the ranking of ``newslead`` needs to know of ``document``."""
    # A title derived from the first sentence says nothing of the kind of release.
    given_title = "" if document.title_source == "derived" else document.title
    return Context(
        kind=release_kind(given_title, document.paragraphs),
        title_words=content_words(document.title, document.language),
        topic_words=content_words(title_topic(given_title), document.language),
        openers=openers,
    )


def validate(options: SummaryOptions) -> None:
    """Reject lengths that cannot make a summary."""
    if options.sentences < 1:
        raise UsageError("--sentences must be at least 1")
    if options.ratio is not None and not 0 < options.ratio <= 1:
        raise UsageError("--ratio must be above 0 and at most 1")
    if options.words is not None and options.words < 1:
        raise UsageError("--words must be at least 1")
    if options.ratio is not None and options.words is not None:
        raise UsageError("use one of --ratio and --words, not both")


def summarize(
    document: Document,
    options: SummaryOptions,
    skip: Callable[[str], bool] | None = None,
) -> Summary:
    """Select sentences of ``document`` by ``options.method``; always at least one.

    ``skip`` marks sentences not to choose (what earlier items of a briefing already
    said); when it would leave nothing, the best sentence is kept all the same.
    """
    validate(options)
    tokenizer = Tokenizer(document.language)
    # Split once; sumy's document model is built only for sumy's methods.
    split = [tokenizer.to_sentences(paragraph) for paragraph in document.paragraphs]
    sentences = [sentence for paragraph in split for sentence in paragraph]
    if not sentences:  # cleaning leaves at least one line, but a line may be punctuation
        sentences = [document.text.strip() or document.title]
    if options.method is Method.NEWSLEAD:  # the default ranks first, then asks ``skip``
        openers = frozenset(paragraph[0] for paragraph in split if paragraph)
        return _newslead(sentences, options, document, openers, skip)
    candidates = [s for s in sentences if not skip(s)] if skip else sentences
    candidates = candidates or sentences[:1]
    wanted_words = options.words
    fits = (
        sum(_words(s) for s in candidates) <= wanted_words
        if wanted_words is not None
        else len(candidates) <= sentence_count(options, len(sentences))
    )
    scores: list[tuple[str, float]] = []
    notes: tuple[str, ...] = ()
    if fits:
        chosen = candidates
    elif options.method is Method.LEAD:
        chosen = _lead(candidates, options)
        scores = [(sentence, 1 / (1 + index)) for index, sentence in enumerate(sentences)]
    else:
        ranked, notes = _within_limit(split)
        model = build_document(ranked, tokenizer, document.title)
        summarizer = _sumy_summarizer(options.method, document.language, document.title)
        count = (
            word_budget(wanted_words)
            if wanted_words is not None
            else _first(sentence_count(options, len(sentences)))
        )
        chosen = [str(s) for s in summarizer(model, _recording(count, skip, scores))]
    return Summary(document, options.method.value, tuple(chosen), tuple(scores), notes)


# sumy's methods compare sentences pairwise or re-rate them for each one chosen: far past
# any release's length (a few hundred sentences), time and memory grow out of bounds.
MAX_RANKED_SENTENCES = 3000


def _within_limit(
    split: Sequence[Sequence[str]],
) -> tuple[Sequence[Sequence[str]], tuple[str, ...]]:
    """The paragraphs up to ``MAX_RANKED_SENTENCES`` sentences, and a note when cut."""
    total = sum(len(paragraph) for paragraph in split)
    if total <= MAX_RANKED_SENTENCES:
        return split, ()
    kept: list[Sequence[str]] = []
    room = MAX_RANKED_SENTENCES
    for paragraph in split:
        if room <= 0:
            break
        kept.append(paragraph[:room])
        room -= len(kept[-1])
    note = f"only the first {MAX_RANKED_SENTENCES} of {total} sentences were ranked"
    return kept, (note,)


Selection = Callable[[Sequence[Any]], list[Any]]


def _first(count: int) -> Selection:
    return lambda ranked: list(ranked[:count])


def _recording(
    select: Selection, skip: Callable[[str], bool] | None, scores: list[tuple[str, float]]
) -> Selection:
    """sumy's callable count, wrapped: note every rating, then leave out skipped sentences."""

    def choose(ranked: Sequence[Any]) -> list[Any]:
        scores.extend((str(info.sentence), float(info.rating)) for info in ranked)
        kept = [info for info in ranked if not (skip and skip(str(info.sentence)))]
        return select(kept or list(ranked[:1]))

    return choose


def content_words(sentence: str, language: str) -> frozenset[str]:
    """Stems of the words of ``sentence`` that are not stop words."""
    stem, ignore = stemmer(language), stop_words(language)
    return frozenset(stem(w) for w in split_words(sentence.lower()) if w not in ignore)


class SaidAlready:
    """What earlier items of a briefing said, to keep later items from repeating it.

    A sentence repeats an earlier one when they share at least ``SAME`` of the shorter
    one's content words. Finding those without comparing every pair (a month's briefing
    says tens of thousands of sentences) uses prefix filtering: a sentence of n words that
    shares enough of them with another has, among any n - needed + 1 of its words, one the
    other has too. So each said sentence is filed under a few of its rarest words (for
    shorter sentences than the one asked about) and all of its words (for longer ones),
    and only sentences found that way are compared. ``frequency`` (in how many releases of
    the briefing a word is) tells which words are rare; any order would be correct.
    """

    SAME = 0.6  # share of a sentence's content words already said together elsewhere

    def __init__(self, frequency: Mapping[str, int] | None = None) -> None:
        self._frequency = frequency or {}
        self._said: list[frozenset[str]] = []
        self._by_word: dict[str, list[int]] = defaultdict(list)
        self._by_rare_word: dict[str, list[int]] = defaultdict(list)

    def _needed(self, size: int) -> int:
        """The fewest shared words that make a repeat when the shorter has ``size``."""
        return next(shared for shared in range(size + 1) if shared / size >= self.SAME)

    def _rarest(self, words: frozenset[str]) -> list[str]:
        """Any len - needed + 1 words would do; the rarest find fewest."""
        chosen = sorted(words, key=lambda word: (self._frequency.get(word, 0), word))
        return chosen[: len(words) - self._needed(len(words)) + 1]

    def __call__(self, sentence: str, language: str) -> bool:
        words = content_words(sentence, language)
        if not words:
            return False
        found: set[int] = set()
        for word in words:  # said sentences no longer than this one
            found.update(self._by_rare_word.get(word, ()))
        for word in self._rarest(words):  # and longer ones
            found.update(self._by_word.get(word, ()))
        said, size, same = self._said, len(words), self.SAME
        for index in found:
            other = said[index]
            if len(words & other) >= same * min(size, len(other)):
                return True
        return False

    def add(self, sentences: Sequence[str], language: str) -> None:
        for sentence in sentences:
            words = content_words(sentence, language)
            if not words:
                continue
            index = len(self._said)
            self._said.append(words)
            for word in self._rarest(words):
                self._by_rare_word[word].append(index)
            for word in words:
                self._by_word[word].append(index)
