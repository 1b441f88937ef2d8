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

TEMP_SUFFIXES = (".part", ".partial", ".crdownload", ".tmp", ".temp", ".download", ".swp",
                 ".incoming", ".filepart", "~")
TEMP_PREFIXES = (".", "~$", "~")


class OriginalKept(Exception):
    """The file is safely in the archive, but the original could not be removed from the
    inbox (a read-only share): the watcher must not take it again."""

    def __init__(self, dest: Path):
        super().__init__(str(dest))
        self.dest = dest


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def is_temporary(path: Path) -> bool:
    """A file still being written by a browser, an editor or a copy tool (not taken yet).
    Here rather than in ingest/watcher.py so `ratsarchiv ingest` does not load watchdog."""
    name = path.name
    return name.startswith(TEMP_PREFIXES) or name.lower().endswith(TEMP_SUFFIXES)


def name_is_readable(name: str) -> bool:
    """False for names that are not valid UTF-8 on disk (Python keeps them as surrogates)."""
    try:
        name.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def decode_name(name: str) -> str:
    """The text of a file name as its author wrote it. Names that are not UTF-8 on disk
    (Python keeps their bytes as surrogates) come from Windows shares and old archives in a
    legacy 8-bit encoding: read as CP1252 (Latin-1 where CP1252 leaves a byte undefined)."""
    raw = os.fsencode(name)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def display_name(name: str) -> str:
    """A file name safe to show and store: valid UTF-8, no control characters or slashes."""
    raw = decode_name(name)
    nfc = unicodedata.normalize("NFC", raw)
    # format characters (U+202E right-to-left override …) would make a name display as another
    nfc = "".join(c for c in nfc if unicodedata.category(c) != "Cf" or c in "\u200c\u200d")
    cleaned = _CONTROL.sub("_", nfc).strip().lstrip(".")
    return cleaned[:200] or "unbenannt"


def stored_name(on_disk: str, display: str) -> str:
    """The name a file is kept under in the data folder (archive, duplicates, quarantine):
    its display name, except for a legacy 8-bit name (not UTF-8 on disk), which keeps its
    own bytes there too, so the archived original is the file exactly as it came, name and
    all. Only when re-encoding the display name gives back the very bytes on disk (nothing
    but the encoding differs; `on_disk` may carry a prefix such as a quarantine number);
    a name the display form had to clean stays cleaned."""
    if name_is_readable(on_disk):
        return display
    raw_on_disk = os.fsencode(on_disk)
    for encoding in ("cp1252", "latin-1"):  # the order decode_name tries them
        try:
            raw = display.encode(encoding)
        except UnicodeEncodeError:
            continue
        if raw_on_disk.endswith(raw):
            return os.fsdecode(raw)
    return display


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
        try:
            os.unlink(src)
        except OSError as exc:
            raise OriginalKept(dest) from exc
    return dest


def shown_path(path: Path) -> str:
    """A path as a user reads it: the file name decoded as decode_name does (März, not
    M\\xe4rz), the folders escaped where they are not UTF-8; printing the path itself
    would fail on such bytes. (The journal keeps the path itself, ingest/journal.py.)"""
    folder = os.fsencode(path.parent).decode("utf-8", "backslashreplace")
    return os.path.join(folder, decode_name(path.name)) if path.name else folder
