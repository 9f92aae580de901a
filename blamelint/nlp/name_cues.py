"""Where a sentence itself says that a proper noun is a person, whatever the NER thinks.

The small models often tag a surname as ORG, PRODUCT or nothing ("Cole", "Sandquist",
"Arlo Penhallow"), and `people.doc_names` does not trust a lone unknown word; these cues are
the evidence that makes one a person:

- an office before it: "NTC chair Arlo Penhallow", "le ministre Marchand";
- a quotation it reports: "“We will be fine tomorrow,” Sandquist said", "..., précise Claessens";
- an English "who" after it: "Cole, who has spent 29 years at the airline";
- a citation: "Moser et al", "Hallberg (1997)";
- a given name in capitals used as a subject: "KAI had no idea the change was flawed";
- a personal role in apposition: "Tove, the intern, had just joined", "from "Q," a senior
  coordinator" (never an organisation noun: "Quorvex, the vendor" stays a company);
- a role it holds: "how good Marwick has been as CEO";
- kin before it: "the mother of Tove", "la mère d'Elyse";
- a lone capital standing for a person as a subject: "Q ended up sending the email"
  (`surname_candidates` and `initial_candidates` below; letters that are words or variables,
  "A", "I", "X", are listed per language in name-context.yaml `not_initials`).

`surname_candidates` adds a lone family name of the wide list (rules/wordlists/surnames.yaml)
as the subject of a verb ("Lindgren accepted that ...", "Okafor and Brandt recognised ...");
the caller still drops it where the sentence or the document says it is a company.

Works on spaCy Docs through their attributes only; spaCy is never imported here. The words
live in rules/wordlists/name-context.yaml (role_titles, speech_verbs).
"""

from __future__ import annotations

import re
from typing import Any

from .docview import tokens, view
from .lexicon import People, grammar, norm
from .name_bots import bot_word
from .name_context import NameContext

_QUOTES = frozenset({'"', "”", "“", "»", "«", "’’", "''"})
_YEAR = re.compile(r"^(?:1[89]|20)\d\d[a-z]?$")


def _proper(token: Any) -> bool:
    text = token.text  # (the spelling before the tag: most words fail it)
    if not (
        text[:1].isupper()
        and (len(text) == 1 or not text.isupper())
        and any(c.isalpha() for c in text)
    ):
        return False
    # A capitalised NOUN inside a sentence is a proper noun the small tagger missed
    # ("précise Vandekerk").
    pos = token.pos_
    return pos in ("PROPN", "X") or (pos == "NOUN" and not token.is_sent_start and token.i > 0)


def _run(doc: Any, i: int) -> tuple[int, int]:
    """The proper-noun run around token i ("Arlo Penhallow" from either word)."""
    made, dep = tokens(doc), view(doc).dep
    start = end = i
    while start > 0 and _proper(made[start - 1]) and dep[start - 1] in ("compound", "flat"):
        start -= 1
    while end + 1 < len(made) and _proper(made[end + 1]) and dep[end] in ("compound", "flat"):
        end += 1
    # A hyphenated surname: "Vasquez-Holt" (no space around the hyphen).
    while (
        end + 2 < len(made)
        and made[end + 1].text == "-"
        and not made[end].whitespace_
        and not made[end + 1].whitespace_
        and _proper(made[end + 2])
    ):
        end += 2
    return start, end + 1


def _quote_before(doc: Any, start: int) -> bool:
    """A quotation closes before the name (not the parser's sentence: the small models
    often split after a closing "»"); « Rien n'indique ... » opens one instead."""
    quotes = [t for t in view(doc).text[max(0, start - 60) : start] if t in _QUOTES]
    if not quotes:
        return False
    last = quotes[-1]
    return last in ("»", "”", "''") or (last == '"' and len(quotes) % 2 == 0)


def _reports_quote(doc: Any, start: int, token: Any, c: NameContext) -> bool:
    """ "...,” Sandquist said", "..., précise Claessens", "..., a reconnu Krüger"."""
    v = view(doc)
    before = v.lower[start - 1] if start else ""
    i = token.i
    subject = v.dep[i] in ("nsubj", "nsubj:pass") and v.lower[v.head[i]] in c.speech_verbs
    if (subject or before in c.speech_verbs) and _quote_before(doc, start):
        return True
    return before in c.speech_verbs and _incise(doc, start)


def _incise(doc: Any, start: int) -> bool:
    """A speech verb set off by a comma before the name, which ends the sentence, inside a
    quotation left open ("«Rien n'a changé, a reconnu Vandermolen."): the speaker's incise."""
    i = start - 2
    if i >= 0 and doc[i].pos_ == "AUX":
        i -= 1  # "a reconnu", "has said"
    if i < 0 or doc[i].text != ",":
        return False
    end = start + 1
    while end < len(doc) and doc[end].pos_ == "PROPN":
        end += 1
    if end < len(doc) and doc[end].text not in (".", "!", "»", "”", '"'):
        return False
    return any(t.text in _QUOTES for t in doc[max(0, start - 60) : i])


def _who_follows(doc: Any, end: int) -> bool:
    """ "Cole, who has spent ...": the relative clause is the name's own, not a list's."""
    v = view(doc)
    i = end + 1 if end < len(v.text) and v.text[end] == "," else end
    if i >= len(v.text) or v.lower[i] != "who":
        return False
    clause = v.head[i]
    return v.dep[clause] == "relcl" and v.head[clause] == end - 1


def _cited(doc: Any, end: int) -> bool:
    nxt = view(doc).lower[end : end + 3]
    if nxt[:2] == ["et", "al"] or nxt[:1] == ["et al."] or nxt[:2] == ["et", "al."]:
        return True
    return len(nxt) == 3 and nxt[0] == "(" and bool(_YEAR.match(nxt[1])) and nxt[2] == ")"


def _acronym(token: Any) -> bool:
    return token.text.isupper() and token.text.isalpha() and len(token.text) > 1


def _caps_given_name(token: Any, p: People, c: NameContext) -> bool:
    text = token.text
    if not (text.isupper() and text.isalpha() and 2 < len(text) <= 8):
        return False
    low = text.lower()
    if low in p.first_names and low in p.common_words:
        # "WILL", "MAY", "MARK" shout a word; a proper-noun subject is a name ("KAI had ...").
        return token.pos_ == "PROPN" and token.dep_ in ("nsubj", "nsubj:pass")
    known = low in p.first_names or low in c.wide_names
    return known and token.dep_ in ("nsubj", "nsubj:pass", "appos", "poss")


def person_roles(p: People, c: NameContext) -> frozenset[str]:
    """Role nouns that only a person holds: no team, group or organisation noun (computed once
    per pair of word lists; the pair is kept with it, so its ids are never reused)."""
    found = _ROLES.get((id(p), id(c)))
    if found is None:
        roles = p.roles - c.org_heads - p.groups - frozenset(grammar().team_words)
        found = _ROLES[(id(p), id(c))] = (p, c, roles)
    return found[2]


_ROLES: dict[tuple[int, int], tuple[Any, Any, frozenset[str]]] = {}


def _role_noun(token: Any, roles: frozenset[str]) -> bool:
    """A personal role noun with its determiner ("the intern", "a senior coordinator", "our
    engineer"); a field label ("(owner: ...)") is none."""
    doc = token.doc
    if token.pos_ not in ("NOUN", "PROPN") or norm(token.text) not in roles:
        return False
    if token.i + 1 < len(doc) and doc[token.i + 1].text == ":":
        return False
    return any(ch.dep_ in ("det", "poss") for ch in token.children)


def _role_apposition(token: Any, roles: frozenset[str]) -> bool:
    """ "Tove, the intern, ...", "the intern, Tove, ...", "from "Q," a senior coordinator"."""
    if any(ch.dep_ == "appos" and _role_noun(ch, roles) for ch in token.children):
        return True
    head = token.head
    return token.dep_ == "appos" and head.i != token.i and _role_noun(head, roles)


def _holds_role(token: Any, roles: frozenset[str], c: NameContext) -> bool:
    """The subject of a clause that gives it a role: "how good Marwick has been as CEO"."""
    if token.dep_ not in ("nsubj", "nsubj:pass") or token.head.i == token.i:
        return False
    v = view(token.doc)  # (the head's children read from the view: no Token made)
    dep, lower = v.dep, v.lower
    preps = [j for j in v.kids[v.head[token.i]] if dep[j] == "prep" and lower[j] == "as"]
    made = tokens(token.doc) if preps else []
    return any(
        dep[o] == "pobj" and (lower[o] in c.role_titles or _role_noun(made[o], roles))
        for prep in preps
        for o in v.kids[prep]
    )


def _addresses_us(token: Any, c: NameContext) -> bool:
    """The subject of a verb that tells or asks the writers something ("Tove signaled us an
    error", "Brannoc told me ...", "Tove nous a signalé"): a person, as a tool is not said to."""
    if token.dep_ not in ("nsubj", "nsubj:pass") or norm(token.head.text) not in c.addressing_verbs:
        return False
    objects = ("dobj", "dative", "iobj", "obj", "expl:pv")
    return any(ch.dep_ in objects and norm(ch.text) in c.addressed for ch in token.head.children)


def _speaks_on_chat(doc: Any, start: int, end: int, p: People, c: NameContext) -> bool:
    """ "suggested by Tove42 on slack", "a note from Brannoc on Discord": someone on a chat
    (not a bot, "Kubebot", nor a tool with a version, "Python3")."""
    lower = view(doc).lower
    if not start or lower[start - 1] not in grammar().person_prepositions:
        return False
    words = [w.rstrip("0123456789") for w in lower[start:end]]
    if any(w in p.tech or bot_word(w) for w in words):
        return False
    if end + 1 >= len(lower) or lower[end] not in c.chat_prepositions:
        return False
    return lower[end + 1] in c.chat_places


def _group_words(run: Any, p: People) -> bool:
    """ "Customer Support told us": a team or the people served, not a person's name."""
    return any(norm(t.text) in p.groups | p.victims | p.roles for t in run)


def _kin_of(doc: Any, start: int, c: NameContext) -> bool:
    """ "the mother of Tove", "la mère d'Elyse": kin before "of" / "de"."""
    lower = view(doc).lower
    if start < 2 or lower[start - 1] not in ("of", "de", "d'", "du"):
        return False
    return lower[start - 2] in c.kin_nouns


def _initial(token: Any, c: NameContext) -> bool:
    """A lone capital that stands for a person ("Q ended up sending ...")."""
    text = token.text
    return len(text) == 1 and text.isupper() and text not in c.not_initials


def initial_candidates(doc: Any, p: People, c: NameContext) -> list[tuple[int, int]]:
    """Lone capitals used as a person: the subject of a verb with nothing attached ("Plan B"
    and "Region C" have a compound; "J. Smith" is an initial of a name), or in apposition
    to a personal role."""
    roles = person_roles(p, c)
    found = []
    texts = view(doc).text
    # (`_initial`'s test on the spelling, before any Token is made)
    capitals = [i for i, text in enumerate(texts) if len(text) == 1 and text.isupper()]
    for i in capitals:
        tok = tokens(doc)[i]
        if not _initial(tok, c) or tok.ent_type_ in _PLACES.get(c.language, frozenset()):
            continue
        if i + 1 < len(texts) and texts[i + 1] in (".", "-", "/", "&"):
            continue  # "J. Smith", "B-tree", "Q&A"
        if any(ch.dep_ in ("compound", "det", "amod", "nummod", "poss") for ch in tok.children):
            continue
        prev = doc[tok.i - 1] if tok.i else None
        if prev is not None and prev.pos_ in ("NOUN", "PROPN", "NUM", "ADJ"):
            continue  # "Plan B", "Zone C", "level 3 A"
        subject = tok.dep_ in ("nsubj", "nsubj:pass", "nsubjpass") and tok.head.pos_ in (
            "VERB",
            "AUX",
        )
        if subject or _role_apposition(tok, roles):
            found.append((tok.i, tok.i + 1))
    return found


def cue_candidates(doc: Any, p: People, c: NameContext) -> list[tuple[int, int]]:
    """Token spans of proper nouns that the sentence itself presents as people."""
    found: list[tuple[int, int]] = []
    roles = person_roles(p, c)
    done = 0  # tokens before this index belong to runs already judged
    v = view(doc)
    texts, lower = v.text, v.lower
    made = tokens(doc)
    # (neither a given name in capitals nor a proper noun is spelt otherwise)
    capitalised = [i for i, text in enumerate(texts) if text[:1].isupper() or text.isupper()]
    for i in capitalised:
        if i < done:
            continue
        if _caps_given_name(made[i], p, c):
            found.append((i, i + 1))
            continue
        if not _proper(made[i]):
            continue
        start, end = _run(doc, i)
        done = end
        before = lower[start - 1] if start else ""
        if start and (texts[start - 1] in ("/", "@") or _acronym(made[start - 1])):
            continue  # "SHN Digital said", "r/CryptoCurrency, who": an organisation's name
        last = made[end - 1]
        if (
            before in c.role_titles
            or _reports_quote(doc, start, last, c)
            or (p.language == "en" and _who_follows(doc, end))
            or _cited(doc, end)
            or _kin_of(doc, start, c)
            or _role_apposition(last, roles)
            or _holds_role(last, roles, c)
            or (
                (_addresses_us(last, c) or _speaks_on_chat(doc, start, end, p, c))
                and not _group_words(doc[start:end], p)
            )
        ):
            found.append((start, end))
    return found


_SUBJECT = frozenset({"nsubj", "nsubj:pass", "nsubjpass"})
# Entity types that veto a family name or an initial: places, in English. ORG is a common
# slip of the small models ("Lindgren said ..."), and so is the French model's LOC and MISC
# ("Lefebvre a reconnu ..."): the surname list holds no big place, so French vetoes nothing.
_PLACES = {"en": frozenset({"GPE", "LOC", "FAC", "NORP"})}


def _surname_subject(token: Any, c: NameContext) -> bool:
    text = token.text
    if not (text[:1].isupper() and text[1:].islower()) or norm(text) not in c.surnames:
        return False
    if token.pos_ != "PROPN" or token.ent_type_ in _PLACES.get(c.language, frozenset()):
        return False
    if any(ch.dep_ in ("det", "compound", "amod") for ch in token.children):
        return False  # "the Halvard report", "Okafor Cloud"
    if token.dep_ in ("compound", "flat", "flat:name"):
        return False  # part of a longer name: judged as the whole
    root = token
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if root.dep_ not in _SUBJECT or root.head.pos_ not in ("VERB", "AUX"):
        return False
    # "Okafor est une société": the subject of a copula with an attribute is judged by it.
    return not any(ch.dep_ in ("attr", "cop") for ch in root.head.children)


def surname_candidates(doc: Any, c: NameContext) -> list[tuple[int, int]]:
    """Lone family names of the wide list as the subject of a verb, alone or coordinated
    ("Lindgren accepted that ...", "Okafor and Brandt continue:")."""
    v = view(doc)  # (a capital first and a listed surname: `_surname_subject`'s first test)
    texts, lower, surnames = v.text, v.lower, c.surnames
    return [
        (i, i + 1)
        for i, low in enumerate(lower)
        if low in surnames and texts[i][:1].isupper() and _surname_subject(tokens(doc)[i], c)
    ]


__all__ = ["cue_candidates", "initial_candidates", "person_roles", "surname_candidates"]
