"""What resources a node produces besides its own, and how they relate, said once.

Each plan here is neutral: node ids, grants and choices, no syntax. The CloudFormation and
Terraform writers render the same plan in their own dialect, so both formats wire a rule's
targets or an API's routes the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from model.design import Design
from model.elements import Edge, Node
from model.exporters._common import (
    API_TARGET_KINDS,
    DYNAMODB_STREAM_READ,
    LISTENER_PROTOCOL_PORT,
    SQS_CONSUME,
    Arn,
    Grant,
    instance_count,
    json_object,
    labelled,
    lb_target_type,
    load_balancers_of,
    on_fargate_spot,
    sync_express,
)

RULE_TARGET_KINDS = frozenset(
    {"aws.lambda", "aws.stepfunctions.state_machine", "aws.ecs.task", "aws.batch.job_queue"}
)


@dataclass(frozen=True)
class RuleTarget:
    """One target of an EventBridge rule. A Lambda function is invoked through its resource
    policy; every other target through the rule's role, which needs the grants."""

    target: Node
    grants: tuple[Grant, ...]
    cluster: str | None = None
    """ECS: the cluster the task runs in (None: a deploy-time input)."""

    @property
    def uses_role(self) -> bool:
        return self.target.kind != "aws.lambda"

    @property
    def awsvpc(self) -> bool:
        return getattr(self.target.config, "network_mode", "") == "awsvpc"

    @property
    def launch_type(self) -> str:
        return str(getattr(self.target.config, "launch_type", "FARGATE"))


def rule_targets(design: Design, rule_id: str) -> list[RuleTarget]:
    """The targets a rule triggers that EventBridge can start, in relation order."""
    plans = []
    for edge in design.outgoing(rule_id, "triggers"):
        target = design.node(edge.target)
        if target.kind not in RULE_TARGET_KINDS:
            continue
        grants: tuple[Grant, ...] = ()
        cluster = None
        if target.kind == "aws.stepfunctions.state_machine":
            grants = (Grant(("states:StartExecution",), target.id, "arn"),)
        elif target.kind == "aws.ecs.task":
            cluster = design.ancestor_of_kind(target.id, "aws.ecs.cluster")
            grants = (
                Grant(("ecs:RunTask",), target.id, "arn"),
                Grant(("iam:PassRole",), target.id, "task_roles"),
            )
        elif target.kind == "aws.batch.job_queue":
            grants = (Grant(("batch:SubmitJob",), target.id, "job_submission"),)
        plans.append(RuleTarget(target, grants, cluster))
    return plans


def submitted_definition(design: Design, queue_id: str) -> str | None:
    """The job definition a rule or schedule submits to a queue (None: a deploy-time input)."""
    definitions = design.neighbours(queue_id, "runs_on", "in")
    return definitions[0] if definitions else None


@dataclass(frozen=True)
class ApiRoute:
    """One route of an API to one target, and how API Gateway calls that target."""

    target: Node

    @property
    def calls(self) -> str:
        """'function' (Lambda proxy), 'workflow' (a Step Functions action) or 'web' (HTTP proxy)."""
        if self.target.kind == "aws.lambda":
            return "function"
        if self.target.kind == "aws.stepfunctions.state_machine":
            return "workflow"
        return "web"

    @property
    def action(self) -> str:
        """The Step Functions action a workflow route starts: sync Express runs answer inline."""
        return "StartSyncExecution" if sync_express(self.target) else "StartExecution"

    @property
    def method(self) -> str:
        return "POST" if self.calls == "workflow" else "ANY"


@dataclass(frozen=True)
class ApiPlan:
    """An API's routes, the targets it cannot reach without a VPC link, and its timeout."""

    http: bool
    routes: tuple[ApiRoute, ...]
    unreachable: tuple[Node, ...]
    timeout_ms: int

    @property
    def role_grants(self) -> list[Grant]:
        """What the role API Gateway assumes needs: start each workflow it routes to."""
        return [
            Grant(("states:" + route.action,), route.target.id, "arn")
            for route in self.routes
            if route.calls == "workflow"
        ]

    @property
    def notes(self) -> list[str]:
        return [f"route to {labelled(t)} needs a VPC link: not templated" for t in self.unreachable]


def api_plan(design: Design, api: Node) -> ApiPlan:
    """What an API Gateway API routes to, one route a target it invokes or routes to."""
    config: Any = api.config
    routes, unreachable = [], []
    for edge in design.outgoing(api.id):
        if edge.relation not in ("invokes", "routes"):
            continue
        target = design.node(edge.target)
        if target.kind in API_TARGET_KINDS:
            routes.append(ApiRoute(target))
        else:
            unreachable.append(target)
    http = config.api_type == "http"
    timeout = max(50, int(config.integration_timeout_s * 1000))
    return ApiPlan(
        http, tuple(routes), tuple(unreachable), min(30000, timeout) if http else timeout
    )


LB_GROUP_KINDS = frozenset(
    {"aws.lambda", "aws.ecs.service", "aws.ec2.instance", "aws.ec2.auto_scaling_group"}
)


@dataclass(frozen=True)
class TargetGroup:
    """A load balancer's target group for one target it routes to."""

    target: Node

    @property
    def by_lambda(self) -> bool:
        return self.target.kind == "aws.lambda"

    @property
    def target_type(self) -> str:
        return "lambda" if self.by_lambda else lb_target_type(self.target)

    @property
    def attached(self) -> bool:
        """Whether the group names its member: a function or a single instance. Services and
        Auto Scaling groups register themselves; several instances are registered by hand."""
        kind = self.target.kind
        return self.by_lambda or (kind == "aws.ec2.instance" and instance_count(self.target) == 1)


@dataclass(frozen=True)
class LoadBalancerPlan:
    """A load balancer's target groups and listener: the first group is the default action,
    an application load balancer forwards to the others by path."""

    type: str
    groups: tuple[TargetGroup, ...]
    unattached: tuple[Node, ...]

    @property
    def protocol(self) -> str:
        return LISTENER_PROTOCOL_PORT[self.type][0]

    @property
    def port(self) -> int:
        return LISTENER_PROTOCOL_PORT[self.type][1]

    @property
    def listens(self) -> bool:
        """A listener is written when it forwards somewhere, or answers 404 on an ALB."""
        return bool(self.groups) or self.type == "application"

    @property
    def path_rules(self) -> tuple[TargetGroup, ...]:
        return self.groups[1:] if self.type == "application" else ()

    @property
    def notes(self) -> list[str]:
        notes = [f"target {labelled(t)} is not attached by this template" for t in self.unattached]
        if len(self.groups) > 1 and self.type != "application":
            notes.append("only the first target is forwarded to by the listener")
        return notes


def load_balancer_plan(design: Design, lb: Node) -> LoadBalancerPlan:
    config: Any = lb.config
    groups, unattached = [], []
    for edge in design.outgoing(lb.id):
        if edge.relation not in ("routes", "invokes"):
            continue
        target = design.node(edge.target)
        if target.kind in LB_GROUP_KINDS:
            groups.append(TargetGroup(target))
        else:
            unattached.append(target)
    return LoadBalancerPlan(str(config.type), tuple(groups), tuple(unattached))


OBJECT_CREATED = "s3:ObjectCreated:*"


@dataclass(frozen=True)
class BucketNotifications:
    """What a bucket's new objects start, in relation order: a function through the bucket's
    notification and its permission, a workflow through an EventBridge rule of its own (the
    bucket then sends its events to EventBridge)."""

    targets: tuple[Node, ...]

    @property
    def eventbridge(self) -> bool:
        return any(t.kind == "aws.stepfunctions.state_machine" for t in self.targets)

    @staticmethod
    def rule_grant(workflow: Node) -> Grant:
        return Grant(("states:StartExecution",), workflow.id, "arn")

    @staticmethod
    def rule_pattern(bucket_name: Any) -> dict[str, Any]:
        """The EventBridge pattern of an object created in the bucket so named."""
        return {
            "source": ["aws.s3"],
            "detail-type": ["Object Created"],
            "detail": {"bucket": {"name": [bucket_name]}},
        }


def bucket_notifications(design: Design, bucket_id: str) -> BucketNotifications:
    return BucketNotifications(
        tuple(
            target
            for target in (design.node(e.target) for e in design.outgoing(bucket_id, "triggers"))
            if target.kind in ("aws.lambda", "aws.stepfunctions.state_machine")
        )
    )


@dataclass(frozen=True)
class SourceTrigger:
    """A queue, table stream or topic starting one target: a function through an event source
    mapping (a topic: a subscription), a workflow through an EventBridge pipe."""

    edge: Edge
    source: Node
    target: Node

    @property
    def by_pipe(self) -> bool:
        return self.target.kind == "aws.stepfunctions.state_machine"

    @property
    def stream(self) -> bool:
        return self.source.kind == "aws.dynamodb.table"

    @property
    def source_arn(self) -> Arn:
        """What is read: the queue, or the table's stream."""
        return Arn(self.source.id, "stream_arn" if self.stream else "arn")

    @property
    def mapping_settings(self) -> dict[str, Any]:
        """An event source mapping's settings besides its source and function, in
        CloudFormation's spelling (Terraform's is the same in snake case)."""
        config = self.edge.config
        found: dict[str, Any] = {"StartingPosition": "LATEST"} if self.stream else {}
        found["Enabled"] = True
        if config.batch_size:
            found["BatchSize"] = config.batch_size
        if config.batching_window_s is not None and not self.stream:
            found["MaximumBatchingWindowInSeconds"] = config.batching_window_s
        return found

    @property
    def pipe_parameters(self) -> dict[str, Any]:
        """A pipe's source parameters: a queue's batch size, where a stream starts."""
        if self.stream:
            return {"DynamoDBStreamParameters": {"StartingPosition": "LATEST"}}
        return {"SqsQueueParameters": {"BatchSize": self.edge.config.batch_size or 1}}

    @property
    def pipe_grants(self) -> list[Grant]:
        """What a pipe to a workflow may do: read the queue or the table's stream, and start
        the workflow."""
        source = self.source.id
        read = (
            Grant(DYNAMODB_STREAM_READ, source, "stream")
            if self.stream
            else Grant(SQS_CONSUME, source, "arn")
        )
        return [read, Grant(("states:StartExecution",), self.target.id, "arn")]


@dataclass(frozen=True)
class SourcePlan:
    triggers: tuple[SourceTrigger, ...]
    unreachable: tuple[Node, ...]
    """Targets the source cannot start itself; only a topic says so (a queue's or a table's
    other consumers poll it their own way)."""

    @property
    def notes(self) -> list[str]:
        return [f"SNS cannot start {labelled(t)} directly: not templated" for t in self.unreachable]


def source_plan(design: Design, source_id: str) -> SourcePlan:
    """What a queue, table or topic triggers: functions, and workflows where a pipe can read it."""
    source = design.node(source_id)
    topic = source.kind == "aws.sns.topic"
    startable = {"aws.lambda"} if topic else {"aws.lambda", "aws.stepfunctions.state_machine"}
    triggers, unreachable = [], []
    for edge in design.outgoing(source_id, "triggers"):
        target = design.node(edge.target)
        if target.kind in startable:
            triggers.append(SourceTrigger(edge, source, target))
        elif topic:
            unreachable.append(target)
    return SourcePlan(tuple(triggers), tuple(unreachable))


PIPE_READ = (
    "sqs:ReceiveMessage",
    "sqs:DeleteMessage",
    "sqs:GetQueueAttributes",
    *DYNAMODB_STREAM_READ,
)
PIPE_START = ("lambda:InvokeFunction", "states:StartExecution", "sqs:SendMessage", "sns:Publish")


@dataclass(frozen=True)
class PipePlan:
    """An EventBridge pipe node: its first source and target (None: a deploy-time input),
    what its role may do with them, and which of its settings apply."""

    source: Node | None
    target: Node | None
    fields: tuple[str, ...]

    @property
    def stream(self) -> bool:
        return self.source is not None and self.source.kind == "aws.dynamodb.table"

    @property
    def source_arn(self) -> Arn | None:
        """What the pipe reads: a queue, or a table's stream."""
        if self.source is None:
            return None
        return Arn(self.source.id, "stream_arn" if self.stream else "arn")

    @property
    def grants(self) -> list[Grant]:
        form = "stream" if self.stream else "arn"
        read = [Grant(PIPE_READ, self.source.id, form)] if self.source else []
        return read + ([Grant(PIPE_START, self.target.id, "arn")] if self.target else [])


def pipe_plan(design: Design, pipe: Node) -> PipePlan:
    config: Any = pipe.config
    sources = [design.node(e.source) for e in design.incoming(pipe.id, "triggers")]
    targets = [design.node(e.target) for e in design.outgoing(pipe.id, "invokes")]
    fields: tuple[str, ...] = ()
    if config.batch_size and sources and sources[0].kind == "aws.sqs.queue":
        fields += ("batch_size",)
    if json_object(config.filter_pattern) is not None:
        fields += ("filter_pattern",)
    return PipePlan(sources[0] if sources else None, targets[0] if targets else None, fields)


def cache_behaviour_origins(design: Design, node: Node) -> dict[str, str]:
    """A distribution's cache behaviours besides the default, in order: path pattern -> the
    origin node it routes to ('' for the first origin). Patterns that only function
    connections name come last."""
    config: Any = node.config
    found: dict[str, str] = {}
    routed = set(design.neighbours(node.id, "routes"))
    for behaviour in getattr(config, "cache_behaviors", []):
        found.setdefault(
            behaviour.path_pattern, behaviour.origin if behaviour.origin in routed else ""
        )
    for edge in design.outgoing(node.id, "triggers"):
        pattern = edge.config.path_pattern
        if pattern:
            found.setdefault(pattern, "")
    return found


@dataclass(frozen=True)
class CacheBehaviour:
    """Which origin serves a path pattern ('' the default) and the edge functions that run
    on it, by event type. `by_origin`: a behaviour for an origin no pattern names, whose
    path each export derives from the origin's name."""

    pattern: str
    origin: Node | None
    functions: tuple[tuple[str, Node], ...] = ()
    by_origin: bool = False

    @property
    def dynamic(self) -> bool:
        """Everything but a bucket is an application: no caching, every method, the
        viewer's headers passed on."""
        return self.origin is None or self.origin.kind != "aws.s3.bucket"


@dataclass(frozen=True)
class DistributionPlan:
    """A distribution's origins (the nodes it routes to, in order; none: one deploy-time
    origin) and its cache behaviours, the default first."""

    origins: tuple[Node, ...]
    behaviours: tuple[CacheBehaviour, ...]

    @staticmethod
    def protocol(origin: Node) -> str:
        """Load balancers and instances listen on HTTP; the other origins take HTTPS."""
        plain = origin.kind in ("aws.elb.load_balancer", "aws.ec2.instance")
        return "http-only" if plain else "https-only"

    @staticmethod
    def path(origin: Node) -> str:
        """A REST API serves its stage, prod, under its own path."""
        rest = (
            origin.kind == "aws.apigateway.api" and getattr(origin.config, "api_type", "") == "rest"
        )
        return "/prod" if rest else ""


def distribution_plan(design: Design, node: Node) -> DistributionPlan:
    origins = tuple(design.node(e.target) for e in design.outgoing(node.id, "routes"))
    functions: dict[str, list[tuple[str, Node]]] = {}
    for edge in design.outgoing(node.id, "triggers"):
        target = design.node(edge.target)
        if target.kind == "aws.lambda_edge":
            event = edge.config.event_type or "origin-request"
            functions.setdefault(edge.config.path_pattern or "", []).append((event, target))
    first = origins[0] if origins else None
    behaviours = [CacheBehaviour("", first, tuple(functions.pop("", [])))]
    patterns = cache_behaviour_origins(design, node)
    for pattern, origin in patterns.items():
        served = design.node(origin) if origin else first
        behaviours.append(CacheBehaviour(pattern, served, tuple(functions.get(pattern, []))))
    named = set(patterns.values())
    behaviours += [CacheBehaviour("", o, (), True) for o in origins[1:] if o.id not in named]
    return DistributionPlan(origins, tuple(behaviours))


@dataclass(frozen=True)
class ServicePlan:
    """An ECS service: the cluster it runs in (None: the account's default cluster) and the
    load balancers whose target groups it registers in (it waits for their listeners)."""

    cluster: str | None
    balancers: tuple[str, ...]
    notes: tuple[str, ...]


def service_plan(design: Design, service: Node) -> ServicePlan:
    cluster = design.ancestor_of_kind(service.id, "aws.ecs.cluster")
    spot = cluster is None and on_fargate_spot(service)
    notes = ("the default cluster needs the FARGATE_SPOT capacity provider",) if spot else ()
    return ServicePlan(cluster, tuple(load_balancers_of(design, service.id)), notes)
