"""Pydantic models of the .archcanvas file: the public contract, and the source of its schema."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from model.catalog import Relation
from model.profile import Profile
from model.review.values import ReviewStatus, Waiver

FORMAT_NAME = "archcanvas"
CURRENT_VERSION = 1


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False)


class PositionDoc(_Strict):
    x: float = Field(description="Left edge on the canvas, in scene units.")
    y: float = Field(description="Top edge on the canvas, in scene units.")


class SizeDoc(_Strict):
    w: float = Field(description="Width of a container, in scene units.")
    h: float = Field(description="Height of a container, in scene units.")


class OriginDoc(_Strict):
    resources: dict[str, dict[str, Any]] = Field(
        description="Logical id -> resource as in the template; the node's own resource first."
    )
    config: dict[str, Any] = Field(
        default_factory=dict, description="The settings as read from the template."
    )


class ImportedDoc(_Strict):
    sections: dict[str, Any] = Field(
        default_factory=dict,
        description="Every template section but Resources (Parameters, Outputs, ...).",
    )
    source: str = Field(default="", description="The template the design was imported from.")
    inferred_edges: list[str] = Field(
        default_factory=list, description="Ids of connections the import inferred."
    )
    implicit_nodes: list[str] = Field(
        default_factory=list, description="Ids of nodes SAM creates without a resource."
    )


class NodeDoc(_Strict):
    id: str = Field(min_length=1, description="Unique, stable id of the node.")
    kind: str = Field(description="Catalog kind, e.g. aws.lambda.")
    label: str = Field(default="", description="Name shown on the canvas.")
    parent: str | None = Field(default=None, description="Id of the container node, or null.")
    position: PositionDoc
    size: SizeDoc | None = Field(default=None, description="Size, for containers.")
    pinned: bool = Field(default=False, description="Auto layout leaves the node where it is.")
    config: dict[str, Any] = Field(default_factory=dict, description="The kind's settings.")
    origin: OriginDoc | None = Field(
        default=None, description="What the node was in the template it was imported from."
    )


class EdgeDoc(_Strict):
    id: str = Field(min_length=1, description="Unique, stable id of the connection.")
    source: str = Field(description="Id of the node the connection starts at.")
    target: str = Field(description="Id of the node the connection ends at.")
    relation: Relation = Field(strict=False, description="What the connection means.")
    label: str = Field(default="", description="Optional text shown on the connection.")
    config: dict[str, Any] = Field(default_factory=dict, description="Connection settings.")


class DesignDoc(_Strict):
    name: str = Field(default="Untitled design")
    description: str = Field(default="")
    profile: Profile = Field(default_factory=Profile)
    nodes: list[NodeDoc] = Field(default_factory=list)
    edges: list[EdgeDoc] = Field(default_factory=list)
    imported: ImportedDoc | None = Field(
        default=None, description="What a design imported from a template keeps of it."
    )
    waivers: list[Waiver] = Field(
        default_factory=list,
        description="Accepted findings, each with its reason, author and optional expiry.",
    )
    review: ReviewStatus | None = Field(
        default=None, description="Review status: draft, in review or approved, by whom, when."
    )


class FileDoc(_Strict):
    format: Literal["archcanvas"]
    version: int = Field(ge=1, description="File format version.")
    app_version: str = Field(description="Version of the ArchCanvas that wrote the file.")
    design: DesignDoc
