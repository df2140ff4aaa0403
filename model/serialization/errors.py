"""The one error a failed load raises: names the file, the element and the field."""

from __future__ import annotations

from model.text import visible


class LoadError(Exception):
    def __init__(
        self, path: str, message: str, element: str | None = None, field: str | None = None
    ) -> None:
        self.path = path
        self.element = element
        self.field = field
        self.detail = message
        super().__init__(str(self))

    def __str__(self) -> str:
        """One line that any terminal or dialog can show: unsafe characters escaped."""
        where = self.path
        if self.element:
            where += f": {self.element}"
        if self.field:
            where += f", field '{self.field}'"
        return visible(f"{where}: {self.detail}").replace("\n", " ").replace("\r", " ")
