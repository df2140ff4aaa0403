"""EC2 purchase options, burstable baselines, EFA instance types and VPC tenancy. Each rule
fires on a minimal design and stops when one value changes."""

from __future__ import annotations

from model.design import Design
from tests.model.rules.builders_b import add, findings, only, set_config

INSTANCE = "aws.ec2.instance"
ASG = "aws.ec2.auto_scaling_group"


def test_single_spot_instance_is_not_fault_tolerant() -> None:
    design = Design()
    box = add(design, INSTANCE, "box", purchase_option="spot")
    assert "single Spot Instance" in only(design, "EC2_SPOT_NOT_FAULT_TOLERANT").message
    set_config(design, box, purchase_option="on_demand")
    assert findings(design, "EC2_SPOT_NOT_FAULT_TOLERANT") == []


def test_spot_group_needs_capacity_rebalancing_or_mixed_instances() -> None:
    design = Design()
    group = add(design, ASG, "workers", purchase_option="spot")
    assert "without capacity rebalancing" in only(design, "EC2_SPOT_NOT_FAULT_TOLERANT").message
    set_config(design, group, capacity_rebalance=True)
    assert findings(design, "EC2_SPOT_NOT_FAULT_TOLERANT") == []
    set_config(design, group, capacity_rebalance=False, purchase_option="mixed")
    assert findings(design, "EC2_SPOT_NOT_FAULT_TOLERANT") == []


def test_burstable_instance_above_its_baseline() -> None:
    design = Design()
    box = add(design, INSTANCE, "box", instance_type="t3.large", expected_cpu_percent=45.0)
    assert "30% baseline of t3.large" in only(design, "EC2_BURSTABLE_SUSTAINED").message
    set_config(design, box, expected_cpu_percent=25.0)
    assert findings(design, "EC2_BURSTABLE_SUSTAINED") == []
    set_config(design, box, instance_type="m7i.large", expected_cpu_percent=90.0)
    assert findings(design, "EC2_BURSTABLE_SUSTAINED") == []


def test_efa_on_a_type_without_efa_support() -> None:
    design = Design()
    box = add(design, INSTANCE, "box", instance_type="t3.micro", efa=True)
    assert "t3.micro" in only(design, "EC2_EFA_INSTANCE_TYPE").message
    set_config(design, box, instance_type="c5n.18xlarge")
    assert findings(design, "EC2_EFA_INSTANCE_TYPE") == []


def test_instance_in_a_dedicated_vpc_runs_as_a_dedicated_instance() -> None:
    design = Design()
    vpc = add(design, "aws.vpc", "vpc", instance_tenancy="dedicated")
    box = add(design, INSTANCE, "box", parent=vpc)
    assert "dedicated-tenancy VPC" in only(design, "EC2_DEDICATED_TENANCY").message
    set_config(design, box, purchase_option="dedicated_instance")
    assert findings(design, "EC2_DEDICATED_TENANCY") == []
