"""Repairs of extracted text that every layout needs: line-end hyphens and OCR digit noise."""

from __future__ import annotations

import re

# A word split at the line end: "Integrations-" + "konzept". Not joined when the next
# word is a conjunction ("Bürger- und Ordnungsamt") or starts upper-case (real compounds
# written with a hyphen, "Kita-" / "Ausbau" stays "Kita-Ausbau" by keeping the hyphen).
_CONJUNCTIONS = {"und", "oder", "bzw", "bzw.", "sowie", "als", "wie"}
_HYPHEN_END = re.compile(r"([A-Za-zÄÖÜäöüß])[-¬]$")


def dehyphenate(lines: list[str]) -> list[str]:
    """Join words hyphenated at line ends; keeps the list length (emptied lines stay)."""
    out = list(lines)
    for i in range(len(out) - 1):
        cur = out[i].rstrip()
        if not _HYPHEN_END.search(cur):
            continue
        j = i + 1
        while j < len(out) and not out[j].strip():
            j += 1
        if j >= len(out) or j - i > 2:
            continue
        nxt = out[j].lstrip()
        first, _, rest = nxt.partition(" ")
        if not first or first.lower().strip(",.;:") in _CONJUNCTIONS:
            continue
        if first[0].islower():
            out[i] = cur[:-1] + first
            out[j] = rest.lstrip()
        elif first[0].isupper():
            out[i] = cur + first
            out[j] = rest.lstrip()
    return out


_DIGITISH = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1",
                           "i": "1", "S": "5", "B": "8", "Z": "2"})


def fix_digits(token: str) -> str:
    """Undo OCR letter/digit confusions inside a token that is mostly digits."""
    core = token.strip("-–()[],;:")
    if len(core) < 4:
        return token
    digits = sum(c.isdigit() for c in core)
    if digits / len(core) < 0.6:
        return token
    # a letter prefix belongs to the number ("VO/22/0815", "AN/0123/2021"): keep it
    prefix = re.match(r"[A-Za-zÄÖÜ]{1,5}(?=[/-])", core)
    head = prefix.group(0) if prefix else ""
    return token.replace(core, head + core[len(head):].translate(_DIGITISH))


def fold_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
