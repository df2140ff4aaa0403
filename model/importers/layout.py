"""A first layout for imported designs, without Qt: each container's members in columns by
the flow of their connections (sources left, targets right), containers sized around them.
The editor can refine it with its own auto layout (app/canvas/layout.py)."""

from __future__ import annotations

import networkx as nx

from model.design import Design
from model.elements import Point, Size

NODE_W, NODE_H = 120.0, 100.0
GAP_X, GAP_Y = 60.0, 40.0
HEADER, PAD = 36.0, 24.0


def lay_out(design: Design) -> None:
    """Place every node of design (through its mutators): sizes and offsets inside each
    container first, then absolute positions from the canvas down."""
    offsets: dict[str, tuple[float, float]] = {}
    sizes: dict[str, tuple[float, float]] = {}
    _arrange(design, None, offsets, sizes)
    stack: list[tuple[str | None, float, float]] = [(None, 0.0, 0.0)]
    while stack:
        parent, base_x, base_y = stack.pop()
        for child in design.children(parent):
            dx, dy = offsets[child]
            x, y = base_x + dx, base_y + dy
            design.move(child, Point(x, y))
            if child in sizes:
                design.resize(child, Size(*sizes[child]))
                stack.append((child, x, y))


def _arrange(
    design: Design,
    parent: str | None,
    offsets: dict[str, tuple[float, float]],
    sizes: dict[str, tuple[float, float]],
) -> tuple[float, float]:
    """Offsets of parent's members relative to it, and the size parent needs."""
    members = design.children(parent)
    for member in members:
        if design.spec(member).is_container:
            sizes[member] = _arrange(design, member, offsets, sizes)
    leaves = [m for m in members if not design.spec(m).is_container]
    groups = [m for m in members if design.spec(m).is_container]
    columns = _columns(design, leaves)
    origin_x = PAD if parent is not None else 0.0
    origin_y = HEADER if parent is not None else 0.0
    x = origin_x
    height = 0.0
    for column in columns:
        y = origin_y
        for node_id in column:
            offsets[node_id] = (x, y)
            y += NODE_H + GAP_Y
        height = max(height, y - GAP_Y - origin_y)
        x += NODE_W + GAP_X
    width = x - GAP_X - origin_x if columns else 0.0
    row_y = origin_y + (height + GAP_Y if columns else 0.0)
    group_x = origin_x
    row_height = 0.0
    limit = max(width, 1400.0)
    for group in groups:
        w, h = sizes[group]
        if group_x > origin_x and group_x + w > origin_x + limit:
            group_x = origin_x
            row_y += row_height + GAP_Y
            row_height = 0.0
        offsets[group] = (group_x, row_y)
        group_x += w + GAP_X
        row_height = max(row_height, h)
        width = max(width, group_x - GAP_X - origin_x)
    bottom = row_y + row_height if groups else origin_y + height
    return (max(width + 2 * PAD, 200.0), max(bottom + PAD, 120.0))


def _columns(design: Design, members: list[str]) -> list[list[str]]:
    if not members:
        return []
    inside = set(members)
    graph: nx.DiGraph = nx.DiGraph()
    graph.add_nodes_from(members)
    for edge in design.iter_edges():
        if edge.source in inside and edge.target in inside and edge.source != edge.target:
            graph.add_edge(edge.source, edge.target)
    while True:
        try:
            cycle = nx.find_cycle(graph)
        except nx.NetworkXNoCycle:
            break
        graph.remove_edge(*cycle[-1][:2])
    rank: dict[str, int] = {}
    for node_id in nx.topological_sort(graph):
        preds = [rank[p] for p in graph.predecessors(node_id)]
        rank[node_id] = max(preds) + 1 if preds else 0
    columns: list[list[str]] = [[] for _ in range(max(rank.values()) + 1)]
    for node_id in members:
        columns[rank[node_id]].append(node_id)
    limit = 8
    wrapped: list[list[str]] = []
    for column in columns:
        for start in range(0, len(column), limit):
            wrapped.append(column[start : start + limit])
    return wrapped
