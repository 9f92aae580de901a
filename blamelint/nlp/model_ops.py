"""How the spaCy models run: numpy's backend with a maxout that does not branch, and inference
forwards for thinc's LayerNorm and chain that give the same bits with less work.

Every layer of the small models' tok2vecs (the shared one and the NER's own) ends in a maxout:
the best of 3 pieces for each of 96 outputs of each token, 4-5 times per token. thinc's C
kernel picks the best with a compare and a branch per piece, and on real activations the branch
is a coin toss: 4.1 ms for 4,000 tokens here, against 0.5 ms for numpy's vectorised `maximum`
(which does not branch), 0.4-0.6 s of CPU over the real corpus's prose, 20-25% of the tok2vec.

The result is thinc's own, bit for bit: a maximum is one of its inputs, and two inputs that
compare equal have the same bits, unless they are zeros of opposite signs. So only where the
maximum is a zero (which sign thinc keeps depends on the pieces' order) or NaN (thinc's compare
skips a NaN that numpy keeps) can the two differ, and those few cells are worked out again by
thinc's own kernel. Which piece won is needed only by a backward pass, which blamelint never
runs: it is worked out, by thinc, only if one asks for it.

The same layers then normalise each token's 96 values (thinc's LayerNorm): thinc takes the
mean, then numpy's `var`, which takes the mean again and subtracts it again, and then subtracts
it a third time. `fuse_layer_norms` gives those layers a forward pass that makes each of those
arrays once, with the very numpy calls `var` makes (so the same bits), and checks that on the
layer's own weights before it is used: a numpy whose `var` works otherwise keeps thinc's.
In-process A/B over the corpus's prose, all pipes: -0.44 s of ~10 s CPU (7 of 8 rounds),
and scaling the deviations in place another -0.27 s (7 of 10).

thinc's `chain` keeps the backward callback of every layer it ran until the whole chain
returns, and each callback holds what its layer read (a maxout its pieces, a LayerNorm its
input): every intermediate array of a batch stays alive through the tok2vec, a working set
many times the cache. In inference nobody calls them; `lean_chains` gives thinc's chains a
forward that drops each callback as soon as the next layer has its input (should a backward
pass be asked of it, it runs thinc's chain again from the input it keeps). In-process A/B over
the corpus's prose, all pipes: -1.08 s of ~11 s CPU (8 of 8 rounds), the same bits; peak
memory of a run over the 61 real postmortems 370 -> 274 MB.
"""

from __future__ import annotations

from typing import Any

import numpy
from thinc.api import NumpyOps

# thinc's own forwards (`thinc.layers.chain`, the attribute, is the function that builds a chain)
from thinc.layers.chain import forward as thincs_chain
from thinc.layers.layernorm import forward as thincs_layer_norm


class _Winners:
    """Which piece won each output of a maxout, known once asked for (training only)."""

    __slots__ = ("pieces",)

    def __init__(self, pieces: Any) -> None:
        self.pieces = pieces


class ModelOps(NumpyOps):
    """NumpyOps whose `maxout` is vectorised (same result); everything else is thinc's."""

    def maxout(self, X: Any) -> tuple[Any, Any]:
        if (
            not isinstance(X, numpy.ndarray)
            or X.ndim != 3
            or X.shape[2] < 2
            or X.dtype not in (numpy.float32, numpy.float64)
            or not X.flags.c_contiguous
        ):
            return NumpyOps.maxout(self, X)
        pieces = X.shape[2]
        best = numpy.maximum(X[..., 0], X[..., 1])
        for piece in range(2, pieces):
            numpy.maximum(best, X[..., piece], out=best)
        unsettled = ~(numpy.abs(best) > 0)  # zeros and NaNs: thinc's kernel decides them
        if unsettled.any():
            cells = numpy.flatnonzero(unsettled)
            alone = X.reshape(-1, pieces)[cells].reshape(len(cells), 1, pieces)
            best.reshape(-1)[cells] = NumpyOps.maxout(self, alone)[0].reshape(-1)
        return best, _Winners(X)

    def backprop_maxout(self, dY: Any, which: Any, P: int) -> Any:
        if isinstance(which, _Winners):
            which = NumpyOps.maxout(self, which.pieces)[1]
        return NumpyOps.backprop_maxout(self, dY, which, P)


def fuse_layer_norms(nlp: Any) -> int:
    """Give the LayerNorm layers of `nlp`'s pipes the fused inference forward (same result);
    how many were given it. Layers running anything but thinc's own forward are left alone."""
    layers = _running(nlp, thincs_layer_norm)
    if not layers or not all(_fused_is_thincs(layer) for layer in layers):
        return 0
    for layer in layers:
        layer._func = _layer_norm
    return len(layers)


def lean_chains(nlp: Any) -> int:
    """Give the chains of `nlp`'s pipes an inference forward that lets go of each layer's
    backward callback at once (same result); how many were given it. Chains running anything
    but thinc's own forward are left alone."""
    chains = _running(nlp, thincs_chain)
    for node in chains:
        node._func = _lean_chain
    return len(chains)


def _running(nlp: Any, forward: Any) -> list[Any]:
    """The layers of `nlp`'s pipes whose forward is `forward`."""
    return [
        node
        for _, pipe in nlp.pipeline
        if getattr(pipe, "model", None) is not None
        for node in pipe.model.walk()
        if getattr(node, "_func", None) is forward
    ]


def _lean_chain(model: Any, X: Any, is_train: bool) -> tuple[Any, Any]:
    if is_train:
        return thincs_chain(model, X, is_train)
    Y = X
    for layer in model.layers:
        Y = layer(Y, is_train=False)[0]

    def backprop(dY: Any) -> Any:  # (inference has none to run; thinc's own, should one ask)
        return thincs_chain(model, X, False)[1](dY)

    return Y, backprop


def _layer_norm(model: Any, X: Any, is_train: bool) -> tuple[Any, Any]:
    if is_train or not isinstance(X, numpy.ndarray) or X.ndim != 2 or not X.shape[0]:
        return thincs_layer_norm(model, X, is_train)
    mean = X.mean(axis=1, keepdims=True)
    Y = X - mean
    # numpy's own `var` (numpy/_core/_methods.py), from the deviations it would compute again
    var = numpy.square(Y).sum(axis=1, keepdims=True)
    numpy.true_divide(var, numpy.intp(X.shape[1]), out=var, casting="unsafe")
    var += 1e-08  # thinc's
    numpy.power(var, -1.0 / 2.0, out=var)
    # Scaled in place: two fewer arrays of the batch's size to allocate, write and read back.
    Y *= var
    Y *= model.get_param("G")
    Y += model.get_param("b")

    def backprop(dY: Any) -> Any:  # (inference has none to run; thinc's own, should one ask)
        return thincs_layer_norm(model, X, True)[1](dY)

    return Y, backprop


def _fused_is_thincs(layer: Any) -> bool:
    """Whether the fused forward gives thinc's bits on this layer's weights."""
    try:
        width = layer.get_dim("nI")
        X = numpy.random.default_rng(width).standard_normal((33, width)).astype("float32")
        X[3] = 0.0
        X[5] = 1e-20
        ours = _layer_norm(layer, X, False)[0]
        theirs = thincs_layer_norm(layer, X, False)[0]
    except Exception:  # a layer or numpy unlike the ones this was written for: thinc's
        return False
    return ours.dtype == theirs.dtype and ours.tobytes() == theirs.tobytes()


__all__ = ["ModelOps", "fuse_layer_norms", "lean_chains"]
