"""Stage 3c: chair and secretary from the closing signature block, and where that block starts."""

from __future__ import annotations

import re

from ingest.segment.cues import SIGNATURE_ROLE
from ingest.segment.lines import Line


# --- signatures ---------------------------------------------------------------------
def find_signatures(lines: list[Line]) -> tuple[str | None, str | None, int | None]:
    """Chair and secretary from the closing signature block; and where that block starts."""
    chair = secretary = None
    start = None
    texts = [ln.text for ln in lines]
    for i in range(len(texts) - 1, max(-1, len(texts) - 40), -1):
        roles = list(SIGNATURE_ROLE.finditer(texts[i]))
        if not roles or _sentence(texts[i]):
            continue  # "… übernimmt der Stadtverordnetenvorsteher X die Sitzungsleitung.": a role in a sentence
        j = i - 1
        while j >= 0 and not texts[j].strip():
            j -= 1
        if j < 0:
            continue
        names_line = texts[j].strip()
        if SIGNATURE_ROLE.search(names_line) or len(names_line) > 80 or _sentence(names_line):
            continue
        names = [n.strip() for n in re.split(r"\s{2,}", names_line) if n.strip()]
        if len(roles) >= 2 and len(names) == 1:
            tokens = names_line.split()
            half = _split_names(tokens)
            names = [" ".join(tokens[:half]), " ".join(tokens[half:])]
        for role, name in zip(roles, names if len(roles) > 1 else names[:1]):
            if role.group(1).startswith(("Schrift", "Protokoll")):
                secretary = secretary or name
            else:
                chair = chair or name
        start = j if start is None else min(start, j)
        if chair and secretary:
            break
    return chair, secretary, start


def _sentence(text: str) -> bool:
    """A line of running text, not of a signature block: three or more words in small letters
    (names and roles are capitalised; "von", "der", "und" may stand between)."""
    small = [w for w in text.split() if w[:1].islower() and w not in ("von", "van", "de", "der", "und", "zu", "gez.")]
    # "Der Vorsitzende eröffnet die Sitzung.": a sentence, ended by its full stop
    return len(small) >= 3 or (text.rstrip().endswith(".") and len(text.split()) >= 4 and len(small) >= 1)


def _split_names(tokens: list[str]) -> int:
    """Where two names written on one line part, e.g. 'Stefan Kortmann Sabine John' → 2."""
    titles = {"Dr.", "Prof.", "von", "van", "de"}
    real = [i for i, t in enumerate(tokens) if t not in titles]
    if len(real) < 2:
        return max(1, len(tokens) // 2)
    mid = real[len(real) // 2]
    while mid > 0 and tokens[mid - 1] in titles:
        mid -= 1
    return mid


