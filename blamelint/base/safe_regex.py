"""User-written regular expressions that cannot hang a run.

Python's `re` backtracks, and a match cannot be interrupted from Python: `(a+)+$` against
forty `a`s and a `b` runs for minutes. So patterns from a config are checked when the config
loads, and the shapes that backtrack exponentially are refused with a message naming the rule:
- an unbounded repeat inside a repeat that is unbounded or counts to 10 or more: `(a+)+`,
  `(\\w+\\s?)*`, `(.*a){20}`;
- an unbounded repeat of alternatives that can start with the same character: `(a|ab)*`,
  `(x|xy)+` (a character class or one alternative per prefix instead);
- back-references, whose cost no shape test can bound.
The test is conservative (it reads the structure, not the language), and text handed to a
user pattern is a prose segment or a line, never a whole file, which keeps the polynomial
shapes (`\\s*\\s*x`) cheap.
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

from .errors import ConfigError

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_UNBOUNDED = C.MAXREPEAT
_ANY_START = object()  # a branch whose first character could be anything we do not track


class UnsafePattern(ValueError):
    pass


def _unbounded(op: Any, av: Any) -> bool:
    return op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[1] == _UNBOUNDED


def _first_chars(items: Any) -> set[Any]:
    """Characters a sequence can start with; _ANY_START when it could be many or empty."""
    for op, av in items:
        if op == C.LITERAL:
            return {av}
        if op == C.SUBPATTERN:
            return _first_chars(av[-1])
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero-width: look at what follows
        return {_ANY_START}
    return {_ANY_START}


def _overlapping(branches: Any) -> bool:
    seen: set[Any] = set()
    for branch in branches:
        firsts = _first_chars(branch)
        if (_ANY_START in firsts and seen) or firsts & seen or _ANY_START in seen:
            return True
        seen |= firsts
    return False


def _multiplies(op: Any, av: Any) -> bool:
    """A repeat whose count can multiply an inner repeat's choices: unbounded, or {10,} up."""
    return op in (C.MAX_REPEAT, C.MIN_REPEAT) and (av[1] == _UNBOUNDED or av[1] >= 10)


def _scan(items: Any, inside_unbounded: bool) -> str | None:
    for op, av in items:
        if op in (C.GROUPREF, C.GROUPREF_EXISTS):
            return "a back-reference"
        if op in _REPEATS:
            body, unbounded = av[2], _unbounded(op, av)
            if unbounded and inside_unbounded:
                return "a repeat inside a repeat"
            if unbounded:
                for inner_op, inner_av in body:
                    if inner_op == C.BRANCH and _overlapping(inner_av[1]):
                        return "a repeat of alternatives that can match the same text"
                    if inner_op == C.SUBPATTERN:
                        for deep_op, deep_av in inner_av[-1]:
                            if deep_op == C.BRANCH and _overlapping(deep_av[1]):
                                return "a repeat of alternatives that can match the same text"
            found = _scan(body, inside_unbounded or _multiplies(op, av))
        elif op == C.SUBPATTERN:
            found = _scan(av[-1], inside_unbounded)
        elif op == C.BRANCH:
            found = next((r for b in av[1] if (r := _scan(b, inside_unbounded))), None)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            found = _scan(av[1], inside_unbounded)
        else:
            found = None
        if found:
            return found
    return None


def check_pattern(pattern: str, flags: int = 0) -> str | None:
    """Why `pattern` could backtrack catastrophically, or None when its shape is safe."""
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error as exc:
        return f"not a valid regular expression ({exc})"
    return _scan(parsed, False)


def compile_pattern(pattern: str, where: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a pattern from a config, or a ConfigError naming `where` (e.g. 'rules.BL9001')."""
    reason = check_pattern(pattern, flags)
    if reason is not None:
        raise ConfigError(
            f"{where}: pattern {pattern!r} is refused: {reason} can make matching take "
            "forever; rewrite it (a character class instead of alternatives, one repeat level)"
        )
    return re.compile(pattern, flags)
