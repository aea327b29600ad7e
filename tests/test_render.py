"""Templates, escaping of untrusted text, and the PDF: readable, self-contained, fetch-free."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pypdf
import pytest

from briefgen.config import OutputFormat
from briefgen.errors import RenderError
from briefgen.models import Briefing, Document, Item, Section, Summary
from briefgen.rendering import (
    _project_only_fetcher,
    default_template_dir,
    html_to_pdf,
    markdown_escape,
    render,
    template_environment,
)

HOSTILE = (
    '<script>alert("x")</script> <img src="file:///etc/passwd"> '
    '<link rel="attachment" href="file:///etc/hostname"> [click](http://evil.example) **bold**'
)


def _briefing(
    items: int = 1,
    sentence: str = "The minister met the envoy.",
    title: str = "Minister meets envoy",
) -> Briefing:
    summaries = []
    for index in range(items):
        document = Document(
            source=f"release-{index}.txt",
            title=f"{title} {index}" if items > 1 else title,
            language="kk",
            paragraphs=(sentence,),
            date=date(2026, 11, 19),
        )
        summary = Summary(document=document, method="lead", sentences=(sentence,))
        summaries.append(Item(summary, (document.source,)))
    return Briefing("Daily briefing", date(2026, 11, 20), (Section("", tuple(summaries)),))


def test_html_escapes_release_text() -> None:
    html = render(
        _briefing(sentence=HOSTILE, title=HOSTILE), OutputFormat.HTML, template_environment()
    )
    assert isinstance(html, str)
    assert "<script>alert" not in html
    assert '<img src="file' not in html
    assert '<link rel="attachment"' not in html
    assert "&lt;script&gt;" in html


def test_markdown_escapes_html_and_link_syntax() -> None:
    md = render(_briefing(sentence=HOSTILE, title=HOSTILE), OutputFormat.MD, template_environment())
    assert isinstance(md, str)
    assert "<script>" not in md
    assert "[click](" not in md
    assert "**bold**" not in md
    assert markdown_escape("a <b> [c](d) *e*") == r"a \<b\> \[c\](d) \*e\*"


def test_template_dir_overrides_file_by_file(tmp_path: Path) -> None:
    (tmp_path / "briefing.md.j2").write_text("CUSTOM {{ briefing.title }}\n", encoding="utf-8")
    environment = template_environment(tmp_path)
    assert render(_briefing(), OutputFormat.MD, environment) == "CUSTOM Daily briefing\n"
    # templates not overridden still come from the defaults
    assert "<!DOCTYPE html>" in str(render(_briefing(), OutputFormat.HTML, environment))


def test_template_error_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "briefing.md.j2").write_text("line one\n{{ briefing.no_such_field }}\n")
    with pytest.raises(RenderError, match=r"briefing\.md\.j2:2"):
        render(_briefing(), OutputFormat.MD, template_environment(tmp_path))


def test_default_templates_are_found() -> None:
    assert (default_template_dir() / "briefing.html.j2").is_file()


def _pdf_reader(pdf: bytes) -> pypdf.PdfReader:
    assert pdf.startswith(b"%PDF-")
    return pypdf.PdfReader(io.BytesIO(pdf))


def _bookmarks(outline: list[object]) -> int:
    return sum(_bookmarks(entry) if isinstance(entry, list) else 1 for entry in outline)


def test_pdf_text_reads_back_with_kazakh_letters_contents_and_page_numbers() -> None:
    kazakh = (
        "Әкімдік Ұлттық ғылым орталығында үкімет өкілдерімен және өңір басшыларымен "
        "кездесті, һәм Қазақстан туралы айтты."
    )
    pdf = render(_briefing(items=5, sentence=kazakh), OutputFormat.PDF, template_environment())
    assert isinstance(pdf, bytes)
    reader = _pdf_reader(pdf)
    text = "".join(page.extract_text() for page in reader.pages)
    for letter in "әғқңөұүһі":
        assert letter in text.lower()
    assert kazakh in text.replace("\n", " ")
    assert "Contents" in text
    assert f"Page 1 of {len(reader.pages)}" in text
    assert "20 November 2026" in text
    assert _bookmarks(reader.outline) >= 6  # the title and one per item
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4 in points


def test_pdf_embeds_its_fonts_and_no_files() -> None:
    reader = _pdf_reader(
        html_to_pdf(
            str(render(_briefing(sentence=HOSTILE), OutputFormat.HTML, template_environment()))
        )
    )
    assert reader.attachments == {}
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for font in fonts.values():
        descendants = font.get_object().get("/DescendantFonts")
        descriptor = (descendants[0].get_object() if descendants else font.get_object())[
            "/FontDescriptor"
        ]
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_pdf_engine_fetches_nothing_outside_the_templates(
    tmp_path: Path, request_log: tuple[str, list[str]]
) -> None:
    base, seen = request_log
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    html = (
        f'<html><head><link rel="stylesheet" href="{base}/x.css">'
        f'<style>@import url("{base}/imported.css");</style>'
        f'<link rel="attachment" href="{secret.as_uri()}"></head>'
        f'<body><p>Text</p><img src="{base}/pixel.png"><img src="{secret.as_uri()}">'
        f'<iframe src="{base}/frame"></iframe></body></html>'
    )
    reader = _pdf_reader(html_to_pdf(html))
    assert seen == []
    assert reader.attachments == {}
    assert b"TOP-SECRET" not in html_to_pdf(html)


def test_fetcher_serves_template_assets_only(tmp_path: Path) -> None:
    (tmp_path / "extra.css").write_text("p { color: navy }")
    (tmp_path / "notes.txt").write_text("not an asset")
    fetcher = _project_only_fetcher([tmp_path.resolve()])
    assert fetcher.fetch((tmp_path / "extra.css").as_uri()).read() == b"p { color: navy }"
    for url in [
        (tmp_path / "notes.txt").as_uri(),
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "data:text/css,p{}",
        (tmp_path / ".." / "extra.css").as_uri(),
    ]:
        with pytest.raises(ValueError, match="blocked"):
            fetcher.fetch(url)
