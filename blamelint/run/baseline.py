"""A baseline: the findings an archive already had, so that `check` reports only new ones.

`blamelint baseline PATHS` writes `.blamelint-baseline.json` beside the config (or in the
current folder without one). Each entry is a finding's fingerprint: its rule, its path
(relative to the baseline's folder, `/`-separated) and a hash of the finding's own message
and the text of its line(s), whitespace squeezed, so an entry survives lines moving above
it. Identical findings (the same sentence twice) are counted. `check` then drops findings that
match an entry, and says how many entries match nothing any more (stale: fixed, or their
document changed), to remove with `blamelint baseline --prune`.

The file is written atomically (a temporary file in the same folder, then a rename); a file
that is not a baseline blamelint wrote (bad JSON, wrong shape) is one clear error, exit 2.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from blamelint.base.errors import InputError
from blamelint.base.finding import Finding

FILE_NAME = ".blamelint-baseline.json"
VERSION = 1


@dataclass(frozen=True)
class Key:
    rule: str
    path: str
    hash: str


@dataclass(frozen=True)
class Outcome:
    findings: list[Finding]  # the new findings
    matched: int
    stale: int


def default_path(config_path: str | Path | None) -> Path:
    """Beside the config file, else in the current folder."""
    return (Path(config_path).parent if config_path else Path.cwd()) / FILE_NAME


def _relative(path: str, root: Path) -> str:
    try:
        return Path(os.path.relpath(Path(path).resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()


def _lines(path: str, cache: dict[str, list[str]]) -> list[str]:
    if path not in cache:
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
        text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        cache[path] = text.split("\n")
    return cache[path]


def fingerprint(finding: Finding, root: Path, cache: dict[str, list[str]]) -> Key:
    lines = _lines(finding.path, cache)
    first, last = finding.span.line, max(finding.span.end_line, finding.span.line)
    context = " ".join(
        " ".join(lines[n - 1].split()) for n in range(first, last + 1) if n <= len(lines)
    )
    digest = hashlib.sha256(f"{finding.message}\n{context}".encode()).hexdigest()[:24]
    return Key(finding.rule, _relative(finding.path, root), digest)


def keys_of(findings: Iterable[Finding], root: Path) -> list[tuple[Key, Finding]]:
    cache: dict[str, list[str]] = {}
    return [(fingerprint(f, root, cache), f) for f in findings]


def write(path: Path, findings: Iterable[Finding], keep: Counter[Key] | None = None) -> int:
    """Write the baseline of `findings` (plus the entries `keep`); return its size."""
    counts: Counter[Key] = Counter(keep or {})
    messages: dict[Key, str] = {}
    for key, finding in keys_of(findings, path.parent):
        counts[key] += 1
        messages.setdefault(key, finding.message)
    entries = [
        {"rule": k.rule, "path": k.path, "hash": k.hash, "count": n, "message": messages.get(k, "")}
        for k, n in sorted(counts.items(), key=lambda kv: (kv[0].path, kv[0].rule, kv[0].hash))
    ]
    data = {"version": VERSION, "tool": "blamelint", "findings": entries}
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".blamelint-baseline.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return sum(counts.values())


def scopes(targets: Iterable[str], root: Path) -> tuple[str, ...]:
    """The linted paths, relative to the baseline's folder: entries elsewhere are left alone."""
    return tuple(_relative(t, root) for t in targets if t != "-")


def in_scope(key: Key, where: tuple[str, ...]) -> bool:
    return any(
        s in (".", "") or key.path == s or key.path.startswith(s.rstrip("/") + "/") for s in where
    )


def load(path: Path) -> Counter[Key]:
    """The entries of a baseline file; InputError (one line, the file named) when unusable."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("baseline file not found", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the baseline: {exc}", str(path)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not a blamelint baseline: invalid JSON ({exc.msg})", str(path), exc.lineno
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise InputError('not a blamelint baseline: expected {"findings": [...]}', str(path))
    if data.get("version") != VERSION:
        raise InputError(f"unsupported baseline version {data.get('version')!r}", str(path))
    entries: Counter[Key] = Counter()
    for index, entry in enumerate(data["findings"], start=1):
        fields = entry if isinstance(entry, dict) else {}
        values = [fields.get(name) for name in ("rule", "path", "hash")]
        count = fields.get("count", 1)
        if not all(isinstance(v, str) and v for v in values) or not (
            isinstance(count, int) and not isinstance(count, bool) and count > 0
        ):
            raise InputError(
                f"not a blamelint baseline: entry {index} needs rule, path, hash and a count",
                str(path),
            )
        entries[Key(*values)] += count
    return entries


def apply(
    findings: Iterable[Finding], entries: Counter[Key], root: Path, where: tuple[str, ...]
) -> Outcome:
    """Findings the baseline does not hold; how many it matched; how many entries of the
    linted paths match nothing any more (stale)."""
    left = Counter(entries)
    new: list[Finding] = []
    matched = 0
    for key, finding in keys_of(findings, root):
        if left[key] > 0:
            left[key] -= 1
            matched += 1
        else:
            new.append(finding)
    stale = sum(n for k, n in left.items() if n > 0 and in_scope(k, where))
    return Outcome(new, matched, stale)


def prune(
    findings: Iterable[Finding], entries: Counter[Key], path: Path, where: tuple[str, ...]
) -> tuple[int, int]:
    """Drop the entries of the linted paths that match no finding; add none. (kept, removed)"""
    left = Counter(entries)
    kept: list[Finding] = []
    for key, finding in keys_of(findings, path.parent):
        if left[key] > 0:
            left[key] -= 1
            kept.append(finding)
    outside = Counter({k: n for k, n in left.items() if n > 0 and not in_scope(k, where)})
    total = write(path, kept, outside)
    return total, sum(entries.values()) - total


def location(config_path: Path | None, isolated: bool) -> Path:
    """Where the baseline of a run lives: beside --config, else beside the config that
    governs the current folder, else in the current folder."""
    if config_path is not None:
        return default_path(config_path)
    if not isolated:
        from .config import discover

        found = discover(Path.cwd())
        if found is not None:
            return default_path(found)
    return default_path(None)


def for_check(
    findings: list[Finding],
    targets: Iterable[str],
    path: Path | None,
    default: Path,
) -> Outcome | None:
    """The findings `check` reports: all of them without a baseline (none given, none at
    `default`), else those the baseline does not hold. An explicit `path` must exist."""
    chosen = path if path is not None else (default if default.is_file() else None)
    if chosen is None:
        return None
    entries = load(chosen)
    return apply(findings, entries, chosen.parent, scopes(targets, chosen.parent))
