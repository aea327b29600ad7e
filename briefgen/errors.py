"""One exception family for everything a user can cause, and the exit codes it maps to.

Only ``cli.py`` turns these into exit codes; the core raises them and never exits.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path


def printable(value: object) -> str:
    """A name fit for one line of a terminal: control characters and escape codes shown
    escaped, as ``repr`` shows them."""
    text = str(value)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class ExitCode(IntEnum):
    """Process exit status; scripts may rely on these numbers."""

    SUCCESS = 0
    ERROR = 1  # the job could not be done (output not writable, PDF engine missing)
    USAGE = 2  # bad command line (also click's own code for usage errors)
    SOME_INPUTS_FAILED = 3  # output written, but some inputs were skipped
    NO_USABLE_INPUT = 4  # nothing to work on: every input failed or none was found
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
    TERMINATED = 143  # SIGTERM (128 + SIGTERM), handled as Ctrl-C is


class BriefgenError(Exception):
    """Base of every error briefgen reports to the user as one line."""

    exit_code = ExitCode.ERROR

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        return f"{printable(self.path)}: {self.message}"


class InputFileError(BriefgenError):
    """One input file cannot be used (missing, unreadable, binary, empty...)."""

    exit_code = ExitCode.NO_USABLE_INPUT


class NoUsableInputError(BriefgenError):
    """Nothing at all to summarize; ``failures`` says what went wrong with each input."""

    exit_code = ExitCode.NO_USABLE_INPUT

    def __init__(
        self, message: str, path: Path | str | None = None, failures: Sequence[object] = ()
    ) -> None:
        super().__init__(message, path)
        self.failures = list(failures)


class NothingNewError(NoUsableInputError):
    """Every release was covered by an earlier ``--new-only`` run."""


class UsageError(BriefgenError):
    """Options that cannot work together or a value out of range."""

    exit_code = ExitCode.USAGE


class OutputError(BriefgenError):
    """The output cannot be written."""

    exit_code = ExitCode.ERROR


class QualityGateError(BriefgenError):
    """`briefgen eval --fail-below-lead` or `--require`: a method missed its quality bar."""

    exit_code = ExitCode.ERROR


class RenderError(BriefgenError):
    """A template or the PDF engine failed."""

    exit_code = ExitCode.ERROR


class Terminated(BaseException):
    """SIGTERM, raised like Ctrl-C's KeyboardInterrupt so that the same cleanup runs."""


def raise_terminated(signum: int, frame: object) -> None:
    raise Terminated
