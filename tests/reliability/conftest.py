"""Helpers for the reliability suite: reading the journal as a user would, measuring a process."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
from pathlib import Path

import pytest

FINAL = ("indexed", "duplicate", "quarantined")


def journal_rows(data: Path) -> list[dict]:
    """Every journal row, read directly from SQLite (works while the service runs: WAL)."""
    path = data / "journal.sqlite"
    if not path.exists():
        return []
    conn = sqlite3.connect(path, timeout=30)
    try:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute("SELECT * FROM files ORDER BY id")]
    except sqlite3.OperationalError:  # table not created yet
        return []
    finally:
        conn.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def vm_hwm_mib(pid: int) -> float:
    """Peak resident memory of a process (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("VmHWM not in /proc status")


def archive_files(data: Path) -> list[Path]:
    """The originals in the archive (without the duplicates folder and temporary names)."""
    root = data / "archive"
    return [p for p in root.rglob("*") if p.is_file() and "duplicates" not in p.relative_to(root).parts
            and not p.name.endswith(".incoming")]


@pytest.fixture
def tmpfs(tmp_path):
    """Mount small tmpfs folders (root only); unmounted at the end. Skips where mounting is not allowed."""
    mounts: list[Path] = []

    def mount(name: str, size: str = "64m", options: str = "") -> Path:
        path = tmp_path / name
        path.mkdir(parents=True, exist_ok=True)
        opts = f"size={size}" + (f",{options}" if options else "")
        res = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(path)], capture_output=True)
        if res.returncode != 0:
            pytest.skip(f"cannot mount tmpfs here: {res.stderr.decode(errors='replace').strip()}")
        mounts.append(path)
        return path

    yield mount
    for path in reversed(mounts):
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


@pytest.fixture
def bind_ro(tmp_path):
    """A read-only bind mount of a folder (root only); skips where not allowed."""
    mounts: list[Path] = []

    def mount(src: Path, name: str) -> Path:
        dest = tmp_path / name
        dest.mkdir(parents=True, exist_ok=True)
        res = subprocess.run(["mount", "--bind", "-o", "ro", str(src), str(dest)], capture_output=True)
        if res.returncode != 0:
            pytest.skip(f"cannot bind-mount read-only here: {res.stderr.decode(errors='replace').strip()}")
        probe = dest / ".probe"
        try:
            probe.write_text("x")
        except OSError:
            pass
        else:
            probe.unlink()
            subprocess.run(["umount", "-l", str(dest)], capture_output=True)
            pytest.skip("read-only bind mount is writable here (old kernel)")
        mounts.append(dest)
        return dest

    yield mount
    for path in reversed(mounts):
        subprocess.run(["umount", "-l", str(path)], capture_output=True)
