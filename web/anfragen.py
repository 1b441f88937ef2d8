"""The permalink page of one record, with its scan and the hit words marked on it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from flask import Blueprint, current_app, render_template, request, send_file

from index.highlight import mark_all, word_matches
from index.analysis import fold, stem
from index.query import check_query_text, highlight_terms
from ratsarchiv import pdf
from ratsarchiv.errors import NotFound, QuerySyntaxError
from ratsarchiv.model import Extraction
from ratsarchiv.store import Store
from web.files import SHA_RE
from web.results import hit_json

bp = Blueprint("anfragen", __name__)


@lru_cache(maxsize=32)
def _cached_extraction(store: Store, sha: str, mtime: float) -> Extraction | None:
    return store.load_extraction(sha)


def load_extraction(store: Store, sha: str) -> Extraction | None:
    """The stored extraction of a source, cached while its file is unchanged."""
    if not SHA_RE.fullmatch(sha or ""):
        return None
    path = store.extraction_path(sha)
    if not path.exists():
        return None
    return _cached_extraction(store, sha, path.stat().st_mtime)


def page_views(settings, rec: dict, q: str) -> list[dict]:
    """Each page of the record with the boxes (relative, 0..1000) of the words the query matched."""
    ex = load_extraction(settings.store, rec.get("source_id") or "")
    if ex is None:
        return []
    terms = highlight_terms(q)
    views = []
    for number in rec.get("pages") or []:
        if not 1 <= number <= len(ex.pages):
            continue
        page = ex.pages[number - 1]
        boxes = []
        if terms:
            for w in page.words:
                folded = fold(w.text.strip(".,;:!?()„“\"'"))
                if folded and word_matches(folded, stem(folded), terms):
                    boxes.append({"x": round(w.x0 * 1000, 1), "y": round(w.y0 * 1000, 1),
                                  "w": round((w.x1 - w.x0) * 1000, 1), "h": round((w.y1 - w.y0) * 1000, 1),
                                  "text": w.text})
        ratio = (page.height / page.width) if page.width else 1.414
        views.append({"number": number, "method": page.method, "boxes": boxes,
                      "height": round(1000 * ratio, 1),
                      "image": f"/dokumente/{rec['source_id']}/seiten/{number}.jpg"})
    return views


def reflow(text: str) -> str:
    """Join the printed line breaks inside paragraphs so the text reads well at any width: a
    long line runs on into the next unless that starts a list item; short lines (headings,
    ends of paragraphs) keep their break. (Hyphenation was undone when the text was split.)"""
    lines = text.split("\n")
    if not lines:
        return text
    long = max(40, max(len(ln.rstrip()) for ln in lines) * 0.6)
    out = []
    for i, line in enumerate(lines):
        cur = line.rstrip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        out.append(cur)
        if i + 1 < len(lines):
            runs_on = len(cur) >= long and nxt and nxt[:1] not in "0123456789-–•"
            out.append(" " if runs_on else "\n")
    return "".join(out)


def german_date(iso: str | None) -> str:
    """2019-11-04 → 4.11.2019, as dates are written in minute books and citations."""
    if not iso:
        return "ohne Datum"
    y, m, d = iso.split("-")
    return f"{int(d)}.{int(m)}.{y}"


def citation(rec: dict, url: str) -> str:
    who = f"der Fraktion {rec['faction']}" if rec.get("faction") else ""
    kind = rec.get("kind") or "Anfrage"
    parts = [f"{kind} {who}".strip()]
    if rec.get("number"):
        parts.append(f"Drs. {rec['number']}")
    parts.append(f"„{rec.get('title') or ''}“")
    if rec.get("date"):
        parts.append(f"Sitzung vom {german_date(rec['date'])}")
    parts.append(url)
    return ", ".join(parts)


@bp.get("/anfragen/<path:record_id>")
def show(record_id: str):
    service = current_app.extensions["search"]
    settings = current_app.config["SETTINGS"]
    rec = service.get(record_id)
    try:
        q = check_query_text(request.args.get("q", ""))
    except QuerySyntaxError:
        q = ""  # a permalink always shows its record; a broken ?q= only loses the marks
    terms = highlight_terms(q)
    url = request.host_url.rstrip("/") + "/anfragen/" + record_id
    return render_template(
        "anfrage.html", rec=rec, q=q, text_html=mark_all(reflow(rec.get("text") or ""), terms),
        pages=page_views(settings, rec, q), similar=[hit_json(h) for h in service.similar(record_id)],
        citation=citation(rec, url), permalink=url)


@bp.get("/dokumente/<sha>/seiten/<int:number>.jpg")
def page_image(sha: str, number: int):
    settings = current_app.config["SETTINGS"]
    if not SHA_RE.fullmatch(sha):
        raise NotFound("Unbekanntes Dokument.")
    store = settings.store
    path = store.page_image_path(sha, number)
    if not path.exists():  # a born-digital page: rendered once, on first view
        row = current_app.extensions["journal"].primary(sha)
        stored = Path(row.stored_path) if row and row.stored_path else None
        if not stored or not stored.exists() or stored.suffix.lower() != ".pdf":
            raise NotFound("Für diese Seite gibt es kein Bild.")
        try:
            img = pdf.render_page(stored, number - 1, 150)
        except Exception:
            raise NotFound("Für diese Seite gibt es kein Bild.")
        store.save_page_image(sha, number, img, settings.display_width)
    return send_file(path, mimetype="image/jpeg", max_age=3600)
