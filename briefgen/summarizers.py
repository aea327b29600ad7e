"""sumy's summarizers in matrix form: the same selections, without pure-Python loops;
and ``newslead`` (``briefgen.newslead``) as a summarizer over sumy's document model too.

Each class subclasses sumy's own and replaces only its rating computation, keeping sumy's
word handling (which words are normalised, stemmed or filtered, and in which order),
its thresholds and its tie-breaking, so the same sentences are chosen (equivalence tests
in tests/test_summarizers.py on real releases).

TextRank, Reduction, Luhn and SumBasic compute the very same floating-point numbers as
sumy (same operations in the same order). KL, LexRank and LSA sum in another order, so two
sentences whose scores differ only in the last bits may swap; sumy's own LSA is no firmer
there, as its SVD's rounding depends on the order of a set of words, which changes with
Python's hash seed from run to run (two runs chose differently on 20 of 238 White House
releases at 60 words); here exact ties go to the earlier sentence.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from briefgen.lazy_sumy import defer_nltk

defer_nltk()  # before sumy's summarizers: they would import all of NLTK for nothing

from sumy.summarizers._summarizer import AbstractSummarizer  # noqa: E402
from sumy.summarizers.kl import KLSummarizer  # noqa: E402
from sumy.summarizers.lex_rank import LexRankSummarizer  # noqa: E402
from sumy.summarizers.lsa import LsaSummarizer  # noqa: E402
from sumy.summarizers.luhn import LuhnSummarizer  # noqa: E402
from sumy.summarizers.reduction import ReductionSummarizer  # noqa: E402
from sumy.summarizers.sum_basic import SumBasicSummarizer  # noqa: E402
from sumy.summarizers.text_rank import TextRankSummarizer  # noqa: E402

from briefgen import newslead  # noqa: E402


def _vocabulary(lists: Sequence[Sequence[str]]) -> dict[str, int]:
    vocabulary: dict[str, int] = {}
    for words in lists:
        for word in words:
            vocabulary.setdefault(word, len(vocabulary))
    return vocabulary


# Up to this many cells, a sentence-term matrix is a plain array: a release's few dozen
# sentences need no sparse algebra, and importing scipy.sparse costs a cold start about
# 0.1 s (more than the summary itself). Past it, scipy.sparse keeps memory to the nonzeros.
_DENSE_CELLS = 2_000_000


def _term_matrix(
    lists: Sequence[Sequence[str]], weights: Sequence[dict[str, float]] | None = None
) -> Any:
    """Sentences x terms: counts of each term, or the given weight of each term."""
    vocabulary = _vocabulary(lists)
    rows: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    for row, words in enumerate(lists):
        tally = Counter(words) if weights is None else weights[row]
        for word, value in tally.items():
            rows.append(row)
            columns.append(vocabulary[word])
            values.append(value)
    shape = (len(lists), len(vocabulary))
    if shape[0] * shape[1] <= _DENSE_CELLS:
        matrix = np.zeros(shape)
        np.add.at(
            matrix, (np.array(rows, dtype=np.int64), np.array(columns, dtype=np.int64)), values
        )
        return matrix
    from scipy.sparse import csr_matrix  # imported on use: scipy is slow to import

    return csr_matrix((values, (rows, columns)), shape=shape, dtype=float)


def _gram(matrix: Any) -> Any:
    """Every row's dot product with every row, as a plain array."""
    product = matrix @ matrix.T
    return product.toarray() if hasattr(product, "toarray") else product


def _overlap_edges(lists: Sequence[Sequence[str]], single_words_count: bool) -> Any:
    """TextRank's and Reduction's edge weight of every sentence pair: the words two sentences
    share (counted with repeats on both sides), over the sum of the logs of their lengths.

    Computed as sumy computes it for one pair (an exact integer over the same float sum),
    so every weight is bit-for-bit sumy's. Where both sentences are a single word the
    norm is zero: TextRank keeps the shared count, Reduction gives 0.
    """
    counts = _term_matrix(lists)
    edges = _gram(counts)  # shared counts, divided in place (n x n is large)
    logs = np.array([math.log(len(words)) if words else 0.0 for words in lists])
    norm = logs[:, None] + logs[None, :]
    single = norm == 0.0  # two one-word sentences (log 1 = 0); left undivided
    np.divide(edges, norm, out=edges, where=~single)
    if not single_words_count:
        edges[single] = 0.0
    return edges


class FastTextRankSummarizer(TextRankSummarizer):  # type: ignore[misc]
    """TextRank with all pairwise word overlaps as one sparse product."""

    def _create_matrix(self, document: Any) -> Any:
        sentences = [self._to_words_set(sentence) for sentence in document.sentences]
        count = len(sentences)
        weights = _overlap_edges(sentences, single_words_count=True)
        weights /= weights.sum(axis=1)[:, np.newaxis] + self._ZERO_DIVISION_PREVENTION
        # sumy adds a full matrix of the jump probability; added in place, the same sums
        weights *= self.damping
        weights += (1.0 - self.damping) / count
        return weights


class FastReductionSummarizer(ReductionSummarizer):  # type: ignore[misc]
    """Reduction: each sentence rated by the sum of its edges to all others."""

    def rate_sentences(self, document: Any) -> dict[Any, float]:
        sentences = document.sentences
        edges = _overlap_edges([self._to_words_set(s) for s in sentences], False)
        np.fill_diagonal(edges, 0.0)
        # sumy adds a sentence's edges one by one in document order: a running sum does too
        totals = np.cumsum(edges, axis=1)[:, -1] if len(sentences) else np.zeros(0)
        ratings: dict[Any, float] = {}
        places: dict[Any, list[int]] = {}
        for index, sentence in enumerate(sentences):
            places.setdefault(sentence, []).append(index)
        for sentence, indexes in places.items():
            if len(indexes) == 1:
                ratings[sentence] = float(totals[indexes[0]])
            else:  # copies of a sentence share one rating in sumy's dict: replay its order
                ratings[sentence] = _shared_rating(edges, set(indexes))
        return ratings


def _shared_rating(edges: Any, copies: set[int]) -> float:
    """The rating sumy's dict gives copies of one sentence: their edges, added in the order
    of sumy's pairs (first, second), a pair of two copies counted twice."""
    count = len(edges)
    is_copy = np.zeros(count, dtype=bool)
    is_copy[sorted(copies)] = True
    firsts: list[Any] = []
    seconds: list[Any] = []
    for copy in sorted(copies):
        firsts.append(np.full(count - copy - 1, copy))  # the copy first, any second
        seconds.append(np.arange(copy + 1, count))
        others = np.flatnonzero(~is_copy[:copy])  # another sentence first, the copy second
        firsts.append(others)
        seconds.append(np.full(len(others), copy))
    first = np.concatenate(firsts)
    second = np.concatenate(seconds)
    order = np.lexsort((second, first))
    first, second = first[order], second[order]
    added = np.repeat(edges[first, second], is_copy[first].astype(int) + is_copy[second])
    return float(np.cumsum(added)[-1]) if len(added) else 0.0


class FastLsaSummarizer(LsaSummarizer):  # type: ignore[misc]
    """LSA without the SVD. sumy keeps every dimension (REDUCTION_RATIO = 1), so a
    sentence's rank sqrt(sum s_i^2 v_i^2) is the length of its column of the smoothed
    term-frequency matrix (the left singular vectors are orthonormal)."""

    def __call__(self, document: Any, sentences_count: Any) -> Any:
        if LsaSummarizer.REDUCTION_RATIO != 1:  # sumy reads it there; fewer dimensions: no shortcut
            return super().__call__(document, sentences_count)
        dictionary = self._create_dictionary(document)
        if not dictionary:
            return ()
        smooth = 0.4
        size = len(dictionary)
        ranks = []
        for sentence in document.sentences:
            counts = Counter(
                stem for stem in map(self.stem_word, sentence.words) if stem in dictionary
            )
            if not counts:
                ranks.append(0.0)
                continue
            top = max(counts.values())
            # every absent word holds `smooth`, every present one smooth + (1 - smooth) tf
            present = np.array([smooth + (1.0 - smooth) * (c / top) for c in counts.values()])
            squares = float(present @ present) + smooth**2 * (size - len(counts))
            ranks.append(math.sqrt(squares))
        rank_of = iter(ranks)
        return self._get_best_sentences(
            document.sentences, sentences_count, lambda _sentence: next(rank_of)
        )


class FastLuhnSummarizer(LuhnSummarizer):  # type: ignore[misc]
    """Luhn with the significant words as a set (sumy searches a tuple for every word)."""

    def _get_significant_words(self, words: Sequence[str]) -> frozenset[str]:
        normalized = [self.normalize_word(w) for w in words]
        tally = Counter(self.stem_word(w) for w in normalized if w not in self._stop_words)
        # sumy keeps the most frequent 100% of the terms, then those seen more than once
        return frozenset(term for term, count in tally.items() if count > 1)


class FastSumBasicSummarizer(SumBasicSummarizer):  # type: ignore[misc]
    """SumBasic: each round takes the sentence of highest mean word probability, then
    squares the probabilities of its words. Only sentences sharing a word with the one taken
    are re-rated, each by a running sum in word order, as sumy sums."""

    def _compute_ratings(self, sentences: Any) -> dict[Any, int]:
        sentence_words = [self._get_content_words_in_sentence(s) for s in sentences]
        # sumy's _compute_tf, from the words just found rather than finding them again
        tally = Counter(word for words in sentence_words for word in words)
        total_words = sum(tally.values())
        vocabulary = _vocabulary(sentence_words)
        values = np.zeros(len(vocabulary))
        for word, index in vocabulary.items():
            values[index] = tally[word] / total_words
        values = np.append(values, 0.0)  # a last slot that always holds 0.0
        count = len(sentences)
        lengths = np.array([len(words) for words in sentence_words], dtype=float)
        # Sentences grouped by length, up to a power of two: one matrix of word indexes per
        # group, padded with the 0.0 slot (adding 0.0 changes no sum).
        group_of = np.array([max(len(words) - 1, 0).bit_length() for words in sentence_words])
        place_of = np.zeros(count, dtype=np.int64)
        tables: dict[int, Any] = {}
        for group in np.unique(group_of).tolist():
            members = np.flatnonzero(group_of == group)
            table = np.full((len(members), 1 << group), len(vocabulary), dtype=np.int64)
            for place, row in enumerate(members.tolist()):
                words = sentence_words[row]
                table[place, : len(words)] = [vocabulary[w] for w in words]
                place_of[row] = place
            tables[group] = table
        postings: list[list[int]] = [[] for _ in vocabulary]
        for row, words in enumerate(sentence_words):
            for index in {vocabulary[w] for w in words}:
                postings[index].append(row)
        containing = [np.array(rows, dtype=np.int64) for rows in postings]
        mean = np.zeros(count)

        def rate(rows: Any) -> None:
            for group in np.unique(group_of[rows]).tolist():
                members = rows[group_of[rows] == group]
                # a running sum in word order is sumy's sum of a list, bit for bit
                sums = np.cumsum(values[tables[group][place_of[members]]], axis=1)[:, -1]
                with np.errstate(divide="ignore", invalid="ignore"):
                    mean[members] = np.where(lengths[members] > 0, sums / lengths[members], 0.0)

        rate(np.arange(count))
        alive = np.ones(count, dtype=bool)
        ratings: dict[Any, int] = {}
        for _ in range(count):
            best = int(np.argmax(np.where(alive, mean, -1.0)))  # the first of equals
            alive[best] = False
            ratings[sentences[best]] = -len(ratings)  # sumy's bookkeeping, copies included
            changed = set()
            for word in sentence_words[best]:  # one squaring per occurrence, as in sumy
                index = vocabulary[word]
                values[index] *= values[index]
                changed.add(index)
            if changed:
                rows = np.unique(np.concatenate([containing[index] for index in changed]))
                rate(rows[alive[rows]])
        return ratings


class FastKLSummarizer(KLSummarizer):  # type: ignore[misc]
    """KL-Sum: greedily add the sentence that brings the summary's word distribution
    closest to the document's. sumy recomputes every divergence from scratch each round
    (cubic); here a round re-rates only the entries of the words just added, then sums
    each sentence's entries in one pass."""

    def _compute_ratings(self, sentences: Any) -> dict[Any, int]:
        document_frequency = self.compute_tf(sentences)
        # As in sumy: candidates are their normalised content words, while the summary
        # grows by the sentences' words as written.
        candidate_words = [self._get_content_words_in_sentence(s) for s in sentences]
        written_words = [list(s.words) for s in sentences]
        vocabulary = _vocabulary(candidate_words + written_words)
        size = len(vocabulary)
        frequency = np.zeros(size)
        for word, value in document_frequency.items():
            if word in vocabulary:
                frequency[vocabulary[word]] = value
        rows, columns, counts = [], [], []
        for row, words in enumerate(candidate_words):
            for word, count in sorted(Counter(words).items(), key=lambda i: vocabulary[i[0]]):
                rows.append(row)
                columns.append(vocabulary[word])
                counts.append(count)
        row_of = np.array(rows, dtype=np.int64)
        column_of = np.array(columns, dtype=np.int64)
        count_of = np.array(counts, dtype=float)
        by_column = np.argsort(column_of, kind="stable")
        column_start = np.searchsorted(column_of[by_column], np.arange(size + 1))
        length = np.array([len(words) for words in candidate_words], dtype=float)
        # entries are in row order: each sentence's entries are one slice
        with_entries = np.flatnonzero(np.bincount(row_of, minlength=len(sentences)))
        first_entry = np.searchsorted(row_of, with_entries)
        log_frequency = np.zeros(size)
        log_frequency[frequency > 0] = np.log(frequency[frequency > 0])
        summary = np.zeros(size)  # word counts of the summary so far
        log_summary = np.zeros(size)

        # Each entry (a sentence's word) contributes `term` to the divergence and `mass`
        # to the probability mass scaled by the summary's new length.
        term = np.zeros(len(rows))
        mass = np.zeros(len(rows))

        def rate_entries(entries: Any) -> None:
            columns_here = column_of[entries]
            weight = frequency[columns_here]
            in_summary = summary[columns_here] > 0
            joint = np.log(count_of[entries] + summary[columns_here])
            start = np.where(in_summary, log_summary[columns_here], log_frequency[columns_here])
            term[entries] = np.where(weight > 0, weight * (start - joint), 0.0)
            mass[entries] = np.where((weight > 0) & ~in_summary, weight, 0.0)

        with np.errstate(divide="ignore", invalid="ignore"):
            rate_entries(np.arange(len(rows)))
        total = len(sentences)
        summary_length = 0.0
        alive = np.ones(total, dtype=bool)
        order: list[int] = []
        with np.errstate(divide="ignore", invalid="ignore"):
            while len(order) < total:
                base = (summary > 0) & (frequency > 0)
                shared = frequency[base] @ (log_frequency[base] - log_summary[base])
                shared_mass = frequency[base].sum()
                extra = np.zeros(total)
                extra_mass = np.zeros(total)
                if len(with_entries):
                    extra[with_entries] = np.add.reduceat(term, first_entry)
                    extra_mass[with_entries] = np.add.reduceat(mass, first_entry)
                denominator = length + summary_length
                divergence = (
                    shared
                    + extra
                    + np.where(
                        denominator > 0,
                        np.log(np.where(denominator > 0, denominator, 1.0))
                        * (shared_mass + extra_mass),
                        0.0,
                    )
                )
                # an empty sentence beside an empty summary has no joint distribution
                divergence = np.where(denominator > 0, divergence, 0.0)
                divergence[~alive] = np.inf
                best = int(np.argmin(divergence))  # the first of equals, as sumy's index()
                alive[best] = False
                order.append(best)
                changed = sorted({vocabulary[word] for word in written_words[best]})
                for word in written_words[best]:
                    summary[vocabulary[word]] += 1
                summary_length += len(written_words[best])
                log_summary[changed] = np.log(summary[changed])
                entries = [by_column[column_start[c] : column_start[c + 1]] for c in changed]
                if entries:
                    rate_entries(np.concatenate(entries))
        ratings: dict[Any, int] = {}
        for index in order:  # sumy's bookkeeping, duplicates of a sentence included
            ratings[sentences[index]] = -1 * len(ratings)
        return ratings


class FastLexRankSummarizer(LexRankSummarizer):  # type: ignore[misc]
    """LexRank with the idf-modified cosine of all sentence pairs as one sparse product."""

    @staticmethod
    def power_method(matrix: Any, epsilon: float) -> Any:
        if not matrix.any():
            # No sentence has a content word: sumy's power method divides 0 by 0 and rates
            # every sentence NaN (with a warning); equal ratings choose the same, the first.
            return np.full(len(matrix), 1.0 / max(len(matrix), 1))
        return LexRankSummarizer.power_method(matrix, epsilon)

    @staticmethod
    def _compute_idf(sentences: list[list[str]]) -> dict[str, float]:
        # sumy counts each term's sentences by scanning them all, term by term
        containing = Counter(term for sentence in sentences for term in set(sentence))
        total = len(sentences)
        return {term: math.log(total / (1 + count)) for term, count in containing.items()}

    def _create_matrix(
        self,
        sentences: list[list[str]],
        threshold: float,
        tf_metrics: list[dict[str, float]],
        idf_metrics: dict[str, float],
    ) -> Any:
        weighted = [{t: tf * idf_metrics[t] for t, tf in m.items()} for m in tf_metrics]
        weights = _term_matrix(sentences, weighted)
        products = _gram(weights)
        norms = np.sqrt(np.diag(products).copy())
        with np.errstate(divide="ignore", invalid="ignore"):
            cosine = products / np.outer(norms, norms)
        positive = norms > 0
        cosine[~(positive[:, None] & positive[None, :])] = 0.0
        matrix = (cosine > threshold).astype(float)
        degrees = matrix.sum(axis=1)
        degrees[degrees == 0] = 1
        return matrix / degrees[:, None]


class NewsLeadSummarizer(AbstractSummarizer):  # type: ignore[misc]
    """``newslead`` (see ``briefgen.newslead``) for news items, as a summarizer over sumy's
    document model. briefgen's own ``summarize`` runs the same rule on sentence strings,
    without sumy (and, knowing the release's title, the learned ranking for releases of a
    recognised kind)."""

    def __init__(self, stemmer: Any) -> None:
        super().__init__(stemmer)
        self.stop_words: frozenset[str] = frozenset()

    def __call__(self, document: Any, sentences_count: Any) -> Any:
        sentences = document.sentences
        words = [self.content_words(sentence.words) for sentence in sentences]
        rated = iter(newslead.rate([str(s) for s in sentences], words).ratings)
        # sumy asks for the ratings in document order; a dict keyed by sentence (as sumy's
        # own summarizers keep them) would give a repeated sentence its copy's rating
        return self._get_best_sentences(sentences, sentences_count, lambda _: next(rated))

    def content_words(self, words: Sequence[str]) -> set[str]:
        normalized = (self.normalize_word(w) for w in words)
        return {self.stem_word(w) for w in normalized if w not in self.stop_words}
