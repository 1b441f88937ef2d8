"""Watch the inbox and hand over each file once, and only when it is complete.

inotify (or polling, for network shares where inotify sees nothing) only wakes the
scan; the decision is always made by looking at the folder: a file is taken when its
size and modification time have not changed for `settle_seconds`, and never while
its name says it is still being written (.part, ~$…, hidden files).
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from ingest.pipeline import Pipeline
from ratsarchiv.settings import Settings

log = logging.getLogger("ratsarchiv.watcher")

from ingest.files import TEMP_PREFIXES, TEMP_SUFFIXES, is_temporary  # noqa: F401  (where they were)


@dataclass
class _Seen:
    size: int
    mtime_ns: int
    since: float


class _Wake(FileSystemEventHandler):
    def __init__(self, event: threading.Event):
        self.event = event

    def on_any_event(self, event):
        self.event.set()


class InboxWatcher:
    """Hands each complete file in the inbox to `pipeline.submit`, once."""

    def __init__(self, settings: Settings, pipeline: Pipeline, inbox: Path | None = None):
        self.settings = settings
        self.pipeline = pipeline
        self.inbox = inbox or settings.inbox
        self.inbox.mkdir(parents=True, exist_ok=True)
        self.stop_event = threading.Event()
        self._wake = threading.Event()
        self._seen: dict[Path, _Seen] = {}
        self._busy: set[Path] = set()
        # finished files that could not leave the inbox (read-only share): (size, mtime) when done
        self._done: dict[Path, tuple[int, int]] = {}
        self._busy_lock = threading.Lock()
        self.observer = None

    # --- one scan -----------------------------------------------------------------
    def ready_files(self, now: float | None = None) -> list[Path]:
        """Files whose size and mtime have been stable for the settle time."""
        now = time.monotonic() if now is None else now
        ready, present = [], set()
        for path in sorted(self.inbox.rglob("*")):
            try:
                if any(part.startswith(".") for part in path.relative_to(self.inbox).parts) or \
                        is_temporary(path) or not path.is_file():
                    continue
                st = path.stat()
            except OSError:
                continue
            present.add(path)
            seen = self._seen.get(path)
            if seen is None or seen.size != st.st_size or seen.mtime_ns != st.st_mtime_ns:
                self._seen[path] = _Seen(st.st_size, st.st_mtime_ns, now)
                continue
            if self._done.get(path) == (st.st_size, st.st_mtime_ns):
                continue
            with self._busy_lock:
                busy = path in self._busy
            if not busy and now - seen.since >= self.settings.settle_seconds:
                ready.append(path)
        for gone in set(self._seen) - present:
            del self._seen[gone]
        for gone in set(self._done) - present:
            del self._done[gone]
        return ready

    def _take(self, path: Path) -> None:
        with self._busy_lock:
            self._busy.add(path)
        try:
            job = self.pipeline.submit(path, move=True)
        except Exception:
            log.exception("could not admit %s", path)
            with self._busy_lock:
                self._busy.discard(path)
            return
        job.add_done_callback(lambda done: self._finished(path, done))

    def _finished(self, path: Path, job: Future) -> None:
        try:
            out = job.result()
            if out.row is not None:
                log.info("%s: %s %s", out.row.state, out.row.filename, out.row.reason or "")
        except Exception:
            log.exception("processing %s failed", path)
        finally:
            try:
                st = path.stat()  # still there: it could not be moved; never take it again as is
                self._done[path] = (st.st_size, st.st_mtime_ns)
            except OSError:
                self._done.pop(path, None)
            with self._busy_lock:
                self._busy.discard(path)
            self._seen.pop(path, None)
            self._wake.set()

    def scan_once(self) -> int:
        ready = self.ready_files()
        for path in ready:
            self._take(path)
        return len(ready)

    # --- the loop -----------------------------------------------------------------
    def start(self) -> None:
        observer_cls = PollingObserver if self.settings.poll else Observer
        self.observer = observer_cls(timeout=self.settings.poll_interval) if self.settings.poll else observer_cls()
        self.observer.schedule(_Wake(self._wake), str(self.inbox), recursive=True)
        self.observer.start()
        self.thread = threading.Thread(target=self._loop, name="inbox", daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        for out in self.pipeline.recover():
            log.info("recovered %s: %s", out.row.filename, out.row.state)
        while not self.stop_event.is_set():
            try:
                self.scan_once()
            except Exception:
                log.exception("inbox scan failed")
            # wake on events, but re-check pending files at least every poll interval
            self._wake.wait(timeout=self.settings.poll_interval if self._seen else 5.0)
            self._wake.clear()
            if self._seen:
                time.sleep(min(0.25, self.settings.poll_interval))

    def stop(self) -> None:
        self.stop_event.set()
        self._wake.set()
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(timeout=5)
