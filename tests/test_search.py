"""Querying a real index built from the born-digital sample (no OCR needed)."""

from __future__ import annotations

import pytest

from index.search import SearchParams, SearchService
from web.results import search_json
from ratsarchiv.errors import QuerySyntaxError


@pytest.fixture
def service(index) -> SearchService:
    return index


def top(service, q, **filters):
    res = search_json(service.search(SearchParams(q=q, filters=filters)))
    return res, [r["id"] for r in res["results"]]


@pytest.mark.parametrize("q, expected", [
    ("Parkraumbewirtschaftung", "AN/0012/2021"),
    ("parkraumbewirtschaftungen", "AN/0012/2021"),  # inflected
    ("Klimaschutzkonzept", "AN/0104/2021"),
    ("Klimaschutz", "AN/0104/2021"),  # part of a compound
    ("AN/0012/2021", "AN/0012/2021"),
    ("an00122021", "AN/0012/2021"),  # number typed without separators
    ("Buergersaal Stadtschloss", "AN/0113/2021"),  # umlaut typed as ue
    ("Burgersaal", "AN/0113/2021"),  # umlaut typed without dots
    ("Grundschule Rosengarten", "AN/0098/2021"),
    ('"Grundschule am Rosengarten"', "AN/0098/2021"),
    ("Kasernengelande", "AN/0110/2021"),
    ("Parkraumbewirtschaftunq", "AN/0012/2021"),  # OCR-like error
])
def test_query_kinds_find_the_anfrage_first(service, q, expected):
    res, ids = top(service, q)
    assert ids and ids[0] == expected, (q, ids)
    assert any("<mark>" in s for s in res["results"][0]["snippets"])


def test_field_filters_and_facets(service):
    res, ids = top(service, "fraktion:SPD")
    assert ids and all(r["faction"] == "SPD" for r in res["results"])
    res, ids = top(service, "Schule", faction="CDU")
    assert all(r["faction"] == "CDU" for r in res["results"])
    res, _ = top(service, "Magistrat")
    assert res["facets"]["year"] == {"2021": res["total"]}
    assert sum(res["facets"]["kind"].values()) == res["total"]


def test_exclusion_and_or(service):
    _, with_term = top(service, "Grundschule")
    _, without = top(service, "Grundschule -Rosengarten")
    assert "AN/0098/2021" in with_term and "AN/0098/2021" not in without
    _, either = top(service, "Parkraumbewirtschaftung OR Klimaschutzkonzept")
    assert {"AN/0012/2021", "AN/0104/2021"} <= set(either)


def test_all_words_falls_back_to_any_word_and_says_so(service):
    res, ids = top(service, "Parkraumbewirtschaftung Zeppelinhangar")
    assert ids[0] == "AN/0012/2021" and res["fallback"] == "any" and res["notice"]


def test_snippets_escape_document_text(service):
    res, _ = top(service, "Rosengarten")
    for s in res["results"][0]["snippets"]:
        assert "<" not in s.replace("<mark>", "").replace("</mark>", "")


@pytest.mark.parametrize("q", ["(", "fraktion:", "*", "a" * 5000, "((((((((((((((((((((((x", "und oder"])
def test_bad_syntax_is_a_clear_error(service, q):
    with pytest.raises(QuerySyntaxError) as err:
        service.search(SearchParams(q=q))
    assert err.value.http_status == 400 and len(err.value.message) > 20
