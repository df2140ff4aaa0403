"""Connection labels placed on their own line, clear of icons, names, group titles and each
other's labels; shortened (see the caller's list of texts) where the full text has no room.

Labels are placed greedily in link-id order, each avoiding the ones before it, so the result
is a function of the routes alone; after a change only the labels it can reach are placed
again, in the same order, which gives the same picture as placing them all."""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from model.routing.geometry import Box, BucketIndex, Point
from model.routing.router import Router

LABEL_HEIGHT = 17.0
LABEL_MARGIN = 4.0
ARROW_ROOM = 11.0
CORNER_ROOM = 8.0


def candidates(
    points: Sequence[Point], width: float, height: float = LABEL_HEIGHT
) -> list[tuple[float, Box]]:
    """Label boxes centred on the route with a penalty each: by segment preference (last,
    first, then middle ones), by spot along it, and by how far the label overruns it."""
    count = len(points) - 1
    order = [count - 1] + ([0] if count > 1 else []) + list(range(1, count - 1))
    result: list[tuple[float, Box]] = []
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
            cx = x1 + sign * along if horizontal else x1
            cy = y1 if horizontal else y1 + sign * along
            box = Box(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
            result.append((rank * 2 + number * 0.01 + overrun * 4, box))
    return result


def choose(
    points: Sequence[Point], widths: Sequence[float], obstacles: Sequence[Box]
) -> tuple[int, Box, bool]:
    """Which text (index into widths, fullest first) goes where; True when it is clear of
    every obstacle. The first clear spot of the fullest text that has one, else the least
    covered spot of the shortest text."""
    best: tuple[float, int, Box] | None = None
    for text_index, width in enumerate(widths):
        for penalty, box in candidates(points, width):
            covered = sum(box.overlap_area(o) for o in obstacles)
            if covered == 0 and penalty < 4:
                return text_index, box, True
            score = penalty + covered * 10 + (len(widths) - 1 - text_index) * 1000
            if best is None or score < best[0]:
                best = (score, text_index, box)
    for text_index in (len(widths) - 1,):
        for _penalty, box in candidates(points, widths[text_index]):
            if not any(box.overlap_area(o) for o in obstacles):
                return text_index, box, True
    assert best is not None
    return best[1], best[2], False


class LabelPlacer:
    """Labels of a router's links, kept up to date with its routes."""

    def __init__(self, router: Router) -> None:
        self.router = router
        self._widths: dict[str, tuple[float, ...]] = {}
        self._placed: dict[str, tuple[int, Box]] = {}
        self._placed_index: BucketIndex[str] = BucketIndex(160.0)
        self._reach: BucketIndex[str] = BucketIndex(160.0)
        self._pending: set[str] = set()

    def set_widths(self, link_id: str, widths: Sequence[float]) -> None:
        """The widths of the link's label texts, fullest first."""
        value = tuple(widths)
        if self._widths.get(link_id) != value:
            self._widths[link_id] = value
            self._pending.add(link_id)

    def label(self, link_id: str) -> tuple[int, Box] | None:
        return self._placed.get(link_id)

    def update(self, rerouted: set[str], touched: Sequence[Box] = ()) -> set[str]:
        """Place again the labels of rerouted links and of links whose label could meet a
        touched box or a label that moved; the links whose label changed."""
        todo = set(rerouted) | self._pending
        self._pending.clear()
        for box in touched:
            todo |= self._reach.query(box)
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
                for other in self._reach.query(moved[1]):
                    if other > link_id and other not in queued:
                        queued.add(other)
                        heapq.heappush(heap, other)
        return changed

    def _place(self, link_id: str) -> tuple[int, Box] | None:
        widths = self._widths.get(link_id)
        if self.router.is_rough(link_id):
            self._pending.add(link_id)
            widths = None
        if link_id not in self.router.links or not widths:
            self._placed.pop(link_id, None)
            self._placed_index.remove(link_id)
            self._reach.remove(link_id)
            return None
        points = self.router.route(link_id)
        reach = _reach(points, max(widths))
        self._reach.insert(link_id, reach)
        obstacles = self.router.keep_outs_near(reach)
        for other in self._placed_index.query(reach):
            if other < link_id:
                obstacles.append(self._placed[other][1])
        index, box, _clear = choose(points, widths, obstacles)
        placed = (index, box)
        self._placed[link_id] = placed
        self._placed_index.insert(link_id, box)
        return placed


def _reach(points: Sequence[Point], width: float) -> Box:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return Box(
        min(xs) - width / 2 - 1,
        min(ys) - LABEL_HEIGHT / 2 - 1,
        max(xs) + width / 2 + 1,
        max(ys) + LABEL_HEIGHT / 2 + 1,
    )
