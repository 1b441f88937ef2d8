"""Relevance: the Anfrage comes first however staff type the query.

All eight sample books go through the real Pipeline as born-digital PDFs into a real
index; the queries in tests/relevance/queries.json (see the README there) run through
SearchService.search exactly as /api/search runs them. Run with ``-s`` to see the
per-kind table; it is also printed when the test fails.
"""

from __future__ import annotations

import pytest

from bench import relevance

MIN_MRR = 0.9
MIN_HIT1 = 0.85
MIN_KIND_MRR = 0.75  # so one broken feature (umlauts, numbers, OCR typos …) cannot hide in the average
MIN_MARKED = 0.9  # share of top hits whose snippets carry a <mark>
# A variant spelling ("Buergersaal", "Integrationskonzepts") must rank like the canonical one and
# score at least relevance.EQUIVALENT_RATIO of it: found by folding and stemming, not only by the
# weak fuzzy or prefix branches, which would also put it first in this small corpus.
EQUIVALENT_KINDS = ("umlaut_ae", "umlaut_plain", "inflected")
MIN_EQUIVALENT = 0.8  # overall, numbers included


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict:
    return relevance.build_index(tmp_path_factory.mktemp("relevance"))


@pytest.fixture(scope="module")
def queries() -> list[dict]:
    return relevance.load_queries()


@pytest.fixture(scope="module")
def result(corpus, queries) -> dict:
    res = relevance.score(relevance.run_queries(corpus["index_dir"], queries))
    print("\n" + relevance.table(res))
    return res


def test_query_set_is_sound(corpus, queries):
    """Every expected id is a record the pipeline produced, and the set covers every kind."""
    assert len(queries) >= 40
    missing = sorted({q["expected"] for q in queries} - set(corpus["records"]))
    assert not missing, f"expected ids the pipeline did not produce: {missing}"
    kinds = {q["kind"] for q in queries}
    assert kinds >= {"exact", "inflected", "umlaut_ae", "umlaut_plain", "compound_part", "ocr_typo",
                     "number", "phrase", "field", "multiword", "question_words", "person"}
    assert all(corpus["records"][q["expected"]] == "Anfrage" for q in queries)


def test_mrr_and_hit_at_1(result):
    report = relevance.table(result)
    assert result["mrr_at_10"] >= MIN_MRR, report
    assert result["hit_at_1"] >= MIN_HIT1, report
    weak = {k: s["mrr_at_10"] for k, s in result["by_kind"].items() if s["mrr_at_10"] < MIN_KIND_MRR}
    assert not weak, f"query kinds below MRR@10 {MIN_KIND_MRR}: {weak}\n{report}"


def test_top_hits_mark_what_matched(result):
    assert result["top_marked"] >= MIN_MARKED, f"top hits without <mark>: {result['unmarked']}"


def test_variant_spellings_score_like_the_canonical_one(result):
    for kind in EQUIVALENT_KINDS:
        assert result["by_kind"][kind]["equivalent"] == 1.0, (kind, result["not_equivalent"])
    assert result["equivalent"] >= MIN_EQUIVALENT, result["not_equivalent"]
