"""Options from a ``briefgen.toml`` file: keys named like the long options.

    sentences = 2
    method = "lexrank"
    group_by = "topic"

The command line overrides the file. The CLI checks each key against the command's options.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from briefgen.errors import UsageError

CONFIG_NAME = "briefgen.toml"

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


def find_config(given: Path | None, folder: Path) -> Path | None:
    """``--config FILE`` when given, else ``briefgen.toml`` in ``folder`` if there is one."""
    if given is not None:
        return given
    default = folder / CONFIG_NAME
    return default if default.is_file() else None


TABLES = ("mail",)  # [mail]: how briefings are sent (briefgen.mail)
SOURCES = "sources"  # what ``brief`` reads when no INPUT is given


def read_sources(path: Path) -> list[str]:
    """The file's ``sources``: feeds, pages, files and folders; a relative path is taken
    from the file's own folder."""
    from briefgen.fetch import is_web_address

    sources = _load(path).get(SOURCES, [])
    if not isinstance(sources, list) or not all(isinstance(s, str) and s for s in sources):
        raise UsageError("sources must be a list of addresses, files and folders", path)
    folder = path.parent
    return [s if is_web_address(s) or Path(s).is_absolute() else str(folder / s) for s in sources]


def read_table(path: Path, name: str) -> dict[str, Any]:
    """The table ``[name]`` of the file (empty when it has none)."""
    table = _load(path).get(name, {})
    if not isinstance(table, dict):
        raise UsageError(f"{name!r} must be a table: [{name}]", path)
    return table


def read_settings(path: Path) -> dict[str, Any]:
    """The file's keys (``group-by`` and ``group_by`` alike) and values."""
    data = _load(path)
    settings: dict[str, Any] = {}
    for key, value in data.items():
        if key in TABLES or key == SOURCES:
            continue  # read where it is used (``read_table``, ``read_sources``)
        if isinstance(value, dict):
            raise UsageError(f"key {key!r}: tables are not used; write options at the top", path)
        if isinstance(value, (date, datetime, time)):
            value = value.isoformat()  # since = 2026-11-01 written as a TOML date
        settings[key.replace("-", "_")] = value
    return settings


def _load(path: Path) -> dict[str, Any]:
    if path.exists() and not path.is_file():
        raise UsageError("the configuration is not a regular file", path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise UsageError("not UTF-8 text; save the configuration as UTF-8", path) from None
    except OSError as error:
        raise UsageError(
            f"cannot read the configuration ({error.strerror or error})", path
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"invalid TOML: {error}", path) from None
    return dict(data)


STARTER = """\
# briefgen configuration: any long option of brief, batch or summarize, as a key.
# The command line overrides what is set here. Uncomment and edit what you need.

# method = "newslead"      # newslead, lead, lexrank, textrank, lsa, luhn, kl, sumbasic,
                           # edmundson, reduction
# sentences = 3            # sentences per summary
# words = 80               # or: a word budget per summary
# language = "auto"        # auto, en, ru, kk
# title = "Daily briefing"
# group_by = "none"        # none, source, topic, date
# order = "importance"     # importance, date
# top = 3                  # the most important stories first
# explain = false
# template_dir = "templates"
# watch = ["Russia", "NATO"]  # stories about these rise, the words highlighted
# sources = ["https://example.org/press/rss.xml", "inbox/"]  # brief without INPUT reads these
# cache = "cache"          # fetched pages, kept between runs [default: the user's cache]

# [mail]                   # brief --send / --mail-to ADDR, briefgen send FILE.eml
# host = "smtp.example.org"
# port = 587
# security = "starttls"    # starttls, tls, none (none: this machine only)
# user = "desk@example.org"
# password_env = "BRIEFGEN_SMTP_PASSWORD"   # or password_file = "/run/secrets/smtp"
# from = "Morning briefing <desk@example.org>"
# to = ["head@example.org"]
"""
