"""Scalar editors: numbers with units, text (one line or several), choices, check boxes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.inspector.base import MIXED, FieldEditor, Push

INT_MAX = 2_147_483_647
FLOAT_MAX = 1e12
SHORT_UNITS = {"concurrent executions": "concurrent"}  # the spin box suffix stays readable


class CompactDoubleSpinBox(QDoubleSpinBox):
    """Shows 2500 as "2,500" and 0.2 as "0.2", not "2,500.000" and "0.200"."""

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt override)
        text = super().textFromValue(value)
        point = self.locale().decimalPoint()
        if point in text:
            text = text.rstrip("0").rstrip(point)
        return text


class NumberEditor(FieldEditor):
    def __init__(
        self, push: Push, finish: Callable[[], None], is_int: bool, optional: bool, unit: str
    ) -> None:
        super().__init__(push, finish)
        self.spin: QSpinBox | QDoubleSpinBox
        if is_int:
            self.spin = QSpinBox()
            self.spin.setRange(0, INT_MAX)
        else:
            self.spin = CompactDoubleSpinBox()
            self.spin.setDecimals(3)
            self.spin.setRange(0.0, FLOAT_MAX)
        self.spin.setGroupSeparatorShown(True)
        self.spin.setKeyboardTracking(True)
        self.spin.setAccelerated(True)
        unit = SHORT_UNITS.get(unit, unit)
        if unit:
            self.spin.setSuffix(f" {unit}")
        self.spin.setMinimumWidth(120)
        self.spin.valueChanged.connect(lambda v: self._edited(v))
        self.spin.editingFinished.connect(self.finish)
        self.enabled: QCheckBox | None = None
        self.widget = QWidget()
        row = QHBoxLayout(self.widget)
        row.setContentsMargins(0, 0, 0, 0)
        if optional:
            self.enabled = QCheckBox()
            self.enabled.setToolTip("Unchecked: not set (AWS default or not applicable)")
            self.enabled.toggled.connect(self._toggled)
            row.addWidget(self.enabled)
        row.addWidget(self.spin, 1)

    def _toggled(self, on: bool) -> None:
        self.spin.setEnabled(on)
        if not on:
            self.spin.setSpecialValueText("not set")
        if not self._updating:
            self.push(self.spin.value() if on else None)
            self.finish()

    def _show(self, value: Any) -> None:
        """Touch the spin box only where it differs: rewriting its text while the user types
        (as setSpecialValueText does) would move the cursor and eat the next keystrokes."""
        if self.enabled is not None:
            self.enabled.setChecked(value is not None)
            self.spin.setEnabled(value is not None)
        special = "not set" if value is None else ""
        if self.spin.specialValueText() != special:
            self.spin.setSpecialValueText(special)
        shown = self.spin.minimum() if value is None else value
        if self.spin.value() != shown:
            self.spin.setValue(shown)

    def _show_mixed(self) -> None:
        if self.enabled is not None:
            self.enabled.setChecked(True)
        self.spin.setEnabled(True)
        self.spin.setSpecialValueText(MIXED)
        self.spin.setValue(self.spin.minimum())


class TextEditor(FieldEditor):
    def __init__(self, push: Push, finish: Callable[[], None], optional: bool) -> None:
        super().__init__(push, finish)
        self.optional = optional
        self.line = QLineEdit()
        self.placeholder = "not set" if optional else ""
        self.line.setPlaceholderText(self.placeholder)
        self.line.textEdited.connect(self._text_edited)
        self.line.editingFinished.connect(self.finish)
        self.widget = self.line

    def _text_edited(self, text: str) -> None:
        self._edited(None if self.optional and not text else text)

    def _show(self, value: Any) -> None:
        self.line.setPlaceholderText(self.placeholder)
        text = "" if value is None else str(value)
        if self.line.text() != text:
            self.line.setText(text)

    def _show_mixed(self) -> None:
        self.line.clear()
        self.line.setPlaceholderText(MIXED)


class MultilineTextEditor(FieldEditor):
    """Several lines of text (a note); typing merges into one step, leaving the box ends it."""

    def __init__(self, push: Push, finish: Callable[[], None]) -> None:
        super().__init__(push, finish)
        self.box = _FinishingTextEdit(finish)
        self.box.setTabChangesFocus(True)
        self.box.setFixedHeight(96)
        self.box.textChanged.connect(self._changed)
        self.widget = self.box

    def _changed(self) -> None:
        if not self.box.property("showing"):
            self._edited(self.box.toPlainText())

    def _show(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.box.toPlainText() != text:
            self.box.setProperty("showing", True)
            self.box.setPlainText(text)
            self.box.setProperty("showing", False)

    def _show_mixed(self) -> None:
        self.box.setProperty("showing", True)
        self.box.clear()
        self.box.setPlaceholderText(MIXED)
        self.box.setProperty("showing", False)


class _FinishingTextEdit(QPlainTextEdit):
    def __init__(self, finish: Callable[[], None]) -> None:
        super().__init__()
        self._finish = finish

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusOutEvent(event)
        self._finish()


class ChoiceEditor(FieldEditor):
    NOT_SET = "— not set —"

    def __init__(
        self, push: Push, finish: Callable[[], None], options: list[Any], optional: bool
    ) -> None:
        super().__init__(push, finish)
        self.combo = QComboBox()
        self.values: list[Any] = ([None] if optional else []) + list(options)
        for value in self.values:
            self.combo.addItem(self.NOT_SET if value is None else str(value))
        self.combo.currentIndexChanged.connect(self._chosen)
        self.widget = self.combo

    def _chosen(self, index: int) -> None:
        if 0 <= index < len(self.values):
            self._edited(self.values[index])
            if not self._updating:
                self.finish()

    def _show(self, value: Any) -> None:
        if value in self.values:
            self.combo.setCurrentIndex(self.values.index(value))

    def _show_mixed(self) -> None:
        self.combo.setPlaceholderText(MIXED)
        self.combo.setCurrentIndex(-1)


class BoolEditor(FieldEditor):
    def __init__(self, push: Push, finish: Callable[[], None], text: str = "") -> None:
        super().__init__(push, finish)
        self.check = QCheckBox(text)
        self.check.checkStateChanged.connect(self._state_changed)
        self.widget = self.check

    def _state_changed(self, state: Qt.CheckState) -> None:
        if self._updating or state == Qt.CheckState.PartiallyChecked:
            return
        self.check.setTristate(False)
        self._edited(state == Qt.CheckState.Checked)
        self.finish()

    def _show(self, value: Any) -> None:
        self.check.setTristate(False)
        self.check.setChecked(bool(value))

    def _show_mixed(self) -> None:
        self.check.setTristate(True)
        self.check.setCheckState(Qt.CheckState.PartiallyChecked)
