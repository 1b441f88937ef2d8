"""Stage 3c: several Anfragen named together in one sentence become one record each.

Minutes often sum up what became of the Anfragen in one sentence: "Die Anfragen der Fraktion X zu A
und der CDU-Fraktion zu B beantwortet der Landrat nicht", "Die Beantwortung der Anfragen des
Stadtelternrates und der SPD-Fraktion wurde im RIS hochgeladen", "… weiterer Anfragen der Fraktion X
zur Y und zum Z liegen als Anlagen vor". Each is an Anfrage of its own, with its own asker and topic,
that staff search for; the record found for the sentence is split into one per named Anfrage, each
with the paragraph's text (what was answered applies to all of them).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingest import fields
from ingest.segment.cued import first_sentence
from ingest.segment.items import slug, source_key
from ingest.textfix import fold_spaces
from ratsarchiv.model import Record

# who asked: "der Fraktion Die Linke", "des Stadtelternrates", "der CDU-Fraktion", "der Stv. Lukat"
_WHO = r"(?:der|des)\s+(?:[\w./-]+\s+){0,3}?[\w./-]+"
# about what: "zu Veränderungen im SGB II", "zur Schülerbeförderung", "zum Rettungsdienst"
_TOPIC = r"(?:zu[mr]?|betreffend|bezüglich)\s+[^,.;:]{3,80}?"
_PART = rf"(?:{_WHO}(?:\s+{_TOPIC})?|{_TOPIC})"
# the end of the named Anfragen: the verb of the sentence or its end
_END = r"(?=\s+(?:nicht\s+)?(?:beantwort\w*|lieg\w*|wurde\w*|werde\w*|sind|ist|hat|habe\w*|vor|nach|im|in|als|mit|auf)\b|[,.;:]|$)"
_NAMED = re.compile(rf"\bAnfragen\s+(?P<first>{_PART})\s+und\s+(?P<second>{_PART}){_END}")
# a part that names an asker: a faction, a group, a member, a council or board
_ASKER = re.compile(r"Fraktion|Gruppe|Stv\.|Rm\.|Herr|Frau|Abgeordnet|Mitglied|Stadtverordnet|[Rr]at(?:es|s)?\b|[Rr]ätin|Beirat|Bürger", re.I)


def split_mentions(records: list[Record], context: dict) -> list[Record]:
    """Each Anfrage record whose first sentence names two Anfragen ("Anfragen der X zu A und der Y zu
    B") as two records, titled and attributed each by its own part."""
    out: list[Record] = []
    for rec in records:
        named = _named(rec) if rec.kind == "Anfrage" else None
        if not named:
            out.append(rec)
            continue
        asker = None
        for k, (who, topic) in enumerate(named):
            asker = who or asker  # "der Fraktion X zur Y und zum Z": both asked by X
            title = topic or f"Anfrage {asker}"
            # the first keeps the record (and the text it covers), the second is its twin
            one = rec if k == 0 else replace(rec, questions=list(rec.questions))
            one.title, one.faction, one.number = title, fields.find_faction(asker), None
            one.id = f"{source_key(context)}-anfrage-{slug(title)}"
            out.append(one)
    return out


def _named(rec: Record) -> list[tuple[str | None, str | None]] | None:
    """[(who, topic), (who, topic)] of the two Anfragen the record's first sentence names, else None."""
    head = first_sentence(fold_spaces(rec.text[:600]))
    m = _NAMED.search(head)
    if not m or rec.number:
        return None
    parts = []
    for part in (m.group("first"), m.group("second")):
        topic = re.search(rf"(?:^|\s){_TOPIC}$", part)
        who = part[:topic.start()].strip() if topic else part
        about = re.sub(r"^\s*(?:zu[mr]?|betreffend|bezüglich)\s+", "", topic.group(0)) if topic else None
        parts.append((who or None, about.strip() if about else None))
    if not parts[0][0] or not all((who and (_ASKER.search(who) or fields.find_faction(who))) or (not who and about)
                                  for who, about in parts):
        return None
    return parts
