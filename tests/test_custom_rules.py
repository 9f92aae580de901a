"""Team-defined rules (issue 11, item 2): existence and substitution kinds from the config."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from blamelint.base.errors import ConfigError
from blamelint.cli.main import main
from blamelint.run.config import load_config
from blamelint.run.runner import RunOptions, run

ROOT = Path(__file__).resolve().parents[1]

CONFIG = """\
rule_files: [team-rules.yaml]
custom_rules:
  - code: ACME001
    name: server-pet-name
    kind: substitution
    message: "'{match}' is a server's pet name: write '{replacement}'"
    suggestion: Name what the machine does, not its nickname.
    swap:
      db01: the primary database
      Gandalf: the bastion host
    scope: [prose, timeline, headings]
    link: https://wiki.example.invalid/acme001
"""
RULE_FILE = """\
rules:
  - code: ACME002
    name: no-heroics
    kind: existence
    severity: error
    message: "'{match}' glorifies heroics"
    tokens: [ninja, rockstar, hero]
    patterns: ['saved the day']
    language: en
  - code: ACME003
    name: action-owner-handle
    kind: existence
    message: "owner handle '{match}' in an action"
    patterns: ['@[a-z]+']
    ignorecase: false
    scope: [actions]
"""
DOC = """\
# Postmortem: db01 outage

## Summary

The db01 box fell over and a ninja saved the day. The `db01` logs and the
heroic rockstars (and Heroku) are fine. The primary database came back.

## Timeline

- 10:00: Gandalf rejected logins; a hero restarted db01.

## Corrective actions

- [ ] ACT-1 Add a replica (owner: @sre, deadline: 2026-05-01, validation: failover drill)
"""


@pytest.fixture
def team(tmp_path, monkeypatch):
    (tmp_path / ".blamelint.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "team-rules.yaml").write_text(RULE_FILE, encoding="utf-8")
    (tmp_path / "pm.md").write_text(DOC, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _found(paths=("pm.md",), select=("ACME",)):
    result = run(list(paths), RunOptions(select=list(select)))
    assert not result.errors, result.errors
    return [(f.line, f.column, f.span.end_column, f.rule, f.message) for f in result.findings]


def test_existence_and_substitution_fire_at_exact_places(team):
    found = _found()
    assert found == [
        (1, 15, 19, "ACME001", "'db01' is a server's pet name: write 'the primary database'"),
        (5, 5, 9, "ACME001", "'db01' is a server's pet name: write 'the primary database'"),
        (5, 30, 35, "ACME002", "'ninja' glorifies heroics"),
        (5, 36, 49, "ACME002", "'saved the day' glorifies heroics"),
        (10, 10, 17, "ACME001", "'Gandalf' is a server's pet name: write 'the bastion host'"),
        (10, 52, 56, "ACME001", "'db01' is a server's pet name: write 'the primary database'"),
        (14, 35, 39, "ACME003", "owner handle '@sre' in an action"),
    ]
    # Hard negatives: inline code (`db01`), words that contain a token (heroic, rockstars,
    # Heroku), the preferred term itself, and ACME002 ("a hero") outside its scope (prose):
    # the timeline.


def test_language_and_case(team):
    french = DOC.replace(
        "The db01 box fell over and a ninja saved the day.", "Le ninja a sauvé la mise."
    )
    (team / "fr.md").write_text(
        "# Post-mortem\n\n## Résumé\n\nLe ninja a tout sauvé hier soir, la base est revenue.\n",
        encoding="utf-8",
    )
    assert [f for f in _found(["fr.md"]) if f[3] == "ACME002"] == []  # an English-only rule
    (team / "upper.md").write_text(french.replace("@sre", "@SRE"), encoding="utf-8")
    assert [f for f in _found(["upper.md"]) if f[3] == "ACME003"] == []  # ignorecase: false


def test_rules_and_rule_show_team_rules(team):
    runner = CliRunner()
    listing = runner.invoke(main, ["rules"]).output
    assert "ACME001  server-pet-name" in listing and "ACME002  no-heroics" in listing
    explained = runner.invoke(main, ["rule", "ACME002"])
    assert explained.exit_code == 0
    assert explained.output.startswith("ACME002 no-heroics")
    assert "glorifies heroics" in explained.output
    assert "did you mean 'ACME002'" in runner.invoke(main, ["rule", "ACME02"]).output


def test_json_and_sarif_carry_team_rules(team):
    runner = CliRunner()
    data = json.loads(runner.invoke(main, ["--select", "ACME", "--format", "json", "pm.md"]).stdout)
    assert {f["rule"] for f in data["findings"]} == {"ACME001", "ACME002", "ACME003"}
    assert data["summary"]["by_rule"]["ACME002 no-heroics"] == 2
    sarif = json.loads(
        runner.invoke(main, ["--select", "ACME", "--format", "sarif", "pm.md"]).stdout
    )
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["ACME001"]["helpUri"] == "https://wiki.example.invalid/acme001"
    assert "helpUri" not in rules["ACME002"]  # no link given
    assert rules["ACME002"]["defaultConfiguration"]["level"] == "error"


def test_team_rules_are_configured_like_any_rule(team):
    config = CONFIG + "rules:\n  ACME001: off\n  no-heroics: info\n"
    (team / ".blamelint.yaml").write_text(config, encoding="utf-8")
    result = run(["pm.md"], RunOptions(select=["ACME"]))
    assert {f.rule for f in result.findings} == {"ACME002", "ACME003"}
    assert {f.severity.label for f in result.findings if f.rule == "ACME002"} == {"info"}
    ignored = run(["pm.md"], RunOptions(select=["ACME"], ignore=["ACME002"]))
    assert {f.rule for f in ignored.findings} == {"ACME003"}


def test_an_edited_rule_file_is_not_served_from_the_cache(team):
    runner = CliRunner()
    args = ["--select", "ACME002", "--format", "json", "pm.md"]
    first = json.loads(runner.invoke(main, args).stdout)["findings"][0]["message"]
    (team / "team-rules.yaml").write_text(
        RULE_FILE.replace("glorifies heroics", "celebrates heroics"), encoding="utf-8"
    )
    second = json.loads(runner.invoke(main, args).stdout)["findings"][0]["message"]
    assert (first, second) == ("'ninja' glorifies heroics", "'ninja' celebrates heroics")


BAD = [
    (
        "kind: existence",
        "kind: occurrence",
        ".blamelint.yaml",
        5,
        "rule ACME001: 'occurrence' is not one of",
    ),
    (
        "    message: \"'{match}' is a server's pet name: write '{replacement}'\"\n",
        "",
        ".blamelint.yaml",
        3,
        "rule ACME001: 'message' is a required property",
    ),
    (
        "code: ACME001",
        "code: BL901",
        ".blamelint.yaml",
        3,
        "rule BL901: the BL prefix is blamelint's own",
    ),
    (
        "name: server-pet-name",
        "name: personal-name",
        ".blamelint.yaml",
        4,
        "rule ACME001: name 'personal-name' is already used",
    ),
    (
        "    link: https",
        "    lnk: https",
        ".blamelint.yaml",
        12,
        "rule ACME001: unknown key 'lnk' (did you mean 'link'?)",
    ),
    (
        "rule_files: [team-rules.yaml]",
        "rule_files: [gone.yaml]",
        ".blamelint.yaml",
        1,
        "rule_files: no such file 'gone.yaml'",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "file", "line", "message"), BAD, ids=[b[4][:30] for b in BAD]
)
def test_a_bad_team_rule_is_a_config_error_naming_file_line_and_rule(
    team, old, new, file, line, message
):
    config = (
        CONFIG.replace("kind: substitution", "kind: existence\n    tokens: [x]")
        if "occurrence" in new
        else CONFIG
    )
    assert old in config
    (team / ".blamelint.yaml").write_text(config.replace(old, new), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(team / ".blamelint.yaml")
    error = caught.value
    assert Path(error.path).name == file and error.line == line, (
        error.path,
        error.line,
        str(error),
    )
    assert message in error.message


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("(a+)+$", "a repeat inside a repeat"),
        ("(x|xy)*z", "alternatives"),
        (r"(a)\1", "back-reference"),
    ],
)
def test_catastrophic_patterns_are_refused_with_file_line_and_rule(team, pattern, reason):
    (team / "team-rules.yaml").write_text(
        RULE_FILE.replace("'saved the day'", f"'{pattern}'"), encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(team / ".blamelint.yaml")
    error = caught.value
    assert Path(error.path).name == "team-rules.yaml" and error.line == 8  # its patterns
    assert (
        error.message.startswith(f"rule ACME002: pattern {pattern!r} is refused: ")
        and reason in error.message
    )
    result = CliRunner().invoke(main, ["pm.md"])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_rule_file_entry_without_its_terms_is_refused(team):
    (team / "team-rules.yaml").write_text(
        RULE_FILE.replace(
            "    tokens: [ninja, rockstar, hero]\n    patterns: ['saved the day']\n", ""
        ),
        encoding="utf-8",
    )
    with pytest.raises(
        ConfigError, match="rule ACME002: an existence rule needs tokens or patterns"
    ) as caught:
        load_config(team / ".blamelint.yaml")
    assert Path(caught.value.path).name == "team-rules.yaml" and caught.value.line == 4


def test_the_config_schema_validates_team_rules():
    schema = json.loads((ROOT / "schemas" / "config.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    good = {
        "custom_rules": [
            {"code": "OPS1", "name": "x", "kind": "existence", "message": "m", "tokens": ["a"]}
        ]
    }
    assert not list(validator.iter_errors(good))
    for bad in (
        {"custom_rules": [{"code": "ops1", "name": "x", "kind": "existence", "message": "m"}]},
        {
            "custom_rules": [
                {
                    "code": "OPS1",
                    "name": "x",
                    "kind": "existence",
                    "message": "m",
                    "scope": ["code"],
                }
            ]
        },
        {"rule_files": "team.yaml"},
    ):
        assert list(validator.iter_errors(bad)), bad


ACTIONS_DOC = """\
# Postmortem

## Corrective actions

- [ ] ACT-1 Socialise the learnings with the wider org (owner: sre-team, deadline: 2026-05-01, validation: the drill passes)
- [ ] ACT-2 Add a p99 latency alert above 800 ms on checkout (owner: sre-team, deadline: 2026-05-01, validation: the alert fires in the drill)
"""


def test_teams_extend_the_vague_action_list(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pm.md").write_text(ACTIONS_DOC, encoding="utf-8")
    before = run(["pm.md"], RunOptions(select=["BL504"], isolated=True)).findings
    assert before == []  # "socialise" is not in the shipped list
    (tmp_path / ".blamelint.yaml").write_text(
        "wordlists:\n  vague_actions:\n    - pattern: 'sociali[sz]e (?:the )?learnings'\n"
        "      suggestion: Name the forum and the date.\n",
        encoding="utf-8",
    )
    after = run(["pm.md"], RunOptions(select=["BL504"])).findings
    assert [(f.line, f.rule, f.suggestion) for f in after] == [
        (5, "BL504", "Name the forum and the date.")
    ]  # ACT-2 names a concrete change: quiet
    (tmp_path / ".blamelint.yaml").write_text(
        "wordlists:\n  vague_actions:\n    - '(a+)+ plan'\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / ".blamelint.yaml")
    # The line of the list (the loader records keys), and the index of the entry.
    assert caught.value.line == 2 and "wordlists.vague_actions[0]: pattern" in caught.value.message
