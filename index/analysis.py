"""German analysis shared by indexing, querying, highlighting and marking page images.

Folding happens before stemming, so "Bürgersaal", "Buergersaal" and "Burgersaal"
all become "burgersaal" and then stem alike. Word parts ("konzept" inside
"Integrationskonzept") are found in the vocabulary at query time (index/vocab.py),
not indexed as extra terms: that field was 60% of all postings.
"""

from __future__ import annotations

import re
from functools import lru_cache

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StopFilter
from whoosh.lang.snowball.german import GermanStemmer

TOKEN_PATTERN = r"\w+(?:\.\w+)*"

_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "à": "a", "á": "a", "é": "e",
                       "è": "e", "ç": "c", "ñ": "n", "ſ": "s"})
_DIGRAPHS = re.compile(r"(?<=[a-z])(ae|oe|ue)|^(ae|oe|ue)")

GERMAN_STOPWORDS = frozenset("""
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch auf aus
bei bin bis bist da damit dann das dass dasselbe dazu dein deine dem den denn der des dessen dich die dies
diese diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines er es etwas euch
euer eure für hat hatte hätte hab habe haben hier hin hinter ich ihm ihn ihnen ihr ihre im in ist jede
jedem jeden jeder jedes jene jetzt kann kein keine man mich mir mit muss nach nicht nichts noch nun nur ob
oder ohne sehr sein seine sich sie sind so solche soll sollte sondern sonst über um und uns unser unter
vom von vor wann war waren warum was weil welche welchem welchen welcher welches wenn wer werde werden wie
wieder will wir wird wo wollen wurde wurden zu zum zur zwar zwischen
""".split())


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower-case, umlauts and ß folded, and ae/oe/ue read as ä/ö/ü folded."""
    w = word.lower().translate(_FOLD)
    if "e" in w:
        w = _DIGRAPHS.sub(lambda m: (m.group(1) or m.group(2))[0], w)
    return w


_stemmer = GermanStemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Stem of an already folded word; numbers and short words stay as they are."""
    if len(word) < 4 or not word.isalpha():
        return word
    return _stemmer.stem(word)


def normalize(word: str) -> str:
    return stem(fold(word))


_STOPS = GERMAN_STOPWORDS | {fold(w) for w in GERMAN_STOPWORDS}


class GermanFilter(Filter):
    """Lower-case, fold, drop stop words and (optionally) stem, in one pass with a cache.

    One filter instead of four chained ones (lower-case, fold, stop, stem), and each distinct
    word worked out once: analysis was a third of the index build time (bench/README.md).
    Positions are renumbered over stop words, as whoosh's StopFilter does.
    """

    def __init__(self, stemming: bool = True):
        self.stemming = stemming
        self._cache: dict[str, str] = {}

    def __eq__(self, other):
        return other is not None and type(self) is type(other) and self.stemming == other.stemming

    def __getstate__(self):  # the schema is pickled into the index; the cache is not part of it
        return {"stemming": self.stemming}

    def __setstate__(self, state):
        self.stemming = state["stemming"]
        self._cache = {}

    def _form(self, word: str) -> str:
        folded = fold(word)
        if folded in _STOPS:
            return ""
        return stem(folded) if self.stemming else folded

    def __call__(self, tokens):
        cache = self._cache
        pos = None
        for t in tokens:
            form = cache.get(t.text)
            if form is None:
                if len(cache) > 500_000:
                    cache.clear()
                form = cache[t.text] = self._form(t.text)
            if form:
                if t.positions:
                    if pos is None:
                        pos = t.pos
                    else:
                        pos += 1
                        t.pos = pos
                t.text = form
                t.stopped = False
                yield t
            elif not t.removestops:
                t.text = fold(t.text)
                t.stopped = True
                yield t


def german_analyzer():
    return RegexTokenizer(TOKEN_PATTERN) | GermanFilter(stemming=True)


def query_analyzer():
    """For parsing queries: folded but not stemmed, so the query rewriter still sees the word
    as typed (needed for compound parts and OCR-tolerant matching) and stems it itself."""
    return RegexTokenizer(TOKEN_PATTERN) | GermanFilter(stemming=False)


def words_analyzer():
    """Every word as written, lower-cased, without stop words: the field plain words are
    searched in (each query word becomes the written forms of the vocabulary that share
    its stem, see index/vocab.py), and the vocabulary for word parts, near misses and
    completions. No positions: reading its postings is what a search costs most."""
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | StopFilter(stoplist=GERMAN_STOPWORDS, minsize=1)


_WORDS = re.compile(TOKEN_PATTERN)


def tokens_with_offsets(text: str):
    """(start, end, folded, stem) for every word of a text, for highlighting."""
    for m in _WORDS.finditer(text):
        folded = fold(m.group(0))
        yield m.start(), m.end(), folded, stem(folded)
