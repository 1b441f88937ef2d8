"""Opening, creating and writing the index: one writer at a time.

Whoosh's write lock is an flock on a file, which the kernel drops when a process
dies, so a crash never leaves a lock that blocks the next start.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.query import Term
from whoosh.writing import MERGE_SMALL, NO_MERGE

from index import bulk
from index.schema import PAGE_BOOST, PAGE_KINDS, SCHEMA_VERSION, make_schema
from ratsarchiv.model import Record

log = logging.getLogger("ratsarchiv.index")

_write_lock = threading.RLock()


def version_file(index_dir: Path) -> Path:
    return index_dir / "SCHEMA_VERSION"


def number_key(number: str | None) -> str | None:
    if not number:
        return None
    return re.sub(r"[^0-9a-z]", "", number.lower()) or None


def loose_number_key(number: str | None) -> str | None:
    """The number with leading zeros of each digit group dropped: 21/311 and 21/0311 agree."""
    groups = re.findall(r"[a-z]+|\d+", (number or "").lower())
    return "".join((g.lstrip("0") or "0") if g.isdigit() else g for g in groups) or None


def is_current(index_dir: Path) -> bool:
    vf = version_file(index_dir)
    return (whoosh_index.exists_in(str(index_dir)) and vf.exists()
            and vf.read_text().strip() == SCHEMA_VERSION)


def create(index_dir: Path):
    index_dir.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(index_dir), make_schema())
    version_file(index_dir).write_text(SCHEMA_VERSION + "\n")
    return ix


def open_index(index_dir: Path):
    """Open the index, creating an empty one if there is none yet."""
    if not whoosh_index.exists_in(str(index_dir)):
        return create(index_dir)
    return whoosh_index.open_dir(str(index_dir))


def record_document(rec: Record, seq: int) -> dict:
    data = rec.to_dict()
    doc = {
        "id": rec.id, "kind": rec.kind, "title": rec.title or "",
        "text": rec.text or "",
        "words": f"{rec.title or ''}\n{rec.text or ''}",
        "edge": rec.margin or "",
        "source_id": rec.source_id, "seq": seq,
        "data": json.dumps(data, ensure_ascii=False),
    }
    if rec.kind in PAGE_KINDS:  # text no agenda item covers: findable, but ranked below real items
        doc["_boost"] = PAGE_BOOST
    if rec.number:
        doc["number"] = rec.number
        doc["number_key"] = number_key(rec.number)
        doc["number_loose"] = loose_number_key(rec.number)
    for field in ("faction", "status", "answered_by", "date"):
        value = getattr(rec, field)
        if value:
            doc[field] = value
    if rec.answered_by:
        doc["answered_text"] = rec.answered_by
    if rec.date:
        doc["year"] = rec.date[:4]
    return doc


def superseded_sources(records: list[Record], source_id: str, held: dict[int, dict | None]) -> set[str]:
    """Earlier files of the same minute book (a re-scan): sources that hold a record with one
    of these Drucksachen-numbers from the same session date. Their records are replaced as a
    whole, so numberless items (Mitteilungen …) are not left behind twice. `held`: the index's
    document of each record's id (by id() of the record), None where there is none."""
    found = set()
    for rec in records:
        doc = held.get(id(rec))
        if rec.number and doc and doc.get("source_id") != source_id and doc.get("date") == rec.date:
            found.add(doc["source_id"])
    return found


MAX_SEGMENTS = 12


def _merge_when_many(writer, segments):
    """Merge small segments only once there are many: merging on every commit made each
    single-file commit several times slower, and a dozen segments do not slow searching."""
    if len(segments) > MAX_SEGMENTS:
        return MERGE_SMALL(writer, segments)
    return NO_MERGE(writer, segments)


BLOCK_POSTINGS = 1024


def codec():
    """Whoosh's file format with posting blocks of 1024 instead of 128: index/engine.py reads
    whole posting lists, and each block costs a fixed ~20 µs in Python to open."""
    return W3Codec(blocklimit=BLOCK_POSTINGS)


@contextmanager
def _committing(ix, **kwargs):
    """The one writer of this process: committed on success, cancelled on any error, so a
    failed write leaves the index as it was."""
    with _write_lock:
        writer = ix.writer(**{"timeout": 120.0, "codec": codec(), **kwargs})
        try:
            yield writer
            writer.commit(mergetype=_merge_when_many)
        except BaseException:
            writer.cancel()
            raise


def write_records(ix, records: list[Record], source_id: str) -> None:
    """Replace what this source (and any earlier scan of the same book) contributed with
    its current records, in one commit."""
    write_sources(ix, [(source_id, records)])


def own_id(rid: str, source_id: str) -> str:
    """The id of a record whose id another file's record holds already: the same Drucksachen-
    number in two files that are not scans of one book (an Anfrage and the answer printed on
    its own; "01", "02" numbering each session's Fragestunde). Both stay; the first keeps the
    plain id (the permalink), the later one is told apart by its file."""
    return f"{rid}-{source_id[:8]}"


def write_sources(ix, batches: list[tuple[str, list[Record]]]) -> None:
    """write_records for several files in one commit. The files' record ids must not
    overlap (GroupCommit sees to that). A record whose id is held by a file that this one
    does not replace gets its own id (own_id, changed on the record, so the caller stores the
    id the index has): replacing it would leave that other file's pages unfindable."""
    with _write_lock:
        with ix.searcher() as s:  # each id looked up once: what the index holds under it now
            held = {id(rec): s.document(id=rec.id) for _source_id, records in batches for rec in records}
        replace = set()
        for source_id, records in batches:
            replace |= superseded_sources(records, source_id, held) | {source_id}
        for source_id, records in batches:
            for rec in records:
                doc = held[id(rec)]
                if doc and doc.get("source_id") not in replace:
                    rec.id = own_id(rec.id, source_id)
        fast = None
        try:
            with _committing(ix) as writer:
                for old in replace:
                    writer.delete_by_term("source_id", old)
                # update_document in two steps, with the bulk writer's analysis (index/bulk.py):
                # Whoosh's own took ≈ 20 ms a page record, in the same process as OCR
                fast = bulk.bulk_writer(writer)
                add = fast.add_document if fast else writer.add_document
                for _source_id, records in batches:
                    for seq, rec in enumerate(records):
                        writer.delete_by_term("id", rec.id)
                        add(**record_document(rec, seq))
        finally:
            if fast:
                fast.release()  # after the commit, which writes the postings


@dataclass
class _Waiting:
    source_id: str
    records: list[Record]
    done: bool = False
    error: BaseException | None = None


class GroupCommit:
    """Files that finish while a commit is running share the next commit.

    A commit costs about as much for one small file as for several (Whoosh writes a new
    segment each time: about 50 ms fixed, 20 ms per file, measured), so under a burst the
    commits grow instead of queueing up; a file on its own is committed at once, without
    waiting (waiting for files still in flight was measured slower: it stalls them all).
    write() returns only when the file's records are committed."""

    def __init__(self, ix):
        self.ix = ix
        self._queue: list[_Waiting] = []
        self._guard = threading.Lock()
        self._leader = threading.Lock()

    def write(self, records: list[Record], source_id: str) -> None:
        me = _Waiting(source_id, records)
        with self._guard:
            self._queue.append(me)
        with self._leader:
            if not me.done:  # nobody took us along: commit everything that is waiting
                with self._guard:
                    batch, self._queue = self._queue, []
                self._commit(batch)
        if me.error is not None:
            raise me.error

    def _commit(self, batch: list[_Waiting]) -> None:
        log.debug("commit of %d file(s)", len(batch))
        ids = [r.id for w in batch for r in w.records]
        try:
            if len(batch) > 1 and len(ids) == len(set(ids)):
                try:
                    write_sources(self.ix, [(w.source_id, w.records) for w in batch])
                    return
                except Exception:  # one file's records may be the cause: commit them one by one
                    log.warning("joint commit of %d files failed; committing them one by one",
                                len(batch), exc_info=True)
            for w in batch:  # alone, or a re-scan of a book in the same batch: in order
                try:
                    write_sources(self.ix, [(w.source_id, w.records)])
                except Exception as exc:
                    w.error = exc
        except BaseException as exc:  # interrupted: nobody in this batch may count as indexed
            for w in batch:
                w.error = w.error or exc
            raise
        finally:
            for w in batch:
                w.done = True


BULK_SEGMENT_RECORDS = 10_000  # with BULK_LIMIT_MB: the postings of one commit fit the pool
BULK_LIMIT_MB = 512


def write_many(ix, batches: Iterable[tuple[str, list[Record]]], procs: int = 1, limitmb: int = BULK_LIMIT_MB,
               progress: Callable[[int], None] | None = None,
               segment_records: int = BULK_SEGMENT_RECORDS) -> int:
    """Bulk version for reindexing: many sources, one commit per `segment_records` records.

    `batches` may be a generator, so the stored extraction results need not all be in
    memory at once; `progress(records_so_far)` is called after each source. Into an empty
    index records are added, not updated (no look-up of an old copy for each). Commits of
    a bounded size keep whoosh's posting pool in memory (a pool over its limit is pickled
    to disk posting by posting, which was the slowest part of a 100k build) and the peak
    memory flat however large the archive; returns the number of records written."""
    fresh = ix.doc_count_all() == 0
    seen: dict[str, tuple[str, str | None]] = {}  # into a fresh index: id -> (its file, its date)
    written = 0
    batches = iter(batches)
    analysis = bulk.Analysis()
    more = True
    while more:
        in_segment = 0
        fast = None
        try:
            with _committing(ix, procs=procs, limitmb=limitmb) as writer:
                fast = bulk.bulk_writer(writer, analysis)
                add = fast.add_document if fast else writer.add_document
                for source_id, records in batches:
                    for seq, rec in enumerate(records):
                        held = seen.get(rec.id)
                        if fresh and held and held[0] != source_id and not (rec.number and held[1] == rec.date):
                            rec.id = own_id(rec.id, source_id)  # as write_sources does (a re-scan replaces)
                        if not (fresh and rec.id not in seen):
                            writer.delete_by_term("id", rec.id)  # update_document, in two steps
                        seen[rec.id] = (source_id, rec.date)
                        add(**record_document(rec, seq))
                    written += len(records)
                    in_segment += len(records)
                    if progress:
                        progress(written)
                    if in_segment >= segment_records:
                        break
                else:
                    more = False
        finally:
            if fast:
                fast.release()
    return written


def delete_source(ix, source_id: str) -> None:
    with _committing(ix) as writer:
        writer.delete_by_query(Term("source_id", source_id))
