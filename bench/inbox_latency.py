"""From a file landing in the watched inbox to being found by /api/search.

Runs `ratsarchiv run --inbox X --settle 1` as a child process and drops files one after
another (born-digital and scanned alternately), each only after the previous one became
searchable, so the figure is the latency of one file, not a queue. Each file carries a
word no other file has (it replaces "Magistrat" throughout the book); a file counts as
searchable when /api/search for that word returns a hit from that file. A file lands
atomically: written as `.part`, then renamed, and the clock starts at the rename.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import socket
import subprocess
import time
import urllib.parse

from bench.common import Context, cli_env, get_json, median, percentile, ratsarchiv_cmd

SETTLE_SECONDS = 1.0
WORDS = ["Zitronenfalter", "Pelikanbrunnen", "Flamingoteich", "Bernsteinzimmer", "Kolibrigarten",
         "Walrossbecken", "Seepferdchen", "Okapigehege", "Tukanvoliere", "Eisvogelnest"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tagged(book, word: str):
    pages = [[line.replace("Magistrat", word) for line in page] for page in book.pages]
    return dataclasses.replace(book, pages=pages)


def wait_until(predicate, timeout: float, step: float = 0.05):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return None


def run(ctx: Context) -> dict:
    from samples.minutes import all_books, render_pdf, render_scanned_pdf

    drops = 2 if ctx.quick else 8
    src, inbox, data = ctx.dir("inbox/src"), ctx.dir("inbox/inbox"), ctx.dir("inbox/data")
    books = all_books()
    files = []
    for i in range(drops):
        book, word = tagged(books[i % len(books)], WORDS[i]), WORDS[i]
        kind = "textlayer" if i % 2 == 0 else "scan"
        path = src / f"{book.name}-{word.lower()}.pdf"
        (render_pdf(book, path) if kind == "textlayer" else render_scanned_pdf(book, path, quality="clean"))
        files.append((path, word, kind, len(book.pages)))

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(ctx.work / "inbox" / "server.log", "w")
    proc = subprocess.Popen(ratsarchiv_cmd() + ["--data", str(data), "run", "--inbox", str(inbox),
                                                "--settle", str(SETTLE_SECONDS), "--host", "127.0.0.1",
                                                "--port", str(port), "--workers", str(ctx.workers)],
                            stdout=log, stderr=subprocess.STDOUT, env=cli_env())

    def healthy():
        try:
            return get_json(base + "/healthz", timeout=1).get("status") == "ok"
        except OSError:
            return False

    def found(word: str, filename: str):
        try:
            res = get_json(f"{base}/api/search?q={urllib.parse.quote(word)}", timeout=5)
        except OSError:
            return False
        return any(r["source"]["filename"] == filename for r in res["results"])

    latencies: dict[str, list[float]] = {"textlayer": [], "scan": []}
    try:
        t0 = time.perf_counter()
        if not wait_until(healthy, 60, 0.1):
            raise RuntimeError("`ratsarchiv run` wurde nicht bereit (siehe bench/.work/inbox/server.log)")
        startup = time.perf_counter() - t0
        for path, word, kind, pages in files:
            part = inbox / (path.name + ".part")
            part.write_bytes(path.read_bytes())
            t0 = time.perf_counter()
            os.rename(part, inbox / path.name)
            if not wait_until(lambda: found(word, path.name), 180):
                raise RuntimeError(f"{path.name} wurde nach 180 s nicht gefunden")
            latencies[kind].append(time.perf_counter() - t0)
            ctx.say(f"Eingang: {path.name} ({kind}, {pages} S.) nach {latencies[kind][-1]:.2f} s")
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()
    every = latencies["textlayer"] + latencies["scan"]
    out = {"inbox_settle_s": SETTLE_SECONDS, "inbox_drops": len(every),
           "inbox_server_startup_ms": round(startup * 1000),
           "inbox_to_search_p50_ms": round(median(every) * 1000),
           "inbox_to_search_p95_ms": round(percentile(every, 95) * 1000)}
    for kind, values in latencies.items():
        if values:
            out[f"inbox_to_search_{kind}_p50_ms"] = round(median(values) * 1000)
            out[f"inbox_to_search_{kind}_p95_ms"] = round(percentile(values, 95) * 1000)
    return out
