"""An organisation made the agent of a slip (BL401): "Acme forgot to renew the certificate",
"the vendor accidentally wiped the account", "the carrier failed to test the patch", "Nimbus
made a huge mistake".

A company doing ordinary things ("Acme deployed a fix", "the vendor restored service") is
not blame, and a product or system as the subject of a defect ("the cron job mistakenly
purged the cache") stays technical. So both sides are strict: the subject must be an
organisation (a named entity the NER calls one, or a company noun such as "the firm"), or a
capitalised name that is no person and no known technology *with* a verb that only an agent
can do (forgot, neglected); and the verb must carry its own failure: a slip verb, a slip
adverb, "failed to" with a duty, or "made a mistake". Word lists: rules/wordlists/
organisations.yaml.

Blame reported as such is the other half: "the health network blames Calderbrook", "the
regulator faulted Ridgeline for ...", "held the vendor responsible", "chaos pinned on
Calderbrook". The target must be a party (a person, a role, an organisation or a capitalised
name that is no technology): "the vendor blamed a firmware bug" puts it on a thing, and stays
quiet, as do denials, gerunds ("blaming individuals never helps") and modals.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import agency as ag
from .agency import Found
from .blame_context import phrase_text
from .lexicon import human_error_words, norm, org_words, people


def _organisation(token: Any, language: str, names: frozenset[int]) -> str | None:
    """ "entity" for a named organisation, "noun" for a company noun, "name" for a bare
    capitalised name that is neither a person nor a known technology, else None."""
    ow, p = org_words(language), people(language)
    low = norm(token.text)
    if token.i in names or ag.person_kind(token, p, names):
        return None  # a person: BL401's own case
    if low in p.tech or any(norm(c.text) in p.product_heads for c in token.children):
        return None
    if token.pos_ == "NOUN" and low in ow.nouns:
        return "noun"
    if token.pos_ != "PROPN" or not token.text[:1].isupper():
        return None
    if token.ent_type_ == "ORG" or any(norm(c.text) in p.corporate for c in token.children):
        return "entity"
    return "name" if not token.ent_type_ or token.ent_type_ in ("ORG", "PRODUCT") else None


def _evidence(verb: Any, language: str) -> str | None:
    """Why this verb is a slip whoever its agent: the verb, an adverb, a duty not done."""
    ow, he = org_words(language), human_error_words(language)
    low = norm(verb.text)
    if low in ow.slips:
        return "slip"
    if low in ow.make and any(
        norm(o.text) in he.blamed_nouns for o in ag.children(verb, ag.OBJECT_DEPS)
    ):
        return "slip"  # "made a huge mistake", "committed a serious error"
    if low in ow.lapse and any(
        norm(c.text) in ow.lapse[low] for c in ag.children(verb, ("ccomp", "xcomp", "dobj"))
    ):
        return "slip"  # "let the certificate lapse"
    single = {words[0] for words in he.slip_adverbs if len(words) == 1}
    if any(norm(c.text) in single for c in ag.children(verb, ("advmod",))):
        return "adverb"
    if low in ow.fail and any(norm(x.text) in ow.duties for x in ag.children(verb, ("xcomp",))):
        return "duty"
    return None


def organisation_as_cause(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    from .blame_detect import _not_an_event  # the narration/plan/question checks of BL401

    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX") or ag.negated(verb) or ag.is_passive(verb):
            continue
        evidence = _evidence(verb, language)
        if evidence is None:
            continue
        subject = ag.subject_of(verb)
        if subject is None:
            continue
        kind = _organisation(subject, language, names)
        if kind is None or (kind == "name" and evidence != "slip"):
            continue  # "Trellis accidentally wiped ..." may be a product's defect
        if _not_an_event(verb, subject, "failure"):
            continue
        start = subject.doc[subject.left_edge.i].idx if subject.i < verb.i else subject.idx
        yield Found(
            "person",
            start,
            verb.idx + len(verb.text),
            {"subject": phrase_text(subject), "verb": verb.text, "reason": "organisation"},
        )


def _party(token: Any, language: str, names: frozenset[int]) -> bool:
    """A person, a role, a team, an organisation or a capitalised non-technology name."""
    p = people(language)
    if token.i in names or ag.person_kind(token, p, names):
        return True
    if token.text.isupper():
        return False  # "we blamed DNS": an acronym names a technology more often than a firm
    if _organisation(token, language, names):
        return True
    low = norm(token.text)
    return (
        token.pos_ in ("NOUN", "PROPN")
        and token.text[:1].isupper()
        and low not in p.tech
        and not any(norm(c.text) in p.product_heads for c in token.children)
        and token.ent_type_ not in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT")
    )


def _targets(verb: Any, ow) -> list[Any]:
    """Who the attribution verb puts the blame on."""
    low = norm(verb.text)
    objects = ag.children(verb, ag.OBJECT_DEPS)
    found: list[Any] = []
    if low in ow.attribution:
        if objects:
            found.extend(objects)
        elif verb.dep_ == "acl" and verb.head.i != verb.i:
            found.append(verb.head)  # headline: "Calderbrook blamed for inbox flood"
        else:
            subject = ag.subject_of(verb)
            passive = ag.is_passive(verb) or any(
                norm(c.text) in ("of", "for") for c in ag.children(verb, ("prep",))
            )
            if subject is not None and passive:
                found.append(subject)  # "Fernhill accused of lacking common sense"
    if low in ow.holding:
        for obj in objects:
            if any(norm(c.text) in ow.culpable for c in obj.children) or any(
                norm(c.text) in ow.culpable for c in verb.children
            ):
                found.append(obj)  # "held the vendor responsible"
        for clause in ag.children(verb, ("ccomp", "oprd", "xcomp")):
            subject = ag.subject_of(clause) if norm(clause.text) in ow.culpable else None
            if subject is not None:
                found.append(subject)  # the same, parsed as a small clause
    for prep in ag.children(verb, ("prep",)):
        wanted = ow.pinning.get(low)
        if wanted and norm(prep.text) in wanted:
            found.extend(ag.children(prep, ("pobj",)))  # "pinned on", "pointed the finger at"
    return found


def blame_attribution(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    from .blame_detect import _not_an_event

    ow = org_words(language)
    nobody = ow.nobody
    for verb in sent:
        low = norm(verb.text)
        if low not in ow.attribution | ow.holding | set(ow.pinning):
            continue
        if verb.tag_ == "VBG" or ag.negated(verb) or verb.pos_ not in ("VERB", "AUX"):
            continue
        if (
            low in ow.pinning
            and low == "pointed"
            and not any(norm(o.text) == "finger" for o in ag.children(verb, ag.OBJECT_DEPS))
        ):
            continue
        for target in _targets(verb, ow):
            if norm(target.text) in nobody or any(
                norm(d.text) in nobody for d in ag.children(target, ("det",))
            ):
                continue  # "Nobody is being blamed in this review": a denial
            if not _party(target, language, names) or _not_an_event(verb, target, "clause"):
                continue
            start, end = ag.span_of([verb, target])
            yield Found("person", start, end, {"subject": phrase_text(target), "reason": "blamed"})
            return
