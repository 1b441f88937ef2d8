"""Every page findable: ingest files with the real CLI, then search each page's own words.

A page is findable when a few runs of words printed on it (content words that its extracted
text also holds, as a user would read them) find a record of its file through /api/search,
as staff would search. Shared by the real-corpus and the synthetic-book benches and tests.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

_PROBE_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{6,}")  # content words, not "habe Dies etwas"


def probes(page_text: str, readable: str, n: int = 2, words: int = 4) -> list[str]:
    """A few short runs of words printed on a page (that the page's extracted text also holds,
    as a user would see them), from its middle and its end."""
    have = {w.casefold() for w in _PROBE_WORD.findall(readable)}
    usable = [w for w in _PROBE_WORD.findall(page_text) if w.casefold() in have]
    if len(usable) < words:
        return [" ".join(usable)] if usable else []
    starts = sorted({max(0, len(usable) // 2 - words // 2), max(0, len(usable) - words - 2)})[:n]
    return [" ".join(usable[s:s + words]) for s in starts]


def findable_pages(client, name: str, sha: str, printed: list[str], extracted: list[str]) -> tuple[int, int, list[str]]:
    """(pages findable, pages with words, misses): a page is findable when each of its probes
    finds a record of this file through /api/search, as staff would search."""
    found, pages, misses = 0, 0, []
    for number, text in enumerate(printed, start=1):
        if not _PROBE_WORD.search(text):
            continue  # a page without a content word (a page number, a signature line) has nothing to find
        pages += 1
        qs = probes(text, extracted[number - 1] if number <= len(extracted) else "")
        if not qs:
            misses.append(f"{name} S. {number}: kein Wort der Seite im gelesenen Text")
        ok = bool(qs)
        for q in qs:
            data = client.get("/api/search", query_string={"q": q, "per_page": 100}).get_json()
            if not any(r["source"]["id"] == sha for r in data.get("results", [])):
                ok = False
                misses.append(f"{name} S. {number}: „{q}“")
        found += ok
    return found, pages, misses


def ingest_and_serve(files: list[Path], workdir: Path, workers: int = 2):
    """Ingest files with the real CLI into a fresh data folder; a Flask test client on it."""
    from ratsarchiv import cli
    from ratsarchiv.settings import Settings
    from web.app import create_app

    data = workdir / "data"
    code = cli.main(["ingest", "--data", str(data), *map(str, files)])
    if code != 0:
        raise RuntimeError(f"ratsarchiv ingest endete mit {code}")
    return data, create_app(Settings(data_dir=data, inbox=workdir / "inbox", workers=workers)).test_client()


def file_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def extracted_texts(data: Path, sha: str) -> list[str]:
    extracted = json.loads((data / "extracted" / f"{sha}.json").read_text(encoding="utf-8"))
    return [p["text"] for p in extracted["pages"]]
