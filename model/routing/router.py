"""Orthogonal connector routing that avoids shapes, as draw.io's and libavoid's connectors do.

Each connection is first routed on its own, from a port on one side of its source to a port
on a side of its target: the straight line, a Z or an L when one is clear, else the cheapest
path (length, bends, frame crossings) on the grid of lines that run just clear of every
obstacle. A route never passes through a shape's keep-out boxes (a service's icon and name,
a group's title), never runs along a group's border, and crosses a group's frame only when
one end is inside the group and the other is not. A second pass (nudging) then separates
parallel segments of different connections that would run on top of each other, keeping
segments of one fan-out (same source and relation) together.

Every route is a function of the shapes alone, never of the order of edits, so a design
always draws the same way; and the router is incremental: changing a shape reroutes only the
connections whose search area it touches, and re-separates only the segment groups those
reroutes change.
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from model.routing.geometry import (
    Box,
    BucketIndex,
    Point,
    bounds,
    crossings,
    segment_box,
    segment_hits,
    simplify,
)

SIDES = ("left", "right", "top", "bottom")
OUTWARD = {"left": (-1, 0), "right": (1, 0), "top": (0, -1), "bottom": (0, 1)}
SEPARATION = 10.0  # between parallel segments of different connections (at least 8 px)
CLEARANCE = 5.0  # how far a line keeps from a keep-out box
GRID_PAD = 12.0  # where the search grid's lines run beside an obstacle
BORDER_CLEARANCE = 8.0  # a line parallel to a group's border keeps this far from it
BEND_COST = 60.0
CROSS_COST = 600.0
SIDE_COST = 40.0  # leaving or entering by a side that does not face the other end
DETOURS = (240.0, 900.0)  # how far beyond its ends a route may search, then on a retry
MAX_STATES = 30000
FRAME_REACH = 4000.0  # how far beside a segment group borders limit its spread
MAX_SEARCH = 1500.0  # links whose ends lie further apart get no search, only simple routes
MAX_GRID = 20000  # grid points; a search wider than this gives way to the simple route


@dataclass(frozen=True, slots=True)
class Port:
    """Where a connection leaves or enters a shape on one side; lo..hi is how far along the
    side it may slide when parallel connections are separated."""

    x: float
    y: float
    lo: float
    hi: float


@dataclass(frozen=True, slots=True)
class Shape:
    """What the router needs of a node or group: the box connections attach to, a port per
    side, the boxes no line may cross, and for a group its frame."""

    id: str
    box: Box
    ports: Mapping[str, Port]
    keep_out: tuple[Box, ...] = ()
    frame: Box | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """A connection to route; links with the same source and bundle may share segments.

    sides, when given, are the sides the route must leave its source and enter its target by
    (a top-down flow's arrows: bottom to top, also when the target lies above, a loop);
    otherwise each end uses the side facing the other. hint is a route the caller's layout
    kept free (a layered layout's column for an arrow spanning layers), tried when no simple
    route is clear; it must run from a port to a port. Links with merge set that enter the
    same target with the same bundle share their last segment (arrows that join before a
    state, as in a flow chart)."""

    id: str
    source: str
    target: str
    bundle: str = ""
    sides: tuple[str, str] | None = None
    hint: tuple[Point, ...] = ()
    merge: bool = False


@dataclass
class _Segment:
    link: str
    index: int
    horizontal: bool
    coord: float
    lo: float
    hi: float
    lane: str
    order: float
    end: bool  # touches a port, so it may only slide along that port's side
    slide: tuple[float, float] = (float("-inf"), float("inf"))


@dataclass
class _Raw:
    points: list[Point]
    region: list[Box]  # what the route's choice depended on: obstacles meeting these
    segments: list[_Segment] = field(default_factory=list)


class Router:
    """Routes of a set of links among a set of shapes, kept up to date as they change."""

    def __init__(self) -> None:
        self.shapes: dict[str, Shape] = {}
        self.links: dict[str, Link] = {}
        self._links_of: dict[str, set[str]] = {}
        self._keep_out: BucketIndex[tuple[str, int]] = BucketIndex(160.0)
        self._grown: dict[tuple[str, int], Box] = {}  # keep-out boxes grown by CLEARANCE
        self._frames: BucketIndex[str] = BucketIndex(1000.0)
        self._regions: BucketIndex[tuple[str, int]] = BucketIndex(640.0)
        self._segments: dict[bool, BucketIndex[tuple[str, int]]] = {
            True: BucketIndex(320.0),
            False: BucketIndex(320.0),
        }
        self._raw: dict[str, _Raw] = {}
        self._routes: dict[str, list[Point]] = {}
        self._offsets: dict[tuple[str, int], float] = {}
        self._rough: set[str] = set()
        self._backlog: set[str] = set()
        self._ordered: list[str] | None = None  # the backlog in routing order, once sorted
        self._unsearched: set[str] = set()
        self._unseparated: list[_Segment] = []  # neighbours of links moved while dragging
        # shapes moved while dragging, where they were before and where they are now (the
        # places in between changed no route but the dragged links')
        self._touched_shapes: dict[str, tuple[Shape, Shape]] = {}
        self._preferred: Box | None = None
        self.searching = True
        # Off for a one-off picture (an export): what each route depended on is not
        # recorded, so routing is cheaper but a later change reroutes nothing near it.
        self.tracking = True
        self._dirty: set[str] = set()
        self._removed: set[str] = set()
        self.touched: list[Box] = []  # keep-out boxes that moved since the last update

    # ---- changes -------------------------------------------------------------------------
    def set_shape(self, shape: Shape) -> None:
        old = self.shapes.get(shape.id)
        if old == shape:
            return
        if old is not None:
            self._touch(old)
            self._unindex_shape(old)
        self.shapes[shape.id] = shape
        for index, box in enumerate(shape.keep_out):
            self._keep_out.insert((shape.id, index), box)
            self._grown[(shape.id, index)] = box.expanded(CLEARANCE)
        if shape.frame is not None:
            self._frames.insert(shape.id, shape.frame)
        self._touch(shape)

    def remove_shape(self, shape_id: str) -> None:
        old = self.shapes.pop(shape_id, None)
        if old is None:
            return
        self._touch(old)
        self._unindex_shape(old)
        for link_id in list(self._links_of.get(shape_id, ())):
            self.remove_link(link_id)
        self._links_of.pop(shape_id, None)

    def add_link(self, link: Link) -> None:
        if self.links.get(link.id) == link:
            return
        if link.id in self.links:
            self.remove_link(link.id)
        self.links[link.id] = link
        self._links_of.setdefault(link.source, set()).add(link.id)
        self._links_of.setdefault(link.target, set()).add(link.id)
        self._dirty.add(link.id)
        self._removed.discard(link.id)

    def remove_link(self, link_id: str) -> None:
        link = self.links.pop(link_id, None)
        if link is None:
            return
        for end in (link.source, link.target):
            self._links_of.get(end, set()).discard(link_id)
        self._dirty.discard(link_id)
        self._removed.add(link_id)

    def route(self, link_id: str) -> list[Point]:
        return self._routes[link_id]

    def routes(self) -> dict[str, list[Point]]:
        return dict(self._routes)

    def links_of(self, shape_id: str) -> set[str]:
        return set(self._links_of.get(shape_id, ()))

    def links_near(self, box: Box) -> set[str]:
        """Links whose search area meets box."""
        return {key[0] for key in self._regions.query(box)}

    def keep_outs_near(self, box: Box) -> list[Box]:
        return [self._keep_out.box(key) for key in self._keep_out.query(box)]

    def siblings_near(self, link_id: str, box: Box, every: bool = False) -> list[Box]:
        """The segments near box of other links in a lane with one of link_id's (a fan-out
        sharing its trunk: a label on a shared segment would not say whose it is), or with
        every, of all other links."""
        raw = self._raw.get(link_id)
        if raw is None:
            return []
        lanes = {segment.lane for segment in raw.segments}
        if not lanes and not every:  # a route being dragged has no segments yet
            return []
        found: list[Box] = []
        for horizontal in (True, False):
            for other, index in self._segments[horizontal].query(box):
                if other == link_id or other not in self._raw:
                    continue
                segment = self._raw[other].segments[index]
                if every or segment.lane in lanes:
                    shift = self._offsets.get((other, index), 0.0)
                    found.append(_line_box(segment, shift))
        return found

    def _unindex_shape(self, shape: Shape) -> None:
        for index in range(len(shape.keep_out)):
            self._keep_out.remove((shape.id, index))
            self._grown.pop((shape.id, index), None)
        if shape.frame is not None:
            self._frames.remove(shape.id)

    def _touch(self, shape: Shape) -> None:
        """Mark the links this shape can influence: its own, and those whose search area
        meets one of its keep-out boxes or its frame's border. While a node is dragged
        (searching off) only its own links are routed; the others wait for the drop."""
        self._dirty.update(self._links_of.get(shape.id, ()))
        self.touched.extend(shape.keep_out)
        if self.searching:
            self._touch_near(shape)
        else:
            first = self._touched_shapes.get(shape.id, (shape, shape))[0]
            self._touched_shapes[shape.id] = (first, shape)

    def _touch_near(self, shape: Shape, into: set[str] | None = None) -> None:
        near = self._dirty if into is None else into
        for box in shape.keep_out:
            near.update(key[0] for key in self._regions.query(box.expanded(GRID_PAD)))
        if shape.frame is not None:
            frame = shape.frame
            inner = frame.expanded(-GRID_PAD - BORDER_CLEARANCE)
            for key in self._regions.query(frame.expanded(GRID_PAD + BORDER_CLEARANCE)):
                if not inner.contains_box(self._regions.box(key)):
                    near.add(key[0])

    # ---- updating ------------------------------------------------------------------------
    @property
    def pending(self) -> bool:
        """Whether some links still wait for their route (see update's limit)."""
        return bool(self._dirty or self._backlog)

    def defer(self) -> None:
        """Leave every link waiting now for later updates with a limit (see update)."""
        self._add_backlog(self._dirty)
        self._dirty.clear()

    def is_rough(self, link_id: str) -> bool:
        return link_id in self._rough

    def set_searching(self, on: bool) -> None:
        """Off while a node is dragged: the dragged shapes' links take the simple route,
        unchecked, and the links near them keep theirs. When searching is on again the
        dragged links and the links near where the shapes were and are join the deferred
        ones (see defer), so the drop stays quick and later updates refine them."""
        self.searching = on
        if on:
            self._add_backlog(self._unsearched)
            self._unsearched.clear()
            seen: set[tuple[tuple[Box, ...], Box | None]] = set()
            near: set[str] = set()
            for shape in (s for pair in self._touched_shapes.values() for s in pair):
                if (shape.keep_out, shape.frame) not in seen:
                    seen.add((shape.keep_out, shape.frame))
                    self._touch_near(shape, near)
            self._touched_shapes.clear()
            self._add_backlog(near)

    def prefer(self, box: Box | None) -> None:
        """Route deferred links with an end in box first (the part of the design on show)."""
        if box != self._preferred:
            self._preferred = box
            self._ordered = None

    def _add_backlog(self, links: Iterable[str]) -> None:
        before = len(self._backlog)
        self._backlog.update(links)
        if len(self._backlog) != before:
            self._ordered = None

    def _order(self, link_id: str) -> tuple[bool, str]:
        box = self._preferred
        if box is None:
            return False, link_id
        link = self.links[link_id]
        shown = any(
            (shape := self.shapes.get(end)) is not None and shape.box.intersects(box)
            for end in (link.source, link.target)
        )
        return not shown, link_id

    def update(self, limit: int | None = None, budget: float | None = None) -> set[str]:
        """Reroute what changed; the ids of links whose drawn route changed (or vanished).
        With limit (a count) or budget (seconds), deferred links (see defer) are routed only
        that far now, at least one, those with an end in the preferred box first; deferred
        links with no route yet get a rough one (the simple route, unchecked) and stay
        pending."""
        waiting = sorted(k for k in self._dirty if k in self.links)
        if self._ordered is None:  # sorted once, not on every slice of a long refinement
            self._ordered = sorted(self._backlog, key=self._order)
        backlog = [k for k in self._ordered if k in self.links and k not in self._dirty]
        removed = sorted(self._removed)
        self._dirty = set()
        self._backlog = set()
        self._removed.clear()
        seeds = self._unseparated
        if self.searching:
            self._unseparated = []
        changed = set(removed)
        for link_id in removed:
            self._unroute(link_id, seeds)
            self._routes.pop(link_id, None)
            self._rough.discard(link_id)
        if not self.searching:
            for link_id in waiting:
                self._unroute(link_id, seeds)
            changed |= self._preview(waiting)
            self._backlog, self._ordered = set(backlog), backlog
            return changed | self._rough_routes(backlog)
        for link_id in waiting:
            changed.add(self._reroute(link_id, seeds))
        deadline = None if budget is None else time.perf_counter() + budget
        cap = len(backlog) if limit is None else min(limit, len(backlog))
        done = 0
        while done < cap and not (done and deadline and time.perf_counter() > deadline):
            changed.add(self._reroute(backlog[done], seeds))
            done += 1
        rest = backlog[done:]
        self._backlog, self._ordered = set(rest), rest
        changed |= self._rough_routes(rest)
        changed |= self._separate(seeds)
        return changed

    def _unroute(self, link_id: str, seeds: list[_Segment]) -> None:
        """Take a link's route out of the indexes; its neighbours' segments become seeds."""
        old = self._raw.pop(link_id, None)
        if old is None:
            return
        for index in range(len(old.region)):
            self._regions.remove((link_id, index))
        for segment in old.segments:
            self._segments[segment.horizontal].remove((link_id, segment.index))
            self._offsets.pop((link_id, segment.index), None)
        for segment in old.segments:
            seeds.extend(self._neighbours(segment))

    def _reroute(self, link_id: str, seeds: list[_Segment]) -> str:
        self._unroute(link_id, seeds)
        self._rough.discard(link_id)
        raw = self._route_raw(self.links[link_id])
        self._raw[link_id] = raw
        for index, box in enumerate(raw.region):
            self._regions.insert((link_id, index), box)
        for segment in raw.segments:
            self._segments[segment.horizontal].insert((link_id, segment.index), _seg_box(segment))
        seeds.extend(raw.segments)
        return link_id

    def _rough_routes(self, links: Iterable[str]) -> set[str]:
        """The simple route, unchecked, for waiting links that have no route yet."""
        rough: set[str] = set()
        for link_id in links:
            if link_id not in self._routes:
                link = self.links[link_id]
                source, target = self.shapes[link.source], self.shapes[link.target]
                self._routes[link_id] = simplify(_first_route(link, source, target))
                self._rough.add(link_id)
                rough.add(link_id)
        return rough

    def _preview(self, dirty: list[str]) -> set[str]:
        """While dragging: the simple route of each changed link, unchecked and not yet
        separated from its neighbours; the drop routes them properly (see set_searching)."""
        for link_id in dirty:
            link = self.links[link_id]
            source, target = self.shapes[link.source], self.shapes[link.target]
            points = simplify(_first_route(link, source, target))
            self._raw[link_id] = _Raw(points, [])
            self._routes[link_id] = points
            self._rough.discard(link_id)
            self._unsearched.add(link_id)
        return set(dirty)

    def _neighbours(self, segment: _Segment) -> list[_Segment]:
        found = self._segments[segment.horizontal].query(_seg_box(segment).expanded(SEPARATION))
        return [self._raw[link].segments[index] for link, index in found if link in self._raw]

    # ---- one link on its own -------------------------------------------------------------
    def _route_raw(self, link: Link) -> _Raw:
        source, target = self.shapes[link.source], self.shapes[link.target]
        checker = _Checker(self, link, source, target)
        points: list[Point] | None = None
        region: list[Box] = []
        tracking = self.tracking
        simple = _candidates(source, target, link.sides)
        if link.hint:  # a straight line beats it; the layout kept the hint free of the rest
            simple = (c for c in simple if len(c) == 2)
        for candidate in simple:
            if tracking:
                region.extend(
                    segment_box(a, b, 2 * (GRID_PAD + BORDER_CLEARANCE))
                    for a, b in zip(candidate, candidate[1:], strict=False)
                )
            if checker.clear(candidate):
                points = candidate
                break
        if points is None and link.hint:
            hint = list(link.hint)
            if tracking:
                region.append(bounds(hint).expanded(GRID_PAD + BORDER_CLEARANCE))
            if checker.clear(hint):
                points = hint
        detours = points is None and self.searching
        for candidate in self._detours(source, target, link.sides) if detours else []:
            region.append(bounds(candidate).expanded(GRID_PAD + BORDER_CLEARANCE))
            if checker.clear(candidate):
                points = candidate
                break
        if points is None and not self.searching:
            self._unsearched.add(link.id)
        elif points is None and _near_enough(source.box, target.box):
            for detour in DETOURS:
                area = source.box.united(target.box).expanded(detour)
                region.append(area)
                found = _search(checker, source, target, area, link.sides)
                if found is not None:
                    points = found
                    if checker.clear(found):  # else a wider search may avoid a frame
                        break
        if points is None:
            points = _first_route(link, source, target)
        points = simplify(points)
        if len(points) < 2:
            points = [points[0], (points[0][0] + 0.1, points[0][1])]
        raw = _Raw(points, region if tracking else [])
        raw.segments = _segments_of(link, points, source, target)
        for segment in raw.segments:
            self._keep_within_frames(segment)
        return raw

    def _keep_within_frames(self, segment: _Segment) -> None:
        """Narrow how far a segment may slide when spread, so it stays on its side of every
        group border it runs beside (a spread must not carry it across a frame)."""
        low, high = segment.slide
        if segment.horizontal:
            probe = Box(
                segment.lo, segment.coord - FRAME_REACH, segment.hi, segment.coord + FRAME_REACH
            )
        else:
            probe = Box(
                segment.coord - FRAME_REACH, segment.lo, segment.coord + FRAME_REACH, segment.hi
            )
        for frame_id in self._frames.query(probe):
            frame = self._frames.box(frame_id)
            if segment.horizontal:
                span, borders = (frame.left, frame.right), (frame.top, frame.bottom)
            else:
                span, borders = (frame.top, frame.bottom), (frame.left, frame.right)
            if not (span[0] < segment.hi and segment.lo < span[1]):
                continue
            for border in borders:
                if border > segment.coord:
                    high = min(high, border - BORDER_CLEARANCE)
                elif border < segment.coord:
                    low = max(low, border + BORDER_CLEARANCE)
        if low <= segment.coord <= high:
            segment.slide = (low, high)

    def _detours(
        self, source: Shape, target: Shape, sides: tuple[str, str] | None = None
    ) -> Iterable[list[Point]]:
        """U-shaped routes around what lies between the ends: out of the same side of both
        (top, bottom, left, right) to the first free line beyond everything in the way. With
        fixed opposite sides whose ends do not face (a loop back up a top-down flow), the
        route goes round instead: out of the source's side, along the first free line beside
        everything between, and into the target's side."""
        if sides is not None and sides[0] != sides[1]:
            yield from self._loops(source, target, sides)
            return
        for side in ("top", "bottom", "left", "right") if sides is None else (sides[0],):
            s, t = source.ports[side], target.ports[side]
            horizontal = side in ("top", "bottom")
            sign = -1.0 if side in ("top", "left") else 1.0
            start = (
                (min if sign < 0 else max)(s.y, t.y)
                if horizontal
                else (min if sign < 0 else max)(s.x, t.x)
            )
            lo, hi = (
                (min(s.x, t.x), max(s.x, t.x)) if horizontal else (min(s.y, t.y), max(s.y, t.y))
            )
            line = self._free_line(horizontal, start + sign * GRID_PAD, lo, hi, sign)
            if line is None:
                continue
            if horizontal:
                yield [(s.x, s.y), (s.x, line), (t.x, line), (t.x, t.y)]
            else:
                yield [(s.x, s.y), (line, s.y), (line, t.y), (t.x, t.y)]

    def _loops(self, source: Shape, target: Shape, sides: tuple[str, str]) -> Iterable[list[Point]]:
        """Routes out of one side and into the opposite side of a target that lies behind the
        source: out to the first free line, along the first free line beside everything
        between (the right or bottom first), back to the first free line before the target."""
        s, t = source.ports[sides[0]], target.ports[sides[1]]
        if _OPPOSITE[sides[0]] != sides[1] or _faces(sides, s, t):
            return
        vertical = sides[0] in ("top", "bottom")
        out = 1.0 if sides[0] in ("bottom", "right") else -1.0
        into = 1.0 if sides[1] in ("bottom", "right") else -1.0
        for sign in (1.0, -1.0):  # round the right (or bottom) first
            if vertical:
                first, last, ends = s.y + out * GRID_PAD, t.y + into * GRID_PAD, (s.x, t.x)
            else:
                first, last, ends = s.x + out * GRID_PAD, t.x + into * GRID_PAD, (s.y, t.y)
            far = max(ends) if sign > 0 else min(ends)
            lane: float | None = far + sign * GRID_PAD
            for _ in range(3):
                assert lane is not None
                lo, hi = min(first, last), max(first, last)
                lane = self._free_line(not vertical, lane, lo, hi, sign)
                if lane is None:
                    break
                near, far_end = (min(ends[0], lane), max(ends[0], lane))
                line = self._free_line(vertical, first, near, far_end, out)
                near, far_end = (min(ends[1], lane), max(ends[1], lane))
                back = self._free_line(vertical, last, near, far_end, into)
                if line is None or back is None:
                    lane = None
                    break
                if (line, back) == (first, last):
                    break
                first, last = line, back
            if lane is None:
                continue
            if vertical:
                yield [
                    (s.x, s.y),
                    (s.x, first),
                    (lane, first),
                    (lane, last),
                    (t.x, last),
                    (t.x, t.y),
                ]
            else:
                yield [
                    (s.x, s.y),
                    (first, s.y),
                    (first, lane),
                    (last, lane),
                    (last, t.y),
                    (t.x, t.y),
                ]

    def _free_line(
        self, horizontal: bool, coord: float, lo: float, hi: float, sign: float
    ) -> float | None:
        """The first line at or beyond coord (going by sign) on which lo..hi meets no
        keep-out box and runs along no frame border."""
        for _ in range(8):
            if horizontal:
                probe = Box(lo - CLEARANCE, coord - CLEARANCE, hi + CLEARANCE, coord + CLEARANCE)
            else:
                probe = Box(coord - CLEARANCE, lo - CLEARANCE, coord + CLEARANCE, hi + CLEARANCE)
            hits = [self._keep_out.box(k) for k in self._keep_out.query(probe)]
            hits = [b for b in hits if b.expanded(CLEARANCE).intersects(probe.expanded(-0.5))]
            borders = []
            for frame_id in self._frames.query(probe.expanded(BORDER_CLEARANCE)):
                frame = self._frames.box(frame_id)
                edges = (frame.top, frame.bottom) if horizontal else (frame.left, frame.right)
                span = (frame.left, frame.right) if horizontal else (frame.top, frame.bottom)
                if span[0] < hi and lo < span[1]:
                    borders += [e for e in edges if abs(e - coord) < BORDER_CLEARANCE]
            if not hits and not borders:
                return coord
            if horizontal:
                extremes = [b.top if sign < 0 else b.bottom for b in hits]
            else:
                extremes = [b.left if sign < 0 else b.right for b in hits]
            extremes += borders
            far = min(extremes) if sign < 0 else max(extremes)
            coord = far + sign * (GRID_PAD + 1)
        return None

    # ---- separating parallel segments ----------------------------------------------------
    def _separate(self, seeds: list[_Segment]) -> set[str]:
        """Spread every group of overlapping parallel segments that contains a seed; return
        the links whose drawn route changed."""
        done: set[tuple[str, int]] = set()
        touched: set[str] = set()
        offsets = self._offsets
        for seed in seeds:
            if seed.link not in self._raw or (seed.link, seed.index) in done:
                continue
            raw = self._raw[seed.link]
            if seed.index >= len(raw.segments) or raw.segments[seed.index] is not seed:
                continue
            group = self._group(seed)
            for segment in group:
                done.add((segment.link, segment.index))
                touched.add(segment.link)
                offsets.pop((segment.link, segment.index), None)
            offsets.update(_spread_group(group))
        changed: set[str] = set()
        for link_id in touched:
            raw = self._raw[link_id]
            points = list(raw.points)
            for segment in raw.segments:
                shift = offsets.get((link_id, segment.index), 0.0)
                if shift:
                    for at in (segment.index, segment.index + 1):
                        x, y = points[at]
                        points[at] = (x, y + shift) if segment.horizontal else (x + shift, y)
            if self._routes.get(link_id) != points:
                self._routes[link_id] = points
                changed.add(link_id)
        return changed

    def _group(self, seed: _Segment) -> list[_Segment]:
        group: dict[tuple[str, int], _Segment] = {(seed.link, seed.index): seed}
        todo = [seed]
        while todo:
            segment = todo.pop()
            for other in self._neighbours(segment):
                key = (other.link, other.index)
                if key not in group and _near(segment, other):
                    group[key] = other
                    todo.append(other)
        return list(group.values())


def _near_enough(a: Box, b: Box) -> bool:
    both = a.united(b)
    return both.width < MAX_SEARCH and both.height < MAX_SEARCH


def _line_box(segment: _Segment, shift: float) -> Box:
    """The segment as drawn (after separation), one pixel either side of its line."""
    coord = segment.coord + shift
    if segment.horizontal:
        return Box(segment.lo, coord - 1, segment.hi, coord + 1)
    return Box(coord - 1, segment.lo, coord + 1, segment.hi)


def _seg_box(segment: _Segment) -> Box:
    if segment.horizontal:
        return Box(segment.lo, segment.coord - SEPARATION, segment.hi, segment.coord + SEPARATION)
    return Box(segment.coord - SEPARATION, segment.lo, segment.coord + SEPARATION, segment.hi)


def _near(a: _Segment, b: _Segment) -> bool:
    return (
        a.horizontal == b.horizontal
        and abs(a.coord - b.coord) < SEPARATION - 0.01
        and a.lo < b.hi + SEPARATION  # an end moves when the segment next to it is spread
        and b.lo < a.hi + SEPARATION
        and a.link != b.link
    )


def _spread_group(group: list[_Segment]) -> dict[tuple[str, int], float]:
    """Offsets that put overlapping lanes of the group on tracks SEPARATION apart around the
    group's line (segments of one fan-out on the same line form one lane). Lanes that do not
    overlap share a track, so a long row of short parallel segments stays on one line."""
    lanes: dict[tuple[str, float], list[_Segment]] = {}
    for segment in group:
        lanes.setdefault((segment.lane, round(segment.coord, 1)), []).append(segment)
    if len(lanes) < 2:
        return {}
    base = round(sum(s.coord for s in group) / len(group))
    ordered = sorted(
        lanes.values(),
        key=lambda members: (
            min(m.lo for m in members),
            min(m.order for m in members),
            min(m.link for m in members),
        ),
    )
    tracks: dict[int, list[tuple[float, float]]] = {}
    result: dict[tuple[str, int], float] = {}
    for members in ordered:
        lo = min(m.lo for m in members)
        hi = max(m.hi for m in members)
        low = max(m.slide[0] for m in members)
        high = min(m.slide[1] for m in members)
        choice = None
        for step in range(0, 2 * len(lanes) + 1):
            track = (step + 1) // 2 * (1 if step % 2 else -1)
            position = base + track * SEPARATION
            if not low <= position <= high and step < 2 * len(lanes):
                continue
            if all(hi + SEPARATION <= a or b + SEPARATION <= lo for a, b in tracks.get(track, [])):
                choice = track
                break
        if choice is None:
            choice = max(tracks, default=0) + 1
        tracks.setdefault(choice, []).append((lo, hi))
        position = base + choice * SEPARATION
        for segment in members:
            if abs(position - segment.coord) > 0.01:
                result[(segment.link, segment.index)] = position - segment.coord
    return result


def spread(desired: list[float], gap: float) -> list[float]:
    """Positions closest to desired (sorted) that keep their order at least gap apart."""
    shifted = [d - i * gap for i, d in enumerate(desired)]
    pools: list[list[float]] = []  # [sum, count]
    for value in shifted:
        pools.append([value, 1.0])
        while len(pools) > 1 and pools[-2][0] / pools[-2][1] > pools[-1][0] / pools[-1][1]:
            total, count = pools.pop()
            pools[-1][0] += total
            pools[-1][1] += count
    fitted: list[float] = []
    for total, count in pools:
        fitted.extend([total / count] * int(count))
    return [f + i * gap for i, f in enumerate(fitted)]


def _segments_of(link: Link, points: list[Point], source: Shape, target: Shape) -> list[_Segment]:
    found: list[_Segment] = []
    last = len(points) - 2
    for index, (a, b) in enumerate(zip(points, points[1:], strict=False)):
        horizontal = abs(a[1] - b[1]) < 0.01
        coord = a[1] if horizontal else a[0]
        lo, hi = (
            (min(a[0], b[0]), max(a[0], b[0]))
            if horizontal
            else (
                min(a[1], b[1]),
                max(a[1], b[1]),
            )
        )
        order = (points[0][1] + points[-1][1]) if horizontal else (points[0][0] + points[-1][0])
        low, high = float("-inf"), float("inf")
        for end_index, shape, point in ((0, source, points[0]), (last, target, points[-1])):
            found_port = _port_at(shape, point)
            if found_port is None:
                continue
            side, port = found_port
            if index == end_index:
                low, high = max(low, port.lo), min(high, port.hi)
            elif abs(index - end_index) == 1:
                stub = 2 * SEPARATION
                if side == "top" or side == "left":
                    high = min(high, (port.y if side == "top" else port.x) - stub)
                else:
                    low = max(low, (port.y if side == "bottom" else port.x) + stub)
        slide = (low, high)
        found.append(
            _Segment(
                link.id,
                index,
                horizontal,
                coord,
                lo,
                hi,
                f"\0{link.target}\0{link.bundle}"
                if link.merge and index == last
                else f"{link.source}\0{link.bundle}",
                order,
                index in (0, last),
                slide,
            )
        )
    return found


def _port_at(shape: Shape, point: Point) -> tuple[str, Port] | None:
    for side, port in shape.ports.items():
        if abs(port.x - point[0]) < 0.5 and abs(port.y - point[1]) < 0.5:
            return side, port
    return None


class _Checker:
    """Whether a route or a grid step is clear for one link."""

    def __init__(self, router: Router, link: Link, source: Shape, target: Shape) -> None:
        self.router = router
        self.start_points = [(p.x, p.y) for p in source.ports.values()]
        self.end_points = [(p.x, p.y) for p in target.ports.values()]

    def clear(self, points: list[Point]) -> bool:
        """A candidate is clear when no step is blocked and it crosses each frame exactly as
        often as its ends require (once when one end is inside, else never)."""
        needed: dict[str, int] = {}
        frames = self.router._frames
        route_box = bounds(points).expanded(BORDER_CLEARANCE)
        for frame_id in frames.query(route_box):
            frame = frames.box(frame_id)
            needed[frame_id] = int(frame.contains(points[0]) != frame.contains(points[-1]))
        made = dict.fromkeys(needed, 0)
        keep_out = self.router._keep_out
        grown = self.router._grown
        for a, b in zip(points, points[1:], strict=False):
            box = segment_box(a, b, 2 * CLEARANCE)
            for key in keep_out.near(box):
                if segment_hits(a, b, grown[key]):
                    return False
            horizontal = abs(a[1] - b[1]) < 0.01
            for frame_id in needed:
                frame = frames.box(frame_id)
                if _along_border(a, b, horizontal, frame):
                    return False
                made[frame_id] += crossings(a, b, frame)
        return made == needed


def _along_border(a: Point, b: Point, horizontal: bool, frame: Box) -> bool:
    if horizontal:
        y = a[1]
        if min(a[0], b[0]) >= frame.right or max(a[0], b[0]) <= frame.left:
            return False
        return abs(y - frame.top) < BORDER_CLEARANCE or abs(y - frame.bottom) < BORDER_CLEARANCE
    x = a[0]
    if min(a[1], b[1]) >= frame.bottom or max(a[1], b[1]) <= frame.top:
        return False
    return abs(x - frame.left) < BORDER_CLEARANCE or abs(x - frame.right) < BORDER_CLEARANCE


def facing_sides(source: Box, target: Box) -> tuple[str, str] | None:
    """The sides two boxes face each other by: sideways when apart horizontally, else
    vertically; None when they overlap."""
    if target.left - source.right > 16:
        return "right", "left"
    if source.left - target.right > 16:
        return "left", "right"
    if target.top - source.bottom > 16:
        return "bottom", "top"
    if source.top - target.bottom > 16:
        return "top", "bottom"
    return None


_OPPOSITE = {"bottom": "top", "top": "bottom", "left": "right", "right": "left"}


def _faces(sides: tuple[str, str], s: Port, t: Port) -> bool:
    """Whether a route can leave s and enter t by these sides with no turn back: the sides
    are opposite and t lies beyond s the way s points."""
    if _OPPOSITE[sides[0]] != sides[1]:
        return False
    dx, dy = OUTWARD[sides[0]]
    return (t.x - s.x) * dx + (t.y - s.y) * dy > 0


def _first_route(link: Link, source: Shape, target: Shape) -> list[Point]:
    """The route a link takes when none is clear: its hint, else its first simple route."""
    if link.hint:
        return list(link.hint)
    first = next(iter(_candidates(source, target, link.sides)), None)
    if first is not None:
        return first
    s, t = (
        source.ports[link.sides[0] if link.sides else "right"],
        target.ports[link.sides[1] if link.sides else "right"],
    )
    return [(s.x, s.y), (t.x, s.y), (t.x, t.y)]


def _candidates(
    source: Shape, target: Shape, fixed: tuple[str, str] | None = None
) -> Iterable[list[Point]]:
    """Simple routes in order of preference: straight, Z through the middle, L, Z nearer
    one end. With fixed sides only the straight line and the Z's (an L would enter by
    another side), and none when those sides do not face each other."""
    sides = fixed or facing_sides(source.box, target.box)
    if fixed is not None and not _faces(fixed, source.ports[fixed[0]], target.ports[fixed[1]]):
        return
    if sides is None:
        s, t = source.ports["right"], target.ports["right"]
        x = max(s.x, t.x) + 20
        yield [(s.x, s.y), (x, s.y), (x, t.y), (t.x, t.y)]
        return
    s, t = source.ports[sides[0]], target.ports[sides[1]]
    horizontal = sides[0] in ("left", "right")
    if horizontal:
        if abs(s.y - t.y) < 0.5:
            yield [(s.x, s.y), (t.x, s.y)]
        mids = _mids(s.x, t.x)
        yield [(s.x, s.y), (mids[0], s.y), (mids[0], t.y), (t.x, t.y)]
        into = target.ports["top" if t.y > s.y else "bottom"]
        if fixed is None and (into.x - s.x) * (t.x - s.x) > 0:
            yield [(s.x, s.y), (into.x, s.y), (into.x, into.y)]
        out = source.ports["bottom" if t.y > s.y else "top"]
        if fixed is None and (t.x - out.x) * (t.x - s.x) > 0:
            yield [(out.x, out.y), (out.x, t.y), (t.x, t.y)]
        for mid in mids[1:]:
            yield [(s.x, s.y), (mid, s.y), (mid, t.y), (t.x, t.y)]
    else:
        if abs(s.x - t.x) < 0.5:
            yield [(s.x, s.y), (s.x, t.y)]
        mids = _mids(s.y, t.y)
        yield [(s.x, s.y), (s.x, mids[0]), (t.x, mids[0]), (t.x, t.y)]
        into = target.ports["left" if t.x > s.x else "right"]
        if fixed is None and (into.y - s.y) * (t.y - s.y) > 0:
            yield [(s.x, s.y), (s.x, into.y), (into.x, into.y)]
        out = source.ports["right" if t.x > s.x else "left"]
        if fixed is None and (t.y - out.y) * (t.y - s.y) > 0:
            yield [(out.x, out.y), (t.x, out.y), (t.x, t.y)]
        for mid in mids[1:]:
            yield [(s.x, s.y), (s.x, mid), (t.x, mid), (t.x, t.y)]


def _mids(a: float, b: float) -> list[float]:
    """Channel positions between a and b: the middle first, then ever nearer either end."""
    low, high = min(a, b), max(a, b)
    middle = round((low + high) / 2)
    result = [float(middle)]
    step = 16.0
    offset = step
    while (middle - offset > low + 8 or middle + offset < high - 8) and len(result) < 9:
        for value in (middle - offset, middle + offset):
            if low + 8 < value < high - 8:
                result.append(float(value))
        offset += step
    return result


def _search(
    checker: _Checker,
    source: Shape,
    target: Shape,
    area: Box,
    fixed: tuple[str, str] | None = None,
) -> list[Point] | None:
    """Cheapest orthogonal path from any port of source to any port of target (only the
    fixed sides' when given) on the grid of lines running just clear of the obstacles in
    area (A*: length, bends, crossings)."""
    router = checker.router
    xs: set[float] = set()
    ys: set[float] = set()
    for shape in (source, target):
        for port in shape.ports.values():
            xs.add(port.x)
            ys.add(port.y)
    keep = [router._keep_out.box(key) for key in router._keep_out.query(area)]
    frames = [router._frames.box(frame_id) for frame_id in router._frames.query(area)]
    for box in keep:
        xs.update((box.left - GRID_PAD, box.right + GRID_PAD))
        ys.update((box.top - GRID_PAD, box.bottom + GRID_PAD))
    for box in frames:
        pad = BORDER_CLEARANCE + 4
        xs.update((box.left - pad, box.left + pad, box.right - pad, box.right + pad))
        ys.update((box.top - pad, box.top + pad, box.bottom - pad, box.bottom + pad))
    grid_x = sorted(x for x in xs if area.left <= x <= area.right)
    grid_y = sorted(y for y in ys if area.top <= y <= area.bottom)
    if len(grid_x) * len(grid_y) > MAX_GRID:
        return None
    index_x = {x: i for i, x in enumerate(grid_x)}
    index_y = {y: i for i, y in enumerate(grid_y)}
    sides = facing_sides(source.box, target.box)
    goals: dict[tuple[int, int], tuple[int, float]] = {}
    for side, port in target.ports.items():
        if fixed is not None and side != fixed[1]:
            continue
        if port.x in index_x and port.y in index_y:
            dx, dy = OUTWARD[side]
            inward = _direction(-dx, -dy)
            penalty = 0.0 if sides is None or sides[1] == side else SIDE_COST
            goals[(index_x[port.x], index_y[port.y])] = (inward, penalty)
    if not goals:
        return None
    goal_points = [(grid_x[i], grid_y[j]) for i, j in goals]

    def estimate(x: float, y: float) -> float:
        return min(abs(x - gx) + abs(y - gy) for gx, gy in goal_points)

    grown = [box.expanded(CLEARANCE) for box in keep]
    rows = [[b for b in grown if b.top < y < b.bottom] for y in grid_y]
    columns = [[b for b in grown if b.left < x < b.right] for x in grid_x]
    near = BORDER_CLEARANCE + 1
    row_frames = [[f for f in frames if f.top - near < y < f.bottom + near] for y in grid_y]
    column_frames = [[f for f in frames if f.left - near < x < f.right + near] for x in grid_x]

    def step_cost(i: int, j: int, ni: int, nj: int) -> float | None:
        if j == nj:
            y = grid_y[j]
            x1, x2 = min(grid_x[i], grid_x[ni]), max(grid_x[i], grid_x[ni])
            for b in rows[j]:
                if b.left < x2 and x1 < b.right:
                    return None
            a, c = (x1, y), (x2, y)
            candidates = row_frames[j]
        else:
            x = grid_x[i]
            y1, y2 = min(grid_y[j], grid_y[nj]), max(grid_y[j], grid_y[nj])
            for b in columns[i]:
                if b.top < y2 and y1 < b.bottom:
                    return None
            a, c = (x, y1), (x, y2)
            candidates = column_frames[i]
        cost = 0.0
        horizontal = j == nj
        for frame in candidates:
            if _along_border(a, c, horizontal, frame):
                return None
            cost += CROSS_COST * crossings(a, c, frame)
        return cost

    heap: list[tuple[float, float, int, int, int, int]] = []
    best: dict[tuple[int, int, int], float] = {}
    came: dict[tuple[int, int, int], tuple[int, int, int] | None] = {}
    serial = 0
    for side, port in source.ports.items():
        if port.x not in index_x or port.y not in index_y:
            continue
        if fixed is not None and side != fixed[0]:
            continue
        state = (index_x[port.x], index_y[port.y], _direction(*OUTWARD[side]))
        cost = 0.0 if sides is None or sides[0] == side else SIDE_COST
        best[state] = cost
        came[state] = None
        heapq.heappush(heap, (cost + estimate(port.x, port.y), cost, serial, *state))
        serial += 1
    step_cache: dict[tuple[int, int, int, int], float | None] = {}
    expanded = 0
    while heap:
        _, cost, _, i, j, direction = heapq.heappop(heap)
        state = (i, j, direction)
        if cost > best.get(state, float("inf")):
            continue
        goal = goals.get((i, j))
        if goal is not None and goal[0] == direction:
            return _path(came, state, grid_x, grid_y)
        expanded += 1
        if expanded > MAX_STATES:
            return None
        for new_direction, (di, dj) in enumerate(_STEPS):
            if new_direction == _REVERSE[direction]:
                continue
            ni, nj = i + di, j + dj
            if not (0 <= ni < len(grid_x) and 0 <= nj < len(grid_y)):
                continue
            step = (min(i, ni), min(j, nj), max(i, ni), max(j, nj))
            if step not in step_cache:
                step_cache[step] = step_cost(i, j, ni, nj)
            extra = step_cache[step]
            if extra is None:
                continue
            new_cost = (
                cost
                + abs(grid_x[ni] - grid_x[i])
                + abs(grid_y[nj] - grid_y[j])
                + extra
                + (BEND_COST if new_direction != direction else 0.0)
            )
            goal = goals.get((ni, nj))
            if goal is not None:
                new_cost += goal[1] if goal[0] == new_direction else 0.0
            new_state = (ni, nj, new_direction)
            if new_cost < best.get(new_state, float("inf")):
                best[new_state] = new_cost
                came[new_state] = state
                heapq.heappush(
                    heap,
                    (
                        new_cost + estimate(grid_x[ni], grid_y[nj]),
                        new_cost,
                        serial,
                        ni,
                        nj,
                        new_direction,
                    ),
                )
                serial += 1
    return None


_STEPS = ((1, 0), (-1, 0), (0, 1), (0, -1))
_REVERSE = {0: 1, 1: 0, 2: 3, 3: 2}


def _direction(dx: int, dy: int) -> int:
    return _STEPS.index((dx, dy))


def _path(
    came: dict[tuple[int, int, int], tuple[int, int, int] | None],
    state: tuple[int, int, int],
    grid_x: list[float],
    grid_y: list[float],
) -> list[Point]:
    points: list[Point] = []
    current: tuple[int, int, int] | None = state
    while current is not None:
        points.append((grid_x[current[0]], grid_y[current[1]]))
        current = came[current]
    points.reverse()
    return simplify(points)
