"""Render a ``Briefing`` through Jinja2 templates to text, Markdown, HTML, JSON or PDF.

Release text is untrusted: HTML templates are autoescaped, Markdown output escapes
Markdown and HTML syntax, and the PDF engine may load nothing but files from the
template folders (no network, no other local file).
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from briefgen.config import Envelope, OutputFormat
from briefgen.errors import OutputError, RenderError
from briefgen.ingest import web_address
from briefgen.models import Briefing, Document, Facts, Item, Section, Summary

# The PDF is the HTML page printed; text exists only for a single release.
_TEMPLATE_SUFFIX = {
    OutputFormat.TEXT: "txt",
    OutputFormat.MD: "md",
    OutputFormat.HTML: "html",
    OutputFormat.PDF: "html",
}


def template_name(fmt: OutputFormat, *, single: bool) -> str:
    """ "briefing.md.j2" for a briefing, "release.md.j2" for one release's summary."""
    return f"{'release' if single else 'briefing'}.{_TEMPLATE_SUFFIX[fmt]}.j2"


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def default_template_dir() -> Path:
    """Templates inside the installed wheel, or the top-level folder of a source checkout."""
    packaged = Path(__file__).parent / "templates"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "templates"


def long_date(value: date | None) -> str:
    """ "7 September 2023", the same whatever the machine's locale."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}" if value else "undated"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def markdown_escape(text: object) -> str:
    """Escape Markdown and inline HTML so release text renders as the words it is."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def markdown_url(url: object) -> str:
    """An http(s) address fit for ``<...>`` in a Markdown link (no angle brackets or
    spaces, which would end it); anything else becomes empty."""
    return web_address(url).replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")


def _watch_parts(text: str, terms: Sequence[str]) -> list[tuple[str, bool]]:
    """``text`` cut into (part, is a watch-list term) pieces."""
    from briefgen.stories import watch_pattern

    pattern = watch_pattern(terms)
    if pattern is None:
        return [(text, False)]
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in pattern.finditer(text):
        parts.append((text[position : match.start()], False))
        parts.append((match.group(), True))
        position = match.end()
    parts.append((text[position:], False))
    return [(part, hit) for part, hit in parts if part]


def html_highlight(text: object, terms: Sequence[str] = ()) -> Markup:
    """Release text escaped, with the watch-list terms in ``<mark>``."""
    return Markup("").join(
        Markup("<mark>{}</mark>").format(part) if hit else escape(part)
        for part, hit in _watch_parts(str(text), terms)
    )


def markdown_highlight(text: object, terms: Sequence[str] = ()) -> str:
    """Release text Markdown-escaped, with the watch-list terms in bold."""
    return "".join(
        f"**{markdown_escape(part)}**" if hit else markdown_escape(part)
        for part, hit in _watch_parts(str(text), terms)
    )


def _autoescape(name: str | None) -> bool:
    return name is not None and name.endswith((".html.j2", ".html"))


class ContainedLoader(jinja2.FileSystemLoader):
    """Templates from the given folders only: a link that leads out of its folder is
    refused (a received folder could otherwise point a template at any file)."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(os.path.realpath(filename))
        for folder in self.searchpath:
            if os.path.abspath(filename).startswith(os.path.abspath(folder) + os.sep):
                if not real.is_relative_to(os.path.realpath(folder)):
                    raise RenderError(f"template {template} links outside its folder {folder}")
                break
        return source, filename, uptodate


def template_environment(template_dir: Path | None = None) -> jinja2.Environment:
    """Templates from ``template_dir`` first (file by file), then the defaults.

    Sandboxed: a template (which may come from a folder named in a received
    ``briefgen.toml``) can show data but not call into Python."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    folders = [str(template_dir)] if template_dir else []
    folders.append(str(default_template_dir()))
    environment = ImmutableSandboxedEnvironment(
        loader=ContainedLoader(folders),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    environment.filters["long_date"] = long_date
    environment.filters["md"] = markdown_escape
    environment.filters["md_url"] = markdown_url
    environment.filters["web_url"] = web_address  # a link never takes another scheme
    environment.filters["highlight"] = html_highlight
    environment.filters["md_highlight"] = markdown_highlight
    return environment


def render_template(
    briefing: Briefing, fmt: OutputFormat, environment: jinja2.Environment, *, single: bool = False
) -> str:
    """The briefing rendered through the template for ``fmt`` (text, md or html)."""
    return render_named(template_name(fmt, single=single), briefing, environment)


def render_named(name: str, briefing: Briefing, environment: jinja2.Environment) -> str:
    """The briefing rendered through the template ``name``; errors name the template."""
    try:
        return environment.get_template(name).render(briefing=briefing)
    except jinja2.TemplateNotFound as error:
        raise RenderError(f"template not found: {error.name}") from None
    except jinja2.TemplateError as error:
        raise RenderError(f"template error in {_template_location(error, name)}: {error}") from None


def _template_location(error: jinja2.TemplateError, name: str) -> str:
    """ "file:line" of a template error: syntax errors carry it, render errors carry it in
    the traceback Jinja2 rewrites to point at template lines."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{error.filename or error.name or name}:{error.lineno}"
    location = name
    traceback = error.__traceback__
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or filename.endswith((".html", ".css")):
            location = f"{filename}:{traceback.tb_lineno}"
        traceback = traceback.tb_next
    return location


def summary_record(item: Item) -> dict[str, Any]:
    """The JSON object for one summarized release or story."""
    document = item.document
    record: dict[str, Any] = {
        "source": document.source,
        "title": document.title,
        "date": document.date.isoformat() if document.date else None,
        "time": document.time or None,
        "site": document.site or None,
        "url": document.url or None,
        "language": document.language,
        "method": item.method,
        "summary": list(item.sentences),
        "sources": list(item.sources),
        "title_source": document.title_source,
        "date_source": document.date_source,
        "words": {"release": document.word_count, "summary": item.summary.word_count},
        "facts": {"countries": list(item.facts.countries), "names": list(item.facts.names)},
        "watch": list(item.watch),
        "updated": item.updated or None,
        "updates": list(item.updates),
        "other_versions": list(item.other_versions),
        "related": list(item.related),
        "carried_by": list(item.carried_by),
    }
    if item.explain:
        record["explain"] = explanation(item)
    return record


def explanation(item: Item) -> dict[str, Any]:
    """What lies behind an item: sentence scores, removed lines, where metadata came from."""
    chosen = set(item.sentences)
    return {
        "scores": [
            {
                "sentence": sentence,
                "score": round(score, 6) if math.isfinite(score) else None,  # JSON has no NaN
                "chosen": sentence in chosen,
            }
            for sentence, score in item.summary.scores
        ],
        "removed_lines": list(item.document.removed_lines),
        "title_source": item.document.title_source,
        "date_source": item.document.date_source,
        "importance": round(item.importance, 6),
        "watch_weight": item.watch_weight,
        "rank": round(item.rank, 6),
        "weighed_by": list(item.weighed_by),
        "notes": list(item.summary.notes),
    }


def briefing_record(briefing: Briefing) -> dict[str, Any]:
    items = []
    for section in briefing.sections:
        for item in section.items:
            items.append({**summary_record(item), "section": section.title or None})
    return {
        "title": briefing.title,
        "date": briefing.date.isoformat(),
        "overview": list(briefing.overview),
        "items": items,
    }


def to_json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def render(
    briefing: Briefing,
    fmt: OutputFormat,
    environment: jinja2.Environment,
    template_dir: Path | None = None,
    *,
    single: bool = False,
    envelope: Envelope | None = None,
) -> str | bytes:
    """The briefing as ``fmt``: str for text formats, bytes for PDF and e-mail (EML, with
    the addresses and date of ``envelope``).

    With ``single``, the briefing holds one release and renders as that release's summary.
    """
    if fmt is OutputFormat.EML:
        from briefgen.mail import briefing_message

        message = briefing_message(briefing, environment, envelope or Envelope(), template_dir)
        return message.as_bytes()
    if fmt is OutputFormat.JSON:
        if single:
            return to_json(summary_record(briefing.items[0]))
        return to_json(briefing_record(briefing))
    html_or_text = render_template(briefing, fmt, environment, single=single)
    if fmt is OutputFormat.PDF:
        return html_to_pdf(html_or_text, template_dir)
    return html_or_text


# --- PDF -----------------------------------------------------------------------------

ASSET_SUFFIXES = (
    ".css",
    ".png",
    ".jpg",
    ".jpeg",
    ".svg",
    ".gif",
    ".ttf",
    ".otf",
    ".woff",
    ".woff2",
)


def asset_roots(template_dir: Path | None) -> list[Path]:
    roots = [default_template_dir().resolve()]
    if template_dir:
        roots.insert(0, template_dir.resolve())
    return roots


def _project_only_fetcher(roots: list[Path]) -> Any:
    """A WeasyPrint (70+) URL fetcher that serves template-folder assets and refuses
    everything else: no http(s), no file outside the template folders, no data: URLs."""
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ProjectOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            parts = urlsplit(url)
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                raise ValueError(f"blocked: briefgen loads no external resource ({url[:80]})")
            path = Path(unquote(parts.path)).resolve()
            inside = any(path.is_relative_to(root) for root in roots)
            if not inside or path.suffix.lower() not in ASSET_SUFFIXES or not path.is_file():
                raise ValueError(f"blocked: not a template asset ({url[:80]})")
            return URLFetcherResponse(path.as_uri(), path.read_bytes())

    return ProjectOnlyFetcher(allowed_protocols={"file"}, allow_redirects=False)


def html_to_pdf(html: str, template_dir: Path | None = None) -> bytes:
    """PDF bytes for ``html``; relative URLs resolve in the template folder."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        raise RenderError(
            "PDF output needs WeasyPrint and its system libraries (Debian: libpango-1.0-0 "
            f"libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core): {error}"
        ) from None
    roots = asset_roots(template_dir)
    document = weasyprint.HTML(
        string=html, base_url=roots[0].as_uri() + "/", url_fetcher=_project_only_fetcher(roots)
    )
    pdf = document.write_pdf()
    if not isinstance(pdf, bytes):
        raise RenderError("the PDF engine returned no document")
    return pdf


# --- template maintenance: export, check ---------------------------------------------


def export_templates(folder: Path, *, force: bool = False) -> list[Path]:
    """Copy the default templates into ``folder``; existing files only with ``force``."""
    from briefgen.output import write_atomic

    sources = sorted(p for p in default_template_dir().iterdir() if p.is_file())
    clashes = [folder / p.name for p in sources if (folder / p.name).exists()]
    if clashes and not force:
        raise OutputError(f"{clashes[0].name} exists; use --force to overwrite", folder)
    folder.mkdir(parents=True, exist_ok=True)
    for source in sources:
        write_atomic(folder / source.name, source.read_bytes())
    return [folder / p.name for p in sources]


def sample_briefing(*, single: bool = False) -> Briefing:
    """A briefing that uses every field templates may show, to check templates against."""
    document = Document(
        source="inbox/release.txt",
        title="Ministers agree on a water roadmap",
        language="en",
        paragraphs=("Ministers agreed on a roadmap. The plan covers five countries.",),
        date=date(2026, 11, 20),
        title_source="first-line",
        date_source="text",
        removed_lines=("Tell a friend",),
        site="Example Wire",
    )
    summary = Summary(
        document,
        "lead",
        ("Ministers agreed on a roadmap.",),
        (("Ministers agreed on a roadmap.", 1.0), ("The plan covers five countries.", 0.5)),
    )
    item = Item(
        summary,
        (document.source, "inbox/copy.txt"),
        importance=0.5,
        topic="water",
        facts=Facts(("Kazakhstan",), ("Syr Darya",)),
        explain=True,
        watch=("Kazakhstan",),
        watch_weight=1.0,
        carried_by=("Another Wire",),
        weighed_by=("centrality 0.120", "releases 2", "watch Kazakhstan 1.00"),
    )
    if single:
        return Briefing(document.title, date(2026, 11, 20), (Section("", (item,)),))
    sections = (Section("Top stories", (item,)), Section("More stories", (item, item, item)))
    return Briefing("Daily briefing", date(2026, 11, 20), sections)


def check_templates(folder: Path) -> list[str]:
    """Render every template in ``folder`` with undefined names as errors; "file:line:
    message" for each problem (an empty list when all render)."""
    environment = template_environment(folder)
    problems = []
    names = sorted(p.name for p in folder.glob("*.j2"))
    if not names:
        return [f"{folder}: no templates (*.j2) here"]
    for name in names:
        try:
            environment.get_template(name).render(
                briefing=sample_briefing(single=name.startswith("release."))
            )
        except jinja2.TemplateError as error:
            problems.append(f"{_template_location(error, str(folder / name))}: {error}")
    return problems
