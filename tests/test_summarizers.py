"""briefgen's matrix-form summarizers choose what sumy's own implementations choose,
on real White House releases tokenized the way briefgen tokenizes them."""

from __future__ import annotations

import json
import math
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from briefgen.language import stemmer, stop_words
from briefgen.summarize import build_document
from briefgen.summarizers import (
    FastKLSummarizer,
    FastLexRankSummarizer,
    FastLsaSummarizer,
    FastLuhnSummarizer,
    FastReductionSummarizer,
    FastSumBasicSummarizer,
    FastTextRankSummarizer,
)
from briefgen.tokenize import Tokenizer

from .conftest import shared_file

# Same floating-point operations in the same order as sumy: the very same ratings.
EXACT = [
    (TextRankSummarizer, FastTextRankSummarizer),
    (ReductionSummarizer, FastReductionSummarizer),
    (LuhnSummarizer, FastLuhnSummarizer),
    (SumBasicSummarizer, FastSumBasicSummarizer),
]
# Sums in another order: the same choices.
REORDERED = [(KLSummarizer, FastKLSummarizer), (LexRankSummarizer, FastLexRankSummarizer)]


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


def _ranked(cls: type, document: Any) -> list[tuple[str, float]]:
    """Every sentence with its rating, best first, as sumy's selection step sees them."""
    seen: list[tuple[str, float]] = []

    def keep_all(infos: Any) -> list[Any]:
        seen.extend((str(info.sentence), float(info.rating)) for info in infos)
        return list(infos)

    _summarizer(cls)(document, keep_all)
    return seen


@pytest.mark.parametrize(("original", "fast"), EXACT)
def test_same_ratings_as_sumy_on_real_releases(original: type, fast: type) -> None:
    for document in _releases(25):
        assert _ranked(fast, document) == _ranked(original, document)


@pytest.mark.parametrize(("original", "fast"), REORDERED)
def test_same_sentences_as_sumy_on_real_releases(original: type, fast: type) -> None:
    for document in _releases(25):
        for count in (1, 3, 5):
            expected = [str(s) for s in _summarizer(original)(document, count)]
            assert [str(s) for s in _summarizer(fast)(document, count)] == expected


def test_lsa_rates_as_sumy_without_its_svd() -> None:
    # sumy's LSA decides exact ties by rounding noise that varies with the hash seed, so
    # ratings are compared within rounding, and choices where the cut is not a tie.
    for document in _releases(25):
        expected = _ranked(LsaSummarizer, document)
        ranked = dict(_ranked(FastLsaSummarizer, document))
        for sentence, rating in expected:
            assert math.isclose(ranked[sentence], rating, rel_tol=1e-9, abs_tol=1e-9)
        ratings = sorted((rating for _, rating in expected), reverse=True)
        for count in (1, 3, 5):
            tied = count < len(ratings) and math.isclose(
                ratings[count - 1], ratings[count], abs_tol=1e-9
            )
            if tied:
                continue
            chosen = {str(s) for s in _summarizer(FastLsaSummarizer)(document, count)}
            assert chosen == {str(s) for s in _summarizer(LsaSummarizer)(document, count)}


def _awkward_document() -> Any:
    # copies of a sentence (sumy's dicts give them one rating), a sentence of stop words
    # only, one-word sentences (a zero norm in TextRank and Reduction)
    paragraphs = [
        (
            "Water talks began on the river.",
            "Water talks began on the river.",
            "The.",
            "Trade grew fast along the river and the railway.",
        ),
        ("Ministers met.", "Water.", "Water."),
        ("Ministers met again on water and trade.",),
    ]
    return build_document(paragraphs, Tokenizer("en"))


@pytest.mark.parametrize(("original", "fast"), EXACT)
def test_exact_forms_handle_copies_and_empty_sentences(original: type, fast: type) -> None:
    document = _awkward_document()
    assert _ranked(fast, document) == _ranked(original, document)


@pytest.mark.parametrize(("original", "fast"), REORDERED)
def test_reordered_forms_handle_copies_and_empty_sentences(original: type, fast: type) -> None:
    # no two distinct sentences here have mathematically equal ratings: those are decided
    # by the last bit of a float sum, in sumy as here (see briefgen/summarizers.py)
    document = _awkward_document()
    for count in (1, 2, 4):
        expected = [str(s) for s in _summarizer(original)(document, count)]
        assert [str(s) for s in _summarizer(fast)(document, count)] == expected


@pytest.mark.parametrize(
    "fast",
    [
        FastTextRankSummarizer,
        FastReductionSummarizer,
        FastLuhnSummarizer,
        FastSumBasicSummarizer,
        FastKLSummarizer,
        FastLexRankSummarizer,
        FastLsaSummarizer,
    ],
)
def test_empty_document(fast: type) -> None:
    assert _summarizer(fast)(build_document([], Tokenizer("en")), 3) == ()


# Small documents from a few words, so that sentences share words, repeat, tie and run empty.
_WORDS = ["water", "trade", "river", "the", "of", "ministers", "met", "plan", "rail", "and"]
_sentence = st.lists(st.sampled_from(_WORDS), min_size=0, max_size=7).map(
    lambda words: (" ".join(words).capitalize() + ".") if words else "."
)
_paragraphs = st.lists(st.lists(_sentence, min_size=1, max_size=5), min_size=1, max_size=4)


@pytest.mark.parametrize(("original", "fast"), EXACT)
@settings(max_examples=60, deadline=None)
@given(paragraphs=_paragraphs)
def test_exact_forms_match_sumy_on_any_document(
    original: type, fast: type, paragraphs: list[list[str]]
) -> None:
    document = build_document(paragraphs, Tokenizer("en"))
    assert _ranked(fast, document) == _ranked(original, document)


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")  # sumy's own
def test_lexrank_without_content_words_chooses_as_sumy_without_nan() -> None:
    document = build_document([["The.", "Of the.", "And."], ["The and of."]], Tokenizer("en"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ranked = _ranked(FastLexRankSummarizer, document)
    assert all(math.isfinite(rating) for _, rating in ranked)
    for count in (1, 2):
        expected = [str(s) for s in _summarizer(LexRankSummarizer)(document, count)]
        assert [str(s) for s in _summarizer(FastLexRankSummarizer)(document, count)] == expected


def test_lsa_falls_back_to_sumy_when_dimensions_are_dropped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(LsaSummarizer, "REDUCTION_RATIO", 0.5)
    document = _releases(1)[0]
    assert _ranked(FastLsaSummarizer, document) == _ranked(LsaSummarizer, document)


def test_newslead_as_a_sumy_summarizer_chooses_as_briefgens_own() -> None:
    """The sumy class and the sumy-free path of `summarize` (the default method) agree on
    real news, where newslead's rules fire (31 of the 250 articles differ from lead)."""
    from briefgen.config import Method, SummaryOptions
    from briefgen.evaluate import read_rows, row_document
    from briefgen.summarize import summarize
    from briefgen.summarizers import NewsLeadSummarizer

    tokenizer = Tokenizer("en")
    rows = read_rows(shared_file("cnndm", "cnndm_test_dev250.jsonl"))
    differs_from_lead = 0
    for row in rows:
        document = row_document(row)
        split = [tokenizer.to_sentences(p) for p in document.paragraphs]
        model = build_document(split, tokenizer, document.title)
        for count in (1, 3, 5):
            options = SummaryOptions(method=Method.NEWSLEAD, sentences=count)
            expected = summarize(document, options).sentences
            assert tuple(str(s) for s in _summarizer(NewsLeadSummarizer)(model, count)) == expected
        lead = summarize(document, SummaryOptions(method=Method.LEAD, sentences=3)).sentences
        differs_from_lead += lead != summarize(document, SummaryOptions(sentences=3)).sentences
    assert differs_from_lead == 31


def test_sumys_private_methods_are_as_briefgen_overrides_them() -> None:
    """briefgen's matrix forms override and call private methods of sumy's classes; sumy is
    pinned below its next minor version, and this test fails loudly if a release of it
    renames one of them or changes its parameters."""
    import inspect
    import re

    from briefgen import summarizers

    checked = 0
    for cls in vars(summarizers).values():
        if not (inspect.isclass(cls) and cls.__module__ == summarizers.__name__):
            continue
        parent = cls.__mro__[1]
        source = inspect.getsource(cls)
        for name, member in vars(cls).items():
            if callable(member) and name.startswith("_") and not name.startswith("__"):
                assert hasattr(parent, name), f"sumy's {parent.__name__} has no {name}"
                ours = list(inspect.signature(member).parameters)
                theirs = list(inspect.signature(getattr(parent, name)).parameters)
                assert ours == theirs, f"{parent.__name__}.{name}{theirs} vs ours {ours}"
                checked += 1
        for called in set(re.findall(r"self\.(_[a-z]\w*)\(", source)):
            if called not in vars(cls):
                assert hasattr(parent, called), f"sumy's {parent.__name__} has no {called}"
                checked += 1
    assert checked >= 10


def test_a_sumy_method_does_not_import_nltk_or_scipy() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from briefgen.cli import main\n"
        "sys.argv = ['briefgen', 'summarize', sys.argv[1], '-m', 'lexrank', '-n', '1']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('nltk' in sys.modules, 'scipy' in sys.modules, 'requests' in sys.modules,"
        " file=sys.stderr)\n"
    )
    sample = str(Path(__file__).parent.parent / "samples" / "astana-water-forum.txt")
    result = subprocess.run([sys.executable, "-c", code, sample], capture_output=True, text=True)
    assert result.stdout.startswith("Ministers from five Central Asian states")
    assert result.stderr.split() == ["False", "False", "False"]


def test_sumys_own_stemmer_still_works_after_briefgen() -> None:
    from sumy.nlp.stemmers import Stemmer

    import briefgen.summarizers  # noqa: F401  (installs the stand-in)

    assert Stemmer("english")("running") == "run"


@pytest.mark.parametrize("method", ["newslead", "lead"])
def test_one_summary_by_rules_imports_neither_numpy_nor_scipy(method: str) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from briefgen.cli import main\n"
        f"sys.argv = ['briefgen', 'summarize', sys.argv[1], '-m', '{method}', '-n', '1']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('numpy' in sys.modules, 'scipy' in sys.modules, file=sys.stderr)\n"
    )
    sample = str(Path(__file__).parent.parent / "samples" / "astana-water-forum.txt")
    result = subprocess.run([sys.executable, "-c", code, sample], capture_output=True, text=True)
    assert result.stdout.startswith("Ministers from five Central Asian states")
    assert result.stderr.split() == ["False", "False"]
