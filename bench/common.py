"""What every measurement shares: its run context, timing helpers and the real CLI.

Each measurement module has one function `run(ctx) -> dict` returning flat figures
(ratios end in `_ratio`, latencies in `_p50_ms`/`_p95_ms`, peak memory in `_rss_mib`)
and, under the key "tables", optional pre-formatted text for the terminal.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Context:
    work: Path  # scratch folder for this run; everything the bench builds goes here
    quick: bool
    workers: int  # parallel OCR processes for both ratsarchiv and the tesseract baseline
    pages: int | None = None  # override the 500-page memory run
    scan_pages: int | None = None  # pages per scan kind (bench/scan_kinds.py)
    scan_rounds: int | None = None  # alternating rounds per scan kind
    scan_kinds: tuple[str, ...] | None = None  # only these scan kinds
    shared: dict = field(default_factory=dict)  # what one measurement leaves for a later one

    def dir(self, name: str, fresh: bool = True) -> Path:
        d = self.work / name
        if fresh and d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True, exist_ok=True)
        return d

    def say(self, text: str) -> None:
        print(f"  · {text}", file=sys.stderr, flush=True)


def percentile(values: list[float], p: float) -> float:
    """Linear-interpolated percentile (p in 0..100) of a non-empty list."""
    xs = sorted(values)
    if len(xs) == 1:
        return xs[0]
    k = (len(xs) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def median(values: list[float]) -> float:
    return statistics.median(values)


def ratsarchiv_cmd() -> list[str]:
    """The installed console script next to this interpreter, else the module."""
    script = Path(sys.executable).parent / "ratsarchiv"
    return [str(script)] if script.exists() else [sys.executable, "-m", "ratsarchiv.cli"]


def cli_env(**extra: str) -> dict[str, str]:
    """Environment for CLI runs: no RATSARCHIV_* from the caller leaks into a measurement."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RATSARCHIV_")}
    env.update(extra)
    return env


def run_cli(args: list[str], data: Path, timeout: float = 3600) -> tuple[float, subprocess.CompletedProcess]:
    """Run `ratsarchiv --data DATA ARGS…`; returns (wall seconds, completed process)."""
    t0 = time.perf_counter()
    proc = subprocess.run(ratsarchiv_cmd() + ["--data", str(data)] + args, capture_output=True,
                          text=True, env=cli_env(), timeout=timeout, cwd=ROOT)
    return time.perf_counter() - t0, proc


def check_ingest(proc: subprocess.CompletedProcess, what: str) -> None:
    if proc.returncode != 0:
        raise RuntimeError(f"ratsarchiv ingest ({what}) endete mit {proc.returncode}: "
                           f"{(proc.stdout + proc.stderr)[-800:]}")


def get_json(url: str, timeout: float = 5.0) -> dict:
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        return json.loads(resp.read().decode("utf-8"))


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    try:
        tver = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        tver = "nicht gefunden"
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gib": round(mem, 1), "tesseract": tver,
            "python": platform.python_version(), "platform": platform.platform()}


def scanned_books(pages: int):
    """Books from the ground-truth corpus, in order, until at least `pages` pages."""
    from samples.minutes import all_books

    out, n = [], 0
    for book in all_books():
        if n >= pages:
            break
        out.append(book)
        n += len(book.pages)
    return out
