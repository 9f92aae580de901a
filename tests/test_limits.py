"""Input limits and hostile input: each case ends with one clear line and a known exit code.

Large files, deep nesting, YAML alias bombs, regex patterns that would backtrack forever:
none may hang, crash or print a traceback.
"""

from __future__ import annotations

from blamelint.run.config import default_config
from blamelint.run.lint import document_for


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


# ----- one clear line and an exit code for each hostile input -------------------------------------

import pytest  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from blamelint.base.errors import ConfigError  # noqa: E402
from blamelint.base.safe_regex import check_pattern, compile_pattern  # noqa: E402
from blamelint.cli.main import main  # noqa: E402

from .test_structure_rules import COMPLETE_EN  # noqa: E402

FAST = ["--no-cache", "--select", "structure,metadata,meta,actions"]
BOMB = (
    'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
    + "".join(
        f"{chr(99 + i)}: &{chr(99 + i)} [{','.join(['*' + chr(98 + i)] * 9)}]\n" for i in range(6)
    )
)


def check(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, [*FAST, *args])
    assert "Traceback" not in result.output
    return result.exit_code, [line for line in result.output.splitlines() if line]


def test_a_file_over_max_file_size_is_one_error_line(write):
    path = write("big.md", "# Incident\n\n" + "word " * 3000)
    write(".blamelint.yaml", "max_file_size: 10000\n")
    code, lines = check(str(path))
    assert code == 2
    assert lines[-1] == (
        f"blamelint: {path}: file is 15,012 bytes, over the 10,000-byte limit "
        "(max_file_size in the config)"
    )


def test_a_yaml_alias_bomb_in_the_config_is_refused(write):
    path = write("pm.md", COMPLETE_EN)
    config = write(".blamelint.yaml", BOMB)
    code, lines = check(str(path))
    assert code == 2
    assert lines[-1] == (
        f"blamelint: {config}:2: invalid YAML: YAML aliases are not allowed "
        "(they can expand without bound)"
    )


def test_a_yaml_alias_bomb_in_front_matter_is_refused(write):
    path = write("pm.md", "---\n" + BOMB + "---\n" + COMPLETE_EN)
    code, lines = check(str(path))
    assert code == 2
    assert lines[-1] == (
        f"blamelint: {path}:3: front matter: invalid YAML: YAML aliases are not allowed "
        "(they can expand without bound)"
    )


def test_a_yaml_alias_bomb_in_a_sidecar_is_a_finding_not_a_hang(write):
    path = write("pm.md", COMPLETE_EN)
    write("pm.actions.yaml", BOMB)
    code, lines = check("--select", "actions", str(path))
    assert code == 1
    [finding] = [line for line in lines if "BL5" in line]
    assert "aliases are not allowed" in finding


@pytest.mark.parametrize(
    "pattern",
    [r"(a+)+$", r"(a*)*", r"(\w+\s?)*$", r"(a|ab)*c", r"(x+x+)+y", r"(.*a){20}", r"(\w)\1"],
)
def test_catastrophic_patterns_are_refused_with_the_rule_named(pattern):
    with pytest.raises(ConfigError) as caught:
        compile_pattern(pattern, "rules.BL9001.pattern")
    message = str(caught.value)
    assert message.startswith(f"rules.BL9001.pattern: pattern {pattern!r} is refused: ")
    assert "\n" not in message


@pytest.mark.parametrize(
    "pattern", [r"\bforgot\b", r"[\w_]+", r"(foo|bar)+", r"\d{2}:\d{2}", r"(\d{1,3}\.){3}\d+"]
)
def test_ordinary_patterns_are_accepted(pattern):
    assert check_pattern(pattern) is None
    assert compile_pattern(pattern, "rules.BL9001.pattern").pattern == pattern


def test_an_invalid_pattern_is_a_config_error_too():
    with pytest.raises(ConfigError, match=r"rules.X: pattern '\(' is refused: not a valid"):
        compile_pattern("(", "rules.X")


@pytest.mark.parametrize(
    "text",
    [
        ">" * 5000 + " deep quote\n",
        "".join("  " * i + "- item\n" for i in range(2000)),
        "[" * 20000 + "x" + "]" * 20000 + "\n",
        "*" * 50000 + "\n",
        "<div>" * 5000 + "\n",
        "`" * 30000 + "\n",
    ],
    ids=["quotes", "lists", "brackets", "emphasis", "html", "backticks"],
)
def test_deeply_nested_markdown_ends_cleanly(write, text):
    code, lines = check(str(write("deep.md", "# Incident\n\n" + text)))
    assert code in (0, 1, 2)
    if code == 2:
        assert len(lines) == 1 and lines[0].startswith("blamelint: ")


@pytest.mark.slow
def test_a_100000_line_file_is_linted(write):
    body = "".join(
        f"## Section {i}\n\nLine {i} of the timeline.\n\n" if i % 50 == 0 else f"- item {i}\n"
        for i in range(100_000)
    )
    code, lines = check(str(write("long.md", body)))
    assert code == 1
    assert lines[-1].startswith("Found ") and lines[-1].endswith("in 1 file.")
