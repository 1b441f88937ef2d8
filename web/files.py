"""Serving originals: only by SHA-256 looked up in the journal, never by a path from the URL."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Blueprint, current_app, send_file

from ratsarchiv.errors import NotFound

SHA_RE = re.compile(r"[0-9a-f]{64}")

bp = Blueprint("files", __name__)

MIMETYPES = {".pdf": "application/pdf", ".tif": "image/tiff", ".tiff": "image/tiff",
             ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def original_path(sha: str) -> Path:
    if not SHA_RE.fullmatch(sha or ""):
        raise NotFound("Unbekanntes Dokument.")
    row = current_app.extensions["journal"].primary(sha)
    path = current_app.config["SETTINGS"].store.original(row.stored_path) \
        if row is not None and row.state == "indexed" else None
    if path is None:
        raise NotFound("Das Original zu diesem Dokument ist nicht (mehr) im Archiv.")
    return path


@bp.get("/dokumente/<sha>/original")
def original(sha: str):
    path = original_path(sha)
    row = current_app.extensions["journal"].primary(sha)
    # the content hash as ETag: werkzeug would build one from the path's text, which fails
    # for an original kept under its legacy 8-bit name (ingest/files.stored_name)
    return send_file(path, mimetype=MIMETYPES.get(path.suffix.lower(), "application/octet-stream"),
                     download_name=row.filename, as_attachment=path.suffix.lower() != ".pdf",
                     etag=sha)
