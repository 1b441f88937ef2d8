"""Index build speed, size and peak memory: synthetic Anfragen written with index.writer.write_many.

Each build runs in its own process (`python -m bench.index_build N DIR`), so its peak
memory is the writer's and not the bench's. The records (bench/corpus.py) are generated
before the clock starts; the time covers analysis, writing and the commits, as
`ratsarchiv reindex` does it. The peak RSS includes the generated records themselves
(reported apart as `…_records_rss_mib`).

A built index is kept in `bench/.work/index-cache/` under a hash of everything it is built
from (corpus and index code, schema version, size), and reused by the next run while that
hash is the same: building 100,000 records takes minutes on two shared cores. A reused
index reports the figures of the run that built it, marked `index_N_from_cache: 1`.
"""

from __future__ import annotations

import hashlib
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench import corpus
from bench.common import ROOT, Context

PROCS = 1  # whoosh's multiprocess writer was slower on 2 cores (pickling every document)
INPUTS = ["bench/corpus.py", "bench/index_build.py", "index/analysis.py", "index/bulk.py", "index/schema.py",
          "index/writer.py", "ratsarchiv/model.py"]


def sizes(ctx: Context) -> list[int]:
    return [1_000] if ctx.quick else [10_000, 100_000]


def dir_mib(path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1024 / 1024


def inputs_hash(n: int) -> str:
    from index.schema import SCHEMA_VERSION
    h = hashlib.sha256(f"{n}\n{SCHEMA_VERSION}\n".encode())
    for rel in INPUTS:
        h.update(rel.encode() + b"\n" + (ROOT / rel).read_bytes())
    return h.hexdigest()[:20]


def build(n: int, index_dir: Path) -> dict:
    """Build the index of n records into index_dir (in this process) and return the figures."""
    from index import writer

    batches = corpus.batches(n)
    records_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    text_mib = sum(len(r.text.encode()) for _, rs in batches for r in rs) / 1024 / 1024
    if index_dir.exists():
        shutil.rmtree(index_dir)
    t0 = time.perf_counter()
    c0 = time.process_time()
    ix = writer.create(index_dir)
    writer.write_many(ix, batches, procs=PROCS)
    secs = time.perf_counter() - t0
    cpu = time.process_time() - c0
    return {f"index_{n}_seconds": round(secs, 1),
            f"index_{n}_anfragen_per_s": round(n / secs, 1),
            f"index_{n}_cpu_anfragen_per_s": round(n / cpu, 1),
            f"index_{n}_text_mib": round(text_mib, 1),
            f"index_{n}_size_mib": round(dir_mib(index_dir), 1),
            f"index_{n}_segments": len(writer.open_index(index_dir)._segments()),
            f"index_{n}_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            f"index_{n}_records_rss_mib": round(records_rss, 1)}


def run(ctx: Context) -> dict:
    from index import writer

    out: dict = {"index_writer_procs": PROCS, "index_writer_limitmb": writer.BULK_LIMIT_MB,
                 "index_writer_segment_records": writer.BULK_SEGMENT_RECORDS}
    cache_root = ctx.work / "index-cache"
    for n in sizes(ctx):
        key = inputs_hash(n)
        index_dir = cache_root / f"{n}-{key}"
        figures_file = index_dir.parent / f"{n}-{key}.json"
        if figures_file.exists() and writer.is_current(index_dir):
            figures = json.loads(figures_file.read_text())
            figures[f"index_{n}_from_cache"] = 1
            ctx.say(f"Index {n}: wiederverwendet ({index_dir.name})")
        else:
            for old in cache_root.glob(f"{n}-*"):  # an older build of the same size
                shutil.rmtree(old) if old.is_dir() else old.unlink()
            cache_root.mkdir(parents=True, exist_ok=True)
            proc = subprocess.run([sys.executable, "-m", "bench.index_build", str(n), str(index_dir)],
                                  capture_output=True, text=True, cwd=ROOT)
            if proc.returncode != 0:
                raise RuntimeError(f"Indexaufbau {n} fehlgeschlagen: {proc.stderr[-1500:]}")
            figures = json.loads(proc.stdout.strip().splitlines()[-1])
            figures_file.write_text(json.dumps(figures) + "\n")
            figures[f"index_{n}_from_cache"] = 0
            ctx.say(f"Index {n}: {figures[f'index_{n}_seconds']} s")
        ctx.shared.setdefault("indexes", {})[n] = index_dir
        out.update(figures)
    return out


if __name__ == "__main__":
    print(json.dumps(build(int(sys.argv[1]), Path(sys.argv[2]))))
