"""Read a PDF page's own text layer with pdfplumber, and judge whether it is real text.

Scanners and old converters leave text layers that are empty, made of (cid:NN)
glyph codes, or an invisible OCR layer of junk; such pages are OCRed instead.
"""

from __future__ import annotations

import re

from ingest.layout import layout_text
from ratsarchiv.model import PageText, Word

_WORDLIKE = re.compile(r"^[A-Za-zÄÖÜäöüß][a-zäöüß]+[.,:;!?)]*$")


def text_quality(text: str) -> float:
    """Share of tokens that look like words (0..1); 0 for empty or glyph-code text."""
    if not text or text.count("(cid:") * 9 > len(text) * 0.05:
        return 0.0
    tokens = text.split()
    if len(tokens) < 3:
        return 0.0
    wordlike = sum(1 for t in tokens if _WORDLIKE.match(t.strip("„“\"'(")))
    letters = sum(c.isalpha() for c in text)
    visible = sum(not c.isspace() for c in text) or 1
    return min(wordlike / len(tokens) / 0.5, 1.0) * min(letters / visible / 0.6, 1.0)


def is_usable(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    return letters >= 20 and text_quality(text) >= 0.6


def read_page(plumber_page, number: int) -> PageText:
    """The page's text layer as positioned words and laid-out text (may be unusable)."""
    w, h = float(plumber_page.width), float(plumber_page.height)
    raw = plumber_page.extract_words(keep_blank_chars=False, use_text_flow=False,
                                     extra_attrs=[])
    words = [Word(d["text"], d["x0"] / w, d["top"] / h, d["x1"] / w, d["bottom"] / h)
             for d in raw if d["text"].strip()]
    text, words = layout_text(words)
    return PageText(number=number, text=text, method="text-layer", words=words, width=w, height=h)


def read_pages(path: str, indices: list[int]) -> dict[int, PageText | None]:
    """The text layer of the given pages (0-based) of one PDF where it is real text; None
    for a page whose layer is unusable or that pdfminer cannot read (it is OCRed then).
    Runs in a worker process (see ingest/textworkers.py)."""
    import pdfplumber

    out: dict[int, PageText | None] = dict.fromkeys(indices)
    try:
        doc = pdfplumber.open(path)
    except Exception:  # pdfminer cannot parse it; pdfium could, so these pages are OCRed
        return out
    with doc:
        for index in indices:
            try:
                page = doc.pages[index]
                text = read_page(page, index + 1)
                page.close()
            except Exception:
                continue
            out[index] = text if is_usable(text.text) else None
    return out
