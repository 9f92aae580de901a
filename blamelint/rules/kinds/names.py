"""BL301 personal-name and BL302 personal-owner: people named in prose.

Names come from `people.find_names` (corrected NER, given names, handles, e-mails, roster).
Owner fields of action items ("(owner: Priya, deadline: ...)") are a special place: owning
future work is not blame, so a bare name there is BL302's business (off by default), while a
handle or e-mail there still identifies an individual and stays BL301.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from blamelint.base.resources import load_data
from blamelint.nlp.people import NameSpan, find_names, ner_decides
from blamelint.rules.model import Rule

from .base import Hit, NlpContext, nlp_kind

_COMPONENTS = ("ner", "tagger", "parser")
# The NER matters only where a capitalised proper noun or given name could start a name.
GATES = (("ner", ner_decides),)


@cache
def _owner_field() -> re.Pattern[str]:
    keys = (load_data("data/action-fields.yaml") or {}).get("fields", {}).get("owner") or ["owner"]
    words = sorted((re.escape(k) for k in keys if len(k) > 3), key=len, reverse=True)
    # "(owner: Priya, deadline: ...)", "responsable : @jmercier", "| Owner | ..." is a table.
    return re.compile(r"(?i)(?<![\w])(?:" + "|".join(words) + r")\s*:\s*([^,;)\n|]+)")


def owner_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of owner-field values in a segment's text."""
    return [(m.start(1), m.end(1)) for m in _owner_field().finditer(text)]


def _wants(text: str, language: str) -> bool:
    # Names are capitalised, or are handles / e-mails; all-lowercase prose needs no NER.
    return any(ch.isupper() or ch == "@" for ch in text)


def segment_names(ctx: NlpContext, index: int) -> list[NameSpan]:
    """Personal names in segment `index` (cached on the context's Doc for the blame kinds)."""
    segment = ctx.segments[index]
    doc = ctx.docs[index] if index < len(ctx.docs) else None
    cache_key = (id(ctx), index)
    cached = _CACHE.get(cache_key)
    if cached is not None and cached[0] is doc and cached[1] is segment:
        return cached[2]
    vocabulary = ctx.run.vocabulary
    spans = [
        s
        for s in find_names(
            segment.text,
            doc,
            ctx.language,
            accept=vocabulary.accept,
            reject=vocabulary.reject,
            roster=vocabulary.people,
        )
        if not segment.masked(s.start, s.end)
    ]
    if len(_CACHE) > 4096:
        _CACHE.clear()
    _CACHE[cache_key] = (doc, segment, spans)
    return spans


_CACHE: dict[tuple[int, int], tuple[object, object, list[NameSpan]]] = {}


def _in_owner(span: NameSpan, owners: Iterable[tuple[int, int]]) -> bool:
    return any(a <= span.start and span.end <= b for a, b in owners)


def _hits(ctx: NlpContext, owners_only: bool) -> Iterator[Hit]:
    flag_owners = bool(ctx.run.settings.get("flag_owners", False))
    for index, segment in enumerate(ctx.segments):
        if not segment.text.strip():
            continue
        owners = owner_ranges(segment.text) if segment.kind != "heading" else []
        for span in segment_names(ctx, index):
            bare = span.source not in ("handle", "email")
            in_owner = bare and _in_owner(span, owners)
            if owners_only and not in_owner:
                continue
            if not owners_only and in_owner and not flag_owners:
                continue
            yield Hit(span.start, span.end, {"name": span.text, "source": span.source}, index)


@nlp_kind("names.personal-name", components=_COMPONENTS, wants=_wants, gates=GATES)
def personal_name(ctx: NlpContext, rule: Rule) -> Iterable[Hit]:
    """Names, handles and e-mails of individuals anywhere in prose (not in owner fields)."""
    yield from _hits(ctx, owners_only=False)


@nlp_kind("names.personal-owner", components=_COMPONENTS, wants=_wants, gates=GATES)
def personal_owner(ctx: NlpContext, rule: Rule) -> Iterable[Hit]:
    """Bare personal names given as an action item's owner."""
    yield from _hits(ctx, owners_only=True)
