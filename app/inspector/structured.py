"""Editors for structured values: JSON sub-models and the ASL definition."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.asl_editor import AslEditor, JsonEdit, parse_definition, pretty
from app.inspector.base import MIXED, SEVERITY_COLORS, FieldEditor, Push


class JsonFieldEditor(FieldEditor):
    """Any other structure (lists of sub-models, free JSON), edited as JSON and applied whole."""

    def __init__(self, push: Push, finish: Callable[[], None], to_json: Callable[[Any], Any]):
        super().__init__(push, finish)
        self.to_json = to_json
        self.edit = JsonEdit()
        self.edit.setMinimumHeight(90)
        self.edit.setMaximumHeight(180)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {SEVERITY_COLORS['error']};")
        self.error.setVisible(False)
        self.apply_button = QPushButton("Apply")
        self.apply_button.clicked.connect(self.apply)
        self.edit.focus_left.connect(self.apply)
        self._shown = ""
        self.widget = QWidget()
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        bottom = QHBoxLayout()
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.apply_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(bottom)

    def apply(self) -> bool:
        text = self.edit.toPlainText()
        if text == self._shown:
            return False
        value, error = parse_definition(text)
        if not error:
            if self.push(value):
                self._shown = text
                self.error.setVisible(False)
                self.finish()
                return True
            return False
        self.show_error(error)
        return False

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)

    def _show(self, value: Any) -> None:
        text = pretty(self.to_json(value))
        current, error = parse_definition(self.edit.toPlainText())
        if not error and current == self.to_json(value):
            self._shown = self.edit.toPlainText()
            return
        self._shown = text
        self.edit.setPlainText(text)
        self.error.setVisible(False)

    def _show_mixed(self) -> None:
        self._shown = ""
        self.edit.clear()
        self.edit.setPlaceholderText(f"{MIXED}: applying replaces the value of every selection")
        self.error.setVisible(False)


class AslFieldEditor(FieldEditor):
    def __init__(self, push: Push, finish: Callable[[], None]) -> None:
        super().__init__(push, finish)
        self.editor = AslEditor()
        self.editor.definition_applied.connect(self._applied)
        self.widget = self.editor

    def _applied(self, definition: Any) -> None:
        if self.push(definition):
            self.finish()

    def _show(self, value: Any) -> None:
        self.editor.set_definition(value)

    def _show_mixed(self) -> None:
        self.editor.show_mixed()


def json_value(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    return value
