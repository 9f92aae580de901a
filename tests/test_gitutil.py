"""`--changed-since`: which files changed since a git ref, in real temporary repositories."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from blamelint.base.errors import InputError
from blamelint.base.gitutil import changed_since, select_changed

pytestmark = pytest.mark.slow


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True
    ).stdout


def init_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "--quiet", "--initial-branch=main")
    git(path, "config", "user.email", "ci@example.invalid")
    git(path, "config", "user.name", "CI")
    git(path, "config", "commit.gpgsign", "false")
    return path


def write(path: Path, text: str = "# Postmortem\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main has two postmortems and a README; branch `pr` changes one and adds one."""
    repo = init_repo(tmp_path / "archive")
    write(repo / "postmortems" / "old.md")
    write(repo / "postmortems" / "edited.md")
    write(repo / "README.md", "# Archive\n")
    commit_all(repo, "initial")
    git(repo, "checkout", "--quiet", "-b", "pr")
    write(repo / "postmortems" / "edited.md", "# Postmortem\n\nMore.\n")
    write(repo / "postmortems" / "new pm.md")
    commit_all(repo, "pr work")
    return repo


def names(paths: set[Path], repo: Path) -> set[str]:
    return {path.relative_to(repo.resolve()).as_posix() for path in paths}


def test_changed_on_branch(repo: Path) -> None:
    assert names(changed_since("main", repo), repo) == {
        "postmortems/edited.md",
        "postmortems/new pm.md",
    }


def test_measured_from_the_merge_base(repo: Path) -> None:
    # main moves on after the branch point: its changes are not the pull request's.
    git(repo, "checkout", "--quiet", "main")
    write(repo / "postmortems" / "old.md", "# Changed on main\n")
    commit_all(repo, "main moves on")
    git(repo, "checkout", "--quiet", "pr")
    assert "postmortems/old.md" not in names(changed_since("main", repo), repo)


def test_working_tree_and_untracked_count_deleted_do_not(repo: Path) -> None:
    write(repo / "postmortems" / "old.md", "# Edited locally\n")
    write(repo / "postmortems" / "draft.md")
    (repo / "postmortems" / "edited.md").unlink()
    write(repo / "ignored.md")
    write(repo / ".gitignore", "ignored.md\n")
    assert names(changed_since("main", repo), repo) == {
        "postmortems/old.md",
        "postmortems/draft.md",
        "postmortems/new pm.md",
        ".gitignore",
    }


def test_from_a_subdirectory_and_select(repo: Path) -> None:
    sub = repo / "postmortems"
    assert names(changed_since("main", sub), repo) == {
        "postmortems/edited.md",
        "postmortems/new pm.md",
    }
    paths = ["old.md", "edited.md", "new pm.md", "../README.md"]
    assert select_changed(paths, "main", sub) == ["edited.md", "new pm.md"]


def test_commit_ref_and_head(repo: Path) -> None:
    first = git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    assert len(changed_since(first, repo)) == 2
    assert changed_since("HEAD", repo) == set()


def test_not_a_repository(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not inside a git repository"):
        changed_since("main", tmp_path)


@pytest.mark.parametrize("ref", ["no-such-branch", "--output=/tmp/x", "main..HEAD"])
def test_bad_refs(repo: Path, ref: str) -> None:
    with pytest.raises(InputError):
        changed_since(ref, repo)


def test_unrelated_history(repo: Path) -> None:
    git(repo, "checkout", "--quiet", "--orphan", "island")
    git(repo, "rm", "-r", "--quiet", "--cached", ".")
    commit_all(repo, "unrelated root")
    with pytest.raises(InputError, match="no common history"):
        changed_since("main", repo)


def test_cli_changed_since_lints_only_changed_postmortems(repo: Path, monkeypatch) -> None:
    import json

    from click.testing import CliRunner

    from blamelint.cli.main import main

    monkeypatch.chdir(repo)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    runner = CliRunner()
    every = runner.invoke(main, ["--format", "json", "--isolated", "postmortems"])
    assert sorted({f["path"] for f in json.loads(every.stdout)["findings"]}) == [
        "postmortems/edited.md",
        "postmortems/new pm.md",
        "postmortems/old.md",
    ]
    changed = runner.invoke(
        main, ["--format", "json", "--isolated", "--changed-since", "main", "postmortems"]
    )
    assert changed.exit_code == 1, changed.output
    assert sorted({f["path"] for f in json.loads(changed.stdout)["findings"]}) == [
        "postmortems/edited.md",
        "postmortems/new pm.md",
    ]
    # Nothing changed since HEAD: nothing to lint, a clean exit.
    none = runner.invoke(main, ["--isolated", "--changed-since", "HEAD", "postmortems"])
    assert none.exit_code == 0, none.output
    bad = runner.invoke(main, ["--isolated", "--changed-since", "nope", "postmortems"])
    assert bad.exit_code == 2 and "unknown git ref 'nope'" in bad.stderr


def test_cli_changed_since_reads_the_linted_paths_repository(
    repo: Path, tmp_path: Path, monkeypatch
) -> None:
    """Run from a folder outside any repository: the archive's own history decides."""
    import json

    from click.testing import CliRunner

    from blamelint.cli.main import main

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    runner = CliRunner()
    target = str(repo / "postmortems")
    changed = runner.invoke(
        main, ["--format", "json", "--isolated", "--changed-since", "main", target]
    )
    assert changed.exit_code == 1, changed.output
    found = {Path(f["path"]).name for f in json.loads(changed.stdout)["findings"]}
    assert found == {"edited.md", "new pm.md"}
    none = runner.invoke(main, ["--isolated", "--changed-since", "HEAD", target])
    assert none.exit_code == 0, none.output
    # A file outside any repository is named in the error.
    stray = write(elsewhere / "stray.md")
    bad = runner.invoke(main, ["--isolated", "--changed-since", "HEAD", str(stray)])
    assert bad.exit_code == 2
    assert f"{stray}: not inside a git repository" in bad.stderr


def test_select_changed_across_two_repositories(repo: Path, tmp_path: Path) -> None:
    other = init_repo(tmp_path / "other")
    write(other / "a.md")
    commit_all(other, "initial")
    write(other / "a.md", "# Changed\n")
    paths = [repo / "postmortems" / "old.md", other / "a.md", repo / "postmortems" / "edited.md"]
    # `main` exists in both; each path is compared in its own repository.
    assert select_changed(paths, "main") == [other / "a.md", repo / "postmortems" / "edited.md"]
