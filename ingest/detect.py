"""Recognise what a dropped file is from its bytes, and refuse what we cannot read.

Everything refused here raises a BadInputFile whose message becomes the quarantine
reason, so an archivist reads why a file was not taken, not a stack trace.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from ratsarchiv.errors import (
    BadInputFile, CorruptFile, EmptyFile, EncryptedPdf, ImageTooLarge, TooManyPages,
    UnsupportedFile,
)
from ratsarchiv import pdf
from ratsarchiv.settings import Settings


@dataclass
class Source:
    path: Path
    kind: str  # "pdf" or "image"
    fmt: str  # "PDF", "TIFF", "PNG", "JPEG"
    page_count: int


def sniff(head: bytes) -> str | None:
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "PDF"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    return None


_SUFFIX_FORMAT = {".pdf": "PDF", ".tif": "TIFF", ".tiff": "TIFF", ".png": "PNG",
                  ".jpg": "JPEG", ".jpeg": "JPEG"}


def detect(path: Path, settings: Settings) -> Source:
    """Open the file just far enough to know its kind and page count."""
    size = path.stat().st_size
    if size == 0:
        raise EmptyFile()
    with open(path, "rb") as fh:
        head = fh.read(2048)
    fmt = sniff(head)
    suffix = path.suffix.lower()
    expected = _SUFFIX_FORMAT.get(suffix)
    if fmt is None:
        if expected:
            raise CorruptFile(f"Die Datei endet auf „{suffix}“, enthält aber kein lesbares "
                              f"{expected}. Sie ist beschädigt oder hat die falsche Endung.")
        raise UnsupportedFile(f"Dateityp „{suffix or 'ohne Endung'}“ wird nicht unterstützt. "
                              "Erlaubt sind PDF, TIFF, PNG und JPEG.")
    if expected and expected != fmt and not {expected, fmt} <= {"TIFF", "PNG", "JPEG"}:
        raise UnsupportedFile(f"Die Datei endet auf „{suffix}“, ist aber ein {fmt}. "
                              "Bitte mit der passenden Endung erneut ablegen.")
    if fmt == "PDF":
        return Source(path, "pdf", fmt, _pdf_page_count(path, settings))
    return Source(path, "image", fmt, _image_frame_count(path, settings))


def _pdf_page_count(path: Path, settings: Settings) -> int:
    with open(path, "rb") as fh:
        fh.seek(max(0, path.stat().st_size - 4096))
        tail = fh.read()
    if b"%%EOF" not in tail:
        raise CorruptFile("Die PDF ist unvollständig (abgeschnitten), vermutlich wurde das "
                          "Kopieren abgebrochen. Bitte die Datei erneut ablegen.")
    try:
        count = pdf.page_count(path)
    except pdf.PdfError as exc:
        if exc.encrypted:
            raise EncryptedPdf() from exc
        raise CorruptFile(f"Die PDF ist beschädigt und kann nicht geöffnet werden ({exc}).") from exc
    if count == 0:
        raise CorruptFile("Die PDF enthält keine Seiten.")
    if count > settings.max_pages:
        raise TooManyPages(f"Die PDF hat {count} Seiten; erlaubt sind höchstens "
                           f"{settings.max_pages}. Bitte in kleinere Teile aufteilen.")
    return count


def open_image(path: Path, settings: Settings) -> Image.Image:
    """Open an image with the decompression-bomb guard as a hard error."""
    Image.MAX_IMAGE_PIXELS = settings.max_image_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageTooLarge() from exc
    except Exception as exc:  # PIL raises many kinds for broken files
        raise CorruptFile(f"Das Bild ist beschädigt und kann nicht gelesen werden ({exc}).") from exc


def _image_frame_count(path: Path, settings: Settings) -> int:
    img = open_image(path, settings)
    try:
        count = getattr(img, "n_frames", 1)
        if count > settings.max_pages:
            raise TooManyPages(f"Das Bild hat {count} Seiten; erlaubt sind höchstens {settings.max_pages}.")
        for i in range(count):
            img.seek(i)
            if img.width * img.height > settings.max_image_pixels:
                raise ImageTooLarge()
        return count
    except BadInputFile:
        raise
    except Exception as exc:
        raise CorruptFile(f"Das Bild ist beschädigt und kann nicht gelesen werden ({exc}).") from exc
    finally:
        img.close()
