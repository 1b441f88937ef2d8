"""The neutral model: the values that flow from a file to index records and to the web.

Every package (ingest, index, web) imports these; none of them owns them.

Word boxes are kept in page-relative coordinates (0..1) so the same numbers mark
a hit on any rendering of the page, whatever its resolution.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields


@dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    line: int = 0  # line id within the page, from the extractor


@dataclass
class PageText:
    number: int  # 1-based page number in the source file
    text: str
    method: str  # "text-layer" or "ocr"
    words: list[Word] = field(default_factory=list)
    width: float = 0.0  # of the page image (px) or PDF page (pt)
    height: float = 0.0
    confidence: float | None = None  # mean tesseract word confidence
    # OCR pages: {"confidence", "preprocessing": [steps applied], "tries", "wordlike"}
    ocr: dict | None = None

    def to_dict(self) -> dict:
        """Words as compact rows; written by hand, because asdict would first deep-copy every
        word of the page into a dict (≈ 20 ms a page, in the same process as OCR)."""
        return {"number": self.number, "text": self.text, "method": self.method,
                "words": [[w.text, round(w.x0, 5), round(w.y0, 5), round(w.x1, 5), round(w.y1, 5), w.line]
                          for w in self.words],
                "width": self.width, "height": self.height, "confidence": self.confidence,
                "ocr": None if self.ocr is None else dict(self.ocr)}

    @classmethod
    def from_dict(cls, d: dict) -> "PageText":
        words = [Word(t, x0, y0, x1, y1, ln) for t, x0, y0, x1, y1, ln in d.get("words", [])]
        return cls(number=d["number"], text=d["text"], method=d["method"], words=words,
                   width=d.get("width", 0.0), height=d.get("height", 0.0),
                   confidence=d.get("confidence"), ocr=d.get("ocr"))


@dataclass
class Extraction:
    """What a file yielded: kept on disk so reindexing never needs OCR again."""
    sha256: str
    filename: str
    kind: str  # "pdf" or "image"
    pages: list[PageText]

    def to_dict(self) -> dict:
        return {"sha256": self.sha256, "filename": self.filename, "kind": self.kind,
                "pages": [p.to_dict() for p in self.pages]}

    @classmethod
    def from_dict(cls, d: dict) -> "Extraction":
        return cls(sha256=d["sha256"], filename=d["filename"], kind=d["kind"],
                   pages=[PageText.from_dict(p) for p in d["pages"]])


@dataclass
class Question:
    number: str
    text: str


@dataclass
class Record:
    """One agenda item of a minute book; kind "Anfrage" is what staff cite."""
    id: str
    kind: str
    number: str | None
    title: str
    faction: str | None
    questions: list[Question]
    answered_by: str | None
    status: str | None
    chair: str | None
    secretary: str | None
    date: str | None  # ISO session date
    pages: list[int]
    text: str
    source_id: str = ""
    source_filename: str = ""
    # the line just before the item on its page, the end of the item before: indexed (as a weak field) so
    # that four words read across the two items' border find a record of the page; not part of the record
    margin: str = ""

    def to_dict(self) -> dict:
        """What asdict gives, without its deep copy of every string: this runs once per record
        of a reindex. The margin is the neighbour's text, not the record's: it stays out."""
        d = {name: getattr(self, name) for name in _RECORD_FIELDS}
        d["questions"] = [{"number": q.number, "text": q.text} if type(q) is Question else asdict(q)
                          for q in self.questions]
        d["pages"] = list(self.pages)
        return d


_RECORD_FIELDS = tuple(f.name for f in fields(Record) if f.name != "margin")


# --- canonical faction names (used by the splitter and by faction filters) -----------
_U = "(?:ü|ue|u)"
_A = "(?:ä|ae|a)"
FACTIONS = [
    (re.compile(rf"b{_U}ndnis\s*90|b\s*90\s*/|\bdie\s+gr{_U}nen\b|\bgr{_U}ne[n]?\b", re.I), "B90/Grüne"),
    (re.compile(r"kasseler\s+linke", re.I), "Kasseler Linke"),
    (re.compile(r"\bspd\b", re.I), "SPD"),
    (re.compile(r"\bcdu\b", re.I), "CDU"),
    (re.compile(r"\bcsu\b", re.I), "CSU"),
    (re.compile(r"\bf\.?d\.?p\b|freie\s+demokraten", re.I), "FDP"),
    (re.compile(r"\bafd\b|alternative\s+f.r\s+deutschland", re.I), "AfD"),
    (re.compile(rf"freie[n]?\s+w{_A}hler|\bfw\b", re.I), "Freie Wähler"),
    (re.compile(r"\bdie\s+linke\b|\blinke[n]?\b|\blinksfraktion\b", re.I), "Die Linke"),
    (re.compile(r"\bpiraten", re.I), "Piraten"),
    (re.compile(r"\bvolt\b", re.I), "Volt"),
    (re.compile(r"\bdie\s+partei\b", re.I), "Die PARTEI"),
    (re.compile(r"[öo]dp\b", re.I), "ÖDP"),
]
# "der GLG-Fraktion", "die WfB-Fraktion": a local group named before the word Fraktion
_NAMED_FRACTION = re.compile(r"\b([A-ZÄÖÜ][\wÄÖÜäöüß/.+]{1,20}-Fraktion)\b")
# "Fraktion Gartenpartei/Tierschutzallianz im Stadtrat", "Fraktion der NPD Polizeieinsatz …", "Fraktion
# FWG, zur Sitzung": after the word Fraktion (and its article) the name is an abbreviation in capitals
# (with "/"-joined parts), else a run of up to four capitalised words ended by a small word or a sign
_CAP = r"[A-ZÄÖÜ][\wÄÖÜäöüß/.+&'-]*"
_FRACTION_NAME = re.compile(r"\bFraktion\s+(?:der\s+|des\s+|von\s+)?(?:(?P<abbr>[A-ZÄÖÜ][A-ZÄÖÜ0-9&.+-]+(?:\s*/\s*[\wÄÖÜäöüß.+-]+|\s+[A-ZÄÖÜ][A-ZÄÖÜ0-9&.+-]+(?![\wäöüß]))*)(?![\wäöüß])"
                            rf"|(?P<words>{_CAP}(?:\s+(?:{_CAP}|\d+\b))*))")
# local voters' groups, named with their group word: "Wählergemeinschaft Pro Musterstadt", "Bürgerliste Beispiel"
_GROUP = re.compile(rf"\b((?:Wählergemeinschaft|Wählergruppe|Wählervereinigung|Bürgerliste)(?:\s+(?:{_CAP}|\d+\b)){{1,3}})")
_NAME_STOP = re.compile(r"\s+(?:Stellungnahme|Antwort|Anfrage|Antrag|Betreff|Kurztitel|Thema|Datum|Nummer|Adressat)\b.*$")


def find_faction(text: str) -> str | None:
    """The canonical name of the faction a text names first ("Bündnis 90/Die Grünen" -> "B90/Grüne");
    the first named, because a head names the asker before the parties its text speaks of."""
    named = [(m.start(), name) for pat, name in FACTIONS if (m := pat.search(text))]
    if named:
        return min(named)[1]
    found = [m for m in (_NAMED_FRACTION.search(text), _FRACTION_NAME.search(text), _GROUP.search(text)) if m]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    if first.re is _FRACTION_NAME:
        name = first.group("abbr") or _NAME_STOP.sub("", " ".join(first.group("words").split()[:4]))
        return name.strip(" .-/")
    return _NAME_STOP.sub("", first.group(1)).strip(" .-/")
