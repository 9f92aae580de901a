"""Five whys as teams write them: numbered paragraphs, Why? lines, tables, nested lists."""

from __future__ import annotations

import pytest

from blamelint.run.lint import lint_text


def depth_findings(body: str) -> list[str]:
    text = f"# Outage\n\n## Root causes\n\n{body}"
    return [f.message for f in lint_text(text) if f.rule == "BL104"]


FIVE = {
    "numbered paragraphs": "".join(
        f"**{n}.** The step {n} failed because the one below it did.\n\n" for n in range(1, 6)
    ),
    "Why? lines inside a paragraph": (
        "Checkout failed. Why? The pool was exhausted.\nWhy? The driver held connections.\n"
        "Why? Its retry default changed. Why was that missed? The changelog was not read.\n"
        "Why? The upgrade checklist has no driver step.\n"
    ),
    "a table of whys": "| # | Why | Because |\n|---|---|---|\n"
    + "".join(f"| {n} | why {n} | cause {n} |\n" for n in range(1, 6)),
    "nested lists": (
        "- Checkout failed\n  - because the pool was exhausted\n    - because the driver held it\n"
        "      - because its default changed\n        - because nobody reviews driver defaults\n"
    ),
    "French questions": (
        "Pourquoi le paiement a échoué ? Le pool était plein. Pourquoi ? Le pilote gardait "
        "les connexions. Pourquoi ? Son défaut a changé.\nPourquoi personne ne l'a vu ? Le "
        "journal des changements n'est pas lu. Pourquoi ? La liste de contrôle l'ignore.\n"
    ),
}


@pytest.mark.parametrize("body", FIVE.values(), ids=FIVE.keys())
def test_five_whys_in_every_form_are_deep_enough(body):
    assert depth_findings(body) == []


SHALLOW = {
    "two numbered paragraphs": "**1.** The pool was exhausted.\n\n**2.** The driver held it.\n",
    "one question": "Why did it fail? The pool was exhausted, and we raised it.\n",
    "a table of two": "| Why | Because |\n|---|---|\n| a | b |\n| c | d |\n",
    "prose": "The pool was exhausted after the driver upgrade.\n",
}


@pytest.mark.parametrize("body", SHALLOW.values(), ids=SHALLOW.keys())
def test_shallow_analyses_are_still_reported(body):
    (message,) = depth_findings(body)
    assert "at least 5 are expected" in message
