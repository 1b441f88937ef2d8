"""Segmentation accuracy per field over the ground-truth corpus (samples.minutes.all_books).

Born-digital: each book as a PDF with a text layer; OCR: each book as a clean scanned PDF
(G4, 300 dpi) through real tesseract. Both go through ingest.extract and split_items and
are scored with bench/scoring.py.
"""

from __future__ import annotations

from bench import scoring
from bench.common import Context

MODES = {"digital": "born-digital", "scan": "OCR (saubere Scans)"}


def run(ctx: Context) -> dict:
    from ratsarchiv.settings import Settings
    from samples.minutes import all_books

    books = all_books()
    out: dict = {}
    rows = []
    for mode in (["digital"] if ctx.quick else ["digital", "scan"]):
        work = ctx.dir(f"segmentation/{mode}")
        settings = Settings(data_dir=work / "data", inbox=work / "inbox", workers=ctx.workers)
        score = scoring.evaluate(books, mode, work / "files", settings)
        table = score.table()
        out[f"segmentation_{mode}_anfragen"] = score.expected
        for name, value in table.items():
            suffix = "" if name == "false_anfragen" else "_ratio"
            out[f"segmentation_{mode}_{name}{suffix}"] = value
        out[f"segmentation_{mode}_errors"] = score.errors
        rows.append((MODES[mode], score.expected, table))
    fields = list(rows[0][2])
    lines = ["Zerlegung je Feld (Anteil richtig; false_anfragen = Anzahl)",
             " | ".join(["Text", "Anfragen"] + fields)]
    lines += [" | ".join([label, str(n)] + [str(t[f]) for f in fields]) for label, n, t in rows]
    out["tables"] = ["\n".join(lines)]
    return out
