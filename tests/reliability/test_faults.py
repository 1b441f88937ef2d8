"""Faults: kill -9 at the worst moments, a stale index lock, index and journal out of step,
and a read-only data folder. After each, every file ends up indexed exactly once."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest

from tests.conftest import run_cli, wait_for
from tests.reliability import corpus
from tests.reliability.conftest import archive_files, journal_rows

FIGURES: dict[str, object] = {"crashes_survived": 0}


def _row_for(data: Path, sha: str) -> list[dict]:
    return [r for r in journal_rows(data) if r["sha256"] == sha]


def _settled(svc, expected: int):
    def done():
        status, body = svc.json("/api/documents")
        c = body["counts"]
        if status == 200 and c["indexed"] >= expected and not (c["queued"] or c["processing"]):
            return c
        return None
    return done


def _assert_each_indexed_once(data: Path, inbox: Path, shas: dict[str, list[str]], svc=None):
    """shas: sha256 → the Drucksachen-numbers in that file. Journal, archive, inbox and index agree."""
    rows = journal_rows(data)
    for sha, numbers in shas.items():
        mine = [r for r in rows if r["sha256"] == sha]
        assert [r["state"] for r in mine if r["state"] == "indexed"] == ["indexed"], mine
        assert all(r["state"] in ("indexed", "duplicate") for r in mine), mine
        stored = Path([r for r in mine if r["state"] == "indexed"][0]["stored_path"])
        assert stored.is_relative_to(data / "archive") and hashlib.sha256(stored.read_bytes()).hexdigest() == sha
        if svc is not None:
            for number in numbers:
                status, body = svc.json(f"/api/search?q=nummer:{number}")
                assert status == 200 and body["total"] == 1, (number, body.get("total"))
                assert body["results"][0]["source"]["id"] == sha
    assert sorted(os.listdir(inbox)) == []
    assert len(archive_files(data)) == len(shas)
    assert not [p for p in data.rglob("*.incoming")], "half-copied file left behind"


def _check_clean(data: Path):
    res = run_cli("check", "--no-repair", data=data, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Alles in Ordnung." in res.stdout
    assert "Im Index fehlend: 0" in res.stdout and "Im Index ohne Journal-Eintrag: 0" in res.stdout


def _restart(start_service, inbox: Path, data: Path):
    return start_service("run", "--inbox", str(inbox), "--settle", "0.5", data=data).wait_ready()


def _pdf(tmp: Path, name: str, n: int) -> tuple[Path, str]:
    path = corpus.write(tmp / name, corpus.born_digital_pdf(corpus.minute_lines(n, corpus.unique_word(n))))
    return path, hashlib.sha256(path.read_bytes()).hexdigest()


# --- kill -9 during OCR --------------------------------------------------------------------
@pytest.mark.slow
def test_kill_during_ocr_then_restart_indexes_once(tmp_path, start_service):
    data, inbox, staging = tmp_path / "data", tmp_path / "inbox", tmp_path / "staging"
    inbox.mkdir()
    staging.mkdir()
    pages = [corpus.minute_lines(100 + i, corpus.unique_word(100 + i)) for i in range(8)]
    scan = corpus.write(staging / "scan-8-seiten.pdf", corpus.scanned_pdf(pages))
    sha = hashlib.sha256(scan.read_bytes()).hexdigest()

    svc = _restart(start_service, inbox, data)
    os.rename(scan, inbox / scan.name)
    page_dir = data / "pages" / sha

    def ocr_running():
        rows = _row_for(data, sha)
        return (rows and rows[0]["state"] == "processing" and page_dir.exists()
                and len(list(page_dir.glob("*.jpg"))) >= 2)
    wait_for(ocr_running, timeout=60, interval=0.05, what="OCR to be under way")
    svc.stop(kill=True)
    FIGURES["crashes_survived"] += 1
    # really in the middle: no stored extraction yet, the original still in the inbox
    assert not (data / "extracted" / f"{sha}.json").exists()
    assert (inbox / scan.name).exists()
    assert _row_for(data, sha)[0]["state"] == "processing"

    svc = _restart(start_service, inbox, data)
    wait_for(_settled(svc, 1), timeout=120, interval=0.5, what="recovery after the kill")
    _assert_each_indexed_once(data, inbox, {sha: [f"AN/{100 + i:04d}/2021" for i in range(8)]}, svc)
    assert _row_for(data, sha)[0]["attempts"] == 2
    svc.stop()
    _check_clean(data)


# --- kill -9 while the index is being written ---------------------------------------------------
def _writer_lock_held(index_dir: Path) -> bool:
    """True while another process holds Whoosh's write lock (an flock on MAIN_WRITELOCK)."""
    lock = index_dir / "MAIN_WRITELOCK"
    try:
        fd = os.open(lock, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        return exc.errno in (errno.EAGAIN, errno.EACCES)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


@pytest.mark.slow
def test_kill_during_index_writing_and_stale_lock_do_not_block_restart(tmp_path, start_service):
    data, inbox, staging = tmp_path / "data", tmp_path / "inbox", tmp_path / "staging"
    inbox.mkdir()
    staging.mkdir()
    shas = {}
    for n in range(40):
        path, sha = _pdf(staging, f"niederschrift-{n:03d}.pdf", 200 + n)
        shas[sha] = [f"AN/{200 + n:04d}/2021"]
    files = sorted(staging.iterdir())
    svc = _restart(start_service, inbox, data)
    for f in files:
        os.rename(f, inbox / f.name)

    hits = 0
    for delay in (0.0, 0.003, 0.01, 0.03):  # several moments inside a commit
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not _writer_lock_held(data / "index"):
            time.sleep(0.001)
        else:
            if time.monotonic() < deadline:
                hits += 1
        time.sleep(delay)
        svc.stop(kill=True)
        FIGURES["crashes_survived"] += 1
        # the lock file stays behind after kill -9; the next start must not be blocked by it
        assert (data / "index" / "MAIN_WRITELOCK").exists()
        svc = _restart(start_service, inbox, data)
    assert hits >= 3, f"caught the writer only {hits} times"
    FIGURES["index_write_kills"] = hits

    wait_for(_settled(svc, len(shas)), timeout=120, interval=0.5, what="all files after the kills")
    _assert_each_indexed_once(data, inbox, shas, svc)
    status, health = svc.json("/healthz")
    assert status == 200 and health["records"] == len(shas) * corpus.records_per_file()
    svc.stop()
    _check_clean(data)


# --- kill -9 during the move out of the inbox ----------------------------------------------
def _big_pdf(path: Path, n: int) -> str:
    """A born-digital page plus a large incompressible image: copying it takes a while."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    from PIL import Image

    corpus.born_digital_pdf([])  # registers the font
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("DejaVu", 10)
    y = A4[1] - 72
    for line in corpus.minute_lines(n, corpus.unique_word(n)):
        c.drawString(60, y, line)
        y -= 15
    noise = Image.frombytes("RGB", (1800, 1800), os.urandom(1800 * 1800 * 3))
    c.drawImage(ImageReader(noise), 60, 60, width=200, height=200)
    c.showPage()
    c.save()
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_kill_during_move_out_of_inbox(tmp_path, start_service, tmpfs):
    # the inbox on its own file system (like a network share): the move is copy, fsync, rename, unlink
    inbox = tmpfs("inbox", size="64m")
    data, staging = tmp_path / "data", tmp_path / "staging"
    staging.mkdir()
    svc = _restart(start_service, inbox, data)
    shas, moments = {}, []
    for attempt, delay in enumerate((0.0, 0.005, 0.015, 0.03)):
        n = 300 + attempt
        src = staging / f"gross-{attempt}.pdf"
        sha = _big_pdf(src, n)
        shas[sha] = [f"AN/{n:04d}/2021"]
        shutil.copy(src, inbox / src.name)

        def copying():
            return any((data / "archive").rglob("*.incoming")) or \
                any(r["state"] == "processing" and r["stored_path"] for r in _row_for(data, sha))
        try:
            wait_for(copying, timeout=60, interval=0.001, what="the move to start")
        except AssertionError:
            moments.append("missed")
        time.sleep(delay)
        svc.stop(kill=True)
        FIGURES["crashes_survived"] += 1
        rows = _row_for(data, sha)
        in_inbox = (inbox / src.name).exists()
        in_archive = [p for p in (data / "archive").rglob(src.name)]
        partial = [p for p in (data / "archive").rglob("*.incoming")]
        moments.append(f"state={rows[0]['state'] if rows else None} inbox={in_inbox} "
                       f"archive={len(in_archive)} incoming={len(partial)}")
        assert in_inbox or in_archive, "the file is nowhere after the kill"
        svc = _restart(start_service, inbox, data)
        wait_for(_settled(svc, len(shas)), timeout=60, interval=0.2, what="recovery after the kill")
    FIGURES["move_kills"] = moments
    print("\nMOVE KILL MOMENTS", moments)
    _assert_each_indexed_once(data, inbox, shas, svc)
    svc.stop()
    _check_clean(data)


# --- index and journal out of step -----------------------------------------------------------
def _add_ghost(index_dir: Path) -> None:
    """A record that no file in the journal explains (e.g. left from a deleted data folder),
    written as the index writer writes records, so it follows the schema."""
    from whoosh import index as whoosh_index

    from index.writer import record_document
    from ratsarchiv.model import Record
    ix = whoosh_index.open_dir(str(index_dir))
    ghost = Record(id="geist-1", kind="Anfrage", number=None, title="Geisterakte", faction=None, questions=[],
                   answered_by=None, status=None, chair=None, secretary=None, date=None, pages=[1],
                   text="Geisterakte ohne Datei", source_id="f" * 64, source_filename="geist.pdf")
    w = ix.writer(timeout=10)
    w.add_document(**record_document(ghost, 0))
    w.commit()
    ix.close()


@pytest.mark.slow
@pytest.mark.parametrize("how", [
    "old-index-copy",
    "ghost-record",
    "deleted-with-whoosh",
])
def test_check_finds_and_repairs_a_difference(tmp_path, start_service, how):
    data = tmp_path / "data"
    paths, shas = [], {}
    for n in range(3):
        path, sha = _pdf(tmp_path, f"niederschrift-{n}.pdf", 400 + n)
        paths.append(path)
        shas[sha] = f"AN/{400 + n:04d}/2021"
    lost_sha = list(shas)[2]
    if how == "old-index-copy":  # a backup of the index from before the third file was added
        res = run_cli("ingest", *map(str, paths[:2]), data=data)
        assert res.returncode == 0, res.stdout + res.stderr
        shutil.copytree(data / "index", tmp_path / "index-backup")
        res = run_cli("ingest", str(paths[2]), data=data)
        assert res.returncode == 0, res.stdout + res.stderr
        shutil.rmtree(data / "index")
        shutil.copytree(tmp_path / "index-backup", data / "index")
    else:
        res = run_cli("ingest", *map(str, paths), data=data)
        assert res.returncode == 0, res.stdout + res.stderr
    if how == "deleted-with-whoosh":  # the third file's records deleted behind Ratsarchiv's back
        from whoosh import index as whoosh_index
        ix = whoosh_index.open_dir(str(data / "index"))
        w = ix.writer(timeout=10)
        w.delete_by_term("source_id", lost_sha)
        w.commit()
        ix.close()
    missing = 0 if how == "ghost-record" else 1
    if how == "ghost-record":
        _add_ghost(data / "index")

    res = run_cli("check", "--no-repair", data=data)
    assert res.returncode == 2, res.stdout + res.stderr
    assert f"Im Index fehlend: {missing}" in res.stdout, res.stdout
    assert f"Im Index ohne Journal-Eintrag: {1 - missing}" in res.stdout, res.stdout

    res = run_cli("check", data=data)
    assert res.returncode == 0 and "Repariert." in res.stdout, res.stdout + res.stderr
    _check_clean(data)

    svc = start_service("serve", data=data).wait_ready()
    status, body = svc.json(f"/api/search?q=nummer:{shas[lost_sha]}")
    assert status == 200 and body["total"] == 1 and body["results"][0]["source"]["id"] == lost_sha
    status, body = svc.json("/api/search?q=Geisterakte")
    assert status == 200 and body["total"] == 0
    status, health = svc.json("/healthz")
    assert health["records"] == 3 * corpus.records_per_file()


# --- a read-only data folder -------------------------------------------------------------
def _tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def read_only_data(tmp_path, bind_ro):
    """A data folder with one indexed file, mounted read-only, and an inbox with a good file."""
    src = tmp_path / "data-rw"
    path, _ = _pdf(tmp_path, "schon-da.pdf", 500)
    res = run_cli("ingest", str(path), data=src)
    assert res.returncode == 0, res.stderr
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    new, _ = _pdf(inbox, "neu.pdf", 501)
    return bind_ro(src, "data"), src, inbox, new


@pytest.mark.slow
def test_read_only_data_folder_changes_nothing(read_only_data):
    data, src, inbox, new = read_only_data
    before, new_bytes = _tree(src), new.read_bytes()
    for args in (["ingest", str(new)], ["ingest", "--move", str(new)],
                 ["run", "--inbox", str(inbox), "--port", "0"], ["retry", "all"], ["reindex"]):
        res = run_cli(*args, data=data, timeout=60)
        assert res.returncode != 0, (args, res.stdout)
    assert _tree(src) == before  # no half-written journal, index or archive
    assert new.read_bytes() == new_bytes and sorted(os.listdir(inbox)) == ["neu.pdf"]


@pytest.mark.slow
@pytest.mark.parametrize("args", [["ingest", "{new}"], ["run", "--inbox", "{inbox}", "--port", "0"],
                                  ["status"], ["serve", "--port", "0"]])
def test_read_only_data_folder_gives_a_clear_error(read_only_data, args):
    data, src, inbox, new = read_only_data
    args = [a.format(new=new, inbox=inbox) for a in args]
    res = run_cli(*args, data=data, timeout=60)
    assert "Traceback" not in res.stderr, res.stderr[-600:]
    assert res.returncode == 3
    assert "Datenordner" in res.stderr and "beschreibbar" in res.stderr, res.stderr


# --- kill -9 of the main process alone: its helper processes must not linger ---------------------
@pytest.mark.slow
def test_text_workers_end_when_the_main_process_is_killed(tmp_path, start_service):
    import signal
    inbox, data = tmp_path / "inbox", tmp_path / "data"
    inbox.mkdir()
    svc = _restart(start_service, inbox, data)
    path, sha = _pdf(tmp_path, "textebene.pdf", 3)
    shutil.copy(path, inbox / path.name)  # a text layer: the worker processes start
    wait_for(_settled(svc, 1), timeout=60, interval=0.3, what="the born-digital file")

    def group() -> list[int]:
        pids = []
        for d in Path("/proc").iterdir():
            try:
                if d.name.isdigit() and os.getpgid(int(d.name)) == svc.proc.pid:
                    pids.append(int(d.name))
            except (ProcessLookupError, PermissionError):
                pass
        return pids

    helpers = [p for p in group() if p != svc.proc.pid]
    assert helpers, "no forkserver/worker processes were started"
    os.kill(svc.proc.pid, signal.SIGKILL)  # only the main process, as the OOM killer would
    svc.proc.wait(timeout=10)
    wait_for(lambda: not [p for p in group() if _alive(p)], timeout=20, interval=0.5,
             what="the text workers and the forkserver to end")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ")[-1][0] != "Z"  # zombies are gone, just not reaped yet
    except FileNotFoundError:
        return False
