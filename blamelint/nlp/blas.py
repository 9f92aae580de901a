"""How the spaCy models multiply matrices: numpy's BLAS on one thread (engine.py loads them so).

Output does not depend on it on the corpora checked (byte-identical findings), but the CPU
does: see `numpy_blas`.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

# OpenBLAS reads its thread count when numpy loads it; one thread unless the user set one.
_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")


def import_numpy() -> None:
    """Import numpy with its BLAS on one thread (unless the environment says otherwise): the
    matrices are small, extra threads spin on a core that a `--jobs` worker needs, and CPU
    time per word rises. The environment is left as it was found."""
    if "numpy" in sys.modules or any(os.environ.get(k) for k in _BLAS_THREADS):
        return
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    try:
        import numpy  # noqa: F401
    finally:
        del os.environ["OPENBLAS_NUM_THREADS"]


@contextlib.contextmanager
def numpy_blas() -> Iterator[None]:
    """Models made inside multiply matrices with numpy's BLAS instead of thinc's bundled BLIS,
    and take their maxouts without a branch (`model_ops.ModelOps`: the same results).

    The BLIS that thinc ships picks its kernels by CPU model, and on a CPU it does not know
    (a VM's "AMD EPYC") falls back to its generic C kernels: 16-22 GFLOP/s against 56-70 for
    numpy's OpenBLAS on one core here (bench/blas_probe.py), most of the tok2vec and of the
    parser and NER's lower layers. Outside thinc's default CPU backend nothing changes."""
    from thinc.api import NumpyOps, get_current_ops, set_current_ops

    current = get_current_ops()
    if type(current) is not NumpyOps:
        yield
        return
    from .model_ops import ModelOps

    set_current_ops(ModelOps(use_blis=False))
    try:
        yield
    finally:
        set_current_ops(current)
