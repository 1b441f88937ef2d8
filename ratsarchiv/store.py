"""The data folder: every path in it is decided here, and extractions are saved and loaded here.

Layout (unchanged since the first release, so existing data folders keep working):

    archive/<sha[:2]>/<sha>/<filename>     originals that were indexed
    archive/duplicates/<row>-<filename>    the same content dropped again
    quarantine/<row>-<filename>            files that could not be taken, reason in
    quarantine/<row>-<filename>.grund.txt
    extracted/<sha>.json                   page texts and word boxes (reindexing never OCRs again)
    pages/<sha>/<n>.jpg                    display images of the pages, for marking hits
    index/                                 the Whoosh index
    journal.sqlite                         every file handed over, and how far it got

Ingest writes here, the web only reads (and renders a missing page image once).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from ratsarchiv.errors import DataDirError
from ratsarchiv.model import Extraction

REASON_SUFFIX = ".grund.txt"


@dataclass(frozen=True)
class Store:
    root: Path

    # --- the folders --------------------------------------------------------------------
    @property
    def archive_dir(self) -> Path:
        return self.root / "archive"

    @property
    def quarantine_dir(self) -> Path:
        return self.root / "quarantine"

    @property
    def extracted_dir(self) -> Path:
        return self.root / "extracted"

    @property
    def pages_dir(self) -> Path:
        return self.root / "pages"

    @property
    def index_dir(self) -> Path:
        return self.root / "index"

    @property
    def journal_path(self) -> Path:
        return self.root / "journal.sqlite"

    def create(self) -> None:
        """Make the folders ingest writes to; a data folder that cannot hold them is unusable."""
        for d in (self.root, self.archive_dir, self.quarantine_dir, self.extracted_dir, self.pages_dir):
            try:
                d.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DataDirError(f"Der Datenordner ist nicht beschreibbar: „{d}“ kann nicht angelegt "
                                   f"werden ({exc.strerror}).") from exc

    # --- where a file goes --------------------------------------------------------------
    def archive_path(self, sha: str, filename: str) -> Path:
        return self.archive_dir / sha[:2] / sha / filename

    def duplicate_path(self, row_id: int, filename: str) -> Path:
        return self.archive_dir / "duplicates" / f"{row_id}-{filename}"

    def quarantine_path(self, row_id: int, filename: str) -> Path:
        return self.quarantine_dir / f"{row_id}-{filename}"

    @staticmethod
    def reason_path(stored: Path) -> Path:
        """The text file beside a quarantined file that says why it was not taken."""
        return stored.with_name(stored.name + REASON_SUFFIX)

    def is_archived(self, path: Path) -> bool:
        return Path(path).resolve().is_relative_to(self.archive_dir.resolve())

    def is_quarantined(self, path: Path) -> bool:
        return Path(path).resolve().parent == self.quarantine_dir.resolve()

    def original(self, stored_path: str | None) -> Path | None:
        """The archived original at a journal row's stored path, if it really is in the archive."""
        if not stored_path:
            return None
        path = Path(stored_path)
        return path if self.is_archived(path) and path.exists() else None

    # --- extractions --------------------------------------------------------------------
    def extraction_path(self, sha: str) -> Path:
        return self.extracted_dir / f"{sha}.json"

    def save_extraction(self, ex: Extraction) -> None:
        """Written to a temporary name, flushed and renamed: a crash never leaves half a file.
        json.dumps, not json.dump: only the one-shot form uses the C encoder (a page's words
        took ≈ 10 ms in the pure-Python one, in the same process as OCR)."""
        path = self.extraction_path(ex.sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(ex.to_dict(), ensure_ascii=False))
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)

    def load_extraction(self, sha: str) -> Extraction | None:
        path = self.extraction_path(sha)
        if not path.exists():
            return None
        with open(path, encoding="utf-8") as fh:
            return Extraction.from_dict(json.load(fh))

    # --- page images --------------------------------------------------------------------
    def page_image_path(self, sha: str, number: int) -> Path:
        return self.pages_dir / sha / f"{number}.jpg"

    def save_page_image(self, sha: str, number: int, img, width: int) -> Path:
        """A grey JPEG at most `width` pixels wide, the picture hits are marked on."""
        return self.save_page_jpeg(sha, number, display_jpeg(img, width))

    def save_page_jpeg(self, sha: str, number: int, data: bytes) -> Path:
        """A display image made elsewhere (by an OCR worker on another machine)."""
        path = self.page_image_path(sha, number)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        return path


def display_jpeg(img, width: int) -> bytes:
    """The display image's bytes: grey, at most `width` pixels wide (one function, so a page
    read by a remote worker looks exactly as one read here)."""
    import io

    from PIL import Image  # not at import: `ratsarchiv status` should not load PIL

    if img.mode != "L":
        img = img.convert("L")
    if img.width > width:
        factor = img.width // width
        if factor >= 2:
            img = img.reduce(factor)  # box filter: fast, and fine for display
        if img.width > width:
            img = img.resize((width, round(img.height * width / img.width)), Image.Resampling.BILINEAR)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80)
    return buf.getvalue()
