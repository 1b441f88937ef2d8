"""Real council documents (../shared/corpus/real-dev): Anfragen found, fields, pages findable.

The corpus is split by document into a development part (tuned to) and a scoring part (only
scored), recorded in tests/groundtruth/real-split.json; both are reported separately. Each
document is rendered born-digital (quick run) and as clean and noisy scans (full run), ingested
with the real CLI and scored through the JSON API.
"""

from __future__ import annotations

from bench import realcorpus
from bench.common import Context

LABELS = {"digital": "born-digital", "scan": "Scan sauber", "noisy": "Scan verrauscht", "degraded": "Scan verblasst"}


def run(ctx: Context) -> dict:
    if not realcorpus.available():
        ctx.say(realcorpus.SKIP_REASON)
        return {"real_corpus_skipped": realcorpus.SKIP_REASON}
    out: dict = {}
    rows = []
    for mode in (["digital"] if ctx.quick else list(realcorpus.MODES)):
        for part in realcorpus.PARTS:
            ctx.say(f"reales Korpus: {part}, {LABELS[mode]}")
            result = realcorpus.evaluate(part, mode, ctx.dir(f"real/{part}/{mode}"), ctx.workers)
            key = f"real_{part}_{mode}"
            for name, value in result["table"].items():
                suffix = "" if name in ("anfragen", "false_anfragen", "files_without_items") else "_ratio"
                out[f"{key}_{name}{suffix}"] = value
            out[f"{key}_errors"] = result["errors"]
            rows.append((part, LABELS[mode], result["table"]))
    fields = list(rows[0][2])
    lines = ["Reales Korpus (Anteil richtig; Anzahlen: anfragen, false_anfragen, files_without_items)",
             " | ".join(["Teil", "Text"] + fields)]
    lines += [" | ".join([part, label] + [str(t[f]) for f in fields]) for part, label, t in rows]
    out["tables"] = ["\n".join(lines)]
    return out
