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

try:
    import re._parser as sre_parse
except ImportError:  # (a Python whose private parser moved: placeholders run without the test)
    sre_parse = None  # type: ignore[assignment]


@cache
def _patterns() -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    data = load_data("data/placeholders.yaml")
    alternatives = "|".join(f"(?:{p})" for p in data["patterns"])
    inline = re.compile(_with_first_character_test(data["patterns"], alternatives))
    samples = tuple(re.compile(p) for p in data.get("sample_text", ()))
    questions = tuple(re.compile(p) for p in data.get("bare_questions", ()))
    return inline, samples, questions


def _with_first_character_test(patterns: list[str], alternatives: str) -> str:
    """`alternatives` behind a lookahead for the characters a match can start with.

    Without it the engine tries every alternative at every position of the text; with it one
    class test rejects almost all positions (the matches are the same: the class holds every
    character any pattern can start with). When a pattern's first character can't be told
    (it may match empty, or starts with a class escape), `alternatives` is returned as is.
    """
    exact: set[str] = set()
    folded: set[str] = set()  # first characters of case-insensitive patterns
    for pattern in patterns:
        try:  # (Python's own regex parser: a private module, so any surprise means "can't tell")
            parsed = sre_parse.parse(pattern)
            first = _first_characters(list(parsed), bool(parsed.state.flags & re.IGNORECASE))
        except (AttributeError, NameError, TypeError, ValueError, re.error):
            first = None
        if first is None:
            return alternatives
        for chars, ignore_case in first:
            (folded if ignore_case else exact).update(chars)
    classes = [f"[{''.join(map(re.escape, sorted(chars)))}]" for chars in (exact, folded) if chars]
    if folded:
        classes[-1] = f"(?i:{classes[-1]})"
    return "(?=" + "|".join(classes) + f")(?:{alternatives})"


def _first_characters(
    items: list[tuple[object, object]], ignore_case: bool
) -> list[tuple[set[str], bool]] | None:
    """The characters a match of the parsed pattern `items` can start with, as (characters,
    case-insensitive) groups; None when they can't be told for sure."""
    for op, value in items:
        if op is sre_parse.AT:  # \b, ^: zero-width, the next item consumes the first character
            continue
        if op is sre_parse.LITERAL:
            return [({chr(value)}, ignore_case)]
        if op is sre_parse.IN:
            chars: set[str] = set()
            for member, argument in value:
                if member is sre_parse.LITERAL:
                    chars.add(chr(argument))
                elif member is sre_parse.RANGE and argument[1] - argument[0] < 256:
                    chars.update(map(chr, range(argument[0], argument[1] + 1)))
                else:  # negated sets, categories (\w) and wide ranges: not told
                    return None
            return [(chars, ignore_case)]
        if op is sre_parse.SUBPATTERN:
            _, add_flags, del_flags, pattern = value
            inner = ignore_case or bool(add_flags & re.IGNORECASE)
            return _first_characters(list(pattern), inner and not del_flags & re.IGNORECASE)
        if op is sre_parse.BRANCH:
            groups: list[tuple[set[str], bool]] = []
            for branch in value[1]:
                first = _first_characters(list(branch), ignore_case)
                if first is None:
                    return None
                groups.extend(first)
            return groups
        if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT) and value[0] >= 1:
            return _first_characters(list(value[2]), ignore_case)
        return None
    return None  # only zero-width items: the pattern can match the empty string


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
