"""Import sumy's summarizers without NLTK.

Every sumy summarizer imports ``sumy.nlp.stemmers`` for its default ``null_stemmer``, and
that module imports ``nltk.stem.snowball``; importing any part of NLTK runs NLTK's own
``__init__``, which loads nearly all of NLTK and, where SciPy is installed, ``scipy.stats``:
over a second at start-up for a function briefgen never calls (it passes its own stemmer).

``defer_nltk()`` puts a stand-in for ``sumy.nlp.stemmers`` in place that carries sumy's
``null_stemmer`` and loads the real module (and NLTK) the first time anything else of it is
used, so a program that uses sumy's own ``Stemmer`` after briefgen still gets it.
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


def defer_nltk() -> None:
    """Install the stand-in unless the real ``sumy.nlp.stemmers`` is already loaded."""
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
