"""What the browser tests share: Debian's chromium driven by Playwright, and a page that records
script errors, CSP violations and failed loads so a test fails on them."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def watched_page(ctx):
    """A page that records script errors, CSP violations and failed loads (except on error pages).

    Chromium reports a failed load (also of the favicon, which Playwright's network events do
    not show) as a console error; it is expected only when the page itself is an error page."""
    pg = ctx.new_page()
    pg.problems, pg.error_pages = [], []
    pg.on("response", lambda r: pg.error_pages.append(r.status)
          if r.request.resource_type == "document" and r.status >= 400 else None)
    pg.on("pageerror", lambda exc: pg.problems.append(f"pageerror: {exc}"))
    pg.on("console", lambda m: pg.problems.append(f"console: {m.text}") if m.type == "error" else None)
    return pg


def assert_clean(pg):
    problems = [m for m in pg.problems if not any(f"status of {s}" in m for s in pg.error_pages)]
    assert not problems, problems
