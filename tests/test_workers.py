"""OCR workers through a real redis-server: two real `ratsarchiv worker` processes, a real
`ratsarchiv ingest` as main node, and the in-process path on the same files as reference.

What users rely on: the same text and word boxes as without a broker, and every page in
the index exactly once when a worker is killed with -9 or Redis restarts mid-file.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, free_port, ratsarchiv_cmd, run_cli, wait_for

pytestmark = pytest.mark.slow

REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"
if not Path(REDIS).exists():
    pytest.skip("redis-server fehlt (bash scripts/install.sh --test installiert es)", allow_module_level=True)

REDELIVERY_SECONDS = 5  # RATSARCHIV_BROKER_TIMEOUT in the kill test: a killed worker's page comes back


class RedisServer:
    """A real redis-server on a free loopback port, without persistence (a restart loses
    everything, the hardest case for the main node)."""

    def __init__(self, workdir: Path):
        self.port, self.dir = free_port(), workdir
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen | None = None
        self.start()

    def start(self) -> None:
        self.proc = subprocess.Popen([REDIS, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "no", "--dir", str(self.dir)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(self.ping, 20, 0.05, "redis-server to answer PING")

    def ping(self) -> bool:
        import redis
        try:
            return redis.Redis(port=self.port, socket_timeout=1).ping()
        except redis.ConnectionError:
            return False

    def client(self):
        import redis
        return redis.Redis(port=self.port)

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


class Worker:
    def __init__(self, name: str, broker: str, data: Path, log: Path, concurrency: int = 1,
                 redelivery: float | None = None, pool: str = "prefork"):
        self.name, self.log_path = f"{name}@test", log
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "RATSARCHIV_DATA": str(data)}
        if redelivery:
            env["RATSARCHIV_BROKER_TIMEOUT"] = str(redelivery)
        self.log = open(log, "w")
        self.proc = subprocess.Popen(ratsarchiv_cmd() + ["worker", "--broker", broker, "--concurrency",
                                                         str(concurrency), "--name", self.name, "--pool", pool],
                                     stdout=self.log, stderr=subprocess.STDOUT, env=env, start_new_session=True)

    def text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill(self) -> None:
        """kill -9 of the worker, its pool processes and their tesseracts: a machine gone."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    yield server
    server.kill()


@pytest.fixture
def start_worker(tmp_path, redis_server):
    workers: list[Worker] = []

    def start(name: str, concurrency: int = 1, redelivery: float | None = None, pool: str = "prefork") -> Worker:
        w = Worker(name, redis_server.url, tmp_path / "worker-data", tmp_path / f"{name}.log", concurrency,
                   redelivery, pool)
        workers.append(w)
        return w

    yield start
    for w in workers:
        w.stop()


@pytest.fixture
def start_main(tmp_path):
    """`ratsarchiv ingest` as the main node, in the background; killed if a test fails."""
    mains: list[subprocess.Popen] = []

    def start(path: Path, data: Path, **env_extra: str) -> subprocess.Popen:
        env = {**os.environ, "RATSARCHIV_DATA": str(data), **env_extra}
        mains.append(subprocess.Popen(ratsarchiv_cmd() + ["ingest", str(path)], stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, text=True, env=env))
        return mains[-1]

    yield start
    for m in mains:
        if m.poll() is None:
            m.kill()
            m.communicate()


def wait_ready(redis_server, *workers: Worker) -> None:
    from ingest.broker import cluster_status
    from ratsarchiv.settings import Settings
    settings = Settings(broker=redis_server.url)

    def answering():
        for w in workers:
            if w.proc.poll() is not None:
                raise AssertionError(f"worker {w.name} exited:\n{w.text()}")
        seen = {x.name for x in cluster_status(settings, ping_timeout=0.5).workers or [] if x.answering}
        return {w.name for w in workers} <= seen
    wait_for(answering, 90, 0.1, "workers to answer a ping")


# --- the files: two small scans, bilevel TIFF and grey PDF ---------------------------------------
@pytest.fixture(scope="module")
def two_page_files(tmp_path_factory) -> list[Path]:
    from PIL import Image
    import pypdfium2 as pdfium
    folder = tmp_path_factory.mktemp("files")
    tiff = folder / "giessen-2-seiten.tiff"
    with Image.open(SAMPLES / "giessen-2021-09-23-niederschrift-scan.tiff") as img:
        frames = []
        for i in range(2):
            img.seek(i)
            frames.append(img.copy())
        frames[0].save(tiff, save_all=True, append_images=frames[1:], compression="group4", dpi=(300, 300))
    pdf = folder / "kassel-2-seiten.pdf"
    src = pdfium.PdfDocument(str(SAMPLES / "kassel-2019-11-04-niederschrift-scan.pdf"))
    out = pdfium.PdfDocument.new()
    out.import_pages(src, [0, 1])
    out.save(str(pdf))
    return [tiff, pdf]


@pytest.fixture(scope="module")
def in_process(tmp_path_factory, two_page_files) -> Path:
    """The data folder of the same files read without a broker: the reference."""
    data = tmp_path_factory.mktemp("in-process") / "data"
    env_broker = os.environ.pop("RATSARCHIV_BROKER", None)
    try:
        res = run_cli("ingest", *map(str, two_page_files), data=data)
    finally:
        if env_broker is not None:
            os.environ["RATSARCHIV_BROKER"] = env_broker
    assert res.returncode == 0, res.stdout + res.stderr
    return data


def extractions(data: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (data / "extracted").glob("*.json")}


def page_images(data: Path) -> dict[str, bytes]:
    return {str(p.relative_to(data / "pages")): p.read_bytes() for p in (data / "pages").rglob("*.jpg")}


def index_records(data: Path) -> list[tuple]:
    """Every record in the index with its pages: a page read twice or lost shows here."""
    from whoosh import index as whoosh_index
    ix = whoosh_index.open_dir(str(data / "index"))
    with ix.searcher() as s:
        out = []
        for doc in s.all_stored_fields():
            rec = json.loads(doc["data"])
            out.append((doc["source_id"], doc["id"], tuple(rec.get("pages") or ()), doc.get("text", "")))
    return sorted(out)


def assert_same_as_in_process(data: Path, reference: Path, files: list[Path]) -> None:
    got, want = extractions(data), extractions(reference)
    assert set(got) == set(want) and len(got) == len(files)
    for sha in want:
        assert [p["number"] for p in got[sha]["pages"]] == [1, 2]
        assert all(p["method"] == "ocr" and p["text"].strip() for p in got[sha]["pages"])
        assert got[sha]["pages"] == want[sha]["pages"]  # text, word boxes, confidence: all of it
    assert page_images(data) == page_images(reference)
    assert index_records(data) == index_records(reference)


# --- the tests -------------------------------------------------------------------------------------
def test_two_workers_read_exactly_what_the_in_process_path_reads(
        tmp_path, redis_server, start_worker, two_page_files, in_process):
    a, b = start_worker("wa"), start_worker("wb", pool="threads")  # both pools read the same
    wait_ready(redis_server, a, b)
    data = tmp_path / "data"
    res = run_cli("ingest", *map(str, two_page_files), "--broker", redis_server.url, data=data)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "2 indexiert" in res.stdout
    assert_same_as_in_process(data, in_process, two_page_files)
    done = len(re.findall(r"Seite \d von \w+ gelesen", a.text() + b.text()))
    assert done >= 4, a.text() + b.text()  # the pages really went through the workers
    assert "gelesen" in a.text() and "gelesen" in b.text()  # through both

    status = run_cli("status", "--broker", redis_server.url, data=data)
    assert status.returncode == 0, status.stderr
    assert "0 Seiten in der Warteschlange" in status.stdout
    assert "Worker: 2" in status.stdout
    for w in (a, b):
        assert re.search(rf"{re.escape(w.name)}: antwortet, \d+\.\d Seiten/min", status.stdout), status.stdout
    rate = float(re.search(r"([\d.]+) Seiten/min \(letzte 5 min\)", status.stdout).group(1))
    assert rate == pytest.approx(done / 5, abs=0.05)
    # the archive page shows the same (the web app of a main node with this broker)
    from ratsarchiv.settings import Settings
    from web import create_app
    page = create_app(Settings(data_dir=data, broker=redis_server.url)).test_client().get("/archiv")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "OCR-Worker" in html
    assert all(f"{w.name}</span>: antwortet" in html for w in (a, b)), html
    assert '<span class="queue-length">0</span> Seiten in der Warteschlange' in html
    # nothing left behind in Redis: the main node took and deleted every result
    assert [k for k in redis_server.client().keys("*")
            if k.startswith((b"celery-task-meta-", b"ratsarchiv:tries:"))] == []


def test_worker_killed_mid_file_every_page_once(tmp_path, redis_server, start_worker, start_main, two_page_files,
                                                in_process):
    tiff = two_page_files[0]
    a, b = start_worker("wa", redelivery=REDELIVERY_SECONDS), start_worker("wb", redelivery=REDELIVERY_SECONDS)
    wait_ready(redis_server, a, b)
    data = tmp_path / "data"
    main = start_main(tiff, data, RATSARCHIV_BROKER=redis_server.url,
                      RATSARCHIV_BROKER_TIMEOUT=str(REDELIVERY_SECONDS))
    # each worker holds one of the two pages (prefetch 1, concurrency 1): kill one of them
    wait_for(lambda: "received" in a.text() and "received" in b.text(), 120, 0.05, "both workers to take a page")
    victim, survivor = (a, b) if "gelesen" not in a.text() else (b, a)
    assert "gelesen" not in victim.text(), "both pages finished before the kill; nothing was tested"
    victim.kill()
    out, _ = main.communicate(timeout=300)
    assert main.returncode == 0, out
    # the victim's page came back to the survivor (a slow page may come back to it twice)
    assert len(set(re.findall(r"Seite (\d) von", survivor.text()))) == 2, survivor.text()
    ref = in_process
    sha = next(iter(set(extractions(data))))
    assert extractions(data)[sha]["pages"] == extractions(ref)[sha]["pages"]
    assert index_records(data) == [r for r in index_records(ref) if r[0] == sha]


def test_redis_restart_mid_file_every_page_once(tmp_path, redis_server, start_worker, start_main, two_page_files,
                                                in_process):
    tiff = two_page_files[0]
    a = start_worker("wa", concurrency=2)
    wait_ready(redis_server, a)
    data = tmp_path / "data"
    main = start_main(tiff, data, RATSARCHIV_BROKER=redis_server.url)
    wait_for(lambda: "received" in a.text(), 120, 0.05, "the worker to take a page")
    redis_server.kill()  # queue, unacknowledged tasks and results are gone
    redis_server.start()
    out, _ = main.communicate(timeout=300)
    assert main.returncode == 0, out
    sha = next(iter(set(extractions(data))))
    assert extractions(data)[sha]["pages"] == extractions(in_process)[sha]["pages"]
    assert index_records(data) == [r for r in index_records(in_process) if r[0] == sha]


def test_a_page_that_fails_on_the_worker_goes_to_quarantine_with_its_reason(
        tmp_path, redis_server, start_worker, two_page_files):
    from ingest.pipeline import Pipeline
    from ratsarchiv.settings import Settings
    w = start_worker("wa")
    wait_ready(redis_server, w)
    # a language the workers' tesseract does not have: tesseract itself fails, on every worker
    settings = Settings(data_dir=tmp_path / "data", inbox=tmp_path / "inbox", broker=redis_server.url,
                        ocr_lang="ratsarchiv-fehlt", workers=1)
    pipeline = Pipeline(settings)
    try:
        row = pipeline.process(two_page_files[0], move=False).row
    finally:
        pipeline.close()
    assert row.state == "quarantined"
    assert row.reason.startswith("Die Texterkennung ist fehlgeschlagen")
    assert Path(row.stored_path).with_name(Path(row.stored_path).name + ".grund.txt").exists()


def test_main_node_killed_and_restarted_takes_what_the_workers_finished(
        tmp_path, redis_server, start_worker, two_page_files, in_process):
    from ingest.journal import Journal
    tiff = two_page_files[0]
    w = start_worker("wa")
    wait_ready(redis_server, w)
    inbox, data = tmp_path / "inbox", tmp_path / "data"
    inbox.mkdir()
    env = {**os.environ, "RATSARCHIV_DATA": str(data), "RATSARCHIV_BROKER": redis_server.url,
           "PYTHONUNBUFFERED": "1"}
    cmd = ratsarchiv_cmd() + ["watch", str(inbox), "--settle", "0.3"]
    logs = [open(tmp_path / f"main-{i}.log", "w") for i in range(2)]
    first = subprocess.Popen(cmd, stdout=logs[0], stderr=subprocess.STDOUT, env=env, start_new_session=True)
    second = None
    try:
        shutil.copy(tiff, inbox / tiff.name)
        wait_for(lambda: "received" in w.text(), 120, 0.05, "the worker to take a page")
        os.killpg(first.pid, signal.SIGSTOP)  # frozen: it cannot collect what the worker finishes now
        client = redis_server.client()
        wait_for(lambda: client.keys("celery-task-meta-*"), 120, 0.05, "the worker to store a result")
        os.killpg(first.pid, signal.SIGKILL)  # the main node dies with the page's result unread
        first.wait(10)
        done_before = re.findall(r"Seite (\d) von", w.text())
        second = subprocess.Popen(cmd, stdout=logs[1], stderr=subprocess.STDOUT, env=env, start_new_session=True)
        wait_for(lambda: Journal(data / "journal.sqlite").counts().get("indexed") == 1, 180, 0.2,
                 "the restarted main node to index the file")
    finally:
        for p in (first, second):
            if p is not None and p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
                p.wait(30)
        for f in logs:
            f.close()
    sha = next(iter(extractions(data)))
    assert extractions(data)[sha]["pages"] == extractions(in_process)[sha]["pages"]
    assert index_records(data) == [r for r in index_records(in_process) if r[0] == sha]
    # the page finished while the main node was down was taken from Redis, not read again
    page = done_before[0]
    assert re.findall(r"Seite (\d) von", w.text()).count(page) == 1, w.text()
