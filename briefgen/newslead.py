"""``newslead``: the default method. A sentence that is junk (``briefgen.sentences``) is never
taken while another is left. A news item is summarized by its first sentences, passing over
those that add no news; a press release of a recognised kind (letter, memo, proclamation,
transcript, fact sheet, ...) by the sentences a small learned ranking rates most likely to
carry its news, fitted on an editor's labels (``scripts/fit_ranker.py``).

News items: the first sentences, passing over those that add no news.

Three kinds of sentence are passed over: hook questions ("But will he face death?"); a unit
of more than ``LONGEST`` words where a photo caption runs into the opening sentence without a
full stop; and a sentence at least ``REPEATED`` of whose content words were already said by
the sentences kept before it. They are rated below every other sentence, so they are taken
only when nothing else is left. Measured in EVALUATION.md: above ``lead`` on news, equal to it
on press releases.

Plain functions over sentence strings, so that the default method needs neither sumy nor NLTK
at start-up; ``briefgen.summarizers.NewsLeadSummarizer`` is the same rule as a sumy summarizer.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence, Set
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from briefgen.sentences import (
    FEATURES,
    NEWS,
    Candidate,
    Context,
    centroid_of,
    features,
    junk_reason_in,
)

LONGEST = 50
REPEATED = 0.5
LEARNED_REPEATED = 0.7

# Where a photo caption runs into the opening sentence without a full stop, an article
# follows a lower-case word: "... in the middle of a match A chess grandmaster has been ...".
# (Only articles: in a White House release a missing full stop before "These two deliveries"
# ran two sentences of the news together, and passing over them lost its lead.)
_RUN_IN = re.compile(r"[a-z0-9%)’'\"”]\s+(A|An|The)\s+[a-z]")


def passed_over(sentence: str) -> bool:
    """A hook question, or a caption run into the next sentence."""
    hook_question = sentence.rstrip(" '\"’”»").endswith("?")
    run_on = len(sentence.split()) > LONGEST and bool(_RUN_IN.search(sentence))
    return hook_question or run_on


def ratings(sentences: Sequence[str], words: Sequence[Set[str]]) -> list[float]:
    """``1 / (1 + position)``, less 1 for a sentence passed over; ``words`` are each
    sentence's content words (stems, stop words left out)."""
    said: set[str] = set()  # content words of the sentences kept so far
    rated = []
    for index, (sentence, content) in enumerate(zip(sentences, words, strict=True)):
        repeats = bool(said) and len(content & said) >= REPEATED * len(content) > 0
        skipped = repeats or passed_over(sentence)
        if not skipped:
            said |= content
        rated.append(1 / (1 + index) - (1 if skipped else 0))
    return rated


def _dot(weights: Sequence[float], values: Sequence[float]) -> float:
    # Most features are 0 (the per-kind ones for the other kinds): skip them.
    return sum(w * v for w, v in zip(weights, values, strict=True) if v)


JUNK_RATING = -2.0  # below every sentence passed over
_WEIGHTS_FILE = Path(__file__).parent / "data" / "ranker.json"
_weights: dict[str, float] | None = None


@cache
def _packaged_weights() -> tuple[float, ...]:
    record = json.loads(_WEIGHTS_FILE.read_text(encoding="utf-8"))
    return tuple(float(record.get(name, 0.0)) for name in FEATURES)


def set_weights(weights: dict[str, float] | None) -> None:
    """Use these ranking weights instead of the packaged ones (for fitting; None resets)."""
    global _weights
    _weights = weights


def _weight_vector() -> tuple[float, ...]:
    if _weights is not None:
        return tuple(_weights.get(name, 0.0) for name in FEATURES)
    return _packaged_weights()


@dataclass(frozen=True)
class Rated:
    ratings: list[float]
    reasons: list[str | None]  # why a sentence is passed over, or None


def rate(
    sentences: Sequence[str],
    words: Sequence[Set[str]],
    context: Context = Context(),
) -> Rated:
    """Ratings of ``sentences`` (higher is better) and why each passed-over one is."""
    reasons: list[str | None] = [junk_reason_in(sentence, context.kind) for sentence in sentences]
    if context.kind == NEWS:
        rated = ratings(sentences, words)
        for index, rating in enumerate(rated):
            if reasons[index] is None and rating < 0:
                reasons[index] = "adds no news (hook question, run-in caption or repetition)"
    else:
        rated = _learned(sentences, words, context, reasons)
    return Rated(
        [
            JUNK_RATING if reason and reason_is_junk(reason) else r
            for r, reason in zip(rated, reasons, strict=True)
        ],
        reasons,
    )


def reason_is_junk(reason: str) -> bool:
    return not reason.startswith(("adds no news", "repeats"))


def candidate_features(
    sentences: Sequence[str],
    words: Sequence[Set[str]],
    context: Context,
    junk: Sequence[bool] | None = None,
) -> list[tuple[Candidate, list[float]]]:
    """The features of every sentence that is not junk (what the ranking is fitted on);
    ``junk`` says which are, where the caller has already asked ``junk_reason_in``."""
    if junk is None:
        junk = [junk_reason_in(sentence, context.kind) is not None for sentence in sentences]
    kept = [
        (index, sentence, content)
        for index, (sentence, content, is_junk) in enumerate(
            zip(sentences, words, junk, strict=True)
        )
        if not is_junk
    ]
    # Positions count only what may be printed: a salutation or a memo header above the
    # first paragraph does not push the news down.
    candidates = [
        Candidate(sentence, position, frozenset(content), sentence in context.openers)
        for position, (_, sentence, content) in enumerate(kept)
    ]
    centroid = centroid_of(candidates)
    return [
        (replace(c, index=index), features(c, len(candidates), context, centroid))
        for (index, _, _), c in zip(kept, candidates, strict=True)
    ]


def _learned(
    sentences: Sequence[str],
    words: Sequence[Set[str]],
    context: Context,
    reasons: list[str | None],
) -> list[float]:
    weights = _weight_vector()
    scores = [0.0] * len(sentences)
    junk = [reason is not None for reason in reasons]  # only junk is set before ranking
    for candidate, values in candidate_features(sentences, words, context, junk):
        logit = _dot(weights, values)
        scores[candidate.index] = 1 / (1 + math.exp(-max(-30.0, min(30.0, logit))))
    said: set[str] = set()
    for index in sorted(range(len(sentences)), key=lambda i: -scores[i]):
        if reasons[index] is not None:
            continue
        content = words[index]
        if said and content and len(content & said) >= LEARNED_REPEATED * len(content):
            reasons[index] = "repeats what a better sentence says"
            scores[index] -= 1
        else:
            said |= content
    return scores
