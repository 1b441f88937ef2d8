"""Scan kinds as archives have them: page images with known text, drawn deterministically.

Kinds (the issue-16 table): ``clean`` 300 dpi, ``dpi200``, ``noisy`` (grey paper, JPEG
quality 60, slight blur, grain, salt-and-pepper specks, ±1.5° skew), ``degraded`` (noisy
plus low contrast and the mirrored reverse page showing through) and ``g4`` (bilevel,
CCITT G4, one multi-page TIFF per book).

Pages come from the ground-truth minute books (samples.minutes) and, where it is present,
from the real texts of ``../shared/corpus/real-dev/`` laid out as pages with the same font.
Each page yields the reference text and the image bytes exactly as a scanner would store
them, so plain tesseract and Ratsarchiv read the very same pixels.
"""

from __future__ import annotations

import io
import random
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter


KINDS = ("clean", "dpi200", "noisy", "degraded", "g4")
REAL_DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "real-dev"
LINES = 50  # text lines per page of a real-dev text


@dataclass
class Page:
    doc: str  # the document (book or real-dev file) the page belongs to
    number: int  # 1-based within the document
    text: str  # reference text, as drawn
    lines: list[tuple[str, float, float, bool]]  # (text, x_pt, baseline_pt, bold)


def book_pages(limit: int) -> list[Page]:
    from samples import minutes

    out: list[Page] = []
    if limit <= 0:
        return out
    for book in minutes.all_books():
        for i in range(len(book.pages)):
            lines = [(t, x, y, b) for t, _s, x, y, b in minutes._line_positions(book, i)]
            out.append(Page(book.name, i + 1, minutes.page_text(book, i), lines))
            if len(out) >= limit:
                return out
    return out


def real_dev_pages(limit: int) -> list[Page]:
    """The real texts laid out as pages: their own line breaks, long lines wrapped to the
    text width, LINES lines per page."""
    from samples import minutes

    if not REAL_DEV.is_dir() or limit <= 0:
        return []
    out: list[Page] = []
    for path in sorted(REAL_DEV.glob("[0-9][0-9]-*.txt")):
        lines: list[str] = []
        for raw in path.read_text(encoding="utf-8").splitlines():
            lines += _wrap(raw.strip(), minutes.TEXT_W) if raw.strip() else [""]
        for start in range(0, len(lines), LINES):
            chunk = lines[start:start + LINES]
            if not any(chunk):
                continue
            placed = [(t, minutes.MARGIN_L, minutes.FIRST_BASELINE + k * minutes.LEADING, False)
                      for k, t in enumerate(chunk) if t]
            out.append(Page(path.stem, start // LINES + 1, "\n".join(chunk), placed))
            if len(out) >= limit:
                return out
    return out


def _wrap(text: str, width: float) -> list[str]:
    from samples import minutes

    out, cur = [], ""
    for word in text.split():
        cand = f"{cur} {word}" if cur else word
        if cur and minutes._width(cand) > width:
            out.append(cur)
            cur = word
        else:
            cur = cand
    return out + [cur] if cur else out


def draw(page: Page, dpi: int) -> Image.Image:
    from samples import minutes

    s = dpi / 72.0
    img = Image.new("L", (round(minutes.PAGE_W * s), round(minutes.PAGE_H * s)), 255)
    d = ImageDraw.Draw(img)
    px = round(minutes.FONT_SIZE * s)
    for text, x, y, bold in page.lines:
        d.text((x * s, y * s), text, fill=0, font=minutes._pil_font(bold, px), anchor="ls")
    return img


def _rng(page: Page, kind: str) -> random.Random:
    return random.Random(zlib.crc32(f"{page.doc}/{page.number}/{kind}".encode()))


def _paper(size: tuple[int, int], rng: random.Random, low: int, high: int) -> Image.Image:
    """Grey, slightly uneven paper: a coarse random field, smoothly enlarged."""
    field = Image.new("L", (5, 7))
    field.putdata([rng.randint(low, high) for _ in range(35)])
    return field.resize(size, Image.Resampling.BICUBIC)


def _grain(size: tuple[int, int], rng: random.Random, sigma: float) -> Image.Image:
    """Gaussian grain around 128: a seeded 256² patch tiled in four orientations."""
    patch = Image.new("L", (256, 256))
    patch.putdata([max(0, min(255, int(rng.gauss(128, sigma)))) for _ in range(256 * 256)])
    turns = [patch.rotate(90 * k) for k in range(4)]
    big = Image.new("L", size)
    for y in range(0, size[1], 256):
        for x in range(0, size[0], 256):
            big.paste(turns[rng.randrange(4)], (x, y))
    return big


def _salt_and_pepper(img: Image.Image, rng: random.Random, share: float) -> Image.Image:
    import numpy as np

    a = np.asarray(img).copy()
    gen = np.random.default_rng(rng.randrange(2**32))
    n = int(a.size * share)
    ys, xs = gen.integers(0, a.shape[0], n), gen.integers(0, a.shape[1], n)
    a[ys, xs] = np.where(gen.random(n) < 0.5, 0, 255).astype(np.uint8)
    return Image.fromarray(a)


def noisy(img: Image.Image, rng: random.Random, reverse: Image.Image | None = None,
          low_contrast: bool = False) -> Image.Image:
    """Grey paper, ink not quite black, (bleed-through), skew, blur, grain, specks."""
    size = img.size
    if low_contrast:  # faded ink on dark paper: about 60 grey levels between them
        ink, paper = rng.randint(110, 130), _paper(size, rng, 175, 200)
    else:
        ink, paper = rng.randint(20, 50), _paper(size, rng, 200, 232)
    page = ImageChops.multiply(img.point(lambda v: ink + (255 - ink) * v // 255), paper)
    if reverse is not None:  # the back page, mirrored, shows through thin paper
        ghost = reverse.transpose(Image.Transpose.FLIP_LEFT_RIGHT).filter(ImageFilter.GaussianBlur(2.5))
        page = ImageChops.multiply(page, ghost.point(lambda v: 210 + 45 * v // 255))
    angle = rng.uniform(0.5, 1.5) * rng.choice([-1, 1])
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=int(paper.getpixel((5, 5))))
    page = page.filter(ImageFilter.GaussianBlur(0.8 * size[0] / 2480))
    page = ImageChops.add(page, _grain(size, rng, 10), offset=-128)
    return _salt_and_pepper(page, rng, 0.008 if low_contrast else 0.004)


@dataclass
class ScanPage:
    page: Page
    data: bytes  # the stored image of this page (PNG, JPEG or G4 TIFF)
    suffix: str
    dpi: int


def scan(page: Page, kind: str, reverse: Page | None = None) -> ScanPage:
    """The page drawn as `kind`, encoded as a scanner stores it."""
    dpi = 200 if kind == "dpi200" else 300
    img = draw(page, dpi)
    buf = io.BytesIO()
    if kind in ("clean", "dpi200"):
        img.save(buf, format="PNG", dpi=(dpi, dpi))
        return ScanPage(page, buf.getvalue(), ".png", dpi)
    if kind == "g4":
        img.point(lambda v: 255 if v > 150 else 0, mode="1").save(
            buf, format="TIFF", compression="group4", dpi=(dpi, dpi))
        return ScanPage(page, buf.getvalue(), ".tif", dpi)
    rng = _rng(page, kind)
    back = draw(reverse or page, dpi) if kind == "degraded" else None
    img = noisy(img, rng, back, low_contrast=kind == "degraded")
    img.save(buf, format="JPEG", quality=60, dpi=(dpi, dpi))
    return ScanPage(page, buf.getvalue(), ".jpg", dpi)


def pages(limit_books: int, limit_real: int) -> list[Page]:
    return book_pages(limit_books) + real_dev_pages(limit_real)


def write_documents(scans: list[ScanPage], kind: str, out: Path) -> list[Path]:
    """One file per document as Ratsarchiv gets it: an image-only PDF of the stored page
    images (bytes embedded as they are), or for ``g4`` one multi-page G4 TIFF."""
    import img2pdf

    by_doc: dict[str, list[ScanPage]] = {}
    for sp in scans:
        by_doc.setdefault(sp.page.doc, []).append(sp)
    files = []
    for doc, sps in by_doc.items():
        if kind == "g4":
            path = out / f"{doc}-{kind}.tif"
            frames = [Image.open(io.BytesIO(sp.data)) for sp in sps]
            frames[0].save(path, format="TIFF", save_all=True, append_images=frames[1:],
                           compression="group4", dpi=(sps[0].dpi, sps[0].dpi))
        else:
            path = out / f"{doc}-{kind}.pdf"
            layout = img2pdf.get_fixed_dpi_layout_fun((sps[0].dpi, sps[0].dpi))
            path.write_bytes(img2pdf.convert([sp.data for sp in sps], layout_fun=layout, nodate=True,
                                             engine=img2pdf.Engine.internal))
        files.append(path)
    return files
