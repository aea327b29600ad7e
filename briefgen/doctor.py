"""``briefgen doctor``: is this machine ready? Each check says what is wrong and what to
install, so that a first PDF does not fail halfway through a morning's run."""

from __future__ import annotations

import ctypes.util
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from briefgen.fetch import default_cache_dir

DEBIAN_PDF_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0"
# Letters each script needs: Latin, Cyrillic (Russian) and the Kazakh additions.
SCRIPT_SAMPLES = {
    "Latin": "AaZz",
    "Cyrillic": "АаЯяЁё",
    "Kazakh": "ӘәҒғҚқҢңӨөҰұҮүҺһІі",
}
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSerif.ttf")  # the default stylesheet's fonts
FONT_FOLDERS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local" / "share" / "fonts",
    Path.home() / ".fonts",
    Path("/Library/Fonts"),
    Path.home() / "Library" / "Fonts",
)


@dataclass(frozen=True)
class Check:
    name: str
    problem: str | None  # None when all is well
    detail: str = ""  # what was found, or what to do about the problem


def _pdf_engine() -> Check:
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        return Check(
            "PDF engine (WeasyPrint, Pango)",
            f"cannot load: {first}",
            f"Debian/Ubuntu: apt-get install {DEBIAN_PDF_PACKAGES}; Fedora: dnf install pango;"
            " macOS: brew install pango",
        )
    return Check("PDF engine (WeasyPrint, Pango)", None, f"WeasyPrint {weasyprint.__version__}")


def _harfbuzz_subset() -> Check:
    found = ctypes.util.find_library("harfbuzz-subset")
    if found is None:
        return Check(
            "font subsetting (HarfBuzz)",
            "libharfbuzz-subset not found: PDFs would embed whole fonts or fail",
            "Debian/Ubuntu: apt-get install libharfbuzz-subset0; Fedora: dnf install harfbuzz",
        )
    return Check("font subsetting (HarfBuzz)", None, found)


def find_fonts(folders: Iterable[Path]) -> dict[str, Path]:
    """Where each of ``FONT_FILES`` lies, searching ``folders`` recursively."""
    found: dict[str, Path] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for root, _, files in os.walk(folder):
            for name in FONT_FILES:
                if name in files and name not in found:
                    found[name] = Path(root) / name
    return found


def _fonts(folders: Iterable[Path] | None = None) -> Check:
    name = "fonts for Latin, Cyrillic and Kazakh (DejaVu)"
    found = find_fonts(FONT_FOLDERS if folders is None else folders)
    missing = [font for font in FONT_FILES if font not in found]
    if missing:
        return Check(
            name,
            f"not found: {', '.join(missing)}",
            "Debian/Ubuntu: apt-get install fonts-dejavu-core; Fedora: dnf install "
            "dejavu-sans-fonts dejavu-serif-fonts; Arch: pacman -S ttf-dejavu",
        )
    from fontTools.ttLib import TTFont

    for font, path in found.items():
        cmap = TTFont(path, lazy=True).getBestCmap()
        for script, letters in SCRIPT_SAMPLES.items():
            absent = [letter for letter in letters if ord(letter) not in cmap]
            if absent:
                return Check(name, f"{font} lacks {script} letters: {''.join(absent)}", "")
    return Check(name, None, ", ".join(str(path) for path in found.values()))


def _templates() -> Check:
    from briefgen.rendering import check_templates, default_template_dir

    folder = default_template_dir()
    if not folder.is_dir():
        return Check("default templates", f"missing: {folder}", "reinstall briefgen")
    problems = check_templates(folder)
    if problems:
        return Check("default templates", problems[0], "reinstall briefgen")
    return Check("default templates", None, str(folder))


def _writable(name: str, folder: Path) -> Check:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".briefgen-doctor-"):
            pass
    except OSError as error:
        return Check(name, f"cannot write in {folder} ({error.strerror or error})", "")
    return Check(name, None, str(folder))


def run_checks(state_file: Path = Path(".briefgen-state.json")) -> list[Check]:
    """Every check, in order; problems are the checks whose ``problem`` is set."""
    checks: list[Callable[[], Check]] = [
        _pdf_engine,
        _harfbuzz_subset,
        _fonts,
        _templates,
        lambda: _writable("state file folder (--new-only)", state_file.resolve().parent),
        lambda: _writable("cache folder (fetched pages and feeds)", default_cache_dir()),
    ]
    return [check() for check in checks]
