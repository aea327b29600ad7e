"""briefgen's matrix-form summarizers choose what sumy's own implementations choose,
on real White House releases tokenized the way briefgen tokenizes them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer

from briefgen.language import stemmer, stop_words
from briefgen.summarize import build_document
from briefgen.summarizers import FastKLSummarizer, FastLexRankSummarizer
from briefgen.tokenize import Tokenizer

from .conftest import shared_file

PAIRS = [(KLSummarizer, FastKLSummarizer), (LexRankSummarizer, FastLexRankSummarizer)]


def _releases(count: int) -> list[Any]:
    tokenizer = Tokenizer("en")
    documents = []
    path = shared_file("whitehouse", "whitehouse_lead_dev.jsonl")
    with path.open(encoding="utf-8") as stream:
        for line in list(stream)[:count]:
            row = json.loads(line)
            paragraphs = [tokenizer.to_sentences(p) for p in row["text"].split("\n") if p.strip()]
            documents.append(build_document(paragraphs, tokenizer, row["title"]))
    return documents


def _summarizer(cls: type) -> Any:
    summarizer = cls(stemmer("en"))
    summarizer.stop_words = stop_words("en")
    return summarizer


@pytest.mark.parametrize(("original", "fast"), PAIRS)
def test_same_sentences_as_sumy_on_real_releases(original: type, fast: type) -> None:
    for document in _releases(25):
        for count in (1, 3, 5):
            expected = [str(s) for s in _summarizer(original)(document, count)]
            assert [str(s) for s in _summarizer(fast)(document, count)] == expected


def test_kl_handles_duplicates_and_empty_sentences() -> None:
    tokenizer = Tokenizer("en")
    # no two distinct sentences with mathematically equal divergences: those are decided by
    # the last bit of a float sum, in sumy as here (see briefgen/summarizers.py)
    paragraphs = [
        (
            "Water talks began on the river.",
            "Water talks began on the river.",
            "The.",
            "Trade grew fast along the river and the railway.",
        ),
        ("Ministers met.",),
    ]
    document = build_document(paragraphs, tokenizer)
    for count in (1, 2, 4):
        expected = [str(s) for s in _summarizer(KLSummarizer)(document, count)]
        assert [str(s) for s in _summarizer(FastKLSummarizer)(document, count)] == expected
