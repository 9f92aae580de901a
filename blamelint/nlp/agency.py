"""Who did what in a parsed sentence: subjects, people, negation, fault markers.

The blame rules ask one question of the dependency parse: is a person (a name, a role, a team,
a pronoun) the agent of a failure? Both label sets are handled: ClearNLP labels from the
English model (nsubj, dobj, neg, prep, pobj, agent, relcl) and Universal Dependencies from
the French one (nsubj, obj, advmod "pas", case, obl:agent, acl:relcl).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from .docview import doc_text, sentence_bounds, sentence_starts, tokens, view
from .gates import first_words
from .lexicon import BlameWords, People, grammar, norm

QUOTES = "\"“”«»'‘’"


@dataclass(frozen=True)
class Found:
    """A blame candidate: which detector, where (characters in the Doc), message values."""

    key: str  # person | human_error | hindsight | system_hindsight | judgmental | question | remedy
    start: int
    end: int
    values: dict


def lowered_text(doc: Any) -> str:
    """`norm(doc.text)`, kept on the Doc (same length: offsets unchanged)."""
    text = doc.user_data.get("blamelint.text")
    if text is None:
        text = doc.user_data["blamelint.text"] = norm(doc_text(doc))
    return text


def span_of(tokens: list[Any]) -> tuple[int, int]:
    """Character range covering the given tokens."""
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
PASSIVE_DEPS = frozenset({"auxpass", "nsubjpass", "nsubj:pass", "aux:pass"})
MODIFIER_DEPS = frozenset({"compound", "nmod", "flat", "flat:name", "appos", "amod", "nn"})


def children(token: Any, deps: Iterable[str]) -> list[Any]:
    """`token.children` with one of these dependency labels (read from the Doc's view)."""
    doc = token.doc
    v = view(doc)
    kids = v.kids[token.i]
    if not kids:
        return []
    wanted = _labels(deps)
    dep = v.dep
    made = tokens(doc)
    return [made[j] for j in kids if dep[j] in wanted]


_LABELS: dict[Any, frozenset[str]] = {}


def _labels(deps: Iterable[str]) -> frozenset[str]:
    """`frozenset(deps)`, kept for the tuples and sets the detectors pass again and again."""
    try:
        found = _LABELS.get(deps)
    except TypeError:  # an unhashable iterable
        return frozenset(deps)
    if found is None:
        found = frozenset(deps)
        if len(_LABELS) < 1024:
            _LABELS[deps] = found
    return found


def subject_of(verb: Any, depth: int = 0) -> Any | None:
    """The subject of a verb, inherited through conjunctions, control and relative clauses.

    Several detectors ask it of the same verbs: the answer is kept in the Doc's view (as a
    position: the view holds no Token)."""
    if depth:
        return _subject_of(verb, depth)
    doc = verb.doc
    known = view(doc).subjects
    found = known.get(verb.i)
    if found is None:
        subject = _subject_of(verb, 0)
        known[verb.i] = -1 if subject is None else subject.i
        return subject
    return None if found < 0 else tokens(doc)[found]


def _subject_of(verb: Any, depth: int) -> Any | None:
    if depth > 4:
        return None
    found = children(verb, SUBJECT_DEPS)
    if found:
        subject = found[0]
        if subject.dep_ == "csubj" or subject.pos_ in ("VERB", "AUX"):
            # "Whoever wrote this cron entry did not think ...": the clause's own subject.
            return subject_of(subject, depth + 1)
        if norm(subject.text) in grammar().relatives:
            if verb.dep_ in ("relcl", "acl:relcl"):
                return verb.head
            return _antecedent(subject)
        return subject
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        return subject_of(verb.head, depth + 1)
    if verb.dep_ == "xcomp" and verb.head.i != verb.i:
        # Object control: "pressured the team to skip" -> the team skipped.
        objects = children(verb.head, OBJECT_DEPS)
        return objects[0] if objects else subject_of(verb.head, depth + 1)
    if verb.dep_ in ("relcl", "acl:relcl", "acl"):
        return verb.head
    return None


FINAL = frozenset({".", "!", "?", "…", ";", ":"})


def sentence_start(token: Any) -> int:
    """Start of the token's sentence, ignoring splits after no final punctuation (the small
    parsers end a "sentence" after a leading "@handle")."""
    return sentence_starts(token.doc, FINAL)[token.i]


def _antecedent(token: Any) -> Any | None:
    """The nearest noun before a relative pronoun the parser did not attach ("It was Tom who")."""
    for j in range(token.i - 1, max(sentence_start(token), token.i - 6) - 1, -1):
        previous = token.doc[j]
        # A capitalised word inside the sentence is a name even when mis-tagged ("C'est
        # Mathieu qui a lancé", where Mathieu is tagged ADJ).
        inner = previous.i > sentence_start(token) and previous.text[:1].isupper()
        if previous.pos_ in ("NOUN", "PROPN", "PRON") or (inner and previous.is_alpha):
            return previous
    return None


def field_label(token: Any) -> bool:
    """The token ends a field label that opens its sentence ("Root Causes: the gateway did not
    come back", "Trigger: ..."): the label names the field, the clause after the colon is its
    value, so the label is no agent of that clause."""
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].text != ":":
        return False
    first = token.sent.start
    start = token.left_edge.i if token.left_edge.i <= token.i else token.i
    return all(not t.is_alpha for t in doc[first:start])


SKIPPABLE = frozenset(
    [
        "did",
        "had",
        "has",
        "have",
        "also",
        "then",
        "just",
        "never",
        "not",
        "n't",
        "accidentally",
        "again",
        "a",
        "ont",
        "avait",
        "avaient",
        "n'",
        "ne",
        "-",
        "also",
    ]
)


def surface_subject(verb: Any) -> Any | None:
    """The word just before a verb when the parse gave it no subject ("The on-call misread")."""
    doc, first = verb.doc, sentence_start(verb)
    made, lower = tokens(doc), view(doc).lower
    j = verb.i - 1
    while j >= first and (lower[j] in SKIPPABLE or made[j].pos_ in ("ADV", "AUX", "PART")):
        j -= 1
    if j < first:
        return None
    token = made[j]
    return token if token.pos_ in ("NOUN", "PROPN", "PRON", "X") else None


@cache
def _phrase_ends(phrases: tuple[str, ...]) -> frozenset[str]:
    """Last words of multi-word roles: only they need the (costly) phrase text."""
    return frozenset(re.split(r"[\s-]+", phrase.strip())[-1] for phrase in phrases)


def noun_phrase_text(token: Any) -> str:
    """Lowercase text from the start of the token's phrase up to the token itself."""
    doc = token.doc
    start = token.left_edge.idx
    return norm(doc_text(doc)[start : token.idx + len(token.text)])


_ENDS: dict[int, tuple[Any, frozenset[str]]] = {}


def _role_ends(phrases: tuple[str, ...]) -> frozenset[str]:
    """`_phrase_ends`, found by the tuple's identity (kept with it, so an id is never reused):
    the cache would hash the whole tuple again on every call."""
    found = _ENDS.get(id(phrases))
    if found is None or found[0] is not phrases:
        found = (phrases, _phrase_ends(phrases))
        if len(_ENDS) < 64:
            _ENDS[id(phrases)] = found
    return found[1]


# "il/elle/they" may stand for a person or a thing: they take the kind of the previous subject
# ("the ingest workers ..., so they skipped the migration"). Without one, French "il" is
# impersonal ("il aurait suffi") and English "they" a person ("They should have rolled back").
_UNRESOLVED = {"they": "pronoun"}


def _anaphor_kind(token: Any, p: People, name_tokens: frozenset[int]) -> str | None:
    """ "Julien Mercier avait généré ce certificat ..., et il a oublié de le renouveler"."""
    low = norm(token.text)
    if token.dep_ not in SUBJECT_DEPS:
        return _UNRESOLVED.get(low)  # impersonal "il aurait suffi", "il s'agit"
    made, dep = tokens(token.doc), view(token.doc).dep  # (no Token made per word walked back)
    for j in range(token.i - 1, -1, -1):
        if dep[j] in SUBJECT_DEPS and made[j].pos_ in ("NOUN", "PROPN"):
            return "pronoun" if person_kind(made[j], p, name_tokens) else None
    return _UNRESOLVED.get(low)


def person_kind(token: Any, p: People, name_tokens: frozenset[int]) -> str | None:
    """The kind of person a token refers to ("name", "pronoun", "role", "team"), or None."""
    if token is None:
        return None
    if token.i in name_tokens:
        return "name"
    low = norm(token.text)
    if low in grammar().anaphors:
        return _anaphor_kind(token, p, name_tokens)
    if low in p.victims:
        # "a staff member", "un membre de l'équipe" is staff; "the member was evicted" is not.
        staff = [c for c in token.children if c.dep_ in ("compound", "nmod")]
        if not any(norm(c.text) in p.roles and norm(c.text) not in p.victims for c in staff):
            return None
        return "role"
    # A pronoun the tokenizer split at its apostrophe: "quelqu'" + "un".
    previous = tokens(token.doc)[token.i - 1] if token.i > 0 else None
    joined = norm(previous.text + low) if previous is not None and not previous.whitespace_ else ""
    if joined in p.pronouns:
        return "pronoun"
    if low in p.pronouns:
        # French "personne" without a determiner is the pronoun "nobody".
        if low == "personne" and not children(token, ("det",)):
            return None
        return "pronoun"
    if low in _role_ends(p.role_phrases):
        # The parse often splits "on-call" ("on" as a preposition): read the surface too.
        doc, end = token.doc, token.idx + len(token.text)
        begins = view(doc).starts[sentence_bounds(token)[0]]  # `token.sent.start_char`
        surface = norm(doc_text(doc)[max(begins, end - 24) : end])
        phrase = noun_phrase_text(token)
        if any(phrase.endswith(role) or surface.endswith(role) for role in p.role_phrases):
            return "role"
    if low not in p.roles:
        if token.dep_ in ("compound",) and token.head.i != token.i:
            return None
        return None
    if low in p.ambiguous:
        for child in token.children:
            if child.dep_ not in MODIFIER_DEPS:
                continue
            if any(c.dep_ == "case" for c in child.children):
                continue  # "le responsable de la mise en production" describes the role
            child_low = norm(child.text)
            if child_low in grammar().human_modifiers or child_low in p.roles:
                continue
            return None  # "the Postgres operator", "l'opérateur télécom"
    if low == "personne" and not children(token, ("det",)):
        return None
    return "team" if low in grammar().team_words else "role"


@cache
def _person_words(p: People) -> frozenset[str]:
    """The words `person_kind` or `possessor_kind` can find a person in, as tokens: a role or
    the last word of a role phrase, a pronoun, a victim noun, an anaphor, a possessive."""
    g = grammar()
    return (
        p.roles
        | _phrase_ends(p.role_phrases)
        | p.pronouns
        | p.victims
        | g.anaphors
        | (p.possessives)
    )


def may_refer_to_a_person(sent: Any, p: People, name_tokens: frozenset[int]) -> bool:
    """A necessary condition for `person_kind` (or `possessor_kind`) to find a person in a
    token of the sentence: a name token, one of `_person_words`, or a pronoun the tokenizer
    split with no space ("quelqu'" + "un"), joined as `person_kind` joins it."""
    start, end = sent.start, sent.end
    if name_tokens and any(start <= i < end for i in name_tokens):
        return True
    v = view(sent.doc)
    lower = v.lower
    if not _person_words(p).isdisjoint(lower[start:end]):
        return True
    text, starts, ends, pronouns = v.text, v.starts, v.ends, p.pronouns
    return any(
        ends[i - 1] == starts[i] and norm(text[i - 1] + lower[i]) in pronouns
        for i in range(max(start, 1), end)
    )


def possessor_kind(token: Any, p: People, name_tokens: frozenset[int]) -> str | None:
    """A person who owns the subject: "Alice's change", "le changement d'Amélie"."""
    for child in children(token, ("poss", "nmod")):
        if child.dep_ == "poss":
            if norm(child.text) in p.possessives:
                return "pronoun"
            kind = person_kind(child, p, name_tokens)
            if kind:
                return kind
        if child.dep_ == "nmod" and any(norm(c.text) in ("de", "d'") for c in child.children):
            kind = person_kind(child, p, name_tokens)
            if kind == "name":
                return kind
    return None


def is_passive(verb: Any) -> bool:
    v = view(verb.doc)
    return any(v.dep[j] in PASSIVE_DEPS for j in v.kids[verb.i])


def negated(verb: Any) -> bool:
    negations = grammar().negations
    v = view(verb.doc)
    return any(v.lower[j] in negations and v.dep[j] in ("neg", "advmod") for j in v.kids[verb.i])


PAST_AUX = frozenset(
    ["did", "had", "has", "have", "a", "ont", "avait", "avaient", "as", "avons", "avez", "eu"]
)


def past_action(verb: Any) -> bool:
    """A completed action ("didn't check", "never tested", "n'a pas vérifié"), not a state
    ("we do not alert on it", "qui ne prévoyait pas", "we had not been tracking")."""
    if verb.tag_ == "VBG" or "Imp" in verb.morph.get("Tense"):
        return False
    v = view(verb.doc)
    aux = [v.lower[j] for j in v.kids[verb.i] if v.dep[j] in ("aux", "aux:tense")]
    if any(a in PAST_AUX for a in aux):
        return True
    if verb.tag_ in ("VBD", "VBN"):
        return True
    return "Past" in verb.morph.get("Tense") and not aux


def has_ability_modal(verb: Any) -> bool:
    v = view(verb.doc)
    return any(v.dep[j] == "aux" and v.lower[j] in grammar().ability for j in v.kids[verb.i])


def clause_tokens(verb: Any) -> Iterator[Any]:
    """The verb's own clause: its subtree without nested clauses of other verbs."""
    doc = verb.doc
    v, made = view(doc), tokens(doc)  # (the children from the view: no Token made)
    kids, dep = v.kids, v.dep
    stack = list(kids[verb.i])
    while stack:
        j = stack.pop()
        if dep[j] in _CLAUSE_DEPS and made[j].pos_ in ("VERB", "AUX"):
            continue
        yield made[j]
        stack.extend(kids[j])


_CLAUSE_DEPS = frozenset(["relcl", "advcl", "ccomp", "conj", "acl:relcl", "parataxis", "csubj"])


def np_head_after(doc: Any, index: int) -> Any | None:
    """The head noun of the phrase starting at `index` (skipping determiners, elisions)."""
    i = index
    while i < len(doc) and (doc[i].pos_ in ("DET", "ADP") or norm(doc[i].text) in ("l'", "d'")):
        i += 1
    if i >= len(doc):
        return None
    token = doc[i]
    # Walk up compounds and flat names to the phrase head: "Jean-Baptiste Moreau", "the DBA team".
    while token.dep_ in ("compound", "flat", "flat:name", "amod") and token.head.i > token.i:
        token = token.head
    return token


def lowered(doc: Any) -> list[str]:
    """Normalised token texts, computed once per Doc (the Doc's view)."""
    return view(doc).lower


@cache
def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        if phrase:
            index.setdefault(phrase[0], []).append(phrase)
    return index


# The index of each phrase list by the list's identity (with the list, so an id is never
# reused): hashing a tuple of tuples again on every call cost more than the search.
_INDEXES: dict[int, tuple[Any, dict[str, list[tuple[str, ...]]]]] = {}


def _phrase_index(phrases: Any) -> dict[str, list[tuple[str, ...]]]:
    found = _INDEXES.get(id(phrases))
    if found is not None and found[0] is phrases:
        return found[1]
    index = _by_first_word(tuple(phrases))
    if isinstance(phrases, tuple) and len(_INDEXES) < 512:
        _INDEXES[id(phrases)] = (phrases, index)
    return index


def phrase_positions(doc: Any, phrases: tuple[tuple[str, ...], ...], lo: int, hi: int):
    """(start, end) token ranges where any phrase occurs within doc[lo:hi]."""
    words = lowered(doc)
    index = _phrase_index(phrases)
    if lo >= 0 and index.keys().isdisjoint(words[lo:hi]):
        return  # no first word of a phrase in the range (one pass in C)
    for i in range(lo, hi):
        for phrase in index.get(words[i], ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                yield i, i + len(phrase)
                break


def fault_marker_words(bw: BlameWords) -> frozenset[str]:
    """The words one of which the verb's clause must hold for `fault_marker` to find a fault:
    a wrong object, "without", a manner word, the first word of "instead of" or of a manner
    phrase (the gates of the detectors that read it, nlp/gates.py)."""
    return (
        bw.wrong_objects
        | grammar().without_marks
        | first_words(bw.manner)
        | first_words(bw.instead)
    )


def fault_marker(verb: Any, bw: BlameWords) -> str | None:
    """Why an otherwise ordinary action is a fault: wrong object, "instead of", "without"."""
    doc = verb.doc
    clause = sorted(clause_tokens(verb), key=lambda t: t.i)
    manner = {m[0] for m in bw.manner if len(m) == 1}
    without = grammar().without_marks
    for token in clause:
        low = norm(token.text)
        # French participles used as adjectives are tagged VERB ("une configuration erronée").
        participle = token.pos_ == "VERB" and token.dep_ in ("acl", "amod")
        # "the wrong node", "une configuration erronée"; not "when things go wrong".
        attached = token.dep_ in ("amod", "acl", "compound", "nmod", "appos", "nummod")
        wrong = low in bw.wrong_objects and attached and not _quoted_term(token)
        if wrong and norm(token.head.text) in bw.indefinite_things:
            continue  # "not seeing anything obviously wrong": a finding, no wrong object
        if wrong and (token.pos_ in ("ADJ", "NOUN") or participle):
            return "wrong"
        if low in without:
            target = next(iter(children(token, ("pobj", "pcomp"))), None)
            if target is None and token.head.i != verb.i:
                target = token.head  # French: "sans" is the case/mark of its object
            if target is None or _copula_state(target):
                continue  # "a user holding a role without being a member": a state
            if target.pos_ in ("VERB", "AUX") or norm(target.text) in bw.without_safeguards:
                return "without"
        if token.dep_ == "advmod" and low in manner:
            return "manner"
    for child in children(verb, ("advcl",)):
        if any(norm(m.text) in without for m in children(child, ("mark",))):
            return "without"
    if not clause:
        return None
    inside = {t.i for t in clause}
    lo, hi = min(inside), max(inside) + 1
    for start, end in phrase_positions(doc, bw.instead, lo, hi):
        if all(i in inside for i in range(start, end)):
            return "instead"
    for start, end in phrase_positions(doc, tuple(m for m in bw.manner if len(m) > 1), lo, hi):
        if all(i in inside for i in range(start, end)):
            return "manner"
    return None


def _copula_state(token: Any) -> bool:
    """ "being a member", "étant membre": a copula with its complement, no omitted act."""
    return token.lemma_ in ("be", "être") and bool(children(token, ("attr", "acomp")))


def _quoted_term(token: Any) -> bool:
    """The word opens a quoted term ("« fausse manipulation »"): a mention, not an action."""
    doc = token.doc
    if token.i == 0 or doc[token.i - 1].text not in QUOTES:
        return False
    return any(t.text in QUOTES for t in doc[token.i + 1 : min(token.i + 4, len(doc))])


def name_token_set(doc: Any, spans: Iterable[Any]) -> frozenset[int]:
    """Token indices covered by name spans (character ranges)."""
    ranges = [(s.start, s.end) for s in spans]
    if not ranges:
        return frozenset()
    return view(doc).covered(ranges)
