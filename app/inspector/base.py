"""The editor protocol every field editor follows, and the colours findings use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QWidget,
)

SEVERITY_COLORS = {"error": "#c62828", "warning": "#b26a00", "info": "#1565c0"}
SEVERITY_SYMBOLS = {"error": "●", "warning": "▲", "info": "●"}
MIXED = "mixed values"


Push = Callable[[Any], bool]


class FieldEditor:
    """Binds one value to a widget: push(value) on user edits, finish() when editing ends."""

    def __init__(self, push: Push, finish: Callable[[], None]) -> None:
        self.push = push
        self.finish = finish
        self.widget: QWidget = QWidget()
        self._updating = False

    def set_value(self, value: Any) -> None:
        self._updating = True
        try:
            self._show(value)
        finally:
            self._updating = False

    def set_mixed(self) -> None:
        """The selected elements disagree: show no value; any edit sets all of them."""
        self._updating = True
        try:
            self._show_mixed()
        finally:
            self._updating = False

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def _show_mixed(self) -> None:
        raise NotImplementedError

    def _edited(self, value: Any) -> None:
        if not self._updating:
            self.push(value)
