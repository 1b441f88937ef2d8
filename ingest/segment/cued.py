"""Stage 2b: Anfragen that name no kind, found by the words that put their question.

A faction's page of questions, or an Anfragen section written as prose, may never say
"Anfrage": each entry is a title, a few sentences, "Ich frage den Magistrat:" (or "Wir bitten
um Beantwortung folgender Fragen"), the questions and the asker's name. The question cue is
the one signal every such entry shares, so each cue that no Anfrage heading already covers
anchors an item; the item begins at the title over the paragraph that leads to the cue.

Minutes of smaller councils record the members' questions in indirect speech under an item
"Anfragen" ("Gemeinderat Müller (CDU) fragt an, wann …"): there each paragraph that reports a
member's question is an Anfrage, titled by what was asked.
"""

from __future__ import annotations

import re

from ingest import fields
from ingest.segment.cues import ANSWER_LABEL
from ingest.segment.form import _OPEN_END
from ingest.segment.headings import Heading, _is_title_like
from ingest.segment.lines import Line
from ingest.textfix import fold_spaces

# "Ich frage den Magistrat:", "Wir fragen die Verwaltung:", "Daher fragen wir den Senat:",
# "Wir bitten um Beantwortung folgender Fragen:"
CUE = re.compile(r"^\s*(?:(?:Daher|Deshalb|Deswegen|Darum|Vor\s+diesem\s+Hintergrund|Aus\s+diesem\s+Grunde?|Insofern)\s+)?"
                 r"(?:(?:ich|wir)\s+(?:frage[n]?|bitte[n]?)|frage[n]?\s+(?:ich|wir))\b[^.?!]{0,80}[:]\s*$"
                 r"|^\s*(?:Wir\s+bitten|Ich\s+bitte)\s+(?:den\s+\w+\s+)?um\s+(?:die\s+)?Beantwortung\b"
                 # "… bitten wir Sie, folgende Fragen zu beantworten:", "Bitte beantworten Sie folgende Fragen:",
                 # also at the end of a sentence: "… nicht. Deshalb bittet er um Beantwortung folgender Fragen:"
                 r"|^(?:.*[.?!]\s+)?[^.?!]{0,80}\b(?:folgende[nr]?\s+Fragen|beantworten\s+Sie)\b[^.?!]{0,60}:\s*$"
                 # "Der Stadtverordnete X fragt dazu den Magistrat:", "… fragt die Verwaltung:"
                 r"|^\s*Es\s+fragten?\s+[^?!]{2,80}:\s*$"  # "Es fragte Dr. Beate Jonscher:"
                 r"|^(?:.*[.?!]\s+)?[^.?!]{0,80}\bfrag(?:t|en)\s+(?:\w+\s+){0,2}(?:den|die|das)\s+(?:Magistrat|Verwaltung"
                 r"|Stadtverwaltung|Oberbürgermeister\w*|Bürgermeister\w*|Senat|Landesregierung|Bezirksamt|Gemeindevorstand"
                 r"|Kreisausschuss|Landrat|Landrätin)\s*:\s*$", re.I)


def cue_at(lines: list[Line], i: int) -> bool:
    """True when line i ends a question cue, also one that began on the line above."""
    text = lines[i].text
    if CUE.match(text):
        return True
    return text.rstrip().endswith(":") and i > 0 and bool(lines[i - 1].text.strip()) and \
        bool(CUE.match(f"{lines[i - 1].text.strip()} {text.strip()}")) and not CUE.match(lines[i - 1].text)
_MAX_LEAD = 25  # lines between a title and its cue: a short introduction


def cued_headings(lines: list[Line], headings: list[Heading], end_of_items: int) -> list[Heading]:
    """Headings for Anfragen found by their question cue where no Anfrage heading stands above it."""
    head_faction = next((f for ln in lines[:8] if (f := fields.find_faction(ln.text))), None)
    taken = sorted(h.index for h in headings)
    found: list[Heading] = []
    known: dict[str, str] = {}  # askers' surnames and their factions
    floor = -1
    for i in range(min(end_of_items, len(lines))):
        if not cue_at(lines, i):
            continue
        above = [h for h in headings if h.index < i]
        if above and above[-1].kind == "Anfrage" and above[-1].index > floor and not _after_answered(lines, above[-1].index, i):
            continue  # the cue of an Anfrage the headings found
        if above and above[-1].kind in ("Antrag", "Vorlage") and above[-1].index > floor:
            continue  # questions an Antrag or a Vorlage asks belong to it
        start = _title_over(lines, i, max([floor] + [t for t in taken if t < i]))
        if start is None:
            continue
        asker = _asker_over(lines, start)
        if asker:
            known[asker[0]] = asker[1]
        else:  # "Weiterhin hat Herr Beispiel erfahren …": an asker named before asks again
            lead = " ".join(ln.text for ln in lines[start:i + 1])
            asker = next(((n, f) for n, f in known.items() if re.search(rf"\b{re.escape(n)}\b", lead)), None)
        found.append(Heading(start, "Anfrage", True, lines[start].text.strip(), asker[1] if asker else head_faction))
        floor = i
    if len(found) >= 2 and (last := _trailing_entry(lines, floor, end_of_items)) is not None:
        found.append(Heading(last, "Anfrage", True, lines[last].text.strip(), head_faction))
    return found


# a line titled by its Drucksache number: "• RA 547/2019: Zustand der Arbeitsräume", "Drs. 20/1234 – Radwege",
# "0474/2022: Ortsbeiräte"; the number has a separator in it (not "3: …"), the title starts capitalised
_NUMBER_TITLE = re.compile(r"^\s*(?:[•·▪*–«»›‹-]\s*)?(?:(?:Drs\.|Drucksache|Nr\.)\s*)?"  # the bullet as OCR may read it: «
                           r"(?P<n>(?:[A-Z]{1,5}[ /-]?)?\d{1,5}(?:[/.-]\d{1,5}){1,2}(?:/[IVX]{1,4})?)\s*[:–-]\s+"
                           r"(?P<t>[A-ZÄÖÜ„\"][^.?!]{2,150}?)[\s.«»]*$")
# what says that the text under such a line is an Anfrage or its answer
_ASKED_OR_ANSWERED = re.compile(r"\w*[Aa]nfrage\b|\bFragen?\b|\?\s*$|\bbeantwort|\bAntwort\b", re.M)


def number_titled_headings(lines: list[Line], headings: list[Heading], end_of_items: int) -> list[Heading]:
    """Headings for lines titled by a Drucksache number where the text below them, up to the next such
    line, asks or answers (a page of a council's Ratsanfragen and their answers)."""
    taken = {h.index for h in headings}
    at = [(i, m.group("t").strip()) for i in range(min(end_of_items, len(lines)))
          if i not in taken and (m := _NUMBER_TITLE.match(lines[i].text))
          and not fields._is_date(m.group("n").strip()) and fields.find_number(m.group("n"))]
    found = []
    for k, (i, title) in enumerate(at):
        end = at[k + 1][0] if k + 1 < len(at) else min(end_of_items, len(lines))
        end = min([end] + [t for t in taken if t > i])
        body = "\n".join(ln.text for ln in lines[i + 1:end])
        if len(body.split()) >= 8 and _ASKED_OR_ANSWERED.search(body):
            found.append(Heading(i, "Anfrage", True, title, titled=title))
    return found


def _after_answered(lines: list[Line], heading: int, cue: int) -> bool:
    """True when an answered Anfrage (questions and "Antwort:" labels) stands between a heading and a cue:
    the cue opens the next Anfrage ("Antwort: Kleine Anfrage zu X" / Q&A / "Title" / "X fragt den Magistrat:")."""
    return sum(bool(ANSWER_LABEL.match(lines[k].text)) for k in range(heading + 1, cue)) >= 1 and \
        any("?" in lines[k].text for k in range(heading + 1, cue))


def asking_letter(lines: list[Line], headings: list[Heading], end_of_items: int) -> list[Heading]:
    """Where no stage found anything: a letter that asks and names no kind ("Guten Tag, … Aus diesem
    Grund frage ich:" / "1) Hat die Verwaltung …?") is one Anfrage, from its first line."""
    if headings:
        return []
    end = min(end_of_items, len(lines))
    cue = next((i for i in range(end) if cue_at(lines, i) and _questions_follow(lines, i, end)), None)
    first = next((k for k in range(cue or 0) if lines[k].text.strip()), None)
    return [Heading(first, "Anfrage", True, lines[first].text.strip())] if cue is not None and first is not None else []


def _questions_follow(lines: list[Line], cue: int, end: int) -> bool:
    """True when a question mark ends one of the lines right after a cue."""
    return any(lines[j].text.rstrip().endswith("?") for j in range(cue + 1, min(end, cue + 8)))


_ASKER_LABEL = re.compile(r"^\s*(?:Fragesteller(?:in|/in|\*in|innen)?|Einreicher(?:in)?|Antragsteller(?:in)?)\s*:?\s*$", re.I)


def _trailing_entry(lines: list[Line], cue: int, end_of_items: int) -> int | None:
    """In a series of cued Anfragen, each closed by its asker ("FRAGESTELLERIN" / name), the entry
    after the last one whose cue the page cut off: a title line and the start of its introduction."""
    end = min(end_of_items, len(lines))
    label = next((j for j in range(cue + 1, min(end, cue + 12)) if _ASKER_LABEL.match(lines[j].text)), None)
    if label is None:
        return None
    paragraphs: list[list[int]] = []
    j = label + 1
    while j < end and len(paragraphs) < 3:
        if lines[j].text.strip():
            k = j
            while k < end and lines[k].text.strip():
                k += 1
            paragraphs.append(list(range(j, k)))
            j = k
        else:
            j += 1
    if len(paragraphs) < 3 or len(paragraphs[0]) > 1 or len(paragraphs[1]) > 1:
        return None  # the asker's name, then a title line, then the introduction
    title, intro = paragraphs[1][0], lines[paragraphs[2][0]].text
    t = lines[title].text.strip()
    one_word = len(t.split()) == 1 and len(t) >= 6 and t[:1].isupper() and t.isalpha()
    return title if (one_word or _reads_as_title(t)) and len(intro.split()) >= 8 else None


def _title_over(lines: list[Line], cue: int, floor: int) -> int | None:
    """The line of the title over the introduction that leads to the cue: the first line of the
    cue's paragraph, or a short paragraph (one line, or a name line and the title) above it; the
    introduction may be a paragraph of its own between title and cue ("Title" / text / "ICH FRAGE
    DEN MAGISTRAT:")."""
    j = cue - 1
    while j > floor and cue - j <= _MAX_LEAD and lines[j].text.strip():
        j -= 1
    first = j + 1  # first line of the paragraph that holds the cue
    # a title running straight into its introduction is shorter than the introduction's lines
    if first < cue and _reads_as_title(lines[first].text) and (
            first + 1 == cue or len(lines[first].text.strip()) < 0.8 * len(lines[first + 1].text.strip())):
        return first
    for _ in range(_MAX_PARAGRAPHS):
        block = _paragraph_above(lines, first, floor)
        if block is None or cue - block[0] > _MAX_LEAD:
            return None
        if len(block) <= 2 and _reads_as_title(lines[block[-1]].text):
            return block[-1]
        first = block[0]
    return None


_MAX_PARAGRAPHS = 2  # paragraphs of introduction between a title and its cue


def _paragraph_above(lines: list[Line], i: int, floor: int) -> list[int] | None:
    """The line indices of the paragraph above line i (over a blank line), else None."""
    j = i - 1
    while j > floor and not lines[j].text.strip():
        j -= 1
    if j <= floor or j == i - 1:
        return None
    end = j
    while j - 1 > floor and lines[j - 1].text.strip():
        j -= 1
    return list(range(j, end + 1))


def _asker_over(lines: list[Line], title: int) -> tuple[str, str] | None:
    """(surname, faction) on a name line right above the title ("Karl Beispiel (Fraktion DIE LINKE)" / title)."""
    if title == 0 or not lines[title - 1].text.strip():
        return None
    above = lines[title - 1].text.strip()
    m = re.match(r"^(?:(?:Dr|Prof)\.\s*)*(?:[A-ZÄÖÜ][\wäöüß'-]+\s+){0,2}(?P<name>[A-ZÄÖÜ][\wäöüß'-]+)\s*\([^()]{2,40}\)\s*$", above)
    faction = fields.find_faction(above) if m and len(above) <= 80 else None
    return (m.group("name"), faction) if faction else None


def _reads_as_title(text: str) -> bool:
    t = text.strip()
    dated = re.sub(r"\s*\([^()]*\)\s*$", "", t)  # "Baumaßnahme Brücke (01.07.2014)": the date of the Anfrage
    return (_is_title_like(t) and len(t) <= 100 and len(t.split()) >= 2 and not fields.find_date(dated)
            and not re.search(r"[.!?]\s+[A-ZÄÖÜ]", t))


def _line_above(lines: list[Line], i: int, floor: int) -> int | None:
    """A one-line paragraph right above line i (over a blank line), else None."""
    j = i - 1
    while j > floor and not lines[j].text.strip():
        j -= 1
    if j <= floor or j == i - 1:
        return None
    return j if (j - 1 <= floor or not lines[j - 1].text.strip()) else None


# an item or divider that collects the members' questions: "Anfragen", "Anfragen aus der Mitte des
# Gemeinderats", "Fragen und Anregungen", "Wünsche und Anfragen"
_QUESTIONS_SECTION = re.compile(r"\b(?:An)?[Ff]ragen\b|\bANFRAGEN\b")
# an item that holds several questions: its heading names the slot ("Einwohnerfragestunde", "Anfragen")
_QUESTIONS_SLOT = re.compile(_QUESTIONS_SECTION.pattern + r"|[Ff]ragestunde|\bFragen\w*|[Aa]nfragen\w*|Verschiedenes")
_MEMBER = (r"(?:(?:Stadt|Gemeinde|Orts|Kreis|Bezirks|Rats)?(?:rat|rätin|herr|frau|verordnete[r]?)|Ratsmitglied|Herr|Frau"
           r"|Mitglied|Kreistagsmitglied|Abgeordnete[r]?|Kreistagsabgeordnete[r]?|[A-ZÄÖÜ][a-zäöüß]+(?:rat|rätin)"
           # as minutes abbreviate them: "Stv. Lukat", "Rm. Beispiel", "StR Weber", "GRin Kurz", "KR Maier"
           r"|Stv\.|Rm\.|RM|StR(?:in)?|GR(?:in)?|KR(?:in)?|Gv\.?|GV|KTA|Ausschussmitglied|[Ss]achkundige[r]?\s+Bürger(?:in)?)")
_REPORTED = re.compile(
    r"^\s*(?:\d{1,2}[.)]\s+)?" + _MEMBER + r"\s+(?:(?:Dr|Prof)\.\s*)*[A-ZÄÖÜ][\wäöüß'-]+(?:\s+(?:(?:von|van|de|zu)\s+)?[A-ZÄÖÜ][\wäöüß'-]+){0,3}(?:\s*\([^()]{2,40}\))?,?\s+"
    r"(?:fragt|erkundigt\s+sich|möchte\s+wissen|will\s+wissen|bittet\s+um\s+(?:Auskunft|Information)|stellt\s+(?:die\s+)?(?:folgende\s+)?Frage)"
    r"(?:\s+an)?(?:\s+(?:nach|bei\s+der\s+Verwaltung))?,?\s*(?P<what>[^.?!]{6,160})", re.I)


# "Herr X spricht von … und möchte hierzu wissen, ob …": the ask later in the member's first sentence
_ASKS = re.compile(r"^" + _MEMBER + r"\s+(?:(?:Dr|Prof)\.\s*)*[A-ZÄÖÜ][\wäöüß'-]+[^.?!]{0,160}?\b(?:fragt|erkundigt\s+sich"
                   r"|(?:möchte|will|wollte)\s+(?:\w+\s+){0,2}wissen|bittet\s+um\s+(?:Auskunft|Information|Stellungnahme))\b")


# a sentence that introduces the members' questions: "Es werden folgende Anfragen mündlich gestellt:"
_QUESTIONS_INTRO = re.compile(r"^[^.?!]{0,80}\b(?:An)?[Ff]ragen\b[^.?!]{0,60}:\s*$")
# a paragraph that records the answer to an Anfrage asked in writing before the session: "Auf die
# (schriftliche) Anfrage der SPD-Fraktion (Anlage 1) antwortet Bürgermeisterin X …"
_ANSWER_TO = re.compile(r"^\s*(?:Auf|Zu)\s+(?:die|der)\s+(?P<what>(?:\w+\s+)?Anfrage\s+(?:der|des|von)\s+[^.]{2,120}?)"
                        r"\s+(?:antwortet|erklärt|erwidert|teilt|berichtet|nimmt)\b")
# the same in the past, and for a member's Nachfrage: "Auf Nachfrage von Kreistagsabgeordneten Dr. X bestätigte
# Landrat Y, dass …" (read where no heading stands at all: there the paragraph is the item)
_ANSWERED_NACHFRAGE = re.compile(r"^\s*(?:Auf|Zu)\s+(?:die|der|eine)?\s*(?P<what>(?:\w+\s+)?(?:An|Nach)frage\s+(?:der|des|von)"
                                 r"\s+.{2,120}?),?\s+(?:antwortete?|erklärte?|erwiderte?|teilte?|berichtete?|nahm"
                                 r"|bestätigte?|verneinte?|bejahte?|sagte?)\b")


def reported_headings(lines: list[Line], headings: list[Heading], dividers: list[int], end_of_items: int) -> list[Heading]:
    """Headings for questions reported in indirect speech inside an item or divider that collects
    the members' questions, or under a sentence that introduces them; and for paragraphs that
    record the answer to an Anfrage, outside any Anfrage found already."""
    for h in headings:  # "1. Herr StR X fragt an, ob …": a numbered reported question, not an agenda item
        if h.kind == "Sonstiges" and (m := _REPORTED.match(lines[h.index].text)):
            h.kind, h.rest, h.prose = "Anfrage", _what_was_asked(m.group("what")), True
        elif h.kind == "Sonstiges" and not _QUESTIONS_SLOT.search(h.rest or "") and _asks_below(lines, h.index):
            h.kind, h.prose = "Anfrage", True  # "5.1.1 Meierstraße (Herr X)" / "Herr X möchte wissen, ob …"
    intros = [i for i in range(min(end_of_items, len(lines))) if _QUESTIONS_INTRO.match(lines[i].text)]
    starts = sorted([(h.index, h) for h in headings] + [(d, None) for d in dividers + intros], key=lambda x: x[0])
    if not starts or starts[0][0] > 0:
        starts.insert(0, (-1, None))  # the text before the first heading
    found = []
    for n, (start, h) in enumerate(starts):
        title = (h.rest if h is not None else lines[start].text) if start >= 0 else ""
        end = starts[n + 1][0] if n + 1 < len(starts) else end_of_items
        in_anfrage = h is not None and h.kind == "Anfrage"
        for i in range(start + 1, min(end, len(lines))):
            new_paragraph = (i == 0 or i == start + 1 or not lines[i - 1].text.strip()
                             or lines[i - 1].text.rstrip().endswith((".", "?", "!")))
            if not new_paragraph or in_anfrage or not lines[i].text.strip():
                continue
            m = _REPORTED.match(lines[i].text) if _QUESTIONS_SECTION.search(title or "") else None
            asked = None if m or not _FRAGESTUNDE.search(title or "") else resident_asks(lines, i, end)
            if m:
                found.append(Heading(i, "Anfrage", True, _what_was_asked(m.group("what")), prose=True))
            elif asked is not None:
                found.append(Heading(i, "Anfrage", True, asked, prose=True))
            elif a := _ANSWER_TO.match(" ".join(ln.text for ln in lines[i:i + 3])):
                found.append(Heading(i, "Anfrage", True, "", fields.find_faction(a.group("what")), prose=True))
    return found


def _asks_below(lines: list[Line], i: int) -> bool:
    """True when the first paragraph under an agenda line reports a member's question (a bracketed
    reference line such as "(TOP 5.2.4 am 19.09.2016)" may stand between)."""
    if lines[i].text.rstrip().endswith((".", "?", "!", ",")):
        return False  # "2. Herr X weist darauf hin, dass …": the line is a sentence, not a title
    # an item of a list of members' questions: its title names who asks ("Meierstraße (Herr Voht)"), or it is
    # numbered deep in a list ("5.1.1"); a question at the start of an ordinary item's debate is no Anfrage
    if not (re.search(r"\((?:Herr|Frau|Hr\.|Fr\.|Fraktion|Stv\.|Rm\.)\b[^()]*\)", lines[i].text)
            or re.match(r"\s*\d{1,3}\.\d{1,2}\.\d{1,2}", lines[i].text)):
        return False
    below = [j for j in range(i + 1, min(len(lines), i + 6)) if lines[j].text.strip()][:2]
    for j in below:
        t = lines[j].text.strip()
        if not re.match(r"\d{1,2}[.)]\s", t) and (_REPORTED.match(t) or _ASKS.match(
                fold_spaces(" ".join(lines[k].text for k in range(j, min(len(lines), j + 3)))))):
            return True
        if not re.match(r"^\(.*\)", t):  # "(TOP 5.2.4 am 19.09.2016)", with an OCR speck after it
            return False
    return False


# an item that gives the floor for questions: "Einwohnerfragestunde", "Fragestunde", "Einwohnerfragen"
_FRAGESTUNDE = re.compile(r"[Ff]ragestunde|[Ee]inwohnerfragen|[Bb]ürgerfragen|Fragen\s+(?:der|von)\s+(?:Einwohner|Bürger)", re.I)
# who asks there: "Herr Matthiesen", "Frau Lund", "Ein Bürger", "Die Einwohnerin, Frau X, …", "Gv Waldherr"
_PERSON_OPENS = re.compile(r"^\s*(?:(?:Der|Die|Ein|Eine)\s+)?(?:Einwohner(?:in)?|Bürger(?:in)?|Anwohner(?:in)?|Zuhörer(?:in)?"
                           r"|Besucher(?:in)?|Anlieger(?:in)?)\b|^\s*(?:Herr|Frau|Hr\.|Fr\.)\s+(?:Dr\.\s*)?[A-ZÄÖÜ]"
                           r"|^\s*" + _MEMBER + r"\s+(?:(?:von|van|de|zu)\s+)?[A-ZÄÖÜ]"
                           # the asker after the verb, as German puts him after an opening phrase: "Zum
                           # Tagesordnungspunkt 1 stellte Herr X eine Frage …", "Anschließend fragte Frau Y, ob …"
                           r"|^\s*(?:[A-ZÄÖÜ][\wäöüß.]*)(?:\s+[\wäöüß.]+){0,4}?\s+(?:stellte?|fragte?|erkundigte?\s+sich|wollte|bat)\s+"
                           r"(?:(?:der|die)\s+)?(?:Herr|Frau|" + _MEMBER + r"|[A-ZÄÖÜ][a-zäöüß]{3,}(?=\s+[A-ZÄÖÜ][a-zäöüß]+\s+[A-ZÄÖÜ]))"
                           r"\s+(?:(?:Dr|Prof)\.\s*)*[A-ZÄÖÜ]"
                           # a name and the ask, as a report writes it: "Rodney Thomas fragte zu …"
                           r"|^\s*(?!(?:Der|Die|Das|Ein|Eine)\s)[A-ZÄÖÜ][a-zäöüß]+(?:\s+[A-ZÄÖÜ][\wäöüß'-]+){1,2}\s+"
                           r"(?:fragte?|erkundigte?\s+sich|wollte\s+wissen)\b")  # (not "Die Präsidentin fragt, ob es Fragen gibt")
# who reports the Anfragen received: "Bgm. vom Bovert erklärt, die Verwaltung habe drei Anfragen der Stv. X erhalten"
_OFFICIAL_OPENS = re.compile(r"^\s*(?:(?:Der|Die|Herr|Frau)\s+)?(?:(?:Erste|Technische)[rn]?\s+)?(?:Bgm\.|BM|OB|(?:Ober)?[Bb]ürgermeister(?:in)?"
                             r"|Landrat|Landrätin|Beigeordnete[r]?|Fachbereichsleiter(?:in)?|Dezernent(?:in)?)\s"
                             # "Die Beantwortung der Anfragen des Stadtelternrates … wurde hochgeladen"
                             r"|^\s*(?:Die\s+)?(?:Beantwortung|Antwort(?:en)?)\s+(?:der|auf\s+die|zu\s+den)\s+(?:weiterer\s+|weiteren\s+)?Anfragen?\b"
                             r"|^\s*(?:Die\s+)?Beantwortung\s+weiterer\s+Anfragen\b")


def prose_headings(lines: list[Line], headings: list[Heading], end_of_items: int) -> list[Heading]:
    """In an excerpt of minutes without any heading (the text of one item, "Anfragen" or
    "Verschiedenes", as a council information system shows it): each paragraph in which a person
    asks, or that records the answer to a member's Nachfrage, is an Anfrage."""
    if headings:
        return []
    found = []
    for i in range(min(end_of_items, len(lines))):
        prev = lines[i - 1].text.strip() if i > 0 else ""
        if not lines[i].text.strip() or (prev and not prev.endswith((".", "?", "!")) and len(prev) > 30):
            continue  # not the first line of a paragraph (a short line above, "Wortprotokoll |", is a label)
        asked = resident_asks(lines, i, end_of_items, officials=True)
        if asked is not None:
            found.append(Heading(i, "Anfrage", True, asked, prose=True))
        elif a := _ANSWERED_NACHFRAGE.match(fold_spaces(" ".join(ln.text for ln in lines[i:i + 3]))):
            found.append(Heading(i, "Anfrage", True, "", fields.find_faction(a.group("what")), prose=True))
        elif found and found[-1].kind == "Anfrage" and i > 0 and not lines[i - 1].text.strip() \
                and not _replies(fold_spaces(" ".join(ln.text for ln in lines[i:i + 3]))):
            # "Die Sitzung wird unterbrochen.": a paragraph of its own after an Anfrage ends it; the answer does not
            found.append(Heading(i, "Sonstiges", True, "", prose=True))
    return found


def _replies(text: str) -> bool:
    """True when a paragraph answers: someone replies in its first sentence ("Fachbereichsleiterin X
    erklärt, dass …"), or the administration or an office holder opens it."""
    first = first_sentence(text)
    return bool(fields.find_speaker(first) or _OFFICIAL_OPENS.match(first)
                or re.match(r"\s*(?:Die\s+Verwaltung|Der\s+Magistrat|Die\s+Antwort)\b", first))


# a question reported without its asker, as a bulleted point of a Fragestunde: "- Aus den Reihen der Einwohner
# wird die Frage gestellt, wie …", "- Zur Baumaßnahme wurde sich nach Ausweichparkplätzen erkundigt."
_PASSIVE_ASK = re.compile(r"\b(?:wird|wurde|werden|wurden)\s+(?:(?:die|eine)\s+)?(?:An|Nach)?[Ff]rage[n]?\s+gestellt\b"
                          r"|\b(?:wird|wurde)\s+(?:\S+\s+){0,3}?(?:gefragt|nachgefragt|angefragt)\b"
                          r"|\b(?:wird|wurde)\s+sich\s+[^.?!]{0,120}?\berkundigt\b")


def resident_asks(lines: list[Line], i: int, end: int, officials: bool = False) -> str | None:
    """In a Fragestunde item: the paragraph at line i, opened by a person, that asks (an ask verb in its
    first sentence, or a question mark in it): what was asked, else None. With `officials`, also a
    paragraph in which the mayor reports Anfragen received."""
    if not (_PERSON_OPENS.match(lines[i].text) or officials and _OFFICIAL_OPENS.match(lines[i].text)
            or _BULLET.match(lines[i].text)  # a bulleted point that asks in the passive
            and _PASSIVE_ASK.search(fold_spaces(" ".join(ln.text for ln in lines[i:i + 3])).split(". ")[0])):
        return None
    rows = []
    for j in range(i, min(end, i + 8)):
        if not lines[j].text.strip():
            break
        rows.append(lines[j].text.strip())
    paragraph = fold_spaces(" ".join(rows))
    first = first_sentence(paragraph)
    # the ask may follow what prompted it: "Herr X weist darauf hin, dass … . Er bittet zu prüfen, ob …"
    later, rest = [], paragraph[len(first):].strip()
    for _ in range(3):
        sentence = first_sentence(rest)
        if not sentence:
            break
        later.append(sentence)
        rest = rest[len(sentence):].strip()
    where = first if _ASKING.search(first) else next(
        (t for t in later if re.match(r"(?:Er|Sie|Weiter|Außerdem|Zudem)\s", t) and _ASKING.search(t)), None)
    if where:
        what = _ASKED_ABOUT.search(where[_ASKING.search(where).start():])
        return _what_was_asked(what.group("what") or what.group("clause")) if what else first
    if _PASSIVE_ASK.search(first):  # "wird die Frage gestellt, wie …", "wurde sich nach … erkundigt"
        what = _ASKED_ABOUT.search(_BULLET.sub(r"\g<t>", first))
        asked = re.sub(r"\s+(?:erkundigt|gefragt|nachgefragt|angefragt)\W*$", "", what.group("what") or what.group("clause")) \
            if what else first
        return _what_was_asked(asked)
    if "?" in paragraph:
        return first
    return None


def first_sentence(text: str) -> str:
    """Up to the first sentence end (not the dot of "12. Februar", nor of an abbreviation: "Dr.",
    "Bgm.", "Stv.", "bzw.")."""
    for m in re.finditer(r"(?<=[a-zäöüß)\]“\"])([.!?])\s+(?=[A-ZÄÖÜ])", text):
        word = re.search(r"(\S+)$", text[:m.start()])
        if m.group(1) == "." and word and len(word.group(1)) <= 4:
            continue
        return text[:m.start() + 1]
    return text


def reports_question(text: str) -> bool:
    """True when a paragraph opens with a member's or a resident's question in indirect speech ("Herr X
    möchte wissen, ob …", "c) Ratsherr Y bat um Stellungnahme der Verwaltung zu …", "Ein Bürger
    erkundigt sich nach …")."""
    t = _LETTERED.sub(r"\g<t>", re.sub(r"^\s*\d{1,2}[.)]\s+", "", text.strip()))
    return bool(_REPORTED.match(t) or _ASKS.match(t) or _PERSON_OPENS.match(t) and _ASKING.search(first_sentence(t)))


def _what_was_asked(what: str) -> str:
    """"an, wann die Straßenbeleuchtung in der Talstraße repariert wird" → the asked clause, short."""
    t = re.sub(r"^(?:an\s*,?\s*|,\s*)", "", what.strip())
    # "… der Einwohnerfragestunde und bezog sich auf …": the sentence goes on with what the asker did next
    t = re.split(r",?\s+und\s+[a-zäöüß]+\s+(?:sich|auf|um|darauf|dabei|dazu|zudem|ebenfalls)\b", t)[0]
    words = t.split()
    return " ".join(words[:14]) + (" …" if len(words) > 14 else "")


# a heading over a list of Anfragen: "Anfragen von Mitgliedern der Bürgerschaft", "Antworten auf
# Stadtratsanfragen"; short, unnumbered, no sentence
_LIST_HEAD = re.compile(r"^\s*(?=[A-ZÄÖÜ])(?:[\wäöüß]+\s+){0,3}?(?:\w*[Aa]nfragen|Fragen)\b[^.?!:]{0,60}$")
_BULLET = re.compile(r"^\s*(?:[-–•›·▪*]\s+|[»>]{1,2}\s*)(?P<t>\S.*)$")  # "»" as printed, ">", ">»" as OCR reads it


def listed_headings(lines: list[Line], headings: list[Heading], end_of_items: int) -> list[Heading]:
    """Headings for Anfragen listed by bullets under a heading that names them ("Anfragen von
    Mitgliedern der Bürgerschaft" / "- zur Fortschreibung des Bodenschutzkonzeptes" /
    "(Anfrage Nr. … von …)" / text): each bullet starts one, titled by its text and the lines
    that continue it."""
    taken = {h.index for h in headings}
    found: list[Heading] = []
    under = False
    answered = None
    for i in range(min(end_of_items, len(lines))):
        text = lines[i].text
        if i in taken:
            under = False  # a heading of its own ends the list
        elif _LIST_HEAD.match(text) and not _BULLET.match(text) and len(text.strip()) <= 80:
            under = True
            answered = "beantwortet" if re.match(r"\s*(?:Antworten|Beantwortung|Beantwortete)\b", text) else None
        elif under and (m := _BULLET.match(text)) and not _LINK_LABEL.match(m.group("t")):
            found.append(Heading(i, "Anfrage", True, _continued(lines, i, m.group("t")), status=answered))
        elif under and (q := _quoted_entry(lines, i)):  # "Dr. Jörg Vogel: „Orgel im Volkshaus“"
            found.append(Heading(i, "Anfrage", True, q.group("t"), status=answered, titled=q.group("t")))
    return found


# a bullet that only labels a link to the document ("» Anfrage", "» Antwort Stadtverwaltung (OFFEN)")
_LINK_LABEL = re.compile(r"^(?:Anfrage|Antwort|Stellungnahme|Anlage|PDF|Download|Dokument)\b[^?]{0,50}$", re.I)
# an entry of a list of Anfragen: who asks, then the title in quotation marks
_QUOTED_ENTRY = re.compile(r"^\s*(?:(?:Dr|Prof)\.\s*)*[A-ZÄÖÜ][\wäöüß'-]+(?:\s+[A-ZÄÖÜ][\wäöüß'-]+){0,3}"
                           r"(?:\s*(?:,|und)\s*(?:(?:Dr|Prof)\.\s*)*[A-ZÄÖÜ][\wäöüß'-]+(?:\s+[A-ZÄÖÜ][\wäöüß'-]+){0,3})*"
                           r"\s*:\s*[„\"»](?P<t>[^“\"«]{3,200})[“\"«]\s*$")


def _quoted_entry(lines: list[Line], i: int) -> re.Match | None:
    """An entry of a list of Anfragen at line i, also where its quoted title wraps onto the next lines."""
    text = lines[i].text
    for k in range(3):
        if k and (i + k >= len(lines) or not lines[i + k].text.strip()):
            return None
        if k:
            text = f"{text} {lines[i + k].text.strip()}"
        if m := _QUOTED_ENTRY.match(text):
            return m
        if not re.search(r":\s*[„\"»][^“\"«]*$", text):
            return None  # no quotation opened and left open: no wrapped entry
    return None


def _continued(lines: list[Line], i: int, first: str) -> str:
    """A bullet's text with the lines that continue it (up to a blank line, a bracket, a question mark)."""
    parts = [first.strip()]
    j = i + 1
    while j < len(lines) and j <= i + 3 and lines[j].text.strip() and not parts[-1].endswith(("?", ".", "!")):
        t = lines[j].text.strip()
        if _BULLET.match(t) or t.startswith("(") or _LIST_HEAD.match(t):
            break
        parts.append(t)
        j += 1
    return " ".join(parts)


# a decision over a lettered list: its points are rules ("… werden folgende Regeln beschlossen:", "Beschluss:")
_DECIDED = re.compile(r"\bBeschluss\s*:|\bbeschließt\b|\bbeschlossen\s*:|\bfolgende\s+(?:Regeln|Grundsätze|Änderungen)\b", re.I)
# "a)      Stadtverordneter X bat um Stellungnahme …", "b) Frau Y fragt, ob …": a paragraph of a lettered list
_LETTERED = re.compile(r"^\s*(?P<l>[a-z])\)\s+(?P<t>[A-ZÄÖÜ].*)$")
# what says that a paragraph is about a question put to the administration, anywhere in its first sentence
_ASKING = re.compile(r"\b(?:(?:An|Nach)?[Ff]ragen?\s+(?:\S+\s+){0,8}?(?:gestellt|eingereicht|beantwortet|erhalten|übermittel[tn])|(?:An|Nach)frage\s+(?:des|der|von)"
                     # the plural where it names who asked: "die Anfragen der Fraktion X zu …", "… des Stadtelternrates"
                     r"|Anfragen\s+(?:des|der|von)\s+(?:\S+\s+){0,2}?(?:\w*[Ff]raktion|Gruppe|Stv\.|Herrn?|Frau|Abgeordnet\w*|\w*(?:rat|rates|rats)\b|[A-ZÄÖÜ]{2,}\b)"
                     r"|\bstellte?\s+(?:[^\s,.]+\s+){0,4}?(?:(?:eine|die|folgende|mehrere|zwei|drei|einige)\s+)?(?:An|Nach)?[Ff]ragen?\b"
                     r"|\b(?:fragte?|erkundigte?\s+sich)\s+(?:Herr|Frau|der|die)\s+[^,.?!]{2,40}?,?\s+(?:ob|wann|wie|warum|weshalb|welche|wer|was|nach)\b"
                     r"|fragte?,?\s+(?:an\b|nach\b|ob\b|wann\b|wie\b|warum\b|welche|wer\b|was\b|zu[mr]?\b)|erkundigte?\s+sich"
                     r"|(?:möchte|will|wollte)\s+[^.?!]{0,60}?\bwissen|\berbi?tte[tn]?\b|\berbat\b"
                     r"|(?:bat|bittet|bitten)\s+(?:\S+\s+){0,4}?(?:zu\s+prüfen|um\s+Prüfung)|\bzu[rm]?\s+(?:\S+-)?Anfrage\b"
                     r"|Beantwortung\s+der\s+Anfragen?\b|(?:bat|bittet)\s+um\s+(?:eine\s+)?(?:Stellungnahme|Auskunft|Information|Beantwortung))")
# what was asked: after a preposition ("nach dem Sachstand …"), or the question clause with its word ("warum …")
_ASKED_ABOUT = re.compile(r"\b(?:über|zu[mr]?|nach|bezüglich|wegen|dass)\s+(?P<what>[^.?!]{6,160})"
                          r"|(?P<clause>\b(?:ob|wann|wie|warum|weshalb|wieso|wer|was|welche[rsnm]?|inwieweit)\s+[^.?!]{6,160})")


def lettered_headings(lines: list[Line], headings: list[Heading], end_of_items: int) -> list[Heading]:
    """Headings for the lettered paragraphs of a list (a), b), c) …) that report questions put to the
    administration, where two or more of the list do: minutes record the members' questions so
    under an item "Anfragen" or "Verschiedenes", and an excerpt may begin below that item's heading.
    Paragraphs inside an Anfrage already found stay its text."""
    runs: list[list[int]] = []  # line indices of a), b), c) … in turn
    last = ""
    for i in range(min(end_of_items, len(lines))):
        m = _LETTERED.match(lines[i].text)
        if m and m.group("l") == "a":
            runs.append([i])
        elif m and runs and ord(m.group("l")) == ord(last) + 1:
            runs[-1].append(i)
        else:
            continue
        last = m.group("l")
    found: list[Heading] = []
    for run in runs:
        asking = [i for i in run if _ASKING.search(_opening_sentence(lines, i))]
        if len(asking) < 2 or _DECIDED.search(" ".join(ln.text for ln in lines[max(0, run[0] - 6):run[0]])):
            continue  # "Für die Einwohnerfragestunde werden folgende Regeln beschlossen: a) … b) …": rules, no questions
        for i in run:
            above = [h for h in headings if h.index <= i]
            if above and (above[-1].kind == "Anfrage" or above[-1].index == i):
                continue  # a heading already, or the text of an Anfrage found
            if i not in asking:  # "b) Der Bürgermeister gab bekannt, …": an item of the list, no Anfrage
                found.append(Heading(i, "Sonstiges", True, "", prose=True))
                continue
            sentence = _opening_sentence(lines, i)
            what = _ASKED_ABOUT.search(sentence[_ASKING.search(sentence).start():])
            found.append(Heading(i, "Anfrage", True, _what_was_asked(what.group("what") or what.group("clause")) if what else "",
                                 prose=True))
    return found


def _opening_sentence(lines: list[Line], i: int) -> str:
    text = fold_spaces(" ".join(lines[k].text for k in range(i, min(len(lines), i + 4)) if lines[k].text.strip()))
    return first_sentence(_LETTERED.sub(r"\g<t>", text))


# a section of a letter of questions that asks: a question, a request for an answer or a reason
_SECTION_ASKS = re.compile(r"\?|\b(?:bitten|bitte|bittet)\s+(?:\w+\s+){0,4}(?:um|die)\s+(?:\w+\s+){0,2}"
                           r"(?:Beantwortung|Begründung|Auskunft|Stellungnahme|Erläuterung|Mitteilung)\b"
                           r"|\b(?:informieren|unterrichten)\s+Sie\s+uns\b|\bteilen\s+Sie\s+(?:uns\s+)?mit\b", re.I)


def letter_topics(lines: list[Line], headings: list[Heading], end_of_items: int) -> list[Heading] | None:
    """The headings of a letter of questions: after its cue ("wir bitten um die Beantwortung folgender
    Fragen:") the letter goes topic by topic, each a short heading line over its text; every topic
    whose text asks (a question mark, a request for an answer or a reason) is an Anfrage titled by
    its heading, the others are items of the letter. None where the document is no such letter
    (no cue before any Anfrage heading, fewer than two asking topics): then the headings stand."""
    end = min(end_of_items, len(lines))
    cue = next((i for i in range(min(end, 40)) if cue_at(lines, i)), None)
    if cue is None or any(h.kind == "Anfrage" and h.index < cue for h in headings):
        return None
    if any(h.index > cue and (h.kind == "Anfrage" or fields.find_number(lines[h.index].text)) for h in headings):
        return None  # items of their own after the cue (an Anfrage, a numbered Vorlage): no letter of topics
    widths = sorted(len(ln.text.strip()) for ln in lines[:end] if ln.text.strip())
    full = widths[int(len(widths) * 0.8)] if widths else 0  # the length of a full line of text
    topics = [i for i in range(cue + 1, end) if _topic_line(lines, i, end, full)]
    if len(topics) < 3:
        return None
    head_faction = next((f for ln in lines[:cue + 1] if (f := fields.find_faction(ln.text))), None)
    found = []
    for n, i in enumerate(topics):
        stop = topics[n + 1] if n + 1 < len(topics) else end
        text = " ".join(ln.text for ln in lines[i + 1:stop])
        kind = "Anfrage" if _SECTION_ASKS.search(text) else "Sonstiges"
        title = fold_spaces(lines[i].text).rstrip(" :")
        if _OPEN_END.search(title) and i + 1 < stop:  # the heading runs over two lines
            title = f"{title} {fold_spaces(lines[i + 1].text)}"
        found.append(Heading(i, kind, True, title, head_faction if kind == "Anfrage" else None, titled=title))
    if sum(h.kind == "Anfrage" for h in found) < 2:
        return None
    return [h for h in headings if h.index < cue] + found


_PART_OF_ONE = re.compile(r"^(?:Begründung|Sachverhalt|Sachstand|Hintergrund|Fragen|Frage|Antwort(?:en)?|Stellungnahme"
                          r"|Anlagen?|Beschlussvorschlag|Finanzielle\s+Auswirkungen|Erläuterung(?:en)?|Vorbemerkung"
                          r"|Mit\s+freundlichen\s+Grüßen|Anmerkung(?:en)?)\s*:?\s*$", re.I)


def _topic_line(lines: list[Line], i: int, end: int, full: int) -> bool:
    """A topic heading inside a letter: a line of its own (a paragraph ended above it), shorter than
    a full line of text or running over two, no sentence, followed by text on the next line."""
    t = lines[i].text.strip().rstrip(":").strip()  # "Fragen zu 5 G:"
    if not t or len(t) > 110 or t.endswith((".", ",", ";", "?", "!")) or not t[:1].isupper():
        return False
    prev = lines[i - 1].text.strip()
    if prev and not prev.endswith((".", "?", "!", ":", ")")):
        return False  # the line continues the paragraph above
    nxt = next((lines[j].text.strip() for j in range(i + 1, min(end, i + 3)) if lines[j].text.strip()), "")
    if not nxt or re.match(r"^\d{1,2}[.)]\s", t):
        return False  # a numbered question, not a topic
    # "Antrag … vom Badischen auf das" / "Württembergische Beitragsmodell": a heading over two lines
    cont = lines[i + 1].text.strip() if i + 1 < end else ""
    two_lines = (t.split()[-1].casefold() in {"das", "der", "die", "den", "dem", "und", "auf", "zur", "zum", "von", "für"}
                 and 0 < len(cont) < 0.6 * full and not cont.endswith((".", ",", ";", "?", "!", ":"))
                 and not re.search(r"[.!?]\s", t))
    if _PART_OF_ONE.match(t) or ANSWER_LABEL.match(lines[i].text) or re.match(r"(?:Frage|Antwort)\s+\d", t):
        return False  # "Begründung", "Zu Frage 1:": a part of one Anfrage, not a topic of its own
    one_word = bool(re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß-]{4,40}", t))  # "Freibad", "Gemeindeentwicklungskonzept"
    short = len(t) < 0.8 * full or len(t) + 12 < len(nxt)
    return (two_lines or one_word or _reads_as_title(t) and short and len(t.split()) >= 2) and not fields.find_date(t[-12:]) \
        and not _LETTERED.match(t) and not t.startswith(("-", "–", "•", "(", "§"))


# the chair calls a question of a Fragestunde by its number, inside a sentence of the protocol: "Wir beginnen
# mit der Frage 296.", "Dann rufe ich die Frage 297 auf.", "Wir kommen zu Frage 298."
_CALL = re.compile(r"\b(?:rufe\s+ich\s+(?:jetzt\s+|nun\s+)?(?:die\s+)?(?:Frage|Anfrage)\s+(?:Nr\.\s*)?(?P<a>\d{1,4})\s+auf"
                   r"|(?:beginnen|kommen|fahren)\s+(?:wir\s+)?(?:jetzt\s+|nun\s+)?(?:mit\s+der|zur?|fort\s+mit\s+der)\s+"
                   r"(?:Frage|Anfrage)\s+(?:Nr\.\s*)?(?P<b>\d{1,4})\b)")
# "Dr. Stefan Naas (Freie Demokraten):": who speaks next in a protocol
_SPEAKER_LINE = re.compile(r"^\s*(?:(?:Dr|Prof)\.\s*)*[A-ZÄÖÜ][\wäöüß'-]+(?:\s+[A-ZÄÖÜ][\wäöüß'-]+){0,3}\s*\((?P<p>[^()]{2,40})\)\s*:\s*$")
_FRAGESTUNDE_NUMBER = re.compile(r"Fragestunde\W{0,3}(?:-\s*)?(?P<n>(?:Drucks?\.?|Drs\.?|Drucksache)\s*[\d/ ]+\d)")


def called_headings(lines: list[Line], headings: list[Heading], end_of_items: int) -> list[Heading]:
    """Headings for the questions of a Fragestunde that the chair calls by number in the protocol's
    running text (two or more of them), with the asker's faction from the speaker line that follows
    and the Fragestunde's collective Drucksache as their number."""
    end = min(end_of_items, len(lines))
    taken = {h.index for h in headings}
    calls = []
    for i in range(end):
        joined = fold_spaces(f"{lines[i].text} {lines[i + 1].text if i + 1 < end else ''}")
        m = _CALL.search(joined)
        if m and m.start() < len(lines[i].text.strip()) and i not in taken and (not calls or calls[-1] < i - 1):
            calls.append(i)
    if len(calls) < 2:
        return []
    number = None
    for j in range(max(0, calls[0] - 12), calls[0] + 1):
        if (m := _FRAGESTUNDE_NUMBER.search(lines[j].text)) and (n := fields.find_number(m.group("n"))):
            number = n
    found = []
    for n, i in enumerate(calls):
        stop = calls[n + 1] if n + 1 < len(calls) else end
        speaker = next((m for j in range(i + 1, min(stop, i + 8)) if (m := _SPEAKER_LINE.match(lines[j].text))), None)
        # who answers: the member of the government or administration who speaks next ("X, Minister für …:")
        answer = next((m for j in range(i + 1, stop) if (m := _OFFICE_SPEAKER.match(_with_next(lines, j)))), None)
        found.append(Heading(i, "Anfrage", True, "", fields.find_faction(speaker.group("p")) if speaker else None,
                             answerer=fold_spaces(answer.group("who")) if answer else None,
                             status="mündlich beantwortet" if answer else None,
                             called=number, titled=_question_after_cue(lines, i, stop)))
    return found


_OFFICE_SPEAKER = re.compile(r"^\s*(?P<who>(?:(?:Dr|Prof)\.\s*)*[A-ZÄÖÜ][\wäöüß'-]+(?:\s+[A-ZÄÖÜ][\wäöüß'-]+){0,3},\s*"
                             r"(?:Staats)?(?:[Mm]inister(?:in)?|[Ss]ekretär(?:in)?|Senator(?:in)?|Bürgermeister(?:in)?"
                             r"|Stadtrat|Stadträtin|Dezernent(?:in)?|Beigeordnete[r]?|Landrat|Landrätin)\b[^:]{0,120}):\s*$")


def _with_next(lines: list[Line], j: int) -> str:
    """A speaker line, with the line it runs on to ("X, Minister für Wirtschaft, Verkehr" / "und Wohnen:")."""
    t = lines[j].text.strip()
    if not t.endswith(":") and j + 1 < len(lines) and lines[j + 1].text.strip().endswith(":") and len(t) > 30:
        return f"{t} {lines[j + 1].text.strip()}"
    return t


def _question_after_cue(lines: list[Line], i: int, stop: int) -> str | None:
    """The question put after "ich frage die Landesregierung:", as the called question's title."""
    for j in range(i, min(stop, i + 16)):
        if re.search(r"\bfrage[n]?\s+(?:ich|wir)?\s*(?:die|den|das)\s+\w+\s*:\s*$", lines[j].text, re.I):
            text = fold_spaces(" ".join(ln.text for ln in lines[j + 1:min(stop, j + 8)]))
            asked = re.match(r"\s*([^?]{10,300}\?)", text)
            return asked.group(1).strip() if asked else None
    return None
