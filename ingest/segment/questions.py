"""Stage 3b: the questions of an Anfrage, numbered or not, with answers between them or after them."""

from __future__ import annotations

import re

from ingest.segment.cues import OUTCOME
from ingest.textfix import fold_spaces
from ratsarchiv.model import Question


# --- questions ----------------------------------------------------------------------
_ASK = re.compile(r"(?:wir|ich)\s+(?:fragen|frage|bitten|bitte)\b|\b(?:fragen\s+wir|frage\s+ich)\b|(?:wir|ich)\s+(?:möchte[n]?|will|wollen)\s+(?:\w+\s+)?wissen\b|bitten?\s+um\s+(?:die\s+)?Beantwortung|fragen\s+(?:wir\s+)?den\s+(?:Magistrat|Oberbürgermeister|"
                  r"Bürgermeister|Gemeindevorstand|Senat|Verwaltung)|folgende[n]?\s+Fragen|^Fragen\s*:", re.I)
_Q_MARK = re.compile(r"^\s*(?P<fw>Frage\s*)?(?P<n>\d{1,2}(?:\.\d{1,2})?|[lI](?=[.)]))\s*(?P<sep>[.):;])\s*(?P<t>.*)$|"
                     r"^\s*(?P<a>[a-h])\)\s*(?P<ta>.*)$|^\s*Frage\s+(?P<f>\d{1,2})\s*:?\s*(?P<tf>.*)$|"
                     r"^\s*(?P<z>Frage|Zusatzfrage|Nachfrage)\s*:\s*(?P<tz>.*)$")
_Q_END = re.compile(r"^\s*(?:(?:Begründung|Beschluss|Abstimmung\w*|Ergebnis|Sachverhalt|Erläuterung)\s*(?::|$)"
                    r"|Nach\s+Beantwortung|Der\s+Magistrat\s+(?:antwortet|beantwortet))", re.I)
# where a recorded answer starts; with answers between the questions ("Frage 1 … Antwort: …
# Frage 2 …") the questions go on after it
_ANSWER_START = re.compile(r"^\s*(?:Antwort\b|Zu\s+(?:Frage\s*)?\d|Stellungnahme|Beantwortung\s*:)", re.I)


def _marker(text: str):
    """(number, text, style) of a question marker at the start of a line, or None."""
    m = _Q_MARK.match(text)
    if not m:
        return None
    if m.group("n") is not None:
        n = m.group("n").replace("l", "1").replace("I", "1")
        style = "frage" if m.group("fw") else m.group("sep").replace(";", ":")
        return n, m.group("t"), style
    if m.group("a") is not None:
        return m.group("a"), m.group("ta"), "a)"
    if m.group("f") is not None:
        return m.group("f"), m.group("tf"), "frage"
    return None, m.group("tz"), "frage:"


def _next_expected(prev: str | None, cand: str) -> bool:
    """Whether cand can follow prev: the next number (or letter), or a sub-question 1.1 under 1."""
    if prev is None:
        return cand in ("1", "a")
    if prev[0].isdigit() and cand[0].isdigit():
        p, c = tuple(int(x) for x in prev.split(".")), tuple(int(x) for x in cand.split("."))
        if c == p + (1,):
            return True
        k = len(c)
        return k <= len(p) and c[:-1] == p[:k - 1] and p[k - 1] < c[-1] <= p[k - 1] + 3
    if prev.isalpha() and cand.isalpha():
        return ord(prev) < ord(cand) <= ord(prev) + 3
    return False


def _outcome_starts(text: str, new_sentence: bool) -> bool:
    """A line that records what came of the item: ends the questions."""
    if _Q_END.match(text):
        return True
    # "… beantwortet die Anfrage wie folgt:" introduces the answer; it does not end the item
    return new_sentence and bool(OUTCOME.search(text)) and not text.rstrip().endswith(("?", ":"))


def find_questions(body: list[str]) -> list[Question]:
    start = 0
    for i, t in enumerate(body):
        # "Ich bitte um (schriftliche) Beantwortung." after the questions closes them; it opens none
        if _ASK.search(t) and not (t.rstrip().endswith(".") and any("?" in b for b in body[:i])):
            start = i + 1
            break
    questions: list[list] = []
    style = None
    answering = False
    new_sentence = True
    block: list[str] = []  # for unnumbered questions
    for t in body[start:]:
        stripped = t.strip()
        if not stripped:
            new_sentence = True
            if block and block[-1]:
                block.append("")  # a paragraph ends: a question may open the next one
            continue
        mk = _marker(t)
        number = mk[0] if mk else None
        if mk and number is None:  # "Frage:" / "Zusatzfrage:"
            number = str(len(questions) + 1) if all(q[0][0].isdigit() for q in questions) else None
        if mk and number and _next_expected(questions[-1][0] if questions else None, number) \
                and (not answering or mk[2] == style):
            questions.append([number, [mk[1]]])
            style, answering = mk[2], False
        elif questions and (_ANSWER_START.match(t) or new_sentence and OUTCOME.search(t)
                            and stripped.endswith(":")):  # "X beantwortet die Anfrage wie folgt:"
            answering = True
        elif _Q_END.match(t) and not questions and not any("?" in b for b in block):
            block = []  # "Sachverhalt" / text / "Fragen" / …: what stood before the questions is no question
        elif _outcome_starts(t, new_sentence) and (questions or start or block):
            break
        elif questions and not answering:
            questions[-1][1].append(t)
        elif not questions:
            block.append(t)
        new_sentence = stripped.endswith((".", "?", "!", ":"))
    if len(questions) == 1 or (not questions and block):
        after = fold_spaces(" ".join(body[max(start - 1, 0):]))
        cue = _ASK.search(after) if start else None
        inline = _inline_questions(after[cue.end():] if cue else after)
        if len(inline) > max(1, len(questions)):
            return inline
    if questions:
        return [Question(n, fold_spaces(" ".join(parts))) for n, parts in questions]
    bullets = _bulleted(block) if start else []
    if bullets:
        return [Question(str(i + 1), b) for i, b in enumerate(bullets)]
    # unnumbered: every sentence ending in "?" (after "Wir fragen …" where there is one)
    # each paragraph on its own, and an introduction ended by a colon is no part of the question after it
    paragraphs = [fold_spaces(p) for p in "\n".join(block).split("\n\n")]
    paragraphs = [part for p in paragraphs for part in re.split(r"(?<=:)\s+(?=[A-ZÄÖÜ„])", p)]
    sentences = [s.strip() for p in paragraphs for s in re.findall(r"[^?]*?\?", p)]
    sentences = [re.sub(r"^[-•–*>→»]+\s*", "", s) for s in sentences if len(s) > 5]  # "- ", "--> " before a question
    if not start:  # without an introduction only sentences that start a sentence count
        sentences = [s for s in sentences if s[:1].isupper()]
    if not sentences and start and _FIELD.match(body[start - 1]):
        return _field_request(body[start:])
    if not sentences:  # "Wir bitten um eine Aufstellung …", "Bitte informieren Sie uns über …": asked without "?"
        return [Question(str(i + 1), s) for i, s in enumerate(_requests(fold_spaces(" ".join(body))))]
    return [Question(str(i + 1), s) for i, s in enumerate(sentences)]


# a request for information: what an Anfrage asks without a question mark; not the request to answer
# the questions ("Wir bitten um die baldige Beantwortung folgender Fragen:")
_REQUEST = re.compile(r"^(?:(?:Wir|Ich)\s+bitten?|(?:\S+\s+){1,6}?bitten\s+wir|Bitte\s+(?:informieren|teilen|nennen|erläutern"
                      r"|schildern|beziffern|legen|stellen)\s+Sie)\b(?![^.]*\bBeantwortung\b)(?![^.]*\bFragen\b)[^.:]{10,}\.$")


def _requests(text: str) -> list[str]:
    """The sentences that request information."""
    sentences = re.split(r"(?<=[a-zäöüß)][.!])\s+(?=[A-ZÄÖÜ])", text)
    return [s.strip() for s in sentences if _REQUEST.match(s.strip())]


_FIELD = re.compile(r"^\s*Fragen?\s*:\s*$")  # the questions' field of a form
_BULLET = re.compile(r"^\s*[-–•·▪*]\s+(?P<t>\S.*)$")


def _bulleted(block: list[str]) -> list[str]:
    """The points of a bulleted list after a question cue, each one question, also where a point asks
    in a request ("- Wir bitten um einen Vergleich mit 2014."); a list whose points mostly do not ask
    (facts, sources) is no list of questions."""
    points: list[list[str]] = []
    for t in block:
        if not t.strip():
            continue  # a blank line between points
        m = _BULLET.match(t)
        if m:
            points.append([m.group("t")])
        elif points and t.strip() and not points[-1][-1].rstrip().endswith((".", "?", "!")):
            points[-1].append(t.strip())  # the point runs on to the next line
        elif points:
            break
    texts = [fold_spaces(" ".join(p)) for p in points]
    return texts if len(texts) >= 2 and 2 * sum("?" in t for t in texts) >= len(texts) else []


def _field_request(after: list[str]) -> list[Question]:
    """A form's "Fragen:" field that asks without a question mark ("ich bitte um Auskunft zu …"):
    its paragraph is the one question."""
    para: list[str] = []
    for t in after:
        if not t.strip():
            if para:
                break
            continue
        para.append(t)
    text = fold_spaces(" ".join(para))
    return [Question("1", text)] if len(text) > 15 else []




# a number that starts a question inside running text: "… auflisten)? 1.2 Wie viele …", ": 1. Hat die …"
_INLINE_MARK = re.compile(r"(?:(?<=[?:)])|(?<=[?:)]\s))\s*(?P<n>\d{1,2}(?:\.\d{1,2})?)\.?\s+(?=[A-ZÄÖÜ])")


def _inline_questions(text: str) -> list[Question]:
    """Numbered questions that run on in one line (PDF text without line breaks), where the numbers
    follow each other (1, 2, 3 or 1.1, 1.2, 2) and each question asks something."""
    marks = []
    for m in _INLINE_MARK.finditer(text):
        if (m.group("n") == "1.1" and not marks) or _next_expected(marks[-1].group("n") if marks else None, m.group("n")):
            marks.append(m)
    out = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        chunk = text[m.end():end].strip()
        q = chunk[:chunk.find("?") + 1] if "?" in chunk else ""
        if not q:
            break  # the questions have ended: an answer or the text follows
        out.append(Question(m.group("n"), q))
    return out if len(out) >= 2 else []
