"""Property tests: random Markdown never breaks the document model or the check.

Documents are built from the constructs that make positions hard: nested lists, block quotes,
tables, code fences, HTML, front matter, CRLF, tabs, entities, escapes and astral-plane text.
Properties: no exception but an InputError; every prose character maps back to itself in the
source; every finding's range lies inside the file; a second run gives the same output.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blamelint.base.errors import InputError
from blamelint.document.parse import parse_document
from blamelint.rules import kinds
from blamelint.run.config import default_config
from blamelint.run.lint import lint_text

WORDS = [
    "the", "deploy", "failed", "Kafka", "Priya", "forgot", "TBD", "état", "naïve", "🚀", "𝔘𝔫𝔦",
    "日本", "x", "should have", "human error", "@jdoe", "14:05", "`code`", "**bold**", "_em_",
    "&amp;", "&eacute;", "\\*", "<b>", "<!-- blamelint-disable BL103 -->", "[link](http://a.b)",
    "https://example.com/x", "\t", "  ",
]  # fmt: skip

settings.register_profile(
    "blamelint",
    max_examples=int(os.environ.get("BLAMELINT_EXAMPLES", 60)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    # CI must be repeatable: a fixed seed unless BLAMELINT_EXAMPLES asks for a longer,
    # random search (run that by hand after touching the document model).
    derandomize="BLAMELINT_EXAMPLES" not in os.environ,
)
settings.load_profile("blamelint")

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)


@st.composite
def blocks(draw, depth: int = 0) -> str:
    kinds = ["para", "heading", "code", "table", "html", "list", "quote", "blank"]
    kind = draw(st.sampled_from(kinds if depth < 3 else kinds[:5]))
    if kind == "para":
        return draw(words) + "\n"
    if kind == "heading":
        return "#" * draw(st.integers(1, 4)) + " " + draw(words) + "\n"
    if kind == "code":
        fence = draw(st.sampled_from(["```", "~~~", "````"]))
        return f"{fence}{draw(st.sampled_from(['', 'yaml', 'json']))}\n{draw(words)}\n{fence}\n"
    if kind == "table":
        rows = draw(st.integers(1, 3))
        body = "".join(f"| {draw(words)} | {draw(words)} |\n" for _ in range(rows))
        return "| a | b |\n|---|---|\n" + body
    if kind == "html":
        return f"<div>\n{draw(words)}\n</div>\n"
    if kind == "blank":
        return "\n"
    inner = draw(st.lists(blocks(depth + 1), min_size=1, max_size=3))
    if kind == "quote":
        return "".join("> " + line + "\n" for block in inner for line in block.splitlines())
    marker = draw(st.sampled_from(["- ", "* ", "1. ", "- [ ] "]))
    indent = " " * len(marker)
    items = []
    for block in inner:
        lines = block.splitlines() or [""]
        items.append(marker + lines[0] + "\n" + "".join(indent + x + "\n" for x in lines[1:]))
    return "".join(items)


@st.composite
def markdown(draw) -> str:
    parts = []
    if draw(st.booleans()):
        parts.append(f"---\ntitle: {draw(st.sampled_from(['Incident', 'x: y', '']))}\n---\n")
    parts.extend(draw(st.lists(blocks(), max_size=8)))
    text = "\n".join(parts)
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return text.replace("\n", newline)


def _lines(text: str) -> list[str]:
    """The file's lines as an editor shows them (CRLF, CR and LF all end a line)."""
    return re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff"))


@given(markdown())
def test_every_prose_character_maps_back_to_itself(text):
    try:
        doc = parse_document("p.md", text)
    except InputError:
        return
    for segment in doc.segments:
        assert len(segment.offsets) == len(segment.text) + 1
        assert list(segment.offsets) == sorted(segment.offsets)
        for index, char in enumerate(segment.text):
            if segment.masked(index, index + 1) or not char.isalnum():
                continue
            source = doc.text[segment.offsets[index]]
            # An entity (&eacute;) stands for the character it decodes to.
            assert source == char or source == "&", (segment.text, index)


def _check_findings(text, findings):
    lines = _lines(text)
    for f in findings:
        s = f.span
        assert 1 <= s.line <= s.end_line <= len(lines), f
        assert 1 <= s.column <= len(lines[s.line - 1]) + 1, f
        assert 1 <= s.end_column <= len(lines[s.end_line - 1]) + 1, f
        assert (s.line, s.column) <= (s.end_line, s.end_column), f
        quoted = re.fullmatch(r"unfilled template placeholder '(.*)'", f.message)
        if quoted and s.line == s.end_line:  # the span names exactly the text it quotes
            assert lines[s.line - 1][s.column - 1 : s.end_column - 1] == quoted.group(1)


@given(markdown())
def test_the_check_stays_inside_the_file_and_is_repeatable(text):
    config = _without_nlp()
    try:
        first = lint_text(text, config=config)
    except InputError:
        return
    _check_findings(text, first)
    assert lint_text(text, config=config) == first


def _without_nlp():
    """Every rule that reads the document only: fast enough for many examples."""
    config = default_config()
    rules = tuple(
        r.with_settings(enabled=r.enabled and not kinds.kind_of(r).nlp) for r in config.rules
    )
    return replace(config, rules=rules)


@pytest.mark.nlp
@settings(max_examples=12)
@given(markdown())
def test_the_whole_check_with_nlp_rules(text):
    try:
        first = lint_text(text)
    except InputError:
        return
    _check_findings(text, first)
    assert lint_text(text) == first


@pytest.mark.xfail(strict=True, reason="mistune emits this quote's blocks out of order; known")
def test_known_limit_code_span_in_a_block_mistune_reorders():
    # mistune 3 puts the nested list before the nested quote's paragraph; the code span and
    # the words after it are then placed on the later `code` line. Found by the random search.
    text = "> > `code` the\n> - the\n> # the\n\n`code`\n"
    test_every_prose_character_maps_back_to_itself.hypothesis.inner_test(text)


# ----- hostile YAML and control characters (issue 9, items 12 and 16) ---------------------------

CONTROL = st.characters(codec="utf-8", categories=["Cc", "Cf", "Zl", "Zp"])
YAML_EDGES = [
    "\x07", "\x1b[31m", "\x00", "\x85", "\ufeff", "\u2028", "9" * 5000, "0x" + "f" * 1200,
    "-" + "1" * 4400, "0o" + "7" * 2000, "1e99999", ".nan", "!!binary aGVsbG8=", "!!set {a, b}",
    "&a x", "*a", "[[[[[[[[", "{? a: b}", "'", '"\\x07 \\u0000"', "~", "2026-02-30", "1:",
    "true: 1", "!!python/object/apply:os.system [x]", "\t", "- - -", "? [a]\n: b", "|\n  x\x01",
    "!!int '12'", "!!float x", "<<: {a: 1}", "[" * 200 + "]" * 200, "%YAML 1.1\n---\nx",
]  # fmt: skip
yaml_value = st.one_of(
    st.sampled_from(YAML_EDGES),
    st.text(st.one_of(CONTROL, st.sampled_from("ab :-[]{}#&*!|>'\"%@`,?\n")), max_size=30),
)


@st.composite
def hostile_yaml(draw) -> str:
    keys = st.sampled_from(["title", "date", "owner", "1", "true", "id", "- id", "actions"])
    lines = draw(st.lists(st.tuples(keys, yaml_value), min_size=1, max_size=5))
    return "".join(f"{key}: {value}\n" for key, value in lines)


@given(st.one_of(hostile_yaml(), st.text(max_size=60)))
def test_hostile_yaml_is_a_yaml_error_or_a_value(text):
    from blamelint.base.yamlio import YamlError, load_yaml

    try:
        load_yaml(text, first_line=2)
    except YamlError as exc:
        assert exc.line is None or exc.line >= 2
        assert "\n" not in exc.message or exc.message.startswith("invalid YAML")


@given(hostile_yaml(), st.sampled_from(["front matter", "yaml block"]))
def test_hostile_yaml_in_a_document_is_an_input_error_or_a_finding(text, where):
    if where == "front matter":
        document = f"---\n{text}---\n# Incident\n\nThe queue filled.\n"
    else:
        document = f"# Incident\n\n## Actions\n\n```yaml\n{text}```\n"
    try:
        findings = lint_text(document, config=_without_nlp())
    except InputError as exc:
        assert exc.line is None or exc.line >= 1
        return
    _check_findings(document, findings)


@given(markdown(), st.lists(st.tuples(st.integers(0, 400), CONTROL), max_size=4))
def test_control_characters_anywhere_in_markdown_never_crash(text, inserts):
    for position, char in inserts:
        position = min(position, len(text))
        text = text[:position] + char + text[position:]
    config = _without_nlp()
    try:
        first = lint_text(text, config=config)
    except InputError:
        return
    _check_findings(text, first)


@settings(max_examples=15)
@given(hostile_yaml(), st.sampled_from([".blamelint.yaml", "pm.actions.yaml"]))
def test_hostile_yaml_in_a_config_or_sidecar_is_one_line_never_a_traceback(text, name):
    import tempfile
    from pathlib import Path

    from click.testing import CliRunner

    from blamelint.cli.main import main

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "pm.md").write_text("# Incident\n\nThe queue filled.\n", "utf-8")
        (Path(folder) / name).write_text(text, encoding="utf-8")
        select = ["--select", "structure,metadata,actions"]
        result = CliRunner().invoke(main, ["check", "--no-cache", *select, f"{folder}/pm.md"])
    assert result.exit_code in (0, 1, 2), result.exception
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        errors = [line for line in result.output.splitlines() if line.startswith("blamelint: ")]
        assert len(errors) == 1 and folder in errors[0]
