"""The server's pieces without a client: code-action edits, positions, rule links."""

from __future__ import annotations

from pathlib import Path

import pytest
from pygls.workspace.position_codec import PositionCodec

from blamelint.base.finding import Finding, Severity, Span
from blamelint.cli.server.actions import parse, section_actions, suppress_action
from blamelint.cli.server.app import diagnostic, split_lines
from blamelint.rules.docs import rule_anchor, rule_url, rules_document
from blamelint.rules.model import shipped_rules
from blamelint.run.config import default_config

ROOT = Path(__file__).resolve().parent.parent


def _finding(line: int, column: int = 1, rule: str = "BL405", message: str = "m") -> Finding:
    return Finding(
        "x.md",
        Span(line, column, line, column + 3),
        rule,
        "judgmental-word",
        (),
        Severity.WARNING,
        message,
    )


def _doc(text: str):
    return parse(default_config(), "x.md", text)


def _apply(text: str, edit) -> str:
    lines = text.splitlines(keepends=True)
    offset = sum(len(line) for line in lines[: edit.line]) + edit.column
    return text[:offset] + edit.text + text[offset:]


def test_a_comment_line_above_a_block_start():
    text = "# T\n\n- first item\n  - a careless nested item\n"
    action = suppress_action(_doc(text), _finding(4, 5))
    assert _apply(text, action.edit) == (
        "# T\n\n- first item\n  <!-- blamelint-disable-next-line BL405 -->\n"
        "  - a careless nested item\n"
    )


def test_an_inline_comment_on_a_paragraph_continuation_line():
    # A comment line there would split the paragraph in two: the comment goes at the end.
    text = "# T\n\nThe deploy went out\nin a careless way.\n"
    action = suppress_action(_doc(text), _finding(4, 6))
    assert _apply(text, action.edit) == (
        "# T\n\nThe deploy went out\nin a careless way. <!-- blamelint-disable-line BL405 -->\n"
    )


def test_no_comment_inside_front_matter_code_or_tables():
    text = "---\ntitle: careless\n---\n# T\n\n| a | careless |\n|---|---|\n\n```\ncareless\n```\n"
    doc = _doc(text)
    assert suppress_action(doc, _finding(2)) is None
    assert suppress_action(doc, _finding(6)) is None
    assert suppress_action(doc, _finding(10)) is None


def _missing(name: str) -> Finding:
    return Finding(
        "x.md",
        Span(1, 1, 1, 1),
        "BL101",
        "missing-section",
        (),
        Severity.ERROR,
        f"required section '{name}' is missing",
    )


def test_a_missing_section_goes_where_the_template_puts_it():
    text = "# T\n\n## Summary\n\nS.\n\n## Lessons learned\n\nL.\n"
    finding = _missing("Timeline")
    action = section_actions(_doc(text), [finding], default_config())[finding]
    result = _apply(text, action.edit)
    assert result.index("## Summary") < result.index("## Timeline") < result.index("## Lessons")
    assert "<!-- All times in UTC." in result  # the template's guidance comes along
    assert "\nTODO" not in result  # not the placeholder text


def test_a_missing_section_in_french_comes_from_the_french_template():
    text = "# Post-mortem\n\n## Résumé\n\nLe cache a expiré hier soir pendant la nuit.\n"
    finding = _missing("Leçons apprises")
    doc = _doc(text)
    assert doc.language == "fr"
    action = section_actions(doc, [finding], default_config())[finding]
    assert action.title == "Add the 'Leçons apprises' section"
    assert _apply(text, action.edit).endswith(
        "expiré hier soir pendant la nuit.\n\n## Leçons apprises\n"
    )


def test_a_missing_section_at_the_end_of_a_file_without_final_newline():
    text = "# T\n\n## Summary\n\nS."
    finding = _missing("Lessons learned")
    action = section_actions(_doc(text), [finding], default_config())[finding]
    assert _apply(text, action.edit) == "# T\n\n## Summary\n\nS.\n\n## Lessons learned\n"


def test_ranges_count_utf16_units_and_lsp_line_breaks():
    text = "# T\n\nLe \U0001f600 café\x0cBob\r\nfin\n"
    lines = split_lines(text)
    assert lines == ["# T\n", "\n", "Le \U0001f600 café\x0cBob\r\n", "fin\n"]
    finding = _finding(3, 11)  # "Bob": after the emoji (one code point, two UTF-16 units)
    found = diagnostic(finding, lines, PositionCodec())
    assert (found.range.start.line, found.range.start.character) == (2, 11)
    assert (found.range.end.line, found.range.end.character) == (2, 14)


def test_every_rule_link_names_a_heading_of_docs_rules_md():
    rules = shipped_rules()
    document = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert document == rules_document(rules), "docs/rules.md is stale: run scripts/update_readme.py"
    for rule in rules:
        assert f"\n## {rule.code} {rule.name}\n" in document
        assert rule_url(rule.code, rule.name).endswith("#" + rule_anchor(rule.code, rule.name))
    assert rule_anchor("BL101", "missing-section") == "bl101-missing-section"


@pytest.mark.nlp
def test_a_session_loads_each_spacy_model_once(tmp_path, monkeypatch):
    from blamelint.cli.server.session import Session
    from blamelint.nlp import engine

    loads = []
    real = engine._load

    def counting(name, language, components):
        loads.append(name)
        return real(name, language, components)

    monkeypatch.setattr(engine, "_load", counting)
    monkeypatch.setattr(engine, "_loaded", {})
    session = Session(cache=False)
    path = tmp_path / "pm.md"
    for n in range(3):
        text = f"# Postmortem\n\n## Summary\n\nKevin restarted the database {n} times.\n"
        result = session.lint(path, text)
        assert result.error is None and any(f.rule == "BL301" for f in result.findings)
    assert len(loads) == 1
