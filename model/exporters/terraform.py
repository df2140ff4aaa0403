"""Terraform configuration (aws provider) equivalent to the CloudFormation export.

DIR/main.tf holds the resources, DIR/variables.tf what the design does not say, and each
state machine's definition is DIR/<node id>.asl.json, loaded with templatefile(). Every user
string is an escaped HCL literal: quotes, backslashes, ${ and %{ never reach the parser as code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from model.design import Design, architecture_only
from model.elements import Node
from model.exporters._common import (
    ALL_METHODS,
    AMI_PARAMETERS,
    BATCH_INSTANCE_ROLE,
    DEFAULT_APP_RUNNER_IMAGE,
    DEFAULT_CONTAINER_IMAGE,
    ECR_ACCESS_ROLE,
    EKS_CLUSTER_ROLE,
    EVENTS_ROLE,
    EXECUTION_ROLE,
    LOG_DELIVERY,
    MANAGED_ALL_VIEWER_EXCEPT_HOST,
    MANAGED_CACHING_DISABLED,
    MANAGED_CACHING_OPTIMIZED,
    NETWORK_KINDS,
    NO_RESOURCE_KINDS,
    PIPE_ROLE,
    PLACEHOLDER_RE,
    RDS_CLUSTER_ENGINES,
    Arn,
    Names,
    PolicyWriter,
    Role,
    allow,
    app_runner_code_source,
    app_runner_egress_vpc,
    app_runner_private_image,
    app_runner_source,
    beanstalk_options,
    chosen_subnets,
    cluster_needs_fargate_spot,
    container_definition,
    container_port,
    ecs_service_fields,
    has_resource,
    instance_count,
    json_object,
    labelled,
    lambda_fields,
    lambda_handler,
    lambda_in_vpc,
    load_balancers_of,
    network_of,
    number_text,
    on_fargate_spot,
    policy_document,
    principal_role,
    redrive_policy,
    safe_filename,
    streams_needed,
    task_size_fields,
    trust_policy,
    vpc_egress,
    workflow,
)
from model.exporters.escaping import hcl_comment, hcl_string, json_dump, one_line
from model.exporters.plan import (
    OBJECT_CREATED,
    ApiPlan,
    CacheBehaviour,
    DistributionPlan,
    SourceTrigger,
    api_plan,
    bucket_notifications,
    distribution_plan,
    load_balancer_plan,
    pipe_plan,
    rule_targets,
    service_plan,
    source_plan,
    submitted_definition,
)
from model.mapping import mapping_for, settings, terraform_settings

_REGION = "data.aws_region.current.name"
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class Expr:
    """A Terraform expression written as is (generated from names, never from user text)."""

    text: str


@dataclass
class Block:
    """A nested block: name, optional labels, body items in order."""

    name: str
    body: list[tuple[str, Any]] = field(default_factory=list)
    labels: tuple[str, ...] = ()


def nested(name: str, body: list[tuple[str, Any]]) -> tuple[str, Block]:
    """A body item holding a nested block of that name (most blocks nest this way)."""
    return (name, Block(name, body))


def _mapped(node: Node, names: tuple[str, ...], part: str = "") -> list[tuple[str, Any]]:
    """Body items for config fields from the kind mapping; `a.b` becomes block a { b }, at
    any depth, settings of one block sharing it."""
    items: list[tuple[str, Any]] = []
    for path, value in terraform_settings(node.kind, node.config, names, part):
        _place(items, path.split("."), value)
    return items


def _place(items: list[tuple[str, Any]], steps: list[str], value: Any) -> None:
    if len(steps) == 1:
        items.append((steps[0], value))
        return
    block = next((b for k, b in items if isinstance(b, Block) and k == steps[0]), None)
    if block is None:
        block = Block(steps[0])
        items.append((steps[0], block))
    _place(block.body, steps[1:], value)


def _mapped_in(node: Node, names: tuple[str, ...]) -> list[tuple[str, Any]]:
    """The items of one nested block from the kind mapping (compute_resources.type -> type)."""
    return [
        (path.partition(".")[2], value)
        for path, value in terraform_settings(node.kind, node.config, names)
    ]


def _blocks(properties: dict[str, Any]) -> list[tuple[str, Any]]:
    """Properties in CloudFormation's spelling as body items, for the resources whose
    provider schema is CloudFormation's in snake case: maps become nested blocks."""
    return [
        nested(_snake(key), _blocks(value)) if isinstance(value, dict) else (_snake(key), value)
        for key, value in properties.items()
    ]


def _snake(key: str) -> str:
    return _SPELLED.get(key) or re.sub(r"(?<!^)(?=[A-Z])", "_", key).lower()


_SPELLED = {"DynamoDBStreamParameters": "dynamodb_stream_parameters"}
"""Where the provider's name is not the CloudFormation one in snake case."""


def _api_json(value: Any) -> Any:
    """CloudFormation properties as the service API's JSON (ResourceRequirements ->
    resourceRequirements), the form Terraform takes container properties in."""
    if isinstance(value, dict):
        return {key[:1].lower() + key[1:]: _api_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_api_json(item) for item in value]
    return value


def _value(value: Any, indent: int) -> str:
    pad = "  " * indent
    if isinstance(value, Expr):
        return value.text
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, str):
        return hcl_string(value)
    if isinstance(value, list):
        if not value:
            return "[]"
        items = [f"{pad}  {_value(item, indent + 1)}," for item in value]
        return "[\n" + "\n".join(items) + f"\n{pad}]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        lines = []
        for key, item in value.items():
            key_text = key if _IDENT.match(key) else hcl_string(key)
            lines.append(f"{pad}  {key_text} = {_value(item, indent + 1)}")
        return "{\n" + "\n".join(lines) + f"\n{pad}}}"
    raise TypeError(f"cannot write {type(value).__name__} as HCL")


def _block_lines(block: Block, indent: int) -> list[str]:
    pad = "  " * indent
    labels = "".join(f" {hcl_string(label)}" for label in block.labels)
    lines = [f"{pad}{block.name}{labels} {{"]
    for key, item in block.body:
        if isinstance(item, Block):
            lines.extend(_block_lines(item, indent + 1))
        else:
            lines.append(f"{pad}  {key} = {_value(item, indent + 1)}")
    lines.append(f"{pad}}}")
    return lines


def jsonencode(value: Any) -> Expr:
    return Expr("jsonencode(" + _value(value, 1) + ")")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-")[:40].strip("-") or "node"


class _Builder(PolicyWriter):
    def __init__(self, design: Design) -> None:
        self.design = design
        self.names = Names(design, style="snake")
        self.placeholders = Names(design)
        self.blocks: list[tuple[str, Block]] = []
        self.variables: dict[str, Block] = {}
        self.notes: list[str] = []
        self.definitions: dict[str, str] = {}
        self.edge_provider = False

    # ---- building blocks ------------------------------------------------------------------
    def resource(self, type_: str, name: str, body: list[tuple[str, Any]], node: Node) -> str:
        self.blocks.append((f"{labelled(node)}", Block("resource", body, (type_, name))))
        return f"{type_}.{name}"

    def own(self, node: Node, body: list[tuple[str, Any]]) -> str:
        """The node's own resource, of the Terraform type its kind mapping says."""
        mapping = mapping_for(node.kind)
        assert mapping is not None and mapping.terraform_type, node.kind
        return self.resource(mapping.terraform_type, self.names.node(node.id), body, node)

    def variable(self, name: str, type_: str, description: str, default: Any = None) -> Expr:
        if name not in self.variables:
            body: list[tuple[str, Any]] = [
                ("type", Expr(type_)),
                ("description", one_line(description, 500)),
            ]
            if default is not None:
                body.append(("default", default))
            self.variables[name] = Block("variable", body, (name,))
        return Expr(f"var.{name}")

    def node_variable(
        self, node_id: str, suffix: str, what: str, default: Any = None, type_: str = "string"
    ) -> Expr:
        """A variable for what the design does not say about a node."""
        return self.variable(
            self.names.sub(node_id, suffix),
            type_,
            f"{what} for {labelled(self.design.node(node_id))}",
            default,
        )

    def named(self, node: Node) -> Expr:
        return Expr('"${var.prefix}-' + _slug(self.names.node(node.id)) + '"')

    def ref(self, node_id: str, attribute: str = "arn") -> Expr:
        node = self.design.node(node_id)
        mapping = mapping_for(node.kind)
        type_ = (mapping.terraform_type if mapping else None) or ""
        name = self.names.node(node_id)
        if node.kind == "aws.rds.database":
            type_ = (
                "aws_rds_cluster"
                if getattr(node.config, "engine", "") in RDS_CLUSTER_ENGINES
                else "aws_db_instance"
            )
        if node.kind == "aws.ecs.service" and attribute == "arn":
            return Expr(f"aws_ecs_service.{name}.id")
        if node.kind == "aws.apigateway.api" and getattr(node.config, "api_type", "rest") == "http":
            type_ = "aws_apigatewayv2_api"
        if node.kind == "aws.ec2.instance" and instance_count(node) > 1:
            return Expr(f"aws_instance.{name}[0].{attribute}")
        return Expr(f"{type_}.{name}.{attribute}")

    def subnets(self, node_id: str, many: bool = False) -> Expr:
        chosen = chosen_subnets(self.design, node_id)
        if chosen:
            ids = [self.node_variable(s, "id", "Existing subnet").text for s in chosen]
            return Expr("[" + ", ".join(ids) + "]")
        net = network_of(self.design, node_id)
        if net.subnet is not None and not many:
            return Expr("[" + self.node_variable(net.subnet, "id", "Existing subnet").text + "]")
        if net.vpc is not None:
            return self.node_variable(
                net.vpc, "subnet_ids", "Subnets of the VPC", type_="list(string)"
            )
        return self.variable("subnet_ids", "list(string)", "Subnets for resources placed in no VPC")

    def vpc_id(self, node_id: str) -> Expr:
        net = network_of(self.design, node_id)
        if net.vpc is not None:
            return self.node_variable(net.vpc, "id", "Existing VPC")
        return self.variable("vpc_id", "string", "VPC for resources placed in no VPC")

    def security_groups(self, node_id: str) -> Expr:
        net = network_of(self.design, node_id)
        if net.vpc is None:
            return self.variable(
                "security_group_ids",
                "list(string)",
                "Security groups for resources placed in no VPC",
            )
        name = self.names.sub(net.vpc, "sg")
        if not any(block.labels == ("aws_security_group", name) for _, block in self.blocks):
            self.resource(
                "aws_security_group",
                name,
                [
                    ("name_prefix", Expr('"${var.prefix}-' + _slug(name) + '-"')),
                    ("vpc_id", self.vpc_id(node_id)),
                    nested(
                        "egress",
                        [
                            ("from_port", 0),
                            ("to_port", 0),
                            ("protocol", "-1"),
                            ("cidr_blocks", ["0.0.0.0/0"]),
                        ],
                    ),
                ],
                self.design.node(net.vpc),
            )
        return Expr(f"[aws_security_group.{name}.id]")

    def resource_arn(self, arn: Arn) -> Any:
        if arn.attribute in ("execution_role", "task_role"):
            return Expr(f"aws_iam_role.{self.names.sub(arn.node, arn.attribute)}.arn")
        if arn.attribute == "job_definition":
            return self.job_definition(arn.node)
        region, account = "data.aws_region.current.name", "data.aws_caller_identity.current"
        prefix = arn.service and (
            f"arn:aws:{arn.service}:${{{region}}}:${{{account}.account_id}}:{arn.path}"
        )
        if not arn.node:
            return Expr(f'"{prefix}"')
        value = self.ref(arn.node, arn.attribute)
        if not (prefix or arn.suffix):
            return value
        return Expr(f'"{prefix}${{{value.text}}}{arn.suffix}"')

    def role(
        self,
        node: Node,
        role: Role,
        statements: list[dict[str, Any]] | None = None,
        of: str = "",
    ) -> str:
        """A role, its managed policies and relation statements; `of` names the node the role
        is for, when a node has one such role per target."""
        name = self.names.sub(node.id, role.name + (f"_{self.names.node(of)}" if of else ""))
        self.resource(
            "aws_iam_role",
            name,
            [
                ("name_prefix", Expr('"${var.prefix}-' + _slug(name)[:20] + '-"')),
                ("assume_role_policy", jsonencode(trust_policy(*role.services))),
            ],
            node,
        )
        for index, policy in enumerate(role.managed):
            self.resource(
                "aws_iam_role_policy_attachment",
                f"{name}_{index + 1}",
                [
                    ("role", Expr(f"aws_iam_role.{name}.name")),
                    ("policy_arn", f"arn:aws:iam::aws:policy/{policy}"),
                ],
                node,
            )
        if statements:
            self.resource(
                "aws_iam_role_policy",
                f"{name}_policy",
                [
                    ("role", Expr(f"aws_iam_role.{name}.id")),
                    ("policy", jsonencode(policy_document(statements))),
                ],
                node,
            )
        return name

    def principal(self, node: Node, extra: list[dict[str, Any]] | None = None) -> str:
        """The node's own role, with the grants of its relations."""
        return self.role(node, principal_role(self.design, node), self.statements(node.id, extra))

    def image(self, node: Node, default: str | None) -> Any:
        own = getattr(node.config, "image", "")
        if own:
            return own
        for repo in self.design.neighbours(node.id, "uses"):
            if self.design.node(repo).kind == "aws.ecr.repository":
                return Expr(
                    f'"${{aws_ecr_repository.{self.names.node(repo)}.repository_url}}:latest"'
                )
        return self.node_variable(node.id, "image", "Container image URI", default)

    # ---- the design ------------------------------------------------------------------------
    def build(self) -> None:
        for node in self.design.iter_nodes():
            kind = node.kind
            if kind in NO_RESOURCE_KINDS:
                self.notes.append(f"{labelled(node)}: no Terraform resource")
            elif kind in NETWORK_KINDS:
                self.notes.append(
                    f"{labelled(node)}: existing network, taken as variables where used"
                )
            else:
                getattr(self, "k_" + kind.removeprefix("aws.").replace(".", "_"))(node)

    # compute ---------------------------------------------------------------------------------
    def k_lambda(self, node: Node) -> None:
        config: Any = node.config
        name = self.names.node(node.id)
        edge = node.kind == "aws.lambda_edge"
        attached = lambda_in_vpc(self.design, node)
        extra = []
        if config.dead_letter_queue and not edge:
            dead = self.names.sub(node.id, "dlq")
            self.resource("aws_sqs_queue", dead, [("message_retention_seconds", 1209600)], node)
            extra.append(allow(["sqs:SendMessage"], [Expr(f"aws_sqs_queue.{dead}.arn")]))
        role = self.principal(node, extra)
        body: list[tuple[str, Any]] = []
        if edge:
            self.edge_provider = True
            body.append(("provider", Expr("aws.us_east_1")))
        body.append(("function_name", self.named(node)))
        body.append(("role", Expr(f"aws_iam_role.{role}.arn")))
        if config.package_type == "image":
            body.append(("package_type", "Image"))
            body.append(("image_uri", self.image(node, "")))
        else:
            body.append(
                (
                    "s3_bucket",
                    self.variable(
                        "code_bucket", "string", "S3 bucket holding the Lambda deployment packages"
                    ),
                )
            )
            body.append(
                (
                    "s3_key",
                    self.node_variable(
                        node.id,
                        "code_key",
                        "S3 key of the deployment package",
                        f"{_slug(node.id)}.zip",
                    ),
                )
            )
            body.append(("handler", lambda_handler(config.runtime)))
        body.extend(_mapped(node, lambda_fields(node)))
        layers = [
            layer
            if layer.startswith("arn:")
            else self.node_variable(
                node.id, f"layer_{i + 1}_arn", f"ARN of the layer {one_line(layer)}"
            )
            for i, layer in enumerate(config.layers)
        ]
        if layers and config.package_type != "image":
            body.append(("layers", layers))
        if attached:
            body.append(
                nested(
                    "vpc_config",
                    [
                        ("subnet_ids", self.subnets(node.id)),
                        ("security_group_ids", self.security_groups(node.id)),
                    ],
                )
            )
        if config.tracing == "Active":
            body.append(nested("tracing_config", [("mode", "Active")]))
        if extra:
            body.append(
                nested(
                    "dead_letter_config",
                    [
                        (
                            "target_arn",
                            Expr(f"aws_sqs_queue.{self.names.sub(node.id, 'dlq')}.arn"),
                        )
                    ],
                )
            )
        if edge or config.provisioned_concurrency:
            body.append(("publish", True))
        self.own(node, body)
        if config.provisioned_concurrency and not edge:
            alias = self.names.sub(node.id, "live")
            self.resource(
                "aws_lambda_alias",
                alias,
                [
                    ("name", "live"),
                    ("function_name", Expr(f"aws_lambda_function.{name}.function_name")),
                    ("function_version", Expr(f"aws_lambda_function.{name}.version")),
                ],
                node,
            )
            self.resource(
                "aws_lambda_provisioned_concurrency_config",
                self.names.sub(node.id, "provisioned"),
                [
                    ("function_name", Expr(f"aws_lambda_function.{name}.function_name")),
                    ("qualifier", Expr(f"aws_lambda_alias.{alias}.name")),
                    ("provisioned_concurrent_executions", config.provisioned_concurrency),
                ],
                node,
            )

    k_lambda_edge = k_lambda

    def permission(
        self, source: Node, function_id: str, principal: str, source_arn: Expr | None
    ) -> str:
        name = self.names.sub(source.id, "invoke_" + self.names.node(function_id))
        body: list[tuple[str, Any]] = [
            ("action", "lambda:InvokeFunction"),
            (
                "function_name",
                Expr(f"aws_lambda_function.{self.names.node(function_id)}.function_name"),
            ),
            ("principal", principal),
        ]
        body.append(
            ("source_arn", source_arn)
            if source_arn is not None
            else ("source_account", Expr("data.aws_caller_identity.current.account_id"))
        )
        return self.resource("aws_lambda_permission", name, body, source)

    def k_app_runner(self, node: Node) -> None:
        config: Any = node.config
        if config.source == "image":
            private = app_runner_private_image(self.design, node)
            image = self.image(node, None if private else DEFAULT_APP_RUNNER_IMAGE)
            access = (
                Expr(f"aws_iam_role.{self.role(node, ECR_ACCESS_ROLE)}.arn") if private else None
            )
            source = app_runner_source(config, image, access)
        else:
            url = self.node_variable(node.id, "repository_url", "Source repository URL")
            connection = self.node_variable(node.id, "connection_arn", "App Runner connection")
            source = app_runner_code_source(config, url, connection)
        instance = _mapped_in(node, ("cpu_vcpu", "memory_gb"))
        statements = self.statements(node.id)
        if statements:
            role = self.role(node, principal_role(self.design, node), statements)
            instance.append(("instance_role_arn", Expr(f"aws_iam_role.{role}.arn")))
        scaling = self.names.sub(node.id, "scaling")
        self.resource(
            "aws_apprunner_auto_scaling_configuration_version",
            scaling,
            [
                ("auto_scaling_configuration_name", _slug(scaling)[:32].ljust(4, "x")),
                *_mapped(node, ("max_concurrency", "min_size", "max_size"), "auto_scaling"),
            ],
            node,
        )
        body: list[tuple[str, Any]] = [
            ("service_name", self.named(node)),
            nested("source_configuration", _blocks(source)),
            nested("instance_configuration", instance),
            (
                "auto_scaling_configuration_arn",
                Expr(f"aws_apprunner_auto_scaling_configuration_version.{scaling}.arn"),
            ),
        ]
        if app_runner_egress_vpc(self.design, node):
            connector = self.names.sub(node.id, "connector")
            self.resource(
                "aws_apprunner_vpc_connector",
                connector,
                [
                    ("vpc_connector_name", _slug(connector)[:40].ljust(4, "x")),
                    ("subnets", self.subnets(node.id)),
                    ("security_groups", self.security_groups(node.id)),
                ],
                node,
            )
            egress = vpc_egress(Expr(f"aws_apprunner_vpc_connector.{connector}.arn"))
            body.append(nested("network_configuration", _blocks(egress)))
        self.own(node, body)

    def k_batch_compute_environment(self, node: Node) -> None:
        config: Any = node.config
        resources: list[tuple[str, Any]] = [
            *_mapped_in(node, ("type", "max_vcpus")),
            ("subnets", self.subnets(node.id, many=True)),
            ("security_group_ids", self.security_groups(node.id)),
        ]
        if config.type in ("EC2", "SPOT"):
            profile = self.profile_of(node, self.role(node, BATCH_INSTANCE_ROLE))
            resources += [
                *_mapped_in(node, ("min_vcpus",)),
                ("instance_type", list(config.instance_types) or ["optimal"]),
                ("instance_role", Expr(f"aws_iam_instance_profile.{profile}.arn")),
                (
                    "allocation_strategy",
                    "SPOT_PRICE_CAPACITY_OPTIMIZED"
                    if config.type == "SPOT"
                    else "BEST_FIT_PROGRESSIVE",
                ),
            ]
            group = self.design.ancestor_of_kind(node.id, "aws.ec2.placement_group")
            if group:
                resources.append(
                    ("placement_group", Expr(f"aws_placement_group.{self.names.node(group)}.name"))
                )
        self.own(
            node,
            [
                ("name", self.named(node)),
                ("type", "MANAGED"),
                ("state", "ENABLED"),
                nested("compute_resources", resources),
            ],
        )

    def k_batch_job_queue(self, node: Node) -> None:
        body: list[tuple[str, Any]] = [
            ("name", self.named(node)),
            ("state", "ENABLED"),
            *_mapped(node, ("priority",)),
        ]
        edges = [
            e
            for e in self.design.outgoing(node.id, "uses")
            if self.design.node(e.target).kind == "aws.batch.compute_environment"
        ]
        orders = sorted(
            ((e.config.order if e.config.order is not None else i + 1), e.target)
            for i, e in enumerate(edges)
        )
        if not orders:
            body.append(
                nested(
                    "compute_environment_order",
                    [
                        ("order", 1),
                        (
                            "compute_environment",
                            self.node_variable(
                                node.id, "compute_environment_arn", "Compute environment"
                            ),
                        ),
                    ],
                )
            )
        for order, target in orders:
            body.append(
                nested(
                    "compute_environment_order",
                    [("order", order), ("compute_environment", self.ref(target))],
                )
            )
        self.own(node, body)

    def k_batch_job_definition(self, node: Node) -> None:
        config: Any = node.config
        execution = self.role(node, EXECUTION_ROLE)
        sizes = ("vcpus", "memory_mb", "gpus") if config.gpus else ("vcpus", "memory_mb")
        container: dict[str, Any] = {
            "image": self.image(node, "public.ecr.aws/docker/library/busybox:latest"),
            **_api_json(settings(node.kind, config, sizes)["ContainerProperties"]),
            "executionRoleArn": Expr(f"aws_iam_role.{execution}.arn"),
        }
        statements = self.statements(node.id)
        if statements:
            job_role = self.role(node, principal_role(self.design, node), statements)
            container["jobRoleArn"] = Expr(f"aws_iam_role.{job_role}.arn")
        body: list[tuple[str, Any]] = [("name", self.named(node))]
        if config.multi_node:
            body += [
                *_mapped(node, ("multi_node",)),
                ("platform_capabilities", ["EC2"]),
                (
                    "node_properties",
                    jsonencode(
                        {
                            "numNodes": 2,
                            "mainNode": 0,
                            "nodeRangeProperties": [{"targetNodes": "0:", "container": container}],
                        }
                    ),
                ),
            ]
        else:
            if config.platform == "FARGATE":
                container["networkConfiguration"] = {"assignPublicIp": "DISABLED"}
                container["fargatePlatformConfiguration"] = {"platformVersion": "LATEST"}
            body += [
                *_mapped(node, ("multi_node", "platform")),
                ("container_properties", jsonencode(container)),
            ]
        if config.timeout_s:
            body += _mapped(node, ("timeout_s",))
        self.own(node, body)

    def instance_profile(self, node: Node) -> str | None:
        """The instance profile of the node's own role, where it has grants."""
        statements = self.statements(node.id)
        return (
            self.profile_of(node, self.role(node, principal_role(self.design, node), statements))
            if statements
            else None
        )

    def profile_of(self, node: Node, role: str) -> str:
        profile = self.names.sub(node.id, "instance_profile")
        self.resource(
            "aws_iam_instance_profile", profile, [("role", Expr(f"aws_iam_role.{role}.name"))], node
        )
        return profile

    def ami(self, node: Node) -> Any:
        own = getattr(node.config, "ami", "")
        if own.startswith("ami-"):
            return own
        self.variable(
            "ami_parameter",
            "string",
            "SSM parameter of the AMI",
            AMI_PARAMETERS["x86_64"],
        )
        return Expr("data.aws_ssm_parameter.ami.value")

    def k_ec2_instance(self, node: Node) -> None:
        config: Any = node.config
        body: list[tuple[str, Any]] = []
        count = instance_count(node)
        if count > 1:
            body.append(("count", count))
        body += [("ami", self.ami(node)), *_mapped(node, ("instance_type",))]
        net = network_of(self.design, node.id)
        if net.subnet or net.vpc:
            subnets = self.subnets(node.id)
            subnet = (
                Expr(f"{subnets.text}[0]")
                if not subnets.text.startswith("[")
                else Expr(subnets.text[1:-1])
            )
            if config.efa:
                body.append(
                    nested(
                        "network_interface",
                        [
                            ("device_index", 0),
                            (
                                "network_interface_id",
                                Expr(f"aws_network_interface.{self.names.sub(node.id, 'efa')}.id"),
                            ),
                        ],
                    )
                )
                self.resource(
                    "aws_network_interface",
                    self.names.sub(node.id, "efa"),
                    [
                        ("subnet_id", subnet),
                        ("security_groups", self.security_groups(node.id)),
                        ("interface_type", "efa"),
                    ],
                    node,
                )
            else:
                body += [
                    ("subnet_id", subnet),
                    ("vpc_security_group_ids", self.security_groups(node.id)),
                ]
        group = self.design.ancestor_of_kind(node.id, "aws.ec2.placement_group")
        if group:
            body.append(
                ("placement_group", Expr(f"aws_placement_group.{self.names.node(group)}.id"))
            )
        profile = self.instance_profile(node)
        if profile:
            body.append(("iam_instance_profile", Expr(f"aws_iam_instance_profile.{profile}.name")))
        if config.purchase_option == "dedicated_instance":
            body.append(("tenancy", "dedicated"))
        elif config.purchase_option == "dedicated_host":
            body.append(("tenancy", "host"))
        if config.purchase_option == "spot":
            body += _mapped(node, ("purchase_option", "spot_interruption_behavior"))
            once = config.spot_interruption_behavior == "terminate"
            steps = ["instance_market_options", "spot_options", "spot_instance_type"]
            _place(body, steps, "one-time" if once else "persistent")
        body.append(("tags", {"Name": node.label or node.id}))
        self.own(node, body)

    def k_ec2_auto_scaling_group(self, node: Node) -> None:
        config: Any = node.config
        template = self.names.sub(node.id, "launch_template")
        data: list[tuple[str, Any]] = [
            ("name_prefix", Expr('"${var.prefix}-' + _slug(template)[:20] + '-"')),
            ("image_id", self.ami(node)),
            ("instance_type", config.instance_type),
        ]
        profile = self.instance_profile(node)
        if profile:
            data.append(
                nested(
                    "iam_instance_profile",
                    [("arn", Expr(f"aws_iam_instance_profile.{profile}.arn"))],
                )
            )
        if config.purchase_option == "spot":
            data.append(nested("instance_market_options", [("market_type", "spot")]))
        self.resource("aws_launch_template", template, data, node)
        sizes = ("min_size", "max_size", "desired_capacity")
        body: list[tuple[str, Any]] = [
            *_mapped(node, sizes + (("capacity_rebalance",) if config.capacity_rebalance else ())),
            ("vpc_zone_identifier", self.subnets(node.id)),
            nested(
                "launch_template",
                [("id", Expr(f"aws_launch_template.{template}.id")), ("version", "$Latest")],
            ),
        ]
        group = self.design.ancestor_of_kind(node.id, "aws.ec2.placement_group")
        if group:
            body.append(
                ("placement_group", Expr(f"aws_placement_group.{self.names.node(group)}.id"))
            )
        groups = [
            Expr(f"aws_lb_target_group.{self.names.sub(lb, 'tg_' + self.names.node(node.id))}.arn")
            for lb in load_balancers_of(self.design, node.id)
        ]
        if groups:
            body.append(("target_group_arns", groups))
        self.own(node, body)

    def k_ecs_service(self, node: Node) -> None:
        config: Any = node.config
        name = self.names.node(node.id)
        execution = self.role(node, EXECUTION_ROLE)
        task_role = self.principal(node)
        logs = self.names.sub(node.id, "logs")
        self.resource(
            "aws_cloudwatch_log_group",
            logs,
            [
                ("name_prefix", Expr('"/ecs/${var.prefix}-' + _slug(name) + '-"')),
                ("retention_in_days", 30),
            ],
            node,
        )
        port = container_port(self.design, node)
        image = self.image(node, DEFAULT_CONTAINER_IMAGE)
        group, region = Expr(f"aws_cloudwatch_log_group.{logs}.name"), Expr(_REGION)
        container = _api_json(container_definition(image, group, region, port))
        definition = name if node.kind == "aws.ecs.task" else self.names.sub(node.id, "task")
        task = "task_definition" if node.kind == "aws.ecs.service" else ""
        self.resource(
            "aws_ecs_task_definition",
            definition,
            [
                ("family", Expr('"${var.prefix}-' + _slug(definition) + '"')),
                *_mapped(node, ("cpu", "memory_mb", "network_mode"), task),
                ("requires_compatibilities", [config.launch_type]),
                ("execution_role_arn", Expr(f"aws_iam_role.{execution}.arn")),
                ("task_role_arn", Expr(f"aws_iam_role.{task_role}.arn")),
                *_mapped(node, task_size_fields(node), task),
                ("container_definitions", jsonencode([container])),
            ],
            node,
        )
        if node.kind != "aws.ecs.service":
            return
        plan = service_plan(self.design, node)
        self.notes += [f"{labelled(node)}: {text}" for text in plan.notes]
        body: list[tuple[str, Any]] = [("name", self.named(node))]
        if plan.cluster:
            body.append(("cluster", Expr(f"aws_ecs_cluster.{self.names.node(plan.cluster)}.id")))
        body.append(("task_definition", Expr(f"aws_ecs_task_definition.{definition}.arn")))
        fields = ecs_service_fields(node)
        if on_fargate_spot(node):
            spot = settings(node.kind, config, ("fargate_spot",))["CapacityProviderStrategy"]
            body += [nested("capacity_provider_strategy", _blocks(item)) for item in spot]
        body += _mapped(node, tuple(f for f in fields if f != "fargate_spot"))
        if config.network_mode == "awsvpc":
            body.append(
                nested(
                    "network_configuration",
                    [
                        ("subnets", self.subnets(node.id)),
                        ("security_groups", self.security_groups(node.id)),
                        ("assign_public_ip", False),
                    ],
                )
            )
        for lb in plan.balancers:
            group = Expr(f"aws_lb_target_group.{self.names.sub(lb, 'tg_' + name)}.arn")
            balancer = [("target_group_arn", group), ("container_name", "app")]
            body.append(nested("load_balancer", [*balancer, ("container_port", port)]))
        if plan.balancers:
            listeners = [
                f"aws_lb_listener.{self.names.sub(lb, 'listener')}" for lb in plan.balancers
            ]
            body.append(("depends_on", [Expr(listener) for listener in listeners]))
        self.own(node, body)

    k_ecs_task = k_ecs_service

    def eks_cluster_name(self, node: Node) -> Expr:
        cluster = self.design.ancestor_of_kind(node.id, "aws.eks.cluster")
        if cluster:
            return Expr(f"aws_eks_cluster.{self.names.node(cluster)}.name")
        return self.variable("eks_cluster_name", "string", "Existing EKS cluster")

    def k_eks_node_group(self, node: Node) -> None:
        role = self.principal(node)
        self.own(
            node,
            [
                ("cluster_name", self.eks_cluster_name(node)),
                ("node_role_arn", Expr(f"aws_iam_role.{role}.arn")),
                ("subnet_ids", self.subnets(node.id, many=True)),
                *_mapped(
                    node,
                    ("instance_types", "capacity_type", "min_size", "max_size", "desired_size"),
                ),
            ],
        )

    def k_eks_fargate_profile(self, node: Node) -> None:
        role = self.principal(node)
        body: list[tuple[str, Any]] = [
            ("cluster_name", self.eks_cluster_name(node)),
            ("fargate_profile_name", self.named(node)),
            ("pod_execution_role_arn", Expr(f"aws_iam_role.{role}.arn")),
            ("subnet_ids", self.subnets(node.id, many=True)),
        ]
        selectors = dict(terraform_settings(node.kind, node.config, ("selectors",)))["selector"]
        for selector in selectors or [{"namespace": "default"}]:
            body.append(nested("selector", list(selector.items())))
        self.own(node, body)

    def k_beanstalk_environment(self, node: Node) -> None:
        config: Any = node.config
        application = self.names.sub(node.id, "application")
        self.resource(
            "aws_elastic_beanstalk_application", application, [("name", self.named(node))], node
        )
        profile = self.profile_of(node, self.principal(node))
        options = [
            (o["Namespace"], o["OptionName"], o["Value"])
            for o in beanstalk_options(node, Expr(f"aws_iam_instance_profile.{profile}.name"))
        ]
        for edge in self.design.incoming(node.id, "triggers"):
            if self.design.node(edge.source).kind == "aws.sqs.queue":
                options.append(
                    ("aws:elasticbeanstalk:sqsd", "WorkerQueueURL", self.ref(edge.source, "url"))
                )
                break
        body: list[tuple[str, Any]] = [
            ("name", self.named(node)),
            ("application", Expr(f"aws_elastic_beanstalk_application.{application}.name")),
            (
                "solution_stack_name",
                self.node_variable(
                    node.id, "solution_stack", "Elastic Beanstalk solution stack", config.platform
                ),
            ),
            ("tier", "WebServer" if config.tier == "web" else "Worker"),
        ]
        for namespace, option, value in options:
            body.append(
                nested("setting", [("namespace", namespace), ("name", option), ("value", value)])
            )
        self.own(node, body)

    def k_lightsail_instance(self, node: Node) -> None:
        self.own(
            node,
            [
                ("name", self.named(node)),
                ("availability_zone", Expr('"${data.aws_region.current.name}a"')),
                *_mapped(node, ("blueprint", "bundle")),
                ("tags", {"Name": node.label or node.id}),
            ],
        )

    def k_lightsail_load_balancer(self, node: Node) -> None:
        name = self.names.node(node.id)
        self.resource(
            "aws_lightsail_lb",
            name,
            [
                ("name", self.named(node)),
                *_mapped(node, ("instance_port", "health_check_path")),
                ("tags", {"Name": node.label or node.id}),
            ],
            node,
        )
        for edge in self.design.outgoing(node.id, "routes"):
            target = self.design.node(edge.target)
            if target.kind != "aws.lightsail.instance":
                continue
            self.resource(
                "aws_lightsail_lb_attachment",
                self.names.sub(node.id, "to_" + self.names.node(target.id)),
                [
                    ("lb_name", Expr(f"aws_lightsail_lb.{name}.name")),
                    ("instance_name", self.ref(target.id, "name")),
                ],
                node,
            )

    def k_lightsail_container_service(self, node: Node) -> None:
        self.resource(
            "aws_lightsail_container_service",
            self.names.node(node.id),
            [
                ("name", self.named(node)),
                *_mapped(node, ("power", "scale")),
                ("tags", {"Name": node.label or node.id}),
            ],
            node,
        )

    # orchestration ---------------------------------------------------------------------------
    def k_stepfunctions_state_machine(self, node: Node) -> None:
        config: Any = node.config
        name = self.names.node(node.id)
        definition, substitutions = workflow(self.design, node.id, self.placeholders)
        text = json_dump(definition)
        idents: dict[str, str] = {}
        variables: dict[str, Any] = {}
        for index, item in enumerate(substitutions):
            ident = (
                item.name
                if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", item.name)
                else f"placeholder_{index + 1}"
            )
            idents[item.name] = ident
            if item.node is not None and has_resource(self.design, item.node):
                target = self.design.node(item.node)
                attribute = {
                    "url": "url" if target.kind == "aws.sqs.queue" else "id",
                    "name": "name",
                }.get(item.form, "arn")
                if target.kind in ("aws.dynamodb.table", "aws.s3.bucket") and item.form == "name":
                    attribute = "id"
                variables[ident] = self.ref(item.node, attribute)
            else:
                variables[ident] = self.node_variable(
                    node.id,
                    "sub_" + ident.lower(),
                    f"Value of the placeholder {one_line(item.name)}",
                )
        text = text.replace("%{", "%%{")
        text = PLACEHOLDER_RE.sub(
            lambda m: "${" + idents[m.group(1)] + "}" if m.group(1) in idents else "$" + m.group(0),
            text,
        )
        file_name = f"{safe_filename(node.id)}.asl.json"
        self.definitions[file_name] = text
        extra = []
        if config.logging:
            group = self.names.sub(node.id, "logs")
            self.resource(
                "aws_cloudwatch_log_group",
                group,
                [
                    ("name_prefix", Expr('"/states/${var.prefix}-' + _slug(name) + '-"')),
                    ("retention_in_days", 30),
                ],
                node,
            )
            extra.append(allow(LOG_DELIVERY, ["*"]))
        role = self.principal(node, extra)
        body: list[tuple[str, Any]] = [
            ("name", self.named(node)),
            ("role_arn", Expr(f"aws_iam_role.{role}.arn")),
            *_mapped(node, ("workflow_type",)),
            (
                "definition",
                Expr(f'templatefile("${{path.module}}/{file_name}", ' + _value(variables, 1) + ")"),
            ),
        ]
        if config.logging:
            body.append(
                nested(
                    "logging_configuration",
                    [
                        (
                            "log_destination",
                            Expr(
                                f'"${{aws_cloudwatch_log_group.{self.names.sub(node.id, "logs")}.arn}}:*"'
                            ),
                        ),
                        ("include_execution_data", False),
                        ("level", "ERROR"),
                    ],
                )
            )
        self.own(node, body)

    def k_ecs_cluster(self, node: Node) -> None:
        config: Any = node.config
        name = self.names.node(node.id)
        self.resource(
            "aws_ecs_cluster",
            name,
            [
                ("name", self.named(node)),
                nested(
                    "setting",
                    [
                        ("name", "containerInsights"),
                        ("value", "enabled" if config.container_insights else "disabled"),
                    ],
                ),
            ],
            node,
        )
        if cluster_needs_fargate_spot(self.design, node.id):
            self.resource(
                "aws_ecs_cluster_capacity_providers",
                name,
                [
                    ("cluster_name", Expr(f"aws_ecs_cluster.{name}.name")),
                    ("capacity_providers", ["FARGATE", "FARGATE_SPOT"]),
                ],
                node,
            )

    def k_eks_cluster(self, node: Node) -> None:
        role = self.role(node, EKS_CLUSTER_ROLE)
        self.own(
            node,
            [
                ("name", self.named(node)),
                ("role_arn", Expr(f"aws_iam_role.{role}.arn")),
                *_mapped(node, ("kubernetes_version",)),
                nested("vpc_config", [("subnet_ids", self.subnets(node.id, many=True))]),
            ],
        )

    def k_ec2_placement_group(self, node: Node) -> None:
        config: Any = node.config
        detail = {"partition": ("partition_count",), "spread": ("spread_level",)}
        fields = ("strategy", *detail.get(config.strategy, ()))
        body: list[tuple[str, Any]] = [("name", self.named(node)), *_mapped(node, fields)]
        self.own(node, body)

    # delivery ----------------------------------------------------------------------------------
    def k_cloudfront_distribution(self, node: Node) -> None:
        config: Any = node.config
        plan = distribution_plan(self.design, node)
        body: list[tuple[str, Any]] = [
            ("enabled", True),
            ("comment", one_line(node.label or node.id, 128)),
            *_mapped(node, ("price_class",)),
        ]
        body += [nested("origin", self.origin(node, target, plan)) for target in plan.origins]
        if not plan.origins:
            domain = self.node_variable(
                node.id, "origin_domain", "Origin domain name", "www.example.com"
            )
            origin = [
                ("origin_id", "origin"),
                ("domain_name", domain),
                _custom_origin("https-only"),
            ]
            body.append(nested("origin", origin))
        first = self.names.node(plan.origins[0].id) if plan.origins else "origin"
        default, *behaviours = [self.behaviour(b, first) for b in plan.behaviours]
        body.append(nested("default_cache_behavior", default))
        body += [nested("ordered_cache_behavior", behaviour) for behaviour in behaviours]
        body.append(
            nested("restrictions", [nested("geo_restriction", [("restriction_type", "none")])])
        )
        if config.aliases:
            body += _mapped(node, ("aliases",))
            body.append(
                nested(
                    "viewer_certificate",
                    [
                        (
                            "acm_certificate_arn",
                            self.node_variable(
                                node.id, "certificate_arn", "ACM certificate (us-east-1)"
                            ),
                        ),
                        ("ssl_support_method", "sni-only"),
                        ("minimum_protocol_version", "TLSv1.2_2021"),
                    ],
                )
            )
        else:
            body.append(nested("viewer_certificate", [("cloudfront_default_certificate", True)]))
        self.own(node, body)

    def behaviour(self, plan: CacheBehaviour, first_origin: str) -> list[tuple[str, Any]]:
        origin = self.names.node(plan.origin.id) if plan.origin else first_origin
        pattern = f"/{origin}/*" if plan.by_origin else plan.pattern
        items: list[tuple[str, Any]] = [("path_pattern", pattern)] if pattern else []
        items += [
            ("target_origin_id", origin),
            ("viewer_protocol_policy", "redirect-to-https"),
            ("allowed_methods", list(ALL_METHODS) if plan.dynamic else ["GET", "HEAD", "OPTIONS"]),
            ("cached_methods", ["GET", "HEAD"]),
            (
                "cache_policy_id",
                MANAGED_CACHING_DISABLED if plan.dynamic else MANAGED_CACHING_OPTIMIZED,
            ),
        ]
        if plan.dynamic:
            items.append(("origin_request_policy_id", MANAGED_ALL_VIEWER_EXCEPT_HOST))
        for event, function in plan.functions:
            association = [
                ("event_type", event),
                ("lambda_arn", self.ref(function.id, "qualified_arn")),
            ]
            items.append(nested("lambda_function_association", association))
        return items

    def origin(
        self, distribution: Node, target: Node, plan: DistributionPlan
    ) -> list[tuple[str, Any]]:
        items: list[tuple[str, Any]] = [("origin_id", self.names.node(target.id))]
        if target.kind == "aws.s3.bucket":
            control = self.names.sub(distribution.id, "oac")
            if not any(
                b.labels == ("aws_cloudfront_origin_access_control", control)
                for _, b in self.blocks
            ):
                self.resource(
                    "aws_cloudfront_origin_access_control",
                    control,
                    [
                        ("name", Expr('"${var.prefix}-' + _slug(control) + '"')),
                        ("origin_access_control_origin_type", "s3"),
                        ("signing_behavior", "always"),
                        ("signing_protocol", "sigv4"),
                    ],
                    distribution,
                )
            return items + [
                ("domain_name", self.ref(target.id, "bucket_regional_domain_name")),
                (
                    "origin_access_control_id",
                    Expr(f"aws_cloudfront_origin_access_control.{control}.id"),
                ),
            ]
        domain: Any
        if target.kind == "aws.elb.load_balancer":
            domain = self.ref(target.id, "dns_name")
        elif target.kind == "aws.apigateway.api":
            api = self.ref(target.id, "id").text
            domain = Expr(f'"${{{api}}}.execute-api.${{{_REGION}}}.amazonaws.com"')
        elif target.kind == "aws.app_runner":
            domain = self.ref(target.id, "service_url")
        elif target.kind == "aws.ec2.instance":
            domain = self.ref(target.id, "public_dns")
        else:
            domain = self.node_variable(
                distribution.id,
                "origin_" + self.names.node(target.id) + "_domain",
                f"Domain name of the origin {labelled(target)}",
            )
        items.append(("domain_name", domain))
        if plan.path(target):
            items.append(("origin_path", plan.path(target)))
        return items + [_custom_origin(plan.protocol(target))]

    def web_uri(self, target: Node, path: str) -> Expr:
        """The URL of the load balancer or App Runner service an API proxies to."""
        if target.kind == "aws.elb.load_balancer":
            return Expr(f'"http://${{{self.ref(target.id, "dns_name").text}}}{path}"')
        return Expr(f'"https://${{{self.ref(target.id, "service_url").text}}}{path}"')

    def k_apigateway_api(self, node: Node) -> None:
        plan = api_plan(self.design, node)
        name = self.names.node(node.id)
        self.notes += [f"{labelled(node)}: {text}" for text in plan.notes]
        api = "aws_apigatewayv2_api" if plan.http else "aws_api_gateway_rest_api"
        title = one_line(node.label or node.id, 128)
        if plan.http:
            self.resource(api, name, [("name", title), ("protocol_type", "HTTP")], node)
        else:
            endpoint = [("types", [node.config.endpoint_type.upper()])]  # type: ignore[attr-defined]
            self.resource(
                api, name, [("name", title), nested("endpoint_configuration", endpoint)], node
            )
        statements = self.allowed(plan.role_grants)
        role = self.role(node, principal_role(self.design, node), statements) if statements else ""
        if plan.http:
            self.http_api(node, plan, role)
        else:
            self.rest_api(node, plan, role)

    def api_permission(self, node: Node, target: Node, api: str) -> None:
        """Let any stage and route of the API invoke the target function."""
        source = Expr(f'"${{{api}.{self.names.node(node.id)}.execution_arn}}/*"')
        self.permission(node, target.id, "apigateway.amazonaws.com", source)

    def http_api(self, node: Node, plan: ApiPlan, role: str) -> None:
        name = self.names.node(node.id)
        api_id = ("api_id", Expr(f"aws_apigatewayv2_api.{name}.id"))
        for route in plan.routes:
            target = route.target
            target_name = self.names.node(target.id)
            integration = self.names.sub(node.id, "integration_" + target_name)
            items: list[tuple[str, Any]] = [api_id]
            if route.calls == "function":
                items += [
                    ("integration_type", "AWS_PROXY"),
                    ("integration_uri", self.ref(target.id, "invoke_arn")),
                    ("payload_format_version", "2.0"),
                ]
                self.api_permission(node, target, "aws_apigatewayv2_api")
            elif route.calls == "workflow":
                items += [
                    ("integration_type", "AWS_PROXY"),
                    ("integration_subtype", "StepFunctions-" + route.action),
                    ("credentials_arn", Expr(f"aws_iam_role.{role}.arn")),
                    (
                        "request_parameters",
                        {"StateMachineArn": self.ref(target.id), "Input": "$request.body"},
                    ),
                    ("payload_format_version", "1.0"),
                ]
            else:
                items += [
                    ("integration_type", "HTTP_PROXY"),
                    ("integration_method", "ANY"),
                    ("integration_uri", self.web_uri(target, "")),
                ]
            items.append(("timeout_milliseconds", plan.timeout_ms))
            self.resource("aws_apigatewayv2_integration", integration, items, node)
            self.resource(
                "aws_apigatewayv2_route",
                self.names.sub(node.id, "route_" + target_name),
                [
                    api_id,
                    ("route_key", f"{route.method} /{target_name}"),
                    (
                        "target",
                        Expr(f'"integrations/${{aws_apigatewayv2_integration.{integration}.id}}"'),
                    ),
                ],
                node,
            )
        self.resource(
            "aws_apigatewayv2_stage",
            self.names.sub(node.id, "stage"),
            [api_id, ("name", "$default"), ("auto_deploy", True)],
            node,
        )

    def rest_api(self, node: Node, plan: ApiPlan, role: str) -> None:
        name = self.names.node(node.id)
        api_id = ("rest_api_id", Expr(f"aws_api_gateway_rest_api.{name}.id"))
        methods = []
        for route in plan.routes:
            target = route.target
            target_name = self.names.node(target.id)
            resource = self.names.sub(node.id, "resource_" + target_name)
            self.resource(
                "aws_api_gateway_resource",
                resource,
                [
                    api_id,
                    ("parent_id", Expr(f"aws_api_gateway_rest_api.{name}.root_resource_id")),
                    ("path_part", target_name),
                ],
                node,
            )
            method = self.names.sub(node.id, "method_" + target_name)
            resource_id = ("resource_id", Expr(f"aws_api_gateway_resource.{resource}.id"))
            self.resource(
                "aws_api_gateway_method",
                method,
                [api_id, resource_id, ("http_method", route.method), ("authorization", "NONE")],
                node,
            )
            items: list[tuple[str, Any]] = [
                api_id,
                resource_id,
                ("http_method", Expr(f"aws_api_gateway_method.{method}.http_method")),
            ]
            if route.calls == "function":
                items += [
                    ("type", "AWS_PROXY"),
                    ("integration_http_method", "POST"),
                    ("uri", self.ref(target.id, "invoke_arn")),
                ]
                self.api_permission(node, target, "aws_api_gateway_rest_api")
            elif route.calls == "workflow":
                items += [
                    ("type", "AWS"),
                    ("integration_http_method", "POST"),
                    (
                        "uri",
                        Expr(
                            '"arn:aws:apigateway:${data.aws_region.current.name}:states:action/'
                            + route.action
                            + '"'
                        ),
                    ),
                    ("credentials", Expr(f"aws_iam_role.{role}.arn")),
                    (
                        "request_templates",
                        {
                            "application/json": Expr(
                                "jsonencode({ input = \"$util.escapeJavaScript($input.json('$'))\", stateMachineArn = "
                                + self.ref(target.id).text
                                + " })"
                            )
                        },
                    ),
                ]
            else:
                items += [
                    ("type", "HTTP_PROXY"),
                    ("integration_http_method", "ANY"),
                    ("uri", self.web_uri(target, "/")),
                ]
            items.append(("timeout_milliseconds", plan.timeout_ms))
            integration = self.names.sub(node.id, "integration_" + target_name)
            self.resource("aws_api_gateway_integration", integration, items, node)
            methods.append(f"aws_api_gateway_integration.{integration}")
        if methods:
            deployment = self.names.sub(node.id, "deployment")
            self.resource(
                "aws_api_gateway_deployment",
                deployment,
                [api_id, ("depends_on", [Expr(m) for m in methods])],
                node,
            )
            self.resource(
                "aws_api_gateway_stage",
                self.names.sub(node.id, "stage"),
                [
                    api_id,
                    ("deployment_id", Expr(f"aws_api_gateway_deployment.{deployment}.id")),
                    ("stage_name", "prod"),
                ],
                node,
            )

    def k_elb_load_balancer(self, node: Node) -> None:
        config: Any = node.config
        name = self.names.node(node.id)
        body: list[tuple[str, Any]] = [
            ("name_prefix", "ac-"),
            *_mapped(node, ("type",)),
            ("subnets", self.subnets(node.id, many=True)),
        ]
        if config.type != "gateway":
            body += _mapped(node, ("scheme",))
        if config.type == "application":
            body.append(("security_groups", self.security_groups(node.id)))
        self.own(node, body)
        plan = load_balancer_plan(self.design, node)
        self.notes += [f"{labelled(node)}: {text}" for text in plan.notes]
        groups: dict[str, str] = {}
        for tg in plan.groups:
            target = tg.target
            group = self.names.sub(node.id, "tg_" + self.names.node(target.id))
            items: list[tuple[str, Any]] = [("target_type", tg.target_type)]
            if tg.by_lambda:
                self.permission(node, target.id, "elasticloadbalancing.amazonaws.com", None)
            else:
                items += [
                    ("protocol", plan.protocol),
                    ("port", plan.port),
                    ("vpc_id", self.vpc_id(node.id)),
                ]
            self.resource("aws_lb_target_group", group, items, node)
            if tg.attached:
                self.resource(
                    "aws_lb_target_group_attachment",
                    group + "_attachment",
                    [
                        ("target_group_arn", Expr(f"aws_lb_target_group.{group}.arn")),
                        ("target_id", self.ref(target.id, "arn" if tg.by_lambda else "id")),
                    ],
                    node,
                )
            groups[target.id] = group
        if not plan.listens:
            return
        listener_name = self.names.sub(node.id, "listener")
        listener: list[tuple[str, Any]] = [("load_balancer_arn", Expr(f"aws_lb.{name}.arn"))]
        if config.type != "gateway":
            listener += [("port", plan.port), ("protocol", plan.protocol)]
        if plan.groups:
            first = groups[plan.groups[0].target.id]
            listener.append(nested("default_action", self.forward(first)))
        else:
            listener.append(
                nested(
                    "default_action",
                    [
                        ("type", "fixed-response"),
                        nested(
                            "fixed_response",
                            [("content_type", "text/plain"), ("status_code", "404")],
                        ),
                    ],
                )
            )
        self.resource("aws_lb_listener", listener_name, listener, node)
        for index, tg in enumerate(plan.path_rules, start=1):
            group = groups[tg.target.id]
            self.resource(
                "aws_lb_listener_rule",
                self.names.sub(node.id, f"rule_{index}"),
                [
                    ("listener_arn", Expr(f"aws_lb_listener.{listener_name}.arn")),
                    ("priority", index),
                    nested("action", self.forward(group)),
                    nested(
                        "condition",
                        [
                            nested(
                                "path_pattern",
                                [("values", [f"/{self.names.node(tg.target.id)}/*"])],
                            )
                        ],
                    ),
                ],
                node,
            )

    def forward(self, group: str) -> list[tuple[str, Any]]:
        return [("type", "forward"), ("target_group_arn", Expr(f"aws_lb_target_group.{group}.arn"))]

    # messaging and data ----------------------------------------------------------------------
    def k_eventbridge_pipe(self, node: Node) -> None:
        plan = pipe_plan(self.design, node)
        role = self.role(node, principal_role(self.design, node), self.allowed(plan.grants))
        self.own(
            node,
            [
                ("name", self.named(node)),
                ("role_arn", Expr(f"aws_iam_role.{role}.arn")),
                (
                    "source",
                    self.resource_arn(plan.source_arn)
                    if plan.source_arn
                    else self.node_variable(node.id, "source_arn", "Source ARN"),
                ),
                (
                    "target",
                    self.ref(plan.target.id)
                    if plan.target
                    else self.node_variable(node.id, "target_arn", "Target ARN"),
                ),
                *_mapped(node, plan.fields),
            ],
        )

    def k_resource(self, node: Node) -> None:
        config: Any = node.config
        self.notes.append(
            f"{labelled(node)}: {one_line(config.resource_type)} has no Terraform mapping "
            "in ArchCanvas: not written"
        )

    def triggers(self, node: Node) -> None:
        """What a queue or a table's stream starts: functions through event source mappings
        (which poll with the function's role, so wait for its policy), workflows through
        pipes."""
        for trigger in source_plan(self.design, node.id).triggers:
            source_arn, target = self.resource_arn(trigger.source_arn), trigger.target
            if trigger.by_pipe:
                self.pipe(trigger, source_arn)
                continue
            policy = f"aws_iam_role_policy.{self.names.sub(target.id, 'role')}_policy"
            self.resource(
                "aws_lambda_event_source_mapping",
                self.names.sub(node.id, "to_" + self.names.node(target.id)),
                [
                    ("event_source_arn", source_arn),
                    ("function_name", self.ref(target.id)),
                    *_blocks(trigger.mapping_settings),
                    ("depends_on", [Expr(policy)]),
                ],
                node,
            )

    def pipe(self, trigger: SourceTrigger, source_arn: Expr) -> None:
        source, machine = trigger.source, trigger.target
        name = self.names.sub(source.id, "to_" + self.names.node(machine.id))
        role = self.role(source, PIPE_ROLE, self.allowed(trigger.pipe_grants), of=machine.id)
        target = {"StepFunctionStateMachineParameters": {"InvocationType": "FIRE_AND_FORGET"}}
        self.resource(
            "aws_pipes_pipe",
            name,
            [
                ("name", Expr('"${var.prefix}-' + _slug(name) + '"')),
                ("role_arn", Expr(f"aws_iam_role.{role}.arn")),
                ("source", source_arn),
                ("target", self.ref(machine.id)),
                nested("source_parameters", _blocks(trigger.pipe_parameters)),
                nested("target_parameters", _blocks(target)),
            ],
            source,
        )

    def k_sqs_queue(self, node: Node) -> None:
        config: Any = node.config
        body: list[tuple[str, Any]] = _mapped(node, ("visibility_timeout_s",))
        if config.fifo:
            body += _mapped(node, ("fifo",))
        if config.max_receive_count:
            dead = self.names.sub(node.id, "dlq")
            self.resource(
                "aws_sqs_queue",
                dead,
                [("message_retention_seconds", 1209600), ("fifo_queue", bool(config.fifo))],
                node,
            )
            body.append(
                (
                    "redrive_policy",
                    jsonencode(redrive_policy(node, Expr(f"aws_sqs_queue.{dead}.arn"))),
                )
            )
        self.own(node, body)
        self.triggers(node)

    def k_sns_topic(self, node: Node) -> None:
        config: Any = node.config
        name = self.names.node(node.id)
        body: list[tuple[str, Any]] = []
        if config.fifo:
            body += [
                ("name", Expr('"${var.prefix}-' + _slug(name) + '.fifo"')),
                *_mapped(node, ("fifo",)),
            ]
        self.own(node, body)
        plan = source_plan(self.design, node.id)
        for trigger in plan.triggers:
            target = trigger.target
            self.permission(node, target.id, "sns.amazonaws.com", Expr(f"aws_sns_topic.{name}.arn"))
            self.resource(
                "aws_sns_topic_subscription",
                self.names.sub(node.id, "to_" + self.names.node(target.id)),
                [
                    ("topic_arn", Expr(f"aws_sns_topic.{name}.arn")),
                    ("protocol", "lambda"),
                    ("endpoint", self.ref(target.id)),
                ],
                node,
            )
        self.notes += [f"{labelled(node)}: {text}" for text in plan.notes]

    def k_eventbridge_rule(self, node: Node) -> None:
        config: Any = node.config
        name = self.names.node(node.id)
        body: list[tuple[str, Any]] = [
            ("name_prefix", Expr('"${var.prefix}-' + _slug(name)[:20] + '-"'))
        ]
        pattern = json_object(config.event_pattern)
        if config.schedule:
            body += _mapped(node, ("schedule",))
        elif pattern is not None:
            body.append(("event_pattern", jsonencode(pattern)))
        else:
            body.append(
                (
                    "schedule_expression",
                    self.node_variable(node.id, "schedule", "Schedule expression", "rate(1 day)"),
                )
            )
        self.own(node, body)
        targets = []
        statements = []
        for plan in rule_targets(self.design, node.id):
            target = plan.target
            target_name = self.names.node(target.id)
            items: list[tuple[str, Any]] = [
                ("rule", Expr(f"aws_cloudwatch_event_rule.{name}.name")),
                ("target_id", target_name),
                ("arn", self.ref(target.id)),
            ]
            statements += self.allowed(plan.grants)
            if target.kind == "aws.lambda":
                self.permission(
                    node,
                    target.id,
                    "events.amazonaws.com",
                    Expr(f"aws_cloudwatch_event_rule.{name}.arn"),
                )
            elif target.kind == "aws.ecs.task":
                items[-1] = (
                    "arn",
                    Expr(f"aws_ecs_cluster.{self.names.node(plan.cluster)}.arn")
                    if plan.cluster
                    else self.variable(
                        "ecs_cluster_arn", "string", "ECS cluster for scheduled tasks"
                    ),
                )
                ecs: list[tuple[str, Any]] = [
                    ("task_definition_arn", self.ref(target.id)),
                    ("launch_type", plan.launch_type),
                ]
                if plan.awsvpc:
                    ecs.append(
                        nested(
                            "network_configuration",
                            [
                                ("subnets", self.subnets(target.id)),
                                ("security_groups", self.security_groups(target.id)),
                            ],
                        )
                    )
                items.append(nested("ecs_target", ecs))
            elif target.kind == "aws.batch.job_queue":
                items.append(
                    nested(
                        "batch_target",
                        [
                            ("job_definition", self.job_definition(target.id)),
                            ("job_name", target_name),
                        ],
                    )
                )
            targets.append((plan, items))
        role = (
            self.role(node, principal_role(self.design, node), statements) if statements else None
        )
        for plan, items in targets:
            if role and plan.uses_role:
                items.append(("role_arn", Expr(f"aws_iam_role.{role}.arn")))
            self.resource(
                "aws_cloudwatch_event_target",
                self.names.sub(node.id, "target_" + self.names.node(plan.target.id)),
                items,
                node,
            )

    def job_definition(self, queue_id: str) -> Expr:
        """The job definition submitted to a queue: its definition, or a variable."""
        definition = submitted_definition(self.design, queue_id)
        if definition:
            return self.ref(definition)
        return self.node_variable(queue_id, "job_definition_arn", "Job definition submitted")

    def k_s3_bucket(self, node: Node) -> None:
        config: Any = node.config
        name = self.names.node(node.id)
        self.resource(
            "aws_s3_bucket",
            name,
            [("bucket_prefix", Expr('"${var.prefix}-' + _slug(name)[:20] + '-"'))],
            node,
        )
        self.resource(
            "aws_s3_bucket_public_access_block",
            name + "_public_access",
            [
                ("bucket", Expr(f"aws_s3_bucket.{name}.id")),
                ("block_public_acls", True),
                ("block_public_policy", True),
                ("ignore_public_acls", True),
                ("restrict_public_buckets", True),
            ],
            node,
        )
        if config.versioning:
            self.resource(
                "aws_s3_bucket_versioning",
                name + "_versioning",
                [
                    ("bucket", Expr(f"aws_s3_bucket.{name}.id")),
                    nested("versioning_configuration", [("status", "Enabled")]),
                ],
                node,
            )
        functions: list[tuple[str, Any]] = []
        depends = []
        plan = bucket_notifications(self.design, node.id)
        for target in plan.targets:
            if target.kind == "aws.lambda":
                depends.append(
                    Expr(
                        self.permission(
                            node, target.id, "s3.amazonaws.com", Expr(f"aws_s3_bucket.{name}.arn")
                        )
                    )
                )
                functions.append(
                    nested(
                        "lambda_function",
                        [
                            ("lambda_function_arn", self.ref(target.id)),
                            ("events", [OBJECT_CREATED]),
                        ],
                    )
                )
                continue
            rule = self.names.sub(node.id, "to_" + self.names.node(target.id))
            grant = plan.rule_grant(target)
            role = self.role(node, EVENTS_ROLE, self.allowed([grant]), of=target.id)
            pattern = plan.rule_pattern(Expr(f"aws_s3_bucket.{name}.id"))
            self.resource(
                "aws_cloudwatch_event_rule", rule, [("event_pattern", jsonencode(pattern))], node
            )
            self.resource(
                "aws_cloudwatch_event_target",
                rule + "_target",
                [
                    ("rule", Expr(f"aws_cloudwatch_event_rule.{rule}.name")),
                    ("arn", self.ref(target.id)),
                    ("role_arn", Expr(f"aws_iam_role.{role}.arn")),
                ],
                node,
            )
        if functions or plan.eventbridge:
            body: list[tuple[str, Any]] = [("bucket", Expr(f"aws_s3_bucket.{name}.id"))]
            if plan.eventbridge:
                body.append(("eventbridge", True))
            body += functions
            if depends:
                body.append(("depends_on", depends))
            self.resource("aws_s3_bucket_notification", name + "_notification", body, node)

    def k_dynamodb_table(self, node: Node) -> None:
        config: Any = node.config
        key = config.partition_key or "pk"
        body: list[tuple[str, Any]] = [
            ("name", self.named(node)),
            *_mapped(node, ("billing_mode",)),
            ("hash_key", key),
            nested("attribute", [("name", key), ("type", "S")]),
        ]
        if config.billing_mode == "PROVISIONED":
            body += [("read_capacity", 5), ("write_capacity", 5)]
        if streams_needed(self.design, node.id):
            body += [("stream_enabled", True), ("stream_view_type", "NEW_AND_OLD_IMAGES")]
        self.own(node, body)
        self.triggers(node)

    def k_rds_database(self, node: Node) -> None:
        config: Any = node.config
        name = self.names.node(node.id)
        network: list[tuple[str, Any]] = []
        net = network_of(self.design, node.id)
        if net.subnet or net.vpc:
            group = self.names.sub(node.id, "subnets")
            self.resource(
                "aws_db_subnet_group",
                group,
                [
                    ("name_prefix", Expr('"${var.prefix}-' + _slug(group)[:20] + '-"')),
                    ("subnet_ids", self.subnets(node.id, many=True)),
                ],
                node,
            )
            network = [
                ("db_subnet_group_name", Expr(f"aws_db_subnet_group.{group}.name")),
                ("vpc_security_group_ids", self.security_groups(node.id)),
            ]
        if config.engine in RDS_CLUSTER_ENGINES:
            self.resource(
                "aws_rds_cluster",
                name,
                [
                    *_mapped(node, ("engine",)),
                    ("master_username", "dbadmin"),
                    ("manage_master_user_password", True),
                    ("storage_encrypted", True),
                    *network,
                ],
                node,
            )
            for index in range(2 if config.multi_az else 1):
                self.resource(
                    "aws_rds_cluster_instance",
                    self.names.sub(node.id, f"instance_{index + 1}"),
                    [
                        ("cluster_identifier", Expr(f"aws_rds_cluster.{name}.id")),
                        *_mapped(node, ("engine", "instance_class")),
                    ],
                    node,
                )
            return
        self.resource(
            "aws_db_instance",
            name,
            [
                *_mapped(node, ("engine", "instance_class", "allocated_storage_gb", "multi_az")),
                ("username", "dbadmin"),
                ("manage_master_user_password", True),
                ("storage_encrypted", True),
                ("skip_final_snapshot", False),
                ("final_snapshot_identifier", Expr('"${var.prefix}-' + _slug(name) + '-final"')),
                *network,
            ],
            node,
        )

    def k_ecr_repository(self, node: Node) -> None:
        self.own(
            node,
            [
                ("name", self.named(node)),
                *_mapped(node, ("scan_on_push",)),
            ],
        )

    # ---- output -----------------------------------------------------------------------------
    def main_tf(self) -> str:
        lines = [
            hcl_comment(
                f"Terraform configuration generated by ArchCanvas from the design {json.dumps(self.design.name)}"
            ),
        ]
        lines += [hcl_comment("Note: " + note) for note in self.notes]
        lines += [
            "",
            "terraform {",
            "  required_providers {",
            "    aws = {",
            '      source  = "hashicorp/aws"',
            '      version = ">= 5.40"',
            "    }",
            "  }",
            "}",
            "",
            'provider "aws" {',
            "  region = var.region",
            "}",
            "",
        ]
        if self.edge_provider:
            lines += [
                'provider "aws" {',
                '  alias  = "us_east_1"',
                '  region = "us-east-1"',
                "}",
                "",
            ]
        lines += [
            'data "aws_caller_identity" "current" {}',
            "",
            'data "aws_region" "current" {}',
            "",
        ]
        if "ami_parameter" in self.variables:
            lines += ['data "aws_ssm_parameter" "ami" {', "  name = var.ami_parameter", "}", ""]
        for owner, block in self.blocks:
            lines.append(hcl_comment(owner))
            lines.extend(_block_lines(block, 0))
            lines.append("")
        return "\n".join(lines).rstrip("\n") + "\n"

    def variables_tf(self) -> str:
        self.variable("region", "string", "Region to deploy to", self.design.profile.region)
        self.variable("prefix", "string", "Prefix of resource names", "archcanvas")
        lines = [hcl_comment("Variables: what the design does not say"), ""]
        for name in sorted(self.variables):
            lines.extend(_block_lines(self.variables[name], 0))
            lines.append("")
        return "\n".join(lines).rstrip("\n") + "\n"


def _custom_origin(protocol: str) -> tuple[str, Block]:
    """A custom CloudFront origin reached over that protocol only."""
    return nested(
        "custom_origin_config",
        [
            ("http_port", 80),
            ("https_port", 443),
            ("origin_protocol_policy", protocol),
            ("origin_ssl_protocols", ["TLSv1.2"]),
        ],
    )


def files(design: Design) -> dict[str, str]:
    """main.tf, variables.tf and the state machines' definition templates."""
    builder = _Builder(architecture_only(design))
    builder.build()
    result = {"main.tf": builder.main_tf(), "variables.tf": builder.variables_tf()}
    result.update(builder.definitions)
    return result
