"""Input limits and hostile input: each case ends with one clear line and a known exit code.

Large files, deep nesting, YAML alias bombs, regex patterns that would backtrack forever:
none may hang, crash or print a traceback.
"""

from __future__ import annotations

from blamelint.config import default_config
from blamelint.engine import document_for


def _many_sections(count: int) -> str:
    return "".join(
        f"{'#' * (1 + i % 3)} Section {i}\n\nText {i} with `code`.\n\n```\nx {i}\n```\n"
        for i in range(count)
    )


def test_bisected_lookups_agree_with_the_plain_definitions():
    """in_code and section ends use bisection and a stack; check them against plain scans."""
    doc = document_for("x.md", _many_sections(300), default_config())
    assert len(doc.code_blocks) == 300 and len(doc.headings) == 300
    for offset in range(0, len(doc.text), 7):
        expected = any(b.offset <= offset < b.end for b in doc.code_blocks)
        assert doc.in_code(offset) is expected
    for index, heading in enumerate(doc.headings):
        later = [h for h in doc.headings[index + 1 :] if h.level <= heading.level]
        assert heading.body_end == (later[0].offset if later else len(doc.text))
    for segment in doc.segments:
        where = segment.offsets[0]
        owner = next((s for s in doc.sections if s.offset <= where < s.body_end), None)
        assert segment.section == (owner.canonical if owner else None)
