"""Bulk writing of Whoosh segments: the same files as Whoosh writes, without its per-posting Python.

A bulk build spent two thirds of its time in Whoosh's handling of single postings: a Token
object per word through the analyzer chain, a 5-tuple per posting into a pool, one sort over
all tuples at commit, and an `add_posting` call with type asserts for each. Here a document's
text fields are analysed from a per-token memo (each distinct token string is analysed once
per build), postings are grouped per term as they are added, and at commit each term's
postings go to Whoosh's own posting writer block by block. The segment is written by
Whoosh's codec (W3: term table, posting blocks, per-document lengths, stored fields,
columns), so readers, index/engine.py and merges see a normal Whoosh index; the test
`test_bulk_writer_writes_what_whoosh_writes` compares both, posting by posting.

Only the analyzers of index/analysis.py are done here (matched by equality); any other
field goes through Whoosh's `field.index`, and a writer this does not know (the
multiprocessing writer) is left as it is.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable

from whoosh import formats
from whoosh.analysis import IDTokenizer
from whoosh.fields import ID
from whoosh.system import pack_uint
from whoosh.writing import SegmentWriter

from index.analysis import (GERMAN_STOPWORDS, TOKEN_PATTERN, GermanFilter, german_analyzer,
                            query_analyzer, words_analyzer)

_tokens = re.compile(TOKEN_PATTERN).findall
_MEMO_LIMIT = 1_000_000


class _Memo(dict):
    """token as written -> indexed term (bytes), or b"" for a stop word; filled on first sight."""

    def __init__(self, form: Callable[[str], str]):
        super().__init__()
        self._form = form

    def __missing__(self, raw: str) -> bytes:
        if len(self) > _MEMO_LIMIT:  # an archive full of OCR noise: bound the memory
            self.clear()
        term = self[raw] = self._form(raw).encode("utf-8")
        return term


def _german_form(stemming: bool) -> Callable[[str], str]:
    return GermanFilter(stemming=stemming)._form


def _words_form(raw: str) -> str:
    low = raw.lower()
    return "" if low in GERMAN_STOPWORDS else low


_KNOWN = ((german_analyzer(), lambda: _german_form(True)),
          (query_analyzer(), lambda: _german_form(False)),
          (words_analyzer(), lambda: _words_form))


_WHOLE_VALUE = _Memo(lambda raw: raw)  # ID fields: the value itself is the one term


def _analysis_for(field) -> _Memo | None:
    """The memo that gives this field's terms as its analyzer gives them, or None when the
    field is not a plain TEXT field with one of our analyzers (or an ID field)."""
    fmt = getattr(field, "format", None)
    if type(field) is ID and type(fmt) is formats.Existence and field.analyzer == IDTokenizer():
        return _WHOLE_VALUE
    if type(fmt) not in (formats.Positions, formats.Frequency) or field.vector \
            or field.separate_spelling():
        return None
    for analyzer, form in _KNOWN:
        if field.analyzer == analyzer:
            return _Memo(form())
    return None


class _Postings(dict):
    """term bytes -> [docnums, weights, values] of one field, in docnum order."""

    def __missing__(self, term: bytes) -> list:
        entry = self[term] = [array("I"), [], []]
        return entry


class BulkPool:
    """Takes the place of Whoosh's PostingPool in one SegmentWriter: postings grouped per
    field and term as they come (documents in docnum order; a merge's readers after them)."""

    def __init__(self):
        self.fields: dict[str, _Postings] = {}
        self.in_order = True

    def postings(self, fieldname: str) -> _Postings:
        got = self.fields.get(fieldname)
        if got is None:
            got = self.fields[fieldname] = _Postings()
        return got

    def add(self, item) -> None:
        """Whoosh's interface, used when a commit merges other segments into this one."""
        fieldname, btext, docnum, weight, vbytes = item
        ids, weights, values = self.postings(fieldname)[btext]
        if ids and docnum < ids[-1]:
            self.in_order = False
        ids.append(docnum)
        weights.append(weight)
        values.append(vbytes)

    def iter_postings(self):
        for fieldname in sorted(self.fields):
            terms = self.fields[fieldname]
            for btext in sorted(terms):
                ids, weights, values = terms[btext]
                for posting in zip(ids, weights, values):
                    yield (fieldname, btext) + posting

    def cleanup(self) -> None:
        self.fields = {}


class Analysis:
    """The memos of one bulk build, kept across its commits."""

    def __init__(self):
        self.memos: dict[str, _Memo | None] = {}
        self.weights: dict[float, float] = {}  # one float object per distinct weight
        self.freqs: dict[int, bytes] = {}
        self.single: dict[int, bytes] = {}  # position -> encoded one-position value


class BulkWriter:
    """add_document for one Whoosh SegmentWriter, and the commit of its postings."""

    def __init__(self, writer: SegmentWriter, analysis: Analysis | None = None):
        self.writer = writer
        self.pool = writer.pool = BulkPool()
        writer._flush_segment = self._flush_segment
        analysis = analysis or Analysis()
        self._memos, self._weights, self._freqs = analysis.memos, analysis.weights, analysis.freqs
        self._single = analysis.single

    def release(self) -> None:
        """Break the cycle writer -> _flush_segment -> self -> writer, so the postings are freed
        when the writer goes, not at some later garbage collection."""
        self.writer.__dict__.pop("_flush_segment", None)
        self.pool.cleanup()

    def _memo(self, fieldname: str, field) -> _Memo | None:
        if fieldname not in self._memos:
            self._memos[fieldname] = _analysis_for(field)
        return self._memos[fieldname]

    def add_document(self, **fields) -> None:
        """What SegmentWriter.add_document does, with the analysis and pooling above."""
        w = self.writer
        w._check_state()
        schema, pdw, docnum = w.schema, w.perdocwriter, w.docnum
        docboost = w._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        w._check_fields(schema, fieldnames)
        pdw.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    boost = w._field_boost(fields, fieldname, docboost)
                    length = self._index(fieldname, field, value, docnum, boost)
                if field.separate_spelling() or field.vector:
                    raise NotImplementedError(f"field {fieldname}: spelling/vectors not supported")
                stored = fields.get("_stored_%s" % fieldname, value)
                pdw.add_field(fieldname, field, stored if field.stored else None, length)
                if field.column_type and stored is not None:
                    pdw.add_column_value(fieldname, field.column_type, field.to_column_value(stored))
        except Exception:
            pdw.cancel_doc()
            raise
        pdw.finish_doc()
        w._added = True
        w.docnum += 1

    def _index(self, fieldname: str, field, value, docnum: int, boost: float) -> int:
        """Add the field's postings; returns the field length as Whoosh counts it."""
        postings = self.pool.postings(fieldname)
        memo = self._memo(fieldname, field) if isinstance(value, str) else None
        length = 0
        if memo is None:
            for btext, freq, weight, vbytes in field.index(value):
                if field.scorable:
                    length += freq
                ids, weights, values = postings[btext]
                ids.append(docnum)
                weights.append(weight * boost)
                values.append(vbytes)
            return length
        fmt = field.format
        fb = fmt.field_boost
        wcache = self._weights
        if memo is _WHOLE_VALUE:  # Existence: one term, frequency 1, no value, no length
            ids, weights, values = postings[value.encode("utf-8")]
            weight = fb * boost
            ids.append(docnum)
            weights.append(wcache.setdefault(weight, weight))
            values.append(b"")
            return 0
        terms = list(map(memo.__getitem__, _tokens(value)))
        if type(fmt) is formats.Frequency:
            fcache = self._freqs
            for btext, freq in Counter(filter(None, terms)).items():
                weight = float(freq) * fb * boost
                weight = wcache.setdefault(weight, weight)
                vbytes = fcache.get(freq)
                if vbytes is None:
                    vbytes = fcache[freq] = pack_uint(freq)
                ids, weights, values = postings[btext]
                ids.append(docnum)
                weights.append(weight)
                values.append(vbytes)
                length += freq
            return length
        # Positions: numbered as the analyzer numbers them (GermanFilter): the first kept
        # token keeps its place in the token stream, every further kept token is one more
        kept = list(filter(None, terms))
        if not kept:
            return 0
        first = 0
        while not terms[first]:
            first += 1
        poses: defaultdict[bytes, list[int]] = defaultdict(list)
        for pos, btext in enumerate(kept, first):
            poses[btext].append(pos)
        encode, single = fmt.encode, self._single
        for btext, plist in poses.items():
            freq = len(plist)
            if freq == 1:  # most words of a record: one position, the same bytes for every record
                vbytes = single.get(plist[0])
                if vbytes is None:
                    vbytes = single[plist[0]] = encode(plist)
            else:
                vbytes = encode(plist)
            weight = float(freq) * fb * boost
            weight = wcache.setdefault(weight, weight)
            ids, weights, values = postings[btext]
            ids.append(docnum)
            weights.append(weight)
            values.append(vbytes)
        return len(kept)

    # --- commit -----------------------------------------------------------------------------
    def _flush_segment(self) -> None:
        """SegmentWriter._flush_segment with the grouped postings written term by term."""
        w = self.writer
        w.perdocwriter.close()
        lengths = w.per_document_reader() if w.codec.length_stats else None
        try:
            write_postings(w.fieldwriter, w.schema, lengths, w.docnum, self.pool)
            w.fieldwriter.close()
        finally:
            if lengths:
                lengths.close()


def _field_lengths(lengths, fieldname: str, doccount: int) -> list[int]:
    if lengths is None:
        return [0] * doccount
    dfl = lengths.doc_field_length
    return [dfl(d, fieldname, 0) for d in range(doccount)]


def write_postings(fieldwriter, schema, lengths, doccount: int, pool: BulkPool) -> None:
    """Each term's postings through Whoosh's posting writer, a whole block at a time: the
    block buffers hold what `add_posting` would have put there posting by posting (ids,
    weights, non-empty values, min/max of the non-zero lengths, max weight), and Whoosh
    encodes and writes each block as before."""
    for fieldname in sorted(pool.fields):
        terms = pool.fields[fieldname]
        fieldwriter.start_field(fieldname, schema[fieldname])
        flen = _field_lengths(lengths, fieldname, doccount)
        for btext in sorted(terms):
            ids, weights, values = terms[btext]
            if not pool.in_order:
                order = sorted(range(len(ids)), key=ids.__getitem__)
                ids = array("I", (ids[i] for i in order))
                weights = [weights[i] for i in order]
                values = [values[i] for i in order]
            fieldwriter.start_term(btext)
            pw = fieldwriter._postwriter
            limit = pw._blocklimit
            n = len(ids)
            for start in range(0, n, limit):
                end = min(start + limit, n)
                bids = ids[start:end] if (start or end < n) else ids
                bweights = weights[start:end]
                lens = [x for x in map(flen.__getitem__, bids) if x]
                pw._ids = bids
                pw._weights = array("f", bweights)
                pw._values = [v for v in values[start:end] if v]
                pw._minlength = min(lens) if lens else None
                pw._maxlength = max(lens) if lens else 0
                top = max(bweights)
                pw._maxweight = top if top > 0 else 0
                if end < n:
                    pw._write_block()
            fieldwriter.finish_term()
        fieldwriter.finish_field()
    pool.cleanup()


def bulk_writer(writer, analysis: Analysis | None = None) -> BulkWriter | None:
    """A BulkWriter for Whoosh's single-process SegmentWriter; None for any other writer."""
    if type(writer) is not SegmentWriter or not hasattr(writer, "fieldwriter"):
        return None
    return BulkWriter(writer, analysis)
