"""RSS 2.0, Atom and RSS 1.0 (RDF) feeds: their entries' links, titles and dates.

A feed is untrusted XML, read with defusedxml: entity declarations (the "billion laughs")
and external entities are refused, never expanded or fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from briefgen.errors import InputFileError

_ATOM = "{http://www.w3.org/2005/Atom}"
_RSS1 = "{http://purl.org/rss/1.0/}"
_DC = "{http://purl.org/dc/elements/1.1/}"
# The start of a feed: an XML declaration, comments or a doctype, then one of the roots.
_FEED_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?"
    rb"(?:<!--.*?-->\s*|<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>\s*|<\?[^>]*>\s*)*"
    rb"<(?:[\w.-]+:)?(?:rss|feed|RDF)\b",
    re.S,
)


_SNIFF_BYTES = 64 * 1024  # room for a long doctype, so that its entities meet the refusal


@dataclass(frozen=True)
class Entry:
    """One entry of a feed: where its page is, its title and when it was published."""

    link: str
    title: str = ""
    published: datetime | None = None
    site: str = ""  # the feed's own title (the publisher)

    @property
    def date(self) -> date | None:
        return self.published.date() if self.published else None

    @property
    def time(self) -> str:
        return self.published.strftime("%H:%M") if self.published else ""


def looks_like_feed(data: bytes) -> bool:
    """Whether the bytes start as an RSS, Atom or RDF document (the content decides, not
    the address or the Content-Type, which sites get wrong both ways)."""
    return bool(_FEED_START.match(data[:_SNIFF_BYTES]))


def parse_feed(data: bytes, source: str) -> list[Entry]:
    """The entries of a feed, in the feed's order."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root = fromstring(data)
    except DefusedXmlException:
        raise InputFileError(
            "the feed declares XML entities or a DTD; refused (never expanded)", source
        ) from None
    except (ParseError, ValueError) as error:
        raise InputFileError(f"not a readable feed ({error})", source) from None
    name = _local(root.tag)
    if name == "rss":
        channel = root.find("channel")
        items = channel.findall("item") if channel is not None else []
        site = _text(channel, "title") if channel is not None else ""
        return [_rss_entry(item, site) for item in items]
    if name == "feed":
        site = _text(root, f"{_ATOM}title")
        return [_atom_entry(entry, site) for entry in root.findall(f"{_ATOM}entry")]
    if name == "RDF":
        channel = root.find(f"{_RSS1}channel")
        site = _text(channel, f"{_RSS1}title") if channel is not None else ""
        return [_rdf_entry(item, site) for item in root.findall(f"{_RSS1}item")]
    raise InputFileError(f"not a feed (its root element is <{name}>)", source)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(element: Any, path: str) -> str:
    """The element's text on one line, without markup some feeds put in their titles
    ("<![CDATA[<b>Talks</b> in Astana]]>")."""
    from briefgen.clean import strip_markup

    found = element.find(path)
    return strip_markup(" ".join((found.text or "").split())) if found is not None else ""


def _rss_entry(item: Any, site: str) -> Entry:
    link = _text(item, "link")
    guid = item.find("guid")
    if not link and guid is not None and guid.get("isPermaLink", "true") == "true":
        link = _text(item, "guid")
    published = _text(item, "pubDate") or _text(item, f"{_DC}date")
    return Entry(link, _text(item, "title"), _parsed_date(published), site)


def _atom_entry(entry: Any, site: str) -> Entry:
    links = entry.findall(f"{_ATOM}link")
    chosen = next((x for x in links if x.get("rel", "alternate") == "alternate"), None)
    link = (chosen.get("href") or "").strip() if chosen is not None else ""
    published = _text(entry, f"{_ATOM}published") or _text(entry, f"{_ATOM}updated")
    return Entry(link, _text(entry, f"{_ATOM}title"), _parsed_date(published), site)


def _rdf_entry(item: Any, site: str) -> Entry:
    return Entry(
        _text(item, f"{_RSS1}link"),
        _text(item, f"{_RSS1}title"),
        _parsed_date(_text(item, f"{_DC}date")),
        site,
    )


def _parsed_date(text: str) -> datetime | None:
    """RFC 822 (RSS) or ISO 8601 (Atom, Dublin Core), else a written date with its year
    (some sites' feeds), as the feed wrote it: the publisher's own clock, not converted."""
    if not text:
        return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    if not _YEAR.search(text):
        return None  # "yesterday", "2 hours ago": relative to a clock briefgen does not read
    import dateparser

    parsed: datetime | None = dateparser.parse(text, languages=["en", "ru", "kk"])
    return parsed  # "20 ноября 2026, 09:30", "20.11.2026 09:30"


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
