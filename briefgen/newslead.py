"""``newslead``: the first sentences, passing over those that add no news.

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

import re
from collections.abc import Sequence, Set

LONGEST = 50
REPEATED = 0.5

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
