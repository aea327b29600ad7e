"""Import sumy's summarizers without NLTK (and without ``requests``).

Every sumy summarizer imports ``sumy.nlp.stemmers`` for its default ``null_stemmer``, and
that module imports ``nltk.stem.snowball``; importing any part of NLTK runs NLTK's own
``__init__``, which loads nearly all of NLTK and, where SciPy is installed, ``scipy.stats``:
over a second at start-up for a function briefgen never calls (it passes its own stemmer).

``defer_nltk()`` puts a stand-in for ``sumy.nlp.stemmers`` in place that carries sumy's
``null_stemmer`` and loads the real module (and NLTK) the first time anything else of it is
used, so a program that uses sumy's own ``Stemmer`` after briefgen still gets it.

Likewise ``sumy.utils`` imports ``requests`` for ``fetch_url`` (sumy's URL parsers), which
briefgen never calls: it is imported with a stand-in that loads ``requests`` when
``fetch_url`` first uses it; other modules importing ``requests`` get the real one.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import Any

_NAME = "sumy.nlp.stemmers"


def null_stemmer(object: Any) -> str:
    """sumy's ``null_stemmer``: the object as lower-case text."""
    return str(object).lower()


class _Stemmers(types.ModuleType):
    """``sumy.nlp.stemmers`` until something other than ``null_stemmer`` is asked for."""

    def __getattr__(self, name: str) -> Any:
        if sys.modules.get(_NAME) is self:
            del sys.modules[_NAME]
            real = importlib.import_module(_NAME)
            parent = sys.modules.get("sumy.nlp")
            if parent is not None:
                parent.stemmers = real  # type: ignore[attr-defined]
        return getattr(sys.modules[_NAME], name)


class _Requests(types.ModuleType):
    """What ``sumy.utils`` sees as ``requests``: the real module, loaded on first use."""

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module("requests"), name)


def _sumy_utils_without_requests() -> None:
    if "sumy.utils" in sys.modules or "requests" in sys.modules:
        return
    stand_in = _Requests("requests", "requests, loaded when sumy.utils.fetch_url needs it")
    sys.modules["requests"] = stand_in
    try:
        importlib.import_module("sumy.utils")
    finally:
        if sys.modules.get("requests") is stand_in:
            del sys.modules["requests"]  # everyone else imports the real one


def defer_nltk() -> None:
    """Install the stand-ins unless the real modules are already loaded."""
    _sumy_utils_without_requests()
    if _NAME in sys.modules:
        return
    spec = importlib.util.find_spec(_NAME)
    if spec is None:  # pragma: no cover - sumy missing; its import will say so
        return
    stand_in = _Stemmers(_NAME, "sumy.nlp.stemmers without NLTK, until needed")
    stand_in.__path__ = list(spec.submodule_search_locations or [])
    stand_in.__spec__ = spec
    stand_in.null_stemmer = null_stemmer  # type: ignore[attr-defined]
    sys.modules[_NAME] = stand_in
