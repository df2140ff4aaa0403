"""Ordered upgrades of old file versions: MIGRATIONS[n] turns a version-n document into n+1."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from model.serialization.schema import CURRENT_VERSION

Migration = Callable[[dict[str, Any]], dict[str, Any]]

MIGRATIONS: dict[int, Migration] = {}


def migrate(
    document: dict[str, Any],
    migrations: Mapping[int, Migration] | None = None,
    target: int = CURRENT_VERSION,
) -> dict[str, Any]:
    """Upgrade a parsed document step by step from its version to target."""
    steps = MIGRATIONS if migrations is None else migrations
    version = document["version"]
    while version < target:
        if version not in steps:
            raise KeyError(f"no migration from file version {version} to {version + 1}")
        document = steps[version](document)
        version += 1
        document["version"] = version
    return document
