"""Automatic layout: layered left to right along connections, groups kept together.

Each container's direct contents are laid out first (recursively) and the container is then
placed as one block by its parent, so a group never splits. Pinned nodes stay where they are.
The result is one undoable command: a Macro of resizes (groups grow to fit) and a Move."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from app.canvas import geometry as geo
from model.commands import Command, Macro, Move, Resize
from model.design import Design
from model.elements import Point, Size

COLUMN_GAP = 80.0
ROW_GAP = 40.0
ORIGIN_GAP = 40.0


class _Block:
    """A laid-out subtree: its size and its members' offsets from its top-left."""

    def __init__(self, width: float, height: float, offsets: dict[str, tuple[float, float]]):
        self.width = width
        self.height = height
        self.offsets = offsets


def _top_of(design: Design, node_id: str, siblings: set[str]) -> str | None:
    """The sibling whose subtree holds node_id (node_id itself or one of its ancestors)."""
    if node_id in siblings:
        return node_id
    for ancestor in design.ancestors(node_id):
        if ancestor in siblings:
            return ancestor
    return None


def _layers(design: Design, members: list[str]) -> list[list[str]]:
    """Columns of members by longest path along connections between their subtrees."""
    siblings = set(members)
    graph = nx.DiGraph()
    graph.add_nodes_from(members)
    for edge in design.iter_edges():
        source = _top_of(design, edge.source, siblings)
        target = _top_of(design, edge.target, siblings)
        if source is not None and target is not None and source != target:
            graph.add_edge(source, target)
    order = {node_id: index for index, node_id in enumerate(members)}
    for cycle_edge in _back_edges(graph, members):
        graph.remove_edge(*cycle_edge)
    layer: dict[str, int] = {}
    for node_id in nx.lexicographical_topological_sort(graph, key=order.__getitem__):
        preds = list(graph.predecessors(node_id))
        layer[node_id] = 1 + max((layer[p] for p in preds), default=-1)
    columns: dict[int, list[str]] = defaultdict(list)
    for node_id in members:
        columns[layer[node_id]].append(node_id)
    result = [columns[index] for index in sorted(columns)]
    return _order_by_barycentre(graph, result, order)


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


def _order_by_barycentre(
    graph: nx.DiGraph, columns: list[list[str]], order: dict[str, int]
) -> list[list[str]]:
    """Order each column by the mean row of its predecessors, to reduce crossings."""
    row: dict[str, float] = {}
    result: list[list[str]] = []
    for column in columns:

        def key(node_id: str) -> tuple[float, int]:
            preds = [row[p] for p in graph.predecessors(node_id) if p in row]
            return (sum(preds) / len(preds) if preds else float(order[node_id]), order[node_id])

        ordered = sorted(column, key=key)
        for index, node_id in enumerate(ordered):
            row[node_id] = float(index)
        result.append(ordered)
    return result


def _layout_members(design: Design, members: list[str], blocks: dict[str, _Block]) -> _Block:
    """Place member blocks in columns; returns the combined block (offsets of all subtrees)."""
    offsets: dict[str, tuple[float, float]] = {}
    x = 0.0
    height = 0.0
    columns = _layers(design, members)
    column_sizes = []
    for column in columns:
        width = max(blocks[m].width for m in column)
        total = sum(blocks[m].height for m in column) + ROW_GAP * (len(column) - 1)
        column_sizes.append((width, total))
        height = max(height, total)
    for column, (width, total) in zip(columns, column_sizes, strict=True):
        y = (height - total) / 2
        for member in column:
            block = blocks[member]
            left = x + (width - block.width) / 2
            for node_id, (dx, dy) in block.offsets.items():
                offsets[node_id] = (left + dx, y + dy)
            y += block.height + ROW_GAP
        x += width + COLUMN_GAP
    width = x - COLUMN_GAP if columns else 0.0
    return _Block(width, height, offsets)


def _block(design: Design, node_id: str, sizes: dict[str, Size]) -> _Block:
    node = design.node(node_id)
    spec = design.catalog.get(node.kind)
    children = design.children(node_id)
    if not spec.is_container or not children:
        width, height = geo.node_size(design, node)
        return _Block(width, height, {node_id: (0.0, 0.0)})
    blocks = {child: _block(design, child, sizes) for child in children}
    inner = _layout_members(design, children, blocks)
    width = max(
        inner.width + 2 * geo.CONTAINER_PAD, geo.CONTAINER_MIN[0], geo.group_title_width(node)
    )
    height = max(
        inner.height + geo.CONTAINER_HEADER + 1.5 * geo.CONTAINER_PAD, geo.CONTAINER_MIN[1]
    )
    sizes[node_id] = Size(width, height)
    offsets = {node_id: (0.0, 0.0)}
    left = (width - inner.width) / 2
    for member, (dx, dy) in inner.offsets.items():
        offsets[member] = (left + dx, geo.CONTAINER_HEADER + geo.CONTAINER_PAD / 2 + dy)
    return _Block(width, height, offsets)


def auto_layout(design: Design) -> Command:
    """One undoable command laying the whole design out; pinned nodes keep their place."""
    sizes: dict[str, Size] = {}
    roots = design.children(None)
    blocks = {root: _block(design, root, sizes) for root in roots}
    whole = _layout_members(design, roots, blocks)
    nodes = design.nodes
    if nodes:
        origin_x = min(n.position.x for n in nodes)
        origin_y = min(n.position.y for n in nodes)
    else:
        origin_x = origin_y = ORIGIN_GAP
    positions: dict[str, Point] = {}
    shifts: dict[str, tuple[float, float]] = {}
    for node_id, (dx, dy) in sorted(
        whole.offsets.items(), key=lambda item: len(design.ancestors(item[0]))
    ):
        node = design.node(node_id)
        parent_shift = shifts.get(node.parent, (0.0, 0.0)) if node.parent else (0.0, 0.0)
        computed = (origin_x + dx + parent_shift[0], origin_y + dy + parent_shift[1])
        if node.placement.pinned:
            shifts[node_id] = (
                parent_shift[0] + node.position.x - computed[0],
                parent_shift[1] + node.position.y - computed[1],
            )
            continue
        shifts[node_id] = parent_shift
        target = Point(round(computed[0]), round(computed[1]))
        if target != node.position:
            positions[node_id] = target
    commands: list[Command] = []
    for node_id, size in sizes.items():
        node = design.node(node_id)
        if node.placement.pinned:
            continue
        rounded = Size(round(size.w), round(size.h))
        if node.placement.size != rounded:
            commands.append(Resize(node_id, rounded))
    commands.append(Move(positions))
    return Macro("Auto layout", commands)
