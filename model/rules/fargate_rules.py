"""Fargate as its own topic wherever it is the launch type: ephemeral storage, platform
versions, Fargate Spot interruptions and the account's per-Region vCPU quotas.

Task sizes, network mode, DAEMON services and the platforms Fargate Spot supports are checked
with the rest of ECS (containers_rules); EKS Fargate profiles there too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from model.elements import Node
from model.limits import default_limits
from model.rules.batch_rules import FAMILY
from model.rules.checks import grouped_totals, outside_range
from model.rules.engine import Finding, RuleContext, limit_source, rule

ECS_SERVICE = "aws.ecs.service"
ECS_TASK = "aws.ecs.task"
ECS_WORKLOADS = (ECS_SERVICE, ECS_TASK)
BATCH_ENVIRONMENT = "aws.batch.compute_environment"
_L = default_limits()
_STORAGE = _L.value("ECS_FARGATE_EPHEMERAL")


def on_fargate(node: Node) -> Any | None:
    """The workload's config when its tasks run on Fargate."""
    config: Any = node.config
    return config if getattr(config, "launch_type", None) == "FARGATE" else None


def tasks_of(node: Node) -> int:
    """How many tasks the workload keeps running: a service's desired count, else one."""
    return int(getattr(node.config, "desired_count", 1))


@rule(
    "FARGATE_EPHEMERAL_STORAGE",
    severity="error",
    title="Fargate ephemeral storage outside the allowed range",
    source=limit_source("ECS_FARGATE_EPHEMERAL"),
    hint=f"Give the task {_STORAGE['default_GiB']} GiB (the default) or "
    f"{_STORAGE['configurable_min_GiB']} to {_STORAGE['max_GiB']} GiB; keep larger data on EFS "
    "or S3.",
    kinds=ECS_WORKLOADS,
)
def fargate_ephemeral_storage(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config = on_fargate(node)
    if config is None:
        return
    storage = ctx.limit("ECS_FARGATE_EPHEMERAL")
    bounds = storage["default_GiB"], storage["max_GiB"]
    yield from outside_range(
        ctx, node, config.ephemeral_storage_gib, bounds, "ephemeral storage", "Fargate", "GiB"
    )


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".") if part.isdigit())


@rule(
    "FARGATE_PLATFORM_VERSION",
    severity="error",
    title="Fargate platform version that does not exist or lacks a feature the task uses",
    source=limit_source("FARGATE_PLATFORM_VERSIONS"),
    hint="Use LATEST (or the newest version of the task's operating system family); 8 and 16 "
    "vCPU tasks and more than 20 GiB of ephemeral storage need Linux platform version 1.4.0.",
    kinds=ECS_WORKLOADS,
)
def fargate_platform_version(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config = on_fargate(node)
    if config is None:
        return
    versions: dict[str, Any] = ctx.limit("FARGATE_PLATFORM_VERSIONS")
    family = config.operating_system
    version = config.platform_version
    known = versions[family]
    name = ctx.label(node.id)
    if version not in known:
        yield ctx.finding(
            f"{name} uses Fargate platform version {version}, which {family} tasks do not have "
            f"({', '.join(known)})",
            [node.id],
        )
        return
    if family != "linux" or version == "LATEST":
        return
    needed = versions["linux_features"]
    wants = []
    if config.cpu >= needed["large_tasks_min_cpu"]:
        wants.append((needed["large_tasks"], f"{config.cpu // 1024} vCPU"))
    if config.ephemeral_storage_gib > ctx.limit("ECS_FARGATE_EPHEMERAL", "default_GiB"):
        wants.append(
            (needed["ephemeral_storage"], f"{config.ephemeral_storage_gib} GiB of storage")
        )
    for minimum, what in wants:
        if version_key(version) < version_key(minimum):
            yield ctx.finding(
                f"{name} runs on platform version {version} but its {what} need {minimum} or later",
                [node.id],
            )


@rule(
    "FARGATE_SPOT_INTERRUPTION",
    severity="warning",
    title="Fargate Spot for work that an interruption stops",
    source=limit_source("ECS_FARGATE_SPOT_SUPPORT"),
    hint="Run at least two tasks with some on regular FARGATE capacity (a capacity provider "
    "strategy with a base), and handle SIGTERM: Spot tasks get a two-minute warning.",
    kinds=ECS_WORKLOADS,
)
def fargate_spot_interruption(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config = on_fargate(node)
    if config is None or not config.fargate_spot:
        return
    name = ctx.label(node.id)
    if node.kind == ECS_TASK:
        yield ctx.finding(
            f"{name} is a standalone task on Fargate Spot; an interruption stops it and nothing "
            "starts it again",
            [node.id],
        )
    elif tasks_of(node) < 2:
        yield ctx.finding(
            f"{name} runs {tasks_of(node)} task on Fargate Spot only; one interruption takes "
            "the whole service down until a replacement starts",
            [node.id],
        )


def fargate_vcpus(ctx: RuleContext, node: Node) -> tuple[str, bool, float] | None:
    """A Fargate workload's Region, whether it runs on Spot, and the vCPUs its tasks hold (a
    Batch environment's: the most it scales to, which its jobs hold when the queue is full)."""
    if node.kind == BATCH_ENVIRONMENT:
        environment: Any = node.config
        if FAMILY[environment.type] != "FARGATE":
            return None
        spot = environment.type == "FARGATE_SPOT"
        return (ctx.design.effective_region(node.id), spot, float(environment.max_vcpus))
    config = on_fargate(node)
    if config is None:
        return None
    return (
        ctx.design.effective_region(node.id),
        bool(config.fargate_spot),
        tasks_of(node) * config.cpu / 1024,
    )


@rule(
    "FARGATE_VCPU_QUOTA",
    severity="warning",
    title="Fargate vCPUs in a Region above the account's quota",
    source=limit_source("FARGATE_ON_DEMAND_VCPU_QUOTA"),
    hint="Request a higher Fargate vCPU quota (On-Demand and Spot are separate) and record it "
    "in the profile (fargate_on_demand_vcpu_quota, fargate_spot_vcpu_quota), or run fewer or "
    "smaller tasks (or lower a Batch environment's maximum vCPUs). Deployments briefly run "
    "old and new tasks side by side.",
    kinds=(*ECS_WORKLOADS, BATCH_ENVIRONMENT),
    scope="design",
    collect=fargate_vcpus,
)
def fargate_vcpu_quota(
    ctx: RuleContext, workloads: dict[str, tuple[str, bool, float]]
) -> Iterator[Finding]:
    by_pool = {
        node_id: ((region, spot), vcpus) for node_id, (region, spot, vcpus) in workloads.items()
    }
    for (region, spot), users, total in grouped_totals(by_pool):
        quota = ctx.limit("FARGATE_SPOT_VCPU_QUOTA" if spot else "FARGATE_ON_DEMAND_VCPU_QUOTA")
        if total > quota:
            parts = ", ".join(f"{ctx.label(n)}: {v:g}" for n, v in users)
            kind = "Fargate Spot" if spot else "Fargate On-Demand"
            yield ctx.finding(
                f"{kind} tasks and jobs in {region} can hold {total:g} vCPUs ({parts}); the "
                f"account's quota is {quota:g} vCPUs",
                [n for n, _ in users],
            )
