"""Unfilled template text: `{INCIDENT_ID}`, `YYYY-MM-DD`, `TBD`, `Action 1`, a bare `Why?`.

The patterns are data (`rules/data/placeholders.yaml`) and this module is the one place that
reads them: other rules ask `is_placeholder` (the whole value is template text) or
`has_placeholder` (a token anywhere in it) so that one defect gives one finding (a placeholder
value is not also missing, invalid or unreadable).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from blamelint.base.resources import load_data


@cache
def _patterns() -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    data = load_data("data/placeholders.yaml")
    inline = re.compile("|".join(f"(?:{p})" for p in data["patterns"]))
    samples = tuple(re.compile(p) for p in data.get("sample_text", ()))
    questions = tuple(re.compile(p) for p in data.get("bare_questions", ()))
    return inline, samples, questions


def find_placeholders(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every placeholder token in `text`."""
    inline, _, _ = _patterns()
    for match in inline.finditer(text):
        yield match.start(), match.end()


def has_placeholder(text: str) -> bool:
    """True when `text` holds a placeholder token anywhere (`2026-03-01 HH:MM`)."""
    inline, _, _ = _patterns()
    return inline.search(text) is not None


def is_sample_text(text: str) -> bool:
    _, samples, _ = _patterns()
    text = text.strip()
    return any(p.match(text) for p in samples)


def is_bare_question(text: str) -> bool:
    _, _, questions = _patterns()
    text = text.strip()
    return any(p.match(text) for p in questions)


def is_placeholder(text: str) -> bool:
    """True when the whole value is template text left unfilled (or empty of anything else)."""
    text = text.strip().strip("*_`").strip()
    if not text:
        return False
    if is_sample_text(text):
        return True
    inline, _, _ = _patterns()
    rest = inline.sub("", text)
    return not re.sub(r"[\s,;:.\-/()]+", "", rest)
