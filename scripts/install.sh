#!/usr/bin/env bash
# Installs everything Ratsarchiv needs on Debian/Ubuntu: system packages, then a venv in .venv.
#   bash scripts/install.sh          # for running the service
#   bash scripts/install.sh --test   # also what the tests need (chromium for the browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

packages=(tesseract-ocr tesseract-ocr-deu fonts-dejavu-core fonts-liberation)
# redis-server: the tests start their own broker for the OCR workers (README „Weitere Rechner“)
if [ "${1:-}" = "--test" ]; then packages+=(chromium redis-server); fi
if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c "import ensurepip" >/dev/null 2>&1; then
  packages+=(python3-venv)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  echo "==> python3 -m venv .venv"
  python3 -m venv .venv
fi
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "==> pip install -e .[test]"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".[test]"
  rm -f .venv/.installed-* && touch "$stamp"
fi
# byte-compile our own modules: the command starts faster even where PYTHONDONTWRITEBYTECODE is set
.venv/bin/python -m compileall -q ingest index web ratsarchiv >/dev/null || true
echo "==> $(tesseract --version 2>&1 | head -1), Sprachen: $(tesseract --list-langs 2>/dev/null | tail -n +2 | tr '\n' ' ')"
