"""Per-sentence gates of the blame detectors, declared beside each detector.

Every blame detector is offered every sentence of a segment the blame trigger passes
(`rules.kinds.blame`); most can only yield where one of their own listed words is a token of
the sentence. A detector says so with `@gated(...)`: each argument is a function giving, for a
language, a set of words (as `lexicon.norm` gives them, from the detector's own word lists);
the detector can yield only if *each* set has a word among the sentence's words
(`docview.sentence_words`). The dispatcher then skips it on a sentence its gate misses,
without making its generator.

A gate must be a necessary condition, read off the detector's code: a detector that can fire
without any listed word (a regex over the text, a person found by the parse) declares none and
always runs. A detector that reads the team's words (`wordlists.<key>` in the config) gets
their words added to its first set (`team=True`), so a team's word opens its gate.
`tests/test_detector_gates.py` runs every detector gated and ungated and compares.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, NamedTuple

Words = Callable[[str], Iterable[str]]


class Gate(NamedTuple):
    """A detector's gate for one language: a word of `first` (or a word `pattern` matches)
    and a word of each set of `rest` must be in the sentence."""

    first: frozenset[str]
    rest: tuple[frozenset[str], ...] = ()
    pattern: re.Pattern[str] | None = None
    # A necessary condition the words cannot say, asked last: test(sent, language, names).
    test: Callable[[Any, str, frozenset[int]], bool] | None = None


_GATE = "gate"

# The token that ends a question as written (`docview.ends_with_question_mark`): the gate of
# the detectors that read only questions.
QUESTION = frozenset({"?"})


def gated(
    *words: Words,
    team: bool = False,
    pattern: Callable[[str], re.Pattern[str]] | None = None,
    test: Callable[[Any, str, frozenset[int]], bool] | None = None,
) -> Callable[[Any], Any]:
    """Declare a detector's gate: for each function, one of the words it gives for the
    sentence's language must be in the sentence. `team`: the team's words for the detector
    (its extra argument) join the first set; `pattern`: a word it matches (from the start)
    also meets the first set (`mis_prefix`: "misread", "misconfigured"); `test`: a further
    necessary condition on the sentence (`test(sent, language, names)`, e.g. some token may
    name a person), asked only when the words pass."""
    if not words:
        raise ValueError("a gate needs at least one word set")

    def mark(detector: Any) -> Any:
        setattr(detector, _GATE, (words, team, pattern, test))
        return detector

    return mark


def first_words(phrases: Iterable[tuple[str, ...]]) -> frozenset[str]:
    """The words a phrase list (`agency.phrase_positions`) can start a match with."""
    return frozenset(phrase[0] for phrase in phrases if phrase)


def team_tokens(team: Iterable[str]) -> frozenset[str]:
    """Every piece of the team's words or phrases a tokenizer could make a token of: the
    words, and their parts between non-word characters ("half-baked" -> "half", "baked")."""
    found: set[str] = set()
    for phrase in team:
        for word in phrase.split():
            found.add(word)
            found.update(p for p in re.split(r"[^\w]+", word) if p)
    return frozenset(found)


def gate_of(detector: Any, language: str, team: Iterable[str] = ()) -> Gate | None:
    """The detector's gate for a language (None: no gate, it always runs)."""
    return _gate(detector, language, tuple(team))


@cache  # each window of prose asks again; the unions of word lists cost more than the lookup
def _gate(detector: Any, language: str, team: tuple[str, ...]) -> Gate | None:
    declared = getattr(detector, _GATE, None)
    if declared is None:
        return None
    words, with_team, pattern, test = declared
    sets = [frozenset(w(language)) for w in words]
    if with_team:
        sets[0] = sets[0] | team_tokens(team)
    return Gate(sets[0], tuple(sets[1:]), pattern(language) if pattern else None, test)


def opens(gate: Gate | None, words: frozenset[str]) -> bool:
    """Does the gate let a sentence with these words through?"""
    if gate is None:
        return True
    if words.isdisjoint(gate.first) and not (
        gate.pattern is not None and any(gate.pattern.match(w) for w in words)
    ):
        return False
    return all(not words.isdisjoint(s) for s in gate.rest)


def admits(
    gate: Gate | None, sent: Any, words: frozenset[str], language: str, names: frozenset[int]
) -> bool:
    """Does the gate let this sentence through: its words (`opens`), then its `test`?"""
    if not opens(gate, words):
        return False
    return gate is None or gate.test is None or gate.test(sent, language, names)


__all__ = ["QUESTION", "Gate", "admits", "first_words", "gate_of", "gated", "opens", "team_tokens"]
