"""nlp.spacy_import: spaCy imported without its command line, which stays importable."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT

CLI_LIBRARIES = ("typer", "weasel", "httpx", "requests", "jinja2", "spacy.cli")


def fresh(code: str) -> str:
    """stdout of `code` in a fresh interpreter (spaCy not imported yet)."""
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True, text=True
    )
    return done.stdout.strip()


@pytest.mark.nlp
@pytest.mark.slow
def test_spacy_imports_without_its_command_line_which_a_later_import_brings_in_full():
    code = (
        "import sys\n"
        "from blamelint.nlp.spacy_import import import_spacy\n"
        "spacy = import_spacy()\n"
        f"print(*(m for m in {CLI_LIBRARIES!r} if m in sys.modules), '|', hasattr(spacy, 'cli'))\n"
        "nlp = spacy.blank('en')\n"
        "print([t.text for t in nlp('The deploy failed.')])\n"
        "import spacy.cli\n"
        "from spacy.cli.info import info\n"
        "print(callable(spacy.cli.download), 'typer' in sys.modules, spacy.info.__name__)\n"
    )
    before, tokens, after = fresh(code).splitlines()
    assert before == "| False"  # none of the CLI's libraries, no spacy.cli attribute left
    assert tokens == "['The', 'deploy', 'failed', '.']"
    assert after == "True True _info"  # the real CLI on request; spacy.info calls it


@pytest.mark.nlp
@pytest.mark.slow
def test_a_spacy_that_needs_more_of_its_command_line_is_imported_as_usual():
    code = (
        "import sys, types\n"
        "from blamelint.nlp import spacy_import\n"
        "spacy_import._stand_ins = lambda: {'spacy.cli': types.ModuleType('spacy.cli'),\n"
        "    'spacy.cli.info': types.ModuleType('spacy.cli.info')}  # no `info`: ImportError\n"
        "spacy = spacy_import.import_spacy()\n"
        "print('typer' in sys.modules, callable(spacy.cli.download), len(spacy.blank('en')('a b')))\n"
    )
    assert fresh(code) == "True True 2"


@pytest.mark.nlp
@pytest.mark.slow
def test_a_check_with_prose_imports_none_of_spacys_command_line(write):
    from .test_structure_rules import COMPLETE_EN

    path = write("pm.md", COMPLETE_EN)
    code = (
        "import sys; from blamelint.cli.main import main\n"
        f"try:\n    main(['check', '--no-cache', {str(path)!r}])\nexcept SystemExit:\n    pass\n"
        f"print('spacy' in sys.modules, *(m for m in {CLI_LIBRARIES!r} if m in sys.modules))\n"
    )
    assert fresh(code).splitlines()[-1] == "True"
