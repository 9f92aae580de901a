"""Reference-style links ("[text][ref]", "[text]") keep the rest of their paragraph in place:
the reader moves past the brackets, not to the URL in a definition lines below."""

from __future__ import annotations

import pytest

from blamelint.run.lint import lint_text

DEFINITIONS = (
    "\n\n[first report]: https://example.com/a/long/path/to/report\n[ref2]: https://example.com/b\n"
)


@pytest.mark.parametrize(
    "link",
    ["[first report]", "[the report][ref2]", "[first report][]", "**[first report]**"],
)
def test_text_after_a_reference_link_keeps_its_line_and_column(link):
    text = f"The bot posted {link}.\nAfter that I realized I messed up the pool." + DEFINITIONS
    found = [f for f in lint_text(text, language="en") if f.rule == "BL401"]
    line = text.split("\n")[1]
    column = line.index("I messed") + 1
    assert [(f.span.line, f.span.column) for f in found] == [(2, column)]
    assert all(f.span.end_line == 2 for f in found)


def test_inline_link_still_skips_its_url():
    text = "See [the report](https://example.com/tove) then Tove Brandt restarted the pool.\n"
    found = [f for f in lint_text(text, language="en") if f.rule == "BL301"]
    start = text.index("Tove Brandt") + 1
    assert [(f.span.line, f.span.column) for f in found] == [(1, start)]
