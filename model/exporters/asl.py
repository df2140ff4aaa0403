"""Step Functions definitions: one Amazon States Language file per state machine.

DIR/<node id>.asl.json holds the definition with ${Name} placeholders for the design's
resources; DIR/<node id>.substitutions.json says which node each placeholder stands for, with
its kind and the CloudFormation logical id that replaces it in a template export.
"""

from __future__ import annotations

from typing import Any

from model.design import Design
from model.exporters._common import Names, safe_filename, workflow
from model.exporters.escaping import json_dump


def files(design: Design) -> dict[str, str]:
    """File name -> content, for every state machine of the design (design order)."""
    names = Names(design)
    result: dict[str, str] = {}
    used: set[str] = set()
    for node in design.iter_nodes():
        if node.kind != "aws.stepfunctions.state_machine":
            continue
        definition, substitutions = workflow(design, node.id, names)
        stem = safe_filename(node.id)
        candidate, counter = stem, 2
        while candidate.lower() in used:
            candidate = f"{stem}-{counter}"
            counter += 1
        used.add(candidate.lower())
        mapping: dict[str, Any] = {}
        for item in substitutions:
            if item.node is None:
                mapping[item.name] = {
                    "node": None,
                    "kind": None,
                    "logical_id": None,
                    "value": "parameter",
                }
                continue
            target = design.node(item.node)
            mapping[item.name] = {
                "node": target.id,
                "kind": target.kind,
                "logical_id": names.node(target.id),
                "value": item.form,
            }
        envelope = {
            "state_machine": {
                "node": node.id,
                "label": node.label,
                "logical_id": names.node(node.id),
            },
            "substitutions": mapping,
        }
        result[f"{candidate}.asl.json"] = json_dump(definition)
        result[f"{candidate}.substitutions.json"] = json_dump(envelope)
    return result
