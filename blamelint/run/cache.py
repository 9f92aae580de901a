"""The content cache: findings of a document, reused while nothing that shapes them changes.

An entry's key hashes every input of a document's findings:
- the file's content (the decoded text is UTF-8 round-trip exact, so it stands for the bytes);
- the sidecar action files beside it (their names and contents, and the display path when one
  exists, because findings about sidecars name them by that path);
- the effective configuration (`Config.fingerprint()`) and the run's fixed date, if any;
- the blamelint version and a hash of its own code, the shipped `rules/` and `schemas/` data;
- spaCy's version and the name/version of the model each language would use.

A lookup never imports spaCy (versions come from package metadata) and never parses Markdown,
so a pre-commit run on unchanged files costs milliseconds. Entries are JSON files written
atomically; an entry that cannot be read, does not parse, or names another key is a miss and
is replaced. Nothing here raises on cache trouble: a cache that cannot work is simply off.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from blamelint import __version__
from blamelint.base.fileio import write_atomic
from blamelint.base.finding import Finding, Severity, Span
from blamelint.base.resources import rules_dir, schemas_dir

from .config import Config

DEFAULT_DIR = ".blamelint_cache"
ENV_DIR = "BLAMELINT_CACHE_DIR"
FORMAT = 1  # bump when the entry layout changes
LANGUAGES = ("en", "fr")
_PACKAGE_DIR = Path(__file__).resolve().parents[1]  # the whole blamelint package
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# blamelint cache; see bford.info/cachedir\n"


def _hash_tree(root: Path, pattern: str, hasher: Any) -> None:
    for path in sorted(root.rglob(pattern)):
        if path.is_file() and "__pycache__" not in path.parts:
            hasher.update(path.relative_to(root).as_posix().encode() + b"\0")
            hasher.update(path.read_bytes() + b"\0")


@cache
def code_and_data_digest() -> str:
    """blamelint's version, its own source and its shipped rule data and schemas.

    The source is hashed too so that a development checkout (version unchanged between commits)
    never reuses findings computed by older code; it costs about a millisecond.
    """
    hasher = hashlib.sha256(f"blamelint {__version__} format {FORMAT}\0".encode())
    _hash_tree(_PACKAGE_DIR, "*.py", hasher)
    for folder in (rules_dir(), schemas_dir()):
        _hash_tree(folder, "*", hasher)
    return hasher.hexdigest()


def _distribution_version(name: str) -> str:
    for dist in (name, name.replace("_", "-")):
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            continue
    return "none"


@cache
def _model_identity(language: str, model: str | None) -> str:
    # blamelint.nlp.engine only imports spaCy inside its loader: this stays a metadata lookup.
    from blamelint.nlp.engine import model_identity

    identity = model_identity(language, {language: model} if model else None)
    meta = Path(model or "") / "meta.json"
    if model and meta.is_file():  # a model given as a folder: its meta.json says what it is
        identity += "@" + hashlib.sha256(meta.read_bytes()).hexdigest()
    return identity


def environment_digest(config: Config) -> str:
    """Everything in a key that is the same for every document under one config."""
    models = [_model_identity(lang, config.models.get(lang)) for lang in LANGUAGES]
    payload = [
        code_and_data_digest(),
        config.fingerprint(),
        config.language,  # --language replaces it without touching the fingerprinted data
        f"spacy {_distribution_version('spacy')}",
        models,
    ]
    return hashlib.sha256(json.dumps(payload).encode()).hexdigest()


def sidecar_digest(display: str) -> str:
    """Names and contents of the sidecar action files beside the document, if any."""
    from blamelint.actions.blocks import sidecar_paths

    found = sidecar_paths(display)
    if not found:
        return ""
    hasher = hashlib.sha256(display.encode() + b"\0")
    for path in found:
        hasher.update(path.name.encode() + b"\0")
        try:
            hasher.update(path.read_bytes())
        except OSError:
            hasher.update(b"<unreadable>")
        hasher.update(b"\0")
    return hasher.hexdigest()


# ----- findings <-> JSON ------------------------------------------------------------------------


def _dump(finding: Finding) -> dict[str, Any]:
    s = finding.span
    return {
        "span": [s.line, s.column, s.end_line, s.end_column],
        "rule": finding.rule,
        "name": finding.name,
        "tags": list(finding.tags),
        "severity": finding.severity.label,
        "message": finding.message,
        "suggestion": finding.suggestion,
        "fix": finding.fix,
    }


def _load(data: dict[str, Any], path: str) -> Finding:
    return Finding(
        path=path,
        span=Span(*(int(x) for x in data["span"])),
        rule=str(data["rule"]),
        name=str(data["name"]),
        tags=tuple(str(t) for t in data["tags"]),
        severity=Severity.parse(data["severity"]),
        message=str(data["message"]),
        suggestion=str(data["suggestion"]),
        fix=data["fix"],
    )


class FindingCache:
    """Entries under `directory/v<FORMAT>/<2 hex>/<key>.json`."""

    def __init__(self, directory: Path, today: Any = None):
        self.directory = Path(directory)
        self.today = "" if today is None else str(today)
        # Keyed by id(); the Config is kept alongside so that its id cannot be reused.
        self._environment: dict[int, tuple[Config, str]] = {}
        self.hits = 0
        self.misses = 0
        self._writable = True

    def key(self, text: str, display: str, config: Config) -> str:
        if id(config) not in self._environment:
            self._environment[id(config)] = (config, environment_digest(config))
        environment = self._environment[id(config)][1]
        hasher = hashlib.sha256()
        for part in (environment, self.today, sidecar_digest(display)):
            hasher.update(part.encode() + b"\0")
        hasher.update(text.encode("utf-8", "surrogatepass"))
        return hasher.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.directory / f"v{FORMAT}" / key[:2] / f"{key}.json"

    def get(self, key: str, display: str) -> list[Finding] | None:
        """The cached findings, labelled with `display`; None on a miss or a damaged entry."""
        try:
            data = json.loads(self._entry(key).read_text(encoding="utf-8"))
            if data.get("key") != key:
                raise ValueError("entry for another key")
            findings = [_load(item, display) for item in data["findings"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        return findings

    def put(self, key: str, findings: Sequence[Finding]) -> None:
        if not self._writable:
            return
        entry = self._entry(key)
        payload = {"key": key, "findings": [_dump(f) for f in findings]}
        try:
            self._prepare()
            entry.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(entry, json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
        except OSError:
            # A read-only checkout or a full disk must not fail the lint: run without a cache.
            self._writable = False

    def _prepare(self) -> None:
        if (self.directory / "CACHEDIR.TAG").exists():
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        # Keep the cache out of commits and backups, as Ruff and pytest do.
        write_atomic(self.directory / ".gitignore", "# created by blamelint\n*\n")
        write_atomic(self.directory / "CACHEDIR.TAG", _TAG)


def default_directory(option: str | Path | None, config: Config | None = None) -> Path:
    """--cache-dir, then `cache: {dir: ...}` in the config, then $BLAMELINT_CACHE_DIR, then ./"""
    if option:
        return Path(option)
    configured = ((config.raw.get("cache") or {}) if config else {}).get("dir")
    if configured:
        base = Path(config.path).parent if config and config.path else Path.cwd()
        return (base / str(configured)).expanduser()
    return Path(os.environ.get(ENV_DIR) or DEFAULT_DIR)


class Caches:
    """The run's caches: one per folder, chosen per config (`cache: {dir, enabled}`)."""

    def __init__(self, directory: str | Path | None = None, today: Any = None):
        self.directory = directory
        self.today = today
        self._by_folder: dict[Path, FindingCache] = {}

    def for_config(self, config: Config) -> FindingCache | None:
        if (config.raw.get("cache") or {}).get("enabled") is False:
            return None
        folder = default_directory(self.directory, config)
        if folder not in self._by_folder:
            self._by_folder[folder] = FindingCache(folder, self.today)
        return self._by_folder[folder]


def clean(directory: Path) -> bool:
    """Remove a cache folder; refuse any folder blamelint did not create. True if removed."""
    directory = Path(directory)
    if not directory.exists():
        return False
    tag = directory / "CACHEDIR.TAG"
    if not tag.is_file() or "blamelint" not in tag.read_text(encoding="utf-8", errors="replace"):
        raise ValueError(f"{directory} is not a blamelint cache (no CACHEDIR.TAG); not removed")
    shutil.rmtree(directory)
    return True
