"""`python -m blamelint.cli`, as before the package had subpackages."""

from .main import entry

entry()
