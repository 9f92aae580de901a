"""Word lists and data files hold words, never YAML 1.1 booleans: an unquoted `on`, `yes` or
`no` in a list is read as True/False and the word silently disappears (French "on", the
English particle "log on", the action status "yes")."""

from __future__ import annotations

from pathlib import Path

import pytest

from blamelint.base.resources import load_data

RULES = Path(__file__).resolve().parent.parent / "rules"
FILES = sorted(
    str(p.relative_to(RULES))
    for folder in ("wordlists", "data")
    for p in (RULES / folder).glob("*.yaml")
)


def _in_lists(value, where=""):
    """Booleans inside lists only (a mapping's `enabled: true` is a real setting)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _in_lists(item, f"{where}/{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, bool):
                yield f"{where}[{i}]"
            else:
                yield from _in_lists(item, f"{where}[{i}]")


@pytest.mark.parametrize("name", FILES)
def test_lists_hold_no_yaml_booleans(name):
    assert list(_in_lists(load_data(name))) == [], f"quote the word in rules/{name}"


def test_french_on_is_a_pronoun():
    from blamelint.nlp.lexicon import grammar, people

    assert "on" in people("fr").pronouns and "on" in grammar().first_person
