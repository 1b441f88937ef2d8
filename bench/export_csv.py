"""CSV export of a long result list (`/api/search.csv`, 10,000 rows) against the same query as
one page of `/api/search` (10 hits with snippets and facets), in the same run.

    python -m bench.export_csv [--records N] [--runs R] [--data DIR]

Builds a synthetic index (bench/corpus.py) in a temporary folder; "Magistrat" occurs in
nearly every synthetic Anfrage, so with 12,000 records the export hits the row limit and
ends in the note line. The two sides alternate; medians are printed. Not part of
`python -m bench` (it would add a minute to every run); figures go into bench/README.md.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench import corpus
from bench.common import median


def timed(client, url: str) -> tuple[float, float, int]:
    """(seconds to the first chunk, seconds to the last byte, bytes)."""
    t0 = time.perf_counter()
    resp = client.get(url, buffered=False)
    chunks = iter(resp.response)
    first = next(chunks, b"")
    ttfb = time.perf_counter() - t0
    size = len(first) + sum(len(c) for c in chunks)
    resp.close()
    return ttfb, time.perf_counter() - t0, size


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=12_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--data", type=Path, help="keep the index here and reuse it on the next run")
    args = ap.parse_args(argv)

    from index import writer
    from ratsarchiv.settings import Settings
    from web.app import create_app

    with tempfile.TemporaryDirectory(prefix="ratsarchiv-bench-csv-") as tmp:
        data = args.data or Path(tmp) / "data"
        settings = Settings(data_dir=data, workers=1)
        stamp = data / f"bench-records-{args.records}"
        if not (stamp.exists() and writer.is_current(settings.index_dir)):
            t0 = time.perf_counter()
            ix = writer.create(settings.index_dir)
            writer.write_many(ix, corpus.batches(args.records))
            stamp.touch()
            print(f"index of {args.records} records built in {time.perf_counter() - t0:.0f} s")
        client = create_app(settings).test_client()
        urls = {"page": "/api/search?q=Magistrat", "csv": "/api/search.csv?q=Magistrat",
                "csv_by_date": "/api/search.csv?q=Magistrat&sort=date"}
        for url in urls.values():  # warm the searcher and the facet sets
            timed(client, url)
        results: dict[str, list[tuple[float, float, int]]] = {k: [] for k in urls}
        for _ in range(args.runs):
            for key, url in urls.items():
                results[key].append(timed(client, url))
        tracemalloc.start()
        _, _, size = timed(client, urls["csv"])
        peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
        lines = client.get(urls["csv"]).get_data(as_text=True).splitlines()
        page_ms = median([r[1] for r in results["page"]]) * 1000
        for key, runs in results.items():
            ttfb, total = median([r[0] for r in runs]) * 1000, median([r[1] for r in runs]) * 1000
            print(f"{key:12s} first byte {ttfb:7.0f} ms  complete {total:7.0f} ms  "
                  f"{runs[0][2] / 1024:7.0f} KiB  ratio to one page {total / page_ms:5.1f}")
        print(f"CSV lines: {len(lines)} (header + rows + note); last: {lines[-1][:90]}")
        print(f"Python memory at the peak of one export: {peak:.0f} MiB for a {size / 1024:.0f} KiB file")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
