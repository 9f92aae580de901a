"""Context around a person's action, and questions that look for a culprit (BL406).

A person as the subject of a failure verb is not always blame. What surrounds the verb often
says it was a decision ("so that the heap dumps would be preserved", "decided to fail over
rather than wait"), an idiom ("broke the glass" is the break-glass procedure), or an action
explained by what the system showed ("because it was routed to an archived channel"). These
checks are shared by the person-as-cause and hindsight detectors. Word lists live in
`rules/wordlists/context.yaml`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import agency as ag
from .agency import Found
from .gates import QUESTION, gated
from .lexicon import ORDERED, from_wordlist, grammar, norm, people


@dataclass(frozen=True)
class ContextWords:
    systemic_marks: frozenset[str]
    purpose: tuple[tuple[str, ...], ...] = field(metadata=ORDERED)
    choice_verbs: frozenset[str]
    idiom_objects: dict[str, frozenset[str]]
    who: frozenset[str]
    whose: frozenset[str]
    which: frozenset[str]
    why: frozenset[str]
    why_aux: frozenset[str]
    self_pronouns: frozenset[str]
    nobody: frozenset[str]
    nobody_phrases: tuple[tuple[str, ...], ...]
    past_copulas: frozenset[str]
    culprit_words: frozenset[str]
    hypothetical_marks: frozenset[str] = frozenset()
    proposal_verbs: frozenset[str] = frozenset()
    discovery_verbs: frozenset[str] = frozenset()
    operational_failures: frozenset[str] = frozenset()
    intent_marks: tuple[tuple[str, ...], ...] = field(default=(), metadata=ORDERED)


@cache
def context_words(language: str) -> ContextWords:
    return from_wordlist(ContextWords, "context.yaml", language)


# ------------------------------------------------------------------- subject text in messages

# Right-hand modifiers that belong to a role phrase: "the person on call", "the engineer on
# duty", "l'ingénieur d'astreinte". Relative clauses and long attachments are left out.
_RIGHT_DEPS = frozenset({"prep", "nmod", "compound", "flat", "flat:name", "amod"})


def phrase_start(token: Any) -> int:
    """Index of the first word of the noun phrase a subject heads."""
    doc = token.doc
    start = token.left_edge.i if token.left_edge.i <= token.i else token.i
    # A hyphenated compound the parse split off ("on" "-" "call"), and its determiner.
    first = token.sent.start
    while start - 1 >= first and not doc[start - 1].whitespace_:
        if doc[start].text == "-":
            start -= 1
        elif doc[start - 1].text == "-" and start - 2 >= first:
            start -= 2
        else:
            break
    if start - 1 >= first and doc[start - 1].pos_ == "DET" and start < token.left_edge.i:
        start -= 1
    # A pronoun the tokenizer split at its apostrophe: "quelqu'" + "un".
    if start - 1 >= first and not doc[start - 1].whitespace_:
        language = "fr" if token.lang_ == "fr" else "en"
        if norm(doc[start - 1].text + doc[start].text) in people(language).pronouns:
            start -= 1
    # Leading punctuation or an opening quote is not part of the phrase.
    while start < token.i and doc[start].is_punct:
        start += 1
    return start


def phrase_text(token: Any) -> str:
    """The whole noun phrase a subject heads, for messages: "the on-call", not "call"."""
    doc = token.doc
    end = token.i + 1
    for child in token.rights:
        if child.dep_ not in _RIGHT_DEPS or child.i != end:
            break
        last = child.right_edge.i + 1
        inner = doc[child.i : last]
        if last - child.i > 5 or any(t.pos_ in ("VERB", "AUX", "PUNCT") for t in inner):
            break
        end = last
    return doc[phrase_start(token) : end].text


# ---------------------------------------------------------------- actions that are context


def systemic_reason(verb: Any, language: str) -> bool:
    """ "We did not page the vendor because the status page was green": an action explained by
    what the system showed is context, not blame. A person in the reason keeps the blame."""
    p, cw = people(language), context_words(language)
    for clause in ag.children(verb, ("advcl", "conj", "parataxis")):
        # French "car" is a coordinating conjunction: the parser attaches it as cc.
        marks = [norm(m.text) for m in ag.children(clause, ("mark", "cc"))]
        if not any(m in cw.systemic_marks for m in marks):
            continue
        subject = ag.subject_of(clause)
        if subject is not None and not ag.person_kind(subject, p, frozenset()):
            return True
    return False


def _governors(verb: Any, conj: bool = True) -> Iterator[Any]:
    """The verb and the verbs it is the complement of ("decided to fail over"); `conj`: also
    through coordination."""
    deps = ("xcomp", "conj", "ccomp") if conj else ("xcomp", "ccomp")
    token, depth = verb, 0
    while depth < 4:
        yield token
        if token.dep_ not in deps or token.head.i == token.i:
            return
        token, depth = token.head, depth + 1


def chosen(verb: Any, language: str) -> bool:
    """The verb is what a choice verb governs ("decided to wipe the cache"), not the choice."""
    cw = context_words(language)
    return any(norm(g.text) in cw.choice_verbs for g in _governors(verb) if g.i != verb.i)


def deliberate(verb: Any, language: str) -> bool:
    """A choice made on purpose: a purpose clause follows, or a choice verb governs the verb
    (or a verb of proposal: "suggests posting in #help instead of #ops")."""
    cw = context_words(language)
    if any(norm(g.text) in cw.choice_verbs for g in _governors(verb)):
        return True
    if any(norm(g.text) in cw.proposal_verbs for g in _governors(verb, conj=False)):
        return True  # not "Dana suggested the fix, then deployed it instead of ..."
    sent = verb.sent
    return any(True for _ in ag.phrase_positions(verb.doc, cw.purpose, verb.i + 1, sent.end))


def idiom(verb: Any, language: str) -> bool:
    """ "The SRE broke the glass procedure": the object makes the failure verb an idiom."""
    objects = context_words(language).idiom_objects.get(norm(verb.text))
    if not objects:
        return False
    after = verb.doc[verb.i + 1 : min(verb.i + 4, verb.sent.end)]
    return any(norm(t.text) in objects for t in after)


# ----------------------------------------------------------------- culprit questions (BL406)

COPULAS = frozenset(
    ["is", "was", "were", "are", "be", "été", "est", "était", "étaient", "sont", "sera"]
)


def _question_tokens(sent: Any) -> list[Any]:
    tokens = [t for t in sent if not t.is_space]
    return tokens if tokens and tokens[-1].text == "?" else []


@gated(lambda language: QUESTION)
def blame_question(sent: Any, language: str, names: frozenset[int]) -> Iterator[Found]:
    """ "Who pushed this config?", "Which engineer pushed ...?", "Why did nobody look ...?",
    "Who was responsible for checking ...?"; not "Who gets paged when ...?" (a copula or a
    passive asks about a process) nor "Why did the pipeline continue?" (a system)."""
    tokens = _question_tokens(sent)
    words = [t for t in tokens if t.is_alpha]
    if not words:
        return
    cw, first = context_words(language), words[0]
    low = norm(first.text)
    if low in cw.who:
        found = _who_question(first, tokens, cw)
    elif low in cw.which:
        found = _which_question(first, language, names)
    elif low in cw.why:
        found = _why_question(first, tokens, language, names)
    else:
        found = None
    if found is not None:
        yield Found("question", first.idx, found.idx + len(found.text), {"question": sent.text})


def _who_question(first: Any, tokens: list[Any], cw: ContextWords) -> Any | None:
    verb = first.head if first.head.i != first.i else None
    if verb is not None and verb.pos_ in ("NOUN", "PROPN") and verb.head.i != verb.i:
        verb = verb.head  # "Whose change broke the build?"
    if verb is None:
        return None
    aux = [norm(c.text) for c in verb.children if c.dep_ in ("aux", "aux:tense", "cop")]
    if norm(verb.text) in COPULAS or ag.is_passive(verb) or any(a in COPULAS for a in aux):
        # "Who was responsible for ...?" looks for a culprit; "Who is responsible for X?"
        # asks for an owner, and "Who is at fault, then?" asks the question an inquiry
        # opens with, naming no past action.
        lows = [norm(t.text) for t in tokens]
        culprit = [t for t in tokens if norm(t.text) in cw.culprit_words]
        past = any(w in cw.past_copulas for w in lows)
        if culprit and past:
            return culprit[0]
        copula = norm(verb.text) in COPULAS
        return verb if copula and past and norm(first.text) in cw.whose else None
    # "Who approved this change?" looks back for a culprit; "Who approves changes to the
    # zone?" and "Who will own the follow-up?" ask about the process.
    return verb if _past(verb) else None


def _past(verb: Any) -> bool:
    return verb.pos_ in ("VERB", "AUX") and ag.past_action(verb)


def _which_question(first: Any, language: str, names: frozenset[int]) -> Any | None:
    noun = first.head
    if noun.i == first.i or not ag.person_kind(noun, people(language), names):
        return None
    if noun.dep_ not in ag.SUBJECT_DEPS or noun.dep_ in ("nsubjpass", "nsubj:pass"):
        return None
    verb = noun.head
    return verb if verb.i != noun.i and _past(verb) else None


def _why_question(
    first: Any, tokens: list[Any], language: str, names: frozenset[int]
) -> Any | None:
    """Surface pattern: the small parsers mangle "Why did nobody look at ...?"."""
    cw, p = context_words(language), people(language)
    rest = [t for t in tokens if t.i > first.i]
    lows = [norm(t.text) for t in rest]
    if not rest or (cw.why_aux and lows[0] not in cw.why_aux) or "été" in lows:
        return None
    negative = any(w in grammar().negations or w in grammar().negation_particles for w in lows)
    nobody = [t for t in rest[:4] if norm(t.text) in cw.nobody]
    nobody += [rest[i] for i in range(len(rest) - 1) if (lows[i], lows[i + 1]) in cw.nobody_phrases]
    if nobody:
        return nobody[0]
    if not negative:
        return None
    # The subject: as parsed, else the first noun or pronoun after "why" and its auxiliary.
    window = rest[:7]
    subject = next((t for t in window if t.dep_ in ag.SUBJECT_DEPS), None) or next(
        (t for t in window if t.pos_ in ("NOUN", "PROPN", "PRON")), None
    )
    if subject is None or norm(subject.text) in grammar().anaphors | cw.self_pronouns:
        return None
    if not ag.person_kind(subject, p, names):
        return None
    verb = subject.head if subject.head.pos_ in ("VERB", "AUX") else subject
    return verb if verb.i > subject.i else subject


def particle_follows(verb: Any, particles: frozenset[str]) -> bool:
    """ "took down", "took the site down", "a fait tomber": the particle (or the verb a French
    phrasal pairs with) within a few words, before any other verb ("took steps to scale down
    the workers": "down" is the particle of "scale", not of "took")."""
    for token in verb.doc[verb.i + 1 : verb.i + 5]:
        if norm(token.text) in particles:
            return True
        if token.pos_ in ("VERB", "AUX"):
            return False
    return False


def serendipity(verb: Any, language: str) -> bool:
    """A verb of finding out ("we accidentally discovered the leak"): a slip adverb on it is
    luck, not a fault."""
    return norm(verb.text) in context_words(language).discovery_verbs


def intended(verb: Any, language: str) -> bool:
    """An operation done on purpose ("we intentionally took the API down for maintenance",
    "took down the old page on purpose to avoid confusion"): a plan, not a failure. Slips
    and omissions are not operations: "deliberately ignored the alert" stays blame."""
    cw = context_words(language)
    if norm(verb.text) not in cw.operational_failures:
        return False
    sent = verb.sent
    marked = next(iter(ag.phrase_positions(verb.doc, cw.intent_marks, sent.start, sent.end)), None)
    return marked is not None or deliberate(verb, language)
