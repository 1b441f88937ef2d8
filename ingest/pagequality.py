"""Judging a page, measured in the same run: is the scan specky, and did the OCR read text?

Two signals, both cheap:

* before OCR, `speck_share`: the share of pixels that stand alone (much darker or lighter
  than all eight neighbours). Printed strokes are never one pixel on their own at 200 dpi
  or more, dust and salt-and-pepper noise always are; on the bench's clean, 200-dpi and G4
  pages it is exactly 0, on noisy and degraded scans 1.8–4 ‰.
* after OCR, `judge`: tesseract's word confidences and the share of words that look like
  words of a language (letters in a plausible case pattern, with a vowel, or numbers),
  an empty result counting as bad.

Why both: a second tesseract run costs as much as the first, so a page whose scan is
specky starts with the filter that removes specks (cheaper for tesseract, too), and only a
page whose reading is bad by the OCR signal gets more tries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from PIL import Image

SPECKY = 0.0003  # share of lone pixels above which a page starts with the median filter
MAX_INK = 0.2  # share of black pixels above which a 1-bit page took shadows or bleed-through for ink
GOOD_CONFIDENCE = 85.0  # mean word confidence (0..100) of a reading that needs no other try
GOOD_WORDLIKE = 0.85  # share of word-like tokens of a reading that needs no other try
_TILE = 256
_CONTRAST = 60  # grey levels a lone pixel differs from all its neighbours

_LOWER_WORD = re.compile(r"[A-ZÄÖÜ]?[a-zäöüß]+")  # Anfrage, beantwortet
_ACRONYM = re.compile(r"[A-ZÄÖÜ][A-Za-zÄÖÜäöüß]{1,5}")  # SPD, AfD, GmbH (two capitals or more)
_NUMBER = re.compile(r"\d[\d.,:/]*")  # 101.18.1671, 2019/0456, 16:30
_PUNCT = "()[]„“”\"'‚‘’.,;:!?*"
_VOWEL = re.compile(r"[aeiouyäöüAEIOUYÄÖÜ]")


def speck_share(img: Image.Image) -> float:
    """Share of lone pixels, on twelve tiles spread over the page (about 15 ms a page)."""
    gray = img if img.mode == "L" else img.convert("L")
    w, h = gray.size
    if w < 3 * _TILE or h < 3 * _TILE:
        tiles = [gray]
    else:
        tiles = [gray.crop((int(w * fx) - _TILE // 2, int(h * fy) - _TILE // 2,
                            int(w * fx) + _TILE // 2, int(h * fy) + _TILE // 2))
                 for fx in (0.25, 0.5, 0.75) for fy in (0.2, 0.4, 0.6, 0.8)]
    lone = total = 0
    for tile in tiles:
        a = np.asarray(tile, dtype=np.int16)
        if a.shape[0] < 3 or a.shape[1] < 3:
            continue
        core = a[1:-1, 1:-1]
        rows, cols = a.shape
        around = [a[1 + dy:rows - 1 + dy, 1 + dx:cols - 1 + dx]
                  for dy in (-1, 0, 1) for dx in (-1, 0, 1) if dy or dx]
        darker = core + _CONTRAST < np.minimum.reduce(around)
        lighter = core - _CONTRAST > np.maximum.reduce(around)
        lone += int((darker | lighter).sum())
        total += core.size
    return lone / total if total else 0.0


def is_specky(img: Image.Image) -> bool:
    return speck_share(img) > SPECKY


def ink_share(bilevel: Image.Image) -> float:
    """Share of black pixels of a 1-bit page. Printed text blackens 2–8 % of a page (bench
    pages after median and Otsu: 1.6–7.3 %); far more means the threshold fell between
    paper and a shadow or the reverse page showing through (a bench page: 37 %, read at
    78 % CER against 2.5 % for the page as it came)."""
    hist = bilevel.histogram()
    total = sum(hist)
    return hist[0] / total if total else 0.0


def wordlike(token: str) -> bool:
    """A token that reads like a word or a number of a minute book, not OCR debris:
    each hyphen-joined part a lower-case word (capital first allowed) with a vowel, an
    acronym, or a number."""
    core = token.strip(_PUNCT)
    parts = core.split("-")
    return bool(core) and all(_part_ok(p) for p in parts if p) and any(parts)


def _part_ok(part: str) -> bool:
    if _NUMBER.fullmatch(part):
        return True
    if _LOWER_WORD.fullmatch(part):
        return len(part) == 1 or bool(_VOWEL.search(part))
    return bool(_ACRONYM.fullmatch(part)) and sum(c.isupper() for c in part) >= 2


@dataclass(frozen=True)
class Reading:
    """How well one tesseract run read a page."""
    words: int
    confidence: float | None  # mean word confidence, 0..100
    wordlike: float  # share of word-like tokens

    @property
    def score(self) -> float:
        """Expected count of well-read words: what picks the better of two tries."""
        if not self.words or self.confidence is None:
            return 0.0
        return self.words * self.wordlike * self.confidence / 100

    @property
    def good(self) -> bool:
        return (self.words > 0 and self.confidence is not None
                and self.confidence >= GOOD_CONFIDENCE and self.wordlike >= GOOD_WORDLIKE)


def judge(tokens: list[str], confidences: list[float]) -> Reading:
    if not tokens:
        return Reading(0, None, 0.0)
    share = sum(1 for t in tokens if wordlike(t)) / len(tokens)
    conf = sum(confidences) / len(confidences) if confidences else None
    return Reading(len(tokens), conf, share)
