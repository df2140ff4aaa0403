"""Every command's do, undo and redo: undo restores the exact prior state, order included."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from model.commands import (
    AddNode,
    Command,
    CommandError,
    Connect,
    Disconnect,
    Macro,
    Move,
    RemoveNodes,
    Rename,
    Reparent,
    Resize,
    SetConfig,
    SetEdgeConfig,
    SetPinned,
    SetProfile,
    SetProperties,
    UndoStack,
)
from model.design import Design, ModelError, new_node
from model.elements import Edge, Point, Size
from model.profile import Profile
from model.serialization import dumps


def add(
    design: Design,
    node_id: str,
    kind: str,
    parent: str | None = None,
    config: dict[str, object] | None = None,
) -> None:
    design.add_node(new_node(design, kind, parent=parent, config=config, node_id=node_id))


@pytest.fixture
def design() -> Design:
    design = Design("Orders", "Order processing")
    add(design, "api", "aws.apigateway.api")
    add(design, "region", "aws.region", config={"name": "eu-west-1"})
    add(design, "vpc", "aws.vpc", parent="region")
    add(design, "subnet", "aws.subnet", parent="vpc")
    add(design, "worker", "aws.lambda", parent="subnet", config={"memory_mb": 512})
    add(design, "queue", "aws.sqs.queue")
    add(design, "helper", "aws.lambda", parent="subnet")
    add(design, "table", "aws.dynamodb.table")
    add(design, "eks", "aws.eks.cluster")
    design.add_edge(Edge("e1", "queue", "worker", "triggers"))
    design.add_edge(Edge("e2", "api", "helper", "invokes"))
    design.add_edge(Edge("e3", "worker", "table", "uses"))
    design.add_edge(Edge("e4", "helper", "table", "uses"))
    return design


def assert_do_undo_redo(
    design: Design, command: Command, check: Callable[[Design], None] | None = None
) -> UndoStack:
    """Push, undo, redo, undo: each undo gives back the exact text of the file before."""
    stack = UndoStack(design)
    before = dumps(design)
    stack.push(command)
    after = dumps(design)
    assert after != before
    if check is not None:
        check(design)
    assert stack.can_undo() and stack.undo_text()
    stack.undo()
    assert dumps(design) == before
    assert stack.can_redo() and stack.redo_text()
    stack.redo()
    assert dumps(design) == after
    if check is not None:
        check(design)
    stack.undo()
    assert dumps(design) == before
    return stack


def assert_refused(design: Design, command: Command, reason: str = "") -> None:
    stack = UndoStack(design)
    before = dumps(design)
    with pytest.raises(ModelError) as error:
        stack.push(command)
    if reason:
        assert str(error.value) == reason
    assert dumps(design) == before
    assert not stack.can_undo()


# ---- nodes ---------------------------------------------------------------------------------
def test_add_node(design: Design) -> None:
    node = new_node(design, "aws.lambda", Point(40, 60), label="Resize", parent="subnet")

    def check(d: Design) -> None:
        assert d.node(node.id).parent == "subnet"
        assert d.children("subnet")[-1] == node.id

    assert_do_undo_redo(design, AddNode(node), check)


def test_remove_nodes_with_descendants_and_edges_as_one_step(design: Design) -> None:
    def check(d: Design) -> None:
        assert [n.id for n in d.nodes] == ["api", "region", "queue", "table", "eks"]
        assert [e.id for e in d.edges] == []
        assert d.children("region") == []

    stack = assert_do_undo_redo(design, RemoveNodes(["vpc"]), check)
    assert stack.depth == 0
    assert [n.id for n in design.nodes][:7] == [
        "api",
        "region",
        "vpc",
        "subnet",
        "worker",
        "queue",
        "helper",
    ]
    assert design.children("subnet") == ["worker", "helper"]
    assert design.descendants("region") == ["vpc", "subnet", "worker", "helper"]


def test_remove_nodes_restores_the_order_of_interleaved_elements(design: Design) -> None:
    def check(d: Design) -> None:
        assert [e.id for e in d.edges] == ["e2", "e4"]

    assert_do_undo_redo(design, RemoveNodes(["worker", "queue"]), check)
    assert [e.id for e in design.edges] == ["e1", "e2", "e3", "e4"]


def test_remove_nodes_listing_a_node_and_its_container(design: Design) -> None:
    assert_do_undo_redo(design, RemoveNodes(["worker", "subnet"]))


def test_remove_nodes_refuses_unknown_ids(design: Design) -> None:
    assert_refused(design, RemoveNodes(["worker", "ghost"]))


def test_rename_and_merge(design: Design) -> None:
    assert_do_undo_redo(design, Rename("worker", "Order worker"))
    stack = UndoStack(design)
    before = dumps(design)
    stack.push(Rename("worker", "O"))
    stack.push(Rename("worker", "Or"))
    stack.push(Rename("worker", "Ord"))
    assert stack.depth == 1
    assert design.node("worker").label == "Ord"
    stack.undo()
    assert dumps(design) == before


def test_move(design: Design) -> None:
    def check(d: Design) -> None:
        assert d.node("worker").position == Point(100, 50)
        assert d.node("queue").position == Point(-20, 7.5)

    assert_do_undo_redo(design, Move({"worker": Point(100, 50), "queue": Point(-20, 7.5)}), check)


def test_mergeable_moves_are_one_step(design: Design) -> None:
    stack = UndoStack(design)
    before = dumps(design)
    for x in range(1, 6):
        stack.push(Move({"worker": Point(x * 10, 0)}, mergeable=True))
    assert stack.depth == 1
    assert design.node("worker").position == Point(50, 0)
    stack.undo()
    assert dumps(design) == before
    stack.redo()
    assert design.node("worker").position == Point(50, 0)


def test_unmergeable_moves_are_separate_steps(design: Design) -> None:
    stack = UndoStack(design)
    stack.push(Move({"worker": Point(10, 0)}))
    stack.push(Move({"worker": Point(20, 0)}))
    assert stack.depth == 2
    stack.push(Move({"worker": Point(30, 0)}, mergeable=True))
    stack.push(Move({"queue": Point(30, 0)}, mergeable=True))
    assert stack.depth == 4


def test_move_refuses_unknown_nodes(design: Design) -> None:
    assert_refused(design, Move({"worker": Point(1, 1), "ghost": Point(2, 2)}))


def test_resize(design: Design) -> None:
    def check(d: Design) -> None:
        assert d.node("vpc").placement.size == Size(800, 500)
        assert d.node("vpc").position == Point(-10, -10)

    assert_do_undo_redo(design, Resize("vpc", Size(800, 500), Point(-10, -10)), check)
    assert_do_undo_redo(design, Resize("worker", Size(80, 50)))


def test_set_pinned(design: Design) -> None:
    assert_do_undo_redo(design, SetPinned("worker", True))


def test_set_pinned_on_an_already_pinned_node_undoes_to_pinned(design: Design) -> None:
    design.set_pinned("worker", True)
    stack = UndoStack(design)
    stack.push(SetPinned("worker", True))
    stack.undo()
    assert design.node("worker").placement.pinned
    design.set_pinned("queue", False)
    stack.push(SetPinned("queue", False))
    stack.undo()
    assert not design.node("queue").placement.pinned


# ---- containment ---------------------------------------------------------------------------
def test_reparent(design: Design) -> None:
    def check(d: Design) -> None:
        assert d.node("worker").parent is None
        assert d.node("worker").position == Point(300, 300)
        assert d.children("subnet") == ["helper"]

    assert_do_undo_redo(design, Reparent("worker", None, Point(300, 300)), check)
    assert design.children("subnet") == ["worker", "helper"]
    assert_do_undo_redo(design, Reparent("queue", "region"))


def test_reparent_refuses_forbidden_containment(design: Design) -> None:
    reason = design.can_contain("eks", "aws.lambda", "worker").reason
    assert reason
    assert_refused(design, Reparent("worker", "eks"), reason)
    assert_refused(design, Reparent("worker", "table"))


def test_add_node_refuses_a_parent_that_cannot_hold_it(design: Design) -> None:
    inside_eks = new_node(design, "aws.lambda", Point(10, 10), parent="eks")
    reason = design.can_contain("eks", "aws.lambda").reason
    assert reason
    assert_refused(design, AddNode(inside_eks), reason)
    assert_refused(design, AddNode(new_node(design, "aws.lambda", Point(0, 0), parent="nowhere")))
    assert_do_undo_redo(
        design, AddNode(new_node(design, "aws.lambda", Point(0, 0), parent="subnet"))
    )


def test_reparent_refuses_cycles(design: Design) -> None:
    assert_refused(design, Reparent("vpc", "subnet"))
    assert_refused(design, Reparent("vpc", "vpc"))
    assert_refused(design, Reparent("region", "subnet", check=False))


# ---- connections ---------------------------------------------------------------------------
def test_connect(design: Design) -> None:
    edge = Edge("e9", "queue", "helper", "triggers")

    def check(d: Design) -> None:
        assert [e.id for e in d.edges][-1] == "e9"
        assert d.neighbours("queue") == ["worker", "helper"]

    assert_do_undo_redo(design, Connect(edge), check)


def test_connect_refuses_with_the_reason_from_can_connect(design: Design) -> None:
    for source, target, relation in [
        ("worker", "region", "uses"),
        ("queue", "worker", "routes"),
        ("worker", "worker", "invokes"),
        ("worker", "ghost", "invokes"),
    ]:
        reason = design.can_connect(source, target, relation).reason
        assert reason
        assert_refused(design, Connect(Edge("e9", source, target, relation)), reason)


def test_connect_without_check_allows_what_the_catalog_refuses(design: Design) -> None:
    assert_do_undo_redo(design, Connect(Edge("e9", "worker", "region", "uses"), check=False))


def test_disconnect_restores_the_edge_in_place(design: Design) -> None:
    def check(d: Design) -> None:
        assert [e.id for e in d.edges] == ["e1", "e3", "e4"]

    assert_do_undo_redo(design, Disconnect("e2"), check)
    assert [e.id for e in design.edges] == ["e1", "e2", "e3", "e4"]
    assert_refused(design, Disconnect("ghost"))


# ---- settings ------------------------------------------------------------------------------
def test_set_config(design: Design) -> None:
    config = type(design.node("worker").config).model_validate({"memory_mb": 2048, "timeout_s": 9})
    assert_do_undo_redo(design, SetConfig("worker", config))


def test_set_config_field_keeps_other_values_and_merges_typing(design: Design) -> None:
    stack = UndoStack(design)
    before = dumps(design)
    for value in (1, 10, 102, 1024):
        stack.push(SetConfig.field(design, "worker", "timeout_s", value))
    assert stack.depth == 1
    config = design.node("worker").config
    assert config.timeout_s == 1024  # type: ignore[attr-defined]
    assert config.memory_mb == 512  # type: ignore[attr-defined]
    stack.push(SetConfig.field(design, "worker", "memory_mb", 1024))
    assert stack.depth == 2
    stack.close_merge()
    stack.push(SetConfig.field(design, "worker", "memory_mb", 2048))
    assert stack.depth == 3
    while stack.can_undo():
        stack.undo()
    assert dumps(design) == before


def test_set_config_field_refuses_a_wrong_type(design: Design) -> None:
    with pytest.raises(CommandError) as error:
        SetConfig.field(design, "worker", "memory_mb", "lots")
    assert "worker.memory_mb" in str(error.value)
    with pytest.raises(CommandError):
        SetConfig.field(design, "worker", "no_such_field", 1)


def test_set_config_field_accepts_values_beyond_aws_limits(design: Design) -> None:
    command = SetConfig.field(design, "worker", "memory_mb", 20_000)
    assert_do_undo_redo(design, command)


def test_set_edge_config_and_merge(design: Design) -> None:
    assert_do_undo_redo(design, SetEdgeConfig.field(design, "e1", "batch_size", 10))
    config = type(design.edge("e1").config).model_validate({"expected_rps": 50.0})
    assert_do_undo_redo(design, SetEdgeConfig("e1", config, label="orders"))
    stack = UndoStack(design)
    before = dumps(design)
    stack.push(SetEdgeConfig.field(design, "e1", "expected_rps", 5))
    stack.push(SetEdgeConfig.field(design, "e1", "expected_rps", 50))
    assert stack.depth == 1
    assert design.edge("e1").config.expected_rps == 50
    stack.undo()
    assert dumps(design) == before
    with pytest.raises(CommandError):
        SetEdgeConfig.field(design, "e1", "event_type", "viewer-lunch")


def test_set_profile(design: Design) -> None:
    profile = Profile(region="eu-central-1", quotas={"lambda_concurrent_executions": 5000})
    assert_do_undo_redo(design, SetProfile(profile))


def test_set_properties(design: Design) -> None:
    assert_do_undo_redo(design, SetProperties("Orders v2", "Second try"))


# ---- macros --------------------------------------------------------------------------------
def test_macro_is_one_step(design: Design) -> None:
    node = new_node(design, "aws.lambda", label="Archiver")
    macro = Macro(
        "Add archiver",
        [
            AddNode(node),
            Connect(Edge("e9", "queue", node.id, "triggers")),
            SetConfig.field(design, "worker", "memory_mb", 1024),
            Rename("queue", "Orders queue"),
        ],
    )
    stack = assert_do_undo_redo(design, macro)
    assert stack.redo_text() == "Add archiver"


def test_macro_rolls_back_when_a_command_fails(design: Design) -> None:
    node = new_node(design, "aws.lambda", label="Archiver")
    macro = Macro(
        "Broken",
        [
            AddNode(node),
            Rename("queue", "Orders queue"),
            RemoveNodes(["helper"]),
            Connect(Edge("e9", node.id, "region", "uses")),
        ],
    )
    assert_refused(design, macro)
    assert not design.has_node(node.id)
    assert [e.id for e in design.edges] == ["e1", "e2", "e3", "e4"]


# ---- the stack -----------------------------------------------------------------------------
def test_undo_stack_clean_state_and_listeners(design: Design) -> None:
    stack = UndoStack(design)
    calls: list[int] = []
    stack.subscribe(lambda: calls.append(stack.depth))
    assert stack.is_clean() and not stack.can_undo() and not stack.can_redo()
    stack.push(Rename("worker", "A"))
    assert not stack.is_clean()
    stack.set_clean()
    stack.push(Rename("worker", "B"))
    assert stack.depth == 2
    stack.undo()
    assert stack.is_clean()
    stack.undo()
    assert not stack.is_clean()
    stack.redo()
    assert stack.is_clean()
    stack.undo()
    stack.push(Rename("queue", "C"))
    assert not stack.can_redo()
    assert not stack.is_clean()
    while stack.can_undo():
        stack.undo()
    assert not stack.is_clean()
    assert calls and calls[0] == 1
    stack.undo()
    stack.redo()
    stack.clear()
    assert stack.is_clean() and stack.depth == 0


def test_undo_and_redo_on_empty_stacks_do_nothing(design: Design) -> None:
    stack = UndoStack(design)
    before = dumps(design)
    stack.undo()
    stack.redo()
    assert dumps(design) == before
    assert stack.undo_text() == "" and stack.redo_text() == ""


def test_restack_moves_nodes_to_the_front_or_back_and_undoes(design: Design) -> None:
    from model.commands import Restack

    order = [n.id for n in design.iter_nodes()]
    front = Restack([order[0]], to_front=True)
    front.do(design)
    assert [n.id for n in design.iter_nodes()] == [*order[1:], order[0]]
    front.undo(design)
    assert [n.id for n in design.iter_nodes()] == order
    back = Restack([order[-1]], to_front=False)
    back.do(design)
    assert [n.id for n in design.iter_nodes()][0] == order[-1]
