"""index/bulk.py writes the segments Whoosh itself writes: the same terms, postings, block
statistics, field lengths, stored fields and columns, and search reads them as before.
Real Whoosh indexes in tmp_path, one written document by document through Whoosh's own
writer, one through write_many."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bench import corpus
from index import writer as index_writer
from ratsarchiv.model import Record


def tricky_records() -> list[Record]:
    """Stop words first and between (positions renumbered), umlauts and ae/oe/ue, a page
    record (document boost), an empty title, numbers and dotted tokens, repeated words."""
    base = corpus.batches(2)[0][1][0]
    texts = [("Die Fußgängerüberwege", "der die das Straßenbeleuchtung und der Buergersaal, die Bürgersaal 12.5.2021"),
             ("", "und und Haushaltslage Haushaltslage angespannte Haushaltslage Drs. 20/1234"),
             ("Übersicht", "Ärger über Öffnungszeiten der Kita in der Nordstadt, Kita-Plätze.")]
    out = []
    for i, (title, text) in enumerate(texts):
        out.append(replace(base, id=f"t-{i}", title=title, text=text, source_id="tricky"))
    out.append(replace(base, id="t-page", kind="Seite", title="Seite 3", text="Die Kita am Marktplatz", number=None,
                       source_id="tricky"))
    return out


def batches():
    return corpus.batches(120) + [("tricky", tricky_records())]


def whoosh_built(path, split: int):
    """The reference: Whoosh's own add_document for every record, same codec, and the same
    segments as write_many(segment_records=split) makes (sources of 10 records each)."""
    ix = index_writer.create(path)
    sources = batches()
    for chunk in (sources[:split // 10], sources[split // 10:]):
        with index_writer._committing(ix) as w:
            for _source, records in chunk:
                for seq, rec in enumerate(records):
                    w.add_document(**index_writer.record_document(rec, seq))
    return ix


def dump(ix) -> dict:
    """Everything a reader can see of each segment."""
    from whoosh.reading import SegmentReader
    out = {}
    for n, seg in enumerate(ix._segments()):
        r = SegmentReader(ix.storage, ix.schema, seg)
        schema = ix.schema
        postings = list(r.iter_postings())
        infos = {}
        for fieldname, text in r.all_terms():
            ti = r.term_info(fieldname, text)
            m = r.postings(fieldname, text)
            first_block = (m.block_min_length(), m.block_max_length(), m.block_max_weight())
            infos[(fieldname, text)] = (ti.weight(), ti.doc_frequency(), ti.min_length(), ti.max_length(),
                                        ti.max_weight(), ti.min_id(), ti.max_id(), first_block)
        lengths = {(d, f): r.doc_field_length(d, f) for d in range(r.doc_count_all()) for f in schema.names()}
        stored = [r.stored_fields(d) for d in range(r.doc_count_all())]
        cols = {f: list(r.column_reader(f)) for f in schema.names() if schema[f].column_type}
        out[n] = (postings, infos, lengths, stored, cols, r.doc_count_all())
        r.close()
    return out


def test_bulk_writer_writes_what_whoosh_writes(tmp_path):
    expected = whoosh_built(tmp_path / "whoosh", split=70)
    ix = index_writer.create(tmp_path / "bulk")
    n = index_writer.write_many(ix, batches(), segment_records=70)
    assert n == 124
    got, want = dump(ix), dump(expected)
    assert len(got) == len(want) == 2
    for seg in want:
        for part, name in enumerate(["postings", "term infos", "field lengths", "stored", "columns", "doc count"]):
            assert got[seg][part] == want[seg][part], f"segment {seg}: {name} differ"
    assert len(got[0][0]) > 10_000  # a real amount of postings was compared


def test_bulk_writer_keeps_update_semantics_and_merges(tmp_path):
    """Writing into a non-empty index replaces records with the same id; a commit that merges
    segments (more than MAX_SEGMENTS) reads the bulk-written segments back correctly."""
    ix = index_writer.create(tmp_path / "index")
    recs = corpus.batches(30)
    for i in range(index_writer.MAX_SEGMENTS + 1):
        index_writer.write_many(ix, [recs[i % 3]])
    with ix.searcher() as s:
        assert s.doc_count() == 30
        hits = s.search(__import__("whoosh.query", fromlist=["Term"]).Term("words", "magistrat"), limit=None)
        assert len(hits) == sum("magistrat" in r.text.lower() or "magistrat" in (r.title or "").lower()
                                for _, rs in recs for r in rs)
    assert len(ix._segments()) <= index_writer.MAX_SEGMENTS + 1


@pytest.mark.parametrize("text", ["Die Kita der Nordstadt", "und", ""])
def test_positions_and_lengths_follow_the_analyzer(tmp_path, text):
    from index.analysis import german_analyzer
    from index.bulk import BulkWriter
    ix = index_writer.create(tmp_path / "i")
    with index_writer._committing(ix) as w:
        b = BulkWriter(w)
        b.add_document(id="a", text=text)
    b.release()
    with ix.searcher() as s:
        toks = [(t.text, t.pos) for t in german_analyzer()(text, positions=True)]
        assert s.doc_field_length(0, "text") == len(toks)
        for term, pos in toks:
            assert pos in s.reader().postings("text", term).value_as("positions")


def test_search_over_several_bulk_written_segments_finds_what_whoosh_finds(tmp_path):
    from whoosh import query as Q

    from index.search import SearchParams, SearchService
    ix = index_writer.create(tmp_path / "index")
    sources = corpus.batches(90)
    for part in (sources[:3], sources[3:6], sources[6:]):
        index_writer.write_many(ix, part)
    assert len(ix._segments()) == 3
    service = SearchService(tmp_path / "index")
    with ix.searcher() as s:
        for q, whoosh_q in [('"angespannte Haushaltslage"', Q.Phrase("text", ["angespannt", "haushaltslag"])),
                            ("Magistrat", Q.Term("words", "magistrat"))]:
            res = service.search(SearchParams(q=q, per_page=10))
            assert res.total == len(s.search(whoosh_q, limit=None)) > 0, q
