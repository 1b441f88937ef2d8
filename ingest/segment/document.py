"""Stage 3d: a document that is one single Anfrage, not a minute book.

Councils publish Anfragen as documents of their own: a faction's letter, a form with labelled
fields, a Drucksache with the administration's answer, a Landtag's Kleine Anfrage. Their head
(the first few hundred characters) names the kind once, and what the heading splitter finds
inside them are the numbered questions, not agenda items. Such a document becomes one record
whose fields are read from the whole text: number and faction from the head, the title from
a Betreff line or the short line before the text begins, questions and answer from the body.
"""

from __future__ import annotations

import re

from ingest import fields
from ingest.segment.cues import ANSWER_LINE, ANSWERS_HERE, addressee, answered_label
from ingest.segment.form import (_OPEN_END, called_by, form_faction, form_group, form_number, form_outcome, form_questions,
                                 form_title, read_form, run_on)
from ingest.segment.headings import NOT_A_TITLE, despaced
from ingest.segment.head import asker_faction, names_head_element, title_from_head, topic_of
from ingest.segment.items import book_record, source_key
from ingest.segment.lines import Line
from ingest.segment.questions import find_questions
from ingest.segment.titles import NOT_A_HEADLINE, _only_actor, clean_title, first_title_line
from ingest.textfix import fold_spaces
from ratsarchiv.model import Record

HEAD_CHARS = 700
# the kind of one document, named in its head; plural "Anfragen" is a list, not one Anfrage
_SINGLE = re.compile(r"\b(?:(?:Kleine|Schriftliche|Große|Grosse|Mündliche|Dringliche)\s+)?(?:Anfrage|ANFRAGE)(?![nN])\b"
                     r"|\bAuskunftsersuchen\b|\b(?:Mündliche|Dringliche)\s+Frage\b")
_OTHER_KIND = re.compile(r"\b(?:Antrag|ANTRAG|Beschlussvorlage|Vorlage\s+der|Tagesordnung|TAGESORDNUNG|Inhalt)\b"
                         r"|\bBeschluss\s*:|\bbeschließt\b"  # a decision (on the rules for Anfragen, say), no Anfrage
                         r"|\bDrucksache-Art:\s*(?!Anfrage|Antwort|Auskunft)")
# a minute book or agenda, not one Anfrage
_BOOK = re.compile(r"\b(?:Niederschrift|Protokoll|Plenarprotokoll|Tagesordnung|Sitzungsverlauf)\b")
# the document is the answer itself: "Stellungnahme zur Anfrage", "Antwort auf die Kleine Anfrage"
_IS_ANSWER = re.compile(r"\b(?:Stellungnahme|STELLUNGNAHME|Antwort|ANTWORT|Beantwortung)\s+(?:de[rs]\s+\w+\s+)?"
                        r"(?:zur|zu\s+der|auf\s+(?:die\s+)?|der)\s*(?:\w+\s+)?$")
# "Unsere Anfrage wurde, wie folgt, beantwortet": the text says it was answered (not "bitten um Beantwortung")
_ANSWERED = re.compile(r"\b(?:wurde|wurden|wird|ist)\b[^.]{0,40}\bbeantwortet\b|\bAntwort\s+vom\s+\d")
# kinds answered in writing by definition (a Große Anfrage is often answered in the session)
_WRITTEN_KIND = re.compile(r"(?:Kleine|Schriftliche)\s+Anfrage", re.I)
_REFERENCE = re.compile(r"(?:Bezüglich|Bezug|zur\s+Drucksache|zu\s+Drs\.?)\s*:?\s*(?P<n>[\w./-]*\d[\w./-]*)", re.I)
_BETREFF = re.compile(r"^\s*(?:Betreff\b|Betr\.|Thema\b|Gegenstand\b)\s*:?\s*(?P<t>.*)$", re.I)
# "[Anfrage:] „Gendersternchen“", "Kleine Anfrage: Radwege": the kind as a label of the title
_KIND_LABEL = re.compile(r"^\s*\[?(?:(?:Kleine|Große|Schriftliche|Mündliche)\s+)?Anfrage\s*:\s*\]?\s*(?P<t>[^:]{3,160})$")
_BODY_START = re.compile(r"^\s*(?:\d{1,2}[.)]\s+\S|Frage\s+\d)")


def single_anfrage(lines: list[Line], items: list[Record], numbered: int, context: dict) -> Record | None:
    """The document as one Anfrage record, where its head says it is one; else None.
    `numbered`: how many items the heading stage found under agenda numbers (TOP, Ö, Punkt)."""
    text = "\n".join(ln.text for ln in lines)
    head = despaced(fold_spaces(text[:HEAD_CHARS]))  # "K l e i n e A n f r a g e"
    kind = _SINGLE.search(head)
    if not kind or _BOOK.search(head[:kind.start()]):
        return None
    other = _OTHER_KIND.search(head)
    if other and other.start() < kind.start():
        return None
    # what the headings found inside one Anfrage are its questions and form labels; two or more
    # Drucksachen numbered differently, or two Anfragen, make it a list of items instead (an Anfrage
    # and the Stellungnahme to it share one number)
    if sum(r.kind == "Anfrage" for r in items) > 1 or len({r.number for r in items if r.number}) > 1 or numbered > 1:
        return None
    body = [ln.text for ln in lines]
    form = read_form(lines)
    called = called_by(lines) if form and not form_title(form) else None  # "Kleine Anfrage Nr. 01" / fields
    number = called[1] if called else _number(head, form)
    if number is None and (see := _SEE.search(text)):
        number = fields.find_number(see.group("n"))
    long_head = despaced(fold_spaces(text[:2500]))  # where the kind and title follow the questions
    # a head whose lines ran together (PDF text, web pages) hides where the title is; one in lines shows it
    by_lines = None if _run_together(lines) else first_title_line(lines, 0, len(lines), 20)
    title = (form_title(form) or (called[0] if called else None) or topic_of([ln.text for ln in lines[:15]])
             or (_rest_of_kind_line(lines) if by_lines else None) or _title(lines) or by_lines
             or title_from_head(long_head) or _rest_of_kind_line(lines) or first_title_line(lines, 0, len(lines), 20)
             or clean_title(head[kind.end():kind.end() + 80]) or "Anfrage")
    questions = form_questions(form, find_questions(body))
    # "Sehr geehrte Frau Bürgermeisterin X,": the letter's greeting names whom it asks, not who answered
    flat = fold_spaces(_without_bare_answer_label([t for t in body if not _GREETING.match(t)]))
    answered_by = fields.find_answered_by(flat) or fields.find_answering_body(flat)
    # the document prints the answers: under labels ("Antwort:", "Zu 1:"), after "Ich beantworte Ihre Anfrage
    # wie folgt", or each after its question
    letter = bool(ANSWERS_HERE.search(flat))  # the answer is a letter: answered in writing
    printed = answered_label(body) or letter
    recorded = (answered_by or ANSWER_LINE.search(flat) or _ANSWERED.search(flat) or printed
                or fields.find_status(flat) in ("zurückgestellt", "zurückgezogen"))
    if recorded and answered_by is None:  # the answer printed without a name: those the questions were put to
        answered_by = addressee(head)
    if answered_label(body) and not fields.find_status(flat):
        flat += " Antwort:"  # questions answered one by one under "Antwort:" labels
    status = fields.find_status(flat) if recorded else None
    if _IS_ANSWER.search(head[:kind.start()]) or (letter and status in (None, "beantwortet")) or (
            answered_by and _WRITTEN_KIND.match(kind.group(0)) and status in (None, "beantwortet")):
        status = "schriftlich beantwortet"  # the document is (or holds) the written answer to the Anfrage
    elif answered_by and status is None:
        status = "beantwortet"  # somebody answered, in words no outcome phrase knows
    answered_by, status = form_outcome(form, answered_by, status)  # "offen", "S0020/20", "Antwort durch: FD 40"
    return book_record(
        context, lines,
        id=number or f"{source_key(context)}-anfrage",
        kind="Anfrage", number=number, title=title,
        faction=(form_faction(form.get("asker")) or form_group(form) or fields.find_faction(head) or fields.find_asker_faction(body[:60])
                 or asker_faction(long_head)),
        questions=questions, answered_by=answered_by, status=status)


_GREETING = re.compile(r"^\s*(?:Sehr\s+geehrte|Liebe[rs]?\s|Guten\s+Tag|Hallo)\b", re.I)


def _run_together(lines: list[Line]) -> bool:
    """True when most of the first lines are full lines: the head ran together into running text."""
    first = [ln.text.strip() for ln in lines if ln.text.strip()][:5]
    return sum(len(t) >= 75 for t in first) >= 3


def _without_bare_answer_label(body: list[str]) -> str:
    """The text without an answer's label that ends it with nothing after ("Antwort der Verwaltung" as
    the last line of a web page, where the answer is only a link): that records no answer."""
    nonblank = [i for i, t in enumerate(body) if t.strip()]
    if nonblank and ANSWER_LINE.match(body[nonblank[-1]]) and len(body[nonblank[-1]].strip()) <= 60 \
            and not body[nonblank[-1]].rstrip().endswith((".", ":")):
        body = body[:nonblank[-1]]
    return "\n".join(body)


def _rest_of_kind_line(lines: list[Line]) -> str | None:
    """"Anfrage 21/SVV/1334 Sprechstunden des Oberbürgermeisters": the rest of the line that names the
    kind, without its number, where it reads as a title; the next line is the text's."""
    for ln in lines[:15]:
        m = _SINGLE.search(ln.text)
        if m:
            rest = ln.text[m.end():]
            number = fields.find_number(rest)
            if number:
                rest = rest.replace(number, " ", 1)
            # "Kleine Anfrage vom 30. September 2019 - Neue Baugebiete": the date is the Anfrage's, not the title's
            rest = re.sub(r"^\s*vom\s+(?:" + fields._DATE_WORD.pattern + "|" + fields._DATE_NUM.pattern + r")\s*(?:[-–:]\s+)?",
                          " ", rest, flags=re.I)
            rest = clean_title(re.sub(r"^\s*(?:Nr\.?|Drs\.?|Drucksache)\s*", "", rest.strip(" :–-")))
            return rest if _title_like(rest) and not _only_actor(rest) else None
    return None


def _title_like(t: str) -> bool:
    return (8 < len(t) <= 160 and not NOT_A_HEADLINE.match(t) and not t.endswith((".", ":", ",", ";")) and not fields.find_date(t)
            and not ANSWER_LINE.match(t) and not _SINGLE.fullmatch(t) and len(t.split()) >= 2
            and not names_head_element(t))


def _number(head: str, form: dict[str, str]) -> str | None:
    """The Anfrage's own number; an answer document refers to it ("Bezüglich: 22-1940")."""
    if form_number(form):
        return form_number(form)
    # an answer's head that prints the Anfrage's number beside its own: "Drucksache 15/1284 (15/1217)"
    both = _TWO_NUMBERS.search(head)
    if both:
        return both.group("n")
    ref = _REFERENCE.search(head)
    if ref and fields.find_number(ref.group("n")):
        return fields.find_number(ref.group("n"))
    return fields.find_number(head)


_TWO_NUMBERS = re.compile(r"\b(?:Drucksache|Drs\.?)\s*\d{1,2}/\d{2,6}\s*\(\s*(?P<n>\d{1,2}/\d{2,6})\s*\)")


# "Siehe dazu Drucksache 2055/V": a report on one Anfrage that names its Drucksache after the text
_SEE = re.compile(r"\b[Ss]iehe\s+(?:dazu\s+|auch\s+)?(?P<n>(?:Drucksache|Drs\.?)\s*(?:Nr\.?\s*)?[\w/.-]*\d[\w/.-]*)")


def _head_attribute(line: str) -> bool:
    """A line that continues the kind line of a head: "der Fraktion DIE LINKE im Rat der Stadt",
    "zur Sitzung des Rates am 22.09.2022", "vom 3. Mai 2021"; neither title nor text."""
    return bool(re.match(r"(?:der|des|zur|zum|vom|von\s+der|für\s+die)\s", line)) and len(line) <= 90 and bool(
        fields.find_date(line) or fields.find_faction(line) or re.match(r"zur\s+Sitzung", line))


def _title(lines: list[Line]) -> str | None:
    """A Betreff line, or the last short title-like line before the text of the document starts."""
    nonblank = [ln.text.strip() for ln in lines if ln.text.strip()][:40]
    for i, t in enumerate(nonblank):
        m = _BETREFF.match(t) or _KIND_LABEL.match(t)
        if m:
            after = i + 1 if m.group("t") else i + 2
            value = m.group("t") or (nonblank[i + 1] if i + 1 < len(nonblank) else "")
            value = run_on(value, nonblank[after:after + 2])[0]
            value = re.sub(r"^.*?\b(?:betr\.|betreffend|zum\s+Thema)\s*:?\s*", "", value, flags=re.I)
            value = re.sub(r"\s*\((?:Antrag|Anfrage)[^)]*\)\s*$", "", value)
            if clean_title(value):
                return clean_title(value)
    texts = [ln.text.strip() for ln in lines[:80]]
    for i, t in enumerate(texts):
        if not t or _head_attribute(t):
            continue
        nxt = texts[i + 1] if i + 1 < len(texts) else ""
        prose = len(t.split()) >= 8 and len(nxt.split()) >= 5  # a paragraph: lines run on
        if prose or len(t) > 90 or (len(t) > 40 and t.endswith((".", "?", ":"))) or _BODY_START.match(t):
            # the title stands above the letter's greeting ("Sehr geehrter Herr …,")
            at = next((k for k in range(i - 1, -1, -1) if texts[k] and not NOT_A_TITLE.search(texts[k])), None)
            prev = texts[at] if at is not None else ""
            # a title over two lines: "Sanierung der Grundschule und" / "des Schulhofs"
            while at and texts[at - 1] and _OPEN_END.search(texts[at - 1]) and len(prev) + len(texts[at - 1]) <= 160:
                at -= 1
                prev = f"{texts[at]} {prev}"
            if _title_like(prev):
                return clean_title(prev)
            if _SINGLE.fullmatch(prev.strip(" :")) and t.endswith("?") and len(t) <= 160:
                return clean_title(t)  # "Mündliche Frage" / "Wie setzt der Bezirk … um?": the question is the title
            return None
    return None
