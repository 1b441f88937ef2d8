"""Search relevance: does the Anfrage come first however staff type the query?

Shared by ``tests/test_relevance.py`` and the benchmark. The corpus is every book in
``samples.minutes.all_books()``, rendered as born-digital PDFs and taken through the
real Pipeline into a real index; the queries are ``tests/relevance/queries.json``
(see the README there). Scores are MRR@10 and hit@1, overall and per query kind, plus
the share of top hits whose snippets carry a ``<mark>``.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "relevance" / "queries.json"
K = 10
EQUIVALENT_RATIO = 0.75  # a variant (ae for ä, genitive, number without dots) scores at least this


@dataclass
class QueryResult:
    q: str
    kind: str
    expected: str
    ids: list[str]  # top K ids, best first
    rank: int | None  # 1-based rank of the expected id within the top K
    marked: bool  # the top hit's snippets contain a <mark>
    filters: dict[str, str] = field(default_factory=dict)
    fallback: bool = False  # found only by the any-word fallback (the UI shows a notice)
    same_as: str | None = None  # the canonical spelling this query is a variant of
    ratio: float | None = None  # top score of this query / top score of same_as
    same_top: bool | None = None  # both put the same record first

    @property
    def equivalent(self) -> bool | None:
        if self.same_as is None:
            return None
        return bool(self.same_top and self.ratio is not None and self.ratio >= EQUIVALENT_RATIO)

    @property
    def rr(self) -> float:
        return 1.0 / self.rank if self.rank else 0.0


def load_queries(path: Path = QUERIES) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    return data["queries"] if isinstance(data, dict) else data


def build_index(data_dir: Path, workers: int = 2) -> dict:
    """Render every book as a born-digital PDF and ingest it through the real Pipeline.

    Returns {"index_dir", "files", "records": {id: kind}, "seconds"}; raises when a book
    is not indexed, because relevance on a partial corpus would mean nothing.
    """
    from ingest.pipeline import Pipeline
    from ratsarchiv.settings import Settings
    from samples.minutes import all_books, render_pdf

    data_dir = Path(data_dir)
    src = data_dir / "pdf"
    src.mkdir(parents=True, exist_ok=True)
    settings = Settings(data_dir=data_dir / "data", inbox=data_dir / "inbox", workers=workers)
    t0 = time.perf_counter()
    pipeline = Pipeline(settings)
    records: dict[str, str] = {}
    try:
        jobs = []
        for book in all_books():  # all at once, as `ratsarchiv ingest` takes a folder
            pdf = src / f"{book.name}.pdf"
            render_pdf(book, pdf)
            jobs.append((book, pipeline.submit(pdf, move=False)))
        for book, job in jobs:  # (the books share no record id: commit order does not matter)
            outcome = job.result()
            if outcome.row.state != "indexed":
                raise RuntimeError(f"{book.name}: {outcome.row.state} ({outcome.row.reason})")
            records.update({it["id"]: it["kind"] for it in outcome.row.items or []})
    finally:
        pipeline.close()
    return {"index_dir": settings.index_dir, "files": len(all_books()), "records": records,
            "seconds": round(time.perf_counter() - t0, 2)}


def run_queries(index_dir: Path, queries: list[dict], k: int = K) -> list[QueryResult]:
    """Each query through SearchService.search, as the web UI and /api/search run it."""
    from index.search import SearchParams, SearchService
    from web.results import search_json

    service = SearchService(Path(index_dir))
    out = []
    for spec in queries:
        filters = dict(spec.get("filters") or {})
        if spec.get("kind_filter"):
            filters["kind"] = spec["kind_filter"]
        res = search_json(service.search(SearchParams(q=spec["q"], filters=filters, per_page=k)))
        ids = [r["id"] for r in res["results"]][:k]
        rank = ids.index(spec["expected"]) + 1 if spec["expected"] in ids else None
        top = res["results"][0] if res["results"] else None
        marked = bool(top and any("<mark>" in s for s in top.get("snippets") or []))
        r = QueryResult(spec["q"], spec["kind"], spec["expected"], ids, rank, marked, filters,
                        bool(res.get("fallback")), spec.get("same_as"))
        if r.same_as:
            canon = search_json(service.search(SearchParams(q=r.same_as, filters=filters, per_page=1),
                                               snippets=False))
            ctop = canon["results"][0] if canon["results"] else None
            r.same_top = bool(top and ctop and top["id"] == ctop["id"])
            r.ratio = round(top["score"] / ctop["score"], 3) if top and ctop and ctop["score"] else 0.0
        out.append(r)
    return out


def _summary(results: list[QueryResult]) -> dict:
    n = len(results)
    variants = [r for r in results if r.same_as]
    return {
        "queries": n,
        "mrr_at_10": round(sum(r.rr for r in results) / n, 4) if n else 0.0,
        "hit_at_1": round(sum(r.rank == 1 for r in results) / n, 4) if n else 0.0,
        "hit_at_10": round(sum(r.rank is not None for r in results) / n, 4) if n else 0.0,
        "top_marked": round(sum(r.marked for r in results) / n, 4) if n else 0.0,
        "variants": len(variants),
        "equivalent": round(sum(bool(r.equivalent) for r in variants) / len(variants), 4) if variants else None,
    }


def score(results: list[QueryResult]) -> dict:
    """Overall and per-kind figures, and every query that did not come first."""
    by_kind: dict[str, list[QueryResult]] = defaultdict(list)
    for r in results:
        by_kind[r.kind].append(r)
    return {
        **_summary(results),
        "by_kind": {kind: _summary(rs) for kind, rs in sorted(by_kind.items())},
        "misses": [{"q": r.q, "kind": r.kind, "expected": r.expected, "rank": r.rank,
                    "top3": r.ids[:3], "filters": r.filters} for r in results if r.rank != 1],
        "unmarked": [{"q": r.q, "kind": r.kind, "top": r.ids[0] if r.ids else None}
                     for r in results if not r.marked],
        "fallback": [{"q": r.q, "kind": r.kind, "rank": r.rank} for r in results if r.fallback],
        "not_equivalent": [{"q": r.q, "same_as": r.same_as, "ratio": r.ratio, "same_top": r.same_top}
                           for r in results if r.same_as and not r.equivalent],
    }


def evaluate(data_dir: Path, queries_path: Path = QUERIES) -> dict:
    """Build the index in data_dir, run the queries, return the score dict (with timings)."""
    built = build_index(Path(data_dir))
    queries = load_queries(queries_path)
    missing = sorted({q["expected"] for q in queries} - set(built["records"]))
    t0 = time.perf_counter()
    results = run_queries(built["index_dir"], queries)
    out = score(results)
    out["build_seconds"] = built["seconds"]
    out["query_ms_mean"] = round((time.perf_counter() - t0) * 1000 / max(1, len(queries)), 2)
    out["expected_ids_not_indexed"] = missing
    return out


def table(result: dict) -> str:
    """The per-kind table as plain text, for terminals and test output."""
    def row(name, s):
        eq = "-" if s["equivalent"] is None else f"{s['equivalent']:.3f}"
        return (name, str(s["queries"]), f"{s['mrr_at_10']:.3f}", f"{s['hit_at_1']:.3f}",
                f"{s['top_marked']:.3f}", eq)
    rows = [("kind", "n", "MRR@10", "hit@1", "marked", "equiv")]
    rows += [row(kind, s) for kind, s in result["by_kind"].items()]
    rows.append(row("ALL", result))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
             for r in rows]
    lines.insert(1, "-" * len(lines[0]))
    lines.insert(len(lines) - 1, "-" * len(lines[0]))
    for m in result["misses"]:
        lines.append(f"miss [{m['kind']}] {m['q']!r}: expected {m['expected']} at rank {m['rank']}, "
                     f"top3 {m['top3']}")
    for u in result["unmarked"]:
        lines.append(f"no <mark> [{u['kind']}] {u['q']!r}: top hit {u['top']}")
    for e in result["not_equivalent"]:
        lines.append(f"not equivalent {e['q']!r} vs {e['same_as']!r}: score ratio {e['ratio']}, "
                     f"same top {e['same_top']}")
    for f in result["fallback"]:
        lines.append(f"only by any-word fallback [{f['kind']}] {f['q']!r}: rank {f['rank']}")
    return "\n".join(lines)


if __name__ == "__main__":  # python -m bench.relevance [DIR]
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        res = evaluate(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tmp))
        print(table(res))
        print(json.dumps({k: res[k] for k in ("queries", "mrr_at_10", "hit_at_1", "hit_at_10", "top_marked",
                                              "equivalent", "build_seconds", "query_ms_mean", "expected_ids_not_indexed")}))
