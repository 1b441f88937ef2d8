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
