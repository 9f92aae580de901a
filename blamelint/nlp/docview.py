"""Token attributes read once per spaCy Doc, shared by every detector.

Each `token.children`, `token.text` or `doc[i]` builds new Python objects from the Doc's C
arrays; the detectors ask the same questions of the same tokens many times per segment (every
detector walks every sentence). `view(doc)` reads what they ask most often once, as plain lists
indexed by token position, and keeps it in `doc.user_data`: the view holds no Token or Doc, so
it dies with its Doc (no reference cycle).

Only attributes no later pipe changes are read (text, offsets, the parse); a view is built on
the first request, after the analysis is complete.

Writing a detector (`detector(sent, language, names)`, run on every sentence of every
segment the blame trigger passes): keep it cheap, it is paid on ~2,700 sentences per 60
postmortems.
- Gate first: a detector that fires only on listed words declares them, `@gated(words)`
  (nlp/gates.py, from its own word lists): the dispatcher then skips it on a sentence that
  has none, without making its generator. The gate must be a necessary condition (read off
  the code; tests/test_detector_gates.py checks it); a detector that may fire without any
  listed word declares none. Inside, `sentence_words(sent)` answers the same question.
- `sent` is a `Sentence`: iterating it gives the Doc's shared Token objects (`tokens(doc)`);
  `doc[i]`, `token.children` and `token.sent` make new ones on every call. Prefer
  `agency.children`, and the view's lists (`v.lower[i]`, `v.dep[j]`, `v.kids[i]`) in loops
  over every token; `sentence_start`, `sentence_bounds` and `doc_text` replace
  `token.sent.start`, `token.sent` and `doc.text`.
- Ask for the cheap condition before the costly one (a word, then the subject, then fault
  markers or negation) when the result cannot differ.
The Token lists refer back to their Doc (a cycle): the NLP stage `release`s them per chunk.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from operator import add
from typing import Any

from .lexicon import norm

_KEY = "blamelint.view"
_TOKENS = "blamelint.tokens"


_RAW = "blamelint.raw"


def doc_text(doc: Any) -> str:
    """`doc.text`, kept on the Doc: spaCy joins every token again on each access, and the
    detectors read it once per sentence (a quarter of the rules' CPU on long segments)."""
    text = doc.user_data.get(_RAW)
    if text is None:
        text = doc.user_data[_RAW] = doc.text
    return text


def known_text(doc: Any, text: str) -> None:
    """Tell the Doc the text it was made from (spaCy's tokenizer is lossless: `doc.text` is
    that text), so `doc_text` never joins its tokens again."""
    doc.user_data[_RAW] = text


class DocView:
    """Per-token lists of one Doc: texts, normalised texts, character ends, children, deps."""

    __slots__ = (
        "bounds",
        "dep",
        "ends",
        "firsts",
        "head",
        "kids",
        "lower",
        "sents",
        "starts",
        "subjects",
        "text",
        "words",
    )

    def __init__(self, doc: Any) -> None:
        from spacy.attrs import DEP, HEAD, IDX, LENGTH

        # One read of the C arrays (HEAD is relative: signed once reinterpreted as int64), made
        # a list at once: each numpy operation costs more than the Python one on a paragraph.
        rows = doc.to_array([IDX, LENGTH, HEAD, DEP]).view("int64").ravel().tolist()
        starts = rows[0::4]
        ends = list(map(add, starts, rows[1::4]))
        heads = list(map(add, rows[2::4], range(len(doc))))  # absolute positions
        deps = rows[3::4]
        raw, strings = doc_text(doc), doc.vocab.strings
        self.text: list[str] = [raw[a:b] for a, b in zip(starts, ends, strict=True)]
        self.lower: list[str] = list(map(norm, self.text))
        self.starts: list[int] = starts
        self.ends: list[int] = ends
        self.head: list[int] = heads  # `token.head.i` (a root is its own head)
        labels = {
            label: strings[label & 0xFFFFFFFFFFFFFFFF] if label else "" for label in set(deps)
        }
        self.dep: list[str] = list(map(labels.__getitem__, deps))
        # Most tokens have no child: they share one empty tuple (a list per token was the
        # view's largest allocation, and every container adds to the garbage collector's work).
        kids: list[Any] = [()] * len(starts)
        for i, head in enumerate(heads):
            if head != i:
                if kids[head]:
                    kids[head].append(i)
                else:
                    kids[head] = [i]
        # `token.children` yields the left children then the right ones, each in order:
        # ascending positions, as appended here.
        self.kids: list[Sequence[int]] = kids
        # Per token, where its sentence starts (`sentence_starts`), made on first request.
        self.firsts: list[int] | None = None
        self.bounds: list[tuple[int, int]] | None = None  # per token, `sentence_bounds`
        self.sents: list[tuple[int, int]] | None = None  # `parser_sentences`, on request
        # Per token, `agency.subject_of` (the subject's position, or -1), made on request.
        self.subjects: dict[int, int] = {}
        self.words: frozenset[str] | None = None  # `doc_words`, made on first request

    def covered(self, ranges: Iterable[tuple[int, int]]) -> frozenset[int]:
        """Positions of the tokens overlapping any character range [a, b)."""
        found: set[int] = set()
        starts, ends = self.starts, self.ends
        for a, b in ranges:
            # Tokens are in order and do not overlap: their ends never decrease.
            i = bisect_right(ends, a)
            while i < len(starts) and starts[i] < b:
                if a < ends[i]:
                    found.add(i)
                i += 1
        return frozenset(found)


def view(doc: Any) -> DocView:
    """The Doc's view, built on first use and kept on the Doc."""
    found = doc.user_data.get(_KEY)
    if found is None:
        found = doc.user_data[_KEY] = DocView(doc)
    return found


def tokens(doc: Any) -> list[Any]:
    """The Doc's Token objects, made once: each `doc[i]` or iteration makes new ones.

    They refer back to their Doc (a reference cycle through `doc.user_data`): the NLP stage
    calls `release` on its Docs once their window is done, so refcounting frees them."""
    found = doc.user_data.get(_TOKENS)
    if found is None:  # (kept apart from the view: the names read Tokens of Docs never viewed)
        found = doc.user_data[_TOKENS] = list(doc)
    return found


def parser_sentences(doc: Any) -> list[tuple[int, int]]:
    """(start, end) of each of `doc.sents`, read once per Doc: every walk of `doc.sents`
    makes a Token per word of the Doc, and three readers want the sentences."""
    v = view(doc)
    if v.sents is None:
        if "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
            v.sents = [(sent.start, sent.end) for sent in doc.sents]  # (the hook's, or E030)
        else:
            v.sents = _sentences_from_flags(doc)
    return v.sents


def _sentences_from_flags(doc: Any) -> list[tuple[int, int]]:
    """`doc.sents` as spaCy walks it without a hook (a sentence starts at every token after
    the first whose `sent_start` is 1), read from one array: no Span or Token made."""
    from spacy.attrs import SENT_START

    flags = doc.to_array([SENT_START]).ravel().tolist()
    bounds, start = [], 0
    for i in range(1, len(flags)):
        if flags[i] == 1:
            bounds.append((start, i))
            start = i
    if start != len(flags):
        bounds.append((start, len(flags)))
    return bounds


def sentence_starts(doc: Any, final: frozenset[str]) -> list[int]:
    """Per token, the start of its parser sentence, ignoring splits after a token that is not
    in `final` (the sentence-ending punctuation): `agency.sentence_start` for every token at
    once, as `token.sent` (a scan of the Doc per call) finds it."""
    v = view(doc)
    if v.firsts is None:
        firsts: list[int] = []
        first = 0
        for start, end in parser_sentences(doc):
            if start == 0 or v.text[start - 1] in final:
                first = start
            firsts.extend([first] * (end - start))
        v.firsts = firsts
    return v.firsts


def ends_with_question_mark(sent: Any) -> bool:
    """The sentence's last token is "?": a question as written (no Token made)."""
    return view(sent.doc).text[sent.end - 1] == "?"


def sentence_words(sent: Any) -> frozenset[str]:
    """The sentence's words as `lexicon.norm` gives them, as a set (made once per Sentence).

    The cheap gate of a detector that fires only where one of its listed words is a token of
    the sentence: `if sentence_words(sent).isdisjoint(words): return`, before any walk of the
    parse. Exact only for such a word list (not for phrases or hyphen-joined forms)."""
    if isinstance(sent, Sentence):
        if sent.lowered is None:
            sent.lowered = frozenset(view(sent.doc).lower[sent.start : sent.end])
        return sent.lowered
    return frozenset(view(sent.doc).lower[sent.start : sent.end])


def doc_words(doc: Any) -> frozenset[str]:
    """Every word of the Doc as `lexicon.norm` gives them (made once per Doc): the gate of a
    question about a token's children, which are words of the Doc wherever they are."""
    v = view(doc)
    if v.words is None:
        v.words = frozenset(v.lower)
    return v.words


def sentence_bounds(token: Any) -> tuple[int, int]:
    """(start, end) of the token's parser sentence (`token.sent`, without making the Span)."""
    v = view(token.doc)
    if v.bounds is None:
        bounds: list[tuple[int, int]] = []
        for start, end in parser_sentences(token.doc):
            bounds.extend([(start, end)] * (end - start))
        v.bounds = bounds
    return v.bounds[token.i]


def release(docs: Iterable[Any]) -> None:
    """Drop the Token lists of these Docs (the cycle `tokens` makes)."""
    for doc in docs:
        if doc is not None:
            doc.user_data.pop(_TOKENS, None)


class Sentence:
    """A sentence Span whose iteration and indexing give the Doc's shared Token objects.

    Every blame detector walks every sentence: iterating the Span would make a new Token per
    word per detector. Other attributes are the Span's (`sent.text`, `sent.root`, ...); the
    Span itself is made on the first such request (most sentences never need it), and
    `start_char` / `end_char`, read on every sentence, come from the Doc's view."""

    __slots__ = ("_span", "doc", "end", "lowered", "start", "words")

    def __init__(self, span: Any, doc: Any = None, start: int = 0, end: int = 0) -> None:
        if span is not None:
            doc, start, end = span.doc, span.start, span.end
        self._span, self.doc, self.start, self.end = span, doc, start, end
        self.words: list[Any] = tokens(doc)[start:end]
        self.lowered: frozenset[str] | None = None  # `sentence_words`, made on first request

    @classmethod
    def within(cls, doc: Any, start: int, end: int) -> Sentence:
        """The sentence doc[start:end], without making its Span yet."""
        return cls(None, doc, start, end)

    @property
    def span(self) -> Any:
        if self._span is None:
            self._span = self.doc[self.start : self.end]
        return self._span

    @property
    def start_char(self) -> int:
        if self.start == self.end:  # (an empty Span's offsets are spaCy's to define)
            return self.span.start_char
        return view(self.doc).starts[self.start]

    @property
    def end_char(self) -> int:
        if self.start == self.end:
            return self.span.end_char
        return view(self.doc).ends[self.end - 1]

    def __iter__(self):
        return iter(self.words)

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, key: Any) -> Any:
        return self.words[key] if isinstance(key, int) else self.span[key]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.span, name)


__all__ = [
    "DocView",
    "Sentence",
    "doc_text",
    "doc_words",
    "known_text",
    "parser_sentences",
    "release",
    "sentence_bounds",
    "sentence_starts",
    "sentence_words",
    "tokens",
    "view",
]


_FOLLOWING = "blamelint.following"


def set_following(doc: Any, text: str) -> None:
    """Keep on the Doc the prose that follows its segment outside it: a table cell's row after
    it (`Segment.row_after`), which may answer the cell's last sentence."""
    if text:
        doc.user_data[_FOLLOWING] = text


def following(doc: Any) -> str:
    """The prose `set_following` kept on the Doc ("" when none)."""
    return doc.user_data.get(_FOLLOWING, "")
