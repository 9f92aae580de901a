"""Inline suppression comments, markdownlint-style, with unused ones reported (like RUF100).

    <!-- blamelint-disable [RULE ...] -->            until a matching enable (or the end)
    <!-- blamelint-enable [RULE ...] -->
    <!-- blamelint-disable-line [RULE ...] -->       the comment's own line(s)
    <!-- blamelint-disable-next-line [RULE ...] -->  the next non-blank line
    <!-- blamelint-disable-file [RULE ...] -->       the whole file

RULE is a code (BL103) or a name (placeholder); none means every rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from blamelint.document.model import Document
from blamelint.rules.model import Rule, find_rule

_DIRECTIVE = re.compile(
    r"^\s*blamelint-(?P<verb>disable-next-line|disable-line|disable-file|disable|enable)\b"
    r"(?P<rules>[^\n]*?)\s*$",
    re.DOTALL,
)


@dataclass
class Suppression:
    verb: str
    rules: frozenset[str] | None  # rule codes; None = all rules
    first_line: int
    last_line: int
    offset: int
    end: int
    unknown: tuple[str, ...] = ()
    used: set[str] = field(default_factory=set)
    # Rules an `enable` turned back on inside a `disable` of every rule.
    excluded: frozenset[str] = frozenset()
    # The rest of a block after a partial `enable`: it shares `used` with the block it
    # continues and is never reported on its own.
    continuation: bool = False
    # An `enable` that matched no open block (reported as unused).
    unmatched: bool = False

    def covers(self, code: str, line: int) -> bool:
        in_rules = (self.rules is None or code in self.rules) and code not in self.excluded
        return in_rules and self.first_line <= line <= self.last_line


def parse_suppressions(doc: Document, rules: Iterable[Rule]) -> list[Suppression]:
    rules = tuple(rules)
    total_lines = len(doc.line_starts)
    result: list[Suppression] = []
    open_blocks: list[Suppression] = []
    for comment in doc.comments:
        match = _DIRECTIVE.match(comment.text)
        if not match:
            continue
        verb = match.group("verb")
        names = [n for n in re.split(r"[\s,]+", match.group("rules")) if n]
        codes, unknown = set(), []
        for name in names:
            rule = find_rule(name, rules)
            (codes.add(rule.code) if rule else unknown.append(name))
        selected = frozenset(codes) if names else None
        last_comment_line = doc.position(comment.end)[0]
        if verb == "enable":
            matched = _enable(open_blocks, result, selected, comment.line, total_lines)
            if not matched or unknown:
                result.append(
                    Suppression(
                        verb,
                        selected,
                        comment.line,
                        comment.line,
                        comment.offset,
                        comment.end,
                        tuple(unknown),
                        unmatched=not matched,
                    )
                )
            continue
        if verb == "disable-line":
            first, last = comment.line, last_comment_line
        elif verb == "disable-next-line":
            first = last_comment_line + 1
            while first < total_lines and not doc.line_text(first).strip():
                first += 1
            last = first
        elif verb == "disable-file":
            first, last = 1, total_lines
        else:
            first, last = comment.line, total_lines
        suppression = Suppression(
            verb, selected, first, last, comment.offset, comment.end, tuple(unknown)
        )
        if names and not codes:
            suppression.rules = frozenset()
        result.append(suppression)
        if verb == "disable":
            open_blocks.append(suppression)
    return result


def _enable(
    open_blocks: list[Suppression],
    result: list[Suppression],
    selected: frozenset[str] | None,
    line: int,
    total_lines: int,
) -> bool:
    """Close what `enable` names; a block that silenced more goes on for the rest."""
    matched = False
    for block in list(open_blocks):
        if selected is not None:
            if block.rules is not None and not (block.rules & selected):
                continue
            if block.rules is None and selected <= block.excluded:
                continue
        matched = True
        block.last_line = line
        open_blocks.remove(block)
        if selected is None:
            continue
        rest = Suppression(
            block.verb,
            None if block.rules is None else block.rules - selected,
            line + 1,
            total_lines,
            block.offset,
            block.end,
            (),
            block.used,
            excluded=block.excluded | selected if block.rules is None else frozenset(),
            continuation=True,
        )
        if rest.rules is None or rest.rules:
            result.append(rest)
            open_blocks.append(rest)
    return matched
