"""The one place that starts tesseract: its flags, its environment, its errors.

OMP_THREAD_LIMIT=1: we run one tesseract per core ourselves; tesseract's own
OpenMP threads would then fight over the same cores and make the whole batch slower.

Two ways to run it: `TesseractReader` keeps one tesseract process reading page after page
(the OCR pool of `ratsarchiv ingest` and the service), and `tesseract_tsv` starts one
through pytesseract for a single page (the OCR workers, tools, and wherever no pool is).
Both give the same TSV for the same hand-over file. Only the standard library is imported
here, so `ratsarchiv ingest` can start its first tesseract (≈ 0.2 s to load the language
model) before it loads the rest of itself.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import tempfile
import threading
from collections import deque
from functools import lru_cache
from pathlib import Path
from typing import Callable

from ratsarchiv.errors import MissingTool, OcrFailed

TESSERACT = "tesseract"


def ocr_env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


@lru_cache(maxsize=4)
def check_tesseract(lang: str = "deu") -> None:
    """Raises MissingTool when tesseract or the language is missing, before any file is
    taken (a file must not go to the quarantine for a missing install)."""
    if not shutil.which(TESSERACT):
        raise MissingTool()
    out = subprocess.run([TESSERACT, "--list-langs"], capture_output=True, text=True, env=ocr_env())
    langs = set(out.stdout.split()) | set(out.stderr.split())
    if lang not in langs:
        raise MissingTool(f"Das tesseract-Sprachpaket „{lang}“ fehlt. Bitte installieren: "
                          f"apt-get install tesseract-ocr-{lang}")


def _limit_threads() -> None:
    """pytesseract starts tesseract with this process's environment, so the limit is set
    there (nothing in Ratsarchiv itself uses OpenMP)."""
    os.environ["OMP_THREAD_LIMIT"] = "1"


def tesseract_tsv(image: Path, lang: str = "deu", dpi: int | None = None, timeout: float = 600) -> str:
    """Tesseract's TSV (words, boxes, confidences) for one page image, through pytesseract.

    The image is passed as a path, so pytesseract hands the file over as it is (no PNG
    re-encoding), and the TSV comes back as text; the only extra work against calling the
    CLI directly is one small temporary file (bench/README.md has the measured cost)."""
    import pytesseract

    _limit_threads()
    config = "--psm 3" + (f" --dpi {dpi}" if dpi else "")
    try:
        return pytesseract.image_to_data(str(image), lang=lang, config=config, timeout=timeout)
    except pytesseract.TesseractNotFoundError as exc:
        raise MissingTool() from exc
    except pytesseract.TesseractError as exc:
        msg = str(exc.message).strip().splitlines()[-1:] or ["?"]
        raise OcrFailed(f"Die Texterkennung ist fehlgeschlagen: {msg[0]}") from exc
    except RuntimeError as exc:  # pytesseract's timeout (the process is killed)
        raise OcrFailed(f"Die Texterkennung hat für eine Seite länger als {int(timeout)} s "
                        "gebraucht und wurde abgebrochen.") from exc


class TesseractReader:
    """One tesseract process that reads page after page: image paths go in on stdin
    (`stream_filelist`), each page's TSV comes out as soon as it is read. Starting tesseract
    and loading the language model costs ≈ 0.18 s of CPU, 8 % of a clean page's reading;
    a process per page (what plain `tesseract IMG` and pytesseract do) pays it for every page,
    this reader once (bench/README.md). Tesseract's TSV has no end-of-page mark, so each page
    is followed by a tiny blank page (`sentinel`), whose page row says the page before it is
    complete; reading it costs nothing measurable. A page over its time limit, or a failed
    process, ends the process; the next page starts a new one. One caller at a time."""

    def __init__(self, lang: str, sentinel: Path):
        self.lang, self.sentinel = lang, sentinel
        self._proc: subprocess.Popen | None = None
        self._pages: queue.Queue = queue.Queue()
        self._stderr: deque[str] = deque(maxlen=20)

    def read(self, image: Path, timeout: float = 600) -> str:
        """The TSV of one page image, as `tesseract IMAGE stdout tsv` prints it. Where a
        process that had read pages before dies on this one (killed from outside, say), the
        page is read once more by a new one; where a new one dies, the page fails."""
        fresh = not self.running()
        tsv = self._read(image, timeout)
        if tsv is None and not fresh:
            tsv = self._read(image, timeout)
        if tsv is None:
            reason = next((ln for ln in reversed(self._stderr) if ln.strip() and not ln.startswith("Page ")), "?")
            self.close()
            raise OcrFailed(f"Die Texterkennung ist fehlgeschlagen: {reason.strip()}")
        return tsv

    def _read(self, image: Path, timeout: float) -> str | None:
        """The page's TSV, or None where the process ended without it."""
        self.start()
        try:
            self._proc.stdin.write(os.fsencode(image) + b"\n" + os.fsencode(self.sentinel) + b"\n")
            self._proc.stdin.flush()
            return self._pages.get(timeout=timeout)
        except queue.Empty:
            self.close(kill=True)
            raise OcrFailed(f"Die Texterkennung hat für eine Seite länger als {int(timeout)} s "
                            "gebraucht und wurde abgebrochen.") from None
        except OSError:  # the process is gone (its stdin is closed)
            return None

    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> None:
        """Starts the process, unless it runs."""
        if self.running():
            return
        if not shutil.which(TESSERACT):
            raise MissingTool()
        self._pages, self._stderr = queue.Queue(), deque(maxlen=20)
        self._proc = subprocess.Popen(
            [TESSERACT, "-", "stdout", "-l", self.lang, "--psm", "3", "-c", "stream_filelist=true", "tsv"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ocr_env())
        threading.Thread(target=_pump_pages, args=(self._proc.stdout, self._pages),
                         name="tesseract-out", daemon=True).start()
        threading.Thread(target=_keep_lines, args=(self._proc.stderr, self._stderr),
                         name="tesseract-err", daemon=True).start()

    def close(self, kill: bool = False) -> None:
        """Ends the process: killed (a page over its time), or stdin closed, so it exits
        once it has nothing to read, and killed if it does not exit at once."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if kill:
            proc.kill()
        try:
            proc.stdin.close()
        except OSError:
            pass
        try:
            proc.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _pump_pages(out, pages: queue.Queue) -> None:
    """Splits tesseract's TSV stream into pages: the header line, then each page's rows up
    to the page row of the sentinel that follows it (even page numbers are sentinels)."""
    header = out.readline()
    rows: list[bytes] = []
    for line in out:
        if line.startswith(b"1\t") and int(line.split(b"\t", 2)[1]) % 2 == 0:
            pages.put((header + b"".join(rows)).decode("utf-8", "replace"))
            rows = []
        else:
            rows.append(line)
    pages.put(None)  # the process ended


def _keep_lines(err, lines: deque) -> None:
    for line in err:
        lines.append(line.decode("utf-8", "replace"))


class Readers:
    """`workers` TesseractReaders: `with readers as reader:` waits for a free one, so no more
    than `workers` tesseract processes ever read at once. `first()` is called once, as the
    first reader is taken."""

    def __init__(self, workers: int, lang: str = "deu"):
        self._dir = Path(tempfile.mkdtemp(prefix="ratsarchiv-tesseract-"))
        sentinel = self._dir / "sentinel.pbm"
        sentinel.write_bytes(b"P4\n16 16\n" + bytes(32))  # 16 × 16 white pixels
        self._all = [TesseractReader(lang, sentinel) for _ in range(max(1, workers))]
        self._free: queue.Queue = queue.Queue()
        for reader in self._all:
            self._free.put(reader)
        self._local = threading.local()
        self.first: Callable[[], None] | None = None

    def warm(self) -> None:
        """Starts the first tesseract now, so it loads its language model while the caller
        gets ready (`ratsarchiv ingest` loads the rest of itself meanwhile)."""
        self._all[0].start()

    def __enter__(self) -> TesseractReader:
        reader = self._free.get()
        self._local.reader = reader
        first, self.first = self.first, None
        if first is not None:
            first()
        return reader

    def __exit__(self, *exc) -> None:
        self._free.put(self._local.reader)

    def close(self) -> None:
        for reader in self._all:
            reader.close()
        shutil.rmtree(self._dir, ignore_errors=True)
