#!/usr/bin/env bash
# Installs what the tests need and runs the whole suite (real tesseract, real index,
# real server, real chromium). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --test
exec .venv/bin/python -m pytest "$@"
