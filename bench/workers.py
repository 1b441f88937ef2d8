"""OCR through the broker: pages per minute in-process against 1 and 2 local workers
through a real redis-server, on the same scans and with the same number of tesseract
processes (ctx.workers) on each side.

In-process is `ratsarchiv ingest --workers N`. Through Redis the same command runs as main
node with `--broker`, and the tesseract processes sit in `ratsarchiv worker` processes
started before the clock runs (a worker machine runs all the time): one worker with
`--concurrency N`, or two with N/2 each. The three take turns in every round, so drift on
a shared machine hits all alike; medians are reported. Not in --quick: it OCRs the pages
nine times.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from bench.common import Context, check_ingest, cli_env, median, ratsarchiv_cmd, run_cli, scanned_books

REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"


def available() -> bool:
    return Path(REDIS).exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise RuntimeError(f"Zeitüberschreitung: {what}")


def _redis(port: int, work: Path) -> subprocess.Popen:
    import redis
    proc = subprocess.Popen([REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(work)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def ping() -> bool:
        try:
            return redis.Redis(port=port, socket_timeout=1).ping()
        except redis.ConnectionError:
            return False
    _wait(ping, 30, "redis-server antwortet nicht")
    return proc


def _workers(url: str, sizes: list[int], work: Path, tag: str) -> list[subprocess.Popen]:
    """Start `ratsarchiv worker` processes and wait until each answers a ping."""
    from ingest.broker import cluster_status
    from ratsarchiv.settings import Settings
    procs, names = [], []
    for i, n in enumerate(sizes):
        name = f"bench-{tag}-{i}@local"
        log = open(work / f"{tag}-{i}.log", "w")
        procs.append(subprocess.Popen(ratsarchiv_cmd() + ["worker", "--broker", url, "--concurrency", str(n),
                                                          "--name", name],
                                      stdout=log, stderr=subprocess.STDOUT, env=cli_env(),
                                      start_new_session=True))
        names.append(name)
    settings = Settings(broker=url)

    def ready() -> bool:
        if any(p.poll() is not None for p in procs):
            raise RuntimeError(f"ein Worker hat sich beendet (siehe {work})")
        seen = {w.name for w in cluster_status(settings, ping_timeout=0.5).workers or [] if w.answering}
        return set(names) <= seen
    _wait(ready, 120, "Worker melden sich nicht")
    return procs


def _stop(procs: list[subprocess.Popen]) -> None:
    import signal
    for p in procs:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)
    for p in procs:
        try:
            p.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)


def run(ctx: Context) -> dict:
    from samples.minutes import render_scanned_pdf

    n_procs = max(2, ctx.workers - ctx.workers % 2)  # two workers must split them evenly
    pdf_dir = ctx.dir("workers/pdf")
    pages = 0
    for book in scanned_books(6 if ctx.quick else 12):
        render_scanned_pdf(book, pdf_dir / f"{book.name}-scan.pdf", quality="clean")
        pages += len(book.pages)
    work = ctx.dir("workers/run")
    port = _free_port()
    server = _redis(port, work)
    one_url, two_url = f"redis://127.0.0.1:{port}/1", f"redis://127.0.0.1:{port}/2"
    workers = []
    try:
        workers = _workers(one_url, [n_procs], work, "one") + _workers(two_url, [n_procs // 2] * 2, work, "two")
        ctx.say(f"Worker: {pages} Seiten, {n_procs} tesseract-Prozesse je Variante")
        rounds = 1 if ctx.quick else 3
        secs: dict[str, list[float]] = {"in_process": [], "one": [], "two": []}
        for r in range(rounds):
            for key, extra in (("in_process", []), ("one", ["--broker", one_url]), ("two", ["--broker", two_url])):
                t, proc = run_cli(["ingest", str(pdf_dir), "--workers", str(n_procs), *extra],
                                  ctx.dir(f"workers/data-{key}-{r}"))
                check_ingest(proc, key)
                secs[key].append(t)
    finally:
        _stop(workers)
        server.kill()
        server.wait(10)
    ppm = {k: pages / median(v) * 60 for k, v in secs.items()}
    # ratio round by round (the three ran back to back), then the median over the rounds
    ratio = {k: median([a / b for a, b in zip(secs["in_process"], secs[k])]) for k in ("one", "two")}
    return {
        "workers_pages": pages,
        "workers_tesseract_processes": n_procs,
        "workers_rounds": rounds,
        "workers_in_process_pages_per_min": round(ppm["in_process"], 1),
        "workers_one_worker_pages_per_min": round(ppm["one"], 1),
        "workers_two_workers_pages_per_min": round(ppm["two"], 1),
        "workers_one_worker_ratio": round(ratio["one"], 3),
        "workers_two_workers_ratio": round(ratio["two"], 3),
        "workers_seconds": {k: [round(s, 2) for s in v] for k, v in secs.items()},
    }
