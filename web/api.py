"""The JSON API, shaped as in shared/interface.md."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from ratsarchiv.errors import BadRequest, NotFound
from web.anfragen import load_extraction
from web.archive import document_dict
from web.files import SHA_RE
from web.params import search_params
from web.results import hit_json, record_json, search_json, suggestion_json

bp = Blueprint("api", __name__)


@bp.get("/api/search")
def search():
    params = search_params(request.args)
    return jsonify(search_json(current_app.extensions["search"].search(params)))


@bp.get("/api/suggest")
def suggest():
    """Completions for the search box as the user types (words, then titles)."""
    q = request.args.get("q", "") or ""
    if len(q) > 200:
        raise BadRequest("„q“ ist zu lang (höchstens 200 Zeichen).")
    found = current_app.extensions["search"].suggest(q)
    return jsonify({"query": q, "suggestions": [suggestion_json(s) for s in found]})


@bp.get("/api/anfragen/<path:record_id>")
def anfrage(record_id: str):
    service = current_app.extensions["search"]
    rec = service.get(record_id)
    return jsonify({**record_json(rec), "text": rec.get("text"), "questions": rec.get("questions") or [],
                    "chair": rec.get("chair"), "secretary": rec.get("secretary"),
                    "similar": [hit_json(h) for h in service.similar(record_id)]})


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
    ex = load_extraction(current_app.config["SETTINGS"].store, sha)
    # per page: what the OCR applied and its confidence (null for text-layer pages)
    ocr = [ocr_detail(p) for p in ex.pages] if ex is not None else []
    return jsonify({**document_dict(row), "ocr": ocr})


@bp.get("/api/documents/<sha>/pages")
def document_pages(sha: str):
    """The plain text of every page, so staff and tools can read and copy a whole file."""
    if not SHA_RE.fullmatch(sha) or current_app.extensions["journal"].primary(sha) is None:
        raise NotFound("Unbekanntes Dokument.")
    ex = load_extraction(current_app.config["SETTINGS"].store, sha)
    if ex is None:
        raise NotFound("Für dieses Dokument gibt es (noch) keinen erkannten Text.")
    return jsonify({"sha256": sha, "pages": [
        {"number": p.number, "method": p.method, "text": p.text, "ocr": ocr_detail(p)} for p in ex.pages]})


def ocr_detail(page) -> dict | None:
    """What the OCR applied to a page and its mean word confidence; null for text layers.
    Pages read before this was recorded give their confidence and `preprocessing: null`."""
    if page.method != "ocr":
        return None
    if page.ocr:
        return page.ocr
    conf = page.confidence
    return {"confidence": None if conf is None else round(conf, 1), "preprocessing": None}


@bp.get("/healthz")
def healthz():
    try:
        count = current_app.extensions["search"].count()
    except Exception:
        return jsonify({"status": "error", "error": "Der Index kann nicht gelesen werden."}), 503
    return jsonify({"status": "ok", "records": count})
