"""``briefgen doctor``: every check passes here, and a missing piece is named with its fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen import doctor
from briefgen.cli import app
from briefgen.errors import ExitCode

runner = CliRunner()


def test_doctor_passes_on_a_machine_set_up_by_bootstrap() -> None:
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 6
    assert all(line.startswith("ok ") for line in lines)


def test_doctor_names_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doctor, "FONT_FOLDERS", (tmp_path,))
    monkeypatch.setattr(doctor.ctypes.util, "find_library", lambda name: None)
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == ExitCode.ERROR
    assert "PROBLEM  fonts for Latin, Cyrillic and Kazakh (DejaVu): not found" in result.stdout
    assert "apt-get install fonts-dejavu-core" in result.stdout
    assert "apt-get install libharfbuzz-subset0" in result.stdout


def test_a_font_without_kazakh_letters_is_a_problem(tmp_path: Path) -> None:
    from fontTools.fontBuilder import FontBuilder

    for name in doctor.FONT_FILES:
        builder = FontBuilder(1000, isTTF=True)
        builder.setupGlyphOrder([".notdef", "A", "a"])
        builder.setupCharacterMap({ord("A"): "A", ord("a"): "a"})
        builder.setupGlyf({glyph: _empty_glyph() for glyph in (".notdef", "A", "a")})
        builder.setupHorizontalMetrics(dict.fromkeys((".notdef", "A", "a"), (500, 0)))
        builder.setupHorizontalHeader()
        builder.setupNameTable({"familyName": "Test", "styleName": "Regular"})
        builder.setupOS2()
        builder.setupPost()
        builder.save(str(tmp_path / name))
    check = doctor._fonts([tmp_path])
    assert check.problem is not None
    assert "lacks Latin letters: Zz" in check.problem


def _empty_glyph() -> object:
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    return TTGlyphPen(None).glyph()
