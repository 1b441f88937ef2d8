"""Split a minute book into its agenda items, read each item's fields, and keep every page findable.

Cities write their minutes differently, so no stage keys on one layout. The stages, each in
its own module and testable alone:

1. lines:      reading-order lines without page furniture (what repeats at page edges);
                reflow: Anfragen cited in running text get lines of their own
2. headings:   where items start and of which kind (kind words, agenda numbering);
                cued: Anfragen without a kind word, found by their question cue, the members'
                and residents' questions reported in indirect speech (a Fragestunde, a lettered
                list), and the topics of a letter of questions
3. items:      item spans and their fields (titles, questions, signatures, fields.py);
                mentions: several Anfragen named in one sentence, one record each;
                document: a document that is one single Anfrage
4. coverage:   records of kind Seite/Abschnitt for text that no item covers
"""

from __future__ import annotations

import re

from ingest import fields
from ingest.segment.coverage import PAGE_KINDS, cover_rest
from ingest.segment.cues import addressee
from ingest.segment.cued import (asking_letter, called_headings, cued_headings, letter_topics, lettered_headings, listed_headings,
                                 number_titled_headings, prose_headings, reported_headings)
from ingest.segment.document import single_anfrage
from ingest.segment.headings import find_headings, prefixed_agenda, section_kind
from ingest.segment.items import Span, item_spans, read_item, unique
from ingest.segment.lines import Line, clean_line, line_before, strip_furniture
from ingest.segment.mentions import split_mentions
from ingest.segment.reflow import reflow_citations
from ingest.segment.signatures import find_signatures
from ratsarchiv.model import PageText, Record

__all__ = ["split_items", "agenda_items", "clean_line", "Line", "PAGE_KINDS"]


def split_items(pages: list[PageText], sha: str = "", filename: str = "") -> list[Record]:
    """Every agenda item found in a minute book in document order, then the uncovered text."""
    lines = reflow_citations(strip_furniture(pages))
    chair, secretary, sig_start = find_signatures(lines)
    end_of_items = sig_start if sig_start is not None else len(lines)
    headings = [h for h in find_headings(lines) if h.index < end_of_items]
    for more in (called_headings, number_titled_headings, cued_headings, _reported, listed_headings, lettered_headings,
                 prose_headings):
        headings = sorted(headings + more(lines, headings, end_of_items), key=lambda h: h.index)
    headings = letter_topics(lines, headings, end_of_items) or headings or asking_letter(lines, headings, end_of_items)
    spans = item_spans(lines, headings, end_of_items)
    context = {"date": book_date(pages), "chair": chair, "secretary": secretary, "sha": sha, "filename": filename,
               # "Anfragen an den Magistrat": whom the page's questions are put to answers them
               "addressee": addressee(" ".join(ln.text for ln in lines[:3]))}
    read = [(span, read_item(lines, span, context)) for span in spans]
    for span, rec in read:
        rec.margin = line_before(lines, span.start)
    items = unique(split_mentions(collective_number(lines, [rec for _, rec in read]), context))
    numbered = sum(prefixed_agenda(lines[h.index].text) for h in headings)
    whole = single_anfrage(lines[:end_of_items], items, numbered, context)
    if whole is not None:  # a document that is one Anfrage: what the headings found were its questions
        return [whole] + cover_rest(lines, [Span(0, end_of_items, None, [])], context, "Abschnitt")
    kept = {id(rec) for rec in items}
    covered = [span for span, rec in read if id(rec) in kept]
    return items + cover_rest(lines, covered, context, "Abschnitt" if items else "Seite")

def _reported(lines: list[Line], headings: list, end_of_items: int) -> list:
    """Questions reported in indirect speech, also under a divider "Anfragen" that is no item."""
    dividers = [i for i, ln in enumerate(lines[:end_of_items]) if section_kind(ln.text) == "Anfrage"]
    return reported_headings(lines, headings, dividers, end_of_items)


_COLLECTIVE = re.compile(r"\b(?:Mündliche|Dringliche)\s+Anfragen\b")


def collective_number(lines: list[Line], records: list[Record]) -> list[Record]:
    """A Drucksache that collects the Mündliche Anfragen of a Fragestunde gives its number to each
    Anfrage that has none of its own (unique() then tells them apart by "-2", "-3" …)."""
    head = " ".join(ln.text for ln in lines[:16])[:500]
    # "Drucksache 16/ … 5213" broken by the layout: the number as printed whole elsewhere in the head
    numbers = [n for ln in lines[:16] if (n := fields.find_number(ln.text)) and re.search(r"\d[/.-]\d", n)]
    own = {r.number for r in records if r.number}
    # the collective number is none of the items' own ("3.1 Defensionskaserne 1486/13" in an agenda)
    numbers = [n for n in numbers if n not in own]
    number = numbers[0] if numbers and _COLLECTIVE.search(head) else None
    if number:
        for r in records:
            if r.kind == "Anfrage" and not r.number:
                r.number, r.id = number, number
    return records


def book_date(pages: list[PageText]) -> str | None:
    first_page = [p.text for p in pages[:1]]
    return fields.session_date("\n".join(first_page).split("\n")[:40]) or fields.find_date(" ".join(first_page))


def agenda_items(records: list[Record]) -> list[Record]:
    """The agenda items among split_items' records, without the Seite/Abschnitt records."""
    return [r for r in records if r.kind not in PAGE_KINDS]
