"""Stage 1: the lines of a book in reading order, without page numbers and repeated headers/footers.

What repeats at the top or bottom of many pages is furniture, whatever a city prints there."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest.segment.cues import KIND_NUMBER
from ingest.textfix import dehyphenate
from ratsarchiv.model import PageText


@dataclass
class Line:
    page: int
    text: str


# --- page furniture -----------------------------------------------------------------
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–]\s*\d{1,4}\s*[-–]|Seite\s+\d{1,4}(?:\s*(?:von|/)\s*\d{1,4})?"
                          r"|\d{1,4}|\d{1,4}\s*/\s*\d{1,4})\s*$", re.I)


def _furniture_key(text: str) -> str:
    return re.sub(r"[^a-zäöüß]", "", text.lower())


_GAP = re.compile(r"\s{2,}")
_REAL_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{3,}|\d")  # "aus?" ending a sentence at a page foot is text


def clean_line(text: str) -> str:
    """Drop OCR specks: one- or two-character fragments separated by wide gaps at either end
    of a line, and stray quote or dot marks before the first word."""
    parts = _GAP.split(text.strip())
    while len(parts) > 1 and len(parts[0].strip()) <= 2:
        parts.pop(0)
    while len(parts) > 1 and len(parts[-1].strip()) <= 2:
        parts.pop()
    line = "    ".join(parts).replace("—", "–")  # tesseract reads the en dash of minutes as em dash
    return re.sub(r"^[.,‚„'\"‘’`_|:;°~]+\s*(?=[\wÄÖÜ])", "", line)


def strip_furniture(pages: list[PageText]) -> list[Line]:
    """All lines in reading order, without page numbers and repeated headers/footers."""
    per_page = [[clean_line(ln) if p.method == "ocr" else ln for ln in p.text.split("\n")]
                for p in pages]
    edge_keys: Counter[str] = Counter()
    edge_texts: Counter[str] = Counter()
    for lines in per_page:
        nonblank = [ln for ln in lines if ln.strip()]
        # at the foot of both pages of a two-page document a line is as often the signature that
        # ends both parts ("Stadtrat Dr. X") as a footer: there only a line with a figure in it
        # (a date, a page count) is furniture, since dropping content loses its words from search
        foot = nonblank[-3:] if len(pages) >= 3 else [ln for ln in nonblank[-3:] if re.search(r"\d", ln)]
        keys = {_furniture_key(ln) for ln in nonblank[:3] + foot}
        edge_keys.update(k for k in keys if len(k) >= 6)
        edge_texts.update({ln.strip() for ln in nonblank[:3] + nonblank[-3:]})
    threshold = max(2, len(pages) // 2) if len(pages) >= 3 else 2
    furniture = {k for k, n in edge_keys.items() if n >= threshold}
    # "Mündliche Anfrage 300" at one page's edge and "… 304" at the next: items called in turn, not a
    # running header (that would repeat its number, or carry the page's)
    furniture_text = {t for t, n in edge_texts.items() if n >= threshold}
    out: list[Line] = []
    for page, lines in zip(pages, per_page):
        nonblank_idx = [i for i, ln in enumerate(lines) if ln.strip()]
        edges = set(nonblank_idx[:3] + nonblank_idx[-3:])
        for i, ln in enumerate(lines):
            called = KIND_NUMBER.match(ln) and ln.strip() not in furniture_text
            if i in edges and not called and (_PAGE_NUMBER.match(ln) or _furniture_key(ln) in furniture
                               or (len(ln.strip()) <= 12 and not _REAL_WORD.search(ln))):
                continue
            out.append(Line(page.number, ln.rstrip()))
    texts = dehyphenate([_unglue(ln.text) for ln in out])
    return [Line(ln.page, t) for ln, t in zip(out, texts)]


# "5.1.1Meierstraße": an agenda number that the text extraction ran into its title; "#### Fragen zu 5G":
# the heading mark of a page written in Markdown
_GLUED_NUMBER = re.compile(r"^(\s*\d{1,3}(?:\.\d{1,2}){1,3}\.?)(?=[A-ZÄÖÜ][a-zäöüß])")
_MARKDOWN_HEADING = re.compile(r"^\s*#\S{0,6}\s+(?=\S)")  # also as OCR reads it: "##H#H Title"


# an agenda number as OCR misreads it after its prefix: "Punkt 2:4.1 dei Tagesordnung" for "Punkt 2.4.1 der …"
_OCR_AGENDA = re.compile(r"^(\s*(?:TOP|Punkt|Tagesordnungspunkt)\s*\d{1,3})((?:[.:,]\d{1,2})+)(?=[.:]?\s)(?![.:]?\s*Uhr\b)(\s+d[a-z]{1,2}(?=\s+Tagesordnung\b))?")


def _ocr_agenda(text: str) -> str:
    m = _OCR_AGENDA.match(text)
    if not m or (":" not in m.group(2) and "," not in m.group(2) and not m.group(3)):
        return text
    return m.group(1) + re.sub(r"[:,]", ".", m.group(2)) + (" der" if m.group(3) else "") + text[m.end():]


def _unglue(text: str) -> str:
    return _table_row(_MARKDOWN_HEADING.sub("", _GLUED_NUMBER.sub(r"\1 ", _ocr_agenda(text))))


# a row of an agenda printed as a table: "4.2.1 | Alte Zahnklinik … | 1559/13 | ||||", "1559/13 | |||||"
_AGENDA_CELL = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})*\.?|[ÖN]{1,2}\s*\d{1,3}(?:\.\d{1,2})*)$")


# a table's rules as OCR reads them: "|" also as "]", "[", "}" or a run such as "Il]", "jj" ("4.2.1] Alte …",
# "1486/13 Il]"); a lone "I" or "l" before a rule stays (a roman numeral: "Teil I |")
_RULE_RUN = r"(?:[\]\[}{]|[\]\[}{Ilj!]{2,6})"
_OCR_RULE = re.compile(r"(?<=\d)[\]}](?=\s|$)|(?<=\s)" + _RULE_RUN + r"(?=\s*(?:\||$))|(?<=\|)" + _RULE_RUN + r"(?=\s|\||$)")
_RULED_NUMBER = re.compile(r"^\s*\d{1,3}(?:\.\d{1,2}){0,3}[\]}]\s")  # "4.2.1] Alte …": the row's first rule


def _table_row(text: str) -> str:
    """An agenda's table row as a line of the agenda ("4.2.1 Alte Zahnklinik … 1559/13"), also where the
    row wraps over lines; a form's table (its first cell a label, not an agenda number) keeps its inner
    cells for the form reader. Pipes that end a line close no cell: they go."""
    if "|" not in text and not _RULED_NUMBER.match(text):
        return text
    text = _OCR_RULE.sub("|", text)
    cells = [c.strip() for c in text.split("|")]
    filled = [c for c in cells if c]
    if not filled:
        return ""
    if _AGENDA_CELL.match(filled[0]) or (len(filled) == 1 and any(ch.isdigit() for ch in filled[0])):
        return " ".join(filled)
    return re.sub(r"(?:\s*\|)+\s*$", "", text)




def line_before(lines: list[Line], start: int) -> str:
    """The last non-blank line before line `start` on the same page ("" at the top of a page)."""
    if not 0 <= start < len(lines):
        return ""
    page, j = lines[start].page, start - 1
    while j >= 0 and lines[j].page == page:
        if lines[j].text.strip():
            return lines[j].text.strip()
        j -= 1
    return ""
