#!/usr/bin/env bash
# One command from a fresh clone to the running service with the sample minute books:
# installs everything, drops copies of samples/ into ./inbox and runs `ratsarchiv run`.
# The UI is then on http://127.0.0.1:8000 (stop with Ctrl+C).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
mkdir -p inbox
for f in samples/*.pdf samples/*.tif samples/*.tiff samples/*.png samples/*.jpg; do
  [ -e "$f" ] && cp -n "$f" inbox/
done
echo "==> ratsarchiv run (Eingang: ./inbox, Daten: ./ratsarchiv-data) – Oberfläche: http://127.0.0.1:8000"
exec .venv/bin/ratsarchiv run --inbox inbox "$@"
