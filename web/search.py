"""The search page: query, filters with counts, sort, pagination."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request, url_for

from index.schema import FACET_FIELDS
from ratsarchiv.errors import QuerySyntaxError
from web.params import search_params
from web.results import search_json

bp = Blueprint("search", __name__)

FACET_LABELS = {"kind": "Art", "faction": "Fraktion", "year": "Jahr", "status": "Ergebnis",
                "answered_by": "Beantwortet von"}


@bp.get("/")
def index():
    params = search_params(request.args)
    service = current_app.extensions["search"]
    error = None
    status = 200
    try:
        result = search_json(service.search(params))
    except QuerySyntaxError as exc:
        error, status = exc.message, 400
        result = search_json(service.empty(params))

    def link(**changes):
        args = {"q": params.q, "sort": params.sort if params.sort != "relevance" else None,
                **params.filters, "page": None}
        args.update(changes)
        return url_for("search.index", **{k: v for k, v in args.items() if v not in (None, "")})

    pages = max(1, -(-result["total"] // params.per_page))
    return render_template("search.html", params=params, result=result, error=error, link=link,
                           facet_labels=FACET_LABELS, filter_fields=FACET_FIELDS, pages=pages,
                           doc_count=service.count(), count_threshold=service.count_threshold), status
