"""The processing journal: every file the service was handed, and how far it got.

A row is written before any work starts and updated at each step, in SQLite with
WAL and synchronous=FULL, so after a crash or kill -9 the journal says exactly which
files must be taken up again. Nothing is ever removed from it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

STATES = ("queued", "processing", "indexed", "duplicate", "quarantined")
STATE_NAMES = {"queued": "wartet", "processing": "in Arbeit", "indexed": "indexiert",
               "duplicate": "Duplikat", "quarantined": "Quarantäne"}  # as users read them

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sha256 TEXT NOT NULL,
    filename TEXT NOT NULL,
    origin TEXT NOT NULL,          -- where the file was found (inbox path or ingest path)
    stored_path TEXT,              -- where it is kept now (archive or quarantine)
    state TEXT NOT NULL,
    reason TEXT,
    pages INTEGER,
    methods TEXT,                  -- JSON list, one method per page
    items TEXT,                    -- JSON list of {id, kind, number, title}
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS files_sha ON files(sha256);
CREATE INDEX IF NOT EXISTS files_state ON files(state);
"""


PATH_COLUMNS = ("origin", "stored_path")


def _path_to_db(value):
    """A path whose bytes are not UTF-8 (a legacy 8-bit file name; Python holds it with
    surrogates, which SQLite text cannot take) is stored as its bytes, so the journal finds
    the very file again; every other path as text."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return os.fsencode(value)
    return value


def _path_from_db(value):
    return os.fsdecode(value) if isinstance(value, bytes) else value


@dataclass
class FileRow:
    id: int
    sha256: str
    filename: str
    origin: str
    stored_path: str | None
    state: str
    reason: str | None
    pages: int | None
    methods: list[str] = field(default_factory=list)
    items: list[dict] = field(default_factory=list)
    attempts: int = 0
    created_at: float = 0.0
    updated_at: float = 0.0


class Journal:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        with self._lock:
            self._connection().executescript(_SCHEMA)

    def _connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA busy_timeout=30000")
            self._local.conn = conn
        return conn

    @contextmanager
    def _conn(self):
        conn = self._connection()
        with self._lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    @staticmethod
    def _row(r: sqlite3.Row) -> FileRow:
        d = dict(r)
        for key in PATH_COLUMNS:
            d[key] = _path_from_db(d[key])
        d["methods"] = json.loads(d["methods"] or "[]")
        d["items"] = json.loads(d["items"] or "[]")
        return FileRow(**d)

    def add(self, sha256: str, filename: str, origin: str) -> int:
        now = time.time()
        with self._conn() as c:
            cur = c.execute("INSERT INTO files (sha256, filename, origin, state, created_at, updated_at) "
                            "VALUES (?, ?, ?, 'queued', ?, ?)", (sha256, filename, _path_to_db(origin), now, now))
            return int(cur.lastrowid)

    def update(self, file_id: int, **values) -> None:
        for key in ("methods", "items"):
            if key in values and not isinstance(values[key], str):
                values[key] = json.dumps(values[key], ensure_ascii=False)
        for key in PATH_COLUMNS:
            if key in values:
                values[key] = _path_to_db(values[key])
        values["updated_at"] = time.time()
        cols = ", ".join(f"{k} = ?" for k in values)
        with self._conn() as c:
            c.execute(f"UPDATE files SET {cols} WHERE id = ?", (*values.values(), file_id))

    def get(self, file_id: int) -> FileRow | None:
        r = self._connection().execute("SELECT * FROM files WHERE id = ?", (file_id,)).fetchone()
        return self._row(r) if r else None

    def by_sha(self, sha256: str) -> list[FileRow]:
        rows = self._connection().execute("SELECT * FROM files WHERE sha256 = ? ORDER BY id", (sha256,))
        return [self._row(r) for r in rows]

    def primary(self, sha256: str) -> FileRow | None:
        """The row that represents this content: indexed first, else the newest."""
        rows = self.by_sha(sha256)
        for r in rows:
            if r.state == "indexed":
                return r
        return rows[-1] if rows else None

    def indexed_sha(self, sha256: str, exclude_id: int) -> FileRow | None:
        r = self._connection().execute(
            "SELECT * FROM files WHERE sha256 = ? AND state = 'indexed' AND id != ? ORDER BY id LIMIT 1",
            (sha256, exclude_id)).fetchone()
        return self._row(r) if r else None

    def unfinished(self) -> list[FileRow]:
        rows = self._connection().execute(
            "SELECT * FROM files WHERE state IN ('queued', 'processing') ORDER BY id")
        return [self._row(r) for r in rows]

    def all(self, state: str | None = None, limit: int = 1000, offset: int = 0) -> list[FileRow]:
        if state:
            rows = self._connection().execute(
                "SELECT * FROM files WHERE state = ? ORDER BY id DESC LIMIT ? OFFSET ?", (state, limit, offset))
        else:
            rows = self._connection().execute(
                "SELECT * FROM files ORDER BY id DESC LIMIT ? OFFSET ?", (limit, offset))
        return [self._row(r) for r in rows]

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in STATES}
        for state, n in self._connection().execute("SELECT state, COUNT(*) FROM files GROUP BY state"):
            out[state] = n
        return out

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
