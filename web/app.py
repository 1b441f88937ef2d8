"""App factory: one blueprint per area; errors become German pages or JSON, never tracebacks."""

from __future__ import annotations

import logging
from urllib.parse import unquote_to_bytes

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from index.search import SearchService
from ingest.journal import STATE_NAMES, Journal
from ratsarchiv.errors import BadRequest, RatsarchivError
from ratsarchiv.settings import Settings

log = logging.getLogger("ratsarchiv.web")

HTTP_MESSAGES = {
    400: "Die Anfrage ist ungültig.",
    404: "Diese Seite gibt es nicht.",
    405: "Diese Methode ist hier nicht erlaubt.",
    413: "Die Anfrage ist zu groß.",
    500: "Ein interner Fehler ist aufgetreten. Bitte später erneut versuchen.",
}

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def create_app(settings: Settings, pipeline=None) -> Flask:
    """pipeline: the Pipeline object of this process when it also watches (for retries)."""
    app = Flask(__name__)
    app.config["SETTINGS"] = settings
    app.config["MAX_CONTENT_LENGTH"] = 1 << 20
    app.json.ensure_ascii = False
    app.extensions["search"] = SearchService(settings.store.index_dir, count_threshold=settings.count_threshold,
                                             cache_mib=settings.search_cache_mib)
    app.extensions["journal"] = pipeline.journal if pipeline else Journal(settings.store.journal_path)
    app.extensions["pipeline"] = pipeline

    from web import anfragen, api, archive, export, feeds, files, merkliste, oparl, search
    app.register_blueprint(search.bp)
    app.register_blueprint(files.bp)
    app.register_blueprint(anfragen.bp)
    app.register_blueprint(archive.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(export.bp)
    app.register_blueprint(feeds.bp)
    app.register_blueprint(merkliste.bp)
    app.register_blueprint(oparl.bp)

    @app.before_request
    def reject_invalid_utf8():
        try:
            unquote_to_bytes(request.query_string.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            raise BadRequest("Die Anfrage enthält ungültige Zeichen (kein UTF-8).")

    @app.after_request
    def security_headers(resp):
        resp.headers.setdefault("Content-Security-Policy", CSP)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        resp.headers.setdefault("X-Frame-Options", "DENY")
        return resp

    def wants_json() -> bool:
        return request.path.startswith(("/api/", "/oparl/")) or request.path == "/healthz"

    def error_response(message: str, status: int):
        if request.path.startswith("/oparl/"):  # OParl's error object, plus the contract's "error"
            return jsonify({"type": "https://schema.oparl.org/1.1/Error", "message": message,
                            "error": message}), status
        if wants_json():
            return jsonify({"error": message}), status
        return render_template("error.html", message=message, status=status), status

    @app.errorhandler(RatsarchivError)
    def on_app_error(exc: RatsarchivError):
        status = exc.http_status if 400 <= exc.http_status < 600 else 500
        return error_response(exc.message, status)

    @app.errorhandler(HTTPException)
    def on_http_error(exc: HTTPException):
        return error_response(HTTP_MESSAGES.get(exc.code, exc.name), exc.code or 500)

    @app.errorhandler(Exception)
    def on_unexpected(exc: Exception):
        log.exception("unhandled error on %s", request.path)
        return error_response(HTTP_MESSAGES[500], 500)

    app.add_template_filter(anfragen.german_date, "de_date")

    @app.template_filter("de_number")
    def de_number(n: int | None) -> str:
        return f"{n or 0:,}".replace(",", ".")

    @app.template_filter("de_datetime")
    def de_datetime(epoch: float | None) -> str:
        if not epoch:
            return "–"
        import datetime as dt
        return dt.datetime.fromtimestamp(epoch).strftime("%d.%m.%Y, %H:%M")

    @app.context_processor
    def helpers():
        return {"state_names": STATE_NAMES, "kind_plural": KIND_PLURAL}

    return app


KIND_PLURAL = {"Anfrage": "Anfragen", "Antrag": "Anträge", "Vorlage": "Vorlagen",
               "Mitteilung": "Mitteilungen", "Sonstiges": "Sonstiges",
               "Seite": "Seiten", "Abschnitt": "Abschnitte"}
