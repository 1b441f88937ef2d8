"""Splitting minute books into items, and reading their fields, on text alone (no OCR)."""

from __future__ import annotations

import pytest

from ingest import fields
from ratsarchiv.model import PageText
from ingest.segment import agenda_items, clean_line, split_items
from ingest.textfix import dehyphenate
from tests.conftest import SHARED_SAMPLE

HEADER = ("Niederschrift über die 35. öffentliche Sitzung der Stadtverordnetenversammlung "
          "am Montag, 4. November 2019\n\n")


@pytest.fixture
def kassel_record():
    text = SHARED_SAMPLE.read_text(encoding="utf-8")
    records = agenda_items(split_items([PageText(1, HEADER + text, "text-layer")]))
    assert [r.kind for r in records] == ["Anfrage"]
    return records[0]


def test_shared_sample_fields(kassel_record):
    r = kassel_record
    assert (r.number, r.title, r.faction) == ("101.18.1671", "Neufassung Integrationskonzept", "B90/Grüne")
    assert (r.answered_by, r.status, r.date) == ("Stadtrat Stochla", "erledigt", "2019-11-04")
    assert (r.chair, r.secretary) == ("Stefan Kortmann", "Sabine John")


def test_shared_sample_questions_survive_the_lost_question_5(kassel_record):
    qs = kassel_record.questions
    assert [q.number for q in qs] == ["1", "2", "3", "4", "6"]
    assert qs[0].text.startswith("Inwieweit fand über die durch städtische Mitarbeiter")
    assert qs[0].text.endswith("im Rahmen des „Runden Tisches“ statt?")
    assert qs[3].text.startswith("Welche weiteren Gelegenheiten sieht der Magistrat")
    assert "Integrationskonzeptes 2019 zu ermöglichen?" in qs[3].text
    assert qs[4].text.startswith("Der Magistrat wird gebeten, konkret zu erläutern")
    assert qs[4].text.endswith("fehlgewichteten Aspekten stattfindet.")
    assert all("Nach Beantwortung" not in q.text for q in qs)


@pytest.mark.parametrize("text, number", [
    ("- 101.18.1671 -", "101.18.1671"),
    ("TOP 7.3 Anfrage der CDU-Fraktion – AN/0012/2021 – Parkraum", "AN/0012/2021"),
    ("3. Anfrage Nr. 2021/0456", "2021/0456"),
    ("(Drucksache 20/1234)", "20/1234"),
    ("Anfrage der FDP-Fraktion (Drs. 21/0311) – Stadtbücherei", "21/0311"),
    ("- 1O1.18.l671 -", "101.18.1671"),  # OCR: O for 0, l for 1
    ("Anfrage Drs. VIII- 0987 der SPD", "VIII-0987"),  # OCR: a space after the dash
    ("Sitzung vom 04.11.2019", None),  # a date is not a number
])
def test_find_number(text, number):
    assert fields.find_number(text) == number


@pytest.mark.parametrize("text, faction", [
    ("Anfrage der Fraktion B90/Grüne", "B90/Grüne"),
    ("der Fraktion BÜNDNIS 90/DIE GRÜNEN", "B90/Grüne"),
    ("Anfrage der SPD-Fraktion", "SPD"),
    ("CDU-Fraktion", "CDU"),
    ("der Fraktion DIE LINKE", "Die Linke"),
    ("Anfrage des Stadtverordneten Dr. Max Mustermann (FDP)", "FDP"),
    ("der Fraktion Freie Wähler", "Freie Wähler"),
    ("der Fraktion Kasseler Linke", "Kasseler Linke"),
])
def test_find_faction(text, faction):
    assert fields.find_faction(text) == faction


@pytest.mark.parametrize("text, status, who", [
    ("Nach Beantwortung durch Stadtrat Stochla erklärt Vorsitzender Kortmann die Anfrage für erledigt.",
     "erledigt", "Stadtrat Stochla"),
    ("Die Anfrage wird von Bürgermeisterin Dr. Weber mündlich beantwortet. Damit ist die Anfrage erledigt.",
     "erledigt", "Bürgermeisterin Dr. Weber"),
    ("Die Anfrage wird schriftlich beantwortet.", "schriftlich beantwortet", None),
    ("Die Anfrage wird auf Wunsch der Fraktion zurückgestellt.", "zurückgestellt", None),
    ("Oberbürgermeister Geselle beantwortet die Anfrage.", "beantwortet", "Oberbürgermeister Geselle"),
    ("Die Anfrage wurde zurückgezogen.", "zurückgezogen", None),
    ("Der Landrat erläutert, dass er die Anfragen der CDU-Fraktion nicht beantworten wird.", "Beantwortung abgelehnt", None),
    ("Die Fraktion hat ihre Anfrage erneut zur Beantwortung angemahnt.", "offen", None),
    ("Die Anfrage vom Mai ist bisher nicht beantwortet.", "offen", None),
])
def test_outcomes(text, status, who):
    assert fields.find_status(text) == status
    assert fields.find_answered_by(text) == who


@pytest.mark.parametrize("lines, joined", [
    (["die Neufassung des Integrations-", "konzepts von April"], ["die Neufassung des Integrationskonzepts", "von April"]),
    (["das Bürger- und", "Ordnungsamt"], ["das Bürger- und", "Ordnungsamt"]),
    (["das Bürger-", "und Ordnungsamt"], ["das Bürger-", "und Ordnungsamt"]),
    (["Anfrage der Fraktion B90/Grüne"], ["Anfrage der Fraktion B90/Grüne"]),
    (["mit den Akteur*innen"], ["mit den Akteur*innen"]),
])
def test_dehyphenate(lines, joined):
    assert dehyphenate(lines) == joined


def test_clean_line_drops_ocr_specks_but_keeps_two_names():
    assert clean_line("‚der Fraktion DIE LINKE:") == "der Fraktion DIE LINKE:"
    assert clean_line("4: Anfrage Nr. 2021/0461 |    .") == "4: Anfrage Nr. 2021/0461 |"
    assert clean_line("Stefan Kortmann    Sabine John") == "Stefan Kortmann    Sabine John"


def test_items_across_a_page_break_with_header_and_footer():
    p1 = ("Niederschrift der Sitzung am 3. März 2022\n\nTOP 1 Anfrage der SPD-Fraktion – AN/0001/2022 – "
          "Spielplätze\n\nWir fragen den Magistrat:\n1. Wie viele Spielplätze gibt es?\n2. Wie viele davon "
          "sind\nSeite 1 von 2")
    p2 = ("Stadt Musterstadt – Sitzung vom 03.03.2022\nsaniert worden?\nDie Anfrage wird schriftlich "
          "beantwortet.\n\nTOP 2 Antrag der CDU-Fraktion – A/0002/2022 – Spielplatzpaten\nDer Antrag wird "
          "angenommen.\nSeite 2 von 2")
    p0 = "Stadt Musterstadt – Sitzung vom 03.03.2022\n" + p1
    recs = agenda_items(split_items([PageText(1, p0, "text-layer"), PageText(2, p2, "text-layer")]))
    assert [(r.kind, r.number) for r in recs] == [("Anfrage", "AN/0001/2022"), ("Antrag", "A/0002/2022")]
    a = recs[0]
    assert a.pages == [1, 2]
    assert [q.text for q in a.questions] == ["Wie viele Spielplätze gibt es?",
                                             "Wie viele davon sind saniert worden?"]
    assert "Seite 1 von 2" not in a.text and "Musterstadt" not in a.text
    assert a.status == "schriftlich beantwortet"
    assert recs[1].questions == [] and recs[1].status is None


def test_a_signature_at_the_foot_of_both_pages_of_a_two_page_document_stays_searchable():
    """Two Anfragen of a two-page Fragestunde answered by the same Stadtrat: his signature ends
    both pages. It is content, not a footer: its words stay in the records (they are searched)."""
    p1 = ("Fragestunde am 21.10.2022\n\nAnfrage 1: Radwege in der Altstadt\nWir fragen den Magistrat:\n"
          "Wann werden die Radwege saniert?\n\nAntwort:\nIm kommenden Jahr.\nStadtrat Dr. Emil Beispiel")
    p2 = ("Anfrage 2: Beleuchtung am Bahnhof\nWir fragen den Magistrat:\nWann wird sie erneuert?\n\n"
          "Antwort:\nNoch in diesem Jahr.\nStadtrat Dr. Emil Beispiel")
    recs = split_items([PageText(1, p1, "text-layer"), PageText(2, p2, "text-layer")])
    for page in (1, 2):
        assert any("Emil Beispiel" in r.text for r in recs if page in r.pages), page


def test_numbered_item_without_kind_word_is_a_vorlage_and_unnumbered_stays_sonstiges():
    text = ("Niederschrift über die 21. Sitzung des Rates der Stadt Bielefeld am 24.11.2016\n\n"
            "Zu Punkt 3\nAnfrage der FDP-Fraktion vom 16.11.2016\nThema: Ausbau von Carsharing-Stationen\n"
            "Drucksachen-Nr. 4115/2014-2020\n\nFrage 1: Wie viele Stationen gibt es?\n\n"
            "Die Anfrage wird schriftlich beantwortet.\n\n"
            "Zu Punkt 4\nEntwurf der Haushaltssatzung 2017 – Einbringung\nDrucksachen-Nr. 3990/2014-2020\n\n"
            "Der Stadtkämmerer bringt den Entwurf ein. Der Rat nimmt die Einbringung zur Kenntnis.\n\n"
            "Zu Punkt 5\nGenehmigung der Niederschrift\n\nDie Niederschrift wird genehmigt.\n")
    kinds = {(r.kind, r.number, r.title) for r in split_items([PageText(1, text, "text-layer")])}
    assert ("Vorlage", "3990/2014-2020", "Entwurf der Haushaltssatzung 2017 – Einbringung") in kinds
    assert ("Sonstiges", None, "Genehmigung der Niederschrift") in kinds
    assert ("Anfrage", "4115/2014-2020", "Ausbau von Carsharing-Stationen") in kinds


def test_question_texts_of_the_ground_truth_books_are_whole():
    """Each question as printed, also where its last word stands alone at the foot of a page."""
    from samples.minutes import all_books, page_text
    wrong = []
    for book in all_books():
        pages = [PageText(i + 1, page_text(book, i), "text-layer") for i in range(len(book.pages))]
        found = {r.number: r for r in split_items(pages) if r.kind == "Anfrage"}
        for e in book.anfragen():
            got = [(q.number, q.text) for q in found[e["number"]].questions]
            want = [(q["number"], q["text"]) for q in e["questions"]]
            if got != want:
                wrong.append(f"{book.name} {e['number']}: {got} != {want}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("line, read", [
    ("Punkt 2:4.1 dei Tagesordnung: Erarbeitung", "Punkt 2.4.1 der Tagesordnung: Erarbeitung"),
    ("TOP 3,1 Bericht der Verwaltung", "TOP 3.1 Bericht der Verwaltung"),
    ("Punkt 18:00 Uhr beginnt die Sitzung", "Punkt 18:00 Uhr beginnt die Sitzung"),  # a time, no number
])
def test_an_agenda_number_misread_by_ocr_is_read_as_printed(line, read):
    from ingest.segment.lines import _unglue
    assert _unglue(line) == read


@pytest.mark.parametrize("text, who", [
    ("Ratsfrau Kurz fragt, wann die Gasse beleuchtet wird. Frau Dirks sagt Überprüfung zu.", "Frau Dirks"),
    ("KTA Muster fragt, ob das Treffen stattfindet. KRin Vossers bittet, die Fragen schriftlich beantworten zu können.",
     "KRin Vossers"),
    ("Herr Weber sagt, die Gasse sei dunkel, und fragt, ob sie beleuchtet wird.", None),  # the asker's own sentence
    ("Herr Weber fragt, ob die Gasse beleuchtet wird. Bürgermeister Kurz erklärt, das geschehe im Mai.", None),  # a reply
])
def test_who_responds_after_the_askers_sentence(text, who):
    assert fields.find_responder(text) == who
