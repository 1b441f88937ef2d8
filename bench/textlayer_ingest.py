"""Born-digital speed: `ratsarchiv ingest` on PDFs with a text layer, and raw pdfplumber.

The files are the ground-truth books rendered with a real text layer, several copies that
differ only in their title metadata (so none is taken as a duplicate). The baseline is
pdfplumber's extract_words on every page of the same files, in this process.
"""

from __future__ import annotations

import dataclasses
import re
import time

from bench.common import Context, check_ingest, run_cli, scanned_books


def build_pdfs(ctx: Context, pages: int):
    from samples.minutes import all_books, render_pdf

    out = ctx.dir("textlayer/pdf")
    books = scanned_books(pages) if pages < 29 else all_books()
    copies = max(1, -(-pages // sum(len(b.pages) for b in books)))
    n = 0
    for c in range(copies):
        for book in books:
            copy = dataclasses.replace(book, city=f"{book.city} (Abschrift {c + 1})") if c else book
            render_pdf(copy, out / f"{book.name}-{c + 1}.pdf")
            n += len(book.pages)
    return out, n


def pdfplumber_seconds(folder) -> float:
    import pdfplumber

    t0 = time.perf_counter()
    for pdf in sorted(folder.glob("*.pdf")):
        with pdfplumber.open(str(pdf)) as doc:
            for page in doc.pages:
                page.extract_words()
                page.close()
    return time.perf_counter() - t0


def run(ctx: Context) -> dict:
    folder, n = build_pdfs(ctx, 10 if ctx.quick else 100)
    ctx.say(f"Textebene: {n} Seiten in {len(list(folder.glob('*.pdf')))} Dateien")
    secs, proc = run_cli(["ingest", str(folder)], ctx.dir("textlayer/data"))
    check_ingest(proc, "Textebene")
    if any(int(k) for k in re.findall(r"\((\d+) OCR\)", proc.stdout)):
        raise RuntimeError(f"Textebenen-PDFs liefen durch die OCR: {proc.stdout[-400:]}")
    raw = pdfplumber_seconds(folder)
    return {
        "textlayer_pages": n,
        "textlayer_files": len(list(folder.glob("*.pdf"))),
        "textlayer_ingest_seconds": round(secs, 2),
        "textlayer_ingest_pages_per_s": round(n / secs, 1),
        "textlayer_pdfplumber_pages_per_s": round(n / raw, 1),
        "textlayer_vs_pdfplumber_ratio": round(raw / secs, 3),
    }
