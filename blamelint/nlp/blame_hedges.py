"""Hindsight that judges no one because of the sentence it is in (BL403), read on the surface:
- a question posed for reflection, as action items write them: "Reflect whether the test hosts
  should have been shared with the teams", "Consider if the alert should have paged", "Évaluer
  si l'alerte aurait dû appeler l'astreinte" (a verb of reflection opening the sentence,
  then "if"/"whether");
- an outcome imagined, not a conduct judged: "picture what would have happened had a stranger
  bought the name first", "on imagine ce qui se serait passé si ...";
- thanks told as a counterfactual: "we couldn't have recovered so fast without their help",
  "nous n'aurions pas pu y arriver sans leur aide" (credit, not a judgement);
- a requirement of the intended workflow, in documentation register: "A developer should have
  installed the package to make the widget work", "un développeur aurait dû l'installer pour
  que le composant fonctionne" (an indefinite subject and a purpose that makes something work).
- a harm imagined: "we could have lost all the data if the backup had not existed";
- a prevention given a thing the system lacked: "the outage could have been avoided with a
  staged rollout" (not "with more care").
The words are rules/wordlists/blame-frames.yaml's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from blamelint.nlp import agency as ag
from blamelint.nlp.docview import sentence_words
from blamelint.nlp.lexicon import ORDERED, from_wordlist, norm


@dataclass(frozen=True)
class HedgeWords:
    reflection_verbs: frozenset[str]
    reflection_marks: frozenset[str]
    imagined_outcomes: tuple[tuple[str, ...], ...] = field(metadata=ORDERED)
    credit_marks: frozenset[str] = frozenset()
    credit_nouns: frozenset[str] = frozenset()
    credit_owners_before: frozenset[str] = frozenset()
    credit_owners_after: frozenset[str] = frozenset()
    credit_people: frozenset[str] = frozenset()
    workflow_subject_determiners: frozenset[str] = frozenset()
    workflow_purpose: tuple[tuple[str, ...], ...] = field(default=(), metadata=ORDERED)
    workflow_results: frozenset[str] = frozenset()
    workflow_recovery: frozenset[str] = frozenset()
    loss_participles: frozenset[str] = frozenset()
    means_marks: frozenset[str] = frozenset()
    conduct_means: frozenset[str] = frozenset()


@cache
def hedge_words(language: str) -> HedgeWords:
    return from_wordlist(HedgeWords, "blame-frames.yaml", language)


def _words(sent: Any) -> list[Any]:
    return [t for t in sent if not (t.is_space or t.is_punct)]


def reflection(sent: Any) -> bool:
    """The sentence asks to reflect whether something should have been done."""
    words = _words(sent)
    if len(words) < 3:
        return False
    hw = hedge_words("fr" if sent.doc.lang_ == "fr" else "en")
    first = words[0]
    if norm(first.text) not in hw.reflection_verbs or first.tag_ in ("VBD", "VBN", "VBZ"):
        return False
    return any(norm(t.text) in hw.reflection_marks for t in words[1:4])


def imagined_outcome(sent: Any) -> bool:
    """The sentence imagines what would have happened, not what someone should have done."""
    hw = hedge_words("fr" if sent.doc.lang_ == "fr" else "en")
    found = ag.phrase_positions(sent.doc, hw.imagined_outcomes, sent.start, sent.end)
    return next(iter(found), None) is not None


# How many words after "without"/"sans" the noun of help may come ("without the CDN team's
# quick help").
_CREDIT_WINDOW = 6
# How many words after the purpose opener the result verb may come ("to make the `Icon`
# component of the page work").
_RESULT_WINDOW = 8


def credited(sent: Any) -> bool:
    """The counterfactual thanks someone: "without their help" follows the modal perfect
    ("without much effort" thanks no one)."""
    hw = hedge_words("fr" if sent.doc.lang_ == "fr" else "en")
    if sentence_words(sent).isdisjoint(hw.credit_marks):
        return False
    toks = [t for t in sent if not t.is_space]
    words = [norm(t.text) for t in toks]
    for i, w in enumerate(words):
        if w not in hw.credit_marks:
            continue
        window = words[i + 1 : i + 1 + _CREDIT_WINDOW]
        acting = i + 2 < len(toks) and toks[i + 2].pos_ in ("VERB", "AUX")
        if window and window[0] in hw.credit_people and not acting:
            return True  # "without you all", "sans vous"; not "without them noticing"
        j = next((k for k, x in enumerate(window) if x in hw.credit_nouns), None)
        if j is None:
            continue
        after = window[j + 1] if j + 1 < len(window) else ""
        # someone's help: "their help", "the team's help", "the support of the team"
        if hw.credit_owners_before.intersection(window[:j]) or after in hw.credit_owners_after:
            return True
    return False


def intended_workflow(sent: Any, subject: Any) -> bool:
    """ "A developer should have installed it to make the widget work": what the workflow
    expects of anyone (an indefinite subject), for a purpose that makes something work."""
    if subject is None:
        return False
    hw = hedge_words("fr" if sent.doc.lang_ == "fr" else "en")
    words = sentence_words(sent)
    if words.isdisjoint(hw.workflow_results) or not words.isdisjoint(hw.workflow_recovery):
        return False  # no thing made to work, or a recovery ("to make it work again")
    dets = [t for t in subject.children if t.dep_ == "det"]
    if not any(norm(t.text) in hw.workflow_subject_determiners for t in dets):
        return False
    doc = sent.doc
    for _start, end in ag.phrase_positions(doc, hw.workflow_purpose, subject.i, sent.end):
        tail = doc[end : min(end + _RESULT_WINDOW, sent.end)]
        if any(norm(t.text) in hw.workflow_results for t in tail):
            return True
    return False


def imagined_loss(sent: Any, part: Any) -> bool:
    """ "we could have lost all the data": the participle of a harm, not of a duty."""
    if part is None:
        return False
    hw = hedge_words("fr" if sent.doc.lang_ == "fr" else "en")
    # French "aurions pu (tout) perdre": the harm is the infinitive after the participle.
    following = part.doc[part.i + 1 : min(part.i + 3, sent.end)]
    return any(norm(t.text) in hw.loss_participles for t in [part, *following])


def system_means(check: Any) -> bool:
    """ "could have been avoided with a staged rollout": a means right after the participle
    that is a thing, not people's conduct ("with more care")."""
    hw = hedge_words("fr" if check.doc.lang_ == "fr" else "en")
    doc, sent = check.doc, check.sent
    after = [t for t in doc[check.i + 1 : min(check.i + 3, sent.end)] if not t.is_punct]
    mark = next((t for t in after if norm(t.text) in hw.means_marks), None)
    if mark is None:
        return False
    rest = [norm(t.text) for t in doc[mark.i + 1 : min(mark.i + 5, sent.end)]]
    return bool(rest) and hw.conduct_means.isdisjoint(rest)
