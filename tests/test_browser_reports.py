"""Feed link, CSV download and the Merkliste as staff use them: real chromium against a real
`ratsarchiv serve` on a real index (born-digital minute books only, so no OCR wait).

Expected values come from the JSON API of the same service.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

import pytest

from tests.browsing import assert_clean, watched_page
from tests.conftest import SAMPLES, Service, free_port, run_cli
from tests.reliability import corpus

pytestmark = [pytest.mark.browser, pytest.mark.slow]

sync_api = pytest.importorskip("playwright.sync_api")
feedparser = pytest.importorskip("feedparser")

QUERY = "Magistrat"
LIST_URL = re.compile(r"/merkliste\?ids=.")


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser-reports")
    data = tmp / "data"
    later = corpus.minute_lines(778, "zweitwort")
    later[0] = later[0].replace("14.06.2021", "03.03.2022")
    files = [SAMPLES / "fulda-2021-06-14-niederschrift-born-digital.pdf",
             corpus.write(tmp / "spaeter.pdf", corpus.born_digital_pdf(later))]
    done = run_cli("ingest", *map(str, files), data=data, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    port = free_port()
    svc = Service(["serve", "--port", str(port)], data, port, tmp / "serve.log")
    try:
        svc.wait_ready(60)
        yield svc
    finally:
        svc.stop()


@pytest.fixture
def context(browser, service):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE",
                              base_url=service.url, accept_downloads=True)
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    pg = watched_page(context)
    yield pg
    assert_clean(pg)


def hits(service, q: str = QUERY, sort: str = "relevance") -> list[dict]:
    status, body = service.json(f"/api/search?q={quote(q)}&per_page=100&sort={sort}")
    assert status == 200
    return body["results"]


def list_ids(page) -> list[str]:
    return page.locator("li.mitem").evaluate_all("els => els.map(e => e.dataset.id)")


def url_ids(page) -> list[str]:
    return parse_qs(urlparse(page.url).query)["ids"][0].split(",")


def test_feed_link_and_csv_download_on_the_result_page(page, service):
    page.goto(f"/?q={QUERY}")
    expected = hits(service, sort="date")
    head = page.locator('link[rel="alternate"][type="application/atom+xml"]')
    visible = page.get_by_role("link", name="Feed abonnieren")
    assert head.get_attribute("href") == visible.get_attribute("href") == f"/suche.atom?q={QUERY}"
    answer = page.request.get(visible.get_attribute("href"))
    assert answer.ok and answer.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(answer.body())
    assert not feed.bozo
    assert [e.link for e in feed.entries] == [service.url + h["url"] for h in expected]

    with page.expect_download() as info:
        page.get_by_role("link", name="Trefferliste als CSV").click()
    text = Path(info.value.path()).read_bytes().decode("utf-8")
    assert text.startswith("\ufeffnumber;title;kind;")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert sorted(r[7] for r in rows[1:]) == sorted(service.url + h["url"] for h in hits(service))


def test_collect_reorder_copy_and_download(page, context, service):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=service.url)
    found = hits(service)
    assert len(found) >= 3
    a, b, c = found[0], found[1], found[2]

    page.goto(f"/?q={QUERY}")
    for rec in (a, b):
        button = page.locator(f'li.hit[data-id="{rec["id"]}"] button.mark-btn')
        assert button.get_attribute("aria-pressed") == "false"
        button.click()
        assert button.get_attribute("aria-pressed") == "true"
        assert "Gemerkt" in button.inner_text()
    assert page.locator(".nav-merkliste .mcount").inner_text() == "2"

    page.goto(c["url"])  # the permalink page has the button too
    page.locator(f'button.mark-btn[data-mark="{c["id"]}"]').click()
    assert page.locator(".nav-merkliste .mcount").inner_text() == "3"

    page.get_by_role("link", name="Merkliste").click()
    page.wait_for_url(LIST_URL)
    assert list_ids(page) == url_ids(page) == [a["id"], b["id"], c["id"]]

    page.get_by_role("button", name=f"„{a['title']}“ nach unten").click()
    order = [b["id"], a["id"], c["id"]]
    assert list_ids(page) == url_ids(page) == order
    assert page.locator(".m-status").inner_text() == f"„{a['title']}“ steht jetzt an Stelle 2."
    lines = page.locator("#m-txt").input_value().splitlines()
    assert [ln.split(". ", 1)[0] for ln in lines] == ["1", "2", "3"]
    for line, rec in zip(lines, (b, a, c)):
        assert rec["title"] in line and line.endswith(service.url + rec["url"])

    page.reload()  # kept in the browser
    assert list_ids(page) == order
    page.goto("/merkliste")  # the stored list, without ids in the address
    page.wait_for_url(LIST_URL)
    assert list_ids(page) == order

    md = page.locator("#m-md").input_value()
    page.locator('button[data-copy="m-md"]').click()
    assert page.evaluate("navigator.clipboard.readText()") == md
    assert md.splitlines()[0].startswith(f"1. [{b['title']}](<{service.url}{b['url']}>)")

    with page.expect_download() as info:
        page.get_by_role("link", name="Herunterladen (.csv)").click()
    rows = list(csv.reader(io.StringIO(Path(info.value.path()).read_text("utf-8-sig")), delimiter=";"))
    assert [r[7] for r in rows[1:]] == [service.url + r["url"] for r in (b, a, c)]

    page.get_by_role("button", name=f"„{c['title']}“ entfernen").click()
    assert list_ids(page) == url_ids(page) == [b["id"], a["id"]]
    assert page.locator(".nav-merkliste .mcount").inner_text() == "2"
    share = page.locator("#m-share").input_value()
    assert share == f"{service.url}/merkliste?ids={quote(b['id'], safe='/')},{quote(a['id'], safe='/')}"
    assert page.locator(".shared-note").is_hidden()


def test_shared_link_can_be_adopted(context, browser, service):
    found = hits(service)
    ids = [found[0]["id"], found[1]["id"]]
    page = watched_page(context)
    page.goto(f"/?q={QUERY}")
    page.locator(f'li.hit[data-id="{found[2]["id"]}"] button.mark-btn').click()  # my own list: one entry

    page.goto("/merkliste?ids=" + ",".join(quote(i, safe="/") for i in ids))
    assert list_ids(page) == ids
    note = page.locator(".shared-note")
    assert note.is_visible()
    note.get_by_role("button", name="In meine Merkliste übernehmen").click()
    page.wait_for_function("document.querySelectorAll('li.mitem').length === 3")
    assert list_ids(page) == [found[2]["id"], *ids]
    assert page.locator(".shared-note").is_hidden()
    assert page.locator(".nav-merkliste .mcount").inner_text() == "3"
    assert_clean(page)


def stored(page) -> list[str]:
    return page.evaluate("JSON.parse(localStorage.getItem('ratsarchiv-merkliste') || '[]')")


def test_unknown_ids_are_named_on_the_page(page):
    page.goto("/merkliste?ids=AN/0012/2021,gibt-es-nicht")
    alert = page.get_by_role("alert")
    assert "gibt-es-nicht" in alert.inner_text()
    assert list_ids(page) == ["AN/0012/2021"]
    assert stored(page) == [], "a shared list does not touch the stored one"
    response = page.goto("/merkliste?ids=nix")
    assert response.status == 404
    assert "Keinen dieser Einträge gefunden" in page.get_by_role("alert").inner_text()


def test_stored_ids_the_archive_no_longer_has_are_named_then_dropped(page):
    page.goto("/merkliste")
    page.evaluate("localStorage.setItem('ratsarchiv-merkliste', JSON.stringify(['weg-1', 'AN/0012/2021']))")
    page.goto("/merkliste")
    page.wait_for_url(LIST_URL)
    assert "weg-1" in page.get_by_role("alert").inner_text()
    assert list_ids(page) == ["AN/0012/2021"]
    assert stored(page) == ["AN/0012/2021"]
    assert page.locator(".nav-merkliste .mcount").inner_text() == "1"

    page.evaluate("localStorage.setItem('ratsarchiv-merkliste', JSON.stringify(['weg-2']))")
    page.goto("/merkliste")
    page.wait_for_url(LIST_URL)
    assert "Keinen dieser Einträge gefunden" in page.get_by_role("alert").inner_text()
    assert stored(page) == []
    page.goto("/merkliste")  # nothing left to show: the empty list, no redirect
    assert page.locator(".m-empty").is_visible() and "ids=" not in page.url
