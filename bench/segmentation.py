"""Segmentation accuracy per field over the ground-truth corpus (samples.minutes.all_books).

Born-digital: each book as a PDF with a text layer; OCR: each book as a clean scanned PDF
(G4, 300 dpi) through real tesseract. Both go through ingest.extract and split_items and
are scored with bench/scoring.py.
"""

from __future__ import annotations

from bench import findable, scoring
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
    out.update(pages_findable(books, ctx))
    fields = list(rows[0][2])
    lines = ["Zerlegung je Feld (Anteil richtig; false_anfragen = Anzahl)",
             " | ".join(["Text", "Anfragen"] + fields)]
    lines += [" | ".join([label, str(n)] + [str(t[f]) for f in fields]) for label, n, t in rows]
    out["tables"] = ["\n".join(lines)]
    return out


def pages_findable(books, ctx: Context) -> dict:
    """The synthetic books born-digital through the real CLI: share of pages found by their words."""
    from samples.minutes import page_text, render

    work = ctx.dir("segmentation/findable")
    files = [render(book, "digital", work / "files") for book in books]
    data, client = findable.ingest_and_serve(files, work, ctx.workers)
    ok = total = 0
    misses = []
    for book, path in zip(books, files):
        sha = findable.file_sha(path)
        printed = [page_text(book, i) for i in range(len(book.pages))]
        found, n, miss = findable.findable_pages(client, book.name, sha, printed, findable.extracted_texts(data, sha))
        ok, total, misses = ok + found, total + n, misses + miss
    return {"segmentation_digital_pages_findable_ratio": round(ok / total, 4) if total else 1.0,
            "segmentation_digital_pages_findable_misses": misses}
