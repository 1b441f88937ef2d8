"""Turn a detected source into page texts: text layer where it is real, OCR where not.

extract() reads top-down: the source yields each page either as its text layer (read and
judged in ingest/textlayer.py) or as a Scan for tesseract; scans go to the OCR pool; the
results are collected in page order.

Pages stream through: a page is rendered, written to a temporary image, handed to a
tesseract worker and dropped from memory, so a 500-page scan never sits in RAM. At most
`2 × workers` page images wait for OCR at any time.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PIL import Image

from ingest import ocr
from ingest.detect import Source, open_image
from ingest.textlayer import TextLayerReader
from ratsarchiv import pdf
from ratsarchiv.errors import CorruptFile, NoTextFound
from ratsarchiv.model import Extraction, PageText
from ratsarchiv.settings import Settings

if TYPE_CHECKING:
    from ingest.remote import RemoteOcr

Progress = Callable[[int, int], None]


@dataclass
class Scan:
    """A page to OCR: its image and the resolution it was scanned or rendered at."""
    number: int
    image: Image.Image
    dpi: int


def extract(source: Source, sha: str, filename: str, settings: Settings,
            pool: ThreadPoolExecutor | RemoteOcr, progress: Progress | None = None,
            texts: TextLayerReader | None = None) -> Extraction:
    """`pool`: the OCR threads (or the OCR workers behind a broker); `texts`: worker processes for text layers (without it they
    are read in this thread)."""
    progress = progress or (lambda done, total: None)
    total = source.page_count
    if source.kind == "pdf":
        pages = _pdf_pages(source, settings, texts or TextLayerReader(0))
    else:
        pages = _image_pages(source, settings)
    results: list[PageText | Future] = []
    with tempfile.TemporaryDirectory(prefix="ratsarchiv-ocr-") as tmp, closing(pages):
        ocr_queue = _OcrQueue(pool, settings, Path(tmp), sha)
        for page in pages:
            results.append(page if isinstance(page, PageText) else ocr_queue.submit(page))
            progress(sum(1 for r in results if isinstance(r, PageText) or r.done()), total)
        out: list[PageText] = []
        for i, r in enumerate(results):
            out.append(r if isinstance(r, PageText) else r.result())
            progress(i + 1, total)
    if not any(p.text.strip() for p in out):
        raise NoTextFound()
    return Extraction(sha256=sha, filename=filename, kind=source.kind, pages=out)


# --- what each page of a source is: text, or a scan to OCR ---------------------------------
def _pdf_pages(source: Source, settings: Settings, texts: TextLayerReader) -> Iterator[PageText | Scan]:
    try:
        has_text = pdf.pages_with_text(source.path, source.page_count)
    except pdf.PdfError as exc:
        raise CorruptFile(f"Die PDF kann nicht gelesen werden ({exc}).") from exc
    layers = texts.read(str(source.path), [i for i, t in enumerate(has_text) if t])
    try:
        for index in range(source.page_count):
            page = layers.page(index) if has_text[index] else None
            yield page or _pdf_scan(source.path, index, settings.ocr_dpi)
    finally:  # a file that failed part-way does not keep the text workers busy
        layers.cancel()


def _pdf_scan(path: Path, index: int, dpi: int) -> Scan:
    """The page's own scanned image where it is a plain scan, else the page rendered at `dpi`."""
    try:
        image, image_dpi = pdf.scanned_image(path, index, dpi)
    except Exception:
        image, image_dpi = None, dpi
    if image is not None:
        return Scan(index + 1, image, image_dpi)
    try:
        return Scan(index + 1, pdf.render_page(path, index, dpi), dpi)
    except Exception as exc:
        raise CorruptFile(f"Seite {index + 1} der PDF kann nicht gelesen werden ({exc}).") from exc


def _image_pages(source: Source, settings: Settings) -> Iterator[Scan]:
    img = open_image(source.path, settings)
    try:
        for index in range(source.page_count):
            try:
                img.seek(index)
                frame = img.copy() if img.mode == "1" else img.convert("L")  # bilevel stays 1-bit
            except Exception as exc:
                raise CorruptFile(f"Seite {index + 1} des Bildes ist beschädigt ({exc}).") from exc
            dpi = img.info.get("dpi", (0, 0))[0]
            yield Scan(index + 1, frame, int(dpi) if dpi and dpi >= 70 else 300)
            del frame
    finally:
        img.close()


# --- OCR ------------------------------------------------------------------------------------
class OcrPool(ThreadPoolExecutor):
    """The OCR threads of one process: twice as many threads as tesseract processes, and
    `slots` (ocr.Readers) lets only `workers` of them have tesseract read at once. So the next
    pages are decoded, speck-tested, cleaned and written for tesseract while the pages before
    them keep every core busy; with one thread per process a core idled during that work
    (≈ 0.2–0.3 s a page on a loaded machine, of ≈ 2.5 s; bench/README.md). The tesseract
    processes (`readers`, if the caller started them early) live as long as the pool."""

    def __init__(self, workers: int, lang: str = "deu", readers: ocr.Readers | None = None):
        super().__init__(max_workers=2 * max(1, workers), thread_name_prefix="ocr")
        self.slots = readers or ocr.Readers(workers, lang)

    def on_first_run(self, callback: Callable[[], None]) -> None:
        """`callback()` once, as the first tesseract process of this pool is about to start."""
        self.slots.first = callback

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        super().shutdown(wait=wait, cancel_futures=cancel_futures)
        self.slots.close()


class _OcrQueue:
    """Submits scans to the shared OCR pool while bounding how many wait at once. With a
    broker the pool is ingest/remote.py's RemoteOcr, which sends each scan to the workers."""

    def __init__(self, pool, settings: Settings, tmpdir: Path, sha: str):
        self.pool, self.settings, self.tmpdir, self.sha = pool, settings, tmpdir, sha
        in_flight = getattr(pool, "pages_in_flight", max(2, settings.workers * 2))
        self.slots = threading.BoundedSemaphore(in_flight)

    def submit(self, scan: Scan) -> Future:
        self.slots.acquire()
        if isinstance(self.pool, ThreadPoolExecutor):
            fut = self.pool.submit(_ocr_page, scan, self.settings, self.tmpdir, self.sha,
                                   getattr(self.pool, "slots", None))
        else:
            fut = self.pool.submit_scan(scan, self.settings, self.sha)
        fut.add_done_callback(lambda _f: self.slots.release())
        return fut


def _ocr_page(scan: Scan, settings: Settings, tmpdir: Path, sha: str, slots=None) -> PageText:
    """Runs in an OCR thread; the display image goes straight into the data folder."""
    return ocr_scan(scan, settings, tmpdir,
                    lambda im: settings.store.save_page_image(sha, scan.number, im, settings.display_width),
                    slots)


def ocr_scan(scan: Scan, settings: Settings, tmpdir: Path, show: Callable[[Image.Image], object],
             slots=None) -> PageText:
    """ocr.ocr_page decides per page what clean-up the page needs and gives the display image
    to `show` while tesseract runs. The OCR workers of ingest/remote.py call this same
    function with the main node's settings, so a page reads the same wherever it is read."""
    img = scan.image
    scan.image = None  # the queue keeps the Scan until the page is done; the pixels can go
    return ocr.ocr_page(img, scan.number, tmpdir, settings.ocr_lang, scan.dpi, rescue=settings.cleanup,
                        show=show, slots=slots)
