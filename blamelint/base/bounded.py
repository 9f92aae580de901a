"""Reading what users give blamelint: only regular files, and never more than a limit.

A FIFO named `pm.md` would block `read()` forever, `/dev/zero` never ends, and a file or a
pipe may hold more than its size said: every read here opens without blocking, refuses what
is not a regular file, and stops at `limit + 1` bytes while reading, so memory stays bounded
whatever the input is. Callers turn `ReadRefused` into their own one-line error.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

# max_file_size's default: also the bound for files read before any config is known.
DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024
_CHUNK = 1 << 20
_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class ReadRefused(Exception):
    """Why a file was not read, as one lower-case phrase ("not a regular file (a FIFO)")."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def not_regular(mode: int) -> str | None:
    """The reason a file of this mode is never read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory"
    kind = next((name for test, name in _KINDS if test(mode)), "a special file")
    return f"not a regular file ({kind})"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return (exc.strerror or "cannot read file").lower()


def read_file(path: Path | str, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; ReadRefused otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise ReadRefused(_os_reason(exc)) from None
    try:
        info = os.fstat(descriptor)
        reason = not_regular(info.st_mode)
        if reason:
            raise ReadRefused(reason)
        if info.st_size > limit:
            raise ReadRefused(f"file is {info.st_size:,} bytes, over the {limit:,}-byte limit")
        return _read_at_most(lambda size: os.read(descriptor, size), limit, "file")
    except OSError as exc:
        raise ReadRefused(_os_reason(exc)) from None
    finally:
        os.close(descriptor)


def read_stream(stream: BinaryIO | None, limit: int) -> bytes:
    """At most `limit` bytes from a binary stream (standard input); ReadRefused beyond."""
    if stream is None:
        raise ReadRefused("standard input is closed")
    try:
        return _read_at_most(stream.read, limit, "input")
    except (OSError, ValueError) as exc:  # ValueError: a closed file object
        reason = _os_reason(exc) if isinstance(exc, OSError) else "standard input is closed"
        raise ReadRefused(reason) from None


def read_text(path: Path | str, limit: int) -> str:
    """A regular file's UTF-8 text (see read_file); UnicodeDecodeError as `bytes.decode`."""
    return read_file(path, limit).decode("utf-8")


def _read_at_most(read, limit: int, what: str) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise ReadRefused(f"{what} is over the {limit:,}-byte limit")
