"""Releases as PDF, Word and e-mail files (issue #13, in part): read as a desk receives
them, and each bad file a one-line error. The fixtures are made here: PDFs by WeasyPrint
(a running header, page numbers, hyphenation), .docx by python-docx, .eml by the email
package."""

from __future__ import annotations

import io
import json
import zipfile
from email.message import EmailMessage
from pathlib import Path

from typer.testing import CliRunner

from briefgen.cli import app

runner = CliRunner()

RELEASE = [
    "The Ministry of Foreign Affairs announced today that a new visa centre will open in "
    "Almaty on 1 March, serving applicants from five regions of the country.",
    "The centre will process up to 2,000 applications a day and will offer biometric "
    "appointments on weekends, the ministry said in a statement on Tuesday.",
    "Officials expect waiting times for business visas to fall from three weeks to five "
    "working days once the centre reaches its full capacity in the spring.",
] * 6  # two pages and more


def _pdf(paragraphs: list[str], *, title: str = "New visa centre to open in Almaty") -> bytes:
    import weasyprint

    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    css = weasyprint.CSS(
        string="@page { size: A5; margin: 20mm 15mm;"
        ' @top-center { content: "MINISTRY OF FOREIGN AFFAIRS — PRESS SERVICE" }'
        ' @bottom-center { content: "Page " counter(page) " of " counter(pages) } }'
        "p { text-align: justify; hyphens: auto; }"
    )
    page = f"<html lang=en><head><title>{title}</title></head><body><h1>{title}</h1>{body}"
    pdf = weasyprint.HTML(string=page).write_pdf(stylesheets=[css])
    assert isinstance(pdf, bytes)
    return pdf


def _summary(path: Path, *args: str) -> dict:
    result = runner.invoke(
        app, ["summarize", str(path), "--date", "2026-11-20", "-f", "json", *args]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _error(path: Path) -> str:
    result = runner.invoke(app, ["summarize", str(path), "--date", "2026-11-20"])
    assert result.exit_code == 4, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    return lines[0]


def test_a_pdf_release_reads_in_order_without_page_furniture(tmp_path: Path) -> None:
    path = tmp_path / "visa.pdf"
    path.write_bytes(_pdf(RELEASE))
    record = _summary(path, "-m", "lead", "-n", "3")
    assert record["title"] == "New visa centre to open in Almaty"
    assert record["title_source"] == "pdf"
    assert record["summary"] == RELEASE[:3]  # whole sentences, hyphenated words joined
    text = " ".join(record["summary"])
    assert "PRESS SERVICE" not in text
    assert "Page 1" not in text


def test_a_pdf_without_a_text_layer_is_named_as_a_scan(tmp_path: Path) -> None:
    import weasyprint

    path = tmp_path / "scan.pdf"
    image_only = '<div style="width:10cm;height:10cm;background:#888"></div>'
    path.write_bytes(weasyprint.HTML(string=image_only).write_pdf())
    assert _error(path) == f"briefgen: {path}: no text layer: a scanned PDF"


def test_an_encrypted_or_damaged_pdf_is_one_line(tmp_path: Path) -> None:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(_pdf(RELEASE[:3]))))
    writer.encrypt("secret")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as stream:
        writer.write(stream)
    assert _error(locked).endswith("encrypted PDF: it needs a password")
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(_pdf(RELEASE[:3])[:400])
    assert _error(damaged).endswith("not a readable PDF (damaged or not a PDF)")


def test_a_word_release_with_a_heading_and_a_table(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    word.add_heading("Astana hosts water talks", level=1)
    for text in RELEASE[:3]:
        word.add_paragraph(text)
    table = word.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Country", "Delegates"
    table.cell(1, 0).text, table.cell(1, 1).text = "Uzbekistan", "12"
    path = tmp_path / "talks.docx"
    word.save(str(path))
    record = _summary(path, "-m", "lead", "-n", "5")
    assert record["title"] == "Astana hosts water talks"
    assert record["summary"][:3] == RELEASE[:3]
    assert "Uzbekistan | 12" in record["summary"][3:]


def test_a_docx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    assert path.stat().st_size < 200_000
    assert "refused as a zip bomb" in _error(path)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert _error(broken).endswith("not a readable .docx (damaged or not a Word file)")


def _mail(body: str, *, html: str | None = None) -> bytes:
    message = EmailMessage()
    message["Subject"] = "Пресс-релиз: визовый центр в Алматы"
    message["From"] = "press@mfa.example"
    message["Date"] = "Thu, 19 Nov 2026 14:05:00 +0500"
    if html is None:
        message.set_content(body)
    else:
        message.set_content(html, subtype="html")
    return message.as_bytes()


def test_an_email_release_without_quotes_and_signature(tmp_path: Path) -> None:
    path = tmp_path / "release.eml"
    body = "\n\n".join(RELEASE[:3]) + (
        "\n\n-- \nPress service\n+7 7172 00 00 00\n\n> an earlier message that must not be read\n"
    )
    path.write_bytes(_mail(body))
    record = _summary(path, "-m", "lead", "-n", "5")
    assert record["title"] == "Пресс-релиз: визовый центр в Алматы"
    assert record["date"] == "2026-11-19"
    assert record["time"] == "14:05"
    assert record["summary"] == RELEASE[:3]


def test_an_email_with_only_html_and_one_with_no_body(tmp_path: Path) -> None:
    page = "<html><body><article>" + "".join(f"<p>{t}</p>" for t in RELEASE[:3])
    html = tmp_path / "html.eml"
    html.write_bytes(_mail("", html=page + "</article></body></html>"))
    assert _summary(html, "-m", "lead", "-n", "1")["summary"] == RELEASE[:1]
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"Subject: hello\nFrom: a@b.c\n\n")
    assert _error(empty).endswith("e-mail with an empty body")


def test_a_folder_of_mixed_formats_is_one_briefing(tmp_path: Path) -> None:
    (tmp_path / "visa.pdf").write_bytes(_pdf(RELEASE))
    (tmp_path / "release.eml").write_bytes(_mail("\n\n".join(RELEASE[3:6])))
    (tmp_path / "note.txt").write_text("Trade talks\n\nTrade grew by a tenth this year.\n")
    result = runner.invoke(app, ["brief", str(tmp_path), "--date", "2026-11-20", "-f", "json"])
    assert result.exit_code == 0, result.output
    sources = sorted(
        Path(s).name for item in json.loads(result.stdout)["items"] for s in item["sources"]
    )
    assert sources == ["note.txt", "release.eml", "visa.pdf"]


def _with_attachments(count: int = 0) -> bytes:
    import docx

    message = EmailMessage()
    message["Subject"] = "Releases of the day"
    message["From"] = "press@mfa.example"
    message["Date"] = "Thu, 19 Nov 2026 09:15:00 +0500"
    message.set_content("Dear colleagues, please find today's releases attached.")
    message.add_attachment(
        _pdf(RELEASE[:3]), maintype="application", subtype="pdf", filename="visa.pdf"
    )
    word = docx.Document()
    word.add_heading("Trade talks in Tashkent", level=1)
    word.add_paragraph("Trade between the two countries grew by a tenth in ten months.")
    stream = io.BytesIO()
    word.save(stream)
    message.add_attachment(
        stream.getvalue(),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename="trade.docx",
    )
    message.add_attachment(
        b"\x89PNG\r\n\x1a\n", maintype="image", subtype="png", filename="logo.png"
    )
    for number in range(count):
        message.add_attachment(
            f"Note {number}\n\nThe ministry published note {number} today.\n".encode(),
            maintype="text",
            subtype="plain",
            filename=f"note-{number}.txt",
        )
    return message.as_bytes()


def test_attached_releases_become_releases_of_their_own(tmp_path: Path) -> None:
    (tmp_path / "today.eml").write_bytes(_with_attachments())
    result = runner.invoke(app, ["brief", str(tmp_path), "--date", "2026-11-20", "-f", "json"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)["items"]
    assert sorted(Path(item["source"]).name for item in items) == [
        "today.eml#trade.docx",
        "today.eml#visa.pdf",
    ]  # the cover note is no release, the logo is no release
    assert {item["date"] for item in items} == {"2026-11-19"}  # dated by the message


def test_a_message_with_a_thousand_attachments_reads_the_first_fifty(tmp_path: Path) -> None:
    (tmp_path / "flood.eml").write_bytes(_with_attachments(1000))
    result = runner.invoke(app, ["brief", str(tmp_path), "--date", "2026-11-20", "-f", "json"])
    assert result.exit_code == 3  # briefed, and the rest listed as not read
    assert "953 more attachments not read (at most 50)" in result.stderr
    assert json.loads(result.stdout)["items"]


def test_a_mailbox_is_many_releases(tmp_path: Path) -> None:
    messages = []
    for number, text in enumerate(RELEASE[:3]):
        message = EmailMessage()
        message["Subject"] = f"Release {number}"
        message["From"] = "press@mfa.example"
        message["Date"] = f"Thu, 19 Nov 2026 1{number}:00:00 +0000"
        message.set_content(text + " " + " ".join(f"Detail {number}-{i}." for i in range(3)))
        messages.append(b"From press@mfa.example Thu Nov 19 10:00:00 2026\n" + message.as_bytes())
    mailbox = tmp_path / "inbox.mbox"
    mailbox.write_bytes(b"\n".join(messages))
    result = runner.invoke(app, ["brief", str(mailbox), "--date", "2026-11-20", "-f", "json"])
    assert result.exit_code == 0, result.output
    sources = sorted(
        source for item in json.loads(result.stdout)["items"] for source in item["sources"]
    )
    assert [source.rsplit("#", 1)[1] for source in sources] == ["1", "2", "3"]
    assert _error(mailbox).endswith("a mailbox holds many releases: brief it as a folder is")


_ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content
 xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">
<office:body><office:text>
<text:h text:outline-level="1">Astana hosts water talks</text:h>
{paragraphs}
<text:list><text:list-item><text:p>Delegations came from five countries.</text:p>
</text:list-item></text:list>
<table:table><table:table-row>
<table:table-cell><text:p>Country</text:p></table:table-cell>
<table:table-cell><text:p>Delegates</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>Uzbekistan</text:p></table:table-cell>
<table:table-cell><text:p>12</text:p></table:table-cell></table:table-row></table:table>
</office:text></office:body></office:document-content>"""


def _odt(path: Path, content: str) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)


def test_an_opendocument_release_with_a_heading_a_list_and_a_table(tmp_path: Path) -> None:
    path = tmp_path / "talks.odt"
    body = "".join(f"<text:p>{text}</text:p>" for text in RELEASE[:3])
    _odt(path, _ODT_CONTENT.format(paragraphs=body))
    record = _summary(path, "-m", "lead", "-n", "6")
    assert record["title"] == "Astana hosts water talks"
    assert record["title_source"] == "odt"
    assert record["summary"][:3] == RELEASE[:3]
    assert "Delegations came from five countries." in record["summary"]
    assert "Uzbekistan | 12" in record["summary"]


def test_a_bad_opendocument_is_one_line(tmp_path: Path) -> None:
    entities = tmp_path / "entities.odt"
    _odt(
        entities,
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>',
    )
    assert _error(entities).endswith("not a readable .odt (damaged or not an OpenDocument text)")
    bomb = tmp_path / "bomb.odt"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.xml", b"\0" * (60 * 1024 * 1024))
    assert "refused as a zip bomb" in _error(bomb)
