"""The pre-commit hook, for real: `pre-commit install` in a temporary repository with this
working tree's `.pre-commit-hooks.yaml`, then `git commit` of a blameful postmortem (blocked)
and of clean ones (committed), with non-postmortem Markdown passing quietly.

pre-commit builds the hook's virtualenv by pip-installing this repository (spaCy and the
models come from the package index or pip's cache); PRE_COMMIT_HOME is kept under the test's
temporary folder so nothing leaks into the user's cache.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "data" / "workflow"
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


def run(args: list[str], cwd: Path, env: dict[str, str], check: bool = True):
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    if check and done.returncode != 0:
        raise AssertionError(f"{args} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done


def documented_config() -> tuple[str, dict]:
    """The `.pre-commit-config.yaml` snippet as README.md gives it (docs/workflow.md gives the
    same), as text and parsed."""
    snippets = []
    for doc in (ROOT / "README.md", ROOT / "docs" / "workflow.md"):
        blocks = re.findall(r"```yaml\n(.*?)```", doc.read_text(encoding="utf-8"), re.DOTALL)
        snippets.append([b for b in blocks if "id: blamelint" in b and "repos:" in b])
    (readme,), (workflow,) = snippets
    assert readme == workflow, "README.md and docs/workflow.md give different snippets"
    return readme, yaml.safe_load(readme)


def hook_source(tmp: Path, env: dict[str, str], branch: str) -> str:
    """A clone of this working tree (uncommitted changes committed, as `pre-commit try-repo`
    does) whose branch `branch` is checked out: what the documented `rev` names on the
    published repository."""
    head = run(["git", "rev-parse", "HEAD"], ROOT, env).stdout.strip()
    # Tracked changes and new files not ignored: a work in progress may need both.
    changed = run(["git", "diff", "--name-only", "HEAD"], ROOT, env).stdout
    untracked = run(["git", "ls-files", "--others", "--exclude-standard"], ROOT, env).stdout
    dirty = [name for name in (changed + untracked).split("\n") if name]
    shadow = tmp / "shadow-repo"
    run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(shadow)], tmp, env)
    run(["git", "checkout", "--quiet", "-B", branch, head], shadow, env)
    for name in dirty:
        source, target = ROOT / name, shadow / name
        if source.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
        else:
            target.unlink(missing_ok=True)
    if dirty:
        run(["git", "add", "-A"], shadow, env)
        run(["git", "commit", "--quiet", "--no-verify", "-m", "shadow"], shadow, env)
    return str(shadow)


@pytest.fixture(scope="module")
def installed_archive(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A git repository with the hook installed (slow: pre-commit builds its environment)."""
    if not PRE_COMMIT.exists() or shutil.which("git") is None:
        pytest.skip("pre-commit or git is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip("not a git working tree")
    tmp = tmp_path_factory.mktemp("precommit")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GITHUB_"))}
    env.update(
        PRE_COMMIT_HOME=str(tmp / "pre-commit-home"),
        GIT_AUTHOR_NAME="SRE",
        GIT_AUTHOR_EMAIL="sre@example.invalid",
        GIT_COMMITTER_NAME="SRE",
        GIT_COMMITTER_EMAIL="sre@example.invalid",
        NO_COLOR="1",
    )
    # The snippet exactly as documented; only the repository's URL becomes a local clone.
    snippet, parsed = documented_config()
    (entry,) = parsed["repos"]
    repo_url = hook_source(tmp, env, entry["rev"])
    repo = tmp / "archive"
    repo.mkdir()
    run(["git", "init", "--quiet"], repo, env)
    run(["git", "config", "commit.gpgsign", "false"], repo, env)
    pasted = snippet.replace(f"repo: {entry['repo']}", f"repo: {repo_url}")
    assert pasted != snippet
    (repo / ".pre-commit-config.yaml").write_text(pasted)
    # The team's config, in its original format, plus an exclude that --force-exclude honours.
    (repo / ".blamelint.yaml").write_text(
        "postmortem:\n  max_duration: 90\nexclude:\n  - postmortems/legacy/*\n"
    )
    run(["git", "add", "-A"], repo, env)
    run(["git", "commit", "--quiet", "-m", "config"], repo, env)
    run([str(PRE_COMMIT), "install"], repo, env)
    run([str(PRE_COMMIT), "install-hooks"], repo, env)  # builds the hook's environment
    return repo, env


@pytest.fixture
def archive(installed_archive):
    """The installed archive, reset after each test. Not autouse: only the slow tests that ask
    for it pay the install (the pattern and definition tests below read files only)."""
    yield installed_archive
    repo, env = installed_archive
    run(["git", "reset", "--quiet", "--hard"], repo, env)
    run(["git", "clean", "--quiet", "-fdx", "-e", ".pre-commit-config.yaml"], repo, env)


def commit(repo: Path, env: dict[str, str], files: dict[str, Path | str], message: str):
    for name, content in files.items():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        text = content.read_text(encoding="utf-8") if isinstance(content, Path) else content
        target.write_text(text, encoding="utf-8")
    run(["git", "add", *files], repo, env)
    return run(["git", "commit", "-m", message], repo, env, check=False)


def committed(repo: Path, env: dict[str, str]) -> list[str]:
    return run(["git", "ls-tree", "-r", "--name-only", "HEAD"], repo, env).stdout.split()


@pytest.mark.slow
def test_blameful_postmortem_is_blocked(archive) -> None:
    repo, env = archive
    done = commit(
        repo, env, {"postmortems/2026-03-03.md": FIXTURES / "blameful-en.md"}, "add postmortem"
    )
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "blamelint (blameless postmortems)" in output and "Failed" in output
    assert "postmortems/2026-03-03.md:10:" in output and "BL601" in output
    assert "postmortems/2026-03-03.md" not in committed(repo, env)


@pytest.mark.slow
def test_clean_postmortems_and_other_markdown_are_committed(archive) -> None:
    repo, env = archive
    blameful = (FIXTURES / "blameful-en.md").read_text(encoding="utf-8")
    done = commit(
        repo,
        env,
        {
            "postmortems/2026-03-01.md": FIXTURES / "clean-en.md",
            "postmortem-INC-2026-0302.md": FIXTURES / "clean-fr.md",
            # Not postmortems: the hook's file patterns leave them out, whatever they say.
            "README.md": "# Incident archive\n\nAsk Kevin Durand, he should have known.\n",
            "postmortems/README.md": "# How to write one\n",
            "postmortem-template.md": "# Postmortem {INCIDENT_ID}\n",
            # Excluded by the team's .blamelint.yaml, applied thanks to --force-exclude.
            "postmortems/legacy/2019.md": blameful,
        },
        "add clean postmortems",
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "Passed" in output
    assert {"postmortems/2026-03-01.md", "postmortem-INC-2026-0302.md", "README.md"} <= set(
        committed(repo, env)
    )


@pytest.mark.slow
def test_hook_on_non_postmortem_markdown_only_is_skipped(archive) -> None:
    repo, env = archive
    done = commit(repo, env, {"docs/guide.md": "# Guide\n\nNo sections here.\n"}, "docs")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "(no files to check)Skipped" in output


def recipe(path: Path) -> str:
    """The `blamelint new ... && gh issue create` recipe, as the document shows it."""
    blocks = re.findall(r"```sh\n(.*?)```", path.read_text(encoding="utf-8"), re.DOTALL)
    (found,) = [block for block in blocks if "gh issue create" in block]
    return found


@pytest.mark.slow
def test_new_commit_and_the_documented_recipe_with_the_hook(archive, tmp_path) -> None:
    """A first draft is template text: the hook rejects it (by design), `new --commit` says so
    and leaves nothing staged; the documented recipe, with --no-verify, works."""
    repo, env = archive
    bin_dir = Path(sys.executable).parent
    new = [str(bin_dir / "blamelint"), "new", "INC-2026-0301", "--impact", "checkout errors"]
    # --lang: the shipped template, not the postmortem-template.md another test committed.
    done = run(
        [*new, "--lang", "en", "--output-dir", "postmortems", "--commit"], repo, env, check=False
    )
    assert done.returncode == 2 and done.stdout == ""
    assert "Failed" in done.stderr and done.stderr.count("BL103 [placeholder]") > 5, done.stderr
    assert "not committed, and not staged\nblamelint: to commit the draft as it is: git add" in (
        done.stderr
    )
    assert (repo / "postmortems" / "postmortem-INC-2026-0301.md").is_file()
    status = run(["git", "status", "--porcelain", "-uall"], repo, env).stdout.splitlines()
    assert status == ["?? postmortems/postmortem-INC-2026-0301.md"]
    (repo / "postmortems" / "postmortem-INC-2026-0301.md").unlink()

    # The recipe of README.md and docs/workflow.md, with a stand-in `gh` that keeps the body.
    script = recipe(ROOT / "docs" / "workflow.md")
    assert script == recipe(ROOT / "README.md")
    fake = tmp_path / "fake-bin"
    fake.mkdir()
    (fake / "gh").write_text(
        '#!/bin/sh\nwhile [ "$1" != "--body-file" ]; do shift; done\ncp "$2" "$GH_BODY"\n'
    )
    (fake / "gh").chmod(0o755)
    body = tmp_path / "body.md"
    recipe_env = {
        **env,
        "PATH": f"{fake}{os.pathsep}{bin_dir}{os.pathsep}{env['PATH']}",
        "GH_BODY": str(body),
    }
    run(["bash", "-euc", script], repo, recipe_env)
    assert body.read_text(encoding="utf-8").startswith("# Postmortem INC-2026-0301")
    assert "postmortems/postmortem-INC-2026-0301.md" in committed(repo, env)
    assert run(["git", "status", "--porcelain"], repo, env).stdout == ""


# -- the hook definition and the CI files, read as data (fast) --------------------------------


def hook() -> dict:
    (entry,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return entry


@pytest.mark.parametrize(
    ("path", "linted"),
    [
        ("postmortems/2026-03-01-db.md", True),
        ("docs/postmortems/2026/pm.md", True),
        ("Post-Mortems/a.md", True),
        ("incidents/INC-1.md", True),
        ("postmortem-INC-2026-0301.md", True),
        ("archive/post-mortem-db.markdown", True),
        ("README.md", False),
        ("postmortems/README.md", False),
        ("postmortem-template.md", False),
        ("templates/postmortem-fr.md", False),
        ("docs/guide.md", False),
        ("CHANGELOG.md", False),
    ],
)
def test_hook_file_patterns(path: str, linted: bool) -> None:
    entry = hook()
    selected = re.search(entry["files"], path) and not re.search(entry["exclude"], path)
    assert bool(selected) is linted


def test_hook_definition() -> None:
    entry = hook()
    assert entry["id"] == "blamelint" and entry["entry"] == "blamelint"
    assert entry["language"] == "python" and entry["types"] == ["markdown"]
    assert "--force-exclude" in entry["args"]


def test_action_and_ci_examples_use_real_options() -> None:
    from click.testing import CliRunner

    from blamelint.cli.main import main

    help_text = CliRunner().invoke(main, ["check", "--help"]).output
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    script = action["runs"]["steps"][-1]["run"]  # the lint step
    workflow = yaml.safe_load((ROOT / "docs/ci/github-actions.yml").read_text(encoding="utf-8"))
    gitlab = yaml.safe_load((ROOT / "docs/ci/gitlab-ci.yml").read_text(encoding="utf-8"))
    script += "\n".join(gitlab["blamelint"]["script"])
    for option in re.findall(r"(--[a-z][a-z-]+)", script):
        assert option in help_text, option
    # Postmortems only by default, and the config's exclude applies to named files too.
    assert action["inputs"]["paths"]["default"] == "postmortems"
    assert "options=(--force-exclude)" in script
    inputs = set(action["inputs"])
    used = next(
        s for s in workflow["jobs"]["blamelint"]["steps"] if "blamelint@" in s.get("uses", "")
    )
    assert set(used["with"]) <= inputs


@pytest.mark.slow
def test_autoupdate_pins_the_documented_rev(archive) -> None:
    """The documented next step: `pre-commit autoupdate` replaces `rev: main` by a fixed
    revision (the newest release tag, or main's commit while there is none)."""
    repo, env = archive
    config = repo / ".pre-commit-config.yaml"
    before = config.read_text(encoding="utf-8")
    try:
        run([str(PRE_COMMIT), "autoupdate"], repo, env)
        (entry,) = yaml.safe_load(config.read_text(encoding="utf-8"))["repos"]
        source = entry["repo"]
        head = run(["git", "rev-parse", "main"], Path(source), env).stdout.strip()
        assert entry["rev"] == head
    finally:
        config.write_text(before, encoding="utf-8")
