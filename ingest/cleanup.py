"""Optional clean-up of scanned page images before OCR: straighten skewed pages.

Measured, not assumed: bench/cleanup_cer.py compares tesseract's character error rate
with and without each step on noisy scans with known text; only steps that lowered
it are switched on (see bench/README.md for the figures).
"""

from __future__ import annotations

import numpy as np
from PIL import Image

MAX_ANGLE = 3.0  # degrees; larger skew is rare on a flatbed and handled by tesseract itself


def _ink(img: Image.Image, width: int = 620) -> np.ndarray:
    small = img.convert("L")
    if small.width > width:
        small = small.reduce(max(1, small.width // width))  # box filter: fast, keeps thin strokes
    a = np.asarray(small, dtype=np.uint8)
    threshold = min(200, int(a.mean() * 0.75))
    return (a < threshold).astype(np.uint8)


def _sharpness(ink: Image.Image, angle: float) -> float:
    rotated = np.asarray(ink.rotate(float(angle), resample=Image.Resampling.NEAREST, fillcolor=0))
    profile = rotated.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(profile)).sum())


def skew_angle(img: Image.Image) -> float:
    """Angle (degrees, counter-clockwise) that makes text lines horizontal: the rotation
    whose row profile of ink is most peaked (lines and gaps sharply separated). Coarse
    steps of 0.5° first, then 0.1° around the best."""
    ink = Image.fromarray(_ink(img) * 255)
    coarse = max(np.arange(-MAX_ANGLE, MAX_ANGLE + 1e-9, 0.5), key=lambda a: _sharpness(ink, a))
    fine = max(np.arange(coarse - 0.4, coarse + 0.41, 0.1), key=lambda a: _sharpness(ink, a))
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
