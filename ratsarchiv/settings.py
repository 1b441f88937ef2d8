"""One settings object, built from CLI flags and RATSARCHIV_* environment variables.

No other module reads os.environ; the object is passed explicitly so a test can
build exactly the configuration it needs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from ratsarchiv.store import Store


def _default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def _default_file_workers() -> int:
    # more files than cores in flight: while one waits for its commit or last OCR page,
    # the others keep the tesseract and text-layer workers busy (measured in bench/)
    return _default_workers() + 2


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(default=Path("ratsarchiv-data"), metadata={"help": "Datenordner (Archiv, Index, Journal)"})
    inbox: Path = field(default=Path("inbox"), metadata={"help": "Eingangsordner, der überwacht wird"})
    host: str = field(default="127.0.0.1", metadata={"help": "Adresse des Webservers"})
    port: int = field(default=8000, metadata={"help": "Port des Webservers"})
    poll: bool = field(default=False, metadata={"help": "Ordner abfragen statt inotify (für Netzlaufwerke)"})
    poll_interval: float = field(default=1.0, metadata={"help": "Sekunden zwischen zwei Abfragen des Eingangs"})
    settle_seconds: float = field(default=2.0, metadata={"help": "so lange müssen Größe und Zeitstempel unverändert sein"})
    workers: int = field(default_factory=_default_workers, metadata={"help": "parallele tesseract-Prozesse"})
    file_workers: int = field(default_factory=_default_file_workers, metadata={"help": "gleichzeitig verarbeitete Dateien"})
    ocr_dpi: int = field(default=300, metadata={"help": "Auflösung, mit der PDF-Seiten für die OCR gerendert werden"})
    ocr_lang: str = field(default="deu", metadata={"help": "tesseract-Sprache"})
    display_width: int = field(default=1240, metadata={"help": "Breite der gespeicherten Seitenbilder in Pixel"})
    max_pages: int = field(default=5000, metadata={"help": "Dateien mit mehr Seiten gehen in Quarantäne"})
    max_image_pixels: int = field(default=200_000_000, metadata={"help": "größere Bilder gelten als Dekompressionsbombe"})
    cleanup: bool = field(default=True, metadata={"help": "schlecht gelesene Scanseiten mit Bildbereinigung erneut erkennen (pro Seite gemessen, siehe bench)"})
    export_max_rows: int = field(default=10_000, metadata={"help": "höchstens so viele Zeilen hat der CSV-Export einer Trefferliste"})
    body_name: str = field(default="Stadtverordnetenversammlung", metadata={"help": "Name der Körperschaft in OParl (Body)"})
    count_threshold: int = field(default=10_000, metadata={"help": "bis zu so vielen Treffern wird genau gezählt, darüber heißt es „mehr als …“"})
    search_cache_mib: int = field(default=256, metadata={"help": "Arbeitsspeicher (MiB) für gelesene Trefferlisten häufiger Wörter, die zwischen Suchen behalten werden"})
    broker: str = field(default="", metadata={"help": "Redis-Adresse für OCR-Worker auf anderen Rechnern, z. B. redis://:PASSWORT@rechner:6379/0 (leer: alles in diesem Prozess)"})
    broker_timeout: float = field(default=300.0, metadata={"help": "Sekunden, nach denen die Seite eines verschwundenen Workers neu verteilt wird"})
    broker_pages: int = field(default=32, metadata={"help": "Seiten einer Datei, die gleichzeitig bei den Workern sein dürfen"})

    def __post_init__(self):
        # absolute paths: Flask's send_file and moved working directories must not change meaning
        object.__setattr__(self, "data_dir", Path(self.data_dir).expanduser().resolve())
        object.__setattr__(self, "inbox", Path(self.inbox).expanduser().resolve())

    @property
    def store(self) -> Store:
        """The data folder's layout (ratsarchiv/store.py owns every path in it)."""
        return Store(self.data_dir)

    # shorthands kept for scripts and benches that read settings.index_dir & co.
    @property
    def index_dir(self) -> Path:
        return self.store.index_dir

    @property
    def archive_dir(self) -> Path:
        return self.store.archive_dir

    @property
    def quarantine_dir(self) -> Path:
        return self.store.quarantine_dir

    @property
    def extracted_dir(self) -> Path:
        return self.store.extracted_dir

    @property
    def pages_dir(self) -> Path:
        return self.store.pages_dir

    @property
    def journal_path(self) -> Path:
        return self.store.journal_path

    def with_overrides(self, **values) -> "Settings":
        """Return a copy with the non-None values applied (CLI flags win over env)."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


def _coerce(kind, raw: str):
    if kind in (bool, "bool"):
        return raw.strip().lower() in ("1", "true", "yes", "ja", "on")
    if kind in (int, "int"):
        return int(raw)
    if kind in (float, "float"):
        return float(raw)
    if kind in (Path, "Path"):
        return Path(raw)
    return raw


def settings_from_env(environ: dict[str, str] | None = None) -> Settings:
    """Settings with each field overridable as RATSARCHIV_<FIELD>, e.g. RATSARCHIV_DATA."""
    environ = os.environ if environ is None else environ
    values = {}
    aliases = {"data_dir": "RATSARCHIV_DATA"}
    for f in fields(Settings):
        key = aliases.get(f.name, "RATSARCHIV_" + f.name.upper())
        if key in environ and environ[key] != "":
            values[f.name] = _coerce(f.type, environ[key])
    return Settings(**values)


def describe(settings: Settings) -> str:
    """One line for the log, without the broker's password."""
    def shown(name, value):
        if name == "broker" and value:
            from urllib.parse import urlsplit
            parts = urlsplit(value)
            if parts.password:
                return value.replace(":" + parts.password + "@", ":***@", 1)
        return value
    return ", ".join(f"{f.name}={shown(f.name, getattr(settings, f.name))}" for f in fields(settings))
