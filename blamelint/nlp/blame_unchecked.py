"""Checks nobody made, told without anyone to blame as the agent (BL403): "The staging hub was
not tested", "n'a pas été relue" (a negated passive check), "Nobody checked the backups",
"Personne n'a vérifié les sauvegardes" (`nobody` as subject), "the change was merged without
review", "fusionné sans relecture" (`unchecked_passives`). The words are hindsight.yaml's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from blamelint.nlp import agency as ag
from blamelint.nlp.agency import Found, span_of
from blamelint.nlp.blame_context import deliberate, phrase_start, systemic_reason
from blamelint.nlp.blame_generic import standing_rule
from blamelint.nlp.blame_hindsight import _hedged
from blamelint.nlp.blame_moot import removed_next
from blamelint.nlp.docview import sentence_words, view
from blamelint.nlp.gates import gated
from blamelint.nlp.lexicon import blame_words, grammar, hindsight_words, norm, people


@gated(
    lambda language: (
        hindsight_words(language).verification | hindsight_words(language).unchecked_passives
    )
)
def passive_check(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    """ "The staging hub was not tested", "this wasn't noticed for hours", "n'a pas été relu":
    a check nobody made, told in the passive with no one named."""
    hw = hindsight_words(language)
    p = people(language)
    checked = not sentence_words(sent).isdisjoint(hw.verification)  # else no verb to look at
    for verb in sent if checked else ():
        if norm(verb.text) not in hw.verification or not ag.is_passive(verb):
            continue
        if not (ag.negated(verb) or any(ag.negated(a) for a in ag.children(verb, ("aux",)))):
            continue
        if any(norm(c.text) in grammar().modal_aux for c in ag.children(verb, ("aux",))):
            continue
        agents = ag.children(verb, ("agent", "obl:agent"))
        target = next(iter(ag.children(agents[0], ("pobj",))), agents[0]) if agents else None
        if target is not None and not ag.person_kind(target, p, names):
            continue  # "was not caught by the linter": the tool's miss, not hindsight
        subject = ag.subject_of(verb)
        if subject is not None and (
            ag.person_kind(subject, p, names) or norm(subject.text) in p.victims
        ):
            continue  # "the user was not notified": what happened to a person
        if _hedged(sent, subject, "") or standing_rule(verb):
            continue  # "as long as a node is busy, its health is not checked": a rule
        if removed_next(sent, language):
            continue  # "They were not checked. We agreed to delete them.": a moot check
        start, end = span_of([verb])
        if subject is not None and subject.i < verb.i:
            start = verb.doc[phrase_start(subject)].idx
        yield Found(
            "hindsight", start, end, {"subject": verb.doc.text[start:end], "verb": verb.text}
        )
    yield from _unmade_checks(sent, language, names)


_PASSIVE_AUX = frozenset({"aux:pass", "auxpass"})


def _unmade_checks(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    """ "Personne n'a vérifié les sauvegardes", "Aucun relecteur n'a relu la modification",
    "le changement a été fusionné sans relecture": checks nobody made, by the language's
    lists (`nobody`, `unchecked_passives`)."""
    hw, p = hindsight_words(language), people(language)
    if not (hw.nobody or hw.unchecked_passives):
        return
    doc = sent.doc
    v = view(doc)  # the words and children read from the view: no Token per question
    lower, dep, kids = v.lower, v.dep, v.kids
    passives = hw.unchecked_passives
    for verb in sent:
        low, below = lower[verb.i], kids[verb.i]
        # (most tokens have no child: no generator made for them)
        unchecked = bool(below) and any(
            dep[j] in _PASSIVE_AUX and lower[j] in passives for j in below
        )
        if not unchecked and low not in hw.verification:
            continue  # neither a check verb nor a passive of the list: the subject is not read
        subject = ag.subject_of(verb)
        if low in hw.verification and subject is not None and subject.i < verb.i:
            dets = [norm(d.text) for d in ag.children(subject, ("det",))]
            # "no one" (its "one" is not the generic "one" _hedged keeps quiet).
            no_one = " ".join([*dets, norm(subject.text)]) in hw.nobody
            nobody = (
                (norm(subject.text) in hw.nobody and not dets)
                or no_one
                or (any(d in hw.nobody for d in dets) and ag.person_kind(subject, p, names))
            )
            # Quiet: "nobody should have to check by hand", "... because no alert fired".
            modals = grammar().modal_aux
            nobody = nobody and not (
                any(norm(t.text) in modals for t in doc[subject.i + 1 : verb.i])
                or systemic_reason(verb, language)
            )
            if nobody and not _hedged(sent, None if no_one else subject, ""):
                start = doc[phrase_start(subject)].idx
                end = verb.idx + len(verb.text)
                yield Found(
                    "hindsight", start, end, {"subject": doc.text[start:end], "verb": verb.text}
                )
                return
        if not unchecked or ag.negated(verb):
            continue
        if hw.unchecked_actions and low not in hw.unchecked_actions:
            continue  # "the payload was accepted without validation": the software's doing
        if ag.fault_marker(verb, blame_words(language)) != "without" or _hedged(sent, subject, ""):
            continue
        if deliberate(verb, language):
            continue  # "livré sans tests unitaires, comme le prévoyait le prototype"
        if ag.children(verb, ("agent", "obl:agent")):
            continue  # "fusionné par Karim sans relecture" is BL401's; by a tool, the tool's
        if subject is not None and (
            ag.person_kind(subject, p, names) or norm(subject.text) in p.victims
        ):
            continue
        mark = next(
            (t for t in doc[verb.i + 1 : sent.end] if norm(t.text) in grammar().without_marks), None
        )
        if mark is None:
            continue
        # "without being tested on staging" ends at the check, "sans relecture" at its noun.
        object_ = next(iter(ag.children(mark, ("pobj", "pcomp"))), None)
        target = object_ if object_ is not None and object_.pos_ in ("VERB", "AUX") else None
        target = target or ag.np_head_after(doc, mark.i + 1) or mark
        if {norm(target.text), norm(target.lemma_)} & hw.without_preserved:
            continue  # "disabled without reverting the other changes": care, not a skip
        start, end = span_of([verb, target])
        yield Found("hindsight", start, end, {"subject": doc.text[start:end], "verb": verb.text})
        return
