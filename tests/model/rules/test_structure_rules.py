"""Structure the catalog forbids, held by a file: reported, and not reported once fixed."""

from __future__ import annotations

from model.design import Design
from model.rules import IncrementalValidator
from model.serialization import dumps, loads
from tests.model.rules.builders_b import (
    add,
    assert_incremental_matches,
    connect,
    findings,
    only,
)


def test_connection_the_catalog_forbids() -> None:
    design = Design()
    bucket = add(design, "aws.s3.bucket", "media")
    table = add(design, "aws.dynamodb.table", "orders")
    edge = connect(design, bucket, table, "invokes")
    finding = only(design, "CONNECTION_NOT_ALLOWED")
    assert finding.severity == "error"
    assert set(finding.elements) == {edge, bucket, table}
    assert "media" in finding.message and "orders" in finding.message
    assert design.can_connect(bucket, table, "invokes").reason in finding.message


def test_wrong_relation_between_kinds_that_may_connect() -> None:
    design = Design()
    queue = add(design, "aws.sqs.queue", "q")
    function = add(design, "aws.lambda", "fn")
    connect(design, queue, function, "routes")
    assert "only by: triggers" in only(design, "CONNECTION_NOT_ALLOWED").message


def test_allowed_connection_passes() -> None:
    design = Design()
    queue = add(design, "aws.sqs.queue", "q")
    function = add(design, "aws.lambda", "fn")
    connect(design, queue, function, "triggers")
    assert findings(design, "CONNECTION_NOT_ALLOWED") == []


def test_containment_the_catalog_forbids() -> None:
    design = Design()
    cluster = add(design, "aws.eks.cluster", "k8s")
    function = add(design, "aws.lambda", "fn", parent=cluster)
    finding = only(design, "CONTAINMENT_NOT_ALLOWED")
    assert set(finding.elements) == {function, cluster}
    assert "fn" in finding.message and "k8s" in finding.message
    assert "cannot contain" in finding.message


def test_allowed_containment_passes_and_reparenting_updates_incrementally() -> None:
    design = Design()
    region = add(design, "aws.region", "eu")
    cluster = add(design, "aws.eks.cluster", "k8s", parent=region)
    function = add(design, "aws.lambda", "fn", parent=region)
    add(design, "aws.eks.fargate_profile", "fp", parent=cluster)
    assert findings(design, "CONTAINMENT_NOT_ALLOWED") == []
    validator = IncrementalValidator(design)
    validator.findings()
    design.reparent(function, cluster)
    assert_incremental_matches(design, validator)
    assert [f for f in validator.findings() if f.rule == "CONTAINMENT_NOT_ALLOWED"]
    design.rename(cluster, "renamed")
    assert_incremental_matches(design, validator)


def test_a_saved_file_with_forbidden_structure_loads_and_is_reported() -> None:
    design = Design()
    cluster = add(design, "aws.ecs.cluster", "ecs")
    add(design, "aws.sqs.queue", "q", parent=cluster)
    bucket = add(design, "aws.s3.bucket", "b")
    connect(design, bucket, add(design, "aws.sns.topic", "t"), "routes")
    reloaded = loads(dumps(design), "design.archcanvas.json")
    assert len(findings(reloaded, "CONTAINMENT_NOT_ALLOWED")) == 1
    assert len(findings(reloaded, "CONNECTION_NOT_ALLOWED")) == 1


def test_misspelt_quota_name_in_the_profile_is_reported() -> None:
    from model.design import Design
    from model.profile import Profile
    from model.rules import validate

    typo = Design(profile=Profile(quotas={"lambda_concurent_executions": 5000}))
    found = [f for f in validate(typo) if f.rule == "PROFILE_UNKNOWN_QUOTA"]
    assert len(found) == 1 and "did you mean lambda_concurrent_executions" in found[0].message
    right = Design(profile=Profile(quotas={"lambda_concurrent_executions": 5000}))
    assert not [f for f in validate(right) if f.rule == "PROFILE_UNKNOWN_QUOTA"]
