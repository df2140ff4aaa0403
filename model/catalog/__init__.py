"""The catalog: every kind a design can hold, its presets and the relations between kinds."""

from __future__ import annotations

from model.catalog import (
    compute,
    containers,
    generic,
    groups,
    networking,
    notes,
    orchestration,
    relations,
    serverless,
    storage,
)
from model.catalog.generic import GENERIC_KIND, resource_icon
from model.catalog.icons import icon_path
from model.catalog.registry import DuplicateKindError, Registry
from model.catalog.spec import Category, Icon, KindSpec, Preset, Relation, RelationRule


def build_catalog() -> Registry:
    registry = Registry()
    for module in (
        serverless,
        compute,
        containers,
        orchestration,
        networking,
        storage,
        groups,
        generic,
        notes,
    ):
        for spec in module.KINDS:
            registry.register(spec)
    for preset in containers.PRESETS:
        registry.register_preset(preset)
    registry.register_relations(relations.RULES)
    return registry


CATALOG = build_catalog()


def node_icon(kind: str, config: object) -> Icon:
    """The icon a node is drawn with: its kind's, or for a generic resource its service's."""
    if kind == GENERIC_KIND:
        return resource_icon(str(getattr(config, "resource_type", "")))
    return CATALOG.get(kind).icon if kind in CATALOG else resource_icon("")


__all__ = [
    "CATALOG",
    "Category",
    "DuplicateKindError",
    "GENERIC_KIND",
    "Icon",
    "KindSpec",
    "Preset",
    "Registry",
    "Relation",
    "RelationRule",
    "build_catalog",
    "icon_path",
    "node_icon",
]
