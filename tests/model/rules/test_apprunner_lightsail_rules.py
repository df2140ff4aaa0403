"""App Runner networking, Regions, sources and quotas; Lightsail bundles, quota and Regions.
Each rule fires on a minimal design and stops when one value changes."""

from __future__ import annotations

from model.design import Design
from model.limits import default_limits
from model.profile import Profile
from tests.model.rules.builders_b import add, connect, findings, only, set_config

APP_RUNNER = "aws.app_runner"
LIGHTSAIL = "aws.lightsail.instance"
LIMITS = default_limits()


def region(design: Design, name: str) -> str:
    return add(design, "aws.region", name, name=name)


def test_apprunner_needs_a_vpc_connector_for_a_database_in_a_subnet() -> None:
    design = Design()
    home = region(design, "eu-west-1")
    vpc = add(design, "aws.vpc", "vpc", parent=home)
    subnet = add(design, "aws.subnet", "private", parent=vpc)
    db = add(design, "aws.rds.database", "orders-db", parent=subnet)
    service = add(design, APP_RUNNER, "api", parent=home, existing_customer=True)
    edge = connect(design, service, db, "uses")
    finding = only(design, "APPRUNNER_VPC_CONNECTOR")
    assert finding.elements == (service, edge, db) and "which is inside" in finding.message
    set_config(design, service, egress="vpc")
    assert findings(design, "APPRUNNER_VPC_CONNECTOR") == []


def test_apprunner_reaches_public_endpoints_without_a_connector() -> None:
    design = Design()
    home = region(design, "eu-west-1")
    vpc = add(design, "aws.vpc", "vpc", parent=home)
    table = add(design, "aws.dynamodb.table", "t", parent=vpc)
    service = add(design, APP_RUNNER, "api", parent=home)
    connect(design, service, table, "uses")
    assert findings(design, "APPRUNNER_VPC_CONNECTOR") == []


def test_apprunner_region_availability_is_data() -> None:
    assert "eu-west-1" in LIMITS.value("APPRUNNER_REGIONS")
    assert "sa-east-1" not in LIMITS.value("APPRUNNER_REGIONS")
    design = Design()
    service = add(design, APP_RUNNER, "api", region="sa-east-1")
    assert "sa-east-1" in only(design, "APPRUNNER_REGION").message
    set_config(design, service, region="eu-west-1")
    assert findings(design, "APPRUNNER_REGION") == []


def test_apprunner_auto_deploy_from_ecr_public() -> None:
    design = Design(profile=Profile(region="us-east-1"))
    service = add(design, APP_RUNNER, "api", image_repository="ecr_public", auto_deploy=True)
    assert "ECR Public" in only(design, "APPRUNNER_AUTO_DEPLOY").message
    set_config(design, service, image_repository="ecr")
    assert findings(design, "APPRUNNER_AUTO_DEPLOY") == []
    set_config(design, service, image_repository="ecr_public", auto_deploy=False)
    assert findings(design, "APPRUNNER_AUTO_DEPLOY") == []


def test_apprunner_code_source_needs_a_managed_runtime() -> None:
    design = Design()
    service = add(design, APP_RUNNER, "api", source="code", runtime="PYTHON_2")
    assert "PYTHON_2" in only(design, "APPRUNNER_RUNTIME").message
    set_config(design, service, runtime=LIMITS.value("APPRUNNER_MANAGED_RUNTIMES")[0])
    assert findings(design, "APPRUNNER_RUNTIME") == []
    set_config(design, service, source="image", runtime="PYTHON_2")
    assert findings(design, "APPRUNNER_RUNTIME") == []


def test_lightsail_bundle_must_exist_and_match_the_platform() -> None:
    design = Design()
    box = add(design, LIGHTSAIL, "web", bundle="huge_9_0")
    assert "not a Lightsail bundle" in only(design, "LIGHTSAIL_BUNDLE").message
    set_config(design, box, bundle="medium_3_0")
    assert findings(design, "LIGHTSAIL_BUNDLE") == []
    set_config(design, box, blueprint="windows_server_2022")
    assert "WINDOWS" in only(design, "LIGHTSAIL_BUNDLE").message
    set_config(design, box, bundle="medium_win_3_0")
    assert findings(design, "LIGHTSAIL_BUNDLE") == []


def test_lightsail_bundle_table_has_vcpu_memory_and_transfer() -> None:
    table = LIMITS.value("LIGHTSAIL_BUNDLE_TABLE")
    assert all({"vcpu", "memory_gb", "transfer_tb", "platform"} <= set(b) for b in table.values())


def test_lightsail_instance_quota_per_region_with_profile_override() -> None:
    quota = LIMITS.value("LIGHTSAIL_INSTANCES")
    design = Design(profile=Profile(region="us-east-1"))
    boxes = [add(design, LIGHTSAIL, f"box{i}") for i in range(quota + 1)]
    finding = only(design, "LIGHTSAIL_INSTANCE_QUOTA")
    assert f"{quota + 1} Lightsail instances in us-east-1" in finding.message
    set_config(design, boxes[0], region="eu-west-1")
    assert findings(design, "LIGHTSAIL_INSTANCE_QUOTA") == []
    set_config(design, boxes[0], region=None)
    quota_name = LIMITS.get("LIGHTSAIL_INSTANCES").quota
    assert quota_name is not None
    design.set_profile(Profile(region="us-east-1", quotas={quota_name: quota + 1}))
    assert findings(design, "LIGHTSAIL_INSTANCE_QUOTA") == []


def test_lightsail_region_availability_is_data() -> None:
    design = Design()
    box = add(design, LIGHTSAIL, "web", region="sa-east-1")
    assert "sa-east-1" in only(design, "LIGHTSAIL_REGION").message
    set_config(design, box, region="eu-north-1")
    assert findings(design, "LIGHTSAIL_REGION") == []
