"""Errors that end a run with exit code 2 and one line naming the file (and line)."""

from __future__ import annotations


class BlamelintError(Exception):
    """A usage, configuration or input error: reported as one line, exit code 2."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class ConfigError(BlamelintError):
    pass


class InputError(BlamelintError):
    pass


class ModelError(BlamelintError):
    """A spaCy model that a rule needs is not installed."""
