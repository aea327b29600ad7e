"""Fit the sentence ranker of the default method on the editor's labels, and measure it
on releases it was not fitted on.

    .venv/bin/python scripts/fit_ranker.py ../shared/data/editor/whitehouse_editor_dev.jsonl
    .venv/bin/python scripts/fit_ranker.py DEV.jsonl --write   # also writes the weights

A listwise model over ``briefgen.sentences.FEATURES`` of every sentence that is not junk:
within each release, a softmax over the sentences' scores is fitted to the editor's marks
(the top pick 3, another pick 1, another news sentence 0.5, the rest 0; L2, scipy's
L-BFGS). What the summary needs is the order of one release's sentences, and a listwise
fit learns that order, where a pointwise one (the logistic regression used until the fifth
session) also spends itself on telling releases with much news from those with little.
The held-out figures come from 5-fold cross-validation by release (fitted on four fifths,
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
L2 = 1.0
TOP_PICK_LABEL = 3.0  # the editor's first pick: what the summary must not miss
PICK_LABEL = 1.0
NEWS_LABEL = 0.5  # a news sentence that is not a pick: half-way


def fit(x: np.ndarray, y: np.ndarray, groups: np.ndarray, l2: float = L2) -> np.ndarray:
    """Weights maximising, release by release, the softmax likelihood of the marks ``y``
    (normalised within each release), less an L2 penalty."""
    from scipy.optimize import minimize

    releases = [np.flatnonzero(groups == g) for g in np.unique(groups)]
    releases = [rows for rows in releases if y[rows].sum() > 0]

    def loss_and_gradient(w: np.ndarray) -> tuple[float, np.ndarray]:
        loss, gradient = 0.5 * l2 * w @ w, l2 * w
        for rows in releases:
            scores = x[rows] @ w
            p = np.exp(scores - scores.max())
            p /= p.sum()
            target = y[rows] / y[rows].sum()
            loss -= target @ np.log(p + 1e-12)
            gradient = gradient + x[rows].T @ (p - target)
        return float(loss), gradient

    fitted = minimize(
        loss_and_gradient,
        np.zeros(x.shape[1]),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 500},
    )
    return np.asarray(fitted.x)


def table(rows, documents):
    xs, ys, groups = [], [], []
    for number, (row, document) in enumerate(zip(rows, documents, strict=True)):
        news = [word_set(s) for s in row.news]
        picks = [word_set(s) for s in row.picks]
        top_pick = picks[:1]
        split = [split_sentences(p) for p in document.paragraphs]
        sentences = [s for paragraph in split for s in paragraph]
        openers = frozenset(paragraph[0] for paragraph in split if paragraph)
        words = [content_words(s, document.language) for s in sentences]
        context = release_context(document, openers)
        for candidate, values in newslead.candidate_features(sentences, words, context):
            xs.append(values)
            words_of = word_set(candidate.text)
            ys.append(
                TOP_PICK_LABEL
                if matches(words_of, top_pick)
                else PICK_LABEL
                if matches(words_of, picks)
                else NEWS_LABEL
                if matches(words_of, news)
                else 0.0
            )
            groups.append(number)
    return np.asarray(xs), np.asarray(ys), np.asarray(groups)


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
    x, y, groups = table(rows, documents)
    options = SummaryOptions(method=Method.NEWSLEAD)
    held_out = []
    lines_news = {"best": 0, "first": 0}  # the day in brief: which summary sentence to show
    fold_of = np.arange(len(rows)) % args.folds
    for fold in range(args.folds):
        train = fold_of[groups] != fold
        weights = fit(x[train], y[train], groups[train])
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
    weights = fit(x, y, groups)
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
