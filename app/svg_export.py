"""The semantic SVG of a scene: what each item draws, described for model.svg_writer."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetricsF

from app.canvas import geometry as geo
from app.canvas import style
from app.canvas.items.container_item import ICON_SIZE, ContainerItem
from app.canvas.items.node_item import NodeItem
from app.canvas.items.note_item import NoteItem
from model.catalog import CATALOG, Icon, icon_path, node_icon
from model.svg_writer import Drawing, EdgeShape, IconData, NodeShape, Text, write_svg

LINE_HEIGHT = 15.0


def _colour(colour: QColor | None) -> str | None:
    return None if colour is None else colour.name(QColor.NameFormat.HexRgb).upper()


def _icon_key(icon: Icon) -> str:
    return f"{icon.source}-{icon.path.rsplit('.', 1)[0]}"


def drawing_of(scene: Any, source: Any, title: str, transparent: bool) -> Drawing:
    """The scene's groups, services, connections and labels, as drawn for an export."""
    icons: dict[str, IconData] = {}

    def use(icon: Icon) -> str | None:
        key = _icon_key(icon)
        if key not in icons:
            path = icon_path(icon)
            if path is None:
                return None
            icons[key] = IconData(
                "svg" if path.suffix.lower() == ".svg" else "png", path.read_bytes()
            )
        return key

    group_metrics = QFontMetricsF(style.GROUP_FONT)
    nodes: list[NodeShape] = []
    containers = sorted(scene.containers.values(), key=lambda c: (c.depth, c.node_id))
    for item in containers:
        node, group = item.node, style.group_style(item.node)
        x, y, w, h = item.x(), item.y(), item.width, item.height
        icon = Icon(group.icon_override) if group.icon_override else CATALOG.get(node.kind).icon
        room = max(0.0, w - ICON_SIZE - 36)
        title_text = group_metrics.elidedText(
            geo.group_title(node), Qt.TextElideMode.ElideRight, room
        )
        nodes.append(
            NodeShape(
                item.node_id,
                "group",
                node.kind,
                use(icon),
                (x, y, ICON_SIZE, ICON_SIZE),
                (
                    Text(
                        title_text,
                        x + ICON_SIZE + 8,
                        y + 18.5,
                        13,
                        _colour(group.label) or "#000",
                        bold=True,
                    ),
                ),
                (x, y, w, h),
                _colour(group.border) or "#7D8998",
                _colour(group.fill),
                group.dashed,
            )
        )
    for item in sorted(scene.nodes.values(), key=lambda n: n.node_id):
        if isinstance(item, ContainerItem) or not isinstance(item, NodeItem):
            continue
        x, y = item.x(), item.y()
        if isinstance(item, NoteItem):
            nodes.append(_note_shape(item))
            continue
        texts = tuple(
            Text(
                line,
                x + geo.NODE_W / 2,
                y + geo.LABEL_TOP + 11.5 + i * LINE_HEIGHT,
                12,
                "#16191F",
                "middle",
            )
            for i, line in enumerate(item.label_lines())
        )
        nodes.append(
            NodeShape(
                item.node_id,
                "node",
                item.node.kind,
                use(node_icon(item.node.kind, item.node.config)),
                (x + geo.ICON_LEFT, y + geo.ICON_TOP, geo.ICON, geo.ICON),
                texts,
            )
        )
    edges: list[EdgeShape] = []
    for edge_id in sorted(scene.edges):
        item = scene.edges[edge_id]
        rect = item.label_rect()
        label = None
        if not rect.isEmpty() and str(item.edge.relation) != "annotates":
            centre = rect.center()
            label = Text(item.label_text(), centre.x(), centre.y() + 4, 11, "#5F6B7A", "middle")
        edges.append(
            EdgeShape(
                edge_id,
                str(item.edge.relation),
                item.route_points(),
                label,
                (rect.x(), rect.y(), rect.width(), rect.height()) if label else None,
            )
        )
    return Drawing(
        (source.left(), source.top(), source.width(), source.height()),
        title,
        nodes,
        edges,
        icons,
        None if transparent else "#FFFFFF",
    )


def _note_shape(item: NoteItem) -> NodeShape:
    """A sticky note: its coloured card and its text, wrapped to the card's width."""
    x, y, w, h = item.x(), item.y(), item.width, item.height
    metrics = QFontMetricsF(style.LABEL_FONT)
    lines: list[str] = []
    for paragraph in item.text().splitlines() or [""]:
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if current and metrics.horizontalAdvance(candidate) > w - 16:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    room = max(1, int((h - 16) // LINE_HEIGHT))
    texts = tuple(
        Text(line, x + 8, y + 8 + 11.5 + i * LINE_HEIGHT, 12, "#16191F")
        for i, line in enumerate(lines[:room])
    )
    fill, edge = item.colours()
    return NodeShape(
        item.node_id,
        "note",
        item.node.kind,
        None,
        (x, y, 0, 0),
        texts,
        (x, y, w, h),
        _colour(edge) or "#C9A227",
        _colour(fill),
    )


def scene_svg(scene: Any, source: Any, title: str, transparent: bool) -> bytes:
    return write_svg(drawing_of(scene, source, title, transparent)).encode("utf-8")
