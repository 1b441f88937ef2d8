"""Querying: search with filters, facets and snippets; completions; one record; similar records.

Web requests only ever open searchers; the one searcher is refreshed when a writer
has committed, which is cheap when nothing changed. Queries are evaluated over whole
posting lists (index/engine.py), word parts and near misses looked up in the vocabulary
(index/vocab.py); both keep what they read per segment, so a commit costs little.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from whoosh import query as Q

from index import highlight
from index.analysis import fold, normalize, stem
from index.engine import Engine, Matches, top
from index.highlight import LONG_WORD
from index.query import build_query, highlight_terms, is_plain, number_keys, number_texts
from index.schema import FACET_FIELDS
from index.vocab import VocabularyCache
from index.writer import loose_number_key, number_key, open_index
from ratsarchiv.model import find_faction
from ratsarchiv.errors import NotFound

EXACT_ENOUGH = 50  # exact-word hits from which word parts and near misses are not searched


SORTS = ("relevance", "date", "date_asc")


@dataclass
class SearchParams:
    q: str = ""
    page: int = 1
    per_page: int = 10
    sort: str = "relevance"  # or "date", "date_asc"
    filters: dict[str, str] = field(default_factory=dict)


@dataclass
class Hit:
    """One record found: its summary fields, score and (when asked for) snippets as HTML."""
    id: str
    kind: str | None = None
    number: str | None = None
    title: str | None = None
    faction: str | None = None
    date: str | None = None
    status: str | None = None
    answered_by: str | None = None
    pages: list[int] = field(default_factory=list)
    source_id: str | None = None
    source_filename: str | None = None
    score: float | None = None
    snippets: list[str] | None = None  # escaped text, <mark> the only markup

    @classmethod
    def from_record(cls, rec: dict, score: float | None = None) -> "Hit":
        return cls(id=rec["id"], kind=rec.get("kind"), number=rec.get("number"), title=rec.get("title"),
                   faction=rec.get("faction"), date=rec.get("date"), status=rec.get("status"),
                   answered_by=rec.get("answered_by"), pages=rec.get("pages") or [],
                   source_id=rec.get("source_id"), source_filename=rec.get("source_filename"), score=score)


@dataclass
class SearchResult:
    params: SearchParams
    total: int  # exact up to the service's count_threshold, else a lower bound
    total_relation: str  # "eq" or "gte", as Elasticsearch's hits.total.relation
    hits: list[Hit]
    facets: dict[str, dict[str, int]]  # field -> value -> hits, most first
    facets_approximate: bool = False  # counted over the collected hits only
    suggestion: str | None = None  # the query with a close, more frequent word („Meinten Sie“)
    any_word: bool = False  # no record has all words: these have some of them


@dataclass(frozen=True)
class Suggestion:
    text: str
    kind: str  # "word" or "title"
    record_id: str | None = None  # for a title: the record it belongs to


def _locked(method):
    """Serialise use of the shared searcher; if a commit removed a segment file the searcher
    had not opened yet (whoosh opens some files lazily), reopen once and try again."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            try:
                return method(self, *args, **kwargs)
            except (OSError, KeyError, ValueError):
                self._searcher, self._view, self._vocab = None, None, None
                return method(self, *args, **kwargs)
    return wrapper


COUNT_THRESHOLD = 10_000
SUGGEST_LIMIT = 8
SUGGEST_TITLES = 3
CORRECTION_FACTOR = 5  # a close word must be in this many times more records than the typed one (or it is in none)


@dataclass
class _Found:
    matches: Matches
    fallback: bool = False


class SearchService:
    """Searches one index; safe to share between threads (one lock around the searcher).

    count_threshold: totals are exact up to this many hits; above it the total is given as
    "at least" (total_relation "gte"), as Elasticsearch does. cache_mib: memory for the
    decoded postings of frequent terms kept between searches (index/engine.DecodedCache)."""

    def __init__(self, index_dir: Path, count_threshold: int = COUNT_THRESHOLD, cache_mib: int = 256):
        self.ix = open_index(index_dir)
        self.count_threshold = max(1, int(count_threshold))
        self._searcher = None
        self._view = None
        self._vocab = None
        self._engine = Engine(max(0, int(cache_mib)) * 1024 * 1024)
        self._vocabs = VocabularyCache()
        self._lock = threading.RLock()

    def searcher(self):
        """The shared searcher, reopened when a writer has committed since.

        Not Searcher.refresh(): whoosh 2.7 fails to refresh a searcher opened on an
        empty index. Callers hold self._lock while they use the searcher: whoosh
        searchers are not meant to be shared between threads, and with the GIL a
        lock costs no real parallelism here.
        """
        if self._searcher is None or not self._searcher.up_to_date():
            self._searcher = self.ix.searcher()
            self._view = self._vocab = None
        return self._searcher

    def _current(self):
        s = self.searcher()
        if self._view is None:
            self._view = self._engine.view(s)
            self._vocab = self._view.vocab = self._vocabs.for_searcher(s)
        return s, self._view, self._vocab

    @_locked
    def count(self) -> int:
        return self.searcher().doc_count()

    # --- search ---------------------------------------------------------------------
    @_locked
    def search(self, params: SearchParams, snippets: bool = True) -> SearchResult:
        s, view, vocab = self._current()
        allowed = view.allowed(self._canonical_filters(params.filters))
        if not params.q.strip():
            if allowed is None:
                return self.empty(params)
            return self._response(params, s, view, _Found(view.evaluate(Q.Every(), self.count_threshold)),
                                  allowed, snippets)
        found = self._find(params.q, view, vocab, allowed)
        suggestion = None
        if found.exact_count < EXACT_ENOUGH and is_plain(params.q):
            suggestion = self._correction(params.q, s, vocab)
        return self._response(params, s, view, found.found, allowed, snippets, suggestion)

    def _find(self, q: str, view, vocab, allowed):
        """The passes of one search: exact words first; when they find little, word parts and
        near misses; when nothing, any of the words; then two edits for long words."""
        limit = self.count_threshold
        schema = view.searcher.schema  # not self.ix.schema: that reads the table of contents each time

        def run(query) -> Matches:
            m = view.evaluate(query, limit)
            if allowed is not None and len(m):
                keep = allowed[m.ids]
                m = Matches(m.ids[keep], m.scores[keep], m.complete)
            return m

        exact = build_query(schema, q, expand=False, vocab=vocab)
        m = run(exact)
        exact_count = len(m)
        fallback = False
        if len(m) < EXACT_ENOUGH:
            expanded = build_query(schema, q, vocab=vocab)
            if expanded != exact:  # a phrase alone has nothing to expand
                m = run(expanded)
        if not len(m) and is_plain(q) and len(q.split()) > 1:
            m = run(build_query(schema, q, any_match=True, vocab=vocab))
            fallback = bool(len(m))
        if not len(m) and any(len(w) >= LONG_WORD for w in q.split()):
            two_edits = build_query(schema, q, long_edits=2, vocab=vocab)
            if two_edits != exact:
                m = run(two_edits)
        return _Passes(_Found(m, fallback), exact_count)

    def _correction(self, q: str, s, vocab) -> str | None:
        """„Meinten Sie …?“: the query with each rare word replaced by a close word of the
        index that is in many more records (None when there is none)."""
        out = q
        for word in dict.fromkeys(re.findall(r"[^\W\d_]{5,}", q)):
            folded = fold(word)
            have = s.doc_frequency("text", stem(folded))
            maxdist = 2 if len(folded) >= LONG_WORD else 1
            near = vocab.near(folded, maxdist, 5)
            if not near:
                continue
            best, _ = max(near, key=lambda wd: (wd[0].df, -wd[1]))
            if best.df > have and best.df >= CORRECTION_FACTOR * have:
                out = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", _like(word, best.text), out)
        return out if out != q else None

    def _response(self, params: SearchParams, s, view, found: _Found, allowed, snippets: bool,
                  suggestion: str | None = None) -> SearchResult:
        m = found.matches
        k = params.page * params.per_page
        if params.sort == "relevance":
            ids, scores, _ = top(m, k)
        else:
            date_rank, seq = view.sort_keys()
            dr = date_rank[m.ids]
            order = np.lexsort((seq[m.ids], -dr if params.sort == "date" else dr))[:k]
            ids, scores = m.ids[order], None
        first = (params.page - 1) * params.per_page
        page_ids = ids[first:first + params.per_page]
        terms = highlight_terms(params.q)
        asked_numbers = number_keys(params.q) | {loose_number_key(n) for n in number_texts(params.q)}
        hits = []
        for i, docnum in enumerate(page_ids, start=first):
            rec = json.loads(s.stored_fields(int(docnum))["data"])
            hit = Hit.from_record(rec, float(scores[i]) if scores is not None else None)
            if snippets:
                rec_terms = terms
                if asked_numbers and rec.get("number") and \
                        {number_key(rec["number"]), loose_number_key(rec["number"])} & asked_numbers:
                    rec_terms = replace(terms, memo={}, stems=terms.stems | {normalize(rec["number"])}
                                        | {normalize(t) for t in re.findall(r"\w+", rec["number"])})
                hit.snippets = highlight.snippets(rec.get("text") or "", rec_terms)[:3 if params.q.strip() else 1]
            hits.append(hit)
        n = len(m)
        over = n > self.count_threshold or not m.complete
        return SearchResult(params=params, total=min(n, self.count_threshold),
                            total_relation="gte" if over else "eq", hits=hits,
                            facets=self._facet_counts(view, m.ids), facets_approximate=not m.complete,
                            suggestion=suggestion, any_word=found.fallback)

    @staticmethod
    def _facet_counts(view, ids) -> dict:
        out = {}
        for f in FACET_FIELDS:
            counts = view.facet_counts(f, ids)
            out[f] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        return out

    @staticmethod
    def _canonical_filters(filters: dict[str, str]) -> dict[str, str]:
        return {f: (find_faction(v) or v) if f == "faction" else v for f, v in filters.items()}

    def empty(self, params: SearchParams) -> SearchResult:
        """No query and no filter (or a query that could not be read): nothing found, and the
        facets of the whole index to browse by."""
        return SearchResult(params=params, total=0, total_relation="eq", hits=[], facets=self.facets_all())

    @_locked
    def facets_all(self) -> dict:
        _, view, _ = self._current()
        return self._facet_counts(view, None)

    # --- completions --------------------------------------------------------------------
    @_locked
    def suggest(self, prefix: str, limit: int = SUGGEST_LIMIT) -> list[Suggestion]:
        """Completions for what is typed in the search box: words of the index that start
        with the last word typed (most frequent first), then titles that hold them."""
        prefix = (prefix or "")[:200]
        m = re.search(r"([^\W\d_]{2,})$", prefix)
        if not m:
            return []
        head, typed = prefix[:m.start()], m.group(1)
        s, view, vocab = self._current()
        words = vocab.completions(fold(typed), limit)
        out = [Suggestion(head + _like(typed, w.text), "word")
               for w in words[:limit - SUGGEST_TITLES if len(typed) >= 3 else limit]]
        if len(typed) >= 3 and words:
            q = Q.Or([Q.Term("title", stem(w.folded)) for w in words[:3]])
            ids, _, _ = top(view.evaluate(q, self.count_threshold), 20)
            seen = set()
            for docnum in ids:
                rec = json.loads(s.stored_fields(int(docnum))["data"])
                title = (rec.get("title") or "").strip()
                if title and title.lower() not in seen:
                    seen.add(title.lower())
                    out.append(Suggestion(title, "title", rec["id"]))
                if len(out) >= limit or len(seen) >= SUGGEST_TITLES:
                    break
        return out[:limit]

    # --- one record -----------------------------------------------------------------
    @_locked
    def get(self, record_id: str) -> dict:
        doc = self.searcher().document(id=record_id)
        if doc is None:
            raise NotFound(f"Es gibt keinen Eintrag mit der Kennung „{record_id}“.")
        return json.loads(doc["data"])

    @_locked
    def similar(self, record_id: str, top: int = 5) -> list[Hit]:
        s = self.searcher()
        docnum = s.document_number(id=record_id)
        if docnum is None:
            return []
        text = json.loads(s.stored_fields(docnum)["data"]).get("text") or ""
        hits = s.more_like(docnum, "text", text=text, top=top, numterms=25,
                           filter=Q.Term("kind", "Anfrage"))
        return [Hit.from_record(json.loads(h["data"]), h.score) for h in hits]


@dataclass
class _Passes:
    found: _Found
    exact_count: int


def _like(typed: str, word: str) -> str:
    """`word` capitalised as the user typed: „Radv“ → „Radverkehr“, „radv“ → „radverkehr“."""
    return word[:1].upper() + word[1:] if typed[:1].isupper() else word
