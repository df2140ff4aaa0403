"""The canvas scene. It observes the Document: items are created, moved and removed only in
response to design events, so an edit, undo, redo, paste or load all repaint the same way.
Gestures push commands through the document and never touch items' model state directly."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from PySide6.QtCore import QLineF, QObject, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneDragDropEvent,
    QGraphicsSceneMouseEvent,
    QMenu,
)

from app.canvas import geometry as geo
from app.canvas import style
from app.canvas.interactions import (
    MIME_KIND,
    ConnectInteraction,
    Interaction,
    MoveInteraction,
    ResizeInteraction,
    drop_command,
)
from app.canvas.items.badge import BadgeItem
from app.canvas.items.base import ACCEPT, REFUSE, ElementItem
from app.canvas.items.container_item import ContainerItem
from app.canvas.items.edge_item import DragLayer, EdgeItem
from app.canvas.items.node_item import NodeItem
from app.canvas.items.note_item import NoteItem
from app.canvas.routing import SceneRouter
from app.document import Document
from model.catalog import Relation
from model.commands import Command, Disconnect, Macro, Move, RemoveNodes
from model.design import Design
from model.elements import Edge, Node, Point
from model.events import (
    EdgeAdded,
    EdgeRemoved,
    EdgeUpdated,
    Event,
    NodeAdded,
    NodeRemoved,
    NodeReparented,
    NodeResized,
    NodeUpdated,
    OrderRestored,
)
from model.routing import Box, Link
from model.rules import Finding

RelationChooser = Callable[[list[Relation], object], Relation | None]
SCENE_MARGIN = 1500.0
ROUTE_AT_ONCE = 300  # a design with more connections opens with rough routes, refined later
ROUTE_SLICE = 0.006  # seconds of routing per turn of the event loop while refining (labels
# and items follow, so a slice takes about twice this)
ROUTE_IDLE_MS = 300  # refining waits this long after an edit, so edits never queue behind it


def _link(edge: Edge) -> Link:
    return Link(edge.id, edge.source, edge.target, str(edge.relation))


def choose_relation_by_menu(relations: list[Relation], screen_pos: object) -> Relation | None:
    """Ask which relation to use when the catalog allows several between two kinds."""
    menu = QMenu()
    actions = {menu.addAction(str(relation)): relation for relation in relations}
    where = screen_pos if isinstance(screen_pos, QPoint) else QCursor.pos()
    chosen = menu.exec(where)
    return actions.get(chosen) if chosen is not None else None


class DesignScene(QGraphicsScene):
    selection_ids_changed = Signal(object)  # list[str] of selected node/edge ids
    route_at_once: int | None = ROUTE_AT_ONCE  # None: route everything before the first paint
    static_picture = False  # drawn once and never edited (an export): routing keeps no records
    status_message = Signal(str)  # why a drop, move or connection is refused, while dragging
    node_activated = Signal(str)  # double-click or Enter on one node: open what it holds
    routes_settled = Signal()  # the background refinement of rough routes has finished

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.exporting = False
        self.grid_size = 20
        self._snap_to_grid = True
        self._show_badges = True
        self.nodes: dict[str, ElementItem] = {}
        self.containers: dict[str, ContainerItem] = {}
        self.edges: dict[str, EdgeItem] = {}
        self._edges_of: dict[str, set[str]] = {}
        self._badged: dict[str, list[Finding]] = {}  # what each badged item shows
        self._drop_target: ContainerItem | None = None
        self._extent = geo.Extent()  # items_rect, kept as items move and routes change
        self._scene_rect: QRectF | None = None
        self.routing = SceneRouter()
        self._routing_paused = False
        self._route_timer = QTimer(self)
        self._route_timer.setSingleShot(True)
        self._route_timer.timeout.connect(self.refine_step)
        self.interaction: Interaction | None = None
        self.relation_chooser: RelationChooser = choose_relation_by_menu
        self.setBackgroundBrush(style.BACKGROUND)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.selectionChanged.connect(self._on_selection_changed)
        self.set_document(document)

    # ---- document ----------------------------------------------------------------------
    @property
    def design(self) -> Design:
        assert self.document is not None
        return self.document.design

    def set_document(self, document: Document) -> None:
        """Show another document (after File > Open or New), rebuilding every item."""
        if self.document is not None:
            self.document.design_event.disconnect(self._on_design_event)
            self.document.findings_changed.disconnect(self._on_findings)
            self.document.changed.disconnect(self.update_scene_rect)
        self.cancel_interaction()
        self.clear()
        self.drag_layer = DragLayer()
        self.addItem(self.drag_layer)
        self.nodes.clear()
        self.containers.clear()
        self.edges.clear()
        self._edges_of.clear()
        self._badged.clear()
        self._drop_target = None
        self._extent.clear()
        self.routing = SceneRouter()
        self.routing.router.tracking = not self.static_picture
        self.document = document
        document.design_event.connect(self._on_design_event)
        document.findings_changed.connect(self._on_findings)
        document.changed.connect(self.update_scene_rect)
        design = document.design
        self._routing_paused = True
        try:
            for node in design.iter_nodes():
                self._add_node(node)
            for edge in design.iter_edges():
                self._add_edge(edge)
        finally:
            self._routing_paused = False
        if self.route_at_once is not None and len(self.edges) > self.route_at_once:
            self.routing.router.defer()
        self.reroute()
        self._on_findings(document.findings)
        self.update_scene_rect()

    def push(self, command: Command) -> bool:
        assert self.document is not None
        return self.document.push(command)

    def refuse(self, reason: str) -> None:
        """A gesture the model would refuse: tell the shell (status bar) why."""
        if self.document is not None and reason:
            self.document.error.emit(reason)

    # ---- observing the model -----------------------------------------------------------
    def _on_design_event(self, event: Event) -> None:
        if isinstance(event, NodeAdded):
            self._add_node(event.node)
        elif isinstance(event, NodeRemoved):
            self._remove_node(event.node.id)
        elif isinstance(event, NodeUpdated):
            self._update_node(event)
        elif isinstance(event, EdgeAdded):
            self._add_edge(event.edge)
        elif isinstance(event, EdgeRemoved):
            self._remove_edge(event.edge.id)
        elif isinstance(event, OrderRestored):
            self._restack()
        elif isinstance(event, EdgeUpdated):
            item = self.edges.get(event.new.id)
            if item is not None:
                item.set_edge(event.new)
                self.routing.add_link(_link(event.new), item.label_widths())
        self.reroute()
        if self.routing.router.pending:
            self._route_timer.start(ROUTE_IDLE_MS)

    def reroute(self, limit: int | None = 0, budget: float | None = None) -> None:
        """Bring every connection whose route or label changed up to date. A large design
        opens with rough routes (the simple route, no label), refined in short slices from
        the event loop, those on show first (see show_first); edits meanwhile route only
        what they change, so they stay quick."""
        if self._routing_paused:
            return
        preview = not self.routing.router.searching
        layer = self.drag_layer.edges
        if layer and not preview:
            for item in layer.values():
                item.end_preview()
            layer.clear()
        for edge_id in self.routing.flush(limit, budget):
            item = self.edges.get(edge_id)
            if item is None:
                continue
            placed = self.routing.labels.label(edge_id)
            route = self.routing.router.route(edge_id)
            if placed is None:
                item.set_route(route, preview=preview)
            else:
                index, box = placed
                label = (box.left, box.top, box.right, box.bottom)
                item.set_route(route, index, label, preview)
            if preview:
                layer[edge_id] = item
            else:
                layer.pop(edge_id, None)
            bounds = item.drawn_rect()
            self._extent.set(
                ("edge", edge_id), (bounds.left(), bounds.top(), bounds.right(), bounds.bottom())
            )

        if self.routing.router.pending and not self._route_timer.isActive():
            self._route_timer.start(0)

    @property
    def refining(self) -> bool:
        """Whether rough or deferred routes are still being refined from the event loop."""
        return self.routing.router.pending

    def refine_step(self) -> None:
        """One slice of the refinement of rough routes (what the timer runs)."""
        self.reroute(None, ROUTE_SLICE)
        if not self.routing.router.pending:
            self.routes_settled.emit()

    def show_first(self, rect: QRectF) -> None:
        """Refine the rough routes of connections with an end in rect (on show) first."""
        self.routing.router.prefer(Box(rect.left(), rect.top(), rect.right(), rect.bottom()))

    def finish_routing(self) -> None:
        """Route everything still pending now (before an export)."""
        while self.routing.router.pending:
            self.reroute(None)

    def items_moved(self, items: Iterable[ElementItem]) -> None:
        """Items were moved or resized in place (while dragging): reroute what that touches."""
        for item in items:
            self._track(item)
            self.routing.set_item(item)
        self.reroute()

    def reroute_nodes(self, node_ids: Iterable[str]) -> None:
        self.items_moved(self.nodes[n] for n in node_ids if n in self.nodes)

    def _add_node(self, node: Node) -> None:
        design = self.design
        spec = design.catalog.get(node.kind)
        item: ElementItem
        if spec.is_container:
            width, height = geo.node_size(design, node)
            item = ContainerItem(node, width, height, len(design.ancestors(node.id)))
            self.containers[node.id] = item
        elif spec.annotation:
            item = NoteItem(node, *geo.node_size(design, node))
        else:
            item = NodeItem(node)
        item.set_stack(len(self.nodes))
        self.nodes[node.id] = item
        self._track(item)
        self.addItem(item)
        self.routing.set_item(item)

    def _restack(self) -> None:
        for index, node in enumerate(self.design.iter_nodes()):
            item = self.nodes.get(node.id)
            if item is not None:
                item.set_stack(index)

    def _remove_node(self, node_id: str) -> None:
        item = self.nodes.pop(node_id, None)
        self.containers.pop(node_id, None)
        if item is None:
            return
        self._abort_if_involved(item)
        for edge_id in list(self._edges_of.get(node_id, ())):
            self._remove_edge(edge_id)
        self._edges_of.pop(node_id, None)
        self._badged.pop(node_id, None)
        self._extent.discard(node_id)
        self.routing.remove_item(node_id)
        self.removeItem(item)

    def _update_node(self, event: NodeUpdated) -> None:
        node = event.new
        item = self.nodes.get(node.id)
        if item is None:
            return
        item.set_node(node)
        if node.position != event.old.position:
            item.setPos(node.position.x, node.position.y)
        if isinstance(event, NodeResized) and isinstance(item, ContainerItem):
            width, height = geo.node_size(self.design, node)
            item.set_size(width, height)
        self._track(item)
        self.routing.set_item(item)
        if isinstance(event, NodeReparented):
            for node_id in [node.id, *self.design.descendants(node.id)]:
                child = self.containers.get(node_id)
                if child is not None:
                    child.set_depth(len(self.design.ancestors(node_id)))

    def _add_edge(self, edge: Edge) -> None:
        source, target = self.nodes.get(edge.source), self.nodes.get(edge.target)
        if source is None or target is None:
            return
        item = EdgeItem(edge, source, target)
        self.edges[edge.id] = item
        self._edges_of.setdefault(edge.source, set()).add(edge.id)
        self._edges_of.setdefault(edge.target, set()).add(edge.id)
        self.addItem(item)
        self.routing.add_link(_link(edge), item.label_widths())

    def _remove_edge(self, edge_id: str) -> None:
        item = self.edges.pop(edge_id, None)
        if item is None:
            return
        for end in (item.edge.source, item.edge.target):
            self._edges_of.get(end, set()).discard(edge_id)
        self._badged.pop(edge_id, None)
        self.drag_layer.edges.pop(edge_id, None)
        self._extent.discard(("edge", edge_id))
        self.routing.remove_link(edge_id)
        self.removeItem(item)

    def edge_items_of(self, node_ids: Iterable[str]) -> list[EdgeItem]:
        found: dict[str, EdgeItem] = {}
        for node_id in node_ids:
            for edge_id in self._edges_of.get(node_id, ()):
                found[edge_id] = self.edges[edge_id]
        return list(found.values())

    def _abort_if_involved(self, item: ElementItem) -> None:
        if self.interaction is not None:
            self.cancel_interaction()

    def update_scene_rect(self) -> None:
        """Room around the design to scroll into and drop onto."""
        rect = self.items_rect()
        if rect.isNull():
            rect = QRectF(0, 0, 800, 600)
        rect = rect.adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN)
        if rect != self._scene_rect:  # setting it again would make every view re-layout
            self._scene_rect = rect
            self.setSceneRect(rect)

    # ---- findings ----------------------------------------------------------------------
    def _on_findings(self, findings: list[Finding]) -> None:
        by_element: dict[str, list[Finding]] = {}
        for finding in findings:
            if finding.waiver is not None:
                continue
            for element in dict.fromkeys(finding.elements):
                by_element.setdefault(element, []).append(finding)
        badged = self._badged
        for element_id in [e for e in badged if e not in by_element]:
            del badged[element_id]
            self._set_item_findings(element_id, [])
        for element_id, element_findings in by_element.items():
            if badged.get(element_id) != element_findings and (
                element_id in self.nodes or element_id in self.edges
            ):
                badged[element_id] = element_findings
                self._set_item_findings(element_id, element_findings)

    def _set_item_findings(self, element_id: str, findings: list[Finding]) -> None:
        item = self.nodes.get(element_id) or self.edges.get(element_id)
        if item is not None:
            item.set_findings(findings, self._show_badges)

    def set_show_badges(self, on: bool) -> None:
        self._show_badges = on
        for element_id in self._badged:
            item = self.nodes.get(element_id) or self.edges.get(element_id)
            if item is not None and item.badge is not None:
                item.badge.setVisible(on and bool(item.badge.findings))

    @property
    def show_badges(self) -> bool:
        return self._show_badges

    # ---- selection ---------------------------------------------------------------------
    def _on_selection_changed(self) -> None:
        self.selection_ids_changed.emit(self.selected_ids())

    def selected_ids(self) -> list[str]:
        nodes: list[str] = []
        edges: list[str] = []
        for item in self.selectedItems():
            if isinstance(item, ElementItem):
                nodes.append(item.node_id)
            elif isinstance(item, EdgeItem):
                edges.append(item.edge_id)
        return nodes + edges

    def select_ids(self, ids: Iterable[str]) -> None:
        wanted = set(ids)
        self.blockSignals(True)
        try:
            self.clearSelection()
            for element_id in wanted:
                item = self.nodes.get(element_id) or self.edges.get(element_id)
                if item is not None:
                    item.setSelected(True)
        finally:
            self.blockSignals(False)
        self._on_selection_changed()

    def select_adjacent(self, forward: bool = True) -> str | None:
        """Select the element after (or before) the selected one in design order; None,
        with nothing selected, when that runs past the end."""
        order = [n.id for n in self.design.iter_nodes() if n.id in self.nodes]
        selected = [i for i in self.selected_ids() if i in order]
        if not order:
            return None
        if not selected:
            index = 0 if forward else len(order) - 1
        else:
            index = order.index(selected[-1 if forward else 0]) + (1 if forward else -1)
        if not 0 <= index < len(order):
            self.select_ids([])
            return None
        self.select_ids([order[index]])
        return order[index]

    def delete_selection(self) -> bool:
        """Delete selected nodes (with their contents and connections) and selected
        connections as one undoable step."""
        node_ids: list[str] = []
        edge_ids: list[str] = []
        for item in self.selectedItems():
            if isinstance(item, ElementItem):
                node_ids.append(item.node_id)
            elif isinstance(item, EdgeItem):
                edge_ids.append(item.edge_id)
        commands: list[Command] = [Disconnect(edge_id) for edge_id in edge_ids]
        if node_ids:
            commands.append(RemoveNodes(node_ids))
        if not commands:
            return False
        return self.push(Macro("Delete", commands))

    # ---- geometry queries --------------------------------------------------------------
    def items_rect(self) -> QRectF:
        """Bounding rectangle of the design's drawing (nodes, groups, connections), kept up
        to date item by item (see geo.Extent): a pass over every item of a large design
        costs tens of milliseconds, and routes change on every slice of refinement."""
        bounds = self._extent.bounds()
        if bounds is None:
            return QRectF()
        left, top, right, bottom = bounds
        return QRectF(left, top, right - left, bottom - top)

    def _track(self, item: ElementItem) -> None:
        rect = item.scene_rect()
        self._extent.set(item.node_id, (rect.left(), rect.top(), rect.right(), rect.bottom()))

    def rect_of(self, ids: Iterable[str]) -> QRectF:
        """Scene rectangle around the given nodes and connections."""
        rect = QRectF()
        for element_id in ids:
            item = self.nodes.get(element_id)
            if item is not None:
                rect = rect.united(item.scene_rect())
            edge = self.edges.get(element_id)
            if edge is not None:
                rect = rect.united(edge.drawn_rect())
        return rect

    def container_at(self, pos: QPointF, exclude: Iterable[str] = ()) -> ContainerItem | None:
        """Innermost container whose frame holds pos."""
        excluded = set(exclude)
        best: ContainerItem | None = None
        for item in self.containers.values():
            if (
                item.node_id not in excluded
                and item.contains_scene_point(pos)
                and (best is None or (item.depth, item.zValue()) > (best.depth, best.zValue()))
            ):
                best = item
        return best

    def element_at(self, pos: QPointF, prefer_nodes: bool = False) -> ElementItem | None:
        """The node under pos; with prefer_nodes, a container when no service is there."""
        for item in self.items(pos):
            owner = item.parentItem() if isinstance(item, BadgeItem) else item
            if isinstance(owner, NodeItem):
                return owner
            if isinstance(owner, ContainerItem) and not prefer_nodes:
                return owner
        return self.container_at(pos) if prefer_nodes else None

    def _item_at(self, pos: QPointF) -> QGraphicsItem | None:
        for item in self.items(pos):
            owner = item.parentItem() if isinstance(item, BadgeItem) else item
            if isinstance(owner, (ElementItem, EdgeItem)):
                return owner
        return None

    # ---- grid --------------------------------------------------------------------------
    @property
    def snap_to_grid(self) -> bool:
        return self._snap_to_grid

    @snap_to_grid.setter
    def snap_to_grid(self, on: bool) -> None:
        self._snap_to_grid = on

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        """White paper with fine grid lines (every grid step, stronger every fifth)."""
        rect = QRectF(rect)
        painter.fillRect(rect, style.BACKGROUND)
        if self.exporting:
            return
        scale = painter.worldTransform().m11() or 1.0
        step = self.grid_size
        while step * scale < 10:
            step *= 5
        major = step * 5
        minor_lines: list[QLineF] = []
        major_lines: list[QLineF] = []
        x = math.floor(rect.left() / step) * step
        while x <= rect.right():
            (major_lines if x % major == 0 else minor_lines).append(
                QLineF(x, rect.top(), x, rect.bottom())
            )
            x += step
        y = math.floor(rect.top() / step) * step
        while y <= rect.bottom():
            (major_lines if y % major == 0 else minor_lines).append(
                QLineF(rect.left(), y, rect.right(), y)
            )
            y += step
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        pen = QPen(style.GRID_LINE, 0)
        painter.setPen(pen)
        painter.drawLines(minor_lines)
        pen.setColor(style.GRID_LINE_MAJOR)
        painter.setPen(pen)
        painter.drawLines(major_lines)
        painter.restore()

    def render_to(self, painter: QPainter, target: QRectF, source: QRectF) -> None:
        """Render for image export: no grid, selection, hover or handles."""
        self.exporting = True
        try:
            self.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
        finally:
            self.exporting = False

    # ---- mouse -------------------------------------------------------------------------
    def cancel_interaction(self) -> None:
        interaction, self.interaction = self.interaction, None
        if interaction is not None:
            interaction.cancel()

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.interaction is not None:
            event.accept()
            return
        pos = event.scenePos()
        item = self._item_at(pos) if event.button() == Qt.MouseButton.LeftButton else None
        if isinstance(item, NodeItem) and item.handle_contains(item.mapFromScene(pos)):
            self.interaction = ConnectInteraction(self, item, pos)
            event.accept()
            return
        if isinstance(item, ContainerItem):
            handle = item.handle_at(item.mapFromScene(pos))
            if handle is not None:
                self.interaction = ResizeInteraction(self, item, handle, pos)
                event.accept()
                return
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            event.setModifiers(event.modifiers() | Qt.KeyboardModifier.ControlModifier)
        super().mousePressEvent(event)
        if isinstance(item, ElementItem):
            self.interaction = MoveInteraction(self, item, pos)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.interaction is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self.interaction.move(event.scenePos(), event.modifiers())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        interaction, self.interaction = self.interaction, None
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            event.setModifiers(event.modifiers() | Qt.KeyboardModifier.ControlModifier)
        if isinstance(interaction, MoveInteraction) or interaction is None:
            super().mouseReleaseEvent(event)
        if interaction is not None and event.button() == Qt.MouseButton.LeftButton:
            interaction.release(event.scenePos(), event.screenPos())
        elif interaction is not None:
            interaction.cancel()

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        item = self._item_at(event.scenePos())
        if isinstance(item, ElementItem) and event.button() == Qt.MouseButton.LeftButton:
            self.node_activated.emit(item.node_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    # ---- keyboard ----------------------------------------------------------------------
    NUDGES = {
        Qt.Key.Key_Left: (-1, 0),
        Qt.Key.Key_Right: (1, 0),
        Qt.Key.Key_Up: (0, -1),
        Qt.Key.Key_Down: (0, 1),
    }

    def keyPressEvent(self, event: QKeyEvent) -> None:
        direction = self.NUDGES.get(Qt.Key(event.key()))
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focusItem() is None:
            selected = [i for i in self.selectedItems() if isinstance(i, ElementItem)]
            if len(selected) == 1:
                self.node_activated.emit(selected[0].node_id)
                event.accept()
                return
        if event.key() == Qt.Key.Key_Escape and self.interaction is not None:
            self.cancel_interaction()
            event.accept()
            return
        if direction is None or self.focusItem() is not None:
            super().keyPressEvent(event)
            return
        step = float(self.grid_size if self._snap_to_grid else 1)
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            step *= 10 if not self._snap_to_grid else 5
        if self.nudge(direction[0] * step, direction[1] * step):
            event.accept()
        else:
            super().keyPressEvent(event)

    def nudge(self, dx: float, dy: float) -> bool:
        """Move the selection by (dx, dy); a run of nudges merges into one undo step."""
        selected = {i.node_id for i in self.selectedItems() if isinstance(i, ElementItem)}
        if not selected:
            return False
        design = self.design
        moving: dict[str, None] = {}
        for node_id in selected:
            if any(a in selected for a in design.ancestors(node_id)):
                continue
            moving[node_id] = None
            moving.update(dict.fromkeys(design.descendants(node_id)))
        positions = {
            node_id: Point(
                design.node(node_id).position.x + dx, design.node(node_id).position.y + dy
            )
            for node_id in moving
        }
        return self.push(Move(positions, mergeable=True))

    # ---- palette drop ------------------------------------------------------------------
    def dragEnterEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        if event.mimeData().hasFormat(MIME_KIND):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        if not event.mimeData().hasFormat(MIME_KIND):
            event.ignore()
            return
        event.acceptProposedAction()
        payload = bytes(event.mimeData().data(MIME_KIND).data()).decode("utf-8", "replace")
        target = self.container_at(event.scenePos())
        self._set_drop_target(target)
        if target is not None:
            command, reason = drop_command(self, payload, event.scenePos())
            target.set_highlight(REFUSE if command is None else ACCEPT)
            if reason:
                self.status_message.emit(reason)

    def dragLeaveEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        self._set_drop_target(None)

    def _set_drop_target(self, target: ContainerItem | None) -> None:
        if self._drop_target is not None and self._drop_target is not target:
            self._drop_target.set_highlight(None)
        self._drop_target = target

    def dropEvent(self, event: QGraphicsSceneDragDropEvent) -> None:
        self._set_drop_target(None)
        if not event.mimeData().hasFormat(MIME_KIND):
            event.ignore()
            return
        payload = bytes(event.mimeData().data(MIME_KIND).data()).decode("utf-8", "replace")
        if self.drop(payload, event.scenePos()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def drop(self, payload: str, pos: QPointF) -> str | None:
        """Add what the palette payload names at pos (inside the container there); returns
        the new node's id, or None when refused (the reason goes to document.error)."""
        command, reason = drop_command(self, payload, pos)
        if command is None:
            self.refuse(reason)
            return None
        if not self.push(command):
            return None
        node_id: str = command.node.id  # type: ignore[attr-defined]
        self.select_ids([node_id])
        return node_id
