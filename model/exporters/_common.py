"""What every text exporter derives the same way: names, networks, permissions, workflows.

The exporters render these facts in their own syntax (CloudFormation, Terraform, ASL), so a
function's permissions or a state machine's placeholders are the same in every format.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from model.catalog.groups import NETWORK_KINDS as NETWORK_KINDS
from model.catalog.groups import NO_RESOURCE_KINDS as NO_RESOURCE_KINDS
from model.design import Design
from model.elements import Node
from model.mapping import settings
from model.mapping.fields import number_text as number_text
from model.serialization import json_text

GLOBAL_KINDS = frozenset({"aws.cloudfront.distribution"})
FUNCTION_KINDS = frozenset({"aws.lambda", "aws.lambda_edge"})
RDS_CLUSTER_ENGINES = frozenset({"aurora-postgresql", "aurora-mysql"})
API_TARGET_KINDS = frozenset(
    {"aws.lambda", "aws.stepfunctions.state_machine", "aws.elb.load_balancer", "aws.app_runner"}
)

MANAGED_CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
MANAGED_CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
MANAGED_ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
ALL_METHODS = ("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE")
AMI_PARAMETERS = {
    "x86_64": "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
    "arm64": "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
}
DEFAULT_CONTAINER_IMAGE = "public.ecr.aws/docker/library/nginx:latest"
DEFAULT_APP_RUNNER_IMAGE = "public.ecr.aws/aws-containers/hello-app-runner:latest"
LISTENER_PROTOCOL_PORT = {
    "application": ("HTTP", 80),
    "network": ("TCP", 80),
    "gateway": ("GENEVE", 6081),
}

_WORD_RE = re.compile(r"[A-Za-z0-9]+")


def camel(text: str, fallback: str = "Node") -> str:
    """An alphanumeric CamelCase name made of the words of text (never empty, starts with a
    letter)."""
    words = _WORD_RE.findall(text)
    name = "".join(word[:1].upper() + word[1:] for word in words)[:64]
    if not name:
        return fallback
    if not name[0].isalpha():
        name = fallback[:1] + name
    return name


def snake(text: str, fallback: str = "node") -> str:
    """A lower_snake_case identifier made of the words of text (Terraform names)."""
    words = [word.lower() for word in _WORD_RE.findall(text)]
    name = "_".join(words)[:64].strip("_")
    if not name:
        return fallback
    if not name[0].isalpha():
        name = fallback[:1] + "_" + name
    return name


def json_object(text: str) -> dict[str, Any] | None:
    """The JSON object text holds, or None when it is empty, not JSON or not an object."""
    if not text:
        return None
    try:
        value = json_text.parse_value(text)
    except json_text.JsonError:
        return None
    return value if isinstance(value, dict) else None


def safe_filename(text: str) -> str:
    """A file name from a node id: no path separators, no leading dot."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", text).lstrip(".")
    return name[:100] or "node"


class Names:
    """Unique, stable names: one base per node (in design order), and derived names on demand."""

    def __init__(self, design: Design, style: str = "camel") -> None:
        self._make = camel if style == "camel" else snake
        self._taken: set[str] = set()
        self._base: dict[str, str] = {}
        self._derived: dict[tuple[str, str], str] = {}
        for node in design.iter_nodes():
            if node.origin is not None and self._make is camel:
                for logical_id in node.origin.resources:
                    self._taken.add(logical_id.lower())
        for node in design.iter_nodes():
            if node.origin is not None and self._make is camel:
                self._base[node.id] = node.origin.logical_id
            else:
                self._base[node.id] = self._claim(self._make(node.id))

    def _claim(self, name: str) -> str:
        candidate, counter = name, 2
        while candidate.lower() in self._taken:
            candidate = f"{name}{counter}"
            counter += 1
        self._taken.add(candidate.lower())
        return candidate

    def node(self, node_id: str) -> str:
        return self._base[node_id]

    def sub(self, node_id: str, suffix: str) -> str:
        """The name of a resource that belongs to a node (its role, policy, version ...)."""
        key = (node_id, suffix)
        if key not in self._derived:
            joiner = "" if self._make is camel else "_"
            self._derived[key] = self._claim(f"{self._base[node_id]}{joiner}{suffix}")
        return self._derived[key]


@dataclass(frozen=True)
class Network:
    """Where a node is attached: its subnet and VPC containers, when the design says."""

    subnet: str | None
    vpc: str | None
    zone: str | None


def chosen_subnets(design: Design, node_id: str) -> list[str]:
    """Subnet nodes a workload names in its `subnets` setting (ids that are not subnets of
    this design are left out; validation reports them)."""
    ids = getattr(design.node(node_id).config, "subnets", None) or []
    return [s for s in ids if design.has_node(s) and design.node(s).kind == "aws.subnet"]


def network_of(design: Design, node_id: str) -> Network:
    return Network(
        subnet=design.ancestor_of_kind(node_id, "aws.subnet"),
        vpc=design.ancestor_of_kind(node_id, "aws.vpc"),
        zone=design.ancestor_of_kind(node_id, "aws.availability_zone"),
    )


@dataclass(frozen=True)
class Grant:
    """Actions a principal may take on one resource form of one node.

    Forms: arn, arn_qualified (function and its versions), objects (bucket/*), indexes
    (table/index/*), stream, dbuser, execution (state machine executions), sfn_rule (the
    managed rule Step Functions uses for .sync), default_bus, task_roles (roles to pass), any.
    """

    actions: tuple[str, ...]
    target: str
    form: str


DYNAMODB_RW = (
    "dynamodb:BatchGetItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DeleteItem",
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "dynamodb:UpdateItem",
)
ECR_PULL = ("ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer")
SQS_CONSUME = (
    "sqs:ChangeMessageVisibility",
    "sqs:DeleteMessage",
    "sqs:GetQueueAttributes",
    "sqs:ReceiveMessage",
)
DYNAMODB_STREAM_READ = (
    "dynamodb:DescribeStream",
    "dynamodb:GetRecords",
    "dynamodb:GetShardIterator",
    "dynamodb:ListStreams",
)
LOG_DELIVERY = (
    "logs:CreateLogDelivery",
    "logs:DeleteLogDelivery",
    "logs:DescribeLogGroups",
    "logs:DescribeResourcePolicies",
    "logs:GetLogDelivery",
    "logs:ListLogDeliveries",
    "logs:PutResourcePolicy",
    "logs:UpdateLogDelivery",
)


def _use_grants(design: Design, target: Node) -> list[Grant]:
    """What "uses" grants: reading and writing, not deleting. A bucket gets GetObject,
    PutObject and ListBucket only; s3:DeleteObject (and lifecycle, ACL or policy changes) must
    be granted by hand where the code really deletes, so a leaked role cannot empty a bucket."""
    kind = target.kind
    if kind == "aws.dynamodb.table":
        return [
            Grant(DYNAMODB_RW, target.id, "arn"),
            Grant(("dynamodb:Query", "dynamodb:Scan"), target.id, "indexes"),
        ]
    if kind == "aws.s3.bucket":
        return [
            Grant(("s3:GetObject", "s3:PutObject"), target.id, "objects"),
            Grant(("s3:ListBucket",), target.id, "arn"),
        ]
    if kind == "aws.sqs.queue":
        return [
            Grant(
                ("sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"), target.id, "arn"
            )
        ]
    if kind == "aws.sns.topic":
        return [Grant(("sns:Publish",), target.id, "arn")]
    if kind == "aws.rds.database":
        return [Grant(("rds-db:connect",), target.id, "dbuser")]
    if kind == "aws.ecr.repository":
        return [
            Grant(ECR_PULL, target.id, "arn"),
            Grant(("ecr:GetAuthorizationToken",), "", "any"),
        ]
    return []


def _invoke_grants(design: Design, source: Node, target: Node, pattern: str | None) -> list[Grant]:
    kind = target.kind
    sync = pattern == "sync"
    from_workflow = source.kind == "aws.stepfunctions.state_machine"
    if kind in FUNCTION_KINDS:
        return [Grant(("lambda:InvokeFunction",), target.id, "arn_qualified")]
    if kind == "aws.stepfunctions.state_machine":
        actions = ["states:StartExecution"]
        if getattr(target.config, "workflow_type", "") == "EXPRESS" and (
            getattr(target.config, "invocation", "") == "sync" or sync
        ):
            actions.append("states:StartSyncExecution")
        grants = [Grant(tuple(actions), target.id, "arn")]
        if from_workflow and sync:
            grants.append(
                Grant(("states:DescribeExecution", "states:StopExecution"), target.id, "execution")
            )
        return grants
    if not from_workflow:
        return []
    grants = []
    if kind == "aws.ecs.task":
        grants = [
            Grant(("ecs:RunTask",), target.id, "arn"),
            Grant(("iam:PassRole",), target.id, "task_roles"),
        ]
        if sync:
            grants.append(Grant(("ecs:DescribeTasks", "ecs:StopTask"), "", "any"))
    elif kind == "aws.batch.job_queue":
        grants = [Grant(("batch:SubmitJob",), target.id, "arn")]
        for definition in design.neighbours(target.id, "runs_on", "in"):
            grants.append(Grant(("batch:SubmitJob",), definition, "arn"))
        if sync:
            grants.append(Grant(("batch:DescribeJobs", "batch:TerminateJob"), "", "any"))
    elif kind == "aws.sqs.queue":
        grants = [Grant(("sqs:SendMessage",), target.id, "arn")]
    elif kind == "aws.sns.topic":
        grants = [Grant(("sns:Publish",), target.id, "arn")]
    elif kind == "aws.dynamodb.table":
        grants = [
            Grant(
                (
                    "dynamodb:DeleteItem",
                    "dynamodb:GetItem",
                    "dynamodb:PutItem",
                    "dynamodb:UpdateItem",
                ),
                target.id,
                "arn",
            )
        ]
    elif kind == "aws.eventbridge.rule":
        grants = [Grant(("events:PutEvents",), target.id, "default_bus")]
    if sync and kind in ("aws.ecs.task", "aws.batch.job_queue"):
        grants.append(
            Grant(("events:DescribeRule", "events:PutRule", "events:PutTargets"), "", "sfn_rule")
        )
    return grants


def grants_for(design: Design, node_id: str) -> list[Grant]:
    """Least-privilege permissions of a principal, following its relations in the design."""
    node = design.node(node_id)
    grants: list[Grant] = []
    for edge in design.outgoing(node_id):
        target = design.node(edge.target)
        if edge.relation == "uses":
            grants.extend(_use_grants(design, target))
        elif edge.relation == "invokes":
            pattern = edge.config.integration_pattern
            grants.extend(_invoke_grants(design, node, target, pattern))
    if node.kind in FUNCTION_KINDS:
        for edge in design.incoming(node_id, "triggers"):
            source = design.node(edge.source)
            if source.kind == "aws.sqs.queue":
                grants.append(Grant(SQS_CONSUME, source.id, "arn"))
            elif source.kind == "aws.dynamodb.table":
                grants.append(Grant(DYNAMODB_STREAM_READ, source.id, "stream"))
    return _merged(grants)


def _merged(grants: Iterable[Grant]) -> list[Grant]:
    """One grant per (target, form), actions united and sorted, in first-seen order."""
    merged: dict[tuple[str, str], set[str]] = {}
    for grant in grants:
        merged.setdefault((grant.target, grant.form), set()).update(grant.actions)
    return [
        Grant(tuple(sorted(actions)), target, form) for (target, form), actions in merged.items()
    ]


def has_resource(design: Design, node_id: str) -> bool:
    """Whether a node becomes a resource (regions, zones and networks do not)."""
    kind = design.node(node_id).kind
    return kind not in NO_RESOURCE_KINDS and kind not in NETWORK_KINDS


def allow(actions: Iterable[str], resources: list[Any]) -> dict[str, Any]:
    """One IAM Allow statement, keys in the order both formats print them."""
    return {"Effect": "Allow", "Action": list(actions), "Resource": resources}


def policy_document(statements: list[dict[str, Any]]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": statements}


def trust_policy(*services: str) -> dict[str, Any]:
    """The assume-role policy that lets these AWS services use a role."""
    return policy_document(
        [
            {
                "Effect": "Allow",
                "Principal": {"Service": list(services)},
                "Action": "sts:AssumeRole",
            }
        ]
    )


@dataclass(frozen=True)
class Arn:
    """One resource of a grant, without syntax: `attribute` of the node's resource and then
    `suffix`; with `service`, inside that service's ARN in the stack's Region and account,
    after `path` (with no node, the ARN is that path alone). The attributes: arn, stream_arn,
    name, resource_id and cluster_resource_id (RDS), job_definition (submitted to a queue),
    execution_role and task_role (a task's roles, passed to ECS)."""

    node: str = ""
    attribute: str = "arn"
    suffix: str = ""
    service: str = ""
    path: str = ""


def grant_arns(design: Design, grant: Grant) -> Sequence[Arn | str]:
    """The resources a grant names ('*' for any), in the order both exports write them."""
    target, form = grant.target, grant.form
    if form == "any":
        return ["*"]
    if form == "default_bus":
        return [Arn(service="events", path="event-bus/default")]
    if form == "sfn_rule":
        rule = "rule/StepFunctionsGetEventsFor"
        return [
            Arn(service="events", path=rule + kind) for kind in ("ECSTaskRule", "BatchJobsRule")
        ]
    if form == "dbuser":
        clustered = getattr(design.node(target).config, "engine", "") in RDS_CLUSTER_ENGINES
        attribute = "cluster_resource_id" if clustered else "resource_id"
        return [Arn(target, attribute, "/*", "rds-db", "dbuser:")]
    return {
        "arn": [Arn(target)],
        "arn_qualified": [Arn(target), Arn(target, suffix=":*")],
        "objects": [Arn(target, suffix="/*")],
        "indexes": [Arn(target, suffix="/index/*")],
        "stream": [Arn(target, "stream_arn")],
        "job_submission": [Arn(target), Arn(target, "job_definition")],
        "execution": [Arn(target, "name", ":*", "states", "execution:")],
        "task_roles": [Arn(target, "execution_role"), Arn(target, "task_role")],
    }[form]


@dataclass(frozen=True)
class Role:
    """An IAM role: its name among the node's resources (snake_case words, which each export
    spells its own way), the services that assume it, and its AWS managed policies."""

    name: str
    services: tuple[str, ...]
    managed: tuple[str, ...] = ()


def _role(name: str, service: str, *managed: str) -> Role:
    return Role(name, (f"{service}.amazonaws.com",), managed)


EXECUTION_ROLE = _role(
    "execution_role", "ecs-tasks", "service-role/AmazonECSTaskExecutionRolePolicy"
)
"""The role ECS and Batch use to pull the image and write the logs."""
ECR_ACCESS_ROLE = _role(
    "access_role", "build.apprunner", "service-role/AWSAppRunnerServicePolicyForECRAccess"
)
BATCH_INSTANCE_ROLE = _role(
    "instance_role", "ec2", "service-role/AmazonEC2ContainerServiceforEC2Role"
)
EKS_CLUSTER_ROLE = _role("role", "eks", "AmazonEKSClusterPolicy")
PIPE_ROLE = _role("pipe_role", "pipes")
EVENTS_ROLE = _role("events_role", "events")
_PRINCIPAL_ROLES = {
    "aws.ecs.service": _role("task_role", "ecs-tasks"),
    "aws.ecs.task": _role("task_role", "ecs-tasks"),
    "aws.batch.job_definition": _role("job_role", "ecs-tasks"),
    "aws.ec2.instance": _role("instance_role", "ec2"),
    "aws.ec2.auto_scaling_group": _role("instance_role", "ec2"),
    "aws.app_runner": _role("instance_role", "tasks.apprunner"),
    "aws.eks.node_group": _role(
        "node_role",
        "ec2",
        "AmazonEKSWorkerNodePolicy",
        "AmazonEKS_CNI_Policy",
        "AmazonEC2ContainerRegistryReadOnly",
    ),
    "aws.eks.fargate_profile": _role(
        "pod_execution_role", "eks-fargate-pods", "AmazonEKSFargatePodExecutionRolePolicy"
    ),
    "aws.stepfunctions.state_machine": _role("role", "states"),
    "aws.apigateway.api": _role("role", "apigateway"),
    "aws.eventbridge.pipe": _role("role", "pipes"),
    "aws.eventbridge.rule": _role("role", "events"),
}


def principal_role(design: Design, node: Node) -> Role:
    """The role a node's code or service acts as: the one that holds its relations' grants."""
    config: Any = node.config
    if node.kind in FUNCTION_KINDS:
        managed = lambda_managed_policies(lambda_in_vpc(design, node), config.tracing)
        return Role("role", lambda_services(node), tuple(managed))
    if node.kind == "aws.beanstalk.environment":
        tier = (
            "AWSElasticBeanstalkWebTier"
            if config.tier == "web"
            else "AWSElasticBeanstalkWorkerTier"
        )
        return _role("instance_role", "ec2", tier)
    return _PRINCIPAL_ROLES[node.kind]


class PolicyWriter:
    """The IAM share of an exporter: grants become statements; the exporter only says how
    it writes one Arn (resource_arn)."""

    design: Design

    def resource_arn(self, arn: Arn) -> Any:
        raise NotImplementedError

    def grant_resources(self, grant: Grant) -> list[Any]:
        return [
            a if isinstance(a, str) else self.resource_arn(a)
            for a in grant_arns(self.design, grant)
        ]

    def allowed(self, grants: Iterable[Grant]) -> list[dict[str, Any]]:
        """One Allow statement a grant."""
        return [allow(grant.actions, self.grant_resources(grant)) for grant in grants]

    def statements(
        self, node_id: str, extra: list[dict[str, Any]] | None = None
    ) -> list[dict[str, Any]]:
        """A principal's statements from its grants (targets that become no resource are
        skipped), then extra."""
        grants = grants_for(self.design, node_id)
        return self.allowed(
            g for g in grants if not g.target or has_resource(self.design, g.target)
        ) + (extra or [])


def lambda_in_vpc(design: Design, node: Node) -> bool:
    """A function placed in a subnet or VPC attaches to it; Lambda@Edge never does."""
    net = network_of(design, node.id)
    return node.kind != "aws.lambda_edge" and (net.subnet is not None or net.vpc is not None)


def lambda_managed_policies(in_vpc: bool, tracing: str) -> list[str]:
    policies = [
        "service-role/AWSLambdaVPCAccessExecutionRole"
        if in_vpc
        else "service-role/AWSLambdaBasicExecutionRole"
    ]
    if tracing == "Active":
        policies.append("AWSXRayDaemonWriteAccess")
    return policies


def lambda_fields(node: Node) -> tuple[str, ...]:
    """The function settings an export writes: no runtime for an image, and no environment
    or reserved concurrency at the edge."""
    config: Any = node.config
    fields: tuple[str, ...] = () if config.package_type == "image" else ("runtime",)
    fields += ("architecture", "memory_mb", "timeout_s", "ephemeral_storage_mb")
    if node.kind != "aws.lambda_edge":
        fields += ("environment", "reserved_concurrency")
    return fields


def lambda_handler(runtime: str) -> str:
    """The handler of the runtime's sample code, for a package the design does not show."""
    if runtime.startswith("provided") or runtime.startswith("go"):
        return "bootstrap"
    if runtime.startswith("java"):
        return "example.Handler::handleRequest"
    if runtime.startswith("dotnet"):
        return "Function::Function.Handler::Handle"
    return "index.handler"


def lambda_services(node: Node) -> tuple[str, ...]:
    """Who assumes a function's role: Lambda@Edge replicas run as edgelambda too."""
    if node.kind == "aws.lambda_edge":
        return ("lambda.amazonaws.com", "edgelambda.amazonaws.com")
    return ("lambda.amazonaws.com",)


def load_balancers_of(design: Design, node_id: str) -> list[str]:
    """The load balancers that route to a node (each has a target group for it)."""
    return [
        edge.source
        for edge in design.incoming(node_id, "routes")
        if design.node(edge.source).kind == "aws.elb.load_balancer"
    ]


def instance_count(node: Node) -> int:
    """Identical instances an EC2 instance node stands for (at least one)."""
    return max(1, int(getattr(node.config, "count", 1)))


def lb_target_type(target: Node) -> str:
    """ECS services in awsvpc mode register by IP address, everything else by instance."""
    if target.kind == "aws.ecs.service" and getattr(target.config, "network_mode", "") == "awsvpc":
        return "ip"
    return "instance"


def beanstalk_options(node: Node, instance_profile: Any) -> list[dict[str, Any]]:
    """An environment's option settings (namespace, name, value) from its kind mapping, with
    the instance profile both exports give it; the load balancer type only where there is one."""
    config: Any = node.config
    balanced = config.environment_type == "load_balanced"
    lb = ("load_balancer",) if balanced and config.tier == "web" else ()
    profile = {
        "Namespace": "aws:autoscaling:launchconfiguration",
        "OptionName": "IamInstanceProfile",
        "Value": instance_profile,
    }
    return [
        *settings(node.kind, config, ("environment_type",))["OptionSettings"],
        profile,
        *settings(node.kind, config, ("instance_type", "deployment_policy", *lb))["OptionSettings"],
    ]


def app_runner_private_image(design: Design, node: Node) -> bool:
    """Whether an App Runner service pulls from private ECR (and needs an access role): a
    repository of the design it uses, or the design says so."""
    uses_repository = any(
        design.node(repo).kind == "aws.ecr.repository"
        for repo in design.neighbours(node.id, "uses")
    )
    return uses_repository or getattr(node.config, "image_repository", "") == "ecr"


def app_runner_egress_vpc(design: Design, node: Node) -> bool:
    """An App Runner service reaches into a VPC (through a VPC connector) when the design
    says so or places it in one."""
    net = network_of(design, node.id)
    return getattr(node.config, "egress", "") == "vpc" or bool(net.subnet or net.vpc)


def app_runner_source(config: Any, image: Any, access_role: Any = None) -> dict[str, Any]:
    """An App Runner service's image source, in CloudFormation's spelling (Terraform's is the
    same in snake case): private ECR through the access role, else the public gallery."""
    image_repository = {
        "ImageIdentifier": image,
        "ImageRepositoryType": "ECR" if access_role is not None else "ECR_PUBLIC",
        "ImageConfiguration": {"Port": "8080"},
    }
    source = {"ImageRepository": image_repository, "AutoDeploymentsEnabled": config.auto_deploy}
    if access_role is not None:
        source["AuthenticationConfiguration"] = {"AccessRoleArn": access_role}
    return source


def app_runner_code_source(config: Any, repository_url: Any, connection: Any) -> dict[str, Any]:
    """An App Runner service built from the main branch of a repository, through a connection."""
    code = {
        "ConfigurationSource": "API",
        "CodeConfigurationValues": {"Runtime": config.runtime},
    }
    repository = {
        "RepositoryUrl": repository_url,
        "SourceCodeVersion": {"Type": "BRANCH", "Value": "main"},
        "CodeConfiguration": code,
    }
    return {
        "CodeRepository": repository,
        "AutoDeploymentsEnabled": config.auto_deploy,
        "AuthenticationConfiguration": {"ConnectionArn": connection},
    }


def vpc_egress(connector_arn: Any) -> dict[str, Any]:
    """An App Runner service's way into a VPC: through its connector."""
    return {"EgressConfiguration": {"EgressType": "VPC", "VpcConnectorArn": connector_arn}}


def on_fargate_spot(node: Node) -> bool:
    """An ECS service on the FARGATE_SPOT capacity provider (instead of a launch type)."""
    config = node.config
    return (
        node.kind == "aws.ecs.service"
        and getattr(config, "launch_type", "") == "FARGATE"
        and bool(getattr(config, "fargate_spot", False))
    )


def ecs_service_fields(node: Node) -> tuple[str, ...]:
    """The service settings an export writes: a capacity provider or a launch type, the
    platform version where it is not the default, a task count unless a daemon."""
    config: Any = node.config
    fields: tuple[str, ...] = ("fargate_spot",) if on_fargate_spot(node) else ("launch_type",)
    if config.launch_type == "FARGATE" and config.platform_version != "LATEST":
        fields += ("platform_version",)
    fields += ("scheduling_strategy",)
    if config.scheduling_strategy == "REPLICA":
        fields += ("desired_count",)
    return fields


def task_size_fields(node: Node) -> tuple[str, ...]:
    """Task definition settings beyond CPU and memory: platform, and Fargate storage when
    more than the 20 GiB every task has."""
    config: Any = node.config
    fields: tuple[str, ...] = ("operating_system", "cpu_architecture")
    if config.launch_type == "FARGATE" and config.ephemeral_storage_gib > 20:
        fields += ("ephemeral_storage_gib",)
    return fields


def container_port(design: Design, node: Node) -> int | None:
    """The port a task's container listens on: the design's, else 80 behind a load balancer."""
    config: Any = node.config
    return config.container_port or (80 if load_balancers_of(design, node.id) else None)


def container_definition(image: Any, log_group: Any, region: Any, port: int | None) -> Any:
    """A task's one container, "app", logging to its log group, in CloudFormation's
    spelling (Terraform takes the API's, the same with lowercase keys)."""
    logs = {"awslogs-group": log_group, "awslogs-region": region, "awslogs-stream-prefix": "app"}
    container = {
        "Name": "app",
        "Image": image,
        "Essential": True,
        "LogConfiguration": {"LogDriver": "awslogs", "Options": logs},
    }
    if port:
        container["PortMappings"] = [{"ContainerPort": port, "Protocol": "tcp"}]
    return container


def cluster_needs_fargate_spot(design: Design, cluster_id: str) -> bool:
    return any(on_fargate_spot(design.node(child)) for child in design.descendants(cluster_id))


def redrive_policy(queue: Node, dead_letter_arn: Any) -> dict[str, Any]:
    """A queue's redrive policy: its dead-letter queue, and its mapped maxReceiveCount."""
    mapped = settings(queue.kind, queue.config, ("max_receive_count",))["RedrivePolicy"]
    return {"deadLetterTargetArn": dead_letter_arn, **mapped}


def streams_needed(design: Design, table_id: str) -> bool:
    """A table whose stream triggers something needs its stream enabled."""
    return bool(design.outgoing(table_id, "triggers"))


# ---- Step Functions -------------------------------------------------------------------------
PLACEHOLDER_RE = re.compile(r"\$\{([^}]*)\}")


@dataclass(frozen=True)
class Substitution:
    """One ${Name} placeholder of a state machine's definition and the node it stands for."""

    name: str
    node: str | None
    form: str


def substitution_form(kind: str) -> str:
    """What a placeholder of a node of this kind is replaced with (and in which ASL field it
    belongs): the value a Task's Parameters expect."""
    return {
        "aws.lambda": "arn",
        "aws.lambda_edge": "arn",
        "aws.stepfunctions.state_machine": "arn",
        "aws.sqs.queue": "url",
        "aws.sns.topic": "arn",
        "aws.dynamodb.table": "name",
        "aws.s3.bucket": "name",
        "aws.ecs.task": "arn",
        "aws.ecs.service": "name",
        "aws.batch.job_queue": "arn",
        "aws.batch.job_definition": "arn",
        "aws.eventbridge.rule": "arn",
        "aws.ecr.repository": "arn",
        "aws.rds.database": "arn",
    }.get(kind, "arn")


_ENCODED_PLACEHOLDER_RE = re.compile(r'\$\{((?:[^}"\\]|\\.)*)\}')
"""PLACEHOLDER_RE over compact JSON text: a match stays inside one string (an unescaped quote
ends it) and escapes never hold a brace, so it finds what PLACEHOLDER_RE finds in each string."""


def _collect_placeholders(value: Any, found: dict[str, None]) -> None:
    """Every ${Name} in value's strings and keys, in document order. Reads the C-encoded JSON
    text: walking a 300-state definition in Python cost more than the rest of an edit."""
    try:
        text = json.dumps(value, ensure_ascii=False, check_circular=False)
    except (TypeError, ValueError):
        _walk_placeholders(value, found)
        return
    for match in _ENCODED_PLACEHOLDER_RE.finditer(text):
        found[json.loads(f'"{match.group(1)}"')] = None


def _walk_placeholders(value: Any, found: dict[str, None]) -> None:
    if isinstance(value, str):
        for match in PLACEHOLDER_RE.finditer(value):
            found[match.group(1)] = None
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk_placeholders(key, found)
            _walk_placeholders(item, found)
    elif isinstance(value, list | tuple):
        for item in value:
            _walk_placeholders(item, found)


def _task(resource: str, parameters: dict[str, Any]) -> dict[str, Any]:
    return {"Type": "Task", "Resource": resource, "Parameters": parameters}


def generated_definition(design: Design, machine_id: str, names: Names) -> dict[str, Any]:
    """A sequential workflow calling each target the state machine invokes, in edge order,
    for a state machine whose design has no definition yet."""
    states: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    for edge in design.outgoing(machine_id, "invokes"):
        target = design.node(edge.target)
        placeholder = "${" + names.node(target.id) + "}"
        pattern = edge.config.integration_pattern or "request_response"
        suffix = {"sync": ".sync", "callback": ".waitForTaskToken"}.get(pattern, "")
        kind = target.kind
        state: dict[str, Any]
        if kind in FUNCTION_KINDS:
            payload: dict[str, Any] = {"input.$": "$"}
            if pattern == "callback":
                payload["token.$"] = "$$.Task.Token"
                state = _task(
                    "arn:aws:states:::lambda:invoke.waitForTaskToken",
                    {"FunctionName": placeholder, "Payload": payload},
                )
            else:
                state = _task(
                    "arn:aws:states:::lambda:invoke",
                    {"FunctionName": placeholder, "Payload.$": "$"},
                )
        elif kind == "aws.stepfunctions.state_machine":
            suffix = ".sync:2" if pattern == "sync" else suffix
            parameters: dict[str, Any] = {"StateMachineArn": placeholder, "Input.$": "$"}
            if pattern == "callback":
                parameters["Input"] = {"input.$": "$", "token.$": "$$.Task.Token"}
                del parameters["Input.$"]
            state = _task("arn:aws:states:::states:startExecution" + suffix, parameters)
        elif kind == "aws.ecs.task":
            launch = getattr(target.config, "launch_type", "FARGATE")
            state = _task(
                "arn:aws:states:::ecs:runTask" + (".sync" if pattern == "sync" else ""),
                {"TaskDefinition": placeholder, "LaunchType": launch},
            )
        elif kind == "aws.batch.job_queue":
            definitions = design.neighbours(target.id, "runs_on", "in")
            parameters = {"JobName": names.node(target.id), "JobQueue": placeholder}
            if definitions:
                parameters["JobDefinition"] = "${" + names.node(definitions[0]) + "}"
            else:
                parameters["JobDefinition.$"] = "$.jobDefinition"
            state = _task(
                "arn:aws:states:::batch:submitJob" + (".sync" if pattern == "sync" else ""),
                parameters,
            )
        elif kind == "aws.sqs.queue":
            state = _task(
                "arn:aws:states:::sqs:sendMessage",
                {"QueueUrl": placeholder, "MessageBody.$": "$"},
            )
        elif kind == "aws.sns.topic":
            state = _task(
                "arn:aws:states:::sns:publish", {"TopicArn": placeholder, "Message.$": "$"}
            )
        elif kind == "aws.dynamodb.table":
            key = getattr(target.config, "partition_key", "pk") or "pk"
            state = _task(
                "arn:aws:states:::dynamodb:putItem",
                {"TableName": placeholder, "Item": {key: {"S.$": "$$.Execution.Name"}}},
            )
        elif kind == "aws.eventbridge.rule":
            state = _task(
                "arn:aws:states:::events:putEvents",
                {
                    "Entries": [
                        {"Source": "archcanvas", "DetailType": "WorkflowEvent", "Detail.$": "$"}
                    ]
                },
            )
        else:
            continue
        base = f"Call {names.node(target.id)}"[:76]
        name, counter = base, 2
        while name in states:
            name = f"{base} {counter}"
            counter += 1
        state["ResultPath"] = None
        states[name] = state
        order.append(name)
    if not order:
        return {
            "Comment": "Generated by ArchCanvas: the design has no definition yet.",
            "StartAt": "Start",
            "States": {"Start": {"Type": "Pass", "End": True}},
        }
    for current, following in zip(order, order[1:], strict=False):
        states[current]["Next"] = following
    states[order[-1]]["End"] = True
    return {
        "Comment": "Generated by ArchCanvas from the state machine's connections.",
        "StartAt": order[0],
        "States": states,
    }


def workflow(
    design: Design, machine_id: str, names: Names
) -> tuple[dict[str, Any], list[Substitution]]:
    """The definition (the design's, else generated) and every placeholder in it, resolved to
    a node where the design says which."""
    config = design.node(machine_id).config
    definition: dict[str, Any] | None = getattr(config, "definition", None)
    mapping: dict[str, str] = {}
    if definition is None:
        definition = generated_definition(design, machine_id, names)
        for target in design.neighbours(machine_id, "invokes"):
            mapping[names.node(target)] = target
            for job_definition in design.neighbours(target, "runs_on", "in"):
                if design.node(target).kind == "aws.batch.job_queue":
                    mapping[names.node(job_definition)] = job_definition
    for key, node_id in (getattr(config, "definition_substitutions", None) or {}).items():
        name = key[2:-1] if key.startswith("${") and key.endswith("}") else key
        mapping[name] = node_id
    found: dict[str, None] = {}
    _collect_placeholders(definition, found)
    substitutions = []
    for name in found:
        node_id = mapping.get(name)
        if node_id is not None and design.has_node(node_id):
            kind = design.node(node_id).kind
            substitutions.append(Substitution(name, node_id, substitution_form(kind)))
        else:
            substitutions.append(Substitution(name, None, "parameter"))
    return definition, substitutions


def labelled(node: Node) -> str:
    """How a note names a node: id and label (for text contexts that escape it)."""
    return f"{node.id} ({node.label})" if node.label and node.label != node.id else node.id


def sync_express(machine: Node) -> bool:
    """A state machine started synchronously (StartSyncExecution): Express and sync."""
    config: Any = machine.config
    return bool(config.workflow_type == "EXPRESS" and config.invocation == "sync")
