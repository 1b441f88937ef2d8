"""Moving files without ever losing one: hashing, safe names, archive and quarantine.

A move within one file system is a rename; across file systems (an inbox on a
network share) the file is copied to a temporary name, flushed, renamed into place
and only then removed from the inbox, so a crash leaves at worst two copies.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import unicodedata
from pathlib import Path

_CONTROL = re.compile(r"[\x00-\x1f\x7f/\\]")


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def name_is_readable(name: str) -> bool:
    """False for names that are not valid UTF-8 on disk (Python keeps them as surrogates)."""
    try:
        name.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def display_name(name: str) -> str:
    """A file name safe to show and store: valid UTF-8, no control characters or slashes."""
    raw = os.fsencode(name).decode("utf-8", "replace")
    cleaned = _CONTROL.sub("_", unicodedata.normalize("NFC", raw)).strip().lstrip(".")
    return cleaned[:200] or "unbenannt"


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def place(src: Path, dest: Path, move: bool) -> Path:
    """Put src at dest (moving or copying); returns dest. Never overwrites another file."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.exists():
        stem, suffix = dest.stem, dest.suffix
        n = 2
        while (dest.parent / f"{stem}-{n}{suffix}").exists():
            n += 1
        dest = dest.parent / f"{stem}-{n}{suffix}"
    if move:
        try:
            os.rename(src, dest)
            _fsync_dir(dest.parent)
            return dest
        except OSError:
            pass  # other file system: copy, then remove the original
    tmp = dest.with_name(dest.name + ".incoming")
    shutil.copy2(src, tmp)
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.rename(tmp, dest)
    _fsync_dir(dest.parent)
    if move:
        os.unlink(src)
    return dest
