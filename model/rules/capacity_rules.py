"""Capacity estimates from the expected load drawn on the connections.

A function needs (sum of expected_rps on its incoming triggers and invokes edges) x
(avg_duration_ms / 1000) concurrent executions (Little's law). This counts every event as one
invocation, an upper bound for batched sources such as SQS. Lambda@Edge functions run in the
Regions of the edge locations, so they are left out of Regional totals.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from model.config.edges import EdgeConfig
from model.elements import Node
from model.rules.engine import Finding, RuleContext, limit_source, rule
from model.rules.lambda_rules import FUNCTION_KINDS, LAMBDA_EDGE, lambda_config
from model.wording import number

LOAD_RELATIONS = ("triggers", "invokes")
LISTED = 5
"""How many of a Region's largest needs its message spells out (all are in elements)."""


class Demand(NamedTuple):
    """What the drawn load asks of one function, and what it has (a named tuple: a pass
    makes one per loaded or reserving function, a third of a frozen dataclass's cost)."""

    node_id: str
    region: str | None
    reserved: int | None
    rps: float
    duration_s: float
    edges: tuple[str, ...]

    @property
    def needed(self) -> float:
        return self.rps * self.duration_s

    def arithmetic(self) -> str:
        return f"{number(self.rps)} req/s × {number(self.duration_s)} s"


def demand(ctx: RuleContext, node: Node) -> Demand | None:
    """A function's load estimate and reservation; None when it has neither."""
    config = lambda_config(node)
    if config is None:
        return None
    rps = 0.0
    edges: list[str] = []
    if config.avg_duration_ms is not None:
        for edge in ctx.design.incoming(node.id):
            settings = edge.config
            if (
                edge.relation in LOAD_RELATIONS
                and isinstance(settings, EdgeConfig)
                and settings.expected_rps is not None
            ):
                rps += settings.expected_rps
                edges.append(edge.id)
    if not edges and config.reserved_concurrency is None:
        return None
    region = None if node.kind == LAMBDA_EDGE else ctx.design.effective_region(node.id)
    duration_s = (config.avg_duration_ms or 0.0) / 1000
    return Demand(node.id, region, config.reserved_concurrency, rps, duration_s, tuple(edges))


@rule(
    "LAMBDA_CONCURRENCY_DEMAND",
    severity="warning",
    title="Expected load needs more concurrency than is available",
    source=limit_source("LAMBDA_ACCOUNT_CONCURRENCY"),
    hint="Raise the function's reserved concurrency, shorten its duration, or request a higher "
    "concurrent-executions quota and set profile.quotas.lambda_concurrent_executions to it.",
    kinds=FUNCTION_KINDS,
    scope="design",
    collect=demand,
)
def concurrency_demand(ctx: RuleContext, demands: dict[str, Demand]) -> Iterator[Finding]:
    quota = ctx.limit("LAMBDA_ACCOUNT_CONCURRENCY")
    reserved_in: dict[str, int] = {}
    unreserved: dict[str, list[Demand]] = {}
    for item in demands.values():
        loaded = bool(item.edges)
        if loaded and item.reserved is not None and item.needed > item.reserved:
            yield ctx.finding(
                f"{ctx.label(item.node_id)} needs {number(item.needed)} concurrent executions "
                f"({item.arithmetic()}) but reserves {number(item.reserved)}",
                [item.node_id, *item.edges],
            )
        if item.region is None:
            continue
        if item.reserved is not None:
            reserved_in[item.region] = reserved_in.get(item.region, 0) + item.reserved
        elif loaded:
            unreserved.setdefault(item.region, []).append(item)
    for region, items in sorted(unreserved.items()):
        needed = sum(d.needed for d in items)
        reserved_total = reserved_in.get(region, 0)
        available = quota - reserved_total
        if needed > available:
            largest = sorted(items, key=lambda d: -d.needed)[:LISTED]
            parts = "; ".join(
                f"{ctx.label(d.node_id)}: {d.arithmetic()} = {number(d.needed)}" for d in largest
            )
            more = f"; and {len(items) - len(largest)} more" if len(items) > len(largest) else ""
            yield ctx.finding(
                f"Functions in {region} without reserved concurrency need {number(needed)} "
                f"concurrent executions ({parts}{more}) but the account quota of {number(quota)} "
                f"minus {number(reserved_total)} reserved leaves {number(max(available, 0))}",
                [e for d in items for e in (d.node_id, *d.edges)],
            )
