#!/usr/bin/env bash
# Set briefgen up on a fresh machine: the system libraries WeasyPrint needs (Debian/Ubuntu,
# installed only where missing), a virtual environment in .venv, and briefgen in it.
#   scripts/bootstrap.sh          # to use briefgen
#   scripts/bootstrap.sh --test   # also the test and lint tools
set -euo pipefail
cd "$(dirname "$0")/.."

system_packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
missing=()
if command -v dpkg >/dev/null 2>&1; then
  for package in "${system_packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing system packages: ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "${1:-}" = "--test" ]; then
  .venv/bin/python -m pip install -q -e ".[test]"
else
  .venv/bin/python -m pip install -q -e .
fi
echo "bootstrap: ready; run .venv/bin/briefgen --help" >&2
