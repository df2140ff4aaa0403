"""Lambda@Edge and CloudFront rules, applied per event type through the triggers edge."""

from __future__ import annotations

import pytest
from helpers import add, connect, design, findings, none, only, set_edge

from model.design import Design
from model.limits import default_limits

LIMITS = default_limits()
EDGE_FN = "aws.lambda_edge"
CDN = "aws.cloudfront.distribution"


def edge_design(
    event: str | None = "viewer-request", **config: object
) -> tuple[Design, str, str, str]:
    d = design()
    cdn = add(d, CDN, "cdn")
    fn = add(d, EDGE_FN, "resize-edge", **config)
    edge = (
        connect(d, cdn, fn, "triggers", event_type=event)
        if event
        else connect(d, cdn, fn, "triggers")
    )
    return d, cdn, fn, edge


def test_viewer_package_size_message_names_actual_allowed_and_edge() -> None:
    d, cdn, fn, edge = edge_design("viewer-request", package_size_mb=5)
    finding = only(d, "LAMBDA_EDGE_VIEWER_PACKAGE_SIZE")
    assert finding.severity == "error"
    assert finding.message.startswith(
        "“resize-edge” is 5 MB; functions on viewer-request events are limited to 1 MB compressed"
    )
    assert set(finding.elements) == {fn, edge, cdn}
    assert finding.source.startswith("https://docs.aws.amazon.com/")
    none(edge_design("viewer-request", package_size_mb=1)[0], "LAMBDA_EDGE_VIEWER_PACKAGE_SIZE")


def test_same_function_fine_on_origin_request_wrong_on_viewer_request() -> None:
    d, cdn, fn, edge = edge_design("origin-request", package_size_mb=5)
    none(d, "LAMBDA_EDGE_VIEWER_PACKAGE_SIZE")
    none(d, "LAMBDA_EDGE_ORIGIN_PACKAGE_SIZE")
    set_edge(d, edge, event_type="viewer-request")
    assert only(d, "LAMBDA_EDGE_VIEWER_PACKAGE_SIZE").elements[1] == edge


def test_origin_package_size() -> None:
    limit = LIMITS.value("LAMBDA_EDGE_ORIGIN_PACKAGE_SIZE")
    d, *_ = edge_design("origin-response", package_size_mb=limit + 1)
    assert "origin-response" in only(d, "LAMBDA_EDGE_ORIGIN_PACKAGE_SIZE").message
    none(
        edge_design("origin-response", package_size_mb=limit)[0], "LAMBDA_EDGE_ORIGIN_PACKAGE_SIZE"
    )


def test_viewer_memory_must_be_the_fixed_value() -> None:
    fixed = LIMITS.value("LAMBDA_EDGE_VIEWER_MEMORY")
    d, *_ = edge_design("viewer-response", memory_mb=fixed * 2)
    assert only(d, "LAMBDA_EDGE_VIEWER_MEMORY").severity == "error"
    none(edge_design("viewer-response", memory_mb=fixed)[0], "LAMBDA_EDGE_VIEWER_MEMORY")
    none(edge_design("origin-request", memory_mb=fixed * 2)[0], "LAMBDA_EDGE_VIEWER_MEMORY")


@pytest.mark.parametrize(
    ("event", "limit_id"),
    [
        ("viewer-request", "LAMBDA_EDGE_VIEWER_TIMEOUT"),
        ("origin-request", "LAMBDA_EDGE_ORIGIN_TIMEOUT"),
    ],
)
def test_timeout_per_event(event: str, limit_id: str) -> None:
    limit = LIMITS.value(limit_id)
    d, *_ = edge_design(event, timeout_s=limit + 1)
    assert f"at most {limit} s" in only(d, "LAMBDA_EDGE_TIMEOUT").message
    none(edge_design(event, timeout_s=limit)[0], "LAMBDA_EDGE_TIMEOUT")


def test_region_must_be_the_edge_region() -> None:
    d, _, fn, edge = edge_design(region="eu-west-1")
    finding = only(d, "LAMBDA_EDGE_REGION")
    assert "eu-west-1" in finding.message and finding.elements == (fn, edge)
    none(edge_design()[0], "LAMBDA_EDGE_REGION")


def test_region_comes_from_the_region_container() -> None:
    d, _, fn, _ = edge_design()
    region = add(d, "aws.region", "Frankfurt", name="eu-central-1")
    d.reparent(fn, region)
    assert "eu-central-1" in only(d, "LAMBDA_EDGE_REGION").message


@pytest.mark.parametrize(
    ("config", "words"),
    [
        ({"environment": {"A": "b"}}, "environment variables"),
        ({"layers": ["x"]}, "layers"),
        ({"package_type": "image"}, "container image"),
        ({"architecture": "arm64"}, "arm64"),
        ({"ephemeral_storage_mb": 1024}, "/tmp"),
        ({"provisioned_concurrency": 2}, "provisioned concurrency"),
        ({"dead_letter_queue": True}, "dead-letter queue"),
        ({"tracing": "Active"}, "X-Ray"),
        ({"reserved_concurrency": 5}, "unconfirmed"),
    ],
)
def test_unsupported_config(config: dict[str, object], words: str) -> None:
    d, _, fn, edge = edge_design(**config)
    finding = only(d, "LAMBDA_EDGE_UNSUPPORTED_CONFIG")
    assert words in finding.message and finding.elements == (fn, edge)
    none(edge_design()[0], "LAMBDA_EDGE_UNSUPPORTED_CONFIG")


def test_unsupported_reserved_concurrency_hint_says_unconfirmed() -> None:
    d, *_ = edge_design(reserved_concurrency=5)
    assert "unconfirmed" in only(d, "LAMBDA_EDGE_UNSUPPORTED_CONFIG").hint


def test_unsupported_vpc_is_containment_in_a_subnet() -> None:
    d, _, fn, _ = edge_design()
    vpc = add(d, "aws.vpc", "main")
    subnet = add(d, "aws.subnet", "private-a", parent=vpc)
    d.reparent(fn, subnet)
    assert "VPC" in only(d, "LAMBDA_EDGE_UNSUPPORTED_CONFIG").message


def test_plain_lambda_reached_by_cloudfront_is_an_edge_function() -> None:
    d = design()
    cdn = add(d, CDN, "cdn")
    fn = add(d, "aws.lambda", "plain", environment={"A": "b"})
    none(d, "LAMBDA_EDGE_UNSUPPORTED_CONFIG")
    connect(d, cdn, fn, "triggers", event_type="origin-request")
    only(d, "LAMBDA_EDGE_UNSUPPORTED_CONFIG")


def test_runtime() -> None:
    d, *_ = edge_design(runtime="java21")
    assert "java21" in only(d, "LAMBDA_EDGE_RUNTIME").message
    none(edge_design(runtime="python3.12")[0], "LAMBDA_EDGE_RUNTIME")
    none(edge_design(runtime="nodejs20.x")[0], "LAMBDA_EDGE_RUNTIME")


def test_not_associated() -> None:
    d = design()
    fn = add(d, EDGE_FN, "lonely")
    assert only(d, "LAMBDA_EDGE_NOT_ASSOCIATED").elements == (fn,)
    none(edge_design()[0], "LAMBDA_EDGE_NOT_ASSOCIATED")


def test_one_function_per_event() -> None:
    d, cdn, first, e1 = edge_design("viewer-request")
    second = add(d, EDGE_FN, "auth")
    e2 = connect(d, cdn, second, "triggers", event_type="origin-request")
    none(d, "CLOUDFRONT_ONE_FUNCTION_PER_EVENT")
    set_edge(d, e2, event_type="viewer-request")
    finding = only(d, "CLOUDFRONT_ONE_FUNCTION_PER_EVENT")
    assert set(finding.elements) == {cdn, e1, e2, first, second}
    assert "viewer-request" in finding.message


def test_event_type_missing_skips_per_event_rules() -> None:
    d, cdn, fn, edge = edge_design(None, package_size_mb=100, timeout_s=60)
    assert only(d, "CLOUDFRONT_EVENT_TYPE_MISSING").elements == (cdn, edge, fn)
    for rule_id in (
        "LAMBDA_EDGE_VIEWER_PACKAGE_SIZE",
        "LAMBDA_EDGE_ORIGIN_PACKAGE_SIZE",
        "LAMBDA_EDGE_TIMEOUT",
    ):
        assert findings(d, rule_id) == []
    none(edge_design()[0], "CLOUDFRONT_EVENT_TYPE_MISSING")
