"""Past-tense events the design emits after each change; views and validation observe them."""

from __future__ import annotations

from dataclasses import dataclass

from model.elements import Edge, Node
from model.profile import Profile
from model.review.values import ReviewStatus, Waiver


@dataclass(frozen=True)
class Event:
    """Base of all design events."""

    @property
    def node_ids(self) -> tuple[str, ...]:
        return ()

    @property
    def edge_ids(self) -> tuple[str, ...]:
        return ()


@dataclass(frozen=True)
class NodeAdded(Event):
    node: Node

    @property
    def node_ids(self) -> tuple[str, ...]:
        return (self.node.id,)


@dataclass(frozen=True)
class NodeRemoved(Event):
    node: Node

    @property
    def node_ids(self) -> tuple[str, ...]:
        return (self.node.id,)


@dataclass(frozen=True)
class NodeUpdated(Event):
    """A node was replaced by a new value; subclasses say which aspect changed."""

    old: Node
    new: Node

    @property
    def node_ids(self) -> tuple[str, ...]:
        return (self.new.id,)


class NodeConfigChanged(NodeUpdated):
    pass


class NodeRenamed(NodeUpdated):
    pass


class NodeMoved(NodeUpdated):
    pass


class NodeResized(NodeUpdated):
    pass


class NodePinned(NodeUpdated):
    pass


class NodeReparented(NodeUpdated):
    pass


@dataclass(frozen=True)
class EdgeAdded(Event):
    edge: Edge

    @property
    def edge_ids(self) -> tuple[str, ...]:
        return (self.edge.id,)

    @property
    def node_ids(self) -> tuple[str, ...]:
        return (self.edge.source, self.edge.target)


@dataclass(frozen=True)
class EdgeRemoved(Event):
    edge: Edge

    @property
    def edge_ids(self) -> tuple[str, ...]:
        return (self.edge.id,)

    @property
    def node_ids(self) -> tuple[str, ...]:
        return (self.edge.source, self.edge.target)


@dataclass(frozen=True)
class EdgeUpdated(Event):
    old: Edge
    new: Edge

    @property
    def edge_ids(self) -> tuple[str, ...]:
        return (self.new.id,)

    @property
    def node_ids(self) -> tuple[str, ...]:
        return (self.new.source, self.new.target)


@dataclass(frozen=True)
class OrderRestored(Event):
    """Nodes and edges were put back in a recorded order (after undoing a removal)."""


@dataclass(frozen=True)
class ProfileChanged(Event):
    old: Profile
    new: Profile


@dataclass(frozen=True)
class PropertiesChanged(Event):
    """The design's name or description changed."""

    name: str
    description: str


@dataclass(frozen=True)
class WaiverAdded(Event):
    waiver: Waiver


@dataclass(frozen=True)
class WaiverRemoved(Event):
    waiver: Waiver


@dataclass(frozen=True)
class ReviewChanged(Event):
    """The design's review status changed (None: the design carries none)."""

    old: ReviewStatus | None
    new: ReviewStatus | None
