"""OCR per kind of scan: page CER and speed of Ratsarchiv against plain tesseract.

For each kind in bench/scankinds.py (clean 300 dpi, 200 dpi, noisy, degraded, G4 TIFF)
the same pages are stored as a scanner would store them. Plain tesseract reads each stored
page image (`tesseract IMG - -l deu`, two processes at a time, OMP_THREAD_LIMIT=1);
Ratsarchiv gets the same images as documents (image-only PDFs with the images embedded
unchanged, G4 as one multi-page TIFF per document) through the real `ratsarchiv ingest
--workers 2`, and its page texts are read back from the stored extraction. Page CER is
Levenshtein distance over the reference length after collapsing whitespace, for both
sides alike. The two sides alternate over several rounds; the ratio is the median of the
per-round ratios (plain seconds / Ratsarchiv seconds), so drift on a shared machine hits
both alike.
"""

from __future__ import annotations

import json
import os
import re
import resource
import statistics
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from samples import scankinds
from bench.common import Context, check_ingest, run_cli


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def cer(hyp: str, ref: str) -> float:
    from rapidfuzz.distance import Levenshtein
    ref, hyp = _norm(ref), _norm(hyp)
    return Levenshtein.distance(hyp, ref) / max(1, len(ref))


def plain_tesseract(images: list[Path], procs: int) -> tuple[float, list[str]]:
    """Wall seconds and texts of `tesseract IMG - -l deu` over all images."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(img: Path) -> str:
        proc = subprocess.run(["tesseract", str(img), "-", "-l", "deu"], capture_output=True, env=env)
        if proc.returncode != 0:
            raise RuntimeError(f"tesseract {img.name}: {proc.stderr.decode(errors='replace')[-300:]}")
        return proc.stdout.decode("utf-8", "replace")

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=procs) as pool:
        texts = list(pool.map(one, images))
    return time.perf_counter() - t0, texts


def children_cpu() -> float:
    """CPU seconds (user + system) of every finished child process so far: tesseract for the
    baseline, `ratsarchiv ingest` with its tesseract processes for Ratsarchiv. Less noisy than
    wall time on a shared machine (others' load mostly stretches waiting, not our own work)."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def ratsarchiv_texts(data: Path) -> dict[tuple[str, int], dict]:
    """(file name, page number) -> stored page (text, method, ocr detail)."""
    out = {}
    for path in (data / "extracted").glob("*.json"):
        ex = json.loads(path.read_text(encoding="utf-8"))
        for page in ex["pages"]:
            out[(ex["filename"], page["number"])] = page
    return out


def build(ctx: Context, kind: str, pages: list[scankinds.Page]) -> tuple[Path, list[Path], list[str]]:
    """Documents for Ratsarchiv, the same page images as files for tesseract, and each
    page's file name in Ratsarchiv (document file name) for reading the result back."""
    docs, imgs = ctx.dir(f"scan_kinds/{kind}/docs"), ctx.dir(f"scan_kinds/{kind}/images")
    scans = [scankinds.scan(p, kind, pages[(i + 1) % len(pages)]) for i, p in enumerate(pages)]
    paths = []
    for i, sp in enumerate(scans):
        path = imgs / f"{i:03d}-{sp.page.doc}-{sp.page.number}{sp.suffix}"
        path.write_bytes(sp.data)
        paths.append(path)
    files = scankinds.write_documents(scans, kind, docs)
    names = {f.name.rsplit(f"-{kind}.", 1)[0]: f.name for f in files}
    return docs, paths, [names[p.doc] for p in pages]


def measure_kind(ctx: Context, kind: str, pages: list[scankinds.Page], rounds: int) -> dict:
    docs, images, filenames = build(ctx, kind, pages)
    plain_s, ours_s, plain_cpu, ours_cpu, plain_texts, stored = [], [], [], [], [], {}

    def plain_side() -> list[str]:
        cpu0 = children_cpu()
        secs, texts = plain_tesseract(images, ctx.workers)
        plain_s.append(secs)
        plain_cpu.append(children_cpu() - cpu0)
        return texts

    for r in range(rounds):  # alternate the two sides, so drift hits both alike
        first_plain = r % 2 == 0
        if first_plain:
            plain_texts = plain_side()
        data = ctx.dir(f"scan_kinds/{kind}/data{r}")
        cpu0 = children_cpu()
        secs, proc = run_cli(["ingest", str(docs), "--workers", str(ctx.workers)], data)
        ours_cpu.append(children_cpu() - cpu0)
        check_ingest(proc, f"Scans {kind}")
        ours_s.append(secs)
        stored = ratsarchiv_texts(data)
        if not first_plain:
            plain_texts = plain_side()
    per_page = []
    for page, fname, plain in zip(pages, filenames, plain_texts):
        ours = stored.get((fname, page.number)) or {"text": "", "ocr": None}
        detail = ours.get("ocr") or {}
        per_page.append({"doc": page.doc, "page": page.number,
                         "plain_cer": round(cer(plain, page.text), 4),
                         "ratsarchiv_cer": round(cer(ours["text"], page.text), 4),
                         "plain_empty": not plain.strip(), "ratsarchiv_empty": not ours["text"].strip(),
                         "preprocessing": detail.get("preprocessing"), "tries": detail.get("tries"),
                         "confidence": detail.get("confidence")})
    n = len(per_page)
    ratios = [p / o for p, o in zip(plain_s, ours_s)]
    return {
        "pages": n,
        "plain_cer_pct": round(100 * sum(p["plain_cer"] for p in per_page) / n, 2),
        "ratsarchiv_cer_pct": round(100 * sum(p["ratsarchiv_cer"] for p in per_page) / n, 2),
        "plain_empty": sum(p["plain_empty"] for p in per_page),
        "ratsarchiv_empty": sum(p["ratsarchiv_empty"] for p in per_page),
        "extra_tries": sum((p["tries"] or 1) - 1 for p in per_page),
        "cleaned": sum(1 for p in per_page if p["preprocessing"]),
        "ratio": round(statistics.median(ratios), 3),
        "cpu_ratio": round(statistics.median(p / o for p, o in zip(plain_cpu, ours_cpu)), 3),
        "plain_cpu_seconds": [round(s, 2) for s in plain_cpu],
        "ratsarchiv_cpu_seconds": [round(s, 2) for s in ours_cpu],
        "plain_seconds": [round(s, 2) for s in plain_s],
        "ratsarchiv_seconds": [round(s, 2) for s in ours_s],
        "per_page": per_page,
    }


def wrapper_cost(ctx: Context, images: list[Path], rounds: int) -> dict:
    """The ways of starting tesseract for the same TSV on the same hand-over images, two at
    a time, alternating: the tesseract CLI directly, pytesseract (a process per page, as the
    OCR workers of old did), and ingest/tesseract.py's TesseractReader (one long-lived process
    per worker, what `ratsarchiv ingest` uses)."""
    from PIL import Image

    from ingest import ocr

    tifs = []
    for i, src in enumerate(images):
        with Image.open(src) as img:
            tif = ctx.work / "scan_kinds" / f"wrapper-{i}.tif"
            ocr.save_handover(img if img.mode == "1" else img.convert("L"), tif, 300)
            tifs.append(tif)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def cli(img: Path) -> str:
        return subprocess.run(["tesseract", str(img), "stdout", "-l", "deu", "--psm", "3", "--dpi", "300", "tsv"],
                              capture_output=True, env=env, check=True).stdout.decode()

    def wrapped(img: Path) -> str:
        return ocr.tesseract_tsv(img, "deu", 300)

    def side(name: str) -> float:
        t0 = time.perf_counter()
        if name == "reader":
            readers = ocr.Readers(ctx.workers)  # started inside the timing, as `ratsarchiv ingest` does

            def read(img: Path) -> str:
                with readers as reader:
                    return reader.read(img)
            try:
                with ThreadPoolExecutor(max_workers=ctx.workers) as pool:
                    list(pool.map(read, tifs))
            finally:
                readers.close()
        else:
            with ThreadPoolExecutor(max_workers=ctx.workers) as pool:
                list(pool.map(cli if name == "cli" else wrapped, tifs))
        return time.perf_counter() - t0

    names = ("cli", "pytesseract", "reader")
    secs: dict[str, list[float]] = {n: [] for n in names}
    for r in range(rounds):
        for name in (names[r % 3:] + names[:r % 3]):  # each side first in turn
            secs[name].append(side(name))
    ratios = [c / p for c, p in zip(secs["cli"], secs["pytesseract"])]
    reader = [p / r for p, r in zip(secs["pytesseract"], secs["reader"])]
    return {"scan_pytesseract_vs_cli_ratio": round(statistics.median(ratios), 3),
            "scan_reader_vs_pytesseract_ratio": round(statistics.median(reader), 3),
            "scan_pytesseract_seconds": {k: [round(x, 2) for x in v] for k, v in secs.items()}}


PAGES, ROUNDS = 24, 5  # a full run: about 26 min on two quiet cores (bench/README.md)


def run(ctx: Context) -> dict:
    count = ctx.scan_pages or (2 if ctx.quick else PAGES)
    rounds = ctx.scan_rounds or (1 if ctx.quick else ROUNDS)
    real_pages = round(count * 14 / 30)  # the same mix as the first full run (16 book + 14 real-dev of 30)
    pages = scankinds.pages(count - real_pages, real_pages)
    kinds = ctx.scan_kinds or scankinds.KINDS
    unknown = set(kinds) - set(scankinds.KINDS)
    if unknown:
        raise ValueError(f"Unbekannte Scan-Art: {', '.join(sorted(unknown))}")
    out: dict = {"scan_rounds": rounds}
    rows = []
    for kind in kinds:
        ctx.say(f"Scan-Art {kind}: {len(pages)} Seiten, {rounds} Runde(n)")
        res = measure_kind(ctx, kind, pages, rounds)
        out[f"scan_{kind}_pages"] = res["pages"]
        out[f"scan_{kind}_plain_cer_pct"] = res["plain_cer_pct"]
        out[f"scan_{kind}_ratsarchiv_cer_pct"] = res["ratsarchiv_cer_pct"]
        out[f"scan_{kind}_plain_empty_pages"] = res["plain_empty"]
        out[f"scan_{kind}_ratsarchiv_empty_pages"] = res["ratsarchiv_empty"]
        out[f"scan_{kind}_cleaned_pages"] = res["cleaned"]
        out[f"scan_{kind}_extra_tries"] = res["extra_tries"]
        out[f"scan_{kind}_vs_tesseract_ratio"] = res["ratio"]
        out[f"scan_{kind}_cpu_ratio"] = res["cpu_ratio"]
        out[f"scan_{kind}_seconds"] = {"plain": res["plain_seconds"], "ratsarchiv": res["ratsarchiv_seconds"]}
        out[f"scan_{kind}_cpu_seconds"] = {"plain": res["plain_cpu_seconds"],
                                           "ratsarchiv": res["ratsarchiv_cpu_seconds"]}
        out[f"scan_{kind}_per_page"] = res["per_page"]
        rows.append(f"{kind:<9} {res['pages']:>6} {res['plain_cer_pct']:>9.2f} % {res['ratsarchiv_cer_pct']:>9.2f} % "
                    f"{res['plain_empty']:>3}/{res['ratsarchiv_empty']:<3} {res['cleaned']:>8} {res['extra_tries']:>6} "
                    f"{res['ratio']:>7.3f} {res['cpu_ratio']:>7.3f}")
    head = (f"Scan-Arten (CER je Seite; Tempo = tesseract-Sekunden / Ratsarchiv-Sekunden, Median aus {rounds};\n"
            f"CPU = dasselbe mit CPU-Sekunden aller Prozesse)\n"
            f"{'Art':<9} {'Seiten':>6} {'tesseract':>11} {'Ratsarchiv':>11} {'leer':>7} {'bereinigt':>8} "
            f"{'+Läufe':>6} {'Tempo':>7} {'CPU':>7}")
    out["tables"] = [head + "\n" + "\n".join(rows)]
    if not ctx.quick and ctx.scan_kinds is None:  # the wrapper's cost: only in a run of every kind
        clean = sorted((ctx.work / "scan_kinds" / "clean" / "images").iterdir())[:8]
        ctx.say(f"tesseract direkt, pytesseract und ein langlebiger tesseract: {len(clean)} Seiten, 5 Runden")
        out.update(wrapper_cost(ctx, clean, 5))
    return out
