"""The team roster (`people:` / `people_file:` in config, and `vocabulary.reject`) as one index.

A name matches case-insensitively where it is neither preceded by a word character or `@` nor
followed by a word character (the semantics of one `(?<![\\w@])NAME(?![\\w])` regex per name,
which cost one regex per name per segment: 1,000 names added 4 s to a short document).
Instead, names are grouped by their first word: one pass over the words of a segment, one dict
lookup per word, then a comparison with the few names that begin with that word. The rare
names that begin or end with a non-word character keep a regex each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"\w+")


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what `\w` matches in a str pattern


def _fold(text: str) -> str:
    # Same length as the text (what re.IGNORECASE compares, character by character).
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(c.lower()[:1] or c for c in text)


@dataclass(frozen=True)
class RosterIndex:
    # folded first word -> (roster position, length, folded name)
    by_first_word: dict[str, tuple[tuple[int, int, str], ...]]
    patterns: tuple[re.Pattern[str], ...]  # names that begin or end with a non-word character

    def find(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every roster name in `text`, by position, then roster order."""
        found: list[tuple[int, int]] = []
        if self.by_first_word:
            # As finditer does for one name, a name's matches never overlap each other.
            ends: dict[int, int] = {}
            for word in _WORD.finditer(text):
                start = word.start()
                names = self.by_first_word.get(_fold(word.group()))
                if not names or (start and text[start - 1] == "@"):
                    continue
                for position, length, folded in names:
                    end = start + length
                    if end > len(text) or (end < len(text) and _is_word(text[end])):
                        continue
                    if ends.get(position, 0) <= start and _fold(text[start:end]) == folded:
                        found.append((start, end))
                        ends[position] = end
        for pattern in self.patterns:
            found.extend(m.span() for m in pattern.finditer(text))
        return found


def build(names: Iterable[str]) -> RosterIndex:
    grouped: dict[str, list[tuple[int, int, str]]] = {}
    patterns: list[re.Pattern[str]] = []
    for position, name in enumerate(names):
        name = name.strip()
        if not name:
            continue
        if _is_word(name[0]) and _is_word(name[-1]):
            first = _WORD.match(name)
            assert first is not None  # name[0] is a word character
            grouped.setdefault(_fold(first.group()), []).append((position, len(name), _fold(name)))
        else:
            patterns.append(re.compile(r"(?<![\w@])" + re.escape(name) + r"(?![\w])", re.I))
    return RosterIndex({k: tuple(v) for k, v in grouped.items()}, tuple(patterns))


# Indexes by the identity of the roster object (the config's tuple, the vocabulary's set):
# built once per run, not once per segment. The object is kept so that its id is not reused.
_INDEXES: dict[int, tuple[object, RosterIndex]] = {}


def index_for(names: tuple[str, ...] | frozenset[str]) -> RosterIndex:
    cached = _INDEXES.get(id(names))
    if cached is not None and cached[0] is names:
        return cached[1]
    if len(_INDEXES) > 32:
        _INDEXES.clear()
    index = build(names)
    _INDEXES[id(names)] = (names, index)
    return index
