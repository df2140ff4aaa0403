"""Declarative description of one kind of element a design can hold."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from model.config.base import ServiceConfig


class Category(StrEnum):
    COMPUTE = "Compute"
    CONTAINERS = "Containers"
    SERVERLESS = "Serverless"
    ORCHESTRATION = "Orchestration"
    NETWORKING = "Networking and delivery"
    STORAGE = "Storage and data"
    GROUPS = "Groups"
    OTHER = "Other AWS resources"
    ANNOTATIONS = "Annotations"


class Relation(StrEnum):
    INVOKES = "invokes"
    TRIGGERS = "triggers"
    ROUTES = "routes"
    USES = "uses"
    RUNS_ON = "runs_on"
    ANNOTATES = "annotates"


@dataclass(frozen=True)
class Icon:
    """An icon: a file of the installed diagrams package's resources, or one of ours in icons/."""

    path: str
    source: str = "diagrams"


@dataclass(frozen=True)
class KindSpec:
    id: str
    display_name: str
    category: Category
    description: str
    config_model: type[ServiceConfig]
    icon: Icon
    cfn_types: tuple[str, ...]
    diagrams_class: str | None
    aliases: tuple[str, ...] = ()
    is_container: bool = False
    contains: frozenset[str] = field(default_factory=frozenset)
    replaces: tuple[str, ...] = ()
    default_size: tuple[float, float] | None = None
    docs_url: str = ""
    """The AWS documentation page for this kind of resource (context menu: Open AWS
    Documentation); empty where there is none to link (generic resources, notes)."""
    annotation: bool = False
    """A review annotation (a note), not an AWS resource: rules and configuration exports
    skip it; it may sit in any container and annotate any node."""


@dataclass(frozen=True)
class RelationRule:
    """source kinds may connect to target kinds by relation."""

    relation: Relation
    sources: frozenset[str]
    targets: frozenset[str]


@dataclass(frozen=True)
class Preset:
    """A palette entry that creates an existing kind with preset settings (e.g. Fargate)."""

    id: str
    display_name: str
    kind: str
    config: dict[str, object]
    description: str
    icon: Icon
    aliases: tuple[str, ...] = ()
    category: Category = Category.CONTAINERS
