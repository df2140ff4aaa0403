"""Auto layout on every shipped example: siblings never overlap, children sit inside their
groups, connections run left to right, pinned nodes stay, and it is one undoable step."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.canvas import geometry as geo
from app.canvas.layout import auto_layout
from model.commands import SetPinned, UndoStack
from model.design import Design
from model.serialization import load_design

EXAMPLES = sorted((Path(__file__).resolve().parents[3] / "examples").glob("*.archcanvas"))


def rect(design: Design, node_id: str) -> tuple[float, float, float, float]:
    node = design.node(node_id)
    width, height = geo.node_size(design, node)
    return node.position.x, node.position.y, node.position.x + width, node.position.y + height


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def assert_tidy(design: Design) -> None:
    parents = [None, *(n.id for n in design.nodes if design.children(n.id))]
    for parent in parents:
        children = design.children(parent)
        for index, first in enumerate(children):
            for second in children[index + 1 :]:
                assert not overlaps(rect(design, first), rect(design, second)), (first, second)
        if parent is None:
            continue
        left, top, right, bottom = rect(design, parent)
        for child in children:
            c_left, c_top, c_right, c_bottom = rect(design, child)
            assert left < c_left and c_right < right, (parent, child)
            assert top + geo.CONTAINER_HEADER <= c_top and c_bottom < bottom, (parent, child)


def laid_out(path: Path) -> tuple[Design, UndoStack, dict]:
    design = load_design(path)
    stack = UndoStack(design)
    before = {n.id: (n.position, n.placement.size) for n in design.nodes}
    stack.push(auto_layout(design))
    return design, stack, before


def test_there_are_examples():
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_layout_of_example_is_tidy_and_one_step(path):
    design, stack, before = laid_out(path)
    assert_tidy(design)
    assert stack.depth == 1
    stack.undo()
    assert {n.id: (n.position, n.placement.size) for n in design.nodes} == before


def sibling_members(design: Design, first: str, second: str) -> tuple[str, str] | None:
    """The siblings whose subtrees hold first and second (the ends seen from the innermost
    group holding both); None when one end holds the other."""
    first_chain = [first, *design.ancestors(first)]
    second_chain = [second, *design.ancestors(second)]
    for a in first_chain:
        for b in second_chain:
            if a != b and design.node(a).parent == design.node(b).parent:
                return a, b
    return None


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_connections_run_left_to_right(path):
    design, _stack, _before = laid_out(path)
    forward = backward = 0
    for edge in design.iter_edges():
        members = sibling_members(design, edge.source, edge.target)
        if members is None:
            continue
        source, target = (design.node(m).position.x for m in members)
        if source < target:
            forward += 1
        elif source > target:
            backward += 1
    assert forward > 0
    assert backward == 0


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_layout_is_stable(path):
    design, stack, _before = laid_out(path)
    after = {n.id: (n.position, n.placement.size) for n in design.nodes}
    stack.push(auto_layout(design))
    assert {n.id: (n.position, n.placement.size) for n in design.nodes} == after


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_pinned_service_and_its_groups_stay_put(path):
    design = load_design(path)
    stack = UndoStack(design)
    nested = [n for n in design.nodes if n.parent is not None and not design.children(n.id)]
    pinned = nested[len(nested) // 2]
    stack.push(SetPinned(pinned.id, True))
    held = {i: design.node(i).position for i in [pinned.id, *design.ancestors(pinned.id)]}
    stack.push(auto_layout(design))
    assert {i: design.node(i).position for i in held} == held
    assert_tidy(design)


def test_unconnected_top_level_service_goes_where_its_connections_go():
    design = load_design(next(p for p in EXAMPLES if p.stem == "image-pipeline"))
    stack = UndoStack(design)
    stack.push(auto_layout(design))
    cdn = next(n for n in design.nodes if n.kind == "aws.cloudfront.distribution")
    targets = [design.node(e.target) for e in design.outgoing(cdn.id)]
    assert targets
    assert all(cdn.position.x < t.position.x for t in targets)
    lowest = min(t.position.y for t in targets)
    highest = max(t.position.y for t in targets)
    assert lowest - geo.NODE_H <= cdn.position.y <= highest + geo.NODE_H
