"""What node and container items share: the model value they show and drop/connect feedback."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsItem

from app.canvas import style
from app.canvas.items.badge import BadgeItem
from model.elements import Node
from model.rules import Finding

if TYPE_CHECKING:
    from app.canvas.scene import DesignScene

ACCEPT = "accept"
REFUSE = "refuse"
CANDIDATE = "candidate"


class ElementItem(QGraphicsItem):
    """An item for one design node; its position is node.position in scene coordinates."""

    is_container = False

    def __init__(self, node: Node) -> None:
        super().__init__()
        self.node = node
        self.node_id = node.id
        self.highlight: str | None = None
        self.badge: BadgeItem | None = None
        self.stack = 0.0
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setPos(node.position.x, node.position.y)

    def design_scene(self) -> DesignScene | None:
        return self.scene()  # type: ignore[return-value]

    def exporting(self) -> bool:
        scene = self.design_scene()
        return bool(scene is not None and scene.exporting)

    def set_node(self, node: Node) -> None:
        self.node = node
        self.update()

    def base_z(self) -> float:
        return self.zValue() - self.stack

    def set_stack(self, index: int) -> None:
        """Draw above the items earlier in the design's node order, within this item's band
        (services above connections above containers), so Bring to Front persists."""
        base = self.base_z()
        self.stack = min(index, 99_999) * style.STACK_STEP
        self.setZValue(base + self.stack)

    def set_highlight(self, highlight: str | None) -> None:
        if highlight != self.highlight:
            self.highlight = highlight
            self.update()

    def set_findings(self, findings: list[Finding], show: bool = True) -> None:
        """Badges are created on first need: most of a large design has no findings."""
        if self.badge is None:
            if not findings:
                return
            self.badge = BadgeItem(self)
            self.badge.setPos(self.badge_position())
        self.badge.set_findings(findings)
        self.badge.setVisible(show and bool(findings))

    def badge_position(self) -> QPointF:
        raise NotImplementedError

    def anchor_rect(self) -> QRectF:
        """Scene rectangle connections attach to."""
        raise NotImplementedError

    def size(self) -> tuple[float, float]:
        raise NotImplementedError

    def scene_rect(self) -> QRectF:
        width, height = self.size()
        return QRectF(self.pos(), QPointF(self.pos().x() + width, self.pos().y() + height))
