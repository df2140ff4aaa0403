"""Limits where services meet: API Gateway, ALB and SQS in front of Lambda and Step Functions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from model.config.compute import LambdaConfig
from model.config.edges import EdgeConfig
from model.config.integration import ApiGatewayConfig, SqsQueueConfig
from model.elements import Edge, Node
from model.limits import default_limits
from model.rules.engine import Finding, RuleContext, limit_source, rule
from model.rules.lambda_rules import FUNCTION_KINDS, size_text
from model.rules.stepfunctions_rules import (
    STATE_MACHINE,
    duration_analysis,
    machine_config,
    path_text,
)
from model.wording import number

API = "aws.apigateway.api"
QUEUE = "aws.sqs.queue"
LOAD_BALANCER = "aws.elb.load_balancer"
_L = default_limits()
_WINDOW = _L.value("SQS_LAMBDA_BATCH_WINDOW_REQUIRED")
_ESM = _L.value("LAMBDA_ESM_SQS_BATCH")


def function_edges(
    ctx: RuleContext, node_id: str, relation: str
) -> list[tuple[Edge, LambdaConfig]]:
    """Outgoing edges of a relation to Lambda functions, with the function's config (looked up
    once per node and pass: the SQS rules all walk a queue's triggers)."""

    def find() -> list[tuple[Edge, LambdaConfig]]:
        design = ctx.design
        found = []
        for edge in design.outgoing(node_id, relation):
            target = design.node(edge.target)
            if target.kind in FUNCTION_KINDS and isinstance(target.config, LambdaConfig):
                found.append((edge, target.config))
        return found

    return ctx.cached(("function_edges", node_id, relation), find)


def edge_config(edge: Edge) -> EdgeConfig:
    config = edge.config
    return config if isinstance(config, EdgeConfig) else EdgeConfig()


def api_config(node: Node) -> ApiGatewayConfig | None:
    config = node.config
    return config if isinstance(config, ApiGatewayConfig) else None


def api_timeout(ctx: RuleContext, config: ApiGatewayConfig) -> float:
    """How long the API waits for an integration: its setting, capped for HTTP APIs."""
    if config.api_type == "http":
        return float(min(config.integration_timeout_s, ctx.limit("APIGW_HTTP_API_TIMEOUT")))
    return float(config.integration_timeout_s)


def functions_outliving_api(
    ctx: RuleContext, node: Node, api_type: str, consequence: str
) -> Iterator[Finding]:
    """Lambda functions the API invokes whose timeout is longer than the API waits."""
    config = api_config(node)
    if config is None or config.api_type != api_type:
        return
    waits = api_timeout(ctx, config)
    for edge, function in function_edges(ctx, node.id, "invokes"):
        if function.timeout_s > waits:
            yield ctx.finding(
                f"{ctx.label(edge.target)} may run {number(function.timeout_s)} s but "
                f"{api_type.upper()} API {ctx.label(node.id)} stops waiting after "
                f"{number(waits)} s{consequence}",
                [node.id, edge.id, edge.target],
            )


@rule(
    "APIGW_REST_LAMBDA_TIMEOUT",
    severity="warning",
    title="REST API stops waiting before its Lambda function times out",
    source=limit_source("APIGW_REST_INTEGRATION_TIMEOUT"),
    hint="Shorten the function's timeout, make the call asynchronous (queue or Step Functions), "
    "or raise the integration timeout (Regional and private REST APIs only; it can lower the "
    "account throttle quota).",
    kinds=(API,),
)
def rest_lambda_timeout(ctx: RuleContext, node: Node) -> list[Finding]:
    return list(functions_outliving_api(ctx, node, "rest", ""))


@rule(
    "APIGW_HTTP_LAMBDA_TIMEOUT",
    severity="warning",
    title="HTTP API stops waiting before its Lambda function times out",
    source=limit_source("APIGW_HTTP_API_TIMEOUT"),
    hint="Shorten the function's timeout or make the call asynchronous; the HTTP API "
    "integration timeout cannot be raised.",
    kinds=(API,),
)
def http_lambda_timeout(ctx: RuleContext, node: Node) -> list[Finding]:
    return list(
        functions_outliving_api(
            ctx, node, "http", "; the client gets an error while the function keeps running"
        )
    )


@rule(
    "APIGW_EDGE_TIMEOUT_NOT_RAISABLE",
    severity="error",
    title="Integration timeout above what the API type allows",
    source=limit_source("RULE_APIGW_EDGE_TIMEOUT_NOT_RAISABLE"),
    hint="Lower the integration timeout; only Regional and private REST APIs can raise it.",
    kinds=(API,),
)
def edge_timeout_not_raisable(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    config = api_config(node)
    if config is None:
        return found
    if config.api_type == "http":
        maximum, what = ctx.limit("APIGW_HTTP_API_TIMEOUT"), "HTTP APIs"
    elif config.endpoint_type == "edge":
        maximum = ctx.limit("RULE_APIGW_EDGE_TIMEOUT_NOT_RAISABLE", "edge_optimized_rest_s")
        what = "edge-optimized REST APIs"
    else:
        return found
    if config.integration_timeout_s > maximum:
        found.append(
            ctx.finding(
                f"{ctx.label(node.id)} has an integration timeout of "
                f"{number(config.integration_timeout_s)} s; {what} allow at most {number(maximum)} s",
                [node.id],
            )
        )
    return found


@rule(
    "APIGW_SFN_SYNC_EXPRESS_TIMEOUT",
    severity="warning",
    title="API waits less than a synchronous Express workflow can run",
    source=limit_source("RULE_APIGW_SFN_SYNC_EXPRESS_TIMEOUT"),
    hint="Bound the workflow below the API's integration timeout, or start it asynchronously "
    "and let the client poll or receive a callback.",
    kinds=(API,),
)
def sfn_sync_express_timeout(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    config = api_config(node)
    if config is None:
        return found
    waits = api_timeout(ctx, config)
    for edge in ctx.design.outgoing(node.id, "invokes"):
        machine = ctx.design.node(edge.target)
        machine_cfg = machine_config(machine)
        if machine.kind != STATE_MACHINE or machine_cfg is None:
            continue
        if machine_cfg.workflow_type != "EXPRESS" or machine_cfg.invocation != "sync":
            continue
        elements = [node.id, edge.id, machine.id]
        name, api = ctx.label(machine.id), ctx.label(node.id)
        analysis = duration_analysis(ctx, machine)
        if analysis is None:
            expected = machine_cfg.expected_duration_s
            if expected is not None and expected > waits:
                found.append(
                    ctx.finding(
                        f"{name} is expected to run {number(expected)} s but {api} stops waiting "
                        f"after {number(waits)} s",
                        elements,
                    )
                )
        elif analysis.longest.seconds is None:
            found.append(
                ctx.finding(
                    f"{name} has no bounded duration (longest path "
                    f"{path_text(analysis.longest.path)}) but {api} stops waiting after "
                    f"{number(waits)} s",
                    elements,
                )
            )
        elif analysis.longest.seconds > waits:
            found.append(
                ctx.finding(
                    f"{name} can run {number(analysis.longest.seconds)} s (path "
                    f"{path_text(analysis.longest.path)}) but {api} stops waiting after "
                    f"{number(waits)} s",
                    elements,
                )
            )
    return found


def queue_config(node: Node) -> SqsQueueConfig | None:
    config = node.config
    return config if isinstance(config, SqsQueueConfig) else None


@rule(
    "SQS_LAMBDA_VISIBILITY_MIN",
    severity="error",
    title="Queue visibility timeout shorter than the consumer's timeout",
    source=limit_source("SQS_LAMBDA_VISIBILITY_MIN"),
    hint="Raise the queue's visibility timeout above the function's timeout; AWS recommends a "
    "multiple of it plus the batching window (SQS_LAMBDA_VISIBILITY_6X).",
    kinds=(QUEUE,),
)
def visibility_min(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    config = queue_config(node)
    if config is None:
        return found
    for edge, function in function_edges(ctx, node.id, "triggers"):
        if config.visibility_timeout_s < function.timeout_s:
            found.append(
                ctx.finding(
                    f"{ctx.label(node.id)} has a visibility timeout of "
                    f"{number(config.visibility_timeout_s)} s, shorter than the "
                    f"{number(function.timeout_s)} s timeout of {ctx.label(edge.target)}",
                    [node.id, edge.id, edge.target],
                )
            )
    return found


@rule(
    "SQS_LAMBDA_VISIBILITY_6X",
    severity="warning",
    title="Queue visibility timeout below the recommended multiple of the function timeout",
    source=limit_source("SQS_LAMBDA_VISIBILITY_RECOMMENDED"),
    hint=f"Set the visibility timeout to at least "
    f"{number(_L.value('SQS_LAMBDA_VISIBILITY_RECOMMENDED'))} times the function's timeout plus "
    "the batching window, so retries after throttling do not deliver messages twice.",
    kinds=(QUEUE,),
)
def visibility_6x(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    config = queue_config(node)
    if config is None:
        return found
    factor = ctx.limit("SQS_LAMBDA_VISIBILITY_RECOMMENDED")
    for edge, function in function_edges(ctx, node.id, "triggers"):
        if config.visibility_timeout_s < function.timeout_s:
            continue
        window = edge_config(edge).batching_window_s or 0
        recommended = factor * function.timeout_s + window
        if config.visibility_timeout_s < recommended:
            found.append(
                ctx.finding(
                    f"{ctx.label(node.id)} has a visibility timeout of "
                    f"{number(config.visibility_timeout_s)} s; AWS recommends at least "
                    f"{number(recommended)} s ({number(factor)} x the {number(function.timeout_s)} s "
                    f"timeout of {ctx.label(edge.target)} + {number(window)} s batching window)",
                    [node.id, edge.id, edge.target],
                )
            )
    return found


@rule(
    "SQS_FIFO_LAMBDA_BATCH",
    severity="error",
    title="Batch size above the FIFO queue maximum",
    source=limit_source("RULE_SQS_FIFO_LAMBDA_BATCH"),
    hint=f"Use a batch size of at most {number(_ESM['fifo_queue_max'])} for FIFO queues.",
    kinds=(QUEUE,),
)
def fifo_batch(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    config = queue_config(node)
    if config is None or not config.fifo:
        return found
    maximum = ctx.limit("LAMBDA_ESM_SQS_BATCH", "fifo_queue_max")
    for edge, _ in function_edges(ctx, node.id, "triggers"):
        size = edge_config(edge).batch_size
        if size is not None and size > maximum:
            found.append(
                ctx.finding(
                    f"{ctx.label(node.id)} is a FIFO queue; batch size {number(size)} to "
                    f"{ctx.label(edge.target)} is above the FIFO maximum of {number(maximum)}",
                    [node.id, edge.id, edge.target],
                )
            )
    return found


@rule(
    "SQS_LAMBDA_BATCH_WINDOW",
    severity="error",
    title="Large SQS batch without a batching window",
    source=limit_source("SQS_LAMBDA_BATCH_WINDOW_REQUIRED"),
    hint=f"Set a batching window of at least {number(_WINDOW['min_window_s'])} s, or use a batch "
    f"size of at most {number(_WINDOW['batch_size_above'])}.",
    kinds=(QUEUE,),
)
def batch_window(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    config = queue_config(node)
    if config is None or config.fifo:
        return found
    above = ctx.limit("SQS_LAMBDA_BATCH_WINDOW_REQUIRED", "batch_size_above")
    minimum = ctx.limit("SQS_LAMBDA_BATCH_WINDOW_REQUIRED", "min_window_s")
    for edge, _ in function_edges(ctx, node.id, "triggers"):
        settings = edge_config(edge)
        window = settings.batching_window_s or 0
        if settings.batch_size is not None and settings.batch_size > above and window < minimum:
            found.append(
                ctx.finding(
                    f"Batch size {number(settings.batch_size)} from {ctx.label(node.id)} to "
                    f"{ctx.label(edge.target)} needs a batching window of at least {number(minimum)} "
                    f"s (batches above {number(above)} records); it has {number(window)} s",
                    [node.id, edge.id, edge.target],
                )
            )
    return found


@rule(
    "SQS_LAMBDA_BATCH_LIMITS",
    severity="error",
    title="SQS event source mapping batch size or window out of range",
    source=limit_source("LAMBDA_ESM_SQS_BATCH"),
    hint=f"Use a batch size of at most {number(_ESM['standard_queue_max'])} and a batching "
    f"window of at most {number(_ESM['batch_window_max_s'])} s.",
    kinds=(QUEUE,),
)
def batch_limits(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    config = queue_config(node)
    if config is None:
        return found
    largest = ctx.limit("LAMBDA_ESM_SQS_BATCH", "standard_queue_max")
    longest = ctx.limit("LAMBDA_ESM_SQS_BATCH", "batch_window_max_s")
    for edge, _ in function_edges(ctx, node.id, "triggers"):
        settings = edge_config(edge)
        elements = [node.id, edge.id, edge.target]
        if not config.fifo and settings.batch_size is not None and settings.batch_size > largest:
            found.append(
                ctx.finding(
                    f"Batch size {number(settings.batch_size)} from {ctx.label(node.id)} to "
                    f"{ctx.label(edge.target)} is above the maximum of {number(largest)}",
                    elements,
                )
            )
        window = settings.batching_window_s
        if window is not None and window > longest:
            found.append(
                ctx.finding(
                    f"Batching window {number(window)} s from {ctx.label(node.id)} to "
                    f"{ctx.label(edge.target)} is above the maximum of {number(longest)} s",
                    elements,
                )
            )
    return found


@rule(
    "SQS_LAMBDA_REDRIVE",
    severity="warning",
    title="Redrive maxReceiveCount too low for a Lambda consumer",
    source=limit_source("RULE_SQS_LAMBDA_REDRIVE"),
    hint=f"Set maxReceiveCount to at least {number(_L.value('RULE_SQS_LAMBDA_REDRIVE'))}, so "
    "messages throttled by Lambda are retried rather than sent to the dead-letter queue.",
    kinds=(QUEUE,),
)
def redrive(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    config = queue_config(node)
    if config is None or config.max_receive_count is None:
        return found
    minimum = ctx.limit("RULE_SQS_LAMBDA_REDRIVE")
    consumers = [edge for edge, _ in function_edges(ctx, node.id, "triggers")]
    if consumers and config.max_receive_count < minimum:
        found.append(
            ctx.finding(
                f"{ctx.label(node.id)} has maxReceiveCount {number(config.max_receive_count)}; with "
                f"a Lambda consumer AWS recommends at least {number(minimum)}",
                [node.id, *(e.id for e in consumers), *(e.target for e in consumers)],
            )
        )
    return found


@rule(
    "ALB_LAMBDA_PAYLOAD",
    severity="info",
    title="ALB limits Lambda request and response bodies",
    source=limit_source("ALB_LAMBDA_LIMITS"),
    hint="Keep request bodies and response JSON small, or serve large content from S3 (for "
    "example with presigned URLs).",
    kinds=(LOAD_BALANCER,),
)
def alb_payload(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    request = ctx.limit("ALB_LAMBDA_LIMITS", "request_body_MB")
    response = ctx.limit("ALB_LAMBDA_LIMITS", "response_json_MB")
    lambda_limit = ctx.limit("LAMBDA_SYNC_PAYLOAD")
    for edge, _ in function_edges(ctx, node.id, "invokes"):
        yield ctx.finding(
            f"{ctx.label(node.id)} forwards to {ctx.label(edge.target)}: request bodies are "
            f"limited to {number(request)} MB and response JSON to {number(response)} MB, below "
            f"Lambda's own {size_text('LAMBDA_SYNC_PAYLOAD', lambda_limit)}",
            [node.id, edge.id, edge.target],
        )


@rule(
    "ALB_LAMBDA_SAME_ACCOUNT_REGION",
    severity="error",
    title="Load balancer invokes a Lambda function in another Region",
    source=limit_source("RULE_ALB_LAMBDA_SAME_ACCOUNT_REGION"),
    hint="Put the function in the load balancer's Region (a Lambda target group only takes "
    "functions of its own account and Region), or front it with API Gateway there.",
    kinds=(LOAD_BALANCER,),
)
def alb_lambda_region(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    home = ctx.design.effective_region(node.id)
    for edge, _ in function_edges(ctx, node.id, "invokes"):
        region = ctx.design.effective_region(edge.target)
        if region != home:
            yield ctx.finding(
                f"{ctx.label(node.id)} is in {home} but its Lambda target "
                f"{ctx.label(edge.target)} is in {region}",
                [node.id, edge.id, edge.target],
            )


SUBNET = "aws.subnet"
PUBLIC_ENDPOINT_KINDS = frozenset(
    {
        "aws.s3.bucket",
        "aws.dynamodb.table",
        "aws.sqs.queue",
        "aws.sns.topic",
        "aws.eventbridge.rule",
        "aws.stepfunctions.state_machine",
        "aws.lambda",
        "aws.ecr.repository",
    }
)


@rule(
    "LAMBDA_VPC_EGRESS",
    severity="warning",
    title="VPC-attached function cannot reach the AWS services it calls",
    source=limit_source("RULE_LAMBDA_VPC_EGRESS"),
    hint="Give the function's private subnet a route to a NAT gateway, or add VPC endpoints for "
    "those services; a public subnet does not help, since functions get no public IP.",
    kinds=("aws.lambda",),
)
def lambda_vpc_egress(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    subnet_id = ctx.design.ancestor_of_kind(node.id, SUBNET)
    if subnet_id is None:
        return found
    subnet: Any = ctx.design.node(subnet_id).config
    if subnet.visibility == "private" and subnet.nat:
        return found
    calls = [
        edge
        for edge in ctx.design.outgoing(node.id)
        if edge.relation in ("uses", "invokes")
        and ctx.design.node(edge.target).kind in PUBLIC_ENDPOINT_KINDS
        and ctx.design.ancestor_of_kind(edge.target, SUBNET) is None
    ]
    if not calls:
        return found
    targets = ", ".join(ctx.label(edge.target) for edge in calls)
    why = (
        "a public subnet, where functions get no public IP"
        if subnet.visibility == "public"
        else "a private subnet without a NAT gateway route"
    )
    found.append(
        ctx.finding(
            f"{ctx.label(node.id)} runs in {ctx.label(subnet_id)}, {why}, but calls {targets} "
            "through public AWS endpoints",
            [node.id, subnet_id, *(edge.id for edge in calls)],
        )
    )
    return found
