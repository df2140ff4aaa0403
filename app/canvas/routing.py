"""The canvas side of connector routing: shapes of the scene's items for model.routing's
router and label placer, and the bridge that keeps them in step with the items."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QFontMetricsF

from app.canvas import geometry as geo
from app.canvas import style
from app.canvas.items.base import ElementItem
from model.routing import Box, LabelPlacer, Link, Port, Router, Shape

PORT_GAP = 7.0  # from an icon or frame to where its connections end (arrow tip)
PORT_INSET = 6.0  # how close to a side's corner a separated connection may attach
TITLE_HEIGHT = 30.0
LINE_HEIGHT = 15.0

_METRICS: dict[str, QFontMetricsF] = {}


def _metrics(name: str) -> QFontMetricsF:
    if name not in _METRICS:
        _METRICS[name] = QFontMetricsF(style.GROUP_FONT if name == "group" else style.LABEL_FONT)
    return _METRICS[name]


def title_box(x: float, y: float, width: float, title: str) -> Box:
    """A group's heading: its icon and its (elided) title."""
    room = max(0.0, width - 28 - 36)
    text = min(room, _metrics("group").horizontalAdvance(title))
    return Box(x, y, x + min(width, 28 + 8 + text + 6), y + TITLE_HEIGHT)


def item_shape(item: ElementItem) -> Shape:
    """The router's view of a node or group item at its current position."""
    x, y = item.x(), item.y()
    if item.is_container:
        width, height = item.size()
        frame = Box(x, y, x + width, y + height)
        title = title_box(x, y, width, geo.group_title(item.node))
        top_x = max(x + width / 2, min(x + width - 20, title.right + 20))
        ports = {
            "left": Port(x - PORT_GAP, y + height / 2, y + TITLE_HEIGHT, y + height - PORT_INSET),
            "right": Port(
                x + width + PORT_GAP, y + height / 2, y + TITLE_HEIGHT, y + height - PORT_INSET
            ),
            "top": Port(top_x, y - PORT_GAP, title.right + PORT_INSET, x + width - PORT_INSET),
            "bottom": Port(
                x + width / 2, y + height + PORT_GAP, x + PORT_INSET, x + width - PORT_INSET
            ),
        }
        return Shape(item.node_id, frame, ports, (title,), frame)
    icon = Box(
        x + geo.ICON_LEFT,
        y + geo.ICON_TOP,
        x + geo.ICON_LEFT + geo.ICON,
        y + geo.ICON_TOP + geo.ICON,
    )
    label_lines = getattr(item, "label_lines", None)
    lines: list[str] = label_lines() if label_lines is not None else [item.node.label]
    metrics = _metrics("label")
    text = max((metrics.horizontalAdvance(line) for line in lines), default=0.0)
    centre = x + geo.NODE_W / 2
    name = Box(
        centre - text / 2 - 2,
        y + geo.LABEL_TOP,
        centre + text / 2 + 2,
        y + geo.LABEL_TOP + LINE_HEIGHT * max(1, len(lines)),
    )
    cx, cy = (icon.left + icon.right) / 2, (icon.top + icon.bottom) / 2
    ports = {
        "left": Port(icon.left - PORT_GAP, cy, icon.top + PORT_INSET, icon.bottom - PORT_INSET),
        "right": Port(icon.right + PORT_GAP, cy, icon.top + PORT_INSET, icon.bottom - PORT_INSET),
        "top": Port(cx, icon.top - PORT_GAP, icon.left + PORT_INSET, icon.right - PORT_INSET),
        "bottom": Port(cx, name.bottom + PORT_GAP, icon.left + PORT_INSET, icon.right - PORT_INSET),
    }
    return Shape(item.node_id, icon, ports, (icon, name))


class SceneRouter:
    """Router and label placer fed from a scene's items; flush() reroutes what changed."""

    def __init__(self) -> None:
        self.router = Router()
        self.labels = LabelPlacer(self.router)

    def set_item(self, item: ElementItem) -> None:
        self.router.set_shape(item_shape(item))

    def set_items(self, items: Iterable[ElementItem]) -> None:
        for item in items:
            self.set_item(item)

    def remove_item(self, node_id: str) -> None:
        self.router.remove_shape(node_id)

    def add_link(self, link: Link, widths: list[float]) -> None:
        self.router.add_link(link)
        self.labels.set_widths(link.id, widths)

    def remove_link(self, link_id: str) -> None:
        self.router.remove_link(link_id)

    def flush(self, limit: int | None = None, budget: float | None = None) -> set[str]:
        """Reroute and relabel (deferred links only as far as limit or budget allow, see
        Router.update); the ids of links whose route or label changed."""
        rerouted = self.router.update(limit, budget)
        touched, self.router.touched = self.router.touched, []
        placed = {link for link in rerouted if not self.router.is_rough(link)}
        relabelled = self.labels.update(placed, touched)
        return rerouted | relabelled
