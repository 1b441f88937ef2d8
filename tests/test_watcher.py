"""The inbox watcher: a file is taken once, and only when it is complete."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from ingest.watcher import InboxWatcher, is_temporary
from tests.conftest import wait_for


@pytest.mark.parametrize("name, temporary", [
    ("protokoll.pdf.part", True), ("~$protokoll.pdf", True), (".protokoll.pdf", True),
    ("scan.pdf.crdownload", True), ("scan.tmp", True), ("protokoll.pdf", False), ("Seite 1.tif", False),
])
def test_temporary_names(name, temporary):
    assert is_temporary(Path(name)) is temporary


def slow_copy(src: Path, dest: Path, seconds: float, chunks: int = 20) -> None:
    data = src.read_bytes()
    step = len(data) // chunks + 1
    with open(dest, "wb") as fh:
        for i in range(0, len(data), step):
            fh.write(data[i:i + step])
            fh.flush()
            time.sleep(seconds / chunks)


@pytest.mark.slow
@pytest.mark.parametrize("poll", [False, True], ids=["inotify", "poll"])
def test_slow_copy_is_processed_once_after_it_ends(settings, pipeline, born_digital_sample, poll):
    settings = settings.with_overrides(poll=poll, settle_seconds=1.5)
    pipeline.settings = settings
    watcher = InboxWatcher(settings, pipeline)
    watcher.start()
    try:
        dest = settings.inbox / born_digital_sample.name
        writer = threading.Thread(target=slow_copy, args=(born_digital_sample, dest, 10.0))
        started = time.monotonic()
        writer.start()
        while writer.is_alive():
            assert pipeline.journal.counts()["queued"] + pipeline.journal.counts()["processing"] == 0 \
                and not pipeline.journal.all(), "picked up while still being copied"
            time.sleep(0.3)
        copy_done = time.monotonic()
        assert copy_done - started >= 9.5
        wait_for(lambda: pipeline.journal.counts()["indexed"] == 1, timeout=60, what="indexed")
        time.sleep(2 * settings.settle_seconds)  # nothing else may happen afterwards
        rows = pipeline.journal.all()
        assert len(rows) == 1 and rows[0].state == "indexed"
        assert Path(rows[0].stored_path).read_bytes() == born_digital_sample.read_bytes()
        assert not dest.exists()
    finally:
        watcher.stop()


@pytest.mark.slow
def test_temp_name_waits_until_renamed(settings, pipeline, born_digital_sample):
    watcher = InboxWatcher(settings, pipeline)
    watcher.start()
    try:
        part = settings.inbox / (born_digital_sample.name + ".part")
        shutil.copy(born_digital_sample, part)
        time.sleep(3 * settings.settle_seconds + 1)
        assert pipeline.journal.all() == [] and part.exists()
        part.rename(settings.inbox / born_digital_sample.name)
        wait_for(lambda: pipeline.journal.counts()["indexed"] == 1, timeout=60, what="indexed after rename")
    finally:
        watcher.stop()


@pytest.mark.slow
def test_files_present_at_start_and_in_subfolders_are_taken(settings, pipeline, born_digital_sample):
    (settings.inbox / "2021").mkdir(parents=True)
    shutil.copy(born_digital_sample, settings.inbox / "2021" / "a.pdf")
    watcher = InboxWatcher(settings, pipeline)
    watcher.start()
    try:
        wait_for(lambda: pipeline.journal.counts()["indexed"] == 1, timeout=60, what="catch-up scan")
    finally:
        watcher.stop()
