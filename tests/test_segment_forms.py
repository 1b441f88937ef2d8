"""Signals that many bodies' documents share (issue 12, fourth session): Anfrage forms with labelled
fields in their three text shapes, faction names the list does not know, question cues. Short
invented texts of the same shape as real documents, never copies of them."""

import pytest

from ingest.segment import agenda_items, split_items
from ingest.segment.form import read_form
from ingest.segment.lines import Line
from ratsarchiv.model import PageText, find_faction


def _lines(text: str) -> list[Line]:
    return [Line(1, t) for t in text.split("\n")]


def _items(text: str):
    return agenda_items(split_items([PageText(1, text, "text-layer")], "ab" * 32, "form.pdf"))


# a column of labels, then a column of values: paired by what each value can be
COLUMNS = """Anfrage

Datum

Nummer

öffentlich

03.04.2024

X0412/24

Absender

Fraktion Stadtgrün/Mitte

Adressat

Oberbürgermeisterin

Kurztitel

10 Jahre Partnerschaft zwischen

Musterstadt und Beispielhausen

Stellungnahme der Verwaltung: Y0101/24

Sehr geehrte Frau Oberbürgermeisterin,

seit zehn Jahren besteht die Partnerschaft, doch kaum jemand weiß davon.

Ich möchte gern wissen:

1. Welche Begegnungen gab es im letzten Jahr?

2. Welche sind für das Jubiläum geplant?

Ich bitte um schriftliche Beantwortung.

Erika Beispiel
"""

# the same form as table cells split by "|", the answer field still open, glued to the title
CELLS = """Anfrage |
Datum |
Nummer |
| |
öffentlich |
05.06.2024 |
X0500/24 |
Absender
| |
Fraktion Stadtgrün/Mitte |
Kurztitel |
|
Ampeln ohne Takt! Stellungnahme der Verwaltung: offen |
Sehr geehrte Frau Oberbürgermeisterin,
an der Kreuzung stehen die Ampeln seit Wochen still.
Ich möchte wissen:
1. Wann wird die Anlage repariert?
2. Wer trägt die Kosten?
3. Warum wurde nicht früher gehandelt?
Ich bitte um Beantwortung.
"""


def test_a_form_in_columns_gives_its_fields_by_role():
    form = read_form(_lines(COLUMNS))
    assert form["number"] == "X0412/24"
    assert form["asker"] == "Fraktion Stadtgrün/Mitte"
    assert form["title"] == "10 Jahre Partnerschaft zwischen Musterstadt und Beispielhausen"  # runs on over the break
    assert form["answer"] == "Y0101/24"


def test_a_form_as_table_cells_cuts_the_title_before_the_next_label():
    form = read_form(_lines(CELLS))
    assert form["title"] == "Ampeln ohne Takt!"
    assert form["answer"] == "offen"


@pytest.mark.parametrize("text, want", [
    (COLUMNS, ("X0412/24", "10 Jahre Partnerschaft zwischen Musterstadt und Beispielhausen", "Stadtgrün/Mitte",
               "Verwaltung", "beantwortet", 2)),
    (CELLS, ("X0500/24", "Ampeln ohne Takt!", "Stadtgrün/Mitte", None, None, 3)),
])
def test_an_anfrage_form_becomes_one_record_with_its_fields(text, want):
    items = _items(text)
    assert [(r.number, r.title, r.faction, r.answered_by, r.status, len(r.questions)) for r in items] == [want]


def test_each_form_on_a_page_of_several_starts_an_anfrage():
    second = COLUMNS.replace("X0412/24", "X0413/24").replace("Partnerschaft", "Freundschaft").replace("Erika", "Otto")
    items = _items(COLUMNS + "\n" + second)
    assert [r.number for r in items] == ["X0412/24", "X0413/24"]
    assert items[1].title.startswith("10 Jahre Freundschaft")
    assert "Erika Beispiel" in items[0].text and "Erika Beispiel" not in items[1].text  # who signed stays with it


def test_labels_first_then_values_with_an_empty_number_field_take_no_number():
    text = """STELLUNGNAHME zur Anfrage
des Ortschaftsrates

Gremium:
Ortschaftsrat Nord
Termin:
Vorlage Nr.:
TOP:

12.03.2024

2
öffentlich

Bericht über die Spielplätze im Ortsteil

Der Ortschaftsrat hat um einen Bericht gebeten.
"""
    form = read_form(_lines(text))
    assert "number" not in form and "top" not in form  # two number fields, one number: which is empty is unknown
    assert form["title"] == "Bericht über die Spielplätze im Ortsteil"


@pytest.mark.parametrize("text, faction", [
    ("Fraktion Stadtgrün/Mitte im Stadtrat der Stadt", "Stadtgrün/Mitte"),
    ("des Abgeordneten Max Muster, Fraktion der ABC Straßenbau in der Altstadt", "ABC"),
    ("Fraktion BÜRGER FÜR MUSTERSTADT", "BÜRGER FÜR MUSTERSTADT"),
    ("Fraktion Unabhängige Liste, zur Sitzung", "Unabhängige Liste"),
])
def test_a_faction_the_list_does_not_know_is_read_after_the_word_fraktion(text, faction):
    assert find_faction(text) == faction


# a Fragestunde protocol calls each Mündliche Anfrage by a line of its own, inside the chair's sentence
FRAGESTUNDE = """Plenarprotokoll der Sitzung vom 03.05.2023

Mündliche Anfrage 41

des Abgeordneten Muster von der SPD. Thema: „Wie sicher sind die Brücken im Land?“. Mündlich
oder schriftlich?

(Max Muster [SPD]: Schriftlich!)

Schriftlich. Danke.

Dann rufe ich auf die

Mündliche Anfrage 42

der Abgeordneten Beispiel von den Grünen. Thema: „Wartezeiten bei den Bürgerämtern“. – Mündlich.
Die Ministerin antwortet in der nächsten Sitzung.

Ich rufe die

{page}Mündliche Anfrage 43

des Abgeordneten Probe von der FDP auf. Thema: „Warum schließt das Museum? Mündlich oder schriftlich? –
Auch schriftlich.
"""


def test_each_called_anfrage_of_a_fragestunde_is_an_item_with_the_title_its_subject_label_quotes():
    first, second = FRAGESTUNDE.split("{page}")
    pages = [PageText(1, first, "text-layer"), PageText(2, second, "text-layer")]
    items = agenda_items(split_items(pages, "cd" * 32, "plenum.pdf"))
    assert [(r.number, r.title, r.faction) for r in items] == [
        ("41", "Wie sicher sind die Brücken im Land?", "SPD"),
        ("42", "Wartezeiten bei den Bürgerämtern", "B90/Grüne"),
        ("43", "Warum schließt das Museum?", "FDP")]  # its quote left open: up to the question mark
    assert items[0].status == "schriftlich beantwortet" and items[2].status == "schriftlich beantwortet"
    assert items[1].status != "schriftlich beantwortet"


def test_an_answer_head_that_prints_the_anfrages_number_beside_its_own_gives_the_anfrages():
    text = """LANDTAG VON MUSTERLAND

 9. Wahlperiode Drucksache 9/2200 (9/2101)
 02.02.2022

A N T W O R T

zu der

Anfrage des Abgeordneten Max Muster (SPD)

betr.: Zustand der Landesstraßen im Kreis Beispiel nach

dem Winter 2021

Vorbemerkung des Fragestellers:
Viele Straßen sind nach dem Winter beschädigt.
"""
    (item,) = _items(text)
    assert item.number == "9/2101"
    assert item.title == "Zustand der Landesstraßen im Kreis Beispiel nach dem Winter 2021"  # runs on over the gap


def test_a_one_anfrage_page_with_bullets_after_the_cue_and_only_a_link_to_the_answer():
    text = """Sehr geehrte Damen und Herren,
die Fraktion Neue Liste bittet Sie, folgende Anfrage auf die Tagesordnung zu nehmen.
Seit Monaten fehlen in der Innenstadt öffentliche Toiletten.
Daher fragen wir die Verwaltung:
- Wie viele öffentliche Toiletten gibt es in der Innenstadt?
- Welche davon sind barrierefrei?
- Wir bitten um eine Übersicht der Öffnungszeiten.
Gez. Max Muster
> Die Anfrage können Sie hier herunterladen!
Antwort der Verwaltung
"""
    (item,) = _items(text)
    assert len(item.questions) == 3  # each point after the cue, the request too
    assert (item.answered_by, item.status) == (None, None)  # the answer is only linked
    assert item.faction == "Neue Liste"


def test_the_rest_of_the_kind_line_is_the_title_of_a_one_anfrage_document():
    text = """Anfrage 22/SVV/0815 Öffnungszeiten der Bürgerbüros
Die Bürgerbüros sind seit dem Frühjahr nur noch vormittags geöffnet.
Ich frage den Oberbürgermeister:
- Warum wurden die Öffnungszeiten verkürzt?
- Wann wird wieder nachmittags geöffnet?
"""
    (item,) = _items(text)
    assert (item.number, item.title, len(item.questions)) == ("22/SVV/0815", "Öffnungszeiten der Bürgerbüros", 2)


def test_a_one_line_head_yields_the_title_between_the_askers_faction_and_the_answer():
    text = ("Der Minister hat namens der Landesregierung die Kleine Anfrage mit Schreiben vom 2. März 2020 "
            "beantwortet. LANDTAG MUSTERLAND Drucksache 7/1234 7. Wahlperiode 05.03.2020 KLEINE ANFRAGE des "
            "Abgeordneten Max Muster, Fraktion der ABC Brückensperrung in Beispielstadt und ANTWORT der "
            "Landesregierung Die nachfolgende Frage bezieht sich auf die Sperrung. Wann wird die Brücke "
            "wieder geöffnet? Die Brücke wird im Herbst wieder geöffnet, betreffend die Umleitung wird auf "
            "die Antwort zur Kleinen Anfrage 7/1000 verwiesen.")
    (item,) = _items(text)
    assert (item.number, item.title, item.faction) == ("7/1234", "Brückensperrung in Beispielstadt", "ABC")


def test_the_answering_bodys_preliminary_remark_names_who_answered():
    text = """LANDTAG MUSTERLAND Drucksache 9/2200

ANTWORT

zu der

Anfrage des Abgeordneten Max Muster (SPD)

betr.: Radwege an Landesstraßen

Vorbemerkung der Landesregierung:
Das Land baut jedes Jahr neue Radwege.
"""
    (item,) = _items(text)
    assert (item.answered_by, item.status) == ("Landesregierung", "schriftlich beantwortet")


@pytest.mark.parametrize("raw, title", [
    ("Kurztitel Radwege in der Nordstadt Stellungnahme der Verwaltung: S0020/20", "Radwege in der Nordstadt"),
    ("Datum | Nummer | | Radwege in der Nordstadt |", "Radwege in der Nordstadt"),
    ("Betreff: Radwege in der Nordstadt", "Radwege in der Nordstadt"),
    ("Anfrage zum Thema: Radwege", "Anfrage zum Thema: Radwege"),  # a title label inside a title stays
    ("Kommunalwahlkreise (RA-141/2018)", "Kommunalwahlkreise"),  # the number has a field of its own
    ("Radwege (Drs. 20/1234)", "Radwege"),
    ("Haushalt (2021)", "Haushalt (2021)"),  # a year is part of the subject
])
def test_a_title_loses_labels_table_debris_and_a_field_glued_on(raw, title):
    from ingest.segment.titles import clean_title
    assert clean_title(raw) == title


def test_an_anfrage_headed_by_the_bare_kind_word_takes_the_first_line_that_reads_as_a_title():
    text = """ANFRAGE

Fraktion Neue Liste
vom 03.04.2024

Herrn Oberbürgermeister
Rathaus

Sanierung der Grundschule am Markt und
des Schulhofs

Sehr geehrter Herr Oberbürgermeister,
die Sanierung der Grundschule verzögert sich seit Jahren.
Wir fragen:
1. Wann beginnt die Sanierung?
2. Was kostet sie?
"""
    (item,) = _items(text)
    assert item.title == "Sanierung der Grundschule am Markt und des Schulhofs"
    assert (item.faction, len(item.questions)) == ("Neue Liste", 2)


@pytest.mark.parametrize("text, number", [
    ("Anfrage 22/SVV/0815 Öffnungszeiten", "22/SVV/0815"),  # period / body / running number
    ("Nummer F0412/24", "F0412/24"),  # kind letter, number, year
    ("Ö 6.1 - 21-3531 Radwege", "21-3531"),
    ("Drs. 20/1234", "20/1234"),
    ("AN/0123/2021", "AN/0123/2021"),
])
def test_number_schemes_of_many_bodies(text, number):
    from ingest import fields
    assert fields.find_number(text) == number


def test_a_scanned_form_keeps_its_fields_through_table_rules_and_specks():
    text = """Anfrage |
Datum |
Nummer |
öffentlich |
05.06.2024 |
X0500/ 24°
Absender
|
I
Fraktion Stadtgrün/Mitte |
II
Gremium:
Termin:
Vorlage Nr.:
TOP: -
Stadtrat
12.06.2024
7 |
3
Kurztitel |
Ampeln ohne Takt!
Sehr geehrte Frau Oberbürgermeisterin,
"""
    form = read_form(_lines(text))
    assert (form["asker"], form["number"], form["title"]) == ("Fraktion Stadtgrün/Mitte", "X0500/ 24°", "Ampeln ohne Takt!")
    from ingest.segment.form import form_number
    assert form_number(form) == "X0500/24" and form["top"] == "3"


def test_a_press_release_of_the_government_is_no_answer_by_it():
    from ingest import fields
    assert fields.find_answering_body("Von welchen Masken ist in der Pressemitteilung der Landesregierung die Rede?") is None
    assert fields.find_answering_body("Mitteilung der Landesregierung vom 3. Mai") == "Landesregierung"


@pytest.mark.parametrize("lines, faction", [
    (["Einreicher: FWG"], "FWG"),  # a group's abbreviation in the asker's field
    (["Antragsteller: Wählergemeinschaft Pro Musterstadt"], "Wählergemeinschaft Pro Musterstadt"),
    (["FRAGESTELLERIN"], None),  # the label alone, not "Fragesteller" + "IN"
    (["Einreicher: Max Muster"], None),  # a person, no group
])
def test_who_asks_is_read_from_a_labelled_asker_line(lines, faction):
    from ingest import fields
    assert fields.find_asker_faction(lines) == faction


# a Fragestunde's Anfragen as forms, each label on a line of its own, the value on the next
# (written for this test in the shape of an ALLRIS "Wortprotokoll")
FRAGESTUNDE_FORMS = """Sitzung der Stadtverordnetenversammlung am 12.03.2024

TOP 3 Fragestunde

Kleine Anfrage Nr. 07

zur Sitzung der Stadtverordnetenversammlung am 12. März 2024

Fragesteller*in:

Petra Beispiel

Fraktion / Partei:

Unabhängige Liste Nordstadt

Frage:

Wann wird die Fußgängerampel an der Lindenallee wieder in Betrieb genommen?

Stellungnahme/Antwort durch:

FD 66 - Tiefbau

Dezernent/Dezernentin:

Stadtrat Karl Muster

Stellungnahme/Antwort:

Die Ampel wird nach dem Austausch der Steuerung im April wieder eingeschaltet.

Kleine Anfrage Nr. 08

zur Sitzung der Stadtverordnetenversammlung am 12. März 2024

Fragesteller*in:

Jan Probe

Fraktion / Partei:

SPD

Ist dem Magistrat bekannt, warum der Spielplatz am Weiher seit Wochen gesperrt ist? Wann öffnet er wieder?

Stellungnahme/Antwort durch:

FD 67 - Grünflächen
"""


def test_labels_on_lines_of_their_own_give_faction_question_and_who_answers():
    first, second = [r for r in _items(FRAGESTUNDE_FORMS) if r.kind == "Anfrage"]
    assert (first.number, first.title, first.faction) == ("07", "Kleine Anfrage Nr. 07", "Unabhängige Liste Nordstadt")
    assert first.answered_by == "FD 66 - Tiefbau" and first.status == "beantwortet"
    assert [q.text for q in first.questions] == ["Wann wird die Fußgängerampel an der Lindenallee wieder in Betrieb genommen?"]
    # no "Frage:" label: the text between the asker's fields and the answer's asks twice
    assert (second.number, second.faction, len(second.questions)) == ("08", "SPD", 2)
    assert second.answered_by == "FD 67 - Grünflächen" and second.status is None  # no answer printed yet


def test_a_list_of_frage_labels_is_no_form():
    lines = _lines("Frage: Wann kommt der Bus?\nFrage: Wer zahlt?\nFrage: Wie lange dauert es?\n")
    assert read_form(lines) == {}


def test_a_form_as_a_poor_scan_reads_it_keeps_its_fields():
    # what tesseract makes of such a form on a noisy scan: "ll" read as "H", specks after a label
    noisy = ("Kleine Anfrage Nr. 03\nFragesteHer*in:\nPetra Beispiel\nFraktion / Partei: _\n\nSPD\nFrage:\n"
             "Wann wird die Ampel an der Lindenallee wieder in Betrieb genommen, und wer\nträgt die Kosten?\n"
             "Stellungnahme/Antwort durch:\nFD 66 - Tiefbau\n")
    form = read_form(_lines(noisy))
    assert form["asker"] == "Petra Beispiel" and form["faction"] == "SPD"
    assert form["question"].endswith("wer trägt die Kosten?")


def test_a_row_of_labels_run_together_is_no_title():
    text = ("Anfrage\n\nFDP-Fraktion\n\nvom 28.10.2023\nGremium\n\nTermin\n\nTOP\nSitzung des Ortschaftsrates\n\n"
            "12.11.2023\n\n7\nGremium Termin TOP ö nö\nArbeitszeiten der Hausmeister\n\nFür welche Gebäude ist der Hausmeister zuständig?\n")
    assert read_form(_lines(text)).get("title") == "Arbeitszeiten der Hausmeister"
