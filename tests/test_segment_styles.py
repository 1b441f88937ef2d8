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
"F-nrw-sessionnet": """Niederschrift
über die 12. Sitzung des Rates der Stadt Musterhausen
am 23.03.2022

Öffentlicher Teil

TOP Ö 7 Anfragen

TOP Ö 7.1 Anfrage der Fraktion DIE LINKE betr. Sozialticket
Vorlage: 0456/2022

Ratsfrau Schulz trägt die Anfrage vor. Beigeordneter Meier beantwortet die Anfrage mündlich.

TOP Ö 7.2 Anfrage der FDP-Fraktion zur Digitalisierung der Schulen
Vorlage: 0461/2022

Die Anfrage wird schriftlich beantwortet.

TOP Ö 8 Mitteilungen der Verwaltung
Es liegen keine Mitteilungen vor.
""",
"G-bayern-stadtrat": """Sitzung des Stadtrates am 14.06.2021

5. Bebauungsplan Nr. 88 „Am Anger“
Der Stadtrat beschließt den Bebauungsplan als Satzung.

6. Anfragen

6.1 Stadtrat Maier (CSU): Verkehrsberuhigung in der Schulstraße
Stadtrat Maier fragt, wann die angekündigte Verkehrsberuhigung umgesetzt wird.
Oberbürgermeister Huber antwortet, dass die Maßnahme im Sommer erfolgt.

6.2 Stadträtin Berg (Grüne): Baumfällungen im Stadtpark
Stadträtin Berg fragt nach dem Grund der Baumfällungen.
Die Verwaltung sagt eine schriftliche Beantwortung zu.

7. Verschiedenes
""",
"H-ortsbeirat-buchstaben": """Protokoll der Sitzung des Ortsbeirates 3 vom 02.02.2023

Tagesordnungspunkt 4: Anfragen

a) Anfrage von Herrn Schmidt (SPD) zur Buslinie 32
Herr Schmidt möchte wissen, warum die Buslinie 32 am Wochenende nicht mehr fährt.
Die Ortsvorsteherin sagt zu, die Frage an die Verkehrsgesellschaft weiterzuleiten.

b) Anfrage von Frau Yilmaz (Grüne) zu Sperrmüll am Marktplatz
Frau Yilmaz fragt, wann der Sperrmüll abgeholt wird.
Herr Weber (Ordnungsamt) antwortet, die Abholung erfolge am Freitag.

Tagesordnungspunkt 5: Verschiedenes
""",
"J-fragestunde-frage-nr": """Wortprotokoll der 21. Sitzung der Stadtverordnetenversammlung am 5. Mai 2022

Fragestunde

Frage Nr. 1234
Stadtverordnete Weber (CDU):
Sanierung der Brücke an der Mainkur
Wann beginnt die seit Jahren angekündigte Sanierung der Brücke an der Mainkur?
Antwort von Stadträtin Lehmann:
Die Arbeiten beginnen im Herbst dieses Jahres.

Frage Nr. 1235
Stadtverordneter Öztürk (SPD):
Öffnungszeiten der Stadtbibliothek
Plant der Magistrat, die Öffnungszeiten der Stadtteilbibliotheken zu verlängern?
Antwort von Stadtrat Klein:
Eine Verlängerung ist ab dem kommenden Jahr vorgesehen.
""",
"L-kreistag-zum-thema": """Niederschrift über die Sitzung des Kreistages am 12.10.2020

TOP 9 Anfragen

Anfrage gemäß § 13 GeschO des Kreistagsabgeordneten Max Huber (FW) vom 01.10.2020 zum Thema Breitbandausbau im Landkreis
Landrat Dr. Schön beantwortet die Anfrage in der Sitzung.

Anfrage der Kreistagsfraktion Bündnis 90/Die Grünen vom 05.10.2020 zum Thema ÖPNV-Anbindung der Berufsschule
Die Anfrage wird schriftlich beantwortet.

TOP 10 Verschiedenes
""",
"M-bw-paragraphen-indirekte-rede": """Niederschrift über die öffentliche Sitzung des Gemeinderats am 18.11.2021

§ 101 Haushaltsplan 2022 - Einbringung
Der Bürgermeister bringt den Entwurf des Haushaltsplans ein.

§ 102 Anfragen aus der Mitte des Gemeinderats

Gemeinderat Müller (CDU) fragt an, wann die Straßenbeleuchtung in der Talstraße repariert wird. Bürgermeister Fischer antwortet, dass der Auftrag erteilt ist.

Gemeinderätin Kurz (SPD) fragt, ob der Spielplatz am Rathaus im Frühjahr saniert wird. Der Bürgermeister sagt eine Prüfung zu.

§ 103 Bekanntgaben
Es gibt keine Bekanntgaben.
""",
"N-art-nach-dem-titel": """Niederschrift der Sitzung des Bauausschusses vom 7. April 2022

TOP 3 Radwege in der Nordstadt (Anfrage der SPD-Fraktion vom 21.03.2022)
Herr Bauer vom Tiefbauamt berichtet über den Stand der Planung. Die Anfrage ist damit beantwortet.

TOP 4 Lärmschutz an der B 27 - Anfrage von Stadtrat Klein (FDP)
1. Welche Messungen liegen vor?
2. Wann wird die Lärmschutzwand gebaut?
Die Verwaltung sagt eine schriftliche Antwort zu.

TOP 5 Bauantrag Hauptstraße 12
Der Ausschuss stimmt dem Bauantrag zu.
""",
"O-antwortschreiben-betreffend": """Der Oberbürgermeister
Dezernat III

Beantwortung der Anfrage Nr. 2021/123 der SPD-Fraktion vom 03.05.2021 betreffend Schulsozialarbeit an Grundschulen

Sehr geehrte Damen und Herren,
die Anfrage beantworte ich wie folgt:

Zu Frage 1:
An allen 14 Grundschulen ist Schulsozialarbeit eingerichtet.

Zu Frage 2:
Eine Ausweitung ist für 2022 geplant.

Mit freundlichen Grüßen
Dr. Maier
""",
"P-anfrage-formular-zeilen": """Stadt Musterstadt
Ratsbüro

Anfrage
der Fraktion DIE LINKE im Rat der Stadt Musterstadt
zur Sitzung des Rates am 22.09.2022

Barrierefreiheit von Bushaltestellen

Viele Bushaltestellen im Stadtgebiet sind noch nicht barrierefrei ausgebaut.

Wir fragen die Verwaltung:
1. Wie viele Haltestellen sind barrierefrei?
2. Bis wann sollen alle Haltestellen umgebaut sein?

gez. Anna Beispiel
Fraktionsvorsitzende
""",
"T-nummern-ohne-punkt": """Niederschrift über die Sitzung des Ortschaftsrates am 09.03.2023

1 Eröffnung und Begrüßung
Der Ortsvorsteher eröffnet die Sitzung.

2 Anfrage der SPD-Fraktion zur Sanierung der Grundschule
Ortsvorsteher Maier beantwortet die Anfrage.

3 Antrag der CDU-Fraktion auf Aufstellung von Bänken
Der Antrag wird einstimmig angenommen.

4 Verschiedenes
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
    "F-nrw-sessionnet": [("Anfrage", "0456/2022", "Sozialticket", "Die Linke", 0, "Beigeordneter Meier", "beantwortet"),
                         ("Anfrage", "0461/2022", "Digitalisierung der Schulen", "FDP", 0, None,
                          "schriftlich beantwortet"),
                         ("Mitteilung", None, "Mitteilungen der Verwaltung", None, 0, None, None)],
    "G-bayern-stadtrat": [("Anfrage", None, "Verkehrsberuhigung in der Schulstraße", "CSU", 0, "Oberbürgermeister Huber",
                           "beantwortet"),
                          ("Anfrage", None, "Baumfällungen im Stadtpark", "B90/Grüne", 0, None, "schriftlich beantwortet"),
                          ("Sonstiges", None, "Verschiedenes", None, 0, None, None)],
    "H-ortsbeirat-buchstaben": [("Anfrage", None, "Buslinie 32", "SPD", 0, None, None),
                                ("Anfrage", None, "Sperrmüll am Marktplatz", "B90/Grüne", 0, "Herr Weber (Ordnungsamt)",
                                 "beantwortet"),
                                ("Sonstiges", None, "Verschiedenes", None, 0, None, None)],
    "J-fragestunde-frage-nr": [("Anfrage", "1234", "Sanierung der Brücke an der Mainkur", "CDU", 1, "Stadträtin Lehmann",
                                "beantwortet"),
                               ("Anfrage", "1235", "Öffnungszeiten der Stadtbibliothek", "SPD", 1, "Stadtrat Klein",
                                "beantwortet")],
    "L-kreistag-zum-thema": [("Anfrage", None, "Breitbandausbau im Landkreis", "Freie Wähler", 0, "Landrat Dr. Schön",
                              "beantwortet"),
                             ("Anfrage", None, "ÖPNV-Anbindung der Berufsschule", "B90/Grüne", 0, None,
                              "schriftlich beantwortet"),
                             ("Sonstiges", None, "Verschiedenes", None, 0, None, None)],
    "M-bw-paragraphen-indirekte-rede": [
        ("Sonstiges", None, "Haushaltsplan 2022 - Einbringung", None, 0, None, None),
        ("Sonstiges", None, "Anfragen aus der Mitte des Gemeinderats", None, 0, None, None),
        # a question reported in indirect speech is one question asked (real-dev README: "numbered or not")
        ("Anfrage", None, "wann die Straßenbeleuchtung in der Talstraße repariert wird", "CDU", 1, "Bürgermeister Fischer",
         "beantwortet"),
        # "sagt eine Prüfung zu": a promise, no answer; who made it is recorded (as the real annotations do)
        ("Anfrage", None, "ob der Spielplatz am Rathaus im Frühjahr saniert wird", "SPD", 1, "Der Bürgermeister",
         "Antwort zugesagt"),
        ("Mitteilung", None, "Bekanntgaben", None, 0, None, None)],
    "N-art-nach-dem-titel": [("Anfrage", None, "Radwege in der Nordstadt", "SPD", 0, "Herr Bauer (Tiefbauamt)", "beantwortet"),
                             ("Anfrage", None, "Lärmschutz an der B 27", "FDP", 2, None, "schriftlich beantwortet"),
                             ("Sonstiges", None, "Bauantrag Hauptstraße 12", None, 0, None, None)],
    "O-antwortschreiben-betreffend": [("Anfrage", "2021/123", "Schulsozialarbeit an Grundschulen", "SPD", 0, None,
                                       "schriftlich beantwortet")],
    "P-anfrage-formular-zeilen": [("Anfrage", None, "Barrierefreiheit von Bushaltestellen", "Die Linke", 2, None, None)],
    "T-nummern-ohne-punkt": [("Sonstiges", None, "Eröffnung und Begrüßung", None, 0, None, None),
                             ("Anfrage", None, "Sanierung der Grundschule", "SPD", 0, "Ortsvorsteher Maier", "beantwortet"),
                             ("Antrag", None, "Antrag der CDU-Fraktion auf Aufstellung von Bänken", "CDU", 0, None, None),
                             ("Sonstiges", None, "Verschiedenes", None, 0, None, None)],
}


@pytest.mark.parametrize("name", EXPECTED)
def test_other_cities_styles(name):
    items = agenda_items(split_items([PageText(1, DOCS[name], "text-layer")], "ab" * 32, f"{name}.pdf"))
    got = [(r.kind, r.number, r.title, r.faction, len(r.questions), r.answered_by, r.status) for r in items]
    assert got == EXPECTED[name]
