"""The selected state's form in the workflow tab: its name and main fields, the integration
pattern of a Task, Wait and Map settings, Retry, Catch and Choice rules as tables, and the
state's whole JSON with live checks. Every change is one EditWorkflow command."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.asl_editor import JsonEdit, parse_definition, pretty
from app.workflow.forms import (
    CATCH_COLUMNS,
    CHOICE_COLUMNS,
    INT,
    NUMBER,
    RETRY_COLUMNS,
    TEXT,
    FieldError,
    RowsTable,
    parse_value,
    value_text,
)
from app.workflow.scene import WorkflowScene
from model.rules.stepfunctions_rules import structure_problems
from model.stepfunctions import check_structure
from model.stepfunctions._common import JSONATA
from model.stepfunctions.edits import EditError, replace_state, set_state_field
from model.stepfunctions.graph import StateId, StateView, asl_path, readable_id
from model.stepfunctions.tasks import (
    PATTERN_TITLES,
    integration_pattern,
    patterns_for,
    with_pattern,
)
from model.stepfunctions_binding import bind_task, bindable_nodes, bound_node

WAIT_FIELDS = ("Seconds", "Timestamp", "SecondsPath", "TimestampPath")
WITH_ERRORS = ("Task", "Parallel", "Map")


class StateForm(QWidget):
    """Shows one state (or nothing); edits go to the scene as one command each."""

    def __init__(self, scene: WorkflowScene, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = scene
        self.state_id: StateId | None = None
        self.title = QLabel("Select a state to edit it")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("stateName")
        self.type_label = QLabel()
        self.comment_edit = QLineEdit()
        self.resource_edit = QLineEdit()
        self.pattern_box = QComboBox()
        self.pattern_box.setObjectName("taskPattern")
        self.pattern_box.setToolTip(
            "How Step Functions waits for the service: the answer to the call, the job's end "
            "(.sync) or a task token sent back (.waitForTaskToken)"
        )
        self.timeout_edit = QLineEdit()
        self.heartbeat_edit = QLineEdit()
        self.bind_box = QComboBox()
        self.bind_box.setObjectName("bindTask")
        self.bind_box.setToolTip(
            "The node of the design this Task calls: sets a ${Name} placeholder, the "
            "definition substitution and an invokes connection (one undo step)"
        )
        self.wait_box = QComboBox()
        self.wait_box.addItems(WAIT_FIELDS)
        self.wait_box.setObjectName("waitField")
        self.wait_edit = QLineEdit()
        self.map_mode_box = QComboBox()
        self.map_mode_box.addItems(["INLINE", "DISTRIBUTED"])
        self.map_mode_box.setObjectName("mapMode")
        self.items_edit = QLineEdit()
        self.concurrency_edit = QLineEdit()
        self.failure_percent_edit = QLineEdit()
        self.failure_count_edit = QLineEdit()
        self.default_box = QComboBox()
        self.default_box.setObjectName("choiceDefault")
        self.retry_table = RowsTable(
            "Retry", RETRY_COLUMNS, {"ErrorEquals": ["States.ALL"], "MaxAttempts": 3}
        )
        self.catch_table = RowsTable("Catch", CATCH_COLUMNS, {"ErrorEquals": ["States.ALL"]})
        self.rules_table = RowsTable("Choice rules", CHOICE_COLUMNS, {})

        for box in (
            self.pattern_box,
            self.bind_box,
            self.wait_box,
            self.map_mode_box,
            self.default_box,
        ):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(12)
        self.form = QFormLayout()
        self.form.addRow("Name", self.name_edit)
        self.form.addRow("Type", self.type_label)
        self.form.addRow("Comment", self.comment_edit)
        self.form.addRow("Resource", self.resource_edit)
        self.form.addRow("Pattern", self.pattern_box)
        self.form.addRow("Bound to", self.bind_box)
        self.form.addRow("TimeoutSeconds", self.timeout_edit)
        self.form.addRow("HeartbeatSeconds", self.heartbeat_edit)
        self.form.addRow("Wait by", self.wait_box)
        self.form.addRow("Wait value", self.wait_edit)
        self.form.addRow("Mode", self.map_mode_box)
        self.form.addRow("Items", self.items_edit)
        self.form.addRow("MaxConcurrency", self.concurrency_edit)
        self.form.addRow("Tolerated failure %", self.failure_percent_edit)
        self.form.addRow("Tolerated failures", self.failure_count_edit)
        self.form.addRow("Default", self.default_box)
        self.json_edit = JsonEdit()
        self.json_edit.setMinimumHeight(140)
        self.problems = QListWidget()
        self.problems.setMaximumHeight(90)
        self.apply_button = QPushButton("Apply state JSON")

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.title)
        layout.addLayout(self.form)
        layout.addWidget(self.rules_table)
        layout.addWidget(self.retry_table)
        layout.addWidget(self.catch_table)
        json_label = QLabel("State JSON: Parameters or Arguments, and the input and output fields")
        json_label.setWordWrap(True)
        layout.addWidget(json_label)
        layout.addWidget(self.json_edit, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.apply_button)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.name_edit.editingFinished.connect(self._rename)
        for edit, key, kind in (
            (self.comment_edit, "Comment", TEXT),
            (self.resource_edit, "Resource", TEXT),
            (self.timeout_edit, "TimeoutSeconds", INT),
            (self.heartbeat_edit, "HeartbeatSeconds", INT),
            (self.concurrency_edit, "MaxConcurrency", INT),
            (self.failure_percent_edit, "ToleratedFailurePercentage", NUMBER),
            (self.failure_count_edit, "ToleratedFailureCount", INT),
        ):
            edit.editingFinished.connect(lambda e=edit, k=key, t=kind: self._typed(k, e.text(), t))
        self.items_edit.editingFinished.connect(self._set_items)
        self.wait_box.activated.connect(lambda _i: self._set_wait())
        self.wait_edit.editingFinished.connect(self._set_wait)
        self.pattern_box.activated.connect(self._set_pattern)
        self.map_mode_box.activated.connect(self._set_map_mode)
        self.default_box.activated.connect(self._set_default)
        for table, key in (
            (self.retry_table, "Retry"),
            (self.catch_table, "Catch"),
            (self.rules_table, "Choices"),
        ):
            table.changed.connect(lambda rows, k=key: self.put(k, rows or None))
            table.failed.connect(self.scene.document.error.emit)
        self.json_edit.textChanged.connect(self._check_json)
        self.bind_box.activated.connect(self._bind)
        self.apply_button.clicked.connect(self._apply_json)
        self.show_state(None)

    # ---- showing -----------------------------------------------------------------------
    def view(self) -> StateView | None:
        return self.scene.graph.states.get(self.state_id) if self.state_id is not None else None

    def show_state(self, state_id: StateId | None) -> None:
        view = self.scene.graph.states.get(state_id) if state_id is not None else None
        self.state_id = state_id if view is not None else None
        for widget in (self.name_edit, self.comment_edit, self.json_edit):
            widget.setEnabled(view is not None)
        if view is None:
            self.title.setText("Select a state to edit it")
            for edit in (self.name_edit, self.comment_edit, self.resource_edit):
                edit.clear()
            self._show_type(None)
            self.json_edit.blockSignals(True)
            self.json_edit.clear()
            self.json_edit.blockSignals(False)
            self.problems.clear()
            self.apply_button.setEnabled(False)
            return
        state = view.state
        self.title.setText(readable_id(view.id))
        self.name_edit.setText(view.name)
        self.type_label.setText(view.type)
        self.comment_edit.setText(str(state.get("Comment", "")))
        self._show_type(view)
        self.json_edit.blockSignals(True)
        self.json_edit.setPlainText(pretty(state))
        self.json_edit.blockSignals(False)
        self._check_json()

    def _show_type(self, view: StateView | None) -> None:
        kind = view.type if view is not None else ""
        state = view.state if view is not None else {}
        rows = {
            self.resource_edit: kind == "Task",
            self.pattern_box: kind == "Task",
            self.bind_box: kind == "Task",
            self.timeout_edit: kind == "Task",
            self.heartbeat_edit: kind == "Task",
            self.wait_box: kind == "Wait",
            self.wait_edit: kind == "Wait",
            self.map_mode_box: kind == "Map",
            self.items_edit: kind == "Map",
            self.concurrency_edit: kind == "Map",
            self.failure_percent_edit: kind == "Map",
            self.failure_count_edit: kind == "Map",
            self.default_box: kind == "Choice",
        }
        for widget, shown in rows.items():
            self.form.setRowVisible(widget, shown)
        self.retry_table.setVisible(kind in WITH_ERRORS)
        self.catch_table.setVisible(kind in WITH_ERRORS)
        self.rules_table.setVisible(kind == "Choice")
        if view is None:
            return
        siblings = [s[-1] for s in self.scene.graph.blocks[view.block].states if s != view.id]
        if kind == "Task":
            self.resource_edit.setText(str(state.get("Resource", "")))
            self.timeout_edit.setText(value_text(state.get("TimeoutSeconds"), INT))
            self.heartbeat_edit.setText(value_text(state.get("HeartbeatSeconds"), INT))
            self._show_pattern(state.get("Resource"))
            self._show_binding(state)
        if kind in WITH_ERRORS:
            self.retry_table.set_rows(state.get("Retry"), siblings)
            self.catch_table.set_rows(state.get("Catch"), siblings)
        if kind == "Wait":
            field = next((f for f in WAIT_FIELDS if f in state), "Seconds")
            self.wait_box.setCurrentText(field)
            self.wait_edit.setText(value_text(state.get(field), TEXT))
        if kind == "Map":
            self._show_map(state)
        if kind == "Choice":
            jsonata = self._language(view) == JSONATA
            self.rules_table.new_row = (
                {"Condition": "{% true %}"}
                if jsonata
                else {"Variable": "$.value", "IsPresent": True}
            )
            self.rules_table.set_rows(state.get("Choices"), siblings)
            self.default_box.clear()
            self.default_box.addItem("(none)", None)
            for name in siblings:
                self.default_box.addItem(name, name)
            default = state.get("Default")
            if isinstance(default, str) and default not in siblings:
                self.default_box.addItem(default, default)
            self.default_box.setCurrentIndex(max(0, self.default_box.findData(default)))

    def _show_pattern(self, resource: object) -> None:
        self.pattern_box.clear()
        patterns = patterns_for(resource)
        for pattern in patterns:
            self.pattern_box.addItem(PATTERN_TITLES[pattern], pattern)
        self.pattern_box.setEnabled(len(patterns) > 1)
        if not patterns:
            self.pattern_box.addItem("(set by the Resource)", None)
            return
        current = integration_pattern(resource if isinstance(resource, str) else "")
        self.pattern_box.setCurrentIndex(max(0, self.pattern_box.findData(current)))

    def _show_map(self, state: dict[str, Any]) -> None:
        processor = state.get("ItemProcessor")
        config = processor.get("ProcessorConfig") if isinstance(processor, dict) else None
        mode = config.get("Mode") if isinstance(config, dict) else None
        self.map_mode_box.setCurrentText("DISTRIBUTED" if mode == "DISTRIBUTED" else "INLINE")
        self.map_mode_box.setEnabled(isinstance(processor, dict))
        self.map_mode_box.setToolTip(
            "" if isinstance(processor, dict) else "An Iterator Map runs inline only"
        )
        view = self.view()
        key = "Items" if view is not None and self._language(view) == JSONATA else "ItemsPath"
        self.form.labelForField(self.items_edit).setText(key)  # type: ignore[union-attr]
        self.items_edit.setText(value_text(state.get(key), TEXT))
        self.concurrency_edit.setText(value_text(state.get("MaxConcurrency"), INT))
        self.failure_percent_edit.setText(
            value_text(state.get("ToleratedFailurePercentage"), NUMBER)
        )
        self.failure_count_edit.setText(value_text(state.get("ToleratedFailureCount"), INT))
        distributed = mode == "DISTRIBUTED"
        self.failure_percent_edit.setEnabled(distributed)
        self.failure_count_edit.setEnabled(distributed)

    def _language(self, view: StateView) -> str:
        own = view.state.get("QueryLanguage")
        return own if isinstance(own, str) else self.scene.graph.query_language

    def _show_binding(self, state: dict[str, Any]) -> None:
        design = self.scene.document.design
        self.bind_box.clear()
        candidates = bindable_nodes(design, state) if state.get("Type") == "Task" else []
        self.bind_box.setEnabled(bool(candidates))
        if not candidates:
            self.bind_box.addItem("(no compatible node in the design)", None)
            return
        self.bind_box.addItem("(not bound)", None)
        for node_id in candidates:
            self.bind_box.addItem(f"{design.node(node_id).label or node_id}  ·  {node_id}", node_id)
        current = bound_node(self.scene.config, state)
        index = self.bind_box.findData(current) if current else 0
        self.bind_box.setCurrentIndex(max(0, index))

    def focus_name(self) -> None:
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    # ---- editing -----------------------------------------------------------------------
    def put(self, key: str, value: Any, label: str = "") -> bool:
        """Set (None: remove) one field of the shown state, as one undoable step."""
        view = self.view()
        if (
            view is None
            or view.state.get(key) == value
            or (value is None and key not in view.state)
        ):
            return False
        state_id = view.id
        return self.scene.edit(
            label or f"Change {key} of {view.name}",
            lambda d: set_state_field(d or {}, state_id, key, value),
        )

    def replace(self, label: str, change: Callable[[dict[str, Any]], dict[str, Any]]) -> bool:
        """Put a changed copy of the shown state in its place, as one undoable step."""
        view = self.view()
        if view is None:
            return False
        state = change(copy.deepcopy(view.state))
        if state == view.state:
            return False
        state_id = view.id
        return self.scene.edit(label, lambda d: replace_state(d or {}, state_id, state))

    def _typed(self, key: str, text: str, kind: str) -> None:
        view = self.view()
        if view is None:
            return
        try:
            value = parse_value(text, kind, f"{view.name}.{key}")
        except FieldError as error:
            self.scene.document.error.emit(str(error))
            self.show_state(self.state_id)
            return
        self.put(key, value)

    def _rename(self) -> None:
        if self.state_id is not None and self.name_edit.text() != self.state_id[-1]:
            self.scene.rename(self.state_id, self.name_edit.text())

    def _bind(self, index: int) -> None:
        node_id = self.bind_box.itemData(index)
        view = self.view()
        if view is None or not node_id or bound_node(self.scene.config, view.state) == node_id:
            return
        document = self.scene.document
        document.push(bind_task(document.design, self.scene.node_id, view.id, node_id))

    def _set_pattern(self, index: int) -> None:
        pattern = self.pattern_box.itemData(index)
        view = self.view()
        resource = view.state.get("Resource") if view is not None else None
        if view is None or pattern is None or not isinstance(resource, str):
            return
        title = PATTERN_TITLES[pattern].split(" (")[0]
        self.put("Resource", with_pattern(resource, pattern), f"{title} for {view.name}")

    def _set_wait(self) -> None:
        view = self.view()
        if view is None:
            return
        field = self.wait_box.currentText()
        kind = INT if field == "Seconds" else TEXT
        try:
            value = parse_value(self.wait_edit.text(), kind, f"{view.name}.{field}")
        except FieldError as error:
            self.scene.document.error.emit(str(error))
            self.show_state(self.state_id)
            return

        def change(state: dict[str, Any]) -> dict[str, Any]:
            kept = {k: v for k, v in state.items() if k not in WAIT_FIELDS or k == field}
            if value is None:
                kept.pop(field, None)
            else:
                kept[field] = value
            return kept

        self.replace(f"Change wait of {view.name}", change)

    def _set_items(self) -> None:
        view = self.view()
        if view is not None:
            key = "Items" if self._language(view) == JSONATA else "ItemsPath"
            self.put(key, self.items_edit.text().strip() or None)

    def _set_map_mode(self, _index: int) -> None:
        view = self.view()
        if view is None:
            return
        mode = self.map_mode_box.currentText()

        def change(state: dict[str, Any]) -> dict[str, Any]:
            processor = state.get("ItemProcessor")
            if not isinstance(processor, dict):
                return state
            config = processor.get("ProcessorConfig")
            config = dict(config) if isinstance(config, dict) else {}
            config["Mode"] = mode
            if mode == "DISTRIBUTED":
                config.setdefault("ExecutionType", "STANDARD")
            else:
                config.pop("ExecutionType", None)
                for key in ("ToleratedFailurePercentage", "ToleratedFailureCount"):
                    state.pop(key, None)
            processor["ProcessorConfig"] = config
            return state

        self.replace(f"Make {view.name} {mode.capitalize()}", change)

    def _set_default(self, index: int) -> None:
        self.put("Default", self.default_box.itemData(index))

    # ---- the state's JSON --------------------------------------------------------------
    def _check_json(self) -> None:
        self.problems.clear()
        if self.state_id is None:
            return
        state, error = parse_definition(self.json_edit.toPlainText())
        messages: list[str] = []
        if error:
            messages = [error]
        elif not isinstance(state, dict):
            messages = ["A state is a JSON object"]
        else:
            view = self.view()
            if view is not None and state == view.state:
                problems = structure_problems(self.scene.config)
            else:
                try:
                    trial = replace_state(self.scene.definition or {}, self.state_id, state)
                except EditError as refused:
                    problems = []
                    messages = [str(refused)]
                else:
                    problems = check_structure(trial)
            path = asl_path(self.state_id)
            messages += [
                f"{p.path}: {p.message}"
                for p in problems
                if p.path == path or p.path.startswith(path + ".")
            ]
        self.problems.addItems(messages or ["State is well formed"])
        view = self.view()
        changed = view is not None and state != view.state
        self.apply_button.setEnabled(not error and isinstance(state, dict) and changed)

    def _apply_json(self) -> None:
        state, error = parse_definition(self.json_edit.toPlainText())
        if error or not isinstance(state, dict) or self.state_id is None:
            return
        state_id = self.state_id
        self.scene.edit(f"Edit {state_id[-1]}", lambda d: replace_state(d or {}, state_id, state))
