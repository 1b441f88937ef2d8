"""The whole path as users meet it: drop a scan in the watched inbox, find it in the browser's API."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from index.schema import PAGE_KINDS
from tests.conftest import SAMPLES, run_cli, wait_for


@pytest.mark.slow
def test_drop_scan_into_inbox_then_find_its_anfrage(tmp_path, start_service, scanned_sample):
    inbox = tmp_path / "inbox"
    svc = start_service("run", "--inbox", str(inbox), "--settle", "0.5").wait_ready()
    shutil.copy(scanned_sample, inbox / scanned_sample.name)

    def found():
        status, body = svc.json("/api/search?q=Integrationskonzept")
        return body if status == 200 and body["total"] else None
    body = wait_for(found, timeout=180, interval=0.5, what="the scan to become searchable")

    first = body["results"][0]
    assert first["id"] == "101.18.1671" and first["number"] == "101.18.1671"
    assert first["kind"] == "Anfrage" and first["faction"] == "B90/Grüne"
    assert first["url"] == "/anfragen/101.18.1671"
    assert any("<mark>" in s and "Integrationskonzept" in s for s in first["snippets"])
    assert first["source"]["filename"] == scanned_sample.name

    status, _, page = svc.get(first["url"] + "?q=Integrationskonzept")
    assert status == 200
    html = page.decode()
    assert "Neufassung Integrationskonzept" in html and "<mark>" in html
    assert 'class="hitbox"' in html  # the hit is marked on the page image

    status, detail = svc.json("/api/anfragen/101.18.1671")
    assert status == 200
    assert [q["number"] for q in detail["questions"]] == ["1", "2", "3", "4", "6"]
    assert detail["answered_by"] == "Stadtrat Stochla" and detail["status"] == "erledigt"

    # the original left the inbox for the archive, untouched
    assert not (inbox / scanned_sample.name).exists()
    archived = list((tmp_path / "data" / "archive").rglob(scanned_sample.name))
    assert len(archived) == 1 and archived[0].read_bytes() == scanned_sample.read_bytes()
    # every record of the file is in the index: its agenda items (as annotated) and the text around them
    expected = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))[scanned_sample.name]
    status, doc = svc.json(f"/api/documents/{hashlib.sha256(scanned_sample.read_bytes()).hexdigest()}")
    items = [it for it in doc["items"] if it["kind"] not in PAGE_KINDS]
    assert status == 200 and [it["kind"] for it in items] == [e["kind"] for e in expected]
    assert svc.json("/healthz") == (200, {"status": "ok", "records": len(doc["items"])})


@pytest.mark.slow
def test_cli_ingest_then_search_json(tmp_path, scanned_sample, born_digital_sample):
    data = tmp_path / "data"
    out = run_cli("ingest", str(scanned_sample), str(born_digital_sample), data=data)
    assert out.returncode == 0, out.stderr
    assert "2 indexiert" in out.stdout
    assert scanned_sample.exists()  # ingest copies; the user's file stays where it was

    res = run_cli("search", "Integrationskonzept", "--json", data=data)
    assert res.returncode == 0, res.stderr
    body = json.loads(res.stdout)
    assert body["results"][0]["id"] == "101.18.1671"
    assert any("<mark>" in s for s in body["results"][0]["snippets"])
    assert set(body) >= {"query", "total", "page", "per_page", "results", "facets"}

    again = run_cli("ingest", str(scanned_sample), data=data)
    assert again.returncode == 0 and "Duplikat" in again.stdout

    status = run_cli("status", data=data)
    assert "indexiert 2" in status.stdout and "Duplikat 1" in status.stdout
    # the usage and quarantine exit codes are in tests/test_cli.py (in-process); this is the
    # installed script itself
    assert run_cli("frobnicate", data=data).returncode == 1
