"""Cost growth of each method: one summary of a document of 20, 100, 1000 and 5000
sentences built from real White House releases, in-process (tokenized once, as users get it).

    .venv/bin/python bench/methods.py [--sizes 20,100,1000] [--budget 60]

A method whose previous size took longer than --budget seconds is not run at the next size
(sumy's KL is cubic: it would take hours at 5000 sentences).
"""

from __future__ import annotations

import argparse
import time

from _data import whitehouse_rows

from briefgen.config import Method, SummaryOptions
from briefgen.models import Document
from briefgen.summarize import summarize
from briefgen.tokenize import split_sentences


def document_of(size: int) -> Document:
    sentences: list[str] = []
    for row in whitehouse_rows():
        sentences.extend(split_sentences(row["text"].replace("\n", " ")))
        if len(sentences) >= size:
            break
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, size, 5)]
    return Document(source="bench", title="", language="en", paragraphs=tuple(paragraphs))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="20,100,1000,5000")
    parser.add_argument("--budget", type=float, default=60.0)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    documents = {size: document_of(size) for size in sizes}
    print(f"{'method':<11}" + "".join(f"{size:>12}" for size in sizes) + "   (seconds)")
    for method in Method:
        cells = []
        skip = False
        for size in sizes:
            if skip:
                cells.append(f"{'skipped':>12}")
                continue
            summarize(documents[min(sizes)], SummaryOptions(method=method))  # warm imports
            start = time.perf_counter()
            summarize(documents[size], SummaryOptions(method=method, sentences=3))
            elapsed = time.perf_counter() - start
            cells.append(f"{elapsed:>12.3f}")
            skip = elapsed > args.budget
        print(f"{method.value:<11}" + "".join(cells), flush=True)


if __name__ == "__main__":
    main()
