"""Folders blamelint owns, and the per-user secret that signs what it keeps in them.

A cache folder is blamelint's only if blamelint created it: the folder is built under a
temporary name with its marker (`CACHEDIR.TAG`, naming blamelint) and `.gitignore` inside, then
renamed into place, so the marker exists from the first moment the folder does. An existing
folder is used only if it carries that marker (or is empty, which loses nothing); a project
folder named by mistake (`cache.dir: "."`) is refused, never written into. Removing a cache
removes blamelint's own entries only, so nothing else in a folder can be lost.

What blamelint reads back from a cache (findings, compiled regexes) is signed with an HMAC
under a random secret kept in the user's cache home (`$XDG_CACHE_HOME/blamelint/secret`,
created 0600). Repository content cannot know it, so an entry committed to a repository, or
written by another user, is never a hit.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import re
import shutil
import stat
import tempfile
from functools import cache
from pathlib import Path

MARKER = "CACHEDIR.TAG"
TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# blamelint cache; see bford.info/cachedir\n"
GITIGNORE = "# created by blamelint\n*\n"
_SECRET_BYTES = 32


class NotOwned(ValueError):
    """A folder blamelint did not create: it must not write into it or delete it."""


def user_cache_home() -> Path:
    """`$XDG_CACHE_HOME`, else `~/.cache`."""
    base = os.environ.get("XDG_CACHE_HOME")
    return Path(base).expanduser() if base else Path.home() / ".cache"


def is_marked(folder: Path) -> bool:
    try:
        with open(Path(folder) / MARKER, encoding="utf-8", errors="replace") as handle:
            text = handle.read(4096)
    except OSError:
        return False
    return text.startswith("Signature: 8a477f597d28d172789f06886806bc55") and "blamelint" in text


def check_owned(folder: Path) -> None:
    """NotOwned unless `folder` is absent, empty, or a folder blamelint marked."""
    folder = Path(folder)
    if not os.path.lexists(folder):
        return
    if is_marked(folder):
        return
    if folder.is_symlink() or not folder.is_dir():
        raise NotOwned("exists and is not a folder blamelint created")
    try:
        empty = not any(os.scandir(folder))
    except OSError as exc:
        raise NotOwned(f"cannot be read ({exc.strerror})") from None
    if not empty:
        raise NotOwned(
            "is an existing folder that blamelint did not create (it has no blamelint "
            "CACHEDIR.TAG); blamelint writes only into a folder of its own"
        )


def create_owned(folder: Path) -> None:
    """Make `folder` a marked blamelint folder (NotOwned if something else is there).

    OSError when the parent cannot be written: the caller runs without a cache.
    """
    folder = Path(folder)
    if is_marked(folder):
        return
    check_owned(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        (staging / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
        (staging / MARKER).write_text(TAG, encoding="utf-8")
        os.chmod(staging, 0o777 & ~_umask())
        os.rename(staging, folder)  # onto nothing or an empty folder; never a full one
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        if not is_marked(folder):  # another run may have won the race: its folder is fine
            raise
    if not is_marked(folder):
        raise NotOwned("is not a folder blamelint created")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def remove_owned(folder: Path, entry: re.Pattern[str]) -> list[str]:
    """Delete blamelint's own entries (relative paths matching `entry`), its marker and
    .gitignore, and the folders left empty; the names of what was kept, if anything."""
    folder = Path(folder)
    if not is_marked(folder):
        raise NotOwned(f"{folder} is not a blamelint cache (no CACHEDIR.TAG); not removed")
    kept: list[str] = []
    for root, dirs, files in os.walk(folder, topdown=False):
        here = Path(root)
        for name in files + [d for d in dirs if (here / d).is_symlink()]:
            relative = (here / name).relative_to(folder).as_posix()
            if entry.fullmatch(relative):
                (here / name).unlink()
            elif here != folder or name not in (MARKER, ".gitignore"):
                kept.append(relative)
        for name in dirs:
            sub = here / name
            if not sub.is_symlink():
                with contextlib.suppress(OSError):  # something not ours inside: kept
                    sub.rmdir()
    gitignore = folder / ".gitignore"
    ours = gitignore.is_file() and gitignore.read_text(encoding="utf-8", errors="replace")
    if gitignore.exists() and ours != GITIGNORE:
        kept.append(".gitignore")
    if not kept:
        for name in (".gitignore", MARKER):
            if (folder / name).is_file():
                (folder / name).unlink()
        folder.rmdir()
    return sorted(kept)


# ----- the secret -------------------------------------------------------------------------------


def _secret_path() -> Path:
    return user_cache_home() / "blamelint" / "secret"


@cache
def _secret_at(path: Path) -> bytes | None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not os.path.lexists(path):
            # Written whole under another name, then linked into place: a concurrent run
            # either wins or reads the winner's complete secret, never half of one.
            fd, temporary = tempfile.mkstemp(prefix=".secret.", dir=path.parent)  # 0600
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(os.urandom(_SECRET_BYTES))
                with contextlib.suppress(FileExistsError):
                    os.link(temporary, path)
            finally:
                os.unlink(temporary)
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            data = handle.read(_SECRET_BYTES + 1)
    except OSError:
        return None
    # Only a secret nobody else could read or have written is a secret.
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    if not mine or info.st_mode & 0o077 or not stat.S_ISREG(info.st_mode):
        return None
    return data if len(data) == _SECRET_BYTES else None


def secret() -> bytes | None:
    """This user's signing secret, created on first use; None if it cannot be kept safely."""
    return _secret_at(_secret_path())


def sign(key: bytes, *parts: bytes) -> str:
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for part in parts:
        mac.update(len(part).to_bytes(8, "big") + part)
    return mac.hexdigest()


def verify(key: bytes, expected: object, *parts: bytes) -> bool:
    return isinstance(expected, str) and hmac.compare_digest(expected, sign(key, *parts))
