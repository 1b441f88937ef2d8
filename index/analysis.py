"""German analysis shared by indexing, querying, highlighting and marking page images.

Folding happens before stemming, so "Bürgersaal", "Buergersaal" and "Burgersaal"
all become "burgersaal" and then stem alike. The compound field indexes each long
word's tails, so "verkehr" or "konzept" can be found inside "Radverkehrsförderung"
or "Integrationskonzept" by a prefix query on that field.
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


class FoldFilter(Filter):
    def __call__(self, tokens):
        for t in tokens:
            t.text = fold(t.text)
            yield t


class GermanStemFilter(Filter):
    def __call__(self, tokens):
        for t in tokens:
            if not t.stopped:
                t.text = stem(t.text)
            yield t


MIN_PART_WORD = 8  # shorter words are rarely compounds
MIN_PART = 4


class CompoundPartsFilter(Filter):
    """Each long word and its tails from the 4th letter on: 'radverkehrsforderung' →
    'radverkehrsforderung', 'verkehrsforderung', 'erkehrsforderung', …, 'rung'."""

    def __call__(self, tokens):
        for t in tokens:
            text = t.text
            yield t
            if len(text) >= MIN_PART_WORD and text.isalpha():
                for i in range(3, len(text) - MIN_PART + 1):
                    t.text = text[i:]
                    yield t


def german_analyzer():
    return (RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | FoldFilter()
            | StopFilter(stoplist=GERMAN_STOPWORDS | {fold(w) for w in GERMAN_STOPWORDS}, minsize=1)
            | GermanStemFilter())


def query_analyzer():
    """For parsing queries: folded but not stemmed, so the query rewriter still sees the word
    as typed (needed for compound prefixes and OCR-tolerant matching) and stems it itself."""
    return (RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | FoldFilter()
            | StopFilter(stoplist=GERMAN_STOPWORDS | {fold(w) for w in GERMAN_STOPWORDS}, minsize=1))


def words_analyzer():
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | FoldFilter()


def parts_analyzer():
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | FoldFilter() | CompoundPartsFilter()


_WORDS = re.compile(TOKEN_PATTERN)


def tokens_with_offsets(text: str):
    """(start, end, folded, stem) for every word of a text, for highlighting."""
    for m in _WORDS.finditer(text):
        folded = fold(m.group(0))
        yield m.start(), m.end(), folded, stem(folded)
