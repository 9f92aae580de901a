"""A gated NER run on the sentences that need it, with exactly the entities of a whole-Doc run.

The names kinds need the NER only where a sentence holds a capitalised proper noun or given
name (`people.ner_decides`); a long paragraph usually has one such sentence among several
that have none. Running the NER on those sentences alone would change its entities near
their edges: each token's vector reads its neighbours. So the NER runs on *cores* (runs of
sentences that pass the gate, merged when little lies between them) padded with `reach`
tokens of context either side, and only the entities inside a core are copied back.

Why the core's entities are those of a whole-Doc run (spaCy's `sm` NER, checked by
`ner_reach` on the model's config; any other model runs on whole Docs):

- a token's vector is a window CNN over per-token features (NORM, PREFIX, SUFFIX, SHAPE):
  it reads `depth * window_size` tokens either side, all inside the padded piece;
- a transition reads the vectors of the next token, of the open entity's first token and of
  the token before the next one (three state tokens, no extra ones): at most one token before
  the core, which the padding covers with its own full window;
- no entity crosses a sentence start (the NER's `Begin`/`In` refuse one), so at a core's first
  token no entity is open in either run, and the piece keeps the Doc's sentence starts on the
  core and at its ends (checked on each piece; a piece that does not is run on its whole Doc).

Tokens outside every core get no entity (IOB "O"): the gate says no kind reads them there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

_CNN_ENCODERS = frozenset({"spacy.MaxoutWindowEncoder.v1", "spacy.MaxoutWindowEncoder.v2"})
_CNN_TOK2VEC = frozenset({"spacy.HashEmbedCNN.v1", "spacy.HashEmbedCNN.v2"})
_PARSERS = frozenset({"spacy.TransitionBasedParser.v1", "spacy.TransitionBasedParser.v2"})


def ner_reach(nlp: Any, pipe: str = "ner") -> int | None:
    """Tokens either side that can change an NER decision on a token, from the model's config:
    the tok2vec's window times its depth, plus the state token before the next one. None when
    the model is not one whose reach is known (then the NER runs on whole Docs)."""
    try:
        model = dict(nlp.config["components"][pipe]["model"])
    except (AttributeError, KeyError, TypeError):
        return None
    if model.get("@architectures") not in _PARSERS or model.get("state_type") != "ner":
        return None
    if model.get("extra_state_tokens"):
        return None
    tok2vec = dict(model.get("tok2vec") or {})
    if tok2vec.get("@architectures") in _CNN_TOK2VEC:
        encode = tok2vec
    elif tok2vec.get("@architectures") == "spacy.Tok2Vec.v2":
        encode = dict(tok2vec.get("encode") or {})
        if encode.get("@architectures") not in _CNN_ENCODERS:
            return None
    else:
        return None  # a listener, a transformer: its context is not a known window
    depth, window = encode.get("depth"), encode.get("window_size")
    if not isinstance(depth, int) or not isinstance(window, int):
        return None
    return depth * window + 1


@dataclass(frozen=True)
class Piece:
    """A padded piece of Doc `index`: tokens [start, end), entities kept in [core, core_end)."""

    index: int
    start: int
    end: int
    core: int
    core_end: int


def cores(doc: Any, passes: Callable[[Any], bool], reach: int) -> list[tuple[int, int]] | None:
    """Token ranges of the sentences (Spans) that pass, merged where at most 2 * reach tokens lie
    between them; None when the whole Doc is as cheap (one sentence, or padding covers it)."""
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return None
    from spacy.attrs import SENT_START

    starts = [0] + [int(i) for i in (doc.to_array(SENT_START) == 1).nonzero()[0] if i]
    if len(starts) < 2:
        return None
    found: list[list[int]] = []
    for start, end in zip(starts, [*starts[1:], len(doc)], strict=True):
        if not passes(doc[start:end]):
            continue
        if found and start - found[-1][1] <= 2 * reach:
            found[-1][1] = end
        else:
            found.append([start, end])
    if len(found) == 1 and found[0][0] <= reach and found[0][1] >= len(doc) - reach:
        return None
    return [(a, b) for a, b in found]


def pieces(index: int, doc: Any, ranges: Sequence[tuple[int, int]], reach: int) -> list[Piece]:
    return [Piece(index, max(0, a - reach), min(len(doc), b + reach), a, b) for a, b in ranges]


def piece_doc(doc: Any, piece: Piece) -> Any | None:
    """The piece as a Doc of its own, or None when its sentence starts differ from the Doc's
    on the core or at the core's ends."""
    part = doc[piece.start : piece.end].as_doc()
    for i in range(piece.core, min(piece.core_end + 1, len(doc))):
        if bool(part[i - piece.start].is_sent_start) != bool(doc[i].is_sent_start):
            if i == piece.core == piece.start:
                continue  # the Doc's first token: a sentence start in both by definition
            return None
    return part


def copy_entities(doc: Any, done: Sequence[tuple[Piece, Any]]) -> None:
    """Set the entities found inside the pieces' cores on `doc`; every other token is "O"."""
    from spacy.tokens import Span

    spans = []
    for piece, part in done:
        for ent in part.ents:
            start, end = ent.start + piece.start, ent.end + piece.start
            if piece.core <= start and end <= piece.core_end:
                spans.append(Span(doc, start, end, label=ent.label))
    doc.set_ents(spans, default="outside")


__all__ = ["Piece", "copy_entities", "cores", "ner_reach", "piece_doc", "pieces"]
