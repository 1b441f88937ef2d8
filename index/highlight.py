"""Short passages around the matched words, HTML-escaped with <mark> as the only markup.

A word matches when its stem is one of the query's stems, when its stem is close
to one (one edit, for OCR noise) or when a query word sits inside it (compounds).
The same test marks words on page images, so the scan shows what the snippet shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

import re

from index.analysis import TOKEN_PATTERN, fold, stem

_WORDS = re.compile(TOKEN_PATTERN)


@dataclass
class MatchTerms:
    stems: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)  # found inside longer words
    words: set[str] = field(default_factory=set)  # folded words, matched with one edit
    # answers already worked out, by word as written: the same words recur in every hit's text
    memo: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def __bool__(self) -> bool:
        return bool(self.stems or self.prefixes or self.words)


def _within_one(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 6:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    for i in range(len(b)):
        if a == b[:i] + b[i + 1:]:
            return True
    return False


LONG_WORD = 12  # as index.query.LONG_WORD: from here two edits count as one typo


def _within_two(a: str, b: str) -> bool:
    """Optimal string alignment distance ≤ 2 (a swap of two letters is one edit)."""
    if abs(len(a) - len(b)) > 2:
        return False
    prev2, prev = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]))
            if prev2 is not None and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > 2:
            return False
        prev2, prev = prev, cur
    return prev[-1] <= 2


def word_matches(folded: str, stemmed: str, terms: MatchTerms) -> bool:
    if stemmed in terms.stems:
        return True
    if any(p in folded for p in terms.prefixes if len(folded) > len(p)):
        return True
    return any(_within_one(folded, w) or (len(w) >= LONG_WORD and _within_two(folded, w))
               for w in terms.words)


def match_spans(text: str, terms: MatchTerms) -> list[tuple[int, int]]:
    """Spans of the matched words; each distinct word as written is judged once per MatchTerms."""
    if not terms:
        return []
    memo = terms.memo
    out = []
    for m in _WORDS.finditer(text):
        w = m.group()
        hit = memo.get(w)
        if hit is None:
            folded = fold(w)
            hit = memo[w] = word_matches(folded, stem(folded), terms)
        if hit:
            out.append(m.span())
    return out


def mark_all(text: str, terms: MatchTerms) -> str:
    """The whole text escaped, every matched word in <mark>."""
    out, pos = [], 0
    for a, b in match_spans(text, terms):
        out.append(escape(text[pos:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        pos = b
    out.append(escape(text[pos:]))
    return "".join(out)


def snippets(text: str, terms: MatchTerms, count: int = 3, width: int = 180) -> list[str]:
    spans = match_spans(text, terms)
    if not spans:
        return [escape(_shorten(text, width))] if text.strip() else []
    clusters: list[list[tuple[int, int]]] = []
    for span in spans:
        if clusters and span[0] - clusters[-1][0][0] < width * 0.7:
            clusters[-1].append(span)
        else:
            clusters.append([span])

    def richness(cl):
        return len({text[a:b].lower() for a, b in cl}), len(cl), -cl[0][0]

    windows: list[tuple[int, int]] = []
    for cl in sorted(clusters, key=richness, reverse=True):
        win = _window(text, cl[0][0], cl[-1][1], width)
        if all(win[1] <= a or win[0] >= b for a, b in windows):
            windows.append(win)
        if len(windows) == count:
            break
    out = []
    for start, end in sorted(windows):
        parts, pos = [], start
        for a, b in spans:
            if a >= start and b <= end:
                parts.append(escape(text[pos:a]) + f"<mark>{escape(text[a:b])}</mark>")
                pos = b
        parts.append(escape(text[pos:end]))
        snippet = " ".join("".join(parts).split())
        out.append(("… " if start > 0 else "") + snippet + (" …" if end < len(text) else ""))
    return out


def _window(text: str, first: int, last: int, width: int) -> tuple[int, int]:
    """About `width` characters around [first, last), cut at spaces."""
    centre = (first + last) // 2
    start = max(0, centre - width // 2)
    end = min(len(text), start + width)
    start = max(0, min(start, end - width))
    if start > 0:
        sp = text.find(" ", start)
        start = sp + 1 if 0 <= sp < first else start
    if end < len(text):
        sp = text.rfind(" ", last, end)
        end = sp if sp > 0 else end
    return start, end


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + " …"
