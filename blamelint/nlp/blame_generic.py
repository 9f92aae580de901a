"""Frames that keep a person-as-cause clause from blaming anyone (BL401, BL405).

A clause can name a person and a failure and still blame no one, because of what it is part of:
- an explanation denied: "it wasn't simply that they skipped the review", "ce n'est pas que
  l'astreinte a ignoré l'alerte";
- a generic statement: "sooner or later someone new makes the same mistake" (indefinite
  people, present tense), "a person hitting the wrong button can do serious damage" (a
  possibility), "when one person is to blame, ..." / "quand c'est le prestataire qui a lancé
  la purge, ..." (a generic "when" clause in the present), "making individuals
  accountable does not ..." (an activity named by a gerund);
- a claim mentioned rather than made: "allegations of gross negligence are unfounded", "a
  claim of negligence says the defendant acted recklessly" (BL405).
The words are rules/wordlists/blame-frames.yaml's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from blamelint.nlp import agency as ag
from blamelint.nlp.lexicon import from_wordlist, grammar, language_of, norm

# Dependencies that lead from a clause to the clause or noun it is part of.
_UP = (
    "ccomp",
    "xcomp",
    "conj",
    "acomp",
    "attr",
    "advcl",
    "relcl",
    "acl:relcl",
    "acl",
    "csubj",
    "amod",
    "dobj",
    "obj",
)


@dataclass(frozen=True)
class FrameWords:
    denial_subjects: frozenset[str]
    copulas: frozenset[str]
    indefinite_people: frozenset[str]
    generic_marks: frozenset[str]
    standing_marks: frozenset[str]
    negative_determiners: frozenset[str]
    claims: frozenset[str]
    claim_denials: frozenset[str]
    indefinite_articles: frozenset[str]
    supposition_marks: frozenset[str]


@cache
def frame_words(language: str) -> FrameWords:
    return from_wordlist(FrameWords, "blame-frames.yaml", language)


def cleft_subject(subject: Any) -> Any:
    """ "I'm the one who merged it", "Karim was the person who skipped it": the subject of
    the copula stands for "the one" the relative clause hangs on."""
    if subject is None or subject.dep_ != "attr" or norm(subject.text) not in _ONES:
        return subject
    found = ag.children(subject.head, ("nsubj",))
    return found[0] if found else subject


_ONES = frozenset(["one", "ones", "person", "guy", "celui", "celle", "ceux", "celles"])


def _governors(verb: Any, limit: int = 4) -> Iterator[tuple[Any, Any]]:
    """(token, the token below it on the way up) from the verb up through the clauses and
    nouns it is part of, at most `limit` steps."""
    token, below = verb, verb
    for _ in range(limit + 1):
        yield token, below
        if token.dep_ not in _UP or token.head.i == token.i:
            return
        token, below = token.head, token


def _present(token: Any) -> bool:
    """A present-tense finite verb or copula, by tag or morphology (either language)."""
    if token.tag_ in ("VBP", "VBZ"):
        return True
    return token.tag_ == token.pos_ and "Pres" in token.morph.get("Tense")


def denied(verb: Any) -> bool:
    """ "It wasn't simply that they skipped it": the verb's clause is the complement of a
    negated copula whose subject is "it"/"this" (or "ce"), so the explanation is denied."""
    fw = frame_words(language_of(verb))
    for token, below in _governors(verb, 3):
        if token is below:
            continue
        if norm(token.text) in fw.copulas and ag.negated(token):
            subject = ag.children(token, ("nsubj", "expl"))
            if subject and norm(subject[0].text) in fw.denial_subjects:
                return below.dep_ in ("ccomp", "advcl", "attr", "acomp")
    return False


def _marked_generic(token: Any, fw: FrameWords) -> bool:
    """A "when" clause in the present: on the verb, or on the copula of a French predicate."""
    marks = ag.children(token, ("mark", "advmod"))
    if not any(norm(m.text) in fw.generic_marks for m in marks):
        return False
    copulas = ag.children(token, ("cop",))
    return _present(token) or any(_present(c) for c in copulas)


def _finite_present(verb: Any) -> bool:
    """The verb, or the auxiliary it is conjugated with, is in the present ("is not checked")."""
    return _present(verb) or any(
        _present(a) for a in ag.children(verb, ("aux", "auxpass", "aux:pass", "cop"))
    )


def standing_rule(verb: Any) -> bool:
    """A present clause conditioned by a present "if"/"as long as"/"when" clause ("as long as
    a node is busy, its health is not checked"): a rule of how things work, not an event."""
    if not _finite_present(verb):
        return False
    marks = frame_words(language_of(verb)).standing_marks
    for token in verb.subtree:
        if token.i == verb.i or token.dep_ not in ("advcl", "ccomp") or not _present(token):
            continue
        if any(norm(m.text) in marks for m in ag.children(token, ("mark",))):
            return True
    return False


def nobody_acts(subject: Any) -> bool:
    """ "No other team had hit the bug", "aucune équipe n'a ...": a subject denied to exist."""
    if subject is None:
        return False
    negative = frame_words(language_of(subject)).negative_determiners
    return any(norm(d.text) in negative for d in ag.children(subject, ("det",)))


def generic(verb: Any, subject: Any) -> bool:
    """What happens in general rather than what happened this time (see the module); also
    what nobody did ("no other team had hit it") and standing rules ("as long as ...")."""
    fw = frame_words(language_of(verb))
    modals = grammar().modal_aux
    if nobody_acts(subject) or standing_rule(verb):
        return True
    if subject is not None and _present(verb):
        dets = [norm(d.text) for d in ag.children(subject, ("det",))]
        if " ".join([*dets, norm(subject.text)]) in fw.indefinite_people or (
            norm(subject.text) in fw.indefinite_people
        ):
            return True  # "sooner or later someone new makes the same mistake"
    for token, below in _governors(verb):
        if _marked_generic(token, fw):
            return True  # "when one person is to blame", "quand c'est le prestataire qui ..."
        if (
            token is not below
            and below.dep_ in ("acl", "relcl")
            and token.pos_ == "NOUN"
            and (below.tag_ == "VBG" or _present(below))
        ):
            # "A person hitting the wrong button can do serious damage": the person is the
            # subject of a possibility.
            heads = {token.head, token.sent.root} if token.dep_ in ("nsubj", "nsubjpass") else ()
            if any(norm(a.text) in modals for h in heads for a in ag.children(h, ("aux",))):
                return True
        if token.tag_ == "VBG" and token.dep_ in ("csubj", "nsubj", "pcomp"):
            return True  # "Making individuals accountable doesn't reward ...": an activity
    return False


def mentioned_claim(token: Any) -> bool:
    """A judgement inside a claim that is denied ("allegations of negligence are unfounded")
    or generic ("a claim of gross negligence says the defendant acted recklessly"), or inside
    a supposition in the present ("if the review turns up negligence, ..."): mentioned, not
    made (BL405)."""
    fw = frame_words(language_of(token))
    node = token
    for _ in range(6):
        if _claim(node, fw):
            return _mentioned_claim(node, fw)
        said = [c for c in ag.children(node, ("nsubj",)) if _claim(c, fw)]
        if node.i != token.i and said:
            return _mentioned_claim(said[0], fw)
        if _supposition(node):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _claim(token: Any, fw: FrameWords) -> bool:
    return token.pos_ == "NOUN" and norm(token.text) in fw.claims


def _mentioned_claim(claim: Any, fw: FrameWords) -> bool:
    dets = {norm(d.text) for d in ag.children(claim, ("det",))}
    if dets & fw.indefinite_articles:
        return True
    head = claim.head
    if claim.dep_ in ("nsubj", "nsubjpass", "nsubj:pass") and head.i != claim.i:
        said = [head, *ag.children(head, ("acomp", "attr", "xcomp"))]
        return any(norm(t.text) in fw.claim_denials for t in said)
    return False


def _supposition(token: Any) -> bool:
    """A clause marked "if"/"si" with its verb in the present: a supposition."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    marks = frame_words(language_of(token)).supposition_marks
    return _present(token) and any(norm(m.text) in marks for m in ag.children(token, ("mark",)))


def present_frame(adverb: Any) -> bool:
    """ "Obviously, if ..., that has to be handled", "Obviously we need a check": an epistemic
    adverb on a clause in the present or with a modal (not a modal perfect) is a discourse
    marker; hindsight judges the past ("Obviously, the retry storm was going to happen")."""
    head = adverb.head
    if head.i == adverb.i:
        return False
    auxes = [norm(a.text) for a in ag.children(head, ("aux", "aux:tense"))]
    if any(a in grammar().perfect_present or a == "had" for a in auxes):
        return False
    if any(a in grammar().modal_aux for a in auxes):
        return True
    return _present(head) and not any(
        _past_aux(a) for a in ag.children(head, ("aux", "aux:pass", "auxpass"))
    )


def _past_aux(token: Any) -> bool:
    return token.tag_ in ("VBD", "VBN") or "Past" in token.morph.get("Tense")
