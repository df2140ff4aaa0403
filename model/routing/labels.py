"""Connection labels placed on their own line, clear of icons, names, group titles and each
other's labels; shortened (see the caller's list of texts) where the full text has no room.

Labels are placed greedily in link-id order, each avoiding the ones before it and, where it
can, every other connection's line, so the result is a function of the routes alone; after a
change only the labels it can reach (by a moved label or a moved line) are placed again, in
the same order, which gives the same picture as placing them all."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator, Sequence
from typing import overload

from model.routing.geometry import Box, BucketIndex, Point, segment_box
from model.routing.router import Router

LABEL_HEIGHT = 17.0
LABEL_MARGIN = 4.0
ARROW_ROOM = 11.0
CORNER_ROOM = 8.0


def candidates(
    points: Sequence[Point], width: float, height: float = LABEL_HEIGHT
) -> Iterator[tuple[float, Box, int]]:
    """Label boxes centred on the route with a penalty and a segment index each: penalised
    by segment preference (last, first, then middle ones), by spot along it, and by how far
    the label overruns it. Made as they are asked for, since the first often serves."""
    count = len(points) - 1
    order = [count - 1] + ([0] if count > 1 else []) + list(range(1, count - 1))
    for rank, index in enumerate(order):
        (x1, y1), (x2, y2) = points[index], points[index + 1]
        start_room = CORNER_ROOM if index > 0 else 4.0
        end_room = ARROW_ROOM if index == count - 1 else CORNER_ROOM
        horizontal = abs(y2 - y1) < 0.5
        span = abs(x2 - x1) if horizontal else abs(y2 - y1)
        room = span - start_room - end_room
        needed = (width if horizontal else height) + 2 * LABEL_MARGIN
        overrun = max(0.0, needed - room)
        sign = 1.0 if (x2 - x1 if horizontal else y2 - y1) >= 0 else -1.0
        spots = [0.5]
        if room > needed * 1.3:
            spare = (room - needed) / room
            for fraction in (0.5, 1.0, 0.25, 0.75):
                spots += [0.5 + spare * fraction / 2, 0.5 - spare * fraction / 2]
        for number, spot in enumerate(spots):
            along = start_room + room * spot if room > 0 else span / 2
            if overrun and index == count - 1:  # toward the corner, clear of the arrowhead
                along = min(along, max(width / 2, span - end_room - width / 2))
            cx = x1 + sign * along if horizontal else x1
            cy = y1 if horizontal else y1 + sign * along
            box = Box(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
            yield rank * 2 + number * 0.01 + overrun * 4, box, index


def choose(
    points: Sequence[Point],
    widths: Sequence[float],
    obstacles: Sequence[Box] | Sequence[Sequence[Box]],
    lines: Sequence[Sequence[Box]] = (),
) -> tuple[int, Box, bool]:
    """Which text (index into widths, fullest first) goes where; True when it is clear of
    every obstacle (one list for the route, or one per segment: those near it). The first
    clear spot of the fullest text that has one, else the least covered spot of the
    shortest text. Lines (other connections' segments, per segment) only choose between
    spots that are otherwise as good: the fullest text's good spot crossed by the fewest."""
    count = len(points) - 1
    if obstacles and not isinstance(obstacles, PerSegment) and isinstance(obstacles[0], Box):
        near: Sequence[Sequence[Box]] = [obstacles] * count  # type: ignore[list-item]
    else:
        near = obstacles  # type: ignore[assignment]
        if not near:
            near = [()] * count
    crossing: Sequence[Sequence[Box]] = lines or [()] * count
    best: tuple[float, int, Box] | None = None
    for text_index, width in enumerate(widths):
        good: tuple[int, float, Box] | None = None
        for penalty, box, segment in candidates(points, width):
            covered = _covered(box, near[segment])
            if covered == 0 and penalty < 4:
                crossed = _crossed(box, crossing[segment])
                if crossed == 0:
                    return text_index, box, True
                if good is None or (crossed, penalty) < good[:2]:
                    good = (crossed, penalty, box)
            score = penalty + covered * 10 + (len(widths) - 1 - text_index) * 1000
            if best is None or score < best[0]:
                best = (score, text_index, box)
        if good is not None:
            return text_index, good[2], True
    for text_index in (len(widths) - 1,):
        for _penalty, box, segment in candidates(points, widths[text_index]):
            if not _covered(box, near[segment]):
                return text_index, box, True
    assert best is not None
    return best[1], best[2], False


def _crossed(box: Box, lines: Sequence[Box]) -> int:
    inner = box.expanded(-0.5)
    return sum(1 for line in lines if line.intersects(inner))


def _covered(box: Box, obstacles: Sequence[Box]) -> float:
    """The area of box the obstacles cover, counted once per obstacle."""
    left, top, right, bottom = box.left, box.top, box.right, box.bottom
    total = 0.0
    for other in obstacles:
        width = min(right, other.right) - max(left, other.left)
        if width > 0:
            height = min(bottom, other.bottom) - max(top, other.top)
            if height > 0:
                total += width * height
    return total


class LabelPlacer:
    """Labels of a router's links, kept up to date with its routes.

    While a node is dragged (the router's searching is off) only the labels of rerouted
    links are placed, each clear of every label near it; when the drag ends the next update
    places them, and whatever they or the moved shapes reach, in the usual order again."""

    def __init__(self, router: Router, avoid_lines: bool = False) -> None:
        """avoid_lines: keep labels off every other connection's line too (a dense flow whose
        arrows run a separation apart), not only off those of their own fan-out."""
        self.router = router
        self.avoid_lines = avoid_lines
        self._widths: dict[str, tuple[float, ...]] = {}
        self._placed: dict[str, tuple[int, Box]] = {}
        self._placed_index: BucketIndex[str] = BucketIndex(160.0)
        self._reach: BucketIndex[tuple[str, int]] = BucketIndex(160.0)
        self._reach_count: dict[str, int] = {}
        self._pending: set[str] = set()
        # touched while dragging, on the first move and the last (the boxes in between
        # moved no label but the dragged links'): settled after the drag
        self._deferred: dict[Box, None] = {}
        self._deferred_last: dict[Box, None] = {}
        self._vacated: dict[str, Box] = {}  # where dragged links' labels were before
        self._lines: BucketIndex[tuple[str, int]] = BucketIndex(160.0)
        self._line_count: dict[str, int] = {}

    def set_widths(self, link_id: str, widths: Sequence[float]) -> None:
        """The widths of the link's label texts, fullest first."""
        value = tuple(widths)
        if self._widths.get(link_id) != value:
            self._widths[link_id] = value
            self._pending.add(link_id)

    def label(self, link_id: str) -> tuple[int, Box] | None:
        return self._placed.get(link_id)

    def _reaching(self, box: Box) -> set[str]:
        return {key[0] for key in self._reach.query(box)}

    def update(self, rerouted: set[str], touched: Sequence[Box] = ()) -> set[str]:
        """Place again the labels of rerouted links and of links whose label could meet a
        touched box or a label that moved; the links whose label changed."""
        if not self.router.searching:
            return self._preview(rerouted, touched)
        todo = set(rerouted) | self._pending
        self._pending.clear()
        for link_id in sorted(rerouted):
            for box in self._set_lines(link_id):
                todo |= self._reaching(box)
        for box in [*self._deferred, *self._deferred_last, *self._vacated.values(), *touched]:
            todo |= self._reaching(box)
        self._deferred.clear()
        self._deferred_last.clear()
        self._vacated.clear()
        heap = sorted(todo)
        heapq.heapify(heap)
        queued = set(heap)
        changed: set[str] = set()
        while heap:
            link_id = heapq.heappop(heap)
            queued.discard(link_id)
            old = self._placed.get(link_id)
            new = self._place(link_id)
            if new == old:
                continue
            changed.add(link_id)
            for moved in [b for b in (old, new) if b is not None]:
                for other in self._reaching(moved[1]):
                    if other > link_id and other not in queued:
                        queued.add(other)
                        heapq.heappush(heap, other)
        return changed

    def _set_lines(self, link_id: str) -> list[Box]:
        """Index the link's line as it is routed now; the boxes of its old and new segments."""
        boxes = [self._lines.box((link_id, i)) for i in range(self._line_count.pop(link_id, 0))]
        for index in range(len(boxes)):
            self._lines.remove((link_id, index))
        if link_id in self.router.links and not self.router.is_rough(link_id):
            points = self.router.route(link_id)
            new = [segment_box(a, b, 2.0) for a, b in zip(points, points[1:], strict=False)]
            for index, box in enumerate(new):
                self._lines.insert((link_id, index), box)
            self._line_count[link_id] = len(new)
            boxes += new
        return boxes

    def _preview(self, rerouted: set[str], touched: Sequence[Box]) -> set[str]:
        if not self._deferred:
            self._deferred.update(dict.fromkeys(touched))
        elif touched:
            self._deferred_last = dict.fromkeys(touched)
        changed: set[str] = set()
        for link_id in sorted(rerouted):
            old = self._placed.get(link_id)
            if old is not None and link_id not in self._vacated:
                self._vacated[link_id] = old[1]
            new = self._place(link_id, clear_of_all=True)
            self._pending.add(link_id)
            if new != old:
                changed.add(link_id)
        return changed

    def _place(self, link_id: str, clear_of_all: bool = False) -> tuple[int, Box] | None:
        widths = self._widths.get(link_id)
        if self.router.is_rough(link_id):  # placed when refined: the router reports it then
            widths = None
        for index in range(self._reach_count.pop(link_id, 0)):
            self._reach.remove((link_id, index))
        if link_id not in self.router.links or not widths:
            self._placed.pop(link_id, None)
            self._placed_index.remove(link_id)
            return None
        points = self.router.route(link_id)
        reach = _reach(points, max(widths))
        self._reach_count[link_id] = len(reach)
        for index, box in enumerate(reach):
            self._reach.insert((link_id, index), box)

        def obstacles(index: int) -> list[Box]:
            box = reach[index]
            found = self.router.keep_outs_near(box)
            found += self.router.siblings_near(link_id, box, self.avoid_lines)
            for other in sorted(self._placed_index.query(box)):
                if other < link_id or (clear_of_all and other != link_id):
                    found.append(self._placed[other][1])
            return found

        def lines_near(index: int) -> list[Box]:
            keys = sorted(key for key in self._lines.query(reach[index]) if key[0] != link_id)
            return [self._lines.box(key) for key in keys]

        near = PerSegment(len(reach), obstacles)
        # settled labels keep off other lines where they can
        lines = PerSegment(0 if clear_of_all else len(reach), lines_near)
        index, box, _clear = choose(points, widths, near, lines)
        placed = (index, box)
        self._placed[link_id] = placed
        self._placed_index.insert(link_id, box)
        return placed


class PerSegment(Sequence[list[Box]]):
    """Boxes near each segment of a route, looked up when first asked for: choose() mostly
    settles on the first segment it tries, and the lookups for the others were most of the
    cost of a move while dragging."""

    def __init__(self, count: int, find: Callable[[int], list[Box]]) -> None:
        self._count = count
        self._find = find
        self._found: dict[int, list[Box]] = {}

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> list[Box]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[list[Box]]: ...

    def __getitem__(self, index: int | slice) -> list[Box] | Sequence[list[Box]]:
        if isinstance(index, slice):
            return [self[i] for i in range(self._count)[index]]
        if not -self._count <= index < self._count:
            raise IndexError(index)
        index %= self._count
        found = self._found.get(index)
        if found is None:
            found = self._found[index] = self._find(index)
        return found


def _reach(points: Sequence[Point], width: float) -> list[Box]:
    """Where a label on the route can lie: each segment widened by half a label (a box
    per segment, so a long route does not reach everything in its bounding box)."""
    half_w, half_h = width / 2 + 1, LABEL_HEIGHT / 2 + 1
    return [
        Box(
            min(a[0], b[0]) - half_w,
            min(a[1], b[1]) - half_h,
            max(a[0], b[0]) + half_w,
            max(a[1], b[1]) + half_h,
        )
        for a, b in zip(points, points[1:], strict=False)
    ]
