"""Configuration: discovery, the original team format, extends, rule settings, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from blamelint.base.errors import ConfigError
from blamelint.base.finding import Severity
from blamelint.run.config import default_config, discover, load_config

ORIGINAL = """\
postmortem:
  max_duration: 90
  required_sections: [resume, chronologie, 5whys, actions]
  blameless_rules: [no_names, focus_on_systems, psychological_safety]
  integrations: {slack_channel: "#incidents", jira_project: "SRE"}
"""


def rule(config, key):
    return next(r for r in config.rules if key in (r.code, r.name))


def test_original_team_format_loads_unchanged(write):
    config = load_config(write(".blamelint.yaml", ORIGINAL))
    assert config.settings.max_duration == 90
    assert config.settings.required_sections == ("resume", "chronologie", "5whys", "actions")
    assert config.settings.integrations == {"slack_channel": "#incidents", "jira_project": "SRE"}
    families = {r.family for r in config.enabled_rules if r.family}
    assert families <= {"no_names", "focus_on_systems", "psychological_safety"}


def test_settings_are_one_typed_frozen_value_built_at_load(write):
    import dataclasses

    config = load_config(
        write(
            ".blamelint.yaml",
            "postmortem:\n  min_whys: 3\n  required_metadata: [date]\n"
            "prose: {blockquotes: false}\nflag_owners: true\n"
            "actions: {horizon_days: 30}\ntimeliness: {business_days: true}\n"
            "wordlists: {judgmental: [botched]}\n",
        )
    )
    settings = config.settings
    assert (settings.min_whys, settings.required_metadata) == (3, ("date",))
    assert (settings.blockquotes, settings.flag_owners) == (False, True)
    assert settings.actions == {"horizon_days": 30}
    assert settings.timeliness == {"business_days": True}
    assert settings.team_words["judgmental"]["en"] == ("botched",)
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.min_whys = 9
    # Without a config: the shipped catalogs, nothing required beyond the rules' own options.
    default = default_config().settings
    assert default.section_catalog is not None and default.metadata_catalog is not None
    assert default.required_sections is None and default.min_whys is None
    assert default.blockquotes is True and default.vague_actions == ()


def test_blameless_rules_turns_off_families_not_listed(write):
    config = load_config(write(".blamelint.yaml", "postmortem:\n  blameless_rules: [no_names]\n"))
    for r in config.rules:
        if r.family and r.family != "no_names":
            assert not r.enabled, r.code


def test_discovery_walks_up_and_prefers_the_closest(write, tmp_path):
    write(".blamelint.yaml", "language: fr\n")
    nested = write("team/pm/2026/x.md", "# x\n")
    assert discover(nested) == tmp_path / ".blamelint.yaml"
    write("team/.blamelint.yml", "language: en\n")
    assert discover(nested) == tmp_path / "team" / ".blamelint.yml"


def test_a_run_discovers_each_folders_config_once(write, tmp_path, monkeypatch):
    """Every document of a folder shares the folder's discovery (it stats its way up to the
    root); a nested folder still finds its own, closer config."""
    from blamelint.run import runner

    write(".blamelint.yaml", "language: en\n")
    write("team/.blamelint.yml", "language: fr\n")
    for name in ("a", "b", "c"):
        write(f"docs/{name}.md", "# Incident\n")
        write(f"team/{name}.md", "# Incident\n")
    started: list[Path] = []

    def counted(start):
        started.append(start)
        return discover(start)

    monkeypatch.setattr(runner, "discover", counted)
    configs = runner._ConfigCache(runner.RunOptions())
    targets = runner.expand([str(tmp_path)], configs, runner.RunOptions(), [])
    assert len(targets) == 6
    languages = {t.display: configs.for_path(t.path).language for t in targets}  # as a run asks
    assert sorted(started) == sorted(set(started))  # one discovery per folder
    assert {tmp_path / "docs", tmp_path / "team"} <= set(started)
    assert {Path(d).parent.name: lang for d, lang in languages.items()} == {
        "docs": "en",
        "team": "fr",
    }


def test_pyproject_tool_table(write, tmp_path):
    write(
        "pyproject.toml",
        '[tool.blamelint]\nlanguage = "fr"\n[tool.blamelint.rules]\nBL104 = "off"\n',
    )
    doc = write("docs/pm.md", "# x\n")
    found = discover(doc)
    assert found == tmp_path / "pyproject.toml"
    config = load_config(found)
    assert config.language == "fr"
    assert not rule(config, "BL104").enabled


def test_pyproject_without_table_is_not_a_config(write):
    write("pyproject.toml", "[project]\nname = 'x'\n")
    assert discover(write("a.md", "x")) is None


def test_rule_severity_off_and_options(write):
    config = load_config(
        write(
            ".blamelint.yaml",
            "rules:\n  BL104: info\n  timeline-order: off\n  five-whys-depth:\n    severity: error\n    min_depth: 3\n",
        )
    )
    assert rule(config, "BL104").severity is Severity.ERROR
    assert rule(config, "BL104").options["min_depth"] == 3
    assert not rule(config, "BL106").enabled


def test_extends_preset_and_path(write):
    write("base.yaml", "rules:\n  BL105: info\n")
    config = load_config(
        write(".blamelint.yaml", "extends: [relaxed, base.yaml]\nrules:\n  BL106: error\n")
    )
    assert rule(config, "BL105").severity is Severity.INFO
    assert rule(config, "BL104").severity is Severity.INFO  # from relaxed
    assert rule(config, "BL106").severity is Severity.ERROR


def test_extends_cycle_is_an_error(write):
    write("a.yaml", "extends: b.yaml\n")
    write("b.yaml", "extends: a.yaml\n")
    with pytest.raises(ConfigError, match="circular"):
        load_config(Path(write("c.yaml", "extends: a.yaml\n")))


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("language: fr\nlangauge: en\n", 2, "unknown key 'langauge'"),
        ("postmortem:\n  max_duration: ninety\n", 2, "max_duration"),
        ("postmortem:\n  color: red\n", 2, "unknown key 'postmortem.color'"),
        ("rules:\n  BL999: error\n", 2, "unknown rule 'BL999'"),
        ("rules:\n  no-such-rule: off\n", 2, "unknown rule 'no-such-rule'"),
        ("rules:\n  five-whys-depth:\n    depth: 3\n", 3, "unknown option 'depth'"),
        ("postmortem:\n  required_sections: [resume, nope]\n", 2, "unknown id 'nope'"),
        ("language: [en\n", 2, "invalid YAML"),
        ("a: &x [1]\nb: *x\n", 2, "aliases are not allowed"),
        ("- just\n- a list\n", 1, "mapping"),
        ("extends: no-such-preset\n", 1, "no preset or file"),
        ("select: [BL9]\n", 1, "matches no rule"),
    ],
)
def test_config_errors_name_file_line_and_key(write, text, line, words):
    path = write(".blamelint.yaml", text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    error = info.value
    assert words in error.message
    assert error.path and error.path.endswith(".blamelint.yaml")
    if line is not None:
        assert error.line == line, str(error)
    assert "\n" not in str(error)


def test_select_and_ignore_by_prefix_name_and_tag():
    config = default_config(select=["BL1", "metadata"], ignore=["timeline-order"])
    enabled = {r.code for r in config.enabled_rules}
    assert "BL101" in enabled and "BL201" in enabled
    assert "BL106" not in enabled
    assert not any(code.startswith("BL5") for code in enabled)


def test_vocabulary_and_people_file(write):
    write("team.txt", "# roster\nAlice Martin\n\nBob Stone\n")
    config = load_config(
        write(
            ".blamelint.yaml",
            "vocabulary:\n  accept: [Hermes]\n  reject: [Kim]\npeople: [Carol]\npeople_file: team.txt\n",
        )
    )
    assert config.vocabulary.accept == frozenset({"Hermes"})
    assert config.vocabulary.people == ("Carol", "Alice Martin", "Bob Stone")


def test_fingerprint_changes_with_settings(write):
    a = load_config(write("a.yaml", "rules:\n  BL104: info\n"))
    b = load_config(write("b.yaml", "rules:\n  BL104: error\n"))
    assert a.fingerprint() != b.fingerprint()
    assert a.fingerprint() == load_config(write("c.yaml", "rules:\n  BL104: info\n")).fingerprint()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("actions:\n  id_pattern: '([A-Z'\n", "invalid regular expression"),
        ("actions:\n  schema_extension: {type: 12}\n", "not a valid JSON Schema"),
        ("actions:\n  horizon: 30\n", "unknown key 'actions.horizon'"),
        ("timeliness:\n  review_within_hours: soon\n", "review_within_hours"),
    ],
)
def test_action_and_timeliness_settings_are_checked_at_load(write, text, words):
    with pytest.raises(ConfigError) as info:
        load_config(write(".blamelint.yaml", text))
    assert words in info.value.message
    assert info.value.line == 2


def test_impossible_front_matter_date_is_a_finding_not_a_crash():
    from blamelint.run.lint import lint_text

    findings = lint_text("---\ndate: 2026-02-30\nduration: 4 min\nimpact: x\n---\n# T\n")
    assert any(f.rule == "BL202" and f.line == 2 for f in findings)


def test_tags_and_names_starting_with_bl_select_correctly():
    config = default_config(select=["blame"])
    enabled = {r.code for r in config.enabled_rules}
    assert "BL401" in enabled and "BL101" not in enabled
    config = default_config(ignore=["blame-question"])
    assert "BL406" not in {r.code for r in config.enabled_rules}


def test_select_by_exact_code_turns_on_a_rule_off_by_default():
    assert "BL404" in {r.code for r in default_config(select=["BL404"]).enabled_rules}
    assert "BL404" in {r.code for r in default_config(select=["system-hindsight"]).enabled_rules}
    assert "BL404" not in {r.code for r in default_config(select=["BL4"]).enabled_rules}


def test_broken_pyproject_with_a_blamelint_table_is_an_error(write):
    write("pyproject.toml", '[tool.blamelint\nignore = ["BL1"]\n')
    with pytest.raises(ConfigError, match="invalid TOML"):
        discover(write("pm.md", "# x\n"))


def test_pyproject_error_line_is_inside_the_blamelint_table(write):
    path = write(
        "pyproject.toml", '[tool.ruff]\nselect = ["E"]\n\n[tool.blamelint]\nselect = ["XYZ"]\n'
    )
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.line == 5


def test_duplicate_keys_are_an_error_with_the_line(write):
    path = write(".blamelint.yaml", "language: fr\nrules:\n  BL104: info\nlanguage: en\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert "duplicate key 'language'" in info.value.message
    assert info.value.line == 4
