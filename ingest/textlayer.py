"""A PDF page's own text layer: read with pdfplumber, judged, in worker processes.

Scanners and old converters leave text layers that are empty, made of (cid:NN) glyph
codes, or an invisible OCR layer of junk; such pages come back as None and are OCRed.

pdfplumber parses in pure Python: in threads, the pages of all files would share one
core (the GIL), and that parsing was half the time of a born-digital file. The worker
processes come from a forkserver, so they start from a clean single-threaded process
with pdfplumber already imported, and they start only when the first text layer is read
(a folder of scans never starts them).

A worker that dies (a hostile PDF, the OOM killer) breaks the whole shared pool, and with
it the reads of every file in flight. Each of those is read again in a process of its
own, so only a file that crashes its reader on its own goes to the quarantine. Workers
end themselves when the main process is gone, even after a kill -9.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
import threading
import time
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from ingest.layout import layout_text
from ratsarchiv.errors import CorruptFile
from ratsarchiv.model import PageText, Word

log = logging.getLogger("ratsarchiv.textlayer")

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
    Runs in a worker process."""
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


# --- worker processes ---------------------------------------------------------------------
CHUNK = 40  # pages per task: a long document is read by all workers at once
CRASHED = ("Beim Lesen der Textebene ist das Leseprogramm abgestürzt; "
           "die PDF ist vermutlich beschädigt.")


def _exit_with(parent: int) -> None:
    """Worker initializer: a thread that ends this process once `parent` is gone. Workers
    are children of the forkserver, not of the main process, so they would otherwise
    wait forever on a queue nobody writes to any more."""
    def watch() -> None:
        while True:
            time.sleep(1.0)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(0)
            except PermissionError:
                pass
    threading.Thread(target=watch, daemon=True).start()


def _context():
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["ingest.textlayer", "pdfplumber"])
    return ctx


def _new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=_context(), initializer=_exit_with,
                               initargs=(os.getpid(),))


@dataclass
class Chunk:
    """Pages of one file read by one task; read again alone if the shared pool broke."""
    path: str
    indices: list[int]
    pool: ProcessPoolExecutor | None
    future: Future | None
    again: dict[int, PageText | None] | None = field(default=None, repr=False)


class TextLayers:
    """The text layers of one file while they are read: `page(i)` waits for page i."""

    def __init__(self, reader: "TextLayerReader", chunks: dict[int, Chunk]):
        self.reader, self.chunks = reader, chunks

    def page(self, index: int) -> PageText | None:
        """Page `index` (0-based) where its text layer is real text, else None (OCR it)."""
        chunk = self.chunks.get(index)
        return None if chunk is None else self.reader.result(chunk, index)

    def cancel(self) -> None:
        """Drop what is still queued (a file that failed part-way must not keep workers busy)."""
        for chunk in self.chunks.values():
            if chunk.future is not None:
                chunk.future.cancel()


class TextLayerReader:
    """`workers` processes shared by all files of this process; 0 reads in the calling thread."""

    def __init__(self, workers: int):
        self.workers = max(0, workers)
        self._pool: ProcessPoolExecutor | None = None
        self._guard = threading.Lock()

    def read(self, path: str, indices: list[int]) -> TextLayers:
        """Start reading these pages (0-based) of one PDF."""
        if not self.workers:
            pages = read_pages(path, indices) if indices else {}
            chunk = Chunk(path, indices, None, None, again=pages)
            return TextLayers(self, dict.fromkeys(indices, chunk))
        return TextLayers(self, self.submit(path, indices))

    def _current(self) -> ProcessPoolExecutor:
        with self._guard:
            if self._pool is None:
                self._pool = _new_pool(self.workers)
            return self._pool

    def submit(self, path: str, indices: list[int]) -> dict[int, Chunk]:
        """Start reading these pages (0-based); the chunk that holds each page."""
        chunks: dict[int, Chunk] = {}
        for start in range(0, len(indices), CHUNK):
            part = indices[start:start + CHUNK]
            pool = None
            try:
                pool = self._current()
                fut = pool.submit(read_pages, path, part)
            except (BrokenProcessPool, RuntimeError, OSError):  # broke, was just reset, or cannot start
                self._reset(pool)
                chunk = Chunk(path, part, None, None)
            else:
                chunk = Chunk(path, part, pool, fut)
            chunks.update(dict.fromkeys(part, chunk))
        return chunks

    def result(self, chunk: Chunk, index: int) -> PageText | None:
        if chunk.again is None and chunk.future is not None:
            try:
                return chunk.future.result()[index]
            except (BrokenProcessPool, CancelledError):
                self._reset(chunk.pool)
        if chunk.again is None:
            chunk.again = self._alone(chunk)
        return chunk.again[index]

    def _alone(self, chunk: Chunk) -> dict[int, PageText | None]:
        try:
            solo = _new_pool(1)
        except OSError:  # no worker processes possible here (e.g. no /dev/shm): read in this one
            return self._in_process(chunk)
        with solo:
            try:
                fut = solo.submit(read_pages, chunk.path, chunk.indices)
            except OSError:  # the process itself could not start (process limit)
                return self._in_process(chunk)
            try:
                return fut.result()
            except BrokenProcessPool as exc:
                raise CorruptFile(CRASHED) from exc

    @staticmethod
    def _in_process(chunk: Chunk) -> dict[int, PageText | None]:
        log.warning("text-layer worker processes cannot start; reading %s in-process", chunk.path)
        return read_pages(chunk.path, chunk.indices)

    def _reset(self, pool: ProcessPoolExecutor | None) -> None:
        """Start afresh after `pool` broke, unless another file already did."""
        with self._guard:
            if pool is None or self._pool is not pool:
                return
            self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        with self._guard:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
