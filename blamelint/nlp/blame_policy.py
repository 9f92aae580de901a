"""Sentences that read like blame but state a policy about it, or tell its fix.

- A remedy conditioned on someone being at fault (BL407): "whenever an engineer is at
  fault for an outage, that engineer should be let go", "si un ingénieur est fautif, il doit partir"
  states the writer's view of blame in general (a text about blame, not blame); the remedy
  prescribes nothing for this incident. "Engineers need to be more careful when editing the
  zone file" has no fault in its condition and still fires.
- A removal whose object is the culprit (BL401): "the platform team shut down the relay
  behind the spam storm" tells the fix; "the on-call took down the checkout service"
  and "took down the server behind the firewall" are still failures.
- Presence negated (BL401): "the director had not turned up" says who was absent, as "was not
  there" does; "the on-call did not answer the page" still names a step left undone.
Words: rules/wordlists/blame-acts.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from blamelint.nlp import agency as ag
from blamelint.nlp.lexicon import blame_words, from_wordlist, norm

# A fault word counts as the condition's when it comes this many words after the mark.
_CONDITION_SPAN = 8


@dataclass(frozen=True)
class PolicyWords:
    condition_marks: frozenset[str]
    culprit_words: frozenset[str]
    removal_verbs: frozenset[str]
    culprit_preps: frozenset[str]
    culprit_events: frozenset[str]
    presence_verbs: dict[str, frozenset[str]]


@cache
def policy_words(language: str) -> PolicyWords:
    return from_wordlist(PolicyWords, "blame-acts.yaml", language)


def conditioned_on_fault(sent: Any, start: int, end: int, language: str) -> bool:
    """Does a condition on someone's fault ("whenever an engineer is at fault", "if they are to
    blame") stand in the sentence, outside the remedy's tokens [start, end)?"""
    pw = policy_words(language)
    words = ag.lowered(sent.doc)
    for i in range(sent.start, sent.end):
        if words[i] not in pw.condition_marks or start <= i < end:
            continue
        window = range(i + 1, min(sent.end, i + 1 + _CONDITION_SPAN))
        if any(words[j] in pw.culprit_words and not start <= j < end for j in window):
            return True
    return False


def presence(verb: Any, language: str) -> bool:
    """ "had not turned up", "didn't show up": a verb of presence with its particle."""
    particles = policy_words(language).presence_verbs.get(norm(verb.text))
    return bool(particles) and any(
        norm(c.text) in particles for c in ag.children(verb, ("prt", "compound:prt", "advmod"))
    )


def removes_culprit(verb: Any, language: str) -> bool:
    """ "shut down the relay behind the spam storm": the removal of the thing behind
    the incident is its fix."""
    pw = policy_words(language)
    if norm(verb.text) not in pw.removal_verbs:
        return False
    events = pw.culprit_events | blame_words(language).incident_nouns
    for obj in ag.children(verb, ag.OBJECT_DEPS):
        for prep in ag.children(obj, ("prep", "nmod", "case")):
            if norm(prep.text) not in pw.culprit_preps:
                continue
            if any(norm(t.text) in events for t in prep.subtree):
                return True
    return False
