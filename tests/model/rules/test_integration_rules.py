"""API Gateway, ALB and SQS rules around Lambda and Step Functions."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import add, connect, design, findings, none, only

from model.design import Design
from model.limits import default_limits

LIMITS = default_limits()
API = "aws.apigateway.api"
QUEUE = "aws.sqs.queue"


def api_to_function(fn_timeout: int, **api: Any) -> tuple[Design, str, str, str]:
    d = design()
    gateway = add(d, API, "public", **api)
    fn = add(d, "aws.lambda", "orders", timeout_s=fn_timeout)
    edge = connect(d, gateway, fn, "invokes")
    return d, gateway, fn, edge


def test_rest_lambda_timeout() -> None:
    d, gateway, fn, edge = api_to_function(60)
    finding = only(d, "APIGW_REST_LAMBDA_TIMEOUT")
    assert finding.elements == (gateway, edge, fn) and "after 29 s" in finding.message
    none(api_to_function(29)[0], "APIGW_REST_LAMBDA_TIMEOUT")
    none(api_to_function(60, integration_timeout_s=90)[0], "APIGW_REST_LAMBDA_TIMEOUT")


def test_http_lambda_timeout_is_capped_by_the_http_limit() -> None:
    cap = LIMITS.value("APIGW_HTTP_API_TIMEOUT")
    d, *_ = api_to_function(cap + 1, api_type="http", integration_timeout_s=cap + 30)
    assert f"after {cap} s" in only(d, "APIGW_HTTP_LAMBDA_TIMEOUT").message
    none(
        api_to_function(cap, api_type="http", integration_timeout_s=cap)[0],
        "APIGW_HTTP_LAMBDA_TIMEOUT",
    )


@pytest.mark.parametrize(
    ("api", "limit"),
    [
        (
            {"endpoint_type": "edge"},
            LIMITS.value("RULE_APIGW_EDGE_TIMEOUT_NOT_RAISABLE", "edge_optimized_rest_s"),
        ),
        ({"api_type": "http"}, LIMITS.value("APIGW_HTTP_API_TIMEOUT")),
    ],
)
def test_edge_timeout_not_raisable(api: dict[str, Any], limit: int) -> None:
    d, gateway, *_ = api_to_function(3, integration_timeout_s=limit + 1, **api)
    assert only(d, "APIGW_EDGE_TIMEOUT_NOT_RAISABLE").elements == (gateway,)
    none(
        api_to_function(3, integration_timeout_s=limit, **api)[0], "APIGW_EDGE_TIMEOUT_NOT_RAISABLE"
    )
    none(
        api_to_function(3, integration_timeout_s=limit + 1, endpoint_type="regional")[0],
        "APIGW_EDGE_TIMEOUT_NOT_RAISABLE",
    )


def test_sfn_sync_express_timeout_follows_the_function_behind_the_machine() -> None:
    d = design()
    gateway = add(d, API, "public")
    fn = add(d, "aws.lambda", "worker", timeout_s=60)
    definition = {
        "StartAt": "Call",
        "States": {
            "Call": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "${Fn}"},
                "End": True,
            }
        },
    }
    sm = add(
        d,
        "aws.stepfunctions.state_machine",
        "flow",
        workflow_type="EXPRESS",
        invocation="sync",
        definition=definition,
        definition_substitutions={"Fn": fn},
    )
    edge = connect(d, gateway, sm, "invokes")
    finding = only(d, "APIGW_SFN_SYNC_EXPRESS_TIMEOUT")
    assert finding.elements == (gateway, edge, sm) and "60 s" in finding.message
    d.set_config(fn, d.node(fn).config.model_copy(update={"timeout_s": 20}))
    none(d, "APIGW_SFN_SYNC_EXPRESS_TIMEOUT")
    d.set_config(sm, d.node(sm).config.model_copy(update={"invocation": "async"}))
    d.set_config(fn, d.node(fn).config.model_copy(update={"timeout_s": 60}))
    none(d, "APIGW_SFN_SYNC_EXPRESS_TIMEOUT")


def queue_to_function(
    fn_timeout: int = 10,
    relation: str = "triggers",
    edge: dict[str, Any] | None = None,
    **queue: Any,
) -> tuple[Design, str, str, str]:
    d = design()
    q = add(d, QUEUE, "jobs", **queue)
    fn = add(d, "aws.lambda", "consumer", timeout_s=fn_timeout)
    e = connect(d, q, fn, relation, **(edge or {}))
    return d, q, fn, e


def test_visibility_min() -> None:
    d, q, fn, e = queue_to_function(60, visibility_timeout_s=30)
    finding = only(d, "SQS_LAMBDA_VISIBILITY_MIN")
    assert finding.severity == "error" and finding.elements == (q, e, fn)
    none(d, "SQS_LAMBDA_VISIBILITY_6X")
    none(queue_to_function(60, visibility_timeout_s=60)[0], "SQS_LAMBDA_VISIBILITY_MIN")


def test_visibility_6x_includes_the_batching_window() -> None:
    factor = LIMITS.value("SQS_LAMBDA_VISIBILITY_RECOMMENDED")
    d, *_ = queue_to_function(
        10, visibility_timeout_s=factor * 10 + 4, edge={"batching_window_s": 5}
    )
    assert f"{factor * 10 + 5} s" in only(d, "SQS_LAMBDA_VISIBILITY_6X").message
    none(
        queue_to_function(10, visibility_timeout_s=factor * 10 + 5, edge={"batching_window_s": 5})[
            0
        ],
        "SQS_LAMBDA_VISIBILITY_6X",
    )


def test_fifo_batch() -> None:
    maximum = LIMITS.value("LAMBDA_ESM_SQS_BATCH", "fifo_queue_max")
    d, *_ = queue_to_function(visibility_timeout_s=60, fifo=True, edge={"batch_size": maximum + 1})
    only(d, "SQS_FIFO_LAMBDA_BATCH")
    none(
        queue_to_function(visibility_timeout_s=60, fifo=True, edge={"batch_size": maximum})[0],
        "SQS_FIFO_LAMBDA_BATCH",
    )
    none(
        queue_to_function(
            visibility_timeout_s=60, edge={"batch_size": maximum + 1, "batching_window_s": 1}
        )[0],
        "SQS_FIFO_LAMBDA_BATCH",
    )


def test_batch_window_required_for_large_batches() -> None:
    rule = LIMITS.value("SQS_LAMBDA_BATCH_WINDOW_REQUIRED")
    big = rule["batch_size_above"] + 1
    d, *_ = queue_to_function(visibility_timeout_s=60, edge={"batch_size": big})
    only(d, "SQS_LAMBDA_BATCH_WINDOW")
    none(
        queue_to_function(
            visibility_timeout_s=60,
            edge={"batch_size": big, "batching_window_s": rule["min_window_s"]},
        )[0],
        "SQS_LAMBDA_BATCH_WINDOW",
    )


def test_batch_limits() -> None:
    esm = LIMITS.value("LAMBDA_ESM_SQS_BATCH")
    d, *_ = queue_to_function(
        visibility_timeout_s=9999,
        edge={
            "batch_size": esm["standard_queue_max"] + 1,
            "batching_window_s": esm["batch_window_max_s"] + 1,
        },
    )
    assert len(findings(d, "SQS_LAMBDA_BATCH_LIMITS")) == 2
    none(
        queue_to_function(
            visibility_timeout_s=9999,
            edge={
                "batch_size": esm["standard_queue_max"],
                "batching_window_s": esm["batch_window_max_s"],
            },
        )[0],
        "SQS_LAMBDA_BATCH_LIMITS",
    )


def test_redrive() -> None:
    minimum = LIMITS.value("RULE_SQS_LAMBDA_REDRIVE")
    d, q, fn, e = queue_to_function(visibility_timeout_s=60, max_receive_count=minimum - 1)
    assert only(d, "SQS_LAMBDA_REDRIVE").elements == (q, e, fn)
    none(
        queue_to_function(visibility_timeout_s=60, max_receive_count=minimum)[0],
        "SQS_LAMBDA_REDRIVE",
    )


def test_alb_lambda_payload_is_info() -> None:
    d = design()
    alb = add(d, "aws.elb.load_balancer", "alb", target_type="lambda")
    fn = add(d, "aws.lambda", "web")
    none(d, "ALB_LAMBDA_PAYLOAD")
    e = connect(d, alb, fn, "invokes")
    finding = only(d, "ALB_LAMBDA_PAYLOAD")
    assert finding.severity == "info" and finding.elements == (alb, e, fn)


def test_load_balancer_lambda_target_in_another_region() -> None:
    d = design(region="eu-west-1")
    alb = add(d, "aws.elb.load_balancer", "public alb", type="application")
    fn = add(d, "aws.lambda", "api handler", region="us-east-1")
    edge = connect(d, alb, fn, "invokes")
    finding = only(d, "ALB_LAMBDA_SAME_ACCOUNT_REGION")
    assert finding.elements == (alb, edge, fn)
    assert "eu-west-1" in finding.message and "us-east-1" in finding.message
    near = design(region="eu-west-1")
    alb = add(near, "aws.elb.load_balancer", "public alb")
    connect(near, alb, add(near, "aws.lambda", "api handler"), "invokes")
    none(near, "ALB_LAMBDA_SAME_ACCOUNT_REGION")


def _function_in_subnet(visibility: str, nat: bool) -> tuple[object, str, str]:
    d = design()
    vpc = add(d, "aws.vpc", "main vpc")
    subnet = add(d, "aws.subnet", "app subnet", parent=vpc, visibility=visibility, nat=nat)
    fn = add(d, "aws.lambda", "worker", parent=subnet)
    connect(d, fn, add(d, "aws.dynamodb.table", "orders"), "uses")
    return d, fn, subnet


def test_vpc_function_without_egress_to_the_services_it_calls() -> None:
    d, fn, subnet = _function_in_subnet("private", nat=False)
    finding = only(d, "LAMBDA_VPC_EGRESS")
    assert finding.severity == "warning" and finding.elements[:2] == (fn, subnet)
    assert "orders" in finding.message and "NAT" in finding.message
    public, _, _ = _function_in_subnet("public", nat=False)
    assert "no public IP" in only(public, "LAMBDA_VPC_EGRESS").message
    none(_function_in_subnet("private", nat=True)[0], "LAMBDA_VPC_EGRESS")
