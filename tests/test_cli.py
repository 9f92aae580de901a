"""The command line through click's runner: formats, exit codes, bad input, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from blamelint.cli.main import main

from .conftest import ROOT
from .test_structure_rules import COMPLETE_EN

# Structure rules only: these tests are about the CLI, not the NLP rules.
STRUCTURE = ["--select", "structure,metadata,meta"]


def run(*args, input=None, env=None):
    runner = CliRunner()
    result = runner.invoke(main, list(args), input=input, env=env, catch_exceptions=False)
    return result


def test_clean_file_exits_zero(write):
    path = write("pm.md", COMPLETE_EN)
    result = run(*STRUCTURE, str(path))
    assert result.exit_code == 0, result.output
    assert "All checks passed (1 file)." in result.output


def test_findings_exit_one_with_compiler_style_lines(write):
    path = write("pm.md", COMPLETE_EN.replace("45 min", "TBD"))
    result = run(*STRUCTURE, str(path))
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first == f"{path}:4:15: BL103 [placeholder] unfilled template placeholder 'TBD'"
    assert result.output.splitlines()[1].startswith("  suggestion: ")
    assert result.output.rstrip().endswith("Found 1 finding (1 error) in 1 file.")


def test_quiet_prints_only_findings(write):
    path = write("pm.md", COMPLETE_EN.replace("45 min", "TBD"))
    result = run(*STRUCTURE, "--quiet", str(path))
    assert len(result.output.splitlines()) == 1


def test_fail_level_and_exit_zero(write):
    path = write("pm.md", COMPLETE_EN.replace("- 10:05:", "- 09:05:"))  # warning only
    assert run(*STRUCTURE, str(path)).exit_code == 1
    assert run(*STRUCTURE, "--fail-level", "error", str(path)).exit_code == 0
    assert run(*STRUCTURE, "--exit-zero", str(path)).exit_code == 0


def test_info_findings_never_fail_by_default(write):
    write(".blamelint.yaml", "rules:\n  timeline-order: info\n")
    path = write("pm.md", COMPLETE_EN.replace("- 10:05:", "- 09:05:"))
    result = run(*STRUCTURE, str(path))
    assert "BL106" in result.output
    assert result.exit_code == 0


def test_json_contract(write):
    path = write("pm.md", COMPLETE_EN.replace("45 min", "TBD"))
    result = run(*STRUCTURE, "--format", "json", str(path))
    data = json.loads(result.output)
    assert data["version"] == 1
    [finding] = data["findings"]
    assert set(finding) == {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "rule",
        "name",
        "tags",
        "severity",
        "message",
        "suggestion",
    }
    assert (finding["line"], finding["column"], finding["end_column"]) == (4, 15, 18)
    assert finding["tags"] == ["structure"]
    assert data["summary"]["files"] == 1 and data["summary"]["findings"] == 1


def test_output_is_sorted_and_deterministic(write, tmp_path):
    write("b.md", COMPLETE_EN.replace("45 min", "TBD"))
    write("a/z.md", COMPLETE_EN.replace("2026-03-01", "TODO"))
    first = run(*STRUCTURE, "--format", "json", str(tmp_path)).output
    second = run(*STRUCTURE, "--format", "json", str(tmp_path)).output
    assert first == second
    paths = [f["path"] for f in json.loads(first)["findings"]]
    assert paths == sorted(paths)


def test_stdin_with_filename(write):
    result = run(
        *STRUCTURE, "--stdin-filename", "pm.md", "-", input=COMPLETE_EN.replace("45 min", "TBD")
    )
    assert result.output.startswith("pm.md:4:15: BL103")


def test_github_format_auto_selected_under_actions(write):
    path = write("pm.md", COMPLETE_EN.replace("45 min", "TBD"))
    result = run(*STRUCTURE, str(path), env={"GITHUB_ACTIONS": "true"})
    assert result.output.startswith("::error ")


def test_select_ignore_on_the_command_line(write):
    path = write("pm.md", COMPLETE_EN.replace("45 min", "TBD"))
    assert run(*STRUCTURE, "--ignore", "BL103", str(path)).exit_code == 0
    result = run("--select", "BL9", str(path))
    assert result.exit_code == 2
    assert "matches no rule" in result.output


def test_force_exclude_applies_to_explicit_paths(write, tmp_path):
    write(".blamelint.yaml", "exclude: [README.md, drafts/]\n")
    readme = write("README.md", "# Project\n")
    draft = write("drafts/x.md", "# x\n")
    result = run(*STRUCTURE, "--force-exclude", str(readme), str(draft))
    assert result.exit_code == 0
    assert "0 files" in result.output
    assert run(*STRUCTURE, str(readme)).exit_code == 1


def test_directory_recursion_respects_include_and_exclude(write, tmp_path):
    write(".blamelint.yaml", "exclude: [archive/]\n")
    write("pm/one.md", COMPLETE_EN)
    write("archive/old.md", "# broken\n")
    write("notes.txt", "not markdown")
    result = run(*STRUCTURE, str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "(1 file)" in result.output


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("missing.md", None, "no such file or directory"),
        ("bin.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
        ("latin1.md", b"# Titre\n\ncaf\xe9\n", "not valid UTF-8"),
        ("fm.md", "---\ntitle: [oops\n---\n# T\n", "front matter"),
    ],
)
def test_bad_input_is_one_line_and_exit_two(write, tmp_path, name, content, words):
    path = tmp_path / name if content is None else write(name, content)
    result = run(str(path))
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("blamelint: ")]
    assert len(errors) == 1 and words in errors[0] and name in errors[0]
    assert "Traceback" not in result.output


def test_directory_without_markdown_is_a_warning_with_exit_zero(tmp_path):
    # As Ruff does: a CI step on a fresh archive must not fail.
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("not Markdown\n")
    result = CliRunner().invoke(main, [str(tmp_path / "empty")])
    assert result.exit_code == 0
    assert (
        result.stderr == f"blamelint: warning: {tmp_path / 'empty'}: no Markdown files found here\n"
    )
    assert result.stdout == "All checks passed (0 files).\n"
    # A named path that does not exist stays an error.
    assert run(str(tmp_path / "gone")).exit_code == 2
    assert run(str(tmp_path / "empty"), str(tmp_path / "gone")).exit_code == 2


def test_broken_config_is_one_line_with_file_and_line(write):
    write(".blamelint.yaml", "postmortem:\n  max_duration: ninety\n")
    path = write("pm.md", COMPLETE_EN)
    result = run(str(path))
    assert result.exit_code == 2
    assert ".blamelint.yaml:2: key 'postmortem.max_duration'" in result.output


def test_file_over_the_size_limit(write):
    write(".blamelint.yaml", "max_file_size: 1000\n")
    path = write("big.md", "x" * 2000)
    result = run(str(path))
    assert result.exit_code == 2
    assert "over the 1,000-byte limit" in result.output


def test_empty_file_gives_structure_findings(write):
    path = write("empty.md", "")
    result = run(*STRUCTURE, str(path))
    assert result.exit_code == 1
    assert "BL101" in result.output and "BL201" in result.output


def test_linted_files_are_never_written(write):
    path = write("pm.md", COMPLETE_EN.replace("45 min", "TBD"))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    run(*STRUCTURE, "--format", "json", str(path))
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_output_file_is_written(write, tmp_path):
    path = write("pm.md", COMPLETE_EN.replace("45 min", "TBD"))
    out = tmp_path / "report.json"
    run(*STRUCTURE, "--format", "json", "-o", str(out), str(path))
    assert json.loads(out.read_text())["summary"]["findings"] == 1


def test_rules_and_rule_commands():
    listing = run("rules").output
    assert "BL101   missing-section" in listing
    explained = run("rule", "BL103")
    assert explained.exit_code == 0 and explained.output.startswith("BL103 placeholder")
    assert run("rule", "placeholder").output == explained.output
    unknown = run("rule", "BL999")
    assert unknown.exit_code == 2


def test_version_does_not_import_spacy():
    code = (
        "import sys; from blamelint.cli.main import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True)


def test_structure_only_run_does_not_import_spacy(write):
    path = write("pm.md", COMPLETE_EN)
    code = (
        "import sys; from blamelint.cli.main import main\n"
        f"try:\n    main(['--select', 'structure', {str(path)!r}])\nexcept SystemExit:\n    pass\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True)


def test_only_errors_print_no_success_summary(tmp_path):
    result = run(str(tmp_path / "missing.md"))
    assert "All checks passed" not in result.output


def test_console_entry_exits_with_the_right_code(write):
    clean = write("pm.md", COMPLETE_EN)
    dirty = write("bad.md", COMPLETE_EN.replace("45 min", "TBD"))
    code = "import sys; from blamelint.cli.main import entry; sys.argv = ['blamelint', *sys.argv[1:]]; entry()"
    args = [sys.executable, "-c", code, "--no-cache", *STRUCTURE]
    assert subprocess.run([*args, str(clean)], capture_output=True).returncode == 0
    assert subprocess.run([*args, str(dirty)], capture_output=True).returncode == 1
    missing = subprocess.run([*args, str(clean) + ".nope"], capture_output=True, text=True)
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_input_errors_reach_every_format(write, tmp_path):
    good = write("pm.md", COMPLETE_EN)
    missing = str(tmp_path / "gone.md")
    data = json.loads(run(*STRUCTURE, "--format", "json", str(good), missing).stdout)
    assert data["errors"] == [
        {"path": missing, "line": None, "message": "no such file or directory"}
    ]
    sarif = json.loads(run(*STRUCTURE, "--format", "sarif", str(good), missing).stdout)
    assert sarif["runs"][0]["invocations"][0]["executionSuccessful"] is False
    github = run(*STRUCTURE, "--format", "github", str(good), missing).output
    assert "::error file=" in github and "gone.md" in github
    text = run(*STRUCTURE, str(good), missing).output
    assert "No findings in 1 file; 1 input error (on stderr)." in text


def test_fail_level_comes_from_each_files_own_config(write, tmp_path):
    write("a/.blamelint.yaml", "fail_level: info\nrules:\n  timeline-order: info\n")
    write("b/.blamelint.yaml", "rules:\n  timeline-order: info\n")
    swapped = COMPLETE_EN.replace("- 10:05:", "- 09:05:")
    a, b = write("a/pm.md", swapped), write("b/pm.md", swapped)
    assert run(*STRUCTURE, str(b)).exit_code == 0
    assert run(*STRUCTURE, str(a)).exit_code == 1
    assert run(*STRUCTURE, str(b)).exit_code == run(*STRUCTURE, str(b), str(b)).exit_code == 0
    assert run(*STRUCTURE, str(a), str(b)).exit_code == 1


def test_stdin_filename_drives_config_discovery(write, tmp_path, monkeypatch):
    write("team/.blamelint.yaml", "ignore: [BL1]\n")
    monkeypatch.chdir(tmp_path)
    result = run(*STRUCTURE, "--stdin-filename", "team/pm.md", "-", input="# x\n")
    assert "BL101" not in result.output


def test_check_without_paths_lints_the_current_folder(write, tmp_path, monkeypatch):
    write("pm.md", COMPLETE_EN)
    monkeypatch.chdir(tmp_path)
    result = run("check", *STRUCTURE)
    assert result.exit_code == 0 and "(1 file)" in result.output


def test_per_file_ignores(write, tmp_path):
    write(".blamelint.yaml", "per_file_ignores:\n  'legacy/*.md': [structure]\n  old.md: [BL103]\n")
    legacy = write("legacy/2019.md", "# x\n")
    old = write("old.md", COMPLETE_EN.replace("45 min", "TBD"))
    fresh = write("new.md", "# x\n")
    assert run(*STRUCTURE, "--no-cache", str(legacy)).output.count("BL1") == 0
    assert run(*STRUCTURE, "--no-cache", str(old)).exit_code == 0
    assert "BL101" in run(*STRUCTURE, "--no-cache", str(fresh)).output
    write(".blamelint.yaml", "per_file_ignores:\n  'legacy/*.md': [BL9]\n")
    assert run(*STRUCTURE, str(legacy)).exit_code == 2
