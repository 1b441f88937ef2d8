"""The search engine on a real index of synthetic Anfragen (bench/corpus.py, 400 records):
array evaluation against whoosh's own matching, counting up to the threshold, word parts,
near misses, „Meinten Sie“, completions and bulk writing."""

from __future__ import annotations

import numpy as np
import pytest
from whoosh import query as Q

from bench import corpus
from index import writer
from index.query import build_query
from index.search import SearchParams, SearchService
from index.vocab import within
from ratsarchiv.model import Record
from web.results import search_json

N = 400


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("engine") / "index"
    ix = writer.create(d)
    writer.write_many(ix, corpus.batches(N))
    return d


@pytest.fixture(scope="module")
def service(index_dir):
    return SearchService(index_dir)


def find(service, **params) -> dict:
    """A search as /api/search answers it."""
    return search_json(service.search(SearchParams(**params)))


def whoosh_scores(s, q) -> dict[int, float]:
    return {hit.docnum: hit.score for hit in s.search(q, limit=None, terms=False)}


@pytest.mark.parametrize("q", [
    Q.Term("words", "magistrat"),
    Q.And([Q.Term("words", "magistrat"), Q.Term("words", "fördermittel")]),
    Q.Or([Q.Term("words", "kältebus"), Q.Term("title", "radweg", boost=2.5), Q.Term("words", "zeppelin")]),
    Q.And([Q.Term("words", "magistrat"), Q.Not(Q.Term("words", "fördermittel"))]),
    Q.AndNot(Q.Term("words", "verwaltung"), Q.Term("faction", "SPD")),
    Q.DisjunctionMax([Q.Term("words", "kosten", boost=2.0), Q.Term("words", "verwaltung")]),
    Q.Phrase("text", ["angespannt", "haushaltslag"]),
    Q.Prefix("text", "integr"),
    Q.Term("faction", "CDU"),
])
def test_array_evaluation_finds_and_scores_what_whoosh_does(service, q):
    s, view, _ = service._current()
    got = view.evaluate(q, limit=10_000)
    expected = whoosh_scores(s, q)
    assert expected, "the query must find something in the corpus"
    assert got.complete and sorted(expected) == got.ids.tolist()
    # not compared: whoosh scores phrases by its own rule, every prefix match alike, and a
    # DisjunctionMax with the score of a sub-query even on documents it does not match
    if not isinstance(q, Q.Phrase | Q.Prefix | Q.DisjunctionMax):
        # the same scores, up to a constant: whoosh gives a NOT inside an AND a score of 1 everywhere
        diff = np.array([expected[d] for d in got.ids.tolist()]) - got.scores
        assert np.allclose(diff, diff[0], atol=1e-4) and (abs(diff[0]) < 1e-4 or isinstance(q, Q.And))


def test_plain_words_find_what_the_stems_find(service):
    s, view, vocab = service._current()
    for text in ["Obdachlosenunterkunft Winter", "Betreuungsplätze", "Straßenbeleuchtung LED", "Kita"]:
        via_words = view.evaluate(build_query(s.schema, text, expand=False, vocab=vocab), 10_000)
        via_stems = view.evaluate(build_query(s.schema, text, expand=False), 10_000)
        assert len(via_words) and via_words.ids.tolist() == via_stems.ids.tolist(), text


def test_total_is_exact_up_to_the_threshold_then_a_lower_bound(index_dir, service):
    exact = find(service, q="Magistrat")
    assert exact["total_relation"] == "eq" and exact["facets_approximate"] is False
    assert sum(exact["facets"]["faction"].values()) == exact["total"] > 100
    capped = find(SearchService(index_dir, count_threshold=100), q="Magistrat")
    assert capped["total"] == 100 and capped["total_relation"] == "gte"
    # the facets still count every hit, and the same hits come first
    assert capped["facets"] == exact["facets"]
    assert [r["id"] for r in capped["results"]] == [r["id"] for r in exact["results"]]


def test_filters_and_sorting_by_date(service):
    res = find(service, q="Magistrat", filters={"faction": "SPD"}, sort="date", per_page=20)
    assert res["results"] and all(r["faction"] == "SPD" for r in res["results"])
    dates = [r["date"] for r in res["results"]]
    assert dates == sorted(dates, reverse=True)
    assert res["total"] == res["facets"]["faction"]["SPD"]


def test_word_parts_and_near_misses_come_after_exact_words(service):
    res = find(service, q="konzept")  # only inside compounds
    assert res["total"] and all("konzept" in " ".join(r["snippets"]).lower() for r in res["results"])
    typo = find(service, q="Obdachlosenunterkumft")
    assert typo["total"] and typo["suggestion"] == "Obdachlosenunterkunft"
    fixed = find(service, q=typo["suggestion"])
    assert fixed["total"] >= typo["total"] and fixed["suggestion"] is None


def test_a_word_in_no_record_finds_nothing_and_suggests_nothing(service):
    for q in ["Zeppelinhangar", "Zeppelinhangra", "Quantencomputer Weltraumbahnhof", "Zeppelin*"]:
        res = find(service, q=q)
        assert res["total"] == 0 and res["results"] == [] and res["suggestion"] is None, q


def test_a_phrase_of_common_words_is_counted_exactly(service):
    """Every candidate's positions are checked (no budget), so the total is exact and the same
    records as whoosh's own phrase query, which checks them one by one."""
    s, view, _ = service._current()
    res = find(service, q='"angespannte Haushaltslage"')
    expected = s.search(Q.Phrase("text", ["angespannt", "haushaltslag"]), limit=None)
    assert res["total_relation"] == "eq" and res["facets_approximate"] is False
    assert res["total"] == len(expected) > 10
    # the positions decide: the same words the other way round are another phrase
    reversed_ = find(service, q='"Haushaltslage angespannte"')
    assert reversed_["total"] == len(s.search(Q.Phrase("text", ["haushaltslag", "angespannt"]), limit=None))
    assert reversed_["total"] < res["total"]


def test_completions_start_with_what_was_typed(service):
    got = service.suggest("Integr")
    words = [s for s in got if s.kind == "word"]
    titles = [s for s in got if s.kind == "title"]
    assert 0 < len(got) <= 8 and words and titles
    assert all(s.text.lower().startswith("integr") and s.text[0].isupper() and s.record_id is None
               for s in words)
    for t in titles:
        rec = service.get(t.record_id)
        assert rec["title"] == t.text and "integr" in t.text.lower()
    assert service.suggest("integr")[0].text[0].islower()  # as typed
    assert service.suggest("Radweg Stra")[0].text.startswith("Radweg Stra")  # completes the last word
    assert service.suggest("x") == [] and service.suggest("Zeppelinh") == []


def test_edit_distance():
    assert within("integrationskonzept", "integrationskonzebt", 1) == 1
    assert within("taktverdichtung", "taktverdichtnug", 1) == 1  # a swap is one edit
    assert within("ehrenamtskarte", "ehrenarntskarte", 2) == 2
    assert within("ehrenamtskarte", "ehrenarntskarte", 1) is None


def test_near_misses_at_the_first_letter(service):
    _, _, vocab = service._current()
    near = [w.folded for w, _ in vocab.near("lntegrationskonzept", 1, 5)]
    assert "integrationskonzept" in near


def anfrage(i: int, kind: str = "Anfrage", text: str = "Wir fragen nach dem Zeppelinhangar.") -> Record:
    return Record(id=f"r{i}", kind=kind, number=None, title=f"Eintrag {i}", faction="SPD", questions=[],
                  answered_by=None, status=None, chair=None, secretary=None, date="2022-03-03", pages=[1],
                  text=text, source_id=f"s{i // 2}")


def test_bulk_writing_in_bounded_commits_from_a_generator(tmp_path):
    ix = writer.create(tmp_path / "index")
    seen = []

    def numbered(rec: Record) -> Record:
        rec.number = "AN/0003/2022" if rec.id == "r3" else None
        return rec

    def batches():
        for b in range(5):
            yield f"s{b}", [numbered(anfrage(2 * b)), numbered(anfrage(2 * b + 1))]
        # an id written before, by a re-scan of the same book (same number, same date): replaced
        yield "again", [numbered(anfrage(3, text="Ersetzt: Luftschiffhalle."))]

    assert writer.write_many(ix, batches(), progress=seen.append, segment_records=4) == 11
    assert seen == [2, 4, 6, 8, 10, 11]
    svc = SearchService(tmp_path / "index")
    assert svc.count() == 10
    assert svc.get("r3")["text"].startswith("Ersetzt")
    assert find(svc, q="Luftschiffhalle")["total"] == 1
    assert len(ix.refresh()._segments()) >= 2


def test_page_records_rank_below_real_items(tmp_path):
    ix = writer.create(tmp_path / "index")
    writer.write_many(ix, [("s", [anfrage(1, kind="Seite"), anfrage(2), anfrage(3, kind="Abschnitt")])])
    res = find(SearchService(tmp_path / "index"), q="Zeppelinhangar")
    assert [r["kind"] for r in res["results"]][0] == "Anfrage" and res["total"] == 3


def test_an_empty_index_finds_nothing_without_error(tmp_path):
    svc = SearchService(tmp_path / "index")  # created empty
    for q in ["Magistrat", '"angespannte Haushaltslage"', "Integr*", "fraktion:SPD", "Zeppelinhangra"]:
        res = find(svc, q=q)
        assert res["total"] == 0 and res["results"] == [] and res["suggestion"] is None, q
    assert find(svc, q="", filters={"faction": "SPD"})["total"] == 0
    assert svc.suggest("Integr") == []


def test_position_keys_read_what_whoosh_decodes(tmp_path):
    """The numpy reading of posting values gives whoosh's own positions: one position and
    several, positions and gaps past 255 and past 65,535 (pickle's 1-, 2- and 4-byte ints)."""
    from index import engine
    texts = ["Kita am Markt", "Haus " * 300 + "Kita", "Kita " + "Haus " * 70_000 + "Kita Kita",
             "Haus " * 100 + "Kita Haus Kita Haus Haus Kita", "Haus ohne das Wort"]
    ix = writer.create(tmp_path / "index")
    base = corpus.batches(1)[0][1][0]
    recs = [Record(**{**base.to_dict(), "id": f"p{i}", "text": t, "questions": []}) for i, t in enumerate(texts)]
    writer.write_many(ix, [("src", recs)])
    with ix.searcher() as s:
        r = s.reader()
        m = r.postings("text", "kita")
        expected = []
        while m.is_active():
            expected += [(m.id() << 32) | p for p in m.value_as("positions")]
            m.next()
        got = engine._position_keys(r, "text", b"kita", np.arange(len(texts)))
        assert sorted(got.tolist()) == sorted(expected) and len(expected) == 1 + 1 + 3 + 3
        assert any((k & 0xFFFFFFFF) > 65_535 for k in expected)


def test_decoded_postings_kept_between_queries_give_the_same_results(index_dir):
    """The second run of a query reads the frequent terms' postings from the cache: the same
    records and scores as the first run and as whoosh; a tiny budget keeps only what fits."""
    from index import engine
    for budget in (engine.CACHE_BYTES, 64 * 1024):
        svc = SearchService(index_dir)
        svc._engine.cache.max_bytes = budget
        s, view, _ = svc._current()
        for q in [Q.Phrase("text", ["angespannt", "haushaltslag"]),
                  Q.And([Q.Term("words", "magistrat"), Q.Term("words", "fördermittel")])]:
            first = view.evaluate(q, limit=10_000)
            again = view.evaluate(q, limit=10_000)
            assert first.ids.tolist() == again.ids.tolist() == sorted(whoosh_scores(s, q))
            assert np.allclose(first.scores, again.scores)
        cache = svc._engine.cache
        assert len(cache) > 0 and cache.bytes <= budget
