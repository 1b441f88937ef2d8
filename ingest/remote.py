"""OCR of pages on other machines: the Celery task the workers run, and RemoteOcr, which
the main node's OCR queue (ingest/extract.py) sends scans to instead of its own threads.

A page travels as its pixels (zlib-compressed, lossless) inside the task and comes back as
its PageText plus the display JPEG through the result backend, so workers need no shared
folder. The worker reads the page with extract.ocr_scan, the function the in-process path
uses, under the main node's OCR settings (sent along), so text and boxes are identical.

Exactly once: every (file, page, OCR settings) has one task id. The main node takes the
first result for it and deletes it; a redelivered duplicate writes the same result again,
which expires unread. RemoteOcr keeps each page until its result is in, and sends again
what a restarted Redis lost. A page that kills its worker on every try goes to quarantine
after MAX_TRIES starts, counted in Redis by the workers.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import socket
import tempfile
import threading
import time
import zlib
from concurrent.futures import Future
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from ingest import broker
from ratsarchiv.errors import OcrFailed, RatsarchivError
from ratsarchiv.model import PageText, Word
from ratsarchiv.settings import Settings

log = logging.getLogger("ratsarchiv.remote")

MAX_TRIES = 3
WIRE_VERSION = 1  # part of the task id: a changed payload format never reuses old results
# Settings a worker must not take from the main node: where things are and how many
_LOCAL_FIELDS = {"data_dir", "inbox", "host", "port", "poll", "poll_interval", "settle_seconds", "workers",
                 "file_workers", "broker", "broker_timeout", "broker_pages"}
POLL_INTERVAL = 0.05  # seconds between two looks at the pending results (one MGET)
BROKER_CHECK_INTERVAL = 1.0  # seconds between two checks whether Redis restarted


# --- the wire format --------------------------------------------------------------------------
def ocr_settings(settings: Settings) -> dict:
    """The main node's settings that decide how a page is read (language, clean-up, ...):
    every plain field except the machine-local ones, so a new OCR setting travels along."""
    out = {}
    for f in fields(settings):
        value = getattr(settings, f.name)
        if f.name not in _LOCAL_FIELDS and isinstance(value, (str, int, float, bool)):
            out[f.name] = value
    return out


def encode_image(img) -> dict:
    """Lossless and mode-preserving (1-bit stays 1-bit): the worker sees the same pixels."""
    return {"mode": img.mode, "size": list(img.size),
            "pixels": base64.b64encode(zlib.compress(img.tobytes(), 1)).decode("ascii")}


def decode_image(d: dict):
    from PIL import Image
    return Image.frombytes(d["mode"], tuple(d["size"]), zlib.decompress(base64.b64decode(d["pixels"])))


def page_to_wire(page: PageText) -> dict:
    """Unrounded (unlike the stored extraction), so the main node gets the very floats."""
    d = asdict(page)
    d["words"] = [[w.text, w.x0, w.y0, w.x1, w.y1, w.line] for w in page.words]
    return d


def page_from_wire(d: dict) -> PageText:
    return PageText(**{**d, "words": [Word(*w) for w in d["words"]]})


def task_id(sha: str, number: int, params: dict) -> str:
    key = hashlib.sha256(json.dumps([WIRE_VERSION, params], sort_keys=True).encode()).hexdigest()[:12]
    return f"ocr-{sha}-{number}-{key}"


# --- the worker side --------------------------------------------------------------------------
def ocr_task(task, payload: dict) -> dict:
    """One page, in a worker process. Returns {"page", "display"} or {"error"}: failures
    are results, so the main node can quarantine with the German reason."""
    from ingest import extract
    from ratsarchiv.store import display_jpeg

    client = task.app.backend.client
    tid, worker = task.request.id, task.request.hostname or socket.gethostname()
    tries = client.incr(broker.TRIES_KEY + tid)
    client.expire(broker.TRIES_KEY + tid, broker.RESULT_TTL)
    client.zadd(broker.SEEN_KEY, {worker: time.time()})
    if tries > MAX_TRIES:
        return {"error": f"Die Texterkennung von Seite {payload['number']} wurde {MAX_TRIES}-mal abgebrochen "
                         "(OCR-Worker beendet, z. B. Speicher voll). Bitte die Seite prüfen und die Datei "
                         "erneut verarbeiten."}
    known = {f.name for f in fields(Settings)}
    settings = Settings(**{k: v for k, v in payload["settings"].items() if k in known})
    scan = _scan(payload)
    shown: dict[str, bytes] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="ratsarchiv-worker-") as tmp:
            page = extract.ocr_scan(scan, settings, Path(tmp),
                                    lambda img: shown.__setitem__("jpeg", display_jpeg(img, settings.display_width)))
    except RatsarchivError as exc:
        return {"error": exc.message}
    except Exception as exc:  # a bug or a broken page: the same words the in-process path would use
        log.exception("OCR of %s failed", tid)
        return {"error": f"Unerwarteter Fehler bei der Texterkennung: {type(exc).__name__}: {exc}"}
    now = time.time()
    log.info("Seite %d von %s gelesen (%d Wörter)", scan.number, tid.split("-")[1][:12], len(page.words))
    client.zadd(broker.DONE_KEY, {f"{tid} {worker}": now})
    client.zremrangebyscore(broker.DONE_KEY, 0, now - broker.RATE_WINDOW)  # only the window is kept
    client.zadd(broker.SEEN_KEY, {worker: now})
    return {"page": page_to_wire(page), "display": base64.b64encode(shown["jpeg"]).decode("ascii")}


def _scan(payload: dict):
    from ingest.extract import Scan
    return Scan(payload["number"], decode_image(payload["image"]), payload["dpi"])


def worker_app(settings: Settings):
    """The Celery app of `ratsarchiv worker`, with the OCR task registered."""
    from celery.signals import worker_ready

    app = broker.make_app(settings)
    app.task(name=broker.TASK, bind=True, acks_late=True, reject_on_worker_lost=True)(ocr_task)

    @worker_ready.connect(weak=False)
    def _announce(sender=None, **_):  # listed in `ratsarchiv status` before its first page
        try:
            app.backend.client.zadd(broker.SEEN_KEY, {sender.hostname: time.time()})
        except Exception:
            log.warning("could not announce the worker to the broker", exc_info=True)
    return app


def supervise(settings: Settings, concurrency: int, pool: str = "prefork", name: str | None = None) -> None:
    """`ratsarchiv worker`: the Celery worker in a child process, started again whenever it
    ends without being asked to. Celery's worker can die of a broker that vanishes while it
    acknowledges a page ("Unrecoverable error" in kombu); a worker machine must not need a
    person for that. SIGTERM/SIGINT are passed on, so the pages in hand are finished."""
    import multiprocessing
    import signal

    stopping = threading.Event()
    child = None

    def stop(signum, _frame):
        stopping.set()
        if child is not None and child.pid and child.exitcode is None:
            os.kill(child.pid, signum)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, stop)
    nodename = name or f"ratsarchiv-{os.getpid()}@{socket.gethostname()}"
    backoff = 0.5
    while not stopping.is_set():
        started = time.monotonic()
        child = multiprocessing.get_context("fork").Process(
            target=run_worker, args=(settings, concurrency, pool, nodename), name="celery-worker")
        child.start()
        child.join()
        if stopping.is_set():
            break
        backoff = 1.0 if time.monotonic() - started > 60 else min(30.0, backoff * 2)  # 1, 2, 4 … 30 s
        log.warning("Der OCR-Worker hat sich beendet (Code %s); Neustart in %.0f s.", child.exitcode, backoff)
        stopping.wait(backoff)


def run_worker(settings: Settings, concurrency: int, pool: str = "prefork", name: str | None = None) -> None:
    """Blocks until the worker is stopped (SIGTERM finishes the pages it holds)."""
    import signal
    for sig in (signal.SIGTERM, signal.SIGINT):  # Celery installs its own; not the supervisor's
        signal.signal(sig, signal.SIG_DFL)
    app = worker_app(settings)
    # Celery logs every result at INFO; ours carry the page text and image: one short line instead
    logging.getLogger("celery.app.trace").setLevel(logging.WARNING)
    nodename = name or f"ratsarchiv-{os.getpid()}@{socket.gethostname()}"
    app.worker_main(["worker", f"--concurrency={concurrency}", f"--pool={pool}", f"--hostname={nodename}",
                     f"--queues={broker.QUEUE}", "--loglevel=INFO", "--without-gossip", "--without-mingle"])


# --- the main node's side ---------------------------------------------------------------------
@dataclass
class _Pending:
    future: Future
    payload: dict
    sha: str
    number: int
    sent: bool = False
    fresh: bool = True  # not yet looked for a result an earlier run left
    failures: int = 0
    sent_at: float = field(default_factory=time.monotonic)


class RemoteOcr:
    """Stands where the OCR thread pool stands (see extract._OcrQueue): submit_scan returns a
    future of the PageText. One thread does all talking to Redis (kombu's connections are
    not shared between threads): sending, collecting results, noticing a restarted Redis."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.store = settings.store
        self.app = broker.make_app(settings)
        self.pages_in_flight = max(2, settings.broker_pages)
        self._pending: dict[str, _Pending] = {}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._run_id: str | None = None
        self._down_since: float | None = None
        self._thread = threading.Thread(target=self._loop, name="remote-ocr", daemon=True)
        self._thread.start()

    def submit_scan(self, scan, settings: Settings, sha: str) -> Future:
        params = ocr_settings(settings)
        payload = {"number": scan.number, "dpi": scan.dpi, "settings": params, "image": encode_image(scan.image)}
        scan.image = None  # the pixels are in the payload now
        fut: Future = Future()
        tid = task_id(sha, scan.number, params)
        with self._lock:
            if tid in self._pending:  # the same page of the same file twice at once: share it
                return _chained(self._pending[tid].future)
            self._pending[tid] = _Pending(fut, payload, sha, scan.number)
        self._wake.set()
        return fut

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        self._stop.set()
        self._wake.set()
        if wait:
            self._thread.join(timeout=10)
        with self._lock:
            left = list(self._pending.values())
            self._pending.clear()
        for p in left:
            if not p.future.done():
                p.future.set_exception(OcrFailed("Die Verarbeitung wurde beendet, bevor die Seite gelesen war."))

    # --- the one thread that talks to Redis -------------------------------------------------------
    def _loop(self) -> None:
        last_check = 0.0
        while not self._stop.is_set():
            self._wake.wait(POLL_INTERVAL)
            self._wake.clear()
            try:
                if time.monotonic() - last_check >= BROKER_CHECK_INTERVAL:
                    self._check_restart()
                    last_check = time.monotonic()
                self._send_unsent()
                self._collect()
                if self._down_since is not None:
                    log.warning("Broker %s wieder erreichbar.", broker.redacted(self.settings.broker))
                    self._down_since = None
            except Exception as exc:  # Redis away: keep every page, try again shortly
                if self._down_since is None:
                    self._down_since = time.monotonic()
                    log.warning("Broker %s nicht erreichbar (%s); die Seiten warten.",
                                broker.redacted(self.settings.broker), exc)
                self._stop.wait(0.5)
                last_check = 0.0

    def _check_restart(self) -> None:
        """A Redis that restarted (run_id changed) may have lost queued tasks and results:
        send every page again that has no result yet (same ids, so nothing counts twice)."""
        run_id = self.app.backend.client.info("server").get("run_id")
        if self._run_id is not None and run_id != self._run_id:
            log.warning("Broker neu gestartet: %d Seiten werden erneut gesendet.", len(self._pending))
            with self._lock:
                for p in self._pending.values():
                    p.sent = False
        self._run_id = run_id

    def _send_unsent(self) -> None:
        with self._lock:
            unsent = [(tid, p) for tid, p in self._pending.items() if not p.sent]
        for tid, p in unsent:
            if p.fresh:  # left by an earlier run of the main node (crash, restart)? then take it
                if self._take(tid, p, self.app.backend.get(self.app.backend.get_key_for_task(tid))):
                    continue
                self.app.backend.client.delete(broker.TRIES_KEY + tid)
                p.fresh = False
            self.app.send_task(broker.TASK, args=[p.payload], task_id=tid, queue=broker.QUEUE,
                               retry=False)
            p.sent, p.sent_at = True, time.monotonic()

    def _collect(self) -> None:
        with self._lock:
            sent = [(tid, p) for tid, p in self._pending.items() if p.sent]
        if not sent:
            return
        backend = self.app.backend
        values = backend.mget([backend.get_key_for_task(tid) for tid, _ in sent])
        for (tid, p), raw in zip(sent, values):
            self._take(tid, p, raw)

    def _take(self, tid: str, p: _Pending, raw) -> bool:
        """Resolve the page's future from a stored result; False while there is none."""
        if raw is None:
            return False
        meta = self.app.backend.decode_result(raw)
        status, result = meta.get("status"), meta.get("result")
        if status == "SUCCESS" and isinstance(result, dict):
            error = result.get("error")
            if error is None:
                page = page_from_wire(result["page"])
                self.store.save_page_jpeg(p.sha, p.number, base64.b64decode(result["display"]))
            self._forget(tid)
            self._resolve(tid, p, page=None if error else page, error=error)
            return True
        if status in ("FAILURE", "REVOKED"):  # the task itself broke (not a page error): try again
            self._forget(tid)
            p.failures += 1
            if p.failures >= MAX_TRIES:
                self._resolve(tid, p, error=f"Die Texterkennung von Seite {p.number} ist auf {MAX_TRIES} "
                                             f"Versuchen fehlgeschlagen ({result}).")
            else:
                p.sent = False
            return True
        return False  # STARTED, RETRY or PENDING: not done yet

    def _forget(self, tid: str) -> None:
        client = self.app.backend.client
        client.delete(self.app.backend.get_key_for_task(tid), broker.TRIES_KEY + tid)

    def _resolve(self, tid: str, p: _Pending, page: PageText | None = None, error: str | None = None) -> None:
        with self._lock:
            self._pending.pop(tid, None)
        if error is not None:
            p.future.set_exception(OcrFailed(error))
        else:
            p.future.set_result(page)


def _chained(source: Future) -> Future:
    out: Future = Future()

    def copy(f: Future) -> None:
        if f.exception() is not None:
            out.set_exception(f.exception())
        else:
            out.set_result(f.result())
    source.add_done_callback(copy)
    return out
