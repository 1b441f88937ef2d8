"""Character error rate of tesseract on noisy scans with known text, with and without clean-up.

    python -m bench.cleanup_cer [--pages N]

Pages come from the ground-truth minute books (samples.minutes) drawn as noisy scans;
the reference text is what was drawn. Each variant OCRs the same images.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ingest import cleanup, ocr
from ingest.layout import layout_text

VARIANTS = {"ohne": (), "deskew": ("deskew",), "binarize": ("binarize",), "deskew+binarize": ("deskew", "binarize")}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def cer(hyp: str, ref: str) -> float:
    from rapidfuzz.distance import Levenshtein
    ref, hyp = _norm(ref), _norm(hyp)
    return Levenshtein.distance(hyp, ref) / max(1, len(ref))


def pages(n: int, quality: str = "noisy"):
    from samples import minutes
    out = []
    for book in minutes.all_books():
        for i, img in enumerate(minutes.render_page_images(book, quality=quality)):
            out.append((img, minutes.page_text(book, i)))
            if len(out) >= n:
                return out
    return out


def _ocr(img, tmp: Path, name: str) -> str:
    path = tmp / f"{name}.tif"
    ocr.save_handover(img, path)
    words, _, _, _ = ocr.run_tesseract(path, "deu", 300)
    return layout_text(words)[0]


def measure(n: int = 8, quality: str = "noisy", workers: int = 2) -> dict[str, float]:
    data = pages(n, quality)
    results = {}
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(workers) as pool:
        for variant, steps in VARIANTS.items():
            jobs = [pool.submit(_ocr, cleanup.clean_page(img, steps), Path(tmp), f"{variant}-{i}")
                    for i, (img, _) in enumerate(data)]
            rates = [cer(j.result(), ref) for j, (_, ref) in zip(jobs, data)]
            results[variant] = round(sum(rates) / len(rates), 4)
    return results


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=8)
    ap.add_argument("--quality", default="noisy")
    args = ap.parse_args()
    res = measure(args.pages, args.quality)
    for k, v in res.items():
        print(f"{k:18} CER {v * 100:.2f} %")


if __name__ == "__main__":
    main()
