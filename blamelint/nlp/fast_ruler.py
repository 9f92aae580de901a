"""The English model's `attribute_ruler`, applied without spaCy's general Matcher.

The ruler maps fine tags (and a few words and dependency labels) to coarse POS, morphology and
lemmas through ~180 token patterns. spaCy runs them through its general `Matcher`, which
cost as much CPU as the parser on the real corpus (issue 15). Every pattern of the shipped
models is a fixed sequence of tokens tested by equality, `IN`, `NOT_IN` or `REGEX` on a
token's own attributes, so a token's matches depend only on those attribute values: they are
worked out once per distinct combination and kept.

The result is the ruler's own: the same matches, applied in the same order (sorted by pattern
index, then position) with spaCy's own `set_token_attrs`. A ruler with any other kind of
pattern (operators, extensions, other predicates or attributes) is not compiled: `compile_ruler`
returns None and the engine runs spaCy's component as it is.
"""

from __future__ import annotations

import re
from typing import Any

# Token attributes a compiled pattern may test (read with `Doc.to_array`).
_ATTRS = ("ORTH", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "IS_SPACE", "IS_PUNCT")
_BOOLEAN = frozenset({"IS_SPACE", "IS_PUNCT"})
_MEMO_MAX = 100_000  # distinct attribute combinations kept per ruler

# One test on one attribute of a token: (column, operator, argument); operators "eq" (an id,
# or 0/1 for flags), "in" and "not_in" (frozensets of ids), "regex" (on the value's text).
Test = tuple[int, str, Any]


def _test(column: int, attr: str, value: Any) -> Test | None:
    from spacy.strings import get_string_id

    if attr in _BOOLEAN:
        return (column, "eq", int(value)) if isinstance(value, bool) else None
    if isinstance(value, str):
        return (column, "eq", get_string_id(value))
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((op, arg),) = value.items()
    if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
        return (column, op.lower(), frozenset(get_string_id(v) for v in arg))
    if op == "REGEX" and isinstance(arg, str):
        return (column, "regex", re.compile(arg))
    return None


def _passes(test: Test, values: tuple[int, ...], strings: Any) -> bool:
    column, op, arg = test
    got = values[column]
    if op == "eq":
        return got == arg
    if op == "in":
        return got in arg
    if op == "not_in":
        return got not in arg
    return bool(arg.search(strings[got]))


class FastRuler:
    """An `attribute_ruler` as per-token tests over attribute ids, memoised per combination."""

    def __init__(
        self,
        ruler: Any,
        attrs: list[str],
        slots: list[list[Test]],
        owners: list[tuple[int, int, int, int]],
    ) -> None:
        self.ruler = ruler
        self.attrs = attrs  # the attributes the patterns test: the columns of `to_array`
        self.slots = slots  # one entry per (pattern, token position): its tests
        # Each slot filed under the values one of its "eq" / "in" tests accepts ((column, id) ->
        # slots), the most selective attribute first; slots with neither are always tried.
        order = {a: i for i, a in enumerate(("LOWER", "ORTH", "NORM", "LEMMA", "DEP", "TAG"))}
        self.by_value: dict[tuple[int, int], list[int]] = {}
        self.always: list[int] = []
        for slot, tests in enumerate(slots):
            keyed = [t for t in tests if t[1] in ("eq", "in")]
            if not keyed:
                self.always.append(slot)
                continue
            column, op, arg = min(keyed, key=lambda t: (order.get(attrs[t[0]], 99), t[1] != "eq"))
            for value in (arg,) if op == "eq" else sorted(arg):
                self.by_value.setdefault((column, value), []).append(slot)
        # slot -> (ruler key, pattern length, position of the slot in it, slot of position 0)
        self.owners = owners
        self.memo: dict[tuple[int, ...], frozenset[int]] = {}

    def _satisfied(self, values: tuple[int, ...], strings: Any) -> frozenset[int]:
        found = self.memo.get(values)
        if found is None:
            candidates = list(self.always)
            for column, value in enumerate(values):
                candidates.extend(self.by_value.get((column, value), ()))
            slots = self.slots
            found = frozenset(
                s for s in candidates if all(_passes(t, values, strings) for t in slots[s])
            )
            if len(self.memo) < _MEMO_MAX:
                self.memo[values] = found
        return found

    def __call__(self, doc: Any) -> Any:
        from spacy.attrs import IDS
        from spacy.tokens._retokenize import set_token_attrs

        if not len(doc):
            return doc
        strings = doc.vocab.strings
        rows = doc.to_array([IDS[a] for a in self.attrs]).reshape(len(doc), -1).tolist()
        satisfied = [self._satisfied(tuple(row), strings) for row in rows]
        owners = self.owners
        matches: list[tuple[int, int, int]] = []
        n = len(rows)
        for start, slots in enumerate(satisfied):
            for slot in slots:
                key, length, offset, first = owners[slot]
                if offset or start + length > n:
                    continue
                if all(first + k in satisfied[start + k] for k in range(1, length)):
                    matches.append((key, start, start + length))
        # The ruler's own order: by pattern index (later patterns win), then position.
        matches.sort()
        indices, values = self.ruler.indices, self.ruler.attrs
        for key, start, end in matches:
            index = indices[key]
            set_token_attrs(doc[(start if index >= 0 else end) + index], values[key])
        return doc


def compile_ruler(ruler: Any) -> FastRuler | None:
    """A FastRuler doing what `ruler` does, or None when a pattern is outside what it handles."""
    tested: list[tuple[int, list[dict]]] = []
    try:
        for key in range(len(ruler.attrs)):
            _, patterns = ruler.matcher.get(str(key))
            index = ruler.indices[key]
            for pattern in patterns:
                if not pattern or not -len(pattern) <= index < len(pattern):
                    return None  # spaCy raises on such a match: leave it to spaCy
                tested.append((key, pattern))
    except (AttributeError, KeyError, TypeError, ValueError):
        return None
    used = sorted({attr for _, pattern in tested for token in pattern for attr in token})
    if not set(used) <= set(_ATTRS):
        return None
    columns = {attr: i for i, attr in enumerate(used)}
    slots: list[list[Test]] = []
    owners: list[tuple[int, int, int, int]] = []
    for key, pattern in tested:
        first = len(slots)
        for offset, token in enumerate(pattern):
            tests = []
            for attr, value in token.items():
                test = _test(columns[attr], attr, value)
                if test is None:
                    return None
                tests.append(test)
            slots.append(tests)
            owners.append((key, len(pattern), offset, first))
    return FastRuler(ruler, used, slots, owners)


__all__ = ["FastRuler", "compile_ruler"]
