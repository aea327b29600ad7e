"""Which releases earlier runs have covered, for ``brief --new-only``.

A small JSON file of content fingerprints: a release counts as seen when its cleaned text
is the same, wherever the file lies and whatever it is called. Runs at the same time take
turns through a lock file beside it, so none forgets another's releases.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from briefgen.errors import InputFileError, OutputError
from briefgen.models import Document
from briefgen.output import Staged, stage

STATE_VERSION = 1
_NOT_STATE = "not a briefgen state file (delete it to start over)"


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
        except (OSError, ValueError, RecursionError):
            raise InputFileError(_NOT_STATE, self.path) from None
        if not isinstance(record, dict) or not isinstance(record.get("seen"), list):
            raise InputFileError(_NOT_STATE, self.path)
        version = record.get("version")
        if not isinstance(version, int) or version > STATE_VERSION or version < 1:
            raise InputFileError(
                f"state file version {version!r} is not one this briefgen reads "
                f"(version {STATE_VERSION})",
                self.path,
            )
        seen = record["seen"]
        if not all(isinstance(entry, str) for entry in seen):
            raise InputFileError(_NOT_STATE, self.path)
        return set(seen)

    def unseen(self, documents: Sequence[Document]) -> list[Document]:
        """The releases no earlier run has covered."""
        seen = self._load()
        return [document for document in documents if fingerprint(document) not in seen]

    def staged(self, documents: Sequence[Document]) -> Staged:
        """The state with ``documents`` added, written beside the file, not yet in place
        (hold ``locked()`` from here until it is committed)."""
        seen = self._load() | {fingerprint(document) for document in documents}
        record = {"version": STATE_VERSION, "seen": sorted(seen)}
        return stage(self.path, json.dumps(record, indent=1) + "\n")

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Exclusive use of the state file among briefgen runs (a ``.lock`` file beside it;
        where file locks do not exist, no lock)."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            yield
            return
        lock_path = self.path.with_name(self.path.name + ".lock")
        try:
            handle = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise OutputError(
                f"cannot lock the state file ({error.strerror or error})", lock_path
            ) from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield
        finally:
            os.close(handle)
