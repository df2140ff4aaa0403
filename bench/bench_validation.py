"""Validation speed on a large design: full runs, incremental runs after one config edit, and
whole `archcanvas validate` processes on generated designs.

Run: .venv/bin/python bench/bench_validation.py [--runs 50] [--nodes 5000] [--edges 10000]
     [--process-runs 5] (0 skips the process timings)
Targets: full validation under 150 ms median; the incremental validator's first run no slower
than a full run (it records what rules read later, in prepare(), which the app runs while
idle); incremental validation after one edit under 10 ms median; `archcanvas
validate` under 0.8 s on the 800-cell design of ../shared/tools/gen_design.py and under
0.25 s on the 100-cell one. Figures are wall-clock and CPU time of this process (the CPU figure
is steadier on a shared machine). "cold" runs first drop the analyses kept per state machine
definition, as opening a file does; "warm" runs reuse them, as re-validating an open design does.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from model.config import EdgeConfig
from model.design import Design, new_node
from model.elements import Edge
from model.profile import Profile
from model.rules import IncrementalValidator, validate
from model.rules.stepfunctions_rules import forget_definition_analyses

ROOT = Path(__file__).resolve().parents[1]
GEN_DESIGN = ROOT.parent / "shared" / "tools" / "gen_design.py"

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


def touch(design: Design, function: str) -> None:
    """Change a function's timeout, as an edit in the inspector does."""
    config = design.node(function).config
    timeout = config.timeout_s  # type: ignore[attr-defined]
    design.set_config(function, config.model_copy(update={"timeout_s": timeout % 900 + 1}))


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU milliseconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def summary(samples: list[tuple[float, float]]) -> str:
    walls = sorted(s[0] for s in samples)
    p95 = walls[min(len(walls) - 1, round(0.95 * (len(walls) - 1)))]
    cpu = statistics.median(s[1] for s in samples)
    return f"median {statistics.median(walls):8.2f} ms   p95 {p95:8.2f} ms   cpu {cpu:8.2f} ms"


def process_times(gen: Path, cells: int, runs: int) -> str:
    """Median wall time of whole `archcanvas validate` processes on a generated design."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"cells-{cells}.archcanvas"
        made = subprocess.run(
            [sys.executable, str(gen), str(cells), str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        command = [sys.executable, "-m", "app.cli", "validate", str(path)]
        # Bytecode as an installed package has it: compiled once (into the temporary folder,
        # not the checkout), even where the environment sets PYTHONDONTWRITEBYTECODE.
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONPYCACHEPREFIX": str(folder)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run(command, capture_output=True, env=env, cwd=ROOT)  # compiles bytecode
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, env=env, cwd=ROOT)
            samples.append(time.perf_counter() - start)
    return f"{made.stdout.strip()}: median {statistics.median(samples):6.3f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--edges", type=int, default=10000)
    parser.add_argument("--process-runs", type=int, default=5)
    parser.add_argument("--gen", type=Path, default=GEN_DESIGN, help="path of gen_design.py")
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
    cold = []
    for _ in range(full_runs):
        forget_definition_analyses()
        cold.append(timed(lambda: validate(design)))
    print(f"full validation, cold ({full_runs:3d} runs): {summary(cold)}")
    warm = [timed(lambda: validate(design)) for _ in range(full_runs)]
    print(f"full validation, warm ({full_runs:3d} runs): {summary(warm)}")

    firsts, prepares, steps, unprepared_edits = [], [], [], []
    functions = [n.id for n in design.iter_nodes() if n.kind == "aws.lambda"]
    for _ in range(max(3, full_runs // 2)):
        forget_definition_analyses()
        validator = IncrementalValidator(design)
        firsts.append(timed(validator.findings))
        prepares.append(timed(validator.prepare))
        validator.close()
        validator = IncrementalValidator(design)
        validator.findings()
        while not validator.prepared:
            steps.append(timed(lambda: validator.prepare(seconds=0)))  # noqa: B023
        validator.close()
        validator = IncrementalValidator(design)
        validator.findings()
        touch(design, functions[0])
        unprepared_edits.append(timed(validator.findings))
        validator.close()
    cold_wall = statistics.median(c[0] for c in cold)
    first_wall = statistics.median(f[0] for f in firsts)
    print(
        f"incremental validator, first (full) run, cold: {summary(firsts)}   "
        f"({first_wall / cold_wall:.2f} x a cold full run)"
    )
    print(f"  then prepare(), in idle time: {summary(prepares)}")
    print(
        f"  prepare() in steps: {len(steps) // max(3, full_runs // 2)} steps, "
        f"longest {max(s[0] for s in steps):.2f} ms, {summary(steps)}"
    )
    print(f"  an edit before prepare() (a full run that records): {summary(unprepared_edits)}")

    validator = IncrementalValidator(design)
    validator.findings()
    validator.prepare()
    rng = random.Random(11)
    incremental: list[tuple[float, float]] = []
    for _ in range(args.runs):
        function = rng.choice(functions)

        def edit_and_validate() -> None:
            touch(design, function)  # noqa: B023
            validator.findings()

        incremental.append(timed(edit_and_validate))
    print(f"incremental, 1 edit   ({args.runs:3d} runs): {summary(incremental)}")
    same = validator.findings() == validate(design)
    print(f"incremental findings equal a full run: {same}")

    if args.process_runs > 0 and args.gen.exists():
        for cells in (100, 800):
            figures = process_times(args.gen, cells, args.process_runs)
            print(f"archcanvas validate, {cells} cells: {figures}")


if __name__ == "__main__":
    main()
