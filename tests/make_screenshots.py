"""Take the README/docs screenshots of the search UI with Debian's chromium.

Usage (from the repository root, with the project installed):

    python tests/make_screenshots.py                 # builds a demo service from samples/
    python tests/make_screenshots.py --url http://127.0.0.1:8000   # against a running service

Without --url it ingests the samples into a temporary data folder, starts a real
`ratsarchiv run` on a free loopback port, drops a zero-byte `kaputt.pdf` into its inbox
(so the archive page shows a quarantined file) and stops the service afterwards.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


# True once the page image under the given hit box has loaded (images load lazily).
IMAGE_LOADED = "rect => { const i = rect.closest('.pagebox').querySelector('img');" \
               " return i.complete && i.naturalWidth > 0; }"


def launch(p):
    """Debian's chromium; Playwright's own browser download is not reachable here."""
    return p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def demo_service(tmp: Path):
    """Ingest the samples, start `ratsarchiv run`, quarantine a broken file; returns the Service."""
    sys.path.insert(0, str(ROOT))
    from tests.conftest import SAMPLES, Service, free_port, run_cli, wait_for

    data, inbox = tmp / "data", tmp / "inbox"
    inbox.mkdir(parents=True)
    files = sorted(str(f) for f in [*SAMPLES.glob("*.pdf"), *SAMPLES.glob("*.tiff")])
    done = run_cli("ingest", *files, data=data, timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"ingest failed:\n{done.stdout}\n{done.stderr}")
    port = free_port()
    svc = Service(["run", "--inbox", str(inbox), "--port", str(port)], data, port, tmp / "service.log")
    svc.wait_ready(60)
    (inbox / "kaputt.pdf").write_bytes(b"")

    def quarantined():
        docs = svc.json("/api/documents")[1]["documents"]
        return any(d["filename"] == "kaputt.pdf" and d["state"] == "quarantined" for d in docs)
    wait_for(quarantined, 30, 0.3, "kaputt.pdf in quarantine")
    return svc


def take(url: str, out: Path = OUT) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    shots = []
    with sync_playwright() as p:
        browser = launch(p)
        try:
            ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
            page = ctx.new_page()

            page.goto(f"{url}/?q=Magistrat")
            page.wait_for_load_state("networkidle")
            shots.append(out / "suche.png")
            page.screenshot(path=shots[-1], full_page=True)

            page.goto(f"{url}/anfragen/101.18.1671?q=Integrationskonzept")
            # The header, fields and the first marked scan, as a person scrolling down sees them.
            hit = page.locator("rect.hitbox").first
            hit.scroll_into_view_if_needed()
            page.wait_for_function(IMAGE_LOADED, arg=hit.element_handle(), timeout=15000)
            page.evaluate("() => window.scrollTo(0, 0)")
            box = hit.bounding_box()
            height = max(900, min(int(box["y"] + box["height"] + 260), 2200))
            page.set_viewport_size({"width": 1280, "height": height})
            shots.append(out / "anfrage.png")
            page.screenshot(path=shots[-1])
            page.set_viewport_size({"width": 1280, "height": 900})

            page.goto(f"{url}/archiv")
            shots.append(out / "archiv.png")
            page.screenshot(path=shots[-1], full_page=True)

            # The Merkliste as staff build it: three hits marked on the result list, then the list.
            page.goto(f"{url}/?q=Magistrat")
            for button in page.locator("li.hit button.mark-btn").all()[:3]:
                button.click()
            page.goto(f"{url}/merkliste")
            page.wait_for_selector("li.mitem")
            shots.append(out / "merkliste.png")
            page.screenshot(path=shots[-1], full_page=True)
            ctx.close()

            phone = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2,
                                        is_mobile=True, has_touch=True, locale="de-DE")
            page = phone.new_page()
            page.goto(f"{url}/?q=Integrationskonzept")
            shots.append(out / "handy.png")
            page.screenshot(path=shots[-1], full_page=True)
            phone.close()
        finally:
            browser.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="a running Ratsarchiv (default: start a demo service from samples/)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    started = time.monotonic()
    if args.url:
        shots = take(args.url.rstrip("/"), args.out)
    else:
        with tempfile.TemporaryDirectory(prefix="ratsarchiv-shots-") as tmp:
            svc = demo_service(Path(tmp))
            try:
                shots = take(svc.url, args.out)
            finally:
                svc.stop()
    for s in shots:
        print(s)
    print(f"{len(shots)} Bildschirmfotos in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
