"""Small design builders shared by the rule tests (import with `from helpers import ...`)."""

from __future__ import annotations

from typing import Any

from model.config import EdgeConfig
from model.design import Design, new_node
from model.elements import Edge
from model.limits import Limits
from model.profile import Profile
from model.rules import Finding, validate


def design(region: str = "us-east-1", **quotas: int | float) -> Design:
    return Design(profile=Profile(region=region, quotas=dict(quotas)))


def add(
    design: Design,
    kind: str,
    label: str = "",
    parent: str | None = None,
    node_id: str | None = None,
    **config: Any,
) -> str:
    node = new_node(design, kind, label=label, parent=parent, config=config, node_id=node_id)
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
    values = {**node.config.model_dump(), **changes}
    design.set_config(node_id, type(node.config).model_validate(values))


def set_edge(design: Design, edge_id: str, **changes: Any) -> None:
    edge = design.edge(edge_id)
    design.set_edge_config(edge_id, EdgeConfig(**{**edge.config.model_dump(), **changes}))


def findings(design: Design, rule_id: str, limits: Limits | None = None) -> list[Finding]:
    return [f for f in validate(design, limits) if f.rule == rule_id]


def only(design: Design, rule_id: str, limits: Limits | None = None) -> Finding:
    found = findings(design, rule_id, limits)
    assert len(found) == 1, [f.message for f in found]
    return found[0]


def none(design: Design, rule_id: str, limits: Limits | None = None) -> None:
    found = findings(design, rule_id, limits)
    assert found == [], [f.message for f in found]


STATE_MACHINE = "aws.stepfunctions.state_machine"


def machine(
    definition: dict[str, Any] | None,
    workflow: str = "EXPRESS",
    fn_timeout: int = 10,
    **config: Any,
) -> tuple[Design, str, str]:
    """A design holding a state machine "flow" and a function "worker" (timeout fn_timeout)
    that the definition's ${Fn} placeholder maps to; config sets more of the machine's fields
    (definition_substitutions replaces that mapping). Returns the design, machine and function."""
    d = design()
    fn = add(d, "aws.lambda", "worker", timeout_s=fn_timeout)
    config.setdefault("definition_substitutions", {"Fn": fn})
    sm = add(d, STATE_MACHINE, "flow", workflow_type=workflow, definition=definition, **config)
    return d, sm, fn


def poll_loop() -> dict[str, Any]:
    """Wait, then a Choice that goes back to the Wait until $.done: a loop nothing bounds."""
    return {
        "StartAt": "Poll",
        "States": {
            "Poll": {"Type": "Wait", "Seconds": 5, "Next": "Check"},
            "Check": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.done", "BooleanEquals": True, "Next": "Done"}],
                "Default": "Poll",
            },
            "Done": {"Type": "Succeed"},
        },
    }
