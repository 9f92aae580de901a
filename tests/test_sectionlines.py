"""One section-lines reader: comments are not content, for every rule and the extractor."""

from __future__ import annotations

from pathlib import Path

from blamelint.actions.extract import extract_actions
from blamelint.document.parse import parse_document
from blamelint.document.sectionlines import ITEM, section_lines, top_level_items
from blamelint.run.lint import lint_text
from blamelint.workflow.tracker import collect

HEAD = "# Postmortem\n\n## Summary\n\nThe cache filled up.\n\n## Action items\n\n"
ACTION = (
    "- [ ] ACT-7 Add a disk alert (owner: @sre-team, deadline: 2026-03-10, "
    "validation: alert fires in staging)"
)


def _section(doc, canonical="actions"):
    return next(s for s in doc.sections if s.canonical == canonical)


def test_an_action_inside_a_comment_is_not_read_by_anyone(tmp_path: Path) -> None:
    text = HEAD + "<!--\n" + ACTION + "\n-->\n"
    doc = parse_document("pm.md", text)
    assert [line.text for line in section_lines(doc, _section(doc)) if line.text.strip()] == []
    assert extract_actions(doc).items == ()
    codes = {f.rule for f in lint_text(text, path="pm.md")}
    assert "BL102" in codes  # empty-section: the section holds only a comment
    path = tmp_path / "pm.md"
    path.write_text(text, encoding="utf-8")
    assert collect([path]).actions == []


def test_the_same_action_outside_the_comment_is_read_by_everyone(tmp_path: Path) -> None:
    text = HEAD + "<!-- one action per line -->\n" + ACTION + "\n"
    doc = parse_document("pm.md", text)
    (item,) = extract_actions(doc).items
    assert (item.id, item.line) == ("ACT-7", 10)
    codes = {f.rule for f in lint_text(text, path="pm.md")}
    assert "BL102" not in codes and "BL506" not in codes
    path = tmp_path / "pm.md"
    path.write_text(text, encoding="utf-8")
    assert [a.item.id for a in collect([path]).actions] == ["ACT-7"]


def test_comment_text_is_blanked_in_place_so_columns_stay_exact() -> None:
    text = (
        HEAD
        + "- [ ] ACT-8 Rotate the key <!-- (owner: nobody) --> (owner: @sec, deadline: 2026-03-10)\n"
    )
    doc = parse_document("pm.md", text)
    (line,) = [line for line in section_lines(doc, _section(doc)) if line.text.strip()]
    assert len(line.text) == len(doc.line_text(line.number))
    assert "<!--" not in line.text and "nobody" not in line.text
    (item,) = extract_actions(doc).items
    assert item.owner == "@sec"
    assert item.description == "Rotate the key"
    start, _ = item.span("owner")
    assert doc.text[start : start + 4] == "@sec"


def test_content_after_a_closing_comment_is_read() -> None:
    text = HEAD + "<!-- template note\n-->" + ACTION + "\n"
    doc = parse_document("pm.md", text)
    lines = list(section_lines(doc, _section(doc)))
    assert [line.number for line in lines if line.text.strip()] == [10]
    lines = [line for line in lines if line.text.strip()]
    assert lines[0].text.startswith("   - [ ] ACT-7")


def test_code_blocks_and_nested_items_are_not_top_level_items() -> None:
    text = (
        "# Postmortem\n\n## Timeline\n\n- 10:00 alert fires\n  - details on the page\n"
        "```\n- 10:05 not an entry\n```\n<!-- - 10:06 nor this -->\n- 10:10 restart\n"
    )
    doc = parse_document("pm.md", text)
    items = top_level_items(doc, _section(doc, "chronologie"))
    assert [(i.line, i.content) for i in items] == [(5, "10:00 alert fires"), (11, "10:10 restart")]


def test_one_list_item_pattern() -> None:
    match = ITEM.match("> 12. [x] done it")
    assert match and match.group("box") == "x" and match.group("rest") == "done it"
    assert ITEM.match("-no space") is None
    assert ITEM.match("1234567890. too long a number") is None
