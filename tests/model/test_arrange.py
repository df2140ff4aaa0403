"""Align, distribute and same size: each one undoable step over ids and positions."""

from __future__ import annotations

from model.arrange import Box, align, distribute, same_size
from model.commands import UndoStack
from model.design import Design, new_node
from model.elements import Point, Size


def design_with(*positions: tuple[float, float]) -> tuple[Design, dict[str, Box]]:
    design = Design("t")
    boxes = {}
    for x, y in positions:
        node = new_node(design, "aws.lambda", Point(x, y))
        design.add_node(node)
        boxes[node.id] = Box(x, y, 100, 80)
    return design, boxes


def test_align_left_and_middle_are_one_undo_step_each() -> None:
    design, boxes = design_with((0, 0), (50, 200), (300, 40))
    stack = UndoStack(design)
    command = align(boxes, "left")
    assert command is not None and command.text == "Align left"
    stack.push(command)
    assert {design.node(i).position.x for i in boxes} == {0}
    stack.undo()
    assert [design.node(i).position.x for i in boxes] == [0, 50, 300]
    middle = align(boxes, "middle")
    assert middle is not None
    stack.push(middle)
    centres = {design.node(i).position.y + 40 for i in boxes}
    assert centres == {(0 + 280) / 2}


def test_align_right_centre_top_bottom() -> None:
    _design, boxes = design_with((0, 0), (300, 100))
    for how, expected in {
        "right": [Point(300, 0), None],
        "centre": [Point(150, 0), Point(150, 100)],
        "top": [None, Point(300, 0)],
        "bottom": [Point(0, 100), None],
    }.items():
        command = align(boxes, how)  # type: ignore[arg-type]
        assert command is not None
        assert [command.positions.get(i) for i in boxes] == expected, how


def test_distribute_gives_equal_gaps_and_keeps_the_ends() -> None:
    design, boxes = design_with((0, 0), (130, 10), (400, 20))
    stack = UndoStack(design)
    command = distribute(boxes, "horizontal")
    assert command is not None and command.text == "Distribute horizontally"
    stack.push(command)
    xs = sorted(design.node(i).position.x for i in boxes)
    assert xs == [0, 200, 400]
    assert distribute(dict(list(boxes.items())[:2]), "vertical") is None


def test_same_size_resizes_containers_to_the_first() -> None:
    design = Design("t")
    ids = []
    for w in (400, 250, 300):
        node = new_node(design, "aws.vpc", Point(0, 0))
        design.add_node(node)
        design.resize(node.id, Size(w, 200))
        ids.append(node.id)
    stack = UndoStack(design)
    command = same_size(design, ids)
    assert command is not None and command.text == "Same size"
    stack.push(command)
    assert {design.node(i).placement.size for i in ids} == {Size(400, 200)}
    stack.undo()
    assert design.node(ids[1]).placement.size == Size(250, 200)
