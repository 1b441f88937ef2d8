"""Search relevance (MRR@10, hit@1) with the queries of tests/relevance/queries.json.

The scoring lives in bench/relevance.py (shared with tests/test_relevance.py); this only
runs it in the bench's work folder and flattens the figures.
"""

from __future__ import annotations

from bench.common import Context


def available() -> bool:
    from bench import relevance

    return relevance.QUERIES.exists()


def run(ctx: Context) -> dict:
    from bench import relevance

    res = relevance.evaluate(ctx.dir("relevance"))
    out = {"relevance_queries": res["queries"], "relevance_mrr_at_10_ratio": res["mrr_at_10"],
           "relevance_hit_at_1_ratio": res["hit_at_1"], "relevance_hit_at_10_ratio": res["hit_at_10"],
           "relevance_top_marked_ratio": res["top_marked"]}
    for kind, s in res["by_kind"].items():
        out[f"relevance_{kind}_mrr_at_10_ratio"] = s["mrr_at_10"]
    out["relevance_misses"] = res["misses"]
    out["tables"] = [relevance.table(res)]
    return out
