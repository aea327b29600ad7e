"""Find release files, read their bytes, decode them and extract their text by format.

Every failure here is an ``InputFileError`` naming the file and the cause.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from briefgen.errors import InputFileError, NoUsableInputError

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
BINARY_SUFFIXES = (".pdf", ".docx", ".odt", ".eml", ".mbox")  # read by briefgen.formats
MANY_RELEASES = (".eml", ".mbox")  # a message's attachments, a mailbox's messages
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + BINARY_SUFFIXES
STDIN = "-"


@dataclass(frozen=True)
class RawRelease:
    """A release's text as read from its file, with any title/date its format declares."""

    source: str
    text: str
    title: str | None = None
    title_source: str = ""
    date: date | None = None
    date_source: str = ""
    site: str = ""  # the publishing site or office, where the format names it
    url: str = ""  # where the release is published, where the format says
    time: str = ""  # "HH:MM" of publication, where the format gives one


_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"']{1,2000}", re.I)


def web_address(value: object) -> str:
    """``value`` if it is an http(s) address (release text is untrusted: no other scheme
    ever becomes a link), else ""."""
    text = str(value or "").strip()
    return text if _WEB_ADDRESS.fullmatch(text) else ""


# --- finding files -------------------------------------------------------------------

# Far more than any release; a bigger "release" is a mistake or an attack, and reading it
# whole would take its size in memory.
MAX_INPUT_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Discovered:
    """The files to read, and the entries of the given folders that are refused (links
    leaving their folder, pipes, devices), each as a (path, reason) pair."""

    paths: list[Path]
    refused: list[tuple[Path, str]]


def discover(inputs: Iterable[Path], exclude: Iterable[Path] = ()) -> Discovered:
    """Expand folders (recursively, supported regular files only, sorted) and keep files
    as given.

    A file named explicitly is kept even with an unsupported suffix, so that reading it
    reports the problem instead of silently skipping it; a link named explicitly is the
    user's choice and is followed. Inside a folder, a link is followed only when it stays
    inside that folder, and ``exclude`` (briefgen's own outputs) is passed over.
    """
    excluded = {Path(os.path.realpath(path)) for path in exclude if str(path) != STDIN}
    found: list[Path] = []
    refused: list[tuple[Path, str]] = []
    for item in inputs:
        if str(item) != STDIN and item.is_dir():
            in_folder = _walk(item, excluded, refused)
            if not in_folder and not any(path.is_relative_to(item) for path, _ in refused):
                raise NoUsableInputError(
                    f"no supported files ({', '.join(SUPPORTED_SUFFIXES)}) in this folder", item
                )
            found.extend(in_folder)
        else:
            found.append(item)
    seen: set[Path] = set()
    unique = []
    for path in found:  # the same file named twice is read once
        key = path if str(path) == STDIN else Path(os.path.realpath(path))
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return Discovered(unique, refused)


def _walk(folder: Path, excluded: set[Path], refused: list[tuple[Path, str]]) -> list[Path]:
    """Supported regular files under ``folder``, without recursion (any depth) and without
    leaving it through links (each real folder visited once, so link loops end)."""
    root = Path(os.path.realpath(folder))
    found: list[Path] = []
    visited = {root}
    pending = [(folder, root)]  # each folder with its real path, extended name by name
    while pending:
        current, current_real = pending.pop()
        try:
            with os.scandir(current) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            refused.append((current, f"cannot read this folder ({error.strerror or error})"))
            continue
        for entry in entries:
            path = Path(entry.path)
            link = entry.is_symlink()
            # Only a link needs resolving; resolving every name would cost the folder's
            # depth each (a 1,500-deep tree took a minute).
            real = Path(os.path.realpath(path)) if link else current_real / entry.name
            if real in excluded:
                continue
            if link and not real.is_relative_to(root):
                if path.suffix.lower() in SUPPORTED_SUFFIXES or real.is_dir():
                    refused.append((path, "symbolic link leaving its folder; not followed"))
                continue
            try:
                mode = entry.stat().st_mode
            except OSError:
                if path.suffix.lower() in SUPPORTED_SUFFIXES:
                    found.append(path)  # reading it reports why (loop, dangling link)
                continue
            if stat.S_ISDIR(mode):
                if real not in visited:
                    visited.add(real)
                    pending.append((path, real))
            elif path.suffix.lower() in SUPPORTED_SUFFIXES:
                if stat.S_ISREG(mode):
                    found.append(path)
                else:
                    refused.append((path, f"not a regular file ({_file_kind(mode)})"))
    return sorted(found)


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a folder" if stat.S_ISDIR(mode) else "a special file"


# --- bytes ---------------------------------------------------------------------------


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or an ``InputFileError`` that says why they cannot be read.

    Only regular files are read (a pipe or a device could block or never end), and at
    most ``MAX_INPUT_BYTES``.
    """
    try:
        # O_NONBLOCK: opening a named pipe with no writer must not wait for one.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputFileError("no such file", path) from None
    except IsADirectoryError:
        raise InputFileError("is a folder, not a file", path) from None
    except PermissionError:
        raise InputFileError("permission denied", path) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise InputFileError("symbolic link loop", path) from None
        raise InputFileError(f"cannot read ({error.strerror or error})", path) from None
    with os.fdopen(handle, "rb") as stream:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            raise InputFileError("is a folder, not a file", path)
        if not stat.S_ISREG(mode):
            raise InputFileError(f"not a regular file ({_file_kind(mode)})", path)
        try:
            return read_capped(stream, path)
        except OSError as error:
            raise InputFileError(f"cannot read ({error.strerror or error})", path) from None


def read_capped(stream: BinaryIO, source: Path | str) -> bytes:
    """At most ``MAX_INPUT_BYTES`` from ``stream``; more is an error, not a truncation."""
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputFileError(
            f"larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB; not a press release", source
        )
    return data


# Signatures of binary formats people mistake for text.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document (not supported)"),
    (b"PK\x03\x04", "a ZIP archive or Office document (not supported)"),
    (b"BZh", "a bzip2-compressed file"),
    (b"\xfd7zXZ", "an xz-compressed file"),
    (b"\x7fELF", "an executable"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The legacy encodings releases in English, Russian and Kazakh arrive in. Detection
# among all code pages confuses short Latin-1 text with Central European ones.
LEGACY_ENCODINGS = (
    "cp1251",
    "kz1048",
    "koi8_r",
    "cp866",
    "mac_cyrillic",
    "iso8859_5",
    "cp1252",
    "latin_1",
)
# A few bad bytes in otherwise valid UTF-8 are damage, not another encoding.
_MAX_BAD_UTF8_SHARE = 0.005


def decode(data: bytes, source: Path | str) -> str:
    """Decode release bytes: BOM, then UTF-8, then detection among ``LEGACY_ENCODINGS``."""
    if not data.strip():
        raise InputFileError("empty file" if not data else "only whitespace", source)
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputFileError(f"binary file ({kind}), not text", source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked_text(data.decode(encoding), source)
            except UnicodeDecodeError:
                raise InputFileError(f"invalid {encoding.upper()} text", source) from None
    if b"\x00" in data:
        raise InputFileError("binary file (contains NUL bytes), not text", source)
    try:
        return _checked_text(data.decode("utf-8"), source)
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    if any(ord(c) > 127 and c != "\ufffd" for c in text) and damaged <= max(
        1, len(text) * _MAX_BAD_UTF8_SHARE
    ):
        return _checked_text(text.replace("\ufffd", ""), source)
    from charset_normalizer import from_bytes  # only legacy encodings pay for the import

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise InputFileError("unknown text encoding or binary data", source)
    return _checked_text(str(best), source)


_CONTROL_CODES = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # below space, less \t \n \f \r


def _checked_text(text: str, source: Path | str) -> str:
    if not text.strip():
        raise InputFileError("only whitespace", source)
    sample = text[:4096]
    controls = len(_CONTROL_CODES.findall(sample))
    if controls > len(sample) * 0.05:
        raise InputFileError("binary data, not text", source)
    return text


# --- formats -------------------------------------------------------------------------


def as_time(value: object) -> str:
    """ "HH:MM" of a datetime or an ISO date-time text ("2026-11-20T14:05"), else ""."""
    if isinstance(value, str) and len(value.strip()) > 10:
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return ""
    return value.strftime("%H:%M") if isinstance(value, datetime) else ""


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)


@dataclass(frozen=True)
class MarkdownText:
    text: str  # one line per paragraph, heading, list item or table row
    heading: str | None  # the first level-1 heading (ATX or setext)


def markdown_text(markdown: str) -> MarkdownText:
    """The words of a CommonMark document (with tables), parsed by markdown-it-py: links
    keep their words, autolinks their address, a table row its cells; images, code blocks
    and raw HTML (with what a script or style holds) are dropped, never passed on."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    # Parse a link or image whatever its scheme (file:, javascript:): its address is never
    # kept, and refusing it would leave "![x](file:///...)" in the text.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    lines: list[str] = []
    row: list[str] | None = None  # the cells of the table row being read
    heading: str | None = None
    in_h1 = False
    for token in parser.parse(markdown):
        if token.type == "heading_open":
            in_h1 = token.tag == "h1"
        elif token.type == "heading_close":
            in_h1 = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            if any(row):
                lines.append(" · ".join(cell for cell in row if cell))
            row = None
        elif token.type == "inline":
            words = _inline_words(token.children or [])
            if row is not None:
                row.append(words)
            elif words:
                if in_h1 and heading is None:
                    heading = words
                lines.append(words)
    return MarkdownText("\n\n".join(lines), heading)


_RAW_CONTAINER = re.compile(r"<(script|style|iframe|noscript)\b", re.I)


def _inline_words(children: list[Any]) -> str:
    parts: list[str] = []
    hidden: str | None = None  # inside <script>...</script> written inline
    for child in children:
        if child.type == "html_inline":
            opened = _RAW_CONTAINER.match(child.content)
            if opened:
                hidden = opened.group(1).lower()
            elif hidden and child.content.lower().startswith(f"</{hidden}"):
                hidden = None
        elif hidden:
            continue
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def markdown_to_text(markdown: str) -> str:
    """Plain text of a Markdown body (see ``markdown_text``)."""
    return markdown_text(markdown).text


def read_plain(text: str, source: str, briefing_date: date | None) -> RawRelease:
    return RawRelease(source, text)


_MAX_FRONT_MATTER = 64 * 1024  # a title, a date and a few more keys


def _front_matter(yaml_text: str, source: str) -> dict[str, Any]:
    """The keys of a YAML front matter, read safely: no aliases (a few hundred bytes of
    nested aliases expand to billions of nodes), no oversized block, dates checked."""
    import yaml

    class NoAliasLoader(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                raise InputFileError("YAML aliases are not allowed in front matter", source)
            return super().compose_node(parent, index)

    if len(yaml_text) > _MAX_FRONT_MATTER:
        raise InputFileError("front matter larger than 64 KB", source)
    try:
        loaded = yaml.load(yaml_text, Loader=NoAliasLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise InputFileError(f"invalid YAML front matter{where}", source) from None
    except (ValueError, OverflowError) as error:  # 2026-02-30: YAML's date constructor
        raise InputFileError(f"invalid value in front matter ({error})", source) from None
    except RecursionError:
        raise InputFileError("front matter nested too deeply", source) from None
    if not isinstance(loaded, dict):
        return {}
    return {str(key).lower(): value for key, value in loaded.items()}


def read_markdown(text: str, source: str, briefing_date: date | None) -> RawRelease:
    """Markdown with optional YAML front matter (``title``, ``date``)."""
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        meta = _front_matter(match.group(1), source)
        text = text[match.end() :]
    title = meta.get("title")
    if title is not None and not isinstance(title, (str, int, float)):
        raise InputFileError("front matter 'title' is not text", source)
    body = markdown_text(text)
    heading = body.heading
    release_date = _as_date(meta.get("date"))
    return RawRelease(
        source,
        body.text,
        title=str(title) if title else heading,
        title_source="front-matter" if title else ("markdown heading" if heading else ""),
        date=release_date,
        date_source="front-matter" if release_date else "",
        site=str(meta.get("source") or meta.get("site") or ""),
        url=web_address(meta.get("url") or meta.get("link")),
        time=as_time(meta.get("date")) if release_date else "",
    )


def read_html(text: str, source: str, briefing_date: date | None) -> RawRelease:
    """Main text of an HTML page; navigation, scripts and footers are left out."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        favor_recall=True,
        date_extraction_params={
            **({"max_date": briefing_date.isoformat()} if briefing_date else {}),
            "extensive_search": False,
            "original_date": True,
        },
    )
    body = getattr(extracted, "text", None) or ""
    if not body.strip():
        raise InputFileError("no readable text in this HTML page", source)
    title = getattr(extracted, "title", None)
    release_date = _as_date(getattr(extracted, "date", None))
    return RawRelease(
        source,
        body,
        title=title or None,
        title_source="html" if title else "",
        date=release_date,
        date_source="html" if release_date else "",
        site=getattr(extracted, "sitename", None) or "",
        url=web_address(getattr(extracted, "url", None)),
    )


Reader = Callable[[str, str, date | None], RawRelease]
READERS: dict[str, Reader] = {
    ".txt": read_plain,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
}
_LOOKS_LIKE_HTML = re.compile(r"\A\s*(?:<!doctype html|<html\b|<head\b|<body\b)", re.I)
_HTML_INSIDE = re.compile(r"<(?:html|head|body|p|div|article|h1)\b", re.I)


def sniffed_reader(text: str, content_type: str = "") -> Reader:
    """The reader for text that has no file name (standard input, a web page), by what the
    server says it is and by its content: HTML, Markdown with front matter, else plain."""
    kind = content_type.lower()
    if "html" in kind or _LOOKS_LIKE_HTML.match(text) or _HTML_INSIDE.search(text[:5000]):
        return read_html
    if "markdown" in kind or text.startswith("---"):
        return read_markdown
    return read_plain


def reader_for(source: str, text: str) -> Reader:
    """The reader for a file by suffix; standard input is sniffed."""
    if source == STDIN:
        return sniffed_reader(text)
    suffix = Path(source).suffix.lower()
    if suffix not in READERS:
        raise InputFileError(
            f"unsupported file type {suffix or '(no extension)'!r}; "
            f"use {', '.join(SUPPORTED_SUFFIXES)}",
            source,
        )
    return READERS[suffix]


def read_releases(path: Path, briefing_date: date | None) -> list[RawRelease | InputFileError]:
    """Every release a file holds: one, or for an e-mail its attachments too, and for a
    mailbox each message; a part that cannot be read is an error in the list."""
    suffix = path.suffix.lower()
    if suffix not in MANY_RELEASES or str(path) == STDIN:
        return [read_release(path, briefing_date)]
    from briefgen.formats import read_many

    return read_many(_binary_bytes(path), str(path), suffix, briefing_date)


def _binary_bytes(path: Path) -> bytes:
    """A PDF, Word or e-mail file's bytes (text files are checked as they are decoded)."""
    data = read_bytes(path)
    if not data.strip():
        raise InputFileError("empty file", path)
    return data


def read_release(path: Path, briefing_date: date | None, stdin: bytes | None = None) -> RawRelease:
    """Read one release from ``path`` (or ``stdin`` bytes when the path is "-"). Without a
    briefing date, a date written without its year is not inferred."""
    source = str(path)
    suffix = path.suffix.lower()
    if source != STDIN and suffix not in READERS:
        if not path.exists() and not path.is_symlink():
            raise InputFileError("no such file or folder", path)
        if suffix == ".mbox":
            raise InputFileError("a mailbox holds many releases: brief it as a folder is", path)
        if suffix in BINARY_SUFFIXES:
            from briefgen.formats import BINARY_READERS

            return BINARY_READERS[suffix](_binary_bytes(path), source, briefing_date)
        reader_for(source, "")  # raises the unsupported-type error before any reading
    data = stdin if source == STDIN and stdin is not None else read_bytes(path)
    text = decode(data, source)
    return reader_for(source, text)(text, source, briefing_date)
