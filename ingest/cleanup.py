"""Optional clean-up of scanned page images before OCR: straighten skewed pages.

Measured, not assumed: bench/cleanup_cer.py compares tesseract's character error rate
with and without each step on noisy scans with known text; only steps that lowered
it are switched on (see bench/README.md for the figures).
"""

from __future__ import annotations

import numpy as np
from PIL import Image

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


def clean_page(img: Image.Image, steps: tuple[str, ...] = ("deskew",)) -> Image.Image:
    for step in steps:
        img = {"deskew": deskew, "binarize": binarize}[step](img)
    return img
