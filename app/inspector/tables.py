"""Small tables for list[str] and dict[str, str] fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.inspector.base import MIXED, FieldEditor, Push


class TableEditor(FieldEditor):
    """list[str] (one column) or dict[str, str] (key and value columns), with add and remove."""

    def __init__(self, push: Push, finish: Callable[[], None], is_map: bool) -> None:
        super().__init__(push, finish)
        self.is_map = is_map
        self.table = QTableWidget(0, 2 if is_map else 1)
        self.table.setHorizontalHeaderLabels(["Key", "Value"] if is_map else ["Value"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(70)
        self.table.setMaximumHeight(140)
        self.table.itemChanged.connect(self._cell_changed)
        add = QToolButton()
        add.setText("+")
        add.setToolTip("Add a row")
        add.clicked.connect(self.add_row)
        remove = QToolButton()
        remove.setText("−")
        remove.setToolTip("Remove the selected rows")
        remove.clicked.connect(self.remove_rows)
        buttons = QVBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        self.widget = QWidget()
        row = QHBoxLayout(self.widget)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.table, 1)
        row.addLayout(buttons)

    def current(self) -> list[str] | dict[str, str]:
        rows = []
        for r in range(self.table.rowCount()):
            cells = []
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                cells.append(item.text() if item else "")
            rows.append(cells)
        if self.is_map:
            return {key.strip(): value for key, value in rows if key.strip()}
        return [cells[0] for cells in rows if cells[0].strip()]

    def _cell_changed(self, _item: QTableWidgetItem) -> None:
        if self._updating:
            return
        self.push(self.current())
        self.finish()

    def add_row(self) -> None:
        self._updating = True
        self.table.insertRow(self.table.rowCount())
        self._updating = False
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0) or self._blank(row, 0))

    def _blank(self, row: int, column: int) -> QTableWidgetItem:
        self._updating = True
        item = QTableWidgetItem("")
        self.table.setItem(row, column, item)
        self._updating = False
        return item

    def remove_rows(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.rowCount():
            rows = [self.table.rowCount() - 1]
        self._updating = True
        for row in rows:
            self.table.removeRow(row)
        self._updating = False
        self.push(self.current())
        self.finish()

    def _show_mixed(self) -> None:
        self.table.setRowCount(0)
        self.table.setToolTip(f"{MIXED}: the rows entered here replace those of every selection")

    def _show(self, value: Any) -> None:
        if value == self.current() and self.table.rowCount() == len(value or ()):
            return
        rows = list(value.items()) if self.is_map else [(item,) for item in value or []]
        self.table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(str(text)))
