"""Delivering the briefing by e-mail (issue #15): the message built from the templates,
and sending it to a local SMTP server (aiosmtpd on 127.0.0.1) with and without STARTTLS
and login; each bad case one line, exit 1, the message kept on disk."""

from __future__ import annotations

import datetime
import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

import briefgen
from briefgen.cli import app
from briefgen.config import Envelope, OutputFormat
from briefgen.rendering import render, template_environment

from .conftest import GOLDEN, GOLDEN_DATE, ROOT, SAMPLES

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")
aiosmtpd_smtp = pytest.importorskip("aiosmtpd.smtp")
trustme = pytest.importorskip("trustme")

runner = CliRunner()
PASSWORD = "correct-horse-battery"
CREATED = datetime.datetime(2026, 11, 20, 7, 30, tzinfo=datetime.timezone.utc)


def _parse(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    return message


def _samples_message(
    *, title: str | None = None, attach_pdf: bool = False, samples: Path = SAMPLES
) -> bytes:
    briefing = briefgen.build_briefing([samples], date=GOLDEN_DATE, title=title)
    envelope = Envelope(sender="desk@example.org", to=("head@example.org",), created=CREATED)
    envelope = Envelope(envelope.sender, envelope.to, attach_pdf, envelope.created)
    data = render(briefing, OutputFormat.EML, template_environment(None), envelope=envelope)
    assert isinstance(data, bytes)
    return data


def test_the_message_is_standard_mime_in_utf8() -> None:
    message = _parse(_samples_message(title="Брифинг МИД · Қазақстан", attach_pdf=True))
    assert message["Subject"] == "Брифинг МИД · Қазақстан — 20 November 2026"
    assert message["From"] == "desk@example.org"
    assert message["To"] == "head@example.org"
    assert message["Date"] == "Fri, 20 Nov 2026 07:30:00 +0000"
    assert message["Message-ID"].endswith("@briefgen.invalid>")
    assert message.get_content_type() == "multipart/mixed"
    alternative, attachment = message.iter_parts()
    assert alternative.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in alternative.iter_parts()] == [
        "text/plain",
        "text/html",
    ]
    assert attachment.get_filename() == "briefing-2026-11-20.pdf"
    assert attachment.get_content().startswith(b"%PDF")


def test_the_html_part_has_its_style_inline_and_loads_nothing() -> None:
    html = _parse(_samples_message()).get_body(("html",)).get_content()
    assert 'style="' in html
    assert "<style" not in html  # mail clients drop style sheets; the rules are inline
    lowered = html.lower()
    for remote in ("<script", "<link", "<img", "src=", "@import", "url("):
        assert remote not in lowered
    assert "Embassy opens new consular service centre in Berlin" in html


def test_the_same_briefing_gives_the_same_bytes() -> None:
    assert _samples_message() == _samples_message()


def test_the_text_part_matches_golden(update_golden: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # sources read "samples/...", wherever the checkout is
    message = _samples_message(samples=Path("samples"))
    text = _parse(message).get_body(("plain",)).get_content().replace("\r\n", "\n")
    golden = GOLDEN / "briefing.eml.txt"
    if update_golden:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium not installed")
def test_a_real_browser_renders_the_html_part(tmp_path: Path) -> None:
    page = tmp_path / "part.html"
    page.write_text(_parse(_samples_message()).get_body(("html",)).get_content(), "utf-8")
    shot = tmp_path / "part.png"
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--window-size=800,1200",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    from PIL import Image

    with Image.open(shot) as image:
        gray = image.convert("L")
        dark = sum(gray.histogram()[:100])
    assert dark > 5_000  # headings and text drawn, not a blank page


# --- sending to a local SMTP server ---------------------------------------------------


class Inbox:
    def __init__(self) -> None:
        self.received: list[tuple[list[str], EmailMessage]] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, options):  # type: ignore[no-untyped-def]
        if address in self.refuse:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.received.append((list(envelope.rcpt_tos), _parse(envelope.content)))
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _authenticator(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
    login = aiosmtpd_smtp.LoginPassword
    ok = isinstance(auth_data, login) and auth_data.password == PASSWORD.encode()
    return aiosmtpd_smtp.AuthResult(success=ok, handled=False)  # handled: no reply at all


@pytest.fixture
def plain_server() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), _free_port()
    controller = aiosmtpd_controller.Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[Inbox, int, Path]]:
    authority = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    cafile = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(cafile))
    inbox, port = Inbox(), _free_port()
    controller = aiosmtpd_controller.Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        authenticator=_authenticator,
        auth_require_tls=True,
    )
    controller.start()
    yield inbox, port, cafile
    controller.stop()


def _desk(folder: Path, mail: str) -> Path:
    """A desk's folder: a briefgen.toml with ``mail`` as its [mail] table, and an inbox."""
    folder.mkdir(exist_ok=True)
    (folder / "briefgen.toml").write_text(f"[mail]\n{mail}", encoding="utf-8")
    inbox = folder / "inbox"
    shutil.copytree(SAMPLES, inbox)
    return folder


def _loopback_desk(tmp_path: Path, port: int) -> Path:
    """A desk sending without encryption to the test server on this machine."""
    return _desk(
        tmp_path / "desk",
        f'host = "127.0.0.1"\nport = {port}\nsecurity = "none"\nfrom = "desk@example.org"\n',
    )


def _brief(desk: Path, *args: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(desk)
    return runner.invoke(app, ["brief", "inbox", "--date", "2026-11-20", *args])


def test_sent_without_encryption_to_a_loopback_server(
    tmp_path: Path, plain_server: tuple[Inbox, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, port = plain_server
    desk = _desk(
        tmp_path / "desk",
        f'host = "127.0.0.1"\nport = {port}\nsecurity = "none"\nfrom = "desk@example.org"\n'
        'to = ["head@example.org"]\n',
    )
    result = _brief(
        desk, "-o", "today.md", "--mail-to", "analyst@example.org", monkeypatch=monkeypatch
    )
    assert result.exit_code == 0, result.output
    [(recipients, message)] = inbox.received
    assert recipients == ["head@example.org", "analyst@example.org"]
    assert message["Subject"] == "Daily briefing — 20 November 2026"
    assert (desk / "today.md").is_file()
    assert (desk / "today.eml").is_file()  # the message is kept beside the briefing
    assert "sent 'Daily briefing — 20 November 2026'" in result.stderr


def test_sent_with_starttls_and_login_the_password_never_shown(
    tmp_path: Path, tls_server: tuple[Inbox, int, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, port, cafile = tls_server
    monkeypatch.setenv("DESK_SMTP_PASSWORD", PASSWORD)
    desk = _desk(
        tmp_path / "desk",
        f'host = "127.0.0.1"\nport = {port}\nuser = "desk"\npassword_env = "DESK_SMTP_PASSWORD"\n'
        f'from = "Desk <desk@example.org>"\ncafile = "{cafile}"\n',
    )
    result = _brief(desk, "--mail-to", "head@example.org", "--attach-pdf", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    [(recipients, message)] = inbox.received
    assert recipients == ["head@example.org"]
    assert any(part.get_content_type() == "application/pdf" for part in message.walk())
    assert PASSWORD not in result.output
    assert (desk / "briefing-2026-11-20.eml").is_file()


def test_a_refused_login_is_one_line_and_the_message_is_kept(
    tmp_path: Path, tls_server: tuple[Inbox, int, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, port, cafile = tls_server
    secret = tmp_path / "secret"
    secret.write_text("wrong-password\n")
    desk = _desk(
        tmp_path / "desk",
        f'host = "127.0.0.1"\nport = {port}\nuser = "desk"\npassword_file = "{secret}"\n'
        f'from = "desk@example.org"\ncafile = "{cafile}"\n',
    )
    result = _brief(desk, "--mail-to", "head@example.org", monkeypatch=monkeypatch)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"briefgen: login refused by 127.0.0.1:{port} for user 'desk'; "
        "the message is kept in briefing-2026-11-20.eml"
    ]
    assert "wrong-password" not in result.output
    assert (desk / "briefing-2026-11-20.eml").is_file()


def test_an_unreachable_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    port = _free_port()  # nothing listens there
    desk = _loopback_desk(tmp_path, port)
    result = _brief(desk, "--mail-to", "head@example.org", monkeypatch=monkeypatch)
    assert result.exit_code == 1
    assert f"briefgen: cannot reach 127.0.0.1:{port}" in result.stderr
    assert (desk / "briefing-2026-11-20.eml").is_file()


def test_a_refused_recipient(
    tmp_path: Path, plain_server: tuple[Inbox, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, port = plain_server
    inbox.refuse.add("nobody@example.org")
    desk = _loopback_desk(tmp_path, port)
    result = _brief(desk, "--mail-to", "nobody@example.org", monkeypatch=monkeypatch)
    assert result.exit_code == 1
    assert "recipient refused by" in result.stderr
    assert "nobody@example.org" in result.stderr
    assert inbox.received == []


def test_no_unencrypted_mail_to_another_host(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = _desk(
        tmp_path / "desk",
        'host = "mail.example.org"\nsecurity = "none"\nfrom = "desk@example.org"\n',
    )
    result = _brief(desk, "--mail-to", "head@example.org", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "will not send unencrypted to mail.example.org" in result.stderr


def test_dry_run_sends_nothing(
    tmp_path: Path, plain_server: tuple[Inbox, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, port = plain_server
    desk = _loopback_desk(tmp_path, port)
    result = _brief(desk, "--mail-to", "head@example.org", "--dry-run", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert "would send 'Daily briefing — 20 November 2026' from desk@example.org" in result.stderr
    assert inbox.received == []


def test_nothing_new_sends_nothing_or_a_note(
    tmp_path: Path, plain_server: tuple[Inbox, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, port = plain_server
    desk = _loopback_desk(tmp_path, port)
    daily = ["--new-only", "--mail-to", "head@example.org"]
    assert _brief(desk, *daily, monkeypatch=monkeypatch).exit_code == 0
    again = _brief(desk, *daily, monkeypatch=monkeypatch)
    assert again.exit_code == 0
    assert "nothing new; nothing sent" in again.stderr
    assert len(inbox.received) == 1
    note = _brief(desk, *daily, "--send-empty", monkeypatch=monkeypatch)
    assert note.exit_code == 0, note.output
    assert inbox.received[-1][1]["Subject"].endswith("no new releases")


def test_send_a_saved_message(
    tmp_path: Path, plain_server: tuple[Inbox, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, port = plain_server
    desk = _loopback_desk(tmp_path, port)
    assert _brief(desk, "-o", "today.eml", monkeypatch=monkeypatch).exit_code == 0
    assert inbox.received == []  # -o .eml writes the message; sending is asked for
    result = runner.invoke(app, ["send", "today.eml", "--to", "head@example.org"])
    assert result.exit_code == 0, result.output
    [(recipients, _)] = inbox.received
    assert recipients == ["head@example.org"]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('security = "smoke"\n', "[mail] security must be one of starttls, tls, none"),
        ('port = "25"\n', "[mail] port must be int"),
        ('colour = "red"\n', "[mail] unknown key 'colour'"),
        ('password_env = "NOT_SET_ANYWHERE"\nfrom = "a@b.c"\n', "$NOT_SET_ANYWHERE is not set"),
    ],
)
def test_bad_mail_settings_are_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, table: str, message: str
) -> None:
    monkeypatch.delenv("NOT_SET_ANYWHERE", raising=False)
    desk = _desk(tmp_path / "desk", table)
    result = _brief(desk, "--mail-to", "head@example.org", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_watch_list_terms_are_highlighted_in_the_message() -> None:
    briefing = briefgen.build_briefing([SAMPLES], date=GOLDEN_DATE, watch=["Berlin"])
    data = render(briefing, OutputFormat.EML, template_environment(None))
    assert isinstance(data, bytes)
    html = _parse(data).get_body(("html",)).get_content()
    assert "<mark style=" in html
    assert ">Berlin</mark>" in html
