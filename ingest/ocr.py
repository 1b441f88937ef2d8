"""OCR of one page: what tesseract is handed, how its reading is judged, and which of
several readings is kept. Tesseract itself is started in ingest/tesseract.py.
"""

from __future__ import annotations

import csv
import io
import re
import threading
import time
from concurrent.futures import Future
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PIL import Image

from ingest.layout import layout_text, lettered
from ingest.pagequality import Reading
from ingest.tesseract import Readers, TesseractReader, tesseract_tsv
from ratsarchiv.errors import OcrFailed
from ratsarchiv.model import PageText, Word

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
    conf_of: dict[int, float] = {}  # each word's confidence, by the word's id
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
        word = Word(text, left, top, left + w, top + h, line)
        words.append(word)
        conf_of[id(word)] = conf
    words = _keywords_read(_without_ghosts(_without_specks(words, conf_of), conf_of), conf_of)
    if width and height:
        for wd in words:
            wd.x0, wd.x1 = wd.x0 / width, wd.x1 / width
            wd.y0, wd.y1 = wd.y0 / height, wd.y1 / height
    return words, confs, width, height


# Dust read as marks: a mark without letters or digits that tesseract doubts (a real dash or
# bullet it reads at 80-95), or that is small beside the page's words and not trusted, or tiny.
SPECK_CONF = 30
SPECK_SIZE, SPECK_TRUSTED = 0.3, 75  # share of a word's height; the confidence that keeps a small mark
SPECK_TINY = 0.12
SPECK_LETTER_CONF = 50  # a lone letter tesseract doubts this much is a speck read as "i", "j" or "ı"
SPECK_SHORT, SPECK_SHORT_CONF = 3, 30  # as is a low token of up to three characters it doubts this much ("oo.", "Be")
SPECK_LOW = 0.6  # … low: less tall than this share of a word's height (a doubted "„am" stays)


def _word_height(words: list[Word]) -> float | None:
    """The median height of the page's lettered words (pixels), None without any."""
    heights = sorted(w.y1 - w.y0 for w in words if lettered(w))
    return heights[len(heights) // 2] if heights else None


def _without_specks(words: list[Word], conf_of: dict[int, float]) -> list[Word]:
    """The words (boxes in pixels; conf_of: tesseract's confidence by id of the word) without the dust of a
    scan read as marks or lone letters (".", "-", "°", "j" beside a line): they would open or end lines
    ("- Anlagen", ". Vorreiterrolle", "Fragen: j") and hide the line starts, line ends and paragraph gaps
    the splitter reads."""
    tall = _word_height(words)
    if tall is None:
        return words

    def dust(w: Word, conf: float) -> bool:
        if len(w.text) == 1 and w.text.isalpha():
            return 0 <= conf < SPECK_LETTER_CONF
        if len(w.text) <= SPECK_SHORT and 0 <= conf < SPECK_SHORT_CONF and w.y1 - w.y0 < SPECK_LOW * tall:
            return True
        if lettered(w):
            return False
        size = max(w.x1 - w.x0, w.y1 - w.y0) / tall
        return 0 <= conf < SPECK_CONF or size < SPECK_TINY or (size < SPECK_SIZE and conf < SPECK_TRUSTED)
    return [w for w in words if not dust(w, conf_of[id(w)])]


GHOST_CONF = 50  # words read beyond a wide gap, all below this confidence, are the reverse page showing through
GHOST_GAP = 2.5  # a gap this many word heights wide
NOISE_CONF = 10  # a line whose every word is below this is no text at all


def _without_ghosts(words: list[Word], conf_of: dict[int, float]) -> list[Word]:
    """The words without what thin paper lets through from the back of the page, or a shadow makes of
    nothing: a run of doubted words beyond a wide gap at a line's end ("Kleine Anfragen    an unnils
    peter"), a line of words tesseract has no trust in at all. Boxes in pixels."""
    tall = _word_height(words)
    if tall is None:
        return words
    gap = GHOST_GAP * tall
    drop: set[int] = set()
    by_line: dict[int, list[Word]] = {}
    for w in words:
        by_line.setdefault(w.line, []).append(w)
    for line in by_line.values():
        line.sort(key=lambda w: w.x0)
        if all(0 <= conf_of.get(id(w), 100) < NOISE_CONF for w in line):
            drop.update(id(w) for w in line)
            continue
        runs = [[line[0]]]
        for prev, w in zip(line, line[1:]):
            if w.x0 - prev.x1 > gap:
                runs.append([])
            runs[-1].append(w)
        for run in runs[1:]:
            if all(0 <= conf_of.get(id(w), 100) < GHOST_CONF for w in run):
                drop.update(id(w) for w in run)
    return [w for w in words if id(w) not in drop]


# The words the splitter reads an item's start, kind and outcome by: where tesseract doubts its reading of a
# word and one letter away from one of them stands ("Flage 297" for "Frage 297"), the word is that one.
KEYWORDS = ("Anfrage", "Anfragen", "Frage", "Fragen", "Fragestunde", "Nachfrage", "Fragesteller", "Fragestellerin",
            "Antwort", "Antworten", "beantwortet", "Beantwortung", "Fraktion", "Tagesordnung", "Tagesordnungspunkt",
            "Drucksache", "Stellungnahme", "Niederschrift", "Magistrat", "Bürgermeister", "Bürgermeisterin",
            "Oberbürgermeister", "Oberbürgermeisterin", "Landesregierung", "Verwaltung", "Senat")
KEYWORD_DOUBT = 85  # below this confidence a word may be a misread keyword
_BY_LENGTH: dict[int, list[str]] = {}
for _kw in KEYWORDS:
    _BY_LENGTH.setdefault(len(_kw), []).append(_kw)


def _keywords_read(words: list[Word], conf_of: dict[int, float]) -> list[Word]:
    """Doubted words (conf_of: tesseract's confidence by id of the word) one letter from a keyword (same
    length, same first letter) read as that keyword."""
    for w in words:
        if not 0 <= conf_of.get(id(w), 100) < KEYWORD_DOUBT:
            continue
        m = re.match(r"^(\W*)([A-Za-zÄÖÜäöüß]{5,})(\W*)$", w.text)
        if not m:
            continue
        core = m.group(2)
        shout = core.isupper()  # "FRAGESTELLER" as a label prints it
        forms = [kw.upper() if shout else kw for kw in _BY_LENGTH.get(len(core), ())]
        near = [f for f in forms if f[0] == core[0] and sum(a != b for a, b in zip(f, core)) == 1]
        if len(near) == 1:
            w.text = m.group(1) + near[0] + m.group(3)
    return words


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
LAST_RESORT = ("median3", "sauvola")  # for a page every try read as nothing …
MIN_INK = 0.0002  # … that has ink at all after it (a blank page has none; one short line: 0.1 %)


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
    tried = {first}
    if rescue and not best.reading.good:
        for steps in (_AFTER_MEDIAN if first else _AFTER_PLAIN)[:MAX_EXTRA_TRIES]:
            tried.add(steps)
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
        if not best.words and LAST_RESORT not in tried:
            # a page read as nothing at all: a faded page under a shadow, whose lines neither the page as it
            # came nor a global threshold shows; a threshold by neighbourhood does (an unsearchable page is
            # lost). A blank page (no ink left after it) is not read again.
            from ingest import cleanup, pagequality
            prepared = cleanup.clean_page(img, LAST_RESORT)
            if pagequality.ink_share(prepared.convert("1")) >= MIN_INK:
                try:
                    candidate = _try(img, LAST_RESORT, number, tmpdir, lang, dpi, min(budget, timeout), None, slots,
                                     prepared)
                    best = candidate if candidate.words else best
                except OcrFailed:
                    pass  # over its budget: the page stays as read
                tries += 1
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
