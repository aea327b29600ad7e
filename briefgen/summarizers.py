"""sumy's summarizers in matrix form: the same selections, without pure-Python loops.

Each class subclasses sumy's own and replaces only its rating computation, keeping sumy's
word handling (which words are normalised, stemmed or filtered, and in which order),
its thresholds and its tie-breaking, so the same sentences are chosen (equivalence tests
in tests/test_summarizers.py on real releases). Floating-point sums run in another order,
so two sentences whose scores differ only in the last bits may swap; with distinct
sentences this has not been seen.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import numpy as np
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer


def _vocabulary(lists: list[list[str]]) -> dict[str, int]:
    vocabulary: dict[str, int] = {}
    for words in lists:
        for word in words:
            vocabulary.setdefault(word, len(vocabulary))
    return vocabulary


class FastKLSummarizer(KLSummarizer):  # type: ignore[misc]
    """KL-Sum: greedily add the sentence that brings the summary's word distribution
    closest to the document's. sumy recomputes every divergence from scratch each round
    (cubic); here one round is one pass over the sentence-word entries."""

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
            tally: dict[int, int] = {}
            for word in words:
                column = vocabulary[word]
                tally[column] = tally.get(column, 0) + 1
            for column in sorted(tally):
                rows.append(row)
                columns.append(column)
                counts.append(tally[column])
        row_of = np.array(rows, dtype=np.int64)
        column_of = np.array(columns, dtype=np.int64)
        count_of = np.array(counts, dtype=float)
        length = np.array([len(words) for words in candidate_words], dtype=float)
        entry_frequency = frequency[column_of]
        weighted = entry_frequency > 0
        log_frequency = np.zeros(size)
        log_frequency[frequency > 0] = np.log(frequency[frequency > 0])

        total = len(sentences)
        summary = np.zeros(size)  # word counts of the summary so far
        summary_length = 0.0
        alive = np.ones(total, dtype=bool)
        order: list[int] = []
        with np.errstate(divide="ignore", invalid="ignore"):
            while len(order) < total:
                in_summary = summary > 0
                base = in_summary & (frequency > 0)
                log_summary = np.zeros(size)
                log_summary[in_summary] = np.log(summary[in_summary])
                shared = frequency[base] @ (log_frequency[base] - log_summary[base])
                shared_mass = frequency[base].sum()
                entry_summary = summary[column_of]
                entry_in_summary = entry_summary > 0
                joint = np.log(count_of + entry_summary)
                term = np.where(
                    entry_in_summary,
                    entry_frequency * (log_summary[column_of] - joint),
                    entry_frequency * (log_frequency[column_of] - joint),
                )
                mass = np.where(entry_in_summary, 0.0, entry_frequency)
                term = np.where(weighted, term, 0.0)
                mass = np.where(weighted, mass, 0.0)
                extra = np.bincount(row_of, weights=term, minlength=total)
                extra_mass = np.bincount(row_of, weights=mass, minlength=total)
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
                for word in written_words[best]:
                    summary[vocabulary[word]] += 1
                summary_length += len(written_words[best])
        ratings: dict[Any, int] = {}
        for index in order:  # sumy's bookkeeping, duplicates of a sentence included
            ratings[sentences[index]] = -1 * len(ratings)
        return ratings


class FastLexRankSummarizer(LexRankSummarizer):  # type: ignore[misc]
    """LexRank with the idf-modified cosine of all sentence pairs as one matrix product."""

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
        vocabulary = _vocabulary(sentences)
        weights = np.zeros((len(sentences), len(vocabulary)))
        for row, metrics in enumerate(tf_metrics):
            for term, tf in metrics.items():
                weights[row, vocabulary[term]] = tf * idf_metrics[term]
        norms = np.sqrt((weights**2).sum(axis=1))
        with np.errstate(divide="ignore", invalid="ignore"):
            cosine = (weights @ weights.T) / np.outer(norms, norms)
        positive = norms > 0
        cosine[~(positive[:, None] & positive[None, :])] = 0.0
        matrix = (cosine > threshold).astype(float)
        degrees = matrix.sum(axis=1)
        degrees[degrees == 0] = 1
        return matrix / degrees[:, None]
