"""User gestures on the canvas as objects: move (with reparenting), resize, connect, and the
palette drop. Each shows feedback while it runs and pushes one command when it ends."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsRectItem, QGraphicsSimpleTextItem

from app.canvas import geometry as geo
from app.canvas import style
from app.canvas.items.base import ACCEPT, CANDIDATE, REFUSE, ElementItem
from app.canvas.items.container_item import ContainerItem
from app.canvas.items.edge_item import EdgeItem
from app.canvas.items.node_item import NodeItem
from model.catalog import CATALOG, Relation
from model.commands import AddNode, Command, Connect, Macro, Move, Reparent, Resize
from model.design import new_node
from model.elements import Edge, Point, Size

if TYPE_CHECKING:
    from app.canvas.scene import DesignScene

MIME_KIND = "application/x-archcanvas-kind"
PRESET_PREFIX = "preset:"
DRAG_THRESHOLD = 3.0


class Hint:
    """A short message beside the cursor explaining why a drop or connection is refused."""

    def __init__(self, scene: DesignScene) -> None:
        self.scene = scene
        self.text = QGraphicsSimpleTextItem()
        self.text.setFont(style.EDGE_FONT)
        self.text.setBrush(QBrush(QColor("#FFFFFF")))
        self.back = QGraphicsRectItem()
        self.back.setBrush(style.REFUSE)
        self.back.setPen(QPen(Qt.PenStyle.NoPen))
        self.back.setZValue(style.Z_OVERLAY + 1)
        self.text.setZValue(style.Z_OVERLAY + 2)
        scene.addItem(self.back)
        scene.addItem(self.text)
        self.show("", QPointF())

    def show(self, message: str, at: QPointF) -> None:
        visible = bool(message)
        self.text.setVisible(visible)
        self.back.setVisible(visible)
        if not visible:
            return
        self.text.setText(message)
        self.text.setPos(at + QPointF(16, 16))
        self.back.setRect(self.text.sceneBoundingRect().adjusted(-5, -3, 5, 3))
        self.scene.status_message.emit(message)

    def remove(self) -> None:
        self.scene.removeItem(self.text)
        self.scene.removeItem(self.back)


class Interaction:
    def move(self, pos: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        raise NotImplementedError

    def release(self, pos: QPointF, screen_pos: object) -> None:
        raise NotImplementedError

    def cancel(self) -> None:
        raise NotImplementedError


class MoveInteraction(Interaction):
    """Drag selected nodes (containers bring everything inside them); on release one Move, or
    one Macro of Reparent + Move when the drop lands in another container."""

    def __init__(self, scene: DesignScene, grabbed: ElementItem, press: QPointF) -> None:
        self.scene = scene
        self.grabbed = grabbed
        self.press = press
        self.started = False
        self.roots: list[ElementItem] = []
        self.moving: list[ElementItem] = []
        self.moving_ids: set[str] = set()
        self.edges: list[EdgeItem] = []
        self.start: dict[str, QPointF] = {}
        self.target: ContainerItem | None = None
        self.refusal = ""
        self.hint: Hint | None = None
        self.delta = QPointF()

    def _begin(self) -> None:
        scene = self.scene
        if not self.grabbed.isSelected():
            self.grabbed.setSelected(True)
        selected = [i for i in scene.selectedItems() if isinstance(i, ElementItem)]
        selected_ids = {i.node_id for i in selected}
        design = scene.design
        self.roots = [
            i for i in selected if not any(a in selected_ids for a in design.ancestors(i.node_id))
        ]
        seen: dict[str, ElementItem] = {}
        for root in self.roots:
            seen[root.node_id] = root
            for child in design.descendants(root.node_id):
                seen[child] = scene.nodes[child]
        self.moving = list(seen.values())
        self.moving_ids = set(seen)
        self.edges = scene.edge_items_of(self.moving_ids)
        self.start = {i.node_id: i.pos() for i in self.moving}
        self.started = True
        scene.routing.router.set_searching(False)

    def move(self, pos: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        if not self.started:
            if (pos - self.press).manhattanLength() < DRAG_THRESHOLD:
                return
            self._begin()
        delta = pos - self.press
        if self.scene.snap_to_grid:
            origin = self.start[self.grabbed.node_id]
            grid = self.scene.grid_size
            snapped = QPointF(
                geo.snap(origin.x() + delta.x(), grid), geo.snap(origin.y() + delta.y(), grid)
            )
            delta = snapped - origin
        if delta != self.delta:
            self.delta = delta
            for item in self.moving:
                item.setPos(self.start[item.node_id] + delta)
            self.scene.items_moved(self.moving)
        self._feedback(pos)

    def _feedback(self, pos: QPointF) -> None:
        target = self.scene.container_at(pos, exclude=self.moving_ids)
        target_id = target.node_id if target is not None else None
        design = self.scene.design
        refusal = ""
        changes = False
        for root in self.roots:
            if root.node.parent == target_id:
                continue
            changes = True
            verdict = design.can_contain(target_id, root.node.kind, root.node_id)
            if not verdict:
                refusal = verdict.reason
                break
        if target is not self.target and self.target is not None:
            self.target.set_highlight(None)
        self.target = target
        if target is not None:
            target.set_highlight(REFUSE if refusal else (ACCEPT if changes else None))
        self.refusal = refusal
        if refusal and self.hint is None:
            self.hint = Hint(self.scene)
        if self.hint is not None:
            self.hint.show(refusal, pos)

    def _cleanup(self) -> None:
        if self.started:
            self.scene.routing.router.set_searching(True)
            self.scene.reroute()
        if self.target is not None:
            self.target.set_highlight(None)
        if self.hint is not None:
            self.hint.remove()
            self.hint = None

    def _restore(self) -> None:
        for item in self.moving:
            item.setPos(self.start[item.node_id])
        self.scene.items_moved(self.moving)

    def cancel(self) -> None:
        if self.started:
            self._restore()
        self._cleanup()

    def release(self, pos: QPointF, screen_pos: object) -> None:
        if not self.started:
            return
        self._feedback(pos)
        refusal = self.refusal
        target_id = self.target.node_id if self.target is not None else None
        self._cleanup()
        if refusal:
            self._restore()
            self.scene.refuse(refusal)
            return
        positions = {
            item.node_id: Point(item.pos().x(), item.pos().y())
            for item in self.moving
            if item.pos() != self.start[item.node_id]
        }
        reparent: list[Command] = [
            Reparent(root.node_id, target_id)
            for root in self.roots
            if root.node.parent != target_id
        ]
        if not positions and not reparent:
            return
        command: Command = Move(positions)
        if reparent:
            name = self.scene.design.node(target_id).label if target_id else "the canvas"
            command = Macro(f"Move into {name}", [*reparent, Move(positions)])
        if not self.scene.push(command):
            self._restore()


class ResizeInteraction(Interaction):
    """Drag a container's handle; one Resize (with the new top-left) on release."""

    def __init__(
        self, scene: DesignScene, item: ContainerItem, handle: str, press: QPointF
    ) -> None:
        self.scene = scene
        self.item = item
        self.handle = handle
        self.press = press
        self.start = item.scene_rect()
        self.edges = scene.edge_items_of({item.node_id})

    def _rect(self, pos: QPointF) -> QRectF:
        left, top, right, bottom = (
            self.start.left(),
            self.start.top(),
            self.start.right(),
            self.start.bottom(),
        )
        grid = self.scene.grid_size if self.scene.snap_to_grid else 0
        x = geo.snap(pos.x(), grid) if grid else pos.x()
        y = geo.snap(pos.y(), grid) if grid else pos.y()
        min_w, min_h = geo.CONTAINER_MIN
        if "l" in self.handle:
            left = min(x, right - min_w)
        if "r" in self.handle:
            right = max(x, left + min_w)
        if "t" in self.handle:
            top = min(y, bottom - min_h)
        if "b" in self.handle:
            bottom = max(y, top + min_h)
        return QRectF(QPointF(left, top), QPointF(right, bottom))

    def move(self, pos: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        rect = self._rect(pos)
        self.item.setPos(rect.topLeft())
        self.item.set_size(rect.width(), rect.height())
        self.scene.items_moved([self.item])

    def release(self, pos: QPointF, screen_pos: object) -> None:
        rect = self._rect(pos)
        self._restore()
        if rect == self.start:
            return
        moved = rect.topLeft() != self.start.topLeft()
        position = Point(rect.left(), rect.top()) if moved else None
        self.scene.push(Resize(self.item.node_id, Size(rect.width(), rect.height()), position))

    def _restore(self) -> None:
        self.item.setPos(self.start.topLeft())
        self.item.set_size(self.start.width(), self.start.height())
        self.scene.items_moved([self.item])

    def cancel(self) -> None:
        self._restore()


class ConnectInteraction(Interaction):
    """Drag from a node's handle to another node; valid targets are highlighted, an invalid
    one says why; release picks the relation (asking when several are allowed)."""

    def __init__(self, scene: DesignScene, source: NodeItem, press: QPointF) -> None:
        self.scene = scene
        self.source = source
        self.origin = source.mapToScene(source.handle_centre())
        self.line = QGraphicsPathItem()
        pen = QPen(style.SELECTION, 1.6, Qt.PenStyle.DashLine)
        self.line.setPen(pen)
        self.line.setZValue(style.Z_OVERLAY)
        scene.addItem(self.line)
        self.hint = Hint(scene)
        self.target: ElementItem | None = None
        self.allowed: list[Relation] = []
        self.reason = ""
        self.candidates: list[ElementItem] = []
        kinds: dict[str, bool] = {}
        source_kind = source.node.kind
        for item in scene.nodes.values():
            if item is source:
                continue
            kind = item.node.kind
            if kind not in kinds:
                kinds[kind] = bool(CATALOG.allowed_relations(source_kind, kind))
            if kinds[kind]:
                item.set_highlight(CANDIDATE)
                self.candidates.append(item)
        self.move(press, Qt.KeyboardModifier.NoModifier)

    def move(self, pos: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        path = QPainterPath(self.origin)
        path.lineTo(pos)
        self.line.setPath(path)
        target = self.scene.element_at(pos, prefer_nodes=True)
        if target is self.source:
            target = None
        if target is not self.target:
            if self.target is not None:
                self.target.set_highlight(CANDIDATE if self.target in self.candidates else None)
            self.target = target
            self.allowed = []
            self.reason = ""
            if target is not None:
                design = self.scene.design
                self.allowed = CATALOG.allowed_relations(self.source.node.kind, target.node.kind)
                if not self.allowed:
                    self.reason = design.can_connect(
                        self.source.node_id, target.node_id, Relation.USES
                    ).reason
                target.set_highlight(ACCEPT if self.allowed else REFUSE)
        self.hint.show(self.reason, pos)

    def _cleanup(self) -> None:
        for item in self.candidates:
            item.set_highlight(None)
        if self.target is not None:
            self.target.set_highlight(None)
        self.scene.removeItem(self.line)
        self.hint.remove()

    def cancel(self) -> None:
        self._cleanup()

    def release(self, pos: QPointF, screen_pos: object) -> None:
        self.move(pos, Qt.KeyboardModifier.NoModifier)
        target, allowed, reason = self.target, list(self.allowed), self.reason
        self._cleanup()
        if target is None:
            return
        if not allowed:
            self.scene.refuse(reason)
            return
        relation = (
            allowed[0] if len(allowed) == 1 else self.scene.relation_chooser(allowed, screen_pos)
        )
        if relation is None:
            return
        design = self.scene.design
        edge = Edge(design.new_edge_id(), self.source.node_id, target.node_id, relation)
        self.scene.push(Connect(edge))


def resolve_payload(payload: str) -> tuple[str, str, dict[str, object]] | None:
    """(kind, label, config) for a palette payload: a kind id or 'preset:<id>'."""
    if payload.startswith(PRESET_PREFIX):
        preset_id = payload.removeprefix(PRESET_PREFIX)
        for preset in CATALOG.presets:
            if preset.id == preset_id:
                return preset.kind, preset.display_name, dict(preset.config)
        return None
    kind = CATALOG.resolve(payload)
    if kind is None:
        return None
    return kind, "", {}


def drop_command(scene: DesignScene, payload: str, pos: QPointF) -> tuple[Command | None, str]:
    """The AddNode a palette drop at pos makes, or None with the reason it is refused."""
    resolved = resolve_payload(payload)
    if resolved is None:
        return None, f"unknown palette entry '{payload}'"
    kind, label, config = resolved
    design = scene.design
    parent = scene.container_at(pos)
    parent_id = parent.node_id if parent is not None else None
    verdict = design.can_contain(parent_id, kind)
    if not verdict:
        return None, verdict.reason
    spec = CATALOG.get(kind)
    if spec.is_container:
        corner = pos - QPointF(geo.CONTAINER_PAD, geo.CONTAINER_HEADER / 2)
    else:
        corner = pos - QPointF(geo.NODE_W / 2, geo.ICON_TOP + geo.ICON / 2)
    if scene.snap_to_grid:
        corner = QPointF(
            geo.snap(corner.x(), scene.grid_size), geo.snap(corner.y(), scene.grid_size)
        )
    node = new_node(
        design,
        kind,
        Point(corner.x(), corner.y()),
        label=label,
        parent=parent_id,
        config=config or None,
    )
    return AddNode(node), ""
