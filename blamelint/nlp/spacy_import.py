"""Import spaCy without its command line (engine.py imports it so): the same spaCy, sooner.

spaCy's `__init__` runs `from .cli.info import info` (for `spacy.info`), and importing
`spacy.cli` imports every spaCy command and what they use: typer, weasel, httpx, requests,
jinja2, ... (`python -X importtime`: 0.18 s of spaCy's 0.5 s; 0.23-0.38 s CPU per process
measured on the shared machine). Loading and running a model never uses them, and every run
with prose pays the import before anything can be analysed (in `--jobs` runs, before the
workers start). `import_spacy` lets spaCy import with a stand-in for those two modules, then
takes it away: a later `import spacy.cli` imports the real command line, and `spacy.info`
imports it when called. Should a spaCy version need more of `spacy.cli` while importing, the
partial import is dropped and spaCy is imported as usual.
"""

from __future__ import annotations

import sys
import types
from typing import Any

_STAND_INS = ("spacy.cli", "spacy.cli.info")  # what spaCy's __init__ imports of its CLI


def import_spacy() -> Any:
    """The spaCy module, imported without `spacy.cli` if it is not imported yet."""
    if "spacy" in sys.modules or any(name in sys.modules for name in _STAND_INS):
        import spacy

        return spacy
    stand_ins = _stand_ins()
    cli = stand_ins["spacy.cli"]
    sys.modules.update(stand_ins)
    try:
        import spacy
    except Exception:
        _forget("spacy")  # it wanted more of its command line: import it as usual below
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if "spacy" not in sys.modules:
        import spacy

        return spacy
    if getattr(spacy, "cli", None) is cli:
        del spacy.cli
    return spacy


def _stand_ins() -> dict[str, types.ModuleType]:
    """`spacy.cli` (a package with nothing in it) and `spacy.cli.info` (whose `info` imports
    the real one when called)."""
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []
    info = types.ModuleType("spacy.cli.info")
    info.info = _info  # type: ignore[attr-defined]
    return {"spacy.cli": cli, "spacy.cli.info": info}


def _info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`, from spaCy's command line, imported when called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _forget(package: str) -> None:
    for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
        del sys.modules[name]
