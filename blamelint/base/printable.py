"""Text from documents made safe to print on a terminal: control characters become escapes.

A postmortem (or its file name) can hold ESC sequences that recolour or rewrite the terminal,
a carriage return that overwrites the line, a newline that splits one finding over two lines,
or bidirectional overrides that reorder what is shown. Text output shows each of them as a
visible escape (`\\x1b`, `\\n`, `\\u202e`) instead; every other character is left alone.
"""

from __future__ import annotations

import re

# C0 controls and DEL, C1 controls, and the bidirectional embedding/override/isolate marks.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character shown as an escape (one line, nothing hidden)."""
    return _UNSAFE.sub(_escape, text)
