"""The workflow canvas of one state machine node. Like the architecture scene it observes the
Document: it redraws from the node's definition after every design event that touches the
node, so a graph edit, a JSON edit, an undo or a redo all repaint the same way. Gestures turn
into one EditWorkflow command (a config change of the node) pushed on the design's undo stack."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QLineF, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsScene,
    QGraphicsSceneDragDropEvent,
    QGraphicsSceneMouseEvent,
)

from app.canvas import style
from app.canvas.interactions import Interaction
from app.document import Document
from app.workflow.items import FrameItem, MarkerItem, StateItem, TransitionItem, label_width
from app.workflow.palette import BY_KEY, MIME_NODE, MIME_STATE, TEMPLATE_FOR_SERVICE, instantiate
from model.commands import Command, EditWorkflow
from model.config.orchestration import StateMachineConfig
from model.events import Event, NodeRemoved, NodeUpdated
from model.rules import Finding
from model.rules.workflow_budget import WorkflowBudget, workflow_budget
from model.stepfunctions._common import placeholders
from model.stepfunctions.edits import (
    Definition,
    EditError,
    add_branch,
    add_choice_rule,
    add_state,
    connect,
    delete_state,
    insert_state,
    move_branch,
    move_choice_rule,
    rename_state,
)
from model.stepfunctions.graph import (
    BlockId,
    StateId,
    StateView,
    WorkflowGraph,
    build_graph,
    duration_name,
    is_marker,
)
from model.stepfunctions.layout import WorkflowLayout, layout_workflow
from model.stepfunctions_binding import (
    bind_task,
    binding_service,
    bound_node,
    can_bind,
    edit_workflow,
)

MARGIN = 600.0
BOUND_SERVICES = ("lambda", "sqs", "sns", "dynamodb", "ecs", "batch")


class WorkflowScene(QGraphicsScene):
    selection_ids_changed = Signal(object)  # list[StateId]
    rebuilt = Signal()
    closed = Signal()  # the state machine left the design
    rename_requested = Signal(object)  # StateId

    def __init__(self, document: Document, node_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.node_id = node_id
        self.exporting = False
        self.show_badges = True
        self.show_longest = False
        self.graph = WorkflowGraph()
        self.layout = WorkflowLayout()
        self.budget: WorkflowBudget | None = None
        self.states: dict[StateId, StateItem] = {}
        self.markers: dict[StateId, MarkerItem] = {}
        self.frames: dict[BlockId, FrameItem] = {}
        self.arrows: list[TransitionItem] = []
        self.interaction: Interaction | None = None
        self._hover: Any = None
        self._shown_definition: Any = object()
        self._shape: Any = None
        self._placeholders: dict[StateId, tuple[StateView, tuple[str, ...]]] = {}
        self.setBackgroundBrush(style.BACKGROUND)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.selectionChanged.connect(self._on_selection_changed)
        document.design_event.connect(self._on_design_event)
        document.findings_changed.connect(self._on_findings)
        self.rebuild()

    def detach(self) -> None:
        """Stop observing the document (the tab is closing)."""
        self.document.design_event.disconnect(self._on_design_event)
        self.document.findings_changed.disconnect(self._on_findings)

    # ---- model -------------------------------------------------------------------------
    @property
    def config(self) -> StateMachineConfig:
        config = self.document.design.node(self.node_id).config
        assert isinstance(config, StateMachineConfig)
        return config

    @property
    def definition(self) -> Definition | None:
        return self.config.definition

    def _on_design_event(self, event: Event) -> None:
        if isinstance(event, NodeRemoved) and event.node.id == self.node_id:
            self.closed.emit()
        elif isinstance(event, NodeUpdated) and event.new.id == self.node_id:
            self.rebuild()
        elif self.document.design.has_node(self.node_id):
            self.refresh_marks()  # a bound function's timeout or an edge feeds the budget

    def push_definition(self, label: str, definition: Definition | None) -> bool:
        """The edit also lets go of substitutions and invokes edges no Task uses any more."""
        config = self.config.model_copy(update={"definition": definition})
        return self.document.push(edit_workflow(self.document.design, self.node_id, config, label))

    def edit(self, label: str, change: Callable[[Definition | None], Definition]) -> bool:
        """Apply one edit of the definition as one undoable step; a refusal goes to the status
        bar and changes nothing."""
        try:
            definition = change(self.definition)
        except EditError as refused:
            self.document.error.emit(str(refused))
            return False
        return self.push_definition(label, definition)

    # ---- drawing -----------------------------------------------------------------------
    def rebuild(self) -> None:
        if not self.document.design.has_node(self.node_id):
            return
        definition = self.definition
        if definition == self._shown_definition and self.states:
            self.refresh_marks()
            return
        self._shown_definition = definition
        graph = build_graph(definition, self.graph)
        shape = structure_of(graph)
        if shape == self._shape and self.states:
            self._update_contents(graph)
            return
        self._shape = shape
        self._placeholders.clear()
        selected = self.selected_state_ids()
        self.cancel_interaction()
        self.blockSignals(True)
        self.clear()
        self.blockSignals(False)
        self.states.clear()
        self.markers.clear()
        self.frames.clear()
        self.arrows.clear()
        self._hover = None
        self.graph = graph
        self.layout = layout_workflow(self.graph, label_width)
        for block_id, box in self.layout.frames.items():
            frame = FrameItem(self.graph.blocks[block_id].title, box, len(block_id))
            self.frames[block_id] = frame
            self.addItem(frame)
        for state_id, box in self.layout.boxes.items():
            if is_marker(state_id):
                marker = MarkerItem(state_id, box)
                self.markers[state_id] = marker
                self.addItem(marker)
            else:
                item = StateItem(self.graph.states[state_id], box)
                self.states[state_id] = item
                self.addItem(item)
        for route in self.layout.routes:
            arrow = TransitionItem(route)
            self.arrows.append(arrow)
            self.addItem(arrow)
        self.setSceneRect(
            QRectF(0, 0, self.layout.width, self.layout.height).adjusted(
                -MARGIN, -MARGIN, MARGIN, MARGIN
            )
        )
        self.refresh_marks()
        self._on_findings(self.document.findings)
        self.select_states([s for s in selected if s in self.states], emit=False)
        self.rebuilt.emit()

    def _update_contents(self, graph: WorkflowGraph) -> None:
        """Same states, arrows and labels as drawn: the layout stands, only contents change."""
        self.graph = graph
        for state_id, item in self.states.items():
            view = graph.states[state_id]
            if view is not item.view and view != item.view:
                item.set_view(view)
        self.refresh_marks()
        self._on_findings(self.document.findings)
        self.rebuilt.emit()

    def refresh_marks(self) -> None:
        """Express pattern marks, unbound tasks and the longest path with each contribution."""
        if not self.document.design.has_node(self.node_id):
            return
        design = self.document.design
        config = self.config
        self.budget = workflow_budget(design, self.node_id)
        express = config.workflow_type == "EXPRESS"
        path: set[str] = set()
        costs: dict[str, float | None] = {}
        if self.show_longest and self.budget is not None and self.budget.analysis is not None:
            path = set(self.budget.analysis.longest.path)
            costs = self.budget.analysis.state_longest
        for state_id, item in self.states.items():
            view = item.view
            name = duration_name(state_id) if path else ""
            target = self.bound_target(state_id, config) if view.integration is not None else None
            unbound = (
                target is None
                and view.integration is not None
                and (view.integration.service in BOUND_SERVICES)
            )
            item.set_marks(
                express and view.express_forbidden,
                unbound,
                name in path,
                costs.get(name),
                self._node_label(target) if target else "",
            )
        on_path = {s for s in self.states if duration_name(s) in path} if path else set()
        for arrow in self.arrows:
            transition = arrow.transition
            arrow.set_on_path(transition.source in on_path and transition.target in on_path)

    def is_unbound(self, state_id: StateId) -> bool:
        """A task calling a service the design could hold, not bound to a node of it."""
        view = self._view(state_id)
        if view.integration is None or view.integration.service not in BOUND_SERVICES:
            return False
        return self.bound_target(state_id) is None

    def bound_target(
        self, state_id: StateId, config: StateMachineConfig | None = None
    ) -> str | None:
        """The design node the Task calls through a placeholder, when that node is of a kind
        the Task's integration can call (after a Resource change to another service, the old
        target no longer counts)."""
        view = self._view(state_id)
        kept = self._placeholders.get(state_id)
        if kept is None or kept[0] is not view:
            state = view.state
            fields = (state.get("Resource"), state.get("Parameters"), state.get("Arguments"))
            kept = (view, placeholders(*fields))
            self._placeholders[state_id] = kept
        config = config or self.config
        design = self.document.design
        for name in kept[1]:
            target = config.substitution_target(name)
            if (
                target
                and design.has_node(target)
                and can_bind(view.state, design.node(target).kind)
            ):
                return target
        return None

    def _view(self, state_id: StateId) -> StateView:
        item = self.states.get(state_id)
        return item.view if item is not None else self.graph.states[state_id]

    def _on_findings(self, findings: list[Finding]) -> None:
        by_state: dict[StateId, list[Finding]] = {}
        for finding in findings:
            for ref in finding.states:
                state_id = self.graph.state_at(ref.path) if ref.element == self.node_id else None
                if state_id is not None and finding not in by_state.get(state_id, ()):
                    by_state.setdefault(state_id, []).append(finding)
        for state_id, item in self.states.items():
            item.set_findings(by_state.get(state_id, []), self.show_badges)

    def set_show_longest(self, on: bool) -> None:
        self.show_longest = on
        self.refresh_marks()

    def set_show_badges(self, on: bool) -> None:
        self.show_badges = on
        self._on_findings(self.document.findings)

    def items_rect(self) -> QRectF:
        if not self.layout.boxes:
            return QRectF()
        return QRectF(0, 0, self.layout.width + 80, self.layout.height)

    def rect_of(self, ids: Iterable[Any]) -> QRectF:
        rect = QRectF()
        for state_id in ids:
            item = self.states.get(state_id)
            if item is not None:
                rect = rect.united(item.sceneBoundingRect())
        return rect

    def drawBackground(self, painter: QPainter, rect: QRectF | Any) -> None:  # noqa: N802
        painter.fillRect(QRectF(rect), style.BACKGROUND)

    def render_to(self, painter: QPainter, target: QRectF, source: QRectF) -> None:
        self.exporting = True
        try:
            self.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
        finally:
            self.exporting = False

    # ---- selection ---------------------------------------------------------------------
    def _on_selection_changed(self) -> None:
        self.selection_ids_changed.emit(self.selected_state_ids())

    def selected_state_ids(self) -> list[StateId]:
        return [i.state_id for i in self.selectedItems() if isinstance(i, StateItem)]

    def select_states(self, ids: Iterable[StateId], emit: bool = True) -> None:
        self.blockSignals(True)
        try:
            self.clearSelection()
            for state_id in ids:
                item = self.states.get(state_id)
                if item is not None:
                    item.setSelected(True)
        finally:
            self.blockSignals(False)
        if emit:
            self._on_selection_changed()

    # ---- edits the gestures make -------------------------------------------------------
    def insert_template(
        self,
        key: str,
        source: StateId | None = None,
        field: str = "",
        block: BlockId = (),
        bind: str | None = None,
    ) -> StateId | None:
        """Insert a palette state on the arrow leaving source by field, or unconnected in
        block, bound to the design node bind when given (one step); returns its id."""
        template = BY_KEY.get(key)
        if template is None:
            return None
        name, state = instantiate(template, self.definition, self.graph.query_language)
        target_block = source[:-1] if source is not None else block
        try:
            if source is not None:
                title = f"Insert {template.title}"
                definition = insert_state(self.definition, source, field, name, state)
            else:
                title = f"Add {template.title}"
                definition = add_state(self.definition, block, name, state)
        except EditError as refused:
            self.document.error.emit(str(refused))
            return None
        new_id = (*target_block, name)
        config = self.config.model_copy(update={"definition": definition})
        command: Command = EditWorkflow(self.node_id, config, label=title)
        if bind is not None:
            title = f"{title} calling {self._node_label(bind)}"
            command = bind_task(self.document.design, self.node_id, new_id, bind, config, title)
        if not self.document.push(command):
            return None
        self.select_states([new_id])
        return new_id

    def _node_label(self, node_id: str) -> str:
        design = self.document.design
        return (design.node(node_id).label or node_id) if design.has_node(node_id) else node_id

    def drop_node(self, node_id: str, pos: QPointF) -> StateId | None:
        """Drop a node of the design: on a Task that can call it the Task is bound to it;
        elsewhere a new Task calling it is inserted as a palette entry would be."""
        design = self.document.design
        if not design.has_node(node_id):
            return None
        kind = design.node(node_id).kind
        item = self.state_at(pos)
        if item is not None:
            state = item.view.state
            if item.view.type != "Task" or not can_bind(state, kind):
                self.document.error.emit(
                    f"{item.view.name} cannot call {self._node_label(node_id)}: drop it on a "
                    "Task of its service, or on an arrow to add one"
                )
                return None
            if bound_node(self.config, state) != node_id:
                self.document.push(bind_task(design, self.node_id, item.state_id, node_id))
            self.select_states([item.state_id])
            return item.state_id
        service = binding_service(kind)
        if service is None:
            self.document.error.emit(f"No Task can call {self._node_label(node_id)}")
            return None
        return self._drop_template(TEMPLATE_FOR_SERVICE[service], pos, node_id)

    def drop_at(self, key: str, pos: QPointF) -> StateId | None:
        """Drop a palette entry: on an arrow it is inserted there, on a branch frame it starts
        the branch, elsewhere it is added unconnected."""
        return self._drop_template(key, pos)

    def _drop_template(self, key: str, pos: QPointF, bind: str | None = None) -> StateId | None:
        arrow = self.arrow_at(pos)
        if arrow is not None:
            transition = arrow.transition
            return self.insert_template(key, transition.source, transition.field, bind=bind)
        frame = self.frame_at(pos)
        if frame is not None:
            from model.stepfunctions.graph import START, marker

            return self.insert_template(key, marker(frame, START), "StartAt", bind=bind)
        return self.insert_template(key, block=(), bind=bind)

    def arrow_at(self, pos: QPointF) -> TransitionItem | None:
        for item in self.items(pos):
            if isinstance(item, TransitionItem):
                return item
        return None

    def frame_at(self, pos: QPointF) -> BlockId | None:
        best: BlockId | None = None
        for block_id, frame in self.frames.items():
            if frame.sceneBoundingRect().contains(pos) and (
                best is None or len(block_id) > len(best)
            ):
                best = block_id
        return best

    def state_at(self, pos: QPointF) -> StateItem | None:
        for item in self.items(pos):
            if isinstance(item, StateItem) and item.shape().contains(item.mapFromScene(pos)):
                return item
        return None

    def delete_selection(self) -> bool:
        selected = self.selected_state_ids()
        if not selected:
            return False

        def change(definition: Definition | None) -> Definition:
            result = definition or {}
            for state_id in sorted(selected, key=len, reverse=True):
                result = delete_state(result, state_id)
            return result

        names = ", ".join(s[-1] for s in selected)
        return self.edit(f"Delete {names}", change)

    def rename(self, state_id: StateId, new_name: str) -> bool:
        if new_name == state_id[-1]:
            return False
        ok = self.edit(
            f"Rename {state_id[-1]}",
            lambda d: rename_state(d or {}, state_id, new_name),
        )
        if ok:
            self.select_states([(*state_id[:-1], new_name)])
        return ok

    def connect_states(self, source: StateId, target: StateId) -> bool:
        return self.edit(
            f"Connect {source[-1]} to {target[-1]}",
            lambda d: connect(d or {}, source, target),
        )

    def selected_arrows(self) -> list[TransitionItem]:
        return [i for i in self.selectedItems() if isinstance(i, TransitionItem)]

    def reorder_target(self) -> tuple[str, StateId, int] | None:
        """What Earlier/Later would move: a selected Choice rule's arrow ("rule", choice,
        index) or the Parallel branch holding the one selected state ("branch", ...)."""
        arrows = self.selected_arrows()
        states = self.selected_state_ids()
        if len(arrows) == 1 and not states and arrows[0].transition.field.startswith("Choices["):
            field = arrows[0].transition.field
            return "rule", arrows[0].transition.source, int(field[8 : field.index("]")])
        if len(states) == 1 and not arrows and len(states[0]) >= 3:
            part = states[0][-2]
            if part.startswith("Branches["):
                return "branch", states[0][:-2], int(part[9 : part.index("]")])
        return None

    def move_selected(self, delta: int) -> bool:
        """Try a rule earlier or later (rules are tried in order), or move a branch."""
        target = self.reorder_target()
        if target is None:
            return False
        what, owner, index = target
        if what == "rule":
            return self.edit(
                f"Move rule of {owner[-1]}",
                lambda d: move_choice_rule(d or {}, owner, index, delta),
            )
        return self.edit(
            f"Move branch of {owner[-1]}", lambda d: move_branch(d or {}, owner, index, delta)
        )

    def add_rule(self, choice: StateId) -> bool:
        return self.edit(f"Add rule to {choice[-1]}", lambda d: add_choice_rule(d or {}, choice))

    def add_parallel_branch(self, parallel: StateId) -> bool:
        return self.edit(f"Add branch to {parallel[-1]}", lambda d: add_branch(d or {}, parallel))

    # ---- mouse and keyboard ------------------------------------------------------------
    def cancel_interaction(self) -> None:
        interaction, self.interaction = self.interaction, None
        if interaction is not None:
            interaction.cancel()

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        pos = event.scenePos()
        if event.button() == Qt.MouseButton.LeftButton:
            item = self.state_at(pos)
            if (
                item is not None
                and item.isSelected()
                and item.handle_rect().contains(item.mapFromScene(pos))
            ):
                self.interaction = ConnectStates(self, item, pos)
                event.accept()
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self.interaction is not None:
            self.interaction.move(event.scenePos(), event.modifiers())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        interaction, self.interaction = self.interaction, None
        if interaction is not None:
            interaction.release(event.scenePos(), event.screenPos())
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        item = self.state_at(event.scenePos())
        if item is not None:
            self.select_states([item.state_id])
            self.rename_requested.emit(item.state_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.delete_selection():
            event.accept()
            return
        if event.key() == Qt.Key.Key_F2 and len(self.selected_state_ids()) == 1:
            self.rename_requested.emit(self.selected_state_ids()[0])
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape and self.interaction is not None:
            self.cancel_interaction()
            event.accept()
            return
        super().keyPressEvent(event)

    # ---- palette drop ------------------------------------------------------------------
    def _set_hover(self, target: Any) -> None:
        if target is self._hover:
            return
        if self._hover is not None:
            self._hover.drop_hover = False
            self._hover.update()
        self._hover = target
        if target is not None:
            target.drop_hover = True
            target.update()

    def dragEnterEvent(self, event: QGraphicsSceneDragDropEvent) -> None:  # noqa: N802
        data = event.mimeData()
        if data.hasFormat(MIME_STATE) or data.hasFormat(MIME_NODE):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QGraphicsSceneDragDropEvent) -> None:  # noqa: N802
        data = event.mimeData()
        if not (data.hasFormat(MIME_STATE) or data.hasFormat(MIME_NODE)):
            event.ignore()
            return
        event.acceptProposedAction()
        pos = event.scenePos()
        target: Any = self.state_at(pos) if data.hasFormat(MIME_NODE) else None
        if target is None:
            target = self.arrow_at(pos)
        if target is None:
            frame = self.frame_at(pos)
            target = self.frames.get(frame) if frame is not None else None
        self._set_hover(target)

    def dragLeaveEvent(self, event: QGraphicsSceneDragDropEvent) -> None:  # noqa: N802
        self._set_hover(None)

    def dropEvent(self, event: QGraphicsSceneDragDropEvent) -> None:  # noqa: N802
        self._set_hover(None)
        data = event.mimeData()
        if data.hasFormat(MIME_NODE):
            node_id = bytes(data.data(MIME_NODE).data()).decode("utf-8", "replace")
            dropped = self.drop_node(node_id, event.scenePos())
        elif data.hasFormat(MIME_STATE):
            key = bytes(data.data(MIME_STATE).data()).decode("utf-8", "replace")
            dropped = self.drop_at(key, event.scenePos())
        else:
            dropped = None
        if dropped is not None:
            event.acceptProposedAction()
        else:
            event.ignore()


def structure_of(graph: WorkflowGraph) -> tuple[Any, ...]:
    """What the layout depends on: states with their types and nesting, arrows with labels."""
    return (
        tuple((s.id, s.type, s.blocks) for s in graph.states.values()),
        tuple((t.source, t.target, t.kind, t.field, t.label) for t in graph.transitions),
    )


class ConnectStates(Interaction):
    """Drag from a selected state's handle to another state of the same block."""

    def __init__(self, scene: WorkflowScene, source: StateItem, press: QPointF) -> None:
        self.scene = scene
        self.source = source
        self.line = QGraphicsLineItem(QLineF(press, press))
        pen = QPen(style.SELECTION, 1.6, Qt.PenStyle.DashLine)
        self.line.setPen(pen)
        self.line.setZValue(1000)
        self.line.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        scene.addItem(self.line)

    def move(self, pos: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        self.line.setLine(QLineF(self.line.line().p1(), pos))

    def release(self, pos: QPointF, screen_pos: object) -> None:
        self.cancel()
        target = self.scene.state_at(pos)
        if target is not None and target is not self.source:
            self.scene.connect_states(self.source.state_id, target.state_id)

    def cancel(self) -> None:
        if self.line.scene() is not None:
            self.scene.removeItem(self.line)
