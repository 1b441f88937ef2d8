"""Held-out minute books in three layouts that the parser was not written for.

Written independently of ``ingest/`` (see ``tests/groundtruth/HELDOUT.md``):
the books use the data model, layout engine and renderers of
:mod:`samples.minutes` but new municipal styles:

* ``regensburg`` -- Bavarian Stadtrat: ``Ö 4.2`` items, ``Vorlagen-Nr.:
  VO/22/0815`` or inline ``Anfrage Nr. 2018/00123 der ...: Titel``,
  outcomes ``Die Anfrage beantwortet Bürgermeister Huber.`` /
  ``Ergebnis: Kenntnisnahme``.
* ``bielefeld`` -- NRW Rat der Stadt: ``Punkt 4.1 der Tagesordnung``,
  ``Anfrage der Fraktion ... vom 02.03.2023 (Drucksache 0456/2023)``,
  ``Frage 1:`` and ``Zu Frage 1:`` / interleaved ``Antwort:``,
  ``Der Rat nimmt die Antwort zur Kenntnis.``
* ``pankow`` -- Berlin Bezirksverordnetenversammlung: ``Große Anfrage der
  Fraktion der CDU – Drs. IX-1456 –``, ``Kleine``/``Mündliche Anfrage``,
  questions ``1.`` with sub-questions ``a)``, header ``BVV Pankow – 31.
  Tagung – 11.09.2024``, bare page number as footer.

All towns are real; all people, numbers and content are invented.

Usage::

    from samples.heldout import heldout_books
    for book in heldout_books():      # 6 books
        render_pdf(book, tmp / f"{book.name}.pdf")
"""
from __future__ import annotations

from samples.minutes import (  # noqa: F401  (re-exported for convenience)
    INDENT,
    TEXT_W,
    MinuteBook,
    A,
    O,
    _build,
    _Builder,
    _german_date,
    _long_date,
    _wrap,
    page_text,
    render_page_images,
    render_pdf,
    render_scanned_pdf,
    render_tiff,
)

__all__ = ["heldout_books", "heldout_book_by_name", "HELDOUT_FACTIONS"]

# Canonical faction names used by the held-out ground truth: the vocabulary of
# tests/groundtruth/README.md plus three parties that do not occur there.
HELDOUT_FACTIONS = ("B90/Grüne", "SPD", "CDU", "FDP", "Die Linke", "AfD",
                    "Freie Wähler", "CSU", "ÖDP", "Volt")


# --------------------------------------------------------------------------
# Specs with sub-questions
# --------------------------------------------------------------------------
def AQ(number, title, fac_text, faction, body, ask, qsrc, outcome, **kw) -> dict:
    """Anfrage spec whose questions may carry sub-questions.

    ``qsrc`` items are ``(number, text)`` or ``(number, text, [(letter,
    text), ...])``.  Sub-questions are not questions of their own: the
    ground truth appends them to the parent question, labels included
    (``"Wie ... entwickelt? a) im Jahr 2022, b) im Jahr 2023?"``).
    """
    qs = []
    for q in qsrc:
        text = q[1]
        for letter, sub in (q[2] if len(q) > 2 else []):
            text += f" {letter}) {sub}"
        qs.append((q[0], text))
    spec = A(number, title, fac_text, faction, body, ask, qs, outcome, **kw)
    spec["qsrc"] = qsrc
    return spec


def _sub(b: _Builder, letter: str, text: str) -> None:
    for line in _wrap(text, TEXT_W - INDENT, TEXT_W - INDENT, f"{letter})"):
        b.ln(line, "i")


def _questions(b: _Builder, s: dict, default: str) -> None:
    """Questions in the styles of the held-out layouts.

    ``dot`` ``1. text`` (hanging indent), ``frage-line`` ``Frage 1:`` on its
    own line, ``frage-inline`` ``Frage 1: text``, ``dash`` unnumbered ``–``
    bullets, ``none-para`` one unnumbered paragraph each, ``frage-zusatz``
    ``Frage:`` / ``Zusatzfrage:`` (unnumbered, Bielefeld style).
    ``s["qa"]`` (list of answer texts, one per question) interleaves an
    ``Antwort:`` paragraph after each question.
    """
    style = s.get("qstyle") or default
    qa = s.get("qa")
    for k, q in enumerate(s["qsrc"]):
        n, t = q[0], q[1]
        subs = q[2] if len(q) > 2 else []
        if style == "dot":
            b.para(t, label=f"{n}.")
        elif style == "frage-line":
            b.ln(f"Frage {n}:", "b", keep=1)
            b.para(t)
        elif style == "frage-inline":
            b.para(t, label=f"Frage {n}:", hang=False)
        elif style == "frage-zusatz":
            b.para(t, label="Frage:" if k == 0 else "Zusatzfrage:", hang=False)
        elif style == "dash":
            b.para(t, label="–")
        elif style == "none-para":
            b.para(t)
        else:
            raise ValueError(style)
        for letter, sub in subs:
            _sub(b, letter, sub)
        b.blank()
        if qa:
            b.para(qa[k], label="Antwort:", hang=False)
            b.blank()


def _paras(b: _Builder, paras) -> None:
    for p in paras or []:
        if isinstance(p, tuple):
            b.para(p[0], p[1])
        else:
            b.para(p)
        b.blank()


def _anfrage_rest(b: _Builder, s: dict, default_q: str, body_lead: str | None) -> None:
    if body_lead:
        b.ln(body_lead, "b", keep=1)
    _paras(b, s["body"])
    if s.get("ask"):
        b.ln(s["ask"])
        b.blank()
    if s.get("qa_lead"):          # answer interleaved with the questions
        b.para(s["qa_lead"])
        b.blank()
    _questions(b, s, default_q)
    if s.get("answer_lead"):
        b.para(s["answer_lead"], keep=1)
        b.blank()
    if s.get("answer"):
        for p in s["answer"]:
            if isinstance(p, tuple):  # ("Zu Frage 1:", text) label on own line
                b.ln(p[0], "b", keep=1)
                b.para(p[1])
            else:
                b.para(p)
            b.blank()
    _paras(b, s["outcome"])


# ==========================================================================
# Layout A: "regensburg" -- Bavarian Stadtrat
# ==========================================================================
def _rgb_opening(b: _Builder, m: dict) -> None:
    b.ln("STADT REGENSBURG", "bc")
    b.blank()
    b.ln("Niederschrift", "bc")
    b.ln(f"über die öffentliche Sitzung des Stadtrates vom {_german_date(m['date'])}", "c")
    b.blank()
    b.ln(f"Sitzungsort: {m['place']}")
    b.ln(f"Sitzungsbeginn: {m['start']} Uhr")
    b.ln(f"Vorsitz: {m['chair_sig']} {m['chair']}")
    b.ln(f"Schriftführung: {m['secretary']}")
    b.ln("Anwesenheit: siehe Anwesenheitsliste (Anlage)")
    b.blank()
    b.para("Die Vorsitzende stellt die ordnungsgemäße Ladung und die Beschlussfähigkeit "
           "des Stadtrates fest." if m["chair_sig"].endswith("in") else
           "Der Vorsitzende stellt die ordnungsgemäße Ladung und die Beschlussfähigkeit "
           "des Stadtrates fest.")
    b.blank()
    b.ln("Öffentliche Sitzung", "bc")
    b.blank()


def _rgb_item(b: _Builder, s: dict, m: dict) -> None:
    if s.get("section"):
        b.ln(s["section"], "b", keep=5)
        b.blank()
    if m.get("inline"):
        head = f"Ö {s['top']} "
        if s.get("head"):
            head += s["head"] + ": "
        b.para(head + s["title"], "b", keep=3)
    else:
        b.para(f"Ö {s['top']} {s['title']}", "b", keep=3)
        if s.get("fac_text"):
            b.ln(s["fac_text"])
        if s.get("number"):
            b.ln(f"Vorlagen-Nr.: {s['number']}")
    b.blank()
    if s["kind"] == "Anfrage":
        _anfrage_rest(b, s, "dot", s.get("lead", "Die Anfrage lautet:"))
        if s.get("ergebnis"):
            b.ln(f"Ergebnis: {s['ergebnis']}")
        return
    _paras(b, s["paras"])
    if s.get("result"):
        b.ln("Beschluss:", "b", keep=1)
        _paras(b, s["result"])


def _rgb_closing(b: _Builder, m: dict) -> None:
    b.ln(f"Ende der öffentlichen Sitzung: {m['end']} Uhr")
    b.blank(2)
    roles = ("Die Vorsitzende:" if m["chair_sig"].endswith("in") else "Der Vorsitzende:",
             "Die Schriftführerin:" if m["secretary_role"].endswith("in")
             else "Der Schriftführer:")
    b.ln(f"{roles[0]}\t{roles[1]}", keep=3)
    b.blank()
    b.ln(f"{m['chair']}\t{m['secretary']}")
    b.ln(f"{m['chair_sig']}\t{m['secretary_role']}")


def _rgb_book(name, m, items) -> MinuteBook:
    def header(p, n):
        return [(f"Sitzung des Stadtrates vom {_german_date(m['date'])}", "r"), ("", "")]

    def footer(p, n):
        return [(f"Seite {p}", "c")]

    return _build(name, "regensburg", "Regensburg", m["date"], m, items, m["chair"],
                  m["secretary"], _rgb_opening, _rgb_item, _rgb_closing, header, footer)


def regensburg_2022() -> MinuteBook:
    m = dict(date="2022-05-12", start="15:00", end="18:40",
             place="Großer Sitzungssaal, Neues Rathaus",
             chair="Georg Schmid", chair_sig="Oberbürgermeister",
             secretary="Florian Brunner", secretary_role="Schriftführer")
    items = [
        O("Sonstiges", None, "Genehmigung der Niederschrift über die öffentliche "
          "Sitzung vom 07.04.2022", None, [
              "Einwendungen gegen die Niederschrift werden nicht erhoben. Die "
              "Niederschrift ist damit genehmigt.",
          ], top="1"),
        O("Mitteilung", None, "Bekanntgaben", None, [
            "Oberbürgermeister Schmid gibt bekannt, dass der Ferienausschuss in "
            "diesem Jahr am 4. August 2022 tagt. Die Bürgerversammlung für den "
            "Stadtosten findet am 23. Juni 2022 in der Mehrzweckhalle Burgweinting "
            "statt.",
        ], top="2"),
        O("Vorlage", "VO/22/0790", "Vollzug des Baugesetzbuches; Bebauungsplan Nr. 274 "
          "Ehemalige Zuckerfabrik; Satzungsbeschluss", "Vorlage des Planungsreferats", [
              "Sachvortrag: Der Bebauungsplan schafft die planungsrechtlichen "
              "Voraussetzungen für rund 450 Wohnungen, eine Grundschule und einen "
              "Quartierspark. Die im Verfahren eingegangenen Stellungnahmen wurden "
              "im Ausschuss für Stadtplanung, Verkehr und Wohnungsbau am 26.04.2022 "
              "behandelt.",
          ], result=[
              "Der Stadtrat beschließt den Bebauungsplan Nr. 274 Ehemalige "
              "Zuckerfabrik in der Fassung vom 14.03.2022 gemäß § 10 BauGB als "
              "Satzung.",
              "Abstimmungsergebnis: 39 : 9 Stimmen",
          ], top="3"),
        AQ("VO/22/0815", "Sichere Schulwege im Regensburger Osten",
           "Anfrage der Stadtratsfraktion ÖDP vom 28.04.2022", "ÖDP",
           ["Mit der Fertigstellung der neuen Wohngebiete in Burgweinting und "
            "Harting ist die Zahl der Schulkinder im Regensburger Osten deutlich "
            "gestiegen. Viele Kinder müssen auf dem Weg zur Grundschule die "
            "stark befahrene Kirchfeldallee queren. Eltern berichten von "
            "gefährlichen Situationen durch Schwerlastverkehr und zu schnell "
            "fahrende Fahrzeuge in den Morgenstunden. Der Elternbeirat der "
            "Grundschule Burgweinting hat sich deshalb bereits im Februar mit einer "
            "Unterschriftenliste an die "
            "Stadt gewandt. Eine Antwort der Verwaltung steht bis heute aus."],
           "Wir bitten um Beantwortung folgender Fragen:",
           [("1", "Wie viele Unfälle mit Beteiligung von Schulkindern wurden in "
                  "den Jahren 2019 bis 2021 im Umfeld der Grundschulen im "
                  "Regensburger Osten polizeilich erfasst?"),
            ("2", "Ist die Einrichtung einer Ampel oder eines Fußgängerüberwegs an "
                  "der Kirchfeldallee in Höhe der Bushaltestelle geplant, und wenn "
                  "ja, bis wann?"),
            ("3", "Welche Schulwegpläne liegen für die Grundschulen im Stadtosten "
                  "vor und wann wurden sie zuletzt aktualisiert?"),
            ("4", "Unterstützt die Stadt Elterninitiativen für einen begleiteten "
                  "Schulweg zu Fuß, etwa durch Versicherungsschutz oder "
                  "Warnwesten?")],
           ["Die Anfrage beantwortet Bürgermeister Huber."],
           answered_by="Bürgermeister Huber", status="beantwortet",
           ergebnis="Kenntnisnahme", top="4.1", section="Ö 4 Anfragen"),
        AQ("VO/22/0821", "Leerstand städtischer Gebäude in der Altstadt",
           "Anfrage von Stadträtin Dr. Anna Berger (CSU) vom 02.05.2022", "CSU",
           ["In der Altstadt stehen mehrere Gebäude im Eigentum der Stadt seit "
            "Jahren ganz oder teilweise leer, darunter das ehemalige Amtsgebäude "
            "in der Gesandtenstraße. Gleichzeitig suchen Vereine, Initiativen und "
            "junge Kulturschaffende händeringend nach bezahlbaren Räumen. Auch der "
            "Bezirksausschuss Innenstadt hat die Verwaltung mehrfach aufgefordert, "
            "die Gebäude wieder einer Nutzung zuzuführen."],
           "Ich bitte um Beantwortung folgender Fragen:",
           [("1", "Welche städtischen Gebäude und Gebäudeteile in der Altstadt "
                  "stehen derzeit leer und seit wann?"),
            ("2", "Welche Nutzungen sind für diese Gebäude vorgesehen und welcher "
                  "Sanierungsbedarf besteht jeweils?"),
            ("4", "Ist die Verwaltung bereit, leerstehende Räume bis zu ihrer "
                  "Sanierung Vereinen und Kulturschaffenden zur Zwischennutzung "
                  "zu überlassen?")],
           ["Herr Oberbürgermeister Schmid sagt eine schriftliche Beantwortung zu."],
           status="schriftlich beantwortet", top="4.2"),
        AQ("VO/22/0824", "Hitzeschutz in städtischen Kindertagesstätten",
           "Anfrage der Fraktion FREIE WÄHLER vom 29.04.2022", "Freie Wähler",
           ["Im Sommer 2021 wurden in mehreren städtischen Kindertagesstätten "
            "Raumtemperaturen von über 30 Grad gemessen. Erzieherinnen und Eltern "
            "berichten, dass die Kinder in den Mittagsstunden kaum noch ins Freie "
            "gehen können, weil schattige Bereiche auf den Außenflächen fehlen."],
           "Wir fragen daher:",
           [("1", "In wie vielen städtischen Kindertagesstätten gibt es einen "
                  "außenliegenden Sonnenschutz an allen Gruppenräumen?"),
            ("2", "Welche Maßnahmen zur Beschattung der Außenspielflächen sind für "
                  "das Jahr 2022 geplant und welche Mittel stehen dafür bereit?"),
            ("3", "Gibt es für die Kindertagesstätten einen Hitzeschutzplan mit "
                  "verbindlichen Verhaltensregeln an heißen Tagen?")],
           [], qstyle="none-para", answered_by="Verwaltung", status="beantwortet",
           answer=[("Stellungnahme der Verwaltung:",
                    "Außenliegender Sonnenschutz ist in 14 von 31 städtischen "
                    "Kindertagesstätten vollständig vorhanden. Für 2022 stehen "
                    "120.000 Euro für Sonnensegel und Baumpflanzungen zur "
                    "Verfügung. Ein Hitzeschutzplan für alle Einrichtungen wird "
                    "derzeit vom Amt für Tagesbetreuung von Kindern erarbeitet "
                    "und soll vor den Sommerferien vorliegen.")],
           ergebnis="Kenntnisnahme", top="4.3"),
        AQ("VO/22/0826", "Photovoltaik auf Dächern der Stadtwerke",
           "Anfrage der SPD-Stadtratsfraktion vom 03.05.2022", "SPD",
           ["Die Dachflächen der Betriebsgebäude, Parkhäuser und Busdepots der "
            "Stadtwerke bieten ein erhebliches Potenzial für die Erzeugung von "
            "Solarstrom."],
           "Wir bitten um Beantwortung folgender Fragen:",
           [("1", "Auf welchen Gebäuden der Stadtwerke sind bereits "
                  "Photovoltaik|anlagen installiert und mit welcher Leistung?"),
            ("2", "Welche weiteren Dachflächen sollen bis 2025 belegt werden?")],
           ["Die Anfrage wird auf Wunsch der Fragesteller in die nächste Sitzung "
            "vertagt."],
           status="zurückgestellt", top="4.4"),
        O("Antrag", "VO/22/0802", "Einführung eines Klimavorbehalts für "
          "Stadtratsbeschlüsse",
          "Antrag der Stadtratsfraktion Bündnis 90/Die Grünen vom 21.03.2022", [
              "Der Antrag sieht vor, dass jede Beschlussvorlage künftig eine "
              "Bewertung ihrer Auswirkungen auf das Klima enthält. Stadträtin "
              "Maier begründet den Antrag; die Verwaltung verweist auf den "
              "zusätzlichen Personalbedarf von zwei Stellen.",
          ], faction="B90/Grüne", result=[
              "Der Antrag wird abgelehnt.",
              "Abstimmungsergebnis: 18 : 30 Stimmen",
          ], top="5"),
    ]
    return _rgb_book("regensburg-2022-05-12-niederschrift", m, items)


def regensburg_2018() -> MinuteBook:
    m = dict(date="2018-07-26", start="15:00", end="19:05", inline=True,
             place="Reichssaal, Altes Rathaus",
             chair="Gertraud Wimmer", chair_sig="Bürgermeisterin",
             secretary="Sabine Fuchs", secretary_role="Schriftführerin")
    items = [
        O("Mitteilung", None, "Bekanntgaben", None, [
            "Bürgermeisterin Wimmer leitet die Sitzung in Vertretung des "
            "Oberbürgermeisters. Sie gibt bekannt, dass die Stadtratssitzung im "
            "September wegen des Bürgerfestes auf den 27.09.2018 verlegt wird.",
        ], top="1"),
        O("Sonstiges", None, "Wahl einer berufsmäßigen Stadträtin für das "
          "Umwelt- und Rechtsreferat", None, [
              "Für die Wahl liegt ein Wahlvorschlag vor. In geheimer Abstimmung "
              "wird Frau Dr. Katharina Koch mit 38 von 47 abgegebenen Stimmen "
              "für die Dauer von sechs Jahren gewählt. Frau Dr. Koch nimmt die "
              "Wahl an.",
          ], top="2"),
        O("Antrag", "2018/00117", "Kostenloses Parken für Elektrofahrzeuge in "
          "städtischen Parkhäusern", None, [
              "Stadtrat Wenzl begründet den Antrag. Die Verwaltung weist darauf "
              "hin, dass die Parkhäuser von der Stadtwerke-Tochter betrieben "
              "werden und Einnahmeausfälle von rund 90.000 Euro jährlich "
              "auszugleichen wären.",
          ], faction="CSU", head="Antrag Nr. 2018/00117 der CSU-Fraktion", result=[
              "Der Antrag wird in den Ausschuss für Stadtplanung, Verkehr und "
              "Wohnungsbau verwiesen.",
              "Abstimmungsergebnis: einstimmig",
          ], top="3"),
        AQ("2018/00123", "Mietpreisentwicklung und geförderter Wohnungsbau",
           None, "Die Linke",
           ["Nach dem aktuellen Mietspiegel sind die Nettokaltmieten in Regensburg "
            "seit 2014 um durchschnittlich 19 Prozent gestiegen. Gleichzeitig "
            "laufen in den nächsten Jahren bei zahlreichen Wohnungen die "
            "Sozialbindungen aus. Viele Haushalte mit mittlerem Einkommen finden "
            "in der Stadt keine bezahlbare Wohnung mehr."],
           "Wir bitten um Beantwortung folgender Fragen:",
           [("1", "Wie viele geförderte Wohnungen gibt es derzeit im Stadtgebiet "
                  "und bei wie vielen davon endet die Bindung bis zum Jahr 2025?"),
            ("2", "Wie viele geförderte Wohnungen wurden in den Jahren 2016 und "
                  "2017 fertiggestellt und wie viele befinden sich im Bau?"),
            ("3", "Wird die Stadt bei neuen Baugebieten eine Quote von mindestens "
                  "40 Prozent gefördertem Wohnraum festlegen?"),
            ("4", "Welche Grundstücke will die Stadtbau GmbH in den kommenden "
                  "drei Jahren bebauen?")],
           ["Die Anfrage wird von Planungsreferentin Lindner mündlich beantwortet."],
           answered_by="Planungsreferentin Lindner", status="beantwortet",
           ergebnis="Kenntnisnahme", lead=None, top="4.1",
           head="Anfrage Nr. 2018/00123 der Stadtratsfraktion DIE LINKE",
           section="Ö 4 Anfragen"),
        AQ("2018/00126", "Nachtbusverkehr an Wochenenden", None, "SPD",
           ["Nach Mitternacht fahren am Wochenende nur noch zwei Nachtbuslinien. "
            "Studierende und Beschäftigte der Gastronomie kommen aus der "
            "Innenstadt kaum noch nach Hause."],
           "Wir fragen die Verwaltung:",
           [("1", "Wie viele Fahrgäste nutzen die beiden Nachtbuslinien an einem "
                  "durchschnittlichen Wochenende?"),
            ("2", "Mit welchen Kosten wäre eine zusätzliche Nachtbuslinie in den "
                  "Stadtosten verbunden?"),
            ("3", "Ist eine Beteiligung der Universität und der Hochschule an "
                  "den Kosten des Nachtverkehrs denkbar?")],
           ["Die Anfrage beantwortet Bürgermeister Huber."],
           answered_by="Bürgermeister Huber", status="beantwortet",
           ergebnis="Kenntnisnahme", lead=None, top="4.2",
           head="Anfrage Nr. 2018/00126 der SPD-Fraktion"),
        AQ("2018/00129", "Rückschnitt von Hecken und Gehölzen in der Brutzeit",
           None, "B90/Grüne",
           ["Anwohnerinnen und Anwohner haben beobachtet, dass im Stadtpark und "
            "entlang des Donauufers im Mai Hecken und Gebüsche großflächig "
            "zurückgeschnitten wurden. Nach dem Bundesnaturschutzgesetz sind "
            "solche Arbeiten zwischen März und September grundsätzlich "
            "unzulässig."],
           "Wir fragen:",
           [("1", "Wer hat den Rückschnitt im Stadtpark und am Donauufer "
                  "veranlasst und mit welcher Begründung?"),
            ("2", "Wurde vor Beginn der Arbeiten geprüft, ob in den Hecken Vögel "
                  "brüten?"),
            ("3", "Wie stellt die Verwaltung sicher, dass beauftragte Firmen die "
                  "Schutzzeiten künftig einhalten?")],
           ["Die Anfrage wird schriftlich beantwortet."],
           status="schriftlich beantwortet", qstyle="dash", lead=None, top="4.3",
           head="Anfrage Nr. 2018/00129 der Fraktion Bündnis 90/Die Grünen"),
        AQ("2018/00131", "Wartezeiten im Bürgerbüro", None, "FDP",
           ["Für einen Termin im Bürgerbüro am Dachauplatz müssen Bürgerinnen und "
            "Bürger derzeit bis zu sechs Wochen warten."],
           "Ich frage die Verwaltung:",
           [("1", "Wie lange ist die durchschnittliche Wartezeit auf einen Termin "
                  "im Bürgerbüro?"),
            ("2", "Wie viele Stellen im Bürgerbüro sind derzeit unbesetzt?")],
           ["Die Anfrage wurde vom Fragesteller zurückgezogen."],
           status="zurückgezogen", lead=None, top="4.4",
           head="Anfrage Nr. 2018/00131 von Stadtrat Thomas Keller (FDP)"),
    ]
    return _rgb_book("regensburg-2018-07-26-niederschrift", m, items)


# ==========================================================================
# Layout B: "bielefeld" -- NRW Rat der Stadt
# ==========================================================================
def _bi_opening(b: _Builder, m: dict) -> None:
    b.ln("Stadt Bielefeld", "b")
    b.ln("Büro des Rates")
    b.blank(2)
    b.ln("Niederschrift", "bc")
    b.para(f"über die {m['session']}. Sitzung des Rates der Stadt Bielefeld am "
           f"{_long_date(m['date'])}", "bc")
    b.blank()
    b.ln(f"Tagungsort: {m['place']}")
    b.ln(f"Beginn: {m['start']} Uhr")
    if m.get("pause"):
        b.ln(f"Sitzungsunterbrechung: {m['pause']}")
    b.ln(f"Ende: {m['end']} Uhr")
    b.blank()
    b.ln("Anwesend:", "b")
    b.ln(f"{m['chair_sig']} {m['chair']} (Vorsitz)")
    b.ln("die Mitglieder des Rates gemäß Anwesenheitsliste")
    b.para(f"Verwaltung: {m['verwaltung']}")
    b.ln(f"Schriftführung: {m['secretary']}")
    b.blank(2)


def _bi_item(b: _Builder, s: dict, m: dict) -> None:
    if m.get("zu"):  # 2016: "Zu Punkt 7.2" / faction line / "Thema:" / "Drucksachen-Nr."
        b.ln(f"Zu Punkt {s['top']}", "b", keep=4)
        if s.get("fac_text"):
            b.ln(s["fac_text"])
            b.para(f"Thema: {s['title']}")
        else:
            b.para(s["title"], "b")
        if s.get("number"):
            b.ln(f"Drucksachen-Nr. {s['number']}")
    else:            # 2023: "Punkt 4.1 der Tagesordnung" / bold title / faction (Drucksache)
        b.ln(f"Punkt {s['top']} der Tagesordnung", "b", keep=4)
        b.para(s["title"], "b")
        if s.get("fac_text"):
            line = s["fac_text"]
            if s.get("number"):
                line += f" (Drucksache {s['number']})"
            b.para(line)
        elif s.get("number"):
            b.ln(f"(Drucksache {s['number']})")
    b.blank()
    if s["kind"] == "Anfrage":
        _anfrage_rest(b, s, "frage-line", s.get("lead", "Text der Anfrage:"))
        return
    _paras(b, s["paras"])
    if s.get("result"):
        b.ln("Beschluss:", "b", keep=1)
        _paras(b, s["result"])


def _bi_closing(b: _Builder, m: dict) -> None:
    b.blank(3)
    b.ln(f"{m['chair']}\t{m['secretary']}", keep=1)
    b.ln(f"{m['chair_sig']}\t{m['secretary_role']}")


def _bi_book(name, m, items) -> MinuteBook:
    def header(p, n):
        return []

    def footer(p, n):
        return [(f"Niederschrift Rat {_german_date(m['date'])}\tSeite {p}", "")]

    return _build(name, "bielefeld", "Bielefeld", m["date"], m, items, m["chair"],
                  m["secretary"], _bi_opening, _bi_item, _bi_closing, header, footer)


def bielefeld_2023() -> MinuteBook:
    m = dict(date="2023-03-23", session=53, start="17:00", end="21:35",
             place="Großer Saal, Neues Rathaus",
             chair="Dr. Ulrike Brandhorst", chair_sig="Oberbürgermeisterin",
             secretary="Jens Pöppelmann", secretary_role="Schriftführer",
             verwaltung="Erster Beigeordneter Müller, Beigeordnete Dr. Kraft, "
                        "Stadtkämmerin Heitkamp")
    items = [
        O("Sonstiges", None, "Genehmigung der Niederschrift über die 52. Sitzung "
          "vom 16.02.2023", None, [
              "Der Rat genehmigt die Niederschrift über die 52. Sitzung ohne "
              "Änderungen.",
              "– einstimmig beschlossen –",
          ], top="1"),
        O("Mitteilung", None, "Mitteilungen der Oberbürgermeisterin", None, [
            "Oberbürgermeisterin Dr. Brandhorst teilt mit, dass die Stadt den "
            "Zuschlag für die Ausrichtung der Landesgartenschau nicht erhalten "
            "hat. Die Verwaltung wird dem Rat im Mai einen Bericht über die "
            "weitere Entwicklung des Geländes vorlegen.",
        ], top="2"),
        O("Sonstiges", None, "Einwohnerfragestunde", None, [
            "Herr Klaus Wehmeyer fragt, wann die Fußgängerbrücke über die "
            "Stadtbahntrasse in Sieker wieder geöffnet wird. Erster Beigeordneter "
            "Müller antwortet, dass die Brücke nach Abschluss der Prüfung durch "
            "den Gutachter voraussichtlich Ende April freigegeben wird.",
            "Weitere Fragen werden nicht gestellt.",
        ], top="3"),
        AQ("0456/2023", "Sanierungsstau an den Gesamtschulen",
           "Anfrage der Fraktion Bündnis 90/Die Grünen vom 02.03.2023",
           "B90/Grüne",
           ["Der Investitionsbedarf an den städtischen Gesamtschulen wird im "
            "Schulentwicklungsplan auf über 140 Millionen Euro beziffert. An "
            "mehreren Standorten sind Sanitäranlagen seit Monaten gesperrt, und "
            "Fachräume für Naturwissenschaften können wegen veralteter "
            "Installationen nur eingeschränkt genutzt werden."],
           None,
           [("1", "Welche Sanierungsmaßnahmen an den Gesamtschulen sind im "
                  "Investitionsprogramm 2023 bis 2026 enthalten und mit welchen "
                  "Kosten?"),
            ("2", "An welchen Gesamtschulen sind derzeit Sanitäranlagen oder "
                  "Fachräume ganz oder teilweise gesperrt, und seit wann?"),
            ("3", "Wie viele Stellen im Immobilienservicebetrieb sind für die "
                  "Planung von Schulbaumaßnahmen vorgesehen und wie viele davon "
                  "sind unbesetzt?")],
           ["Der Rat nimmt die Antwort zur Kenntnis."],
           answer_lead="Erster Beigeordneter Müller beantwortet die Anfrage wie folgt:",
           answer=[("Zu Frage 1:", "Das Investitionsprogramm enthält für die "
                    "Gesamtschulen Maßnahmen mit einem Volumen von 61 Millionen "
                    "Euro, darunter die Generalsanierung der Gesamtschule Stieghorst."),
                   ("Zu Frage 2:", "Gesperrt sind Sanitäranlagen an zwei Standorten "
                    "sowie ein Chemieraum; die Sperrungen bestehen seit Herbst 2022."),
                   ("Zu Frage 3:", "Vorgesehen sind 18 Stellen, von denen derzeit "
                    "vier nicht besetzt sind.")],
           answered_by="Erster Beigeordneter Müller", status="beantwortet",
           top="4.1"),
        AQ("0471/2023", "Ausfall von Stadtbahnfahrten im Berufsverkehr",
           "Anfrage der CDU-Fraktion vom 06.03.2023", "CDU",
           ["Seit Jahresbeginn fallen auf den Stadtbahnlinien 2 und 3 im "
            "Berufsverkehr regelmäßig Fahrten aus. Pendlerinnen und Pendler "
            "sowie Schülerinnen und Schüler kommen dadurch häufig zu spät."],
           None,
           [("1", "Wie viele Fahrten sind auf den Stadtbahnlinien seit dem "
                  "1. Januar 2023 ausgefallen und aus welchen Gründen?"),
            ("2", "Welche Maßnahmen ergreift die Verkehrsgesellschaft, um den "
                  "Personalmangel im Fahrdienst zu beheben?"),
            ("3", "Wann wird wieder ein verlässlicher Zehn-Minuten-Takt angeboten?")],
           ["Der Rat nimmt die Antwort zur Kenntnis."],
           qa_lead="Beigeordnete Dr. Kraft beantwortet die Anfrage wie folgt:",
           qa=["Nach Angaben der Verkehrsgesellschaft sind 1.240 Fahrten "
               "ausgefallen, überwiegend wegen Erkrankungen im Fahrdienst.",
               "Es werden zusätzlich 30 Fahrerinnen und Fahrer ausgebildet; die "
               "ersten beginnen im Mai ihren Dienst.",
               "Der Zehn-Minuten-Takt soll ab den Sommerferien wieder "
               "vollständig gefahren werden."],
           answered_by="Beigeordnete Dr. Kraft", status="beantwortet",
           qstyle="frage-inline", top="4.2"),
        AQ("0478/2023", "Digitale Beteiligung bei der Bauleitplanung",
           "Anfrage der Fraktion Volt vom 08.03.2023", "Volt",
           ["Andere Großstädte stellen Bebauungsplanentwürfe in "
            "Beteiligungsportalen online, auf denen Bürgerinnen und Bürger "
            "Stellungnahmen direkt am Plan verorten können."],
           None,
           [("1", "Plant die Verwaltung, für die öffentliche Auslegung von "
                  "Bebauungsplänen ein digitales Beteiligungsportal einzuführen?"),
            ("2", "Welche Kosten würden für Einführung und Betrieb eines solchen "
                  "Portals jährlich entstehen?")],
           ["Oberbürgermeisterin Dr. Brandhorst verweist auf die schriftliche "
            "Antwort der Verwaltung vom 20.03.2023, die den Mitgliedern des Rates "
            "vorliegt."],
           answered_by="Verwaltung", status="schriftlich beantwortet", qstyle="none-para", top="4.3"),
        AQ("0483/2023", "Kosten der Sicherheitsdienste an Flüchtlingsunterkünften",
           "Anfrage des Ratsmitglieds Dr. Peter Lohmann (FDP) vom 09.03.2023", "FDP",
           ["Die Stadt hat für die Bewachung der Unterkünfte für Geflüchtete "
            "private Sicherheitsdienste beauftragt."],
           None,
           [("1", "Wie hoch waren die Kosten für Sicherheitsdienste an den "
                  "städtischen Unterkünften im Jahr 2022?"),
            ("2", "Wie viele Unterkünfte werden rund um die Uhr bewacht?")],
           ["Die Anfrage wurde vom Fragesteller vor der Sitzung zurückgezogen."],
           status="zurückgezogen", top="4.4"),
        O("Vorlage", "0412/2023", "Feuerwehrbedarfsplan 2023–2028",
          "Beschlussvorlage der Verwaltung", [
              "Erster Beigeordneter Müller erläutert die Vorlage. Der Plan sieht "
              "den Neubau von zwei Feuer- und Rettungswachen sowie 36 zusätzliche "
              "Stellen im Einsatzdienst vor.",
          ], result=[
              "Der Rat beschließt den Feuerwehrbedarfsplan 2023–2028 in der Fassung "
              "der Vorlage.",
              "– einstimmig bei 2 Enthaltungen beschlossen –",
          ], top="5"),
        O("Antrag", "0460/2023", "Schulsozialarbeit an allen Grundschulen",
          "Antrag der SPD-Fraktion vom 07.03.2023", [
              "Die Verwaltung wird beauftragt, ein Konzept vorzulegen, wie bis "
              "zum Schuljahr 2025/26 an jeder Grundschule mindestens eine volle "
              "Stelle für Schulsozialarbeit eingerichtet werden kann.",
          ], faction="SPD", result=[
              "Der Antrag wird in den Schul- und Sportausschuss verwiesen.",
              "– mit großer Mehrheit beschlossen –",
          ], top="6"),
    ]
    return _bi_book("bielefeld-2023-03-23-niederschrift", m, items)


def bielefeld_2016() -> MinuteBook:
    m = dict(date="2016-11-24", session=31, start="17:00", end="20:50", zu=True,
             pause="18:55 bis 19:10 Uhr",
             place="Großer Saal, Neues Rathaus",
             chair="Michael Stratmann", chair_sig="Oberbürgermeister",
             secretary="Andrea Wiemann", secretary_role="Schriftführerin",
             verwaltung="Erster Beigeordneter Dr. Witthaus, Stadtkämmerer "
                        "Dr. Overbeck, Beigeordnete Sieweke")
    items = [
        O("Mitteilung", None, "Mitteilungen des Oberbürgermeisters", None, [
            "Oberbürgermeister Stratmann teilt mit, dass der Weihnachtsmarkt "
            "wegen der Bauarbeiten am Jahnplatz in diesem Jahr in die "
            "Altstadt verlegt wird.",
        ], top="1"),
        O("Sonstiges", None, "Umbesetzung in Ausschüssen", None, [
            "Auf Vorschlag der SPD-Fraktion wählt der Rat Frau Ayşe Demir als "
            "Nachfolgerin von Herrn Ulrich Brune in den Ausschuss für Umwelt und "
            "Klimaschutz.",
            "– einstimmig beschlossen –",
        ], top="2"),
        AQ("4102/2014-2020", "Unterrichtsausfall durch gesperrte Sporthallen",
           "Anfrage der CDU-Fraktion vom 14.11.2016", "CDU",
           ["Seit den Sommerferien sind drei Schulsporthallen wegen Mängeln am "
            "Brandschutz und an den Dachkonstruktionen gesperrt. Nach Auskunft "
            "der Schulen fällt dadurch an mehreren Gymnasien und Realschulen "
            "der Sportunterricht in erheblichem Umfang aus, und Vereine haben "
            "ihre Trainingszeiten verloren."],
           None,
           [("1", "Welche Sporthallen sind derzeit gesperrt und wann sollen sie "
                  "wieder genutzt werden können?"),
            ("2", "Wie viele Stunden Sportunterricht sind seit den Sommerferien "
                  "an den betroffenen Schulen ausgefallen?"),
            ("4", "Welche Ausweichmöglichkeiten wurden den Schulen und den "
                  "Sportvereinen angeboten, und welche zusätzlichen Kosten "
                  "entstehen dadurch?")],
           ["Der Rat nimmt die Antwort zur Kenntnis."],
           answer_lead="Erster Beigeordneter Dr. Witthaus beantwortet die Anfrage "
                       "wie folgt:",
           answer=["Zu Frage 1: Gesperrt sind die Hallen des Ratsgymnasiums, der "
                   "Realschule Jöllenbeck und der Gesamtschule Rosenhöhe. Die "
                   "Sanierung soll bis zu den Osterferien 2017 abgeschlossen sein.",
                   "Zu Frage 2: Eine vollständige Erhebung liegt noch nicht vor; "
                   "die Schulen melden zusammen rund 600 Stunden.",
                   "Zu Frage 4: Die Schulen nutzen Hallen benachbarter Schulen. "
                   "Für Bustransfers entstehen Kosten von rund 45.000 Euro."],
           answered_by="Erster Beigeordneter Dr. Witthaus", status="beantwortet",
           qstyle="frage-inline", lead=None, top="3.1"),
        AQ("4110/2014-2020", "Wohnungslosigkeit im Winter",
           "Anfrage der Fraktion Die Linke vom 15.11.2016", "Die Linke",
           ["Die Zahl der wohnungslosen Menschen in Bielefeld ist nach Angaben "
            "der Wohlfahrtsverbände in den letzten zwei Jahren deutlich "
            "gestiegen."],
           None,
           [("1", "Wie viele Notschlafplätze stehen in diesem Winter zur Verfügung "
                  "und wie hoch war ihre Auslastung im vergangenen Winter?"),
            ("2", "Ist die Verwaltung bereit, für Frauen eine eigene "
                  "Notübernachtung einzurichten?")],
           ["Die Anfrage wird schriftlich beantwortet, da die Zeit für die "
            "Beantwortung von Anfragen abgelaufen ist."],
           status="schriftlich beantwortet", qstyle="frage-zusatz", lead=None,
           top="3.2"),
        AQ("4113/2014-2020", "Gewerbesteuer und Haushaltsrisiken",
           "Anfrage der Fraktion Bündnis 90/Die Grünen vom 16.11.2016", "B90/Grüne",
           ["Nach dem aktuellen Finanzbericht liegen die Gewerbesteuereinnahmen "
            "deutlich unter dem Haushaltsansatz."],
           None,
           [("1", "Wie hoch ist die Abweichung der Gewerbesteuer|einnahmen vom "
                  "Ansatz zum Stichtag 31. Oktober 2016?"),
            ("2", "Welche Auswirkungen hat die Entwicklung auf den Entwurf des "
                  "Haushalts 2017?")],
           ["Stadtkämmerer Dr. Overbeck beantwortet die Anfrage mündlich. Eine "
            "Zusatzfrage wird nicht gestellt."],
           answered_by="Stadtkämmerer Dr. Overbeck", status="beantwortet",
           qstyle="frage-inline", lead=None, top="3.3"),
        AQ("4115/2014-2020", "Ausbau von Carsharing-Stationen",
           "Anfrage der FDP-Fraktion vom 16.11.2016", "FDP",
           ["Carsharing kann zur Entlastung des Parkraums in dicht bebauten "
            "Stadtteilen beitragen."],
           None,
           [("1", "An wie vielen Standorten im öffentlichen Straßenraum gibt es "
                  "bereits Carsharing-Stationen?"),
            ("2", "Welche weiteren Standorte werden derzeit geprüft?")],
           ["Die Anfrage wird auf Wunsch der FDP-Fraktion in die nächste Sitzung "
            "vertagt."],
           status="zurückgestellt", qstyle="frage-inline", lead=None, top="3.4"),
        O("Vorlage", "3990/2014-2020", "Entwurf der Haushaltssatzung 2017 – Einbringung",
          None, [
              "Stadtkämmerer Dr. Overbeck bringt den Entwurf der Haushaltssatzung "
              "2017 ein. Der Ergebnisplan weist ein Defizit von 38 Millionen Euro "
              "aus. Die Beratungen in den Fachausschüssen beginnen im Januar.",
              "Der Rat nimmt die Einbringung zur Kenntnis.",
          ], top="4"),
        O("Antrag", "4077/2014-2020", "Kostenloses WLAN in der Innenstadt",
          "Antrag der SPD-Fraktion vom 02.11.2016", [
              "Die Verwaltung wird beauftragt, gemeinsam mit den Stadtwerken ein "
              "kostenloses öffentliches WLAN in der Altstadt und am Hauptbahnhof "
              "einzurichten.",
          ], faction="SPD", result=["– mit Mehrheit beschlossen –"], top="5"),
    ]
    return _bi_book("bielefeld-2016-11-24-niederschrift", m, items)


# ==========================================================================
# Layout C: "pankow" -- Berlin Bezirksverordnetenversammlung
# ==========================================================================
def _bvv_opening(b: _Builder, m: dict) -> None:
    b.ln("Bezirksverordnetenversammlung Pankow von Berlin", "bc")
    b.ln(f"{m['wp']}. Wahlperiode", "c")
    b.blank()
    b.ln("Protokoll", "bc")
    b.ln(f"der {m['session']}. Tagung der Bezirksverordnetenversammlung", "c")
    b.ln(f"am {_long_date(m['date'])}, {m['start']} Uhr", "c")
    b.ln("im BVV-Saal, Fröbelstraße 17, 10405 Berlin", "c")
    b.blank()
    b.ln(f"Vorsitz: {m['chair_sig']} {m['chair']}")
    b.ln(f"Protokoll: {m['secretary']} (Büro der BVV)")
    b.para(f"Bezirksamt: {m['ba']}")
    b.blank(2)


def _bvv_item(b: _Builder, s: dict, m: dict) -> None:
    if s.get("section"):
        b.ln(s["section"], "b", keep=4)
        b.blank()
    if s.get("typ"):  # "Große Anfrage der Fraktion der CDU – Drs. IX-1456 –"
        head = f"{s['top']} {s['typ']}"
        drs = f"– Drs. {s['number']} –"
        if len(_wrap(f"{head} {drs}", TEXT_W, TEXT_W, bold=True)) == 1:
            b.ln(f"{head} {drs}", "b", keep=2)
        else:  # the Drucksache never wraps apart: it moves to a line of its own
            b.para(head, "b", keep=3)
            b.ln(drs, "b")
        b.para(s["title"], "b")
    else:
        b.para(f"{s['top']} {s['title']}", "b", keep=2)
    b.blank()
    if s["kind"] == "Anfrage":
        _anfrage_rest(b, s, "dot", None)
        return
    _paras(b, s["paras"])
    if s.get("result"):
        _paras(b, s["result"])


def _bvv_closing(b: _Builder, m: dict) -> None:
    b.ln(f"Die Tagung wird um {m['end']} Uhr geschlossen.")
    b.blank(3)
    roles = (f"{'Die' if m['chair_sig'].endswith('in') else 'Der'} {m['chair_sig']}",
             f"{'Die' if m['secretary_role'].endswith('in') else 'Der'} "
             f"{m['secretary_role']}")
    b.ln(f"{roles[0]}\t{roles[1]}", keep=3)
    b.blank(2)
    b.ln(f"{m['chair']}\t{m['secretary']}")


def _bvv_book(name, m, items) -> MinuteBook:
    def header(p, n):
        return [(f"BVV Pankow – {m['session']}. Tagung – {_german_date(m['date'])}", "c"),
                ("", "")]

    def footer(p, n):
        return [(f"{p}", "c")]

    return _build(name, "pankow", "Berlin-Pankow", m["date"], m, items, m["chair"],
                  m["secretary"], _bvv_opening, _bvv_item, _bvv_closing, header, footer)


def pankow_2024() -> MinuteBook:
    m = dict(date="2024-09-11", wp="IX", session=31, start="17:30", end="21:55",
             chair="Dr. Claudia Behrendt", chair_sig="Bezirksverordnetenvorsteherin",
             secretary="Markus Pohl", secretary_role="Protokollführer",
             ba="Bezirksbürgermeister Wendt, Bezirksstadträtin Dr. Schulz, "
                "Bezirksstadtrat Kaya, Bezirksstadträtin Neumann")
    items = [
        O("Sonstiges", None, "Eröffnung der Tagung und Feststellung der Tagesordnung",
          None, [
              "Die Bezirksverordnetenvorsteherin eröffnet die Tagung und stellt "
              "die Beschlussfähigkeit fest. Die Tagesordnung wird in der "
              "vorliegenden Fassung bestätigt.",
          ], top="1."),
        O("Mitteilung", None, "Mitteilungen der Bezirksverordnetenvorsteherin", None, [
            "Die Bezirksverordnetenvorsteherin teilt mit, dass die Fraktion der "
            "SPD Herrn Bezirksverordneten Felix Hartmann zum neuen "
            "Fraktionsvorsitzenden gewählt hat. Die nächste Tagung findet am "
            "16. Oktober 2024 statt.",
        ], top="2."),
        O("Vorlage", "IX-1449", "Bericht über die Umsetzung des Schulbauprogramms 2024",
          None, [
              "Bezirksstadträtin Dr. Schulz erläutert die Vorlage. Von den 14 "
              "Vorhaben der Schulbauoffensive im Bezirk sind vier abgeschlossen; "
              "bei drei Vorhaben verzögert sich der Baubeginn.",
              "Die Bezirksverordnetenversammlung nimmt die Vorlage zur Kenntnis.",
          ], typ="Vorlage zur Kenntnisnahme", top="3."),
        AQ("IX-1456", "Fehlende Schulplätze im Pankower Norden", None, "CDU",
           ["In den Ortsteilen Buch, Französisch Buchholz und Blankenburg "
            "entstehen in den kommenden Jahren mehrere tausend neue Wohnungen. "
            "Schon heute werden Schülerinnen und Schüler aus diesen Ortsteilen an "
            "weit entfernten Schulen untergebracht, und mehrere Grundschulen "
            "arbeiten mit Containerklassen."],
           "Wir fragen das Bezirksamt:",
           [("1", "Wie viele Schulplätze fehlen nach der aktuellen "
                  "Schulentwicklungsplanung zum Schuljahr 2025/26 in der "
                  "Schulregion Nord?"),
            ("2", "Wie viele Schülerinnen und Schüler aus dem Pankower Norden "
                  "besuchen eine Schule außerhalb ihrer Schulregion,",
             [("a", "in der Primarstufe,"), ("b", "in der Sekundarstufe I?")]),
            ("3", "Wann wird mit dem Bau der geplanten Grundschule in "
                  "Französisch Buchholz begonnen, und wann ist mit ihrer "
                  "Inbetriebnahme zu rechnen?"),
            ("4", "Welche Interimslösungen plant das Bezirksamt, bis die neuen "
                  "Schulen fertiggestellt sind?")],
           ["Bezirksstadträtin Dr. Schulz beantwortet die Große Anfrage für das "
            "Bezirksamt. Auf Antrag der Fraktion der CDU wird die Große Anfrage "
            "besprochen. Die Große Anfrage ist damit erledigt."],
           answered_by="Bezirksstadträtin Dr. Schulz", status="erledigt",
           typ="Große Anfrage der Fraktion der CDU", top="4.1",
           section="4. Große Anfragen"),
        AQ("IX-1461", "Baumfällungen im Mauerpark", None, "B90/Grüne",
           ["Im Zuge der Bauarbeiten am nördlichen Mauerpark wurden im Frühjahr "
            "zahlreiche Bäume gefällt. Anwohnende kritisieren, dass sie darüber "
            "vorab nicht informiert wurden."],
           "Wir fragen das Bezirksamt:",
           [("1", "Wie viele Bäume wurden im Mauerpark seit Januar 2024 gefällt, "
                  "und aus welchen Gründen?"),
            ("2", "Welche Ersatz|pflanzungen sind vorgesehen, und wo?"),
            ("4", "Wie wird das Bezirksamt Anwohnende künftig vor Fällungen in "
                  "öffentlichen Grünanlagen informieren?")],
           ["Das Bezirksamt beantwortet die Anfrage schriftlich."],
           answered_by="Bezirksamt", status="schriftlich beantwortet",
           typ="Große Anfrage der Fraktion Bündnis 90/Die Grünen", top="4.2"),
        AQ("IX-1465", "Rückstau bei der Bearbeitung von Wohngeldanträgen", None, "AfD",
           ["Bürgerinnen und Bürger warten im Bezirk mehrere Monate auf die "
            "Bewilligung von Wohngeld."],
           "Wir fragen das Bezirksamt:",
           [("1", "Wie lange ist die durchschnittliche Bearbeitungszeit eines "
                  "Wohngeldantrags?"),
            ("2", "Wie viele Anträge sind derzeit unbearbeitet?")],
           ["Die Große Anfrage wurde von der Fraktion der AfD zurückgezogen."],
           status="zurückgezogen", typ="Große Anfrage der Fraktion der AfD",
           top="4.3"),
        AQ("IX-1470", "Öffnungszeiten der Bibliothek am Wasserturm", None, "FDP",
           [], "Ich frage das Bezirksamt:",
           [("1", "Trifft es zu, dass die Bibliothek am Wasserturm ab Oktober "
                  "samstags geschlossen bleibt?"),
            ("2", "Welche Möglichkeiten sieht das Bezirksamt, die Öffnung am "
                  "Samstag mit zusätzlichem Personal oder als Open Library zu "
                  "erhalten?")],
           ["Bezirksstadtrat Kaya beantwortet die Mündliche Anfrage. Eine "
            "Nachfrage wird nicht gestellt."],
           answered_by="Bezirksstadtrat Kaya", status="beantwortet",
           qstyle="none-para",
           typ="Mündliche Anfrage des Bezirksverordneten Jonas Albrecht (FDP)",
           top="5.1", section="5. Mündliche Anfragen"),
        O("Antrag", "IX-1466", "Kiezblock im Komponistenviertel", None, [
            "Das Bezirksamt wird ersucht, für das Komponistenviertel in Weißensee "
            "ein Verkehrskonzept mit Modalfiltern zu erarbeiten und die "
            "Anwohnenden frühzeitig zu beteiligen.",
        ], faction="SPD", typ="Antrag der Fraktion der SPD",
          result=["Der Antrag wird in der Fassung der Beschlussempfehlung des "
                  "Ausschusses für Verkehr und öffentliche Ordnung mehrheitlich "
                  "angenommen."], top="6."),
    ]
    return _bvv_book("pankow-2024-09-11-protokoll", m, items)


def pankow_2019() -> MinuteBook:
    m = dict(date="2019-05-15", wp="VIII", session=27, start="17:30", end="22:10",
             chair="Thomas Richter", chair_sig="Bezirksverordnetenvorsteher",
             secretary="Anja Neumann", secretary_role="Protokollführerin",
             ba="Bezirksbürgermeister Wendt, Bezirksstadträtin Lange, "
                "Bezirksstadtrat Kuhn")
    items = [
        O("Sonstiges", None, "Eröffnung der Tagung", None, [
            "Der Bezirksverordnetenvorsteher eröffnet die Tagung und stellt die "
            "Beschlussfähigkeit fest.",
        ], top="1."),
        # each resident's question in the Fragestunde is an Anfrage of its own, as the annotators of the
        # real corpora record them ("Frage in a Fragestunde"); the slot's heading is an item
        O("Sonstiges", None, "Fragestunde für Einwohnerinnen und Einwohner", None, [], top="2."),
        dict(kind="Anfrage", number=None, title="warum der Spielplatz am Humannplatz seit März gesperrt ist",
             prose="Frau Sabine Kurz fragt, warum der Spielplatz am Humannplatz seit "
                   "März gesperrt ist. Bezirksstadtrat Kuhn antwortet, dass die "
                   "Spielgeräte ersetzt werden und der Spielplatz im Juni wieder "
                   "geöffnet wird.",
             qs=[("1", "warum der Spielplatz am Humannplatz seit März gesperrt ist")],
             answered_by="Bezirksstadtrat Kuhn", status="beantwortet"),
        O("Antrag", "VIII-0975", "Mehr Fahrradbügel in Prenzlauer Berg", None, [
            "Das Bezirksamt wird ersucht, in Prenzlauer Berg bis Ende 2020 "
            "mindestens 1.000 zusätzliche Fahrradbügel aufzustellen und dafür "
            "vorrangig Kfz-Stellplätze an Kreuzungen umzuwidmen.",
        ], faction="B90/Grüne", typ="Antrag der Fraktion Bündnis 90/Die Grünen",
          result=["Der Antrag wird mehrheitlich angenommen."], top="3."),
        AQ("VIII-0987", "Mietentwicklung in den Milieuschutzgebieten", None,
           "Die Linke",
           ["In den sozialen Erhaltungsgebieten des Bezirks werden weiterhin "
            "Mietwohnungen in großer Zahl in Eigentumswohnungen umgewandelt und "
            "aufwendig modernisiert. Viele Mieterinnen und Mieter können sich "
            "die Wohnungen danach nicht mehr leisten."],
           "Wir fragen das Bezirksamt:",
           [("1", "Wie viele Anträge auf Umwandlung in Wohnungseigentum wurden "
                  "in den Milieuschutzgebieten seit 2017 gestellt und wie viele "
                  "davon genehmigt?"),
            ("2", "In wie vielen Fällen hat der Bezirk sein Vorkaufsrecht",
             [("a", "ausgeübt,"),
              ("b", "durch eine Abwendungsvereinbarung abgewendet?")]),
            ("3", "Wie viele Stellen stehen im Stadtentwicklungsamt für die "
                  "Prüfung von Modernisierungsanträgen zur Verfügung?")],
           ["Die Große Anfrage wird von Bezirksstadtrat Kuhn mündlich beantwortet "
            "und ist damit erledigt."],
           answered_by="Bezirksstadtrat Kuhn", status="erledigt",
           typ="Große Anfrage der Fraktion DIE LINKE", top="4.1",
           section="4. Große Anfragen"),
        AQ("VIII-0991", "Personalausstattung der Jugendfreizeiteinrichtungen", None,
           "SPD",
           ["Mehrere Jugendfreizeiteinrichtungen im Bezirk haben ihre "
            "Öffnungszeiten reduziert, weil Stellen nicht besetzt werden können."],
           "Wir fragen das Bezirksamt:",
           [("1", "Wie viele Stellen in den bezirklichen Jugendfreizeit|einrichtungen "
                  "sind derzeit unbesetzt?"),
            ("2", "Welche Einrichtungen haben ihre Öffnungszeiten seit 2018 "
                  "eingeschränkt?"),
            ("3", "Wie will das Bezirksamt die Stellen schneller besetzen?")],
           ["Die Große Anfrage wird auf Wunsch der Fraktion der SPD in die nächste "
            "Tagung vertagt."],
           status="zurückgestellt", typ="Große Anfrage der Fraktion der SPD",
           top="4.2"),
        AQ("VIII-1002", "Lärmbelastung durch Lieferverkehr in der Kastanienallee",
           None, "B90/Grüne",
           ["Anwohnende der Kastanienallee beklagen, dass Lieferfahrzeuge "
            "bereits ab fünf Uhr morgens in zweiter Reihe halten und die "
            "Straßenbahn blockieren."],
           "Ich frage das Bezirksamt:",
           [("1", "Liegen dem Bezirksamt Beschwerden über den Lieferverkehr in "
                  "der Kastanienallee vor, und wie viele Verstöße hat das "
                  "Ordnungsamt in diesem Jahr festgestellt?"),
            ("2", "Ist die Einrichtung zusätzlicher Ladezonen geplant?")],
           ["Das Bezirksamt beantwortet die Anfrage schriftlich."],
           answered_by="Bezirksamt", status="schriftlich beantwortet", qstyle="none-para",
           typ="Kleine Anfrage der Bezirksverordneten Eva Lutz "
               "(Bündnis 90/Die Grünen)",
           top="5.1", section="5. Kleine und Mündliche Anfragen"),
        AQ("VIII-1005", "Vandalismus an Schulgebäuden", None, "AfD",
           [], "Ich frage das Bezirksamt:",
           [("1", "Wie hoch waren die Kosten für die Beseitigung von Graffiti und "
                  "Vandalismusschäden an bezirklichen Schulgebäuden im Jahr 2018?"),
            ("2", "An welchen Schulen ist eine Videoüberwachung der Außenflächen "
                  "geplant?")],
           ["Bezirksbürgermeister Wendt beantwortet die Mündliche Anfrage."],
           answered_by="Bezirksbürgermeister Wendt", status="beantwortet",
           typ="Mündliche Anfrage des Bezirksverordneten Frank Böhme (AfD)",
           top="5.2"),
        O("Sonstiges", None, "Wahl einer Bürgerdeputierten für den Ausschuss für "
          "Schule und Sport", None, [
              "Auf Vorschlag der Fraktion der SPD wird Frau Meike Albers als "
              "Bürgerdeputierte gewählt. Abstimmungsergebnis: mehrheitlich bei "
              "fünf Enthaltungen.",
          ], top="6."),
    ]
    return _bvv_book("pankow-2019-05-15-protokoll", m, items)


# ==========================================================================
# Corpus
# ==========================================================================
_FACTORIES = [regensburg_2022, regensburg_2018, bielefeld_2023, bielefeld_2016,
              pankow_2024, pankow_2019]


def heldout_books() -> list[MinuteBook]:
    """The six held-out books (three layouts, two books each)."""
    return [f() for f in _FACTORIES]


def heldout_book_by_name(name: str) -> MinuteBook:
    for b in heldout_books():
        if b.name == name:
            return b
    raise KeyError(name)


def _main(argv=None) -> None:
    """``python -m samples.heldout --out DIR``: render every book as a born-digital
    PDF and a clean scanned PDF and write ``expected.json`` keyed by file name."""
    import argparse
    import json
    from pathlib import Path

    ap = argparse.ArgumentParser(description=_main.__doc__)
    ap.add_argument("--out", required=True, type=Path)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    expected = {}
    for book in heldout_books():
        for suffix, render in (("", render_pdf), ("-scan", render_scanned_pdf)):
            fname = f"{book.name}{suffix}.pdf"
            render(book, args.out / fname)
            expected[fname] = book.expected
    (args.out / "expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    _main()
