"""Rectangles, orthogonal segments and a bucket index: the plain geometry the router and the
label placer share. No Qt, so the architecture canvas, the workflow canvas and the exporters
compute the same routes."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

Point = tuple[float, float]
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def expanded(self, by: float) -> Box:
        return Box(self.left - by, self.top - by, self.right + by, self.bottom + by)

    def intersects(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    def contains(self, point: Point) -> bool:
        return self.left < point[0] < self.right and self.top < point[1] < self.bottom

    def contains_box(self, other: Box) -> bool:
        return (
            self.left <= other.left
            and self.top <= other.top
            and other.right <= self.right
            and other.bottom <= self.bottom
        )

    def united(self, other: Box) -> Box:
        return Box(
            min(self.left, other.left),
            min(self.top, other.top),
            max(self.right, other.right),
            max(self.bottom, other.bottom),
        )

    def overlap_area(self, other: Box) -> float:
        w = min(self.right, other.right) - max(self.left, other.left)
        h = min(self.bottom, other.bottom) - max(self.top, other.top)
        return w * h if w > 0 and h > 0 else 0.0


def bounds(points: Iterable[Point]) -> Box:
    xs, ys = zip(*points, strict=True)
    return Box(min(xs), min(ys), max(xs), max(ys))


def segment_box(a: Point, b: Point, width: float = 0.0) -> Box:
    """The segment as a thin rectangle (half of width on each side)."""
    half = width / 2
    return Box(
        min(a[0], b[0]) - half,
        min(a[1], b[1]) - half,
        max(a[0], b[0]) + half,
        max(a[1], b[1]) + half,
    )


def segment_hits(a: Point, b: Point, box: Box) -> bool:
    """Whether the axis-parallel segment a-b passes through the open interior of box."""
    if a[1] == b[1]:
        return (
            box.top < a[1] < box.bottom
            and min(a[0], b[0]) < box.right
            and box.left < max(a[0], b[0])
        )
    return (
        box.left < a[0] < box.right and min(a[1], b[1]) < box.bottom and box.top < max(a[1], b[1])
    )


def crossings(a: Point, b: Point, box: Box) -> int:
    """How often the axis-parallel segment a-b crosses the border of box."""
    inside_a, inside_b = box.contains(a), box.contains(b)
    if inside_a != inside_b:
        return 1
    if inside_a:
        return 0
    return 2 if segment_hits(a, b, box) else 0


def simplify(points: list[Point]) -> list[Point]:
    """Drop repeated points and points in the middle of a straight run."""
    result: list[Point] = [points[0]]
    for point in points[1:]:
        if abs(point[0] - result[-1][0]) + abs(point[1] - result[-1][1]) > 0.01:
            result.append(point)
    index = 1
    while index < len(result) - 1:
        (x0, y0), (x1, y1), (x2, y2) = result[index - 1], result[index], result[index + 1]
        if (abs(y0 - y1) < 0.01 and abs(y1 - y2) < 0.01) or (
            abs(x0 - x1) < 0.01 and abs(x1 - x2) < 0.01
        ):
            del result[index]
        else:
            index += 1
    return result


def length(points: list[Point]) -> float:
    return sum(
        abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in zip(points, points[1:], strict=False)
    )


class BucketIndex(Generic[K]):
    """Keys with rectangles in square buckets: which keys lie near a rectangle, answered
    without scanning them all, and cheap to update while a node is dragged."""

    def __init__(self, cell: float = 160.0) -> None:
        self.cell = cell
        self._cells: dict[tuple[int, int], set[K]] = {}
        self._boxes: dict[K, Box] = {}

    def _span(self, box: Box) -> Iterable[tuple[int, int]]:
        c = self.cell
        for i in range(math.floor(box.left / c), math.floor(box.right / c) + 1):
            for j in range(math.floor(box.top / c), math.floor(box.bottom / c) + 1):
                yield i, j

    def insert(self, key: K, box: Box) -> None:
        if key in self._boxes:
            self.remove(key)
        self._boxes[key] = box
        for cell in self._span(box):
            self._cells.setdefault(cell, set()).add(key)

    def remove(self, key: K) -> None:
        box = self._boxes.pop(key, None)
        if box is None:
            return
        for cell in self._span(box):
            found = self._cells.get(cell)
            if found is not None:
                found.discard(key)
                if not found:
                    del self._cells[cell]

    def box(self, key: K) -> Box:
        return self._boxes[key]

    def __contains__(self, key: object) -> bool:
        return key in self._boxes

    def near(self, box: Box) -> set[K] | frozenset[K]:
        """Keys in the buckets box meets: every key whose rectangle meets box, and others
        close by (for callers that test each key precisely anyway)."""
        c = self.cell
        cells = self._cells
        i0, i1 = math.floor(box.left / c), math.floor(box.right / c)
        j0, j1 = math.floor(box.top / c), math.floor(box.bottom / c)
        if i0 == i1 and j0 == j1:
            return cells.get((i0, j0)) or frozenset()
        found: set[K] = set()
        for i in range(i0, i1 + 1):
            for j in range(j0, j1 + 1):
                keys = cells.get((i, j))
                if keys:
                    found |= keys
        return found

    def query(self, box: Box) -> set[K]:
        """Keys whose rectangle meets box (touching counts)."""
        c = self.cell
        cells = self._cells
        i0, i1 = math.floor(box.left / c), math.floor(box.right / c)
        j0, j1 = math.floor(box.top / c), math.floor(box.bottom / c)
        found: set[K] | frozenset[K]
        if i0 == i1 and j0 == j1:
            found = cells.get((i0, j0)) or frozenset()
        else:
            found = set()
            for i in range(i0, i1 + 1):
                for j in range(j0, j1 + 1):
                    keys = cells.get((i, j))
                    if keys:
                        found |= keys
        boxes = self._boxes
        left, top, right, bottom = box.left, box.top, box.right, box.bottom
        return {
            k
            for k in found
            if (b := boxes[k]).left <= right
            and left <= b.right
            and b.top <= bottom
            and top <= b.bottom
        }
