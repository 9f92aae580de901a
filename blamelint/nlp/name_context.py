"""Context around a name candidate: organisations, places, products, lists of people.

`people.doc_names` asks this module three kinds of questions about a span of a spaCy Doc:

- is it introduced as an organisation ("storage vendor Quorvex", "the audit firm Brackley and
  Dunmore", "Quorvex, the vendor", "Parapet est une société"), listed among things ("vendors
  such as Quorvex, Tessaly and Brisk"), or ended by a place, company or product word
  ("Toberman County", "Norland Airlines", "Brisk Gateway", "Lumo VR")?
- may a word of the wide given-name list (rules/wordlists/given-names.yaml) count as a name
  here: a proper noun where a person stands, not an entity of another type?
- which coordinated proper nouns share a person's place ("Ingrid Solberg and Tavish
  Roanoke", "our reviewers Florence, Radek and Mireia"): once half the list are known people,
  the rest of the list are people too.

Works on spaCy Docs through their attributes only; spaCy is never imported here. The words
live in rules/wordlists/name-context.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from blamelint.base.resources import load_data

from .lexicon import People, grammar, norm, phrase_tuples, word_set

# Entity types that are not people: a wide-list name tagged so is a place or a company.
# (DATE, CARDINAL and the like are the model's slips after a timestamp, "2017-09-23:
# Joost opens ...": the wide list holds no month or day name.)
OTHER_ENTITIES = frozenset(
    {"GPE", "LOC", "ORG", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
    | {"MISC"}
)
_PERSON_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "poss", "appos", "agent"})
# Software nouns that are also surnames: a name may end with them ("Ada Reader").
_SURNAME_LIKE = frozenset({"writer", "reader", "store", "job", "jobs", "monitor", "release"})
_GENITIVE = frozenset({"de", "d'", "du", "des"})
_LIST_GLUE = frozenset({",", "and", "or", "&", "et", "ou", "/", "the", "le", "la", "les"})


@dataclass(frozen=True)
class NameContext:
    wide_names: frozenset[str]
    org_heads: frozenset[str]
    thing_tails: frozenset[str]
    list_cues: tuple[tuple[str, ...], ...]
    role_titles: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    surnames: frozenset[str] = frozenset()
    not_initials: frozenset[str] = frozenset()
    kin_nouns: frozenset[str] = frozenset()
    system_states: frozenset[str] = frozenset()
    state_verbs: frozenset[str] = frozenset()
    possessives: frozenset[str] = frozenset()
    personal_pronouns: frozenset[str] = frozenset()
    addressing_verbs: frozenset[str] = frozenset()
    addressed: frozenset[str] = frozenset()
    chat_places: frozenset[str] = frozenset()
    chat_prepositions: frozenset[str] = frozenset()
    language: str = "en"


@cache
def name_context(language: str) -> NameContext:
    data = load_data("wordlists/name-context.yaml") or {}
    section = data.get(language) or data.get("en") or {}
    wide = load_data("wordlists/given-names.yaml") or {}
    surnames = load_data("wordlists/surnames.yaml") or {}
    return NameContext(
        wide_names=word_set(wide.get("names")),
        org_heads=word_set(section.get("org_heads")),
        thing_tails=word_set(section.get("thing_tails")),
        list_cues=phrase_tuples(section.get("list_cues")),
        role_titles=word_set(section.get("role_titles")),
        speech_verbs=word_set(section.get("speech_verbs")),
        surnames=word_set(surnames.get("names")),
        not_initials=frozenset(str(w) for w in section.get("not_initials") or ()),
        kin_nouns=word_set(section.get("kin_nouns")),
        system_states=word_set(section.get("system_states")),
        state_verbs=word_set(section.get("state_verbs")),
        possessives=word_set(section.get("possessives")),
        personal_pronouns=word_set(section.get("personal_pronouns")),
        addressing_verbs=word_set(section.get("addressing_verbs")),
        addressed=word_set(section.get("addressed")),
        chat_places=word_set(section.get("chat_places")),
        chat_prepositions=word_set(section.get("chat_prepositions")),
        language=language,
    )


def _capitalised(token: Any) -> bool:
    text = token.text
    return bool(text) and text[0].isupper() and (len(text) == 1 or not text.isupper())


def wide_name_ok(token: Any, p: People) -> bool:
    """A wide-list given name ("Radek", "Thulie") is a name only as a proper noun where a
    person stands: a subject, an owner, beside a surname, after "by"/"with"; never an entity
    of another type ("Georgia" as a place) nor a compound of a common noun."""
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    # Before a surname the model's ORG is a guess ("Hal Verity"); a place stays a place.
    surname = nxt is not None and _capitalised(nxt) and nxt.pos_ == "PROPN"
    # The French model's LOC is a frequent slip on given names ("pour Inaya, qui ..."); the
    # wide list holds no big place, so in French only a person's place decides.
    slip = ("ORG", "PRODUCT", "MISC") if surname else ()
    slip += ("LOC",) if p.language == "fr" else ()
    vetoed = token.ent_type_ in OTHER_ENTITIES and token.ent_type_ not in slip
    if not _capitalised(token) or vetoed:
        return False
    # The French tagger often calls a subject's given name a NOUN ("Maxence patientait").
    noun_person = token.pos_ == "NOUN" and token.ent_type_ in ("PER", "PERSON")
    if token.pos_ != "PROPN" and not noun_person:
        return False
    head = token.head
    if token.dep_ == "compound" and head.i != token.i and head.pos_ == "NOUN":
        return False
    if any(c.dep_ == "det" for c in token.children):
        return False
    if nxt is not None and re.fullmatch(r"[A-Z]\.", nxt.text):
        return True  # a middle initial follows: "Joost K. van den Brink"
    if nxt is not None and (norm(nxt.text) in ("'s", "'") or _capitalised(nxt)):
        return nxt.pos_ in ("PROPN", "PART", "X") or norm(nxt.text) in ("'s", "'")
    if token.dep_ in _PERSON_DEPS or token.dep_.startswith("flat"):
        return True
    if token.dep_ == "conj" and token.ent_type_ in ("PER", "PERSON"):
        return True
    if token.dep_ == "compound" and head.pos_ == "PROPN":
        return True
    if token.dep_ not in ("pobj", "obl", "nmod", "obl:arg", "obl:mod"):
        return False
    preps = grammar().person_prepositions | {"to", "thanks", "for", "pour"}
    # English hangs the noun on its preposition; UD (French) hangs the preposition on it,
    # and there "de" is any genitive ("la panne de Hartley"), no person's place.
    return norm(head.text) in preps or any(
        ch.dep_ == "case" and norm(ch.text) in preps - _GENITIVE for ch in token.children
    )


def _coordination_root(token: Any) -> Any:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def org_context(doc: Any, start: int, end: int, heads: frozenset[str]) -> bool:
    """The span is introduced as an organisation: after an organisation noun ("vendor
    Quorvex", "le transporteur irlandais Emerald Wings"), in apposition to one ("Quorvex, the
    vendor"), or as the subject of one ("Parapet est une société"). `heads` are the nouns
    that introduce one (`NameContext.org_heads`, maybe with software nouns)."""
    first = _coordination_root(doc[start])
    j = first.i - 1
    while j >= 0 and doc[j].pos_ in ("ADJ", "PROPN") and j >= first.i - 3:
        if norm(doc[j].text) in heads:
            break
        j -= 1
    if j >= 0 and doc[j].pos_ in ("NOUN", "PROPN") and norm(doc[j].text) in heads:
        return True
    span = range(start, end)
    for tok in (doc[i] for i in span):
        root = _coordination_root(tok)
        head = root.head
        if (
            head.i not in span
            and head.i != root.i
            and norm(head.text) in heads
            and (
                root.dep_ in ("appos", "compound", "nmod", "flat", "acl")
                # "Parapet est une société": the subject of a copula, not of a misparse.
                or (root.dep_ == "nsubj" and any(ch.dep_ == "cop" for ch in head.children))
            )
        ):
            return True
        for child in root.children:
            if child.i not in span and child.dep_ == "appos" and norm(child.text) in heads:
                return True
        if (
            root.dep_ == "nsubj"
            and head.lemma_ in ("be", "être")
            and any(ch.dep_ in ("attr", "acomp") and norm(ch.text) in heads for ch in head.children)
        ):
            return True
    return False


def in_thing_list(doc: Any, start: int, end: int, c: NameContext) -> bool:
    """The span is an item of a list of things: "other projects, including Pyxtra, Holloway
    Labs and Nimbleo Cloud", "des chaînes telles que Marché Plus ou Bertin Électro"."""
    sent_start = doc[start].sent.start if doc.has_annotation("SENT_START") else 0
    i = start - 1
    # Walk back over the list's items and glue to the cue.
    while i >= sent_start and (_capitalised(doc[i]) or norm(doc[i].text) in _LIST_GLUE):
        i -= 1
    for cue in c.list_cues:
        a = i - len(cue) + 1
        if a < sent_start or tuple(norm(t.text) for t in doc[a : i + 1]) != cue:
            continue
        window = doc[max(sent_start, a - 8) : a]
        if any(t.text in (".", ";", ":") for t in window):
            window = doc[max(t.i for t in window if t.text in (".", ";", ":")) + 1 : a]
        return any(norm(t.text) in c.org_heads for t in window)
    return False


def thing_tail(words: Sequence[str], p: People, c: NameContext) -> bool:
    """A multi-word candidate ended by a place, company or product word ("Toberman County",
    "Norland Airlines"), or with an all-caps word and no given name ("Lumo VR")."""
    if len(words) < 2:
        return False
    lowered = [norm(w) for w in words]
    if lowered[-1] in c.thing_tails or lowered[-1] in p.corporate:
        return True
    if lowered[-1] in p.product_heads and lowered[-1] not in _SURNAME_LIKE:
        return True  # "Cindy-Lou Queue", "Nimbus Gateway", "Kestrel Bot"
    if any(w in p.first_names or w in c.wide_names for w in lowered):
        return False
    return any(w.isupper() and len(w) > 1 and w.isalpha() for w in words)


def member_span(token: Any) -> tuple[int, int]:
    """A coordinated proper noun with its capitalised compound or flat parts ("Tavish
    Roanoke" from "Roanoke")."""
    start = end = token.i
    for child in token.children:
        if child.dep_ in ("compound", "flat", "flat:name") and _capitalised(child):
            start, end = min(start, child.i), max(end, child.i)
    return start, end + 1


def coordinated_names(
    doc: Any,
    spans: Sequence[tuple[int, int]],
    seed: Callable[[int, int], bool],
    thing: Callable[[int, int], bool],
) -> list[tuple[int, int]]:
    """Token spans of proper nouns coordinated with people: when one item of a list was
    accepted and at least half its items hold a given name (`seed`), the other capitalised
    proper nouns of the list are people too, unless `thing` says otherwise."""
    found: list[tuple[int, int]] = []
    taken = set()
    for a, b in spans:
        taken.update(range(a, b))
    done: set[int] = set()
    for a, b in spans:
        if not seed(a, b):
            continue
        root = _coordination_root(doc[b - 1])
        if root.i in done:
            continue
        done.add(root.i)
        members = [root, *root.conjuncts]
        if len(members) < 2:
            continue
        ranges = [member_span(m) for m in members]
        # Items holding a given name count, accepted or not ("Florence", a common word).
        seeds = sum(1 for s, e in ranges if seed(s, e))
        if seeds * 2 < len(ranges):
            continue
        for s, e in ranges:
            if any(i in taken for i in range(s, e)):
                continue
            tokens = doc[s:e]
            if not all(_capitalised(t) and t.pos_ in ("PROPN", "X") for t in tokens):
                continue
            if thing(s, e):
                continue
            found.append((s, e))
            taken.update(range(s, e))
    return found


def product_use(token: Any, p: People) -> bool:
    """A single capitalised word used as a product or team name: it modifies or sits beside a
    software noun ("the Aurora cluster", "l'opérateur Strimzi", "Luna, our feature flag
    service"), or it is a compound modifier of any common noun ("Bill generation")."""
    head = token.head
    beside = [c for c in token.children if c.dep_ == "appos"]
    if token.dep_ == "appos" and head.i != token.i:
        beside.append(head)
    if any(norm(b.text) in p.product_heads for b in beside):
        return True
    low = norm(token.text)
    if low in p.first_names and low not in p.common_words:
        return False  # "le DBA Julien", "Grace's fix": a known given name stays a person
    if head.i == token.i:
        return False
    if token.dep_ in ("compound", "flat", "flat:name", "nmod", "amod") and (
        norm(head.text) in p.product_heads
    ):
        return True
    if any(norm(c.text) in p.product_heads for c in token.children if c.dep_ == "compound"):
        return False
    return token.dep_ == "compound" and head.pos_ == "NOUN" and norm(head.text) not in p.roles


def unknown_name(token: Any, p: People, c: NameContext) -> bool:
    """Neither a curated given name nor a wide-list one where a person stands."""
    low = norm(token.text)
    if low in p.first_names:
        return False
    tagged = token.doc.has_annotation("POS")
    return low not in c.wide_names or not (tagged and wide_name_ok(token, p))


def is_thing(doc: Any, start: int, end: int, p: People, c: NameContext) -> bool:
    words = [t.text for t in doc[start:end]]
    # Without a given name, a software noun introduces a product too ("le module Bot Shield").
    named = any(not unknown_name(t, p, c) for t in doc[start:end])
    heads = c.org_heads if named else c.org_heads | (p.product_heads - p.roles)
    return (
        thing_tail(words, p, c)
        or org_context(doc, start, end, heads)
        or in_thing_list(doc, start, end, c)
        or (not named and vendor_product(doc, start, end, p))
    )


def vendor_product(doc: Any, start: int, end: int, p: People) -> bool:
    """Capitalised words after a technology or vendor name in one noun phrase ("AWS Load
    Balancers", "Azure Front Door"): that vendor's product, not a person."""
    if start == 0:
        return False
    before = doc[start - 1]
    if norm(before.text) not in p.tech or not before.text[:1].isupper():
        return False
    inside = range(start, end)
    return before.dep_ == "compound" and before.head.i in inside


def is_seed(doc: Any, start: int, end: int, p: People, c: NameContext) -> bool:
    """A span that surely names a person: it holds a given name."""
    return any(not unknown_name(t, p, c) for t in doc[start:end])


def listed_with_things(token: Any, p: People, is_tech: Callable[[list[str]], bool]) -> bool:
    """A lone word coordinated only with technology or product names ("Linux, Mac, and
    Windows", "Cake Wallet, Monerujo"): the list is of products, not of people ("Grace, Omar
    and Jenkins" keeps Grace and Omar)."""
    others = [t for t in token.conjuncts if t.i != token.i]
    if not others:
        return False
    c = name_context(p.language)
    for other in others:
        a, b = member_span(other)
        words = [t.text for t in token.doc[a:b]]
        if not (is_tech(words) or thing_tail(words, p, c)):
            return False
    return True


# A lowercase letter then two capitals: a product's shape ("RingCT", "OpenSSL", "PostgreSQL").
TECH_SHAPE = re.compile(r"[a-z][A-Z]{2,}")


def label_word(doc: Any, i: int) -> bool:
    """The word ends a label: "**PR Lockdown:** ...", "Goal: ..." (a colon right after)."""
    return (
        i + 1 < len(doc)
        and doc[i + 1].text == ":"
        and doc[i + 1].idx == doc[i].idx + len(doc[i].text)
    )


INITIAL = re.compile(r"^[A-Z]\.$")


def after_particles(doc: Any, i: int, p: People) -> int:
    while i < len(doc) and norm(doc[i].text) in p.particles:
        i += 1
    return i


def surname_next(doc: Any, i: int, p: People) -> bool:
    j = after_particles(doc, i, p)
    return j < len(doc) and _capitalised(doc[j])


__all__ = [
    "INITIAL",
    "TECH_SHAPE",
    "NameContext",
    "after_particles",
    "coordinated_names",
    "in_thing_list",
    "is_seed",
    "is_thing",
    "label_word",
    "listed_with_things",
    "member_span",
    "name_context",
    "org_context",
    "product_use",
    "surname_next",
    "thing_tail",
    "unknown_name",
    "wide_name_ok",
]
