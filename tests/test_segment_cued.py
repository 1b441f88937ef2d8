"""Anfragen that never say "Anfrage": a faction's page of questions, found by the question cue
("Ich frage den Magistrat:"), the case a new user tried first (issue #12)."""

from ingest.segment import agenda_items, split_items
from ratsarchiv.model import PageText

FACTION_PAGE = """Fraktion BÜRGER FÜR MUSTERSTADT
im Stadtparlament Musterstadt

Fragen zur Sitzung am 14. März 2023

Parkplatzsituation am Klinikum
Seit der Schließung des Parkhauses P2 finden Besucherinnen und Besucher kaum noch einen
Parkplatz. Anwohner beklagen zugeparkte Einfahrten.
Ich frage den Magistrat:
Welche Maßnahmen plant der Magistrat, um die Parkplatzsituation am Klinikum zu verbessern?
Karl Beispiel

Beleuchtung im Stadtpark

Im Stadtpark sind seit Wochen mehrere Laternen defekt. Gerade in den Wintermonaten fühlen
sich Spaziergängerinnen und Spaziergänger unsicher.
Wir bitten um Beantwortung folgender Fragen:
1. Wann werden die defekten Laternen im Stadtpark repariert?
2. Werden dabei LED-Leuchten eingesetzt?
Petra Muster (SPD)
"""


def test_each_question_cue_anchors_an_anfrage_with_its_title():
    items = agenda_items(split_items([PageText(1, FACTION_PAGE, "text-layer")], "12" * 32, "fragen.pdf"))
    assert [(r.kind, r.title, r.faction, len(r.questions)) for r in items] == [
        ("Anfrage", "Parkplatzsituation am Klinikum", "BÜRGER FÜR MUSTERSTADT", 1),
        ("Anfrage", "Beleuchtung im Stadtpark", "SPD", 2)]
    assert "Laternen" in items[1].text and "Laternen" not in items[0].text


def test_a_cue_inside_an_anfrage_found_by_its_heading_adds_nothing():
    text = """TOP 4 Anfrage der CDU-Fraktion vom 2. März 2023
Radweg an der Hauptstraße
Der Radweg ist seit Monaten gesperrt.
Wir fragen den Magistrat:
1. Wann wird der Radweg wieder freigegeben?
Stadtrat Huber beantwortet die Anfrage.
"""
    items = agenda_items(split_items([PageText(1, text, "text-layer")], "34" * 32, "protokoll.pdf"))
    assert [(r.kind, r.faction, r.answered_by) for r in items] == [("Anfrage", "CDU", "Stadtrat Huber")]


def test_a_letter_asking_to_answer_questions_and_an_antrag_keeps_its_questions():
    letter = """Fraktion Freie Wähler im Gemeinderat

Sanierung der Ortsdurchfahrt

die Bauarbeiten an der Ortsdurchfahrt ruhen seit Wochen.
Bitte beantworten Sie uns folgende Fragen:
1. Warum ruhen die Bauarbeiten?
2. Wann wird die Ortsdurchfahrt wieder freigegeben?
"""
    items = agenda_items(split_items([PageText(1, letter, "text-layer")], "ab" * 32, "brief.pdf"))
    assert [(r.kind, r.title, r.faction, len(r.questions)) for r in items] == [
        ("Anfrage", "Sanierung der Ortsdurchfahrt", "Freie Wähler", 2)]
    antrag = """TOP 6 Antrag der SPD-Fraktion zur Schulwegsicherung

Schulwege im Neubaugebiet
Der Antrag stellt folgende Fragen:
1. Wo fehlen Zebrastreifen?
Der Antrag wird angenommen.
"""
    items = agenda_items(split_items([PageText(1, antrag, "text-layer")], "cd" * 32, "protokoll.pdf"))
    assert [r.kind for r in items] == ["Antrag"]


def test_guillemet_bullets_as_ocr_reads_them_list_anfragen():
    from ingest.segment import agenda_items, split_items
    from ratsarchiv.model import PageText
    text = ("Inhaltsverzeichnis\nAntworten auf Stadtratsanfragen\n» Wann öffnet das Hallenbad wieder?\n"
            ">» Wie viele Kita-Plätze fehlen?\n> Was kostet die neue Brücke?\nAnträge aus dem Stadtrat\n")
    items = agenda_items(split_items([PageText(1, text, "ocr")], "ab" * 32, "umschau.pdf"))
    assert [r.title for r in items if r.kind == "Anfrage"] == [
        "Wann öffnet das Hallenbad wieder?", "Wie viele Kita-Plätze fehlen?", "Was kostet die neue Brücke?"]


def test_a_faction_page_lists_anfragen_by_asker_and_quoted_title_not_by_its_links():
    from ingest.segment import agenda_items, split_items
    from ratsarchiv.model import PageText
    text = ("Kleine Anfragen\n\n3. Sitzung des Stadtrates vom 4. Mai 2024\n\n"
            "Dr. Eva Muster: „Sanierung der Stadtbibliothek“\n» Anfrage\n» Antwort Stadtverwaltung (OFFEN)\n\n"
            "Karl Beispiel und Jonas Probe: „Radweg an der Saale“\n» Anfrage\n» Antwort Stadtverwaltung\n")
    items = agenda_items(split_items([PageText(1, text, "text-layer")], "ab" * 32, "fraktion.pdf"))
    assert [r.title for r in items if r.kind == "Anfrage"] == ["Sanierung der Stadtbibliothek", "Radweg an der Saale"]
    assert [r.status for r in items if r.kind == "Anfrage"][0] == "offen"  # "Antwort … (OFFEN)"
    # a quoted title too long for one line of the page wraps onto the next
    wrapped = text.replace("„Sanierung der Stadtbibliothek“", "„Sanierung der Stadtbibliothek und ihrer\nZweigstellen im Norden“")
    items = agenda_items(split_items([PageText(1, wrapped, "text-layer")], "ab" * 32, "fraktion.pdf"))
    assert [r.title for r in items if r.kind == "Anfrage"] == [
        "Sanierung der Stadtbibliothek und ihrer Zweigstellen im Norden", "Radweg an der Saale"]


def test_es_fragte_opens_an_anfrage_and_aus_der_antwort_records_its_answer():
    from ingest.segment import agenda_items, split_items
    from ratsarchiv.model import PageText
    text = ("Umsetzung des Lärmaktionsplans (Mai 2024)\n\nEs fragte Dr. Eva Muster:\n\n"
            "Wann werden die Maßnahmen an der Hauptstraße umgesetzt?\n\nAus der Antwort:\n\nIm Herbst 2024.\n\n"
            "Sonntagsöffnung am Markt (Juni 2024)\n\nEs fragte Karl Beispiel:\n\nWer hat die Öffnung genehmigt?\n")
    items = agenda_items(split_items([PageText(1, text, "text-layer")], "ab" * 32, "fraktion.pdf"))
    assert [(r.title, r.status) for r in items if r.kind == "Anfrage"] == [
        ("Umsetzung des Lärmaktionsplans (Mai 2024)", "beantwortet"), ("Sonntagsöffnung am Markt (Juni 2024)", None)]


def test_lines_titled_by_their_number_open_the_anfragen_of_a_page_of_answers():
    """A council's page of Ratsanfragen and their answers: each begins with a line titled by its
    Drucksache number ("• RA 547/2019: …"); a number-titled line over text that neither asks nor
    answers (an agenda of Vorlagen) opens nothing (written for this test)."""
    from ingest.segment import agenda_items, split_items
    from ratsarchiv.model import PageText
    text = ("Autor: SPD-Stadtratsfraktion\n\n"
            "  • RA 101/2024: Zustand der Schulhöfe\n\n    Sehr geehrter Herr Muster,\n\n"
            "    zu Ihrer Ratsanfrage teile ich Ihnen Folgendes mit:\n\n"
            "    1. Wie viele Schulhöfe sind sanierungsbedürftig?\n\n    Zwölf Schulhöfe.\n\n"
            "  • RA 117/2024: Parken am Bahnhof\n\n    Sehr geehrte Frau Beispiel,\n\n"
            "    zu Ihrer Ratsanfrage teile ich Ihnen mit, dass die Parkhäuser erweitert werden.\n")
    anfragen = [r for r in agenda_items(split_items([PageText(1, text, "text-layer")], "cd" * 32, "ra.pdf"))
                if r.kind == "Anfrage"]
    assert [(r.number, r.title) for r in anfragen] == [("RA 101/2024", "Zustand der Schulhöfe"),
                                                       ("RA 117/2024", "Parken am Bahnhof")]
    scanned = text.replace("  • RA 117/2024: Parken am Bahnhof", "« RA 117/2024: Parken am Bahnhof.»")  # as OCR reads it
    anfragen = [r for r in split_items([PageText(1, scanned, "ocr")], "cd" * 32, "ra.pdf") if r.kind == "Anfrage"]
    assert [r.title for r in anfragen] == ["Zustand der Schulhöfe", "Parken am Bahnhof"]
    agenda = "Tagesordnung\n\n0815/2024: Bebauungsplan Nord\n\n0816/2024: Haushaltssatzung 2025\n"
    assert not [r for r in split_items([PageText(1, agenda, "text-layer")], "cd" * 32, "to.pdf") if r.kind == "Anfrage"]
