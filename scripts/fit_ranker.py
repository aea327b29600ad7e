"""Fit the sentence ranker of the default method on the editor's labels, and measure it
on releases it was not fitted on.

    .venv/bin/python scripts/fit_ranker.py ../shared/data/editor/whitehouse_editor_dev.jsonl
    .venv/bin/python scripts/fit_ranker.py DEV.jsonl --write   # also writes the weights

A logistic regression (L2, Newton's method, numpy only) over ``briefgen.sentences.FEATURES``
of every sentence that is not junk, labelled 1 when the editor marked it as news. The
held-out figures come from 5-fold cross-validation by release (fitted on four fifths,
scored on the fifth), with the same four figures as ``briefgen eval``. Only the weights
are written (briefgen/data/ranker.json), never text from the data.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from briefgen import newslead
from briefgen.config import Method, SummaryOptions
from briefgen.evaluate import editor_document, editor_figures, matches, read_editor_rows, word_set
from briefgen.sentences import FEATURES
from briefgen.summarize import content_words, release_context, summarize
from briefgen.tokenize import split_sentences

WEIGHTS = Path(__file__).resolve().parent.parent / "briefgen" / "data" / "ranker.json"
L2 = 3.0
PICK_WEIGHT = 1.0
NEWS_LABEL = 0.5  # a news sentence that is not a pick: half-way


def fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray, l2: float = L2) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (weight * (p - y)) + l2 * w
        hessian = (x.T * (weight * p * (1 - p))) @ x + l2 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def table(rows, documents):
    xs, ys, groups, weights = [], [], [], []
    for number, (row, document) in enumerate(zip(rows, documents, strict=True)):
        news = [word_set(s) for s in row.news]
        picks = [word_set(s) for s in row.picks]
        split = [split_sentences(p) for p in document.paragraphs]
        sentences = [s for paragraph in split for s in paragraph]
        openers = frozenset(paragraph[0] for paragraph in split if paragraph)
        words = [content_words(s, document.language) for s in sentences]
        context = release_context(document, openers)
        for candidate, values in newslead.candidate_features(sentences, words, context):
            xs.append(values)
            is_news = matches(word_set(candidate.text), news)
            is_pick = matches(word_set(candidate.text), picks)
            ys.append(1.0 if is_pick else NEWS_LABEL if is_news else 0.0)
            groups.append(number)
            weights.append(PICK_WEIGHT if is_pick else 1.0)
    return np.asarray(xs), np.asarray(ys), np.asarray(groups), np.asarray(weights)


def figures(counts):
    chosen = sum(c["chosen"] for c in counts) or 1
    return {
        "news_precision": 100 * sum(c["news"] for c in counts) / chosen,
        "junk_rate": 100 * sum(c["junk"] for c in counts) / chosen,
        "pick_agreement": 100 * sum(c["picks"] for c in counts) / chosen,
        "top_pick_recall": 100 * sum(c["top_pick"] for c in counts) / len(counts),
        "sentences": chosen / len(counts),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    rows = read_editor_rows(args.data)
    documents = [editor_document(row) for row in rows]
    x, y, groups, sample_weights = table(rows, documents)
    options = SummaryOptions(method=Method.NEWSLEAD)
    held_out = []
    lines_news = {"best": 0, "first": 0}  # the day in brief: which summary sentence to show
    fold_of = np.arange(len(rows)) % args.folds
    for fold in range(args.folds):
        train = fold_of[groups] != fold
        weights = fit(x[train], y[train], sample_weights[train])
        newslead.set_weights(dict(zip(FEATURES, weights.tolist(), strict=True)))
        for index in np.flatnonzero(fold_of == fold):
            summary = summarize(documents[index], options)
            held_out.append((index, editor_figures(rows[index], summary.sentences)))
            news = [word_set(s) for s in rows[index].news]
            for line, sentence in (
                ("best", summary.best_sentence),
                ("first", summary.sentences[0]),
            ):
                lines_news[line] += matches(word_set(sentence), news)
    held_out.sort()
    print("held out (5-fold by release):", json.dumps(figures([c for _, c in held_out])))
    print(
        f"  the day in brief's line is news (held out): best-rated {lines_news['best']},"
        f" first sentence {lines_news['first']}, of {len(rows)}"
    )
    kinds = sorted({row.kind for row in rows})
    for kind in kinds:
        subset = [c for i, c in held_out if rows[i].kind == kind]
        print(f"  {kind:<14}", {k: round(v, 1) for k, v in figures(subset).items()})
    weights = fit(x, y, sample_weights)
    newslead.set_weights(dict(zip(FEATURES, weights.tolist(), strict=True)))
    fitted = [
        editor_figures(r, summarize(d, options).sentences)
        for r, d in zip(rows, documents, strict=True)
    ]
    print("fitted on all (in-sample):", json.dumps(figures(fitted)))
    if args.write:
        record = {name: round(float(w), 4) for name, w in zip(FEATURES, weights, strict=True)}
        WEIGHTS.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS}")


if __name__ == "__main__":
    main()
