"""Peak memory of `ratsarchiv ingest` on one long scanned PDF (500 pages by default).

The PDF repeats the ground-truth pages as 1-bit CCITT G4 images at 300 dpi, so it is small
on disk but every page is rendered and OCRed for real. Three figures: the ratsarchiv
process's own peak (VmHWM from /proc, sampled until it exits), the peak of the whole process
tree (ratsarchiv plus its tesseract children, summed RSS, sampled every 0.2 s).
Not ru_maxrss from wait4/RUSAGE_CHILDREN: Linux counts the forked copy of the bench process
before exec in it, so after the 100k index it reported 1.7 GB for a 0.2 GB ingest.
"""

from __future__ import annotations

import io
import os
import subprocess
import time
from pathlib import Path

from bench.common import Context, cli_env, ratsarchiv_cmd

DEFAULT_PAGES = 500


def build_pdf(path: Path, pages: int) -> None:
    import img2pdf

    from samples.minutes import all_books, render_page_images

    blobs = []
    for book in all_books():
        for img in render_page_images(book, dpi=300, quality="clean"):
            buf = io.BytesIO()
            img.point(lambda v: 255 if v > 150 else 0, mode="1").save(
                buf, format="TIFF", compression="group4", dpi=(300, 300))
            blobs.append(buf.getvalue())
    seq = [blobs[i % len(blobs)] for i in range(pages)]
    layout = img2pdf.get_fixed_dpi_layout_fun((300, 300))
    path.write_bytes(img2pdf.convert(seq, layout_fun=layout, nodate=True, engine=img2pdf.Engine.internal))


def _status_kib(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                todo += [int(c) for c in Path(f"/proc/{p}/task/{task}/children").read_text().split()]
        except OSError:
            pass
    return out


def run(ctx: Context) -> dict:
    pages = ctx.pages or DEFAULT_PAGES
    work = ctx.dir("memory")
    pdf = work / f"niederschrift-{pages}-seiten-scan.pdf"
    build_pdf(pdf, pages)
    ctx.say(f"Speicher: {pages} Seiten, {pdf.stat().st_size / 1024 / 1024:.1f} MiB – das dauert")
    log = open(work / "ingest.log", "w")
    t0 = time.perf_counter()
    proc = subprocess.Popen(ratsarchiv_cmd() + ["--data", str(work / "data"), "ingest", str(pdf),
                                                "--workers", str(ctx.workers)],
                            stdout=log, stderr=subprocess.STDOUT, env=cli_env())
    hwm = tree_peak = 0
    while True:
        pid, status, _usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        hwm = max(hwm, _status_kib(proc.pid, "VmHWM"))
        tree_peak = max(tree_peak, sum(_status_kib(p, "VmRSS") for p in _tree(proc.pid)))
        time.sleep(0.2)
    secs = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    log.close()
    if proc.returncode != 0:
        raise RuntimeError(f"ingest von {pages} Seiten endete mit {proc.returncode}: "
                           f"{(work / 'ingest.log').read_text()[-600:]}")
    return {
        "memory_pages": pages,
        "memory_pdf_mib": round(pdf.stat().st_size / 1024 / 1024, 1),
        "memory_ingest_rss_mib": round(hwm / 1024, 1),
        "memory_ingest_tree_rss_mib": round(tree_peak / 1024, 1),
        "memory_ingest_seconds": round(secs, 1),
        "memory_ingest_pages_per_min": round(pages / secs * 60, 1),
    }
