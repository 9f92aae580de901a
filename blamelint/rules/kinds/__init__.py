"""Rule kinds: the few checks written in Python. Rules (YAML data) name a kind.

The shared types and the registry live in `base`; each kind module registers its checks there
when imported, which `load_all()` does (none of them imports spaCy).
"""

from __future__ import annotations

from .base import (
    DOCUMENT_KINDS,
    NLP_KINDS,
    DocumentCheck,
    Hit,
    NlpContext,
    NlpKind,
    RunContext,
    Vocabulary,
    document_kind,
    nlp_kind,
)

__all__ = [
    "DOCUMENT_KINDS",
    "NLP_KINDS",
    "DocumentCheck",
    "Hit",
    "NlpContext",
    "NlpKind",
    "RunContext",
    "Vocabulary",
    "document_kind",
    "load_all",
    "nlp_kind",
]


def load_all() -> None:
    """Import every kind module so that its registrations run (none of them imports spaCy)."""
    from . import (  # noqa: F401
        actions,
        blame,
        custom,
        metadata,
        names,
        structure,
        timeline,
        timeliness,
    )
