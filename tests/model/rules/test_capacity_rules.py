"""LAMBDA_CONCURRENCY_DEMAND: Little's law on the expected load drawn on connections."""

from __future__ import annotations

from helpers import add, connect, design, none, only

from model.design import Design
from model.limits import default_limits

LIMITS = default_limits()


def loaded(
    rps: float, duration_ms: float, reserved: int | None = None, **quotas: int
) -> tuple[Design, str, str]:
    d = design(**quotas)
    api = add(d, "aws.apigateway.api", "public")
    fn = add(d, "aws.lambda", "orders", avg_duration_ms=duration_ms, reserved_concurrency=reserved)
    edge = connect(d, api, fn, "invokes", expected_rps=rps)
    return d, fn, edge


def test_function_needs_more_than_it_reserves() -> None:
    d, fn, edge = loaded(500, 500, reserved=100)
    finding = only(d, "LAMBDA_CONCURRENCY_DEMAND")
    assert (
        finding.message
        == "“orders” needs 250 concurrent executions (500 req/s × 0.5 s) but reserves 100"
    )
    assert finding.elements == (fn, edge)
    none(loaded(500, 500, reserved=250)[0], "LAMBDA_CONCURRENCY_DEMAND")


def test_load_from_several_edges_adds_up() -> None:
    d, fn, _ = loaded(100, 1000, reserved=150)
    none(d, "LAMBDA_CONCURRENCY_DEMAND")
    queue = add(d, "aws.sqs.queue", "jobs")
    connect(d, queue, fn, "triggers", expected_rps=100)
    assert (
        "200 concurrent executions (200 req/s × 1 s)"
        in only(d, "LAMBDA_CONCURRENCY_DEMAND").message
    )


def test_region_total_against_what_the_quota_leaves_after_reservations() -> None:
    quota = LIMITS.value("LAMBDA_ACCOUNT_CONCURRENCY")
    d, fn, _ = loaded(quota - 100, 1000)
    none(d, "LAMBDA_CONCURRENCY_DEMAND")
    add(d, "aws.lambda", "reserving", reserved_concurrency=200)
    finding = only(d, "LAMBDA_CONCURRENCY_DEMAND")
    assert f"minus 200 reserved leaves {quota - 200:,}" in finding.message
    assert fn in finding.elements


def test_region_total_takes_the_profile_quota() -> None:
    d, _, _ = loaded(1500, 1000)
    only(d, "LAMBDA_CONCURRENCY_DEMAND")
    none(loaded(1500, 1000, lambda_concurrent_executions=2000)[0], "LAMBDA_CONCURRENCY_DEMAND")


def test_no_duration_no_estimate() -> None:
    d = design()
    api = add(d, "aws.apigateway.api", "public")
    fn = add(d, "aws.lambda", "orders", reserved_concurrency=1)
    connect(d, api, fn, "invokes", expected_rps=10_000)
    none(d, "LAMBDA_CONCURRENCY_DEMAND")
