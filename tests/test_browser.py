"""The search UI as staff use it: real chromium against a real `ratsarchiv run` on a real index.

One service for the module (the samples are ingested once, ~10 s of OCR); each test gets a
fresh browser context. Expected values come from the JSON API of the same service, so the
tests check that the pages show what the index holds, not numbers written down here.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browsing import assert_clean, watched_page
from tests.conftest import SAMPLES, Service, free_port, run_cli, wait_for
from web.anfragen import german_date

pytestmark = [pytest.mark.browser, pytest.mark.slow]

sync_api = pytest.importorskip("playwright.sync_api")

NUMBER = "101.18.1671"          # the Anfrage the README and the samples are about
QUERY = "Integrationskonzept"


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    """`ratsarchiv run --inbox` on the ingested samples; a zero-byte kaputt.pdf goes to its inbox."""
    tmp = tmp_path_factory.mktemp("browser")
    data, inbox = tmp / "data", tmp / "inbox"
    inbox.mkdir()
    files = sorted(str(f) for f in [*SAMPLES.glob("*.pdf"), *SAMPLES.glob("*.tiff")])
    done = run_cli("ingest", *files, data=data, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    port = free_port()
    svc = Service(["run", "--inbox", str(inbox), "--port", str(port)], data, port, tmp / "service.log")
    svc.inbox = inbox
    try:
        svc.wait_ready(60)
        # Dropped now so the watcher quarantines it while the other tests run.
        (inbox / "kaputt.pdf").write_bytes(b"")
        yield svc
    finally:
        svc.stop()


@pytest.fixture
def page(browser, service):
    """A laptop-sized page that fails the test on script errors, CSP violations and failed loads."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE", base_url=service.url)
    ctx.set_default_timeout(10_000)
    pg = watched_page(ctx)
    yield pg
    ctx.close()
    assert_clean(pg)


def api_record(service, record_id: str) -> dict:
    status, rec = service.json(f"/api/anfragen/{record_id}")
    assert status == 200, rec
    return rec


def test_search_by_typing_and_enter(page, service):
    page.goto("/")
    box = page.get_by_label("Suche in Anfragen und Tagesordnungspunkten")
    # the query box has the focus on arrival (autofocus; allow a slow browser a moment)
    page.wait_for_function("document.activeElement && document.activeElement.id === 'q'", timeout=10_000)
    page.keyboard.type(QUERY)
    assert box.input_value() == QUERY
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert parse_qs(urlparse(page.url).query)["q"] == [QUERY]
    assert box.input_value() == QUERY, "the query box keeps the query"
    assert QUERY in page.title()
    api = service.json(f"/api/search?q={QUERY}")[1]
    assert page.locator("#total strong").inner_text() == str(api["total"])

    hit = page.locator("li.hit", has=page.locator(".number", has_text=NUMBER))
    assert hit.count() == 1
    assert hit.locator("h2 a").inner_text() == api_record(service, NUMBER)["title"]
    marks = hit.locator(".snippet mark")
    assert marks.count() >= 1
    assert QUERY.lower() in marks.first.inner_text().lower()
    rec = api_record(service, NUMBER)
    meta = hit.inner_text()
    for value in (rec["faction"], german_date(rec["date"]), rec["status"], rec["answered_by"]):
        assert value in meta


def test_facet_filters_combine_with_query(page, service):
    page.goto("/?q=Magistrat")
    total = int(page.locator("#total strong").inner_text())
    facet = page.locator("[data-facet=faction] li a")
    assert facet.count() >= 2
    # The first faction that narrows the list (not hard-coded: whatever the index holds).
    for i in range(facet.count()):
        name, count = facet.nth(i).locator(".v").inner_text(), int(facet.nth(i).locator(".count").inner_text())
        if count < total:
            break
    else:
        pytest.fail("no faction facet narrows the result")
    with page.expect_navigation():
        facet.nth(i).click()

    args = parse_qs(urlparse(page.url).query)
    assert args["faction"] == [name] and args["q"] == ["Magistrat"]
    assert page.locator("#total strong").inner_text() == str(count)
    factions = page.locator("li.hit .faction").all_inner_texts()
    assert factions and set(factions) == {name}
    assert page.locator("li.hit").count() == min(count, 10)
    assert page.locator(".chips .chip", has_text=name).is_visible()
    active = page.locator("[data-facet=faction] a.active")
    assert active.count() == 1 and name in active.inner_text()

    # Removing the filter brings the full list back.
    with page.expect_navigation():
        page.locator(".chips .chip", has_text=name).click()
    assert page.locator("#total strong").inner_text() == str(total)


def hit_ids(page) -> list[str]:
    return page.locator("li.hit").evaluate_all("els => els.map(e => e.dataset.id)")


def test_sort_by_date_newest_first(page, service):
    page.goto("/?q=Magistrat")
    with page.expect_navigation():
        page.get_by_role("link", name="neueste zuerst").click()
    assert page.url.endswith("sort=date")
    dates = [api_record(service, i)["date"] for i in hit_ids(page)]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) > 1


def test_pagination(page, service):
    page.goto("/?q=Magistrat")
    total = int(page.locator("#total strong").inner_text())
    assert total > 10, "the samples give more than one page for this query"
    first_page = hit_ids(page)
    assert len(first_page) == 10
    with page.expect_navigation():
        page.get_by_role("link", name="Weiter →").click()
    assert f"Seite 2 von {-(-total // 10)}" in page.locator(".pager").inner_text()
    second_page = hit_ids(page)
    assert second_page and not set(first_page) & set(second_page)
    assert len(first_page) + len(second_page) == min(total, 20)
    assert page.locator("ol.hits").get_attribute("start") == "11"


def test_permalink_shows_fields_questions_and_marked_scan(page, service):
    rec = api_record(service, NUMBER)
    page.goto(f"/?q={QUERY}")
    with page.expect_navigation():
        page.locator("li.hit h2 a", has_text=rec["title"]).click()
    assert urlparse(page.url).path == f"/anfragen/{NUMBER}"
    assert NUMBER in page.title() and rec["title"] in page.title()
    assert page.locator("h1").inner_text() == rec["title"]
    assert page.locator("dd.f-faction").inner_text() == rec["faction"]
    assert page.locator("dd.f-date").inner_text() == german_date(rec["date"])
    assert page.locator("dd.f-answered").inner_text() == rec["answered_by"]
    assert page.locator("dd.f-status").inner_text() == rec["status"]
    items = page.locator("ol.questions > li")
    assert items.count() == len(rec["questions"]) > 0
    assert items.first.inner_text().strip() == rec["questions"][0]["text"].strip()
    assert page.locator(".fulltext mark").count() >= 1
    # The printed line breaks inside a paragraph are re-flowed: two long lines read as one.
    lines = rec["text"].split("\n")
    longest = max(map(len, lines))
    joined = next((a.split()[-1] + " " + b.split()[0] for a, b in zip(lines, lines[1:])
                   if len(a) > 0.8 * longest and b[:1].islower()), None)
    assert joined, "the record text has a paragraph running over several printed lines"
    assert joined in page.locator(".fulltext").inner_text()

    marked = page.locator(".pagebox").filter(has=page.locator("rect.hitbox")).first
    hitbox, img = marked.locator("rect.hitbox").first, marked.locator("img")
    assert QUERY.lower() in hitbox.locator("title").text_content().lower()
    hitbox.scroll_into_view_if_needed()
    wait_for(lambda: img.evaluate("i => i.complete && i.naturalWidth > 0"), 10, what="page image to load")
    r, i = hitbox.bounding_box(), img.bounding_box()
    assert r["width"] > 5 and r["height"] > 3
    assert i["x"] <= r["x"] and r["x"] + r["width"] <= i["x"] + i["width"] + 1
    assert i["y"] <= r["y"] and r["y"] + r["height"] <= i["y"] + i["height"] + 1

    original = page.locator("dd.f-source a").first.get_attribute("href")
    resp = page.request.get(original)
    assert resp.status == 200 and resp.headers["content-type"].startswith("application/pdf")


def test_similar_anfragen_listed(page, service):
    similar = api_record(service, NUMBER)["similar"]
    assert similar, "the API lists similar Anfragen"
    page.goto(f"/anfragen/{NUMBER}")
    section = page.locator("section.similar")
    assert section.locator("h2").inner_text() == "Ähnliche Anfragen"
    assert section.locator("li a").all_inner_texts() == [s["title"] for s in similar]


def test_zitieren_copies_citation_with_permalink(browser, service):
    ctx = browser.new_context(base_url=service.url, locale="de-DE")
    try:
        ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=service.url)
        page = ctx.new_page()
        page.goto(f"/anfragen/{NUMBER}")
        page.get_by_role("button", name="Zitieren").click()
        wait_for(lambda: page.locator(".copied").inner_text(), 5, what="copy confirmation")
        assert "kopiert" in page.locator(".copied").inner_text()
        copied = page.evaluate("navigator.clipboard.readText()")
    finally:
        ctx.close()
    rec = api_record(service, NUMBER)
    permalink = f"{service.url}/anfragen/{NUMBER}"
    assert copied == (f"Anfrage der Fraktion {rec['faction']}, Drs. {NUMBER}, „{rec['title']}“, "
                      f"Sitzung vom {german_date(rec['date'])}, {permalink}")


def test_archive_shows_quarantine_and_retry_keeps_service_healthy(page, service):
    def quarantined():
        docs = service.json("/api/documents")[1]["documents"]
        return next((d for d in docs if d["filename"] == "kaputt.pdf" and d["state"] == "quarantined"), None)
    doc = wait_for(quarantined, 30, 0.3, "kaputt.pdf in quarantine")

    page.goto("/archiv")
    row = page.locator('tr[data-file="kaputt.pdf"]')
    assert row.locator(".badge").inner_text() == "Quarantäne"
    assert doc["reason"] and doc["reason"] in row.locator(".reason").inner_text()
    indexed = page.locator("tr.state-indexed")
    assert indexed.count() == 3
    kassel = page.locator('tr[data-file="kassel-2019-11-04-niederschrift-scan.pdf"]')
    assert kassel.locator(".methods li").count() == 4
    assert kassel.locator(".items a", has_text=NUMBER).count() == 1

    with page.expect_navigation():
        row.get_by_role("button", name="Erneut verarbeiten").click()
    assert "erneut verarbeitet" in page.locator(".notice").inner_text()
    # A zero-byte file fails again; the service must stay up and keep it in quarantine.
    wait_for(lambda: (quarantined() or {}).get("attempts", 0) > doc["attempts"], 15, 0.3,
             "the retry to finish")
    assert service.get("/healthz")[0] == 200
    page.goto("/archiv")
    assert quarantined()["reason"] in page.locator('tr[data-file="kaputt.pdf"] .reason').inner_text()


@pytest.mark.parametrize("path", [f"/?q={QUERY}", "/?q=Magistrat&faction=SPD", f"/anfragen/{NUMBER}?q={QUERY}",
                                  "/archiv", "/anfragen/gibt-es-nicht"])
def test_phone_width_has_no_horizontal_scrollbar(browser, service, path):
    ctx = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True,
                              base_url=service.url)
    try:
        page = ctx.new_page()
        page.goto(path)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 375, f"{path} is {width}px wide on a 375px phone"
        assert page.locator("h1, #q").first.is_visible()
    finally:
        ctx.close()


def test_bad_query_shows_german_error_with_400(page, service):
    status, body = service.json("/api/search?q=fraktion%3A")
    assert status == 400
    resp = page.goto("/?q=fraktion%3A")
    assert resp.status == 400
    alert = page.get_by_role("alert")
    assert body["error"] in alert.inner_text()
    assert "Traceback" not in page.content()
    assert page.get_by_label("Suche in Anfragen und Tagesordnungspunkten").input_value() == "fraktion:"


def test_no_hits_page_says_what_to_try(page, service):
    page.goto("/?q=Zzyzxquorkbrunft")
    empty = page.locator(".empty")
    assert "Keine Treffer für „Zzyzxquorkbrunft“" in empty.locator("h2").inner_text()
    assert empty.locator("li").count() >= 3
    assert page.locator("#total strong").inner_text() == "0"
    assert page.locator("aside.facets").count() == 0, "no empty filter column"
    assert page.locator("nav.sort").count() == 0, "nothing to sort"


@pytest.mark.parametrize("path, heading", [
    ("/anfragen/999.99.9999", "Nicht gefunden"),
    ("/dokumente/" + "0" * 64 + "/seiten/1.jpg", "Nicht gefunden"),
    ("/gibt/es/nicht", "Nicht gefunden"),
])
def test_unknown_pages_are_friendly_404s(page, service, path, heading):
    resp = page.goto(path)
    assert resp.status == 404
    assert page.locator("h1").inner_text() == heading
    assert page.locator(".error .message").inner_text().strip()
    assert "Traceback" not in page.content()
    assert page.evaluate("document.documentElement.lang") == "de"


def test_missing_page_image_of_known_document_is_404(page, service):
    rec = api_record(service, NUMBER)
    resp = page.goto(f"/dokumente/{rec['source']['id']}/seiten/999.jpg")
    assert resp.status == 404
    assert "Bild" in page.locator(".error .message").inner_text()


def test_favicon_and_styles_load(page, service):
    page.goto("/")
    for sel in ('link[rel="icon"]', 'link[rel="stylesheet"]', "script[src]"):
        url = page.locator(sel).first.get_attribute("href" if sel.startswith("link") else "src")
        resp = page.request.get(url)
        assert resp.status == 200, (sel, url, resp.status)
    assert page.request.get(page.locator('link[rel="icon"]').get_attribute("href")) \
        .headers["content-type"].startswith("image/svg+xml")


def test_phone_record_page_links_down_to_the_marked_scan(browser, service):
    ctx = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True,
                              base_url=service.url)
    try:
        page = ctx.new_page()
        page.goto(f"/anfragen/{NUMBER}?q={QUERY}")
        boxes = page.locator("rect.hitbox").count()
        jump = page.locator(".to-scans a")
        assert jump.is_visible() and f"{boxes} markierten Fundstellen" in jump.inner_text()
        jump.click()
        wait_for(lambda: page.locator("#scans-h").evaluate(
            "h => { const r = h.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"),
            5, 0.1, "the scans heading to scroll into view")
    finally:
        ctx.close()


def test_keyboard_only_search_and_open_first_hit(page, service):
    page.goto("/")
    # the query box takes the focus by itself; type only once it has (a slow browser start
    # would otherwise lose the first keystrokes)
    page.wait_for_function("document.activeElement && document.activeElement.id === 'q'", timeout=10_000)
    page.keyboard.type(NUMBER)
    assert page.input_value("#q") == NUMBER
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # Tab from the query box reaches the first result link without a mouse (bounded walk).
    page.locator("#q").focus()
    for _ in range(60):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href') || ''")
        if href.startswith(f"/anfragen/{NUMBER}"):
            break
    else:
        pytest.fail("no result link reachable with Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlparse(page.url).path == f"/anfragen/{NUMBER}"
    assert re.search(r"Anfrage", page.title())


def test_search_box_completes_as_you_type_with_the_keyboard(page, service):
    suggest_requests: list[str] = []
    page.on("request", lambda r: suggest_requests.append(r.url) if "/api/suggest" in r.url else None)
    page.goto("/")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'q'", timeout=10_000)
    typed = "Integrations"
    page.keyboard.type(typed, delay=15)  # faster than a pause: one request once typing stops
    listbox = page.locator("#q-suggest")
    listbox.wait_for(state="visible")
    expected = service.json(f"/api/suggest?q={typed}")[1]["suggestions"]
    assert expected
    # the list may first show the answer to a shorter prefix typed before: wait for the one to the whole word
    page.wait_for_function(
        "([n, last]) => { const o = document.querySelectorAll('#q-suggest [role=option]');"
        " return o.length === n && o[n - 1].querySelector('span').innerText === last; }",
        arg=[len(expected), expected[-1]["text"]], timeout=10_000)
    options = listbox.get_by_role("option")
    assert options.count() == len(expected)
    assert [o.locator("span").first.inner_text() for o in options.all()] == [s["text"] for s in expected]
    assert len(suggest_requests) <= 2, suggest_requests  # not one per keystroke
    assert page.get_attribute("#q", "aria-expanded") == "true"

    page.keyboard.press("Escape")  # closes without changing the query
    assert listbox.is_hidden() and page.input_value("#q") == typed
    page.keyboard.type("k")
    listbox.wait_for(state="visible")
    first = service.json(f"/api/suggest?q={typed}k")[1]["suggestions"][0]
    page.keyboard.press("ArrowDown")
    assert page.get_attribute("#q", "aria-activedescendant") == "q-suggest-0"
    assert options.first.get_attribute("aria-selected") == "true"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    if first["url"]:
        assert urlparse(page.url).path == first["url"]
    else:
        assert parse_qs(urlparse(page.url).query)["q"] == [first["text"]]
