"""Issue #3's exploration: can a position-weighted sentence scorer beat `lead` on news?

    .venv/bin/python scripts/explore_scorer.py [--data ../shared/data/cnndm/cnndm_test_dev250.jsonl]

Not part of briefgen. Reads the rows as `briefgen eval` does (same cleaning and splitting),
scores every 3-sentence choice among each article's first ten sentences once with ROUGE-1 F1
(rouge-score's tokenizer and Porter stemmer, so the numbers are `briefgen eval`'s), then
searches a grid of log-linear scorers: position, one of three tf-idf similarities, share of
content words, distance from a target length, quote and caption penalties. Prints the best
setting in-sample and, over 20 random two-fold splits (settings chosen on one half, scored on
the other, both ways), the held-out gain over lead. Takes about 20 seconds.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from nltk.stem import porter
from rouge_score import tokenize

from briefgen.evaluate import read_rows, row_document
from briefgen.tokenize import Tokenizer

CANDIDATES = 10  # the first sentences a scorer may choose from
STOP = set(
    "the a an and or of to in on for with at by from as is was were be been are that this it "
    "its he she they his her their them we you i not but have has had will would said says".split()
)
QUOTE = re.compile(r"^\s*[\"“‘']")
CAPTION = re.compile(
    r"\b(pictured|scroll down|caption|photo|image|\(left\)|\(right\)|\(above\)|\(below\)"
    r"|\(centre\)|\(center\)|file photo)\b",
    re.IGNORECASE,
)
GRID: dict[str, list[Any]] = {
    "position": [0.5, 1, 1.5, 2],
    "similarity": [0, 0.5, 1, 2],
    "to": ["rest", "centroid", "first"],
    "content": [0, 0.5, 1, 2],
    "length": [0, 0.25, 0.5, 1],
    "target": [15, 20, 25],
    "quote": [0, 0.3],
    "caption": [0, 1],
}


def rouge_tokens(text: str, stemmer: Any) -> list[str]:
    return [stemmer.stem(t) if len(t) > 3 else t for t in tokenize.tokenize(text, None)]


def rouge1(chosen: list[list[str]], reference: Counter[str]) -> float:
    bag: Counter[str] = Counter()
    for tokens in chosen:
        bag.update(tokens)
    overlap = sum((bag & reference).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(bag.values()), overlap / sum(reference.values())
    return 200 * precision * recall / (precision + recall)


def features(sentences: list[str], tokens: list[list[str]]) -> list[dict[str, Any]]:
    content = [[t for t in ts if t not in STOP and t.isalnum()] for ts in tokens]
    count = len(content)
    frequency = Counter(t for ts in content for t in set(ts))
    idf = {t: math.log((count + 1) / (c + 0.5)) for t, c in frequency.items()}
    vectors = [Counter(ts) for ts in content]
    total: Counter[str] = Counter()
    centroid: Counter[str] = Counter()  # words weighted by 1 / (position + 1)
    for index, vector in enumerate(vectors):
        total.update(vector)
        for t, c in vector.items():
            centroid[t] += c / (index + 1)

    def cosine(a: Counter[str], b: Counter[str]) -> float:
        dot = sum(a[t] * b[t] * idf[t] ** 2 for t in a if t in b)
        na = math.sqrt(sum((a[t] * idf[t]) ** 2 for t in a))
        nb = math.sqrt(sum((b[t] * idf[t]) ** 2 for t in b))
        return dot / (na * nb) if na and nb else 0.0

    rows = []
    for index, vector in enumerate(vectors[:CANDIDATES]):
        rest_of_centroid = Counter(
            {t: c - vector.get(t, 0) / (index + 1) for t, c in centroid.items()}
        )
        rows.append(
            {
                "position": index,
                "words": len(sentences[index].split()),
                "rest": cosine(vector, total - vector),
                "centroid": cosine(vector, +rest_of_centroid),
                "first": cosine(vector, vectors[0]) if index else 1.0,
                "content": len(content[index]) / max(len(tokens[index]), 1),
                "quote": bool(QUOTE.match(sentences[index])),
                "caption": bool(CAPTION.search(sentences[index])),
            }
        )
    return rows


def choose(rows: list[dict[str, Any]], setting: dict[str, Any]) -> tuple[int, ...]:
    scores = []
    for f in rows:
        score = -setting["position"] * math.log(1 + f["position"])
        score += setting["similarity"] * f[setting["to"]] + setting["content"] * f["content"]
        score -= setting["length"] * abs(math.log(max(f["words"], 1) / setting["target"]))
        score -= setting["quote"] * (f["quote"] and f["position"] > 0)
        score -= setting["caption"] * f["caption"]
        scores.append(score)
    best = sorted(range(len(rows)), key=lambda i: (-scores[i], i))[:3]
    return tuple(sorted(best))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="../shared/data/cnndm/cnndm_test_dev250.jsonl")
    parser.add_argument("--splits", type=int, default=20)
    args = parser.parse_args()
    stemmer = porter.PorterStemmer()
    tables, lead, rows_features = [], [], []
    for row in read_rows(Path(args.data)):
        document = row_document(row)
        splitter = Tokenizer(document.language)
        sentences = [s for p in document.paragraphs for s in splitter.to_sentences(p)]
        tokens = [rouge_tokens(s, stemmer) for s in sentences]
        reference = Counter(rouge_tokens("\n".join(row.references[0]), stemmer))
        candidates = min(len(sentences), CANDIDATES)
        table = {
            choice: rouge1([tokens[i] for i in choice], reference)
            for choice in itertools.combinations(range(candidates), min(3, candidates))
        }
        tables.append(table)
        lead.append(table[tuple(range(min(3, candidates)))])
        rows_features.append(features(sentences, tokens))
    settings = [
        dict(zip(GRID, values, strict=True)) for values in itertools.product(*GRID.values())
    ]
    scores = np.array(
        [[t[choose(f, s)] for t, f in zip(tables, rows_features, strict=True)] for s in settings]
    )
    baseline = np.array(lead)
    gains = scores.mean(axis=1) - baseline.mean()
    best = int(gains.argmax())
    print(f"rows {len(tables)}, lead ROUGE-1 {baseline.mean():.2f}, {len(settings)} settings")
    print(f"best in-sample: {gains[best]:+.2f}  {settings[best]}")
    order = random.Random(0)
    held_out = []
    for _ in range(args.splits):
        rows = list(range(len(tables)))
        order.shuffle(rows)
        half = len(rows) // 2
        first, second = np.array(rows[:half]), np.array(rows[half:])
        both = []
        for tune, test in ((first, second), (second, first)):
            chosen = int(scores[:, tune].mean(axis=1).argmax())
            both.append(scores[chosen, test].mean() - baseline[test].mean())
        held_out.append(float(np.mean(both)))
    print(
        f"held out, {args.splits} two-fold splits: mean {np.mean(held_out):+.2f}, "
        f"from {min(held_out):+.2f} to {max(held_out):+.2f}"
    )


if __name__ == "__main__":
    main()
