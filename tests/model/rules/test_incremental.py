"""Incremental validation equals a full run after every edit, including undo and redo."""

from __future__ import annotations

import contextlib
from typing import Any

from helpers import add, connect, design
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from model.catalog import CATALOG
from model.commands import (
    AddNode,
    Command,
    CommandError,
    Connect,
    Disconnect,
    RemoveNodes,
    Rename,
    Reparent,
    SetConfig,
    SetEdgeConfig,
    SetProfile,
    UndoStack,
)
from model.design import Design, ModelError, new_node
from model.elements import Edge
from model.profile import Profile
from model.rules import IncrementalValidator, validate

DEFINITION = {
    "StartAt": "Pause",
    "States": {
        "Pause": {"Type": "Wait", "Seconds": 200, "Next": "Call"},
        "Call": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "${Fn}"},
            "End": True,
        },
    },
}

FUNCTION_FIELDS: dict[str, Any] = {
    "timeout_s": st.sampled_from([3, 20, 60, 200, 901]),
    "memory_mb": st.sampled_from([128, 1024, 20_000]),
    "reserved_concurrency": st.sampled_from([None, 5, 500]),
    "provisioned_concurrency": st.sampled_from([None, 10]),
    "package_size_mb": st.sampled_from([None, 0.5, 5.0, 60.0]),
    "environment": st.sampled_from([{}, {"A": "b"}]),
    "region": st.sampled_from([None, "eu-west-1", "us-east-1"]),
    "avg_duration_ms": st.sampled_from([None, 500.0, 4000.0]),
    "runtime": st.sampled_from(["python3.12", "java21"]),
}
MACHINE_FIELDS: dict[str, Any] = {
    "workflow_type": st.sampled_from(["STANDARD", "EXPRESS"]),
    "invocation": st.sampled_from(["async", "sync"]),
    "definition": st.sampled_from([None, DEFINITION, {"StartAt": "X", "States": {}}]),
    "expected_duration_s": st.sampled_from([None, 100.0, 400.0]),
}
EDGE_FIELDS: dict[str, Any] = {
    "event_type": st.sampled_from([None, "viewer-request", "origin-request"]),
    "expected_rps": st.sampled_from([None, 10.0, 3000.0]),
    "batch_size": st.sampled_from([None, 5, 50, 20_000]),
    "integration_pattern": st.sampled_from([None, "sync", "request_response"]),
    "batching_window_s": st.sampled_from([None, 0, 5]),
}
RELATIONS = ["invokes", "triggers", "routes", "uses", "runs_on"]
ALL_KINDS = sorted(spec.id for spec in CATALOG)
ANY_VALUES = [0, 1, 2, 16, 1024, 20_000, True, False, None, "EC2", "FARGATE", "spot", "cluster"]


def starting_design() -> Design:
    d = design(region="eu-west-1")
    region = add(d, "aws.region", "Virginia", name="us-east-1")
    vpc = add(d, "aws.vpc", "main", parent=region)
    subnet = add(d, "aws.subnet", "private", parent=vpc)
    orders = add(d, "aws.lambda", "orders", parent=region, timeout_s=60, reserved_concurrency=400)
    worker = add(d, "aws.lambda", "worker", parent=subnet, avg_duration_ms=800.0)
    edge_fn = add(d, "aws.lambda_edge", "resize-edge", package_size_mb=3.0)
    cdn = add(d, "aws.cloudfront.distribution", "cdn")
    api = add(d, "aws.apigateway.api", "public", parent=region)
    queue = add(d, "aws.sqs.queue", "jobs", parent=region, visibility_timeout_s=30)
    machine = add(
        d,
        "aws.stepfunctions.state_machine",
        "flow",
        workflow_type="EXPRESS",
        invocation="sync",
        definition=DEFINITION,
        definition_substitutions={"Fn": orders},
    )
    connect(d, cdn, edge_fn, "triggers", event_type="viewer-request")
    connect(d, api, orders, "invokes", expected_rps=600.0)
    connect(d, api, machine, "invokes")
    connect(d, queue, worker, "triggers", batch_size=20)
    connect(d, machine, worker, "invokes", integration_pattern="callback")
    add(d, "aws.region", "Ireland", name="eu-west-1")
    return d


class IncrementalMatchesFull(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.design = starting_design()
        self.stack = UndoStack(self.design)
        self.validator = IncrementalValidator(self.design)
        self.validator.findings()

    def push(self, command: Command) -> None:
        with contextlib.suppress(CommandError, ModelError):
            self.stack.push(command)

    def nodes(self, *kinds: str) -> list[str]:
        return [n.id for n in self.design.iter_nodes() if not kinds or n.kind in kinds]

    @rule(data=st.data())
    def edit_function(self, data: st.DataObject) -> None:
        ids = self.nodes("aws.lambda", "aws.lambda_edge")
        if ids:
            name = data.draw(st.sampled_from(sorted(FUNCTION_FIELDS)))
            node_id = data.draw(st.sampled_from(ids))
            value = data.draw(FUNCTION_FIELDS[name])
            self.push(SetConfig.field(self.design, node_id, name, value))

    @rule(data=st.data())
    def edit_machine(self, data: st.DataObject) -> None:
        ids = self.nodes("aws.stepfunctions.state_machine")
        functions = self.nodes("aws.lambda") + ["gone"]
        if not ids:
            return
        node_id = data.draw(st.sampled_from(ids))
        if data.draw(st.booleans()):
            target = data.draw(st.sampled_from(functions))
            self.push(
                SetConfig.field(self.design, node_id, "definition_substitutions", {"Fn": target})
            )
        else:
            name = data.draw(st.sampled_from(sorted(MACHINE_FIELDS)))
            self.push(SetConfig.field(self.design, node_id, name, data.draw(MACHINE_FIELDS[name])))

    @rule(data=st.data())
    def edit_container_or_queue(self, data: st.DataObject) -> None:
        regions = self.nodes("aws.region")
        queues = self.nodes("aws.sqs.queue")
        if regions and data.draw(st.booleans()):
            region = data.draw(st.sampled_from(regions))
            name = data.draw(st.sampled_from(["us-east-1", "eu-west-1", "ap-south-1"]))
            self.push(SetConfig.field(self.design, region, "name", name))
        elif queues:
            queue = data.draw(st.sampled_from(queues))
            field, value = data.draw(
                st.sampled_from(
                    [
                        ("visibility_timeout_s", 30),
                        ("visibility_timeout_s", 900),
                        ("fifo", True),
                        ("max_receive_count", 2),
                    ]
                )
            )
            self.push(SetConfig.field(self.design, queue, field, value))

    @rule(data=st.data())
    def connect(self, data: st.DataObject) -> None:
        ids = self.nodes()
        source = data.draw(st.sampled_from(ids))
        target = data.draw(st.sampled_from(ids))
        relation = data.draw(st.sampled_from(RELATIONS))
        edge = Edge(self.design.new_edge_id(), source, target, relation)
        self.push(Connect(edge))

    @rule(data=st.data())
    def disconnect(self, data: st.DataObject) -> None:
        edges = [e.id for e in self.design.iter_edges()]
        if edges:
            self.push(Disconnect(data.draw(st.sampled_from(edges))))

    @rule(data=st.data())
    def edit_edge(self, data: st.DataObject) -> None:
        edges = [e.id for e in self.design.iter_edges()]
        if edges:
            name = data.draw(st.sampled_from(sorted(EDGE_FIELDS)))
            edge = data.draw(st.sampled_from(edges))
            self.push(SetEdgeConfig.field(self.design, edge, name, data.draw(EDGE_FIELDS[name])))

    @rule(data=st.data())
    def reparent(self, data: st.DataObject) -> None:
        containers = self.nodes("aws.region", "aws.vpc", "aws.subnet") + [None]
        node_id = data.draw(st.sampled_from(self.nodes()))
        self.push(Reparent(node_id, data.draw(st.sampled_from(containers))))

    @rule(data=st.data())
    def remove(self, data: st.DataObject) -> None:
        ids = self.nodes()
        if len(ids) > 3:
            self.push(RemoveNodes([data.draw(st.sampled_from(ids))]))

    @rule(data=st.data())
    def add_function(self, data: st.DataObject) -> None:
        kind = data.draw(st.sampled_from(["aws.lambda", "aws.lambda_edge", "aws.sqs.queue"]))
        parent = data.draw(st.sampled_from(self.nodes("aws.region") + [None]))
        self.push(AddNode(new_node(self.design, kind, parent=parent)))

    @rule(data=st.data())
    def add_any_kind(self, data: st.DataObject) -> None:
        kind = data.draw(st.sampled_from(ALL_KINDS))
        parent = data.draw(st.sampled_from([*self.nodes(), None]))
        self.push(AddNode(new_node(self.design, kind, parent=parent)))

    @rule(data=st.data())
    def edit_any_field(self, data: st.DataObject) -> None:
        node_id = data.draw(st.sampled_from(self.nodes()))
        fields = sorted(type(self.design.node(node_id).config).model_fields)
        if fields:
            name = data.draw(st.sampled_from(fields))
            value = data.draw(st.sampled_from(ANY_VALUES))
            try:
                command = SetConfig.field(self.design, node_id, name, value)
            except CommandError:
                return
            self.push(command)

    @rule(data=st.data())
    def rename(self, data: st.DataObject) -> None:
        node_id = data.draw(st.sampled_from(self.nodes()))
        self.push(Rename(node_id, data.draw(st.sampled_from(["a", "b", ""]))))

    @rule(quota=st.sampled_from([None, 500, 5000]))
    def set_profile(self, quota: int | None) -> None:
        quotas = {} if quota is None else {"lambda_concurrent_executions": quota}
        self.push(SetProfile(Profile(region="eu-west-1", quotas=quotas)))

    @rule(seconds=st.sampled_from([0.0, None]))
    def prepare(self, seconds: float | None) -> None:
        self.validator.prepare(seconds)

    @rule()
    def undo(self) -> None:
        self.stack.undo()

    @rule()
    def redo(self) -> None:
        self.stack.redo()

    @invariant()
    def incremental_equals_full(self) -> None:
        incremental = [f.to_json() for f in self.validator.findings()]
        full = [f.to_json() for f in validate(self.design)]
        assert incremental == full


IncrementalMatchesFull.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestIncrementalMatchesFull = IncrementalMatchesFull.TestCase
