"""Rule kinds: the few checks written in Python. Rules (YAML data) name a kind.

`REGISTRY` is the one explicit list of kinds: each kind module exports its `KINDS`, and this
module joins them (no registration by import side effect). A rule whose kind is not here is an
error when it is run, never a rule that silently never fires (see `kind_of`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from blamelint.base.errors import ConfigError
from blamelint.document.model import Document
from blamelint.rules.model import Rule

from . import actions, blame, custom, metadata, names, structure, timeline, timeliness
from .base import (
    DOCUMENT,
    Hit,
    Kind,
    NlpContext,
    Prefilter,
    RunContext,
    Vocabulary,
    document_kind,
    nlp_kind,
)
from .settings import Settings

__all__ = [
    "DOCUMENT",
    "REGISTRY",
    "Hit",
    "Kind",
    "NlpContext",
    "Prefilter",
    "RunContext",
    "Settings",
    "Vocabulary",
    "document_kind",
    "kind_of",
    "nlp_kind",
]


@document_kind("unused-suppression")
def unused_suppression(doc: Document, rule: Rule, ctx: RunContext) -> Iterator[Hit]:
    """BL001 is reported by the engine once suppressions are applied (`run.lint`)."""
    return iter(())


def _registry(groups: Iterable[Iterable[Kind]]) -> Mapping[str, Kind]:
    registry: dict[str, Kind] = {}
    for group in groups:
        for kind in group:
            if kind.name in registry:
                raise ValueError(f"kind {kind.name!r} is registered twice")
            registry[kind.name] = kind
    return registry


REGISTRY: Mapping[str, Kind] = _registry(
    (
        actions.KINDS,
        blame.KINDS,
        custom.KINDS,
        metadata.KINDS,
        names.KINDS,
        structure.KINDS,
        timeline.KINDS,
        timeliness.KINDS,
        (unused_suppression,),
    )
)


def kind_of(rule: Rule) -> Kind:
    """The kind that runs `rule`; ConfigError naming the rule if none is registered."""
    kind = REGISTRY.get(rule.kind)
    if kind is None:
        raise ConfigError(
            f"rule {rule.code} {rule.name}: no kind {rule.kind!r} is registered", rule.source
        )
    return kind
