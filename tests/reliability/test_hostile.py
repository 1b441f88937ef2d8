"""Hostile content and hostile requests.

Markup in minute books and file names is shown as text, never run; absurd queries get a
German 4xx quickly; every answer carries CSP and nosniff (through Flask's test client).
Against a real `ratsarchiv serve`, where the HTTP server itself matters: file and page
image URLs never reach outside the data folder (raw request paths); the server listens on
loopback only unless told otherwise, and then warns that there is no login.
"""

from __future__ import annotations

import http.client
import json
import re
import time
import urllib.parse
from pathlib import Path

import pytest

from ratsarchiv.settings import Settings
from tests.conftest import Service, free_port
from tests.reliability import corpus

NUMBER = "AN/0777/2021"
TITLE = "<script>alert(1)</script> Hackwort <img src=x onerror=alert(2)>"
BODY = ("Siehe javascript:alert(3) und <b onmouseover=alert(4)>Hackwort</b> sowie "
        "<a href=\"javascript:alert(5)\">hier</a>.")
FILENAME = "<svg onload=alert(6)>javascript:x.pdf"
RAW_MARKUP = ("<script>alert", "<img src=x", "<b onmouseover", "<svg onload", "<a href=\"javascript:")


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> tuple[Settings, Path]:
    """A data folder holding one minute book full of markup."""
    from ingest.pipeline import Pipeline
    tmp = tmp_path_factory.mktemp("hostile")
    settings = Settings(data_dir=tmp / "data", workers=2)
    pdf = corpus.write(tmp / FILENAME, corpus.born_digital_pdf(
        corpus.minute_lines(777, "hackwort", title=TITLE, body=BODY)))
    p = Pipeline(settings)
    try:
        assert p.process(pdf, move=False).row.state == "indexed"
    finally:
        p.close()
    return settings, pdf


class ClientAnswers:
    """The test client with the (status, headers, body) answers of Service.get."""

    def __init__(self, client):
        self.client = client

    def get(self, path: str):
        resp = self.client.get(path)
        return resp.status_code, resp.headers, resp.data

    def json(self, path: str):
        status, _, body = self.get(path)
        return status, json.loads(body)


@pytest.fixture(scope="module")
def hostile_client(hostile_data):
    from web import create_app
    return ClientAnswers(create_app(hostile_data[0]).test_client())


@pytest.fixture(scope="module")
def hostile(hostile_data, tmp_path_factory):
    """The same data folder served by a real process."""
    settings, pdf = hostile_data
    port = free_port()
    svc = Service(["serve", "--port", str(port)], settings.data_dir, port,
                  tmp_path_factory.mktemp("serve") / "serve.log")
    try:
        svc.wait_ready()
        yield svc, pdf
    finally:
        svc.stop()


def raw_get(svc, path: str, timeout: float = 10):
    """GET exactly this path (no client-side normalisation of ../ or %2e)."""
    conn = http.client.HTTPConnection("127.0.0.1", svc.port, timeout=timeout)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        conn.endheaders()
        r = conn.getresponse()
        return r.status, r.headers, r.read()
    finally:
        conn.close()


# --- markup in content and names -------------------------------------------------------------
def test_markup_in_text_and_names_is_escaped_everywhere(hostile_client):
    svc = hostile_client
    status, headers, body = svc.get("/api/search?q=Hackwort")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    result = json.loads(body)
    assert result["total"] == 1
    hit = result["results"][0]
    assert hit["number"] == NUMBER
    assert hit["source"]["filename"] == FILENAME  # JSON carries the text as data ...
    assert "<script>" in hit["title"]
    for snippet in hit["snippets"]:  # ... but snippets are HTML: only <mark> is markup
        assert "<" not in re.sub(r"</?mark>", "", snippet), snippet
    assert any("&lt;b onmouseover=alert(4)&gt;" in s for s in hit["snippets"]), hit["snippets"]

    status, detail = svc.json("/api/anfragen/" + NUMBER)
    assert status == 200 and detail["title"].startswith("<script>")

    pages = {"search": "/?q=Hackwort", "anfrage": hit["url"] + "?q=Hackwort", "archive": "/archiv",
             "reflected query": "/?q=" + urllib.parse.quote("<script>alert(9)</script> Hackwort")}
    for what, path in pages.items():
        status, headers, body = svc.get(path)
        html = body.decode()
        assert status == 200 and headers["Content-Type"].startswith("text/html"), what
        for raw in RAW_MARKUP + ("<script>alert(9)",):
            assert raw not in html, (what, raw)
        assert not re.search(r"(?:href|src|action)\s*=\s*[\"']?\s*javascript:", html, re.I), what
        # only the site's own script files, no inline script
        assert "<script" not in re.sub(r'<script src="/static/[a-z]+\.js" defer></script>', "", html), what
    html = svc.get("/archiv")[2].decode()
    assert "&lt;svg onload=alert(6)&gt;javascript:x.pdf" in html
    html = svc.get(hit["url"])[2].decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Hackwort" in html


# --- paths -----------------------------------------------------------------------------------
@pytest.mark.slow
def test_file_and_page_endpoints_refuse_paths_outside_the_data_folder(hostile):
    svc, pdf = hostile
    sha = json.loads(svc.get("/api/search?q=Hackwort")[2])["results"][0]["source"]["id"]
    # the way in works ...
    status, headers, body = svc.get(f"/dokumente/{sha}/original")
    assert status == 200 and body == pdf.read_bytes() and headers["X-Content-Type-Options"] == "nosniff"
    status, headers, body = svc.get(f"/dokumente/{sha}/seiten/1.jpg")
    assert status == 200 and headers["Content-Type"] == "image/jpeg" and body[:2] == b"\xff\xd8"
    # ... and nothing else does
    attempts = [
        "/dokumente/../../../../etc/passwd/original",
        "/dokumente/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd/original",
        "/dokumente/..%2f..%2fjournal.sqlite/original",
        "/dokumente//etc/passwd/original",
        "/dokumente/%2Fetc%2Fpasswd/original",
        f"/dokumente/{sha}/seiten/..%2f..%2f..%2fjournal.sqlite",
        f"/dokumente/{sha}/seiten/%2e%2e%2f%2e%2e%2fjournal.jpg",
        f"/dokumente/{sha}/seiten/../../../journal.sqlite",
        f"/dokumente/{sha}/seiten/-1.jpg",
        f"/dokumente/{sha}/seiten/0.jpg",
        f"/dokumente/{sha}/seiten/99999999999999999999.jpg",
        f"/dokumente/{sha.upper()}/original",
        "/dokumente/" + "0" * 64 + "/original",
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/ratsarchiv/settings.py",
        "/static/..%2f..%2fratsarchiv%2fsettings.py",
        "/static//etc/passwd",
        "//etc/passwd",
        "/anfragen/../../../etc/passwd",
        "/anfragen/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/api/documents/..%2f..%2fjournal.sqlite",
        "/api/anfragen/%2Fetc%2Fpasswd",
    ]
    for path in attempts:
        status, headers, body = raw_get(svc, path)
        if status in (301, 308):  # Werkzeug merges double slashes by redirecting within the site
            location = headers["Location"]
            assert location.startswith("/") or location.startswith(svc.url), (path, location)
            status, headers, body = raw_get(svc, urllib.parse.urlsplit(location).path)
        assert status in (400, 404), (path, status)
        for secret in (b"root:", b"SQLite format", b"Settings(", b"data_dir"):
            assert secret not in body, (path, secret)
        assert headers["X-Content-Type-Options"] == "nosniff", path
        if path.startswith("/api/"):
            assert json.loads(body)["error"], path


# --- queries ---------------------------------------------------------------------------------
INVALID_UTF8 = ("Werkzeug 3 leaves invalid UTF-8 percent-escapes undecoded, so the query becomes the literal "
                "text '%FF%FE' and gets 200 with 0 hits; check_query_text's U+FFFD test never fires; see report")
QUERIES = [
    ("a" * 10_000, "zu lang"),
    ("Hackwort " * 1200, "zu lang"),
    ("(" * 300 + "Hackwort" + ")" * 300, "verschachtelt"),
    ('"' * 60, "verschachtelt"),
    ("*", "„*“"),
    ("* * *", "„*“"),
    ("?", None),
    pytest.param("%ff%fe", "ungültige Zeichen",
                 id="invalid-utf8"),
    pytest.param("Hack%c3%28wort", "ungültige Zeichen",
                 id="invalid-utf8-inside"),
    ("fraktion:", "fehlt ein Wert"),
    (" OR ".join(f"wort{i}" for i in range(100)), "zu viele Begriffe"),
]


@pytest.mark.parametrize("endpoint", ["/api/search", "/"])
@pytest.mark.parametrize("q, message", QUERIES)
def test_absurd_queries_get_a_german_4xx_quickly(hostile_client, endpoint, q, message):
    svc = hostile_client
    # already-encoded byte sequences (%ff) go in as they are, everything else is encoded
    enc = q if "%" in q else urllib.parse.quote(q)
    t0 = time.monotonic()
    status, headers, body = svc.get(f"{endpoint}?q={enc}")
    elapsed = time.monotonic() - t0
    assert 400 <= status < 500, (status, body[:200])
    assert elapsed < 5, elapsed
    text = json.loads(body)["error"] if endpoint.startswith("/api/") else body.decode()
    if endpoint.startswith("/api/"):
        assert headers["Content-Type"].startswith("application/json")
    assert "Traceback" not in text
    if message:
        assert message in text, text[:300]
    else:
        assert re.search(r"Such|Platzhalter|Bitte", text), text[:300]


@pytest.mark.parametrize("params, message", [
    ("q=Hackwort&page=0", "„page“ muss zwischen"),
    ("q=Hackwort&page=99999999999999999999", "„page“ muss zwischen"),
    ("q=Hackwort&per_page=100000", "„per_page“ muss zwischen"),
    ("q=Hackwort&per_page=abc", "„per_page“ muss eine ganze Zahl"),
    ("q=Hackwort&sort=%3Cscript%3E", "„sort“ muss"),
])
def test_bad_parameters_get_a_german_400(hostile_client, params, message):
    status, _, body = hostile_client.get("/api/search?" + params)
    assert status == 400 and message in json.loads(body)["error"]


# --- headers and binding ---------------------------------------------------------------------------
def test_every_kind_of_answer_carries_csp_and_nosniff(hostile_client):
    for path in ("/", "/?q=Hackwort", "/archiv", "/api/search?q=Hackwort", "/api/documents", "/healthz",
                 "/static/app.js", "/static/style.css", "/gibt-es-nicht", "/api/search?q=*",
                 "/anfragen/" + NUMBER):
        status, headers, _ = hostile_client.get(path)
        csp = headers.get("Content-Security-Policy", "")
        assert "script-src 'self'" in csp, (path, csp)
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, (path, csp)
        assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp, (path, csp)
        assert headers.get("X-Content-Type-Options") == "nosniff", path


def _listening(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on this port (from /proc/net/tcp, tcp6)."""
    out = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            addr, p = local.split(":")
            if state == "0A" and int(p, 16) == port:
                out.add(addr)
    return out


@pytest.mark.slow
def test_binds_to_loopback_by_default_and_warns_for_other_addresses(hostile, start_service):
    svc, _ = hostile
    assert _listening(svc.port) == {"0100007F"}  # 127.0.0.1 only
    assert "http://127.0.0.1:" in Path(svc.log.name).read_text()

    other = start_service("serve", "--host", "0.0.0.0", data=svc.data).wait_ready()
    try:
        assert _listening(other.port) == {"00000000"}
        log = Path(other.log.name).read_text()
        assert "keine Anmeldung" in log and "Reverse-Proxy" in log and "SECURITY.md" in log, log
    finally:
        other.stop()
