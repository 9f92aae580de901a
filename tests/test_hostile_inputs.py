"""Issue 9, hangs and crashes: each hostile input ends with one clear line and a known exit code.

FIFOs, devices, endless standard input, link loops, unreadable folders, control characters in
YAML, integers of thousands of digits, unresolvable `$ref`s, NUL bytes, terminal escapes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from blamelint.base import bounded
from blamelint.cli.main import main
from blamelint.nlp.roster import build, index_for
from blamelint.run import config
from blamelint.run.cache import FindingCache
from blamelint.run.config import discover

from .test_structure_rules import COMPLETE_EN

FAST = ["--no-cache", "--select", "structure,metadata,meta,actions"]
ENTRY = "from blamelint.cli.main import entry; entry()"


def check(*args: str, input: str | None = None) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", *FAST, *args], input=input)
    assert "Traceback" not in result.output, result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, [line for line in result.output.splitlines() if line]


def cli(*args: str, cwd: Path, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    """A fresh process with a timeout: a regression that blocks fails instead of hanging."""
    return subprocess.run(
        [sys.executable, "-c", ENTRY, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        **kwargs,
    )


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


# ----- item 8: only regular files are read, every read bounded while reading ------------------


@needs_fifo
def test_a_named_fifo_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pm.md")
    result = cli("check", *FAST, "pm.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "blamelint: pm.md: not a regular file (a FIFO)"


@needs_fifo
def test_a_fifo_met_while_walking_is_skipped(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "pm.md").write_text(COMPLETE_EN, encoding="utf-8")
    os.mkfifo(tmp_path / "docs" / "pipe.md")
    result = cli("check", *FAST, "docs", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(1 file)" in result.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused(tmp_path):
    code, lines = check("/dev/zero")
    assert code == 2
    assert lines[-1] == "blamelint: /dev/zero: not a regular file (a character device)"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_endless_standard_input_stops_at_the_limit(tmp_path):
    (tmp_path / ".blamelint.yaml").write_text("max_file_size: 10000\n", encoding="utf-8")
    with open("/dev/zero", "rb") as zero:
        result = cli("check", *FAST, "-", cwd=tmp_path, stdin=zero)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "blamelint: -: input is over the 10,000-byte limit (max_file_size in the config)"
    )


class _Endless:
    """A stream that never ends, counting what it served."""

    served = 0

    def read(self, size: int = -1) -> bytes:
        assert size > 0, "an unbounded read"
        self.served += size
        return b"x" * size


def test_a_stream_is_never_read_past_the_limit():
    stream = _Endless()
    with pytest.raises(bounded.ReadRefused, match="over the 1,000-byte limit"):
        bounded.read_stream(stream, 1000)
    assert stream.served == 1001


def test_a_file_is_refused_by_its_size_before_reading(tmp_path):
    path = tmp_path / "big.md"
    path.write_bytes(b"x" * 2000)
    with pytest.raises(bounded.ReadRefused, match="file is 2,000 bytes, over the 1,000-byte"):
        bounded.read_file(path, 1000)
    assert bounded.read_file(path, 2000) == b"x" * 2000


def test_closed_standard_input_is_one_line(tmp_path):
    result = cli("check", *FAST, "-", cwd=tmp_path, stdin=None, preexec_fn=lambda: os.close(0))
    assert result.returncode == 2
    assert result.stderr.strip() == "blamelint: -: standard input is closed"


@needs_fifo
def test_a_fifo_as_people_file_is_a_config_error(tmp_path):
    os.mkfifo(tmp_path / "people.txt")
    (tmp_path / ".blamelint.yaml").write_text("people_file: people.txt\n", encoding="utf-8")
    (tmp_path / "pm.md").write_text(COMPLETE_EN, encoding="utf-8")
    result = cli("check", *FAST, "pm.md", cwd=tmp_path)
    assert result.returncode == 2
    assert "people_file: cannot read" in result.stderr
    assert result.stderr.strip().endswith("not a regular file (a FIFO)")


def test_a_people_file_over_max_file_size_is_a_config_error(write, tmp_path):
    write("people.txt", "Priya Natarajan\n" * 1000)
    config_file = write(".blamelint.yaml", "people_file: people.txt\nmax_file_size: 2000\n")
    with pytest.raises(config.ConfigError, match="16,000 bytes, over the 2,000-byte limit"):
        config.load_config(config_file)


@needs_fifo
def test_a_fifo_as_template_is_refused(tmp_path):
    os.mkfifo(tmp_path / "template.md")
    result = cli("new", "INC-1", "--impact", "x", "--template", "template.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "blamelint: template.md: cannot read template: not a regular file (a FIFO)"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["template.md"]


# ----- item 10: the roster is one index, with the per-name regex's semantics --------------------


def _reference(text: str, names) -> list[tuple[int, int]]:
    """The old definition: one case-insensitive regex per name."""
    found = []
    for name in names:
        name = name.strip()
        if name:
            pattern = r"(?<![\w@])" + re.escape(name) + r"(?![\w])"
            found.extend(m.span() for m in re.finditer(pattern, text, re.IGNORECASE))
    return sorted(found)


ROSTER = (
    "Priya Natarajan", "priya", "Ann", "Ann Lee", "O'Brien", "Jean-Pierre Roux", "Élodie",
    "a a", "(bob)", "Zoë_x", " ", "",
)  # fmt: skip
TEXTS = [
    "PRIYA NATARAJAN paged priya, then @priya and priyanka; Ann, ann lee, Annie and Ann_x.",
    "o'brien met O'Briens; JEAN-PIERRE ROUX and jean-pierre rouxx; élodie/ÉLODIE.",
    "a a a a; (bob) and x(bob)y and (BOB); zoë_x and Zoë_xy",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_roster_index_finds_what_one_regex_per_name_found(text):
    assert sorted(build(ROSTER).find(text)) == _reference(text, ROSTER)


def test_the_roster_index_is_built_once_and_needs_no_regex_per_name():
    names = tuple(f"Person{i} Surname{i}" for i in range(20_000))
    index = index_for(names)
    assert index_for(names) is index
    assert index.patterns == ()  # word names are dict lookups, not 20,000 patterns
    text = "Yesterday person19999 SURNAME19999 and Person7 Surname7x were paged."
    # ASCII names and text: a name's case-insensitive regex can match only where the name
    # occurs in the lowercased text, so the reference needs only those names (compiling
    # 20,000 regexes would cost seconds and tell nothing more).
    occurring = [n for n in names if n.lower() in text.lower()]
    assert index.find(text) == _reference(text, occurring) == [(10, 34)]


# ----- item 12: control characters in YAML ------------------------------------------------------


def test_control_characters_in_front_matter_name_the_line(write):
    path = write("pm.md", "---\ntitle: ok\nowner: a\x07b\n---\n# Incident\n")
    code, lines = check(str(path))
    assert code == 2
    assert lines[-1] == (
        f"blamelint: {path}:3: front matter: invalid YAML: control character U+0007 is not allowed"
    )


def test_control_characters_in_the_config_name_the_line(write):
    path = write("pm.md", COMPLETE_EN)
    config_file = write(".blamelint.yaml", "language: en\nexclude: ['\x1b[31m']\n")
    code, lines = check(str(path))
    assert code == 2
    assert lines[-1] == (
        f"blamelint: {config_file}:2: invalid YAML: control character U+001B is not allowed"
    )


def test_control_characters_in_a_yaml_block_and_a_sidecar_are_findings(write):
    text = "# Incident\n\n## Actions\n\n```yaml\n- id: A-1\n  description: x\x01y\n```\n"
    path = write("pm.md", text)
    write("pm.actions.yaml", "- id: A-2\n  description: \x02\n")
    result = CliRunner().invoke(main, ["check", "--no-cache", "--select", "BL507", str(path)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{path}:7:1: BL507" in result.output
    assert "control character U+0001 is not allowed" in result.output
    assert "pm.actions.yaml:2: sidecar pm.actions.yaml: invalid YAML: control character U+0002" in (
        result.output
    )


# ----- items 13, 14: link loops and unreadable folders -----------------------------------------


def test_a_link_loop_named_on_the_command_line_says_so(tmp_path):
    os.symlink("loop.md", tmp_path / "loop.md")
    code, lines = check(str(tmp_path / "loop.md"))
    assert code == 2
    assert lines[-1] == (
        f"blamelint: {tmp_path / 'loop.md'}: symbolic link loop (too many levels of symbolic links)"
    )


def test_link_loops_in_a_walked_folder_do_not_abort_the_run(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "pm.md").write_text(COMPLETE_EN, encoding="utf-8")
    os.symlink("loop.md", docs / "loop.md")
    os.symlink("b", docs / "a")
    os.symlink("a", docs / "b")
    os.symlink(".", docs / "here")
    code, lines = check(str(docs))
    assert code == 2  # the file loop is an error line; pm.md is still linted
    assert lines[-2:] == [
        "No findings in 1 file; 1 input error (on stderr).",
        f"blamelint: {docs.as_posix()}/loop.md: symbolic link loop "
        "(too many levels of symbolic links)",
    ]


def test_an_unreadable_folder_on_the_way_up_does_not_crash_discovery(tmp_path, monkeypatch):
    (tmp_path / ".blamelint.yaml").write_text("language: en\n", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    real_stat = os.stat

    def stat(path, *args, **kwargs):
        if Path(path).parent == locked:  # what an unreadable (mode 000) folder does
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    assert discover(locked) == tmp_path / ".blamelint.yaml"


# ----- items 16, 17: huge integers, unresolvable $ref, deep cache entries ------------------------


BIG = "9" * 5000


@pytest.mark.parametrize("value", [BIG, "0x" + "f" * 4000])
def test_a_huge_integer_in_front_matter_is_one_line(write, value):
    path = write("pm.md", f"---\ntitle: x\nseverity: {value}\n---\n# Incident\n")
    code, lines = check(str(path))
    assert code == 2
    assert re.fullmatch(
        rf"blamelint: {re.escape(str(path))}:3: front matter: invalid YAML: integer of "
        r"[\d,]+ characters \(more than 1,000\)",
        lines[-1],
    )


def test_huge_integers_in_blocks_sidecars_and_timelines_are_no_crash(write):
    text = (
        "# Incident\n\n## Timeline\n\n"
        f"- D+{BIG} 10:00 the queue filled\n\n## Actions\n\n"
        f'```json\n[{{"id": "A-1", "priority": {BIG}}}]\n```\n'
    )
    path = write("pm.md", text)
    write("pm.actions.json", f'[{{"id": "A-2", "priority": {BIG}}}]')
    result = CliRunner().invoke(main, ["check", *FAST, str(path)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{path}:10:28: BL507 [malformed-action-block] invalid JSON: an integer of more " in (
        result.output
    )
    assert "sidecar pm.actions.json: invalid JSON: an integer of more than 4,300 digits" in (
        result.output
    )


@pytest.mark.parametrize("ref", ["#/$defs/missing", "other.json", "http://example.invalid/x"])
def test_an_unresolvable_schema_extension_ref_is_a_config_error(write, ref):
    path = write("pm.md", COMPLETE_EN)
    config_file = write(
        ".blamelint.yaml",
        f"actions:\n  schema_extension:\n    properties:\n      owner: {{$ref: '{ref}'}}\n",
    )
    code, lines = check(str(path))
    assert code == 2
    assert lines[-1].startswith(f"blamelint: {config_file}:")
    assert "actions.schema_extension" in lines[-1]


def test_a_resolvable_schema_extension_ref_is_accepted(write):
    write(
        ".blamelint.yaml",
        "actions:\n  schema_extension:\n    $defs: {who: {type: string}}\n"
        "    properties:\n      owner: {$ref: '#/$defs/who'}\n",
    )
    code, _ = check(str(write("pm.md", COMPLETE_EN)))
    assert code == 0


def test_a_deeply_nested_cache_entry_is_a_miss(tmp_path):
    cache = FindingCache(tmp_path)
    key = "ab" + "0" * 62
    entry = cache._entry(key)
    entry.parent.mkdir(parents=True)
    entry.write_text('{"key": "' + key + '", "findings": ' + "[" * 100_000, encoding="utf-8")
    assert cache.get(key, "pm.md") is None and cache.misses == 1


# ----- item 18: NUL bytes anywhere ----------------------------------------------------------


def test_a_nul_byte_after_the_first_block_is_a_binary_file(write):
    path = write(
        "pm.md", (COMPLETE_EN + "\n" + "Plain prose line.\n" * 1000).encode() + b"a\x00b\n"
    )
    code, lines = check(str(path))
    line = path.read_bytes().count(b"\n", 0, path.read_bytes().index(b"\x00")) + 1
    assert code == 2
    assert lines[-1] == f"blamelint: {path}:{line}: binary file (contains NUL bytes), not Markdown"


# ----- item 21: control characters never reach the terminal raw ---------------------------------


def test_text_output_escapes_control_characters_from_the_document(tmp_path):
    name = "pm\nnew\x1b[2J.md"
    (tmp_path / name).write_text("# Incident \x1b[31mred\x1b[0m {TBD}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", *FAST, "--quiet", str(tmp_path)])
    assert "\x1b" not in result.output
    findings = [line for line in result.output.splitlines() if "BL" in line]
    assert findings and all(
        line.startswith(f"{tmp_path.as_posix()}/pm\\nnew\\x1b[2J.md:") for line in findings
    )


def test_actions_table_escapes_control_characters(write):
    text = (
        "# Incident\n\n## Actions\n\n"
        "- [ ] A-1: rotate \x1b]0;pwned\x07 the keys (owner: ops, deadline: 2026-01-09)\n"
    )
    path = write("pm.md", text)
    result = CliRunner().invoke(main, ["actions", "--format", "table", str(path)])
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "rotate \\x1b]0;pwned\\x07 the keys" in result.output


def test_json_output_keeps_the_text_exact(write):
    path = write("pm.md", "# Incident {TBD} \x1b[31m\n")
    result = CliRunner().invoke(main, ["check", *FAST, "--format", "json", str(path)])
    assert "\\u001b[31m" in result.output and json.loads(result.output)


@needs_fifo
def test_a_fifo_as_rule_file_is_a_config_error(tmp_path):
    os.mkfifo(tmp_path / "rules.yaml")
    (tmp_path / ".blamelint.yaml").write_text("rule_files: [rules.yaml]\n", encoding="utf-8")
    (tmp_path / "pm.md").write_text(COMPLETE_EN, encoding="utf-8")
    result = cli("check", *FAST, "pm.md", cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert "rule_files: no such file 'rules.yaml'" in result.stderr  # not a regular file
