"""EC2 placement group and EFA rules.

Placement-group membership is containment: the instances and Auto Scaling groups inside a
placement group node are in it. Each member's Availability Zone is its nearest AZ container,
which may be around the group (the whole group in one zone) or inside it (a group drawn around
several zones); see model.rules.topology.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from model.design import Design
from model.elements import Node
from model.limits import default_limits
from model.rules.engine import Finding, RuleContext, limit_source, rule
from model.rules.topology import (
    AUTO_SCALING_GROUP,
    AZ,
    INSTANCE,
    OUTPOST,
    PLACEMENT_GROUP,
    SUBNET,
    descendants_of_kinds,
    nearest_ancestor,
    zone_key,
    zone_of,
)

MEMBERS = (INSTANCE, AUTO_SCALING_GROUP)
DEDICATED = frozenset({"dedicated_instance", "dedicated_host"})
_L = default_limits()


def members_by_zone(design: Design, group_id: str) -> dict[str | None, list[str]]:
    """Members of a placement group keyed by zone (None: no AZ container drawn)."""
    zones: dict[str | None, list[str]] = {}
    for member in descendants_of_kinds(design, group_id, MEMBERS):
        zone = zone_of(design, member)
        zones.setdefault(None if zone is None else zone_key(design, zone), []).append(member)
    return zones


def zone_nodes(design: Design, members: list[str]) -> list[str]:
    found: dict[str, None] = {}
    for member in members:
        zone = zone_of(design, member)
        if zone is not None:
            found[zone] = None
    return list(found)


def instance_count(design: Design, member_id: str) -> int:
    """Running instances a member stands for: an instance node's count, an ASG's maximum."""
    config: Any = design.node(member_id).config
    if design.node(member_id).kind == INSTANCE:
        return int(config.count)
    return int(config.max_size)


def strategy(node: Node) -> str:
    return str(getattr(node.config, "strategy", ""))


@rule(
    "EC2_SPREAD_PG_CAPACITY",
    severity="error",
    title="Too many instances per zone in a rack-level spread placement group",
    source=limit_source("RULE_EC2_SPREAD_PG_CAPACITY"),
    hint=f"A rack-level spread group runs at most {_L.value('RULE_EC2_SPREAD_PG_CAPACITY')} "
    "instances per Availability Zone: spread the instances over more zones (draw the group "
    "around several AZ containers) or use a partition group. Auto Scaling groups count at "
    "their maximum size.",
    kinds=(PLACEMENT_GROUP, *MEMBERS, AZ),
    scope="design",
)
def spread_capacity(ctx: RuleContext) -> Iterator[Finding]:
    design = ctx.design
    maximum = ctx.limit("RULE_EC2_SPREAD_PG_CAPACITY")
    for group in design.nodes_of_kind(PLACEMENT_GROUP):
        if strategy(group) != "spread":
            continue
        if getattr(group.config, "spread_level", None) == "host":
            continue
        for zone, members in sorted(
            members_by_zone(design, group.id).items(), key=lambda item: item[0] or ""
        ):
            total = sum(instance_count(design, m) for m in members)
            if total <= maximum:
                continue
            zones = zone_nodes(design, members)
            where = (
                "Availability Zone " + ", ".join(sorted(ctx.label(z) for z in zones))
                if zone is not None
                else "one Availability Zone (no AZ container is drawn)"
            )
            yield ctx.finding(
                f"Spread placement group {ctx.label(group.id)} holds {total} instances in "
                f"{where}; a rack-level spread group allows {maximum} per zone",
                [group.id, *members, *zones],
            )


@rule(
    "EC2_PARTITION_PG_COUNT",
    severity="error",
    title="Too many partitions in a partition placement group",
    source=limit_source("RULE_EC2_PARTITION_PG_COUNT"),
    hint=f"Use at most {_L.value('RULE_EC2_PARTITION_PG_COUNT')} partitions per zone "
    f"({_L.value('EC2_PG_PARTITION_DEDICATED_MAX')} with Dedicated Instances).",
    kinds=(PLACEMENT_GROUP,),
)
def partition_count(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    count = getattr(node.config, "partition_count", None)
    if strategy(node) != "partition" or count is None:
        return
    dedicated = [
        m
        for m in descendants_of_kinds(ctx.design, node.id, (INSTANCE,))
        if getattr(ctx.design.node(m).config, "purchase_option", "") == "dedicated_instance"
    ]
    if dedicated:
        maximum = ctx.limit("EC2_PG_PARTITION_DEDICATED_MAX")
        context = " with Dedicated Instances (" + ", ".join(ctx.label(m) for m in dedicated) + ")"
    else:
        maximum = ctx.limit("RULE_EC2_PARTITION_PG_COUNT")
        context = ""
    if count > maximum:
        yield ctx.finding(
            f"Partition placement group {ctx.label(node.id)} has {count} partitions{context}; "
            f"at most {maximum} are allowed per zone",
            [node.id, *dedicated],
        )


@rule(
    "EC2_CLUSTER_PG_MULTI_AZ",
    severity="error",
    title="Cluster placement group spans Availability Zones",
    source=limit_source("RULE_EC2_CLUSTER_PG_MULTI_AZ"),
    hint="Keep all instances of a cluster placement group in one Availability Zone; use one "
    "group per zone, or a spread or partition group.",
    kinds=(PLACEMENT_GROUP, *MEMBERS, AZ),
    scope="design",
)
def cluster_multi_az(ctx: RuleContext) -> Iterator[Finding]:
    design = ctx.design
    allowed = ctx.limit("RULE_EC2_CLUSTER_PG_MULTI_AZ")
    for group in design.nodes_of_kind(PLACEMENT_GROUP):
        if strategy(group) != "cluster":
            continue
        by_zone = members_by_zone(design, group.id)
        by_zone.pop(None, None)
        if len(by_zone) <= allowed:
            continue
        members = [m for ms in by_zone.values() for m in ms]
        zones = zone_nodes(design, members)
        yield ctx.finding(
            f"Cluster placement group {ctx.label(group.id)} has instances in {len(by_zone)} "
            f"Availability Zones ({', '.join(sorted(ctx.label(z) for z in zones))}); a cluster "
            f"group is limited to {allowed}",
            [group.id, *members, *zones],
        )


@rule(
    "EC2_DEDICATED_IN_PG",
    severity="error",
    title="Dedicated or stop/hibernate Spot capacity in a placement group",
    source=limit_source("RULE_EC2_DEDICATED_IN_PG"),
    hint="Dedicated Hosts cannot use placement groups, Dedicated Instances cannot use spread "
    "groups, and Spot Instances in a placement group must terminate on interruption.",
    kinds=(PLACEMENT_GROUP,),
)
def dedicated_in_group(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    group_name = ctx.label(node.id)
    for member in descendants_of_kinds(ctx.design, node.id, (INSTANCE,)):
        config: Any = ctx.design.node(member).config
        name = ctx.label(member)
        if config.purchase_option == "dedicated_host":
            yield ctx.finding(
                f"{name} runs on a Dedicated Host inside placement group {group_name}; "
                "Dedicated Hosts cannot be launched in placement groups",
                [node.id, member],
            )
        elif config.purchase_option == "dedicated_instance" and strategy(node) == "spread":
            yield ctx.finding(
                f"{name} is a Dedicated Instance in spread placement group {group_name}; "
                "spread groups do not support Dedicated Instances",
                [node.id, member],
            )
        elif config.purchase_option == "spot" and config.spot_interruption_behavior in (
            "stop",
            "hibernate",
        ):
            yield ctx.finding(
                f"{name} is a Spot Instance that will {config.spot_interruption_behavior} on "
                f"interruption, inside placement group {group_name}; such Spot Instances "
                "cannot launch in a placement group",
                [node.id, member],
            )


_SERIES = re.compile(r"[a-z]+")


def instance_series(instance_type: str) -> str:
    """'t' for t3a.large, 'mac' for mac2-m2.metal, 'trn' for trn1.32xlarge."""
    match = _SERIES.match(instance_type.strip().lower())
    return match.group(0) if match else ""


@rule(
    "EC2_CLUSTER_PG_INSTANCE_TYPE",
    severity="warning",
    title="Cluster placement group with unsupported or mixed instance types",
    source=limit_source("RULE_EC2_CLUSTER_PG_INSTANCE_TYPE"),
    hint="Use one current-generation, non-burstable instance type per cluster placement group "
    "(DescribeInstanceTypes shows which types support cluster placement).",
    kinds=(PLACEMENT_GROUP,),
)
def cluster_instance_types(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    if strategy(node) != "cluster":
        return
    excluded = set(ctx.limit("EC2_PG_CLUSTER_EXCLUDED_SERIES"))
    members = descendants_of_kinds(ctx.design, node.id, MEMBERS)
    types: dict[str, list[str]] = {}
    for member in members:
        instance_type = str(getattr(ctx.design.node(member).config, "instance_type", ""))
        types.setdefault(instance_type, []).append(member)
        if instance_series(instance_type) in excluded:
            yield ctx.finding(
                f"{ctx.label(member)} ({instance_type}) is in cluster placement group "
                f"{ctx.label(node.id)}; cluster groups do not support "
                f"{instance_series(instance_type).upper()}-series instances",
                [node.id, member],
            )
    if len(types) > 1:
        yield ctx.finding(
            f"Cluster placement group {ctx.label(node.id)} mixes instance types "
            f"({', '.join(sorted(types))}); launches are less likely to get capacity",
            [node.id, *members],
        )


@rule(
    "EC2_EFA_TOPOLOGY",
    severity="warning",
    title="EFA instances in different subnets or on an Outpost",
    source=limit_source("RULE_EC2_EFA_TOPOLOGY"),
    hint="OS-bypass traffic stays within one subnet: put the EFA instances of a placement "
    "group in one subnet, in the Region (EFA is not supported on Outposts), with a security "
    "group that allows all traffic to and from itself.",
    kinds=(INSTANCE, PLACEMENT_GROUP, SUBNET, OUTPOST),
    scope="design",
)
def efa_topology(ctx: RuleContext) -> Iterator[Finding]:
    design = ctx.design
    by_group: dict[str, dict[str, list[str]]] = {}
    for node in design.nodes_of_kind(INSTANCE):
        if not getattr(node.config, "efa", False):
            continue
        outpost = nearest_ancestor(design, node.id, (OUTPOST,))
        if outpost is not None:
            yield ctx.finding(
                f"{ctx.label(node.id)} has an EFA and is on Outpost {ctx.label(outpost)}; "
                "Outposts do not support EFA",
                [node.id, outpost],
            )
        group = nearest_ancestor(design, node.id, (PLACEMENT_GROUP,))
        subnet = nearest_ancestor(design, node.id, (SUBNET,))
        if group is not None and subnet is not None:
            by_group.setdefault(group, {}).setdefault(subnet, []).append(node.id)
    for group, subnets in by_group.items():
        if len(subnets) <= 1:
            continue
        instances = [i for ids in subnets.values() for i in ids]
        yield ctx.finding(
            f"EFA instances of placement group {ctx.label(group)} are in "
            f"{len(subnets)} subnets ({', '.join(sorted(ctx.label(s) for s in subnets))}); "
            "EFA OS-bypass traffic cannot cross subnets",
            [group, *instances, *subnets],
        )


@rule(
    "EC2_SPREAD_HOST_NEEDS_OUTPOST",
    severity="error",
    title="Host-level spread placement group outside an Outpost",
    source=limit_source("EC2_PG_SPREAD_RACK_MAX"),
    hint="Host-level spread is available only on AWS Outposts; use rack-level spread in the "
    "Region.",
    kinds=(PLACEMENT_GROUP,),
)
def spread_host_level(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    if strategy(node) != "spread" or getattr(node.config, "spread_level", None) != "host":
        return
    if nearest_ancestor(ctx.design, node.id, (OUTPOST,)) is None:
        yield ctx.finding(
            f"Spread placement group {ctx.label(node.id)} uses host-level spread but is not on "
            "an Outpost",
            [node.id],
        )


@rule(
    "EC2_INSTANCE_COUNT",
    severity="error",
    title="Instance count outside what one fleet can launch",
    source=limit_source("EC2_INSTANCE_COUNT_MAX"),
    hint=f"A node stands for 1 to {_L.value('EC2_INSTANCE_COUNT_MAX'):,} identical instances "
    "(the target capacity of one EC2 Fleet); split larger groups into several nodes.",
    kinds=(INSTANCE,),
)
def instance_count_range(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    count = int(getattr(node.config, "count", 1))
    maximum = ctx.limit("EC2_INSTANCE_COUNT_MAX")
    if not 1 <= count <= maximum:
        yield ctx.finding(
            f"{ctx.label(node.id)} stands for {count:,} instances; one node can stand for 1 to "
            f"{maximum:,}",
            [node.id],
        )


# ---- purchase options, burstable performance, enhanced networking, tenancy ---------------


def burstable_baseline(ctx: RuleContext, instance_type: str) -> float | None:
    """Baseline CPU use (percent of each vCPU) of a burstable type, from the data table."""
    table: dict[str, float] = ctx.limit("EC2_BURSTABLE_BASELINE")
    value = table.get(instance_type)
    return None if value is None else float(value)


@rule(
    "EC2_SPOT_NOT_FAULT_TOLERANT",
    severity="warning",
    title="Spot capacity for a workload that an interruption stops",
    source=limit_source("EC2_SPOT_NOTICE"),
    hint="Spot Instances can be reclaimed with a two-minute notice: run several instances in an "
    "Auto Scaling group with capacity rebalancing or a mixed-instances policy, or buy On-Demand "
    "capacity for a single instance.",
    kinds=(INSTANCE, AUTO_SCALING_GROUP),
)
def spot_not_fault_tolerant(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    if config.purchase_option != "spot":
        return
    name = ctx.label(node.id)
    if node.kind == INSTANCE and config.count == 1:
        yield ctx.finding(
            f"{name} is a single Spot Instance; when AWS reclaims it the workload stops until "
            "capacity returns",
            [node.id],
        )
    elif node.kind == AUTO_SCALING_GROUP and not config.capacity_rebalance:
        yield ctx.finding(
            f"Auto Scaling group {name} runs only Spot Instances of one type without capacity "
            "rebalancing; an interruption wave can take several instances at once",
            [node.id],
        )


@rule(
    "EC2_BURSTABLE_SUSTAINED",
    severity="warning",
    title="Burstable instance expected to run above its baseline",
    source=limit_source("EC2_BURSTABLE_BASELINE"),
    hint="Choose a fixed-performance type (M, C) for sustained load, or a larger burstable size "
    "whose baseline covers it; above the baseline a T instance in unlimited mode pays for surplus "
    "credits and in standard mode is throttled to the baseline.",
    kinds=(INSTANCE, AUTO_SCALING_GROUP),
)
def burstable_sustained(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    expected = config.expected_cpu_percent
    if expected is None:
        return
    baseline = burstable_baseline(ctx, config.instance_type)
    if baseline is not None and expected > baseline:
        yield ctx.finding(
            f"{ctx.label(node.id)} is expected to use {expected:g}% CPU, above the "
            f"{baseline:g}% baseline of {config.instance_type}",
            [node.id],
        )


@rule(
    "EC2_EFA_INSTANCE_TYPE",
    severity="warning",
    title="Elastic Fabric Adapter on an instance type that may not support it",
    source=limit_source("EC2_EFA_INSTANCE_TYPES"),
    hint="Attach EFA only to types whose EfaSupported is true (aws ec2 describe-instance-types "
    "--filters Name=network-info.efa-supported,Values=true); usually the largest sizes of HPC, "
    "network-optimized and accelerated families.",
    kinds=(INSTANCE,),
)
def efa_instance_type(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    if not config.efa:
        return
    supported: list[str] = ctx.limit("EC2_EFA_INSTANCE_TYPES")
    if config.instance_type not in supported:
        yield ctx.finding(
            f"{ctx.label(node.id)} has an EFA but {config.instance_type} is not among the "
            "EFA-capable types ArchCanvas knows",
            [node.id],
        )


@rule(
    "EC2_DEDICATED_TENANCY",
    severity="warning",
    title="Instance tenancy that contradicts its VPC's tenancy",
    source=limit_source("EC2_VPC_TENANCY"),
    hint="Instances in a VPC with dedicated tenancy always run on single-tenant hardware: set "
    "their purchase option to dedicated_instance (or dedicated_host) so costs and limits match, "
    "or give the VPC default tenancy.",
    kinds=(INSTANCE,),
)
def dedicated_tenancy(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    vpc = nearest_ancestor(ctx.design, node.id, ("aws.vpc",))
    if vpc is None:
        return
    tenancy = getattr(ctx.design.node(vpc).config, "instance_tenancy", "default")
    if tenancy == "dedicated" and config.purchase_option not in DEDICATED:
        yield ctx.finding(
            f"{ctx.label(node.id)} is bought as {config.purchase_option} but sits in "
            f"{ctx.label(vpc)}, a dedicated-tenancy VPC, so it runs as a Dedicated Instance",
            [node.id, vpc],
        )
