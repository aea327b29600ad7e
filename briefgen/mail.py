"""Deliver a briefing by e-mail: a standard MIME message built from the templates, and
sending it by SMTP with the ``[mail]`` settings of ``briefgen.toml``.

    [mail]
    host = "smtp.example.org"
    port = 587
    security = "starttls"          # "starttls" (default), "tls" or "none"
    user = "desk@example.org"
    password_env = "BRIEFGEN_SMTP_PASSWORD"   # or password_file = "/run/secrets/smtp"
    from = "Morning briefing <desk@example.org>"
    to = ["head@example.org", "analysts@example.org"]

The message: multipart/alternative with a text/plain part (the Markdown briefing, which
reads as plain text) and a text/html part (the HTML briefing with its CSS inlined, since
mail clients drop style sheets; no scripts, nothing loaded from anywhere); with a PDF,
multipart/mixed around them. The password is never printed or logged.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, getaddresses
from pathlib import Path
from typing import Any

import jinja2

from briefgen.config import Envelope, OutputFormat
from briefgen.errors import BriefgenError, UsageError
from briefgen.models import Briefing

SECURITY = ("starttls", "tls", "none")
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}
TIMEOUT_SECONDS = 30


class DeliveryError(BriefgenError):
    """The message could not be sent (it stays on disk)."""


@dataclass(frozen=True)
class MailSettings:
    host: str = "localhost"
    port: int | None = None  # None: the usual port of ``security``
    security: str = "starttls"
    user: str = ""
    password_env: str = ""  # the name of an environment variable holding the password
    password_file: Path | None = None
    sender: str = ""  # "from" in the file
    to: tuple[str, ...] = ()
    cafile: Path | None = None  # a CA bundle to trust besides the system's (a company CA)
    allow_insecure: bool = False  # security = "none" to a host that is not this machine

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port or DEFAULT_PORTS[self.security]}"

    def password(self) -> str | None:
        if self.password_env:
            value = os.environ.get(self.password_env)
            if value is None:
                raise UsageError(f"[mail] password_env: ${self.password_env} is not set")
            return value
        if self.password_file is not None:
            try:
                return self.password_file.read_text(encoding="utf-8").strip()
            except OSError as error:
                raise UsageError(
                    f"[mail] password_file: cannot read it ({error.strerror or error})",
                    self.password_file,
                ) from None
        return None


_KEYS = {
    "host": str,
    "port": int,
    "security": str,
    "user": str,
    "password_env": str,
    "password_file": str,
    "from": str,
    "to": list,
    "cafile": str,
    "allow_insecure": bool,
}


def mail_settings(table: dict[str, Any], where: Path | None = None) -> MailSettings:
    """The ``[mail]`` table, checked: unknown keys and wrong types are one-line errors."""
    for key, value in table.items():
        expected = _KEYS.get(key)
        if expected is None:
            known = ", ".join(_KEYS)
            raise UsageError(f"[mail] unknown key {key!r} (known: {known})", where)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise UsageError(f"[mail] {key} must be {expected.__name__}", where)
    security = table.get("security", "starttls")
    if security not in SECURITY:
        raise UsageError(f"[mail] security must be one of {', '.join(SECURITY)}", where)
    recipients = table.get("to", [])
    if not all(isinstance(address, str) for address in recipients):
        raise UsageError("[mail] to must be a list of addresses", where)
    base = where.parent if where else Path()

    def path(key: str) -> Path | None:
        return base / table[key] if table.get(key) else None

    return MailSettings(
        host=table.get("host", "localhost"),
        port=table.get("port"),
        security=security,
        user=table.get("user", ""),
        password_env=table.get("password_env", ""),
        password_file=path("password_file"),
        sender=table.get("from", ""),
        to=tuple(recipients),
        cafile=path("cafile"),
        allow_insecure=table.get("allow_insecure", False),
    )


# --- the message ----------------------------------------------------------------------


def inline_css(html: str) -> str:
    """The page's style sheet moved into style attributes (what mail clients keep);
    nothing fetched, at-rules (page size, print) dropped."""
    import css_inline

    inliner = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)
    return str(inliner.inline(html))


def _addressed(subject: str, envelope: Envelope) -> EmailMessage:
    """A message with its Subject, From, To and Date headers, and no body yet."""
    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = subject
    if envelope.sender:
        message["From"] = envelope.sender
    if envelope.to:
        message["To"] = ", ".join(envelope.to)
    message["Date"] = format_datetime(envelope.created)
    return message


def briefing_message(
    briefing: Briefing,
    environment: jinja2.Environment,
    envelope: Envelope,
    template_dir: Path | None = None,
) -> EmailMessage:
    """The briefing as an e-mail ready to send."""
    from briefgen.rendering import html_to_pdf, render_named, render_template

    text = str(render_template(briefing, OutputFormat.MD, environment))
    page = str(render_template(briefing, OutputFormat.HTML, environment))
    subject = render_named("subject.txt.j2", briefing, environment)
    message = _addressed(" ".join(subject.split()), envelope)
    message["MIME-Version"] = "1.0"
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(inline_css(page), subtype="html", charset="utf-8", cte="base64")
    if envelope.attach_pdf:
        pdf = html_to_pdf(page, template_dir)
        message.add_attachment(
            pdf,
            maintype="application",
            subtype="pdf",
            filename=f"briefing-{briefing.date.isoformat()}.pdf",
        )
    # One id and boundaries per content and time, not random: the same briefing rebuilt
    # gives the same bytes.
    digest = hashlib.sha256(text.encode() + envelope.created.isoformat().encode()).hexdigest()
    message["Message-ID"] = f"<{digest[:32]}@briefgen.invalid>"
    for number, part in enumerate(p for p in message.walk() if p.is_multipart()):
        part.set_boundary(f"=_briefgen_{digest[:24]}_{number}")
    return message


def empty_message(title: str, day: str, envelope: Envelope) -> EmailMessage:
    """The short note of a morning with nothing new (``--send-empty``)."""
    message = _addressed(f"{title} — {day}: no new releases", envelope)
    message.set_content(f"No new releases since the last briefing ({day}).\n", charset="utf-8")
    return message


def read_message(path: Path) -> EmailMessage:
    """A message saved by ``brief --format eml`` (or any .eml file)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read the message ({error.strerror or error})", path) from None
    message = BytesParser(policy=policy.SMTP).parsebytes(data)
    if not isinstance(message, EmailMessage) or not message["Subject"]:
        raise UsageError("not an e-mail message (no Subject header)", path)
    return message


# --- sending --------------------------------------------------------------------------


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Delivery:
    subject: str
    sender: str
    recipients: tuple[str, ...]
    address: str
    security: str

    def __str__(self) -> str:
        return (
            f"{self.subject!r} from {self.sender} to {', '.join(self.recipients)} "
            f"via {self.address} ({self.security})"
        )


def plan(message: EmailMessage, settings: MailSettings, extra_to: Sequence[str] = ()) -> Delivery:
    """Who the message goes to and how, checked before any connection is made."""
    headers = [str(value) for value in message.get_all("To", [])]
    recipients = tuple(
        dict.fromkeys(
            address for _, address in getaddresses([*settings.to, *extra_to, *headers]) if address
        )
    )
    if not recipients:
        raise UsageError("no recipient: give --mail-to ADDR or [mail] to = [...]")
    sender = settings.sender or str(message.get("From", "") or "")
    if not sender:
        raise UsageError('no sender: set [mail] from = "desk@example.org"')
    if (
        settings.security == "none"
        and not _is_loopback(settings.host)
        and not (settings.allow_insecure)
    ):
        raise UsageError(
            f'will not send unencrypted to {settings.host}; use security = "starttls" or '
            '"tls" (or allow_insecure = true for a trusted network)'
        )
    return Delivery(
        " ".join(str(message["Subject"]).split()),
        sender,
        recipients,
        settings.address,
        settings.security,
    )


def send(message: EmailMessage, settings: MailSettings, delivery: Delivery) -> None:
    """Send ``message`` as ``delivery`` says; every failure is one ``DeliveryError``."""
    if not message["From"]:
        message["From"] = delivery.sender
    if not message["To"]:
        message["To"] = ", ".join(delivery.recipients)
    password = settings.password()
    port = settings.port or DEFAULT_PORTS[settings.security]
    context = ssl.create_default_context(cafile=str(settings.cafile) if settings.cafile else None)
    where = delivery.address
    try:
        client: smtplib.SMTP
        if settings.security == "tls":
            client = smtplib.SMTP_SSL(settings.host, port, timeout=TIMEOUT_SECONDS, context=context)
        else:
            client = smtplib.SMTP(settings.host, port, timeout=TIMEOUT_SECONDS)
        with client:
            client.ehlo()
            if settings.security == "starttls":
                if not client.has_extn("starttls"):
                    raise DeliveryError(f"{where} does not offer STARTTLS")
                client.starttls(context=context)
                client.ehlo()
            if settings.user:
                client.login(settings.user, password or "")
            refused = client.send_message(
                message, from_addr=delivery.sender, to_addrs=list(delivery.recipients)
            )
        if refused:
            raise DeliveryError(f"recipient refused by {where}: {', '.join(sorted(refused))}")
    except smtplib.SMTPAuthenticationError:
        raise DeliveryError(f"login refused by {where} for user {settings.user!r}") from None
    except smtplib.SMTPRecipientsRefused as error:
        refused_list = ", ".join(sorted(error.recipients))
        raise DeliveryError(f"recipient refused by {where}: {refused_list}") from None
    except smtplib.SMTPSenderRefused as error:
        raise DeliveryError(f"sender {error.sender} refused by {where}") from None
    except smtplib.SMTPResponseException as error:
        reply = (
            error.smtp_error.decode("utf-8", "replace")
            if isinstance(error.smtp_error, bytes)
            else str(error.smtp_error)
        )
        raise DeliveryError(f"{where} said {error.smtp_code} {reply[:120]}") from None
    except ssl.SSLError as error:
        raise DeliveryError(f"TLS with {where} failed: {error.reason or error}") from None
    except TimeoutError:
        raise DeliveryError(f"{where} did not answer within {TIMEOUT_SECONDS} s") from None
    except (OSError, smtplib.SMTPException) as error:
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        raise DeliveryError(f"cannot reach {where}: {reason}") from None
