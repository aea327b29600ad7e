"""Cost growth of each method: one summary of a document of 20, 100, 1000 and 5000
sentences built from real White House releases, in-process (tokenized once, as users get it).

    .venv/bin/python bench/methods.py [--sizes 20,100,1000,5000] [--budget 20]
        [--sumy] [--methods lexrank,kl]

Prints a table of seconds and a chart of the same figures on a log scale. With --sumy,
sumy's own implementations are timed instead of briefgen's matrix forms, for comparison.
A method whose previous size took longer than --budget seconds is not run at the next size
(sumy's KL is cubic: it would take hours at 5000 sentences).
"""

from __future__ import annotations

import argparse
import math
import time

from _data import whitehouse_rows

from briefgen import summarize as summarize_module
from briefgen.config import Method, SummaryOptions
from briefgen.models import Document
from briefgen.summarize import summarize
from briefgen.tokenize import split_sentences

SUMY_OWN = {
    Method.LEXRANK: "sumy.summarizers.lex_rank:LexRankSummarizer",
    Method.TEXTRANK: "sumy.summarizers.text_rank:TextRankSummarizer",
    Method.LSA: "sumy.summarizers.lsa:LsaSummarizer",
    Method.LUHN: "sumy.summarizers.luhn:LuhnSummarizer",
    Method.KL: "sumy.summarizers.kl:KLSummarizer",
    Method.SUMBASIC: "sumy.summarizers.sum_basic:SumBasicSummarizer",
    Method.REDUCTION: "sumy.summarizers.reduction:ReductionSummarizer",
}

CHART_WIDTH = 48  # characters for 1 ms .. 100 s
CHART_LOW, CHART_HIGH = -3.0, 2.0  # log10 seconds


def document_of(size: int) -> Document:
    sentences: list[str] = []
    for row in whitehouse_rows():
        sentences.extend(split_sentences(row["text"].replace("\n", " ")))
        if len(sentences) >= size:
            break
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, size, 5)]
    return Document(source="bench", title="", language="en", paragraphs=tuple(paragraphs))


def bar(seconds: float) -> str:
    position = (math.log10(max(seconds, 1e-3)) - CHART_LOW) / (CHART_HIGH - CHART_LOW)
    return "#" * max(1, round(min(position, 1.0) * CHART_WIDTH))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="20,100,1000,5000")
    parser.add_argument("--budget", type=float, default=20.0)
    parser.add_argument("--sumy", action="store_true", help="time sumy's own classes")
    parser.add_argument("--methods", default=",".join(m.value for m in Method))
    args = parser.parse_args()
    if args.sumy:
        summarize_module.SUMY_SUMMARIZERS.update(SUMY_OWN)
    sizes = [int(s) for s in args.sizes.split(",")]
    documents = {size: document_of(size) for size in sizes}
    print(f"{'method':<11}" + "".join(f"{size:>12}" for size in sizes) + "   (seconds)")
    timings: dict[Method, dict[int, float]] = {}
    for method in [Method(name) for name in args.methods.split(",")]:
        cells = []
        timings[method] = {}
        skip = False
        for size in sizes:
            if skip:
                cells.append(f"{'skipped':>12}")
                continue
            summarize(documents[min(sizes)], SummaryOptions(method=method))  # warm imports
            start = time.perf_counter()
            summarize(documents[size], SummaryOptions(method=method, sentences=3))
            elapsed = time.perf_counter() - start
            timings[method][size] = elapsed
            cells.append(f"{elapsed:>12.3f}")
            skip = elapsed > args.budget
        print(f"{method.value:<11}" + "".join(cells), flush=True)
    print(f"\nlog scale, 1 ms to 100 s ({CHART_WIDTH} characters)")
    for method, measured in timings.items():
        print(method.value)
        for size, seconds in measured.items():
            print(f"  {size:>6} {bar(seconds):<{CHART_WIDTH}} {seconds:.3f} s")


if __name__ == "__main__":
    main()
