"""Nodes and edges of a design: immutable values, replaced whole by the design's mutators."""

from __future__ import annotations

from dataclasses import dataclass, field

from model.config.base import ServiceConfig
from model.config.edges import EdgeConfig
from model.text import visible


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Size:
    w: float
    h: float


@dataclass(frozen=True)
class Placement:
    """Where a node is drawn; semantics never depend on it."""

    position: Point = Point(0.0, 0.0)  # noqa: RUF009
    size: Size | None = None
    pinned: bool = False


@dataclass(frozen=True)
class Node:
    id: str
    kind: str
    label: str
    config: ServiceConfig
    parent: str | None = None
    placement: Placement = field(default_factory=Placement)

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", visible(self.label))

    @property
    def position(self) -> Point:
        return self.placement.position


@dataclass(frozen=True)
class Edge:
    id: str
    source: str
    target: str
    relation: str
    config: EdgeConfig = field(default_factory=EdgeConfig)
    label: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", visible(self.label))
