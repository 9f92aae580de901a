"""Whether a name candidate is used as an organisation, from its own sentence.

`people.doc_names` drops a candidate that the sentence treats as a company: it owns staff,
customers or systems ("Bluebird's pilots", "Dufresne ... ses abonnés"), "its" or "itself"
takes it up, or "it" takes it up after a reporting verb ("Corvus says it now blocks risky
commands"). `note_org` remembers such names so that the whole document drops their other
mentions (rules/kinds/names.py).

Works on spaCy Docs through their attributes only; spaCy is never imported here. The words
live in rules/wordlists/tech-names.yaml (org_possessions, org_reporting).
"""

from __future__ import annotations

from typing import Any

from .lexicon import People, norm
from .name_context import NameContext, unknown_name

_PERSONAL = frozenset({"he", "she", "his", "her", "him", "hers", "himself", "herself"})
_PERSONAL |= frozenset({"they", "them", "their", "themselves", "i", "my", "we", "our"})
# French possessives name a person's belongings as well as a company's ("ses collègues",
# "ses abonnés"): only an organisation's belongings count, and only for the clause's subject.
_FR_POSSESSIVES = frozenset({"son", "sa", "ses", "leur", "leurs"})


def _capitalised(token: Any) -> bool:
    text = token.text
    return bool(text) and text[0].isupper() and (len(text) == 1 or not text.isupper())


def _sentence(doc: Any, i: int) -> Any:
    return doc[i].sent if doc.has_annotation("SENT_START") else doc[:]


def _its_follows(doc: Any, end: int) -> bool:
    """An English "its" soon after the name, in a sentence with no personal pronoun."""
    sentence = _sentence(doc, end - 1)
    window = [norm(t.text) for t in doc[end : min(end + 10, sentence.end)]]
    if "its" not in window:
        return False
    return not any(norm(t.text) in _PERSONAL for t in sentence)


def owns_as_subject(doc: Any, end: int, p: People) -> bool:
    """A French subject whose sentence then speaks of "ses abonnés", "sa clientèle": a
    company's customers, staff or network (no other subject may own them: one name only)."""
    last = doc[end - 1]
    if p.language != "fr" or last.dep_ not in ("nsubj", "nsubj:pass"):
        return False
    sentence = _sentence(doc, end - 1)
    others = [t for t in doc[end : sentence.end] if t.dep_.startswith("nsubj") and _capitalised(t)]
    if others:
        return False
    return any(
        norm(t.text) in _FR_POSSESSIVES
        and t.head.i > t.i
        and norm(t.head.text) in p.org_possessions
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


__all__ = ["note_org", "organisation", "owns_as_subject"]
