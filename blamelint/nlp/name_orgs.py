"""Whether a name candidate is used as an organisation, from its own sentence.

`people.doc_names` drops a candidate that the sentence treats as a company: it owns staff,
customers or systems ("Bluebird's pilots", "Dufresne ... ses abonnés"), "its" or "itself"
takes it up, or "it" takes it up after a reporting verb ("Corvus says it now blocks risky
commands"); one that is in a system's state ("Corvus Relay was offline") is a service.
`note_org` remembers such names so that the whole document drops their other
mentions (rules/kinds/names.py).

Works on spaCy Docs through their attributes only; spaCy is never imported here. The words
live in rules/wordlists/tech-names.yaml (org_possessions, org_reporting).
"""

from __future__ import annotations

from typing import Any

from .lexicon import People, norm, org_words
from .name_context import NameContext, name_context, unknown_name


def _capitalised(token: Any) -> bool:
    text = token.text
    return bool(text) and text[0].isupper() and (len(text) == 1 or not text.isupper())


def _sentence(doc: Any, i: int) -> Any:
    return doc[i].sent if doc.has_annotation("SENT_START") else doc[:]


def _its_follows(doc: Any, end: int) -> bool:
    """An English "its" soon after the name, in a sentence with no personal pronoun."""
    sentence = _sentence(doc, end - 1)
    window = [norm(t.text) for t in doc[end : min(end + 10, sentence.end)]]
    if not org_words("en").owner_pronouns.intersection(window):
        return False
    personal = name_context("en").personal_pronouns
    return not any(norm(t.text) in personal for t in sentence)


def owns_as_subject(doc: Any, end: int, p: People) -> bool:
    """A French subject whose sentence then speaks of "ses abonnés", "sa clientèle": a
    company's customers, staff or network (no other subject may own them: one name only).
    French possessives name a person's belongings as well ("ses collègues"): only an
    organisation's belongings count (tech-names.yaml org_possessions)."""
    last = doc[end - 1]
    possessives = name_context(p.language).possessives
    if not possessives or last.dep_ not in ("nsubj", "nsubj:pass"):
        return False
    sentence = _sentence(doc, end - 1)
    others = [t for t in doc[end : sentence.end] if t.dep_.startswith("nsubj") and _capitalised(t)]
    if others:
        return False
    return any(
        norm(t.text) in possessives and t.head.i > t.i and norm(t.head.text) in p.org_possessions
        for t in doc[end : sentence.end]
    )


def organisation(doc: Any, start: int, end: int, p: People) -> bool:
    """A name used as a company: it owns staff or systems, "its" or "itself" takes it up, or
    "it" takes it up after a reporting verb ("Corvus says it now blocks risky commands")."""
    last = doc[end - 1]
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and norm(nxt.text) in ("'s", "'"):
        owned = last.head if last.dep_ == "poss" else None
        if owned is not None and norm(owned.text) in p.org_possessions:
            return True
    if nxt is not None and norm(nxt.text) == "itself":
        return True  # "a licence that Brindle itself had let lapse"
    if _its_follows(doc, end):
        return True  # "for Corvus: its flagship app", "Bluebird and the collapse of its systems"
    if owns_as_subject(doc, end, p):
        return True  # "Dufresne a promis que tous ses abonnés ..."
    head = last.head
    if last.dep_ in ("nsubj", "nsubj:pass") and norm(head.text) in p.org_reporting:
        for clause in head.children:
            if clause.dep_ in ("ccomp", "parataxis") and any(
                norm(c.text) in ("it", "il", "elle") and c.dep_ in ("nsubj", "nsubjpass")
                for c in clause.children
            ):
                return True
    return False


def _span_root(doc: Any, start: int, end: int) -> Any:
    """The token of the span that hangs outside it (UD heads "Dorvan Meetly" on "Dorvan")."""
    for tok in doc[start:end]:
        if not start <= tok.head.i < end or tok.head.i == tok.i:
            return tok
    return doc[end - 1]


def system_state(doc: Any, start: int, end: int, c: NameContext) -> bool:
    """The subject of a system's state: "Corvus Relay was offline", "Pellam went down",
    "Opaline était indisponible" (name-context.yaml `system_states`)."""
    last = _span_root(doc, start, end)
    if last.dep_ not in ("nsubj", "nsubj:pass") or last.head.i == last.i:
        return False
    head = last.head
    if norm(head.text) in c.system_states:
        return True  # UD: the adjective heads its copula ("était indisponible")
    if head.lemma_ not in c.state_verbs and norm(head.text) not in c.state_verbs:
        return False  # the lemmatizer may not have run: its forms count too
    return any(
        ch.dep_ in ("acomp", "prt", "advmod", "attr", "xcomp") and norm(ch.text) in c.system_states
        for ch in head.children
    )


def note_org(
    doc: Any, start: int, end: int, p: People, c: NameContext, orgs: set[str] | None
) -> None:
    """Remember an organisation's name words that are no given name ("Corvus" of "Corvus
    Workspace"): the document names the company, not a person, wherever it repeats them."""
    if orgs is None:
        return
    words = [t for t in doc[start:end] if _capitalised(t) and unknown_name(t, p, c)]
    if len(words) == end - start:
        orgs.add(doc[start:end].text)
    if words and unknown_name(doc[start], p, c):
        orgs.add(doc[start].text)


__all__ = ["note_org", "organisation", "owns_as_subject", "system_state"]
