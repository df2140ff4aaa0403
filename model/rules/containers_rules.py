"""ECS and EKS rules: Fargate sizing and networking, ECS Anywhere, Fargate profiles, versions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from model.elements import Node
from model.limits import default_limits
from model.rules.dates import today
from model.rules.engine import Finding, RuleContext, limit_source, rule
from model.rules.topology import (
    LOAD_BALANCER,
    OUTPOST,
    SUBNET,
    add_months,
    nearest_ancestor,
    parse_date,
)

ECS_WORKLOADS = ("aws.ecs.service", "aws.ecs.task")
ECS_SERVICE = "aws.ecs.service"
FARGATE_PROFILE = "aws.eks.fargate_profile"
NODE_GROUP = "aws.eks.node_group"
EKS_CLUSTER = "aws.eks.cluster"
_L = default_limits()


def describe_values(values: list[int], unit: str) -> str:
    """'512, 1,024 or 2,048 MiB', or '2,048 to 8,192 MiB in 1,024 MiB steps' for long runs."""
    steps = {b - a for a, b in zip(values, values[1:], strict=False)}
    if len(values) > 3 and len(steps) == 1:
        step = steps.pop()
        return f"{values[0]:,} to {values[-1]:,} {unit} in {step:,} {unit} steps"
    if len(values) == 1:
        return f"{values[0]:,} {unit}"
    return ", ".join(f"{v:,}" for v in values[:-1]) + f" or {values[-1]:,} {unit}"


def fargate_size_problems(
    ctx: RuleContext, cpu_units: float, memory_mib: int, operating_system: str = "linux"
) -> list[str]:
    """Why a Fargate task/job size is not in the supported table (empty when it is)."""
    table: dict[str, list[int]] = ctx.limit("ECS_FARGATE_CPU_MEMORY_TABLE", "memory_mib_by_cpu")
    linux_only: list[int] = ctx.limit("ECS_FARGATE_CPU_MEMORY_TABLE", "linux_only_cpu")
    windows_min: int = ctx.limit("ECS_FARGATE_CPU_MEMORY_TABLE", "windows_min_cpu")
    supported_cpu = sorted(int(c) for c in table)
    cpu = int(cpu_units) if float(cpu_units).is_integer() else cpu_units
    if cpu not in supported_cpu:
        return [
            f"{cpu_units:,g} CPU units is not a Fargate size "
            f"(supported: {describe_values(supported_cpu, 'CPU units')})"
        ]
    problems = []
    allowed = table[str(cpu)]
    if memory_mib not in allowed:
        problems.append(
            f"{memory_mib:,} MiB is not allowed with {cpu:,} CPU units "
            f"(allowed: {describe_values(allowed, 'MiB')})"
        )
    if operating_system == "windows" and cpu < windows_min:
        problems.append(f"Windows tasks on Fargate need at least {windows_min:,} CPU units")
    if operating_system == "windows" and cpu in linux_only:
        problems.append(f"{cpu:,} CPU units is available on Linux only")
    return problems


# ---- ECS -------------------------------------------------------------------------------


@rule(
    "ECS_SUBNETS_UNKNOWN",
    severity="error",
    title="ECS workload names subnets that are not subnets of its VPC",
    source="https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html",
    hint="List the ids of subnet nodes in the workload's VPC (the inspector shows each node's "
    "id); a task's subnets must all belong to one VPC.",
    kinds=ECS_WORKLOADS,
)
def ecs_subnets_unknown(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    subnets: list[str] = getattr(node.config, "subnets", [])
    vpc = ctx.design.ancestor_of_kind(node.id, "aws.vpc")
    for subnet in subnets:
        if not ctx.design.has_node(subnet) or ctx.design.node(subnet).kind != SUBNET:
            yield ctx.finding(
                f"{ctx.label(node.id)} runs in subnet '{subnet}', which is not a subnet of this "
                "design",
                [node.id],
            )
            continue
        home = ctx.design.ancestor_of_kind(subnet, "aws.vpc")
        if vpc is not None and home != vpc:
            yield ctx.finding(
                f"{ctx.label(node.id)} is in {ctx.label(vpc)} but runs in {ctx.label(subnet)}, "
                f"a subnet of {ctx.label(home) if home else 'no VPC'}",
                [node.id, subnet],
            )


@rule(
    "ECS_FARGATE_NETWORK_MODE",
    severity="error",
    title="Fargate task without awsvpc networking",
    source=limit_source("RULE_ECS_FARGATE_NETWORK_MODE"),
    hint=f"Set network_mode to {_L.value('RULE_ECS_FARGATE_NETWORK_MODE')}; every Fargate task "
    "gets its own network interface.",
    kinds=ECS_WORKLOADS,
)
def fargate_network_mode(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    required = ctx.limit("RULE_ECS_FARGATE_NETWORK_MODE")
    if config.launch_type == "FARGATE" and config.network_mode != required:
        yield ctx.finding(
            f"{ctx.label(node.id)} runs on Fargate with network mode {config.network_mode}; "
            f"Fargate requires {required}",
            [node.id],
        )


@rule(
    "ECS_FARGATE_CPU_MEMORY",
    severity="error",
    title="Fargate CPU/memory combination not supported",
    source=limit_source("RULE_ECS_FARGATE_CPU_MEMORY"),
    hint="Pick a CPU/memory pair from the Fargate table; the largest sizes are Linux only.",
    kinds=ECS_WORKLOADS,
)
def fargate_cpu_memory(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    if config.launch_type != "FARGATE":
        return
    problems = fargate_size_problems(ctx, config.cpu, config.memory_mb, config.operating_system)
    if problems:
        yield ctx.finding(
            f"{ctx.label(node.id)} asks Fargate for {config.cpu:,} CPU units and "
            f"{config.memory_mb:,} MiB ({config.operating_system}): " + "; ".join(problems),
            [node.id],
        )


@rule(
    "ECS_FARGATE_DAEMON",
    severity="error",
    title="DAEMON scheduling on Fargate or ECS Anywhere",
    source=limit_source("RULE_ECS_FARGATE_DAEMON"),
    hint=f"Use the {_L.value('RULE_ECS_FARGATE_DAEMON')} scheduling strategy, or run the "
    "service on the EC2 launch type.",
    kinds=(ECS_SERVICE,),
)
def fargate_daemon(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    required = ctx.limit("RULE_ECS_FARGATE_DAEMON")
    if config.launch_type in ("FARGATE", "EXTERNAL") and config.scheduling_strategy != required:
        yield ctx.finding(
            f"{ctx.label(node.id)} uses the {config.scheduling_strategy} scheduling strategy on "
            f"the {config.launch_type} launch type, which supports only {required}",
            [node.id],
        )


def _spot_platform_key(config: Any) -> str:
    if config.operating_system == "windows":
        return "ECS Windows"
    if config.cpu_architecture == "ARM64":
        return "ECS Linux ARM64"
    return "ECS Linux x86_64"


@rule(
    "ECS_FARGATE_SPOT_PLATFORM",
    severity="error",
    title="Fargate Spot for a platform it does not support",
    source=limit_source("RULE_ECS_FARGATE_SPOT_PLATFORM"),
    hint="Fargate Spot runs Linux x86_64 tasks only: switch the platform, or use on-demand "
    "Fargate capacity.",
    kinds=ECS_WORKLOADS,
)
def fargate_spot_platform(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    if not config.fargate_spot:
        return
    if config.launch_type == "EC2":
        yield ctx.finding(
            f"{ctx.label(node.id)} is set to run on FARGATE_SPOT but uses the EC2 launch type",
            [node.id],
        )
        return
    if config.launch_type != "FARGATE":
        return
    platform = _spot_platform_key(config)
    if not ctx.limit("FARGATE_SPOT_MATRIX", platform):
        yield ctx.finding(
            f"{ctx.label(node.id)} runs on FARGATE_SPOT as a {config.operating_system} "
            f"{config.cpu_architecture} task; Fargate Spot does not support {platform}",
            [node.id],
        )


@rule(
    "ECS_EXTERNAL_FEATURES",
    severity="error",
    title="ECS Anywhere workload uses a feature EXTERNAL does not support",
    source=limit_source("RULE_ECS_EXTERNAL_FEATURES"),
    hint="ECS Anywhere supports bridge, host or none networking, no load balancers, no "
    "service discovery and no capacity providers; run these parts in AWS instead.",
    kinds=ECS_WORKLOADS,
)
def external_features(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    if config.launch_type != "EXTERNAL":
        return
    name = ctx.label(node.id)
    if config.network_mode == "awsvpc":
        yield ctx.finding(
            f"{name} runs on EXTERNAL (ECS Anywhere) with network mode awsvpc, which "
            "ECS Anywhere does not support",
            [node.id],
        )
    for edge in ctx.design.incoming(node.id, "routes"):
        if ctx.design.node(edge.source).kind == LOAD_BALANCER:
            yield ctx.finding(
                f"Load balancer {ctx.label(edge.source)} routes to {name}, which runs on "
                "EXTERNAL (ECS Anywhere); ECS Anywhere services cannot use load balancers",
                [node.id, edge.id, edge.source],
            )
    if config.service_discovery:
        yield ctx.finding(
            f"{name} runs on EXTERNAL (ECS Anywhere) with service discovery, which ECS "
            "Anywhere does not support",
            [node.id],
        )
    if config.fargate_spot:
        yield ctx.finding(
            f"{name} runs on EXTERNAL (ECS Anywhere) with a FARGATE_SPOT capacity provider; "
            "ECS Anywhere does not support capacity providers",
            [node.id],
        )


@rule(
    "ECS_CLOUDMAP_TASKS",
    severity="warning",
    title="Too many tasks for a service with service discovery",
    source=limit_source("RULE_ECS_CLOUDMAP_TASKS"),
    hint="Split the service, or drop Cloud Map/Service Connect and register tasks behind a "
    "load balancer.",
    kinds=(ECS_SERVICE,),
)
def cloudmap_tasks(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    maximum = ctx.limit("RULE_ECS_CLOUDMAP_TASKS")
    if config.service_discovery and config.desired_count > maximum:
        yield ctx.finding(
            f"{ctx.label(node.id)} uses service discovery with {config.desired_count:,} "
            f"desired tasks; services using Cloud Map or Service Connect are limited to "
            f"{maximum:,} tasks",
            [node.id],
        )


# ---- EKS -------------------------------------------------------------------------------


@rule(
    "EKS_FARGATE_SELECTORS",
    severity="error",
    title="Fargate profile selectors invalid",
    source=limit_source("RULE_EKS_FARGATE_SELECTORS"),
    hint=f"Give every selector a namespace and keep at most "
    f"{_L.value('RULE_EKS_FARGATE_SELECTORS')} selectors per profile (use more profiles); "
    f"at most {_L.value('EKS_FARGATE_SELECTOR_LABELS')} labels per selector (secondary "
    "source, checked to be safe).",
    kinds=(FARGATE_PROFILE,),
)
def fargate_selectors(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    name = ctx.label(node.id)
    maximum = ctx.limit("RULE_EKS_FARGATE_SELECTORS")
    label_max = ctx.limit("EKS_FARGATE_SELECTOR_LABELS")
    if len(config.selectors) > maximum:
        yield ctx.finding(
            f"{name} has {len(config.selectors)} selectors; a Fargate profile allows at most "
            f"{maximum}",
            [node.id],
        )
    for index, selector in enumerate(config.selectors, start=1):
        if not selector.namespace.strip():
            yield ctx.finding(
                f"Selector {index} of {name} has no namespace; every selector needs one",
                [node.id],
            )
        if len(selector.labels) > label_max:
            yield ctx.finding(
                f"Selector {index} of {name} has {len(selector.labels)} labels; at most "
                f"{label_max} are allowed",
                [node.id],
            )


@rule(
    "EKS_COMPUTE_ON_OUTPOSTS",
    severity="error",
    title="Fargate profile or managed node group on an Outpost",
    source=limit_source("RULE_EKS_COMPUTE_ON_OUTPOSTS"),
    hint="On Outposts use self-managed nodes (EKS local or extended clusters); keep Fargate "
    "profiles and managed node groups in the Region.",
    kinds=(FARGATE_PROFILE, NODE_GROUP, OUTPOST),
    scope="design",
)
def compute_on_outposts(ctx: RuleContext) -> Iterator[Finding]:
    design = ctx.design
    for node in design.nodes_of_kind(FARGATE_PROFILE, NODE_GROUP):
        outpost = nearest_ancestor(design, node.id, (OUTPOST,))
        if outpost is None:
            continue
        what = "Fargate profile" if node.kind == FARGATE_PROFILE else "Managed node group"
        yield ctx.finding(
            f"{what} {ctx.label(node.id)} is on Outpost {ctx.label(outpost)}; EKS does not run "
            f"{'Fargate pods' if node.kind == FARGATE_PROFILE else 'managed node groups'} "
            "on Outposts",
            [node.id, outpost],
        )


def _version_tuple(text: str) -> tuple[int, int] | None:
    parts = text.strip().split(".")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    return int(parts[0]), int(parts[1])


def support_windows(ctx: RuleContext) -> dict[tuple[int, int], tuple[dt.date, dt.date]]:
    """Version -> (end of standard support, end of extended support), from the calendar.

    The calendar gives one date per version; the other follows from the extended-support
    length in months."""
    calendar: dict[str, str] = ctx.limit("EKS_VERSION_CALENDAR")
    extended_months = int(ctx.limit("RULE_EKS_VERSION_SUPPORT", "extended_months"))
    windows: dict[tuple[int, int], tuple[dt.date, dt.date]] = {}
    for version, text in calendar.items():
        key = _version_tuple(version)
        if key is None:
            raise ValueError(f"EKS_VERSION_CALENDAR: bad version {version!r}")
        day = parse_date(text, f"EKS_VERSION_CALENDAR[{version}]")
        if text.strip().startswith("extended"):
            windows[key] = (add_months(day, -extended_months), day)
        else:
            windows[key] = (day, add_months(day, extended_months))
    return windows


@rule(
    "EKS_VERSION_SUPPORT",
    severity="warning",
    title="Kubernetes version past end of support",
    source=limit_source("RULE_EKS_VERSION_SUPPORT"),
    hint="Upgrade the cluster to a version in standard support; extended support costs extra "
    "per cluster-hour and ends with an automatic upgrade. The version calendar is a snapshot "
    "from a secondary source: check the EKS release calendar before relying on the dates.",
    kinds=(EKS_CLUSTER,),
)
def version_support(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    version_text = str(getattr(node.config, "kubernetes_version", ""))
    name = ctx.label(node.id)
    version = _version_tuple(version_text)
    windows = support_windows(ctx)
    if version is None:
        yield ctx.finding(
            f"{name} has Kubernetes version {version_text!r}, which is not a minor version "
            "such as 1.33",
            [node.id],
        )
        return
    day = today()
    if version not in windows:
        oldest = min(windows)
        if version < oldest:
            yield ctx.finding(
                f"{name} runs Kubernetes {version_text}, older than {oldest[0]}.{oldest[1]}, "
                "the oldest version in the EKS support calendar: it is past the end of extended "
                "support and EKS cannot create it",
                [node.id],
                severity="error",
            )
        return
    standard_end, extended_end = windows[version]
    if day > extended_end:
        yield ctx.finding(
            f"{name} runs Kubernetes {version_text}, past the end of extended support on "
            f"{extended_end.isoformat()}; EKS no longer creates clusters at this version and "
            "upgrades existing ones automatically",
            [node.id],
            severity="error",
        )
    elif day > standard_end:
        yield ctx.finding(
            f"{name} runs Kubernetes {version_text}, past the end of standard support on "
            f"{standard_end.isoformat()}; extended support (extra charge) ends on "
            f"{extended_end.isoformat()}",
            [node.id],
        )


@rule(
    "EKS_FARGATE_PUBLIC_SUBNET",
    severity="error",
    title="Fargate profile in a public subnet",
    source=limit_source("RULE_EKS_FARGATE_PUBLIC_SUBNET"),
    hint="Place the cluster's Fargate pods in private subnets (with a NAT gateway for egress).",
    kinds=(FARGATE_PROFILE, SUBNET),
    scope="design",
)
def fargate_public_subnet(ctx: RuleContext) -> Iterator[Finding]:
    design = ctx.design
    for node in design.nodes_of_kind(FARGATE_PROFILE):
        subnet = nearest_ancestor(design, node.id, (SUBNET,))
        if subnet is None:
            continue
        if getattr(design.node(subnet).config, "visibility", "private") == "public":
            yield ctx.finding(
                f"Fargate profile {ctx.label(node.id)} is in public subnet "
                f"{ctx.label(subnet)}; EKS Fargate profiles accept private subnets only",
                [node.id, subnet],
            )


@rule(
    "EKS_FARGATE_LB_TARGET_TYPE",
    severity="error",
    title="Load balancer with instance targets in front of Fargate pods",
    source=limit_source("RULE_EKS_FARGATE_LB_TARGET_TYPE"),
    hint=f"Set the load balancer's target_type to {_L.value('RULE_EKS_FARGATE_LB_TARGET_TYPE')}; "
    "Fargate pods have no EC2 instance to register.",
    kinds=(FARGATE_PROFILE,),
)
def fargate_lb_target_type(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    required = ctx.limit("RULE_EKS_FARGATE_LB_TARGET_TYPE")
    for edge in ctx.design.incoming(node.id, "routes"):
        source = ctx.design.node(edge.source)
        if source.kind != LOAD_BALANCER:
            continue
        target_type = getattr(source.config, "target_type", required)
        if target_type != required:
            yield ctx.finding(
                f"Load balancer {ctx.label(source.id)} routes to Fargate profile "
                f"{ctx.label(node.id)} with target type {target_type}; Fargate pods need "
                f"target type {required}",
                [node.id, edge.id, source.id],
            )
