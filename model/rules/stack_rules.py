"""Limits of the CloudFormation stack the design exports to.

The resource count is the exporter's own: the rule builds the template, so it can never
disagree with what `archcanvas export --to cloudformation` writes. A design with more
resource-producing nodes than the limit is over it without building anything.
"""

from __future__ import annotations

from collections.abc import Iterator

from model.exporters._common import has_resource
from model.rules.engine import Finding, RuleContext, limit_source, rule


@rule(
    "CFN_STACK_RESOURCES",
    severity="warning",
    title="CloudFormation export exceeds a stack's resource limit",
    source=limit_source("CFN_STACK_RESOURCES_MAX"),
    hint="Split the design into several stacks (one design per stack, or nested stacks); "
    "identical EC2 instances already export as one Auto Scaling group.",
    scope="design",
)
def stack_resources(ctx: RuleContext) -> Iterator[Finding]:
    from model.exporters.cloudformation import build_template

    design = ctx.design
    maximum = ctx.limit("CFN_STACK_RESOURCES_MAX")
    producing = [node.id for node in design.iter_nodes() if has_resource(design, node.id)]
    if len(producing) > maximum:
        yield ctx.finding(
            f"The CloudFormation export has at least {len(producing):,} resources; a stack "
            f"holds at most {maximum}",
            producing,
        )
        return
    count = len(build_template(design)["Resources"])
    if count > maximum:
        yield ctx.finding(
            f"The CloudFormation export has {count:,} resources; a stack holds at most {maximum}",
            producing,
        )
