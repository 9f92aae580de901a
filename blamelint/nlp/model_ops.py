"""The thinc backend the spaCy models run on: numpy's, with a maxout that does not branch.

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
"""

from __future__ import annotations

from typing import Any

import numpy
from thinc.api import NumpyOps


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


__all__ = ["ModelOps"]
