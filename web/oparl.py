"""OParl 1.1, read-only: each record as a `Paper`, with the `System`, `Body`, lists and
`Organization`s (factions, answering offices) an OParl client needs to import them.

Objects are dicts shaped as in the OParl 1.1 schema (https://schema.oparl.org/1.1/); ids are
absolute URLs of this server. Lists are paged in a stable order: files in the order they were
taken in, records in the order they stand in their file.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from urllib.parse import quote, urlencode

from flask import Blueprint, current_app, jsonify, request

from ratsarchiv.errors import BadRequest, NotFound
from web import records
from web.files import SHA_RE
from web.records import Row

bp = Blueprint("oparl", __name__, url_prefix="/oparl/v1")

SCHEMA = "https://schema.oparl.org/1.1/"
PER_PAGE = 100
TIME_FILTERS = ("created_since", "created_until", "modified_since", "modified_until")
ORG_KINDS = {"fraktion": ("faction", "Fraktion"), "verwaltung": ("answered_by", "Verwaltung")}


def base() -> str:
    return request.host_url.rstrip("/") + bp.url_prefix


def stamp(epoch: float | None) -> str | None:
    if not epoch:
        return None
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).isoformat(timespec="seconds")


def slug(name: str) -> str:
    folded = name.replace("ü", "ue").replace("ö", "oe").replace("ä", "ae").replace("ß", "ss")
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "unbenannt"


def org_url(kind: str, name: str) -> str:
    return f"{base()}/organization/{kind}-{slug(name)}"


def _drop_none(obj: dict) -> dict:
    return {k: v for k, v in obj.items() if v is not None and v != []}


# --- objects ----------------------------------------------------------------------------
def system_object() -> dict:
    root = request.host_url.rstrip("/")
    return _drop_none({
        "id": f"{base()}/system", "type": SCHEMA + "System", "oparlVersion": SCHEMA,
        "body": f"{base()}/body", "name": "Ratsarchiv", "website": root + "/",
        "web": root + "/",
    })


def body_object() -> dict:
    b = f"{base()}/body/1"
    settings = current_app.config["SETTINGS"]
    return {
        "id": b, "type": SCHEMA + "Body", "system": f"{base()}/system", "name": settings.body_name,
        "website": request.host_url, "organization": f"{b}/organization", "person": f"{b}/person",
        "meeting": f"{b}/meeting", "paper": f"{b}/paper", "legislativeTerm": [],
        "web": request.host_url,
    }


def file_object(sha: str, filename: str | None, times: tuple[float, float] | None) -> dict:
    root = request.host_url.rstrip("/")
    name = filename or sha
    return _drop_none({
        "id": f"{base()}/file/{sha}", "type": SCHEMA + "File", "name": name, "fileName": name,
        "mimeType": "application/pdf" if name.lower().endswith(".pdf") else None,
        "accessUrl": f"{root}/dokumente/{sha}/original", "downloadUrl": f"{root}/dokumente/{sha}/original",
        "created": stamp(times[0]) if times else None, "modified": stamp(times[1]) if times else None,
    })


def paper_object(row: Row, times: tuple[float, float] | None) -> dict:
    root = request.host_url.rstrip("/")
    return _drop_none({
        "id": f"{base()}/paper/{quote(row.id, safe='/')}", "type": SCHEMA + "Paper",
        "body": f"{base()}/body/1", "name": row.title or "(ohne Titel)",
        "reference": row.number or row.id, "date": row.date, "paperType": row.kind,
        "originatorOrganization": [org_url("fraktion", row.faction)] if row.faction else None,
        "underDirectionOf": [org_url("verwaltung", row.answered_by)] if row.answered_by else None,
        "mainFile": file_object(row.source_id, row.source_filename, times) if row.source_id else None,
        "web": root + row.url,
        "created": stamp(times[0]) if times else None, "modified": stamp(times[1]) if times else None,
    })


def organization_object(kind: str, name: str) -> dict:
    field_name, org_type = ORG_KINDS[kind]
    return {"id": org_url(kind, name), "type": SCHEMA + "Organization", "body": f"{base()}/body/1",
            "name": name, "organizationType": org_type, "classification": org_type,
            "web": request.host_url.rstrip("/") + "/?" + urlencode({field_name: name})}


def source_times(sha: str | None) -> tuple[float, float] | None:
    row = current_app.extensions["journal"].primary(sha) if sha and SHA_RE.fullmatch(sha) else None
    return (row.created_at, row.updated_at) if row else None


# --- lists ------------------------------------------------------------------------------
def page_number() -> int:
    raw = request.args.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= 1_000_000:
        raise BadRequest("„page“ muss eine ganze Zahl ab 1 sein.")
    return int(raw)


def time_filters() -> dict[str, float]:
    out = {}
    for name in TIME_FILTERS:
        raw = request.args.get(name)
        if not raw:
            continue
        try:
            when = dt.datetime.fromisoformat(raw)
        except ValueError:
            raise BadRequest(f"„{name}“ muss eine Zeitangabe wie 2024-01-31T00:00:00+01:00 sein.")
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.timezone.utc)
        out[name] = when.timestamp()
    return out


def _passes(created: float, modified: float, f: dict[str, float]) -> bool:
    return (created >= f.get("created_since", float("-inf")) and created <= f.get("created_until", float("inf"))
            and modified >= f.get("modified_since", float("-inf"))
            and modified <= f.get("modified_until", float("inf")))


def per_page() -> int:
    """OParl's `limit`: a client may ask for shorter pages (never longer than PER_PAGE)."""
    raw = request.args.get("limit", "")
    if not raw:
        return PER_PAGE
    if not raw.isdigit() or int(raw) < 1:
        raise BadRequest("„limit“ muss eine ganze Zahl ab 1 sein.")
    return min(int(raw), PER_PAGE)


def page_slice(items: list, page: int) -> list:
    n = per_page()
    return items[(page - 1) * n: page * n]


def listing(objects: list, page: int, total: int, path: str) -> dict:
    """An OParl list page: data, pagination and links (next on every page but the last);
    the client's filters and limit are kept in every link."""
    n = per_page()
    pages = max(1, -(-total // n))
    kept = {k: v for k, v in request.args.items()
            if k in TIME_FILTERS + ("omit_internal", "limit") and v}

    def link(n: int) -> str:
        return f"{base()}{path}?" + urlencode({**kept, "page": n})
    links = {"first": link(1), "self": link(page), "last": link(pages)}
    if page > 1:
        links["prev"] = link(min(page - 1, pages))
    if page < pages:
        links["next"] = link(page + 1)
    return {"data": objects, "links": links,
            "pagination": {"totalElements": total, "elementsPerPage": n,
                           "currentPage": page, "totalPages": pages}}


def paper_entries(filters: dict[str, float]) -> list[tuple[str, tuple[float, float]]]:
    """(record id, (created, modified)) of every record in the archive, in a stable order."""
    journal = current_app.extensions["journal"]
    seen, out, offset = set(), [], 0
    while True:
        batch = journal.all(state="indexed", limit=1000, offset=offset)
        if not batch:
            break
        offset += len(batch)
        for row in batch:
            if not _passes(row.created_at, row.updated_at, filters):
                continue
            for item in row.items or []:
                if item.get("id") and item["id"] not in seen:
                    seen.add(item["id"])
                    out.append((row.id, item["id"], (row.created_at, row.updated_at)))
    out.sort(key=lambda e: e[0])  # oldest file first: new files only append pages
    return [(rid, times) for _, rid, times in out]


# --- views ------------------------------------------------------------------------------
def oparl_json(obj: dict):
    return jsonify(obj)


@bp.after_app_request
def allow_cross_origin(resp):
    """OParl clients run in other sites' pages too: the spec asks for CORS on every answer
    (errors and unknown addresses under /oparl/ included, hence app-wide)."""
    if request.path.startswith(bp.url_prefix + "/"):
        resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp


@bp.get("/")
@bp.get("/system")
def system():
    return oparl_json(system_object())


@bp.get("/body")
def bodies():
    return oparl_json(listing([body_object()], 1, 1, "/body"))


@bp.get("/body/1")
def body():
    return oparl_json(body_object())


@bp.get("/body/1/paper")
def papers():
    page = page_number()
    entries = paper_entries(time_filters())
    chunk = page_slice(entries, page)
    data = []
    for rid, times in chunk:
        row = records.record(rid)
        if row is not None:
            data.append(paper_object(row, times))
    return oparl_json(listing(data, page, len(entries), "/body/1/paper"))


@bp.get("/body/1/organization")
def organizations():
    page = page_number()
    orgs = [(kind, name) for kind, (field_name, _) in ORG_KINDS.items()
            for name in sorted(records.facet_values(field_name))]
    chunk = page_slice(orgs, page)
    return oparl_json(listing([organization_object(k, n) for k, n in chunk], page, len(orgs),
                              "/body/1/organization"))


@bp.get("/body/1/person")
@bp.get("/body/1/meeting")
def empty_list():
    """Persons and meetings are not modelled; OParl clients still expect the lists."""
    page = page_number()
    return oparl_json(listing([], page, 0, request.path.removeprefix(bp.url_prefix)))


@bp.get("/paper/<path:record_id>")
def paper(record_id: str):
    row = records.record(record_id) if len(record_id) <= 200 else None
    if row is None:
        raise NotFound(f"Es gibt keine Drucksache mit der Kennung „{record_id[:200]}“.")
    return oparl_json(paper_object(row, source_times(row.source_id)))


@bp.get("/file/<sha>")
def file(sha: str):
    times = source_times(sha)
    row = current_app.extensions["journal"].primary(sha) if times else None
    if row is None or row.state != "indexed":
        raise NotFound("Unbekannte Datei.")
    return oparl_json(file_object(sha, row.filename, times))


@bp.get("/organization/<key>")
def organization(key: str):
    kind, _, _ = key.partition("-")
    if kind in ORG_KINDS:
        for name in records.facet_values(ORG_KINDS[kind][0]):
            if f"{kind}-{slug(name)}" == key:
                return oparl_json(organization_object(kind, name))
    raise NotFound("Unbekannte Organisation.")
