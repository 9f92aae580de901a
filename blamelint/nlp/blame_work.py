"""Adjectives that judge people's work only when aimed at it (BL405): "flimsy testing",
"the review was cursory", "les tests étaient sommaires", "la relecture a été superficielle".
Aimed at a thing that is nobody's work ("a flimsy bracket", "a cursory glance at the
graphs", "un résumé sommaire") they describe it. The target is the noun the adjective
modifies or the subject it is said of; it judges when that is a `work` noun or a person.
Words: judgmental.yaml `work_only`, `work_only_predicative` (only as a predicate: "des tests
sommaires" names quick tests) and `work`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from blamelint.nlp import agency as ag
from blamelint.nlp.agency import Found
from blamelint.nlp.lexicon import judgmental_words, norm, people


def work_judgement(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    jw = judgmental_words(language)
    words = jw.work_only | jw.work_only_predicative
    if not words:
        return
    p = people(language)
    for token in sent:
        low = norm(token.text)
        # The small tagger calls some predicative adjectives nouns ("was cursory"): the
        # dependency says how the word is used.
        if low not in words or token.dep_ in ag.SUBJECT_DEPS | ag.OBJECT_DEPS:
            continue
        if low in jw.work_only_predicative and token.dep_ in ("amod", "nmod"):
            continue  # "des tests sommaires": the name of quick tests
        target = _target(token)
        if target is None:
            continue
        if norm(target.text) in jw.work or ag.person_kind(target, p, names) or target.i in names:
            yield Found("judgmental", token.idx, token.idx + len(token.text), {"word": token.text})
            return


def _target(token: Any) -> Any | None:
    """The noun an adjective modifies, or the subject it is predicated of."""
    if token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "amod" and token.head.i != token.i:
        return token.head
    if token.dep_ in ("acomp", "attr") and token.head.i != token.i:
        return ag.subject_of(token.head)
    return ag.subject_of(token)
