"""Top-down layered layout of a workflow graph, as Workflow Studio draws it.

A small Sugiyama layout, written here because the libraries that do layered layout either need
Graphviz (an optional tool for ArchCanvas) or lay out flat graphs only (grandalf), while a
workflow nests whole graphs inside Parallel and Map frames. Each States block is laid out on its
own, innermost first, and a Parallel or Map is a box as large as its frames in the block around it:

1. loops are broken by a depth-first walk from the start in definition order (back arrows);
2. layers by longest path, arrows spanning layers get dummy points that keep a free column;
3. order within layers by barycentre sweeps; x by isotonic regression towards the neighbours;
4. channels between layers and room beside the states a loop passes are sized for the arrows.

The arrows are then routed by model.routing, the architecture canvas's router and label
placer (route_workflow): every arrow leaves its state at the bottom and enters the next at the
top, a loop goes round the states it passes, an arrow spanning layers is offered the dummies'
column, and arrows into the same state merge before it. Everything is deterministic, so the
drawing is stable across edits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from model.routing import SEPARATION, LabelPlacer, Link, Port, Router, Shape
from model.routing import Box as RBox

from .graph import (
    CATCH,
    CHOICE,
    DEFAULT,
    END,
    START,
    BlockId,
    StateId,
    Transition,
    WorkflowGraph,
    is_marker,
    marker,
)

MARKER = 26.0
GAP_X = 36.0
DUMMY_W = 14.0
CHANNEL = 44.0
LABELLED_CHANNEL = 80.0
TRACK = 11.0
PORT_GAP = 7.0
LANE = 14.0
HEADER = 44.0
FRAME_TITLE = 24.0
FRAME_PAD = 16.0
FRAME_GAP = 20.0
COMPOUND_PAD = 14.0
CHAR_W = 6.3

SIZES = {
    "Task": (220.0, 58.0),
    "Choice": (200.0, 50.0),
    "Pass": (200.0, 44.0),
    "Wait": (200.0, 44.0),
    "Succeed": (150.0, 40.0),
    "Fail": (150.0, 40.0),
}
DEFAULT_SIZE = (200.0, 44.0)


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.x + dx, self.y + dy, self.w, self.h)

    def overlaps(self, other: Box) -> bool:
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )


Point = tuple[float, float]
Pulls = dict[StateId, list[tuple[StateId, float]]]
CATCH_PULL = 0.1
"""How strongly a Catch arrow pulls its ends into line: little, so the happy path runs straight."""


@dataclass
class Route:
    transition: Transition
    points: list[Point]
    """As model.routing routed it, from the source's edge to the target's."""
    back: bool = False
    """A loop back up the flow."""
    label: Box | None = None
    """Where model.routing's label placer put the transition's label."""
    hint: list[Point] = field(default_factory=list)
    """The free column the layout kept for an arrow spanning layers (see Link.hint)."""


@dataclass
class WorkflowLayout:
    boxes: dict[StateId, Box] = field(default_factory=dict)
    """Every state and marker, in scene coordinates."""
    frames: dict[BlockId, Box] = field(default_factory=dict)
    """Each Parallel branch or Map item processor."""
    routes: list[Route] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0

    def route_of(self, source: StateId, field_name: str) -> Route | None:
        for route in self.routes:
            if route.transition.source == source and route.transition.field == field_name:
                return route
        return None


@dataclass
class _Local:
    """One block laid out at the origin."""

    width: float
    height: float
    boxes: dict[StateId, Box]
    frames: dict[BlockId, Box]
    routes: list[Route]


def label_width(text: str) -> float:
    return len(text) * CHAR_W + 12


def layout_workflow(
    graph: WorkflowGraph, measure: Callable[[str], float] = label_width
) -> WorkflowLayout:
    """Positions of every state and frame of the graph, and its arrows as model.routing routes
    them among those shapes (measure gives a label's width)."""
    if () not in graph.blocks:
        return WorkflowLayout()
    by_block: dict[BlockId, list[Transition]] = {}
    for transition in graph.transitions:
        by_block.setdefault(transition.source[:-1], []).append(transition)
    local = _layout_block(graph, (), by_block)
    layout = WorkflowLayout(local.boxes, local.frames, local.routes, local.width, local.height)
    route_workflow(graph, layout, measure)
    return layout


def shape_id(state_id: StateId) -> str:
    return "\x1f".join(state_id)


def link_id(transition: Transition) -> str:
    return f"{shape_id(transition.source)}\x1e{transition.field}"


def _ports(box: Box) -> dict[str, Port]:
    """One port per side, PORT_GAP outside it (the router keeps lines CLEARANCE off a shape),
    sliding along the side when arrows are separated."""
    inset_x, inset_y = min(24.0, box.w / 2 - 2), min(12.0, box.h / 2 - 2)
    cx, cy = box.cx, box.y + box.h / 2
    return {
        "top": Port(cx, box.y - PORT_GAP, box.x + inset_x, box.right - inset_x),
        "bottom": Port(cx, box.bottom + PORT_GAP, box.x + inset_x, box.right - inset_x),
        "left": Port(box.x - PORT_GAP, cy, box.y + inset_y, box.bottom - inset_y),
        "right": Port(box.right + PORT_GAP, cy, box.y + inset_y, box.bottom - inset_y),
    }


def _edges(box: Box) -> RBox:
    return RBox(box.x, box.y, box.right, box.bottom)


def workflow_shapes(graph: WorkflowGraph, layout: WorkflowLayout) -> list[Shape]:
    """The router's view of the drawing: a state keeps every line off it; a Parallel or Map
    keeps lines off its header and is a frame (as an architecture group is), so only its
    branches' arrows run inside; each branch frame keeps lines off its title."""
    shapes: list[Shape] = []
    for state_id, box in layout.boxes.items():
        edges = _edges(box)
        if not is_marker(state_id) and graph.states[state_id].blocks:
            header = RBox(box.x, box.y, box.right, box.y + HEADER)
            shapes.append(Shape(shape_id(state_id), edges, _ports(box), (header,), edges))
        else:
            shapes.append(Shape(shape_id(state_id), edges, _ports(box), (edges,)))
    for block_id, frame in layout.frames.items():
        edges = _edges(frame)
        title = RBox(frame.x, frame.y, frame.right, frame.y + FRAME_TITLE)
        shapes.append(Shape("\x1d" + shape_id(block_id), edges, {}, (title,), edges))
    return shapes


def workflow_links(layout: WorkflowLayout) -> list[Link]:
    """Every arrow leaves its state at the bottom and enters the next at the top, loops too;
    a state's Catch arrows are bundled apart from its other arrows."""
    return [
        Link(
            link_id(route.transition),
            shape_id(route.transition.source),
            shape_id(route.transition.target),
            "catch" if route.transition.kind == CATCH else "flow",
            ("bottom", "top"),
            tuple(route.hint),
            merge=True,
        )
        for route in layout.routes
    ]


def route_workflow(
    graph: WorkflowGraph, layout: WorkflowLayout, measure: Callable[[str], float] = label_width
) -> None:
    """Route every arrow of the layout with model.routing (the architecture canvas's router
    and label placer) and keep the routes and labels on the layout's Route objects."""
    router = Router()
    router.tracking = False
    labels = LabelPlacer(router, avoid_lines=True)
    for shape in workflow_shapes(graph, layout):
        router.set_shape(shape)
    for link, route in zip(workflow_links(layout), layout.routes, strict=True):
        router.add_link(link)
        if route.transition.label:
            labels.set_widths(link.id, [measure(route.transition.label)])
    router.update()
    labels.update(set(router.links))
    for route in layout.routes:
        key = link_id(route.transition)
        route.points = touching(
            router.route(key),
            layout.boxes[route.transition.source],
            layout.boxes[route.transition.target],
        )
        placed = labels.label(key)
        if placed is not None:
            box = placed[1]
            route.label = Box(box.left, box.top, box.width, box.height)


def touching(points: list[Point], source: Box, target: Box) -> list[Point]:
    """The route drawn from the source's edge to the target's: its end segments, which leave
    and enter a port PORT_GAP off each side, carried on to the side."""
    if len(points) < 2:
        return list(points)
    result = list(points)
    for end, inner, box in ((0, 1, source), (-1, -2, target)):
        (x, y), (ix, iy) = result[end], result[inner]
        if abs(x - ix) < 1e-6:
            y = box.bottom if iy > y else box.y
        else:
            x = box.right if ix > x else box.x
        result[end] = (x, y)
    return result


def _state_size(
    graph: WorkflowGraph, state_id: StateId, by_block: dict[BlockId, list[Transition]]
) -> tuple[float, float, list[_Local]]:
    if is_marker(state_id):
        return MARKER, MARKER, []
    view = graph.states[state_id]
    if not view.blocks:
        width, height = SIZES.get(view.type, DEFAULT_SIZE)
        return width, height, []
    inner = [_layout_block(graph, block, by_block) for block in view.blocks]
    frames_w = sum(i.width + 2 * FRAME_PAD for i in inner) + FRAME_GAP * (len(inner) - 1)
    frames_h = max(i.height for i in inner) + FRAME_TITLE + 2 * FRAME_PAD
    width = max(SIZES["Task"][0], frames_w + 2 * COMPOUND_PAD)
    height = HEADER + frames_h + COMPOUND_PAD
    return width, height, inner


def _layout_block(
    graph: WorkflowGraph, block_id: BlockId, by_block: dict[BlockId, list[Transition]]
) -> _Local:
    """One States block laid out at the origin; by_block holds the graph's transitions by the
    block they start in."""
    block = graph.blocks[block_id]
    top = block_id == ()
    nodes: list[StateId] = list(block.states)
    if top:
        nodes = [marker((), START), *nodes, marker((), END)]
    node_set = set(nodes)
    size: dict[StateId, tuple[float, float]] = {}
    inner: dict[StateId, list[_Local]] = {}
    for node in nodes:
        width, height, nested = _state_size(graph, node, by_block)
        size[node] = (width, height)
        if nested:
            inner[node] = nested
    edges = [t for t in by_block.get(block_id, ()) if t.source in node_set and t.target in node_set]

    out: dict[StateId, list[int]] = {n: [] for n in nodes}
    for index, edge in enumerate(edges):
        out[edge.source].append(index)
    roots = [marker((), START)] if top else ([(*block_id, block.start)] if block.start else [])
    back, preorder = _back_edges(nodes, roots, edges, out)

    layer = _layers(nodes, edges, back, top, preorder)
    # dummy chains for long forward edges
    chain: dict[int, list[StateId]] = {}
    layer_of: dict[StateId, int] = dict(layer)
    for index, edge in enumerate(edges):
        if index in back:
            continue
        span = layer[edge.target] - layer[edge.source]
        dummies: list[StateId] = []
        for step in range(1, span):
            dummy: StateId = (*block_id, f"\x01{index}.{step}")
            layer_of[dummy] = layer[edge.source] + step
            size[dummy] = (DUMMY_W, 0.0)
            dummies.append(dummy)
        chain[index] = [edge.source, *dummies, edge.target]

    depth = max(layer_of.values(), default=0) + 1
    layers: list[list[StateId]] = [[] for _ in range(depth)]
    rank = {n: i for i, n in enumerate(preorder)}
    for node, number in layer_of.items():
        layers[number].append(node)
    for row in layers:
        row.sort(key=lambda n: _initial_rank(n, rank, edges))

    up: dict[StateId, list[StateId]] = {}
    down: dict[StateId, list[StateId]] = {}
    pull_up: Pulls = {}
    pull_down: Pulls = {}
    for index, hops in chain.items():
        weight = CATCH_PULL if edges[index].kind == CATCH else 1.0
        for a, b in zip(hops, hops[1:], strict=False):
            down.setdefault(a, []).append(b)
            up.setdefault(b, []).append(a)
            pull_down.setdefault(a, []).append((b, weight))
            pull_up.setdefault(b, []).append((a, weight))
    _order(layers, up, down)
    centre = _x_positions(layers, size, pull_up, pull_down)

    # vertical placement, with channels sized for the arrows that run sideways in them
    tracks: dict[int, list[int]] = {}
    labelled: set[int] = set()
    for index, edge in enumerate(edges):
        if index in back:
            tracks.setdefault(layer[edge.source] + 1, []).append(index)
            tracks.setdefault(layer[edge.target], []).append(index)
        else:
            for hop in chain[index][1:]:
                tracks.setdefault(layer_of[hop], []).append(index)
            if edge.kind in (CHOICE, DEFAULT, CATCH):
                labelled.add(layer[edge.source] + 1)
    channel_h: list[float] = []
    for number in range(depth + 1):
        base = LABELLED_CHANNEL if number in labelled else CHANNEL
        if number == 0 or number == depth:
            base = 0.0 if number not in tracks else CHANNEL / 2
        crossing = len(tracks.get(number, []))
        # the router separates sideways runs SEPARATION apart and keeps them a stub's length
        # (2 SEPARATION) from the ports above and below
        needed = 2 * (PORT_GAP + 2 * SEPARATION) + SEPARATION * (crossing - 2)
        channel_h.append(max(base, TRACK * (crossing + 1), needed if crossing > 1 else 0.0))
    layer_top: list[float] = []
    layer_h: list[float] = []
    y = channel_h[0]
    for number, row in enumerate(layers):
        layer_top.append(y)
        height = max((size[n][1] for n in row), default=0.0)
        layer_h.append(height)
        y += height + channel_h[number + 1]
    total_h = y

    boxes: dict[StateId, Box] = {}
    for number, row in enumerate(layers):
        for node in row:
            width, height = size[node]
            boxes[node] = Box(
                centre[node] - width / 2,
                layer_top[number],  # top-aligned: arrows into a layer turn at one height
                width,
                height,
            )

    def channel_track(number: int, index: int) -> float:
        """The y of edge index's sideways run in the channel above layer number."""
        members = tracks.get(number, [])
        position = members.index(index) + 1 if index in members else 1
        top_y = (layer_top[number - 1] + layer_h[number - 1]) if number > 0 else 0.0
        return top_y + channel_h[number] * position / (len(members) + 1)

    routes: list[Route] = []
    lanes = 0
    right_edge = max((b.right for b in boxes.values()), default=0.0)
    for index, edge in enumerate(edges):
        if index in back:
            # room for the router's loop round the states the back arrow passes
            lanes += 1
            first, last = layer[edge.target], layer[edge.source]
            span_right = max(
                boxes[n].right for number in range(first, last + 1) for n in layers[number]
            )
            right_edge = max(right_edge, span_right + LANE * (lanes + 1))
            routes.append(Route(edge, [], back=True))
            continue
        steps = chain[index]
        hint: list[Point] = []
        number = layer[edge.source]
        short = boxes[edge.source].bottom < layer_top[number] + layer_h[number] - 1
        if len(steps) > 2 or short:
            # spanning layers, the dummies' column is kept free for it; from a state shorter
            # than its layer, the way sideways is the channel below the layer, not beside
            # the taller states of the layer (where a Z through the middle would run)
            x = boxes[edge.source].cx
            hint = [(x, boxes[edge.source].bottom + PORT_GAP)]
            for hop in steps[1:]:
                if len(steps) > 2:
                    cy = channel_track(layer_of[hop], index)
                else:
                    above = layer_of[hop] - 1
                    cy = layer_top[above] + layer_h[above] + channel_h[layer_of[hop]] / 2
                nx = boxes[hop].cx
                hint += [(x, cy), (nx, cy)]
                x = nx
            hint.append((x, boxes[steps[-1]].y - PORT_GAP))
        routes.append(Route(edge, [], hint=_simplify(hint)))

    frames: dict[BlockId, Box] = {}
    for node, nested in inner.items():
        box = boxes[node]
        fx = box.x + COMPOUND_PAD
        frames_w = sum(i.width + 2 * FRAME_PAD for i in nested) + FRAME_GAP * (len(nested) - 1)
        fx += (box.w - 2 * COMPOUND_PAD - frames_w) / 2
        frame_h = box.h - HEADER - COMPOUND_PAD
        for sub_block, local in zip(graph.states[node].blocks, nested, strict=True):
            frame = Box(fx, box.y + HEADER, local.width + 2 * FRAME_PAD, frame_h)
            frames[sub_block] = frame
            dx = fx + FRAME_PAD
            dy = box.y + HEADER + FRAME_TITLE + FRAME_PAD
            for key, inner_box in local.boxes.items():
                boxes[key] = inner_box.moved(dx, dy)
            for key, inner_frame in local.frames.items():
                frames[key] = inner_frame.moved(dx, dy)
            for route in local.routes:
                route.hint = [(px + dx, py + dy) for px, py in route.hint]
                routes.append(route)
            fx += frame.w + FRAME_GAP
    for node in list(boxes):
        if node[-1].startswith("\x01"):
            del boxes[node]
    return _Local(right_edge, total_h, boxes, frames, routes)


def _initial_rank(node: StateId, rank: dict[StateId, int], edges: list[Transition]) -> float:
    if node in rank:
        return float(rank[node])
    index, step = node[-1][1:].split(".")
    return rank.get(edges[int(index)].source, 0) + 0.5 + int(step) / 1000


def _back_edges(
    nodes: list[StateId],
    roots: list[StateId],
    edges: list[Transition],
    out: dict[StateId, list[int]],
) -> tuple[set[int], list[StateId]]:
    """Arrows that close a loop, found by an iterative depth-first walk; and the preorder."""
    back: set[int] = set()
    state: dict[StateId, int] = {}  # 1 on the stack, 2 done
    preorder: list[StateId] = []
    for root in [*roots, *nodes]:
        if root in state:
            continue
        state[root] = 1
        preorder.append(root)
        stack: list[tuple[StateId, int]] = [(root, 0)]
        while stack:
            node, position = stack[-1]
            if position < len(out[node]):
                stack[-1] = (node, position + 1)
                index = out[node][position]
                target = edges[index].target
                if state.get(target) == 1:
                    back.add(index)
                elif target not in state:
                    state[target] = 1
                    preorder.append(target)
                    stack.append((target, 0))
            else:
                state[node] = 2
                stack.pop()
    return back, preorder


def _layers(
    nodes: list[StateId],
    edges: list[Transition],
    back: set[int],
    top: bool,
    preorder: list[StateId],
) -> dict[StateId, int]:
    incoming: dict[StateId, list[StateId]] = {n: [] for n in nodes}
    outgoing: dict[StateId, list[StateId]] = {n: [] for n in nodes}
    for index, edge in enumerate(edges):
        if index not in back:
            incoming[edge.target].append(edge.source)
            outgoing[edge.source].append(edge.target)
    remaining = {n: len(incoming[n]) for n in nodes}
    ready = [n for n in preorder if remaining[n] == 0]
    layer: dict[StateId, int] = {}
    end = marker((), END)
    start = marker((), START)
    while ready:
        node = ready.pop(0)
        base = 1 if top and node not in (start, end) else 0
        layer[node] = max([base, *(layer[p] + 1 for p in incoming[node])])
        for target in outgoing[node]:
            remaining[target] -= 1
            if remaining[target] == 0:
                ready.append(target)
    if top:
        layer[end] = max((v for k, v in layer.items() if k != end), default=0) + 1
    return layer


def _order(
    layers: list[list[StateId]],
    up: dict[StateId, list[StateId]],
    down: dict[StateId, list[StateId]],
) -> None:
    """Barycentre sweeps, down then up, keeping ties in their current order."""
    for _ in range(2):
        for number in range(1, len(layers)):
            _sort_by(layers[number], layers[number - 1], up)
        for number in range(len(layers) - 2, -1, -1):
            _sort_by(layers[number], layers[number + 1], down)


def _sort_by(
    row: list[StateId], other: list[StateId], neighbours: dict[StateId, list[StateId]]
) -> None:
    position = {n: i for i, n in enumerate(other)}
    keys: dict[StateId, float] = {}
    for index, node in enumerate(row):
        near = [position[n] for n in neighbours.get(node, []) if n in position]
        keys[node] = sum(near) / len(near) if near else float(index)
    row.sort(key=lambda n: keys[n])


def _x_positions(
    layers: list[list[StateId]],
    size: dict[StateId, tuple[float, float]],
    up: Pulls,
    down: Pulls,
) -> dict[StateId, float]:
    centre: dict[StateId, float] = {}
    for row in layers:
        x = 0.0
        for node in row:
            width = size[node][0]
            centre[node] = x + width / 2
            x += width + _gap(node)
    for _ in range(4):
        for number in range(1, len(layers)):
            _place(layers[number], size, centre, up)
        for number in range(len(layers) - 2, -1, -1):
            _place(layers[number], size, centre, down)
    for number in range(1, len(layers)):
        _place(layers[number], size, centre, up)
    left = min((centre[n] - size[n][0] / 2 for row in layers for n in row), default=0.0)
    return {n: x - left for n, x in centre.items()}


def _gap(node: StateId) -> float:
    return GAP_X / 2 if node[-1].startswith("\x01") else GAP_X


def _place(
    row: list[StateId],
    size: dict[StateId, tuple[float, float]],
    centre: dict[StateId, float],
    neighbours: Pulls,
) -> None:
    """Move a layer's centres as close as possible to the mean of their neighbours' centres
    while keeping order and spacing: isotonic regression by pool-adjacent-violators."""
    if not row:
        return
    offsets = [0.0]
    for a, b in zip(row, row[1:], strict=False):
        offsets.append(offsets[-1] + size[a][0] / 2 + max(_gap(a), _gap(b)) + size[b][0] / 2)
    wanted: list[tuple[float, float]] = []
    for node in row:
        near = [(centre[n], w) for n, w in neighbours.get(node, []) if n in centre]
        total = sum(w for _, w in near)
        if total:
            wanted.append((sum(x * w for x, w in near) / total, total))
        else:
            wanted.append((centre[node], 0.05))
    pools: list[list[float]] = []  # [weighted sum, weight, members]
    for (value, weight), offset in zip(wanted, offsets, strict=True):
        pools.append([(value - offset) * weight, weight, 1.0])
        while len(pools) > 1 and pools[-2][0] / pools[-2][1] > pools[-1][0] / pools[-1][1]:
            total, weight_sum, members = pools.pop()
            pools[-1][0] += total
            pools[-1][1] += weight_sum
            pools[-1][2] += members
    index = 0
    for total, weight_sum, members in pools:
        for _ in range(int(members)):
            centre[row[index]] = total / weight_sum + offsets[index]
            index += 1


def _simplify(points: list[Point]) -> list[Point]:
    """Drop repeated and collinear points of an orthogonal polyline."""
    result: list[Point] = []
    for point in points:
        if result and abs(result[-1][0] - point[0]) < 1e-6 and abs(result[-1][1] - point[1]) < 1e-6:
            continue
        if len(result) >= 2:
            (ax, ay), (bx, by) = result[-2], result[-1]
            if (abs(ax - bx) < 1e-6 and abs(bx - point[0]) < 1e-6) or (
                abs(ay - by) < 1e-6 and abs(by - point[1]) < 1e-6
            ):
                result[-1] = point
                continue
        result.append(point)
    return result


def segment_hits_box(a: Point, b: Point, box: Box, inset: float = 1.0) -> bool:
    """Whether the axis-parallel segment a-b passes through the inside of box."""
    left, right = min(a[0], b[0]), max(a[0], b[0])
    top, bottom = min(a[1], b[1]), max(a[1], b[1])
    return (
        left < box.right - inset
        and right > box.x + inset
        and top < box.bottom - inset
        and bottom > box.y + inset
    )
