"""Which settings of a kind mean something for its current variant, as data.

The inspector hides a setting that does not apply (runtime of a container-image function,
Fargate platform version of an EC2-launched ECS service) unless it holds a value other than
its default, so nothing set is ever out of sight. Each entry says: kind -> setting -> (the
setting that decides, the values of it under which the setting applies), as the settings'
own descriptions and the AWS pages of the kinds say.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel

_ECS_FARGATE = ("launch_type", frozenset({"FARGATE"}))
_ECS = {
    "platform_version": _ECS_FARGATE,
    "fargate_spot": _ECS_FARGATE,
    "ephemeral_storage_gib": _ECS_FARGATE,
}
_ZIP = ("package_type", frozenset({"zip"}))

APPLIES_WHEN: Mapping[str, Mapping[str, tuple[str, frozenset[object]]]] = {
    "aws.lambda": {"runtime": _ZIP, "layers": _ZIP, "unzipped_size_mb": _ZIP},
    "aws.app_runner": {
        "image_repository": ("source", frozenset({"image"})),
        "runtime": ("source", frozenset({"code"})),
    },
    "aws.batch.compute_environment": {
        "min_vcpus": ("type", frozenset({"EC2", "SPOT"})),
        "instance_types": ("type", frozenset({"EC2", "SPOT"})),
    },
    "aws.batch.job_definition": {
        "gpus": ("platform", frozenset({"EC2"})),
        "multi_node": ("platform", frozenset({"EC2"})),
    },
    "aws.ec2.instance": {
        "spot_interruption_behavior": ("purchase_option", frozenset({"spot"})),
    },
    "aws.ec2.auto_scaling_group": {
        "capacity_rebalance": ("purchase_option", frozenset({"spot", "mixed"})),
    },
    "aws.ecs.service": {**_ECS, "desired_count": ("scheduling_strategy", frozenset({"REPLICA"}))},
    "aws.ecs.task": _ECS,
    "aws.beanstalk.environment": {
        "load_balancer": ("environment_type", frozenset({"load_balanced"})),
    },
    "aws.stepfunctions.state_machine": {
        "invocation": ("workflow_type", frozenset({"EXPRESS"})),
    },
    "aws.subnet": {"nat": ("visibility", frozenset({"private"}))},
    "aws.ec2.placement_group": {
        "partition_count": ("strategy", frozenset({"partition"})),
        "spread_level": ("strategy", frozenset({"spread"})),
    },
}


def field_applies(kind: str, name: str, config: BaseModel) -> bool:
    """Whether setting name of a node of kind means something with config's other values
    (or holds a value other than its default, which is then always shown)."""
    rule = APPLIES_WHEN.get(kind, {}).get(name)
    if rule is None:
        return True
    decider, values = rule
    if getattr(config, decider, None) in values:
        return True
    info = type(config).model_fields.get(name)
    default = info.get_default(call_default_factory=True) if info is not None else None
    return bool(getattr(config, name, default) != default)


def shown_fields(kind: str, config: BaseModel) -> list[str]:
    return [name for name in type(config).model_fields if field_applies(kind, name, config)]
