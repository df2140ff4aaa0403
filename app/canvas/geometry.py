"""Sizes of drawn elements, without Qt, so auto layout and the items agree on footprints."""

from __future__ import annotations

from model.design import Design
from model.elements import Node

NODE_W = 120.0
NODE_H = 100.0
ICON = 56.0
ICON_TOP = 4.0
ICON_LEFT = (NODE_W - ICON) / 2
LABEL_TOP = ICON_TOP + ICON + 6.0
CONTAINER_HEADER = 36.0
CONTAINER_PAD = 24.0
CONTAINER_MIN = (160.0, 100.0)
FALLBACK_CONTAINER = (360.0, 220.0)


def node_size(design: Design, node: Node) -> tuple[float, float]:
    """Width and height a node occupies on the canvas."""
    spec = design.catalog.get(node.kind)
    if spec.annotation:
        size = node.placement.size
        return (size.w, size.h) if size is not None else (spec.default_size or (NODE_W, NODE_H))
    if not spec.is_container:
        return NODE_W, NODE_H
    if node.placement.size is not None:
        return node.placement.size.w, node.placement.size.h
    return spec.default_size or FALLBACK_CONTAINER


def snap(value: float, grid: int) -> float:
    return round(value / grid) * grid


def group_title(node: Node) -> str:
    """A group's heading: its label, with the Region code, zone name or CIDR when useful."""
    detail = ""
    if node.kind in ("aws.region", "aws.availability_zone"):
        detail = str(getattr(node.config, "name", ""))
    elif node.kind in ("aws.vpc", "aws.subnet"):
        detail = str(getattr(node.config, "cidr", ""))
    if detail and detail not in node.label:
        return f"{node.label}  ·  {detail}"
    return node.label


def group_title_width(node: Node) -> float:
    """Estimated width a group needs to show its heading unelided (bold 13 px text)."""
    return 28.0 + 8.0 + 8.2 * len(group_title(node)) + 30.0


Rect = tuple[float, float, float, float]  # left, top, right, bottom


class Extent:
    """The bounding box of a set of keyed boxes, kept as they change. A box that widens the
    extent widens it at once; only a box on the extent's border that shrinks or goes makes
    it be computed again, so refining thousands of routes does not rescan the design."""

    def __init__(self) -> None:
        self._boxes: dict[object, Rect] = {}
        self._union: Rect | None = None

    def set(self, key: object, box: Rect) -> None:
        old = self._boxes.get(key)
        if old == box:
            return
        self._boxes[key] = box
        union = self._union
        if union is None:
            return
        if old is not None and _on_border(old, union):
            self._union = None
            return
        self._union = (
            min(union[0], box[0]),
            min(union[1], box[1]),
            max(union[2], box[2]),
            max(union[3], box[3]),
        )

    def discard(self, key: object) -> None:
        old = self._boxes.pop(key, None)
        if old is not None and self._union is not None and _on_border(old, self._union):
            self._union = None

    def clear(self) -> None:
        self._boxes.clear()
        self._union = None

    def bounds(self) -> Rect | None:
        """The union of every box; None when there is none."""
        if self._union is None and self._boxes:
            lefts, tops, rights, bottoms = zip(*self._boxes.values(), strict=True)
            self._union = (min(lefts), min(tops), max(rights), max(bottoms))
        return self._union


def _on_border(box: Rect, union: Rect) -> bool:
    return box[0] <= union[0] or box[1] <= union[1] or box[2] >= union[2] or box[3] >= union[3]
