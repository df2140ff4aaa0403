"""Ctrl+Z in an inspector field undoes the design when the field has nothing to undo.

Text fields claim the standard Undo and Redo keys for themselves (a ShortcutOverride), even
when their own history is empty, so the window's Undo never ran until the canvas was
clicked. This filter lets the key through to the window's shortcut in that case.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget


def _own_history(widget: QObject, redo: bool) -> bool | None:
    """Whether the field can undo (redo) its own typing; None for widgets that are no field."""
    if isinstance(widget, QAbstractSpinBox):
        widget = widget.findChild(QLineEdit) or widget
    if isinstance(widget, QLineEdit):
        return widget.isRedoAvailable() if redo else widget.isUndoAvailable()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        document = widget.document()
        return document.isRedoAvailable() if redo else document.isUndoAvailable()
    return None


class FieldUndoFilter(QObject):
    """Installed on the application; applies to fields inside the given panels only."""

    def __init__(self, panels: list[QWidget], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.panels = panels

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if not isinstance(watched, QWidget) or not any(
            panel.isAncestorOf(watched) for panel in self.panels
        ):
            return False
        if event.matches(QKeySequence.StandardKey.Undo):
            redo = False
        elif event.matches(QKeySequence.StandardKey.Redo):
            redo = True
        else:
            return False
        if _own_history(watched, redo) is False:
            event.ignore()
            return True  # the field does not claim the key: the window's shortcut runs
        return False
