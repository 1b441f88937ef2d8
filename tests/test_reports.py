"""Feeds, OpenSearch, CSV export, Merkliste and OParl through Flask's test client, on a real
index built from the born-digital sample plus one minute book full of hostile text.

Expected values come from /api/search and /api/anfragen of the same app, so the tests check
that each format carries what the index holds.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from urllib.parse import quote, urlparse

import feedparser
import pytest

from ratsarchiv.settings import Settings
from tests import oparl_schema
from tests.conftest import SAMPLES
from tests.reliability import corpus

HOSTILE_NUMBER = "AN/0777/2021"
HOSTILE_TITLE = '=HYPERLINK("http://example.org") <script>alert(1)</script> & Co. [Link](x) *fett*'
HEADER = "number;title;kind;faction;date;status;answered_by;url"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    """One real data folder: the Fulda sample (text layer, no OCR) and a hostile minute book."""
    from ingest.pipeline import Pipeline
    tmp = tmp_path_factory.mktemp("reports")
    settings = Settings(data_dir=tmp / "data", workers=2)
    hostile = corpus.write(tmp / "hostile.pdf", corpus.born_digital_pdf(
        corpus.minute_lines(777, "hackwort", title=HOSTILE_TITLE)))
    later_lines = corpus.minute_lines(778, "zweitwort")  # a later session, for "newest first"
    later_lines[0] = later_lines[0].replace("14.06.2021", "03.03.2022")
    later = corpus.write(tmp / "later.pdf", corpus.born_digital_pdf(later_lines))
    p = Pipeline(settings)
    try:
        for path in (SAMPLES / "fulda-2021-06-14-niederschrift-born-digital.pdf", hostile, later):
            assert p.process(path, move=False).row.state == "indexed"
    finally:
        p.close()
    return settings.data_dir


def make_client(data_dir, **overrides):
    from web.app import create_app
    app = create_app(Settings(data_dir=data_dir, workers=2, **overrides))
    app.testing = True
    return app.test_client()


@pytest.fixture(scope="module")
def client(data_dir):
    return make_client(data_dir)


def api(client, url: str) -> dict:
    r = client.get(url)
    assert r.status_code == 200, r.get_data(as_text=True)
    return r.get_json()


def all_hits(client, q: str, **filters) -> list[dict]:
    args = "&".join(f"{k}={quote(v)}" for k, v in filters.items())
    return api(client, f"/api/search?q={quote(q)}&per_page=100&{args}")["results"]


def test_hostile_record_is_indexed(client):
    rec = api(client, f"/api/anfragen/{HOSTILE_NUMBER}")
    assert rec["title"].startswith("=HYPERLINK"), rec["title"]
    assert "<script>" in rec["title"]


# --- Atom -------------------------------------------------------------------------------
def parse_feed(client, url: str):
    r = client.get(url)
    assert r.status_code == 200
    assert r.mimetype == "application/atom+xml"
    ET.fromstring(r.data)  # well-formed XML, strictly
    feed = feedparser.parse(r.data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_feed_is_the_search_newest_first(client):
    feed = parse_feed(client, "/suche.atom?q=Magistrat")
    expected = api(client, "/api/search?q=Magistrat&sort=date&per_page=20")["results"]
    assert [e.link for e in feed.entries] == ["http://localhost" + r["url"] for r in expected]
    assert len(feed.entries) >= 3
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True) and dates[0] > dates[-1]
    assert feed.entries[0].link.endswith("AN/0778/2021")
    first, rec = feed.entries[0], expected[0]
    assert rec["title"] in first.title and (rec["number"] or "") in first.title
    assert first.id == first.link
    assert "<mark>" not in first.summary and "&lt;mark" not in first.summary
    assert "Sitzung vom" in first.summary
    assert feed.feed.links[0].href == "http://localhost/suche.atom?q=Magistrat"
    assert all(e.updated_parsed for e in feed.entries)


def test_feed_keeps_filters(client):
    feed = parse_feed(client, "/suche.atom?q=Antrag&faction=SPD")
    ids = [e.link for e in feed.entries]
    expected = all_hits(client, "Antrag", faction="SPD")
    assert sorted(ids) == sorted("http://localhost" + r["url"] for r in expected)
    for e in feed.entries:
        assert "SPD" in [t.term for t in e.tags]
    assert "faction=SPD" in feed.feed.id


def test_feed_escapes_titles_and_snippets(client):
    r = client.get("/suche.atom?q=hackwort")
    assert b"<script>" not in r.data
    feed = parse_feed(client, "/suche.atom?q=hackwort")
    assert [e.title for e in feed.entries] == [f"Anfrage {HOSTILE_NUMBER}: {HOSTILE_TITLE}"]


def test_feed_drops_characters_xml_cannot_hold(client):
    """OCR text may carry control characters; XML 1.0 has no escape for them."""
    from web import feeds
    from web.records import Row
    row = Row(id="x", url="/anfragen/x", kind="Anfrage", title="Vor\x0bschlag\x00 <b>&",
              date="2020-01-02", snippets=["Text\x0c mit \x1b Steuerzeichen"])
    with client.application.test_request_context("/suche.atom"):
        body = feeds.atom_feed({"q": "x\x01"}, [row], "http://localhost")
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.entries[0].title == "Anfrage: Vorschlag <b>&"
    assert "Text mit  Steuerzeichen" in feed.entries[0].summary


def test_bad_feed_query_is_a_german_400(client):
    for q in ("(", "*"):
        r = client.get(f"/suche.atom?q={q}")
        assert r.status_code == 400
        assert "Fehler 400" in r.get_data(as_text=True)


def test_result_page_links_its_feed_and_csv(client):
    html = client.get("/?q=Antrag&faction=SPD").get_data(as_text=True)
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/suche.atom?q=Antrag&amp;faction=SPD"' in html
    assert 'href="/api/search.csv?q=Antrag&amp;faction=SPD"' in html


# --- OpenSearch -------------------------------------------------------------------------
def test_opensearch_description(client):
    r = client.get("/opensearch.xml")
    assert r.status_code == 200 and r.mimetype == "application/opensearchdescription+xml"
    ns = {"os": "http://a9.com/-/spec/opensearch/1.1/"}
    root = ET.fromstring(r.data)
    assert root.tag == "{http://a9.com/-/spec/opensearch/1.1/}OpenSearchDescription"
    assert len(root.find("os:ShortName", ns).text) <= 16
    urls = {u.get("type"): u.get("template") for u in root.findall("os:Url", ns)}
    html = urlparse(urls["text/html"].replace("{searchTerms}", "Parkraumbewirtschaftung"))
    page = client.get(f"{html.path}?{html.query}")
    assert page.status_code == 200 and "AN/0012/2021" in page.get_data(as_text=True)
    sugg = urlparse(urls["application/x-suggestions+json"].replace("{searchTerms}", "Park"))
    answer = client.get(f"{sugg.path}?{sugg.query}")
    assert answer.mimetype == "application/x-suggestions+json"
    body = answer.get_json()
    expected = [x["text"] for x in api(client, "/api/suggest?q=Park")["suggestions"]]
    assert body == ["Park", expected] and expected, "the completions of /api/suggest"
    assert client.get("/opensearch/vorschlaege?q=").get_json() == ["", []]


@pytest.mark.parametrize("path", ["/", "/?q=Antrag", "/archiv", "/merkliste", "/anfragen/AN/0012/2021"])
def test_every_page_links_the_opensearch_description(client, path):
    html = client.get(path).get_data(as_text=True)
    assert '<link rel="search" type="application/opensearchdescription+xml" title="Ratsarchiv" href="/opensearch.xml">' in html


# --- CSV --------------------------------------------------------------------------------
def read_csv(response) -> list[list[str]]:
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeff"), "UTF-8 with BOM, for spreadsheet programs"
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_export_has_every_hit(client):
    r = client.get("/api/search.csv?q=Magistrat")
    assert r.status_code == 200 and r.content_type == "text/csv; charset=utf-8"
    assert r.is_streamed
    assert "attachment" in r.headers["Content-Disposition"]
    rows = read_csv(r)
    assert ";".join(rows[0]) == HEADER
    hits = all_hits(client, "Magistrat")
    assert len(rows) - 1 == len(hits) >= 3
    by_url = {row[7]: row for row in rows[1:]}
    from web.export import safe_cell
    for h in hits:
        row = by_url["http://localhost" + h["url"]]
        assert row[:7] == [safe_cell(h[c]) for c in ("number", "title", "kind", "faction", "date",
                                                      "status", "answered_by")]


def test_csv_keeps_filters_and_sort(client):
    rows = read_csv(client.get("/api/search.csv?q=Antrag&faction=SPD&sort=date"))
    hits = api(client, "/api/search?q=Antrag&faction=SPD&sort=date&per_page=100")["results"]
    assert [r[7] for r in rows[1:]] == ["http://localhost" + h["url"] for h in hits]


def test_csv_neutralises_formulas(client):
    rows = read_csv(client.get("/api/search.csv?q=hackwort"))
    assert len(rows) == 2
    assert rows[1][1] == "'" + HOSTILE_TITLE


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+49 561", "'+49 561"), ("-2", "'-2"), ("@SUMME(A1)", "'@SUMME(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("Kita", "Kita"), ("", ""), (None, ""), ("a=b", "a=b"),
])
def test_safe_cell(value, expected):
    from web.export import safe_cell
    assert safe_cell(value) == expected


def test_csv_over_the_row_limit_says_so(data_dir):
    small = make_client(data_dir, export_max_rows=2)
    rows = read_csv(small.get("/api/search.csv?q=Magistrat"))
    total = len(all_hits(small, "Magistrat"))
    assert total > 2
    assert len(rows) == 1 + 2 + 1
    assert rows[-1][0] == (f"Hinweis: Die Suche hat {total} Treffer; diese Datei enthält nur die ersten 2. "
                           "Bitte die Suche mit Filtern eingrenzen.")
    # the index stops counting at its threshold: the file says "more than" and how many it holds
    counted = make_client(data_dir, export_max_rows=100, count_threshold=3)
    rows = read_csv(counted.get("/api/search.csv?q=Magistrat"))
    counted_json = counted.get("/api/search?q=Magistrat&per_page=100").get_json()
    assert counted_json["total_relation"] == "gte"
    if counted_json["facets_approximate"]:  # the index stopped collecting: more hits than rows
        written = len(rows) - 2
        assert rows[-1][0] == (f"Hinweis: Die Suche hat mehr als {max(3, written)} Treffer; diese Datei "
                               f"enthält nur die ersten {written}. Bitte die Suche mit Filtern eingrenzen.")
    else:  # all hits collected, only the count stopped: the file holds them all
        assert len(rows) - 1 == len(counted_json["results"]) == total
    exact = make_client(data_dir, export_max_rows=total)
    assert not any(r[0].startswith("Hinweis") for r in read_csv(exact.get("/api/search.csv?q=Magistrat")))


def test_csv_bad_parameters_are_german_json(client):
    r = client.get("/api/search.csv?q=Antrag&sort=quer")
    assert r.status_code == 400 and "sort" in r.get_json()["error"]


# --- Merkliste --------------------------------------------------------------------------
def test_merkliste_shows_records_in_the_given_order(client):
    ids = ["AN/0012/2021", HOSTILE_NUMBER, "A/0031/2021"]
    r = client.get("/merkliste?ids=" + ",".join(reversed(ids)))
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    positions = [html.index(f'data-id="{i}"') for i in reversed(ids)]
    assert positions == sorted(positions)
    assert "<script>alert(1)" not in html
    text = client.get("/merkliste/download?format=txt&ids=" + ",".join(ids)).get_data(as_text=True)
    lines = text.splitlines()
    assert [ln.split(". ", 1)[0] for ln in lines] == ["1", "2", "3"]
    for line, rid in zip(lines, ids):
        rec = api(client, f"/api/anfragen/{rid}")
        assert f"Drs. {rec['number']}" in line and rec["title"] in line
        assert line.endswith("http://localhost/anfragen/" + rid)


def test_merkliste_markdown_and_csv(client):
    ids = ["AN/0012/2021", HOSTILE_NUMBER]
    md = client.get("/merkliste/download?format=md&ids=" + ",".join(ids))
    assert md.mimetype == "text/markdown"
    first, second = md.get_data(as_text=True).splitlines()
    assert first.startswith("1. [Parkraumbewirtschaftung](<http://localhost/anfragen/AN/0012/2021>) – Anfrage")
    # markup in a title stays text in Markdown too
    assert r"\<script\>" in second and r"\[Link\]\(x\)" in second and r"\*fett\*" in second
    rows = read_csv(client.get("/merkliste/download?format=csv&ids=" + ",".join(ids)))
    assert ";".join(rows[0]) == HEADER
    assert [r[0] for r in rows[1:]] == ids
    assert rows[2][1].startswith("'=")


def test_merkliste_names_unknown_ids(client):
    r = client.get("/merkliste?ids=AN/0012/2021,gibt-es-nicht")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "Nicht alle Einträge gefunden" in html and "gibt-es-nicht" in html
    assert 'data-id="AN/0012/2021"' in html


def test_merkliste_of_unknown_ids_only_is_404_in_german(client):
    r = client.get("/merkliste?ids=%3Cscript%3E,nix")
    html = r.get_data(as_text=True)
    assert r.status_code == 404
    assert "Keinen dieser Einträge gefunden" in html
    assert "&lt;script&gt;" in html and "<script>" not in html.split("<main")[1]


@pytest.mark.parametrize("query", [
    "ids=" + "x" * 300,
    "ids=AN%2F0012%2F2021%00",
    "ids=" + ",".join(f"id{i}" for i in range(201)),
    "ids=a%0Ab",
])
def test_merkliste_malformed_ids_are_a_german_400(client, query):
    for path in ("/merkliste", "/merkliste/download"):
        r = client.get(f"{path}?{query}")
        assert r.status_code == 400, (path, r.status_code)
        assert "Merkliste" in r.get_data(as_text=True)


def test_merkliste_download_errors(client):
    assert client.get("/merkliste/download?format=exe&ids=AN/0012/2021").status_code == 400
    r = client.get("/merkliste/download?format=txt&ids=nix")
    assert r.status_code == 404 and "Keiner der Einträge" in r.get_data(as_text=True)


def test_merkliste_without_ids_is_the_empty_page(client):
    r = client.get("/merkliste")
    assert r.status_code == 200 and "Die Merkliste ist leer" in r.get_data(as_text=True)


def test_merkliste_buttons_on_result_list_and_permalink(client):
    hits = all_hits(client, "Antrag")
    html = client.get("/?q=Antrag").get_data(as_text=True)
    for h in hits[:10]:
        assert f'data-mark="{h["id"]}"' in html
    page = client.get("/anfragen/AN/0012/2021").get_data(as_text=True)
    assert 'data-mark="AN/0012/2021"' in page


# --- OParl ------------------------------------------------------------------------------
def test_oparl_system_and_body_follow_the_schema(client):
    assert client.get("/oparl/v1/system").headers["Access-Control-Allow-Origin"] == "*"
    system = api(client, "/oparl/v1/system")
    oparl_schema.validate(system, oparl_schema.SYSTEM)
    bodies = api(client, urlparse(system["body"]).path)
    oparl_schema.validate(bodies, oparl_schema.list_of(oparl_schema.BODY))
    body = api(client, urlparse(bodies["data"][0]["id"]).path)
    oparl_schema.validate(body, oparl_schema.BODY)
    assert body == bodies["data"][0]


def walk(client, url: str) -> tuple[list[dict], list[dict]]:
    """Every object of a paged OParl list, following `next`; and the pages."""
    objects, pages = [], []
    while url:
        page = api(client, url.removeprefix("http://localhost"))
        pages.append(page)
        objects += page["data"]
        url = page["links"].get("next")
        assert len(pages) < 100
    return objects, pages


def test_oparl_paper_list_pages_through_every_record(client, data_dir):
    from ingest.journal import Journal
    body = api(client, "/oparl/v1/body/1")
    papers, pages = walk(client, urlparse(body["paper"]).path + "?limit=3")
    journal = Journal(data_dir / "journal.sqlite")
    expected = [it["id"] for row in sorted(journal.all(state="indexed"), key=lambda r: r.id) for it in row.items]
    journal.close()
    assert [p["web"].removeprefix("http://localhost/anfragen/") for p in papers] == expected
    assert len(pages) == -(-len(expected) // 3) > 2
    for page in pages:
        oparl_schema.validate(page, oparl_schema.list_of(oparl_schema.PAPER))
        assert page["pagination"]["totalElements"] == len(expected)
        assert "limit=3" in page["links"]["self"]
    assert "next" not in pages[-1]["links"] and "prev" in pages[-1]["links"]


def test_oparl_paper_carries_the_record(client):
    paper = api(client, "/oparl/v1/paper/AN/0012/2021")
    oparl_schema.validate(paper, oparl_schema.PAPER)
    rec = api(client, "/api/anfragen/AN/0012/2021")
    assert paper["type"] == "https://schema.oparl.org/1.1/Paper"
    assert paper["id"] == "http://localhost/oparl/v1/paper/AN/0012/2021"
    assert (paper["name"], paper["reference"], paper["date"], paper["paperType"]) == \
        (rec["title"], rec["number"], rec["date"], rec["kind"])
    assert paper["web"] == "http://localhost" + rec["url"]
    assert paper["mainFile"]["fileName"] == rec["source"]["filename"]
    original = client.get(urlparse(paper["mainFile"]["accessUrl"]).path)
    assert original.status_code == 200 and original.data.startswith(b"%PDF")
    oparl_schema.validate(api(client, urlparse(paper["mainFile"]["id"]).path), oparl_schema.FILE)
    faction = api(client, urlparse(paper["originatorOrganization"][0]).path)
    oparl_schema.validate(faction, oparl_schema.ORGANIZATION)
    assert faction["name"] == rec["faction"]
    office = api(client, urlparse(paper["underDirectionOf"][0]).path)
    assert office["name"] == rec["answered_by"]
    assert paper["created"] <= paper["modified"]


def test_oparl_organizations_list(client):
    orgs, pages = walk(client, "/oparl/v1/body/1/organization")
    for page in pages:
        oparl_schema.validate(page, oparl_schema.list_of(oparl_schema.ORGANIZATION))
    names = {o["name"] for o in orgs if o["organizationType"] == "Fraktion"}
    assert set(api(client, "/api/search?q=Antrag")["facets"]["faction"]) <= names


@pytest.mark.parametrize("path", ["/oparl/v1/body/1/person", "/oparl/v1/body/1/meeting"])
def test_oparl_empty_lists_a_client_expects(client, path):
    oparl_schema.validate(api(client, path), oparl_schema.list_of({"type": "object"}))


def test_oparl_time_filters(client):
    later = api(client, "/oparl/v1/body/1/paper?modified_since=2999-01-01T00:00:00%2B01:00")
    assert later["data"] == [] and later["pagination"]["totalElements"] == 0
    everything = api(client, "/oparl/v1/body/1/paper?created_since=2000-01-01T00:00:00Z")
    assert everything["pagination"]["totalElements"] > 0
    assert "created_since=" in everything["links"]["self"]


@pytest.mark.parametrize("path", [
    "/oparl/v1/paper/gibt-es-nicht", "/oparl/v1/paper/" + "x" * 500, "/oparl/v1/paper/%3Cscript%3E",
    "/oparl/v1/paper/a%00b", "/oparl/v1/organization/fraktion-nix", "/oparl/v1/file/abc",
    "/oparl/v1/file/" + "0" * 64, "/oparl/v1/body/2",
])
def test_oparl_unknown_ids_are_german_404_json(client, path):
    r = client.get(path)
    assert r.status_code == 404, r.status_code
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    body = r.get_json()
    oparl_schema.validate(body, oparl_schema.ERROR)
    assert body["error"] == body["message"] and body["message"][0].isupper()
    assert "<script>" not in r.get_data(as_text=True) or r.mimetype == "application/json"


@pytest.mark.parametrize("query", ["page=0", "page=x", "limit=-1", "modified_since=gestern"])
def test_oparl_bad_list_parameters_are_german_400_json(client, query):
    r = client.get(f"/oparl/v1/body/1/paper?{query}")
    assert r.status_code == 400
    oparl_schema.validate(r.get_json(), oparl_schema.ERROR)


def test_oparl_schema_catches_mistakes(client):
    """The hand-written schema is strict enough to fail: a guard against a test that always passes."""
    import jsonschema
    paper = api(client, "/oparl/v1/paper/AN/0012/2021")
    for broken in ({**paper, "type": "https://schema.oparl.org/1.0/Paper"}, {**paper, "date": "14.6.2021"},
                   {**paper, "web": "/anfragen/x"}, {**paper, "modified": "2021-06-14T10:00:00"},
                   {**paper, "refrence": "x"}, {k: v for k, v in paper.items() if k != "id"}):
        with pytest.raises(jsonschema.ValidationError):
            oparl_schema.validate(broken, oparl_schema.PAPER)
