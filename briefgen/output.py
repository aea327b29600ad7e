"""Writing results: atomically (temporary file, then rename) and under safe names."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sys
import tempfile
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from briefgen.errors import OutputError

STDOUT = "-"


def write_atomic(target: Path, data: bytes | str) -> None:
    """Write ``data`` to ``target`` through a temporary file in the same folder.

    A failed or interrupted write leaves the previous ``target`` (if any) untouched and
    no partial file behind.
    """
    if str(target) == STDOUT:
        if isinstance(data, str):
            sys.stdout.write(data)
            sys.stdout.flush()
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        return
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent
    if not folder.is_dir():
        raise OutputError("output folder does not exist", folder)
    with _ctrl_c_held():
        _write_through_temporary(target, payload)


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Hold Ctrl-C until the write is done: raised between creating the temporary file and
    the ``try`` that removes it, it would leave that file behind. (Only the main thread
    can handle signals; a write takes milliseconds.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if received and previous is not signal.SIG_IGN:
            if callable(previous):
                previous(signal.SIGINT, None)  # Python's own handler raises KeyboardInterrupt
            else:
                raise KeyboardInterrupt


def _write_through_temporary(target: Path, payload: bytes) -> None:
    folder = target.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise OutputError(f"cannot write here ({error.strerror})", folder) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise OutputError(f"cannot write ({error.strerror or error})", target) from None
        raise


_UNSAFE = re.compile(r"[^\w.-]+")
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)
MAX_NAME = 100


def safe_name(name: str, fallback: str = "release") -> str:
    """A file name with no folder parts, hidden dots, NUL, reserved names or excess length."""
    name = unicodedata.normalize("NFC", name).replace("\x00", "")
    name = _UNSAFE.sub("-", name).strip("-._")[:MAX_NAME].rstrip("-._")
    if not name or name.lower().split(".")[0] in _RESERVED:
        name = f"{fallback}-{name}" if name else fallback
    return name


def unique_names(stems: list[str]) -> list[str]:
    """Make names unique case-insensitively, in order: "a", "a" -> "a", "a-2"."""
    used: set[str] = set()
    result = []
    for stem in stems:
        candidate, number = stem, 1
        while candidate.casefold() in used:
            number += 1
            candidate = f"{stem}-{number}"
        used.add(candidate.casefold())
        result.append(candidate)
    return result
