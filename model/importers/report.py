"""What an import did, by logical id: mapped, folded into a node, kept as generic resources,
relations inferred, and what it could not interpret."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ReportEntry:
    logical_id: str
    type: str
    text: str
    node: str = ""


@dataclass
class ImportReport:
    source: str
    mapped: list[ReportEntry] = field(default_factory=list)
    folded: list[ReportEntry] = field(default_factory=list)
    generic: list[ReportEntry] = field(default_factory=list)
    relations: list[ReportEntry] = field(default_factory=list)
    unresolved: list[ReportEntry] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"Imported {self.source}: {len(self.mapped)} resources mapped to kinds, "
            f"{len(self.folded)} folded into them, {len(self.generic)} kept as generic "
            f"resources, {len(self.relations)} relations inferred, "
            f"{len(self.unresolved)} things not interpreted."
        ]
        for title, entries in (
            ("Mapped", self.mapped),
            ("Folded into a node", self.folded),
            ("Kept as generic AWS resources", self.generic),
            ("Relations", self.relations),
            ("Not interpreted", self.unresolved),
        ):
            if entries:
                out.append(f"{title}:")
                out.extend(
                    f"  {entry.logical_id} ({entry.type}): {entry.text}" for entry in entries
                )
        return out

    def text(self) -> str:
        return "\n".join(self.lines()) + "\n"

    def to_json(self) -> dict[str, Any]:
        def rows(entries: list[ReportEntry]) -> list[dict[str, str]]:
            return [
                {"logical_id": e.logical_id, "type": e.type, "text": e.text, "node": e.node}
                for e in entries
            ]

        return {
            "source": self.source,
            "mapped": rows(self.mapped),
            "folded": rows(self.folded),
            "generic": rows(self.generic),
            "relations": rows(self.relations),
            "unresolved": rows(self.unresolved),
        }
