"""Query latency over a realistic mix, with snippets and facets, top 10; SQLite FTS5 on the
same texts in the same run; completions for the search box.

Whoosh runs through SearchService.search (what /api/search runs: parse, search, count,
facets, snippets, „Meinten Sie“). FTS5 gets the same texts (`unicode61 remove_diacritics
2`) and the nearest FTS5 form of each query, ranked by bm25 with snippet() and a count(*)
for the total; it has no facets, stemming, word parts or typo tolerance, so it is a speed
reference, not an equal. The mix has common words, two-word AND, phrases, word parts,
ae/oe/ue, typos, filters, numbers, trailing *, words that are in no record and typos of
them: the misses matter, because a search that finds nothing tries the most variants.

Each query is timed once on a fresh service right after a first warm-up query
(`…_first_…`: the term data of that query not yet read) and then `rounds` times more.
"""

from __future__ import annotations

import re
import sqlite3
import time

from bench import corpus
from bench.common import Context, median, percentile


def query_set() -> list[tuple[str, str, dict, str]]:
    """(kind, Whoosh query, filters, FTS5 query)."""
    numbers = [corpus.make_record(i).number for i in (123, 4567, 9001)]

    def fts_number(n: str) -> str:
        return '"' + " ".join(re.findall(r"[A-Za-z]+|\d+", n.replace("Drs.", ""))) + '"'

    same = [
        ("häufiges Wort", ["Magistrat", "Verwaltung", "Kosten", "Ortsbeirat", "Stadtverordnetenversammlung"]),
        ("zwei häufige Wörter", ["Magistrat Fördermittel", "Bürgerinnen Bürger", "Verwaltung Haushaltslage"]),
        ("Wort", ["Radverkehrskonzept", "Obdachlosenunterkunft", "Integrationskonzept", "Straßenbeleuchtung",
                  "Schulentwicklungsplan", "Nahverkehrsplan", "Baumschutzsatzung", "Leerstandskataster",
                  "Brandschutzbedarfsplan"]),
        ("zwei Wörter", ["Obdachlosenunterkunft Winter", "Sanierung Grundschule", "Fahrgastzahlen gestiegen",
                         "Bebauungsplan Wohnungen", "Kältebus Straßensozialarbeit"]),
        ("Wortfolge", ['"angespannte Haushaltslage"', '"Fördermittel des Landes"', '"zusätzliche Plätze"',
                       '"Sanierung der Grundschule"']),
        ("Wortteil", ["konzept", "beleuchtung", "verkehr", "schutz"]),
        ("ae/oe/ue/ss", ["Buergersaal", "Gruenflaechenamt", "Strassenbeleuchtung", "Foerdermittel",
                         "Uebernachtungsplaetze"]),
        ("Tippfehler", ["Integrationskonzebt", "Haushaltsatzung", "Radverkehrskonzpet", "Obdachlosenunterkumft",
                        "Strassenbeleuchtnug", "Brandschutzbedarfsplna"]),
        ("ohne Treffer", ["Zeppelinhangar", "Quantencomputer", "Weltraumbahnhof", "Windkraftanlage",
                          "Magnetschwebebahn"]),
        ("Tippfehler ohne Treffer", ["Zeppelinhangra", "Quantencomptuer", "Weltraumbahnhfo", "Windkraftanlgae",
                                     "Magnetschwebebhan"]),
    ]
    out = [(kind, q, {}, q) for kind, qs in same for q in qs]
    out += [
        ("Feld", "fraktion:SPD Radwege", {}, "faction:SPD AND Radwege"),
        ("Feld", "jahr:2019 Betreuungsplätze", {}, "year:2019 AND Betreuungsplätze"),
        ("Filter", "Radwege", {"faction": "CDU"}, "faction:CDU AND Radwege"),
        ("Filter", "Magistrat", {"year": "2019"}, "year:2019 AND Magistrat"),
        ("Filter", "Sanierung", {"faction": "SPD", "year": "2015"}, "faction:SPD AND year:2015 AND Sanierung"),
        ("Präfix*", "Integr*", {}, "Integr*"),
        ("Präfix*", "Schul*", {}, "Schul*"),
        ("Präfix*", "Radverkehr*", {}, "Radverkehr*"),
    ]
    out += [("Nummer", n, {}, fts_number(n)) for n in numbers]
    return out


PREFIXES = ["Ra", "Rad", "Radv", "Radverk", "In", "Int", "Integr", "Schu", "Schul", "Bür", "Bue", "Stra",
            "Str", "Ha", "Haus", "Obd", "Kita", "Kit", "Zep", "Fö", "Foe", "Ve", "Ver", "Verw", "Ma", "Mag",
            "Sa", "San", "Wo", "Woh", "Ba", "Bau", "Le", "Lee", "Ge", "Geb", "Nah", "Fa", "Fah", "Qu"]


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


def fts_search(db, q: str) -> int:
    db.execute("SELECT id, title, snippet(docs, 2, '<mark>', '</mark>', '…', 24), bm25(docs) "
               "FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 10", (q,)).fetchall()
    return db.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (q,)).fetchone()[0]


def timed(fn, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def run(ctx: Context) -> dict:
    from index.search import SearchParams, SearchService

    rounds = 3 if ctx.quick else 7
    queries = query_set()
    out: dict = {"query_rounds": rounds, "query_count": len(queries)}
    tables = []
    for n, index_dir in sorted(ctx.shared.get("indexes", {}).items()):
        fts_path = ctx.work / "index" / f"fts5-{n}.sqlite"
        fts_path.parent.mkdir(parents=True, exist_ok=True)
        fts_path.unlink(missing_ok=True)
        fts_build = build_fts(fts_path, n)
        db = sqlite3.connect(str(fts_path))

        t0 = time.perf_counter()
        service = SearchService(index_dir)
        service.search(SearchParams(q="Anfrage"))  # opens the searcher, reads vocabulary and lengths
        open_ms = (time.perf_counter() - t0) * 1000

        def whoosh(q, filters):
            return service.search(SearchParams(q=q, filters=filters, per_page=10))

        first = {}
        for kind, q, filters, fq in queries:  # each query's first run: its postings not yet read
            first[q, tuple(filters.items())] = timed(lambda: whoosh(q, filters), 1)[0]
        rows = []
        all_w, all_f, by_kind = [], [], {}
        for kind, q, filters, fq in queries:
            res = whoosh(q, filters)
            fts_total = fts_search(db, fq)
            w = timed(lambda: whoosh(q, filters), rounds)
            f = timed(lambda: fts_search(db, fq), rounds)
            all_w += w
            all_f += f
            k = by_kind.setdefault(kind, ([], [], []))
            k[0].extend(w)
            k[1].extend(f)
            k[2].append(first[q, tuple(filters.items())])
            rows.append({"kind": kind, "q": q, "filters": filters, "total": res.total,
                         "total_relation": res.total_relation, "suggestion": res.suggestion,
                         "fts5_q": fq, "fts5_total": fts_total,
                         "whoosh_first_ms": round(first[q, tuple(filters.items())], 2),
                         "whoosh_p50_ms": round(median(w), 2), "whoosh_max_ms": round(max(w), 2),
                         "fts5_p50_ms": round(median(f), 2)})
        firsts = list(first.values())
        sugg = []
        for p in PREFIXES:
            service.suggest(p)
            sugg += timed(lambda: service.suggest(p), rounds)
        db.close()
        out.update({
            f"query_{n}_open_ms": round(open_ms, 1),
            f"query_{n}_whoosh_p50_ms": round(median(all_w), 2),
            f"query_{n}_whoosh_p95_ms": round(percentile(all_w, 95), 2),
            f"query_{n}_whoosh_max_ms": round(max(all_w), 2),
            f"query_{n}_whoosh_first_p95_ms": round(percentile(firsts, 95), 2),
            f"query_{n}_whoosh_first_max_ms": round(max(firsts), 2),
            f"query_{n}_fts5_p50_ms": round(median(all_f), 2),
            f"query_{n}_fts5_p95_ms": round(percentile(all_f, 95), 2),
            f"query_{n}_fts5_max_ms": round(max(all_f), 2),
            f"query_{n}_whoosh_vs_fts5_p95_ratio": round(percentile(all_w, 95) / percentile(all_f, 95), 2),
            f"query_{n}_fts5_build_seconds": round(fts_build, 1),
            f"query_{n}_fts5_size_mib": round(fts_path.stat().st_size / 1024 / 1024, 1),
            f"suggest_{n}_p50_ms": round(median(sugg), 2),
            f"suggest_{n}_p95_ms": round(percentile(sugg, 95), 2),
            f"suggest_{n}_max_ms": round(max(sugg), 2),
        })
        out[f"query_{n}_by_kind"] = {
            kind: {"queries": len(fs), "whoosh_p50_ms": round(median(w), 2),
                   "whoosh_p95_ms": round(percentile(w, 95), 2), "whoosh_max_ms": round(max(w), 2),
                   "whoosh_first_max_ms": round(max(fs), 2),
                   "fts5_p50_ms": round(median(f), 2), "fts5_p95_ms": round(percentile(f, 95), 2),
                   "whoosh_vs_fts5_p95_ratio": round(percentile(w, 95) / max(percentile(f, 95), 1e-3), 2)}
            for kind, (w, f, fs) in by_kind.items()}
        out[f"query_{n}_per_query"] = rows
        tables.append(_kind_table(n, out[f"query_{n}_by_kind"]))
        tables.append(_table(n, rows))
    out["tables"] = tables
    return out


def _kind_table(n: int, by_kind: dict) -> str:
    head = f"Suchanfragen auf {n:_} Anfragen je Art (ms)".replace("_", ".")
    lines = [head, "Art | Anfragen | Whoosh p50 | p95 | max | erster max | FTS5 p50 | p95 | p95-Verhältnis"]
    for kind, k in by_kind.items():
        lines.append(f"{kind} | {k['queries']} | {k['whoosh_p50_ms']:.1f} | {k['whoosh_p95_ms']:.1f} | "
                     f"{k['whoosh_max_ms']:.1f} | {k['whoosh_first_max_ms']:.1f} | {k['fts5_p50_ms']:.2f} | "
                     f"{k['fts5_p95_ms']:.2f} | {k['whoosh_vs_fts5_p95_ratio']:.1f}")
    return "\n".join(lines)


def _table(n: int, rows) -> str:
    head = f"Suchanfragen auf {n:_} Anfragen (ms, Median)".replace("_", ".")
    lines = [head, "Art | Anfrage | Treffer | FTS5-Treffer | Whoosh | erster | FTS5 | Meinten Sie"]
    for r in rows:
        q = r["q"] + (" " + " ".join(f"{k}={v}" for k, v in r["filters"].items()) if r["filters"] else "")
        total = f"{'≥' if r['total_relation'] == 'gte' else ''}{r['total']}"
        lines.append(f"{r['kind']} | {q} | {total} | {r['fts5_total']} | {r['whoosh_p50_ms']:.1f} | "
                     f"{r['whoosh_first_ms']:.1f} | {r['fts5_p50_ms']:.2f} | {r['suggestion'] or ''}")
    return "\n".join(lines)
