from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CORPUS = DATA / "corpus"


def evaluate_script():
    """scripts/evaluate.py as a module (it is a script, not part of the package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("evaluate", ROOT / "scripts" / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["evaluate"] = module  # dataclasses look their module up while executing it
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True, scope="session")
def _cache_outside_the_checkout(tmp_path_factory):
    """The CLI caches by default; keep test runs from writing .blamelint_cache into the tree."""
    import os

    previous = os.environ.get("BLAMELINT_CACHE_DIR")
    os.environ["BLAMELINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("blamelint-cache"))
    yield
    if previous is None:
        os.environ.pop("BLAMELINT_CACHE_DIR", None)
    else:
        os.environ["BLAMELINT_CACHE_DIR"] = previous


@pytest.fixture
def write(tmp_path):
    """Write a file under tmp_path and return its path."""

    def _write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def python() -> str:
    return sys.executable
