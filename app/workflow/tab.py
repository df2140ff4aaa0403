"""The workflow tab: states browser, the workflow canvas, the time budget bar and the state form
and code view. Everything it shows is read from the state machine node's config, after each
design event, and everything it changes goes through one command on the design's undo stack."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.asl_editor import AslEditor
from app.canvas import style
from app.canvas.view import DesignView
from app.document import Document
from app.workflow.items import seconds_text
from app.workflow.palette import TEMPLATE_FOR_SERVICE, StatesPalette
from app.workflow.scene import WorkflowScene
from app.workflow.state_form import StateForm
from model.catalog import node_icon
from model.commands import SetConfig
from model.rules.stepfunctions_rules import structure_problems
from model.rules.workflow_budget import WorkflowBudget
from model.stepfunctions.graph import StateId
from model.stepfunctions_binding import binding_service


class BudgetBar(QWidget):
    """Shortest to longest execution on a log scale against the workflow type's limit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.budget: WorkflowBudget | None = None
        self.setMinimumSize(260, 34)
        self.setObjectName("budgetBar")

    def set_budget(self, budget: WorkflowBudget | None) -> None:
        self.budget = budget
        self.setToolTip(self.text())
        self.update()

    def text(self) -> str:
        budget = self.budget
        if budget is None or budget.analysis is None:
            return "No definition: nothing to time"
        kind = "Express" if budget.workflow_type == "EXPRESS" else "Standard"
        low = seconds_text(budget.shortest_s)
        high = seconds_text(budget.longest_s)
        verdict = "over" if budget.over else "within"
        return f"{low} – {high}, {verdict} the {kind} limit of {seconds_text(budget.limit_s)}"

    def _x(self, seconds: float, width: float) -> float:
        """Log scale from 0.1 s to twice the limit."""
        assert self.budget is not None
        top = math.log10(self.budget.limit_s * 2)
        low = -1.0
        value = math.log10(max(seconds, 0.1))
        return max(0.0, min(1.0, (value - low) / (top - low))) * width

    def paint_budget(self, painter: QPainter, rect: QRectF) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        track = QRectF(rect.left(), rect.top() + 4, rect.width(), 10)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#E9EBED"))
        painter.drawRoundedRect(track, 5, 5)
        budget = self.budget
        if budget is not None and budget.analysis is not None:
            low = budget.shortest_s or 0.0
            high = budget.longest_s
            end = track.width() if high is None else self._x(high, track.width())
            start = self._x(low, track.width()) if low > 0 else 0.0
            colour = QColor("#D13212") if budget.over else QColor("#1D8102")
            painter.setBrush(colour)
            painter.drawRoundedRect(
                QRectF(track.left() + start, track.top(), max(6.0, end - start), 10), 5, 5
            )
            limit_x = track.left() + self._x(budget.limit_s, track.width())
            painter.setPen(QPen(style.TEXT, 2))
            painter.drawLine(
                int(limit_x), int(track.top() - 3), int(limit_x), int(track.bottom() + 3)
            )
        painter.setPen(style.TEXT)
        painter.setFont(style.font(11))
        painter.drawText(
            QRectF(rect.left(), track.bottom() + 2, rect.width(), 16),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.text(),
        )

    def paintEvent(self, event: Any) -> None:  # noqa: N802
        painter = QPainter(self)
        self.paint_budget(painter, QRectF(self.rect()).adjusted(2, 2, -2, -2))
        painter.end()


class WorkflowTab(QWidget):
    """One open workflow; the main window keeps one per state machine node."""

    closed = Signal(str)  # node id

    def __init__(self, document: Document, node_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.node_id = node_id
        self.setObjectName(f"workflow:{node_id}")
        self.scene = WorkflowScene(document, node_id, self)
        self.view = DesignView(self.scene)
        self.view.setDragMode(DesignView.DragMode.RubberBandDrag)
        self.palette = StatesPalette()
        self.palette.itemDoubleClicked.connect(self._palette_double_clicked)
        self.form = StateForm(self.scene)
        self.code = AslEditor()
        self.code.definition_applied.connect(self._code_applied)
        self.side = QTabWidget()
        self.side.addTab(self.form, "State")
        self.side.addTab(self.code, "Code")
        self._code_stale = True
        self.side.currentChanged.connect(self._side_changed)

        self.type_box = QComboBox()
        self.type_box.addItems(["STANDARD", "EXPRESS"])
        self.type_box.setToolTip("Workflow type: Express runs at most 5 minutes")
        self.budget_bar = BudgetBar()
        self.longest_box = QCheckBox("Show longest path")
        self.add_rule_button = QPushButton("Add rule")
        self.add_branch_button = QPushButton("Add branch")
        self.fit_button = QPushButton("Fit")
        self.earlier_button = QPushButton("Earlier")
        self.later_button = QPushButton("Later")
        for button, tip in (
            (self.earlier_button, "Move the selected Choice rule or Parallel branch earlier"),
            (self.later_button, "Move the selected Choice rule or Parallel branch later"),
        ):
            button.setToolTip(tip)
        header = QHBoxLayout()
        header.setContentsMargins(8, 4, 8, 4)
        header.addWidget(QLabel("Type"))
        header.addWidget(self.type_box)
        header.addWidget(self.budget_bar, 1)
        header.addWidget(self.longest_box)
        header.addWidget(self.add_rule_button)
        header.addWidget(self.add_branch_button)
        header.addWidget(self.earlier_button)
        header.addWidget(self.later_button)
        header.addWidget(self.fit_button)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.palette)
        splitter.addWidget(self.view)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        self.palette.setMaximumWidth(230)
        self.side.setMinimumWidth(300)
        splitter.setSizes([180, 860, 360])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)

        self.type_box.activated.connect(self._type_chosen)
        self.longest_box.toggled.connect(self.scene.set_show_longest)
        self.add_rule_button.clicked.connect(self._add_rule)
        self.add_branch_button.clicked.connect(self._add_branch)
        self.fit_button.clicked.connect(self.fit)
        self.earlier_button.clicked.connect(lambda: self.scene.move_selected(-1))
        self.later_button.clicked.connect(lambda: self.scene.move_selected(1))
        self.scene.selectionChanged.connect(self._reorder_enabled)
        self.scene.rebuilt.connect(self._refresh)
        self.scene.selection_ids_changed.connect(self._selection_changed)
        self.scene.rename_requested.connect(self._rename_requested)
        self.scene.closed.connect(lambda: self.closed.emit(self.node_id))
        document.changed.connect(self._refresh_budget)
        document.changed.connect(self._refresh_design_nodes)
        self._refresh_design_nodes()
        self._refresh()
        QTimer.singleShot(0, self.fit)

    def detach(self) -> None:
        self.document.changed.disconnect(self._refresh_budget)
        self.document.changed.disconnect(self._refresh_design_nodes)
        self.scene.detach()

    def title(self) -> str:
        design = self.document.design
        label = design.node(self.node_id).label if design.has_node(self.node_id) else self.node_id
        return f"Workflow: {label}"

    def fit(self) -> None:
        self.view.fit_to_design()

    def _refresh(self) -> None:
        if not self.document.design.has_node(self.node_id):
            return
        config = self.scene.config
        self.type_box.setCurrentText(config.workflow_type)
        self._code_stale = True
        if self.side.currentWidget() is self.code:
            self.refresh_code()
        self._selection_changed(self.scene.selected_state_ids())
        self._refresh_budget()

    def refresh_code(self) -> None:
        """Show the definition in the code view, only while the view is shown (the view rewrites
        only the lines of states that changed, with the problems the rules already found)."""
        if self._code_stale and self.document.design.has_node(self.node_id):
            config = self.scene.config
            self.code.set_definition(config.definition, structure_problems(config))
            self._code_stale = False

    def show_code(self) -> None:
        self.side.setCurrentWidget(self.code)
        self.refresh_code()

    def _side_changed(self, _index: int) -> None:
        if self.side.currentWidget() is self.code:
            self.refresh_code()

    def _refresh_budget(self) -> None:
        if self.document.design.has_node(self.node_id):
            self.type_box.setCurrentText(self.scene.config.workflow_type)
            self.budget_bar.set_budget(self.scene.budget)

    def _selection_changed(self, ids: Any) -> None:
        ids = list(ids or [])
        self.form.show_state(ids[0] if len(ids) == 1 else None)
        types = {self.scene.graph.states[i].type for i in ids if i in self.scene.graph.states}
        self.add_rule_button.setEnabled(len(ids) == 1 and types == {"Choice"})
        self.add_branch_button.setEnabled(len(ids) == 1 and types == {"Parallel"})

    def _reorder_enabled(self) -> None:
        movable = self.scene.reorder_target() is not None
        self.earlier_button.setEnabled(movable)
        self.later_button.setEnabled(movable)

    def _rename_requested(self, state_id: StateId) -> None:
        self.side.setCurrentWidget(self.form)
        self.form.show_state(state_id)
        self.form.focus_name()

    def _type_chosen(self, _index: int) -> None:
        value = self.type_box.currentText()
        if value != self.scene.config.workflow_type:
            self.document.push(
                SetConfig.field(self.document.design, self.node_id, "workflow_type", value)
            )

    def _code_applied(self, definition: Any) -> None:
        self.scene.push_definition("Edit workflow code", definition)

    def _add_rule(self) -> None:
        ids = self.scene.selected_state_ids()
        if len(ids) == 1:
            self.scene.add_rule(ids[0])

    def _add_branch(self) -> None:
        ids = self.scene.selected_state_ids()
        if len(ids) == 1:
            self.scene.add_parallel_branch(ids[0])

    def _palette_double_clicked(self, item: Any) -> None:
        """Add the entry after the selected state; a design node binds a selected Task that
        can call it instead."""
        key = item.data(Qt.ItemDataRole.UserRole)
        node_id = item.data(Qt.ItemDataRole.UserRole + 1)
        ids = self.scene.selected_state_ids()
        if node_id:
            selected = self.scene.states.get(ids[0]) if len(ids) == 1 else None
            if selected is not None and selected.view.type == "Task":
                self.scene.drop_node(node_id, selected.sceneBoundingRect().center())
                return
            service = binding_service(self.document.design.node(node_id).kind)
            key = TEMPLATE_FOR_SERVICE.get(service or "")
        if not key:
            return
        if len(ids) == 1:
            outgoing = [t for t in self.scene.graph.outgoing(ids[0]) if t.field in ("Next", "End")]
            if outgoing:
                self.scene.insert_template(key, ids[0], outgoing[0].field, bind=node_id)
                return
        self.scene.insert_template(key, block=(), bind=node_id)

    def _refresh_design_nodes(self) -> None:
        design = self.document.design
        self.palette.set_design_nodes(
            [
                (node.id, node.label or node.id, node_icon(node.kind, node.config))
                for node in design.iter_nodes()
                if binding_service(node.kind) is not None
            ]
        )

    def select_state(self, state_id: StateId) -> None:
        self.scene.select_states([state_id])
        self.view.center_on_ids([state_id])


__all__ = ["BudgetBar", "StateForm", "WorkflowTab"]
