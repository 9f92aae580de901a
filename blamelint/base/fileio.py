"""Writing files blamelint creates (reports, templates, cache): atomically, never half-written.

Two writers:
- `write_atomic` for files blamelint owns (cache entries): a temporary file in the same folder
  and a rename, so a reader sees the old file or the new one, never half of one;
- `write_output` for a path the user names (`-o report.txt`): a new path or a regular file is
  replaced atomically and gets the mode a shell redirection would give it (the umask's, or the
  existing file's); a symlink is followed to its target; a FIFO, a terminal or a device is
  opened and written like `>` does, never renamed over; a path that is one of the linted
  inputs is refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

from .errors import InputError


def write_atomic(path: Path, text: str, *, overwrite: bool = True, private: bool = False) -> None:
    """Write `text` to `path` through a temporary file and a rename in the same folder.

    The file gets the umask's mode (0666 minus the umask), or 0600 with `private`. With
    overwrite=False an existing file is never replaced (FileExistsError), even if it appears
    between the check and the rename.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    mode = 0o600 if private else 0o666  # os.open applies the umask to the mode it creates
    for _attempt in range(100):
        temporary = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
            break
        except FileExistsError:
            continue
    else:  # pragma: no cover - 100 collisions of 48 random bits
        raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # fails if the path exists: no race with another writer
            os.unlink(temporary)
    except BaseException:
        if os.path.lexists(temporary):
            os.unlink(temporary)
        raise


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def write_output(path: Path, text: str, inputs: Iterable[str | Path] = ()) -> None:
    """Write a report to a path the user named; InputError naming the path when refused.

    OSError is left to the caller for trouble the system reports (no such folder, full disk).
    """
    path = Path(path)
    for source in inputs:
        if _same_file(path, Path(source)):
            raise InputError(
                "is one of the linted files (or their sidecars or config); refusing to write "
                "the report over it",
                str(path),
            )
    target = Path(os.path.realpath(path))  # a symlink is written through, never replaced
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory", str(path))
    if info is None or stat.S_ISREG(info.st_mode):
        write_atomic(target, text)
        if info is not None:  # keep the mode the replaced file had, as `>` would
            with contextlib.suppress(OSError):
                os.chmod(target, stat.S_IMODE(info.st_mode))
        return
    # A FIFO, a terminal, a device node: open and write it as a shell redirection does.
    flags = os.O_WRONLY | os.O_NOCTTY
    if stat.S_ISFIFO(info.st_mode):
        flags |= os.O_NONBLOCK  # no reader: ENXIO now instead of waiting forever
    try:
        fd = os.open(target, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise InputError("is a FIFO that no process is reading", str(path)) from None
        raise
    os.set_blocking(fd, True)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
