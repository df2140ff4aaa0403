"""The catalog: every kind a design can hold, its presets and the relations between kinds."""

from __future__ import annotations

from model.catalog import (
    compute,
    containers,
    groups,
    networking,
    notes,
    orchestration,
    relations,
    serverless,
    storage,
)
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
        notes,
    ):
        for spec in module.KINDS:
            registry.register(spec)
    for preset in containers.PRESETS:
        registry.register_preset(preset)
    registry.register_relations(relations.RULES)
    return registry


CATALOG = build_catalog()

__all__ = [
    "CATALOG",
    "Category",
    "DuplicateKindError",
    "Icon",
    "KindSpec",
    "Preset",
    "Registry",
    "Relation",
    "RelationRule",
    "build_catalog",
    "icon_path",
]
