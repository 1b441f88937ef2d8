"""The archivists' view: every file by state, what it yielded, and retrying quarantined ones."""

from __future__ import annotations

import logging
import threading
from urllib.parse import urlparse

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from ingest.journal import STATES
from ratsarchiv.errors import BadRequest, RatsarchivError

bp = Blueprint("archive", __name__)
log = logging.getLogger("ratsarchiv.web")


def document_dict(row) -> dict:
    """The contract's shape of one ingested file (also used by the JSON API)."""
    from web.results import permalink
    items = [{**it, "url": permalink(it["id"])} for it in (row.items or [])]
    return {
        "id": row.id, "filename": row.filename, "sha256": row.sha256, "state": row.state,
        "reason": row.reason, "pages": row.pages, "method": row.methods,
        "anfragen": [it for it in items if it.get("kind") == "Anfrage"], "items": items,
        "attempts": row.attempts, "created_at": row.created_at, "updated_at": row.updated_at,
    }


@bp.get("/archiv")
def index():
    journal = current_app.extensions["journal"]
    state = request.args.get("state") or None
    if state and state not in STATES:
        raise BadRequest("Unbekannter Status.")
    rows = [document_dict(r) for r in journal.all(state=state, limit=500)]
    return render_template("archive.html", rows=rows, counts=journal.counts(), state=state,
                           states=STATES, can_retry=current_app.extensions["pipeline"] is not None,
                           message=request.args.get("meldung"), cluster=_cluster())


def _cluster():
    """The OCR workers behind the broker, when this archive uses one (a short ping)."""
    settings = current_app.config["SETTINGS"]
    if not settings.broker:
        return None
    from ingest.broker import cluster_status
    return cluster_status(settings, ping_timeout=0.5)


def _same_origin() -> bool:
    origin = request.headers.get("Origin") or request.headers.get("Referer")
    if not origin:
        return True  # non-browser clients (curl) send neither
    return urlparse(origin).netloc == request.host


@bp.post("/archiv/<int:file_id>/erneut")
def retry(file_id: int):
    if not _same_origin():
        raise BadRequest("Die Anfrage kam nicht von dieser Seite.")
    pipeline = current_app.extensions["pipeline"]
    if pipeline is None:
        raise RatsarchivError("Erneut verarbeiten geht nur im laufenden Dienst (ratsarchiv run). "
                              f"Auf der Kommandozeile: ratsarchiv retry {file_id}")
    row = pipeline.journal.get(file_id)
    if row is None or row.state != "quarantined":
        raise BadRequest("Diese Datei ist nicht in der Quarantäne.")
    threading.Thread(target=_retry_quietly, args=(pipeline, file_id), daemon=True).start()
    return redirect(url_for("archive.index", meldung=f"„{row.filename}“ wird erneut verarbeitet."))


def _retry_quietly(pipeline, file_id: int) -> None:
    try:
        pipeline.retry(file_id)
    except Exception:  # runs outside the request: log, the journal keeps the file quarantined
        log.exception("retry of file %s failed", file_id)
