"""App Runner, Elastic Beanstalk, Lightsail and Outposts rules: each fires on a minimal design
and not on the nearest compliant one."""

from __future__ import annotations

import datetime as dt

import pytest

from model.design import Design
from model.limits import default_limits
from model.profile import Profile
from model.rules import IncrementalValidator, platforms_rules
from tests.model.rules.builders_b import (
    add,
    assert_incremental_matches,
    connect,
    findings,
    only,
)

APP_RUNNER = "aws.app_runner"
EB = "aws.beanstalk.environment"
LIGHTSAIL = "aws.lightsail.instance"
LB = "aws.elb.load_balancer"


def limit(limit_id: str, key: str | None = None) -> int:
    value: int = default_limits().value(limit_id, key)
    return value


# ---- APPRUNNER_CPU_MEMORY --------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"cpu_vcpu": 3.0}, "3 vCPU; App Runner supports"),
        ({"cpu_vcpu": 0.5, "memory_gb": 2.0}, "allows 1 GB with 0.5 vCPU"),
        ({"cpu_vcpu": 4.0, "memory_gb": 4.0}, "allows 8, 10 or 12 GB"),
        ({"max_concurrency": limit("APPRUNNER_MAX_CONCURRENCY", "max") + 1}, "max_concurrency"),
        ({"max_concurrency": limit("APPRUNNER_MAX_CONCURRENCY", "min") - 1}, "max_concurrency"),
        ({"min_size": limit("APPRUNNER_MIN_SIZE", "max") + 1, "max_size": 30}, "min_size"),
        ({"min_size": 3, "max_size": 2}, "above max_size"),
    ],
)
def test_apprunner_unsupported_settings(config: dict[str, object], expected: str) -> None:
    design = Design()
    node = add(design, APP_RUNNER, "api", **config)
    found = findings(design, "APPRUNNER_CPU_MEMORY")
    assert any(expected in f.message for f in found), [f.message for f in found]
    assert all(f.elements == (node,) for f in found)


def test_apprunner_supported_sizes_pass() -> None:
    design = Design()
    add(design, APP_RUNNER, "default")
    add(design, APP_RUNNER, "small", cpu_vcpu=0.25, memory_gb=0.5, max_concurrency=1)
    add(design, APP_RUNNER, "big", cpu_vcpu=4.0, memory_gb=12.0, min_size=25, max_size=25)
    assert findings(design, "APPRUNNER_CPU_MEMORY") == []


def test_apprunner_max_size_above_quota_is_a_warning_unless_the_profile_raises_it() -> None:
    quota = limit("APPRUNNER_MAX_SIZE", "default")
    design = Design()
    add(design, APP_RUNNER, "api", max_size=quota + 5)
    finding = only(design, "APPRUNNER_MAX_SIZE_QUOTA")
    assert finding.severity == "warning" and f"quota of {quota}" in finding.message
    assert findings(design, "APPRUNNER_CPU_MEMORY") == []
    quota_name = default_limits().get("APPRUNNER_MAX_SIZE").quota
    assert quota_name is not None
    design.set_profile(Profile(quotas={quota_name: quota + 5}))
    assert findings(design, "APPRUNNER_MAX_SIZE_QUOTA") == []


# ---- APPRUNNER_NEW_CUSTOMER ------------------------------------------------------------


def closing_date() -> dt.date:
    return dt.date.fromisoformat(str(default_limits().value("RULE_APPRUNNER_NEW_CUSTOMER")))


def test_apprunner_for_a_new_customer_after_closing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platforms_rules, "today", lambda: closing_date())
    design = Design()
    node = add(design, APP_RUNNER, "api")
    finding = only(design, "APPRUNNER_NEW_CUSTOMER")
    assert finding.severity == "warning" and finding.elements == (node,)
    assert f"closed to new customers since {closing_date().isoformat()}" in finding.message


def test_apprunner_before_closing_still_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platforms_rules, "today", lambda: closing_date() - dt.timedelta(days=1))
    design = Design()
    add(design, APP_RUNNER, "api")
    assert "closes to new customers on" in only(design, "APPRUNNER_NEW_CUSTOMER").message


def test_apprunner_existing_customer_passes() -> None:
    design = Design()
    add(design, APP_RUNNER, "api", existing_customer=True)
    assert findings(design, "APPRUNNER_NEW_CUSTOMER") == []


# ---- EB_POLICY_SINGLE_INSTANCE / EB_TRAFFIC_SPLITTING_ALB ------------------------------


@pytest.mark.parametrize(
    "policy", ["rolling", "rolling_with_additional_batch", "traffic_splitting"]
)
def test_single_instance_with_a_load_balanced_policy(policy: str) -> None:
    design = Design()
    node = add(design, EB, "site", environment_type="single_instance", deployment_policy=policy)
    finding = only(design, "EB_POLICY_SINGLE_INSTANCE")
    assert policy in finding.message and finding.elements == (node,)


@pytest.mark.parametrize("policy", ["all_at_once", "immutable"])
def test_single_instance_with_a_supported_policy_passes(policy: str) -> None:
    design = Design()
    add(design, EB, "site", environment_type="single_instance", deployment_policy=policy)
    add(design, EB, "lb", environment_type="load_balanced", deployment_policy="rolling")
    assert findings(design, "EB_POLICY_SINGLE_INSTANCE") == []


def test_traffic_splitting_with_a_network_load_balancer() -> None:
    design = Design()
    add(design, EB, "site", deployment_policy="traffic_splitting", load_balancer="network")
    assert "network load balancer" in only(design, "EB_TRAFFIC_SPLITTING_ALB").message


def test_traffic_splitting_behind_a_drawn_network_load_balancer() -> None:
    design = Design()
    node = add(design, EB, "site", deployment_policy="traffic_splitting")
    lb = add(design, LB, "nlb", type="network")
    edge = connect(design, lb, node, "routes")
    finding = only(design, "EB_TRAFFIC_SPLITTING_ALB")
    assert "nlb" in finding.message and set(finding.elements) == {node, edge, lb}


def test_traffic_splitting_with_an_alb_passes() -> None:
    design = Design()
    node = add(design, EB, "site", deployment_policy="traffic_splitting")
    connect(design, add(design, LB, "alb", type="application"), node, "routes")
    add(design, EB, "rolling", deployment_policy="rolling", load_balancer="classic")
    assert findings(design, "EB_TRAFFIC_SPLITTING_ALB") == []


# ---- EB_WORKER_NEEDS_QUEUE -------------------------------------------------------------


def test_worker_without_a_queue() -> None:
    design = Design()
    node = add(design, EB, "jobs", tier="worker")
    finding = only(design, "EB_WORKER_NEEDS_QUEUE")
    assert "jobs" in finding.message and finding.elements == (node,)


def test_queue_triggering_a_web_environment() -> None:
    design = Design()
    node = add(design, EB, "site", tier="web")
    queue = add(design, "aws.sqs.queue", "tasks")
    edge = connect(design, queue, node, "triggers")
    assert set(only(design, "EB_WORKER_NEEDS_QUEUE").elements) == {node, edge, queue}


def test_worker_with_a_queue_passes() -> None:
    design = Design()
    node = add(design, EB, "jobs", tier="worker")
    connect(design, add(design, "aws.sqs.queue", "tasks"), node, "triggers")
    add(design, EB, "site", tier="web")
    assert findings(design, "EB_WORKER_NEEDS_QUEUE") == []


# ---- LIGHTSAIL_AUTOSCALING -------------------------------------------------------------


def test_lightsail_on_auto_scaling_and_elb() -> None:
    design = Design()
    node = add(design, LIGHTSAIL, "blog")
    asg = add(design, "aws.ec2.auto_scaling_group", "asg")
    lb = add(design, LB, "alb")
    runs_on = connect(design, node, asg, "runs_on")
    routes = connect(design, lb, node, "routes")
    found = findings(design, "LIGHTSAIL_AUTOSCALING")
    assert {frozenset(f.elements) for f in found} == {
        frozenset({node, runs_on, asg}),
        frozenset({node, routes, lb}),
    }


def test_lightsail_placed_in_a_vpc() -> None:
    design = Design()
    vpc = add(design, "aws.vpc", "main")
    node = add(design, LIGHTSAIL, "blog", parent=vpc)
    finding = only(design, "LIGHTSAIL_AUTOSCALING")
    assert "main" in finding.message and set(finding.elements) == {node, vpc}


def test_lightsail_on_its_own_passes_and_vpc_rename_is_seen() -> None:
    design = Design()
    region = add(design, "aws.region", "eu")
    node = add(design, LIGHTSAIL, "blog", parent=region)
    connect(design, node, add(design, "aws.s3.bucket", "media"), "uses")
    assert findings(design, "LIGHTSAIL_AUTOSCALING") == []
    vpc = add(design, "aws.vpc", "main")
    inside = add(design, LIGHTSAIL, "shop", parent=vpc)
    validator = IncrementalValidator(design)
    validator.findings()
    design.rename(vpc, "renamed")
    assert_incremental_matches(design, validator)
    assert inside in only(design, "LIGHTSAIL_AUTOSCALING").elements


# ---- OUTPOSTS_REGION_LINK --------------------------------------------------------------


def test_outpost_without_region() -> None:
    design = Design()
    outpost = add(design, "aws.outposts.outpost", "factory")
    finding = only(design, "OUTPOSTS_REGION_LINK")
    assert "factory" in finding.message and finding.elements == (outpost,)


def test_outpost_in_a_region_passes() -> None:
    design = Design()
    region = add(design, "aws.region", "eu")
    zone = add(design, "aws.availability_zone", "a", parent=region)
    add(design, "aws.outposts.outpost", "factory", parent=zone)
    assert findings(design, "OUTPOSTS_REGION_LINK") == []
