"""GFLOP/s per CPU second of thinc's bundled BLIS and of numpy's BLAS, on the shapes of the sm
models' layers (issue 15; `nlp/blas.py` says why blamelint multiplies with numpy's).

    python bench/blas_probe.py          # BLIS_ARCH_DEBUG=1 also prints the kernels BLIS picked

Run with OPENBLAS_NUM_THREADS=1 to compare one core with one core (blamelint runs so).
"""

from __future__ import annotations

import time

import numpy
from thinc.api import NumpyOps

SHAPES = ((2_000, 288, 96), (6_000, 288, 288), (20_000, 288, 288))  # tokens x inputs x outputs
REPEATS = 10


def _cpu_per_call(ops, x, w) -> float:
    ops.gemm(x, w, trans2=True)
    start = time.process_time()
    for _ in range(REPEATS):
        ops.gemm(x, w, trans2=True)
    return (time.process_time() - start) / REPEATS


def main() -> None:
    blis, plain = NumpyOps(use_blis=True), NumpyOps(use_blis=False)
    rng = numpy.random.default_rng(0)
    print("| tokens x inputs x outputs | BLIS GFLOP/s | numpy GFLOP/s | largest difference |")
    print("|---|---|---|---|")
    for rows, inputs, outputs in SHAPES:
        x = rng.random((rows, inputs), dtype="float32")
        w = rng.random((outputs, inputs), dtype="float32")
        flops = 2 * rows * inputs * outputs
        slow = _cpu_per_call(blis, x, w)
        fast = _cpu_per_call(plain, x, w)
        gap = float(abs(blis.gemm(x, w, trans2=True) - plain.gemm(x, w, trans2=True)).max())
        print(
            f"| {rows:,} x {inputs} x {outputs} | {flops / slow / 1e9:.1f} | "
            f"{flops / fast / 1e9:.1f} | {gap:.1e} |"
        )


if __name__ == "__main__":
    main()
