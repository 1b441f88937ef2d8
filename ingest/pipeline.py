"""From a file to searchable records, with the journal written before each step.

process(): journal row → hash → duplicate check → detect → extract → store the
extraction → split into items → index → move the original into the archive →
mark indexed. Each step is safe to repeat, so recovery after a crash is simply
running the unfinished rows again.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from index import writer as index_writer
from ingest import detect as detect_mod, extract as extract_mod, files, segment
from ingest.journal import FileRow, Journal
from ratsarchiv.model import Extraction, Record
from ingest.textworkers import TextLayerReader
from ratsarchiv.errors import BadInputFile, MissingTool, RatsarchivError
from ratsarchiv.settings import Settings

log = logging.getLogger("ratsarchiv.pipeline")

Progress = Callable[[int, int], None]


@dataclass
class Outcome:
    row: FileRow
    records: int = 0
    anfragen: int = 0


def extraction_path(settings: Settings, sha: str) -> Path:
    return settings.extracted_dir / f"{sha}.json"


def save_extraction(settings: Settings, ex: Extraction) -> None:
    path = extraction_path(settings, ex.sha256)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(ex.to_dict(), fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)


def load_extraction(settings: Settings, sha: str) -> Extraction | None:
    path = extraction_path(settings, sha)
    if not path.exists():
        return None
    with open(path, encoding="utf-8") as fh:
        return Extraction.from_dict(json.load(fh))


def records_for(ex: Extraction) -> list[Record]:
    return segment.split_items(ex.pages, ex.sha256, ex.filename)


def item_summaries(records: list[Record]) -> list[dict]:
    return [{"id": r.id, "kind": r.kind, "number": r.number, "title": r.title} for r in records]


KEPT_NOTE = (" Das Original konnte nicht aus dem Eingang entfernt werden (schreibgeschützt?) "
             "und liegt dort weiterhin; die Kopie im Datenordner ist vollständig.")


def _place(path: Path, dest: Path, move: bool) -> tuple[Path, str]:
    try:
        return files.place(path, dest, move), ""
    except files.OriginalKept as kept:
        log.warning("original could not be removed from the inbox: %s", path)
        return kept.dest, KEPT_NOTE


class Pipeline:
    """Owns the journal, the index writer, the OCR pool and the text-layer workers of one process."""

    def __init__(self, settings: Settings):
        self.settings = settings
        for d in (settings.data_dir, settings.archive_dir, settings.quarantine_dir,
                  settings.extracted_dir, settings.pages_dir):
            d.mkdir(parents=True, exist_ok=True)
        self.journal = Journal(settings.journal_path)
        self.ix = index_writer.open_index(settings.index_dir)
        self.committer = index_writer.GroupCommit(self.ix)
        if not index_writer.is_current(settings.index_dir):
            self.reindex()
        self.pool = ThreadPoolExecutor(max_workers=settings.workers, thread_name_prefix="ocr")
        self.texts = TextLayerReader(settings.workers)
        self._sha_locks: dict[str, threading.Lock] = {}
        self._sha_guard = threading.Lock()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.texts.close()
        self.journal.close()

    def _lock_for(self, sha: str) -> threading.Lock:
        with self._sha_guard:
            return self._sha_locks.setdefault(sha, threading.Lock())

    # --- entry points ---------------------------------------------------------------
    def admit(self, path: Path) -> int:
        """Write the journal row for a file (state queued) before any work on it."""
        name = files.display_name(path.name)
        try:
            sha = files.sha256_file(path)
        except OSError as exc:
            row_id = self.journal.add("", name, files.origin_text(path))
            self.journal.update(row_id, state="quarantined",
                                reason=f"Die Datei kann nicht gelesen werden ({exc.strerror}).")
            return row_id
        return self.journal.add(sha, name, files.origin_text(path))

    def process(self, path: Path, move: bool = True, progress: Progress | None = None) -> Outcome:
        """Take one file: returns its final journal row (indexed, duplicate or quarantined)."""
        return self.run_row(self.admit(path), path, move, progress)

    def run_row(self, row_id: int, path: Path, move: bool = True,
                progress: Progress | None = None) -> Outcome:
        row = self.journal.get(row_id)
        if row is None or row.state == "quarantined":
            return Outcome(row)
        return self._run(row_id, path, move, progress)

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
        row = self.journal.get(row_id)
        if row is None or row.state != "quarantined":
            raise RatsarchivError(f"Datei {row_id} ist nicht in der Quarantäne.")
        if not row.stored_path or not Path(row.stored_path).exists():
            raise RatsarchivError(f"Die Quarantäne-Datei zu {row_id} fehlt.")
        src = Path(row.stored_path)
        sha = files.sha256_file(src)
        self.journal.update(row_id, state="queued", reason=None, sha256=sha, origin=str(src))
        reason_file = src.with_name(src.name + ".grund.txt")
        out = self._run(row_id, src, True, None)
        if out.row.state != "quarantined":
            reason_file.unlink(missing_ok=True)
        return out

    # --- the path of one file ---------------------------------------------------------
    def _run(self, row_id: int, path: Path, move: bool, progress: Progress | None) -> Outcome:
        row = self.journal.get(row_id)
        assert row is not None
        with self._lock_for(row.sha256):
            earlier = self.journal.indexed_sha(row.sha256, row_id)
            if earlier is not None:
                dest = self.settings.archive_dir / "duplicates" / f"{row_id}-{row.filename}"
                self.journal.update(row_id, stored_path=str(dest))
                dest, note = _place(path, dest, move)
                self.journal.update(row_id, state="duplicate", stored_path=str(dest),
                                    reason=f"Gleicher Inhalt wie „{earlier.filename}“ (bereits indexiert).{note}",
                                    pages=earlier.pages, methods=earlier.methods, items=earlier.items)
                return Outcome(self.journal.get(row_id))
            self.journal.update(row_id, state="processing", attempts=row.attempts + 1)
            try:
                if not files.name_is_readable(path.name):
                    raise BadInputFile("Der Dateiname ist kein gültiger Text (unbekannte Zeichenkodierung). "
                                       "Bitte die Datei umbenennen und erneut ablegen.")
                records, ex = self._extract_and_index(row, path, progress)
            except MissingTool:
                self.journal.update(row_id, state="queued")
                raise
            except BadInputFile as exc:
                return self._quarantine(row_id, path, move, exc.message)
            except Exception as exc:  # a bug or an unexpected file: keep the file, say what happened
                log.exception("processing %s failed", path)
                return self._quarantine(row_id, path, move,
                                        f"Unerwarteter Fehler bei der Verarbeitung: {type(exc).__name__}: {exc}")
            dest = self.settings.archive_dir / row.sha256[:2] / row.sha256 / row.filename
            note = ""
            if Path(path).resolve().is_relative_to(self.settings.archive_dir.resolve()):
                dest = path  # recovering a file that is already archived
            else:
                self.journal.update(row_id, stored_path=str(dest))
                dest, note = _place(path, dest, move)
            self.journal.update(row_id, state="indexed", stored_path=str(dest), reason=note.strip() or None,
                                pages=len(ex.pages), methods=[p.method for p in ex.pages],
                                items=item_summaries(records))
            return Outcome(self.journal.get(row_id), len(records),
                           sum(1 for r in records if r.kind == "Anfrage"))

    def _extract_and_index(self, row: FileRow, path: Path, progress: Progress | None):
        ex = load_extraction(self.settings, row.sha256)
        if ex is None:
            source = detect_mod.detect(path, self.settings)
            self.journal.update(row.id, pages=source.page_count)
            ex = extract_mod.extract(source, row.sha256, row.filename, self.settings, self.pool, progress,
                                     self.texts)
            save_extraction(self.settings, ex)
        records = records_for(ex)
        self.committer.write(records, row.sha256)
        return records, ex

    def _quarantine(self, row_id: int, path: Path, move: bool, reason: str) -> Outcome:
        row = self.journal.get(row_id)
        if not Path(path).exists():
            self.journal.update(row_id, state="quarantined",
                                reason="Die Datei wurde während der Verarbeitung aus dem Eingang entfernt.")
            return Outcome(self.journal.get(row_id))
        dest = self.settings.quarantine_dir / f"{row_id}-{row.filename}"
        if Path(path).resolve().parent == self.settings.quarantine_dir.resolve():
            dest = path
        else:
            self.journal.update(row_id, stored_path=str(dest))
            dest, note = _place(path, dest, move)
            reason += note
        dest.with_name(dest.name + ".grund.txt").write_text(reason + "\n", encoding="utf-8")
        self.journal.update(row_id, state="quarantined", reason=reason, stored_path=str(dest))
        return Outcome(self.journal.get(row_id))

    # --- rebuilding -------------------------------------------------------------------
    def reindex(self, progress: Progress | None = None) -> int:
        """Rebuild the index from stored extraction results; returns the record count."""
        self.ix = self.committer.ix = index_writer.create(self.settings.index_dir)
        batches = []
        rows = list(reversed(self.journal.all(state="indexed", limit=10**9)))  # oldest first
        for n, row in enumerate(rows):
            ex = load_extraction(self.settings, row.sha256)
            if ex is None:
                continue
            records = records_for(ex)
            batches.append((row.sha256, records))
            self.journal.update(row.id, items=item_summaries(records))
            if progress:
                progress(n + 1, len(rows))
        index_writer.write_many(self.ix, batches)
        return sum(len(r) for _, r in batches)
