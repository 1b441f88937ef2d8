"""Query latency with highlights, top 10, on the synthetic indexes; SQLite FTS5 as ceiling.

Whoosh runs through SearchService.search (what /api/search runs: parse, search, facets,
snippets). FTS5 gets the same texts (`unicode61 remove_diacritics 2`) and the nearest
FTS5 form of each query, ranked by bm25 with snippet() and a count(*) for the total; it
has no facets, stemming, compound parts or typo tolerance, so it is a speed ceiling, not
an equal. Then each Whoosh query is taken apart: parse, search alone, search with facets,
snippets, and the search without its fuzzy or compound-prefix variants, so a slow p95 can
be pinned on one stage.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time

from bench import corpus
from bench.common import Context, median, percentile


def query_set() -> list[tuple[str, str, str]]:
    """(kind, whoosh query, FTS5 query)."""
    number = corpus.make_record(123).number
    digits = " ".join(re.findall(r"\d+", number))
    return [
        ("Wort", "Radverkehrskonzept", "Radverkehrskonzept"),
        ("Wörter", "Obdachlosenunterkunft Winter", "Obdachlosenunterkunft Winter"),
        ("häufiges Wort", "Magistrat Fördermittel", "Magistrat Fördermittel"),
        ("Wortteil", "konzept", "konzept"),
        ("Wortteil", "beleuchtung", "beleuchtung"),
        ("ae/oe/ue", "Buergersaal", "Buergersaal"),
        ("ae/oe/ue", "Gruenflaechenamt", "Gruenflaechenamt"),
        ("ss für ß", "Strassenbeleuchtung", "Strassenbeleuchtung"),
        ("Tippfehler", "Integrationskonzebt", "Integrationskonzebt"),
        ("Tippfehler", "Haushaltsatzung", "Haushaltsatzung"),
        ("Wortfolge", '"angespannte Haushaltslage"', '"angespannte Haushaltslage"'),
        ("Feld", "fraktion:SPD Radwege", "faction:SPD AND Radwege"),
        ("Feld", "jahr:2019 Betreuungsplätze", "year:2019 AND Betreuungsplätze"),
        ("Nummer", number, f'"{digits}"'),
    ]


def build_fts(path, n: int) -> float:
    t0 = time.perf_counter()
    db = sqlite3.connect(str(path))
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, text, faction, year, "
               "tokenize='unicode61 remove_diacritics 2')")
    db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?)",
                   ((r.id, r.title, r.text, r.faction, r.date[:4]) for r in corpus.records(n)))
    db.commit()
    db.close()
    return time.perf_counter() - t0


def fts_search(db, q: str) -> list:
    rows = db.execute("SELECT id, title, snippet(docs, 2, '<mark>', '</mark>', '…', 24), bm25(docs) "
                      "FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 10", (q,)).fetchall()
    db.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (q,)).fetchone()
    return rows


def timed(fn, rounds: int) -> list[float]:
    fn()  # warm caches (the first query loads term dictionaries)
    out = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def _without(node, kinds):
    """The query with every sub-query of the given kinds removed (build_query makes a fresh tree)."""
    if hasattr(node, "subqueries"):
        node.subqueries = [_without(q, kinds) for q in node.subqueries if not isinstance(q, kinds)]
    return node


def stages(service, q: str, rounds: int) -> dict[str, float]:
    """Median ms of each stage of one search, measured apart."""
    from whoosh import query as Q, sorting

    from index import highlight
    from index.query import build_query, highlight_terms
    from index.schema import FACET_FIELDS

    s = service.searcher()
    parsed = build_query(service.ix.schema, q)
    facets = {f: sorting.FieldFacet(f, maptype=sorting.Count) for f in FACET_FIELDS}
    hits = s.search_page(parsed, 1, pagelen=10, terms=False)
    texts = [json.loads(h["data"]).get("text") or "" for h in hits]
    terms = highlight_terms(q)
    no_fuzzy = _without(build_query(service.ix.schema, q), (Q.FuzzyTerm,))
    no_prefix = _without(build_query(service.ix.schema, q), (Q.FuzzyTerm, Q.Prefix))
    return {k: round(median(timed(fn, rounds)), 2) for k, fn in {
        "parse": lambda: build_query(service.ix.schema, q),
        "search": lambda: len(s.search_page(parsed, 1, pagelen=10, terms=False)),
        "search_facets": lambda: len(s.search_page(parsed, 1, pagelen=10, terms=False, groupedby=facets)),
        "snippets": lambda: [highlight.snippets(t, terms) for t in texts],
        "search_no_fuzzy": lambda: len(s.search_page(no_fuzzy, 1, pagelen=10, terms=False)),
        "search_no_fuzzy_no_prefix": lambda: len(s.search_page(no_prefix, 1, pagelen=10, terms=False)),
    }.items()}


def run(ctx: Context) -> dict:
    from index.search import SearchParams, SearchService

    rounds = 3 if ctx.quick else 7
    out: dict = {"query_rounds": rounds, "query_count": len(query_set())}
    tables = []
    for n, index_dir in sorted(ctx.shared.get("indexes", {}).items()):
        service = SearchService(index_dir)
        fts_path = ctx.work / "index" / f"fts5-{n}.sqlite"
        fts_path.unlink(missing_ok=True)
        fts_build = build_fts(fts_path, n)
        db = sqlite3.connect(str(fts_path))
        whoosh_ms, fts_ms, rows = [], [], []
        for kind, q, fq in query_set():
            res = service.search(SearchParams(q=q, per_page=10))
            w = timed(lambda: service.search(SearchParams(q=q, per_page=10)), rounds)
            f = timed(lambda: fts_search(db, fq), rounds)
            whoosh_ms += w
            fts_ms += f
            st = stages(service, q, rounds) if not ctx.quick else {}
            rows.append((kind, q, res["total"], median(w), max(w), median(f), st))
        db.close()
        out.update({
            f"query_{n}_whoosh_p50_ms": round(median(whoosh_ms), 2),
            f"query_{n}_whoosh_p95_ms": round(percentile(whoosh_ms, 95), 2),
            f"query_{n}_fts5_p50_ms": round(median(fts_ms), 2),
            f"query_{n}_fts5_p95_ms": round(percentile(fts_ms, 95), 2),
            f"query_{n}_whoosh_vs_fts5_p95_ratio": round(percentile(whoosh_ms, 95) / percentile(fts_ms, 95), 1),
            f"query_{n}_fts5_build_seconds": round(fts_build, 1),
            f"query_{n}_fts5_size_mib": round(fts_path.stat().st_size / 1024 / 1024, 1),
        })
        out[f"query_{n}_per_query"] = [
            {"kind": k, "q": q, "total": t, "whoosh_p50_ms": round(m, 2), "whoosh_max_ms": round(mx, 2),
             "fts5_p50_ms": round(f, 2), **({"stages_ms": st} if st else {})}
            for k, q, t, m, mx, f, st in rows]
        tables.append(_table(n, rows))
    out["tables"] = tables
    return out


def _table(n: int, rows) -> str:
    head = f"Suchanfragen auf {n:_} Anfragen (ms, Median)".replace("_", ".")
    cols = ["Art", "Anfrage", "Treffer", "Whoosh", "FTS5", "parse", "suche", "+facet", "snip",
            "-fuzzy", "-präfix"]
    lines = [head, " | ".join(cols)]
    for k, q, t, m, mx, f, st in rows:
        cells = [k, q, str(t), f"{m:.1f}", f"{f:.2f}"]
        cells += [f"{st[x]:.1f}" for x in ("parse", "search", "search_facets", "snippets", "search_no_fuzzy",
                                           "search_no_fuzzy_no_prefix")] if st else []
        lines.append(" | ".join(cells))
    return "\n".join(lines)
