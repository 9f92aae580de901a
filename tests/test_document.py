"""The document model: structure, metadata, and exact positions of every prose character."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from blamelint.base.errors import InputError
from blamelint.document.parse import decode, parse_document

CORPUS = Path(__file__).parent / "data" / "corpus" / "docs"


def locate(doc, needle: str, occurrence: int = 0):
    """(line, column) of `needle` inside the prose, through the segment offset map."""
    seen = 0
    for segment in doc.segments:
        start = segment.text.find(needle)
        while start >= 0:
            if seen == occurrence:
                a, b = segment.source_range(start, start + len(needle))
                assert doc.text[a:b].replace("\n", " ") == needle or needle in doc.text[a:b]
                return doc.position(a)
            seen += 1
            start = segment.text.find(needle, start + 1)
    raise AssertionError(f"{needle!r} not in prose")


def assert_all_chars_map(doc) -> None:
    for segment in doc.segments:
        assert len(segment.offsets) == len(segment.text) + 1
        for i, ch in enumerate(segment.text):
            if segment.masked(i, i + 1) or ch.isspace():
                continue
            assert doc.text[segment.offsets[i]] == ch, (segment.text, i)


def test_nested_lists_positions():
    text = "# T\n\n- one\n  - nested *emphasis* here\n    1. deep Bob item\n- two\n"
    doc = parse_document("x.md", text)
    assert locate(doc, "Bob") == (5, 13)
    assert locate(doc, "emphasis") == (4, 13)
    assert_all_chars_map(doc)


def test_block_quote_positions_and_flag():
    text = "Intro.\n\n> quoted Alice line\n> > deeper Carol\n"
    doc = parse_document("x.md", text)
    assert locate(doc, "Alice") == (3, 10)
    assert locate(doc, "Carol") == (4, 12)
    quoted = next(s for s in doc.segments if "Alice" in s.text)
    assert quoted.quoted


def test_table_cells_positions():
    text = "| Time | Event |\n|---|---|\n| 14:02 | Dana `x` paged |\n"
    doc = parse_document("x.md", text)
    assert locate(doc, "Dana") == (3, 11)
    assert {s.kind for s in doc.segments} == {"table_cell"}


def test_front_matter_lines_are_counted():
    text = "---\ntitle: Outage\ndate: 2026-03-01\nimpact: checkout down\n---\n\n# Title\n\nSam wrote.\n"
    doc = parse_document("x.md", text)
    assert locate(doc, "Sam") == (9, 1)
    assert doc.metadata["date"].value == dt.date(2026, 3, 1)
    assert doc.metadata["date"].line == 3
    assert doc.metadata_line == 1


def test_crlf_positions():
    text = "# Title\r\n\r\nFirst line\r\nsecond Eve line\r\n"
    doc = parse_document("x.md", text)
    assert locate(doc, "Eve") == (4, 8)


def test_tabs_positions():
    text = "-\tfirst\titem Zoe\n-\tsecond\n"
    doc = parse_document("x.md", text)
    line, column = locate(doc, "Zoe")
    assert line == 1
    assert text.split("\n")[0][column - 1 : column + 2] == "Zoe"


@pytest.mark.parametrize(
    ("text", "needle", "expected"),
    [
        ("Café déjà vu by Élodie.\n", "Élodie", (1, 17)),
        ("🚀 launch by Lee\n", "Lee", (1, 13)),
        ("障害の報告 Kim wrote\n", "Kim", (1, 7)),
        ("𝔘𝔫𝔦𝔠𝔬𝔡𝔢 Ana here\n", "Ana", (1, 9)),
    ],
)
def test_non_ascii_columns_count_code_points(text, needle, expected):
    doc = parse_document("x.md", text)
    assert locate(doc, needle) == expected


def test_code_is_not_prose_and_is_masked():
    text = "Run `git log --author=Daniel` now.\n\n```\nDaniel Novak <d@x.com>\n```\n"
    doc = parse_document("x.md", text)
    prose = " ".join(s.text for s in doc.segments)
    assert "Daniel" not in prose
    segment = doc.segments[0]
    start = segment.text.index("code")
    assert segment.masked(start, start + 4)
    assert len(doc.code_blocks) == 1
    assert doc.code_blocks[0].content_line == 4


def test_links_keep_text_and_drop_targets():
    text = "See [the runbook](https://wiki.example.com/Ops/Jenkins) and https://x.example/Bob.\n"
    doc = parse_document("x.md", text)
    prose = doc.segments[0].text
    assert "the runbook" in prose
    assert "wiki.example" not in prose and "x.example" not in prose
    assert locate(doc, "runbook") == (1, 10)
    assert locate(doc, "and") == (1, 57)


def test_html_comments_are_recorded_and_not_prose():
    text = "Text <!-- blamelint-disable-line placeholder --> more.\n\n<!--\nblock\n-->\n"
    doc = parse_document("x.md", text)
    assert [c.line for c in doc.comments] == [1, 3]
    assert "blamelint" not in doc.segments[0].text


def test_escapes_and_entities_map_exactly():
    text = "A \\*literal\\* star &amp; Ann.\n"
    doc = parse_document("x.md", text)
    assert locate(doc, "Ann") == (1, 26)
    assert_all_chars_map(doc)


def test_bold_metadata_both_spacings_and_sections():
    text = (
        "# Post-mortem\n\n**Date** : 2026-01-22\n**Durée**: 53 min\n**Impact:** paiements\n\n"
        "## 2. Chronologie\n\n- 10:00 x\n\n## Causes racines (5 Whys)\n\ntext\n"
    )
    doc = parse_document("x.md", text)
    assert set(doc.metadata) == {"date", "duration", "impact"}
    assert doc.metadata["duration"].raw == "53 min"
    assert doc.metadata["impact"].raw == "paiements"
    assert [s.canonical for s in doc.sections] == ["chronologie", "5whys"]
    assert doc.title is not None and doc.title.title == "Post-mortem"
    assert doc.language == "fr"


def test_setext_heading_and_section_bodies():
    text = "Summary\n=======\n\nBody.\n\nTimeline\n--------\n\n- 10:00 a\n"
    doc = parse_document("x.md", text)
    assert [(s.canonical, s.line) for s in doc.headings] == [("resume", 1), ("chronologie", 6)]


def test_invalid_utf8_names_the_line():
    with pytest.raises(InputError) as info:
        decode("bad.md", b"fine\nalso fine\n\xff\xfe broken\n")
    assert info.value.line == 3
    assert "bad.md:3:" in str(info.value)


def test_binary_is_refused():
    with pytest.raises(InputError, match="binary"):
        decode("img.md", b"\x89PNG\x00\x00")


def test_broken_front_matter_names_the_line():
    with pytest.raises(InputError) as info:
        parse_document("x.md", "---\ntitle: ok\ndate: [unclosed\n---\n# T\n")
    assert info.value.line is not None and info.value.line >= 3


def test_front_matter_alias_bomb_is_refused():
    bomb = "---\na: &a [x, x]\nb: [*a, *a]\n---\n# T\n"
    with pytest.raises(InputError, match="aliases"):
        parse_document("x.md", bomb)


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*/*.md")), ids=lambda p: p.name)
def test_corpus_documents_map_every_character(path):
    doc = parse_document(str(path), path.read_text(encoding="utf-8"))
    assert_all_chars_map(doc)
    # Headings in the model sit on lines that start with '#' in the file.
    for heading in doc.headings:
        assert doc.line_text(heading.line).lstrip().startswith("#")
    assert doc.language == path.parent.name


def test_bold_field_lines_are_separate_segments():
    text = "# T\n\n**Statut** : Brouillon\n**Résolu** : 2026-03-01 14:47 UTC\n\nA plain\nwrapped paragraph.\n"
    doc = parse_document("x.md", text)
    texts = [s.text for s in doc.segments]
    assert "Statut : Brouillon" in texts
    assert "Résolu : 2026-03-01 14:47 UTC" in texts
    assert "A plain wrapped paragraph." in texts
    assert_all_chars_map(doc)
    assert locate(doc, "Résolu") == (4, 3)


def test_tokens_mistune_emits_out_of_order_still_slice_to_their_text():
    # mistune 3 emits the list of this quote before the nested quote that precedes it.
    text = "> > the the\n> - the\n> # the\n\nthe\n\nthe\n\nthe TBD\n"
    doc = parse_document("x.md", text)
    assert_all_chars_map(doc)
    assert locate(doc, "TBD") == (9, 5)


def test_a_huge_paragraph_is_cut_into_bounded_segments():
    from blamelint.document.walk import MAX_SEGMENT

    sentence = "The cache expired and Bob Stone retried. "
    # Ten segments' worth: enough cuts to check the bound, the coverage and the source map.
    text = "# T\n\n" + sentence * (10 * MAX_SEGMENT // len(sentence) + 1) + "\n"
    doc = parse_document("x.md", text)
    assert all(len(s.text) <= MAX_SEGMENT for s in doc.segments)
    assert sum(len(s.text) for s in doc.segments[1:]) >= len(text) - 10
    assert_all_chars_map(doc)


@pytest.mark.slow
def test_huge_paragraph_lints_without_a_traceback():
    from blamelint.run.lint import lint_text

    findings = lint_text("# T\n\n" + "word " * 220000 + "\n")
    assert any(f.rule == "BL101" for f in findings)


def test_a_paragraph_mistune_assembles_out_of_order_keeps_increasing_offsets():
    text = "> > > the\n> > the the\n> > - the\n> # the\n"
    doc = parse_document("x.md", text)
    for segment in doc.segments:
        assert list(segment.offsets) == sorted(segment.offsets)
    assert_all_chars_map(doc)
