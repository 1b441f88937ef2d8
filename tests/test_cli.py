"""The `ratsarchiv` command run in-process (`cli.main(argv)`): output, exit codes, errors.

tests/test_end_to_end.py runs the installed script as a subprocess once, with OCR.
"""

from __future__ import annotations

import json

import pytest

from ratsarchiv.errors import ExitCode
from tests.conftest import BORN_DIGITAL
from tests.test_ingest import ANFRAGE, text_pdf


def test_ingest_then_search_json_then_duplicate_and_status(cli):
    out = cli("ingest", BORN_DIGITAL)
    assert out.code == ExitCode.OK, out.err
    assert "indexiert" in out.out and "Fertig: 1 Dateien – 1 indexiert" in out.out
    assert BORN_DIGITAL.exists()  # ingest copies; the user's file stays where it was

    res = cli("search", "Rosengarten", "--json")
    assert res.code == ExitCode.OK, res.err
    body = json.loads(res.out)
    assert set(body) >= {"query", "total", "page", "per_page", "results", "facets"}
    assert body["results"][0]["title"] == "Sanierung der Grundschule am Rosengarten"
    assert any("<mark>" in s for s in body["results"][0]["snippets"])

    plain = cli("search", "Rosengarten", "--limit", "1")
    assert plain.code == ExitCode.OK and "Sanierung der Grundschule am Rosengarten" in plain.out
    assert "*Rosengarten*" in plain.out  # marks become asterisks on the terminal

    again = cli("ingest", BORN_DIGITAL)
    assert again.code == ExitCode.OK and "Duplikat" in again.out
    status = cli("status")
    assert "indexiert 1" in status.out and "Duplikat 1" in status.out and "Quarantäne: 0" in status.out


def test_quarantine_makes_ingest_exit_2_and_status_shows_the_reason(cli, tmp_path):
    empty = tmp_path / "leer.pdf"
    empty.write_bytes(b"")
    good = text_pdf(tmp_path / "gut.pdf", [ANFRAGE])
    out = cli("ingest", empty, good)
    assert out.code == ExitCode.QUARANTINED and "Quarantäne" in out.out and "indexiert" in out.out
    status = cli("status")
    assert "leer.pdf: Die Datei ist leer" in status.out and "ratsarchiv retry" in status.out
    retry = cli("retry", "all")
    assert retry.code == ExitCode.QUARANTINED  # still empty, still quarantined, reason shown
    assert "Die Datei ist leer" in retry.out


def test_reindex_and_check_work_from_the_stored_text(cli):
    assert cli("ingest", BORN_DIGITAL).code == ExitCode.OK
    before = json.loads(cli("search", "Magistrat", "--json").out)
    rebuilt = cli("reindex")
    assert rebuilt.code == ExitCode.OK and "Index neu aufgebaut:" in rebuilt.out
    after = json.loads(cli("search", "Magistrat", "--json").out)
    assert [r["id"] for r in after["results"]] == [r["id"] for r in before["results"]]
    check = cli("check", "--no-repair")
    assert check.code == ExitCode.OK and "Alles in Ordnung." in check.out


@pytest.mark.parametrize("args, words", [
    (["ingest", "/gibt/es/nicht.pdf"], "gibt es nicht"),
    (["search", "Schule", "--limit", "0"], "--limit muss zwischen 1 und 100"),
    (["retry", "keine-nummer"], "Bitte Nummern"),
    (["retry", "4711"], "nicht in der Quarantäne"),
    (["frobnicate"], "invalid choice"),
    (["search"], "Fehler"),
])
def test_usage_errors_exit_1_with_a_message(cli, args, words):
    out = cli(*args)
    assert out.code == ExitCode.USAGE, (out.out, out.err)
    assert words in out.err, out.err
    assert "Traceback" not in out.err


def test_unusable_data_folder_exits_3_with_a_clear_message(cli, tmp_path):
    blocker = tmp_path / "eine-datei"
    blocker.write_text("kein Ordner")
    out = cli("ingest", BORN_DIGITAL, data=blocker / "data")
    assert out.code == ExitCode.ENVIRONMENT
    assert "Datenordner" in out.err and "beschreibbar" in out.err and "Traceback" not in out.err


def test_help_exits_0(cli):
    assert cli("--help").code == ExitCode.OK


def test_reindex_streams_the_files_and_shows_progress_in_german(pipeline, tmp_path, monkeypatch):
    """Each file's records reach the writer before the next file is read (memory stays flat),
    and the progress counts files; the terminal shows it in German."""
    import io

    from index import writer as index_writer
    from ratsarchiv.cli import Progress
    from tests.test_ingest import text_pdf
    for i in range(3):
        lines = [line.replace("Hundewiese", f"Hundewiese{i}").replace("0042", f"004{i}") for line in ANFRAGE]
        assert pipeline.process(text_pdf(tmp_path / f"n{i}.pdf", [lines]), move=False).row.state == "indexed"
    loaded, taken = [], []
    load = type(pipeline.store).load_extraction
    monkeypatch.setattr(type(pipeline.store), "load_extraction",
                        lambda store, sha: (loaded.append(sha), load(store, sha))[1])
    write_many = index_writer.write_many

    def spying_write_many(ix, batches, **kw):
        def watched():
            for source, records in batches:
                taken.append(len(loaded))  # how many files were read when this one was handed over
                yield source, records
        return write_many(ix, watched(), **kw)

    monkeypatch.setattr(index_writer, "write_many", spying_write_many)
    calls = []
    n = pipeline.reindex(progress=lambda done, total: calls.append((done, total)))
    assert n >= 3 and taken == [1, 2, 3] and calls == [(1, 3), (2, 3), (3, 3)]
    stream = io.StringIO()
    stream.isatty = lambda: True
    bar = Progress("Index neu aufbauen", stream=stream, unit="Dateien")
    bar(2, 3)
    assert "2/3 Dateien" in stream.getvalue()
