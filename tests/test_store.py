"""The data folder's layout: existing data folders must keep working, so the paths are pinned."""

from __future__ import annotations

import os
from pathlib import Path

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


LEGACY = os.fsdecode(b"Niederschrift_M\xe4rz_2022.pdf")  # as Python holds a CP1252 name from disk


def test_legacy_name_is_shown_decoded_and_kept_in_its_own_bytes():
    from ingest import files

    assert files.display_name(LEGACY) == "Niederschrift_März_2022.pdf"
    assert files.stored_name(LEGACY, "Niederschrift_März_2022.pdf") == LEGACY
    assert files.stored_name("7-" + LEGACY, "Niederschrift_März_2022.pdf") == LEGACY  # from the quarantine
    assert files.stored_name("Protokoll_März.pdf", "Protokoll_März.pdf") == "Protokoll_März.pdf"
    odd = os.fsdecode(b"M\xe4rz\x07.pdf")  # a control character: the cleaned name, not the bytes
    assert files.stored_name(odd, files.display_name(odd)) == "März_.pdf"
    undefined = os.fsdecode(b"Liste\x81.pdf")  # a byte CP1252 leaves undefined: Latin-1
    assert files.stored_name(undefined, files.display_name(undefined)) == undefined
    assert files.shown_path(Path("/eingang") / LEGACY) == "/eingang/Niederschrift_März_2022.pdf"


def test_journal_keeps_paths_that_are_not_utf8(tmp_path):
    from ingest.journal import Journal

    journal = Journal(tmp_path / "journal.sqlite")
    origin = os.path.join(str(tmp_path), LEGACY)
    row_id = journal.add(SHA, "Niederschrift_März_2022.pdf", origin)
    journal.update(row_id, stored_path=str(tmp_path / "archive" / LEGACY))
    row = journal.get(row_id)
    assert row.origin == origin and os.fsencode(row.origin).endswith(b"M\xe4rz_2022.pdf")
    assert row.stored_path == str(tmp_path / "archive" / LEGACY)
    journal.update(row_id, stored_path=str(tmp_path / "a.pdf"))
    assert journal.get(row_id).stored_path == str(tmp_path / "a.pdf") and journal.get(row_id).origin == origin
    journal.close()
