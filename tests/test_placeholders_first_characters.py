"""The placeholder regex's first-character lookahead finds exactly what the plain alternation
finds, and steps aside for patterns whose first character it cannot tell."""

from __future__ import annotations

import re

import pytest

from blamelint.base.resources import load_data
from blamelint.document.placeholders import _with_first_character_test

SHIPPED = load_data("data/placeholders.yaml")["patterns"]

TEXTS = [
    "Date: YYYY-MM-DD at HH:MM, owner TBD, ticket {INCIDENT_ID} (TODO: FIXME, XXX).",
    "Durée : à Compléter ; impact À DÉFINIR ; cause à remplir. Lorem Ipsum dolor.",
    "See <insert the graph here> and [fill in the timeline] or [TODO later] <your name>.",
    "yyyy-mm-dd and tbd are lowercase; XXXL, TBDs, {lower} and <img src=x> are not templates.",
    "JJ/MM/AAAA, DD/MM/YYYY, AAAA-MM-JJ, TBC; <date of the fix>; ſ and K and İ stay plain.",
    "",
]


def _plain(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def test_the_shipped_patterns_get_the_lookahead():
    alternatives = "|".join(f"(?:{p})" for p in SHIPPED)
    assert _with_first_character_test(SHIPPED, alternatives).startswith("(?=")


@pytest.mark.parametrize("text", TEXTS)
def test_the_lookahead_finds_what_the_alternation_finds(text):
    alternatives = "|".join(f"(?:{p})" for p in SHIPPED)
    fast = re.compile(_with_first_character_test(SHIPPED, alternatives))
    found = [m.span() for m in fast.finditer(text)]
    assert found == [m.span() for m in _plain(SHIPPED).finditer(text)]


@pytest.mark.parametrize(
    "pattern",
    [r"\w+-TODO", r"(?<!x)TBD", r"[^a]BC", r"x*TBD", r"(?:a|\d)TBD", r"\bx?\b"],
)
def test_a_pattern_whose_first_character_is_not_told_keeps_the_plain_regex(pattern):
    patterns = [r"\bTBD\b", pattern]
    alternatives = "|".join(f"(?:{p})" for p in patterns)
    assert _with_first_character_test(patterns, alternatives) == alternatives
