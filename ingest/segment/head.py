"""Stage 3e: the title in the head of a one-Anfrage document whose lines ran together.

A Drucksache's head stacks the same elements in every parliament and council: the body
("Landtag Brandenburg"), "Drucksache 6/3541", "6. Wahlperiode", dates, the kind with its askers
("Kleine Anfrage 1385 der Abgeordneten X und Y (CDU)"), and the title; then the text begins
("Wortlaut …", "Vorbemerkung", "Sehr geehrter …", or a sentence "In der Anfrage geht es …").
Text taken from a PDF or a web page often puts all of it on one line, so no line break shows
where the title is. This stage cuts the head at those elements and at the first sentence,
and takes the title from what is left: what a "Thema:"/"Betreff:" label names, else the last
stretch before the text begins that reads like a title.
"""

from __future__ import annotations

import re

from ingest import fields
from ingest.segment.titles import clean_title
from ingest.textfix import fold_spaces

_MONTH = "|".join(fields.MONTHS)
_LAENDER = (r"Baden-Württemberg|Bayern|Berlin|Brandenburg|Bremen|Hamburg|Hessen|Mecklenburg-Vorpommern"
            r"|Niedersachsen|Nordrhein-Westfalen|Rheinland-Pfalz|Saarland|Sachsen-Anhalt|Sachsen"
            r"|Schleswig-Holstein|Thüringen")
_KIND = r"\b(?i:(?:(?:Kleine|Schriftliche|Große|Grosse|Mündliche|Dringliche)\s+)?Anfrage)\b(?:\s+(?:Nr\.\s*)?\d{1,5}\b)?"
# a ministry's field: a noun, with an adjective before it ("Ländlichen Raum", "Digitale Infrastruktur")
_OFFICE_NAME = r"(?:[A-ZÄÖÜ]\w*(?:isch|lich|ig|al|är)(?:e|en|er|es)?\s+)?[A-ZÄÖÜ][\w-]*"
_NOT_A_NAME = r"(?!Drucksache|Drs\b|Antwort|Thema\b|Betreff|Wahlperiode|Fraktion)"
# elements of a head; each is cut out, and what stays between them may be the title
_ELEMENTS = [
    # the body: "Landtag Brandenburg", "SCHLESWIG-HOLSTEINISCHER LANDTAG", "Bremische Bürgerschaft"
    r"(?:[A-ZÄÖÜ][\wäöüß-]*(?:er|ES|ER)\s+)?(?:Landtag|LandTag|LANDTAG|Abgeordnetenhaus|ABGEORDNETENHAUS|Bürgerschaft"
    r"|BÜRGERSCHAFT|Staatskanzlei|STAATSKANZLEI)\b(?:\s+(?:von\s+)?(?:" + _LAENDER + r"))?",
    r"\b\d{1,2}\.\s*Wahlperiode\b|\bWahlperiode\s*\d{1,2}\b",
    # numbers: "Drucksache 17 / 16 846", "Drs.-Nr.: 6/7263", "(Drucksache 18/1230)"
    r"\(?\b(?:Drucksachen?|Drs|Drucks)\b\.?(?:-?Nr\.?)?\s*:?\s*\d[\d/.-]*(?:\s*/\s*\d+(?:\s\d{3})*)?\)?(?:\s*[A-Z]\b)?",
    # dates, with their "vom", "den", "am" and a place before a comma: "Hannover, den 10.08.2016"
    r"(?:\b[A-ZÄÖÜ][a-zäöüß]+,\s*)?(?:\b(?:vom|den|am)\s+)?\b\d{1,2}\.\s*(?:\d{1,2}\.\s*|(?i:" + _MONTH
    + r")\s+)(?:19|20)\d{2}\b",
    r"\b(?:19|20)\d{2}-\d{2}-\d{2}\b",
    r"\((?:Eingang|eingegangen)[^)]{0,80}\)",
    # the kind with its number and who asks: "Antwort der Landesregierung auf die Kleine Anfrage 1385
    # der Abgeordneten Sven Petke und Steeven Bretz der CDU-Fraktion"
    r"\b(?:Antwort|Stellungnahme|Beantwortung)\s+(?:de[rs]\s+\w+\s+)?(?:auf\s+die|zur|zu\s+der)\s+" + _KIND,
    # the kind alone, not where the title mentions another one ("Nachfrage zur Kleinen Anfrage 1306")
    r"(?<!zur )(?<!zu )(?<!en )(?<!der )(?<!die )" + _KIND,
    r"\b(?:der|des)\s+(?:Abgeordneten|Abgeordneter|Abg\.|Stadtverordneten|Ratsmitglieds?|Bezirksverordneten)"
    r"(?:\s+(?:(?:Dr|Prof)\.|Frau|Herrn?|und(?=\s+" + _NOT_A_NAME + r"[A-ZÄÖÜ])|" + _NOT_A_NAME
    + r"[A-ZÄÖÜ][\wäöüß'-]+,?)){1,8}(?:\s*\([^)]{1,40}\))?",
    # "der SPD-Fraktion", ", Fraktion der NPD Polizeieinsatz …": up to the title's first word
    r"(?:\b(?:der|die)\s+)?\b(?:Fraktion\s+(?:der\s+)?[\w/ ]{2,30}?(?=\s[A-ZÄÖÜ][a-zäöüß])|[\w/-]+-Fraktion)\b",
    # "und Antwort des Ministeriums für Ländlichen Raum und Verbraucherschutz": up to the title, which
    # begins with a noun and its article ("Ausgestaltung des …")
    r"\bund\s+Antwort\s+(?:des|der)\s+\w+\s+(?:des|der|für)\s+" + _OFFICE_NAME
    + r"(?:(?:,\s*|\s+und\s+(?:für\s+)?)" + _OFFICE_NAME + r")*",
    r"\bund\s+(?i:Antwort)\b",
]
_ELEMENT = re.compile("|".join(f"(?:{e})" for e in _ELEMENTS))
_LABEL = re.compile(r"\b(?:Thema|Betreff|Betr\.|Gegenstand)\s*:\s*")
# where the text of the document begins: a word that opens it, or a sentence whose first word
# (an article, pronoun, preposition, question word) stands capitalised after a word without a stop
_OPENERS = (r"Wortlaut|Vorbemerkung|Vorbemerkungen|Begründung|Sachverhalt|Sehr\s+geehrte[r]?|Federführend"
            r"|Ich\s+frage|Wir\s+fragen|Hiermit")
_FUNCTION = (r"Die|Der|Das|Den|Dem|Des|Ein|Eine|Einen|Es|Wir|Ich|Sie|Er|In|Im|Am|An|Auf|Aus|Bei|Mit|Nach|Seit"
             r"|Von|Vom|Zu|Zur|Zum|Für|Durch|Gemäß|Laut|Wie|Welche|Welcher|Welches|Was|Wann|Warum|Wo|Ist|Sind"
             r"|Hat|Haben|Wird|Werden|Daher|Dabei|Damit|Nun|Bitte|Unter|Über|Um|Dieser|Diese|Dieses")
_TEXT_BEGINS = re.compile(r"\b(?:" + _OPENERS + r")\b|(?<=[^\W\d_]|\))\s+(?=(?:" + _FUNCTION + r")\s)")


def title_from_head(head: str) -> str | None:
    """The title of a one-line head (see the module's docstring), or None where none reads like one."""
    begins = _TEXT_BEGINS.search(head, 30)
    region = head[:begins.start()] if begins else head
    label = _LABEL.search(region)
    if label:
        named = _ELEMENT.split(region[label.end():])[0]
        if _reads_as_title(named):
            return clean_title(named)
    stretches = [s for s in _ELEMENT.split(_LABEL.sub(" ", region)) if _reads_as_title(s)]
    if stretches:
        return clean_title(_end_at_abbreviation(stretches[-1]))
    # the questions came first; the kind and its title follow them ("… 5. Wie viele …? Kleine Anfrage
    # des Abg. X und Antwort des Ministeriums für Y <title> <text>")
    again = re.search(r"(?:Kleine|Schriftliche|Große|Mündliche)\s+Anfrage\s+(?:des|der)\s+Abg", head[40:])
    return title_from_head(head[40 + again.start():]) if again else None


# "… haben wir eine Anfrage zum Thema Aufarbeitung der Stadtgeschichte gestellt": the topic named in a sentence
# "Beantwortung der Anfrage Nr. 2021/123 der SPD-Fraktion vom 03.05.2021 betreffend Schulsozialarbeit"
_TOPIC = re.compile(r"\bAnfrage\b(?:[^.:;]|(?<=Nr)\.|(?<=\d)\.){0,150}?\b(?:zum\s+Thema|zu\s+de[mr]\s+Thema|betreffend|betr\.|bezüglich)\s*:?\s*"
                    r"[„\"]?(?P<t>[^.„“\"?!]{5,120}?)[“\"]?"
                    r"(?=\s+(?:gestellt|eingereicht|eingebracht|vorgelegt|an\s+de[nr]|vom)\b|\s*\(|[.,;:?!]|$)")


def topic_of(head_lines: list[str]) -> str | None:
    """The topic an Anfrage is said to be about, in the document's own sentence or heading line."""
    for k, line in enumerate(head_lines):
        m = _TOPIC.search(line)
        if m and m.end() >= len(line.rstrip()) and k + 1 < len(head_lines) and head_lines[k + 1].strip():
            joined = fold_spaces(f"{line} {head_lines[k + 1]}")  # the sentence runs on to the next line
            begins = _TEXT_BEGINS.search(joined, m.end("t") - 1)
            m = _TOPIC.search(joined[:begins.start()] if begins else joined)
        if m and len(m.group("t").split()) >= 2:
            return clean_title(m.group("t"))
    return None


def _end_at_abbreviation(stretch: str) -> str:
    """"Ausgestaltung des Programms Ländlicher Raum (ELR) Drucksachen und Plenarprotokolle sind …": a
    title that ends in its abbreviation, with the next sentence run on after it."""
    m = re.search(r"(?<=\S)\s*\([A-ZÄÖÜ][\wÄÖÜ-]{1,10}\)(?=\s+\S+\s+\S+\s+\S+\s+\S+)", stretch)
    return stretch[:m.end()] if m and len(stretch[:m.start()].split()) >= 3 else stretch


# who asks, named after the kind anywhere in the head: "Kleine Anfrage des Abg. Dr. X FDP/DVP"
_ASKER_CHAIN = re.compile(r"Anfrage\s+(?:des|der)\s+(?:Abg\.|Abgeordnete[nr]?)\s+[^.]{0,60}(?:\.\s*[^.]{0,60})?")


def asker_faction(text: str) -> str | None:
    """The faction named right after the kind and the asker."""
    for m in _ASKER_CHAIN.finditer(text):
        if fields.find_faction(m.group(0)):
            return fields.find_faction(m.group(0))
    return None


def names_head_element(line: str) -> bool:
    """True when a line holds a head element (a body, a Drucksache number, a date …): the head, not a title."""
    return bool(_ELEMENT.search(line))


def _reads_as_title(stretch: str) -> bool:
    s = stretch.strip(" ,;–-")
    words = s.split()
    return (2 <= len(words) <= 25 and s[:1].isupper() and not s.endswith((":", ","))
            and not (fields.find_faction(s) and len(words) <= 4)
            and sum(w[:1].isalpha() for w in words) >= 2 and len(s) >= 10)
