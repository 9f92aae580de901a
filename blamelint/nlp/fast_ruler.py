"""The English model's `attribute_ruler`, applied without spaCy's general Matcher.

The ruler maps fine tags (and a few words and dependency labels) to coarse POS, morphology and
lemmas through ~180 token patterns. spaCy runs them through its general `Matcher`, which
cost as much CPU as the parser on the real corpus (issue 15). Every pattern of the shipped
models is a fixed sequence of tokens tested by equality, `IN`, `NOT_IN` or `REGEX` on a
token's own attributes, so a token's matches depend only on those attribute values, and only
on the values some test names: they are worked out once per such shape and kept.

The result is the ruler's own: the same matches, applied in the same order (by pattern index,
then position) with spaCy's own `set_token_attrs`; a token only one-token patterns reach gets
their attributes merged, in that order, in one call. A ruler with any other kind of
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
# What one token's attribute values give: the one-token patterns' attributes merged (None when
# none matches), those patterns' ruler keys, and the slots of longer patterns it satisfies.
_Entry = tuple[dict | None, tuple[int, ...], frozenset[int]]


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
    """An `attribute_ruler` as per-token tests over attribute ids, worked out once per shape
    of a token's values (see `_entry`)."""

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
        self.has_longer = any(length > 1 for _, length, _, _ in owners)
        # A value no test names (no "eq", "in" or "not_in" lists it, no regex matches it) makes
        # every test of its column answer as for any other such value: rows that differ only
        # in such values (mostly the words: LOWER) share one entry, worked out once.
        self.named: list[set[int]] = [set() for _ in attrs]
        self.regexes: list[list[Any]] = [[] for _ in attrs]
        for tests in slots:
            for column, op, arg in tests:
                if op == "regex":
                    self.regexes[column].append(arg)
                else:
                    self.named[column].update((arg,) if op == "eq" else arg)
        self.matched: dict[tuple[int, int], bool] = {}  # (column, value) -> a regex matches
        self.memo: dict[tuple[int, ...], _Entry] = {}
        self.by_shape: dict[tuple[int | None, ...], _Entry] = {}

    def _entry(self, values: tuple[int, ...], strings: Any) -> _Entry:
        """What a token with these attribute values gets from the one-token patterns (their
        attributes merged in the ruler's order: later patterns win), and which slots of longer
        patterns it satisfies."""
        entry = self.memo.get(values)
        if entry is None:
            shape = tuple(
                value if self._tested(column, value, strings) else None
                for column, value in enumerate(values)
            )
            entry = self.by_shape.get(shape)
            if entry is None:
                entry = self.by_shape[shape] = self._work_out(values, strings)
            if len(self.memo) < _MEMO_MAX:
                self.memo[values] = entry
        return entry

    def _tested(self, column: int, value: int, strings: Any) -> bool:
        if value in self.named[column]:
            return True
        if not self.regexes[column]:
            return False
        found = self.matched.get((column, value))
        if found is None:
            text = strings[value]
            found = any(regex.search(text) for regex in self.regexes[column])
            if len(self.matched) < _MEMO_MAX:
                self.matched[(column, value)] = found
        return found

    def _work_out(self, values: tuple[int, ...], strings: Any) -> _Entry:
        candidates = list(self.always)
        for column, value in enumerate(values):
            candidates.extend(self.by_value.get((column, value), ()))
        slots, owners = self.slots, self.owners
        found = [s for s in candidates if all(_passes(t, values, strings) for t in slots[s])]
        keys = tuple(sorted({owners[s][0] for s in found if owners[s][1] == 1}))
        merged: dict = {}
        for key in keys:
            merged.update(self.ruler.attrs[key])
        longer = frozenset(s for s in found if owners[s][1] > 1)
        return (merged or None, keys, longer)

    def __call__(self, doc: Any) -> Any:
        from spacy.attrs import IDS
        from spacy.tokens._retokenize import set_token_attrs

        if not len(doc):
            return doc
        strings = doc.vocab.strings
        rows = doc.to_array([IDS[a] for a in self.attrs]).reshape(len(doc), -1).tolist()
        entries = [self._entry(tuple(row), strings) for row in rows]
        # A token that only one-token patterns reach gets their merged attributes in one call:
        # the ruler sets them match by match (by pattern index, then position), and every
        # attribute it sets belongs to the token alone, so the last value of each is the same.
        touched = self._longer_matches(entries) if self.has_longer else {}
        values = self.ruler.attrs
        for i, (merged, keys, _) in enumerate(entries):
            if i in touched:
                token = doc[i]
                for key, _ in sorted([(key, i) for key in keys] + touched[i]):
                    set_token_attrs(token, values[key])
            elif merged is not None:
                set_token_attrs(doc[i], merged)
        return doc

    def _longer_matches(self, entries: list[_Entry]) -> dict[int, list[tuple[int, int]]]:
        """Token -> (ruler key, match start) of the matches of patterns longer than one token
        that set its attributes."""
        satisfied = [longer for _, _, longer in entries]
        owners, indices, n = self.owners, self.ruler.indices, len(entries)
        touched: dict[int, list[tuple[int, int]]] = {}
        for start, slots in enumerate(satisfied):
            for slot in slots:
                key, length, offset, first = owners[slot]
                if offset or start + length > n:
                    continue
                if all(first + k in satisfied[start + k] for k in range(1, length)):
                    index = indices[key]
                    target = (start if index >= 0 else start + length) + index
                    touched.setdefault(target, []).append((key, start))
        return touched


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
