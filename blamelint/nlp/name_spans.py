"""The edges of a personal-name span in a spaCy Doc: growing a given name over its surname,
trimming titles, elisions and verbs, and the character range that is reported.

Works on spaCy Docs through their attributes only; spaCy is never imported here.
"""

from __future__ import annotations

from typing import Any

from blamelint.document.timeparse import calendar_word

from .lexicon import People, norm
from .name_context import INITIAL, after_particles, name_context, surname_next

NAME_POS = frozenset({"PROPN"})


def capitalised(token: Any) -> bool:
    """Title case ("Gall", "J"), not ALL CAPS ("API") and not lowercase ("à")."""
    text = token.text
    return bool(text) and text[0].isupper() and (len(text) == 1 or not text.isupper())


def _day_number(token: Any) -> bool:
    text = token.text.lower().rstrip(".")
    for suffix in ("st", "nd", "rd", "th", "er"):
        if text.endswith(suffix) and text[: -len(suffix)].isdigit():
            text = text[: -len(suffix)]
    return text.isdigit() and 1 <= int(text) <= 31


def dated(doc: Any, i: int) -> bool:
    """A month or weekday word beside a day number ("Jun 4, 2025", "4 Jun", "Mon 12"): a date,
    even when the word is also a given name ("Jun", "May") and the NER misses the date."""
    if not calendar_word(doc[i].text):
        return False
    near = [doc[j] for j in (i - 1, i + 1) if 0 <= j < len(doc)]
    return any(_day_number(t) for t in near)


def extend(doc: Any, start: int, end: int, p: People, tagged: bool) -> tuple[int, int]:
    """Grow a one-token name over a following surname ("Yannick Le Gall", "Priya Natarajan")."""
    i = end
    while i < len(doc):
        tok = doc[i]
        if norm(tok.text) in p.particles and surname_next(doc, i, p):
            i = after_particles(doc, i, p)  # "van der Laan", "de la Cruz"
            continue
        if INITIAL.match(tok.text) and i + 1 < len(doc) and surname_next(doc, i + 1, p):
            i += 1  # a middle initial: "Joost K. van den Brink"
            continue
        if capitalised(tok) and tok.text[:1].isalpha() and norm(tok.text) not in p.tech:
            if tagged and tok.pos_ not in ("PROPN", "NOUN", "X"):
                break
            i += 1
            continue
        break
    while i > end and norm(doc[i - 1].text) in p.particles:
        i -= 1
    return start, i


def edge_ok(tok: Any, p: People, tagged: bool) -> bool:
    """Can this token start or end a name? Not a title, number, elision, verb or "'s"."""
    low = norm(tok.text)
    if low in p.titles or low in {"d'", "l'", "'", "'s", "s", "et", "al", "al."}:
        return False
    if not any(c.isalpha() for c in low) or any(c.isdigit() for c in low):
        return False
    return not (tagged and tok.pos_ not in NAME_POS and not given_word(low, p))


def given_word(low: str, p: People) -> bool:
    """A curated given name, or a compound of given names ("jean-sébastien", "anne-lise")."""
    if low in p.first_names:
        return True
    parts = low.split("-")
    wide = name_context(p.language).wide_names
    return len(parts) > 1 and all(x in p.first_names or x in wide for x in parts)


def trim(doc: Any, start: int, end: int, p: People, tagged: bool) -> tuple[int, int]:
    """Drop titles, possessive 's, elisions, ids ("ACT-202") and verbs at a name's edges."""
    while start < end and not edge_ok(doc[start], p, tagged):
        start += 1
    while end > start and not edge_ok(doc[end - 1], p, tagged):
        end -= 1
    return start, end


def clause_initial(doc: Any, i: int) -> bool:
    """No word before the token in its sentence, or since the last colon, bar or bracket.

    Ids such as "ACT-202" and times such as "21:07" are not words.
    """
    if doc.text[: doc[i].idx].rstrip(" \t").endswith("\n"):
        return True  # first on its source line
    for j in range(i - 1, -1, -1):
        tok = doc[j]
        if tok.text in (":", ";", "|", "–", "—", "*", "(", "[", '"', "«", "“"):
            return True
        if any(c.isalpha() for c in tok.text) and not any(c.isdigit() for c in tok.text):
            return False
        if tok.is_sent_start:
            return True
    return True


def char_span(doc: Any, start: int, end: int) -> tuple[int, int]:
    first, last = doc[start], doc[end - 1]
    text_end = last.idx + len(last.text)
    # spaCy keeps "Petrov's" split, but a glued "'s" can survive inside a token.
    for suffix in ("'s", "’s"):
        if last.text.endswith(suffix) and len(last.text) > len(suffix):
            text_end -= len(suffix)
    start_char = first.idx
    low = norm(first.text)
    for elision in ("d'", "l'"):
        if low.startswith(elision) and len(low) > 2:
            start_char += 2
    return start_char, text_end


__all__ = ["NAME_POS", "capitalised", "char_span", "clause_initial", "extend", "given_word", "trim"]
