"""Title Case headlines (BL401): "Bosses Ignored Employees' Warnings", "Contractor Deleted
the Flight Database". The small taggers read capitalised words as proper nouns, so the
parse of such a line has no verb to check; read on the surface instead: a role word followed
by a failure verb ("Ignored", "Forgot", "Took Down"). A line counts as Title Case when most of
its longer words are capitalised. Victims ("Users Missed Notifications"), software
("Consumers Missed Heartbeats") and neutral verbs ("Engineers Restored Service") stay quiet.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import Any

from blamelint.nlp.agency import Found
from blamelint.nlp.docview import sentence_words
from blamelint.nlp.gates import gated
from blamelint.nlp.lexicon import blame_words, norm, people

_MIN_WORDS = 4
_CAPITALISED = 0.7


def _title_case(words: list[Any]) -> bool:
    long = [t for t in words if len(t.text) > 3]
    if len(words) < _MIN_WORDS or not long:
        return False
    return sum(t.text[0].isupper() for t in long) / len(long) >= _CAPITALISED


@gated(lambda language: people(language).roles)
def headline_blame(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    p, bw = people(language), blame_words(language)
    if sentence_words(sent).isdisjoint(p.roles):
        return  # (every case starts at a role word)
    words = [t for t in sent if t.is_alpha]
    if not _title_case(words):
        return
    for agent, verb in pairwise(words):
        role = norm(agent.text)
        if role not in p.roles or role in p.ambiguous or role in p.victims:
            continue
        low = norm(verb.text)
        failure = low in bw.failure or bool(bw.mis_prefix.match(low))
        if not failure and low in bw.phrasal:
            following = verb.doc[verb.i + 1 : verb.i + 3]
            failure = any(norm(t.text) in bw.phrasal[low] for t in following)
        if failure:
            start, end = agent.idx, verb.idx + len(verb.text)
            yield Found("person", start, end, {"subject": agent.text, "verb": verb.text})
            return
