"""Turn a detected source into page texts: text layer where it is real, OCR where not.

Pages stream through: a page is rendered, written to a temporary image, handed to
a tesseract worker and dropped from memory, so a 500-page scan never sits in RAM.
At most `2 × workers` rendered pages wait for OCR at any time.
"""

from __future__ import annotations

import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from PIL import Image

from ingest import cleanup, ocr, textlayer
from ingest.detect import Source, open_image, pdfium_lock
from ingest.layout import layout_text
from ratsarchiv.model import Extraction, PageText
from ingest.textworkers import TextLayerReader
from ratsarchiv.errors import CorruptFile, NoTextFound
from ratsarchiv.settings import Settings

Progress = Callable[[int, int], None]


def page_image_path(settings: Settings, sha: str, number: int) -> Path:
    return settings.pages_dir / sha / f"{number}.jpg"


def save_display_image(img: Image.Image, path: Path, width: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if img.mode != "L":
        img = img.convert("L")
    if img.width > width:
        factor = img.width // width
        if factor >= 2:
            img = img.reduce(factor)  # box filter: fast, and fine for display
        if img.width > width:
            img = img.resize((width, round(img.height * width / img.width)), Image.Resampling.BILINEAR)
    tmp = path.with_suffix(".tmp")
    img.save(tmp, "JPEG", quality=80)
    tmp.replace(path)


def render_pdf_page(path: Path, index: int, dpi: int) -> Image.Image:
    import pypdfium2 as pdfium

    with pdfium_lock:
        doc = pdfium.PdfDocument(str(path))
        try:
            page = doc[index]
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            img = bitmap.to_pil().convert("L")
            page.close()
            return img
        finally:
            doc.close()


def pages_with_text(path: Path, count: int) -> list[bool]:
    """Which pages have any text objects, by pdfium (fast, C): only those are handed to
    pdfplumber; a page pdfium cannot load counts as text, so pdfplumber gets a try. The
    pdfium lock is taken per page, so a long document does not hold up other files."""
    import pypdfium2 as pdfium

    out = [True] * count
    try:
        with pdfium_lock:
            doc = pdfium.PdfDocument(str(path))
    except Exception as exc:
        raise CorruptFile(f"Die PDF kann nicht gelesen werden ({exc}).") from exc
    try:
        for index in range(count):
            with pdfium_lock:
                try:
                    page = doc[index]
                    textpage = page.get_textpage()
                    out[index] = textpage.count_chars() > 0
                    textpage.close()
                    page.close()
                except Exception:
                    pass
    finally:
        with pdfium_lock:
            doc.close()
    return out


def scanned_image(path: Path, index: int, dpi: int) -> tuple[Image.Image | None, int]:
    """If the PDF page is a plain scan (one upright image filling the page, nothing else),
    the scan itself and its resolution.

    Taking the scanned image as it is stored is cheaper than rendering the page, and
    tesseract then sees the scanner's own pixels (bilevel scans stay 1-bit)."""
    import pypdfium2 as pdfium

    with pdfium_lock:
        doc = pdfium.PdfDocument(str(path))
        try:
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
        finally:
            doc.close()


def _ocr_page(img: Image.Image, number: int, settings: Settings, dpi: int | None,
              tmpdir: Path, display_path: Path) -> PageText:
    """Runs in an OCR worker: clean up, hand the page to tesseract, and make the display
    image (after clean-up, so word boxes line up with it) while tesseract runs."""
    if settings.cleanup:
        img = cleanup.clean_page(img)
    img_path = tmpdir / f"{number}.tif"
    ocr.save_handover(img, img_path)
    run = ocr.TesseractRun(img_path, settings.ocr_lang, dpi)
    try:
        save_display_image(img, display_path, settings.display_width)
        del img
        words, conf, w, h = run.result()
    except BaseException:
        run.cancel()
        raise
    finally:
        img_path.unlink(missing_ok=True)
    text, words = layout_text(words)
    return PageText(number=number, text=text, method="ocr", words=words, width=w, height=h,
                    confidence=conf)


class _OcrQueue:
    """Submits pages to the shared pool while bounding how many wait at once."""

    def __init__(self, pool: ThreadPoolExecutor, settings: Settings, tmpdir: Path, sha: str):
        self.pool, self.settings, self.tmpdir, self.sha = pool, settings, tmpdir, sha
        self.slots = threading.BoundedSemaphore(max(2, settings.workers * 2))

    def submit(self, img: Image.Image, number: int, dpi: int | None) -> Future:
        self.slots.acquire()
        fut = self.pool.submit(_ocr_page, img, number, self.settings, dpi, self.tmpdir,
                               page_image_path(self.settings, self.sha, number))
        fut.add_done_callback(lambda _f: self.slots.release())
        return fut


def extract(source: Source, sha: str, filename: str, settings: Settings,
            pool: ThreadPoolExecutor, progress: Progress | None = None,
            texts: TextLayerReader | None = None) -> Extraction:
    """`texts`: worker processes for text layers; without it they are read in this process."""
    progress = progress or (lambda done, total: None)
    total = source.page_count
    results: list[PageText | Future] = []
    with tempfile.TemporaryDirectory(prefix="ratsarchiv-ocr-") as tmp:
        queue = _OcrQueue(pool, settings, Path(tmp), sha)
        if source.kind == "pdf":
            pages = _pdf_pages(source, settings, queue, texts)
        else:
            pages = _image_pages(source, settings, queue)
        for item in pages:
            results.append(item)
            progress(sum(1 for r in results if isinstance(r, PageText) or r.done()), total)
        out: list[PageText] = []
        for i, r in enumerate(results):
            out.append(r.result() if isinstance(r, Future) else r)
            progress(i + 1, total)
    if not any(p.text.strip() for p in out):
        raise NoTextFound()
    return Extraction(sha256=sha, filename=filename, kind=source.kind, pages=out)


def _pdf_pages(source: Source, settings: Settings, queue: _OcrQueue, texts: TextLayerReader | None):
    has_text = pages_with_text(source.path, source.page_count)
    wanted = [i for i, t in enumerate(has_text) if t]
    pending = {}
    if texts is not None and wanted:
        pending = texts.submit(str(source.path), wanted)

        def text_layer(index: int) -> PageText | None:
            return texts.result(pending[index], index)
    else:
        text_layer = (textlayer.read_pages(str(source.path), wanted) if wanted else {}).get
    try:
        yield from _pdf_page_texts(source, settings, queue, has_text, text_layer)
    finally:  # a file that failed part-way does not keep the text workers busy
        if pending:
            texts.cancel(pending)


def _pdf_page_texts(source: Source, settings: Settings, queue: _OcrQueue, has_text: list[bool],
                    text_layer: Callable[[int], PageText | None]):
    for index in range(source.page_count):
        number = index + 1
        if has_text[index]:
            page = text_layer(index)
            if page is not None and textlayer.is_usable(page.text):
                yield page
                continue
        try:
            scan, scan_dpi = scanned_image(source.path, index, settings.ocr_dpi)
        except Exception:
            scan, scan_dpi = None, settings.ocr_dpi
        if scan is not None:
            yield queue.submit(scan, number, scan_dpi)
            del scan
            continue
        try:
            img = render_pdf_page(source.path, index, settings.ocr_dpi)
        except Exception as exc:
            raise CorruptFile(f"Seite {number} der PDF kann nicht gelesen werden ({exc}).") from exc
        yield queue.submit(img, number, settings.ocr_dpi)
        del img


def _image_pages(source: Source, settings: Settings, queue: _OcrQueue):
    img = open_image(source.path, settings)
    try:
        for index in range(source.page_count):
            try:
                img.seek(index)
                frame = img.copy() if img.mode == "1" else img.convert("L")  # bilevel stays 1-bit
            except Exception as exc:
                raise CorruptFile(f"Seite {index + 1} des Bildes ist beschädigt ({exc}).") from exc
            dpi = img.info.get("dpi", (0, 0))[0]
            dpi = int(dpi) if dpi and dpi >= 70 else 300
            yield queue.submit(frame, index + 1, dpi)
            del frame
    finally:
        img.close()
