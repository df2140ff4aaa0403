"""Form parts of the workflow tab's state form: tables for the lists of objects a state holds
(Retry, Catch, Choice rules) and the text-to-value parsing its fields share. Each widget only
reports the new value; the state form turns it into one undoable edit of the definition."""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from model.serialization import json_text

NAMES = "names"
"""A list of strings, typed comma-separated (ErrorEquals)."""
INT = "int"
NUMBER = "number"
TEXT = "text"
STATE = "state"
"""A state of the same block, picked from a list (Next)."""
CONDITION = "condition"
"""A Choice rule without its Next: the JSONata Condition, else the rule's JSON."""


class FieldError(ValueError):
    """A typed value that does not fit its field; the message names the field."""


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    kind: str
    width: int = 0


def compact(value: Any) -> str:
    """A value on one line, written by the one strict JSON writer."""
    return json_text.dump(value, indent=None).rstrip("\n")


def value_text(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == NAMES and isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return compact(value)
    return str(value)


def parse_value(text: str, kind: str, field: str) -> Any:
    """The JSON value a typed text stands for; None for an empty text (the key goes)."""
    text = text.strip()
    if not text:
        return None
    if kind == NAMES:
        return [part.strip() for part in text.split(",") if part.strip()]
    if kind == INT:
        try:
            return int(text)
        except ValueError:
            if text.startswith("{%"):
                return text
            raise FieldError(f"{field}: a whole number") from None
    if kind == NUMBER:
        try:
            number = float(text)
        except ValueError:
            if text.startswith("{%"):
                return text
            raise FieldError(f"{field}: a number") from None
        if not math.isfinite(number):
            raise FieldError(f"{field}: a finite number")
        return int(number) if number.is_integer() and "." not in text else number
    return text


def condition_text(rule: dict[str, Any]) -> str:
    condition = rule.get("Condition")
    if isinstance(condition, str) and set(rule) <= {"Condition", "Next", "Comment"}:
        return condition
    return compact({k: v for k, v in rule.items() if k not in ("Next", "Comment")})


def parse_condition(text: str, old: dict[str, Any]) -> dict[str, Any]:
    """The rule with a new condition, keeping its Next and Comment."""
    text = text.strip()
    kept = {k: old[k] for k in ("Comment",) if k in old}
    if text.startswith("{%"):
        rule: dict[str, Any] = {"Condition": text}
    else:
        try:
            parsed = json_text.parse_value(text)
        except json_text.JsonError as error:
            raise FieldError(
                f"Choice rule: a JSONata condition {{% … %}} or the rule as JSON ({error.detail})"
            ) from None
        if not isinstance(parsed, dict):
            raise FieldError("Choice rule: the rule is a JSON object")
        rule = {k: v for k, v in parsed.items() if k != "Next"}
    rule.update(kept)
    if "Next" in old:
        rule["Next"] = old["Next"]
    return rule


class RowsTable(QWidget):
    """An editable list of JSON objects, one row each and one column per field. Keys without a
    column are kept as they are; changed(rows) reports the whole new list."""

    changed = Signal(object)  # list[dict]
    failed = Signal(str)

    def __init__(
        self,
        title: str,
        columns: list[Column],
        new_row: dict[str, Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = columns
        self.new_row = new_row
        self.rows: list[dict[str, Any]] = []
        self.states: list[str] = []
        self._filling = False
        self.setObjectName(title.lower().replace(" ", "_"))
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels([c.title for c in columns])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(40)
        for index, column in enumerate(columns):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column.width == 0
                else QHeaderView.ResizeMode.Interactive
            )
            header.setSectionResizeMode(index, mode)
            if column.width:
                self.table.setColumnWidth(index, column.width)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.itemChanged.connect(self._item_changed)
        self.add_button = QToolButton()
        self.remove_button = QToolButton()
        self.up_button = QToolButton()
        self.down_button = QToolButton()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(2)
        buttons.addWidget(QLabel(f"<b>{title}</b>"))
        buttons.addStretch(1)
        for button, text, tip in (
            (self.add_button, "+", f"Add to {title}"),
            (self.remove_button, "−", "Remove the selected row"),
            (self.up_button, "↑", "Move the selected row earlier (rows are tried in order)"),
            (self.down_button, "↓", "Move the selected row later"),
        ):
            button.setText(text)
            button.setToolTip(tip)
            button.setAutoRaise(True)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))

    def set_rows(self, rows: Any, states: list[str]) -> None:
        """Show rows (a list of objects; anything else shows empty) with states for Next."""
        self.rows = [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []
        self.states = states
        self._filling = True
        try:
            self.table.setRowCount(len(self.rows))
            for row, data in enumerate(self.rows):
                for col, column in enumerate(self.columns):
                    self._fill_cell(row, col, column, data)
        finally:
            self._filling = False
        self.table.resizeRowsToContents()
        shown = max(1, min(len(self.rows), 5))
        row_height = self.table.verticalHeader().defaultSectionSize()
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + shown * row_height + 2 * self.table.frameWidth())

    def _fill_cell(self, row: int, col: int, column: Column, data: dict[str, Any]) -> None:
        """Fill a cell, reusing its item or box: a refill runs while the cell's own edit is
        being reported, and replacing the widget then would delete it under Qt's feet."""
        if column.kind == STATE:
            box = self.table.cellWidget(row, col)
            if not isinstance(box, QComboBox):
                box = QComboBox()
                box.setSizeAdjustPolicy(
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
                )
                box.setMinimumContentsLength(6)
                box.activated.connect(
                    lambda _i, r=row, k=column.key, b=box: self._set(r, k, b.currentText())
                )
                self.table.setCellWidget(row, col, box)
            current = data.get(column.key)
            names = list(self.states)
            if isinstance(current, str) and current not in names:
                names.append(current)
            if [box.itemText(i) for i in range(box.count())] != names:
                box.clear()
                box.addItems(names)
            box.setCurrentText(current if isinstance(current, str) else "")
            return
        text = (
            condition_text(data)
            if column.kind == CONDITION
            else value_text(data.get(column.key), column.kind)
        )
        item = self.table.item(row, col)
        if item is None:
            item = QTableWidgetItem(text)
            self.table.setItem(row, col, item)
        elif item.text() != text:
            item.setText(text)
        item.setToolTip(text)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        row, column = item.row(), self.columns[item.column()]
        old = self.rows[row]
        try:
            if column.kind == CONDITION:
                new = parse_condition(item.text(), old)
            else:
                value = parse_value(item.text(), column.kind, column.title)
                new = dict(old)
                if value is None:
                    new.pop(column.key, None)
                else:
                    new[column.key] = value
        except FieldError as error:
            self.failed.emit(str(error))
            self.set_rows(self.rows, self.states)
            return
        if new != old:
            self._emit_with(row, new)

    def _set(self, row: int, key: str, value: str) -> None:
        if 0 <= row < len(self.rows) and self.rows[row].get(key) != value:
            self._emit_with(row, {**self.rows[row], key: value})

    def _emit_with(self, row: int, new: dict[str, Any]) -> None:
        rows = [*self.rows[:row], new, *self.rows[row + 1 :]]
        self.changed.emit(rows)

    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else len(self.rows) - 1

    def add_row(self) -> None:
        row = copy.deepcopy(self.new_row)
        for column in self.columns:
            if column.kind == STATE and column.key not in row and self.states:
                row[column.key] = self.states[0]
        self.changed.emit([*self.rows, row])

    def remove_row(self) -> None:
        row = self.selected_row()
        if 0 <= row < len(self.rows):
            self.changed.emit([*self.rows[:row], *self.rows[row + 1 :]])

    def move_row(self, delta: int) -> None:
        row = self.selected_row()
        to = row + delta
        if 0 <= row < len(self.rows) and 0 <= to < len(self.rows):
            rows = list(self.rows)
            rows.insert(to, rows.pop(row))
            self.changed.emit(rows)
            self.table.selectRow(to)


RETRY_COLUMNS = [
    Column("ErrorEquals", "Errors", NAMES),
    Column("IntervalSeconds", "Interval", INT, 52),
    Column("MaxAttempts", "Attempts", INT, 60),
    Column("BackoffRate", "Backoff", NUMBER, 54),
    Column("MaxDelaySeconds", "Max delay", INT, 64),
]
CATCH_COLUMNS = [
    Column("ErrorEquals", "Errors", NAMES),
    Column("Next", "Next", STATE, 110),
    Column("ResultPath", "ResultPath", TEXT, 76),
]
CHOICE_COLUMNS = [
    Column("Condition", "Condition", CONDITION),
    Column("Next", "Next", STATE, 110),
]

__all__ = [
    "CATCH_COLUMNS",
    "CHOICE_COLUMNS",
    "RETRY_COLUMNS",
    "Column",
    "FieldError",
    "RowsTable",
    "parse_value",
    "value_text",
]
