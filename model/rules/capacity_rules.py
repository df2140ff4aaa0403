"""Capacity estimates from the expected load drawn on the connections.

A function needs (sum of expected_rps on its incoming triggers and invokes edges) x
(avg_duration_ms / 1000) concurrent executions (Little's law). This counts every event as one
invocation, an upper bound for batched sources such as SQS. Lambda@Edge functions run in the
Regions of the edge locations, so they are left out of Regional totals.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from model.config.edges import EdgeConfig
from model.design import Design
from model.elements import Node
from model.rules.engine import Finding, RuleContext, limit_source, rule
from model.rules.lambda_rules import FUNCTION_KINDS, LAMBDA_EDGE, functions, number

LOAD_RELATIONS = ("triggers", "invokes")


@dataclass(frozen=True)
class Demand:
    node: Node
    rps: float
    duration_s: float
    edges: tuple[str, ...]

    @property
    def needed(self) -> float:
        return self.rps * self.duration_s

    def arithmetic(self) -> str:
        return f"{number(self.rps)} req/s × {number(self.duration_s)} s"


def demand_of(design: Design, node: Node, avg_duration_ms: float | None) -> Demand | None:
    """What the drawn load asks of the function, when both load and duration are known."""
    if avg_duration_ms is None:
        return None
    rps = 0.0
    edges: list[str] = []
    for edge in design.incoming(node.id):
        config = edge.config
        if (
            edge.relation in LOAD_RELATIONS
            and isinstance(config, EdgeConfig)
            and config.expected_rps is not None
        ):
            rps += config.expected_rps
            edges.append(edge.id)
    if not edges:
        return None
    return Demand(node, rps, avg_duration_ms / 1000, tuple(edges))


@rule(
    "LAMBDA_CONCURRENCY_DEMAND",
    severity="warning",
    title="Expected load needs more concurrency than is available",
    source=limit_source("LAMBDA_ACCOUNT_CONCURRENCY"),
    hint="Raise the function's reserved concurrency, shorten its duration, or request a higher "
    "concurrent-executions quota and set profile.quotas.lambda_concurrent_executions to it.",
    kinds=FUNCTION_KINDS,
    scope="design",
)
def concurrency_demand(ctx: RuleContext) -> Iterator[Finding]:
    design = ctx.design
    quota = ctx.limit("LAMBDA_ACCOUNT_CONCURRENCY")
    reserved_in: dict[str, int] = {}
    unreserved_demand: dict[str, list[Demand]] = {}
    for node, config in functions(design):
        demand = demand_of(design, node, config.avg_duration_ms)
        reserved = config.reserved_concurrency
        if demand is None and reserved is None:
            continue
        if demand is not None and reserved is not None and demand.needed > reserved:
            yield ctx.finding(
                f"{ctx.label(node.id)} needs {number(demand.needed)} concurrent executions "
                f"({demand.arithmetic()}) but reserves {number(reserved)}",
                [node.id, *demand.edges],
            )
        if node.kind == LAMBDA_EDGE:
            continue
        region = design.effective_region(node.id)
        if reserved is not None:
            reserved_in[region] = reserved_in.get(region, 0) + reserved
        elif demand is not None:
            unreserved_demand.setdefault(region, []).append(demand)
    for region, demands in sorted(unreserved_demand.items()):
        needed = sum(d.needed for d in demands)
        reserved_total = reserved_in.get(region, 0)
        available = quota - reserved_total
        if needed > available:
            parts = "; ".join(
                f"{ctx.label(d.node.id)}: {d.arithmetic()} = {number(d.needed)}" for d in demands
            )
            yield ctx.finding(
                f"Functions in {region} without reserved concurrency need {number(needed)} "
                f"concurrent executions ({parts}) but the account quota of {number(quota)} minus "
                f"{number(reserved_total)} reserved leaves {number(max(available, 0))}",
                [e for d in demands for e in (d.node.id, *d.edges)],
            )
