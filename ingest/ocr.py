"""The one place that runs tesseract: its flags, its environment, its errors.

OMP_THREAD_LIMIT=1: we run one tesseract per core ourselves; tesseract's own
OpenMP threads would then fight over the same cores and make the whole batch slower.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from PIL import Image

from ratsarchiv.errors import MissingTool, OcrFailed
from ratsarchiv.model import Word

TESSERACT = "tesseract"


def ocr_env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


@lru_cache(maxsize=1)
def check_tesseract(lang: str = "deu") -> None:
    """Raises MissingTool when tesseract or the language is missing, before any file is
    taken (a file must not go to the quarantine for a missing install)."""
    if not shutil.which(TESSERACT):
        raise MissingTool()
    out = subprocess.run([TESSERACT, "--list-langs"], capture_output=True, text=True, env=ocr_env())
    langs = set(out.stdout.split()) | set(out.stderr.split())
    if lang not in langs:
        raise MissingTool(f"Das tesseract-Sprachpaket „{lang}“ fehlt. Bitte installieren: "
                          f"apt-get install tesseract-ocr-{lang}")


def save_handover(img: Image.Image, path: Path) -> None:
    """The page as tesseract gets it: an uncompressed TIFF, 1 bit for a bilevel scan, else
    8-bit grey. Tesseract reads this about 12 % faster than PGM (leptonica's PNM reader is
    slow), and a 1-bit page spares it its own thresholding (measured, bench/README.md).
    Explicit compression: a frame copied from a TIFF must not carry its source's tags."""
    if img.mode not in ("1", "L"):
        img = img.convert("L")
    img.save(path, format="TIFF", compression="raw")


def ocr_command(image: Path, lang: str, dpi: int | None = None) -> list[str]:
    cmd = [TESSERACT, str(image), "stdout", "-l", lang, "--psm", "3"]
    if dpi:
        cmd += ["--dpi", str(dpi)]
    return cmd + ["tsv"]


class TesseractRun:
    """One tesseract process on one page image, started now and read later, so the caller
    can do other work for the page (the display image) while tesseract runs."""

    def __init__(self, image: Path, lang: str = "deu", dpi: int | None = None, timeout: float = 600):
        self.timeout = timeout
        try:
            self.proc = subprocess.Popen(ocr_command(image, lang, dpi), stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, env=ocr_env())
        except FileNotFoundError as exc:
            raise MissingTool() from exc

    def result(self) -> tuple[list[Word], float | None, int, int]:
        """Words with relative boxes and tesseract line ids, mean confidence, and the image
        size tesseract saw."""
        try:
            out, err = self.proc.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired as exc:
            self.cancel()
            raise OcrFailed(f"Die Texterkennung hat für eine Seite länger als {int(self.timeout)} s "
                            "gebraucht und wurde abgebrochen.") from exc
        if self.proc.returncode != 0:
            msg = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["?"]
            raise OcrFailed(f"Die Texterkennung ist fehlgeschlagen: {msg[0]}")
        return parse_tsv(out.decode("utf-8", "replace"))

    def cancel(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.communicate()


def run_tesseract(image: Path, lang: str = "deu", dpi: int | None = None,
                  timeout: float = 600) -> tuple[list[Word], float | None, int, int]:
    """OCR one page image and wait for it."""
    return TesseractRun(image, lang, dpi, timeout).result()


def parse_tsv(tsv: str) -> tuple[list[Word], float | None, int, int]:
    rows = list(csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows:
        return [], None, 0, 0
    header = rows[0]
    col = {name: i for i, name in enumerate(header)}
    width = height = 0
    line_ids: dict[tuple[str, str, str], int] = {}
    words: list[Word] = []
    confs: list[float] = []
    for r in rows[1:]:
        if len(r) < len(header):
            continue
        level = r[col["level"]]
        if level == "1":
            width, height = int(r[col["width"]]), int(r[col["height"]])
            continue
        if level != "5":
            continue
        text = r[col["text"]].strip()
        if not text:
            continue
        key = (r[col["block_num"]], r[col["par_num"]], r[col["line_num"]])
        line = line_ids.setdefault(key, len(line_ids) + 1)
        left, top = int(r[col["left"]]), int(r[col["top"]])
        w, h = int(r[col["width"]]), int(r[col["height"]])
        conf = float(r[col["conf"]])
        if conf >= 0:
            confs.append(conf)
        words.append(Word(text, left, top, left + w, top + h, line))
    if width and height:
        for wd in words:
            wd.x0, wd.x1 = wd.x0 / width, wd.x1 / width
            wd.y0, wd.y1 = wd.y0 / height, wd.y1 / height
    return words, (sum(confs) / len(confs) if confs else None), width, height
