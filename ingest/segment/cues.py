"""The vocabulary the stages share: phrases that record an outcome, signature roles.

Kept in one place so that every stage reads the same signal the same way."""

from __future__ import annotations

import re

# the participles, not the adjectives: "2019 beschlossene Konzept" records no outcome
OUTCOME = re.compile(r"beantwort|erledigt|zurückgestellt|zurückgezogen|(?:abgestimmt|beschlossen|angenommen|abgelehnt"
                     r"|verwiesen|vertagt)(?![a-zäöüß])|zur\s+Kenntnis|schriftliche\s+Antwort", re.I)
SIGNATURE_ROLE = re.compile(r"\b(Vorsitzende[r]?|Stadtverordnetenvorsteher(?:in)?|Vorsteher(?:in)?|"
                             r"Schriftführer(?:in)?|Protokollführer(?:in)?)\b")
# a line that records an answer ("Antwort des Senats vom …", "Stellungnahme der Verwaltung"): never a title
ANSWER_LINE = re.compile(r"^\s*(?:Antwort|Stellungnahme|Mitteilung|Beantwortung)\s+(?:des|der|zu[rm]?|auf)\b", re.I)

# a line that is only a kind and its running number: "Mündliche Anfrage 300", "Kleine Anfrage Nr. 12". A
# protocol calls each Anfrage of a Fragestunde by such a line set apart, even inside a sentence
# ("Dann rufe ich auf die" / "Mündliche Anfrage 302" / "des Abgeordneten …")
KIND_NUMBER = re.compile(r"^\s*(?:(?:Kleine|Mündliche|Dringliche|Schriftliche|Große)\s+)?(?:Anfrage|Frage)\s+(?:Nr\.?\s*)?"
                         r"(?P<n>\d{1,5})\s*$")

# a label that opens an answer, in a document that prints question and answer one after the other:
# "Antwort:", "1. Antwort:", "Antwort zu Frage 2:", "Zwischenantwort:", "Abschließende Antwort:"
ANSWER_LABEL = re.compile(r"^\s*(?:\d{1,2}\.\s*)?(?:(?:Abschließende|Vorläufige|Ergänzende)\s+Antwort|Zwischenantwort|Antwort"
                          r"|Beantwortung)(?:\s+(?:zu\s+)?(?:Frage\s+)?\d{1,2}[a-z]?)?\s*:"
                          r"|^\s*Zu\s+(?:Frage\s+)?\d{1,2}[a-z]?\.?\s*:"  # "Zu 1:", "Zu 3.:"
                          r"|^\s*Aus\s+der\s+Antwort\s*:", re.I)
# to whom the questions are put ("Anfragen an den Magistrat", "Fragen … an Bürgermeister Kleiner"): who answers
# where the answer is printed without a name
ADDRESSEE = re.compile(r"\ban\s+(?:den|die|das)\s+(?P<who>Magistrat|Verwaltung|Stadtverwaltung|Oberbürgermeister(?:in)?"
                       r"|Bürgermeister(?:in)?|Landrat|Landrätin|Senat|Bezirksamt|Gemeindevorstand|Kreisausschuss)\b"
                       r"|\ban\s+(?P<whom>(?:Ober)?[Bb]ürgermeister(?:in)?\s+[A-ZÄÖÜ][\wäöüß-]+)")


def answered_label(body: list[str]) -> bool:
    """True when an answer label opens text that follows it (not a label at the very end, a link)."""
    lines = [t for t in body if t.strip()]
    return any(ANSWER_LABEL.match(t) and (len(t.split(":", 1)[1].strip()) > 3 or k + 1 < len(lines))
               for k, t in enumerate(lines))


def addressee(text: str) -> str | None:
    m = ADDRESSEE.search(text)
    return (m.group("who") or m.group("whom")) if m else None

# a line that names only an office, as a signature ends a letter or an answer: "Bürgermeister",
# "gez. Stadträtin Dr. Muster", "Erster Stadtrat"; never a title
OFFICE_LINE = re.compile(r"^\s*(?:(?:gez\.|i\.\s*A\.|i\.\s*V\.)\s*)?(?:(?:Erste[rs]?|Stellv\.|Stellvertretende[rs]?)\s+)?"
                         r"(?:Ober)?(?:Bürgermeister(?:in)?|Stadtrat|Stadträtin|Landrat|Landrätin|Dezernent(?:in)?"
                         r"|Beigeordnete[r]?|Kämmerer(?:in)?|Senator(?:in)?|Ortsvorsteher(?:in)?|Amtsleiter(?:in)?"
                         r"|Fachbereichsleiter(?:in)?|Geschäftsführer(?:in)?|Magistrat|Der\s+Magistrat|Der\s+Oberbürgermeister)"
                         r"(?:\s+(?:(?:Dr|Prof)\.\s*)?[A-ZÄÖÜ][\wäöüß-]+){0,3}\s*$")


# the writer answers in the document itself: "Ich beantworte Ihre Anfrage wie folgt:"
ANSWERS_HERE = re.compile(r"\b(?:[Ii]ch|[Ww]ir)\s+beantworten?\s+(?:Ihre|Deine|die|diese)\s+(?:\w+\s+)?(?:Anfrage|Fragen)\b"
                          r"|\bFür\s+die\s+Beantwortung\s+dieser\s+Anfrage\b")

