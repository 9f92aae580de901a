"""The findings cache: a hit gives the findings a fresh run would, never stale ones.

Every part of the key is changed in turn and must miss; damaged and foreign entries are
misses that get replaced; a hit neither parses the document nor imports spaCy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from blamelint.cli.main import main
from blamelint.run import cache as cache_module
from blamelint.run.cache import FindingCache, clean
from blamelint.run.config import default_config
from blamelint.run.runner import RunOptions, run

from .conftest import ROOT
from .test_structure_rules import COMPLETE_EN

STRUCTURE = ("structure", "metadata", "meta")
FLAWED = COMPLETE_EN.replace("45 min", "TBD")


def lint(paths, cache_dir, **options):
    options.setdefault("select", STRUCTURE)
    return run([str(p) for p in paths], RunOptions(cache=True, cache_dir=cache_dir, **options))


def entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("v*/*/*.json"))


def test_a_hit_gives_the_same_findings_without_parsing(write, tmp_path, monkeypatch):
    path = write("pm.md", FLAWED)
    first = lint([path], tmp_path / "c")
    assert first.findings and len(entries(tmp_path / "c")) == 1

    def no_parsing(*_args, **_kwargs):
        raise AssertionError("a cache hit parsed the document")

    monkeypatch.setattr("blamelint.run.parallel.document_for", no_parsing)
    second = lint([path], tmp_path / "c")
    assert second.findings == first.findings
    assert second.files == first.files and not second.errors


def test_a_changed_file_is_linted_again(write, tmp_path):
    path = write("pm.md", FLAWED)
    assert lint([path], tmp_path / "c").findings
    path.write_text(COMPLETE_EN, encoding="utf-8")
    assert lint([path], tmp_path / "c").findings == []


def test_findings_are_labelled_with_the_current_path(write, tmp_path):
    first, second = write("a/pm.md", FLAWED), write("b/copy.md", FLAWED)
    lint([first], tmp_path / "c")
    result = lint([second], tmp_path / "c")
    assert len(entries(tmp_path / "c")) == 1  # one entry served both files
    assert {f.path for f in result.findings} == {str(second)}


# ----- each part of the key -------------------------------------------------------------------


def _key(tmp_path, text=FLAWED, display="pm.md", config=None, today=None) -> str:
    return FindingCache(tmp_path, today).key(text, display, config or default_config())


def test_the_key_is_stable(tmp_path):
    assert _key(tmp_path) == _key(tmp_path)


@pytest.mark.parametrize(
    "change",
    [
        "content",
        "one byte of content",
        "config",
        "select",
        "language",
        "vocabulary",
        "today",
        "blamelint version",
        "blamelint code or rule data",
        "spacy version",
        "model version",
        "model name",
    ],
)
def test_every_part_of_the_key_matters(change, tmp_path, monkeypatch):
    before = _key(tmp_path)
    config = default_config()
    text, today = FLAWED, None
    if change == "content":
        text = COMPLETE_EN
    elif change == "one byte of content":
        text = FLAWED.replace("TBD", "TBE")
    elif change == "config":
        config = replace(config, raw={"rules": {"BL103": "warning"}})
    elif change == "select":
        config = default_config(select=["structure"])
    elif change == "language":
        config = replace(config, language="fr")
    elif change == "vocabulary":
        config = replace(config, vocabulary=replace(config.vocabulary, people=("Ana",)))
    elif change == "today":
        today = "2026-01-02"
    elif change == "blamelint version":
        monkeypatch.setattr(cache_module, "__version__", "99.0")
        cache_module.code_and_data_digest.cache_clear()
    elif change == "blamelint code or rule data":
        monkeypatch.setattr(cache_module, "_hash_tree", _with_extra(cache_module._hash_tree))
        cache_module.code_and_data_digest.cache_clear()
    elif change == "spacy version":
        real = cache_module._distribution_version
        monkeypatch.setattr(
            cache_module,
            "_distribution_version",
            lambda name: "9.9.9" if name == "spacy" else real(name),
        )
    elif change in ("model version", "model name"):
        import blamelint.nlp.engine

        real = blamelint.nlp.engine.model_identity
        fake = "en_core_web_sm==9.0" if change == "model version" else "en_core_web_md==3.8.0"
        monkeypatch.setattr(
            blamelint.nlp.engine,
            "model_identity",
            lambda language, models=None: fake if language == "en" else real(language, models),
        )
        cache_module._model_identity.cache_clear()
    try:
        assert _key(tmp_path, text=text, config=config, today=today) != before
    finally:
        cache_module.code_and_data_digest.cache_clear()
        cache_module._model_identity.cache_clear()


def _with_extra(real):
    def hash_tree(root, pattern, hasher):
        real(root, pattern, hasher)
        if root.name == "rules":
            hasher.update(b"one more word in a word list")

    return hash_tree


def test_a_configured_model_folder_is_identified_by_its_meta_json(tmp_path):
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "meta.json").write_text('{"version": "1.0"}')
    config = replace(default_config(), models={"en": str(folder)})
    before = _key(tmp_path, config=config)
    (folder / "meta.json").write_text('{"version": "1.1"}')
    cache_module._model_identity.cache_clear()
    assert _key(tmp_path, config=config) != before


def test_sidecar_action_files_are_part_of_the_key(write, tmp_path):
    path = write("pm.md", FLAWED)
    before = _key(tmp_path, display=str(path))
    sidecar = write("pm.actions.yaml", "- id: A1\n  title: Add an alert\n")
    with_sidecar = _key(tmp_path, display=str(path))
    sidecar.write_text("- id: A2\n  title: Add an alert\n", encoding="utf-8")
    assert len({before, with_sidecar, _key(tmp_path, display=str(path))}) == 3


def test_a_changed_config_file_is_linted_again(write, tmp_path):
    path = write("pm.md", FLAWED)
    config = write(".blamelint.yaml", "rules:\n  BL103: warning\n")
    first = lint([path], tmp_path / "c")
    config.write_text("rules:\n  BL103: error\n", encoding="utf-8")
    second = lint([path], tmp_path / "c")
    assert {f.severity.label for f in first.findings if f.rule == "BL103"} == {"warning"}
    assert {f.severity.label for f in second.findings if f.rule == "BL103"} == {"error"}


# ----- damaged entries, crashes, unwritable folders ----------------------------------------------


@pytest.mark.parametrize(
    "damage",
    ["", "{", "[]", '{"key": "other", "findings": []}', '{"findings": [{"span": "x"}]}', "\x00"],
)
def test_a_damaged_entry_is_a_miss_and_is_replaced(damage, write, tmp_path):
    path = write("pm.md", FLAWED)
    expected = lint([path], tmp_path / "c").findings
    [entry] = entries(tmp_path / "c")
    entry.write_text(damage, encoding="utf-8")
    assert lint([path], tmp_path / "c").findings == expected
    assert json.loads(entry.read_text(encoding="utf-8"))["findings"]


def test_an_entry_claiming_no_findings_for_another_key_is_not_trusted(write, tmp_path):
    path = write("pm.md", FLAWED)
    expected = lint([path], tmp_path / "c").findings
    [entry] = entries(tmp_path / "c")
    entry.write_text(json.dumps({"key": "0" * 64, "findings": []}), encoding="utf-8")
    assert lint([path], tmp_path / "c").findings == expected


def test_a_write_interrupted_mid_way_leaves_nothing_a_later_run_trusts(
    write, tmp_path, monkeypatch
):
    path = write("pm.md", FLAWED)
    real = cache_module.write_atomic

    def crash(target, text, **kwargs):
        if not str(target).endswith(".json"):
            return real(target, text, **kwargs)
        # What a kill during the write leaves: a temporary file, never the entry itself.
        Path(target).parent.joinpath(f".{Path(target).name}.x.tmp").write_text(text[:9])
        raise KeyboardInterrupt

    monkeypatch.setattr(cache_module, "write_atomic", crash)
    with pytest.raises(KeyboardInterrupt):
        lint([path], tmp_path / "c")
    monkeypatch.undo()
    assert entries(tmp_path / "c") == []
    assert list((tmp_path / "c").glob("v*/*/.*.tmp"))  # the debris is there, and ignored
    assert lint([path], tmp_path / "c").findings  # linted afresh, not served from the debris


def test_an_unwritable_cache_folder_does_not_fail_the_run(write, tmp_path):
    path = write("pm.md", FLAWED)
    blocker = write("not-a-folder", "a file where the cache folder's parent should be")
    result = lint([path], blocker / "cache")
    assert result.findings and not result.errors


def test_no_cache_writes_nothing(write, tmp_path, monkeypatch):
    path = write("pm.md", FLAWED)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--select", "BL103", "--no-cache", str(path)])
    assert result.exit_code == 1
    assert not (tmp_path / ".blamelint_cache").exists()


def test_the_linted_file_and_the_checkout_are_never_written(write, tmp_path, monkeypatch):
    path = write("docs/pm.md", FLAWED)
    before = (path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(tmp_path)))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BLAMELINT_CACHE_DIR", raising=False)  # the default: the cache home
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path.parent / f"{tmp_path.name}-home"))
    for _ in range(2):
        CliRunner().invoke(main, ["--select", "structure", str(path)])
    after = (path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(tmp_path)))
    assert after == before  # no .blamelint_cache in the checkout either
    home = tmp_path.parent / f"{tmp_path.name}-home" / "blamelint"
    assert (home / "findings" / "CACHEDIR.TAG").is_file()
    assert (home / "secret").stat().st_mode & 0o777 == 0o600


# ----- clean --------------------------------------------------------------------------------------


def test_clean_removes_the_cache_and_refuses_other_folders(write, tmp_path, monkeypatch):
    path = write("pm.md", FLAWED)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BLAMELINT_CACHE_DIR", raising=False)  # the default: the cache home
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    lint([path], None)
    default = tmp_path / "home" / "blamelint" / "findings"
    assert entries(default)
    result = CliRunner().invoke(main, ["clean"])
    assert result.exit_code == 0 and result.output == f"removed {default}\n"
    assert not default.exists()
    (tmp_path / "precious").mkdir()
    result = CliRunner().invoke(main, ["clean", "--cache-dir", "precious"])
    assert result.exit_code == 2
    assert "is not a blamelint cache" in result.output
    assert (tmp_path / "precious").is_dir()
    assert clean(tmp_path / "absent") is False


def test_the_cache_folder_can_come_from_the_config(write, tmp_path, monkeypatch):
    path = write("pm.md", FLAWED)
    write(".blamelint.yaml", "cache:\n  dir: .cache/blamelint\n")
    monkeypatch.chdir(tmp_path)
    run([str(path)], RunOptions(cache=True, select=STRUCTURE))
    assert entries(tmp_path / ".cache" / "blamelint")
    write(".blamelint.yaml", "cache:\n  enabled: false\n  dir: off-cache\n")
    run([str(path)], RunOptions(cache=True, select=STRUCTURE))
    assert not (tmp_path / "off-cache").exists()


# ----- a hit never imports spaCy -------------------------------------------------------------------

_PROBE = """
import sys
from blamelint.run.runner import RunOptions, run
result = run([sys.argv[1]], RunOptions(cache=True, cache_dir=sys.argv[2], select=["names"]))
assert not result.errors, result.errors
print(len(result.findings), "spacy" in sys.modules)
"""


@pytest.mark.nlp
@pytest.mark.slow
def test_a_cache_hit_never_imports_spacy(write, tmp_path):
    path = write("pm.md", "# Incident\n\n## Timeline\n\nJohn Smith restarted the database.\n")

    def probe() -> tuple[int, bool]:
        done = subprocess.run(
            [sys.executable, "-c", _PROBE, str(path), str(tmp_path / "c")],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        count, imported = done.stdout.split()
        return int(count), imported == "True"

    count, imported = probe()
    assert imported  # the miss needed the names rule's NER...
    assert probe() == (count, False)  # ...the hit gives the same findings without spaCy
