"""Undoable edits. Each command holds ids and values, never live objects, and changes the
design only through its mutators, so do, undo and redo emit the same events as any edit."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from model.config.base import ServiceConfig
from model.config.edges import EdgeConfig
from model.design import Design, ModelError
from model.elements import Edge, Node, Point, Size
from model.profile import Profile
from model.review.values import ReviewStatus, Waiver


class CommandError(ModelError):
    """The command cannot apply to the design as it is; nothing was changed."""


class Command:
    """One user edit. Subclasses implement do and undo; merge lets typing and drags combine."""

    text = "Edit"

    def do(self, design: Design) -> None:
        raise NotImplementedError

    def undo(self, design: Design) -> None:
        raise NotImplementedError

    def merge(self, other: Command) -> bool:
        """Absorb a following command into this one; True when merged."""
        return False


@dataclass
class AddNode(Command):
    """Add a node; its parent must be able to hold it, as when it is moved there (Reparent)."""

    node: Node

    @property
    def text(self) -> str:  # type: ignore[override]
        return f"Add {self.node.label}"

    def do(self, design: Design) -> None:
        verdict = design.can_contain(self.node.parent, self.node.kind, self.node.id)
        if not verdict:
            raise CommandError(verdict.reason)
        design.add_node(self.node)

    def undo(self, design: Design) -> None:
        design.remove_node(self.node.id)


@dataclass
class RemoveNodes(Command):
    """Remove nodes with everything inside them and every connection they have, as one step."""

    node_ids: Sequence[str]
    _nodes: list[Node] = field(default_factory=list)
    _edges: list[Edge] = field(default_factory=list)
    _node_order: list[str] = field(default_factory=list)
    _edge_order: list[str] = field(default_factory=list)
    _depth: dict[str, int] = field(default_factory=dict)

    @property
    def text(self) -> str:  # type: ignore[override]
        return "Delete" if len(self.node_ids) != 1 else f"Delete {self.node_ids[0]}"

    def do(self, design: Design) -> None:
        for node_id in self.node_ids:
            if not design.has_node(node_id):
                raise CommandError(f"'{node_id}' is not in this design")
        doomed: dict[str, None] = {}
        for node_id in self.node_ids:
            doomed[node_id] = None
            doomed.update(dict.fromkeys(design.descendants(node_id)))
        self._node_order = [n.id for n in design.iter_nodes()]
        self._edge_order = [e.id for e in design.iter_edges()]
        self._edges = [e for e in design.iter_edges() if e.source in doomed or e.target in doomed]
        self._nodes = [n for n in design.iter_nodes() if n.id in doomed]
        for edge in self._edges:
            design.remove_edge(edge.id)
        self._depth = {n.id: len(design.ancestors(n.id)) for n in self._nodes}
        for node in sorted(self._nodes, key=lambda n: -self._depth[n.id]):
            design.remove_node(node.id)

    def undo(self, design: Design) -> None:
        for node in sorted(self._nodes, key=lambda n: self._depth[n.id]):
            design.add_node(node)
        for edge in self._edges:
            design.add_edge(edge)
        design.restore_order(self._node_order, self._edge_order)


@dataclass
class Restack(Command):
    """Bring nodes to the front (drawn above the others) or send them to the back: moves
    them to the end or the start of the design's node order, which the canvas draws in."""

    node_ids: Sequence[str]
    to_front: bool = True
    _order: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:  # type: ignore[override]
        return "Bring to Front" if self.to_front else "Send to Back"

    def do(self, design: Design) -> None:
        for node_id in self.node_ids:
            if not design.has_node(node_id):
                raise CommandError(f"'{node_id}' is not in this design")
        self._order = [n.id for n in design.iter_nodes()]
        moved = [n for n in self._order if n in set(self.node_ids)]
        kept = [n for n in self._order if n not in set(self.node_ids)]
        design.restore_order(kept + moved if self.to_front else moved + kept, [])

    def undo(self, design: Design) -> None:
        design.restore_order(self._order, [])


@dataclass
class Connect(Command):
    edge: Edge
    check: bool = True

    @property
    def text(self) -> str:  # type: ignore[override]
        return f"Connect ({self.edge.relation})"

    def do(self, design: Design) -> None:
        if self.check:
            verdict = design.can_connect(self.edge.source, self.edge.target, self.edge.relation)
            if not verdict:
                raise CommandError(verdict.reason)
        design.add_edge(self.edge)

    def undo(self, design: Design) -> None:
        design.remove_edge(self.edge.id)


@dataclass
class Disconnect(Command):
    edge_id: str
    _edge: Edge | None = None
    _edge_order: list[str] = field(default_factory=list)
    text = "Delete connection"

    def do(self, design: Design) -> None:
        if not design.has_edge(self.edge_id):
            raise CommandError(f"'{self.edge_id}' is not in this design")
        self._edge_order = [e.id for e in design.iter_edges()]
        self._edge = design.remove_edge(self.edge_id)

    def undo(self, design: Design) -> None:
        assert self._edge is not None
        design.add_edge(self._edge)
        design.restore_order([], self._edge_order)


@dataclass
class SetConfig(Command):
    """Replace a node's config. Consecutive edits of the same field merge (typing)."""

    node_id: str
    config: ServiceConfig
    merge_key: str = ""
    _old: ServiceConfig | None = None

    @classmethod
    def field(cls, design: Design, node_id: str, name: str, value: Any) -> SetConfig:
        """Set one field, validated by the kind's config model (raises CommandError)."""
        current = design.node(node_id).config
        values = current.model_dump(exclude_unset=True)
        values[name] = value
        try:
            new = type(current).model_validate(values)
        except ValueError as error:
            raise CommandError(f"{node_id}.{name}: {error}") from error
        return cls(node_id, new, merge_key=name)

    @property
    def text(self) -> str:  # type: ignore[override]
        return f"Change {self.merge_key or 'settings'}"

    def do(self, design: Design) -> None:
        self._old = self._old or design.node(self.node_id).config
        design.set_config(self.node_id, self.config)

    def undo(self, design: Design) -> None:
        assert self._old is not None
        design.set_config(self.node_id, self._old)

    def merge(self, other: Command) -> bool:
        if (
            isinstance(other, SetConfig)
            and self.merge_key
            and other.node_id == self.node_id
            and other.merge_key == self.merge_key
        ):
            self.config = other.config
            return True
        return False


@dataclass
class EditWorkflow(SetConfig):
    """One edit of a state machine's workflow in the graph: a config change named for the
    undo menu, never merged with the next one."""

    label: str = "Edit workflow"

    @property
    def text(self) -> str:  # type: ignore[override]
        return self.label


@dataclass
class SetEdgeConfig(Command):
    edge_id: str
    config: EdgeConfig
    label: str | None = None
    merge_key: str = ""
    _old: Edge | None = None

    @classmethod
    def field(cls, design: Design, edge_id: str, name: str, value: Any) -> SetEdgeConfig:
        current = design.edge(edge_id).config
        values = current.model_dump(exclude_unset=True)
        values[name] = value
        try:
            new = EdgeConfig.model_validate(values)
        except ValueError as error:
            raise CommandError(f"{edge_id}.{name}: {error}") from error
        return cls(edge_id, new, merge_key=name)

    @property
    def text(self) -> str:  # type: ignore[override]
        return f"Change connection {self.merge_key or 'settings'}"

    def do(self, design: Design) -> None:
        self._old = self._old or design.edge(self.edge_id)
        design.set_edge_config(self.edge_id, self.config, self.label)

    def undo(self, design: Design) -> None:
        assert self._old is not None
        design.set_edge_config(self.edge_id, self._old.config, self._old.label)

    def merge(self, other: Command) -> bool:
        if (
            isinstance(other, SetEdgeConfig)
            and self.merge_key
            and other.edge_id == self.edge_id
            and other.merge_key == self.merge_key
        ):
            self.config, self.label = other.config, other.label
            return True
        return False


@dataclass
class Rename(Command):
    node_id: str
    label: str
    _old: str | None = None
    text = "Rename"

    def do(self, design: Design) -> None:
        self._old = design.node(self.node_id).label if self._old is None else self._old
        design.rename(self.node_id, self.label)

    def undo(self, design: Design) -> None:
        assert self._old is not None
        design.rename(self.node_id, self._old)

    def merge(self, other: Command) -> bool:
        if isinstance(other, Rename) and other.node_id == self.node_id:
            self.label = other.label
            return True
        return False


@dataclass
class Move(Command):
    """Move nodes to new positions; consecutive moves of the same nodes merge when asked."""

    positions: dict[str, Point]
    mergeable: bool = False
    _old: dict[str, Point] = field(default_factory=dict)
    text = "Move"

    def do(self, design: Design) -> None:
        for node_id in self.positions:
            if not design.has_node(node_id):
                raise CommandError(f"'{node_id}' is not in this design")
        if not self._old:
            self._old = {node_id: design.node(node_id).position for node_id in self.positions}
        for node_id, position in self.positions.items():
            design.move(node_id, position)

    def undo(self, design: Design) -> None:
        for node_id, position in self._old.items():
            design.move(node_id, position)

    def merge(self, other: Command) -> bool:
        if (
            isinstance(other, Move)
            and self.mergeable
            and other.mergeable
            and other.positions.keys() == self.positions.keys()
        ):
            self.positions = dict(other.positions)
            return True
        return False


@dataclass
class Resize(Command):
    node_id: str
    size: Size
    position: Point | None = None
    _old: tuple[Size | None, Point] | None = None
    text = "Resize"

    def do(self, design: Design) -> None:
        node = design.node(self.node_id)
        self._old = self._old or (node.placement.size, node.position)
        design.resize(self.node_id, self.size)
        if self.position is not None:
            design.move(self.node_id, self.position)

    def undo(self, design: Design) -> None:
        assert self._old is not None
        design.resize(self.node_id, self._old[0])
        design.move(self.node_id, self._old[1])


@dataclass
class Reparent(Command):
    """Put a node into a container (or onto the canvas) and optionally move it there."""

    node_id: str
    parent: str | None
    position: Point | None = None
    check: bool = True
    _old: tuple[str | None, Point] | None = None
    text = "Move into container"

    def do(self, design: Design) -> None:
        node = design.node(self.node_id)
        if self.check:
            verdict = design.can_contain(self.parent, node.kind, self.node_id)
            if not verdict:
                raise CommandError(verdict.reason)
        self._old = self._old or (node.parent, node.position)
        design.reparent(self.node_id, self.parent)
        if self.position is not None:
            design.move(self.node_id, self.position)

    def undo(self, design: Design) -> None:
        assert self._old is not None
        design.reparent(self.node_id, self._old[0])
        design.move(self.node_id, self._old[1])


@dataclass
class SetPinned(Command):
    node_id: str
    pinned: bool
    _old: bool | None = None
    text = "Pin"

    def do(self, design: Design) -> None:
        if self._old is None:
            self._old = design.node(self.node_id).placement.pinned
        design.set_pinned(self.node_id, self.pinned)

    def undo(self, design: Design) -> None:
        assert self._old is not None
        design.set_pinned(self.node_id, self._old)


@dataclass
class SetProfile(Command):
    profile: Profile
    _old: Profile | None = None
    text = "Change account profile"

    def do(self, design: Design) -> None:
        self._old = self._old or design.profile
        design.set_profile(self.profile)

    def undo(self, design: Design) -> None:
        assert self._old is not None
        design.set_profile(self._old)


@dataclass
class SetProperties(Command):
    name: str
    description: str
    _old: tuple[str, str] | None = None
    text = "Change design properties"

    def do(self, design: Design) -> None:
        self._old = self._old or (design.name, design.description)
        design.set_properties(self.name, self.description)

    def undo(self, design: Design) -> None:
        assert self._old is not None
        design.set_properties(*self._old)


@dataclass
class AddWaiver(Command):
    waiver: Waiver

    @property
    def text(self) -> str:  # type: ignore[override]
        return f"Waive {self.waiver.rule}"

    def do(self, design: Design) -> None:
        design.add_waiver(self.waiver)

    def undo(self, design: Design) -> None:
        design.remove_waiver(self.waiver.key)


@dataclass
class RemoveWaiver(Command):
    key: tuple[str, tuple[str, ...]]
    _removed: tuple[Waiver, int] | None = None

    @property
    def text(self) -> str:  # type: ignore[override]
        return f"Remove waiver of {self.key[0]}"

    def do(self, design: Design) -> None:
        self._removed = design.remove_waiver(self.key)

    def undo(self, design: Design) -> None:
        assert self._removed is not None
        design.add_waiver(*self._removed)


@dataclass
class SetReview(Command):
    status: ReviewStatus | None
    _old: tuple[ReviewStatus | None] | None = None
    text = "Set review status"

    def do(self, design: Design) -> None:
        self._old = self._old or (design.review,)
        design.set_review(self.status)

    def undo(self, design: Design) -> None:
        assert self._old is not None
        design.set_review(self._old[0])


@dataclass
class Macro(Command):
    """Several commands as one step; if one fails, those already done are undone."""

    label: str
    commands: list[Command]
    merge_key: str = ""  # same key: typing into one field of several elements stays one step

    @property
    def text(self) -> str:  # type: ignore[override]
        return self.label

    def merge(self, other: Command) -> bool:
        if not (
            isinstance(other, Macro)
            and self.merge_key
            and other.merge_key == self.merge_key
            and len(other.commands) == len(self.commands)
            and all(type(a) is type(b) for a, b in zip(self.commands, other.commands, strict=True))
        ):
            return False
        return all([a.merge(b) for a, b in zip(self.commands, other.commands, strict=True)])

    def do(self, design: Design) -> None:
        done: list[Command] = []
        try:
            for command in self.commands:
                command.do(design)
                done.append(command)
        except Exception:
            for command in reversed(done):
                command.undo(design)
            raise

    def undo(self, design: Design) -> None:
        for command in reversed(self.commands):
            command.undo(design)


StackListener = Callable[[], None]


class UndoStack:
    """Linear undo history of one design, with a clean mark for the saved state."""

    def __init__(self, design: Design) -> None:
        self.design = design
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._clean_depth: int | None = 0
        self._merge_open = True
        self._listeners: list[StackListener] = []

    def subscribe(self, listener: StackListener) -> None:
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()

    def push(self, command: Command) -> None:
        """Apply the command and record it (merged into the previous one where it allows)."""
        command.do(self.design)
        top = self._done[-1] if self._done else None
        at_clean = self._clean_depth == len(self._done)
        if top is not None and self._merge_open and not at_clean and top.merge(command):
            self._undone.clear()
        else:
            if self._clean_depth is not None and self._clean_depth > len(self._done):
                self._clean_depth = None
            self._done.append(command)
            self._undone.clear()
        self._merge_open = True
        self._changed()

    def close_merge(self) -> None:
        """The next command starts a new step even if it could merge (end of a typing burst)."""
        self._merge_open = False

    def undo(self) -> None:
        if not self._done:
            return
        command = self._done.pop()
        command.undo(self.design)
        self._undone.append(command)
        self._merge_open = False
        self._changed()

    def redo(self) -> None:
        if not self._undone:
            return
        command = self._undone.pop()
        command.do(self.design)
        self._done.append(command)
        self._merge_open = False
        self._changed()

    def can_undo(self) -> bool:
        return bool(self._done)

    def can_redo(self) -> bool:
        return bool(self._undone)

    def undo_text(self) -> str:
        return self._done[-1].text if self._done else ""

    def redo_text(self) -> str:
        return self._undone[-1].text if self._undone else ""

    def set_clean(self) -> None:
        self._clean_depth = len(self._done)
        self._merge_open = False
        self._changed()

    def is_clean(self) -> bool:
        return self._clean_depth == len(self._done)

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self._clean_depth = 0
        self._changed()

    @property
    def depth(self) -> int:
        return len(self._done)
