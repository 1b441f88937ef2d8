"""The Merkliste: records collected for a report, shown in the order the user chose, with
citations to copy or download (plain text, Markdown, CSV).

The list itself lives in the browser (localStorage, no account); the server only renders a
list given as `?ids=A,B,C`, so the same address is also the link to share it.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from urllib.parse import quote

from flask import Blueprint, Response, render_template, request

from ratsarchiv.errors import BadRequest, NotFound
from web import records
from web.anfragen import citation, german_date
from web.export import BOM, COLUMNS, attachment, csv_lines
from web.records import Row

bp = Blueprint("merkliste", __name__)

MAX_IDS = 200
MAX_ID_LENGTH = 200
_BAD_ID = re.compile(r"[\x00-\x1f\x7f]")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
FORMATS = {"txt": ("text/plain", "Text"), "md": ("text/markdown", "Markdown"), "csv": ("text/csv", "CSV")}


def parse_ids(args) -> list[str]:
    """Ids from `?ids=A,B` (also repeated `ids=`), in order, each once; malformed lists are a
    German 400, not a search for garbage."""
    ids: list[str] = []
    for raw in args.getlist("ids"):
        for part in raw.split(","):
            part = part.strip()
            if not part or part in ids:
                continue
            if len(part) > MAX_ID_LENGTH or _BAD_ID.search(part):
                raise BadRequest("Die Merkliste enthält eine ungültige Kennung. "
                                 "Bitte den Link vollständig und unverändert kopieren.")
            ids.append(part)
    if len(ids) > MAX_IDS:
        raise BadRequest(f"Eine Merkliste kann höchstens {MAX_IDS} Einträge haben.")
    return ids


def lookup(ids: list[str]) -> tuple[list[Row], list[str]]:
    """The records that exist, in the given order, and the ids that do not."""
    found, unknown = [], []
    for rid in ids:
        row = records.record(rid)
        (found.append(row) if row else unknown.append(rid))
    return found, unknown


def text_line(row: Row, base: str) -> str:
    return citation(asdict(row), base + row.url)


def markdown_line(row: Row, base: str) -> str:
    title = _MD_SPECIAL.sub(r"\\\1", row.title or "(ohne Titel)")
    facts = [row.kind or "Eintrag"]
    if row.faction:
        facts[0] += f" der Fraktion {row.faction}"
    if row.number:
        facts.append(f"Drs. {row.number}")
    if row.date:
        facts.append(f"Sitzung vom {german_date(row.date)}")
    if row.status:
        facts.append(row.status)
    return f"[{title}](<{base + row.url}>) – " + _MD_SPECIAL.sub(r"\\\1", ", ".join(facts))


def as_text(rows: list[Row], base: str) -> str:
    return "".join(f"{n}. {text_line(r, base)}\n" for n, r in enumerate(rows, 1))


def as_markdown(rows: list[Row], base: str) -> str:
    return "".join(f"{n}. {markdown_line(r, base)}\n" for n, r in enumerate(rows, 1))


def as_csv(rows: list[Row], base: str) -> str:
    return "".join(csv_lines(rows, base))


def share_path(ids: list[str]) -> str:
    return "/merkliste?ids=" + ",".join(quote(i, safe="/.-_") for i in ids) if ids else "/merkliste"


@bp.get("/merkliste")
def show():
    ids = parse_ids(request.args)
    rows, unknown = lookup(ids)
    base = request.host_url.rstrip("/")
    status = 404 if ids and not rows else 200
    items = [{"row": r, "text": text_line(r, base), "md": markdown_line(r, base),
              "csv": "".join(csv_lines([r], base)).split("\r\n", 1)[1]} for r in rows]
    found_ids = [r.id for r in rows]
    return render_template(
        "merkliste.html", items=items, ids=ids, found_ids=found_ids, unknown=unknown,
        text=as_text(rows, base), markdown=as_markdown(rows, base),
        csv=as_csv(rows, base).removeprefix(BOM), csv_head=";".join(COLUMNS),
        share_url=base + share_path(found_ids), share_path=share_path(found_ids),
        formats=FORMATS), status


@bp.get("/merkliste/download")
def download():
    fmt = request.args.get("format", "txt")
    if fmt not in FORMATS:
        raise BadRequest("Unbekanntes Format. Möglich sind txt, md und csv.")
    ids = parse_ids(request.args)
    rows, _ = lookup(ids)
    if not rows:
        raise NotFound("Keiner der Einträge dieser Merkliste ist (noch) im Archiv.")
    base = request.host_url.rstrip("/")
    body = {"txt": as_text, "md": as_markdown, "csv": as_csv}[fmt](rows, base)
    resp = Response(body, mimetype=FORMATS[fmt][0])
    resp.headers["Content-Disposition"] = attachment(f"merkliste.{fmt}")
    return resp
