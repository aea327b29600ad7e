"""Writing results: atomically (temporary file, then rename) and under safe names.

Nothing is lost: an existing file keeps its permissions, a device or pipe is written in
place (never renamed over), a link is followed to the file it names, an input is never
an output, and a temporary file left by a killed run is removed by the next one.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import signal
import stat
import sys
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import OutputError, Terminated, UsageError, printable

STDOUT = "-"
# Temporary files are named by the process that made them, whatever the target's name
# (a long name plus a suffix could exceed the file system's limit), so that a later run
# can tell a dead run's leftovers from a live run's: ".briefgen-PID-RANDOM.tmp".
_TEMPORARY = re.compile(r"\.briefgen-(\d+)-[0-9a-f]{16}\.tmp")
_HELD_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def is_regular_target(target: Path) -> bool:
    """Whether ``target`` is (or would be) a regular file; a device, a pipe or a terminal
    is written in place."""
    if str(target).startswith(("/dev/", "/proc/")):
        return False
    try:
        return stat.S_ISREG(os.stat(target).st_mode)
    except FileNotFoundError:
        return True
    except OSError as error:
        raise OutputError(f"cannot write ({error.strerror or error})", target) from None


def write_atomic(target: Path, data: bytes | str) -> None:
    """Write ``data`` to ``target`` through a temporary file in the same folder.

    A failed or interrupted write leaves the previous ``target`` (if any) untouched and
    no partial file behind.
    """
    with signals_held():
        staged = stage(target, data)
        try:
            staged.commit()
        finally:
            staged.discard()


@dataclass
class Staged:
    """Data written to a temporary file beside its target, not yet in place: ``commit``
    renames it over the target, ``discard`` removes it. Several can be committed together
    (a briefing and its state file) once all are written; callers hold signals around
    both steps (``signals_held``)."""

    target: Path
    temporary: Path | None  # None: written on commit (standard output, a device)
    payload: bytes | str

    def commit(self) -> None:
        if str(self.target) == STDOUT:
            if isinstance(self.payload, str):
                sys.stdout.write(self.payload)
                sys.stdout.flush()
            else:
                sys.stdout.buffer.write(self.payload)
                sys.stdout.buffer.flush()
        elif self.temporary is None:
            try:
                with open(self.target, "wb") as stream:
                    stream.write(_encoded(self.payload))
            except OSError as error:
                raise OutputError(
                    f"cannot write ({error.strerror or error})", self.target
                ) from None
        else:
            try:
                os.replace(self.temporary, self.target)
            except OSError as error:
                raise OutputError(
                    f"cannot write ({error.strerror or error})", self.target
                ) from None
            self.temporary = None

    def discard(self) -> None:
        if self.temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.temporary)
            self.temporary = None


def stage(target: Path, data: bytes | str) -> Staged:
    """Write ``data`` to a temporary file beside ``target`` (its real path when it is a
    link), with the mode the target has or the umask gives; nothing is replaced yet."""
    if str(target) == STDOUT or not is_regular_target(target):
        return Staged(target, None, data)
    if target.is_symlink():
        target = Path(os.path.realpath(target))  # replace the file, keep the link
    folder = target.parent
    if not folder.is_dir():
        raise OutputError("output folder does not exist", folder)
    remove_stale_temporaries(folder)
    payload = _encoded(data)
    temporary = folder / f".briefgen-{os.getpid()}-{secrets.token_hex(8)}.tmp"
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        raise OutputError(f"cannot write here ({error.strerror})", folder) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(target))
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise OutputError(f"cannot write ({error.strerror or error})", target) from None
        raise
    return Staged(target, temporary, payload)


def _encoded(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, else what the umask allows a new file."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return 0o666 & ~current_umask()


def current_umask() -> int:
    try:  # Linux reports it without changing it
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_CLEANED: set[Path] = set()


def remove_stale_temporaries(folder: Path) -> None:
    """Remove briefgen's temporary files left in ``folder`` by runs that were killed
    (their process is gone); once per folder and process."""
    if folder in _CLEANED:
        return
    _CLEANED.add(folder)
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            match = _TEMPORARY.fullmatch(entry.name)
            if match and entry.is_file(follow_symlinks=False) and not _alive(int(match[1])):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM for the milliseconds of a write: raised between creating
    the temporary file and the code that removes it, they would leave that file behind.
    (Only the main thread can handle signals.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {
        number: signal.signal(number, lambda signum, frame: received.append(signum))
        for number in _HELD_SIGNALS
    }
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for received_number in dict.fromkeys(received):
            handler = previous[signal.Signals(received_number)]
            if handler is signal.SIG_IGN:
                continue
            if callable(handler):
                handler(
                    received_number, None
                )  # Python's own SIGINT handler raises KeyboardInterrupt
            elif received_number == signal.SIGINT:
                raise KeyboardInterrupt
            else:
                raise Terminated


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def refuse_overwriting_inputs(target: Path | None, inputs: Iterable[Path]) -> None:
    """A ``UsageError`` when writing ``target`` would replace one of ``inputs``."""
    if target is None or str(target) == STDOUT or not target.exists():
        return
    for path in inputs:
        if str(path) != STDOUT and same_file(path, target):
            raise UsageError(f"output would overwrite an input: {printable(path)}")


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
