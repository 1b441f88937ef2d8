"""Bad input dropped into the watched inbox together with a good file.

Each bad file goes to quarantine with a German reason (in `ratsarchiv status`, in
/api/documents and beside the file), its bytes untouched; the good file is indexed and
the service stays up. Odd but valid names are processed under a cleaned-up name.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from tests.conftest import run_cli, wait_for
from tests.reliability import corpus
from tests.reliability.conftest import FINAL, archive_files, journal_rows

MAX_PAGES = 3


def _good(n: int) -> bytes:
    return corpus.born_digital_pdf(corpus.minute_lines(n, corpus.unique_word(n)))


# file name on disk (str or raw bytes) -> (content, expected state, words in the reason / shown name)
def bad_files() -> list[tuple[str | bytes, bytes, str, str]]:
    return [
        ("leer.pdf", b"", "quarantined", "leer (0 Byte)"),
        ("abgeschnitten.pdf", corpus.truncated_pdf(), "quarantined", "unvollständig (abgeschnitten)"),
        ("passwort.pdf", corpus.born_digital_pdf(corpus.minute_lines(601, "geheimx"), encrypt="geheim"),
         "quarantined", "passwortgeschützt"),
        ("eigentlich-ein-bild.pdf", corpus.scanned_png(["Nur ein Bild"]), "quarantined", "ist aber ein PNG"),
        ("protokoll.docx", corpus.docx_bytes(), "quarantined", "„.docx“ wird nicht unterstützt"),
        ("bombe.png", corpus.png_bomb(), "quarantined", "Dekompressionsbombe"),
        ("zu-viele-seiten.pdf", corpus.born_digital_pdf(corpus.minute_lines(602, "seitenx"), pages=MAX_PAGES + 2),
         "quarantined", f"erlaubt sind höchstens {MAX_PAGES}"),
        ("kaputt.tif", corpus.malformed_tiff(), "quarantined", "beschädigt"),
        # valid files with hostile or odd names: processed, shown under a safe name
        ("mit-javascript.pdf", corpus.pdf_with_javascript(corpus.minute_lines(604, corpus.unique_word(604))),
         "indexed", "mit-javascript.pdf"),
        ("zeile\numbruch.pdf", _good(605), "indexed", "zeile_umbruch.pdf"),
        ("akte..%2F..%2Fetc%2Fpasswd.pdf", _good(606), "indexed", "akte..%2F..%2Fetc%2Fpasswd.pdf"),
        ("akte..\\..\\windows.pdf", _good(607), "indexed", "akte.._.._windows.pdf"),
        ("Mu\u0308nchen-Sitzung.pdf", _good(608), "indexed", "München-Sitzung.pdf"),
        ("📄 Protokoll.pdf", _good(609), "indexed", "📄 Protokoll.pdf"),
    ]


@pytest.mark.slow
def test_bad_files_are_quarantined_with_a_reason_and_the_good_one_is_indexed(
        tmp_path, start_service, monkeypatch):
    monkeypatch.setenv("RATSARCHIV_MAX_PAGES", str(MAX_PAGES))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    svc = start_service("run", "--inbox", str(inbox), "--settle", "0.5").wait_ready()
    cases = bad_files()
    good = corpus.write(tmp_path / "gut.pdf", _good(600))
    originals = {}
    staging = tmp_path / "staging"
    staging.mkdir()
    for name, content, _, _ in cases + [("gut.pdf", good.read_bytes(), "indexed", "gut.pdf")]:
        raw = name if isinstance(name, bytes) else name.encode()
        path = os.path.join(os.fsencode(staging), raw)
        with open(path, "wb") as fh:
            fh.write(content)
        originals[raw] = hashlib.sha256(content).hexdigest()
    hidden = {b"..%2F..%2Fetc%2Fpasswd.pdf": _good(610), b"..\\..\\boot.pdf": _good(611)}
    for raw, content in hidden.items():  # names starting with a dot count as hidden files
        (inbox / os.fsdecode(raw)).write_bytes(content)
    for raw in originals:  # all at once
        os.rename(os.path.join(os.fsencode(staging), raw), os.path.join(os.fsencode(inbox), raw))

    def all_final():
        rows = journal_rows(svc.data)
        return rows if len(rows) == len(originals) and all(r["state"] in FINAL for r in rows) else None
    rows = wait_for(all_final, timeout=90, interval=0.5, what="every dropped file to be finished")

    # nothing stays behind, nothing is lost; hidden (dot) files are left alone, untouched
    assert sorted(os.listdir(os.fsencode(inbox))) == sorted(hidden)
    for raw, content in hidden.items():
        assert (inbox / os.fsdecode(raw)).read_bytes() == content
    status, docs = svc.json("/api/documents")
    assert status == 200
    api = {d["id"]: d for d in docs["documents"]}
    cli_status = run_cli("status", data=svc.data).stdout
    by_sha = {}
    for r in rows:
        by_sha.setdefault(r["sha256"], []).append(r)
    for name, content, state, expect in cases:
        raw = name if isinstance(name, bytes) else name.encode()
        sha = originals[raw]
        (row,) = by_sha[sha]
        assert row["state"] == state, (name, row["state"], row["reason"])
        stored = Path(row["stored_path"])
        assert hashlib.sha256(stored.read_bytes()).hexdigest() == sha, name  # byte-identical
        doc = api[row["id"]]
        assert doc["state"] == state
        if state == "quarantined":
            assert expect in row["reason"], (name, row["reason"])
            assert doc["reason"] == row["reason"]
            assert stored.parent == svc.data / "quarantine"
            assert stored.with_name(stored.name + ".grund.txt").read_text(encoding="utf-8").strip() == row["reason"]
            assert f"#{row['id']} {row['filename']}: {row['reason']}" in cli_status
        else:
            assert doc["filename"] == expect, (name, doc["filename"])
            assert stored.is_relative_to(svc.data / "archive")
            assert doc["anfragen"], name
            status, body = svc.json(f"/api/search?q=nummer:{doc['anfragen'][0]['number']}")
            assert status == 200 and body["total"] == 1 and body["results"][0]["source"]["filename"] == expect
    # the good file is searchable, and the service is still up
    status, body = svc.json("/api/search?q=nummer:AN/0600/2021")
    assert status == 200 and body["total"] == 1 and body["results"][0]["source"]["filename"] == "gut.pdf"
    assert svc.proc.poll() is None and svc.get("/healthz")[0] == 200
    quarantined = sum(1 for c in cases if c[2] == "quarantined")
    assert docs["counts"]["quarantined"] == quarantined
    assert f"Quarantäne: {quarantined}" in cli_status
    print(f"\nBAD INPUTS tried: {len(cases)}, quarantined: {quarantined}, "
          f"processed under a safe name: {len(cases) - quarantined}")


@pytest.mark.slow
def test_file_name_in_a_legacy_8_bit_encoding_is_processed(tmp_path, start_service):
    """Bytes that are not UTF-8 (a Windows share's CP1252 name) are decoded for display, not a
    reason for quarantine; the content is kept byte for byte, the archived copy keeps the
    name's bytes."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    svc = start_service("run", "--inbox", str(inbox), "--settle", "0.5").wait_ready()
    content = _good(603)
    with open(os.path.join(os.fsencode(inbox), b"Sitzung-M\xfcnchen-\xff.pdf"), "wb") as fh:
        fh.write(content)
    rows = wait_for(lambda: [r for r in journal_rows(svc.data) if r["state"] in FINAL], timeout=20,
                    what="the file to be finished")
    row = rows[0]
    assert row["state"] == "indexed", row["reason"]
    assert row["filename"] == "Sitzung-München-ÿ.pdf"
    stored = row["stored_path"]  # a path that is not UTF-8 is kept as its bytes
    assert isinstance(stored, bytes) and os.path.basename(stored) == b"Sitzung-M\xfcnchen-\xff.pdf"
    assert Path(os.fsdecode(stored)).read_bytes() == content
    assert os.fsencode(row["origin"]) == os.path.join(os.fsencode(inbox), b"Sitzung-M\xfcnchen-\xff.pdf")
    assert os.listdir(inbox) == []
    status, doc = svc.json(f"/api/documents/{row['sha256']}")
    assert status == 200 and doc["filename"] == "Sitzung-München-ÿ.pdf" and doc["anfragen"]


@pytest.mark.slow
def test_bidi_control_characters_are_removed_from_shown_names(tmp_path, start_service):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    svc = start_service("run", "--inbox", str(inbox), "--settle", "0.5").wait_ready()
    corpus.write(inbox / "rechnung\u202efdp.pdf", _good(620))
    rows = wait_for(lambda: [r for r in journal_rows(svc.data) if r["state"] in FINAL], timeout=30,
                    what="the file to be finished")
    assert rows[0]["state"] == "indexed"
    assert "\u202e" not in rows[0]["filename"]


@pytest.mark.slow
def test_read_only_inbox_does_not_loop(tmp_path, start_service, bind_ro):
    src = tmp_path / "share"
    src.mkdir()
    pdf = corpus.write(src / "nur-lesen.pdf", _good(630))
    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    inbox = bind_ro(src, "inbox")
    svc = start_service("run", "--inbox", str(inbox), "--settle", "0.5").wait_ready()
    wait_for(lambda: any(r["sha256"] == sha for r in journal_rows(svc.data)), timeout=30,
             what="the file to be taken")
    time.sleep(6)  # several scan rounds
    rows = [r for r in journal_rows(svc.data) if r["sha256"] == sha]
    assert len(rows) == 1, [(r["id"], r["state"]) for r in rows]
    assert rows[0]["state"] in FINAL
    assert len(archive_files(svc.data)) <= 1
    assert svc.proc.poll() is None
