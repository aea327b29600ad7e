"""Which library reads press-release PDFs best: pypdfium2, pypdf and pdfminer.six on PDFs
made from 20 White House releases (A4, a running header and page numbers on every page,
justified hyphenated text), each compared word for word with the release it was made from.

    .venv/bin/pip install pypdf pdfminer.six && .venv/bin/python bench/pdf_readers.py

Prints the seconds for all 20 and the mean and lowest word-order similarity (difflib's
ratio over the words) of each library's raw text, before briefgen's own clean-up.
"""

from __future__ import annotations

import difflib
import html
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _data import whitehouse_rows

CSS = """@page { size: A4; margin: 25mm 20mm;
  @top-center { content: "THE WHITE HOUSE — Briefing Room"; font: 8pt sans-serif }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt sans-serif } }
body { font: 11pt serif; } p { text-align: justify; hyphens: auto; } h1 { font-size: 16pt }"""


def make_pdfs(folder: Path) -> list[tuple[Path, str]]:
    import weasyprint

    made = []
    for index, row in enumerate(whitehouse_rows(400)[::20]):
        paragraphs = "".join(
            f"<p>{html.escape(p)}</p>" for p in row["text"].split("\n") if p.strip()
        )
        title = html.escape(row["title"])
        page = f"<html lang=en><head><title>{title}</title></head><body><h1>{title}</h1>"
        path = folder / f"{index:02}.pdf"
        weasyprint.HTML(string=page + paragraphs).write_pdf(
            path, stylesheets=[weasyprint.CSS(string=CSS)]
        )
        made.append((path, f"{row['title']}\n{row['text']}"))
    return made


def with_pypdfium2(path: Path) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    return text


def with_pypdf(path: Path) -> str:
    import pypdf

    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages)


def with_pdfminer(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return str(extract_text(path))


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def main() -> None:
    readers: dict[str, Callable[[Path], str]] = {
        "pypdfium2 (Apache-2.0/BSD-3)": with_pypdfium2,
        "pypdf (BSD-3)": with_pypdf,
        "pdfminer.six (MIT)": with_pdfminer,
    }
    with tempfile.TemporaryDirectory() as scratch:
        pdfs = make_pdfs(Path(scratch))
        for name, read in readers.items():
            read(pdfs[0][0])  # imports
            start = time.perf_counter()
            scores = [
                difflib.SequenceMatcher(
                    None, words(source), words(read(path)), autojunk=False
                ).ratio()
                for path, source in pdfs
            ]
            seconds = time.perf_counter() - start
            print(
                f"{name:<30} {seconds:6.2f} s  similarity mean {sum(scores) / len(scores):.3f}"
                f"  lowest {min(scores):.3f}"
            )


if __name__ == "__main__":
    main()
