"""Search results as users and scripts see them: permalinks, the JSON of /api/search
(shared/interface.md) and the German notices. The search service returns data
(index.search.SearchResult); this module is the one place that shapes it."""

from __future__ import annotations

from urllib.parse import quote

from index.search import Hit, SearchResult, Suggestion

NOTICE_ANY_WORD = "Keine Anfrage enthält alle Suchwörter; gezeigt werden Treffer mit einigen davon."


def permalink(record_id: str) -> str:
    """The stable link of a record: its Drucksachen-number where it has one."""
    return "/anfragen/" + quote(record_id, safe="/")


def hit_json(hit: Hit) -> dict:
    out = {
        "id": hit.id, "url": permalink(hit.id), "kind": hit.kind, "number": hit.number,
        "title": hit.title, "faction": hit.faction, "date": hit.date, "status": hit.status,
        "answered_by": hit.answered_by, "pages": hit.pages,
        "source": {"id": hit.source_id, "filename": hit.source_filename},
        "score": round(hit.score, 3) if hit.score is not None else None,
    }
    if hit.snippets is not None:
        out["snippets"] = hit.snippets
    return out


def record_json(rec: dict) -> dict:
    """The summary fields of a stored record (as in a search result, without score)."""
    out = hit_json(Hit.from_record(rec))
    out.pop("score")
    return out


def search_json(res: SearchResult) -> dict:
    p = res.params
    return {
        "query": p.q, "total": res.total, "total_relation": res.total_relation,
        "page": p.page, "per_page": p.per_page, "sort": p.sort, "filters": p.filters,
        "fallback": "any" if res.any_word else None,
        "notice": NOTICE_ANY_WORD if res.any_word else None,
        "suggestion": res.suggestion,
        "results": [hit_json(h) for h in res.hits],
        "facets": res.facets, "facets_approximate": res.facets_approximate,
    }


def suggestion_json(s: Suggestion) -> dict:
    return {"text": s.text, "kind": s.kind, "url": permalink(s.record_id) if s.record_id else None}
