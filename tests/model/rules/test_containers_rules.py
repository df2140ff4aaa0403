"""ECS and EKS rules: each fires on a minimal design and not on the nearest compliant one."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from model.design import Design
from model.limits import DATA_FILE, default_limits
from model.rules import IncrementalValidator, containers_rules
from tests.model.rules.builders_b import (
    add,
    assert_incremental_matches,
    connect,
    findings,
    only,
    set_config,
)

SERVICE = "aws.ecs.service"
TASK = "aws.ecs.task"
PROFILE = "aws.eks.fargate_profile"
LB = "aws.elb.load_balancer"


def ecs(kind: str = SERVICE, **config: object) -> tuple[Design, str]:
    design = Design()
    return design, add(design, kind, "web", **config)


# ---- ECS_FARGATE_NETWORK_MODE ----------------------------------------------------------


@pytest.mark.parametrize("kind", [SERVICE, TASK])
def test_fargate_without_awsvpc_is_reported(kind: str) -> None:
    design, node = ecs(kind, launch_type="FARGATE", network_mode="bridge")
    finding = only(design, "ECS_FARGATE_NETWORK_MODE")
    assert finding.severity == "error"
    assert finding.elements == (node,)
    assert "bridge" in finding.message and "awsvpc" in finding.message and "web" in finding.message


def test_fargate_with_awsvpc_and_ec2_with_bridge_pass() -> None:
    design, _ = ecs(launch_type="FARGATE", network_mode="awsvpc")
    add(design, SERVICE, "on-ec2", launch_type="EC2", network_mode="bridge")
    assert findings(design, "ECS_FARGATE_NETWORK_MODE") == []


# ---- ECS_FARGATE_CPU_MEMORY ------------------------------------------------------------


@pytest.mark.parametrize(
    ("cpu", "memory", "os", "expected"),
    [
        (256, 4096, "linux", "4,096 MiB is not allowed with 256 CPU units"),
        (300, 1024, "linux", "300 CPU units is not a Fargate size"),
        (1024, 2500, "linux", "2,500 MiB is not allowed"),
        (8192, 18432, "linux", "in 4,096 MiB steps"),
        (512, 1024, "windows", "at least 1,024 CPU units"),
        (8192, 16384, "windows", "Linux only"),
    ],
)
def test_unsupported_fargate_sizes(cpu: int, memory: int, os: str, expected: str) -> None:
    design, node = ecs(launch_type="FARGATE", cpu=cpu, memory_mb=memory, operating_system=os)
    finding = only(design, "ECS_FARGATE_CPU_MEMORY")
    assert expected in finding.message
    assert finding.elements == (node,)


@pytest.mark.parametrize(
    ("cpu", "memory", "os"),
    [
        (256, 512, "linux"),
        (256, 2048, "linux"),
        (4096, 30720, "linux"),
        (8192, 16384, "linux"),
        (16384, 122880, "linux"),
        (1024, 2048, "windows"),
    ],
)
def test_supported_fargate_sizes_pass(cpu: int, memory: int, os: str) -> None:
    design, _ = ecs(launch_type="FARGATE", cpu=cpu, memory_mb=memory, operating_system=os)
    assert findings(design, "ECS_FARGATE_CPU_MEMORY") == []


def test_cpu_memory_is_not_checked_off_fargate() -> None:
    design, _ = ecs(launch_type="EC2", cpu=300, memory_mb=300, network_mode="bridge")
    assert findings(design, "ECS_FARGATE_CPU_MEMORY") == []


def test_fargate_table_comes_from_limits_data() -> None:
    limits = default_limits()
    table = limits.value("ECS_FARGATE_CPU_MEMORY_TABLE")
    narrowed = {**table, "memory_mib_by_cpu": {**table["memory_mib_by_cpu"], "256": [512]}}
    design, _ = ecs(launch_type="FARGATE", cpu=256, memory_mb=1024)
    assert findings(design, "ECS_FARGATE_CPU_MEMORY") == []
    changed = limits.replaced("ECS_FARGATE_CPU_MEMORY_TABLE", narrowed)
    assert len(findings(design, "ECS_FARGATE_CPU_MEMORY", changed)) == 1


# ---- ECS_FARGATE_DAEMON ----------------------------------------------------------------


@pytest.mark.parametrize("launch_type", ["FARGATE", "EXTERNAL"])
def test_daemon_on_fargate_or_external(launch_type: str) -> None:
    design, node = ecs(launch_type=launch_type, scheduling_strategy="DAEMON", network_mode="bridge")
    finding = only(design, "ECS_FARGATE_DAEMON")
    assert "DAEMON" in finding.message and "REPLICA" in finding.message
    assert launch_type in finding.message


def test_daemon_on_ec2_and_replica_on_fargate_pass() -> None:
    design, _ = ecs(launch_type="EC2", scheduling_strategy="DAEMON", network_mode="bridge")
    add(design, SERVICE, "replica", launch_type="FARGATE", scheduling_strategy="REPLICA")
    assert findings(design, "ECS_FARGATE_DAEMON") == []


# ---- ECS_FARGATE_SPOT_PLATFORM ---------------------------------------------------------


@pytest.mark.parametrize(
    ("os", "arch", "platform"),
    [("windows", "X86_64", "ECS Windows"), ("linux", "ARM64", "ECS Linux ARM64")],
)
def test_fargate_spot_on_unsupported_platform(os: str, arch: str, platform: str) -> None:
    design, _ = ecs(
        launch_type="FARGATE",
        cpu=1024,
        memory_mb=2048,
        operating_system=os,
        cpu_architecture=arch,
        fargate_spot=True,
    )
    assert platform in only(design, "ECS_FARGATE_SPOT_PLATFORM").message


def test_fargate_spot_on_linux_x86_passes() -> None:
    design, _ = ecs(launch_type="FARGATE", fargate_spot=True)
    add(design, SERVICE, "arm", launch_type="FARGATE", cpu_architecture="ARM64")
    assert findings(design, "ECS_FARGATE_SPOT_PLATFORM") == []


def test_fargate_spot_with_ec2_launch_type() -> None:
    design, _ = ecs(launch_type="EC2", fargate_spot=True, network_mode="bridge")
    assert "EC2 launch type" in only(design, "ECS_FARGATE_SPOT_PLATFORM").message


# ---- ECS_EXTERNAL_FEATURES -------------------------------------------------------------


def test_external_with_awsvpc_load_balancer_and_discovery() -> None:
    design, node = ecs(launch_type="EXTERNAL", network_mode="awsvpc", service_discovery=True)
    lb = add(design, LB, "alb")
    edge = connect(design, lb, node, "routes")
    found = findings(design, "ECS_EXTERNAL_FEATURES")
    messages = " | ".join(f.message for f in found)
    assert len(found) == 3
    assert "awsvpc" in messages and "service discovery" in messages and "alb" in messages
    lb_finding = next(f for f in found if lb in f.elements)
    assert set(lb_finding.elements) == {node, edge, lb}


def test_external_with_bridge_and_nothing_else_passes() -> None:
    design, node = ecs(launch_type="EXTERNAL", network_mode="bridge")
    other = add(design, SERVICE, "in-aws", launch_type="FARGATE", service_discovery=True)
    connect(design, add(design, LB, "alb"), other, "routes")
    assert node
    assert findings(design, "ECS_EXTERNAL_FEATURES") == []


# ---- ECS_CLOUDMAP_TASKS ----------------------------------------------------------------


def test_service_discovery_above_task_limit() -> None:
    maximum = default_limits().value("RULE_ECS_CLOUDMAP_TASKS")
    design, _ = ecs(service_discovery=True, desired_count=maximum + 1)
    finding = only(design, "ECS_CLOUDMAP_TASKS")
    assert finding.severity == "warning"
    assert f"{maximum + 1:,}" in finding.message and f"{maximum:,}" in finding.message


def test_service_discovery_at_limit_and_many_tasks_without_discovery_pass() -> None:
    maximum = default_limits().value("RULE_ECS_CLOUDMAP_TASKS")
    design, _ = ecs(service_discovery=True, desired_count=maximum)
    add(design, SERVICE, "big", desired_count=maximum + 1)
    assert findings(design, "ECS_CLOUDMAP_TASKS") == []


# ---- EKS_FARGATE_SELECTORS -------------------------------------------------------------


def profile_design(**config: object) -> tuple[Design, str, str]:
    design = Design()
    cluster = add(design, "aws.eks.cluster", "k8s", kubernetes_version=newest_version())
    return design, cluster, add(design, PROFILE, "fp", parent=cluster, **config)


def test_too_many_selectors_and_missing_namespace() -> None:
    maximum = default_limits().value("RULE_EKS_FARGATE_SELECTORS")
    selectors = [{"namespace": f"ns{i}"} for i in range(maximum)] + [{"namespace": ""}]
    design, _, profile = profile_design(selectors=selectors)
    found = findings(design, "EKS_FARGATE_SELECTORS")
    messages = " | ".join(f.message for f in found)
    assert f"{maximum + 1} selectors" in messages
    assert f"Selector {maximum + 1} of “fp” has no namespace" in messages
    assert all(f.elements == (profile,) for f in found)


def test_selectors_at_limit_with_namespaces_pass() -> None:
    maximum = default_limits().value("RULE_EKS_FARGATE_SELECTORS")
    selectors = [{"namespace": f"ns{i}", "labels": {"app": "x"}} for i in range(maximum)]
    design, _, _ = profile_design(selectors=selectors)
    assert findings(design, "EKS_FARGATE_SELECTORS") == []


# ---- EKS_COMPUTE_ON_OUTPOSTS -----------------------------------------------------------


@pytest.mark.parametrize("kind", [PROFILE, "aws.eks.node_group"])
def test_eks_capacity_on_outpost(kind: str) -> None:
    design = Design()
    region = add(design, "aws.region", "eu")
    outpost = add(design, "aws.outposts.outpost", "factory", parent=region)
    cluster = add(design, "aws.eks.cluster", "k8s", parent=outpost)
    node = add(design, kind, "capacity", parent=cluster)
    finding = only(design, "EKS_COMPUTE_ON_OUTPOSTS")
    assert "factory" in finding.message and "capacity" in finding.message
    assert set(finding.elements) == {node, outpost}


def test_eks_capacity_in_region_passes() -> None:
    design = Design()
    region = add(design, "aws.region", "eu")
    cluster = add(design, "aws.eks.cluster", "k8s", parent=region)
    add(design, PROFILE, "fp", parent=cluster)
    add(design, "aws.eks.node_group", "ng", parent=cluster)
    add(design, "aws.outposts.outpost", "factory", parent=region)
    assert findings(design, "EKS_COMPUTE_ON_OUTPOSTS") == []


def test_outpost_rename_updates_incrementally() -> None:
    design = Design()
    outpost = add(design, "aws.outposts.outpost", "factory")
    cluster = add(design, "aws.eks.cluster", "k8s", parent=outpost)
    add(design, PROFILE, "fp", parent=cluster)
    validator = IncrementalValidator(design)
    validator.findings()
    design.rename(outpost, "plant")
    assert_incremental_matches(design, validator)
    assert any("plant" in f.message for f in validator.findings())


# ---- EKS_VERSION_SUPPORT ---------------------------------------------------------------


def calendar() -> dict[str, str]:
    value: dict[str, str] = default_limits().value("EKS_VERSION_CALENDAR")
    return value


def newest_version() -> str:
    return max(calendar(), key=lambda v: tuple(int(p) for p in v.split(".")))


def standard_version() -> tuple[str, dt.date]:
    """A calendar version listed with its end of standard support, and that date."""
    for version, text in calendar().items():
        if text.startswith("std"):
            date = re.search(r"\d{4}-\d{2}-\d{2}", text)
            assert date is not None
            return version, dt.date.fromisoformat(date.group(0))
    raise AssertionError("calendar lists no version in standard support")


def cluster_design(version: str) -> tuple[Design, str]:
    design = Design()
    return design, add(design, "aws.eks.cluster", "k8s", kubernetes_version=version)


def test_version_in_standard_support_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    version, standard_end = standard_version()
    monkeypatch.setattr(containers_rules, "today", lambda: standard_end)
    design, _ = cluster_design(version)
    assert findings(design, "EKS_VERSION_SUPPORT") == []


def test_version_past_standard_support_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    version, standard_end = standard_version()
    monkeypatch.setattr(containers_rules, "today", lambda: standard_end + dt.timedelta(days=1))
    design, node = cluster_design(version)
    finding = only(design, "EKS_VERSION_SUPPORT")
    assert finding.severity == "warning"
    assert standard_end.isoformat() in finding.message and version in finding.message
    assert finding.elements == (node,)


def test_version_past_extended_support_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    version, standard_end = standard_version()
    months = default_limits().value("RULE_EKS_VERSION_SUPPORT", "extended_months")
    far = standard_end + dt.timedelta(days=31 * months + 1)
    monkeypatch.setattr(containers_rules, "today", lambda: far)
    design, _ = cluster_design(version)
    finding = only(design, "EKS_VERSION_SUPPORT")
    assert finding.severity == "error"
    assert "extended support" in finding.message


def test_version_older_than_calendar_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(containers_rules, "today", lambda: dt.date(2000, 1, 1))
    design, _ = cluster_design("1.1")
    assert only(design, "EKS_VERSION_SUPPORT").severity == "error"


def test_version_newer_than_calendar_and_malformed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(containers_rules, "today", lambda: dt.date(2000, 1, 1))
    major, minor = newest_version().split(".")
    design, _ = cluster_design(f"{major}.{int(minor) + 1}")
    assert findings(design, "EKS_VERSION_SUPPORT") == []
    design, _ = cluster_design("latest")
    assert "'latest'" in only(design, "EKS_VERSION_SUPPORT").message


# ---- EKS_FARGATE_PUBLIC_SUBNET ---------------------------------------------------------


def test_fargate_profile_in_public_subnet() -> None:
    design = Design()
    subnet = add(design, "aws.subnet", "dmz", visibility="public")
    cluster = add(design, "aws.eks.cluster", "k8s", parent=subnet)
    profile = add(design, PROFILE, "fp", parent=cluster)
    finding = only(design, "EKS_FARGATE_PUBLIC_SUBNET")
    assert "dmz" in finding.message and set(finding.elements) == {profile, subnet}


def test_fargate_profile_in_private_subnet_passes_and_visibility_change_is_seen() -> None:
    design = Design()
    subnet = add(design, "aws.subnet", "app", visibility="private")
    cluster = add(design, "aws.eks.cluster", "k8s", parent=subnet)
    add(design, PROFILE, "fp", parent=cluster)
    assert findings(design, "EKS_FARGATE_PUBLIC_SUBNET") == []
    validator = IncrementalValidator(design)
    validator.findings()
    set_config(design, subnet, visibility="public")
    assert_incremental_matches(design, validator)
    assert any(f.rule == "EKS_FARGATE_PUBLIC_SUBNET" for f in validator.findings())


# ---- EKS_FARGATE_LB_TARGET_TYPE --------------------------------------------------------


def test_instance_target_type_in_front_of_fargate() -> None:
    design, _, profile = profile_design()
    lb = add(design, LB, "alb", target_type="instance")
    edge = connect(design, lb, profile, "routes")
    finding = only(design, "EKS_FARGATE_LB_TARGET_TYPE")
    assert "instance" in finding.message and "ip" in finding.message
    assert set(finding.elements) == {profile, edge, lb}


def test_ip_target_type_in_front_of_fargate_passes() -> None:
    design, _, profile = profile_design()
    connect(design, add(design, LB, "alb", target_type="ip"), profile, "routes")
    node_group = add(design, "aws.eks.node_group", "ng")
    connect(design, add(design, LB, "nlb", target_type="instance"), node_group, "routes")
    assert findings(design, "EKS_FARGATE_LB_TARGET_TYPE") == []


# ---- limits data -------------------------------------------------------------------------


def test_every_limit_entry_is_complete_and_unique() -> None:
    entries = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    required = {"id", "service", "constraint", "value", "unit", "kind", "source", "status"}
    ids = [entry["id"] for entry in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        assert required <= set(entry), entry["id"]
        assert entry["verified"], entry["id"]
    for table in ("ECS_FARGATE_CPU_MEMORY_TABLE", "EC2_PG_PARTITION_DEDICATED_MAX"):
        assert table in ids


def test_ecs_subnets_must_be_subnets_of_the_workloads_vpc() -> None:
    from helpers import add, design, findings, none

    d = design()
    vpc = add(d, "aws.vpc", "main vpc")
    other = add(d, "aws.vpc", "other vpc")
    mine = add(d, "aws.subnet", "private a", parent=vpc)
    theirs = add(d, "aws.subnet", "private x", parent=other)
    cluster = add(d, "aws.ecs.cluster", "cluster", parent=vpc)
    add(d, "aws.ecs.service", "web", parent=cluster, subnets=[mine])
    none(d, "ECS_SUBNETS_UNKNOWN")
    bad = add(d, "aws.ecs.service", "api", parent=cluster, subnets=[mine, theirs, "ghost"])
    found = findings(d, "ECS_SUBNETS_UNKNOWN")
    assert [f.elements for f in found] == [(bad,), (bad, theirs)]
    assert "'ghost'" in found[0].message and "other vpc" in found[1].message
