"""Data that must survive: blamelint writes only into folders it created, never over its
inputs, and trusts nothing in a cache that this user's secret did not sign (issue 9, 1-3, 7).

Every case runs in a temporary folder with sentinel files that must be intact afterwards.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from blamelint.base import owned
from blamelint.cli.main import main
from blamelint.nlp import regex_cache
from blamelint.run.cache import FindingCache, clean
from blamelint.run.runner import RunOptions, run

from .test_structure_rules import COMPLETE_EN

FLAWED = COMPLETE_EN.replace("45 min", "TBD")
SENTINELS = {".git/HEAD": "ref: refs/heads/main\n", ".gitignore": "build/\n", "notes.txt": "keep"}


@pytest.fixture(autouse=True)
def _own_cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))


def _project(root: Path) -> Path:
    for name, text in SENTINELS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "pm.md").write_text(FLAWED, encoding="utf-8")
    return root / "pm.md"


def _intact(root: Path) -> bool:
    return (
        all((root / n).read_text(encoding="utf-8") == t for n, t in SENTINELS.items())
        and (root / "pm.md").read_text(encoding="utf-8") == FLAWED
    )


def _check(args, cwd: Path):
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, ["check", "--select", "BL103", *args])
    finally:
        os.chdir(previous)


# ----- 1. the cache folder is blamelint's own -----------------------------------------------------


@pytest.mark.parametrize("setting", ["cache_dir_dot", "config_dot", "config_absolute"])
def test_a_project_folder_named_as_cache_is_refused_and_survives_clean(tmp_path, setting):
    project = tmp_path / "project"
    project.mkdir()
    pm = _project(project)
    args = ["pm.md"]
    if setting == "cache_dir_dot":
        args = ["--cache-dir", ".", *args]
    else:
        value = "." if setting == "config_dot" else str(project)
        (project / ".blamelint.yaml").write_text(f"cache:\n  dir: '{value}'\n", encoding="utf-8")
        SENTINELS_WITH_CONFIG = (project / ".blamelint.yaml").read_text(encoding="utf-8")
    result = _check(args, project)
    assert result.exit_code == 2, result.output
    assert "blamelint did not create" in result.output and "--no-cache" in result.output
    if setting != "cache_dir_dot":
        assert ".blamelint.yaml:2:" in result.output  # the file and line of cache.dir
    clean_args = ["clean", "--cache-dir", "."] if setting == "cache_dir_dot" else ["clean"]
    previous = Path.cwd()
    os.chdir(project)
    try:
        cleaned = CliRunner().invoke(main, clean_args)
    finally:
        os.chdir(previous)
    assert cleaned.exit_code == 2 and "not a blamelint cache" in cleaned.output
    assert _intact(project) and pm.exists()
    if setting != "cache_dir_dot":
        assert (project / ".blamelint.yaml").read_text(encoding="utf-8") == SENTINELS_WITH_CONFIG
    assert not list(project.glob("CACHEDIR.TAG")) and not list(project.glob("v*"))


def test_clean_removes_only_blamelint_entries_from_a_marked_folder(tmp_path):
    cache = tmp_path / "c"
    run([str(_project(tmp_path))], RunOptions(cache=True, cache_dir=cache, select=["BL103"]))
    assert owned.is_marked(cache) and list(cache.glob("v*/*/*.json"))
    (cache / "mine.txt").write_text("someone put this here", encoding="utf-8")
    (cache / "v2" / "ab").mkdir(parents=True, exist_ok=True)
    (cache / "v2" / "ab" / "report.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match="kept 2 other file"):
        clean(cache)
    assert (cache / "mine.txt").read_text(encoding="utf-8") == "someone put this here"
    assert (cache / "v2" / "ab" / "report.json").exists()
    assert not list(cache.glob("v*/*/[0-9a-f]*.json"))  # blamelint's own entries are gone
    (cache / "mine.txt").unlink()
    (cache / "v2" / "ab" / "report.json").unlink()
    assert clean(cache) is True and not cache.exists()


def test_an_empty_or_new_folder_becomes_a_marked_cache_and_tilde_is_expanded(tmp_path):
    pm = _project(tmp_path)
    (tmp_path / "empty").mkdir()
    run([str(pm)], RunOptions(cache=True, cache_dir=tmp_path / "empty", select=["BL103"]))
    assert owned.is_marked(tmp_path / "empty")
    assert (tmp_path / "empty" / ".gitignore").read_text(encoding="utf-8") == owned.GITIGNORE
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "BLAMELINT_CACHE_DIR": "~/bl-cache"}
    done = subprocess.run(
        [sys.executable, "-m", "blamelint.cli", "check", "--select", "BL103", str(pm)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert owned.is_marked(home / "bl-cache") and not (tmp_path / "~").exists()


def test_concurrent_runs_share_a_new_cache_folder(tmp_path):
    pm = _project(tmp_path)
    cache = tmp_path / "shared"
    results = []

    def one() -> None:
        results.append(run([str(pm)], RunOptions(cache=True, cache_dir=cache, select=["BL103"])))

    threads = [threading.Thread(target=one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(r.findings and not r.errors for r in results)
    assert owned.is_marked(cache) and not list(tmp_path.glob(".shared.*"))


# ----- 2. the report file -----------------------------------------------------------------------


def test_a_report_over_a_linted_file_is_refused(tmp_path):
    pm = _project(tmp_path)
    (tmp_path / "link.md").symlink_to(pm)
    for target in ("pm.md", "./pm.md", "link.md", str(pm)):
        result = _check(["--no-cache", "pm.md", "-o", target], tmp_path)
        assert result.exit_code == 2 and "one of the linted files" in result.output, target
        assert pm.read_text(encoding="utf-8") == FLAWED
    result = _check(["--no-cache", ".", "-o", "pm.md"], tmp_path)  # found by walking
    assert result.exit_code == 2 and pm.read_text(encoding="utf-8") == FLAWED
    sidecar = tmp_path / "pm.actions.json"
    sidecar.write_text('{"actions": []}', encoding="utf-8")
    (tmp_path / ".blamelint.yaml").write_text("fail_level: warning\n", encoding="utf-8")
    for target in ("pm.actions.json", ".blamelint.yaml"):  # a sidecar, the config
        result = _check(["--no-cache", "pm.md", "-o", target], tmp_path)
        assert result.exit_code == 2 and "one of the linted files" in result.output, target
    assert sidecar.read_text(encoding="utf-8") == '{"actions": []}'
    assert (tmp_path / ".blamelint.yaml").read_text(encoding="utf-8") == "fail_level: warning\n"


def test_a_report_is_written_through_a_symlink_and_gets_the_umask_mode(tmp_path):
    pm = _project(tmp_path)
    (tmp_path / "reports").mkdir()
    (tmp_path / "latest.txt").symlink_to(tmp_path / "reports" / "r.txt")
    result = _check(["--no-cache", str(pm), "-o", "latest.txt"], tmp_path)
    assert result.exit_code == 1
    assert (tmp_path / "latest.txt").is_symlink()
    assert "BL103" in (tmp_path / "reports" / "r.txt").read_text(encoding="utf-8")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE((tmp_path / "reports" / "r.txt").stat().st_mode) == 0o666 & ~mask
    (tmp_path / "reports" / "r.txt").chmod(0o640)  # an existing file keeps its mode
    _check(["--no-cache", str(pm), "-o", "latest.txt"], tmp_path)
    assert stat.S_IMODE((tmp_path / "reports" / "r.txt").stat().st_mode) == 0o640


def test_a_report_to_a_fifo_is_written_into_it_not_renamed_over(tmp_path):
    pm = _project(tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = _check(["--no-cache", str(pm), "-o", "pipe"], tmp_path)
    assert result.exit_code == 2 and "no process is reading" in result.output
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there: no waiting
    try:
        result = _check(["--no-cache", str(pm), "-o", "pipe"], tmp_path)
        received = os.read(reader, 1 << 20)
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert result.exit_code == 1 and b"BL103" in received


def test_a_report_to_a_device_is_written_not_replaced(tmp_path):
    result = _check(["--no-cache", str(_project(tmp_path)), "-o", "/dev/null"], tmp_path)
    assert result.exit_code == 1 and stat.S_ISCHR(os.stat("/dev/null").st_mode)


# ----- 3. cache entries are not forgeable -------------------------------------------------------


def _forge(cache: Path, key: str) -> Path:
    entry = cache / "v2" / key[:2] / f"{key}.json"
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_text(json.dumps({"key": key, "findings": [], "mac": "0" * 64}), encoding="utf-8")
    return entry


def test_a_committed_cache_entry_never_hides_findings(tmp_path):
    pm = _project(tmp_path)
    cache = tmp_path / "committed-cache"
    first = run([str(pm)], RunOptions(cache=True, cache_dir=cache, select=["BL103"]))
    assert first.findings
    # Everything an attacker can know offline: the entry name and layout, a key computed with
    # another secret (the repository's author's), an empty list of findings.
    for entry in cache.glob("v*/*/*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["findings"] = []
        entry.write_text(json.dumps(data), encoding="utf-8")  # tampered, old signature
    other = FindingCache(cache, secret=b"x" * 32)
    from blamelint.run.config import default_config

    config = default_config(select=["BL103"])
    _forge(cache, other.key(FLAWED, str(pm), config))
    again = run([str(pm)], RunOptions(cache=True, cache_dir=cache, select=["BL103"]))
    assert again.findings == first.findings


def test_no_usable_secret_means_no_cache(tmp_path, monkeypatch):
    home = tmp_path / "cache-home" / "blamelint"
    home.mkdir(parents=True)
    (home / "secret").write_bytes(b"y" * 32)
    (home / "secret").chmod(0o644)  # readable by others: not a secret
    owned._secret_at.cache_clear()
    try:
        assert owned.secret() is None
        cache = tmp_path / "c"
        result = run([str(_project(tmp_path))], RunOptions(cache=True, cache_dir=cache))
        assert result.findings and not cache.exists()
    finally:
        owned._secret_at.cache_clear()


# ----- 7. recorded regex programs are verified --------------------------------------------------


def test_a_regex_entry_carrying_another_program_is_a_miss(tmp_path, monkeypatch):
    monkeypatch.setattr(regex_cache, "SLOW_SECONDS", 0.0)
    owned._secret_at.cache_clear()
    roster = r"(?:Alice|Bob)"
    re.purge()
    with regex_cache.compiled_regexes(tmp_path):
        re.compile(roster)
    [entry] = tmp_path.glob("*.json")
    forged = regex_cache._program("(?:Zed)", 0)  # another program, under the roster's name
    forged["pattern"] = roster
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(regex_cache._encode(forged, b"z" * 32), encoding="utf-8")
    re.purge()
    assert regex_cache.seed(tmp_path) == 0
    assert re.compile(roster).search("Bob was paged")
    entry.write_text(json.dumps(data), encoding="utf-8")  # the genuine entry still seeds
    assert regex_cache.seed(tmp_path) == 1
    re.purge()


def test_concurrent_first_runs_agree_on_one_whole_secret(tmp_path):
    probe = "from blamelint.base import owned; print((owned.secret() or b'').hex())"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "fresh")}
    runs = [
        subprocess.Popen([sys.executable, "-c", probe], stdout=subprocess.PIPE, text=True, env=env)
        for _ in range(4)
    ]
    secrets = {run.communicate(timeout=60)[0].strip() for run in runs}
    assert len(secrets) == 1 and len(secrets.pop()) == 64
    assert stat.S_IMODE((tmp_path / "fresh" / "blamelint" / "secret").stat().st_mode) == 0o600


def test_cache_dir_in_a_config_expands_tilde_and_is_relative_to_its_file(tmp_path, monkeypatch):
    from blamelint.run.cache import default_directory
    from blamelint.run.config import load_config

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "base.yaml").write_text("cache:\n  dir: shared-cache\n", encoding="utf-8")
    (tmp_path / ".blamelint.yaml").write_text("extends: team/base.yaml\n", encoding="utf-8")
    folder = default_directory(None, load_config(tmp_path / ".blamelint.yaml"))
    assert folder.path == tmp_path.resolve() / "team" / "shared-cache"
    assert folder.config == str((tmp_path / "team" / "base.yaml").resolve()) and folder.line == 2
    (tmp_path / ".blamelint.yaml").write_text("cache:\n  dir: ~/bl\n", encoding="utf-8")
    folder = default_directory(None, load_config(tmp_path / ".blamelint.yaml"))
    assert folder.path == tmp_path / "home" / "bl"
