"""The broker path's pieces that need no Redis: what travels in a task, the task ids that
make a page count once, and the worker command's German errors."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from ingest import broker, remote
from ratsarchiv.model import PageText, Word
from ratsarchiv.settings import Settings, describe
from tests.conftest import run_cli


@pytest.mark.parametrize("mode", ["1", "L", "RGB"])
def test_page_pixels_travel_losslessly_and_keep_their_mode(mode):
    img = Image.new(mode, (301, 199), "white")
    ImageDraw.Draw(img).text((10, 10), "Anfrage 101.18.1671", fill="black")
    back = remote.decode_image(remote.encode_image(img))
    assert back.mode == mode and back.size == img.size and back.tobytes() == img.tobytes()


def test_page_text_comes_back_with_the_very_same_floats():
    page = PageText(3, "Kita Ausbau", "ocr", [Word("Kita", 0.1234567891, 0.2, 1 / 3, 0.25, 1)],
                    2480, 3508, 91.23456789)
    assert remote.page_from_wire(remote.page_to_wire(page)) == page


def test_task_id_is_one_per_file_page_and_ocr_settings():
    a = remote.ocr_settings(Settings(workers=2, data_dir="/tmp/a"))
    b = remote.ocr_settings(Settings(workers=8, data_dir="/tmp/b", broker="redis://x:6379/0"))
    assert a == b  # where a machine keeps its data and how many cores it has do not change a page
    assert "ocr_lang" in a and "cleanup" in a and "broker" not in a
    c = remote.ocr_settings(Settings(cleanup=False))
    sha = "ab" * 32
    assert remote.task_id(sha, 1, a) == remote.task_id(sha, 1, b)
    assert len({remote.task_id(sha, 1, a), remote.task_id(sha, 2, a), remote.task_id(sha, 1, c)}) == 3


def test_broker_password_never_shown():
    url = "redis://:geheim123@archiv-server:6379/0"
    assert "geheim123" not in broker.redacted(url) and "archiv-server:6379" in broker.redacted(url)
    assert "geheim123" not in describe(Settings(broker=url))
    with pytest.raises(broker.BrokerError, match="redis://"):
        broker.check_url("amqp://:geheim123@rabbit/")


def test_unreachable_broker_is_a_state_in_status(tmp_path):
    from tests.conftest import free_port
    res = run_cli("status", "--broker", f"redis://127.0.0.1:{free_port()}/0", data=tmp_path / "data")
    assert res.returncode == 0, res.stderr
    assert "Broker redis://127.0.0.1:" in res.stdout and "nicht erreichbar" in res.stdout


def test_worker_without_broker_is_a_usage_error(tmp_path):
    import os
    import subprocess
    from tests.conftest import ratsarchiv_cmd
    env = {k: v for k, v in os.environ.items() if k != "RATSARCHIV_BROKER"}
    res = subprocess.run(ratsarchiv_cmd() + ["worker"], capture_output=True, text=True, env=env, timeout=60)
    assert res.returncode == 1 and "braucht einen Broker" in res.stderr
    res = subprocess.run(ratsarchiv_cmd() + ["worker", "--broker", "http://rechner/"], capture_output=True,
                         text=True, env=env, timeout=60)
    assert res.returncode == 3 and "Broker-Adresse" in res.stderr


def test_archive_page_says_when_the_broker_is_unreachable(tmp_path):
    from tests.conftest import free_port
    from web import create_app
    settings = Settings(data_dir=tmp_path / "data", broker=f"redis://:geheim@127.0.0.1:{free_port()}/0")
    page = create_app(settings).test_client().get("/archiv")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "OCR-Worker" in html and "nicht erreichbar" in html and "Die Seiten warten" in html
    assert "geheim" not in html
