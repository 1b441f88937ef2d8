"""The index owns its schema; SCHEMA_VERSION is written beside the index.

When the version on disk differs, the index is rebuilt from the stored extraction
results (never from OCR again).
"""

from __future__ import annotations

from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from index.analysis import german_analyzer, query_analyzer, words_analyzer

# 6: numbered items without a kind word are Vorlagen (re-split on start)
# 7: text no item covers becomes Seite/Abschnitt records (re-split on start)
# 8: no compound-parts field (word parts come from the vocabulary); plain words searched in `words`
#    (as written, with frequencies), stems with positions in `text` for phrases; text stored once
# 9: re-split for the splitter of issue 12 (reflowed citations, one-Anfrage documents, labelled
#    agenda items, collective numbers with unique ids)
# 10: re-split for the splitter's new stages (cued Anfragen, one-line heads, Fragestunden, sections)
# 11: re-split: cued titles over an introduction paragraph, numbered questions no agenda items,
#     outcomes read anywhere in an item, reported and listed Anfragen (issue 12, third round)
# 12: re-split: the same session's later stages (trailing cued entries, listed answers, labelled
#     subjects, Fragestunde lists, statements-only status); stored extractions keep their old line gaps
# 13: re-split: Anfrage forms read by their labelled fields, faction names after "Fraktion" (issue 12,
#     fourth round)
# 14: re-split: Anfragen called by kind and number in a Fragestunde, subject labels inside a sentence
# 15: re-split: an answer head's second number, titles over a line break, bulleted questions after a cue,
#     an answer only linked records none
# 16: re-split: subject labels only as whole words, the answering body's Vorbemerkung, one-line heads
#     cut at the asker's faction
# 17: re-split: a general title chooser where nothing names the title (first short line near the start
#     that is no label, number, date, header, greeting or asker), labels and table debris cut from titles
# 18: re-split: scanned forms (table rules read as "I", specks after a label, spaces in a number)
# 19: re-split: no title above a form's kind line (the previous Anfrage's signature stays with it)
# 20: re-split: answering bodies named only as whole words ("Pressemitteilung der Landesregierung" is none)
# 21: re-split: voters' groups by their group word, a group's abbreviation in a labelled asker field
# 22: re-split: items without a Drucksachen-number get ids of their file (two files with the same
#     heading were one record, the later replacing the earlier, whose pages then were not found)
# 23: re-split: a line at the foot of both pages of a two-page document stays in the text unless it
#     holds a figure (a signature, not a footer)
# 24-25: re-split: forms with labels on lines of their own, prose questions, letters of questions,
#     Fragestunden called by number, agenda tables (issue 12, fifth session)
# 26: a weak field `edge` (the line before each item on its page): words across two items find the page
# 27: re-split: several Anfragen named in one sentence, number-titled lines, askers after the verb, who responds
#     and promised answers (issue 12, sixth session); stored extractions keep their OCR text (no OCR again)
SCHEMA_VERSION = "27"
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
        title=TEXT(analyzer=ga, field_boost=3.0),
        # stems with positions, for phrases and similar records; the text itself is stored once, in `data`
        text=TEXT(analyzer=ga, phrase=True),
        # the words as written (lower-case) with their frequency: what plain words are searched
        # in (fast to read, no positions), and the vocabulary of index/vocab.py
        words=TEXT(analyzer=words_analyzer(), phrase=False),
        # the last line of the item before on the same page (Record.margin): searched weakly, so that words read
        # across two items' border find the page
        edge=TEXT(analyzer=words_analyzer(), phrase=False),
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
