"""Stage 2: where agenda items start, and of which kind.

A heading names its kind ("Anfrage der …", "TOP 7.3 Antrag …", "Vorlage Nr. …") or continues the
agenda numbering ("Ö 1 Bekanntgaben", "3. Einwohnerfragestunde")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest import fields
from ingest.segment.cues import ANSWER_LINE, KIND_NUMBER, OUTCOME, SIGNATURE_ROLE
from ingest.segment.form import starts_form
from ingest.segment.lines import Line


# --- headings -----------------------------------------------------------------------
KINDS = [
    # "Anfraqe": tesseract reads g as q on poor scans; "Dringlichkeitsanfrage", not "Bauvoranfrage"
    (r"(?:[Kk]leine\s+|[Gg]roße\s+|Grosse\s+|Dringliche\s+|[Ss]chriftliche\s+|[Mm]ündliche\s+)?"
     r"(?:(?:Dringlichkeits|Sachstands|Fraktions|Stadtrats|Gemeinderats|Kreistags|Ortsbeirats|Bezirks)a|A)nfra[gq]e"
     r"|(?:Mündliche|Dringliche|Schriftliche)\s+Frage|Frage(?=\s+Nr\.?\s*\d)|Auskunftsersuchen", "Anfrage"),
    (r"(?:Dringlichkeits|Änderungs|Aenderungs|Ergänzungs|Prüf)?[Aa]ntrag", "Antrag"),
    (r"(?:Beschluss|Magistrats|Verwaltungs|Informations|Mitteilungs)?[Vv]orlage", "Vorlage"),
    (r"Bericht", "Vorlage"),
    (r"Mitteilung(?:en)?|Bekanntgabe(?:n)?", "Mitteilung"),
]
_KIND_RE = "|".join(f"(?P<k{i}>{pat})" for i, (pat, _) in enumerate(KINDS))
# the agenda number may be misread by OCR ("TOP A" for "TOP 4"): any short token counts
_TOP = (r"(?:§\s*\d{1,3}\s+(?!Abs\b|Satz\b)|(?:(?:Zu\s+)?(?:TOP|Top|Tagesordnungspunkt|Punkt|Ziffer)(?:\s*N?Ö(?=\s*\d))?|Ö|NÖ)\s*(?:[\dIVX]+[a-z]?|[\w|]{1,2})(?:\.\d+)*\.?"
        r"(?:\s+der\s+Tagesordnung)?\s*[:.)–-]?\s*")
# "2. Anfrage …", "2.1 Anfrage …", "a) Anfrage …", and "2 Anfrage …" as agenda tables print it
_ENUM = r"|\d{1,2}(?:\.\d{1,2})+\.?\s+|\d{1,2}[.:]?\s+(?=[A-ZÄÖÜ])|[a-z]\)\s+(?=[A-ZÄÖÜ]))"
# a bullet or bracket before the kind, as web pages list them ("• Anfrage …", "[Anfrage:] Title")
# "Antwort: Kleine Anfrage zum …", "Antwort auf die Kleine Anfrage …": a page of answers, one heading each
HEADING = re.compile(rf"^\s*(?:[\[•·▪*]\s*)?(?P<top>{_TOP}{_ENUM})?(?:Antwort\s*(?::|auf\s+(?:die|eine))\s*)?"
                     rf"(?P<kind>{_KIND_RE})(?P<rest>(?:\s.*|[:–\]-].*)?)$")
# "6. Mündliche Anfragen", "Ö 4 Anfragen": a section over several items, not an item itself
DIVIDER = re.compile(r"^\s*(?:(?:TOP|Ö|NÖ|Punkt)\s*(?:N?Ö\s*)?)?\d{1,2}\.?\s+(?:Große\s+|Kleine\s+|Mündliche\s+|Schriftliche\s+)?"
                     r"(?:Anfragen|Anträge|Vorlagen|Mitteilungen|Berichte)\s*$")
_DIVIDER_ANY_CASE = re.compile(DIVIDER.pattern, re.I)  # "4. ANFRAGEN"
_SECTION_KINDS = {"anfragen": "Anfrage", "anträge": "Antrag", "vorlagen": "Vorlage", "mitteilungen": "Mitteilung",
                  "berichte": "Vorlage"}


def despaced(text: str) -> str:
    """A word printed letter-spaced ("A N F R A G E N", "K l e i n e A n f r a g e") written together;
    where the gap between words is lost, a capital after a small letter starts the next word."""
    return re.sub(r"\b(\w(?: \w){3,})\b",
                  lambda m: re.sub(r"(?<=[a-zäöüß])(?=[A-ZÄÖÜ])", " ", m.group(1).replace(" ", "")), text)


def section_kind(text: str) -> str | None:
    """The kind of the items under a divider ("4. Anfragen", "6. Mündliche Anfragen"), else None."""
    t = despaced(text)
    if not _DIVIDER_ANY_CASE.match(t):
        return None
    return _SECTION_KINDS.get(t.split()[-1].casefold())


TOC_START = re.compile(r"^\s*(?:Tagesordnung|Vorläufige\s+Tagesordnung)\s*:?\s*$", re.I)
_REST_OK = re.compile(r"^\s*(?:der|des|von|vom|Nr\.?|zu[mr]?|betr|betreffend|gem|:|–|-|\(|\]|\bder\b"
                      r"|\d{1,3}\s*[:.)–-]\s*\S)", re.I)  # "Anfrage 3: Title" in a numbered list


@dataclass
class Heading:
    index: int  # line index of the heading line
    kind: str
    top: bool  # numbered agenda item (TOP …)
    rest: str  # heading text after the kind word
    asker: str | None = None  # the faction a sub-divider names for the items below it ("4.1. der SPD-Fraktion")
    prose: bool = False  # the heading line is already the item's text ("Gemeinderat X fragt, ob …")
    answerer: str | None = None  # the office a list of questions assigns the answer to ("Dez. V")
    status: str | None = None  # what a list's heading says of its items ("Antworten auf Stadtratsanfragen")
    form: bool = False  # the kind line heads a form of labelled fields: its title is a field, none stands above
    titled: str | None = None  # the title, where the stage that found the heading knows it (a letter's topic line)
    called: str | None = None  # the collective number of the Fragestunde the question was called in


# a kind word starting a line, also as the head of a compound ("Mitteilungsdrucksache des Amtes")
KIND_WORD = re.compile(rf"^\s*(?:{_KIND_RE})")
# the kind after an item's title: "Radwege (Anfrage der SPD-Fraktion vom …)", "Lärmschutz - Anfrage von Stadtrat X"
KIND_SUFFIX = re.compile(rf"(?:\(|\s[-–]\s*)(?:{_KIND_RE})\s+(?:der|des|von|vom|Nr\.?)\b(?:[^()]|\([^()]*\))*\)?\s*$")


def _kind_of(m: re.Match) -> str:
    for i, (_, kind) in enumerate(KINDS):
        if m.group(f"k{i}"):
            return kind
    return "Sonstiges"


def _next_nonblank(lines: list[Line], i: int, n: int) -> list[int]:
    out = []
    j = i + 1
    while j < len(lines) and len(out) < n:
        if lines[j].text.strip():
            out.append(j)
        j += 1
    return out


def toc_lines(lines: list[Line]) -> set[int]:
    """Lines of a Tagesordnung printed before the items: from "Tagesordnung:" to the next gap, or to
    the first line of running text where the scan has no gaps; a numbered line right above running
    text is the first item itself, no entry of the list."""
    out: set[int] = set()
    for i, ln in enumerate(lines):
        if TOC_START.match(ln.text):
            run = []
            j = i + 1
            while j < len(lines) and lines[j].text.strip():
                if _running_text(lines[j].text):
                    if run and run[-1] == j - 1 and AGENDA.match(lines[run[-1]].text.strip()):
                        run.pop()
                    break
                run.append(j)
                j += 1
            out.update(run)
    return out


def _running_text(text: str) -> bool:
    """A line of prose: long, with many words in small letters."""
    t = text.strip()
    return len(t) >= 70 and sum(w[:1].islower() for w in t.split()) >= 5


# "§ 102 Anfragen" (Baden-Württemberg numbers the items of a year through, as paragraphs)
AGENDA = re.compile(r"^\s*(?P<prefix>(?:Zu\s+)?(?:TOP|Punkt|Tagesordnungspunkt)\s*(?:N?Ö\s*)?|Ö\s*|NÖ\s*|§\s*(?=\d+\s+(?!Abs\b|Satz\b)))?"
                    r"(?P<num>\d{1,3})"
                    r"(?P<sub>(?:\.\d{1,2})*)[.:]?(?:\s+der\s+Tagesordnung)?(?:\s+(?P<rest>\S.*))?$")


def find_headings(lines: list[Line]) -> list[Heading]:
    """Headings of agenda items. Lines naming a kind ("Anfrage der …") always count; other
    numbered agenda lines ("Ö 1 Bekanntgaben", "2. Genehmigung der Niederschrift") count as
    items of kind Sonstiges when they continue the agenda numbering and do not stand where
    an Anfrage's numbered questions could be (before its outcome is recorded)."""
    found: list[Heading] = []
    skip = toc_lines(lines)
    top_num = 0
    seen: set[str] = set()  # agenda numbers already met
    open_anfrage = False  # inside an Anfrage whose outcome has not been recorded yet
    new_sentence = True
    section: tuple[str, str] | None = None  # (number, kind) of the divider the items stand under
    section_asker: str | None = None
    for i, ln in enumerate(lines):
        text = ln.text.strip()
        if not text or len(text) > 200 or i in skip:
            new_sentence = True
            continue
        agenda = AGENDA.match(text)
        top_id = agenda.group("num") + agenda.group("sub") if agenda and agenda.group("prefix") else None
        if top_id in seen and OUTCOME.search(" ".join([text] + [lines[j].text for j in _next_nonblank(lines, i, 1)])):
            new_sentence = text.endswith((".", "?", "!", ":"))
            continue  # "Punkt 2.4: Antrag mit Stellungnahme erledigt": the decision on an earlier item
        # "TOP 3 Fragestunde" / "Kleine Anfrage Nr. 07": the slot of several Anfragen, each its own item
        slot = bool(re.match(r"\s*(?:Fragestunde|Anfragen|Aktuelle\s+Stunde)\s*$", agenda.group("rest") or "")) if agenda else False
        label = _kind_labels(lines, i) if top_id and agenda.group("rest") and not slot else None
        if label is not None and (own := KIND_WORD.match(agenda.group("rest"))):
            label = (_kind_of(own), label[1])  # "TOP Ö 7.1 Anfrage der …" / "Vorlage: 0456/2022": an Anfrage
        if label is not None:  # "Punkt 2.4 der Tagesordnung: <title>" / "Antrag: CDU" / "Vorlage: …": one heading
            kind, label_lines = label
            found.append(Heading(i, kind, True, agenda.group("rest").strip()))
            skip.update(label_lines)
            seen.add(top_id)
            open_anfrage = kind == "Anfrage"
            top_num = int(agenda.group("num"))
            new_sentence = True
            continue
        if top_id:
            seen.add(top_id)
        m = HEADING.match(text)
        if m and not m.group("top") and _continues_sentence(lines, i) and not KIND_NUMBER.match(text):
            m = None  # "… Der zugehörige / Antrag der CDU-Fraktion stamme …": a kind word in running text
        if m:
            rest = m.group("rest") or ""
            has_top = bool(m.group("top"))
            near = " ".join(lines[j].text for j in _next_nonblank(lines, i, 2))
            if found and _asker_line(lines, found[-1], i, _kind_of(m), rest):
                pass  # "Anfrage 1: <title>" / "Anfrage der Abgeordneten X (SPD)": who asks, not a new item
            elif has_top or (_REST_OK.match(rest) and not OUTCOME.search(rest)) or (
                    not rest.strip() and fields.find_number(near) and not fields.find_date(near)) or (
                    _numbered_kind_line(text, rest)) or (not rest.strip(" |") and starts_form(lines, i)) or (
                    KIND_NUMBER.match(text)):
                found.append(Heading(i, _kind_of(m), has_top, rest.strip(),
                                     form=not rest.strip(" |") and starts_form(lines, i)))
                open_anfrage = found[-1].kind == "Anfrage"
                if agenda:
                    top_num = int(agenda.group("num"))
        elif _number_and_asker(lines, i):
            found.append(Heading(i, "Anfrage", True, ""))
            open_anfrage = True
        elif (block := _numbered_asker_block(lines, i)) is not None:
            found.append(Heading(i, "Anfrage", True, "", block[0], answerer=block[1]))
            open_anfrage = True
        elif agenda and _asker_follows(lines, i):
            found.append(Heading(i, "Anfrage", True, (agenda.group("rest") or "").strip()))
            open_anfrage = True
        elif agenda and (title_at := _asker_below(lines, i, agenda)) is not None:
            found.append(Heading(i, "Anfrage", True, lines[title_at].text.strip() if title_at else ""))
            open_anfrage = True
        elif agenda and (under := section_kind(text) or _slot_section(lines, i, agenda)):
            section, section_asker = (agenda.group("num"), under), None
            top_num = int(agenda.group("num"))
        elif section and agenda and agenda.group("num") == section[0] and agenda.group("sub") and _is_item_of_section(text, agenda) \
                and not _kind_line_under(lines, i):
            found.append(Heading(i, section[1], True, (agenda.group("rest") or "").strip(), section_asker))
            open_anfrage = section[1] == "Anfrage"
        elif section and agenda and agenda.group("num") == section[0] and _names_asker(agenda.group("rest") or ""):
            section_asker = fields.find_faction(agenda.group("rest"))
        elif agenda and (not open_anfrage or agenda.group("prefix")) and _is_agenda_line(lines, i, agenda, top_num):
            top_num = int(agenda.group("num"))
            section = None
            if not DIVIDER.match(text) and not _heading_follows(lines, i):
                found.append(Heading(i, "Sonstiges", True, (agenda.group("rest") or "").strip()))
                open_anfrage = False
        elif open_anfrage and new_sentence and OUTCOME.search(text) and not text.endswith(("?", ":")):
            open_anfrage = False
        new_sentence = text.endswith((".", "?", "!", ":"))
    return found


def _numbered_kind_line(text: str, rest: str) -> bool:
    """A short line of a kind and its Drucksachen-number ("Kleine Anfrage und Antwort Landesregierung
    - Drs. 7/5630", "Große Anfrage – Drucksache 18/123"): the line that files an item, not prose."""
    return (len(text) <= 100 and not text.endswith((".", ",", ";")) and not OUTCOME.search(rest)
            and fields.find_number(rest) is not None)


# "Anfrage: FW", "Vorlage: 2018/0299", and "Vorlage 2018/0299" without its colon
_LABEL = re.compile(rf"^\s*(?P<kind>{_KIND_RE})\s*(?::\s*\S|\s+(?:Nr\.?\s*)?\d[\w/.-]*\d\s*$)")


def _kind_labels(lines: list[Line], i: int) -> tuple[str, list[int]] | None:
    """Labelled kinds right under an agenda line ("Anfrage: FW, StR Schmitt", "Vorlage: 2018/0299"),
    as (the first one's kind, their line indices)."""
    below = []
    for j in _next_nonblank(lines, i, 3):
        if AGENDA.match(lines[j].text) or HEADING.match(lines[j].text) and not _LABEL.match(lines[j].text):
            break  # the next item's heading: labels stand right under their own agenda line
        below.append(j)
    found = [(j, m) for j in below if (m := _LABEL.match(lines[j].text))]
    if not found or found[0][0] not in _next_nonblank(lines, i, 2):
        return None
    return _kind_of(found[0][1]), [j for j, _ in found]


def _continues_sentence(lines: list[Line], i: int) -> bool:
    """True when the line above is prose broken off mid-sentence: a full line (titles are shorter)
    ending in a lower-case word."""
    above = lines[i - 1].text.strip() if i > 0 else ""
    words = above.split()
    prev = next((t for j in range(i - 1, max(i - 4, -1), -1) if (t := _TAGS.sub("", lines[j].text).strip())), "")
    if prev.split() and prev.split()[-1].casefold() in _OPEN_ENDS:
        return True  # "… getauscht mit" / "Frage Nr. 92": the sentence goes on
    return (len(above) >= 60 and len(words) >= 6 and words[-1][:1].islower()
            and not above.endswith((".", "?", "!", ":", ";")))


# words a sentence cannot end with: a preposition, an article, a conjunction
_OPEN_ENDS = {"mit", "von", "zu", "zur", "zum", "auf", "an", "der", "die", "das", "des", "dem", "den", "und",
              "oder", "sowie", "für", "gemäß", "laut", "nach", "über", "durch", "gegen", "ohne", "bei", "aus", "im", "in"}


_ACTOR = re.compile(r"^\s*(?:der|des|von)\s+(?:Abgeordneten|Fraktion|Gruppe|Stadtverordneten|Ratsmitglied|Fraktionen)\b", re.I)


def _asker_line(lines: list[Line], prev: Heading, i: int, kind: str, rest: str) -> bool:
    """True for a line right under a heading of the same kind that only says who asks."""
    return (prev.kind == kind and _next_nonblank(lines, prev.index, 1) == [i] and bool(_ACTOR.match(rest))
            and not fields.find_number(rest))


def prefixed_agenda(text: str) -> bool:
    """A line numbered as an agenda item by a prefix (TOP 3, Ö 6.1, Punkt 4), not a bare number."""
    m = AGENDA.match(text.strip())
    return bool(m and m.group("prefix"))


_MONTH_AFTER_DAY = re.compile(r"(?:" + "|".join(fields.MONTHS) + r")\b", re.I)


def _is_agenda_line(lines: list[Line], i: int, agenda: re.Match, top_num: int) -> bool:
    text = lines[i].text.strip()
    rest = agenda.group("rest") or ""
    if text.endswith(("?", ",", ";")) or len(text) > 110 or (rest and not rest[:1].isupper()):
        return False
    if agenda.group("prefix"):
        return True
    if _MONTH_AFTER_DAY.match(rest):
        return False  # "2. März 2016 gestellten Anfrage …": a date that opens a line of running text
    if QUESTION_WORD.match(rest) or _paragraph_asks(lines, i):
        return False  # "2. Warum wurde …" (its "?" on the next line): a numbered question
    if _REPORTS.match(rest):
        return False  # "1. Bgo. Formella berichtigt, die …": a numbered paragraph of the minutes, no agenda title
    if agenda.group("sub") and _numbering_goes_on(lines, i, agenda):
        return True  # "5.1.1 Meierstraße …" and, further on, "5.1.2 Vermessungstätigkeiten …": a numbered list of items
    # a bare number continues the agenda: "3. Einwohnerfragestunde" after item 2
    return bool(rest) and int(agenda.group("num")) in (top_num + 1, top_num + 2) and not agenda.group("sub")


def _numbering_goes_on(lines: list[Line], i: int, agenda: re.Match) -> bool:
    """True when a later line carries the next number of the same level ("5.1.1" … "5.1.2") as the
    heading of a title, or an earlier one the previous number: items numbered in sequence."""
    parts = (agenda.group("num") + agenda.group("sub")).split(".")
    stem, last = ".".join(parts[:-1]), int(parts[-1])
    wanted = {f"{stem}.{last + 1}", f"{stem}.{last - 1}"}
    for j in range(max(0, i - 400), min(len(lines), i + 400)):
        if j == i:
            continue
        m = AGENDA.match(lines[j].text.strip())
        if m and (m.group("num") + m.group("sub")) in wanted and (m.group("rest") or "")[:1].isupper() \
                and not lines[j].text.rstrip().endswith(("?", ".", ",", ";")) and len(lines[j].text) <= 140:
            return True
    return False


# someone named, then what they do: the opening of a sentence of the minutes
_REPORTS = re.compile(r"^(?:[A-ZÄÖÜ][\wäöüß.-]*\s+){1,4}(?:berichtet|berichtigt|erklärt|teilt|weist|fragt|bittet|erbittet"
                      r"|erkundigt|antwortet|führt|sagt|informiert|bemängelt|moniert|verweist|kritisiert|regt|begrüßt"
                      r"|eröffnet|stellt\s+fest)\b")


# the words a German question opens with
QUESTION_WORD = re.compile(r"(?:Warum|Weshalb|Wieso|Weswegen|Wie|Was|Wann|Wo|Woher|Wohin|Wer|Wem|Wen|Wessen|Welche[rsnm]?"
                           r"|Inwieweit|Inwiefern|Trifft|Gibt|Ist|Sind|Hat|Haben|Kann|Können|Wird|Werden|Plant|Beabsichtigt"
                           r"|Teilt|Liegen|Besteht|Bestehen)\b")


def _paragraph_asks(lines: list[Line], i: int) -> bool:
    """True when the paragraph a numbered line opens ends in a question mark within three lines."""
    j = i
    while j < len(lines) and j < i + 3 and lines[j].text.strip():
        if lines[j].text.rstrip().endswith("?"):
            return True
        if j > i and AGENDA.match(lines[j].text):
            return False
        j += 1
    return False


# "Abgeordnete Reinhold Muster und Karl Beispiel (CDU)": who asks a numbered question of a Fragestunde
ASKER_LINE = re.compile(r"^\s*(?:Abgeordnete[rn]?|(?:Frage|Anfrage)\s+de[rs]\s+Abgeordneten)\s+[^()]{3,120}\([^()]{2,40}\)\s*$")


_NUMBER_ASKER = re.compile(r"^\s*(?P<n>\S*\d\S*?),?\s+(?P<who>[^?.!]{2,40})$")


def _number_and_asker(lines: list[Line], i: int) -> bool:
    """"102.18.69 SPD", "102.18.71, FDP": a Drucksachen-number and the asking faction on a line of
    their own, with a question right below: an Anfrage of a Fragestunde."""
    m = _NUMBER_ASKER.match(lines[i].text)
    if not m or not fields.find_number(m.group("n")) or fields.find_faction(m.group("who")) is None:
        return False
    below = _next_nonblank(lines, i, 8)
    # the question may be cut off before its "?": then its first word shows it
    return any("?" in lines[j].text for j in below) or bool(below and QUESTION_WORD.match(lines[below[0]].text.strip()))


_TAGS = re.compile(r"</?(?:br|strong|b|i|em|p|span|div)\b[^>]*>", re.I)  # markup left in text taken from web pages
# "Nr. 91 Erika Muster" / "CDU" / "Dez. V z.w.V.": a question of a Fragestunde's list, by its number,
# the asker's name, the faction on the next line and the Dezernat that is to answer
_NUMBER_NAME = re.compile(r"^\s*(?:Frage\s+)?Nr\.\s*\d{1,4}\s+(?:(?:Dr|Prof)\.\s*)*[A-ZÄÖÜ][\wäöüß'-]+(?:\s+[A-ZÄÖÜ][\wäöüß'-]+){1,3}\s*$")
_DEZERNAT = re.compile(r"^\s*(?P<d>(?:Dez\.|Dezernat)\s*(?:[IVX]{1,5}|\d{1,2}))\b")


def _numbered_asker_block(lines: list[Line], i: int) -> tuple[str, str | None] | None:
    """(faction, Dezernat) of a "Nr. 91 Name" / faction line, else None."""
    if not _NUMBER_NAME.match(_TAGS.sub("", lines[i].text)):
        return None
    below = [j for j in _next_nonblank(lines, i, 4) if _TAGS.sub("", lines[j].text).strip()][:2]
    if not below:
        return None
    party = _TAGS.sub("", lines[below[0]].text).strip()
    if not (len(party.split()) <= 4 and len(party) <= 40 and not party.endswith((".", "?", ":"))
            and (fields.find_faction(party) or re.fullmatch(r"[A-ZÄÖÜ][\wäöüß&/-]*(?:\s+[A-ZÄÖÜ][\wäöüß&/-]*){0,3}", party))):
        return None
    office = _DEZERNAT.match(_TAGS.sub("", lines[below[1]].text)) if len(below) > 1 else None
    return fields.find_faction(party) or party, office.group("d") if office else None


def _asker_below(lines: list[Line], i: int, agenda: re.Match) -> int | None:
    """"1. Abgeordnete" / "Bettina Muster (SPD)" / title: a numbered asker whose names stand on the
    next lines. Returns the index of the title line under the names (0 where none reads as a
    title), or None where the line is no such asker."""
    if not re.fullmatch(r"Abgeordnete[rn]?|Frage\s+de[rs]\s+Abgeordneten", (agenda.group("rest") or "").strip()):
        return None
    below = _next_nonblank(lines, i, 4)
    party = next((k for k, j in enumerate(below) if re.search(r"\([^()]{2,40}\)\s*$", lines[j].text)), None)
    if party is None:
        return None
    title = below[party + 1] if party + 1 < len(below) else None
    return title if title is not None and _is_title_like(lines[title].text) else 0


def _asker_follows(lines: list[Line], i: int) -> bool:
    """A numbered line with an asker line right under it: an Anfrage in a list of Mündliche Anfragen."""
    nxt = _next_nonblank(lines, i, 1)
    return bool(nxt) and len(lines[i].text) <= 200 and bool(ASKER_LINE.match(lines[nxt[0]].text))


def _names_asker(rest: str) -> bool:
    """"der SPD-Fraktion", "der Gruppe Die Linke": a line that only says who asks."""
    return bool(re.match(r"(?:der|des|von)\s", rest)) and len(rest.split()) <= 6 and fields.find_faction(rest) is not None


def _is_item_of_section(text: str, agenda: re.Match) -> bool:
    """"4.1.1. Moderne Ampeln" under "4. Anfragen": an item of that section; "4.1. der SPD-Fraktion"
    names who asks the items below it, and a long or question line is text. A title followed by who
    asks ("Lutherdenkmal Fragestellerin: Frau X, Fraktion Y.") may end in a full stop."""
    rest = agenda.group("rest") or ""
    asker = bool(re.search(r"\bFragesteller(?:in|/in|\*in)?\s*:", rest))
    return bool(rest) and rest[:1].isupper() and len(text) <= (220 if asker else 140) and (
        asker or not text.endswith((".", ",", ";")))


# an agenda item that gives the floor for several Anfragen: "4.2 Anfragen", "3 Einwohnerfragestunde (Anfragen
# nach § 10 GeschO)", "Ö 7 Anfragen und Mitteilungen"
_SLOT_TITLE = re.compile(r"\b(?:\w*[Aa]nfragen|\w*[Ff]ragestunde|Einwohnerfragen|Fragen\s+(?:von|der|aus))\b")


def _slot_section(lines: list[Line], i: int, agenda: re.Match) -> str | None:
    """"Anfrage" where a short agenda line names a slot for Anfragen and the next agenda line is numbered
    one level below it ("4.2 Anfragen" / "4.2.1 Alte Zahnklinik …"): the items under it are Anfragen."""
    rest = agenda.group("rest") or ""
    if not _SLOT_TITLE.search(rest) or len(rest) > 100 or HEADING.match(rest):
        return None
    own = agenda.group("num") + agenda.group("sub")
    for j in _next_nonblank(lines, i, 4):
        below = AGENDA.match(lines[j].text.strip())
        if below:
            return "Anfrage" if (below.group("num") + below.group("sub")).startswith(own + ".") else None
    return None


def _kind_line_under(lines: list[Line], i: int) -> bool:
    """True when a kind line ("Anfrage der ÖDP vom …") stands right under this numbered line,
    before any other numbered line: then that line is the item's heading."""
    for j in _next_nonblank(lines, i, 2):
        t = lines[j].text.strip()
        if AGENDA.match(t):
            return False
        if HEADING.match(t):
            return True
    return False


def _heading_follows(lines: list[Line], i: int) -> bool:
    """True when a kind heading follows within three lines: then this line is that item's
    number and title ("Punkt 4.1 der Tagesordnung" / title / "Anfrage der …")."""
    for j in _next_nonblank(lines, i, 3):
        t = lines[j].text.strip()
        if HEADING.match(t):
            return True
        if not (_is_title_like(t) or _BETREFF.match(t)):
            return False  # the item's own text comes first
    return False


# --- title-like lines: short, no sentence, no outcome (used to tell a heading's title from its text)
_SESSION_HEADER = re.compile(r"Niederschrift|Sitzung|Protokoll|Tagesordnung", re.I)
_BETREFF = re.compile(r"^\s*(?:Betreff\b|Betr\.|Thema\b|Gegenstand\b)\s*:?\s*(?P<t>\S.*)$", re.I)
_SENTENCE_END = (".", ":", ",", ";", "?", "!")


# what a letterhead or a web page puts where a title could stand: contact lines, a greeting, a page count
NOT_A_TITLE = re.compile(r"@|https?://|\bwww\.|\b(?:Tel|Telefon|Fax|Telefax|E-Mail|Mail)\b\.?\s*:?\s*[+\d(]|\bPostfach\b"
                         r"|^\s*(?:Sehr\s+geehrte|Liebe[rs]?\s|Hallo\b|Guten\s+Tag|Mit\s+freundlichen)"
                         r"|^\s*(?:Seite\s+\d+(?:\s+von\s+\d+)?|\d{5}\s+[A-ZÄÖÜ][\wäöüß-]+)\s*$"
                         r"|^\s*[\d\s./:-]+\s*$", re.I)


def _is_title_like(text: str) -> bool:
    t = text.strip()
    if _SESSION_HEADER.search(t) and (fields.find_date(t) or len(t) > 60):
        return False
    if NOT_A_TITLE.search(t):
        return False
    return (3 < len(t) <= 120 and not t.endswith(_SENTENCE_END) and not OUTCOME.search(t) and not DIVIDER.match(t)
            and not SIGNATURE_ROLE.search(t) and not HEADING.match(t) and not _BETREFF.match(t)
            and not ANSWER_LINE.match(t))
