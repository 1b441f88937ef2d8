"""Writing the index: files finishing together share a commit, and each still gets its own
outcome. Real Whoosh index in tmp_path."""

from __future__ import annotations

import threading

from index import writer as index_writer
from ratsarchiv.model import Record


def anfrage(source: str, n: int, word: str, date: str = "2022-03-03") -> Record:
    return Record(id=f"{source}-{n}", kind="Anfrage", number=f"AN/{n:04d}/2022", title=f"{word} im Stadtteil {n}",
                  faction="SPD", questions=[], answered_by=None, status="erledigt", chair=None,
                  secretary=None, date=date, pages=[1], text=f"Wir fragen nach {word}.", source_id=source)


def ids_in(ix) -> set[str]:
    with ix.searcher() as s:
        return {d["id"] for d in s.all_stored_fields()}


def test_concurrent_files_are_all_committed_and_each_waits_for_its_own_commit(tmp_path, monkeypatch):
    ix = index_writer.create(tmp_path / "index")
    committer = index_writer.GroupCommit(ix)
    commits = []
    real = index_writer.write_sources
    monkeypatch.setattr(index_writer, "write_sources", lambda ix, batches: (commits.append(len(batches)), real(ix, batches)))
    seen_after_write: dict[str, bool] = {}
    start = threading.Barrier(8)

    def one(i: int) -> None:
        recs = [anfrage(f"src{i}", n, f"Wort{i}") for n in range(3)]
        start.wait()
        committer.write(recs, f"src{i}")
        seen_after_write[f"src{i}"] = {r.id for r in recs} <= ids_in(ix)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(seen_after_write.values()) and len(seen_after_write) == 8
    assert ids_in(ix) == {f"src{i}-{n}" for i in range(8) for n in range(3)}
    assert sum(commits) == 8 and len(commits) < 8, commits  # files that arrived together shared commits


def test_rescan_in_the_same_batch_replaces_the_earlier_scan(tmp_path):
    ix = index_writer.create(tmp_path / "index")
    committer = index_writer.GroupCommit(ix)
    first = [anfrage("scan1", n, "Hundewiese") for n in range(2)]
    notice = anfrage("scan1", 9, "Mitteilung")
    notice.kind, notice.number, notice.id = "Mitteilung", None, "scan1-mitteilung-ocr-misread"
    second = [anfrage("scan1", n, "Hundewiese") for n in range(2)]  # same ids, new file
    for r in second:
        r.source_id = "scan2"
    batch = [index_writer._Waiting("scan1", first + [notice]), index_writer._Waiting("scan2", second)]
    committer._commit(batch)
    assert all(w.done and w.error is None for w in batch)
    with ix.searcher() as s:
        sources = {d["source_id"] for d in s.all_stored_fields()}
    # the numberless item of the earlier scan goes too, not only the records with the same ids
    assert sources == {"scan2"} and ids_in(ix) == {"scan1-0", "scan1-1"}


def test_a_failing_file_does_not_take_the_others_in_its_batch_down(tmp_path):
    ix = index_writer.create(tmp_path / "index")
    committer = index_writer.GroupCommit(ix)
    good = [anfrage("good", 1, "Radweg")]
    bad = [anfrage("bad", 1, "Radweg")]
    bad[0].questions = object()  # cannot be serialised into the stored record
    batch = [index_writer._Waiting("good", good), index_writer._Waiting("bad", bad)]
    committer._commit(batch)
    assert batch[0].error is None and batch[1].error is not None
    assert ids_in(ix) == {"good-1"}


def test_the_same_number_in_two_books_keeps_both_and_a_rebuild_gives_the_same_ids(tmp_path):
    """Two minute books that number their Fragestunde "01", "02" each session (not scans of one
    book: other dates): the later one must not replace the earlier one's records, or the earlier
    book's pages are no longer found. The first keeps the plain id, the later is told apart by
    its file; a rebuild of the index from the same files in the same order gives the same ids."""
    def book(source: str, date: str, word: str) -> list[Record]:
        recs = [anfrage(source, n, word, date) for n in (1, 2)]
        for n, r in zip((1, 2), recs):
            r.id = r.number = f"0{n}"
        return recs

    ix = index_writer.create(tmp_path / "index")
    first, second = book("book2017", "2017-06-30", "Glasfaser"), book("book2022", "2022-10-21", "Radweg")
    index_writer.write_records(ix, first, "book2017")
    index_writer.write_records(ix, second, "book2022")
    live = ids_in(ix)
    assert live == {"01", "02", "01-book2022", "02-book2022"}
    assert [r.id for r in second] == ["01-book2022", "02-book2022"]  # the caller stores what the index has
    index_writer.write_records(ix, book("book2022", "2022-10-21", "Radweg"), "book2022")  # the same file again
    assert ids_in(ix) == live
    fresh = index_writer.create(tmp_path / "fresh")
    index_writer.write_many(fresh, [("book2017", book("book2017", "2017-06-30", "Glasfaser")),
                                    ("book2022", book("book2022", "2022-10-21", "Radweg"))])
    assert ids_in(fresh) == live
