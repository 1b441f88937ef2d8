"""The head of a one-Anfrage document whose lines ran together (PDF text, web pages), and the
signals read with it. The heads are written here from the common shape of Landtag and council
Drucksachen, not copied from any one document."""

from ingest import fields
from ingest.segment import agenda_items, split_items
from ingest.segment.head import title_from_head
from ratsarchiv.model import PageText, find_faction


def test_title_after_kind_and_askers():
    head = ("Landtag Nordrhein-Westfalen 17. Wahlperiode Drucksache 17/4711 Antwort der Landesregierung auf die "
            "Kleine Anfrage 1803 vom 12. März 2019 der Abgeordneten Anna Beispiel und Bernd Muster SPD "
            "Drucksache 17/4520 Ausbau der Radwege an Landesstraßen im Kreis Kleve Der Minister für Verkehr hat "
            "die Kleine Anfrage 1803 mit Schreiben vom 9. April 2019 namens der Landesregierung beantwortet.")
    assert title_from_head(head) == "Ausbau der Radwege an Landesstraßen im Kreis Kleve"


def test_title_before_the_kind_sentence():
    head = ("Drucksache 7/1234 Landtag von Sachsen-Anhalt 7. Wahlperiode 03.04.2018 Schulsozialarbeit an "
            "Grundschulen im Landkreis Harz Die Kleine Anfrage 55 vom 2. März 2018 hat folgenden Wortlaut: ...")
    assert title_from_head(head) == "Schulsozialarbeit an Grundschulen im Landkreis Harz"


def test_labelled_title_wins():
    head = ("Stadt Musterhausen Der Oberbürgermeister Kleine Anfrage des Stadtrats Karl Test (FDP) Nr. 12/2020 "
            "Thema: Sanierung des Hallenbads Nord Sehr geehrter Herr Test, Ihre Anfrage beantworte ich wie folgt:")
    assert title_from_head(head) == "Sanierung des Hallenbads Nord"


def test_no_title_where_nothing_reads_like_one():
    assert title_from_head("Drucksache 18/123 18. Wahlperiode 01.02.2019 Kleine Anfrage") is None


def test_faction_named_first_wins():
    # the asker comes first; the parties its text speaks of come later
    assert find_faction("Große Anfrage der PIRATEN-Fraktion zur Koalition aus SPD, Bündnis 90/Die Grünen") == "Piraten"


def test_ministry_answers():
    text = "Antwort des Staatsministeriums des Innern und für Sport vom 3. Mai 2019"
    assert fields.find_answering_body(text) == "Staatsministerium des Innern und für Sport"
    assert fields.find_answering_body("namens und im Auftrag der Sächsischen Staatsregierung beantworte ich") \
        == "Staatsregierung"
    assert fields.find_status("Von einer Beantwortung wird abgesehen.") == "Beantwortung abgelehnt"


def test_kind_lines_with_numbers_under_one_agenda_item():
    text = """Tagesordnungspunkt 7

Beratung

Lärmschutz an der Bahnstrecke Nord

Kleine Anfrage und Antwort der Landesregierung - Drs. 8/1201

Schülerbeförderung im ländlichen Raum

Kleine Anfrage und Antwort der Landesregierung - Drs. 8/1250

Die Präsidentin eröffnet die Beratung.
"""
    items = agenda_items(split_items([PageText(1, text, "text-layer")], "cd" * 32, "plenum.pdf"))
    assert [(r.kind, r.number, r.title) for r in items] == [
        ("Anfrage", "8/1201", "Lärmschutz an der Bahnstrecke Nord"),
        ("Anfrage", "8/1250", "Schülerbeförderung im ländlichen Raum")]


def test_items_under_an_anfragen_divider_are_anfragen_with_the_sub_divider_faction():
    text = """Tagesordnung:

1. Eröffnung der Sitzung

2. Genehmigung des Protokolls

3. A N F R A G E N

3.1. der CDU-Fraktion

3.1.1. Sanierung der Turnhalle am Lindenweg

3.1.2. Parkplätze am Bahnhof

4. Bericht des Bezirksbürgermeisters
"""
    items = agenda_items(split_items([PageText(1, text, "text-layer")], "ef" * 32, "bezirksrat.pdf"))
    anfragen = [(r.title, r.faction) for r in items if r.kind == "Anfrage"]
    assert anfragen == [("Sanierung der Turnhalle am Lindenweg", "CDU"), ("Parkplätze am Bahnhof", "CDU")]


def test_list_of_muendliche_anfragen_in_one_line_of_pdf_text():
    text = ("Landtag 18. Wahlperiode Drucksache 18/4400 Mündliche Anfragen gemäß § 47 der Geschäftsordnung "
            "1. Wann wird die Ortsumgehung Nordheim gebaut? Abgeordnete Petra Muster und Karl Beispiel (SPD) "
            "Vorbemerkung der Abgeordneten Seit Jahren warten die Anwohner auf die Umgehung. Wir fragen die "
            "Landesregierung: Wann beginnt der Bau? 2. Wie viele Lehrkräfte fehlen an Grundschulen? "
            "Abgeordneter Hans Test (FDP) Vorbemerkung des Abgeordneten Viele Stellen sind unbesetzt.")
    items = agenda_items(split_items([PageText(1, text, "text-layer")], "ab" * 32, "anfragen.pdf"))
    assert [(r.kind, r.number, r.title, r.faction) for r in items] == [
        ("Anfrage", "18/4400", "Wann wird die Ortsumgehung Nordheim gebaut?", "SPD"),
        ("Anfrage", "18/4400", "Wie viele Lehrkräfte fehlen an Grundschulen?", "FDP")]
    assert len({r.id for r in items}) == 2


def test_topic_named_in_a_sentence_of_a_faction_page():
    text = """Anfragen nach der Geschäftsordnung
Vor der Sitzung haben wir eine Anfrage zum Thema Sanierung der Stadthalle gestellt. Die Verwaltung
hat dazu im Ausschuss berichtet.
Unsere Anfrage wurde wie folgt beantwortet: Die Sanierung beginnt 2025.
"""
    items = agenda_items(split_items([PageText(1, text, "text-layer")], "56" * 32, "fraktion.html"))
    assert [(r.kind, r.title, r.status) for r in items] == [("Anfrage", "Sanierung der Stadthalle", "beantwortet")]


def test_numbered_questions_running_on_in_one_line():
    from ingest.segment.questions import find_questions
    body = ["Seit 2019 steigen die Kosten. Ich frage die Landesregierung: 1.1 Wie hoch waren die Kosten 2019",
            "(bitte nach Kreisen auflisten)? 1.2 Wie hoch waren sie 2020? 2. Welche Mittel sind für 2021",
            "vorgesehen? 3. Wann liegt der Bericht vor? Antwort der Landesregierung: Zu 1.1: Die Kosten …"]
    assert [q.number for q in find_questions(body)] == ["1.1", "1.2", "2", "3"]


def test_offices_that_answer_and_deferred_or_later_answers():
    assert fields.find_answering_body("Stellungnahme des Amtes für Stadtplanung vom 3. Mai") == "Amt für Stadtplanung"
    assert fields.find_answering_body("Antwort des Referats für Bildung und Sport:") == "Referat für Bildung und Sport"
    assert fields.find_status("Die Antwort wird schriftlich nachgereicht.") == "schriftlich beantwortet"
    assert fields.find_status("Die Anfrage wird in der nächsten Sitzung beantwortet.") == "zurückgestellt"


def test_more_number_formats():
    assert fields.find_number("Vorlagennummer: 123/21") == "123/21"
    assert fields.find_number("Anfrage 2021/AN/0123 der SPD") == "2021/AN/0123"
    assert fields.find_number("Vorlage: 0456/2022") == "0456/2022"
    assert fields.find_number("Einwohneranfrage EAF-0052/2014") == "EAF-0052/2014"  # kind letters, hyphen, number/year


def test_compound_kinds_and_ocr_reading_of_the_kind():
    from ingest.segment.headings import HEADING
    assert HEADING.match("Dringlichkeitsanfrage der CDU-Fraktion zur Schließung des Hallenbads")
    assert HEADING.match("TOP 5 Anfraqe der SPD-Fraktion")  # g read as q on a poor scan
    assert not HEADING.match("01 Bauvoranfrage auf Errichtung von 3 Doppelhäusern")  # a building matter


def test_fragestunde_entries_as_number_and_faction_lines():
    text = """Fragestunde der Stadtverordnetenversammlung am 3. März 2021

101.18.201 SPD
Wie viele Plätze in Kindertagesstätten fehlen derzeit im Stadtteil Nord?
Antwort: Es fehlen 120 Plätze.

101.18.202, B90/Grüne
Wann wird der Radweg an der Ringstraße saniert?
Antwort: Im Sommer.
"""
    items = agenda_items(split_items([PageText(1, text, "text-layer")], "78" * 32, "fragestunde.pdf"))
    assert [(r.number, r.faction, r.title) for r in items] == [
        ("101.18.201", "SPD", "Wie viele Plätze in Kindertagesstätten fehlen derzeit im Stadtteil Nord?"),
        ("101.18.202", "B90/Grüne", "Wann wird der Radweg an der Ringstraße saniert?")]


def test_numbered_askers_with_names_below_in_a_list_of_muendliche_anfragen():
    text = """LANDTAG
Drucksache 17/900
Mündliche Anfragen
für die Fragestunde der 12. Sitzung
1. Abgeordnete
Petra Muster (SPD)
Schulbusverkehr im ländlichen Raum
Ich frage die Landesregierung:
1. Wie viele Schulbuslinien gibt es?
2. Abgeordneter
Hans Test (CDU)
Ausbau der Glasfasernetze
Ich frage die Landesregierung:
1. Wann sind alle Schulen angeschlossen?
"""
    items = agenda_items(split_items([PageText(1, text, "text-layer")], "9a" * 32, "anfragen.pdf"))
    assert [(r.number, r.title, r.faction) for r in items] == [
        ("17/900", "Schulbusverkehr im ländlichen Raum", "SPD"), ("17/900", "Ausbau der Glasfasernetze", "CDU")]


def test_letter_spaced_kind_and_labelled_kind_title():
    text = ("Landtag 16. Wahlperiode Drucksache 16 / 2345 K l e i n e A n f r a g e Ich frage die Landesregierung: "
            "1. Wie viele Förderanträge wurden gestellt? 2. Wie viele wurden bewilligt? Kleine Anfrage des Abg. "
            "Karl Muster SPD und Antwort des Ministeriums für Wirtschaft Förderung kleiner Betriebe im Landkreis "
            "Die Kleine Anfrage beantwortet das Ministerium wie folgt:")
    items = agenda_items(split_items([PageText(1, text, "text-layer")], "bc" * 32, "ka.pdf"))
    assert [(r.kind, r.number, r.title, r.faction) for r in items] == [
        ("Anfrage", "16/2345", "Förderung kleiner Betriebe im Landkreis", "SPD")]
    web = "• Anfragen, Umwelt\n\n[Anfrage:] Baumschutzsatzung\n\nHier die Antwort vom 3. Mai 2021 auf meine Anfrage.\n"
    items = agenda_items(split_items([PageText(1, web, "text-layer")], "de" * 32, "blog.html"))
    assert [(r.title, r.status) for r in items] == [("Baumschutzsatzung", "schriftlich beantwortet")]


def test_a_question_in_a_paragraph_of_its_own_after_an_introduction_is_counted():
    """"Folgende Nachfrage … soll schriftlich beantwortet werden:" / "Wann beginnt …?": one question,
    though the item's heading and its introduction open no sentence; an arrow before it is no text."""
    from ingest.segment.questions import find_questions
    body = ["- zur Fortschreibung des Bodenschutzkonzeptes", "(Nr. 2016/AM/1685 von Ulrike Beispiel (CDU-Fraktion))", "",
            "Folgende Nachfrage von Frau Beispiel zu einer Ausstellung soll schriftlich beantwortet werden:", "",
            "Wann beginnt die Fortschreibung?", "", "Denn 2007 wurde die Fortschreibung beschlossen."]
    assert [q.text for q in find_questions(body)] == ["Wann beginnt die Fortschreibung?"]
    arrow = ["#### Barrierefreie Homepage", "Die Vorschrift gilt seit 2014.", "", "--> Wann wird die Homepage barrierefrei?"]
    assert [q.text for q in find_questions(arrow)] == ["Wann wird die Homepage barrierefrei?"]
