"""Clean-up steps for scanned page images, each a plain image -> image function.

None runs on every page: ingest/ocr.py tries them only where the page's own measurement
says the scan is bad (ingest/pagequality.py), and keeps a result only when it reads
better (bench/scan_kinds.py has the figures per kind of scan).
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter, ImageOps

MAX_ANGLE = 3.0  # degrees; larger skew is rare on a flatbed and handled by tesseract itself


STRIPS = 32  # vertical strips whose row profiles are shifted against each other


def _strip_profiles(img: Image.Image, rows: int = 1800) -> np.ndarray:
    """Mean darkness per row in each of STRIPS vertical strips, at about `rows` rows: one
    box-filter pass over the page does all the work."""
    gray = img if img.mode == "L" else img.convert("L")
    small = gray.reduce((max(1, gray.width // STRIPS), max(1, round(gray.height / rows))))
    return (255.0 - np.asarray(small, dtype=np.float32))[:, :STRIPS].T


def _sharpness(strips: np.ndarray, slope: float) -> float:
    """How peaked the row profile is when each strip is shifted by `slope` rows per column:
    for the small angles of a flatbed scan this shear is the rotation that straightens the
    lines, and it costs one add per strip instead of rotating the whole image."""
    k, h = strips.shape
    strip_width = 1.0 / k
    shifts = np.round(slope * (np.arange(k) + 0.5) * strip_width).astype(int)
    pad = int(np.abs(shifts).max()) if k else 0
    profile = np.zeros(h + 2 * pad, dtype=np.float64)
    for row, shift in zip(strips, shifts):
        profile[pad + shift:pad + shift + h] += row
    return float(np.square(np.diff(profile)).sum())


def skew_angle(img: Image.Image) -> float:
    """Angle (degrees, counter-clockwise, as for Image.rotate) that makes text lines
    horizontal: the shear whose row profile of ink is most peaked (lines and gaps sharply
    separated). Coarse steps of 0.5° first, then 0.1° around the best."""
    strips = _strip_profiles(img)
    width_rows = strips.shape[1] * img.width / img.height if img.height else 0.0  # width in row units
    def score(angle: float) -> float:
        return _sharpness(strips, np.tan(np.radians(-angle)) * width_rows)
    coarse = max(np.arange(-MAX_ANGLE, MAX_ANGLE + 1e-9, 0.5), key=score)
    fine = max(np.arange(coarse - 0.4, coarse + 0.41, 0.1), key=score)
    return round(float(fine), 2)


def deskew(img: Image.Image, min_angle: float = 0.3) -> Image.Image:
    angle = skew_angle(img)
    if abs(angle) < min_angle:
        return img
    return img.convert("L").rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)


def binarize(img: Image.Image, window: int = 41, k: float = 0.15) -> Image.Image:
    """Local (Sauvola-style) threshold, for pages with uneven background."""
    a = np.asarray(img.convert("L"), dtype=np.float64)
    pad = window // 2
    p = np.pad(a, pad + 1, mode="edge")
    ii = p.cumsum(0).cumsum(1)
    ii2 = (p * p).cumsum(0).cumsum(1)
    h, w = a.shape

    def box(s):
        return (s[window:window + h, window:window + w] - s[:h, window:window + w]
                - s[window:window + h, :w] + s[:h, :w])
    n = window * window
    mean = box(ii) / n
    std = np.sqrt(np.maximum(box(ii2) / n - mean * mean, 0))
    thresh = mean * (1 + k * (std / 128 - 1))
    return Image.fromarray(np.where(a > thresh, 255, 0).astype(np.uint8))


MEDIAN_BAND = 128  # rows per pass: the ~20 intermediate arrays of one band stay in the CPU cache


def median3(img: Image.Image) -> Image.Image:
    """3×3 median: removes salt-and-pepper specks and grain, which otherwise make
    tesseract take a page for a picture, and keeps strokes of 2 px and more.

    Exact, by sorting each column of three and taking the median of (largest low, median
    of middles, smallest high) across three columns: about 20 whole-array min/max passes.
    Done in bands of MEDIAN_BAND rows so those passes run in the cache instead of over
    8.7 Mpx of memory each: ≈ 16 ms a 300-dpi page instead of 70 ms for the whole page at
    once, and some 60× faster than PIL's MedianFilter (1 s a page)."""
    a = np.pad(np.asarray(_gray(img)), 1, mode="edge")
    height, width = a.shape[0] - 2, a.shape[1] - 2
    out = np.empty((height, width), dtype=np.uint8)
    for y0 in range(0, height, MEDIAN_BAND):
        y1 = min(height, y0 + MEDIAN_BAND)
        out[y0:y1] = _median_rows(a[y0:y1], a[y0 + 1:y1 + 1], a[y0 + 2:y1 + 2])
    return Image.fromarray(out)


def _median_rows(up: np.ndarray, mid: np.ndarray, down: np.ndarray) -> np.ndarray:
    """The 3×3 median of the rows `mid` (padded by one column each side), given the rows
    above and below."""
    lo, hi = np.minimum(up, mid), np.maximum(up, mid)
    med = np.minimum(hi, down)
    np.maximum(lo, med, out=med)  # median of each column of three
    np.minimum(lo, down, out=lo)
    np.maximum(hi, down, out=hi)
    low = np.maximum(lo[:, :-2], lo[:, 1:-1])
    np.maximum(low, lo[:, 2:], out=low)  # largest of the three column minima
    high = np.minimum(hi[:, :-2], hi[:, 1:-1])
    np.minimum(high, hi[:, 2:], out=high)  # smallest of the three column maxima
    middle = _med3(med[:, :-2], med[:, 1:-1], med[:, 2:])
    return _med3(low, middle, high)


def _med3(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    return np.maximum(np.minimum(a, b), np.minimum(np.maximum(a, b), c))


def normalize_background(img: Image.Image) -> Image.Image:
    """Divide by the paper's own brightness (the page with text closed away, at 1/8 size):
    grey or uneven paper and shadows become white, the ink keeps its darkness against it."""
    gray = _gray(img)
    small = gray.reduce(8).filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.BoxBlur(4))
    paper = np.asarray(small.resize(gray.size, Image.Resampling.BILINEAR), dtype=np.float32)
    a = np.asarray(gray, dtype=np.float32)
    return Image.fromarray(np.clip(a * 255.0 / np.maximum(paper, 1.0), 0, 255).astype(np.uint8))


def stretch_contrast(img: Image.Image) -> Image.Image:
    """Spread the grey levels between the darkest and lightest 1 % over the full range:
    faded ink on dark paper gets the contrast tesseract's threshold expects."""
    return ImageOps.autocontrast(_gray(img), cutoff=1)


def otsu(img: Image.Image) -> Image.Image:
    """1-bit page at the global Otsu threshold of its grey levels. For a page already freed
    of specks and grain (median3) tesseract reads the bilevel page at about the same error
    rate as the grey one and in clearly less time (bench/README.md): it spares its own
    thresholding and works on a bilevel image from there on."""
    gray = _gray(img)
    threshold = otsu_threshold(gray.histogram())
    return gray.point(lambda v: 255 if v > threshold else 0, mode="1")


def otsu_threshold(hist: list[int]) -> int:
    """The grey level that best separates ink from paper (Otsu: largest between-class
    variance); pixels above it are paper."""
    counts = np.asarray(hist[:256], dtype=np.float64)
    total = counts.sum()
    if not total:
        return 127
    p = counts / total
    weight = np.cumsum(p)
    mean = np.cumsum(p * np.arange(256))
    between = (mean[-1] * weight - mean) ** 2 / np.maximum(weight * (1 - weight), 1e-12)
    return int(np.argmax(between))


def _gray(img: Image.Image) -> Image.Image:
    return img if img.mode == "L" else img.convert("L")


STEPS = {"median3": median3, "background": normalize_background, "stretch": stretch_contrast,
         "sauvola": binarize, "deskew": deskew, "binarize": binarize, "otsu": otsu}


def clean_page(img: Image.Image, steps: tuple[str, ...] = ()) -> Image.Image:
    for step in steps:
        img = STEPS[step](img)
    return img
