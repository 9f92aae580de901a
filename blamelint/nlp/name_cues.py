"""Where a sentence itself says that a proper noun is a person, whatever the NER thinks.

The small models often tag a surname as ORG, PRODUCT or nothing ("Cole", "Sandquist",
"Arlo Penhallow"), and `people.doc_names` does not trust a lone unknown word; these cues are
the evidence that makes one a person:

- an office before it: "NTC chair Arlo Penhallow", "le ministre Marchand";
- a quotation it reports: "“We will be fine tomorrow,” Sandquist said", "..., précise Claessens";
- an English "who" after it: "Cole, who has spent 29 years at the airline";
- a citation: "Moser et al", "Hallberg (1997)";
- a given name in capitals used as a subject: "KAI had no idea the change was flawed".

Works on spaCy Docs through their attributes only; spaCy is never imported here. The words
live in rules/wordlists/name-context.yaml (role_titles, speech_verbs).
"""

from __future__ import annotations

import re
from typing import Any

from .lexicon import People, norm
from .name_context import NameContext

_QUOTES = frozenset({'"', "”", "“", "»", "«", "’’", "''"})
_YEAR = re.compile(r"^(?:1[89]|20)\d\d[a-z]?$")


def _proper(token: Any) -> bool:
    text = token.text
    # A capitalised NOUN inside a sentence is a proper noun the small tagger missed
    # ("précise Vandekerk").
    noun = token.pos_ == "NOUN" and not token.is_sent_start and token.i > 0
    return (
        (token.pos_ in ("PROPN", "X") or noun)
        and text[:1].isupper()
        and (len(text) == 1 or not text.isupper())
        and any(c.isalpha() for c in text)
    )


def _run(doc: Any, i: int) -> tuple[int, int]:
    """The proper-noun run around token i ("Arlo Penhallow" from either word)."""
    start = end = i
    while start > 0 and _proper(doc[start - 1]) and doc[start - 1].dep_ in ("compound", "flat"):
        start -= 1
    while end + 1 < len(doc) and _proper(doc[end + 1]) and doc[end].dep_ in ("compound", "flat"):
        end += 1
    # A hyphenated surname: "Vasquez-Holt" (no space around the hyphen).
    while (
        end + 2 < len(doc)
        and doc[end + 1].text == "-"
        and not doc[end].whitespace_
        and not doc[end + 1].whitespace_
        and _proper(doc[end + 2])
    ):
        end += 2
    return start, end + 1


def _quote_before(doc: Any, start: int) -> bool:
    """A quotation closes before the name (not the parser's sentence: the small models
    often split after a closing "»"); « Rien n'indique ... » opens one instead."""
    quotes = [t.text for t in doc[max(0, start - 60) : start] if t.text in _QUOTES]
    if not quotes:
        return False
    last = quotes[-1]
    return last in ("»", "”", "''") or (last == '"' and len(quotes) % 2 == 0)


def _reports_quote(doc: Any, start: int, token: Any, c: NameContext) -> bool:
    """ "...,” Sandquist said", "..., précise Claessens", "..., a reconnu Krüger"."""
    before = norm(doc[start - 1].text) if start else ""
    subject = token.dep_ in ("nsubj", "nsubj:pass") and norm(token.head.text) in c.speech_verbs
    return (subject or before in c.speech_verbs) and _quote_before(doc, start)


def _who_follows(doc: Any, end: int) -> bool:
    """ "Cole, who has spent ...": the relative clause is the name's own, not a list's."""
    i = end + 1 if end < len(doc) and doc[end].text == "," else end
    if i >= len(doc) or norm(doc[i].text) != "who":
        return False
    clause = doc[i].head
    return clause.dep_ == "relcl" and clause.head.i == end - 1


def _cited(doc: Any, end: int) -> bool:
    nxt = [norm(t.text) for t in doc[end : end + 3]]
    if nxt[:2] == ["et", "al"] or nxt[:1] == ["et al."] or nxt[:2] == ["et", "al."]:
        return True
    return len(nxt) == 3 and nxt[0] == "(" and bool(_YEAR.match(nxt[1])) and nxt[2] == ")"


def _acronym(token: Any) -> bool:
    return token.text.isupper() and token.text.isalpha() and len(token.text) > 1


def _caps_given_name(token: Any, p: People, c: NameContext) -> bool:
    text = token.text
    if not (text.isupper() and text.isalpha() and 2 < len(text) <= 8):
        return False
    low = text.lower()
    known = (low in p.first_names and low not in p.common_words) or low in c.wide_names
    return known and token.dep_ in ("nsubj", "nsubj:pass", "appos", "poss")


def cue_candidates(doc: Any, p: People, c: NameContext) -> list[tuple[int, int]]:
    """Token spans of proper nouns that the sentence itself presents as people."""
    found: list[tuple[int, int]] = []
    done = 0  # tokens before this index belong to runs already judged
    for tok in doc:
        if tok.i < done:
            continue
        if _caps_given_name(tok, p, c):
            found.append((tok.i, tok.i + 1))
            continue
        if not _proper(tok):
            continue
        start, end = _run(doc, tok.i)
        done = end
        before = norm(doc[start - 1].text) if start else ""
        if start and (doc[start - 1].text in ("/", "@") or _acronym(doc[start - 1])):
            continue  # "SHN Digital said", "r/CryptoCurrency, who": an organisation's name
        last = doc[end - 1]
        if (
            before in c.role_titles
            or _reports_quote(doc, start, last, c)
            or (p.language == "en" and _who_follows(doc, end))
            or _cited(doc, end)
        ):
            found.append((start, end))
    return found


__all__ = ["cue_candidates"]
