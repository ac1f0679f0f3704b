"""Errors that speak to the user: what was wrong, and where."""

from __future__ import annotations


class RasdError(Exception):
    """Base class for errors rasd reports to the user without a traceback."""


class InputError(RasdError):
    """Input that cannot be read: names the file (and line) and what is wrong."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.reason = message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")
