"""Small, fast minute books for the reliability suite, and the bad files users really drop.

Every good file carries one Anfrage with a unique word ("Quellwort") and number, so a
test can ask the real search for each file and know it was indexed exactly once.
Born-digital PDFs come from reportlab (milliseconds each); scans are 1-page PNGs at
150 dpi drawn with PIL (tesseract needs about a second a page).
"""

from __future__ import annotations

import io
import string
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def unique_word(n: int, prefix: str = "quell") -> str:
    """A made-up word that the German analysis keeps whole: letters only, no real stem."""
    letters = string.ascii_lowercase
    tail = "".join(letters[(n // 26 ** k) % 26] for k in range(3))
    return f"{prefix}{tail}x"


def minute_lines(n: int, word: str, title: str | None = None, body: str | None = None) -> list[str]:
    """The lines of a one-page Niederschrift with one Anfrage AN/<n>/2021 about `word`."""
    number = f"AN/{n:04d}/2021"
    title = title or f"Zuschuss für {word.capitalize()}"
    body = body or (f"Die Fraktion bittet um Auskunft zum Projekt {word.capitalize()} und zu den "
                    f"Kosten der Maßnahme {n}.")
    return [
        "Niederschrift der Stadtverordnetenversammlung Musterstadt vom 14.06.2021",
        "",
        f"TOP {1 + n % 9} Anfrage der SPD-Fraktion – {number} – {title}",
        "",
        body,
        "Die SPD-Fraktion fragt den Magistrat:",
        f"1. Wie hoch sind die Kosten für {word.capitalize()} im Jahr 2021?",
        "2. Wann wird der Magistrat berichten?",
        "Die Anfrage wird von Stadtrat Kehl mündlich beantwortet. Damit ist die Anfrage erledigt.",
    ]


def records_per_file() -> int:
    """Records the splitter makes of one such page (its Anfrage and the text around it), so
    index counts can be checked against files without hard-coding what the splitter makes."""
    from ingest.segment import split_items
    from ratsarchiv.model import PageText
    return len(split_items([PageText(1, "\n".join(minute_lines(0, unique_word(0))), "text-layer")]))


def born_digital_pdf(lines: list[str], pages: int = 1, encrypt: str | None = None) -> bytes:
    """A PDF with a real text layer (reportlab); `encrypt` sets a user password."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt=encrypt, invariant=1)
    for _ in range(pages):
        c.setFont("DejaVu", 10)
        y = A4[1] - 72
        for line in lines:
            c.drawString(60, y, line)
            y -= 15
        c.showPage()
    c.save()
    return buf.getvalue()


def scanned_image(lines: list[str], dpi: int = 150) -> Image.Image:
    """A clean A4 page image of the lines, as a scanner at `dpi` would deliver it."""
    w, h = round(8.27 * dpi), round(11.69 * dpi)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, round(11 * dpi / 72))
    y = round(0.9 * dpi)
    for line in lines:
        draw.text((round(0.8 * dpi), y), line, fill=0, font=font)
        y += round(16 * dpi / 72)
    return img


def scanned_png(lines: list[str], dpi: int = 150) -> bytes:
    buf = io.BytesIO()
    scanned_image(lines, dpi).save(buf, "PNG", dpi=(dpi, dpi))
    return buf.getvalue()


def scanned_pdf(pages: list[list[str]], dpi: int = 150) -> bytes:
    """An image-only PDF (no text layer), one scan per page: every page goes through OCR."""
    images = [scanned_image(lines, dpi).convert("RGB") for lines in pages]
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return buf.getvalue()


# --- bad inputs -------------------------------------------------------------------------
def truncated_pdf() -> bytes:
    whole = born_digital_pdf(minute_lines(9001, unique_word(9001, "kaputt")))
    return whole[: len(whole) // 2]


def png_bomb(width: int = 30_000, height: int = 30_000) -> bytes:
    """A valid PNG header claiming width×height pixels (900 MP) with a tiny compressed body."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (len(data).to_bytes(4, "big") + kind + data
                + zlib.crc32(kind + data).to_bytes(4, "big"))
    ihdr = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([1, 0, 0, 0, 0])
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    comp = zlib.compressobj(9)
    data = b"".join(comp.compress(row) for _ in range(64)) + comp.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def pdf_with_javascript(lines: list[str]) -> bytes:
    """A born-digital PDF whose catalog runs JavaScript on open (OpenAction)."""
    pdf = born_digital_pdf(lines)
    # reportlab writes "/Type /Catalog"; add an OpenAction with JavaScript there, same length offsets
    # are not needed: pdfium and pdfplumber rebuild a broken xref table.
    js = b"/OpenAction << /S /JavaScript /JS (app.alert\\('owned'\\);) >> "
    return pdf.replace(b"/Type /Catalog", b"/Type /Catalog " + js, 1)


def malformed_tiff() -> bytes:
    """A TIFF header whose first IFD points far beyond the end of the file."""
    return b"II*\x00" + (0x7FFFFFF0).to_bytes(4, "little") + b"\x00" * 64


def docx_bytes() -> bytes:
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>Anfrage</w:document>")
    return buf.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
