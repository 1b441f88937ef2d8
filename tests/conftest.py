"""Shared fixtures, composed from each other: real settings in tmp_path, real sample files,
a real pipeline and index, Flask's test client, and the CLI run in-process.

The quick suite (`pytest -m "not slow"`) covers the API and the CLI through `client` and
`cli`; tests that start a real `ratsarchiv` process (`start_service`, `run_cli`) are for
what only a real process shows (signals, ports, crashes, the installed script).
"""

from __future__ import annotations

import contextlib
import io
import os
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.common import ratsarchiv_cmd
from ratsarchiv.settings import Settings

pytest_plugins = ["tests.browsing"]  # the `browser` fixture of the browser tests

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
BORN_DIGITAL = SAMPLES / "fulda-2021-06-14-niederschrift-born-digital.pdf"
# a copy of ../shared/samples/kassel-101.18.1671-extracted.txt, so tests need nothing outside the repo
SHARED_SAMPLE = ROOT / "tests" / "data" / "kassel-101.18.1671-extracted.txt"


@pytest.fixture
def settings(tmp_path) -> Settings:
    """Settings for a fresh, empty data folder and inbox of this test."""
    return Settings(data_dir=tmp_path / "data", inbox=tmp_path / "inbox", settle_seconds=0.5,
                    poll_interval=0.2, workers=2)


@pytest.fixture
def pipeline(settings):
    from ingest.pipeline import Pipeline
    p = Pipeline(settings)
    yield p
    p.close()


@pytest.fixture
def scanned_sample() -> Path:
    return SAMPLES / "kassel-2019-11-04-niederschrift-scan.pdf"


@pytest.fixture
def born_digital_sample() -> Path:
    return BORN_DIGITAL


@pytest.fixture
def tiff_sample() -> Path:
    return SAMPLES / "giessen-2021-09-23-niederschrift-scan.tiff"


# --- one indexed data folder for the whole session (read-only for the tests) ----------------
@pytest.fixture(scope="session")
def indexed_settings(tmp_path_factory) -> Settings:
    """A data folder holding the born-digital sample, indexed (text layer only: no OCR)."""
    from ingest.pipeline import Pipeline
    settings = Settings(data_dir=tmp_path_factory.mktemp("indexed") / "data", workers=2)
    p = Pipeline(settings)
    try:
        out = p.process(BORN_DIGITAL, move=False)
    finally:
        p.close()
    assert out.row.state == "indexed", out.row.reason
    return settings


@pytest.fixture(scope="session")
def index(indexed_settings):
    """A SearchService over the indexed sample."""
    from index.search import SearchService
    return SearchService(indexed_settings.index_dir)


@pytest.fixture(scope="session")
def app(indexed_settings):
    """The Flask app as `ratsarchiv serve` runs it, over the indexed sample."""
    from web import create_app
    return create_app(indexed_settings)


@pytest.fixture
def client(app):
    return app.test_client()


# --- the CLI, in this process -----------------------------------------------------------------
@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(settings, monkeypatch):
    """Run `ratsarchiv ARGS…` as `cli.main(argv)` in this process, on the test's data folder
    (pass data= for another); returns exit code, stdout and stderr."""
    from ratsarchiv import cli as cli_mod
    for key in [k for k in os.environ if k.startswith("RATSARCHIV_")]:
        monkeypatch.delenv(key)

    def run(*args: str, data: Path | None = None) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli_mod.main(["--data", str(data or settings.data_dir), *map(str, args)])
        return CliResult(code, out.getvalue(), err.getvalue())
    return run


# --- real processes ---------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_cli(*args: str, data: Path, timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "RATSARCHIV_DATA": str(data), "PYTHONUNBUFFERED": "1"}
    return subprocess.run(ratsarchiv_cmd() + list(args), capture_output=True, text=True,
                          timeout=timeout, env=env, **kw)


def wait_for(predicate, timeout: float, interval: float = 0.2, what: str = "condition"):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what} (last: {last!r})")


class Service:
    """A real `ratsarchiv` process (run/serve/watch) on a free loopback port."""

    def __init__(self, args: list[str], data: Path, port: int, log: Path):
        self.port, self.data = port, data
        self.url = f"http://127.0.0.1:{port}"
        env = {**os.environ, "RATSARCHIV_DATA": str(data), "PYTHONUNBUFFERED": "1"}
        self.log = open(log, "w")
        self.proc = subprocess.Popen(ratsarchiv_cmd() + args, stdout=self.log, stderr=subprocess.STDOUT,
                                     env=env, start_new_session=True)

    def get(self, path: str, timeout: float = 10):
        import urllib.error
        import urllib.request
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def json(self, path: str):
        import json
        status, _, body = self.get(path)
        return status, json.loads(body)

    def wait_ready(self, timeout: float = 60):
        def ready():
            if self.proc.poll() is not None:
                raise AssertionError(f"service exited with {self.proc.returncode}")
            try:
                return self.get("/healthz", timeout=2)[0] == 200
            except OSError:
                return False
        wait_for(ready, timeout, what="service to answer /healthz")
        return self

    def stop(self, kill: bool = False):
        import signal
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL if kill else signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self.log.close()


@pytest.fixture
def start_service(tmp_path):
    services = []

    def start(*args: str, data: Path | None = None, port: int | None = None) -> Service:
        port = port or free_port()
        data = data or tmp_path / "data"
        svc = Service(list(args) + (["--port", str(port)] if args[0] in ("run", "serve") else []),
                      data, port, tmp_path / f"service-{len(services)}.log")
        services.append(svc)
        return svc

    yield start
    for svc in services:
        svc.stop()
