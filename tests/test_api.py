"""The JSON API and the HTML pages through Flask's test client, over the indexed born-digital
sample; expected values come from the sample's ground truth (samples/expected.json)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import BORN_DIGITAL, SAMPLES

EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))[BORN_DIGITAL.name]
ANFRAGEN = [r for r in EXPECTED if r["kind"] == "Anfrage"]
ROSENGARTEN = next(r for r in ANFRAGEN if "Rosengarten" in r["title"])
FIELDS = ("kind", "number", "title", "faction", "date", "status", "answered_by", "pages")


def get_json(client, url: str, status: int = 200) -> dict:
    resp = client.get(url)
    assert resp.status_code == status, (url, resp.status_code, resp.data[:300])
    assert resp.content_type.startswith("application/json")
    return resp.get_json()


def test_search_answer_has_the_contract_shape(client):
    body = get_json(client, "/api/search?q=Grundschule+Rosengarten")
    assert set(body) >= {"query", "total", "page", "per_page", "results", "facets"}
    assert body["query"] == "Grundschule Rosengarten" and body["page"] == 1 and body["per_page"] == 10
    first = body["results"][0]
    assert {f: first[f] for f in FIELDS} == {f: ROSENGARTEN[f] for f in FIELDS}
    assert first["id"] == ROSENGARTEN["number"] and first["url"] == "/anfragen/" + ROSENGARTEN["number"]
    assert first["source"]["filename"] == BORN_DIGITAL.name and len(first["source"]["id"]) == 64
    assert any("<mark>" in s for s in first["snippets"])
    assert sum(body["facets"]["kind"].values()) == body["total"]


def test_filters_narrow_the_results(client):
    body = get_json(client, "/api/search?q=Magistrat&faction=SPD&per_page=100")
    spd = {r["number"] for r in ANFRAGEN if r["faction"] == "SPD"}
    assert body["results"] and {r["number"] for r in body["results"]} <= spd


def test_one_anfrage_with_text_questions_chair_and_secretary(client):
    body = get_json(client, "/api/anfragen/" + ROSENGARTEN["number"])
    assert [q["number"] for q in body["questions"]] == [q["number"] for q in ROSENGARTEN["questions"]]
    for got, want in zip(body["questions"], ROSENGARTEN["questions"]):  # (segmentation accuracy
        assert want["text"].startswith(got["text"][:40])                # is tests/test_accuracy.py's)
    assert (body["chair"], body["secretary"]) == (ROSENGARTEN["chair"], ROSENGARTEN["secretary"])
    assert ROSENGARTEN["questions"][0]["text"].split()[0] in body["text"]


def test_documents_list_each_file_with_what_it_yielded(client):
    body = get_json(client, "/api/documents")
    [doc] = body["documents"]
    assert doc["filename"] == BORN_DIGITAL.name and doc["state"] == "indexed"
    assert doc["method"] == ["text-layer"] * doc["pages"]
    assert [a["number"] for a in doc["anfragen"]] == [r["number"] for r in ANFRAGEN]
    assert all(a["url"] == "/anfragen/" + a["id"] for a in doc["items"])
    one = get_json(client, f"/api/documents/{doc['sha256']}")
    assert one.pop("ocr") == [None] * doc["pages"]  # no page was OCRed
    assert one == doc
    pages = get_json(client, f"/api/documents/{doc['sha256']}/pages")["pages"]
    assert [p["number"] for p in pages] == list(range(1, doc["pages"] + 1))
    assert ROSENGARTEN["title"] in " ".join(" ".join(p["text"].split()) for p in pages)


def test_healthz_counts_the_records(client, index):
    assert get_json(client, "/healthz") == {"status": "ok", "records": index.count()}


@pytest.mark.parametrize("url, status, words", [
    ("/api/search?q=(", 400, "Suchanfrage"),
    ("/api/search?q=Schule&page=0", 400, "„page“ muss zwischen"),
    ("/api/search?q=Schule&per_page=abc", 400, "„per_page“ muss eine ganze Zahl"),
    ("/api/anfragen/gibt-es-nicht", 404, "keinen Eintrag"),
    ("/api/documents/" + "0" * 64, 404, "Unbekanntes Dokument"),
    ("/api/documents/kein-hash", 404, "Unbekanntes Dokument"),
    ("/api/gibt-es-nicht", 404, "Diese Seite gibt es nicht"),
])
def test_api_errors_are_german_json(client, url, status, words):
    body = get_json(client, url, status)
    assert set(body) == {"error"} and words in body["error"], body


def test_permalink_page_marks_the_query_on_text_and_scan(client):
    resp = client.get(f"/anfragen/{ROSENGARTEN['number']}?q=Rosengarten")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and ROSENGARTEN["title"] in html
    assert "<mark>" in html and 'class="hitbox"' in html
    assert f"Drs. {ROSENGARTEN['number']}" in html  # the citation to copy


def test_page_image_and_original_are_served_from_the_archive(client):
    sha = get_json(client, "/api/documents")["documents"][0]["sha256"]
    image = client.get(f"/dokumente/{sha}/seiten/1.jpg")
    assert image.status_code == 200 and image.content_type == "image/jpeg" and image.data[:2] == b"\xff\xd8"
    original = client.get(f"/dokumente/{sha}/original")
    assert original.status_code == 200 and original.data == BORN_DIGITAL.read_bytes()
    assert client.get(f"/dokumente/{sha}/seiten/99.jpg").status_code == 404


def test_search_page_and_its_german_error(client):
    ok = client.get("/?q=Rosengarten")
    assert ok.status_code == 200 and ROSENGARTEN["title"] in ok.get_data(as_text=True)
    bad = client.get("/?q=(")
    assert bad.status_code == 400 and "Suchanfrage" in bad.get_data(as_text=True)
    assert "Traceback" not in bad.get_data(as_text=True)


def test_archive_page_lists_the_file(client):
    resp = client.get("/archiv")
    assert resp.status_code == 200 and BORN_DIGITAL.name in resp.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/", "/api/search?q=Schule", "/gibt-es-nicht", "/archiv"])
def test_every_answer_carries_csp_and_nosniff(client, url):
    resp = client.get(url)
    assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
