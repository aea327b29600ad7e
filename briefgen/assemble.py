"""Put summaries together into a dated ``Briefing``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from briefgen.models import Briefing, Summary

DEFAULT_TITLE = "Daily briefing"


def _order_key(summary: Summary) -> tuple[int, int, str, str]:
    document = summary.document
    # Newest first; undated releases last; ties broken by title, then path, so the
    # order never depends on the order the files were read in.
    ordinal = document.date.toordinal() if document.date else 0
    return (document.date is None, -ordinal, document.title.casefold(), document.source)


def assemble_briefing(
    summaries: Iterable[Summary], *, briefing_date: date, title: str | None = None
) -> Briefing:
    """A briefing dated ``briefing_date`` listing ``summaries``, newest release first."""
    items = tuple(sorted(summaries, key=_order_key))
    return Briefing(title=title or DEFAULT_TITLE, date=briefing_date, items=items)
