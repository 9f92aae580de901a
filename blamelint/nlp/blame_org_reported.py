"""Blame on a party reported as such (BL401), and the slips and judged work an organisation
owns (BL402, BL405).

Reported: "the health network blames Calderbrook", "the regulator faulted Ridgeline for
...", "held the vendor responsible", "chaos pinned on Calderbrook", "trying to shift blame
onto its supplier", "charged the carrier with cutting corners", "the report condemned the
bank". The target must be a party (a person, a role, an organisation or a capitalised name
that is no technology; for the censure verbs, such as "criticised", an organisation only:
criticism of how someone spoke is not always blame): "the vendor blamed a firmware bug"
puts it on a thing, and stays quiet, as do denials, gerunds ("blaming individuals never
helps") and modals.

Owned: "Nimbus's costly mistake", "the failings of the vendor" (a slip noun owned by an
organisation) and "the bank's poor communication", "Fernhill's disastrous migration" (the
work of an organisation judged). Word lists: rules/wordlists/organisations.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from . import agency as ag
from .agency import Found
from .blame_context import phrase_text
from .blame_org import _product, organisation
from .docview import sentence_words
from .gates import gated
from .lexicon import human_error_words, norm, org_words, people


def _party(token: Any, language: str, names: frozenset[int]) -> bool:
    """A person, a role, a team, an organisation or a capitalised non-technology name."""
    p = people(language)
    if token.i in names or ag.person_kind(token, p, names):
        return True
    if token.text.isupper():
        return False  # "we blamed DNS": an acronym names a technology more often than a firm
    if organisation(token, language, names):
        return True
    low = norm(token.text)
    return (
        token.pos_ in ("NOUN", "PROPN")
        and token.text[:1].isupper()
        and low not in p.tech
        and not _product(token, p)
        and token.ent_type_ not in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT")
    )


def _owner(token: Any) -> Any | None:
    """Who owns a noun: "Nimbus's mistake", "the mistake of the vendor", "its own failings"."""
    for child in token.children:
        if child.dep_ in ("poss", "nmod:poss"):
            return child
    for prep in ag.children(token, ("prep",)):
        if norm(prep.text) in ("of", "by"):
            found = ag.children(prep, ("pobj",))
            if found:
                return found[0]
    return None


def _company(token: Any, language: str, names: frozenset[int], strict: bool) -> bool:
    kind = organisation(token, language, names)
    return kind in ("noun", "entity") or (kind == "name" and not strict)


def _targets(verb: Any, language: str, names: frozenset[int]) -> list[Any]:
    """Who the attribution verb puts the blame on."""
    ow = org_words(language)
    low = norm(verb.text)
    objects = ag.children(verb, ag.OBJECT_DEPS)
    found: list[Any] = []
    if low in ow.attribution or low in ow.censure:
        if objects:
            found.extend(objects)
        elif verb.dep_ == "acl" and verb.head.i != verb.i:
            found.append(verb.head)  # headline: "Calderbrook blamed for inbox flood"
        else:
            subject = ag.subject_of(verb)
            passive = ag.is_passive(verb) or any(
                norm(c.text) in ("of", "for", "in") for c in ag.children(verb, ("prep",))
            )
            # French headlines: "Hartley épinglé par le régulateur" (an agent, no auxiliary).
            passive = passive or bool(ag.children(verb, ("obl:agent", "agent")))
            if subject is not None and passive:
                found.append(subject)  # "Fernhill accused of lacking common sense"
        if low in ow.censure:
            # Criticism counts on an organisation or on what it owns ("the airline's
            # leadership"), not on a person's words.
            owned = [_owner(t) for t in found]
            found = [
                t
                for t in [*found, *(o for o in owned if o is not None)]
                if (_company(t, language, names, strict=False) or norm(t.text) in ow.nouns)
                and not t.text.isupper()
            ]
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
    if low in ow.charging:
        # "charged the carrier with cutting corners": a gerund or a fault noun after "with".
        faults = human_error_words(language).blamed_nouns | ow.owned_slips
        # The small parser may hang the party on the verb as a "prep" ("charges Tellavo with").
        charged = objects or [c for c in verb.children if c.pos_ == "PROPN" and c.i > verb.i]
        for prep in [*verb.children, *(c for o in charged for c in o.children)]:
            if prep.dep_ != "prep" or norm(prep.text) != "with":
                continue
            for what in ag.children(prep, ("pobj", "pcomp")):
                if what.tag_ == "VBG" or norm(what.text) in faults:
                    found.extend(charged)
    if low in ow.lawsuits:
        # "Meridian sued Sentrel", "took the vendor to court", "assigne son infogérant en
        # justice".
        needed = ow.lawsuits[low]
        after = verb.doc[verb.i + 1 : min(verb.i + 7, verb.sent.end)]
        if not needed or any(norm(t.text) in needed for t in after):
            found.extend(objects)
    if low in ow.origins:
        found.extend(_origin(verb, ow))
    wanted = ow.pinning.get(low)
    needed = ow.pinning_objects.get(low)
    if wanted and (not needed or any(norm(o.text) in needed for o in objects)):
        for prep in ag.children(verb, ("prep",)):
            if norm(prep.text) in wanted:
                found.extend(ag.children(prep, ("pobj",)))  # "pinned on", "shift blame onto"
        for obj in objects:  # "pointed the finger at X": the preposition on the object
            for prep in ag.children(obj, ("prep",)):
                if norm(prep.text) in wanted:
                    found.extend(ag.children(prep, ("pobj",)))
    return found


def _origin(verb: Any, ow) -> list[Any]:
    """Where the fault is said to lie: "the fault lies with the vendor", "it came down to
    Bluebird", "l'erreur provient de l'employeur"."""
    low = norm(verb.text)
    subjects, particles = ow.origin_subjects.get(low), ow.origin_particles.get(low)
    said = [ag.subject_of(verb), verb.doc[verb.i - 1] if verb.i > verb.sent.start else None]
    if subjects and not any(s is not None and norm(s.text) in subjects for s in said):
        return []  # (the word before the verb: the small French parser loses "l'erreur")
    heads = [verb]
    if particles:
        heads += [c for c in verb.children if norm(c.text) in particles]
        if len(heads) == 1:
            return []
    wanted, found = ow.origins[low], []
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and norm(child.text) in wanted:
                found.extend(ag.children(child, ("pobj",)))
            elif child.dep_.startswith(("obl", "nmod", "obj")) and any(
                norm(c.text) in wanted for c in ag.children(child, ("case",))
            ):
                found.append(child)  # French: "de l'employeur" as an oblique with its case
    doc = verb.doc
    if not found and verb.i + 1 < verb.sent.end and norm(doc[verb.i + 1].text) in wanted:
        head = ag.np_head_after(doc, verb.i + 2)  # the surface, where the parse is lost
        if head is not None and head.i < verb.sent.end:
            found.append(head)
    return found


@cache
def _attribution_verbs(language: str) -> frozenset[str]:
    """The verbs that report blame on a party (made once per language, not per sentence)."""
    ow = org_words(language)
    verbs = ow.attribution | ow.censure | ow.holding | ow.charging
    return frozenset(verbs | set(ow.pinning) | set(ow.lawsuits) | set(ow.origins))


@gated(lambda language: _attribution_verbs(language))
def blame_attribution(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    from .blame_detect import not_an_event

    ow = org_words(language)
    nobody = ow.nobody
    verbs = _attribution_verbs(language)
    if sentence_words(sent).isdisjoint(verbs):
        return
    for verb in sent:
        low = norm(verb.text)
        if low not in verbs:
            continue
        if verb.tag_ == "VBG" or ag.negated(verb) or verb.pos_ not in ("VERB", "AUX"):
            continue
        if verb.tag_ == "VB" and verb.dep_ == "ROOT" and ag.subject_of(verb) is None:
            continue  # "Pin it on the engineer and ...": advice, not a report
        for target in _targets(verb, language, names):
            if norm(target.text) in nobody or any(
                norm(d.text) in nobody for d in ag.children(target, ("det",))
            ):
                continue  # "Nobody is being blamed in this review": a denial
            if not _party(target, language, names) or not_an_event(verb, target, "clause"):
                continue
            start, end = ag.span_of([verb, target])
            yield Found("person", start, end, {"subject": phrase_text(target), "reason": "blamed"})
            return


def _owned_slip_gate(language: str) -> frozenset[str]:
    """`owned_slip`'s words: a slip or judged slip (none where the language lists no slips)."""
    ow = org_words(language)
    return ow.owned_slips | ow.judged_slips if ow.owned_slips else frozenset()


@gated(_owned_slip_gate)
def owned_slip(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    """ "Nimbus's costly mistake", "the failings of the vendor", "failings of its own"."""
    ow = org_words(language)
    if not ow.owned_slips or sentence_words(sent).isdisjoint(ow.owned_slips | ow.judged_slips):
        return
    for tok in sent:
        slip = norm(tok.text)
        if slip not in ow.owned_slips | ow.judged_slips or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        owner = _owner(tok)
        if owner is None:
            continue
        own = norm(owner.text) == "its" or (
            norm(owner.text) == "own" and any(norm(c.text) == "its" for c in owner.children)
        )
        if not (own or _company(owner, language, names, strict=False)):
            continue
        judged = any(norm(a.text) in ow.slip_judgements for a in ag.children(tok, ("amod",)))
        if slip in ow.owned_slips or judged:
            start, end = ag.span_of([tok, owner])
            yield Found("human_error", start, end, {"phrase": sent.doc.text[start:end]})
            return


@gated(lambda language: org_words(language).poor_work)
def judged_work(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    """ "the bank's poor communication", "Fernhill's disastrous migration": an organisation's
    work judged by an adjective. A thing's quality or a result ("the disk's poor throughput",
    "Trellis's poor performance", "the company's poor quarter") is not: the judged noun must
    name work (communication, handling, migration)."""
    ow = org_words(language)
    if not ow.poor_work or sentence_words(sent).isdisjoint(ow.poor_work):
        return
    for tok in sent:
        if norm(tok.text) not in ow.poor_work or tok.dep_ != "amod":
            continue
        work = tok.head
        owner = _owner(work)
        if norm(work.text) not in ow.work_nouns:
            continue  # "Trellis's poor performance", "the company's poor quarter"
        if owner is None or not _company(owner, language, names, strict=False):
            continue
        start, end = ag.span_of([tok, work])
        yield Found("judgmental", start, end, {"word": sent.doc.text[start:end]})
        return
