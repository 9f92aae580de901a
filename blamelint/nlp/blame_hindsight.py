"""Hindsight detectors (BL403 about people, BL404 about systems) over one parsed sentence.

Counterfactuals ("should have known", "aurait dû"), missed perceptions ("did not notice"),
obligations about checks ("needed to double-check"), checks owed in the modal passive
("should have been reviewed", "should have been rolled back sooner"). The subject decides
between people and systems; narration, wishes, questions and generic "you" are quiet. Checks
nobody made in the past ("was not tested", "Nobody checked") are in `blame_unchecked`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from blamelint.nlp import agency as ag
from blamelint.nlp.agency import Found, span_of
from blamelint.nlp.blame_context import phrase_start, phrase_text, systemic_reason
from blamelint.nlp.blame_detect import subject_span, who_acts
from blamelint.nlp.blame_hedges import (
    credited,
    imagined_loss,
    imagined_outcome,
    intended_workflow,
    reflection,
    system_means,
)
from blamelint.nlp.blame_org import organisation_at_fault
from blamelint.nlp.blame_outsiders import perceived_by_outsiders
from blamelint.nlp.blame_possible import imagined_late_catch, imagined_slip
from blamelint.nlp.docview import doc_words, sentence_words, view
from blamelint.nlp.gates import first_words, gated
from blamelint.nlp.lexicon import grammar, hindsight_words, norm, people

_AUX = frozenset({"aux", "aux:tense", "cop"})

# ------------------------------------------------------------------------- hindsight (BL403/4)


def _modal_perfect(sent: Any, hw) -> Iterator[tuple[Any, Any, str]]:
    """(modal, participle, modal word) for "should have known", "could never have ...",
    "aurait dû", "aurait repéré". Found on the surface: the parse often hangs the modal and
    "have" on each other rather than on the participle."""
    doc = sent.doc
    words = sentence_words(sent)
    if words.isdisjoint(hw.modals) and words.isdisjoint(hw.conditional_aux):
        return  # no modal nor conditional auxiliary to start from
    tokens = list(sent)
    for k, tok in enumerate(tokens):
        low = norm(tok.text)
        if low in hw.modals:
            rest = tokens[k + 1 : k + 4]
            have = next((x for x in rest if norm(x.text) in hw.have), None)
            if have is None:
                continue
            after = doc[have.i + 1 : min(have.i + 5, sent.end)]
            part = next((x for x in after if x.tag_ in ("VBN", "VBD")), None)
            if part is not None:
                yield tok, part, low
        elif low in hw.conditional_aux:
            # "aurait tout de même pu": an adverb of a few words may come between.
            after = doc[tok.i + 1 : min(tok.i + 6, sent.end)]
            part = next(
                (
                    x
                    for x in after
                    if (
                        x.pos_ in ("VERB", "AUX", "ADV", "ADJ")
                        and "Part" in x.morph.get("VerbForm")
                    )
                    or norm(x.text) in hw.system_participles | hw.sufficed
                ),
                None,
            )
            if part is not None:
                yield tok, part, low


def _first_subject(tokens: list[Any], p, names) -> tuple[Any | None, str | None]:
    fallback = None
    for token in tokens:
        subject, kind = who_acts(token, p, names)
        if kind:
            return subject, kind
        fallback = fallback or subject
    return fallback, None


def _gate(language: str) -> frozenset[str]:
    """`hindsight`'s words: a modal or conditional auxiliary (`_modal_perfect`), a verb its
    second part starts from or a past-perfect auxiliary, the first word of an "if only"."""
    hw = hindsight_words(language)
    starts = hw.missed_perception | hw.fail | hw.obligation
    if language == "fr":
        starts = starts | hw.perception
    return hw.modals | hw.conditional_aux | starts | hw.past_perfect_aux | first_words(hw.if_only)


@gated(_gate)
def hindsight(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    p, hw = people(language), hindsight_words(language)
    doc = sent.doc
    for modal, part, word in _modal_perfect(sent, hw):
        subject, kind = _first_subject([part, modal, modal.head], p, names)
        if not kind and subject is not None:
            # "L'éditeur aurait dû tester son correctif": an organisation's omitted duty.
            kind = organisation_at_fault(subject, part, "hindsight", language)
        if norm(part.text) in hw.sufficed:
            # "Il aurait suffi que l'opérateur vérifie": the person is in the que-clause.
            later = [x for x in doc[part.i + 1 : sent.end] if x.dep_ in ag.SUBJECT_DEPS]
            found = [(x, ag.person_kind(x, p, names)) for x in later]
            subject, kind = next(((x, k) for x, k in found if k), (None, None))
            if kind is None:
                subject, kind = _que_subject(doc, part, sent.end, p, names)
        if kind and _hedged(sent, subject, word, part):
            continue
        if kind and word in hw.consequence_modals and not _a_check(part, hw):
            continue  # "he would have come": a consequence, not a check someone missed
        check = _unnamed_check(part, word, hw)
        if check is not None and (_open_question(check, modal) or reflection(sent)):
            continue  # "below we walk through how it might have been avoided"
        if not kind and check is not None and word not in hw.consequence_modals:
            # "The expired key should have been reviewed", "should have tested it first":
            # hindsight about the people who did not check, with no one named.
            start, end = span_of([modal, check])
            yield Found(
                "hindsight", start, end, {"subject": doc.text[start:end], "verb": check.text}
            )
            continue
        if kind:
            who = phrase_text(subject)
            if subject.i > 0 and doc[subject.i - 1].text.endswith(("'", "’")):
                who = doc[subject.i - 1].text + subject.text  # "quelqu'un"
            yield Found(
                "hindsight", *subject_span(subject, part), {"subject": who, "verb": part.text}
            )
        elif subject is not None and (
            word in hw.system_modals or norm(part.text) in hw.system_participles
        ):
            yield Found(
                "system_hindsight",
                *subject_span(subject, part),
                {"subject": phrase_text(subject), "verb": part.text},
            )
    v = view(doc)  # the words and children read from the view: no Token per question
    lower, dep, kids = v.lower, v.dep, v.kids
    # Each case below needs one of these words as the verb, or a past-perfect auxiliary among
    # the children of a verb (a conditional, an inverted "had"): without any, no verb is read.
    starts = hw.missed_perception | hw.fail | hw.obligation
    if language == "fr":
        starts = starts | hw.perception
    had = hw.past_perfect_aux
    look = not sentence_words(sent).isdisjoint(starts) or (
        not doc_words(doc).isdisjoint(had)
        and any(
            lower[j] in had and dep[j] in _AUX for i in range(sent.start, sent.end) for j in kids[i]
        )
    )
    for verb in sent if look else ():
        i = verb.i
        low = lower[i]
        nxt = lower[i + 1] if i + 1 < sent.end else ""
        aux = [lower[j] for j in kids[i] if dep[j] in _AUX]
        perception_miss = (
            (language == "fr" and low in hw.perception) or low in hw.missed_perception
        ) and (ag.negated(verb) and ag.past_action(verb) and not systemic_reason(verb, language))
        failed_to = low in hw.fail and any(
            norm(x.text) in hw.perception for x in ag.children(verb, ("xcomp", "advcl"))
        )
        obligation = low in hw.obligation and nxt == "to" and _owed_check(doc, verb, sent.end, hw)
        marks = [lower[j] for j in kids[i] if dep[j] == "mark"]
        conditional = any(m in hw.conditional_marks for m in marks) and any(
            a in hw.past_perfect_aux for a in aux
        )
        if not (
            perception_miss or failed_to or obligation or conditional or _inverted_had(verb, hw)
        ):
            continue
        subject, kind = who_acts(verb, p, names)
        if conditional and not kind and _unnamed_conditional(verb, hw, p, names):
            # "If the monitoring work had been started on staging, the cause would have been
            # found": what people did not do, told in the passive with no one named.
            start = verb.doc[phrase_start(subject)].idx if subject is not None else verb.idx
            yield Found(
                "hindsight",
                start,
                verb.idx + len(verb.text),
                {"subject": verb.doc.text[start : verb.idx + len(verb.text)], "verb": verb.text},
            )
            continue
        if kind and not _hedged(sent, subject, ""):
            if (perception_miss or failed_to) and perceived_by_outsiders(verb, subject, language):
                continue  # "many developers did not realise ...": the news's reach
            yield Found(
                "hindsight",
                *subject_span(subject, verb),
                {"subject": phrase_text(subject), "verb": verb.text},
            )
    for start, end in ag.phrase_positions(doc, hw.if_only, sent.start, sent.end):
        rest = [t for t in doc[end : sent.end] if ag.person_kind(t, p, names)]
        if rest:
            yield Found(
                "hindsight", *span_of([doc[start], rest[0]]), {"subject": phrase_text(rest[0])}
            )


def _unnamed_conditional(verb: Any, hw, p, names) -> bool:
    """ "if X had been started / tested / reviewed" (a passive of an action people owe, no
    agent, not negated) whose main clause says what "would have" followed."""
    if not ag.is_passive(verb) or ag.negated(verb) or ag.children(verb, ("agent", "obl:agent")):
        return False
    if norm(verb.text) not in hw.verification | hw.upkeep | hw.conditional_actions:
        return False
    head = verb.head
    if head.i == verb.i:
        return False
    sent = verb.sent
    words = [norm(t.text) for t in sent]
    return any(
        w in hw.consequence_modals and i + 1 < len(words) and words[i + 1] in hw.have
        for i, w in enumerate(words)
    )


def _a_check(part: Any, hw) -> bool:
    """A participle naming what a person would have checked, found or stopped."""
    doc = part.doc
    words = {norm(part.text)}
    if norm(part.text) == "been" and part.i + 1 < len(doc):
        words.add(norm(doc[part.i + 1].text))
    checks = hw.verification | hw.discovery | hw.upkeep | hw.consequence_checks
    return bool(words & checks)


def _open_question(part: Any, modal: Any) -> bool:
    """The modal perfect sits in an indirect question ("how it might have been
    prevented", "how it could have been caught"): it asks, it does not judge."""
    for token in part.subtree:
        if token.i >= modal.i:
            break
        if token.tag_ in ("WDT", "WP", "WRB") or "Int" in token.morph.get("PronType"):
            return True
    return False


def _que_subject(doc: Any, part: Any, end: int, p, names) -> tuple[Any | None, str | None]:
    """The person right after "suffi que" when the parse lost it ("que quelqu'un relise")."""
    j = part.i + 1
    if j >= end or norm(doc[j].text) not in ("que", "qu'"):
        return None, None
    j += 1
    # "quelqu'un" is split in two tokens: report it whole.
    if (
        j + 1 < end
        and doc[j].text.endswith(("'", "’"))
        and norm(doc[j].text + doc[j + 1].text) in p.pronouns
    ):
        return doc[j + 1], "pronoun"
    head = ag.np_head_after(doc, j)
    if head is not None and head.i < end:
        kind = ag.person_kind(head, p, names)
        if kind:
            return head, kind
    return None, None


def _owed_check(doc: Any, verb: Any, end: int, hw) -> bool:
    """ "needed to double-check", "needed to escalate much earlier"; not "needed to dive in"
    nor "because we have not needed to before"."""
    after = [norm(t.text) for t in doc[verb.i + 2 : min(verb.i + 5, end)]]
    if any(w in hw.verification or w in hw.obligation_verbs for w in after):
        return True
    action = doc[verb.i + 2] if verb.i + 2 < end else None
    if action is None or action.pos_ not in ("VERB", "AUX"):
        return False
    # The timing must qualify that action: "to escalate much earlier", "to roll back sooner".
    return any(
        norm(t.text) in hw.timing and t.pos_ == "ADV" and action.i in (t.head.i, t.head.head.i)
        for t in doc[action.i + 1 : min(action.i + 6, end)]
    )


def _hedged(sent: Any, subject: Any, modal: str, part: Any = None) -> bool:
    """A question, a generic "you", or the writer's own wish ("I would have used", "j'aurais
    aimé avoir"): not a judgement. "We should have", "j'aurais dû" stay self-judgement."""
    g = grammar()
    low = norm(subject.text) if subject is not None else ""
    if low in g.generic_people:
        return True
    if low in g.first_person and modal:
        hw = hindsight_words("fr" if modal in hindsight_words("fr").conditional_aux else "en")
        obligation = modal in hw.system_modals or (
            part is not None and norm(part.text) in hw.system_participles
        )
        if not obligation:
            return True
    tokens = [t for t in sent if not t.is_space]
    if reflection(sent) or imagined_outcome(sent) or credited(sent):
        return True  # "Reflect whether it should have ...", "... without their help"
    if modal and intended_workflow(sent, subject):
        return True  # "A developer should have installed it to make the widget work"
    if modal and (
        imagined_loss(sent, part)
        or imagined_slip(sent, part, modal)
        or imagined_late_catch(sent, part, modal)
    ):
        return True  # "we could have lost all the data if ...": a harm imagined
    return bool(tokens) and tokens[-1].text == "?"


def _unnamed_check(part: Any, modal: str, hw) -> Any | None:
    """The check verb of "should have been tested" / "should have tested", else None."""
    doc = part.doc
    if norm(part.text) == "been":
        # "should have been rolled back sooner"; "could have been detected by a fuzzer" is
        # the tool's hindsight.
        after = doc[part.i + 1 : min(part.i + 3, len(doc))]
        return _check_after_passive(after, hw.verification | hw.upkeep | hw.discovery, hw)
    fragment = ag.subject_of(part) is None and part.tag_ == "VBN"
    if fragment and (_fragment(part) or _clause_fragment(part, hw)):
        return part  # "Should have tried it on staging first.", "... - should have staged it"
    return _unnamed_check_modal(part, hw)


def _check_after_passive(after: Any, checks: frozenset[str], hw) -> Any | None:
    """The check a passive modal perfect says was owed (a check word, or the participle of an
    act done too slowly without a means given), unless a tool is its agent."""
    check = next((t for t in after if norm(t.text) in checks), None)
    if check is None and after and _sooner(after[0], hw) and not _given_means(after[0], hw):
        check = after[0]
    agents = ag.children(check, ("agent", "obl:agent")) if check is not None else []
    if agents and not any(norm(t.text) in people_words(check) for t in agents[0].subtree):
        return None
    if check is not None and norm(check.text) in hw.discovery and system_means(check):
        return None  # "could have been avoided with a staged rollout": the system's lack
    return check


def _unnamed_check_modal(part: Any, hw) -> Any | None:
    """The same after a modal participle ("aurait dû être testé", "Aurait dû tester ...")."""
    doc = part.doc
    if norm(part.text) not in hw.system_participles or part.i + 1 >= len(doc):
        return None
    following = doc[part.i + 1]
    if norm(following.text) in hw.passive_be:
        # "aurait pu être bouclée plus vite"; "aurait dû être vérifié par le linter" is the
        # tool's hindsight.
        after = doc[part.i + 2 : min(part.i + 4, len(doc))]
        return _check_after_passive(after, hw.verification | hw.upkeep, hw)
    if _fragment(part) and norm(following.text) in hw.check_lemmas:
        return following  # "Aurait dû tester en préproduction d'abord."
    return None


def _sooner(participle: Any, hw) -> bool:
    """A participle followed by "plus tôt" / "plus vite" (how fast people acted)."""
    if participle.pos_ not in ("VERB", "ADJ") or not hw.sooner:
        return False
    end = min(participle.i + 5, participle.sent.end)
    return any(True for _ in ag.phrase_positions(participle.doc, hw.sooner, participle.i + 1, end))


def _given_means(participle: Any, hw) -> bool:
    """ "could have been restored faster with a warm standby / if the runbook had been
    current": faster given a thing the system lacked, a counterfactual about the system."""
    sent = participle.sent
    if any(norm(t.text) in hw.sooner_means for t in participle.doc[participle.i + 1 : sent.end]):
        return True
    for clause in ag.children(participle, ("advcl",)):
        if any(norm(m.text) in hw.conditional_marks for m in ag.children(clause, ("mark",))):
            subject = ag.subject_of(clause)
            if subject is not None and not ag.person_kind(
                subject, people_language(clause), frozenset()
            ):
                return True
    return False


def people_language(token: Any):
    return people("fr" if token.lang_ == "fr" else "en")


def people_words(token: Any) -> frozenset[str]:
    p = people("fr" if token.lang_ == "fr" else "en")
    return p.roles | p.pronouns


def _fragment(part: Any) -> bool:
    """No subject anywhere before the modal: a note-style fragment ("Should have ...")."""
    sent = part.sent
    return not any(t.dep_ in ag.SUBJECT_DEPS or t.dep_ == "expl" for t in sent)


_MEASURES = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "PERCENT", "MONEY"})


def _clause_fragment(part: Any, hw) -> bool:
    """A note's second clause after a dash or a semicolon, with no subject of its own and an
    act done to something ("Every node was patched in one go - should have staged the upgrade
    on a canary"). A measure as the object ("- should have taken 5 minutes") is a system's."""
    doc, sent = part.doc, part.sent
    mark = next(
        (
            j
            for j in range(part.i - 1, sent.start, -1)
            if doc[j].text in hw.clause_breaks and (doc[j].text == ";" or doc[j - 1].whitespace_)
        ),
        None,
    )
    if mark is None:
        return False
    if any(t.dep_ in ag.SUBJECT_DEPS or t.dep_ == "expl" for t in doc[mark + 1 : part.i]):
        return False
    objects = ag.children(part, ("dobj", "obj"))
    return bool(objects) and not any(
        o.like_num or o.ent_type_ in _MEASURES or ag.children(o, ("nummod",)) for o in objects
    )


def _inverted_had(verb: Any, hw) -> bool:
    """ "Had Marco checked the diff, ..." (a past perfect before its subject)."""
    v = view(verb.doc)
    for j in v.kids[verb.i]:
        if v.dep[j] != "aux" or v.lower[j] not in hw.past_perfect_aux:
            continue  # (the subject is asked for only about a past perfect auxiliary)
        subject = ag.subject_of(verb)
        if subject is not None and j < subject.i:
            return j == verb.sent.start or v.lower[j - 1] in (",", ";")
    return False
