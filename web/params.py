"""Checking what a request asks the search for: query-string arguments to SearchParams,
with a German message for each mistake (400)."""

from __future__ import annotations

from index.schema import FACET_FIELDS
from index.search import SORTS, SearchParams
from ratsarchiv.errors import BadRequest

MAX_PAGE = 10_000
MAX_PER_PAGE = 100


def search_params(args) -> SearchParams:
    """SearchParams from request arguments (q, page, per_page, sort and one per facet field)."""
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
    if sort not in SORTS:
        raise BadRequest("„sort“ muss relevance, date oder date_asc sein.")
    filters = {f: args.get(f) for f in FACET_FIELDS if args.get(f)}  # each facet is a filter
    return SearchParams(q=args.get("q", "") or "", page=as_int("page", 1, 1, MAX_PAGE),
                        per_page=as_int("per_page", 10, 1, MAX_PER_PAGE), sort=sort, filters=filters)
