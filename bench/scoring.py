"""Scoring segmentation against ground truth: shared by the accuracy test and the bench.

Expected and found Anfragen are paired by number (or, without one, by title), so one
wrong field costs that field only; an Anfrage that was not found counts as wrong in
every field, and a found Anfrage that has no expected partner is a false Anfrage.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, fields

FIELDS = ("number", "title", "faction", "answered_by", "status", "date", "question_count", "pages")


def norm(value) -> str:
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    text = text.replace("–", "-").replace("—", "-").replace("„", '"').replace("“", '"')
    return re.sub(r"\s+", " ", text).strip().casefold()


def _get(rec, name):
    if isinstance(rec, dict):
        if name == "question_count":
            return len(rec.get("questions") or [])
        return rec.get(name)
    if name == "question_count":
        return len(rec.questions)
    return getattr(rec, name)


@dataclass
class Tally:
    """Counts that add up over books: numbers add, per-field counts add per key, lists extend."""

    def add(self, other: "Tally") -> None:
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, dict):
                for key, n in theirs.items():
                    mine[key] = mine.get(key, 0) + n
            else:
                setattr(self, f.name, mine + theirs)


@dataclass
class Score(Tally):
    expected: int = 0
    found: int = 0
    false: int = 0
    correct: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    errors: list[str] = field(default_factory=list)
    others_expected: int = 0  # Anträge, Vorlagen, Mitteilungen …: found as records of their kind
    others_found: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    def accuracy(self, name: str) -> float:
        return self.correct[name] / self.expected if self.expected else 1.0

    def table(self) -> dict[str, float]:
        others = self.others_found / self.others_expected if self.others_expected else 1.0
        return {"found": round(self.recall, 4), "false_anfragen": self.false, "other_items_found": round(others, 4),
                **{f: round(self.accuracy(f), 4) for f in FIELDS}}


def _pair_key(rec) -> str:
    return norm(_get(rec, "number")) or "title:" + norm(_get(rec, "title"))


def score_book(expected: list[dict], found: list, label: str = "") -> Score:
    exp = [e for e in expected if e["kind"] == "Anfrage"]
    got = [f for f in found if _get(f, "kind") == "Anfrage"]
    s = Score(expected=len(exp))
    unused = list(got)
    for e in exp:
        match = next((g for g in unused if _pair_key(g) == _pair_key(e)), None)
        if match is None:
            match = next((g for g in unused if norm(_get(g, "title")) == norm(e["title"])), None)
        if match is None:
            match = next((g for g in unused if set(_get(g, "pages") or []) & set(e["pages"] or [])
                          and norm(_get(g, "faction")) == norm(e["faction"])), None)
        if match is None:
            s.errors.append(f"{label}: nicht gefunden: {e['number']} {e['title']}")
            continue
        unused.remove(match)
        s.found += 1
        for f in FIELDS:
            want, have = _get(e, f), _get(match, f)
            ok = (want == have) if f in ("pages", "question_count") else norm(want) == norm(have)
            if ok:
                s.correct[f] += 1
            else:
                s.errors.append(f"{label}: {e['number'] or e['title']}: {f}: erwartet {want!r}, gefunden {have!r}")
    s.false = len(unused)
    for g in unused:
        s.errors.append(f"{label}: falsche Anfrage: {_get(g, 'number')} {_get(g, 'title')}")
    others = [f for f in found if _get(f, "kind") != "Anfrage"]
    for e in expected:
        if e["kind"] == "Anfrage":
            continue
        s.others_expected += 1
        if any(_get(o, "kind") == e["kind"] and (_pair_key(o) == _pair_key(e) or norm(_get(o, "title")) == norm(e["title"])
                                                 or (e["number"] and norm(_get(o, "number")) == norm(e["number"])))
               for o in others):
            s.others_found += 1
        else:
            s.errors.append(f"{label}: anderer Eintrag nicht gefunden: {e['kind']} {e['number']} {e['title']}")
    return s


def extract_book(book, mode: str, workdir, settings, pool):
    """Render a ground-truth book as `digital` (text layer), `scan` (clean) or `noisy` (TIFF)
    and run the real extraction on it."""
    from ingest import detect, extract
    from samples import minutes

    path = minutes.render(book, mode, workdir)
    return extract.extract(detect.detect(path, settings), "0" * 64, path.name, settings, pool)

def evaluate(books, mode: str, workdir, settings) -> Score:
    """Segmentation accuracy over books rendered in one mode (real extraction, real OCR)."""
    from concurrent.futures import ThreadPoolExecutor

    from ingest.segment import split_items

    total = Score()
    with ThreadPoolExecutor(max_workers=settings.workers) as pool:
        for book in books:
            ex = extract_book(book, mode, workdir, settings, pool)
            total.add(score_book(book.expected, split_items(ex.pages), book.name))
    return total
