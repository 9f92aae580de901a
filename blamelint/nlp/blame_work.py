"""Adjectives that judge people's work only when aimed at it (BL405): "flimsy testing",
"the review was cursory", "les tests étaient sommaires", "la relecture a été superficielle".
Aimed at a thing that is nobody's work ("a flimsy bracket", "a cursory glance at the
graphs", "un résumé sommaire") they describe it. The target is the noun the adjective
modifies or the subject it is said of; it judges when that is a `work` noun, a person, or
a thing a person made ("her interviews were flimsy", "the statement he gave was cursory").
"Too slow" judges a person's performance ("the responders were too slow to escalate"), a
thing's speed is measured ("the disk was too slow"). Words: judgmental.yaml `work_only`,
`work_only_predicative` (only as a predicate: "des tests sommaires" names quick tests),
`work`, `person_only` and `too`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from blamelint.nlp import agency as ag
from blamelint.nlp.agency import Found
from blamelint.nlp.docview import sentence_words
from blamelint.nlp.gates import gated
from blamelint.nlp.lexicon import judgmental_words, norm, people


@cache
def _work_words(language: str) -> frozenset[str]:
    """The words that judge work (made once per language, not per sentence)."""
    jw = judgmental_words(language)
    return jw.work_only | jw.work_only_predicative


def _gate(language: str) -> frozenset[str]:
    """`work_judgement`'s words: a word judging work, or one judging a person after "too"
    (`_too_slow`); none where the language lists no work words (it returns at once)."""
    words = _work_words(language)
    return words | judgmental_words(language).person_only if words else frozenset()


@gated(_gate)
def work_judgement(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    jw = judgmental_words(language)
    words = _work_words(language)
    if not words:
        return
    p = people(language)
    yield from _too_slow(sent, jw, p, names)
    for token in sent if not sentence_words(sent).isdisjoint(words) else ():
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
        judged = norm(target.text) in jw.work or _peoples(target, p, names)
        if judged or ag.person_kind(target, p, names) or target.i in names:
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


def _peoples(noun: Any, p, names: frozenset[int]) -> bool:
    """A thing people made: "her interviews", "the statement he gave"."""
    for child in noun.children:
        if child.dep_ == "poss" and (
            norm(child.text) in p.possessives or ag.person_kind(child, p, names)
        ):
            return True
        if child.dep_ in ("relcl", "acl:relcl"):
            subject = ag.subject_of(child)
            if subject is not None and subject.i != noun.i and ag.person_kind(subject, p, names):
                return True
    return False


def _too_slow(sent: Any, jw, p, names: frozenset[int]) -> Iterator[Found]:
    """ "The responders were too slow to escalate", "trop lents, les techniciens ...": a
    person's performance judged (`person_only` after `too`); a thing's speed is measured."""
    doc = sent.doc
    for token in sent:
        if norm(token.text) not in jw.person_only or token.i == sent.start:
            continue
        if norm(doc[token.i - 1].text) not in jw.too:
            continue
        target = _target(token)
        if target is None and token.head.i != token.i:
            target = ag.subject_of(token.head)  # "Trop lents, les techniciens se font ..."
        if not _person(target, p, names) and _fronted(doc, token, sent):
            # "Insolite : trop lents, les techniciens ...": the parse hangs the fronted
            # adjective elsewhere; the noun phrase after its comma is what it describes.
            target = ag.np_head_after(doc, token.i + 2)
        if _person(target, p, names):
            start = doc[token.i - 1].idx
            end = token.idx + len(token.text)
            yield Found("judgmental", start, end, {"word": doc.text[start:end]})
            return


def _person(token: Any, p, names: frozenset[int]) -> bool:
    return token is not None and bool(ag.person_kind(token, p, names) or token.i in names)


def _fronted(doc: Any, adjective: Any, sent: Any) -> bool:
    """The adjective ends a fronted phrase: a comma right after it."""
    return adjective.i + 2 < sent.end and doc[adjective.i + 1].text == ","
