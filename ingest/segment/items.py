"""Stage 3: from headings to item spans, and from a span to a Record with its fields.

An item runs from its start (its title above the heading, or the heading) to the next item's
start, a section divider or the closing signatures; each field is read from the part of the
item where documents put it: number and faction near the heading, the outcome after the
questions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest import fields
from ingest.segment.form import (called_by, form_faction, form_group, form_number, form_outcome, form_questions, form_title,
                                 read_form)
from ingest.segment.cued import first_sentence, reports_question, resident_asks
from ingest.segment.cues import KIND_NUMBER, answered_label
from ingest.segment.headings import DIVIDER, KIND_SUFFIX, KIND_WORD, Heading, _kind_of, _next_nonblank
from ingest.segment.lines import Line
from ingest.segment.questions import find_questions
from ingest.segment.titles import _only_actor, _pick_title, _title_above
from ingest.textfix import fold_spaces
from ratsarchiv.model import Question, Record


@dataclass
class Span:
    start: int  # first line of the item (its title above the heading, or the heading)
    end: int  # one past its last line
    heading: Heading
    above: list[int]  # line indices of a title standing above the heading


def item_spans(lines: list[Line], headings: list[Heading], end_of_items: int) -> list[Span]:
    starts: list[tuple[int, Heading, list[int]]] = []
    floor = -1
    for h in headings:
        above = [] if h.top or h.form else _title_above(lines, h.index, floor)
        if starts and above and above[0] <= starts[-1][1].index:
            above = []
        starts.append((above[0] if above else h.index, h, above))
        floor = h.index
    dividers = [i for i, ln in enumerate(lines) if DIVIDER.match(ln.text)]
    spans = []
    for n, (start, h, above) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else end_of_items
        end = min([end] + [d for d in dividers if h.index < d < end])
        while end > start + 1 and not lines[end - 1].text.strip():
            end -= 1
        spans.append(Span(start, end, h, above))
    return spans


def read_item(lines: list[Line], span: Span, context: dict) -> Record:
    """One item's record; context holds what the whole book gives (date, chair, source)."""
    h, above, end = span.heading, span.above, span.end
    item_lines = lines[span.start:end]
    heading_idx = [i for i in [h.index] + _next_nonblank(lines, h.index, 3) if i < end]
    kind = h.kind
    near = heading_idx[1:4] if kind == "Sonstiges" else heading_idx[1:3]
    if kind == "Sonstiges":  # "Ö 7.6" / title / "Mitteilungsdrucksache des Amtes" / "22-1506"
        kind = next((_kind_of(m) for i in heading_idx[1:3] if (m := KIND_WORD.match(lines[i].text))), kind)
    number = h.called or fields.find_number(_REFERENCED.sub(" ", " ".join(lines[i].text for i in [h.index] + near + above)))
    if number is None and (called := KIND_NUMBER.match(lines[h.index].text)):
        number = called.group("n")  # "Mündliche Anfrage 300": the running number is the only one it has
    if number is None and h.top:  # an agenda row wrapped over lines: its number cell on a line of its own after it
        number = next((n for i in heading_idx[1:5] if (n := fields.find_number(lines[i].text)) == lines[i].text.strip()),
                      None)
    title = h.titled or _pick_title(lines, h, above, number, heading_idx, end)
    if number and title.endswith(number) and len(title) > len(number) + 3:
        title = title[:-len(number)].rstrip(" -–|,")  # "Parkplätze am Südbahnhof 0815/24": the row's number cell
    suffix = KIND_SUFFIX.search(title) if kind == "Sonstiges" else None
    if suffix:  # "Radwege in der Nordstadt (Anfrage der SPD-Fraktion)": the kind after the title
        kind = _kind_of(suffix)
        title = title[:suffix.start()].strip(" -–(") or title
    body = [ln.text for ln in lines[h.index + (0 if h.prose else 1):end]]
    faction = (fields.find_faction(" ".join(lines[i].text for i in [h.index] + heading_idx[1:2]))
               or fields.find_asker_faction(body[:12]) or h.asker
               # "ANFRAGE" / "Fraktion Bündnis 90/Die Grünen": a line in the item's head that names only who asks
               or next((f for i in heading_idx[1:] if _only_actor(lines[i].text) and (f := fields.find_faction(lines[i].text))),
                       None))
    questions = find_questions(body) if kind == "Anfrage" else []
    if h.called and h.titled:  # a question called in a Fragestunde: the one it puts, not the Zusatzfragen after it
        questions = [Question("1", h.titled)]
    answered_by = status = None
    if kind == "Anfrage":
        after_q = _outcome_text(body, questions)
        answered_by = fields.find_answered_by(after_q)
        if answered_by is None:  # "X beantwortet die Anfrage wie folgt: Frage 1 …"
            rest = fold_spaces(" ".join(body))
            for q in questions:
                rest = rest.replace(q.text, " ")
            answered_by = fields.find_answered_by(rest) or fields.find_answering_body(rest)
        responded = None  # who only responded: "Frau X sagt Überprüfung zu", "Bürgermeister Y verweist auf …"
        if answered_by is None and h.prose:  # "Herr X fragt an, ob … Herr Y erklärt, dass …"
            said = fold_spaces(" ".join(body))
            answered_by = fields.find_speaker(said) or (responded := fields.find_responder(said))
        answered_by = answered_by or h.answerer
        # after the questions any outcome phrase records the outcome; without questions found, only the
        # statements about the Anfrage do (not a request for an answer, not the matter asked about)
        status = ((fields.find_status(after_q) if questions else None)
                  or fields.status_anywhere(fold_spaces(" ".join(body))) or h.status)
        if responded and status is None and fields.PROMISE.search(" ".join(body)):
            status = "Antwort zugesagt"
        elif (h.prose and answered_by or answered_label(body)) and status is None:
            status = "beantwortet"  # the reply is recorded, in words no outcome phrase knows, or under "Antwort:"
        if h.prose and not questions and (asked := _reported_question(lines, h.index, end) or resident_asks(lines, h.index, end)):
            questions = [Question("1", asked)]  # "3. Herr X fragt an, ob …": one question, in indirect speech
    form = read_form(lines[h.index:end]) if kind == "Anfrage" else {}
    if form:  # an Anfrage printed as a form: its fields say what the text around them cannot
        # a form without a subject is called by its heading ("Kleine Anfrage Nr. 01"), not by a field's value
        called = called_by(lines[h.index:h.index + 1])
        title = form_title(form) or (called[0] if called else title)
        number = number or form_number(form)
        faction = form_faction(form.get("asker")) or form_group(form) or faction
        answered_by, status = form_outcome(form, answered_by, status)
        questions = form_questions(form, questions)
    if kind == "Anfrage" and status and "beantwortet" in status and not answered_by:
        answered_by = context.get("addressee")
    # an agenda item that names no kind but is a numbered Drucksache ("Zu Punkt 4 / Entwurf
    # der Haushaltssatzung / Drucksachen-Nr. 3990/2014-2020") is, in council practice, a Vorlage
    kind = "Vorlage" if kind == "Sonstiges" and number else kind
    return book_record(context, item_lines,
                       id=number or f"{source_key(context)}-{kind.lower()}-{slug(title)}",
                       kind=kind, number=number, title=title, faction=faction,
                       questions=questions, answered_by=answered_by, status=status)


# a number the item refers to, not its own: "zur Informationsvorlage Nr. 2016/IV/1544", "zur Umsetzung
# des Beschlusses Nr. 2016/AN/1654"
_REFERENCED = re.compile(r"\bzu[rm]?\s+(?:[\wäöüß-]+\s+){0,3}(?:Nr\.?|Drucksache|Drs\.?)\s*[\w/.-]*\d[\w/.-]*")


def book_record(context: dict, lines: list[Line], **fields) -> Record:
    """A record of these lines (its text and pages), with what the whole book gives: session
    date, chair, secretary, source file."""
    return Record(**fields, chair=context.get("chair"), secretary=context.get("secretary"), date=context.get("date"),
                  pages=sorted({ln.page for ln in lines if ln.text.strip()}),
                  text="\n".join(ln.text for ln in lines).strip(),
                  source_id=context.get("sha", ""), source_filename=context.get("filename", ""))


def slug(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    s = re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")
    return s[:50].rstrip("-") or "eintrag"


def source_key(context: dict) -> str:
    """What an item without a Drucksachen-number is told apart by, across files: its file (the
    first 12 hex digits of its sha256; interface.md: "a stable id derived from the source
    file"), so the same heading in two files ("Kleine Anfrage", "Mitteilungen") is two records,
    not one replacing the other in the index and leaving the first file's pages unfindable."""
    return (context.get("sha") or "")[:12] or context.get("date") or "ohne-datum"


def unique(records: list[Record]) -> list[Record]:
    """One record per id. Where an item is listed twice (an agenda printed before the items, a
    repeated heading: the same title, or a one-line listing), the one with the most text is the
    item. Several items under one collective number (the questions of a Fragestunde under one
    Drucksache) are all kept, the second and later with "-2", "-3" … after the id."""
    by_id: dict[str, list[Record]] = {}
    for r in records:
        by_id.setdefault(r.id, []).append(r)
    keep: dict[int, str] = {}
    for rid, group in by_id.items():
        distinct: list[Record] = []
        for r in group:
            twin = next((d for d in distinct if _same_item(d, r)), None)
            if twin is None:
                distinct.append(r)
            elif len(r.text) > len(twin.text):
                distinct[distinct.index(twin)] = r
        for k, r in enumerate(sorted(distinct, key=records.index)):
            keep[id(r)] = rid if k == 0 else f"{rid}-{k + 1}"
    out = []
    for r in records:
        if id(r) in keep:
            r.id = keep[id(r)]
            out.append(r)
    return out


def _same_item(a: Record, b: Record) -> bool:
    one_line = min(a.text.count("\n"), b.text.count("\n")) == 0
    return one_line or fold_spaces(a.title).casefold() == fold_spaces(b.title).casefold()

def _reported_question(lines: list[Line], i: int, end: int) -> str | None:
    """The sentence that reports a member's question: the heading line's own, or the first one under a
    title heading (past a bracketed reference line), with the lines it runs on over."""
    rows = [j for j in range(i, min(end, i + 8)) if lines[j].text.strip()]
    for n, j in enumerate(rows[:3]):
        text = fold_spaces(" ".join(lines[k].text for k in rows[n:n + 3]))
        if reports_question(text):
            return first_sentence(text)
        if n > 0 and not re.match(r"^\(.*\)", lines[j].text.strip()):
            return None
    return None


def _outcome_text(body: list[str], questions: list[Question]) -> str:
    """Text after the questions, where the outcome is recorded (whole body if none)."""
    if not questions:
        return fold_spaces(" ".join(body))
    last = questions[-1].text[-40:]
    joined = fold_spaces(" ".join(body))
    pos = joined.rfind(last)
    return joined[pos + len(last):] if pos >= 0 else joined
