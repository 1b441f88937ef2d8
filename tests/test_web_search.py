"""The search page and the JSON API over a real index of synthetic Anfragen, through
Flask's test client: counting with a threshold, „Meinten Sie“, completions."""

from __future__ import annotations

import re

import pytest

from bench import corpus
from index import writer
from ratsarchiv.settings import Settings
from web.app import create_app


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("web") / "data"
    writer.write_many(writer.create(d / "index"), corpus.batches(300))
    return d


def client_for(data_dir, **settings):
    return create_app(Settings(data_dir=data_dir, **settings)).test_client()


@pytest.fixture(scope="module")
def client(data_dir):
    return client_for(data_dir)


def test_api_search_says_how_exact_the_total_is(data_dir, client):
    exact = client.get("/api/search?q=Magistrat").get_json()
    assert exact["total"] > 50 and exact["total_relation"] == "eq"
    assert exact["facets_approximate"] is False and exact["suggestion"] is None
    capped_client = client_for(data_dir, count_threshold=50)
    capped = capped_client.get("/api/search?q=Magistrat").get_json()
    assert capped["total"] == 50 and capped["total_relation"] == "gte"
    page = capped_client.get("/?q=Magistrat").get_data(as_text=True)
    assert re.search(r"mehr als <strong>50</strong> Treffer", page)


def test_did_you_mean_links_to_the_corrected_query(client):
    res = client.get("/api/search?q=Obdachlosenunterkumft").get_json()
    assert res["suggestion"] == "Obdachlosenunterkunft"
    page = client.get("/?q=Obdachlosenunterkumft&faction=SPD").get_data(as_text=True)
    m = re.search(r'Meinten Sie <a href="([^"]+)">„([^“]+)“</a>\?', page)
    assert m and m.group(2) == "Obdachlosenunterkunft"
    assert "q=Obdachlosenunterkunft" in m.group(1) and "faction=SPD" in m.group(1)  # filters kept


def test_api_suggest(client):
    resp = client.get("/api/suggest?q=Integr")
    body = resp.get_json()
    assert resp.status_code == 200 and body["query"] == "Integr"
    assert 0 < len(body["suggestions"]) <= 8
    for s in body["suggestions"]:
        assert s["kind"] in ("word", "title") and s["text"]
        assert (s["url"] is None) == (s["kind"] == "word")
        if s["url"]:
            assert client.get(s["url"]).status_code == 200
    assert client.get("/api/suggest?q=").get_json()["suggestions"] == []
    too_long = client.get("/api/suggest?q=" + "a" * 300)
    assert too_long.status_code == 400 and "zu lang" in too_long.get_json()["error"]


def test_search_box_is_an_accessible_combobox(client):
    page = client.get("/").get_data(as_text=True)
    box = re.search(r'<input id="q"[^>]*>', page, re.S).group(0)
    for attr in ('role="combobox"', 'aria-autocomplete="list"', 'aria-expanded="false"',
                 'aria-controls="q-suggest"', 'data-suggest="/api/suggest"'):
        assert attr in box
    assert re.search(r'<ul id="q-suggest"[^>]*role="listbox"[^>]*hidden', page)
