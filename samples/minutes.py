"""Synthetic German council minute books (Niederschriften) with ground truth.

The corpus is plain Python data: every :class:`MinuteBook` carries its pages as
already laid-out text lines (page headers/footers included) and the expected
records of every agenda item.  The render functions turn a book into

* a born-digital PDF with a real text layer (:func:`render_pdf`),
* scanned page images (:func:`render_page_images`, ``quality="clean"|"noisy"``),
* an image-only PDF (:func:`render_scanned_pdf`) or a multi-page TIFF
  (:func:`render_tiff`).

All rendering is deterministic.  Everything is fictional except the Kassel
Anfrage 101.18.1671 (Neufassung Integrationskonzept), whose wording follows the
real extracted document in ``/work/shared/samples``.

Conventions for the page lines (``MinuteBook.pages``):

* ``""`` is an empty line.
* A tab character separates two columns (signature blocks); the renderers draw
  the second column at 55 % of the text width, text extraction usually yields a
  single space there.
* ``MinuteBook.styles`` has one style string per line (same shape as
  ``pages``): ``b`` bold, ``c`` centred, ``r`` right-aligned, ``i`` indented
  (hanging indent of numbered questions), ``f`` footer (anchored to the bottom
  of the page).  Styles only affect drawing, never the text.
* Hyphenation at line ends: a word broken across lines ends in ``-`` on the
  first line; the ground truth has the word joined (``Radverkehrs-`` +
  ``förderung`` -> ``Radverkehrsförderung``).  Words are never broken at a
  real hyphen.
"""
from __future__ import annotations

import io
import os
import random
import zlib
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "MinuteBook",
    "all_books",
    "sample_books",
    "book_by_name",
    "render_pdf",
    "render_page_images",
    "render_scanned_pdf",
    "render_tiff",
    "page_text",
    "FONT_SIZE",
]

# --------------------------------------------------------------------------
# Page geometry (points, 1/72 inch).  A4 = 595.28 x 841.89 pt.
# --------------------------------------------------------------------------
PAGE_W = 595.28
PAGE_H = 841.89
MARGIN_L = 82.0
MARGIN_R = 74.0
TEXT_W = PAGE_W - MARGIN_L - MARGIN_R  # ~439 pt
FONT_SIZE = 11.0
LEADING = 14.2
FIRST_BASELINE = 64.0  # from the top
LINES_PER_PAGE = 52  # incl. header and footer lines
INDENT = 18.0  # hanging indent for question continuation lines
COL2_X = 0.55 * TEXT_W

_FONT_CANDIDATES = {
    "regular": [
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    ],
    "bold": [
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    ],
}


def _font_path(kind: str) -> str:
    for p in _FONT_CANDIDATES[kind]:
        if os.path.exists(p):
            return p
    raise FileNotFoundError(f"no serif TTF font found for {kind!r}")


_RL_FONTS: dict[str, str] = {}


def _rl_font(bold: bool = False) -> str:
    """Register the TTF with reportlab once and return its name."""
    kind = "bold" if bold else "regular"
    if kind not in _RL_FONTS:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        name = "RatsSerif-Bold" if bold else "RatsSerif"
        pdfmetrics.registerFont(TTFont(name, _font_path(kind)))
        _RL_FONTS[kind] = name
    return _RL_FONTS[kind]


def _width(text: str, bold: bool = False, size: float = FONT_SIZE) -> float:
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.stringWidth(text, _rl_font(bold), size)


# --------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------
@dataclass
class MinuteBook:
    name: str  # file stem
    layout: str  # city style
    date: str  # ISO session date
    pages: list[list[str]]  # laid-out text lines per page (header/footer included)
    expected: list[dict]  # ground-truth records in document order
    styles: list[list[str]] | None = None  # per-line drawing hints, see module doc
    city: str = ""

    @property
    def text(self) -> str:
        return "\n\n".join(page_text(self, i) for i in range(len(self.pages)))

    def anfragen(self) -> list[dict]:
        return [r for r in self.expected if r["kind"] == "Anfrage"]


def page_text(book: MinuteBook, index: int) -> str:
    """Plain text of one page (0-based index); tabs become single spaces."""
    return "\n".join(l.replace("\t", " ") for l in book.pages[index])


# --------------------------------------------------------------------------
# Layout engine: wrap paragraphs into lines, paginate, track item pages
# --------------------------------------------------------------------------
def _clean(text: str) -> str:
    """Ground-truth form of source text: drop soft-hyphen markers ``|``."""
    return text.replace("|", "")


class _Builder:
    """Collects logical lines (text, style, item index, keep-with-next)."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, str, int | None, int]] = []
        self.item: int | None = None

    def ln(self, text: str = "", style: str = "", keep: int = 0) -> None:
        self.lines.append((text, style, self.item, keep))

    def blank(self, n: int = 1) -> None:
        for _ in range(n):
            self.ln("")

    def raw(self, lines: list[str], style: str = "") -> None:
        for l in lines:
            self.ln(l, style if l else "")

    def para(self, text: str, style: str = "", label: str | None = None,
             keep: int = 0, hang: bool = True) -> None:
        bold = "b" in style
        if label is not None:
            first_prefix = label + " "
            cont_style = (style + "i") if hang else style
            cont_w = TEXT_W - (INDENT if hang else 0)
        else:
            first_prefix = ""
            cont_style = style
            cont_w = TEXT_W
        lines = _wrap(text, TEXT_W, cont_w, first_prefix, bold)
        for i, l in enumerate(lines):
            self.ln(l, style if i == 0 else cont_style, keep if i == 0 else 0)


# Hyphenation points of long compounds (prefix match, so inflected forms such
# as "Integrationskonzepts" use the entry of "Integrations|konzept").  Words
# with explicit "|" markers in the source text use those instead.
_HYPHENATION = """
Stadtverordneten|versammlung Übernachtungs|plätze Obdachlosen|unterkunft
Straßen|sozial|arbeit Beschluss|fähigkeit Geschwindigkeits|begrenzung
Unfall|verhütungs|vorschriften Hilfeleistungs|lösch|fahrzeug Kinder|betreuung
Betreuungs|plätze Verwaltungs|leistungen Gewerbesteuer|einnahmen
Hauptverkehrs|straßen Zwischen|nutzungen Schlüssel|immobilien
Photovoltaik|anlagen Kosten|deckungs|grad Gebühren|steigerung
Bestattungs|formen Energie|beratung Informations|veranstaltungen
Energiespar|maßnahmen Schwerlast|verkehr Lärm|aktions|planung
Schallschutz|fenster Markt|beschicker Planungs|varianten Unterschriften|liste
Glasfaser|anschluss Außen|stadtteil Sozial|leistungen Empfänger|innen
Querungs|hilfen Bewohner|park|ausweise Mehr|einnahmen Korrosions|schäden
Trinkwasser|brunnen Bundes|gesundheits|ministerium Aufenthalts|räume
Investitions|haushalt Landes|zuwendung Ganztags|betreuung
Schul|entwicklungs|plan Entgelt|ordnung Veranstal|tungen Radverkehrs|konzept
Natriumdampf|lampen Strom|verbrauch Wartungs|aufwand Nacht|absenkung
Reparatur|zeiten Straßen|begleit|grün Termin|vergabe Service|portal
Schicht|dienst Fahrgast|zahlen Haushalts|beratungen Handlungs|felder
Leerstands|management Fußgänger|zone Gewerbe|verein Beratungs|angebot
Gebühren|satzung Friedhofs|wesens Wärme|planung Fernwärme|netz
Hauseigentümer|innen Energie|spar Bürgerschaftliches Raum|temperatur
Kongress|halle Sitzungs|saal Anwesenheits|liste Stadtentwicklung
Integrations|konzept Bürger|innen Anwohner|innen Stellplätze Ladepunkte
Elektro|fahrzeuge Verkehrs|verbund Nah|verkehr Abstimmungs|ergebnis
Sportstätten|entwicklungs|plan Kunstrasen|plätze Pflege|einrichtungen
Gesamt|leistung Solar|kataster Dach|flächen Betriebs|hof Stadt|bibliothek
Umgestaltung Ersatz|pflanzungen Schulweg|pläne Eltern|taxis
""".split()
_HYPH = {w.replace("|", ""): w for w in _HYPHENATION if "|" in w}


def _auto_hyphenate(word: str) -> str:
    if "|" in word or len(word) < 12:
        return word
    lead = len(word) - len(word.lstrip("„“(\"'"))
    core = word[lead:]
    for plain, marked in _HYPH.items():
        if core.startswith(plain) or (len(plain) > 9 and core.startswith(plain[:-1])
                                      and core[len(plain) - 1:len(plain)].isalpha()):
            out = word[:lead]
            pos = 0
            for part in marked.split("|")[:-1]:
                out += core[pos:pos + len(part)] + "|"
                pos += len(part)
            rest = core[pos:]
            if len(rest.rstrip(".,;:?!“)\"")) < 3:
                return word
            return out + rest
    return word


def _wrap(text: str, first_w: float, cont_w: float, prefix: str = "",
          bold: bool = False) -> list[str]:
    words = [_auto_hyphenate(w) for w in text.split()]
    out: list[str] = []
    cur = prefix.rstrip() if prefix else ""
    width = first_w

    def fits(s: str) -> bool:
        return _width(s, bold) <= width

    i = 0
    pending: str | None = None
    while i < len(words) or pending is not None:
        w = pending if pending is not None else words[i]
        pending = None
        cand = (cur + " " + _clean(w)) if cur else _clean(w)
        if fits(cand):
            cur = cand
            i += 1
            continue
        # try to hyphenate at a marked position (last that fits)
        marks = [k for k, ch in enumerate(w) if ch == "|"]
        done = False
        for k in reversed(marks):
            head = _clean(w[:k]) + "-"
            c2 = (cur + " " + head) if cur else head
            if fits(c2):
                out.append(c2)
                width = cont_w
                cur = ""
                pending = w[k + 1:]
                done = True
                break
        if done:
            continue
        if not cur:  # a single over-long word: put it alone
            out.append(_clean(w))
            width = cont_w
            i += 1
            continue
        out.append(cur)
        width = cont_w
        cur = ""
        # retry same word on a new line
    if cur:
        out.append(cur)
    return out


def _paginate(b: _Builder, header, footer, first_page_header: bool = True):
    """Distribute logical lines on pages.

    ``header(p, n)`` / ``footer(p, n)`` return lists of ``(text, style)`` for
    page ``p`` of ``n`` (1-based).  Their line counts must not depend on n.
    Returns ``(pages, styles, item_pages)``.
    """

    def cap(p: int) -> int:
        h = len(header(p, 99)) if (p > 1 or first_page_header) else 0
        return LINES_PER_PAGE - h - len(footer(p, 99)) - 1

    bodies: list[list[tuple[str, str, int | None]]] = [[]]
    lines = b.lines
    for idx, (text, style, item, keep) in enumerate(lines):
        body = bodies[-1]
        p = len(bodies)
        if not text and not body:
            continue  # no blank lines at the top of a page
        need = 1
        if keep:
            # keep this line with the next `keep` lines (counted as laid out)
            need = 1 + keep
        if len(body) + need > cap(p) and body:
            # avoid leaving trailing blank lines as the only content moved
            bodies.append([])
            body = bodies[-1]
            if not text:
                continue
        body.append((text, style, item))
    # trailing blank lines on the last page are dropped
    while bodies and bodies[-1] and not bodies[-1][-1][0]:
        bodies[-1].pop()
    n = len(bodies)
    pages: list[list[str]] = []
    styles: list[list[str]] = []
    item_pages: dict[int, set[int]] = {}
    for p, body in enumerate(bodies, start=1):
        # strip trailing blank lines of each page
        while body and not body[-1][0]:
            body.pop()
        pl: list[str] = []
        ps: list[str] = []
        if p > 1 or first_page_header:
            for t, s in header(p, n):
                pl.append(t)
                ps.append(s)
        for t, s, item in body:
            pl.append(t)
            ps.append(s)
            if item is not None and t:
                item_pages.setdefault(item, set()).add(p)
        for t, s in footer(p, n):
            pl.append(t)
            ps.append(s + "f")
        pages.append(pl)
        styles.append(ps)
    return pages, styles, item_pages


# --------------------------------------------------------------------------
# Item specifications -> ground-truth records
# --------------------------------------------------------------------------
def _record(spec: dict, date: str, chair: str, secretary: str) -> dict:
    qs = []
    if spec["kind"] == "Anfrage":
        for n, t in spec.get("qs", []):
            qs.append({"number": n, "text": " ".join(_clean(t).split())})
    return {
        "kind": spec["kind"],
        "number": spec.get("number"),
        "title": spec["title"],
        "faction": spec.get("faction"),
        "answered_by": spec.get("answered_by"),
        "status": spec.get("status"),
        "date": date,
        "pages": [],
        "questions": qs,
        "chair": chair,
        "secretary": secretary,
    }


def A(number, title, fac_text, faction, body, ask, qs, outcome,
      answered_by=None, status=None, answer=None, qstyle=None, **kw) -> dict:
    """An Anfrage spec.  ``qs`` = [(number, text), ...]; texts may contain
    ``|`` soft-hyphen markers."""
    d = dict(kind="Anfrage", number=number, title=title, fac_text=fac_text,
             faction=faction, body=body, ask=ask, qs=qs, outcome=outcome,
             answered_by=answered_by, status=status, answer=answer,
             qstyle=qstyle)
    d.update(kw)
    return d


def O(kind, number, title, fac_text, paras, faction=None, result=None, **kw) -> dict:
    """A non-Anfrage item spec (Antrag, Vorlage, Mitteilung, Sonstiges)."""
    d = dict(kind=kind, number=number, title=title, fac_text=fac_text,
             paras=paras, faction=faction, result=result)
    d.update(kw)
    return d


def _questions(b: _Builder, spec: dict, default_style: str) -> None:
    style = spec.get("qstyle") or default_style
    qs = spec["qs"]
    if style == "none-run":
        b.para(" ".join(t for _, t in qs))
        b.blank()
        return
    for n, t in qs:
        if style == "dot":
            b.para(t, label=f"{n}.")
        elif style == "paren":
            b.para(t, label=f"{n})")
        elif style == "letter":
            b.para(t, label=f"{n})")
        elif style == "frage":
            b.para(t, label=f"Frage {n}:", hang=False)
        elif style == "frage-line":
            b.ln(f"Frage {n}:", "b", keep=1)
            b.para(t)
        elif style == "none-para":
            b.para(t)
        else:
            raise ValueError(style)
        b.blank()


def _paras(b: _Builder, paras) -> None:
    for p in paras or []:
        if isinstance(p, tuple):  # (text, style)
            b.para(p[0], p[1])
        else:
            b.para(p)
        b.blank()


def _build(name, layout, city, date, meta, items, chair, secretary,
           opening, item_fn, closing, header, footer,
           first_page_header=False) -> MinuteBook:
    b = _Builder()
    opening(b, meta)
    records = []
    for i, spec in enumerate(items):
        b.item = i
        if "lines" in spec:  # pre-broken lines (the real Kassel sample)
            for t, s in spec["lines"]:
                b.ln(t, s)
        elif "prose" in spec:  # a paragraph of the item before, under no heading of its own (a resident's question)
            b.para(spec["prose"])
        else:
            item_fn(b, spec, meta)
        b.item = None
        b.blank()
        records.append(_record(spec, date, chair, secretary))
    closing(b, meta)
    pages, styles, item_pages = _paginate(b, header, footer, first_page_header)
    for i, r in enumerate(records):
        r["pages"] = sorted(item_pages.get(i, ()))
    return MinuteBook(name=name, layout=layout, date=date, pages=pages,
                      expected=records, styles=styles, city=city)


def _german_date(iso: str) -> str:
    if not iso:
        return ""
    y, m, d = iso.split("-")
    return f"{d}.{m}.{y}"


_MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
           "August", "September", "Oktober", "November", "Dezember"]
_WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag",
             "Samstag", "Sonntag"]


def _long_date(iso: str) -> str:
    import datetime as _dt

    d = _dt.date.fromisoformat(iso)
    return f"{_WEEKDAYS[d.weekday()]}, {d.day}. {_MONTHS[d.month - 1]} {d.year}"


# ==========================================================================
# Layout 1: "kassel" -- numbered items "7. Titel", faction line, number as
# "- 101.18.1671 -" on its own line, "Berichterstatter/-in:", questions "1.",
# outcome "Nach Beantwortung durch ... erklärt Vorsitzender ... für erledigt."
# ==========================================================================
def _kassel_opening(b: _Builder, m: dict) -> None:
    b.ln("Stadt Kassel", "bc")
    b.ln("Stadtverordnetenversammlung", "c")
    b.blank()
    b.para(f"Niederschrift über die {m['session']}. öffentliche Sitzung der "
           f"Stadtverordnetenversammlung", "bc")
    b.ln(f"am {_long_date(m['date'])}", "bc")
    b.blank()
    b.ln(f"Sitzungsort: {m['place']}")
    b.ln(f"Beginn: {m['start']} Uhr, Ende: {m['end']} Uhr")
    b.ln("Anwesend: siehe Anwesenheitsliste (Anlage 1)")
    b.ln(f"Vorsitz: {m['chair_role']} {m['chair']}")
    b.ln(f"Schriftführung: {m['secretary']}")
    b.blank(2)


def _kassel_item(b: _Builder, s: dict, m: dict) -> None:
    b.para(f"{s['top']}. {s['title']}", "b", keep=3)
    if s["kind"] == "Anfrage":
        b.ln(s["fac_text"])
        b.ln(f"- {s['number']} -")
        b.blank()
        b.ln("Berichterstatter/-in:")
        b.blank()
        b.ln("Anfrage", "b")
        b.blank()
        _paras(b, s["body"])
        b.ln(s["ask"])
        b.blank()
        _questions(b, s, "dot")
        if s.get("answer"):
            _paras(b, s["answer"])
        _paras(b, s["outcome"])
        return
    if s.get("fac_text"):
        b.ln(s["fac_text"])
    if s.get("number"):
        b.ln(f"- {s['number']} -")
    b.blank()
    if s.get("reporter"):
        b.ln(f"Berichterstatter/-in: {s['reporter']}")
        b.blank()
    _paras(b, s["paras"])
    _paras(b, s.get("result"))


def _kassel_closing(b: _Builder, m: dict) -> None:
    b.blank(1)
    b.ln(f"{m['chair']}\t{m['secretary']}", keep=1)
    b.ln(f"{m['chair_sig']}\t{m['secretary_role']}")


def _kassel_book(name, m, items) -> MinuteBook:
    def header(p, n):
        return [(f"Stadtverordnetenversammlung Kassel – {m['session']}. Sitzung – "
                 f"{_german_date(m['date'])}", "c"), ("", "")]

    def footer(p, n):
        return [(f"- {p} -", "c")]

    return _build(name, "kassel", "Kassel", m["date"], m, items, m["chair"],
                  m["secretary"], _kassel_opening, _kassel_item, _kassel_closing,
                  header, footer)


# The real Kassel Anfrage 101.18.1671, line by line as in the original
# (question 5 is missing in the source; the tail after question 4 belongs to
# the lost question 5).
_INTEGRATION_LINES = [
    ("Anfrage der Fraktion B90/Grüne", ""),
    ("- 101.18.1671 -", ""),
    ("", ""),
    ("Berichterstatter/-in:", ""),
    ("", ""),
    ("Anfrage", "b"),
    ("", ""),
    ("Ausweislich der Neufassung des Integrationskonzepts von April 2019 soll im", ""),
    ("Rahmen des „Runden Tisches Integration“ über den Umsetzungsstand der", ""),
    ("jeweiligen Handlungsfelder, der durchgeführten Programme und Maßnahmen und", ""),
    ("die Auswertung von Entwicklungen und Erkenntnissen des", ""),
    ("Integrationsmonitorings berichtet und die weitere Entwicklung mit den", ""),
    ("Akteur*innen diskutiert werden. Die Ergebnisse sollten den städtischen Gremien", ""),
    ("vorgelegt werden.", ""),
    ("Im Rahmen der „Interkulturellen Woche 2019“ wurde im Bürgersaal des Kasseler", ""),
    ("Rathauses die Neufassung des Integrationskonzepts vorgestellt. Den", ""),
    ("Teilnehmenden wurde eine schriftliche Fassung des Konzepts aber erst im", ""),
    ("Anschluss an die Veranstaltung zugänglich gemacht.", ""),
    ("", ""),
    ("Wir fragen den Magistrat:", ""),
    ("", ""),
    ("1. Inwieweit fand über die durch städtische Mitarbeiter durchgeführte", ""),
    ("Vorstellung der Neufassung des Konzepts hinaus ein Austausch in der vom", "i"),
    ("Konzeptionsauftrag beschriebenen Weise im Rahmen des „Runden Tisches“", "i"),
    ("statt?", "i"),
    ("", ""),
    ("2. Warum wurde die schriftliche Fassung des (neuen) Integrationskonzeptes", ""),
    ("nicht vor der Veranstaltung für die Teilnehmenden zur Vorbereitung zur", "i"),
    ("Verfügung gestellt?", "i"),
    ("", ""),
    ("3. Wurden im Anschluss an die Vorstellung Rückmeldungen von den", ""),
    ("Teilnehmer*innen eingeholt? Wenn ja: wurden die relevanten Akteur*innen", "i"),
    ("hierzu formell angehört? (Ggf. in welcher Form und was war das Ergebnis", "i"),
    ("der Anhörung?)", "i"),
    ("", ""),
    ("4. Welche weiteren Gelegenheiten sieht der Magistrat, einen Austausch über", ""),
    ("die schriftliche Fassung des Integrationskonzeptes 2019 zu ermöglichen?", "i"),
    ("und wenn ja, wann werden diese den städtischen Gremien zur Verfügung", "i"),
    ("gestellt?", "i"),
    ("", ""),
    ("6. Der Magistrat wird gebeten, konkret zu erläutern, auf welche Weise künftig", ""),
    ("sichergestellt sein wird, dass ein inhaltlicher Austausch zwischen den", "i"),
    ("unterschiedlichen Akteur*innen sowie der Arbeitsgruppe Integration zu den", "i"),
    ("Erfolgen, den Fehlschlägen sowie den bislang im Integrationskonzept nicht", "i"),
    ("hinreichend beachteten oder fehlgewichteten Aspekten stattfindet.", "i"),
    ("", ""),
    ("", ""),
    ("Nach Beantwortung durch Stadtrat Stochla erklärt Vorsitzender Kortmann die", ""),
    ("Anfrage für erledigt.", ""),
]

_INTEGRATION_QS = [
    ("1", "Inwieweit fand über die durch städtische Mitarbeiter durchgeführte "
          "Vorstellung der Neufassung des Konzepts hinaus ein Austausch in der vom "
          "Konzeptionsauftrag beschriebenen Weise im Rahmen des „Runden Tisches“ statt?"),
    ("2", "Warum wurde die schriftliche Fassung des (neuen) Integrationskonzeptes "
          "nicht vor der Veranstaltung für die Teilnehmenden zur Vorbereitung zur "
          "Verfügung gestellt?"),
    ("3", "Wurden im Anschluss an die Vorstellung Rückmeldungen von den "
          "Teilnehmer*innen eingeholt? Wenn ja: wurden die relevanten Akteur*innen "
          "hierzu formell angehört? (Ggf. in welcher Form und was war das Ergebnis "
          "der Anhörung?)"),
    # the orphaned tail of the lost question 5 stays attached to question 4
    ("4", "Welche weiteren Gelegenheiten sieht der Magistrat, einen Austausch über "
          "die schriftliche Fassung des Integrationskonzeptes 2019 zu ermöglichen? "
          "und wenn ja, wann werden diese den städtischen Gremien zur Verfügung "
          "gestellt?"),
    ("6", "Der Magistrat wird gebeten, konkret zu erläutern, auf welche Weise künftig "
          "sichergestellt sein wird, dass ein inhaltlicher Austausch zwischen den "
          "unterschiedlichen Akteur*innen sowie der Arbeitsgruppe Integration zu den "
          "Erfolgen, den Fehlschlägen sowie den bislang im Integrationskonzept nicht "
          "hinreichend beachteten oder fehlgewichteten Aspekten stattfindet."),
]


def _integration_item(top: int) -> dict:
    spec = A("101.18.1671", "Neufassung Integrationskonzept",
             "Anfrage der Fraktion B90/Grüne", "B90/Grüne", [], "", _INTEGRATION_QS,
             [], answered_by="Stadtrat Stochla", status="erledigt")
    spec["lines"] = [(f"{top}. Neufassung Integrationskonzept", "b")] + _INTEGRATION_LINES
    return spec


def kassel_2019() -> MinuteBook:
    m = dict(date="2019-11-04", session=35, place="Rathaus Kassel, Stadtverordnetensaal",
             start="16:00", end="19:41", chair="Stefan Kortmann",
             chair_role="Vorsitzender der Stadtverordnetenversammlung",
             chair_sig="Vorsitzender", secretary="Sabine John",
             secretary_role="Schriftführerin")
    items = [
        O("Mitteilung", None, "Mitteilungen", None, [
            "Vorsitzender Kortmann eröffnet die Sitzung, begrüßt die Anwesenden und "
            "stellt die ordnungsgemäße Einladung sowie die Beschlussfähigkeit fest.",
            "Er teilt mit, dass die Sitzung des Ausschusses für Umwelt und Energie am "
            "12. November 2019 entfällt. Die Fraktionen werden gebeten, die "
            "Benennungen für den Beirat der Städtischen Werke bis zum Monatsende "
            "schriftlich mitzuteilen.",
            "Die Beratung der Haushaltssatzung 2020 erfolgt in der Sitzung am "
            "9. Dezember 2019.",
        ], top=1),
        A("101.18.1612", "Radverkehrsförderung in der Nordstadt",
          "Anfrage der SPD-Fraktion", "SPD",
          ["Mit dem Beschluss zum Radverkehrskonzept hat sich die Stadtverordneten"
           "versammlung verpflichtet, den Anteil des Radverkehrs bis 2030 deutlich zu "
           "erhöhen. In der Nordstadt fehlen nach Beobachtung von Anwohnerinnen und "
           "Anwohnern jedoch weiterhin sichere Radwege, insbesondere entlang der "
           "Holländischen Straße und im Umfeld der Universität.",
           "Der Ortsbeirat Nord-Holland hat bereits im Frühjahr 2019 einstimmig "
           "eine Verbesserung der Radverkehrsführung gefordert."],
          "Wir fragen den Magistrat:",
          [("1", "Welche Maßnahmen der Radverkehrs|förderung sind für die Nordstadt in "
                 "den Jahren 2020 und 2021 konkret vorgesehen und mit welchen Kosten "
                 "sind diese veranschlagt?"),
           ("2", "Wie viele zusätzliche Fahrrad|abstellanlagen sollen im Umfeld der "
                 "Universität und der Haltestellen des öffentlichen Nahverkehrs "
                 "errichtet werden?"),
           ("3", "Ist beabsichtigt, die Fördermittel des Landes Hessen für die "
                 "Nahmobilität vollständig abzurufen, und wenn nein, warum nicht?")],
          ["Oberbürgermeister Geselle beantwortet die Anfrage."],
          answered_by="Oberbürgermeister Geselle", status="beantwortet", top=2),
        A("101.18.1634", "Umrüstung der Straßenbeleuchtung auf LED-Technik",
          "Anfrage der CDU-Fraktion", "CDU",
          ["Die Stadt Kassel betreibt nach Angaben des Magistrats rund 24.000 "
           "Leuchtpunkte. Ein erheblicher Teil davon arbeitet noch mit "
           "Quecksilberdampf- oder Natriumdampflampen, deren Stromverbrauch und "
           "Wartungsaufwand deutlich über dem moderner LED-Leuchten liegen. Zugleich "
           "klagen Bürgerinnen und Bürger in mehreren Stadtteilen über dunkle "
           "Fußwege und defekte Laternen, die erst nach Wochen instand gesetzt "
           "werden."],
          "Wir fragen den Magistrat:",
          [("1", "Wie viele Leuchtpunkte der öffentlichen Straßen|beleuchtung sind "
                 "bereits auf LED-Technik umgerüstet und bis wann soll die Umrüstung "
                 "im gesamten Stadtgebiet abgeschlossen sein?"),
           ("2", "Welche Einsparungen bei Energiekosten und CO2-Emissionen erwartet "
                 "der Magistrat nach Abschluss der Umrüstung jährlich?"),
           ("3", "Wie lange dauert es derzeit durchschnittlich, bis eine gemeldete "
                 "defekte Straßenlaterne repariert ist, und welche Möglichkeiten "
                 "sieht der Magistrat, die Reparaturzeiten zu verkürzen?"),
           ("4", "Ist vorgesehen, bei der Umrüstung eine bedarfsgerechte "
                 "Nachtabsenkung oder eine bewegungsabhängige Steuerung in "
                 "Wohnstraßen einzusetzen?")],
          ["Die Anfrage wird schriftlich beantwortet."],
          status="schriftlich beantwortet", top=3),
        O("Vorlage", "101.18.1589", "Bebauungsplan der Stadt Kassel Nr. IV/59 „Wohnen am Lossepark“",
          "Vorlage des Magistrats", [
              "Der Ausschuss für Stadtentwicklung, Mobilität und Verkehr empfiehlt "
              "mehrheitlich, folgenden Beschluss zu fassen:",
              "„Der Bebauungsplan der Stadt Kassel Nr. IV/59 „Wohnen am Lossepark“ "
              "wird gemäß § 10 Baugesetzbuch als Satzung beschlossen. Ziel der "
              "Planung ist der Bau von rund 180 Wohnungen, davon mindestens 30 "
              "Prozent im geförderten Wohnungsbau.“",
          ], reporter="Stadtverordneter Hoffmann",
          result=["Abstimmungsergebnis: mehrheitlich angenommen."], top=4),
        A("101.18.1658", "Notunterkunft für obdachlose Menschen im Winter",
          "Anfrage der Fraktion Kasseler Linke", "Kasseler Linke",
          ["Mit dem Beginn der kalten Jahreszeit steigt der Bedarf an "
           "Übernachtungsplätzen für wohnungslose Menschen. Die bestehende "
           "Obdachlosenunterkunft war bereits im vergangenen Winter an vielen "
           "Tagen vollständig belegt; Frauen und Menschen mit Hunden fanden dort "
           "nach Berichten der Straßensozialarbeit keinen geeigneten Platz."],
          "Wir fragen den Magistrat:",
          [("1", "Wie viele Übernachtungsplätze stehen in der städtischen "
                 "Obdachlosen|unterkunft im Winter 2019/2020 zur Verfügung und wie "
                 "hoch war die durchschnittliche Auslastung im Vorjahr?"),
           ("2", "Gibt es separate Schutzräume für Frauen und ist die Mitnahme von "
                 "Hunden inzwischen möglich?"),
           ("3", "Welche zusätzlichen Kapazitäten hält der Magistrat für besonders "
                 "kalte Nächte bereit?")],
          ["Nach Beantwortung durch Stadträtin Dr. Lehnhardt erklärt Vorsitzender "
           "Kortmann die Anfrage für erledigt."],
          answered_by="Stadträtin Dr. Lehnhardt", status="erledigt", top=5),
        O("Antrag", "101.18.1661", "Kostenfreie Nutzung des Bürgersaals für gemeinnützige Vereine",
          "Antrag der FDP-Fraktion", [
              "Die Stadtverordnetenversammlung möge beschließen:",
              "„Der Magistrat wird beauftragt, gemeinnützigen Kasseler Vereinen den "
              "Bürgersaal des Rathauses zweimal im Jahr kostenfrei zu überlassen.“",
          ], faction="FDP",
          result=["Abstimmungsergebnis: mehrheitlich abgelehnt."], top=6),
    ]
    items.append(_integration_item(7))
    return _kassel_book("kassel-2019-11-04-niederschrift", m, items)


def kassel_2017() -> MinuteBook:
    m = dict(date="2017-05-22", session=14, place="Rathaus Kassel, Stadtverordnetensaal",
             start="16:00", end="20:12", chair="Dr. Margarete Vollmer",
             chair_role="Vorsitzende der Stadtverordnetenversammlung",
             chair_sig="Vorsitzende", secretary="Thomas Riedesel",
             secretary_role="Schriftführer")
    items = [
        O("Mitteilung", None, "Mitteilungen", None, [
            "Vorsitzende Dr. Vollmer eröffnet die Sitzung und stellt die "
            "Beschlussfähigkeit fest. Sie gratuliert Stadtverordnetem Baumbach "
            "nachträglich zum 60. Geburtstag.",
            "Die Vorsitzende weist darauf hin, dass die Haushaltsberatungen in "
            "diesem Jahr in einer Sondersitzung am 18. September 2017 stattfinden.",
        ], top=1),
        O("Vorlage", "101.18.0489", "Jahresabschluss 2016 des Eigenbetriebs Stadtentwässerung",
          "Vorlage des Magistrats", [
              "Der Finanzausschuss empfiehlt einstimmig, den Jahresabschluss 2016 "
              "des Eigenbetriebs Stadtentwässerung mit einer Bilanzsumme von "
              "412,6 Mio. Euro festzustellen und den Jahresüberschuss der "
              "allgemeinen Rücklage zuzuführen.",
          ], reporter="Stadtverordnete Schäfer-Ludwig",
          result=["Abstimmungsergebnis: einstimmig angenommen."], top=2),
        A("101.18.0498", "Ausbau der Kita-Plätze im Vorderen Westen",
          "Anfrage der SPD-Fraktion", "SPD",
          ["Im Vorderen Westen übersteigt die Nachfrage nach Betreuungsplätzen "
           "für Kinder unter drei Jahren seit Jahren das Angebot. Eltern berichten, "
           "dass sie trotz frühzeitiger Anmeldung erst nach mehr als einem Jahr "
           "einen Platz erhalten oder auf weit entfernte Einrichtungen ausweichen "
           "müssen."],
          "Wir fragen den Magistrat:",
          [("1", "Wie viele Kinder stehen im Vorderen Westen aktuell auf der "
                 "Warteliste für einen Krippen- oder Kita-Platz?"),
           ("2", "Welche neuen Kinder|tages|stätten sind in dem Stadtteil bis 2020 "
                 "geplant und wie viele Plätze entstehen dadurch jeweils?"),
           ("3", "Wie bewertet der Magistrat die Möglichkeit, leerstehende "
                 "Ladenlokale vorübergehend für die Kinderbetreuung zu nutzen?")],
          ["Nach Beantwortung durch Stadträtin Okonkwo erklärt Vorsitzende "
           "Dr. Vollmer die Anfrage für erledigt."],
          answered_by="Stadträtin Okonkwo", status="erledigt", top=3),
        A("101.18.0503", "Zustand der Spielplätze im Stadtteil Wehlheiden",
          "Anfrage der CDU-Fraktion", "CDU",
          ["Mehrere Spielplätze in Wehlheiden sind seit längerer Zeit in einem "
           "schlechten Zustand. Spielgeräte wurden abgebaut und nicht ersetzt, "
           "Sandkästen sind verschmutzt, und an einigen Stellen fehlen "
           "Sitzgelegenheiten für Eltern und Großeltern."],
          "Wir fragen den Magistrat:",
          [("a", "Welche Spielplätze in Wehlheiden wurden seit 2015 vom Umwelt- "
                 "und Gartenamt kontrolliert und welche Mängel wurden dabei "
                 "festgestellt?"),
           ("b", "Wann sollen die abgebauten Spielgeräte ersetzt werden und "
                 "welche Mittel stehen dafür im Haushalt 2017 bereit?"),
           ("c", "Wie häufig werden die Sandkästen gereinigt und der Sand "
                 "ausgetauscht?")],
          ["Die Anfrage wird schriftlich beantwortet."],
          status="schriftlich beantwortet", qstyle="letter", top=4),
        O("Antrag", "101.18.0511", "Insektenfreundliche Grünflächenpflege",
          "Antrag der Fraktion B90/Grüne", [
              "Die Stadtverordnetenversammlung möge beschließen:",
              "„Der Magistrat wird beauftragt, für die städtischen Grünflächen ein "
              "Pflegekonzept zu entwickeln, das die Mahd auf zwei Schnitte im Jahr "
              "reduziert, wo dies mit der Verkehrssicherheit vereinbar ist, und "
              "Blühstreifen mit heimischen Wildpflanzen anlegt.“",
          ], faction="B90/Grüne",
          result=["Abstimmungsergebnis: mehrheitlich angenommen."], top=5),
        A("101.18.0517", "Mähintervalle und Grünflächenpflege an Straßenrändern",
          "Anfrage der Fraktion Freie Wähler", "Freie Wähler",
          ["An zahlreichen Straßenrändern und Verkehrsinseln wird das Gras nach "
           "Beobachtung der Fraktion bereits im Mai vollständig abgemäht, während "
           "andere Flächen über Monate nicht gepflegt werden und Sichtachsen an "
           "Kreuzungen zuwachsen."],
          "Wir fragen den Magistrat:",
          [("1", "Nach welchen Kriterien legt die Stadt die Mähintervalle für "
                 "Straßenbegleitgrün und Verkehrsinseln fest?"),
           ("2", "Welche Flächen werden von Fremdfirmen gepflegt und wie hoch "
                 "sind die jährlichen Kosten der Grünflächen|pflege insgesamt?"),
           ("3", "Wie wird sichergestellt, dass Sichtachsen an Kreuzungen und "
                 "Einmündungen dauerhaft frei bleiben?")],
          ["Stadtbaurat Hartwig beantwortet die Anfrage."],
          answered_by="Stadtbaurat Hartwig", status="beantwortet", top=6),
        A("101.18.0520", "Digitalisierung der Verwaltung – Online-Bürgerservice",
          "Anfrage der FDP-Fraktion", "FDP",
          ["Bürgerinnen und Bürger müssen für viele Verwaltungsleistungen weiterhin "
           "persönlich im Bürgerbüro erscheinen. Andere hessische Städte bieten "
           "bereits die Online-Terminvergabe, die elektronische Beantragung von "
           "Bewohnerparkausweisen und die Ummeldung über ein Serviceportal an."],
          "Wir fragen den Magistrat:",
          [("1", "Welche Verwaltungsleistungen können derzeit vollständig online "
                 "beantragt und bezahlt werden?"),
           ("2", "Welcher Zeitplan besteht für die Digitalisierung der "
                 "Verwaltung im Bereich des Bürgerservice und welche Mittel sind "
                 "dafür eingeplant?"),
           ("3", "Ist eine Beteiligung an dem landesweiten Serviceportal "
                 "vorgesehen?")],
          ["Die Anfrage wurde zurückgezogen."],
          status="zurückgezogen", top=7),
        A("101.18.0526", "Taktverdichtung im ÖPNV in den Abendstunden",
          "Anfrage der Fraktion Kasseler Linke", "Kasseler Linke",
          ["Nach 20 Uhr verkehren Straßenbahnen und Busse auf vielen Linien nur "
           "noch im 30-Minuten-Takt. Für Beschäftigte im Schichtdienst, "
           "Studierende und ältere Menschen ist der öffentliche Nahverkehr damit "
           "am Abend kaum eine Alternative zum eigenen Auto."],
          "Wir fragen den Magistrat:",
          [("1", "Welche Kosten würden entstehen, wenn der ÖPNV-Takt auf den "
                 "Straßenbahnlinien bis 23 Uhr auf 15 Minuten verdichtet würde?"),
           ("2", "Liegen dem Magistrat Fahrgastzahlen für die Abendstunden vor, "
                 "aufgeschlüsselt nach Linien und Wochentagen?"),
           ("3", "Welche Gespräche wurden mit dem Verkehrsverbund über eine "
                 "Ausweitung des Nachtverkehrs am Wochenende geführt und mit "
                 "welchem Ergebnis?"),
           ("4", "Hält der Magistrat ein Anruf-Sammeltaxi für die Außenstadtteile "
                 "für eine geeignete Ergänzung?")],
          ["Nach Beantwortung durch Stadtrat Engelhard erklärt Vorsitzende "
           "Dr. Vollmer die Anfrage für erledigt."],
          answered_by="Stadtrat Engelhard", status="erledigt", top=8),
    ]
    return _kassel_book("kassel-2017-05-22-niederschrift", m, items)


# ==========================================================================
# Layout 2: "fulda" -- everything in one TOP line:
# "TOP 7.3 Anfrage der CDU-Fraktion – AN/0012/2021 – Parkraumbewirtschaftung",
# questions "1)", outcome "Die Anfrage wird von Bürgermeisterin Dr. Weber
# mündlich beantwortet. Damit ist die Anfrage erledigt.", recorded answers
# "Antwort des Magistrats:", footer "Seite 3 von 7".
# ==========================================================================
def _fulda_opening(b: _Builder, m: dict) -> None:
    b.ln("Magistrat der Stadt Fulda", "c")
    b.blank()
    b.ln("Niederschrift", "bc")
    b.para(f"über die {m['session']}. Sitzung der Stadtverordnetenversammlung der "
           f"Stadt Fulda am {_long_date(m['date'])}, {m['start']} Uhr, im "
           f"Stadtverordnetensitzungssaal des Stadtschlosses", "c")
    b.blank()
    b.ln("Anwesend:", "b")
    b.ln(f"{m['chair_sig']} {m['chair']} (Vorsitz)")
    b.ln("die Mitglieder der Stadtverordnetenversammlung gemäß Anwesenheitsliste")
    b.ln(f"vom Magistrat: {m['magistrat']}")
    b.ln(f"Schriftführung: {m['secretary']}")
    b.blank()
    if m.get("toc"):
        b.ln("Tagesordnung:", "b")
        for t in m["toc"]:
            b.para(t)
        b.blank()
    b.blank()


def _fulda_item(b: _Builder, s: dict, m: dict) -> None:
    if s["kind"] == "Anfrage":
        b.para(f"TOP {s['top']} Anfrage {s['fac_text']} – {s['number']} – {s['title']}",
               "b", keep=3)
        b.blank()
        _paras(b, s["body"])
        b.ln(s["ask"])
        b.blank()
        _questions(b, s, "paren")
        if s.get("answer"):
            b.ln(s.get("answer_lead") or "Antwort des Magistrats:", "b", keep=1)
            _paras(b, s["answer"])
        _paras(b, s["outcome"])
        return
    head = f"TOP {s['top']} "
    if s.get("fac_text"):
        head += s["fac_text"] + " – "
    if s.get("number"):
        head += s["number"] + " – "
    b.para(head + s["title"], "b", keep=3)
    b.blank()
    _paras(b, s["paras"])
    if s.get("result"):
        b.ln("Beschluss:", "b", keep=1)
        _paras(b, s["result"])


def _fulda_closing(b: _Builder, m: dict) -> None:
    b.blank()
    b.ln(f"Ende der Sitzung: {m['end']} Uhr")
    b.blank(3)
    b.ln(f"{m['chair']}\t{m['secretary']}", keep=1)
    b.ln(f"{m['chair_sig']}\t{m['secretary_role']}")


def _fulda_book(name, m, items) -> MinuteBook:
    def header(p, n):
        return [(f"Niederschrift der Stadtverordnetenversammlung Fulda vom "
                 f"{_german_date(m['date'])}", ""), ("", "")]

    def footer(p, n):
        return [(f"Seite {p} von {n}", "r")]

    return _build(name, "fulda", "Fulda", m["date"], m, items, m["chair"],
                  m["secretary"], _fulda_opening, _fulda_item, _fulda_closing,
                  header, footer)


def fulda_2021() -> MinuteBook:
    m = dict(date="2021-06-14", session=3, start="17:00", end="20:26",
             chair="Jürgen Lenz", chair_sig="Stadtverordnetenvorsteher",
             secretary="Katrin Möller", secretary_role="Schriftführerin",
             magistrat="Oberbürgermeister Dr. Brandt, Bürgermeisterin Dr. Weber, "
                       "Stadtrat Kehl, Stadträtin Fischbach")
    items = [
        O("Sonstiges", None, "Eröffnung und Feststellung der Beschlussfähigkeit", None, [
            "Stadtverordnetenvorsteher Lenz eröffnet die Sitzung um 17:00 Uhr und "
            "stellt fest, dass zu der Sitzung form- und fristgerecht eingeladen "
            "wurde und die Stadtverordnetenversammlung beschlussfähig ist. "
            "Einwände gegen die Tagesordnung werden nicht erhoben.",
        ], top="1"),
        O("Mitteilung", None, "Mitteilungen des Magistrats", None, [
            "Oberbürgermeister Dr. Brandt berichtet über den Stand der Impfkampagne "
            "im Landkreis und die Wiedereröffnung der Stadtbibliothek. Er weist "
            "darauf hin, dass die Bauarbeiten an der Grundschule am Rosengarten "
            "während der Sommerferien fortgesetzt werden.",
        ], top="2"),
        O("Vorlage", "VO/0045/2021", "Fortschreibung des Schulentwicklungsplans 2021–2026",
          "Vorlage des Magistrats", [
              "Der Schul- und Kulturausschuss hat die Vorlage in seiner Sitzung am "
              "1. Juni 2021 beraten. Stadträtin Fischbach erläutert die "
              "wesentlichen Inhalte, insbesondere den steigenden Raumbedarf der "
              "Grundschulen durch den Rechtsanspruch auf Ganztagsbetreuung.",
          ], result=["Die Stadtverordnetenversammlung beschließt die Fortschreibung "
                     "des Schulentwicklungsplans 2021–2026 in der Fassung der "
                     "Vorlage. Abstimmungsergebnis: einstimmig."], top="5"),
        A("AN/0098/2021", "Sanierung der Grundschule am Rosengarten", "der SPD-Fraktion", "SPD",
          ["Die Sanierung der Grundschule am Rosengarten sollte nach den "
           "Planungen des Magistrats zum Schuljahr 2021/2022 abgeschlossen sein. "
           "Nach Informationen aus der Schulgemeinde verzögern sich die Arbeiten "
           "jedoch erheblich, und der Unterricht findet weiterhin teilweise in "
           "Containern statt."],
          "Die SPD-Fraktion fragt den Magistrat:",
          [("1", "Welche Bauabschnitte der Schulsanierung sind abgeschlossen und "
                 "welche Arbeiten stehen noch aus?"),
           ("2", "Wann wird die Grundschule voraussichtlich vollständig wieder in "
                 "Betrieb genommen werden können?"),
           ("3", "Mit welchen Mehrkosten gegenüber der ursprünglichen Kosten|schätzung "
                 "rechnet der Magistrat und wie werden diese finanziert?")],
          ["Die Anfrage wird von Bürgermeisterin Dr. Weber mündlich beantwortet. "
           "Damit ist die Anfrage erledigt."],
          answered_by="Bürgermeisterin Dr. Weber", status="erledigt", top="7.1"),
        A("AN/0104/2021", "Umsetzung des Klimaschutzkonzepts",
          "der Fraktion BÜNDNIS 90/DIE GRÜNEN", "B90/Grüne",
          ["Das im Jahr 2019 beschlossene integrierte Klimaschutzkonzept sieht "
           "vor, die CO2-Emissionen der Stadt bis 2030 gegenüber 1990 um 55 "
           "Prozent zu senken. Ein öffentlicher Bericht über den Stand der "
           "Umsetzung liegt bislang nicht vor."],
          "Die Fraktion BÜNDNIS 90/DIE GRÜNEN fragt den Magistrat:",
          [("1", "Wie viele der im Klimaschutz|konzept benannten Maßnahmen wurden "
                 "bislang umgesetzt, begonnen oder noch nicht in Angriff genommen?"),
           ("2", "Wie haben sich die CO2-Emissionen der städtischen Liegenschaften "
                 "seit 2019 entwickelt?"),
           ("3", "Wann wird der Magistrat den ersten Klimaschutzbericht "
                 "vorlegen?")],
          [],
          answered_by="Magistrat", status="beantwortet", top="7.2",
          answer=["Zu 1) Von den 48 Maßnahmen des Konzepts sind 11 umgesetzt, 23 "
                  "begonnen und 14 noch nicht begonnen.",
                  "Zu 2) Die Emissionen der städtischen Gebäude sind durch den "
                  "Bezug von Ökostrom und die Erneuerung von Heizungsanlagen um "
                  "rund 18 Prozent gesunken.",
                  "Zu 3) Der erste Klimaschutzbericht wird den Gremien im vierten "
                  "Quartal 2021 vorgelegt."]),
        A("AN/0012/2021", "Parkraumbewirtschaftung", "der CDU-Fraktion", "CDU",
          ["Der Magistrat plant nach Presseberichten, die gebührenpflichtige "
           "Parkzone auf die an die Innenstadt angrenzenden Wohngebiete "
           "auszuweiten. Anwohnerinnen und Anwohner sowie der Einzelhandel "
           "befürchten zusätzliche Belastungen."],
          "Die CDU-Fraktion fragt den Magistrat:",
          [("1", "Welche Straßen sollen in die erweiterte Parkraum|bewirtschaftung "
                 "einbezogen werden und ab welchem Zeitpunkt?"),
           ("2", "Wie hoch sollen die Gebühren für Bewohnerparkausweise künftig "
                 "sein und wie viele Ausweise werden derzeit ausgegeben?"),
           ("3", "Welche Mehreinnahmen erwartet der Magistrat und für welche "
                 "Zwecke sollen diese verwendet werden?"),
           ("4", "Wurden der Einzelhandel und die Ortsbeiräte vor der "
                 "Entscheidung beteiligt?")],
          ["Stadtrat Kehl beantwortet die Anfrage."],
          answered_by="Stadtrat Kehl", status="beantwortet", top="7.3"),
        A("AN/0110/2021", "Geförderter Wohnungsbau auf dem ehemaligen Kasernengelände",
          "der FDP-Fraktion", "FDP",
          ["Auf dem Gelände der ehemaligen Kaserne sollen nach dem städtebaulichen "
           "Rahmenplan rund 600 Wohnungen entstehen."],
          "Die FDP-Fraktion fragt den Magistrat:",
          [("1", "Wie viele der geplanten Wohnungen sollen im geförderten "
                 "Wohnungsbau errichtet werden?"),
           ("2", "Welche Investoren haben bisher Interesse bekundet?")],
          ["Die Anfrage wurde zurückgezogen."],
          status="zurückgezogen", top="7.4"),
        A("AN/0113/2021", "Barrierefreiheit im Bürgersaal des Stadtschlosses",
          "der AfD-Fraktion", "AfD",
          ["Der Bürgersaal im Stadtschloss wird für Bürgerversammlungen, "
           "Ehrungen und Empfänge genutzt. Menschen im Rollstuhl gelangen nur "
           "über einen Lastenaufzug im Hof in den Saal; eine induktive "
           "Höranlage ist nicht vorhanden."],
          "Die AfD-Fraktion fragt den Magistrat:",
          [("1", "Welche Maßnahmen plant der Magistrat, um einen barrierefreien "
                 "Zugang zum Bürgersaal zu schaffen, der den Anforderungen des "
                 "Denkmalschutzes gerecht wird?"),
           ("2", "Ist der Einbau einer induktiven Höranlage vorgesehen und bis wann?"),
           ("3", "Welche Kosten sind für diese Maßnahmen veranschlagt?")],
          ["Die Anfrage wird von Bürgermeisterin Dr. Weber mündlich beantwortet. "
           "Damit ist die Anfrage erledigt."],
          answered_by="Bürgermeisterin Dr. Weber", status="erledigt", top="7.5"),
        O("Antrag", "A/0031/2021", "Quote für geförderten Wohnungsbau in neuen Baugebieten",
          "Antrag der SPD-Fraktion", [
              "Die Stadtverordnetenversammlung möge beschließen: Bei der "
              "Ausweisung neuer Baugebiete mit mehr als 20 Wohneinheiten ist "
              "künftig ein Anteil von mindestens 25 Prozent geförderten "
              "Mietwohnungen vorzusehen.",
              "Stadtverordneter Hahn begründet den Antrag. In der Aussprache "
              "sprechen sich die Fraktionen von CDU und FDP gegen eine starre "
              "Quote aus.",
          ], faction="SPD",
          result=["Der Antrag wird an den Bau- und Planungsausschuss überwiesen."],
          top="8"),
    ]
    return _fulda_book("fulda-2021-06-14-niederschrift", m, items)


def fulda_2023() -> MinuteBook:
    items = [
        O("Mitteilung", None, "Mitteilungen der Stadtverordnetenvorsteherin", None, [
            "Stadtverordnetenvorsteherin Sauerwein teilt mit, dass der "
            "Haupt- und Finanzausschuss am 27. März 2023 zu einer Sondersitzung "
            "zusammentritt. Die Ehrung langjähriger Mitglieder der Freiwilligen "
            "Feuerwehr findet am 22. April 2023 im Stadtschloss statt.",
        ], top="1"),
        O("Vorlage", "VO/0211/2023", "Beschaffung eines Hilfeleistungslöschfahrzeugs für die Feuerwehr Nord",
          "Vorlage des Magistrats", [
              "Die Vorlage sieht die Beschaffung eines Hilfeleistungslöschfahrzeugs "
              "HLF 20 zu Kosten von 610.000 Euro vor. Die Finanzierung erfolgt aus "
              "dem Investitionshaushalt 2023 und einer Landeszuwendung.",
          ], result=["Die Stadtverordnetenversammlung stimmt der Beschaffung zu. "
                     "Abstimmungsergebnis: einstimmig."], top="4"),
        A("AN/0388/2023", "Trinkwasserbrunnen und Hitzeaktionsplan",
          "der Fraktion DIE LINKE", "Die Linke",
          ["In den Sommern 2018, 2019 und 2022 wurden in Fulda an vielen Tagen "
           "Temperaturen über 30 Grad gemessen. Besonders ältere Menschen, "
           "Kleinkinder und Wohnungslose leiden unter der Hitze. Öffentlich "
           "zugängliche Trinkwasserbrunnen gibt es in der Innenstadt bisher nur "
           "am Universitätsplatz."],
          "Die Fraktion DIE LINKE fragt den Magistrat:",
          [("1", "Plant der Magistrat die Aufstellung weiterer Trinkwasserbrunnen "
                 "und an welchen Standorten?"),
           ("2", "Wird die Stadt einen kommunalen Hitze|aktionsplan nach den "
                 "Empfehlungen des Bundesgesundheitsministeriums erarbeiten?"),
           ("3", "Welche öffentlichen Gebäude könnten an heißen Tagen als "
                 "kühle Aufenthaltsräume geöffnet werden?")],
          ["Die Anfrage wird von Bürgermeisterin Dr. Weber mündlich beantwortet. "
           "Damit ist die Anfrage erledigt."],
          answered_by="Bürgermeisterin Dr. Weber", status="erledigt", top="6.1"),
        A("AN/0391/2023", "Sanierung des Freibads Rosenau", "der CDU-Fraktion", "CDU",
          ["Das Freibad Rosenau musste in der vergangenen Saison wegen eines "
           "Schadens an der Beckenfolie mehrere Wochen geschlossen bleiben. Der "
           "Förderverein befürchtet, dass ohne eine grundlegende Sanierung "
           "weitere Schließungen drohen."],
          "Die CDU-Fraktion fragt den Magistrat:",
          [("1", "Welche Schäden wurden bei der Begutachtung des Freibads im "
                 "Herbst 2022 festgestellt?"),
           ("2", "Ist die Öffnung des Freibads zur Saison 2023 gesichert?"),
           ("3", "Welche Fördermittel von Bund und Land können für eine "
                 "Schwimmbad|sanierung in Anspruch genommen werden?")],
          [], answer_lead="Stadträtin Fischbach beantwortet die Anfrage wie folgt:",
          answered_by="Stadträtin Fischbach", status="beantwortet", top="6.2",
          answer=["Zu 1) Festgestellt wurden Undichtigkeiten der Beckenfolie, "
                  "Korrosionsschäden an der Filteranlage sowie Risse in den "
                  "Beckenumgängen.",
                  "Zu 2) Die Öffnung zum 20. Mai 2023 ist nach derzeitigem Stand "
                  "gesichert; die Folie wurde im Winter provisorisch repariert.",
                  "Zu 3) Der Magistrat hat einen Antrag im Bundesprogramm "
                  "Sanierung kommunaler Einrichtungen in den Bereichen Sport, "
                  "Jugend und Kultur gestellt."]),
        A("AN/0395/2023", "Neubau des Feuerwehrgerätehauses Nord", "der FDP-Fraktion", "FDP",
          ["Das Feuerwehrgerätehaus Nord entspricht nach dem Bedarfs- und "
           "Entwicklungsplan nicht mehr den Unfallverhütungsvorschriften."],
          "Die FDP-Fraktion fragt den Magistrat:",
          [("1", "Wurde für den Neubau des Feuerwehrgerätehauses bereits ein "
                 "Grundstück gefunden?"),
           ("2", "Welcher Zeitplan ist für Planung und Bau vorgesehen?")],
          ["Die Anfrage wurde zurückgezogen."],
          status="zurückgezogen", top="6.3"),
        A("AN/0402/2023", "Lärmschutz an der Bundesstraße 27",
          "der Fraktion BÜNDNIS 90/DIE GRÜNEN", "B90/Grüne",
          ["Anwohnerinnen und Anwohner im Bereich der Bundesstraße 27 beklagen "
           "seit Jahren eine hohe Lärmbelastung, vor allem durch den "
           "Schwerlastverkehr in den Nachtstunden. Die Lärmaktionsplanung des "
           "Landes weist den Abschnitt als Schwerpunkt aus."],
          "Die Fraktion BÜNDNIS 90/DIE GRÜNEN fragt den Magistrat:",
          [("1", "Welche Lärmschutz|maßnahmen an der Bundesstraße 27 wurden mit "
                 "Hessen Mobil abgestimmt?"),
           ("2", "Setzt sich der Magistrat für eine nächtliche "
                 "Geschwindigkeitsbegrenzung auf 30 km/h im Bereich der "
                 "Wohnbebauung ein?"),
           ("3", "Werden Zuschüsse für passive Lärmschutzmaßnahmen wie "
                 "Schallschutzfenster angeboten?")],
          ["Oberbürgermeister Dr. Brandt beantwortet die Anfrage."],
          answered_by="Oberbürgermeister Dr. Brandt", status="beantwortet", top="6.4"),
    ]
    toc = ["TOP 1 Mitteilungen der Stadtverordnetenvorsteherin",
           "TOP 4 Vorlage des Magistrats VO/0211/2023: Beschaffung eines "
           "Hilfeleistungslöschfahrzeugs",
           "TOP 6 Anfragen",
           "6.1 Trinkwasserbrunnen und Hitzeaktionsplan (DIE LINKE)",
           "6.2 Sanierung des Freibads Rosenau (CDU)",
           "6.3 Neubau des Feuerwehrgerätehauses Nord (FDP)",
           "6.4 Lärmschutz an der Bundesstraße 27 (BÜNDNIS 90/DIE GRÜNEN)"]
    m = dict(date="2023-03-20", session=24, start="17:00", end="19:18",
             chair="Margit Sauerwein", chair_sig="Stadtverordnetenvorsteherin",
             secretary="Jonas Feick", secretary_role="Schriftführer",
             magistrat="Oberbürgermeister Dr. Brandt, Bürgermeisterin Dr. Weber, "
                       "Stadträtin Fischbach", toc=toc)
    return _fulda_book("fulda-2023-03-20-niederschrift", m, items)


# ==========================================================================
# Layout 3: "giessen" -- "3. Anfrage Nr. 2021/0456" / "der Fraktion DIE LINKE"
# / "Betreff: ...", questions "Frage 1:" (own line or inline), outcomes
# "Die Anfrage wird schriftlich beantwortet." / "... zurückgestellt.",
# header with page number, signature blocks one below the other.
# ==========================================================================
def _giessen_opening(b: _Builder, m: dict) -> None:
    b.ln("Universitätsstadt Gießen", "bc")
    b.ln(f"{m['chair_sig']} der Stadtverordnetenversammlung", "c")
    b.blank()
    b.ln("Niederschrift", "bc")
    b.para(f"der {m['session']}. Sitzung der Stadtverordnetenversammlung am "
           f"{_long_date(m['date'])}, in der Kongresshalle Gießen", "c")
    b.blank()
    b.ln(f"Beginn: {m['start']} Uhr – Ende: {m['end']} Uhr")
    b.ln(f"Vorsitz: {m['chair_sig']} {m['chair']}")
    b.ln(f"Schriftführung: {m['secretary']}")
    b.ln("Anwesenheit: siehe Anlage")
    b.blank(2)


def _giessen_item(b: _Builder, s: dict, m: dict) -> None:
    if s["kind"] == "Anfrage":
        b.ln(f"{s['top']}. Anfrage Nr. {s['number']}", "b", keep=3)
        b.ln(s["fac_text"])
        b.para(f"Betreff: {s['title']}")
        b.blank()
        _paras(b, s["body"])
        b.ln(s["ask"])
        b.blank()
        _questions(b, s, "frage-line")
        if s.get("answer"):
            b.ln("Antwort des Magistrats:", "b", keep=1)
            _paras(b, s["answer"])
        _paras(b, s["outcome"])
        return
    if s["kind"] == "Vorlage":
        b.ln(f"{s['top']}. Vorlage-Nr. {s['number']}", "b", keep=3)
        b.para(f"Betreff: {s['title']}")
    elif s["kind"] == "Antrag":
        b.ln(f"{s['top']}. Antrag Nr. {s['number']}", "b", keep=3)
        b.ln(s["fac_text"])
        b.para(f"Betreff: {s['title']}")
    else:
        b.para(f"{s['top']}. {s['title']}", "b", keep=3)
    b.blank()
    _paras(b, s["paras"])
    _paras(b, s.get("result"))


def _giessen_closing(b: _Builder, m: dict) -> None:
    b.blank(3)
    b.ln(m["chair"], keep=4)
    b.ln(m["chair_sig"])
    b.blank()
    b.ln(m["secretary"])
    b.ln(m["secretary_role"])


def _giessen_book(name, m, items) -> MinuteBook:
    def header(p, n):
        return [(f"Stadtverordnetenversammlung Gießen · Niederschrift vom "
                 f"{_german_date(m['date'])} · Seite {p}", "c"), ("", "")]

    def footer(p, n):
        return []

    return _build(name, "giessen", "Gießen", m["date"], m, items, m["chair"],
                  m["secretary"], _giessen_opening, _giessen_item, _giessen_closing,
                  header, footer)


def giessen_2021() -> MinuteBook:
    m = dict(date="2021-09-23", session=4, start="18:00", end="21:47",
             chair="Dr. Klaus Wenderoth", chair_sig="Stadtverordnetenvorsteher",
             secretary="Anja Kämmerer", secretary_role="Schriftführerin")
    items = [
        O("Sonstiges", None, "Genehmigung der Niederschrift der Sitzung vom 1. Juli 2021", None, [
            "Einwendungen gegen die Niederschrift werden nicht erhoben. Die "
            "Niederschrift gilt damit als genehmigt.",
        ], top=1),
        O("Vorlage", "2021/0460", "Sportstättenentwicklungsplan 2022–2030", None, [
            "Bürgermeister Sommerlad erläutert die Vorlage. Der Plan sieht unter "
            "anderem die Umwandlung von drei Tennenplätzen in Kunstrasenplätze und "
            "die Sanierung der Sporthalle Ost vor.",
            "Beschluss: Der Sportstättenentwicklungsplan 2022–2030 wird "
            "beschlossen. Abstimmungsergebnis: mehrheitlich bei zwei "
            "Enthaltungen.",
        ], top=2),
        A("2021/0456", "Jugendzentrum Nord – Öffnungszeiten und Personal",
          "der Fraktion DIE LINKE", "Die Linke",
          ["Das Jugendzentrum Nord ist seit dem Frühjahr nur noch an drei "
           "Nachmittagen in der Woche geöffnet. Nach Auskunft des Trägers sind "
           "zwei pädagogische Stellen seit Monaten unbesetzt. Für viele "
           "Jugendliche im Stadtteil ist das Jugendzentrum der einzige "
           "nichtkommerzielle Treffpunkt."],
          "Wir fragen den Magistrat:",
          [("1", "Wie viele Stellen für pädagogische Fachkräfte sind im "
                 "Jugendzentrum Nord vorgesehen und wie viele davon sind "
                 "derzeit besetzt?"),
           ("2", "Welche Maßnahmen ergreift der Magistrat, um die offenen Stellen "
                 "zeitnah zu besetzen?"),
           ("3", "Wann kann das Jugendzentrum wieder an fünf Tagen in der Woche "
                 "einschließlich der Abendstunden geöffnet werden?"),
           ("4", "Ist eine Ausweitung des Angebots der aufsuchenden Jugendarbeit "
                 "im Stadtteil geplant?")],
          ["Die Anfrage wird schriftlich beantwortet."],
          status="schriftlich beantwortet", top=3),
        A("2021/0461", "Erhalt der Stadtbäume in der Bahnhofstraße",
          "des Stadtverordneten Dr. Max Mustermann (FDP)", "FDP",
          ["Im Zuge der Umgestaltung der Bahnhofstraße sollen nach den "
           "vorliegenden Planungen 14 Platanen gefällt werden. Die Bäume sind "
           "teilweise über 80 Jahre alt und prägen das Straßenbild. "
           "Anwohnerinnen und Anwohner haben eine Unterschriftenliste mit mehr "
           "als 1.200 Unterschriften für ihren Erhalt übergeben."],
          "Ich frage den Magistrat:",
          [("1", "Aus welchen Gründen ist die Fällung der Platanen aus Sicht des "
                 "Magistrats unvermeidbar?"),
           ("2", "Wurden alternative Planungsvarianten geprüft, die einen Erhalt "
                 "zumindest eines Teils der Bäume ermöglichen würden, und mit "
                 "welchem Ergebnis?"),
           ("3", "Wie viele Ersatz|pflanzungen sind vorgesehen und an welchen "
                 "Standorten?")],
          ["Stadträtin Albrecht beantwortet die Anfrage."],
          answered_by="Stadträtin Albrecht", status="beantwortet", top=4),
        A("2021/0463", "Verlegung des Wochenmarkts auf den Kirchenplatz",
          "der Fraktion Freie Wähler", "Freie Wähler",
          ["Der Magistrat prüft nach Medienberichten, den Wochenmarkt dauerhaft "
           "vom Brandplatz auf den Kirchenplatz zu verlegen. Marktbeschickerinnen "
           "und Marktbeschicker sind über die Pläne verunsichert."],
          "Wir fragen den Magistrat:",
          [("1", "Welche Gründe sprechen aus Sicht des Magistrats für eine "
                 "Verlegung des Wochenmarkts?"),
           ("2", "Wurden die Marktbeschicker und der Gewerbeverein in die "
                 "Überlegungen einbezogen?")],
          ["Die Anfrage wird auf Wunsch der Fraktion zurückgestellt."],
          status="zurückgestellt", top=5),
        A("2021/0470", "Glasfaseranschluss für alle Schulen", "der SPD-Fraktion", "SPD",
          ["Der Digitalpakt Schule stellt erhebliche Mittel für die digitale "
           "Ausstattung der Schulen bereit. Voraussetzung für eine sinnvolle "
           "Nutzung ist ein leistungsfähiger Internetanschluss. Nach Auskunft "
           "mehrerer Schulleitungen verfügen einige Schulen noch immer nur über "
           "DSL-Anschlüsse mit geringer Bandbreite."],
          "Wir fragen den Magistrat:",
          [("1", "Wie viele städtische Schulen verfügen bereits über einen "
                 "Glasfaseranschluss und welche Schulen sind noch nicht "
                 "angeschlossen?"),
           ("2", "Bis wann sollen alle Schulen an das Glasfasernetz angebunden "
                 "sein und welche Kosten entstehen dafür?"),
           ("3", "Wie wird die Wartung der WLAN-Infrastruktur an den Schulen "
                 "organisiert und wie viele Stellen stehen dafür zur Verfügung?")],
          ["Die Anfrage wird schriftlich beantwortet."],
          status="schriftlich beantwortet", top=6),
        A("2021/0472", "Zustand der Kunstrasenplätze", "der CDU-Fraktion", "CDU",
          ["Vereine berichten von erheblichen Schäden an den Kunstrasenplätzen "
           "im Sportpark Ost. An mehreren Stellen löst sich der Belag, was zu "
           "Verletzungen führen kann."],
          "Wir fragen den Magistrat:",
          [("1", "Wann wurden die Kunstrasenplätze zuletzt überprüft?"),
           ("2", "Welche Mittel sind für die Instandsetzung vorgesehen?")],
          ["Die Anfrage wird von Bürgermeister Sommerlad mündlich beantwortet. "
           "Damit ist die Anfrage erledigt."],
          answered_by="Bürgermeister Sommerlad", status="erledigt", top=7),
        O("Antrag", "2021/0475", "Baumschutzsatzung für die Universitätsstadt Gießen",
          "der Fraktion BÜNDNIS 90/DIE GRÜNEN", [
              "Die Stadtverordnetenversammlung möge beschließen: Der Magistrat "
              "wird beauftragt, bis zum Ende des Jahres 2021 den Entwurf einer "
              "Baumschutzsatzung vorzulegen, die Bäume ab einem Stammumfang von "
              "80 Zentimetern unter Schutz stellt.",
              "Beschluss: Der Antrag wird mehrheitlich angenommen.",
          ], faction="B90/Grüne", top=8),
    ]
    return _giessen_book("giessen-2021-09-23-niederschrift", m, items)


def giessen_2024() -> MinuteBook:
    m = dict(date="2024-02-15", session=31, start="18:00", end="20:55",
             chair="Petra Hofmann-Lenz", chair_sig="Stadtverordnetenvorsteherin",
             secretary="Marco Diehl", secretary_role="Schriftführer")
    items = [
        O("Mitteilung", None, "Mitteilungen", None, [
            "Stadtverordnetenvorsteherin Hofmann-Lenz gibt bekannt, dass "
            "Stadtverordnete Yıldız ihr Mandat niedergelegt hat. Als "
            "Nachrückerin wird Frau Carolin Weigand verpflichtet.",
        ], top=1),
        A("2024/0112", "Fehlende Pflegeplätze in Gießen", "der AfD-Fraktion", "AfD",
          ["Angehörige berichten, dass sie für pflegebedürftige Familienmitglieder "
           "monatelang keinen Platz in einer stationären Pflegeeinrichtung oder "
           "in der Kurzzeitpflege finden."],
          "Wir fragen den Magistrat:",
          [("1", "Wie viele stationäre Pflegeplätze und Kurzzeit|pflegeplätze "
                 "gibt es in Gießen und wie viele davon sind derzeit belegt?"),
           ("2", "Welche neuen Pflegeeinrichtungen sind in Planung?"),
           ("3", "Wie unterstützt die Stadt pflegende Angehörige?")],
          ["Die Anfrage wird schriftlich beantwortet."],
          status="schriftlich beantwortet", qstyle="frage", top=2),
        A("2024/0118", "Photovoltaik auf städtischen Dächern",
          "der Fraktion BÜNDNIS 90/DIE GRÜNEN", "B90/Grüne",
          ["Die Stadt hat sich zum Ziel gesetzt, bis 2035 klimaneutral zu "
           "werden. Die Dachflächen städtischer Gebäude bieten ein großes "
           "Potenzial für die Erzeugung von Solarstrom, das bisher nur zu einem "
           "kleinen Teil genutzt wird."],
          "Wir fragen den Magistrat:",
          [("1", "Auf wie vielen städtischen Gebäuden sind bereits "
                 "Photovoltaik|anlagen installiert und welche Leistung haben sie "
                 "insgesamt?"),
           ("2", "Welche Dachflächen wurden auf ihre Eignung geprüft und mit "
                 "welchem Ergebnis?"),
           ("3", "Welche Anlagen sollen in den Jahren 2024 und 2025 errichtet "
                 "werden?")],
          [],
          answered_by="Magistrat", status="beantwortet", qstyle="frage", top=3,
          answer=["Zu Frage 1: Derzeit sind auf 21 städtischen Gebäuden "
                  "Photovoltaikanlagen mit einer Gesamtleistung von 1,9 Megawatt "
                  "Peak installiert.",
                  "Zu Frage 2: Im Rahmen eines Solarkatasters wurden 64 "
                  "Dachflächen geprüft; 38 davon sind statisch und technisch "
                  "geeignet.",
                  "Zu Frage 3: Geplant sind Anlagen auf vier Schulen, dem "
                  "Betriebshof und der Stadtbibliothek."]),
        O("Vorlage", "2024/0120", "Neufassung der Abfallgebührensatzung", None, [
            "Stadtrat Brückmann erläutert die Vorlage. Die Gebühren für die "
            "Restmülltonne steigen durchschnittlich um sieben Prozent; die "
            "Biotonne bleibt gebührenfrei.",
            "Beschluss: Die Neufassung der Abfallgebührensatzung wird "
            "mehrheitlich beschlossen.",
        ], top=4),
        A("2024/0125", "Steigende Abfallgebühren für Mieterhaushalte",
          "der SPD-Fraktion", "SPD",
          ["Die Erhöhung der Abfallgebühren wird von Vermietern in der Regel "
           "über die Nebenkosten an Mieterinnen und Mieter weitergegeben."],
          "Wir fragen den Magistrat:",
          [("1", "Wie stark steigen die Abfallgebühren für einen durchschnittlichen "
                 "Vierpersonenhaushalt in einem Mehrfamilienhaus?"),
           ("2", "Welche Möglichkeiten sieht der Magistrat, die Gebühren durch "
                 "eine bessere Mülltrennung zu senken?")],
          ["Die Anfrage wird auf Wunsch der Fraktion zurückgestellt."],
          status="zurückgestellt", qstyle="frage", top=5),
        A("2024/0131", "Leerstand in der Innenstadt", "der Fraktion DIE LINKE", "Die Linke",
          ["In der Fußgängerzone stehen nach einer Zählung des Gewerbevereins "
           "derzeit 37 Ladenlokale leer. Andere Städte haben mit einem "
           "kommunalen Leerstandsmanagement und Zwischennutzungen gute "
           "Erfahrungen gemacht."],
          "Wir fragen den Magistrat:",
          [("1", "Wie hat sich die Zahl der leerstehenden Ladenlokale in der "
                 "Innenstadt seit 2019 entwickelt?"),
           ("2", "Plant der Magistrat, Ladenlokale anzumieten und für "
                 "Zwischennutzungen durch Kultur, Vereine und Start-ups zur "
                 "Verfügung zu stellen?"),
           ("3", "Wie bewertet der Magistrat ein kommunales Vorkaufsrecht für "
                 "Schlüsselimmobilien in der Innenstadt?")],
          ["Oberbürgermeister Albers beantwortet die Anfrage."],
          answered_by="Oberbürgermeister Albers", status="beantwortet",
          qstyle="frage", top=6),
    ]
    return _giessen_book("giessen-2024-02-15-niederschrift", m, items)


# ==========================================================================
# Layout 4: "marburg" -- "TOP 3.1" / "Anfrage der Fraktion ..." /
# "betr.: Titel" / "(Drucksache 20/1234)"; or inline
# "TOP 2.1: Anfrage der FDP-Fraktion (Drs. 21/0311) – Titel".  Questions
# lettered "a)" or unnumbered; signature "gez. ..." in two columns.
# ==========================================================================
def _marburg_opening(b: _Builder, m: dict) -> None:
    b.ln("Universitätsstadt Marburg", "bc")
    b.ln("Niederschrift", "bc")
    b.ln("über die öffentliche Sitzung der Stadtverordnetenversammlung", "c")
    b.ln(f"am {_long_date(m['date'])}, {m['start']} Uhr, im Sitzungssaal des Stadthauses", "c")
    b.blank()
    b.ln(f"Vorsitz: {m['chair_sig']} {m['chair']}")
    b.ln(f"Schriftführung: {m['secretary']}")
    b.ln(f"Magistrat: {m['magistrat']}")
    b.blank(2)


def _marburg_item(b: _Builder, s: dict, m: dict) -> None:
    inline = m.get("inline")
    if s["kind"] == "Anfrage":
        if inline:
            b.para(f"TOP {s['top']}: Anfrage {s['fac_text']} (Drs. {s['number']}) – "
                   f"{s['title']}", "b", keep=3)
        else:
            b.ln(f"TOP {s['top']}", "b", keep=3)
            b.ln(f"Anfrage {s['fac_text']}")
            b.para(f"betr.: {s['title']}")
            b.ln(f"(Drucksache {s['number']})")
        b.blank()
        _paras(b, s["body"])
        b.ln(s["ask"])
        b.blank()
        _questions(b, s, "letter")
        if s.get("answer"):
            b.ln("Antwort des Magistrats:", "b", keep=1)
            _paras(b, s["answer"])
        _paras(b, s["outcome"])
        return
    if inline:
        head = f"TOP {s['top']}: " + (f"{s['fac_text']} " if s.get("fac_text") else "")
        if s.get("number"):
            head += f"(Drs. {s['number']}) – "
        b.para(head + s["title"], "b", keep=3)
    else:
        b.ln(f"TOP {s['top']}", "b", keep=3)
        if s.get("fac_text"):
            b.ln(s["fac_text"])
        b.para(f"betr.: {s['title']}" if s.get("fac_text") else s["title"])
        if s.get("number"):
            b.ln(f"(Drucksache {s['number']})")
    b.blank()
    _paras(b, s["paras"])
    _paras(b, s.get("result"))


def _marburg_closing(b: _Builder, m: dict) -> None:
    b.blank(3)
    b.ln(f"gez. {m['chair']}\tgez. {m['secretary']}", keep=1)
    b.ln(f"{m['chair_sig']}\t{m['secretary_role']}")


def _marburg_book(name, m, items) -> MinuteBook:
    def header(p, n):
        return [(f"Stadtverordnetenversammlung Marburg – Sitzung vom "
                 f"{_german_date(m['date'])}", ""), ("", "")]

    def footer(p, n):
        return [(f"Seite {p} von {n}", "c")]

    return _build(name, "marburg", "Marburg", m["date"], m, items, m["chair"],
                  m["secretary"], _marburg_opening, _marburg_item, _marburg_closing,
                  header, footer)


def marburg_2020() -> MinuteBook:
    m = dict(date="2020-06-26", start="17:00", chair="Dr. Elisabeth Kranz",
             chair_sig="Stadtverordnetenvorsteherin", secretary="Tobias Heuser",
             secretary_role="Schriftführer",
             magistrat="Oberbürgermeister Hallmann, Bürgermeister Dr. Roth, "
                       "Stadträtin Yilmaz")
    items = [
        O("Mitteilung", None, "Mitteilungen der Stadtverordnetenvorsteherin", None, [
            "Stadtverordnetenvorsteherin Dr. Kranz weist darauf hin, dass die "
            "Sitzung wegen der Abstandsregeln im großen Saal des Stadthauses "
            "stattfindet und die Besucherzahl begrenzt ist.",
        ], top="1"),
        O("Vorlage", "20/1229", "Haushaltslage 2020 – Auswirkungen der Pandemie",
          "Bericht des Magistrats", [
              "Bürgermeister Dr. Roth berichtet über die Auswirkungen der "
              "Pandemie auf den städtischen Haushalt. Die Gewerbesteuereinnahmen "
              "werden voraussichtlich um 22 Millionen Euro unter dem Ansatz "
              "liegen. Eine Haushaltssperre ist derzeit nicht vorgesehen.",
              "Die Stadtverordnetenversammlung nimmt den Bericht zur Kenntnis.",
          ], top="2"),
        A("20/1234", "Ladeinfrastruktur für Elektrofahrzeuge und Carsharing",
          "der Fraktion BÜNDNIS 90/DIE GRÜNEN", "B90/Grüne",
          ["Die Zahl der zugelassenen Elektrofahrzeuge hat sich im Stadtgebiet "
           "innerhalb von zwei Jahren verdreifacht. Öffentliche Ladepunkte gibt "
           "es bislang jedoch fast nur in der Innenstadt. Gleichzeitig fehlen in "
           "den Außenstadtteilen Stellplätze für stationsbasiertes Carsharing."],
          "Wir fragen den Magistrat:",
          [("a", "Wie viele öffentlich zugängliche Ladepunkte für Elektrofahrzeuge "
                 "gibt es derzeit im Stadtgebiet und wie verteilen sie sich auf die "
                 "Stadtteile?"),
           ("b", "Welchen Ausbau der Lade|infrastruktur plant der Magistrat "
                 "gemeinsam mit den Stadtwerken bis 2025?"),
           ("c", "Ist die Stadt bereit, Carsharing-Anbietern Stellplätze im "
                 "öffentlichen Straßenraum zur Verfügung zu stellen, und nach "
                 "welchen Kriterien würden diese vergeben?")],
          ["Die Anfrage wird von Bürgermeister Dr. Roth mündlich beantwortet. "
           "Damit ist die Anfrage erledigt."],
          answered_by="Bürgermeister Dr. Roth", status="erledigt", top="3.1"),
        A("20/1241", "Starkregenvorsorge in den Außenstadtteilen", "der CDU-Fraktion", "CDU",
          ["Bei den Unwettern im Juni 2020 wurden in mehreren Außenstadtteilen "
           "Keller und Straßen überflutet. Die Kanalisation war den "
           "Wassermengen nicht gewachsen."],
          "Wir fragen den Magistrat:",
          [("1", "Liegt für das Stadtgebiet eine Starkregen|gefahrenkarte vor, "
                 "und ist sie für die Bürgerinnen und Bürger öffentlich einsehbar?"),
           ("2", "Welche baulichen Maßnahmen zum Schutz vor Überflutungen sind in "
                 "den betroffenen Stadtteilen geplant?"),
           ("3", "Wie werden Hauseigentümer bei der Eigenvorsorge beraten und "
                 "unterstützt?")],
          ["Die Anfrage wird schriftlich beantwortet."],
          status="schriftlich beantwortet", qstyle="none-para", top="3.2"),
        A("20/1250", "Einführung eines Sozialtickets für den Stadtverkehr",
          "der Fraktion DIE LINKE", "Die Linke",
          ["Menschen mit geringem Einkommen können sich die regulären "
           "Monatskarten für Bus und Bahn häufig nicht leisten. In anderen "
           "hessischen Städten gibt es bereits vergünstigte Sozialtickets für "
           "Empfängerinnen und Empfänger von Sozialleistungen."],
          "Wir fragen den Magistrat:",
          [("a", "Wie viele Personen im Stadtgebiet wären bei einer Orientierung "
                 "an den Kriterien des Marburger Stadtpasses berechtigt, ein "
                 "Sozialticket zu erwerben?"),
           ("b", "Mit welchen jährlichen Kosten für die Stadtwerke rechnet der "
                 "Magistrat bei einem Preis von 30 Euro im Monat?"),
           ("c", "Welche Zuschüsse des Landes könnten für ein Sozialticket in "
                 "Anspruch genommen werden?")],
          ["Oberbürgermeister Hallmann beantwortet die Anfrage."],
          answered_by="Oberbürgermeister Hallmann", status="beantwortet", top="3.3"),
        A("20/1253", "Videoüberwachung am Bahnhofsvorplatz", "der AfD-Fraktion", "AfD",
          ["Nach einer Reihe von Diebstählen am Bahnhofsvorplatz fordern "
           "Gewerbetreibende eine bessere Überwachung des Platzes."],
          "Wir fragen den Magistrat:",
          [("a", "Wie viele Straftaten wurden im Jahr 2019 am Bahnhofsvorplatz "
                 "registriert?"),
           ("b", "Ist eine Videoüberwachung des Platzes geplant?")],
          ["Die Anfrage wurde zurückgezogen."],
          status="zurückgezogen", top="3.4"),
        A("20/1260", "Sicherheit auf Schulwegen", "der SPD-Fraktion", "SPD",
          ["Eltern der Grundschulen im Südviertel weisen seit längerem auf "
           "gefährliche Stellen auf den Schulwegen hin, etwa fehlende "
           "Querungshilfen und zugeparkte Gehwege. Morgens kommt es vor den "
           "Schulen regelmäßig zu gefährlichen Situationen durch sogenannte "
           "Elterntaxis."],
          "Wir fragen den Magistrat:",
          [("a", "Für welche Grundschulen liegen aktuelle Schulwegpläne vor und "
                 "wann wurden sie zuletzt überarbeitet?"),
           ("b", "Welche Maßnahmen zur Verbesserung der Schulweg|sicherheit "
                 "wurden seit 2018 umgesetzt?"),
           ("c", "Wie steht der Magistrat zur Einrichtung von Hol- und "
                 "Bringzonen in ausreichender Entfernung zu den Schulen?")],
          ["Nach Beantwortung durch Stadträtin Yilmaz erklärt "
           "Stadtverordnetenvorsteherin Dr. Kranz die Anfrage für erledigt."],
          answered_by="Stadträtin Yilmaz", status="erledigt", top="3.5"),
        O("Antrag", "20/1262", "Tempo 30 vor Schulen und Kindertagesstätten",
          "Antrag der SPD-Fraktion", [
              "Die Stadtverordnetenversammlung möge beschließen: Der Magistrat "
              "wird beauftragt, vor allen Schulen und Kindertagesstätten an "
              "Hauptverkehrsstraßen eine Geschwindigkeitsbegrenzung auf 30 km/h "
              "anzuordnen, soweit dies rechtlich zulässig ist.",
              "Der Antrag wird einstimmig angenommen.",
          ], faction="SPD", top="4"),
    ]
    return _marburg_book("marburg-2020-06-26-niederschrift", m, items)


def marburg_2022() -> MinuteBook:
    m = dict(date="2022-09-29", start="17:00", chair="Matthias Ebert",
             chair_sig="Stadtverordnetenvorsteher", secretary="Lea Schomburg",
             secretary_role="Schriftführerin", inline=True,
             magistrat="Oberbürgermeister Hallmann, Stadträtin Yilmaz, "
                       "Stadtrat Dr. Pohl")
    items = [
        O("Sonstiges", None, "Feststellung der Tagesordnung", None, [
            "Stadtverordnetenvorsteher Ebert stellt die Tagesordnung fest. Die "
            "Anfrage der Fraktion Freie Wähler wird auf deren Wunsch an das Ende "
            "der Anfragen gesetzt.",
        ], top="1"),
        A("21/0311", "Öffnungszeiten der Stadtbücherei", "der FDP-Fraktion", "FDP",
          ["Die Stadtbücherei ist an Samstagen nur bis 13 Uhr und an Montagen "
           "gar nicht geöffnet. Berufstätige und Studierende haben damit kaum "
           "Gelegenheit, die Angebote zu nutzen."],
          "Wir fragen den Magistrat:",
          [("1", "Wie viele Besucherinnen und Besucher zählte die Stadtbücherei "
                 "in den Jahren 2019 und 2021?"),
           ("2", "Welche Kosten würde eine Ausweitung der Öffnungszeiten auf "
                 "Samstagnachmittag verursachen?"),
           ("3", "Ist eine Open-Library mit Selbstverbuchung außerhalb der "
                 "Servicezeiten nach dem Vorbild anderer Städte geplant?")],
          ["Stadträtin Yilmaz beantwortet die Anfrage."],
          answered_by="Stadträtin Yilmaz", status="beantwortet",
          qstyle="none-run", top="2.1"),
        A("21/0318", "Erhöhung der Friedhofsgebühren", "der AfD-Fraktion", "AfD",
          ["Die Friedhofsgebühren sollen nach dem Entwurf der neuen "
           "Gebührensatzung für Erdbestattungen um bis zu 40 Prozent steigen."],
          "Wir fragen den Magistrat:",
          [("a", "Wie begründet der Magistrat die Höhe der Gebührensteigerung?"),
           ("b", "Wie hoch ist der Kostendeckungsgrad des Friedhofswesens?"),
           ("c", "Werden alternative Bestattungsformen wie Baumbestattungen "
                 "künftig günstiger angeboten?")],
          ["Die Anfrage wird schriftlich beantwortet."],
          status="schriftlich beantwortet", top="2.2"),
        A("21/0327", "Kommunale Wärmeplanung und Ausbau der Fernwärme",
          "der SPD-Fraktion", "SPD",
          ["Das Wärmeplanungsgesetz des Bundes verpflichtet die Kommunen, eine "
           "kommunale Wärmeplanung zu erstellen. Für viele Hauseigentümerinnen "
           "und Hauseigentümer ist entscheidend, ob ihr Gebäude künftig an ein "
           "Fernwärmenetz angeschlossen werden kann."],
          "Wir fragen den Magistrat:",
          [("a", "Wann wird die kommunale Wärme|planung für das Stadtgebiet "
                 "vorliegen?"),
           ("b", "Welche Stadtteile sollen in den kommenden zehn Jahren an das "
                 "Fernwärmenetz der Stadtwerke angeschlossen werden?"),
           ("c", "Wie werden die Bürgerinnen und Bürger über die Ergebnisse der "
                 "Wärmeplanung informiert und beraten?")],
          [],
          answered_by="Magistrat", status="beantwortet", top="2.3",
          answer=["Zu a) Die Stadtwerke haben ein Fachbüro beauftragt; der "
                  "Entwurf der Wärmeplanung soll im Herbst 2023 vorliegen.",
                  "Zu b) Nach derzeitigem Stand sind die Erweiterung des Netzes "
                  "im Südviertel und in der Weststadt vorgesehen.",
                  "Zu c) Geplant sind Informationsveranstaltungen in allen "
                  "Stadtteilen sowie eine kostenlose Energieberatung."]),
        A("21/0322", "Einführung einer Ehrenamtskarte", "der Fraktion Freie Wähler",
          "Freie Wähler",
          ["Zahlreiche Kommunen würdigen bürgerschaftliches Engagement mit einer "
           "Ehrenamtskarte, die Vergünstigungen bei städtischen Einrichtungen "
           "gewährt. Wer sich mindestens fünf Stunden in der Woche ehrenamtlich "
           "engagiert, erhält dort freien Eintritt in Schwimmbäder und Museen."],
          "Wir fragen den Magistrat:",
          [("1", "Beteiligt sich die Stadt an der Ehrenamts-Card des Landes Hessen?"),
           ("2", "Welche Vergünstigungen könnten städtische Einrichtungen "
                 "gewähren und welche Einnahmeausfälle wären damit verbunden?")],
          ["Die Anfrage wird auf Wunsch der Fraktion zurückgestellt."],
          status="zurückgestellt", qstyle="none-para", top="2.4"),
        O("Antrag", "21/0330", "Kommunale Wärmeplanung beschleunigen",
          "Antrag der Fraktion BÜNDNIS 90/DIE GRÜNEN", [
              "Die Stadtverordnetenversammlung möge beschließen: Der Magistrat "
              "wird beauftragt, die kommunale Wärmeplanung bis Mitte 2023 "
              "vorzulegen und dabei die Nutzung von Abwärme aus Industrie und "
              "Rechenzentren zu prüfen.",
              "Der Antrag wird mit den Stimmen der Koalition angenommen.",
          ], faction="B90/Grüne", top="3"),
        O("Mitteilung", None, "Mitteilungen des Magistrats", None, [
            "Oberbürgermeister Hallmann informiert über die Energiesparmaßnahmen "
            "in städtischen Gebäuden. Die Raumtemperatur in Büros wird auf 19 "
            "Grad begrenzt; die Beleuchtung öffentlicher Gebäude wird nachts "
            "abgeschaltet.",
        ], top="4"),
    ]
    return _marburg_book("marburg-2022-09-29-niederschrift", m, items)


# ==========================================================================
# Corpus
# ==========================================================================
_SAMPLE_FACTORIES = [kassel_2019, fulda_2021, giessen_2021]
_EXTRA_FACTORIES = [kassel_2017, fulda_2023, giessen_2024, marburg_2020, marburg_2022]


def sample_books() -> list[MinuteBook]:
    """The three demo books rendered into ``samples/`` (Kassel scan PDF,
    Fulda born-digital PDF, Gießen noisy TIFF)."""
    return [f() for f in _SAMPLE_FACTORIES]


def all_books() -> list[MinuteBook]:
    """The complete ground-truth corpus (the demo books included)."""
    return [f() for f in _SAMPLE_FACTORIES + _EXTRA_FACTORIES]


def book_by_name(name: str) -> MinuteBook:
    for b in all_books():
        if b.name == name:
            return b
    raise KeyError(name)


# ==========================================================================
# Rendering
# ==========================================================================
def _line_positions(book: MinuteBook, pi: int):
    """Yield (text, style, x_pt, baseline_from_top_pt, bold) per non-empty
    line of page ``pi``; tab-separated columns yield one entry per column."""
    lines = book.pages[pi]
    styles = book.styles[pi] if book.styles else [""] * len(lines)
    nfoot = sum(1 for s in styles if "f" in s)
    fi = 0
    for i, (text, style) in enumerate(zip(lines, styles)):
        if "f" in style:
            slot = LINES_PER_PAGE - nfoot + fi
            fi += 1
        else:
            slot = i
        if not text:
            continue
        y = FIRST_BASELINE + slot * LEADING
        bold = "b" in style
        cols = text.split("\t")
        for ci, col in enumerate(cols):
            if not col:
                continue
            w = _width(col, bold)
            if ci > 0:
                x = MARGIN_L + COL2_X
            elif "c" in style:
                x = MARGIN_L + (TEXT_W - w) / 2
            elif "r" in style:
                x = MARGIN_L + TEXT_W - w
            elif "i" in style:
                x = MARGIN_L + INDENT
            else:
                x = MARGIN_L
            yield col, style, x, y, bold


def render_pdf(book: MinuteBook, path) -> None:
    """Born-digital PDF (reportlab) with a real text layer, one book page per
    A4 page."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1,
                      pageCompression=1)
    c.setTitle(f"Niederschrift {book.city} {_german_date(book.date)}")
    c.setAuthor(f"Stadtverordnetenversammlung {book.city}")
    c.setCreator("Ratsarchiv samples (synthetic)")
    for pi in range(len(book.pages)):
        for text, style, x, y, bold in _line_positions(book, pi):
            c.setFont(_rl_font(bold), FONT_SIZE)
            c.drawString(x, PAGE_H - y, text)
        c.showPage()
    c.save()


def _seed(book: MinuteBook, pi: int, extra: str = "") -> int:
    return zlib.crc32(f"{book.name}/{pi}/{extra}".encode())


_PIL_FONTS: dict = {}


def _pil_font(bold: bool, px: int):
    from PIL import ImageFont

    key = (bold, px)
    if key not in _PIL_FONTS:
        _PIL_FONTS[key] = ImageFont.truetype(_font_path("bold" if bold else "regular"), px)
    return _PIL_FONTS[key]


def _render_clean(book: MinuteBook, pi: int, dpi: int):
    from PIL import Image, ImageDraw

    s = dpi / 72.0
    W, H = round(PAGE_W * s), round(PAGE_H * s)
    img = Image.new("L", (W, H), 255)
    d = ImageDraw.Draw(img)
    px = round(FONT_SIZE * s)
    for text, style, x, y, bold in _line_positions(book, pi):
        d.text((x * s, y * s), text, fill=0, font=_pil_font(bold, px), anchor="ls")
    return img


def _degrade(img, rng: random.Random, dpi: int):
    """Make a clean page look like a mediocre office scan (still OCR-able)."""
    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    W, H = img.size
    s = dpi / 300.0
    # uneven paper: low-frequency brightness field between ~214 and ~248
    gw, gh = 6, 8
    field_ = Image.new("L", (gw, gh))
    field_.putdata([rng.randint(214, 248) for _ in range(gw * gh)])
    paper = field_.resize((W, H), Image.BICUBIC)
    # ink: not perfectly black, slightly uneven
    ink_level = rng.randint(25, 55)
    ink = img.point(lambda v: ink_level + (255 - ink_level) * v // 255)
    page = ImageChops.multiply(ink, paper)
    # a grey shadow band at one edge, as from a scanner lid
    d = ImageDraw.Draw(page)
    band = int(rng.randint(18, 40) * s)
    side = rng.choice(["left", "right"])
    for k in range(band):
        v = 120 + int(110 * k / band)
        xk = k if side == "left" else W - 1 - k
        d.line([(xk, 0), (xk, H)], fill=v)
    # speckles (dust) in random places, small and sparse
    for _ in range(int(rng.randint(350, 600) * s * s)):
        x, y = rng.randrange(W), rng.randrange(H)
        r = rng.choice([1, 1, 1, 1, 2, 2, 3]) * s
        d.ellipse([x - r, y - r, x + r, y + r], fill=rng.randint(60, 150))
    # slight rotation
    angle = rng.uniform(0.4, 1.4) * rng.choice([-1, 1])
    page = page.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=235)
    # light blur and sensor noise
    page = page.filter(ImageFilter.GaussianBlur(0.7 * s))
    noise = _noise((W, H), 9, rng)
    page = ImageChops.add(page, noise, scale=1.0, offset=-128)
    return page


def render_page_images(book: MinuteBook, dpi: int = 300, quality: str = "clean"):
    """Grayscale page images ("L") as a scanner would deliver them.

    ``quality="clean"``: crisp antialiased text on white.
    ``quality="noisy"``: uneven paper, speckles, shadow band, rotation up to
    1.4°, light blur and noise.  ``quality="degraded"``: the scan kind of that name
    (samples.scankinds: faded ink on dark paper, the reverse page showing through,
    skew, grain, specks).  Deterministic for a given book/page/dpi.
    """
    if quality not in ("clean", "noisy", "degraded"):
        raise ValueError(f"quality must be 'clean', 'noisy' or 'degraded', not {quality!r}")
    out = []
    for pi in range(len(book.pages)):
        img = _render_clean(book, pi, dpi)
        if quality == "noisy":
            rng = random.Random(_seed(book, pi, f"noisy{dpi}"))
            img = _degrade(img, rng, dpi)
        elif quality == "degraded":
            from samples import scankinds
            back = _render_clean(book, pi + 1 if pi + 1 < len(book.pages) else pi, dpi)
            img = scankinds.noisy(img, random.Random(_seed(book, pi, f"degraded{dpi}")), back, low_contrast=True)
        img.info["dpi"] = (dpi, dpi)
        out.append(img)
    return out


def _noise(size, sigma: float, rng: random.Random):
    """Gaussian sensor noise around 128 from ``rng`` (PIL's effect_noise is
    not seedable): a 256x256 patch tiled in four orientations."""
    from PIL import Image

    tw = th = 256
    patch = Image.new("L", (tw, th))
    patch.putdata([max(0, min(255, int(rng.gauss(128, sigma)))) for _ in range(tw * th)])
    turns = [patch, patch.transpose(Image.ROTATE_90), patch.transpose(Image.ROTATE_180),
             patch.transpose(Image.ROTATE_270)]
    big = Image.new("L", size)
    for yy in range(0, size[1], th):
        for xx in range(0, size[0], tw):
            big.paste(turns[rng.randrange(4)], (xx, yy))
    return big


def _binarize(img, threshold: int = 150):
    return img.point(lambda v: 255 if v > threshold else 0, mode="1")


def _page_blobs(book: MinuteBook, quality: str, dpi: int, compression: str):
    blobs = []
    for img in render_page_images(book, dpi=dpi, quality=quality):
        buf = io.BytesIO()
        if compression == "g4":
            _binarize(img).save(buf, format="TIFF", compression="group4", dpi=(dpi, dpi))
        elif compression == "jpeg":
            img.save(buf, format="JPEG", quality=60, dpi=(dpi, dpi), optimize=True)
        else:
            raise ValueError(compression)
        blobs.append(buf.getvalue())
    return blobs


def render_scanned_pdf(book: MinuteBook, path, quality: str = "clean",
                       dpi: int = 300, compression: str = "g4") -> None:
    """Image-only PDF (no text layer), A4 pages.

    ``compression="g4"``: bilevel CCITT group 4 (small, default);
    ``"jpeg"``: grayscale JPEG (quality 60) - use ``dpi=200`` to keep it small.
    """
    import img2pdf

    blobs = _page_blobs(book, quality, dpi, compression)
    layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
    with open(path, "wb") as f:
        f.write(img2pdf.convert(blobs, layout_fun=layout,
                                title=f"Scan Niederschrift {book.city}",
                                creator="Ratsarchiv samples (synthetic)",
                                producer="Ratsarchiv samples",
                                nodate=True, engine=img2pdf.Engine.internal))


def render_tiff(book: MinuteBook, path, quality: str = "clean", dpi: int = 300,
                compression: str = "group4") -> None:
    """Multi-page TIFF.  ``compression="group4"`` (bilevel, default) or
    ``"tiff_lzw"`` (grayscale)."""
    imgs = render_page_images(book, dpi=dpi, quality=quality)
    if compression == "group4":
        imgs = [_binarize(i) for i in imgs]
    imgs[0].save(path, format="TIFF", save_all=True, append_images=imgs[1:],
                 compression=compression, dpi=(dpi, dpi))


RENDER_MODES = ("digital", "scan", "noisy", "degraded")


def render(book: MinuteBook, mode: str, folder) -> Path:
    """The book as `digital` (PDF with text layer), `scan` (clean G4 scanned PDF), `noisy`
    (noisy 1-bit TIFF) or `degraded` (faded, showing the reverse page, a grey JPEG PDF) in
    folder; returns the file's path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if mode == "digital":
        path = folder / f"{book.name}.pdf"
        render_pdf(book, path)
    elif mode == "scan":
        path = folder / f"{book.name}-scan.pdf"
        render_scanned_pdf(book, path, quality="clean")
    elif mode == "noisy":
        path = folder / f"{book.name}-noisy.tiff"
        render_tiff(book, path, quality="noisy")
    elif mode == "degraded":
        path = folder / f"{book.name}-degraded.pdf"
        render_scanned_pdf(book, path, quality="degraded", compression="jpeg")
    else:
        raise ValueError(mode)
    return path
