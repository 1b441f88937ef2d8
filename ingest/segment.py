"""Split a minute book into its agenda items, and read each item's fields.

Cities write their minutes differently, so nothing here keys on one layout: an item
starts at a heading line that names its kind ("Anfrage der …", "TOP 7.3 Antrag …",
"Vorlage Nr. …"); its title may stand above the heading (Kassel), on it, or below
it; page headers, footers and page numbers between the parts of an item are removed
first, by what repeats from page to page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest import fields
from ratsarchiv.model import PageText, Question, Record
from ingest.textfix import dehyphenate, fold_spaces


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
_REAL_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{4,}|\d")


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
    for lines in per_page:
        nonblank = [ln for ln in lines if ln.strip()]
        keys = {_furniture_key(ln) for ln in nonblank[:3] + nonblank[-3:]}
        edge_keys.update(k for k in keys if len(k) >= 6)
    threshold = max(2, len(pages) // 2) if len(pages) >= 3 else 2
    furniture = {k for k, n in edge_keys.items() if n >= threshold}
    out: list[Line] = []
    for page, lines in zip(pages, per_page):
        nonblank_idx = [i for i, ln in enumerate(lines) if ln.strip()]
        edges = set(nonblank_idx[:3] + nonblank_idx[-3:])
        for i, ln in enumerate(lines):
            if i in edges and (_PAGE_NUMBER.match(ln) or _furniture_key(ln) in furniture
                               or (len(ln.strip()) <= 12 and not _REAL_WORD.search(ln))):
                continue
            out.append(Line(page.number, ln.rstrip()))
    texts = dehyphenate([ln.text for ln in out])
    return [Line(ln.page, t) for ln, t in zip(out, texts)]


# --- headings -----------------------------------------------------------------------
KINDS = [
    (r"(?:Kleine\s+|Große\s+|Grosse\s+|Dringliche\s+|Schriftliche\s+|Mündliche\s+)?Anfrage", "Anfrage"),
    (r"(?:Dringlichkeits|Änderungs|Aenderungs|Ergänzungs|Prüf)?[Aa]ntrag", "Antrag"),
    (r"(?:Beschluss|Magistrats|Verwaltungs|Informations|Mitteilungs)?[Vv]orlage", "Vorlage"),
    (r"Bericht", "Vorlage"),
    (r"Mitteilung(?:en)?|Bekanntgabe(?:n)?", "Mitteilung"),
]
_KIND_RE = "|".join(f"(?P<k{i}>{pat})" for i, (pat, _) in enumerate(KINDS))
# the agenda number may be misread by OCR ("TOP A" for "TOP 4"): any short token counts
_TOP = (r"(?:(?:(?:Zu\s+)?(?:TOP|Top|Tagesordnungspunkt|Punkt|Ziffer)|Ö|NÖ)\s*(?:[\dIVX]+[a-z]?|[\w|]{1,2})(?:\.\d+)*\.?"
        r"(?:\s+der\s+Tagesordnung)?\s*[:.)–-]?\s*")
_ENUM = r"|\d{1,2}(?:\.\d{1,2})+\.?\s+|\d{1,2}[.:]\s+(?=[A-ZÄÖÜ]))"
HEADING = re.compile(rf"^\s*(?P<top>{_TOP}{_ENUM})?(?P<kind>{_KIND_RE})(?P<rest>(?:\s.*|[:–-].*)?)$")
# "6. Mündliche Anfragen", "Ö 4 Anfragen": a section over several items, not an item itself
DIVIDER = re.compile(r"^\s*(?:(?:TOP|Ö|NÖ|Punkt)\s*)?\d{1,2}\.?\s+(?:Große\s+|Kleine\s+|Mündliche\s+|Schriftliche\s+)?"
                     r"(?:Anfragen|Anträge|Vorlagen|Mitteilungen|Berichte)\s*$")
TOC_START = re.compile(r"^\s*(?:Tagesordnung|Vorläufige\s+Tagesordnung)\s*:?\s*$", re.I)
_REST_OK = re.compile(r"^\s*(?:der|des|von|vom|Nr\.?|zu[mr]?|betr|betreffend|gem|:|–|-|\(|\bder\b)", re.I)
_OUTCOME = re.compile(r"beantwort|erledigt|zurückgestellt|zurückgezogen|abgestimmt|beschlossen|"
                      r"angenommen|abgelehnt|zur\s+Kenntnis|verwiesen|vertagt", re.I)
_SIGNATURE_ROLE = re.compile(r"\b(Vorsitzende[r]?|Stadtverordnetenvorsteher(?:in)?|Vorsteher(?:in)?|"
                             r"Schriftführer(?:in)?|Protokollführer(?:in)?)\b")


@dataclass
class Heading:
    index: int  # line index of the heading line
    kind: str
    top: bool  # numbered agenda item (TOP …)
    rest: str  # heading text after the kind word


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
    """Lines of a Tagesordnung printed before the items: from "Tagesordnung:" to the next gap."""
    out: set[int] = set()
    for i, ln in enumerate(lines):
        if TOC_START.match(ln.text):
            j = i + 1
            while j < len(lines) and lines[j].text.strip():
                out.add(j)
                j += 1
    return out


AGENDA = re.compile(r"^\s*(?P<prefix>(?:Zu\s+)?(?:TOP|Punkt|Tagesordnungspunkt)\s*|Ö\s*|NÖ\s*)?(?P<num>\d{1,2})"
                    r"(?P<sub>(?:\.\d{1,2})*)[.:]?(?:\s+der\s+Tagesordnung)?(?:\s+(?P<rest>\S.*))?$")


def find_headings(lines: list[Line]) -> list[Heading]:
    """Headings of agenda items. Lines naming a kind ("Anfrage der …") always count; other
    numbered agenda lines ("Ö 1 Bekanntgaben", "2. Genehmigung der Niederschrift") count as
    items of kind Sonstiges when they continue the agenda numbering and do not stand where
    an Anfrage's numbered questions could be (before its outcome is recorded)."""
    found: list[Heading] = []
    skip = toc_lines(lines)
    top_num = 0
    open_anfrage = False  # inside an Anfrage whose outcome has not been recorded yet
    new_sentence = True
    for i, ln in enumerate(lines):
        text = ln.text.strip()
        if not text or len(text) > 200 or i in skip:
            new_sentence = True
            continue
        agenda = AGENDA.match(text)
        m = HEADING.match(text)
        if m:
            rest = m.group("rest") or ""
            has_top = bool(m.group("top"))
            near = " ".join(lines[j].text for j in _next_nonblank(lines, i, 2))
            if has_top or (_REST_OK.match(rest) and not _OUTCOME.search(rest)) or (
                    not rest.strip() and fields.find_number(near) and not fields.find_date(near)):
                found.append(Heading(i, _kind_of(m), has_top, rest.strip()))
                open_anfrage = found[-1].kind == "Anfrage"
                if agenda:
                    top_num = int(agenda.group("num"))
        elif agenda and not open_anfrage and _is_agenda_line(lines, i, agenda, top_num):
            top_num = int(agenda.group("num"))
            if not DIVIDER.match(text) and not _heading_follows(lines, i):
                found.append(Heading(i, "Sonstiges", True, (agenda.group("rest") or "").strip()))
                open_anfrage = False
        elif open_anfrage and new_sentence and _OUTCOME.search(text) and not text.endswith(("?", ":")):
            open_anfrage = False
        new_sentence = text.endswith((".", "?", "!", ":"))
    return found


def _is_agenda_line(lines: list[Line], i: int, agenda: re.Match, top_num: int) -> bool:
    text = lines[i].text.strip()
    rest = agenda.group("rest") or ""
    if text.endswith(("?", ",", ";")) or len(text) > 110 or (rest and not rest[:1].isupper()):
        return False
    if agenda.group("prefix"):
        return True
    # a bare number continues the agenda: "3. Einwohnerfragestunde" after item 2
    return bool(rest) and int(agenda.group("num")) in (top_num + 1, top_num + 2) and not agenda.group("sub")


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


# --- titles -------------------------------------------------------------------------
_SESSION_HEADER = re.compile(r"Niederschrift|Sitzung|Protokoll|Tagesordnung", re.I)
_TITLE_SEP = re.compile(r"(?:\b(?:betr\.?|betreffend|zum\s+Thema|zu[mr]?|bzgl\.?|wegen)\s+|[:–]\s*|\s-\s)", re.I)
_BETREFF = re.compile(r"^\s*(?:Betreff|Betr\.|Thema|Gegenstand)\s*:?\s*(?P<t>\S.*)$", re.I)


_ENUM_PREFIX = re.compile(r"^\s*(?:(?:Zu\s+)?(?:TOP|Punkt|Tagesordnungspunkt)\s*|Ö\s*|NÖ\s*)?\d{1,2}(?:\.\d{1,2})*[.:)]?"
                          r"(?:\s+der\s+Tagesordnung)?(?:\s+|$)(?=\S|$)")


def _strip_enum(text: str) -> str:
    return _ENUM_PREFIX.sub("", text).strip()


_JUNK = " :–—-_|.,;\"„“'’‚‘`~°"


def clean_title(text: str) -> str:
    """A title without agenda numbers, 'betr.:' and OCR specks around it."""
    t = fold_spaces(text).strip(_JUNK)
    for _ in range(2):
        t = _strip_enum(t).strip(_JUNK)
        t = re.sub(r"^(?:betr\.?|betreff|betreffend|thema)\s*:?\s*", "", t, flags=re.I).strip(_JUNK)
    if t.count("„") > t.count("“"):
        t += "“"
    return t


def _only_actor(text: str) -> bool:
    """True when text names only who is asking ('der SPD-Fraktion', 'des Stadtverordneten X (FDP)')."""
    t = text.strip(" :–-,")
    return bool(re.fullmatch(r"(?:der|des|von|vom)?\s*(?:Fraktion\b.*|[\w/. -]+-Fraktion|Fraktion|"
                             r"Stadtverordneten?\b.*|Stadtverordneter\b.*|Ratsmitglied(?:s|es)?\b.*|"
                             r"Gruppe\b.*|Magistrats?|Oberbürgermeisters?)", t)) or \
        (fields.find_faction(t) is not None and len(t.split()) <= 5 and not re.search(r"\b[a-zäöü]{5,}\b", t.replace("der", "")))


def _title_from_rest(rest: str, number: str | None) -> str | None:
    """A title written on the heading line itself."""
    text = re.sub(r"\bvom\s+\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}", " ", rest)
    if number:
        pat = r"(?:Drs\.?|Drucksache|Nr\.?)?\s*[-–(]?\s*" + re.escape(number) + r"\s*[-–)]?"
        m = re.search(pat, text)
        if m:
            after = text[m.end():].strip(" :–—-_|\"„“'’")
            actor = re.match(r"(?:der|des|von|vom)\s+[^:–]{2,80}?[:–]\s*(?=\S)", after)
            if actor and _only_actor(actor.group(0)):
                after = after[actor.end():]
            if len(after) > 3 and not _only_actor(after):
                return re.sub(r"^(?:betr\.?|betreffend|zum\s+Thema)\s+", "", after, flags=re.I)
            text = text[:m.start()]
    m = None
    for m in _TITLE_SEP.finditer(text):
        pass
    if m:
        cand = text[m.end():].strip(" :–—-_|\"„“'’")
        if len(cand) > 3 and not _only_actor(cand):
            return cand
    return None


_SENTENCE_END = (".", ":", ",", ";", "?", "!")


def _is_title_like(text: str) -> bool:
    t = text.strip()
    if _SESSION_HEADER.search(t) and (fields.find_date(t) or len(t) > 60):
        return False
    return (3 < len(t) <= 120 and not t.endswith(_SENTENCE_END) and not _OUTCOME.search(t) and not DIVIDER.match(t)
            and not _SIGNATURE_ROLE.search(t) and not HEADING.match(t) and not _BETREFF.match(t))


def _title_above(lines: list[Line], h: int, floor: int) -> list[int]:
    """Indices of a short title (one or two lines) directly above heading line h (Kassel style)."""
    j = h - 1
    while j > floor and not lines[j].text.strip():
        j -= 1
    block = []
    while j > floor and lines[j].text.strip() and len(block) < 2 and _is_title_like(lines[j].text):
        block.append(j)
        j -= 1
    if not block:
        return []
    above = lines[j].text.strip() if j > floor else ""
    if above and not above.endswith(_SENTENCE_END) and not HEADING.match(above) and len(block) == 2:
        block = block[:1]  # the upper line is the end of a paragraph, not part of the title
    return sorted(block)


# --- questions ----------------------------------------------------------------------
_ASK = re.compile(r"(?:wir|ich)\s+(?:fragen|frage|bitten|bitte)\b|bitten?\s+um\s+(?:die\s+)?Beantwortung|fragen\s+(?:wir\s+)?den\s+(?:Magistrat|Oberbürgermeister|"
                  r"Bürgermeister|Gemeindevorstand|Senat|Verwaltung)|folgende[n]?\s+Fragen|^Fragen\s*:", re.I)
_Q_MARK = re.compile(r"^\s*(?P<fw>Frage\s*)?(?P<n>\d{1,2}|[lI](?=[.)]))\s*(?P<sep>[.):;])\s*(?P<t>.*)$|"
                     r"^\s*(?P<a>[a-h])\)\s*(?P<ta>.*)$|^\s*Frage\s+(?P<f>\d{1,2})\s*:?\s*(?P<tf>.*)$|"
                     r"^\s*(?P<z>Frage|Zusatzfrage|Nachfrage)\s*:\s*(?P<tz>.*)$")
_Q_END = re.compile(r"^\s*(?:(?:Begründung|Beschluss|Abstimmung\w*|Ergebnis|Sachverhalt|Erläuterung)\s*(?::|$)"
                    r"|Nach\s+Beantwortung|Der\s+Magistrat\s+(?:antwortet|beantwortet))", re.I)
# where a recorded answer starts; with answers between the questions ("Frage 1 … Antwort: …
# Frage 2 …") the questions go on after it
_ANSWER_START = re.compile(r"^\s*(?:Antwort\b|Zu\s+(?:Frage\s*)?\d|Stellungnahme|Beantwortung\s*:)", re.I)


def _marker(text: str):
    """(number, text, style) of a question marker at the start of a line, or None."""
    m = _Q_MARK.match(text)
    if not m:
        return None
    if m.group("n") is not None:
        n = m.group("n").replace("l", "1").replace("I", "1")
        style = "frage" if m.group("fw") else m.group("sep").replace(";", ":")
        return n, m.group("t"), style
    if m.group("a") is not None:
        return m.group("a"), m.group("ta"), "a)"
    if m.group("f") is not None:
        return m.group("f"), m.group("tf"), "frage"
    return None, m.group("tz"), "frage:"


def _next_expected(prev: str | None, cand: str) -> bool:
    if prev is None:
        return cand in ("1", "a")
    if prev.isdigit() and cand.isdigit():
        return int(prev) < int(cand) <= int(prev) + 3
    if prev.isalpha() and cand.isalpha():
        return ord(prev) < ord(cand) <= ord(prev) + 3
    return False


def _outcome_starts(text: str, new_sentence: bool) -> bool:
    """A line that records what came of the item: ends the questions."""
    if _Q_END.match(text):
        return True
    # "… beantwortet die Anfrage wie folgt:" introduces the answer; it does not end the item
    return new_sentence and bool(_OUTCOME.search(text)) and not text.rstrip().endswith(("?", ":"))


def find_questions(body: list[str]) -> list[Question]:
    start = 0
    for i, t in enumerate(body):
        if _ASK.search(t):
            start = i + 1
            break
    questions: list[list] = []
    style = None
    answering = False
    new_sentence = True
    block: list[str] = []  # for unnumbered questions
    for t in body[start:]:
        stripped = t.strip()
        if not stripped:
            new_sentence = True
            continue
        mk = _marker(t)
        number = mk[0] if mk else None
        if mk and number is None:  # "Frage:" / "Zusatzfrage:"
            number = str(len(questions) + 1) if all(q[0].isdigit() for q in questions) else None
        if mk and number and _next_expected(questions[-1][0] if questions else None, number) \
                and (not answering or mk[2] == style):
            questions.append([number, [mk[1]]])
            style, answering = mk[2], False
        elif questions and (_ANSWER_START.match(t) or new_sentence and _OUTCOME.search(t)
                            and stripped.endswith(":")):  # "X beantwortet die Anfrage wie folgt:"
            answering = True
        elif _outcome_starts(t, new_sentence) and (questions or start or block):
            break
        elif questions and not answering:
            questions[-1][1].append(t)
        elif not questions:
            block.append(t)
        new_sentence = stripped.endswith((".", "?", "!", ":"))
    if questions:
        return [Question(n, fold_spaces(" ".join(parts))) for n, parts in questions]
    # unnumbered: every sentence ending in "?" (after "Wir fragen …" where there is one)
    text = fold_spaces(" ".join(block))
    sentences = [s.strip() for s in re.findall(r"[^?]*?\?", text)]
    sentences = [re.sub(r"^[-•–*]\s*", "", s) for s in sentences if len(s) > 5]
    if not start:  # without an introduction only sentences that start a sentence count
        sentences = [s for s in sentences if s[:1].isupper()]
    return [Question(str(i + 1), s) for i, s in enumerate(sentences)]


# --- signatures ---------------------------------------------------------------------
def find_signatures(lines: list[Line]) -> tuple[str | None, str | None, int | None]:
    """Chair and secretary from the closing signature block; and where that block starts."""
    chair = secretary = None
    start = None
    texts = [ln.text for ln in lines]
    for i in range(len(texts) - 1, max(-1, len(texts) - 40), -1):
        roles = list(_SIGNATURE_ROLE.finditer(texts[i]))
        if not roles:
            continue
        j = i - 1
        while j >= 0 and not texts[j].strip():
            j -= 1
        if j < 0:
            continue
        names_line = texts[j].strip()
        if _SIGNATURE_ROLE.search(names_line) or len(names_line) > 80:
            continue
        names = [n.strip() for n in re.split(r"\s{2,}", names_line) if n.strip()]
        if len(roles) >= 2 and len(names) == 1:
            tokens = names_line.split()
            half = _split_names(tokens)
            names = [" ".join(tokens[:half]), " ".join(tokens[half:])]
        for role, name in zip(roles, names if len(roles) > 1 else names[:1]):
            if role.group(1).startswith(("Schrift", "Protokoll")):
                secretary = secretary or name
            else:
                chair = chair or name
        start = j if start is None else min(start, j)
        if chair and secretary:
            break
    return chair, secretary, start


def _split_names(tokens: list[str]) -> int:
    """Where two names written on one line part, e.g. 'Stefan Kortmann Sabine John' → 2."""
    titles = {"Dr.", "Prof.", "von", "van", "de"}
    real = [i for i, t in enumerate(tokens) if t not in titles]
    if len(real) < 2:
        return max(1, len(tokens) // 2)
    mid = real[len(real) // 2]
    while mid > 0 and tokens[mid - 1] in titles:
        mid -= 1
    return mid


# --- the whole book -----------------------------------------------------------------
def _slug(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    s = re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")
    return s[:50].rstrip("-") or "eintrag"


def split_items(pages: list[PageText], sha: str = "", filename: str = "") -> list[Record]:
    """Every agenda item found in a minute book, in document order."""
    lines = strip_furniture(pages)
    first_page = [p.text for p in pages[:1]]
    date = fields.session_date("\n".join(first_page).split("\n")[:40]) or fields.find_date(" ".join(first_page))
    chair, secretary, sig_start = find_signatures(lines)
    end_of_items = sig_start if sig_start is not None else len(lines)
    headings = [h for h in find_headings(lines) if h.index < end_of_items]

    starts: list[tuple[int, Heading, list[int]]] = []
    floor = -1
    for h in headings:
        above = [] if h.top else _title_above(lines, h.index, floor)
        if starts and above and above[0] <= starts[-1][1].index:
            above = []
        starts.append((above[0] if above else h.index, h, above))
        floor = h.index

    dividers = [i for i, ln in enumerate(lines) if DIVIDER.match(ln.text)]
    records: list[Record] = []
    for n, (start, h, above) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else end_of_items
        end = min([end] + [d for d in dividers if h.index < d < end])
        item_lines = [ln for ln in lines[start:end]]
        while item_lines and not item_lines[-1].text.strip():
            item_lines.pop()
        heading_idx = [h.index] + _next_nonblank(lines, h.index, 3)
        heading_idx = [i for i in heading_idx if i < end]
        number = fields.find_number(" ".join(lines[i].text for i in [h.index] + heading_idx[1:3] + above))
        title = _pick_title(lines, h, above, number, heading_idx, end)
        faction = fields.find_faction(" ".join(lines[i].text for i in [h.index] + heading_idx[1:2]))
        body = [ln.text for ln in lines[h.index + 1:end]]
        questions = find_questions(body) if h.kind == "Anfrage" else []
        after_q = _outcome_text(body, questions)
        answered_by = fields.find_answered_by(after_q) if h.kind == "Anfrage" else None
        if answered_by is None and h.kind == "Anfrage":  # "X beantwortet die Anfrage wie folgt: Frage 1 …"
            rest = fold_spaces(" ".join(body))
            for q in questions:
                rest = rest.replace(q.text, " ")
            answered_by = fields.find_answered_by(rest)
        status = fields.find_status(after_q) if h.kind in ("Anfrage",) else None
        rec_pages = sorted({ln.page for ln in item_lines if ln.text.strip()})
        rid = number or f"{date or 'ohne-datum'}-{h.kind.lower()}-{_slug(title)}"
        # an agenda item that names no kind but is a numbered Drucksache ("Zu Punkt 4 / Entwurf
        # der Haushaltssatzung / Drucksachen-Nr. 3990/2014-2020") is, in council practice, a Vorlage
        kind = "Vorlage" if h.kind == "Sonstiges" and number else h.kind
        records.append(Record(
            id=rid, kind=kind, number=number, title=title, faction=faction,
            questions=questions, answered_by=answered_by, status=status, chair=chair,
            secretary=secretary, date=date, pages=rec_pages,
            text="\n".join(ln.text for ln in item_lines).strip(),
            source_id=sha, source_filename=filename,
        ))
    return _unique(records)


def _unique(records: list[Record]) -> list[Record]:
    """One record per id: where an item is listed twice (an agenda printed before the items,
    a repeated heading), the one with the most text is the item; ids stay unique."""
    best: dict[str, Record] = {}
    for r in records:
        if r.id not in best or len(r.text) > len(best[r.id].text):
            best[r.id] = r
    keep = {id(r) for r in best.values()}
    return [r for r in records if id(r) in keep]


def _pick_title(lines: list[Line], h: Heading, above: list[int], number: str | None,
                heading_idx: list[int], end: int) -> str:
    return clean_title(_raw_title(lines, h, above, number, heading_idx, end))


def _raw_title(lines: list[Line], h: Heading, above: list[int], number: str | None,
               heading_idx: list[int], end: int) -> str:
    for candidate in _title_candidates(lines, h, above, number, heading_idx):
        if candidate and clean_title(candidate):
            return candidate
    # the heading itself: "Mitteilungen der Stadtverordnetenvorsteherin", "Anfrage der SPD-Fraktion"
    return _strip_enum(fold_spaces(lines[h.index].text)) or h.kind


def _title_candidates(lines: list[Line], h: Heading, above: list[int], number: str | None,
                      heading_idx: list[int]):
    from_rest = _title_from_rest(h.rest, number)
    if h.top and h.kind == "Sonstiges" and h.rest:
        from_rest = h.rest
    if h.kind == "Sonstiges" and not h.rest and len(heading_idx) > 1:  # "Punkt 1 der Tagesordnung" / title
        t = lines[heading_idx[1]].text.strip()
        if len(t) <= 120 and not t.endswith((".", ":")):
            yield fold_spaces(t)
    if from_rest:
        nxt = heading_idx[1] if len(heading_idx) > 1 else None
        if nxt is not None and nxt == h.index + 1 and len(lines[h.index].text) > 55:
            cont = lines[nxt].text.strip()
            if len(cont) < 45 and _is_title_like(cont) and not fields.find_number(cont):
                from_rest = f"{from_rest} {cont}"
        yield fold_spaces(from_rest)
    for i in heading_idx[1:]:
        m = _BETREFF.match(lines[i].text)
        if m:
            yield fold_spaces(m.group("t"))
    if above:
        yield _strip_enum(fold_spaces(" ".join(_strip_enum(lines[i].text) for i in above)))
    for i in heading_idx[1:]:
        t = lines[i].text.strip()
        if fields.find_number(t) and len(t) < 30:
            continue
        # a title on its own line is short; a long line is already the text of the item
        if _is_title_like(t) and len(t) <= 75 and not _only_actor(t) and not _strip_enum(t) == "":
            yield fold_spaces(t)
            break


def _outcome_text(body: list[str], questions: list[Question]) -> str:
    """Text after the questions, where the outcome is recorded (whole body if none)."""
    if not questions:
        return fold_spaces(" ".join(body))
    last = questions[-1].text[-40:]
    joined = fold_spaces(" ".join(body))
    pos = joined.rfind(last)
    return joined[pos + len(last):] if pos >= 0 else joined
