"""Signals many documents share, each rule with a text of its own written here in the style of
council documents (issue #12): titles over an introduction of their own, cues that end a
sentence, numbered questions that are no agenda items, outcomes recorded anywhere in an item."""

import pytest

from ingest import fields
from ingest.segment import agenda_items, split_items
from ratsarchiv.model import PageText


def _items(text: str, name: str = "dokument.pdf"):
    return agenda_items(split_items([PageText(1, text, "text-layer")], "5a" * 32, name))


WEB_PAGE = """Sitzung am 3. Mai 2024

unsere fragen an den oberbürgermeister

Hochwasserschutz an der Mühlbach-Aue

Nach dem Starkregen im vergangenen Sommer standen mehrere Keller in der Aue unter Wasser. Die
Anwohnerinnen und Anwohner warten seit Monaten auf eine Aussage zu den geplanten Rückhaltebecken.

WIR FRAGEN DEN OBERBÜRGERMEISTER:

Wann beginnt der Bau der Rückhaltebecken an der Mühlbach-Aue?

FRAGESTELLER

Jonas Beispielmann

Öffnungszeiten der Stadtbibliothek

Die Stadtbibliothek schließt werktags bereits um 17 Uhr. Berufstätige können sie daher kaum
nutzen, obwohl die Nachfrage nach längeren Öffnungszeiten groß ist.

WIR FRAGEN DEN OBERBÜRGERMEISTER:

Ist eine Öffnung bis 20 Uhr an zwei Abenden geplant?

FRAGESTELLERIN

Mara Musterfrau
"""


def test_title_stands_over_an_introduction_of_its_own_paragraph():
    items = _items(WEB_PAGE)
    assert [(r.kind, r.title, len(r.questions)) for r in items] == [
        ("Anfrage", "Hochwasserschutz an der Mühlbach-Aue", 1),
        ("Anfrage", "Öffnungszeiten der Stadtbibliothek", 1)]
    assert "Rückhaltebecken" in items[0].text and "Rückhaltebecken" not in items[1].text


PROTOCOL = """Anfragen aus der Mitte der Bürgerschaft

Erika Beispiel (Fraktion DIE LINKE)
Sanierung der Grundschule Nord

Frau Beispiel hat erfahren, dass die Sanierung der Grundschule Nord erneut verschoben werden soll. Sie hält
das für nicht hinnehmbar. Deshalb bittet sie um schriftliche Beantwortung folgender Fragen:

1. Warum wurde die Sanierung verschoben?

2. Warum wurden der Schulausschuss und die Elternvertretung nicht vorher über die neue Planung
informiert?

3. Bis wann liegt ein neuer Zeitplan vor?
"""


def test_a_cue_ending_a_sentence_and_numbered_questions_running_on():
    items = _items(PROTOCOL)
    assert [(r.kind, r.title, r.faction, len(r.questions), r.status) for r in items] == [
        ("Anfrage", "Sanierung der Grundschule Nord", "Die Linke", 3, "schriftlich beantwortet")]


def test_status_anywhere_reads_statements_not_requests_or_questions():
    assert fields.status_anywhere("Wir bitten um Beantwortung folgender Fragen: Wann wird beantwortet?") is None
    assert fields.status_anywhere("Er bittet um schriftliche Beantwortung folgender Fragen: Warum?") == \
        "schriftlich beantwortet"
    assert fields.status_anywhere("Wie ist der Stand? Die Frage wurde von Stadträtin Ay beantwortet.") == "beantwortet"


MINUTES = """Niederschriftsvermerk:

Auf die schriftliche Anfrage der SPD-Fraktion (Anlage 1) antwortet Frau berufsm. StRin Albrecht, dass
die Prüfung noch andauert und die Fragen in der nächsten Sitzung schriftlich beantwortet werden.

Es werden folgende Anfragen mündlich gestellt:

1. Herr StR Lindner fragt an, ob die Ampel an der Schulstraße noch vor den Ferien erneuert wird.
Herr berufsm. StR Oster erklärt, dass die Arbeiten im Juli beginnen.

2. Herr berufsm. StR Oster weist darauf hin, dass die Bürgerversammlung am 4. Juli stattfindet.

3. Frau StRin von der Heide erkundigt sich, wann der Spielplatz am Weiher wieder geöffnet wird.
Der Vorsitzende OBM Dr. Kranich sagt eine Prüfung zu.
"""


def test_numbered_reported_questions_and_answers_to_written_anfragen():
    items = _items(MINUTES)
    assert [(r.kind, r.faction, r.answered_by, r.status, len(r.questions)) for r in items] == [
        ("Anfrage", "SPD", "Frau berufsm. StRin Albrecht", "schriftlich beantwortet", 0),
        ("Anfrage", None, "Herr berufsm. StR Oster", "beantwortet", 1),
        ("Sonstiges", None, None, None, 0),
        ("Anfrage", None, "Der Vorsitzende OBM Dr. Kranich", "Antwort zugesagt", 1)]  # a promise is no answer: who made it
    assert "ob die Ampel an der Schulstraße" in items[1].questions[0].text


def test_the_speaker_who_replies():
    assert fields.find_speaker("Frau Rat fragt, ob es geht. Herr Kübler erwidert, dass es geht.") == "Herr Kübler"
    assert fields.find_speaker("Auf die Anfrage antwortet Herr StR Maus wie folgt: Ja.") == "Herr StR Maus"
    assert fields.find_speaker("Frau Rat fragt, ob es geht.") is None
    # an office named without article, as minutes write it; also in the past tense, after the verb
    assert fields.find_speaker("Fachbereichsleiterin Roters erklärt, dass die Schaukel steht.") == "Fachbereichsleiterin Roters"
    assert fields.find_speaker("Auf Nachfrage bestätigte Landrat Hans Petersen, dass es stimmt.") == "Landrat Hans Petersen"
    assert fields.find_speaker("Der Bürgermeister sagt eine Prüfung zu.") is None  # a promise is no reply


LISTED = """12.03.2025 - 7 Fragestunde

Anfragen von Mitgliedern der Bürgerschaft

- zur Sanierung des Freibads Süd
(Anfrage Nr. 2025/AM/0412 von Paula Probst (SPD-Fraktion))

Frau Probst fragt, wann das Freibad wieder öffnet. Die Frage wird durch Herrn Senator Wendt beantwortet.

- zur Umsetzung des Beschlusses Nr. 2024/AN/0999 zum Radverkehrskonzept

Herr Kamp kritisiert, dass noch keine Radwege markiert sind.
"""


def test_bullets_under_a_heading_of_anfragen_are_anfragen():
    items = _items(LISTED)
    assert [(r.kind, r.number, r.title, r.faction, r.answered_by) for r in items] == [
        ("Anfrage", "2025/AM/0412", "zur Sanierung des Freibads Süd", "SPD", "Senator Wendt"),
        ("Anfrage", None, "zur Umsetzung des Beschlusses Nr. 2024/AN/0999 zum Radverkehrskonzept", None, None)]


def test_bullets_elsewhere_stay_text():
    text = "Meldungen\n\n- Die Stadtbücherei ist am Montag geschlossen\n- Der Wochenmarkt zieht um\n"
    assert [r.kind for r in _items(text)] == []


FORM = """Fraktion DIE PARTEILOSEN im Stadtrat Beispielstadt
Rathausplatz 1, 12345 Beispielstadt
Tel.: 0123 45 67
info@parteilose-beispielstadt.de

Anfrage Nr.: AF0123/24
Datum: 05.03.2024

ANFRAGE
Fraktion Bündnis 90/Die Grünen

Gegenstand:
Winterdienst auf Radwegen 2023/24

Fragen:

ich bitte um Auskunft, welche Radwege im vergangenen Winter geräumt wurden und mit welchem Personal.

Hanna Beispiel
"""


def test_a_form_names_its_title_faction_and_question_in_labelled_fields():
    items = _items(FORM)
    assert [(r.number, r.title, r.faction, len(r.questions)) for r in items] == [
        ("AF0123/24", "Winterdienst auf Radwegen 2023/24", "B90/Grüne", 1)]


def test_contact_lines_greetings_and_number_lines_are_never_titles():
    from ingest.segment.headings import _is_title_like
    for line in ["info@fraktion-beispiel.de", "www.beispielstadt.de", "Tel.: 0123 456", "Sehr geehrter Herr Oberbürgermeister",
                 "Postfach 12 34", "12345 Beispielstadt", "Seite 2 von 3", "12.03.2024"]:
        assert not _is_title_like(line), line
    assert _is_title_like("Winterdienst auf Radwegen")


FRAGESTUNDE = """Fragestunde für die Sitzung am 5. Juni 2024

Nr. 14 Erika Muster<br />

CDU<br />

Dez. III z.w.V.<br />

Nr. 15 Paul Beispiel<br />

Wählergruppe Stadtmitte<br />

Dez. II z.w.V.<br />

getauscht mit<br />

Frage Nr. 16<br />

Wie viele Parkplätze fallen durch den Umbau des Marktplatzes weg?

104.20.11, FDP
Trifft es zu, dass die Sanierung der Sporthalle West erst im nächsten Jahr beginnen kann, weil
"""


def test_a_fragestunde_list_by_number_name_faction_and_dezernat():
    items = _items(FRAGESTUNDE)
    assert [(r.kind, r.number, r.faction, r.answered_by) for r in items] == [
        ("Anfrage", "14", "CDU", "Dez. III"),
        ("Anfrage", "15", "Wählergruppe Stadtmitte", "Dez. II"),  # "Frage Nr. 16" after "getauscht mit" is no heading
        ("Anfrage", "104.20.11", "FDP", None)]  # cut off before its "?": its first word asks


def test_the_entry_after_the_last_asker_of_a_series_whose_cue_the_page_cut_off():
    page = WEB_PAGE + """
Straßenreinigung

Die Beschwerden über verschmutzte Gehwege in der Innenstadt haben sich im letzten Jahr verdoppelt, vor
"""
    items = _items(page)
    assert [r.title for r in items] == ["Hochwasserschutz an der Mühlbach-Aue", "Öffnungszeiten der Stadtbibliothek",
                                        "Straßenreinigung"]
    assert "verschmutzte Gehwege" not in items[1].text


def test_an_asker_named_again_keeps_the_faction_of_the_first_entry():
    text = PROTOCOL + """
Lärmschutz an der Bahnlinie

Weiterhin hat Frau Beispiel erfahren, dass die Lärmschutzwand nicht gebaut wird. Deshalb bittet sie um
schriftliche Beantwortung folgender Fragen:

1. Warum wird die Wand nicht gebaut?
"""
    assert [(r.title, r.faction) for r in _items(text)] == [
        ("Sanierung der Grundschule Nord", "Die Linke"), ("Lärmschutz an der Bahnlinie", "Die Linke")]


def test_a_list_headed_as_answers_marks_its_items_answered():
    text = "Antworten auf Stadtratsanfragen\n› Wie geht es mit dem Hallenbad weiter?\n› Wann kommt der neue Busfahrplan?\n"
    assert [(r.title, r.status) for r in _items(text)] == [
        ("Wie geht es mit dem Hallenbad weiter?", "beantwortet"), ("Wann kommt der neue Busfahrplan?", "beantwortet")]


def test_agenda_words_and_statements_in_titles_and_answers():
    from ingest.segment.titles import clean_title
    assert clean_title("der Tagesordnung: Sanierung der Stadthalle") == "Sanierung der Stadthalle"
    assert fields.find_answering_body("Punkt 3.1: Anfrage mit Stellungnahme erledigt") == "Verwaltung"


def test_a_report_on_one_question_titled_by_the_question_under_its_kind_word():
    text = """Aus der Bezirksverordnetenversammlung am 4. Juni 2024

Veröffentlicht am 6.06.2024 in Pressemitteilung

Mündliche Frage

Wann werden die Parkbänke im Volkspark ersetzt?
Die Fraktion fragte nach dem Zeitplan für neue Parkbänke im Volkspark, nachdem mehrere Bänke entfernt
worden sind. Das Bezirksamt antwortete, die neuen Bänke würden im Herbst aufgestellt.
Siehe dazu Drucksache 1234/V
"""
    items = _items(text)
    assert [(r.title, r.number) for r in items] == [("Wann werden die Parkbänke im Volkspark ersetzt?", "1234/V")]


def test_blank_lines_survive_the_text_layer_where_most_paragraphs_are_one_line():
    """Paragraph gaps are what the cued and listed stages read; a page of one-line titles, names and
    labels between short paragraphs must keep them (the line pitch is not the median step there)."""
    from ingest.layout import layout_text
    from ratsarchiv.model import Word
    pitch, rows, y = 0.02, [], 0.1
    for text, gap_after in [("Titel eins", 2), ("Text der ersten Einleitung", 1), ("geht hier weiter.", 2),
                            ("FRAGESTELLER", 2), ("Anna Beispiel", 2), ("Titel zwei", 2), ("Noch ein Text.", 2),
                            ("FRAGESTELLERIN", 2), ("Berta Muster", 1)]:
        rows.append(Word(text, 0.1, y, 0.1 + 0.01 * len(text), y + 0.014))
        y += pitch * gap_after
    text, _ = layout_text(rows)
    assert text.split("\n") == ["Titel eins", "", "Text der ersten Einleitung", "geht hier weiter.", "",
                                "FRAGESTELLER", "", "Anna Beispiel", "", "Titel zwei", "", "Noch ein Text.", "",
                                "FRAGESTELLERIN", "", "Berta Muster"]


def test_blank_lines_survive_a_tilted_scan_and_specks_beside_its_lines():
    """On a scan tilted by a degree and a half, a long line's words climb by more than a line's height
    from left to right, and a speck read as a mark may sit above a line's first word: neither may close
    the gap before a paragraph (tesseract's words, one line id per line)."""
    from ingest.layout import layout_text
    from ratsarchiv.model import Word
    tilt, pitch, h, rows, y, line = 0.026, 0.017, 0.012, [], 0.1, 0
    for words, gap_after in [(["Einbrüche", "und", "Diebstahl"], 2),
                             (["Anwohner", "im", "Bereich", "Hainer", "Weg", "beschweren", "sich", "über", "ein"], 1),
                             (["erhöhtes", "Auftreten", "von", "Straftätern", "und", "benennen", "Einbrüche", "im"], 1),
                             (["Bereich.", "Sie", "fordern", "mehr", "Streifen."], 2),
                             (["ICH", "FRAGE", "DEN", "MAGISTRAT:"], 2), (["Was", "plant", "der", "Magistrat?"], 1)]:
        line += 1
        if line == 4:  # a speck above the line's start, read as a mark
            rows.append(Word("‘", 0.09, y - 0.008, 0.093, y - 0.005, line))
        x = 0.1
        for w in words:
            x1 = x + 0.011 * len(w)
            rows.append(Word(w, x, y + tilt * x, x1, y + tilt * x + h, line))
            x = x1 + 0.01
        y += pitch * gap_after
    text, _ = layout_text(rows)
    assert [ln == "" for ln in text.split("\n")] == [False, True, False, False, False, True, False, True, False]


def test_dust_read_as_marks_is_dropped_and_a_dash_tesseract_trusts_stays():
    from ingest import ocr
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [head, "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t"]
    for i, (text, left, w, hgt, conf) in enumerate([("-", 300, 5, 5, 35.0), ("Anlagen", 320, 160, 44, 93.0),
                                                    ("und", 500, 70, 40, 95.0), (".", 700, 2, 2, 92.0),
                                                    ("°", 800, 18, 53, 22.0), ("–", 300, 20, 4, 90.0),
                                                    ("Text", 330, 90, 44, 96.0), ("j", 440, 9, 30, 41.0),
                                                    ("a", 470, 20, 22, 91.0), ("oo.", 600, 77, 9, 0.0),
                                                    ("zu", 700, 42, 22, 96.0), ("„am", 800, 60, 40, 25.0)]):
        line = 1 if i < 5 else 2
        rows.append(f"5\t1\t1\t1\t{line}\t{i}\t{left}\t{100 * line}\t{w}\t{hgt}\t{conf}\t{text}")
    words, confs, width, height = ocr.read_tsv("\n".join(rows))
    assert [w.text for w in words] == ["Anlagen", "und", "–", "Text", "a", "zu", "„am"]
    assert len(confs) == 12  # the page's confidence still weighs every mark tesseract read


def test_the_reverse_page_showing_through_beyond_a_wide_gap_is_dropped():
    """Thin paper lets the back of the page through; tesseract reads it as words it has no trust in,
    beyond a wide gap after the line's own text, or as a line of its own."""
    from ingest import ocr
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [head, "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t"]
    for i, (line, left, text, conf) in enumerate([(1, 306, "Kleine", 96.0), (1, 438, "Anfragen", 96.0),
                                                  (1, 1441, "an", 33.0), (1, 1607, "unnils", 0.0),
                                                  (2, 306, "Name", 95.0), (2, 1400, "SPD", 91.0),
                                                  (3, 306, "tsnhe", 0.0), (3, 500, "wrsn", 4.0)]):
        rows.append(f"5\t1\t1\t1\t{line}\t{i}\t{left}\t{100 * line}\t120\t40\t{conf}\t{text}")
    words, _, _, _ = ocr.read_tsv("\n".join(rows))
    assert [w.text for w in words] == ["Kleine", "Anfragen", "Name", "SPD"]  # a trusted cell beyond a gap stays


def test_a_doubted_word_one_letter_from_a_keyword_is_read_as_it():
    """"Dann rufe ich die Flage 297 auf": tesseract doubts "Flage"; a word it trusts, or a real word
    that differs in its first letter ("Tragen"), stays."""
    from ingest import ocr
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [head, "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t"]
    for i, (text, conf) in enumerate([("Flage", 61.0), ("297", 96.0), ("FRAGESTELIER", 55.0), ("Tragen", 50.0),
                                      ("Fraktlon,", 40.0), ("Flage", 93.0)]):
        rows.append(f"5\t1\t1\t1\t1\t{i}\t{100 + 200 * i}\t100\t150\t44\t{conf}\t{text}")
    words, _, _, _ = ocr.read_tsv("\n".join(rows))
    assert [w.text for w in words] == ["Frage", "297", "FRAGESTELLER", "Tragen", "Fraktion,", "Flage"]


def test_an_item_without_questions_takes_its_status_from_statements_only():
    text = LISTED.replace("Herr Kamp kritisiert, dass noch keine Radwege markiert sind.",
                          "Herr Kamp fragt nach, wann er eine Beantwortung seiner Anfrage vom März erhält.")
    assert [r.status for r in _items(text)] == ["beantwortet", None]


def test_a_numbered_question_under_a_number_and_faction_is_titled_by_its_question():
    text = """Fragestunde am 3. Juni 2024
104.20.12 SPD
Nachdem die Stadt im Mai erklärt hat, die Brücke am Kanal bleibe bis zum Herbst gesperrt, wurde in der
Presse das Gegenteil berichtet. Wann wird die Brücke am Kanal wieder für Radfahrer geöffnet?
Antwort: Die Brücke wird im August geöffnet.
"""
    assert [(r.number, r.title, r.faction) for r in _items(text)] == [
        ("104.20.12", "Wann wird die Brücke am Kanal wieder für Radfahrer geöffnet?", "SPD")]


# a committee's list of members' questions carried over, numbered 4.2.1, 4.2.2 …, the number run into
# the title by the text extraction, the question reported in the first sentence below (written for this test)
CARRIED_OVER = """4.2.1Radweg Am Kanal (Frau Lind) - 3.610
(TOP 4.1.3 am 02.05.2023)
Frau Lind möchte wissen, wann der Radweg Am Kanal wieder befahrbar sei.
Antwort:
Die Sperrung endet mit dem Abschluss der Kanalarbeiten im Juni.
Der Ausschuss nimmt Kenntnis.
4.2.2Bäume in der Schulstraße (Herr Kern) - 3.670
Herr Kern berichtet von gefällten Bäumen in der Schulstraße und möchte dazu wissen, ob Ersatz gepflanzt werde.
Abschließende Antwort:
Herr Senator Weber führt aus, dass im Herbst zwölf Linden gepflanzt werden.
"""


def test_numbered_items_in_sequence_whose_first_sentence_reports_a_question_are_anfragen():
    items = _items(CARRIED_OVER)
    assert [(r.kind, r.title, r.status) for r in items] == [
        ("Anfrage", "Radweg Am Kanal", "beantwortet"), ("Anfrage", "Bäume in der Schulstraße", "beantwortet")]
    assert items[1].answered_by == "Senator Weber"


# an excerpt that begins below the item "Anfragen": lettered paragraphs, two of three about questions
LETTERED = """a)  Ratsfrau Berg erkundigte sich nach dem Stand der Sanierung der Turnhalle am Wall.
Der Bürgermeister antwortete, dass die Arbeiten im Mai beginnen.

b)  Der Bürgermeister gab bekannt, dass das Stadtfest am 3. Juni stattfindet.

c)  Ratsherr Kuhn bat um Stellungnahme der Verwaltung zu den Parkgebühren am Bahnhof.
Die Verwaltung sagt eine schriftliche Antwort zu.
"""


def test_lettered_paragraphs_that_report_questions_are_anfragen():
    items = [r for r in _items(LETTERED) if r.kind == "Anfrage"]
    assert [r.title for r in items] == ["dem Stand der Sanierung der Turnhalle am Wall", "den Parkgebühren am Bahnhof"]
    assert "Stadtfest" not in " ".join(r.text for r in items)
    one_asks = "a) Herr A fragte, ob der Bus fährt.\n\nb) Frau B sprach über den Haushalt.\n"
    assert [r.kind for r in _items(one_asks)] == []  # one question in a list is no list of questions


# a faction's letter to the mayor, topic by topic (written for this test)
LETTER = """Sehr geehrte Frau Bürgermeisterin Lang,

wir bitten um die baldige, schriftliche Beantwortung folgender Fragen:

Schulweg an der Bergstraße:
1. Wann wird der Gehweg an der Bergstraße verbreitert?
2. Ist eine Querungshilfe vor der Grundschule geplant?

Freibad
Das Freibad blieb im August an mehreren Tagen geschlossen. Wir bitten um Auskunft über die
Gründe und die Zahl der ausgefallenen Tage.

Weihnachtsmarkt
Wir danken der Verwaltung für die gelungene Organisation des Weihnachtsmarktes im letzten Jahr.

Radverkehrskonzept
Bitte informieren Sie uns über den Stand des Radverkehrskonzeptes.

Mit freundlichen Grüßen
Karla Beispiel und Jonas Probe
"""


def test_a_letter_of_questions_gives_an_anfrage_per_asking_topic():
    items = _items(LETTER)
    assert [(r.kind, r.title) for r in items][:4] == [
        ("Anfrage", "Schulweg an der Bergstraße"), ("Anfrage", "Freibad"), ("Sonstiges", "Weihnachtsmarkt"),
        ("Anfrage", "Radverkehrskonzept")]
    assert len(items[0].questions) == 2


# a small council's Einwohnerfragestunde: each resident's question a paragraph, no blank lines between
# (written for this test)
RESIDENTS = """1. Eröffnung der Sitzung
Der Bürgermeister eröffnet die Sitzung und stellt die Beschlussfähigkeit fest.

2. Einwohnerfragestunde
Ein Anwohner erkundigt sich nach dem Stand der Planung für den Kreisel an der Dorfstraße. Der Bürgermeister antwortet, dass die Planung im Herbst vorgestellt wird.
Frau Petersen fragt, ob die Bücherei im Sommer geöffnet bleibt. Dies wird bejaht.
Herr Lorenz bedankt sich für die schnelle Reparatur der Laternen.

3. Haushaltssatzung 2025
Die Gemeindevertretung beschließt die Haushaltssatzung einstimmig.
"""


def test_each_residents_question_in_an_einwohnerfragestunde_is_an_anfrage():
    items = _items(RESIDENTS)
    assert [(r.kind, r.title) for r in items] == [
        ("Sonstiges", "Eröffnung der Sitzung"), ("Sonstiges", "Einwohnerfragestunde"),
        ("Anfrage", "dem Stand der Planung für den Kreisel an der Dorfstraße"),
        ("Anfrage", "ob die Bücherei im Sommer geöffnet bleibt"), ("Sonstiges", "Haushaltssatzung 2025")]
    assert [len(r.questions) for r in items if r.kind == "Anfrage"] == [1, 1]
    assert "Laternen" in items[3].text  # a thank-you is no question: it stays in the text before it


# a faction's page of answered Kleine Anfragen, each under "Antwort: …", the next Anfrage put in the
# third person after the answers (written for this test)
ANSWERS_PAGE = """Anfragen an den Magistrat

Antwort: Kleine Anfrage zur Beleuchtung am Stadtpark

Frage 1: Wann werden die defekten Leuchten am Stadtpark ersetzt?
Antwort: Die Leuchten werden im März ersetzt.
Frage 2: Werden dabei LED-Leuchten eingesetzt?
Antwort: Ja.

Antwort: kleine Anfrage zur Sanierung der Schwimmhalle

Frage 1: Wann beginnt die Sanierung der Schwimmhalle?
Antwort: Im Herbst.

Lärmschutz an der Ringstraße (03.05.2024)

Seit Jahren klagen Anwohner über den Lärm an der Ringstraße. Die Stadtverordnete Eva Beispiel fragt dazu den
Magistrat:

1. Ist ein Lärmschutzgutachten geplant?
2. Wann wird es vorliegen?
"""


def test_a_page_of_answers_gives_each_anfrage_and_the_one_asked_after_them():
    items = [r for r in _items(ANSWERS_PAGE) if r.kind == "Anfrage"]
    assert [(r.title, r.status, r.answered_by, len(r.questions)) for r in items] == [
        ("Beleuchtung am Stadtpark", "beantwortet", "Magistrat", 2),
        ("Sanierung der Schwimmhalle", "beantwortet", "Magistrat", 1),
        ("Lärmschutz an der Ringstraße (03.05.2024)", None, None, 2)]


def test_a_letter_with_one_anfrage_and_its_parts_stays_one_anfrage():
    letter = ("Anfrage der SPD-Fraktion\n\nSehr geehrter Herr Oberbürgermeister,\n\n"
              "wir bitten um die Beantwortung folgender Fragen:\n\n"
              "Sachverhalt\nDie Buslinie 5 fährt seit Mai seltener.\n\n"
              "Fragen\nWarum wurde der Takt verringert? Wann wird er wieder erhöht?\n\n"
              "Begründung\nViele Schüler sind auf die Linie angewiesen. Bitte teilen Sie uns mit, was geplant ist.\n")
    anfragen = [r for r in _items(letter) if r.kind == "Anfrage"]
    assert len(anfragen) == 1 and len(anfragen[0].questions) == 2


def test_an_office_line_above_a_heading_is_the_signature_before_not_a_title():
    text = ("Anfrage Nr. 1\n\nWann wird die Brücke saniert?\n\nDie Sanierung beginnt im Mai.\n\nDr. Eva Muster\n"
            "Bürgermeisterin\nAnfrage Nr. 2\n\nWann öffnet das Hallenbad?\n")
    items = [r for r in _items(text) if r.kind == "Anfrage"]
    assert [r.number for r in items] == ["1", "2"] and "Bürgermeisterin" not in items[1].title


def test_a_scan_without_blank_lines_keeps_its_items_after_the_word_tagesordnung():
    text = ("Protokoll vom 02.03.2024\nTagesordnung\nÖffentlicher Teil\n1. Begrüßung\n"
            "Um 19.00 Uhr eröffnet der Bürgermeister die Sitzung und stellt die Beschlussfähigkeit der Vertretung fest.\n"
            "2. Einwohnerfragestunde\nHerr Lorenz fragt, wann der Spielplatz an der Schule wieder geöffnet wird. "
            "Der Bürgermeister antwortet, dass dies im Mai geschieht.\n")
    items = _items(text)
    assert [r.kind for r in items] == ["Sonstiges", "Sonstiges", "Anfrage"]
    assert items[2].answered_by == "Bürgermeister"


# the text of one item ("Anfragen") as a council information system shows it: no heading at all,
# abbreviations for members and the mayor (written for this test)
PROSE_EXCERPT = """Protokoll:

Bgm. Weber erklärt, die Verwaltung habe zwei schriftliche Anfragen der Stv. Brandt erhalten und beantwortet.

Die Sitzung wird um 19:30 Uhr für zehn Minuten unterbrochen.

Stv. Kühn erbittet den zugesagten Bericht über die Sanierung der Grundschule am Markt.

Fachbereichsleiterin Roth erklärt, dass der Bericht im Juni vorgelegt wird.

Auf Nachfrage von Stv. Roth bestätigte Bgm. Weber, dass die Straße im Mai gesperrt wird.
"""


def test_an_excerpt_without_headings_gives_an_anfrage_per_asking_paragraph():
    items = _items(PROSE_EXCERPT)
    assert [r.kind for r in items if r.kind == "Anfrage"] == ["Anfrage"] * 3
    assert not any("unterbrochen" in r.text for r in items if r.kind == "Anfrage")
    kuehn = next(r for r in items if "Kühn" in r.text)
    assert "im Juni vorgelegt" in kuehn.text and kuehn.answered_by == "Fachbereichsleiterin Roth"  # the answer stays


# questions reported in an excerpt without headings, as minutes and reports write them (written for these tests)
REPORTED = {
    # German puts the subject after an opening phrase; the reply is the next paragraph
    "asker after the verb": (
        "Zum Tagesordnungspunkt 1 stellte Herr Beispiel eine Frage zur Öffnung der Stadtbücherei am Samstag "
        "und bezog sich auf die Sitzung des Kulturausschusses.\n\n"
        "Frau Bürgermeisterin Muster klärte auf, dass die Bücherei ab Mai samstags öffnet.\n\n"
        "Anschließend fragte Frau Kurz, ob der Parkplatz am Rathaus saniert wird.\n\n"
        "Herr Weber erklärt, dass die Sanierung im Herbst beginnt.\n",
        [("Öffnung der Stadtbücherei am Samstag", "Frau Bürgermeisterin Muster"),
         ("ob der Parkplatz am Rathaus saniert wird", "Herr Weber")]),
    # a report names the asker bare
    "bare names of a report": (
        "Karla Beispiel fragte zu den Kosten der neuen Brücke am Hafen.\n\n"
        "Der Oberbürgermeister sagte, die Kosten stünden im Mai fest.\n\n"
        "Statt ihm stellte Mitorganisator Paul Muster die Fragen. Er wolle eine faire Rechnung.\n",
        [("den Kosten der neuen Brücke am Hafen", "Der Oberbürgermeister"),
         ("Statt ihm stellte Mitorganisator Paul Muster die Fragen", None)]),
    # a Fragestunde records residents' questions in the passive, as bulleted points
    "passive, bulleted": (
        "19.11.2024 - 3 Einwohnerfragestunde\n\n"
        "-          Aus den Reihen der Einwohner wird die Frage gestellt, wie es mit der Beleuchtung weitergeht.\n\n"
        "Herr Fenner erklärte, dass der Versuch bis Jahresende fortgeführt werde.\n\n"
        "-          Zur Baumaßnahme Lindenallee wurde sich nach Ausweichparkplätzen erkundigt.\n\n"
        "Die Verwaltung erklärte, dass keine Ausweichparkplätze vorgesehen sind.\n",
        [("wie es mit der Beleuchtung weitergeht", "Herr Fenner"), ("Ausweichparkplätzen", "Verwaltung")]),
}


@pytest.mark.parametrize("case", REPORTED)
def test_questions_reported_in_an_excerpt_without_headings_are_anfragen_with_their_reply(case):
    text, expected = REPORTED[case]
    anfragen = [r for r in _items(text) if r.kind == "Anfrage"]
    assert [(r.title, r.answered_by) for r in anfragen] == expected
    assert "fortgeführt" in anfragen[0].text or "samstags" in anfragen[0].text or "im Mai fest" in anfragen[0].text


def test_rules_for_a_fragestunde_and_the_chair_asking_for_questions_are_no_anfragen():
    """A decision's lettered rules speak of questions ("c) Frageberechtigt sind …", "d) Die Fragen beantwortet
    …"), and the chair asks the room whether there are questions: none of it is an Anfrage; the resident who
    then puts questions is one (written for this test)."""
    rules = ("Beschluss:\n\nFür die Einwohnerfragestunde werden folgende Regeln beschlossen:\n\n"
             "a)    Die Bürgermeisterin gibt den Einwohnern Gelegenheit, Fragen an das Gremium zu stellen.\n\n"
             "b)    Frageberechtigt sind alle Gemeindeangehörigen.\n\n"
             "c)    Die Fragen beantwortet grundsätzlich die Bürgermeisterin.\n")
    assert not [r for r in _items(rules) if r.kind == "Anfrage"]
    session = ("Einwohnerfragestunde\n\nWortprotokoll\n\n"
               "Die Präsidentin fragt nach, ob es Fragen oder Anregungen an die Bürgerschaft gibt.\n\n"
               "Herr Beispiel stellt hierzu Fragen an den Bürgermeister zur Sanierung der Schwimmhalle.\n\n"
               "Der Bürgermeister erklärt, dass die Sanierung im Mai beginnt.\n")
    anfragen = [r for r in _items(session) if r.kind == "Anfrage"]
    assert len(anfragen) == 1 and "Herr Beispiel" in anfragen[0].text and "Präsidentin" not in anfragen[0].text


def test_a_response_that_promises_an_answer_names_who_responded_and_that_it_is_promised():
    text = ("Protokoll:\n\nRatsfrau Kurz fragt, wann die Gasse am Rathaus beleuchtet wird.\n"
            "Frau Dirks sagt eine Überprüfung zu.\n")
    (item,) = [r for r in _items(text) if r.kind == "Anfrage"]
    assert (item.answered_by, item.status) == ("Frau Dirks", "Antwort zugesagt")


def test_an_answer_letter_that_answers_zu_1_zu_2_is_a_written_answer():
    text = ("Einwohneranfrage EAF-0101/2024\n\nFragestellung\n\n1. Wann wird der Radweg saniert?\n\n"
            "2. Wer trägt die Kosten?\n\nIch beantworte Ihre Anfrage wie folgt:\n\nZu 1:\n\nIm Frühjahr.\n\n"
            "Zu 2:\n\nDie Stadt.\n")
    items = [r for r in _items(text) if r.kind == "Anfrage"]
    assert [(r.number, r.status, len(r.questions)) for r in items] == [("EAF-0101/2024", "schriftlich beantwortet", 2)]


def test_an_answers_zu_frage_sections_are_no_topics_of_a_letter():
    from ingest.segment.cued import letter_topics
    from ingest.segment.lines import Line
    text = ("Wir bitten um die Beantwortung folgender Fragen:\n\n1. Wann kommen die Plakatständer?\n\n"
            "Stellungnahme der Verwaltung\n\n"  # the answers repeat the questions
            "Zu Frage 1:\nWann kommen die Plakatständer? Im Mai.\n\nZu Frage 2:\nWer stellt sie auf? Die Stadt.\n\n"
            "Zu Frage 3:\nWas kosten sie? Nichts.\n")
    lines = [Line(1, t) for t in text.split("\n")]
    assert letter_topics(lines, [], len(lines)) is None


# a Landtag's plenary protocol: the chair calls each question of the Fragestunde by its number in a
# sentence (written for this test)
PLENUM = """Ich rufe Tagesordnungspunkt 1 auf:

Fragestunde – Drucks. 21/1234 –

Wir beginnen mit der Frage 401. Die Frage stellt der Kollege Muster.

Karl Muster (SPD):

Herr Präsident, ich frage die Landesregierung:

Wann wird die Ortsumgehung Beispielstadt fertiggestellt?

Präsident Hans Vorsitz:

Herr Staatsminister Weber.

Anna Weber, Ministerin für Verkehr
und Wohnen:

Die Ortsumgehung wird im Herbst 2026 fertiggestellt.

Präsident Hans Vorsitz:

Gibt es Zusatzfragen? – Das ist nicht der Fall. Dann rufe ich die Frage 402
auf. Fragestellerin ist die Kollegin Probe.

Eva Probe (GRÜNE):

Ich frage die Landesregierung:

Wie viele Lehrkräfte fehlen zum Schuljahresbeginn?

Peter Lehr, Minister für Kultus:

Es fehlen 120 Lehrkräfte.
"""


def test_questions_called_by_number_in_a_plenary_protocol():
    items = [r for r in _items(PLENUM) if r.kind == "Anfrage"]
    assert [(r.number, r.faction, r.answered_by, r.status, len(r.questions)) for r in items] == [
        ("21/1234", "SPD", "Anna Weber, Ministerin für Verkehr und Wohnen", "mündlich beantwortet", 1),
        ("21/1234", "B90/Grüne", "Peter Lehr, Minister für Kultus", "mündlich beantwortet", 1)]
    assert items[1].title == "Wie viele Lehrkräfte fehlen zum Schuljahresbeginn?"


def test_a_letter_that_asks_without_naming_a_kind_is_one_anfrage():
    text = ("Ein Beschluss von 2019 ist noch nicht umgesetzt.\nGuten Tag,\n"
            "im Mai 2019 wurde beschlossen, die Antworten der Verwaltung zu veröffentlichen. Das geschieht selten.\n"
            "Aus diesem Grund frage ich:\n1) Wird die Verwaltung den Beschluss umsetzen?\n"
            "2) Werden die früheren Antworten nachgetragen?\nMit freundlichem Gruß\nEva Muster\n")
    items = _items(text)
    assert [(r.kind, len(r.questions)) for r in items] == [("Anfrage", 2)]


@pytest.mark.parametrize("text, title", [
    # the number before the title, the title wrapped over two lines
    ("Drs. 23/9999: Sanierung der Schwimmhalle am Stadtpark – Kosten, Zeitplan,\nFörderung und Bauabschnitte\n\n"
     "Schriftliche Kleine Anfrage der Abgeordneten Eva Muster (SPD) vom 01.02.26 und Antwort des Senats\n\n"
     "Frage 1\n\nWann beginnt die Sanierung?\n\nAntwort zu Frage 1\n\nIm Mai.\n",
     "Sanierung der Schwimmhalle am Stadtpark – Kosten, Zeitplan, Förderung und Bauabschnitte"),
    # a letterhead and a legal reference are no titles; the document's first word is
    ("Straßenbeleuchtung\n\nLandkreis Musterland\nHerrn Landrat Karl Beispiel\n\nAnfrage gem. § 56 NKomVG\n\n"
     "Sehr geehrter Herr Landrat,\n\nwir bitten um Beantwortung folgender Fragen:\n\n1. Wann werden die Leuchten ersetzt?\n",
     "Straßenbeleuchtung"),
])
def test_titles_of_single_anfrage_documents(text, title):
    items = [r for r in _items(text) if r.kind == "Anfrage"]
    assert [r.title for r in items] == [title]


def test_a_question_opening_the_debate_of_an_ordinary_item_keeps_it_an_item():
    text = ("1. Eröffnung\n\nDer Vorsitzende eröffnet die Sitzung.\n\n2. Bebauungsplan Nr. 12 Am Hang\n\n"
            "Herr Lorenz fragt, ob die Zufahrt über die Bergstraße erfolgt. Der Bauamtsleiter bejaht dies.\n"
            "Der Ausschuss empfiehlt dem Rat, den Plan zu beschließen.\n\n3. Verschiedenes\n\nKeine Wortmeldungen.\n")
    # (a signature role inside a sentence, "Der Vorsitzende eröffnet die Sitzung.", starts no signature block)
    assert [r.title for r in _items(text) if r.kind != "Anfrage"] == [
        "Eröffnung", "Bebauungsplan Nr. 12 Am Hang", "Verschiedenes"]


# an agenda printed as a table (text taken from a web page), rows wrapped, the Anfragen under a slot
# numbered one level below it, each with its Drucksache in a cell of its own (written for this test)
TABLE_AGENDA = """Öffentlicher Teil: | |||||||
1 | Eröffnung durch die Oberbürgermeisterin | ||||||
2 | Einwohnerfragestunde (Anfragen nach § 10 GeschO) | ||||||
2.1 | Parkplätze am Südbahnhof | 0815/24 | |||||
3 | Beantwortung von Anfragen | ||||||
3.1 | Dringliche Anfragen | ||||||
3.1.1 | Dringliche Anfrage – Schulwegsicherung an der Lindenstraße Fragesteller: Herr Beispiel, Fraktion
DIE LINKE. |
0901/24 | |||||
3.2 | Anfragen | ||||||
3.2.1 | Zukunft des Freibads Nord Fragestellerin: Frau Muster, Fraktion BÜNDNIS 90/DIE GRÜNEN |
0877/24 | |||||
4 | Haushaltssatzung 2025 | 0700/24 | |||||
"""


def test_an_agenda_table_lists_its_anfragen_with_their_numbers():
    anfragen = [r for r in _items(TABLE_AGENDA) if r.kind == "Anfrage"]
    assert [(r.number, r.title, r.faction) for r in anfragen] == [
        ("0815/24", "Parkplätze am Südbahnhof", None),
        ("0901/24", "Schulwegsicherung an der Lindenstraße", "Die Linke"),
        ("0877/24", "Zukunft des Freibads Nord", "B90/Grüne")]


def test_an_agenda_table_read_by_ocr_keeps_its_rows():
    """OCR reads a table's rules as "]", "}", "Il" or "jj" too: the rows stay agenda rows, and a
    roman numeral before a rule stays text."""
    from ingest.segment.lines import _table_row
    scanned = (TABLE_AGENDA.replace("2.1 | Parkplätze am Südbahnhof | 0815/24 | |||||", "2.1 | Parkplätze am Südbahnhof | 0815/24 Il]")
               .replace("3.2.1 | Zukunft", "3.2.1] Zukunft").replace("3 | Beantwortung von Anfragen | ||||||",
                                                                    "3 | Beantwortung von Anfragen | |}j}||"))
    anfragen = [r for r in _items(scanned) if r.kind == "Anfrage"]
    assert [(r.number, r.title) for r in anfragen] == [
        ("0815/24", "Parkplätze am Südbahnhof"), ("0901/24", "Schulwegsicherung an der Lindenstraße"),
        ("0877/24", "Zukunft des Freibads Nord")]
    assert _table_row("Antrag | Teil I | Seite 3") == "Antrag | Teil I | Seite 3"


def test_a_date_opening_a_line_of_running_text_is_no_agenda_number():
    """OCR (or a narrow column) can break a sentence before its date: "2. März 2016 gestellten Anfrage"
    continues the question of the item above it, it is no agenda item 2."""
    text = """Fragestunde

- Beschlusslage zum Standort des Traditionsschiffes
(Anfrage Nr. 2016/AM/1610 von Ulrike Beispiel (CDU-Fraktion))

Frau Beispiel fragt nach, wann sie eine Beantwortung zu ihrer bereits in der Sitzung der Bürgerschaft
2. März 2016 gestellten Anfrage erhält.

- Hafenbahnwegkonzept
(Anfrage Nr. 2016/AM/1686 von Anke Muster (SPD-Fraktion))

Frau Muster fragt, wann das Konzept vorgelegt wird.
"""
    from ingest.segment.headings import find_headings
    from ingest.segment.lines import Line
    lines = [Line(1, t) for t in text.split("\n")]
    assert not [h for h in find_headings(lines) if lines[h.index].text.startswith("2. März")]
    asked = [r for r in _items(text) if "fragt nach" in r.text]
    assert len(asked) == 1 and "gestellten Anfrage erhält" in asked[0].text


def test_anfragen_named_together_in_one_sentence_are_one_record_each():
    """Minutes sum up what became of several Anfragen in one sentence; each is an Anfrage of its own,
    with its own asker and topic (written for this test)."""
    text = ("Der Landrat erläutert, dass er die Anfragen der Fraktion Die Linke zu Veränderungen beim Wohngeld "
            "und der CDU-Fraktion zur Schülerbeförderung nicht beantworten wird.\n\n"
            "Die Beantwortung weiterer Anfragen der SPD-Fraktion zum Radwegenetz und zum Rettungsdienst "
            "liegen dem Protokoll als Anlagen 2 und 3 vor.\n\n"
            "Der Landrat berichtet über die Anfragen der letzten Sitzung und der Sitzung davor.\n")
    anfragen = [r for r in _items(text) if r.kind == "Anfrage"]
    assert [(r.title, r.faction) for r in anfragen] == [
        ("Veränderungen beim Wohngeld", "Die Linke"), ("Schülerbeförderung", "CDU"),
        ("Radwegenetz", "SPD"), ("Rettungsdienst", "SPD")]
    assert len({r.id for r in anfragen}) == 4
    assert all("nicht beantworten" in r.text for r in anfragen[:2])
