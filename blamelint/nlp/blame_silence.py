"""A party's silence or evasion, told as a reproach (BL401): "le prestataire n'a pas dit un
mot", "l'hébergeur ne dit rien", "l'éditeur esquive", "l'opérateur est resté muet". A company
(an organisation noun or a name shown to be a company) or a person, not the writer's own "nous"
nor a generic "on"/"chacun", is the subject of a negated speech verb whose object is "un mot"
or "rien" and that ends its clause, of an evasion verb, or of a phrase that says it kept
silent. A negated report ("le fournisseur n'a pas dit que la coupure venait de lui"), a
topic declined ("n'a rien dit de neuf sur les causes") and things ("le journal ne dit rien")
stay quiet, as do plans, questions and suppositions (BL401's checks). Words:
rules/wordlists/blame-frames.yaml (`speech_verbs`, `silence_objects`, `evasion_verbs`,
`silence_phrases`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from . import agency as ag
from .agency import Found
from .blame_context import phrase_text
from .blame_detect import not_an_event
from .blame_org import Known, organisation
from .docview import ends_with_question_mark
from .gates import first_words, gated
from .lexicon import from_wordlist, grammar, norm, people


@dataclass(frozen=True)
class SilenceWords:
    speech_verbs: frozenset[str]
    silence_objects: frozenset[str]
    evasion_verbs: frozenset[str]
    silence_phrases: tuple[tuple[str, ...], ...]
    silence_topics: frozenset[str] = frozenset()


@cache
def silence_words(language: str) -> SilenceWords:
    return from_wordlist(SilenceWords, "blame-frames.yaml", language)


def _gate(language: str) -> frozenset[str]:
    """`kept_silent`'s words: a speech or evasion verb, the first word of a silence phrase."""
    sw = silence_words(language)
    return sw.speech_verbs | sw.evasion_verbs | first_words(sw.silence_phrases)


@gated(_gate)
def kept_silent(
    sent: Any, language: str, names: frozenset[int], known: Known = None
) -> Iterator[Found]:
    sw = silence_words(language)
    if not (sw.speech_verbs or sw.evasion_verbs or sw.silence_phrases):
        return
    doc = sent.doc
    words = ag.lowered(doc)
    if ends_with_question_mark(sent):
        return
    g = grammar()
    negations = g.negations | g.negation_particles
    for i in range(sent.start, sent.end):
        word = words[i]
        verb = doc[i]
        if word in sw.speech_verbs:
            after = words[i + 1 : min(i + 4, sent.end)]
            before = words[max(sent.start, i - 4) : i]
            if not any(w in sw.silence_objects for w in before[-2:] + after):
                continue  # "n'a pas dit que ...": a negated report, not silence
            if not _absolute(doc, i, sent, sw):
                continue  # "rien dit de neuf sur les causes": no comment on a topic
            if not any(w in negations for w in before + after):
                continue  # "a dit un mot aux clients"
        elif word in sw.evasion_verbs:
            pass
        else:
            found = next(iter(ag.phrase_positions(doc, sw.silence_phrases, i, i + 1)), None)
            if found is None:
                continue
        subject = _party(verb, doc, sent)
        if subject is None or not _agent(subject, language, names, known):
            continue
        if not_an_event(verb, subject, "silence"):
            continue
        yield Found(
            "person",
            *ag.span_of([subject, verb]),
            {"subject": phrase_text(subject), "verb": verb.text, "reason": "silence"},
        )
        return


def _absolute(doc: Any, i: int, sent: Any, sw: SilenceWords) -> bool:
    """Silence as such ("le fournisseur ne dit rien.", "n'a pas dit un mot pendant la
    coupure"), not a topic declined: "rien de plus sur l'origine" (`silence_topics` right
    after the verb and its "un mot"/"rien")."""
    j = i + 1
    while j < sent.end and (doc[j].pos_ == "DET" or norm(doc[j].text) in sw.silence_objects):
        j += 1
    return j >= sent.end or norm(doc[j].text) not in sw.silence_topics


def _party(verb: Any, doc: Any, sent: Any) -> Any | None:
    """The subject: the parse's, else the noun right before the verb (past "ne", "n'a pas")."""
    subject = ag.subject_of(verb)
    if subject is not None:
        return subject
    skip = grammar().negation_particles | grammar().negations
    for j in range(verb.i - 1, max(sent.start - 1, verb.i - 5), -1):
        token = doc[j]
        if norm(token.text) in skip or token.pos_ == "AUX":
            continue
        return token if token.pos_ in ("NOUN", "PROPN", "PRON") else None
    return None


def _agent(subject: Any, language: str, names: frozenset[int], known: Known) -> bool:
    """A company, or a person who is not the writer nor anyone at all."""
    g = grammar()
    low = norm(subject.text)
    if low in g.first_person or low in g.generic_people:
        return False
    if organisation(subject, language, names, known) in ("noun", "entity"):
        return True
    return ag.person_kind(subject, people(language), names) is not None
