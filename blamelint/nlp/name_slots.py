"""Where a given name that is also an everyday word ("Nick", "Bob", "Dana") stands for a
person although the parse gives it no person's role (BL301):

- a chat speaker: the word opens its line (after list markers, emoji or a time), a colon
  follows it at once, and what follows is speech: a first- or second-person pronoun or a
  chat word ("Nick: we're rolling back", "Bob: ok, done"). A label opens a line the same way
  but is followed by a value ("Max: 200 connections", "Weapon: a flood of retries"), and a
  word that is no given name is never a speaker;
- someone introduced by their team: "Bob from the networking team helped", "Dana de l'équipe
  stockage a aidé" (the word, then `team_prepositions` and, within a few words, a team word).

The parse sees a paragraph's lines joined ("Timeline Nick: we ..."), so speakers are also
read on the document's own lines (`line_slots`, for the names kind).

Words: name-context.yaml `speech_openers`, `team_prepositions`; team words are grammar.yaml's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from .docview import doc_text
from .lexicon import from_wordlist, grammar, language_of, norm, people


@dataclass(frozen=True)
class SlotWords:
    speech_openers: frozenset[str] = frozenset()
    team_prepositions: frozenset[str] = frozenset()


@cache
def slot_words(language: str) -> SlotWords:
    return from_wordlist(SlotWords, "name-context.yaml", language)


# How many words after the preposition the team word may come ("from the core networking team").
_TEAM_REACH = 5


def speaker_or_member(token: Any) -> bool:
    return chat_speaker(token) or team_member(token)


def chat_speaker(token: Any) -> bool:
    doc = token.doc
    i = token.i
    if i + 2 >= len(doc) or doc[i + 1].text != ":":
        return False
    text = doc_text(doc)
    if text[token.idx + len(token.text) : doc[i + 1].idx].strip(" \u00a0\u202f"):
        return False  # (a space may stand before the colon, as French writes it)
    line_start = text.rfind("\n", 0, token.idx) + 1
    lead = text[line_start : token.idx]
    if any(ch.isalpha() for ch in lead):
        return False  # not the first word of its line
    sw = slot_words(language_of(token))
    line_end = text.find("\n", token.idx)
    end = len(text) if line_end < 0 else line_end
    after = [t for t in doc[i + 2 :] if t.idx < end][:3]
    return any(norm(t.text) in sw.speech_openers for t in after)


def team_member(token: Any) -> bool:
    doc = token.doc
    i = token.i
    sw = slot_words(language_of(token))
    if i + 2 >= len(doc) or norm(doc[i + 1].text) not in sw.team_prepositions:
        return False
    teams = grammar().team_words
    for t in doc[i + 2 : min(len(doc), i + 2 + _TEAM_REACH)]:
        if norm(t.text) in teams:
            return True
        if t.is_punct or (t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound")):
            return False  # ("the networking team": a participle as modifier goes on)
    return False


# A chat line: list or quote markers, an emoji or a time, then "Name:" (bold or not) and speech.
_LINE = re.compile(
    r"^[ \t]*(?:[-*+>][ \t]+)*(?:[^\w\s]+[ \t]*)?(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]+)?"
    r"(?:\*\*)?(?P<name>[^\W\d_][^\W\d_'’-]+)(?:\*\*)?[ \t\u00a0\u202f]?:(?:\*\*)?[ \t]+"
    r"(?P<rest>[^\n]*)",
    re.M,
)
_SPEECH = re.compile(r"\w+['’]?\w*")


def line_slots(
    text: str, language: str
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """What opens the lines of `text`, read once for both lists of (start, end, word):
    - speakers: given names (the curated list) speaking on their own line ("Nick: we're
      rolling back", "- 10:42 **Dana:** ok, done");
    - labels: a word and a colon with no speech after it, that is no given name or is one
      that is also an everyday word ("Weapon: a flood of retries", "Max: 200 connections");
      "Priya: restarted the pods" keeps its name."""
    p = people(language)
    openers = _line_openers(text, language)
    speakers = [(a, b, name) for a, b, name, speaks in openers if speaks]
    labels = [
        (a, b, word)
        for a, b, word, speaks in openers
        if not speaks and (norm(word) not in p.first_names or norm(word) in p.common_words)
    ]
    return speakers, labels


def _line_openers(text: str, language: str) -> list[tuple[int, int, str, bool]]:
    p, sw = people(language), slot_words(language)
    found = []
    for match in _LINE.finditer(text):
        name = match.group("name")
        if not name[:1].isupper():
            continue
        words = [norm(w) for w in _SPEECH.findall(match.group("rest"))[:3]]
        speaks = norm(name) in p.first_names and any(w in sw.speech_openers for w in words)
        found.append((match.start("name"), match.end("name"), name, speaks))
    return found
