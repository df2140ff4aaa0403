"""The visual diff: another version of the design overlaid on the canvas.

Added elements are outlined green, removed ones drawn as faded red ghosts where they were,
changed ones outlined amber with their changed fields in the tooltip. The overlay is a set
of extra scene items that belong to no document, so the design and its undo history are
untouched; CompareOverlay.clear() takes them away. export_diff_image() draws the same
picture headless (`archcanvas diff OLD NEW --to png|svg -o FILE`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from app.canvas import geometry as geo
from app.canvas import style
from app.canvas.items.container_item import ContainerItem
from app.canvas.items.node_item import NodeItem
from app.canvas.items.note_item import NoteItem
from model.design import Design
from model.elements import Node
from model.review.diff import DesignDiff, _unit, _value

ADDED = QColor("#1d8102")
REMOVED = QColor("#d13212")
CHANGED = QColor("#e07700")
GHOST_OPACITY = 0.35
OUTLINE = 3.0


def changed_fields_text(diff: DesignDiff, element_id: str) -> str:
    """'config.memory_mb: 1024 MB -> 2048 MB' lines for a changed element."""
    fields = diff.nodes.changed.get(element_id) or diff.edges.changed.get(element_id) or {}
    return "\n".join(
        f"{path}: {_value(a, _unit(diff.old, element_id, path))} -> "
        f"{_value(b, _unit(diff.new, element_id, path))}"
        for path, (a, b) in fields.items()
    )


def _item_for(design: Design, node: Node) -> NodeItem | ContainerItem:
    spec = design.catalog.get(node.kind)
    width, height = geo.node_size(design, node)
    if spec.is_container:
        return ContainerItem(node, width, height, len(design.ancestors(node.id)))
    if spec.annotation:
        return NoteItem(node, width, height)
    return NodeItem(node)


class GhostItem(QGraphicsItem):
    """A removed node drawn faded where it was, outlined red; not selectable, not a target."""

    def __init__(self, design: Design, node: Node) -> None:
        super().__init__()
        self.node_id = node.id
        self.inner = _item_for(design, node)
        self.width, self.height = self.inner.size()
        self.setPos(node.position.x, node.position.y)
        self.setZValue(self.inner.zValue() - 0.1)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setToolTip(f"Removed: {node.label or node.id}")

    def boundingRect(self) -> QRectF:
        return self.inner.boundingRect().adjusted(-4, -4, 4, 4)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.save()
        painter.setOpacity(GHOST_OPACITY)
        self.inner.paint(painter, option, widget)
        painter.restore()
        pen = QPen(REMOVED, OUTLINE, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(-2, -2, self.width + 4, self.height + 4), 8, 8)


class CompareOverlay:
    """Decorates a DesignScene showing the new design with the changes from the old one."""

    def __init__(self, scene: Any) -> None:
        self.scene = scene
        self.items: list[QGraphicsItem] = []
        self.status: dict[str, str] = {}
        self._tooltips: dict[str, str] = {}
        self.diff: DesignDiff | None = None

    def apply(self, diff: DesignDiff) -> None:
        self.clear()
        self.diff = diff
        old = diff.old
        for node_id in diff.nodes.added:
            self._outline(node_id, ADDED, "Added")
        for edge_id in diff.edges.added:
            self._outline(edge_id, ADDED, "Added")
        for element_id in [*diff.nodes.changed, *diff.edges.changed]:
            self._outline(element_id, CHANGED, "Changed:\n" + changed_fields_text(diff, element_id))
        removed = [old.node(i) for i in diff.nodes.removed]
        for node in sorted(removed, key=lambda n: len(old.ancestors(n.id))):
            ghost = GhostItem(old, node)
            self._add(ghost)
            self.status[node.id] = "removed"
        for edge_id in diff.edges.removed:
            self._ghost_edge(old, edge_id)

    def _add(self, item: QGraphicsItem) -> None:
        self.scene.addItem(item)
        self.items.append(item)

    def _outline(self, element_id: str, colour: QColor, tip: str) -> None:
        node_item = self.scene.nodes.get(element_id)
        edge_item = self.scene.edges.get(element_id)
        path = QPainterPath()
        if node_item is not None:
            path.addRoundedRect(node_item.scene_rect().adjusted(-4, -4, 4, 4), 8, 8)
        elif edge_item is not None:
            path = edge_item.mapToScene(edge_item._path)
        else:
            return
        outline = QGraphicsPathItem(path)
        outline.setPen(QPen(colour, OUTLINE + (1.5 if edge_item is not None else 0)))
        outline.setBrush(Qt.BrushStyle.NoBrush)
        outline.setZValue(style.Z_OVERLAY)
        outline.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        outline.setToolTip(tip)
        self._add(outline)
        self.status[element_id] = "added" if colour == ADDED else "changed"
        item = node_item or edge_item
        assert item is not None
        self._tooltips[element_id] = item.toolTip()
        item.setToolTip(f"{self._tooltips[element_id]}\n\n{tip}".strip())

    def _ghost_edge(self, old: Design, edge_id: str) -> None:
        edge = old.edge(edge_id)
        ends = []
        for end in (edge.source, edge.target):
            node = old.node(end)
            width, height = geo.node_size(old, node)
            ends.append(QPointF(node.position.x + width / 2, node.position.y + height / 2))
        path = QPainterPath()
        path.moveTo(ends[0])
        path.lineTo(QLineF(ends[0], ends[1]).pointAt(1.0))
        line = QGraphicsPathItem(path)
        line.setPen(QPen(REMOVED, 2.0, Qt.PenStyle.DashLine))
        line.setOpacity(0.6)
        line.setZValue(style.Z_NODE - 1)
        line.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        line.setToolTip(f"Removed: {edge.source} {edge.relation} {edge.target}")
        self._add(line)
        self.status[edge_id] = "removed"

    def clear(self) -> None:
        for item in self.items:
            if item.scene() is self.scene:
                self.scene.removeItem(item)
        self.items = []
        for element_id, tip in self._tooltips.items():
            item = self.scene.nodes.get(element_id) or self.scene.edges.get(element_id)
            if item is not None:
                item.setToolTip(tip)
        self._tooltips = {}
        self.status = {}
        self.diff = None

    def rect(self) -> QRectF:
        """The scene's drawing and the ghosts together."""
        rect = self.scene.items_rect()
        for item in self.items:
            rect = rect.united(item.sceneBoundingRect())
        return rect


def export_diff_image(diff: DesignDiff, fmt: str, path: Path) -> None:
    """The new design with the overlay, as PNG or SVG (headless)."""
    from app.image_export import render_png, render_svg
    from model.serialization import write_atomic

    def decorate(scene: Any) -> Any:
        overlay = CompareOverlay(scene)
        overlay.apply(diff)
        return overlay.rect()

    if fmt == "png":
        data = render_png(diff.new, decorate=decorate)
    elif fmt == "svg":
        data = render_svg(diff.new, decorate=decorate)
    else:
        raise ValueError(f"unknown image format {fmt!r}")
    write_atomic(path, data)
