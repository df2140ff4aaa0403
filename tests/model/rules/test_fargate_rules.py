"""Fargate rules: ephemeral storage, platform versions, Spot interruptions, per-Region vCPU
quotas. Each fires on a minimal design and stops when one value changes."""

from __future__ import annotations

from model.design import Design
from model.limits import default_limits
from model.profile import Profile
from tests.model.rules.builders_b import add, findings, only, set_config

SERVICE = "aws.ecs.service"
TASK = "aws.ecs.task"
LIMITS = default_limits()


def test_ephemeral_storage_range() -> None:
    design = Design()
    service = add(design, SERVICE, "svc", ephemeral_storage_gib=201)
    assert "201 GiB" in only(design, "FARGATE_EPHEMERAL_STORAGE").message
    set_config(design, service, ephemeral_storage_gib=200)
    assert findings(design, "FARGATE_EPHEMERAL_STORAGE") == []
    set_config(design, service, ephemeral_storage_gib=19)
    assert only(design, "FARGATE_EPHEMERAL_STORAGE")
    set_config(design, service, launch_type="EC2")
    assert findings(design, "FARGATE_EPHEMERAL_STORAGE") == []


def test_platform_version_must_exist_for_the_family() -> None:
    design = Design()
    service = add(design, SERVICE, "svc", platform_version="1.0.0")
    assert "linux tasks do not have" in only(design, "FARGATE_PLATFORM_VERSION").message
    set_config(design, service, operating_system="windows", cpu=1024, memory_mb=2048)
    assert findings(design, "FARGATE_PLATFORM_VERSION") == []


def test_large_tasks_and_storage_need_linux_1_4_0() -> None:
    design = Design()
    service = add(design, SERVICE, "svc", platform_version="1.3.0", cpu=8192, memory_mb=16384)
    assert "8 vCPU need 1.4.0" in only(design, "FARGATE_PLATFORM_VERSION").message
    set_config(design, service, cpu=4096, memory_mb=8192)
    assert findings(design, "FARGATE_PLATFORM_VERSION") == []
    set_config(design, service, ephemeral_storage_gib=50)
    assert "50 GiB of storage" in only(design, "FARGATE_PLATFORM_VERSION").message
    set_config(design, service, platform_version="1.4.0")
    assert findings(design, "FARGATE_PLATFORM_VERSION") == []


def test_spot_service_with_one_task_and_standalone_spot_task() -> None:
    design = Design()
    service = add(design, SERVICE, "svc", fargate_spot=True, desired_count=1)
    assert "1 task on Fargate Spot" in only(design, "FARGATE_SPOT_INTERRUPTION").message
    set_config(design, service, desired_count=2)
    assert findings(design, "FARGATE_SPOT_INTERRUPTION") == []
    add(design, TASK, "job", fargate_spot=True)
    assert "standalone task" in only(design, "FARGATE_SPOT_INTERRUPTION").message


def test_vcpu_quota_per_region_with_profile_override() -> None:
    quota = LIMITS.value("FARGATE_ON_DEMAND_VCPU_QUOTA")
    design = Design(profile=Profile(region="eu-west-1"))
    service = add(design, SERVICE, "svc", cpu=1024, memory_mb=2048, desired_count=quota + 1)
    finding = only(design, "FARGATE_VCPU_QUOTA")
    assert f"hold {quota + 1} vCPUs" in finding.message and "eu-west-1" in finding.message
    set_config(design, service, desired_count=quota)
    assert findings(design, "FARGATE_VCPU_QUOTA") == []
    set_config(design, service, desired_count=quota + 1)
    name = LIMITS.get("FARGATE_ON_DEMAND_VCPU_QUOTA").quota
    assert name is not None
    design.set_profile(Profile(region="eu-west-1", quotas={name: quota + 1}))
    assert findings(design, "FARGATE_VCPU_QUOTA") == []


def test_spot_vcpus_count_against_the_spot_quota() -> None:
    quota = LIMITS.value("FARGATE_SPOT_VCPU_QUOTA")
    design = Design()
    add(
        design, SERVICE, "svc", cpu=1024, memory_mb=2048, desired_count=quota + 1, fargate_spot=True
    )
    assert "Fargate Spot tasks" in only(design, "FARGATE_VCPU_QUOTA").message


def test_batch_fargate_environments_count_their_maximum_vcpus_with_the_services() -> None:
    quota = LIMITS.value("FARGATE_ON_DEMAND_VCPU_QUOTA")
    design = Design(profile=Profile(region="eu-west-1"))
    add(design, SERVICE, "svc", cpu=1024, memory_mb=2048, desired_count=quota)
    environment = add(design, "aws.batch.compute_environment", "batch", max_vcpus=1)
    finding = only(design, "FARGATE_VCPU_QUOTA")
    assert f"hold {quota + 1} vCPUs" in finding.message and "batch" in finding.message
    set_config(design, environment, type="EC2", instance_types=["m5.large"])
    assert findings(design, "FARGATE_VCPU_QUOTA") == []
    set_config(design, environment, type="FARGATE_SPOT")
    assert findings(design, "FARGATE_VCPU_QUOTA") == []
