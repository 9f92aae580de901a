"""Who a credit cue names when the credited is an owner's group ("thanks to Maria's team").

The name after "thanks to" may carry a possessive: the person is the owner ("Maria", without
the "'s"), unless the owner is one word that no list knows as a given or family name and what
it owns is a group of people (team, staff, engineers): then it is a company ("thanks to
KFrog's team for finding the leak"). Words: rules/wordlists/name-context.yaml
`credited_groups`.
"""

from __future__ import annotations

import re
from functools import cache

from blamelint.base.resources import load_data
from blamelint.nlp.lexicon import People, norm, word_set
from blamelint.nlp.name_context import name_context

_POSSESSIVE = re.compile(r"['’]s$")


@cache
def _credited_groups() -> frozenset[str]:
    return word_set((load_data("wordlists/name-context.yaml") or {}).get("credited_groups"))


def _known_name(word: str, p: People) -> bool:
    """A curated given name, a wide-list given name or a listed family name."""
    c = name_context(p.language)
    low = norm(word)
    return low in p.first_names or low in c.wide_names or low in c.surnames


def credited_owner(text: str, start: int, name: str, p: People) -> str | None:
    """The name to report for the credit cue's `name` found at `start` in `text`: itself,
    its owner without the possessive, or None for a company's group."""
    owner = _POSSESSIVE.sub("", name)
    if owner == name:
        return name
    after = text[start + len(name) :].split(None, 1)
    group = bool(after) and norm(after[0].strip(".,;:!?")) in _credited_groups()
    if group and " " not in owner.strip() and not _known_name(owner, p):
        return None
    return owner
