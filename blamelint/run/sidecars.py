"""Sidecar action files: `<name>.actions.json|yaml|yml` beside `<name>.md`.

Found and read here, once, by the run layer (runner, tracker, `lint_text`), into the Document
the kinds see (`Document.sidecars`): the action kinds and the extractor do no file I/O, and
the cache key hashes exactly what was read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from blamelint.actions.blocks import MAX_BLOCK_CHARS
from blamelint.base.bounded import ReadRefused, read_text
from blamelint.document.model import Sidecar

SUFFIXES = (".actions.json", ".actions.yaml", ".actions.yml")
MAX_SIDECAR_BYTES = 4 * MAX_BLOCK_CHARS


def sidecar_paths(path: str) -> list[Path]:
    """The sidecar files beside `path`; none for stdin ("-") or a text without a file."""
    if not path or path == "-" or path.startswith("<"):
        return []
    document = Path(path)
    stem = document.name.rsplit(".", 1)[0] if "." in document.name else document.name
    return [p for p in (document.with_name(stem + s) for s in SUFFIXES) if p.is_file()]


def read_sidecars(path: str) -> tuple[Sidecar, ...]:
    """Each sidecar of `path`: its text, or the one-line reason it could not be read."""
    found = []
    for sidecar in sidecar_paths(path):
        name = str(sidecar)
        try:
            found.append(Sidecar(name, text=read_text(sidecar, MAX_SIDECAR_BYTES)))
        except ReadRefused as exc:
            found.append(Sidecar(name, problem=f"sidecar {sidecar.name}: {exc.reason}"))
        except UnicodeDecodeError:
            found.append(
                Sidecar(name, problem=f"cannot read sidecar {sidecar.name}: not UTF-8 text")
            )
    return tuple(found)


def sidecar_digest(display: str, sidecars: Iterable[Sidecar]) -> str:
    """Names and contents of the sidecars as read (for the cache key); "" when none."""
    sidecars = tuple(sidecars)
    if not sidecars:
        return ""
    hasher = hashlib.sha256(display.encode() + b"\0")
    for sidecar in sidecars:
        hasher.update(Path(sidecar.path).name.encode() + b"\0")
        if sidecar.text is not None:
            hasher.update(b"text\0" + sidecar.text.encode("utf-8", "surrogatepass"))
        else:
            hasher.update(b"problem\0" + (sidecar.problem or "").encode())
        hasher.update(b"\0")
    return hasher.hexdigest()
