"""OCR ingest speed: `ratsarchiv ingest` on scans against plain tesseract on the same pages.

The scans are image-only PDFs (CCITT G4, 300 dpi) of the ground-truth books, one file per
book. The baseline renders the same PDF pages to PNG at 300 dpi first (with the code
ingest uses, so the pixels are the same) and runs the tesseract CLI on them with the same
number of parallel processes, each with OMP_THREAD_LIMIT=1. A second baseline runs
tesseract on the pages in the form ingest hands them over (1-bit uncompressed TIFF), so
the pipeline's own overhead can be told apart from the gain of that format. A last run
lets tesseract use its own OpenMP threads, one page at a time, on the first 8 pages, to
show which way is faster here.
"""

from __future__ import annotations

import os
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.common import Context, check_ingest, run_cli, scanned_books


def tesseract_cmd(image: Path) -> list[str]:
    # the output ingest asks for (TSV with word boxes), so both do the same OCR work
    return ["tesseract", str(image), "stdout", "-l", "deu", "--psm", "3", "--dpi", "300", "tsv"]


def tesseract_batch(images: list[Path], procs: int, omp_limit: bool) -> float:
    """Wall seconds to OCR all images with `procs` tesseract processes at a time."""
    env = dict(os.environ)
    if omp_limit:
        env["OMP_THREAD_LIMIT"] = "1"
    else:
        env.pop("OMP_THREAD_LIMIT", None)

    def one(img: Path) -> None:
        proc = subprocess.run(tesseract_cmd(img), capture_output=True, env=env)
        if proc.returncode != 0 or not proc.stdout:
            raise RuntimeError(f"tesseract {img.name}: {proc.stderr.decode(errors='replace')[-300:]}")

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=procs) as pool:
        list(pool.map(one, images))
    return time.perf_counter() - t0


def build_scans(ctx: Context, pages: int) -> tuple[Path, list[Path], list[Path]]:
    """Scanned PDFs (one per book), their pages as 300-dpi PNGs, and the same pages as the
    1-bit uncompressed TIFFs that ingest hands to tesseract."""
    from ingest.ocr import save_handover
    from ratsarchiv.pdf import render_page, scanned_image
    from samples.minutes import render_scanned_pdf

    pdf_dir, png_dir, tif_dir = ctx.dir("ocr/pdf"), ctx.dir("ocr/png"), ctx.dir("ocr/tif")
    pngs: list[Path] = []
    tifs: list[Path] = []
    for book in scanned_books(pages):
        pdf = pdf_dir / f"{book.name}-scan.pdf"
        render_scanned_pdf(book, pdf, quality="clean")
        for i in range(len(book.pages)):
            png = png_dir / f"{book.name}-{i + 1}.png"
            render_page(pdf, i, 300).save(png, dpi=(300, 300))
            pngs.append(png)
            tif = tif_dir / f"{book.name}-{i + 1}.tif"
            save_handover(scanned_image(pdf, i, 300)[0], tif)
            tifs.append(tif)
    return pdf_dir, pngs, tifs


def run(ctx: Context) -> dict:
    pdf_dir, pngs, tifs = build_scans(ctx, 4 if ctx.quick else 29)
    n = len(pngs)
    ctx.say(f"OCR: {n} Seiten, {ctx.workers} Prozesse")
    rounds = 1 if ctx.quick else 2
    base, base_tif, ingest = [], [], []
    for r in range(rounds):  # alternate, so drift on the machine hits both alike
        base.append(tesseract_batch(pngs, ctx.workers, omp_limit=True))
        secs, proc = run_cli(["ingest", str(pdf_dir), "--workers", str(ctx.workers)], ctx.dir(f"ocr/data{r}"))
        check_ingest(proc, "Scans")
        if f"{n} Seiten" not in proc.stdout and "OCR" not in proc.stdout:
            raise RuntimeError(f"unerwartete Ausgabe von ingest: {proc.stdout[-400:]}")
        ingest.append(secs)
        base_tif.append(tesseract_batch(tifs, ctx.workers, omp_limit=True))
    omp_pages = pngs[:8]  # tesseract's own threading is so slow here that a few pages tell it
    omp_default = tesseract_batch(omp_pages, 1, omp_limit=False)
    omp_per_core = tesseract_batch(omp_pages, ctx.workers, omp_limit=True)
    per_core = min(base)
    return {
        "ocr_pages": n,
        "ocr_files": len(list(pdf_dir.iterdir())),
        "ocr_workers": ctx.workers,
        "ocr_rounds": rounds,
        "ocr_tesseract_pages_per_min": round(n / per_core * 60, 1),
        "ocr_ingest_pages_per_min": round(n / min(ingest) * 60, 1),
        "ocr_ingest_ratio": round(per_core / min(ingest), 3),
        "ocr_tesseract_tiff_pages_per_min": round(n / min(base_tif) * 60, 1),
        "ocr_ingest_vs_tesseract_tiff_ratio": round(min(base_tif) / min(ingest), 3),
        "ocr_tesseract_seconds": [round(s, 2) for s in base],
        "ocr_tesseract_tiff_seconds": [round(s, 2) for s in base_tif],
        "ocr_ingest_seconds": [round(s, 2) for s in ingest],
        "ocr_tesseract_omp_default_pages_per_min": round(len(omp_pages) / omp_default * 60, 1),
        "ocr_omp_default_vs_one_per_core_ratio": round(omp_per_core / omp_default, 3),
    }
