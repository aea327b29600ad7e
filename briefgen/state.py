"""Which releases earlier runs have covered, for ``brief --new-only``.

A small JSON file of content fingerprints: a release counts as seen when its cleaned text
is the same, wherever the file lies and whatever it is called.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from briefgen.errors import InputFileError
from briefgen.models import Document
from briefgen.output import write_atomic

STATE_VERSION = 1


def fingerprint(document: Document) -> str:
    text = " ".join(document.text.split()).casefold()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class SeenReleases:
    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> set[str]:
        if not self.path.exists():
            return set()
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
            return set(record["seen"])
        except (OSError, ValueError, KeyError, TypeError):
            raise InputFileError(
                "not a briefgen state file (delete it to start over)", self.path
            ) from None

    def unseen(self, documents: Sequence[Document]) -> list[Document]:
        """The releases no earlier run has covered."""
        seen = self._load()
        return [document for document in documents if fingerprint(document) not in seen]

    def remember(self, documents: Sequence[Document]) -> None:
        """Add ``documents`` to the seen releases (written atomically)."""
        seen = self._load() | {fingerprint(document) for document in documents}
        record = {"version": STATE_VERSION, "seen": sorted(seen)}
        write_atomic(self.path, json.dumps(record, indent=1) + "\n")
