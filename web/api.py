"""The JSON API, shaped as in shared/interface.md."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from index.search import SearchParams
from ratsarchiv.errors import NotFound
from web.archive import document_dict
from web.files import SHA_RE

bp = Blueprint("api", __name__)


@bp.get("/api/search")
def search():
    params = SearchParams.from_args(request.args)
    return jsonify(current_app.extensions["search"].search(params))


@bp.get("/api/anfragen/<path:record_id>")
def anfrage(record_id: str):
    service = current_app.extensions["search"]
    rec = service.get(record_id)
    summary = service._summary(rec, None)
    summary.pop("score")
    return jsonify({**summary, "text": rec.get("text"), "questions": rec.get("questions") or [],
                    "chair": rec.get("chair"), "secretary": rec.get("secretary"),
                    "similar": service.similar(record_id)})


@bp.get("/api/documents")
def documents():
    journal = current_app.extensions["journal"]
    state = request.args.get("state") or None
    return jsonify({"counts": journal.counts(),
                    "documents": [document_dict(r) for r in journal.all(state=state, limit=1000)]})


@bp.get("/api/documents/<sha>")
def document(sha: str):
    if not SHA_RE.fullmatch(sha):
        raise NotFound("Unbekanntes Dokument.")
    row = current_app.extensions["journal"].primary(sha)
    if row is None:
        raise NotFound("Unbekanntes Dokument.")
    return jsonify(document_dict(row))


@bp.get("/healthz")
def healthz():
    try:
        count = current_app.extensions["search"].count()
    except Exception:
        return jsonify({"status": "error", "error": "Der Index kann nicht gelesen werden."}), 503
    return jsonify({"status": "ok", "records": count})
