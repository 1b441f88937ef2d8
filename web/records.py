"""The one adapter between the search service and the report features (feeds, exports,
Merkliste, OParl).

The SearchService returns data (index.search.SearchResult, Hit); the feature modules only
see the small dataclasses below, so a change there touches this module and nothing else.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace

from flask import current_app

from index.search import Hit, SearchParams
from ratsarchiv.errors import NotFound
from web.params import search_params
from web.results import permalink

_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Row:
    """One record as the report features show it."""
    id: str
    url: str  # site-relative permalink
    kind: str | None = None
    number: str | None = None
    title: str | None = None
    faction: str | None = None
    date: str | None = None  # ISO session date
    status: str | None = None
    answered_by: str | None = None
    pages: list[int] = field(default_factory=list)
    source_id: str | None = None
    source_filename: str | None = None
    snippets: list[str] = field(default_factory=list)  # plain text, no markup


@dataclass(frozen=True)
class Hits:
    total: int
    total_relation: str  # "eq" or "gte"
    rows: list[Row]
    complete: bool = True  # False: the index stopped collecting, there are more hits than rows


def params_from_args(args, **overrides) -> SearchParams:
    """The /api/search parameters, checked as the API checks them, with overrides (e.g. the
    export's row count, which is above what a page may ask for)."""
    params = search_params(args)
    return replace(params, **overrides) if overrides else params


def search(params: SearchParams, snippets: bool = False) -> Hits:
    """Run a search and return it as Rows."""
    out = current_app.extensions["search"].search(params, snippets=snippets)
    rows = [_row(h, [plain_text(s) for s in h.snippets or []]) for h in out.hits]
    return Hits(total=out.total, total_relation=out.total_relation, rows=rows,
                complete=not out.facets_approximate)  # approximate facets: not all hits collected


def record(record_id: str) -> Row | None:
    """One record by id; None when there is none."""
    try:
        rec = current_app.extensions["search"].get(record_id)
    except NotFound:
        return None
    return _row(Hit.from_record(rec), [])


def facet_values(field_name: str) -> list[str]:
    """Every value a facet field has in the whole index (e.g. all factions)."""
    return list(current_app.extensions["search"].facets_all().get(field_name, {}))


def suggestions(prefix: str, limit: int = 8) -> list[str]:
    """Completions for a prefix, from the search service where it offers them."""
    if not prefix.strip():
        return []
    return [s.text for s in current_app.extensions["search"].suggest(prefix, limit)][:limit]


def plain_text(snippet_html: str) -> str:
    """A snippet without its <mark> markup, as the text it shows."""
    return html.unescape(_TAG.sub("", snippet_html))


def _row(h: Hit, snippets: list[str]) -> Row:
    return Row(id=h.id, url=permalink(h.id), kind=h.kind, number=h.number, title=h.title,
               faction=h.faction, date=h.date, status=h.status, answered_by=h.answered_by,
               pages=list(h.pages or []), source_id=h.source_id, source_filename=h.source_filename,
               snippets=snippets)
