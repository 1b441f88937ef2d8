"""The index's vocabulary in memory: word parts, near misses and completions without
walking the lexicon on disk.

Whoosh's own FuzzyTerm builds a Levenshtein automaton in Python for each query word
(100–300 ms for a long word with two edits, whatever the index size), and a prefix
query expands to every matching term. Here each segment's `words` lexicon (distinct
words of four letters or more, as written) is read once and kept folded and sorted, so

- word parts are a substring search in one string (C speed),
- near misses are checked only against words sharing the first or last part of the
  query word (one edit leaves one half intact, two edits one of the outer thirds),
- completions are a binary search for the prefix,

and every expansion is capped, taking the words found in most records first.
Segments never change once written, so their vocabularies are cached by segment id
and survive commits that only add segments.
"""

from __future__ import annotations

import heapq
import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from index.analysis import fold, stem

MIN_PART = 4  # shortest word part looked for inside longer words
PART_OFFSET = 3  # a part starts at the word's start or from its 4th letter on ("konzept" in "integrationskonzept")
MAX_OCCURRENCES = 50_000  # substring hits looked at for one part (a very common part stops early)


@dataclass(frozen=True)
class Word:
    text: str  # as written (lower-case), its most frequent form
    folded: str
    df: int  # records that contain it (summed over its forms)
    forms: tuple[str, ...] = ()  # every written form: "bürgersaal", "buergersaal"


class SegmentVocab:
    """One segment's vocabulary: folded words sorted forwards and backwards, and one
    newline-joined string of them for substring search."""

    def __init__(self, reader):
        words: dict[str, list[tuple[int, str]]] = {}  # folded -> [(df, written form)]
        fields = reader.indexed_field_names() if hasattr(reader, "indexed_field_names") else ()
        if "words" in fields:
            for btext, info in reader.iter_field("words"):
                text = btext.decode("utf-8") if isinstance(btext, bytes) else btext
                words.setdefault(fold(text), []).append((info.doc_frequency(), text))
        self.folded = sorted(words)
        self.forms = [tuple(t for _, t in sorted(words[f], reverse=True)) for f in self.folded]
        self.text = [forms[0] for forms in self.forms]
        self.df = [sum(d for d, _ in words[f]) for f in self.folded]
        # word parts and near misses are looked for among words of letters only
        self.alpha = [i for i, f in enumerate(self.folded) if len(f) >= MIN_PART and f.isalpha()]
        rev = sorted((self.folded[i][::-1], i) for i in self.alpha)
        self.rev_keys = [r for r, _ in rev]
        self.rev_index = [i for _, i in rev]
        self.blob = "\n" + "\n".join(self.folded[i] for i in self.alpha) + "\n"
        self.starts = []  # offset of each alpha word in blob
        pos = 1
        for i in self.alpha:
            self.starts.append(pos)
            pos += len(self.folded[i]) + 1

    def with_stem(self, s: str) -> list[int]:
        """Words whose folded form stems to `s`. A stem is the start of its (folded) word, so
        only the words starting with it are stemmed, each once (stem() is cached): stemming a
        whole vocabulary up front took seconds per 100,000 words."""
        return [i for i in self.prefix_range(s) if stem(self.folded[i]) == s]

    def __len__(self) -> int:
        return len(self.folded)

    def word(self, i: int) -> Word:
        return Word(self.text[i], self.folded[i], self.df[i], self.forms[i])

    def prefix_range(self, prefix: str) -> range:
        lo = bisect_left(self.folded, prefix)
        hi = bisect_right(self.folded, prefix + "\uffff")
        return range(lo, hi)

    def suffix_range(self, suffix_reversed: str) -> list[int]:
        lo = bisect_left(self.rev_keys, suffix_reversed)
        hi = bisect_right(self.rev_keys, suffix_reversed + "\uffff")
        return self.rev_index[lo:hi]

    def containing(self, part: str) -> dict[int, bool]:
        """Words that contain `part` at their start (True) or from their 4th letter on (False)."""
        found: dict[int, bool] = {}
        blob, starts = self.blob, self.starts
        pos = blob.find(part)
        seen = 0
        while pos >= 0 and seen < MAX_OCCURRENCES:
            seen += 1
            j = bisect_right(starts, pos) - 1
            offset = pos - starts[j]
            i = self.alpha[j]
            if offset == 0:
                found[i] = True
            elif offset >= PART_OFFSET and i not in found:
                found[i] = False
            pos = blob.find(part, pos + 1)
        return found


def within(a: str, b: str, maxdist: int) -> int | None:
    """Optimal string alignment distance of a and b when it is at most maxdist, else None
    (a swap of two neighbouring letters counts as one edit)."""
    if abs(len(a) - len(b)) > maxdist:
        return None
    if a == b:
        return 0
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        ai = a[i - 1]
        for j in range(1, len(b) + 1):
            cost = 0 if ai == b[j - 1] else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and j > 1 and ai == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
        if min(cur) > maxdist:
            return None
        prev2, prev = prev, cur
    return prev[-1] if prev[-1] <= maxdist else None


class Vocabulary:
    """The vocabulary of one searcher: its segments' vocabularies, merged per query."""

    def __init__(self, segments: list[SegmentVocab]):
        self.segments = segments

    def _merge(self, hits) -> dict[str, Word]:
        """(segment, index) pairs to words by written form with their df summed over segments."""
        out: dict[str, list] = {}
        for seg, i in hits:
            f = seg.folded[i]
            cur = out.get(f)
            if cur is None:
                out[f] = [seg.text[i], seg.df[i], set(seg.forms[i]), seg.df[i]]
            else:
                cur[1] += seg.df[i]
                cur[2].update(seg.forms[i])
                if seg.df[i] > cur[3]:
                    cur[0], cur[3] = seg.text[i], seg.df[i]
        return {f: Word(t, f, df, tuple(sorted(forms))) for f, (t, df, forms, _) in out.items()}

    def df(self, folded: str) -> int:
        n = 0
        for seg in self.segments:
            i = bisect_left(seg.folded, folded)
            if i < len(seg.folded) and seg.folded[i] == folded:
                n += seg.df[i]
        return n

    def with_stem(self, s: str) -> list[Word]:
        """Every word of the index whose folded form has stem `s`: what a plain query word
        matches ("parkraumbewirtschaftungen" → "parkraumbewirtschaftung", "…ungen")."""
        return list(self._merge((seg, i) for seg in self.segments for i in seg.with_stem(s)).values())

    def prefixed(self, prefix: str, limit: int) -> list[Word]:
        """Up to `limit` words starting with `prefix` (folded), most frequent first."""
        return self.completions(prefix, limit)

    def containing(self, part: str, limit: int) -> tuple[list[Word], list[Word]]:
        """Up to `limit` words starting with `part` and up to `limit` words holding it as a
        later part, each by document frequency."""
        starts, inside = [], []
        for seg in self.segments:
            found = seg.containing(part)
            df = seg.df.__getitem__
            # only the most frequent of each segment become Words (a common part is in thousands)
            starts += [(seg, i) for i in heapq.nlargest(limit, (i for i, st in found.items() if st), key=df)]
            inside += [(seg, i) for i in heapq.nlargest(limit, (i for i, st in found.items() if not st), key=df)]
        return _top(self._merge(starts), limit), _top(self._merge(inside), limit)

    def near(self, word: str, maxdist: int, limit: int) -> list[tuple[Word, int]]:
        """Up to `limit` words within maxdist edits of `word` (folded), nearest first, then by
        document frequency. Candidates share the query word's first or last part."""
        k = max(2, len(word) // (maxdist + 1))
        hits = []
        for seg in self.segments:
            cands = set(seg.prefix_range(word[:k])) | set(seg.suffix_range(word[::-1][:k]))
            for i in cands:
                d = within(word, seg.folded[i], maxdist)
                if d:  # 0 is the word itself: found by the exact query already
                    hits.append(((seg, i), d))
        dist = {}
        for (seg, i), d in hits:
            f = seg.folded[i]
            dist[f] = min(d, dist.get(f, d))
        merged = self._merge(h for h, _ in hits)
        ranked = sorted(merged.values(), key=lambda w: (dist[w.folded], -w.df, w.folded))
        return [(w, dist[w.folded]) for w in ranked[:limit]]

    def completions(self, prefix: str, limit: int) -> list[Word]:
        """The `limit` most frequent words starting with `prefix` (folded)."""
        hits = []
        for seg in self.segments:
            r = seg.prefix_range(prefix)
            if len(r) > limit * 50:  # a short prefix: only the frequent ones can win
                r = heapq.nlargest(limit * 4, r, key=seg.df.__getitem__)
            hits += [(seg, i) for i in r]
        return _top(self._merge(hits), limit)


def _top(words: dict[str, Word], limit: int) -> list[Word]:
    return heapq.nsmallest(limit, words.values(), key=lambda w: (-w.df, w.folded))


class VocabularyCache:
    """SegmentVocabs by segment id, for the segments of the current searcher only."""

    def __init__(self):
        self._by_segment: dict[str, SegmentVocab] = {}
        self._lock = threading.Lock()

    def for_searcher(self, searcher) -> Vocabulary:
        reader = searcher.reader()
        readers = [r for r, _ in reader.leaf_readers()] if reader.doc_count_all() else []
        out, keep = [], {}
        for r in readers:
            seg = r.segment() if hasattr(r, "segment") else None
            key = seg.segment_id() if seg is not None else None
            with self._lock:
                sv = self._by_segment.get(key) if key else None
            if sv is None:
                sv = SegmentVocab(r)
            if key:
                keep[key] = sv
            out.append(sv)
        with self._lock:
            self._by_segment = keep
        return Vocabulary(out)
