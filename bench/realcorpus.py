"""The real council documents in ../shared/corpus/real-dev as minute books, and their scoring.

The texts are third-party material: they are read from ../shared at run time, never copied
into the repository. Each text is laid out on A4 pages the way samples/minutes.py lays out
its own books, so the same renderers make born-digital PDFs and (clean or noisy) scans of it.

The split into a development part and a scoring part is recorded in
tests/groundtruth/real-split.json; `load(part)` reads one part.

Scoring pairs an annotated Anfrage with the found Anfrage whose text holds the annotation's
key sentence (a fragment copied from the item's body, unique in the file), so a wrong title
or number costs that field only. Fields are compared the way a user reads them: the number
without its "Drs." prefix, the title within OCR-level differences, the faction by its
canonical name, who answered by a shared name, the status by its meaning.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from bench.scoring import Tally

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "real-dev"
SPLIT = ROOT / "tests" / "groundtruth" / "real-split.json"
SKIP_REASON = (f"Das reale Korpus fehlt ({CORPUS}); es liegt nur in der Entwicklungsumgebung und in CI "
               "unter ../shared/corpus/real-dev, nicht in einem Klon des Projekts.")
PARTS = ("development", "scoring")
FIELDS = ("number", "title", "faction", "answered_by", "status", "question_count")


def available() -> bool:
    return (CORPUS / "manifest.json").is_file()


@dataclass
class RealDoc:
    file: str
    text: str
    date: str | None
    items: list[dict]

    @property
    def name(self) -> str:
        return Path(self.file).stem

    def anfragen(self) -> list[dict]:
        return [i for i in self.items if i["kind"] == "Anfrage"]


def load(part: str = "development", corpus: Path = CORPUS) -> list[RealDoc]:
    """One part of a corpus folder (manifest.json + texts); "all" for every document. Only the
    shared corpus has a recorded split; another corpus (one annotated later, not tuned to) is
    read whole."""
    if part not in PARTS + ("all",):
        raise ValueError(part)
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    files = [d["file"] for d in manifest["documents"]]
    if part != "all":
        if corpus != CORPUS:
            raise ValueError(f"{corpus} hat keine aufgezeichnete Teilung; nur 'all'")
        files = json.loads(SPLIT.read_text(encoding="utf-8"))[part]
    return [RealDoc(d["file"], (corpus / d["file"]).read_text(encoding="utf-8"), d.get("date"),
                    [i for i in d["items"] if not i.get("heading")])
            for d in manifest["documents"] if d["file"] in files]


# --- layout on pages -------------------------------------------------------------------
def _wrap(line: str, width_pt: float) -> list[str]:
    from samples.minutes import _width

    words, out, cur = line.split(), [], ""
    for w in words:
        cand = f"{cur} {w}" if cur else w
        if cur and _width(cand) > width_pt:
            out.append(cur)
            cur = w
        else:
            cur = cand
    out.append(cur)
    return out


def as_book(doc: RealDoc):
    """The document as a MinuteBook: lines wrapped to the text width, 50 lines a page."""
    from samples.minutes import LINES_PER_PAGE, TEXT_W, MinuteBook

    lines: list[str] = []
    for raw in doc.text.split("\n"):
        lines += _wrap(raw, TEXT_W) if raw.strip() else [""]
    per_page = LINES_PER_PAGE - 2
    pages = [lines[i:i + per_page] for i in range(0, len(lines), per_page)] or [[""]]
    return MinuteBook(name=doc.name, layout="real", date=doc.date or "", pages=pages, expected=doc.items)


def page_texts(doc: RealDoc) -> list[str]:
    return ["\n".join(p) for p in as_book(doc).pages]


# --- scoring ---------------------------------------------------------------------------
def _flat(text: str | None) -> str:
    text = unicodedata.normalize("NFC", text or "").casefold()
    return re.sub(r"[^0-9a-zäöüß]+", "", text)


def _contains(haystack_flat: str, needle: str, fuzzy: bool) -> bool:
    n = _flat(needle)
    if not n:
        return False
    if n in haystack_flat:
        return True
    if fuzzy:
        from rapidfuzz import fuzz
        return fuzz.partial_ratio(n, haystack_flat) >= 88
    return False


def _number(value: str | None) -> str:
    v = re.sub(r"^(?:drs|drucksache|drucks|nr|vorlage)\.?\s*", "", (value or "").strip(), flags=re.I)
    return re.sub(r"\s+", "", v).casefold()


def _faction(value: str | None) -> str:
    from ratsarchiv.model import find_faction
    if not value:
        return ""
    # both sides flattened: a faction the list does not know ("Fraktion X" -> "X") compares with its name
    return _flat(find_faction(value) or re.sub(r"(?i)-?fraktion\b", "", value))


_GENERIC = {"der", "die", "des", "von", "und", "mit", "dem", "den", "im", "in", "stellungnahme", "antwort",
            "antworten", "dr", "prof", "herr", "frau"}


def _names(value: str | None) -> set[str]:
    words = re.findall(r"[A-Za-zÄÖÜäöüß]{3,}", value or "")
    return {w.casefold() for w in words} - _GENERIC


def _status(value: str | None) -> str:
    v = (value or "").casefold()
    for key, pat in (("schriftlich", r"schriftlich|mitteilung"), ("zurückgezogen", r"zurückgezogen"),
                     ("zurückgestellt", r"zurückgestellt|vertagt|verschoben"), ("verwiesen", r"verwiesen|überwiesen"),
                     # refused ("Beantwortung abgelehnt", "nicht beantwortet (…)") or not yet answered
                     # ("unbeantwortet"): not answered, though the word is in it
                     ("abgelehnt", r"^\W*(?:(?:beantwortung|antwort|auskunft)\s+abgelehnt|nicht\s+beantwortet)"),
                     ("offen", r"offen|unbeantwortet|noch\s+nicht\s+beantwortet"),
                     ("beantwortet", r"beantwort|erledigt|kenntnis|stellungnahme")):
        if re.search(pat, v):
            return key
    return "offen"


# Annotators differ in whether a title keeps the kind it opens with: real-dev and sets A-C write the subject
# ("Antwort auf Anfrage CDU betr. X" -> "X"), set D keeps "Kleine Anfrage zum X". Both name the same
# Anfrage for a reader, so titles are compared without that opening kind phrase (and its date);
# --strict-titles compares them as written (the figures before the fifth session).
STRICT_TITLES = False
_KIND_OPENING = re.compile(r"^\W*(?:Antwort\s*(?::|auf\s+(?:die|eine)?)?\s*)?(?:(?:Kleine|Große|Schriftliche|Mündliche|Dringliche)\s+)?"
                           r"(?:Anfrage|Frage|Nachfrage|Einwohnerfrage|Einwohneranfrage)n?\b\s*"
                           r"(?:vom\s+[\d.]+\s*(?:[A-Za-zä]+\s+\d{4})?\s*[-–:]?\s*|zu[mr]?\s+|betr\.?\s+|betreffend\s+"
                           r"|zum\s+Thema\s*:?\s*|[-–:]\s*)?", re.I)


def _subject(title: str | None) -> str:
    """A title without the kind phrase it may open with ("Kleine Anfrage zum Friedrich-Ebert-Platz" ->
    "Friedrich-Ebert-Platz"); a title that is nothing but the kind ("Kleine Anfrage Nr. 01") stays."""
    rest = _KIND_OPENING.sub("", title or "", count=1)
    rest = re.sub(r"^(?:zu[mr]?|betr\.?)\s+", "", rest, flags=re.I)
    return rest if len(rest) >= 3 and not re.fullmatch(r"\W*(?:Nr\.?\s*)?[\w/.-]*\d[\w/.-]*\W*", rest) else (title or "")


def field_ok(name: str, want, have) -> bool:
    if name == "number":
        return _number(want) == _number(have)
    if name == "title":
        if not want:
            return True  # the annotation has no title: any heading will do
        from rapidfuzz import fuzz
        if STRICT_TITLES:
            return fuzz.ratio(_flat(want), _flat(have)) >= 85
        return fuzz.ratio(_flat(_subject(want)), _flat(_subject(have))) >= 85
    if name == "faction":
        return _faction(want) == _faction(have)
    if name == "answered_by":
        if not want:
            return not have
        return bool(_names(want) & _names(have))
    if name == "status":
        return _status(want) == _status(have)
    if name == "question_count":
        return (want or 0) == (have or 0)
    raise ValueError(name)


def _get(rec, name: str):
    d = rec if isinstance(rec, dict) else rec.__dict__
    if name == "question_count" and "questions" in d:
        return len(d["questions"] or [])
    return d.get(name)


@dataclass
class RealScore(Tally):
    expected: int = 0
    found: int = 0
    false: int = 0
    correct: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    errors: list[str] = field(default_factory=list)
    files: int = 0
    files_without_items: int = 0

    def table(self) -> dict[str, float]:
        def share(n):
            return round(n / self.expected, 4) if self.expected else 1.0
        return {"anfragen": self.expected, "found": share(self.found), "false_anfragen": self.false,
                **{f: share(self.correct[f]) for f in FIELDS}}


def score_doc(doc: RealDoc, records: list, fuzzy: bool = False) -> RealScore:
    """Anfragen found and fields right in one document (records: Record objects or dicts)."""
    s = RealScore(expected=len(doc.anfragen()), files=1,
                  files_without_items=int(not any(_get(r, "kind") not in ("Seite", "Abschnitt") for r in records)))
    got = [r for r in records if _get(r, "kind") == "Anfrage"]
    flats = [_flat(_get(r, "text")) for r in got]
    unused = list(range(len(got)))
    for e in doc.anfragen():
        match = next((k for k in unused if _contains(flats[k], e["key_sentence"], fuzzy)), None)
        if match is None:
            s.errors.append(f"{doc.name}: nicht gefunden: {e['number']} {e['title']}")
            continue
        unused.remove(match)
        s.found += 1
        for f in FIELDS:
            want, have = e.get(f), _get(got[match], f)
            if field_ok(f, want, have):
                s.correct[f] += 1
            else:
                s.errors.append(f"{doc.name}: {e['number'] or e['title']}: {f}: erwartet {want!r}, gefunden {have!r}")
    s.false = len(unused)
    for k in unused:
        s.errors.append(f"{doc.name}: falsche Anfrage: {_get(got[k], 'number')} {_get(got[k], 'title')}")
    return s


# --- rendering, ingesting, and every page findable -------------------------------------
MODES = ("digital", "scan", "noisy", "degraded")


def render(doc: RealDoc, mode: str, folder: Path) -> Path:
    """The document as a born-digital PDF, a clean scanned PDF (G4), a noisy TIFF scan or a degraded
    JPEG scan (samples.minutes.render)."""
    from samples import minutes
    return minutes.render(as_book(doc), mode, folder)

_QUERY_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{4,}")


def title_query(title: str | None, words: int = 4) -> str:
    """What staff would type to find an Anfrage they remember by its subject: the first
    content words of its title."""
    from index.analysis import GERMAN_STOPWORDS
    return " ".join([w for w in _QUERY_WORD.findall(title or "") if w.casefold() not in GERMAN_STOPWORDS][:words])


def title_ranks(client, doc: RealDoc, sha: str, fuzzy: bool) -> list[tuple[str, int | None]]:
    """For each annotated Anfrage with a title: its title query and the rank (1–10, None
    beyond) at which that search through /api/search lists a record of this file that holds
    the Anfrage's key sentence."""
    ranks = []
    for e in doc.anfragen():
        q = title_query(e.get("title"))
        if not q:
            continue
        hits = client.get("/api/search", query_string={"q": q, "per_page": 10}).get_json().get("results", [])
        rank = None
        for i, hit in enumerate(hits, start=1):
            if hit.get("source", {}).get("id") != sha or not hit.get("url"):
                continue
            rec = client.get(hit["url"].replace("/anfragen/", "/api/anfragen/", 1)).get_json()
            if _contains(_flat(rec.get("text")), e["key_sentence"], fuzzy):
                rank = i
                break
        ranks.append((q, rank))
    return ranks


def evaluate(part: str, mode: str, workdir: Path, workers: int = 2, corpus: Path = CORPUS) -> dict:
    """Render one part of the corpus in one mode, ingest it with the real CLI into a real index,
    and score it through the JSON API: Anfragen found/false, each field, pages findable."""
    from bench.findable import extracted_texts, file_sha, findable_pages, ingest_and_serve

    docs = load(part, corpus)
    files = [render(doc, mode, workdir / "files") for doc in docs]
    data, client = ingest_and_serve(files, workdir, workers)
    total, pages_ok, pages_all, misses, ranks = RealScore(), 0, 0, [], []
    for doc, path in zip(docs, files):
        sha = file_sha(path)
        info = client.get(f"/api/documents/{sha}").get_json()
        records = [client.get(item["url"].replace("/anfragen/", "/api/anfragen/", 1)).get_json()
                   if item.get("url") else item for item in info.get("items", [])]
        total.add(score_doc(doc, records, fuzzy=mode != "digital"))
        ok, n, miss = findable_pages(client, doc.name, sha, page_texts(doc), extracted_texts(data, sha))
        pages_ok, pages_all, misses = pages_ok + ok, pages_all + n, misses + miss
        for q, rank in title_ranks(client, doc, sha, fuzzy=mode != "digital"):
            ranks.append(rank)
            if rank is None:
                misses.append(f"{doc.name}: Titelsuche „{q}“ findet die Anfrage nicht unter den ersten 10")
    table = total.table()
    table["files_without_items"] = total.files_without_items
    table["pages_findable"] = round(pages_ok / pages_all, 4) if pages_all else 1.0
    # search as staff search: the title's words find the Anfrage (MRR@10 over the Anfragen with a title)
    table["title_search_mrr_at_10"] = round(sum(1 / r for r in ranks if r) / len(ranks), 4) if ranks else 1.0
    return {"table": table, "errors": total.errors + misses, "pages": pages_all, "files": total.files}


def split_score(part: str, corpus: Path = CORPUS) -> RealScore:
    """The splitter alone on each document's page texts (no rendering, no index): the quick
    loop while developing on the development part."""
    from ingest.segment import split_items
    from ratsarchiv.model import PageText

    total = RealScore()
    for doc in load(part, corpus):
        pages = [PageText(i + 1, t, "text-layer") for i, t in enumerate(page_texts(doc))]
        total.add(score_doc(doc, split_items(pages, "0" * 64, doc.file)))
    return total


if __name__ == "__main__":  # python -m bench.realcorpus [development|scoring|all] [--corpus DIR] [--pipeline MODES] [-v]
    import argparse
    import tempfile

    ap = argparse.ArgumentParser(prog="python -m bench.realcorpus",
                                 description="Zerleger auf einem Teil des Korpus: allein, oder mit --pipeline "
                                             "gerendert, eingelesen und über die JSON-API bewertet")
    ap.add_argument("part", nargs="?", default="development", choices=PARTS + ("all",))
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="Ordner mit manifest.json (Standard: ../shared/corpus/real-dev)")
    ap.add_argument("--pipeline", default="", help="Arten, durch die ganze Verarbeitung: digital,scan,noisy,degraded")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("-v", action="store_true", help="jeden Fehler zeigen")
    ap.add_argument("--strict-titles", action="store_true",
                    help="Titel wörtlich vergleichen, auch mit der Art am Anfang ('Kleine Anfrage zum …')")
    args = ap.parse_args()
    STRICT_TITLES = args.strict_titles
    if not args.pipeline:
        score = split_score(args.part, args.corpus)
        print(score.table(), f"Dateien ohne Tagesordnungspunkt: {score.files_without_items} von {score.files}")
        if args.v:
            print("\n".join(score.errors))
    for mode in filter(None, args.pipeline.split(",")):
        if mode not in MODES:
            ap.error(f"unbekannte Art {mode!r}; erlaubt: {', '.join(MODES)}")
        with tempfile.TemporaryDirectory(prefix="ratsarchiv-real-") as tmp:
            result = evaluate(args.part, mode, Path(tmp), args.workers, args.corpus)
        print(mode, result["table"])
        if args.v:
            print("\n".join(result["errors"]))
