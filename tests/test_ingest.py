"""Ingestion with real files: text layer or OCR per page, quarantine with reasons, duplicates."""

from __future__ import annotations

import io
import json
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
ANFRAGE = ["Niederschrift über die Sitzung am 3. März 2022", "",
           "TOP 4 Anfrage der SPD-Fraktion – AN/0042/2022 – Hundewiese im Stadtpark", "",
           "Wir fragen den Magistrat:", "1. Wann wird die Hundewiese eingezäunt?",
           "2. Welche Kosten entstehen dafür?", "", "Die Anfrage wird schriftlich beantwortet."]


def page_image(lines: list[str], dpi: int = 200) -> Image.Image:
    w, h = int(8.27 * dpi), int(11.69 * dpi)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, int(dpi * 11 / 72))
    y = int(dpi * 0.8)
    for line in lines:
        draw.text((int(dpi * 0.8), y), line, font=font, fill=0)
        y += int(dpi * 0.22)
    return img


def text_pdf(path: Path, pages: list[list[str]], encrypt: str | None = None) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    for lines in pages:
        y = 800
        for line in lines:
            c.drawString(60, y, line)
            y -= 16
        c.showPage()
    c.save()
    return path


def mixed_pdf(path: Path, junk_layer: bool = False) -> Path:
    """Page 1 born-digital; page 2 a scan (optionally with an invisible junk text layer)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800
    for line in ANFRAGE[:3]:
        c.drawString(60, y, line)
        y -= 16
    c.showPage()
    buf = io.BytesIO()
    page_image(ANFRAGE[4:]).save(buf, "PNG")
    c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, width=A4[0], height=A4[1])
    if junk_layer:
        t = c.beginText(60, 700)
        t.setTextRenderMode(3)  # invisible, as scanners leave it
        t.textLine("~~ ;; ## 1l1l %% @@ ]] [[ ^^ 00 :: || ")
        t.textLine("x7 q# 9§ ¬¬ ** && // \\\\ == ++ -- ::")
        c.drawText(t)
    c.showPage()
    c.save()
    return path


def test_text_layer_used_where_real_and_ocr_elsewhere(pipeline, tmp_path):
    """Both ways of reading a page in one file (and the quick suite's one OCR page)."""
    out = pipeline.process(mixed_pdf(tmp_path / "gemischt.pdf", junk_layer=True), move=False)
    assert out.row.state == "indexed", out.row.reason
    assert out.row.methods == ["text-layer", "ocr"]
    ex = json.loads((pipeline.settings.extracted_dir / f"{out.row.sha256}.json").read_text())
    assert "Hundewiese" in ex["pages"][0]["text"]
    assert "eingezäunt" in ex["pages"][1]["text"]  # read by tesseract, junk layer ignored
    assert ex["pages"][1]["words"], "OCR word boxes are kept for marking hits"
    rec = out.row.items[0]
    assert (rec["kind"], rec["number"], rec["title"]) == ("Anfrage", "AN/0042/2022", "Hundewiese im Stadtpark")


@pytest.mark.slow  # OCR or a real crash: the quick suite stays under a minute
def test_png_tiff_jpeg_are_ocred(pipeline, tmp_path):
    img = page_image(ANFRAGE)
    for name, kw in (("seite.png", {}), ("seite.jpg", {"quality": 90}), ("seiten.tif", {"compression": "group4"})):
        path = tmp_path / name
        (img.convert("1") if name.endswith("tif") else img).save(path, dpi=(200, 200), **kw)
        out = pipeline.process(path, move=False)
        assert out.row.state in ("indexed", "duplicate"), (name, out.row.reason)
    res = pipeline.journal.all(state="indexed")
    assert len(res) == 3 and all(r.methods == ["ocr"] for r in res)
    assert all(r.items and r.items[0]["number"] == "AN/0042/2022" for r in res)


def bomb_png(path: Path) -> Path:
    """A valid PNG header claiming 60000×60000 pixels in a few hundred bytes."""
    import struct
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", 60000, 60000, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1000)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
    return path


def bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    good = text_pdf(tmp_path / "gut.pdf", [ANFRAGE])
    truncated = tmp_path / "abgeschnitten.pdf"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    png_as_pdf = tmp_path / "bild.pdf"
    page_image(["Nur ein Bild"]).save(png_as_pdf, "PNG")
    docx = tmp_path / "protokoll.docx"
    docx.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    (tmp_path / "leer.pdf").write_bytes(b"")
    return {
        "leer.pdf": (tmp_path / "leer.pdf", "leer"),
        "abgeschnitten.pdf": (truncated, "unvollständig"),
        "geschuetzt.pdf": (text_pdf(tmp_path / "geschuetzt.pdf", [ANFRAGE], encrypt="geheim"), "passwortgeschützt"),
        "bild.pdf": (png_as_pdf, "ist aber ein PNG"),
        "protokoll.docx": (docx, "nicht unterstützt"),
        "bombe.png": (bomb_png(tmp_path / "bombe.png"), "zu groß"),
    }


def test_bad_inputs_go_to_quarantine_with_reason_and_good_file_is_indexed(pipeline, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    cases = bad_files(src)
    originals = {name: p.read_bytes() for name, (p, _) in cases.items()}
    for name, (path, _) in cases.items():
        out = pipeline.process(path, move=True)
        assert out.row.state == "quarantined", (name, out.row.state)
        reason = out.row.reason
        assert cases[name][1] in reason, (name, reason)
        kept = Path(out.row.stored_path)
        assert kept.parent == pipeline.settings.quarantine_dir and kept.read_bytes() == originals[name]
        assert kept.with_name(kept.name + ".grund.txt").read_text(encoding="utf-8").strip() == reason
        assert not path.exists()  # it left the inbox, into quarantine
    good = pipeline.process(text_pdf(src / "gut2.pdf", [ANFRAGE]), move=True)
    assert good.row.state == "indexed"


def test_duplicate_is_recognised(pipeline, tmp_path):
    a = text_pdf(tmp_path / "a.pdf", [ANFRAGE])
    b = tmp_path / "b-kopie.pdf"
    b.write_bytes(a.read_bytes())
    assert pipeline.process(a).row.state == "indexed"
    with pipeline.ix.searcher() as s:
        indexed_once = s.doc_count()
    dup = pipeline.process(b).row
    assert dup.state == "duplicate" and "a.pdf" in dup.reason
    kept = Path(dup.stored_path)
    assert kept.parent == pipeline.settings.archive_dir / "duplicates" and not b.exists()
    assert kept.read_bytes() == (pipeline.settings.data_dir / Path(pipeline.journal.primary(dup.sha256).stored_path)).read_bytes()
    with pipeline.ix.searcher() as s:
        assert s.doc_count() == indexed_once >= 1


def test_retry_after_fix(pipeline, tmp_path):
    broken = tmp_path / "spaeter.pdf"
    broken.write_bytes(b"")
    row = pipeline.process(broken).row
    assert row.state == "quarantined"
    Path(row.stored_path).write_bytes(text_pdf(tmp_path / "x.pdf", [ANFRAGE]).read_bytes())  # archivist fixes it
    assert pipeline.retry(row.id).row.state == "indexed"


@pytest.mark.slow
def test_rescan_of_the_same_book_updates_records_and_keeps_permalinks(pipeline, tmp_path):
    from samples import minutes
    book = minutes.all_books()[0]
    digital = minutes.render_pdf(book, tmp_path / "buch.pdf") or tmp_path / "buch.pdf"
    scan = tmp_path / "buch-neu-gescannt.pdf"
    minutes.render_scanned_pdf(book, scan, quality="clean")
    first = pipeline.process(digital, move=False)
    with pipeline.ix.searcher() as s:
        before = {d["id"]: d["source_id"] for d in s.all_stored_fields()}
    second = pipeline.process(scan, move=False)
    assert second.row.state == "indexed" and second.row.sha256 != first.row.sha256
    with pipeline.ix.searcher() as s:
        after = {d["id"]: d["source_id"] for d in s.all_stored_fields()}
    numbered = {r["number"] for r in book.expected if r["number"]}
    assert numbered <= set(after)  # every permalink still resolves
    assert len(after) == len(before)  # replaced, not added
    assert set(after.values()) == {second.row.sha256}


@pytest.mark.parametrize("tilt", [0.0, 0.4, -0.8, 1.5, -2.6])
def test_skew_estimate_undoes_a_known_tilt(tilt):
    from ingest.cleanup import skew_angle
    page = page_image(ANFRAGE * 4, dpi=300)
    tilted = page.rotate(tilt, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert abs(skew_angle(tilted) + tilt) <= 0.15
    assert abs(skew_angle(tilted.convert("1")) + tilt) <= 0.15  # bilevel scans are estimated as well


@pytest.mark.slow  # OCR or a real crash: the quick suite stays under a minute
def test_tilted_bilevel_scan_is_straightened_and_read(pipeline, tmp_path):
    path = tmp_path / "schief.tif"
    tilted = page_image(ANFRAGE, dpi=300).rotate(-1.8, resample=Image.Resampling.BICUBIC, fillcolor=255)
    tilted.convert("1").save(path, dpi=(300, 300), compression="group4")
    out = pipeline.process(path, move=False)
    assert out.row.state == "indexed", out.row.reason
    assert out.row.items[0]["number"] == "AN/0042/2022"
    assert out.row.items[0]["title"] == "Hundewiese im Stadtpark"
    display = Image.open(pipeline.settings.pages_dir / out.row.sha256 / "1.jpg")
    assert display.mode == "L" and display.width == pipeline.settings.display_width


def test_text_layers_read_in_worker_processes_match_reading_in_process(born_digital_sample):
    from ingest import textlayer
    from ingest.textlayer import TextLayerReader
    reader = TextLayerReader(2)
    try:
        futures = reader.submit(str(born_digital_sample), [0, 1])
        in_workers = [reader.result(futures[i], i) for i in (0, 1)]
    finally:
        reader.close()
    in_process = textlayer.read_pages(str(born_digital_sample), [0, 1])
    assert [p.text for p in in_workers] == [in_process[0].text, in_process[1].text]
    assert "Anfrage" in in_workers[0].text and in_workers[0].words


@pytest.mark.slow  # OCR or a real crash: the quick suite stays under a minute
def test_a_crashed_text_worker_loses_no_file_in_flight(tmp_path, born_digital_sample):
    """A worker killed for real mid-read breaks the shared pool: every file that was being
    read is read again on its own and comes out whole."""
    import os
    import signal

    from ingest import textlayer
    from ingest.textlayer import TextLayerReader
    big = text_pdf(tmp_path / "lang.pdf", [ANFRAGE * 4] * 200)
    reader = TextLayerReader(2)
    try:
        big_chunks = reader.submit(str(big), list(range(200)))
        small_chunks = reader.submit(str(born_digital_sample), [0, 1])
        workers = reader._current()._processes  # the real worker processes
        while not workers:
            pass
        for pid in list(workers):
            os.kill(pid, signal.SIGKILL)
        assert "Hundewiese" in reader.result(big_chunks[199], 199).text
        small = [reader.result(small_chunks[i], i).text for i in (0, 1)]
        expected = textlayer.read_pages(str(born_digital_sample), [0, 1])
        assert small == [expected[0].text, expected[1].text]
        again = reader.submit(str(born_digital_sample), [0])  # and the pool works again
        assert reader.result(again[0], 0).text == expected[0].text
    finally:
        reader.close()


@pytest.mark.slow  # OCR or a real crash: the quick suite stays under a minute
def test_bilevel_scans_reach_tesseract_as_1_bit_tiff(pipeline, tmp_path, monkeypatch, scanned_sample):
    """The hand-over format is what makes OCR keep up with plain tesseract (bench/README.md):
    a G4 scan reaches tesseract as an uncompressed 1-bit TIFF, a grey JPEG scan as 8-bit."""
    import img2pdf

    from ingest import ocr
    seen = []
    real = ocr.TesseractReader.read

    def spy(self, image, *args, **kwargs):
        with Image.open(image) as img:
            seen.append((img.format, img.mode, img.info.get("compression")))
        return real(self, image, *args, **kwargs)

    monkeypatch.setattr(ocr.TesseractReader, "read", spy)
    g4 = tmp_path / "g4.tif"
    page_image(ANFRAGE, dpi=300).convert("1").save(g4, dpi=(300, 300), compression="group4")
    g4_pdf = tmp_path / "g4-scan.pdf"
    g4_pdf.write_bytes(img2pdf.convert(str(g4)))
    out = pipeline.process(g4_pdf, move=False)
    assert out.row.state == "indexed" and out.row.items[0]["number"] == "AN/0042/2022", out.row.reason
    assert seen == [("TIFF", "1", "raw")]
    seen.clear()
    out = pipeline.process(scanned_sample, move=False)  # Kassel: JPEG (DCT) grey scans
    assert any(i["number"] == "101.18.1671" for i in out.row.items)
    assert seen and all(s == ("TIFF", "L", "raw") for s in seen), seen


def test_text_layers_are_read_in_process_where_worker_processes_cannot_start(
        pipeline, monkeypatch, born_digital_sample):
    """Some hosts have no /dev/shm or forbid more processes: that must not quarantine files.
    (Simulated: the fault cannot be caused for real without remounting /dev/shm.)"""
    from ingest import textlayer

    def cannot_start(*_args, **_kwargs):
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(textlayer, "_new_pool", cannot_start)
    out = pipeline.process(born_digital_sample, move=False)
    assert out.row.state == "indexed", out.row.reason
    assert set(out.row.methods) == {"text-layer"} and out.anfragen >= 1
