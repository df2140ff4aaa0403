"""The neutral form a template reader produces and the design builder consumes.

A CloudFormation/SAM reader fills it today; a Terraform reader (HCL or `terraform show -json`)
would fill the same: resources with their CloudFormation type and properties, the sections
kept at design level, and how to evaluate values (see docs/importing.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from model.mapping.intrinsics import Resolver


@dataclass(frozen=True)
class SourceResource:
    logical_id: str
    type: str
    body: dict[str, Any]
    line: int | None = None

    @property
    def properties(self) -> dict[str, Any]:
        value = self.body.get("Properties")
        return value if isinstance(value, dict) else {}


@dataclass
class SourceTemplate:
    """Resources in template order, plus what a design keeps of the rest."""

    path: Path
    resources: dict[str, SourceResource]
    sections: dict[str, Any]
    resolver: Resolver
    globals: dict[str, Any] = field(default_factory=dict)
    read_file: Callable[[str], Any] | None = None

    def where(self, logical_id: str) -> str:
        resource = self.resources.get(logical_id)
        line = resource.line if resource else None
        return f"{self.path}:{line}" if line else str(self.path)
