"""The one error an import raises: a message naming file, line and logical id where known."""

from __future__ import annotations

from pathlib import Path


class ImportFailure(ValueError):
    """A template could not be imported; nothing was written."""

    def __init__(self, message: str, line: int | None = None, logical_id: str | None = None):
        super().__init__(message)
        self.line = line
        self.logical_id = logical_id

    def at(self, path: Path) -> ImportFailure:
        """The same failure with the file named in front."""
        text = str(self)
        prefix = f"{path}:{self.line}: " if self.line else f"{path}: "
        return ImportFailure(prefix + text, self.line, self.logical_id)
