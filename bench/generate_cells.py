"""A large design of N cells for benchmarks, in the shape of ../shared/tools/gen_design.py:
each cell an API -> Lambda -> SQS -> Lambda -> DynamoDB chain plus an Express state machine
calling both functions, the functions in subnets of two zones; 8 nodes and 8 edges a cell.

Run: .venv/bin/python bench/generate_cells.py N OUT.archcanvas
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.design import Design  # noqa: E402
from model.serialization import loads  # noqa: E402


def cells_document(cells: int) -> dict[str, Any]:
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []

    def node(node_id: str, kind: str, config: dict[str, Any], parent=None, x=0, y=0) -> None:  # type: ignore[no-untyped-def]
        nodes.append(
            {
                "id": node_id,
                "kind": kind,
                "label": node_id,
                "parent": parent,
                "position": {"x": x, "y": y},
                "config": config,
            }
        )

    def edge(source: str, target: str, relation: str, config=None) -> None:  # type: ignore[no-untyped-def]
        edges.append(
            {
                "id": f"e{len(edges)}",
                "source": source,
                "target": target,
                "relation": relation,
                "config": config or {},
            }
        )

    node("region", "aws.region", {"name": "eu-west-1"})
    node("vpc", "aws.vpc", {}, parent="region")
    for zone in ("a", "b"):
        node(f"az-{zone}", "aws.availability_zone", {"name": f"eu-west-1{zone}"}, parent="vpc")
        node(f"subnet-{zone}", "aws.subnet", {}, parent=f"az-{zone}")
    for c in range(cells):
        subnet = "subnet-a" if c % 2 == 0 else "subnet-b"
        x, y = (c % 40) * 900, (c // 40) * 300
        node(
            f"api{c}",
            "aws.apigateway.api",
            {"api_type": "rest", "integration_timeout_s": 29},
            "region",
            x,
            y,
        )
        node(
            f"fn{c}",
            "aws.lambda",
            {
                "runtime": "python3.12",
                "memory_mb": 512,
                "timeout_s": 20 + c % 15,
                "avg_duration_ms": 120,
            },
            subnet,
            x + 150,
            y,
        )
        node(f"q{c}", "aws.sqs.queue", {"visibility_timeout_s": 180}, "region", x + 300, y)
        node(
            f"worker{c}",
            "aws.lambda",
            {"runtime": "nodejs20.x", "memory_mb": 1024, "timeout_s": 25},
            subnet,
            x + 450,
            y,
        )
        node(f"table{c}", "aws.dynamodb.table", {}, "region", x + 600, y)
        task = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 30}
        definition = {
            "StartAt": "A",
            "States": {
                "A": {**task, "Parameters": {"FunctionName": "${Fn}"}, "Next": "B",
                      "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}]},
                "B": {**task, "Parameters": {"FunctionName": "${Worker}"}, "End": True},
            },
        }  # fmt: skip
        node(
            f"flow{c}",
            "aws.stepfunctions.state_machine",
            {
                "workflow_type": "EXPRESS",
                "definition": definition,
                "definition_substitutions": {"Fn": f"fn{c}", "Worker": f"worker{c}"},
            },
            "region",
            x + 150,
            y + 150,
        )
        edge(f"api{c}", f"fn{c}", "invokes", {"expected_rps": 5})
        edge(f"fn{c}", f"q{c}", "uses")
        edge(f"q{c}", f"worker{c}", "triggers")
        edge(f"worker{c}", f"table{c}", "uses")
        edge(f"flow{c}", f"fn{c}", "invokes", {"integration_pattern": "request_response"})
        edge(f"flow{c}", f"worker{c}", "invokes", {"integration_pattern": "request_response"})
        edge(f"fn{c}", f"table{c}", "uses")
        if c:
            edge(f"worker{c}", f"q{c - 1}", "uses")
    return {
        "format": "archcanvas",
        "version": 1,
        "app_version": "0.1.0",
        "design": {
            "name": f"generated {cells} cells",
            "description": "",
            "profile": {"region": "eu-west-1", "quotas": {"lambda_concurrent_executions": 100000}},
            "nodes": nodes,
            "edges": edges,
        },
    }


def cells_design(cells: int) -> Design:
    return loads(json.dumps(cells_document(cells)), f"<{cells} cells>")


if __name__ == "__main__":
    document = cells_document(int(sys.argv[1]))
    Path(sys.argv[2]).write_text(json.dumps(document, indent=1), encoding="utf-8")
    print(f"{len(document['design']['nodes'])} nodes, {len(document['design']['edges'])} edges")
