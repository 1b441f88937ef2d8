"""Synthetic Anfragen for large indexes: realistic German records, deterministic per seed.

Each record reads like an inquiry from a council minute book – a topic with its compound
nouns, a faction, a year, a Drucksachen-number in one of the city formats, three to five
numbered questions and an outcome – about 1.5 KB of text. Street names, amounts and
dates vary so the term dictionary grows as it would in a real archive.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from ratsarchiv.model import Question, Record

FACTIONS = ["SPD", "CDU", "B90/Grüne", "FDP", "Die Linke", "AfD", "Freie Wähler", "Volt",
            "Kasseler Linke", "Piraten", "ÖDP", "Die PARTEI"]
FACTION_TEXT = {"SPD": "der SPD-Fraktion", "CDU": "der CDU-Fraktion", "B90/Grüne": "der Fraktion B90/Grüne",
                "FDP": "der FDP-Fraktion", "Die Linke": "der Fraktion Die Linke", "AfD": "der AfD-Fraktion",
                "Freie Wähler": "der Fraktion Freie Wähler", "Volt": "der Fraktion Volt",
                "Kasseler Linke": "der Fraktion Kasseler Linke", "Piraten": "der Piratenfraktion",
                "ÖDP": "der ÖDP-Fraktion", "Die PARTEI": "der Fraktion Die PARTEI"}
CITIES = ["Kassel", "Fulda", "Gießen", "Marburg", "Wetzlar", "Hanau", "Offenbach", "Darmstadt"]
ANSWERERS = ["Oberbürgermeister Geselle", "Stadtrat Stochla", "Stadträtin Dr. Lehnhardt",
             "Bürgermeisterin Friedrich", "Stadtbaurat Nolda", "Stadtkämmerer Wagner",
             "Erster Stadtrat Dr. Wingenfeld", "Stadträtin Weinbach", "Bürgermeister Kühne-Hörmann",
             "Stadtrat Schäfer-Gümbel", "Dezernentin Özdemir", "Stadtrat Müller"]
STATUSES = ["erledigt", "beantwortet", "schriftlich beantwortet", "zurückgestellt", "zurückgezogen"]
STREETS = ["Holländische Straße", "Königsplatz", "Friedrich-Ebert-Straße", "Wilhelmshöher Allee",
           "Bahnhofstraße", "Marktplatz", "Schützenstraße", "Frankfurter Straße", "Goethestraße",
           "Mühlenweg", "Lindenallee", "Kirchgasse", "Brüder-Grimm-Platz", "Universitätsplatz",
           "Am Weinberg", "Schillerstraße", "Rosenstraße", "Ludwigstraße", "Ständeplatz", "Gartenstraße"]
DISTRICTS = ["Nordstadt", "Südstadt", "Weststadt", "Innenstadt", "Wehlheiden", "Bettenhausen",
             "Rothenditmold", "Oberzwehren", "Niederzwehren", "Harleshausen", "Kirchditmold",
             "Waldau", "Forstfeld", "Jungfernkopf", "Fasanenhof", "Brasselsberg", "Philippinenhof"]

# topic: (title patterns, compound nouns, sentences); {s} street, {d} district, {n} number, {y} year
TOPICS = [
    (["Radverkehrsförderung in der {d}", "Sichere Radwege an der {s}", "Fahrradabstellanlagen am {s}"],
     ["Radverkehrskonzept", "Radverkehrsführung", "Fahrradabstellanlagen", "Radschnellweg", "Schutzstreifen"],
     ["Der Anteil des Radverkehrs soll bis {y} deutlich steigen.",
      "Anwohnerinnen und Anwohner der {d} berichten von gefährlichen Situationen an der {s}.",
      "Für die Radverkehrsförderung stehen im Haushalt {n} Euro bereit."]),
    (["Neufassung Integrationskonzept", "Sprachkurse für Zugewanderte", "Integrationsbeirat und Beteiligung"],
     ["Integrationskonzept", "Integrationsbeirat", "Sprachförderung", "Willkommenskultur", "Migrationsberatung"],
     ["Das Integrationskonzept wurde zuletzt im Jahr {y} fortgeschrieben.",
      "Die Arbeitsgruppe Integration hat {n} Stellungnahmen ausgewertet.",
      "Zugewanderte Familien in der {d} warten bis zu {n} Wochen auf einen Sprachkurs."]),
    (["Umrüstung der Straßenbeleuchtung auf LED", "Defekte Laternen an der {s}"],
     ["Straßenbeleuchtung", "Leuchtpunkte", "Nachtabsenkung", "Energiekosten", "Quecksilberdampflampen"],
     ["Die Stadt betreibt rund {n} Leuchtpunkte.",
      "Die Umrüstung soll die Energiekosten um {n} Euro jährlich senken.",
      "Bürgerinnen und Bürger klagen über dunkle Fußwege an der {s}."]),
    (["Notunterkunft für obdachlose Menschen", "Wohnungslosenhilfe im Winter {y}"],
     ["Obdachlosenunterkunft", "Übernachtungsplätze", "Straßensozialarbeit", "Kältebus", "Wohnungslosenhilfe"],
     ["Die Obdachlosenunterkunft war an {n} Tagen vollständig belegt.",
      "Die Straßensozialarbeit meldet einen steigenden Bedarf in der {d}.",
      "Für besonders kalte Nächte sollen {n} zusätzliche Plätze bereitstehen."]),
    (["Sanierung der Grundschule an der {s}", "Schulbauprogramm {y}", "Digitalpakt an Schulen"],
     ["Schulsanierung", "Ganztagsbetreuung", "Schulentwicklungsplan", "Digitalpakt", "Schultoiletten"],
     ["Der Schulentwicklungsplan sieht {n} zusätzliche Klassenräume vor.",
      "Die Sanierung der Grundschule in der {d} verzögert sich bis {y}.",
      "Aus dem Digitalpakt wurden bisher {n} Euro abgerufen."]),
    (["Kita-Plätze in der {d}", "Gebühren für die Kindertagesbetreuung"],
     ["Kindertagesstätten", "Betreuungsplätze", "Krippenplätze", "Erzieherinnenmangel", "Elternbeiträge"],
     ["In der {d} fehlen nach Angaben des Jugendamtes {n} Betreuungsplätze.",
      "Die Elternbeiträge wurden zuletzt {y} angepasst.",
      "Der Erzieherinnenmangel führt zu verkürzten Öffnungszeiten."]),
    (["Bebauungsplan {s}", "Geförderter Wohnungsbau in der {d}", "Leerstand in der Innenstadt"],
     ["Wohnungsbau", "Bebauungsplan", "Mietpreisbremse", "Sozialwohnungen", "Leerstandskataster"],
     ["Geplant sind {n} Wohnungen, davon ein Drittel im geförderten Wohnungsbau.",
      "Der Bebauungsplan für die {s} liegt seit {y} aus.",
      "Das Leerstandskataster weist {n} leerstehende Ladenlokale aus."]),
    (["Baumfällungen an der {s}", "Stadtbäume und Hitzeschutz", "Grünflächenpflege {y}"],
     ["Baumschutzsatzung", "Grünflächenamt", "Stadtbäume", "Hitzeaktionsplan", "Bewässerung"],
     ["An der {s} wurden {n} Bäume gefällt.",
      "Der Hitzeaktionsplan der Stadt stammt aus dem Jahr {y}.",
      "Das Grünflächenamt bewässert im Sommer rund {n} Jungbäume."]),
    (["Taktung der Buslinie {n}", "Barrierefreie Haltestellen in der {d}", "Nahverkehrsplan {y}"],
     ["Nahverkehrsplan", "Haltestellen", "Barrierefreiheit", "Straßenbahnlinie", "Fahrgastzahlen"],
     ["Die Fahrgastzahlen sind seit {y} um {n} Prozent gestiegen.",
      "Von den Haltestellen in der {d} sind erst wenige barrierefrei ausgebaut.",
      "Der Nahverkehrsplan sieht eine dichtere Taktung vor."]),
    (["Kostenfreie Nutzung des Bürgersaals", "Vereinsförderung {y}", "Sportstätten in der {d}"],
     ["Bürgersaal", "Vereinsförderung", "Sportstättenentwicklung", "Ehrenamtskarte", "Hallenbelegung"],
     ["Gemeinnützige Vereine zahlen für den Bürgersaal derzeit {n} Euro je Abend.",
      "Die Hallenbelegung in der {d} ist vollständig ausgeschöpft.",
      "Die Ehrenamtskarte wurde {y} eingeführt."]),
    (["Haushaltssatzung {y}", "Gewerbesteuereinnahmen", "Schuldenstand der Stadt"],
     ["Haushaltssatzung", "Gewerbesteuer", "Schutzschirm", "Kassenkredite", "Investitionsprogramm"],
     ["Die Gewerbesteuereinnahmen lagen {y} bei {n} Euro.",
      "Das Investitionsprogramm umfasst {n} Maßnahmen.",
      "Die Kassenkredite sollen bis {y} abgebaut werden."]),
    (["Ausbau des Glasfasernetzes in der {d}", "Digitale Verwaltung und Onlinezugangsgesetz"],
     ["Glasfaserausbau", "Onlinezugangsgesetz", "Bürgerbüro", "Terminvergabe", "Breitbandversorgung"],
     ["Im Bürgerbüro beträgt die Wartezeit auf einen Termin {n} Tage.",
      "Der Glasfaserausbau in der {d} soll {y} abgeschlossen sein.",
      "Nach dem Onlinezugangsgesetz sind {n} Leistungen digital anzubieten."]),
    (["Feuerwehrhaus {d}", "Brandschutzbedarfsplan {y}"],
     ["Brandschutzbedarfsplan", "Feuerwehrgerätehaus", "Hilfsfrist", "Löschfahrzeug", "Einsatzkräfte"],
     ["Die Hilfsfrist wurde in {n} Fällen überschritten.",
      "Das Feuerwehrgerätehaus in der {d} ist sanierungsbedürftig.",
      "Der Brandschutzbedarfsplan wurde {y} beschlossen."]),
    (["Lärmschutz an der {s}", "Tempo 30 vor Schulen und Kitas"],
     ["Lärmaktionsplan", "Geschwindigkeitsbegrenzung", "Verkehrsberuhigung", "Lärmschutzwand", "Schulwegsicherung"],
     ["An der {s} wurden nachts bis zu {n} Dezibel gemessen.",
      "Der Lärmaktionsplan stammt aus dem Jahr {y}.",
      "Eltern in der {d} fordern eine bessere Schulwegsicherung."]),
]

FILLER = [
    "Der Magistrat hat in der Sitzung des zuständigen Ausschusses hierzu bereits berichtet.",
    "Nach Auffassung der Fraktion reichen die bisherigen Maßnahmen nicht aus.",
    "Der Ortsbeirat hat sich einstimmig für eine rasche Lösung ausgesprochen.",
    "Die Verwaltung verweist auf die angespannte Haushaltslage.",
    "Fördermittel des Landes Hessen könnten einen Teil der Kosten decken.",
    "Eine Beteiligung der Bürgerinnen und Bürger ist vorgesehen.",
    "Die Stadtverordnetenversammlung hatte das Thema zuletzt im Frühjahr beraten.",
]
QUESTION_STEMS = [
    "Wie viele {c} gibt es derzeit in der {d}, und wie hat sich die Zahl seit {y} entwickelt?",
    "Welche Kosten sind für {c} in den Jahren {y} und {y2} veranschlagt?",
    "Bis wann will der Magistrat die Maßnahmen an der {s} umsetzen?",
    "Welche Erkenntnisse liegen dem Magistrat zu {c} vor?",
    "Ist beabsichtigt, Fördermittel für {c} zu beantragen, und wenn nein, warum nicht?",
    "Wie bewertet der Magistrat die Forderung des Ortsbeirats {d}?",
    "Welche Ämter sind an der Planung beteiligt und wer koordiniert die Arbeit?",
]


def _number(rng: random.Random, year: int, city: str) -> str:
    style = CITIES.index(city) % 4
    if style == 0:
        return f"{rng.randint(100, 101)}.{year % 100:02d}.{rng.randint(1000, 9999)}"
    if style == 1:
        return f"AN/{rng.randint(1, 999):04d}/{year}"
    if style == 2:
        return f"{year}/{rng.randint(1, 9999):04d}"
    return f"Drs. {year % 100:02d}/{rng.randint(1, 9999)}"


def _fill(template: str, rng: random.Random, year: int, compound: str = "") -> str:
    return template.format(s=rng.choice(STREETS), d=rng.choice(DISTRICTS), y=year, y2=year + 1,
                           n=f"{rng.choice([rng.randint(2, 400), rng.randint(1_000, 2_500_000)]):,}".replace(",", "."), c=compound)


def make_record(i: int, seed: int = 7) -> Record:
    rng = random.Random(seed * 1_000_003 + i)
    year = rng.randint(1998, 2024)
    city = rng.choice(CITIES)
    faction = rng.choice(FACTIONS)
    titles, compounds, sentences = rng.choice(TOPICS)
    title = _fill(rng.choice(titles), rng, year)
    number = _number(rng, year, city)
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    body = [f"Anfrage {FACTION_TEXT[faction]} vom {date[8:]}.{date[5:7]}.{year} ({number}): {title}."]
    for sentence in rng.sample(sentences + FILLER, rng.randint(6, 9)):
        body.append(_fill(sentence, rng, year, rng.choice(compounds)))
    body.append(f"Bereits {year - rng.randint(1, 6)} hatte die Fraktion {faction} nach {rng.choice(compounds)} "
                f"in {city} gefragt; die Antwort verwies auf die Vorlage {_number(rng, year - 1, city)}.")
    body.append(f"Im Mittelpunkt stehen {rng.choice(compounds)} und {rng.choice(compounds)}.")
    body.append("Wir fragen den Magistrat:")
    questions = [Question(str(q + 1), _fill(stem, rng, year, rng.choice(compounds)))
                 for q, stem in enumerate(rng.sample(QUESTION_STEMS, rng.randint(3, 5)))]
    body += [f"{q.number}. {q.text}" for q in questions]
    status = rng.choice(STATUSES)
    answered_by = None if status in ("schriftlich beantwortet", "zurückgezogen") else rng.choice(ANSWERERS)
    if answered_by:
        body.append(f"{answered_by} beantwortet die Anfrage. {_fill(rng.choice(sentences), rng, year)}")
    body.append(f"Die Anfrage ist {status}.")
    page = rng.randint(1, 40)
    return Record(id=number, kind="Anfrage", number=number, title=title, faction=faction,
                  questions=questions, answered_by=answered_by, status=status,
                  chair="Stefan Kortmann", secretary="Sabine John", date=date,
                  pages=[page, page + 1], text="\n".join(body),
                  source_id=f"bench-{i // 10:07d}", source_filename=f"niederschrift-{city.lower()}-{date}.pdf")


def records(count: int, seed: int = 7) -> Iterator[Record]:
    """`count` records; ids are unique because the number carries the record's index on collision."""
    seen: set[str] = set()
    for i in range(count):
        rec = make_record(i, seed)
        if rec.id in seen:
            rec.id = rec.number = f"{rec.number}-{i}"
        seen.add(rec.id)
        yield rec


def batches(count: int, seed: int = 7) -> list[tuple[str, list[Record]]]:
    """Records grouped as write_many takes them: ten Anfragen per synthetic minute book."""
    out: dict[str, list[Record]] = {}
    for rec in records(count, seed):
        out.setdefault(rec.source_id, []).append(rec)
    return list(out.items())
