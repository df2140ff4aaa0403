"""Random edit sessions: commands, undo, redo, save and load keep the design sound.

Checked after every step: undo and redo give back the exact file text of that point in the
history, a refused command changes nothing, save-then-load is the identity, and structural
invariants hold. At the end, undoing everything gives the empty design.
"""

from __future__ import annotations

import tempfile
import typing
from pathlib import Path
from typing import Any, Literal

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)
from pydantic import BaseModel

from model.catalog import CATALOG
from model.commands import (
    AddNode,
    Command,
    Connect,
    Disconnect,
    Macro,
    Move,
    RemoveNodes,
    Rename,
    Reparent,
    SetConfig,
    SetEdgeConfig,
    SetPinned,
    SetProperties,
    UndoStack,
)
from model.config.edges import EdgeConfig
from model.design import Design, ModelError, new_node
from model.elements import Edge, Point
from model.serialization import dumps, load_design, loads, save_design

KINDS = sorted(spec.id for spec in CATALOG)
COMMON_KINDS = [
    "aws.region",
    "aws.vpc",
    "aws.subnet",
    "aws.ecs.cluster",
    "aws.lambda",
    "aws.sqs.queue",
    "aws.ecs.service",
    "aws.dynamodb.table",
]
KIND = st.one_of(st.sampled_from(COMMON_KINDS), st.sampled_from(KINDS))
TEXT = st.text(max_size=12)
COORDINATE = st.one_of(
    st.integers(-5000, 5000),
    st.floats(-5000, 5000, allow_nan=False, allow_infinity=False),
)


def value_strategy(annotation: Any) -> st.SearchStrategy[Any] | None:
    """Valid values for a config field of simple type; None for lists, maps and models."""
    origin = typing.get_origin(annotation)
    if origin is Literal:
        return st.sampled_from(typing.get_args(annotation))
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        options = [value_strategy(a) for a in typing.get_args(annotation)]
        if any(option is None for option in options):
            return None
        return st.one_of(*[o for o in options if o is not None])
    if annotation is type(None):
        return st.none()
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        return st.integers(-(10**6), 10**12)
    if annotation is float:
        return st.one_of(
            st.integers(0, 10**6), st.floats(0, 1e9, allow_nan=False, allow_infinity=False)
        )
    if annotation is str:
        return TEXT
    return None


def simple_fields(model: type[BaseModel]) -> list[tuple[str, st.SearchStrategy[Any]]]:
    fields = []
    for name, field in model.model_fields.items():
        strategy = value_strategy(field.annotation)
        if strategy is not None:
            fields.append((name, strategy))
    return fields


EDGE_FIELDS = simple_fields(EdgeConfig)


class EditSession(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.design = Design()
        self.stack = UndoStack(self.design)
        self.empty = dumps(self.design)
        self.history = [self.empty]
        self.folder = Path(tempfile.mkdtemp(prefix="archcanvas-state-"))

    # ---- helpers -----------------------------------------------------------------------------
    def push(self, command: Command) -> None:
        """Apply through the stack; a refused command must leave everything as it was."""
        before, depth = dumps(self.design), self.stack.depth
        try:
            self.stack.push(command)
        except ModelError:
            assert dumps(self.design) == before
            assert self.stack.depth == depth
            return
        del self.history[self.stack.depth :]
        self.history.append(dumps(self.design))
        assert len(self.history) == self.stack.depth + 1

    def node_ids(self) -> list[str]:
        return [node.id for node in self.design.nodes]

    def has_nodes(self) -> bool:
        return bool(self.design.nodes)

    def has_edges(self) -> bool:
        return bool(self.design.edges)

    def containers_for(self, kind: str, node_id: str = "") -> list[str | None]:
        found: list[str | None] = [
            n.id for n in self.design.nodes if self.design.can_contain(n.id, kind, node_id)
        ]
        return found or [None]

    def allowed_connections(self) -> list[tuple[str, str, str]]:
        nodes = self.design.nodes
        return [
            (source.id, target.id, str(relation))
            for source in nodes
            for target in nodes
            if source.id != target.id
            for relation in CATALOG.allowed_relations(source.kind, target.kind)
        ]

    def new_node_command(self, data: st.DataObject) -> AddNode:
        kind = data.draw(KIND, label="kind")
        parent = data.draw(st.one_of(st.none(), st.sampled_from(self.containers_for(kind))))
        position = Point(data.draw(COORDINATE), data.draw(COORDINATE))
        label = data.draw(st.one_of(st.just(""), TEXT), label="label")
        return AddNode(new_node(self.design, kind, position, label, parent))

    # ---- rules -------------------------------------------------------------------------------
    @initialize(data=st.data(), count=st.integers(2, 8))
    def start_with_some_nodes(self, data: st.DataObject, count: int) -> None:
        """Begin with a few nodes (each its own undo step) so that edits have targets."""
        for _ in range(count):
            self.push(self.new_node_command(data))

    @rule(data=st.data())
    def add_node(self, data: st.DataObject) -> None:
        self.push(self.new_node_command(data))

    @precondition(has_nodes)
    @rule(data=st.data())
    def remove_nodes(self, data: st.DataObject) -> None:
        ids = data.draw(st.lists(st.sampled_from(self.node_ids()), min_size=1, max_size=3))
        self.push(RemoveNodes(ids))

    @precondition(has_nodes)
    @rule(data=st.data())
    def connect(self, data: st.DataObject) -> None:
        choices = self.allowed_connections()
        if not choices:
            return
        source, target, relation = data.draw(st.sampled_from(choices))
        self.push(Connect(Edge(self.design.new_edge_id(), source, target, relation)))

    @precondition(has_nodes)
    @rule(data=st.data())
    def connect_anything(self, data: st.DataObject) -> None:
        """Connections the catalog may refuse: refused ones must change nothing."""
        source = data.draw(st.sampled_from(self.node_ids()))
        target = data.draw(st.sampled_from(self.node_ids()))
        relation = data.draw(st.sampled_from(["invokes", "triggers", "routes", "uses", "runs_on"]))
        self.push(Connect(Edge(self.design.new_edge_id(), source, target, relation)))

    @precondition(has_edges)
    @rule(data=st.data())
    def disconnect(self, data: st.DataObject) -> None:
        self.push(Disconnect(data.draw(st.sampled_from([e.id for e in self.design.edges]))))

    @precondition(has_nodes)
    @rule(data=st.data())
    def set_config_field(self, data: st.DataObject) -> None:
        node = self.design.node(data.draw(st.sampled_from(self.node_ids())))
        fields = simple_fields(type(node.config))
        if not fields:
            return
        name, strategy = data.draw(st.sampled_from(fields))
        self.push(SetConfig.field(self.design, node.id, name, data.draw(strategy)))

    @precondition(has_edges)
    @rule(data=st.data())
    def set_edge_config_field(self, data: st.DataObject) -> None:
        edge_id = data.draw(st.sampled_from([e.id for e in self.design.edges]))
        name, strategy = data.draw(st.sampled_from(EDGE_FIELDS))
        self.push(SetEdgeConfig.field(self.design, edge_id, name, data.draw(strategy)))

    @precondition(has_nodes)
    @rule(data=st.data(), label=TEXT)
    def rename(self, data: st.DataObject, label: str) -> None:
        self.push(Rename(data.draw(st.sampled_from(self.node_ids())), label))

    @precondition(has_nodes)
    @rule(data=st.data(), mergeable=st.booleans())
    def move(self, data: st.DataObject, mergeable: bool) -> None:
        ids = data.draw(st.lists(st.sampled_from(self.node_ids()), min_size=1, max_size=3))
        positions = {i: Point(data.draw(COORDINATE), data.draw(COORDINATE)) for i in ids}
        self.push(Move(positions, mergeable))

    @precondition(has_nodes)
    @rule(data=st.data())
    def reparent(self, data: st.DataObject) -> None:
        node_id = data.draw(st.sampled_from(self.node_ids()))
        allowed = self.containers_for(self.design.node(node_id).kind, node_id)
        parent = data.draw(
            st.one_of(st.sampled_from(allowed), st.none(), st.sampled_from(self.node_ids()))
        )
        self.push(Reparent(node_id, parent, Point(data.draw(COORDINATE), 0)))

    @precondition(has_nodes)
    @rule(data=st.data(), pinned=st.booleans())
    def set_pinned(self, data: st.DataObject, pinned: bool) -> None:
        self.push(SetPinned(data.draw(st.sampled_from(self.node_ids())), pinned))

    @rule(name=TEXT, description=TEXT)
    def set_properties(self, name: str, description: str) -> None:
        self.push(SetProperties(name, description))

    @rule(data=st.data(), fail=st.booleans())
    def macro(self, data: st.DataObject, fail: bool) -> None:
        """Add a node and rename it as one step; a failing last command rolls it all back."""
        add = self.new_node_command(data)
        commands: list[Command] = [add, Rename(add.node.id, "in a macro")]
        if fail:
            commands.append(RemoveNodes(["no such node"]))
        self.push(Macro("Add and rename", commands))
        assert self.design.has_node(add.node.id) != fail

    @precondition(lambda self: self.stack.can_undo())
    @rule()
    def undo(self) -> None:
        self.stack.undo()
        assert dumps(self.design) == self.history[self.stack.depth]

    @precondition(lambda self: self.stack.can_redo())
    @rule()
    def redo(self) -> None:
        self.stack.redo()
        assert dumps(self.design) == self.history[self.stack.depth]

    @rule()
    def close_merge(self) -> None:
        self.stack.close_merge()

    @rule()
    def save_and_load(self) -> None:
        path = self.folder / "design.archcanvas"
        save_design(self.design, path)
        text = dumps(self.design)
        assert path.read_text(encoding="utf-8") == text
        loaded = load_design(path)
        assert dumps(loaded) == text
        for node in self.design.nodes:
            assert loaded.children(node.id) == self.design.children(node.id)

    # ---- invariants --------------------------------------------------------------------------
    @invariant()
    def save_then_load_is_the_identity(self) -> None:
        text = dumps(self.design)
        assert dumps(loads(text)) == text

    @invariant()
    def structure_is_sound(self) -> None:
        design = self.design
        node_ids = {n.id for n in design.nodes}
        edge_ids = [e.id for e in design.edges]
        assert len(node_ids) == len(design.nodes)
        assert len(set(edge_ids)) == len(edge_ids)
        assert not node_ids & set(edge_ids)
        for edge in design.edges:
            assert edge.source in node_ids and edge.target in node_ids
            assert edge in design.outgoing(edge.source)
            assert edge in design.incoming(edge.target)
        for node in design.nodes:
            assert node.kind in CATALOG
            assert node.parent is None or node.parent in node_ids
            chain = design.ancestors(node.id)
            assert node.id not in chain
            assert len(chain) == len(set(chain)) < len(node_ids)
            expected = [n.id for n in design.nodes if n.parent == node.id]
            assert design.children(node.id) == expected
        assert design.children(None) == [n.id for n in design.nodes if n.parent is None]

    @invariant()
    def history_matches(self) -> None:
        assert dumps(self.design) == self.history[self.stack.depth]

    def teardown(self) -> None:
        while self.stack.can_undo():
            self.stack.undo()
        assert self.design.is_empty()
        assert dumps(self.design) == self.empty
        while self.stack.can_redo():
            self.stack.redo()
        assert dumps(self.design) == self.history[-1]
        for item in self.folder.iterdir():
            item.unlink()
        self.folder.rmdir()


EditSession.TestCase.settings = settings(
    max_examples=50,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestEditSession = EditSession.TestCase
