"""Plain-text helpers shared by the rule docs and the reporters (no rule knowledge)."""

from __future__ import annotations

import re

# A sentence ends at a full stop followed by a capital, not inside "..." or "e.g. x".
_FIRST_SENTENCE = re.compile(r"(?<=[\w)\]`'\"])\.\s+(?=[A-Z«\"(])")


def first_sentence(text: str) -> str:
    """The first sentence of a description, with its full stop."""
    text = " ".join(text.split())
    end = _FIRST_SENTENCE.search(text)
    return text[: end.start() + 1] if end else text
