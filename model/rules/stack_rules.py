"""Limits of the CloudFormation stack the design exports to.

The resource count is the exporter's own: the rule builds the template's resources
(`resource_count`), so it can never disagree with what `archcanvas export --to cloudformation`
writes. A design with more
resource-producing nodes than the limit is over it without building anything. Nodes
contribute their kind, so the incremental engine re-runs the rule when nodes come or go (or
always, once it had to build the template), and the exporter is imported only when needed.
"""

from __future__ import annotations

from collections.abc import Iterator

from model.catalog.groups import NETWORK_KINDS, NO_RESOURCE_KINDS
from model.rules.engine import Finding, RuleContext, limit_source, rule


@rule(
    "CFN_STACK_RESOURCES",
    severity="warning",
    title="CloudFormation export exceeds a stack's resource limit",
    source=limit_source("CFN_STACK_RESOURCES_MAX"),
    hint="Split the design into several stacks (one design per stack, or nested stacks); "
    "identical EC2 instances already export as one Auto Scaling group.",
    scope="design",
    collect=lambda ctx, node: node.kind,
)
def stack_resources(ctx: RuleContext, kinds: dict[str, str]) -> Iterator[Finding]:
    maximum = ctx.limit("CFN_STACK_RESOURCES_MAX")
    producing = [
        node_id
        for node_id, kind in kinds.items()
        if kind not in NO_RESOURCE_KINDS and kind not in NETWORK_KINDS
    ]
    if len(producing) > maximum:
        yield ctx.finding(
            f"The CloudFormation export has at least {len(producing):,} resources; a stack "
            f"holds at most {maximum}",
            producing,
        )
        return
    from model.exporters.cloudformation import resource_count

    count = resource_count(ctx.design)
    if count > maximum:
        yield ctx.finding(
            f"The CloudFormation export has {count:,} resources; a stack holds at most {maximum}",
            producing,
        )
