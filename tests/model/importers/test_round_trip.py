"""Importer and exporters agree through the one kind mapping (model/mapping/kinds.py).

Over every fixture template: import -> export -> import gives the same design, and
export -> import -> export the same template. Over every kind and dialect: a drawn node with
settings away from their defaults exports to a template that imports back to the same
settings, and each field with a Terraform attribute is written to that attribute.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import hcl2
import pytest

from model.config.edges import EdgeConfig
from model.design import Design, new_node
from model.elements import Edge, Point
from model.exporters import cloudformation, terraform
from model.exporters._common import Names
from model.importers import import_template, import_text
from model.mapping import (
    MAPPINGS,
    KindMapping,
    applies,
    dialect_of,
    mapping_for,
    terraform_value,
)
from model.mapping.fields import OMIT
from model.profile import Profile

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "cfn"
TEMPLATES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".yaml", ".json"))


def _semantics(design: Design) -> dict[str, Any]:
    """What a design says, without placement: nodes, connections, kept template parts."""
    return {
        "nodes": {
            n.id: (n.kind, n.label, n.parent, n.config.model_dump(mode="json"))
            for n in design.iter_nodes()
        },
        "edges": sorted(
            (e.source, e.relation, e.target, str(e.config.model_dump(mode="json")))
            for e in design.iter_edges()
        ),
        "origins": {
            n.id: (dict(n.origin.resources), dict(n.origin.config)) if n.origin else None
            for n in design.iter_nodes()
        },
        "imported": design.imported,
    }


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_import_export_import_is_identity_on_the_design(template: Path) -> None:
    first = import_template(template).design
    again = import_text(cloudformation.render(first), template).design
    assert _semantics(again) == _semantics(first)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_export_import_export_is_stable_on_every_template(template: Path) -> None:
    exported = cloudformation.render(import_template(template).design)
    assert cloudformation.render(import_text(exported, template).design) == exported


# ---- drawn designs, one per kind ------------------------------------------------------------
Build = Callable[[Design], None]


def _node(design: Design, kind: str, node_id: str, **config: Any) -> None:
    design.add_node(new_node(design, kind, Point(0, 0), node_id, None, config, node_id=node_id))


def _edge(design: Design, source: str, target: str, relation: str, **config: Any) -> None:
    edge_id = f"{source}-{relation}-{target}"
    design.add_edge(Edge(edge_id, source, target, relation, EdgeConfig(**config)))


def _edge_function(**config: Any) -> Build:
    def build(design: Design) -> None:
        _node(design, "aws.lambda_edge", "node", **config)
        _node(design, "aws.cloudfront.distribution", "cdn")
        _edge(design, "cdn", "node", "triggers", event_type="viewer-request")

    return build


def _pipe_from_queue(**config: Any) -> Build:
    def build(design: Design) -> None:
        _node(design, "aws.eventbridge.pipe", "node", **config)
        _node(design, "aws.sqs.queue", "source")
        _node(design, "aws.sqs.queue", "target")
        _edge(design, "source", "node", "triggers")
        _edge(design, "node", "target", "invokes")

    return build


SAMPLES: dict[str, tuple[str, dict[str, Any] | Build]] = {
    "lambda": (
        "aws.lambda",
        {
            "runtime": "nodejs22.x",
            "architecture": "arm64",
            "memory_mb": 1769,
            "timeout_s": 120,
            "ephemeral_storage_mb": 2048,
            "layers": ["arn:aws:lambda:eu-west-1:123456789012:layer:tools:4"],
            "environment": {"STAGE": "prod", "TABLE": "orders"},
            "reserved_concurrency": 25,
            "provisioned_concurrency": 5,
            "tracing": "Active",
        },
    ),
    "lambda-image": ("aws.lambda", {"package_type": "image", "memory_mb": 3008}),
    "lambda-edge": (
        "aws.lambda_edge",
        _edge_function(runtime="python3.13", memory_mb=256, timeout_s=5),
    ),
    "state-machine": (
        "aws.stepfunctions.state_machine",
        {
            "workflow_type": "EXPRESS",
            "definition": {"StartAt": "Wait", "States": {"Wait": {"Type": "Pass", "End": True}}},
        },
    ),
    "ecs-service": (
        "aws.ecs.service",
        {
            "launch_type": "FARGATE",
            "cpu": 1024,
            "memory_mb": 4096,
            "operating_system": "windows",
            "cpu_architecture": "X86_64",
            "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1",
            "container_port": 8443,
            "desired_count": 6,
            "platform_version": "1.4.0",
            "ephemeral_storage_gib": 60,
        },
    ),
    "ecs-service-fargate-spot": (
        "aws.ecs.service",
        {"launch_type": "FARGATE", "fargate_spot": True, "image": "public.ecr.aws/x/y:3"},
    ),
    "ecs-service-daemon": (
        "aws.ecs.service",
        {
            "launch_type": "EC2",
            "network_mode": "bridge",
            "scheduling_strategy": "DAEMON",
            "cpu_architecture": "ARM64",
            "image": "public.ecr.aws/x/agent:1",
        },
    ),
    "ecs-task": (
        "aws.ecs.task",
        {
            "launch_type": "EC2",
            "cpu": 2048,
            "memory_mb": 8192,
            "network_mode": "host",
            "operating_system": "windows",
            "cpu_architecture": "ARM64",
            "image": "public.ecr.aws/x/y:2",
            "container_port": 9000,
        },
    ),
    "ecs-task-fargate": (
        "aws.ecs.task",
        {"launch_type": "FARGATE", "ephemeral_storage_gib": 40, "image": "public.ecr.aws/x/y:4"},
    ),
    "batch-environment": (
        "aws.batch.compute_environment",
        {"type": "SPOT", "max_vcpus": 512, "min_vcpus": 4, "instance_types": ["c7g.4xlarge"]},
    ),
    "batch-queue": ("aws.batch.job_queue", {"priority": 50}),
    "batch-job": (
        "aws.batch.job_definition",
        {
            "platform": "EC2",
            "vcpus": 4.0,
            "memory_mb": 16384,
            "gpus": 1,
            "timeout_s": 3600,
            "image": "public.ecr.aws/x/render:3",
        },
    ),
    "batch-job-multi-node": (
        "aws.batch.job_definition",
        {
            "multi_node": True,
            "platform": "EC2",
            "vcpus": 16.0,
            "memory_mb": 65536,
            "gpus": 4,
            "image": "public.ecr.aws/x/mpi:1",
        },
    ),
    "app-runner": (
        "aws.app_runner",
        {
            "cpu_vcpu": 2.0,
            "memory_gb": 4.0,
            "max_concurrency": 80,
            "min_size": 2,
            "max_size": 9,
            "image_repository": "ecr_public",
            "egress": "vpc",
        },
    ),
    "app-runner-code": (
        "aws.app_runner",
        {"source": "code", "runtime": "NODEJS_22", "auto_deploy": True},
    ),
    "beanstalk": (
        "aws.beanstalk.environment",
        {
            "platform": "Node.js 22 running on 64bit Amazon Linux 2023",
            "instance_type": "m7g.large",
            "deployment_policy": "immutable",
            "load_balancer": "network",
        },
    ),
    "beanstalk-worker": (
        "aws.beanstalk.environment",
        {"tier": "worker", "environment_type": "single_instance"},
    ),
    "lightsail": ("aws.lightsail.instance", {"bundle": "medium_3_0", "blueprint": "wordpress"}),
    "lightsail-lb": (
        "aws.lightsail.load_balancer",
        {"instance_port": 8080, "health_check_path": "/healthz"},
    ),
    "lightsail-containers": (
        "aws.lightsail.container_service",
        {"power": "large", "scale": 3},
    ),
    "ec2-instance": (
        "aws.ec2.instance",
        {
            "instance_type": "c7gn.2xlarge",
            "ami": "ami-0123456789abcdef0",
            "purchase_option": "spot",
            "spot_interruption_behavior": "stop",
            "efa": True,
        },
    ),
    "ec2-dedicated-host": (
        "aws.ec2.instance",
        {"purchase_option": "dedicated_host", "ami": "ami-0fedcba9876543210"},
    ),
    "auto-scaling-group": (
        "aws.ec2.auto_scaling_group",
        {
            "instance_type": "c7g.large",
            "min_size": 3,
            "max_size": 12,
            "desired_capacity": 5,
            "capacity_rebalance": True,
        },
    ),
    "placement-partition": (
        "aws.ec2.placement_group",
        {"strategy": "partition", "partition_count": 5},
    ),
    "placement-spread": ("aws.ec2.placement_group", {"strategy": "spread", "spread_level": "rack"}),
    "eks-cluster": ("aws.eks.cluster", {"kubernetes_version": "1.33"}),
    "eks-node-group": (
        "aws.eks.node_group",
        {
            "instance_types": ["m7g.xlarge", "m6g.xlarge"],
            "capacity_type": "SPOT",
            "min_size": 2,
            "max_size": 8,
            "desired_size": 4,
        },
    ),
    "eks-fargate-profile": (
        "aws.eks.fargate_profile",
        {"selectors": [{"namespace": "jobs", "labels": {"tier": "batch"}}]},
    ),
    "rest-api": ("aws.apigateway.api", {"api_type": "rest", "endpoint_type": "private"}),
    "http-api": ("aws.apigateway.api", {"api_type": "http"}),
    "sqs-queue": (
        "aws.sqs.queue",
        {"visibility_timeout_s": 300, "fifo": True, "max_receive_count": 4},
    ),
    "sns-topic": ("aws.sns.topic", {"fifo": True}),
    "rule-schedule": ("aws.eventbridge.rule", {"schedule": "cron(0 4 * * ? *)"}),
    "rule-pattern": (
        "aws.eventbridge.rule",
        {"event_pattern": '{"source": ["aws.s3"]}'},
    ),
    "pipe": (
        "aws.eventbridge.pipe",
        _pipe_from_queue(batch_size=7, filter_pattern='{"body": {"kind": ["order"]}}'),
    ),
    "s3-bucket": ("aws.s3.bucket", {"versioning": True}),
    "dynamodb-table": (
        "aws.dynamodb.table",
        {"billing_mode": "PROVISIONED", "partition_key": "orderId"},
    ),
    "rds-instance": (
        "aws.rds.database",
        {
            "engine": "mysql",
            "instance_class": "db.m7g.large",
            "multi_az": True,
            "allocated_storage_gb": 200,
        },
    ),
    "rds-cluster": (
        "aws.rds.database",
        {"engine": "aurora-postgresql", "instance_class": "db.r7g.2xlarge"},
    ),
    "ecr-repository": ("aws.ecr.repository", {"scan_on_push": False}),
    "load-balancer": (
        "aws.elb.load_balancer",
        {"type": "network", "scheme": "internal"},
    ),
    "cloudfront": (
        "aws.cloudfront.distribution",
        {"price_class": "PriceClass_200", "aliases": ["cdn.example.com"]},
    ),
    "ecs-cluster": ("aws.ecs.cluster", {"container_insights": True}),
}

NOT_DRAWN_AS_RESOURCES = {"aws.vpc", "aws.subnet"}
"""Network kinds export as stack parameters (an existing network), not as resources."""

NO_ROUND_TRIP = {
    ("aws.ecs.service", "subnets"): "subnet nodes export as parameters, not resources",
    ("aws.elb.load_balancer", "target_type"): "set by the targets connected, not by a field",
    ("aws.lambda_edge", "environment"): "Lambda@Edge has no environment variables",
    ("aws.lambda_edge", "reserved_concurrency"): "Lambda@Edge has no reserved concurrency",
    ("aws.lambda_edge", "provisioned_concurrency"): "Lambda@Edge has no provisioned concurrency",
    ("aws.lambda_edge", "layers"): "Lambda@Edge has no layers",
    ("aws.lambda_edge", "architecture"): "Lambda@Edge runs on x86_64 only",
    ("aws.lambda_edge", "ephemeral_storage_mb"): "Lambda@Edge has 512 MB of /tmp",
    ("aws.lambda_edge", "package_type"): "Lambda@Edge takes zip packages only",
    ("aws.lambda_edge", "tracing"): "Lambda@Edge has no X-Ray tracing",
    ("aws.stepfunctions.state_machine", "definition_substitutions"): (
        "generated substitutions come from the definition's resources, not from this field"
    ),
}


def _drawn(sample: str) -> tuple[Design, str, KindMapping]:
    kind, spec = SAMPLES[sample]
    design = Design("round trip", "", Profile(region="eu-west-1"))
    if callable(spec):
        spec(design)
    else:
        _node(design, kind, "node", **spec)
    node = design.node("node")
    mapping = mapping_for(kind, None)
    if kind == "aws.apigateway.api":
        api_type = getattr(node.config, "api_type", "rest")
        mapping = next(
            m for m in MAPPINGS if m.kind == kind and m.constants["api_type"] == api_type
        )
    if kind == "aws.rds.database" and str(getattr(node.config, "engine", "")).startswith("aurora"):
        mapping = mapping_for(kind, "AWS::RDS::DBCluster")
    assert mapping is not None
    return design, kind, mapping


def _checked_fields(mapping: KindMapping, dialect: str) -> list[str]:
    names = []
    for field in mapping.fields:
        exempt = (mapping.kind, field.name) in NO_ROUND_TRIP
        if field.writable and applies(field, dialect) and field.name not in names and not exempt:
            names.append(field.name)
    return names


@pytest.mark.parametrize("sam", [False, True], ids=["cfn", "sam"])
@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_every_mapped_field_survives_export_and_import(sample: str, sam: bool) -> None:
    design, kind, mapping = _drawn(sample)
    node = design.node("node")
    exported = cloudformation.render(design, sam=sam)
    imported = import_text(exported, "drawn.yaml").design
    found = [n for n in imported.iter_nodes() if n.label == "Node"]
    assert len(found) == 1, [(n.kind, n.label) for n in imported.iter_nodes()]
    resource_type = next(iter(found[0].origin.resources.values()))["Type"]  # type: ignore[union-attr]
    assert found[0].kind == kind
    dialect = dialect_of(mapping, resource_type)
    original = node.config.model_dump(mode="json")
    back = found[0].config.model_dump(mode="json")
    names = _checked_fields(mapping, dialect)
    assert {n: back[n] for n in names} == {n: original[n] for n in names}
    again = cloudformation.render(imported, sam=sam)
    assert cloudformation.render(import_text(again, "again.yaml").design, sam=sam) == again


def test_the_samples_move_every_mapped_field_off_its_default() -> None:
    """So that the round trip above can fail: each field is exercised with a value that is
    not what an untouched node already has."""
    moved: dict[str, set[str]] = {}
    for sample in SAMPLES:
        design, kind, _ = _drawn(sample)
        config = design.node("node").config
        defaults = type(config)().model_dump(mode="json")
        for name, value in config.model_dump(mode="json").items():
            if value != defaults[name]:
                moved.setdefault(kind, set()).add(name)
    missing = []
    for mapping in MAPPINGS:
        if mapping.kind in NOT_DRAWN_AS_RESOURCES:
            continue
        for dialect in ("cfn", "sam"):
            for name in _checked_fields(mapping, dialect):
                if name not in moved.get(mapping.kind, set()) and name not in mapping.constants:
                    missing.append(f"{mapping.kind}.{name}")
    assert sorted(set(missing)) == []


def _terraform_resource(design: Design, type_: str, suffix: str = "") -> dict[str, Any]:
    """The body of the node's resource of that type in the Terraform export (its own, or
    the one named with suffix)."""
    parsed = hcl2.loads(str(terraform.files(design)["main.tf"]))
    names = Names(design, style="snake")
    name = names.sub("node", suffix) if suffix else names.node("node")
    for block in parsed.get("resource", []):
        for found_type, named in block.items():
            for found_name, body in named.items():
                if found_type.strip('"') == type_ and found_name.strip('"') == name:
                    return dict(body)
    raise AssertionError(f"no {type_} {name} in the Terraform export")


def _hcl_value(body: Any, path: str) -> Any:
    for step in path.split("."):
        if isinstance(body, list):
            body = body[0]
        body = body[step]
    return body


def _hcl_plain(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("${jsonencode("):
        return _hcl_plain(hcl2.loads("x = " + value[len("${jsonencode(") : -2])["x"])
    if isinstance(value, str) and len(value) > 1 and value[0] == value[-1] == '"':
        return json.loads(value)
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return [_hcl_plain(v) for v in value]
    if isinstance(value, dict):
        return {k.strip('"'): _hcl_plain(v) for k, v in value.items() if k != "__is_block__"}
    return value


TERRAFORM_PARTS = {
    ("aws.ecs.service", "task_definition"): ("aws_ecs_task_definition", "task"),
    ("aws.app_runner", "auto_scaling"): (
        "aws_apprunner_auto_scaling_configuration_version",
        "scaling",
    ),
}
"""Where the Terraform export writes a part's settings: resource type and name suffix."""

TERRAFORM_LEFT_OUT = {
    ("ecs-service-daemon", "desired_count"): "a daemon service runs one task per instance",
    ("ecs-service-daemon", "platform_version"): "platform versions are Fargate's",
    ("ecs-service-daemon", "ephemeral_storage_gib"): "EC2 tasks have the instance's storage",
    ("ecs-task", "ephemeral_storage_gib"): "EC2 tasks have the instance's storage",
    ("ecs-service-fargate-spot", "launch_type"): "a capacity provider replaces the launch type",
    ("ecs-service-fargate-spot", "platform_version"): "LATEST is the default",
    ("ecs-service-fargate-spot", "ephemeral_storage_gib"): "20 GiB is the default",
    ("ecs-task-fargate", "platform_version"): "LATEST is the default",
    ("ec2-dedicated-host", "purchase_option"): "a tenancy, not a market option",
    ("ec2-dedicated-host", "spot_interruption_behavior"): "only Spot Instances are interrupted",
    ("lambda", "package_type"): "Zip is the provider's default",
    ("lambda-image", "runtime"): "image functions have no runtime",
    ("rule-pattern", "schedule"): "a rule has a schedule or a pattern",
}


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_every_terraform_attribute_of_the_mapping_holds_the_setting(sample: str) -> None:
    design, kind, mapping = _drawn(sample)
    node = design.node("node")
    own = _terraform_resource(design, mapping.terraform_type or "")
    checked = 0
    for field in mapping.fields:
        if field.terraform is None or (mapping.kind, field.name) in NO_ROUND_TRIP:
            continue
        body = own
        if field.part:
            body = _terraform_resource(design, *TERRAFORM_PARTS[(mapping.kind, field.part)])
        if (sample, field.name) in TERRAFORM_LEFT_OUT:
            continue
        value = terraform_value(field, getattr(node.config, field.name))
        if value is OMIT or value is None:
            continue
        assert _hcl_plain(_hcl_value(body, field.terraform)) == _hcl_plain(value), field.name
        checked += 1
    assert checked or not any(f.terraform for f in mapping.fields)
