"""Plain-text helpers shared by every part (no rule knowledge).

`fold` is the one text normaliser: how headings, metadata keys, action field names, statuses
and names compare, whatever their case, accents or apostrophes.
"""

from __future__ import annotations

import re
import unicodedata

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def straighten(text: str) -> str:
    """Typographic apostrophes made straight (same length, offsets unchanged)."""
    if text.isascii():  # (no typographic apostrophe; translate maps char by char in Python)
        return text
    return text.translate(APOSTROPHES)


def fold(text: str) -> str:
    """Case-, accent- and apostrophe-insensitive form: "Échéance’s" -> "echeance's".

    Case folded, compatibility characters decomposed (NFKD), combining marks dropped. The
    length may change: fold what you compare, never what you take offsets from.
    """
    if text.isascii():  # no apostrophe to straighten, nothing to decompose: only the case
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", straighten(text).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# A sentence ends at a full stop followed by a capital, not inside "..." or "e.g. x".
_FIRST_SENTENCE = re.compile(r"(?<=[\w)\]`'\"])\.\s+(?=[A-Z«\"(])")


def first_sentence(text: str) -> str:
    """The first sentence of a description, with its full stop."""
    text = " ".join(text.split())
    end = _FIRST_SENTENCE.search(text)
    return text[: end.start() + 1] if end else text
