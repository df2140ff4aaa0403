"""Automatic layout: layered left to right along connections, groups kept together.

Each container's direct contents are laid out first (recursively) and the container is then
placed as one block by its parent, so a group never splits and is sized to fit. Within one
container, each connected set of members is laid out in columns along its connections, rows
are aligned so connections run straight where they can, and separate sets are packed in rows.
Pinned nodes (and the groups around them) stay where they are; the rest is placed clear of
them. The result is one undoable command: a Macro of resizes (groups fit their contents) and
a Move."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from app.canvas import geometry as geo
from app.canvas.items.edge_item import LABEL_MAX_WIDTH, edge_text
from model.commands import Command, Macro, Move, Resize
from model.design import Design
from model.elements import Edge, Point, Size
from model.routing.router import SEPARATION

COLUMN_GAP = 80.0
MAX_COLUMN_GAP = 220.0
ROW_GAP = 40.0
LANE_GAP = 60.0
CHANNEL_MARGIN = 30.0
LANE_HEIGHT = 1400.0  # columns taller than this and than their tallest block get lanes
COMPONENT_GAP = 60.0
ORIGIN_GAP = 40.0
LABEL_CHAR_WIDTH = 5.8  # mean advance of the 11 px connection-label font
LABEL_ROOM = 40.0  # arrowhead, gaps around the label and the icon's side margin
ALIGN_ROUNDS = 8
ORDER_SWEEPS = 4
SINGLES_PER_COLUMN = 4  # unconnected members stacked in one column up to this many, or
# any number when they connect outside their group, so what they connect to lines up beside them
NODE_ANCHOR_Y = geo.ICON_TOP + geo.ICON / 2


@dataclass
class _Block:
    """A laid-out subtree or set of siblings: its size, every node's top-left and the height
    of every node's connection anchor, both measured from the block's top-left."""

    width: float
    height: float
    offsets: dict[str, tuple[float, float]] = field(default_factory=dict)
    anchors: dict[str, float] = field(default_factory=dict)

    def place(self, into: _Block, x: float, y: float) -> None:
        for node_id, (dx, dy) in self.offsets.items():
            into.offsets[node_id] = (x + dx, y + dy)
        for node_id, anchor in self.anchors.items():
            into.anchors[node_id] = y + anchor


@dataclass
class _Link:
    """A connection between two members, with its ends' anchor heights in their blocks."""

    source: str
    target: str
    source_anchor: float
    target_anchor: float
    label_width: float


def _label_width(edge: Edge) -> float:
    longest = int(LABEL_MAX_WIDTH / LABEL_CHAR_WIDTH)
    return LABEL_CHAR_WIDTH * len(edge_text(edge, lambda label: label[:longest])) + 10.0


def _isotonic(values: list[float]) -> list[float]:
    """Least-squares non-decreasing fit (pool adjacent violators)."""
    pools: list[list[float]] = []  # [sum, count]
    for value in values:
        pools.append([value, 1.0])
        while len(pools) > 1 and pools[-2][0] / pools[-2][1] > pools[-1][0] / pools[-1][1]:
            total, count = pools.pop()
            pools[-1][0] += total
            pools[-1][1] += count
    result: list[float] = []
    for total, count in pools:
        result.extend([total / count] * int(count))
    return result


def _spread(desired: list[float], heights: list[float], gap: float) -> list[float]:
    """Tops closest to desired that keep the given order with gap between neighbours."""
    offsets: list[float] = []
    running = 0.0
    for height in heights:
        offsets.append(running)
        running += height + gap
    fitted = _isotonic([d - o for d, o in zip(desired, offsets, strict=True)])
    return [f + o for f, o in zip(fitted, offsets, strict=True)]


class _Layout:
    def __init__(self, design: Design) -> None:
        self.design = design
        self.sizes: dict[str, Size] = {}
        self.fixed: set[str] = set()
        for node in design.nodes:
            if node.placement.pinned:
                self.fixed.add(node.id)
                self.fixed.update(design.ancestors(node.id))
        self.member_of: dict[str, str] = {}

    # ---- subtrees ----------------------------------------------------------------------
    def block(self, node_id: str) -> _Block:
        design = self.design
        node = design.node(node_id)
        spec = design.catalog.get(node.kind)
        children = design.children(node_id)
        if not spec.is_container or not children:
            width, height = geo.node_size(design, node)
            anchor = NODE_ANCHOR_Y if not spec.is_container else height / 2
            return _Block(width, height, {node_id: (0.0, 0.0)}, {node_id: anchor})
        blocks = {child: self.block(child) for child in children}
        fixed = {
            child: (
                design.node(child).position.x - node.position.x,
                design.node(child).position.y - node.position.y,
            )
            for child in children
            if child in self.fixed
        }
        top = geo.CONTAINER_HEADER + geo.CONTAINER_PAD / 2
        inner = self.arrange(children, blocks, fixed, (geo.CONTAINER_PAD, top))
        width = max(
            inner.width + geo.CONTAINER_PAD, geo.CONTAINER_MIN[0], geo.group_title_width(node)
        )
        height = max(inner.height + geo.CONTAINER_PAD, geo.CONTAINER_MIN[1])
        if node.placement.pinned and node.placement.size is not None:
            width = max(width, node.placement.size.w)
            height = max(height, node.placement.size.h)
        shift = 0.0
        if not fixed:
            shift = (width - inner.width - geo.CONTAINER_PAD) / 2
        self.sizes[node_id] = Size(width, height)
        result = _Block(width, height, {node_id: (0.0, 0.0)}, {node_id: height / 2})
        inner.place(result, shift, 0.0)
        return result

    def arrange(
        self,
        members: list[str],
        blocks: dict[str, _Block],
        fixed: dict[str, tuple[float, float]],
        origin: tuple[float, float],
    ) -> _Block:
        """Members placed relative to their parent's top-left: fixed ones where they are, the
        others packed from origin, or below or right of the fixed ones when they would meet.
        The block's width and height reach to its right and bottom edge from (0, 0)."""
        result = _Block(0.0, 0.0)
        obstacles: list[tuple[float, float, float, float]] = []
        for member, (x, y) in fixed.items():
            blocks[member].place(result, x, y)
            obstacles.append((x, y, x + blocks[member].width, y + blocks[member].height))
        free = [m for m in members if m not in fixed]
        if free:
            packed = self.pack(free, blocks)
            candidates = [origin]
            if obstacles:
                candidates.append((origin[0], max(o[3] for o in obstacles) + COMPONENT_GAP))
                candidates.append((max(o[2] for o in obstacles) + COMPONENT_GAP, origin[1]))
            for x, y in candidates:
                box = (x, y, x + packed.width, y + packed.height)
                if not any(_overlap(box, o) for o in obstacles):
                    break
            packed.place(result, x, y)
            obstacles.append(box)
        result.width = max((o[2] for o in obstacles), default=0.0)
        result.height = max((o[3] for o in obstacles), default=0.0)
        return result

    # ---- sets of siblings --------------------------------------------------------------
    def links(self, members: list[str], blocks: dict[str, _Block]) -> list[_Link]:
        """Connections between different members' subtrees."""
        siblings = set(members)
        found: list[_Link] = []
        for edge in self.design.iter_edges():
            source = self._member(edge.source, siblings)
            target = self._member(edge.target, siblings)
            if source is None or target is None or source == target:
                continue
            found.append(
                _Link(
                    source,
                    target,
                    blocks[source].anchors[edge.source],
                    blocks[target].anchors[edge.target],
                    _label_width(edge),
                )
            )
        return found

    def _member(self, node_id: str, siblings: set[str]) -> str | None:
        if node_id in siblings:
            return node_id
        for ancestor in self.design.ancestors(node_id):
            if ancestor in siblings:
                return ancestor
        return None

    def linked_outside(self, members: list[str]) -> bool:
        """Whether most of the members connect to something outside their parent."""
        subtrees = {m: [m, *self.design.descendants(m)] for m in members}
        inside = {node_id for subtree in subtrees.values() for node_id in subtree}
        linked = sum(
            any(
                edge.source not in inside or edge.target not in inside
                for node_id in subtree
                for edge in self.design.edges_of(node_id)
            )
            for subtree in subtrees.values()
        )
        return 2 * linked > len(members)

    def pack(self, members: list[str], blocks: dict[str, _Block]) -> _Block:
        """Each connected set laid out in layers, the sets in rows in their drawn order."""
        links = self.links(members, blocks)
        graph = nx.Graph()
        graph.add_nodes_from(members)
        graph.add_edges_from((link.source, link.target) for link in links)
        position = {m: self.design.node(m).position for m in members}
        components = sorted(
            (sorted(c, key=members.index) for c in nx.connected_components(graph)),
            key=lambda c: min((position[m].y, position[m].x) for m in c),
        )
        laid = []
        for component in components:
            inside = set(component)
            laid.append(
                self.layered(
                    component,
                    blocks,
                    [k for k in links if k.source in inside and k.target in inside],
                )
            )
        limit = max(b.width for b in laid)
        singles = all(len(c) == 1 for c in components) and len(components) > SINGLES_PER_COLUMN
        if singles and not self.linked_outside(members):
            limit = max(limit, 1.4 * math.sqrt(sum(b.width * b.height for b in laid)))
        result = _Block(0.0, 0.0)
        x = y = row_height = 0.0
        for block in laid:
            if x > 0 and x + block.width > limit:
                y += row_height + COMPONENT_GAP
                x = row_height = 0.0
            block.place(result, x, y)
            result.width = max(result.width, x + block.width)
            result.height = max(result.height, y + block.height)
            row_height = max(row_height, block.height)
            x += block.width + COMPONENT_GAP
        return result

    def layered(self, members: list[str], blocks: dict[str, _Block], links: list[_Link]) -> _Block:
        columns = _columns(self.design, members, links)
        column_of = {m: index for index, column in enumerate(columns) for m in column}
        gaps = [COLUMN_GAP] * max(0, len(columns) - 1)
        for link in links:
            first = min(column_of[link.source], column_of[link.target])
            if column_of[link.source] != column_of[link.target]:
                wanted = min(MAX_COLUMN_GAP, link.label_width + LABEL_ROOM)
                gaps[first] = max(gaps[first], wanted)
        lanes = _lane_counts(columns, blocks)
        widths = [
            count * max(blocks[m].width for m in column) + (count - 1) * LANE_GAP
            for column, count in zip(columns, lanes, strict=True)
        ]
        tops: dict[str, float] = {}
        lane_of: dict[str, int] = {}
        for column, count in zip(columns, lanes, strict=True):
            heights = [0.0] * count
            for index, member in enumerate(column):
                lane = index % count
                lane_of[member] = lane
                tops[member] = heights[lane]
                heights[lane] += blocks[member].height + ROW_GAP
        neighbours: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
        for link in links:
            if column_of[link.source] == column_of[link.target]:
                continue
            neighbours[link.source].append((link.target, link.source_anchor, link.target_anchor))
            neighbours[link.target].append((link.source, link.target_anchor, link.source_anchor))
        for round_index in range(ALIGN_ROUNDS):
            order = range(len(columns)) if round_index % 2 == 0 else range(len(columns) - 1, -1, -1)
            for index in order:
                column, count = columns[index], lanes[index]
                desired = {}
                for member in column:
                    near = neighbours.get(member)
                    if not near:
                        desired[member] = tops[member]
                        continue
                    wished = [tops[other] + theirs - mine for other, mine, theirs in near]
                    desired[member] = _middle(wished)
                rank = {m: r for r, m in enumerate(column)}
                column.sort(key=lambda m: (desired[m], rank[m]))
                for position, member in enumerate(column):  # side by side at the same height
                    lane_of[member] = position % count
                groups = [[m for m in column if lane_of[m] == lane] for lane in range(count)]
                for group in groups:
                    placed = _spread(
                        [desired[m] for m in group], [blocks[m].height for m in group], ROW_GAP
                    )
                    for member, top in zip(group, placed, strict=True):
                        tops[member] = top
        for index, need in enumerate(_channel_widths(links, column_of, tops, len(gaps))):
            gaps[index] = max(gaps[index], need)
        lefts: list[float] = []
        x = 0.0
        for index, width in enumerate(widths):
            lefts.append(x)
            x += width + (gaps[index] if index < len(gaps) else 0.0)
        lowest = min(tops.values())
        result = _Block(0.0, 0.0)
        for index, column in enumerate(columns):
            lane_width = (widths[index] - (lanes[index] - 1) * LANE_GAP) / lanes[index]
            for member in column:
                block = blocks[member]
                left = lefts[index] + lane_of[member] * (lane_width + LANE_GAP)
                left += (lane_width - block.width) / 2
                top = tops[member] - lowest
                block.place(result, left, top)
                result.width = max(result.width, left + block.width)
                result.height = max(result.height, top + block.height)
        return result


def _channel_widths(
    links: list[_Link], column_of: dict[str, int], tops: dict[str, float], count: int
) -> list[float]:
    """Width each gap between neighbouring columns needs for the vertical runs of the
    connections across it: one track per run that overlaps others (the router keeps
    parallel segments SEPARATION apart), plus a margin either side."""
    events: list[list[tuple[float, int]]] = [[] for _ in range(count)]
    for link in links:
        first, second = column_of[link.source], column_of[link.target]
        if abs(first - second) != 1:
            continue
        ends = (tops[link.source] + link.source_anchor, tops[link.target] + link.target_anchor)
        if abs(ends[0] - ends[1]) < 1.0:
            continue
        events[min(first, second)] += [(min(ends), 1), (max(ends), -1)]
    widths = []
    for gap in events:
        running = deepest = 0
        for _y, step in sorted(gap):
            running += step
            deepest = max(deepest, running)
        widths.append(deepest * SEPARATION + 2 * CHANNEL_MARGIN if deepest else 0.0)
    return widths


def _middle(values: list[float]) -> float:
    """The median, so one far-off partner does not pull a member away from the rest."""
    ordered = sorted(values)
    half = len(ordered) // 2
    return ordered[half] if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2


def _lane_counts(columns: list[list[str]], blocks: dict[str, _Block]) -> list[int]:
    """How many lanes each column gets: a column that would stand much taller than the
    tallest block (and than LANE_HEIGHT) is split into lanes side by side, so a layer of
    hundreds of services stays as tall as what it connects to, not a column of its own."""
    tallest = max(LANE_HEIGHT, *(blocks[m].height for column in columns for m in column))
    counts = []
    for column in columns:
        stacked = sum(blocks[m].height + ROW_GAP for m in column) - ROW_GAP
        counts.append(max(1, min(len(column), math.ceil(stacked / tallest))))
    return counts


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _columns(design: Design, members: list[str], links: list[_Link]) -> list[list[str]]:
    """Layers by longest path along connections (sources pulled next to their first target),
    each ordered to reduce crossings, starting from the drawn order."""
    graph = nx.DiGraph()
    graph.add_nodes_from(members)
    graph.add_edges_from((k.source, k.target) for k in links)
    order = {node_id: index for index, node_id in enumerate(members)}
    for cycle_edge in _back_edges(graph, members):
        graph.remove_edge(*cycle_edge)
    layer: dict[str, int] = {}
    topological = list(nx.lexicographical_topological_sort(graph, key=order.__getitem__))
    for node_id in topological:
        preds = list(graph.predecessors(node_id))
        layer[node_id] = 1 + max((layer[p] for p in preds), default=-1)
    for node_id in reversed(topological):
        succs = list(graph.successors(node_id))
        if succs and not list(graph.predecessors(node_id)):
            layer[node_id] = min(layer[s] for s in succs) - 1
    lowest = min(layer.values())
    grouped: dict[int, list[str]] = defaultdict(list)
    drawn = {m: (design.node(m).position.y, design.node(m).position.x) for m in members}
    for node_id in sorted(members, key=lambda m: drawn[m]):
        grouped[layer[node_id] - lowest].append(node_id)
    columns = [grouped[index] for index in sorted(grouped)]
    return _order_by_barycentre(graph, columns)


def _back_edges(graph: nx.DiGraph, members: list[str]) -> list[tuple[str, str]]:
    """Edges closing a cycle in depth-first order, removed so layering is defined."""
    found: list[tuple[str, str]] = []
    state: dict[str, int] = {}
    for start in members:
        if start in state:
            continue
        stack = [(start, iter(graph.successors(start)))]
        state[start] = 1
        while stack:
            node, successors = stack[-1]
            advanced = False
            for nxt in successors:
                if state.get(nxt) == 1:
                    found.append((node, nxt))
                elif nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, iter(graph.successors(nxt))))
                    advanced = True
                    break
            if not advanced:
                state[node] = 2
                stack.pop()
    return found


def _order_by_barycentre(graph: nx.DiGraph, columns: list[list[str]]) -> list[list[str]]:
    """Order each column by the mean row of its neighbours in the columns already ordered,
    sweeping right then left a few times, to reduce crossings."""
    row: dict[str, float] = {}
    for column in columns:
        for index, node_id in enumerate(column):
            row[node_id] = index - (len(column) - 1) / 2
    result = [list(column) for column in columns]
    for sweep in range(ORDER_SWEEPS):
        forward = sweep % 2 == 0
        indices = range(len(result)) if forward else range(len(result) - 1, -1, -1)
        for index in indices:
            column = result[index]

            def key(node_id: str, forward: bool = forward) -> tuple[float, float]:
                near = graph.predecessors(node_id) if forward else graph.successors(node_id)
                rows = [row[n] for n in near]
                return (sum(rows) / len(rows) if rows else row[node_id], row[node_id])

            column.sort(key=key)
            for position, node_id in enumerate(column):
                row[node_id] = position - (len(column) - 1) / 2
    return result


def auto_layout(design: Design) -> Command:
    """One undoable command laying the whole design out; pinned nodes keep their place."""
    layout = _Layout(design)
    roots = design.children(None)
    blocks = {root: layout.block(root) for root in roots}
    fixed = {
        root: (design.node(root).position.x, design.node(root).position.y)
        for root in roots
        if root in layout.fixed
    }
    free = [root for root in roots if root not in fixed]
    if free:
        origin = (
            min(design.node(r).position.x for r in free),
            min(design.node(r).position.y for r in free),
        )
    else:
        origin = (ORIGIN_GAP, ORIGIN_GAP)
    whole = layout.arrange(roots, blocks, fixed, origin)
    positions: dict[str, Point] = {}
    for node_id, (x, y) in whole.offsets.items():
        node = design.node(node_id)
        if node_id in layout.fixed:
            continue
        target = Point(round(x), round(y))
        if target != node.position:
            positions[node_id] = target
    commands: list[Command] = []
    for node_id, size in layout.sizes.items():
        node = design.node(node_id)
        rounded = Size(round(size.w), round(size.h))
        if node.placement.size != rounded:
            commands.append(Resize(node_id, rounded))
    commands.append(Move(positions))
    return Macro("Auto layout", commands)
