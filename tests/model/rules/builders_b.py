"""Small design builders for the part-B rule tests (containers, Batch, EC2, platforms)."""

from __future__ import annotations

from typing import Any

from model.config import EdgeConfig
from model.design import Design, new_node
from model.elements import Edge
from model.limits import Limits
from model.rules import Finding, IncrementalValidator, validate


def add(
    design: Design, kind: str, label: str = "", parent: str | None = None, **config: Any
) -> str:
    node = new_node(design, kind, label=label, parent=parent, config=config)
    design.add_node(node)
    return node.id


def connect(design: Design, source: str, target: str, relation: str, **config: Any) -> str:
    edge = Edge(
        id=design.new_edge_id(),
        source=source,
        target=target,
        relation=relation,
        config=EdgeConfig(**config),
    )
    design.add_edge(edge)
    return edge.id


def set_config(design: Design, node_id: str, **changes: Any) -> None:
    node = design.node(node_id)
    design.set_config(node_id, node.config.model_copy(update=changes))


def findings(design: Design, rule_id: str, limits: Limits | None = None) -> list[Finding]:
    return [f for f in validate(design, limits) if f.rule == rule_id]


def only(design: Design, rule_id: str) -> Finding:
    found = findings(design, rule_id)
    assert len(found) == 1, [f.message for f in found]
    return found[0]


def assert_incremental_matches(design: Design, validator: IncrementalValidator) -> None:
    assert [f.to_json() for f in validator.findings()] == [f.to_json() for f in validate(design)]
