"""The one place that runs tesseract: its flags, its environment, its errors.

OMP_THREAD_LIMIT=1: we run one tesseract per core ourselves; tesseract's own
OpenMP threads would then fight over the same cores and make the whole batch slower.

Two ways to run it: `TesseractReader` keeps one tesseract process reading page after page
(the OCR pool of `ratsarchiv ingest` and the service), and `tesseract_tsv` starts one
through pytesseract for a single page (the OCR workers, tools, and wherever no pool is).
Both give the same TSV for the same hand-over file.
"""

from __future__ import annotations

import csv
import io
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from collections import deque
from concurrent.futures import Future
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from PIL import Image

from ingest.layout import layout_text
from ingest.pagequality import Reading

from ratsarchiv.errors import MissingTool, OcrFailed
from ratsarchiv.model import PageText, Word

TESSERACT = "tesseract"


def ocr_env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


@lru_cache(maxsize=1)
def check_tesseract(lang: str = "deu") -> None:
    """Raises MissingTool when tesseract or the language is missing, before any file is
    taken (a file must not go to the quarantine for a missing install)."""
    if not shutil.which(TESSERACT):
        raise MissingTool()
    # pytesseract asks `tesseract --version` before its first run (once per process): asked
    # here, beside the language list, the first page's tesseract starts without that wait
    # (and two OCR threads starting at once do not both ask)
    version = threading.Thread(target=_ask_version, name="tesseract-version", daemon=True)
    version.start()
    out = subprocess.run([TESSERACT, "--list-langs"], capture_output=True, text=True, env=ocr_env())
    version.join()
    langs = set(out.stdout.split()) | set(out.stderr.split())
    if lang not in langs:
        raise MissingTool(f"Das tesseract-Sprachpaket „{lang}“ fehlt. Bitte installieren: "
                          f"apt-get install tesseract-ocr-{lang}")


def _ask_version() -> None:
    import pytesseract

    try:
        pytesseract.get_tesseract_version()
    except Exception:  # asked again, and reported, at the first run
        pass


def save_handover(img: Image.Image, path: Path, dpi: int | None = None) -> None:
    """The page as tesseract gets it: an uncompressed TIFF, 1 bit for a bilevel scan, else
    8-bit grey. Tesseract reads this about 12 % faster than PGM (leptonica's PNM reader is
    slow), and a 1-bit page spares it its own thresholding (measured, bench/README.md).
    Explicit compression: a frame copied from a TIFF must not carry its source's tags. The
    scan's resolution goes into the file, where tesseract reads it as it would `--dpi`."""
    if img.mode not in ("1", "L"):
        img = img.convert("L")
    if dpi:
        img.save(path, format="TIFF", compression="raw", dpi=(dpi, dpi))
    else:
        img.save(path, format="TIFF", compression="raw")


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
        """The TSV of one page image, as `tesseract IMAGE stdout tsv` prints it."""
        if self._proc is None or self._proc.poll() is not None:
            self._start()
        try:
            self._proc.stdin.write(os.fsencode(image) + b"\n" + os.fsencode(self.sentinel) + b"\n")
            self._proc.stdin.flush()
            tsv = self._pages.get(timeout=timeout)
        except queue.Empty:
            self.close(kill=True)
            raise OcrFailed(f"Die Texterkennung hat für eine Seite länger als {int(timeout)} s "
                            "gebraucht und wurde abgebrochen.") from None
        except OSError:  # the process is gone (its stdin is closed)
            tsv = None
        if tsv is None:
            reason = next((ln for ln in reversed(self._stderr) if ln.strip() and not ln.startswith("Page ")), "?")
            self.close()
            raise OcrFailed(f"Die Texterkennung ist fehlgeschlagen: {reason.strip()}")
        return tsv

    def _start(self) -> None:
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
        sentinel = self._dir / "sentinel.tif"
        Image.new("1", (16, 16), 1).save(sentinel, format="TIFF", compression="raw", dpi=(300, 300))
        self._all = [TesseractReader(lang, sentinel) for _ in range(max(1, workers))]
        self._free: queue.Queue = queue.Queue()
        for reader in self._all:
            self._free.put(reader)
        self._local = threading.local()
        self.first: Callable[[], None] | None = None

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


def run_tesseract(image: Path, lang: str = "deu", dpi: int | None = None,
                  timeout: float = 600) -> tuple[list[Word], float | None, int, int]:
    """OCR one page image and wait for it."""
    return parse_tsv(tesseract_tsv(image, lang, dpi, timeout))


def parse_tsv(tsv: str) -> tuple[list[Word], float | None, int, int]:
    """Words with relative boxes and tesseract line ids, mean confidence, and the image
    size tesseract saw."""
    words, confs, width, height = read_tsv(tsv)
    return words, (sum(confs) / len(confs) if confs else None), width, height


def read_tsv(tsv: str) -> tuple[list[Word], list[float], int, int]:
    rows = list(csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows:
        return [], [], 0, 0
    header = rows[0]
    col = {name: i for i, name in enumerate(header)}
    width = height = 0
    line_ids: dict[tuple[str, str, str], int] = {}
    words: list[Word] = []
    confs: list[float] = []
    for r in rows[1:]:
        if len(r) < len(header):
            continue
        level = r[col["level"]]
        if level == "1":
            width, height = int(r[col["width"]]), int(r[col["height"]])
            continue
        if level != "5":
            continue
        text = r[col["text"]].strip()
        if not text:
            continue
        key = (r[col["block_num"]], r[col["par_num"]], r[col["line_num"]])
        line = line_ids.setdefault(key, len(line_ids) + 1)
        left, top = int(r[col["left"]]), int(r[col["top"]])
        w, h = int(r[col["width"]]), int(r[col["height"]])
        conf = float(r[col["conf"]])
        if conf >= 0:
            confs.append(conf)
        words.append(Word(text, left, top, left + w, top + h, line))
    if width and height:
        for wd in words:
            wd.x0, wd.x1 = wd.x0 / width, wd.x1 / width
            wd.y0, wd.y1 = wd.y0 / height, wd.y1 / height
    return words, confs, width, height


# --- one page image -> PageText, with clean-up only where the page needs it -----------------

MAX_EXTRA_TRIES = 2  # further tesseract runs on a page whose first reading is bad
RETRY_BUDGET = 1.5  # a further run may take this many times as long as the first reading …
RETRY_MIN_SECONDS = 3.0  # … but never less than this

# A specky page (pagequality.is_specky) is handed over freed of its specks and thresholded
# to one bit: tesseract reads that at no worse an error rate than the grey page and in
# clearly less time than the scan as it came (on the bench's noisy and degraded scans about
# 10 % less than plain tesseract on the stored scan; median-filtered grey took up to 19 %
# more; bench/README.md).
SPECKY_FIRST = ("median3", "otsu")

# What to try on a page read badly, in order: the first reading decides the list, so the
# steps already applied are not tried again.
_AFTER_PLAIN = [("median3",), ("background", "stretch"), ("sauvola",), ("deskew",)]
_AFTER_MEDIAN = [("median3", "background", "stretch"), (), ("median3", "sauvola")]


@dataclass
class _Try:
    steps: tuple[str, ...]
    image: Image.Image
    words: list[Word]
    reading: Reading
    width: int
    height: int


def ocr_page(img: Image.Image, number: int, tmpdir: Path, lang: str = "deu", dpi: int | None = None,
             rescue: bool = True, timeout: float = 600,
             show: Callable[[Image.Image], None] | None = None,
             slots: AbstractContextManager | None = None) -> PageText:
    """OCR one page image into a PageText, cleaning it up only where measurement says so.

    A page whose scan has lone specks (pagequality.speck_share) starts with the 3×3 median
    and a 1-bit threshold (SPECKY_FIRST) unless that leaves the page mostly black
    (pagequality.ink_share: shadows, bleed-through); any other page goes to tesseract
    exactly as it came. Only when that reading is bad
    (pagequality.judge: low word confidence, few word-like tokens, or nothing) are other
    clean-ups tried, at most MAX_EXTRA_TRIES, and the reading with the best score is kept;
    so a clean page costs one tesseract run and a speck test, and comes out as plain
    tesseract reads it. `show(image)` gets the image the kept words sit on (for the
    display image), the first time while tesseract runs. `rescue=False`: plain only.
    `slots` (Readers: one of the pool's tesseract processes; or any context manager) is held
    only while tesseract reads, so the clean-up and hand-over of this page can happen while
    other pages' tesseract runs fill the cores."""
    first, prepared = first_handover(img) if rescue else ((), None)
    slots = slots or nullcontext()
    started = time.monotonic()
    best = _try(img, first, number, tmpdir, lang, dpi, timeout, show, slots, prepared)
    # a retry may cost at most RETRY_BUDGET times the first reading (at least RETRY_MIN_SECONDS): on a damaged page
    # tesseract can take ten times as long on a cleaned image, and then the first reading stays
    budget = max(RETRY_MIN_SECONDS, RETRY_BUDGET * (time.monotonic() - started))
    tries = 1
    if rescue and not best.reading.good:
        for steps in (_AFTER_MEDIAN if first else _AFTER_PLAIN)[:MAX_EXTRA_TRIES]:
            try:
                candidate = _try(img, steps, number, tmpdir, lang, dpi, min(budget, timeout), None, slots)
            except OcrFailed:
                tries += 1
                continue  # the retry ran over its budget (or failed): keep what was read
            tries += 1
            if candidate.reading.score > best.reading.score:
                best = candidate
            if best.reading.good:
                break
        if show is not None and "deskew" in best.steps:
            show(best.image)  # rotated: the boxes sit on the straightened page
    text, words = layout_text(best.words)
    conf = best.reading.confidence
    detail = {"confidence": None if conf is None else round(conf, 1), "preprocessing": list(best.steps),
              "tries": tries, "wordlike": round(best.reading.wordlike, 3)}
    return PageText(number=number, text=text, method="ocr", words=words, width=best.width,
                    height=best.height, confidence=conf, ocr=detail)


def first_handover(img: Image.Image) -> tuple[tuple[str, ...], Image.Image | None]:
    """The steps of a page's first reading, decided from the scan before any OCR, and the
    image they make (None: the page as it came)."""
    from ingest import cleanup, pagequality

    if not pagequality.is_specky(img):
        return (), None
    prepared = cleanup.clean_page(img, SPECKY_FIRST)
    if pagequality.ink_share(prepared) > pagequality.MAX_INK:
        return (), None  # the 1-bit page is mostly black: tesseract gets the page as it came
    return SPECKY_FIRST, prepared


def _try(img: Image.Image, steps: tuple[str, ...], number: int, tmpdir: Path, lang: str,
         dpi: int | None, timeout: float, show: Callable[[Image.Image], None] | None,
         slots: AbstractContextManager, prepared: Image.Image | None = None) -> _Try:
    """One tesseract run on the page after `steps` (`prepared`: that image, already made);
    `show(img)` runs while tesseract works."""
    from ingest import cleanup, pagequality

    image = prepared if prepared is not None else cleanup.clean_page(img, steps)
    path = tmpdir / f"{number}-{'-'.join(steps) or 'plain'}.tif"
    save_handover(image, path, dpi)
    try:
        with slots as reader:
            tsv = _run_showing(path, number, lang, dpi, timeout, img if show else None, show, reader)
    finally:
        path.unlink(missing_ok=True)
    words, confs, width, height = read_tsv(tsv)
    reading = pagequality.judge([w.text for w in words], confs)
    return _Try(steps, image, words, reading, width, height)


def _run_showing(path: Path, number: int, lang: str, dpi: int | None, timeout: float,
                 img: Image.Image | None, show: Callable[[Image.Image], None] | None,
                 reader: TesseractReader | None = None) -> str:
    """Tesseract's TSV for the hand-over file (by `reader`, else by a tesseract of its own),
    with `show(img)` done meanwhile."""
    pending: Future = Future()

    def work() -> None:
        try:
            if reader is not None and reader.lang == lang:
                tsv = reader.read(path, timeout)
            else:
                tsv = tesseract_tsv(path, lang, dpi, timeout)
            pending.set_result(tsv)
        except BaseException as exc:  # handed to the caller below
            pending.set_exception(exc)

    thread = threading.Thread(target=work, name=f"tesseract-{number}", daemon=True)
    thread.start()
    try:
        if show is not None:
            show(img)  # the scan as it came: staff see their page, the boxes are relative
        return pending.result()
    finally:
        thread.join()
