"""`python -m bench [--quick] [--out FILE]`: run every measurement, print a table, write JSON.

Each measurement is its own module with `run(ctx) -> dict`; one that breaks is reported
and makes the exit code 1, the others still run. Speed is never asserted: targets are
printed next to the figures, so the quick run in CI checks that everything works.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from pathlib import Path

from bench import (inbox_latency, index_build, ingest_memory, ocr_ingest, query_latency, real_segmentation,
                   scan_kinds, search_relevance, segmentation, textlayer_ingest)
from bench import workers as broker_workers
from bench.common import ROOT, Context, machine

# name -> (module, runs in --quick); order matters: query_latency uses index_build's indexes
MEASUREMENTS = {
    "segmentation": (segmentation, True),
    "real": (real_segmentation, True),
    "textlayer": (textlayer_ingest, True),
    "ocr": (ocr_ingest, True),
    "scan_kinds": (scan_kinds, True),
    "inbox": (inbox_latency, True),
    "index": (index_build, True),
    "query": (query_latency, True),
    "relevance": (search_relevance, True),
    "memory": (ingest_memory, False),
    "workers": (broker_workers, False),  # OCR through Redis: nine OCR runs, too slow for CI
}

TARGETS = [  # (figure, comparison, limit) – shown, never enforced
    ("ocr_ingest_ratio", ">=", 0.95),
    ("workers_one_worker_ratio", ">=", 0.9),
    ("workers_two_workers_ratio", ">=", 0.9),
    *[(f"scan_{kind}_vs_tesseract_ratio", ">=", 0.95) for kind in ("clean", "dpi200", "noisy", "degraded", "g4")],
    ("scan_degraded_ratsarchiv_cer_pct", "<=", 3.0),
    ("textlayer_ingest_pages_per_s", ">=", 20),
    ("query_100000_whoosh_p95_ms", "<=", 50),
    ("real_scoring_digital_found_ratio", ">=", 0.9),
    ("real_scoring_digital_pages_findable_ratio", ">=", 1.0),
    ("query_100000_whoosh_max_ms", "<=", 200),
    ("suggest_100000_p95_ms", "<=", 20),
    ("index_100000_anfragen_per_s", ">=", 500),
    ("index_100000_rss_mib", "<=", 1024),
]


def parse_args(argv):
    p = argparse.ArgumentParser(prog="python -m bench", description="Messungen für Ratsarchiv")
    p.add_argument("--quick", action="store_true", help="kleine Größen, unter 2 Minuten (CI)")
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json", help="JSON-Ergebnis")
    p.add_argument("--work", type=Path, default=ROOT / "bench" / ".work", help="Arbeitsordner für erzeugte Daten")
    p.add_argument("--pages", type=int, help="Seiten für die Speichermessung (Standard 500; "
                                             "mit --quick läuft sie nur, wenn angegeben)")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                   help="parallele tesseract-Prozesse für ingest und Vergleich (Standard: Kerne)")
    p.add_argument("--scan-pages", type=int, help="Seiten je Scan-Art (Standard 24; scan_kinds)")
    p.add_argument("--scan-rounds", type=int, help="abwechselnde Runden je Scan-Art (Standard 5; scan_kinds)")
    p.add_argument("--scan-kinds", help="nur diese Scan-Arten, durch Komma getrennt (clean,dpi200,noisy,degraded,g4)")
    p.add_argument("--only", help="nur diese Messungen, durch Komma getrennt: " + ",".join(MEASUREMENTS))
    return p.parse_args(argv)


def selected(args) -> list[str]:
    if args.only:
        names = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = set(names) - set(MEASUREMENTS)
        if unknown:
            raise SystemExit(f"Unbekannte Messung: {', '.join(sorted(unknown))}")
        if "query" in names and "index" not in names:
            names.insert(names.index("query"), "index")
        return [n for n in MEASUREMENTS if n in names]
    return [n for n, (_, quick) in MEASUREMENTS.items()
            if quick or not args.quick or (n == "memory" and args.pages)]


def fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}".rstrip("0").rstrip(".").replace(",", " ")
    return str(value)


def main(argv=None) -> int:
    args = parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    ctx = Context(work=args.work.resolve(), quick=args.quick, workers=args.workers, pages=args.pages,
                  scan_pages=args.scan_pages, scan_rounds=args.scan_rounds,
                  scan_kinds=tuple(k.strip() for k in args.scan_kinds.split(",") if k.strip())
                  if args.scan_kinds else None)
    figures: dict = {}
    details: dict = {}
    tables: list[str] = []
    failed: dict[str, str] = {}
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    for name in selected(args):
        module = MEASUREMENTS[name][0]
        if hasattr(module, "available") and not module.available():
            print(f"[{name}] übersprungen (Voraussetzung fehlt)", file=sys.stderr, flush=True)
            continue
        print(f"[{name}] …", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        try:
            result = module.run(ctx)
        except Exception as exc:  # one broken measurement must not hide the others
            traceback.print_exc()
            failed[name] = f"{type(exc).__name__}: {exc}"
            continue
        finally:
            seconds[name] = round(time.perf_counter() - t0, 1)
        tables += result.pop("tables", [])
        for key, value in result.items():
            (details if isinstance(value, list | dict) else figures)[key] = value

    report = {"machine": machine(), "quick": args.quick, "workers": args.workers,
              "seconds": {**seconds, "total": round(time.perf_counter() - started, 1)},
              **figures, "details": details, "failed": failed}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    width = max((len(k) for k in figures), default=10)
    print(f"\nRatsarchiv-Messungen ({'kurz' if args.quick else 'voll'}), "
          f"{report['machine']['nproc']} Kerne, {report['machine']['cpu']}, {report['machine']['tesseract']}")
    print("-" * (width + 16))
    for key, value in figures.items():
        print(f"{key:<{width}}  {fmt(value):>12}")
    for table in tables:
        print("\n" + table)
    print("\nZiele:")
    for key, op, limit in TARGETS:
        if key in figures:
            ok = figures[key] >= limit if op == ">=" else figures[key] <= limit
            print(f"  {key} {op} {limit}: {fmt(figures[key])} – {'erreicht' if ok else 'verfehlt'}")
    print(f"\nDauer: {report['seconds']['total']} s; Ergebnis: {args.out}")
    for name, err in failed.items():
        print(f"FEHLER in {name}: {err}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
