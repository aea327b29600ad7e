"""The command line: parse options, build one request, call the pipeline, map errors to
exit codes. The only module that imports typer, reads today's date or prints."""

from __future__ import annotations

import functools
import inspect
import json
import os
import sys
import typing
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar, cast

import typer
import typer.core

try:  # typer 0.2x carries its own copy of click
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older typer on click
    from click import exceptions as click_exceptions  # type: ignore[no-redef]

from briefgen import __version__

if TYPE_CHECKING:
    from email.message import EmailMessage

    from briefgen.mail import MailSettings
    from briefgen.pipeline import BriefingResult
from briefgen.config import (
    DEFAULT_METHOD,
    BatchRequest,
    BriefingRequest,
    Editorial,
    Envelope,
    GroupBy,
    Language,
    Method,
    Order,
    OutputFormat,
    SummaryOptions,
)
from briefgen.errors import (
    BriefgenError,
    ExitCode,
    NothingNewError,
    NoUsableInputError,
    QualityGateError,
    Terminated,
    UsageError,
    printable,
    raise_terminated,
)


class _OneLineErrors(typer.core.TyperGroup):
    """Command-line mistakes as one line and a hint, not click's usage block."""

    def main(self, *args: Any, **kwargs: Any) -> NoReturn:
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click_exceptions.NoArgsIsHelpError as error:
            error.show()  # the help, as asked for by giving no arguments
            sys.exit(int(ExitCode.USAGE))
        except click_exceptions.UsageError as error:
            where = error.ctx.command_path if error.ctx else "briefgen"
            message = printable(" ".join(error.format_message().split()))
            typer.echo(f"briefgen: {message} (see '{where} --help')", err=True)
            sys.exit(int(ExitCode.USAGE))
        except click_exceptions.ClickException as error:
            typer.echo(f"briefgen: {printable(error.format_message())}", err=True)
            sys.exit(error.exit_code)
        except typer.Abort:
            typer.echo("briefgen: interrupted", err=True)
            sys.exit(int(ExitCode.INTERRUPTED))
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    name="briefgen",
    cls=_OneLineErrors,
    help=(
        "Summaries and dated daily briefings from press releases (English, Russian, Kazakh),"
        " offline.\n\n"
        "\b\nExamples:\n"
        "  briefgen summarize release.txt\n"
        "  briefgen brief samples/ --date 2026-11-20 -o briefing.pdf\n"
        "  briefgen batch samples/ -o out/ --format pdf --by-date"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class SummaryFormat(str, Enum):
    TEXT = "text"
    MD = "md"
    JSON = "json"


class BriefFormat(str, Enum):
    MD = "md"
    HTML = "html"
    PDF = "pdf"
    JSON = "json"
    EML = "eml"


_EXTENSIONS = {
    ".txt": "text",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".json": "json",
    ".eml": "eml",
}

# --- shared options ------------------------------------------------------------------

MethodOption = Annotated[
    Method,
    typer.Option(
        "--method",
        "-m",
        help="Summarizer: newslead (never junk; a press release's news by a ranking that "
        "knows its kind, a news item's first sentences), lead, or one of sumy's methods.",
    ),
]
SentencesOption = Annotated[
    int, typer.Option("--sentences", "-n", min=1, help="Sentences per summary.")
]
RatioOption = Annotated[
    float | None,
    typer.Option(help="Instead of --sentences: this fraction of each release's sentences."),
]
WordsOption = Annotated[
    int | None, typer.Option(min=1, help="Instead of --sentences: a word budget per summary.")
]
LanguageOption = Annotated[
    Language, typer.Option("--language", "-l", help="Release language; auto detects per release.")
]
DateOption = Annotated[
    datetime | None,
    typer.Option(
        "--date", formats=["%Y-%m-%d"], help="The briefing date, YYYY-MM-DD  [default: today]"
    ),
]
SinceOption = Annotated[
    datetime | None,
    typer.Option(formats=["%Y-%m-%d"], help="Only releases dated on or after this day."),
]
UntilOption = Annotated[
    datetime | None,
    typer.Option(formats=["%Y-%m-%d"], help="Only releases dated on or before this day."),
]
TitleOption = Annotated[str | None, typer.Option(help="Heading of the briefing.")]
TemplateDirOption = Annotated[
    Path | None,
    typer.Option(
        file_okay=False, exists=True, help="Folder of templates overriding the defaults, by name."
    ),
]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")]
WorkersOption = Annotated[
    int | None, typer.Option(min=1, help="Parallel processes  [default: CPU cores]")
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        dir_okay=False,
        help="Options from this TOML file  [default: ./briefgen.toml when present]",
    ),
]
GroupByOption = Annotated[
    GroupBy,
    typer.Option("--group-by", help="Sections: none, source (site), topic (by content) or date."),
]
OrderOption = Annotated[
    Order, typer.Option(help="Items by importance to the day (default) or newest first.")
]
TopOption = Annotated[
    int | None, typer.Option(min=1, help="Put the N most important stories first.")
]
WatchOption = Annotated[
    list[str] | None,
    typer.Option(
        "--watch",
        help="A country, organisation, person or word the desk follows (repeatable): "
        "stories about them rise (the more, the more they are about them), the words "
        "highlighted.",
    ),
]
InputsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="INPUT...",
        help="Release files, folders, web pages and feeds  [default: sources in the config]",
        show_default=False,
    ),
]
CacheOption = Annotated[
    Path | None,
    typer.Option(
        file_okay=False,
        help="Folder where fetched pages are kept between runs  [default: the user's cache]",
    ),
]
OfflineOption = Annotated[
    bool, typer.Option("--offline", help="Pages and feeds from the cache only; nothing fetched.")
]
ExplainOption = Annotated[
    bool,
    typer.Option(
        "--explain", help="Show per item the sentence scores, removed lines and metadata sources."
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"briefgen {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """Summaries and dated daily briefings from press releases."""


# --- error handling, in one place ----------------------------------------------------


def _fail(message: str, code: ExitCode) -> NoReturn:
    typer.echo(f"briefgen: {message}", err=True)
    raise typer.Exit(int(code))


def _exit_if_some_failed(failures: Sequence[object], total: int | None = None) -> None:
    """List the inputs that failed and end with the exit code that says so (3)."""
    if failures:
        _report_failures(failures, total)
        raise typer.Exit(int(ExitCode.SOME_INPUTS_FAILED))


def _report_failures(failures: Sequence[object], total: int | None = None) -> None:
    if not failures:
        return
    count = f"{len(failures)} of {total}" if total else str(len(failures))
    typer.echo(f"briefgen: {count} input(s) failed:", err=True)
    for failure in failures:
        typer.echo(f"  {failure}", err=True)


@contextmanager
def _errors_to_exit_codes(debug: bool) -> Iterator[None]:
    """Translate briefgen's errors into one line on stderr and a documented exit code."""
    try:
        yield
    except typer.Exit:
        raise
    except NoUsableInputError as error:
        if debug:
            raise
        _report_failures(error.failures)
        _fail(str(error), error.exit_code)
    except BriefgenError as error:
        if debug:
            raise
        _fail(str(error), error.exit_code)
    except KeyboardInterrupt:
        if debug:
            raise
        _fail("interrupted", ExitCode.INTERRUPTED)
    except Terminated:
        if debug:
            raise
        _fail("terminated", ExitCode.TERMINATED)
    except RecursionError:
        if debug:
            raise
        _fail("input nested too deeply to read", ExitCode.ERROR)
    except Exception as error:
        if debug:
            raise
        _fail(
            printable(
                f"internal error: {type(error).__name__}: {error} (run with --debug for details)"
            ),
            ExitCode.ERROR,
        )


E = TypeVar("E", bound=Enum)
F = TypeVar("F", bound=Callable[..., None])


def _as_annotated_type(hint: Any, value: Any) -> Any:
    """Give a configured value the Python type the command's parameter has."""
    if typing.get_origin(hint) is Annotated:
        hint = typing.get_args(hint)[0]
    candidates = [arg for arg in typing.get_args(hint) if arg is not type(None)] or [hint]
    target = candidates[0]
    if value is None or not isinstance(target, type):
        return value
    if issubclass(target, Enum) or issubclass(target, Path):
        return target(value)
    return value


def _is_option(parameter: Any) -> bool:
    return getattr(parameter, "param_type_name", None) == "option"


def _settings_for(ctx: typer.Context, config: Path | None, hints: dict[str, Any]) -> dict[str, Any]:
    """Values from the configuration file for the options not given on the command line."""
    from briefgen.settings import find_config, read_settings

    path = find_config(config, Path.cwd())
    if path is None:
        return {}
    options = {_long_name(p): p for p in ctx.command.params if _is_option(p)}
    root = ctx.find_root().command
    known = {
        _long_name(p)
        for command in getattr(root, "commands", {}).values()
        for p in command.params
        if _is_option(p) and p.name not in ("config", "debug")
    }
    values: dict[str, Any] = {}
    for key, raw in read_settings(path).items():
        if key not in known:
            raise UsageError(f"unknown key {key!r} (keys are long option names)", path)
        if key not in options:
            continue  # another command's option
        parameter = options[key]
        source = ctx.get_parameter_source(parameter.name)
        if getattr(source, "name", "") != "DEFAULT":
            continue  # given on the command line
        try:
            value = parameter.process_value(ctx, raw)
        except typer.BadParameter as error:
            raise UsageError(f"key {key!r}: {error.format_message()}", path) from None
        values[parameter.name] = _as_annotated_type(hints[parameter.name], value)
    return values


def _long_name(parameter: Any) -> str:
    """The key a configuration file uses for an option: its long name ("group_by" for
    --group-by, "date" for --date), whatever the Python parameter is called."""
    for flag in parameter.opts:
        if flag.startswith("--"):
            return str(flag[2:].replace("-", "_"))
    return str(parameter.name)


def _configurable(function: F) -> F:
    """Fill the options not given on the command line from the configuration file (the
    command takes ``ctx: typer.Context`` to tell given options from defaults)."""
    hints = typing.get_type_hints(function, include_extras=True)

    @functools.wraps(function)
    def with_settings(**kwargs: Any) -> None:
        with _errors_to_exit_codes(bool(kwargs.get("debug"))):
            kwargs.update(_settings_for(kwargs["ctx"], kwargs.get("config"), hints))
        function(**kwargs)

    return cast(F, with_settings)


def _format(given: E | None, output: Path | None, choices: type[E], default: E) -> E:
    """The output format: --format, else the -o extension, else the default."""
    if given is not None:
        return given
    from briefgen.output import is_regular_target

    if output is None or str(output) == "-":
        return default
    name = _EXTENSIONS.get(output.suffix.lower())
    if name is None and not is_regular_target(output):
        return default  # -o /dev/stdout, a pipe: the format of standard output
    try:
        return choices(name)
    except ValueError:
        allowed = ", ".join(c.value for c in choices)
        raise UsageError(
            f"cannot tell the format from {output.name!r}; use --format ({allowed})"
        ) from None


def _options(
    method: Method, sentences: int, ratio: float | None, words: int | None, language: Language
) -> SummaryOptions:
    from briefgen.summarize import validate

    options = SummaryOptions(
        method=method, sentences=sentences, ratio=ratio, words=words, language=language
    )
    validate(options)  # before any file is read
    return options


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def _today_unless(value: datetime | None) -> date:
    # The only place briefgen reads the clock: everything below takes the date as given.
    return value.date() if value else date.today()


def _check_range(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise UsageError("--since is after --until")


@contextmanager
def _progress_bar(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


@dataclass(frozen=True)
class BriefingOptions:
    """The options ``brief`` and ``batch`` share, declared once (``_briefing_options``)."""

    briefing_date: datetime | None
    since: datetime | None
    until: datetime | None
    title: str | None
    method: Method
    sentences: int
    ratio: float | None
    words: int | None
    language: Language
    template_dir: Path | None
    group_by: GroupBy
    order: Order
    top: int | None
    explain: bool
    watch: list[str] | None

    def summary(self) -> SummaryOptions:
        return _options(self.method, self.sentences, self.ratio, self.words, self.language)

    def editorial(self) -> Editorial:
        return Editorial(
            group_by=self.group_by,
            order=self.order,
            top=self.top,
            explain=self.explain,
            watch=tuple(self.watch or ()),
        )


def _shared_briefing_options(
    briefing_date: DateOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    title: TitleOption = None,
    method: MethodOption = DEFAULT_METHOD,
    sentences: SentencesOption = 3,
    ratio: RatioOption = None,
    words: WordsOption = None,
    language: LanguageOption = Language.AUTO,
    template_dir: TemplateDirOption = None,
    group_by: GroupByOption = GroupBy.NONE,
    order: OrderOption = Order.IMPORTANCE,
    top: TopOption = None,
    explain: ExplainOption = False,
    watch: WatchOption = None,
) -> None:
    """The declarations of ``BriefingOptions``' fields as command-line options."""


def _briefing_options(command: F) -> F:
    """Give ``command`` the shared options of ``brief`` and ``batch``: typer sees them as the
    command's own parameters, and the command receives them as one ``shared`` record."""
    own = inspect.signature(command, eval_str=True)
    declared = inspect.signature(_shared_briefing_options, eval_str=True).parameters
    keyword = inspect.Parameter.KEYWORD_ONLY
    parameters = [p.replace(kind=keyword) for name, p in own.parameters.items() if name != "shared"]
    tail = [p for p in parameters if p.name in ("config", "debug")]
    head = [p for p in parameters if p.name not in ("config", "debug")]
    merged = [*head, *(p.replace(kind=keyword) for p in declared.values()), *tail]

    @functools.wraps(command)
    def with_shared(**kwargs: Any) -> None:
        values = {name: kwargs.pop(name) for name in declared}
        command(**kwargs, shared=BriefingOptions(**values))

    with_shared.__signature__ = own.replace(parameters=merged)  # type: ignore[attr-defined]
    with_shared.__annotations__ = {
        **{k: v for k, v in command.__annotations__.items() if k != "shared"},
        **_shared_briefing_options.__annotations__,
    }
    return cast(F, with_shared)


# --- commands ------------------------------------------------------------------------


@app.command()
@_configurable
def summarize(
    ctx: typer.Context,
    file: Annotated[
        str, typer.Argument(metavar="FILE|URL|-", help="A release file or page; - reads stdin.")
    ],
    fmt: Annotated[
        SummaryFormat | None,
        typer.Option("--format", "-f", help="text, md or json  [default: from -o, else text]"),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    method: MethodOption = DEFAULT_METHOD,
    sentences: SentencesOption = 3,
    ratio: RatioOption = None,
    words: WordsOption = None,
    language: LanguageOption = Language.AUTO,
    briefing_date: DateOption = None,
    template_dir: TemplateDirOption = None,
    cache: CacheOption = None,
    offline: OfflineOption = False,
    config: ConfigOption = None,
    debug: DebugOption = False,
) -> None:
    """Print the summary of one release (.txt, .md, .html, .pdf, .docx, .odt, .eml, a page).

    \b
    Examples:
      briefgen summarize samples/2026-11-19-astana-water-forum.txt
      briefgen summarize release.html --format json -o summary.json
      briefgen summarize https://example.org/press/2026/11/20/statement
      curl -s https://example.org/release | briefgen summarize - --sentences 2
    """
    from briefgen.fetch import fetch_options, is_web_address
    from briefgen.ingest import read_capped
    from briefgen.output import refuse_overwriting_inputs, write_atomic
    from briefgen.pipeline import render_summary, summarize_address, summarize_file

    with _errors_to_exit_codes(debug):
        chosen = _format(fmt, output, SummaryFormat, SummaryFormat.TEXT)
        options = _options(method, sentences, ratio, words, language)
        day = _today_unless(briefing_date)
        if is_web_address(file):
            summary = summarize_address(file, options, day, fetch_options(cache, offline))
        else:
            stdin = read_capped(sys.stdin.buffer, "-") if file == "-" else None
            refuse_overwriting_inputs(output, [Path(file)])
            summary = summarize_file(Path(file), options, day, stdin=stdin)
        content = render_summary(summary, OutputFormat(chosen.value), template_dir, day)
        write_atomic(output or Path("-"), content)


def _inputs(given: Sequence[str], config: Path | None) -> tuple[tuple[Path, ...], tuple[str, ...]]:
    """The files and folders, and the web addresses, to brief: those on the command line,
    else the configuration's ``sources``."""
    from briefgen.fetch import is_web_address
    from briefgen.settings import find_config, read_sources

    if not given:
        path = find_config(config, Path.cwd())
        given = read_sources(path) if path else []
    if not given:
        raise UsageError(
            "no INPUT: name release files, folders or web addresses, "
            "or list them in briefgen.toml as sources = [...]"
        )
    paths = tuple(Path(item) for item in given if not is_web_address(item))
    return paths, tuple(item for item in given if is_web_address(item))


def _workers(requested: int | None) -> int:
    return requested or os.cpu_count() or 1


def _mail_settings(config: Path | None) -> MailSettings:
    from briefgen.mail import mail_settings
    from briefgen.settings import find_config, read_table

    path = find_config(config, Path.cwd())
    return mail_settings(read_table(path, "mail") if path else {}, path)


def _message_path(request: BriefingRequest) -> Path:
    """Where an e-mailed briefing is kept: -o when it is the message, else beside -o,
    else briefing-DATE.eml here."""
    if request.output is not None:
        if request.fmt is OutputFormat.EML:
            return request.output
        return request.output.with_suffix(".eml")
    return Path(f"briefing-{request.briefing_date.isoformat()}.eml")


def _nothing_new(
    request: BriefingRequest, settings: MailSettings, send_empty: bool, dry_run: bool
) -> None:
    """Nothing new to brief: send nothing (exit 0), or a short note with --send-empty."""
    from briefgen import mail
    from briefgen.output import write_atomic

    if not send_empty:
        typer.echo("briefgen: nothing new; nothing sent", err=True)
        return
    title = request.title or "Daily briefing"
    note = mail.empty_message(title, request.briefing_date.isoformat(), request.envelope)
    message_path = _message_path(request)
    write_atomic(message_path, note.as_bytes())
    _deliver(note, settings, message_path, dry_run)


def _keep_and_send(
    result: BriefingResult, request: BriefingRequest, settings: MailSettings, dry_run: bool
) -> None:
    """Write the briefing as -o asks, and as a message on disk, then send that message."""
    from dataclasses import replace

    from briefgen import mail
    from briefgen.pipeline import write_briefing

    message_path = _message_path(request)
    if request.output is not None and request.fmt is not OutputFormat.EML:
        write_briefing(result, replace(request, state_file=None))
    write_briefing(result, replace(request, fmt=OutputFormat.EML, output=message_path))
    _deliver(mail.read_message(message_path), settings, message_path, dry_run)


def _deliver(
    message: EmailMessage,
    settings: MailSettings,
    kept: Path,
    dry_run: bool,
    extra_to: Sequence[str] = (),
) -> None:
    from briefgen import mail

    delivery = mail.plan(message, settings, extra_to)
    if dry_run:
        typer.echo(f"briefgen: would send {delivery} (kept in {printable(kept)})", err=True)
        return
    try:
        mail.send(message, settings, delivery)
    except mail.DeliveryError as error:
        kept_in = f"; the message is kept in {printable(kept)}"
        raise mail.DeliveryError(error.message + kept_in) from None
    typer.echo(f"briefgen: sent {delivery}", err=True)


@app.command()
@_configurable
@_briefing_options
def brief(
    ctx: typer.Context,
    inputs: InputsArgument = None,
    fmt: Annotated[
        BriefFormat | None,
        typer.Option("--format", "-f", help="md, html, pdf or json  [default: from -o, else md]"),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Output file; - or none: stdout.")
    ] = None,
    *,
    shared: BriefingOptions,
    new_only: Annotated[
        bool, typer.Option("--new-only", help="Only releases no earlier --new-only run covered.")
    ] = False,
    state: Annotated[
        Path, typer.Option(dir_okay=False, help="Where --new-only keeps the releases it has seen.")
    ] = Path(".briefgen-state.json"),
    workers: WorkersOption = None,
    mail_to: Annotated[
        list[str] | None,
        typer.Option(
            "--mail-to",
            metavar="ADDR",
            help="Send the briefing by e-mail to ADDR too (repeatable; [mail] in the config).",
        ),
    ] = None,
    send: Annotated[
        bool, typer.Option("--send", help="Send the briefing to [mail] to = [...].")
    ] = False,
    attach_pdf: Annotated[
        bool, typer.Option("--attach-pdf", help="E-mail: attach the briefing as a PDF.")
    ] = False,
    send_empty: Annotated[
        bool,
        typer.Option("--send-empty", help="E-mail a short note when nothing is new."),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="E-mail: show what would be sent; send nothing.")
    ] = False,
    cache: CacheOption = None,
    offline: OfflineOption = False,
    config: ConfigOption = None,
    debug: DebugOption = False,
) -> None:
    """Build a dated briefing from release files and folders (read recursively), web pages
    and RSS/Atom feeds (their entries of the briefing day and the day before, or of
    --since/--until).

    Near-duplicate releases become one item listing every source; a sentence that repeats
    what an earlier item said is left out; items are ranked by importance to the day.

    \b
    Examples:
      briefgen brief samples/ --date 2026-11-20 -o briefing.md
      briefgen brief samples/ --date 2026-11-20 -o briefing.pdf --title "Morning brief"
      briefgen brief inbox/ --since 2026-11-19 --format json > briefing.json
      briefgen brief inbox/ --group-by topic --top 3 --new-only -o today.pdf
      briefgen brief inbox/ --new-only --mail-to head@example.org --attach-pdf
      briefgen brief https://example.org/press/rss.xml inbox/ -o today.pdf
    """
    from briefgen.fetch import fetch_options
    from briefgen.pipeline import build_briefing, write_briefing

    with _errors_to_exit_codes(debug):
        chosen = _format(fmt, output, BriefFormat, BriefFormat.MD)
        sending = send or bool(mail_to)
        settings = _mail_settings(config) if sending else None
        envelope = Envelope(
            sender=settings.sender if settings else "",
            to=(*settings.to, *(mail_to or ())) if settings else (),
            attach_pdf=attach_pdf,
            created=datetime.now().astimezone(),
        )
        if (
            chosen is BriefFormat.PDF
            and (output is None or str(output) == "-")
            and sys.stdout.isatty()
        ):
            raise UsageError("will not write a PDF to the terminal; use -o FILE.pdf")
        _check_range(_day(shared.since), _day(shared.until))
        paths, urls = _inputs(inputs or [], config)
        request = BriefingRequest(
            inputs=paths,
            urls=urls,
            fetch=fetch_options(cache, offline),
            briefing_date=_today_unless(shared.briefing_date),
            fmt=OutputFormat(chosen.value),
            output=None if output is None or str(output) == "-" else output,
            summary=shared.summary(),
            editorial=shared.editorial(),
            title=shared.title,
            since=_day(shared.since),
            until=_day(shared.until),
            template_dir=shared.template_dir,
            state_file=state if new_only else None,
            envelope=envelope,
        )
        try:
            with _progress_bar("Summarizing") as progress:
                result = build_briefing(request, progress, workers=_workers(workers))
        except NothingNewError:
            if settings is None:
                raise
            _nothing_new(request, settings, send_empty, dry_run)
            return
        if settings is None:
            write_briefing(result, request)
        else:
            _keep_and_send(result, request, settings, dry_run)
        _exit_if_some_failed(result.failures)


@app.command()
@_configurable
@_briefing_options
def batch(
    ctx: typer.Context,
    inputs: InputsArgument = None,
    *,
    outdir: Annotated[
        Path, typer.Option("--output", "-o", file_okay=False, help="Folder for the outputs.")
    ],
    fmt: Annotated[
        BriefFormat, typer.Option("--format", "-f", help="Format of every output.")
    ] = BriefFormat.PDF,
    by_date: Annotated[
        bool, typer.Option("--by-date", help="One briefing per release date, not per release.")
    ] = False,
    workers: WorkersOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Redo outputs that are newer than their input.")
    ] = False,
    shared: BriefingOptions,
    cache: CacheOption = None,
    offline: OfflineOption = False,
    config: ConfigOption = None,
    debug: DebugOption = False,
) -> None:
    """Write one document per release (OUTDIR/<name>.<ext>), or one briefing per date.

    One bad file does not stop the others: failures are listed at the end and the exit
    code says some inputs failed. Outputs newer than their input are kept as they are, so an
    interrupted run resumes; --force redoes them (also after changing options).

    \b
    Examples:
      briefgen batch samples/ -o out/                     # one PDF per release
      briefgen batch samples/ -o out/ --by-date -f md     # out/briefing-YYYY-MM-DD.md
      briefgen batch https://example.org/press/rss.xml -o out/ --since 2026-11-01
    """
    from briefgen.fetch import fetch_options
    from briefgen.pipeline import run_batch

    with _errors_to_exit_codes(debug):
        _check_range(_day(shared.since), _day(shared.until))
        paths, urls = _inputs(inputs or [], config)
        outdir.mkdir(parents=True, exist_ok=True)
        request = BatchRequest(
            inputs=paths,
            urls=urls,
            fetch=fetch_options(cache, offline),
            briefing_date=_today_unless(shared.briefing_date),
            fmt=OutputFormat(fmt.value),
            outdir=outdir,
            summary=shared.summary(),
            editorial=shared.editorial(),
            by_date=by_date,
            force=force,
            workers=_workers(workers),
            title=shared.title,
            since=_day(shared.since),
            until=_day(shared.until),
            template_dir=shared.template_dir,
        )
        with _progress_bar("Writing") as progress:
            result = run_batch(request, progress)
        skipped = f", {len(result.up_to_date)} already up to date" if result.up_to_date else ""
        typer.echo(f"briefgen: wrote {len(result.written)} file(s) to {outdir}{skipped}", err=True)
        _exit_if_some_failed(result.failures, len(result.written) + len(result.failures))


@app.command(name="eval")
def evaluate(
    data: Annotated[Path, typer.Argument(metavar="DATA.jsonl", help="Rows with references.")],
    methods: Annotated[
        list[Method] | None,
        typer.Option("--method", "-m", help="Method to score (repeatable)  [default: the default]"),
    ] = None,
    sentences: SentencesOption = 3,
    words: WordsOption = None,
    language: LanguageOption = Language.AUTO,
    limit: Annotated[int | None, typer.Option(min=1, help="Score only the first N rows.")] = None,
    briefing: Annotated[
        bool,
        typer.Option(
            "--briefing",
            help="Also score the briefing of each row's documents (one day's releases), "
            "and the first sentences of each document in turn.",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    predictions: Annotated[
        Path | None, typer.Option(help="Write each summary here as a JSON line.")
    ] = None,
    fail_below_lead: Annotated[
        bool,
        typer.Option(
            "--fail-below-lead",
            help="Exit 1 if a method's mean ROUGE-1 is below lead's (paired, same sentences).",
        ),
    ] = False,
    require: Annotated[
        list[str] | None,
        typer.Option(
            "--require",
            help="On editor labels: exit 1 unless each method meets FIGURE>=N or FIGURE<=N "
            "(news_precision, junk_rate, pick_agreement, top_pick_recall, sentences; on an "
            "editor's days: top3_recall, top1_hit, distinct_at_3, items_per_story).",
        ),
    ] = None,
    watch: WatchOption = None,
    debug: DebugOption = False,
) -> None:
    """Score methods with ROUGE-1/2/Lsum against reference summaries, always next to lead.

    Rows are JSON lines: {"id", "text", "summary"} (or "summary_sentences", or several
    "references"), or {"id", "documents": [...], "summary"} for a cluster of releases.

    \b
    Examples:
      briefgen eval ../shared/data/cnndm/cnndm_test_dev250.jsonl -m lexrank -m lsa
      briefgen eval data.jsonl --words 60 --json --predictions predictions.jsonl
      briefgen eval ../shared/data/multinews/multinews_dev.jsonl --words 300 -m lexrank --briefing
      briefgen eval ../shared/data/cnndm/cnndm_test_dev250.jsonl --fail-below-lead   (CI)
    """
    from briefgen import evaluate as scoring
    from briefgen.output import refuse_overwriting_inputs, write_atomic

    with _errors_to_exit_codes(debug):
        refuse_overwriting_inputs(predictions, [data])
        options = _options(DEFAULT_METHOD, sentences, None, words, language)
        if scoring.is_days_file(data):
            _evaluate_days(data, options, limit, as_json, watch or [], require or [])
            return
        if scoring.is_editor_file(data):
            _evaluate_editor(data, methods, options, limit, as_json, predictions, require or [])
            return
        if require:
            raise UsageError("--require applies to files with editor labels (picks, news, junk)")
        rows = scoring.read_rows(data, limit)
        chosen = [m for m in (methods or [DEFAULT_METHOD]) if m is not Method.LEAD]
        with _progress_bar("Scoring") as progress:
            runs = scoring.run(rows, chosen, options, progress, briefing=briefing)
        record = scoring.report(runs)
        if predictions:
            write_atomic(predictions, scoring.predictions_jsonl(rows, runs))
        if as_json:
            typer.echo(json.dumps(record, indent=2))
        else:
            for line in scoring.format_report(record):
                typer.echo(line)
        below = scoring.below_lead(record) if fail_below_lead else []
        if below:
            raise QualityGateError(f"ROUGE-1 below lead: {', '.join(below)}", data)


def _evaluate_editor(
    data: Path,
    methods: list[Method] | None,
    options: SummaryOptions,
    limit: int | None,
    as_json: bool,
    predictions: Path | None,
    require: list[str],
) -> None:
    """``eval`` on editor labels: news precision, junk rate, pick agreement, top-pick
    recall, overall and by kind of release, next to lead."""
    from briefgen import evaluate as scoring
    from briefgen.output import write_atomic

    requirements = [scoring.parse_requirement(text) for text in require]
    rows = scoring.read_editor_rows(data, limit)
    with _progress_bar("Scoring") as progress:
        runs = scoring.run_editor(rows, methods or [DEFAULT_METHOD], options, progress)
    record = scoring.editor_report(rows, runs)
    if predictions:
        write_atomic(predictions, scoring.editor_predictions_jsonl(rows, runs))
    if as_json:
        typer.echo(json.dumps(record, indent=2))
    else:
        for line in scoring.format_editor_report(record):
            typer.echo(line)
    unmet = scoring.unmet(record, requirements)
    if unmet:
        raise QualityGateError(f"requirement not met: {', '.join(unmet)}", data)


def _evaluate_days(
    data: Path,
    options: SummaryOptions,
    limit: int | None,
    as_json: bool,
    watch: list[str],
    require: list[str],
) -> None:
    """``eval`` on an editor's days: is the top of each day's briefing what the editor put
    on top? The default briefing, newest first, and with the watch-list if given."""
    from briefgen import evaluate as scoring

    requirements = [scoring.parse_requirement(text, scoring.DAY_FIGURES) for text in require]
    days = scoring.read_days(data, limit)
    settings = {"default": Editorial(), "--order date": Editorial(order=Order.DATE)}
    if watch:
        settings["--watch"] = Editorial(watch=tuple(watch))
    record = scoring.days_report(scoring.run_days(days, options, settings))
    if as_json:
        typer.echo(json.dumps(record, indent=2))
    else:
        for line in scoring.format_days_report(record):
            typer.echo(line)
    checked = {
        "--watch" if watch else "default": record["settings"]["--watch" if watch else "default"]
    }
    unmet = scoring.unmet_days(checked, requirements)
    if unmet:
        raise QualityGateError(f"requirement not met: {', '.join(unmet)}", data)


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(file_okay=False, help="Where to write.")] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
    debug: DebugOption = False,
) -> None:
    """Write a starter briefgen.toml and a copy of the templates (FOLDER/templates/).

    \b
    Example:
      briefgen init && briefgen brief inbox/ --template-dir templates
    """
    from briefgen.output import write_atomic
    from briefgen.rendering import export_templates
    from briefgen.settings import CONFIG_NAME, STARTER

    with _errors_to_exit_codes(debug):
        folder.mkdir(parents=True, exist_ok=True)
        config = folder / CONFIG_NAME
        if config.exists() and not force:
            raise UsageError(f"{config} exists; use --force to overwrite")
        copied = export_templates(folder / "templates", force=force)
        write_atomic(config, STARTER)
        typer.echo(
            f"briefgen: wrote {config} and {len(copied)} templates in {folder / 'templates'}",
            err=True,
        )


templates_app = typer.Typer(
    help="Copy the default templates, or check edited ones.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(templates_app, name="templates")


@templates_app.command("export")
def templates_export(
    folder: Annotated[Path, typer.Argument(file_okay=False, help="Where to copy them.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
    debug: DebugOption = False,
) -> None:
    """Copy the default templates into FOLDER, to edit and use with --template-dir.

    \b
    Example:
      briefgen templates export my-templates/
    """
    from briefgen.rendering import export_templates

    with _errors_to_exit_codes(debug):
        copied = export_templates(folder, force=force)
        typer.echo(f"briefgen: copied {len(copied)} templates to {folder}", err=True)


@templates_app.command("check")
def templates_check(
    folder: Annotated[
        Path, typer.Argument(file_okay=False, exists=True, help="Templates to check.")
    ],
    debug: DebugOption = False,
) -> None:
    """Render every template in FOLDER with sample data; report errors as file:line.

    Undefined variables count as errors, so a misspelt field is caught here.

    \b
    Example:
      briefgen templates check my-templates/
    """
    from briefgen.rendering import check_templates

    with _errors_to_exit_codes(debug):
        problems = check_templates(folder)
        for problem in problems:
            typer.echo(problem, err=True)
        if problems:
            raise typer.Exit(int(ExitCode.ERROR))
        typer.echo(f"briefgen: templates in {folder} render without errors", err=True)


@app.command(name="send")
def send_message(
    message: Annotated[
        Path, typer.Argument(metavar="MESSAGE.eml", help="A message written by brief -f eml.")
    ],
    to: Annotated[
        list[str] | None,
        typer.Option("--to", metavar="ADDR", help="Send to ADDR too (repeatable)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be sent; send nothing.")
    ] = False,
    config: ConfigOption = None,
    debug: DebugOption = False,
) -> None:
    """Send a briefing saved as an e-mail message, by SMTP ([mail] in briefgen.toml).

    Recipients: [mail] to, the message's To header and --to. A failure (login refused,
    server unreachable, recipient refused) is one line and exit 1; the file stays.

    \b
    Examples:
      briefgen brief inbox/ --date 2026-11-20 -o briefing.eml --attach-pdf
      briefgen send briefing.eml --to head@example.org
    """
    from briefgen import mail

    with _errors_to_exit_codes(debug):
        settings = _mail_settings(config)
        _deliver(mail.read_message(message), settings, message, dry_run, extra_to=to or ())


@app.command()
def doctor(
    state: Annotated[
        Path, typer.Option(dir_okay=False, help="The state file --new-only would use.")
    ] = Path(".briefgen-state.json"),
    debug: DebugOption = False,
) -> None:
    """Check that this machine can make every output: the PDF engine, font subsetting, the
    fonts for Latin, Cyrillic and Kazakh, the templates, the state and cache folders.

    Each problem is printed with what to install; the exit code is 1 if there is any.
    """
    from briefgen.doctor import run_checks

    with _errors_to_exit_codes(debug):
        checks = run_checks(state)
        for check in checks:
            if check.problem is None:
                typer.echo(f"ok       {check.name}: {check.detail}")
            else:
                fix = f" — {check.detail}" if check.detail else ""
                typer.echo(f"PROBLEM  {check.name}: {check.problem}{fix}")
        if any(check.problem for check in checks):
            raise typer.Exit(int(ExitCode.ERROR))


scale_app = typer.Typer(
    help="The same summaries and briefings on a Dask cluster, from JSONL or Parquet records "
    "(pip install 'briefgen[dask]').",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(scale_app, name="scale")

SchedulerOption = Annotated[
    str | None,
    typer.Option(help="Address of a running Dask scheduler  [default: a local cluster]"),
]
ScaleWorkersOption = Annotated[
    int | None, typer.Option(min=1, help="Worker processes of the local cluster  [default: 2]")
]
RecordsArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="INPUT...",
        help="JSONL(.gz) or Parquet files, folders or globs of records (id, text; optional "
        "title, date, site, url, language), local or s3://, gs://, ...",
    ),
]


@contextmanager
def _dask_client(scheduler: str | None, workers: int | None) -> Iterator[Any]:
    import importlib.util

    from briefgen.scale import start_client

    with start_client(scheduler, workers) as client:
        # A local cluster serves its dashboard only where bokeh is installed.
        served = scheduler is not None or importlib.util.find_spec("bokeh") is not None
        link = getattr(client, "dashboard_link", None) if served else None
        if link:
            typer.echo(f"briefgen: Dask dashboard at {link}", err=True)
        yield client


def _dask_progress() -> Callable[[Any], None] | None:
    if not sys.stderr.isatty():
        return None
    from distributed import progress

    return lambda futures: progress(futures)


@scale_app.command("summarize")
def scale_summarize(
    inputs: RecordsArgument,
    outdir: Annotated[str, typer.Option("--output", "-o", help="Output folder (or URL).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl or parquet.")] = "jsonl",
    scheduler: SchedulerOption = None,
    workers: ScaleWorkersOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Redo partitions whose output exists.")
    ] = False,
    briefing_date: DateOption = None,
    method: MethodOption = DEFAULT_METHOD,
    sentences: SentencesOption = 3,
    ratio: RatioOption = None,
    words: WordsOption = None,
    language: LanguageOption = Language.AUTO,
    debug: DebugOption = False,
) -> None:
    """Summarize every record, one output file per input file, keyed by id.

    A record that fails becomes a row with an "error"; a rerun skips partitions whose
    output exists (--force redoes them).

    \b
    Examples:
      briefgen scale summarize archive/*.jsonl.gz -o summaries/ --workers 8
      briefgen scale summarize s3://bucket/releases/ -o s3://bucket/summaries/ \\
          --format parquet --scheduler tcp://scheduler:8786
    """
    from briefgen.scale import scale_summarize as run

    with _errors_to_exit_codes(debug):
        options = _options(method, sentences, ratio, words, language)
        day = _today_unless(briefing_date)
        with _dask_client(scheduler, workers) as client:
            result = run(
                inputs,
                outdir,
                fmt=fmt,
                options=options,
                date=day,
                force=force,
                client=client,
                progress=_dask_progress(),
            )
        skipped = f", {len(result.skipped)} already there" if result.skipped else ""
        typer.echo(
            f"briefgen: {result.records} record(s) in {len(result.written)} file(s) written "
            f"to {outdir}{skipped}",
            err=True,
        )
        _exit_if_some_failed(result.failures)


@scale_app.command("brief")
def scale_brief(
    inputs: RecordsArgument,
    outdir: Annotated[str, typer.Option("--output", "-o", help="Output folder (or URL).")],
    group_by: Annotated[
        str, typer.Option("--group-by", help="One briefing per date, site, or date,site.")
    ] = "date",
    fmt: Annotated[
        BriefFormat, typer.Option("--format", "-f", help="md, html, pdf or json.")
    ] = BriefFormat.MD,
    max_per_briefing: Annotated[
        int | None, typer.Option(min=1, help="Keep the N most important stories of each.")
    ] = None,
    scheduler: SchedulerOption = None,
    workers: ScaleWorkersOption = None,
    briefing_date: DateOption = None,
    title: TitleOption = None,
    method: MethodOption = DEFAULT_METHOD,
    sentences: SentencesOption = 3,
    ratio: RatioOption = None,
    words: WordsOption = None,
    language: LanguageOption = Language.AUTO,
    watch: WatchOption = None,
    debug: DebugOption = False,
) -> None:
    """One briefing per group of records (by date, site or both), built on the workers;
    each equal to what brief gives for that group's releases.

    \b
    Example:
      briefgen scale brief archive/2026-*.jsonl.gz -o briefings/ --group-by date,site
    """
    from briefgen.scale import scale_brief as run

    with _errors_to_exit_codes(debug):
        options = _options(method, sentences, ratio, words, language)
        day = _today_unless(briefing_date)
        keys = [key.strip() for key in group_by.split(",") if key.strip()]
        with _dask_client(scheduler, workers) as client:
            result = run(
                inputs,
                outdir,
                group_by=keys,
                fmt=OutputFormat(fmt.value),
                options=options,
                editorial=Editorial(watch=tuple(watch or ())),
                date=day,
                title=title,
                max_items=max_per_briefing,
                client=client,
                progress=_dask_progress(),
            )
        typer.echo(f"briefgen: wrote {len(result.written)} briefing(s) to {outdir}", err=True)
        _exit_if_some_failed(result.failures)


def main() -> None:
    """Console entry point: SIGTERM ends a run as Ctrl-C does (workers stopped, no
    temporary file left; exit 143)."""
    import signal

    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, raise_terminated)
    app()
