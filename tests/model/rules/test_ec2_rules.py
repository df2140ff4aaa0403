"""EC2 placement group and EFA rules: each fires on a minimal design and not on the nearest
compliant one. Zones come from AZ containers around or inside the placement group."""

from __future__ import annotations

import pytest

from model.design import Design
from model.limits import default_limits
from model.rules import IncrementalValidator
from model.rules.ec2_rules import instance_series
from tests.model.rules.builders_b import (
    add,
    assert_incremental_matches,
    findings,
    only,
    set_config,
)

PG = "aws.ec2.placement_group"
AZ = "aws.availability_zone"
EC2 = "aws.ec2.instance"
SUBNET = "aws.subnet"


def spread_max() -> int:
    value: int = default_limits().value("RULE_EC2_SPREAD_PG_CAPACITY")
    return value


# ---- EC2_SPREAD_PG_CAPACITY ------------------------------------------------------------


def test_spread_group_in_one_zone_over_capacity() -> None:
    design = Design()
    az = add(design, AZ, "zone-a", name="eu-west-1a")
    group = add(design, PG, "spread", parent=az, strategy="spread")
    first = add(design, EC2, "web", parent=group, count=spread_max())
    second = add(design, EC2, "extra", parent=group, count=1)
    finding = only(design, "EC2_SPREAD_PG_CAPACITY")
    assert f"holds {spread_max() + 1} instances" in finding.message
    assert f"allows {spread_max()}" in finding.message and "zone-a" in finding.message
    assert set(finding.elements) == {group, first, second, az}


def test_spread_group_across_zones_counts_per_zone() -> None:
    design = Design()
    group = add(design, PG, "spread", strategy="spread", spread_level="rack")
    zones = [add(design, AZ, f"zone-{c}", parent=group, name=f"eu-west-1{c}") for c in "abc"]
    for zone in zones:
        add(design, EC2, "node", parent=zone, count=spread_max())
    assert findings(design, "EC2_SPREAD_PG_CAPACITY") == []
    add(design, EC2, "one-more", parent=zones[1])
    finding = only(design, "EC2_SPREAD_PG_CAPACITY")
    assert "zone-b" in finding.message and zones[0] not in finding.elements


def test_two_containers_of_the_same_zone_count_together() -> None:
    design = Design()
    group = add(design, PG, "spread", strategy="spread")
    for index in range(2):
        zone = add(design, AZ, f"a-{index}", parent=group, name="eu-west-1a")
        add(design, EC2, "node", parent=zone, count=spread_max() // 2 + 1)
    assert len(findings(design, "EC2_SPREAD_PG_CAPACITY")) == 1


def test_spread_group_without_zone_counts_as_one_zone() -> None:
    design = Design()
    group = add(design, PG, "spread", strategy="spread")
    add(design, EC2, "fleet", parent=group, count=spread_max() + 1)
    assert "no AZ container" in only(design, "EC2_SPREAD_PG_CAPACITY").message


def test_auto_scaling_group_counts_at_its_maximum() -> None:
    design = Design()
    group = add(design, PG, "spread", strategy="spread")
    asg = add(design, "aws.ec2.auto_scaling_group", "asg", parent=group, max_size=spread_max())
    assert findings(design, "EC2_SPREAD_PG_CAPACITY") == []
    set_config(design, asg, max_size=spread_max() + 1)
    assert len(findings(design, "EC2_SPREAD_PG_CAPACITY")) == 1


def test_other_strategies_and_host_spread_are_not_capacity_checked() -> None:
    design = Design()
    for config in ({"strategy": "cluster"}, {"strategy": "partition", "partition_count": 2}):
        group = add(design, PG, "pg", **config)
        add(design, EC2, "fleet", parent=group, count=spread_max() + 1)
    outpost = add(design, "aws.outposts.outpost", "factory")
    group = add(design, PG, "host", parent=outpost, strategy="spread", spread_level="host")
    add(design, EC2, "fleet", parent=group, count=spread_max() + 1)
    assert findings(design, "EC2_SPREAD_PG_CAPACITY") == []


def test_spread_capacity_uses_the_limit_value() -> None:
    design = Design()
    group = add(design, PG, "spread", strategy="spread")
    add(design, EC2, "fleet", parent=group, count=3)
    limits = default_limits().replaced("RULE_EC2_SPREAD_PG_CAPACITY", 2)
    assert len(findings(design, "EC2_SPREAD_PG_CAPACITY", limits)) == 1


def test_zone_rename_updates_incrementally() -> None:
    design = Design()
    az = add(design, AZ, "zone-a")
    group = add(design, PG, "spread", parent=az, strategy="spread")
    add(design, EC2, "fleet", parent=group, count=spread_max() + 1)
    validator = IncrementalValidator(design)
    validator.findings()
    design.rename(az, "renamed-zone")
    assert_incremental_matches(design, validator)


# ---- EC2_PARTITION_PG_COUNT ------------------------------------------------------------


def test_partition_group_with_too_many_partitions() -> None:
    maximum = default_limits().value("RULE_EC2_PARTITION_PG_COUNT")
    design = Design()
    group = add(design, PG, "hdfs", strategy="partition", partition_count=maximum + 1)
    finding = only(design, "EC2_PARTITION_PG_COUNT")
    assert (
        f"{maximum + 1} partitions" in finding.message and f"at most {maximum}" in finding.message
    )
    assert finding.elements == (group,)


def test_partition_group_with_dedicated_instances_has_a_lower_limit() -> None:
    maximum = default_limits().value("EC2_PG_PARTITION_DEDICATED_MAX")
    design = Design()
    group = add(design, PG, "hdfs", strategy="partition", partition_count=maximum + 1)
    node = add(design, EC2, "data", parent=group, purchase_option="dedicated_instance")
    finding = only(design, "EC2_PARTITION_PG_COUNT")
    assert "Dedicated Instances" in finding.message and set(finding.elements) == {group, node}


def test_partition_group_within_limits_passes() -> None:
    design = Design()
    maximum = default_limits().value("RULE_EC2_PARTITION_PG_COUNT")
    add(design, PG, "hdfs", strategy="partition", partition_count=maximum)
    dedicated_max = default_limits().value("EC2_PG_PARTITION_DEDICATED_MAX")
    group = add(design, PG, "ded", strategy="partition", partition_count=dedicated_max)
    add(design, EC2, "data", parent=group, purchase_option="dedicated_instance")
    add(design, PG, "cluster", strategy="cluster", partition_count=maximum + 5)
    assert findings(design, "EC2_PARTITION_PG_COUNT") == []


# ---- EC2_CLUSTER_PG_MULTI_AZ -----------------------------------------------------------


def test_cluster_group_drawn_around_two_zones() -> None:
    design = Design()
    group = add(design, PG, "hpc", strategy="cluster")
    zone_a = add(design, AZ, "zone-a", parent=group, name="eu-west-1a")
    zone_b = add(design, AZ, "zone-b", parent=group, name="eu-west-1b")
    first = add(design, EC2, "n1", parent=zone_a, instance_type="c7i.large")
    second = add(design, EC2, "n2", parent=zone_b, instance_type="c7i.large")
    finding = only(design, "EC2_CLUSTER_PG_MULTI_AZ")
    assert "2 Availability Zones" in finding.message and "zone-a" in finding.message
    assert set(finding.elements) == {group, zone_a, zone_b, first, second}


def test_cluster_group_in_one_zone_passes() -> None:
    design = Design()
    zone = add(design, AZ, "zone-a", name="eu-west-1a")
    group = add(design, PG, "hpc", parent=zone, strategy="cluster")
    add(design, EC2, "n1", parent=group)
    inner = add(design, PG, "hpc2", strategy="cluster")
    for index in range(2):
        same = add(design, AZ, f"a-{index}", parent=inner, name="eu-west-1a")
        add(design, EC2, "n", parent=same)
    add(design, EC2, "unplaced", parent=inner)
    assert findings(design, "EC2_CLUSTER_PG_MULTI_AZ") == []


# ---- EC2_DEDICATED_IN_PG ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("strategy", "config", "expected"),
    [
        ("cluster", {"purchase_option": "dedicated_host"}, "Dedicated Host"),
        ("spread", {"purchase_option": "dedicated_instance"}, "Dedicated Instance"),
        ("partition", {"purchase_option": "spot", "spot_interruption_behavior": "stop"}, "stop"),
        ("cluster", {"purchase_option": "spot", "spot_interruption_behavior": "hibernate"}, "hib"),
    ],
)
def test_capacity_that_cannot_be_in_a_placement_group(
    strategy: str, config: dict[str, str], expected: str
) -> None:
    design = Design()
    group = add(design, PG, "pg", strategy=strategy)
    node = add(design, EC2, "box", parent=group, **config)
    finding = only(design, "EC2_DEDICATED_IN_PG")
    assert expected in finding.message and set(finding.elements) == {group, node}


def test_capacity_allowed_in_placement_groups_passes() -> None:
    design = Design()
    cluster = add(design, PG, "pg", strategy="cluster")
    add(design, EC2, "ded", parent=cluster, purchase_option="dedicated_instance")
    add(design, EC2, "spot", parent=cluster, purchase_option="spot")
    add(design, EC2, "host-outside", purchase_option="dedicated_host")
    assert findings(design, "EC2_DEDICATED_IN_PG") == []


# ---- EC2_CLUSTER_PG_INSTANCE_TYPE ------------------------------------------------------


@pytest.mark.parametrize("instance_type", ["t3.large", "t4g.micro", "mac2.metal"])
def test_cluster_group_with_burstable_or_mac(instance_type: str) -> None:
    design = Design()
    group = add(design, PG, "hpc", strategy="cluster")
    node = add(design, EC2, "box", parent=group, instance_type=instance_type)
    finding = only(design, "EC2_CLUSTER_PG_INSTANCE_TYPE")
    assert finding.severity == "warning" and instance_type in finding.message
    assert set(finding.elements) == {group, node}


def test_cluster_group_mixing_types() -> None:
    design = Design()
    group = add(design, PG, "hpc", strategy="cluster")
    add(design, EC2, "a", parent=group, instance_type="c7i.large")
    add(design, EC2, "b", parent=group, instance_type="c7i.xlarge")
    assert "mixes instance types" in only(design, "EC2_CLUSTER_PG_INSTANCE_TYPE").message


def test_cluster_group_of_one_supported_type_passes() -> None:
    design = Design()
    group = add(design, PG, "hpc", strategy="cluster")
    add(design, EC2, "a", parent=group, instance_type="trn1.32xlarge", count=4)
    add(design, EC2, "b", parent=group, instance_type="trn1.32xlarge")
    spread = add(design, PG, "spread", strategy="spread")
    add(design, EC2, "t", parent=spread, instance_type="t3.micro")
    add(design, EC2, "m", parent=spread, instance_type="m7i.large")
    assert findings(design, "EC2_CLUSTER_PG_INSTANCE_TYPE") == []


def test_instance_series() -> None:
    assert instance_series("t3a.large") == "t"
    assert instance_series("mac2-m2.metal") == "mac"
    assert instance_series("trn1.32xlarge") == "trn"


# ---- EC2_EFA_TOPOLOGY ------------------------------------------------------------------


def test_efa_instances_of_one_group_in_two_subnets() -> None:
    design = Design()
    group = add(design, PG, "hpc", strategy="cluster")
    subnet_a = add(design, SUBNET, "sub-a", parent=group)
    subnet_b = add(design, SUBNET, "sub-b", parent=group)
    first = add(design, EC2, "n1", parent=subnet_a, efa=True, instance_type="c5n.18xlarge")
    second = add(design, EC2, "n2", parent=subnet_b, efa=True, instance_type="c5n.18xlarge")
    finding = only(design, "EC2_EFA_TOPOLOGY")
    assert "2 subnets" in finding.message and "sub-a" in finding.message
    assert set(finding.elements) == {group, subnet_a, subnet_b, first, second}


def test_efa_instance_on_an_outpost() -> None:
    design = Design()
    region = add(design, "aws.region", "eu")
    outpost = add(design, "aws.outposts.outpost", "factory", parent=region)
    node = add(design, EC2, "n1", parent=outpost, efa=True)
    finding = only(design, "EC2_EFA_TOPOLOGY")
    assert "factory" in finding.message and set(finding.elements) == {node, outpost}


def test_efa_instances_in_one_subnet_pass() -> None:
    design = Design()
    group = add(design, PG, "hpc", strategy="cluster")
    subnet = add(design, SUBNET, "sub-a", parent=group)
    add(design, EC2, "n1", parent=subnet, efa=True)
    add(design, EC2, "n2", parent=subnet, efa=True)
    other = add(design, SUBNET, "sub-b", parent=group)
    add(design, EC2, "plain", parent=other)
    outpost = add(design, "aws.outposts.outpost", "factory")
    add(design, EC2, "no-efa", parent=outpost)
    assert findings(design, "EC2_EFA_TOPOLOGY") == []


# ---- EC2_SPREAD_HOST_NEEDS_OUTPOST -----------------------------------------------------


def test_host_level_spread_outside_an_outpost() -> None:
    design = Design()
    group = add(design, PG, "spread", strategy="spread", spread_level="host")
    assert only(design, "EC2_SPREAD_HOST_NEEDS_OUTPOST").elements == (group,)


def test_host_level_spread_on_an_outpost_passes() -> None:
    design = Design()
    outpost = add(design, "aws.outposts.outpost", "factory")
    add(design, PG, "spread", parent=outpost, strategy="spread", spread_level="host")
    add(design, PG, "rack", strategy="spread", spread_level="rack")
    assert findings(design, "EC2_SPREAD_HOST_NEEDS_OUTPOST") == []
