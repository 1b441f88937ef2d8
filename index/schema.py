"""The index owns its schema; SCHEMA_VERSION is written beside the index.

When the version on disk differs, the index is rebuilt from the stored extraction
results (never from OCR again).
"""

from __future__ import annotations

from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from index.analysis import german_analyzer, parts_analyzer, query_analyzer, words_analyzer

SCHEMA_VERSION = "7"  # 7: text no item covers becomes Seite/Abschnitt records (re-split on start)
# records that hold what no agenda item covers, and how much lower they rank than real items
PAGE_KINDS = ("Seite", "Abschnitt")
PAGE_BOOST = 0.25

FACET_FIELDS = ("kind", "faction", "year", "status", "answered_by")


def make_schema() -> Schema:
    ga = german_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        kind=ID(stored=True, sortable=True),
        number=ID(stored=True),
        number_key=ID,
        number_loose=ID,
        title=TEXT(analyzer=ga, stored=True, field_boost=3.0),
        text=TEXT(analyzer=ga, stored=True, phrase=True),
        parts=TEXT(analyzer=parts_analyzer(), phrase=False),
        words=TEXT(analyzer=words_analyzer(), phrase=False),
        faction=ID(stored=True, sortable=True),
        status=ID(stored=True, sortable=True),
        answered_by=ID(stored=True, sortable=True),
        answered_text=TEXT(analyzer=ga),
        year=ID(stored=True, sortable=True),
        date=ID(stored=True, sortable=True),
        source_id=ID(stored=True),
        seq=NUMERIC(stored=True, sortable=True),
        data=STORED,
    )


def make_query_schema() -> Schema:
    """The schema the query parser sees: text and title analysed without stemming."""
    schema = make_schema()
    qa = query_analyzer()
    schema._fields["text"] = TEXT(analyzer=qa, phrase=True)
    schema._fields["title"] = TEXT(analyzer=qa)
    return schema
