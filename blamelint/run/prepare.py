"""Parse documents in a second process while this one loads the spaCy models (`--jobs` runs).

Before its workers start, a `--jobs N` run loads the models they will share (the spaCy import
and the English load: ~0.5 s of CPU), and meanwhile the other cores sit idle. The Markdown
parse, the document rules and the prose plan (each segment's language, and which segments the
NLP rules read) need no model, so a preparer process forked just before the load does them,
document after document, and the workers start from its results instead of parsing those
documents again. When the load is over the preparer is told to stop and ends at the document
it is on, so it never holds the workers up by more than one document; what it did not reach
the workers parse as before. Anything that goes wrong on its side (no fork, a crash, a result
larger than the buffer) only means fewer documents prepared: findings never change.

Results travel through an anonymous shared memory map (no file, nothing left behind), each a
pickle of (Document, its document-rule findings, its prose plan) or of the input error that
stopped it; a worker unpickles only the documents it lints.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import pickle
import struct
from collections.abc import Sequence
from typing import Any

from blamelint.base.errors import BlamelintError

from .lint import Job, document_findings, document_for, prose_plan

# The buffer is sized from the text: pickled Documents take ~4.8 bytes per character of
# Markdown (61 real postmortems: 1.9 MB for 394,000 characters). Only the pages written are
# ever allocated; a result that does not fit ends the preparation.
BUFFER_BYTES_PER_CHAR = 16
BUFFER_MIN_BYTES = 1 << 20
BUFFER_MAX_BYTES = 256 << 20

# Byte 0, written by the parent only: the stop flag. Bytes 8-16, written by the preparer only:
# where the results complete so far end (the results follow).
_END = struct.Struct("<Q")
_END_AT = 8
_FIRST = 16
# Before each result: its source index and its length.
_RECORD = struct.Struct("<QQ")

_STOP = 1


class Preparer:
    """A forked process parsing `sources` in `order` until told to stop."""

    def __init__(self, pid: int, buffer: mmap.mmap) -> None:
        self._pid = pid
        self._buffer = buffer

    @classmethod
    def start(cls, sources: Sequence[Any], order: Sequence[int]) -> Preparer | None:
        """Fork the preparer; None where it cannot be started (the workers then parse all)."""
        size = BUFFER_MIN_BYTES + BUFFER_BYTES_PER_CHAR * sum(len(s.text) for s in sources)
        try:
            buffer = mmap.mmap(-1, min(size, BUFFER_MAX_BYTES))
            pid = os.fork()
        except (OSError, ValueError):
            return None
        if pid == 0:  # pragma: no cover (runs in the forked process; its results are tested)
            status = 1
            try:
                _prepare(sources, order, buffer)
                status = 0
            finally:
                os._exit(status)  # never the parent's exit handlers, buffers or finally blocks
        return cls(pid, buffer)

    def results(self, stop: bool = True) -> dict[int, bytes]:
        """Stop the preparer (or, with `stop=False`, let it go through every document), wait
        for it to end, and return its results by source index."""
        buffer = self._buffer
        if stop:
            buffer[0] = _STOP
        with contextlib.suppress(ChildProcessError):  # (reaped already by someone else)
            os.waitpid(self._pid, 0)
        found: dict[int, bytes] = {}
        (end,) = _END.unpack_from(buffer, _END_AT)
        offset = _FIRST
        while offset < end:
            index, length = _RECORD.unpack_from(buffer, offset)
            offset += _RECORD.size
            found[index] = buffer[offset : offset + length]
            offset += length
        buffer.close()
        return found


def _prepare(sources: Sequence[Any], order: Sequence[int], buffer: mmap.mmap) -> None:
    end = _FIRST
    for index in order:
        if buffer[0] == _STOP:
            return
        source = sources[index]
        try:
            document = document_for(
                source.display, source.text, source.config, sidecars=source.sidecars
            )
        except BlamelintError as exc:
            result: Any = ("error", flat_error(exc))
        else:
            job = Job(document, source.config, source.today)
            result = ("document", document, document_findings(job), prose_plan(job))
        blob = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        if end + _RECORD.size + len(blob) > len(buffer):
            return
        _RECORD.pack_into(buffer, end, index, len(blob))
        buffer[end + _RECORD.size : end + _RECORD.size + len(blob)] = blob
        end += _RECORD.size + len(blob)
        _END.pack_into(buffer, _END_AT, end)  # the result is complete: publish it


def unpack(blob: bytes, source: Any) -> tuple[Job | None, BlamelintError | None]:
    """A prepared result as the Job to lint (its document findings found) or the error."""
    result = pickle.loads(blob)
    if result[0] == "error":
        return None, rebuild_error(result[1])
    _, document, found, plan = result
    return Job(document, source.config, source.today, found=tuple(found), plan=plan), None


def flat_error(error: BlamelintError) -> tuple:
    """An input error as plain fields: exceptions with extra fields lose them when pickled."""
    return (type(error).__name__, error.message, error.path, error.line)


def rebuild_error(flat: tuple) -> BlamelintError:
    from blamelint.base import errors

    name, message, path, line = flat
    cls = getattr(errors, name, BlamelintError)
    return cls(message, path, line)
