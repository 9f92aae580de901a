"""The dependency rule of the package (issue 10), checked with import-linter.

Layers, one way: base -> document -> {nlp | actions} -> rules -> run -> workflow -> cli;
report depends on base only; only nlp imports spaCy, only cli imports click; no cycles.
The contracts live in pyproject.toml ([tool.importlinter]).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ["cli", "workflow", "run", "rules", "nlp | actions", "document", "base"]
_LINT = (
    "import sys; from importlinter.cli import lint_imports; "
    "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True, no_logo=True))"
)


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the `blamelint` package found in `root` (no cache written)."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [sys.executable, "-c", _LINT], cwd=root, env=env, capture_output=True, text=True
    )


def _contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def test_contract_lists_every_layer_in_order():
    (layers,) = [c for c in _contracts() if c["type"] == "layers"]
    assert layers["layers"] == [
        f"blamelint.{name}".replace("| ", "| blamelint.") for name in LAYERS
    ]
    packages = {p.name for p in (ROOT / "blamelint").iterdir() if (p / "__init__.py").is_file()}
    listed = {
        part.strip().removeprefix("blamelint.")
        for layer in layers["layers"]
        for part in layer.split("|")
    }
    # Every subpackage is a layer, except report, which has its own contract (base only).
    assert packages - listed == {"report"}
    kinds = {c["type"] for c in _contracts()}
    assert {"layers", "forbidden", "independence", "acyclic_siblings"} <= kinds


def test_package_keeps_the_import_contracts():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        # an upward import: the document layer reaching into the rules layer
        ("document/model.py", "from blamelint.rules import model as _up", "Layers"),
        # a reporter reading rule code
        ("report/text.py", "from blamelint.rules import docs as _docs", "Reporters depend"),
        # spaCy imported outside nlp/, click outside cli/
        ("rules/kinds/names.py", "import spacy as _spacy", "Only blamelint.nlp imports spaCy"),
        ("run/runner.py", "import click as _click", "Only blamelint.cli imports click"),
        # nlp and actions must stay independent of each other
        ("nlp/people.py", "from blamelint.actions import items as _items", "independent"),
        # a cycle between two modules of one part
        ("cli/common.py", "from blamelint.cli import main as _main", "No import cycles"),
    ],
)
def test_a_broken_contract_is_detected(tmp_path, module, line, contract):
    shutil.copytree(
        ROOT / "blamelint", tmp_path / "blamelint", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "blamelint" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    broken = [row for row in result.stdout.splitlines() if row.endswith(" BROKEN")]
    assert len(broken) >= 1 and any(contract in row for row in broken), result.stdout
