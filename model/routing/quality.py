"""Counts of what makes a diagram look careless, over routes and labels: lines through icons,
names or group titles, lines entering groups they have no end in, different connections on
top of each other, overlapping labels, labels off their line; and crossings and bends."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from model.routing.geometry import Box, BucketIndex, Point, crossings, segment_box, segment_hits
from model.routing.router import Shape

MIN_SEPARATION = 8.0


@dataclass
class Quality:
    through_nodes: int = 0
    through_titles: int = 0
    wrong_frame_crossings: int = 0
    shared_segments: int = 0
    label_overlaps: int = 0
    labels_off_line: int = 0
    crossings: int = 0
    bends: int = 0
    examples: list[str] = field(default_factory=list)

    def faults(self) -> int:
        """Everything that must be zero (all but crossings and bends)."""
        return (
            self.through_nodes
            + self.through_titles
            + self.wrong_frame_crossings
            + self.shared_segments
            + self.label_overlaps
            + self.labels_off_line
        )


def _segments(points: list[Point]) -> list[tuple[Point, Point]]:
    return [(a, b) for a, b in zip(points, points[1:], strict=False) if a != b]


def measure(
    shapes: Mapping[str, Shape],
    routes: Mapping[str, list[Point]],
    lanes: Mapping[str, str],
    labels: Mapping[str, Box],
    titles: set[tuple[str, int]] | None = None,
) -> Quality:
    """lanes: link id to its fan-out key (links with equal keys may share segments);
    titles: which (shape id, keep-out index) boxes are group titles (default: every
    keep-out of a shape with a frame)."""
    result = Quality()
    keep_out: BucketIndex[tuple[str, int]] = BucketIndex(160.0)
    for shape in shapes.values():
        for index, box in enumerate(shape.keep_out):
            keep_out.insert((shape.id, index), box)
    is_title = (
        titles
        if titles is not None
        else {
            (s.id, i)
            for s in shapes.values()
            if s.frame is not None
            for i in range(len(s.keep_out))
        }
    )
    frames = {s.id: s.frame for s in shapes.values() if s.frame is not None}
    segs: dict[bool, BucketIndex[tuple[str, int]]] = {True: BucketIndex(), False: BucketIndex()}
    all_segments: dict[tuple[str, int], tuple[Point, Point]] = {}
    for link_id, points in routes.items():
        result.bends += max(0, len(points) - 2)
        for index, (a, b) in enumerate(_segments(points)):
            all_segments[(link_id, index)] = (a, b)
            segs[abs(a[1] - b[1]) < 0.01].insert((link_id, index), segment_box(a, b))
            for key in keep_out.query(segment_box(a, b)):
                if segment_hits(a, b, keep_out.box(key)):
                    if key in is_title:
                        result.through_titles += 1
                    else:
                        result.through_nodes += 1
                    result.examples.append(f"{link_id} through {key[0]}")
        for frame_id, frame in frames.items():
            needed = int(frame.contains(points[0]) != frame.contains(points[-1]))
            made = sum(crossings(a, b, frame) for a, b in _segments(points))
            if made != needed:
                result.wrong_frame_crossings += 1
                result.examples.append(f"{link_id} crosses {frame_id} {made}x")
    for (link_id, _index), (a, b) in all_segments.items():
        horizontal = abs(a[1] - b[1]) < 0.01
        probe = segment_box(a, b, 2 * MIN_SEPARATION)
        for other_key in segs[horizontal].query(probe):
            other = other_key[0]
            if other <= link_id or lanes.get(other) == lanes.get(link_id):
                continue
            c, d = all_segments[other_key]
            if horizontal:
                gap = abs(a[1] - c[1])
                overlap = min(max(a[0], b[0]), max(c[0], d[0])) - max(
                    min(a[0], b[0]), min(c[0], d[0])
                )
            else:
                gap = abs(a[0] - c[0])
                overlap = min(max(a[1], b[1]), max(c[1], d[1])) - max(
                    min(a[1], b[1]), min(c[1], d[1])
                )
            if gap < MIN_SEPARATION - 0.01 and overlap > 1.0:
                result.shared_segments += 1
                result.examples.append(f"{link_id} shares with {other}")
        for other_key in segs[not horizontal].query(segment_box(a, b)):
            if other_key[0] <= link_id:
                continue
            c, d = all_segments[other_key]
            if (
                horizontal
                and min(a[0], b[0]) < c[0] < max(a[0], b[0])
                and min(c[1], d[1]) < a[1] < max(c[1], d[1])
            ) or (
                not horizontal
                and min(c[0], d[0]) < a[0] < max(c[0], d[0])
                and min(a[1], b[1]) < c[1] < max(a[1], b[1])
            ):
                result.crossings += 1
    placed: BucketIndex[str] = BucketIndex()
    for link_id, box in labels.items():
        placed.insert(link_id, box)
    for link_id, box in labels.items():
        inner = box.expanded(-0.5)
        for key in keep_out.query(inner):
            if keep_out.box(key).intersects(inner):
                result.label_overlaps += 1
                result.examples.append(f"label {link_id} on {key[0]}")
        for other in placed.query(inner):
            if other > link_id and placed.box(other).intersects(inner):
                result.label_overlaps += 1
                result.examples.append(f"label {link_id} on label {other}")
        line = routes.get(link_id)
        if line is not None and not any(segment_hits(a, b, box) for a, b in _segments(line)):
            result.labels_off_line += 1
            result.examples.append(f"label {link_id} off its line")
    return result
