"""Write the demo minute books into samples/ (deterministic, byte-identical
on every run).

    /tmp/venv/bin/python samples/make_samples.py [--out DIR]

Files:
  kassel-2019-11-04-niederschrift-scan.pdf          image-only PDF (grayscale JPEG, 200 dpi)
  fulda-2021-06-14-niederschrift-born-digital.pdf   PDF with text layer
  giessen-2021-09-23-niederschrift-scan.tiff        multi-page TIFF, noisy scan, CCITT G4, 300 dpi
  expected.json                                     ground truth, keyed by file name
"""
from __future__ import annotations

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from samples.minutes import (  # noqa: E402
    fulda_2021,
    giessen_2021,
    kassel_2019,
    render_pdf,
    render_scanned_pdf,
    render_tiff,
)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=HERE, help="target folder (default: samples/)")
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)

    jobs = [
        ("kassel-2019-11-04-niederschrift-scan.pdf", kassel_2019(),
         lambda b, p: render_scanned_pdf(b, p, quality="clean", dpi=200, compression="jpeg")),
        ("fulda-2021-06-14-niederschrift-born-digital.pdf", fulda_2021(),
         lambda b, p: render_pdf(b, p)),
        ("giessen-2021-09-23-niederschrift-scan.tiff", giessen_2021(),
         lambda b, p: render_tiff(b, p, quality="noisy", dpi=300, compression="group4")),
    ]
    expected = {}
    total = 0
    for fname, book, render in jobs:
        path = os.path.join(args.out, fname)
        render(book, path)
        size = os.path.getsize(path)
        total += size
        expected[fname] = book.expected
        n = sum(1 for r in book.expected if r["kind"] == "Anfrage")
        print(f"{fname}: {len(book.pages)} Seiten, {n} Anfragen, "
              f"{len(book.expected) - n} andere Punkte, {size / 1024:.0f} KiB")
    with open(os.path.join(args.out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(f"gesamt: {total / 1024 / 1024:.2f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
