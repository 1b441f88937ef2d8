"""Being told when something new matches: every search as an Atom feed (`/suche.atom`), and
an OpenSearch description (`/opensearch.xml`) so a browser's address bar searches Ratsarchiv.

XML is built with ElementTree, which escapes text and attributes; characters XML 1.0 cannot
hold at all (control characters from OCR) are dropped first, or a feed reader would refuse
the whole feed.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, jsonify, request, url_for

from web import records
from web.anfragen import german_date
from web.records import Row

bp = Blueprint("feeds", __name__)

ATOM = "http://www.w3.org/2005/Atom"
OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/"
FEED_ENTRIES = 20
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value) -> str:
    """Text XML 1.0 can carry: illegal characters removed (escaping is ElementTree's job)."""
    return _NOT_XML.sub("", "" if value is None else str(value))


def _el(parent, tag: str, text=None, **attrs) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        el.text = xml_text(text)
    return el


def _rfc3339(epoch: float) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _date_time(iso_date: str | None) -> str | None:
    return f"{iso_date}T00:00:00Z" if iso_date else None


def entry_title(row: Row) -> str:
    head = " ".join(p for p in (row.kind, row.number) if p)
    return f"{head}: {row.title or '(ohne Titel)'}" if head else (row.title or "(ohne Titel)")


def entry_summary(row: Row) -> str:
    facts = [f"Fraktion {row.faction}" if row.faction else None,
             f"Sitzung vom {german_date(row.date)}" if row.date else "ohne Sitzungsdatum",
             f"Ergebnis: {row.status}" if row.status else None,
             f"beantwortet von {row.answered_by}" if row.answered_by else None]
    lines = [" · ".join(f for f in facts if f)] + [s for s in row.snippets[:2]]
    return "\n".join(lines)


def _indexed_at(sources: set[str]) -> dict[str, float]:
    """When each source file was last processed: the moment an entry became findable."""
    journal = current_app.extensions["journal"]
    out = {}
    for sha in sources:
        row = journal.primary(sha) if sha else None
        if row is not None:
            out[sha] = row.updated_at
    return out


def atom_feed(q_args: dict, rows: list[Row], base: str) -> bytes:
    query = urlencode(q_args)
    self_url = f"{base}/suche.atom" + (f"?{query}" if query else "")
    html_url = f"{base}/" + (f"?{query}" if query else "")
    words = q_args.get("q") or ""
    filters = ", ".join(f"{v}" for k, v in q_args.items() if k not in ("q", "sort", "per_page", "page"))
    what = " ".join(p for p in (f"„{words}“" if words else "", f"({filters})" if filters else "") if p)
    times = _indexed_at({r.source_id for r in rows if r.source_id})
    updated = {r.id: times.get(r.source_id) for r in rows}

    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "de"})
    _el(feed, f"{{{ATOM}}}title", f"Ratsarchiv – Suche {what}".strip())
    _el(feed, f"{{{ATOM}}}subtitle", "Neue Treffer dieser Suche in den Niederschriften, neueste Sitzung zuerst.")
    _el(feed, f"{{{ATOM}}}id", self_url)
    _el(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=self_url)
    _el(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=html_url)
    stamps = [t for t in updated.values() if t]
    feed_updated = _rfc3339(max(stamps)) if stamps else _rfc3339(_index_time())
    _el(feed, f"{{{ATOM}}}updated", feed_updated)
    author = _el(feed, f"{{{ATOM}}}author")
    _el(author, f"{{{ATOM}}}name", "Ratsarchiv")
    _el(feed, f"{{{ATOM}}}generator", "Ratsarchiv")
    for row in rows:
        entry = _el(feed, f"{{{ATOM}}}entry")
        link = base + row.url
        _el(entry, f"{{{ATOM}}}title", entry_title(row), type="text")
        _el(entry, f"{{{ATOM}}}id", link)
        _el(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=link)
        stamp = updated.get(row.id)
        _el(entry, f"{{{ATOM}}}updated", _rfc3339(stamp) if stamp else (_date_time(row.date) or feed_updated))
        if row.date:
            _el(entry, f"{{{ATOM}}}published", _date_time(row.date))
        for term, label in ((row.kind, "Art"), (row.faction, "Fraktion")):
            if term:
                _el(entry, f"{{{ATOM}}}category", term=term, label=f"{label}: {term}")
        _el(entry, f"{{{ATOM}}}summary", entry_summary(row), type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _index_time() -> float:
    """The newest file processing in the journal (the last time the archive changed)."""
    rows = current_app.extensions["journal"].all(limit=1)
    return rows[0].updated_at if rows else 0.0


def report_urls(params) -> tuple[str, str]:
    """The feed and the CSV export of the search a result page shows (its filters included)."""
    args = {"q": params.q or None, **params.filters}
    feed = url_for("feeds.search_feed", **args)
    csv = url_for("export.search_csv", **args, sort=params.sort if params.sort != "relevance" else None)
    return feed, csv


@bp.app_context_processor
def _report_helpers():
    return {"report_urls": report_urls}


@bp.get("/suche.atom")
def search_feed():
    per_page = request.args.get("per_page") or str(FEED_ENTRIES)
    args = {**request.args.to_dict(), "per_page": per_page}
    params = records.params_from_args(args, page=1, sort="date")
    hits = records.search(params, snippets=True)
    # the feed's own address keeps what the user asked for, minus what the feed fixes itself
    q_args = {k: v for k, v in request.args.items() if v and k not in ("page", "sort")}
    body = atom_feed(q_args, hits.rows, request.host_url.rstrip("/"))
    return Response(body, mimetype="application/atom+xml")


@bp.get("/opensearch.xml")
def opensearch():
    base = request.host_url.rstrip("/")
    ET.register_namespace("", OPENSEARCH)
    root = ET.Element(f"{{{OPENSEARCH}}}OpenSearchDescription")
    _el(root, f"{{{OPENSEARCH}}}ShortName", "Ratsarchiv")
    _el(root, f"{{{OPENSEARCH}}}Description", "Anfragen und Tagesordnungspunkte in den Niederschriften durchsuchen")
    _el(root, f"{{{OPENSEARCH}}}Tags", "Niederschrift Anfrage Drucksache Stadtverordnetenversammlung")
    _el(root, f"{{{OPENSEARCH}}}Language", "de-DE")
    _el(root, f"{{{OPENSEARCH}}}InputEncoding", "UTF-8")
    _el(root, f"{{{OPENSEARCH}}}OutputEncoding", "UTF-8")
    _el(root, f"{{{OPENSEARCH}}}Image", base + url_for("static", filename="favicon.svg"),
        type="image/svg+xml", width="16", height="16")
    _el(root, f"{{{OPENSEARCH}}}Url", type="text/html", method="get", template=f"{base}/?q={{searchTerms}}")
    _el(root, f"{{{OPENSEARCH}}}Url", type="application/atom+xml",
        template=f"{base}/suche.atom?q={{searchTerms}}")
    _el(root, f"{{{OPENSEARCH}}}Url", type="application/x-suggestions+json",
        template=f"{base}/opensearch/vorschlaege?q={{searchTerms}}")
    _el(root, f"{{{OPENSEARCH}}}Url", type="application/opensearchdescription+xml", rel="self",
        template=f"{base}/opensearch.xml")
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return Response(body, mimetype="application/opensearchdescription+xml")


@bp.get("/opensearch/vorschlaege")
def opensearch_suggestions():
    """Suggestions in the OpenSearch format browsers read: [query, [completions]]."""
    q = request.args.get("q", "")[:200]
    resp = jsonify([q, records.suggestions(q)])
    resp.mimetype = "application/x-suggestions+json"
    return resp
