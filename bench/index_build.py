"""Index build speed and size: synthetic Anfragen written with index.writer.write_many.

The records (bench/corpus.py) are generated before the clock starts; the time covers
analysis, writing and the one commit, as `ratsarchiv reindex` does it.
"""

from __future__ import annotations

import time

from bench import corpus
from bench.common import Context

PROCS = 1  # whoosh's multiprocess writer was slower on 2 cores (pickling every document)
LIMIT_MB = 256


def sizes(ctx: Context) -> list[int]:
    return [1_000] if ctx.quick else [10_000, 100_000]


def dir_mib(path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1024 / 1024


def run(ctx: Context) -> dict:
    from index import writer

    out: dict = {"index_writer_procs": PROCS, "index_writer_limitmb": LIMIT_MB}
    for n in sizes(ctx):
        batches = corpus.batches(n)
        text_mib = sum(len(r.text.encode()) for _, rs in batches for r in rs) / 1024 / 1024
        index_dir = ctx.dir(f"index/{n}")
        t0 = time.perf_counter()
        ix = writer.create(index_dir)
        writer.write_many(ix, batches, procs=PROCS, limitmb=LIMIT_MB)
        secs = time.perf_counter() - t0
        ctx.shared.setdefault("indexes", {})[n] = index_dir
        ctx.say(f"Index {n}: {secs:.1f} s")
        out.update({f"index_{n}_seconds": round(secs, 1),
                    f"index_{n}_anfragen_per_s": round(n / secs, 1),
                    f"index_{n}_text_mib": round(text_mib, 1),
                    f"index_{n}_size_mib": round(dir_mib(index_dir), 1)})
    return out
