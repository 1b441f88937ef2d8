"""Rebuild text lines from positioned words, the same way for OCR and text layers.

Both extractors give words with boxes; turning them into lines here (instead of
using each tool's own text) means one behaviour for gaps: a wide horizontal gap
becomes two spaces (so "Stefan Kortmann    Sabine John" stays two names) and a
tall vertical gap becomes a blank line (a paragraph break the segmenter relies on).
"""

from __future__ import annotations

from statistics import median

from ratsarchiv.model import Word


def group_lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped into lines, top to bottom, each line left to right.

    Words that carry line ids (tesseract) keep their grouping; otherwise words are
    clustered by the vertical centre of their boxes.
    """
    if not words:
        return []
    if any(w.line for w in words):
        by_id: dict[int, list[Word]] = {}
        for w in words:
            by_id.setdefault(w.line, []).append(w)
        lines = list(by_id.values())
    else:
        lines = []
        heights = [w.y1 - w.y0 for w in words if w.y1 > w.y0]
        tol = (median(heights) if heights else 0.01) * 0.5
        for w in sorted(words, key=lambda w: ((w.y0 + w.y1) / 2, w.x0)):
            centre = (w.y0 + w.y1) / 2
            if lines:
                last = lines[-1]
                last_centre = sum((x.y0 + x.y1) / 2 for x in last) / len(last)
                if abs(centre - last_centre) <= tol:
                    last.append(w)
                    continue
            lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w.x0)
    lines.sort(key=lambda ln: min(w.y0 for w in ln))
    return lines


def lettered(w: Word) -> bool:
    """A word with a letter or a digit in it (not a mark: ".", "-", "°")."""
    return any(c.isalnum() for c in w.text)


def _slope(lines: list[list[Word]]) -> float:
    """The page's skew as dy/dx of word centres along a line, the median over lines of four words or
    more (0 for a straight page): on a scan tilted by a degree a long line's box is two lines tall."""
    slopes = []
    for ln in lines:
        pts = [((w.x0 + w.x1) / 2, (w.y0 + w.y1) / 2) for w in ln if lettered(w)]
        if len(pts) < 4:
            continue
        mx, my = sum(x for x, _ in pts) / len(pts), sum(y for _, y in pts) / len(pts)
        var = sum((x - mx) ** 2 for x, _ in pts)
        if var > 0:
            slopes.append(sum((x - mx) * (y - my) for x, y in pts) / var)
    return median(slopes) if slopes else 0.0


def layout_text(words: list[Word]) -> tuple[str, list[Word]]:
    """Page text from words, and the words renumbered with their final line index."""
    lines = group_lines(words)
    if not lines:
        return "", []
    char_widths = [(w.x1 - w.x0) / max(1, len(w.text)) for ln in lines for w in ln if w.text]
    char_w = median(char_widths) if char_widths else 0.01
    # where a line stands and how tall it is, from its words with letters or digits: a speck read as "."
    # or "°" beside a line, or the tilt of a skewed scan, must not swallow the gap before a paragraph
    slope = _slope(lines)
    tops, heights = [], []
    for ln in lines:
        inked = [w for w in ln if lettered(w)] or ln
        tops.append(median(w.y0 - slope * (w.x0 + w.x1) / 2 for w in inked))
        heights.append(median(w.y1 - w.y0 for w in inked))
    steps = [b - a for a, b in zip(tops, tops[1:]) if b > a]
    # the line pitch: the smallest step between lines, not the median; where most paragraphs are one
    # line long, most steps span a blank line, and the median would be that wider step (a step tighter
    # than a line's height is no pitch; the height rule below keeps normal lines together anyway)
    step = min((s for s in steps if s >= 0.8 * median(heights)), default=median(heights))
    out: list[str] = []
    renumbered: list[Word] = []
    for i, ln in enumerate(lines):
        if i and tops[i] - tops[i - 1] > max(step * 1.6, median(heights) * 2.2):
            out.append("")
        parts = []
        for j, w in enumerate(ln):
            if j:
                gap = w.x0 - ln[j - 1].x1
                parts.append("    " if gap > char_w * 4 else " ")
            parts.append(w.text)
            renumbered.append(Word(w.text, w.x0, w.y0, w.x1, w.y1, i + 1))
        out.append("".join(parts))
    return "\n".join(out), renumbered
