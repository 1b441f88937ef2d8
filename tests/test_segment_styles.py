"""Minute books and Anfragen written the way other cities write them (Munich letters, NRW council
minutes with "TOP Ö 5.1", numbered oral Anfragen, a Berlin BVV Drucksache with its answer):
written from general knowledge of these formats, not from the real corpus, as a check that the
splitter reads shared signals rather than one document's wording."""

from __future__ import annotations

import pytest

from ingest.segment import agenda_items, split_items
from ratsarchiv.model import PageText

DOCS = {
"A-muenchen": """Landeshauptstadt München
Stadtratsfraktion DIE GRÜNEN/ROSA LISTE
Herrn Oberbürgermeister Dieter Reiter
Rathaus
München, 12.03.2021

Anfrage

Sauberkeit am Isarufer

Im vergangenen Sommer haben sich an den Isarauen große Mengen Müll angesammelt, die
erst nach Tagen entfernt wurden.

Wir fragen daher den Oberbürgermeister:
1. Wie oft werden die Abfallbehälter an der Isar im Sommer geleert?
2. Ist geplant, zusätzliche Behälter aufzustellen?

Initiative: Stadträtin Anna Huber, Stadtrat Max Bauer
""",
"B-nrw": """Niederschrift über die 12. Sitzung des Rates der Stadt Musterhausen am 10.02.2021

TOP Ö 5 Anfragen

TOP Ö 5.1 Anfrage der Fraktion DIE LINKE vom 01.02.2021 - Drucksache 0123/2021 - Mietspiegel
Die Fraktion fragt, wann der neue Mietspiegel erscheint.
Beigeordneter Schulz antwortet, der Mietspiegel erscheine im Mai.

TOP Ö 5.2 Anfrage der FDP-Fraktion vom 03.02.2021 - Drucksache 0130/2021 - Glasfaserausbau
1. Wie viele Haushalte sind angeschlossen?
2. Wann folgt der nächste Bauabschnitt?
Die Anfrage wird schriftlich beantwortet.

TOP Ö 6 Anträge
""",
"C-muendlich": """Protokoll der Ratssitzung vom 5. März 2020

Mündliche Anfrage Nr. 12 des Ratsmitglieds Peter Klein (FDP): Parkgebühren in der Innenstadt
Herr Klein fragt, ob die Parkgebühren erhöht werden.
Oberbürgermeisterin Weber antwortet, dass keine Erhöhung geplant ist.

Mündliche Anfrage Nr. 13 der Ratsfrau Eva Roth (SPD): Schwimmbad Süd
Frau Roth fragt nach dem Zeitplan der Sanierung.
Die Anfrage wird schriftlich beantwortet.
""",
"E-berlin": """Bezirksverordnetenversammlung Friedrichshain-Kreuzberg
Drucksache DS/1234/V
Große Anfrage der Fraktion Bündnis 90/Die Grünen
Betreff: Spielplätze im Bezirk

Wir fragen das Bezirksamt:
1. Wie viele Spielplätze sind gesperrt?
2. Bis wann werden sie saniert?

Beantwortung durch das Bezirksamt:
Zu 1.: Drei Spielplätze sind gesperrt.
Zu 2.: Bis Ende 2022.
""",
}

# (kind, number, title, faction, questions, answered_by, status) per agenda item
EXPECTED = {
    "A-muenchen": [("Anfrage", None, "Sauberkeit am Isarufer", "B90/Grüne", 2, None, None)],
    "B-nrw": [("Anfrage", "0123/2021", "Mietspiegel", "Die Linke", 0, "Beigeordneter Schulz", "beantwortet"),
              ("Anfrage", "0130/2021", "Glasfaserausbau", "FDP", 2, None, "schriftlich beantwortet")],
    "C-muendlich": [("Anfrage", "12", "Parkgebühren in der Innenstadt", "FDP", 0, "Oberbürgermeisterin Weber",
                     "beantwortet"),
                    ("Anfrage", "13", "Schwimmbad Süd", "SPD", 0, None, "schriftlich beantwortet")],
    "E-berlin": [("Anfrage", "DS/1234/V", "Spielplätze im Bezirk", "B90/Grüne", 2, "Bezirksamt", "beantwortet")],
}


@pytest.mark.parametrize("name", EXPECTED)
def test_other_cities_styles(name):
    items = agenda_items(split_items([PageText(1, DOCS[name], "text-layer")], "ab" * 32, f"{name}.pdf"))
    got = [(r.kind, r.number, r.title, r.faction, len(r.questions), r.answered_by, r.status) for r in items]
    assert got == EXPECTED[name]
