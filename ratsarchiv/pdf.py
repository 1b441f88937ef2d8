"""pdfium, opened from this module only, with one lock policy.

pdfium is not thread-safe, and files are read in several threads at once (the page
count in detection, which pages have text, scans handed to OCR, page images the web
renders on demand). Every call into pdfium holds `_lock`, and the lock is taken per
page, never across a whole document, so a 500-page file does not hold up the others.

pdfplumber (the text layer, in worker processes) does not use pdfium.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path

from PIL import Image

_lock = threading.RLock()


class PdfError(Exception):
    """pdfium could not open the document; `encrypted` when it needs a password."""

    def __init__(self, message: str, encrypted: bool = False):
        super().__init__(message)
        self.encrypted = encrypted


@contextmanager
def _document(path: Path):
    import pypdfium2 as pdfium

    try:
        with _lock:
            doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        raise PdfError(str(exc), encrypted="password" in text or "security" in text) from exc
    try:
        yield doc
    finally:
        with _lock:
            doc.close()


def page_count(path: Path) -> int:
    with _document(path) as doc, _lock:
        return len(doc)


def pages_with_text(path: Path, count: int) -> list[bool]:
    """Which pages have any text objects (fast, in C): only those are worth reading with
    pdfplumber. A page pdfium cannot load counts as text, so pdfplumber gets a try."""
    out = [True] * count
    with _document(path) as doc:
        for index in range(count):
            with _lock:
                try:
                    page = doc[index]
                    textpage = page.get_textpage()
                    out[index] = textpage.count_chars() > 0
                    textpage.close()
                    page.close()
                except Exception:
                    pass
    return out


def scanned_image(path: Path, index: int, dpi: int) -> tuple[Image.Image | None, int]:
    """If the page is a plain scan (one upright image filling the page, nothing else), the
    scan itself and its resolution; else (None, dpi).

    Taking the scanned image as it is stored is cheaper than rendering the page, and
    tesseract then sees the scanner's own pixels (bilevel scans stay 1-bit)."""
    import pypdfium2 as pdfium

    with _document(path) as doc, _lock:
        page = doc[index]
        image = None
        image_dpi = dpi
        objs = list(page.get_objects(max_depth=1))
        if len(objs) == 1 and objs[0].type == pdfium.raw.FPDF_PAGEOBJ_IMAGE and page.get_rotation() == 0:
            w_pt, h_pt = page.get_size()
            left, bottom, right, top = objs[0].get_bounds()
            a, b, c, d, _e, _f = objs[0].get_matrix().get()
            covers = (right - left) > 0.9 * w_pt and (top - bottom) > 0.9 * h_pt
            if covers and b == 0 and c == 0 and a > 0 and d > 0:
                img = objs[0].get_bitmap(render=False).to_pil()
                image_dpi = round(img.width / (w_pt / 72))
                if 150 <= image_dpi <= 600:
                    bilevel = objs[0].get_metadata().bits_per_pixel == 1
                    image = img.convert("1", dither=Image.Dither.NONE) if bilevel else img.convert("L")
        page.close()
        return image, image_dpi


def render_page(path: Path, index: int, dpi: int) -> Image.Image:
    """The page (0-based) rendered in grey at `dpi`."""
    with _document(path) as doc, _lock:
        page = doc[index]
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        img = bitmap.to_pil().convert("L")
        page.close()
        return img
