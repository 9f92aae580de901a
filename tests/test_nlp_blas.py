"""The models multiply with numpy's BLAS on one thread (nlp/blas.py), and say so only to themselves."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from blamelint.nlp.engine import NlpEngine

from .conftest import ROOT

ALL = frozenset({"ner", "tagger", "parser"})
# The tok2vecs' windows, the parser's and NER's lower layer, the tagger's output.
WIDE = {"maxout", "precomputable_affine", "softmax"}

THREADS = (
    "import os, sys\n"
    "from blamelint.nlp.blas import import_numpy\n"
    "import_numpy()\n"
    "import numpy\n"
    "print(len(os.listdir('/proc/self/task')), os.environ.get('OPENBLAS_NUM_THREADS'))\n"
)


def _threads(env: dict[str, str]) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    result = subprocess.run(
        [sys.executable, "-c", THREADS],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.nlp
def test_the_layers_that_read_every_token_multiply_with_numpy_not_blis():
    # (spaCy builds the parser's and NER's output layer on a fixed CPU backend itself; it is
    # applied through spaCy's own C loop, not through the layer's backend.)
    nlp = NlpEngine().load("en", ALL)
    models = [getattr(nlp.get_pipe(name), "model", None) for name in nlp.pipe_names]
    layers = [node for model in models if model is not None for node in model.walk()]
    wide = [node for node in layers if node.name in WIDE]
    assert {node.name for node in wide} == WIDE
    assert {type(node.ops).__name__ for node in wide} == {"ModelOps"}  # numpy's, maxout aside
    assert not any(node.ops.use_blis for node in wide)


@pytest.mark.nlp
def test_the_models_answer_as_they_do_on_thincs_own_backend_layer_norm_and_chain():
    from thinc.api import NumpyOps

    nlp = NlpEngine().load("en", ALL)
    texts = [
        "The deploy job restarted the cache nodes at 14:02, and the queue drained by 14:40.",
        "Nobody had told the on-call engineer that the failover script was disabled last week.",
        "Priya rolled back release 4.2 after the error rate on the checkout API doubled.",
    ]
    from thinc.layers import layernorm
    from thinc.layers.chain import forward as thincs_chain

    from blamelint.nlp.model_ops import _layer_norm, _lean_chain

    thinc = NumpyOps(use_blis=False)
    layers = [
        node
        for _, pipe in nlp.pipeline
        if getattr(pipe, "model", None) is not None
        for node in pipe.model.walk()
    ]
    ours = [(node.ops, node._func) for node in layers]
    assert any(func is _layer_norm for _, func in ours)
    assert any(func is _lean_chain for _, func in ours)

    def analysed() -> list[tuple[bytes, bytes]]:
        from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, TAG

        docs = list(nlp.pipe(texts))
        return [
            (d.tensor.tobytes(), d.to_array([TAG, DEP, HEAD, ENT_IOB, ENT_TYPE]).tobytes())
            for d in docs
        ]

    with_ours = analysed()
    try:
        for node in layers:
            node.ops = thinc
            if node._func is _layer_norm:
                node._func = layernorm.forward
            elif node._func is _lean_chain:
                node._func = thincs_chain
        with_thinc = analysed()
    finally:
        for node, (ops, func) in zip(layers, ours, strict=True):
            node.ops, node._func = ops, func
    assert with_ours == with_thinc


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts threads in /proc")
def test_numpy_starts_one_blas_thread_and_the_environment_is_left_as_found():
    assert _threads({}) == "1 None"


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts threads in /proc")
def test_a_thread_count_the_user_set_is_kept():
    count, value = _threads({"OPENBLAS_NUM_THREADS": "2"}).split()
    assert value == "2"
    assert int(count) == min(2, os.cpu_count() or 1)
