"""Reading files: encodings, binary and empty files, formats, folders."""

from __future__ import annotations

import codecs
import gzip
from datetime import date
from pathlib import Path

import pytest

from briefgen.errors import InputFileError, NoUsableInputError
from briefgen.ingest import decode, discover, markdown_to_text, read_release, sniffed_reader

BRIEFING = date(2026, 11, 20)
RUSSIAN = "Министр иностранных дел провёл переговоры с коллегой. Стороны обсудили торговлю."
LATIN1 = "Le ministre a rencontré l'ambassadeur à Genève. Ils ont parlé de coopération."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (RUSSIAN.encode("utf-8"), RUSSIAN),
        (codecs.BOM_UTF8 + RUSSIAN.encode("utf-8"), RUSSIAN),
        (RUSSIAN.encode("utf-16"), RUSSIAN),  # with BOM
        (codecs.BOM_UTF16_BE + RUSSIAN.encode("utf-16-be"), RUSSIAN),
        ((RUSSIAN + " " + RUSSIAN).encode("cp1251"), RUSSIAN + " " + RUSSIAN),
        (LATIN1.encode("latin-1"), LATIN1),
    ],
)
def test_decode_encodings(data: bytes, expected: str) -> None:
    assert decode(data, "x.txt") == expected


def test_a_few_invalid_bytes_in_utf8_are_dropped_not_fatal() -> None:
    good = (RUSSIAN + " ") * 20
    data = good.encode("utf-8") + b"\xff\xfe" + good.encode("utf-8")
    text = decode(data, "x.txt")
    assert "\ufffd" not in text
    assert text.startswith(RUSSIAN)


@pytest.mark.parametrize(
    ("data", "cause"),
    [
        (b"", "empty file"),
        (b"  \n\t \n", "only whitespace"),
        (gzip.compress(b"hello world"), "gzip"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"hello\x00\x00\x01\x02binary", "NUL"),
        (b"%PDF-1.7\n", "PDF"),
    ],
)
def test_decode_rejects_what_is_not_text(data: bytes, cause: str) -> None:
    with pytest.raises(InputFileError, match=cause) as caught:
        decode(data, "bad.txt")
    assert "bad.txt" in str(caught.value)


def test_missing_file_and_unsupported_type(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such file"):
        read_release(tmp_path / "nope.txt", BRIEFING)
    odd = tmp_path / "release.xlsx"
    odd.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputFileError, match=r"unsupported file type '\.xlsx'"):
        read_release(odd, BRIEFING)


def test_markdown_front_matter_and_syntax(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text(
        "---\ntitle: Talks in Astana\ndate: 2026-11-19\n---\n# Heading\n\n"
        "The **ministers** met, see [the statement](http://example.org/x).\n\n"
        "![photo](file:///etc/passwd)\n<script>alert(1)</script>\n",
        encoding="utf-8",
    )
    raw = read_release(path, BRIEFING)
    assert (raw.title, raw.title_source) == ("Talks in Astana", "front-matter")
    assert (raw.date, raw.date_source) == (date(2026, 11, 19), "front-matter")
    assert "The ministers met, see the statement." in raw.text
    for leftover in ("http://", "file://", "<script", "alert", "**", "#"):
        assert leftover not in raw.text


def test_bad_front_matter_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text("---\ntitle: [unclosed\n---\nBody text.\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="invalid YAML front matter"):
        read_release(path, BRIEFING)


def test_markdown_to_text_keeps_link_words() -> None:
    assert markdown_to_text("See [the text](http://x) and `code`.") == "See the text and code."


def test_html_main_text_without_navigation_or_scripts(tmp_path: Path) -> None:
    path = tmp_path / "r.html"
    path.write_text(
        "<html><head><title>Envoy visit | Ministry</title>"
        "<script>var secret = 'SCRIPT-TEXT';</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/n'>NAV-LINK</a></nav>"
        "<article><h1>Envoy visit</h1><p>The envoy arrived in Astana on Monday for talks on "
        "trade, transport and water with the Ministry of Foreign Affairs.</p>"
        "<p>Both sides agreed to meet again in the spring in Tashkent.</p></article>"
        "<footer>FOOTER-TEXT All rights reserved</footer></body></html>",
        encoding="utf-8",
    )
    raw = read_release(path, BRIEFING)
    assert "The envoy arrived in Astana" in raw.text
    for leftover in ("SCRIPT-TEXT", "NAV-LINK", "FOOTER-TEXT"):
        assert leftover not in raw.text
    assert raw.title == "Envoy visit"


def test_html_with_only_scripts_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "r.html"
    path.write_text("<html><body><script>document.write('x')</script></body></html>")
    with pytest.raises(InputFileError, match="no readable text"):
        read_release(path, BRIEFING)


def test_discover_reads_folders_recursively_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "a.md", "sub/c.html", "notes.xlsx", "sub/image.png"):
        (tmp_path / name).write_text("x")
    found = discover([tmp_path]).paths
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.md", "b.txt", "sub/c.html"]
    # the same file named twice is read once
    assert discover([tmp_path / "a.md", tmp_path / "a.md"]).paths == [tmp_path / "a.md"]


def test_folder_without_supported_files(tmp_path: Path) -> None:
    (tmp_path / "notes.xlsx").write_text("x")
    with pytest.raises(NoUsableInputError, match="no supported files"):
        discover([tmp_path])


def test_kazakh_windows_encoding() -> None:
    text = "Қазақстан Республикасының Сыртқы істер министрлігі мәлімдеме жасады. Тараптар келісті."
    assert decode(text.encode("kz1048"), "kk.txt") == text


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        (
            "Talks in Astana\n===============\n\nThe ministers met.",
            "Talks in Astana\n\nThe ministers met.",
        ),
        (
            "| Country | Grant |\n|---|---|\n| Kazakhstan | 5 |\n",
            "Country · Grant\n\nKazakhstan · 5",
        ),
        ("See [the plan](https://example.org/a_(b)) now.", "See the plan now."),
        ("It was _very_ important and *so* on.", "It was very important and so on."),
        ("Cost: 5\\*3 \\_x\\_ \\# not a heading", "Cost: 5*3 _x_ # not a heading"),
        ("Visit <https://example.org/x> today.", "Visit https://example.org/x today."),
        ("Hello <b>there</b> <script>alert(1)</script> friend.", "Hello there friend."),
        ("![the minister](x.png) The minister spoke.\n\n```\ncode\n```", "The minister spoke."),
    ],
    ids=["setext", "table", "link-parens", "emphasis", "escapes", "autolink", "html", "image"],
)
def test_markdown_is_read_as_commonmark(markdown: str, text: str) -> None:
    assert markdown_to_text(markdown) == text


def test_a_setext_heading_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text("Talks in Astana\n===\n\nThe ministers met on Monday.\n", encoding="utf-8")
    raw = read_release(path, BRIEFING)
    assert (raw.title, raw.title_source) == ("Talks in Astana", "markdown heading")


@pytest.mark.parametrize(
    ("text", "content_type", "reader"),
    [
        ("<!DOCTYPE html><title>T</title><p>Body.</p>", "", "read_html"),
        ("Talks held\n\n<p>An HTML fragment piped in.</p>", "", "read_html"),
        ("Talks held\n\nPlain text, no tags.", "text/html; charset=utf-8", "read_html"),
        ("---\ntitle: Talks\n---\nBody.", "", "read_markdown"),
        ("Talks held\n\n# Heading", "text/markdown", "read_markdown"),
        ("Talks held\n\nThe ratio was 3 < 5 and 7 > 2.", "text/plain", "read_plain"),
    ],
)
def test_text_without_a_file_name_is_read_by_its_content(
    text: str, content_type: str, reader: str
) -> None:
    # Standard input and web pages: one sniff for both.
    assert sniffed_reader(text, content_type).__name__ == reader
