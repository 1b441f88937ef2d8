"""Stage 3a: an item's title, above the heading (Kassel), on it, or below it."""

from __future__ import annotations

import re

from ingest import fields
from ingest.segment.cues import OFFICE_LINE
from ingest.segment.form import cut_at_label, is_label, run_on
from ingest.segment.headings import _BETREFF, _OPEN_ENDS, AGENDA, _SENTENCE_END, HEADING, Heading, _is_title_like
from ingest.segment.lines import Line
from ingest.textfix import fold_spaces


# --- titles -------------------------------------------------------------------------
_TITLE_SEP = re.compile(r"(?:\b(?:betr\.?|betreffend|zum\s+Thema|zu[mr]?|bzgl\.?|wegen)\s+|[:–]\s*|\s-\s)", re.I)



_ENUM_PREFIX = re.compile(r"^\s*(?:(?:Zu\s+)?(?:TOP|Punkt|Tagesordnungspunkt)\s*(?:N?Ö\s*)?|Ö\s*|NÖ\s*|§\s*(?=\d{1,3}\s))?\d{1,3}(?:\.\d{1,2})*[.:)]?"
                          r"(?:\s+der\s+Tagesordnung)?(?:\s+|$)(?=\S|$)")


def _strip_enum(text: str) -> str:
    return _ENUM_PREFIX.sub("", text).strip()


_JUNK = " :–—-_|.,;\"„“'’‚‘`~°[]"


_ASKER_PREFIX = re.compile(r"^(?P<who>[^:]{2,60}):\s+(?P<t>\S.{3,})$")


def clean_title(text: str) -> str:
    """A title without agenda numbers, 'betr.:' and OCR specks around it."""
    t = fold_spaces(re.sub(r"</?(?:br|strong|b|i|em|p|span|div)\b[^>]*>", " ", text, flags=re.I)).strip(_JUNK)
    if "|" in t:  # table debris: "Datum | Nummer | | Radwege in der Nordstadt |": the longest cell
        t = max((c.strip(_JUNK) for c in t.split("|")), key=lambda c: len(c.split()))
    for _ in range(2):
        t = _strip_enum(t).strip(_JUNK)
        t = re.sub(r"^(?:betr\.?|betreff|betreffend|thema|gegenstand|kurztitel|titel|der\s+Tagesordnung)\b\s*:?\s*", "",
                   t, flags=re.I).strip(_JUNK)
    t = cut_at_label(t).strip(_JUNK)
    # "Meierstraße / AKV (Herr Voht) - 5.610 / 5.660": who asks and the offices' numbers after the title
    t = re.sub(r"\s*\((?:Herr|Frau|Hr\.|Fr\.)\s+[^()]{2,40}\)(?:\s*[-–]\s*[\d./ ]+)?$", "", t).strip(_JUNK) or t
    # "Kommunalwahlkreise (RA-141/2018)", "Radwege (Drs. 20/1234)": the item's number in brackets after the
    # title is the number field's, not the subject's
    t = re.sub(r"\s*\((?:Drs\.|Drucksache|Nr\.|Vorlage)?\s*[A-Z]{0,5}[-/ ]?\d[\d.]*[/-][\d/.-]*\d(?:/[IVX]+|\s*[A-Z]{1,3})?\)$", "",
               t).strip(_JUNK) or t
    asker = _ASKER_PREFIX.match(t)
    if asker and fields.find_faction(asker.group("who")) and len(asker.group("who").split()) <= 6:
        t = asker.group("t")  # "Stadtrat Maier (CSU): Verkehrsberuhigung …": who asks, then the title
    if t.count("„") > t.count("“"):
        t += "“"
    return t


def _only_actor(text: str) -> bool:
    """True when text names only who is asking ('der SPD-Fraktion', 'des Stadtverordneten X (FDP)')."""
    t = text.strip(" :–-,")
    return bool(re.fullmatch(r"(?:der|des|von|vom)?\s*(?:Fraktion\b.*|[\w/. -]+-Fraktion|Fraktion|"
                             r"Stadtverordneten?\b.*|Stadtverordneter\b.*|Ratsmitglied(?:s|es)?\b.*|"
                             r"Gruppe\b.*|Magistrats?|Oberbürgermeisters?)", t)) or \
        bool(re.fullmatch(r"(?:von|vom|des|der)\s+(?:(?:Kreis|Stadt|Gemeinde|Orts|Bezirks)?(?:rat|rätin|räte[ns]?)|Ratsherrn?|Ratsfrau"
                          r"|Kreistagsmitglied(?:s|es)?|Abgeordneten|Abg\.|Bezirksverordneten|Herrn?|Frau)\s+"
                          r"(?:(?:Dr|Prof)\.\s*)*[A-ZÄÖÜ][\wäöüß'-]+(?:\s+[A-ZÄÖÜ][\wäöüß'-]+){0,3}(?:\s*\([^()]{2,40}\))?"
                          r"(?:,\s*[^,;:]{2,90})?(?:,?\s+vom\s+[\d.]+\s*\w*\s*\d*)?[;,.]?", t)) or \
        (fields.find_faction(t) is not None and len(t.split()) <= 5 and not re.search(r"\b[a-zäöü]{5,}\b", t.replace("der", "")))


def _title_from_rest(rest: str, number: str | None) -> str | None:
    """A title written on the heading line itself (up to a label that follows it: "… Fragesteller: Herr X")."""
    text = cut_at_label(re.sub(r"\bvom\s+\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}", " ", rest))
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


# the name of a part of the session over several items, not an item's title
_SECTION_NAME = re.compile(r"^\s*(?:Fragestunde|Aktuelle\s+Stunde|Anfragen|Öffentliche[rs]?\s+Teil|Nicht\s?öffentliche[rs]?\s+Teil"
                           r"|Tagesordnung)\s*:?\s*$", re.I)
_QUESTION_TITLE = re.compile(r"^\s*\d{1,2}\.\s+[A-ZÄÖÜ][^?]{5,150}\?\s*$")


def _title_above(lines: list[Line], h: int, floor: int) -> list[int]:
    """Indices of a short title (one or two lines) directly above heading line h (Kassel style)."""
    j = h - 1
    while j > floor and not lines[j].text.strip():
        j -= 1
    block = []
    # "Dann rufe ich auf die" / heading: a sentence broken by the heading, ending in an article, no title
    while j > floor and lines[j].text.strip() and len(block) < 2 and _is_title_like(lines[j].text) \
            and not _SECTION_NAME.match(lines[j].text) and lines[j].text.split()[-1].casefold() not in _OPEN_ENDS \
            and not OFFICE_LINE.match(lines[j].text):  # "Bürgermeister": the signature of the item before
        block.append(j)
        j -= 1
    if not block and j > floor:  # "11. Wie werden … unterstützt?": a listed Anfrage titled by its question
        for k in (j, j - 1):
            if k > floor and all(lines[x].text.strip() for x in range(k, j + 1)) and \
                    _QUESTION_TITLE.match(" ".join(lines[x].text.strip() for x in range(k, j + 1))):
                return list(range(k, j + 1))
    if not block:
        return []
    above = lines[j].text.strip() if j > floor else ""
    if above and not above.endswith(_SENTENCE_END) and not HEADING.match(above) and len(block) == 2:
        block = block[:1]  # the upper line is the end of a paragraph, not part of the title
    return sorted(block)




def _pick_title(lines: list[Line], h: Heading, above: list[int], number: str | None,
                heading_idx: list[int], end: int) -> str:
    return clean_title(_raw_title(lines, h, above, number, heading_idx, end))


def _raw_title(lines: list[Line], h: Heading, above: list[int], number: str | None,
               heading_idx: list[int], end: int) -> str:
    for candidate in _title_candidates(lines, h, above, number, heading_idx, end):
        if candidate and clean_title(candidate) and not _only_actor(clean_title(candidate)):
            return candidate
    if h.kind == "Anfrage" and (not h.rest or _only_actor(h.rest)):  # "102.18.70 CDU" / the question: its title
        below = [j for j in range(h.index + 1, min(end, h.index + 12)) if lines[j].text.strip()]
        asked = re.search(r"(?<![\w,] )[A-ZÄÖÜ][^.?!]{10,300}\?", fold_spaces(" ".join(lines[j].text for j in below)))
        if asked:
            return asked.group(0)
    # the heading itself: "Mitteilungen der Stadtverordnetenvorsteherin", "Anfrage der SPD-Fraktion"
    heading = _strip_enum(fold_spaces(lines[h.index].text))
    if h.kind == "Anfrage" and (not heading or _BARE_KIND.match(heading)):  # "ANFRAGE": a word, no title
        return first_title_line(lines, h.index + 1, end) or heading or h.kind
    return heading or h.kind


_BARE_KIND = re.compile(r"^\W*(?:(?:Kleine|Große|Schriftliche|Mündliche|Dringliche)\s+)?(?:Anfrage|Frage)n?\W*$", re.I)


def first_title_line(lines: list[Line], start: int, end: int, limit: int = 12) -> str | None:
    """Where nothing names the title: the first short line among an item's first lines that is no
    label, number, date, header, greeting or asker line, with the lines that continue its phrase."""
    texts = [lines[i].text.strip() for i in range(start, min(end, len(lines))) if lines[i].text.strip()][:limit]
    # "Drs. 23/4418: Auffindbarkeit im Transparenzportal –": the number before the title, the title run on
    texts = [_NUMBER_LEAD.sub("", t) for t in texts]
    for k, t in enumerate(texts):
        if k == 0 and re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß-]{9,40}", t):
            return t  # "Bodenuntersuchungen": a title of one word, heading the document
        if len(t) > 120 or len(t.split()) >= 11 or (len(t.split()) >= 8 and t.endswith(".")):
            return None  # the text has begun: titles are short
        if (_is_title_like(t.rstrip(",")) and len(t.split()) >= 2 and t[:1].isupper() and _strip_enum(t) == t
                and not NOT_A_HEADLINE.match(t)
                and not fields.find_date(t) and not is_label(t)
                and not _only_actor(t) and not _BARE_KIND.match(t) and not fields.find_number(t) == t.strip()
                and not OFFICE_LINE.match(t)
                and not re.match(r"^(?:Herrn?|Frau|An\s+(?:den|die|das))\b", t)):
            return clean_title(run_on(t, texts[k + 1:k + 3])[0])
    return None


_NUMBER_LEAD = re.compile(r"^(?:Drs\.?|Drucksache|Vorlage)\s*(?:Nr\.?\s*)?[\w/.-]*\d[\w/.-]*\s*:\s*(?=\S)")
# what a letterhead or a legal reference puts where a title could stand: "Landkreis Hildesheim", "Stadt Karlsruhe",
# "Herrn Landrat …", "gem. § 56 NKomVG"
NOT_A_HEADLINE = re.compile(r"^(?:(?:Landeshauptstadt|Universitätsstadt|Wissenschaftsstadt|Hansestadt|Stadt|Gemeinde|Markt"
                            r"|Landkreis|Kreis|Bezirksamt|Samtgemeinde|Verbandsgemeinde)\s+[A-ZÄÖÜ][\wäöüß.-]*"
                            r"(?:\s+(?:am|an\s+der|im|ob\s+der)?\s*[A-ZÄÖÜ(][\wäöüß.)-]*)?$"
                            r"|(?:gem\.|gemäß|nach|lt\.|laut)\s*§)")


def labelled_title(lines: list[Line], start: int, end: int) -> str | None:
    """The value of a subject label ("Betreff: …", "Gegenstand:" / value on the next line) among an
    item's first lines: the title the document itself names."""
    seen = 0
    for i in range(start, min(end, len(lines))):
        t = lines[i].text.strip()
        if not t:
            continue
        seen += 1
        if seen > 10:
            return None
        m = _LABEL_ALONE.match(t) or _BETREFF.match(t)
        if not m and (inline := _subject_in_sentence(t, [lines[j].text for j in range(i + 1, min(end, len(lines), i + 4))])):
            return inline
        if m and m.groupdict().get("t"):
            return fold_spaces(m.group("t"))
        if m:
            nxt = next((lines[j].text.strip() for j in range(i + 1, min(end, len(lines), i + 3)) if lines[j].text.strip()), "")
            if nxt and not nxt.endswith(":") and len(nxt) <= 160:
                return fold_spaces(nxt)
    return None


_LABEL_ALONE = re.compile(r"^\s*(?:Betreff|Betr\.|Thema|Gegenstand)\s*:\s*$", re.I)
# a subject label after a sentence: "des Abgeordneten X von der SPD. Thema: „Worin …?“. Schriftlich?"
_SUBJECT_INLINE = re.compile(r"(?:^|(?<=[.!?)]))\s*(?:Betreff|Betr\.|Thema|Gegenstand)\s*:\s*(?P<v>\S.*)$")
_QUOTED = re.compile(r"^[„\"»‚](?P<q>.+?)(?:[“\"«](?=\W|$)|$)")


def _subject_in_sentence(line: str, after: list[str]) -> str | None:
    """The value of a subject label inside a line of running text (the label after a sentence; the
    value may run on into the next lines): the quoted phrase (to its closing mark, or to its first
    question or sentence end where the mark is missing), else up to the sentence end."""
    m = _SUBJECT_INLINE.search(fold_spaces(line))
    if not m or m.start() == 0:
        return None  # a label opening the line is read as a label line
    value = fold_spaces(" ".join([m.group("v")] + after))
    quoted = _QUOTED.match(value)
    if quoted and "“" not in value and '"' not in value[1:] and "«" not in value:
        value = re.match(r"[^?!]*?(?:[?!]|(?=\.\s)|$)", quoted.group("q")).group(0)
    elif quoted:
        value = quoted.group("q")
    else:
        value = re.match(r"[^.?!]*[?!]?", value).group(0)
    value = value.strip(" .")
    return value if len(value.split()) >= 2 else None


def _title_candidates(lines: list[Line], h: Heading, above: list[int], number: str | None,
                      heading_idx: list[int], end: int):
    from_rest = _title_from_rest(h.rest, number)
    if h.top and h.rest and not HEADING.match(lines[h.index].text):
        from_rest = h.rest  # a numbered line without a kind word ("4.1.1 Ampeln", "1. Wird …?") is its title
    if h.kind == "Sonstiges" and not h.rest and len(heading_idx) > 1:  # "Punkt 1 der Tagesordnung" / title
        t = lines[heading_idx[1]].text.strip()
        if len(t) <= 120 and not t.endswith((".", ":")):
            yield fold_spaces(t)
    if from_rest:
        nxt = heading_idx[1] if len(heading_idx) > 1 else None
        if nxt is not None and nxt == h.index + 1 and len(lines[h.index].text) > 55:
            cont = lines[nxt].text.strip()
            # "11.1 Anfrage von X - Volksbegehren …" / "12 Bürgeranfragen": the next agenda line, no continuation
            if len(cont) < 45 and _is_title_like(cont) and not fields.find_number(cont) and cont not in from_rest \
                    and not AGENDA.match(cont) and not cont.startswith("("):
                from_rest = f"{from_rest} {cont}"
        yield fold_spaces(from_rest)
    labelled = labelled_title(lines, h.index + 1, end)
    if labelled:
        yield labelled
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
