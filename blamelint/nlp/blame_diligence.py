"""People's checks judged short (BL405): "The manual testing was incomplete", "the code
review was not rigorous enough", "Testing in staging not thorough enough" (a note without a
verb), "La relecture a été insuffisante", "La recette n'a pas été assez poussée".

Only checks people perform (blame-recall.yaml `diligence_nouns`): "the backup was
incomplete", "test coverage was insufficient" and "monitoring was insufficient" describe a
thing or a system and stay quiet. Quiet too: a check that was thorough ("the review was
thorough"), a plan or a rule ("the review must be thorough", "should not be incomplete"), a
question. Words: blame-recall.yaml `diligence_*`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from blamelint.nlp import agency as ag
from blamelint.nlp.agency import Found
from blamelint.nlp.docview import ends_with_question_mark, sentence_words
from blamelint.nlp.gates import gated
from blamelint.nlp.lexicon import from_wordlist, grammar, norm

_CHAIN = ("amod", "advmod", "acomp", "attr", "xcomp")


@dataclass(frozen=True)
class DiligenceWords:
    diligence_nouns: frozenset[str]
    diligence_lacking: frozenset[str]
    diligence_sufficient: frozenset[str]
    near_misses: frozenset[str]


@cache
def diligence_words(language: str) -> DiligenceWords:
    return from_wordlist(DiligenceWords, "blame-recall.yaml", language)


def _diligence_judged(language: str) -> frozenset[str]:
    """The judgement `checks_judged_short` needs beside a diligence noun."""
    dw = diligence_words(language)
    return dw.diligence_lacking | dw.diligence_sufficient


@gated(
    lambda language: diligence_words(language).diligence_nouns,
    lambda language: _diligence_judged(language),
)
def checks_judged_short(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    dw = diligence_words(language)
    words = sentence_words(sent)
    if words.isdisjoint(dw.diligence_nouns):
        return
    if words.isdisjoint(dw.diligence_lacking) and words.isdisjoint(dw.diligence_sufficient):
        return
    if ends_with_question_mark(sent):
        return
    negations = grammar().negations
    modals = grammar().modal_aux | dw.near_misses
    for word in sent:
        low = norm(word.text)
        lacking = low in dw.diligence_lacking
        if not lacking and low not in dw.diligence_sufficient:
            continue
        chain = _chain(word)
        holder = chain[-1]
        if any(norm(a.text) in modals for t in chain for a in ag.children(t, ("aux", "aux:tense"))):
            continue  # "the review must be thorough": a rule, not a verdict
        negation = [
            c for t in chain for c in ag.children(t, ("neg", "advmod")) if norm(c.text) in negations
        ]
        if lacking == bool(negation):
            continue  # "was thorough", "was not incomplete"
        check = _check_of(holder, dw)
        if check is None:
            continue
        first = min([word, *negation], key=lambda t: t.i)
        last = word  # "not rigorous enough": the degree word after it is part of the verdict
        following = word.doc[word.i + 1] if word.i + 1 < sent.end else None
        if following is not None and norm(following.text) in dw.diligence_sufficient:
            last = following
        start, end = first.idx, last.idx + len(last.text)
        yield Found("judgmental", start, end, {"word": word.doc.text[start:end]})
        return


def _chain(word: Any) -> list[Any]:
    """The adjective and the words it hangs on up to its clause's head ("rigorous" ->
    "enough" -> "was"); the head is last."""
    chain = [word]
    token = word
    while token.dep_ in _CHAIN and token.head.i != token.i and len(chain) < 4:
        token = token.head
        chain.append(token)
    return chain


def _check_of(holder: Any, dw: DiligenceWords) -> Any | None:
    """The check judged: the subject of the clause, or the note's own head noun
    ("Testing in staging not thorough enough")."""
    subjects = ag.children(holder, ("nsubj", "nsubj:pass", "nsubjpass"))
    candidates = subjects or ([holder] if holder.dep_ == "ROOT" else [])
    for noun in candidates:
        if norm(noun.text) in dw.diligence_nouns:
            return noun
    return None
