"""Lexical blame detectors: human-error framing (BL402) and judgmental words (BL405). Word
lists with technical exceptions; the parse only confirms who a phrase is about ("a mistake by
the operator", "an engineer's mistake"). Culprit questions (BL406) live in `blame_context`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from . import agency as ag
from .agency import QUOTES, Found, span_of
from .agency import doc_text as _doc_text
from .agency import lowered_text as _lowered_text
from .blame_adversary import aimed_at_adversary
from .blame_context import chosen, context_words
from .blame_defect import done_by_a_thing, not_an_agent
from .blame_denial import denied_judgement
from .blame_generic import mentioned_claim, present_frame
from .blame_phrasing import (
    committed_error,
    hindsight_judgement,
    made_a_cause,
    metric_before,
    one_of_several,
    poor_work,
)
from .blame_possible import possible_only
from .docview import sentence_words
from .gates import first_words, gated
from .lexicon import blame_words, grammar, human_error_words, judgmental_words, norm, people

# ----------------------------------------------------------------------- human error (BL402)


@cache
def _regex(words: tuple[str, ...]) -> re.Pattern[str]:
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])")


@cache
def _language_regexes(language: str) -> dict[str, re.Pattern[str]]:
    he, jw = human_error_words(language), judgmental_words(language)
    return {
        "human_error": _regex(tuple(" ".join(ph) for ph in he.phrases)),
        "rejections": _regex(tuple(" ".join(r) for r in he.rejections)),
        "judgmental": _regex(tuple(sorted(_judgements(jw)))),
        "technical": _regex(tuple(" ".join(x) for x in jw.technical)),
    }


def _judgements(jw) -> set[str]:
    """The judgmental words and phrases ("manque de rigueur"), as lowercase strings."""
    return set(jw.words) | {" ".join(phrase) for phrase in jw.phrases}


@cache
def _team_regex(language: str, key: str, team: tuple[str, ...]) -> re.Pattern[str]:
    """The shipped list of `key` (human_error or judgmental) with a team's additions
    (`wordlists.<key>` in the config, lowercase words or phrases)."""
    if not team:
        return _language_regexes(language)[key]
    if key == "human_error":
        shipped = {" ".join(ph) for ph in human_error_words(language).phrases}
    else:
        shipped = _judgements(judgmental_words(language))
    return _regex(tuple(sorted(shipped | set(team))))


def _rejected(text: str, start: int, end: int, sentence_start: int, language: str) -> bool:
    before = text[max(0, start - 2) : start].strip()
    after = text[end : end + 2].strip()
    lead = norm(text[sentence_start:start])
    if before[-1:] in QUOTES and after[:1] in QUOTES:
        # Quoted, the phrase is only mentioned, unless the sentence makes it the cause:
        # "des admissions annulées à cause d'une « erreur humaine »" reports the framing.
        he = human_error_words(language)
        words = [w.strip(".,;:'\"«»“”") for w in lead.split()]
        cued = any(w in he.cause_cues for w in words) or any(
            tuple(words[i : i + len(p)]) == p for p in he.cause_phrases for i in range(len(words))
        )
        if not cued:
            return True
    return bool(_language_regexes(language)["rejections"].search(lead))


def human_error(
    sent: Any, language: str, names: frozenset[int], team: tuple[str, ...] = ()
) -> Iterator[Found]:
    """`team`: the config's `wordlists.human_error` phrases for this language."""
    he, p = human_error_words(language), people(language)
    doc, text = sent.doc, _doc_text(sent.doc)
    lowered = _lowered_text(sent.doc)
    regex = _team_regex(language, "human_error", team)
    for match in regex.finditer(lowered, sent.start_char, sent.end_char):
        start, end = match.span()
        following = lowered[end:].split(None, 1)
        if following and following[0].strip(".,;:()") in he.modifier_heads:
            continue  # "the operator error rate": a metric, not a framing
        if metric_before(lowered, sent.start_char, start, he):
            continue  # "le taux d'erreur humaine": the head comes first in French
        if _rejected(text, start, end, sent.start_char, language):
            continue
        words = doc.char_span(start, end, alignment_mode="expand")
        before = doc[words.start - 1] if words is not None and words.start > sent.start else None
        if before is not None and ag.person_kind(before, p, names):
            continue  # "The engineer fat-fingered the list": a person as cause, BL401's case
        if words is not None and (_a_category(words, sent, he) or one_of_several(words, he)):
            continue
        if lowered[start:end] in he.concepts and not made_a_cause(sent, he):
            continue  # "le facteur humain est difficile à prévoir": the category
        yield Found("human_error", start, end, {"phrase": text[start:end]})
    present = sentence_words(sent)  # (each loop below reads only tokens of its word list)
    blamed = not present.isdisjoint(he.blamed_nouns)
    # "a mistake by the person running the script", "une erreur de l'opérateur".
    for tok in sent if blamed else ():
        if norm(tok.text) not in he.blamed_nouns or tok.i + 1 >= sent.end:
            continue
        if norm(doc[tok.i + 1].text) not in he.by:
            continue
        if tok.i >= 1 and norm(doc[tok.i - 1].text) == "la":
            continue  # "par la faute de Karim" blames a person: BL401's cause prepositions
        head = ag.np_head_after(doc, tok.i + 2)
        mine = head is not None and _own_slip(head, tok, he)
        if head is not None and head.i < sent.end and (mine or ag.person_kind(head, p, names)):
            yield Found(
                "human_error", *span_of([tok, head]), {"phrase": doc[tok.i : head.i + 1].text}
            )
    yield from committed_error(sent, language, names)
    # "an engineer's mistake", "the operator's oversight" (not "the DBA's error message").
    for tok in sent if blamed else ():
        if norm(tok.text) not in he.blamed_nouns:
            continue
        following = norm(doc[tok.i + 1].text) if tok.i + 1 < sent.end else ""
        if following in he.modifier_heads:
            continue
        for owner in ag.children(tok, ("poss",)):
            if ag.person_kind(owner, p, names) or _own_slip(owner, tok, he):
                yield Found(
                    "human_error", *span_of([owner, tok]), {"phrase": doc[owner.i : tok.i + 1].text}
                )
    # "l'origine du problème est humaine".
    for tok in sent if not present.isdisjoint(he.human_adjectives) else ():
        if norm(tok.text) in he.human_adjectives and ag.children(tok, ("cop",)):
            subject = ag.subject_of(tok)
            if subject is not None and norm(subject.text) in blame_words(language).cause_nouns:
                yield Found("human_error", *span_of([subject, tok]), {"phrase": tok.text})


def _own_slip(owner: Any, noun: Any, he) -> bool:
    """ "my mistake", "a mistake of mine": the writer owns one slip. "learn from our
    mistakes" (a plural) is every mistake, a category."""
    return norm(owner.text) in he.self_possessives and "Plur" not in noun.morph.get("Number")


def _a_category(words: Any, sent: Any, he) -> bool:
    """Human error named as a category rather than as this incident's cause: denied just
    before ("a bug, not user error", "non à des erreurs humaines") or managed by a verb
    ("plan for human errors", "limiter les erreurs humaines")."""
    doc = sent.doc
    lead = [t for t in doc[max(sent.start, words.start - 3) : words.start] if not t.is_punct]
    # The denial may stand before an article or preposition: "non à des erreurs", "not a".
    for token in reversed(lead):
        if norm(token.text) in he.denials:
            return True
        if token.pos_ not in ("DET", "ADP"):
            break
    governor = words.root.head
    if governor.pos_ == "ADP":
        governor = governor.head
    forms = {norm(governor.text), norm(governor.lemma_)}
    return governor.i != words.root.i and bool(forms & he.category_verbs)


# ------------------------------------------------------- slips with no agent named (BL402)


def _quoted_word(token: Any) -> bool:
    doc = token.doc
    before = doc[token.i - 1].text if token.i > 0 else ""
    after = doc[token.i + 1].text if token.i + 1 < len(doc) else ""
    return bool(before) and before in QUOTES and bool(after) and after in QUOTES


def _slip_verb(token: Any) -> Any:
    """The verb an adverb or "by mistake" qualifies."""
    head = token.head
    if head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head  # "par erreur": the preposition hangs on the verb
    return head


def _slip_gate(language: str) -> frozenset[str]:
    """`agentless_slip`'s words: the first word of a slip adverb, a slip passive, adjective
    or noun (its two loops read nothing else)."""
    he = human_error_words(language)
    return first_words(he.slip_adverbs) | he.slip_passives | he.slip_adjectives | he.slip_nouns


@gated(_slip_gate)
def agentless_slip(
    sent: Any,
    language: str,
    names: frozenset[int],
    effects: Callable[[], frozenset[str]] | None = None,
) -> Iterator[Found]:
    """ "The script was mistakenly run on prod", "an accidental merge to production", "It was
    an oversight": a slip framed as human error without naming anyone. A person as subject
    is BL401's case ("Priya accidentally deleted ..."); a thing as the active subject is a
    defect ("the cron job mistakenly purged the cache"); a tool as agent is the tool's."""
    he, p = human_error_words(language), people(language)
    doc = sent.doc
    for start, end in ag.phrase_positions(doc, he.slip_adverbs, sent.start, sent.end):
        token = doc[start]
        verb = _slip_verb(token if end - start == 1 else doc[start + 1])
        if verb.i == token.i or verb.pos_ not in ("VERB", "AUX"):
            continue
        if norm(verb.text) in he.system_outputs | he.discoveries:
            continue  # "des lignes créées par erreur": a defect's output; "found by accident"
        if (
            verb.tag_ in ("VB", "VBG")
            or possible_only(verb)
            or ag.negated(verb)
            or (
                ag.children(verb, ("mark",))
                and any(
                    norm(m.text) in ("to", "pour", "de") for m in ag.children(verb, ("mark", "aux"))
                )
            )
        ):
            continue  # "harder to accidentally run", "not accidentally creating": a plan
        subject = ag.subject_of(verb)
        if ag.is_passive(verb):
            # "détaché par erreur": the parse may take the slip itself for the agent.
            agents = [
                a for a in ag.children(verb, ("agent", "obl:agent")) if not start <= a.i < end
            ]
            target = next(iter(ag.children(agents[0], ("pobj",))), agents[0]) if agents else None
            if target is not None and not_an_agent(target, language):
                target = None  # "deleted by hand by mistake": a manner, no agent
            if target is not None and not ag.person_kind(target, p, names):
                continue
            if subject is not None and (
                ag.person_kind(subject, p, names) or norm(subject.text) in p.victims
            ):
                continue  # "the customer was accidentally logged out": it happened to them
        elif subject is None or ag.person_kind(subject, p, names):
            if subject is not None:
                continue  # BL401 names the person
        elif norm(verb.text) not in he.held_verbs:
            continue  # "the cron job mistakenly purged the cache": a defect
        if done_by_a_thing(sent, verb, start, end, language, names, effects):
            continue  # "revoked by mistake by the renewal job", "because of a bug"
        yield Found(
            "human_error", *span_of([doc[start], doc[end - 1]]), {"phrase": doc[start:end].text}
        )
    present = sentence_words(sent)  # (the loop reads only tokens of these three lists)
    slips = not (
        present.isdisjoint(he.slip_passives)
        and present.isdisjoint(he.slip_adjectives)
        and present.isdisjoint(he.slip_nouns)
    )
    for tok in sent if slips else ():
        low = norm(tok.text)
        if low in he.slip_passives and ag.is_passive(tok) and not ag.negated(tok):
            subject = ag.subject_of(tok)
            unattributed = not ag.children(tok, ("agent", "obl:agent"))
            # "That the key had expired was overlooked": a fact as the subject, a clause.
            fact = [
                c
                for c in ag.children(tok, ("csubjpass", "csubj:pass", "nsubjpass", "nsubj:pass"))
                if c.pos_ in ("VERB", "AUX")
            ]
            if fact:
                subject = doc[fact[0].left_edge.i]
            elif subject is not None and norm(subject.text) not in he.missable:
                subject = None
            if subject is not None and unattributed:
                yield Found("human_error", *span_of([subject, tok]), {"phrase": tok.text})
            continue
        if low in he.slip_adjectives:
            # "Accidental overwriting of ...", "# Accidental merge to prod": the next word.
            following = doc[tok.i + 1] if tok.i + 1 < sent.end else None
            noun = tok.head if tok.dep_ == "amod" else following
            if noun is None or (noun.i != tok.i + 1 and tok.dep_ != "amod"):
                continue
            if one_of_several(doc[tok.i : noun.i + 1], he):
                continue
            if norm(noun.text) in he.action_nouns or noun.tag_ == "VBG":
                yield Found(
                    "human_error", *span_of([tok, noun]), {"phrase": doc[tok.i : noun.i + 1].text}
                )
        elif low in he.slip_nouns and tok.pos_ == "NOUN":
            following = norm(doc[tok.i + 1].text) if tok.i + 1 < len(doc) else ""
            if following in he.modifier_heads or any(
                norm(c.text) in grammar().negations or norm(c.text) in ("no", "aucun", "aucune")
                for c in tok.children
            ):
                continue
            if _quoted_word(tok):
                continue  # "le mot « bévue »": a mention
            attribute = tok.dep_ in ("attr", "ROOT") and not ag.negated(tok.head)
            # "A misstep set off the outage": the small parser sometimes reads the subject as
            # an adverbial noun phrase before its verb.
            misread = tok.dep_ == "npadvmod" and tok.i < tok.head.i
            if tok.dep_ in ag.SUBJECT_DEPS or attribute or misread:
                yield Found("human_error", tok.idx, tok.idx + len(tok.text), {"phrase": tok.text})


# ------------------------------------------------------------------ judgmental words (BL405)


def _intensifies(doc: Any, start: int, end: int, quantities: frozenset[str]) -> bool:
    """ "a stupid number of people": the word sizes a quantity, it judges no one."""
    following = _lowered_text(doc)[end:].split(None, 1)
    return bool(following) and following[0] in quantities


def _about_a_thing(doc: Any, start: int, p, names: frozenset[int]) -> bool:
    """An adverb inside a clause whose subject is a thing ("the roll-out obviously had failed",
    an inference about the system). A sentence adverb before the subject ("Obviously, the
    retry storm was going to happen") judges whoever did not see it coming, and stays."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return False
    token = span[0]
    if token.pos_ != "ADV" or token.head.i == token.i:
        return False
    if _said_of_a_finding(token, p, names):
        return True
    subject = ag.subject_of(token.head)
    return (
        subject is not None
        and subject.i < token.i
        and subject.pos_ in ("NOUN", "PROPN")
        and not ag.person_kind(subject, p, names)
    )


def _said_of_a_finding(adverb: Any, p, names: frozenset[int]) -> bool:
    """The adverb grades an adjective or a participle said of a thing found: "anything
    obviously wrong", "nothing was obviously compromised", "an obviously wrong value". A
    person or people's work as the target ("an obviously bad decision") keeps the judgement."""
    head = adverb.head
    if head.pos_ not in ("ADJ", "VERB"):
        return False
    jw = judgmental_words("fr" if adverb.lang_ == "fr" else "en")
    amod = head.dep_ == "amod" and head.head.i != head.i
    target = head.head if amod else ag.subject_of(head)
    if target is None:
        return False
    low = norm(target.text)
    if target.pos_ == "PRON":
        return low in jw.indefinites
    return (
        target.pos_ == "NOUN"
        and head.dep_ == "amod"
        and low not in jw.work
        and not ag.person_kind(target, p, names)
        and target.i not in names
    )


def _technical_head(doc: Any, start: int, end: int, jw) -> bool:
    """ "lazy DB lookups", "the replicas were lazily synced": "lazy" on an operation is its
    technical sense (deferred until needed), whatever compounds come between."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1 or norm(span.text) not in jw.technical_words:
        return False
    token = span[0]
    if token.dep_ not in ("amod", "advmod") or token.head.i == token.i:
        return False
    head = token.head
    return norm(head.text) in jw.technical_heads or norm(head.lemma_) in jw.technical_heads


def _trait_of_a_thing(doc: Any, start: int, end: int, jw, p, names: frozenset[int]) -> bool:
    """A character word aimed at a thing that is nobody's work: "a stupid but useful security
    measure", "false alerts are unprofessional". The target is the noun an adjective modifies
    or the subject it is said of; a person, people's work or no target keeps the judgement."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or norm(span.text) not in jw.traits:
        return False
    token = span[-1]
    target = None
    if token.dep_ == "amod" or (token.dep_ == "conj" and token.head.dep_ == "amod"):
        target = token.head if token.dep_ == "amod" else token.head.head
    elif token.dep_ in ("acomp", "attr") and token.pos_ == "ADJ":
        target = ag.subject_of(token.head)
    if target is None or target.pos_ not in ("NOUN", "PROPN"):
        return False
    if ag.person_kind(target, p, names) or target.i in names:
        return False
    return norm(target.text) not in jw.work


def _mentioned(doc: Any, start: int, end: int, epistemic: bool) -> bool:
    """A judgement inside a denied or generic claim, or an epistemic adverb on a clause in the
    present or with a modal (nlp/blame_generic.py)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    token = span[-1]
    if epistemic and token.pos_ == "ADV":
        return present_frame(token)
    return mentioned_claim(token)


def _chosen_pace(doc: Any, start: int, end: int, language: str) -> bool:
    """A manner adverb on an action chosen on purpose ("agreed to merge it hastily before the
    audit", "coordinated to ship it quickly"): the pace was the plan, not a fault."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1 or span[0].pos_ != "ADV" or span[0].dep_ != "advmod":
        return False
    return chosen(span[0].head, language) or (
        norm(span[0].head.text) in context_words(language).choice_verbs
    )


def judgmental(
    sent: Any, language: str, names: frozenset[int], team: tuple[str, ...] = ()
) -> Iterator[Found]:
    """`team`: the config's `wordlists.judgmental` words for this language."""
    text = _doc_text(sent.doc)
    lowered = _lowered_text(sent.doc)
    regexes = _language_regexes(language)
    span = (lowered, sent.start_char, sent.end_char)
    covered = None  # the technical terms, read only once a judgmental word is found
    p = people(language)
    for match in _team_regex(language, "judgmental", team).finditer(*span):
        start, end = match.span()
        if covered is None:
            covered = [m.span() for m in regexes["technical"].finditer(*span)]
        if any(a <= start and end <= b for a, b in covered):
            continue
        if _intensifies(sent.doc, start, end, judgmental_words(language).quantities):
            continue
        jw = judgmental_words(language)
        if _technical_head(sent.doc, start, end, jw):
            continue
        epistemic = lowered[start:end] in jw.epistemic
        if epistemic and _about_a_thing(sent.doc, start, p, names):
            continue
        if _trait_of_a_thing(sent.doc, start, end, jw, p, names):
            continue
        if _mentioned(sent.doc, start, end, epistemic):
            continue
        if _chosen_pace(sent.doc, start, end, language):
            continue
        if aimed_at_adversary(sent, start, end, language):
            continue  # "the attackers were sloppy": attackers are no one of the team
        if not epistemic and denied_judgement(sent, start, end, language):
            continue  # "this was not sloppy work", "nobody dropped the ball"
        yield Found("judgmental", start, end, {"word": text[start:end]})
    yield from poor_work(sent, language, names)
    yield from hindsight_judgement(sent, language)
