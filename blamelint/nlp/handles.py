"""Handles without @ that a postmortem writes where only a person can stand.

A nick ("jdoe", "PaulRenko") is no dictionary word and no known given name, so neither the NER
nor the given-name lists find it. Two places make it a person, with the parse's help:

- the subject of a timed timeline entry, right after its time ("- 14:57 jdoe restarted the
  pool", "| 10:42 | mkrause paged the database team");
- the subject of a verb inside a chat-log message ("<ana> before jdoe initiated the switch").

The word must look like a handle (all lowercase of four letters or more, or camelCase with an
inner capital), must be no English word (the model's own lemmatizer index, WordNet's lists),
no technology, organisation, role or team word, and must not be used by the document as a
thing (in code, in a URL, or lowercase elsewhere for a camelCase word). Where the model ships
no such index, nothing is found: without a dictionary the test is not precise enough.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from blamelint.base.resources import load_data
from blamelint.nlp.docview import tokens, view
from blamelint.nlp.lexicon import People, fold, grammar, norm

_LOWER = re.compile(r"[a-z][a-z_]{3,30}")
_CAMEL = re.compile(r"[A-Z]?[a-z]+(?:[A-Z][a-z]+)+[A-Za-z]*")
# What may precede the subject on a timeline line: list or table marker, bold, a time with an
# optional zone, then a separator ("- **14:57 UTC** - ", "| 10:42 |", "10:42:07:").
_TIMED = re.compile(
    r"[ \t]*(?:[-*+][ \t]+|\|[ \t]*)?(?:\*\*|__)?\[?\d{1,2}:\d{2}(?::\d{2})?\]?"
    r"(?:[ \t]*(?:[AaPp]\.?[Mm]\.?|UTC|GMT|[A-Z]{2,4}T|Z))?(?:\*\*|__)?[ \t]*[-–—:|]?[ \t]*"
)
# Unknown words get any noun or adjective tag ("morlest" reads as a superlative).
_TAGS = frozenset({"NNP", "NN", "NNS", "JJ", "JJS", "JJR"})
# The entry's time and zone often hang on its subject in the parse ("10:42 UTC jdoe").
_STAMP = re.compile(r"[\d:.]+|UTC|GMT|[A-Z]{2,4}T|Z|[AaPp]\.?[Mm]\.?")
_MODIFIERS = frozenset({"det", "amod", "compound", "poss", "nummod", "advmod", "nmod"})
# A segment whose text opens with a time may hold a lowercase subject handle.
_TIMED_TEXT = re.compile(r"\s*\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s+[a-z]")
_OTHER_ENTITIES = frozenset({"ORG", "GPE", "PRODUCT", "NORP", "LOC", "FAC", "WORK_OF_ART"})


@cache
def english_words(model: str) -> frozenset[str]:
    """Every word of the lemmatizer index shipped with spaCy model `model` (empty if none)."""
    try:
        import spacy.util
        from spacy.lookups import Lookups
    except ImportError:  # pragma: no cover - spaCy is a dependency
        return frozenset()
    try:
        root = Path(model) if Path(model).is_dir() else spacy.util.get_package_path(model)
    except Exception:  # any failure to locate the model means no dictionary
        return frozenset()
    words: set[str] = set()
    for path in sorted(Path(root).glob("**/lemmatizer/lookups/lookups.bin")):
        lookups = Lookups().from_disk(path.parent)
        if "lemma_index" in lookups.tables:
            for entries in lookups.get_table("lemma_index").values():
                words.update(map(str.lower, map(str, entries)))
            break
    return frozenset(words)


def may_hold_handle(text: str) -> bool:
    """Whether an all-lowercase segment can still hold a subject handle (a timed entry or
    a chat line), so that it is worth analysing."""
    return _TIMED_TEXT.match(text) is not None or "<" in text


def handle_shaped(word: str, dictionary: frozenset[str], p: People) -> bool:
    """A nick rather than a word: no English word, technology or ordinary given name."""
    low = norm(word)
    if not (_LOWER.fullmatch(word) or _CAMEL.fullmatch(word)):
        return False
    if low in dictionary or low.rstrip("s") in dictionary or low.replace("_", "") in dictionary:
        return False
    if low in p.tech or fold(word) in p.tech or low in p.corporate or low in p.roles:
        return False
    if low in p.common_words or low in p.groups or low in grammar().team_words:
        return False
    pieces = [x.lower() for x in re.findall(r"[A-Z]?[a-z]+", word)]
    if "_" in word and all(x in dictionary for x in pieces):
        return False  # "cookie_id", "max_retries": an identifier of English words
    return not any(x in p.groups or x in grammar().team_words for x in pieces)


def _line_prefix(text: str, offset: int) -> str:
    return text[text.rfind("\n", 0, offset) + 1 : offset]


def subject_handles(
    document: Any,
    segments: Any,
    docs: Any,
    chat_lines: set[int],
    p: People,
    dictionary: frozenset[str],
    code: frozenset[str],
    things: frozenset[str],
    urls: frozenset[str],
) -> set[str]:
    """Handles that are the subject of a timed entry or of a verb in a chat message.

    `chat_lines` are the document offsets where chat-log lines start; `code` and `urls` the
    folded words the document writes in code and URLs; `things` its lowercase prose words.
    """
    if not dictionary:
        return set()
    text = document.text
    found: set[str] = set()
    read: list[Any] = []  # the Docs walked
    for segment, doc in zip(segments, docs, strict=False):
        if doc is None:
            continue
        read.append(doc)
        v = view(doc)  # (labels and heads read from the view: no Token made for a head)
        texts, deps, heads = v.text, v.dep, v.head
        made = tokens(doc)
        last_gt: list[int] | None = None
        subjects = [
            i
            for i, dep in enumerate(deps)
            if (dep == "nsubj" or dep == "nsubjpass") and heads[i] >= i
        ]
        for i in subjects:
            word = texts[i]
            if not (_LOWER.fullmatch(word) or _CAMEL.fullmatch(word)):
                continue  # (`handle_shaped`'s first test, before any Token is read)
            if made[heads[i]].pos_ not in ("VERB", "AUX"):
                continue
            tok = made[i]
            # The model calls a camelCase nick an ORG ("QuietMarten also checked"): in a chat
            # message, where people speak of each other, that guess does not veto it.
            entity = tok.ent_type_
            org_nick = entity == "ORG" and _CAMEL.fullmatch(word) is not None
            if entity in _OTHER_ENTITIES and not org_nick:
                continue
            # (the word's own tests before the verb's, which reads its forms and children)
            if tok.is_stop:
                continue  # "with", "until": closed-class words are in no lemma index
            if tok.pos_ not in ("PROPN", "NOUN", "ADJ") or tok.tag_ not in _TAGS:
                continue  # "they", "this", "which": pronouns and determiners are no nicks
            if _system_event(made[heads[i]]):
                continue  # "failover completed", "workerd restarted": a component's event
            a, b = v.starts[i], v.ends[i]
            if b > len(segment.text) or segment.masked(a, b):
                continue
            # A speaker's "<ana>" before the nick is often parsed as its modifier: it is none.
            if last_gt is None:  # per token, the last ">" before it (made once per Doc)
                last_gt, at = [], -1
                for j, t in enumerate(texts):
                    last_gt.append(at)
                    if t == ">":
                        at = j
            speaker = last_gt[tok.i]
            if any(
                c.dep_ in _MODIFIERS and c.i > speaker and not _STAMP.fullmatch(c.text)
                for c in tok.children
            ):
                continue  # "Hash checking", "a very noob", "malicious binaires": a noun phrase
            if any(b in dictionary for b in word_bases(norm(word)) | {norm(tok.lemma_)}):
                continue  # "processes", "checking": an inflected English word
            key = fold(word)
            if key in code or key in urls or (not word.islower() and key in things):
                continue
            if not handle_shaped(word, dictionary, p):
                continue
            at = segment.offsets[a]
            line = text.rfind("\n", 0, at) + 1
            if line in chat_lines or (not org_nick and _TIMED.fullmatch(_line_prefix(text, at))):
                found.add(word)
    if not found:
        return found
    # "slushpool CEO": a word that qualifies a noun is a thing (read once a nick is found).
    modifiers: set[str] = set()
    for doc in read:
        v, made = view(doc), tokens(doc)
        modifiers.update(
            v.text[i]
            for i, dep in enumerate(v.dep)
            if dep == "compound" and made[v.head[i]].pos_ in ("NOUN", "PROPN")
        )
    # "the malware", "a noob": a word the document ever determines is a common noun.
    return {w for w in found - modifiers if not _determined(text, w)}


def word_bases(word: str) -> set[str]:
    """The word and the base forms its inflection may come from (the lemmatizer may not
    have run): "completed" -> complete, "stopped" -> stop, "checking" -> check."""
    forms = {word}
    for suffix, adds in (("ing", ("", "e")), ("ed", ("", "e")), ("es", ("",)), ("s", ("",))):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            forms.update(stem + a for a in adds)
            if len(stem) > 2 and stem[-1] == stem[-2]:
                forms.add(stem[:-1])  # "stopped", "running"
            if suffix in ("ed", "es") and stem.endswith("i"):
                forms.add(stem[:-1] + "y")  # "replied", "diaries"
    return forms


@cache
def _event_verbs() -> tuple[frozenset[str], frozenset[str]]:
    data = load_data("wordlists/name-context.yaml") or {}
    always = frozenset(str(w) for w in data.get("handle_event_verbs") or ())
    alone = frozenset(str(w) for w in data.get("handle_intransitive_events") or ())
    return always, alone


def _system_event(verb: Any) -> bool:
    always, alone = _event_verbs()
    forms = word_bases(verb.text.lower()) | {verb.lemma_.lower()}
    if forms & always:
        return True
    return bool(forms & alone) and not any(c.dep_ in ("dobj", "obj") for c in verb.children)


@cache
def _determiners() -> tuple[str, int]:
    """The determiners as one alternation, and the length of the longest."""
    words = [
        str(w)
        for w in (load_data("wordlists/name-context.yaml") or {}).get("noun_determiners") or ()
    ]
    return "|".join(re.escape(w) for w in words), max(map(len, words), default=0)


def _determined(text: str, word: str) -> bool:
    determiners, longest = _determiners()
    if not determiners:
        return False
    found = re.escape(word) + r"(?![\w])"
    pattern = re.compile(r"(?i)(?<![\w])(?:" + determiners + r")\s+" + found)
    # Searched from every position, the pattern tries each determiner at each character of
    # the document: tried instead where the word stands, from each place a determiner
    # ending at the blanks before it may begin (a match is the same match).
    for match in re.finditer(r"(?i)" + found, text):
        gap = match.start()
        while gap and text[gap - 1].isspace():  # (what `\s` matches)
            gap -= 1
        if gap == match.start():
            continue
        if any(pattern.match(text, k) for k in range(max(0, gap - longest), gap)):
            return True
    return False


# "Lotte Brandt (LotteB on the forums)", "— KestrelFan (@kestrelfan_9)": a display name and a
# handle side by side, one in brackets, that spell the same person.
_PAREN_AFTER = re.compile(r"[ \t]*\([ \t]*(?P<word>[^\W\d_][\w.-]{2,30})(?=[\s),])")
_DISPLAY_BEFORE = re.compile(
    r"(?P<display>(?<![\w@])[A-Z][\w'-]*(?:[ \t][A-Z][\w'-]*){0,3})[ \t]*\([ \t]*$"
)


def _letters(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalpha())


def _spells(handle: str, words: list[str]) -> bool:
    """A handle spelt from a name: a word's first four letters opening it ("lottev" from
    Lotte), an initial and a surname's start ("bkell" from Bo Kellner), or the whole name
    run together ("legroschat75" from Le Gros Chat)."""
    key = _letters(handle)
    parts = [_letters(w) for w in words if len(_letters(w)) >= 3]
    if len(key) < 4 or not parts:
        return False
    if any(key.startswith(x[:4]) for x in parts if len(x) >= 4):
        return True
    if len(parts) > 1 and key[0] == parts[0][0] and parts[-1].startswith(key[1:5]):
        return True
    joined = "".join(parts)
    return len(joined) >= 4 and (key.startswith(joined) or joined.startswith(key))


def paired_handles(text: str, spans: Any) -> list[tuple[int, int]]:
    """Character ranges of the other half of a display-name / handle pair: the bare handle in
    brackets after a person's name, or the display name before an @handle in brackets."""
    found = []
    for span in spans:
        if span.source == "email":
            continue
        if span.source == "handle":
            before = _DISPLAY_BEFORE.search(text, 0, span.start)
            if before is not None and _spells(span.text[1:], before.group("display").split()):
                found.append(before.span("display"))
            continue
        after = _PAREN_AFTER.match(text, span.end)
        if after is not None and _spells(after.group("word"), span.text.split()):
            found.append(after.span("word"))
    return found


# After a person (or a nick already found), an optional "of <Org>", then a list separator and
# a lowercase word: "Ana Lima of Vantor, bkell of Quill Labs, and rtrees of Nimbo".
_OF_ORG = r"(?:[ \t]+of[ \t]+(?:[A-Z][\w.-]*[ \t]?){1,3})?"
_NEXT_ITEM = re.compile(
    _OF_ORG + r"[ \t]*(?:,[ \t]*(?:(?:and|or|&)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)"
    r"(?P<nick>[a-z][a-z_]{3,30})(?![\w@.-])"
)


@cache
def _role_before(roles: frozenset[str]) -> re.Pattern[str]:
    """ "the engineer bkell,", "core team member rtrees]": a singular role noun after a
    determiner or a modifier, then the nick, then the end of the phrase."""
    singular = sorted((r for r in roles if not r.endswith("s")), key=len, reverse=True)
    words = "|".join(re.escape(r) for r in singular)
    return re.compile(
        r"(?<![\w-])(?i:(?:the|a|an|our|their|my|your|team|core|lead|senior|junior)[ \t]+(?:"
        + words
        + r"))[ \t]+(?P<nick>[a-z][a-z_]{3,30})(?=[ \t]*(?:[,.;:)\]!?]|$|[ \t](?:and|who)\b))"
    )


_LIST_GAP = re.compile(
    _OF_ORG + r"[ \t]*(?:,[ \t]*(?:(?:and|or|&)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)"
)
_OF_ORG_NICK = re.compile(
    r"[ \t]+of[ \t]+[A-Z][\w.-]*.{0,40}?(?:,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)"
    r"[a-z][a-z_]{3,30}[ \t]+of[ \t]+[A-Z]"
)


def listed_handles(
    texts: Any,
    spans: Any,
    docs: Any,
    roles: frozenset[str],
    p: People,
    dictionary: frozenset[str],
) -> set[str]:
    """Nicks listed with people ("Ana Lima, bkell of Quill Labs, and rtrees") or named after
    a personal role noun ("core team member rtrees"), in each text of `texts` with the name
    spans of `spans` found in it. A nick is no English word (`handle_shaped`)."""
    if not dictionary:
        return set()
    found: set[str] = set()
    role = _role_before(roles) if roles else None
    for text, names, doc in zip(texts, spans, docs, strict=False):
        people_ = [s for s in names if s.source != "email"]
        # Only a list of people: a person after another one ("Ana Lima, Bo Chen, bkell")
        # or a nick with its organisation ("bkell of Quill Labs").
        ends = [b.end for a, b in pairwise(people_) if _LIST_GAP.fullmatch(text, a.end, b.start)]
        ends += [s.end for s in people_ if _OF_ORG_NICK.match(text, s.end)]
        while ends:
            end = ends.pop()
            item = _NEXT_ITEM.match(text, end)
            if item is None or not handle_shaped(item.group("nick"), dictionary, p):
                continue
            if item.group("nick") not in found:
                found.add(item.group("nick"))
                ends.append(item.end())
        for match in role.finditer(text) if role is not None and doc is not None else ():
            nick = match.group("nick")
            token = doc.char_span(*match.span("nick"))
            if token is None or len(token) != 1 or token[0].is_stop:
                continue  # "people from ...": closed-class words are in no lemma index
            if handle_shaped(nick, dictionary, p) and not word_bases(nick) & dictionary:
                found.add(nick)
    return found
