"""briefgen: summaries and dated daily briefings from press releases.

The public API (see ``briefgen.api``)::

    summarize_text(text, *, title=None, sentences=3, ...) -> Summary
    read_release(path_or_bytes, *, date=None) -> Document
    build_briefing(inputs, *, date, ...) -> Briefing
    render(briefing, fmt) -> str | bytes

Imported on first use, so that ``import briefgen`` (and the command line's start-up)
stays light.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from briefgen.api import (
        BriefgenWarning,
        build_briefing,
        document_from_record,
        read_release,
        render,
        summarize_record,
        summarize_text,
    )
    from briefgen.errors import BriefgenError
    from briefgen.models import Briefing, Document, Item, Section, Summary

__all__ = [
    "BriefgenError",
    "BriefgenWarning",
    "Briefing",
    "Document",
    "Item",
    "Section",
    "Summary",
    "__version__",
    "build_briefing",
    "document_from_record",
    "read_release",
    "render",
    "summarize_record",
    "summarize_text",
]
_HOMES = {
    "build_briefing": "briefgen.api",
    "read_release": "briefgen.api",
    "render": "briefgen.api",
    "summarize_text": "briefgen.api",
    "summarize_record": "briefgen.api",
    "document_from_record": "briefgen.api",
    "BriefgenWarning": "briefgen.api",
    "BriefgenError": "briefgen.errors",
    "Briefing": "briefgen.models",
    "Document": "briefgen.models",
    "Item": "briefgen.models",
    "Section": "briefgen.models",
    "Summary": "briefgen.models",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'briefgen' has no attribute {name!r}")


logging.getLogger(__name__).addHandler(logging.NullHandler())
