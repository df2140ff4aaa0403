"""Lightsail load balancers and container services: targets, capacity, quotas and Regions.
Each rule fires on a minimal design and stops when one value changes."""

from __future__ import annotations

import pytest

from model.design import Design
from model.exporters.cloudformation import build_template
from model.exporters.terraform import files as terraform_files
from model.limits import default_limits
from model.rules import IncrementalValidator
from tests.model.rules.builders_b import (
    add,
    assert_incremental_matches,
    connect,
    findings,
    only,
    set_config,
)

INSTANCE = "aws.lightsail.instance"
LB = "aws.lightsail.load_balancer"
CONTAINERS = "aws.lightsail.container_service"
LIMITS = default_limits()


def region(design: Design, name: str) -> str:
    return add(design, "aws.region", name, name=name)


def test_load_balancer_serves_instances_of_its_own_region_only() -> None:
    design = Design()
    home, away = region(design, "eu-west-1"), region(design, "us-east-1")
    lb = add(design, LB, "web-lb", parent=home)
    near = add(design, INSTANCE, "web-1", parent=home)
    far = add(design, INSTANCE, "web-2", parent=away)
    connect(design, lb, near, "routes")
    edge = connect(design, lb, far, "routes")
    finding = only(design, "LIGHTSAIL_LB_TARGETS")
    assert finding.severity == "error" and finding.elements == (lb, edge, far)
    assert "in us-east-1" in finding.message
    design.reparent(far, home)
    assert findings(design, "LIGHTSAIL_LB_TARGETS") == []


def test_load_balancer_without_targets_or_with_one() -> None:
    design = Design()
    home = region(design, "eu-west-1")
    lb = add(design, LB, "web-lb", parent=home)
    empty = only(design, "LIGHTSAIL_LB_TARGETS")
    assert empty.severity == "warning" and "serves nothing" in empty.message
    one = add(design, INSTANCE, "web-1", parent=home)
    connect(design, lb, one, "routes")
    single = only(design, "LIGHTSAIL_LB_TARGETS")
    assert single.severity == "info" and single.elements == (lb, one)
    connect(design, lb, add(design, INSTANCE, "web-2", parent=home), "routes")
    assert findings(design, "LIGHTSAIL_LB_TARGETS") == []


def test_load_balancer_quota_per_region() -> None:
    quota = LIMITS.value("LIGHTSAIL_QUOTAS", "load_balancers")
    design = Design()
    home = region(design, "eu-west-1")
    lbs = [add(design, LB, f"lb{i}", parent=home) for i in range(quota + 1)]
    finding = only(design, "LIGHTSAIL_LB_QUOTA")
    assert finding.elements == tuple(lbs) and f"quota is {quota}" in finding.message
    design.reparent(lbs[-1], region(design, "eu-west-2"))
    assert findings(design, "LIGHTSAIL_LB_QUOTA") == []


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"power": "huge"}, "power 'huge'"),
        ({"scale": 0}, "has scale 0 nodes"),
        ({"scale": LIMITS.value("LIGHTSAIL_CONTAINER_CAPACITY")["scale"]["max"] + 1}, "to 20"),
    ],
)
def test_container_service_capacity(config: dict[str, object], expected: str) -> None:
    design = Design()
    service = add(design, CONTAINERS, "api", **config)
    finding = only(design, "LIGHTSAIL_CONTAINER_CAPACITY")
    assert expected in finding.message and finding.elements == (service,)
    set_config(design, service, power="xlarge", scale=20)
    assert findings(design, "LIGHTSAIL_CONTAINER_CAPACITY") == []


def test_container_service_quota_per_region() -> None:
    quota = LIMITS.value("LIGHTSAIL_QUOTAS", "container_services")
    design = Design()
    home = region(design, "eu-west-1")
    services = [add(design, CONTAINERS, f"svc{i}", parent=home) for i in range(quota)]
    assert findings(design, "LIGHTSAIL_CONTAINER_QUOTA") == []
    services.append(add(design, CONTAINERS, "one-more", parent=home))
    assert only(design, "LIGHTSAIL_CONTAINER_QUOTA").elements == tuple(services)


@pytest.mark.parametrize("kind", [LB, CONTAINERS])
def test_region_rule_covers_the_new_kinds(kind: str) -> None:
    design = Design()
    node = add(design, kind, "thing", region="sa-east-1")
    assert "sa-east-1" in only(design, "LIGHTSAIL_REGION").message
    set_config(design, node, region="eu-west-1")
    assert findings(design, "LIGHTSAIL_REGION") == []


def test_incremental_follows_targets_moving_between_regions() -> None:
    design = Design()
    home, away = region(design, "eu-west-1"), region(design, "us-east-1")
    lb = add(design, LB, "web-lb", parent=home)
    first = add(design, INSTANCE, "web-1", parent=home)
    second = add(design, INSTANCE, "web-2", parent=home)
    connect(design, lb, first, "routes")
    connect(design, lb, second, "routes")
    validator = IncrementalValidator(design)
    assert_incremental_matches(design, validator)
    design.reparent(second, away)
    assert_incremental_matches(design, validator)
    design.set_config(away, design.node(away).config.model_copy(update={"name": "eu-west-1"}))
    assert_incremental_matches(design, validator)


def test_exports_attach_the_instances_to_the_load_balancer() -> None:
    design = Design()
    home = region(design, "eu-west-1")
    lb = add(design, LB, "web-lb", parent=home, instance_port=8080)
    box = add(design, INSTANCE, "web-1", parent=home)
    add(design, CONTAINERS, "api", parent=home, power="small", scale=3)
    connect(design, lb, box, "routes")
    resources = build_template(design)["Resources"]
    by_type = {r["Type"]: r["Properties"] for r in resources.values()}
    balancer = by_type["AWS::Lightsail::LoadBalancer"]
    assert balancer["InstancePort"] == 8080 and len(balancer["AttachedInstances"]) == 1
    assert by_type["AWS::Lightsail::Container"]["Scale"] == 3
    main = terraform_files(design)["main.tf"]
    assert 'resource "aws_lightsail_lb_attachment"' in main
    assert 'power = "small"' in main
