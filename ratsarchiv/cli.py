"""The `ratsarchiv` command: one handler (`main`) turns library errors into messages and exit codes.

Commands return an ExitCode; whatever they raise (RatsarchivError, or an OS/SQLite error,
which becomes one) is printed as one German line and mapped to its exit code in `main`.
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sqlite3
import sys
import threading
from concurrent.futures import as_completed
from pathlib import Path

from ingest.journal import STATE_NAMES
from ratsarchiv.errors import ExitCode, RatsarchivError, UsageError, from_os_error
from ratsarchiv.settings import Settings, describe, settings_from_env

log = logging.getLogger("ratsarchiv")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit 1, as the contract says
        self.print_usage(sys.stderr)
        self.exit(ExitCode.USAGE, f"{self.prog}: Fehler: {message}\n")


class Progress:
    """A progress bar on a terminal; on anything else, a plain line now and then."""

    def __init__(self, label: str, stream=None, unit: str = "Seiten"):
        self.label, self.stream, self.unit = label, stream or sys.stderr, unit
        self.tty = self.stream.isatty()
        self.last_pct = -1

    def __call__(self, done: int, total: int) -> None:
        if total <= 0:
            return
        pct = int(done * 100 / total)
        if self.tty:
            bar = "#" * (pct // 5) + "." * (20 - pct // 5)
            self.stream.write(f"\r  {self.label[:40]:40} [{bar}] {done}/{total} {self.unit}")
            self.stream.flush()
        elif pct // 25 > self.last_pct // 25 and total >= 8 and done < total:
            self.stream.write(f"  {self.label}: {done}/{total} {self.unit}\n")
        self.last_pct = pct

    def end(self) -> None:
        if self.tty and self.last_pct >= 0:
            self.stream.write("\r" + " " * 80 + "\r")
            self.stream.flush()


class BatchProgress:
    """Progress over many files processed at once: one bar on a terminal (files and pages),
    and one plain line per finished file everywhere."""

    def __init__(self, total_files: int, stream=None):
        self.total_files, self.stream = total_files, stream or sys.stderr
        self.tty = self.stream.isatty()
        self.pages: dict[Path, tuple[int, int]] = {}
        self.files_done = 0
        self.lock = threading.Lock()

    def for_file(self, path: Path):
        def update(done: int, total: int) -> None:
            with self.lock:
                self.pages[path] = (done, total)
                self._render()
        return update

    def _render(self) -> None:
        if not self.tty:
            return
        done = sum(d for d, _ in self.pages.values())
        total = sum(t for _, t in self.pages.values()) or 1
        filled = int(20 * done / total)
        self.stream.write(f"\r  [{'#' * filled}{'.' * (20 - filled)}] {self.files_done}/{self.total_files} Dateien, "
                          f"{done}/{total} Seiten ")
        self.stream.flush()

    def line(self, text: str) -> None:
        with self.lock:
            self.files_done += 1
            if self.tty:
                self.stream.write("\r" + " " * 78 + "\r")
                self.stream.flush()
            print(text, flush=True)
            self._render()

    def end(self) -> None:
        if self.tty:
            self.stream.write("\r" + " " * 78 + "\r")
            self.stream.flush()


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="ratsarchiv", description="Ratsarchiv: Anfragen in Ratsprotokollen finden.")
    p.add_argument("--data", type=Path, help="Datenordner (Standard: $RATSARCHIV_DATA oder ./ratsarchiv-data)")
    p.add_argument("-v", "--verbose", action="store_true", help="ausführliche Protokollausgabe")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def data_opt(sp):
        sp.add_argument("--data", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        sp.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        return sp

    def web_opts(sp):
        sp.add_argument("--host", help="Adresse (Standard 127.0.0.1)")
        sp.add_argument("--port", type=int, help="Port (Standard 8000)")

    def watch_opts(sp):
        sp.add_argument("--poll", action="store_true", default=None, help="Ordner abfragen statt inotify (Netzlaufwerke)")
        sp.add_argument("--settle", type=float, help="Sekunden ohne Änderung, bevor eine Datei genommen wird")
        sp.add_argument("--workers", type=int, help="parallele tesseract-Prozesse (Standard: Anzahl Kerne)")

    def broker_opt(sp):
        sp.add_argument("--broker", help="Redis-Adresse der OCR-Worker, z. B. redis://rechner:6379/0 "
                                         "(Standard: $RATSARCHIV_BROKER; leer: OCR in diesem Prozess)")

    sp = data_opt(sub.add_parser("run", help="Eingang überwachen und Web-Oberfläche bereitstellen"))
    sp.add_argument("--inbox", type=Path, help="Eingangsordner (Standard ./inbox)")
    web_opts(sp)
    watch_opts(sp)
    broker_opt(sp)
    sp = data_opt(sub.add_parser("watch", help="einen Eingangsordner überwachen"))
    sp.add_argument("inbox", type=Path)
    watch_opts(sp)
    broker_opt(sp)
    sp = data_opt(sub.add_parser("serve", help="nur Web-Oberfläche und JSON-API"))
    web_opts(sp)
    sp = data_opt(sub.add_parser("ingest", help="Dateien oder Ordner jetzt verarbeiten"))
    sp.add_argument("paths", nargs="+", type=Path)
    sp.add_argument("--workers", type=int, help="parallele tesseract-Prozesse")
    sp.add_argument("--move", action="store_true", help="Dateien ins Archiv verschieben statt kopieren")
    broker_opt(sp)
    sp = data_opt(sub.add_parser("search", help="von der Kommandozeile suchen"))
    sp.add_argument("query")
    sp.add_argument("--json", action="store_true", help="dasselbe JSON wie /api/search ausgeben")
    sp.add_argument("--limit", type=int, default=10)
    sp = data_opt(sub.add_parser("status", help="Zustände, Warteschlange, Quarantäne und OCR-Worker"))
    broker_opt(sp)
    sp = data_opt(sub.add_parser("worker", help="OCR-Worker für einen Hauptrechner mit Broker"))
    broker_opt(sp)
    sp.add_argument("--concurrency", type=int, help="gleichzeitige tesseract-Prozesse (Standard: Anzahl Kerne)")
    sp.add_argument("--pool", choices=("prefork", "threads"), default="prefork",
                    help="prefork (Standard: ein abstürzender Prozess trifft nur seine Seite) oder threads")
    sp.add_argument("--name", help="Name des Workers in `ratsarchiv status` (Standard: Rechnername und PID)")
    data_opt(sub.add_parser("reindex", help="Index aus gespeicherten Texten neu aufbauen (ohne OCR)"))
    sp = data_opt(sub.add_parser("retry", help="Dateien aus der Quarantäne erneut verarbeiten"))
    sp.add_argument("ids", nargs="+", help="Nummern aus `ratsarchiv status`, oder all")
    sp = data_opt(sub.add_parser("check", help="Index und Journal abgleichen und reparieren"))
    sp.add_argument("--no-repair", action="store_true", help="nur prüfen")
    return p


def settings_from_args(args) -> Settings:
    base = settings_from_env()
    return base.with_overrides(
        data_dir=getattr(args, "data", None),
        inbox=getattr(args, "inbox", None),
        host=getattr(args, "host", None),
        port=getattr(args, "port", None),
        poll=getattr(args, "poll", None),
        settle_seconds=getattr(args, "settle", None),
        workers=getattr(args, "workers", None),
        broker=getattr(args, "broker", None),
    )


def main(argv: list[str] | None = None) -> int:
    """Run one command; the only place that turns errors into messages and exit codes."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help (0), or a usage error argparse has already printed (1)
        return int(exc.code or 0)
    logging.basicConfig(level=logging.DEBUG if getattr(args, "verbose", False) else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    try:
        return int(COMMANDS[args.command](settings_from_args(args), args))
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except (RatsarchivError, sqlite3.Error, OSError) as exc:
        error = exc if isinstance(exc, RatsarchivError) else from_os_error(exc)
        print(f"Fehler: {error.message}", file=sys.stderr)
        return int(error.exit_code)


# --- commands ---------------------------------------------------------------------------
def _pipeline(settings: Settings, index_after_first_ocr: bool = False):
    """The pipeline, with its first tesseract started before the rest of Ratsarchiv is
    loaded: loading the language model (≈ 0.2 s) and our imports (≈ 0.3 s) overlap."""
    from ingest.tesseract import Readers, check_tesseract
    readers = None if settings.broker else Readers(settings.workers, settings.ocr_lang)
    try:
        if readers is not None:
            readers.warm()
        check_tesseract(settings.ocr_lang)
        from ingest.pipeline import Pipeline
        return Pipeline(settings, index_after_first_ocr, readers)
    except BaseException:
        if readers is not None:
            readers.close()
        raise


def cmd_ingest(settings: Settings, args) -> int:
    from ingest.files import is_temporary, shown_path
    files: list[Path] = []
    for p in args.paths:
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.is_file() and not is_temporary(f))
        elif p.is_file():
            files.append(p)
        else:
            raise UsageError(f"„{p}“ gibt es nicht.")
    pipeline = _pipeline(settings, index_after_first_ocr=True)
    counts: dict[str, int] = {}
    anfragen = 0
    bar = BatchProgress(len(files))
    # several files at once, as the watcher does: while one file waits for its last page, the
    # next one's pages keep every tesseract worker busy (all files share the one OCR pool)
    try:
        jobs = {pipeline.submit(f, args.move, bar.for_file(f)): f for f in files}
        for job in as_completed(jobs):
            f, out = jobs[job], job.result()
            row = out.row
            counts[row.state] = counts.get(row.state, 0) + 1
            anfragen += out.anfragen
            if row.state == "indexed":
                ocr = sum(1 for m in row.methods if m == "ocr")
                detail = (f"{row.pages} Seiten ({ocr} OCR), {out.records} Einträge, "
                          f"davon {out.anfragen} Anfragen")
            else:
                detail = row.reason or ""
            bar.line(f"{STATE_NAMES[row.state]:12} {shown_path(f)}  {detail}")
    finally:
        bar.end()
        pipeline.close()
    summary = ", ".join(f"{v} {STATE_NAMES[k].strip()}" for k, v in counts.items())
    print(f"Fertig: {len(files)} Dateien – {summary or 'keine'}; {anfragen} Anfragen gefunden.")
    return ExitCode.QUARANTINED if counts.get("quarantined") else ExitCode.OK


def cmd_search(settings: Settings, args) -> int:
    from index.search import SearchParams, SearchService
    if not 1 <= args.limit <= 100:
        raise UsageError("--limit muss zwischen 1 und 100 liegen.")
    service = SearchService(settings.store.index_dir, count_threshold=settings.count_threshold,
                            cache_mib=settings.search_cache_mib)
    from web.results import search_json
    result = search_json(service.search(SearchParams(q=args.query, per_page=args.limit)))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return ExitCode.OK
    total = f"{result['total']:,}".replace(",", ".")
    if result["total_relation"] == "gte":
        total = ("mehr als " if result["total"] >= service.count_threshold else "mindestens ") + total
    print(f"{total} Treffer für „{args.query}“")
    if result["notice"]:
        print(result["notice"])
    if result["suggestion"]:
        print(f"Meinten Sie: {result['suggestion']}?")
    import re
    for r in result["results"]:
        print(f"\n{r['kind']} {r['number'] or ''} – {r['title']}")
        print(f"  {r['faction'] or '–'} · {r['date'] or 'ohne Datum'} · {r['status'] or '–'} · {r['url']}")
        for s in r.get("snippets", [])[:2]:
            print("  " + re.sub(r"</?mark>", "*", s))
    return ExitCode.OK


def cmd_status(settings: Settings, args) -> int:
    from ingest.journal import Journal
    journal = Journal(settings.store.journal_path)
    counts = journal.counts()
    print("Dateien nach Status: " + ", ".join(f"{STATE_NAMES[k]} {v}" for k, v in counts.items()))
    queue = journal.unfinished()
    print(f"Warteschlange: {len(queue)}")
    for r in queue:
        print(f"  #{r.id} {STATE_NAMES[r.state]:10} {r.filename}")
    quarantined = journal.all(state="quarantined", limit=10**6)
    print(f"Quarantäne: {len(quarantined)}")
    for r in quarantined:
        print(f"  #{r.id} {r.filename}: {r.reason}")
    if quarantined:
        print("Erneut verarbeiten: ratsarchiv retry NUMMER (oder: ratsarchiv retry all)")
    if settings.broker:
        from ingest.broker import cluster_status, status_lines
        for line in status_lines(cluster_status(settings)):
            print(line)
    return ExitCode.OK


def cmd_worker(settings: Settings, args) -> int:
    from ingest.broker import check_url, redacted
    from ingest.tesseract import check_tesseract
    from ingest.remote import supervise
    if not settings.broker:
        raise UsageError("Ein Worker braucht einen Broker: --broker redis://RECHNER:6379/0 "
                         "oder RATSARCHIV_BROKER setzen.")
    check_url(settings.broker)
    check_tesseract(settings.ocr_lang)
    if args.concurrency is not None and args.concurrency < 1:
        raise UsageError("--concurrency muss mindestens 1 sein.")
    concurrency = args.concurrency or settings.workers
    print(f"OCR-Worker mit {concurrency} tesseract-Prozessen ({args.pool}) an {redacted(settings.broker)}",
          flush=True)
    supervise(settings, concurrency, args.pool, args.name)
    return ExitCode.OK


def cmd_reindex(settings: Settings, args) -> int:
    from ingest.pipeline import Pipeline
    pipeline = Pipeline(settings)
    bar = Progress("Index neu aufbauen", unit="Dateien")
    n = pipeline.reindex(progress=bar)
    bar.end()
    pipeline.close()
    print(f"Index neu aufgebaut: {n} Einträge.")
    return ExitCode.OK


def cmd_retry(settings: Settings, args) -> int:
    pipeline = _pipeline(settings)
    try:
        if args.ids == ["all"]:
            ids = [r.id for r in pipeline.journal.all(state="quarantined", limit=10**6)]
        else:
            try:
                ids = [int(i.lstrip("#")) for i in args.ids]
            except ValueError:
                raise UsageError("Bitte Nummern aus `ratsarchiv status` angeben, oder all.")
        worst = ExitCode.OK
        for i in ids:
            out = pipeline.retry(i)
            print(f"{STATE_NAMES[out.row.state]:12} #{i} {out.row.filename}  {out.row.reason or ''}")
            worst = ExitCode.QUARANTINED if out.row.state == "quarantined" else worst
        return worst
    finally:
        pipeline.close()


def cmd_check(settings: Settings, args) -> int:
    from ingest.check import check
    pipeline = _pipeline(settings)
    try:
        report = check(pipeline, repair=not args.no_repair)
    finally:
        pipeline.close()
    for line in report.lines():
        print(line)
    return ExitCode.OK if report.ok or not args.no_repair else ExitCode.QUARANTINED


def _serve(settings: Settings, pipeline=None):
    from werkzeug.serving import make_server
    from web import create_app
    if settings.host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("Achtung: Der Server lauscht auf %s und ist damit von anderen Rechnern erreichbar. "
                    "Ratsarchiv hat keine Anmeldung – bitte hinter einen Reverse-Proxy mit "
                    "Authentifizierung stellen (siehe SECURITY.md).", settings.host)
    _check_port(settings)
    app = create_app(settings, pipeline=pipeline)
    try:
        server = make_server(settings.host, settings.port, app, threaded=True)
    except (OSError, SystemExit) as exc:
        raise RatsarchivError(f"Der Webserver kann nicht auf {settings.host}:{settings.port} starten "
                              f"(Port belegt oder Adresse ungültig). Anderen Port mit --port wählen.") from exc
    print(f"Ratsarchiv läuft auf http://{settings.host}:{server.server_port}/", flush=True)
    return server


def _check_port(settings: Settings) -> None:
    import socket
    try:
        infos = socket.getaddrinfo(settings.host, settings.port, type=socket.SOCK_STREAM)
        with socket.socket(infos[0][0], socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(infos[0][4])
    except OSError as exc:
        raise RatsarchivError(f"Der Webserver kann nicht auf {settings.host}:{settings.port} starten: "
                              f"{'Port ist belegt' if exc.errno == 98 else exc.strerror}. "
                              "Anderen Port mit --port wählen.") from exc


def _until_signal(stop: threading.Event) -> None:
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()


def cmd_watch(settings: Settings, args) -> int:
    from ingest.watcher import InboxWatcher
    settings = settings.with_overrides(inbox=args.inbox)
    pipeline = _pipeline(settings)
    log.info("Einstellungen: %s", describe(settings))
    watcher = InboxWatcher(settings, pipeline)
    watcher.start()
    print(f"Überwache {settings.inbox} ({'Abfrage' if settings.poll else 'inotify'}) …", flush=True)
    stop = threading.Event()
    _until_signal(stop)
    watcher.stop()
    pipeline.close()
    return ExitCode.OK


def cmd_serve(settings: Settings, args) -> int:
    from index.writer import is_current
    if not is_current(settings.store.index_dir):  # schema changed since the index was built
        from ingest.pipeline import Pipeline
        Pipeline(settings).close()  # rebuilds from stored extraction results
    server = _serve(settings)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    stop = threading.Event()
    _until_signal(stop)
    server.shutdown()
    return ExitCode.OK


def cmd_run(settings: Settings, args) -> int:
    from ingest.watcher import InboxWatcher
    _check_port(settings)
    pipeline = _pipeline(settings)
    log.info("Einstellungen: %s", describe(settings))
    watcher = InboxWatcher(settings, pipeline)
    watcher.start()
    print(f"Überwache {settings.inbox.resolve()} ({'Abfrage' if settings.poll else 'inotify'}) …", flush=True)
    server = _serve(settings, pipeline=pipeline)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    stop = threading.Event()
    _until_signal(stop)
    server.shutdown()
    watcher.stop()
    pipeline.close()
    return ExitCode.OK


COMMANDS = {"run": cmd_run, "watch": cmd_watch, "serve": cmd_serve, "ingest": cmd_ingest,
            "search": cmd_search, "status": cmd_status, "reindex": cmd_reindex, "retry": cmd_retry,
            "check": cmd_check, "worker": cmd_worker}

if __name__ == "__main__":
    sys.exit(main())
