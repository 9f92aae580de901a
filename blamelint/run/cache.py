"""The content cache: findings of a document, reused while nothing that shapes them changes.

An entry's key hashes every input of a document's findings:
- the file's content (the decoded text is UTF-8 round-trip exact, so it stands for the bytes);
- the sidecar action files beside it as the runner read them (their names and contents, and
  the display path when one exists, because findings about sidecars name them by that path);
- the effective configuration (`Config.fingerprint()`) and the run's fixed date, if any;
- the blamelint version and a hash of its own code, the shipped `rules/` and `schemas/` data;
- spaCy's version and the name/version of the model each language would use.

A lookup never imports spaCy (versions come from package metadata) and never parses Markdown,
so a pre-commit run on unchanged files costs milliseconds. Entries are JSON files written
atomically; an entry that cannot be read, does not parse, names another key or is not signed
with this user's secret (module `owned`) is a miss and is replaced. The folder is blamelint's
own (created with its marker; a folder it did not create is refused with a config error) and
by default lives in the user's cache home, never in the checkout. Nothing else here raises on
cache trouble: a cache that cannot work is simply off.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from blamelint import __version__
from blamelint.base import owned
from blamelint.base.errors import ConfigError
from blamelint.base.fileio import write_atomic
from blamelint.base.finding import Finding, Severity, Span
from blamelint.base.languages import codes
from blamelint.base.resources import rules_dir, schemas_dir
from blamelint.base.yamlio import line_of
from blamelint.document.model import Sidecar

from .config import Config
from .config_checks import source_of
from .sidecars import read_sidecars, sidecar_digest

ENV_DIR = "BLAMELINT_CACHE_DIR"
FORMAT = 2  # bump when the entry layout changes
_PACKAGE_DIR = Path(__file__).resolve().parents[1]  # the whole blamelint package


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
    models = [_model_identity(lang, config.models.get(lang)) for lang in codes()]
    payload = [
        code_and_data_digest(),
        config.fingerprint(),
        config.language,  # --language replaces it without touching the fingerprinted data
        f"spacy {_distribution_version('spacy')}",
        models,
    ]
    return hashlib.sha256(json.dumps(payload).encode()).hexdigest()


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
    """Entries under `directory/v<FORMAT>/<2 hex>/<key>.json`, signed with the user's secret.

    The key is an HMAC of the inputs under `secret`, and each entry carries an HMAC of its
    findings: an entry made anywhere but by this user on this machine is a miss.
    """

    def __init__(self, directory: Path, today: Any = None, secret: bytes | None = None):
        self.directory = Path(directory)
        self.today = "" if today is None else str(today)
        self.secret = secret if secret is not None else (owned.secret() or b"")
        # Keyed by id(); the Config is kept alongside so that its id cannot be reused.
        self._environment: dict[int, tuple[Config, str]] = {}
        self.hits = 0
        self.misses = 0
        self._writable = bool(self.secret)

    def key(
        self, text: str, display: str, config: Config, sidecars: Sequence[Sidecar] | None = None
    ) -> str:
        """`sidecars`: what the runner read beside the document (read now when not given)."""
        if sidecars is None:
            sidecars = read_sidecars(display)
        if id(config) not in self._environment:
            self._environment[id(config)] = (config, environment_digest(config))
        environment = self._environment[id(config)][1]
        parts = (environment, self.today, sidecar_digest(display, sidecars))
        return owned.sign(
            self.secret, *(p.encode() for p in parts), text.encode("utf-8", "surrogatepass")
        )

    def _entry(self, key: str) -> Path:
        return self.directory / f"v{FORMAT}" / key[:2] / f"{key}.json"

    def get(self, key: str, display: str) -> list[Finding] | None:
        """The cached findings, labelled with `display`; None on a miss, a damaged entry or
        one this user's secret did not sign."""
        try:
            if not self.secret:
                raise ValueError("no secret: no cache")
            data = json.loads(self._entry(key).read_text(encoding="utf-8"))
            if data.get("key") != key:
                raise ValueError("entry for another key")
            if not owned.verify(self.secret, data.get("mac"), *self._mac_parts(key, data)):
                raise ValueError("entry not signed by this user")
            findings = [_load(item, display) for item in data["findings"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            self.misses += 1
            return None
        self.hits += 1
        return findings

    def _mac_parts(self, key: str, data: dict[str, Any]) -> tuple[bytes, bytes]:
        body = json.dumps(
            data["findings"], ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
        return key.encode(), body.encode("utf-8", "surrogatepass")

    def put(self, key: str, findings: Sequence[Finding]) -> None:
        if not self._writable:
            return
        entry = self._entry(key)
        payload: dict[str, Any] = {"key": key, "findings": [_dump(f) for f in findings]}
        payload["mac"] = owned.sign(self.secret, *self._mac_parts(key, payload))
        try:
            owned.create_owned(self.directory)
            entry.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
            write_atomic(entry, text, private=True)
        except (OSError, owned.NotOwned):
            # A read-only checkout or a full disk must not fail the lint: run without a cache.
            self._writable = False


@dataclass(frozen=True)
class CacheFolder:
    """Where the cache goes and who said so (for a message naming the option or the key)."""

    path: Path
    source: str  # "--cache-dir", "cache.dir", "$BLAMELINT_CACHE_DIR" or "default"
    config: str | None = None
    line: int | None = None


def default_directory(option: str | Path | None, config: Config | None = None) -> CacheFolder:
    """--cache-dir, then `cache: {dir: ...}` in the config, then $BLAMELINT_CACHE_DIR, then
    the user's cache home (never the checkout: see the module owned)."""
    if option:
        return CacheFolder(Path(option).expanduser(), "--cache-dir")
    configured = ((config.raw.get("cache") or {}) if config else {}).get("dir")
    if configured and config is not None:
        # Relative to the file that names it (which may be an extended one).
        source = source_of(config.raw, ["cache", "dir"], Path(config.path) if config.path else None)
        base = source.parent if source else Path.cwd()
        line = line_of(config.raw, ["cache", "dir"])
        return CacheFolder(
            base / Path(str(configured)).expanduser(),
            "cache.dir",
            str(source) if source else None,
            line,
        )
    if os.environ.get(ENV_DIR):
        return CacheFolder(Path(os.environ[ENV_DIR]).expanduser(), f"${ENV_DIR}")
    return CacheFolder(owned.user_cache_home() / "blamelint" / "findings", "default")


def refuse(folder: CacheFolder, reason: str) -> ConfigError:
    message = f"{folder.source} {folder.path}: {reason}; name a new folder or use --no-cache"
    if folder.source == "cache.dir":
        return ConfigError(message, folder.config, folder.line)
    return ConfigError(message)


class Caches:
    """The run's caches: one per folder, chosen per config (`cache: {dir, enabled}`)."""

    def __init__(self, directory: str | Path | None = None, today: Any = None):
        self.directory = directory
        self.today = today
        self._by_folder: dict[Path, FindingCache] = {}

    def for_config(self, config: Config) -> FindingCache | None:
        """The config's cache; None when it is off. ConfigError for a folder not blamelint's."""
        if (config.raw.get("cache") or {}).get("enabled") is False:
            return None
        folder = default_directory(self.directory, config)
        if folder.path not in self._by_folder:
            try:
                owned.check_owned(folder.path)
            except owned.NotOwned as exc:
                raise refuse(folder, str(exc)) from None
            self._by_folder[folder.path] = FindingCache(folder.path, self.today)
        cache = self._by_folder[folder.path]
        return cache if cache.secret else None


# An entry, or the debris of an interrupted write, in the layout blamelint writes.
_ENTRY = re.compile(r"v\d+/[0-9a-f]{2}/\.?[0-9a-f]{64}\.json(\.[0-9a-f]+\.tmp)?")


def clean(directory: Path) -> bool:
    """Remove blamelint's entries from a cache folder, and the folder once nothing else is in
    it; refuse a folder blamelint did not create (ValueError). True if anything was there."""
    directory = Path(directory)
    if not os.path.lexists(directory):
        return False
    kept = owned.remove_owned(directory, _ENTRY)
    if kept:
        raise ValueError(
            f"{directory}: removed blamelint's entries; kept {len(kept)} other file(s) "
            f"(first: {kept[0]})"
        )
    return True
