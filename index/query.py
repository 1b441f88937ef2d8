"""Turn what staff type into a Whoosh query that forgives German and OCR.

Each plain word becomes: the exact stem in text and title (best), words of the index
that start with it or hold it as a part of a compound (weaker), and for long words the
words one edit away (weakest, for OCR errors such as "lntegration"). So exact words
rank first and near-misses are still found. Which words those are is looked up in the
index's vocabulary (index/vocab.py), a bounded number each, most frequent first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from whoosh import qparser, query as Q

from index.analysis import fold, stem
from index.highlight import LONG_WORD, MatchTerms
from index.schema import make_query_schema
from index.vocab import MIN_PART, Vocabulary
from index.writer import loose_number_key, number_key
from ratsarchiv.model import find_faction
from ratsarchiv.errors import QuerySyntaxError

MAX_QUERY_LEN = 1000
MAX_TERMS = 40

FIELD_ALIASES = {
    "faction": ["fraktion", "partei"],
    "year": ["jahr"],
    "title": ["titel", "betreff"],
    "number": ["nummer", "drs", "drucksache", "nr"],
    "answered_text": ["beantwortet", "antwort", "answered_by", "beantwortet_von"],
    "kind": ["art", "typ"],
    "status": ["ergebnis"],
}
KIND_NAMES = {"anfrage": "Anfrage", "anfragen": "Anfrage", "antrag": "Antrag", "antrage": "Antrag",
              "vorlage": "Vorlage", "vorlagen": "Vorlage", "mitteilung": "Mitteilung",
              "mitteilungen": "Mitteilung", "sonstiges": "Sonstiges",
              "seite": "Seite", "seiten": "Seite", "abschnitt": "Abschnitt", "abschnitte": "Abschnitt"}
STATUS_NAMES = {"erledigt": "erledigt", "schriftlich": "schriftlich beantwortet",
                "schriftlich beantwortet": "schriftlich beantwortet", "zuruckgestellt": "zurückgestellt",
                "zuruckgezogen": "zurückgezogen", "beantwortet": "beantwortet", "offen": "offen",
                "abgelehnt": "Beantwortung abgelehnt", "zugesagt": "Antwort zugesagt"}
NUMBER_LIKE = re.compile(r"(?:(?:Drs\.?|Drucksache|Nr\.?)\s*)?(?P<n>[A-Za-z]{0,5}[/-]?\d{1,5}(?:\s*[./-]\s*\d{1,5}){1,3}"
                         r"|\b[A-Za-z]{0,5}\d{6,12}\b|\b(?:[A-Za-z]{1,5}\s+)?\d{2,4}(?:\s+\d{2,5}){1,2}\b)")
NUMBER_PREFIX = re.compile(r"\b(?:Drs\.?|Drucksache|Nr\.?)\s*(?=[A-Za-z]{0,5}[/-]?\d)", re.IGNORECASE)

W_EXACT, W_TITLE, W_PREFIX, W_PART, W_FUZZY = 1.0, 2.5, 0.35, 0.25, 0.15
W_EDGE = 0.05  # a word only in the line before an item (its margin): found, ranked below every real hit


_QUERY_SCHEMA = make_query_schema()


def _parser(group) -> qparser.QueryParser:
    p = qparser.QueryParser("text", _QUERY_SCHEMA, group=group)
    p.add_plugin(qparser.FieldAliasPlugin(FIELD_ALIASES))
    p.add_plugin(qparser.PlusMinusPlugin())
    p.remove_plugin_class(qparser.BoostPlugin)
    return p


MAX_STARTS = 24  # words that start with a query word, most frequent first
MAX_PARTS = 24  # words that hold a query word as a later part
MAX_NEAR = 12  # words one or two edits away
MAX_WILDCARD = 256  # words a trailing * stands for, most frequent first


@dataclass
class _Options:
    long_edits: int = 1
    expand: bool = True
    vocab: Vocabulary | None = None


def _words(words, boost: float) -> list[Q.Query]:
    return [Q.Term("words", form, boost=boost) for w in words for form in w.forms]


def _expand_term(term: Q.Term, opts: _Options) -> Q.Query:
    word = term.text  # folded, not stemmed (see make_query_schema)
    s = stem(word)
    vocab = opts.vocab
    if vocab is None:  # the stems themselves (same matches, slower: the text field has positions)
        return Q.Or([Q.Term("text", s, boost=W_EXACT), Q.Term("title", s, boost=W_TITLE), Q.Term("edge", word, boost=W_EDGE)])
    exact = vocab.with_stem(s)
    variants: list[Q.Query] = (_words(exact, W_EXACT) + [Q.Term("title", s, boost=W_TITLE)]
                               + [Q.Term("edge", form, boost=W_EDGE) for w in exact for form in w.forms])
    if not opts.expand:
        return Q.Or(variants)
    part = None
    if len(s) >= 4 and not word.isdigit():
        part = word if len(word) <= len(s) + 1 else s
    elif len(word) >= 5 and word.isalpha():  # "Rasen" (stem "ras") inside "Kunstrasenplätze"
        part = word
    if part is not None and len(part) >= MIN_PART:
        starts, inside = vocab.containing(part, MAX_STARTS)
        variants += _words(starts, W_PREFIX) + _words(inside[:MAX_PARTS], W_PART)
    if len(word) >= 6 and word.isalpha():
        maxdist = opts.long_edits if len(word) >= LONG_WORD else 1  # "Taktverdichtnug", "Ehrenarntskarte"
        variants += _words([w for w, _ in vocab.near(word, maxdist, MAX_NEAR)], W_FUZZY)
    return Q.Or(variants)


def _rewrite(node: Q.Query, opts: _Options) -> Q.Query:
    if isinstance(node, Q.Term):
        f = node.fieldname
        if f == "text":
            return _expand_term(node, opts)
        value = node.text if isinstance(node.text, str) else node.text.decode("utf-8")
        if f == "faction":
            return Q.Term("faction", find_faction(value) or value)
        if f == "kind":
            return Q.Term("kind", KIND_NAMES.get(fold(value), value.capitalize()))
        if f == "status":
            return Q.Term("status", STATUS_NAMES.get(fold(value), value))
        if f == "number":
            return Q.Term("number_key", number_key(value) or value)
        return node
    if isinstance(node, Q.Phrase) and node.fieldname == "text":
        words = [stem(w) for w in node.words]
        return Q.Or([Q.Phrase("text", words), Q.Phrase("title", words, boost=W_TITLE)])
    if isinstance(node, Q.Wildcard | Q.Prefix) and node.fieldname == "text":
        bare = node.text.replace("*", "").replace("?", "")
        if len(bare) < 2:
            raise QuerySyntaxError("Platzhalter (* oder ?) brauchen mindestens zwei Buchstaben davor, "
                                   "z. B. „Integr*“.")
        if opts.vocab is not None and isinstance(node, Q.Prefix):  # "Integr*": words of the vocabulary
            words = _words(opts.vocab.prefixed(fold(node.text), MAX_WILDCARD), 1.0)
            if words:  # none: the prefix itself, which finds nothing either
                return Q.Or(words, boost=node.boost)
        return node
    if isinstance(node, Q.Every):
        raise QuerySyntaxError("Bitte mindestens ein Suchwort eingeben; nur „*“ sucht nichts.")
    if hasattr(node, "subqueries"):
        node.subqueries = [_rewrite(q, opts) for q in node.subqueries]
        return node
    if hasattr(node, "child"):
        node.child = _rewrite(node.child, opts)
        return node
    return node


_FIELD_NAMES = {a for names in FIELD_ALIASES.values() for a in names} | set(FIELD_ALIASES) | {"text"}
_EMPTY_FIELD = re.compile(r"(?:^|\s)(\w+):(?=\s|$)")


def check_query_text(text: str) -> str:
    text = (text or "").strip()
    m = _EMPTY_FIELD.search(text)
    if m and m.group(1).lower() in _FIELD_NAMES:
        raise QuerySyntaxError(f"Nach „{m.group(1)}:“ fehlt ein Wert, z. B. „fraktion:SPD“.")
    if len(text) > MAX_QUERY_LEN:
        raise QuerySyntaxError(f"Die Suchanfrage ist zu lang (höchstens {MAX_QUERY_LEN} Zeichen).")
    if text.count("(") > 20 or text.count('"') > 20:
        raise QuerySyntaxError("Die Suchanfrage ist zu verschachtelt. Bitte vereinfachen.")
    if "\ufffd" in text or any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise QuerySyntaxError("Die Suchanfrage enthält ungültige Zeichen.")
    return text


def build_query(schema, text: str, any_match: bool = False, long_edits: int = 1,
                expand: bool = True, vocab: Vocabulary | None = None) -> Q.Query:
    """A Whoosh query for the user's text; raises QuerySyntaxError with a German message.

    long_edits=2 lets words of LONG_WORD letters or more match with two edits (swapped
    letters, "rn" read for "m"); the search asks for it only when nothing else was found,
    because it finds more that is less likely meant. expand=False gives the exact words only
    (stems, no word parts or near misses): the search tries that first and expands when it
    finds too little. Word parts and near misses are words of `vocab` (none without it)."""
    text = check_query_text(text)
    if not text:
        raise QuerySyntaxError("Bitte ein Suchwort eingeben.")
    numbers = number_texts(text)
    text = NUMBER_PREFIX.sub("", text) or text  # "Drs. 20/1234": the word is not in every document
    group = qparser.OrGroup if any_match else qparser.AndGroup
    try:
        parsed = _parser(group).parse(text)
    except Exception as exc:
        raise QuerySyntaxError("Die Suchanfrage konnte nicht gelesen werden. Bitte Klammern und "
                               "Anführungszeichen prüfen.") from exc
    if parsed is Q.NullQuery:
        parsed = None
    if parsed is not None and _has_error(parsed):
        raise QuerySyntaxError("Die Suchanfrage ist unvollständig (z. B. fehlt nach „fraktion:“ "
                               "ein Wert oder eine Klammer ist offen).")
    terms = list(parsed.leaves()) if parsed is not None else []
    if len(terms) > MAX_TERMS:
        raise QuerySyntaxError(f"Die Suchanfrage hat zu viele Begriffe (höchstens {MAX_TERMS}).")
    rewritten = _rewrite(parsed, _Options(long_edits, expand, vocab)) if parsed is not None else None
    number_queries = []
    for n in sorted(set(numbers)):
        exact = Q.Term("number_key", number_key(n), boost=50.0)
        if len(re.findall(r"\d+", n)) > 1:  # 21/311 also finds 21/0311, scored below an exact match
            exact = Q.DisjunctionMax([exact, Q.Term("number_loose", loose_number_key(n), boost=40.0)])
        number_queries.append(exact)
    if not rewritten and not number_queries:
        raise QuerySyntaxError("Die Suchanfrage enthält nur Füllwörter. Bitte ein aussagekräftiges "
                               "Suchwort eingeben.")
    if number_queries:
        return Q.Or(([rewritten] if rewritten else []) + number_queries)
    return rewritten


def _has_error(node: Q.Query) -> bool:
    if getattr(node, "error", None):
        return True
    return any(_has_error(c) for c in node.children()) if hasattr(node, "children") else False


_MARKED_FIELDS = {"text", "title", "answered_text", "faction", *FIELD_ALIASES["title"],
                  *FIELD_ALIASES["answered_text"], *FIELD_ALIASES["faction"]}
_FIELD_VALUE = re.compile(r'(?<![\w:])(\w+):("[^"]*"|\S+)')


def highlight_terms(text: str) -> MatchTerms:
    """What to mark for a query text: its stems, its words as compound parts, its words for
    one-edit (OCR) matches. Of field:value only the value, and only for fields whose words
    stand in the text (titel:, beantwortet:, fraktion:)."""
    terms = MatchTerms(set(), set(), set())
    text = _FIELD_VALUE.sub(lambda m: " " + m.group(2) if m.group(1).lower() in _MARKED_FIELDS else " ",
                            text or "")
    for word in re.findall(r"(?<![-\w:])\w+(?:\.\w+)*", text):
        if word.upper() in ("AND", "OR", "NOT") or len(word) < 2:
            continue
        folded = fold(word)
        s = stem(folded)
        terms.stems.add(s)
        if len(s) >= 4 and not s.isdigit():
            terms.prefixes.add(s)
        elif len(folded) >= 5 and folded.isalpha():
            terms.prefixes.add(folded)
        if len(folded) >= 6 and folded.isalpha():
            terms.words.add(folded)
    return terms


def number_keys(text: str) -> set[str]:
    """Drucksachen-numbers the query may mean, normalised as in the index."""
    return {k for k in (number_key(m.group("n")) for m in NUMBER_LIKE.finditer(text or "")) if k}


def number_texts(text: str) -> list[str]:
    """The Drucksachen-numbers in a query as typed, without "Drs."/"Drucksache"."""
    return [m.group("n") for m in NUMBER_LIKE.finditer(text or "")]




def is_plain(text: str) -> bool:
    """True when the query uses no operators, so an any-word fallback is sensible."""
    return not re.search(r'["():*?]|\b(?:AND|OR|NOT)\b|(?:^|\s)[-+]', text)
