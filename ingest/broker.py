"""The Celery app that joins the main node and the OCR workers through Redis, and what the
broker tells about them (workers seen, queue length, pages per minute).

Kept apart from ingest/remote.py (which holds the OCR task and its dispatcher) so
`ratsarchiv status` and the archive page can ask the broker without loading the OCR path.

Delivery is at least once and the results are idempotent, which together make a page
count exactly once: a task is acknowledged only after it ran (acks_late), a task whose
worker process died is put back (reject_on_worker_lost), and a task whose whole worker
machine vanished is handed out again after `broker_timeout` seconds (Redis' visibility
timeout). The main node takes one result per (file, page) and ignores the rest.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from celery import Celery
from celery.backends.redis import RedisBackend

from ratsarchiv.errors import ExitCode, RatsarchivError
from ratsarchiv.settings import Settings

QUEUE = "ratsarchiv-ocr"
TASK = "ratsarchiv.ocr_page"
# Redis keys of our own (beside Celery's), all under one prefix
TRIES_KEY = "ratsarchiv:tries:"  # + task id: how often a worker started the page
DONE_KEY = "ratsarchiv:done"  # sorted set "<task id> <worker>" -> time, for pages per minute
SEEN_KEY = "ratsarchiv:seen"  # sorted set worker name -> last time it took or finished a page
RATE_WINDOW = 300.0  # seconds over which pages per minute are counted
SEEN_WINDOW = 600.0  # a worker that did nothing for this long is no longer listed
RESULT_TTL = 6 * 3600  # results nobody collected (duplicates of a redelivered page) expire


class BrokerError(RatsarchivError):
    exit_code = ExitCode.ENVIRONMENT
    http_status = 503


class PolledRedisBackend(RedisBackend):
    """The main node collects results by polling them in one thread (ingest/remote.py);
    Celery's default would also subscribe to every result over pub/sub, and an unread
    subscription of page-sized results is what Redis cuts off at its output-buffer limit."""

    def on_task_call(self, producer, task_id):
        pass


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise BrokerError(f"Die Broker-Adresse „{redacted(url)}“ ist ungültig. Erwartet wird "
                          "redis://[:PASSWORT@]RECHNER:6379/0 (oder rediss:// mit TLS).")
    return url


def redacted(url: str) -> str:
    """The URL without its password, for logs and messages."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def make_app(settings: Settings) -> Celery:
    """The Celery app for one broker URL; the same configuration on main node and workers."""
    url = check_url(settings.broker)
    timeout = max(1.0, float(settings.broker_timeout))
    app = Celery("ratsarchiv", broker=url, backend=f"{__name__}:PolledRedisBackend+{url}",
                 set_as_current=False)
    transport = {
        "visibility_timeout": timeout,
        # look for pages of vanished workers often enough that they come back after about
        # `timeout` seconds, not after kombu's default sweep of 100 s on top
        "unacked_restore_interval": max(1, min(10, int(timeout / 4))),
        "unacked_restore_throttle": 1,
    }
    app.conf.update(
        task_serializer="json", result_serializer="json", accept_content=["json"],
        task_acks_late=True, task_reject_on_worker_lost=True, worker_prefetch_multiplier=1,
        task_default_queue=QUEUE, task_track_started=False, result_expires=RESULT_TTL,
        broker_transport_options=transport, result_backend_transport_options=transport,
        broker_connection_retry_on_startup=True, broker_connection_max_retries=None,
        worker_hijack_root_logger=False, worker_send_task_events=False,
        worker_cancel_long_running_tasks_on_connection_loss=False,
    )
    return app


# --- what the broker tells about the workers ------------------------------------------------
@dataclass
class WorkerSeen:
    name: str
    seconds_ago: float
    answering: bool  # answered a ping just now
    pages_per_minute: float


@dataclass
class Cluster:
    broker: str  # redacted URL
    reachable: bool
    queue_length: int = 0
    pages_per_minute: float = 0.0
    workers: list[WorkerSeen] | None = None
    error: str | None = None


def cluster_status(settings: Settings, ping_timeout: float = 1.0) -> Cluster:
    """Workers seen in the last minutes (and which answer a ping now), pages waiting in the
    queue and pages per minute over the last five minutes. Never raises: an unreachable
    broker is a state to show, not an error page."""
    shown = redacted(settings.broker)
    try:
        app = make_app(settings)
        client = app.backend.client
        now = time.time()
        queue_length = int(client.llen(QUEUE))
        client.zremrangebyscore(DONE_KEY, 0, now - RATE_WINDOW)
        client.zremrangebyscore(SEEN_KEY, 0, now - SEEN_WINDOW)
        done = [m.decode("utf-8", "replace") for m in client.zrangebyscore(DONE_KEY, now - RATE_WINDOW, now)]
        seen = {m.decode("utf-8", "replace"): float(t)
                for m, t in client.zrangebyscore(SEEN_KEY, now - SEEN_WINDOW, now, withscores=True)}
        answering = set((app.control.inspect(timeout=ping_timeout).ping() or {}).keys())
    except BrokerError as exc:
        return Cluster(shown, False, error=exc.message)
    except Exception as exc:  # connection refused, wrong password, timeouts
        return Cluster(shown, False, error=f"Der Broker ist nicht erreichbar ({type(exc).__name__}: {exc}).")
    per_worker: dict[str, int] = {}
    for member in done:
        worker = member.split(" ", 1)[1] if " " in member else "?"
        per_worker[worker] = per_worker.get(worker, 0) + 1
    minutes = RATE_WINDOW / 60
    names = sorted(set(seen) | answering)
    workers = [WorkerSeen(n, max(0.0, now - seen.get(n, now)), n in answering, per_worker.get(n, 0) / minutes)
               for n in names]
    return Cluster(shown, True, queue_length, len(done) / minutes, workers)


def status_lines(cluster: Cluster) -> list[str]:
    """The German lines `ratsarchiv status` prints about the workers."""
    if not cluster.reachable:
        return [f"Broker {cluster.broker}: {cluster.error}"]
    lines = [f"Broker {cluster.broker}: {cluster.queue_length} Seiten in der Warteschlange, "
             f"{cluster.pages_per_minute:.1f} Seiten/min (letzte 5 min)",
             f"Worker: {len(cluster.workers or [])}"]
    for w in cluster.workers or []:
        state = "antwortet" if w.answering else f"zuletzt gesehen vor {int(w.seconds_ago)} s"
        lines.append(f"  {w.name}: {state}, {w.pages_per_minute:.1f} Seiten/min")
    return lines
