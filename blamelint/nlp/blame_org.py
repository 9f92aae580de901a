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
