"""Align, distribute and same-size for a selection, each one undoable command.

Service nodes have no size in the model (the canvas draws them at a fixed size), so the
caller passes each node's box; the result is a plain Move or Resize macro over ids and values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from model.commands import Command, Macro, Move, Resize
from model.design import Design
from model.elements import Point, Size

Alignment = Literal["left", "centre", "right", "top", "middle", "bottom"]
Axis = Literal["horizontal", "vertical"]
ALIGNMENTS: tuple[Alignment, ...] = ("left", "centre", "right", "top", "middle", "bottom")


@dataclass(frozen=True)
class Box:
    """A node's rectangle on the canvas: top-left corner and size."""

    x: float
    y: float
    w: float
    h: float


@dataclass
class Arrange(Move):
    """A Move with its own menu text ("Align left", "Distribute horizontally")."""

    label: str = "Arrange"

    @property
    def text(self) -> str:  # type: ignore[override]
        return self.label


def align(boxes: Mapping[str, Box], how: Alignment) -> Arrange | None:
    """Line the boxes up on the selection's left, centre, right, top, middle or bottom."""
    if len(boxes) < 2:
        return None
    items = list(boxes.items())
    left = min(b.x for _, b in items)
    right = max(b.x + b.w for _, b in items)
    top = min(b.y for _, b in items)
    bottom = max(b.y + b.h for _, b in items)
    positions: dict[str, Point] = {}
    for node_id, b in items:
        x, y = b.x, b.y
        if how == "left":
            x = left
        elif how == "centre":
            x = (left + right) / 2 - b.w / 2
        elif how == "right":
            x = right - b.w
        elif how == "top":
            y = top
        elif how == "middle":
            y = (top + bottom) / 2 - b.h / 2
        else:
            y = bottom - b.h
        if (x, y) != (b.x, b.y):
            positions[node_id] = Point(round(x, 2), round(y, 2))
    return Arrange(positions, label=f"Align {how}") if positions else None


def distribute(boxes: Mapping[str, Box], axis: Axis) -> Arrange | None:
    """Equal gaps between neighbours along the axis; the outermost two stay where they are."""
    if len(boxes) < 3:
        return None
    horizontal = axis == "horizontal"
    order = sorted(boxes.items(), key=lambda item: item[1].x if horizontal else item[1].y)
    start = order[0][1].x if horizontal else order[0][1].y
    last = order[-1][1]
    end = last.x + last.w if horizontal else last.y + last.h
    total = sum(b.w if horizontal else b.h for _, b in order)
    gap = (end - start - total) / (len(order) - 1)
    positions: dict[str, Point] = {}
    cursor = start
    for node_id, b in order:
        new = Point(round(cursor, 2), b.y) if horizontal else Point(b.x, round(cursor, 2))
        if new != Point(b.x, b.y):
            positions[node_id] = new
        cursor += (b.w if horizontal else b.h) + gap
    return Arrange(positions, label=f"Distribute {axis}ly") if positions else None


def same_size(design: Design, ids: list[str]) -> Command | None:
    """Give every selected container the size of the first one selected."""
    containers = [
        i for i in ids if design.has_node(i) and design.node(i).placement.size is not None
    ]
    if len(containers) < 2:
        return None
    size = design.node(containers[0]).placement.size
    assert size is not None
    commands: list[Command] = [
        Resize(i, Size(size.w, size.h))
        for i in containers[1:]
        if design.node(i).placement.size != size
    ]
    return Macro("Same size", commands) if commands else None
