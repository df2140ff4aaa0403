"""Single-function Lambda limits: timeout, memory."""

from __future__ import annotations

from collections.abc import Iterator

from model.elements import Node
from model.limits import default_limits
from model.rules.engine import Finding, RuleContext, rule

FUNCTION_KINDS = ("aws.lambda", "aws.lambda_edge")
_L = default_limits()


@rule(
    "LAMBDA_TIMEOUT_MAX",
    severity="error",
    title="Lambda timeout above the maximum",
    source=_L.get("LAMBDA_TIMEOUT_MAX").source,
    hint="Split the work (Step Functions, SQS batches) or move it to ECS/Fargate or Batch.",
    kinds=FUNCTION_KINDS,
)
def timeout_max(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    timeout = node.config.timeout_s  # type: ignore[attr-defined]
    maximum = ctx.limit("LAMBDA_TIMEOUT_MAX")
    if timeout > maximum:
        yield ctx.finding(
            f"{ctx.label(node.id)} has a timeout of {timeout} s; Lambda allows at most {maximum} s",
            [node.id],
        )
    elif timeout < 1:
        yield ctx.finding(
            f"{ctx.label(node.id)} has a timeout of {timeout} s; minimum is 1 s", [node.id]
        )


@rule(
    "LAMBDA_MEMORY_RANGE",
    severity="error",
    title="Lambda memory outside the allowed range",
    source=_L.get("LAMBDA_MEMORY_RANGE").source,
    hint="Choose memory between 128 MB and 10,240 MB; CPU scales with memory.",
    kinds=FUNCTION_KINDS,
)
def memory_range(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    memory = node.config.memory_mb  # type: ignore[attr-defined]
    low = ctx.limit("LAMBDA_MEMORY_RANGE", "min")
    high = ctx.limit("LAMBDA_MEMORY_RANGE", "max")
    if not low <= memory <= high:
        yield ctx.finding(
            f"{ctx.label(node.id)} has {memory:,} MB of memory; Lambda allows "
            f"{low:,} to {high:,} MB",
            [node.id],
        )
