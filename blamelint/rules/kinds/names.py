"""BL301 personal-name and BL302 personal-owner: people named in prose.

Names come from `people.find_names` (corrected NER, given names, handles, e-mails, roster).
Owner fields of action items ("(owner: Priya, deadline: ...)") are a special place: owning
future work is not blame, so a bare name there is BL302's business (off by default), while a
handle or e-mail there still identifies an individual and stays BL301.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache

from blamelint.base.resources import load_data
from blamelint.nlp.engine import resolve_model
from blamelint.nlp.handles import (
    english_words,
    listed_handles,
    may_hold_handle,
    subject_handles,
    word_bases,
)
from blamelint.nlp.lexicon import fold, norm, people
from blamelint.nlp.name_context import name_context
from blamelint.nlp.name_cues import person_roles
from blamelint.nlp.name_evidence import (
    addressees,
    after_saint,
    byline_names,
    chat_event_nicks,
    cue_names,
    evidence,
    front_matter_authors,
    glossary_handle,
    glossary_markup,
    may_be_byline,
    profile_links,
    speakers,
    used_as_thing,
)
from blamelint.nlp.name_slots import line_slots
from blamelint.nlp.people import NameSpan, find_names, ner_decides
from blamelint.rules.model import Rule

from .base import Hit, NlpContext, Prefilter, nlp_kind

_COMPONENTS = ("ner", "tagger", "parser")
# The NER matters only where a capitalised proper noun or given name could start a name.
GATES = (("ner", ner_decides),)
# Name sources that the document's own evidence (a word used as a thing, a company) overrules.
_GUESSED = frozenset({"ner", "given-name", "conj", "surname"})
_OWN_SHAPE = frozenset({"handle", "email", "roster", "display"})


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
    # Names are capitalised, or are handles / e-mails; all-lowercase prose needs no NER,
    # unless it is a timed entry, a chat line ("14:57 jdoe restarted the pool") or a byline.
    if any(ch.isupper() or ch == "@" for ch in text) or may_hold_handle(text):
        return True
    return may_be_byline(text)  # "by kbarlow on 3/14/2024", "[–]lord_x 41 points"


def _prefilter(rules: Sequence[Rule], settings: object = None) -> Prefilter:
    return _wants


def segment_names(ctx: NlpContext, index: int) -> list[NameSpan]:
    """Personal names in segment `index`, found once per window of prose (the blame kinds
    read them too)."""
    return _document_names(ctx)[index]


def _document_names(ctx: NlpContext) -> list[list[NameSpan]]:
    # On the NLP context, not the run's artefacts: it dies with its window of prose, and so do
    # the spaCy Docs the names were read from (bounded memory on huge documents).
    found = ctx.memo.get("names")
    if found is None:
        found = ctx.memo["names"] = _find_document_names(ctx)
    return found


def _find_document_names(ctx: NlpContext) -> list[list[NameSpan]]:
    vocabulary = ctx.run.vocabulary
    p = people(ctx.language if ctx.language in ("en", "fr") else "en")
    raw: list[list[NameSpan]] = []
    orgs: set[str] = set()
    for index, segment in enumerate(ctx.segments):
        doc = ctx.docs[index] if index < len(ctx.docs) else None
        found = find_names(
            segment.text,
            doc,
            ctx.language_at(index),
            accept=vocabulary.accept,
            reject=vocabulary.reject,
            roster=vocabulary.people,
            orgs=orgs,
        )
        found = [s for s in found if not _dictionary_phrase(s, doc, ctx.language_at(index), p, ctx)]
        raw.append([s for s in found if not segment.masked(s.start, s.end)])
    # The blame kind reads them too: a name the document introduced as a company.
    ctx.memo["organisations"] = frozenset(orgs)
    ev = evidence(ctx.document, [s.text for s in ctx.segments])
    spoken = speakers(ctx.document)
    known = {nick for _, _, nick in spoken if not _bot(nick, p)}
    front, bylines, links = _sources(ctx, p)
    authors = [text for _, _, text in front]
    authors += [text for _, _, text in bylines]
    known |= {text for text in authors if text[:1] != "@"}
    # "[jdoe](https://github.com/jdoe)", "<ana> bo: can you check?": people by their place.
    known |= {text for _, _, text in links}
    known |= addressees(ctx.document, p)
    known |= _subject_handles(ctx, p, ev, spoken)
    known |= _listed_handles(ctx, raw, p, ev)
    known |= {nick for nick in chat_event_nicks(ctx.document) if not _bot(nick, p)}
    # A handle's bare form is a name only where the document does not use it as a word
    # ("@transaction" glossary markup beside "the transaction").
    known |= {
        s.text[1:]
        for spans in raw
        for s in spans
        if s.source == "handle" and fold(s.text[1:]) not in ev.things
    }
    # A document that marks terms as handles ("@transaction"): its other lowercase handles of
    # dictionary words are terms too ("@ring-signature").
    marked = any(s.source == "handle" and glossary_handle(s.text, ev) for x in raw for s in x)
    words = _dictionary(ctx) if marked else frozenset()
    speaking, labelling = line_slots(ctx.document.text, p.language)
    lined = [(a, b) for a, b, _ in speaking]
    labels = [(a, b) for a, b, _ in labelling]
    cleaned: list[list[NameSpan]] = []
    for segment, spans in zip(ctx.segments, raw, strict=True):
        kept: list[NameSpan] = []
        for span in spans:
            if span.source in _GUESSED and used_as_thing(span.text, ev, p):
                continue  # "Bitcoin Core", "Mastodon": the document uses the word as a thing
            if span.source in _GUESSED and span.text.split()[0] in orgs:
                continue  # "Corvus forgot ..." where "Corvus says it ..." named the company
            if span.source == "handle" and (
                glossary_handle(span.text, ev) or (marked and glossary_markup(span.text, words, p))
            ):
                continue  # "@transaction" beside "the transaction": glossary markup
            kept.extend(_split_lines(ctx.document.text, segment, span, p))
        for a, b in cue_names(segment.text, p.cues, p, ev):
            if not segment.masked(a, b):
                kept = [s for s in kept if not (s.start < b and a < s.end)]
                kept.append(NameSpan(a, b, segment.text[a:b], "cue"))
        dropped = set(_in_segment(segment, labels))  # "Max: 200 connections": a label
        kept = [s for s in kept if s.source not in _GUESSED or (s.start, s.end) not in dropped]
        for a, b in _in_segment(segment, lined):  # "Nick: we're rolling back" on its own line
            if not segment.masked(a, b) and not any(s.start < b and a < s.end for s in kept):
                kept.append(NameSpan(a, b, segment.text[a:b], "speaker"))
        # "St. Louis", "San Francisco", "Saint-Étienne": a place or a day, not a person.
        kept = [s for s in kept if s.source in _OWN_SHAPE or not after_saint(segment.text, s.start)]
        cleaned.append(_drop_trailing_emails(ctx.document.text, segment, kept))
    # Given and family names of the people found in full ("Mirela Thót" -> "Thót" later).
    full = [s.text for spans in cleaned for s in spans if s.source in ("ner", "given-name", "conj")]
    credited = [s.text for spans in cleaned for s in spans if s.source == "cue"]
    known |= _name_parts(full, p, ev, given=True)
    known |= _name_parts([*credited, *authors], p, ev, given=False)
    result = []
    longest_first = sorted(known, key=len, reverse=True)
    for segment, kept in zip(ctx.segments, cleaned, strict=True):
        kept = kept + _mentions(segment, kept, longest_first)
        kept = [s for s in kept if s.source in _OWN_SHAPE or not after_saint(segment.text, s.start)]
        result.append(sorted(kept, key=lambda s: s.start))
    return result


def _in_segment(segment, ranges: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The document ranges that fall inside the segment, as ranges of its text."""
    offsets = segment.offsets
    if not ranges or len(offsets) < 2:
        return
    for start, end in ranges:
        if not offsets[0] <= start < offsets[-1]:
            continue
        i = bisect.bisect_left(offsets, start, 0, len(offsets) - 1)
        last = i + end - start - 1
        if offsets[i] == start and last < len(segment.text) and offsets[last] == end - 1:
            yield i, i + end - start


def _sources(ctx: NlpContext, p) -> tuple[list, list, list]:
    """The document's front-matter authors, byline names and profile links (document
    offsets): read from the source once per window, for the names and for their report."""
    found = ctx.memo.get("names.sources")
    if found is None:
        document = ctx.document
        found = ctx.memo["names.sources"] = (
            front_matter_authors(document, p),
            byline_names(document, p),
            profile_links(document),
        )
    return found


def _dictionary(ctx: NlpContext) -> frozenset[str]:
    """The English words of the model (`english_words`), looked up once per window: finding
    the model's package asks the file system each time."""
    found = ctx.memo.get("names.dictionary")
    if found is None:
        found = ctx.memo["names.dictionary"] = english_words(resolve_model("en"))
    return found


def _dictionary_phrase(span: NameSpan, doc, language: str, p, ctx: NlpContext) -> bool:
    """ "Customer Success", "Service Unavailable", "Meeting Notes": an NER span of English
    words only, none a given name or a surname, that is no subject nor owner (where "Crystal
    Banks rolled out ..." would be a person)."""
    if span.source != "ner" or language != "en" or doc is None or " " not in span.text:
        return False
    words = [norm(w) for w in span.text.split()]
    c = name_context("en")
    if any(w in p.first_names or w in p.common_words or w in c.wide_names for w in words):
        return False
    if any(w in c.surnames for w in words):
        return False
    dictionary = _dictionary(ctx)
    if not dictionary or not all(word_bases(w) & dictionary for w in words):
        return False
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    last = tokens[-1] if tokens is not None and len(tokens) else None
    return last is not None and last.dep_ not in ("nsubj", "nsubjpass", "poss")


def _subject_handles(ctx: NlpContext, p, ev, spoken: list[tuple[int, int, str]]) -> set[str]:
    """Nicks as the subject of a timed entry or of a verb in a chat message (English);
    `spoken`: the document's chat-log speakers (`speakers`)."""
    if ctx.language != "en":
        return set()
    text = ctx.document.text
    chat = {text.rfind("\n", 0, a) + 1 for a, _, _ in spoken}
    count = min(len(ctx.segments), len(ctx.docs))
    english = [i for i in range(count) if ctx.language_at(i) == "en"]
    segments = [ctx.segments[i] for i in english]
    docs = [ctx.docs[i] for i in english]
    found = subject_handles(
        ctx.document,
        segments,
        docs,
        chat,
        p,
        _dictionary(ctx),
        ev.code,
        ev.things,
        ev.urls,
    )
    return {h for h in found if not _bot(h, p)}


def _listed_handles(ctx: NlpContext, raw: list[list[NameSpan]], p, ev) -> set[str]:
    """Nicks listed with people or after a personal role ("team member rtrees"), English."""
    english = [i for i in range(len(ctx.segments)) if ctx.language_at(i) == "en"]
    if not english:
        return set()
    roles = person_roles(p, name_context("en"))
    found = listed_handles(
        [ctx.segments[i].text for i in english],
        [raw[i] for i in english],
        [ctx.docs[i] if i < len(ctx.docs) else None for i in english],
        roles,
        p,
        _dictionary(ctx),
    )
    return {n for n in found if n not in ev.code and n not in ev.urls and not _bot(n, p)}


def _name_parts(names, p, ev, given: bool) -> set[str]:
    """First and last words of multi-word names that hold a given name or were credited, and
    the whole name once a part is taken (a repeat the NER missed is one name, not two words:
    "Sarika de Bruyn" rather than "Sarika" and "Bruyn")."""
    parts: set[str] = set()
    for name in names:
        words = name.split()
        if len(words) < 2 or used_as_thing(name, ev, p):
            continue
        lowered = [norm(w) for w in words]
        wide = name_context(p.language).wide_names
        # A lowercase particle between capitalised words ("Sarika de Bruyn", "Ana van Dijk")
        # shapes a personal name even when its given name is in no list.
        particled = len(words) >= 3 and any(norm(w) in p.particles for w in words[1:-1])
        if given and not particled and not any(w in p.first_names or w in wide for w in lowered):
            continue
        for word in (words[0], words[-1]):
            low = norm(word)
            if (
                len(word) >= 3
                and word[:1].isupper()
                and word[1:].islower()
                and low not in p.common_words
                and low not in p.tech
                and fold(word) not in ev.prose  # "@nova" as a handle does not count
                and fold(word) not in ev.code
            ):
                parts.add(word)
                parts.add(name)
    return parts


def _bot(nick: str, p) -> bool:
    """Chat bots and services speak in logs too ("deploy-bot", "ChanServ")."""
    low = norm(nick)
    return low.endswith(("bot", "serv")) or any(
        part in p.groups for part in re.split(r"[._+-]", low) if part
    )


def _split_lines(source: str, segment, span: NameSpan, p) -> list[NameSpan]:
    """A name never crosses a line end: "Jane Doe" + the next line's "Status" is cut, and a
    one-word piece stays only when it is a known given name."""
    cuts = [
        i + 1
        for i in range(span.start, span.end - 1)
        if "\n" in source[segment.offsets[i] : segment.offsets[i + 1]] or segment.text[i] == "|"
    ]
    if not cuts:
        return [span]
    pieces, start = [], span.start
    for cut in [*cuts, span.end]:
        text = segment.text[start:cut]
        lead = len(text) - len(text.lstrip(" \t\n|"))
        text = text.strip(" \t\n|")
        a = start + lead
        words = text.split()
        if len(words) >= 2 or (words and norm(words[0]) in p.first_names):
            pieces.append(NameSpan(a, a + len(text), text, span.source))
        start = cut
    return pieces


def _drop_trailing_emails(source: str, segment, spans: list[NameSpan]) -> list[NameSpan]:
    """ "Rhea Lindgren <rhea@example.com>": one person, one finding (the name)."""
    names = [s for s in spans if s.source not in ("email", "handle")]
    result = []
    for span in spans:
        if span.source == "email":
            at = segment.offsets[span.start]
            if "<" in source[max(0, at - 2) : at] and any(
                0 <= span.start - n.end <= 3 for n in names
            ):
                continue
        result.append(span)
    return result


def _mentions(segment, spans: list[NameSpan], known: list[str]) -> list[NameSpan]:
    """Bare repeats of strings the document established as people (chat speakers, authors,
    handles without their @; `known` longest first): "quietLoom's position", "rlindgren
    decided to dig in"."""
    found: list[NameSpan] = []
    text = segment.text
    # The characters taken, one byte each: a long chat log repeats its nicks hundreds of
    # times, and each repeat was compared with every range taken before it.
    taken = bytearray(len(text))
    hollow = []  # empty ranges, which still overlap a range around them
    for s in spans:
        if s.start < s.end:
            taken[s.start : s.end] = b"\x01" * (min(s.end, len(text)) - min(s.start, len(text)))
        else:
            hollow.append((s.start, s.end))
    for name in known:
        if len(name) < 2 or name not in text:
            continue  # (the pattern matches the name literally: absent, no search)
        bounded = re.compile(r"(?<![\w@/.-])" + re.escape(name) + r"(?![\w@-])")
        for a in _occurrences(text, name, bounded):
            b = a + len(name)
            if segment.masked(a, b) or taken.find(1, a, b) >= 0:
                continue
            if hollow and any(x < b and a < y for x, y in hollow):
                continue
            taken[a:b] = b"\x01" * (b - a)
            found.append(NameSpan(a, b, name, "known"))
    return found


def _occurrences(text: str, name: str, bounded: re.Pattern[str]) -> Iterator[int]:
    """Where `bounded` (the literal `name` between lookarounds) matches in `text`, as its
    `finditer` finds them: each place `str.find` finds the name, tried there (a search
    from the start would run the lookbehind at every character of a long log)."""
    at = text.find(name)
    while at >= 0:
        if bounded.match(text, at):
            yield at
            at = text.find(name, at + len(name))
        else:
            at = text.find(name, at + 1)


def _in_owner(span: NameSpan, owners: Iterable[tuple[int, int]]) -> bool:
    return any(a <= span.start and span.end <= b for a, b in owners)


def _hits(ctx: NlpContext, owners_only: bool) -> Iterator[Hit]:
    flag_owners = ctx.run.settings.flag_owners
    reported: list[tuple[int, int]] = []
    for index, segment in enumerate(ctx.segments):
        if not segment.text.strip():
            continue
        owners = owner_ranges(segment.text) if segment.kind != "heading" else []
        for span in segment_names(ctx, index):
            reported.append(segment.source_range(span.start, span.end))
            bare = span.source not in ("handle", "email")
            in_owner = bare and _in_owner(span, owners)
            if owners_only and not in_owner:
                continue
            if not owners_only and in_owner and not flag_owners:
                continue
            yield Hit(span.start, span.end, {"name": span.text, "source": span.source}, index)
    if owners_only:
        return
    p = people(ctx.language if ctx.language in ("en", "fr") else "en")
    front, bylines, links = _sources(ctx, p)
    for start, end, text in front:
        yield Hit(start, end, {"name": text, "source": "front-matter"}, None)
    # Bylines outside prose (an HTML header block, "bo@" in a table cell) and profile links
    # (masked in the prose as links) are reported from the source, unless reported above.
    extra = bylines + links
    for start, end, text in extra:
        if not any(a < end and start < b for a, b in reported):
            yield Hit(start, end, {"name": text, "source": "byline"}, None)


@nlp_kind("personal-name", needs=_COMPONENTS, prefilter=_prefilter, gates=GATES)
def personal_name(ctx: NlpContext, rule: Rule) -> Iterable[Hit]:
    """Names, handles and e-mails of individuals anywhere in prose (not in owner fields)."""
    yield from _hits(ctx, owners_only=False)


@nlp_kind("personal-owner", needs=_COMPONENTS, prefilter=_prefilter, gates=GATES)
def personal_owner(ctx: NlpContext, rule: Rule) -> Iterable[Hit]:
    """Bare personal names given as an action item's owner."""
    yield from _hits(ctx, owners_only=True)


KINDS = (personal_name, personal_owner)
