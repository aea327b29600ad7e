"""Releases in the formats a desk receives besides text and web pages: PDF, Word (.docx)
and e-mail (.eml). Each reader turns the file's bytes into a ``RawRelease`` (text with
one paragraph per line, and the title and date the format declares).

PDF: pypdfium2 (PDFium, BSD/Apache), chosen by measuring it against pypdf and
pdfminer.six on press-release PDFs made from 20 White House releases: the same text in
the same order from all three, pypdfium2 ten times faster (bench/README.md). Lines are
joined back into paragraphs, words hyphenated at a line end are joined, and lines that
every page repeats (running headers, footers, page numbers) are dropped.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from io import BytesIO
from pathlib import PurePath
from typing import Any

from briefgen.errors import InputFileError
from briefgen.ingest import READERS, RawRelease, decode, read_html

MAX_PAGES = 500  # a release is a few pages; a book is not a release
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024  # a .docx expanding past this is a zip bomb
_MIN_TEXT_CHARS = 20  # fewer letters than this on every page: an image of text

_PAGE_NUMBER = re.compile(
    r"^(?:page\s*|стр\.?\s*)?\d{1,4}(?:\s*(?:of|/|из)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.I
)
_HYPHEN_AT_END = re.compile(r"(\w)[-\u2010\u00ad]$")
_SENTENCE_END = re.compile(r"[.!?:;\"”»)\]]$")


# --- PDF ------------------------------------------------------------------------------


def read_pdf(data: bytes, source: str, briefing_date: date | None) -> RawRelease:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise InputFileError("encrypted PDF: it needs a password", source) from None
        raise InputFileError("not a readable PDF (damaged or not a PDF)", source) from None
    try:
        if len(document) > MAX_PAGES:
            raise InputFileError(f"PDF of {len(document)} pages (at most {MAX_PAGES})", source)
        pages = [
            document[number].get_textpage().get_text_range().replace("\r\n", "\n").split("\n")
            for number in range(len(document))
        ]
        title = str(document.get_metadata_dict().get("Title") or "").strip()
    finally:
        document.close()
    if sum(len(line.strip()) for page in pages for line in page) < _MIN_TEXT_CHARS:
        raise InputFileError("no text layer: a scanned PDF", source)
    paragraphs = _without_title(_paragraphs(_without_page_furniture(pages)), title)
    return RawRelease(
        source,
        "\n".join(paragraphs),
        title=title or None,
        title_source="pdf" if title else "",
    )


def _without_page_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Each page's lines without page numbers and the lines that open or close most
    pages alike (a running header or footer; digits count as one)."""

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", " ".join(line.split()).lower())

    edges: Counter[str] = Counter()
    for page in pages:
        lines = [line for line in page if line.strip()]
        edges.update({key(line) for line in lines[:2] + lines[-2:]})
    repeated = {
        line for line, count in edges.items() if len(pages) >= 2 and count >= 0.6 * len(pages)
    }
    return [
        [
            line
            for line in page
            if line.strip() and key(line) not in repeated and not _PAGE_NUMBER.match(line.strip())
        ]
        for page in pages
    ]


def _paragraphs(pages: list[list[str]]) -> list[str]:
    """Lines joined into paragraphs: a line ends its paragraph when it ends a sentence and
    falls short of the page's full line width, or is much shorter (a heading, a date); a
    word hyphenated at a line end is joined."""
    lines = [" ".join(line.split()) for page in pages for line in page]
    full = sorted(len(line) for line in lines)[int(0.9 * (len(lines) - 1))] if lines else 0
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not current:
            current = line
        elif _HYPHEN_AT_END.search(current) and line[:1].islower():
            current = current[:-1] + line
        else:
            current = f"{current} {line}"
        short = len(line) < 0.85 * full
        if (short and _SENTENCE_END.search(line)) or len(line) < 0.6 * full:  # or a heading
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _without_title(paragraphs: list[str], title: str) -> list[str]:
    """The text without the heading that repeats the document's title (on one line or
    several)."""
    wanted, seen = " ".join(title.split()).casefold(), ""
    for count, paragraph in enumerate(paragraphs[:4], start=1):
        seen = f"{seen} {paragraph}".strip().casefold()
        if seen == wanted:
            return paragraphs[count:]
        if not wanted.startswith(seen):
            break
    return paragraphs


# --- Word -----------------------------------------------------------------------------


def _archive(data: bytes, source: str, suffix: str, kind: str) -> zipfile.ZipFile:
    """The zip archive a Word or OpenDocument file is, refused before it is unpacked when
    it would unpack past ``MAX_UNZIPPED_BYTES`` (a zip bomb)."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        unpacked = sum(entry.file_size for entry in archive.infolist())
    except zipfile.BadZipFile:
        raise InputFileError(f"not a readable {suffix} (damaged or not {kind})", source) from None
    if unpacked > MAX_UNZIPPED_BYTES:
        raise InputFileError(
            f"{suffix} would unpack to {unpacked // 2**20} MB (at most "
            f"{MAX_UNZIPPED_BYTES // 2**20} MB): refused as a zip bomb",
            source,
        )
    return archive


def table_row(cells: Iterable[str]) -> str:
    """A table row on one line: its non-empty cells, each on one line and once (a merged
    cell repeats), joined by " | "."""
    texts = (" ".join(cell.split()) for cell in cells)
    return " | ".join(dict.fromkeys(text for text in texts if text))


def read_docx(data: bytes, source: str, briefing_date: date | None) -> RawRelease:
    """Paragraphs in order, the first heading (or the document title) as the title;
    table rows flattened into one line each, cells joined by " | "."""
    _archive(data, source, ".docx", "a Word file")
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        word = docx.Document(BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError):
        raise InputFileError("not a readable .docx (damaged or not a Word file)", source) from None
    title = (word.core_properties.title or "").strip()
    lines: list[str] = []
    for block in word.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(block, word)
            text = " ".join(paragraph.text.split())
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            if text and not title and style.lower().startswith(("heading", "title")):
                title = text
                continue
            if text:
                lines.append(text)
        elif tag == "tbl":
            table = Table(block, word)
            for row in table.rows:
                row_text = table_row(cell.text for cell in row.cells)
                if row_text:
                    lines.append(row_text)
    if not lines:
        raise InputFileError("no text in this .docx", source)
    return RawRelease(
        source, "\n".join(lines), title=title or None, title_source="docx" if title else ""
    )


_ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_ODF_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODF_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_DUBLIN_CORE_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def read_odt(data: bytes, source: str, briefing_date: date | None) -> RawRelease:
    """An OpenDocument text (LibreOffice): as a .docx is read. Its XML is untrusted and
    read with defusedxml."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    archive = _archive(data, source, ".odt", "an OpenDocument text")
    try:
        content = fromstring(archive.read("content.xml"))
        names = archive.namelist()
        meta = fromstring(archive.read("meta.xml")) if "meta.xml" in names else None
    except (KeyError, ParseError, DefusedXmlException, zipfile.BadZipFile, ValueError):
        raise InputFileError(
            "not a readable .odt (damaged or not an OpenDocument text)", source
        ) from None
    found = meta.find(f".//{_DUBLIN_CORE_TITLE}") if meta is not None else None
    title = " ".join((found.text or "").split()) if found is not None else ""
    body = content.find(f"{_ODF_OFFICE}body/{_ODF_OFFICE}text")
    lines: list[str] = []
    for tag, text in _odf_blocks(body) if body is not None else ():
        if tag == "h" and not title:
            title = text
        else:
            lines.append(text)
    if not lines:
        raise InputFileError("no text in this .odt", source)
    return RawRelease(
        source, "\n".join(lines), title=title or None, title_source="odt" if title else ""
    )


def _odf_blocks(element: Any) -> Iterator[tuple[str, str]]:
    """("h" or "p", text) for the headings and paragraphs under ``element`` in order (in
    lists and sections too), and ("row", cells joined by " | ") for each table row."""
    for child in element:
        if child.tag in (f"{_ODF_TEXT}h", f"{_ODF_TEXT}p"):
            text = " ".join("".join(child.itertext()).split())
            if text:
                yield child.tag.rsplit("}", 1)[-1], text
        elif child.tag == f"{_ODF_TABLE}table-row":
            row = table_row("".join(cell.itertext()) for cell in child)
            if row:
                yield "row", row
        else:  # a list, a section, a table and its row groups
            yield from _odf_blocks(child)


# --- e-mail ---------------------------------------------------------------------------

_QUOTE_HEADER = re.compile(
    r"^(?:On .{4,200} wrote:|.{0,80}\d{4}.{0,80} (?:wrote|написал[а]?|жазды):|"
    r"-{2,}\s*(?:Original Message|Исходное сообщение|Forwarded message)\s*-{2,})\s*$",
    re.I,
)


def read_eml(data: bytes, source: str, briefing_date: date | None) -> RawRelease:
    """Subject as the title, the Date header as the date (and time), the text/plain body
    (else the text/html one), without quoted replies and the signature."""
    return _body_release(_checked(_parsed(data), source), source, briefing_date)


def _parsed(data: bytes) -> object:
    return BytesParser(policy=policy.default).parsebytes(data)


def _checked(message: object, source: str) -> EmailMessage:
    if not isinstance(message, EmailMessage) or not (message["Subject"] or message["From"]):
        raise InputFileError("not an e-mail message (no Subject or From header)", source)
    return message


def _sent(message: EmailMessage) -> tuple[date | None, str]:
    """The day and "HH:MM" of the message's Date header (None, "" without a readable one)."""
    try:
        stamp = parsedate_to_datetime(str(message["Date"])) if message["Date"] else None
    except (TypeError, ValueError):
        stamp = None
    return (stamp.date(), stamp.strftime("%H:%M")) if stamp is not None else (None, "")


def _body_release(message: EmailMessage, source: str, briefing_date: date | None) -> RawRelease:
    subject = " ".join(str(message["Subject"] or "").split())
    sent, time = _sent(message)
    body = message.get_body(("plain", "html"))
    if body is None:
        raise InputFileError("e-mail without a text or HTML body", source)
    content = body.get_content()
    if body.get_content_type() == "text/html":
        text = read_html(content, source, briefing_date).text
    else:
        text = _without_quotes_and_signature(content)
    if not text.strip():
        raise InputFileError("e-mail with an empty body", source)
    return RawRelease(
        source,
        text,
        title=subject or None,
        title_source="e-mail subject" if subject else "",
        date=sent,
        date_source="e-mail" if sent else "",
        time=time,
    )


def _without_quotes_and_signature(text: str) -> str:
    kept: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.rstrip() == "--" or _QUOTE_HEADER.match(line.strip()):
            break  # the signature, or the message being replied to, from here on
        if line.lstrip().startswith(">"):
            continue
        kept.append(line)
    return "\n".join(kept)


BINARY_READERS = {".pdf": read_pdf, ".docx": read_docx, ".odt": read_odt, ".eml": read_eml}

# --- files that hold many releases: a message with attachments, a mailbox --------------

MAX_ATTACHMENTS = 50  # per message: a press office attaches a few releases, not a thousand
MAX_MESSAGES = 10_000  # per mailbox file
_COVER_NOTE_WORDS = 60  # a body this short beside attachments is a cover note, not a release
_MBOX_SEPARATOR = re.compile(rb"(?m)^From [^\n]*\n")


def read_many(
    data: bytes, source: str, suffix: str, briefing_date: date | None
) -> list[RawRelease | InputFileError]:
    """Every release in an .eml (the message, and each attached PDF, Word, HTML or text
    release) or an .mbox (each message so); what cannot be read is an error in the list,
    so the rest is still briefed."""
    if suffix == ".mbox":
        chunks = [chunk for chunk in _MBOX_SEPARATOR.split(data) if chunk.strip()]
        found: list[RawRelease | InputFileError] = []
        for number, chunk in enumerate(chunks[:MAX_MESSAGES], start=1):
            found.extend(_message_releases(chunk, f"{source}#{number}", briefing_date))
        if len(chunks) > MAX_MESSAGES:
            more = len(chunks) - MAX_MESSAGES
            found.append(
                InputFileError(f"{more} more messages not read (at most {MAX_MESSAGES})", source)
            )
        return found
    return _message_releases(data, source, briefing_date)


def _message_releases(
    data: bytes, source: str, briefing_date: date | None
) -> list[RawRelease | InputFileError]:
    message = _parsed(data)
    attachments = list(message.iter_attachments()) if isinstance(message, EmailMessage) else []
    found: list[RawRelease | InputFileError] = []
    try:
        body = _body_release(_checked(message, source), source, briefing_date)
        if not attachments or len(body.text.split()) >= _COVER_NOTE_WORDS:
            found.append(body)
    except InputFileError as error:
        if not attachments:
            found.append(error)
    sent, time = _sent(message) if isinstance(message, EmailMessage) else (None, "")
    for number, part in enumerate(attachments[:MAX_ATTACHMENTS], start=1):
        name = part.get_filename() or f"attachment-{number}"
        where = f"{source}#{name}"
        suffix = PurePath(name).suffix.lower()
        try:
            content = part.get_payload(decode=True)
            payload = content if isinstance(content, bytes) else b""
            if suffix in BINARY_READERS:
                release = BINARY_READERS[suffix](payload, where, briefing_date)
            elif suffix in READERS:
                release = READERS[suffix](decode(payload, where), where, briefing_date)
            else:
                continue  # images, signatures, calendar invitations: not releases
        except InputFileError as error:
            found.append(error)
            continue
        if release.date is None and sent is not None:  # dated by the message that brought it
            release = replace(release, date=sent, date_source="e-mail", time=time)
        found.append(release)
    if len(attachments) > MAX_ATTACHMENTS:
        more = len(attachments) - MAX_ATTACHMENTS
        found.append(
            InputFileError(f"{more} more attachments not read (at most {MAX_ATTACHMENTS})", source)
        )
    return found
