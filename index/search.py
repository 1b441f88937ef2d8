"""Querying: search with filters, facets and snippets; one record; similar records.

Web requests only ever open searchers; the one searcher is refreshed when a writer
has committed, which is cheap when nothing changed.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote

from whoosh import query as Q, sorting

from index import highlight
from index.analysis import normalize
from index.highlight import LONG_WORD
from index.query import build_query, highlight_terms, is_plain, number_keys, number_texts
from index.schema import FACET_FIELDS
from index.writer import loose_number_key, number_key, open_index
from ratsarchiv.model import find_faction
from ratsarchiv.errors import BadRequest, NotFound

EXACT_ENOUGH = 50  # exact-word hits from which word parts and near misses are not searched


@dataclass
class SearchParams:
    q: str = ""
    page: int = 1
    per_page: int = 10
    sort: str = "relevance"  # or "date", "date_asc"
    filters: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_args(cls, args) -> "SearchParams":
        def as_int(name, default, lo, hi):
            raw = args.get(name)
            if raw in (None, ""):
                return default
            try:
                value = int(raw)
            except (TypeError, ValueError):
                raise BadRequest(f"„{name}“ muss eine ganze Zahl sein.")
            if not lo <= value <= hi:
                raise BadRequest(f"„{name}“ muss zwischen {lo} und {hi} liegen.")
            return value
        sort = args.get("sort") or "relevance"
        if sort not in ("relevance", "date", "date_asc"):
            raise BadRequest("„sort“ muss relevance, date oder date_asc sein.")
        filters = {f: args.get(f) for f in FACET_FIELDS if args.get(f)}  # each facet is a filter
        return cls(q=args.get("q", "") or "", page=as_int("page", 1, 1, 10_000),
                   per_page=as_int("per_page", 10, 1, 100), sort=sort, filters=filters)


def _locked(method):
    """Serialise use of the shared searcher; if a commit removed a segment file the searcher
    had not opened yet (whoosh opens some files lazily), reopen once and try again."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            try:
                return method(self, *args, **kwargs)
            except (OSError, KeyError, ValueError):
                self._searcher, self._sets_for = None, None
                return method(self, *args, **kwargs)
    return wrapper


def permalink(record_id: str) -> str:
    return "/anfragen/" + quote(record_id, safe="/")


class SearchService:
    def __init__(self, index_dir: Path):
        self.ix = open_index(index_dir)
        self._searcher = None
        self._lock = threading.RLock()
        self._sets: dict[str, dict[str, frozenset]] = {}
        self._sets_for = None

    def searcher(self):
        """The shared searcher, reopened when a writer has committed since.

        Not Searcher.refresh(): whoosh 2.7 fails to refresh a searcher opened on an
        empty index. Callers hold self._lock while they use the searcher: whoosh
        searchers are not meant to be shared between threads, and with the GIL a
        lock costs no real parallelism here.
        """
        if self._searcher is None or not self._searcher.up_to_date():
            self._searcher = self.ix.searcher()
        return self._searcher

    @_locked
    def count(self) -> int:
        return self.searcher().doc_count()

    # --- search ---------------------------------------------------------------------
    @_locked
    def search(self, params: SearchParams, snippets: bool = True) -> dict:
        s = self.searcher()
        allowed = self._allowed(s, params.filters)
        if not params.q.strip():
            if allowed is None:
                return self._empty(params)
            results, docs = self._run(s, Q.Every(), allowed, params)
            return self._response(params, results, docs, snippets)
        fallback = False
        # exact words first: scoring every word part and near miss over a large result set is
        # what makes Whoosh slow; when the exact words already find plenty, that is the answer
        results, docs = self._run(s, build_query(self.ix.schema, params.q, expand=False), allowed, params)
        if len(docs) < EXACT_ENOUGH:
            results, docs = self._run(s, build_query(self.ix.schema, params.q), allowed, params)
        if not docs and is_plain(params.q) and len(params.q.split()) > 1:
            results, docs = self._run(s, build_query(self.ix.schema, params.q, any_match=True), allowed, params)
            fallback = bool(docs)
        if not docs and any(len(w) >= LONG_WORD for w in params.q.split()):
            results, docs = self._run(s, build_query(self.ix.schema, params.q, long_edits=2), allowed, params)
        return self._response(params, results, docs, snippets, fallback)

    def _response(self, params: SearchParams, results, docs: set[int], snippets: bool,
                  fallback: bool = False) -> dict:
        terms = highlight_terms(params.q)
        asked_numbers = number_keys(params.q) | {loose_number_key(n) for n in number_texts(params.q)}
        out = []
        for hit in results:
            rec = json.loads(hit["data"])
            # sorted by date, whoosh puts the sort key where the score would be
            score = hit.score if params.sort == "relevance" and isinstance(hit.score, (int, float)) else None
            item = self._summary(rec, score)
            if snippets:
                rec_terms = terms
                if rec.get("number") and {number_key(rec["number"]), loose_number_key(rec["number"])} & asked_numbers:
                    rec_terms = replace(terms, stems=terms.stems | {normalize(rec["number"])}
                                        | {normalize(t) for t in re.findall(r"\w+", rec["number"])})
                item["snippets"] = highlight.snippets(rec.get("text") or "", rec_terms)[
                    :3 if params.q.strip() else 1]
            out.append(item)
        return {
            "query": params.q, "total": len(docs), "page": params.page, "per_page": params.per_page,
            "sort": params.sort, "filters": params.filters,
            "fallback": "any" if fallback else None,
            "notice": ("Keine Anfrage enthält alle Suchwörter; gezeigt werden Treffer mit einigen davon."
                       if fallback else None),
            "results": out, "facets": self._facet_counts(self.searcher(), docs),
        }

    def _run(self, s, query, allowed: frozenset | None, params: SearchParams):
        """The requested page of hits, and the set of all matching documents (for the total
        and the facet counts), in one pass over the postings."""
        if isinstance(query, Q.Every):
            query = Q.Every()
        kwargs = {"filter": set(allowed) if allowed is not None else None,  # whoosh takes a set, not a frozenset
                  "terms": False, "optimize": False}  # no skipping: all docs counted
        if params.sort != "relevance":
            kwargs["sortedby"] = [sorting.FieldFacet("date", reverse=params.sort == "date"),
                                  sorting.FieldFacet("seq")]
        results = s.search(query, limit=params.page * params.per_page, **kwargs)
        docs = results.docs()
        first = (params.page - 1) * params.per_page
        return results[first:first + params.per_page], docs

    def _value_sets(self, s) -> dict[str, dict[str, frozenset]]:
        """For each facet field, the documents of each value; built once per searcher, so
        counting a facet is a set intersection, not a Python loop over every hit."""
        if self._sets_for is not s:
            reader = s.reader()
            live = frozenset(reader.all_doc_ids())
            sets: dict[str, dict[str, frozenset]] = {}
            for f in FACET_FIELDS:
                values = {}
                for v in reader.lexicon(f):
                    ids = frozenset(reader.postings(f, v).all_ids()) & live
                    if ids:
                        values[v.decode() if isinstance(v, bytes) else v] = ids
                sets[f] = values
            self._sets, self._sets_for = sets, s
        return self._sets

    def _facet_counts(self, s, docs) -> dict:
        out = {}
        for f, values in self._value_sets(s).items():
            counts = ((v, len(ids) if docs is None else len(ids & docs)) for v, ids in values.items())
            out[f] = dict(sorted(((v, n) for v, n in counts if n), key=lambda kv: (-kv[1], kv[0])))
        return out

    def _allowed(self, s, filters: dict[str, str]) -> frozenset | None:
        """Documents that pass the filters (None: no filter)."""
        allowed = None
        sets = self._value_sets(s)
        for f, value in filters.items():
            if f == "faction":
                value = find_faction(value) or value
            ids = sets.get(f, {}).get(value, frozenset())
            allowed = ids if allowed is None else allowed & ids
        return allowed

    def _empty(self, params: SearchParams) -> dict:
        return {"query": params.q, "total": 0, "page": params.page, "per_page": params.per_page,
                "sort": params.sort, "filters": params.filters, "fallback": None, "notice": None,
                "results": [], "facets": self.facets_all()}

    @_locked
    def facets_all(self) -> dict:
        return self._facet_counts(self.searcher(), None)

    # --- one record -----------------------------------------------------------------
    @_locked
    def get(self, record_id: str) -> dict:
        doc = self.searcher().document(id=record_id)
        if doc is None:
            raise NotFound(f"Es gibt keinen Eintrag mit der Kennung „{record_id}“.")
        return json.loads(doc["data"])

    @_locked
    def similar(self, record_id: str, top: int = 5) -> list[dict]:
        s = self.searcher()
        docnum = s.document_number(id=record_id)
        if docnum is None:
            return []
        hits = s.more_like(docnum, "text", top=top, numterms=25, filter=Q.Term("kind", "Anfrage"))
        return [self._summary(json.loads(h["data"]), h.score) for h in hits]

    @staticmethod
    def _summary(rec: dict, score) -> dict:
        return {
            "id": rec["id"], "url": permalink(rec["id"]), "kind": rec.get("kind"),
            "number": rec.get("number"), "title": rec.get("title"), "faction": rec.get("faction"),
            "date": rec.get("date"), "status": rec.get("status"), "answered_by": rec.get("answered_by"),
            "pages": rec.get("pages") or [],
            "source": {"id": rec.get("source_id"), "filename": rec.get("source_filename")},
            "score": round(score, 3) if score is not None else None,
        }
