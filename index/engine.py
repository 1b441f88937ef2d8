"""Evaluating a query over whole posting lists with numpy: exact totals, facets and the
top hits of a query that matches most of the archive, in milliseconds.

Whoosh scores one document at a time in Python (about 10 µs a document for two words),
and its block-max skipping (`optimize=True`) skips little when a word is in most records,
so a query for "Magistrat" over 100,000 records took a second and more. Here each term's
postings are read block by block into arrays (whoosh's own file format, whoosh's own
BM25F formula and statistics), combined with array operations (sum for OR/AND, max for
DisjunctionMax) and cut to the top hits with argpartition.

Query nodes this module does not know (phrases, near queries, ranges …) are run through
whoosh's own matchers, collecting at most `limit` documents: a collector that stops. When
one stopped, the result says so (`complete=False`) and the caller reports the total as a
lower bound and the facets as approximate.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from itertools import accumulate
from pickle import loads
from dataclasses import dataclass

import numpy as np
from whoosh import query as Q
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

B, K1 = 0.75, 1.2  # whoosh's BM25F defaults, so scores match what whoosh would give

_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_EMPTY_SCORES = np.zeros(0, dtype=np.float64)


@dataclass
class Matches:
    """Matching documents (global numbers, ascending) with their scores."""
    ids: np.ndarray
    scores: np.ndarray
    complete: bool = True  # False: a whoosh sub-query stopped collecting at the limit

    @classmethod
    def empty(cls) -> "Matches":
        return cls(_EMPTY_IDS, _EMPTY_SCORES)

    def __len__(self) -> int:
        return len(self.ids)


# Decoded postings of terms in at least this many records of a segment are kept between
# queries, up to CACHE_BYTES in all (least recently used dropped first).
CACHE_MIN_POSTINGS = 256
CACHE_BYTES = 256 * 1024 * 1024


class DecodedCache:
    """Posting arrays of the frequent terms, decoded once and kept between queries.

    Whoosh stores a block of postings as a zlib-compressed pickle (positions as pickled
    byte strings); decoding it in Python costs ≈ 0.75 µs a posting, so a phrase of two words
    that are in 75,000 of 100,000 records spent over 100 ms only decoding, every time. Lucene
    decodes such blocks natively and leaves repetition to the page cache; here the decoded
    arrays of the terms that cost the most (those in many records) are that cache. Segments
    never change once written, so an entry is valid as long as its segment exists; entries of
    merged-away segments age out. Rare terms are read each time: they are cheap."""

    def __init__(self, max_bytes: int = CACHE_BYTES):
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict = OrderedDict()  # key -> (arrays, their size in bytes)
        self._lock = threading.Lock()

    def lookup(self, key):
        """The arrays kept under `key` (None: none)."""
        with self._lock:
            hit = self._items.get(key)
            if hit is None:
                return None
            self._items.move_to_end(key)
            return hit[0]

    def keep(self, key, value):
        """Keep `value` (an array or a tuple of arrays) under `key`, dropping the least
        recently used entries beyond the budget; returns `value`."""
        arrays = value if isinstance(value, tuple) else (value,)
        for a in arrays:
            a.flags.writeable = False  # shared between queries: nobody may change it in place
        size = sum(a.nbytes for a in arrays)
        if size > self.max_bytes:
            return value
        with self._lock:
            if key not in self._items:
                self._items[key] = (value, size)
                self.bytes += size
                while self.bytes > self.max_bytes:
                    _, (_, old_size) = self._items.popitem(last=False)
                    self.bytes -= old_size
        return value

    def __len__(self) -> int:
        return len(self._items)


class SegmentData:
    """Per-segment arrays read once: field lengths, deletions, value codes of facet fields.
    Segments never change once written (deletions aside, which are read each time)."""

    def __init__(self, reader, key=None, cache: DecodedCache | None = None):
        self.reader = reader
        self.doc_count = reader.doc_count_all()
        self._lengths: dict[str, np.ndarray] = {}
        self._codes: dict[str, tuple[np.ndarray, list[str]]] = {}
        self._key = key
        self._cache = cache

    def _lookup(self, key):
        return self._cache.lookup(key) if self._cache is not None and self._key is not None else None

    def postings(self, field: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        """A term's (docnum, weight) postings in this segment, deletions included."""
        key = (self._key, "p", field, btext)
        hit = self._lookup(key)
        if hit is not None:
            return hit
        value = postings(self.reader, field, btext)
        if self._cache is not None and self._key is not None and len(value[0]) >= CACHE_MIN_POSTINGS:
            self._cache.keep(key, value)
        return value

    def position_keys(self, field: str, btext: bytes, wanted: np.ndarray) -> np.ndarray:
        """(record << 32 | position) of a term in the `wanted` records (see _position_keys);
        a frequent term's keys are read for all records once and kept."""
        key = (self._key, "k", field, btext)
        every = self._lookup(key)
        if every is None:
            if not self._frequent(field, btext):
                return _position_keys(self.reader, field, btext, wanted)
            every = self._cache.keep(key, _position_keys(self.reader, field, btext, None))
        if len(wanted) == self.doc_count:
            return every
        return every[np.isin(every >> _POS_BITS, wanted)]

    def _frequent(self, field: str, btext: bytes) -> bool:
        """A term worth keeping: in at least CACHE_MIN_POSTINGS records of this segment."""
        if self._cache is None or self._key is None:
            return False
        try:
            return self.reader.doc_frequency(field, btext) >= CACHE_MIN_POSTINGS
        except (KeyError, TermNotFound):
            return False

    def lengths(self, field: str) -> np.ndarray:
        arr = self._lengths.get(field)
        if arr is None:
            r = self.reader
            col = None
            perdoc = getattr(r, "_perdoc", None)
            if perdoc is not None and hasattr(perdoc, "_cached_reader"):
                col = perdoc._cached_reader(f"_{field}_len", LENGTHS_COLUMN)
            if col is not None:  # one length byte per document, as whoosh stores it
                raw = np.fromiter((col[d] for d in range(self.doc_count)), dtype=np.uint8,
                                  count=self.doc_count)
                arr = _LENGTH_OF_BYTE[raw]
            else:
                arr = np.array([r.doc_field_length(d, field, 1) for d in range(self.doc_count)],
                               dtype=np.float64)
            arr = np.maximum(arr, 1.0)
            self._lengths[field] = arr
        return arr

    def column(self, field: str, default=0) -> np.ndarray:
        """A sortable field's column as an array (for sorting by date and position)."""
        key = "column:" + field
        arr = self._lengths.get(key)
        if arr is None:
            r = self.reader
            if r.has_column(field):
                cr = r.column_reader(field)
                arr = np.array([cr[d] for d in range(self.doc_count)], dtype=object)
            else:
                arr = np.full(self.doc_count, default, dtype=object)
            self._lengths[key] = arr
        return arr

    def deleted(self) -> np.ndarray | None:
        r = self.reader
        if not r.has_deletions():
            return None
        mask = np.zeros(self.doc_count, dtype=bool)
        mask[list(r.deleted_docs())] = True
        return mask

    def codes(self, field: str) -> tuple[np.ndarray, list[str]]:
        """For an ID field: each document's value as an index into the value list (-1: none)."""
        cached = self._codes.get(field)
        if cached is None:
            codes = np.full(self.doc_count, -1, dtype=np.int32)
            values = []
            if field in self.reader.indexed_field_names():
                for btext in self.reader.lexicon(field):
                    ids, _ = postings(self.reader, field, btext)
                    codes[ids] = len(values)
                    values.append(btext.decode("utf-8") if isinstance(btext, bytes) else btext)
            cached = self._codes[field] = (codes, values)
        return cached


_POS_BITS = 32  # a (record, position) pair as one int64: record << 32 | position


_K, _M, _J = 0x4B, 0x4D, 0x4A  # pickle's BININT1, BININT2, BININT (little-endian)


def _position_keys(reader, field: str, btext: bytes, wanted: np.ndarray | None) -> np.ndarray:
    """(record << 32 | position) for every position of a term in the `wanted` records of one
    segment (None: all). A posting value (whoosh.formats.Positions.encode) is a 4-byte count, then a
    pickled list of position deltas: `\\x80\\x02 ] q\\x00`, for one delta `K|M|J n a`, for
    several `( K|M|J n … e`, then `.`. These bytes are read with numpy over all wanted
    records at once, one delta after the other; a value laid out otherwise is unpickled on
    its own. Unpickling each value was ≈ 1.5 µs a record, too slow for a phrase of two words
    that are in most of 100,000 records."""
    values: list[bytes] = []
    ids, _ = postings(reader, field, btext, values=values)
    if not len(ids):
        return _EMPTY_IDS
    if wanted is None:
        chosen, docs = values, ids
    else:
        sel = np.flatnonzero(np.isin(ids, wanted, assume_unique=True))
        if not len(sel):
            return _EMPTY_IDS
        chosen = [values[i] for i in sel.tolist()]
        docs = ids[sel]
    lens = np.fromiter(map(len, chosen), dtype=np.int64, count=len(chosen))
    buf = np.frombuffer(b"".join(chosen) + b"\0" * 8, dtype=np.uint8).astype(np.int64)
    at = np.cumsum(lens) - lens
    count = (buf[at] << 24) | (buf[at + 1] << 16) | (buf[at + 2] << 8) | buf[at + 3]
    multi = count > 1
    ok = ((lens >= 12) & (count >= 1) & (count <= 1000)  # pickle batches lists of over 1,000
          & (buf[at + 4] == 0x80) & (buf[at + 5] == 2) & (buf[at + 6] == 0x5D) & (buf[at + 7] == 0x71)
          & (buf[at + 8] == 0) & (~multi | (buf[at + 9] == 0x28)))
    rows = np.flatnonzero(ok)
    cnt = count[rows]
    cur = np.where(multi[rows], at[rows] + 10, at[rows] + 9)
    first = np.cumsum(cnt) - cnt
    pos = np.zeros(int(cnt.sum()), dtype=np.int64)
    running = np.zeros(len(rows), dtype=np.int64)
    bad = np.zeros(len(rows), dtype=bool)
    for r in range(int(cnt.max()) if len(cnt) else 0):
        live = np.flatnonzero(cnt > r)
        c = cur[live]
        op = buf[c]
        val = np.where(op == _K, buf[c + 1], np.where(
            op == _M, buf[c + 1] | (buf[c + 2] << 8),
            buf[c + 1] | (buf[c + 2] << 8) | (buf[c + 3] << 16) | (buf[c + 4] << 24)))
        bad[live] |= (op != _K) & (op != _M) & (op != _J)
        running[live] += val
        pos[first[live] + r] = running[live]
        cur[live] = c + np.where(op == _K, 2, np.where(op == _M, 3, 5))
    good = np.repeat(~bad, cnt)
    keys = [((np.repeat(docs[rows], cnt) << _POS_BITS) | pos)[good]]
    for i in np.concatenate([np.flatnonzero(~ok), rows[bad]]).tolist():  # an unexpected layout
        value = chosen[i] if chosen[i].endswith(b".") else chosen[i] + b"."
        plist = np.fromiter(accumulate(loads(value[4:])), dtype=np.int64)
        keys.append((int(docs[i]) << _POS_BITS) | plist)
    if len(keys) == 1:
        return keys[0]  # records in order, positions ascending: sorted
    return np.unique(np.concatenate(keys))


def _sorted_common(a: np.ndarray, b: np.ndarray, mask: bool = False) -> np.ndarray:
    """The values of sorted unique `a` that are in sorted unique `b` (or, with mask, a mask
    over `a`): a binary search of each, no sort (np.intersect1d sorts both again)."""
    if not len(a) or not len(b):
        return np.zeros(len(a), dtype=bool) if mask else a[:0]
    at = np.searchsorted(b, a)
    found = b[np.minimum(at, len(b) - 1)] == a
    return found if mask else a[found]


def postings(reader, field: str, text, values: list | None = None) -> tuple[np.ndarray, np.ndarray]:
    """All (docnum, weight) postings of a term in one segment, deletions included; with
    `values`, each posting's value bytes (positions) are appended to it."""
    try:
        m = reader.postings(field, text)
    except TermNotFound:
        return _EMPTY_IDS, _EMPTY_SCORES
    while not hasattr(m, "_read_data") and hasattr(m, "child"):  # FilterMatcher over deletions
        m = m.child
    if not hasattr(m, "_read_data"):  # inlined postings of a rare term: a short list
        ids, ws = [], []
        while m.is_active():
            ids.append(m.id())
            ws.append(m.weight())
            if values is not None:
                values.append(m.value())
            m.next()
        return np.array(ids, dtype=np.int64), np.array(ws, dtype=np.float64)
    id_parts, w_parts = [], []
    while m.is_active():
        m._read_data()
        raw_ids, raw_w = m._data[0], m._data[1]
        n = len(raw_ids)
        id_parts.append(np.cumsum(np.fromiter(raw_ids, dtype=np.int64, count=n)))
        if raw_w is None:
            w_parts.append(np.ones(n))
        elif isinstance(raw_w, float):
            w_parts.append(np.full(n, raw_w))
        else:  # fromiter: half the time of np.array on a tuple of floats
            w_parts.append(np.fromiter(raw_w, dtype=np.float64, count=len(raw_w)))
        if values is not None:
            m._read_values()
            values.extend(m._values)
        if m._lastblock:
            break
        m._next_block()
    if not id_parts:
        return _EMPTY_IDS, _EMPTY_SCORES
    return np.concatenate(id_parts), np.concatenate(w_parts)


class Engine:
    """Evaluates queries against one whoosh searcher; segment data cached by segment id."""

    def __init__(self, cache_bytes: int = CACHE_BYTES):
        self._segments: dict[str, SegmentData] = {}
        self._lock = threading.Lock()
        self.cache = DecodedCache(cache_bytes)

    def view(self, searcher) -> "View":
        leaves = []
        keep = {}
        reader = searcher.reader()
        pairs = reader.leaf_readers() if reader.doc_count_all() else []
        for r, offset in pairs:
            seg = r.segment() if hasattr(r, "segment") else None
            key = seg.segment_id() if seg is not None else None
            with self._lock:
                data = self._segments.get(key) if key else None
            if data is None or data.reader is not r:
                data = SegmentData(r, key, self.cache) if data is None else _rebind(data, r)
            if key:
                keep[key] = data
            leaves.append((data, offset))
        with self._lock:
            self._segments = keep
        return View(searcher, leaves)


def _rebind(data: SegmentData, reader) -> SegmentData:
    """The same segment opened by a newer searcher: keep the arrays, use the new reader."""
    data.reader = reader
    return data


class View:
    """One searcher's segments, with the global arrays the searches need."""

    def __init__(self, searcher, leaves: list[tuple[SegmentData, int]]):
        self.searcher = searcher
        self.leaves = leaves
        self.doc_count = sum(d.doc_count for d, _ in leaves)
        self._live = None
        self._codes: dict[str, tuple[np.ndarray, list[str]]] = {}
        self.vocab = None  # index.vocab.Vocabulary of the same searcher, for phrases

    # --- per-document arrays over the whole index --------------------------------
    def live(self) -> np.ndarray:
        """True for every document that is not deleted."""
        if self._live is None:
            parts = []
            for data, _ in self.leaves:
                d = data.deleted()
                parts.append(~d if d is not None else np.ones(data.doc_count, dtype=bool))
            self._live = np.concatenate(parts) if parts else np.zeros(0, dtype=bool)
        return self._live

    def codes(self, field: str) -> tuple[np.ndarray, list[str]]:
        """Each document's value of an ID field as an index into one value list (-1: none)."""
        cached = self._codes.get(field)
        if cached is None:
            values: list[str] = []
            index: dict[str, int] = {}
            parts = []
            for data, _ in self.leaves:
                codes, seg_values = data.codes(field)
                remap = np.array([index.setdefault(v, len(index)) for v in seg_values] + [-1], dtype=np.int32)
                parts.append(remap[codes])  # -1 indexes the appended -1
            values = list(index)
            cached = (np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32), values)
            self._codes[field] = cached
        return cached

    def allowed(self, filters: dict[str, str]) -> np.ndarray | None:
        """Mask of documents that pass every filter (None: no filter)."""
        mask = None
        for field, value in filters.items():
            codes, values = self.codes(field)
            try:
                m = codes == values.index(value)
            except ValueError:
                m = np.zeros(self.doc_count, dtype=bool)
            mask = m if mask is None else mask & m
        return mask

    def sort_keys(self) -> tuple[np.ndarray, np.ndarray]:
        """Each document's date (as a rank; -1 without date) and its position in its file."""
        if "_sort" not in self._codes:
            dates = np.concatenate([d.column("date", "") for d, _ in self.leaves]) if self.leaves \
                else np.zeros(0, dtype=object)
            seqs = np.concatenate([d.column("seq", 0) for d, _ in self.leaves]) if self.leaves \
                else np.zeros(0, dtype=object)
            values = sorted({v for v in dates if v})
            rank = {v: i for i, v in enumerate(values)}
            date_rank = np.array([rank.get(v, -1) if v else -1 for v in dates], dtype=np.int64)
            self._codes["_sort"] = (date_rank, np.array([int(s or 0) for s in seqs], dtype=np.int64))
        return self._codes["_sort"]

    def facet_counts(self, field: str, ids: np.ndarray | None) -> dict[str, int]:
        codes, values = self.codes(field)
        sel = codes if ids is None else codes[ids]
        if ids is None:
            sel = sel[self.live()]
        counts = np.bincount(sel[sel >= 0], minlength=len(values))
        return {values[i]: int(n) for i, n in enumerate(counts) if n}

    # --- evaluating a query -----------------------------------------------------------
    def evaluate(self, q: Q.Query, limit: int) -> Matches:
        return self._eval(q, limit)

    def _eval(self, q: Q.Query, limit: int) -> Matches:
        if isinstance(q, Q.Term):
            return self._term(q.fieldname, q.text, q.boost)
        if isinstance(q, Q.NullQuery.__class__) or q is Q.NullQuery:
            return Matches.empty()
        if isinstance(q, Q.Every):
            ids = np.flatnonzero(self.live()).astype(np.int64)
            return Matches(ids, np.zeros(len(ids)))
        if isinstance(q, Q.Phrase) and q.slop == 1 and q.fieldname in self.searcher.schema \
                and self.searcher.schema[q.fieldname].format.supports("positions"):
            return self._phrase(q.fieldname, q.words, q.boost)
        if isinstance(q, (Q.Prefix, Q.Wildcard)) and q.fieldname in self.searcher.schema:
            terms = list(q._btexts(self.searcher.reader()))
            return self._boosted(self._union([self._term(q.fieldname, t, 1.0) for t in terms]), q.boost)
        if isinstance(q, Q.DisjunctionMax):
            return self._boosted(self._union([self._eval(s, limit) for s in q.subqueries], reduce=np.maximum),
                                 q.boost)
        if isinstance(q, Q.Or) and not getattr(q, "minmatch", 0):
            return self._boosted(self._union([self._eval(s, limit) for s in q.subqueries]), q.boost)
        if isinstance(q, Q.And):
            pos = [s for s in q.subqueries if not isinstance(s, Q.Not)]
            neg = [s.query for s in q.subqueries if isinstance(s, Q.Not)]
            if pos:
                m = self._intersect([self._eval(s, limit) for s in pos])
                if neg:
                    m = self._minus(m, self._union([self._eval(s, limit) for s in neg]))
                return self._boosted(m, q.boost)
        if isinstance(q, Q.AndNot):
            return self._minus(self._eval(q.a, limit), self._eval(q.b, limit))
        if isinstance(q, Q.AndMaybe):
            return self._maybe(self._eval(q.a, limit), self._eval(q.b, limit))
        if isinstance(q, Q.Not):  # alone: everything but
            every = self._eval(Q.Every(), limit)
            return self._minus(every, self._eval(q.query, limit))
        return self._whoosh(q, limit)

    def _term(self, field: str, text, boost: float) -> Matches:
        s = self.searcher
        if not self.leaves or field not in s.schema or not s.schema[field].indexed:
            return Matches.empty()  # an empty index has no statistics (whoosh's idf fails on it)
        fieldobj = s.schema[field]
        btext = fieldobj.to_bytes(text) if not isinstance(text, bytes) else text
        ids_parts, score_parts = [], []
        scorable = fieldobj.scorable
        if scorable:
            if s.doc_count_all() <= 0:  # a reader caught between commits counts no documents: log(0)
                return Matches.empty()
            idf = s.idf(field, btext)
            avgfl = s.avg_field_length(field) or 1.0
        for data, offset in self.leaves:
            ids, w = data.postings(field, btext)
            if not len(ids):
                continue
            deleted = data.deleted()
            if deleted is not None:
                keep = ~deleted[ids]
                ids, w = ids[keep], w[keep]
            if scorable:
                fl = data.lengths(field)[ids]
                sc = idf * ((w * (K1 + 1)) / (w + K1 * ((1 - B) + B * fl / avgfl)))
            else:
                sc = w
            ids_parts.append(ids + offset)
            score_parts.append(sc * boost)
        if not ids_parts:
            return Matches.empty()
        return Matches(np.concatenate(ids_parts), np.concatenate(score_parts))

    def _phrase(self, field: str, words: list, boost: float) -> Matches:
        """Records with the words next to each other. The records with all the words come from
        the `words` field through the vocabulary (fast arrays, see Engine._term); then the
        positions of all of them are read from the `text` field and compared as arrays
        (_position_keys). Checking them record by record in Python cost ≈ 30 µs a record, so
        a phrase of two common words checked only its first 5,000 candidates and still took
        over 200 ms at 100,000 records; now every candidate is checked and the total is exact."""
        s = self.searcher
        fieldobj = s.schema[field]
        btexts = [fieldobj.to_bytes(w) for w in words]
        if not btexts:
            return Matches.empty()
        if self.vocab is not None and field == "text":
            per_word = [self._union([self._term("words", form, 1.0) for w in self.vocab.with_stem(stem)
                                     for form in w.forms]) for stem in words]
        else:
            per_word = [self._term(field, bt, 1.0) for bt in btexts]
        cand = self._intersect(per_word)
        if not len(cand):
            return Matches.empty()
        ids = cand.ids
        keep = np.zeros(len(ids), dtype=bool)
        for data, offset in self.leaves:
            lo, hi = np.searchsorted(ids, [offset, offset + data.doc_count])
            if lo == hi:
                continue
            local = ids[lo:hi] - offset
            # word k of the phrase at position p + k: shift each word's keys back by k and
            # keep what all words share
            starts = None
            for k, bt in enumerate(btexts):
                keys = data.position_keys(field, bt, local) - k
                starts = keys if starts is None else _sorted_common(starts, keys)
                if not len(starts):
                    break
            if len(starts):
                docs = starts >> _POS_BITS
                docs = docs[np.concatenate(([True], docs[1:] != docs[:-1]))]
                keep[lo:hi] = _sorted_common(local, docs, mask=True)
        return Matches(ids[keep], cand.scores[keep] * boost)

    @staticmethod
    def _boosted(m: Matches, boost: float) -> Matches:
        if boost != 1.0 and len(m):
            return Matches(m.ids, m.scores * boost, m.complete)
        return m

    @staticmethod
    def _union(parts: list[Matches], reduce=np.add) -> Matches:
        parts = [p for p in parts if len(p)]
        complete = all(p.complete for p in parts)
        if not parts:
            return Matches.empty()
        if len(parts) == 1:
            return parts[0]
        ids = np.concatenate([p.ids for p in parts])
        scores = np.concatenate([p.scores for p in parts])
        order = np.argsort(ids, kind="stable")
        ids, scores = ids[order], scores[order]
        first = np.flatnonzero(np.concatenate(([True], ids[1:] != ids[:-1])))
        return Matches(ids[first], reduce.reduceat(scores, first), complete)

    @staticmethod
    def _intersect(parts: list[Matches]) -> Matches:
        parts = sorted(parts, key=len)
        m = parts[0]
        for p in parts[1:]:
            if not len(m):
                break
            common, ia, ib = np.intersect1d(m.ids, p.ids, assume_unique=True, return_indices=True)
            m = Matches(common, m.scores[ia] + p.scores[ib], m.complete and p.complete)
        return m

    @staticmethod
    def _minus(a: Matches, b: Matches) -> Matches:
        if not len(a) or not len(b):
            return a
        keep = ~np.isin(a.ids, b.ids, assume_unique=True)
        return Matches(a.ids[keep], a.scores[keep], a.complete and b.complete)

    @staticmethod
    def _maybe(a: Matches, b: Matches) -> Matches:
        if not len(a) or not len(b):
            return a
        _, ia, ib = np.intersect1d(a.ids, b.ids, assume_unique=True, return_indices=True)
        scores = a.scores.copy()
        scores[ia] += b.scores[ib]
        return Matches(a.ids, scores, a.complete)

    def _whoosh(self, q: Q.Query, limit: int) -> Matches:
        """A query node this module does not evaluate itself: whoosh's matcher, collecting at
        most `limit` documents (in document order) and saying whether it stopped early."""
        ids, scores = [], []
        complete = True
        for sub, offset in self.searcher.leaf_searchers():
            m = q.matcher(sub, sub.context(weighting=self.searcher.weighting))
            while m.is_active():
                if len(ids) >= limit:
                    complete = False
                    break
                ids.append(m.id() + offset)
                scores.append(m.score())
                m.next()
            if not complete:
                break
        if not ids:
            return Matches(_EMPTY_IDS, _EMPTY_SCORES, complete)
        arr = np.array(ids, dtype=np.int64)
        live = self.live()
        keep = live[arr]
        return Matches(arr[keep], np.array(scores, dtype=np.float64)[keep], complete)


def top(m: Matches, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, Matches]:
    """The k best (docnums, scores) by score, ties by document order, and the matches that
    passed the filter mask."""
    if allowed is not None and len(m):
        keep = allowed[m.ids]
        m = Matches(m.ids[keep], m.scores[keep], m.complete)
    n = len(m)
    if n == 0:
        return _EMPTY_IDS, _EMPTY_SCORES, m
    if n > k:
        part = np.argpartition(-m.scores, k - 1)[:k]
    else:
        part = np.arange(n)
    order = part[np.lexsort((m.ids[part], -m.scores[part]))]
    return m.ids[order], m.scores[order], m
