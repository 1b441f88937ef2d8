"""`ratsarchiv check`: make the index agree with the journal after whatever happened.

The journal is the truth: every indexed file must have its records in the index and
nothing else may be there. Differences are repaired from the stored extraction
results, so no OCR runs again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from whoosh import query as Q

from index import writer as index_writer
from ingest.pipeline import Pipeline, item_summaries, records_for


@dataclass
class CheckReport:
    files_indexed: int = 0
    missing_in_index: list[str] = field(default_factory=list)
    orphans_in_index: list[str] = field(default_factory=list)
    missing_originals: list[str] = field(default_factory=list)
    missing_extractions: list[str] = field(default_factory=list)
    unfinished: int = 0
    repaired: bool = False

    @property
    def ok(self) -> bool:
        return not (self.missing_in_index or self.orphans_in_index or self.missing_extractions
                    or self.unfinished)

    def lines(self) -> list[str]:
        out = [f"Indexierte Dateien laut Journal: {self.files_indexed}"]
        out.append(f"Im Index fehlend: {len(self.missing_in_index)}")
        out.append(f"Im Index ohne Journal-Eintrag: {len(self.orphans_in_index)}")
        out.append(f"Unfertige Dateien (nach Absturz): {self.unfinished}")
        if self.missing_extractions:
            out.append(f"Ohne gespeicherten Text (neu einlesen nötig): {len(self.missing_extractions)}")
        if self.missing_originals:
            out.append(f"Original fehlt im Archiv: {len(self.missing_originals)}")
        if self.ok:
            out.append("Alles in Ordnung.")
        elif self.repaired:
            out.append("Repariert.")
        return out


def check(pipeline: Pipeline, repair: bool = True) -> CheckReport:
    report = CheckReport()
    journal = pipeline.journal
    report.unfinished = len(journal.unfinished())
    if repair and report.unfinished:
        pipeline.recover()
    indexed = {r.sha256: r for r in journal.all(state="indexed", limit=10**9)}
    report.files_indexed = len(indexed)
    with pipeline.ix.searcher() as s:
        # the lexicon and estimated_length() still see deleted documents until segments merge
        def live(sha: str) -> int:
            return len(s.search(Q.Term("source_id", sha), limit=None))
        lexicon = {v.decode() if isinstance(v, bytes) else v for v in s.lexicon("source_id")}
        in_index = {sha for sha in lexicon if live(sha)}
        counts = {sha: live(sha) for sha in indexed}
    for sha, row in indexed.items():
        if row.stored_path and not Path(row.stored_path).exists():
            report.missing_originals.append(sha)
        if sha not in in_index or (row.items and counts.get(sha, 0) == 0):
            if pipeline.store.load_extraction(sha) is None:
                report.missing_extractions.append(sha)
            else:
                report.missing_in_index.append(sha)
    report.orphans_in_index = sorted(in_index - set(indexed))
    if repair and not report.ok:
        for sha in report.orphans_in_index:
            index_writer.delete_source(pipeline.ix, sha)
        for sha in report.missing_in_index:
            ex = pipeline.store.load_extraction(sha)
            records = records_for(ex)
            index_writer.write_records(pipeline.ix, records, sha)
            journal.update(indexed[sha].id, items=item_summaries(records))
        for sha in report.missing_extractions:
            row = indexed[sha]
            journal.update(row.id, state="queued", origin=row.stored_path or row.origin)
        if report.missing_extractions:
            pipeline.recover()
        report.repaired = True
    return report
