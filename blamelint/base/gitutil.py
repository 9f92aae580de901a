"""The little git that blamelint needs: which files changed since a ref, and a commit.

Plain `git` subprocesses, no library: CI images and pre-commit environments all have git,
and its own messages are the clearest explanation when something is wrong.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from .errors import InputError


class GitError(InputError):
    """git exited with an error; `output` keeps all it printed (stdout, then stderr)."""

    def __init__(self, message: str, command: str = "", output: str = ""):
        super().__init__(message)
        self.command = command  # "commit", "add", ...
        self.output = output


PathT = TypeVar("PathT", str, Path)


def run_git(arguments: list[str], cwd: Path | str) -> str:
    """Run git in `cwd`; return stdout or raise InputError with git's own reason."""
    try:
        done = subprocess.run(
            ["git", *arguments],
            cwd=str(cwd),
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=False,
            # A pager or an editor would hang a CI job or a test.
            env={**os.environ, "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0"},
        )
    except FileNotFoundError:
        raise InputError("git is not installed or not on PATH") from None
    if done.returncode != 0:
        lines = [line for line in (done.stderr or done.stdout).strip().splitlines() if line]
        reason = lines[-1] if lines else f"exit code {done.returncode}"
        raise GitError(
            f"git {arguments[0]} failed: {reason}",
            arguments[0],
            (done.stdout or "") + (done.stderr or ""),
        )
    return done.stdout


def repository_root(cwd: Path | str) -> Path:
    try:
        top = run_git(["rev-parse", "--show-toplevel"], cwd).strip()
    except GitError:
        raise InputError("not inside a git repository", str(cwd)) from None
    return Path(top).resolve()


def changed_since(ref: str, cwd: Path | str = ".") -> set[Path]:
    """Files added, copied, modified or renamed since `ref`, as resolved absolute paths.

    "Since" is measured from the merge base of `ref` and HEAD, as a pull request is: a
    branch that is behind main must not be blamed for files changed on main meanwhile.
    The working tree is compared (not HEAD), so local edits and new untracked files count
    too; in CI the checkout is clean and the two are the same. Deleted files are left out:
    there is nothing to lint.
    """
    root = repository_root(cwd)
    if ref.startswith("-"):
        # A ref such as "--output=x" would be read by git as an option.
        raise InputError(f"invalid git ref {ref!r}")
    try:
        run_git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], root)
    except InputError:
        raise InputError(
            f"unknown git ref {ref!r} (in CI, fetch it first: actions/checkout with "
            "fetch-depth: 0, or `git fetch origin main`)"
        ) from None
    try:
        base = run_git(["merge-base", ref, "HEAD"], root).strip()
    except InputError:
        raise InputError(
            f"no common history between {ref!r} and HEAD (a shallow clone? fetch more "
            "history, e.g. actions/checkout with fetch-depth: 0)"
        ) from None
    changed = run_git(
        ["diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", base, "--"], root
    )
    untracked = run_git(["ls-files", "--others", "--exclude-standard", "-z"], root)
    names = [name for name in (changed + untracked).split("\0") if name]
    return {(root / name).resolve() for name in names}


def select_changed(paths: Sequence[PathT], ref: str, cwd: Path | str = ".") -> list[PathT]:
    """Keep, in order, the paths (as the caller gave them) that changed since `ref`.

    Each path is judged in its own repository, not the current directory's: `cd /tmp &&
    blamelint --changed-since HEAD ~/archive/postmortems` must read ~/archive's history. A
    path outside any repository is an error naming that path. Relative paths are read from
    `cwd`.
    """
    base = Path(cwd)
    roots: dict[Path, Path] = {}  # folder -> its repository's top level
    changed: dict[Path, set[Path]] = {}  # top level -> files changed there
    kept: list[PathT] = []
    for path in paths:
        resolved = (base / path).resolve()
        folder = resolved if resolved.is_dir() else resolved.parent
        if folder not in roots:
            try:
                roots[folder] = repository_root(folder)
            except InputError:
                raise InputError("not inside a git repository", str(path)) from None
        root = roots[folder]
        if root not in changed:
            changed[root] = changed_since(ref, root)
        if resolved in changed[root]:
            kept.append(path)
    return kept
