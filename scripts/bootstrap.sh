#!/usr/bin/env bash
# Set briefgen up on a fresh machine: the system libraries WeasyPrint needs and Python's
# venv module (Debian/Ubuntu, installed only where missing), a virtual environment in
# .venv, and briefgen in it.
#   scripts/bootstrap.sh          # to use briefgen
#   scripts/bootstrap.sh --test   # also the test and lint tools
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "bootstrap: $*" >&2; }

if ! command -v python3 >/dev/null 2>&1; then
  say "python3 (3.10 or newer) is needed; install it with your system's package manager"
  exit 1
fi
if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
  say "Python 3.10 or newer is needed; this is $(python3 --version 2>&1)"
  exit 1
fi

# Debian/Ubuntu: the libraries WeasyPrint loads, fonts for Latin, Cyrillic and Kazakh,
# and python3-venv where Python's ensurepip is missing (a bare Debian lacks it).
system_packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
missing=()
if command -v dpkg >/dev/null 2>&1; then
  for package in "${system_packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    version=$(python3 -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    if apt-cache show "python${version}-venv" >/dev/null 2>&1; then
      missing+=("python${version}-venv")
    else
      missing+=(python3-venv)
    fi
  fi
elif ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  say "Python's venv module is missing; install it (Fedora: python3-libs, Arch: python)"
  exit 1
else
  say "not a Debian/Ubuntu system: install Pango (with HarfBuzz) and the DejaVu fonts yourself"
  say "  Fedora: sudo dnf install pango harfbuzz dejavu-sans-fonts"
  say "  Arch:   sudo pacman -S pango harfbuzz ttf-dejavu"
  say "  macOS:  brew install pango"
fi

if [ ${#missing[@]} -gt 0 ]; then
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo)
    elif command -v sudo >/dev/null 2>&1 && [ -t 0 ]; then
      sudo=(sudo)  # asks for the password on this terminal
    else
      say "these system packages are missing: ${missing[*]}"
      say "ask an administrator to run:"
      echo "  apt-get install -y --no-install-recommends ${missing[*]}" >&2
      exit 1
    fi
  fi
  say "installing system packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

say "creating the virtual environment in .venv"
python3 -m venv .venv
say "upgrading pip"
.venv/bin/python -m pip install --upgrade pip --progress-bar off \
  | { grep -E "^Successfully installed" || true; } | sed 's/^/  /' >&2
target="."
[ "${1:-}" = "--test" ] && target=".[test]"
say "installing briefgen ($target) and what it needs; this takes a minute"
.venv/bin/python -m pip install -e "$target" --progress-bar off \
  | { grep -E "^(Collecting|Successfully installed)" || true; } | sed 's/^/  /' >&2
say "ready; run .venv/bin/briefgen --help"
