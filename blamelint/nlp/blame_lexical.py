"""Lexical blame detectors: human-error framing (BL402) and judgmental words (BL405). Word
lists with technical exceptions; the parse only confirms who a phrase is about ("a mistake by
the operator", "an engineer's mistake"). Culprit questions (BL406) live in `blame_context`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from . import agency as ag
from .agency import QUOTES, Found, span_of
from .lexicon import blame_words, human_error_words, judgmental_words, norm, people

# ----------------------------------------------------------------------- human error (BL402)


def _doc_text(doc: Any) -> str:
    """`doc.text`, kept on the Doc: spaCy joins every token again on each access, and the
    detectors read it once per sentence (a quarter of the rules' CPU on long segments)."""
    text = doc.user_data.get("blamelint.raw")
    if text is None:
        text = doc.user_data["blamelint.raw"] = doc.text
    return text


def _lowered_text(doc: Any) -> str:
    text = doc.user_data.get("blamelint.text")
    if text is None:
        text = doc.user_data["blamelint.text"] = norm(_doc_text(doc))
    return text


@cache
def _regex(words: tuple[str, ...]) -> re.Pattern[str]:
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])")


@cache
def _language_regexes(language: str) -> dict[str, re.Pattern[str]]:
    he, jw = human_error_words(language), judgmental_words(language)
    return {
        "human_error": _regex(tuple(" ".join(ph) for ph in he.phrases)),
        "rejections": _regex(tuple(" ".join(r) for r in he.rejections)),
        "judgmental": _regex(tuple(sorted(jw.words))),
        "technical": _regex(tuple(" ".join(x) for x in jw.technical)),
    }


def _rejected(text: str, start: int, end: int, sentence_start: int, language: str) -> bool:
    before = text[max(0, start - 2) : start].strip()
    after = text[end : end + 2].strip()
    if before[-1:] in QUOTES and after[:1] in QUOTES:
        return True
    lead = norm(text[sentence_start:start])
    return bool(_language_regexes(language)["rejections"].search(lead))


def human_error(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    he, p = human_error_words(language), people(language)
    doc, text = sent.doc, _doc_text(sent.doc)
    lowered = _lowered_text(sent.doc)
    regex = _language_regexes(language)["human_error"]
    for match in regex.finditer(lowered, sent.start_char, sent.end_char):
        start, end = match.span()
        following = lowered[end:].split(None, 1)
        if following and following[0].strip(".,;:()") in he.modifier_heads:
            continue  # "the operator error rate": a metric, not a framing
        if _rejected(text, start, end, sent.start_char, language):
            continue
        words = doc.char_span(start, end, alignment_mode="expand")
        before = doc[words.start - 1] if words is not None and words.start > sent.start else None
        if before is not None and ag.person_kind(before, p, names):
            continue  # "The engineer fat-fingered the list": a person as cause, BL401's case
        yield Found("human_error", start, end, {"phrase": text[start:end]})
    # "a mistake by the person running the script", "une erreur de l'opérateur".
    for tok in sent:
        if norm(tok.text) not in he.blamed_nouns or tok.i + 1 >= sent.end:
            continue
        if norm(doc[tok.i + 1].text) not in he.by:
            continue
        if tok.i >= 1 and norm(doc[tok.i - 1].text) == "la":
            continue  # "par la faute de Karim" blames a person: BL401's cause prepositions
        head = ag.np_head_after(doc, tok.i + 2)
        if head is not None and head.i < sent.end and ag.person_kind(head, p, names):
            yield Found(
                "human_error", *span_of([tok, head]), {"phrase": doc[tok.i : head.i + 1].text}
            )
    # "an engineer's mistake", "the operator's oversight" (not "the DBA's error message").
    for tok in sent:
        if norm(tok.text) not in he.blamed_nouns:
            continue
        following = norm(doc[tok.i + 1].text) if tok.i + 1 < sent.end else ""
        if following in he.modifier_heads:
            continue
        for owner in ag.children(tok, ("poss",)):
            if ag.person_kind(owner, p, names):
                yield Found(
                    "human_error", *span_of([owner, tok]), {"phrase": doc[owner.i : tok.i + 1].text}
                )
    # "l'origine du problème est humaine".
    for tok in sent:
        if norm(tok.text) in he.human_adjectives and ag.children(tok, ("cop",)):
            subject = ag.subject_of(tok)
            if subject is not None and norm(subject.text) in blame_words(language).cause_nouns:
                yield Found("human_error", *span_of([subject, tok]), {"phrase": tok.text})


# ------------------------------------------------------------------ judgmental words (BL405)


def judgmental(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    text = _doc_text(sent.doc)
    lowered = _lowered_text(sent.doc)
    regexes = _language_regexes(language)
    span = (lowered, sent.start_char, sent.end_char)
    covered = [m.span() for m in regexes["technical"].finditer(*span)]
    for match in regexes["judgmental"].finditer(*span):
        start, end = match.span()
        if any(a <= start and end <= b for a, b in covered):
            continue
        yield Found("judgmental", start, end, {"word": text[start:end]})
