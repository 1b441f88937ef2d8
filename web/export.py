"""A result list as CSV for spreadsheet programs: `GET /api/search.csv`.

German Excel and LibreOffice open a file without asking when it is UTF-8 with a BOM and
`;`-separated. Cells are neutralised against formula injection (OWASP "CSV Injection"), the
rows are streamed, and a list cut at the row limit says so in its last line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from urllib.parse import quote

from flask import Blueprint, Response, current_app, request

from web import records
from web.records import Row

bp = Blueprint("export", __name__)

COLUMNS = ("number", "title", "kind", "faction", "date", "status", "answered_by", "url")
BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A cell a spreadsheet shows as text: one starting with = + - @ tab or CR gets a leading
    apostrophe, which Excel and LibreOffice take as "this is text" and do not display."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def row_cells(row: Row, base_url: str) -> list[str]:
    values = {"number": row.number, "title": row.title, "kind": row.kind, "faction": row.faction,
              "date": row.date, "status": row.status, "answered_by": row.answered_by,
              "url": base_url + row.url}
    return [safe_cell(values[c]) for c in COLUMNS]


def csv_lines(rows: Iterable[Row], base_url: str, note: str | None = None) -> Iterator[str]:
    """The CSV text in pieces, one line each: BOM and header first, an optional note last."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")

    def line(cells) -> str:
        buf.seek(0)
        buf.truncate()
        writer.writerow(cells)
        return buf.getvalue()

    yield BOM + line(COLUMNS)
    for row in rows:
        yield line(row_cells(row, base_url))
    if note:
        yield line([safe_cell(note)])


def download_name(q: str, suffix: str) -> str:
    """`ratsarchiv-suche-<words>.csv`, ASCII for old programs, the full name as RFC 5987."""
    words = re.sub(r"[^A-Za-z0-9]+", "-", q).strip("-")[:40]
    return f"ratsarchiv-{words or 'liste'}.{suffix}"


def attachment(filename: str) -> str:
    return f"attachment; filename=\"{filename}\"; filename*=UTF-8''{quote(filename)}"


def truncation_note(total: int, exact: bool, written: int) -> str:
    how_many = f"{total:,}" if exact else f"mehr als {max(total, written):,}"
    return (f"Hinweis: Die Suche hat {how_many} Treffer; diese Datei enthält nur die ersten "
            f"{written:,}. Bitte die Suche mit Filtern eingrenzen.").replace(",", ".")


@bp.get("/api/search.csv")
def search_csv():
    limit = current_app.config["SETTINGS"].export_max_rows
    # one more than the limit shows whether the list was cut even where totals are exact
    params = records.params_from_args(request.args, page=1, per_page=limit + 1)
    hits = records.search(params)
    rows = hits.rows[:limit]
    # cut here, or the index stopped collecting hits: either way there are more hits than rows
    over = len(hits.rows) > limit or not hits.complete
    exact = hits.complete and hits.total_relation == "eq"
    note = truncation_note(hits.total, exact, len(rows)) if over else None
    base = request.host_url.rstrip("/")
    resp = Response(csv_lines(rows, base, note), mimetype="text/csv")
    resp.headers["Content-Disposition"] = attachment(download_name("suche-" + params.q, "csv"))
    return resp
