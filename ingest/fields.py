"""Recognisers for the fields of an agenda item, tolerant of city styles and OCR noise.

Each function takes plain text (a heading, an outcome paragraph, a page) and returns
a normalised value or None; segment.py decides which text to show each of them.
"""

from __future__ import annotations

import re
from datetime import date

from ingest.textfix import fix_digits
from ratsarchiv.model import find_faction  # noqa: F401  (canonical names live in the neutral model)

MONTHS = {"januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "marz": 3, "april": 4,
          "mai": 5, "juni": 6, "juli": 7, "august": 8, "september": 9, "oktober": 10,
          "november": 11, "dezember": 12}

_DATE_WORD = re.compile(r"(\d{1,2})\s*\.\s*(" + "|".join(MONTHS) + r")\s+(\d{4})", re.I)
_DATE_NUM = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})\b")


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> str | None:
    """First date in the text, as ISO (accepts '4. November 2019' and '04.11.2019')."""
    best = None
    for m in _DATE_WORD.finditer(text):
        iso = _valid(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        if iso:
            best = (m.start(), iso)
            break
    for m in _DATE_NUM.finditer(text):
        iso = _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if iso and (best is None or m.start() < best[0]):
            best = (m.start(), iso)
        break
    return best[1] if best else None


def session_date(first_lines: list[str]) -> str | None:
    """The session date from a minute book's opening lines, preferring lines naming the session."""
    keyed = [ln for ln in first_lines if re.search(r"Sitzung|Niederschrift|Protokoll|Tagung|am\s", ln, re.I)]
    for group in (keyed, first_lines):
        for i, ln in enumerate(group):
            found = find_date(ln) or (find_date(ln + " " + group[i + 1]) if i + 1 < len(group) else None)
            if found:
                return found
    return None


# --- Drucksachen-numbers -------------------------------------------------------------
_NUMBER_PATTERNS = [
    re.compile(r"(?<![\d.])(\d{2,3}\.\d{2}\.\d{2,5})(?![\d.]\d)"),  # Kassel 101.18.1671
    re.compile(r"\b([A-Z]{1,5}/\d{2,5}/(?:\d{2,4}|[IVX]{1,4}))\b"),  # AN/0123/2021, Berlin DS/1234/V
    re.compile(r"\b((?:(?:19|20)\d{2}|\d{1,2})/[A-Z]{1,5}/\d{2,5})\b"),  # 2021/AN/0123, period/body/number 21/SVV/1334
    re.compile(r"\b([A-Z]{1,3}\d{3,5}/\d{2})\b"),  # AF0691/20: kind letters, a running number, the year
    re.compile(r"\b([A-Z]{1,4}-\d{2,5}/(?:19|20)?\d{2})\b"),  # EAF-0052/2014, AF-0140/2015, RA-148/2018
    # Chemnitz "RA 547/2019": kind letters, a space, the running number and the year in full
    re.compile(r"\b((?!TOP\b|DRS\b|NR\b)[A-Z]{2,4}\s(?!(?:19|20)\d\d/)\d{2,5}/(?:19|20)\d{2})\b"),
    re.compile(r"(?<![\d/.])((?!(?:19|20)\d\d/\d\d\b)\d{3,5}/\d{2})(?![\d/])"),  # Erfurt 1871/13 (not a school year 2019/20)
    re.compile(r"(?:Drs\.?|Drucks\.?|Drucksache(?:n)?(?:-?Nr\.?|nummer)?|Vorlage(?:n)?-?Nr\.?|Vorlagen?nummer|Vorlage\s+Nr\.?"
               r"|Anfrage\s+Nr\.?|Antrag\s+Nr\.?|Nr\.)\s*:?\s*"
               # (OCR may set a space after the dash or slash: "Drs. VIII- 0987")
               r"([A-Z]{0,5}(?:[/-] ?)?\d{1,5}(?:[/.-] ?\d{1,5}){0,2}(?:/[IVX]{1,4}\b)?)"),  # Berlin "Drucksache 2055/V"
    re.compile(r"\b((?:19|20)\d{2}/\d{2,5})\b"),  # 2021/0456
    re.compile(r"(?<![\d/])(\d{3,5}/(?:19|20)\d{2})\b"),  # NRW 0456/2022
    re.compile(r"\b(\d{1,2}/\d{3,5})\b"),  # 20/1234 without prefix
    re.compile(r"\b(\d{3,5}/[IVX]{1,4})\b"),  # Berlin BVV 2055/V
    re.compile(r"(?<![\d.-])(\d{2}-\d{3,5})(?![\d-])"),  # Hamburg 21-3531 (22-1940.01 is its answer)
]


def _is_date(candidate: str) -> bool:
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{2,4})", candidate)
    return bool(m) and _valid(int(m.group(3)) if len(m.group(3)) == 4 else 2000 + int(m.group(3)),
                               int(m.group(2)), int(m.group(1))) is not None


_SPACED = re.compile(r"\b(Drucksache|Drucks\.?|Drs\.?)\s+(\d{1,2})\s*/\s*(\d{1,3}(?:\s\d{3})+|\d{2,5})\b")


def find_number(text: str) -> str | None:
    """The Drucksachen-number in a heading, without decoration ('- 101.18.1671 -' → '101.18.1671')."""
    cleaned = " ".join(fix_digits(t) for t in text.split())
    # "Drucksache 17 / 16 846": digits grouped by thousands in print
    cleaned = _SPACED.sub(lambda m: f"{m.group(1)} {m.group(2)}/{m.group(3).replace(' ', '')}", cleaned)
    for pat in _NUMBER_PATTERNS:
        for m in pat.finditer(cleaned):
            cand = re.sub(r"\s*([/-])\s*", r"\1", m.group(1).strip(".-/"))
            if not any(c.isdigit() for c in cand) or _is_date(cand):
                continue
            return cand
    return None


# --- Who asks ----------------------------------------------------------------------
_ASKER = re.compile(r"^\s*(?:Fragesteller(?:in|/in|\*in|innen)?|Einreicher(?:in|/in|\*in)?|Antragsteller(?:in|/in)?"
                    r"|Eingereicht\s+von|Anfragende[r]?|Initiator(?:in)?|Absender(?:in)?|Urheber(?:in)?)\s*:?\s*(?P<v>\S.*)$", re.I)


_GROUP_ABBREVIATION = re.compile(r"[A-ZÄÖÜ]{2,8}(?:\s*/\s*[A-ZÄÖÜ]{2,8})?")
# a name signing the questions, with the party: "Dr. Karl Beispiel (CDU)", "Petra Muster, SPD-Fraktion"
_SIGNED = re.compile(r"^\s*(?:(?:Dr|Prof)\.\s*)*[A-ZÄÖÜ][\wäöüß'-]+(?:\s+[A-ZÄÖÜ][\wäöüß'-]+){0,3}"
                     r"\s*(?:\((?P<p>[^()]{2,40})\)|,\s*(?P<q>[\w/ -]{2,40}))\s*$")


def find_asker_faction(lines: list[str]) -> str | None:
    """The faction on a labelled asker line ("Fragesteller/in: Frau X (SPD)", "Einreicher: CDU-Fraktion"),
    else on a name line that signs the questions ("Dr. Karl Beispiel (CDU)")."""
    for line in lines:
        m = _ASKER.match(line)
        if m and find_faction(m.group("v")):
            return find_faction(m.group("v"))
        if m and _GROUP_ABBREVIATION.fullmatch(m.group("v").strip()) and ":" in line[:m.start("v")]:
            return m.group("v").strip()  # "Einreicher: FWG": a group's abbreviation in the asker's field
    for line in lines:
        m = _SIGNED.match(line)
        if m and len(line) <= 80 and find_faction(m.group("p") or m.group("q")):
            return find_faction(m.group("p") or m.group("q"))
    return None


# --- Who answered, and what came of it ------------------------------------------------
# Offices of people who answer: Stadtrat, Bezirksstadträtin, Planungsreferentin,
# Oberbürgermeister, Erster Beigeordneter, Dezernentin, Kämmerer, Senatorin, Amtsleiter …
OFFICES = (r"(?:Erste[rn]?\s+|Zweite[rn]?\s+)?"
           r"(?:[A-ZÄÖÜ][a-zäöüß]*(?:[Bb](?:ü|ue)rgermeister(?:in)?|[Rr](?:at|ätin|aetin)|[Rr]eferent(?:in)?"
           r"|[Dd]ezernent(?:in)?|[Kk]ämmerer(?:in)?|[Ss]enator(?:in)?|[Dd]irektor(?:in)?|[Ll]eiter(?:in)?)"
           r"|Bürgermeister(?:in)?|Beigeordnete[r]?|Landr(?:at|ätin)|Ortsvorsteher(?:in)?"
           # the bare offices and the abbreviations minutes use: "Senator X", "OBM Dr. X", "StRin X"
           r"|(?:Senator|Dezernent|Referent|Direktor|Leiter)(?:in)?|Kämmerer(?:in)?|OBM|StR(?:in)?)")
_PERSON = re.compile(OFFICES + r"\s+(?:(?:Dr|Prof)\.\s*)*(?:von\s+)?"
                     r"(?!(?:Dezernat|Amt|Fachbereich|Referat|Abteilung|Beantwortung|Antwort)\b)[A-ZÄÖÜ][\wäöüßÄÖÜ'-]+")
# staff who answer for their office: "Herr Bauer vom Tiefbauamt berichtet", "Frau Kaya (Ordnungsamt) antwortet"
_STAFF = re.compile(r"(?P<who>(?:Herr|Frau)\s+(?:(?:Dr|Prof)\.\s*)*[A-ZÄÖÜ][\wäöüß'-]+)\s+(?:\(|vom\s+|von\s+der\s+)"
                    r"(?P<office>[A-ZÄÖÜ][\wäöüß-]*(?:amt|Amt|verwaltung|referat|dezernat|behörde|betrieb|werke)\b)")
_ANSWER_CONTEXT = re.compile(r"beantwort|antwort|erläutert|berichtet|nimmt\s+stellung|führt\s+aus", re.I)


# bodies that answer in writing: "Antwort des Senats", "Stellungnahme der Verwaltung", "Im Namen des
# Senats … beantworte ich", "Der Magistrat beantwortet …"; named in the nominative
_INSTITUTIONS = {"senat": "Senat", "bezirksamt": "Bezirksamt", "magistrat": "Magistrat", "verwaltung": "Verwaltung",
                 "ortsverwaltung": "Ortsverwaltung", "stadtverwaltung": "Stadtverwaltung",
                 "kreisverwaltung": "Kreisverwaltung", "landesregierung": "Landesregierung",
                 "staatsregierung": "Staatsregierung", "bundesregierung": "Bundesregierung",
                 "gemeindevorstand": "Gemeindevorstand", "kreisausschuss": "Kreisausschuss",
                 "bürgermeister": "Bürgermeister", "oberbürgermeister": "Oberbürgermeister",
                 "landrat": "Landrat"}
_INSTITUTION = r"(?P<inst>" + "|".join(sorted(_INSTITUTIONS, key=len, reverse=True)) + r")(?:e?s|n)?\b"
_BY_INSTITUTION = re.compile(
    # "Vorbemerkung der Landesregierung": only an answer has the answering body's preliminary remark
    r"\b(?:Antwort|Stellungnahme|Mitteilung|Beantwortung|Vorbemerkung)\s+(?:des|der|durch\s+(?:den|die|das))\s+" + _INSTITUTION
    + r"|(?:(?:Im\s+Namen|Namens)\s+(?:und\s+im\s+Auftrag\s+)?(?:des|der)\s+(?:[A-ZÄÖÜ]\w+(?:en|er)\s+)?)"
    + _INSTITUTION.replace("inst", "inst2")
    + r"|\b(?:Der|Die|Das)\s+" + _INSTITUTION.replace("inst", "inst3")
    + r"\s+(?:beantwortet|antwortet|nimmt|bestätigt|erklärt|teilt|berichtet)", re.I)


# a ministry that answers for a government: "Antwort des Staatsministeriums des Innern und für Integration"
_BY_MINISTRY = re.compile(
    r"\b(?:Antwort|Stellungnahme|Beantwortung)\s+(?:des|der)\s+(?P<m>(?:[A-ZÄÖÜ]\w+en\s+)?(?:Staats|Landes|Bundes)?"
    r"(?:[Mm]inisteriums?|[Ss]enatsverwaltung|[Ss]taatskanzlei|Amt(?:e?s)?|Referats?|Fachbereichs?|Dezernats?)"
    r"(?:\s+(?:des|der|für)\s+[A-ZÄÖÜ][\w-]+(?:(?:,\s*|\s+und\s+)(?:für\s+)?[A-ZÄÖÜ][\w-]+)*)+)")


_WITH_STATEMENT = re.compile(r"\b(?:Anfrage|Antrag)\s+(?:ist\s+|wird\s+)?(?:durch\s+|mit\s+)(?:die\s+|der\s+)?Stellungnahme\b")


def find_answering_body(text: str) -> str | None:
    """The body that answered ("Senat", "Bezirksamt", "Verwaltung", "Staatsministerium des Innern"),
    where no person is named."""
    ministry = _BY_MINISTRY.search(text)
    m = _BY_INSTITUTION.search(text)
    if ministry and (not m or ministry.start() <= m.start()):
        name = ministry.group("m").strip()
        name = re.sub(r"^(\w*(?:ministerium|kanzlei|Amt|Referat|Fachbereich|Dezernat))e?s\b", r"\1", re.sub(r"^[A-ZÄÖÜ]\w+en\s+", "", name))
        return name
    if not m:
        # "Anfrage mit Stellungnahme erledigt": the administration's written statement answered it
        return "Verwaltung" if _WITH_STATEMENT.search(text) else None
    word = (m.group("inst") or m.group("inst2") or m.group("inst3")).lower()
    return _INSTITUTIONS[word]


def find_answered_by(text: str) -> str | None:
    """The office holder named in the sentence that records the answer."""
    protected = re.sub(r"\b(Dr|Prof|Dipl|Ing)\.", r"\1§", text)
    for sentence in re.split(r"(?<=[.!?])\s+", protected):
        sentence = sentence.replace("§", ".")
        if not _ANSWER_CONTEXT.search(sentence) or re.search(r"schriftlich", sentence, re.I):
            continue  # a promised or referenced written answer: nobody answered in the session
        m = _PERSON.search(sentence)
        if m:
            return re.sub(r"\s+", " ", m.group(0)).strip()
        m = _STAFF.search(sentence)
        if m:
            return f"{m.group('who')} ({m.group('office')})"
    return None


# who answers in the indirect speech of minutes: "Herr berufsm. StR Weber erklärt, dass …", "Der Vorsitzende
# OBM Dr. Janik bejaht dies."; and after the verb: "Auf die Anfrage … antwortet Frau StRin X, dass …"
# who replies: "Herr X", "Die Verwaltung", and an office named without article, as minutes do ("Landrat X",
# "Fachbereichsleiterin Roters", "Bgm. vom Bovert")
_OFFICE = (r"(?:(?:Ober)?Bürgermeister(?:in)?|Landrat|Landrätin|Fachbereichsleiter(?:in)?|Beigeordnete[r]?|Dezernent(?:in)?"
           r"|Stadtrat|Stadträtin|Senator(?:in)?|Amtsleiter(?:in)?|Kämmerer(?:in)?|Ortsvorsteher(?:in)?|KR(?:in)?|Bgm\.|BM|OB)")
_WHO = (r"(?:(?:Der|Die|der|die|Herr|Frau)\s+(?:[\wäöüßÄÖÜ-]+\.?\s+){0,4}?[A-ZÄÖÜ][\wäöüß-]+"
        r"|" + _OFFICE + r"(?:\s+(?:Dr\.\s*)?(?:vom\s+|von\s+)?[A-ZÄÖÜ][\wäöüß-]+){1,3})")
_REPLY = (r"(?:erklärte?|erwiderte?|antwortete?|beantwortete?|bejahte?|verneinte?|entgegnete?|teilte?|berichtete?"
          r"|erläuterte?|führte?|bestätigte?|klärte?|informierte?)")  # "sagt eine Prüfung zu" promises an answer, it gives none
_SPEAKER = re.compile(r"(?:^|(?<=[.!?])\s+)(?P<who>" + _WHO.replace("|der|die", "") + r")\s+" + _REPLY + r"\b"
                      r"|\b" + _REPLY + r"\s+(?P<after>" + _WHO + r")(?=,|\s+(?:wie\s+folgt|dass|mit)\b)")


def find_speaker(text: str) -> str | None:
    """The person who replies in a reported exchange (the subject of the reply), as the minutes name them."""
    m = _SPEAKER.search(text)
    return re.sub(r"\s+", " ", m.group("who") or m.group("after")) if m else None


# how minutes record a response that is no answer yet: "Frau X sagt Überprüfung zu", "Bürgermeister Y verweist
# auf …", "KRin Z bittet, die Fragen schriftlich beantworten zu können"; in the asker's own sentence these
# verbs are the asker's, so they count only from the second sentence on
_RESPONDS = re.compile(r"(?:^|(?<=[.!?])\s+)(?P<who>" + _WHO.replace("|der|die", "") + r")\s+"
                       r"(?:sagte?|verweist|verwies|weist|wies|bittet|bat|sicherte?|stellte?\s+klar|ergänzte?|informierte?)\b")
_SENTENCE_END = re.compile(r"(?<=[a-zäöüß)\]“\"]{4})[.!?]\s+(?=[A-ZÄÖÜ])")  # not after "Dr.", "Bgm.", "bzw."


def find_responder(text: str) -> str | None:
    """Who responds after the asker's sentence, where nobody replies (find_speaker) in it."""
    end = _SENTENCE_END.search(text)
    m = _RESPONDS.search(text, end.end() - 1) if end else None
    return re.sub(r"\s+", " ", m.group("who")) if m else None


STATUS_PATTERNS = [
    (re.compile(r"zur[üu]ckgezogen", re.I), "zurückgezogen"),
    # refused, or not answered yet: before any "beantwort" below reads it as answered
    (re.compile(r"nicht\s+beantworten\s+(?:wird|werde|kann|könne|will|wolle)", re.I), "Beantwortung abgelehnt"),
    (re.compile(r"\bunbeantwortet\b|\b(?:noch|bisher|bislang)\s+nicht\s+(?:\w+\s+){0,2}beantwortet"
                r"|\b(?:zur\s+Beantwortung\s+)?angemahnt\b|\bAnmahnung\b"  # the asker reminds: no answer yet
                r"|\bAntwort\b[^()\n]{0,40}\(\s*offen\s*\)|\bAntwort\s*:\s*offen\b", re.I), "offen"),  # "» Antwort Stadtverwaltung (OFFEN)"
    (re.compile(r"zur[üu]ckgestellt|vertagt|verschoben|in\s+der\s+nächsten\s+Sitzung\s+beantwortet", re.I), "zurückgestellt"),
    (re.compile(r"schriftlich\w*\s+(?:beantwort|Beantwort)|schriftliche\s+(?:Beantwortung|Antwort)"
                r"|beantwort\w*\s+(?:\w+\s+){0,3}schriftlich|(?:Antwort|Beantwortung)\s+(?:\w+\s+){0,3}nachgereicht"
                # a dated answer of a body is a written one: "Antwort des Senats vom 14. Januar 2014"
                r"|\bAntwort\s+(?:(?:des|der)\s+\w+\s+)?vom\s+\d"
                # a Fragestunde's reply in one word: "(X [SPD]: Schriftlich!)", "– Auch schriftlich."
                r"|^\W*(?:(?:auch|also|jawohl|ja|dann)\W+)*(?:eine\s+)?schriftlich\w*\W*$", re.I), "schriftlich beantwortet"),
    (re.compile(r"(?:von\s+einer|die)\s+Beantwortung\s+wird\s+abgesehen|Beantwortung\s+(?:wird\s+)?abgelehnt", re.I),
     "Beantwortung abgelehnt"),
    (re.compile(r"erledigt", re.I), "erledigt"),
    (re.compile(r"beantwort|antwortet|\bAntwort\s+(?:des|der|von)\b|^Antwort\s*:|\bAntwort:|Stellungnahme\s+der"
                r"|Kenntnisnahme|zur\s+Kenntnis", re.I), "beantwortet"),
]


# a response that promises the answer: "sagt Überprüfung zu", "sicherte eine Klärung zu", "Antwort zugesagt"
PROMISE = re.compile(r"\b(?:sagt|sagte|sichert|sicherte)\b[^.!?]{0,60}?\bzu\b|\bzugesagt\b|\bzugesichert\b")


def find_status(text: str) -> str | None:
    for pat, status in STATUS_PATTERNS:
        if pat.search(text):
            return status
    return None


# asking for an answer records none: "Wir bitten um Beantwortung folgender Fragen", "bittet um Antwort"
_REQUEST = re.compile(r"\b(?:bitte[nt]?|erbitte[nt]?|ersuche[nt]?)\s+(?:\w+\s+){0,3}um\s+(?:die\s+|eine\s+)?"
                      r"(?P<w>schriftliche\s+|mündliche\s+)?(?:Beantwortung|Antwort|Auskunft)\b"
                      r"|\bum\s+(?:\w+\s+){0,2}(?:Beantwortung|Antwort)\s+(?:\w+\s+){0,3}gebeten\b", re.I)


def status_anywhere(text: str) -> str | None:
    """The outcome recorded anywhere in an item's text (where none follows its questions): the
    statements, not the questions, and not the request for an answer; a request for a written
    answer means the answer comes in writing."""
    statements = [s for s in re.split(r"(?<=[.!?:])\s+|(?<=[.!?][)\]“\"])\s+", text) if not s.rstrip().endswith("?")
                  and not _ASKS.search(s)]  # "Frau X fragt nach, wann sie eine Beantwortung erhält": a question
    written_asked = False
    found: set[str] = set()
    for sentence in statements:
        written_asked = written_asked or any((m.group("w") or "").lower().startswith("schrift")
                                             for m in _REQUEST.finditer(sentence))
        status = find_status(_REQUEST.sub(" ", sentence))
        # "verschoben", "zur Kenntnis genommen" in an introduction tell of the matter asked about;
        # they record the outcome only where the sentence speaks of the Anfrage or its answer
        if status and (status in ("schriftlich beantwortet", "Beantwortung abgelehnt") or _OF_THE_ITEM.search(sentence)):
            found.add(status)
    # the most specific outcome, in the order find_status weighs them
    ranked = [status for _, status in STATUS_PATTERNS if status in found]
    return ranked[0] if ranked else ("schriftlich beantwortet" if written_asked else None)


_ASKS = re.compile(r"\b(?:fragt|erkundigt\s+sich|möchte\s+wissen|will\s+wissen)\b")
_OF_THE_ITEM = re.compile(r"\b(?:Anfrage|Frage|Fragen|Beantwortung|Antwort|Tagesordnungspunkt|TOP)\b|beantwortet"
                          r"|\bantwortet\b", re.I)
