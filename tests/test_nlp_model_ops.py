"""ModelOps (nlp/model_ops.py): thinc's maxout results, bit for bit, without its branches."""

from __future__ import annotations

import numpy
import pytest
from thinc.api import NumpyOps

from blamelint.nlp.model_ops import ModelOps

THINC = NumpyOps(use_blis=False)
OURS = ModelOps(use_blis=False)


def _pieces(rows: int, outputs: int, pieces: int, dtype: str, seed: int) -> numpy.ndarray:
    return numpy.random.default_rng(seed).standard_normal((rows, outputs, pieces)).astype(dtype)


def _same_bits(a: numpy.ndarray, b: numpy.ndarray) -> bool:
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


@pytest.mark.parametrize("pieces", [2, 3, 4, 5])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_the_best_piece_is_thincs_on_ordinary_activations(pieces, dtype):
    X = _pieces(257, 96, pieces, dtype, seed=pieces)
    assert _same_bits(OURS.maxout(X)[0], THINC.maxout(X)[0])


@pytest.mark.parametrize("pieces", [2, 3, 4])
def test_ties_signed_zeros_infinities_and_nans_come_out_as_thinc_has_them(pieces):
    X = _pieces(64, 8, pieces, "float32", seed=7)
    rows = numpy.arange(64)
    # Every arrangement of -0.0, +0.0, a negative number, NaN and infinities over the pieces.
    values = numpy.array([-0.0, 0.0, -1.5, numpy.nan, numpy.inf, -numpy.inf, 2.0], "float32")
    choice = numpy.random.default_rng(pieces).integers(0, len(values), size=(64, 8, pieces))
    X[rows % 2 == 0] = values[choice[rows % 2 == 0]]
    X[1, 0, :] = 3.25  # a tie of equal numbers
    X[3, 0, :] = [-0.0] + [0.0] * (pieces - 1)
    X[5, 0, :] = [0.0] + [-0.0] * (pieces - 1)
    assert _same_bits(OURS.maxout(X)[0], THINC.maxout(X)[0])


def test_what_it_does_not_vectorise_is_left_to_thinc():
    one_piece = _pieces(10, 4, 1, "float32", seed=1)
    assert _same_bits(OURS.maxout(one_piece)[0], THINC.maxout(one_piece)[0])
    assert _same_bits(OURS.maxout(one_piece)[1], THINC.maxout(one_piece)[1])
    strided = _pieces(10, 4, 6, "float32", seed=2)[:, :, ::2]
    for ops in (OURS, THINC):
        with pytest.raises(ValueError, match="C-contiguous"):
            ops.maxout(strided)


@pytest.mark.parametrize("pieces", [2, 3])
def test_the_winners_are_worked_out_for_a_backward_pass_and_give_thincs_gradient(pieces):
    X = _pieces(33, 12, pieces, "float32", seed=11)
    d_best = _pieces(33, 12, 1, "float32", seed=12)[..., 0].copy()
    _, ours = OURS.maxout(X)
    _, theirs = THINC.maxout(X)
    assert _same_bits(
        OURS.backprop_maxout(d_best, ours, pieces), THINC.backprop_maxout(d_best, theirs, pieces)
    )
    # (winners in thinc's own form are taken as they are)
    assert _same_bits(
        OURS.backprop_maxout(d_best, theirs, pieces),
        THINC.backprop_maxout(d_best, theirs, pieces),
    )


def _layer_norm_layer(width: int, seed: int):
    from thinc.api import LayerNorm

    layer = LayerNorm(nI=width)
    layer.initialize()
    rng = numpy.random.default_rng(seed)
    layer.set_param("G", rng.standard_normal(width).astype("float32"))
    layer.set_param("b", rng.standard_normal(width).astype("float32"))
    return layer


@pytest.mark.parametrize("width", [1, 7, 96, 300])
def test_the_fused_layer_norm_gives_thincs_bits(width):
    from thinc.layers import layernorm

    from blamelint.nlp.model_ops import _layer_norm

    layer = _layer_norm_layer(width, seed=width)
    X = _pieces(200, width, 1, "float32", seed=width)[..., 0] * 3.0 + 0.5
    X[0] = 0.0  # no spread at all
    X[1] = 1e18  # huge, equal
    X[2, ::2] = -1e-30  # tiny
    X = numpy.ascontiguousarray(X)
    assert _same_bits(_layer_norm(layer, X, False)[0], layernorm.forward(layer, X, False)[0])


def test_training_and_the_backward_pass_are_thincs():
    from thinc.layers import layernorm

    from blamelint.nlp.model_ops import _layer_norm

    layer = _layer_norm_layer(16, seed=3)
    X = _pieces(9, 16, 1, "float32", seed=4)[..., 0].copy()
    dY = _pieces(9, 16, 1, "float32", seed=5)[..., 0].copy()
    for is_train in (False, True):
        ours, back = _layer_norm(layer, X, is_train)
        theirs, their_back = layernorm.forward(layer, X, True)
        assert _same_bits(ours, theirs)
        assert _same_bits(back(dY.copy()), their_back(dY.copy()))


class _Pipe:
    def __init__(self, model):
        self.model = model


class _Nlp:
    def __init__(self, *models):
        self.pipeline = [(f"pipe{i}", _Pipe(model)) for i, model in enumerate(models)]


def test_only_thincs_own_layer_norms_are_fused_and_only_where_the_check_passes(monkeypatch):
    from thinc.api import chain
    from thinc.layers import layernorm

    import blamelint.nlp.model_ops as model_ops

    plain, other = _layer_norm_layer(8, seed=1), _layer_norm_layer(8, seed=2)
    other._func = lambda model, X, is_train: (X, None)  # somebody else's forward
    nlp = _Nlp(chain(plain, other))
    monkeypatch.setattr(model_ops, "_fused_is_thincs", lambda layer: False)
    assert model_ops.fuse_layer_norms(nlp) == 0 and plain._func is layernorm.forward
    monkeypatch.undo()
    assert model_ops.fuse_layer_norms(nlp) == 1
    assert plain._func is model_ops._layer_norm and other._func is not model_ops._layer_norm
