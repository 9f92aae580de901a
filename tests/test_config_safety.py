"""Configs that could fetch, hang, crash at lint time or loop (issue 9 items 4, 5, 9, 15, 19):
each is a config error at load naming the file, the line and the full key."""

from __future__ import annotations

import http.server
import threading
import time

import jsonschema
import pytest
import referencing.exceptions

from blamelint.actions.schema import NO_RETRIEVAL, validator_for
from blamelint.base.errors import ConfigError
from blamelint.run.config import load_config
from blamelint.run.runner import RunOptions, run

EVIL = r"^([A-Z]+)+-\d+$"


def _error(write, text: str) -> ConfigError:
    config = write(".blamelint.yaml", text)
    with pytest.raises(ConfigError) as info:
        load_config(config)
    assert info.value.path == str(config.resolve())
    return info.value


# ----- 4. schema extensions read nothing outside the config -----------------------------------


@pytest.mark.parametrize(
    "ref", ["http://127.0.0.1:9/x.json", "file:///etc/passwd", "other.json#/a", "//host/x"]
)
def test_a_remote_or_file_ref_in_a_schema_extension_is_refused(write, ref):
    error = _error(
        write,
        f"actions:\n  schema_extension:\n    properties:\n      owner:\n        $ref: '{ref}'\n",
    )
    assert error.line == 5
    assert "actions.schema_extension.properties.owner.$ref" in error.message
    assert "points outside the extension" in error.message


def test_id_and_schema_keywords_are_refused_and_local_refs_are_fine(write):
    error = _error(write, "actions:\n  schema_extension:\n    $id: 'http://x.invalid/s'\n")
    assert error.line == 3 and "$id is not allowed" in error.message
    config = write(
        ".blamelint.yaml",
        "actions:\n  schema_extension:\n    required: [ticket]\n    properties:\n"
        "      ticket: {$ref: '#/$defs/t'}\n    $defs:\n      t: {type: string, minLength: 6}\n",
    )
    settings = load_config(config).settings.actions
    validator = validator_for(settings)  # the reference means the extension's own $defs
    assert [e.validator for e in validator.iter_errors({"ticket": "OPS-1"})].count("minLength")
    assert not [
        e for e in validator.iter_errors({"ticket": "OPS-123"}) if e.validator == "minLength"
    ]
    error = _error(
        write, "actions:\n  schema_extension:\n    properties:\n      owner: {$ref: '#/nope'}\n"
    )
    assert error.line == 4 and "points at nothing" in error.message


def test_the_action_validator_never_fetches(write):
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"type": "string"}')

        def log_message(self, *_args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/s.json"
        # Built directly, past the config loader's check: the registry still refuses.
        with pytest.raises(ConfigError, match="points outside"):
            validator_for({"schema_extension": {"properties": {"owner": {"$ref": url}}}})
        raw = jsonschema.Draft202012Validator({"$ref": url}, registry=NO_RETRIEVAL)
        with pytest.raises(referencing.exceptions.Unresolvable):
            raw.validate("x")  # the registry itself refuses to retrieve
        time.sleep(0.05)
    finally:
        server.shutdown()
    assert hits == []


# ----- 5. user regular expressions are guarded -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        (f"actions:\n  id_pattern: '{EVIL}'\n", "actions.id_pattern", 2),
        (f"rules:\n  BL501:\n    id_pattern: '{EVIL}'\n", "rules.BL501.id_pattern", 3),
        (
            "actions:\n  schema_extension:\n    properties:\n      owner:\n"
            "        pattern: '(\\w+\\s?)*$'\n",
            "actions.schema_extension.properties.owner.pattern",
            5,
        ),
        (
            "actions:\n  schema_extension:\n    patternProperties:\n      '(a|ab)*x': {}\n",
            "actions.schema_extension.patternProperties.(a|ab)*x",
            4,
        ),
    ],
)
def test_a_catastrophic_pattern_is_a_config_error_naming_its_key(write, text, key, line):
    error = _error(write, text)
    assert f"key '{key}'" in error.message and "refused" in error.message
    assert error.line == line


def test_an_evil_pattern_cannot_hang_a_run(write, tmp_path):
    write(".blamelint.yaml", f"rules:\n  BL501:\n    id_pattern: '{EVIL}'\n")
    doc = write(
        "pm.md",
        "# Postmortem\n\n## Action items\n\n- [ ] " + "A" * 40 + "! Fix the alert "
        "(owner: sre, deadline: 2026-03-10, validation: it fires)\n",
    )
    result = run([str(doc)], RunOptions(select=["BL501"]))
    assert len(result.errors) == 1 and "rules.BL501.id_pattern" in str(result.errors[0])


# ----- 15 and 19. rule options are typed and ids known, at load --------------------------------


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ("rules:\n  BL104:\n    min_depth: five\n", "rules.BL104.min_depth", "not of type"),
        ("rules:\n  BL106:\n    rollover_hours: soon\n", "rules.BL106.rollover_hours", "type"),
        ("rules:\n  BL503:\n    horizon_days: 9.5\n", "rules.BL503.horizon_days", "integer"),
        ("rules:\n  BL101:\n    required: 5\n", "rules.BL101.required", "not of type"),
        ("rules:\n  BL501:\n    id_pattern: 5\n", "rules.BL501.id_pattern", "not of type"),
        ("rules:\n  BL101:\n    required: [nope]\n", "rules.BL101.required.0", "unknown section"),
        ("rules:\n  BL201:\n    required: [colour]\n", "rules.BL201.required.0", "metadata"),
        ("rules:\n  BL604:\n    required_fields: [x]\n", "rules.BL604.required_fields.0", "one"),
        ("rules:\n  BL601:\n    business_days: 1\n", "rules.BL601.business_days", "boolean"),
    ],
)
def test_rule_options_are_checked_against_their_schema_at_load(write, text, key, words):
    error = _error(write, text)
    assert f"key '{key}'" in error.message and words in error.message
    assert error.line == 3


def test_a_section_added_by_the_config_may_be_required(write):
    config = write(
        ".blamelint.yaml",
        "sections:\n  review:\n    aliases: [Review]\n    names: {en: Review, fr: Revue}\n"
        "rules:\n  BL101:\n    required: [review, resume]\n",
    )
    rule = next(r for r in load_config(config).rules if r.code == "BL101")
    assert list(rule.options["required"]) == ["review", "resume"]


# ----- 9. extends: each file once, cycles named -------------------------------------------------


def test_extends_loads_each_file_once(write, monkeypatch):
    from blamelint.run import config_files

    for level in range(25):
        parent = f"l{level + 1}.yaml" if level < 24 else None
        body = f"extends: [{parent}, {parent}]\n" if parent else "fail_level: error\n"
        write(f"l{level}.yaml", body)
    reads: list[str] = []
    real = config_files.read_config_file
    monkeypatch.setattr(config_files, "read_config_file", lambda p: reads.append(p.name) or real(p))
    config = load_config(write(".blamelint.yaml", "extends: [l0.yaml, l0.yaml]\n"))
    assert config.fail_level is not None and config.fail_level.label == "error"
    assert len(reads) == 26 and len(set(reads)) == 26


@pytest.mark.slow
def test_a_deep_extends_chain_loads_and_a_cycle_is_named(write):
    for level in range(3000):
        write(f"d{level}.yaml", f"extends: d{level + 1}.yaml\n" if level < 2999 else "{}\n")
    load_config(write(".blamelint.yaml", "extends: d0.yaml\n"))
    write("a.yaml", "fail_level: info\nextends: b.yaml\n")
    write("b.yaml", "extends: [a.yaml]\n")
    with pytest.raises(ConfigError) as info:
        load_config(write(".blamelint.yaml", "extends: a.yaml\n"))
    error = info.value
    assert "circular reference: a.yaml -> b.yaml -> a.yaml" in error.message
    assert error.path.endswith("b.yaml") and error.line == 1


def test_an_unreadable_pyproject_is_an_error_not_skipped(write, tmp_path, monkeypatch):
    import os
    from pathlib import Path

    from blamelint.run.config import discover

    write("pyproject.toml", "[tool.blamelint]\nfail_level = 'error'\n")
    real = os.open

    def denied(path, *args, **kwargs):  # what opening a file without read permission does
        if Path(path).name == "pyproject.toml":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(ConfigError) as info:
        discover(tmp_path)
    assert info.value.path == str(tmp_path.resolve() / "pyproject.toml")
    assert "cannot read pyproject.toml (permission denied)" in info.value.message
    monkeypatch.undo()
    (tmp_path / "pyproject.toml").write_bytes(b"[tool.blamelint]\nname = '\xff'\n")
    with pytest.raises(ConfigError, match="invalid UTF-8"):
        discover(tmp_path)
    (tmp_path / "pyproject.toml").write_bytes(b"[project]\nname = '\xff'\n")
    assert discover(tmp_path) is None  # not UTF-8 and not ours: not a config


# ----- 20. messages that name the file, the line and the real problem -------------------------


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ("timeliness:\n  required_fields: [x]\n", "timeliness.required_fields.0", "not one of"),
        ("nlp:\n  models:\n    en: /etc\n", "nlp.models.en", "not a spaCy model folder"),
        ("nlp:\n  models:\n    fr: ./no/such/model\n", "nlp.models.fr", "does not exist"),
    ],
)
def test_errors_once_found_at_lint_time_are_found_at_load(write, text, key, words):
    error = _error(write, text)
    assert f"key '{key}'" in error.message and words in error.message
    assert "pip install" not in error.message and error.line == text.count("\n")


def test_yaml_keys_equal_once_read_are_not_called_duplicates(write):
    from blamelint.base.yamlio import YamlError, load_yaml

    with pytest.raises(YamlError) as info:
        load_yaml("per_file_ignores:\n  1: [BL103]\n  true: [BL104]\n")
    assert info.value.line == 3 and "duplicate" not in info.value.message
    assert "keys '1' (line 2) and 'true' are the same key once read" in info.value.message
    with pytest.raises(YamlError, match="duplicate key 'a'"):
        load_yaml("a: 1\na: 2\n")
    assert load_yaml("'1': x\n'true': y\n") == {"1": "x", "true": "y"}


def test_a_duplicate_key_in_a_json_action_block_is_refused_like_yaml(write):
    from blamelint.actions.blocks import BlockError, parse_json

    text = '{"actions": [{"id": "ACT-1", "owner": "sre",\n "owner": "dba"}]}'
    with pytest.raises(BlockError) as info:
        parse_json(text)
    assert "duplicate key 'owner'" in info.value.message
    assert info.value.index == text.index('"owner": "dba"')


@pytest.mark.parametrize(
    ("deadline", "words"),
    [
        ("2026-02-30", "is not a real calendar date"),
        (" 2026-03-10 ", "has spaces around the date"),
        ("２０２６-０３-１０", "non-ASCII digits"),
        ("soon", "is not an ISO 8601 date"),
    ],
)
def test_deadline_messages_say_what_is_wrong(deadline, words):
    from blamelint.actions.items import ActionItem
    from blamelint.actions.schema import check_item

    item = ActionItem(
        id="ACT-1",
        description="Add an alert on lag above 50,000 messages",
        owner="sre",
        deadline=deadline,
        validation="the alert fires in staging",
        status="open",
        extra={},
        line=1,
        start=None,
        end=None,
        source="sidecar",
        file="pm.actions.json",
    )
    problems = [p for p in check_item(item, {}) if p.field == "deadline"]
    assert len(problems) == 1 and words in problems[0].message, problems


def test_an_error_in_an_extended_file_names_that_file_and_its_line(write):
    base = write("team/base.yaml", "fail_level: error\nrules:\n  BL101:\n    required: [nope]\n")
    config = write(".blamelint.yaml", "extends: team/base.yaml\nrules:\n  BL104: info\n")
    with pytest.raises(ConfigError) as info:
        load_config(config)
    assert info.value.path == str(base.resolve()) and info.value.line == 4
    assert "rules.BL101.required.0" in info.value.message
