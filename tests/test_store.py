"""The data folder's layout: existing data folders must keep working, so the paths are pinned."""

from __future__ import annotations

import pytest
from PIL import Image

from ratsarchiv.errors import DataDirError
from ratsarchiv.model import Extraction, PageText, Word
from ratsarchiv.store import Store

SHA = "ab" + "0" * 62


def test_layout_of_the_data_folder(tmp_path):
    store = Store(tmp_path)
    assert store.archive_path(SHA, "a.pdf") == tmp_path / "archive" / "ab" / SHA / "a.pdf"
    assert store.duplicate_path(7, "a.pdf") == tmp_path / "archive" / "duplicates" / "7-a.pdf"
    assert store.quarantine_path(7, "a.pdf") == tmp_path / "quarantine" / "7-a.pdf"
    assert store.reason_path(store.quarantine_path(7, "a.pdf")) == tmp_path / "quarantine" / "7-a.pdf.grund.txt"
    assert store.extraction_path(SHA) == tmp_path / "extracted" / f"{SHA}.json"
    assert store.page_image_path(SHA, 3) == tmp_path / "pages" / SHA / "3.jpg"
    assert store.index_dir == tmp_path / "index" and store.journal_path == tmp_path / "journal.sqlite"


def test_extraction_round_trip_leaves_no_temporary_file(tmp_path):
    store = Store(tmp_path)
    ex = Extraction(SHA, "a.pdf", "pdf", [PageText(1, "Anfrage der SPD", "ocr", [Word("Anfrage", .1, .1, .3, .12)],
                                                   1240, 1754, 91.5)])
    store.save_extraction(ex)
    assert store.load_extraction(SHA) == ex
    assert [p.name for p in store.extracted_dir.iterdir()] == [f"{SHA}.json"]
    assert store.load_extraction("cd" + "0" * 62) is None


def test_page_image_is_grey_and_at_most_the_display_width(tmp_path):
    store = Store(tmp_path)
    path = store.save_page_image(SHA, 1, Image.new("1", (2480, 3508), 1), 1240)
    with Image.open(path) as img:
        assert (img.format, img.mode, img.width) == ("JPEG", "L", 1240)


def test_originals_are_served_only_from_the_archive(tmp_path):
    store = Store(tmp_path)
    store.create()
    inside = store.archive_path(SHA, "a.pdf")
    inside.parent.mkdir(parents=True)
    inside.write_bytes(b"%PDF")
    outside = tmp_path / "journal.sqlite"
    outside.write_bytes(b"SQLite format 3")
    assert store.original(str(inside)) == inside
    assert store.original(str(outside)) is None
    assert store.original(str(store.archive_dir / ".." / "journal.sqlite")) is None
    assert store.original(None) is None


def test_a_data_folder_that_cannot_be_made_is_a_clear_error(tmp_path):
    (tmp_path / "datei").write_text("kein Ordner")
    with pytest.raises(DataDirError) as err:
        Store(tmp_path / "datei" / "data").create()
    assert "Datenordner" in err.value.message and err.value.exit_code == 3
