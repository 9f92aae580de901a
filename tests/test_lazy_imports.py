"""What a run imports: the costly libraries only when something in the run uses them.

Each check runs blamelint in a fresh interpreter and reads `sys.modules` afterwards, so an
import made at module level anywhere on the path is seen.
"""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT
from .test_structure_rules import COMPLETE_EN

NO_ACTIONS = COMPLETE_EN.replace(
    "- [ ] ACT-001 Add a driver section to the upgrade checklist (owner: platform-team, "
    "deadline: 2026-03-20, validation: checklist template contains the section)",
    "The checklist gains a driver section.",
)


def imported(args: list[str], modules: tuple[str, ...]) -> set[str]:
    """The `modules` present in sys.modules after `blamelint args` in a fresh interpreter."""
    code = (
        "import sys; from blamelint.cli.main import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        f"print('loaded:', *(m for m in {modules!r} if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True, text=True
    )
    last = done.stderr.strip().splitlines()[-1].split()
    assert last[0] == "loaded:", done.stderr
    return set(last[1:])


LIBRARIES = ("jsonschema", "referencing", "spacy")


def test_a_run_without_action_items_or_nlp_rules_imports_neither_jsonschema_nor_spacy(write):
    assert "ACT-001" not in NO_ACTIONS
    path = write("pm.md", NO_ACTIONS)
    args = ["check", "--no-cache", "--select", "structure,actions", str(path)]
    assert imported(args, LIBRARIES) == set()


def test_an_action_item_to_validate_imports_jsonschema_and_still_not_spacy(write):
    path = write("pm.md", COMPLETE_EN)
    args = ["check", "--no-cache", "--select", "structure,actions", str(path)]
    assert imported(args, LIBRARIES) == {"jsonschema", "referencing"}


def test_a_config_file_is_validated_with_jsonschema(write):
    path = write("pm.md", NO_ACTIONS)
    config = write(".blamelint.yaml", "fail_level: error\n")
    args = ["check", "--no-cache", "--config", str(config), "--select", "structure", str(path)]
    assert imported(args, LIBRARIES) == {"jsonschema", "referencing"}
