"""Blame detectors over one parsed sentence; each yields `Found` character spans.

Person-focused detectors (person-as-cause, hindsight) ask the parse for a verb's subject and
fire only when it refers to people (organisations as agents: `blame_org`); the lexical ones
live in `blame_lexical`. Word lists live
in `rules/wordlists/`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import agency as ag
from .agency import Found, span_of
from .blame_context import (
    chosen,
    context_words,
    deliberate,
    idiom,
    intended,
    particle_follows,
    phrase_start,
    phrase_text,
    serendipity,
    systemic_reason,
)
from .blame_denial import nobody
from .blame_generic import cleft_subject, denied, generic
from .blame_outsiders import perceived_by_outsiders
from .blame_policy import presence, removes_culprit
from .blame_possible import possible_only
from .blame_sandbox import on_purpose_in_a_sandbox
from .blame_selfcause import led_to_failure
from .docview import doc_words, sentence_bounds, sentence_words, tokens, view
from .gates import first_words, gated
from .lexicon import (
    blame_words,
    grammar,
    hindsight_words,
    human_error_words,
    norm,
    org_words,
    people,
)


def subject_span(subject: Any, verb: Any) -> tuple[int, int]:
    """From the start of the subject phrase to the verb ("The on-call should have known")."""
    if subject.i < verb.i:
        return subject.doc[phrase_start(subject)].idx, verb.idx + len(verb.text)
    return span_of([verb, subject])


def who_acts(verb: Any, p, names) -> tuple[Any | None, str | None]:
    subject = cleft_subject(ag.subject_of(verb))
    if subject is None and verb.dep_ not in ("acl", "xcomp", "advcl", "pcomp"):
        # The small parsers often leave a subject unattached ("The on-call misread ...",
        # "@mlefevre a fusionné ..."): fall back on the word right before the verb (or before
        # a hyphenated compound such as "fat-fingered").
        made, i = tokens(verb.doc), verb.i
        hyphenated = i >= 2 and made[i - 1].text == "-" and not made[i - 1].whitespace_
        subject = ag.surface_subject(made[i - 2] if hyphenated else verb)
    if subject is None:
        return None, None
    kind = ag.person_kind(subject, p, names)
    return subject, kind


def _word(token: Any) -> str:
    """The token's word, rejoining hyphenated compounds the tokenizer split ("fat-fingered")."""
    made, i = tokens(token.doc), token.i
    if i >= 2 and made[i - 1].text == "-" and not made[i - 1].whitespace_:
        return norm(made[i - 2].text + "-" + token.text)
    return norm(token.text)


# ---------------------------------------------------------------- person as the cause (BL401)


def _particle_negated(verb: Any) -> bool:
    """French "n'a commis ...": the particle alone marks the negation."""
    return any(norm(c.text) in grammar().negation_particles for c in ag.children(verb, ("advmod",)))


def _denied_noun(noun: Any, language: str) -> bool:
    """ "no mistake", "aucune erreur": the noun's own determiner denies it."""
    nobody = org_words(language).nobody
    return any(norm(d.text) in nobody for d in ag.children(noun, ("det", "advmod")))


def _cause_reason(verb: Any, language: str) -> str | None:
    if idiom(verb, language):
        return None  # "broke the glass": the break-glass procedure
    negated = ag.negated(verb) or (verb.dep_ == "conj" and ag.negated(verb.head))
    if _failure(verb, language):
        if negated:
            return None  # "n'a jamais mis le site hors ligne": a failure that did not happen
        if removes_culprit(verb, language):
            return None  # "shut down the relay behind the spam storm": the fix
        # "We missed the first warning because it was routed to an archived channel": the
        # system explains the miss. A person in the reason keeps the blame.
        # "decided to wipe the cache rather than migrate it": an action chosen on purpose.
        blameless = systemic_reason(verb, language) or chosen(verb, language)
        if blameless or intended(verb, language) or on_purpose_in_a_sandbox(verb, language):
            return None  # "I deliberately broke my local copy to reproduce it"
        return "failure"
    bw = blame_words(language)
    low = norm(verb.text)
    if low in bw.cause_verbs and any(
        norm(o.text) in bw.incident_nouns for o in ag.children(verb, ag.OBJECT_DEPS)
    ):
        return "cause"
    made = low in grammar().make_verbs
    objects = ag.children(verb, ag.OBJECT_DEPS)
    if verb.dep_ in ("relcl", "acl:relcl") and not objects:
        objects = [verb.head]  # "an error I made"
    slips = [o for o in objects if norm(o.text) in human_error_words(language).blamed_nouns]
    if made and slips:
        if negated or _particle_negated(verb) or any(_denied_noun(o, language) for o in slips):
            return None  # "made no mistake", "n'a commis aucune erreur": the slip is denied
        return "failure"  # "we made a mistake", "an error I made": a slip, also the writer's
    if made and any(norm(o.text) in bw.incident_nouns for o in objects):
        return "cause"
    if low in bw.introduce_verbs and any(
        norm(m.text) in bw.defective_objects
        for o in objects
        for m in o.lefts
        for m in m.subtree
        if m.dep_ == "amod"
    ):
        return "wrong"  # "added the faulty webhook", not "rolled back the faulty build"
    if ag.is_passive(verb) or systemic_reason(verb, language):
        return None
    if (
        ag.negated(verb)
        and ag.past_action(verb)
        and low not in bw.not_agentive
        and not presence(verb, language)
        and not ag.has_ability_modal(verb)
        and verb.pos_ in ("VERB", "AUX")
    ):
        # "We did not restart the pods so that the heap dumps would be preserved": a decision.
        # A question ("Why didn't we roll back sooner?") asserts nothing: BL406 judges it.
        if deliberate(verb, language) or _asks(verb) or _elided(verb):
            return None
        return "negation"
    # French participles the small parser tags as adjectives still carry their tense
    # auxiliary ("L'astreinte a escaladé trop tard").
    if low in bw.not_agentive and ag.negated(verb):
        return None  # "did not feel confident to re-run it without ...": nothing was done
    if (
        verb.dep_ in ("conj", "xcomp")
        and verb.tag_ == "VB"
        and ag.negated(verb.head)
        and norm(verb.head.text) in bw.not_agentive
    ):
        # "did not feel safe to restart it without ...", also when the parser splits the
        # infinitive off as a coordinate: what was not felt possible did not happen.
        return None
    if verb.pos_ == "VERB" or ag.children(verb, ("aux:tense",)):
        marker = ag.fault_marker(verb, bw)
        # "decided to fail over rather than wait": weighing options is not a wrong action;
        # "we accidentally discovered the leak": luck, not a slip.
        if (marker == "instead" and deliberate(verb, language)) or (
            marker == "manner" and serendipity(verb, language)
        ):
            return None
        return marker
    return None


def _elided(verb: Any) -> bool:
    """ "..., did not!": a pro-verb with nothing it stands for; what was not done is unsaid."""
    if norm(verb.text) not in grammar().pro_verbs:
        return False
    complements = ag.OBJECT_DEPS | {"xcomp", "ccomp", "acomp", "attr", "dative"}
    return not any(c.dep_ in complements for c in verb.children)


def not_an_event(verb: Any, subject: Any, reason: str | None) -> bool:
    """Narration, plans and generic truths rather than a person causing this failure.

    A question asks rather than asserts (BL406 judges culprit questions); a modal or future
    ("I'll break down the steps", "they will be responsible") is not what happened; "you" and
    "everyone" are generic; the writer's own "we"/"I" narrate ordinary work ("we triggered a
    restart", "we did not have signed messages") unless the verb itself is a slip ("we forgot")
    or the action carries a fault marker ("we restarted the wrong node", "by mistake").
    """
    g = grammar()
    if _asks(verb) or _supposed(verb) or denied(verb) or generic(verb, subject):
        return True
    if possible_only(verb):
        return True  # "it was possible for an operator to delete it by accident"
    # The auxiliaries may hang on the verb, on "be" ("will be responsible") or on the first
    # verb of a coordination ("I'll max out the CPU and cause ...").
    heads, token = [verb], verb
    # "Most people would think they are doing something wrong": inside a modal's clause.
    while token.dep_ in ("conj", "acomp", "attr", "xcomp", "ccomp") and token.head.i != token.i:
        token = token.head
        heads.append(token)
    if any(
        norm(c.text) in g.modal_aux for h in heads for c in ag.children(h, ("aux", "aux:tense"))
    ):
        return True
    low = norm(subject.text) if subject is not None else ""
    if low in g.generic_people:
        return True
    if nobody(subject, "fr" if verb.lang_ == "fr" else "en"):
        return True  # "Nobody ignored the alert": the failure is denied
    if _present(verb) and any(
        norm(m.text) in g.generic_marks for m in ag.children(verb, ("mark", "advmod"))
    ):
        return True  # "When a staff member makes a mistake, ...": any time, not this time
    if low in g.first_person and _present(verb):
        return True  # "a default that we override only when needed": a habit, not an event
    if low in g.first_person and reason == "negation":
        if led_to_failure(verb):
            return False  # "I didn't update the config, so the job failed": self-blame
        # "We did not check the free disk space": a skipped check is self-judgement; "we have
        # not tested concurrent runs" tells what the test suite covers (a standing state).
        aux = {norm(c.text) for c in ag.children(verb, ("aux", "aux:tense"))}
        if aux & g.perfect_present:
            return True
        return norm(verb.lemma_ or verb.text) not in _checks(verb)
    return low in g.first_person and reason not in ("failure", "wrong", "manner")


def _present(verb: Any) -> bool:
    """A present-tense form ("override", "overrides"). The small tagger calls some irregular
    pasts VBP ("we forgot"): those are listed (grammar.yaml `irregular_past`)."""
    if ag.past_action(verb):
        return False
    if verb.tag_ in ("VBP", "VBZ"):
        return norm(verb.text) not in grammar().irregular_past
    # Universal Dependencies tags (French): the morphology says it ("on ignore encore").
    return verb.tag_ == verb.pos_ and "Pres" in verb.morph.get("Tense")


def _supposed(verb: Any) -> bool:
    """A clause of supposition ("s'il a ignoré les consignes, ..."), by the language's marks."""
    marks = context_words("fr" if verb.lang_ == "fr" else "en").hypothetical_marks
    return bool(marks) and any(norm(m.text) in marks for m in ag.children(verb, ("mark",)))


def _checks(verb: Any) -> frozenset[str]:
    language = "fr" if verb.lang_ == "fr" else "en"
    hw = hindsight_words(language)
    return hw.verification | hw.check_lemmas


def _asks(verb: Any) -> bool:
    """The verb's sentence ends with a question mark (its last token that is not a space)."""
    start, end = sentence_bounds(verb)
    text = view(verb.doc).text
    last = next((text[j] for j in range(end - 1, start - 1, -1) if not text[j].isspace()), "")
    return last == "?"


def _attempt(verb: Any, outcomes: dict[str, frozenset[str]]) -> bool:
    """An attempt whose outcome is reported ("log in", "connect"), not an omitted duty."""
    particles = outcomes.get(_word(verb))
    if particles is None:
        return False
    following = verb.doc[verb.i + 1 : verb.i + 2]
    return not particles or any(norm(t.text) in particles for t in following)


def _failure(verb: Any, language: str) -> bool:
    """A verb that is a failure by itself: forgot, ignored, broke, took down, misread."""
    bw = blame_words(language)
    low = norm(verb.text)
    if low in bw.failure or _word(verb) in bw.failure:
        return True
    if low in bw.phrasal and particle_follows(verb, bw.phrasal[low]):
        return True
    if low in bw.fail:
        # "failed to renew" is a failure; "fails to log in" is an attempt's outcome (a symptom).
        attempts = ag.children(verb, ("xcomp",))
        if attempts and not all(_attempt(t, bw.fail_outcomes) for t in attempts):
            return True
    return bool(bw.mis_prefix.match(low) and verb.pos_ in ("VERB", "NOUN"))


def _hyphen_tails(words: frozenset[str]) -> frozenset[str]:
    """What follows each hyphen of the hyphenated words ("fat-fingered" -> "fingered"): the
    token `_word` rejoins with the words before it."""
    return frozenset(w[i + 1 :] for w in words for i, ch in enumerate(w) if ch == "-")


def _cause_gate(language: str) -> frozenset[str]:
    """`person_as_cause`'s words: what `_cause_reason` reads on a verb or its clause, a
    "responsible" word, "because" or a cause noun, a cause preposition (the `mis_prefix`
    words also open it: `gated(pattern=...)`)."""
    bw, g = blame_words(language), grammar()
    return (
        bw.failure
        | _hyphen_tails(bw.failure)
        | frozenset(bw.phrasal)
        | bw.fail
        | bw.cause_verbs
        | g.make_verbs
        | bw.introduce_verbs
        | g.negations
        | ag.fault_marker_words(bw)
        | bw.responsible
        | bw.because
        | bw.cause_nouns
        | first_words(bw.cause_preps)
    )


def _someone(sent: Any, language: str, names: frozenset[int]) -> bool:
    """Every case of `person_as_cause` needs a person (`person_kind`, `possessor_kind`)."""
    return ag.may_refer_to_a_person(sent, people(language), names)


def _praised(verb: Any, bw) -> bool:
    """ "The operator who started the failover was fast to spot the stall": the trigger only
    identifies the person a main clause praises for the response (`praised_response`)."""
    if verb.dep_ not in ("relcl", "acl:relcl"):
        return False
    person = verb.head
    if person.dep_ not in ("nsubj", "nsubjpass") or person.head.i == person.i:
        return False
    main = person.head
    said = [main, *ag.children(main, ("acomp", "attr", "advmod", "amod"))]
    return any(norm(t.text) in bw.praised_response for t in said)


@gated(_cause_gate, pattern=lambda language: blame_words(language).mis_prefix, test=_someone)
def person_as_cause(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    p, bw = people(language), blame_words(language)
    v = view(sent.doc)
    lower, dep, kids = v.lower, v.dep, v.kids
    # (the verb or one of its children, words of the Doc, must be a "responsible" word)
    responsible = not doc_words(sent.doc).isdisjoint(bw.responsible)
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
            continue
        low = lower[verb.i]
        if verb.pos_ == "NOUN" and not (bw.mis_prefix.match(low) or low in bw.failure):
            continue
        # "Mia was responsible for the outage", "Karim est responsable de la panne".
        if responsible and (
            low in bw.responsible
            or any(lower[j] in bw.responsible for j in kids[verb.i] if dep[j] in ("acomp", "attr"))
        ):
            subject, kind = who_acts(verb, p, names)
            tail = [t for t in verb.subtree if norm(t.text) in bw.incident_nouns]
            if kind and tail and not not_an_event(verb, subject, "responsible"):
                yield Found(
                    "person", *subject_span(subject, verb), {"subject": phrase_text(subject)}
                )
            continue
        subject, kind = who_acts(verb, p, names)
        # "Alice's change took down the checkout service": the owner is the cause.
        owner = ag.possessor_kind(subject, p, names) if subject is not None and not kind else None
        # The reason (the costly part) matters only where a person acts or owns the subject.
        reason = _cause_reason(verb, language) if kind or owner else None
        if reason and owner and reason in ("failure", "cause"):
            kind = owner
        if reason and kind and not_an_event(verb, subject, reason):
            continue
        if reason and kind and perceived_by_outsiders(verb, subject, language):
            continue  # "other maintainers overlooked the notice": people outside the team
        if reason == "cause" and kind and _praised(verb, bw):
            continue
        if reason and kind:
            yield Found(
                "person",
                *subject_span(subject, verb),
                {"subject": phrase_text(subject), "verb": verb.text, "reason": reason},
            )
            continue
        # Passive with a person agent: "was triggered by Pieter", "bâclée par Romain".
        agentive = low in bw.failure or low in bw.cause_verbs or low == "made"
        if agentive or _failure(verb, language):
            for agent in ag.children(verb, ("agent", "obl:agent")):
                target = next(iter(ag.children(agent, ("pobj",))), agent)
                if ag.person_kind(target, p, names) or ag.possessor_kind(target, p, names):
                    yield Found(
                        "person", *span_of([verb, target]), {"subject": phrase_text(target)}
                    )
                    break
        if not kind:
            continue
        # "The outage happened because John Smith ran the migration".
        because = any(lower[j] in bw.because and dep[j] == "mark" for j in kids[verb.i])
        clause = verb.dep_ in ("ccomp", "attr") and verb.head.i != verb.i
        # (the narration checks, costly, only where one of the two cases may follow)
        if not (because or clause) or not_an_event(verb, subject, "clause"):
            continue
        if because:
            head = verb.head
            head_subject = ag.subject_of(head) if head.i != verb.i else None
            if head_subject is not None and norm(head_subject.text) in (
                bw.incident_nouns | bw.cause_nouns
            ):
                yield Found(
                    "person", *subject_span(subject, verb), {"subject": phrase_text(subject)}
                )
        # "The root cause is that Luis ran ...": a clause explaining the cause.
        if clause:
            head_subject = ag.subject_of(verb.head)
            if head_subject is not None and norm(head_subject.text) in bw.cause_nouns:
                yield Found(
                    "person", *subject_span(subject, verb), {"subject": phrase_text(subject)}
                )
    yield from _cause_prepositions(sent, language, names)


@gated(lambda language: first_words(blame_words(language).accusations))
def accused(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    """Blame reported about a person or an organisation (`_accusations`), run right after
    `person_as_cause` (whose part it was): its target need not be a person."""
    yield from _accusations(sent, language, names)


_PASSIVE = frozenset(["été", "est", "sont", "était", "étaient", "être"])


def _accusations(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    """ "On a reproché à l'équipe réseau son silence", "l'astreinte a été mise en cause", "le
    rapport accuse le prestataire": blame reported about a person or an organisation."""
    bw = blame_words(language)
    if not bw.accusations or _asks(sent[-1]):
        return
    p, doc, words = people(language), sent.doc, ag.lowered(sent.doc)
    for start, end in ag.phrase_positions(doc, bw.accusations, sent.start, sent.end):
        before = words[max(sent.start, start - 3) : start]
        if any(w in grammar().negations or w in grammar().negation_particles for w in before):
            continue
        if before and before[-1] in _PASSIVE:
            target = ag.subject_of(doc[start])
        else:
            target = ag.np_head_after(doc, end)
        if target is None or not sent.start <= target.i < sent.end:
            continue
        kind = ag.person_kind(target, p, names) or (
            target.pos_ in ("NOUN", "PROPN") and words[target.i] in org_words(language).nouns
        )
        if not kind and target.pos_ == "PROPN" and words[start] not in bw.component_accusations:
            kind = words[target.i] not in p.tech  # "on a reproché à Hexaline son silence"
        if kind:
            first = doc[phrase_start(target)] if target.i < start else doc[start]
            last = max(doc[end - 1], target, key=lambda t: t.i)
            who, lead = phrase_text(target), doc[phrase_start(target)]
            if lead.pos_ == "ADP" and lead.i < target.i:  # "à l'équipe" -> "l'équipe"
                who = who[len(lead.text) :].lstrip()
            yield Found("person", *span_of([first, last]), {"subject": who})
            return


def _cause_prepositions(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    """ "par la faute de Karim", "à cause de Thomas", "because of the on-call"."""
    p, bw = people(language), blame_words(language)
    doc = sent.doc
    for start, end in ag.phrase_positions(doc, bw.cause_preps, sent.start, sent.end):
        head = ag.np_head_after(doc, end)
        if head is None or head.i >= sent.end or head.pos_ == "NUM":
            continue  # "due to one being sample code": a numeral, one of the things
        if ag.person_kind(head, p, names):
            yield Found("person", *span_of([doc[start], head]), {"subject": phrase_text(head)})


@gated(lambda language: blame_words(language).wrong_objects)
def wrong_object_surface(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    """ "Julien a redémarré le mauvais nœud" read on the surface when the small parser loses
    the verb: a person, a past auxiliary, a verb, then a determiner and a wrong-object word."""
    p, bw = people(language), blame_words(language)
    if sentence_words(sent).isdisjoint(bw.wrong_objects):
        return
    doc = sent.doc
    for tok in sent:
        if norm(tok.text) not in bw.wrong_objects or tok.i < sent.start + 4:
            continue
        det, verb, aux = doc[tok.i - 1], doc[tok.i - 2], doc[tok.i - 3]
        if det.pos_ not in ("DET", "PRON") or norm(aux.text) not in ag.PAST_AUX:
            continue
        if not any(c.isalpha() for c in verb.text) or verb.pos_ in ("DET", "ADP", "PUNCT"):
            continue
        j = aux.i - 1
        while j >= sent.start and norm(doc[j].text) in ag.SKIPPABLE:
            j -= 1
        subject = doc[j] if j >= sent.start else None
        if subject is not None and j > sent.start and norm(subject.text) in grammar().relatives:
            subject = doc[j - 1]  # "C'est Thomas qui a redémarré le mauvais nœud"
        kind = ag.person_kind(subject, p, names) if subject is not None else None
        if kind and not not_an_event(verb, subject, "wrong"):
            yield Found(
                "person",
                *subject_span(subject, verb),
                {"subject": phrase_text(subject), "verb": verb.text, "reason": "wrong"},
            )
