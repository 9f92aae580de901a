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


def _small_network(seed: int):
    from thinc.api import Linear, Maxout, Relu, chain, residual

    network = chain(
        Maxout(nO=12, nI=6, nP=3, normalize=True),
        residual(chain(Relu(nO=12, nI=12), Linear(nO=12, nI=12))),
        Linear(nO=5, nI=12),
    )
    network.initialize(X=_pieces(4, 6, 1, "float32", seed=seed)[..., 0].copy())
    return network


def _lean(network):
    from thinc.layers.chain import forward as thincs_chain

    from blamelint.nlp.model_ops import _lean_chain

    chains = [node for node in network.walk() if node._func is thincs_chain]
    assert chains
    for node in chains:
        node._func = _lean_chain
    return network


def test_a_lean_chain_gives_thincs_bits_and_thincs_gradients():
    X = _pieces(30, 6, 1, "float32", seed=8)[..., 0].copy()
    dY = _pieces(30, 5, 1, "float32", seed=9)[..., 0].copy()
    network = _small_network(seed=7)
    for is_train in (False, True):
        theirs, their_back = network(X, is_train=is_train)
        their_dX = their_back(dY.copy())
        _lean(network)
        ours, back = network(X, is_train=is_train)
        assert _same_bits(ours, theirs)
        assert _same_bits(back(dY.copy()), their_dX)
        _thincs_again(network)


def _thincs_again(network):
    from thinc.layers.chain import forward as thincs_chain

    from blamelint.nlp.model_ops import _lean_chain

    for node in network.walk():
        if node._func is _lean_chain:
            node._func = thincs_chain


class _Held:
    """An object a layer's backward callback holds; the test watches when it dies."""


def _holding_layer(kept: list):
    import weakref

    from thinc.api import Model

    def forward(model, X, is_train):
        held = _Held()
        kept.append(weakref.ref(held))
        return X * 2.0, lambda dY: (held, dY * 2.0)[1]

    return Model("holding", forward)


def test_a_lean_chain_lets_go_of_each_callback_thincs_keeps_them_to_the_end():
    from thinc.api import chain

    def held_while_running(lean: bool) -> list[bool]:
        kept: list = []
        alive: list[bool] = []

        def looking(model, X, is_train):  # runs last: are the first layers' callbacks alive?
            alive.extend(ref() is not None for ref in kept)
            return X, lambda dY: dY

        from thinc.api import Model

        network = chain(_holding_layer(kept), _holding_layer(kept), Model("looking", looking))
        if lean:
            _lean(network)
        network.predict(numpy.ones((3, 2), dtype="float32"))
        return alive

    assert held_while_running(lean=False) == [True, True]
    assert held_while_running(lean=True) == [False, False]


def test_only_thincs_own_chains_are_made_lean():
    from thinc.api import chain

    import blamelint.nlp.model_ops as model_ops

    inner = chain(_layer_norm_layer(4, 1), _layer_norm_layer(4, 2))
    outer = chain(inner, _layer_norm_layer(4, 3))
    theirs = lambda model, X, is_train: (X, None)  # noqa: E731 (somebody else's forward)
    inner._func = theirs
    assert model_ops.lean_chains(_Nlp(outer)) == 1
    assert outer._func is model_ops._lean_chain and inner._func is theirs
