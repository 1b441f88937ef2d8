"""From a file to searchable records, with the journal written before each step.

The path of one file is `Pipeline._file`: detect → extract → save → split → index →
place, on one screen. `_run` wraps it with the journal's state changes (processing,
then indexed, duplicate or quarantined). Each step is safe to repeat, so recovery after a
crash is simply running the unfinished rows again.

Many files at once go through `submit` (the watcher and `ratsarchiv ingest` alike): the
journal row is written at once, the work runs in the pipeline's file threads, and the
pages of all files share one OCR pool and one set of text-layer processes.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ingest import detect, extract, files
from ingest.journal import FileRow, Journal
from ingest.textlayer import TextLayerReader
from ratsarchiv.errors import BadInputFile, MissingTool, RatsarchivError
from ratsarchiv.model import Extraction, Record
from ratsarchiv.settings import Settings

log = logging.getLogger("ratsarchiv.pipeline")

Progress = Callable[[int, int], None]

KEPT_NOTE = (" Das Original konnte nicht aus dem Eingang entfernt werden (schreibgeschützt?) "
             "und liegt dort weiterhin; die Kopie im Datenordner ist vollständig.")


@dataclass
class Outcome:
    row: FileRow
    records: int = 0
    anfragen: int = 0


def records_for(ex: Extraction) -> list[Record]:
    """Split a file's pages into its records (agenda items, and pages no item covers).
    The splitter is loaded on first use: `ratsarchiv ingest` starts tesseract sooner."""
    from ingest import segment
    return segment.split_items(ex.pages, ex.sha256, ex.filename)


def item_summaries(records: list[Record]) -> list[dict]:
    return [{"id": r.id, "kind": r.kind, "number": r.number, "title": r.title} for r in records]


@contextmanager
def _rejecting(path: Path) -> Iterator[None]:
    """Whatever goes wrong while reading a file sends it to quarantine with the reason; only a
    missing tool is not the file's fault (it waits in the queue for the tool instead)."""
    try:
        yield
    except (BadInputFile, MissingTool):
        raise
    except Exception as exc:  # a bug or an unexpected file: keep the file, say what happened
        log.exception("processing %s failed", path)
        raise BadInputFile(f"Unerwarteter Fehler bei der Verarbeitung: {type(exc).__name__}: {exc}") from exc


def _ocr_pool(settings: Settings, readers=None):
    """Tesseract threads here (with `readers`, if already started), or with a broker the OCR
    workers behind it (ingest/remote.py)."""
    if settings.broker:
        from ingest.remote import RemoteOcr  # Celery is loaded only where a broker is set
        return RemoteOcr(settings)
    return extract.OcrPool(settings.workers, settings.ocr_lang, readers)


class Pipeline:
    """Owns the journal, the index writer, the file threads, the OCR pool and the text-layer
    workers of one process."""

    def __init__(self, settings: Settings, index_after_first_ocr: bool = False, readers=None):
        """`index_after_first_ocr` (`ratsarchiv ingest`): the index is opened once the first
        tesseract runs (or when a file needs it first), not at once: its quarter second of
        Python would otherwise hold up the first page's way to tesseract. The service opens
        it at once, so a stale index is rebuilt before anyone searches."""
        self.settings = settings
        self.store = settings.store
        self.store.create()
        self.journal = Journal(self.store.journal_path)
        self._ix = self._committer = None
        self._index_ready: Future = Future()
        self._index_started = False
        self._index_guard = threading.Lock()
        self.files = ThreadPoolExecutor(max_workers=max(1, settings.file_workers), thread_name_prefix="file")
        self.ocr = _ocr_pool(settings, readers)
        if index_after_first_ocr and isinstance(self.ocr, extract.OcrPool):
            self.ocr.on_first_run(self._start_index)
        else:
            self._start_index()
        self.texts = TextLayerReader(settings.workers)
        self._sha_locks: dict[str, threading.Lock] = {}
        self._sha_guard = threading.Lock()

    def _start_index(self) -> None:
        with self._index_guard:
            if self._index_started:
                return
            self._index_started = True
        threading.Thread(target=self._open_index, name="index-open", daemon=True).start()

    def _open_index(self) -> None:
        """Open (or rebuild) the index in the background: Whoosh takes about a quarter of a
        second to load and open, which the first pages' OCR need not wait for (measured,
        bench/README.md). The first commit waits for it; an error is raised there."""
        try:
            from index import writer as index_writer
            self._ix = index_writer.open_index(self.store.index_dir)
            self._committer = index_writer.GroupCommit(self._ix)
            if not index_writer.is_current(self.store.index_dir):
                self._rebuild()
        except BaseException as exc:  # raised where the index is first used
            self._index_ready.set_exception(exc)
        else:
            self._index_ready.set_result(None)

    @property
    def ix(self):
        self._start_index()
        self._index_ready.result()
        return self._ix

    @property
    def committer(self):
        self._start_index()
        self._index_ready.result()
        return self._committer

    def close(self) -> None:
        """Finish the files already handed over, then stop the workers."""
        self.files.shutdown(wait=True)
        with self._index_guard:
            started = self._index_started
        if started:
            self._index_ready.exception()  # a rebuild still running at start is finished, not cut off
        self.ocr.shutdown(wait=True, cancel_futures=True)
        self.texts.close()
        self.journal.close()

    # --- entry points ---------------------------------------------------------------------
    def submit(self, path: Path, move: bool = True, progress: Progress | None = None) -> Future:
        """Take a file: its journal row is written now, the work runs in a file thread.
        The future's result is the Outcome (indexed, duplicate or quarantined)."""
        row_id = self._admit(path)
        return self.files.submit(self._run, row_id, path, move, progress)

    def process(self, path: Path, move: bool = True, progress: Progress | None = None) -> Outcome:
        """Take one file and wait for it."""
        return self.submit(path, move, progress).result()

    def recover(self) -> list[Outcome]:
        """Finish every file a crash left queued or processing."""
        out = []
        for row in self.journal.unfinished():
            origin = Path(row.origin)
            stored = Path(row.stored_path) if row.stored_path else None
            if origin.exists():
                if stored and stored.exists() and files.sha256_file(stored) == row.sha256:
                    os.unlink(origin)  # the archive copy is complete; finish the interrupted move
                    out.append(self._run(row.id, stored, False, None))
                else:
                    out.append(self._run(row.id, origin, True, None))
            elif stored and stored.exists():
                out.append(self._run(row.id, stored, False, None))
            else:
                self.journal.update(row.id, state="quarantined",
                                    reason="Die Datei war nach einem Absturz nicht mehr im Eingang "
                                           "und nicht im Archiv (außerhalb von Ratsarchiv entfernt?).")
                out.append(Outcome(self.journal.get(row.id)))
        return out

    def retry(self, row_id: int) -> Outcome:
        """Process a quarantined file again (after the archivist fixed it, or a tool was installed)."""
        row = self.journal.get(row_id)
        if row is None or row.state != "quarantined":
            raise RatsarchivError(f"Datei {row_id} ist nicht in der Quarantäne.")
        if not row.stored_path or not Path(row.stored_path).exists():
            raise RatsarchivError(f"Die Quarantäne-Datei zu {row_id} fehlt.")
        src = Path(row.stored_path)
        sha = files.sha256_file(src)
        self.journal.update(row_id, state="queued", reason=None, sha256=sha, origin=str(src))
        out = self._run(row_id, src, True, None)
        if out.row.state != "quarantined":
            self.store.reason_path(src).unlink(missing_ok=True)
        return out

    # --- the path of one file ---------------------------------------------------------------
    def _file(self, row: FileRow, path: Path, move: bool, progress: Progress | None):
        """detect → extract → save → split → index → place. Raises BadInputFile for a file
        that cannot be taken."""
        with _rejecting(path):
            ex = self.store.load_extraction(row.sha256)  # saved by an earlier attempt: no OCR again
            if ex is None:
                source = detect.detect(path, self.settings)
                self.journal.update(row.id, pages=source.page_count)
                ex = extract.extract(source, row.sha256, row.filename, self.settings, self.ocr,
                                     progress, self.texts)
                self.store.save_extraction(ex)
            records = records_for(ex)
        committer = self.committer  # an index that cannot be opened is not the file's fault
        with _rejecting(path):
            committer.write(records, row.sha256)
        if self.store.is_archived(path):
            return ex, records, path, ""  # recovering a file that is already archived
        name = files.stored_name(path.name, row.filename)
        dest, note = self._place(row, path, self.store.archive_path(row.sha256, name), move)
        return ex, records, dest, note

    def _run(self, row_id: int, path: Path, move: bool, progress: Progress | None) -> Outcome:
        """The journal around _file: processing, then indexed, duplicate or quarantined."""
        row = self.journal.get(row_id)
        if row is None or row.state == "quarantined":  # could not even be read when admitted
            return Outcome(row)
        with self._lock_for(row.sha256):
            earlier = self.journal.indexed_sha(row.sha256, row_id)
            if earlier is not None:
                return self._duplicate(row, earlier, path, move)
            self.journal.update(row_id, state="processing", attempts=row.attempts + 1)
            try:
                ex, records, dest, note = self._file(row, path, move, progress)
            except MissingTool:
                self.journal.update(row_id, state="queued")
                raise
            except BadInputFile as exc:
                return self._quarantine(row, path, move, exc.message)
            self.journal.update(row_id, state="indexed", stored_path=str(dest), reason=note.strip() or None,
                                pages=len(ex.pages), methods=[p.method for p in ex.pages],
                                items=item_summaries(records))
            return Outcome(self.journal.get(row_id), len(records),
                           sum(1 for r in records if r.kind == "Anfrage"))

    def _admit(self, path: Path) -> int:
        """Write the journal row for a file (state queued) before any work on it."""
        name = files.display_name(path.name)
        try:
            sha = files.sha256_file(path)
        except OSError as exc:
            row_id = self.journal.add("", name, str(path))
            self.journal.update(row_id, state="quarantined",
                                reason=f"Die Datei kann nicht gelesen werden ({exc.strerror}).")
            return row_id
        return self.journal.add(sha, name, str(path))

    def _lock_for(self, sha: str) -> threading.Lock:
        """One file of the same content at a time, so the second one is seen as a duplicate."""
        with self._sha_guard:
            return self._sha_locks.setdefault(sha, threading.Lock())

    def _place(self, row: FileRow, path: Path, dest: Path, move: bool) -> tuple[Path, str]:
        """Move or copy the file to dest, with dest in the journal first (recovery finds it)."""
        self.journal.update(row.id, stored_path=str(dest))
        try:
            return files.place(path, dest, move), ""
        except files.OriginalKept as kept:
            log.warning("original could not be removed from the inbox: %s", path)
            return kept.dest, KEPT_NOTE

    def _duplicate(self, row: FileRow, earlier: FileRow, path: Path, move: bool) -> Outcome:
        name = files.stored_name(path.name, row.filename)
        dest, note = self._place(row, path, self.store.duplicate_path(row.id, name), move)
        self.journal.update(row.id, state="duplicate", stored_path=str(dest),
                            reason=f"Gleicher Inhalt wie „{earlier.filename}“ (bereits indexiert).{note}",
                            pages=earlier.pages, methods=earlier.methods, items=earlier.items)
        return Outcome(self.journal.get(row.id))

    def _quarantine(self, row: FileRow, path: Path, move: bool, reason: str) -> Outcome:
        if not Path(path).exists():
            self.journal.update(row.id, state="quarantined",
                                reason="Die Datei wurde während der Verarbeitung aus dem Eingang entfernt.")
            return Outcome(self.journal.get(row.id))
        dest = path
        if not self.store.is_quarantined(path):
            name = files.stored_name(path.name, row.filename)
            dest, note = self._place(row, path, self.store.quarantine_path(row.id, name), move)
            reason += note
        self.store.reason_path(dest).write_text(reason + "\n", encoding="utf-8")
        self.journal.update(row.id, state="quarantined", reason=reason, stored_path=str(dest))
        return Outcome(self.journal.get(row.id))

    # --- rebuilding -------------------------------------------------------------------------
    def reindex(self, progress: Progress | None = None) -> int:
        """Rebuild the index from stored extraction results; returns the record count.

        One file's records at a time go to the bulk writer (`write_many` takes a generator),
        so memory stays flat however large the archive; `progress(files_done, files)` is
        called once a file's records are in the writer."""
        self._start_index()
        self._index_ready.result()
        return self._rebuild(progress)

    def _rebuild(self, progress: Progress | None = None) -> int:
        from index import writer as index_writer
        self._ix = self._committer.ix = index_writer.create(self.store.index_dir)
        rows = list(reversed(self.journal.all(state="indexed", limit=10**9)))  # oldest first

        def batches():
            for n, row in enumerate(rows):
                ex = self.store.load_extraction(row.sha256)
                if ex is not None:
                    records = records_for(ex)
                    yield row.sha256, records
                    # after the writer took them: it may have given a record an id of its own
                    self.journal.update(row.id, items=item_summaries(records))
                if progress:  # after the writer has taken the file's records
                    progress(n + 1, len(rows))

        return index_writer.write_many(self._ix, batches())
