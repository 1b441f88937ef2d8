"""The one adapter between the search service and the report features (feeds, exports,
Merkliste, OParl).

The SearchService's return types are about to change (dicts now, dataclasses later); the
feature modules only see the small dataclasses below, so such a change touches this module
and nothing else.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace

from flask import current_app

from index.search import SearchParams, permalink
from ratsarchiv.errors import NotFound

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


def params_from_args(args, **overrides) -> SearchParams:
    """The /api/search parameters, checked as the API checks them, with overrides (e.g. the
    export's row count, which is above what a page may ask for)."""
    params = SearchParams.from_args(args)
    return replace(params, **overrides) if overrides else params


def search(params: SearchParams, snippets: bool = False) -> Hits:
    """Run a search and return it as Rows."""
    out = current_app.extensions["search"].search(params, snippets=snippets)
    rows = [_row(r, [plain_text(s) for s in r.get("snippets") or []]) for r in out["results"]]
    return Hits(total=out["total"], total_relation=out.get("total_relation") or "eq", rows=rows)


def record(record_id: str) -> Row | None:
    """One record by id; None when there is none."""
    try:
        rec = current_app.extensions["search"].get(record_id)
    except NotFound:
        return None
    return _row({**rec, "url": permalink(rec["id"]),
                 "source": {"id": rec.get("source_id"), "filename": rec.get("source_filename")}}, [])


def facet_values(field_name: str) -> list[str]:
    """Every value a facet field has in the whole index (e.g. all factions)."""
    return list(current_app.extensions["search"].facets_all().get(field_name, {}))


def suggestions(prefix: str, limit: int = 8) -> list[str]:
    """Completions for a prefix, from the search service where it offers them."""
    suggest = getattr(current_app.extensions["search"], "suggest", None)
    if suggest is None or not prefix.strip():
        return []
    found = suggest(prefix)
    items = found.get("suggestions", []) if isinstance(found, dict) else found
    texts = [it["text"] if isinstance(it, dict) else getattr(it, "text", str(it)) for it in items]
    return texts[:limit]


def plain_text(snippet_html: str) -> str:
    """A snippet without its <mark> markup, as the text it shows."""
    return html.unescape(_TAG.sub("", snippet_html))


def _row(r: dict, snippets: list[str]) -> Row:
    source = r.get("source") or {}
    return Row(id=r["id"], url=r.get("url") or permalink(r["id"]), kind=r.get("kind"),
               number=r.get("number"), title=r.get("title"), faction=r.get("faction"),
               date=r.get("date"), status=r.get("status"), answered_by=r.get("answered_by"),
               pages=list(r.get("pages") or []), source_id=source.get("id"),
               source_filename=source.get("filename"), snippets=snippets)
