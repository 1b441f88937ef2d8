"""Stage 1b: put Anfragen cited in running text on lines of their own.

Tables of contents of plenary protocols, and PDF text whose line breaks were lost, list
Anfragen one after the other in running text: "Sprachtests Anfrage der Abgeordneten Dr. X
und Fraktion der FDP vom 28. Mai Türkischunterricht Anfrage der …". Where a paragraph holds
two or more such citations (the kind, who asks, "vom <date>"), each title and each citation
get a line of their own, so the heading stage sees them as it sees a printed list.
"""

from __future__ import annotations

import re

from ingest.segment.lines import Line

_CITATION = re.compile(
    r"(?:(?:Kleine|Große|Grosse|Mündliche|Dringliche|Schriftliche)\s+)?Anfrage\s+(?:der|des)\s+"
    r"(?:Abgeordneten|Fraktion|Gruppe)\b.{0,220}?\bvom\s+\d{1,2}\.\s*(?:[A-ZÄÖÜ][a-zäöü]+|\d{1,2}\.)"
    r"(?:\s+(?:19|20)\d{2})?(?:\s*\((?:Drucksache|Drs\.)[^)]{1,30}\))?")
# a question's asker right after it, as Landtage print their lists of Mündliche Anfragen: "1. Wird
# der Wegebau vernachlässigt? Abgeordnete Reinhold Muster und Karl Beispiel (CDU) Vorbemerkung …"
_ASKER_AFTER_QUESTION = re.compile(
    r"(?<=\?)\s+(?:Abgeordnete[rn]?|Frage\s+de[rs]\s+Abgeordneten|Anfrage\s+de[rs]\s+Abgeordneten)\s+"
    r"(?:(?:Dr\.|Prof\.|Frau|Herr|und|[A-ZÄÖÜ][\wäöüß'-]+,?)\s+){1,10}\([^()]{2,40}\)")
_LIST_NUMBER = re.compile(r"(?:^|\s)\d{1,2}\.\s+(?=[A-ZÄÖÜ])")
_MAX_TITLE_WORDS = 14


def reflow_citations(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    i = 0
    while i < len(lines):
        if not lines[i].text.strip():
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].text.strip():
            j += 1
        out += _reflow(lines[i:j])
        i = j
    return out


def _reflow(paragraph: list[Line]) -> list[Line]:
    text, starts = "", []
    for ln in paragraph:
        starts.append((len(text), ln.page))
        text += ln.text.strip() + " "
    cites = list(_CITATION.finditer(text))
    line_starts = {off for off, _ in starts}
    mid_line = [m for m in cites if m.start() not in line_starts]
    if len(mid_line) < 2:
        # one asker after a numbered question is as sure a sign as two citations
        cites = [m for m in _ASKER_AFTER_QUESTION.finditer(text) if _LIST_NUMBER.search(text[max(0, m.start() - 300):m.start()])]
        if not cites:
            return paragraph

    def page_at(pos: int) -> int:
        return max((p for off, p in starts if off <= pos), default=paragraph[0].page)

    out: list[Line] = []
    prev = 0
    for m in cites:
        before = text[prev:m.start()].strip()
        lead, title = _split_title(before)
        if lead:
            out.append(Line(page_at(prev), lead))
        if title:
            out.append(Line(page_at(m.start() - 1), title))
        out.append(Line(page_at(m.start()), m.group(0).strip()))
        prev = m.end()
    rest = text[prev:].strip()
    if rest:
        out.append(Line(page_at(prev), rest))
    return out


def _split_title(before: str) -> tuple[str, str]:
    """(text before the title, the title): the title is what follows a list number, or the last
    few words where a preamble runs into it."""
    numbers = list(_LIST_NUMBER.finditer(before))
    if numbers:
        cut = numbers[-1].start()
        return before[:cut].strip(), before[cut:].strip()
    words = before.split()
    if len(words) <= _MAX_TITLE_WORDS:
        return "", before
    return " ".join(words[:-_MAX_TITLE_WORDS]), " ".join(words[-_MAX_TITLE_WORDS:])
