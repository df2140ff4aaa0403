"""Many identical EC2 instances: bounded by the fleet limit, exported in constant size, and a
stack over CloudFormation's resource limit is reported."""

from __future__ import annotations

import json
import time
from pathlib import Path

from cfnlint.api import ManualArgs, lint

from model.design import Design
from model.exporters import cloudformation, terraform
from model.importers import import_template
from model.limits import default_limits
from model.serialization import load_design
from tests.model.rules.builders_b import add, findings

EC2 = "aws.ec2.instance"


def test_count_beyond_one_fleet_is_an_error() -> None:
    maximum = default_limits().value("EC2_INSTANCE_COUNT_MAX")
    design = Design()
    fine = add(design, EC2, "fine", count=maximum)
    over = add(design, EC2, "over", count=maximum + 1)
    none = add(design, EC2, "none", count=0)
    flagged = {f.elements[0] for f in findings(design, "EC2_INSTANCE_COUNT")}
    assert flagged == {over, none}
    assert fine not in flagged


def test_many_instances_export_as_one_fixed_size_group() -> None:
    design = Design()
    add(design, EC2, "fleet", count=10**30)
    started = time.perf_counter()
    text = cloudformation.render(design)
    assert time.perf_counter() - started < 5
    assert len(text) < 20_000
    template = cloudformation.build_template(design)
    resources = template["Resources"]
    groups = [r for r in resources.values() if r["Type"] == "AWS::AutoScaling::AutoScalingGroup"]
    assert len(groups) == 1
    properties = groups[0]["Properties"]
    assert properties["MinSize"] == properties["MaxSize"] == properties["DesiredCapacity"]
    assert properties["DesiredCapacity"] == str(10**30)
    assert not [r for r in resources.values() if r["Type"] == "AWS::EC2::Instance"]
    errors = [
        m for m in lint(text, config=ManualArgs(regions=["us-east-1"])) if m.rule.id[0] == "E"
    ]
    assert errors == []
    files = dict(terraform.files(design))
    assert sum(len(text) for text in files.values()) < 50_000


def test_one_instance_stays_an_instance() -> None:
    design = Design()
    add(design, EC2, "box", count=1)
    types = [r["Type"] for r in cloudformation.build_template(design)["Resources"].values()]
    assert types.count("AWS::EC2::Instance") == 1


def test_stack_over_the_resource_limit_is_reported() -> None:
    maximum = default_limits().value("CFN_STACK_RESOURCES_MAX")
    design = Design()
    for index in range(maximum // 2 + 1):
        add(design, "aws.lambda", f"fn-{index}")
    resources = len(cloudformation.build_template(design)["Resources"])
    assert resources > maximum
    (finding,) = findings(design, "CFN_STACK_RESOURCES")
    assert f"{resources:,} resources" in finding.message


def test_stack_within_the_limit_is_not_reported() -> None:
    design = Design()
    for index in range(5):
        add(design, "aws.lambda", f"fn-{index}")
    assert not findings(design, "CFN_STACK_RESOURCES")


def test_json_template_of_a_group_is_strict_json() -> None:
    design = Design()
    add(design, EC2, "fleet", count=3)
    json.loads(
        cloudformation.render(design, json_format=True),
        parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)),
    )


def test_many_resource_nodes_are_reported_without_building_the_template() -> None:
    maximum = default_limits().value("CFN_STACK_RESOURCES_MAX")
    design = Design()
    for index in range(maximum + 1):
        add(design, "aws.sqs.queue", f"q-{index}")
    (finding,) = findings(design, "CFN_STACK_RESOURCES")
    assert f"at least {maximum + 1:,} resources" in finding.message


def test_the_rules_resource_count_is_the_exported_templates() -> None:
    """resource_count skips making user text inert; that pass must keep every resource."""
    root = Path(__file__).resolve().parents[3]
    designs = [load_design(path) for path in sorted((root / "examples").glob("*.archcanvas"))]
    templates = sorted((root / "tests" / "fixtures" / "cfn").glob("*.yaml"))
    designs += [import_template(path).design for path in templates]
    assert len(designs) > 30
    for design in designs:
        exported = cloudformation.build_template(design)["Resources"]
        assert cloudformation.resource_count(design) == len(exported), design.name
