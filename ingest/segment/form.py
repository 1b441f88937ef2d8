"""Stage 3f: the labelled fields of an Anfrage form.

Council information systems print an Anfrage as a form: "Datum", "Nummer", "Absender",
"Adressat", "Gremium", "Kurztitel"/"Betreff", "Stellungnahme der Verwaltung" … The text taken
from such a page comes out in three shapes, and the reader takes all three alike:
- label and value on one line ("Vorlage Nr.: 2026/0299", "Betreff: Radwege");
- a column of labels, then a column of values ("Gremium:" "Termin:" "Vorlage Nr.:" … then
  "Ortschaftsrat X" "01.02.2012" "3"), paired by what each value can be (a date for a date
  field, a number for a number field, text for the others, in order);
- table cells split by "|", one or more to a line.
What a form gives is read by role (title, asker, number, answer), not by one system's label.
"""

from __future__ import annotations

import re

from ingest import fields
from ingest.segment.cues import KIND_NUMBER
from ingest.segment.lines import Line
from ingest.textfix import fold_spaces
from ratsarchiv.model import Question

# the labels by the role of their value
_ROLES = {
    "title": r"Kurztitel|Betreff|Betr\.|Titel|Thema|Gegenstand",
    "asker": r"Absender(?:in)?|Antragsteller(?:in|/in|\*in)?|Einreicher(?:in|/in|\*in)?|Fragesteller(?:in|/in|\*in)?"
             r"|Eingereicht\s+von|Urheber(?:in)?",
    "number": r"Nummer|Vorlagen?[\s-]*Nr\.?|Vorlagennummer|Drucksachen?(?:[\s-]*Nr\.?)?|Drs\.(?:[\s-]*Nr\.?)?"
              r"|Anfrage[\s-]*Nr\.?|Az\.?|Aktenzeichen",
    "date": r"Datum|Sitzungstermin|Termin|Sitzungsdatum|Eingang|Eingangsdatum",
    "answer": r"(?:Stellungnahme|Antwort|Beantwortung)\s+(?:de[rs]\s+)?(?:Verwaltung|Stadtverwaltung|Magistrats"
              r"|Senats|Bezirksamts|Oberbürgermeister(?:in|s)?|Bürgermeister(?:in|s)?|Landesregierung)"
              r"|Stellungnahme\s*/\s*Antwort|Antwort\s*/\s*Stellungnahme",
    # who answers: the office ("Stellungnahme/Antwort durch: FD 60 - Bauverwaltung"), the person ("Dezernent/in:")
    "answerer": r"(?:(?:Stellungnahme\s*/\s*)?Antwort|Beantwortung|Stellungnahme)\s+durch|Beantwortet\s+durch"
                r"|Dezernent(?:in|/in|\*in|\s*/\s*Dezernentin)?|Zuständige[rs]?\s+Dezernat|Dezernat",
    "faction": r"Fraktion(?:\s*/\s*(?:Partei|Gruppe))?|Partei|Gruppe|Fraktion\s+oder\s+Gruppe",
    "question": r"Frage|Fragen|Fragestellung|Wortlaut(?:\s+der\s+Anfrage)?",
    "other": r"Adressat(?:in)?|Empfänger(?:in)?|Gremium|Gremien|Beratungsfolge|Status|Zuständigkeit"
             r"|Verantwortlich|Dienststelle|Federführung|Sitzung",
    "top": r"TOP|TOP-Nr\.?|Tagesordnungspunkt",
}
_ROLE_OF = [(role, re.compile(rf"^(?:{pat})$", re.I)) for role, pat in _ROLES.items()]
_ANY = "|".join(f"(?:{p})" for p in _ROLES.values())
# the labels that may stand inside a line of text: not the words a title or a sentence also uses
# ("Anfrage der Fraktion: Radwege", "Frage: …")
_IN_TEXT = "|".join(f"(?:{p})" for r, p in _ROLES.items() if r not in ("answerer", "faction", "question"))
# "Datum", "Vorlage Nr.:", "Kurztitel" alone on a line (or in a cell)
_ALONE = re.compile(rf"^\s*(?P<l>{_ANY})\s*:?(?:[^\w]|_){{0,3}}$", re.I)  # "Fraktion / Partei: _": a speck after it
# "Vorlage Nr.: 2026/0299": label, colon, value
_INLINE = re.compile(rf"^\s*(?P<l>{_ANY})\s*:\s*(?P<v>[^\s\w]*[^\W_].*)$", re.I)  # "TOP: -" (a speck) is a label alone
# a label inside a value ends it: "… Durchblick! Stellungnahme der Verwaltung: offen", also where the
# line break cut the label ("… 2022 Stellungnahme der" / "Verwaltung: offen")
_LABEL_INSIDE = re.compile(rf"\s+(?P<l>{_IN_TEXT})\s*:\s*|\s+(?:{_ROLES['answer']})\s*$|\s+(?:Stellungnahme|Antwort)\s+de[rs]\s*$")
# a cell that says who may see the form, not a value of any label
_ACCESS = re.compile(r"^(?:öffentlich|nicht\s?öffentlich|nichtöffentlich|Ö|N|Ö\s*/\s*N)$", re.I)
# a table's rules as OCR reads them: "I", "II", "l|"
_RULE = re.compile(r"^[Il|!\[\]]{1,3}$")
# the text of the document begins: a greeting, a sentence
_TEXT = re.compile(r"^\s*(?:Sehr\s+geehrte|Liebe|Hallo|Guten\s+Tag)\b", re.I)
_TYPED = {"date": lambda v: bool(fields.find_date(v)),
          "number": lambda v: any(c.isdigit() for c in v) and not fields.find_date(v) and len(v.split()) <= 2,
          "top": lambda v: bool(re.fullmatch(r"[NÖ]?\s*\d{1,3}(?:\.\d{1,2})*[a-z]?", v))}


def role_of(label: str) -> str:
    label = fold_spaces(label.strip(" :"))
    return next((role for role, pat in _ROLE_OF if pat.match(label)), "other")


def cells(lines: list[Line], limit: int = 80) -> list[str]:
    """The non-blank lines of a form's head, split into table cells where "|" divides them."""
    out = []
    for ln in lines[:limit]:
        for cell in ln.text.split("|"):
            # "FragesteHer*in:": tesseract reads "ll" as "H" on a poor scan; no German word has it so
            cell = re.sub(r"(?<=[a-zäöüß])H(?=[a-zäöüß])", "ll", fold_spaces(cell)).strip()
            if cell and not _ACCESS.match(cell) and not _RULE.match(cell):
                out.append(cell)
    return out


def is_label(cell: str) -> bool:
    return bool(_ALONE.match(cell))


def starts_form(lines: list[Line], i: int) -> bool:
    """True when two of the next three cells after line i are form labels: line i heads a form."""
    following = cells(lines[i + 1:i + 12])[:3]
    return sum(bool(_ALONE.match(c) or _INLINE.match(c)) for c in following) >= 2


def read_form(lines: list[Line]) -> dict[str, str]:
    """The values of a form's labelled fields by role ("title", "asker", "number", "answer", "date",
    "other"), the first of each role; {} where fewer than three labels stand in the head. A form
    without a title label gives as "title" the first text line after its fields that reads as one
    (over a line break while the phrase runs on)."""
    texts = cells(lines)
    found: dict[str, str] = {}
    labels: set[str] = set()  # distinct labels: "Frage:" … "Frage:" in a list of questions is no form
    used: set[int] = set()
    last_field = -1
    i = 0
    while i < len(texts):
        t = texts[i]
        if _TEXT.match(t) or len(t) > 160:
            break  # the letter begins
        inline = _INLINE.match(t)
        if inline:
            labels.add(fold_spaces(inline.group("l")).casefold())
            _put(found, inline.group("l"), inline.group("v"), texts, i, used)
            used.add(i)
            last_field = i
            i += 1
            continue
        if not _ALONE.match(t):
            i += 1
            continue
        run = []
        while i < len(texts) and _ALONE.match(texts[i]):
            run.append(_ALONE.match(texts[i]).group("l"))
            used.add(i)
            i += 1
        labels.update(fold_spaces(label).casefold() for label in run)
        values = []
        j = i
        while j < len(texts) and not _ALONE.match(texts[j]) and not _INLINE.match(texts[j]) and len(values) < len(run) + 2:
            if _TEXT.match(texts[j]):
                break
            values.append(j)
            j += 1
        # fewer numbers than number fields: one field is empty, and which one no column tells
        numbers = sum(_TYPED["number"](texts[k]) for k in values)
        ambiguous = numbers < sum(role_of(label) in ("number", "top") for label in run)
        for label in run:
            if ambiguous and role_of(label) in ("number", "top"):
                continue
            if role_of(label) == "faction":  # a group is named in a few words, not in the question after it
                pick = next((k for k in values if k not in used and len(texts[k].split()) <= 6), None)
                if pick is not None:
                    used.add(pick)
                    last_field = max(last_field, pick)
                    _put(found, label, texts[pick], texts, pick, used)
                continue
            check = _TYPED.get(role_of(label))
            pick = next((k for k in values if k not in used and (check(texts[k]) if check
                                                                 else not any(c(texts[k]) for c in _TYPED.values()))), None)
            if pick is None and not check:
                pick = next((k for k in values if k not in used and not fields.find_date(texts[k])), None)
            if pick is not None:
                used.add(pick)
                last_field = max(last_field, pick)
                _put(found, label, texts[pick], texts, pick, used)
        i = j
    if len(labels) < 3:
        return {}
    if "question" not in found and found.keys() & {"answer", "answerer"}:
        found.update(_unlabelled_question(texts, used))
    if "title" not in found and not found.keys() & {"question", "answer"}:  # a title stands above the question
        rest = [k for k in range(len(texts)) if k not in used and k > last_field]
        for k in rest[:4]:
            t = texts[k]
            if _TEXT.match(t):
                break
            if _reads_as_title(t) and not _labels_in_a_row(t):
                found["title"] = _run_on(t, texts, k, used)
                break
    return found


def _unlabelled_question(texts: list[str], used: set[int]) -> dict[str, str]:
    """The question of a form that prints it without a label: the text between the asker's fields and
    the answer's, where it asks ("…, oder gibt es Vorarbeiten dazu?")."""
    answer_at = next((k for k, t in enumerate(texts) if (m := _ALONE.match(t) or _INLINE.match(t))
                      and role_of(m.group("l")) in ("answer", "answerer")), None)
    if answer_at is None:
        return {}
    start = max((k for k in used if k < answer_at), default=-1) + 1
    before = [k for k in range(answer_at) if k not in used]
    text = fold_spaces(" ".join(texts[k] for k in before if k >= start - 4 and not _ALONE.match(texts[k])))
    return {"question": text} if "?" in text else {}


def _labels_in_a_row(text: str) -> bool:
    """"Gremium Termin TOP ö nö": a form's row of labels run together, no title."""
    return sum(bool(_ALONE.match(w)) for w in text.split()) >= 2


def _put(found: dict[str, str], label: str, value: str, texts: list[str], k: int, used: set[int]) -> None:
    """Store a field's value under its role (the answer field also under "answer_label": who answers)."""
    role = role_of(label)
    cut = _LABEL_INSIDE.search(value)
    if cut:
        rest = value[cut.end():].strip() if cut.group("l") else ""
        value = value[:cut.start()]
        if cut.group("l") and rest:
            _put(found, cut.group("l"), rest, texts, k, used)
    value = value.strip(" :|")
    if role == "question":  # the question runs on over the next lines, to the next label
        j = k + 1
        while j < len(texts) and j not in used and not _ALONE.match(texts[j]) and not _INLINE.match(texts[j]) \
                and not value.rstrip().endswith("?") and len(value) < 600:
            value = f"{value} {texts[j]}"
            used.add(j)
            j += 1
    if role == "answer":
        found.setdefault("answer_label", fold_spaces(label))
    if role == "title" and value:
        # "Antwort auf Anfrage CDU betr. Radwege": the subject follows "betr."
        value = re.sub(r"^.*?\b(?:betr\.|betreffend|zum\s+Thema)\s*:?\s*(?=\S)", "", _run_on(value, texts, k, used))
    if value:
        found.setdefault(role, value)


# a phrase that goes on: it ends in a word no title ends with, or in a hyphen ("Planungs- und")
_OPEN_END = re.compile(r"(?:\b(?:und|oder|sowie|der|die|das|des|dem|den|im|in|am|an|auf|aus|bei|für|mit|nach|von|vom"
                       r"|zu|zum|zur|über|unter|gegen|durch|ohne|zwischen|wegen|bis|seit|vor|ein|eine|einer|eines)|[-–,])\s*$")


def _run_on(value: str, texts: list[str], k: int, used: set[int]) -> str:
    """A title value with the cells that continue it, while the phrase runs on over the line break."""
    out, taken = run_on(value, texts[k + 1:k + 3])
    used.update(range(k + 1, k + 1 + taken))
    return out


def run_on(value: str, following: list[str]) -> tuple[str, int]:
    """A title with the lines that continue it while the phrase runs on over a line break ("… im Saarland
    nach" / "dem Fahrplanwechsel 2014"), cut before a label; and how many lines it took."""
    out, taken = value, 0
    for nxt in following:
        # the phrase runs on: it ends open, or the next line goes on in small letters ("… aus rechtsextremen" /
        # "beziehungsweise gesichert …")
        goes_on = _OPEN_END.search(out) or (nxt[:1].islower() and not re.search(r"[.!?:;]\s*$", out))
        if not goes_on or _ALONE.match(nxt) or _INLINE.match(nxt) or _TEXT.match(nxt):
            break
        cut = _LABEL_INSIDE.search(" " + nxt)
        out = f"{out} {(' ' + nxt)[:cut.start()].strip() if cut else nxt}"
        taken += 1
    return fold_spaces(out), taken


def _reads_as_title(text: str) -> bool:
    t = text.strip()
    return (8 <= len(t) <= 160 and len(t.split()) >= 2 and t[:1].isupper() and not fields.find_date(t)
            and not re.search(r"[.:;]\s*$", t) and not re.match(r"^(?:Herrn?|Frau)\b", t))


def form_faction(value: str | None) -> str | None:
    """The faction an asker field names ("Fraktion X", "SPD-Fraktion", a party), else None."""
    if not value:
        return None
    return fields.find_faction(value) or fields.find_asker_faction([f"Absender: {value}"])


def form_group(form: dict[str, str]) -> str | None:
    """The faction a faction field ("Fraktion / Partei: Marburger Linke") names, as written where no
    known faction is in it."""
    value = fold_spaces(form.get("faction", "")).strip(" :–—-_|.,;")
    if not value:
        return None
    return fields.find_faction(value) or (value if len(value.split()) <= 6 and not fields.find_date(value) else None)


# a field label that follows a title glued on ("Radwege Stellungnahme der Verwaltung: S0020/20",
# "Radwege Datum: 03.04.2024"); title labels are not among them ("Anfrage zum Thema: Radwege")
_TRAILING_LABEL = re.compile(r"\s+(?:" + "|".join(f"(?:{p})" for r, p in _ROLES.items()
                                                  if r not in ("title", "answerer", "faction", "question"))
                             + r")\s*:(?:\s.*|$)", re.I)


def cut_at_label(title: str) -> str:
    """A title without a field label (and its value) glued on after it."""
    m = _TRAILING_LABEL.search(title)
    before = title[:m.start()] if m else ""
    return before if m and (len(before.split()) >= 2 or len(before) >= 6) else title  # "Lutherdenkmal Fragesteller: …"


def form_answerer(form: dict[str, str]) -> str | None:
    """Who answers, as the form's answerer field names it ("FD 60 - Bauverwaltung", "Bürgermeister Dr. X")."""
    value = fold_spaces(form.get("answerer", "")).strip(" :–—-_|.,;")
    return value or None


def called_by(lines: list[Line], limit: int = 40) -> tuple[str, str] | None:
    """(heading, running number) of the line that calls a form without a subject field: "Kleine Anfrage
    Nr. 01" is its title and "01" its number, as printed."""
    for ln in lines[:limit]:
        m = KIND_NUMBER.match(ln.text.replace("Nr. ", "Nr."))
        if m:
            return fold_spaces(ln.text), m.group("n")
    return None


def form_questions(form: dict[str, str], found: list[Question]) -> list[Question]:
    """The questions of a form's question field ("Frage:" / text), each sentence that asks, else the
    whole field, where they are more than the questions found in the text; else those found."""
    text = form.get("question", "")
    asked = [q.strip() for q in re.findall(r"[^.?!]*\?", text) if len(q.split()) >= 3] or ([text] if text.strip() else [])
    return [Question(str(k + 1), q) for k, q in enumerate(asked)] if len(asked) > len(found) else found


def form_outcome(form: dict[str, str], answered_by: str | None, status: str | None) -> tuple[str | None, str | None]:
    """(answered_by, status) with what a form's answer fields say: the answer field ("offen", a reference,
    text), then who answers ("Stellungnahme/Antwort durch: FD 40 - Schule"), answered where an answer stands."""
    if (answer := form_answer(form)) is not None:
        answered_by, status = answer
    if who := form_answerer(form):
        answered_by = who
        if form.get("answer"):
            status = status or "beantwortet"
    return answered_by, status


def form_title(form: dict[str, str]) -> str | None:
    """The title field's value as printed: no agenda number to strip ("10 Jahre …" keeps its 10)."""
    title = fold_spaces(form.get("title", "")).strip(" :–—-_|.,;")
    return title if len(title) >= 3 else None


def form_number(form: dict[str, str]) -> str | None:
    """The Drucksachen-number a number field gives ("F0338/19", "2026/0299", a bare "3")."""
    # OCR noise around a number: "F0338/ 19°", "3 |"
    value = re.sub(r"(?<=\w)\s*([/.-])\s*(?=\d)", r"\1", form.get("number", "")).strip(" °'’‘.,;:|")
    return fields.find_number(value) or (value if re.fullmatch(r"[A-Z]{0,4}\d{1,6}", value) else None)


_OPEN_ANSWER = re.compile(r"^\s*(?:offen|-+|–|entfällt|noch\s+nicht|ausstehend|k\.\s?A\.?)\s*$", re.I)


def form_answer(form: dict[str, str]) -> tuple[str | None, str | None] | None:
    """(answered_by, status) from a form's answer field: "offen" or a dash means not yet answered
    (None, None); a reference or text means the body the label names answered; None without the field."""
    if "answer" not in form:
        return None
    if _OPEN_ANSWER.match(form["answer"]):
        return None, None
    return fields.find_answering_body(form.get("answer_label", "")) or "Verwaltung", "beantwortet"
