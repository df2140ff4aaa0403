"""Finding shapes several rule modules share, so each reads the same everywhere: a setting
outside the range AWS allows, and per-Region totals above an account quota."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

from model.elements import Node
from model.rules.engine import Finding, RuleContext
from model.wording import number

_K = TypeVar("_K", bound=Hashable)


def limit_range(ctx: RuleContext, limit_id: str) -> tuple[float, float]:
    """The (min, max) of a range limit."""
    return ctx.limit(limit_id, "min"), ctx.limit(limit_id, "max")


def outside_range(
    ctx: RuleContext,
    node: Node,
    value: float,
    bounds: tuple[float, float],
    setting: str,
    service: str,
    unit: str = "",
) -> tuple[Finding, ...]:
    """One finding when value lies outside bounds (both ends allowed), e.g. '"api" has memory
    20,000 MB; Lambda allows 128 to 10,240 MB' (a tuple, not a generator: most values are in
    range, and the rules that use it run for every function of a design)."""
    low, high = bounds
    if low <= value <= high:
        return ()
    suffix = f" {unit}" if unit else ""
    return (
        ctx.finding(
            f"{ctx.label(node.id)} has {setting} {number(value)}{suffix}; {service} allows "
            f"{number(low)} to {number(high)}{suffix}",
            [node.id],
        ),
    )


def grouped_totals(
    amounts: Mapping[str, tuple[_K, float]],
) -> list[tuple[_K, list[tuple[str, float]], float]]:
    """Contributions (node id -> (group, amount)) per group, groups in sorted order: each
    group with its nodes and amounts (in design order) and their total."""
    groups: dict[_K, list[tuple[str, float]]] = {}
    for node_id, (group, amount) in amounts.items():
        groups.setdefault(group, []).append((node_id, amount))
    return [
        (group, members, sum(amount for _, amount in members))
        for group, members in sorted(groups.items(), key=lambda item: repr(item[0]))
    ]


def count_per_region_over(
    ctx: RuleContext, regions: Mapping[str, str], quota: float, noun: str
) -> Iterable[Finding]:
    """A finding per Region holding more nodes (node id -> Region) than quota; noun is what
    they are, plural ('Lightsail load balancers')."""
    for region, members, total in grouped_totals({n: (r, 1.0) for n, r in regions.items()}):
        if total > quota:
            yield ctx.finding(
                f"{number(total)} {noun} in {region}; the account's quota is {number(quota)} "
                "per Region",
                [node_id for node_id, _ in members],
            )
