"""Processes that read text layers, so born-digital PDFs use every core.

pdfplumber parses in pure Python: in threads, the pages of all files would share one
core (the GIL), and that parsing was half the time of a born-digital file. The worker
processes come from a forkserver, so they start from a clean single-threaded process
with pdfplumber already imported, and they start only when the first text layer is read
(a folder of scans never starts them). A worker that crashes on a hostile PDF takes only
that file to the quarantine; the pool is started afresh for the next one.
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ingest import textlayer
from ingest.model import PageText
from ratsarchiv.errors import CorruptFile

CHUNK = 40  # pages per task: a long document is read by all workers at once


class TextLayerReader:
    def __init__(self, workers: int):
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None
        self._guard = threading.Lock()

    def _executor(self) -> ProcessPoolExecutor:
        with self._guard:
            if self._pool is None:
                ctx = multiprocessing.get_context("forkserver")
                ctx.set_forkserver_preload(["ingest.textlayer", "pdfplumber"])
                self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx)
            return self._pool

    def submit(self, path: str, indices: list[int]) -> dict[int, Future]:
        """Start reading these pages; a future per page index, each giving a dict of the
        chunk's pages."""
        futures: dict[int, Future] = {}
        for start in range(0, len(indices), CHUNK):
            chunk = indices[start:start + CHUNK]
            fut = self._executor().submit(textlayer.read_pages, path, chunk)
            futures.update(dict.fromkeys(chunk, fut))
        return futures

    def result(self, fut: Future, index: int) -> PageText | None:
        try:
            return fut.result()[index]
        except BrokenProcessPool as exc:
            self._reset()
            raise CorruptFile("Beim Lesen der Textebene ist das Leseprogramm abgestürzt; "
                              "die PDF ist vermutlich beschädigt.") from exc

    def _reset(self) -> None:
        with self._guard:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        with self._guard:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
