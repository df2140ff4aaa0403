"""Nodes and edges of a design: immutable values, replaced whole by the design's mutators."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

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
class Origin:
    """What an imported node was in its template: the resources it stands for (logical id ->
    resource, its own first, then the ones folded into it such as its role or permissions)
    and its settings as read. The CloudFormation export writes the resources back and only
    the settings edited since import into them."""

    resources: Mapping[str, Mapping[str, Any]]
    config: Mapping[str, Any]

    @property
    def logical_id(self) -> str:
        return next(iter(self.resources), "")


@dataclass(frozen=True)
class ImportedTemplate:
    """What a design imported from a template keeps at design level: every section but
    Resources (Parameters, Mappings, Conditions, Outputs, Metadata, Transform, Globals ...),
    the connections the import inferred, and nodes SAM creates implicitly (no resource)."""

    sections: Mapping[str, Any]
    source: str = ""
    inferred_edges: frozenset[str] = frozenset()
    implicit_nodes: frozenset[str] = frozenset()


_DEFAULT_PLACEMENT = Placement()


@dataclass(frozen=True, init=False)
class Node:
    id: str
    kind: str
    label: str
    config: ServiceConfig
    parent: str | None = None
    placement: Placement = _DEFAULT_PLACEMENT
    origin: Origin | None = None

    def __init__(
        self,
        id: str,
        kind: str,
        label: str,
        config: ServiceConfig,
        parent: str | None = None,
        placement: Placement = _DEFAULT_PLACEMENT,
        origin: Origin | None = None,
    ) -> None:
        """Fills __dict__ in one step (a frozen dataclass's own __init__ sets each field
        through object.__setattr__, twice the cost; a load makes thousands of nodes)."""
        self.__dict__.update(
            id=id,
            kind=kind,
            label=visible(label),
            config=config,
            parent=parent,
            placement=placement,
            origin=origin,
        )

    @property
    def position(self) -> Point:
        return self.placement.position


@dataclass(frozen=True, init=False)
class Edge:
    id: str
    source: str
    target: str
    relation: str
    config: EdgeConfig = field(default_factory=EdgeConfig)
    label: str = ""

    def __init__(
        self,
        id: str,
        source: str,
        target: str,
        relation: str,
        config: EdgeConfig | None = None,
        label: str = "",
    ) -> None:
        """As Node's: one update of __dict__."""
        self.__dict__.update(
            id=id,
            source=source,
            target=target,
            relation=relation,
            config=EdgeConfig() if config is None else config,
            label=visible(label),
        )
