"""Stage 4: records for the text that no agenda item covers, so that every page stays findable.

Whatever the splitter makes of a document, each of its words is in some record: where it
found no item at all, each page becomes a record of kind `Seite`; otherwise each stretch of
uncovered lines (a preamble, the gap between two items, a printed agenda, the signatures)
becomes an `Abschnitt`, one per page it stands on, so the hit can be marked on that scan.
The index ranks both kinds below real items."""

from __future__ import annotations

import re

from ingest.segment.items import Span, book_record
from ingest.segment.lines import Line, line_before
from ratsarchiv.model import Record

PAGE_KINDS = ("Seite", "Abschnitt")
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{3,}|\d{2,}")


def cover_rest(lines: list[Line], spans: list[Span], context: dict, kind: str) -> list[Record]:
    """Records of `kind` for the lines outside the given item spans, one per stretch and page."""
    covered: set[int] = set()
    for span in spans:
        covered.update(range(span.start, span.end))
    stretches: list[list[int]] = []
    prev = None
    for i, ln in enumerate(lines):
        if i in covered or not ln.text.strip():
            continue
        # a new stretch after an item or on a new page
        if prev is None or lines[prev].page != ln.page or any(k in covered for k in range(prev + 1, i)):
            stretches.append([])
        stretches[-1].append(i)
        prev = i
    out, per_page = [], {}
    for stretch in stretches:
        text = "\n".join(lines[i].text for i in stretch).strip()
        if not _WORD.search(text):
            continue
        page = lines[stretch[0]].page
        per_page[page] = per_page.get(page, 0) + 1
        rec = _record(kind, page, per_page[page], [lines[i] for i in stretch], text, context)
        rec.margin = line_before(lines, stretch[0])
        out.append(rec)
    return out



def _record(kind: str, page: int, k: int, stretch: list[Line], text: str, context: dict) -> Record:
    sha = context.get("sha") or "0" * 12
    first = next((t.strip() for t in text.split("\n") if _WORD.search(t)), "")
    first = re.sub(r"\s+", " ", first)
    if len(first) > 70:
        first = first[:70].rsplit(" ", 1)[0] + " …"
    label = f"Seite {page}" if kind == "Seite" else f"Abschnitt auf Seite {page}"
    rid = f"{sha[:12]}-s{page}" + ("" if kind == "Seite" and k == 1 else f"-{k}")
    return book_record(context, stretch, id=rid, kind=kind, number=None,
                       title=f"{label}: {first}" if first else label,
                       faction=None, questions=[], answered_by=None, status=None)
