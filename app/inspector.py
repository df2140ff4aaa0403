"""The inspector: a form generated from the selected element's pydantic config model.

Each field's annotation picks its editor (spin box with unit, combo box, check box, small
tables, JSON); every change is one undoable command (consecutive typing in one field
merges), and the form follows the model after undo and redo. Findings about the element
are listed at the top, and fields a finding talks about are marked.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.asl_editor import AslEditor, JsonEdit, parse_definition, pretty
from app.document import Document
from app.findings_panel import severity_icon
from model.catalog import icon_path
from model.commands import (
    Command,
    CommandError,
    Macro,
    Rename,
    SetConfig,
    SetEdgeConfig,
    SetProperties,
)
from model.config.edges import EdgeConfig
from model.design import Design
from model.events import EdgeRemoved, Event, NodeRemoved, OrderRestored
from model.rules import Finding

INT_MAX = 2_147_483_647
FLOAT_MAX = 1e12
SEVERITY_COLORS = {"error": "#c62828", "warning": "#b26a00", "info": "#1565c0"}
SEVERITY_SYMBOLS = {"error": "●", "warning": "▲", "info": "●"}
UNIT_SUFFIXES = ("_mb", "_gb", "_s", "_ms", "_kb", "_pct", "_count", "_vcpu")
MIXED = "mixed values"
SHORT_UNITS = {"concurrent executions": "concurrent"}  # the spin box suffix stays readable


# ---- field types ---------------------------------------------------------------------------
def field_shape(annotation: Any) -> tuple[Any, bool]:
    """(the annotation without None, whether None is allowed)."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        optional = len(args) < len(get_args(annotation))
        if len(args) == 1:
            return args[0], optional
        return Union[tuple(args)], optional  # noqa: UP007
    return annotation, False


def field_unit(info: FieldInfo) -> str:
    extra = info.json_schema_extra
    if isinstance(extra, dict):
        unit = extra.get("unit")
        return str(unit) if unit else ""
    return ""


ACRONYMS = {
    "ami": "AMI", "efa": "EFA", "cpu": "CPU", "vcpu": "vCPU", "vcpus": "vCPUs", "gpus": "GPUs",
    "rps": "rate", "cidr": "CIDR", "vpc": "VPC", "dlq": "DLQ", "az": "AZ", "fifo": "FIFO",
}  # fmt: skip


def field_title(name: str) -> str:
    words = name.split("_")
    if len(words) > 1 and "_" + words[-1] in UNIT_SUFFIXES:
        words = words[:-1]
    words = [ACRONYMS.get(word, word) for word in words]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def describe_default(value: Any, unit: str) -> str:
    if value is None:
        return "not set"
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, (list, dict)) and not value:
        return "none"
    if isinstance(value, BaseModel):
        return "see JSON"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,} {unit}".strip()
    return f"{value} {unit}".strip()


def field_help(name: str, info: FieldInfo) -> str:
    """Rich tooltip: title and file name, what the field means, its unit and its default."""
    unit = field_unit(info)
    lines = [f"<b>{_escape(field_title(name))}</b> <span style='color:gray'>{name}</span>"]
    if info.description:
        lines.append(_escape(info.description))
    facts = []
    if unit:
        facts.append(f"Unit: {_escape(unit)}")
    if not info.is_required():
        default = describe_default(info.get_default(call_default_factory=True), unit)
        facts.append(f"Default: {_escape(default)}")
    if facts:
        lines.append("<span style='color:gray'>" + " · ".join(facts) + "</span>")
    return "<br>".join(lines)


def field_stem(name: str) -> str:
    """The words a finding's message would use for this field (timeout_s -> timeout)."""
    for suffix in UNIT_SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return name.replace("_", " ")


def finding_mentions(finding: Finding, name: str) -> bool:
    text = f"{finding.message} {finding.hint}".lower()
    if name.lower() in text:
        return True
    stem = field_stem(name).lower()
    return bool(stem) and re.search(rf"\b{re.escape(stem)}", text) is not None


def common_fields(configs: list[BaseModel]) -> dict[str, FieldInfo]:
    """Fields every config has with the same name and type (all of them for one model)."""
    models = list(dict.fromkeys(type(config) for config in configs))
    if not models:
        return {}
    first, *rest = models
    return {
        name: info
        for name, info in first.model_fields.items()
        if all(
            name in model.model_fields and model.model_fields[name].annotation == info.annotation
            for model in rest
        )
    }


# ---- editors -------------------------------------------------------------------------------
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


def _json_value(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    return value


def make_editor(
    name: str, info: FieldInfo, push: Push, finish: Callable[[], None]
) -> tuple[FieldEditor, bool]:
    """An editor for one field and whether it needs a full-width row."""
    base, optional = field_shape(info.annotation)
    origin = get_origin(base)
    args = get_args(base)
    if base is bool:
        return BoolEditor(push, finish), False
    if base is int or base is float:
        return NumberEditor(push, finish, base is int, optional, field_unit(info)), False
    if base is str:
        return TextEditor(push, finish, optional), False
    if origin is Literal:
        return ChoiceEditor(push, finish, list(args), optional), False
    if origin is list and args == (str,):
        return TableEditor(push, finish, is_map=False), True
    if origin is dict and args == (str, str):
        return TableEditor(push, finish, is_map=True), True
    if name == "definition" and origin is dict:
        return AslFieldEditor(push, finish), True
    return JsonFieldEditor(push, finish, _json_value), True


# ---- the panel -----------------------------------------------------------------------------
class FindingsBox(QFrame):
    """The findings about the inspected element, most severe first."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("inspectorFindings")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(8, 6, 8, 6)
        self.layout_.setSpacing(4)
        self.labels: list[QLabel] = []
        self.rows: list[QWidget] = []

    def show_findings(self, findings: list[Finding]) -> None:
        for row in self.rows:
            row.deleteLater()
        self.labels = []
        self.rows = []
        for finding in findings:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(6)
            icon = QLabel()
            icon.setPixmap(severity_icon(finding.severity).pixmap(14, 14))
            icon.setFixedWidth(16)
            line.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
            label = QLabel(finding.message)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            tip = f"{finding.rule}"
            if finding.hint:
                tip += f"\n\nHint: {finding.hint}"
            label.setToolTip(tip)
            label.setProperty("severity", finding.severity)
            line.addWidget(label, 1)
            self.layout_.addWidget(row)
            self.labels.append(label)
            self.rows.append(row)
        worst = findings[0].severity if findings else ""
        self.setProperty("severity", worst)
        self.setStyleSheet(
            f"#inspectorFindings {{ border-left: 3px solid {SEVERITY_COLORS.get(worst, '#ccc')};"
            " background: palette(alternate-base); border-radius: 3px; }"
        )
        self.setVisible(bool(findings))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Inspector(QWidget):
    """Shows and edits the selected node or edge, or the design itself when nothing is selected."""

    profile_requested = Signal()

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.target_id: str | None = None
        self.target_kind: Literal["node", "edge", "design", "many"] = "design"
        self.editors: dict[str, FieldEditor] = {}
        self.field_labels: dict[str, QLabel] = {}
        self.field_tips: dict[str, str] = {}
        self.label_editor: TextEditor | None = None
        self._wide_rows: list[tuple[QFormLayout, QLabel, QWidget]] = []
        self._selection: list[str] = []
        self.many_ids: list[str] = []
        self._stale = False
        self._pending_rebuild = False

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        self.body: QWidget = QWidget()
        self.heading = QLabel()
        self.findings_box = FindingsBox()
        self.set_document(document)

    # ---- wiring ------------------------------------------------------------------------
    def set_document(self, document: Document) -> None:
        if self.document is not None:
            for signal, slot in self._connections():
                signal.disconnect(slot)
        self.document = document
        for signal, slot in self._connections():
            signal.connect(slot)
        self._selection = []
        self.rebuild()

    def _connections(self) -> list[tuple[Any, Any]]:
        assert self.document is not None
        return [
            (self.document.design_event, self._on_event),
            (self.document.findings_changed, self._on_findings),
            (self.document.changed, self._after_change),
        ]

    def show_ids(self, ids: Any) -> None:
        """Inspect the selection (node or edge ids)."""
        ids = list(ids or [])
        if sorted(ids) == sorted(self._selection):
            return
        self._close_merge()
        self._selection = ids
        self.rebuild()

    def _close_merge(self) -> None:
        if self.document is not None:
            self.document.stack.close_merge()

    def _on_event(self, event: Event) -> None:
        if self.document is None:
            return
        if isinstance(event, NodeRemoved | EdgeRemoved | OrderRestored):
            kept = [i for i in self._selection if self._exists(i)]
            if kept != self._selection:
                self._selection = kept
                self._schedule_rebuild()
                return
        touched = set(event.node_ids) | set(event.edge_ids)
        if self.target_kind == "many" and touched & set(self._selection):
            self._stale = True  # a macro changes them one by one: show the result once
        elif self.target_kind == "design" or (self.target_id and self.target_id in touched):
            self.refresh_values()

    def _after_change(self) -> None:
        if self._stale:
            self._stale = False
            self.refresh_values()

    def _exists(self, element_id: str) -> bool:
        assert self.document is not None
        design = self.document.design
        return design.has_node(element_id) or design.has_edge(element_id)

    def _schedule_rebuild(self) -> None:
        if not self._pending_rebuild:
            self._pending_rebuild = True
            QTimer.singleShot(0, self._deferred_rebuild)

    def _deferred_rebuild(self) -> None:
        self._pending_rebuild = False
        self.rebuild()

    def _on_findings(self, _findings: object) -> None:
        self.show_element_findings()

    # ---- building ----------------------------------------------------------------------
    def rebuild(self) -> None:
        self.editors = {}
        self.field_labels = {}
        self.field_tips = {}
        self._stale = False
        self.label_editor = None
        self.findings_box = FindingsBox()
        self.body = QWidget()
        self.body.setObjectName("inspectorBody")
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        assert self.document is not None
        design = self.document.design
        ids = [i for i in self._selection if self._exists(i)]
        if len(ids) == 1 and design.has_node(ids[0]):
            self.target_kind, self.target_id = "node", ids[0]
            self._build_node(layout)
        elif len(ids) == 1 and design.has_edge(ids[0]):
            self.target_kind, self.target_id = "edge", ids[0]
            self._build_edge(layout)
        elif len(ids) > 1:
            self.target_kind, self.target_id = "many", None
            self._build_many(layout, ids)
        else:
            self.target_kind, self.target_id = "design", None
            self._build_design(layout)
        layout.addStretch(1)
        self.scroll_area.setWidget(self.body)
        self.refresh_values()
        self.show_element_findings()

    def _header(self, layout: QVBoxLayout, title: str, subtitle: str, icon: Path | None) -> None:
        row = QHBoxLayout()
        row.setSpacing(10)
        if icon is not None:
            picture = QLabel()
            picture.setPixmap(QIcon(str(icon)).pixmap(QSize(40, 40)))
            picture.setFixedSize(42, 42)
            row.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.setSpacing(0)
        heading = QLabel(title)
        heading.setObjectName("inspectorTitle")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        heading.setWordWrap(True)
        self.heading = heading
        text.addWidget(heading)
        sub = QLabel(subtitle)
        sub.setObjectName("inspectorSubtitle")
        sub.setStyleSheet("color: palette(placeholder-text);")
        sub.setWordWrap(True)
        sub.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.addWidget(sub)
        row.addLayout(text, 1)
        layout.addLayout(row)

    def _section(self, layout: QVBoxLayout, title: str) -> QFormLayout:
        label = QLabel(title.upper())
        label.setObjectName("inspectorSection")
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        font.setBold(True)
        label.setFont(font)
        label.setStyleSheet("color: palette(placeholder-text); padding-top: 6px;")
        layout.addWidget(label)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(6)
        layout.addLayout(form)
        return form

    def _build_node(self, layout: QVBoxLayout) -> None:
        assert self.document is not None and self.target_id is not None
        design = self.document.design
        node = design.node(self.target_id)
        spec = design.spec(node.id)
        self._header(
            layout,
            node.label or spec.display_name,
            f"{spec.display_name} · {node.id}",
            icon_path(spec.icon),
        )
        layout.addWidget(self.findings_box)
        general = self._section(layout, "General")
        node_id = node.id
        self.label_editor = TextEditor(
            lambda text: self._push(Rename(node_id, text or "")), self._close_merge, False
        )
        self.label_editor.line.setPlaceholderText(spec.display_name)
        general.addRow("Label", self.label_editor.widget)
        if node.parent:
            general.addRow("Inside", _value_label(design.node(node.parent).label or node.parent))
        region = design.effective_region(node.id)
        general.addRow("Region", _value_label(region))
        fields = spec.config_model.model_fields
        if fields:
            form = self._section(layout, "Settings")
            for name, info in fields.items():
                self._add_field(
                    form,
                    name,
                    info,
                    lambda value, n=name: self._push_config(n, value),
                )
            self._add_wide_rows()
        if spec.description:
            about = QLabel(spec.description)
            about.setWordWrap(True)
            about.setStyleSheet("color: palette(placeholder-text); padding-top: 8px;")
            layout.addWidget(about)

    def _build_edge(self, layout: QVBoxLayout) -> None:
        assert self.document is not None and self.target_id is not None
        design = self.document.design
        edge = design.edge(self.target_id)
        source = design.node(edge.source).label or edge.source
        target = design.node(edge.target).label or edge.target
        self._header(
            layout, f"{source} → {target}", f"Connection · {edge.relation} · {edge.id}", None
        )
        layout.addWidget(self.findings_box)
        general = self._section(layout, "General")
        general.addRow("Relation", _value_label(str(edge.relation)))
        edge_id = edge.id
        self.label_editor = TextEditor(self._push_edge_label, self._close_merge, False)
        self.label_editor.line.setPlaceholderText("no label")
        general.addRow("Label", self.label_editor.widget)
        form = self._section(layout, "Settings")
        for name, info in EdgeConfig.model_fields.items():
            self._add_field(
                form,
                name,
                info,
                lambda value, n=name: self._push_command(
                    lambda: SetEdgeConfig.field(self._design(), edge_id, n, value)
                ),
            )
        self._add_wide_rows()

    def _build_many(self, layout: QVBoxLayout, ids: list[str]) -> None:
        """Several elements: the settings they share, edited on all of them at once."""
        assert self.document is not None
        design = self.document.design
        nodes = [i for i in ids if design.has_node(i)]
        edges = len(ids) - len(nodes)
        parts = []
        if nodes:
            parts.append(f"{len(nodes)} service{'s' if len(nodes) != 1 else ''}")
        if edges:
            parts.append(f"{edges} connection{'s' if edges != 1 else ''}")
        self.many_ids = list(ids)
        fields = common_fields([self._config_of(i) for i in ids])
        self._header(
            layout,
            " and ".join(parts) + " selected",
            "A change here applies to all of them (one undo step)"
            if fields
            else "They share no settings: select one element to edit it",
            None,
        )
        layout.addWidget(self.findings_box)
        kinds: dict[str, int] = {}
        for node_id in nodes:
            name = design.spec(node_id).display_name
            kinds[name] = kinds.get(name, 0) + 1
        if edges:
            kinds["Connection"] = edges
        form = self._section(layout, "Selection")
        for name, count in sorted(kinds.items()):
            form.addRow(name, _value_label(str(count)))
        if fields:
            form = self._section(layout, "Shared settings")
            for name, info in fields.items():
                self._add_field(form, name, info, lambda value, n=name: self._push_many(n, value))
            self._add_wide_rows()

    def _config_of(self, element_id: str) -> BaseModel:
        design = self._design()
        if design.has_node(element_id):
            return design.node(element_id).config
        return design.edge(element_id).config

    def _build_design(self, layout: QVBoxLayout) -> None:
        assert self.document is not None
        self._header(layout, "Design", self.document.display_name, None)
        layout.addWidget(self.findings_box)
        form = self._section(layout, "Properties")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("designName")
        self.name_edit.editingFinished.connect(self._apply_properties)
        form.addRow("Name", self.name_edit)
        self.description_edit = JsonEdit()
        self.description_edit.highlighter.setDocument(None)
        self.description_edit.setFont(self.name_edit.font())
        self.description_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.description_edit.setObjectName("designDescription")
        self.description_edit.setMaximumHeight(90)
        self.description_edit.setPlaceholderText("What this design is for")
        self.description_edit.focus_left.connect(self._apply_properties)
        form.addRow("Description", self.description_edit)
        profile = self._section(layout, "Account profile")
        self.profile_region = _value_label("")
        profile.addRow("Region", self.profile_region)
        self.profile_quotas = _value_label("")
        self.profile_quotas.setWordWrap(True)
        profile.addRow("Quotas", self.profile_quotas)
        edit_profile = QPushButton("Edit account profile…")
        edit_profile.clicked.connect(self.profile_requested.emit)
        profile.addRow("", edit_profile)
        stats = self._section(layout, "Contents")
        self.stats_label = _value_label("")
        stats.addRow("Elements", self.stats_label)

    def _add_field(self, form: QFormLayout, name: str, info: FieldInfo, push: Push) -> None:
        editor, wide = make_editor(name, info, push, self._close_merge)
        title = field_title(name)
        label = QLabel(title)
        tip = field_help(name, info)
        label.setToolTip(tip)
        editor.widget.setToolTip(tip)
        self.field_tips[name] = tip
        if wide:
            label.setStyleSheet("font-weight: 600; padding-top: 4px;")
            self._wide_rows.append((form, label, editor.widget))
        else:
            form.addRow(label, editor.widget)
        editor.widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.editors[name] = editor
        self.field_labels[name] = label

    def _add_wide_rows(self) -> None:
        """Tables and JSON editors go below the one-line fields, full width."""
        for form, label, widget in self._wide_rows:
            form.addRow(label)
            form.addRow(widget)
        self._wide_rows = []

    # ---- showing the model -------------------------------------------------------------
    def _design(self) -> Design:
        assert self.document is not None
        return self.document.design

    def refresh_values(self) -> None:
        """Put the model's current values into the editors (after any edit, undo or redo)."""
        assert self.document is not None
        design = self.document.design
        if self.target_kind == "node" and self.target_id and design.has_node(self.target_id):
            node = design.node(self.target_id)
            self.heading.setText(node.label or design.spec(node.id).display_name)
            if self.label_editor:
                self.label_editor.set_value(node.label)
            for name, editor in self.editors.items():
                editor.set_value(getattr(node.config, name))
        elif self.target_kind == "edge" and self.target_id and design.has_edge(self.target_id):
            edge = design.edge(self.target_id)
            if self.label_editor:
                self.label_editor.set_value(edge.label)
            for name, editor in self.editors.items():
                editor.set_value(getattr(edge.config, name))
        elif self.target_kind == "many":
            configs = [self._config_of(i) for i in self.many_ids if self._exists(i)]
            for name, editor in self.editors.items() if configs else ():
                values = [getattr(config, name) for config in configs]
                if all(value == values[0] for value in values):
                    editor.set_value(values[0])
                else:
                    editor.set_mixed()
        elif self.target_kind == "design":
            if self.name_edit.text() != design.name:
                self.name_edit.setText(design.name)
            if self.description_edit.toPlainText() != design.description:
                self.description_edit.setPlainText(design.description)
            self.profile_region.setText(design.profile.region)
            quotas = design.profile.quotas
            self.profile_quotas.setText(
                ", ".join(f"{k} = {v:g}" for k, v in sorted(quotas.items())) or "AWS defaults"
            )
            self.stats_label.setText(
                f"{len(design.nodes)} services, {len(design.edges)} connections"
            )

    def element_findings(self) -> list[Finding]:
        assert self.document is not None
        findings = self.document.findings
        if self.target_kind == "design":
            return [f for f in findings if not f.elements]
        wanted = {self.target_id} if self.target_id else set(self._selection)
        return [f for f in findings if wanted & set(f.elements)]

    def show_element_findings(self) -> None:
        findings = self.element_findings()
        self.findings_box.show_findings(findings)
        for name, label in self.field_labels.items():
            concerned = [f for f in findings if finding_mentions(f, name)]
            if concerned:
                worst = concerned[0]
                color = SEVERITY_COLORS[worst.severity]
                label.setText(f"{SEVERITY_SYMBOLS[worst.severity]} {field_title(name)}")
                label.setStyleSheet(f"color: {color}; font-weight: 600;")
                label.setProperty("severity", worst.severity)
                messages = "<br>".join(_escape(f.message) for f in concerned)
                label.setToolTip(f"{messages}<hr>{self.field_tips.get(name, '')}")
            elif label.property("severity"):
                label.setText(field_title(name))
                label.setStyleSheet("")
                label.setProperty("severity", None)
                label.setToolTip(self.field_tips.get(name, ""))

    # ---- editing -----------------------------------------------------------------------
    def _push(self, command: Command) -> bool:
        assert self.document is not None
        return self.document.push(command)

    def _push_command(self, make: Callable[[], Command]) -> bool:
        assert self.document is not None
        try:
            command = make()
        except CommandError as refused:
            self.document.error.emit(str(refused))
            return False
        return self._push(command)

    def _push_config(self, name: str, value: Any) -> bool:
        node_id = self.target_id
        assert node_id is not None
        return self._push_command(lambda: SetConfig.field(self._design(), node_id, name, value))

    def _push_many(self, name: str, value: Any) -> bool:
        """One Macro over every selected element; typing on in the field merges into it."""
        ids = list(self.many_ids)

        def make() -> Command:
            design = self._design()
            commands: list[Command] = [
                SetConfig.field(design, i, name, value)
                if design.has_node(i)
                else SetEdgeConfig.field(design, i, name, value)
                for i in ids
            ]
            nodes = sum(design.has_node(i) for i in ids)
            noun = "services" if nodes == len(ids) else "connections" if not nodes else "elements"
            return Macro(
                f"Change {name} of {len(ids)} {noun}", commands, merge_key=f"{name}@{','.join(ids)}"
            )

        return self._push_command(make)

    def _push_edge_label(self, text: str) -> bool:
        edge_id = self.target_id
        assert edge_id is not None
        edge = self._design().edge(edge_id)
        return self._push(SetEdgeConfig(edge_id, edge.config, label=text, merge_key="label"))

    def _apply_properties(self) -> None:
        design = self._design()
        name = self.name_edit.text().strip() or design.name
        description = self.description_edit.toPlainText()
        if (name, description) != (design.name, design.description):
            self._push(SetProperties(name, description))

    def editor(self, name: str) -> FieldEditor:
        return self.editors[name]


def _value_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
