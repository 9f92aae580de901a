"""Who is a person in a piece of prose: personal names, handles, e-mails, roles, pronouns.

Shared by the names kind (BL301) and the blame kinds (a failure verb blames only when its
subject is a person). Works on spaCy Docs through their attributes only; spaCy is never
imported here. Every evidence source is corrected by curated vocabularies: NER tags "Kafka"
and "Ceph" as PERSON (the tech list drops them) and misses single first names such as
"Priya" or "Chloé" (the first-name list, gated by part of speech, adds them back).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from blamelint.nlp import roster as roster_index

from .docview import doc_text, tokens, view
from .handles import paired_handles
from .lexicon import People, fold, grammar, norm, people
from .name_bots import named_as_bot
from .name_context import (
    TECH_SHAPE,
    coordinated_names,
    is_seed,
    is_thing,
    label_word,
    listed_with_things,
    name_context,
    product_use,
    unknown_name,
    wide_name_ok,
)
from .name_cues import cue_candidates, initial_candidates, surname_candidates
from .name_orgs import note_org, organisation, owns_as_subject, system_state
from .name_placeholders import example_placeholder, personified_product
from .name_slots import chat_speaker, speaker_or_member
from .name_spans import NAME_POS, capitalised, char_span, clause_initial, dated, extend, trim

# Not an npm scope ("@asyncapi/generator") nor a bot account ("@deploy-bot").
HANDLE = re.compile(r"(?<![\w.@/\\-])@[A-Za-z][\w.-]*[A-Za-z0-9](?![\w/-])")
EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
SURNAME_SHAPE = re.compile(r"^[OD]['’][A-Z][a-zà-ÿ]+$")
# A capitalised word with a number after it, as a chat handle is ("Tove42"): a cue may present
# it as a person, where a bare number at a name's edge is an id ("ACT-202") and trimmed.
HANDLE_SHAPE = re.compile(r"^[A-Z][a-zà-ÿ]{2,}\d{1,4}$")
PERSON_LABELS = frozenset({"PERSON", "PER"})
NON_PERSON_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY"})


@dataclass(frozen=True)
class NameSpan:
    start: int
    end: int
    text: str
    source: str  # "ner", "given-name", "title", "handle", "email", "roster"


def _group_like(word: str, p: People) -> bool:
    # "Fibrea_Aide", "AcmeSupport", "sre-team": any part a group word (camelCase split too).
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", word)
    parts = [x for x in re.split(r"[._+-]", spaced.lower()) if x]
    return any(part in p.groups or _run_together(part, p.groups) for part in parts) or not parts


def _run_together(word: str, groups: frozenset[str]) -> bool:
    """ "securityteam", "itsupport", "bugbounty": group words written as one, each of three
    letters or more but for the first ("it", "hr"); a name is never made only of them."""
    if len(word) < 6 or not word.isalpha():
        return False
    ends = {0}
    for i in range(1, len(word) + 1):
        if any(word[j:i] in groups and (i - j >= 3 or j == 0) for j in ends if j < i - 1):
            ends.add(i)
    return len(word) in ends and word not in groups


def regex_names(text: str, p: People) -> list[NameSpan]:
    """@handles and e-mail addresses of individuals (team aliases are not people)."""
    if "@" not in text:
        return []  # (both patterns hold one: each scan of the text costs more than this test)
    found: list[NameSpan] = []
    for match in EMAIL.finditer(text):
        local = match.group().split("@", 1)[0]
        if not _group_like(local, p):
            found.append(NameSpan(match.start(), match.end(), match.group(), "email"))
    taken = [(s.start, s.end) for s in found]
    for match in HANDLE.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        if not _group_like(match.group()[1:], p) and not named_as_bot(text, match.start()):
            found.append(NameSpan(match.start(), match.end(), match.group(), "handle"))
    return found


def roster_names(text: str, names: tuple[str, ...] | frozenset[str]) -> list[NameSpan]:
    """Names from the team's roster (`people:` in config): always flagged, case-insensitive."""
    if not names:
        return []  # (most runs have no roster)
    found = roster_index.index_for(names).find(text)
    return [NameSpan(a, b, text[a:b], "roster") for a, b in found]


def _role_title(doc: Any, start: int, end: int, p: People, c: Any) -> bool:
    """A Title Case role or desk: two words or more ending in a role noun or a desk word
    ("Tech Lead", "Incident Commander", "Customer Support"), none of the words before it a given
    name ("Dana Lead" stays a person; a cue is checked like the NER)."""
    words = [t for t in doc[start:end] if t.text not in ("'s", "’s", "'")]
    if len(words) < 2 or not all(t.text[:1].isupper() for t in words):
        return False
    if norm(words[-1].text) not in p.roles | p.desk_heads:
        return False
    return all(unknown_name(t, p, c) for t in words[:-1])


def _is_tech(words: Sequence[str], p: People, accept: frozenset[str]) -> bool:
    """True when a candidate is a technology / accepted term rather than a person."""
    lowered = [norm(w) for w in words if any(ch.isalnum() for ch in w)]
    if not lowered:
        return True
    joined = " ".join(lowered)
    if joined in p.tech or fold(joined) in p.tech or joined in accept:
        return True
    if len(lowered) > 1 and "".join(lowered) in p.tech:
        return True  # "Victoria Metrics", "Click House": a product's name written apart
    return all(w in p.tech or fold(w) in p.tech or w in accept or w in p.corporate for w in lowered)


def _tagged(doc: Any) -> bool:
    return bool(doc is not None and len(doc) and doc.has_annotation("POS"))


def _given_name_ok(token: Any, p: People, tagged: bool) -> bool:
    """A first-name-list token counts as a name only where it is used as a proper noun."""
    if not token.text[:1].isupper() or token.ent_type_ in NON_PERSON_LABELS:
        return False
    if tagged:
        if token.pos_ not in NAME_POS and not _noun_used_as_name(token):
            return False
        # "Grace period": a proper noun modifying a common noun is a compound, not a person.
        head = token.head
        if token.dep_ == "compound" and head.pos_ == "NOUN" and head.i != token.i:
            # A speaker opening a wrapped line is read as the last line's compound.
            return chat_speaker(token)
        return _acts_as_person(token, p)
    return norm(token.text) not in p.common_words


# Where a given name that is also an everyday word ("Amber", "Bill", "Will", "Grace") can
# stand: as someone who acts, owns or is thanked, not as any object ("set to Amber").
_PERSON_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "poss", "conj", "appos", "agent"})


def _acts_as_person(token: Any, p: People) -> bool:
    if norm(token.text) not in p.common_words:
        return True
    doc = token.doc
    if token.dep_ in _PERSON_DEPS or token.dep_.startswith("flat"):
        return True
    if speaker_or_member(token):
        return True  # "Nick: we're rolling back", "Bob from the networking team helped"
    if token.i + 1 < len(doc) and norm(doc[token.i + 1].text) in ("'s", "'"):
        return True
    if token.i + 1 < len(doc) and capitalised(doc[token.i + 1]):
        return True  # followed by a surname: "Will Turner"
    if token.i + 1 < len(doc) and doc[token.i + 1].tag_ == "VBD":
        return True  # a misparsed subject: "At 21:07 Grace noticed ..."
    return token.dep_ == "pobj" and norm(token.head.text) in grammar().person_prepositions


_SLOT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "poss", "appos", "agent", "vocative"})


def _person_slot(token: Any) -> bool:
    """Where an unknown single word can stand for a person: as a subject, an owner, beside a
    name, after "by"/"with"/"to", never with a determiner ("the Dashboard")."""
    doc = token.doc
    if any(c.dep_ == "det" for c in token.children):
        return False
    if token.i + 1 < len(doc) and norm(doc[token.i + 1].text) in ("'s", "'"):
        return True
    if token.dep_ in _SLOT_DEPS:
        return True
    if token.dep_ == "conj":
        return _person_slot(token.head) if token.head.i != token.i else False
    return token.dep_ in ("pobj", "obl", "nmod") and norm(token.head.text) in (
        grammar().person_prepositions | {"to", "thanks", "for", "pour"}
    )


def _noun_used_as_name(token: Any) -> bool:
    """The small tagger often calls a given name a NOUN ("Grace pushed to prod", "Sven's",
    "d'Amélie"): accept it when it is used as a person would be, without a determiner."""
    doc = token.doc
    if token.i + 1 < len(doc) and norm(doc[token.i + 1].text) == "'s":
        return True
    if token.pos_ != "NOUN" or any(c.dep_ == "det" for c in token.children):
        return False
    if token.dep_ in ("nsubj", "nsubjpass", "poss", "appos", "conj"):
        return True
    return not clause_initial(doc, token.i)


_CUES: dict[tuple[int, int], tuple[Any, Any, frozenset[str]]] = {}


def _token_cues(p: People, c: Any) -> frozenset[str]:
    """The words `doc_names` looks at a token for: a given name (curated or wide), a title
    (made once per pair of word lists, kept with them so their ids are never reused)."""
    found = _CUES.get((id(p), id(c)))
    if found is None:
        found = _CUES[(id(p), id(c))] = (p, c, p.first_names | c.wide_names | p.titles)
    return found[2]


def doc_names(
    doc: Any, p: People, accept: frozenset[str], orgs: set[str] | None = None
) -> list[NameSpan]:
    """Personal names in a spaCy Doc: corrected NER, given names, titles, O'/D' surnames.

    `orgs`, when given, collects the candidates found to be organisations or places here
    (words that are no given name), so that the caller can drop their other mentions."""
    if doc is None or not len(doc):
        return []
    tagged = _tagged(doc)
    c = name_context(p.language)
    candidates: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ in PERSON_LABELS:
            candidates.append((ent.start, ent.end, "ner"))
    lowers = view(doc).lower
    cues = _token_cues(p, c)
    # None of the cases below can apply to another word (and no Token is made for it): a
    # given name or a title, or SURNAME_SHAPE's apostrophe second (`norm` straightens it).
    picked = [i for i, low in enumerate(lowers) if low in cues or low[1:2] == "'"]
    for i in picked:
        low = lowers[i]
        tok = tokens(doc)[i]
        curated = low in p.first_names and _given_name_ok(tok, p, tagged)
        if curated or (tagged and low in c.wide_names and wide_name_ok(tok, p)):
            start, end = extend(doc, tok.i, tok.i + 1, p, tagged)
            candidates.append((start, end, "given-name"))
        elif SURNAME_SHAPE.match(tok.text.replace("’", "'")):
            candidates.append((tok.i, tok.i + 1, "given-name"))
        elif (
            low in p.titles
            and tok.text[:1].isupper()  # "To me Postgres": the pronoun, not the title "Me"
            and not (tok.text.isupper() and tok.text.isalpha())  # "PR Lockdown" is no title
            and tok.i + 1 < len(doc)
            and capitalised(doc[tok.i + 1])
        ):
            start, end = extend(doc, tok.i + 1, tok.i + 2, p, False)
            candidates.append((start, end, "title"))
    if tagged:
        candidates += [(a, b, "cue") for a, b in cue_candidates(doc, p, c)]
        candidates += [(a, b, "cue") for a, b in initial_candidates(doc, p, c)]
        candidates += [(a, b, "surname") for a, b in surname_candidates(doc, c)]
    kept: list[tuple[int, int, str]] = []
    for start, end, source in candidates:
        # NER spans may drag in a verb ("Add PgBouncer"); our own extensions are already checked.
        if not (source == "cue" and end - start == 1 and HANDLE_SHAPE.match(doc[start].text)):
            start, end = trim(doc, start, end, p, tagged and source == "ner")
        if start >= end:
            continue
        words = [t.text for t in doc[start:end]]
        if source != "title" and _is_tech(words, p, accept):
            continue
        if end - start == 1 and dated(doc, start):
            continue  # "Jun 4, 2025": a date the NER missed, not the given name "Jun"
        if end - start == 1 and norm(doc[start].text) in c.personal_pronouns:
            continue  # "Hugo and I, who ...": the pronoun a cue caught with the name
        if example_placeholder(doc, start, end, p.language):
            continue  # "i.e. a room admin called Bob set ...": a stock example name
        after = [doc[end].text] if end - start == 1 and end < len(doc) else []
        if personified_product(words + after, p.language, p.tech):
            continue  # "John Mastodon hated the noise": a product as a character
        lowered = [norm(w) for w in words]
        if (
            len(words) > 1
            and any(w in p.tech for w in lowered)
            and not any(w in p.first_names for w in lowered)
        ):
            continue  # "Add PgBouncer": a verb and a tool, no given name
        alpha = [w for w in words if any(c.isalpha() for c in w)]
        acronym = source != "cue"  # a cue says a capitalised word is a person ("KAI, the intern")
        if all(norm(w) in p.roles or (acronym and w.isupper() and len(w) > 1) for w in alpha):
            continue  # "SRE", "DBA", "the Payments team" are roles and teams
        if source != "title" and _role_title(doc, start, end, p, c):
            continue  # "Tech Lead's hypothesis", "Customer Support reported": a role, a desk
        if source == "ner" and not doc[start].text[:1].isupper():
            continue  # lowercase "eu", "john forgot": too unreliable to report
        if source == "ner" and end - start == 1:
            tok = doc[start]
            if "@" in tok.text:
                continue
            # A lone unknown word that NER calls a person at the start of a sentence, heading or
            # table cell is usually a capitalised common word ("Résumé", "Volume plein",
            # "Revert merged"); known given names were already accepted above.
            if unknown_name(tok, p, c) and clause_initial(doc, start):
                continue
            if unknown_name(tok, p, c) and (label_word(doc, start) or TECH_SHAPE.search(tok.text)):
                continue  # "PR Lockdown: ...", "RingCT", "OpenSSL": a label or a product
        if (
            source == "ner"
            and tagged
            and end - start == 1
            and unknown_name(doc[start], p, c)
            and not _person_slot(doc[start])
        ):
            continue  # "for the Dashboard", "Linux, Mac, and Windows": a lone word as a thing
        if end - start == 1 and listed_with_things(doc[start], p, lambda w: _is_tech(w, p, accept)):
            continue  # "Linux, Mac and Windows": an item of a list of products
        # A name only the wide list vouches for ("Hartley") is a company when it owns
        # customers as a subject; "its" further on may be anyone's ("Wladimir ... its impact").
        wide = source == "given-name" and _wide_only(words, p)
        if (source in ("ner", "surname") and organisation(doc, start, end, p)) or (
            wide and owns_as_subject(doc, end, p)
        ):
            note_org(doc, start, end, p, c, orgs)
            continue  # "Bluebird's pilots", "Corvus says it ...": a company
        if source == "ner" and any(norm(w) in p.corporate for w in words):
            continue
        unknown = all(unknown_name(t, p, c) for t in doc[start:end])
        if tagged and source != "title" and unknown and system_state(doc, start, end, c):
            note_org(doc, start, end, p, c, orgs)
            continue  # "Corvus Relay was offline": a service
        if tagged and end - start == 1 and source != "title" and product_use(doc[start], p):
            continue
        if tagged and end - start == 1 and not _acts_as_person(doc[start], p):
            continue
        if tagged and source != "title" and is_thing(doc, start, end, p, c):
            note_org(doc, start, end, p, c, orgs)
            continue  # "storage vendor Quorvex", "Toberman County", "vendors such as Brisk"
        # A lone word that is no known given name ("Corvus", "Sentrel", "Bluebird") is more
        # often a company or a product than a surname; a title before it ("Ms Hallam") or
        # a full name elsewhere in the document (names.py) makes it a person.
        lone = source == "ner" and end - start == 1 and unknown_name(doc[start], p, c)
        if lone and (start == 0 or norm(doc[start - 1].text) not in p.titles):
            continue
        kept.append((start, end, source))
    if tagged:
        spans = [(a, b) for a, b, _ in kept]

        surnames = {(a, b) for a, b, source in kept if source == "surname"}

        def seed(a: int, b: int) -> bool:
            return is_seed(doc, a, b, p, c) or (a, b) in surnames

        def thing(a: int, b: int) -> bool:
            return is_thing(doc, a, b, p, c) or _is_tech([t.text for t in doc[a:b]], p, accept)

        pronoun = c.personal_pronouns  # "Maria and I": the pronoun is coordinated, not named
        kept += [
            (a, b, "conj")
            for a, b in coordinated_names(doc, spans, seed, thing)
            if not (b - a == 1 and norm(doc[a].text) in pronoun)
        ]
    found: list[NameSpan] = []
    for start, end, source in kept:
        s, e = char_span(doc, start, end)
        found.append(NameSpan(s, e, doc_text(doc)[s:e], source))
    return found


def _wide_only(words: Sequence[str], p: People) -> bool:
    """No word of the name is a curated given name: only the wide list vouches for it."""
    return not any(norm(w) in p.first_names for w in words)


def ner_decides(doc: Any, language: str) -> bool:
    """Could the NER change `doc_names` on this Doc (tagged and parsed, NER not run yet)?

    An NER span is kept only from a capitalised start that is a proper noun or a given name
    (`trim` then the lowercase check), and `ent_type_` is read only on capitalised given
    names (curated or wide): without such a token the names are the same with or without it.
    """
    if doc is None or not len(doc):
        return False
    if not _tagged(doc.doc):  # a Doc or a sentence of one (a Span)
        return True
    p = people(language)
    wide = name_context(p.language).wide_names
    return any(
        tok.text[:1].isupper()
        and (tok.pos_ in NAME_POS or norm(tok.text) in p.first_names or norm(tok.text) in wide)
        for tok in doc
    )


def merge(spans: Iterable[NameSpan]) -> list[NameSpan]:
    """Overlapping spans collapse into the longest; result sorted by position."""
    result: list[NameSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if result and span.start < result[-1].end:
            if span.end > result[-1].end:
                last = result[-1]
                result[-1] = NameSpan(last.start, span.end, "", last.source)
            continue
        result.append(span)
    return result


def find_names(
    text: str,
    doc: Any,
    language: str,
    *,
    accept: Iterable[str] = (),
    reject: tuple[str, ...] | frozenset[str] = frozenset(),
    roster: tuple[str, ...] | frozenset[str] = (),
    orgs: set[str] | None = None,
) -> list[NameSpan]:
    """Every personal-name span in `text` (doc may be None: then only regex and roster);
    `orgs` collects the organisation names seen (see `doc_names`)."""
    p = people(language)
    accepted = frozenset(norm(a) for a in accept) - frozenset(norm(r) for r in reject)
    spans = regex_names(text, p) + roster_names(text, roster) + roster_names(text, reject)
    taken = [(s.start, s.end) for s in spans]
    for span in doc_names(doc, p, accepted, orgs):
        if not any(a < span.end and span.start < b for a, b in taken):
            spans.append(span)
    spans += [NameSpan(a, b, text[a:b], "display") for a, b in paired_handles(text, spans)]
    merged = merge(spans)
    return [NameSpan(s.start, s.end, text[s.start : s.end], s.source) for s in merged]


__all__ = ["NameSpan", "find_names", "ner_decides", "regex_names"]
