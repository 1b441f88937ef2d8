"""OCR per page by measurement: real tesseract on real rendered pages of each scan kind."""

from __future__ import annotations

import io
import json
import os
import re
import shutil

import img2pdf
import numpy as np
import pytest
from PIL import Image, ImageFilter

from ingest import cleanup, ocr, pagequality
from samples import scankinds
from tests.conftest import wait_for


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def cer(hyp: str, ref: str) -> float:
    from rapidfuzz.distance import Levenshtein
    return Levenshtein.distance(_norm(hyp), _norm(ref)) / max(1, len(_norm(ref)))


@pytest.fixture(scope="module")
def book_pages():
    return scankinds.book_pages(3)


def scan_image(page, kind: str, reverse=None) -> tuple[Image.Image, int]:
    sp = scankinds.scan(page, kind, reverse)
    img = Image.open(io.BytesIO(sp.data))
    img.load()
    return (img if img.mode == "1" else img.convert("L")), sp.dpi


@pytest.mark.parametrize("kind, specky", [("clean", False), ("dpi200", False), ("g4", False),
                                          ("noisy", True), ("degraded", True)])
def test_speck_test_tells_noisy_scans_from_clean_ones(book_pages, kind, specky):
    img, _ = scan_image(book_pages[0], kind, book_pages[1])
    assert pagequality.is_specky(img) is specky, pagequality.speck_share(img)


def test_fast_median_is_the_exact_3x3_median(book_pages):
    img, _ = scan_image(book_pages[0], "degraded", book_pages[1])
    img = img.crop((300, 300, 900, 700))
    ours = np.asarray(cleanup.median3(img))
    pil = np.asarray(img.filter(ImageFilter.MedianFilter(3)))
    assert (ours[1:-1, 1:-1] == pil[1:-1, 1:-1]).all()
    assert (ours != np.asarray(img)).any()


def test_otsu_threshold_separates_ink_from_paper(book_pages):
    """Between the ink and paper grey levels of a real degraded page (faded ink on dark
    paper), and the 1-bit page keeps the text dark and the paper white."""
    img, _ = scan_image(book_pages[0], "degraded", book_pages[1])
    clean = cleanup.median3(img)
    threshold = cleanup.otsu_threshold(clean.histogram())
    a = np.asarray(clean)
    paper, ink = np.percentile(a, 90), np.percentile(a, 1)
    assert ink < threshold < paper
    bits = cleanup.otsu(clean)
    assert bits.mode == "1" and bits.size == img.size
    dark = np.asarray(bits.convert("L")) == 0
    assert 0.01 < dark.mean() < 0.2  # text, not the whole page or nothing
    assert cleanup.otsu_threshold([0] * 256) == 127


def test_first_handover_is_decided_from_the_scan(book_pages):
    """Clean pages go as they came; a specky page goes freed of specks as 1 bit, unless the
    threshold blackens the page (here a shadow over half of it): then as it came too."""
    clean, _ = scan_image(book_pages[0], "clean")
    assert ocr.first_handover(clean) == ((), None)
    noisy, _ = scan_image(book_pages[0], "noisy", book_pages[1])
    steps, prepared = ocr.first_handover(noisy)
    assert steps == ("median3", "otsu") and prepared.mode == "1" and prepared.size == noisy.size
    assert 0.01 < pagequality.ink_share(prepared) < pagequality.MAX_INK
    shadowed = np.asarray(noisy).copy()
    shadowed[:, : shadowed.shape[1] // 2] //= 2
    assert ocr.first_handover(Image.fromarray(shadowed)) == ((), None)


@pytest.mark.parametrize("token, expected", [
    ("Stadtverordnetenversammlung", True), ("Anfrage.", True), ("„Integrationskonzept“", True),
    ("101.18.1671", True), ("CDU-Fraktion", True), ("SPD", True), ("|", False), ("iiilL", False),
    ("~-=", False), ("rnnrn", False), ("wW", False)])
def test_word_like_tokens(token, expected):
    assert pagequality.wordlike(token) is expected


def test_judge_calls_an_empty_or_doubtful_reading_bad():
    assert not pagequality.judge([], []).good
    assert not pagequality.judge(["Die", "Anfrage", "wird", "beantwortet."], [60, 55, 70, 62]).good
    assert not pagequality.judge(["|", "~-=", "iiilL", "Anfrage"], [90, 90, 90, 90]).good
    good = pagequality.judge(["Die", "Anfrage", "wird", "beantwortet."], [96, 95, 97, 93])
    assert good.good and good.score > pagequality.judge(["Die", "Anfrage"], [96, 95]).score


@pytest.fixture
def count_tesseract(monkeypatch):
    calls = []
    real = ocr.tesseract_tsv

    def counted(image, *args, **kwargs):
        calls.append(image.name)
        return real(image, *args, **kwargs)

    monkeypatch.setattr(ocr, "tesseract_tsv", counted)
    return calls


@pytest.mark.slow
def test_clean_page_gets_no_extra_preprocessing_and_reads_as_plain(book_pages, tmp_path, count_tesseract):
    img, dpi = scan_image(book_pages[0], "clean")
    page = ocr.ocr_page(img, 1, tmp_path, dpi=dpi)
    assert page.ocr["preprocessing"] == [] and page.ocr["tries"] == 1 and len(count_tesseract) == 1
    assert page.ocr["confidence"] > 90
    plain = ocr.ocr_page(img, 1, tmp_path, dpi=dpi, rescue=False)
    assert page.text == plain.text
    assert cer(page.text, book_pages[0].text) < 0.01


@pytest.mark.slow
def test_noisy_page_is_read_once_from_a_one_bit_handover(book_pages, tmp_path, monkeypatch):
    """A specky page goes to tesseract once, freed of specks and thresholded to 1 bit, and
    reads no worse than plain tesseract reads the scan as it came."""
    seen = []
    real = ocr.save_handover

    def handover(img, path, *args):
        seen.append(img.mode)
        real(img, path, *args)

    monkeypatch.setattr(ocr, "save_handover", handover)
    page = book_pages[0]
    img, dpi = scan_image(page, "noisy", book_pages[1])
    ours = ocr.ocr_page(img, 1, tmp_path, dpi=dpi)
    assert seen == ["1"] and ours.ocr["preprocessing"] == ["median3", "otsu"] and ours.ocr["tries"] == 1
    plain = ocr.ocr_page(img, 1, tmp_path, dpi=dpi, rescue=False)
    assert seen == ["1", "L"]
    assert cer(ours.text, page.text) <= cer(plain.text, page.text)


@pytest.mark.slow
def test_degraded_page_is_rescued(book_pages, tmp_path):
    """Low contrast, bleed-through, grain and specks: plain tesseract misreads the page,
    the median-filtered try reads it."""
    page = book_pages[1]
    img, dpi = scan_image(page, "degraded", book_pages[2])
    plain = ocr.ocr_page(img, 2, tmp_path, dpi=dpi, rescue=False)
    ours = ocr.ocr_page(img, 2, tmp_path, dpi=dpi)
    assert "median3" in ours.ocr["preprocessing"]
    assert cer(ours.text, page.text) <= 0.03 < cer(plain.text, page.text)
    assert cer(ours.text, page.text) < cer(plain.text, page.text) / 3
    assert not plain.ocr["preprocessing"] and plain.ocr["confidence"] < ours.ocr["confidence"]
    ref_words = set(re.findall(r"\w{6,}", page.text))
    assert len(ref_words & set(re.findall(r"\w{6,}", ours.text))) >= 0.9 * len(ref_words)


def test_pages_endpoint_gives_each_page_with_its_method(pipeline, settings, born_digital_sample):
    from web.app import create_app

    out = pipeline.process(born_digital_sample, move=False)
    client = create_app(settings, pipeline).test_client()
    resp = client.get(f"/api/documents/{out.row.sha256}/pages")
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["sha256"] == out.row.sha256 and [p["number"] for p in body["pages"]] == [1, 2, 3, 4]
    assert all(p["method"] == "text-layer" and p["ocr"] is None for p in body["pages"])
    assert "Stadtverordnetenversammlung" in body["pages"][0]["text"]
    doc = client.get(f"/api/documents/{out.row.sha256}").get_json()
    assert doc["ocr"] == [None] * 4 and doc["method"]
    missing = client.get("/api/documents/" + "0" * 64 + "/pages")
    assert missing.status_code == 404 and "Unbekannt" in missing.get_json()["error"]
    assert client.get("/api/documents/abc/pages").status_code == 404


@pytest.mark.slow
def test_pages_endpoint_records_what_ocr_applied(pipeline, settings, book_pages, tmp_path):
    from web.app import create_app

    clean = scankinds.scan(book_pages[0], "clean")
    degraded = scankinds.scan(book_pages[1], "degraded", book_pages[2])
    pdf = tmp_path / "gemischt-scan.pdf"
    pdf.write_bytes(img2pdf.convert([clean.data, degraded.data],
                                    layout_fun=img2pdf.get_fixed_dpi_layout_fun((300, 300))))
    out = pipeline.process(pdf, move=False)
    assert out.row.state == "indexed", out.row.reason
    client = create_app(settings, pipeline).test_client()
    pages = client.get(f"/api/documents/{out.row.sha256}/pages").get_json()["pages"]
    assert [p["method"] for p in pages] == ["ocr", "ocr"]
    assert pages[0]["ocr"]["preprocessing"] == [] and pages[0]["ocr"]["confidence"] > 90
    assert "median3" in pages[1]["ocr"]["preprocessing"] and pages[1]["ocr"]["confidence"] > 80
    assert cer(pages[1]["text"], book_pages[1].text) <= 0.03
    doc = client.get(f"/api/documents/{out.row.sha256}").get_json()
    assert doc["ocr"] == [p["ocr"] for p in pages]


@pytest.mark.slow  # a whole ingest through the watcher/CLI: in the full suite, not the quick one
def test_latin1_file_name_is_processed_through_the_watcher(settings, pipeline, born_digital_sample):
    """A name in Windows' 8-bit encoding (bytes, not UTF-8) is indexed and shown under its
    decoded name; the archived original keeps the file's bytes and its name's bytes."""
    from ingest.watcher import InboxWatcher
    from web.app import create_app

    settings.inbox.mkdir(parents=True, exist_ok=True)
    raw = os.path.join(os.fsencode(settings.inbox), b"Niederschrift_M\xe4rz_2022.pdf")
    shutil.copyfile(born_digital_sample, raw)
    watcher = InboxWatcher(settings, pipeline)
    watcher.start()
    try:
        row = wait_for(lambda: next((r for r in pipeline.journal.all() if r.state != "queued"
                                     and r.state != "processing"), None), timeout=60, what="the file")
    finally:
        watcher.stop()
    assert row.state == "indexed", row.reason
    assert row.filename == "Niederschrift_März_2022.pdf"
    assert not os.path.exists(raw)
    assert os.fsencode(row.origin) == raw  # the journal knows the very file it took
    stored = os.fsencode(row.stored_path)
    assert os.path.basename(stored) == b"Niederschrift_M\xe4rz_2022.pdf"
    assert stored.startswith(os.fsencode(settings.store.archive_dir))
    with open(stored, "rb") as fh:
        assert fh.read() == born_digital_sample.read_bytes()
    client = create_app(settings, pipeline).test_client()
    doc = client.get(f"/api/documents/{row.sha256}")
    assert doc.status_code == 200 and doc.get_json()["filename"] == "Niederschrift_März_2022.pdf"
    assert "Niederschrift_März_2022.pdf" in client.get("/archiv").get_data(as_text=True)
    orig = client.get(f"/dokumente/{row.sha256}/original")
    assert orig.status_code == 200 and orig.data == born_digital_sample.read_bytes()
    assert "Niederschrift_M%C3%A4rz_2022.pdf" in orig.headers["Content-Disposition"]
    page = client.get(f"/dokumente/{row.sha256}/seiten/1.jpg")  # rendered from the archived original
    assert page.status_code == 200 and page.mimetype == "image/jpeg"


def test_ocr_pool_runs_no_more_tesseracts_than_workers(tmp_path, monkeypatch):
    """OcrPool has twice as many threads as tesseract readers (the spare ones prepare the next
    pages); the readers must still bound the tesseract processes, or two of them would share
    one core and the baseline comparison in bench/scan_kinds.py would be unfair. Each reader
    is one process for all its pages."""
    import threading
    from concurrent.futures import wait

    from PIL import ImageDraw

    from ingest.extract import OcrPool

    running, most, started, guard = [0], [0], [], threading.Lock()
    real_read, real_start = ocr.TesseractReader.read, ocr.TesseractReader.start

    def counting(self, *args, **kwargs):  # the real tesseract, counted
        with guard:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            return real_read(self, *args, **kwargs)
        finally:
            with guard:
                running[0] -= 1

    def start(self):
        if self._proc is None:
            started.append(self)
        real_start(self)

    monkeypatch.setattr(ocr.TesseractReader, "read", counting)
    monkeypatch.setattr(ocr.TesseractReader, "start", start)
    img = Image.new("L", (900, 160), 255)
    ImageDraw.Draw(img).text((20, 40), "Anfrage der Fraktion", fill=0, font_size=48)
    pool = OcrPool(1)
    try:
        jobs = [pool.submit(ocr.ocr_page, img, n, tmp_path, slots=pool.slots) for n in range(1, 7)]
        wait(jobs)
        texts = [j.result().text for j in jobs]
    finally:
        pool.shutdown()
    assert most[0] == 1 and len(started) == 1
    assert all("Anfrage" in t for t in texts), texts


def test_reader_gives_what_a_tesseract_of_its_own_gives(tmp_path):
    """The long-lived reader and a tesseract started for the page (pytesseract) give the same
    words, boxes and confidences for the same hand-over file, page after page (only the TSV's
    page numbers count on)."""
    from PIL import ImageDraw

    readers = ocr.Readers(1)
    try:
        with readers as reader:
            for n, lines in enumerate((["Anfrage der Fraktion", "Wir fragen den Magistrat:"],
                                       ["Antwort des Magistrats", "Die Anfrage ist erledigt."]), 1):
                img = Image.new("L", (1100, 260), 255)
                for k, line in enumerate(lines):
                    ImageDraw.Draw(img).text((30, 30 + 110 * k), line, fill=0, font_size=56)
                path = tmp_path / f"{n}.tif"
                ocr.save_handover(img, path, 300)
                ours = ocr.read_tsv(reader.read(path))
                assert ours == ocr.read_tsv(ocr.tesseract_tsv(path, "deu", 300))
                assert lines[0].split()[0] in [w.text for w in ours[0]]
    finally:
        readers.close()


def test_reader_survives_a_page_it_cannot_read_and_one_over_its_time(tmp_path):
    """A file tesseract cannot read, or a page over its time limit, fails that page with a
    readable reason; the reader starts a new process for the next page."""
    from PIL import ImageDraw

    readers = ocr.Readers(1)
    good = tmp_path / "good.tif"
    img = Image.new("L", (900, 160), 255)
    ImageDraw.Draw(img).text((20, 40), "Anfrage der Fraktion", fill=0, font_size=48)
    ocr.save_handover(img, good, 300)
    broken = tmp_path / "broken.tif"
    broken.write_bytes(b"II*\x00 not an image")
    try:
        with readers as reader:
            with pytest.raises(ocr.OcrFailed, match="fehlgeschlagen"):
                reader.read(broken)
            assert "Anfrage" in reader.read(good)
            with pytest.raises(ocr.OcrFailed, match="abgebrochen"):
                reader.read(good, timeout=0.001)
            assert "Anfrage" in reader.read(good)
            reader._proc.kill()  # a process that read pages before dies: the next page still reads
            reader._proc.wait()
            assert "Anfrage" in reader.read(good)
    finally:
        readers.close()


def test_retries_that_run_over_their_budget_keep_the_first_reading(tmp_path, monkeypatch):
    """A blank page reads as nothing, so clean-ups are tried; each may take at most its
    budget (here far less than tesseract needs), and then what was read first stays."""
    monkeypatch.setattr(ocr, "RETRY_BUDGET", 0.0)
    monkeypatch.setattr(ocr, "RETRY_MIN_SECONDS", 0.01)
    outcomes, real = [], ocr.tesseract_tsv

    def watched(*args, **kwargs):
        try:
            out = real(*args, **kwargs)
        except ocr.OcrFailed:
            outcomes.append("abgebrochen")
            raise
        outcomes.append("gelesen")
        return out

    monkeypatch.setattr(ocr, "tesseract_tsv", watched)
    blank = Image.new("L", (1200, 1600), 255)
    page = ocr.ocr_page(blank, 1, tmp_path, dpi=150)
    assert outcomes == ["gelesen"] + ["abgebrochen"] * ocr.MAX_EXTRA_TRIES
    assert page.text.strip() == "" and page.ocr["tries"] == 1 + ocr.MAX_EXTRA_TRIES
    assert page.ocr["preprocessing"] == []


@pytest.mark.slow  # a whole ingest through the watcher/CLI: in the full suite, not the quick one
def test_latin1_file_name_through_the_cli_keeps_the_original_untouched(tmp_path, born_digital_sample):
    """`ratsarchiv ingest` (copying, the default) on a folder holding a CP1252-named file: it
    is indexed, the CLI line and the search JSON show the decoded name, the original keeps its
    name's bytes and its content, and the archived copy has the same name bytes."""
    from tests.conftest import run_cli

    inbox, data = tmp_path / "eingang", tmp_path / "daten"
    inbox.mkdir()
    raw = os.path.join(os.fsencode(inbox), b"Niederschrift_M\xe4rz_2022.pdf")
    shutil.copyfile(born_digital_sample, raw)
    before = os.stat(raw)
    proc = run_cli("ingest", str(inbox), data=data)
    assert proc.returncode == 0, proc.stderr
    assert "indexiert" in proc.stdout and "Niederschrift_März_2022.pdf" in proc.stdout
    assert os.listdir(os.fsencode(inbox)) == [b"Niederschrift_M\xe4rz_2022.pdf"]
    after = os.stat(raw)
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (before.st_ino, before.st_mtime_ns, before.st_size)
    with open(raw, "rb") as fh:
        assert fh.read() == born_digital_sample.read_bytes()
    archived = [os.path.basename(os.path.join(d, f)) for d, _, fs in os.walk(os.fsencode(data / "archive"))
                for f in fs]
    assert archived == [b"Niederschrift_M\xe4rz_2022.pdf"]
    found = run_cli("search", "Stadtverordnetenversammlung", "--json", data=data)
    assert found.returncode == 0, found.stderr
    names = {h["source"]["filename"] for h in json.loads(found.stdout)["results"]}
    assert names == {"Niederschrift_März_2022.pdf"}


@pytest.mark.slow
def test_degraded_book_rendering_is_the_degraded_scan_kind(tmp_path):
    """bench.realcorpus renders real documents `degraded` through samples.minutes: an image-only
    JPEG PDF whose pages are faded (little contrast) and specky, as the scan kind of that name."""
    import pdfplumber
    from samples import minutes

    import dataclasses
    book = minutes.all_books()[0]
    book = dataclasses.replace(book, pages=book.pages[:1])
    path = minutes.render(book, "degraded", tmp_path)
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == len(book.pages)
        assert not pdf.pages[0].chars  # no text layer: OCR must read it
    img = minutes.render_page_images(book, quality="degraded")[0]
    clean = minutes.render_page_images(book, quality="clean")[0]
    a, c = np.asarray(img), np.asarray(clean)
    assert np.percentile(a, 1) > np.percentile(c, 1) + 60  # ink far from black
    assert pagequality.is_specky(img.convert("L"))


@pytest.mark.slow
def test_a_faded_short_page_under_a_shadow_is_read_not_lost(tmp_path):
    """A page of four short lines, faded, the reverse showing through (the degraded rendering): tesseract
    reads nothing on it as it came, after the median, or after a global threshold; a threshold by
    neighbourhood reads it. An unread page could not be found (written for this test)."""
    from bench.realcorpus import RealDoc, as_book
    from samples import minutes
    text = ("Die Gemeindevertretung nimmt den Bericht zur Kenntnis.\n\n" + "Weitere Ausführungen zum Haushalt folgen.\n" * 47
            + "Datenabgleich ausfüllen.\n\nÖ2 Feststellung der Tagesordnung\n\nKeine Änderungen zur bestehenden TO.\n\n"
            "Ö3 Bildung eines ständigen Ausschusses\n")
    book = as_book(RealDoc("kurz-2.txt", text, None, []))  # of twelve such pages, three read as nothing
    assert len(book.pages) == 2
    img = minutes.render_page_images(book, quality="degraded")[1]
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=60)
    img = Image.open(io.BytesIO(buf.getvalue())).convert("L")
    page = ocr.ocr_page(img, 2, tmp_path, dpi=300)
    assert {"Feststellung", "Tagesordnung", "Änderungen"} <= set(page.text.split())
