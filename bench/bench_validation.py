"""Validation speed on a large design: full runs and incremental runs after one config edit.

Run: .venv/bin/python bench/bench_validation.py [--runs 50] [--nodes 5000] [--edges 10000]
Targets: full validation under 500 ms; incremental validation after one edit under 10 ms median.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from model.config import EdgeConfig
from model.design import Design, new_node
from model.elements import Edge
from model.profile import Profile
from model.rules import IncrementalValidator, validate

# Share of service nodes per kind (the rest of the node budget after containers).
MIX = {
    "aws.lambda": 0.40,
    "aws.sqs.queue": 0.14,
    "aws.dynamodb.table": 0.12,
    "aws.stepfunctions.state_machine": 0.08,
    "aws.s3.bucket": 0.07,
    "aws.sns.topic": 0.06,
    "aws.apigateway.api": 0.05,
    "aws.lambda_edge": 0.05,
    "aws.cloudfront.distribution": 0.03,
}
REGIONS = ["us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2", "us-west-2"]
EVENTS = ["viewer-request", "viewer-response", "origin-request", "origin-response"]
DATA_STORES = ("aws.dynamodb.table", "aws.s3.bucket", "aws.sqs.queue", "aws.sns.topic")
EVENT_SOURCES = ("aws.sqs.queue", "aws.sns.topic", "aws.s3.bucket")


def definition(index: int) -> dict[str, Any]:
    """A small workflow: validate, process with retries, a Choice loop back, then notify."""
    return {
        "Comment": f"workflow {index}",
        "StartAt": "Validate",
        "States": {
            "Validate": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "${First}", "Payload.$": "$"},
                "TimeoutSeconds": 30,
                "Next": "Process",
            },
            "Process": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "${Second}", "Payload.$": "$"},
                "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}],
                "Next": "Done?",
            },
            "Done?": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.done", "BooleanEquals": True, "Next": "Notify"}],
                "Default": "Wait",
            },
            "Wait": {"Type": "Wait", "Seconds": 10, "Next": "Process"},
            "Notify": {
                "Type": "Task",
                "Resource": "arn:aws:states:::sns:publish",
                "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:done"},
                "End": True,
            },
        },
    }


def build(node_count: int, edge_count: int, seed: int = 7) -> Design:
    """A design of about node_count nodes in Region/VPC/subnet containers and edge_count edges."""
    rng = random.Random(seed)
    design = Design("bench", profile=Profile(region="us-east-1"))
    containers: list[str] = []
    homes: list[str] = []
    for name in REGIONS:
        region = new_node(design, "aws.region", label=name, config={"name": name})
        design.add_node(region)
        vpc = new_node(design, "aws.vpc", parent=region.id)
        design.add_node(vpc)
        subnets = []
        for _ in range(2):
            subnet = new_node(design, "aws.subnet", parent=vpc.id)
            design.add_node(subnet)
            subnets.append(subnet.id)
        containers += [region.id, vpc.id, *subnets]
        homes += [region.id, region.id, *subnets]
    budget = node_count - len(containers)
    by_kind: dict[str, list[str]] = {kind: [] for kind in MIX}
    for kind, share in MIX.items():
        for index in range(int(budget * share)):
            parent: str | None
            config: dict[str, Any] = {}
            if kind == "aws.lambda":
                parent = rng.choice(homes)
                config = {
                    "memory_mb": rng.choice([128, 512, 1024, 2048]),
                    "timeout_s": rng.choice([3, 10, 30, 60, 300]),
                    "avg_duration_ms": rng.choice([None, 50.0, 200.0, 800.0]),
                    "reserved_concurrency": rng.choice([None] * 9 + [10]),
                    "environment": {"TABLE": f"t{index}"},
                }
            elif kind in ("aws.lambda_edge", "aws.cloudfront.distribution"):
                parent = None
            elif kind == "aws.stepfunctions.state_machine":
                parent = rng.choice(containers[::4])
                config = {
                    "workflow_type": rng.choice(["STANDARD", "EXPRESS"]),
                    "definition": definition(index),
                }
            else:
                parent = rng.choice(containers[::4])
            node = new_node(
                design,
                kind,
                label=f"{kind.rsplit('.', 1)[-1]}-{index}",
                parent=parent,
                config=config,
            )
            design.add_node(node)
            by_kind[kind].append(node.id)
    while len(design.nodes) < node_count:
        node = new_node(design, "aws.dynamodb.table", parent=rng.choice(containers[::4]))
        design.add_node(node)
        by_kind["aws.dynamodb.table"].append(node.id)

    functions = by_kind["aws.lambda"]
    edges = 0

    def connect(source: str, target: str, relation: str, **config: Any) -> None:
        nonlocal edges
        design.add_edge(Edge(design.new_edge_id(), source, target, relation, EdgeConfig(**config)))
        edges += 1

    for machine in by_kind["aws.stepfunctions.state_machine"]:
        first, second = rng.sample(functions, 2)
        node = design.node(machine)
        design.set_config(
            machine,
            node.config.model_copy(
                update={"definition_substitutions": {"First": first, "Second": second}}
            ),
        )
        connect(machine, first, "invokes")
        connect(machine, second, "invokes")
    for api in by_kind["aws.apigateway.api"]:
        for target in rng.sample(functions, 4):
            connect(api, target, "invokes", expected_rps=rng.choice([None, 50.0, 200.0]))
        connect(api, rng.choice(by_kind["aws.stepfunctions.state_machine"]), "invokes")
    distributions = by_kind["aws.cloudfront.distribution"]
    for index, edge_function in enumerate(by_kind["aws.lambda_edge"]):
        event = EVENTS[index % len(EVENTS)]
        connect(
            distributions[index % len(distributions)], edge_function, "triggers", event_type=event
        )
    for queue in by_kind["aws.sqs.queue"]:
        connect(
            queue,
            rng.choice(functions),
            "triggers",
            batch_size=rng.choice([None, 10, 100]),
            batching_window_s=rng.choice([None, 0, 5]),
        )
    while edges < edge_count:
        source = rng.choice(functions)
        roll = rng.random()
        if roll < 0.15:
            connect(source, rng.choice(functions), "invokes")
        elif roll < 0.3:
            kind = rng.choice(EVENT_SOURCES)
            connect(rng.choice(by_kind[kind]), source, "triggers", expected_rps=10.0)
        else:
            kind = rng.choice(DATA_STORES)
            connect(source, rng.choice(by_kind[kind]), "uses")
    return design


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered):8.2f} ms   p95 {p95:8.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--edges", type=int, default=10000)
    args = parser.parse_args()

    design = build(args.nodes, args.edges)
    kinds: dict[str, int] = {}
    for node in design.iter_nodes():
        kinds[node.kind] = kinds.get(node.kind, 0) + 1
    print(f"design: {len(design.nodes)} nodes, {len(design.edges)} edges")
    print("  " + ", ".join(f"{k.removeprefix('aws.')} {n}" for k, n in sorted(kinds.items())))

    findings = validate(design)
    print(f"findings: {len(findings)}")
    full_runs = max(5, args.runs // 5)
    full = [timed(lambda: validate(design)) for _ in range(full_runs)]
    print(f"full validation      ({full_runs:3d} runs): {summary(full)}")

    validator = IncrementalValidator(design)
    first = timed(validator.findings)
    print(f"incremental validator, first (full) run: {first:8.2f} ms")

    rng = random.Random(11)
    functions = [n.id for n in design.iter_nodes() if n.kind == "aws.lambda"]
    incremental: list[float] = []
    for _ in range(args.runs):
        function = rng.choice(functions)
        node = design.node(function)
        timeout = node.config.timeout_s  # type: ignore[attr-defined]
        new_config = node.config.model_copy(update={"timeout_s": timeout % 900 + 1})

        def edit_and_validate() -> None:
            design.set_config(function, new_config)  # noqa: B023
            validator.findings()

        incremental.append(timed(edit_and_validate))
    print(f"incremental, 1 edit  ({args.runs:3d} runs): {summary(incremental)}")
    same = validator.findings() == validate(design)
    print(f"incremental findings equal a full run: {same}")


if __name__ == "__main__":
    main()
